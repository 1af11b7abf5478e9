/*
 * The life of a page, one scenario per run (lifecycle.sh runs each with the
 * options that make it happen and then asks the fault log what happened):
 *
 *   clean   a page read (demand-zero, never written) is trimmed to Standby
 *           and comes back by a transition fault
 *   dirty   a page written is trimmed to Modified, written to the pagefile,
 *           its frame repurposed, and read back by a hard fault
 *   inpage  as dirty, but the read fails (--inject-read-error): the program
 *           gets STATUS_IN_PAGE_ERROR with its three parameters, and
 *           touching the page again reads it correctly
 *   commit  the commit limit (RAM + --pagefile-max): STATUS_COMMITMENT_LIMIT
 *           and nothing half-done; a decommit gives the charge back
 *   full    memory committed up to nearly the limit, written and read in
 *           several passes: the pagefile is full, and resident pages give
 *           up the slots they hold so that modified pages can be written
 *
 * The pages watched are at 0x20000000 so the fault log can be queried by
 * address.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "../inpageprobe.h"

#define WATCHED ((unsigned *)0x20000000)
#define WATCHED_PAGES 16
#define PAGE_WORDS 1024

static int Failures;
static void Check(int ok, const char *what)
{
    if (!ok) {
        printf("FAIL: %s\n", what);
        Failures++;
    }
}

static unsigned *AllocateWatched(void)
{
    unsigned *p = VirtualAlloc(WATCHED, WATCHED_PAGES * 4096, MEM_RESERVE | MEM_COMMIT,
                               PAGE_READWRITE);
    Check(p == WATCHED, "VirtualAlloc at 0x20000000");
    return p;
}

/* Touches `pages` other pages (writing), so that the watched ones leave
 * the working set (and, with little RAM, memory). */
static void Crowd(unsigned pages)
{
    unsigned *other = VirtualAlloc(NULL, pages * 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    Check(other != NULL, "VirtualAlloc of the crowd");
    for (unsigned i = 0; other && i < pages; i++) {
        other[i * PAGE_WORDS] = i;
    }
}

static volatile unsigned Sink;

static void Clean(void)
{
    unsigned *a = AllocateWatched();
    for (unsigned i = 0; i < WATCHED_PAGES; i++) {
        Sink = a[i * PAGE_WORDS];        /* demand-zero, read: the page stays clean */
    }
    Crowd(1000);
    for (unsigned i = 0; i < WATCHED_PAGES; i++) {
        Check(a[i * PAGE_WORDS + 5] == 0, "a trimmed zero page reads zero");
    }
}

static unsigned Pattern(unsigned i, unsigned w) { return 0xC0DE0000u + i * 4096 + w; }

static unsigned *WriteWatchedAndCrowd(void)
{
    unsigned *a = AllocateWatched();
    for (unsigned i = 0; i < WATCHED_PAGES; i++) {
        for (unsigned w = 0; w < PAGE_WORDS; w++) {
            a[i * PAGE_WORDS + w] = Pattern(i, w);
        }
    }
    Crowd(3000);                         /* 12 MiB through 4 MiB of RAM */
    return a;
}

static void Dirty(void)
{
    unsigned *a = WriteWatchedAndCrowd();
    for (unsigned i = 0; i < WATCHED_PAGES; i++) {
        for (unsigned w = 0; w < PAGE_WORDS; w++) {
            if (a[i * PAGE_WORDS + w] != Pattern(i, w)) {
                Check(0, "a page read back from the pagefile has its data");
                return;
            }
        }
    }
}

static void InPage(void)
{
    unsigned *a = WriteWatchedAndCrowd();
    AddVectoredExceptionHandler(1, InPageHandler);
    unsigned value = ReadWord(a);
    Check(Seen.ExceptionCode == 0xC0000006, "STATUS_IN_PAGE_ERROR raised");
    Check(value == 0xDEADDEAD, "the faulting read did not complete");
    Check(Seen.NumberParameters == 3, "three parameters");
    Check(Seen.ExceptionInformation[0] == 0, "[0] = 0, a read");
    Check(Seen.ExceptionInformation[1] == (ULONG_PTR)a, "[1] = the address");
    Check(Seen.ExceptionInformation[2] == 0xC000009C, "[2] = STATUS_DEVICE_DATA_ERROR");
    Check(Seen.ExceptionAddress != NULL, "ExceptionAddress is the instruction");
    /* The page is still in the pagefile: touching it again reads it. */
    Check(a[0] == Pattern(0, 0) && a[PAGE_WORDS - 1] == Pattern(0, PAGE_WORDS - 1),
          "the page reads correctly after the in-page error");
}

typedef LONG(NTAPI *NT_ALLOCATE)(HANDLE, PVOID *, ULONG_PTR, PSIZE_T, ULONG, ULONG);

static void Commit(void)
{
    /* --ram 4M --pagefile-max 4M: the limit is a little under 8 MiB. */
    SetLastError(0);
    void *big = VirtualAlloc(NULL, 16u << 20, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    Check(big == NULL, "16 MiB cannot be committed");
    Check(GetLastError() == ERROR_COMMITMENT_LIMIT, "GetLastError() = ERROR_COMMITMENT_LIMIT");

    NT_ALLOCATE nt = (NT_ALLOCATE)GetProcAddress(GetModuleHandleA("ntdll.dll"),
                                                 "NtAllocateVirtualMemory");
    PVOID base = NULL;
    SIZE_T size = 16u << 20;
    LONG status = nt((HANDLE)-1, &base, 0, &size, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    Check((unsigned long)status == 0xC000012D, "NtAllocateVirtualMemory: STATUS_COMMITMENT_LIMIT");
    Check(base == NULL, "BaseAddress untouched");

    /* Reserving works (no charge); committing all of it fails and leaves
     * every page reserved. */
    char *reserved = VirtualAlloc(NULL, 16u << 20, MEM_RESERVE, PAGE_NOACCESS);
    Check(reserved != NULL, "16 MiB can be reserved");
    Check(VirtualAlloc(reserved, 16u << 20, MEM_COMMIT, PAGE_READWRITE) == NULL,
          "committing the reservation fails");
    MEMORY_BASIC_INFORMATION mbi;
    VirtualQuery(reserved, &mbi, sizeof mbi);
    Check(mbi.State == MEM_RESERVE && mbi.RegionSize == (16u << 20),
          "after the failure the whole range is still MEM_RESERVE");

    /* Commit 256 KiB pieces until the limit; touch each. */
    unsigned pieces = 0;
    while (pieces < 64 && VirtualAlloc(reserved + pieces * 0x40000, 0x40000, MEM_COMMIT,
                                       PAGE_READWRITE)) {
        memset(reserved + pieces * 0x40000, (int)pieces, 0x40000);
        pieces++;
    }
    Check(pieces > 8 && pieces < 32, "the limit is between 2 and 8 MiB of commit");
    Check(GetLastError() == ERROR_COMMITMENT_LIMIT, "the last commit hit the limit");
    /* Decommitting a piece returns its charge: the next commit succeeds. */
    Check(VirtualFree(reserved, 0x40000, MEM_DECOMMIT), "decommit a piece");
    Check(VirtualAlloc(reserved + pieces * 0x40000, 0x40000, MEM_COMMIT, PAGE_READWRITE) != NULL,
          "after a decommit, another piece can be committed");
    /* And every piece still holds its bytes (they went through the pagefile). */
    for (unsigned i = 1; i < pieces; i++) {
        if (reserved[i * 0x40000 + 0x1234] != (char)i) {
            Check(0, "committed data survives paging");
            break;
        }
    }
    printf("pieces %u\n", pieces);
}

static void Full(void)
{
    /* --ram 4M --pagefile-max 4M: commit all that can be, in 64 KiB pieces. */
    enum { PIECE = 0x10000, MAX = 256 };
    static unsigned char *piece[MAX];
    unsigned n = 0;
    while (n < MAX && (piece[n] = VirtualAlloc(NULL, PIECE, MEM_RESERVE | MEM_COMMIT,
                                               PAGE_READWRITE)) != NULL) {
        n++;
    }
    Check(n > 64 && n < MAX, "the commit limit was reached");
    /* Give back a little for the DLLs' and the stack's own needs. */
    for (unsigned k = 0; k < 4 && n > 0; k++) {
        VirtualFree(piece[--n], 0, MEM_RELEASE);
    }
    for (unsigned pass = 0; pass < 3; pass++) {
        for (unsigned i = 0; i < n; i++) {
            for (unsigned off = 0; off < PIECE; off += 4096) {
                unsigned *word = (unsigned *)(piece[i] + off);
                if (pass > 0 && *word != i * 1000 + off + pass - 1) {
                    Check(0, "a page holds what was last written to it");
                    return;
                }
                *word = i * 1000 + off + pass;
            }
        }
    }
    printf("full: %u pieces of 64 KiB\n", n);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    if (strcmp(mode, "clean") == 0) {
        Clean();
    } else if (strcmp(mode, "dirty") == 0) {
        Dirty();
    } else if (strcmp(mode, "inpage") == 0) {
        InPage();
    } else if (strcmp(mode, "commit") == 0) {
        Commit();
    } else if (strcmp(mode, "full") == 0) {
        Full();
    } else {
        printf("usage: lifecycle clean|dirty|inpage|commit\n");
        return 2;
    }
    printf("%s: %d failures\n", mode, Failures);
    return Failures ? 1 : 0;
}
