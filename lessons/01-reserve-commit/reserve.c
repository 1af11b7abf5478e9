/*
 * Lesson 1: reserve versus commit.
 *
 * Reserving takes addresses (a VAD) and nothing else; committing promises
 * memory (commit charge) but still uses no frame; only the first touch of
 * a committed page gives it a frame (lesson 2). Every region starts on a
 * 64 KiB boundary, the allocation granularity.
 */
#include "../lesson.h"

#define MB (1024 * 1024)

int main(void)
{
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    printf("page size %lu bytes, allocation granularity %lu bytes\n", si.dwPageSize,
           si.dwAllocationGranularity);

    /* 1. Reserve 64 MiB: far more than this run's 16 MiB of RAM, and more
     *    than the commit limit. Reserving is only addresses: it works. (At
     *    a fixed address, 0x10000000, so that the queries can name it;
     *    NULL would let the memory manager choose.) */
    char *big = VirtualAlloc((void *)0x10000000, 64 * MB, MEM_RESERVE, PAGE_READWRITE);
    printf("\nreserved 64 MiB at 0x%08lX\n", (DWORD)big);
    PrintRegions(big, 64 * MB);

    /* 2. A reserved page has no storage behind it: touching it is an
     *    access violation, not a fault the memory manager can resolve. */
    printf("\nreading a reserved page: ");
    Touch(big + 0x1000, 'r');
    PrintSeen();

    /* 3. Commit four pages in the middle (at 1 MiB into the reservation).
     *    The region splits in three; the middle one is MEM_COMMIT. This
     *    charges 4 pages of commit, and still no frame is used. */
    char *four = VirtualAlloc(big + 1 * MB, 4 * 4096, MEM_COMMIT, PAGE_READWRITE);
    printf("\ncommitted 4 pages at 0x%08lX\n", (DWORD)four);
    PrintRegions(big, 64 * MB);

    /* 4. Only now does a frame appear: the first touch is a demand-zero
     *    fault (lesson 2), and the page reads as zero. */
    printf("\nfirst read of the committed page: byte = %d\n", four[0]);
    four[0] = 42;

    /* 5. The 64 KiB granularity: four 1-page reservations land 64 KiB
     *    apart; the 15 pages after each are unusable addresses. */
    printf("\nfour 1-page reservations:");
    for (int i = 0; i < 4; i++) {
        printf(" 0x%08lX", (DWORD)VirtualAlloc(NULL, 4096, MEM_RESERVE, PAGE_READWRITE));
    }
    printf("\n");

    /* 6. A base address that is not 64 KiB-aligned is rounded down to the
     *    granularity when reserving; the size covers every page the range
     *    [base, base + size) touches. */
    char *odd = VirtualAlloc((void *)0x30001234, 0x2000, MEM_RESERVE, PAGE_READWRITE);
    MEMORY_BASIC_INFORMATION m;
    VirtualQuery(odd, &m, sizeof m);
    printf("asked for 0x30001234, 0x2000 bytes: got 0x%08lX, AllocationBase 0x%08lX, %lu pages\n",
           (DWORD)odd, (DWORD)m.AllocationBase, (DWORD)m.RegionSize / 4096);

    /* 7. Committing all 64 MiB is refused: more than RAM + pagefile. */
    void *all = VirtualAlloc(big, 64 * MB, MEM_COMMIT, PAGE_READWRITE);
    printf("\ncommitting all 64 MiB: %s, GetLastError() = %lu\n", all ? "done" : "refused",
           GetLastError());
    return 0;
}
