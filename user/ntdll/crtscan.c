/*
 * ntdll's sscanf: integers, characters, strings and sets, without
 * floating point (a %e %f %g conversion is a matching failure: sscanf("10",
 * "%f", &f) is 0 and leaves f alone, Wine's ntdll tests string.c:1887-1925;
 * msvcrt's sscanf reads floating point).
 */
#include <stdarg.h>
#include "ntdll/ntdll.h"

static int Space(int c) { return c == ' ' || (c >= 9 && c <= 13); }

static int Digit(int c, unsigned radix)
{
    unsigned v = c >= '0' && c <= '9' ? (unsigned)(c - '0')
               : (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? (unsigned)((c | 0x20) - 'a' + 10) : 99;
    return v < radix ? (int)v : -1;
}

/* Whether c is in the set [set, end) of a %[ conversion (ranges a-z). */
static BOOL InSet(const UCHAR *set, const UCHAR *end, UCHAR c)
{
    BOOL negate = *set == '^';
    if (negate) {
        set++;
    }
    BOOL found = FALSE;
    for (const UCHAR *p = set; p < end; p++) {
        if (p + 2 < end && p[1] == '-' && p != set) {
            found |= c >= p[0] && c <= p[2];
            p += 2;
        } else if (*p == c) {
            found = TRUE;
        }
    }
    return found != negate;
}

int CDECL sscanf(const char *text, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    const UCHAR *s = (const UCHAR *)text, *f = (const UCHAR *)format;
    int assigned = 0;
    BOOL any_input = *s != 0;
    while (*f) {
        if (Space(*f)) {
            while (Space(*s)) {
                s++;
            }
            f++;
            continue;
        }
        if (*f != '%' || f[1] == '%') {
            f += *f == '%';
            if (*s != *f) {
                break;
            }
            s++, f++;
            continue;
        }
        f++;
        BOOL suppress = *f == '*';
        f += suppress;
        int width = 0;
        for (; *f >= '0' && *f <= '9'; f++) {
            width = width * 10 + (*f - '0');
        }
        int size = 0;   /* 1 short, 2 long, 3 64 bits */
        if (*f == 'h') {
            size = 1, f++;
        } else if (f[0] == 'l' && f[1] == 'l') {
            size = 3, f += 2;
        } else if (*f == 'l' || *f == 'w' || *f == 'L') {
            size = 2, f++;
        } else if (f[0] == 'I' && f[1] == '6' && f[2] == '4') {
            size = 3, f += 3;
        } else if (f[0] == 'I' && f[1] == '3' && f[2] == '2') {
            f += 3;
        }
        UCHAR conversion = *f++;
        if (conversion != 'c' && conversion != '[' && conversion != 'n') {
            while (Space(*s)) {
                s++;
            }
        }
        if (!width) {
            width = conversion == 'c' ? 1 : 0x7FFFFFFF;
        }
        if (conversion == 'n') {
            if (!suppress) {
                *va_arg(args, int *) = (int)(s - (const UCHAR *)text);
            }
            continue;
        }
        if (conversion == 'd' || conversion == 'i' || conversion == 'u' || conversion == 'o'
            || conversion == 'x' || conversion == 'X' || conversion == 'p') {
            unsigned radix = conversion == 'o' ? 8 : conversion == 'x' || conversion == 'X' || conversion == 'p' ? 16 : 10;
            const UCHAR *p = s;
            int left = width;
            BOOL negative = FALSE;
            if (left && (*p == '+' || *p == '-')) {
                negative = *p++ == '-', left--;
            }
            if (conversion == 'i' && left && *p == '0') {
                radix = 8;
                if (left > 2 && (p[1] | 0x20) == 'x' && Digit(p[2], 16) >= 0) {
                    radix = 16, p += 2, left -= 2;
                }
            } else if (radix == 16 && left > 2 && *p == '0' && (p[1] | 0x20) == 'x' && Digit(p[2], 16) >= 0) {
                p += 2, left -= 2;
            }
            const UCHAR *digits = p;
            ULONGLONG value = 0;
            for (int d; left && (d = Digit(*p, radix)) >= 0; p++, left--) {
                value = value * radix + (unsigned)d;
            }
            if (p == digits) {
                break;
            }
            s = p;
            if (negative) {
                value = 0 - value;
            }
            if (!suppress) {
                void *out = va_arg(args, void *);
                if (conversion == 'p' || size == 2 || size == 0) {
                    *(ULONG *)out = (ULONG)value;
                } else if (size == 1) {
                    *(USHORT *)out = (USHORT)value;
                } else {
                    *(ULONGLONG *)out = value;
                }
                assigned++;
            }
            continue;
        }
        if (conversion == 'c' || conversion == 's' || conversion == '[') {
            const UCHAR *set = f, *set_end = f;
            if (conversion == '[') {
                if (*set_end == '^') {
                    set_end++;
                }
                if (*set_end == ']') {
                    set_end++;
                }
                while (*set_end && *set_end != ']') {
                    set_end++;
                }
                f = *set_end ? set_end + 1 : set_end;
            }
            BOOL wide = size == 2;
            char *out_n = NULL;
            WCHAR *out_w = NULL;
            if (!suppress) {
                void *out = va_arg(args, void *);
                wide ? (void)(out_w = out) : (void)(out_n = out);
            }
            const UCHAR *start = s;
            for (; *s && width; s++, width--) {
                if ((conversion == 's' && Space(*s)) || (conversion == '[' && !InSet(set, set_end, *s))) {
                    break;
                }
                if (out_n) {
                    *out_n++ = (char)*s;
                } else if (out_w) {
                    *out_w++ = *s;
                }
            }
            if (s == start) {
                break;
            }
            if (conversion != 'c') {
                if (out_n) {
                    *out_n = 0;
                } else if (out_w) {
                    *out_w = 0;
                }
            }
            assigned += !suppress;
            continue;
        }
        break;   /* floating point, or not a conversion */
    }
    va_end(args);
    return !any_input && assigned == 0 ? -1 : assigned;
}
