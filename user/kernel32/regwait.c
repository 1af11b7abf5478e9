/*
 * Registered waits: RegisterWaitForSingleObject, UnregisterWait(Ex).
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
 * UnregisterWaitEx(handle, CompletionEvent) stops the wait and, as
 * DeleteTimerQueueTimer does for a timer (timerq.c), INVALID_HANDLE_VALUE
 * waits for the callbacks running; NULL does not and fails with
 * ERROR_IO_PENDING if one is (but the caller's own); an event is set when
 * none is left.
 * UnregisterWait is UnregisterWaitEx(handle, NULL). The registration is
 * freed when it is unregistered, its thread has ended and its last
 * callback returned (a reference each).
 */
#include "kernel32/kernel32.h"

#define ERROR_IO_PENDING 997
#define INFINITE 0xFFFFFFFFu
#define WT_EXECUTEINWAITTHREAD 0x4u
#define WT_EXECUTEONLYONCE 0x8u
#define WAIT_OBJECT_0 0u
#define WAIT_TIMEOUT 258u

typedef struct REGISTERED_WAIT {
    HANDLE Object;
    PVOID Callback, Context;
    DWORD Timeout;
    ULONG Flags;
    HANDLE Cancel;       /* manual-reset: set by UnregisterWaitEx */
    DWORD ThreadId;
    LONG References;     /* the registration, the wait thread, each running callback */
    LONG Running;
    HANDLE Idle;         /* manual-reset: set when Running is 0 */
    BOOL Unregistered;
    HANDLE Completion;   /* set when the last callback returns after unregistering */
} REGISTERED_WAIT;

static RTL_CRITICAL_SECTION WaitLock = {NULL, -1, 0, NULL, NULL, 0};

static PVOID Heap(void)
{
    return NtCurrentPeb()->ProcessHeap;
}

static void Release(REGISTERED_WAIT *wait)
{
    RtlEnterCriticalSection(&WaitLock);
    LONG left = --wait->References;
    RtlLeaveCriticalSection(&WaitLock);
    if (left == 0) {
        CloseHandle(wait->Cancel);
        CloseHandle(wait->Idle);
        RtlFreeHeap(Heap(), 0, wait);
    }
}

static void RunCallback(PVOID parameter, PVOID timed_out)
{
    REGISTERED_WAIT *wait = parameter;
    ((void(WINAPI *)(PVOID, BOOLEAN))wait->Callback)(wait->Context, timed_out != NULL);
    HANDLE completion = NULL;
    RtlEnterCriticalSection(&WaitLock);
    if (--wait->Running == 0) {
        SetEvent(wait->Idle);
        if (wait->Unregistered) {
            completion = wait->Completion;
            wait->Completion = NULL;
        }
    }
    RtlLeaveCriticalSection(&WaitLock);
    if (completion && completion != INVALID_HANDLE_VALUE) {
        SetEvent(completion);
    }
    Release(wait);
}

static DWORD WINAPI WaitThread(PVOID parameter)
{
    REGISTERED_WAIT *wait = parameter;
    HANDLE handles[2] = {wait->Cancel, wait->Object};
    for (;;) {
        DWORD result = WaitForMultipleObjects(2, handles, FALSE, wait->Timeout);
        if (result != WAIT_OBJECT_0 + 1 && result != WAIT_TIMEOUT) {
            break;   /* cancelled, or the object is no longer there */
        }
        RtlEnterCriticalSection(&WaitLock);
        if (wait->Unregistered) {
            RtlLeaveCriticalSection(&WaitLock);
            break;
        }
        if (wait->Running++ == 0) {
            ResetEvent(wait->Idle);
        }
        wait->References++;
        RtlLeaveCriticalSection(&WaitLock);
        PVOID timed_out = result == WAIT_TIMEOUT ? (PVOID)1 : NULL;
        if (wait->Flags & WT_EXECUTEINWAITTHREAD) {
            RunCallback(wait, timed_out);
        } else if (!BasepQueueWork(RunCallback, wait, timed_out)) {
            RtlEnterCriticalSection(&WaitLock);
            if (--wait->Running == 0) {
                SetEvent(wait->Idle);
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

BOOL WINAPI RegisterWaitForSingleObject(HANDLE *new_wait, HANDLE object, PVOID callback,
                                        PVOID context, ULONG milliseconds, ULONG flags)
{
    if (!new_wait || !callback) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!object || object == INVALID_HANDLE_VALUE) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    REGISTERED_WAIT *wait = RtlAllocateHeap(Heap(), HEAP_ZERO_MEMORY, sizeof *wait);
    if (!wait) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    wait->Object = object;
    wait->Callback = callback;
    wait->Context = context;
    wait->Timeout = milliseconds;
    wait->Flags = flags;
    wait->References = 2;
    wait->Cancel = CreateEventW(NULL, TRUE, FALSE, NULL);
    wait->Idle = CreateEventW(NULL, TRUE, TRUE, NULL);
    HANDLE thread = NULL;
    if (wait->Cancel && wait->Idle) {
        thread = CreateThread(NULL, 0, WaitThread, wait, 0, &wait->ThreadId);
    }
    if (!thread) {
        if (wait->Cancel) {
            CloseHandle(wait->Cancel);
        }
        if (wait->Idle) {
            CloseHandle(wait->Idle);
        }
        RtlFreeHeap(Heap(), 0, wait);
        return FALSE;
    }
    CloseHandle(thread);
    *new_wait = wait;
    return TRUE;
}

BOOL WINAPI UnregisterWaitEx(HANDLE handle, HANDLE completion)
{
    REGISTERED_WAIT *wait = handle;
    if (!wait) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    RtlEnterCriticalSection(&WaitLock);
    wait->Unregistered = TRUE;
    BOOL running = wait->Running != 0;
    /* A callback that unregisters its own wait cannot wait for itself; when
     * it is the only one running (WT_EXECUTEINWAITTHREAD) nothing else is
     * pending, and the unregistering succeeds (Wine's kernel32 thread.c
     * unregister_function states Windows' TRUE). */
    BOOL self = running && wait->ThreadId == GetCurrentThreadId();
    BOOL alone = self && wait->Running == 1;
    if (self && completion == INVALID_HANDLE_VALUE) {
        completion = NULL;
    }
    if (running && completion != INVALID_HANDLE_VALUE) {
        wait->Completion = completion;
    }
    RtlLeaveCriticalSection(&WaitLock);
    SetEvent(wait->Cancel);
    BOOL done = TRUE;
    if (running) {
        if (completion == INVALID_HANDLE_VALUE) {
            WaitForSingleObject(wait->Idle, INFINITE);
        } else {
            done = alone;
        }
    } else if (completion && completion != INVALID_HANDLE_VALUE) {
        SetEvent(completion);
    }
    Release(wait);
    if (!done) {
        SetLastError(ERROR_IO_PENDING);
    }
    return done;
}

BOOL WINAPI UnregisterWait(HANDLE handle)
{
    return UnregisterWaitEx(handle, NULL);
}
