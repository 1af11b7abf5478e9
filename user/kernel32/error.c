/* The thread's last-error value lives in its TEB (LastErrorValue, +0x34). */
#include "kernel32/kernel32.h"

ULONG BaseSetLastNtError(NTSTATUS status)
{
    ULONG error = RtlNtStatusToDosError(status);
    RtlSetLastWin32Error(error);
    return error;
}

DWORD WINAPI GetLastError(void)
{
    return TebRead(TEB_LAST_ERROR);
}

void WINAPI SetLastError(DWORD error)
{
    TebWrite(TEB_LAST_ERROR, error);
}
