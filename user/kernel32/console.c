/*
 * The console calls programs make, kernel32's side: each is a request to
 * the console (ke/console.h says what it is and how it meets the host's
 * terminal). A standard handle is a console handle when ntmm's own stream
 * there is the console (a terminal, or any with --console); redirected,
 * it is the host's file or pipe, and console calls on it fail with
 * ERROR_INVALID_HANDLE as they do on Windows. Here: the standard handles,
 * modes, ReadConsole and WriteConsole, code pages and Ctrl handlers;
 * conbuf.c, conoutput.c, coninput.c and conalloc.c have the rest.
 */
#include "kernel32/conapi.h"

#define STD_INPUT_HANDLE  ((DWORD)-10)
#define STD_OUTPUT_HANDLE ((DWORD)-11)
#define STD_ERROR_HANDLE  ((DWORD)-12)
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

BOOL BaseConsoleRequest(HANDLE h, ULONG function, const void *in, ULONG in_length, void *out,
                        ULONG out_length, ULONG *returned)
{
    IO_STATUS_BLOCK io = {0, 0};
    NTSTATUS status = NtDeviceIoControlFile(h, NULL, NULL, NULL, &io, CONDRV_REQUEST(function),
                                            (PVOID)in, in_length, out, out_length);
    if (returned) {
        *returned = NT_SUCCESS(status) ? (ULONG)io.Information : 0;
    }
    if (NT_SUCCESS(status)) {
        return TRUE;
    }
    if (status == STATUS_INVALID_DEVICE_REQUEST || status == STATUS_OBJECT_TYPE_MISMATCH) {
        SetLastError(ERROR_INVALID_HANDLE); /* no console's handle */
    } else {
        BaseSetLastNtError(status);
    }
    return FALSE;
}

HANDLE BaseConsoleConnection(void)
{
    return NtCurrentPeb()->ProcessParameters->ConsoleHandle;
}

/* The input's mode, or the screen buffer's. */
BOOL WINAPI GetConsoleMode(HANDLE h, DWORD *mode)
{
    ULONG value;
    if (!BaseConsoleRequest(h, CondrvGetMode, NULL, 0, &value, sizeof value, NULL)) {
        return FALSE;
    }
    *mode = value;
    return TRUE;
}

BOOL WINAPI SetConsoleMode(HANDLE h, DWORD mode)
{
    return BaseConsoleRequest(h, CondrvSetMode, &mode, sizeof mode, NULL, 0, NULL);
}

/* WriteConsoleA: the bytes in the output code page, as WriteFile writes
 * them to a console; WriteConsoleW: UTF-16. */
BOOL WINAPI WriteConsoleA(HANDLE h, const void *text, DWORD count, DWORD *written, PVOID reserved)
{
    (void)reserved;
    ULONG kind;
    if (!BaseConsoleRequest(h, CondrvGetKind, NULL, 0, &kind, sizeof kind, NULL)) {
        return FALSE;
    }
    if (kind != 1) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    DWORD done = 0;
    BOOL ok = WriteFile(h, text, count, &done, NULL);
    if (written) {
        *written = done;
    }
    return ok;
}

BOOL WINAPI WriteConsoleW(HANDLE h, const WCHAR *text, DWORD count, DWORD *written, PVOID reserved)
{
    (void)reserved;
    /* In pieces of at most 32768 characters: no request is too long. */
    DWORD done = 0;
    do {
        DWORD n = count - done < 32768 ? count - done : 32768;
        if (!BaseConsoleRequest(h, CondrvWriteText, text + done, n * sizeof(WCHAR), NULL, 0, NULL)) {
            return FALSE;
        }
        done += n;
    } while (done < count);
    if (written) {
        *written = done;
    }
    return TRUE;
}

/* ReadConsoleA: as ReadFile reads a console (a line with line input, in
 * the input code page); ReadConsoleW: the same characters as UTF-16. */
BOOL WINAPI ReadConsoleA(HANDLE h, void *buffer, DWORD count, DWORD *read, PVOID control)
{
    (void)control;
    ULONG kind;
    if (!BaseConsoleRequest(h, CondrvGetKind, NULL, 0, &kind, sizeof kind, NULL)) {
        return FALSE;
    }
    if (kind != 0) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    IO_STATUS_BLOCK io = {0, 0};
    NTSTATUS status = NtReadFile(h, NULL, NULL, NULL, &io, buffer, count, NULL, NULL);
    if (status == STATUS_END_OF_FILE) {
        io.Information = 0; /* the input ended: nothing read */
    } else if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    if (read) {
        *read = (DWORD)io.Information;
    }
    return TRUE;
}

BOOL WINAPI ReadConsoleW(HANDLE h, WCHAR *buffer, DWORD count, DWORD *read, PVOID control)
{
    (void)control;
    if (count > 0x7FFFFFFF / sizeof(WCHAR)) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    ULONG got = 0;
    if (!BaseConsoleRequest(h, CondrvReadText, &count, sizeof count, buffer, count * sizeof(WCHAR), &got)) {
        if (GetLastError() != ERROR_HANDLE_EOF) {
            return FALSE;
        }
        got = 0; /* the input ended: nothing read */
    }
    if (read) {
        *read = got / sizeof(WCHAR);
    }
    return TRUE;
}

/* The console's code pages: 0 without a console, as on Windows. */
static unsigned int CodePage(ULONG which)
{
    ULONG cp = 0;
    HANDLE connection = BaseConsoleConnection();
    if (!connection) {
        SetLastError(ERROR_INVALID_HANDLE);
        return 0;
    }
    if (!BaseConsoleRequest(connection, CondrvGetCodePage, &which, sizeof which, &cp, sizeof cp, NULL)) {
        return 0;
    }
    return cp;
}

unsigned int WINAPI GetConsoleCP(void) { return CodePage(0); }
unsigned int WINAPI GetConsoleOutputCP(void) { return CodePage(1); }

static BOOL KnownCodePage(unsigned int cp)
{
    return cp == 437 || cp == 850 || cp == 1252 || cp == 28591 || cp == CP_UTF8;
}

static BOOL SetCodePage(ULONG which, unsigned int cp)
{
    HANDLE connection = BaseConsoleConnection();
    if (!connection) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (!KnownCodePage(cp)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    ULONG request[2] = {which, cp};
    return BaseConsoleRequest(connection, CondrvSetCodePage, request, sizeof request, NULL, 0, NULL);
}

BOOL WINAPI SetConsoleCP(unsigned int cp) { return SetCodePage(0, cp); }
BOOL WINAPI SetConsoleOutputCP(unsigned int cp) { return SetCodePage(1, cp); }

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

void BaseResetCtrlHandlers(void)
{
    CtrlHandlerCount = 0;
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
