/*
 * The process's thread pool: worker threads that run queued callbacks
 * (QueueUserWorkItem, TrySubmitThreadpoolCallback, the Vista work objects
 * CreateThreadpoolWork...), and that the timer queues (timerq.c) and
 * registered waits (regwait.c) hand their callbacks to.
 *
 * Workers are ordinary threads of the process (they hear
 * DLL_THREAD_ATTACH, as Windows' workers do), made on demand: an item
 * queued while no worker is free gets a new one, up to 500 (the default
 * maximum of Windows' pool), so a callback that waits for another
 * callback does not starve it. Each queued item is one count of a
 * semaphore the idle workers wait on; items run in the order queued. A
 * worker never ends by itself: it waits, on the one CPU, costing nothing,
 * until the process ends.
 *
 * A work object (TP_WORK) counts its submissions: queued, running. Its
 * "idle" event (manual-reset) is set whenever both are 0, which is what
 * WaitForThreadpoolWorkCallbacks waits for; with fCancelPendingCallbacks
 * the queued ones are dropped first (each is skipped when a worker takes
 * it). CloseThreadpoolWork frees it at once if nothing is outstanding,
 * else when the last callback returns (Microsoft's CloseThreadpoolWork).
 */
#include "kernel32/kernel32.h"

#define MAX_WORKERS 500
#define SEMAPHORE_ALL_ACCESS 0x1F0003u

typedef struct POOL_ITEM {
    struct POOL_ITEM *Next;
    void (*Routine)(PVOID a, PVOID b);
    PVOID A, B;
} POOL_ITEM;

static RTL_CRITICAL_SECTION PoolLock = {NULL, -1, 0, NULL, NULL, 0};
static POOL_ITEM *Head, *Tail;
static HANDLE Ready;     /* a semaphore: one count per queued item */
static LONG Available;   /* workers that will wait for an item none is promised to yet */
static LONG Workers;

static PVOID Heap(void)
{
    return NtCurrentPeb()->ProcessHeap;
}

__attribute__((noreturn)) static DWORD WINAPI Worker(PVOID unused)
{
    (void)unused;
    for (;;) {
        NtWaitForSingleObject(Ready, FALSE, NULL);
        RtlEnterCriticalSection(&PoolLock);
        POOL_ITEM *item = Head;
        Head = item->Next;
        if (!Head) {
            Tail = NULL;
        }
        RtlLeaveCriticalSection(&PoolLock);
        item->Routine(item->A, item->B);
        RtlFreeHeap(Heap(), 0, item);
        RtlEnterCriticalSection(&PoolLock);
        Available++;
        RtlLeaveCriticalSection(&PoolLock);
    }
}

BOOL BasepQueueWork(void (*routine)(PVOID a, PVOID b), PVOID a, PVOID b)
{
    POOL_ITEM *item = RtlAllocateHeap(Heap(), 0, sizeof *item);
    if (!item) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    item->Next = NULL;
    item->Routine = routine;
    item->A = a;
    item->B = b;
    RtlEnterCriticalSection(&PoolLock);
    if (!Ready) {
        NTSTATUS status = NtCreateSemaphore(&Ready, SEMAPHORE_ALL_ACCESS, NULL, 0, 0x7FFFFFFF);
        if (!NT_SUCCESS(status)) {
            RtlLeaveCriticalSection(&PoolLock);
            RtlFreeHeap(Heap(), 0, item);
            BaseSetLastNtError(status);
            return FALSE;
        }
    }
    BOOL spawn = Available <= 0 && Workers < MAX_WORKERS;
    if (spawn) {
        Workers++;
    } else {
        Available--;
    }
    if (Tail) {
        Tail->Next = item;
    } else {
        Head = item;
    }
    Tail = item;
    RtlLeaveCriticalSection(&PoolLock);
    if (spawn) {
        HANDLE thread = CreateThread(NULL, 0, Worker, NULL, 0, NULL);
        if (thread) {
            CloseHandle(thread);
        } else {
            /* The item waits for a worker already there to be free. */
            RtlEnterCriticalSection(&PoolLock);
            Workers--;
            Available--;
            RtlLeaveCriticalSection(&PoolLock);
        }
    }
    NtReleaseSemaphore(Ready, 1, NULL);
    return TRUE;
}

/* QueueUserWorkItem: Function(Context) in a worker. The WT_* flags say
 * how long it may run or which kind of thread it needs; every worker
 * here can do all of it, so they change nothing. */
static void RunUserWorkItem(PVOID function, PVOID context)
{
    ((DWORD(WINAPI *)(PVOID))function)(context);
}

BOOL WINAPI QueueUserWorkItem(PVOID function, PVOID context, ULONG flags)
{
    (void)flags;
    return BasepQueueWork(RunUserWorkItem, function, context);
}

/* The callback instance a TP callback is given; nothing is asked of it
 * here but to exist. */
struct TP_CALLBACK_INSTANCE {
    ULONG Unused;
};

static void RunSimpleCallback(PVOID callback, PVOID context)
{
    TP_CALLBACK_INSTANCE instance = {0};
    ((void(WINAPI *)(TP_CALLBACK_INSTANCE *, PVOID))callback)(&instance, context);
}

BOOL WINAPI TrySubmitThreadpoolCallback(PVOID callback, PVOID context, PVOID environment)
{
    (void)environment;
    return BasepQueueWork(RunSimpleCallback, callback, context);
}

struct TP_WORK {
    PVOID Callback;
    PVOID Context;
    LONG References;   /* the creator's, and one per queued item */
    LONG Queued;       /* submitted, not yet started */
    LONG Skip;         /* queued items cancelled: skipped when taken */
    LONG Running;
    HANDLE Idle;       /* manual-reset: set when Queued and Running are 0 */
};

TP_WORK *WINAPI CreateThreadpoolWork(PVOID callback, PVOID context, PVOID environment)
{
    (void)environment;
    TP_WORK *work = RtlAllocateHeap(Heap(), HEAP_ZERO_MEMORY, sizeof *work);
    if (!work) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    work->Idle = CreateEventW(NULL, TRUE, TRUE, NULL);
    if (!work->Idle) {
        RtlFreeHeap(Heap(), 0, work);
        return NULL;
    }
    work->Callback = callback;
    work->Context = context;
    work->References = 1;
    return work;
}

static void ReleaseWork(TP_WORK *work)
{
    RtlEnterCriticalSection(&PoolLock);
    LONG left = --work->References;
    RtlLeaveCriticalSection(&PoolLock);
    if (left == 0) {
        CloseHandle(work->Idle);
        RtlFreeHeap(Heap(), 0, work);
    }
}

/* Called with the lock held. */
static void SetIdleIfDone(TP_WORK *work)
{
    if (work->Queued == 0 && work->Running == 0) {
        SetEvent(work->Idle);
    }
}

static void RunWork(PVOID parameter, PVOID unused)
{
    (void)unused;
    TP_WORK *work = parameter;
    RtlEnterCriticalSection(&PoolLock);
    if (work->Skip > 0) {
        work->Skip--;
        RtlLeaveCriticalSection(&PoolLock);
        ReleaseWork(work);
        return;
    }
    work->Queued--;
    work->Running++;
    RtlLeaveCriticalSection(&PoolLock);
    TP_CALLBACK_INSTANCE instance = {0};
    ((void(WINAPI *)(TP_CALLBACK_INSTANCE *, PVOID, TP_WORK *))work->Callback)(&instance,
                                                                              work->Context, work);
    RtlEnterCriticalSection(&PoolLock);
    work->Running--;
    SetIdleIfDone(work);
    RtlLeaveCriticalSection(&PoolLock);
    ReleaseWork(work);
}

void WINAPI SubmitThreadpoolWork(TP_WORK *work)
{
    RtlEnterCriticalSection(&PoolLock);
    work->References++;
    work->Queued++;
    ResetEvent(work->Idle);
    RtlLeaveCriticalSection(&PoolLock);
    if (!BasepQueueWork(RunWork, work, NULL)) {
        RtlEnterCriticalSection(&PoolLock);
        work->Queued--;
        SetIdleIfDone(work);
        RtlLeaveCriticalSection(&PoolLock);
        ReleaseWork(work);
    }
}

void WINAPI WaitForThreadpoolWorkCallbacks(TP_WORK *work, BOOL cancel_pending)
{
    RtlEnterCriticalSection(&PoolLock);
    if (cancel_pending) {
        work->Skip += work->Queued;
        work->Queued = 0;
        SetIdleIfDone(work);
    }
    RtlLeaveCriticalSection(&PoolLock);
    NtWaitForSingleObject(work->Idle, FALSE, NULL);
}

void WINAPI CloseThreadpoolWork(TP_WORK *work)
{
    ReleaseWork(work);
}
