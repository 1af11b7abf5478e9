/*
 * stdio: the three standard streams, each a FILE writing through WriteFile
 * to its standard handle. stdout is fully buffered and flushed at exit (as
 * msvcrt buffers a stream that is not a console); stderr is unbuffered.
 */
#include "msvcrt/crt.h"

#define BUFFER_SIZE 4096
#define STD_INPUT_HANDLE  ((DWORD)-10)
#define STD_OUTPUT_HANDLE ((DWORD)-11)
#define STD_ERROR_HANDLE  ((DWORD)-12)

FILE _iob[3] = {
    {NULL, 0, NULL, _IOREAD, 0, 0, 0, NULL},
    {NULL, 0, NULL, _IOWRT, 1, 0, 0, NULL},
    {NULL, 0, NULL, _IOWRT | _IONBF, 2, 0, 0, NULL},
};
static char StdoutBuffer[BUFFER_SIZE];

FILE *CDECL __iob_func(void)
{
    return _iob;
}

static HANDLE HandleOf(FILE *file)
{
    static const DWORD which[3] = {STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE};
    return file->_file >= 0 && file->_file < 3 ? GetStdHandle(which[file->_file]) : NULL;
}

static int WriteAll(FILE *file, const char *data, size_t length)
{
    while (length) {
        DWORD written = 0;
        if (!WriteFile(HandleOf(file), data, (DWORD)length, &written, NULL) || written == 0) {
            file->_flag |= _IOERR;
            return -1;
        }
        data += written;
        length -= written;
    }
    return 0;
}

int CDECL fflush(FILE *file)
{
    if (!file) {
        CrtFlushAll();
        return 0;
    }
    if ((file->_flag & _IOWRT) && file->_base && file->_ptr > file->_base) {
        size_t pending = (size_t)(file->_ptr - file->_base);
        file->_ptr = file->_base;
        file->_cnt = file->_bufsiz;
        return WriteAll(file, file->_base, pending) ? EOF : 0;
    }
    return 0;
}

void CrtFlushAll(void)
{
    for (int i = 0; i < 3; i++) {
        fflush(&_iob[i]);
    }
}

size_t CDECL fwrite(const void *data, size_t size, size_t count, FILE *file)
{
    size_t total = size * count;
    if (!size || !count) {
        return 0;
    }
    if (!(file->_flag & _IOWRT)) {
        file->_flag |= _IOERR;
        return 0;
    }
    if (file->_flag & _IONBF) {
        return WriteAll(file, data, total) ? 0 : count;
    }
    if (!file->_base) {
        file->_base = file->_ptr = StdoutBuffer;
        file->_bufsiz = file->_cnt = BUFFER_SIZE;
    }
    const char *p = data;
    size_t left = total;
    while (left) {
        if (file->_cnt == 0 && fflush(file)) {
            return (total - left) / size;
        }
        size_t n = left < (size_t)file->_cnt ? left : (size_t)file->_cnt;
        memcpy(file->_ptr, p, n);
        file->_ptr += n;
        file->_cnt -= (int)n;
        p += n;
        left -= n;
    }
    return count;
}

int CDECL fputc(int c, FILE *file)
{
    char ch = (char)c;
    return fwrite(&ch, 1, 1, file) == 1 ? (unsigned char)c : EOF;
}

int CDECL putc(int c, FILE *file) { return fputc(c, file); }
int CDECL putchar(int c) { return fputc(c, crt_stdout); }
int CDECL _flsbuf(int c, FILE *file) { return fputc(c, file); }

int CDECL fputs(const char *s, FILE *file)
{
    size_t n = strlen(s);
    return fwrite(s, 1, n, file) == n ? 0 : EOF;
}

int CDECL puts(const char *s)
{
    return fputs(s, crt_stdout) == 0 && fputc('\n', crt_stdout) != EOF ? 0 : EOF;
}

int CDECL fgetc(FILE *file)
{
    unsigned char c;
    DWORD read = 0;
    if (file->_file != 0 || !ReadFile(HandleOf(file), &c, 1, &read, NULL) || read == 0) {
        file->_flag |= _IOEOF;
        return EOF;
    }
    return c;
}

int CDECL getc(FILE *file) { return fgetc(file); }
int CDECL getchar(void) { return fgetc(crt_stdin); }

char *CDECL fgets(char *buffer, int size, FILE *file)
{
    int n = 0;
    while (n + 1 < size) {
        int c = fgetc(file);
        if (c == EOF) {
            break;
        }
        buffer[n++] = (char)c;
        if (c == '\n') {
            break;
        }
    }
    if (n == 0 && size > 1) {
        return NULL;
    }
    buffer[n] = 0;
    return buffer;
}

int CDECL ferror(FILE *file) { return file->_flag & _IOERR; }
int CDECL feof(FILE *file) { return file->_flag & _IOEOF; }
void CDECL clearerr(FILE *file) { file->_flag &= ~(_IOERR | _IOEOF); }
int CDECL _fileno(FILE *file) { return file->_file; }

int CDECL setvbuf(FILE *file, char *buffer, int mode, size_t size)
{
    (void)buffer;
    (void)size;
    fflush(file);
    if (mode == 4 /* _IONBF */) {
        file->_flag |= _IONBF;
    } else {
        file->_flag &= ~_IONBF;
    }
    return 0;
}

void CDECL setbuf(FILE *file, char *buffer)
{
    setvbuf(file, buffer, buffer ? 0 : 4, BUFFER_SIZE);
}

/* ------------------------------------------------ the printf family */
typedef struct FILE_SINK {
    FORMAT_SINK Sink;
    FILE *File;
} FILE_SINK;

static void PutToFile(FORMAT_SINK *sink, const char *text, size_t length)
{
    FILE_SINK *f = (FILE_SINK *)sink;
    if (fwrite(text, 1, length, f->File) != length) {
        sink->Failed = 1;
    }
}

int CDECL vfprintf(FILE *file, const char *format, va_list args)
{
    FILE_SINK sink = {{PutToFile, 0, 0}, file};
    return CrtFormat(&sink.Sink, format, args);
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

/* msvcrt's _vsnprintf: -1 when the output does not fit; exactly `size`
 * characters fit without the terminator, which is then not written. */
int CDECL _vsnprintf(char *buffer, size_t size, const char *format, va_list args)
{
    STRING_SINK sink = {{PutToString, 0, 0}, buffer, size, 0};
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
    STRING_SINK sink = {{PutToString, 0, 0}, buffer, size, 0};
    int n = CrtFormat(&sink.Sink, format, args);
    if (size) {
        buffer[(size_t)n < size ? (size_t)n : size - 1] = 0;
    }
    return n;
}

int CDECL vsprintf(char *buffer, const char *format, va_list args)
{
    STRING_SINK sink = {{PutToString, 0, 0}, buffer, (size_t)-1, 0};
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
