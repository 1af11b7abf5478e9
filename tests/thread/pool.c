/*
 * The thread pool, timer queues and registered waits, with Windows'
 * answers (Microsoft's documentation of each function; Wine's kernel32
 * sync.c and thread.c tests, run on Windows: test_timer_queue,
 * test_QueueUserWorkItem, test_RegisterWaitForSingleObject):
 *  - QueueUserWorkItem and TrySubmitThreadpoolCallback run the callback
 *    in another thread, with its context; a callback may wait for one
 *    queued after it (the pool grows: WT_EXECUTELONGFUNCTION's point);
 *  - a work object runs once per SubmitThreadpoolWork, and
 *    WaitForThreadpoolWorkCallbacks returns when all have;
 *  - a timer's callback is told TRUE ("timed out") each time; a one-shot
 *    timer runs once, a periodic one until deleted, a changed one when its
 *    new due time comes; DeleteTimerQueueTimer of a timer whose callback
 *    runs: NULL → FALSE, ERROR_IO_PENDING; an event → FALSE,
 *    ERROR_IO_PENDING, the event set when the callback returns; a timer
 *    not running → TRUE and the event set at once; INVALID_HANDLE_VALUE
 *    waits; DeleteTimerQueueEx(NULL) → ERROR_INVALID_HANDLE, of a queue →
 *    TRUE (Vista and later), its event set when the queue is gone;
 *  - a registered wait calls back with FALSE when the object is signaled
 *    and TRUE on timeout, again for each signal unless
 *    WT_EXECUTEONLYONCE; UnregisterWaitEx with its callback running:
 *    NULL → FALSE, ERROR_IO_PENDING.
 * Every wait is for an event, never for time.
 */
#include <stdio.h>
#include <windows.h>

#include "../guesttest.h"

static DWORD MainThread;
static volatile LONG Count;
static HANDLE Done, Gate, Started, Counted;
static volatile BOOL WrongThread, WrongFlag;
static volatile PVOID SeenContext;

static DWORD WINAPI WorkItem(PVOID context)
{
    SeenContext = context;
    WrongThread |= GetCurrentThreadId() == MainThread;
    SetEvent(Done);
    return 0;
}

static DWORD WINAPI CountItem(PVOID context)
{
    (void)context;
    InterlockedIncrement(&Count);
    ReleaseSemaphore(Counted, 1, NULL);
    return 0;
}

/* The first waits for the second, queued after it. */
static DWORD WINAPI WaitsForGate(PVOID context)
{
    (void)context;
    WaitForSingleObject(Gate, INFINITE);
    SetEvent(Done);
    return 0;
}

static DWORD WINAPI OpensGate(PVOID context)
{
    (void)context;
    SetEvent(Gate);
    return 0;
}

static void CALLBACK SimpleCallback(PTP_CALLBACK_INSTANCE instance, PVOID context)
{
    SeenContext = context;
    WrongThread |= instance == NULL || GetCurrentThreadId() == MainThread;
    SetEvent(Done);
}

static PTP_WORK SeenWork;

static void CALLBACK WorkCallback(PTP_CALLBACK_INSTANCE instance, PVOID context, PTP_WORK work)
{
    (void)instance;
    SeenContext = context;
    SeenWork = work;
    InterlockedIncrement(&Count);
}

static void CALLBACK TimerCounts(PVOID parameter, BOOLEAN fired)
{
    WrongFlag |= !fired;
    if (InterlockedIncrement(&Count) == (LONG)(LONG_PTR)parameter) {
        SetEvent(Done);
    }
}

/* Says it started, then holds the callback until Gate. */
static void CALLBACK TimerHolds(PVOID parameter, BOOLEAN fired)
{
    (void)parameter;
    (void)fired;
    SetEvent(Started);
    WaitForSingleObject(Gate, INFINITE);
}

static volatile LONG WaitCalls, WaitTimeouts;

static void CALLBACK WaitCallback(PVOID context, BOOLEAN timed_out)
{
    SeenContext = context;
    InterlockedIncrement(&WaitCalls);
    if (timed_out) {
        InterlockedIncrement(&WaitTimeouts);
    }
    SetEvent(Done);
}

static void CALLBACK WaitHolds(PVOID context, BOOLEAN timed_out)
{
    (void)context;
    (void)timed_out;
    SetEvent(Started);
    WaitForSingleObject(Gate, INFINITE);
}

static void WorkItems(void)
{
    Check(QueueUserWorkItem(WorkItem, (PVOID)0x1234, WT_EXECUTEDEFAULT), "QueueUserWorkItem");
    WaitForSingleObject(Done, INFINITE);
    Check(SeenContext == (PVOID)0x1234 && !WrongThread, "its callback ran in another thread, with its context");

    Count = 0;
    for (int i = 0; i < 10; i++) {
        QueueUserWorkItem(CountItem, NULL, WT_EXECUTEDEFAULT);
    }
    for (int i = 0; i < 10; i++) {
        WaitForSingleObject(Counted, INFINITE);
    }
    Check(Count == 10, "ten work items, ten calls");

    QueueUserWorkItem(WaitsForGate, NULL, WT_EXECUTELONGFUNCTION);
    QueueUserWorkItem(OpensGate, NULL, WT_EXECUTEDEFAULT);
    WaitForSingleObject(Done, INFINITE);
    ResetEvent(Gate);
    Check(TRUE, "a work item waiting for one queued after it is not starved");

    Check(TrySubmitThreadpoolCallback(SimpleCallback, (PVOID)0x77, NULL),
          "TrySubmitThreadpoolCallback");
    WaitForSingleObject(Done, INFINITE);
    Check(SeenContext == (PVOID)0x77 && !WrongThread, "its callback: an instance, the context, another thread");

    Count = 0;
    PTP_WORK work = CreateThreadpoolWork(WorkCallback, (PVOID)0x55, NULL);
    Check(work != NULL, "CreateThreadpoolWork");
    SubmitThreadpoolWork(work);
    SubmitThreadpoolWork(work);
    SubmitThreadpoolWork(work);
    WaitForThreadpoolWorkCallbacks(work, FALSE);
    Check(Count == 3, "three submissions, three calls, all done when WaitForThreadpoolWorkCallbacks returns");
    Check(SeenContext == (PVOID)0x55 && SeenWork == work, "each given the context and the work object");
    WaitForThreadpoolWorkCallbacks(work, TRUE);
    Check(Count == 3, "waiting again, nothing pending: no call");
    CloseThreadpoolWork(work);
}

static void Timers(void)
{
    HANDLE queue = CreateTimerQueue();
    Check(queue != NULL, "CreateTimerQueue");
    HANDLE timer = NULL;
    Count = 0;
    Check(CreateTimerQueueTimer(&timer, queue, TimerCounts, (PVOID)1, 10, 0, 0) && timer,
          "CreateTimerQueueTimer, one-shot");
    WaitForSingleObject(Done, INFINITE);
    Check(Count == 1 && !WrongFlag, "it fired once, told TRUE");
    Check(ChangeTimerQueueTimer(queue, timer, 0, 0), "ChangeTimerQueueTimer after it fired: TRUE");
    Check(DeleteTimerQueueTimer(queue, timer, INVALID_HANDLE_VALUE),
          "DeleteTimerQueueTimer(INVALID_HANDLE_VALUE) of a finished timer");

    Count = 0;
    CreateTimerQueueTimer(&timer, queue, TimerCounts, (PVOID)3, 0, 10, 0);
    WaitForSingleObject(Done, INFINITE);
    Check(DeleteTimerQueueTimer(queue, timer, INVALID_HANDLE_VALUE), "a periodic timer, three calls, deleted");
    LONG after = Count;
    Count = 100;
    CreateTimerQueueTimer(&timer, queue, TimerCounts, (PVOID)101, 100, 0, 0);
    WaitForSingleObject(Done, INFINITE);
    Check(after == 3 && Count == 101, "no call after DeleteTimerQueueTimer returned");
    DeleteTimerQueueTimer(queue, timer, INVALID_HANDLE_VALUE);

    Count = 0;
    CreateTimerQueueTimer(&timer, queue, TimerCounts, (PVOID)1, 100000000, 0, 0);
    Check(ChangeTimerQueueTimer(queue, timer, 5, 0), "ChangeTimerQueueTimer before it fired");
    WaitForSingleObject(Done, INFINITE);
    Check(Count == 1, "it fired at its new time");
    DeleteTimerQueueTimer(queue, timer, INVALID_HANDLE_VALUE);

    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    CreateTimerQueueTimer(&timer, queue, TimerCounts, (PVOID)1, 100000000, 0, 0);
    SetLastError(0xDEADBEEF);
    Check(DeleteTimerQueueTimer(queue, timer, event) && GetLastError() == 0xDEADBEEF,
          "DeleteTimerQueueTimer(event) of a timer not running: TRUE");
    Check(WaitForSingleObject(event, 0) == WAIT_OBJECT_0, "and the event is set at once");

    /* Deleted while its callback runs. */
    CreateTimerQueueTimer(&timer, queue, TimerHolds, NULL, 0, 0, 0);
    WaitForSingleObject(Started, INFINITE);
    SetLastError(0xDEADBEEF);
    Check(!DeleteTimerQueueTimer(queue, timer, NULL) && GetLastError() == ERROR_IO_PENDING,
          "DeleteTimerQueueTimer(NULL) while its callback runs: ERROR_IO_PENDING");
    SetEvent(Gate);   /* a manual-reset event: releases the waiter as it is set */
    ResetEvent(Gate);
    ResetEvent(event);
    HANDLE timer2 = NULL;
    CreateTimerQueueTimer(&timer2, queue, TimerHolds, NULL, 0, 0, 0);
    WaitForSingleObject(Started, INFINITE);
    SetLastError(0xDEADBEEF);
    Check(!DeleteTimerQueueTimer(queue, timer2, event) && GetLastError() == ERROR_IO_PENDING,
          "DeleteTimerQueueTimer(event) while its callback runs: ERROR_IO_PENDING");
    Check(WaitForSingleObject(event, 0) == WAIT_TIMEOUT, "the event not set yet");
    SetEvent(Gate);
    Check(WaitForSingleObject(event, INFINITE) == WAIT_OBJECT_0, "set when the callback returned");

    SetLastError(0xDEADBEEF);
    Check(!DeleteTimerQueueEx(NULL, NULL) && GetLastError() == ERROR_INVALID_HANDLE,
          "DeleteTimerQueueEx(NULL): ERROR_INVALID_HANDLE");
    CreateTimerQueueTimer(&timer, queue, TimerCounts, (PVOID)1, 100000000, 100, 0);
    Check(DeleteTimerQueueEx(queue, INVALID_HANDLE_VALUE), "DeleteTimerQueueEx(INVALID_HANDLE_VALUE) with a timer left");

    queue = CreateTimerQueue();
    CreateTimerQueueTimer(&timer, queue, TimerCounts, (PVOID)1, 100000000, 0, 0);
    ResetEvent(event);
    Check(DeleteTimerQueueEx(queue, event), "DeleteTimerQueueEx(event): TRUE");
    Check(WaitForSingleObject(event, INFINITE) == WAIT_OBJECT_0, "the event is set when the queue is gone");

    Count = 0;
    Check(CreateTimerQueueTimer(&timer, NULL, TimerCounts, (PVOID)1, 1, 0, 0),
          "CreateTimerQueueTimer on the default queue");
    WaitForSingleObject(Done, INFINITE);
    Check(Count == 1, "it fired");
    Check(DeleteTimerQueueTimer(NULL, timer, INVALID_HANDLE_VALUE), "and is deleted");
    CloseHandle(event);
}

static void Waits(void)
{
    HANDLE object = CreateEventA(NULL, FALSE, FALSE, NULL);
    HANDLE wait = NULL;
    WaitCalls = WaitTimeouts = 0;
    Check(RegisterWaitForSingleObject(&wait, object, WaitCallback, (PVOID)0x42, INFINITE,
                                      WT_EXECUTEONLYONCE) && wait,
          "RegisterWaitForSingleObject");
    SetEvent(object);
    WaitForSingleObject(Done, INFINITE);
    Check(WaitCalls == 1 && WaitTimeouts == 0 && SeenContext == (PVOID)0x42,
          "signaled: called with FALSE and the context");
    Check(UnregisterWaitEx(wait, INVALID_HANDLE_VALUE), "UnregisterWaitEx(INVALID_HANDLE_VALUE)");

    WaitCalls = WaitTimeouts = 0;
    RegisterWaitForSingleObject(&wait, object, WaitCallback, NULL, 10, WT_EXECUTEONLYONCE);
    WaitForSingleObject(Done, INFINITE);
    Check(WaitCalls == 1 && WaitTimeouts == 1, "the time ran out: called with TRUE");
    UnregisterWaitEx(wait, INVALID_HANDLE_VALUE);

    WaitCalls = 0;
    RegisterWaitForSingleObject(&wait, object, WaitCallback, NULL, INFINITE, WT_EXECUTEDEFAULT);
    for (int i = 0; i < 3; i++) {
        SetEvent(object);
        WaitForSingleObject(Done, INFINITE);
    }
    Check(WaitCalls == 3, "without WT_EXECUTEONLYONCE: a call for each signal");
    Check(UnregisterWaitEx(wait, INVALID_HANDLE_VALUE), "unregistered");

    ResetEvent(Gate);
    RegisterWaitForSingleObject(&wait, object, WaitHolds, NULL, INFINITE, WT_EXECUTEONLYONCE);
    SetEvent(object);
    WaitForSingleObject(Started, INFINITE);
    SetLastError(0xDEADBEEF);
    Check(!UnregisterWait(wait) && GetLastError() == ERROR_IO_PENDING,
          "UnregisterWait while its callback runs: ERROR_IO_PENDING");
    SetEvent(Gate);

    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    ResetEvent(Gate);
    RegisterWaitForSingleObject(&wait, object, WaitHolds, NULL, INFINITE, WT_EXECUTEONLYONCE);
    SetEvent(object);
    WaitForSingleObject(Started, INFINITE);
    Check(!UnregisterWaitEx(wait, event) && GetLastError() == ERROR_IO_PENDING,
          "UnregisterWaitEx(event) while its callback runs: ERROR_IO_PENDING");
    SetEvent(Gate);
    Check(WaitForSingleObject(event, INFINITE) == WAIT_OBJECT_0, "the event set when it returned");
    CloseHandle(event);
    CloseHandle(object);
}

int main(void)
{
    MainThread = GetCurrentThreadId();
    Done = CreateEventA(NULL, FALSE, FALSE, NULL);
    Gate = CreateEventA(NULL, TRUE, FALSE, NULL);
    Started = CreateEventA(NULL, FALSE, FALSE, NULL);
    Counted = CreateSemaphoreA(NULL, 0, 100, NULL);
    WorkItems();
    Timers();
    Waits();
    printf("%d failures\n", Failures);
    fflush(stdout);
    return Failures;
}
