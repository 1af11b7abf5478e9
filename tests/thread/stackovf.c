/* A stack overflow in a second thread: its own guard page moves down its
 * own stack until the reservation is used up, then STATUS_STACK_OVERFLOW
 * is raised in that thread (the first thread's stack is untouched and
 * still grows). "unhandled": nobody handles it, and the process ends with
 * STATUS_STACK_OVERFLOW, as on Windows. */
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

static DWORD overflow_thread;
static ULONG_PTR fault_address, stack_low, stack_base;

#pragma GCC diagnostic ignored "-Winfinite-recursion"
static __attribute__((noinline)) DWORD Forever(DWORD n)
{
    volatile BYTE page[1000];
    page[0] = (BYTE)n;
    return Forever(n + 1) + page[0];
}

static __attribute__((noinline)) DWORD Deep(DWORD n)
{
    volatile BYTE page[1000];
    page[0] = (BYTE)n;
    return n ? Deep(n - 1) + page[0] : 0;
}

static NT_TIB *Tib(void)
{
    NT_TIB *tib;
    __asm__("movl %%fs:0x18, %0" : "=r"(tib));
    return tib;
}

static LONG CALLBACK Handler(EXCEPTION_POINTERS *info)
{
    if (info->ExceptionRecord->ExceptionCode != STATUS_STACK_OVERFLOW) {
        return EXCEPTION_CONTINUE_SEARCH;
    }
    overflow_thread = GetCurrentThreadId();
    fault_address = info->ExceptionRecord->ExceptionInformation[1];
    NT_TIB *tib = Tib();
    stack_base = (ULONG_PTR)tib->StackBase;
    stack_low = *(ULONG_PTR *)((BYTE *)tib + 0xE0C); /* DeallocationStack */
    ExitThread(STATUS_STACK_OVERFLOW);
}

static DWORD WINAPI Recurse(void *p)
{
    (void)p;
    return Forever(0);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "unhandled") == 0) {
        HANDLE t = CreateThread(NULL, 0, Recurse, NULL, 0, NULL);
        WaitForSingleObject(t, INFINITE);
        printf("FAIL: the process survived\n");
        return 1;
    }
    AddVectoredExceptionHandler(1, Handler);
    DWORD id;
    HANDLE t = CreateThread(NULL, 256 * 1024, Recurse, NULL, STACK_SIZE_PARAM_IS_A_RESERVATION, &id);
    CHECK(WaitForSingleObject(t, INFINITE) == WAIT_OBJECT_0, "the thread ended");
    DWORD code = 0;
    CHECK(GetExitCodeThread(t, &code) && code == STATUS_STACK_OVERFLOW, "with STATUS_STACK_OVERFLOW");
    CHECK(overflow_thread == id, "raised in the overflowing thread");
    CHECK(stack_base - stack_low == 256 * 1024, "its 256 KiB reservation");
    CHECK(fault_address >= stack_low && fault_address < stack_low + 3 * 4096,
          "at the bottom of its own stack");
    NT_TIB *tib = Tib();
    CHECK((ULONG_PTR)tib->StackBase != stack_base, "not the first thread's stack");
    CHECK(Deep(100) == 5050, "the first thread's stack still grows (100 KB deep)");
    printf("%s\n", failures ? "stackovf: FAILED" : "stackovf: ok");
    return failures;
}
