/*
 * WriteConsoleOutputA/W: a rectangle of CHAR_INFO cells into the screen
 * buffer, without moving the cursor. ntmm's console is the host's
 * terminal (console.c), whose screen is the buffer GetConsoleScreenBufferInfo
 * describes (80 columns, 25 rows): the rectangle is clipped to it and to
 * the cells lpBuffer has past dwBufferCoord, each of its rows is written
 * at its place with the terminal's cursor-position sequence, between a
 * save and a restore of the cursor, and lpWriteRegion is set to the
 * rectangle written (Microsoft's WriteConsoleOutput). The attributes are
 * not shown, as SetConsoleTextAttribute's are not. A handle that is not a
 * console's output: ERROR_INVALID_HANDLE.
 */
#include "kernel32/kernel32.h"

#define CP_UTF8 65001

/* "ESC[row;colH" (1-based) into out; its length. */
static int CursorTo(char *out, int row, int column)
{
    int n = 0;
    int values[2] = {row + 1, column + 1};
    out[n++] = 0x1B;
    out[n++] = '[';
    for (int i = 0; i < 2; i++) {
        char digits[8];
        int d = 0;
        for (int v = values[i]; v || !d; v /= 10) {
            digits[d++] = (char)('0' + v % 10);
        }
        while (d) {
            out[n++] = digits[--d];
        }
        out[n++] = i ? 'H' : ';';
    }
    return n;
}

static BOOL WriteCells(HANDLE console, const CHAR_INFO *cells, COORD size, COORD from,
                       SMALL_RECT *region, BOOL wide)
{
    CONSOLE_SCREEN_BUFFER_INFO info;
    if (!GetConsoleScreenBufferInfo(console, &info)) {
        return FALSE;
    }
    if (!cells || !region) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    /* Clip to the screen, then to the cells the buffer has. */
    SMALL_RECT r = *region;
    if (r.Left < 0) {
        from.X = (short)(from.X - r.Left);
        r.Left = 0;
    }
    if (r.Top < 0) {
        from.Y = (short)(from.Y - r.Top);
        r.Top = 0;
    }
    if (r.Right >= info.dwSize.X) {
        r.Right = (short)(info.dwSize.X - 1);
    }
    if (r.Bottom >= info.dwSize.Y) {
        r.Bottom = (short)(info.dwSize.Y - 1);
    }
    if (r.Right - r.Left >= size.X - from.X) {
        r.Right = (short)(r.Left + size.X - from.X - 1);
    }
    if (r.Bottom - r.Top >= size.Y - from.Y) {
        r.Bottom = (short)(r.Top + size.Y - from.Y - 1);
    }
    *region = r;
    if (r.Right < r.Left || r.Bottom < r.Top || from.X < 0 || from.Y < 0) {
        return TRUE; /* nothing of it is on the screen */
    }
    char text[16 + 4 * 80];
    DWORD written;
    WriteFile(console, "\x1b" "7", 2, &written, NULL);
    for (int row = r.Top; row <= r.Bottom; row++) {
        int n = CursorTo(text, row, r.Left);
        const CHAR_INFO *cell = cells + (size_t)(from.Y + row - r.Top) * (size_t)size.X + (size_t)from.X;
        for (int column = r.Left; column <= r.Right && n < (int)sizeof text - 4; column++, cell++) {
            if (wide) {
                n += WideCharToMultiByte(CP_UTF8, 0, &cell->Char.UnicodeChar, 1, text + n, 4, NULL, NULL);
            } else {
                text[n++] = cell->Char.AsciiChar;
            }
        }
        WriteFile(console, text, (DWORD)n, &written, NULL);
    }
    WriteFile(console, "\x1b" "8", 2, &written, NULL);
    return TRUE;
}

BOOL WINAPI WriteConsoleOutputA(HANDLE console, const CHAR_INFO *cells, COORD size, COORD from,
                                SMALL_RECT *region)
{
    return WriteCells(console, cells, size, from, region, FALSE);
}

BOOL WINAPI WriteConsoleOutputW(HANDLE console, const CHAR_INFO *cells, COORD size, COORD from,
                                SMALL_RECT *region)
{
    return WriteCells(console, cells, size, from, region, TRUE);
}
