/*
 * A process and its console: AllocConsole (a new one), AttachConsole
 * (another process's), FreeConsole, the processes sharing it, and the
 * console handle helpers Windows keeps from before console handles were
 * kernel handles (VerifyConsoleIoHandle, DuplicateConsoleHandle,
 * CloseConsoleHandle, OpenConsoleW, GetConsoleInputWaitHandle). There
 * is no window: GetConsoleWindow is NULL.
 */
#include "kernel32/conapi.h"

#define STD_INPUT_HANDLE  ((DWORD)-10)
#define STD_OUTPUT_HANDLE ((DWORD)-11)
#define STD_ERROR_HANDLE  ((DWORD)-12)
#define DUPLICATE_SAME_ACCESS 2
#define OPEN_EXISTING 3
#define FILE_SHARE_READ 1
#define FILE_SHARE_WRITE 2

/* The handles of a console just attached become the standard ones. */
static BOOL Attach(DWORD process)
{
    HANDLE handles[3];
    NTSTATUS status = NtmmAttachConsole(process, handles);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    RTL_USER_PROCESS_PARAMETERS *params = NtCurrentPeb()->ProcessParameters;
    params->ConsoleHandle = handles[2];
    SetStdHandle(STD_INPUT_HANDLE, handles[0]);
    SetStdHandle(STD_OUTPUT_HANDLE, handles[1]);
    HANDLE error;
    if (DuplicateHandle(GetCurrentProcess(), handles[1], GetCurrentProcess(), &error, 0, FALSE,
                        DUPLICATE_SAME_ACCESS)) {
        SetStdHandle(STD_ERROR_HANDLE, error);
    }
    return TRUE;
}

BOOL WINAPI AllocConsole(void)
{
    return Attach(0);
}

/* Another process's console; the handlers registered before go, as
 * Windows does it (Wine's console.c:4447). */
BOOL WINAPI AttachConsole(DWORD process)
{
    if (process == 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!Attach(process)) {
        return FALSE;
    }
    BaseResetCtrlHandlers();
    return TRUE;
}

/* The process leaves its console; its standard handles stay as they
 * are (handles of a console it no longer has). */
BOOL WINAPI FreeConsole(void)
{
    RTL_USER_PROCESS_PARAMETERS *params = NtCurrentPeb()->ProcessParameters;
    HANDLE connection = params->ConsoleHandle;
    if (connection) {
        BaseConsoleRequest(connection, CondrvDetach, NULL, 0, NULL, 0, NULL);
        NtClose(connection);
        params->ConsoleHandle = NULL;
    }
    return TRUE;
}

void *WINAPI GetConsoleWindow(void)
{
    return NULL;
}

/* The ids of the processes attached to the console, the newest first;
 * how many there are (more than count: nothing copied). */
DWORD WINAPI GetConsoleProcessList(DWORD *list, DWORD count)
{
    if (!list || !count) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    HANDLE connection = BaseConsoleConnection();
    if (!connection) {
        SetLastError(ERROR_INVALID_HANDLE);
        return 0;
    }
    ULONG out[65];
    ULONG room = count < 64 ? count : 64;
    if (!BaseConsoleRequest(connection, CondrvProcessList, NULL, 0, out, 4 + 4 * room, NULL)) {
        return 0;
    }
    if (out[0] <= count) {
        memcpy(list, out + 1, out[0] * sizeof *list);
    }
    return out[0];
}

/* Whether h is a console's input or screen buffer; the last error stays. */
BOOL WINAPI VerifyConsoleIoHandle(HANDLE h)
{
    ULONG kind;
    DWORD error = GetLastError();
    BOOL ok = BaseConsoleRequest(h, CondrvGetKind, NULL, 0, &kind, sizeof kind, NULL) && kind != 2;
    SetLastError(error);
    return ok;
}

HANDLE WINAPI DuplicateConsoleHandle(HANDLE h, DWORD access, BOOL inherit, DWORD options)
{
    HANDLE copy;
    if (!DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &copy, access, inherit, options)) {
        return INVALID_HANDLE_VALUE;
    }
    return copy;
}

BOOL WINAPI CloseConsoleHandle(HANDLE h)
{
    return CloseHandle(h);
}

/* The input handle is what a wait on input waits for. */
HANDLE WINAPI GetConsoleInputWaitHandle(void)
{
    return NtCurrentPeb()->ProcessParameters->StandardInput;
}

/* CONIN$, CONOUT$ or CON, as CreateFile opens them. */
HANDLE WINAPI OpenConsoleW(const WCHAR *name, DWORD access, BOOL inherit, DWORD creation)
{
    static const WCHAR *const names[] = {L"CONIN$", L"CONOUT$", L"CON"};
    BOOL known = FALSE;
    for (int i = 0; name && i < 3; i++) {
        known |= lstrcmpiW(name, names[i]) == 0;
    }
    if (!known || creation != OPEN_EXISTING) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, inherit};
    return CreateFileW(name, access, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa, OPEN_EXISTING, 0, NULL);
}
