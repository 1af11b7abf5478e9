/*
 * Fiber-local storage (FlsAlloc, FlsFree, FlsGetValue, FlsSetValue) with
 * Windows' answers, from Wine's kernel32 fiber.c tests (run on Windows)
 * and Microsoft's documentation:
 *  - Index 0 is never handed out; FlsGetValue(0) is NULL and FlsSetValue(0)
 *    FALSE, both with ERROR_INVALID_PARAMETER (test_FiberLocalStorage).
 *  - A new index reads NULL; FlsGetValue sets the last error to
 *    ERROR_SUCCESS, FlsSetValue leaves it alone (test_FiberLocalStorage).
 *  - An index below 128 that is not allocated may be read and written;
 *    FlsFree of it fails with ERROR_INVALID_PARAMETER; index 128 is
 *    ERROR_INVALID_PARAMETER for all three (FLS_MAXIMUM_AVAILABLE, 128,
 *    before Windows 10 1903 raised it).
 *  - FlsFree calls the index's callback for each non-NULL value, one call
 *    per thread or fiber holding one, and none for NULL
 *    (test_FiberLocalStorageCallback, test_FiberLocalStorageWithFibers);
 *    afterwards the index reads NULL.
 *  - A thread's exit calls its callbacks, in the exiting thread, before
 *    the DLLs and TLS callbacks hear DLL_THREAD_DETACH (Wine's
 *    LdrShutdownThread); the process's exit calls the exiting thread's
 *    callbacks too, once shutdown has begun (Wine's fls_exit_deadlock test:
 *    the callback sees RtlDllShutdownInProgress) — its line is the last.
 *  - When every index is taken FlsAlloc returns FLS_OUT_OF_INDEXES (the
 *    Fls functions' documentation) with ERROR_NOT_ENOUGH_MEMORY: ntdll's
 *    RtlFlsAlloc answers STATUS_NO_MEMORY then (test_FiberLocalStorage).
 */
#include <stdio.h>
#include <windows.h>

#include "../guesttest.h"

#define FLS_MAXIMUM 128

static volatile LONG Calls;
static PVOID Seen[8];
static DWORD SeenThread[8];
static char Order[16];
static volatile LONG OrderLength;

static void NTAPI Remember(PVOID value)
{
    LONG n = InterlockedIncrement(&Calls) - 1;
    if (n < 8) {
        Seen[n] = value;
        SeenThread[n] = GetCurrentThreadId();
    }
    Order[InterlockedIncrement(&OrderLength) - 1] = 'F';
}

/* The program's TLS callback: marks DLL_THREAD_DETACH in the order. */
static void NTAPI TlsCallback(PVOID module, DWORD reason, PVOID reserved)
{
    (void)module;
    (void)reserved;
    if (reason == DLL_THREAD_DETACH && OrderLength < 15) {
        Order[InterlockedIncrement(&OrderLength) - 1] = 'D';
    }
}
PIMAGE_TLS_CALLBACK fls_tls_callback __attribute__((section(".CRT$XLB"), used)) = TlsCallback;

static DWORD Index;
static HANDLE Ready, Go;

/* Sets its own value, then waits while the main thread frees the index. */
static DWORD WINAPI Holder(void *parameter)
{
    FlsSetValue(Index, parameter);
    SetEvent(Ready);
    WaitForSingleObject(Go, INFINITE);
    SetLastError(0xDEADBEEF);
    return FlsGetValue(Index) == NULL && GetLastError() == ERROR_SUCCESS;
}

/* Sets a value and ends: its callback runs as it exits. */
static DWORD WINAPI Exiter(void *parameter)
{
    FlsSetValue(Index, parameter);
    return 0;
}

static void NTAPI AtExit(PVOID value)
{
    printf("at process exit: the callback of value 0x%lx\n", (unsigned long)(ULONG_PTR)value);
}

int main(void)
{
    SetLastError(0xDEADBEEF);
    Check(FlsGetValue(0) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
          "FlsGetValue(0): NULL, ERROR_INVALID_PARAMETER");
    SetLastError(0xDEADBEEF);
    Check(!FlsSetValue(0, (PVOID)1) && GetLastError() == ERROR_INVALID_PARAMETER,
          "FlsSetValue(0): ERROR_INVALID_PARAMETER");

    DWORD fls = FlsAlloc(NULL);
    Check(fls != FLS_OUT_OF_INDEXES && fls != 0, "FlsAlloc: an index, not 0");
    SetLastError(0xDEADBEEF);
    Check(FlsGetValue(fls) == NULL && GetLastError() == ERROR_SUCCESS,
          "a new index reads NULL, ERROR_SUCCESS");
    SetLastError(0xDEADBEEF);
    Check(FlsSetValue(fls, (PVOID)0xDEADBEEF) && GetLastError() == 0xDEADBEEF,
          "FlsSetValue: TRUE, the last error untouched");
    Check(FlsGetValue(fls) == (PVOID)0xDEADBEEF, "FlsGetValue: the value set");
    Check(FlsFree(fls), "FlsFree");
    SetLastError(0xDEADBEEF);
    Check(FlsGetValue(fls) == NULL && GetLastError() == ERROR_SUCCESS,
          "a freed index reads NULL, ERROR_SUCCESS");
    SetLastError(0xDEADBEEF);
    Check(!FlsFree(fls) && GetLastError() == ERROR_INVALID_PARAMETER,
          "FlsFree again: ERROR_INVALID_PARAMETER");

    SetLastError(0xDEADBEEF);
    Check(!FlsFree(FLS_MAXIMUM - 1) && GetLastError() == ERROR_INVALID_PARAMETER,
          "FlsFree(127), never allocated: ERROR_INVALID_PARAMETER");
    Check(FlsSetValue(FLS_MAXIMUM - 1, (PVOID)0x217) && FlsGetValue(FLS_MAXIMUM - 1) == (PVOID)0x217,
          "FlsSetValue and FlsGetValue of 127, not allocated, work");
    FlsSetValue(FLS_MAXIMUM - 1, NULL);
    SetLastError(0xDEADBEEF);
    Check(!FlsFree(FLS_MAXIMUM) && GetLastError() == ERROR_INVALID_PARAMETER,
          "FlsFree(128): ERROR_INVALID_PARAMETER");
    SetLastError(0xDEADBEEF);
    Check(!FlsSetValue(FLS_MAXIMUM, (PVOID)1) && GetLastError() == ERROR_INVALID_PARAMETER,
          "FlsSetValue(128): ERROR_INVALID_PARAMETER");
    SetLastError(0xDEADBEEF);
    Check(FlsGetValue(FLS_MAXIMUM) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
          "FlsGetValue(128): NULL, ERROR_INVALID_PARAMETER");

    /* The callback: once for a value, never for NULL. */
    Index = FlsAlloc(Remember);
    FlsSetValue(Index, (PVOID)0x1587);
    Calls = 0;
    Check(FlsFree(Index) && Calls == 1 && Seen[0] == (PVOID)0x1587,
          "FlsFree calls the callback with the value");
    Index = FlsAlloc(Remember);
    FlsSetValue(Index, NULL);
    Calls = 0;
    Check(FlsFree(Index) && Calls == 0, "and not for a NULL value");

    /* Two threads hold values: FlsFree calls back for both, in this thread. */
    Index = FlsAlloc(Remember);
    Ready = CreateEventA(NULL, FALSE, FALSE, NULL);
    Go = CreateEventA(NULL, FALSE, FALSE, NULL);
    FlsSetValue(Index, (PVOID)0x314);
    HANDLE holder = CreateThread(NULL, 0, Holder, (PVOID)0x152, 0, NULL);
    WaitForSingleObject(Ready, INFINITE);
    Calls = 0;
    Check(FlsFree(Index), "FlsFree while another thread holds a value");
    BOOL both = Calls == 2 && ((Seen[0] == (PVOID)0x314 && Seen[1] == (PVOID)0x152) ||
                               (Seen[0] == (PVOID)0x152 && Seen[1] == (PVOID)0x314));
    Check(both, "one call for each thread's value");
    Check(SeenThread[0] == GetCurrentThreadId() && SeenThread[1] == GetCurrentThreadId(),
          "both in the freeing thread");
    SetEvent(Go);
    WaitForSingleObject(holder, INFINITE);
    DWORD code = 0;
    GetExitCodeThread(holder, &code);
    Check(code == 1, "the other thread then reads NULL, ERROR_SUCCESS");
    CloseHandle(holder);

    /* A thread's exit: its callback, in it, before DLL_THREAD_DETACH. */
    Index = FlsAlloc(Remember);
    Calls = 0;
    OrderLength = 0;
    DWORD exiter_id = 0;
    HANDLE exiter = CreateThread(NULL, 0, Exiter, (PVOID)0x99, 0, &exiter_id);
    WaitForSingleObject(exiter, INFINITE);
    CloseHandle(exiter);
    Order[OrderLength] = 0;
    Check(Calls == 1 && Seen[0] == (PVOID)0x99 && SeenThread[0] == exiter_id,
          "a thread's exit calls back for its value, in that thread");
    printf("     order: %s\n", Order);
    Check(strcmp(Order, "FD") == 0, "before DLL_THREAD_DETACH");
    Calls = 0;
    FlsFree(Index);
    Check(Calls == 0, "the ended thread's value is gone");

    /* Every index: 127 in all, then FLS_OUT_OF_INDEXES. */
    static DWORD got[FLS_MAXIMUM];
    DWORD count = 0;
    for (;;) {
        DWORD index = FlsAlloc(NULL);
        if (index == FLS_OUT_OF_INDEXES || count == FLS_MAXIMUM) {
            break;
        }
        got[count++] = index;
    }
    printf("FlsAlloc until it fails: the last index %lu\n", count ? got[count - 1] : 0);
    Check(count > 100 && got[count - 1] == FLS_MAXIMUM - 1, "indexes up to 127");
    SetLastError(0xDEADBEEF);
    Check(FlsAlloc(NULL) == FLS_OUT_OF_INDEXES && GetLastError() == ERROR_NOT_ENOUGH_MEMORY,
          "then FLS_OUT_OF_INDEXES, ERROR_NOT_ENOUGH_MEMORY");
    for (DWORD i = 0; i < count; i++) {
        FlsFree(got[i]);
    }

    /* Left set for the process's exit. */
    FlsSetValue(FlsAlloc(AtExit), (PVOID)0x2);
    printf("%d failures\n", Failures);
    fflush(stdout);
    return Failures;
}
