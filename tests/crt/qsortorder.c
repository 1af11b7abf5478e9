/*
 * qsort and qsort_s compare in msvcrt.dll's order, which a program sees
 * through its comparison function and in where equal elements land. Wine's
 * msvcrt tests misc.c (test_qsort_s, lines 437-527) record Windows' every
 * comparison for 8 sorted elements (a selection sort: (1,0), (2,1), ...,
 * 28 in all), 8 reversed ones (28, the maximum stays at 0 the first pass)
 * and 9 elements with repeats (34, starting with the median of three
 * (0,4), (0,8), (4,8)), and the unstable order of nine keys compared
 * modulo 1000. Each comparison prints as the element positions.
 */
#include <stdio.h>
#include <stdlib.h>

static int *Base;
static int Calls;

static int __cdecl Logged(void *context, const void *l, const void *r)
{
    (void)context;
    printf(" (%d,%d)", (int)((const int *)l - Base), (int)((const int *)r - Base));
    Calls++;
    return *(const int *)l % 1000 - *(const int *)r % 1000;
}

static int __cdecl Modulo(const void *l, const void *r) { return *(const int *)l % 1000 - *(const int *)r % 1000; }

static void Run(const char *label, int *tab, int n)
{
    Base = tab;
    Calls = 0;
    printf("%s:", label);
    qsort_s(tab, n, sizeof(int), Logged, NULL);
    printf("\n  %d comparisons, sorted:", Calls);
    for (int i = 0; i < n; i++) {
        printf(" %d", tab[i]);
    }
    printf("\n");
}

int main(void)
{
    int tab[100];
    for (int i = 0; i < 8; i++) {
        tab[i] = i;
    }
    Run("8 sorted", tab, 8);
    for (int i = 0; i < 8; i++) {
        tab[i] = 7 - i;
    }
    Run("8 reversed", tab, 8);
    for (int i = 0; i < 9; i++) {
        tab[i] = i;
    }
    tab[5] = 1;
    tab[6] = 2;
    Run("9 with repeats", tab, 9);

    /* Not stable: keys 1003 and 6003 (both 3) come out in this order. */
    for (int i = 0; i < 9; i++) {
        tab[i] = 8 - i + 1000 * (i + 1);
    }
    tab[0] = 1003;
    qsort(tab, 9, sizeof(int), Modulo);
    printf("qsort unstable:");
    for (int i = 0; i < 9; i++) {
        printf(" %d", tab[i]);
    }
    printf("\n");

    /* A larger array is still sorted. */
    srand(0);
    for (int i = 0; i < 100; i++) {
        tab[i] = rand() % 1000;
    }
    qsort(tab, 100, sizeof(int), Modulo);
    int sorted = 1;
    for (int i = 1; i < 100; i++) {
        sorted &= tab[i - 1] <= tab[i];
    }
    printf("100 random: %s\n", sorted ? "sorted" : "NOT sorted");
    return 0;
}
