/*
 * The console calls programs make. ntmm has no console window: a standard
 * handle is a console when it is a character device (GetFileType), which is
 * what the host's terminal is. Console output goes to that handle as bytes:
 * WriteConsoleA writes the program's bytes unchanged, WriteConsoleW writes
 * UTF-8 (what the host terminal shows), whatever the output code page says.
 * ReadConsoleW reads UTF-8 from the terminal. The host's Ctrl+C does not
 * reach the program; GenerateConsoleCtrlEvent delivers a program's own
 * event to its own handlers.
 */
#include "kernel32/kernel32.h"

#define STD_INPUT_HANDLE  ((DWORD)-10)
#define STD_OUTPUT_HANDLE ((DWORD)-11)
#define STD_ERROR_HANDLE  ((DWORD)-12)
#define FILE_TYPE_CHAR 2
#define CP_UTF8 65001

BOOL WINAPI SetStdHandle(DWORD which, HANDLE handle)
{
    RTL_USER_PROCESS_PARAMETERS *params = NtCurrentPeb()->ProcessParameters;
    switch (which) {
    case STD_INPUT_HANDLE: params->StandardInput = handle; return TRUE;
    case STD_OUTPUT_HANDLE: params->StandardOutput = handle; return TRUE;
    case STD_ERROR_HANDLE: params->StandardError = handle; return TRUE;
    default:
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
}

/* Console modes, per standard handle: Windows' defaults. */
static DWORD Modes[3] = {0x1F7, 0x3, 0x3};
static unsigned int InputCodePage = 437, OutputCodePage = 437;

/* Which standard slot a console handle is, or -1 (ERROR_INVALID_HANDLE). */
static int ConsoleSlot(HANDLE h)
{
    RTL_USER_PROCESS_PARAMETERS *params = NtCurrentPeb()->ProcessParameters;
    HANDLE std[3] = {params->StandardInput, params->StandardOutput, params->StandardError};
    for (int i = 0; i < 3; i++) {
        if (h && h == std[i] && GetFileType(h) == FILE_TYPE_CHAR) {
            return i;
        }
    }
    SetLastError(ERROR_INVALID_HANDLE);
    return -1;
}

BOOL WINAPI GetConsoleMode(HANDLE h, DWORD *mode)
{
    int slot = ConsoleSlot(h);
    if (slot < 0) {
        return FALSE;
    }
    *mode = Modes[slot];
    return TRUE;
}

BOOL WINAPI SetConsoleMode(HANDLE h, DWORD mode)
{
    int slot = ConsoleSlot(h);
    if (slot < 0) {
        return FALSE;
    }
    Modes[slot] = mode;
    return TRUE;
}

BOOL WINAPI WriteConsoleA(HANDLE h, const void *text, DWORD count, DWORD *written, PVOID reserved)
{
    (void)reserved;
    if (ConsoleSlot(h) < 0) {
        return FALSE;
    }
    return WriteFile(h, text, count, written, NULL);
}

BOOL WINAPI WriteConsoleW(HANDLE h, const WCHAR *text, DWORD count, DWORD *written, PVOID reserved)
{
    (void)reserved;
    if (ConsoleSlot(h) < 0) {
        return FALSE;
    }
    /* In pieces, so no length is too long; a surrogate pair is never split. */
    DWORD done = 0;
    while (done < count) {
        char utf8[1024];
        int n = count - done > 256 ? 256 : (int)(count - done);
        if (n == 256 && text[done + n - 1] >= 0xD800 && text[done + n - 1] < 0xDC00) {
            n--;
        }
        int bytes = WideCharToMultiByte(CP_UTF8, 0, text + done, n, utf8, sizeof utf8, NULL, NULL);
        DWORD out;
        if (bytes < 0 || !WriteFile(h, utf8, (DWORD)bytes, &out, NULL)) {
            return FALSE;
        }
        done += (DWORD)n;
    }
    if (written) {
        *written = done;
    }
    return TRUE;
}

BOOL WINAPI ReadConsoleA(HANDLE h, void *buffer, DWORD count, DWORD *read, PVOID control)
{
    (void)control;
    if (ConsoleSlot(h) < 0) {
        return FALSE;
    }
    return ReadFile(h, buffer, count, read, NULL);
}

/* ReadConsoleW: the terminal's UTF-8, a line at most, as UTF-16. */
BOOL WINAPI ReadConsoleW(HANDLE h, WCHAR *buffer, DWORD count, DWORD *read, PVOID control)
{
    (void)control;
    if (ConsoleSlot(h) < 0) {
        return FALSE;
    }
    char bytes[1024];
    DWORD want = count < sizeof bytes / 3 ? count : sizeof bytes / 3, got = 0, n = 0;
    /* Byte by byte to the end of a line, so no byte past it is taken. */
    while (n < want) {
        if (!ReadFile(h, bytes + n, 1, &got, NULL)) {
            return FALSE;
        }
        if (got == 0) {
            break;
        }
        if (bytes[n++] == '\n') {
            break;
        }
    }
    /* A UTF-8 sequence cut at the end: finish it. */
    while (n > 0 && n + 1 < sizeof bytes) {
        int lead = n - 1;
        while (lead > 0 && ((unsigned char)bytes[lead] & 0xC0) == 0x80) {
            lead--;
        }
        unsigned char c = (unsigned char)bytes[lead];
        DWORD need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (n - lead >= need || !ReadFile(h, bytes + n, 1, &got, NULL) || got == 0) {
            break;
        }
        n++;
    }
    int chars = n ? MultiByteToWideChar(CP_UTF8, 0, bytes, (int)n, buffer, (int)count) : 0;
    if (read) {
        *read = chars > 0 ? (DWORD)chars : 0;
    }
    return TRUE;
}

unsigned int WINAPI GetConsoleCP(void) { return InputCodePage; }
unsigned int WINAPI GetConsoleOutputCP(void) { return OutputCodePage; }

static BOOL KnownCodePage(unsigned int cp)
{
    return cp == 437 || cp == 1252 || cp == 28591 || cp == CP_UTF8;
}

BOOL WINAPI SetConsoleCP(unsigned int cp)
{
    if (!KnownCodePage(cp)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    InputCodePage = cp;
    return TRUE;
}

BOOL WINAPI SetConsoleOutputCP(unsigned int cp)
{
    if (!KnownCodePage(cp)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    OutputCodePage = cp;
    return TRUE;
}

/* The handler list (no events are ever delivered); NULL toggles ignoring Ctrl+C. */
static HANDLER_ROUTINE CtrlHandlers[64];
static int CtrlHandlerCount;
static BOOL IgnoreCtrlC;

BOOL WINAPI SetConsoleCtrlHandler(HANDLER_ROUTINE handler, BOOL add)
{
    if (!handler) {
        IgnoreCtrlC = add;
        return TRUE;
    }
    if (add) {
        if (CtrlHandlerCount == 64) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return FALSE;
        }
        CtrlHandlers[CtrlHandlerCount++] = handler;
        return TRUE;
    }
    for (int i = CtrlHandlerCount - 1; i >= 0; i--) {
        if (CtrlHandlers[i] == handler) {
            CtrlHandlers[i] = CtrlHandlers[--CtrlHandlerCount];
            return TRUE;
        }
    }
    SetLastError(ERROR_INVALID_PARAMETER);
    return FALSE;
}

/*
 * GenerateConsoleCtrlEvent: Windows runs the handlers of every process in
 * the group on a new thread of each, the last registered first, until one
 * returns TRUE; if none does, the default handler ends the process with
 * STATUS_CONTROL_C_EXIT. Here the group is this process's own (0, every
 * process on the console, or this process's id): other processes get no
 * event, since there is no console server to carry it. CTRL_C_EVENT is
 * not delivered when SetConsoleCtrlHandler(NULL, TRUE) ignores it.
 */
#define CTRL_C_EVENT     0
#define CTRL_BREAK_EVENT 1
#define STATUS_CONTROL_C_EXIT 0xC000013Au

static DWORD WINAPI CtrlRoutine(PVOID parameter)
{
    DWORD event = (DWORD)(ULONG_PTR)parameter;
    for (int i = CtrlHandlerCount - 1; i >= 0; i--) {
        if (CtrlHandlers[i](event)) {
            return 0;
        }
    }
    ExitProcess(STATUS_CONTROL_C_EXIT);
    return 0;
}

BOOL WINAPI GenerateConsoleCtrlEvent(DWORD event, DWORD group)
{
    if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (group != 0 && group != GetCurrentProcessId()) {
        return TRUE; /* another group: nothing of it runs on this console */
    }
    if (event == CTRL_C_EVENT && IgnoreCtrlC) {
        return TRUE;
    }
    HANDLE thread = CreateThread(NULL, 0, CtrlRoutine, (PVOID)(ULONG_PTR)event, 0, NULL);
    if (!thread) {
        return FALSE;
    }
    CloseHandle(thread);
    return TRUE;
}

/* File APIs: ANSI (code page 1252) or OEM (437). */
static BOOL FileApisOem;
BOOL WINAPI AreFileApisANSI(void) { return !FileApisOem; }
void WINAPI SetFileApisToANSI(void) { FileApisOem = FALSE; }
void WINAPI SetFileApisToOEM(void) { FileApisOem = TRUE; }

/* The screen buffer a console has here: 80 columns, 25 rows, the cursor
 * at the start, light grey on black, as a new Windows console. */

static WORD TextAttributes = 0x07;

BOOL WINAPI GetConsoleScreenBufferInfo(HANDLE h, CONSOLE_SCREEN_BUFFER_INFO *info)
{
    if (ConsoleSlot(h) < 1) {          /* an output handle */
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    CONSOLE_SCREEN_BUFFER_INFO i = {{80, 25}, {0, 0}, TextAttributes, {0, 0, 79, 24}, {80, 25}};
    *info = i;
    return TRUE;
}

/* Colours are kept but not shown: the host terminal gets the text only. */
BOOL WINAPI SetConsoleTextAttribute(HANDLE h, WORD attributes)
{
    if (ConsoleSlot(h) < 1) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    TextAttributes = attributes;
    return TRUE;
}
