/* malloc and friends: blocks of the process heap, as msvcrt's are. */
#include "msvcrt/crt.h"

#define ENOMEM 12

static PVOID Heap(void)
{
    return NtCurrentPeb()->ProcessHeap;
}

void *CDECL malloc(size_t size)
{
    void *p = RtlAllocateHeap(Heap(), 0, size);
    if (!p) {
        *_errno() = ENOMEM;
    }
    return p;
}

void *CDECL calloc(size_t count, size_t size)
{
    if (size && count > 0xFFFFFFFFu / size) {
        *_errno() = ENOMEM;
        return NULL;
    }
    void *p = RtlAllocateHeap(Heap(), HEAP_ZERO_MEMORY, count * size);
    if (!p) {
        *_errno() = ENOMEM;
    }
    return p;
}

void CDECL free(void *p)
{
    RtlFreeHeap(Heap(), 0, p);
}

void *CDECL realloc(void *p, size_t size)
{
    if (!p) {
        return malloc(size);
    }
    if (size == 0) {
        free(p);
        return NULL;
    }
    void *q = RtlReAllocateHeap(Heap(), 0, p, size);
    if (!q) {
        *_errno() = ENOMEM;
    }
    return q;
}

size_t CDECL _msize(void *p)
{
    return RtlSizeHeap(Heap(), 0, p);
}
