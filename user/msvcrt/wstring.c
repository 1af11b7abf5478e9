/* msvcrt's radix conversions (the wide-string copies and searches are
 * ntdll's, re-exported by name: msvcrt.def). */
#include "msvcrt/crt.h"

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
