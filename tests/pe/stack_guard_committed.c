/*
 * A stack's guard page moves down onto a page that is already committed
 * and resident. NT's MiCheckForUserStackOverflow makes the page below the
 * one touched a guard page with MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD,
 * which on a committed page only changes its protection, resident or not:
 * VirtualQuery then says PAGE_READWRITE | PAGE_GUARD there, and touching it
 * moves the guard on again, with no exception reaching the program. (A
 * program gets such pages when it commits its own stack, or after an
 * overflow, which leaves the stack committed to its end.)
 */
#include "pe.h"

void __cdecl start(void)
{
    DWORD limit;
    __asm__ volatile("movl %%fs:8, %0" : "=r"(limit));
    BYTE *guard = (BYTE *)limit - 0x1000;
    MEMORY_BASIC_INFORMATION mbi;
    VirtualQuery(guard, &mbi, sizeof mbi);
    CHECK_EQ("the page below StackLimit is the guard", mbi.Protect, PAGE_READWRITE | PAGE_GUARD);

    /* Commit the two pages below it and make them resident. */
    BYTE *below = guard - 0x2000;
    CHECK_EQ("MEM_COMMIT of two pages below the guard",
             VirtualAlloc(below, 0x2000, MEM_COMMIT, PAGE_READWRITE) == below, 1);
    below[0] = 1;
    below[0x1000] = 2;

    SEH_FRAME frame;
    SehPush(&frame, SkipHandler);
    volatile BYTE touched = *(volatile BYTE *)guard;   /* the guard: the stack grows */
    (void)touched;
    VirtualQuery(guard, &mbi, sizeof mbi);
    CHECK_EQ("the touched page is plain read-write now", mbi.Protect, PAGE_READWRITE);
    VirtualQuery(guard - 0x1000, &mbi, sizeof mbi);
    CHECK_EQ("the resident page below became the guard", mbi.Protect, PAGE_READWRITE | PAGE_GUARD);
    CHECK_EQ("reading it gives its contents", below[0x1000], 2);
    VirtualQuery(guard - 0x2000, &mbi, sizeof mbi);
    CHECK_EQ("  onto the next resident page", mbi.Protect, PAGE_READWRITE | PAGE_GUARD);
    SehPop(&frame);
    CHECK_EQ("no exception reached the program", HandlerCalls, 0);
    __asm__ volatile("movl %%fs:8, %0" : "=r"(limit));
    CHECK_EQ("StackLimit followed", limit, (DWORD)(guard - 0x1000));
    Finish();
}
