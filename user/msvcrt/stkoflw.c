/*
 * _resetstkoflw: after a program has handled a stack overflow, a guard
 * page is put back on its stack, so that the next overflow raises
 * STATUS_STACK_OVERFLOW again instead of running into the end of the
 * reservation (the overflow used up the guard page). The guard goes on
 * the page below the one the stack pointer is in; when the stack grows
 * into it the memory manager moves it down, as it moves any stack guard
 * page; the pages below it, which the overflow committed, are decommitted
 * (the stack below the stack pointer holds nothing). Nonzero for success (also when that page is a guard page
 * already), 0 when the stack pointer is too near the end of the
 * reservation: its last two pages are the one the system never commits
 * and the one it lends the overflow's handler.
 */
#include "msvcrt/crtfill.h"

#define PAGE_READWRITE 0x04
#define PAGE_GUARD     0x100
#define MEM_DECOMMIT   0x4000

int CDECL _resetstkoflw(void)
{
    SYSTEM_INFO system;
    GetSystemInfo(&system);
    ULONG_PTR page = system.dwPageSize;
    BYTE *guard = (BYTE *)(((ULONG_PTR)__builtin_frame_address(0) & ~(page - 1)) - page);
    MEMORY_BASIC_INFORMATION info;
    if (!VirtualQuery(guard, &info, sizeof info) || guard < (BYTE *)info.AllocationBase + 2 * page) {
        return 0;
    }
    if (info.State == MEM_COMMIT && (info.Protect & PAGE_GUARD)) {
        return 1;
    }
    if (info.State != MEM_COMMIT && !VirtualAlloc(guard, page, MEM_COMMIT, PAGE_READWRITE)) {
        return 0;
    }
    DWORD old;
    if (!VirtualProtect(guard, page, PAGE_READWRITE | PAGE_GUARD, &old)) {
        return 0;
    }
    /* The pages the overflow committed below it go back to being only
     * reserved, as on a stack that never overflowed: growth into them
     * commits each as the next guard page, afresh. */
    if (guard > (BYTE *)info.AllocationBase) {
        VirtualFree(info.AllocationBase, (SIZE_T)(guard - (BYTE *)info.AllocationBase), MEM_DECOMMIT);
    }
    return 1;
}
