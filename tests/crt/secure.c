/*
 * msvcrt.dll's "secure" functions (strcpy_s, sprintf_s, sscanf_s, ...),
 * looked up by name as Wine's msvcrt tests do, so that the program runs
 * them whatever its headers would otherwise inline, each against the
 * answer Microsoft's pages and Wine's tests (run on Windows) give:
 * EINVAL for a NULL pointer or a zero size, ERANGE when the result does
 * not fit (the copy made as far as it went, then the first character
 * set to the terminator), STRUNCATE for _TRUNCATE's cut, and errno set
 * to the same.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define TRUNC ((size_t)-1)
#define STRUNC 80

static int Failures;

static void Expect(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
    Failures += !ok;
}

static HMODULE Crt;
static void *Get(const char *name)
{
    void *p = (void *)GetProcAddress(Crt, name);
    if (!p) {
        printf("FAIL msvcrt.dll exports no %s\n", name);
        exit(1);
    }
    return p;
}
#define LOOKUP(type, name) type name = (type)Get(#name)

typedef int(__cdecl *COPY)(char *, size_t, const char *);
typedef int(__cdecl *NCOPY)(char *, size_t, const char *, size_t);
typedef int(__cdecl *WCOPY)(wchar_t *, size_t, const wchar_t *);
typedef char *(__cdecl *TOK)(char *, const char *, char **);
typedef int(__cdecl *MEMCOPY)(void *, size_t, const void *, size_t);
typedef int(__cdecl *ITOA)(int, char *, size_t, int);
typedef int(__cdecl *I64TOA)(long long, char *, size_t, int);
typedef int(__cdecl *SPRINTF)(char *, size_t, const char *, ...);
typedef int(__cdecl *SNPRINTF)(char *, size_t, size_t, const char *, ...);
typedef int(__cdecl *SWPRINTF)(wchar_t *, size_t, const wchar_t *, ...);
typedef int(__cdecl *PRINTF)(const char *, ...);
typedef int(__cdecl *SSCANF)(const char *, const char *, ...);
typedef int(__cdecl *FOPEN)(FILE **, const char *, const char *);
typedef int(__cdecl *GETENV)(size_t *, char *, size_t, const char *);
typedef int(__cdecl *PUTENV)(const char *, const char *);
typedef int(__cdecl *DUPENV)(char **, size_t *, const char *);
typedef int(__cdecl *MBSTOWCS)(size_t *, wchar_t *, size_t, const char *, size_t);
typedef int(__cdecl *SPLIT)(const char *, char *, size_t, char *, size_t, char *, size_t, char *, size_t);
typedef int(__cdecl *MAKE)(char *, size_t, const char *, const char *, const char *, const char *);
typedef void(__cdecl *QSORT)(void *, size_t, size_t, int(__cdecl *)(void *, const void *, const void *), void *);
typedef void *(__cdecl *BSEARCH)(const void *, const void *, size_t, size_t,
                                 int(__cdecl *)(void *, const void *, const void *), void *);
typedef int(__cdecl *CASE)(char *, size_t);

static int Compared;
static int __cdecl Descending(void *context, const void *a, const void *b)
{
    Compared += context == &Compared;
    return *(const int *)b - *(const int *)a;
}

int main(void)
{
    Crt = GetModuleHandleA("msvcrt.dll");
    char d[8];

    LOOKUP(COPY, strcpy_s);
    memset(d, 'X', 8);
    Expect(strcpy_s(d, 8, "small") == 0 && !memcmp(d, "small\0XX", 8), "strcpy_s that fits: copied, the rest untouched");
    memset(d, 'X', 8);
    Expect(strcpy_s(d, 0, "big") == EINVAL && !memcmp(d, "XXXXXXXX", 8), "strcpy_s of size 0: EINVAL, nothing written");
    errno = 0;
    Expect(strcpy_s(d, 8, "atoolongstring") == ERANGE && errno == ERANGE && !memcmp(d, "\0toolong", 8),
           "strcpy_s too long: ERANGE, copied as far as it went, first byte the terminator");
    memset(d, 'X', 8);
    Expect(strcpy_s(d, 8, NULL) == EINVAL && !memcmp(d, "\0XXXXXXX", 8), "strcpy_s from NULL: EINVAL, emptied");
    Expect(strcpy_s(NULL, 8, "a") == EINVAL, "strcpy_s to NULL: EINVAL");

    LOOKUP(COPY, strcat_s);
    memset(d, 'X', 8);
    d[0] = 0;
    Expect(strcat_s(d, 8, "sma") == 0 && strcat_s(d, 8, "sma") == 0 && !memcmp(d, "smasma\0X", 8), "strcat_s twice");
    Expect(strcat_s(d, 8, "sma") == ERANGE && !memcmp(d, "\0masmasm", 8), "strcat_s past the end: ERANGE, filled, emptied");
    memset(d, 'X', 8);
    Expect(strcat_s(d, 8, "a") == EINVAL && d[0] == 0, "strcat_s onto an unterminated buffer: EINVAL");

    LOOKUP(NCOPY, strncpy_s);
    memset(d, 'X', 8);
    Expect(strncpy_s(d, 8, "abcdefghij", 3) == 0 && !memcmp(d, "abc\0XXXX", 8), "strncpy_s of 3 characters");
    Expect(strncpy_s(d, 8, "abcdefghij", TRUNC) == STRUNC && !strcmp(d, "abcdefg"), "strncpy_s _TRUNCATE: STRUNCATE, 7 characters");
    Expect(strncpy_s(d, 8, "abcdefg", TRUNC) == 0 && !strcmp(d, "abcdefg"), "strncpy_s _TRUNCATE that fits: 0");
    Expect(strncpy_s(d, 8, "abcdefghij", 8) == ERANGE && d[0] == 0, "strncpy_s of 8 into 8: ERANGE");
    Expect(strncpy_s(NULL, 0, NULL, 0) == 0, "strncpy_s(NULL, 0, NULL, 0): 0");
    LOOKUP(NCOPY, strncat_s);
    strcpy(d, "ab");
    Expect(strncat_s(d, 8, "cdefghij", 2) == 0 && !strcmp(d, "abcd"), "strncat_s of 2");
    Expect(strncat_s(d, 8, "efghij", TRUNC) == STRUNC && !strcmp(d, "abcdefg"), "strncat_s _TRUNCATE");

    LOOKUP(WCOPY, wcscpy_s);
    wchar_t w[8];
    Expect(wcscpy_s(w, 8, L"wide") == 0 && !wcscmp(w, L"wide"), "wcscpy_s");
    Expect(wcscpy_s(w, 4, L"wide") == ERANGE && w[0] == 0, "wcscpy_s too long: ERANGE");

    LOOKUP(TOK, strtok_s);
    char text[] = " pale cream sherry", *context = NULL;
    char *t1 = strtok_s(text, "e ", &context), *t2 = strtok_s(NULL, "e ", &context);
    char *t3 = strtok_s(NULL, "e ", &context);
    Expect(t1 == text + 1 && t2 == text + 6 && t3 == text + 9, "strtok_s: tokens at 1, 6 and 9 (Wine's strtok table)");
    errno = 0;
    Expect(strtok_s(NULL, " ", NULL) == NULL && errno == EINVAL, "strtok_s with no context: NULL, EINVAL");

    LOOKUP(MEMCOPY, memcpy_s);
    memset(d, 'X', 8);
    Expect(memcpy_s(d, 8, "12345678", 8) == 0 && !memcmp(d, "12345678", 8), "memcpy_s");
    Expect(memcpy_s(d, 4, "12345678", 8) == ERANGE && !memcmp(d, "\0\0\0\0" "5678", 8), "memcpy_s too big: ERANGE, the buffer cleared");
    LOOKUP(MEMCOPY, memmove_s);
    strcpy(d, "abcdef");
    Expect(memmove_s(d + 1, 7, d, 6) == 0 && !memcmp(d, "aabcdef", 7), "memmove_s overlapping");

    LOOKUP(ITOA, _itoa_s);
    char n[32];
    Expect(_itoa_s(-1234, n, 32, 10) == 0 && !strcmp(n, "-1234"), "_itoa_s(-1234)");
    Expect(_itoa_s(-1, n, 32, 16) == 0 && !strcmp(n, "ffffffff"), "_itoa_s(-1, 16): unsigned in radix 16");
    Expect(_itoa_s(12345, n, 5, 10) == ERANGE && n[0] == 0, "_itoa_s into too small a buffer: ERANGE");
    Expect(_itoa_s(1, n, 16, 1) == EINVAL && n[0] == 0, "_itoa_s radix 1: EINVAL");
    LOOKUP(I64TOA, _i64toa_s);
    Expect(_i64toa_s(-9223372036854775807LL - 1, n, 21, 10) == 0 && !strcmp(n, "-9223372036854775808"), "_i64toa_s(INT64_MIN)");

    LOOKUP(SPRINTF, sprintf_s);
    Expect(sprintf_s(d, 8, "%d-%s", 42, "ab") == 5 && !strcmp(d, "42-ab"), "sprintf_s that fits");
    errno = 0;
    Expect(sprintf_s(d, 8, "%s", "too long!") == -1 && d[0] == 0 && errno == ERANGE, "sprintf_s too long: -1, emptied, ERANGE");
    LOOKUP(SNPRINTF, _snprintf_s);
    Expect(_snprintf_s(d, 8, TRUNC, "%s", "abcdefghij") == -1 && !strcmp(d, "abcdefg"), "_snprintf_s _TRUNCATE: -1, cut to 7");
    Expect(_snprintf_s(d, 8, 3, "%s", "abcdefghij") == -1 && !strcmp(d, "abc"), "_snprintf_s count 3: -1, cut to 3");
    Expect(_snprintf_s(d, 8, 5, "%d", 12) == 2 && !strcmp(d, "12"), "_snprintf_s that fits: its length");
    errno = 0;
    Expect(_snprintf_s(d, 8, 20, "%s", "abcdefghij") == -1 && d[0] == 0 && errno == ERANGE,
           "_snprintf_s count past the buffer, output too long: -1, emptied, ERANGE");
    LOOKUP(SWPRINTF, swprintf_s);
    Expect(swprintf_s(w, 8, L"%d%ls", 7, L"up") == 3 && !wcscmp(w, L"7up"), "swprintf_s");
    Expect(swprintf_s(w, 4, L"%ls", L"toolong") == -1 && w[0] == 0, "swprintf_s too long: -1, emptied");
    LOOKUP(PRINTF, printf_s);
    int count = 0;
    errno = 0;
    Expect(printf_s("%d%n\n", 1, &count) == -1 && errno == EINVAL && count == 0, "printf_s refuses %n: -1, EINVAL, nothing written");
    fflush(stdout);
    Expect(printf_s("printf_s: %s %05.1f\n", "prints", 2.5) == 23, "printf_s prints as printf: 23 characters");

    LOOKUP(SSCANF, sscanf_s);
    char word[4], letter, set[8];
    int value = 0;
    Expect(sscanf_s("12 abc x yyz", "%d %s %c %[y]", &value, word, 4, &letter, 1, set, 8) == 4 && value == 12 &&
               !strcmp(word, "abc") && letter == 'x' && !strcmp(set, "yy"),
           "sscanf_s with buffer sizes: 4 fields");
    strcpy(word, "old");
    Expect(sscanf_s("toolong", "%s", word, 4) == 0 && word[0] == 0, "sscanf_s %s that does not fit: 0 fields, emptied");
    Expect(sscanf_s("a bc", "%*s %s", word, 4) == 1 && !strcmp(word, "bc"), "sscanf_s %*s takes no size");

    LOOKUP(FOPEN, fopen_s);
    FILE *f = (FILE *)1;
    Expect(fopen_s(&f, "no\\such\\dir\\file.txt", "r") == ENOENT && f == NULL, "fopen_s of a missing file: ENOENT, NULL stream");
    Expect(fopen_s(&f, "secure.tmp", "w") == 0 && f && fputs("x", f) >= 0 && fclose(f) == 0, "fopen_s to write");
    Expect(fopen_s(NULL, "secure.tmp", "r") == EINVAL, "fopen_s with no stream pointer: EINVAL");
    remove("secure.tmp");

    LOOKUP(PUTENV, _putenv_s);
    LOOKUP(GETENV, getenv_s);
    size_t need = 99;
    Expect(_putenv_s("NTMM_SECURE", "value") == 0, "_putenv_s");
    Expect(getenv_s(&need, NULL, 0, "NTMM_SECURE") == 0 && need == 6, "getenv_s asks the size: 6");
    Expect(getenv_s(&need, d, 8, "NTMM_SECURE") == 0 && !strcmp(d, "value"), "getenv_s reads it");
    Expect(getenv_s(&need, d, 3, "NTMM_SECURE") == ERANGE, "getenv_s into too small a buffer: ERANGE");
    Expect(getenv_s(&need, d, 8, "NTMM_NO_SUCH") == 0 && need == 0 && d[0] == 0, "getenv_s of no variable: 0, size 0, empty");
    LOOKUP(DUPENV, _dupenv_s);
    char *copy = NULL;
    Expect(_dupenv_s(&copy, &need, "NTMM_SECURE") == 0 && copy && !strcmp(copy, "value") && need == 6, "_dupenv_s");
    free(copy);

    LOOKUP(MBSTOWCS, mbstowcs_s);
    need = 0;
    Expect(mbstowcs_s(&need, w, 8, "abc", TRUNC) == 0 && need == 4 && !wcscmp(w, L"abc"), "mbstowcs_s: 4 with the terminator");
    Expect(mbstowcs_s(&need, w, 4, "abcdef", TRUNC) == STRUNC && need == 4 && !wcscmp(w, L"abc"), "mbstowcs_s _TRUNCATE");
    Expect(mbstowcs_s(&need, w, 4, "abcdef", 6) == ERANGE && w[0] == 0, "mbstowcs_s too long: ERANGE");

    LOOKUP(SPLIT, _splitpath_s);
    char drive[3], dir[32], fname[16], ext[8];
    Expect(_splitpath_s("c:\\sample\\crt\\makepath.c", drive, 3, dir, 32, fname, 16, ext, 8) == 0 &&
               !strcmp(drive, "c:") && !strcmp(dir, "\\sample\\crt\\") && !strcmp(fname, "makepath") && !strcmp(ext, ".c"),
           "_splitpath_s of Microsoft's example");
    Expect(_splitpath_s("c:\\sample\\crt\\makepath.c", drive, 3, dir, 4, fname, 16, ext, 8) == ERANGE && !drive[0] &&
               !dir[0] && !fname[0] && !ext[0],
           "_splitpath_s with too small a dir: ERANGE, every part emptied");
    Expect(_splitpath_s("x.c", NULL, 3, dir, 32, fname, 16, ext, 8) == EINVAL, "_splitpath_s: a NULL part with a size is EINVAL");
    LOOKUP(MAKE, _makepath_s);
    char path[32];
    Expect(_makepath_s(path, 32, "c", "\\sample\\crt\\", "makepath", "c") == 0 && !strcmp(path, "c:\\sample\\crt\\makepath.c"),
           "_makepath_s of Microsoft's example");
    Expect(_makepath_s(path, 8, "c", "\\sample\\crt\\", "makepath", "c") == ERANGE && path[0] == 0, "_makepath_s too long: ERANGE");

    LOOKUP(QSORT, qsort_s);
    LOOKUP(BSEARCH, bsearch_s);
    int numbers[] = {5, 1, 9, 3, 7, 3, 8};
    qsort_s(numbers, 7, sizeof numbers[0], Descending, &Compared);
    int key = 3;
    int *hit = bsearch_s(&key, numbers, 7, sizeof numbers[0], Descending, &Compared);
    Expect(numbers[0] == 9 && numbers[1] == 8 && numbers[4] == 3 && numbers[5] == 3 && numbers[6] == 1 && Compared > 0,
           "qsort_s passes its context to the comparison");
    Expect(hit && *hit == 3, "bsearch_s finds 3");

    LOOKUP(CASE, _strupr_s);
    strcpy(d, "mixEd");
    Expect(_strupr_s(d, 8) == 0 && !strcmp(d, "MIXED"), "_strupr_s");
    memset(d, 'a', 8);
    Expect(_strupr_s(d, 8) == EINVAL && d[0] == 0, "_strupr_s of an unterminated buffer: EINVAL, emptied");

    printf("%d failures\n", Failures);
    return Failures != 0;
}
