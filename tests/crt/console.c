/* The console as Windows has it (Microsoft's console documentation; the
 * evidence is Wine 8.0's dlls/kernel32/tests/console.c, cited by line).
 * Run with standard output redirected (the test harness's file): the
 * console has no keyboard then, the program feeds its input itself. With
 * the argument "console" it is run under ntmm's --console with standard
 * input from console.input: the host's streams are the console, and the
 * file's bytes are its keys.
 * Everything on the screen is checked in a screen buffer of its own (not
 * the one shown), so nothing depends on the host's terminal. */
#include <conio.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

static int failures;

static void check(const char *what, int ok)
{
    printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    failures += !ok;
}

static WCHAR cell(HANDLE h, SHORT x, SHORT y)
{
    WCHAR c = 0;
    DWORD n;
    COORD at = {x, y};
    ReadConsoleOutputCharacterW(h, &c, 1, at, &n);
    return c;
}

static WORD attribute(HANDLE h, SHORT x, SHORT y)
{
    WORD a = 0;
    DWORD n;
    COORD at = {x, y};
    ReadConsoleOutputAttribute(h, &a, 1, at, &n);
    return a;
}

static COORD cursor(HANDLE h)
{
    CONSOLE_SCREEN_BUFFER_INFO info;
    GetConsoleScreenBufferInfo(h, &info);
    return info.dwCursorPosition;
}

static INPUT_RECORD key(WCHAR c, WORD vk)
{
    INPUT_RECORD r;
    memset(&r, 0, sizeof r);
    r.EventType = KEY_EVENT;
    r.Event.KeyEvent.bKeyDown = TRUE;
    r.Event.KeyEvent.wRepeatCount = 1;
    r.Event.KeyEvent.wVirtualKeyCode = vk;
    r.Event.KeyEvent.uChar.UnicodeChar = c;
    return r;
}

/* A standard handle redirected to a file is no console's. */
static void redirected(void)
{
    DWORD mode;
    SetLastError(0xdeadbeef);
    check("stdout (a file): GetConsoleMode fails with ERROR_INVALID_HANDLE",
          !GetConsoleMode(GetStdHandle(STD_OUTPUT_HANDLE), &mode) && GetLastError() == ERROR_INVALID_HANDLE);
    CONSOLE_SCREEN_BUFFER_INFO info;
    SetLastError(0xdeadbeef);
    check("stdout (a file): GetConsoleScreenBufferInfo fails the same way",
          !GetConsoleScreenBufferInfo(GetStdHandle(STD_OUTPUT_HANDLE), &info) &&
              GetLastError() == ERROR_INVALID_HANDLE);
}

/* Text through a screen buffer: processing, wrapping, scrolling. */
static void screen(HANDLE out)
{
    CONSOLE_SCREEN_BUFFER_INFO info;
    DWORD n, mode;
    check("a new buffer: 80x25, cursor at 0,0, light grey on black",
          GetConsoleScreenBufferInfo(out, &info) && info.dwSize.X == 80 && info.dwSize.Y == 25 &&
              info.dwCursorPosition.X == 0 && info.dwCursorPosition.Y == 0 && info.wAttributes == 7);
    check("its mode: processed output and wrapping at the end of a line",
          GetConsoleMode(out, &mode) && mode == (ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT));
    check("a screen buffer is never signaled", WaitForSingleObject(out, 0) == WAIT_TIMEOUT);

    /* Processed: TAB to the next multiple of 8, LF to the next line's
     * start, BS back one column (console.c:170-230). */
    SetConsoleTextAttribute(out, FOREGROUND_RED | BACKGROUND_BLUE);
    check("WriteConsoleA \"ab\\tc\\nxy\\bz\"", WriteConsoleA(out, "ab\tc\nxy\bz", 9, &n, NULL) && n == 9);
    check("c at column 8 in the attributes set", cell(out, 8, 0) == 'c' && attribute(out, 8, 0) == 0x14);
    check("the tab's columns are blanks in them too", cell(out, 5, 0) == ' ' && attribute(out, 5, 0) == 0x14);
    check("xz on the next line, the cursor after it",
          cell(out, 0, 1) == 'x' && cell(out, 1, 1) == 'z' && cursor(out).X == 2 && cursor(out).Y == 1);

    /* Wrapping: the character in the last column sends the cursor on. */
    COORD at = {78, 2};
    SetConsoleCursorPosition(out, at);
    WriteConsoleA(out, "123", 3, &n, NULL);
    check("wrapped: 3 at the start of the next line",
          cell(out, 79, 2) == '2' && cell(out, 0, 3) == '3' && cursor(out).X == 1 && cursor(out).Y == 3);

    /* Without wrapping, the rest goes over the write's own cells again
     * (console.c:417-427). */
    SetConsoleMode(out, ENABLE_PROCESSED_OUTPUT);
    at.X = 77, at.Y = 4;
    SetConsoleCursorPosition(out, at);
    WriteConsoleA(out, "abcd", 4, &n, NULL);
    check("unwrapped: d over a at column 77",
          cell(out, 77, 4) == 'd' && cell(out, 78, 4) == 'b' && cell(out, 79, 4) == 'c' && cell(out, 0, 5) == ' ');
    SetConsoleMode(out, ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT);

    /* Past the last line the buffer scrolls up a line. */
    at.X = 0, at.Y = 24;
    SetConsoleCursorPosition(out, at);
    WriteConsoleW(out, L"last\n", 5, &n, NULL);
    check("a line feed on the last line scrolls: last is on line 23",
          cell(out, 0, 23) == 'l' && cell(out, 3, 23) == 't' && cursor(out).Y == 24 && cell(out, 0, 24) == ' ');
    check("and the first line went", cell(out, 8, 0) != 'c' && cell(out, 0, 0) == 'x');

    SetLastError(0xdeadbeef);
    at.X = 80, at.Y = 0;
    check("a cursor outside the buffer: ERROR_INVALID_PARAMETER",
          !SetConsoleCursorPosition(out, at) && GetLastError() == ERROR_INVALID_PARAMETER);
    COORD small = {10, 10};
    SetLastError(0xdeadbeef);
    check("a buffer smaller than its window: ERROR_INVALID_PARAMETER",
          !SetConsoleScreenBufferSize(out, small) && GetLastError() == ERROR_INVALID_PARAMETER);
    COORD tall = {80, 28};
    check("SetConsoleScreenBufferSize 80x28 (console.c:5049-5054)",
          SetConsoleScreenBufferSize(out, tall) && GetConsoleScreenBufferInfo(out, &info) && info.dwSize.Y == 28);
}

/* Cells without the cursor: runs, fills, rectangles, scrolling. */
static void cells(HANDLE out)
{
    DWORD n;
    COORD at = {78, 10};
    check("WriteConsoleOutputCharacterA runs on to the next row",
          WriteConsoleOutputCharacterA(out, "wxyz", 4, at, &n) && n == 4 && cell(out, 79, 10) == 'x' &&
              cell(out, 1, 11) == 'z');
    at.X = 79, at.Y = 27;
    check("and stops at the end of the buffer", WriteConsoleOutputCharacterA(out, "pqr", 3, at, &n) && n == 1);
    at.X = 0, at.Y = 12;
    check("FillConsoleOutputCharacterA 100 cells: to row 13 column 19",
          FillConsoleOutputCharacterA(out, '#', 100, at, &n) && n == 100 && cell(out, 19, 13) == '#' &&
              cell(out, 20, 13) != '#');
    check("FillConsoleOutputAttribute", FillConsoleOutputAttribute(out, 0x2E, 3, at, &n) && n == 3 &&
                                             attribute(out, 2, 12) == 0x2E && attribute(out, 3, 12) != 0x2E);
    WORD attrs[2] = {0x11, 0x22};
    check("WriteConsoleOutputAttribute", WriteConsoleOutputAttribute(out, attrs, 2, at, &n) && n == 2 &&
                                             attribute(out, 1, 12) == 0x22);
    char text[8] = {0};
    check("ReadConsoleOutputCharacterA", ReadConsoleOutputCharacterA(out, text, 3, at, &n) && n == 3 &&
                                             strcmp(text, "###") == 0);

    /* WriteConsoleOutput's rectangle (console.c:2608-2702). */
    CHAR_INFO block[6];
    for (int i = 0; i < 6; i++) {
        block[i].Char.UnicodeChar = (WCHAR)('A' + i);
        block[i].Attributes = 0x07;
    }
    COORD size = {3, 2}, from = {0, 0};
    SMALL_RECT region = {10, 15, 20, 20};
    check("WriteConsoleOutputW: clipped to the array, 3x2",
          WriteConsoleOutputW(out, block, size, from, &region) && region.Right == 12 && region.Bottom == 16 &&
              cell(out, 12, 15) == 'C' && cell(out, 10, 16) == 'D');
    region = (SMALL_RECT){10, 15, 9, 20};
    SetLastError(0xdeadbeef);
    check("an empty region: ERROR_INVALID_PARAMETER",
          !WriteConsoleOutputW(out, block, size, from, &region) && GetLastError() == ERROR_INVALID_PARAMETER);
    region = (SMALL_RECT){200, 7, 201, 8};
    check("a region past the buffer: TRUE, the region as it was",
          WriteConsoleOutputW(out, block, size, from, &region) && region.Left == 200 && region.Right == 201 &&
              region.Bottom == 8);
    CHAR_INFO back[6];
    region = (SMALL_RECT){10, 15, 12, 16};
    check("ReadConsoleOutputW gives the block back",
          ReadConsoleOutputW(out, back, size, from, &region) && back[5].Char.UnicodeChar == 'F');

    /* Scrolling a rectangle: the source moves, what it left is filled. */
    SMALL_RECT scroll = {10, 15, 12, 16};
    COORD to = {10, 14};
    CHAR_INFO fill = {{'.'}, 0x07};
    check("ScrollConsoleScreenBufferA up a row",
          ScrollConsoleScreenBufferA(out, &scroll, NULL, to, &fill) && cell(out, 10, 14) == 'A' &&
              cell(out, 10, 15) == 'D' && cell(out, 10, 16) == '.');
}

/* The input buffer, fed by the program (console.c:1850-2320). */
static void input(HANDLE in, HANDLE out)
{
    DWORD n, mode;
    check("CONIN$'s mode: processed, line, echo... (0x1F7)", GetConsoleMode(in, &mode) && mode == 0x1F7);
    FlushConsoleInputBuffer(in);
    check("an empty input buffer is not signaled", WaitForSingleObject(in, 0) == WAIT_TIMEOUT);
    check("WriteConsoleInputW of no events: TRUE, 0 written (console.c:2103-2106)",
          WriteConsoleInputW(in, NULL, 0, &n) && n == 0);
    INPUT_RECORD none[1];
    check("PeekConsoleInputW on the empty buffer: TRUE, 0 read", PeekConsoleInputW(in, none, 1, &n) && n == 0);
    INPUT_RECORD keys[4] = {key('h', 'H'), key('i', 'I'), key('\r', VK_RETURN), key('!', '1')};
    check("WriteConsoleInputW 4 events", WriteConsoleInputW(in, keys, 4, &n) && n == 4);
    check("GetNumberOfConsoleInputEvents 4", GetNumberOfConsoleInputEvents(in, &n) && n == 4);
    check("now it is signaled", WaitForSingleObject(in, 0) == WAIT_OBJECT_0);
    INPUT_RECORD got[4];
    check("PeekConsoleInputW leaves them",
          PeekConsoleInputW(in, got, 4, &n) && n == 4 && got[1].Event.KeyEvent.uChar.UnicodeChar == 'i' &&
              GetNumberOfConsoleInputEvents(in, &n) && n == 4);
    /* A line: up to Enter, with CR LF; what is left waits. */
    SetConsoleMode(in, ENABLE_PROCESSED_INPUT | ENABLE_LINE_INPUT);
    char line[16] = {0};
    check("ReadConsoleA reads the line: \"hi\\r\\n\"",
          ReadConsoleA(in, line, sizeof line, &n, NULL) && n == 4 && memcmp(line, "hi\r\n", 4) == 0);
    check("one event left", GetNumberOfConsoleInputEvents(in, &n) && n == 1);
    check("ReadConsoleInputA takes it: '!'",
          ReadConsoleInputA(in, got, 4, &n) && n == 1 && got[0].Event.KeyEvent.uChar.AsciiChar == '!');

    /* Mouse moves merge: one after another takes its place (console.c:1883-1902). */
    INPUT_RECORD move;
    memset(&move, 0, sizeof move);
    move.EventType = MOUSE_EVENT;
    move.Event.MouseEvent.dwEventFlags = MOUSE_MOVED;
    WriteConsoleInputA(in, &move, 1, &n);
    WriteConsoleInputA(in, &move, 1, &n);
    check("two mouse moves are one event", GetNumberOfConsoleInputEvents(in, &n) && n == 1);
    check("FlushFileBuffers empties the input (console.c:2295)",
          FlushFileBuffers(in) && GetNumberOfConsoleInputEvents(in, &n) && n == 0);
    SetLastError(0xdeadbeef);
    check("input calls on a screen buffer: ERROR_INVALID_HANDLE",
          !FlushConsoleInputBuffer(out) && GetLastError() == ERROR_INVALID_HANDLE);
    SetConsoleMode(in, 0x1F7);
}

/* The host's standard input as keys: console.input holds "ab", ESC [ A
 * (a terminal's Up), "C" and a line end. */
static void host_keys(HANDLE in)
{
    INPUT_RECORD r[16];
    DWORD n = 0, total = 0;
    while (total < 10 && ReadConsoleInputW(in, r + total, 16 - total, &n)) {
        total += n;
    }
    check("10 events: a key-down and a key-up for each of 5 keys", total == 10);
    KEY_EVENT_RECORD *k = &r[0].Event.KeyEvent;
    check("a: down, VK 'A', scan 0x1E, character 'a'",
          k->bKeyDown && k->wVirtualKeyCode == 'A' && k->wVirtualScanCode == 0x1E && k->uChar.UnicodeChar == 'a' &&
              k->dwControlKeyState == 0);
    check("then its key-up", !r[1].Event.KeyEvent.bKeyDown && r[1].Event.KeyEvent.wVirtualKeyCode == 'A');
    k = &r[4].Event.KeyEvent;
    check("ESC [ A: VK_UP, an enhanced key without a character",
          k->wVirtualKeyCode == VK_UP && k->uChar.UnicodeChar == 0 && (k->dwControlKeyState & ENHANCED_KEY));
    k = &r[6].Event.KeyEvent;
    check("C: VK 'C' with Shift", k->wVirtualKeyCode == 'C' && (k->dwControlKeyState & SHIFT_PRESSED));
    k = &r[8].Event.KeyEvent;
    check("the line end: VK_RETURN, '\\r'", k->wVirtualKeyCode == VK_RETURN && k->uChar.UnicodeChar == '\r');
    SetLastError(0xdeadbeef);
    check("the input has ended: ReadConsoleInput fails with ERROR_HANDLE_EOF",
          !ReadConsoleInputW(in, r, 1, &n) && GetLastError() == ERROR_HANDLE_EOF);
}

/* msvcrt's _getch on the console: a key's character, unechoed; an
 * extended key as 0xE0 then its scan code (Microsoft's _getch docs). */
static void getch_keys(HANDLE in)
{
    INPUT_RECORD keys[3] = {key('q', 'Q'), key(0, VK_UP), key(0, VK_SHIFT)};
    keys[1].Event.KeyEvent.wVirtualScanCode = 0x48;
    keys[1].Event.KeyEvent.dwControlKeyState = ENHANCED_KEY;
    DWORD n;
    WriteConsoleInputW(in, keys, 3, &n);
    check("_kbhit: a key is there", _kbhit() != 0);
    int q = _getch(), e0 = _getch(), scan = _getch();
    check("_getch: q, then Up as 0xE0 0x48", q == 'q' && e0 == 0xE0 && scan == 0x48);
    check("Shift alone is no key: _kbhit 0", _kbhit() == 0);
}

static void attachment(void)
{
    DWORD list[4];
    check("one process on the console", GetConsoleProcessList(list, 4) == 1 && list[0] == GetCurrentProcessId());
    check("no console window", GetConsoleWindow() == NULL);
    SetLastError(0xdeadbeef);
    check("AllocConsole with a console: ERROR_ACCESS_DENIED",
          !AllocConsole() && GetLastError() == ERROR_ACCESS_DENIED);
    check("FreeConsole", FreeConsole());
    SetLastError(0xdeadbeef);
    check("without one, GetConsoleCP is 0 with ERROR_INVALID_HANDLE (console.c:4103-4106)",
          GetConsoleCP() == 0 && GetLastError() == ERROR_INVALID_HANDLE);
    SetLastError(0xdeadbeef);
    HANDLE h = CreateFileA("CONOUT$", GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    check("and CONOUT$ does not open: ERROR_INVALID_HANDLE (console.c:4077-4080)",
          h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_HANDLE);
    check("AllocConsole: a new one", AllocConsole() && GetConsoleCP() == 437);
    DWORD mode;
    check("whose handles are the standard ones",
          GetConsoleMode(GetStdHandle(STD_INPUT_HANDLE), &mode) && GetConsoleMode(GetStdHandle(STD_OUTPUT_HANDLE), &mode));
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    HANDLE in = CreateFileA("CONIN$", GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    HANDLE out = CreateConsoleScreenBuffer(GENERIC_READ | GENERIC_WRITE, 0, NULL, CONSOLE_TEXTMODE_BUFFER, NULL);
    check("CONIN$ and a new screen buffer", in != INVALID_HANDLE_VALUE && out != INVALID_HANDLE_VALUE);
    check("both are character devices", GetFileType(in) == FILE_TYPE_CHAR && GetFileType(out) == FILE_TYPE_CHAR);
    if (argc > 1 && strcmp(argv[1], "console") == 0) {
        DWORD mode;
        check("--console: stdin and stdout are console handles",
              GetConsoleMode(GetStdHandle(STD_INPUT_HANDLE), &mode) &&
                  GetConsoleMode(GetStdHandle(STD_OUTPUT_HANDLE), &mode));
        host_keys(in);
        getch_keys(in);
        /* Text to the shown buffer reaches the host's stdout. */
        DWORD n;
        WriteConsoleW(GetStdHandle(STD_OUTPUT_HANDLE), L"caf\x00e9 on the console\n", 20, &n, NULL);
        return failures;
    }
    redirected();
    screen(out);
    cells(out);
    input(in, out);
    attachment();
    printf("%d failures\n", failures);
    return failures;
}
