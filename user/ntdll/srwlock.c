/*
 * Slim reader/writer locks, condition variables and run-once (InitOnce),
 * each one pointer the program owns and never deletes. The uncontended
 * paths are one compare-and-swap on that pointer; a thread that must wait
 * queues itself (on its own stack) in one process-wide list, under one
 * critical section, and sleeps on its own event (RtlpThreadWaitEvent):
 * whoever releases the lock, wakes the condition or completes the
 * initialization hands over and sets the waiter's event. Waiters are
 * served first come, first served.
 *
 * The SRW lock word: bit 0 exclusive owner, bit 1 waiters queued, bits 2
 * and up the number of shared owners. While bit 1 is set every change
 * goes through the list's lock.
 */
#include "ntdll/ntdll.h"

#define SRW_EXCLUSIVE 1u
#define SRW_WAITERS   2u
#define SRW_SHARED    4u

typedef struct WAITER {
    struct WAITER *Next;
    const void *Key;         /* the lock, condition variable or run-once */
    BOOLEAN Exclusive;
    HANDLE Event;
} WAITER;

static RTL_CRITICAL_SECTION WaitLock = {NULL, -1, 0, NULL, NULL, 0};
static WAITER *Waiters;      /* in arrival order */

static void Enqueue(WAITER *w)
{
    WAITER **link = &Waiters;
    while (*link) {
        link = &(*link)->Next;
    }
    w->Next = NULL;
    *link = w;
}

static WAITER *FirstFor(const void *key, WAITER ***where)
{
    for (WAITER **link = &Waiters; *link; link = &(*link)->Next) {
        if ((*link)->Key == key) {
            if (where) {
                *where = link;
            }
            return *link;
        }
    }
    return NULL;
}

/* Takes the first waiter for key off the list (NULL if none). */
static WAITER *Dequeue(const void *key)
{
    WAITER **link;
    WAITER *w = FirstFor(key, &link);
    if (w) {
        *link = w->Next;
    }
    return w;
}

static BOOLEAN Remove(WAITER *w)
{
    for (WAITER **link = &Waiters; *link; link = &(*link)->Next) {
        if (*link == w) {
            *link = w->Next;
            return TRUE;
        }
    }
    return FALSE;
}

static ULONG *Word(RTL_SRWLOCK *lock)
{
    return (ULONG *)&lock->Ptr;
}

void NTAPI RtlInitializeSRWLock(RTL_SRWLOCK *lock)
{
    lock->Ptr = NULL;
}

/* The slow path of both acquires: wait until a release grants it. */
static void AcquireSlow(RTL_SRWLOCK *lock, BOOLEAN exclusive)
{
    ULONG *word = Word(lock);
    RtlEnterCriticalSection(&WaitLock);
    for (;;) {
        ULONG v = *word;
        BOOLEAN free = exclusive ? v == 0 : !(v & (SRW_EXCLUSIVE | SRW_WAITERS));
        ULONG next = exclusive ? SRW_EXCLUSIVE : v + SRW_SHARED;
        if (free) {
            if (__sync_bool_compare_and_swap(word, v, next)) {
                RtlLeaveCriticalSection(&WaitLock);
                return;
            }
        } else if (__sync_bool_compare_and_swap(word, v, v | SRW_WAITERS)) {
            break;
        }
    }
    WAITER w = {NULL, lock, exclusive, RtlpThreadWaitEvent()};
    Enqueue(&w);
    RtlLeaveCriticalSection(&WaitLock);
    NtWaitForSingleObject(w.Event, FALSE, NULL); /* the lock is ours when it returns */
}

/* The slow path of both releases (the waiters bit is set): the owner
 * `held` leaves; a free lock goes to the first waiter, or to every shared
 * waiter ahead of the first exclusive one. */
static void ReleaseSlow(RTL_SRWLOCK *lock, ULONG held)
{
    ULONG *word = Word(lock);
    RtlEnterCriticalSection(&WaitLock);
    ULONG v = __sync_sub_and_fetch(word, held);
    if ((v & ~SRW_WAITERS) == 0) {
        ULONG owners = 0;
        WAITER *w = FirstFor(lock, NULL);
        if (w && w->Exclusive) {
            Dequeue(lock);
            owners = SRW_EXCLUSIVE;
            NtSetEvent(w->Event, NULL);
        } else {
            while ((w = FirstFor(lock, NULL)) && !w->Exclusive) {
                Dequeue(lock);
                owners += SRW_SHARED;
                NtSetEvent(w->Event, NULL);
            }
        }
        *word = owners | (FirstFor(lock, NULL) ? SRW_WAITERS : 0);
    }
    RtlLeaveCriticalSection(&WaitLock);
}

void NTAPI RtlAcquireSRWLockExclusive(RTL_SRWLOCK *lock)
{
    if (!__sync_bool_compare_and_swap(Word(lock), 0, SRW_EXCLUSIVE)) {
        AcquireSlow(lock, TRUE);
    }
}

void NTAPI RtlAcquireSRWLockShared(RTL_SRWLOCK *lock)
{
    ULONG v = *Word(lock);
    if ((v & (SRW_EXCLUSIVE | SRW_WAITERS)) ||
        !__sync_bool_compare_and_swap(Word(lock), v, v + SRW_SHARED)) {
        AcquireSlow(lock, FALSE);
    }
}

BOOLEAN NTAPI RtlTryAcquireSRWLockExclusive(RTL_SRWLOCK *lock)
{
    return __sync_bool_compare_and_swap(Word(lock), 0, SRW_EXCLUSIVE);
}

BOOLEAN NTAPI RtlTryAcquireSRWLockShared(RTL_SRWLOCK *lock)
{
    for (;;) {
        ULONG v = *Word(lock);
        if (v & (SRW_EXCLUSIVE | SRW_WAITERS)) {
            return FALSE;
        }
        if (__sync_bool_compare_and_swap(Word(lock), v, v + SRW_SHARED)) {
            return TRUE;
        }
    }
}

void NTAPI RtlReleaseSRWLockExclusive(RTL_SRWLOCK *lock)
{
    if (!__sync_bool_compare_and_swap(Word(lock), SRW_EXCLUSIVE, 0)) {
        ReleaseSlow(lock, SRW_EXCLUSIVE);
    }
}

void NTAPI RtlReleaseSRWLockShared(RTL_SRWLOCK *lock)
{
    for (;;) {
        ULONG v = *Word(lock);
        if (v & SRW_WAITERS) {
            ReleaseSlow(lock, SRW_SHARED);
            return;
        }
        if (__sync_bool_compare_and_swap(Word(lock), v, v - SRW_SHARED)) {
            return;
        }
    }
}

/* ------------------------------------------------ condition variables */

void NTAPI RtlInitializeConditionVariable(RTL_CONDITION_VARIABLE *cv)
{
    cv->Ptr = NULL;
}

/* Queued before the lock is let go, so no wake in between is lost. */
static NTSTATUS SleepOn(const void *key, LARGE_INTEGER *timeout, void (*release)(void *),
                        void (*acquire)(void *), void *lock)
{
    WAITER w = {NULL, key, FALSE, RtlpThreadWaitEvent()};
    RtlEnterCriticalSection(&WaitLock);
    Enqueue(&w);
    RtlLeaveCriticalSection(&WaitLock);
    release(lock);
    NTSTATUS status = NtWaitForSingleObject(w.Event, FALSE, timeout);
    if (status == STATUS_TIMEOUT) {
        RtlEnterCriticalSection(&WaitLock);
        BOOLEAN still_queued = Remove(&w);
        RtlLeaveCriticalSection(&WaitLock);
        if (!still_queued) {
            /* Woken as the time ran out: the wake counts, and its signal
             * must not linger in the event. */
            NtWaitForSingleObject(w.Event, FALSE, NULL);
            status = STATUS_SUCCESS;
        }
    }
    acquire(lock);
    return status;
}

static void LeaveCs(void *lock) { RtlLeaveCriticalSection(lock); }
static void EnterCs(void *lock) { RtlEnterCriticalSection(lock); }
static void ReleaseExclusive(void *lock) { RtlReleaseSRWLockExclusive(lock); }
static void AcquireExclusive(void *lock) { RtlAcquireSRWLockExclusive(lock); }
static void ReleaseShared(void *lock) { RtlReleaseSRWLockShared(lock); }
static void AcquireShared(void *lock) { RtlAcquireSRWLockShared(lock); }

NTSTATUS NTAPI RtlSleepConditionVariableCS(RTL_CONDITION_VARIABLE *cv, RTL_CRITICAL_SECTION *cs,
                                           LARGE_INTEGER *timeout)
{
    return SleepOn(cv, timeout, LeaveCs, EnterCs, cs);
}

#define CONDITION_VARIABLE_LOCKMODE_SHARED 1

NTSTATUS NTAPI RtlSleepConditionVariableSRW(RTL_CONDITION_VARIABLE *cv, RTL_SRWLOCK *lock,
                                            LARGE_INTEGER *timeout, ULONG flags)
{
    if (flags & CONDITION_VARIABLE_LOCKMODE_SHARED) {
        return SleepOn(cv, timeout, ReleaseShared, AcquireShared, lock);
    }
    return SleepOn(cv, timeout, ReleaseExclusive, AcquireExclusive, lock);
}

static void Wake(const void *key, BOOLEAN all)
{
    RtlEnterCriticalSection(&WaitLock);
    WAITER *w;
    while ((w = Dequeue(key))) {
        NtSetEvent(w->Event, NULL);
        if (!all) {
            break;
        }
    }
    RtlLeaveCriticalSection(&WaitLock);
}

void NTAPI RtlWakeConditionVariable(RTL_CONDITION_VARIABLE *cv)
{
    Wake(cv, FALSE);
}

void NTAPI RtlWakeAllConditionVariable(RTL_CONDITION_VARIABLE *cv)
{
    Wake(cv, TRUE);
}

/* ---------------------------------------------------------- run once
 * The word's low two bits, as Windows keeps them (Wine's kernel32 sync.c
 * test_initonce reads them): 0 not begun, 1 a synchronous initialization
 * in progress (the others wait), 3 asynchronous ones in progress (each
 * caller initializes; the first to complete wins), 2 done, with the
 * context, 4-byte aligned, in the bits above. */
#define RUN_ONCE_CHECK_ONLY 0x1u
#define RUN_ONCE_ASYNC 0x2u
#define RUN_ONCE_INIT_FAILED 0x4u
#define ONCE_BUSY 1u
#define ONCE_DONE 2u
#define ONCE_ASYNC 3u
#ifndef STATUS_OBJECT_NAME_COLLISION
#define STATUS_OBJECT_NAME_COLLISION ((NTSTATUS)0xC0000035L)
#endif

void NTAPI RtlRunOnceInitialize(RTL_RUN_ONCE *once)
{
    once->Ptr = NULL;
}

/* STATUS_SUCCESS: done (context given); STATUS_PENDING: the caller must
 * initialize and then call RtlRunOnceComplete; STATUS_UNSUCCESSFUL: not
 * done, and only a check was asked for. A synchronous begin on an
 * asynchronous initialization, or the reverse, is STATUS_INVALID_PARAMETER. */
NTSTATUS NTAPI RtlRunOnceBeginInitialize(RTL_RUN_ONCE *once, ULONG flags, PVOID *context)
{
    if ((flags & ~(RUN_ONCE_CHECK_ONLY | RUN_ONCE_ASYNC)) ||
        flags == (RUN_ONCE_CHECK_ONLY | RUN_ONCE_ASYNC)) {
        return STATUS_INVALID_PARAMETER;
    }
    ULONG *word = (ULONG *)&once->Ptr;
    for (;;) {
        ULONG v = *word;
        if ((v & 3u) == ONCE_DONE) {
            if (context) {
                *context = (PVOID)(v & ~3u);
            }
            return STATUS_SUCCESS;
        }
        if (flags & RUN_ONCE_CHECK_ONLY) {
            return STATUS_UNSUCCESSFUL;
        }
        if (v == 0) {
            if (__sync_bool_compare_and_swap(word, 0, flags & RUN_ONCE_ASYNC ? ONCE_ASYNC : ONCE_BUSY)) {
                return STATUS_PENDING;
            }
            continue;
        }
        if ((v == ONCE_ASYNC) != ((flags & RUN_ONCE_ASYNC) != 0)) {
            return STATUS_INVALID_PARAMETER;
        }
        if (v == ONCE_ASYNC) {
            return STATUS_PENDING; /* initialize alongside the others */
        }
        /* Another thread initializes: sleep until it completes. */
        RtlEnterCriticalSection(&WaitLock);
        if (*word == ONCE_BUSY) {
            WAITER w = {NULL, once, FALSE, RtlpThreadWaitEvent()};
            Enqueue(&w);
            RtlLeaveCriticalSection(&WaitLock);
            NtWaitForSingleObject(w.Event, FALSE, NULL);
        } else {
            RtlLeaveCriticalSection(&WaitLock);
        }
    }
}

/* Ends the initialization this caller began: done with the context, or
 * (RUN_ONCE_INIT_FAILED, no context) not begun again. The flags must
 * match the begin (RUN_ONCE_ASYNC or not; an asynchronous one cannot
 * fail), the context must leave the low two bits free. An asynchronous
 * completion that another beat is STATUS_OBJECT_NAME_COLLISION. */
NTSTATUS NTAPI RtlRunOnceComplete(RTL_RUN_ONCE *once, ULONG flags, PVOID context)
{
    ULONG *word = (ULONG *)&once->Ptr;
    if ((flags & ~(RUN_ONCE_ASYNC | RUN_ONCE_INIT_FAILED)) ||
        flags == (RUN_ONCE_ASYNC | RUN_ONCE_INIT_FAILED) || ((ULONG)context & 3u) ||
        ((flags & RUN_ONCE_INIT_FAILED) && context)) {
        return STATUS_INVALID_PARAMETER;
    }
    ULONG v = *word;
    if (flags & RUN_ONCE_ASYNC) {
        if (v != ONCE_ASYNC) {
            return (v & 3u) == ONCE_DONE ? STATUS_OBJECT_NAME_COLLISION
                   : v == ONCE_BUSY      ? STATUS_INVALID_PARAMETER
                                         : STATUS_UNSUCCESSFUL;
        }
        return __sync_bool_compare_and_swap(word, ONCE_ASYNC, (ULONG)context | ONCE_DONE)
                   ? STATUS_SUCCESS
                   : STATUS_OBJECT_NAME_COLLISION;
    }
    if (v == ONCE_ASYNC) {
        return STATUS_INVALID_PARAMETER;
    }
    if (v != ONCE_BUSY) {
        return STATUS_UNSUCCESSFUL;
    }
    *word = flags & RUN_ONCE_INIT_FAILED ? 0 : ((ULONG)context | ONCE_DONE);
    Wake(once, TRUE);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlRunOnceExecuteOnce(RTL_RUN_ONCE *once, RTL_RUN_ONCE_INIT_FN routine,
                                     PVOID parameter, PVOID *context)
{
    NTSTATUS status = RtlRunOnceBeginInitialize(once, 0, context);
    if (status != STATUS_PENDING) {
        return status;
    }
    /* The routine gets the caller's own context pointer (what it holds on
     * entry included), and what it leaves there is the once's context. */
    if (!routine(once, parameter, context)) {
        RtlRunOnceComplete(once, RUN_ONCE_INIT_FAILED, NULL);
        return STATUS_UNSUCCESSFUL;
    }
    return RtlRunOnceComplete(once, 0, context ? *context : NULL);
}
