/*
 * Timer queues: RtlCreateTimerQueue, RtlCreateTimer, RtlUpdateTimer,
 * RtlDeleteTimer, RtlDeleteTimerQueueEx; kernel32's CreateTimerQueue,
 * CreateTimerQueueTimer, ChangeTimerQueueTimer, DeleteTimerQueueTimer and
 * DeleteTimerQueue(Ex) translate to them.
 *
 * Each queue has a timer thread that sleeps until the earliest due time
 * (guest time in milliseconds: RtlpNowMs) or until the queue changes, then hands
 * each due timer's callback — Callback(Parameter, TRUE: a timer always
 * "timed out") — to the thread pool (threadpool.c), or calls it itself
 * with WT_EXECUTEINTIMERTHREAD. A periodic timer is due again Period
 * milliseconds after it was due; a one-shot timer (Period 0) fires once,
 * and an update after that succeeds and changes nothing (Wine's kernel32
 * test_timer_queue, its timer_queue_cb4, on Windows). The queue NULL is
 * the process's default queue, made when first used; it cannot be
 * deleted (STATUS_INVALID_HANDLE).
 *
 * Deleting a timer stops it at once; its callbacks already running go on.
 * The CompletionEvent says what to do about them, as Microsoft documents
 * for DeleteTimerQueueTimer and Wine's test_timer_queue checks on Windows:
 * INVALID_HANDLE_VALUE waits for them (success); NULL does not, and if
 * any is running the call is STATUS_PENDING (the timer is freed when the
 * last returns); an event is set when none is left: at once (success) or
 * when the last returns (STATUS_PENDING). RtlDeleteTimerQueueEx deletes
 * every timer the same way and succeeds (Vista and later); its event is
 * set, or its INVALID_HANDLE_VALUE returns, once every callback has
 * returned and the timer thread ended.
 */
#include "ntdll/ntdll.h"

#define EVENT_ALL_ACCESS 0x1F0003u
#define SYNCHRONIZATION_EVENT 1
#define STATUS_INVALID_HANDLE ((NTSTATUS)0xC0000008L)
#define INVALID_HANDLE ((HANDLE)(LONG)-1)
#define INFINITE 0xFFFFFFFFu
#define WT_EXECUTEINTIMERTHREAD 0x20u
#define NEVER 0xFFFFFFFFFFFFFFFFull

typedef struct TIMER_QUEUE TIMER_QUEUE;

typedef struct QUEUE_TIMER {
    struct QUEUE_TIMER *Next;
    TIMER_QUEUE *Queue;
    PVOID Callback, Parameter;
    ULONGLONG Due;       /* RtlpNowMs's time; NEVER: not scheduled */
    ULONG Period;
    ULONG Flags;
    BOOLEAN Expired;        /* a one-shot timer that has fired */
    BOOLEAN Deleted;
    BOOLEAN FreeWhenIdle;   /* deleted without waiting: the last callback frees it */
    HANDLE Completion;   /* set when a deleted timer's last callback returns */
    LONG Running;
    HANDLE Idle;         /* manual-reset: set when Running is 0 */
} QUEUE_TIMER;

struct TIMER_QUEUE {
    QUEUE_TIMER *Timers;
    LONG Live;           /* timers not freed yet */
    HANDLE Wake;         /* auto-reset: the queue changed */
    HANDLE Thread;
    BOOLEAN Deleting;
    BOOLEAN WaiterFrees;    /* DeleteTimerQueueEx(INVALID_HANDLE) waits for the thread */
    HANDLE Completion;
};

static RTL_CRITICAL_SECTION TimerLock = {NULL, -1, 0, NULL, NULL, 0};
static TIMER_QUEUE *DefaultQueue;

static PVOID Heap(void)
{
    return NtCurrentPeb()->ProcessHeap;
}

static BOOLEAN IsEvent(HANDLE event)
{
    return event && event != INVALID_HANDLE;
}

/* The time in milliseconds from KUSER_SHARED_DATA's InterruptTime (100 ns
 * units), not GetTickCount's 15.6 ms clock ticks: a 10 ms period is 10 ms,
 * as the waits it sleeps with are. */
ULONGLONG RtlpNowMs(void)
{
    const volatile ULONG *time = (const volatile ULONG *)(0x7FFE0000 + 0x008);
    ULONG low, high;
    do {   /* High1Time, LowPart, then High2Time: equal highs mean a consistent read */
        high = time[1];
        low = time[0];
    } while (high != time[2]);
    return ((ULONGLONG)high << 32 | low) / 10000;
}

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
    NtClose(timer->Idle);
    RtlFreeHeap(Heap(), 0, timer);
    if (queue->Deleting) {
        NtSetEvent(queue->Wake, NULL);
    }
}

static void CallbackReturned(QUEUE_TIMER *timer)
{
    HANDLE completion = NULL;
    RtlEnterCriticalSection(&TimerLock);
    if (--timer->Running == 0) {
        NtSetEvent(timer->Idle, NULL);
        if (timer->FreeWhenIdle) {
            completion = timer->Completion;
            FreeTimer(timer);
        }
    }
    RtlLeaveCriticalSection(&TimerLock);
    if (IsEvent(completion)) {
        NtSetEvent(completion, NULL);
    }
}

static void RunTimer(PVOID parameter, PVOID unused)
{
    (void)unused;
    QUEUE_TIMER *timer = parameter;
    ((void(NTAPI *)(PVOID, BOOLEAN))timer->Callback)(timer->Parameter, TRUE);
    CallbackReturned(timer);
}

/* With the lock held: a due timer, marked running and rescheduled; or
 * NULL, and *wait the milliseconds until the next (INFINITE: none). */
static QUEUE_TIMER *NextDue(TIMER_QUEUE *queue, ULONG *wait)
{
    ULONGLONG now = RtlpNowMs(), next = NEVER;
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
                NtResetEvent(timer->Idle, NULL);
            }
            return timer;
        }
        next = timer->Due < next ? timer->Due : next;
    }
    *wait = next == NEVER ? INFINITE : (ULONG)(next - now);
    return NULL;
}

static ULONG NTAPI TimerThread(PVOID parameter)
{
    TIMER_QUEUE *queue = parameter;
    for (;;) {
        ULONG wait = INFINITE;
        RtlEnterCriticalSection(&TimerLock);
        if (queue->Deleting && queue->Live == 0) {
            break;
        }
        QUEUE_TIMER *timer = queue->Deleting ? NULL : NextDue(queue, &wait);
        RtlLeaveCriticalSection(&TimerLock);
        if (!timer) {
            LARGE_INTEGER timeout;
            timeout.QuadPart = -(LONGLONG)wait * 10000;
            NtWaitForSingleObject(queue->Wake, FALSE, wait == INFINITE ? NULL : &timeout);
        } else if (timer->Flags & WT_EXECUTEINTIMERTHREAD) {
            RunTimer(timer, NULL);
        } else if (!NT_SUCCESS(RtlpQueueWork(RunTimer, timer, NULL))) {
            CallbackReturned(timer);
        }
    }
    BOOLEAN waiter_frees = queue->WaiterFrees;
    HANDLE completion = queue->Completion;
    RtlLeaveCriticalSection(&TimerLock);
    if (IsEvent(completion)) {
        NtSetEvent(completion, NULL);
    }
    if (!waiter_frees) {
        NtClose(queue->Thread);
        NtClose(queue->Wake);
        RtlFreeHeap(Heap(), 0, queue);
    }
    return 0;
}

NTSTATUS NTAPI RtlCreateTimerQueue(HANDLE *new_queue)
{
    TIMER_QUEUE *queue = RtlAllocateHeap(Heap(), HEAP_ZERO_MEMORY, sizeof *queue);
    if (!queue) {
        return STATUS_NO_MEMORY;
    }
    NTSTATUS status = NtCreateEvent(&queue->Wake, EVENT_ALL_ACCESS, NULL, SYNCHRONIZATION_EVENT,
                                    FALSE);
    if (NT_SUCCESS(status)) {
        status = RtlpStartThread(TimerThread, queue, &queue->Thread, NULL);
        if (!NT_SUCCESS(status)) {
            NtClose(queue->Wake);
        }
    }
    if (!NT_SUCCESS(status)) {
        RtlFreeHeap(Heap(), 0, queue);
        return status;
    }
    *new_queue = queue;
    return STATUS_SUCCESS;
}

/* The queue a handle names: NULL is the default one, made if need be. */
static TIMER_QUEUE *QueueOf(HANDLE handle)
{
    if (handle) {
        return handle;
    }
    RtlEnterCriticalSection(&TimerLock);
    if (!DefaultQueue) {
        HANDLE made = NULL;
        if (NT_SUCCESS(RtlCreateTimerQueue(&made))) {
            DefaultQueue = made;
        }
    }
    TIMER_QUEUE *queue = DefaultQueue;
    RtlLeaveCriticalSection(&TimerLock);
    return queue;
}

NTSTATUS NTAPI RtlCreateTimer(HANDLE queue_handle, HANDLE *new_timer, PVOID callback,
                              PVOID parameter, ULONG due, ULONG period, ULONG flags)
{
    if (!new_timer || !callback) {
        return STATUS_INVALID_PARAMETER;
    }
    TIMER_QUEUE *queue = QueueOf(queue_handle);
    if (!queue) {
        return STATUS_NO_MEMORY;
    }
    QUEUE_TIMER *timer = RtlAllocateHeap(Heap(), HEAP_ZERO_MEMORY, sizeof *timer);
    if (!timer) {
        return STATUS_NO_MEMORY;
    }
    NTSTATUS status = NtCreateEvent(&timer->Idle, EVENT_ALL_ACCESS, NULL, 0 /* notification */,
                                    TRUE);
    if (!NT_SUCCESS(status)) {
        RtlFreeHeap(Heap(), 0, timer);
        return status;
    }
    timer->Queue = queue;
    timer->Callback = callback;
    timer->Parameter = parameter;
    timer->Period = period;
    timer->Flags = flags;
    RtlEnterCriticalSection(&TimerLock);
    if (queue->Deleting) {
        RtlLeaveCriticalSection(&TimerLock);
        NtClose(timer->Idle);
        RtlFreeHeap(Heap(), 0, timer);
        return STATUS_INVALID_HANDLE;
    }
    timer->Due = RtlpNowMs() + due;
    timer->Next = queue->Timers;
    queue->Timers = timer;
    queue->Live++;
    *new_timer = timer;
    RtlLeaveCriticalSection(&TimerLock);
    NtSetEvent(queue->Wake, NULL);
    return STATUS_SUCCESS;
}

/* A timer handle to update or delete: the timer with the lock held, or
 * NULL (lock not held: STATUS_INVALID_PARAMETER) for NULL or a timer
 * already deleted. */
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
    return NULL;
}

NTSTATUS NTAPI RtlUpdateTimer(HANDLE queue_handle, HANDLE timer_handle, ULONG due, ULONG period)
{
    (void)queue_handle;
    QUEUE_TIMER *timer = LockLiveTimer(timer_handle);
    if (!timer) {
        return STATUS_INVALID_PARAMETER;
    }
    if (!timer->Expired) {
        timer->Due = RtlpNowMs() + due;
        timer->Period = period;
    }
    RtlLeaveCriticalSection(&TimerLock);
    NtSetEvent(timer->Queue->Wake, NULL);
    return STATUS_SUCCESS;
}

/* With the lock held: the timer deleted. TRUE if it is gone already
 * (freed, or its callbacks done and the waiter's to free). */
static BOOLEAN DeleteTimer(QUEUE_TIMER *timer, HANDLE completion)
{
    timer->Deleted = TRUE;
    timer->Due = NEVER;
    if (timer->Running == 0) {
        FreeTimer(timer);
        return TRUE;
    }
    if (completion != INVALID_HANDLE) {
        timer->FreeWhenIdle = TRUE;
        timer->Completion = completion;
    }
    return FALSE;
}

NTSTATUS NTAPI RtlDeleteTimer(HANDLE queue_handle, HANDLE timer_handle, HANDLE completion)
{
    (void)queue_handle;
    QUEUE_TIMER *timer = LockLiveTimer(timer_handle);
    if (!timer) {
        return STATUS_INVALID_PARAMETER;
    }
    BOOLEAN gone = DeleteTimer(timer, completion);
    RtlLeaveCriticalSection(&TimerLock);
    if (gone) {
        if (IsEvent(completion)) {
            NtSetEvent(completion, NULL);
        }
        return STATUS_SUCCESS;
    }
    if (completion == INVALID_HANDLE) {
        NtWaitForSingleObject(timer->Idle, FALSE, NULL);
        RtlEnterCriticalSection(&TimerLock);
        FreeTimer(timer);
        RtlLeaveCriticalSection(&TimerLock);
        return STATUS_SUCCESS;
    }
    return STATUS_PENDING;
}

NTSTATUS NTAPI RtlDeleteTimerQueueEx(HANDLE queue_handle, HANDLE completion)
{
    TIMER_QUEUE *queue = queue_handle;
    if (!queue || queue == DefaultQueue) {
        return STATUS_INVALID_HANDLE;
    }
    BOOLEAN wait = completion == INVALID_HANDLE;
    RtlEnterCriticalSection(&TimerLock);
    if (queue->Deleting) {
        RtlLeaveCriticalSection(&TimerLock);
        return STATUS_INVALID_HANDLE;
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
    NtSetEvent(queue->Wake, NULL);
    if (wait) {
        NtWaitForSingleObject(queue->Thread, FALSE, NULL);
        NtClose(queue->Thread);
        NtClose(queue->Wake);
        RtlFreeHeap(Heap(), 0, queue);
    }
    return STATUS_SUCCESS;
}
