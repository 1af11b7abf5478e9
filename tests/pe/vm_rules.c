/*
 * Smaller rules of the virtual-memory services, as Windows has them:
 *
 * - ZeroBits keeps the whole allocation below 2^(32-ZeroBits), bottom-up
 *   or with MEM_TOP_DOWN as high as that allows; ZeroBits 1 is all of user
 *   space (Vista and later), 22 and more STATUS_INVALID_PARAMETER_3.
 * - MEM_DECOMMIT of a whole allocation (size 0) reports size 0.
 * - NtQueryVirtualMemory(MemoryRegionInformation): the allocation's base,
 *   AllocationProtect, size and committed size, with RegionType's flags
 *   clear (private memory and views alike); STATUS_INVALID_ADDRESS
 *   on free memory, STATUS_INFO_LENGTH_MISMATCH below 20 bytes.
 * - DEP: an NX-compatible EXE (this one) runs with DEP on for good:
 *   ProcessExecuteFlags is MEM_EXECUTE_OPTION_DISABLE |
 *   DISABLE_THUNK_EMULATION | PERMANENT, GetProcessDEPPolicy says
 *   PROCESS_DEP_ENABLE | PROCESS_DEP_DISABLE_ATL_THUNK_EMULATION and
 *   permanent, SetProcessDEPPolicy fails with ERROR_ACCESS_DENIED, and only
 *   the calling process can be asked (STATUS_INVALID_PARAMETER).
 *
 * (Wine's ntdll virtual tests: test_NtAllocateVirtualMemory's ZeroBits
 * loop, test_query_region_information; Microsoft's documentation of
 * SetProcessDEPPolicy and GetProcessDEPPolicy.)
 */
#include "pe.h"

typedef LONG(NTAPI *ALLOC)(HANDLE, PVOID *, ULONG_PTR, SIZE_T *, ULONG, ULONG);
typedef LONG(NTAPI *FREE)(HANDLE, PVOID *, SIZE_T *, ULONG);
typedef LONG(NTAPI *QUERY_VM)(HANDLE, PVOID, ULONG, PVOID, SIZE_T, SIZE_T *);
typedef LONG(NTAPI *QUERY_PROCESS)(HANDLE, ULONG, PVOID, ULONG, ULONG *);

typedef struct {
    PVOID AllocationBase;
    ULONG AllocationProtect;
    ULONG RegionType;
    SIZE_T RegionSize;
    SIZE_T CommitSize;
    ULONG_PTR PartitionId;
    ULONG_PTR NodePreference;
} REGION;

static ALLOC Alloc;
static FREE Free;
static QUERY_VM QueryVm;
static QUERY_PROCESS QueryProcess;

static void ZeroBits(void)
{
    int bad = 0;
    for (ULONG bits = 1; bits <= 10; bits++) {
        DWORD limit = 0xFFFFFFFFu >> bits;
        for (int top = 0; top < 2; top++) {
            PVOID p = NULL;
            SIZE_T size = 0x3000;
            LONG status = Alloc(GetCurrentProcess(), &p, bits, &size,
                                MEM_RESERVE | MEM_COMMIT | (top ? MEM_TOP_DOWN : 0), PAGE_READWRITE);
            if (status != 0 || (DWORD)p + size - 1 > limit ||
                (top && (DWORD)p + size - 1 < limit - (limit >> 2))) {
                bad++;
                Print("FAIL ZeroBits ");
                PrintDec(bits);
                Print(top ? " top-down: " : " bottom-up: ");
                PrintHex((DWORD)status);
                Print(" at ");
                PrintHex((DWORD)p);
                Print("\n");
            }
            if (p) {
                size = 0;
                Free(GetCurrentProcess(), &p, &size, MEM_RELEASE);
            }
        }
    }
    CHECK_EQ("ZeroBits 1 to 10, bottom-up and top-down: below the limit (top-down near it)", bad, 0);
    PVOID p = NULL;
    SIZE_T size = 0x1000;
    CHECK_EQ("ZeroBits 22: STATUS_INVALID_PARAMETER_3",
             Alloc(GetCurrentProcess(), &p, 22, &size, MEM_RESERVE, PAGE_READWRITE), 0xC00000F1);
}

static void DecommitSizeZero(void)
{
    PVOID p = NULL;
    SIZE_T size = 0x10000;
    Alloc(GetCurrentProcess(), &p, 0, &size, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    PVOID base = p;
    size = 0;
    CHECK_EQ("MEM_DECOMMIT of the whole allocation, size 0", Free(GetCurrentProcess(), &base, &size, MEM_DECOMMIT), 0);
    CHECK_EQ("  reports size 0", size, 0);
    CHECK_EQ("  and the base", base == p, 1);
    MEMORY_BASIC_INFORMATION mbi;
    VirtualQuery(p, &mbi, sizeof mbi);
    CHECK_EQ("  all of it reserved now", mbi.State == MEM_RESERVE && mbi.RegionSize == 0x10000, 1);
    size = 0;
    CHECK_EQ("MEM_RELEASE, size 0", Free(GetCurrentProcess(), &base, &size, MEM_RELEASE), 0);
    CHECK_EQ("  reports what it released", size, 0x10000);
}

static void RegionInformation(void)
{
    REGION info;
    SIZE_T length = 0;
    BYTE *p = VirtualAlloc(NULL, 0x20000, MEM_RESERVE, PAGE_READWRITE);
    VirtualAlloc(p + 0x3000, 0x2000, MEM_COMMIT, PAGE_READONLY);
    CHECK_EQ("MemoryRegionInformation of a private allocation",
             QueryVm(GetCurrentProcess(), p + 0x4800, 3, &info, sizeof info, &length), 0);
    CHECK_EQ("  ReturnLength", length, sizeof info);
    CHECK_EQ("  AllocationBase", info.AllocationBase == p, 1);
    CHECK_EQ("  AllocationProtect", info.AllocationProtect, PAGE_READWRITE);
    CHECK_EQ("  RegionType: no flags", info.RegionType, 0);
    CHECK_EQ("  RegionSize: the whole allocation", info.RegionSize, 0x20000);
    CHECK_EQ("  CommitSize", info.CommitSize, 0x2000);
    CHECK_EQ("a 20-byte buffer (the older structure)",
             QueryVm(GetCurrentProcess(), p, 3, &info, 20, &length), 0);
    CHECK_EQ("  ReturnLength 20", length, 20);
    CHECK_EQ("16 bytes: STATUS_INFO_LENGTH_MISMATCH",
             QueryVm(GetCurrentProcess(), p, 3, &info, 16, &length), 0xC0000004);
    VirtualFree(p, 0, MEM_RELEASE);
    CHECK_EQ("free memory: STATUS_INVALID_ADDRESS",
             QueryVm(GetCurrentProcess(), p, 3, &info, sizeof info, &length), 0xC0000141);

    HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x5000, NULL);
    BYTE *v = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 0);
    CHECK_EQ("a view", QueryVm(GetCurrentProcess(), v + 0x1000, 3, &info, sizeof info, &length), 0);
    CHECK_EQ("  RegionType: no flags", info.RegionType, 0);
    CHECK_EQ("  AllocationProtect", info.AllocationProtect, PAGE_READONLY);
    CHECK_EQ("  RegionSize", info.RegionSize, 0x5000);
    CHECK_EQ("  CommitSize", info.CommitSize, 0x5000);
    UnmapViewOfFile(v);
    CloseHandle(h);

    BYTE *exe = (BYTE *)GetModuleHandleA(NULL);
    CHECK_EQ("the EXE", QueryVm(GetCurrentProcess(), exe + 0x1000, 3, &info, sizeof info, &length), 0);
    CHECK_EQ("  RegionType: no flags", info.RegionType, 0);
    CHECK_EQ("  AllocationBase: the image base", info.AllocationBase == exe, 1);
    CHECK_EQ("  AllocationProtect", info.AllocationProtect, PAGE_EXECUTE_WRITECOPY);
}

static void Dep(void)
{
    ULONG flags = 0, length = 0;
    CHECK_EQ("ProcessExecuteFlags", QueryProcess(GetCurrentProcess(), 34, &flags, sizeof flags, &length), 0);
    CHECK_EQ("  DISABLE | DISABLE_THUNK_EMULATION | PERMANENT (an NX_COMPAT image)", flags, 0xD);
    CHECK_EQ("  ReturnLength", length, 4);
    CHECK_EQ("  8 bytes: STATUS_INFO_LENGTH_MISMATCH",
             QueryProcess(GetCurrentProcess(), 34, &flags, 8, NULL), 0xC0000004);
    HANDLE self;
    DuplicateHandle(GetCurrentProcess(), GetCurrentProcess(), GetCurrentProcess(), &self, 0, FALSE,
                    DUPLICATE_SAME_ACCESS);
    CHECK_EQ("  through a real handle: STATUS_INVALID_PARAMETER",
             QueryProcess(self, 34, &flags, sizeof flags, NULL), 0xC000000D);
    CloseHandle(self);
    DWORD dep = 0;
    BOOL permanent = FALSE;
    CHECK_EQ("GetProcessDEPPolicy", GetProcessDEPPolicy(GetCurrentProcess(), &dep, &permanent), 1);
    CHECK_EQ("  PROCESS_DEP_ENABLE | PROCESS_DEP_DISABLE_ATL_THUNK_EMULATION", dep, 3);
    CHECK_EQ("  permanent", permanent, 1);
    SetLastError(0);
    CHECK_EQ("SetProcessDEPPolicy(0) on a permanent policy fails", SetProcessDEPPolicy(0), 0);
    CHECK_EQ("  ERROR_ACCESS_DENIED", GetLastError(), ERROR_ACCESS_DENIED);
    CHECK_EQ("SetProcessDEPPolicy(4): ERROR_INVALID_PARAMETER", SetProcessDEPPolicy(4) == 0 &&
             GetLastError() == ERROR_INVALID_PARAMETER, 1);
}

void __cdecl start(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    Alloc = (ALLOC)(void *)GetProcAddress(ntdll, "NtAllocateVirtualMemory");
    Free = (FREE)(void *)GetProcAddress(ntdll, "NtFreeVirtualMemory");
    QueryVm = (QUERY_VM)(void *)GetProcAddress(ntdll, "NtQueryVirtualMemory");
    QueryProcess = (QUERY_PROCESS)(void *)GetProcAddress(ntdll, "NtQueryInformationProcess");
    ZeroBits();
    DecommitSizeZero();
    RegionInformation();
    Dep();
    Finish();
}
