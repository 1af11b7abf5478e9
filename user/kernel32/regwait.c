/*
 * Registered waits: RegisterWaitForSingleObject and UnregisterWait(Ex)
 * are ntdll's RtlRegisterWait and RtlDeregisterWait(Ex) (regwait.c
 * there), with the NTSTATUS made the last error: STATUS_PENDING, a
 * callback still running, is ERROR_IO_PENDING.
 */
#include "kernel32/kernel32.h"

static BOOL Succeeded(NTSTATUS status)
{
    if (status != STATUS_SUCCESS) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI RegisterWaitForSingleObject(HANDLE *new_wait, HANDLE object, PVOID callback,
                                        PVOID context, ULONG milliseconds, ULONG flags)
{
    return Succeeded(RtlRegisterWait(new_wait, object, callback, context, milliseconds, flags));
}

BOOL WINAPI UnregisterWaitEx(HANDLE handle, HANDLE completion)
{
    return Succeeded(RtlDeregisterWaitEx(handle, completion));
}

BOOL WINAPI UnregisterWait(HANDLE handle)
{
    return UnregisterWaitEx(handle, NULL);
}
