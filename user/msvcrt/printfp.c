/*
 * The positional printf family: _printf_p, _fprintf_p, _sprintf_p,
 * _cprintf_p, their v forms and their wide forms. A conversion may name
 * its argument (%2$s) and its width or precision (%1$*3$d), so an
 * argument can come in any order and more than once. msvcrt's rules
 * (Microsoft's "printf_p positional parameters"): a format with no
 * number is the ordinary function's; with numbers every conversion must
 * have one (%% aside), every argument from 1 to the highest used must be
 * used and always with one type, and there are at most _ARGMAX (100);
 * otherwise the call fails with EINVAL and returns -1. _sprintf_p is
 * sprintf_s with positions (output that does not fit: ERANGE, -1).
 *
 * The formatting is the ordinary engine's, unchanged: the arguments are
 * read in their numbered order, then laid out again as an ordinary
 * call's stack would hold them in the order the conversions use them,
 * and the format goes to the ordinary function with its numbers taken
 * out. On i386 a va_list is a pointer to that stack layout (4-byte
 * slots; a double or 64-bit integer takes two).
 */
#include "msvcrt/crtfill.h"

#define ARGMAX 100

typedef enum ARG_KIND { ARG_UNUSED, ARG_INT, ARG_INT64, ARG_DOUBLE, ARG_POINTER } ARG_KIND;

typedef struct POSITIONAL {
    char *Format;          /* the format without numbers (its own width) */
    ULONG *Stack;          /* the arguments in the order of use */
    int Positional;        /* the format had numbers */
} POSITIONAL;

typedef struct SCAN {
    const char *Format;
    int Unit;              /* 1 narrow, 2 wide */
    char *Out;             /* the format being rewritten */
    size_t OutLength;
    int Uses[3 * 512];     /* argument numbers, in the order of use */
    int UseCount;
    ARG_KIND Kind[ARGMAX + 1];
    int Plain, Numbered;   /* conversions without and with numbers */
    int Bad;
} SCAN;

static unsigned Char(const SCAN *scan, const char *at)
{
    return scan->Unit == 2 ? *(const WCHAR *)at : (unsigned char)*at;
}

static void Copy(SCAN *scan, const char *from, const char *to)
{
    size_t n = (size_t)(to - from);
    memcpy(scan->Out + scan->OutLength, from, n);
    scan->OutLength += n;
}

/* Digits then '$' at *at: the number (1..ARGMAX), the cursor past the
 * '$'; 0 and the cursor unmoved when there are none. */
static int Number(SCAN *scan, const char **at)
{
    const char *p = *at;
    int n = 0;
    while (Char(scan, p) >= '0' && Char(scan, p) <= '9') {
        n = n * 10 + (int)(Char(scan, p) - '0');
        if (n > ARGMAX) {
            n = ARGMAX + 1;
        }
        p += scan->Unit;
    }
    if (p == *at || Char(scan, p) != '$') {
        return 0;
    }
    *at = p + scan->Unit;
    if (n < 1 || n > ARGMAX) {
        scan->Bad = 1;
        return 0;
    }
    return n;
}

static void Use(SCAN *scan, int number, ARG_KIND kind)
{
    if (!number) {
        return;
    }
    if (scan->Kind[number] != ARG_UNUSED && scan->Kind[number] != kind) {
        scan->Bad = 1;   /* one argument, two types */
    }
    scan->Kind[number] = kind;
    if (scan->UseCount < (int)(sizeof scan->Uses / sizeof scan->Uses[0])) {
        scan->Uses[scan->UseCount++] = number;
    } else {
        scan->Bad = 1;
    }
}

/* A width or precision: '*' with its number (the '*' kept, the number
 * dropped), or digits copied. */
static void Star(SCAN *scan, const char **at)
{
    const char *p = *at;
    if (Char(scan, p) == '*') {
        p += scan->Unit;
        Copy(scan, *at, p);
        int n = Number(scan, &p);
        if (n) {
            scan->Numbered++;
        } else {
            scan->Plain++;
        }
        Use(scan, n, ARG_INT);
    } else {
        while (Char(scan, p) >= '0' && Char(scan, p) <= '9') {
            p += scan->Unit;
        }
        Copy(scan, *at, p);
    }
    *at = p;
}

/* One conversion from just past its '%'; returns the cursor after it. */
static const char *Conversion(SCAN *scan, const char *p)
{
    if (Char(scan, p) == '%') {
        Copy(scan, p, p + scan->Unit);
        return p + scan->Unit;
    }
    int n = Number(scan, &p);
    if (n) {
        scan->Numbered++;
    } else {
        scan->Plain++;
    }
    const char *start = p;
    while (Char(scan, p) && Char(scan, p) < 0x80 && strchr("-+ #0", (int)Char(scan, p))) {
        p += scan->Unit;
    }
    Copy(scan, start, p);
    Star(scan, &p);
    if (Char(scan, p) == '.') {
        Copy(scan, p, p + scan->Unit);
        p += scan->Unit;
        Star(scan, &p);
    }
    /* The length, as the engine reads it: 64-bit for ll, L, q, j, I64. */
    int wide64 = 0;
    start = p;
    for (;;) {
        unsigned c = Char(scan, p);
        if (c == 'I' && Char(scan, p + scan->Unit) == '6' && Char(scan, p + 2 * scan->Unit) == '4') {
            wide64 = 1;
            p += 3 * scan->Unit;
        } else if (c == 'I' && Char(scan, p + scan->Unit) == '3' && Char(scan, p + 2 * scan->Unit) == '2') {
            wide64 = 0;
            p += 3 * scan->Unit;
        } else if (c == 'l' && Char(scan, p + scan->Unit) == 'l') {
            wide64 = 1;
            p += 2 * scan->Unit;
        } else if (c == 'L' || c == 'q' || c == 'j') {
            wide64 = 1;
            p += scan->Unit;
        } else if (c == 'h' || c == 'l' || c == 'I' || c == 'z' || c == 't' || c == 'w') {
            p += scan->Unit;
        } else {
            break;
        }
    }
    unsigned c = Char(scan, p);
    if (!c) {
        Copy(scan, start, p);
        return p;
    }
    p += scan->Unit;
    Copy(scan, start, p);
    ARG_KIND kind = ARG_UNUSED;
    if (c == 'd' || c == 'i' || c == 'u' || c == 'x' || c == 'X' || c == 'o') {
        kind = wide64 ? ARG_INT64 : ARG_INT;
    } else if (c == 'c' || c == 'C') {
        kind = ARG_INT;
    } else if (c == 'e' || c == 'E' || c == 'f' || c == 'F' || c == 'g' || c == 'G') {
        kind = ARG_DOUBLE;
    } else if (c == 's' || c == 'S' || c == 'p' || c == 'n') {
        kind = ARG_POINTER;
    }
    if (kind != ARG_UNUSED) {
        Use(scan, n, kind);
    } else if (n) {
        scan->Bad = 1;   /* a number on what takes no argument */
    }
    return p;
}

/*
 * Reads the format; if it numbers its arguments, fills *out (free with
 * FreePositional). Returns 0, or -1 (EINVAL) for a format msvcrt refuses.
 */
static int Prepare(const void *format, int unit, va_list args, POSITIONAL *out)
{
    memset(out, 0, sizeof *out);
    if (!format) {
        errno = EINVAL;
        return -1;
    }
    size_t length = 0;
    while (unit == 2 ? ((const WCHAR *)format)[length] : ((const char *)format)[length]) {
        length++;
    }
    SCAN *scan = RtlAllocateHeap(CRT_HEAP(), HEAP_ZERO_MEMORY, sizeof *scan);
    char *text = RtlAllocateHeap(CRT_HEAP(), 0, (length + 1) * (size_t)unit);
    if (!scan || !text) {
        RtlFreeHeap(CRT_HEAP(), 0, scan);
        RtlFreeHeap(CRT_HEAP(), 0, text);
        errno = ENOMEM;
        return -1;
    }
    scan->Format = format;
    scan->Unit = unit;
    scan->Out = text;
    const char *p = format;
    while (Char(scan, p)) {
        const char *run = p;
        while (Char(scan, p) && Char(scan, p) != '%') {
            p += unit;
        }
        Copy(scan, run, p);
        if (Char(scan, p) == '%') {
            Copy(scan, p, p + unit);
            p = Conversion(scan, p + unit);
        }
    }
    memset(text + scan->OutLength, 0, (size_t)unit);
    int result = 0;
    if (scan->Bad && !scan->Numbered) {
        errno = EINVAL;   /* %0$d, %101$d */
        result = -1;
    } else if (scan->Numbered) {
        int highest = 0;
        for (int i = 1; i <= ARGMAX; i++) {
            if (scan->Kind[i] != ARG_UNUSED) {
                highest = i;
            }
        }
        for (int i = 1; i <= highest; i++) {
            if (scan->Kind[i] == ARG_UNUSED) {
                scan->Bad = 1;   /* an argument never used */
            }
        }
        if (scan->Plain || scan->Bad) {
            errno = EINVAL;
            result = -1;
        } else {
            ULONGLONG value[ARGMAX + 1];
            for (int i = 1; i <= highest; i++) {
                if (scan->Kind[i] == ARG_INT64) {
                    value[i] = va_arg(args, ULONGLONG);
                } else if (scan->Kind[i] == ARG_DOUBLE) {
                    double d = va_arg(args, double);
                    memcpy(&value[i], &d, sizeof d);
                } else {
                    value[i] = va_arg(args, ULONG);
                }
            }
            ULONG *stack = RtlAllocateHeap(CRT_HEAP(), 0, (size_t)(scan->UseCount + 1) * 2 * sizeof(ULONG));
            if (!stack) {
                errno = ENOMEM;
                result = -1;
            } else {
                int slot = 0;
                for (int i = 0; i < scan->UseCount; i++) {
                    int n = scan->Uses[i];
                    stack[slot++] = (ULONG)value[n];
                    if (scan->Kind[n] == ARG_INT64 || scan->Kind[n] == ARG_DOUBLE) {
                        stack[slot++] = (ULONG)(value[n] >> 32);
                    }
                }
                out->Stack = stack;
                out->Format = text;
                out->Positional = 1;
                text = NULL;
            }
        }
    }
    RtlFreeHeap(CRT_HEAP(), 0, text);
    RtlFreeHeap(CRT_HEAP(), 0, scan);
    return result;
}

static void FreePositional(POSITIONAL *p)
{
    RtlFreeHeap(CRT_HEAP(), 0, p->Format);
    RtlFreeHeap(CRT_HEAP(), 0, p->Stack);
}

/* Where the output goes, for the ordinary function Run calls. */
typedef struct TARGET {
    FILE *File;
    void *Buffer;
    size_t Size;
} TARGET;

typedef int (*ORDINARY)(const TARGET *target, const void *format, va_list args);

/* The ordinary function, given the rewritten format and arguments if the
 * format numbered them, or else the caller's. */
static int Run(int unit, const void *format, va_list args, ORDINARY call, const TARGET *target)
{
    POSITIONAL p;
    if (Prepare(format, unit, args, &p) < 0) {
        return -1;
    }
    int result;
    if (p.Positional) {
        result = call(target, p.Format, (va_list)(void *)p.Stack);
    } else {
        result = call(target, format, args);
    }
    FreePositional(&p);
    return result;
}

/* Run to a stream: a NULL stream is EINVAL. */
static int RunFile(int unit, FILE *file, const void *format, va_list args, ORDINARY call)
{
    TARGET t = {file, NULL, 0};
    if (!file) {
        errno = EINVAL;
        return -1;
    }
    return Run(unit, format, args, call, &t);
}

static int Print(const TARGET *t, const void *f, va_list a) { (void)t; return vprintf(f, a); }
static int FilePrint(const TARGET *t, const void *f, va_list a) { return vfprintf(t->File, f, a); }
static int BufferPrint(const TARGET *t, const void *f, va_list a) { return vsprintf_s(t->Buffer, t->Size, f, a); }
static void Discard(FORMAT_SINK *sink, const char *text, size_t length)
{
    (void)sink;
    (void)text;
    (void)length;
}

static int CountPrint(const TARGET *t, const void *f, va_list a)
{
    FORMAT_SINK sink = {Discard, 0, 0, NULL};
    (void)t;
    return CrtFormat(&sink, f, a);
}
static int ConsolePrint(const TARGET *t, const void *f, va_list a) { (void)t; return _vcprintf(f, a); }
static int WidePrint(const TARGET *t, const void *f, va_list a) { (void)t; return vwprintf(f, a); }
static int WideFilePrint(const TARGET *t, const void *f, va_list a) { return vfwprintf(t->File, f, a); }
static int WideBufferPrint(const TARGET *t, const void *f, va_list a) { return vswprintf_s(t->Buffer, t->Size, f, a); }
static int WideCountPrint(const TARGET *t, const void *f, va_list a) { (void)t; return _vscwprintf(f, a); }
static int WideConsolePrint(const TARGET *t, const void *f, va_list a) { (void)t; return _vcwprintf(f, a); }

/* ------------------------------------------------------------ narrow */
int CDECL _vprintf_p(const char *format, va_list args) { return Run(1, format, args, Print, NULL); }

int CDECL _vfprintf_p(FILE *file, const char *format, va_list args) { return RunFile(1, file, format, args, FilePrint); }

int CDECL _vsprintf_p(char *buffer, size_t size, const char *format, va_list args)
{
    TARGET t = {NULL, buffer, size};
    return Run(1, format, args, BufferPrint, &t);
}

int CDECL _vscprintf_p(const char *format, va_list args) { return Run(1, format, args, CountPrint, NULL); }
int CDECL _vcprintf_p(const char *format, va_list args) { return Run(1, format, args, ConsolePrint, NULL); }

#define VARIADIC(call)              \
    va_list args;                   \
    va_start(args, format);         \
    int result = call;              \
    va_end(args);                   \
    return result

int CDECL _printf_p(const char *format, ...) { VARIADIC(_vprintf_p(format, args)); }
int CDECL _fprintf_p(FILE *file, const char *format, ...) { VARIADIC(_vfprintf_p(file, format, args)); }
int CDECL _sprintf_p(char *buffer, size_t size, const char *format, ...) { VARIADIC(_vsprintf_p(buffer, size, format, args)); }
int CDECL _scprintf_p(const char *format, ...) { VARIADIC(_vscprintf_p(format, args)); }
int CDECL _cprintf_p(const char *format, ...) { VARIADIC(_vcprintf_p(format, args)); }

/* ------------------------------------------------------------ wide */
int CDECL _vwprintf_p(const WCHAR *format, va_list args) { return Run(2, format, args, WidePrint, NULL); }

int CDECL _vfwprintf_p(FILE *file, const WCHAR *format, va_list args) { return RunFile(2, file, format, args, WideFilePrint); }

int CDECL _vswprintf_p(WCHAR *buffer, size_t size, const WCHAR *format, va_list args)
{
    TARGET t = {NULL, buffer, size};
    return Run(2, format, args, WideBufferPrint, &t);
}

int CDECL _vscwprintf_p(const WCHAR *format, va_list args) { return Run(2, format, args, WideCountPrint, NULL); }
int CDECL _vcwprintf_p(const WCHAR *format, va_list args) { return Run(2, format, args, WideConsolePrint, NULL); }

int CDECL _wprintf_p(const WCHAR *format, ...) { VARIADIC(_vwprintf_p(format, args)); }
int CDECL _fwprintf_p(FILE *file, const WCHAR *format, ...) { VARIADIC(_vfwprintf_p(file, format, args)); }
int CDECL _swprintf_p(WCHAR *buffer, size_t size, const WCHAR *format, ...) { VARIADIC(_vswprintf_p(buffer, size, format, args)); }
int CDECL _scwprintf_p(const WCHAR *format, ...) { VARIADIC(_vscwprintf_p(format, args)); }
int CDECL _cwprintf_p(const WCHAR *format, ...) { VARIADIC(_vcwprintf_p(format, args)); }
