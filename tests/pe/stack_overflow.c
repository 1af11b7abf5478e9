/* Infinite recursion with no handler: the process ends with
 * STATUS_STACK_OVERFLOW (0xC00000FD), host status 0xFD. */
#include "pe.h"

/* Bounded only by the stack: the compiler must not see through it. */
#pragma GCC diagnostic ignored "-Winfinite-recursion"
static __attribute__((noinline)) DWORD Forever(DWORD n)
{
    volatile BYTE page[1000];
    page[0] = (BYTE)n;
    return Forever(n + 1) + page[0];
}

void __cdecl start(void)
{
    Print("recursing forever\n");
    Forever(0);
    Print("FAIL: returned\n");
    ExitProcess(0);
}
