/*
 * The printf engine, formatting as msvcrt.dll does: %p is eight uppercase
 * hex digits, exponents have at least three digits (1.500000e+000),
 * infinities and NaNs print as 1.#INF / 1.#IND / 1.#QNAN, and decimal
 * rounding is half away from zero on the value's exact decimal expansion.
 *
 * Floating point is converted exactly: a double is M * 2^E, which is the
 * integer M * 5^-E scaled by 10^E (E < 0) or the integer M * 2^E (E >= 0),
 * so a big integer gives every decimal digit without rounding error. Like
 * msvcrt.dll, only the first 17 significant digits are kept (rounded); the
 * rest print as zeros: printf("%.20f", 0.1) is 0.10000000000000001000.
 *
 * The wide family (wprintf, swprintf, ...) runs the same engine on a wide
 * format into a wide sink (CrtFormatWide).
 */
#include "msvcrt/crt.h"

/* ---------------------------------------------------------- big numbers */
#define MSVCRT_SIGNIFICANT_DIGITS 17
#define LIMBS 96   /* 3072 bits: M * 5^1074 needs about 2550 */

typedef struct BIG {
    ULONG Limb[LIMBS];   /* little-endian base 2^32 */
    int Used;
} BIG;

static void BigMultiplySmall(BIG *b, ULONG factor)
{
    ULONGLONG carry = 0;
    for (int i = 0; i < b->Used; i++) {
        ULONGLONG v = (ULONGLONG)b->Limb[i] * factor + carry;
        b->Limb[i] = (ULONG)v;
        carry = v >> 32;
    }
    if (carry && b->Used < LIMBS) {
        b->Limb[b->Used++] = (ULONG)carry;
    }
}

/* Divides by 10^9 in place; returns the remainder. */
static ULONG BigDivideBillion(BIG *b)
{
    ULONGLONG rest = 0;
    for (int i = b->Used - 1; i >= 0; i--) {
        ULONGLONG v = (rest << 32) | b->Limb[i];
        b->Limb[i] = (ULONG)(v / 1000000000u);
        rest = v % 1000000000u;
    }
    while (b->Used && b->Limb[b->Used - 1] == 0) {
        b->Used--;
    }
    return (ULONG)rest;
}

/*
 * The exact decimal digits of a finite, positive double: digits[] gets the
 * significant digits (no leading zeros, at most `max`, truncated), and the
 * value is 0.d1d2d3… × 10^*point. Returns how many digits were stored; the
 * digits beyond are in *more (nonzero if any was nonzero).
 */
static int ExactDigits(double value, char *digits, int max, int *point)
{
    union {
        double d;
        ULONGLONG u;
    } bits = {value};
    int exponent = (int)((bits.u >> 52) & 0x7FF);
    ULONGLONG mantissa = bits.u & 0xFFFFFFFFFFFFFull;
    if (exponent) {
        mantissa |= 1ull << 52;
    } else {
        exponent = 1;
    }
    exponent -= 1075; /* value = mantissa * 2^exponent */

    static BIG b;
    b.Limb[0] = (ULONG)mantissa;
    b.Limb[1] = (ULONG)(mantissa >> 32);
    b.Used = b.Limb[1] ? 2 : 1;
    int scale = 0; /* value = b * 10^scale */
    if (exponent >= 0) {
        for (int i = 0; i < exponent; i++) {
            BigMultiplySmall(&b, 2);
        }
    } else {
        for (int i = 0; i < -exponent; i += 13) {
            int n = -exponent - i < 13 ? -exponent - i : 13;
            ULONG power = 1;
            while (n--) {
                power *= 5;
            }
            BigMultiplySmall(&b, power);
        }
        scale = exponent;
    }
    /* Decimal digits of b, nine at a time from the low end. */
    static char all[800];
    int count = 0;
    while (b.Used) {
        ULONG chunk = BigDivideBillion(&b);
        for (int k = 0; k < 9; k++) {
            all[count++] = (char)('0' + chunk % 10);
            chunk /= 10;
        }
    }
    while (count > 1 && all[count - 1] == '0') {
        count--; /* leading zeros of the top chunk */
    }
    *point = count + scale;
    int stored = count < max ? count : max;
    for (int i = 0; i < stored; i++) {
        digits[i] = all[count - 1 - i];
    }
    return stored;
}

/*
 * Rounds the digit string to `keep` significant digits, half away from
 * zero; a carry out of the first digit adds a leading 1 and moves the
 * point. keep may be 0 (only the carry can survive) or negative (nothing).
 */
static int RoundDigits(char *digits, int count, int keep, int *point)
{
    if (keep < 0) {
        return 0;
    }
    if (keep >= count) {
        return count;
    }
    int up = digits[keep] >= '5';
    count = keep;
    for (int i = keep - 1; up && i >= 0; i--) {
        if (digits[i] == '9') {
            digits[i] = '0';
        } else {
            digits[i]++;
            up = 0;
        }
    }
    if (up) {
        memmove(digits + 1, digits, (size_t)count);
        digits[0] = '1';
        count++;
        (*point)++;
    }
    return count;
}

/* ---------------------------------------------------------- output */
/* Narrow text; a wide sink gets each byte as the character of that
 * value, as the C locale's mbtowc makes it. */
static void Emit(FORMAT_SINK *sink, const char *text, size_t length)
{
    if (!length) {
        return;
    }
    if (sink->PutWide) {
        WCHAR wide[64];
        for (size_t done = 0; done < length;) {
            size_t k = length - done < 64 ? length - done : 64;
            for (size_t i = 0; i < k; i++) {
                wide[i] = (unsigned char)text[done + i];
            }
            sink->PutWide(sink, wide, k);
            done += k;
        }
    } else {
        sink->Put(sink, text, length);
    }
    sink->Count += length;
}

/* Wide text; a narrow sink gets '?' for what the C locale's one byte
 * cannot hold (WideField refuses such text before it comes here). */
static void EmitWide(FORMAT_SINK *sink, const WCHAR *text, size_t length)
{
    if (sink->PutWide) {
        if (length) {
            sink->PutWide(sink, text, length);
            sink->Count += length;
        }
        return;
    }
    for (size_t i = 0; i < length; i++) {
        char c = text[i] < 0x100 ? (char)text[i] : '?';
        Emit(sink, &c, 1);
    }
}

static void Repeat(FORMAT_SINK *sink, char c, int n)
{
    char block[32];
    memset(block, c, sizeof block);
    while (n > 0) {
        int k = n < 32 ? n : 32;
        Emit(sink, block, (size_t)k);
        n -= k;
    }
}

enum { FLAG_LEFT = 1, FLAG_PLUS = 2, FLAG_SPACE = 4, FLAG_ALT = 8, FLAG_ZERO = 16 };

/* The sign a number is printed with: '-', or '+' / ' ' if the flags ask. */
static int SignPrefix(char *prefix, int negative, int flags)
{
    if (negative) {
        prefix[0] = '-';
    } else if (flags & FLAG_PLUS) {
        prefix[0] = '+';
    } else if (flags & FLAG_SPACE) {
        prefix[0] = ' ';
    } else {
        return 0;
    }
    return 1;
}

/* Pads and writes sign/prefix, `zeros` zeros, then body, as width and
 * flags ask. msvcrt pads with '0' after the prefix when the '0' flag is
 * given and the conversion allows it (every one but an integer with a
 * precision), strings and characters included. */
static void EmitField(FORMAT_SINK *sink, int flags, int width, const char *prefix, int prefix_length,
                      int zeros, const char *body, int body_length, int zero_pad_ok)
{
    int total = prefix_length + zeros + body_length;
    int pad = width > total ? width - total : 0;
    int pad_zeros = !(flags & FLAG_LEFT) && (flags & FLAG_ZERO) && zero_pad_ok;
    if (!(flags & FLAG_LEFT) && !pad_zeros) {
        Repeat(sink, ' ', pad);
    }
    Emit(sink, prefix, (size_t)prefix_length);
    Repeat(sink, '0', zeros + (pad_zeros ? pad : 0));
    Emit(sink, body, (size_t)body_length);
    if (flags & FLAG_LEFT) {
        Repeat(sink, ' ', pad);
    }
}

/* An integer: its digits, at least `precision` of them (any number:
 * "%.80d" gives eighty), after its sign or 0x prefix. */
static void FormatInteger(FORMAT_SINK *sink, ULONGLONG value, int negative, int base, int upper,
                          int flags, int width, int precision, char conversion)
{
    const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char body[24];   /* 64 bits in octal: 22 digits */
    int n = (int)sizeof body;
    while (value) {
        body[--n] = set[value % (unsigned)base];
        value /= (unsigned)base;
    }
    int digits = (int)sizeof body - n;
    int min_digits = precision < 0 ? 1 : precision;
    if (conversion == 'o' && (flags & FLAG_ALT) && digits >= min_digits) {
        min_digits = digits + 1; /* a leading 0 */
    }
    char prefix[3];
    int p = SignPrefix(prefix, negative, flags);
    if ((flags & FLAG_ALT) && base == 16 && digits) {
        prefix[p++] = '0';
        prefix[p++] = upper ? 'X' : 'x';
    }
    EmitField(sink, flags, width, prefix, p, min_digits > digits ? min_digits - digits : 0, body + n, digits,
              precision < 0);
}

static char *PutExponent(char *out, int exponent, char e)
{
    *out++ = e;
    *out++ = exponent < 0 ? '-' : '+';
    if (exponent < 0) {
        exponent = -exponent;
    }
    /* msvcrt: at least three digits */
    *out++ = (char)('0' + exponent / 100 % 10);
    *out++ = (char)('0' + exponent / 10 % 10);
    *out++ = (char)('0' + exponent % 10);
    return out;
}

/* Body of %f: digits[0..count) = 0.d… × 10^point, at `precision` decimals. */
static int FixedBody(char *out, const char *digits, int count, int point, int precision, int alt)
{
    char *o = out;
    if (point <= 0) {
        *o++ = '0';
    } else {
        for (int i = 0; i < point; i++) {
            *o++ = i < count ? digits[i] : '0';
        }
    }
    if (precision > 0 || alt) {
        *o++ = '.';
    }
    for (int i = 0; i < precision; i++) {
        int index = point + i;
        *o++ = index >= 0 && index < count ? digits[index] : '0';
    }
    return (int)(o - out);
}

static int ExponentBody(char *out, const char *digits, int count, int point, int precision, int alt,
                        char e)
{
    char *o = out;
    *o++ = count ? digits[0] : '0';
    if (precision > 0 || alt) {
        *o++ = '.';
    }
    for (int i = 1; i <= precision; i++) {
        *o++ = i < count ? digits[i] : '0';
    }
    o = PutExponent(o, count ? point - 1 : 0, e);
    return (int)(o - out);
}

/* Drops trailing zeros after the decimal point (%g without '#'). */
static int TrimZeros(char *body, int length)
{
    char *dot = NULL;
    int exp_at = length;
    for (int i = 0; i < length; i++) {
        if (body[i] == '.') {
            dot = body + i;
        }
        if (body[i] == 'e' || body[i] == 'E') {
            exp_at = i;
            break;
        }
    }
    if (!dot) {
        return length;
    }
    int end = exp_at;
    while (end > 0 && body[end - 1] == '0') {
        end--;
    }
    if (end > 0 && body[end - 1] == '.') {
        end--;
    }
    memmove(body + end, body + exp_at, (size_t)(length - exp_at));
    return end + (length - exp_at);
}

/*
 * msvcrt's infinities and NaNs are "digits" too: 1#INF, 1#IND (the x87's
 * default NaN: sign set, quiet, no payload), 1#SNAN (quiet bit clear) or
 * 1#QNAN, with the point after the 1, and they are rounded and padded as
 * digits are: "%.2f" of an infinity rounds "1#I" up by its 'N' to 1.#J,
 * "%.1f" makes 1.$, "%g" drops the zeros after 1.#INF (Wine's msvcrt
 * tests printf.c, test_sprintf and test_xcvt). Returns the count of
 * digits, 0 for a finite value.
 */
int CrtSpecialDigits(double value, char *digits, int *point)
{
    union {
        double d;
        ULONGLONG u;
    } bits = {value};
    if (((bits.u >> 52) & 0x7FF) != 0x7FF) {
        return 0;
    }
    ULONGLONG mantissa = bits.u & 0xFFFFFFFFFFFFFull;
    const ULONGLONG quiet = 0x8000000000000ull;
    const char *text = !mantissa                                  ? "1#INF"
                       : (bits.u >> 63) && mantissa == quiet       ? "1#IND"
                       : !(mantissa & quiet)                      ? "1#SNAN"
                                                                  : "1#QNAN";
    size_t count = strlen(text);
    memcpy(digits, text, count);
    *point = 1;
    return (int)count;
}

static void FormatDouble(FORMAT_SINK *sink, double value, char conversion, int flags, int width,
                         int precision)
{
    union {
        double d;
        ULONGLONG u;
    } bits = {value};
    int negative = (int)(bits.u >> 63);
    int upper = conversion == 'E' || conversion == 'G' || conversion == 'F';
    char lower = (char)(conversion | 0x20);
    char prefix[2];
    int p = SignPrefix(prefix, negative, flags);
    if (precision < 0) {
        precision = 6;
    } else if (precision > 512) {
        precision = 512;   /* msvcrt's own bound (MAXPRECISION), and body's */
    }
    static char body[1200];
    int length;

    static char digits[800];
    int point = 0;
    int count = CrtSpecialDigits(value, digits, &point);
    if (!count && value != 0) {
        count = ExactDigits(negative ? -value : value, digits, sizeof digits, &point);
        count = RoundDigits(digits, count, MSVCRT_SIGNIFICANT_DIGITS, &point);
    }
    if (lower == 'f') {
        if (count) {
            count = RoundDigits(digits, count, point + precision, &point);
        }
        length = FixedBody(body, digits, count, point, precision, flags & FLAG_ALT);
    } else if (lower == 'e') {
        if (count) {
            count = RoundDigits(digits, count, precision + 1, &point);
        }
        length = ExponentBody(body, digits, count, point, precision, flags & FLAG_ALT,
                              upper ? 'E' : 'e');
    } else {
        int significant = precision == 0 ? 1 : precision;
        if (count) {
            count = RoundDigits(digits, count, significant, &point);
        }
        int x = count ? point - 1 : 0; /* the %e exponent after rounding */
        if (x < -4 || x >= significant) {
            length = ExponentBody(body, digits, count, point, significant - 1, flags & FLAG_ALT,
                                  upper ? 'E' : 'e');
        } else {
            length = FixedBody(body, digits, count, point, significant - 1 - x, flags & FLAG_ALT);
        }
        if (!(flags & FLAG_ALT)) {
            length = TrimZeros(body, length);
        }
    }
    EmitField(sink, flags, width, prefix, p, 0, body, length, 1);
}

static void FormatString(FORMAT_SINK *sink, const char *s, int flags, int width, int precision)
{
    if (!s) {
        s = "(null)";
    }
    int n = 0;
    while ((precision < 0 || n < precision) && s[n]) {
        n++;
    }
    EmitField(sink, flags, width, "", 0, 0, s, n, 1);
}

/* Wide characters, padded as narrow ones are. A narrow sink takes them
 * through the C locale, which holds U+0000..U+00FF only: anything else
 * fails the field before any of it is written (msvcrt: %S of U+3042 makes
 * sprintf return -1; a %C of it prints nothing). Returns -1 then. */
static int WideField(FORMAT_SINK *sink, const WCHAR *s, int n, int flags, int width)
{
    for (int i = 0; !sink->PutWide && i < n; i++) {
        if (s[i] > 0xFF) {
            return -1;
        }
    }
    int pad = width > n ? width - n : 0;
    if (!(flags & FLAG_LEFT)) {
        Repeat(sink, (flags & FLAG_ZERO) ? '0' : ' ', pad);
    }
    EmitWide(sink, s, (size_t)n);
    if (flags & FLAG_LEFT) {
        Repeat(sink, ' ', pad);
    }
    return 0;
}

static int FormatWideString(FORMAT_SINK *sink, const WCHAR *s, int flags, int width, int precision)
{
    if (!s) {
        FormatString(sink, NULL, flags, width, precision);
        return 0;
    }
    int n = 0;
    while ((precision < 0 || n < precision) && s[n]) {
        n++;
    }
    return WideField(sink, s, n, flags, width);
}

/*
 * The format is narrow (printf) or wide (wprintf: `wide`); the cursor f
 * steps a character of either width (CH(k): the k-th from f). The two
 * differ only in what %s and %c take by default: the format's own width;
 * %S and %C take the other, h narrow, l and w wide.
 */
static int FormatAny(FORMAT_SINK *sink, const char *format, int wide, va_list args)
{
    const int unit = wide ? 2 : 1;
#define CH(k) (wide ? ((const WCHAR *)f)[k] : (unsigned)(unsigned char)f[(k)])
    for (const char *f = format; CH(0);) {
        if (CH(0) != '%') {
            const char *run = f;
            while (CH(0) && CH(0) != '%') {
                f += unit;
            }
            if (wide) {
                EmitWide(sink, (const WCHAR *)run, (size_t)(f - run) / 2);
            } else {
                Emit(sink, run, (size_t)(f - run));
            }
            continue;
        }
        f += unit;
        int flags = 0;
        for (;; f += unit) {
            if (CH(0) == '-') flags |= FLAG_LEFT;
            else if (CH(0) == '+') flags |= FLAG_PLUS;
            else if (CH(0) == ' ') flags |= FLAG_SPACE;
            else if (CH(0) == '#') flags |= FLAG_ALT;
            else if (CH(0) == '0') flags |= FLAG_ZERO;
            else break;
        }
        int width = 0;
        if (CH(0) == '*') {
            width = va_arg(args, int);
            if (width < 0) {
                flags |= FLAG_LEFT;
                width = -width;
            }
            f += unit;
        } else {
            while (CH(0) >= '0' && CH(0) <= '9') {
                width = width * 10 + (int)(CH(0) - '0');
                f += unit;
            }
        }
        int precision = -1;
        if (CH(0) == '.') {
            f += unit;
            precision = 0;
            if (CH(0) == '*') {
                precision = va_arg(args, int);
                f += unit;
            } else {
                while (CH(0) >= '0' && CH(0) <= '9') {
                    precision = precision * 10 + (int)(CH(0) - '0');
                    f += unit;
                }
            }
        }
        /*
         * The size: ll, I64 and j take 64 bits; h (hh too) a short, l a
         * long; I, z and t (the native size) only before an integer
         * conversion; w makes %s and %c wide; L, F and N (the old far and
         * near) are read and ignored. What is none of these ends the
         * size, and if it is no conversion either msvcrt prints it, and
         * what follows, as text: "%Iq" is "Iq", "%w-s" is "-s", "%F" is
         * nothing (Wine's msvcrt tests printf.c, test_sprintf).
         */
        int big = 0, length = 0, wide_flag = 0; /* length: 'h', 'l' or 0 */
        for (;; f += unit) {
            unsigned m = CH(0);
            if (m == 'l' && CH(1) == 'l') {
                big = 1;
                f += unit;
            } else if (m == 'l' || m == 'h') {
                length = (int)m;
            } else if (m == 'I' && CH(1) == '6' && CH(2) == '4') {
                big = 1;
                f += 2 * unit;
            } else if (m == 'I' && CH(1) == '3' && CH(2) == '2') {
                f += 2 * unit;
            } else if ((m == 'I' || m == 'z' || m == 't') && CH(1) < 0x80 && CH(1) && strchr("diouxX", (int)CH(1))) {
                /* 32 bits: an int */
            } else if (m == 'j') {
                big = 1;
            } else if (m == 'w') {
                wide_flag = 1;
            } else if (m != 'L' && m != 'F' && m != 'N') {
                break;
            }
        }
        unsigned c = CH(0);
        switch (c) {
        case 'd':
        case 'i': {
            LONGLONG v = big ? va_arg(args, LONGLONG) : (LONGLONG)va_arg(args, int);
            if (!big && length == 'h') {
                v = (short)v;
            }
            ULONGLONG magnitude = v < 0 ? 0 - (ULONGLONG)v : (ULONGLONG)v;
            FormatInteger(sink, magnitude, v < 0, 10, 0, flags, width, precision, (char)c);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
            ULONGLONG v = big ? va_arg(args, ULONGLONG) : (ULONGLONG)va_arg(args, unsigned int);
            if (!big && length == 'h') {
                v = (unsigned short)v;
            }
            int base = c == 'u' ? 10 : c == 'o' ? 8 : 16;
            FormatInteger(sink, v, 0, base, c == 'X', flags & ~(FLAG_PLUS | FLAG_SPACE), width, precision,
                          (char)c);
            break;
        }
        case 'p': {
            /* msvcrt: eight uppercase hex digits; '#' adds 0X, '0' is ignored */
            ULONG v = (ULONG)va_arg(args, void *);
            FormatInteger(sink, v, 0, 16, 1, flags & (FLAG_LEFT | FLAG_ALT), width, 8, 'p');
            break;
        }
        case 'c':
        case 'C':
        case 's':
        case 'S': {
            /* w or l: wide; h: narrow; else %s and %c take the format's own
             * width, %S and %C the other. */
            int wide_argument = wide_flag || length == 'l' ? 1
                                : length == 'h'           ? 0
                                : (c == 'C' || c == 'S')  ? !wide
                                                          : wide;
            if (c == 's' || c == 'S') {
                if (wide_argument) {
                    if (FormatWideString(sink, va_arg(args, const WCHAR *), flags, width, precision) < 0) {
                        return -1;   /* a character the locale cannot hold */
                    }
                } else {
                    FormatString(sink, va_arg(args, const char *), flags, width, precision);
                }
            } else if (wide_argument) {
                WCHAR ch = (WCHAR)va_arg(args, int);
                WideField(sink, &ch, 1, flags, width); /* one that cannot be held is left out */
            } else {
                char ch = (char)va_arg(args, int);
                EmitField(sink, flags, width, "", 0, 0, &ch, 1, 1);
            }
            break;
        }
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G':
            FormatDouble(sink, va_arg(args, double), c, flags, width, precision);
            break;
        case 'n': {
            int *where = va_arg(args, int *);
            if (where) {
                *where = (int)sink->Count;
            }
            break;
        }
        case '%':
            Emit(sink, "%", 1);
            break;
        default:
            /* No conversion: the text from here on prints as it stands. */
            continue;
        }
        f += unit;
    }
#undef CH
    return sink->Failed ? -1 : (int)sink->Count;
}

int CrtFormat(FORMAT_SINK *sink, const char *format, va_list args)
{
    return FormatAny(sink, format, 0, args);
}

int CrtFormatWide(FORMAT_SINK *sink, const WCHAR *format, va_list args)
{
    return FormatAny(sink, (const char *)format, 1, args);
}
