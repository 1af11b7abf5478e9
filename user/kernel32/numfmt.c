/*
 * GetNumberFormat and GetCurrencyFormat: a number given as a string
 * ("-1234.5678": an optional minus, digits, an optional point and digits;
 * nothing else) written the locale's way, or the way a NUMBERFMT or
 * CURRENCYFMT says. en-US: "1,234.57", "-1,234.57", "$1,234.57",
 * "($1,234.57)".
 *
 * The number is rounded to NumDigits decimals, half away from zero, on its
 * digits (no floating point, so "2353.115" is 2,353.12 as Windows has it).
 * Grouping, as NUMBERFMT has it, is a number whose decimal digits are the
 * group sizes from the decimal point leftwards: the last size repeats,
 * unless the number ends in 0 ("3" is 1,234,567; "32" 12,34,567; "30"
 * 1234,567; a 0 inside is an empty group). The locale's LOCALE_SGROUPING
 * says the same with semicolons and the opposite rule ("3;0" repeats,
 * "3" does not), which Grouping() translates.
 */
#include "kernel32/kernel32.h"
#include "kernel32/nlsapi.h"

#define LOCALE_ILANGUAGE      0x0001
#define LOCALE_SDECIMAL       0x000E
#define LOCALE_STHOUSAND      0x000F
#define LOCALE_SGROUPING      0x0010
#define LOCALE_IDIGITS        0x0011
#define LOCALE_ILZERO         0x0012
#define LOCALE_SCURRENCY      0x0014
#define LOCALE_SMONDECIMALSEP 0x0016
#define LOCALE_SMONTHOUSANDSEP 0x0017
#define LOCALE_SMONGROUPING   0x0018
#define LOCALE_ICURRDIGITS    0x0019
#define LOCALE_ICURRENCY      0x001B
#define LOCALE_INEGCURR       0x001C
#define LOCALE_INEGNUMBER     0x1010

#define MAX_DIGITS 128  /* of the number's integer part, and of its fraction */
#define MAX_SEPARATOR 4 /* characters, as Windows' LOCALE_SDECIMAL allows */
#define MAX_SYMBOL 13   /* LOCALE_SCURRENCY's limit */
/* The longest answer: every integer digit with a 4-character separator
 * after it, 9 decimals, the symbol, a sign and parentheses. */
#define MAX_RESULT (MAX_DIGITS * (1 + MAX_SEPARATOR) + MAX_SEPARATOR + 9 + MAX_SYMBOL + 8)

/* The parsed number: its digits, the integer part's count, its sign. */
typedef struct NUMBER {
    char Digits[2 * MAX_DIGITS + 2];
    int Integer, Count;
    BOOL Negative;
} NUMBER;

/* The format both calls share, with room for the locale's strings. */
typedef struct FORMAT {
    UINT NumDigits, LeadingZero, Grouping, NegativeOrder, PositiveOrder;
    WCHAR Decimal[MAX_SEPARATOR + 1], Thousand[MAX_SEPARATOR + 1], Symbol[MAX_SYMBOL + 1];
} FORMAT;

typedef struct OUT {
    WCHAR *Buffer;
    int Size, Length;
} OUT;

static void Put(OUT *out, WCHAR c)
{
    if (out->Size && out->Length < out->Size) {
        out->Buffer[out->Length] = c;
    }
    out->Length++;
}

static void PutString(OUT *out, const WCHAR *s)
{
    while (*s) {
        Put(out, *s++);
    }
}

/* "-", digits, ".", digits: FALSE for anything else (a space, a comma, a
 * second sign or point, no digit at all). */
static BOOL Parse(const WCHAR *value, NUMBER *n)
{
    memset(n, 0, sizeof *n);
    const WCHAR *p = value;
    if (*p == '-') {
        n->Negative = TRUE;
        p++;
    }
    BOOL point = FALSE, any = FALSE;
    for (; *p; p++) {
        if (*p == '.' && !point) {
            point = TRUE;
            n->Integer = n->Count;
            continue;
        }
        if (*p < '0' || *p > '9' || n->Count >= (int)sizeof n->Digits - 2) {
            return FALSE;
        }
        /* Leading zeros of the integer part are no digits of the number. */
        if (!point && n->Count == 0 && *p == '0') {
            any = TRUE;
            continue;
        }
        n->Digits[n->Count++] = (char)*p;
        any = TRUE;
    }
    if (!point) {
        n->Integer = n->Count;
    }
    return any && n->Integer <= MAX_DIGITS && n->Count - n->Integer <= MAX_DIGITS;
}

/* Rounds to `decimals` fraction digits, half away from zero; the fraction
 * is then exactly that long. */
static void Round(NUMBER *n, UINT decimals)
{
    int keep = n->Integer + (int)decimals;
    if (n->Count > keep) {
        BOOL up = n->Digits[keep] >= '5';
        n->Count = keep;
        for (int i = keep - 1; up && i >= 0; i--) {
            if (n->Digits[i] == '9') {
                n->Digits[i] = '0';
            } else {
                n->Digits[i]++;
                up = FALSE;
            }
        }
        if (up) { /* 9.99 became 10.00: one more integer digit */
            memmove(n->Digits + 1, n->Digits, (size_t)n->Count);
            n->Digits[0] = '1';
            n->Count++;
            n->Integer++;
        }
    }
    while (n->Count < keep) {
        n->Digits[n->Count++] = '0';
    }
}

/* The integer part with its thousands separators, then the fraction. */
static void PutDigits(OUT *out, const NUMBER *n, const FORMAT *f)
{
    /* Group sizes from the point leftwards (Grouping's digits, most
     * significant first); the last repeats unless Grouping ends in 0. */
    int sizes[10], count = 0;
    UINT g = f->Grouping;
    BOOL repeat = g % 10 != 0;
    if (!repeat) {
        g /= 10;
    }
    WCHAR reversed[10];
    int r = 0;
    for (; g && r < 10; g /= 10) {
        reversed[r++] = (WCHAR)(g % 10);
    }
    while (r) {
        sizes[count++] = reversed[--r];
    }
    /* How many separators follow each integer digit, walking leftwards
     * from the point one group at a time; the group that reaches the
     * number's first digit has none before it. */
    char separators[MAX_DIGITS + 2] = {0};
    int left = n->Integer; /* digits not yet in a group */
    for (int i = 0; left > 0 && (i < count || (repeat && count)); i++) {
        int size = i < count ? sizes[i] : sizes[count - 1];
        if (size >= left) {
            break;
        }
        left -= size;
        separators[left - 1]++;
    }
    if (n->Integer == 0) {
        if (f->LeadingZero || f->NumDigits == 0) {
            Put(out, '0');
        }
    }
    for (int i = 0; i < n->Integer; i++) {
        Put(out, (WCHAR)n->Digits[i]);
        for (int s = 0; s < separators[i]; s++) {
            PutString(out, f->Thousand);
        }
    }
    if (f->NumDigits) {
        PutString(out, f->Decimal);
        for (int i = n->Integer; i < n->Count; i++) {
            Put(out, (WCHAR)n->Digits[i]);
        }
    }
}

/* Whether every digit is 0: a negative zero is written as zero. */
static BOOL IsZero(const NUMBER *n)
{
    for (int i = 0; i < n->Count; i++) {
        if (n->Digits[i] != '0') {
            return FALSE;
        }
    }
    return TRUE;
}

/* A picture: '#' the digits, '$' the symbol, '-' the sign, the rest as is. */
static void PutPicture(OUT *out, const char *picture, const NUMBER *n, const FORMAT *f)
{
    for (; *picture; picture++) {
        switch (*picture) {
        case '#':
            PutDigits(out, n, f);
            break;
        case '$':
            PutString(out, f->Symbol);
            break;
        default:
            Put(out, (WCHAR)*picture);
            break;
        }
    }
}

static const char *const NumberNegative[] = {"(#)", "-#", "- #", "#-", "# -"};
static const char *const CurrencyPositive[] = {"$#", "#$", "$ #", "# $"};
static const char *const CurrencyNegative[] = {
    "($#)", "-$#", "$-#", "$#-", "(#$)", "-#$", "#-$", "#$-",
    "-# $", "-$ #", "# $-", "$ #-", "$ -#", "#- $", "($ #)", "(# $)",
};

static UINT LocaleNumber(LCID lcid, LCTYPE type)
{
    WCHAR text[8];
    UINT value = 0;
    if (GetLocaleInfoW(lcid, type, text, 8)) {
        for (WCHAR *p = text; *p >= '0' && *p <= '9'; p++) {
            value = value * 10 + (UINT)(*p - '0');
        }
    }
    return value;
}

/* LOCALE_SGROUPING ("3;0", "3;2;0", "3") as NUMBERFMT's Grouping. */
static UINT Grouping(LCID lcid, LCTYPE type)
{
    WCHAR text[20];
    UINT value = 0;
    int last = -1;
    if (!GetLocaleInfoW(lcid, type, text, 20)) {
        return 0;
    }
    for (WCHAR *p = text; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            last = *p - '0';
            value = value * 10 + (UINT)last;
        }
    }
    /* A final 0 repeats the group before it (Grouping: no final 0); no
     * final 0 means no repeat (Grouping: a final 0). */
    return last == 0 ? value / 10 : value * 10;
}

static BOOL LocaleString(LCID lcid, LCTYPE type, WCHAR *out, int size)
{
    return GetLocaleInfoW(lcid, type, out, size) != 0;
}

static BOOL Fail(DWORD error)
{
    SetLastError(error);
    return FALSE;
}

static BOOL CopyString(WCHAR *to, const WCHAR *from, int size)
{
    if (!from) {
        return Fail(ERROR_INVALID_PARAMETER);
    }
    int n = lstrlenW(from);
    if (n >= size) {
        return Fail(ERROR_INVALID_PARAMETER);
    }
    memcpy(to, from, (n + 1) * sizeof(WCHAR));
    return TRUE;
}

/* The checks both calls make on their arguments. */
static BOOL CheckCall(LCID lcid, DWORD flags, const WCHAR *value, const void *format, WCHAR *buffer,
                      int size)
{
    if (!value || (size && !buffer) || size < 0) {
        return Fail(ERROR_INVALID_PARAMETER);
    }
    if (format ? flags != 0 : (flags & ~LOCALE_NOUSEROVERRIDE) != 0) {
        return Fail(ERROR_INVALID_FLAGS);
    }
    WCHAR language[8]; /* the locale is one there is (the defaults resolve) */
    if (!GetLocaleInfoW(lcid, LOCALE_ILANGUAGE, language, 8)) {
        return Fail(ERROR_INVALID_PARAMETER);
    }
    return TRUE;
}

/* The value parsed, rounded and written in f's picture for its sign: the
 * length with the terminator, or 0 and the error. */
static int FormatValue(const WCHAR *value, const FORMAT *f, BOOL currency, WCHAR *buffer, int size)
{
    NUMBER n;
    if (!Parse(value, &n)) {
        return Fail(ERROR_INVALID_PARAMETER);
    }
    Round(&n, f->NumDigits);
    const char *picture;
    if (n.Negative && !IsZero(&n)) {
        picture = currency ? CurrencyNegative[f->NegativeOrder] : NumberNegative[f->NegativeOrder];
    } else {
        picture = currency ? CurrencyPositive[f->PositiveOrder] : "#";
    }
    OUT out = {buffer, size, 0};
    PutPicture(&out, picture, &n, f);
    Put(&out, 0);
    if (out.Size && out.Length > out.Size) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    return out.Length;
}

int WINAPI GetNumberFormatW(LCID lcid, DWORD flags, const WCHAR *value, const NUMBERFMTW *format,
                            WCHAR *buffer, int size)
{
    FORMAT f;
    if (!CheckCall(lcid, flags, value, format, buffer, size)) {
        return 0;
    }
    if (format) {
        if (format->NumDigits > 9 || format->LeadingZero > 1 || format->NegativeOrder > 4 ||
            !CopyString(f.Decimal, format->lpDecimalSep, MAX_SEPARATOR + 1) ||
            !CopyString(f.Thousand, format->lpThousandSep, MAX_SEPARATOR + 1)) {
            return Fail(ERROR_INVALID_PARAMETER);
        }
        f.NumDigits = format->NumDigits;
        f.LeadingZero = format->LeadingZero;
        f.Grouping = format->Grouping;
        f.NegativeOrder = format->NegativeOrder;
    } else {
        f.NumDigits = LocaleNumber(lcid, LOCALE_IDIGITS);
        f.LeadingZero = LocaleNumber(lcid, LOCALE_ILZERO);
        f.Grouping = Grouping(lcid, LOCALE_SGROUPING);
        f.NegativeOrder = LocaleNumber(lcid, LOCALE_INEGNUMBER);
        LocaleString(lcid, LOCALE_SDECIMAL, f.Decimal, MAX_SEPARATOR + 1);
        LocaleString(lcid, LOCALE_STHOUSAND, f.Thousand, MAX_SEPARATOR + 1);
    }
    return FormatValue(value, &f, FALSE, buffer, size);
}

int WINAPI GetCurrencyFormatW(LCID lcid, DWORD flags, const WCHAR *value, const CURRENCYFMTW *format,
                              WCHAR *buffer, int size)
{
    FORMAT f;
    if (!CheckCall(lcid, flags, value, format, buffer, size)) {
        return 0;
    }
    if (format) {
        if (format->NumDigits > 9 || format->LeadingZero > 1 || format->NegativeOrder > 15 ||
            format->PositiveOrder > 3 ||
            !CopyString(f.Decimal, format->lpDecimalSep, MAX_SEPARATOR + 1) ||
            !CopyString(f.Thousand, format->lpThousandSep, MAX_SEPARATOR + 1) ||
            !CopyString(f.Symbol, format->lpCurrencySymbol, MAX_SYMBOL + 1)) {
            return Fail(ERROR_INVALID_PARAMETER);
        }
        f.NumDigits = format->NumDigits;
        f.LeadingZero = format->LeadingZero;
        f.Grouping = format->Grouping;
        f.NegativeOrder = format->NegativeOrder;
        f.PositiveOrder = format->PositiveOrder;
    } else {
        f.NumDigits = LocaleNumber(lcid, LOCALE_ICURRDIGITS);
        f.LeadingZero = LocaleNumber(lcid, LOCALE_ILZERO);
        f.Grouping = Grouping(lcid, LOCALE_SMONGROUPING);
        f.NegativeOrder = LocaleNumber(lcid, LOCALE_INEGCURR);
        f.PositiveOrder = LocaleNumber(lcid, LOCALE_ICURRENCY);
        LocaleString(lcid, LOCALE_SMONDECIMALSEP, f.Decimal, MAX_SEPARATOR + 1);
        LocaleString(lcid, LOCALE_SMONTHOUSANDSEP, f.Thousand, MAX_SEPARATOR + 1);
        LocaleString(lcid, LOCALE_SCURRENCY, f.Symbol, MAX_SYMBOL + 1);
    }
    return FormatValue(value, &f, TRUE, buffer, size);
}

/* The A forms: the value and the format's strings widened, the answer
 * narrowed (ASCII: digits, separators and symbols of the ANSI code page). */
static int Narrow(const WCHAR *wide, int length, char *buffer, int size)
{
    if (!length) {
        return 0;
    }
    return WideCharToMultiByte(CP_ACP, 0, wide, length, size ? buffer : NULL, size, NULL, NULL);
}

#define WIDE_FIELD 16

/* A format's string widened into out (NULL stays NULL, for the W call to
 * refuse). */
static WCHAR *Widen(const char *s, WCHAR *out, int size)
{
    if (!s || !MultiByteToWideChar(CP_ACP, 0, s, -1, out, size)) {
        return NULL;
    }
    return out;
}

/* An A call made through its W form (currency or number, with its widened
 * format or NULL): the value widened, the answer narrowed. */
static int FormatAnsi(LCID lcid, DWORD flags, const char *value, BOOL currency,
                      const NUMBERFMTW *number_format, const CURRENCYFMTW *currency_format,
                      char *buffer, int size)
{
    WCHAR result[MAX_RESULT];
    WCHAR *wide = BaseAnsiToHeap(value);
    if (!wide) {
        return Fail(ERROR_NOT_ENOUGH_MEMORY);
    }
    int n = currency ? GetCurrencyFormatW(lcid, flags, wide, currency_format, result, MAX_RESULT)
                 : GetNumberFormatW(lcid, flags, wide, number_format, result, MAX_RESULT);
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, wide);
    int narrow = Narrow(result, n, buffer, size);
    if (n && !narrow) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
    }
    return narrow;
}

int WINAPI GetNumberFormatA(LCID lcid, DWORD flags, const char *value, const NUMBERFMTA *format,
                            char *buffer, int size)
{
    WCHAR decimal[WIDE_FIELD], thousand[WIDE_FIELD];
    NUMBERFMTW wide_format;
    if (!value || (size && !buffer)) {
        return Fail(ERROR_INVALID_PARAMETER);
    }
    if (format) {
        wide_format.NumDigits = format->NumDigits;
        wide_format.LeadingZero = format->LeadingZero;
        wide_format.Grouping = format->Grouping;
        wide_format.lpDecimalSep = Widen(format->lpDecimalSep, decimal, WIDE_FIELD);
        wide_format.lpThousandSep = Widen(format->lpThousandSep, thousand, WIDE_FIELD);
        wide_format.NegativeOrder = format->NegativeOrder;
    }
    return FormatAnsi(lcid, flags, value, FALSE, format ? &wide_format : NULL, NULL, buffer, size);
}

int WINAPI GetCurrencyFormatA(LCID lcid, DWORD flags, const char *value, const CURRENCYFMTA *format,
                              char *buffer, int size)
{
    WCHAR decimal[WIDE_FIELD], thousand[WIDE_FIELD], symbol[WIDE_FIELD];
    CURRENCYFMTW wide_format;
    if (!value || (size && !buffer)) {
        return Fail(ERROR_INVALID_PARAMETER);
    }
    if (format) {
        wide_format.NumDigits = format->NumDigits;
        wide_format.LeadingZero = format->LeadingZero;
        wide_format.Grouping = format->Grouping;
        wide_format.lpDecimalSep = Widen(format->lpDecimalSep, decimal, WIDE_FIELD);
        wide_format.lpThousandSep = Widen(format->lpThousandSep, thousand, WIDE_FIELD);
        wide_format.NegativeOrder = format->NegativeOrder;
        wide_format.PositiveOrder = format->PositiveOrder;
        wide_format.lpCurrencySymbol = Widen(format->lpCurrencySymbol, symbol, WIDE_FIELD);
    }
    return FormatAnsi(lcid, flags, value, TRUE, NULL, format ? &wide_format : NULL, buffer, size);
}
