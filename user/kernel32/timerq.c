/*
 * Timer queues: CreateTimerQueue, CreateTimerQueueTimer,
 * ChangeTimerQueueTimer, DeleteTimerQueueTimer, DeleteTimerQueue(Ex).
 *
 * Each queue has a timer thread that sleeps until the earliest due time
 * (guest time: GetTickCount64) or until the queue changes, then hands
 * each due timer's callback — Callback(Parameter, TRUE: a timer always
 * "timed out") — to the thread pool (threadpool.c), or calls it itself
 * with WT_EXECUTEINTIMERTHREAD. A periodic timer is due again Period
 * milliseconds after it was due; a one-shot timer (Period 0) fires once,
 * and a ChangeTimerQueueTimer after that succeeds and changes nothing
 * (Wine's test_timer_queue, its timer_queue_cb4, on Windows). The queue
 * NULL is the process's default queue, made when first used; it cannot be
 * deleted (ERROR_INVALID_HANDLE).
 *
 * Deleting a timer stops it at once; its callbacks already running go on.
 * DeleteTimerQueueTimer's CompletionEvent says what to do about them, as
 * Microsoft documents and Wine's test_timer_queue checks on Windows:
 * INVALID_HANDLE_VALUE waits for them (TRUE); NULL does not, and if any
 * is running the call fails with ERROR_IO_PENDING (the timer is freed
 * when the last returns); an event is set when none is left: at once
 * (TRUE) or when the last returns (FALSE, ERROR_IO_PENDING).
 * DeleteTimerQueueEx deletes every timer the same way and returns TRUE
 * (Vista and later); its event is set, or its INVALID_HANDLE_VALUE
 * returns, once every callback has returned and the timer thread ended.
 */
#include "kernel32/kernel32.h"

#define ERROR_IO_PENDING 997
#define INFINITE 0xFFFFFFFFu
#define WT_EXECUTEINTIMERTHREAD 0x20u
#define NEVER 0xFFFFFFFFFFFFFFFFull

typedef struct TIMER_QUEUE TIMER_QUEUE;

typedef struct QUEUE_TIMER {
    struct QUEUE_TIMER *Next;
    TIMER_QUEUE *Queue;
    PVOID Callback, Parameter;
    ULONGLONG Due;       /* GetTickCount64 time; NEVER: not scheduled */
    ULONG Period;
    ULONG Flags;
    BOOL Expired;        /* a one-shot timer that has fired */
    BOOL Deleted;
    BOOL FreeWhenIdle;   /* deleted without waiting: the last callback frees it */
    HANDLE Completion;   /* set when a deleted timer's last callback returns */
    LONG Running;
    HANDLE Idle;         /* manual-reset: set when Running is 0 */
} QUEUE_TIMER;

struct TIMER_QUEUE {
    QUEUE_TIMER *Timers;
    LONG Live;           /* timers not freed yet */
    HANDLE Wake;         /* auto-reset: the queue changed */
    HANDLE Thread;
    BOOL Deleting;
    BOOL WaiterFrees;    /* DeleteTimerQueueEx(INVALID_HANDLE_VALUE) waits for the thread */
    HANDLE Completion;
};

static RTL_CRITICAL_SECTION TimerLock = {NULL, -1, 0, NULL, NULL, 0};
static TIMER_QUEUE *DefaultQueue;

static PVOID Heap(void)
{
    return NtCurrentPeb()->ProcessHeap;
}

static BOOL IsEvent(HANDLE event)
{
    return event && event != INVALID_HANDLE_VALUE;
}

/* With the lock held: the timer off its queue and freed. */
static void FreeTimer(QUEUE_TIMER *timer)
{
    TIMER_QUEUE *queue = timer->Queue;
    for (QUEUE_TIMER **link = &queue->Timers; *link; link = &(*link)->Next) {
        if (*link == timer) {
            *link = timer->Next;
            break;
        }
    }
    queue->Live--;
    CloseHandle(timer->Idle);
    RtlFreeHeap(Heap(), 0, timer);
    if (queue->Deleting) {
        SetEvent(queue->Wake);
    }
}

static void CallbackReturned(QUEUE_TIMER *timer)
{
    HANDLE completion = NULL;
    RtlEnterCriticalSection(&TimerLock);
    if (--timer->Running == 0) {
        SetEvent(timer->Idle);
        if (timer->FreeWhenIdle) {
            completion = timer->Completion;
            FreeTimer(timer);
        }
    }
    RtlLeaveCriticalSection(&TimerLock);
    if (IsEvent(completion)) {
        SetEvent(completion);
    }
}

static void RunTimer(PVOID parameter, PVOID unused)
{
    (void)unused;
    QUEUE_TIMER *timer = parameter;
    ((void(WINAPI *)(PVOID, BOOLEAN))timer->Callback)(timer->Parameter, TRUE);
    CallbackReturned(timer);
}

/* With the lock held: a due timer, marked running and rescheduled; or
 * NULL, and *wait the milliseconds until the next (INFINITE: none). */
static QUEUE_TIMER *NextDue(TIMER_QUEUE *queue, DWORD *wait)
{
    ULONGLONG now = GetTickCount64(), next = NEVER;
    for (QUEUE_TIMER *timer = queue->Timers; timer; timer = timer->Next) {
        if (timer->Deleted || timer->Due == NEVER) {
            continue;
        }
        if (timer->Due <= now) {
            if (timer->Period) {
                timer->Due += timer->Period;
                if (timer->Due <= now) {
                    timer->Due = now + timer->Period;   /* fell behind: no burst of calls */
                }
            } else {
                timer->Due = NEVER;
                timer->Expired = TRUE;
            }
            if (timer->Running++ == 0) {
                ResetEvent(timer->Idle);
            }
            return timer;
        }
        next = timer->Due < next ? timer->Due : next;
    }
    *wait = next == NEVER ? INFINITE : (DWORD)(next - now);
    return NULL;
}

static DWORD WINAPI TimerThread(PVOID parameter)
{
    TIMER_QUEUE *queue = parameter;
    for (;;) {
        DWORD wait = INFINITE;
        RtlEnterCriticalSection(&TimerLock);
        if (queue->Deleting && queue->Live == 0) {
            break;
        }
        QUEUE_TIMER *timer = queue->Deleting ? NULL : NextDue(queue, &wait);
        RtlLeaveCriticalSection(&TimerLock);
        if (!timer) {
            WaitForSingleObject(queue->Wake, wait);
        } else if (timer->Flags & WT_EXECUTEINTIMERTHREAD) {
            RunTimer(timer, NULL);
        } else if (!BasepQueueWork(RunTimer, timer, NULL)) {
            CallbackReturned(timer);
        }
    }
    BOOL waiter_frees = queue->WaiterFrees;
    HANDLE completion = queue->Completion;
    RtlLeaveCriticalSection(&TimerLock);
    if (IsEvent(completion)) {
        SetEvent(completion);
    }
    if (!waiter_frees) {
        CloseHandle(queue->Thread);
        CloseHandle(queue->Wake);
        RtlFreeHeap(Heap(), 0, queue);
    }
    return 0;
}

HANDLE WINAPI CreateTimerQueue(void)
{
    TIMER_QUEUE *queue = RtlAllocateHeap(Heap(), HEAP_ZERO_MEMORY, sizeof *queue);
    if (!queue) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    queue->Wake = CreateEventW(NULL, FALSE, FALSE, NULL);
    queue->Thread = queue->Wake ? CreateThread(NULL, 0, TimerThread, queue, 0, NULL) : NULL;
    if (!queue->Thread) {
        if (queue->Wake) {
            CloseHandle(queue->Wake);
        }
        RtlFreeHeap(Heap(), 0, queue);
        return NULL;
    }
    return queue;
}

/* The queue a handle names: NULL is the default one, made if need be. */
static TIMER_QUEUE *QueueOf(HANDLE handle)
{
    if (handle) {
        return handle;
    }
    RtlEnterCriticalSection(&TimerLock);
    if (!DefaultQueue) {
        DefaultQueue = CreateTimerQueue();
    }
    TIMER_QUEUE *queue = DefaultQueue;
    RtlLeaveCriticalSection(&TimerLock);
    return queue;
}

BOOL WINAPI CreateTimerQueueTimer(HANDLE *new_timer, HANDLE queue_handle, PVOID callback,
                                  PVOID parameter, DWORD due, DWORD period, ULONG flags)
{
    if (!new_timer || !callback) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    TIMER_QUEUE *queue = QueueOf(queue_handle);
    if (!queue) {
        return FALSE;
    }
    QUEUE_TIMER *timer = RtlAllocateHeap(Heap(), HEAP_ZERO_MEMORY, sizeof *timer);
    if (!timer) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    timer->Idle = CreateEventW(NULL, TRUE, TRUE, NULL);
    if (!timer->Idle) {
        RtlFreeHeap(Heap(), 0, timer);
        return FALSE;
    }
    timer->Queue = queue;
    timer->Callback = callback;
    timer->Parameter = parameter;
    timer->Period = period;
    timer->Flags = flags;
    RtlEnterCriticalSection(&TimerLock);
    if (queue->Deleting) {
        RtlLeaveCriticalSection(&TimerLock);
        CloseHandle(timer->Idle);
        RtlFreeHeap(Heap(), 0, timer);
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    timer->Due = GetTickCount64() + due;
    timer->Next = queue->Timers;
    queue->Timers = timer;
    queue->Live++;
    *new_timer = timer;
    RtlLeaveCriticalSection(&TimerLock);
    SetEvent(queue->Wake);
    return TRUE;
}

/* A timer handle for Change or Delete: the timer with the lock held, or
 * NULL (lock not held, ERROR_INVALID_PARAMETER) for NULL or a timer already
 * deleted. */
static QUEUE_TIMER *LockLiveTimer(HANDLE timer_handle)
{
    QUEUE_TIMER *timer = timer_handle;
    if (timer) {
        RtlEnterCriticalSection(&TimerLock);
        if (!timer->Deleted) {
            return timer;
        }
        RtlLeaveCriticalSection(&TimerLock);
    }
    SetLastError(ERROR_INVALID_PARAMETER);
    return NULL;
}

BOOL WINAPI ChangeTimerQueueTimer(HANDLE queue_handle, HANDLE timer_handle, ULONG due,
                                  ULONG period)
{
    (void)queue_handle;
    QUEUE_TIMER *timer = LockLiveTimer(timer_handle);
    if (!timer) {
        return FALSE;
    }
    if (!timer->Expired) {
        timer->Due = GetTickCount64() + due;
        timer->Period = period;
    }
    RtlLeaveCriticalSection(&TimerLock);
    SetEvent(timer->Queue->Wake);
    return TRUE;
}

/* With the lock held: the timer deleted. TRUE if it is gone already
 * (freed, or its callbacks done and the waiter's to free). */
static BOOL DeleteTimer(QUEUE_TIMER *timer, HANDLE completion)
{
    timer->Deleted = TRUE;
    timer->Due = NEVER;
    if (timer->Running == 0) {
        FreeTimer(timer);
        return TRUE;
    }
    if (completion != INVALID_HANDLE_VALUE) {
        timer->FreeWhenIdle = TRUE;
        timer->Completion = completion;
    }
    return FALSE;
}

BOOL WINAPI DeleteTimerQueueTimer(HANDLE queue_handle, HANDLE timer_handle, HANDLE completion)
{
    (void)queue_handle;
    QUEUE_TIMER *timer = LockLiveTimer(timer_handle);
    if (!timer) {
        return FALSE;
    }
    BOOL gone = DeleteTimer(timer, completion);
    RtlLeaveCriticalSection(&TimerLock);
    if (gone) {
        if (IsEvent(completion)) {
            SetEvent(completion);
        }
        return TRUE;
    }
    if (completion == INVALID_HANDLE_VALUE) {
        WaitForSingleObject(timer->Idle, INFINITE);
        RtlEnterCriticalSection(&TimerLock);
        FreeTimer(timer);
        RtlLeaveCriticalSection(&TimerLock);
        return TRUE;
    }
    SetLastError(ERROR_IO_PENDING);
    return FALSE;
}

BOOL WINAPI DeleteTimerQueueEx(HANDLE queue_handle, HANDLE completion)
{
    TIMER_QUEUE *queue = queue_handle;
    if (!queue || queue == DefaultQueue) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    BOOL wait = completion == INVALID_HANDLE_VALUE;
    RtlEnterCriticalSection(&TimerLock);
    if (queue->Deleting) {
        RtlLeaveCriticalSection(&TimerLock);
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    queue->Deleting = TRUE;
    queue->WaiterFrees = wait;
    queue->Completion = wait ? NULL : completion;
    QUEUE_TIMER *timer = queue->Timers;
    while (timer) {
        QUEUE_TIMER *next = timer->Next;
        if (!timer->Deleted) {
            /* Running ones are freed by their last callback: the thread
             * waits for that (Live), and so does a waiting caller. */
            DeleteTimer(timer, NULL);
        }
        timer = next;
    }
    RtlLeaveCriticalSection(&TimerLock);
    SetEvent(queue->Wake);
    if (wait) {
        WaitForSingleObject(queue->Thread, INFINITE);
        CloseHandle(queue->Thread);
        CloseHandle(queue->Wake);
        RtlFreeHeap(Heap(), 0, queue);
    }
    return TRUE;
}

BOOL WINAPI DeleteTimerQueue(HANDLE queue)
{
    return DeleteTimerQueueEx(queue, NULL);
}
