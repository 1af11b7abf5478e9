/*
 * VirtualLock over a guard page, as Windows answers: the first call fails
 * with GetLastError() == STATUS_GUARD_PAGE_VIOLATION (0x80000001: one of
 * the three warnings that are their own Win32 error, with
 * STATUS_BREAKPOINT and STATUS_SINGLE_STEP), and takes the guard off as
 * the touch of a guard page does; the second call locks the pages.
 *
 * Windows' answer: Wine's kernel32 virtual.c test_guard_page (lines
 * 2296-2305) and test_write_watch (lines 2448-2458); Wine's ntdll error
 * table.
 */
#include "pe.h"

void __cdecl start(void)
{
    BYTE *p = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD);
    SetLastError(0xDEADBEEF);
    CHECK_EQ("VirtualLock over a guard page fails", VirtualLock(p, 0x1000), 0);
    CHECK_EQ("  GetLastError() == STATUS_GUARD_PAGE_VIOLATION", GetLastError(), 0x80000001);
    CHECK_EQ("VirtualLock again: the guard is gone", VirtualLock(p, 0x1000), 1);
    CHECK_EQ("VirtualUnlock", VirtualUnlock(p, 0x1000), 1);
    typedef ULONG(NTAPI *TO_DOS)(LONG);
    TO_DOS to_dos = (TO_DOS)(void *)GetProcAddress(GetModuleHandleA("ntdll.dll"),
                                                   "RtlNtStatusToDosError");
    CHECK_EQ("RtlNtStatusToDosError(STATUS_BREAKPOINT)", to_dos(0x80000003), 0x80000003);
    CHECK_EQ("RtlNtStatusToDosError(STATUS_SINGLE_STEP)", to_dos(0x80000004), 0x80000004);
    CHECK_EQ("RtlNtStatusToDosError(STATUS_DATATYPE_MISALIGNMENT)", to_dos(0x80000002),
             ERROR_NOACCESS);
    Finish();
}
