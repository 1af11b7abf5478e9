/*
 * _aligned_malloc and its family: a heap block with room for the
 * alignment, the caller's pointer inside it, and the block's own address
 * kept in the pointer-sized slot just below the caller's pointer (rounded
 * down to a multiple of 4), as msvcrt keeps it. libstdc++'s aligned
 * operator new calls these.
 */
#include "msvcrt/crt.h"

#define SLOT(p) ((void **)(((ULONG_PTR)(p) & ~(ULONG_PTR)3) - sizeof(void *)))

/* 0 passes too: msvcrt takes it as the smallest alignment (Wine's msvcrt
 * tests heap.c, test_aligned: _aligned_malloc(256, 0) succeeds). */
static int PowerOfTwo(size_t n)
{
    return !(n & (n - 1));
}

void *CDECL _aligned_offset_malloc(size_t size, size_t alignment, size_t offset)
{
    if (!PowerOfTwo(alignment) || (size && offset >= size)) {
        CrtSetErrno(EINVAL, 0);
        return NULL;
    }
    if (alignment < sizeof(void *)) {
        alignment = sizeof(void *);
    }
    size_t extra = alignment + sizeof(void *);
    if (size > 0xFFFFFFFFu - extra) {
        CrtSetErrno(ENOMEM, 0);
        return NULL;
    }
    char *block = malloc(size + extra);
    if (!block) {
        return NULL;
    }
    /* The first address past the slot where (address + offset) is aligned. */
    ULONG_PTR p = ((ULONG_PTR)block + sizeof(void *) + offset + alignment - 1) & ~(alignment - 1);
    p -= offset;
    *SLOT(p) = block;
    return (void *)p;
}

void *CDECL _aligned_malloc(size_t size, size_t alignment)
{
    return _aligned_offset_malloc(size, alignment, 0);
}

void CDECL _aligned_free(void *p)
{
    if (p) {
        free(*SLOT(p));
    }
}

void *CDECL _aligned_offset_realloc(void *p, size_t size, size_t alignment, size_t offset)
{
    if (!p) {
        return _aligned_offset_malloc(size, alignment, offset);
    }
    if (!PowerOfTwo(alignment) || (size && offset >= size)) {
        CrtSetErrno(EINVAL, 0);
        return NULL;
    }
    if (!size) {
        _aligned_free(p);
        return NULL;
    }
    char *block = *SLOT(p);
    size_t old = _msize(block) - (size_t)((char *)p - block);
    void *q = _aligned_offset_malloc(size, alignment, offset);
    if (!q) {
        return NULL;
    }
    memcpy(q, p, old < size ? old : size);
    _aligned_free(p);
    return q;
}

void *CDECL _aligned_realloc(void *p, size_t size, size_t alignment)
{
    return _aligned_offset_realloc(p, size, alignment, 0);
}
