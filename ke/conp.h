/*
 * What console.c (the model), conkeys.c (host bytes to key events) and
 * consvc.c (kernel32's requests) share.
 */
#ifndef NTMM_KE_CONP_H
#define NTMM_KE_CONP_H

#include "ke/console.h"

#include <termios.h>

/* Modes: SetConsoleMode's bits, input then output. */
#define KI_CONSOLE_PROCESSED_INPUT  0x0001u
#define KI_CONSOLE_LINE_INPUT       0x0002u
#define KI_CONSOLE_ECHO_INPUT       0x0004u
#define KI_CONSOLE_PROCESSED_OUTPUT 0x0001u
#define KI_CONSOLE_WRAP_AT_EOL      0x0002u
#define KI_CONSOLE_VIRTUAL_TERMINAL 0x0004u
#define KI_CONSOLE_NO_AUTO_RETURN   0x0008u

#define KI_KEY_EVENT 1u
/* The most events the input buffer holds: a program that writes more
 * without reading gets STATUS_INSUFFICIENT_RESOURCES, not all the host's
 * memory. */
#define KI_CONSOLE_INPUT_MAX 65536u

/* INPUT_RECORD, 20 bytes; the key event's fields named, any other
 * event's bytes carried as they are. */
typedef struct KI_INPUT_RECORD {
    uint16_t EventType;
    uint16_t Padding;
    uint32_t KeyDown;
    uint16_t RepeatCount;
    uint16_t VirtualKeyCode;
    uint16_t VirtualScanCode;
    uint16_t Char;
    uint32_t ControlKeyState;
} KI_INPUT_RECORD;

/* A cell: CHAR_INFO (the character as UTF-16, its attributes). */
typedef struct KI_CELL {
    uint16_t Char;
    uint16_t Attributes;
} KI_CELL;

typedef struct KI_RECT {
    int16_t Left, Top, Right, Bottom;
} KI_RECT;

typedef struct KI_SCREEN {
    uint32_t References;        /* its file objects, and the console while active */
    int16_t Width, Height;
    int16_t CursorX, CursorY;
    uint16_t Attributes, PopupAttributes;
    KI_RECT Window;
    uint32_t Mode;
    uint32_t CursorSize;        /* percent of the cell, 1 to 100 */
    bool CursorVisible;
    uint32_t Colors[16];
    KI_CELL *Cells;             /* Width * Height, row by row */
} KI_SCREEN;

struct KI_CONSOLE {
    uint32_t References;        /* its file objects and the processes attached */
    KI_INPUT_RECORD *Input;
    uint32_t InputCount, InputCapacity;
    uint32_t InputMode;
    uint32_t InputCodePage, OutputCodePage;
    KI_SCREEN *Active;
    int16_t Columns, Rows;      /* a new screen buffer's size */
    /* The line ReadConsole read and has not given out in full. */
    uint16_t *Pending;
    uint32_t PendingCount, PendingRead, PendingCapacity;
    /* The host: its stream fds (-1: none), what they are, where the
     * terminal's cursor is in the active buffer, its colours. */
    int HostIn, HostOut;
    bool HostInIsTerminal, HostOutIsTerminal;
    bool HostInEnded;           /* the keyboard's input came to its end */
    bool TerminalSaved;         /* the terminal was made raw: how it was */
    struct termios SavedTerminal;
    int16_t HostX, HostY;
    uint16_t HostAttributes;
    /* Bytes of the host's input that end no key yet (conkeys.c). */
    uint8_t Partial[16];
    uint32_t PartialCount;
    bool LastWasCr;             /* a CR LF from a pipe is one Enter */
};

typedef struct KI_CONSOLE_FILE {
    EX_FILE Base;
    KI_CONSOLE *Console;        /* referenced */
    KI_SCREEN *Screen;          /* referenced; NULL for the input and the connection */
    KI_CONSOLE_FILE_KIND Kind;
} KI_CONSOLE_FILE;

/* A request (consvc.c): the handle's file and what it names, the input
 * buffer copied in, the output buffer to fill and how much of it was. */
typedef struct KI_CONSOLE_REQUEST {
    KPROCESS *Process;
    KI_CONSOLE_FILE *File;
    KI_CONSOLE *Console;
    KI_SCREEN *Screen;     /* the handle's, or NULL */
    const uint8_t *In;
    uint32_t InLength;
    uint8_t *Out;
    uint32_t OutLength;
    uint32_t Returned;
} KI_CONSOLE_REQUEST;

/* The 32-bit value at an offset of the input (0 past its end); the one
 * value of the output. */
uint32_t KiRequestU32(const KI_CONSOLE_REQUEST *r, uint32_t at);
NTSTATUS KiReturnU32(KI_CONSOLE_REQUEST *r, uint32_t value);

/* conscreen.c: the requests on a screen buffer (ke/condrv.h). */
NTSTATUS KiConsoleGetInfo(KI_CONSOLE_REQUEST *r);
NTSTATUS KiConsoleSetInfo(KI_CONSOLE_REQUEST *r);
NTSTATUS KiConsoleCells(KI_CONSOLE_REQUEST *r, bool write);
NTSTATUS KiConsoleString(KI_CONSOLE_REQUEST *r, uint32_t function);
NTSTATUS KiConsoleScroll(KI_CONSOLE_REQUEST *r);

KI_SCREEN *KiCreateScreen(const KI_CONSOLE *console);
void KiReleaseScreen(KI_SCREEN *screen);
void KiWriteText(KI_CONSOLE *console, KI_SCREEN *screen, const uint16_t *text, uint32_t count);
NTSTATUS KiReadConsoleText(KI_CONSOLE *console, uint16_t *text, uint32_t count, uint32_t *done);
/* The terminal shows cells [x, x + count) of row y, the cursor, every cell. */
void KiDrawCells(KI_CONSOLE *console, KI_SCREEN *screen, int x, int y, int count);
void KiDrawCursor(KI_CONSOLE *console, KI_SCREEN *screen);
void KiDrawScreen(KI_CONSOLE *console, KI_SCREEN *screen);

NTSTATUS KiQueueInput(KI_CONSOLE *console, const KI_INPUT_RECORD *records, uint32_t count, bool front);
void KiTakeInput(KI_CONSOLE *console, uint32_t count);
bool KiFetchHostInput(KI_CONSOLE *console, bool wait);

/* conkeys.c: the host's bytes as key events (a down and an up for each
 * key) into the input buffer; the end of the input ends a pending ESC. */
void KiDecodeHostInput(KI_CONSOLE *console, const uint8_t *bytes, size_t count);
void KiDecodeHostEnd(KI_CONSOLE *console);

/* Code page conversion for the A calls and ReadFile/WriteFile: 65001 is
 * UTF-8; any other page's bytes are Latin-1 here (ASCII exact). */
uint32_t KiConsoleToWide(uint32_t code_page, const uint8_t *bytes, uint32_t count, uint16_t *wide);
uint32_t KiConsoleFromWide(uint32_t code_page, const uint16_t *wide, uint32_t count, uint8_t *bytes,
                           uint32_t room);

#endif
