/*
 * ntdll's numbers to text and back. Its own rules, not msvcrt's (Wine's
 * ntdll tests string.c, the tables at 174-280, 505-530, 841-950 and
 * 1004-1136):
 *
 *   - _itoa and kin take any radix from 2 up: a digit past 'z' is the next
 *     character (base 37 of 71270178 is "111111"); only base 10 shows a
 *     minus sign, other bases show the two's complement. msvcrt's are the
 *     same (its itoa(100, buffer, 100) is "10": Wine's msvcrt tests
 *     string.c:2552), so msvcrt re-exports these; its _itoa_s refuses a
 *     radix outside 2-36;
 *   - atoi, atol, _atoi64 and the _wto* family skip white space (the C
 *     locale's: tab to CR and space; the wide ones also U+00A0), take one
 *     sign and decimal digits, and wrap around instead of saturating;
 *   - strtol/wcstol saturate at LONG_MIN/LONG_MAX and strtoul/wcstoul at
 *     ULONG_MAX before a minus sign negates it, and set no errno (ntdll
 *     has none); wcstol also reads the decimal digits of other scripts
 *     (Arabic-Indic to fullwidth, string.c:1190-1255).
 */
#include "ntdll/ntdll.h"

/* ------------------------------------------------------------ to text */
/* The digits of value in radix into out (chars or WCHARs), after a minus
 * sign when negative. */
static void Digits(ULONGLONG value, int negative, void *out, BOOL wide, int radix)
{
    char digits[65];
    int n = 0;
    if (radix < 2) {   /* no digits in base 0 or 1: an empty string */
        value = 0, negative = 0;
    }
    do {
        if (radix < 2) {
            break;
        }
        int d = (int)(value % (unsigned)radix);
        digits[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        value /= (unsigned)radix;
    } while (value);
    int i = 0;
    if (negative) {
        wide ? (((WCHAR *)out)[i++] = '-') : (((char *)out)[i++] = '-');
    }
    while (n) {
        char d = digits[--n];
        wide ? (((WCHAR *)out)[i++] = (WCHAR)(UCHAR)d) : (((char *)out)[i++] = d);
    }
    wide ? (((WCHAR *)out)[i] = 0) : (((char *)out)[i] = 0);
}

static void Signed(LONGLONG value, void *out, BOOL wide, int radix)
{
    int negative = radix == 10 && value < 0;
    Digits(negative ? 0 - (ULONGLONG)value : (ULONGLONG)value, negative, out, wide, radix);
}

char *CDECL _itoa(int value, char *out, int radix)
{
    radix == 10 ? Signed(value, out, FALSE, radix) : Digits((ULONG)value, 0, out, FALSE, radix);
    return out;
}

char *CDECL _ltoa(LONG value, char *out, int radix) { return _itoa((int)value, out, radix); }

char *CDECL _ultoa(ULONG value, char *out, int radix)
{
    Digits(value, 0, out, FALSE, radix);
    return out;
}

char *CDECL _i64toa(LONGLONG value, char *out, int radix)
{
    Signed(value, out, FALSE, radix);
    return out;
}

char *CDECL _ui64toa(ULONGLONG value, char *out, int radix)
{
    Digits(value, 0, out, FALSE, radix);
    return out;
}

/* The wide family: NULL for a NULL buffer (string.c:480-500). */
WCHAR *CDECL _itow(int value, WCHAR *out, int radix)
{
    if (out) {
        radix == 10 ? Signed(value, out, TRUE, radix) : Digits((ULONG)value, 0, out, TRUE, radix);
    }
    return out;
}

WCHAR *CDECL _ltow(LONG value, WCHAR *out, int radix) { return _itow((int)value, out, radix); }

WCHAR *CDECL _ultow(ULONG value, WCHAR *out, int radix)
{
    if (out) {
        Digits(value, 0, out, TRUE, radix);
    }
    return out;
}

WCHAR *CDECL _i64tow(LONGLONG value, WCHAR *out, int radix)
{
    if (out) {
        Signed(value, out, TRUE, radix);
    }
    return out;
}

WCHAR *CDECL _ui64tow(ULONGLONG value, WCHAR *out, int radix)
{
    if (out) {
        Digits(value, 0, out, TRUE, radix);
    }
    return out;
}

/* ---------------------------------------------------------- from text */
static int Space(unsigned c, BOOL wide) { return c == ' ' || (c >= 9 && c <= 13) || (wide && c == 0xA0); }

/* Decimal, one sign, wrapping: atoi("4294967296") is 0. */
static ULONGLONG Decimal(const void *text, BOOL wide)
{
    const char *n = text;
    const WCHAR *w = text;
#define AT(i) (wide ? (unsigned)w[i] : (unsigned)(UCHAR)n[i])
    size_t i = 0;
    while (Space(AT(i), wide)) {
        i++;
    }
    int negative = AT(i) == '-';
    if (AT(i) == '+' || AT(i) == '-') {
        i++;
    }
    ULONGLONG value = 0;
    for (; AT(i) >= '0' && AT(i) <= '9'; i++) {
        value = value * 10 + (AT(i) - '0');
    }
#undef AT
    return negative ? 0 - value : value;
}

int CDECL atoi(const char *s) { return (int)Decimal(s, FALSE); }
LONG CDECL atol(const char *s) { return (LONG)Decimal(s, FALSE); }
LONGLONG CDECL _atoi64(const char *s) { return (LONGLONG)Decimal(s, FALSE); }
int CDECL _wtoi(const WCHAR *s) { return (int)Decimal(s, TRUE); }
LONG CDECL _wtol(const WCHAR *s) { return (LONG)Decimal(s, TRUE); }
LONGLONG CDECL _wtoi64(const WCHAR *s) { return (LONGLONG)Decimal(s, TRUE); }

/* The first character of each run of ten decimal digits wcstol reads
 * besides '0'-'9' (Unicode's Nd blocks, string.c:1231-1235). */
static const WCHAR DigitZeros[] = {
    0x0660, 0x06F0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0C66, 0x0CE6,
    0x0D66, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810, 0xFF10,
};

/* c's value as a digit, or 99. */
static unsigned DigitValue(unsigned c, BOOL wide)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        return (c | 0x20) - 'a' + 10;
    }
    if (wide) {
        for (size_t i = 0; i < sizeof DigitZeros / sizeof DigitZeros[0]; i++) {
            if (c >= DigitZeros[i] && c < DigitZeros[i] + 10u) {
                return c - DigitZeros[i];
            }
        }
    }
    return 99;
}

/* Sign, radix prefix and digits; the magnitude saturated at limit
 * (*overflow set); *end after the last digit, or text when none. */
static ULONGLONG Parse(const void *text, void **end, int base, BOOL wide, ULONGLONG limit, int *negative,
                       int *overflow)
{
    const char *n = text;
    const WCHAR *w = text;
#define AT(i) (wide ? (unsigned)w[i] : (unsigned)(UCHAR)n[i])
    size_t i = 0;
    while (Space(AT(i), wide)) {
        i++;
    }
    *negative = AT(i) == '-';
    if (AT(i) == '+' || AT(i) == '-') {
        i++;
    }
    if ((base == 0 || base == 16) && DigitValue(AT(i), wide) == 0 && (AT(i + 1) | 0x20) == 'x'
        && DigitValue(AT(i + 2), wide) < 16) {
        i += 2, base = 16;
    } else if (base == 0) {
        base = DigitValue(AT(i), wide) == 0 ? 8 : 10;
    }
    ULONGLONG value = 0;
    size_t first = i;
    *overflow = 0;
    for (unsigned d; base >= 2 && base <= 36 && (d = DigitValue(AT(i), wide)) < (unsigned)base; i++) {
        value = value * (unsigned)base + d;
        if (value > limit) {
            value = limit, *overflow = 1;
        }
    }
#undef AT
    if (end) {
        *end = i == first ? (void *)text : wide ? (void *)(w + i) : (void *)(n + i);
    }
    return value;
}

static LONG Long(const void *text, void **end, int base, BOOL wide)
{
    int negative, overflow;
    ULONGLONG v = Parse(text, end, base, wide, 0x80000000ull, &negative, &overflow);
    if (negative) {
        return (LONG)(0 - (ULONG)v);
    }
    return v > 0x7FFFFFFF ? 0x7FFFFFFF : (LONG)v;
}

static ULONG UnsignedLong(const void *text, void **end, int base, BOOL wide)
{
    int negative, overflow;
    ULONG v = (ULONG)Parse(text, end, base, wide, 0xFFFFFFFFull, &negative, &overflow);
    return negative ? 0 - v : v;
}

LONG CDECL strtol(const char *s, char **end, int base) { return Long(s, (void **)end, base, FALSE); }
ULONG CDECL strtoul(const char *s, char **end, int base) { return UnsignedLong(s, (void **)end, base, FALSE); }
LONG CDECL wcstol(const WCHAR *s, WCHAR **end, int base) { return Long(s, (void **)end, base, TRUE); }
ULONG CDECL wcstoul(const WCHAR *s, WCHAR **end, int base) { return UnsignedLong(s, (void **)end, base, TRUE); }

int CDECL abs(int v) { return v < 0 ? -v : v; }
LONG CDECL labs(LONG v) { return v < 0 ? -v : v; }
