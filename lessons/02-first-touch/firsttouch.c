/*
 * Lesson 2: the first touch.
 *
 * Committed memory has no frames until it is touched. The first touch of
 * each page is a demand-zero fault: the memory manager takes a frame that
 * is already zero (the Zeroed list) or zeroes one itself (from the Free
 * list), and maps it. Round 1 commits and touches 256 pages, then releases
 * them (their frames go to the Free list: they still hold round 1's data);
 * round 2 does it again. With the argument "sleep" the program sleeps in
 * between, and the idle system zeroes the free frames first.
 *
 * Marker(n) (lesson.h) leaves a mark in the fault log between the rounds.
 */
#include "../lesson.h"
#include <string.h>

#define BASE ((char *)0x20000000)
#define PAGES 256

static void Round(int n)
{
    Marker(n);
    char *p = VirtualAlloc(BASE, PAGES * 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    unsigned nonzero = 0;
    for (int i = 0; i < PAGES; i++) {
        /* The first touch of each page: a read. The page must read as
         * zero, whatever its frame held before. */
        nonzero += p[i * 4096 + 100] != 0;
        /* Then fill it, so that a frame that comes back holds garbage. */
        memset(p + i * 4096, 0xA0 + n, 4096);
    }
    printf("round %d: %d pages touched at 0x%08lX, %u read as non-zero\n", n, PAGES, (DWORD)p,
           nonzero);
    VirtualFree(p, 0, MEM_RELEASE);
}

int main(int argc, char **argv)
{
    int sleep = argc > 1 && strcmp(argv[1], "sleep") == 0;
    Round(1);
    if (sleep) {
        /* The only thread waits: the system is idle, and the zero page
         * thread zeroes free frames onto the Zeroed list. */
        printf("sleeping 10 ms\n");
        Sleep(10);
    }
    Round(2);
    Marker(3);
    return 0;
}
