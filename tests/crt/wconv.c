/*
 * msvcrt's wide number conversions and wide strings, each against the
 * answer msvcrt.dll gives: wcstol and its kin follow strtol's rules (C's
 * and Microsoft's strtol documentation: base 0 takes 0x and 0 prefixes,
 * out of range saturates with ERANGE, a negative wcstoul wraps, no digits
 * leave *end at the start), _itow and its kin _itoa's (a minus sign only
 * in base 10, Wine's msvcrt tests string.c test__itoa_s and ntdll's
 * _itow tests), wcstok's place per thread as strtok's, and _wcsicmp
 * lowers both sides (Microsoft's _stricmp/_wcsicmp page: '_' sorts
 * before letters).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

static int Failures;

static void Expect(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
    Failures += !ok;
}

static WCHAR *ThreadToken;

static DWORD WINAPI OtherThread(void *unused)
{
    (void)unused;
    ThreadToken = wcstok(NULL, L" ");
    return 0;
}

int main(void)
{
    WCHAR *end;
    const WCHAR *text = L"  \t-1234xyz";
    errno = 0;
    Expect(wcstol(text, &end, 10) == -1234 && end == text + 8 && errno == 0, "wcstol: spaces, sign, digits; end at x");
    Expect(wcstol(L"0x1A", NULL, 0) == 26 && wcstol(L"077", NULL, 0) == 63 && wcstol(L"1A", NULL, 16) == 26,
           "wcstol base 0: 0x is hex, 0 is octal; base 16");
    Expect(wcstol(L"zz", NULL, 36) == 1295, "wcstol base 36");
    text = L"  abc";
    Expect(wcstol(text, &end, 10) == 0 && end == text, "wcstol without digits: 0, end at the start");
    errno = 0;
    Expect(wcstol(L"2147483648", NULL, 10) == LONG_MAX && errno == ERANGE, "wcstol overflow: LONG_MAX, ERANGE");
    errno = 0;
    Expect(wcstol(L"-2147483649", NULL, 10) == LONG_MIN && errno == ERANGE, "wcstol underflow: LONG_MIN, ERANGE");
    errno = 0;
    Expect(wcstol(L"-2147483648", NULL, 10) == LONG_MIN && errno == 0, "wcstol LONG_MIN exactly: no error");
    errno = 0;
    Expect(wcstoul(L"-1", NULL, 10) == 0xFFFFFFFFul && errno == 0, "wcstoul(\"-1\"): 0xFFFFFFFF, no error");
    errno = 0;
    Expect(wcstoul(L"4294967296", NULL, 10) == 0xFFFFFFFFul && errno == ERANGE, "wcstoul overflow: ULONG_MAX, ERANGE");
    errno = 0;
    Expect(_wcstoi64(L"9223372036854775808", NULL, 10) == LLONG_MAX && errno == ERANGE, "_wcstoi64 overflow");
    Expect(_wcstoi64(L"-0x10", NULL, 0) == -16, "_wcstoi64 -0x10");
    errno = 0;
    Expect(_wcstoui64(L"18446744073709551615", NULL, 10) == ULLONG_MAX && errno == 0, "_wcstoui64 max");
    text = L"1.5e2abc";
    Expect(wcstod(text, &end) == 150.0 && end == text + 5, "wcstod 1.5e2, end at a");
    Expect(_wtoi(L" -56xyz") == -56 && _wtol(L"+77") == 77 && _wtoi64(L"12345678901") == 12345678901ll,
           "_wtoi, _wtol, _wtoi64");
    Expect(_wtof(L"2.5") == 2.5, "_wtof");
    text = L"12\x4E00";
    Expect(wcstol(text, &end, 10) == 12 && end == text + 2, "wcstol stops at a character outside ASCII");

    WCHAR buffer[80];
    Expect(wcscmp(_itow(-12, buffer, 10), L"-12") == 0, "_itow -12 base 10");
    Expect(wcscmp(_itow(-1, buffer, 16), L"ffffffff") == 0, "_itow -1 base 16: no sign");
    Expect(wcscmp(_ltow(255, buffer, 2), L"11111111") == 0, "_ltow 255 base 2");
    Expect(wcscmp(_ultow(4294967295ul, buffer, 10), L"4294967295") == 0, "_ultow");
    Expect(wcscmp(_i64tow(-1234567890123ll, buffer, 10), L"-1234567890123") == 0, "_i64tow");
    Expect(wcscmp(_ui64tow(0xFFFFFFFFFFFFFFFFull, buffer, 16), L"ffffffffffffffff") == 0, "_ui64tow");

    WCHAR words[] = L"one, two,,three";
    WCHAR *t1 = wcstok(words, L", ");
    WCHAR *t2 = wcstok(NULL, L", ");
    HANDLE thread = CreateThread(NULL, 0, OtherThread, NULL, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    WCHAR *t3 = wcstok(NULL, L", ");
    WCHAR *t4 = wcstok(NULL, L", ");
    Expect(t1 == words && t2 == words + 5 && t3 == words + 10 && t4 == NULL, "wcstok: one, two, three, end");
    Expect(ThreadToken == NULL, "wcstok(NULL) in a new thread: NULL");

    Expect(wcsspn(L"abcde", L"cba") == 3 && wcscspn(L"abcde", L"ed") == 3 && wcscspn(L"abc", L"") == 3,
           "wcsspn, wcscspn");
    const WCHAR *hello = L"hello";
    Expect(wcspbrk(hello, L"ol") == hello + 2 && wcspbrk(hello, L"xyz") == NULL, "wcspbrk");
    WCHAR *copy = _wcsdup(L"copy");
    Expect(copy && wcscmp(copy, L"copy") == 0, "_wcsdup");
    free(copy);

    Expect(_wcsicmp(L"ABC", L"abc") == 0 && _wcsicmp(L"abc", L"ABD") < 0, "_wcsicmp ignores case");
    Expect(_wcsicmp(L"_", L"A") < 0, "_wcsicmp lowers: '_' before 'A'");
    Expect(_wcsicmp(L"ab", L"abc") < 0 && _wcsicmp(L"abc", L"ab") > 0, "_wcsicmp: a prefix sorts first");
    Expect(_wcsicmp(L"\xC4", L"\xE4") != 0, "_wcsicmp in the C locale folds A-Z only");
    Expect(_wcsnicmp(L"ABCx", L"abcy", 3) == 0 && _wcsnicmp(L"ABCx", L"abcy", 4) < 0, "_wcsnicmp");
    Expect(_wcsicoll(L"Hello", L"hELLO") == 0 && _wcsncoll(L"abX", L"abY", 2) == 0 &&
           _wcsnicoll(L"ABx", L"aby", 2) == 0, "_wcsicoll, _wcsncoll, _wcsnicoll");

    WCHAR mixed[] = L"Hello World";
    Expect(wcscmp(_wcslwr(mixed), L"hello world") == 0, "_wcslwr");
    Expect(wcscmp(_wcsupr(mixed), L"HELLO WORLD") == 0, "_wcsupr");
    Expect(wcscmp(_wcsrev(mixed), L"DLROW OLLEH") == 0, "_wcsrev");
    Expect(wcscmp(_wcsnset(mixed, L'*', 5), L"***** OLLEH") == 0, "_wcsnset");
    Expect(wcscmp(_wcsset(mixed, L'-'), L"-----------") == 0, "_wcsset");

    printf("%d failures\n", Failures);
    return Failures;
}
