/*
 * msvcrt exports that were missing, with msvcrt.dll's answers (Microsoft's
 * documentation, Wine's msvcrt and its tests): the wide error texts
 * (_wcserror, __wcserror), _getws, _wsetlocale, _getdiskfree and the
 * _find*32 names of the 32-bit-time find functions.
 */
#include <direct.h>
#include <errno.h>
#include <io.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static void Show(const char *what, const wchar_t *text)
{
    printf("%s: ", what);
    if (!text) {
        printf("NULL\n");
        return;
    }
    printf("\"");
    for (; *text; text++) {
        if (*text == L'\n') {
            printf("\\n");
        } else {
            printf("%c", (char)*text);
        }
    }
    printf("\"\n");
}

static int Compare(const void *a, const void *b) { return strcmp(a, b); }

int main(void)
{
    Show("_wcserror(ENOENT)", _wcserror(ENOENT));
    Show("_wcserror(200)", _wcserror(200));
    errno = EACCES;
    Show("__wcserror(L\"open\")", __wcserror(L"open"));
    Show("__wcserror(NULL)", __wcserror(NULL));
    Show("__wcserror(L\"\")", __wcserror(L""));

    Show("_wsetlocale(LC_ALL, NULL)", _wsetlocale(LC_ALL, NULL));
    Show("_wsetlocale(LC_CTYPE, L\"C\")", _wsetlocale(LC_CTYPE, L"C"));
    Show("_wsetlocale(LC_ALL, L\"\")", _wsetlocale(LC_ALL, L""));
    Show("_wsetlocale(99, L\"C\")", _wsetlocale(99, L"C"));

    wchar_t line[64];
    for (int i = 0; i < 3; i++) {
        Show("_getws", _getws(line));
    }

    struct _diskfree_t d = {0};
    unsigned r = _getdiskfree(3, &d);
    printf("_getdiskfree(3): %u, %s\n", r,
           d.total_clusters && d.avail_clusters <= d.total_clusters && d.sectors_per_cluster && d.bytes_per_sector
               ? "clusters given"
               : "no clusters");
    struct _diskfree_t current = {0};
    r = _getdiskfree(0, &current);
    printf("_getdiskfree(0) (the current drive, C:): %u, same total %d\n", r, current.total_clusters == d.total_clusters);
    errno = 0;
    r = _getdiskfree(27, &d);
    printf("_getdiskfree(27): %u, errno %d\n", r, errno);

    _mkdir("findtest");
    FILE *f = fopen("findtest\\one.txt", "w");
    fputs("12345", f);
    fclose(f);
    f = fopen("findtest\\two.txt", "w");
    fclose(f);
    char names[4][64];
    int count = 0;
    struct _finddata32_t data;
    intptr_t h = _findfirst32("findtest\\*.txt", &data);
    if (h != -1) {
        do {
            snprintf(names[count++], 64, "%s %lu", data.name, (unsigned long)data.size);
        } while (count < 4 && _findnext32(h, &data) == 0);
        _findclose(h);
    }
    qsort(names, (size_t)count, sizeof names[0], Compare);
    printf("_findfirst32/_findnext32:");
    for (int i = 0; i < count; i++) {
        printf(" [%s]", names[i]);
    }
    printf("\n");
    struct _finddata32i64_t data64;
    h = _findfirst32i64("findtest\\one.txt", &data64);
    printf("_findfirst32i64: %s %lld,", data64.name, (long long)data64.size);
    errno = 0;
    r = (unsigned)_findnext32i64(h, &data64);
    printf(" next %d errno %s\n", (int)r, errno == ENOENT ? "ENOENT" : "other");
    _findclose(h);
    struct _wfinddata32_t wdata;
    h = _wfindfirst32(L"findtest\\two.txt", &wdata);
    printf("_wfindfirst32: %ls %lu\n", wdata.name, (unsigned long)wdata.size);
    _findclose(h);
    struct _wfinddata32i64_t wdata64;
    h = _wfindfirst32i64(L"findtest\\one.txt", &wdata64);
    printf("_wfindfirst32i64: %ls %lld, next %d\n", wdata64.name, (long long)wdata64.size,
           _wfindnext32i64(h, &wdata64));
    _findclose(h);
    errno = 0;
    h = _findfirst32("findtest\\*.none", &data);
    printf("_findfirst32 of nothing: %d errno %s\n", (int)h, errno == ENOENT ? "ENOENT" : "other");
    remove("findtest\\one.txt");
    remove("findtest\\two.txt");
    _rmdir("findtest");
    return 0;
}
