/*
 * Lesson 5: working sets.
 *
 * Eight rounds. Each round the program touches its 32 "hot" pages, then
 * 96 of its 384 "cold" pages — a different quarter of them each round, so
 * a cold page is touched every fourth round. The working-set manager
 * keeps the pages used recently (the CPU's Accessed bit says which) and
 * trims the others; a trimmed page touched again comes back by a soft
 * (transition) fault.
 *
 * Windows would let the program watch its own working set
 * (GetProcessMemoryInfo, QueryWorkingSet); ntmm's guest has no such call
 * yet, so the program leaves a marker in the fault log at the start of
 * each round (Marker, lesson.h) and the queries read the faults round by
 * round.
 */
#include "../lesson.h"

#define HOT ((volatile char *)0x20000000)   /* 32 pages */
#define COLD ((volatile char *)0x21000000)  /* 384 pages */
#define HOT_PAGES 32
#define COLD_PAGES 384
#define COLD_PER_ROUND 96
#define ROUNDS 8

int main(void)
{
    VirtualAlloc((void *)HOT, HOT_PAGES * 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    VirtualAlloc((void *)COLD, COLD_PAGES * 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    unsigned sum = 0;
    for (int round = 1; round <= ROUNDS; round++) {
        Marker(round);
        for (int i = 0; i < HOT_PAGES; i++) {
            sum += HOT[i * 4096]++;
        }
        int first = (round - 1) % (COLD_PAGES / COLD_PER_ROUND) * COLD_PER_ROUND;
        for (int i = first; i < first + COLD_PER_ROUND; i++) {
            sum += COLD[i * 4096]++;
        }
    }
    Marker(ROUNDS + 1);
    printf("%d rounds over %d hot and %d cold pages, checksum %u\n", ROUNDS, HOT_PAGES, COLD_PAGES,
           sum);
    return 0;
}
