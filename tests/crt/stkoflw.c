/*
 * _resetstkoflw: a thread overflows its stack, handles STATUS_STACK_OVERFLOW
 * (a vectored handler jumps back to where the thread started), and the
 * guard page is gone; _resetstkoflw puts one back, so a second overflow
 * raises STATUS_STACK_OVERFLOW again (Microsoft's _resetstkoflw page:
 * without it the second overflow would be an access violation). Near the
 * bottom of the stack it answers 0.
 */
#include <malloc.h>
#include <setjmp.h>
#include <stdio.h>
#include <windows.h>

static jmp_buf back;
static DWORD worker;
static volatile LONG overflows, violations;
static volatile int in_handler = -1;

#pragma GCC diagnostic ignored "-Winfinite-recursion"
static __attribute__((noinline)) DWORD Forever(DWORD n)
{
    volatile BYTE page[1000];
    page[0] = (BYTE)n;
    return Forever(n + 1) + page[0];
}

static LONG CALLBACK Handler(EXCEPTION_POINTERS *info)
{
    if (GetCurrentThreadId() != worker) {
        return EXCEPTION_CONTINUE_SEARCH;
    }
    DWORD code = info->ExceptionRecord->ExceptionCode;
    if (code == STATUS_STACK_OVERFLOW) {
        if (!overflows++) {
            in_handler = _resetstkoflw();   /* at the bottom of the stack: no room */
        }
    } else if (code == STATUS_ACCESS_VIOLATION) {
        violations++;
    } else {
        return EXCEPTION_CONTINUE_SEARCH;
    }
    longjmp(back, 1);
}

static DWORD WINAPI Work(void *unused)
{
    (void)unused;
    int resets[2] = {-1, -1};
    if (!setjmp(back)) {
        Forever(0);
    }
    resets[0] = _resetstkoflw();
    if (!setjmp(back)) {
        Forever(0);
    }
    resets[1] = _resetstkoflw();
    printf("after two overflows: %ld stack overflows, %ld access violations, _resetstkoflw %d %d\n", overflows,
           violations, resets[0] != 0, resets[1] != 0);
    printf("_resetstkoflw in the overflow's handler: %d\n", in_handler);
    return 0;
}

int main(void)
{
    AddVectoredExceptionHandler(1, Handler);
    HANDLE t = CreateThread(NULL, 256 * 1024, Work, NULL, STACK_SIZE_PARAM_IS_A_RESERVATION, &worker);
    WaitForSingleObject(t, INFINITE);
    DWORD code = 1;
    GetExitCodeThread(t, &code);
    printf("the thread ended with %lu\n", code);
    return 0;
}
