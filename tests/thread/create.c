/* Threads: creation, ids, TEBs, exit codes, suspension, contexts, TLS per
 * thread, DLL_THREAD_ATTACH/DETACH through the program's TLS callback.
 * Each CHECK states Windows' answer. */
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

static __thread int per_thread = 5;    /* static TLS: each thread its own copy */
static DWORD tls_index;
static volatile LONG attaches, detaches;

static void NTAPI TlsCallback(PVOID module, DWORD reason, PVOID reserved)
{
    (void)module;
    (void)reserved;
    if (reason == DLL_THREAD_ATTACH) {
        InterlockedIncrement(&attaches);
    } else if (reason == DLL_THREAD_DETACH) {
        InterlockedIncrement(&detaches);
    }
}
PIMAGE_TLS_CALLBACK tls_callback __attribute__((section(".CRT$XLB"), used)) = TlsCallback;

static void *Teb(void)
{
    void *teb;
    __asm__("movl %%fs:0x18, %0" : "=r"(teb));
    return teb;
}

typedef struct RESULT {
    DWORD Id;
    void *Teb;
    void *StackBase;
    int TlsStart;
    void *Dynamic;
} RESULT;

static DWORD WINAPI Worker(void *parameter)
{
    RESULT *r = parameter;
    r->Id = GetCurrentThreadId();
    r->Teb = Teb();
    r->StackBase = ((NT_TIB *)Teb())->StackBase;
    r->TlsStart = per_thread;     /* the template's value, not main's change */
    per_thread = 77;
    r->Dynamic = TlsGetValue(tls_index); /* NULL in a new thread */
    TlsSetValue(tls_index, (void *)0x1234);
    return 42;
}

static DWORD WINAPI Exiter(void *parameter)
{
    (void)parameter;
    ExitThread(7);
}

static DWORD WINAPI Spinner(void *parameter)
{
    volatile LONG *flag = parameter;
    while (!*flag) {
        Sleep(1);
    }
    return 9;
}

int main(void)
{
    tls_index = TlsAlloc();
    TlsSetValue(tls_index, (void *)0x5678);
    per_thread = 6;

    /* A thread returns 42: its exit code; its TEB is its own, below the PEB. */
    RESULT r = {0};
    DWORD id = 0;
    HANDLE h = CreateThread(NULL, 0, Worker, &r, 0, &id);
    CHECK(h != NULL, "CreateThread");
    CHECK(WaitForSingleObject(h, INFINITE) == WAIT_OBJECT_0, "wait for the thread");
    DWORD code = 0;
    CHECK(GetExitCodeThread(h, &code) && code == 42, "exit code 42");
    CHECK(r.Id == id && GetThreadId(h) == id, "the id CreateThread gave");
    CHECK(id != GetCurrentThreadId() && id % 4 == 0, "a new id, a multiple of 4");
    CHECK(r.Teb != Teb(), "its own TEB");
    CHECK((ULONG_PTR)r.Teb < (ULONG_PTR)Teb(), "TEBs are allocated downwards");
    CHECK(r.StackBase != ((NT_TIB *)Teb())->StackBase, "its own stack");
    CHECK(r.TlsStart == 5 && per_thread == 6, "static TLS per thread");
    CHECK(r.Dynamic == NULL && TlsGetValue(tls_index) == (void *)0x5678, "TLS slots per thread");
    CHECK(GetProcessIdOfThread(h) == GetCurrentProcessId(), "its process");
    CHECK(attaches == 1 && detaches == 1, "DLL_THREAD_ATTACH and DETACH");
    CloseHandle(h);

    /* ExitThread's code. */
    h = CreateThread(NULL, 0, Exiter, NULL, 0, NULL);
    WaitForSingleObject(h, INFINITE);
    CHECK(GetExitCodeThread(h, &code) && code == 7, "ExitThread(7)");
    CloseHandle(h);

    /* Created suspended: STILL_ACTIVE; suspend counts; its context. */
    volatile LONG flag = 0;
    h = CreateThread(NULL, 0, Spinner, (void *)&flag, CREATE_SUSPENDED, NULL);
    CHECK(GetExitCodeThread(h, &code) && code == STILL_ACTIVE, "STILL_ACTIVE");
    CHECK(WaitForSingleObject(h, 50) == WAIT_TIMEOUT, "a suspended thread does not run");
    CHECK(SuspendThread(h) == 1, "SuspendThread returns the previous count (1)");
    CHECK(ResumeThread(h) == 2, "ResumeThread returns the previous count (2)");
    CONTEXT context = {.ContextFlags = CONTEXT_FULL};
    CHECK(GetThreadContext(h, &context), "GetThreadContext");
    /* Windows starts it at ntdll!RtlUserThreadStart, EAX the start, EBX the parameter. */
    CHECK(context.Eip == (DWORD)(ULONG_PTR)GetProcAddress(GetModuleHandleA("ntdll.dll"),
                                                          "RtlUserThreadStart") &&
              context.Eax == (DWORD)(ULONG_PTR)Spinner && context.Ebx == (DWORD)(ULONG_PTR)&flag,
          "a new thread's registers");
    CHECK(ResumeThread(h) == 1, "ResumeThread: 1");
    CHECK(ResumeThread(h) == 0, "ResumeThread of a running thread: 0");
    Sleep(20);
    CHECK(WaitForSingleObject(h, 0) == WAIT_TIMEOUT, "still spinning");
    CHECK(SuspendThread(h) == 0, "SuspendThread of a running thread: 0");
    flag = 1;
    CHECK(WaitForSingleObject(h, 100) == WAIT_TIMEOUT, "suspended: it cannot see the flag");
    ResumeThread(h);
    CHECK(WaitForSingleObject(h, INFINITE) == WAIT_OBJECT_0, "resumed, it ends");
    CHECK(GetExitCodeThread(h, &code) && code == 9, "exit code 9");
    CHECK(SuspendThread(h) == (DWORD)-1, "an ended thread cannot be suspended");
    CloseHandle(h);

    /* TerminateThread's code. */
    flag = 0;
    h = CreateThread(NULL, 0, Spinner, (void *)&flag, 0, NULL);
    Sleep(5);
    CHECK(TerminateThread(h, 0xDEAD), "TerminateThread");
    CHECK(WaitForSingleObject(h, INFINITE) == WAIT_OBJECT_0, "a terminated thread is signaled");
    CHECK(GetExitCodeThread(h, &code) && code == 0xDEAD, "TerminateThread's code");
    CloseHandle(h);

    /* The pseudo-handle and the current thread. */
    CHECK(GetThreadId(GetCurrentThread()) == GetCurrentThreadId(), "GetThreadId(current)");
    HANDLE real = NULL;
    CHECK(DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &real, 0,
                          FALSE, DUPLICATE_SAME_ACCESS) &&
              real != GetCurrentThread() && GetThreadId(real) == GetCurrentThreadId(),
          "DuplicateHandle of the pseudo-handle: a real handle to this thread");
    CloseHandle(real);
    CHECK(WaitForSingleObject((HANDLE)0x12345, 0) == WAIT_FAILED &&
              GetLastError() == ERROR_INVALID_HANDLE, "a bad handle");

    printf("%s\n", failures ? "create: FAILED" : "create: ok");
    return failures;
}
