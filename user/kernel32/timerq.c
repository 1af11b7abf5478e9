/*
 * Timer queues: CreateTimerQueue, CreateTimerQueueTimer,
 * ChangeTimerQueueTimer, DeleteTimerQueueTimer and DeleteTimerQueue(Ex)
 * are ntdll's RtlCreateTimerQueue, RtlCreateTimer, RtlUpdateTimer,
 * RtlDeleteTimer and RtlDeleteTimerQueueEx (timerq.c there), with the
 * NTSTATUS made the last error: STATUS_PENDING, a callback still running,
 * is ERROR_IO_PENDING.
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

HANDLE WINAPI CreateTimerQueue(void)
{
    HANDLE queue = NULL;
    return Succeeded(RtlCreateTimerQueue(&queue)) ? queue : NULL;
}

BOOL WINAPI CreateTimerQueueTimer(HANDLE *new_timer, HANDLE queue, PVOID callback,
                                  PVOID parameter, DWORD due, DWORD period, ULONG flags)
{
    return Succeeded(RtlCreateTimer(queue, new_timer, callback, parameter, due, period, flags));
}

BOOL WINAPI ChangeTimerQueueTimer(HANDLE queue, HANDLE timer, ULONG due, ULONG period)
{
    return Succeeded(RtlUpdateTimer(queue, timer, due, period));
}

BOOL WINAPI DeleteTimerQueueTimer(HANDLE queue, HANDLE timer, HANDLE completion)
{
    return Succeeded(RtlDeleteTimer(queue, timer, completion));
}

BOOL WINAPI DeleteTimerQueueEx(HANDLE queue, HANDLE completion)
{
    return Succeeded(RtlDeleteTimerQueueEx(queue, completion));
}

BOOL WINAPI DeleteTimerQueue(HANDLE queue)
{
    return DeleteTimerQueueEx(queue, NULL);
}
