/* Every wait form: events (manual and auto reset, pulse), semaphores,
 * mutexes (recursion, not owned, abandonment), named objects, wait-any and
 * wait-all, timeouts, SignalObjectAndWait, alertable waits with user APCs.
 * Each CHECK states Windows' answer (MSDN; Wine's dlls/kernel32/tests/sync.c). */
#include <windows.h>
#include <stdio.h>

static int failures;
#define CHECK(cond, what)                                                      \
    do {                                                                       \
        if (!(cond)) {                                                         \
            printf("FAIL: %s (line %d)\n", what, __LINE__);                    \
            failures++;                                                        \
        }                                                                      \
    } while (0)

static HANDLE mutex, event, go;
static volatile LONG order[8], n_order;

static DWORD WINAPI TakeMutexAndDie(void *p)
{
    (void)p;
    WaitForSingleObject(mutex, INFINITE);
    WaitForSingleObject(mutex, INFINITE); /* recursion: owned twice */
    return 0;                              /* ends holding it: abandoned */
}

static DWORD WINAPI Waiter(void *p)
{
    DWORD r = WaitForSingleObject(event, INFINITE);
    order[InterlockedIncrement(&n_order) - 1] = (LONG)(ULONG_PTR)p;
    return r;
}

static volatile LONG apc_sum;
static void CALLBACK Apc(ULONG_PTR data)
{
    apc_sum += (LONG)data;
}

static DWORD WINAPI AlertableSleeper(void *p)
{
    (void)p;
    return SleepEx(INFINITE, TRUE);
}

static DWORD WINAPI Signaler(void *p)
{
    (void)p;
    Sleep(10);
    SetEvent(go);
    return 0;
}

int main(void)
{
    DWORD previous_ms = GetTickCount();

    /* A manual-reset event stays signaled; an auto-reset one resets. */
    HANDLE manual = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE automatic = CreateEventA(NULL, FALSE, TRUE, NULL);
    CHECK(WaitForSingleObject(manual, 0) == WAIT_TIMEOUT, "not signaled");
    SetEvent(manual);
    CHECK(WaitForSingleObject(manual, 0) == WAIT_OBJECT_0, "signaled");
    CHECK(WaitForSingleObject(manual, 0) == WAIT_OBJECT_0, "still signaled");
    ResetEvent(manual);
    CHECK(WaitForSingleObject(manual, 0) == WAIT_TIMEOUT, "reset");
    CHECK(WaitForSingleObject(automatic, 0) == WAIT_OBJECT_0, "auto: initially set");
    CHECK(WaitForSingleObject(automatic, 0) == WAIT_TIMEOUT, "auto: reset by the wait");
    PulseEvent(manual);
    CHECK(WaitForSingleObject(manual, 0) == WAIT_TIMEOUT, "a pulse leaves it reset");

    /* A timeout in guest time: 100 ms pass. GetTickCount counts Windows'
     * 15.625 ms clock ticks (15 or 16 ms a step), so it reads six or seven
     * ticks, 93 to 110 ms, as on Windows; the performance counter reads 100. */
    LARGE_INTEGER frequency, counter0, counter1;
    QueryPerformanceFrequency(&frequency);
    DWORD before = GetTickCount();
    QueryPerformanceCounter(&counter0);
    CHECK(WaitForSingleObject(manual, 100) == WAIT_TIMEOUT, "timeout");
    QueryPerformanceCounter(&counter1);
    DWORD ticked = GetTickCount() - before;
    CHECK(ticked >= 93 && ticked <= 110, "GetTickCount saw the 100 ms in clock ticks");
    CHECK((counter1.QuadPart - counter0.QuadPart) * 1000 / frequency.QuadPart >= 100,
          "the wait took its 100 ms");
    DWORD step0 = GetTickCount(), step1;
    while ((step1 = GetTickCount()) == step0) {
        Sleep(1);
    }
    CHECK(step1 - step0 == 15 || step1 - step0 == 16, "GetTickCount moves a clock tick at a time");

    /* Wait-any gives the lowest signaled index; wait-all needs all. */
    HANDLE both[2] = {manual, automatic};
    SetEvent(automatic);
    CHECK(WaitForMultipleObjects(2, both, FALSE, 0) == WAIT_OBJECT_0 + 1, "wait-any: index 1");
    CHECK(WaitForMultipleObjects(2, both, TRUE, 0) == WAIT_TIMEOUT, "wait-all: not all");
    SetEvent(manual);
    SetEvent(automatic);
    CHECK(WaitForMultipleObjects(2, both, FALSE, 0) == WAIT_OBJECT_0, "wait-any: index 0");
    CHECK(WaitForMultipleObjects(2, both, TRUE, 0) == WAIT_OBJECT_0, "wait-all: all");
    CHECK(WaitForSingleObject(automatic, 0) == WAIT_TIMEOUT, "wait-all took the auto event");
    HANDLE twice[2] = {manual, manual};
    CHECK(WaitForMultipleObjects(2, twice, TRUE, 0) == WAIT_FAILED &&
              GetLastError() == ERROR_INVALID_PARAMETER, "wait-all on one object twice");
    CHECK(WaitForMultipleObjects(0, both, FALSE, 0) == WAIT_FAILED, "no objects");

    /* Semaphores: a count up to a limit. */
    HANDLE semaphore = CreateSemaphoreA(NULL, 1, 2, NULL);
    LONG count = -1;
    CHECK(WaitForSingleObject(semaphore, 0) == WAIT_OBJECT_0, "count 1");
    CHECK(WaitForSingleObject(semaphore, 0) == WAIT_TIMEOUT, "count 0");
    CHECK(ReleaseSemaphore(semaphore, 2, &count) && count == 0, "release 2: previous 0");
    CHECK(!ReleaseSemaphore(semaphore, 1, &count) && GetLastError() == ERROR_TOO_MANY_POSTS,
          "over the limit: ERROR_TOO_MANY_POSTS");
    CHECK(CreateSemaphoreA(NULL, 3, 2, NULL) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
          "initial count over the maximum");

    /* Mutexes: recursion, ownership, abandonment. */
    mutex = CreateMutexA(NULL, TRUE, NULL);
    CHECK(WaitForSingleObject(mutex, 0) == WAIT_OBJECT_0, "the owner takes it again");
    CHECK(ReleaseMutex(mutex) && ReleaseMutex(mutex), "released twice");
    CHECK(!ReleaseMutex(mutex) && GetLastError() == ERROR_NOT_OWNER, "not owned: ERROR_NOT_OWNER");
    HANDLE t = CreateThread(NULL, 0, TakeMutexAndDie, NULL, 0, NULL);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    HANDLE abandoned[2] = {manual, mutex};
    ResetEvent(manual);
    CHECK(WaitForMultipleObjects(2, abandoned, FALSE, 0) == WAIT_ABANDONED_0 + 1,
          "an abandoned mutex: WAIT_ABANDONED_0 + 1");
    CHECK(WaitForSingleObject(mutex, 0) == WAIT_OBJECT_0, "then an ordinary one (recursion)");
    CHECK(ReleaseMutex(mutex) && ReleaseMutex(mutex), "owned by us now");

    /* Named objects: the same object, ERROR_ALREADY_EXISTS; another type fails. */
    HANDLE named = CreateEventA(NULL, TRUE, FALSE, "ntmm-test-event");
    CHECK(named && GetLastError() == 0, "a new named event");
    HANDLE again = CreateEventA(NULL, FALSE, TRUE, "ntmm-test-event");
    CHECK(again && GetLastError() == ERROR_ALREADY_EXISTS, "ERROR_ALREADY_EXISTS");
    CHECK(WaitForSingleObject(again, 0) == WAIT_TIMEOUT, "the existing object, not a new one");
    HANDLE opened = OpenEventA(EVENT_ALL_ACCESS, FALSE, "ntmm-test-event");
    SetEvent(opened);
    CHECK(WaitForSingleObject(named, 0) == WAIT_OBJECT_0, "opened: the same event");
    CHECK(CreateMutexA(NULL, FALSE, "ntmm-test-event") == NULL &&
              GetLastError() == ERROR_INVALID_HANDLE, "a name of another type");
    CHECK(OpenMutexA(MUTEX_ALL_ACCESS, FALSE, "ntmm-no-such") == NULL &&
              GetLastError() == ERROR_FILE_NOT_FOUND, "no such name");
    HANDLE named_sem = CreateSemaphoreA(NULL, 0, 5, "ntmm-test-sem");
    HANDLE sem2 = OpenSemaphoreA(SEMAPHORE_ALL_ACCESS, FALSE, "ntmm-test-sem");
    CHECK(ReleaseSemaphore(sem2, 1, &count) && count == 0 &&
              WaitForSingleObject(named_sem, 0) == WAIT_OBJECT_0, "an opened semaphore");
    CloseHandle(named);
    CloseHandle(again);
    CloseHandle(opened);

    /* Waiters of a notification event all wake; of a synchronization
     * event one per SetEvent, first come first served. */
    event = CreateEventA(NULL, FALSE, FALSE, NULL);
    HANDLE w[3];
    for (int i = 0; i < 3; i++) {
        w[i] = CreateThread(NULL, 0, Waiter, (void *)(ULONG_PTR)(i + 1), 0, NULL);
    }
    Sleep(10); /* all three wait */
    SetEvent(event);
    Sleep(10);
    CHECK(n_order == 1 && order[0] == 1, "one SetEvent wakes the first waiter");
    SetEvent(event);
    SetEvent(event);
    WaitForMultipleObjects(3, w, TRUE, INFINITE);
    CHECK(n_order == 3 && order[1] == 2 && order[2] == 3, "then the others, in order");

    /* An alertable wait runs queued APCs and returns WAIT_IO_COMPLETION. */
    CHECK(QueueUserAPC(Apc, GetCurrentThread(), 5), "QueueUserAPC to ourselves");
    CHECK(apc_sum == 0, "not before an alertable wait");
    CHECK(WaitForSingleObjectEx(manual, 0, FALSE) == WAIT_TIMEOUT && apc_sum == 0,
          "a non-alertable wait runs none");
    QueueUserAPC(Apc, GetCurrentThread(), 7);
    CHECK(SleepEx(0, TRUE) == WAIT_IO_COMPLETION && apc_sum == 12, "both APCs ran, in order");
    HANDLE sleeper = CreateThread(NULL, 0, AlertableSleeper, NULL, 0, NULL);
    Sleep(10);
    CHECK(QueueUserAPC(Apc, sleeper, 100), "an APC to a sleeping thread");
    CHECK(WaitForSingleObject(sleeper, 1000) == WAIT_OBJECT_0 && apc_sum == 112,
          "it woke, ran it and returned");
    DWORD code;
    CHECK(GetExitCodeThread(sleeper, &code) && code == WAIT_IO_COMPLETION, "SleepEx's answer");

    /* SignalObjectAndWait. */
    go = CreateEventA(NULL, FALSE, FALSE, NULL);
    ResetEvent(manual);
    HANDLE s = CreateThread(NULL, 0, Signaler, NULL, 0, NULL);
    CHECK(SignalObjectAndWait(manual, go, INFINITE, FALSE) == WAIT_OBJECT_0, "signal and wait");
    CHECK(WaitForSingleObject(manual, 0) == WAIT_OBJECT_0, "it signaled");
    WaitForSingleObject(s, INFINITE);

    CHECK(GetTickCount() - previous_ms >= 100, "guest time moved");
    printf("%s\n", failures ? "waits: FAILED" : "waits: ok");
    return failures;
}
