/* Waitable timers: relative and absolute due times, manual-reset and
 * synchronization timers, periods, cancelling, names, completion routines
 * (APCs at alertable waits only), WaitForMultipleObjects, a timer set by
 * one thread and waited for by another. Guest time is instructions, so
 * every elapsed time below is what the timer asked for, not roughly.
 * Each CHECK states Windows' answer (MSDN SetWaitableTimer,
 * CancelWaitableTimer, CreateWaitableTimerEx; Wine's
 * dlls/kernel32/tests/sync.c test_waitable_timer and test_timer_queue's
 * neighbours). */
#define _WIN32_WINNT 0x0601 /* SetWaitableTimerEx */
#include <windows.h>
#include <stdio.h>
#include <string.h>

static int failures;
#define CHECK(cond, what)                                                      \
    do {                                                                       \
        if (!(cond)) {                                                         \
            printf("FAIL: %s (line %d)\n", what, __LINE__);                    \
            failures++;                                                        \
        }                                                                      \
    } while (0)

static LARGE_INTEGER Relative(LONG ms)
{
    LARGE_INTEGER due;
    due.QuadPart = -(LONGLONG)ms * 10000;
    return due;
}

static ULONGLONG Now100ns(void)
{
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    return ((ULONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
}

static volatile LONG apc_calls;
static void *apc_context;
static int apc_cookie;
static ULONGLONG apc_time;
static void CALLBACK Completion(void *context, DWORD low, DWORD high)
{
    apc_calls++;
    apc_context = context;
    apc_time = ((ULONGLONG)high << 32) | low;
}

/* ntdll's timer services, for what kernel32 does not show. */
typedef LONG(NTAPI *NT_QUERY_TIMER)(HANDLE, ULONG, void *, ULONG, ULONG *);
typedef LONG(NTAPI *NT_SET_TIMER)(HANDLE, const LARGE_INTEGER *, void *, void *, BOOLEAN, LONG,
                                  BOOLEAN *);
typedef LONG(NTAPI *NT_CREATE_TIMER)(HANDLE *, ACCESS_MASK, void *, ULONG);
typedef struct {
    LARGE_INTEGER RemainingTime;
    BOOLEAN TimerState;
} TIMER_BASIC_INFO;

static void NativeServices(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    NT_QUERY_TIMER query = (NT_QUERY_TIMER)(void (*)(void))GetProcAddress(ntdll, "NtQueryTimer");
    NT_SET_TIMER set = (NT_SET_TIMER)(void (*)(void))GetProcAddress(ntdll, "NtSetTimer");
    NT_CREATE_TIMER create = (NT_CREATE_TIMER)(void (*)(void))GetProcAddress(ntdll, "NtCreateTimer");
    CHECK(query && set && create, "ntdll exports the timer services");
    if (!query || !set || !create) {
        return;
    }
    HANDLE timer = NULL;
    CHECK(create(&timer, TIMER_ALL_ACCESS, NULL, 2) == (LONG)0xC00000F2, /* _PARAMETER_4 */
          "NtCreateTimer: an unknown type");
    CHECK(create(&timer, TIMER_ALL_ACCESS, NULL, 0) == 0, "NtCreateTimer: notification");
    TIMER_BASIC_INFO info;
    ULONG length = 0;
    CHECK(query(timer, 0, &info, sizeof info, &length) == 0 && length == sizeof info &&
              info.RemainingTime.QuadPart == 0 && !info.TimerState, "an unset timer: 0, not signaled");
    LARGE_INTEGER due = Relative(10);
    BOOLEAN previous = 7;
    CHECK(set(timer, &due, NULL, NULL, FALSE, 0, &previous) == 0 && previous == FALSE,
          "NtSetTimer: PreviousState FALSE");
    CHECK(query(timer, 0, &info, sizeof info, NULL) == 0 && !info.TimerState &&
              info.RemainingTime.QuadPart > 0 && info.RemainingTime.QuadPart <= 100000,
          "set: the time left, not signaled");
    CHECK(query(timer, 0, &info, sizeof info - 1, NULL) == (LONG)0xC0000004,
          "STATUS_INFO_LENGTH_MISMATCH");
    CHECK(query(timer, 1, &info, sizeof info, NULL) == (LONG)0xC0000003, "STATUS_INVALID_INFO_CLASS");
    CHECK(query(timer, 0, (void *)16, sizeof info, NULL) == (LONG)0xC0000005,
          "a bad buffer: STATUS_ACCESS_VIOLATION");
    CHECK(set(timer, (LARGE_INTEGER *)16, NULL, NULL, FALSE, 0, NULL) == (LONG)0xC0000005,
          "a bad due time: STATUS_ACCESS_VIOLATION");
    WaitForSingleObject(timer, INFINITE);
    CHECK(query(timer, 0, &info, sizeof info, NULL) == 0 && info.TimerState, "due: signaled");
    CHECK(set(timer, &due, NULL, NULL, FALSE, 0, &previous) == 0 && previous == TRUE,
          "NtSetTimer: PreviousState TRUE");
    CloseHandle(timer);
}

static HANDLE shared_timer;
static DWORD WINAPI TimerWaiter(void *p)
{
    (void)p;
    return WaitForSingleObject(shared_timer, INFINITE);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "deadlock") == 0) {
        /* A wait for a timer nobody set: the run ends as a deadlock. */
        return (int)WaitForSingleObject(CreateWaitableTimerA(NULL, TRUE, NULL), INFINITE);
    }
    if (argc > 1 && strcmp(argv[1], "deadlock-all") == 0) {
        /* A periodic timer and an event nobody sets, both waited for: the
         * timer's periods cannot end it, so this too is a deadlock (and
         * the clock does not run on forever). */
        HANDLE both[2] = {CreateWaitableTimerA(NULL, FALSE, NULL), CreateEventA(NULL, TRUE, FALSE, NULL)};
        LARGE_INTEGER soon = Relative(1);
        SetWaitableTimer(both[0], &soon, 1, NULL, NULL, FALSE);
        return (int)WaitForMultipleObjects(2, both, TRUE, INFINITE);
    }
    /* A new timer is not signaled and not set. */
    HANDLE manual = CreateWaitableTimerA(NULL, TRUE, NULL);
    HANDLE sync = CreateWaitableTimerA(NULL, FALSE, NULL);
    CHECK(manual && sync, "CreateWaitableTimer");
    CHECK(WaitForSingleObject(manual, 0) == WAIT_TIMEOUT, "a new timer is not signaled");
    CHECK(WaitForSingleObject(manual, 20) == WAIT_TIMEOUT, "an unset timer never comes due");

    /* Relative due time: not yet, then after exactly that long. */
    LARGE_INTEGER due = Relative(10);
    ULONGLONG start = Now100ns();
    CHECK(SetWaitableTimer(manual, &due, 0, NULL, NULL, FALSE), "SetWaitableTimer relative");
    CHECK(WaitForSingleObject(manual, 0) == WAIT_TIMEOUT, "not due yet");
    CHECK(WaitForSingleObject(manual, INFINITE) == WAIT_OBJECT_0, "due: signaled");
    CHECK(Now100ns() - start >= 100000, "10 ms went by");
    CHECK(WaitForSingleObject(manual, 0) == WAIT_OBJECT_0, "manual-reset: stays signaled");

    /* Setting it again resets it; cancelling keeps the signal state. */
    due = Relative(1000);
    CHECK(SetWaitableTimer(manual, &due, 0, NULL, NULL, FALSE), "set again");
    CHECK(WaitForSingleObject(manual, 0) == WAIT_TIMEOUT, "setting resets the signal");
    CHECK(CancelWaitableTimer(manual), "CancelWaitableTimer");
    CHECK(WaitForSingleObject(manual, 2000) == WAIT_TIMEOUT, "cancelled: never comes due");
    due.QuadPart = 0; /* absolute 1601: in the past, due at once */
    CHECK(SetWaitableTimer(manual, &due, 0, NULL, NULL, FALSE), "absolute in the past");
    CHECK(WaitForSingleObject(manual, 0) == WAIT_OBJECT_0, "a past due time signals at once");
    CHECK(CancelWaitableTimer(manual), "cancel a signaled timer");
    CHECK(WaitForSingleObject(manual, 0) == WAIT_OBJECT_0, "cancel leaves it signaled");

    /* Absolute due time in the future. */
    start = Now100ns();
    due.QuadPart = (LONGLONG)(start + 200000);
    CHECK(SetWaitableTimer(manual, &due, 0, NULL, NULL, FALSE), "absolute");
    CHECK(WaitForSingleObject(manual, 10) == WAIT_TIMEOUT, "a shorter wait times out first");
    CHECK(WaitForSingleObject(manual, INFINITE) == WAIT_OBJECT_0, "absolute: signaled");
    CHECK(Now100ns() >= start + 200000, "at the absolute time");

    /* A synchronization timer: one wait takes the signal. */
    due = Relative(5);
    CHECK(SetWaitableTimer(sync, &due, 0, NULL, NULL, FALSE), "set sync");
    CHECK(WaitForSingleObject(sync, INFINITE) == WAIT_OBJECT_0, "sync: signaled");
    CHECK(WaitForSingleObject(sync, 0) == WAIT_TIMEOUT, "sync: the wait reset it");

    /* Periodic: due at 5, 10, 15 ms. */
    start = Now100ns();
    CHECK(SetWaitableTimer(sync, &due, 5, NULL, NULL, FALSE), "periodic");
    int periods = 0;
    for (int i = 0; i < 3; i++) {
        periods += WaitForSingleObject(sync, INFINITE) == WAIT_OBJECT_0;
    }
    CHECK(periods == 3, "three periods");
    CHECK(Now100ns() - start >= 150000, "three periods take 15 ms");
    CHECK(CancelWaitableTimer(sync), "cancel the periodic timer");
    CHECK(WaitForSingleObject(sync, 50) == WAIT_TIMEOUT, "no more periods");

    /* Bad arguments. */
    SetLastError(0xdeadbeef);
    CHECK(!SetWaitableTimer(sync, &due, -1, NULL, NULL, FALSE) &&
              GetLastError() == ERROR_INVALID_PARAMETER, "negative period");
    CHECK(!SetWaitableTimer(NULL, &due, 0, NULL, NULL, FALSE) &&
              GetLastError() == ERROR_INVALID_HANDLE, "no handle");
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    CHECK(!SetWaitableTimer(event, &due, 0, NULL, NULL, FALSE) &&
              GetLastError() == ERROR_INVALID_HANDLE, "an event is no timer");
    CHECK(!CancelWaitableTimer(event) && GetLastError() == ERROR_INVALID_HANDLE,
          "cancel an event");
    SetLastError(0xdeadbeef);
    CHECK(SetWaitableTimer(sync, &due, 0, NULL, NULL, TRUE) &&
              GetLastError() == ERROR_NOT_SUPPORTED, "resume: set, ERROR_NOT_SUPPORTED");
    CHECK(WaitForSingleObject(sync, INFINITE) == WAIT_OBJECT_0, "resume: still set");
    CHECK(SetWaitableTimerEx(sync, &due, 0, NULL, NULL, NULL, 0), "SetWaitableTimerEx");
    CHECK(WaitForSingleObject(sync, INFINITE) == WAIT_OBJECT_0, "SetWaitableTimerEx: due");

    /* Names: the same object, ERROR_ALREADY_EXISTS; another type fails. */
    HANDLE named = CreateWaitableTimerA(NULL, TRUE, "ntmm-wtimer");
    CHECK(named && GetLastError() == 0, "a new named timer");
    HANDLE again = CreateWaitableTimerW(NULL, TRUE, L"ntmm-wtimer");
    CHECK(again && GetLastError() == ERROR_ALREADY_EXISTS, "ERROR_ALREADY_EXISTS");
    HANDLE opened = OpenWaitableTimerA(TIMER_ALL_ACCESS, FALSE, "ntmm-wtimer");
    CHECK(opened != NULL, "OpenWaitableTimer");
    HANDLE opened_w = OpenWaitableTimerW(TIMER_MODIFY_STATE | SYNCHRONIZE, FALSE, L"ntmm-wtimer");
    CHECK(opened_w != NULL, "OpenWaitableTimerW");
    CloseHandle(opened_w);
    due.QuadPart = 0;
    SetWaitableTimer(opened, &due, 0, NULL, NULL, FALSE);
    CHECK(WaitForSingleObject(named, 0) == WAIT_OBJECT_0, "one object under three handles");
    SetLastError(0xdeadbeef);
    CHECK(CreateEventA(NULL, TRUE, FALSE, "ntmm-wtimer") == NULL &&
              GetLastError() == ERROR_INVALID_HANDLE, "an event by a timer's name");
    CHECK(OpenWaitableTimerA(TIMER_ALL_ACCESS, FALSE, "ntmm-no-such-timer") == NULL &&
              GetLastError() == ERROR_FILE_NOT_FOUND, "no such name");
    CHECK(CreateWaitableTimerExA(NULL, NULL, 0x100, TIMER_ALL_ACCESS) == NULL &&
              GetLastError() == ERROR_INVALID_PARAMETER, "unknown flags");
    HANDLE ex = CreateWaitableTimerExW(NULL, NULL, CREATE_WAITABLE_TIMER_MANUAL_RESET,
                                       TIMER_ALL_ACCESS);
    CHECK(ex != NULL, "CreateWaitableTimerEx");
    CloseHandle(again);
    CloseHandle(opened);
    CloseHandle(named);

    /* The completion routine: an APC to the setting thread, run at an
     * alertable wait, with the context and the time it came due. */
    due = Relative(10);
    start = Now100ns();
    CHECK(SetWaitableTimer(ex, &due, 0, Completion, &apc_cookie, FALSE), "set with a routine");
    CHECK(SleepEx(INFINITE, TRUE) == WAIT_IO_COMPLETION, "SleepEx: WAIT_IO_COMPLETION");
    CHECK(apc_calls == 1 && apc_context == &apc_cookie, "the routine ran once, with its context");
    CHECK(apc_time >= start + 100000 && apc_time <= Now100ns(), "the time it came due");
    CHECK(WaitForSingleObject(ex, 0) == WAIT_OBJECT_0, "and the timer is signaled");

    /* Not alertable: the wait ends, the routine waits for an alertable one. */
    apc_calls = 0;
    CHECK(SetWaitableTimer(ex, &due, 0, Completion, NULL, FALSE), "set again with a routine");
    CHECK(WaitForSingleObject(ex, INFINITE) == WAIT_OBJECT_0, "a plain wait is satisfied");
    CHECK(apc_calls == 0, "no routine in a plain wait");
    CHECK(SleepEx(0, TRUE) == WAIT_IO_COMPLETION && apc_calls == 1, "it runs at SleepEx(0, TRUE)");

    /* Periodic with a routine: one call per period; cancel stops them. */
    apc_calls = 0;
    CHECK(SetWaitableTimer(ex, &due, 10, Completion, NULL, FALSE), "periodic routine");
    for (int i = 0; i < 3; i++) {
        SleepEx(INFINITE, TRUE);
    }
    CHECK(apc_calls == 3, "three calls");
    CHECK(CancelWaitableTimer(ex), "cancel");
    CHECK(SleepEx(100, TRUE) == 0 && apc_calls == 3, "no call after cancel");

    /* WaitForMultipleObjects: the first due wins any; all waits for both. */
    HANDLE pair[2] = {CreateWaitableTimerA(NULL, TRUE, NULL), CreateWaitableTimerA(NULL, TRUE, NULL)};
    LARGE_INTEGER late = Relative(30), early = Relative(10);
    SetWaitableTimer(pair[0], &late, 0, NULL, NULL, FALSE);
    SetWaitableTimer(pair[1], &early, 0, NULL, NULL, FALSE);
    CHECK(WaitForMultipleObjects(2, pair, FALSE, INFINITE) == WAIT_OBJECT_0 + 1, "any: the earlier");
    CHECK(WaitForMultipleObjects(2, pair, TRUE, 5) == WAIT_TIMEOUT, "all: not yet");
    CHECK(WaitForMultipleObjects(2, pair, TRUE, INFINITE) == WAIT_OBJECT_0, "all: both");
    CloseHandle(pair[0]);
    CloseHandle(pair[1]);

    /* Another thread waits; this one sets the timer and sleeps past it. */
    shared_timer = CreateWaitableTimerA(NULL, FALSE, NULL);
    HANDLE thread = CreateThread(NULL, 0, TimerWaiter, NULL, 0, NULL);
    Sleep(5);
    due = Relative(10);
    SetWaitableTimer(shared_timer, &due, 0, NULL, NULL, FALSE);
    CHECK(WaitForSingleObject(thread, INFINITE) == WAIT_OBJECT_0, "the waiter ended");
    DWORD code = 1;
    GetExitCodeThread(thread, &code);
    CHECK(code == WAIT_OBJECT_0, "its wait was satisfied by the timer");
    CHECK(WaitForSingleObject(shared_timer, 0) == WAIT_TIMEOUT, "and took the signal");
    CloseHandle(thread);

    /* A periodic timer nobody waits for does not keep a sleeper awake. */
    due = Relative(1);
    SetWaitableTimer(shared_timer, &due, 1, NULL, NULL, FALSE);
    start = Now100ns();
    Sleep(50);
    CHECK(Now100ns() - start >= 500000, "Sleep(50) sleeps 50 ms");
    CHECK(WaitForSingleObject(shared_timer, 0) == WAIT_OBJECT_0, "signaled, once");
    CHECK(WaitForSingleObject(shared_timer, 0) == WAIT_TIMEOUT, "not once per missed period");
    CloseHandle(shared_timer);

    NativeServices();

    CloseHandle(event);
    CloseHandle(ex);
    CloseHandle(sync);
    CloseHandle(manual);
    if (failures == 0) {
        printf("wtimer: ok\n");
    }
    return failures;
}
