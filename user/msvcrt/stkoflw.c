/*
 * _resetstkoflw: after a program has handled a stack overflow, a guard
 * page is put back on its stack, so that the next overflow raises
 * STATUS_STACK_OVERFLOW again instead of running into the end of the
 * reservation (the overflow used up the guard page). The stack below the
 * stack pointer holds nothing, so the pages the overflow committed there
 * are decommitted first, as on a stack that never overflowed; then the
 * guard goes one page below the stack pointer's page (that page is left
 * for the calls this function makes, which must not touch the guard), and
 * the memory manager moves it down as the stack grows again, as it moves
 * any stack guard page. Nonzero for success (also when that page is a
 * guard page already), 0 when the stack pointer is too near the end of
 * the reservation: its last two pages are the one the system never
 * commits and the one it lends the overflow's handler.
 */
#include "msvcrt/crtfill.h"

#define PAGE_READWRITE 0x04
#define PAGE_GUARD     0x100
#define MEM_DECOMMIT   0x4000
#define TEB_DEALLOCATION_STACK 0xE0C

int CDECL _resetstkoflw(void)
{
    SYSTEM_INFO system;
    GetSystemInfo(&system);
    ULONG_PTR page = system.dwPageSize, sp;
    __asm__ volatile("movl %%esp, %0" : "=r"(sp));
    BYTE *guard = (BYTE *)((sp & ~(page - 1)) - 2 * page);
    /* The stack's reservation is the one the TEB names (DeallocationStack),
     * as the memory manager reads it. */
    BYTE *low = (BYTE *)TebRead(TEB_DEALLOCATION_STACK);
    MEMORY_BASIC_INFORMATION info;
    if (guard < low + 2 * page || !VirtualQuery(guard, &info, sizeof info)) {
        return 0;
    }
    if (info.State == MEM_COMMIT && (info.Protect & PAGE_GUARD)) {
        return 1;
    }
    VirtualFree(low, (SIZE_T)(guard - low), MEM_DECOMMIT);
    DWORD old;
    return VirtualAlloc(guard, page, MEM_COMMIT, PAGE_READWRITE) &&
           VirtualProtect(guard, page, PAGE_READWRITE | PAGE_GUARD, &old);
}
