/*
 * The wide printf family, on format.c's engine (CrtFormatWide): to a
 * stream, where each character goes through fputwc (on a text-mode stream
 * its byte in the C locale; a character that has none fails the call,
 * EILSEQ, and it returns -1), and to wide strings with msvcrt.dll's three
 * contracts: swprintf/_swprintf and vswprintf/_vswprintf take no count
 * (msvcrt.dll's are the pre-C99 ones: buffer, format, ...);
 * _snwprintf/_vsnwprintf, as _snprintf, return -1 when the output does not
 * fit and write no terminator when it fills the buffer exactly;
 * _scwprintf/_vscwprintf only count. Also the wide file names: _wfsopen
 * (stdio.c), _wtmpnam, _wtempnam, _wmktemp and _mktemp, and _wperror.
 */
#include "msvcrt/crtfill.h"

#define WEOF ((wint_t)0xFFFF)

/* ---------------------------------------------------------- streams */
typedef struct WFILE_SINK {
    FORMAT_SINK Sink;
    FILE *File;
} WFILE_SINK;

static void PutWideToFile(FORMAT_SINK *sink, const WCHAR *text, size_t length)
{
    WFILE_SINK *f = (WFILE_SINK *)sink;
    for (size_t i = 0; i < length && !sink->Failed; i++) {
        if (fputwc(text[i], f->File) == WEOF) {
            sink->Failed = 1;
        }
    }
}

int CDECL vfwprintf(FILE *file, const WCHAR *format, va_list args)
{
    if (!file || !format) {
        return CrtSetErrno(EINVAL, 0);
    }
    WFILE_SINK sink = {{NULL, 0, 0, PutWideToFile}, file};
    _lock_file(file);
    int n = CrtFormatWide(&sink.Sink, format, args);
    _unlock_file(file);
    return n;
}

int CDECL fwprintf(FILE *file, const WCHAR *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = vfwprintf(file, format, args);
    va_end(args);
    return n;
}

int CDECL vwprintf(const WCHAR *format, va_list args) { return vfwprintf(crt_stdout, format, args); }

int CDECL wprintf(const WCHAR *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = vfwprintf(crt_stdout, format, args);
    va_end(args);
    return n;
}

/* ---------------------------------------------------------- strings */
typedef struct WSTRING_SINK {
    FORMAT_SINK Sink;
    WCHAR *Buffer;   /* NULL: count only */
    size_t Size;     /* room, the terminator included; (size_t)-1: unbounded */
    size_t Used;
} WSTRING_SINK;

static void PutWideToString(FORMAT_SINK *sink, const WCHAR *text, size_t length)
{
    WSTRING_SINK *s = (WSTRING_SINK *)sink;
    for (size_t i = 0; i < length; i++, s->Used++) {
        if (s->Buffer && s->Used < s->Size) {
            s->Buffer[s->Used] = text[i];
        }
    }
}

/* As _vsnprintf: a NULL buffer of size 0 counts, with room it is EINVAL. */
int CDECL _vsnwprintf(WCHAR *buffer, size_t size, const WCHAR *format, va_list args)
{
    if ((!buffer && size) || !format) {
        return CrtSetErrno(EINVAL, 0);
    }
    if (!buffer) {
        return _vscwprintf(format, args);
    }
    WSTRING_SINK sink = {{NULL, 0, 0, PutWideToString}, buffer, size, 0};
    int n = CrtFormatWide(&sink.Sink, format, args);
    if (n < 0 || (size_t)n > size) {
        return -1;
    }
    if ((size_t)n < size) {
        buffer[n] = 0;
    }
    return n;
}

int CDECL _snwprintf(WCHAR *buffer, size_t size, const WCHAR *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = _vsnwprintf(buffer, size, format, args);
    va_end(args);
    return n;
}

int CDECL vswprintf(WCHAR *buffer, const WCHAR *format, va_list args)
{
    WSTRING_SINK sink = {{NULL, 0, 0, PutWideToString}, buffer, (size_t)-1, 0};
    int n = CrtFormatWide(&sink.Sink, format, args);
    if (n >= 0) {
        buffer[n] = 0;
    }
    return n;
}

int CDECL swprintf(WCHAR *buffer, const WCHAR *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = vswprintf(buffer, format, args);
    va_end(args);
    return n;
}

int CDECL _vscwprintf(const WCHAR *format, va_list args)
{
    WSTRING_SINK sink = {{NULL, 0, 0, PutWideToString}, NULL, 0, 0};
    return CrtFormatWide(&sink.Sink, format, args);
}

int CDECL _scwprintf(const WCHAR *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = _vscwprintf(format, args);
    va_end(args);
    return n;
}

/* ---------------------------------------------------------- names */
static WCHAR *WidenInto(const char *narrow, WCHAR *out)
{
    size_t i = 0;
    do {
        out[i] = (unsigned char)narrow[i];
    } while (narrow[i++]);
    return out;
}

/* A wide argument in the ANSI code page; NULL stays NULL. */
static char *NarrowCopy(const WCHAR *wide, int *failed)
{
    if (!wide) {
        return NULL;
    }
    int n = WideCharToMultiByte(CP_ACP, 0, wide, -1, NULL, 0, NULL, NULL);
    char *out = n > 0 ? malloc((size_t)n) : NULL;
    if (!out || WideCharToMultiByte(CP_ACP, 0, wide, -1, out, n, NULL, NULL) <= 0) {
        free(out);
        *failed = 1;
        return NULL;
    }
    return out;
}

WCHAR *CDECL _wtmpnam(WCHAR *buffer)
{
    static WCHAR name[260];
    char narrow[260];
    if (!tmpnam(narrow)) {
        return NULL;
    }
    return WidenInto(narrow, buffer ? buffer : name);
}

WCHAR *CDECL _wtempnam(const WCHAR *dir, const WCHAR *prefix)
{
    int failed = 0;
    char *d = NarrowCopy(dir, &failed), *p = NarrowCopy(prefix, &failed);
    char *name = failed ? NULL : _tempnam(d, p);
    free(d);
    free(p);
    if (!name) {
        return NULL;
    }
    WCHAR *out = malloc((strlen(name) + 1) * sizeof(WCHAR));
    if (out) {
        WidenInto(name, out);
    } else {
        CrtSetErrno(ENOMEM, 0);
    }
    free(name);
    return out;
}

/*
 * _mktemp: the template's last six characters must be "XXXXXX"; the last
 * five become the process id's low decimal digits and the first a letter,
 * 'a' first, then the next letter while a file of that name exists; NULL
 * (EINVAL) for a bad template, NULL when all 26 exist.
 */
#define MKTEMP(type, length_of, attributes_of)                                                     \
    size_t length = template ? length_of(template) : 0;                                            \
    if (length < 6) {                                                                              \
        CrtSetErrno(EINVAL, 0);                                                                    \
        return NULL;                                                                               \
    }                                                                                              \
    type *x = template + length - 6;                                                               \
    for (int i = 0; i < 6; i++) {                                                                  \
        if (x[i] != 'X') {                                                                         \
            CrtSetErrno(EINVAL, 0);                                                                \
            return NULL;                                                                           \
        }                                                                                          \
    }                                                                                              \
    DWORD id = GetCurrentProcessId();                                                              \
    for (int i = 5; i >= 1; i--) {                                                                 \
        x[i] = (type)('0' + id % 10);                                                              \
        id /= 10;                                                                                  \
    }                                                                                              \
    for (type letter = 'a'; letter <= 'z'; letter++) {                                            \
        x[0] = letter;                                                                             \
        if (attributes_of(template) == INVALID_FILE_ATTRIBUTES) {                                  \
            return template;                                                                       \
        }                                                                                          \
    }                                                                                              \
    CrtSetErrno(EEXIST, 0);                                                                        \
    return NULL

char *CDECL _mktemp(char *template) { MKTEMP(char, strlen, GetFileAttributesA); }
WCHAR *CDECL _wmktemp(WCHAR *template) { MKTEMP(WCHAR, wcslen, GetFileAttributesW); }

/* _wperror: perror with a wide prefix (in the ANSI code page). */
void CDECL _wperror(const WCHAR *prefix)
{
    int failed = 0;
    char *narrow = NarrowCopy(prefix, &failed);
    perror(narrow);
    free(narrow);
}
