/* NtFreeVirtualMemory's rules, with Windows' status for each. */
#include "pe.h"
#include "native.h"

void __cdecl start(void)
{
    MEMORY_BASIC_INFORMATION mbi;
    PVOID base = NULL;
    Alloc((PVOID)0x20000000, 0x30000, MEM_RESERVE, PAGE_READWRITE, &base);

    CHECK_EQ("both DECOMMIT and RELEASE: STATUS_INVALID_PARAMETER_4",
             Free(base, 0, MEM_DECOMMIT | MEM_RELEASE), 0xC00000F2);
    CHECK_EQ("neither: STATUS_INVALID_PARAMETER_4", Free(base, 0, 0), 0xC00000F2);
    CHECK_EQ("no allocation there: STATUS_MEMORY_NOT_ALLOCATED", Free((PVOID)0x21000000, 0, MEM_RELEASE),
             0xC00000A0);
    CHECK_EQ("range past the allocation: STATUS_UNABLE_TO_FREE_VM",
             Free((PVOID)0x20020000, 0x20000, MEM_DECOMMIT), 0xC000001A);
    CHECK_EQ("release size 0 not at the base: STATUS_FREE_VM_NOT_AT_BASE",
             Free((PVOID)0x20010000, 0, MEM_RELEASE), 0xC000009F);
    CHECK_EQ("decommit of only-reserved pages succeeds", Free((PVOID)0x20001000, 0x1000, MEM_DECOMMIT), 0);

    /* Commit, decommit: the pages read as reserved, then zero again. */
    BYTE *page = VirtualAlloc((PVOID)0x20002000, 0x1000, MEM_COMMIT, PAGE_READWRITE);
    page[5] = 5;
    CHECK_EQ("VirtualFree MEM_DECOMMIT", VirtualFree(page, 0x1000, MEM_DECOMMIT), TRUE);
    VirtualQuery(page, &mbi, sizeof mbi);
    CHECK_EQ("  now MEM_RESERVE", mbi.State, MEM_RESERVE);
    VirtualAlloc(page, 0x1000, MEM_COMMIT, PAGE_READWRITE);
    CHECK_EQ("  recommitted page reads zero", page[5], 0);

    /* Releasing the middle 64 KiB with a size splits the allocation. */
    CHECK_EQ("release the middle", Free((PVOID)0x20010000, 0x10000, MEM_RELEASE), 0);
    VirtualQuery((PVOID)0x20000000, &mbi, sizeof mbi);
    CHECK_EQ("  first part still allocated", mbi.State != MEM_FREE, 1);
    CHECK_EQ("  first part's AllocationBase", (DWORD)mbi.AllocationBase, 0x20000000);
    VirtualQuery((PVOID)0x20010000, &mbi, sizeof mbi);
    CHECK_EQ("  middle is MEM_FREE", mbi.State, MEM_FREE);
    CHECK_EQ("  middle RegionSize", mbi.RegionSize, 0x10000);
    VirtualQuery((PVOID)0x20020000, &mbi, sizeof mbi);
    CHECK_EQ("  last part MEM_RESERVE", mbi.State, MEM_RESERVE);
    CHECK_EQ("  last part is its own allocation", (DWORD)mbi.AllocationBase, 0x20020000);
    CHECK_EQ("release the first part", Free((PVOID)0x20000000, 0, MEM_RELEASE), 0);
    CHECK_EQ("release the last part", Free((PVOID)0x20020000, 0, MEM_RELEASE), 0);
    VirtualQuery((PVOID)0x20000000, &mbi, sizeof mbi);
    CHECK_EQ("all free", mbi.State == MEM_FREE && mbi.RegionSize >= 0x30000, 1);
    Finish();
}
