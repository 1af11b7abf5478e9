/*
 * Fibers, with Windows' answers (Microsoft's documentation of each
 * function; Wine's kernel32 fiber.c tests, run on Windows):
 *  - a thread is not a fiber until ConvertThreadToFiber; converting twice
 *    is ERROR_ALREADY_FIBER, ConvertFiberToThread of a thread
 *    ERROR_ALREADY_THREAD; GetCurrentFiber is what ConvertThreadToFiber
 *    and CreateFiber returned, GetFiberData its parameter;
 *  - SwitchToFiber runs the target where it left off (a new fiber from its
 *    start routine) on its own stack, which grows as a thread's does;
 *  - fiber-local storage is each fiber's: a new fiber reads NULL; FlsFree
 *    calls back once per fiber holding a value, DeleteFiber of another
 *    fiber once for its own (test_FiberLocalStorageWithFibers);
 *  - a fiber whose start routine returns ends its thread.
 */
#include <stdio.h>
#include <windows.h>

#include "../guesttest.h"

/* winnt.h's GetCurrentFiber and GetFiberData, read as they read them
 * (fs:[0x10], and its first word), without its __readfsdword, which
 * gcc's -Warray-bounds rejects. */
static PVOID CurrentFiber(void)
{
    PVOID fiber;
    __asm__ volatile("movl %%fs:0x10, %0" : "=r"(fiber));
    return fiber;
}

static PVOID FiberData(void)
{
    return *(PVOID *)CurrentFiber();
}

static PVOID MainFiber, Fibers[3];
static DWORD Index;
static volatile LONG Calls;
static PVOID Seen[8];
static int Trace[16], Traced;

static void NTAPI Callback(PVOID value)
{
    LONG n = InterlockedIncrement(&Calls) - 1;
    if (n < 8) {
        Seen[n] = value;
    }
}

/* Uses about 160 KiB of the fiber's stack, a page at a time. */
static int __attribute__((noinline)) Deep(int depth)
{
    volatile char page[4096];
    page[0] = (char)depth;
    page[4095] = (char)depth;
    return depth ? Deep(depth - 1) + page[0] - page[4095] + 1 : 0;
}

static struct {
    PVOID Data, Current, FlsAtStart;
    int Depth;
} Seen1;

static void WINAPI FiberMain(PVOID parameter)
{
    int n = (int)(LONG_PTR)parameter;
    if (n == 1) {
        Seen1.Data = FiberData();
        Seen1.Current = CurrentFiber();
        Seen1.FlsAtStart = FlsGetValue(Index);
        Seen1.Depth = Deep(40);
    }
    FlsSetValue(Index, (PVOID)(LONG_PTR)(0x100 * n));
    for (int i = 0;; i++) {
        Trace[Traced++] = n * 10 + i;
        SwitchToFiber(MainFiber);
    }
}

static void WINAPI Returns(PVOID parameter)
{
    (void)parameter;
}

static DWORD WINAPI FiberThread(PVOID parameter)
{
    (void)parameter;
    ConvertThreadToFiber(NULL);
    SwitchToFiber(CreateFiber(0, Returns, NULL));
    return 77;   /* never reached: the fiber's return ended the thread */
}

int main(void)
{
    Check(!IsThreadAFiber(), "a thread is not a fiber");
    SetLastError(0xDEADBEEF);
    Check(!ConvertFiberToThread() && GetLastError() == ERROR_ALREADY_THREAD,
          "ConvertFiberToThread of a thread: ERROR_ALREADY_THREAD");
    MainFiber = ConvertThreadToFiber((PVOID)0x1234);
    Check(MainFiber != NULL && IsThreadAFiber(), "ConvertThreadToFiber");
    Check(CurrentFiber() == MainFiber && FiberData() == (PVOID)0x1234,
          "GetCurrentFiber and GetFiberData");
    SetLastError(0xDEADBEEF);
    Check(ConvertThreadToFiber(NULL) == NULL && GetLastError() == ERROR_ALREADY_FIBER,
          "again: ERROR_ALREADY_FIBER");

    Index = FlsAlloc(Callback);
    FlsSetValue(Index, (PVOID)0x314);
    Fibers[1] = CreateFiber(0, FiberMain, (PVOID)1);
    Fibers[2] = CreateFiber(0, FiberMain, (PVOID)2);
    Check(Fibers[1] && Fibers[2], "CreateFiber, twice");
    SwitchToFiber(Fibers[1]);
    Check(Seen1.Data == (PVOID)1 && Seen1.Current == Fibers[1],
          "in the new fiber: its own GetCurrentFiber and GetFiberData");
    Check(Seen1.FlsAtStart == NULL, "its fiber-local storage starts NULL");
    Check(Seen1.Depth == 40, "160 KiB of its stack used: the stack grew");
    Check(CurrentFiber() == MainFiber && FlsGetValue(Index) == (PVOID)0x314,
          "back in the first fiber: its own FLS value");
    SwitchToFiber(Fibers[2]);
    SwitchToFiber(Fibers[1]);
    SwitchToFiber(Fibers[2]);
    printf("     the fibers ran: %d %d %d %d\n", Trace[0], Trace[1], Trace[2], Trace[3]);
    Check(Traced == 4 && Trace[0] == 10 && Trace[1] == 20 && Trace[2] == 11 && Trace[3] == 21,
          "each resumed where it left off");

    Calls = 0;
    DeleteFiber(Fibers[1]);
    Check(Calls == 1 && Seen[0] == (PVOID)0x100, "DeleteFiber: one callback, for its value");
    Calls = 0;
    FlsFree(Index);
    BOOL both = Calls == 2 && ((Seen[0] == (PVOID)0x314 && Seen[1] == (PVOID)0x200) ||
                               (Seen[0] == (PVOID)0x200 && Seen[1] == (PVOID)0x314));
    Check(both, "FlsFree: one callback per fiber holding a value");
    Calls = 0;
    DeleteFiber(Fibers[2]);
    Check(Calls == 0, "DeleteFiber after FlsFree: none");

    HANDLE thread = CreateThread(NULL, 0, FiberThread, NULL, 0, NULL);
    Check(WaitForSingleObject(thread, INFINITE) == WAIT_OBJECT_0,
          "a fiber that returns ends its thread");
    DWORD code = 0;
    GetExitCodeThread(thread, &code);
    Check(code != 77, "before its thread function could return");
    CloseHandle(thread);

    Check(ConvertFiberToThread() && !IsThreadAFiber(), "ConvertFiberToThread");
    printf("%d failures\n", Failures);
    return Failures;
}
