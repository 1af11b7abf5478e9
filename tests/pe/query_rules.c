/*
 * NtQueryVirtualMemory / VirtualQuery: free ranges, the loaded images
 * (MEM_IMAGE, with each section's protection, writable data WRITECOPY until
 * written), guard pages reported but not triggered, and the parameter rules.
 */
#include "pe.h"
#include "native.h"

/* A page of its own in a writable section: PAGE_WRITECOPY until written. */
__attribute__((section(".cow"), aligned(4096))) volatile DWORD CowPage[1024] = {1};
__attribute__((section(".rdata"), aligned(4096))) const DWORD ReadOnlyData[1024] = {2};

void __cdecl start(void)
{
    MEMORY_BASIC_INFORMATION mbi;
    BYTE *exe = (BYTE *)GetModuleHandleA(NULL);

    VirtualQuery(exe, &mbi, sizeof mbi);
    CHECK_EQ("EXE headers: Type MEM_IMAGE", mbi.Type, MEM_IMAGE);
    CHECK_EQ("  AllocationBase = the image base", (DWORD)mbi.AllocationBase, (DWORD)exe);
    CHECK_EQ("  AllocationProtect PAGE_EXECUTE_WRITECOPY", mbi.AllocationProtect, PAGE_EXECUTE_WRITECOPY);
    CHECK_EQ("  headers PAGE_READONLY", mbi.Protect, PAGE_READONLY);
    CHECK_EQ("  State MEM_COMMIT", mbi.State, MEM_COMMIT);
    VirtualQuery((PVOID)start, &mbi, sizeof mbi);
    CHECK_EQ("code PAGE_EXECUTE_READ", mbi.Protect, PAGE_EXECUTE_READ);
    CHECK_EQ("  AllocationBase = the image base", (DWORD)mbi.AllocationBase, (DWORD)exe);
    VirtualQuery((PVOID)ReadOnlyData, &mbi, sizeof mbi);
    CHECK_EQ("read-only data PAGE_READONLY", mbi.Protect, PAGE_READONLY);
    VirtualQuery((PVOID)CowPage, &mbi, sizeof mbi);
    CHECK_EQ("writable data before a write: PAGE_WRITECOPY", mbi.Protect, PAGE_WRITECOPY);
    CowPage[0] = 2;
    VirtualQuery((PVOID)CowPage, &mbi, sizeof mbi);
    CHECK_EQ("  after the first write: PAGE_READWRITE", mbi.Protect, PAGE_READWRITE);
    HMODULE k32 = GetModuleHandleA("kernel32.dll");
    VirtualQuery((PVOID)GetProcAddress(k32, "VirtualQuery"), &mbi, sizeof mbi);
    CHECK_EQ("a DLL's code: MEM_IMAGE", mbi.Type, MEM_IMAGE);
    CHECK_EQ("  AllocationBase = the DLL's base", (DWORD)mbi.AllocationBase, (DWORD)k32);
    CHECK_EQ("  PAGE_EXECUTE_READ", mbi.Protect, PAGE_EXECUTE_READ);

    /* A free range. */
    VirtualQuery((PVOID)0x60000000, &mbi, sizeof mbi);
    CHECK_EQ("free: State MEM_FREE", mbi.State, MEM_FREE);
    CHECK_EQ("free: Protect PAGE_NOACCESS", mbi.Protect, PAGE_NOACCESS);
    CHECK_EQ("free: AllocationBase 0", (DWORD)mbi.AllocationBase, 0);
    CHECK_EQ("free: AllocationProtect 0", mbi.AllocationProtect, 0);
    CHECK_EQ("free: Type 0", mbi.Type, 0);
    VirtualQuery((PVOID)0x1234, &mbi, sizeof mbi);
    CHECK_EQ("the first 64 KiB: MEM_FREE", mbi.State, MEM_FREE);
    CHECK_EQ("  BaseAddress page-aligned", (DWORD)mbi.BaseAddress, 0x1000);

    /* RegionSize: the run of pages with the same state and protection. */
    BYTE *r = VirtualAlloc(NULL, 0x5000, MEM_RESERVE, PAGE_READWRITE);
    VirtualAlloc(r, 0x2000, MEM_COMMIT, PAGE_READWRITE);
    VirtualAlloc(r + 0x2000, 0x1000, MEM_COMMIT, PAGE_READONLY);
    VirtualQuery(r + 0x800, &mbi, sizeof mbi);
    CHECK_EQ("run of READWRITE pages", mbi.RegionSize, 0x2000);
    VirtualQuery(r + 0x2000, &mbi, sizeof mbi);
    CHECK_EQ("then one READONLY page", mbi.RegionSize == 0x1000 && mbi.Protect == PAGE_READONLY, 1);
    VirtualQuery(r + 0x3000, &mbi, sizeof mbi);
    CHECK_EQ("then reserved to the end", mbi.RegionSize == 0x2000 && mbi.State == MEM_RESERVE, 1);

    /* Querying a guard page reports it and leaves it armed. */
    BYTE *g = VirtualAlloc(NULL, 0x1000, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD);
    VirtualQuery(g, &mbi, sizeof mbi);
    CHECK_EQ("guard page: Protect PAGE_READWRITE|PAGE_GUARD", mbi.Protect, PAGE_READWRITE | PAGE_GUARD);
    SEH_FRAME frame;
    SehPush(&frame, SkipHandler);
    ReadAt((DWORD)g);
    SehPop(&frame);
    CHECK_EQ("  still armed: the first touch raises", Seen.ExceptionCode, STATUS_GUARD_PAGE_VIOLATION);

    /* KUSER_SHARED_DATA */
    VirtualQuery((PVOID)0x7FFE0000, &mbi, sizeof mbi);
    CHECK_EQ("KUSER_SHARED_DATA: MEM_COMMIT", mbi.State, MEM_COMMIT);
    CHECK_EQ("  PAGE_READONLY", mbi.Protect, PAGE_READONLY);
    CHECK_EQ("  NtMajorVersion", *(volatile DWORD *)0x7FFE026C, 5);

    /* Parameter rules. */
    SIZE_T length = 0;
    CHECK_EQ("address above 0x7FFEFFFF: STATUS_INVALID_PARAMETER_2",
             NtQueryVirtualMemory(CURRENT, (PVOID)0x7FFF0000, 0, &mbi, sizeof mbi, &length), 0xC00000F0);
    CHECK_EQ("short buffer: STATUS_INFO_LENGTH_MISMATCH",
             NtQueryVirtualMemory(CURRENT, (PVOID)0x60000000, 0, &mbi, 27, &length), 0xC0000004);
    CHECK_EQ("class 99: STATUS_INVALID_INFO_CLASS",
             NtQueryVirtualMemory(CURRENT, (PVOID)0x60000000, 99, &mbi, sizeof mbi, &length), 0xC0000003);
    CHECK_EQ("ReturnLength", NtQueryVirtualMemory(CURRENT, exe, 0, &mbi, sizeof mbi, &length) == 0 &&
             length == 28, 1);
    Finish();
}
