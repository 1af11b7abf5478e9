/*
 * VirtualAlloc, VirtualQuery, VirtualFree: the MEMORY_BASIC_INFORMATION
 * fields Windows reports, and committed memory reading as zero.
 */
#include "pe.h"

void __cdecl start(void)
{
    MEMORY_BASIC_INFORMATION mbi;
    BYTE *base = VirtualAlloc(NULL, 0x20000, MEM_RESERVE, PAGE_READWRITE);
    CHECK_EQ("reserve: 64 KiB aligned", (DWORD)base & 0xFFFF, 0);
    BYTE *page = VirtualAlloc(base + 0x3000, 0x2000, MEM_COMMIT, PAGE_READWRITE);
    CHECK_EQ("commit returns the page-aligned address", (DWORD)page, (DWORD)base + 0x3000);

    CHECK_EQ("VirtualQuery returns 28", VirtualQuery(page + 0x10, &mbi, sizeof mbi), 28);
    CHECK_EQ("BaseAddress", (DWORD)mbi.BaseAddress, (DWORD)page);
    CHECK_EQ("AllocationBase", (DWORD)mbi.AllocationBase, (DWORD)base);
    CHECK_EQ("AllocationProtect", mbi.AllocationProtect, PAGE_READWRITE);
    CHECK_EQ("RegionSize", mbi.RegionSize, 0x2000);
    CHECK_EQ("State MEM_COMMIT", mbi.State, MEM_COMMIT);
    CHECK_EQ("Protect PAGE_READWRITE", mbi.Protect, PAGE_READWRITE);
    CHECK_EQ("Type MEM_PRIVATE", mbi.Type, MEM_PRIVATE);

    VirtualQuery(base, &mbi, sizeof mbi);
    CHECK_EQ("reserved part: State MEM_RESERVE", mbi.State, MEM_RESERVE);
    CHECK_EQ("reserved part: Protect 0", mbi.Protect, 0);
    CHECK_EQ("reserved part: RegionSize", mbi.RegionSize, 0x3000);

    DWORD zero = 0;
    for (int i = 0; i < 0x2000; i++) {
        zero |= page[i];
    }
    CHECK_EQ("committed memory reads as zero", zero, 0);

    CHECK_EQ("VirtualFree MEM_RELEASE", VirtualFree(base, 0, MEM_RELEASE), TRUE);
    VirtualQuery(base, &mbi, sizeof mbi);
    CHECK_EQ("after release: State MEM_FREE", mbi.State, MEM_FREE);
    CHECK_EQ("after release: Protect PAGE_NOACCESS", mbi.Protect, PAGE_NOACCESS);
    CHECK_EQ("after release: AllocationBase 0", (DWORD)mbi.AllocationBase, 0);
    CHECK_EQ("after release: Type 0", mbi.Type, 0);

    SetLastError(0);
    CHECK_EQ("VirtualFree of a bad address fails", VirtualFree(base, 0, MEM_RELEASE), FALSE);
    CHECK_EQ("GetLastError ERROR_INVALID_ADDRESS", GetLastError(), 487);
    CHECK_EQ("VirtualFree(MEM_RELEASE, size != 0) fails", VirtualFree(base, 4096, MEM_RELEASE), FALSE);
    CHECK_EQ("GetLastError ERROR_INVALID_PARAMETER", GetLastError(), 87);
    Finish();
}
