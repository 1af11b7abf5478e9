/*
 * Console I/O (conio.h). When standard input is the console (a terminal,
 * or ntmm run --console), _getch takes the next key from its input
 * buffer, unechoed, as msvcrt does: a key with a character gives it; an
 * extended key (arrows, Home, Delete...) gives 0xE0 and then its scan
 * code, another key without a character (F1...) 0 and then its scan
 * code; _kbhit says, without waiting, whether such a key is there.
 * Otherwise (standard input redirected) _getch reads one byte from it and
 * gives a line end as '\r', the code the Enter key has, and _kbhit is 0
 * (msvcrt's answer when there is no console to ask). _getche echoes with
 * _putch; _ungetch pushes one character back for the next _getch (a
 * second one is refused, EOF, as msvcrt refuses; _kbhit is nonzero while
 * one is pushed back). _putch and _cputs write to standard output past the
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

/* What a key event gives _getch: its character, or 0xE0 / 0 with the scan
 * code to follow; -2 for events that give nothing (key-ups, Shift...). */
static int KeyCode(const INPUT_RECORD *r, int *then)
{
    const KEY_EVENT_RECORD *k = &r->Event.KeyEvent;
    WORD vk = k->wVirtualKeyCode;
    if (r->EventType != KEY_EVENT || !k->bKeyDown || (vk >= 0x10 && vk <= 0x12)) {
        return -2;
    }
    if (k->uChar.AsciiChar) {
        return (unsigned char)k->uChar.AsciiChar;
    }
    if (!k->wVirtualScanCode) {
        return -2;
    }
    *then = k->wVirtualScanCode & 0xFF;
    return (k->dwControlKeyState & ENHANCED_KEY) ? 0xE0 : 0;
}

static BOOL IsConsole(HANDLE h)
{
    DWORD mode;
    return GetConsoleMode(h, &mode);
}

int CDECL _getch(void)
{
    if (Pushed != NO_CHARACTER) {
        int c = Pushed;
        Pushed = NO_CHARACTER;
        return c;
    }
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    if (IsConsole(in)) {
        INPUT_RECORD r;
        DWORD n;
        while (ReadConsoleInputA(in, &r, 1, &n) && n == 1) {
            int then = NO_CHARACTER, c = KeyCode(&r, &then);
            if (c != -2) {
                Pushed = then;
                return c;
            }
        }
        return EOF;
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
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    if (Pushed != NO_CHARACTER || !IsConsole(in)) {
        return Pushed != NO_CHARACTER;
    }
    INPUT_RECORD r[64];
    DWORD n = 0;
    if (!PeekConsoleInputA(in, r, 64, &n)) {
        return 0;
    }
    for (DWORD i = 0; i < n; i++) {
        int then;
        if (KeyCode(&r[i], &then) != -2) {
            return 1;
        }
    }
    return 0;
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
