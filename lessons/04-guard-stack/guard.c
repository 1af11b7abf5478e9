/*
 * Lesson 4: guard pages and the stack.
 *
 * A guard page is a one-shot alarm: the first access raises
 * STATUS_GUARD_PAGE_VIOLATION (0x80000001) and removes the guard; the
 * access after that is an ordinary one. The thread's stack is built on
 * it: committed pages at the top, one guard page below them, the rest of
 * the reservation below that. With the argument "overflow" the program
 * recurses until the stack is gone.
 */
#include "../lesson.h"
#include <string.h>

static void PrintStack(const char *when)
{
    NT_TIB *tib;
    __asm__("movl %%fs:0x18, %0" : "=r"(tib)); /* the TEB's own address */
    MEMORY_BASIC_INFORMATION m;
    VirtualQuery(tib->StackLimit, &m, sizeof m); /* any address in the stack */
    printf("the stack %s: TEB StackBase 0x%08lX, StackLimit 0x%08lX\n", when,
           (DWORD)tib->StackBase, (DWORD)tib->StackLimit);
    PrintRegions(m.AllocationBase, (DWORD)tib->StackBase - (DWORD)m.AllocationBase);
}

/* 200 KiB of locals: gcc probes them a page at a time from the top
 * (___chkstk_ms), so each probe meets the guard page just below the
 * committed stack, and the stack grows a page per probe. */
static __attribute__((noinline)) unsigned BigFrame(void)
{
    volatile char big[200 * 1024];
    memset((char *)big, 1, sizeof big);
    return big[0] + big[sizeof big - 1];
}

#pragma GCC diagnostic ignored "-Winfinite-recursion"
static __attribute__((noinline)) unsigned Forever(unsigned n)
{
    volatile char frame[1000];
    frame[0] = (char)n;
    return Forever(n + 1) + frame[0];
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "overflow") == 0) {
        printf("recursing forever, with no handler\n");
        fflush(stdout);
        return (int)Forever(0);
    }

    /* 1. A guard page of our own. */
    char *g = VirtualAlloc((void *)0x20000000, 4096, MEM_RESERVE | MEM_COMMIT,
                           PAGE_READWRITE | PAGE_GUARD);
    MEMORY_BASIC_INFORMATION m;
    VirtualQuery(g, &m, sizeof m);
    printf("a page committed %s\n", ProtectName(m.Protect));
    printf("first read:  ");
    Touch(g, 'r');
    PrintSeen();
    printf("second read: ");
    Touch(g, 'r');
    PrintSeen();
    VirtualQuery(g, &m, sizeof m);
    printf("now it is %s\n\n", ProtectName(m.Protect));

    /* 2. The stack: look, grow it by 200 KiB, look again. No exception
     *    reaches the program: the guard page inside a stack is the memory
     *    manager's own business. */
    PrintStack("before");
    printf("a function with 200 KiB of locals returns %u\n", BigFrame());
    PrintStack("after");
    return 0;
}
