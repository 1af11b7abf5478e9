/*
 * Locks, as msvcrt.dll takes them, now that a process has threads: every
 * stream has its own (recursive) lock, held across each stdio call that
 * takes the stream, so two threads writing to one stream never lose or
 * repeat bytes, and one call's bytes stay together (std::cout from several
 * threads); _lock and _unlock are the runtime's numbered locks (mingw's
 * start-up code takes them around its atexit table).
 *
 * The exported stdio functions are these wrappers (msvcrt.def maps each
 * name to its Locked* function); inside, stdio.c calls its own functions
 * directly, under the lock the wrapper holds.
 */
#include "msvcrt/crt.h"

#define CRT_TOTAL_LOCKS 64
#define FREE_LOCK {NULL, -1, 0, NULL, NULL, 0}

static RTL_CRITICAL_SECTION StreamLocks[CRT_MAX_STREAMS] = {[0 ... CRT_MAX_STREAMS - 1] = FREE_LOCK};
static RTL_CRITICAL_SECTION NumberedLocks[CRT_TOTAL_LOCKS] = {[0 ... CRT_TOTAL_LOCKS - 1] = FREE_LOCK};

void CDECL _lock(int lock)
{
    if (lock >= 0 && lock < CRT_TOTAL_LOCKS) {
        RtlEnterCriticalSection(&NumberedLocks[lock]);
    }
}

void CDECL _unlock(int lock)
{
    if (lock >= 0 && lock < CRT_TOTAL_LOCKS) {
        RtlLeaveCriticalSection(&NumberedLocks[lock]);
    }
}

void CDECL _lock_file(FILE *f)
{
    int i = f ? CrtStreamIndex(f) : -1;
    if (i >= 0) {
        RtlEnterCriticalSection(&StreamLocks[i]);
    }
}

void CDECL _unlock_file(FILE *f)
{
    int i = f ? CrtStreamIndex(f) : -1;
    if (i >= 0) {
        RtlLeaveCriticalSection(&StreamLocks[i]);
    }
}

/* The functions wrapped, declared as stdio.c, scanf.c and wstdio.c define them. */
typedef unsigned short wint_t;
int CDECL fputs(const char *s, FILE *f);
int CDECL puts(const char *s);
char *CDECL fgets(char *buffer, int size, FILE *f);
char *CDECL gets(char *buffer);
size_t CDECL fread(void *data, size_t size, size_t count, FILE *f);
int CDECL fseek(FILE *f, long offset, int whence);
int CDECL _fseeki64(FILE *f, LONGLONG offset, int whence);
long CDECL ftell(FILE *f);
LONGLONG CDECL _ftelli64(FILE *f);
int CDECL fgetpos(FILE *f, LONGLONG *pos);
int CDECL fsetpos(FILE *f, const LONGLONG *pos);
void CDECL rewind(FILE *f);
int CDECL setvbuf(FILE *f, char *buffer, int type, size_t size);
void CDECL setbuf(FILE *f, char *buffer);
int CDECL vfprintf(FILE *f, const char *format, va_list args);
int CDECL vfscanf(FILE *f, const char *format, va_list args);
int CDECL _putw(int w, FILE *f);
int CDECL _getw(FILE *f);
wint_t CDECL fgetwc(FILE *f);
wint_t CDECL fputwc(wint_t c, FILE *f);
wint_t CDECL ungetwc(wint_t c, FILE *f);
int CDECL fputws(const WCHAR *s, FILE *f);
WCHAR *CDECL fgetws(WCHAR *buffer, int size, FILE *f);

/* LOCKED(type, name, params, stream, call): type Locked<name>(params), the call under the stream's lock. */
#define LOCKED(type, name, params, stream, call)                                                   \
    type CDECL Locked##name params;                                                                \
    type CDECL Locked##name params                                                                 \
    {                                                                                              \
        FILE *locked_ = (stream);                                                                  \
        _lock_file(locked_);                                                                       \
        type result_ = call;                                                                       \
        _unlock_file(locked_);                                                                     \
        return result_;                                                                            \
    }

LOCKED(size_t, Fwrite, (const void *d, size_t s, size_t n, FILE *f), f, fwrite(d, s, n, f))
LOCKED(size_t, Fread, (void *d, size_t s, size_t n, FILE *f), f, fread(d, s, n, f))
LOCKED(int, Fputc, (int c, FILE *f), f, fputc(c, f))
LOCKED(int, Putchar, (int c), crt_stdout, fputc(c, crt_stdout))
LOCKED(int, Fputs, (const char *s, FILE *f), f, fputs(s, f))
LOCKED(int, Puts, (const char *s), crt_stdout, puts(s))
LOCKED(int, Fgetc, (FILE *f), f, fgetc(f))
LOCKED(int, Getchar, (void), crt_stdin, fgetc(crt_stdin))
LOCKED(char *, Fgets, (char *b, int n, FILE *f), f, fgets(b, n, f))
LOCKED(char *, Gets, (char *b), crt_stdin, gets(b))
LOCKED(int, Ungetc, (int c, FILE *f), f, ungetc(c, f))
LOCKED(int, Fseek, (FILE *f, long o, int w), f, fseek(f, o, w))
LOCKED(int, Fseeki64, (FILE *f, LONGLONG o, int w), f, _fseeki64(f, o, w))
LOCKED(long, Ftell, (FILE *f), f, ftell(f))
LOCKED(LONGLONG, Ftelli64, (FILE *f), f, _ftelli64(f))
LOCKED(int, Fgetpos, (FILE *f, LONGLONG *p), f, fgetpos(f, p))
LOCKED(int, Fsetpos, (FILE *f, const LONGLONG *p), f, fsetpos(f, p))
LOCKED(int, Setvbuf, (FILE *f, char *b, int t, size_t s), f, setvbuf(f, b, t, s))
LOCKED(int, Fclose, (FILE *f), f, fclose(f))
LOCKED(int, Vfprintf, (FILE *f, const char *fmt, va_list a), f, vfprintf(f, fmt, a))
LOCKED(int, Vprintf, (const char *fmt, va_list a), crt_stdout, vfprintf(crt_stdout, fmt, a))
LOCKED(int, Vfscanf, (FILE *f, const char *fmt, va_list a), f, vfscanf(f, fmt, a))
LOCKED(int, Vscanf, (const char *fmt, va_list a), crt_stdin, vfscanf(crt_stdin, fmt, a))
LOCKED(int, Putw, (int w, FILE *f), f, _putw(w, f))
LOCKED(int, Getw, (FILE *f), f, _getw(f))
LOCKED(wint_t, Fgetwc, (FILE *f), f, fgetwc(f))
LOCKED(wint_t, Getwchar, (void), crt_stdin, fgetwc(crt_stdin))
LOCKED(wint_t, Fputwc, (wint_t c, FILE *f), f, fputwc(c, f))
LOCKED(wint_t, Putwchar, (wint_t c), crt_stdout, fputwc(c, crt_stdout))
LOCKED(wint_t, Ungetwc, (wint_t c, FILE *f), f, ungetwc(c, f))
LOCKED(int, Fputws, (const WCHAR *s, FILE *f), f, fputws(s, f))
LOCKED(WCHAR *, Fgetws, (WCHAR *b, int n, FILE *f), f, fgetws(b, n, f))

/* fflush(NULL) locks each stream in turn itself (stdio.c's FlushAll). */
int CDECL LockedFflush(FILE *f);
int CDECL LockedFflush(FILE *f)
{
    if (!f) {
        return fflush(NULL);
    }
    _lock_file(f);
    int result = fflush(f);
    _unlock_file(f);
    return result;
}

void CDECL LockedRewind(FILE *f);
void CDECL LockedRewind(FILE *f)
{
    _lock_file(f);
    rewind(f);
    _unlock_file(f);
}

void CDECL LockedSetbuf(FILE *f, char *b);
void CDECL LockedSetbuf(FILE *f, char *b)
{
    _lock_file(f);
    setbuf(f, b);
    _unlock_file(f);
}

#define LOCKED_VARARGS(name, stream, vcall)                                                        \
    int CDECL Locked##name(FILE *f, const char *format, ...);                                      \
    int CDECL Locked##name(FILE *f, const char *format, ...)                                       \
    {                                                                                              \
        va_list args;                                                                              \
        va_start(args, format);                                                                    \
        FILE *locked_ = (stream);                                                                  \
        _lock_file(locked_);                                                                       \
        int result_ = vcall;                                                                       \
        _unlock_file(locked_);                                                                     \
        va_end(args);                                                                              \
        return result_;                                                                            \
    }

LOCKED_VARARGS(Fprintf, f, vfprintf(f, format, args))
LOCKED_VARARGS(Fscanf, f, vfscanf(f, format, args))

int CDECL LockedPrintf(const char *format, ...);
int CDECL LockedPrintf(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    _lock_file(crt_stdout);
    int result = vfprintf(crt_stdout, format, args);
    _unlock_file(crt_stdout);
    va_end(args);
    return result;
}

int CDECL LockedScanf(const char *format, ...);
int CDECL LockedScanf(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    _lock_file(crt_stdin);
    int result = vfscanf(crt_stdin, format, args);
    _unlock_file(crt_stdin);
    va_end(args);
    return result;
}
