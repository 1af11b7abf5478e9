/*
 * Stack growth: recursing through about 900 KiB of a 1 MiB stack. Each
 * touch of the guard page below the committed stack commits it and moves
 * the guard down, with no exception reaching the program, and the TEB's
 * StackLimit follows.
 */
#include "pe.h"

static __attribute__((noinline)) DWORD Recurse(int depth)
{
    volatile BYTE page[4000];
    page[0] = (BYTE)depth;
    page[3999] = (BYTE)depth;
    if (depth == 0) {
        return page[0];
    }
    return Recurse(depth - 1) + page[3999] - (BYTE)depth;
}

void __cdecl start(void)
{
    DWORD limit_before, limit_after, base;
    __asm__ volatile("movl %%fs:8, %0" : "=r"(limit_before));
    __asm__ volatile("movl %%fs:4, %0" : "=r"(base));
    SEH_FRAME frame;
    SehPush(&frame, SkipHandler);
    DWORD result = Recurse(235);   /* 235 frames of ~4 KiB: ~920 KiB */
    SehPop(&frame);
    __asm__ volatile("movl %%fs:8, %0" : "=r"(limit_after));
    CHECK_EQ("recursion result", result, 0);
    CHECK_EQ("no exception reached the program", HandlerCalls, 0);
    CHECK_EQ("StackLimit moved down by ~900 KiB", base - limit_after >= 900 * 1024, 1);
    CHECK_EQ("  and no lower than the 1 MiB reservation", base - limit_after < 1024 * 1024, 1);
    CHECK_EQ("it started one page below the base", base - limit_before, 4096);
    Finish();
}
