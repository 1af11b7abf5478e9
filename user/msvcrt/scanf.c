/*
 * The scanf family with msvcrt's rules: %d/%i/%o/%u/%x/%p accumulate
 * without overflow checks (the value wraps, as msvcrt's does), %e/%f/%g
 * take sign, digits, point and exponent and convert what they took, %[
 * has ranges and ^, %n counts characters consumed, '*' suppresses. Sizes:
 * h, l, L, ll, I64 (and I32). The result is the number of fields
 * assigned, or EOF when the input ends before the first conversion.
 *
 * The wide family (wscanf, swscanf, ...) runs the same scanner on wide
 * input (fgetwc, or a wide string) with a wide format (CrtScanWide); a
 * narrow format is widened first, byte for byte, so the scanner reads
 * one kind of format.
 */
#include "msvcrt/crt.h"

typedef struct SCAN_INPUT {
    FILE *File;              /* or NULL: a string */
    const unsigned char *Text;
    size_t Length, Position; /* Length (size_t)-1: up to the terminator */
    int Consumed;
    int Wide;                /* wscanf's: wide characters in, %s is wide */
    int Secure;              /* scanf_s's: a buffer size after %s, %c, %[ */
} SCAN_INPUT;

#define WEOF ((wint_t)0xFFFF)

static int Get(SCAN_INPUT *in)
{
    int c;
    if (in->File) {
        if (in->Wide) {
            wint_t w = fgetwc(in->File);
            c = w == WEOF ? EOF : w;
        } else {
            c = fgetc(in->File);
        }
    } else {
        int t = in->Position >= in->Length ? 0
              : in->Wide ? ((const WCHAR *)in->Text)[in->Position] : in->Text[in->Position];
        c = t ? t : EOF;
        in->Position++;
    }
    in->Consumed++;
    return c;
}

static void Unget(SCAN_INPUT *in, int c)
{
    in->Consumed--;
    if (in->File) {
        if (c != EOF) {
            if (in->Wide) {
                ungetwc((wint_t)c, in->File);
            } else {
                ungetc(c, in->File);
            }
        }
    } else {
        in->Position--;
    }
}

/* A blank of the input: the C locale's, or for wide input iswspace's. */
static int Space(const SCAN_INPUT *in, int c)
{
    return in->Wide ? iswspace((WCHAR)c) : isspace(c);
}

static int SkipSpace(SCAN_INPUT *in)
{
    int c;
    do {
        c = Get(in);
    } while (c != EOF && Space(in, c));
    return c;
}

static int DigitIn(int c, int base)
{
    int v = c >= '0' && c <= '9' ? c - '0' : (c | 32) >= 'a' && (c | 32) <= 'z' ? (c | 32) - 'a' + 10 : 99;
    return v < base ? v : -1;
}

/* Is c in the scanset [set, set_end)? */
static int InSet(const WCHAR *set, const WCHAR *end, int c)
{
    int negate = 0, found = 0;
    if (set < end && *set == '^') {
        negate = 1;
        set++;
    }
    for (const WCHAR *p = set; p < end; p++) {
        if (p + 2 < end && p[1] == '-') {
            /* A range (a '-' first or last is itself); msvcrt takes the ends in either order. */
            int lo = p[0] < p[2] ? p[0] : p[2], hi = p[0] < p[2] ? p[2] : p[0];
            if (c >= lo && c <= hi) {
                found = 1;
            }
            p += 2;
        } else if (*p == c) {
            found = 1;
        }
    }
    return found != negate;
}

static int Scan(SCAN_INPUT *in, const WCHAR *format, va_list args)
{
    const WCHAR *f = format;
    int assigned = 0, conversions = 0;
    while (*f) {
        if (Space(in, *f)) {
            int c = SkipSpace(in);
            Unget(in, c);
            while (Space(in, *f)) {
                f++;
            }
            continue;
        }
        if (*f != '%' || f[1] == '%') {
            int c = Get(in);
            if (*f == '%') {
                /* "%%" matches one '%' after blanks. */
                while (c != EOF && Space(in, c)) {
                    c = Get(in);
                }
                f++;
            }
            if (c != *f) {
                Unget(in, c);
                return c == EOF && !conversions ? EOF : assigned;
            }
            f++;
            continue;
        }
        f++;
        int suppress = 0, width = 0, size = 0; /* size: 'h', 'l', 'L' or 'I' (64-bit) */
        if (*f == '*') {
            suppress = 1;
            f++;
        }
        /* The width's digits and the size letters may come in any order,
         * the digits adding up across them ("%2h0d" reads 20 characters)
         * and each h undoing the last ("%hhd" stores an int), as msvcrt
         * reads them (Wine's msvcrt tests scanf.c, lines 230-257). */
        for (;;) {
            if (*f >= '0' && *f <= '9') {
                width = width * 10 + (*f++ - '0');
            } else if (*f == 'h') {
                size = size == 'h' ? 0 : 'h';
                f++;
            } else if (*f == 'l') {
                size = size == 'l' ? 'I' : 'l';
                f++;
            } else if (*f == 'L') {
                size = 'L';
                f++;
            } else if (*f == 'I' && f[1] == '6' && f[2] == '4') {
                size = 'I';
                f += 3;
            } else if (*f == 'I' && f[1] == '3' && f[2] == '2') {
                size = 0;
                f += 3;
            } else if (*f == 'w') {
                size = 'l';
                f++;
            } else {
                break;
            }
        }
        int conversion = *f++;
        if (!conversion) {
            break;
        }
        if (conversion == 'n') {
            if (!suppress) {
                int *p = va_arg(args, int *);
                *p = in->Consumed;
            }
            continue;
        }
        int c;
        if (conversion == 'c' || conversion == '[' || conversion == 'C') {
            c = Get(in);
        } else {
            c = SkipSpace(in);
        }
        if (c == EOF) {
            /* Input of blanks only: EOF, but swscanf's 0 (Wine's msvcrt
             * tests scanf.c, test_swscanf: " \t\n\n" with "%s"). */
            return conversions || assigned || (in->Wide && !in->File && in->Consumed > 1) ? assigned : EOF;
        }
        if (width == 0) {
            width = conversion == 'c' || conversion == 'C' ? 1 : 0x7FFFFFFF;
        }
        switch (conversion) {
        case 'd': case 'i': case 'o': case 'u': case 'x': case 'X': case 'p': case 'P': {
            /* %p (and %P) read hex digits without a 0x: "0x46F173" is 0 */
            int pointer = conversion == 'p' || conversion == 'P';
            int base = conversion == 'o' ? 8 : conversion == 'x' || conversion == 'X' || pointer ? 16
                     : conversion == 'i' ? 0 : 10;
            int negative = 0, digits = 0;
            ULONGLONG value = 0;
            if ((c == '-' || c == '+') && width > 0) {
                negative = c == '-';
                width--;
                c = width ? Get(in) : EOF;
            }
            if (c == '0' && width > 0 && (base == 0 || (base == 16 && !pointer))) {
                digits = 1;
                width--;
                c = width ? Get(in) : EOF;
                if ((c | 32) == 'x' && width > 0) {
                    base = 16;
                    digits = 0;
                    width--;
                    c = width ? Get(in) : EOF;
                } else if (base == 0) {
                    base = 8;
                }
            }
            if (base == 0) {
                base = 10;
            }
            while (width > 0 && c != EOF && DigitIn(c, base) >= 0) {
                value = value * (ULONGLONG)base + (ULONGLONG)DigitIn(c, base);
                digits++;
                width--;
                c = width ? Get(in) : EOF;
            }
            if (width > 0 || c != EOF) {
                Unget(in, c);
            }
            if (!digits) {
                return assigned;
            }
            conversions++;
            if (negative) {
                value = -value;
            }
            if (!suppress) {
                if (pointer) {
                    *va_arg(args, void **) = (void *)(ULONG)value;
                } else if (size == 'I') {
                    *va_arg(args, ULONGLONG *) = value;
                } else if (size == 'h') {
                    *va_arg(args, short *) = (short)value;
                } else {
                    *va_arg(args, int *) = (int)value;
                }
                assigned++;
            }
            break;
        }
        case 'e': case 'E': case 'f': case 'g': case 'G': case 'a': {
            char text[512];
            int n = 0;
#define TAKE()                                                                                     \
    do {                                                                                           \
        if (n < (int)sizeof text - 1) text[n++] = (char)c;                                         \
        width--;                                                                                   \
        c = width ? Get(in) : EOF;                                                                 \
    } while (0)
            if ((c == '-' || c == '+') && width > 0) {
                TAKE();
            }
            int mantissa = 0;
            while (width > 0 && c >= '0' && c <= '9') {
                TAKE();
                mantissa++;
            }
            if (width > 0 && c == '.') {
                TAKE();
                while (width > 0 && c >= '0' && c <= '9') {
                    TAKE();
                    mantissa++;
                }
            }
            if (mantissa && width > 0 && (c | 32) == 'e') {
                TAKE();
                if (width > 0 && (c == '-' || c == '+')) {
                    TAKE();
                }
                while (width > 0 && c >= '0' && c <= '9') {
                    TAKE();
                }
            }
#undef TAKE
            if (width > 0 || c != EOF) {
                Unget(in, c);
            }
            if (!mantissa) {
                return assigned;
            }
            text[n] = 0;
            conversions++;
            if (!suppress) {
                double value = strtod(text, NULL);
                if (size == 'l' || size == 'L') {
                    *va_arg(args, double *) = value;
                } else {
                    *va_arg(args, float *) = (float)value;
                }
                assigned++;
            }
            break;
        }
        case 's': case 'S': case 'c': case 'C': case '[': {
            const WCHAR *set = NULL, *set_end = NULL;
            if (conversion == '[') {
                set = f;
                if (*f == '^') {
                    f++;
                }
                if (*f == ']') {
                    f++;
                }
                while (*f && *f != ']') {
                    f++;
                }
                set_end = f;
                if (*f) {
                    f++;
                }
            }
            /* Narrow: %s and %c narrow, l wide, S and C the other way; wide
             * (wscanf): %s and %c wide, h narrow, S and C the other way. */
            int other = conversion == 'S' || conversion == 'C';
            int wide = in->Wide ? (size == 'h') == other : (size == 'l') != other;
            char *out = suppress ? NULL : va_arg(args, char *);
            /* scanf_s: the room in characters; %c fills it, the others
             * also need their terminator. Too little room stops the scan
             * with the buffer emptied. */
            size_t room = out && in->Secure ? va_arg(args, unsigned int) : (size_t)-1;
            size_t last = room == 0 ? 0 : conversion == 'c' || conversion == 'C' ? room : room - 1;
            int n = 0;
            while (width > 0 && c != EOF) {
                if (conversion == 's' || conversion == 'S') {
                    if (Space(in, c)) {
                        break;
                    }
                } else if (conversion == '[' && !InSet(set, set_end, c)) {
                    break;
                }
                if (out && (size_t)n >= last) {
                    if (room) {
                        wide ? (void)(((WCHAR *)out)[0] = 0) : (void)(out[0] = 0);
                    }
                    Unget(in, c);
                    return assigned;
                }
                if (out) {
                    if (wide) {
                        ((WCHAR *)out)[n] = (WCHAR)c;
                    } else {
                        out[n] = c < 0x100 ? (char)c : '?';   /* no byte in the C locale */
                    }
                }
                n++;
                width--;
                c = width ? Get(in) : EOF;
            }
            if (width > 0 || c != EOF) {
                Unget(in, c);
            }
            if (!n) {
                return assigned;
            }
            conversions++;
            if (out) {
                if (conversion != 'c' && conversion != 'C') {
                    if (wide) {
                        ((WCHAR *)out)[n] = 0;
                    } else {
                        out[n] = 0;
                    }
                }
                assigned++;
            }
            break;
        }
        default:
            /* No conversion: the character itself is matched, after blanks
             * ("%\"" matches a '"'). */
            if (c != conversion) {
                Unget(in, c);
                return assigned;
            }
            break;
        }
    }
    return assigned;
}

/* The narrow format, widened byte for byte (into `room`, or the heap). */
static WCHAR *WidenFormat(const char *format, WCHAR *room, size_t size)
{
    size_t n = strlen(format) + 1;
    WCHAR *wide = n <= size ? room : RtlAllocateHeap(CRT_HEAP(), 0, n * sizeof(WCHAR));
    if (wide) {
        for (size_t i = 0; i < n; i++) {
            wide[i] = (unsigned char)format[i];
        }
    }
    return wide;
}

static int ScanNarrow(SCAN_INPUT *in, const char *format, va_list args)
{
    WCHAR room[128];
    WCHAR *wide = WidenFormat(format, room, sizeof room / sizeof room[0]);
    if (!wide) {
        return CrtSetErrno(ENOMEM, 0);
    }
    int n = Scan(in, wide, args);
    if (wide != room) {
        RtlFreeHeap(CRT_HEAP(), 0, wide);
    }
    return n;
}

int CrtScanWide(FILE *file, const WCHAR *text, size_t length, const WCHAR *format, int secure,
                va_list args)
{
    SCAN_INPUT in = {file, (const unsigned char *)text, length, 0, 0, 1, secure};
    return Scan(&in, format, args);
}

int CrtScanNarrow(FILE *file, const char *text, size_t length, const char *format, int secure,
                  va_list args)
{
    SCAN_INPUT in = {file, (const unsigned char *)text, length, 0, 0, 0, secure};
    return ScanNarrow(&in, format, args);
}

int CDECL vfscanf(FILE *file, const char *format, va_list args)
{
    SCAN_INPUT in = {file, NULL, 0, 0, 0, 0, 0};
    return ScanNarrow(&in, format, args);
}

int CDECL vscanf(const char *format, va_list args) { return vfscanf(crt_stdin, format, args); }

int CDECL vsscanf(const char *text, const char *format, va_list args)
{
    SCAN_INPUT in = {NULL, (const unsigned char *)text, (size_t)-1, 0, 0, 0, 0};
    return ScanNarrow(&in, format, args);
}

int CDECL fscanf(FILE *file, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = vfscanf(file, format, args);
    va_end(args);
    return n;
}

int CDECL scanf(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = vfscanf(crt_stdin, format, args);
    va_end(args);
    return n;
}

int CDECL sscanf(const char *text, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = vsscanf(text, format, args);
    va_end(args);
    return n;
}

/* _snscanf: at most `length` characters of text. */
int CDECL _snscanf(const char *text, size_t length, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    SCAN_INPUT in = {NULL, (const unsigned char *)text, length, 0, 0, 0, 0};
    int n = ScanNarrow(&in, format, args);
    va_end(args);
    return n;
}
