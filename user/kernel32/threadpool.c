/*
 * kernel32's face of the thread pool, which is ntdll's (threadpool.c
 * there): QueueUserWorkItem, TrySubmitThreadpoolCallback and the Vista
 * work objects translate their arguments and a failing NTSTATUS into the
 * last error, as Windows' kernel32 does. BasepQueueWork hands the timer
 * queues' callbacks (timerq.c) to the same workers.
 */
#include "kernel32/kernel32.h"

typedef struct BASEP_WORK {
    void (*Routine)(PVOID a, PVOID b);
    PVOID A, B;
} BASEP_WORK;

static PVOID Heap(void)
{
    return NtCurrentPeb()->ProcessHeap;
}

static DWORD WINAPI RunBaseWork(PVOID parameter)
{
    BASEP_WORK work = *(BASEP_WORK *)parameter;
    RtlFreeHeap(Heap(), 0, parameter);
    work.Routine(work.A, work.B);
    return 0;
}

BOOL BasepQueueWork(void (*routine)(PVOID a, PVOID b), PVOID a, PVOID b)
{
    BASEP_WORK *work = RtlAllocateHeap(Heap(), 0, sizeof *work);
    if (!work) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    work->Routine = routine;
    work->A = a;
    work->B = b;
    NTSTATUS status = RtlQueueWorkItem((PVOID)RunBaseWork, work, 0);
    if (!NT_SUCCESS(status)) {
        RtlFreeHeap(Heap(), 0, work);
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

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
