/*
 * The requests on a screen buffer's cells and shape (consvc.c hands them
 * over): GetConsoleScreenBufferInfo(Ex) and the calls that set what it
 * shows (size, cursor, attributes, window, cursor size, palette), the
 * rectangles of WriteConsoleOutput and ReadConsoleOutput, the runs of
 * characters and attributes of Write/Read/FillConsoleOutput*, and
 * ScrollConsoleScreenBuffer. What changes in the active buffer is drawn on
 * the host's terminal (console.c).
 */
#include "ke/condrv.h"
#include "ke/conp.h"

#include <stdlib.h>
#include <string.h>

static bool InScreen(const KI_SCREEN *s, int x, int y)
{
    return x >= 0 && y >= 0 && x < s->Width && y < s->Height;
}

NTSTATUS KiConsoleGetInfo(KI_CONSOLE_REQUEST *r)
{
    KI_SCREEN *s = r->Screen;
    if (r->OutLength < sizeof(CONDRV_SCREEN_INFO)) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    CONDRV_SCREEN_INFO info = {
        .Width = s->Width, .Height = s->Height, .CursorX = s->CursorX, .CursorY = s->CursorY,
        .Attributes = s->Attributes, .PopupAttributes = s->PopupAttributes, .Left = s->Window.Left,
        .Top = s->Window.Top, .Right = s->Window.Right, .Bottom = s->Window.Bottom,
        .MaximumWidth = s->Width < r->Console->Columns ? s->Width : r->Console->Columns,
        .MaximumHeight = s->Height < r->Console->Rows ? s->Height : r->Console->Rows,
        .CursorSize = s->CursorSize, .CursorVisible = s->CursorVisible,
    };
    memcpy(info.Colors, s->Colors, sizeof info.Colors);
    memcpy(r->Out, &info, sizeof info);
    r->Returned = sizeof info;
    return STATUS_SUCCESS;
}

/* The window follows the cursor: moved the least that shows it. */
static void ShowCursor(KI_SCREEN *s)
{
    int16_t w = (int16_t)(s->Window.Right - s->Window.Left), h = (int16_t)(s->Window.Bottom - s->Window.Top);
    if (s->CursorX < s->Window.Left) {
        s->Window.Left = s->CursorX;
    } else if (s->CursorX > s->Window.Right) {
        s->Window.Left = (int16_t)(s->CursorX - w);
    }
    if (s->CursorY < s->Window.Top) {
        s->Window.Top = s->CursorY;
    } else if (s->CursorY > s->Window.Bottom) {
        s->Window.Top = (int16_t)(s->CursorY - h);
    }
    s->Window.Right = (int16_t)(s->Window.Left + w);
    s->Window.Bottom = (int16_t)(s->Window.Top + h);
}

static NTSTATUS Resize(KI_SCREEN *s, int16_t width, int16_t height)
{
    /* Never smaller than the window, as the console's own check. */
    if (width < s->Window.Right - s->Window.Left + 1 || height < s->Window.Bottom - s->Window.Top + 1 ||
        width <= 0 || height <= 0 || (int32_t)width * height > 0x1000000) {
        return STATUS_INVALID_PARAMETER;
    }
    KI_CELL *cells = malloc((size_t)width * (size_t)height * sizeof *cells);
    if (!cells) {
        return STATUS_NO_MEMORY;
    }
    for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
            cells[y * width + x] = InScreen(s, x, y) ? s->Cells[y * s->Width + x] : (KI_CELL){' ', s->Attributes};
        }
    }
    free(s->Cells);
    s->Cells = cells;
    s->Width = width;
    s->Height = height;
    if (s->CursorX >= width) {
        s->CursorX = (int16_t)(width - 1);
    }
    if (s->CursorY >= height) {
        s->CursorY = (int16_t)(height - 1);
    }
    if (s->Window.Right >= width) {
        s->Window.Left = (int16_t)(s->Window.Left - (s->Window.Right - width + 1));
        s->Window.Right = (int16_t)(width - 1);
    }
    if (s->Window.Bottom >= height) {
        s->Window.Top = (int16_t)(s->Window.Top - (s->Window.Bottom - height + 1));
        s->Window.Bottom = (int16_t)(height - 1);
    }
    return STATUS_SUCCESS;
}

NTSTATUS KiConsoleSetInfo(KI_CONSOLE_REQUEST *r)
{
    KI_SCREEN *s = r->Screen;
    CONDRV_SCREEN_INFO info;
    if (r->InLength < sizeof info) {
        return STATUS_INVALID_PARAMETER;
    }
    memcpy(&info, r->In, sizeof info);
    if (info.Set & CONDRV_SET_SIZE) {
        NTSTATUS status = Resize(s, info.Width, info.Height);
        if (status != STATUS_SUCCESS) {
            return status;
        }
    }
    if (info.Set & CONDRV_SET_WINDOW) {
        KI_RECT w = {info.Left, info.Top, info.Right, info.Bottom};
        if (w.Left < 0 || w.Top < 0 || w.Right < w.Left || w.Bottom < w.Top || w.Right >= s->Width ||
            w.Bottom >= s->Height) {
            return STATUS_INVALID_PARAMETER;
        }
        s->Window = w;
    }
    if (info.Set & CONDRV_SET_CURSOR) {
        if (!InScreen(s, info.CursorX, info.CursorY)) {
            return STATUS_INVALID_PARAMETER;
        }
        s->CursorX = info.CursorX;
        s->CursorY = info.CursorY;
        ShowCursor(s);
        KiDrawCursor(r->Console, s);
    }
    if (info.Set & CONDRV_SET_ATTRIBUTES) {
        s->Attributes = info.Attributes;
    }
    if (info.Set & CONDRV_SET_POPUP) {
        s->PopupAttributes = info.PopupAttributes;
    }
    if (info.Set & CONDRV_SET_CURSOR_INFO) {
        if (info.CursorSize < 1 || info.CursorSize > 100) {
            return STATUS_INVALID_PARAMETER;
        }
        s->CursorSize = info.CursorSize;
        s->CursorVisible = info.CursorVisible != 0;
    }
    if (info.Set & CONDRV_SET_COLORS) {
        memcpy(s->Colors, info.Colors, sizeof s->Colors);
    }
    return STATUS_SUCCESS;
}

/* A rectangle (in the buffer, checked) of cells in or out. */
NTSTATUS KiConsoleCells(KI_CONSOLE_REQUEST *r, bool write)
{
    KI_SCREEN *s = r->Screen;
    KI_RECT rect;
    if (r->InLength < sizeof rect) {
        return STATUS_INVALID_PARAMETER;
    }
    memcpy(&rect, r->In, sizeof rect);
    if (!InScreen(s, rect.Left, rect.Top) || !InScreen(s, rect.Right, rect.Bottom) || rect.Right < rect.Left ||
        rect.Bottom < rect.Top) {
        return STATUS_INVALID_PARAMETER;
    }
    uint32_t width = (uint32_t)(rect.Right - rect.Left + 1), n = width * (uint32_t)(rect.Bottom - rect.Top + 1);
    if (write ? r->InLength < sizeof rect + n * sizeof(KI_CELL) : r->OutLength < n * sizeof(KI_CELL)) {
        return STATUS_INVALID_PARAMETER;
    }
    for (int y = rect.Top; y <= rect.Bottom; y++) {
        KI_CELL *row = &s->Cells[y * s->Width + rect.Left];
        size_t at = (size_t)(y - rect.Top) * width * sizeof(KI_CELL);
        if (write) {
            memcpy(row, r->In + sizeof rect + at, width * sizeof(KI_CELL));
            KiDrawCells(r->Console, s, rect.Left, y, (int)width);
        } else {
            memcpy(r->Out + at, row, width * sizeof(KI_CELL));
        }
    }
    r->Returned = write ? 0 : n * (uint32_t)sizeof(KI_CELL);
    return STATUS_SUCCESS;
}

/* Characters or attributes written, filled or read along the rows from
 * a cell, to the end of the buffer at most: {kind (0 characters, 1
 * attributes), x, y, count or value...}. */
NTSTATUS KiConsoleString(KI_CONSOLE_REQUEST *r, uint32_t function)
{
    KI_SCREEN *s = r->Screen;
    if (r->InLength < 8) {
        return STATUS_INVALID_PARAMETER;
    }
    uint32_t kind = KiRequestU32(r, 0);
    int16_t xy[2];
    memcpy(xy, r->In + 4, sizeof xy);
    if (xy[0] < 0 || xy[1] < 0) {
        return STATUS_INVALID_PARAMETER;
    }
    uint32_t start = (uint32_t)xy[1] * (uint32_t)s->Width + (uint32_t)xy[0];
    uint32_t total = (uint32_t)s->Width * (uint32_t)s->Height;
    uint32_t room = xy[0] < s->Width && start < total ? total - start : 0;
    uint32_t count;
    uint16_t value = 0;
    const uint16_t *items = (const uint16_t *)(r->In + 8);
    if (function == CondrvWriteString) {
        count = (r->InLength - 8) / 2;
    } else if (function == CondrvFill) {
        count = KiRequestU32(r, 8);
        value = (uint16_t)KiRequestU32(r, 12);
    } else {
        count = KiRequestU32(r, 8);
        if (count > r->OutLength / 2) {
            return STATUS_INVALID_PARAMETER;
        }
    }
    if (count > room) {
        count = room;
    }
    for (uint32_t i = 0; i < count; i++) {
        KI_CELL *cell = &s->Cells[start + i];
        uint16_t *field = kind ? &cell->Attributes : &cell->Char;
        if (function == CondrvReadString) {
            memcpy(r->Out + 2 * i, field, 2);
        } else if (function == CondrvFill) {
            *field = value;
        } else {
            memcpy(field, &items[i], 2);
        }
    }
    if (function == CondrvReadString) {
        r->Returned = 2 * count;
        return STATUS_SUCCESS;
    }
    for (uint32_t done = 0; done < count;) {
        uint32_t at = start + done, x = at % (uint32_t)s->Width, n = (uint32_t)s->Width - x;
        n = n < count - done ? n : count - done;
        KiDrawCells(r->Console, s, (int)x, (int)(at / (uint32_t)s->Width), (int)n);
        done += n;
    }
    return KiReturnU32(r, count);
}

/* ScrollConsoleScreenBuffer: {scroll rectangle, clip rectangle, has clip,
 * destination x, y, fill cell}. The source is taken whole before anything
 * moves; what the source left, in the clip, is filled; only cells in the
 * clip change. */
NTSTATUS KiConsoleScroll(KI_CONSOLE_REQUEST *r)
{
    KI_SCREEN *s = r->Screen;
    struct {
        KI_RECT Scroll, Clip;
        uint32_t HasClip;
        int16_t X, Y;
        KI_CELL Fill;
    } q;
    if (r->InLength < sizeof q) {
        return STATUS_INVALID_PARAMETER;
    }
    memcpy(&q, r->In, sizeof q);
    KI_RECT src = q.Scroll, clip = {0, 0, (int16_t)(s->Width - 1), (int16_t)(s->Height - 1)};
    if (src.Left < 0) src.Left = 0;
    if (src.Top < 0) src.Top = 0;
    if (src.Right >= s->Width) src.Right = (int16_t)(s->Width - 1);
    if (src.Bottom >= s->Height) src.Bottom = (int16_t)(s->Height - 1);
    if (src.Right < src.Left || src.Bottom < src.Top) {
        return STATUS_INVALID_PARAMETER;
    }
    if (q.HasClip) {
        if (q.Clip.Left > clip.Left) clip.Left = q.Clip.Left;
        if (q.Clip.Top > clip.Top) clip.Top = q.Clip.Top;
        if (q.Clip.Right < clip.Right) clip.Right = q.Clip.Right;
        if (q.Clip.Bottom < clip.Bottom) clip.Bottom = q.Clip.Bottom;
        if (clip.Right < clip.Left || clip.Bottom < clip.Top) {
            return STATUS_INVALID_PARAMETER;
        }
    }
    int w = src.Right - src.Left + 1, h = src.Bottom - src.Top + 1;
    /* The destination follows where the clipped source went. */
    int dx = q.X + (src.Left - q.Scroll.Left), dy = q.Y + (src.Top - q.Scroll.Top);
    KI_CELL *copy = malloc((size_t)w * (size_t)h * sizeof *copy);
    if (!copy) {
        return STATUS_NO_MEMORY;
    }
    for (int y = 0; y < h; y++) {
        memcpy(copy + y * w, &s->Cells[(src.Top + y) * s->Width + src.Left], (size_t)w * sizeof *copy);
    }
    for (int y = src.Top; y <= src.Bottom; y++) {
        for (int x = src.Left; x <= src.Right; x++) {
            if (x >= clip.Left && x <= clip.Right && y >= clip.Top && y <= clip.Bottom) {
                s->Cells[y * s->Width + x] = q.Fill;
            }
        }
    }
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            int tx = dx + x, ty = dy + y;
            if (InScreen(s, tx, ty) && tx >= clip.Left && tx <= clip.Right && ty >= clip.Top && ty <= clip.Bottom) {
                s->Cells[ty * s->Width + tx] = copy[y * w + x];
            }
        }
    }
    free(copy);
    KiDrawScreen(r->Console, s);
    return STATUS_SUCCESS;
}
