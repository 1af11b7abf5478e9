/*
 * Lesson 15: thrashing.
 *
 * The program's working set is 4 MiB: it walks 1,024 pages in address
 * order, writing one word in each, six times over. Run with less and less
 * RAM (or a smaller working-set maximum), the same program does the same
 * work — and the memory manager's work grows by orders of magnitude once
 * the pages it uses no longer fit.
 */
#include "../lesson.h"

#define BASE ((volatile unsigned *)0x20000000)
#define PAGES 1024
#define PASSES 6

int main(void)
{
    if (!VirtualAlloc((void *)BASE, PAGES * 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE)) {
        printf("VirtualAlloc failed: %lu\n", GetLastError());
        return 1;
    }
    for (int pass = 0; pass < PASSES; pass++) {
        for (int i = 0; i < PAGES; i++) {
            BASE[i * 1024] += (unsigned)pass;
        }
    }
    unsigned sum = 0;
    for (int i = 0; i < PAGES; i++) {
        sum += BASE[i * 1024];
    }
    printf("%d passes over %d pages, sum %u\n", PASSES, PAGES, sum);
    return sum != PAGES * 15u;
}
