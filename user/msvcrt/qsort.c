/* qsort and qsort_s: msvcrt checks its arguments (EINVAL), then sorts as
 * ntdll does (inc/crtsort.h). */
#include "msvcrt/crt.h"
#include "inc/crtsort.h"

/* No array with elements, no width or no comparison: EINVAL, nothing sorted. */
static void SortChecked(void *base, size_t count, const SORT *s)
{
    if ((!base && count) || !s->Width || !s->Compare) {
        CrtSetErrno(EINVAL, 0);
        return;
    }
    if (count > 1) {
        Sort(s, base, (BYTE *)base + (count - 1) * s->Width);
    }
}

void CDECL qsort_s(void *base, size_t count, size_t width, CRT_CONTEXT_COMPARE compare, void *context)
{
    SORT s = {width, compare, context};
    SortChecked(base, count, &s);
}

void CDECL qsort(void *base, size_t count, size_t width, COMPARE compare)
{
    SORT s = {width, compare ? SortPlain : NULL, (void *)compare};
    SortChecked(base, count, &s);
}
