/*
 * The wsprintf formatting engine, as Windows' user32 formats (the rules
 * Wine's user32 wsprintf tests state): a specification is
 * %[-][#][0][width][.precision][size]type, the flags only in that order.
 * Types: c and C (a character: c is the destination's width, C the other,
 * an h or l size picks one), d and i, u, x and X, p (eight upper-case hex
 * digits), s and S (a string: s the destination's kind, S the other; h
 * means narrow, l and w wide). Sizes: l, h, w, I64 (a 64-bit argument),
 * I32, I (pointer-sized). No floating point. A NULL string prints
 * "(null)". Any other type character is printed as it is. The precision
 * is a string's most characters and a number's fewest digits; 0 pads a
 * number to the width with zeros after its sign; # puts 0x or 0X before a
 * hex number (outside the width, as Windows counts it). A narrow string
 * put into wide output is widened byte by byte, as Windows does; a wide
 * one put into narrow output goes through the ANSI code page.
 */
#include "user32/wformat.h"
#include "inc/winbase.h"

#define CP_ACP 0

#define F_LEFT   0x01
#define F_PREFIX 0x02
#define F_ZERO   0x04
#define F_LONG   0x08
#define F_SHORT  0x10
#define F_WIDE   0x20
#define F_I64    0x40
#define F_PTR    0x80
#define F_UPPER  0x100

typedef struct SINK {
    BOOL Wide;
    void *Buffer;
    unsigned int Length, Max;
} SINK;

static void Put(SINK *sink, WCHAR unit)
{
    if (sink->Length + 1 >= sink->Max) {
        return;
    }
    if (sink->Wide) {
        ((WCHAR *)sink->Buffer)[sink->Length++] = unit;
    } else {
        ((char *)sink->Buffer)[sink->Length++] = (char)unit;
    }
}

static void PutRepeated(SINK *sink, WCHAR unit, int count)
{
    for (int i = 0; i < count; i++) {
        Put(sink, unit);
    }
}

/* One wide character into the output: as it is, or in the ANSI code page. */
static void PutWideChar(SINK *sink, WCHAR c)
{
    if (sink->Wide) {
        Put(sink, c);
        return;
    }
    char bytes[4];
    int n = WideCharToMultiByte(CP_ACP, 0, &c, 1, bytes, sizeof bytes, NULL, NULL);
    for (int i = 0; i < n; i++) {
        Put(sink, (BYTE)bytes[i]);
    }
}

static WCHAR SpecAt(BOOL wide, const void *spec, unsigned int i)
{
    return wide ? ((const WCHAR *)spec)[i] : (BYTE)((const char *)spec)[i];
}

/* The number's digits (and sign) into digits; their count. */
static int Digits(ULONGLONG value, BOOL negative, unsigned base, BOOL upper, char digits[24])
{
    const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char reversed[24];
    int n = 0, k = 0;
    do {
        reversed[n++] = set[value % base];
        value /= base;
    } while (value);
    if (negative) {
        digits[k++] = '-';
    }
    while (n) {
        digits[k++] = reversed[--n];
    }
    return k;
}

/* Whether a c, C, s or S argument is wide, by Windows' rules: the
 * lower-case letter is the destination's kind and the capital the other;
 * l means wide and h narrow; w means wide for s, and for S narrow in
 * wsprintfA (a quirk Windows has) and wide in wsprintfW. */
static BOOL ArgumentIsWide(BOOL wide, WCHAR type, unsigned flags)
{
    switch (type) {
    case 'c':
    case 'C':
        if (flags & F_LONG) {
            return TRUE;
        }
        if (flags & F_SHORT) {
            return FALSE;
        }
        return type == 'c' ? wide : !wide;
    case 's':
        if (flags & (F_LONG | F_WIDE)) {
            return TRUE;
        }
        return (flags & F_SHORT) ? FALSE : wide;
    case 'S':
        if (wide) {
            return (flags & (F_LONG | F_WIDE)) != 0;
        }
        return (flags & (F_SHORT | F_WIDE)) == 0;
    default:
        return FALSE;
    }
}

int WformatV(BOOL wide, void *buffer, unsigned int max, const void *spec, va_list args)
{
    SINK sink = {wide, buffer, 0, max};
    unsigned int i = 0;
    if (max == 0) {
        return -1;
    }
    for (;;) {
        WCHAR c = SpecAt(wide, spec, i);
        if (!c || sink.Length + 1 >= max) {
            break;
        }
        i++;
        if (c != '%') {
            Put(&sink, c);
            continue;
        }
        c = SpecAt(wide, spec, i);
        if (c == '%') {
            Put(&sink, '%');
            i++;
            continue;
        }
        unsigned flags = 0;
        int width = 0, precision = 0;
        if (SpecAt(wide, spec, i) == '-') { flags |= F_LEFT; i++; }
        if (SpecAt(wide, spec, i) == '#') { flags |= F_PREFIX; i++; }
        if (SpecAt(wide, spec, i) == '0') { flags |= F_ZERO; i++; }
        for (c = SpecAt(wide, spec, i); c >= '0' && c <= '9'; c = SpecAt(wide, spec, ++i)) {
            width = width * 10 + (c - '0');
        }
        if (c == '.') {
            for (c = SpecAt(wide, spec, ++i); c >= '0' && c <= '9'; c = SpecAt(wide, spec, ++i)) {
                precision = precision * 10 + (c - '0');
            }
        }
        if (c == 'l') { flags |= F_LONG; i++; }
        else if (c == 'h') { flags |= F_SHORT; i++; }
        else if (c == 'w') { flags |= F_WIDE; i++; }
        else if (c == 'I') {
            if (SpecAt(wide, spec, i + 1) == '6' && SpecAt(wide, spec, i + 2) == '4') {
                flags |= F_I64;
                i += 3;
            } else if (SpecAt(wide, spec, i + 1) == '3' && SpecAt(wide, spec, i + 2) == '2') {
                i += 3;
            } else {
                flags |= F_PTR;
                i++;
            }
        }
        if (flags & F_LEFT) {
            flags &= ~F_ZERO;
        }
        c = SpecAt(wide, spec, i);
        BOOL arg_wide = ArgumentIsWide(wide, c, flags);
        switch (c) {
        case 'c':
        case 'C': {
            i++;
            WCHAR ch = arg_wide ? (WCHAR)va_arg(args, int) : (BYTE)(char)va_arg(args, int);
            if (!(flags & F_LEFT)) {
                PutRepeated(&sink, ' ', width - 1);
            }
            if (arg_wide) {
                PutWideChar(&sink, ch);
            } else {
                Put(&sink, ch);
            }
            if (flags & F_LEFT) {
                PutRepeated(&sink, ' ', width - 1);
            }
            break;
        }
        case 's':
        case 'S': {
            i++;
            const void *s = va_arg(args, const void *);
            if (!s) {
                s = arg_wide ? (const void *)L"(null)" : (const void *)"(null)";
            }
            int n = 0;
            while ((!precision || n < precision) &&
                   (arg_wide ? ((const WCHAR *)s)[n] : ((const char *)s)[n])) {
                n++;
            }
            if (!(flags & F_LEFT)) {
                PutRepeated(&sink, ' ', width - n);
            }
            for (int k = 0; k < n; k++) {
                if (arg_wide) {
                    PutWideChar(&sink, ((const WCHAR *)s)[k]);
                } else {
                    Put(&sink, (BYTE)((const char *)s)[k]);
                }
            }
            if (flags & F_LEFT) {
                PutRepeated(&sink, ' ', width - n);
            }
            break;
        }
        case 'd':
        case 'i':
        case 'u':
        case 'x':
        case 'X':
        case 'p': {
            i++;
            if (c == 'p') {
                width = 8;
                flags |= F_ZERO | F_PTR | F_UPPER;
            } else if (c == 'X') {
                flags |= F_UPPER;
            }
            LONGLONG value = (flags & F_I64) ? va_arg(args, LONGLONG)
                                             : (LONGLONG)va_arg(args, int);
            BOOL is_signed = (c == 'd' || c == 'i');
            BOOL negative = is_signed && value < 0;
            ULONGLONG magnitude = negative ? (ULONGLONG)-value : (ULONGLONG)value;
            if (!(flags & F_I64)) {
                magnitude = (ULONG)magnitude;
            }
            char digits[24];
            int n = Digits(magnitude, negative, (c == 'x' || c == 'X' || c == 'p') ? 16 : 10,
                           (flags & F_UPPER) != 0, digits);
            /* The units the number takes: at least its precision, or the
             * whole width when zero-padded. */
            int field = precision > n ? precision : n;
            if ((flags & F_ZERO) && width > field) {
                field = width;
            }
            BOOL prefix = (flags & F_PREFIX) && (c == 'x' || c == 'X');
            if (!(flags & F_LEFT)) {
                PutRepeated(&sink, ' ', width - field);
            }
            if (prefix) {
                Put(&sink, '0');
                Put(&sink, (flags & F_UPPER) ? 'X' : 'x');
            }
            int k = 0;
            if (negative) {
                Put(&sink, '-');
                k = 1;
            }
            PutRepeated(&sink, '0', field - n);
            for (; k < n; k++) {
                Put(&sink, (BYTE)digits[k]);
            }
            if (flags & F_LEFT) {
                PutRepeated(&sink, ' ', width - field);
            }
            break;
        }
        default:
            /* Not a type: the padding, then the character as text. */
            if (!(flags & F_LEFT)) {
                PutRepeated(&sink, ' ', width);
            }
            break;
        }
    }
    if (wide) {
        ((WCHAR *)buffer)[sink.Length] = 0;
    } else {
        ((char *)buffer)[sink.Length] = 0;
    }
    return sink.Length + 1 < max ? (int)sink.Length : -1;
}
