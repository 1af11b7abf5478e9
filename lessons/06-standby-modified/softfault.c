/*
 * Lesson 6: the standby and modified lists.
 *
 * 32 pages written (dirty) and 32 pages only read (clean, in ntmm), then
 * 400 other pages touched, so that with a working-set maximum of 64 the
 * 64 watched pages are trimmed: their frames go to the Modified list
 * (dirty) or the Standby list (clean) — still holding the data. Touching
 * half of each set again brings those pages back without any I/O: soft
 * (transition) faults, on the very same frames.
 */
#include "../lesson.h"

#define DIRTY ((volatile unsigned *)0x20000000)
#define CLEAN ((volatile unsigned *)0x20100000)
#define CROWD ((volatile unsigned *)0x21000000)
#define WORDS 1024 /* per page */

int main(void)
{
    VirtualAlloc((void *)DIRTY, 32 * 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    VirtualAlloc((void *)CLEAN, 32 * 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    VirtualAlloc((void *)CROWD, 400 * 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    unsigned zeros = 0;
    for (int i = 0; i < 32; i++) {
        DIRTY[i * WORDS] = 1000 + i;     /* written: the CPU sets the Dirty bit */
        zeros += CLEAN[i * WORDS] == 0;  /* only read */
    }
    for (int i = 0; i < 400; i++) {
        CROWD[i * WORDS] = i;            /* pushes the 64 out of the working set */
    }
    /* Back to the first 16 pages of each set. */
    unsigned intact = 0;
    for (int i = 0; i < 16; i++) {
        intact += DIRTY[i * WORDS] == 1000u + i;
        zeros += CLEAN[i * WORDS] == 0;
    }
    printf("16 written pages came back intact: %u; clean pages read as zero: %u of 48 reads\n",
           intact, zeros);
    return 0;
}
