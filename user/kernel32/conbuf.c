/*
 * Screen buffers: their size, cursor, attributes, window and palette
 * (GetConsoleScreenBufferInfo(Ex) and the Set calls), new ones and which
 * is shown (CreateConsoleScreenBuffer, SetConsoleActiveScreenBuffer), and
 * the font questions a console without a window answers with one fixed
 * font. The buffer itself is the console's (ke/console.c).
 */
#include "kernel32/conapi.h"

static BOOL GetInfo(HANDLE h, CONDRV_SCREEN_INFO *info)
{
    return BaseConsoleRequest(h, CondrvGetInfo, NULL, 0, info, sizeof *info, NULL);
}

static BOOL SetInfo(HANDLE h, CONDRV_SCREEN_INFO *info, ULONG what)
{
    info->Set = what;
    return BaseConsoleRequest(h, CondrvSetInfo, info, sizeof *info, NULL, 0, NULL);
}

BOOL WINAPI GetConsoleScreenBufferInfo(HANDLE h, CONSOLE_SCREEN_BUFFER_INFO *info)
{
    CONDRV_SCREEN_INFO i;
    if (!GetInfo(h, &i)) {
        return FALSE;
    }
    info->dwSize = (COORD){i.Width, i.Height};
    info->dwCursorPosition = (COORD){i.CursorX, i.CursorY};
    info->wAttributes = i.Attributes;
    info->srWindow = (SMALL_RECT){i.Left, i.Top, i.Right, i.Bottom};
    info->dwMaximumWindowSize = (COORD){i.MaximumWidth, i.MaximumHeight};
    return TRUE;
}

BOOL WINAPI GetConsoleScreenBufferInfoEx(HANDLE h, CONSOLE_SCREEN_BUFFER_INFOEX *info)
{
    if (info->cbSize != sizeof *info) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    CONDRV_SCREEN_INFO i;
    if (!GetInfo(h, &i)) {
        return FALSE;
    }
    info->dwSize = (COORD){i.Width, i.Height};
    info->dwCursorPosition = (COORD){i.CursorX, i.CursorY};
    info->wAttributes = i.Attributes;
    /* The Ex window's Right and Bottom are one past, as Windows gives them. */
    info->srWindow = (SMALL_RECT){i.Left, i.Top, (short)(i.Right + 1), (short)(i.Bottom + 1)};
    info->dwMaximumWindowSize = (COORD){i.MaximumWidth, i.MaximumHeight};
    info->wPopupAttributes = i.PopupAttributes;
    info->bFullscreenSupported = FALSE;
    memcpy(info->ColorTable, i.Colors, sizeof info->ColorTable);
    return TRUE;
}

BOOL WINAPI SetConsoleScreenBufferInfoEx(HANDLE h, CONSOLE_SCREEN_BUFFER_INFOEX *info)
{
    if (info->cbSize != sizeof *info) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    CONDRV_SCREEN_INFO i;
    if (!GetInfo(h, &i)) {
        return FALSE;
    }
    i.Width = info->dwSize.X;
    i.Height = info->dwSize.Y;
    i.CursorX = info->dwCursorPosition.X;
    i.CursorY = info->dwCursorPosition.Y;
    i.Attributes = info->wAttributes;
    i.PopupAttributes = info->wPopupAttributes;
    memcpy(i.Colors, info->ColorTable, sizeof i.Colors);
    return SetInfo(h, &i, CONDRV_SET_SIZE | CONDRV_SET_CURSOR | CONDRV_SET_ATTRIBUTES | CONDRV_SET_POPUP |
                              CONDRV_SET_COLORS);
}

BOOL WINAPI SetConsoleScreenBufferSize(HANDLE h, COORD size)
{
    CONDRV_SCREEN_INFO i;
    if (!GetInfo(h, &i)) {
        return FALSE;
    }
    i.Width = size.X;
    i.Height = size.Y;
    return SetInfo(h, &i, CONDRV_SET_SIZE);
}

BOOL WINAPI SetConsoleCursorPosition(HANDLE h, COORD at)
{
    CONDRV_SCREEN_INFO i;
    if (!GetInfo(h, &i)) {
        return FALSE;
    }
    i.CursorX = at.X;
    i.CursorY = at.Y;
    return SetInfo(h, &i, CONDRV_SET_CURSOR);
}

BOOL WINAPI SetConsoleTextAttribute(HANDLE h, WORD attributes)
{
    CONDRV_SCREEN_INFO i;
    if (!GetInfo(h, &i)) {
        return FALSE;
    }
    i.Attributes = attributes;
    return SetInfo(h, &i, CONDRV_SET_ATTRIBUTES);
}

BOOL WINAPI GetConsoleCursorInfo(HANDLE h, CONSOLE_CURSOR_INFO *info)
{
    CONDRV_SCREEN_INFO i;
    if (!GetInfo(h, &i)) {
        return FALSE;
    }
    info->dwSize = i.CursorSize;
    info->bVisible = i.CursorVisible != 0;
    return TRUE;
}

BOOL WINAPI SetConsoleCursorInfo(HANDLE h, const CONSOLE_CURSOR_INFO *info)
{
    CONDRV_SCREEN_INFO i;
    if (!GetInfo(h, &i)) {
        return FALSE;
    }
    i.CursorSize = info->dwSize;
    i.CursorVisible = info->bVisible != 0;
    return SetInfo(h, &i, CONDRV_SET_CURSOR_INFO);
}

/* The window: absolute, or moved by the rectangle's values. */
BOOL WINAPI SetConsoleWindowInfo(HANDLE h, BOOL absolute, const SMALL_RECT *window)
{
    CONDRV_SCREEN_INFO i;
    if (!window) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!GetInfo(h, &i)) {
        return FALSE;
    }
    SMALL_RECT w = *window;
    if (!absolute) {
        w = (SMALL_RECT){(short)(i.Left + w.Left), (short)(i.Top + w.Top), (short)(i.Right + w.Right),
                         (short)(i.Bottom + w.Bottom)};
    }
    /* No larger than the largest window the console has. */
    if (w.Right - w.Left + 1 > i.MaximumWidth || w.Bottom - w.Top + 1 > i.MaximumHeight) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    i.Left = w.Left;
    i.Top = w.Top;
    i.Right = w.Right;
    i.Bottom = w.Bottom;
    return SetInfo(h, &i, CONDRV_SET_WINDOW);
}

COORD WINAPI GetLargestConsoleWindowSize(HANDLE h)
{
    CONDRV_SCREEN_INFO i;
    if (!GetInfo(h, &i)) {
        return (COORD){0, 0};
    }
    return (COORD){i.MaximumWidth, i.MaximumHeight};
}

#define CONSOLE_TEXTMODE_BUFFER 1

HANDLE WINAPI CreateConsoleScreenBuffer(DWORD access, DWORD share, const SECURITY_ATTRIBUTES *sa,
                                        DWORD flags, void *data)
{
    (void)share;
    if (flags != CONSOLE_TEXTMODE_BUFFER || data) {
        SetLastError(ERROR_INVALID_PARAMETER); /* graphics buffers need a window */
        return INVALID_HANDLE_VALUE;
    }
    HANDLE connection = BaseConsoleConnection();
    if (!connection) {
        SetLastError(ERROR_INVALID_HANDLE);
        return INVALID_HANDLE_VALUE;
    }
    ULONG request[2] = {access, sa && sa->bInheritHandle}, handle;
    if (!BaseConsoleRequest(connection, CondrvCreateScreen, request, sizeof request, &handle, sizeof handle, NULL)) {
        return INVALID_HANDLE_VALUE;
    }
    return (HANDLE)(ULONG_PTR)handle;
}

BOOL WINAPI SetConsoleActiveScreenBuffer(HANDLE h)
{
    return BaseConsoleRequest(h, CondrvSetActive, NULL, 0, NULL, 0, NULL);
}

/* The one font: 8 by 16 pixels, "Consolas", as a window would have it. */
BOOL WINAPI GetCurrentConsoleFont(HANDLE h, BOOL maximum, CONSOLE_FONT_INFO *info)
{
    CONDRV_SCREEN_INFO i;
    if (!GetInfo(h, &i)) {
        return FALSE;
    }
    info->nFont = 0;
    /* Asked for the largest, Windows answers with the largest window in
     * cells, not a font's pixels. */
    info->dwFontSize = maximum ? (COORD){i.MaximumWidth, i.MaximumHeight} : (COORD){8, 16};
    return TRUE;
}

BOOL WINAPI GetCurrentConsoleFontEx(HANDLE h, BOOL maximum, CONSOLE_FONT_INFOEX *info)
{
    if (info->cbSize != sizeof *info) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    CONSOLE_FONT_INFO font;
    if (!GetCurrentConsoleFont(h, maximum, &font)) {
        return FALSE;
    }
    info->nFont = font.nFont;
    info->dwFontSize = font.dwFontSize;
    info->FontFamily = 0x36; /* FF_MODERN | TMPF_VECTOR | TMPF_TRUETYPE */
    info->FontWeight = 400;
    memset(info->FaceName, 0, sizeof info->FaceName);
    memcpy(info->FaceName, L"Consolas", sizeof L"Consolas");
    return TRUE;
}

BOOL WINAPI SetCurrentConsoleFontEx(HANDLE h, BOOL maximum, CONSOLE_FONT_INFOEX *info)
{
    CONSOLE_FONT_INFO font;
    if (info->cbSize != sizeof *info) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return GetCurrentConsoleFont(h, maximum, &font); /* the one font stays */
}

COORD WINAPI GetConsoleFontSize(HANDLE h, DWORD font)
{
    CONSOLE_FONT_INFO info;
    if (!GetCurrentConsoleFont(h, FALSE, &info)) {
        return (COORD){0, 0};
    }
    if (font != 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return (COORD){0, 0};
    }
    return info.dwFontSize;
}
