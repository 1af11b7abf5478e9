/*
 * The debugging API of a process that no debugger can attach to: ntmm has
 * no debug object (NtCreateDebugObject), so a thread is never a debugger.
 * The calls answer as Windows' do for a thread that has not connected to
 * one (its TEB's DbgSsReserved[1] is NULL): DbgUiWaitStateChange and
 * DbgUiContinue pass that NULL handle to NtWaitForDebugEvent and
 * NtDebugContinue, which fail with STATUS_INVALID_HANDLE, so
 * WaitForDebugEvent and ContinueDebugEvent return FALSE with
 * ERROR_INVALID_HANDLE. NtDebugContinue checks the continue status before
 * the handle: a status that is none of the five a debugger may give is
 * ERROR_INVALID_PARAMETER whether or not the thread debugs anything
 * (Wine's ntdll/tests/exception.c, test_debugger, states it for 0xdeadbeef).
 *
 * DebugActiveProcess first connects the thread to a debug object
 * (DbgUiConnectToDbg, kept in its TEB's DbgSsReserved[1]), then asks to
 * attach: its own process is STATUS_ACCESS_DENIED, another one cannot be
 * debugged here, ERROR_NOT_SUPPORTED (what 32-bit Windows answers for a
 * process it cannot attach to; Wine's kernel32/tests/loader.c). The debug
 * object stays, so a later WaitForDebugEvent waits on it: no event ever
 * comes, and a wait that times out is ERROR_SEM_TIMEOUT (loader.c again);
 * ContinueDebugEvent finds no event of that thread to continue,
 * STATUS_INVALID_PARAMETER. The stand-in for the debug object is an event
 * nothing signals.
 */
#include "kernel32/kernel32.h"

#define STATUS_INVALID_HANDLE ((NTSTATUS)0xC0000008L)
#define DBG_EXCEPTION_HANDLED     0x00010001u
#define DBG_CONTINUE              0x00010002u
#define DBG_TERMINATE_THREAD      0x40010003u
#define DBG_TERMINATE_PROCESS     0x40010004u
#define DBG_EXCEPTION_NOT_HANDLED 0x80010001u

#define TEB_DBG_SS_RESERVED_1 0xF24
#define ERROR_ACCESS_DENIED 5
#define ERROR_NOT_SUPPORTED 50
#define ERROR_SEM_TIMEOUT   121

static HANDLE DebugObject(void) { return (HANDLE)TebRead(TEB_DBG_SS_RESERVED_1); }

BOOL WINAPI DebugActiveProcess(DWORD process_id)
{
    if (!DebugObject()) {
        HANDLE object = CreateEventW(NULL, TRUE, FALSE, NULL);
        if (!object) {
            return FALSE;
        }
        TebWrite(TEB_DBG_SS_RESERVED_1, (ULONG)object);
    }
    HANDLE process = OpenProcess(0x1F0FFF /* PROCESS_ALL_ACCESS */, FALSE, process_id);
    if (!process) {
        return FALSE;   /* OpenProcess's error: ERROR_INVALID_PARAMETER for no such process */
    }
    CloseHandle(process);
    SetLastError(process_id == GetCurrentProcessId() ? ERROR_ACCESS_DENIED : ERROR_NOT_SUPPORTED);
    return FALSE;
}

BOOL WINAPI WaitForDebugEvent(DEBUG_EVENT *event, DWORD milliseconds)
{
    (void)event;
    HANDLE object = DebugObject();
    if (!object) {
        BaseSetLastNtError(STATUS_INVALID_HANDLE);
        return FALSE;
    }
    WaitForSingleObject(object, milliseconds);
    SetLastError(ERROR_SEM_TIMEOUT);
    return FALSE;
}

BOOL WINAPI ContinueDebugEvent(DWORD process_id, DWORD thread_id, DWORD status)
{
    (void)process_id;
    (void)thread_id;
    switch (status) {
    case DBG_EXCEPTION_HANDLED:
    case DBG_CONTINUE:
    case DBG_TERMINATE_THREAD:
    case DBG_TERMINATE_PROCESS:
    case DBG_EXCEPTION_NOT_HANDLED:
        BaseSetLastNtError(DebugObject() ? STATUS_INVALID_PARAMETER : STATUS_INVALID_HANDLE);
        break;
    default:
        BaseSetLastNtError(STATUS_INVALID_PARAMETER);
        break;
    }
    return FALSE;
}

/*
 * OutputDebugStringA raises DBG_PRINTEXCEPTION_C with two parameters, the
 * string's length counting its NUL and its address, so that a debugger (or
 * a vectored handler) sees it, and catches it itself when nobody takes it:
 * the program goes on either way (Wine's exception.c,
 * test_outputdebugstring: one exception, two parameters, 12 for
 * "Hello World"). With no debugger the text goes nowhere.
 * OutputDebugStringW passes its text on in the ANSI code page.
 */
#define DBG_PRINTEXCEPTION_C 0x40010006u

static EXCEPTION_DISPOSITION PrintHandler(EXCEPTION_RECORD *record,
                                          struct EXCEPTION_REGISTRATION_RECORD *frame,
                                          CONTEXT *context, PVOID dispatcher_context)
{
    (void)frame;
    (void)context;
    (void)dispatcher_context;
    if (!(record->ExceptionFlags & (EXCEPTION_UNWINDING | EXCEPTION_EXIT_UNWIND)) &&
        record->ExceptionCode == DBG_PRINTEXCEPTION_C) {
        return ExceptionContinueExecution;
    }
    return ExceptionContinueSearch;
}

void WINAPI OutputDebugStringA(const char *text)
{
    if (!text) {
        return;
    }
    ULONG_PTR arguments[2] = {strlen(text) + 1, (ULONG_PTR)text};
    EXCEPTION_REGISTRATION_RECORD frame;
    frame.Next = (EXCEPTION_REGISTRATION_RECORD *)TebRead(TEB_EXCEPTION_LIST);
    frame.Handler = PrintHandler;
    TebWrite(TEB_EXCEPTION_LIST, (ULONG)&frame);
    RaiseException(DBG_PRINTEXCEPTION_C, 0, 2, arguments);
    TebWrite(TEB_EXCEPTION_LIST, (ULONG)frame.Next);
}

void WINAPI OutputDebugStringW(const WCHAR *text)
{
    if (!text) {
        return;
    }
    int length = WideCharToMultiByte(CP_ACP, 0, text, -1, NULL, 0, NULL, NULL);
    char *ansi = length > 0 ? RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, (SIZE_T)length) : NULL;
    if (!ansi) {
        return;
    }
    WideCharToMultiByte(CP_ACP, 0, text, -1, ansi, length, NULL, NULL);
    OutputDebugStringA(ansi);
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, ansi);
}
