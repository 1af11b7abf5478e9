/*
 * NtAllocateVirtualMemory's rules, with the status Windows returns for each,
 * and the Win32 error VirtualAlloc leaves.
 */
#include "pe.h"
#include "native.h"

void __cdecl start(void)
{
    PVOID p = NULL;
    MEMORY_BASIC_INFORMATION mbi;

    /* MEM_RESERVE rounds the base down to 64 KiB and the end up to 4 KiB. */
    CHECK_EQ("reserve at 0x12345678", Alloc((PVOID)0x12345678, 0x1000, MEM_RESERVE, PAGE_READWRITE, &p), 0);
    CHECK_EQ("  base rounded down to 64 KiB", (DWORD)p, 0x12340000);
    VirtualQuery(p, &mbi, sizeof mbi);
    CHECK_EQ("  end rounded up to 4 KiB", mbi.RegionSize, 0x7000);
    /* MEM_COMMIT inside it: page-rounded; committed memory reads zero. */
    CHECK_EQ("commit inside", Alloc((PVOID)0x12341234, 0x10, MEM_COMMIT, PAGE_READWRITE, &p), 0);
    CHECK_EQ("  base rounded down to 4 KiB", (DWORD)p, 0x12341000);
    CHECK_EQ("  reads zero", *(volatile DWORD *)0x12341234, 0);
    *(volatile DWORD *)0x12341234 = 7;
    /* Re-commit: allowed, the protection changes, the data stays. */
    CHECK_EQ("re-commit as read-only", Alloc((PVOID)0x12341000, 0x1000, MEM_COMMIT, PAGE_READONLY, &p), 0);
    VirtualQuery((PVOID)0x12341000, &mbi, sizeof mbi);
    CHECK_EQ("  protection updated", mbi.Protect, PAGE_READONLY);
    CHECK_EQ("  data kept", *(volatile DWORD *)0x12341234, 7);

    /* Commit outside any reservation, or across two. */
    CHECK_EQ("commit outside a reservation", Alloc((PVOID)0x22220000, 0x1000, MEM_COMMIT, PAGE_READWRITE, &p),
             0xC0000018);
    PVOID a = NULL, b = NULL;
    Alloc((PVOID)0x30000000, 0x10000, MEM_RESERVE, PAGE_READWRITE, &a);
    Alloc((PVOID)0x30010000, 0x10000, MEM_RESERVE, PAGE_READWRITE, &b);
    CHECK_EQ("commit across two reservations",
             Alloc((PVOID)0x3000F000, 0x2000, MEM_COMMIT, PAGE_READWRITE, &p), 0xC0000018);
    CHECK_EQ("reserve over a reservation",
             Alloc((PVOID)0x30008000, 0x1000, MEM_RESERVE, PAGE_READWRITE, &p), 0xC0000018);
    SetLastError(0);
    CHECK_EQ("VirtualAlloc commit outside fails", (DWORD)VirtualAlloc((PVOID)0x22220000, 0x1000, MEM_COMMIT,
                                                                      PAGE_READWRITE), 0);
    CHECK_EQ("  ERROR_INVALID_ADDRESS", GetLastError(), 487);

    /* Parameter checks. */
    CHECK_EQ("size 0: STATUS_INVALID_PARAMETER_4", Alloc(NULL, 0, MEM_COMMIT, PAGE_READWRITE, &p), 0xC00000F2);
    CHECK_EQ("type 0: STATUS_INVALID_PARAMETER_5", Alloc(NULL, 0x1000, 0, PAGE_READWRITE, &p), 0xC00000F3);
    CHECK_EQ("unknown type bit: STATUS_INVALID_PARAMETER_5",
             Alloc(NULL, 0x1000, MEM_COMMIT | 0x4, PAGE_READWRITE, &p), 0xC00000F3);
    CHECK_EQ("MEM_RESET with MEM_COMMIT: STATUS_INVALID_PARAMETER_5",
             Alloc(NULL, 0x1000, MEM_RESET | MEM_COMMIT, PAGE_READWRITE, &p), 0xC00000F3);
    CHECK_EQ("protection 0: STATUS_INVALID_PAGE_PROTECTION", Alloc(NULL, 0x1000, MEM_COMMIT, 0, &p),
             0xC0000045);
    CHECK_EQ("two protections: STATUS_INVALID_PAGE_PROTECTION",
             Alloc(NULL, 0x1000, MEM_COMMIT, PAGE_READONLY | PAGE_READWRITE, &p), 0xC0000045);
    CHECK_EQ("WRITECOPY on private memory: STATUS_INVALID_PAGE_PROTECTION",
             Alloc(NULL, 0x1000, MEM_COMMIT, PAGE_WRITECOPY, &p), 0xC0000045);
    CHECK_EQ("NOACCESS|GUARD: STATUS_INVALID_PAGE_PROTECTION",
             Alloc(NULL, 0x1000, MEM_COMMIT, PAGE_NOACCESS | PAGE_GUARD, &p), 0xC0000045);
    SetLastError(0);
    CHECK_EQ("VirtualAlloc size 0 fails", (DWORD)VirtualAlloc(NULL, 0, MEM_COMMIT, PAGE_READWRITE), 0);
    CHECK_EQ("  ERROR_INVALID_PARAMETER", GetLastError(), 87);

    /* Where NULL-base allocations land. */
    PVOID low = NULL, high = NULL;
    Alloc(NULL, 0x1000, MEM_RESERVE, PAGE_READWRITE, &low);
    Alloc(NULL, 0x1000, MEM_RESERVE | MEM_TOP_DOWN, PAGE_READWRITE, &high);
    CHECK_EQ("bottom-up: 64 KiB aligned", (DWORD)low & 0xFFFF, 0);
    CHECK_EQ("bottom-up: low in the address space", (DWORD)low < 0x10000000, 1);
    CHECK_EQ("top-down: 64 KiB aligned", (DWORD)high & 0xFFFF, 0);
    CHECK_EQ("top-down: high in the address space", (DWORD)high > 0x70000000, 1);
    CHECK_EQ("top-down: below 0x7FFF0000", (DWORD)high + 0x10000 <= 0x7FFF0000, 1);
    PVOID zb = NULL;
    SIZE_T size = 0x1000;
    CHECK_EQ("ZeroBits 8", NtAllocateVirtualMemory(CURRENT, &zb, 8, &size, MEM_RESERVE | MEM_TOP_DOWN,
                                                   PAGE_READWRITE), 0);
    CHECK_EQ("  the top 8 address bits are zero", (DWORD)zb <= 0x00FFFFFF, 1);
    zb = NULL;
    CHECK_EQ("ZeroBits 22: STATUS_INVALID_PARAMETER_3",
             NtAllocateVirtualMemory(CURRENT, &zb, 22, &size, MEM_RESERVE, PAGE_READWRITE), 0xC00000F1);
    CHECK_EQ("at 0x7FFF0000: refused", Alloc((PVOID)0x7FFF0000, 0x1000, MEM_RESERVE, PAGE_READWRITE, &p) != 0, 1);

    /* MEM_RESET: the page stays committed; its contents may go. */
    BYTE *r = VirtualAlloc(NULL, 0x3000, MEM_COMMIT, PAGE_READWRITE);
    r[0x1000] = 9;
    CHECK_EQ("MEM_RESET succeeds", VirtualAlloc(r + 0x800, 0x2000, MEM_RESET, PAGE_NOACCESS) != NULL, 1);
    VirtualQuery(r + 0x1000, &mbi, sizeof mbi);
    CHECK_EQ("  still committed", mbi.State, MEM_COMMIT);
    CHECK_EQ("  protection unchanged", mbi.Protect, PAGE_READWRITE);
    Finish();
}
