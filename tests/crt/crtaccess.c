/* msvcrt's data accessors and small exports (Wine's dlls/msvcrt tests and
 * Microsoft's pages): __p__iob is _iob (stdin first), __p__pctype and
 * __p__pwctype the address of the class tables' pointers, __p___mb_cur_max
 * of MB_CUR_MAX, __threadid the thread's id, __threadhandle its
 * pseudo-handle, __uncaught_exception FALSE outside a throw, _lfind and
 * _lsearch (appending a missing key). Imported by name: mingw's headers
 * declare only some of them. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include <ctype.h>

static int failures;
#define CHECK(cond, what)                                                      \
    do {                                                                       \
        if (!(cond)) {                                                         \
            printf("FAIL: %s (line %d)\n", what, __LINE__);                    \
            failures++;                                                        \
        }                                                                      \
    } while (0)

__declspec(dllimport) FILE *__cdecl __p__iob(void);
__declspec(dllimport) unsigned short **__cdecl __p__pctype(void);
__declspec(dllimport) unsigned short **__cdecl __p__pwctype(void);
__declspec(dllimport) int *__cdecl __p___mb_cur_max(void);
__declspec(dllimport) unsigned long __cdecl __threadid(void);
__declspec(dllimport) HANDLE __cdecl __threadhandle(void);
__declspec(dllimport) int __cdecl __uncaught_exception(void);
__declspec(dllimport) void *__cdecl _lfind(const void *, const void *, unsigned int *, unsigned int,
                                           int(__cdecl *)(const void *, const void *));
__declspec(dllimport) void *__cdecl _lsearch(const void *, void *, unsigned int *, unsigned int,
                                             int(__cdecl *)(const void *, const void *));

static int __cdecl CompareInt(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

int main(void)
{
    CHECK(__p__iob() == stdin && __p__iob() + 1 == stdout && __p__iob() + 2 == stderr,
          "__p__iob: stdin, stdout, stderr");
    unsigned short *table = *__p__pctype();
    CHECK((table['A'] & _UPPER) && (table['7'] & _DIGIT) && !(table['a'] & _UPPER),
          "__p__pctype: the character classes");
    CHECK(table == __pctype_func(), "the same table as __pctype_func");
    CHECK((*__p__pwctype())[' '] & _SPACE, "__p__pwctype");
    CHECK(*__p___mb_cur_max() == 1 && *__p___mb_cur_max() == MB_CUR_MAX, "__p___mb_cur_max: 1");
    CHECK(__threadid() == GetCurrentThreadId(), "__threadid");
    CHECK(__threadhandle() == GetCurrentThread(), "__threadhandle: the pseudo-handle");
    CHECK(__uncaught_exception() == 0, "__uncaught_exception: none");

    int values[8] = {4, 8, 15, 16};
    unsigned int count = 4;
    int key = 15;
    CHECK(_lfind(&key, values, &count, sizeof(int), CompareInt) == &values[2], "_lfind: found");
    key = 23;
    CHECK(_lfind(&key, values, &count, sizeof(int), CompareInt) == NULL && count == 4,
          "_lfind: not found, count unchanged");
    int *added = _lsearch(&key, values, &count, sizeof(int), CompareInt);
    CHECK(added == &values[4] && *added == 23 && count == 5, "_lsearch: appended");
    CHECK(_lsearch(&key, values, &count, sizeof(int), CompareInt) == &values[4] && count == 5,
          "_lsearch: found the second time");
    if (failures == 0) {
        printf("crtaccess: ok\n");
    }
    return failures;
}
