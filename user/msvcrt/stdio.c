/*
 * stdio: msvcrt's streams. A FILE is msvcrt's 32-byte _iobuf (mingw's
 * macros reach into _ptr and _cnt); the first 20 are the exported _iob,
 * more are allocated up to 512. Buffers are msvcrt's: 4096 bytes, taken at
 * the first read or write; stdout and stderr on a console get one only for
 * the length of a printf-like call (_stbuf/_ftbuf), so they reach the
 * screen at once. Reading, writing and seeking follow msvcrt's _filbuf,
 * _flsbuf, fread, fwrite, fseek and ftell, text mode included, so that a
 * program sees the positions and counts it sees on Windows.
 */
#include "msvcrt/crt.h"

#define MAX_STREAMS CRT_MAX_STREAMS
#define FOPEN_MAX_IOB 20
#define ANYBUF(f) ((f)->_flag & (_IOMYBUF | _IONBF | _IOYOURBUF))
#define BIGBUF(f) ((f)->_flag & (_IOMYBUF | _IOYOURBUF))
#define INUSE(f) ((f)->_flag & (_IOREAD | _IOWRT | _IORW))

static char StdinBuffer[CRT_BUFSIZ];
FILE _iob[FOPEN_MAX_IOB] = {
    {StdinBuffer, 0, StdinBuffer, _IOREAD | _IOYOURBUF, 0, 0, CRT_BUFSIZ, NULL},
    {NULL, 0, NULL, _IOWRT, 1, 0, 0, NULL},
    {NULL, 0, NULL, _IOWRT, 2, 0, 0, NULL},
};
static FILE *Streams[MAX_STREAMS];
int _commode;
int *CDECL __p__commode(void) { return &_commode; }

FILE *CDECL __iob_func(void)
{
    return _iob;
}

static FILE *StreamAt(int i)
{
    if (i < FOPEN_MAX_IOB) {
        return &_iob[i];
    }
    return Streams[i];
}

int CrtStreamIndex(const FILE *f)
{
    if (f >= _iob && f < _iob + FOPEN_MAX_IOB) {
        return (int)(f - _iob);
    }
    for (int i = FOPEN_MAX_IOB; i < MAX_STREAMS && Streams[i]; i++) {
        if (Streams[i] == f) {
            return i;
        }
    }
    return -1;
}

FILE *CrtGetStream(void)
{
    for (int i = 0; i < MAX_STREAMS; i++) {
        FILE *f = StreamAt(i);
        if (!f) {
            f = Streams[i] = calloc(1, sizeof(FILE));
            if (!f) {
                break;
            }
        }
        if (!INUSE(f)) {
            memset(f, 0, sizeof *f);
            f->_file = -1;
            return f;
        }
    }
    CrtSetErrno(EMFILE, 0);
    return NULL;
}

/* ------------------------------------------------------------ buffers */
static void GetBuffer(FILE *f)
{
    char *buffer = malloc(CRT_BUFSIZ);
    if (buffer) {
        f->_flag |= _IOMYBUF;
        f->_base = buffer;
        f->_bufsiz = CRT_BUFSIZ;
    } else {
        f->_flag |= _IONBF;
        f->_base = (char *)&f->_charbuf;
        f->_bufsiz = 2;
    }
    f->_ptr = f->_base;
    f->_cnt = 0;
}

static void FreeBuffer(FILE *f)
{
    if ((f->_flag & (_IOREAD | _IOWRT | _IORW)) && (f->_flag & _IOMYBUF)) {
        free(f->_base);
        f->_flag &= ~(_IOMYBUF | _IOSETVBUF);
        f->_base = f->_ptr = NULL;
        f->_cnt = 0;
    }
}

/* A console stdout or stderr gets a buffer for one call (_stbuf), written
 * out when the call returns (_ftbuf). Returns whether it did. */
static char TemporaryBuffer[2][CRT_BUFSIZ];

static int StartTemporaryBuffer(FILE *f)
{
    int index = f == crt_stdout ? 0 : f == crt_stderr ? 1 : -1;
    if (index < 0 || !_isatty(f->_file) || ANYBUF(f)) {
        return 0;
    }
    f->_base = f->_ptr = TemporaryBuffer[index];
    f->_cnt = f->_bufsiz = CRT_BUFSIZ;
    f->_flag |= _IOWRT | _IOYOURBUF | _IOFLRTN;
    return 1;
}

static int Flush(FILE *f);

static void EndTemporaryBuffer(int started, FILE *f)
{
    if (started && (f->_flag & _IOFLRTN)) {
        Flush(f);
        f->_flag &= ~(_IOYOURBUF | _IOFLRTN);
        f->_bufsiz = 0;
        f->_base = f->_ptr = NULL;
    }
}

/* ------------------------------------------------------------ fill and flush */
int CDECL _filbuf(FILE *f)
{
    if (!INUSE(f) || (f->_flag & _IOSTRG)) {
        return EOF;
    }
    if (f->_flag & _IOWRT) {
        f->_flag |= _IOERR;
        return EOF;
    }
    f->_flag |= _IOREAD;
    if (!ANYBUF(f)) {
        GetBuffer(f);
    } else {
        f->_ptr = f->_base;
    }
    f->_cnt = _read(f->_file, f->_base, f->_bufsiz);
    if (f->_cnt == 0 || f->_cnt == -1) {
        f->_flag |= f->_cnt ? _IOERR : _IOEOF;
        f->_cnt = 0;
        return EOF;
    }
    if (!(f->_flag & (_IOWRT | _IORW)) && (CrtFdFlags(f->_file) & (FTEXT | FEOFLAG)) == (FTEXT | FEOFLAG)) {
        f->_flag |= _IOCTRLZ;
    }
    /* The small buffer an fseek left on a read-only stream grows back. */
    if (f->_bufsiz == CRT_SMALL_BUFSIZ && (f->_flag & _IOMYBUF) && !(f->_flag & _IOSETVBUF)) {
        f->_bufsiz = CRT_BUFSIZ;
    }
    f->_cnt--;
    return (unsigned char)*f->_ptr++;
}

int CDECL _flsbuf(int c, FILE *f)
{
    int fd = f->_file;
    if (!(f->_flag & (_IOWRT | _IORW)) || (f->_flag & _IOSTRG)) {
        f->_flag |= _IOERR;
        return EOF;
    }
    if (f->_flag & _IOREAD) {
        /* From reading to writing is allowed only at end of file. */
        f->_cnt = 0;
        if (!(f->_flag & _IOEOF)) {
            f->_flag |= _IOERR;
            return EOF;
        }
        f->_ptr = f->_base;
        f->_flag &= ~_IOREAD;
    }
    f->_flag |= _IOWRT;
    f->_flag &= ~_IOEOF;
    if (!ANYBUF(f) && !((f == crt_stdout || f == crt_stderr) && _isatty(fd))) {
        GetBuffer(f);
    }
    int count, written;
    char ch = (char)c;
    if (BIGBUF(f)) {
        count = (int)(f->_ptr - f->_base);
        f->_ptr = f->_base + 1;
        f->_cnt = f->_bufsiz - 1;
        written = 0;
        if (count > 0) {
            written = _write(fd, f->_base, (unsigned int)count);
        } else if (CrtFdFlags(fd) & FAPPEND) {
            _lseeki64(fd, 0, SEEK_END);
        }
        *f->_base = ch;
    } else {
        count = 1;
        written = _write(fd, &ch, 1);
    }
    if (written != count) {
        f->_flag |= _IOERR;
        return EOF;
    }
    return c & 0xFF;
}

static int Flush(FILE *f)
{
    int result = 0;
    if ((f->_flag & (_IOREAD | _IOWRT)) == _IOWRT && BIGBUF(f)) {
        int pending = (int)(f->_ptr - f->_base);
        if (pending > 0) {
            if (_write(f->_file, f->_base, (unsigned int)pending) == pending) {
                if (f->_flag & _IORW) {
                    f->_flag &= ~_IOWRT;
                }
            } else {
                f->_flag |= _IOERR;
                result = EOF;
            }
        }
    }
    f->_ptr = f->_base;
    f->_cnt = 0;
    return result;
}

static int FlushStream(FILE *f)
{
    if (Flush(f)) {
        return EOF;
    }
    if (f->_flag & _IOCOMMIT) {
        return _commit(f->_file) ? EOF : 0;
    }
    return 0;
}

/* Flushes every stream open for writing; returns how many streams are
 * open (_flushall) or EOF if one failed (fflush(NULL)). */
static int FlushAll(int for_fflush)
{
    int count = 0, failed = 0;
    for (int i = 0; i < MAX_STREAMS; i++) {
        FILE *f = StreamAt(i);
        if (!f || !INUSE(f)) {
            continue;
        }
        _lock_file(f); /* one stream at a time, as msvcrt's flsall */
        if (for_fflush) {
            if ((f->_flag & _IOWRT) && FlushStream(f) == EOF) {
                failed = 1;
            }
        } else {
            if (FlushStream(f) != EOF) {
                count++;
            }
        }
        _unlock_file(f);
    }
    return for_fflush ? (failed ? EOF : 0) : count;
}

int CDECL fflush(FILE *f)
{
    if (!f) {
        return FlushAll(1);
    }
    return FlushStream(f);
}

int CDECL _flushall(void)
{
    return FlushAll(0);
}

/* At exit (msvcrt's _endstdio): every stream flushed, temporary files removed. */
void CrtFlushAll(void)
{
    FlushAll(0);
    for (int i = 3; i < MAX_STREAMS; i++) {
        FILE *f = StreamAt(i);
        if (f && INUSE(f) && f->_tmpfname) {
            fclose(f);
        }
    }
}

/* ------------------------------------------------------------ open and close */
/* A mode string → _open flags and stream flags, as msvcrt's _openfile reads
 * it: r/w/a first, then '+', 'b'/'t', 'c'/'n', 'S'/'R', 'T', 'D' in any
 * order; a repeated or conflicting letter ends the mode. -1: EINVAL. */
int CrtOpenFlags(const char *mode, int *stream_flags)
{
    int oflag, sflag = _commode & _IOCOMMIT;
    while (*mode == ' ') {
        mode++;
    }
    switch (*mode) {
    case 'r': oflag = _O_RDONLY; sflag |= _IOREAD; break;
    case 'w': oflag = _O_WRONLY | _O_CREAT | _O_TRUNC; sflag |= _IOWRT; break;
    case 'a': oflag = _O_WRONLY | _O_CREAT | _O_APPEND; sflag |= _IOWRT; break;
    default: return CrtSetErrno(EINVAL, 0);
    }
    int more = 1, rw = 0, mode_set = 0, commit_set = 0, access_set = 0, temp = 0, del = 0;
    while (*++mode && more) {
        switch (*mode) {
        case '+':
            if (rw) { more = 0; break; }
            rw = 1;
            oflag = (oflag & ~_O_ACCMODE) | _O_RDWR;
            sflag = (sflag & ~(_IOREAD | _IOWRT)) | _IORW;
            break;
        case 'b':
        case 't':
            if (mode_set) { more = 0; break; }
            mode_set = 1;
            oflag |= *mode == 'b' ? _O_BINARY : _O_TEXT;
            break;
        case 'c':
        case 'n':
            if (commit_set) { more = 0; break; }
            commit_set = 1;
            sflag = *mode == 'c' ? sflag | _IOCOMMIT : sflag & ~_IOCOMMIT;
            break;
        case 'S':
        case 'R':
            if (access_set) { more = 0; break; }
            access_set = 1;
            oflag |= *mode == 'S' ? _O_SEQUENTIAL : _O_RANDOM;
            break;
        case 'T':
            if (temp) { more = 0; break; }
            temp = 1;
            oflag |= _O_SHORT_LIVED;
            break;
        case 'D':
            if (del) { more = 0; break; }
            del = 1;
            oflag |= _O_TEMPORARY;
            break;
        case ' ':
            break;
        default:
            more = 0;
            break;
        }
    }
    *stream_flags = sflag;
    return oflag;
}

static FILE *OpenInto(FILE *f, const char *path, const WCHAR *wpath, const char *mode, int share)
{
    int sflag;
    int oflag = CrtOpenFlags(mode, &sflag);
    if (oflag < 0) {
        return NULL;
    }
    int fd = wpath ? _wsopen(wpath, oflag, share, _S_IREAD | _S_IWRITE)
                   : _sopen(path, oflag, share, _S_IREAD | _S_IWRITE);
    if (fd < 0) {
        return NULL;
    }
    f->_flag = sflag;
    f->_cnt = 0;
    f->_ptr = f->_base = NULL;
    f->_tmpfname = NULL;
    f->_file = fd;
    return f;
}

static FILE *Open(const char *path, const WCHAR *wpath, const char *mode, int share)
{
    if ((!path && !wpath) || !mode) {
        CrtSetErrno(EINVAL, 0);
        return NULL;
    }
    FILE *f = CrtGetStream();
    if (!f) {
        return NULL;
    }
    f->_flag = _IORW;          /* reserve it while opening */
    if (!OpenInto(f, path, wpath, mode, share)) {
        f->_flag = 0;
        return NULL;
    }
    return f;
}

/* The wide mode as narrow; NULL for a mode that is not plain ASCII. */
static int NarrowMode(const WCHAR *wide, char *narrow, size_t size)
{
    size_t i = 0;
    for (; wide[i]; i++) {
        if (i + 1 >= size || wide[i] > 0x7F) {
            return 0;
        }
        narrow[i] = (char)wide[i];
    }
    narrow[i] = 0;
    return 1;
}

FILE *CDECL fopen(const char *path, const char *mode) { return Open(path, NULL, mode, _SH_DENYNO); }

FILE *CDECL _fsopen(const char *path, const char *mode, int share)
{
    FILE *f = CrtGetStream();
    if (!f || !path || !mode) {
        return f ? (CrtSetErrno(EINVAL, 0), NULL) : NULL;
    }
    f->_flag = _IORW;
    if (!OpenInto(f, path, NULL, mode, share)) {
        f->_flag = 0;
        return NULL;
    }
    return f;
}

FILE *CDECL _wfopen(const WCHAR *path, const WCHAR *wmode)
{
    char mode[32];
    if (!wmode || !NarrowMode(wmode, mode, sizeof mode)) {
        CrtSetErrno(EINVAL, 0);
        return NULL;
    }
    return Open(NULL, path, mode, _SH_DENYNO);
}

FILE *CDECL _wfsopen(const WCHAR *path, const WCHAR *wmode, int share)
{
    char mode[32];
    if (!path || !wmode || !NarrowMode(wmode, mode, sizeof mode)) {
        CrtSetErrno(EINVAL, 0);
        return NULL;
    }
    return Open(NULL, path, mode, share);
}

int CDECL fclose(FILE *f)
{
    if (!f) {
        return CrtSetErrno(EINVAL, 0);
    }
    if (f->_flag & _IOSTRG) {
        f->_flag = 0;
        return EOF;
    }
    int result = EOF;
    if (INUSE(f)) {
        result = FlushStream(f);
        FreeBuffer(f);
        if (_close(f->_file) < 0) {
            result = EOF;
        }
        if (f->_tmpfname) {
            /* tmpfile's file: removed once closed. */
            DeleteFileA(f->_tmpfname);
            free(f->_tmpfname);
            f->_tmpfname = NULL;
        }
    }
    f->_flag = 0;
    return result;
}

FILE *CDECL freopen(const char *path, const char *mode, FILE *f)
{
    if (INUSE(f)) {
        fclose(f);
    }
    f->_flag = _IORW;
    if (!path || !OpenInto(f, path, NULL, mode, _SH_DENYNO)) {
        if (!path) {
            CrtSetErrno(EINVAL, 0);
        }
        f->_flag = 0;
        return NULL;
    }
    return f;
}

FILE *CDECL _wfreopen(const WCHAR *path, const WCHAR *wmode, FILE *f)
{
    char mode[32];
    if (!wmode || !NarrowMode(wmode, mode, sizeof mode)) {
        CrtSetErrno(EINVAL, 0);
        return NULL;
    }
    if (INUSE(f)) {
        fclose(f);
    }
    f->_flag = _IORW;
    if (!path || !OpenInto(f, NULL, path, mode, _SH_DENYNO)) {
        f->_flag = 0;
        return NULL;
    }
    return f;
}

FILE *CDECL _fdopen(int fd, const char *mode)
{
    int sflag;
    if (!mode || CrtOpenFlags(mode, &sflag) < 0) {
        return NULL;
    }
    if (!(CrtFdFlags(fd) & FOPEN)) {
        CrtSetErrno(EBADF, 0);
        return NULL;
    }
    FILE *f = CrtGetStream();
    if (f) {
        f->_flag = sflag;
        f->_file = fd;
    }
    return f;
}

FILE *CDECL _wfdopen(int fd, const WCHAR *wmode)
{
    char mode[32];
    if (!wmode || !NarrowMode(wmode, mode, sizeof mode)) {
        CrtSetErrno(EINVAL, 0);
        return NULL;
    }
    return _fdopen(fd, mode);
}

/* Closes every stream but the standard three; returns how many. */
int CDECL _fcloseall(void)
{
    int count = 0;
    for (int i = 3; i < MAX_STREAMS; i++) {
        FILE *f = StreamAt(i);
        if (f && INUSE(f) && fclose(f) != EOF) {
            count++;
        }
    }
    return count;
}

/* ------------------------------------------------------------ temporary files */

static void AppendBase32(char *out, unsigned long value)
{
    char digits[16];
    int n = 0;
    do {
        int d = (int)(value % 32);
        digits[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        value /= 32;
    } while (value);
    out += strlen(out);
    while (n) {
        *out++ = digits[--n];
    }
    *out = 0;
}

/* msvcrt's names: "\s" (tmpnam) or "\t" (tmpfile), the process id in
 * base 32, a dot and a counter in base 32, in the current drive's root. */
static char *TemporaryName(char *out, char letter, unsigned long *counter)
{
    for (int tries = 0; tries < 32767; tries++) {
        out[0] = '\\';
        out[1] = letter;
        out[2] = 0;
        AppendBase32(out, GetCurrentProcessId());
        strcat(out, ".");
        AppendBase32(out, ++*counter);
        if (GetFileAttributesA(out) == INVALID_FILE_ATTRIBUTES && GetLastError() != ERROR_ACCESS_DENIED) {
            return out;
        }
    }
    return NULL;
}

char *CDECL tmpnam(char *buffer)
{
    static char name[260];
    static unsigned long counter;
    return TemporaryName(buffer ? buffer : name, 's', &counter);
}

/* A name no file has in dir: the name itself is checked, not tmpnam's
 * (a file a program left there under the last name is skipped, as
 * Windows' _tempnam does: Wine's msvcrt tests misc.c:365-368 create one
 * read-only and run again). */
char *CDECL _tempnam(const char *dir, const char *prefix)
{
    static unsigned long counter;
    char name[300];
    const char *d = dir && *dir ? dir : "\\";
    for (int tries = 0; tries < 32767; tries++) {
        if (!TemporaryName(name, 's', &counter)) {
            return NULL;
        }
        size_t n = strlen(d) + strlen(prefix ? prefix : "") + strlen(name) + 2;
        char *out = malloc(n);
        if (!out) {
            return NULL;
        }
        _snprintf(out, n, "%s%s%s%s", d, d[strlen(d) - 1] == '\\' || d[strlen(d) - 1] == '/' ? "" : "\\",
                  prefix ? prefix : "", name + 1);
        if (GetFileAttributesA(out) == INVALID_FILE_ATTRIBUTES && GetLastError() != ERROR_ACCESS_DENIED) {
            return out;
        }
        free(out);
    }
    return NULL;
}

FILE *CDECL tmpfile(void)
{
    static unsigned long counter;
    char name[260];
    for (int tries = 0; tries < 32767; tries++) {
        if (!TemporaryName(name, 't', &counter)) {
            break;
        }
        FILE *f = CrtGetStream();
        if (!f) {
            return NULL;
        }
        int fd = _sopen(name, _O_CREAT | _O_EXCL | _O_RDWR | _O_BINARY | _O_TEMPORARY, _SH_DENYNO,
                        _S_IREAD | _S_IWRITE);
        if (fd >= 0) {
            f->_tmpfname = _strdup(name);
            f->_flag = _IORW;
            f->_file = fd;
            return f;
        }
        if (errno != EEXIST) {
            return NULL;
        }
    }
    return NULL;
}

int CDECL _rmtmp(void)
{
    int count = 0;
    for (int i = 0; i < MAX_STREAMS; i++) {
        FILE *f = StreamAt(i);
        if (f && INUSE(f) && f->_tmpfname) {
            fclose(f);
            count++;
        }
    }
    return count;
}

/* ------------------------------------------------------------ reading */
int CDECL fgetc(FILE *f)
{
    if (!f) {
        return CrtSetErrno(EINVAL, 0);
    }
    return --f->_cnt >= 0 ? (unsigned char)*f->_ptr++ : _filbuf(f);
}

int CDECL getc(FILE *f) { return fgetc(f); }
int CDECL getchar(void) { return fgetc(crt_stdin); }
int CDECL _fgetchar(void) { return fgetc(crt_stdin); }

int CDECL ungetc(int c, FILE *f)
{
    if (c == EOF || !f || !((f->_flag & _IOREAD) || ((f->_flag & _IORW) && !(f->_flag & _IOWRT)))) {
        return EOF;
    }
    if (!f->_base) {
        GetBuffer(f);
    }
    if (f->_ptr == f->_base) {
        if (f->_cnt) {
            return EOF;     /* no room before the buffered data */
        }
        f->_ptr++;
    }
    if (f->_flag & _IOSTRG) {
        if (*--f->_ptr != (char)c) {
            ++f->_ptr;
            return EOF;
        }
    } else {
        *--f->_ptr = (char)c;
    }
    f->_cnt++;
    f->_flag &= ~_IOEOF;
    f->_flag |= _IOREAD;
    return c & 0xFF;
}

char *CDECL fgets(char *buffer, int size, FILE *f)
{
    if (size <= 0) {
        return NULL;
    }
    char *p = buffer;
    while (--size) {
        int c = fgetc(f);
        if (c == EOF) {
            if (p == buffer) {
                return NULL;
            }
            break;
        }
        if ((*p++ = (char)c) == '\n') {
            break;
        }
    }
    *p = 0;
    return buffer;
}

char *CDECL gets(char *buffer)
{
    char *p = buffer;
    int c;
    while ((c = fgetc(crt_stdin)) != '\n') {
        if (c == EOF) {
            if (p == buffer) {
                return NULL;
            }
            break;
        }
        *p++ = (char)c;
    }
    *p = 0;
    return buffer;
}

size_t CDECL fread(void *data, size_t size, size_t count, FILE *f)
{
    size_t total = size * count, left = total;
    if (!size || !count) {
        return 0;
    }
    char *out = data;
    unsigned int bufsize = ANYBUF(f) ? (unsigned int)f->_bufsiz : CRT_BUFSIZ;
    while (left) {
        if (ANYBUF(f) && f->_cnt > 0) {
            size_t n = left < (size_t)f->_cnt ? left : (size_t)f->_cnt;
            memcpy(out, f->_ptr, n);
            left -= n;
            f->_cnt -= (int)n;
            f->_ptr += n;
            out += n;
        } else if (left >= bufsize) {
            /* Whole buffers go straight to the caller. */
            unsigned int n = bufsize ? (unsigned int)(left - left % bufsize) : (unsigned int)left;
            int got = _read(f->_file, out, n);
            if (got == 0) {
                f->_flag |= _IOEOF;
                return (total - left) / size;
            }
            if (got < 0) {
                f->_flag |= _IOERR;
                return (total - left) / size;
            }
            left -= (unsigned int)got;
            out += got;
        } else {
            int c = _filbuf(f);
            if (c == EOF) {
                return (total - left) / size;
            }
            *out++ = (char)c;
            left--;
            bufsize = (unsigned int)f->_bufsiz;
        }
    }
    return count;
}

/* ------------------------------------------------------------ writing */
static size_t WriteLocked(const void *data, size_t size, size_t count, FILE *f)
{
    size_t total = size * count, left = total;
    if (!size || !count) {
        return 0;
    }
    const char *in = data;
    unsigned int bufsize = ANYBUF(f) ? (unsigned int)f->_bufsiz : CRT_BUFSIZ;
    while (left) {
        if (BIGBUF(f) && f->_cnt > 0) {
            size_t n = left < (size_t)f->_cnt ? left : (size_t)f->_cnt;
            memcpy(f->_ptr, in, n);
            left -= n;
            f->_cnt -= (int)n;
            f->_ptr += n;
            in += n;
        } else if (left >= bufsize) {
            if (BIGBUF(f) && Flush(f)) {
                return (total - left) / size;
            }
            unsigned int n = bufsize ? (unsigned int)(left - left % bufsize) : (unsigned int)left;
            int put = _write(f->_file, in, n);
            if (put < 0) {
                f->_flag |= _IOERR;
                return (total - left) / size;
            }
            unsigned int done = (unsigned int)put > n ? n : (unsigned int)put;
            left -= done;
            in += done;
            if ((unsigned int)put < n) {
                f->_flag |= _IOERR;
                return (total - left) / size;
            }
        } else {
            if (_flsbuf((unsigned char)*in, f) == EOF) {
                return (total - left) / size;
            }
            in++;
            left--;
            bufsize = f->_bufsiz > 0 ? (unsigned int)f->_bufsiz : 1;
        }
    }
    return count;
}

size_t CDECL fwrite(const void *data, size_t size, size_t count, FILE *f)
{
    return WriteLocked(data, size, count, f);
}

int CDECL fputc(int c, FILE *f)
{
    return --f->_cnt >= 0 ? (unsigned char)(*f->_ptr++ = (char)c) : _flsbuf(c, f);
}

int CDECL putc(int c, FILE *f) { return fputc(c, f); }
int CDECL putchar(int c) { return fputc(c, crt_stdout); }
int CDECL _fputchar(int c) { return fputc(c, crt_stdout); }

int CDECL fputs(const char *s, FILE *f)
{
    size_t n = strlen(s);
    int buffered = StartTemporaryBuffer(f);
    size_t put = WriteLocked(s, 1, n, f);
    EndTemporaryBuffer(buffered, f);
    return put == n ? 0 : EOF;
}

int CDECL puts(const char *s)
{
    FILE *f = crt_stdout;
    size_t n = strlen(s);
    int buffered = StartTemporaryBuffer(f);
    int result = WriteLocked(s, 1, n, f) == n && fputc('\n', f) != EOF ? 0 : EOF;
    EndTemporaryBuffer(buffered, f);
    return result;
}

int CDECL _putw(int w, FILE *f)
{
    return WriteLocked(&w, sizeof w, 1, f) == 1 ? w : EOF;
}

int CDECL _getw(FILE *f)
{
    int w;
    return fread(&w, sizeof w, 1, f) == 1 ? w : EOF;
}

/* ------------------------------------------------------------ positions */
static LONGLONG TellLocked(FILE *f)
{
    int fd = f->_file;
    if (f->_cnt < 0) {
        f->_cnt = 0;
    }
    LONGLONG filepos = _lseeki64(fd, 0, SEEK_CUR);
    if (filepos < 0) {
        return -1;
    }
    if (!BIGBUF(f)) {
        return filepos - f->_cnt;
    }
    LONGLONG offset = f->_ptr - f->_base;
    int text = CrtFdFlags(fd) & FTEXT;
    if (f->_flag & (_IOWRT | _IOREAD)) {
        if (text) {
            for (char *p = f->_base; p < f->_ptr; p++) {
                if (*p == '\n') {
                    offset++;
                }
            }
        }
    } else if (!(f->_flag & _IORW)) {
        return CrtSetErrno(EINVAL, 0);
    }
    if (filepos == 0) {
        return offset;
    }
    if (f->_flag & _IOREAD) {
        if (f->_cnt == 0) {
            offset = 0;
        } else {
            /* How many bytes of the file the buffer holds: in text mode
             * msvcrt estimates it as it does here. */
            LONGLONG rdcnt = f->_cnt + (f->_ptr - f->_base);
            if (text) {
                if (_lseeki64(fd, 0, SEEK_END) == filepos) {
                    for (char *p = f->_base; p < f->_base + (f->_cnt + (f->_ptr - f->_base)); p++) {
                        if (*p == '\n') {
                            rdcnt++;
                        }
                    }
                    if (f->_flag & _IOCTRLZ) {
                        rdcnt++;
                    }
                } else {
                    _lseeki64(fd, filepos, SEEK_SET);
                    if (rdcnt <= CRT_SMALL_BUFSIZ && (f->_flag & _IOMYBUF) && !(f->_flag & _IOSETVBUF)) {
                        rdcnt = CRT_SMALL_BUFSIZ;
                    } else {
                        rdcnt = f->_bufsiz;
                    }
                    if (CrtFdFlags(fd) & FCRLF) {
                        rdcnt++;
                    }
                }
            }
            filepos -= rdcnt;
        }
    }
    return filepos + offset;
}

static int SeekLocked(FILE *f, LONGLONG offset, int whence)
{
    if (!INUSE(f) || (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)) {
        return CrtSetErrno(EINVAL, 0);
    }
    f->_flag &= ~_IOEOF;
    if (whence == SEEK_CUR) {
        offset += TellLocked(f);
        whence = SEEK_SET;
    }
    Flush(f);
    if (f->_flag & _IORW) {
        f->_flag &= ~(_IOWRT | _IOREAD);
    } else if ((f->_flag & _IOREAD) && (f->_flag & _IOMYBUF) && !(f->_flag & _IOSETVBUF)) {
        f->_bufsiz = CRT_SMALL_BUFSIZ;
    }
    return _lseeki64(f->_file, offset, whence) == -1 ? -1 : 0;
}

int CDECL fseek(FILE *f, long offset, int whence) { return SeekLocked(f, offset, whence); }
int CDECL _fseeki64(FILE *f, LONGLONG offset, int whence) { return SeekLocked(f, offset, whence); }
LONGLONG CDECL _ftelli64(FILE *f) { return TellLocked(f); }

long CDECL ftell(FILE *f)
{
    LONGLONG position = TellLocked(f);
    if (position > 0x7FFFFFFF) {
        return CrtSetErrno(EINVAL, 0);
    }
    return (long)position;
}

int CDECL fgetpos(FILE *f, LONGLONG *pos)
{
    *pos = TellLocked(f);
    return *pos == -1 ? -1 : 0;
}

int CDECL fsetpos(FILE *f, const LONGLONG *pos)
{
    return SeekLocked(f, *pos, SEEK_SET);
}

void CDECL rewind(FILE *f)
{
    Flush(f);
    f->_flag &= ~(_IOERR | _IOEOF);
    if (f->_flag & _IORW) {
        f->_flag &= ~(_IOREAD | _IOWRT);
    }
    _lseeki64(f->_file, 0, SEEK_SET);
}

/* ------------------------------------------------------------ state */
int CDECL ferror(FILE *f) { return f->_flag & _IOERR; }
int CDECL feof(FILE *f) { return f->_flag & _IOEOF; }
void CDECL clearerr(FILE *f) { f->_flag &= ~(_IOERR | _IOEOF); }
int CDECL _fileno(FILE *f) { return f->_file; }

int CDECL setvbuf(FILE *f, char *buffer, int type, size_t size)
{
    if (type != _IONBF && (size < 2 || size > 0x7FFFFFFF || (type != 0 && type != 0x40))) {
        return -1;
    }
    size &= ~(size_t)1;
    Flush(f);
    FreeBuffer(f);
    f->_flag &= ~(_IOMYBUF | _IOYOURBUF | _IONBF | _IOSETVBUF | _IOFEOF | _IOFLRTN | _IOCTRLZ);
    if (type & _IONBF) {
        f->_flag |= _IONBF;
        buffer = (char *)&f->_charbuf;
        size = 2;
    } else if (!buffer) {
        buffer = malloc(size);
        if (!buffer) {
            return -1;
        }
        f->_flag |= _IOMYBUF | _IOSETVBUF;
    } else {
        f->_flag |= _IOYOURBUF | _IOSETVBUF;
    }
    f->_bufsiz = (int)size;
    f->_ptr = f->_base = buffer;
    f->_cnt = 0;
    return 0;
}

void CDECL setbuf(FILE *f, char *buffer)
{
    if (buffer) {
        setvbuf(f, buffer, 0, BUFSIZ);
    } else {
        setvbuf(f, NULL, _IONBF, 0);
    }
}

/* ------------------------------------------------------------ files by name */
int CDECL remove(const char *path)
{
    if (!DeleteFileA(path)) {
        _dosmaperr(GetLastError());
        return -1;
    }
    return 0;
}

int CDECL _unlink(const char *path) { return remove(path); }

int CDECL _wremove(const WCHAR *path)
{
    if (!DeleteFileW(path)) {
        _dosmaperr(GetLastError());
        return -1;
    }
    return 0;
}

int CDECL _wunlink(const WCHAR *path) { return _wremove(path); }

int CDECL rename(const char *from, const char *to)
{
    if (!MoveFileExA(from, to, MOVEFILE_COPY_ALLOWED)) {
        _dosmaperr(GetLastError());
        return -1;
    }
    return 0;
}

int CDECL _wrename(const WCHAR *from, const WCHAR *to)
{
    if (!MoveFileExW(from, to, MOVEFILE_COPY_ALLOWED)) {
        _dosmaperr(GetLastError());
        return -1;
    }
    return 0;
}

/* ------------------------------------------------ the printf family */
typedef struct FILE_SINK {
    FORMAT_SINK Sink;
    FILE *File;
} FILE_SINK;

static void PutToFile(FORMAT_SINK *sink, const char *text, size_t length)
{
    FILE_SINK *f = (FILE_SINK *)sink;
    if (WriteLocked(text, 1, length, f->File) != length) {
        sink->Failed = 1;
    }
}

int CDECL vfprintf(FILE *file, const char *format, va_list args)
{
    FILE_SINK sink = {{PutToFile, 0, 0, NULL}, file};
    int buffered = StartTemporaryBuffer(file);
    int n = CrtFormat(&sink.Sink, format, args);
    EndTemporaryBuffer(buffered, file);
    return n;
}

int CDECL fprintf(FILE *file, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = vfprintf(file, format, args);
    va_end(args);
    return n;
}

int CDECL vprintf(const char *format, va_list args)
{
    return vfprintf(crt_stdout, format, args);
}

int CDECL printf(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = vfprintf(crt_stdout, format, args);
    va_end(args);
    return n;
}

typedef struct STRING_SINK {
    FORMAT_SINK Sink;
    char *Buffer;
    size_t Size;     /* room, the terminator included; (size_t)-1: unbounded */
    size_t Used;
} STRING_SINK;

static void PutToString(FORMAT_SINK *sink, const char *text, size_t length)
{
    STRING_SINK *s = (STRING_SINK *)sink;
    for (size_t i = 0; i < length; i++, s->Used++) {
        if (s->Used < s->Size) {
            s->Buffer[s->Used] = text[i];
        }
    }
}

/* _vscprintf: the length the output would have, nothing written. */
int CDECL _vscprintf(const char *format, va_list args)
{
    if (!format) {
        return CrtSetErrno(EINVAL, 0);
    }
    STRING_SINK sink = {{PutToString, 0, 0, NULL}, NULL, 0, 0};
    return CrtFormat(&sink.Sink, format, args);
}

int CDECL _scprintf(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = _vscprintf(format, args);
    va_end(args);
    return n;
}

/* msvcrt's _vsnprintf: -1 when the output does not fit; exactly `size`
 * characters fit without the terminator, which is then not written. A
 * NULL buffer of size 0 only counts: the length is returned, as programs
 * that size their buffer with _vsnprintf(NULL, 0, ...) expect; a NULL
 * buffer with room, or no format, is EINVAL and -1 (since Vista). */
int CDECL _vsnprintf(char *buffer, size_t size, const char *format, va_list args)
{
    if ((!buffer && size) || !format) {
        return CrtSetErrno(EINVAL, 0);
    }
    if (!buffer) {
        return _vscprintf(format, args);
    }
    STRING_SINK sink = {{PutToString, 0, 0, NULL}, buffer, size, 0};
    int n = CrtFormat(&sink.Sink, format, args);
    if (n < 0 || (size_t)n > size) {
        return -1;
    }
    if ((size_t)n < size) {
        buffer[n] = 0;
    }
    return n;
}

/* C99's vsnprintf: the length it would have had, always terminated. */
int CDECL vsnprintf(char *buffer, size_t size, const char *format, va_list args)
{
    STRING_SINK sink = {{PutToString, 0, 0, NULL}, buffer, size, 0};
    int n = CrtFormat(&sink.Sink, format, args);
    if (size) {
        buffer[(size_t)n < size ? (size_t)n : size - 1] = 0;
    }
    return n;
}

int CDECL vsprintf(char *buffer, const char *format, va_list args)
{
    STRING_SINK sink = {{PutToString, 0, 0, NULL}, buffer, (size_t)-1, 0};
    int n = CrtFormat(&sink.Sink, format, args);
    buffer[n] = 0;
    return n;
}

int CDECL sprintf(char *buffer, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = vsprintf(buffer, format, args);
    va_end(args);
    return n;
}

int CDECL snprintf(char *buffer, size_t size, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = vsnprintf(buffer, size, format, args);
    va_end(args);
    return n;
}

int CDECL _snprintf(char *buffer, size_t size, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = _vsnprintf(buffer, size, format, args);
    va_end(args);
    return n;
}
