/*
 * Lesson 8: hard faults and read-ahead.
 *
 * 1,024 pages (4 MiB) are written through 2 MiB of RAM, so most of them
 * end up in the pagefile. Then the program reads every page back once —
 * in address order ("sequential", the default) or in a shuffled order
 * ("random") — and checks each. Reading a page whose only copy is in the
 * pagefile is a hard fault; in address order the memory manager also
 * reads the following pages ahead, so most of them come back by cheap
 * transition faults instead.
 */
#include "../lesson.h"
#include <string.h>

#define BASE ((volatile unsigned *)0x20000000)
#define PAGES 1024
#define WORDS 1024

int main(int argc, char **argv)
{
    int random = argc > 1 && strcmp(argv[1], "random") == 0;
    static unsigned order[PAGES];
    VirtualAlloc((void *)BASE, PAGES * 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    for (unsigned i = 0; i < PAGES; i++) {
        BASE[i * WORDS] = i * 7 + 1;
        order[i] = i;
    }
    if (random) {
        /* A fixed shuffle (Fisher-Yates with msvcrt's rand, seed 1): the
         * same order on every run. */
        srand(1);
        for (unsigned i = PAGES - 1; i > 0; i--) {
            unsigned j = (unsigned)rand() % (i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
    Marker(1); /* the reading starts */
    unsigned bad = 0;
    for (unsigned k = 0; k < PAGES; k++) {
        unsigned i = order[k];
        bad += BASE[i * WORDS] != i * 7 + 1;
    }
    Marker(2); /* the reading is over */
    printf("%s read of %d pages: %u wrong\n", random ? "random" : "sequential", PAGES, bad);
    return bad != 0;
}
