/*
 * The process's thread pool: worker threads that run queued callbacks
 * (RtlQueueWorkItem, TpSimpleTryPost, the work objects TpAllocWork...),
 * and that registered waits (regwait.c) and timer queues (timerq.c) hand
 * their callbacks to. kernel32's QueueUserWorkItem,
 * TrySubmitThreadpoolCallback and CreateThreadpoolWork family only
 * translate their arguments to these, as Windows' do.
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
 * TpWaitForWork waits for; with CancelPending the queued ones are dropped
 * first (each is skipped when a worker takes it). TpReleaseWork frees it
 * at once if nothing is outstanding, else when the last callback returns
 * (Microsoft's CloseThreadpoolWork).
 */
#include "ntdll/ntdll.h"

#define MAX_WORKERS 500
#define SEMAPHORE_ALL_ACCESS 0x1F0003u
#define EVENT_ALL_ACCESS 0x1F0003u
#define THREAD_ALL_ACCESS 0x1F03FFu
#define NOTIFICATION_EVENT 0

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

typedef struct PS_ATTRIBUTE_LIST {
    SIZE_T TotalLength;
    struct {
        ULONG Attribute;
        SIZE_T Size;
        PVOID Value;
        SIZE_T *ReturnLength;
    } Attributes[1];
} PS_ATTRIBUTE_LIST;
#define PS_ATTRIBUTE_CLIENT_ID 0x10003u

/* A thread of this process running start(parameter); its handle is kept
 * in *handle if handle is not NULL, and client_id, if not NULL, is given
 * its ids (process, thread) before it runs. */
NTSTATUS RtlpStartThread(ULONG (NTAPI *start)(PVOID), PVOID parameter, HANDLE *handle,
                         ULONG client_id[2])
{
    HANDLE thread = NULL;
    PS_ATTRIBUTE_LIST list = {sizeof list, {{PS_ATTRIBUTE_CLIENT_ID, 2 * sizeof(ULONG), client_id, NULL}}};
    NTSTATUS status = NtCreateThreadEx(&thread, THREAD_ALL_ACCESS, NULL, NtCurrentProcess(),
                                       (PVOID)start, parameter, 0, 0, 0, 0,
                                       client_id ? &list : NULL);
    if (NT_SUCCESS(status)) {
        if (handle) {
            *handle = thread;
        } else {
            NtClose(thread);
        }
    }
    return status;
}

__attribute__((noreturn)) static ULONG NTAPI Worker(PVOID unused)
{
    (void)unused;
    for (;;) {
        /* Alertable, as Windows' I/O workers wait: a user APC queued to
         * the thread a callback ran in runs (Wine's ntdll threadpool.c
         * test_RtlRegisterWait, WT_EXECUTEINIOTHREAD). */
        if (NtWaitForSingleObject(Ready, TRUE, NULL) != STATUS_SUCCESS) {
            continue;
        }
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

NTSTATUS RtlpQueueWork(void (*routine)(PVOID a, PVOID b), PVOID a, PVOID b)
{
    POOL_ITEM *item = RtlAllocateHeap(Heap(), 0, sizeof *item);
    if (!item) {
        return STATUS_NO_MEMORY;
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
            return status;
        }
    }
    BOOLEAN spawn = Available <= 0 && Workers < MAX_WORKERS;
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
    if (spawn && !NT_SUCCESS(RtlpStartThread(Worker, NULL, NULL, NULL))) {
        /* The item waits for a worker already there to be free. */
        RtlEnterCriticalSection(&PoolLock);
        Workers--;
        Available--;
        RtlLeaveCriticalSection(&PoolLock);
    }
    NtReleaseSemaphore(Ready, 1, NULL);
    return STATUS_SUCCESS;
}

/* RtlQueueWorkItem: Function(Context) in a worker. The WT_* flags say
 * how long it may run or which kind of thread it needs; every worker
 * here can do all of it, so they change nothing (Wine's ntdll
 * threadpool.c test_RtlQueueWorkItem: each flag runs the item). */
static void RunWorkItem(PVOID function, PVOID context)
{
    ((ULONG(NTAPI *)(PVOID))function)(context);
}

NTSTATUS NTAPI RtlQueueWorkItem(PVOID function, PVOID context, ULONG flags)
{
    (void)flags;
    return RtlpQueueWork(RunWorkItem, function, context);
}

/* The callback instance a TP callback is given; nothing is asked of it
 * here but to exist. */
struct TP_CALLBACK_INSTANCE {
    ULONG Unused;
};

static void RunSimpleCallback(PVOID callback, PVOID context)
{
    TP_CALLBACK_INSTANCE instance = {0};
    ((void(NTAPI *)(TP_CALLBACK_INSTANCE *, PVOID))callback)(&instance, context);
}

NTSTATUS NTAPI TpSimpleTryPost(PVOID callback, PVOID context, PVOID environment)
{
    (void)environment;
    return RtlpQueueWork(RunSimpleCallback, callback, context);
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

NTSTATUS NTAPI TpAllocWork(TP_WORK **out, PVOID callback, PVOID context, PVOID environment)
{
    (void)environment;
    TP_WORK *work = RtlAllocateHeap(Heap(), HEAP_ZERO_MEMORY, sizeof *work);
    if (!work) {
        return STATUS_NO_MEMORY;
    }
    NTSTATUS status = NtCreateEvent(&work->Idle, EVENT_ALL_ACCESS, NULL, NOTIFICATION_EVENT, TRUE);
    if (!NT_SUCCESS(status)) {
        RtlFreeHeap(Heap(), 0, work);
        return status;
    }
    work->Callback = callback;
    work->Context = context;
    work->References = 1;
    *out = work;
    return STATUS_SUCCESS;
}

static void ReleaseWork(TP_WORK *work)
{
    RtlEnterCriticalSection(&PoolLock);
    LONG left = --work->References;
    RtlLeaveCriticalSection(&PoolLock);
    if (left == 0) {
        NtClose(work->Idle);
        RtlFreeHeap(Heap(), 0, work);
    }
}

/* Called with the lock held. */
static void SetIdleIfDone(TP_WORK *work)
{
    if (work->Queued == 0 && work->Running == 0) {
        NtSetEvent(work->Idle, NULL);
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
    ((void(NTAPI *)(TP_CALLBACK_INSTANCE *, PVOID, TP_WORK *))work->Callback)(&instance,
                                                                             work->Context, work);
    RtlEnterCriticalSection(&PoolLock);
    work->Running--;
    SetIdleIfDone(work);
    RtlLeaveCriticalSection(&PoolLock);
    ReleaseWork(work);
}

void NTAPI TpPostWork(TP_WORK *work)
{
    RtlEnterCriticalSection(&PoolLock);
    work->References++;
    work->Queued++;
    NtResetEvent(work->Idle, NULL);
    RtlLeaveCriticalSection(&PoolLock);
    if (!NT_SUCCESS(RtlpQueueWork(RunWork, work, NULL))) {
        RtlEnterCriticalSection(&PoolLock);
        work->Queued--;
        SetIdleIfDone(work);
        RtlLeaveCriticalSection(&PoolLock);
        ReleaseWork(work);
    }
}

void NTAPI TpWaitForWork(TP_WORK *work, LONG cancel_pending)
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

void NTAPI TpReleaseWork(TP_WORK *work)
{
    ReleaseWork(work);
}
