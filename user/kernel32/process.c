/* The current process and thread. */
#include "kernel32/kernel32.h"

void WINAPI ExitProcess(unsigned int code);

void WINAPI ExitProcess(unsigned int code)
{
    /* NT ends the other threads first (NULL), then itself. */
    NtTerminateProcess(NULL, (NTSTATUS)code);
    NtTerminateProcess(NtCurrentProcess(), (NTSTATUS)code);
    for (;;) {
    }
}

HANDLE WINAPI GetCurrentProcess(void)
{
    return NtCurrentProcess();
}

HANDLE WINAPI GetCurrentThread(void)
{
    return NtCurrentThread();
}

DWORD WINAPI GetCurrentProcessId(void)
{
    return TebRead(TEB_PROCESS_ID);
}

DWORD WINAPI GetCurrentThreadId(void)
{
    return TebRead(TEB_THREAD_ID);
}
