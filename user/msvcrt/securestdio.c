/*
 * The "secure" stdio functions msvcrt.dll exports since Windows Vista,
 * as Microsoft's pages describe them (secure.c says what they share):
 *
 * - fopen_s and kin return the stream through a pointer and the error as
 *   their result;
 * - printf_s and kin refuse %n (EINVAL, -1);
 * - sprintf_s refuses output that does not fit (the buffer emptied,
 *   ERANGE, -1); _snprintf_s writes at most `count` characters, or with
 *   _TRUNCATE as many as fit, and then returns -1 with the buffer cut and
 *   terminated;
 * - scanf_s and kin take a buffer size after each %s, %c and %[ argument
 *   (scanf.c's scanner checks it).
 */
#include "msvcrt/crtfill.h"

#define TRUNCATE ((size_t)-1)

static int Fail(int status)
{
    CrtSetErrno(status, 0);
    return status;
}

/* ------------------------------------------------------------ streams */
int CDECL fopen_s(FILE **stream, const char *name, const char *mode)
{
    if (!stream) {
        return Fail(EINVAL);
    }
    *stream = NULL;
    if (!name || !mode) {
        return Fail(EINVAL);
    }
    *stream = fopen(name, mode);
    return *stream ? 0 : errno;
}

int CDECL _wfopen_s(FILE **stream, const WCHAR *name, const WCHAR *mode)
{
    if (!stream) {
        return Fail(EINVAL);
    }
    *stream = NULL;
    if (!name || !mode) {
        return Fail(EINVAL);
    }
    *stream = _wfopen(name, mode);
    return *stream ? 0 : errno;
}

int CDECL freopen_s(FILE **stream, const char *name, const char *mode, FILE *old)
{
    if (!stream) {
        return Fail(EINVAL);
    }
    *stream = NULL;
    if (!mode || !old) {
        return Fail(EINVAL);
    }
    *stream = freopen(name, mode, old);
    return *stream ? 0 : errno;
}

int CDECL _wfreopen_s(FILE **stream, const WCHAR *name, const WCHAR *mode, FILE *old)
{
    if (!stream) {
        return Fail(EINVAL);
    }
    *stream = NULL;
    if (!mode || !old) {
        return Fail(EINVAL);
    }
    *stream = _wfreopen(name, mode, old);
    return *stream ? 0 : errno;
}

int CDECL tmpfile_s(FILE **stream)
{
    if (!stream) {
        return Fail(EINVAL);
    }
    *stream = tmpfile();
    return *stream ? 0 : errno;
}

int CDECL tmpnam_s(char *buffer, size_t size)
{
    char name[260];
    if (!buffer || !size) {
        return Fail(EINVAL);
    }
    if (!tmpnam(name)) {
        buffer[0] = 0;
        return errno;
    }
    return strcpy_s(buffer, size, name);
}

int CDECL _wtmpnam_s(WCHAR *buffer, size_t size)
{
    WCHAR name[260];
    if (!buffer || !size) {
        return Fail(EINVAL);
    }
    if (!_wtmpnam(name)) {
        buffer[0] = 0;
        return errno;
    }
    return wcscpy_s(buffer, size, name);
}

int CDECL clearerr_s(FILE *stream)
{
    if (!stream) {
        return Fail(EINVAL);
    }
    clearerr(stream);
    return 0;
}

int CDECL _sopen_s(int *handle, const char *path, int oflag, int share, int mode)
{
    if (!handle) {
        return Fail(EINVAL);
    }
    *handle = -1;
    if (!path) {
        return Fail(EINVAL);
    }
    *handle = _sopen(path, oflag, share, mode);
    return *handle == -1 ? errno : 0;
}

int CDECL _wsopen_s(int *handle, const WCHAR *path, int oflag, int share, int mode)
{
    if (!handle) {
        return Fail(EINVAL);
    }
    *handle = -1;
    if (!path) {
        return Fail(EINVAL);
    }
    *handle = _wsopen(path, oflag, share, mode);
    return *handle == -1 ? errno : 0;
}

/* ------------------------------------------------------------ printf_s */
/* Whether a format is one printf_s takes: not NULL, and no %n (which
 * writes through an argument the caller may not expect to be written). */
#define FORMAT_ACCEPTABLE(T)                                                                       \
    if (!format) {                                                                                 \
        return 0;                                                                                  \
    }                                                                                              \
    for (const T *p = format; *p; p++) {                                                           \
        if (*p != '%') {                                                                           \
            continue;                                                                              \
        }                                                                                          \
        p++;                                                                                       \
        /* flags, width, precision and size; a '*' is an argument, not a character */            \
        while (*p && (strchr("-+ #0123456789.*hlLIwzjt", (int)*p) && *p < 0x80)) {                 \
            p++;                                                                                   \
        }                                                                                          \
        if (*p == 'n') {                                                                           \
            return 0;                                                                              \
        }                                                                                          \
        if (!*p) {                                                                                 \
            break;                                                                                 \
        }                                                                                          \
    }                                                                                              \
    return 1;

static int Acceptable(const char *format) { FORMAT_ACCEPTABLE(char) }
static int AcceptableWide(const WCHAR *format) { FORMAT_ACCEPTABLE(WCHAR) }

int CDECL vfprintf_s(FILE *stream, const char *format, va_list args)
{
    if (!stream || !Acceptable(format)) {
        return CrtSetErrno(EINVAL, 0);
    }
    return vfprintf(stream, format, args);
}

int CDECL vprintf_s(const char *format, va_list args) { return vfprintf_s(crt_stdout, format, args); }

int CDECL fprintf_s(FILE *stream, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = vfprintf_s(stream, format, args);
    va_end(args);
    return n;
}

int CDECL printf_s(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = vfprintf_s(crt_stdout, format, args);
    va_end(args);
    return n;
}

int CDECL vfwprintf_s(FILE *stream, const WCHAR *format, va_list args)
{
    if (!stream || !AcceptableWide(format)) {
        return CrtSetErrno(EINVAL, 0);
    }
    return vfwprintf(stream, format, args);
}

int CDECL vwprintf_s(const WCHAR *format, va_list args) { return vfwprintf_s(crt_stdout, format, args); }

int CDECL fwprintf_s(FILE *stream, const WCHAR *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = vfwprintf_s(stream, format, args);
    va_end(args);
    return n;
}

int CDECL wprintf_s(const WCHAR *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = vfwprintf_s(crt_stdout, format, args);
    va_end(args);
    return n;
}

/* ---------------------------------------------- into a bounded buffer */
/*
 * _vsnprintf_s: room for `count` characters and the terminator (all of
 * the buffer with _TRUNCATE, or when count does not fit in it). Output
 * longer than that is cut at the room and answers -1; but when count
 * asked for more than the buffer holds, it is an error instead: the
 * buffer emptied, ERANGE.
 */
int CDECL _vsnprintf_s(char *buffer, size_t size, size_t count, const char *format, va_list args)
{
    if (!buffer || !size || !Acceptable(format)) {
        if (buffer && size) {
            buffer[0] = 0;
        }
        return CrtSetErrno(EINVAL, 0);
    }
    size_t room = count == TRUNCATE || count >= size ? size : count + 1;
    int n = vsnprintf(buffer, room, format, args);
    if (n >= 0 && (size_t)n < room) {
        return n;
    }
    if (count != TRUNCATE && count >= size) {
        buffer[0] = 0;
        CrtSetErrno(ERANGE, 0);
    }
    return -1;
}

int CDECL vsnprintf_s(char *buffer, size_t size, size_t count, const char *format, va_list args)
{
    return _vsnprintf_s(buffer, size, count, format, args);
}

int CDECL _snprintf_s(char *buffer, size_t size, size_t count, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = _vsnprintf_s(buffer, size, count, format, args);
    va_end(args);
    return n;
}

/* sprintf_s: all of it fits, or it is an error. */
int CDECL vsprintf_s(char *buffer, size_t size, const char *format, va_list args)
{
    return _vsnprintf_s(buffer, size, size, format, args);
}

int CDECL sprintf_s(char *buffer, size_t size, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = vsprintf_s(buffer, size, format, args);
    va_end(args);
    return n;
}

int CDECL _vsnwprintf_s(WCHAR *buffer, size_t size, size_t count, const WCHAR *format, va_list args)
{
    if (!buffer || !size || !AcceptableWide(format)) {
        if (buffer && size) {
            buffer[0] = 0;
        }
        return CrtSetErrno(EINVAL, 0);
    }
    size_t room = count == TRUNCATE || count >= size ? size : count + 1;
    va_list again;
    va_copy(again, args);
    int need = _vscwprintf(format, again);
    va_end(again);
    if (need >= 0 && (size_t)need < room) {
        return _vsnwprintf(buffer, room, format, args);
    }
    if (count != TRUNCATE && count >= size) {
        buffer[0] = 0;
        CrtSetErrno(ERANGE, 0);
        return -1;
    }
    _vsnwprintf(buffer, room - 1, format, args);
    buffer[room - 1] = 0;
    return -1;
}

int CDECL _snwprintf_s(WCHAR *buffer, size_t size, size_t count, const WCHAR *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = _vsnwprintf_s(buffer, size, count, format, args);
    va_end(args);
    return n;
}

int CDECL vswprintf_s(WCHAR *buffer, size_t size, const WCHAR *format, va_list args)
{
    return _vsnwprintf_s(buffer, size, size, format, args);
}

int CDECL swprintf_s(WCHAR *buffer, size_t size, const WCHAR *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = vswprintf_s(buffer, size, format, args);
    va_end(args);
    return n;
}

/* ------------------------------------------------------------- scanf_s */
int CDECL fscanf_s(FILE *stream, const char *format, ...)
{
    if (!stream || !format) {
        return CrtSetErrno(EINVAL, 0);
    }
    va_list args;
    va_start(args, format);
    _lock_file(stream);
    int n = CrtScanNarrow(stream, NULL, 0, format, 1, args);
    _unlock_file(stream);
    va_end(args);
    return n;
}

int CDECL scanf_s(const char *format, ...)
{
    if (!format) {
        return CrtSetErrno(EINVAL, 0);
    }
    va_list args;
    va_start(args, format);
    _lock_file(crt_stdin);
    int n = CrtScanNarrow(crt_stdin, NULL, 0, format, 1, args);
    _unlock_file(crt_stdin);
    va_end(args);
    return n;
}

int CDECL sscanf_s(const char *text, const char *format, ...)
{
    if (!text || !format) {
        return CrtSetErrno(EINVAL, 0);
    }
    va_list args;
    va_start(args, format);
    int n = CrtScanNarrow(NULL, text, (size_t)-1, format, 1, args);
    va_end(args);
    return n;
}

int CDECL _snscanf_s(const char *text, size_t length, const char *format, ...)
{
    if (!text || !format) {
        return CrtSetErrno(EINVAL, 0);
    }
    va_list args;
    va_start(args, format);
    int n = CrtScanNarrow(NULL, text, length, format, 1, args);
    va_end(args);
    return n;
}

int CDECL fwscanf_s(FILE *stream, const WCHAR *format, ...)
{
    if (!stream || !format) {
        return CrtSetErrno(EINVAL, 0);
    }
    va_list args;
    va_start(args, format);
    _lock_file(stream);
    int n = CrtScanWide(stream, NULL, 0, format, 1, args);
    _unlock_file(stream);
    va_end(args);
    return n;
}

int CDECL wscanf_s(const WCHAR *format, ...)
{
    if (!format) {
        return CrtSetErrno(EINVAL, 0);
    }
    va_list args;
    va_start(args, format);
    _lock_file(crt_stdin);
    int n = CrtScanWide(crt_stdin, NULL, 0, format, 1, args);
    _unlock_file(crt_stdin);
    va_end(args);
    return n;
}

int CDECL swscanf_s(const WCHAR *text, const WCHAR *format, ...)
{
    if (!text || !format) {
        return CrtSetErrno(EINVAL, 0);
    }
    va_list args;
    va_start(args, format);
    int n = CrtScanWide(NULL, text, (size_t)-1, format, 1, args);
    va_end(args);
    return n;
}

int CDECL _snwscanf_s(const WCHAR *text, size_t length, const WCHAR *format, ...)
{
    if (!text || !format) {
        return CrtSetErrno(EINVAL, 0);
    }
    va_list args;
    va_start(args, format);
    int n = CrtScanWide(NULL, text, length, format, 1, args);
    va_end(args);
    return n;
}
