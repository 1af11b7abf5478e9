/*
 * The console's requests (ke/consvc.c serves them, user/kernel32's console
 * calls make them): NtDeviceIoControlFile codes on a console handle, and
 * the one structure they pass, compiled by the host and by the guest as
 * ke/ntx86.h is. docs/guest-abi.md ("The console") says what each takes
 * and gives.
 */
#ifndef NTMM_CONDRV_H
#define NTMM_CONDRV_H

#include <stdint.h>

/* CTL_CODE(FILE_DEVICE_CONSOLE, function, METHOD_NEITHER, FILE_ANY_ACCESS) */
#define CONDRV_REQUEST(fn) (0x00500003u | ((uint32_t)(fn) << 2))
#define CONDRV_FUNCTION(code) (((code) >> 2) & 0xFFFu)
#define CONDRV_IS_REQUEST(code) (((code) & ~(0xFFFu << 2)) == 0x00500003u)

enum {
    CondrvGetMode = 1,  /* -> mode (the input's or the screen buffer's) */
    CondrvSetMode,      /* mode */
    CondrvGetInfo,      /* -> CONDRV_SCREEN_INFO */
    CondrvSetInfo,      /* CONDRV_SCREEN_INFO, its Set bits saying what */
    CondrvWriteCells,   /* rectangle, its cells (CHAR_INFO) row by row */
    CondrvReadCells,    /* rectangle -> its cells */
    CondrvWriteString,  /* kind (0 characters, 1 attributes), x, y, items -> written */
    CondrvFill,         /* kind, x, y, count, value -> written */
    CondrvReadString,   /* kind, x, y, count -> items */
    CondrvScroll,       /* scroll rectangle, clip, has clip, x, y, fill cell */
    CondrvReadInput,    /* count, flags (1 peek, 2 no wait) -> INPUT_RECORDs */
    CondrvWriteInput,   /* at front, INPUT_RECORDs -> written */
    CondrvCountInput,   /* -> events */
    CondrvFlushInput,
    CondrvReadText,     /* characters -> UTF-16 text (ReadConsoleW) */
    CondrvWriteText,    /* UTF-16 text -> written (WriteConsoleW) */
    CondrvGetCodePage,  /* 0 input, 1 output -> code page */
    CondrvSetCodePage,  /* 0 input, 1 output, code page */
    CondrvCreateScreen, /* access, inherit -> handle */
    CondrvSetActive,
    CondrvDetach,       /* on the connection: FreeConsole */
    CondrvProcessList,  /* -> count, process ids */
    CondrvGetKind,      /* -> 0 input, 1 screen buffer, 2 connection */
};

/* GetConsoleScreenBufferInfoEx's content, and what CondrvSetInfo sets. */
typedef struct CONDRV_SCREEN_INFO {
    int16_t Width, Height, CursorX, CursorY;
    uint16_t Attributes, PopupAttributes;
    int16_t Left, Top, Right, Bottom; /* the window */
    int16_t MaximumWidth, MaximumHeight;
    uint32_t CursorSize, CursorVisible;
    uint32_t Colors[16];
    uint32_t Set;
} CONDRV_SCREEN_INFO;

#define CONDRV_SET_SIZE        0x01u
#define CONDRV_SET_CURSOR      0x02u
#define CONDRV_SET_ATTRIBUTES  0x04u
#define CONDRV_SET_WINDOW      0x08u
#define CONDRV_SET_CURSOR_INFO 0x10u
#define CONDRV_SET_COLORS      0x20u
#define CONDRV_SET_POPUP       0x40u

#endif
