/*
 * Console I/O (conio.h) on ntmm's console, which is the host's standard
 * input and output: _getch reads one byte from standard input, unechoed
 * (the host terminal's own line editing still applies: ntmm cannot put it
 * in raw mode), and gives a line end as '\r', the code the Enter key has
 * on a Windows console; _getche echoes it with _putch; _ungetch pushes
 * one character back for the next _getch (a second one is refused, EOF,
 * as msvcrt refuses); _kbhit never waits: it is nonzero when a character
 * was pushed back, and otherwise 0, because ntmm cannot ask the host
 * whether a key is waiting (msvcrt's own answer is 0 when standard input
 * is not a console). _putch and _cputs write to standard output past the
 * stdio buffers, _cgets reads a line into msvcrt's length-prefixed buffer.
 */
#include "msvcrt/crtfill.h"

#define NO_CHARACTER (-1)

static int Pushed = NO_CHARACTER;

static int ReadByte(void)
{
    unsigned char byte;
    DWORD got = 0;
    if (!ReadFile(GetStdHandle(STD_INPUT_HANDLE), &byte, 1, &got, NULL) || got != 1) {
        return EOF;
    }
    return byte;
}

int CDECL _getch(void)
{
    if (Pushed != NO_CHARACTER) {
        int c = Pushed;
        Pushed = NO_CHARACTER;
        return c;
    }
    int c = ReadByte();
    return c == '\n' ? '\r' : c;
}

int CDECL _putch(int c)
{
    unsigned char byte = (unsigned char)c;
    DWORD written = 0;
    if (!WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), &byte, 1, &written, NULL) || written != 1) {
        return EOF;
    }
    return byte;
}

int CDECL _getche(void)
{
    int c = _getch();
    if (c != EOF) {
        _putch(c);
    }
    return c;
}

int CDECL _ungetch(int c)
{
    if (c == EOF || Pushed != NO_CHARACTER) {
        return EOF;
    }
    Pushed = c & 0xFF;
    return Pushed;
}

int CDECL _kbhit(void)
{
    return Pushed != NO_CHARACTER;
}

int CDECL _cputs(const char *s)
{
    DWORD length = (DWORD)strlen(s), written = 0;
    if (!WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), s, length, &written, NULL) || written != length) {
        return -1;
    }
    return 0;
}

/* buffer[0]: the most characters to read; buffer[1] gets how many were;
 * the text, terminated, from buffer + 2, which is returned. Reading stops
 * at the line end (not stored; CR LF counts once) or when buffer[0]
 * characters are in (Microsoft's _cgets docs). */
char *CDECL _cgets(char *buffer)
{
    int room = (unsigned char)buffer[0];
    int n = 0;
    while (n < room) {
        int c = Pushed != NO_CHARACTER ? _getch() : ReadByte();
        if (c == '\r') {
            int next = ReadByte();
            if (next != '\n' && next != EOF) {
                Pushed = next;
            }
            break;
        }
        if (c == EOF || c == '\n') {
            break;
        }
        buffer[2 + n++] = (char)c;
    }
    buffer[1] = (char)n;
    buffer[2 + n] = 0;
    return buffer + 2;
}

/* ---------------------------------------------------------- wide */
/* The wide forms: a character read is its byte's (the C locale's
 * mapping); a character written goes as UTF-16 to a console
 * (WriteConsoleW, which the host terminal shows as UTF-8) and otherwise
 * as its ANSI code page byte. */
#define WEOF_ ((wint_t)0xFFFF)

wint_t CDECL _getwch(void)
{
    int c = _getch();
    return c == EOF ? WEOF_ : (wint_t)c;
}

wint_t CDECL _putwch(wint_t c)
{
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    WCHAR w = c;
    DWORD written = 0;
    if (WriteConsoleW(out, &w, 1, &written, NULL) && written == 1) {
        return c;
    }
    char bytes[8];
    int n = WideCharToMultiByte(CP_ACP, 0, &w, 1, bytes, sizeof bytes, NULL, NULL);
    if (n <= 0 || !WriteFile(out, bytes, (DWORD)n, &written, NULL) || written != (DWORD)n) {
        return WEOF_;
    }
    return c;
}

wint_t CDECL _getwche(void)
{
    wint_t c = _getwch();
    if (c != WEOF_) {
        _putwch(c);
    }
    return c;
}

wint_t CDECL _ungetwch(wint_t c)
{
    if (c == WEOF_ || c > 0xFF) {
        return WEOF_;
    }
    return _ungetch(c) == EOF ? WEOF_ : c;
}

int CDECL _cputws(const WCHAR *s)
{
    for (; *s; s++) {
        if (_putwch(*s) == WEOF_) {
            return -1;
        }
    }
    return 0;
}

/* _cprintf and _cwprintf (and their v forms): printf's engine, straight
 * to the console. */
static void PutToConsole(FORMAT_SINK *sink, const char *text, size_t length)
{
    DWORD written = 0;
    if (!WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, (DWORD)length, &written, NULL) || written != length) {
        sink->Failed = 1;
    }
}

static void PutWideToConsole(FORMAT_SINK *sink, const WCHAR *text, size_t length)
{
    for (size_t i = 0; i < length && !sink->Failed; i++) {
        if (_putwch(text[i]) == WEOF_) {
            sink->Failed = 1;
        }
    }
}

int CDECL _vcprintf(const char *format, va_list args)
{
    FORMAT_SINK sink = {PutToConsole, 0, 0, NULL};
    return CrtFormat(&sink, format, args);
}

int CDECL _vcwprintf(const WCHAR *format, va_list args)
{
    FORMAT_SINK sink = {NULL, 0, 0, PutWideToConsole};
    return CrtFormatWide(&sink, format, args);
}

int CDECL _cprintf(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = _vcprintf(format, args);
    va_end(args);
    return n;
}

int CDECL _cwprintf(const WCHAR *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = _vcwprintf(format, args);
    va_end(args);
    return n;
}
