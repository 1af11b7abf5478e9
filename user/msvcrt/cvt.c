/*
 * _ecvt, _fcvt and _gcvt: a double's decimal digits as msvcrt.dll gives
 * them. The digits are the printf engine's (format.c, through "%.16e":
 * the exact decimal value rounded half away from zero to 17 significant
 * digits, as msvcrt keeps; the rest are zeros), then rounded again, half
 * up, to what is asked: _ecvt to `count` significant digits, _fcvt to
 * `count` digits after the point. *point is where the decimal point
 * falls (0.d1d2... x 10^point); a result with no digit left keeps the
 * value's own. The string is the thread's, overwritten by its next call
 * (Wine's msvcrt tests printf.c, test_xcvt and test__fcvt, give the cases).
 */
#include "msvcrt/crtfill.h"

#define CVT_DIGITS (CRT_CVT_BUFFER - 1)

/* Rounds digits[0..count) to keep digits, half up; a carry out of the
 * first makes "1" and moves the point. Returns the digits kept. */
static int Round(char *digits, int count, int keep, int *point)
{
    if (keep >= count) {
        return count;
    }
    if (keep < 0) {
        return 0;
    }
    int up = digits[keep] >= '5';
    for (int i = keep - 1; up && i >= 0; i--) {
        if (digits[i] == '9') {
            digits[i] = '0';
        } else {
            digits[i]++;
            up = 0;
        }
    }
    if (up) {
        digits[0] = '1';
        (*point)++;
        return keep ? keep : 1;   /* "1" even when no digit was asked for */
    }
    return keep;
}

/* fixed: count digits after the point (_fcvt), else count significant. */
static char *Convert(double value, int count, int *point, int *sign, int fixed)
{
    char *out = CrtThreadData()->CvtBuffer;
    union {
        double d;
        ULONGLONG u;
    } bits = {value};
    *sign = (int)(bits.u >> 63);
    if (value == 0) {
        int n = count < 0 ? 0 : count > CVT_DIGITS ? CVT_DIGITS : count;
        memset(out, '0', (size_t)n);
        out[n] = 0;
        *point = 0;
        return out;
    }
    char digits[17];
    int available = CrtSpecialDigits(value, digits, point);   /* 1#INF...: rounded as digits */
    if (!available) {
        char text[40];
        _snprintf(text, sizeof text, "%.16e", *sign ? -value : value);
        digits[0] = text[0];
        memcpy(digits + 1, text + 2, 16);
        *point = atoi(text + 19) + 1;     /* after "d.dddddddddddddddde" */
        available = 17;
    }
    int keep = fixed ? *point + count : count;
    int kept = Round(digits, available, keep, point);
    if (fixed) {
        keep = *point + count;        /* a carry adds a digit before the point */
    }
    if (keep < kept) {
        keep = kept;                  /* the carry's "1" when none was asked for */
    }
    int n = keep > CVT_DIGITS ? CVT_DIGITS : keep < 0 ? 0 : keep;
    for (int i = 0; i < n; i++) {
        out[i] = i < kept ? digits[i] : '0';
    }
    out[n] = 0;
    if (!fixed && count <= 0) {
        out[0] = 0;                   /* _ecvt: no digits asked, none given */
    }
    return out;
}

char *CDECL _ecvt(double value, int count, int *point, int *sign) { return Convert(value, count, point, sign, 0); }
char *CDECL _fcvt(double value, int count, int *point, int *sign) { return Convert(value, count, point, sign, 1); }

/* _gcvt: printf's %g with `count` significant digits, into buffer; NULL
 * with ERANGE for a negative count, EINVAL for no buffer (Wine's msvcrt
 * tests misc.c, test_gcvt). */
char *CDECL _gcvt(double value, int count, char *buffer)
{
    if (!buffer) {
        CrtSetErrno(EINVAL, 0);
        return NULL;
    }
    if (count < 0) {
        CrtSetErrno(ERANGE, 0);
        return NULL;
    }
    sprintf(buffer, "%.*g", count, value);
    return buffer;
}
