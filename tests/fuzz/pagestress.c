/*
 * Randomized paging stress with full verification, in the guest:
 * pagestress.exe SEED PAGES OPERATIONS.
 *
 * PAGES pages are committed (run it with a --ram much smaller than that,
 * so that they go to the pagefile and back all the time). Every page's
 * contents are a function of (seed, page, version); the version of each
 * page is kept in a table (itself in paged memory). Operations, chosen at
 * random: write a page whole with its next version, check a page whole,
 * write or check a run of pages, decommit a run (its pages must read as
 * zeros when committed again), make a run read-only and check it, and
 * query a page. Any byte that differs is a data mismatch: the program
 * prints where and exits with 99. Otherwise it prints the operations done
 * and exits 0.
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

#define PAGE 4096u
#define MISMATCH 99

static unsigned long long State;
static DWORD Seed;
static DWORD Random(void)
{
    State = State * 6364136223846793005ull + 1442695040888963407ull;
    return (DWORD)(State >> 33);
}

static BYTE *Base;
static WORD *Version;   /* 0: decommitted or never written: zeros */

static DWORD Word(DWORD page, DWORD version, DWORD i)
{
    DWORD x = Seed ^ (page * 0x9E3779B1u) ^ (version * 0x85EBCA77u) ^ (i * 0xC2B2AE3Du);
    x ^= x >> 15;
    return x * 0x2C1B3C6Du;
}

static void Write(DWORD page)
{
    DWORD v = ++Version[page];
    if (v == 0) {
        v = Version[page] = 1;
    }
    DWORD *p = (DWORD *)(Base + page * PAGE);
    for (DWORD i = 0; i < PAGE / 4; i++) {
        p[i] = Word(page, v, i);
    }
}

static void Check(DWORD page, DWORD operation)
{
    const DWORD *p = (const DWORD *)(Base + page * PAGE);
    DWORD v = Version[page];
    for (DWORD i = 0; i < PAGE / 4; i++) {
        DWORD want = v ? Word(page, v, i) : 0;
        if (p[i] != want) {
            printf("pagestress: MISMATCH at operation %lu: page %lu (0x%08lx) word %lu is 0x%08lx, "
                   "version %lu wants 0x%08lx\n", operation, page, (DWORD)(p + i), i, p[i], v, want);
            fflush(stdout);
            ExitProcess(MISMATCH);
        }
    }
}

int main(int argc, char **argv)
{
    Seed = argc > 1 ? strtoul(argv[1], NULL, 0) : 1;
    DWORD pages = argc > 2 ? strtoul(argv[2], NULL, 0) : 2048;
    DWORD operations = argc > 3 ? strtoul(argv[3], NULL, 0) : 10000;
    State = Seed * 0x9E3779B97F4A7C15ull + 7;
    if (pages < 16 || pages > 65536) {
        printf("pagestress: PAGES must be 16 to 65536\n");
        return 2;
    }
    Base = VirtualAlloc(NULL, pages * PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    Version = VirtualAlloc(NULL, pages * sizeof *Version, MEM_COMMIT, PAGE_READWRITE);
    if (!Base || !Version) {
        printf("pagestress: cannot commit %lu pages\n", pages);
        return 3;
    }
    DWORD hot = pages / 8; /* half the accesses go to an eighth of the pages */
    for (DWORD op = 0; op < operations; op++) {
        DWORD r = Random() % 100;
        DWORD page = Random() % 2 ? Random() % hot : Random() % pages;
        DWORD run = 1 + Random() % 16;
        if (page + run > pages) {
            run = pages - page;
        }
        if (r < 35) {
            Write(page);
        } else if (r < 70) {
            Check(page, op);
        } else if (r < 80) {
            for (DWORD i = 0; i < run; i++) {
                Write(page + i);
            }
        } else if (r < 90) {
            for (DWORD i = 0; i < run; i++) {
                Check(page + i, op);
            }
        } else if (r < 94) {
            if (!VirtualFree(Base + page * PAGE, run * PAGE, MEM_DECOMMIT) ||
                !VirtualAlloc(Base + page * PAGE, run * PAGE, MEM_COMMIT, PAGE_READWRITE)) {
                printf("pagestress: decommit/commit failed: %lu\n", GetLastError());
                return 4;
            }
            for (DWORD i = 0; i < run; i++) {
                Version[page + i] = 0;
                Check(page + i, op);
            }
        } else if (r < 98) {
            DWORD old;
            if (!VirtualProtect(Base + page * PAGE, run * PAGE, PAGE_READONLY, &old)) {
                printf("pagestress: VirtualProtect failed: %lu\n", GetLastError());
                return 4;
            }
            for (DWORD i = 0; i < run; i++) {
                Check(page + i, op);
            }
            VirtualProtect(Base + page * PAGE, run * PAGE, PAGE_READWRITE, &old);
        } else {
            MEMORY_BASIC_INFORMATION mbi;
            if (!VirtualQuery(Base + page * PAGE, &mbi, sizeof mbi) || mbi.State != MEM_COMMIT ||
                mbi.Protect != PAGE_READWRITE) {
                printf("pagestress: VirtualQuery of page %lu: state 0x%lx protect 0x%lx\n", page,
                       mbi.State, mbi.Protect);
                return MISMATCH;
            }
        }
    }
    for (DWORD page = 0; page < pages; page++) {
        Check(page, operations);
    }
    printf("pagestress: %lu operations on %lu pages, all verified\n", operations, pages);
    return 0;
}
