/* qsort and bsearch on integers and strings; rand's sequence is msvcrt's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int CompareInt(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int CompareString(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(void)
{
    srand(1);
    int r1 = rand(), r2 = rand(), r3 = rand();
    printf("rand after srand(1): %d %d %d\n", r1, r2, r3);
    static int v[2000];
    for (int i = 0; i < 2000; i++) {
        v[i] = rand() * 32768 + rand();
    }
    qsort(v, 2000, sizeof v[0], CompareInt);
    int sorted = 1;
    for (int i = 1; i < 2000; i++) {
        sorted &= v[i - 1] <= v[i];
    }
    int found = 0;
    for (int i = 0; i < 2000; i++) {
        found += bsearch(&v[i], v, 2000, sizeof v[0], CompareInt) != NULL;
    }
    int missing = 12345;
    printf("sorted %d, found %d of 2000, bsearch of an absent key: %s\n", sorted, found,
           bsearch(&missing, v, 2000, sizeof v[0], CompareInt) ? "found" : "NULL");
    const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date"};
    qsort(words, 6, sizeof words[0], CompareString);
    for (int i = 0; i < 6; i++) {
        printf("%s%s", words[i], i < 5 ? " " : "\n");
    }
    printf("abs %d labs %ld div %d r %d strtol %ld strtoul %lu atoi %d\n", abs(-7), labs(-70000L),
           div(17, 5).quot, div(17, 5).rem, strtol("-0x1F", NULL, 16), strtoul("777", NULL, 8), atoi("  42x"));
    return !(sorted && found == 2000);
}
