/* GetNumberFormat and GetCurrencyFormat for en-US and for NUMBERFMT and
 * CURRENCYFMT overrides: rounding, grouping (Grouping's digits and its
 * final 0), leading zeros, the five negative number forms, the four
 * positive and sixteen negative currency forms, the size rules (0: the
 * size needed with the null; too small: ERROR_INSUFFICIENT_BUFFER) and
 * the errors. Every expected string is Windows' answer as Wine's
 * dlls/kernel32/tests/locale.c records it (test_GetNumberFormatA,
 * test_GetCurrencyFormatA) or as Microsoft documents the formats. */
#include "../guesttest.h"
#include <wchar.h>

#define LCID_EN_US MAKELCID(MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), SORT_DEFAULT)

static void Number(const char *value, const NUMBERFMTA *format, const char *want)
{
    char buffer[64], what[128];
    int n = GetNumberFormatA(LCID_EN_US, 0, value, format, buffer, sizeof buffer);
    snprintf(what, sizeof what, "GetNumberFormat(\"%s\"): \"%s\"", value, want);
    Check(n == (int)strlen(want) + 1 && strcmp(buffer, want) == 0, what);
}

static void Currency(const char *value, const CURRENCYFMTA *format, const char *want)
{
    char buffer[64], what[128];
    int n = GetCurrencyFormatA(LCID_EN_US, 0, value, format, buffer, sizeof buffer);
    snprintf(what, sizeof what, "GetCurrencyFormat(\"%s\"): \"%s\"", value, want);
    Check(n == (int)strlen(want) + 1 && strcmp(buffer, want) == 0, what);
}

static void Refused(const char *value, int size, DWORD error)
{
    char buffer[64], what[128];
    SetLastError(0xdeadbeef);
    int n = GetNumberFormatA(LCID_EN_US, 0, value, NULL, size ? buffer : NULL, size);
    int m = GetCurrencyFormatA(LCID_EN_US, 0, value, NULL, size ? buffer : NULL, size);
    snprintf(what, sizeof what, "\"%s\" (size %d): error %lu from both", value, size, error);
    Check(n == 0 && m == 0 && GetLastError() == error, what);
}

static void Locale(void)
{
    Number("2353", NULL, "2,353.00");
    Number("-2353", NULL, "-2,353.00");
    Number("-353", NULL, "-353.00");
    Number("2353.1", NULL, "2,353.10");
    Number("2353.111", NULL, "2,353.11");
    Number("2353.119", NULL, "2,353.12");
    Number("1234.5678", NULL, "1,234.57");
    Number("1234567890", NULL, "1,234,567,890.00");
    Number("999.995", NULL, "1,000.00");
    Number(".5", NULL, "0.50");
    Currency("2353", NULL, "$2,353.00");
    Currency("-2353", NULL, "($2,353.00)");
    Currency("2353.1", NULL, "$2,353.10");
    Currency("2353.119", NULL, "$2,353.12");
    Currency("1234.5678", NULL, "$1,234.57");
    Currency("-1234.5678", NULL, "($1,234.57)");

    char buffer[64];
    Check(GetNumberFormatA(LCID_EN_US, 0, "2353", NULL, NULL, 0) == 9,
          "size 0: the size needed, the null counted (9 for 2,353.00)");
    Check(GetNumberFormatA(LOCALE_USER_DEFAULT, LOCALE_NOUSEROVERRIDE, "2353", NULL, buffer, 9) == 9 &&
              strcmp(buffer, "2,353.00") == 0,
          "LOCALE_USER_DEFAULT, LOCALE_NOUSEROVERRIDE, an exact buffer");
    WCHAR wide[64];
    Check(GetNumberFormatW(LCID_EN_US, 0, L"-0.5", NULL, wide, 64) == 6 && wcscmp(wide, L"-0.50") == 0,
          "GetNumberFormatW");
    Check(GetCurrencyFormatW(LCID_EN_US, 0, L"1", NULL, wide, 64) == 6 && wcscmp(wide, L"$1.00") == 0,
          "GetCurrencyFormatW");

    Refused("23,53", 64, ERROR_INVALID_PARAMETER);
    Refused("--", 64, ERROR_INVALID_PARAMETER);
    Refused("0-", 64, ERROR_INVALID_PARAMETER);
    Refused("0..", 64, ERROR_INVALID_PARAMETER);
    Refused(" 0.1", 64, ERROR_INVALID_PARAMETER);
    Refused("", 64, ERROR_INVALID_PARAMETER);
    Refused("1234", 2, ERROR_INSUFFICIENT_BUFFER);
    SetLastError(0xdeadbeef);
    Check(GetNumberFormatA(LCID_EN_US, 0, "23", NULL, NULL, 64) == 0 && GetLastError() == ERROR_INVALID_PARAMETER,
          "no buffer, a size: ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    Check(GetNumberFormatA(LCID_EN_US, LOCALE_NOUSEROVERRIDE | 1, "23", NULL, buffer, 64) == 0 &&
              GetLastError() == ERROR_INVALID_FLAGS,
          "an unknown flag: ERROR_INVALID_FLAGS");
    SetLastError(0xdeadbeef);
    Check(GetNumberFormatA(0x1234, 0, "23", NULL, buffer, 64) == 0 && GetLastError() == ERROR_INVALID_PARAMETER,
          "a locale not installed: ERROR_INVALID_PARAMETER");
}

static void Formats(void)
{
    NUMBERFMTA format;
    char buffer[64];
    memset(&format, 0, sizeof format);
    SetLastError(0xdeadbeef);
    Check(GetNumberFormatA(LCID_EN_US, LOCALE_NOUSEROVERRIDE, "2353", &format, buffer, 64) == 0 &&
              GetLastError() == ERROR_INVALID_FLAGS,
          "a format and flags: ERROR_INVALID_FLAGS");
    SetLastError(0xdeadbeef);
    Check(GetNumberFormatA(LCID_EN_US, 0, "2353", &format, buffer, 64) == 0 &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "a format without separators: ERROR_INVALID_PARAMETER");
    format.lpDecimalSep = ".";
    format.lpThousandSep = ",";
    Number("2353", &format, "2353");
    format.NumDigits = 1;
    Number("2353", &format, "2353.0");
    format.Grouping = 2;
    Number("2353", &format, "23,53.0");
    format.Grouping = 3;
    Number("235", &format, "235.0");
    Number("000235", &format, "235.0");
    format.Grouping = 23;
    Number("123456789", &format, "1,234,567,89.0");
    format.Grouping = 230;
    Number("123456789", &format, "1234,567,89.0");
    format.Grouping = 203;
    Number("123456789", &format, "1,234,567,,89.0");
    format.Grouping = 2030;
    Number("123456789", &format, "1234,567,,89.0");
    format.Grouping = 2003;
    Number("123456789", &format, "1,234,567,,,89.0");
    format.Grouping = 1200;
    Number("123456789", &format, "123456,,78,9.0");
    format.NegativeOrder = 1;
    format.Grouping = 3;
    Number("-235", &format, "-235.0");
    Number("-000235", &format, "-235.0");
    format.LeadingZero = 1;
    Number(".5", &format, "0.5");
    Number("0000.5", &format, "0.5");
    format.LeadingZero = 0;
    Number("0.5", &format, ".5");
    static const char *const negative[] = {"(1.0)", "-1.0", "- 1.0", "1.0-", "1.0 -"};
    for (UINT o = 0; o < 5; o++) {
        format.NegativeOrder = o;
        Number("-1", &format, negative[o]);
    }
    format.NegativeOrder = 5;
    SetLastError(0xdeadbeef);
    Check(GetNumberFormatA(LCID_EN_US, 0, "-1", &format, buffer, 64) == 0 &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "NegativeOrder 5: ERROR_INVALID_PARAMETER");
    format.NegativeOrder = 1;
    format.NumDigits = 10;
    SetLastError(0xdeadbeef);
    Check(GetNumberFormatA(LCID_EN_US, 0, "-1", &format, buffer, 64) == 0 &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "NumDigits 10: ERROR_INVALID_PARAMETER");

    CURRENCYFMTA money;
    memset(&money, 0, sizeof money);
    SetLastError(0xdeadbeef);
    Check(GetCurrencyFormatA(LCID_EN_US, 0, "2353", &money, buffer, 64) == 0 &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "a currency format without strings: ERROR_INVALID_PARAMETER");
    money.lpDecimalSep = ".";
    money.lpThousandSep = ",";
    money.lpCurrencySymbol = "$";
    Currency("2353", &money, "$2353");
    money.NumDigits = 1;
    Currency("2353", &money, "$2353.0");
    money.Grouping = 2;
    Currency("2353", &money, "$23,53.0");
    money.Grouping = 31;
    Currency("1234567890", &money, "$1,2,3,4,5,6,7,890.0");
    money.Grouping = 312;
    Currency("1234567890", &money, "$12,34,56,7,890.0");
    money.Grouping = 310;
    Currency("1234567890", &money, "$123456,7,890.0");
    money.Grouping = 3;
    money.NegativeOrder = 2;
    Currency("-235", &money, "$-235.0");
    money.LeadingZero = 1;
    Currency(".5", &money, "$0.5");
    money.LeadingZero = 0;
    Currency("0.5", &money, "$.5");
    static const char *const positive[] = {"$1.0", "1.0$", "$ 1.0", "1.0 $"};
    for (UINT o = 0; o < 4; o++) {
        money.PositiveOrder = o;
        Currency("1", &money, positive[o]);
    }
    static const char *const negative_money[] = {
        "($1.0)", "-$1.0", "$-1.0", "$1.0-", "(1.0$)", "-1.0$", "1.0-$", "1.0$-",
        "-1.0 $", "-$ 1.0", "1.0 $-", "$ 1.0-", "$ -1.0", "1.0- $", "($ 1.0)", "(1.0 $)",
    };
    for (UINT o = 0; o < 16; o++) {
        money.NegativeOrder = o;
        Currency("-1", &money, negative_money[o]);
    }
    money.lpCurrencySymbol = "EUR";
    money.PositiveOrder = 3;
    Currency("1234.5", &money, "1,234.5 EUR");
}

int main(void)
{
    Locale();
    Formats();
    printf("%d failures\n", Failures);
    return Failures;
}
