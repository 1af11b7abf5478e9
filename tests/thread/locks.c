/* User-mode locks under contention: critical sections (LockCount and
 * RecursionCount as Windows keeps them), SRW locks, condition variables,
 * InitOnce. Threads are preempted by the instruction quantum, so the
 * increments below really interleave. */
#include <windows.h>
#include <stdio.h>

static LONG failures;
#define CHECK(cond, what)                                                      \
    do {                                                                       \
        if (!(cond)) {                                                         \
            printf("FAIL: %s (line %d)\n", what, __LINE__);                    \
            failures++;                                                        \
        }                                                                      \
    } while (0)

#define THREADS 4
#define ROUNDS 2000

static CRITICAL_SECTION cs;
static SRWLOCK srw = SRWLOCK_INIT;
static CONDITION_VARIABLE cv = CONDITION_VARIABLE_INIT;
static volatile long counter, srw_counter;
static volatile long queue_items, consumed;
static INIT_ONCE once = INIT_ONCE_STATIC_INIT;
static volatile LONG init_calls;

/* A read-modify-write with work in between: without the lock, a switch
 * in the middle loses updates. */
static DWORD WINAPI CsWorker(void *p)
{
    (void)p;
    for (int i = 0; i < ROUNDS; i++) {
        EnterCriticalSection(&cs);
        long v = counter;
        for (volatile int k = 0; k < 200; k++) {
        }
        counter = v + 1;
        LeaveCriticalSection(&cs);
    }
    return 0;
}

static DWORD WINAPI SrwWorker(void *p)
{
    for (int i = 0; i < ROUNDS; i++) {
        if ((ULONG_PTR)p & 1) {
            AcquireSRWLockShared(&srw);
            long a = srw_counter;
            for (volatile int k = 0; k < 50; k++) {
            }
            if (a != srw_counter) {
                InterlockedIncrement(&failures); /* changed under a shared lock */
            }
            ReleaseSRWLockShared(&srw);
        } else {
            AcquireSRWLockExclusive(&srw);
            long v = srw_counter;
            for (volatile int k = 0; k < 200; k++) {
            }
            srw_counter = v + 1;
            ReleaseSRWLockExclusive(&srw);
        }
    }
    return 0;
}

static DWORD WINAPI Consumer(void *p)
{
    (void)p;
    EnterCriticalSection(&cs);
    for (;;) {
        while (queue_items == 0) {
            SleepConditionVariableCS(&cv, &cs, INFINITE);
        }
        if (queue_items < 0) {
            break; /* the end */
        }
        queue_items--;
        consumed++;
    }
    LeaveCriticalSection(&cs);
    return 0;
}

static BOOL CALLBACK InitOnceCallback(INIT_ONCE *o, void *parameter, void **context)
{
    (void)o;
    InterlockedIncrement(&init_calls);
    Sleep(5); /* the others must wait for it */
    *context = parameter;
    return TRUE;
}

static DWORD WINAPI OnceWorker(void *p)
{
    (void)p;
    void *context = NULL;
    BOOL ok = InitOnceExecuteOnce(&once, InitOnceCallback, (void *)0x1000, &context);
    return ok && context == (void *)0x1000;
}

static DWORD WINAPI TryFromAnotherThread(void *p)
{
    (void)p;
    return TryEnterCriticalSection(&cs);
}

int main(void)
{
    HANDLE t[THREADS];
    InitializeCriticalSection(&cs);
    CHECK(cs.LockCount == -1 && cs.RecursionCount == 0 && cs.OwningThread == NULL, "a free section");
    EnterCriticalSection(&cs);
    EnterCriticalSection(&cs);
    CHECK(cs.RecursionCount == 2 && cs.LockCount == 1 &&
              cs.OwningThread == (HANDLE)(ULONG_PTR)GetCurrentThreadId(), "entered twice");
    HANDLE other = CreateThread(NULL, 0, TryFromAnotherThread, NULL, 0, NULL);
    DWORD code = 1;
    WaitForSingleObject(other, INFINITE);
    CHECK(GetExitCodeThread(other, &code) && code == 0, "TryEnter from another thread fails");
    CHECK(TryEnterCriticalSection(&cs) && cs.RecursionCount == 3, "TryEnter by the owner");
    LeaveCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    CHECK(cs.LockCount == -1 && cs.RecursionCount == 0 && cs.OwningThread == NULL, "free again");

    for (int i = 0; i < THREADS; i++) {
        t[i] = CreateThread(NULL, 0, CsWorker, NULL, 0, NULL);
    }
    WaitForMultipleObjects(THREADS, t, TRUE, INFINITE);
    CHECK(counter == THREADS * ROUNDS, "no increment lost under the critical section");
    CHECK(cs.LockCount == -1 && cs.LockSemaphore != NULL, "contention made its event");

    for (int i = 0; i < THREADS; i++) {
        t[i] = CreateThread(NULL, 0, SrwWorker, (void *)(ULONG_PTR)i, 0, NULL);
    }
    WaitForMultipleObjects(THREADS, t, TRUE, INFINITE);
    CHECK(srw_counter == (THREADS / 2) * ROUNDS, "no increment lost under the SRW lock");
    CHECK(TryAcquireSRWLockExclusive(&srw) && !TryAcquireSRWLockShared(&srw), "exclusive");
    ReleaseSRWLockExclusive(&srw);
    CHECK(TryAcquireSRWLockShared(&srw) && TryAcquireSRWLockShared(&srw) &&
              !TryAcquireSRWLockExclusive(&srw), "shared twice");
    ReleaseSRWLockShared(&srw);
    ReleaseSRWLockShared(&srw);

    /* A producer and two consumers on a condition variable. */
    HANDLE c[2];
    for (int i = 0; i < 2; i++) {
        c[i] = CreateThread(NULL, 0, Consumer, NULL, 0, NULL);
    }
    for (int i = 0; i < 100; i++) {
        EnterCriticalSection(&cs);
        queue_items++;
        WakeConditionVariable(&cv);
        LeaveCriticalSection(&cs);
        if (i % 7 == 0) {
            Sleep(1);
        }
    }
    for (;;) {
        EnterCriticalSection(&cs);
        long left = queue_items;
        if (left == 0) {
            queue_items = -1;
            WakeAllConditionVariable(&cv);
        }
        LeaveCriticalSection(&cs);
        if (left == 0) {
            break;
        }
        Sleep(1);
    }
    WaitForMultipleObjects(2, c, TRUE, INFINITE);
    CHECK(consumed == 100, "every item consumed once");

    /* A timed sleep on a condition nobody wakes: FALSE, ERROR_TIMEOUT, the
     * lock held again. */
    EnterCriticalSection(&cs);
    CHECK(!SleepConditionVariableCS(&cv, &cs, 10) && GetLastError() == ERROR_TIMEOUT,
          "SleepConditionVariableCS times out");
    CHECK(cs.OwningThread == (HANDLE)(ULONG_PTR)GetCurrentThreadId(), "and holds the lock");
    LeaveCriticalSection(&cs);
    AcquireSRWLockExclusive(&srw);
    CHECK(!SleepConditionVariableSRW(&cv, &srw, 10, 0) && GetLastError() == ERROR_TIMEOUT,
          "SleepConditionVariableSRW times out");
    ReleaseSRWLockExclusive(&srw);

    /* InitOnce: one call, everyone sees its context. */
    for (int i = 0; i < THREADS; i++) {
        t[i] = CreateThread(NULL, 0, OnceWorker, NULL, 0, NULL);
    }
    WaitForMultipleObjects(THREADS, t, TRUE, INFINITE);
    int good = 0;
    for (int i = 0; i < THREADS; i++) {
        GetExitCodeThread(t[i], &code);
        good += code == 1;
    }
    CHECK(init_calls == 1 && good == THREADS, "InitOnceExecuteOnce ran once for all");
    BOOL pending = TRUE;
    void *context = NULL;
    CHECK(InitOnceBeginInitialize(&once, INIT_ONCE_CHECK_ONLY, &pending, &context) && !pending &&
              context == (void *)0x1000, "InitOnceBeginInitialize: done");

    LONG x = 5;
    CHECK(InterlockedCompareExchange(&x, 9, 5) == 5 && x == 9, "InterlockedCompareExchange");
    CHECK(InterlockedExchangeAdd(&x, 3) == 9 && x == 12, "InterlockedExchangeAdd");
    DeleteCriticalSection(&cs);
    printf("%s\n", failures ? "locks: FAILED" : "locks: ok");
    return (int)failures;
}
