/*
 * ntdll.dll's own C library, as a program finds it with GetProcAddress:
 * its answers differ from msvcrt's where Windows' do, and each check
 * states Windows' answer with the line of Wine's ntdll conformance test
 * (dlls/ntdll/tests/string.c, Wine 8.0) that records it.
 */
#include <limits.h>
#include <stdarg.h>
#include "../guesttest.h"

static HMODULE Ntdll;
#define NT(name) ((void *)GetProcAddress(Ntdll, name))

typedef char *(__cdecl *ITOA)(int, char *, int);
typedef WCHAR *(__cdecl *ITOW)(int, WCHAR *, int);
typedef char *(__cdecl *I64TOA)(LONGLONG, char *, int);
typedef int(__cdecl *ATOI)(const char *);
typedef LONGLONG(__cdecl *ATOI64)(const char *);
typedef LONG(__cdecl *WTOL)(const WCHAR *);
typedef LONG(__cdecl *WCSTOL)(const WCHAR *, WCHAR **, int);
typedef ULONG(__cdecl *WCSTOUL)(const WCHAR *, WCHAR **, int);
typedef int(__cdecl *INTFN)(int);
typedef int(__cdecl *WCTYPE)(WCHAR, unsigned short);
typedef WCHAR(__cdecl *WCHARFN)(WCHAR);
typedef int(__cdecl *WCSICMP)(const WCHAR *, const WCHAR *);
typedef WCHAR *(__cdecl *WCSLWR)(WCHAR *);
typedef int(__cdecl *STRNICMP)(const char *, const char *, size_t);
typedef int(__cdecl *SNPRINTF)(char *, size_t, const char *, ...);
typedef int(__cdecl *SNPRINTF_S)(char *, size_t, size_t, const char *, ...);
typedef int(__cdecl *SNWPRINTF)(WCHAR *, size_t, const WCHAR *, ...);
typedef int(__cdecl *SSCANF)(const char *, const char *, ...);
typedef void(__cdecl *QSORT)(void *, size_t, size_t, int(__cdecl *)(const void *, const void *));
typedef void *(__cdecl *MEMCHR)(const void *, int, size_t);

static int __cdecl CompareInsensitive(const void *a, const void *b)
{
    return lstrcmpiA(*(const char *const *)a, *(const char *const *)b);
}

int main(void)
{
    Ntdll = GetModuleHandleA("ntdll.dll");
    char buffer[80];
    WCHAR wide[40];

    /* Any radix from 2 up, no minus sign outside base 10 (string.c:174-278). */
    ITOA itoa_ = NT("_itoa");
    Check(!strcmp(itoa_(71270178, buffer, 37), "111111"), "_itoa(71270178, 37) is \"111111\" (string.c:277)");
    Check(!strcmp(itoa_(-2, buffer, 2), "11111111111111111111111111111110"),
          "_itoa(-2, 2) is the two's complement (string.c:190)");
    Check(!strcmp(itoa_(-214, buffer, 10), "-214"), "_itoa(-214, 10) is \"-214\"");
    I64TOA i64toa = NT("_i64toa");
    Check(!strcmp(i64toa(0x23C9E468CLL, buffer, 99), "111111"), "_i64toa(0x23c9e468c, 99) is \"111111\" (string.c:652)");
    ITOW itow = NT("_itow");
    Check(itow(123, NULL, 10) == NULL, "_itow(123, NULL) is NULL (string.c:482)");
    Check(itow(123, wide, 10) == wide && !lstrcmpW(wide, L"123"), "_itow(123, 10) is L\"123\"");

    /* Decimal only, wrapping past 32 bits (string.c:841-950). */
    ATOI atoi_ = NT("atoi");
    Check(atoi_("-2147483649") == 2147483647, "atoi(\"-2147483649\") wraps to 2147483647 (string.c:900)");
    Check(atoi_("4294967296") == 0, "atoi(\"4294967296\") wraps to 0 (string.c:912)");
    Check(atoi_("\01656") == 0 && atoi_("\01353") == 53, "atoi skips \\v but not \\016 (string.c:867-869)");
    Check(atoi_("0x12345") == 0, "atoi(\"0x12345\") is 0 (string.c:895)");
    ATOI64 atoi64 = NT("_atoi64");
    Check(atoi64("-9223372036854775807") == -9223372036854775807LL, "_atoi64 reads 64 bits (string.c:1076)");
    WTOL wtol = NT("_wtol");
    Check(wtol(L"\t\xa0\n 12") == 12 && wtol(L"\x3000 12") == 0,
          "_wtol skips U+00A0 but not U+3000 (string.c:1008-1011)");

    /* wcstol reads other scripts' digits and saturates (string.c:1190-1254). */
    WCSTOL wcstol_ = NT("wcstol");
    WCSTOUL wcstoul_ = NT("wcstoul");
    static const WCHAR thai_hex[] = {'-', 0x0e50, 'x', 0xff19, '1', 0};
    Check(wcstol_(thai_hex, NULL, 0) == -0x91, "wcstol(\"-<Thai 0>x<fullwidth 9>1\", 0) is -0x91 (string.c:1207)");
    static const WCHAR tamil[] = {0x0bef, 0};
    WCHAR *end = NULL;
    Check(wcstol_(tamil, &end, 10) == 0 && end == tamil, "wcstol(TAMIL DIGIT NINE) is 0, nothing read (string.c:1203)");
    Check(wcstol_(L"4294967296", NULL, 10) == LONG_MAX && wcstoul_(L"4294967296", NULL, 10) == ULONG_MAX,
          "wcstol/wcstoul saturate at LONG_MAX/ULONG_MAX (string.c:1213)");
    Check(wcstoul_(L"-4294967296", NULL, 10) == 1, "wcstoul(\"-4294967296\") is ULONG_MAX negated, 1 (string.c:1218)");
    Check(wcstol_(L"\x2002\x2003 +55", NULL, 10) == 0, "wcstol does not skip U+2002 (string.c:1199)");

    /* Character classes: the C1_* bits asked for; Latin-1 for isw*, ASCII for is*. */
    WCTYPE iswctype_ = NT("iswctype");
    INTFN isalpha_ = NT("isalpha"), isprint_ = NT("isprint"), tolower_ = NT("tolower");
    Check(iswctype_(0x41, 0xffff) == 0x181 && iswctype_(0xa0, 0xffff) == 0x48 && iswctype_(0xb2, 0xffff) == 0x14
              && iswctype_(0x100, 0xffff) == 0,
          "iswctype: 'A' 0x181, U+00A0 0x48, U+00B2 0x14, U+0100 0 (string.c:1931-1973, 1975)");
    Check(isalpha_('a') == 2 && isalpha_(0xe0) == 0 && isalpha_(-1) == 0, "isalpha: 'a' is C1_LOWER, 0xe0 nothing (string.c:2020-2038)");
    Check(isprint_('\t') == 0 && isprint_(' ') == 0x40, "isprint: tab not blank, space C1_BLANK (string.c:2020-2038)");
    Check(tolower_(-447) == -415 && tolower_(0xC0) == 0xC0, "tolower lowers by the low byte: -447 is -415 (string.c:1827)");
    WCHARFN towlower_ = NT("towlower"), towupper_ = NT("towupper");
    Check(towlower_(0xC0) == 0xE0 && towlower_(0xD7) == 0xD7 && towlower_(0x100) == 0x100,
          "towlower: U+00C0 lowers, U+00D7 and U+0100 do not (string.c:1307)");
    Check(towupper_(0xE0) == 0xC0 && towupper_(0x101) == 0x100, "towupper is RtlUpcaseUnicodeChar (string.c:1308)");

    /* Case-insensitive compares fold A-Z only. */
    WCSICMP wcsicmp = NT("_wcsicmp");
    Check(wcsicmp(L"_", L"a") == '_' - 'a' && wcsicmp(L"\xc0", L"\xe0") == 0xc0 - 0xe0,
          "_wcsicmp: the difference, A-Z folded only (string.c:1339)");
    WCSLWR wcsupr = NT("_wcsupr");
    WCHAR latin[] = {'a', 0xe0, 0};
    wcsupr(latin);
    Check(latin[0] == 'A' && latin[1] == 0xe0, "_wcsupr: a-z only (string.c:1321)");
    STRNICMP strnicmp = NT("_strnicmp");
    Check(strnicmp("a", "C", 1) == -1 && strnicmp("ijk0", "IJK1", 4) == -1 && strnicmp("ijk\0X", "IJK\0Y", 5) == 0,
          "_strnicmp answers -1 or 1, and stops at the NUL (string.c:1871-1884)");

    /* _snprintf: no NUL when the output is the count; -1 when longer. */
    SNPRINTF snprintf_ = NT("_snprintf");
    memset(buffer, 0x7c, sizeof buffer);
    Check(snprintf_(buffer, 4, "test") == 4 && buffer[4] == 0x7c, "_snprintf(4, \"test\") is 4, no NUL (string.c:1509)");
    memset(buffer, 0x7c, sizeof buffer);
    Check(snprintf_(buffer, 3, "test") == -1 && !memcmp(buffer, "tes", 3) && buffer[3] == 0x7c,
          "_snprintf(3, \"test\") is -1, three bytes (string.c:1515)");
    Check(snprintf_(NULL, 0, "hello world") == 11, "_snprintf(NULL, 0) measures (string.c:1486)");
    snprintf_(buffer, sizeof buffer, "%I64x %d|%#x %#x|%hx %hd|%ls|%Ls|%p", 0x1234567890ULL, 1, 0, 1, 0x123456,
              987654, L"test", "test", (void *)0x1234);
    Check(!strcmp(buffer, "1234567890 1|0 0x1|3456 4614|test|test|00001234"),
          "_snprintf: %I64x, %#x of 0, %hd, %ls, %Ls, %p (string.c:1532-1556)");
    SNPRINTF_S snprintf_s = NT("_snprintf_s");
    memset(buffer, 0xcc, sizeof buffer);
    Check(snprintf_s(buffer, 5, 3, "test") == -1 && !strcmp(buffer, "tes"), "_snprintf_s(5, 3) cuts at 3 (string.c:1636)");
    memset(buffer, 0xcc, sizeof buffer);
    Check(snprintf_s(buffer, 4, 10, "test") == -1 && !buffer[0], "_snprintf_s(4, 10) empties the buffer (string.c:1641)");
    SNWPRINTF snwprintf = NT("_snwprintf");
    Check(snwprintf(wide, 40, L"%s %S %d", L"wide", "narrow", -5) == 14 && !lstrcmpW(wide, L"wide narrow -5"),
          "_snwprintf: %s wide, %S narrow");

    /* sscanf has no floating point (string.c:1887-1925). */
    SSCANF sscanf_ = NT("sscanf");
    int i = 0;
    float f = 0.0f;
    Check(sscanf_("10", "%d", &i) == 1 && i == 10, "sscanf(\"10\", \"%d\") is 1 (string.c:1894)");
    Check(sscanf_("10", "%f", &f) == 0 && f == 0.0f, "sscanf(\"10\", \"%f\") is 0, f untouched (string.c:1898)");
    char word[8];
    Check(sscanf_("  abc 0x1F", "%s %x", word, &i) == 2 && !strcmp(word, "abc") && i == 31, "sscanf: %s and %x");

    /* qsort orders as msvcrt's (string.c:1453-1459: the equal strings
     * "Wine", "wine", "WINE" end up wine, WINE, Wine). */
    QSORT qsort_ = NT("qsort");
    const char *names[] = {"Hello", "Wine", "World", "!", "wine", "Sorted", "WINE"};
    qsort_(names, 7, sizeof names[0], CompareInsensitive);
    Check(!strcmp(names[3], "wine") && !strcmp(names[4], "WINE") && !strcmp(names[5], "Wine"),
          "qsort leaves wine, WINE, Wine (string.c:1455-1457)");
    MEMCHR memchr_ = NT("memchr");
    Check(memchr_("ab", 0x100 + 'a', 2) != NULL, "memchr compares the low byte (string.c:2052)");

    printf("%d failures\n", Failures);
    return Failures;
}
