/*
 * Lesson 9: commit charge and the commit limit.
 *
 * The program commits 1 MiB at a time until the system refuses, looks at
 * how the refusal is reported (kernel32's ERROR_COMMITMENT_LIMIT, ntdll's
 * STATUS_COMMITMENT_LIMIT), shows that reserving still works and that
 * releasing gives the charge back — then writes every page it committed:
 * the promise holds, even with far less RAM than that.
 */
#include "../lesson.h"

typedef LONG(NTAPI *NTALLOC)(HANDLE, void **, ULONG_PTR, SIZE_T *, ULONG, ULONG);

#define MB (1024 * 1024)

int main(void)
{
    /* 64 MiB of addresses at 0x20000000 (so the queries can find them),
     * committed 1 MiB at a time. */
    char *region = VirtualAlloc((void *)0x20000000, 64 * MB, MEM_RESERVE, PAGE_READWRITE);
    static char *blocks[64];
    int n = 0;
    while (n < 64 && (blocks[n] = VirtualAlloc(region + n * MB, MB, MEM_COMMIT, PAGE_READWRITE))) {
        n++;
    }
    printf("committed %d MiB in 1 MiB blocks; the next one: NULL, GetLastError() = %lu\n", n,
           GetLastError());

    /* The same request made to the system service itself. */
    NTALLOC alloc = (NTALLOC)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtAllocateVirtualMemory");
    void *base = NULL;
    SIZE_T size = MB;
    LONG status = alloc(GetCurrentProcess(), &base, 0, &size, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    printf("NtAllocateVirtualMemory: status 0x%08lX, base %p\n", (unsigned long)status, base);

    /* Reserving costs no commit: 256 MiB of addresses are still there. */
    void *reserved = VirtualAlloc(NULL, 256 * MB, MEM_RESERVE, PAGE_READWRITE);
    printf("reserving 256 MiB: %s\n", reserved ? "done" : "refused");

    /* Decommitting a block returns its charge: a new commit fits again. */
    VirtualFree(blocks[n - 1], MB, MEM_DECOMMIT);
    blocks[n - 1] = VirtualAlloc(blocks[n - 1], MB, MEM_COMMIT, PAGE_READWRITE);
    printf("after decommitting 1 MiB, committing 1 MiB: %s\n", blocks[n - 1] ? "done" : "refused");

    /* Every committed page can be used: write them all, read them back. */
    unsigned bad = 0;
    for (int b = 0; b < n; b++) {
        for (int p = 0; p < MB / 4096; p++) {
            ((unsigned *)blocks[b])[p * 1024] = (unsigned)(b * 1000 + p);
        }
    }
    for (int b = 0; b < n; b++) {
        for (int p = 0; p < MB / 4096; p++) {
            bad += ((unsigned *)blocks[b])[p * 1024] != (unsigned)(b * 1000 + p);
        }
    }
    printf("wrote and read back all %d MiB: %u wrong\n", n, bad);
    return 0;
}
