/*
 * ntdll's thread pool, which kernel32's QueueUserWorkItem and
 * RegisterWaitForSingleObject are layers over: the answers Wine 8.0's
 * conformance test dlls/ntdll/tests/threadpool.c states for Windows (the
 * line of each is given), one check a line:
 *  - RtlQueueWorkItem runs the item and returns STATUS_SUCCESS whatever
 *    its WT_* flag: WT_EXECUTEDEFAULT, WT_EXECUTEINIOTHREAD,
 *    WT_EXECUTEINPERSISTENTTHREAD, WT_EXECUTELONGFUNCTION,
 *    WT_TRANSFER_IMPERSONATION (135-158);
 *  - a wait registered with WT_EXECUTEINIOTHREAD calls back in a thread
 *    that runs a user APC queued to it afterwards (366-378);
 *  - RtlDeregisterWaitEx of a wait not yet satisfied succeeds with NULL,
 *    INVALID_HANDLE_VALUE or an event, which it sets, and the callback
 *    never runs (414-436);
 *  - RtlDeregisterWait while the callback runs is STATUS_PENDING; with
 *    INVALID_HANDLE_VALUE it waits for the callback to return and
 *    succeeds (485-486, 519-526);
 *  - the waits share wait threads: two WT_EXECUTEINWAITTHREAD waits
 *    registered one after the other call back in the same thread
 *    (309-353), and a callback that blocks there holds back the other
 *    wait's (kernel32/tests/thread.c 1372-1380 with 1510-1525: its
 *    wait times out).
 */
#include "../guesttest.h"

typedef LONG(WINAPI *QUEUE_WORK)(PVOID, PVOID, ULONG);
typedef LONG(WINAPI *REGISTER_WAIT)(HANDLE *, HANDLE, PVOID, PVOID, ULONG, ULONG);
typedef LONG(WINAPI *DEREGISTER_WAIT)(HANDLE);
typedef LONG(WINAPI *DEREGISTER_WAIT_EX)(HANDLE, HANDLE);

static HANDLE Signal;     /* released by each callback */
static HANDLE Hold;       /* a callback waits for it when set */
static volatile LONG Calls;
static volatile DWORD CallbackThread;

static DWORD WINAPI WorkItem(PVOID semaphore)
{
    ReleaseSemaphore(semaphore, 1, NULL);
    return 0;
}

static void CALLBACK WaitCallback(PVOID context, BOOLEAN timed_out)
{
    (void)context;
    (void)timed_out;
    InterlockedIncrement(&Calls);
    CallbackThread = GetCurrentThreadId();
    ReleaseSemaphore(Signal, 1, NULL);
    if (Hold) {
        WaitForSingleObject(Hold, 2000);
        ReleaseSemaphore(Signal, 1, NULL);
    }
}

static HANDLE Trigger, Blocked;
static volatile DWORD FirstThread, SecondThread;
static volatile DWORD BlockedResult;

static void CALLBACK SetBlocked(PVOID context, BOOLEAN timed_out)
{
    (void)context;
    (void)timed_out;
    SecondThread = GetCurrentThreadId();
    SetEvent(Blocked);
}

static void CALLBACK Blocking(PVOID context, BOOLEAN timed_out)
{
    (void)timed_out;
    FirstThread = GetCurrentThreadId();
    SetEvent(Trigger);                                /* SetBlocked's wait is satisfied... */
    BlockedResult = WaitForSingleObject(Blocked, 100); /* ...but it cannot run meanwhile */
    SetEvent((HANDLE)context);
}

static void CALLBACK Apc(ULONG_PTR semaphore)
{
    ReleaseSemaphore((HANDLE)semaphore, 1, NULL);
}

int main(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    QUEUE_WORK queue = (QUEUE_WORK)(void *)GetProcAddress(ntdll, "RtlQueueWorkItem");
    REGISTER_WAIT reg = (REGISTER_WAIT)(void *)GetProcAddress(ntdll, "RtlRegisterWait");
    DEREGISTER_WAIT dereg = (DEREGISTER_WAIT)(void *)GetProcAddress(ntdll, "RtlDeregisterWait");
    DEREGISTER_WAIT_EX dereg_ex =
        (DEREGISTER_WAIT_EX)(void *)GetProcAddress(ntdll, "RtlDeregisterWaitEx");
    Check(queue && reg && dereg && dereg_ex, "ntdll exports the Rtl thread-pool functions");
    if (!queue || !reg || !dereg || !dereg_ex) {
        return Failures;
    }

    HANDLE semaphore = CreateSemaphoreA(NULL, 0, 10, NULL);
    static const ULONG flags[] = {WT_EXECUTEDEFAULT, WT_EXECUTEINIOTHREAD,
                                  WT_EXECUTEINPERSISTENTTHREAD, WT_EXECUTELONGFUNCTION,
                                  WT_TRANSFER_IMPERSONATION};
    int all = 1;
    for (int i = 0; i < 5; i++) {
        all &= queue((PVOID)WorkItem, semaphore, flags[i]) == 0 &&
               WaitForSingleObject(semaphore, 1000) == WAIT_OBJECT_0;
    }
    Check(all, "RtlQueueWorkItem with each WT_ flag: STATUS_SUCCESS, the item runs");

    Signal = CreateSemaphoreA(NULL, 0, 10, NULL);
    HANDLE object = CreateSemaphoreA(NULL, 0, 10, NULL);
    HANDLE wait = NULL;
    LONG status = reg(&wait, object, (PVOID)WaitCallback, NULL, INFINITE, WT_EXECUTEINIOTHREAD);
    ReleaseSemaphore(object, 1, NULL);
    Check(status == 0 && WaitForSingleObject(Signal, 1000) == WAIT_OBJECT_0,
          "RtlRegisterWait(WT_EXECUTEINIOTHREAD): STATUS_SUCCESS, called back");
    HANDLE thread = OpenThread(THREAD_SET_CONTEXT, FALSE, CallbackThread);
    Check(thread && QueueUserAPC(Apc, thread, (ULONG_PTR)semaphore) &&
              WaitForSingleObject(semaphore, 1000) == WAIT_OBJECT_0,
          "a user APC to the I/O thread that called back runs");
    CloseHandle(thread);
    Check(dereg(wait) == 0, "RtlDeregisterWait with no callback running: STATUS_SUCCESS");

    Calls = 0;
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE completions[3] = {NULL, INVALID_HANDLE_VALUE, event};
    all = 1;
    for (int i = 0; i < 3; i++) {
        all &= reg(&wait, object, (PVOID)WaitCallback, NULL, INFINITE, 0) == 0 &&
               dereg_ex(wait, completions[i]) == 0;
    }
    ReleaseSemaphore(object, 1, NULL);
    Sleep(50);
    Check(all && Calls == 0 && WaitForSingleObject(event, 0) == WAIT_OBJECT_0,
          "RtlDeregisterWaitEx before the wait is satisfied: STATUS_SUCCESS, event set, no call");
    WaitForSingleObject(object, 0);

    Hold = CreateEventA(NULL, TRUE, FALSE, NULL);
    reg(&wait, object, (PVOID)WaitCallback, NULL, INFINITE, WT_EXECUTEONLYONCE);
    ReleaseSemaphore(object, 1, NULL);
    WaitForSingleObject(Signal, 1000);
    Check(dereg(wait) == (LONG)0x00000103, "RtlDeregisterWait while the callback runs: STATUS_PENDING");
    SetEvent(Hold);
    WaitForSingleObject(Signal, 1000);
    ResetEvent(Hold);

    reg(&wait, object, (PVOID)WaitCallback, NULL, INFINITE, WT_EXECUTEONLYONCE);
    ReleaseSemaphore(object, 1, NULL);
    WaitForSingleObject(Signal, 1000);
    SetEvent(Hold);
    status = dereg_ex(wait, INVALID_HANDLE_VALUE);
    Check(status == 0 && WaitForSingleObject(Signal, 0) == WAIT_OBJECT_0,
          "RtlDeregisterWaitEx(INVALID_HANDLE_VALUE) while it runs: waits for it, STATUS_SUCCESS");

    Trigger = CreateEventA(NULL, FALSE, FALSE, NULL);
    Blocked = CreateEventA(NULL, FALSE, FALSE, NULL);
    HANDLE go = CreateEventA(NULL, TRUE, TRUE, NULL);
    HANDLE done = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE second = NULL;
    reg(&second, Trigger, (PVOID)SetBlocked, NULL, INFINITE,
        WT_EXECUTEINWAITTHREAD | WT_EXECUTEONLYONCE);
    reg(&wait, go, (PVOID)Blocking, done, INFINITE, WT_EXECUTEINWAITTHREAD | WT_EXECUTEONLYONCE);
    WaitForSingleObject(done, 2000);
    Sleep(100);
    Check(BlockedResult == WAIT_TIMEOUT,
          "a callback blocked in the wait thread holds back another wait's: WAIT_TIMEOUT");
    Check(FirstThread && FirstThread == SecondThread,
          "WT_EXECUTEINWAITTHREAD waits call back in one shared wait thread");
    Check(dereg(wait) == 0 && dereg(second) == 0, "both deregistered: STATUS_SUCCESS");

    printf("%d failures\n", Failures);
    return Failures;
}
