/* The wide-string functions msvcrt exports beside ntdll's wcslen. */
#include "msvcrt/crt.h"

WCHAR *CDECL wcscpy(WCHAR *dst, const WCHAR *src)
{
    WCHAR *d = dst;
    while ((*d++ = *src++)) {
    }
    return dst;
}

WCHAR *CDECL wcsncpy(WCHAR *dst, const WCHAR *src, size_t n)
{
    size_t i = 0;
    for (; i < n && src[i]; i++) {
        dst[i] = src[i];
    }
    for (; i < n; i++) {
        dst[i] = 0;   /* padded with nulls, as strncpy */
    }
    return dst;
}

WCHAR *CDECL wcscat(WCHAR *dst, const WCHAR *src)
{
    wcscpy(dst + wcslen(dst), src);
    return dst;
}

WCHAR *CDECL wcsncat(WCHAR *dst, const WCHAR *src, size_t n)
{
    WCHAR *d = dst + wcslen(dst);
    while (n-- && *src) {
        *d++ = *src++;
    }
    *d = 0;
    return dst;
}

int CDECL wcsncmp(const WCHAR *a, const WCHAR *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b || !*a) {
            return *a < *b ? -1 : *a > *b;
        }
    }
    return 0;
}

WCHAR *CDECL wcschr(const WCHAR *s, WCHAR c)
{
    for (;; s++) {
        if (*s == c) {
            return (WCHAR *)s;
        }
        if (!*s) {
            return NULL;
        }
    }
}

WCHAR *CDECL wcsrchr(const WCHAR *s, WCHAR c)
{
    const WCHAR *last = NULL;
    for (;; s++) {
        if (*s == c) {
            last = s;
        }
        if (!*s) {
            return (WCHAR *)last;
        }
    }
}

WCHAR *CDECL wcsstr(const WCHAR *haystack, const WCHAR *needle)
{
    size_t n = wcslen(needle);
    for (; *haystack; haystack++) {
        if (wcsncmp(haystack, needle, n) == 0) {
            return (WCHAR *)haystack;
        }
    }
    return n ? NULL : (WCHAR *)haystack;
}

/* ------------------------------------------------------------ _itoa */
/* msvcrt's radix conversions: a radix outside 2..36 leaves the buffer alone;
 * only _itoa and _ltoa give a minus sign, and only in base 10. */
static char *Convert(unsigned long long value, int negative, char *out, int radix)
{
    if (radix < 2 || radix > 36) {
        CrtSetErrno(EINVAL, 0);
        return out;
    }
    char digits[66];
    int n = 0;
    do {
        int d = (int)(value % (unsigned)radix);
        digits[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        value /= (unsigned)radix;
    } while (value);
    char *p = out;
    if (negative) {
        *p++ = '-';
    }
    while (n) {
        *p++ = digits[--n];
    }
    *p = 0;
    return out;
}

static char *Signed(long long value, char *out, int radix)
{
    int negative = radix == 10 && value < 0;
    unsigned long long magnitude = negative ? 0 - (unsigned long long)value : (unsigned long long)value;
    return Convert(magnitude, negative, out, radix);
}

char *CDECL _itoa(int value, char *out, int radix)
{
    return radix == 10 ? Signed(value, out, radix) : Convert((unsigned)value, 0, out, radix);
}

char *CDECL _ltoa(long value, char *out, int radix)
{
    return radix == 10 ? Signed(value, out, radix) : Convert((unsigned long)value, 0, out, radix);
}

char *CDECL _ultoa(unsigned long value, char *out, int radix) { return Convert(value, 0, out, radix); }
char *CDECL _i64toa(long long value, char *out, int radix) { return Signed(value, out, radix); }
char *CDECL _ui64toa(unsigned long long value, char *out, int radix) { return Convert(value, 0, out, radix); }
