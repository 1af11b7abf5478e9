/*
 * The cells of a screen buffer, without moving its cursor: rectangles of
 * CHAR_INFO (WriteConsoleOutput, ReadConsoleOutput), runs of characters
 * or attributes along the rows (Write/ReadConsoleOutputCharacter and
 * Attribute, FillConsoleOutput*), and ScrollConsoleScreenBuffer. A run
 * stops at the end of the buffer; a rectangle is clipped to the buffer and
 * to the caller's array, and lpRegion says what was done (Microsoft's
 * WriteConsoleOutput). The A calls' characters are in the output code
 * page. The terminal shows what changes in the active buffer
 * (ke/console.c).
 */
#include "kernel32/conapi.h"

/* The rectangle region of the array (size, from) is clipped to the
 * array, then to the buffer: FALSE when nothing of it is left. An empty
 * region, or from outside the array, is ERROR_INVALID_PARAMETER (*ok
 * FALSE); a region wholly past the buffer's end is left as it was. */
static BOOL Clip(HANDLE console, SMALL_RECT *region, COORD size, COORD *from, BOOL *ok)
{
    CONSOLE_SCREEN_BUFFER_INFO info;
    *ok = GetConsoleScreenBufferInfo(console, &info);
    if (!*ok) {
        return FALSE;
    }
    SMALL_RECT r = *region;
    if (r.Left > r.Right || r.Top > r.Bottom || from->X < 0 || from->Y < 0 || from->X >= size.X ||
        from->Y >= size.Y) {
        SetLastError(ERROR_INVALID_PARAMETER);
        *ok = FALSE;
        return FALSE;
    }
    if (r.Right - r.Left >= size.X - from->X) {
        r.Right = (short)(r.Left + size.X - from->X - 1);
    }
    if (r.Bottom - r.Top >= size.Y - from->Y) {
        r.Bottom = (short)(r.Top + size.Y - from->Y - 1);
    }
    if (r.Left >= info.dwSize.X || r.Top >= info.dwSize.Y || r.Right < 0 || r.Bottom < 0) {
        *region = r;
        return FALSE;
    }
    if (r.Left < 0) {
        from->X = (short)(from->X - r.Left);
        r.Left = 0;
    }
    if (r.Top < 0) {
        from->Y = (short)(from->Y - r.Top);
        r.Top = 0;
    }
    if (r.Right >= info.dwSize.X) {
        r.Right = (short)(info.dwSize.X - 1);
    }
    if (r.Bottom >= info.dwSize.Y) {
        r.Bottom = (short)(info.dwSize.Y - 1);
    }
    *region = r;
    return TRUE;
}

static WCHAR Widen(char c)
{
    WCHAR w = (unsigned char)c;
    MultiByteToWideChar(GetConsoleOutputCP(), 0, &c, 1, &w, 1);
    return w;
}

static char Narrow(WCHAR w)
{
    char c = '?';
    WideCharToMultiByte(GetConsoleOutputCP(), 0, &w, 1, &c, 1, NULL, NULL);
    return c;
}

static BOOL Cells(HANDLE console, CHAR_INFO *cells, COORD size, COORD from, SMALL_RECT *region, BOOL write,
                  BOOL wide)
{
    BOOL ok;
    if (!cells || !region) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!Clip(console, region, size, &from, &ok)) {
        return ok;
    }
    SMALL_RECT r = *region;
    ULONG width = (ULONG)(r.Right - r.Left + 1), rows = (ULONG)(r.Bottom - r.Top + 1);
    ULONG length = sizeof r + width * rows * sizeof(CHAR_INFO);
    BYTE *request = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, length);
    if (!request) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    memcpy(request, &r, sizeof r);
    CHAR_INFO *packed = (CHAR_INFO *)(request + sizeof r);
    for (ULONG y = 0; write && y < rows; y++) {
        for (ULONG x = 0; x < width; x++) {
            CHAR_INFO c = cells[(from.Y + y) * (ULONG)size.X + from.X + x];
            if (!wide) {
                c.Char.UnicodeChar = Widen(c.Char.AsciiChar);
            }
            packed[y * width + x] = c;
        }
    }
    ok = write ? BaseConsoleRequest(console, CondrvWriteCells, request, length, NULL, 0, NULL)
               : BaseConsoleRequest(console, CondrvReadCells, &r, sizeof r, packed, width * rows * sizeof(CHAR_INFO), NULL);
    for (ULONG y = 0; ok && !write && y < rows; y++) {
        for (ULONG x = 0; x < width; x++) {
            CHAR_INFO c = packed[y * width + x];
            if (!wide) {
                WCHAR w = c.Char.UnicodeChar;
                c.Char.UnicodeChar = 0;
                c.Char.AsciiChar = Narrow(w);
            }
            cells[(from.Y + y) * (ULONG)size.X + from.X + x] = c;
        }
    }
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, request);
    return ok;
}

BOOL WINAPI WriteConsoleOutputA(HANDLE console, const CHAR_INFO *cells, COORD size, COORD from,
                                SMALL_RECT *region)
{
    return Cells(console, (CHAR_INFO *)cells, size, from, region, TRUE, FALSE);
}

BOOL WINAPI WriteConsoleOutputW(HANDLE console, const CHAR_INFO *cells, COORD size, COORD from,
                                SMALL_RECT *region)
{
    return Cells(console, (CHAR_INFO *)cells, size, from, region, TRUE, TRUE);
}

BOOL WINAPI ReadConsoleOutputA(HANDLE console, CHAR_INFO *cells, COORD size, COORD from, SMALL_RECT *region)
{
    return Cells(console, cells, size, from, region, FALSE, FALSE);
}

BOOL WINAPI ReadConsoleOutputW(HANDLE console, CHAR_INFO *cells, COORD size, COORD from, SMALL_RECT *region)
{
    return Cells(console, cells, size, from, region, FALSE, TRUE);
}

/* A run of count items (WCHARs or attributes) written from at: {kind, at, items}. */
static BOOL WriteRun(HANDLE console, ULONG kind, const WORD *items, DWORD count, COORD at, DWORD *written)
{
    if (!written) {
        SetLastError(ERROR_INVALID_ACCESS);
        return FALSE;
    }
    *written = 0;
    if (count && !items) {
        SetLastError(ERROR_INVALID_ACCESS);
        return FALSE;
    }
    if (count > 0x100000) {
        count = 0x100000; /* more than any buffer holds */
    }
    ULONG length = 8 + count * sizeof(WORD);
    BYTE *request = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, length);
    if (!request) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    memcpy(request, &kind, 4);
    memcpy(request + 4, &at, 4);
    memcpy(request + 8, items, count * sizeof(WORD));
    ULONG done = 0;
    BOOL ok = BaseConsoleRequest(console, CondrvWriteString, request, length, &done, sizeof done, NULL);
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, request);
    *written = ok ? done : 0;
    return ok;
}

BOOL WINAPI WriteConsoleOutputCharacterW(HANDLE console, const WCHAR *text, DWORD count, COORD at,
                                         DWORD *written)
{
    return WriteRun(console, 0, text, count, at, written);
}

BOOL WINAPI WriteConsoleOutputAttribute(HANDLE console, const WORD *attributes, DWORD count, COORD at,
                                        DWORD *written)
{
    return WriteRun(console, 1, attributes, count, at, written);
}

BOOL WINAPI WriteConsoleOutputCharacterA(HANDLE console, const char *text, DWORD count, COORD at,
                                         DWORD *written)
{
    if (!written || (count && !text)) {
        SetLastError(ERROR_INVALID_ACCESS);
        return FALSE;
    }
    int n = count ? MultiByteToWideChar(GetConsoleOutputCP(), 0, text, (int)count, NULL, 0) : 0;
    WCHAR *wide = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, ((SIZE_T)n + 1) * sizeof(WCHAR));
    if (!wide) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    if (n) {
        MultiByteToWideChar(GetConsoleOutputCP(), 0, text, (int)count, wide, n);
    }
    BOOL ok = WriteRun(console, 0, wide, (DWORD)n, at, written);
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, wide);
    return ok;
}

static BOOL Fill(HANDLE console, ULONG kind, WORD value, DWORD count, COORD at, DWORD *written)
{
    if (!written) {
        SetLastError(ERROR_INVALID_ACCESS);
        return FALSE;
    }
    ULONG request[4] = {kind, 0, count, value}, done = 0;
    memcpy(&request[1], &at, 4);
    BOOL ok = BaseConsoleRequest(console, CondrvFill, request, sizeof request, &done, sizeof done, NULL);
    *written = ok ? done : 0;
    return ok;
}

BOOL WINAPI FillConsoleOutputCharacterW(HANDLE console, WCHAR c, DWORD count, COORD at, DWORD *written)
{
    return Fill(console, 0, c, count, at, written);
}

BOOL WINAPI FillConsoleOutputCharacterA(HANDLE console, char c, DWORD count, COORD at, DWORD *written)
{
    return Fill(console, 0, Widen(c), count, at, written);
}

BOOL WINAPI FillConsoleOutputAttribute(HANDLE console, WORD attributes, DWORD count, COORD at,
                                       DWORD *written)
{
    return Fill(console, 1, attributes, count, at, written);
}

static BOOL ReadRun(HANDLE console, ULONG kind, WORD *items, DWORD count, COORD at, DWORD *read)
{
    if (!read || (count && !items)) {
        SetLastError(ERROR_INVALID_ACCESS);
        return FALSE;
    }
    *read = 0;
    if (count > 0x100000) {
        count = 0x100000;
    }
    ULONG request[3] = {kind, 0, count}, got = 0;
    memcpy(&request[1], &at, 4);
    BOOL ok = BaseConsoleRequest(console, CondrvReadString, request, sizeof request, items,
                                 count * sizeof(WORD), &got);
    *read = ok ? got / sizeof(WORD) : 0;
    return ok;
}

BOOL WINAPI ReadConsoleOutputCharacterW(HANDLE console, WCHAR *text, DWORD count, COORD at, DWORD *read)
{
    return ReadRun(console, 0, text, count, at, read);
}

BOOL WINAPI ReadConsoleOutputAttribute(HANDLE console, WORD *attributes, DWORD count, COORD at, DWORD *read)
{
    return ReadRun(console, 1, attributes, count, at, read);
}

BOOL WINAPI ReadConsoleOutputCharacterA(HANDLE console, char *text, DWORD count, COORD at, DWORD *read)
{
    if (!read || (count && !text)) {
        SetLastError(ERROR_INVALID_ACCESS);
        return FALSE;
    }
    WCHAR *wide = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, ((SIZE_T)count + 1) * sizeof(WCHAR));
    if (!wide) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    BOOL ok = ReadRun(console, 0, wide, count, at, read);
    for (DWORD i = 0; ok && i < *read; i++) {
        text[i] = Narrow(wide[i]);
    }
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, wide);
    return ok;
}

static BOOL Scroll(HANDLE console, const SMALL_RECT *scroll, const SMALL_RECT *clip, COORD to, CHAR_INFO fill)
{
    if (!scroll) {
        SetLastError(ERROR_INVALID_ACCESS);
        return FALSE;
    }
    struct {
        SMALL_RECT Scroll, Clip;
        ULONG HasClip;
        COORD To;
        CHAR_INFO Fill;
    } request = {*scroll, clip ? *clip : (SMALL_RECT){0, 0, 0, 0}, clip != NULL, to, fill};
    return BaseConsoleRequest(console, CondrvScroll, &request, sizeof request, NULL, 0, NULL);
}

BOOL WINAPI ScrollConsoleScreenBufferW(HANDLE console, const SMALL_RECT *scroll, const SMALL_RECT *clip, COORD to,
                                       const CHAR_INFO *fill)
{
    if (!fill) {
        SetLastError(ERROR_INVALID_ACCESS);
        return FALSE;
    }
    return Scroll(console, scroll, clip, to, *fill);
}

BOOL WINAPI ScrollConsoleScreenBufferA(HANDLE console, const SMALL_RECT *scroll, const SMALL_RECT *clip, COORD to,
                                       const CHAR_INFO *fill)
{
    if (!fill) {
        SetLastError(ERROR_INVALID_ACCESS);
        return FALSE;
    }
    CHAR_INFO wide = *fill;
    wide.Char.UnicodeChar = Widen(fill->Char.AsciiChar);
    return Scroll(console, scroll, clip, to, wide);
}
