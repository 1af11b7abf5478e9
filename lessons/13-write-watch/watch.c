/*
 * Lesson 13: dirty bits at work.
 *
 * 64 pages allocated with MEM_WRITE_WATCH. The program writes four of
 * them and reads ten others, asks GetWriteWatch which pages were written,
 * clears the record (ResetWriteWatch), writes two pages again and asks
 * again; then it empties its own working set, so that the pages' Dirty
 * bits leave the page tables with their valid PTEs, and asks a last time.
 * Markers (lesson.h) split the fault log at each step.
 */
#include "../lesson.h"
#include <psapi.h>

#define WATCHED ((char *)0x20000000)
#define PAGES 64

static void *Written[PAGES];

/* One line: what GetWriteWatch reports, as page numbers in the region. */
static void Report(const char *when)
{
    ULONG_PTR count = PAGES;
    ULONG granularity;
    if (GetWriteWatch(0, WATCHED, PAGES * 4096, Written, &count, &granularity) != 0) {
        printf("%s: GetWriteWatch failed, error %lu\n", when, GetLastError());
        return;
    }
    printf("%-42s %lu written:", when, (unsigned long)count);
    for (ULONG_PTR i = 0; i < count; i++) {
        printf(" %lu", (unsigned long)((char *)Written[i] - WATCHED) / 4096);
    }
    printf("\n");
}

int main(void)
{
    VirtualAlloc(WATCHED, PAGES * 4096, MEM_RESERVE | MEM_COMMIT | MEM_WRITE_WATCH,
                 PAGE_READWRITE);
    volatile char *page = WATCHED;
    unsigned sum = 0;

    Marker(1);
    page[3 * 4096] = 1;             /* a store: the CPU sets the PTE's Dirty bit */
    page[10 * 4096] = 1;
    page[11 * 4096] = 1;
    page[40 * 4096] = 1;
    for (int i = 20; i < 30; i++) {
        sum += page[i * 4096];      /* loads: Accessed only */
    }
    Marker(2);
    Report("wrote 3, 10, 11, 40; read 20-29");
    ResetWriteWatch(WATCHED, PAGES * 4096);
    Report("ResetWriteWatch");

    Marker(3);
    page[10 * 4096] = 2;            /* again: no fault, the CPU sets Dirty again */
    page[50 * 4096] = 2;            /* a first touch: a demand-zero fault */
    Marker(4);
    Report("wrote 10 and 50");

    EmptyWorkingSet(GetCurrentProcess());
    Report("EmptyWorkingSet");
    return (int)sum;
}
