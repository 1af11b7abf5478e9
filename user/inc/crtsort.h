/*
 * The sort of ntdll's qsort and msvcrt's qsort and qsort_s (this header is
 * compiled into both DLLs: Windows' two sort alike, string.c:1384 in
 * Wine's ntdll tests), comparing in the order msvcrt.dll compares. A
 * program sees that order: its comparison function is called with particular pairs,
 * and equal elements end up in a particular (unstable) order. msvcrt's sort
 * is a quicksort on an explicit stack:
 *
 *   - a range of at most 8 elements is sorted by selection: the largest is
 *     found scanning from the left (compare(p, max) > 0 takes p) and swapped
 *     to the end, and so on down to 2 elements;
 *   - a longer range orders its first, middle (lo + size/2) and last
 *     elements among themselves, then partitions around the middle one,
 *     following it when a swap moves it; elements equal to it are then
 *     skipped on both sides, and the smaller side is sorted first while
 *     the larger one waits on the stack (so at most log2 n ranges wait).
 *
 * Wine's msvcrt tests misc.c (test_qsort_s) record every comparison of
 * three sorts and the unstable order of a fourth.
 */
#ifndef NTMM_CRTSORT_H
#define NTMM_CRTSORT_H

#include "inc/ntguest.h"

typedef int(__cdecl *SORT_COMPARE)(void *context, const void *a, const void *b);

/* The stack of ranges waiting: one per halving of a size_t count. */
#define SORT_STACK (8 * sizeof(size_t))

typedef struct SORT {
    size_t Width;
    SORT_COMPARE Compare;   /* qsort_s's, or the plain qsort's through a shim */
    void *Context;
} SORT;

/* qsort's comparison, called through qsort_s's shape. */
static int __cdecl SortPlain(void *context, const void *a, const void *b)
{
    return ((int(__cdecl *)(const void *, const void *))context)(a, b);
}

static int Compare(const SORT *s, const BYTE *a, const BYTE *b) { return s->Compare(s->Context, a, b); }

static void Swap(const SORT *s, BYTE *a, BYTE *b)
{
    if (a == b) {
        return;
    }
    for (size_t i = 0; i < s->Width; i++) {
        BYTE t = a[i];
        a[i] = b[i];
        b[i] = t;
    }
}

/* [lo, hi], inclusive: the largest to the end, repeatedly. */
static void SelectionSort(const SORT *s, BYTE *lo, BYTE *hi)
{
    for (; hi > lo; hi -= s->Width) {
        BYTE *max = lo;
        for (BYTE *p = lo + s->Width; p <= hi; p += s->Width) {
            if (Compare(s, p, max) > 0) {
                max = p;
            }
        }
        Swap(s, max, hi);
    }
}

static void Sort(const SORT *s, BYTE *lo, BYTE *hi)
{
    const size_t w = s->Width;
    BYTE *low_stack[SORT_STACK], *high_stack[SORT_STACK];
    int depth = 0;
    for (;;) {
        size_t size = (size_t)(hi - lo) / w + 1;
        if (size <= 8) {
            SelectionSort(s, lo, hi);
        } else {
            BYTE *mid = lo + size / 2 * w;
            if (Compare(s, lo, mid) > 0) {
                Swap(s, lo, mid);
            }
            if (Compare(s, lo, hi) > 0) {
                Swap(s, lo, hi);
            }
            if (Compare(s, mid, hi) > 0) {
                Swap(s, mid, hi);
            }
            /* left walks up past what is <= mid, right down past what is
             * > mid; what they stop at is swapped. */
            BYTE *left = lo, *right = hi;
            for (;;) {
                if (mid > left) {
                    do {
                        left += w;
                    } while (left < mid && Compare(s, left, mid) <= 0);
                }
                if (mid <= left) {
                    do {
                        left += w;
                    } while (left <= hi && Compare(s, left, mid) <= 0);
                }
                do {
                    right -= w;
                } while (right > mid && Compare(s, right, mid) > 0);
                if (right < left) {
                    break;
                }
                Swap(s, left, right);
                if (mid == right) {
                    mid = left;   /* the partition element moved */
                }
            }
            /* [lo, right] <= mid <= [left, hi]; leave out of the left side
             * the elements equal to mid next to it. */
            right += w;
            if (mid < right) {
                do {
                    right -= w;
                } while (right > mid && Compare(s, right, mid) == 0);
            }
            if (mid >= right) {
                do {
                    right -= w;
                } while (right > lo && Compare(s, right, mid) == 0);
            }
            /* The smaller side now, the larger one later. */
            if (right - lo >= hi - left) {
                if (lo < right) {
                    low_stack[depth] = lo;
                    high_stack[depth++] = right;
                }
                if (left < hi) {
                    lo = left;
                    continue;
                }
            } else {
                if (left < hi) {
                    low_stack[depth] = left;
                    high_stack[depth++] = hi;
                }
                if (lo < right) {
                    hi = right;
                    continue;
                }
            }
        }
        if (!depth) {
            return;
        }
        depth--;
        lo = low_stack[depth];
        hi = high_stack[depth];
    }
}

#endif
