/*
 * The debugging calls of a process no debugger attaches to, and the small
 * services around exceptions, as 32-bit Windows answers them (Wine's
 * dlls/ntdll/tests/exception.c):
 *  - OutputDebugStringA raises DBG_PRINTEXCEPTION_C, which a vectored
 *    handler sees once, with two parameters: the length with its NUL and
 *    the string (test_outputdebugstring); the program goes on.
 *  - WaitForDebugEvent and ContinueDebugEvent fail with
 *    ERROR_INVALID_HANDLE for a thread that debugs nothing; a continue
 *    status that is none of the debugger's is ERROR_INVALID_PARAMETER
 *    first (test_debugger).
 *  - NtCallbackReturn outside a callback: STATUS_NO_CALLBACK_ACTIVE
 *    (test_user_callback).
 *  - NtSuspendProcess(NULL): STATUS_INVALID_HANDLE; NtResumeProcess takes
 *    one suspension from every thread (test_suspend_process).
 *  - RtlImageNtHeader: the image's "PE\0\0" headers, NULL for no image.
 * And ntmm's own answer where it cannot do what Windows does: a child
 * created with DEBUG_PROCESS would need a debug object, so CreateProcess
 * refuses it (ERROR_NOT_SUPPORTED) rather than start it undebugged for a
 * parent that would then wait for debug events forever.
 */
#include "pe.h"

NTSTATUS NTAPI NtCallbackReturn(PVOID result, ULONG length, NTSTATUS status);
NTSTATUS NTAPI NtSuspendProcess(HANDLE process);
NTSTATUS NTAPI NtResumeProcess(HANDLE process);
PVOID NTAPI RtlImageNtHeader(PVOID base);

static int Prints;
static DWORD PrintParams, PrintLength;
static const char *PrintText;

static LONG CALLBACK PrintWatcher(EXCEPTION_POINTERS *pointers)
{
    EXCEPTION_RECORD *record = pointers->ExceptionRecord;
    if (record->ExceptionCode == 0x40010006) { /* DBG_PRINTEXCEPTION_C */
        Prints++;
        PrintParams = record->NumberParameters;
        PrintLength = record->ExceptionInformation[0];
        PrintText = (const char *)record->ExceptionInformation[1];
    }
    return EXCEPTION_CONTINUE_SEARCH;
}

static DWORD WINAPI Idle(void *arg)
{
    (void)arg;
    return 7;
}

void __cdecl start(void)
{
    static const char hello[] = "Hello World";
    PVOID watcher = AddVectoredExceptionHandler(TRUE, PrintWatcher);
    OutputDebugStringA(hello);
    RemoveVectoredExceptionHandler(watcher);
    CHECK_EQ("OutputDebugStringA: one DBG_PRINTEXCEPTION_C", Prints, 1);
    CHECK_EQ("  two parameters", PrintParams, 2);
    CHECK_EQ("  the length with its NUL", PrintLength, 12);
    CHECK_EQ("  the string itself", (DWORD)PrintText, (DWORD)hello);

    DEBUG_EVENT event;
    SetLastError(0);
    CHECK_EQ("WaitForDebugEvent: FALSE", WaitForDebugEvent(&event, 0), FALSE);
    CHECK_EQ("  ERROR_INVALID_HANDLE", GetLastError(), ERROR_INVALID_HANDLE);
    SetLastError(0);
    CHECK_EQ("ContinueDebugEvent(DBG_CONTINUE): FALSE",
             ContinueDebugEvent(GetCurrentProcessId(), GetCurrentThreadId(), DBG_CONTINUE), FALSE);
    CHECK_EQ("  ERROR_INVALID_HANDLE", GetLastError(), ERROR_INVALID_HANDLE);
    SetLastError(0);
    CHECK_EQ("ContinueDebugEvent(0xDEADBEEF): FALSE",
             ContinueDebugEvent(GetCurrentProcessId(), GetCurrentThreadId(), 0xDEADBEEF), FALSE);
    CHECK_EQ("  ERROR_INVALID_PARAMETER", GetLastError(), ERROR_INVALID_PARAMETER);

    CHECK_EQ("NtCallbackReturn: STATUS_NO_CALLBACK_ACTIVE", NtCallbackReturn(NULL, 0, 0), 0xC0000258);

    CHECK_EQ("NtSuspendProcess(NULL): STATUS_INVALID_HANDLE", NtSuspendProcess(NULL), 0xC0000008);
    HANDLE thread = CreateThread(NULL, 0, Idle, NULL, CREATE_SUSPENDED, NULL);
    CHECK_EQ("NtResumeProcess(self): STATUS_SUCCESS", NtResumeProcess(GetCurrentProcess()), 0);
    CHECK_EQ("  the suspended thread runs", WaitForSingleObject(thread, INFINITE), WAIT_OBJECT_0);
    DWORD code = 0;
    GetExitCodeThread(thread, &code);
    CHECK_EQ("  to its end", code, 7);
    CloseHandle(thread);

    char line[] = "debug_calls.exe";
    STARTUPINFOA startup;
    memset(&startup, 0, sizeof startup);
    startup.cb = sizeof startup;
    PROCESS_INFORMATION info;
    SetLastError(0);
    CHECK_EQ("CreateProcessA(DEBUG_PROCESS): FALSE",
             CreateProcessA(NULL, line, NULL, NULL, FALSE, DEBUG_PROCESS, NULL, NULL, &startup, &info), FALSE);
    CHECK_EQ("  ERROR_NOT_SUPPORTED", GetLastError(), ERROR_NOT_SUPPORTED);

    BYTE *image = (BYTE *)GetModuleHandleA(NULL);
    CHECK_EQ("RtlImageNtHeader(the EXE): base + e_lfanew", (DWORD)RtlImageNtHeader(image),
             (DWORD)image + *(DWORD *)(image + 0x3C));
    CHECK_EQ("RtlImageNtHeader(NULL): NULL", (DWORD)RtlImageNtHeader(NULL), 0);
    static BYTE not_an_image[64] = {'M', 'Q'};
    CHECK_EQ("RtlImageNtHeader(no MZ): NULL", (DWORD)RtlImageNtHeader(not_an_image), 0);
    Finish();
}
