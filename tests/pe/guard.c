/*
 * PAGE_GUARD: the first access removes the guard and raises
 * STATUS_GUARD_PAGE_VIOLATION (0x80000001) with two parameters; the next
 * access succeeds. A write to a read-only guard page is an access
 * violation, and the guard stays.
 */
#include "pe.h"

void __cdecl start(void)
{
    SEH_FRAME frame;
    SehPush(&frame, SkipHandler);

    BYTE *g = VirtualAlloc(NULL, 0x1000, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD);
    ReadAt((DWORD)g + 0x10);
    CHECK_EQ("first touch: STATUS_GUARD_PAGE_VIOLATION", Seen.ExceptionCode, 0x80000001);
    CHECK_EQ("  NumberParameters", Seen.NumberParameters, 2);
    CHECK_EQ("  Information[0] (read)", Seen.ExceptionInformation[0], 0);
    CHECK_EQ("  Information[1]", Seen.ExceptionInformation[1], (DWORD)g + 0x10);
    CHECK_EQ("second touch succeeds", ReadAt((DWORD)g + 0x10), 0);
    CHECK_EQ("  no second exception", HandlerCalls, 1);

    BYTE *ro = VirtualAlloc(NULL, 0x1000, MEM_COMMIT, PAGE_READONLY | PAGE_GUARD);
    WriteAt((DWORD)ro, 1);
    CHECK_EQ("write to a read-only guard page: access violation", Seen.ExceptionCode, 0xC0000005);
    CHECK_EQ("  Information[0] (write)", Seen.ExceptionInformation[0], 1);
    ReadAt((DWORD)ro);
    CHECK_EQ("  the guard was still there", Seen.ExceptionCode, 0x80000001);
    CHECK_EQ("  then reads work", ReadAt((DWORD)ro), 0);
    CHECK_EQ("  handler calls so far", HandlerCalls, 3);

    /* A guard set on a page already in memory: its data survives. */
    BYTE *d = VirtualAlloc(NULL, 0x1000, MEM_COMMIT, PAGE_READWRITE);
    d[0] = 0x5A;
    DWORD old;
    VirtualProtect(d, 0x1000, PAGE_READWRITE | PAGE_GUARD, &old);
    ReadAt((DWORD)d);
    CHECK_EQ("guard on a resident page fires", Seen.ExceptionCode, 0x80000001);
    CHECK_EQ("  and the data is there afterwards", ReadAt((DWORD)d) & 0xFF, 0x5A);
    SehPop(&frame);
    Finish();
}
