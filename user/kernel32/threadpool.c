/*
 * kernel32's face of the thread pool, which is ntdll's (threadpool.c
 * there): QueueUserWorkItem, TrySubmitThreadpoolCallback and the Vista
 * work objects translate their arguments and a failing NTSTATUS into the
 * last error, as Windows' kernel32 does.
 */
#include "kernel32/kernel32.h"

static BOOL Succeeded(NTSTATUS status)
{
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI QueueUserWorkItem(PVOID function, PVOID context, ULONG flags)
{
    return Succeeded(RtlQueueWorkItem(function, context, flags));
}

BOOL WINAPI TrySubmitThreadpoolCallback(PVOID callback, PVOID context, PVOID environment)
{
    return Succeeded(TpSimpleTryPost(callback, context, environment));
}

TP_WORK *WINAPI CreateThreadpoolWork(PVOID callback, PVOID context, PVOID environment)
{
    TP_WORK *work = NULL;
    return Succeeded(TpAllocWork(&work, callback, context, environment)) ? work : NULL;
}

void WINAPI SubmitThreadpoolWork(TP_WORK *work)
{
    TpPostWork(work);
}

void WINAPI WaitForThreadpoolWorkCallbacks(TP_WORK *work, BOOL cancel_pending)
{
    TpWaitForWork(work, cancel_pending);
}

void WINAPI CloseThreadpoolWork(TP_WORK *work)
{
    TpReleaseWork(work);
}
