/*
 * Lesson 7: the modified page writer and the pagefile.
 *
 * 512 pages (2 MiB) are written, each starting with a line of text that
 * names it, in 2 MiB of RAM: they cannot all stay. Trimmed dirty pages
 * pile up on the Modified list; the modified page writer writes them to
 * the pagefile in clusters, each page to a slot. Then the first 64 pages
 * are written again: when they are trimmed again, each goes back to the
 * slot it already has.
 */
#include "../lesson.h"

#define BASE ((char *)0x20000000)
#define PAGES 512

int main(void)
{
    if (!VirtualAlloc(BASE, PAGES * 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE)) {
        printf("VirtualAlloc failed: error %lu\n", GetLastError());
        return 1;
    }
    for (int i = 0; i < PAGES; i++) {
        snprintf(BASE + i * 4096, 64, "page %d of %d, written once", i, PAGES);
    }
    for (int i = 0; i < 64; i++) {
        snprintf(BASE + i * 4096, 64, "page %d of %d, written twice", i, PAGES);
    }
    /* Touch the rest again (reading), so the 64 are trimmed once more. */
    unsigned sum = 0;
    for (int i = 64; i < PAGES; i++) {
        sum += (unsigned char)BASE[i * 4096 + 5];
    }
    printf("512 pages written, 64 of them twice; first page says \"%s\" (checksum %u)\n", BASE,
           sum);
    return 0;
}
