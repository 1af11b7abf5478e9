/*
 * ntdll's qsort (the sort msvcrt's shares: inc/crtsort.h), and the binary
 * and linear searches. No errno here: a qsort with no elements, no width
 * or no comparison sorts nothing (Wine's ntdll tests string.c:1384-1420).
 */
#include "ntdll/ntdll.h"
#include "inc/crtsort.h"

typedef int(CDECL *NT_COMPARE)(const void *, const void *);

void CDECL qsort(void *base, size_t count, size_t width, NT_COMPARE compare)
{
    SORT s = {width, SortPlain, (void *)compare};
    if (base && count > 1 && width && compare) {
        Sort(&s, base, (BYTE *)base + (count - 1) * width);
    }
}

void *CDECL bsearch(const void *key, const void *array, size_t count, size_t size, NT_COMPARE compare)
{
    const char *base = array;
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare(key, base + mid * size);
        if (c == 0) {
            return (void *)(base + mid * size);
        }
        if (c < 0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return NULL;
}

void *CDECL _lfind(const void *key, const void *base, unsigned int *count, unsigned int width, NT_COMPARE compare)
{
    const char *p = base;
    for (unsigned int i = 0; i < *count; i++, p += width) {
        if (compare(key, p) == 0) {
            return (void *)p;
        }
    }
    return NULL;
}
