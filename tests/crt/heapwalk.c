/*
 * Walking the C runtime's heap: _heapwalk meets every block once, the
 * program's own with the sizes it asked for (busy) and the one it freed
 * (free: 3 below), a large block too, and ends with _HEAPEND; a _pentry it did not
 * give is _HEAPBADPTR. _heapset fills the free blocks and leaves the heap
 * whole (_heapchk, malloc and the walk still work); _get_heap_handle is
 * the process heap; _heapadd is ENOSYS (Microsoft's pages for each).
 */
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static void *blocks[4];
static char *freed;   /* blocks[1] once freed: inside a free entry (which may have merged) */
static const size_t sizes[4] = {10, 100, 1000, 1 << 20};

static int Walk(const char *when)
{
    _HEAPINFO info = {0};
    int status, entries = 0, seen[4] = {0}, bad = 0;
    while ((status = _heapwalk(&info)) == _HEAPOK) {
        entries++;
        for (int i = 0; i < 4; i++) {
            if (info._pentry == blocks[i]) {
                seen[i] = info._useflag == _USEDENTRY && info._size == sizes[i] ? 1 : 2;
            }
        }
        if (info._useflag == _FREEENTRY) {
            unsigned char *p = (unsigned char *)info._pentry;
            if (freed && freed >= (char *)p - 8 && freed < (char *)p + info._size) {
                seen[1] = 3;
            }
            bad += info._size && p[0] != 0xAB && p[info._size - 1] != 0xAB;
        }
    }
    printf("%s: ends with %s, own blocks %d %d %d %d, more than 4 entries %d\n", when,
           status == _HEAPEND ? "_HEAPEND" : "other", seen[0], seen[1], seen[2], seen[3], entries > 4);
    return bad;
}

int main(void)
{
    for (int i = 0; i < 4; i++) {
        blocks[i] = malloc(sizes[i]);
    }
    Walk("walk");
    free(blocks[1]);
    freed = blocks[1];
    blocks[1] = NULL;
    Walk("after free");

    _HEAPINFO bogus = {(int *)((char *)blocks[0] + 4), 10, _USEDENTRY};
    printf("_heapwalk from a pointer it did not give: %s\n", _heapwalk(&bogus) == _HEAPBADPTR ? "_HEAPBADPTR" : "other");

    printf("_heapset(0xAB): %s\n", _heapset(0xAB) == _HEAPOK ? "_HEAPOK" : "other");
    printf("free blocks not filled after _heapset: %d\n", Walk("after _heapset"));
    printf("_heapchk: %s\n", _heapchk() == _HEAPOK ? "_HEAPOK" : "other");
    void *more = malloc(200);
    memset(more, 1, 200);
    printf("malloc after _heapset: %s\n", more ? "ok" : "NULL");
    free(more);
    printf("_get_heap_handle is the process heap: %d\n", _get_heap_handle() == (intptr_t)GetProcessHeap());
    errno = 0;
    int r = _heapadd(blocks[0], 10);
    printf("_heapadd: %d errno %s\n", r, errno == ENOSYS ? "ENOSYS" : "other");
    for (int i = 0; i < 4; i++) {
        free(blocks[i]);
    }
    return 0;
}
