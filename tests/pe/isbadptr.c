/*
 * IsBadReadPtr, IsBadWritePtr, IsBadCodePtr: they catch the fault; a
 * guard page counts as bad and loses its guard, as on Windows.
 */
#include "pe.h"

void __cdecl start(void)
{
    BYTE *rw = VirtualAlloc(NULL, 0x2000, MEM_COMMIT, PAGE_READWRITE);
    BYTE *ro = VirtualAlloc(NULL, 0x1000, MEM_COMMIT, PAGE_READONLY);
    BYTE *reserved = VirtualAlloc(NULL, 0x1000, MEM_RESERVE, PAGE_READWRITE);
    BYTE *guard = VirtualAlloc(NULL, 0x1000, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD);

    CHECK_EQ("IsBadReadPtr(NULL, 1)", IsBadReadPtr(NULL, 1), TRUE);
    CHECK_EQ("IsBadReadPtr(NULL, 0)", IsBadReadPtr(NULL, 0), FALSE);
    CHECK_EQ("IsBadReadPtr(committed, 8 KiB)", IsBadReadPtr(rw, 0x2000), FALSE);
    CHECK_EQ("IsBadReadPtr(committed, past the end)", IsBadReadPtr(rw, 0x2001), TRUE);
    CHECK_EQ("IsBadReadPtr(reserved)", IsBadReadPtr(reserved, 4), TRUE);
    CHECK_EQ("IsBadWritePtr(read-write)", IsBadWritePtr(rw + 10, 100), FALSE);
    CHECK_EQ("IsBadWritePtr(read-only)", IsBadWritePtr(ro, 4), TRUE);
    CHECK_EQ("IsBadReadPtr(read-only)", IsBadReadPtr(ro, 4), FALSE);
    CHECK_EQ("IsBadWritePtr(kernel space)", IsBadWritePtr((PVOID)0x80000000, 4), TRUE);
    CHECK_EQ("IsBadCodePtr(start)", IsBadCodePtr((FARPROC)start), FALSE);
    CHECK_EQ("IsBadCodePtr(NULL)", IsBadCodePtr(NULL), TRUE);

    MEMORY_BASIC_INFORMATION mbi;
    CHECK_EQ("IsBadReadPtr(guard page)", IsBadReadPtr(guard, 4), TRUE);
    VirtualQuery(guard, &mbi, sizeof mbi);
    CHECK_EQ("  the guard is gone", mbi.Protect, PAGE_READWRITE);
    CHECK_EQ("  and now it reads", IsBadReadPtr(guard, 4), FALSE);
    CHECK_EQ("the fs:[0] chain is intact afterwards", IsBadReadPtr(rw, 1), FALSE);
    Finish();
}
