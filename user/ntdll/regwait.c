/*
 * Registered waits: RtlRegisterWait, RtlDeregisterWait(Ex); kernel32's
 * RegisterWaitForSingleObject and UnregisterWait(Ex) translate to them.
 *
 * As Windows' do, the waits share wait threads: each waits for up to 63
 * registered objects at once (MAXIMUM_WAIT_OBJECTS less its own wake
 * event) and their timeouts, and a new wait joins the first thread with
 * room. So every WT_EXECUTEINWAITTHREAD callback of those waits runs in
 * the same thread, one after another (Wine's ntdll threadpool.c
 * test_RtlRegisterWait, lines 322-353: the same thread id each time;
 * kernel32 thread.c 1379 and 1518-1525: a callback blocked in the wait
 * thread holds back another wait's callback). When the object is
 * signaled the callback runs as Callback(Context, FALSE), when the time
 * runs out as Callback(Context, TRUE) (WAITORTIMERCALLBACK), in the
 * thread pool (threadpool.c), or in the wait thread itself with
 * WT_EXECUTEINWAITTHREAD; then the wait starts again, unless
 * WT_EXECUTEONLYONCE (Microsoft's RegisterWaitForSingleObject: an object
 * that stays signaled, a manual-reset event, calls back again and again).
 * A wait thread never ends; it costs nothing while it waits.
 *
 * RtlDeregisterWaitEx(handle, CompletionEvent) stops the wait and, as
 * deleting a timer-queue timer does for a timer, INVALID_HANDLE_VALUE
 * waits for the callbacks running; NULL does not and fails with
 * STATUS_PENDING if one is (but the caller's own); an event is set when
 * none is left. RtlDeregisterWait is RtlDeregisterWaitEx(handle, NULL).
 * The registration is freed when it is deregistered, its wait thread has
 * dropped it and its last callback returned (a reference each).
 */
#include "ntdll/ntdll.h"

#define EVENT_ALL_ACCESS 0x1F0003u
#define NOTIFICATION_EVENT 0
#define SYNCHRONIZATION_EVENT 1
#define WT_EXECUTEINWAITTHREAD 0x4u
#define WT_EXECUTEONLYONCE 0x8u
#define STATUS_INVALID_HANDLE ((NTSTATUS)0xC0000008L)
#define INVALID_HANDLE ((HANDLE)(LONG)-1)
#define WAITS_PER_THREAD 63
#define NEVER 0xFFFFFFFFFFFFFFFFull

typedef struct WAIT_THREAD WAIT_THREAD;

typedef struct REGISTERED_WAIT {
    HANDLE Object;
    PVOID Callback, Context;
    ULONG Timeout;       /* milliseconds; INFINITE (-1): none */
    ULONGLONG Deadline;  /* RtlpNowMs's time the wait times out; NEVER */
    ULONG Flags;
    WAIT_THREAD *Thread;
    LONG References;     /* the registration, its wait thread, each running callback */
    LONG Running;
    HANDLE Idle;         /* manual-reset: set when Running is 0 */
    BOOLEAN Deregistered;
    HANDLE Completion;   /* set when the last callback returns after deregistering */
} REGISTERED_WAIT;

struct WAIT_THREAD {
    WAIT_THREAD *Next;
    HANDLE Wake;         /* auto-reset: its waits changed */
    ULONG ClientId[2];   /* process, thread */
    ULONG Count;
    REGISTERED_WAIT *Waits[WAITS_PER_THREAD];
};

static RTL_CRITICAL_SECTION WaitLock = {NULL, -1, 0, NULL, NULL, 0};
static WAIT_THREAD *WaitThreads;

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

/* With the lock held: the wait at index i leaves its thread; the caller
 * releases the thread's reference once the lock is let go. */
static void Drop(WAIT_THREAD *thread, ULONG i)
{
    thread->Waits[i] = thread->Waits[--thread->Count];
}

/* The wait's callback, started (with the lock held: marked running). */
static void Fire(REGISTERED_WAIT *wait, BOOLEAN timed_out)
{
    PVOID flag = timed_out ? (PVOID)1 : NULL;
    if (wait->Flags & WT_EXECUTEINWAITTHREAD) {
        RunCallback(wait, flag);
    } else if (!NT_SUCCESS(RtlpQueueWork(RunCallback, wait, flag))) {
        RtlEnterCriticalSection(&WaitLock);
        if (--wait->Running == 0) {
            NtSetEvent(wait->Idle, NULL);
        }
        wait->References--;
        RtlLeaveCriticalSection(&WaitLock);
    }
}

/* With the lock held: whether the wait may call back now; if so it is
 * marked running, rescheduled, or dropped when it was to fire once (its
 * thread's reference then the caller's to release). */
static BOOLEAN Claim(WAIT_THREAD *thread, ULONG i, BOOLEAN *dropped)
{
    REGISTERED_WAIT *wait = thread->Waits[i];
    *dropped = FALSE;
    if (wait->Deregistered) {
        return FALSE;
    }
    if (wait->Running++ == 0) {
        NtResetEvent(wait->Idle, NULL);
    }
    wait->References++;
    if (wait->Flags & WT_EXECUTEONLYONCE) {
        Drop(thread, i);
        *dropped = TRUE;
    } else if (wait->Timeout != 0xFFFFFFFFu) {
        wait->Deadline = RtlpNowMs() + wait->Timeout;
    }
    return TRUE;
}

static ULONG NTAPI WaitThread(PVOID parameter)
{
    WAIT_THREAD *thread = parameter;
    for (;;) {
        HANDLE handles[WAITS_PER_THREAD + 1];
        REGISTERED_WAIT *waits[WAITS_PER_THREAD];
        REGISTERED_WAIT *gone[WAITS_PER_THREAD];
        ULONG count = 0, gone_count = 0;
        ULONGLONG next = NEVER;
        RtlEnterCriticalSection(&WaitLock);
        for (ULONG i = 0; i < thread->Count;) {
            REGISTERED_WAIT *wait = thread->Waits[i];
            if (wait->Deregistered) {
                gone[gone_count++] = wait;
                Drop(thread, i);
                continue;
            }
            next = wait->Deadline < next ? wait->Deadline : next;
            i++;
        }
        handles[0] = thread->Wake;
        for (ULONG i = 0; i < thread->Count; i++) {
            waits[count] = thread->Waits[i];
            handles[1 + count++] = thread->Waits[i]->Object;
        }
        RtlLeaveCriticalSection(&WaitLock);
        for (ULONG i = 0; i < gone_count; i++) {
            Release(gone[i]);
        }
        ULONGLONG now = RtlpNowMs();
        LARGE_INTEGER timeout;
        timeout.QuadPart = next <= now ? 0 : -(LONGLONG)(next - now) * 10000;
        NTSTATUS result = NtWaitForMultipleObjects(1 + count, handles, 1 /* WaitAny */, FALSE,
                                                   next == NEVER ? NULL : &timeout);
        if (result == STATUS_SUCCESS) {
            continue;   /* woken: the waits changed */
        }
        if ((ULONG)result >= 0x80 && (ULONG)result <= 0x80 + count) {
            result -= 0x80;   /* STATUS_ABANDONED_WAIT_0 + i: a mutex got, signaled all the same */
        }
        REGISTERED_WAIT *due[WAITS_PER_THREAD];
        BOOLEAN timed_out[WAITS_PER_THREAD];
        BOOLEAN dropped[WAITS_PER_THREAD];
        ULONG due_count = 0;
        RtlEnterCriticalSection(&WaitLock);
        now = RtlpNowMs();
        for (ULONG i = 0; i < thread->Count;) {
            REGISTERED_WAIT *wait = thread->Waits[i];
            BOOLEAN signaled = FALSE, expired = wait->Deadline <= now, bad = FALSE;
            if ((ULONG)result >= 1 && (ULONG)result <= count) {
                signaled = waits[result - 1] == wait;
            } else if (!NT_SUCCESS(result)) {
                /* Some object is no longer there: its wait ends. */
                bad = NtWaitForSingleObject(wait->Object, FALSE, &(LARGE_INTEGER){{0, 0}}) < 0;
            }
            if (bad) {
                gone[gone_count++] = wait;
                Drop(thread, i);
                continue;
            }
            if ((signaled || expired) && Claim(thread, i, &dropped[due_count])) {
                timed_out[due_count] = !signaled;
                due[due_count++] = wait;
                if (dropped[due_count - 1]) {
                    continue;
                }
            }
            i++;
        }
        RtlLeaveCriticalSection(&WaitLock);
        for (ULONG i = 0; i < gone_count; i++) {
            Release(gone[i]);
        }
        for (ULONG i = 0; i < due_count; i++) {
            Fire(due[i], timed_out[i]);
            if (dropped[i]) {
                Release(due[i]);
            }
        }
    }
    return 0;
}

/* With the lock held: a wait thread with room, made if need be. */
static NTSTATUS ThreadWithRoom(WAIT_THREAD **out)
{
    for (WAIT_THREAD *thread = WaitThreads; thread; thread = thread->Next) {
        if (thread->Count < WAITS_PER_THREAD) {
            *out = thread;
            return STATUS_SUCCESS;
        }
    }
    WAIT_THREAD *thread = RtlAllocateHeap(Heap(), HEAP_ZERO_MEMORY, sizeof *thread);
    if (!thread) {
        return STATUS_NO_MEMORY;
    }
    NTSTATUS status = NtCreateEvent(&thread->Wake, EVENT_ALL_ACCESS, NULL, SYNCHRONIZATION_EVENT,
                                    FALSE);
    if (NT_SUCCESS(status)) {
        status = RtlpStartThread(WaitThread, thread, NULL, thread->ClientId);
        if (!NT_SUCCESS(status)) {
            NtClose(thread->Wake);
        }
    }
    if (!NT_SUCCESS(status)) {
        RtlFreeHeap(Heap(), 0, thread);
        return status;
    }
    thread->Next = WaitThreads;
    WaitThreads = thread;
    *out = thread;
    return STATUS_SUCCESS;
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
    wait->Timeout = milliseconds;
    wait->Deadline = milliseconds == 0xFFFFFFFFu ? NEVER : RtlpNowMs() + milliseconds;
    wait->Flags = flags;
    wait->References = 2;
    NTSTATUS status = NtCreateEvent(&wait->Idle, EVENT_ALL_ACCESS, NULL, NOTIFICATION_EVENT, TRUE);
    if (!NT_SUCCESS(status)) {
        RtlFreeHeap(Heap(), 0, wait);
        return status;
    }
    RtlEnterCriticalSection(&WaitLock);
    status = ThreadWithRoom(&wait->Thread);
    if (NT_SUCCESS(status)) {
        /* Its handle is the caller's before a callback can run: one may
         * deregister it at once (an object already signaled). */
        *new_wait = wait;
        wait->Thread->Waits[wait->Thread->Count++] = wait;
    }
    RtlLeaveCriticalSection(&WaitLock);
    if (!NT_SUCCESS(status)) {
        NtClose(wait->Idle);
        RtlFreeHeap(Heap(), 0, wait);
        return status;
    }
    NtSetEvent(wait->Thread->Wake, NULL);
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
    BOOLEAN self = running && wait->Thread->ClientId[1] == TebRead(TEB_THREAD_ID);
    BOOLEAN alone = self && wait->Running == 1;
    if (self && completion == INVALID_HANDLE) {
        completion = NULL;
    }
    if (running && completion != INVALID_HANDLE) {
        wait->Completion = completion;
    }
    RtlLeaveCriticalSection(&WaitLock);
    NtSetEvent(wait->Thread->Wake, NULL);
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
