/*
 * The wide number conversions. wcstol and its kin parse exactly as their
 * narrow twins (stdlib.c: spaces, sign, 0x prefix, digits, saturation
 * with ERANGE): the wide text is narrowed first, a character at a time,
 * and the end pointer mapped back. A wide space (one iswspace knows)
 * narrows to a space and a decimal digit of another script to its ASCII
 * digit, as msvcrt reads them (Wine's msvcrt tests string.c, test__wcstoi64:
 * Thai and fullwidth nines are 9, "-\x0e50x\xff191" is -0x91); any other
 * character outside ASCII ends the number. _itow and its kin are ntdll's,
 * re-exported by name (msvcrt.def), as _itoa's are.
 */
#include "msvcrt/crtfill.h"

typedef struct NARROWED {
    char *Text;
    char Room[128];
} NARROWED;

/* The zeros of the scripts whose ten digits msvcrt reads as 0-9: Arabic-
 * Indic, extended Arabic-Indic, Devanagari, Bengali, Gurmukhi, Gujarati,
 * Oriya, Telugu, Kannada, Malayalam, Thai, Lao, Tibetan, Myanmar, Khmer,
 * Mongolian and fullwidth (not Tamil's, whose zero came late). */
static const WCHAR DigitZeros[] = {0x0660, 0x06F0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0C66, 0x0CE6,
                                   0x0D66, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810, 0xFF10};

/* The ASCII a wide character stands for in a number, or 0 if none. */
static char NumberChar(WCHAR c)
{
    if (c < 0x80) {
        return (char)c;
    }
    for (size_t i = 0; i < sizeof DigitZeros / sizeof DigitZeros[0]; i++) {
        if (c >= DigitZeros[i] && c <= DigitZeros[i] + 9) {
            return (char)('0' + (c - DigitZeros[i]));
        }
    }
    return iswspace(c) ? ' ' : 0;
}

/* The narrow copy of s, up to the first character that stops any number
 * (the terminator included); NULL when no memory for a long one. */
static char *Narrow(NARROWED *n, const WCHAR *s)
{
    size_t length = 0;
    while (s[length] && NumberChar(s[length])) {
        length++;
    }
    n->Text = length < sizeof n->Room ? n->Room : RtlAllocateHeap(CRT_HEAP(), 0, length + 1);
    if (!n->Text) {
        return NULL;
    }
    for (size_t i = 0; i < length; i++) {
        n->Text[i] = NumberChar(s[i]);
    }
    n->Text[length] = 0;
    return n->Text;
}

static void Release(NARROWED *n)
{
    if (n->Text && n->Text != n->Room) {
        RtlFreeHeap(CRT_HEAP(), 0, n->Text);
    }
}

/* Where the narrow parse stopped, as a place in the wide text. */
static void MapEnd(const WCHAR *s, const NARROWED *n, const char *end, WCHAR **wide_end)
{
    if (wide_end) {
        *wide_end = (WCHAR *)s + (end - n->Text);
    }
}

#define PARSE(type, narrow_call, fail)                                                             \
    NARROWED n;                                                                                    \
    if (!Narrow(&n, s)) {                                                                          \
        CrtSetErrno(ENOMEM, 0);                                                                    \
        if (end) {                                                                                 \
            *end = (WCHAR *)s;                                                                     \
        }                                                                                          \
        return fail;                                                                               \
    }                                                                                              \
    char *stop;                                                                                    \
    type value = narrow_call;                                                                      \
    MapEnd(s, &n, stop, end);                                                                      \
    Release(&n);                                                                                   \
    return value

long CDECL wcstol(const WCHAR *s, WCHAR **end, int base) { PARSE(long, strtol(n.Text, &stop, base), 0); }
unsigned long CDECL wcstoul(const WCHAR *s, WCHAR **end, int base) { PARSE(unsigned long, strtoul(n.Text, &stop, base), 0); }
LONGLONG CDECL _wcstoi64(const WCHAR *s, WCHAR **end, int base) { PARSE(LONGLONG, _strtoi64(n.Text, &stop, base), 0); }
ULONGLONG CDECL _wcstoui64(const WCHAR *s, WCHAR **end, int base) { PARSE(ULONGLONG, _strtoui64(n.Text, &stop, base), 0); }
double CDECL wcstod(const WCHAR *s, WCHAR **end) { PARSE(double, strtod(n.Text, &stop), 0); }

int CDECL _wtoi(const WCHAR *s) { return (int)wcstol(s, NULL, 10); }
long CDECL _wtol(const WCHAR *s) { return wcstol(s, NULL, 10); }
LONGLONG CDECL _wtoi64(const WCHAR *s) { return _wcstoi64(s, NULL, 10); }
double CDECL _wtof(const WCHAR *s) { return wcstod(s, NULL); }
