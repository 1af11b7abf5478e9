/*
 * msvcrt's text-to-number conversions and a few string edges, as Windows'
 * msvcrt.dll answers them (Wine's msvcrt tests string.c):
 *   - strtod rounds correctly (to nearest, ties to even), takes 'd' as an
 *     exponent, no "inf" or "nan", and gives ERANGE with +-HUGE_VAL past
 *     DBL_MAX and with 0 for what rounds to nothing (test__strtod);
 *   - _atodbl gives _UNDERFLOW (4) for a subnormal, _OVERFLOW (3) past
 *     DBL_MAX (test__atodbl);
 *   - __STRINGTOLD fills an 80-bit long double and answers 0, 1 (exponent
 *     below reach), 2 (overflow) or 4 (no number) (test___STRINGTOLD);
 *   - _strdup(NULL) is NULL (test_strdup); strcmp answers -1, 0 or 1
 *     (test_strcmp); mbstowcs of NULL is -1 with EINVAL (test_mbstowcs);
 *   - _strlwr_s of a string already lower case writes nothing, so it may
 *     be read-only (test__strlwr_s);
 *   - atoi and atol wrap around 32 bits instead of saturating:
 *     "4294967296" is 0 (test_atoi, test_atol);
 *   - wcstol and _wcstoi64 skip Unicode spaces and read the decimal digits
 *     of other scripts (Thai, fullwidth...; not Tamil's), even as the 0 of
 *     "0x" (test__wcstoi64).
 */
#include <errno.h>
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

typedef struct { unsigned char ld[10]; } LDOUBLE;

int __cdecl __STRINGTOLD(LDOUBLE *value, char **end, const char *text, int flags);


/* msvcrt's strtod by name: mingw links its own otherwise. */
static double MsvcrtStrtod(const char *text, char **end)
{
    typedef double(__cdecl * STRTOD)(const char *, char **);
    STRTOD f = (STRTOD)GetProcAddress(GetModuleHandleA("msvcrt.dll"), "strtod");
    return f(text, end);
}

static void Strtod(const char *text)
{
    char *end;
    errno = 0;
    double d = MsvcrtStrtod(text, &end);
    unsigned long long bits;
    memcpy(&bits, &d, sizeof bits);
    printf("strtod %-28s = %016llx used %2d errno %s\n", text, bits, (int)(end - text),
           errno == ERANGE ? "ERANGE" : errno ? "other" : "0");
}

static void Stringtold(const char *text)
{
    LDOUBLE v;
    char *end;
    errno = 0;
    int r = __STRINGTOLD(&v, &end, text, 0);
    printf("__STRINGTOLD %-24s = %d used %2d ", text, r, (int)(end - text));
    for (int i = 9; i >= 0; i--) {
        printf("%02x", v.ld[i]);
    }
    printf(" errno %d\n", errno);
}

int main(void)
{
    const char *doubles[] = {"12.1", "-13.721", "INF", "NAN", ".21e12", "12.1d2", "  d10",
                             "0.1281832188491894198128921", "21921922352523587651128218821", "0.1D-4736",
                             "1.7976931348623158e+308", "1.7976931348623159e+308", "2.2250738585072014e-308",
                             "4.9406564584124654e-324", "2.4703282292062328e-324", "9007199254740993", "00.", "-0."};
    for (size_t i = 0; i < sizeof doubles / sizeof doubles[0]; i++) {
        Strtod(doubles[i]);
    }
    const char *longs[] = {"0", "nan", "inf", "-0.0", "1e0", "1.7976931348623158e+308", "1.7976931348623159e+308",
                           "3.65e-4951", "1.82e-4951", "1e-99999", "1.18e+4932", "1.19e+4932", "1e+99999"};
    for (size_t i = 0; i < sizeof longs / sizeof longs[0]; i++) {
        Stringtold(longs[i]);
    }
    _CRT_DOUBLE d;
    char text[32];
    strcpy(text, "1e-309");
    int r = _atodbl(&d, text);
    printf("_atodbl 1e-309 = %d %.16e\n", r, d.x);
    strcpy(text, "1e309");
    printf("_atodbl 1e309 = %d\n", _atodbl(&d, text));
    strcpy(text, "123");
    r = _atodbl(&d, text);
    printf("_atodbl 123 = %d %g\n", r, d.x);

    printf("atoi(4294967296) = %d, atol(4294967297) = %ld, atoi(-1) = %d\n", atoi("4294967296"), atol("4294967297"),
           atoi(" -1"));
    printf("_strdup(NULL) = %p\n", (void *)_strdup(NULL));
    printf("strcmp: %d %d %d %d\n", strcmp("abc", "abcd"), strcmp("", "abc"), strcmp("ab\xb0", "ab\xa0"), strcmp("x", "x"));
    printf("strncmp: %d\n", strncmp("ab\xb0", "ab\xa0", 3));
    errno = 0;
    wchar_t w[8];
    size_t n = mbstowcs(w, NULL, 4);
    printf("mbstowcs(NULL) = %d errno %s\n", (int)n, errno == EINVAL ? "EINVAL" : "other");

    const wchar_t *wide[] = {L"\xa0\x2002\x2003\x2028\x3000 +44", L"\x0e59", L"\xff19", L"\x0bef", L"\x00b9",
                             L"-\x0e50x\xff19" L"1", L"+\x0e50\xff17" L"1", L"\x0664\x0660\x0665"};
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++) {
        wchar_t *end;
        long long v = _wcstoi64(wide[i], &end, 0);
        printf("_wcstoi64 #%u = %lld used %d, wcstol = %ld\n", (unsigned)i, v, (int)(end - wide[i]),
               wcstol(wide[i], NULL, 0));
    }
    printf("_wcstoi64(\\xff19 f \\x0e59 \\xff46, 16) = %#llx\n", _wcstoi64(L"\xff19" L"f\x0e59\xff46", NULL, 16));
    printf("iswspace: a0 %d 2002 %d 3000 %d 2028 %d 4e00 %d; iswdigit ff19 %d\n", !!iswspace(0xa0), !!iswspace(0x2002),
           !!iswspace(0x3000), !!iswspace(0x2028), !!iswspace(0x4e00), !!iswdigit(0xff19));

    /* A read-only page: writing to it would be an access violation. */
    char *page = VirtualAlloc(NULL, 4096, MEM_COMMIT, PAGE_READWRITE);
    strcpy(page, "already_lowercase");
    DWORD old;
    VirtualProtect(page, 4096, PAGE_READONLY, &old);
    printf("_strlwr_s(read-only lower case) = %d\n", _strlwr_s(page, 18));
    return 0;
}
