/*
 * The console's model: its input buffer, its screen buffers and their
 * cells, cursor, attributes and modes, and how writing text moves through
 * them (console.h says what a console is; consvc.c answers kernel32's
 * requests). Windows' rules, from Microsoft's console documentation:
 *
 * - Text written with ENABLE_PROCESSED_OUTPUT: BS moves the cursor back a
 *   column (not past the first), TAB to the next multiple of 8, CR to the
 *   first column, LF to the next line (and the first column, unless
 *   DISABLE_NEWLINE_AUTO_RETURN), BEL is heard, not written. With
 *   ENABLE_WRAP_AT_EOL_OUTPUT a character in the last column sends the
 *   cursor to the next line; without, the last column is overwritten.
 *   Past the last line the buffer scrolls up a line, the new one blank in
 *   the current attributes.
 * - The input buffer holds INPUT_RECORDs in order; ReadFile and
 *   ReadConsole take the characters of its key-down events: with
 *   ENABLE_LINE_INPUT a whole line, ended by Enter and returned with
 *   "\r\n" (echoed as typed with ENABLE_ECHO_INPUT, BS taking back a
 *   character with ENABLE_PROCESSED_INPUT), what does not fit kept for
 *   the next read; without it, what has been typed, at least a character.
 *
 * The host: its standard input is the console's keyboard when it is a
 * terminal, or with --console (ntmm run), whatever it is; otherwise the
 * console has no keyboard (a window nobody types in: only
 * WriteConsoleInput feeds it). The keys are read only when the buffer
 * has too little (conkeys.c decodes the bytes). When the keyboard's
 * input ends (a pipe's or a file's end), a wait for input is over and a
 * read that finds nothing fails: no program waits for ever. Text
 * written to the active screen buffer is also written to the host's
 * standard output, as UTF-8; on a terminal, cursor moves and cell changes
 * too, as VT sequences relative to where the terminal's cursor is, so the
 * console's lines stay the terminal's lines whatever was above them. A
 * terminal's input is taken raw (no echo, key by key) from the first read
 * on: the console echoes what its modes say.
 */
#include "ke/conp.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static void DeleteScreen(KI_SCREEN *screen)
{
    free(screen->Cells);
    free(screen);
}

void KiReleaseScreen(KI_SCREEN *screen)
{
    if (screen && --screen->References == 0) {
        DeleteScreen(screen);
    }
}

/* The legacy console palette (COLORREF 0x00BBGGRR), what
 * GetConsoleScreenBufferInfoEx gives a new buffer. */
static const uint32_t DefaultColors[16] = {
    0x000000, 0x800000, 0x008000, 0x808000, 0x000080, 0x800080, 0x008080, 0xC0C0C0,
    0x808080, 0xFF0000, 0x00FF00, 0xFFFF00, 0x0000FF, 0xFF00FF, 0x00FFFF, 0xFFFFFF,
};

KI_SCREEN *KiCreateScreen(const KI_CONSOLE *console)
{
    KI_SCREEN *screen = calloc(1, sizeof *screen);
    if (!screen) {
        return NULL;
    }
    screen->Width = console->Columns;
    screen->Height = console->Rows;
    screen->Cells = malloc((size_t)screen->Width * (size_t)screen->Height * sizeof *screen->Cells);
    if (!screen->Cells) {
        free(screen);
        return NULL;
    }
    screen->References = 1;
    screen->Attributes = 0x07;      /* light grey on black */
    screen->PopupAttributes = 0xF5; /* magenta on white */
    screen->Mode = KI_CONSOLE_PROCESSED_OUTPUT | KI_CONSOLE_WRAP_AT_EOL;
    screen->CursorSize = 25;
    screen->CursorVisible = true;
    screen->Window.Right = (int16_t)(screen->Width - 1);
    screen->Window.Bottom = (int16_t)(screen->Height - 1);
    memcpy(screen->Colors, DefaultColors, sizeof DefaultColors);
    for (int32_t i = 0; i < (int32_t)screen->Width * screen->Height; i++) {
        screen->Cells[i] = (KI_CELL){' ', 0x07};
    }
    return screen;
}

/* ---- the host's side ---- */

/* A terminal's input, key by key, unechoed: the console echoes what its
 * modes say. Its signals stay (Ctrl+C still stops ntmm), and so does its
 * output processing. Put back when the console goes (at the end of the
 * run at the latest). */
static void RawTerminal(KI_CONSOLE *console)
{
    if (!console->HostInIsTerminal || console->TerminalSaved || tcgetattr(0, &console->SavedTerminal) != 0) {
        return;
    }
    console->TerminalSaved = true;
    struct termios raw = console->SavedTerminal;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | IEXTEN);
    raw.c_iflag &= ~(tcflag_t)(ICRNL | IXON);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    tcsetattr(0, TCSANOW, &raw);
}

bool KiIsConsoleStream(int fd, bool streams_are_console)
{
    return streams_are_console || isatty(fd);
}

KI_CONSOLE *KiCreateConsole(bool streams_are_console)
{
    KI_CONSOLE *console = calloc(1, sizeof *console);
    if (!console) {
        return NULL;
    }
    console->References = 1;
    console->InputMode = 0x1F7; /* processed, line, echo, insert, quick edit, extended flags, auto position */
    console->InputCodePage = console->OutputCodePage = 437;
    console->HostIn = KiIsConsoleStream(0, streams_are_console) ? 0 : -1;
    console->HostOut = 1;
    console->HostInIsTerminal = isatty(0) != 0;
    console->HostOutIsTerminal = isatty(1) != 0;
    console->Columns = 80;
    console->Rows = 25;
    struct winsize ws;
    if (console->HostOutIsTerminal && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20 && ws.ws_row >= 5) {
        console->Columns = (int16_t)(ws.ws_col < 500 ? ws.ws_col : 500);
        console->Rows = (int16_t)(ws.ws_row < 500 ? ws.ws_row : 500);
    }
    console->Active = KiCreateScreen(console);
    if (!console->Active) {
        free(console);
        return NULL;
    }
    return console;
}

void KiReferenceConsole(KI_CONSOLE *console)
{
    console->References++;
}

void KiReleaseConsole(KI_CONSOLE *console)
{
    if (console && --console->References == 0) {
        if (console->TerminalSaved) {
            tcsetattr(0, TCSANOW, &console->SavedTerminal);
        }
        KiReleaseScreen(console->Active);
        free(console->Input);
        free(console->Pending);
        free(console);
    }
}

static void HostWrite(KI_CONSOLE *console, const char *bytes, size_t length)
{
    while (console->HostOut >= 0 && length) {
        ssize_t w = write(console->HostOut, bytes, length);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            console->HostOut = -1; /* the host's side went away: not shown any more */
            return;
        }
        bytes += w;
        length -= (size_t)w;
    }
}

/* Whether cell changes and cursor moves of this buffer reach the host. */
static bool Drawn(const KI_CONSOLE *console, const KI_SCREEN *screen)
{
    return screen == console->Active && console->HostOut >= 0 && console->HostOutIsTerminal;
}

/* The terminal's cursor to (x, y) of the buffer, by relative moves. */
static void HostMoveTo(KI_CONSOLE *console, int x, int y)
{
    char sequence[32];
    int n = 0;
    int dy = y - console->HostY;
    if (dy) {
        n += snprintf(sequence + n, sizeof sequence - (size_t)n, "\x1b[%d%c", dy < 0 ? -dy : dy,
                      dy < 0 ? 'A' : 'B');
    }
    if (x != console->HostX) {
        sequence[n++] = '\r';
        if (x) {
            n += snprintf(sequence + n, sizeof sequence - (size_t)n, "\x1b[%dC", x);
        }
    }
    HostWrite(console, sequence, (size_t)n);
    console->HostX = (int16_t)x;
    console->HostY = (int16_t)y;
}

/* SGR for an attribute: the 16 console colours as the terminal's. */
static void HostAttributes(KI_CONSOLE *console, uint16_t attributes)
{
    static const char ansi[8] = {0, 4, 2, 6, 1, 5, 3, 7}; /* console BGR order to ANSI RGB */
    if (attributes == console->HostAttributes) {
        return;
    }
    char sequence[32];
    int fg = ansi[attributes & 7] + ((attributes & 8) ? 90 : 30);
    int bg = ansi[(attributes >> 4) & 7] + ((attributes & 0x80) ? 100 : 40);
    int n = attributes == 0x07 ? snprintf(sequence, sizeof sequence, "\x1b[0m")
                               : snprintf(sequence, sizeof sequence, "\x1b[%d;%dm", fg, bg);
    HostWrite(console, sequence, (size_t)n);
    console->HostAttributes = attributes;
}

static size_t Utf8(uint16_t unit, char *out)
{
    if (unit < 0x80) {
        out[0] = (char)unit;
        return 1;
    }
    if (unit < 0x800) {
        out[0] = (char)(0xC0 | (unit >> 6));
        out[1] = (char)(0x80 | (unit & 0x3F));
        return 2;
    }
    if (unit >= 0xD800 && unit < 0xE000) {
        out[0] = '?'; /* half a pair alone in a cell */
        return 1;
    }
    out[0] = (char)(0xE0 | (unit >> 12));
    out[1] = (char)(0x80 | ((unit >> 6) & 0x3F));
    out[2] = (char)(0x80 | (unit & 0x3F));
    return 3;
}

/* Cells [x, x + count) of row y, as they now are, onto the terminal. */
void KiDrawCells(KI_CONSOLE *console, KI_SCREEN *screen, int x, int y, int count)
{
    if (!Drawn(console, screen) || y < 0 || y >= screen->Height) {
        return;
    }
    if (x < 0) {
        count += x;
        x = 0;
    }
    if (count > screen->Width - x) {
        count = screen->Width - x;
    }
    if (count <= 0) {
        return;
    }
    /* The last column is left alone: a terminal would wrap after it. */
    if (x + count == screen->Width && count > 1) {
        count--;
    }
    HostMoveTo(console, x, y);
    char bytes[8];
    for (int i = 0; i < count; i++) {
        const KI_CELL *cell = &screen->Cells[y * screen->Width + x + i];
        HostAttributes(console, cell->Attributes);
        HostWrite(console, bytes, Utf8(cell->Char < 0x20 ? ' ' : cell->Char, bytes));
    }
    console->HostX = (int16_t)(x + count);
    HostAttributes(console, 0x07);
    HostMoveTo(console, screen->CursorX, screen->CursorY);
}

void KiDrawCursor(KI_CONSOLE *console, KI_SCREEN *screen)
{
    if (Drawn(console, screen)) {
        HostMoveTo(console, screen->CursorX, screen->CursorY);
    }
}

void KiDrawScreen(KI_CONSOLE *console, KI_SCREEN *screen)
{
    for (int y = 0; y < screen->Height; y++) {
        KiDrawCells(console, screen, 0, y, screen->Width);
    }
}

/* ---- writing text ---- */

static void NextLine(KI_CONSOLE *console, KI_SCREEN *screen)
{
    if (screen->CursorY + 1 < screen->Height) {
        screen->CursorY++;
        return;
    }
    /* The bottom: everything up a line, a blank line below. */
    size_t row = (size_t)screen->Width;
    memmove(screen->Cells, screen->Cells + row, row * (size_t)(screen->Height - 1) * sizeof *screen->Cells);
    for (size_t i = 0; i < row; i++) {
        screen->Cells[row * (size_t)(screen->Height - 1) + i] = (KI_CELL){' ', screen->Attributes};
    }
    (void)console;
}

/* Text onto a screen buffer at its cursor, as its output mode says; the
 * host shows it when the buffer is active. */
void KiWriteText(KI_CONSOLE *console, KI_SCREEN *screen, const uint16_t *text, uint32_t count)
{
    bool shown = screen == console->Active && console->HostOut >= 0;
    if (shown && !console->HostOutIsTerminal) {
        /* A pipe or a file gets the text as it was written. */
        char utf8[1024];
        size_t n = 0;
        for (uint32_t i = 0; i < count; i++) {
            if (n > sizeof utf8 - 4) {
                HostWrite(console, utf8, n);
                n = 0;
            }
            uint16_t c = text[i];
            if (c >= 0xD800 && c < 0xDC00 && i + 1 < count && text[i + 1] >= 0xDC00 && text[i + 1] < 0xE000) {
                uint32_t cp = 0x10000 + ((uint32_t)(c - 0xD800) << 10) + (uint32_t)(text[++i] - 0xDC00);
                utf8[n++] = (char)(0xF0 | (cp >> 18));
                utf8[n++] = (char)(0x80 | ((cp >> 12) & 0x3F));
                utf8[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                utf8[n++] = (char)(0x80 | (cp & 0x3F));
            } else {
                n += Utf8(c, utf8 + n);
            }
        }
        if (n) {
            HostWrite(console, utf8, n);
        }
        shown = false; /* the cells follow below, unseen */
    }
    bool processed = (screen->Mode & KI_CONSOLE_PROCESSED_OUTPUT) != 0;
    bool vt = (screen->Mode & KI_CONSOLE_VIRTUAL_TERMINAL) != 0;
    char bytes[512];
    size_t n = 0;
    int16_t left = screen->CursorX; /* where this write began on its line */
    if (shown && console->HostOutIsTerminal) {
        HostMoveTo(console, screen->CursorX, screen->CursorY);
        HostAttributes(console, screen->Attributes);
    }
    for (uint32_t i = 0; i < count; i++) {
        uint16_t c = text[i];
        if (n > sizeof bytes - 8) {
            if (shown) {
                HostWrite(console, bytes, n);
            }
            n = 0;
        }
        /* A VT sequence goes to the terminal and leaves no cells. */
        if (vt && c == 0x1B) {
            bytes[n++] = 0x1B;
            for (i++; i < count && n < sizeof bytes - 2; i++) {
                bytes[n++] = (char)text[i];
                if (text[i] >= 0x40 && text[i] <= 0x7E && text[i] != '[') {
                    break;
                }
            }
            continue;
        }
        if (processed && (c == '\b' || c == '\t' || c == '\r' || c == '\n' || c == 7)) {
            switch (c) {
            case '\b':
                if (screen->CursorX > 0) {
                    screen->CursorX--;
                    bytes[n++] = '\b';
                }
                break;
            case '\t': {
                int stop = (screen->CursorX + 8) & ~7;
                if (stop > screen->Width) {
                    stop = screen->Width;
                }
                while (screen->CursorX < stop) {
                    screen->Cells[screen->CursorY * screen->Width + screen->CursorX++] =
                        (KI_CELL){' ', screen->Attributes};
                    bytes[n++] = ' ';
                }
                if (screen->CursorX == screen->Width) {
                    screen->CursorX = 0;
                    NextLine(console, screen);
                    bytes[n++] = '\r';
                    bytes[n++] = '\n';
                }
                break;
            }
            case '\r':
                screen->CursorX = left = 0;
                bytes[n++] = '\r';
                break;
            case '\n':
                if (!(screen->Mode & KI_CONSOLE_NO_AUTO_RETURN)) {
                    screen->CursorX = left = 0;
                    bytes[n++] = '\r';
                }
                NextLine(console, screen);
                bytes[n++] = '\n';
                break;
            default:
                break; /* BEL: a sound, no cell */
            }
            continue;
        }
        screen->Cells[screen->CursorY * screen->Width + screen->CursorX] = (KI_CELL){c, screen->Attributes};
        n += Utf8(c, bytes + n);
        if (screen->CursorX + 1 < screen->Width) {
            screen->CursorX++;
        } else if (screen->Mode & KI_CONSOLE_WRAP_AT_EOL) {
            screen->CursorX = 0;
            NextLine(console, screen);
            if (shown && console->HostOutIsTerminal) {
                bytes[n++] = '\r';
                bytes[n++] = '\n';
            }
        } else {
            /* Without wrapping, the rest of the text goes over this
             * write's own cells again, from where it began on the line. */
            screen->CursorX = left;
            if (shown && console->HostOutIsTerminal) {
                n += (size_t)snprintf(bytes + n, 8, "\r\x1b[%dC", left);
            }
        }
    }
    if (shown) {
        HostWrite(console, bytes, n);
        if (console->HostOutIsTerminal) {
            HostAttributes(console, 0x07);
        }
        console->HostX = screen->CursorX;
        console->HostY = screen->CursorY;
    }
}

/* ---- the input buffer ---- */

NTSTATUS KiQueueInput(KI_CONSOLE *console, const KI_INPUT_RECORD *records, uint32_t count, bool front)
{
    if (!count) {
        return STATUS_SUCCESS; /* the buffer may not exist yet */
    }
    if (console->InputCount + count > KI_CONSOLE_INPUT_MAX) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    if (console->InputCount + count > console->InputCapacity) {
        uint32_t capacity = (console->InputCount + count) * 2;
        KI_INPUT_RECORD *grown = realloc(console->Input, capacity * sizeof *grown);
        if (!grown) {
            return STATUS_NO_MEMORY;
        }
        console->Input = grown;
        console->InputCapacity = capacity;
    }
    if (front) {
        memmove(console->Input + count, console->Input, console->InputCount * sizeof *records);
        memcpy(console->Input, records, count * sizeof *records);
    } else {
        memcpy(console->Input + console->InputCount, records, count * sizeof *records);
    }
    console->InputCount += count;
    return STATUS_SUCCESS;
}

void KiTakeInput(KI_CONSOLE *console, uint32_t count)
{
    if (count > console->InputCount) {
        count = console->InputCount;
    }
    if (!count) {
        return;
    }
    memmove(console->Input, console->Input + count, (console->InputCount - count) * sizeof *console->Input);
    console->InputCount -= count;
}

/* What the host has typed, into the buffer: waiting for it (wait) or only
 * what is there now. False when nothing came and nothing will. */
bool KiFetchHostInput(KI_CONSOLE *console, bool wait)
{
    if (console->HostIn < 0) {
        return false;
    }
    RawTerminal(console);
    struct pollfd p = {.fd = console->HostIn, .events = POLLIN};
    if (!wait && poll(&p, 1, 0) <= 0) {
        return false;
    }
    uint8_t bytes[256];
    ssize_t r;
    do {
        r = read(console->HostIn, bytes, sizeof bytes);
    } while (r < 0 && errno == EINTR);
    if (r <= 0) {
        KiDecodeHostEnd(console);
        console->HostIn = -1; /* the end of the host's input: no more keys */
        console->HostInEnded = true;
        return console->InputCount > 0;
    }
    KiDecodeHostInput(console, bytes, (size_t)r);
    /* A terminal's Esc key is ESC alone: when nothing follows it at
     * once, it is no sequence's start. */
    struct pollfd more = {.fd = console->HostIn, .events = POLLIN};
    if (console->PartialCount && console->HostInIsTerminal && poll(&more, 1, 50) == 0) {
        KiDecodeHostEnd(console);
    }
    return true;
}

bool KiConsoleInputReady(EX_FILE *file)
{
    KI_CONSOLE_FILE *f = (KI_CONSOLE_FILE *)file;
    if (f->Kind != KiConsoleInput) {
        return false; /* a screen buffer is never signaled */
    }
    if (!f->Console->InputCount) {
        KiFetchHostInput(f->Console, false);
    }
    /* Typing has ended for good: a wait would never end, a read fails. */
    return f->Console->InputCount > 0 || f->Console->HostInEnded;
}

/* The next character typed (a key-down event's), taken with the events
 * before it; false when the input has ended. */
static bool NextCharacter(KI_CONSOLE *console, uint16_t *c)
{
    for (;;) {
        while (console->InputCount) {
            KI_INPUT_RECORD r = console->Input[0];
            KiTakeInput(console, 1);
            if (r.EventType == KI_KEY_EVENT && r.KeyDown && r.Char) {
                *c = r.Char;
                return true;
            }
        }
        if (!KiFetchHostInput(console, true)) {
            return false;
        }
    }
}

static void Echo(KI_CONSOLE *console, const uint16_t *text, uint32_t count)
{
    if (console->InputMode & KI_CONSOLE_ECHO_INPUT) {
        KiWriteText(console, console->Active, text, count);
    }
}

static NTSTATUS AppendPending(KI_CONSOLE *console, uint16_t c)
{
    if (console->PendingCount == console->PendingCapacity) {
        uint32_t capacity = console->PendingCapacity ? console->PendingCapacity * 2 : 256;
        uint16_t *grown = realloc(console->Pending, capacity * sizeof *grown);
        if (!grown) {
            return STATUS_NO_MEMORY;
        }
        console->Pending = grown;
        console->PendingCapacity = capacity;
    }
    console->Pending[console->PendingCount++] = c;
    return STATUS_SUCCESS;
}

/* ReadConsoleW's characters into text (up to count): from the line read
 * before, else a new line (line input) or what was typed. STATUS_END_OF_FILE
 * when the host's input ended before anything came. */
NTSTATUS KiReadConsoleText(KI_CONSOLE *console, uint16_t *text, uint32_t count, uint32_t *done)
{
    *done = 0;
    if (!count) {
        return STATUS_SUCCESS;
    }
    if (console->PendingRead == console->PendingCount) {
        console->PendingRead = console->PendingCount = 0;
        uint16_t c;
        if (console->InputMode & KI_CONSOLE_LINE_INPUT) {
            for (;;) {
                if (!NextCharacter(console, &c)) {
                    if (!console->PendingCount) {
                        return STATUS_END_OF_FILE;
                    }
                    break; /* the last line had no Enter */
                }
                if (c == '\r') {
                    static const uint16_t crlf[2] = {'\r', '\n'};
                    Echo(console, crlf, 2);
                    NTSTATUS status = AppendPending(console, '\r');
                    if (status == STATUS_SUCCESS) {
                        status = AppendPending(console, '\n');
                    }
                    if (status != STATUS_SUCCESS) {
                        return status;
                    }
                    break;
                }
                if (c == '\b' && (console->InputMode & KI_CONSOLE_PROCESSED_INPUT)) {
                    if (console->PendingCount) {
                        static const uint16_t rubout[3] = {'\b', ' ', '\b'};
                        console->PendingCount--;
                        Echo(console, rubout, 3);
                    }
                    continue;
                }
                NTSTATUS status = AppendPending(console, c);
                if (status != STATUS_SUCCESS) {
                    return status;
                }
                Echo(console, &c, 1);
            }
        } else {
            if (!NextCharacter(console, &c)) {
                return STATUS_END_OF_FILE;
            }
            do {
                NTSTATUS status = AppendPending(console, c);
                if (status != STATUS_SUCCESS) {
                    return status;
                }
                Echo(console, &c, 1);
                /* The rest of what was typed, without waiting for more. */
                while (console->InputCount && !(console->Input[0].EventType == KI_KEY_EVENT &&
                                                console->Input[0].KeyDown && console->Input[0].Char)) {
                    KiTakeInput(console, 1);
                }
            } while (console->PendingCount < count && console->InputCount && NextCharacter(console, &c));
        }
    }
    uint32_t n = console->PendingCount - console->PendingRead;
    if (n > count) {
        n = count;
    }
    if (n) {
        memcpy(text, console->Pending + console->PendingRead, n * sizeof *text);
    }
    console->PendingRead += n;
    *done = n;
    return STATUS_SUCCESS;
}
