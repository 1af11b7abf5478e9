/*
 * ntdll's printf family: sprintf, _snprintf, swprintf, _snwprintf, their
 * v* and _s forms. One engine formats a narrow or wide format into a
 * narrow or wide buffer. What ntdll's formats (Wine's ntdll tests
 * string.c:1479-1810):
 *
 *   - flags - + space # 0, width and precision (also as *);
 *   - sizes h, l, ll, L, w, I, I32, I64, and C99's z, t (32 bits here) and
 *     j (64 bits);
 *   - d i u o x X c C s S p n %; %#x of 0 is "0"; %p is eight uppercase hex
 *     digits; a NULL string prints "(null)"; %hs/%S/%ls/%ws cross between
 *     narrow and wide through the ANSI code page;
 *   - no floating point: ntdll's printf is the kernel's, where the FPU is
 *     not the caller's to use; %e %f %g %a consume their double and print
 *     nothing (msvcrt's printf formats them);
 *   - a count too small for the output: _snprintf fills the buffer and
 *     answers -1 (no terminating NUL); exactly the output's size, no NUL;
 *     the _s forms cut at their count with a NUL, or empty the buffer.
 */
#include <stdarg.h>
#include "ntdll/ntdll.h"

typedef struct SINK {
    void *Buffer;
    BOOL Wide;          /* WCHARs, else bytes */
    size_t Limit;       /* units that may be stored */
    size_t Count;       /* units produced, stored or not */
} SINK;

static void Put(SINK *sink, unsigned c)
{
    if (sink->Count < sink->Limit) {
        if (sink->Wide) {
            ((WCHAR *)sink->Buffer)[sink->Count] = (WCHAR)c;
        } else {
            ((char *)sink->Buffer)[sink->Count] = (char)c;
        }
    }
    sink->Count++;
}

static void Pad(SINK *sink, int n, unsigned c)
{
    while (n-- > 0) {
        Put(sink, c);
    }
}

/* One character of a string, in the sink's width: wide into narrow
 * through the ANSI code page (one or two bytes), narrow into wide as one
 * byte read in it. */
static int PutChar(SINK *sink, unsigned c, BOOL wide_source, BOOL count_only)
{
    if (wide_source == sink->Wide) {
        if (!count_only) {
            Put(sink, c);
        }
        return 1;
    }
    if (wide_source) {
        WCHAR w = (WCHAR)c;
        CHAR bytes[2];
        ULONG n = 0;
        RtlUnicodeToMultiByteN(bytes, sizeof bytes, &n, &w, sizeof w);
        for (ULONG i = 0; i < n && !count_only; i++) {
            Put(sink, (UCHAR)bytes[i]);
        }
        return (int)n;
    }
    CHAR byte = (CHAR)c;
    WCHAR w = 0;
    ULONG n = 0;
    RtlMultiByteToUnicodeN(&w, sizeof w, &n, &byte, 1);
    if (!count_only) {
        Put(sink, n ? w : (UCHAR)byte);
    }
    return 1;
}

/* A string of at most precision source characters, padded to width. */
static void PutString(SINK *sink, const void *s, BOOL wide_source, int width, int precision, BOOL left)
{
    static const char null_string[] = "(null)";
    if (!s) {
        s = null_string, wide_source = FALSE;
    }
    size_t n = 0;
    if (wide_source) {
        while ((precision < 0 || n < (size_t)precision) && ((const WCHAR *)s)[n]) {
            n++;
        }
    } else {
        while ((precision < 0 || n < (size_t)precision) && ((const char *)s)[n]) {
            n++;
        }
    }
    int units = 0;
    for (size_t i = 0; i < n; i++) {
        units += PutChar(sink, wide_source ? ((const WCHAR *)s)[i] : (UCHAR)((const char *)s)[i], wide_source, TRUE);
    }
    if (!left) {
        Pad(sink, width - units, ' ');
    }
    for (size_t i = 0; i < n; i++) {
        PutChar(sink, wide_source ? ((const WCHAR *)s)[i] : (UCHAR)((const char *)s)[i], wide_source, FALSE);
    }
    if (left) {
        Pad(sink, width - units, ' ');
    }
}

typedef struct SPEC {
    BOOL Left, Plus, Space, Alternate, Zero;
    int Width, Precision;   /* -1: none */
} SPEC;

static void PutInteger(SINK *sink, const SPEC *spec, ULONGLONG value, BOOL negative, unsigned radix, BOOL upper,
                       BOOL pointer)
{
    char digits[24];
    int n = 0;
    const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    for (ULONGLONG v = value; v; v /= radix) {
        digits[n++] = set[v % radix];
    }
    int precision = spec->Precision < 0 ? 1 : spec->Precision;
    if (pointer) {
        precision = 8;
    }
    int zeros = precision > n ? precision - n : 0;
    if (radix == 8 && spec->Alternate && zeros == 0 && (n == 0 || digits[n - 1] != '0')) {
        zeros = 1;   /* %#o: a leading zero */
    }
    char prefix[2];
    int prefix_length = 0;
    if (radix == 10) {
        if (negative) {
            prefix[prefix_length++] = '-';
        } else if (spec->Plus) {
            prefix[prefix_length++] = '+';
        } else if (spec->Space) {
            prefix[prefix_length++] = ' ';
        }
    } else if (radix == 16 && spec->Alternate && value && !pointer) {
        prefix[prefix_length++] = '0';
        prefix[prefix_length++] = upper ? 'X' : 'x';
    }
    int total = prefix_length + zeros + n;
    int pad = spec->Width > total ? spec->Width - total : 0;
    if (spec->Zero && !spec->Left && spec->Precision < 0) {
        zeros += pad, pad = 0;
    }
    if (!spec->Left) {
        Pad(sink, pad, ' ');
    }
    for (int i = 0; i < prefix_length; i++) {
        Put(sink, (UCHAR)prefix[i]);
    }
    Pad(sink, zeros, '0');
    while (n) {
        Put(sink, (UCHAR)digits[--n]);
    }
    if (spec->Left) {
        Pad(sink, pad, ' ');
    }
}

enum { SIZE_DEFAULT, SIZE_SHORT, SIZE_LONG, SIZE_64, SIZE_NARROW, SIZE_WIDE };

static void Format(SINK *sink, const void *format, BOOL wide_format, va_list *args)
{
    const char *nf = format;
    const WCHAR *wf = format;
#define AT(i) (wide_format ? (unsigned)wf[i] : (unsigned)(UCHAR)nf[i])
    for (size_t i = 0; AT(i); i++) {
        if (AT(i) != '%') {
            Put(sink, AT(i));
            continue;
        }
        size_t start = i++;
        SPEC spec = {FALSE, FALSE, FALSE, FALSE, FALSE, 0, -1};
        for (;; i++) {
            unsigned c = AT(i);
            if (c == '-') {
                spec.Left = TRUE;
            } else if (c == '+') {
                spec.Plus = TRUE;
            } else if (c == ' ') {
                spec.Space = TRUE;
            } else if (c == '#') {
                spec.Alternate = TRUE;
            } else if (c == '0') {
                spec.Zero = TRUE;
            } else {
                break;
            }
        }
        if (AT(i) == '*') {
            spec.Width = va_arg(*args, int), i++;
            if (spec.Width < 0) {
                spec.Left = TRUE, spec.Width = -spec.Width;
            }
        } else {
            for (; AT(i) >= '0' && AT(i) <= '9'; i++) {
                spec.Width = spec.Width * 10 + (int)(AT(i) - '0');
            }
        }
        if (AT(i) == '.') {
            i++;
            spec.Precision = 0;
            if (AT(i) == '*') {
                spec.Precision = va_arg(*args, int), i++;
                if (spec.Precision < 0) {
                    spec.Precision = -1;
                }
            } else {
                for (; AT(i) >= '0' && AT(i) <= '9'; i++) {
                    spec.Precision = spec.Precision * 10 + (int)(AT(i) - '0');
                }
            }
        }
        int size = SIZE_DEFAULT;
        unsigned c = AT(i);
        if (c == 'h') {
            size = SIZE_SHORT, i++;
        } else if (c == 'l' && AT(i + 1) == 'l') {
            size = SIZE_64, i += 2;
        } else if (c == 'l' || c == 'w') {
            size = SIZE_LONG, i++;
        } else if (c == 'L' || c == 'z' || c == 't') {
            i++;   /* L: a long double, the same double; z and t: 32 bits here */
        } else if (c == 'j') {
            size = SIZE_64, i++;
        } else if (c == 'I') {
            if (AT(i + 1) == '6' && AT(i + 2) == '4') {
                size = SIZE_64, i += 3;
            } else if (AT(i + 1) == '3' && AT(i + 2) == '2') {
                i += 3;
            } else {
                i++;
            }
        }
        c = AT(i);
        /* Whether %c and %s take the other width's characters: %C and %S,
         * or h in a wide format, l or w in a narrow one. */
        BOOL other = c == 'C' || c == 'S';
        if (size == SIZE_SHORT) {
            other = wide_format;
        } else if (size == SIZE_LONG) {
            other = !wide_format;
        }
        BOOL wide_argument = other ? !wide_format : wide_format;
        switch (c) {
        case 'd':
        case 'i': {
            LONGLONG v = size == SIZE_64 ? va_arg(*args, LONGLONG) : va_arg(*args, int);
            if (size == SIZE_SHORT) {
                v = (short)v;
            }
            PutInteger(sink, &spec, v < 0 ? 0 - (ULONGLONG)v : (ULONGLONG)v, v < 0, 10, FALSE, FALSE);
            break;
        }
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
            ULONGLONG v = size == SIZE_64 ? va_arg(*args, ULONGLONG) : va_arg(*args, unsigned);
            if (size == SIZE_SHORT) {
                v = (USHORT)v;
            }
            PutInteger(sink, &spec, v, FALSE, c == 'u' ? 10 : c == 'o' ? 8 : 16, c == 'X', FALSE);
            break;
        }
        case 'p':
            PutInteger(sink, &spec, (ULONG_PTR)va_arg(*args, void *), FALSE, 16, TRUE, TRUE);
            break;
        case 'c':
        case 'C': {
            unsigned ch = (unsigned)va_arg(*args, int);
            ch = wide_argument ? (WCHAR)ch : (UCHAR)ch;
            int units = PutChar(sink, ch, wide_argument, TRUE);
            if (!spec.Left) {
                Pad(sink, spec.Width - units, ' ');
            }
            PutChar(sink, ch, wide_argument, FALSE);
            if (spec.Left) {
                Pad(sink, spec.Width - units, ' ');
            }
            break;
        }
        case 's':
        case 'S':
            PutString(sink, va_arg(*args, const void *), wide_argument, spec.Width, spec.Precision, spec.Left);
            break;
        case 'n': {
            int *out = va_arg(*args, int *);
            if (out) {
                *out = (int)sink->Count;
            }
            break;
        }
        case 'e':
        case 'E':
        case 'f':
        case 'g':
        case 'G':
        case 'a':
        case 'A':
            (void)va_arg(*args, double);
            break;
        case '%':
            Put(sink, '%');
            break;
        default:
            /* Not a conversion: the text as written (a lone % at the end too). */
            for (size_t k = start + 1; k < i; k++) {
                Put(sink, AT(k));
            }
            if (!c) {
                return;
            }
            Put(sink, c);
            break;
        }
    }
#undef AT
}

/* _vsnprintf's rule: the output with a NUL when it fits below count, without
 * one when it is exactly count units, else count units and -1. */
static int Counted(void *buffer, BOOL wide, size_t count, const void *format, BOOL wide_format, va_list args)
{
    SINK sink = {buffer, wide, buffer ? count : 0, 0};
    va_list copy;
    va_copy(copy, args);
    Format(&sink, format, wide_format, &copy);
    va_end(copy);
    if (!buffer) {
        return count ? -1 : (int)sink.Count;   /* _snprintf(NULL, 0, ...) measures */
    }
    if (sink.Count < count) {
        Put(&sink, 0);
        return (int)sink.Count - 1;
    }
    return sink.Count == count ? (int)count : -1;
}

/* The _s rule: size units with the NUL; count the most to write (-1,
 * _TRUNCATE, as many as fit). Output longer than count is cut there, with
 * -1; longer than the buffer without count cutting it, the buffer emptied
 * and -1. */
static int Secure(void *buffer, BOOL wide, size_t size, size_t count, const void *format, va_list args)
{
    if (!buffer || !size) {
        return -1;
    }
    size_t limit = count < size ? count : size - 1;
    SINK sink = {buffer, wide, limit, 0};
    va_list copy;
    va_copy(copy, args);
    Format(&sink, format, wide, &copy);
    va_end(copy);
    if (sink.Count <= limit) {
        sink.Limit = limit + 1;
        Put(&sink, 0);
        return (int)sink.Count - 1;
    }
    if (count < size || count == (size_t)-1) {
        sink.Count = limit, sink.Limit = limit + 1;
        Put(&sink, 0);
        return -1;
    }
    wide ? (((WCHAR *)buffer)[0] = 0) : (((char *)buffer)[0] = 0);
    return -1;
}

int CDECL _vsnprintf(char *buffer, size_t count, const char *format, va_list args)
{
    return Counted(buffer, FALSE, count, format, FALSE, args);
}

int CDECL _vsnwprintf(WCHAR *buffer, size_t count, const WCHAR *format, va_list args)
{
    return Counted(buffer, TRUE, count, format, TRUE, args);
}

int CDECL vsprintf(char *buffer, const char *format, va_list args)
{
    return Counted(buffer, FALSE, (size_t)-1 / 2, format, FALSE, args);
}

int CDECL _vswprintf(WCHAR *buffer, const WCHAR *format, va_list args)
{
    return Counted(buffer, TRUE, (size_t)-1 / 4, format, TRUE, args);
}

int CDECL _vsnprintf_s(char *buffer, size_t size, size_t count, const char *format, va_list args)
{
    return Secure(buffer, FALSE, size, count, format, args);
}

int CDECL _vsnwprintf_s(WCHAR *buffer, size_t size, size_t count, const WCHAR *format, va_list args)
{
    return Secure(buffer, TRUE, size, count, format, args);
}

int CDECL vsprintf_s(char *buffer, size_t size, const char *format, va_list args)
{
    return Secure(buffer, FALSE, size, size, format, args);
}

int CDECL vswprintf_s(WCHAR *buffer, size_t size, const WCHAR *format, va_list args)
{
    return Secure(buffer, TRUE, size, size, format, args);
}

#define VARIADIC(call)            \
    va_list args;                 \
    va_start(args, format);       \
    int result = call;            \
    va_end(args);                 \
    return result

int CDECL sprintf(char *buffer, const char *format, ...) { VARIADIC(vsprintf(buffer, format, args)); }
int CDECL _snprintf(char *buffer, size_t count, const char *format, ...)
{
    VARIADIC(_vsnprintf(buffer, count, format, args));
}
int CDECL _snprintf_s(char *buffer, size_t size, size_t count, const char *format, ...)
{
    VARIADIC(_vsnprintf_s(buffer, size, count, format, args));
}
int CDECL sprintf_s(char *buffer, size_t size, const char *format, ...)
{
    VARIADIC(vsprintf_s(buffer, size, format, args));
}
/* ntdll's swprintf is the old one, without a count. */
int CDECL swprintf(WCHAR *buffer, const WCHAR *format, ...) { VARIADIC(_vswprintf(buffer, format, args)); }
int CDECL _swprintf(WCHAR *buffer, const WCHAR *format, ...) { VARIADIC(_vswprintf(buffer, format, args)); }
int CDECL _snwprintf(WCHAR *buffer, size_t count, const WCHAR *format, ...)
{
    VARIADIC(_vsnwprintf(buffer, count, format, args));
}
int CDECL _snwprintf_s(WCHAR *buffer, size_t size, size_t count, const WCHAR *format, ...)
{
    VARIADIC(_vsnwprintf_s(buffer, size, count, format, args));
}
int CDECL swprintf_s(WCHAR *buffer, size_t size, const WCHAR *format, ...)
{
    VARIADIC(vswprintf_s(buffer, size, format, args));
}
