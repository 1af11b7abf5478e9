/* Locales by name: LocaleNameToLCID, LCIDToLocaleName, the default locale
 * names, IsValidLocaleName, and the *Ex calls that take a name where the
 * older ones took an LCID (GetLocaleInfoEx, GetNumberFormatEx,
 * GetCurrencyFormatEx, GetDateFormatEx, GetTimeFormatEx, CompareStringEx,
 * LCMapStringEx). Windows' answers: Microsoft's documentation and Wine's
 * dlls/kernel32/tests/locale.c (test_LocaleNameToLCID, test_GetNumberFormatEx,
 * test_GetCurrencyFormatEx, test_CompareStringEx). */
#define _WIN32_WINNT 0x0601
#include "../guesttest.h"
#include <wchar.h>

int main(void)
{
    WCHAR name[LOCALE_NAME_MAX_LENGTH], buffer[64];
    Check(LocaleNameToLCID(L"en-US", 0) == 0x0409 && LocaleNameToLCID(L"EN-us", 0) == 0x0409,
          "LocaleNameToLCID(en-US): 0x0409, in any case");
    Check(LocaleNameToLCID(LOCALE_NAME_USER_DEFAULT, 0) == GetUserDefaultLCID() &&
              LocaleNameToLCID(LOCALE_NAME_SYSTEM_DEFAULT, 0) == GetSystemDefaultLCID(),
          "the default names: the default locales' LCIDs");
    Check(LocaleNameToLCID(LOCALE_NAME_INVARIANT, 0) == LOCALE_INVARIANT, "\"\": LOCALE_INVARIANT");
    Check(LocaleNameToLCID(L"en", LOCALE_ALLOW_NEUTRAL_NAMES) == 0x0009 && LocaleNameToLCID(L"en", 0) == 0x0409,
          "en: the neutral 0x0009 when allowed, else en-US");
    SetLastError(0xdeadbeef);
    Check(LocaleNameToLCID(L"bogus", 0) == 0 && GetLastError() == ERROR_INVALID_PARAMETER,
          "a bogus name: 0, ERROR_INVALID_PARAMETER");
    Check(LCIDToLocaleName(0x0409, name, LOCALE_NAME_MAX_LENGTH, 0) == 6 && wcscmp(name, L"en-US") == 0,
          "LCIDToLocaleName(0x0409): en-US, 6 with the null");
    Check(LCIDToLocaleName(LOCALE_USER_DEFAULT, NULL, 0, 0) == 6, "size 0: the size needed");
    SetLastError(0xdeadbeef);
    Check(LCIDToLocaleName(0x0409, name, 3, 0) == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "too small: ERROR_INSUFFICIENT_BUFFER");
    Check(GetUserDefaultLocaleName(name, LOCALE_NAME_MAX_LENGTH) == 6 && wcscmp(name, L"en-US") == 0,
          "GetUserDefaultLocaleName: en-US");
    Check(GetSystemDefaultLocaleName(name, LOCALE_NAME_MAX_LENGTH) == 6 && wcscmp(name, L"en-US") == 0,
          "GetSystemDefaultLocaleName: en-US");
    Check(IsValidLocaleName(L"en-US") && !IsValidLocaleName(L"bogus"), "IsValidLocaleName");
    Check(GetLocaleInfoEx(L"en-US", LOCALE_SENGLISHLANGUAGENAME, buffer, 64) == 8 && wcscmp(buffer, L"English") == 0,
          "GetLocaleInfoEx(en-US, LOCALE_SENGLISHLANGUAGENAME): English");
    SetLastError(0xdeadbeef);
    Check(GetLocaleInfoEx(L"bogus", LOCALE_SENGLISHLANGUAGENAME, buffer, 64) == 0 &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "GetLocaleInfoEx of a bogus name: ERROR_INVALID_PARAMETER");
    Check(GetNumberFormatEx(L"en-US", LOCALE_NOUSEROVERRIDE, L"2353", NULL, buffer, 64) == 9 &&
              wcscmp(buffer, L"2,353.00") == 0,
          "GetNumberFormatEx: 2,353.00");
    SetLastError(0xdeadbeef);
    Check(GetNumberFormatEx(L"bogus", LOCALE_NOUSEROVERRIDE, L"23", NULL, buffer, 64) == 0 &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "GetNumberFormatEx of a bogus name: ERROR_INVALID_PARAMETER");
    Check(GetCurrencyFormatEx(NULL, 0, L"-2353", NULL, buffer, 64) == 12 && wcscmp(buffer, L"($2,353.00)") == 0,
          "GetCurrencyFormatEx(the user's locale): ($2,353.00)");
    SYSTEMTIME st = {2002, 10, 3, 23, 14, 5, 9, 0};
    Check(GetDateFormatEx(L"en-US", 0, &st, L"dddd d MMMM yyyy", buffer, 64, NULL) == 26 &&
              wcscmp(buffer, L"Wednesday 23 October 2002") == 0,
          "GetDateFormatEx: Wednesday 23 October 2002");
    Check(GetDateFormatEx(L"en-US", DATE_SHORTDATE, &st, NULL, buffer, 64, NULL) && wcscmp(buffer, L"10/23/2002") == 0,
          "GetDateFormatEx(DATE_SHORTDATE): 10/23/2002");
    SetLastError(0xdeadbeef);
    Check(GetDateFormatEx(L"en-US", 0, &st, NULL, buffer, 64, L"x") == 0 && GetLastError() == ERROR_INVALID_PARAMETER,
          "a calendar (reserved): ERROR_INVALID_PARAMETER");
    Check(GetTimeFormatEx(L"en-US", 0, &st, NULL, buffer, 64) && wcscmp(buffer, L"2:05:09 PM") == 0,
          "GetTimeFormatEx: 2:05:09 PM");
    Check(CompareStringEx(L"en-US", NORM_IGNORECASE, L"ntmm", -1, L"NTMM", -1, NULL, NULL, 0) == CSTR_EQUAL,
          "CompareStringEx(NORM_IGNORECASE): CSTR_EQUAL");
    Check(CompareStringEx(LOCALE_NAME_INVARIANT, 0, L"a", -1, L"b", -1, NULL, NULL, 0) == CSTR_LESS_THAN,
          "CompareStringEx(invariant): a < b");
    Check(LCMapStringEx(L"en-US", LCMAP_UPPERCASE, L"ntmm", -1, buffer, 64, NULL, NULL, 0) == 5 &&
              wcscmp(buffer, L"NTMM") == 0,
          "LCMapStringEx(LCMAP_UPPERCASE): NTMM");
    printf("%d failures\n", Failures);
    return Failures;
}
