/* NtProtectVirtualMemory's rules; the change takes effect at once. */
#include "pe.h"
#include "native.h"

void __cdecl start(void)
{
    DWORD old = 0;
    BYTE *block = VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_READWRITE);
    VirtualAlloc(block, 0x2000, MEM_COMMIT, PAGE_READWRITE);
    BYTE *other = VirtualAlloc(block + 0x10000, 0x1000, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    (void)other;

    SetLastError(0);
    CHECK_EQ("uncommitted page: fails", VirtualProtect(block, 0x3000, PAGE_READONLY, &old), FALSE);
    CHECK_EQ("  ERROR_INVALID_ADDRESS (STATUS_NOT_COMMITTED)", GetLastError(), 487);
    PVOID base = block;
    SIZE_T size = 0x3000;
    CHECK_EQ("  native: STATUS_NOT_COMMITTED",
             NtProtectVirtualMemory(CURRENT, &base, &size, PAGE_READONLY, &old), 0xC000002D);
    base = block + 0xF000;
    size = 0x2000;
    CHECK_EQ("across two allocations: STATUS_CONFLICTING_ADDRESSES",
             NtProtectVirtualMemory(CURRENT, &base, &size, PAGE_READONLY, &old), 0xC0000018);
    base = block;
    size = 0x1000;
    CHECK_EQ("NULL OldProtect: STATUS_ACCESS_VIOLATION",
             NtProtectVirtualMemory(CURRENT, &base, &size, PAGE_READONLY, NULL), 0xC0000005);
    SetLastError(0);
    CHECK_EQ("VirtualProtect with NULL lpflOldProtect fails", VirtualProtect(block, 0x1000, PAGE_READONLY, NULL),
             FALSE);
    CHECK_EQ("  ERROR_NOACCESS", GetLastError(), 998);
    CHECK_EQ("WRITECOPY on private memory: STATUS_INVALID_PAGE_PROTECTION",
             NtProtectVirtualMemory(CURRENT, &base, &size, PAGE_WRITECOPY, &old), 0xC0000045);

    /* The old protection is the first page's. */
    VirtualProtect(block + 0x1000, 0x1000, PAGE_EXECUTE_READ, &old);
    CHECK_EQ("VirtualProtect 2 pages", VirtualProtect(block, 0x2000, PAGE_READONLY, &old), TRUE);
    CHECK_EQ("  old = the first page's", old, PAGE_READWRITE);

    /* At once: a write now faults; after READWRITE it works. */
    SEH_FRAME frame;
    SehPush(&frame, SkipHandler);
    WriteAt((DWORD)block + 8, 1);
    CHECK_EQ("write to the now read-only page faults", HandlerCalls, 1);
    VirtualProtect(block, 0x1000, PAGE_READWRITE, &old);
    CHECK_EQ("  old PAGE_READONLY", old, PAGE_READONLY);
    WriteAt((DWORD)block + 8, 2);
    CHECK_EQ("write after PAGE_READWRITE works", HandlerCalls, 1);
    CHECK_EQ("  and landed", block[8], 2);
    VirtualProtect(block, 0x1000, PAGE_NOACCESS, &old);
    ReadAt((DWORD)block);
    CHECK_EQ("PAGE_NOACCESS on a resident page: a read faults", HandlerCalls, 2);
    VirtualProtect(block, 0x1000, PAGE_READONLY, &old);
    CHECK_EQ("  and its data survives", ReadAt((DWORD)block + 8), 2);
    SehPop(&frame);
    Finish();
}
