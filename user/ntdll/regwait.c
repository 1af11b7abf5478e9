/*
 * Registered waits: RtlRegisterWait, RtlDeregisterWait(Ex); kernel32's
 * RegisterWaitForSingleObject and UnregisterWait(Ex) translate to them.
 *
 * Each registration has a wait thread of its own, waiting for the object
 * or the timeout together with a cancel event. When the object is
 * signaled the callback runs as Callback(Context, FALSE), when the time
 * runs out as Callback(Context, TRUE) (WAITORTIMERCALLBACK), in the
 * thread pool (threadpool.c), or in the wait thread itself with
 * WT_EXECUTEINWAITTHREAD; then the wait starts again, unless
 * WT_EXECUTEONLYONCE (Microsoft's RegisterWaitForSingleObject: an object
 * that stays signaled, a manual-reset event, calls back again and again).
 *
 * RtlDeregisterWaitEx(handle, CompletionEvent) stops the wait and, as
 * deleting a timer-queue timer does for a timer, INVALID_HANDLE_VALUE
 * waits for the callbacks running; NULL does not and fails with
 * STATUS_PENDING if one is (but the caller's own); an event is set when
 * none is left. RtlDeregisterWait is RtlDeregisterWaitEx(handle, NULL).
 * The registration is freed when it is deregistered, its thread has
 * ended and its last callback returned (a reference each).
 */
#include "ntdll/ntdll.h"

#define EVENT_ALL_ACCESS 0x1F0003u
#define NOTIFICATION_EVENT 0
#define WT_EXECUTEINWAITTHREAD 0x4u
#define WT_EXECUTEONLYONCE 0x8u
#define STATUS_INVALID_HANDLE ((NTSTATUS)0xC0000008L)
#define INVALID_HANDLE ((HANDLE)(LONG)-1)

typedef struct REGISTERED_WAIT {
    HANDLE Object;
    PVOID Callback, Context;
    LARGE_INTEGER Timeout;   /* relative (negative) 100 ns units */
    BOOLEAN Infinite;
    ULONG Flags;
    HANDLE Cancel;       /* manual-reset: set by RtlDeregisterWaitEx */
    ULONG ClientId[2];   /* the wait thread's: process, thread */
    LONG References;     /* the registration, the wait thread, each running callback */
    LONG Running;
    HANDLE Idle;         /* manual-reset: set when Running is 0 */
    BOOLEAN Deregistered;
    HANDLE Completion;   /* set when the last callback returns after deregistering */
} REGISTERED_WAIT;

static RTL_CRITICAL_SECTION WaitLock = {NULL, -1, 0, NULL, NULL, 0};

static PVOID Heap(void)
{
    return NtCurrentPeb()->ProcessHeap;
}

static BOOLEAN IsEvent(HANDLE event)
{
    return event && event != INVALID_HANDLE;
}

static void Release(REGISTERED_WAIT *wait)
{
    RtlEnterCriticalSection(&WaitLock);
    LONG left = --wait->References;
    RtlLeaveCriticalSection(&WaitLock);
    if (left == 0) {
        NtClose(wait->Cancel);
        NtClose(wait->Idle);
        RtlFreeHeap(Heap(), 0, wait);
    }
}

static void RunCallback(PVOID parameter, PVOID timed_out)
{
    REGISTERED_WAIT *wait = parameter;
    ((void(NTAPI *)(PVOID, BOOLEAN))wait->Callback)(wait->Context, timed_out != NULL);
    HANDLE completion = NULL;
    RtlEnterCriticalSection(&WaitLock);
    if (--wait->Running == 0) {
        NtSetEvent(wait->Idle, NULL);
        if (wait->Deregistered) {
            completion = wait->Completion;
            wait->Completion = NULL;
        }
    }
    RtlLeaveCriticalSection(&WaitLock);
    if (IsEvent(completion)) {
        NtSetEvent(completion, NULL);
    }
    Release(wait);
}

static ULONG NTAPI WaitThread(PVOID parameter)
{
    REGISTERED_WAIT *wait = parameter;
    HANDLE handles[2] = {wait->Cancel, wait->Object};
    for (;;) {
        LARGE_INTEGER timeout = wait->Timeout;
        NTSTATUS result = NtWaitForMultipleObjects(2, handles, 1 /* WaitAny */, FALSE,
                                                   wait->Infinite ? NULL : &timeout);
        if (result != 1 /* STATUS_WAIT_1: the object */ && result != STATUS_TIMEOUT) {
            break;   /* cancelled, or the object is no longer there */
        }
        RtlEnterCriticalSection(&WaitLock);
        if (wait->Deregistered) {
            RtlLeaveCriticalSection(&WaitLock);
            break;
        }
        if (wait->Running++ == 0) {
            NtResetEvent(wait->Idle, NULL);
        }
        wait->References++;
        RtlLeaveCriticalSection(&WaitLock);
        PVOID timed_out = result == STATUS_TIMEOUT ? (PVOID)1 : NULL;
        if (wait->Flags & WT_EXECUTEINWAITTHREAD) {
            RunCallback(wait, timed_out);
        } else if (!NT_SUCCESS(RtlpQueueWork(RunCallback, wait, timed_out))) {
            RtlEnterCriticalSection(&WaitLock);
            if (--wait->Running == 0) {
                NtSetEvent(wait->Idle, NULL);
            }
            wait->References--;
            RtlLeaveCriticalSection(&WaitLock);
        }
        if (wait->Flags & WT_EXECUTEONLYONCE) {
            break;
        }
    }
    Release(wait);
    return 0;
}

NTSTATUS NTAPI RtlRegisterWait(HANDLE *new_wait, HANDLE object, PVOID callback, PVOID context,
                               ULONG milliseconds, ULONG flags)
{
    if (!new_wait || !callback) {
        return STATUS_INVALID_PARAMETER;
    }
    if (!object || object == INVALID_HANDLE) {
        return STATUS_INVALID_HANDLE;
    }
    REGISTERED_WAIT *wait = RtlAllocateHeap(Heap(), HEAP_ZERO_MEMORY, sizeof *wait);
    if (!wait) {
        return STATUS_NO_MEMORY;
    }
    wait->Object = object;
    wait->Callback = callback;
    wait->Context = context;
    wait->Infinite = milliseconds == 0xFFFFFFFFu;
    wait->Timeout.QuadPart = -(LONGLONG)milliseconds * 10000;
    wait->Flags = flags;
    wait->References = 2;
    NTSTATUS status = NtCreateEvent(&wait->Cancel, EVENT_ALL_ACCESS, NULL, NOTIFICATION_EVENT, FALSE);
    if (NT_SUCCESS(status)) {
        status = NtCreateEvent(&wait->Idle, EVENT_ALL_ACCESS, NULL, NOTIFICATION_EVENT, TRUE);
    }
    if (NT_SUCCESS(status)) {
        /* Its handle is the caller's before a callback can run: one may
         * deregister it at once (an object already signaled). */
        *new_wait = wait;
        status = RtlpStartThread(WaitThread, wait, NULL, wait->ClientId);
    }
    if (!NT_SUCCESS(status)) {
        if (wait->Cancel) {
            NtClose(wait->Cancel);
        }
        if (wait->Idle) {
            NtClose(wait->Idle);
        }
        RtlFreeHeap(Heap(), 0, wait);
        *new_wait = NULL;
        return status;
    }
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlDeregisterWaitEx(HANDLE handle, HANDLE completion)
{
    REGISTERED_WAIT *wait = handle;
    if (!wait) {
        return STATUS_INVALID_HANDLE;
    }
    RtlEnterCriticalSection(&WaitLock);
    wait->Deregistered = TRUE;
    BOOLEAN running = wait->Running != 0;
    /* A callback that deregisters its own wait cannot wait for itself; when
     * it is the only one running (WT_EXECUTEINWAITTHREAD) nothing else is
     * pending, and the deregistering succeeds (Wine's kernel32 thread.c
     * unregister_function states Windows' TRUE). */
    BOOLEAN self = running && wait->ClientId[1] == TebRead(TEB_THREAD_ID);
    BOOLEAN alone = self && wait->Running == 1;
    if (self && completion == INVALID_HANDLE) {
        completion = NULL;
    }
    if (running && completion != INVALID_HANDLE) {
        wait->Completion = completion;
    }
    RtlLeaveCriticalSection(&WaitLock);
    NtSetEvent(wait->Cancel, NULL);
    NTSTATUS status = STATUS_SUCCESS;
    if (running) {
        if (completion == INVALID_HANDLE) {
            NtWaitForSingleObject(wait->Idle, FALSE, NULL);
        } else if (!alone) {
            status = STATUS_PENDING;
        }
    } else if (IsEvent(completion)) {
        NtSetEvent(completion, NULL);
    }
    Release(wait);
    return status;
}

NTSTATUS NTAPI RtlDeregisterWait(HANDLE handle)
{
    return RtlDeregisterWaitEx(handle, NULL);
}
