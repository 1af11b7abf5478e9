/*
 * A program looking at its own working set, with Windows' answers (Wine's
 * psapi and kernel32 tests state the same): GetProcessMemoryInfo in bytes,
 * QueryWorkingSet(Ex) in pages and attribute bits, EmptyWorkingSet and
 * SetProcessWorkingSetSize making the working set shrink, and VirtualLock
 * keeping pages in it (the locked pages count against the minimum).
 */
#include "pe.h"
#include "native.h"

#include <psapi.h>

#define PAGE 0x1000
#define PAGES 64

NTIMPORT NtLockVirtualMemory(HANDLE, PVOID *, SIZE_T *, ULONG);

/* PSAPI_WORKING_SET_EX_INFORMATION, x86: the attributes as one ULONG_PTR.
 * Valid:1 ShareCount:3 Win32Protection:11 Shared:1 Node:6 Locked:1 LargePage:1 */
typedef struct {
    PVOID VirtualAddress;
    ULONG_PTR Attributes;
} WS_EX;
#define VALID(a) ((a) & 1)
#define SHARE_COUNT(a) (((a) >> 1) & 7)
#define PROTECTION(a) (((a) >> 4) & 0x7FF)
#define SHARED(a) (((a) >> 15) & 1)
#define LOCKED(a) (((a) >> 22) & 1)

static ULONG_PTR Pages[16384];

static ULONG_PTR Attributes(void *address)
{
    WS_EX info = {address, 0xdeadbeef};
    if (!QueryWorkingSetEx(GetCurrentProcess(), &info, sizeof info)) {
        return 0xFFFFFFFFu;
    }
    return info.Attributes;
}

static DWORD ValidPages(BYTE *base, DWORD pages)
{
    DWORD valid = 0;
    for (DWORD i = 0; i < pages; i++) {
        valid += VALID(Attributes(base + i * PAGE));
    }
    return valid;
}

static PROCESS_MEMORY_COUNTERS_EX Counters(void)
{
    PROCESS_MEMORY_COUNTERS_EX pmc;
    GetProcessMemoryInfo(GetCurrentProcess(), (PROCESS_MEMORY_COUNTERS *)&pmc, sizeof pmc);
    return pmc;
}

void __cdecl start(void)
{
    HANDLE self = GetCurrentProcess();
    PROCESS_MEMORY_COUNTERS_EX pmc;

    /* A new process's limits are both soft (NT reports DISABLE for each). */
    SIZE_T minimum, maximum;
    DWORD flags = 0;
    CHECK_EQ("GetProcessWorkingSetSizeEx succeeds",
             GetProcessWorkingSetSizeEx(self, &minimum, &maximum, &flags), TRUE);
    CHECK_EQ("  both limits soft", flags,
             QUOTA_LIMITS_HARDWS_MIN_DISABLE | QUOTA_LIMITS_HARDWS_MAX_DISABLE);

    /* GetProcessMemoryInfo */
    SetLastError(0);
    CHECK_EQ("GetProcessMemoryInfo with cb 39 fails",
             GetProcessMemoryInfo(self, (PROCESS_MEMORY_COUNTERS *)&pmc, 39), FALSE);
    CHECK_EQ("  ERROR_INSUFFICIENT_BUFFER", GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    CHECK_EQ("GetProcessMemoryInfo(PROCESS_MEMORY_COUNTERS_EX) succeeds",
             GetProcessMemoryInfo(self, (PROCESS_MEMORY_COUNTERS *)&pmc, sizeof pmc), TRUE);
    CHECK_EQ("  cb as given", pmc.cb, sizeof pmc);
    CHECK_EQ("  WorkingSetSize is in bytes: whole pages", pmc.WorkingSetSize % PAGE, 0);
    CHECK_EQ("  WorkingSetSize > 0", pmc.WorkingSetSize > 0, 1);
    CHECK_EQ("  PeakWorkingSetSize >= WorkingSetSize", pmc.PeakWorkingSetSize >= pmc.WorkingSetSize, 1);
    CHECK_EQ("  PagefileUsage == PrivateUsage", pmc.PagefileUsage, pmc.PrivateUsage);
    CHECK_EQ("  PeakPagefileUsage >= PagefileUsage", pmc.PeakPagefileUsage >= pmc.PagefileUsage, 1);
    CHECK_EQ("  PageFaultCount > 0", pmc.PageFaultCount > 0, 1);

    BYTE *buffer = VirtualAlloc(NULL, PAGES * PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    PROCESS_MEMORY_COUNTERS_EX before = Counters();
    CHECK_EQ("committing 64 pages: PrivateUsage grows by 64 pages",
             before.PrivateUsage - pmc.PrivateUsage, PAGES * PAGE);
    for (int i = 0; i < PAGES; i++) {
        buffer[i * PAGE] = 1;
    }
    PROCESS_MEMORY_COUNTERS_EX after = Counters();
    CHECK_EQ("touching them: 64 more page faults", after.PageFaultCount - before.PageFaultCount >= PAGES, 1);
    CHECK_EQ("  and WorkingSetSize grows by at least 64 pages",
             after.WorkingSetSize - before.WorkingSetSize >= PAGES * PAGE, 1);

    /* QueryWorkingSetEx */
    WS_EX none[1];
    SetLastError(0);
    CHECK_EQ("QueryWorkingSetEx with length 0 fails", QueryWorkingSetEx(self, none, 0), FALSE);
    CHECK_EQ("  ERROR_BAD_LENGTH", GetLastError(), ERROR_BAD_LENGTH);
    ULONG_PTR a = Attributes(buffer);
    CHECK_EQ("a touched private page: Valid", VALID(a), 1);
    CHECK_EQ("  Win32Protection PAGE_READWRITE", PROTECTION(a), PAGE_READWRITE);
    CHECK_EQ("  not Shared, ShareCount 0", SHARED(a) | SHARE_COUNT(a), 0);
    CHECK_EQ("  not Locked", LOCKED(a), 0);
    BYTE *untouched = VirtualAlloc(NULL, PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    CHECK_EQ("a committed page never touched: all attributes 0", Attributes(untouched), 0);
    a = Attributes(GetModuleHandleA(NULL));
    CHECK_EQ("the image's header page: Valid", VALID(a), 1);
    CHECK_EQ("  PAGE_READONLY", PROTECTION(a), PAGE_READONLY);
    CHECK_EQ("  Shared", SHARED(a), 1);
    CHECK_EQ("  ShareCount > 0", SHARE_COUNT(a) > 0, 1);
    DWORD old;
    VirtualProtect(buffer, PAGE, PAGE_NOACCESS, &old);
    CHECK_EQ("a resident page made PAGE_NOACCESS: not Valid", Attributes(buffer), 0);
    VirtualProtect(buffer, PAGE, PAGE_READWRITE, &old);
    ReadAt((DWORD)buffer);
    CHECK_EQ("  read again: Valid", VALID(Attributes(buffer)), 1);

    /* QueryWorkingSet: NumberOfEntries, then a page per entry. */
    SetLastError(0);
    CHECK_EQ("QueryWorkingSet with room for the count only fails",
             QueryWorkingSet(self, Pages, sizeof Pages[0]), FALSE);
    CHECK_EQ("  ERROR_BAD_LENGTH", GetLastError(), ERROR_BAD_LENGTH);
    CHECK_EQ("  but NumberOfEntries is there", Pages[0] >= PAGES, 1);
    CHECK_EQ("QueryWorkingSet succeeds", QueryWorkingSet(self, Pages, sizeof Pages), TRUE);
    DWORD found = 0;
    for (ULONG_PTR i = 1; i <= Pages[0]; i++) {
        ULONG_PTR page = Pages[i] & ~0xFFFu;
        if (page >= (ULONG_PTR)buffer && page < (ULONG_PTR)buffer + PAGES * PAGE) {
            found++;
        }
    }
    CHECK_EQ("  the 64 touched pages are in it", found, PAGES);
    CHECK_EQ("  NumberOfEntries = WorkingSetSize / page size",
             Pages[0] * PAGE <= Counters().WorkingSetSize, 1);

    /* EmptyWorkingSet */
    before = Counters();
    CHECK_EQ("EmptyWorkingSet succeeds", EmptyWorkingSet(self), TRUE);
    after = Counters();
    CHECK_EQ("  the working set shrank", after.WorkingSetSize < before.WorkingSetSize, 1);
    CHECK_EQ("  none of the 64 pages is in it", ValidPages(buffer, PAGES), 0);
    CHECK_EQ("  their contents are kept", buffer[5 * PAGE], 1);
    /* Kept, not reset (the call itself may fault a page in first). */
    CHECK_EQ("  the peak is kept", after.PeakWorkingSetSize >= before.PeakWorkingSetSize, 1);

    /* Limits */
    minimum = maximum = 0;
    CHECK_EQ("GetProcessWorkingSetSize succeeds", GetProcessWorkingSetSize(self, &minimum, &maximum),
             TRUE);
    CHECK_EQ("  the default minimum: 50 pages (200 KiB), in bytes", minimum, 50 * PAGE);
    SetLastError(0);
    CHECK_EQ("SetProcessWorkingSetSize with minimum > maximum fails",
             SetProcessWorkingSetSize(self, 1 << 20, 1 << 19), FALSE);
    CHECK_EQ("  ERROR_INVALID_PARAMETER", GetLastError(), ERROR_INVALID_PARAMETER);

    /* VirtualLock: the default minimum allows 42 locked pages. */
    CHECK_EQ("VirtualLock(4 pages) succeeds", VirtualLock(buffer, 4 * PAGE), TRUE);
    CHECK_EQ("  they are resident", ValidPages(buffer, 4), 4);
    CHECK_EQ("  and Locked", LOCKED(Attributes(buffer + 3 * PAGE)), 1);
    CHECK_EQ("VirtualLock of them again succeeds", VirtualLock(buffer, 4 * PAGE), TRUE);
    PVOID base = buffer + 10;
    SIZE_T size = 1;
    CHECK_EQ("  natively: STATUS_WAS_LOCKED", NtLockVirtualMemory(CURRENT, &base, &size, 1), 0x40000019);
    CHECK_EQ("  base rounded down", base, buffer);
    CHECK_EQ("  size a page", size, PAGE);
    CHECK_EQ("MapType 0: STATUS_INVALID_PARAMETER", NtLockVirtualMemory(CURRENT, &base, &size, 0),
             0xC000000D);
    CHECK_EQ("MAP_SYSTEM: STATUS_PRIVILEGE_NOT_HELD", NtLockVirtualMemory(CURRENT, &base, &size, 2),
             0xC0000061);
    for (int i = 0; i < PAGES; i++) {
        buffer[i * PAGE] = 2;
    }
    CHECK_EQ("EmptyWorkingSet succeeds", EmptyWorkingSet(self), TRUE);
    CHECK_EQ("  the 4 locked pages stay", ValidPages(buffer, 4), 4);
    CHECK_EQ("  the other 60 go", ValidPages(buffer + 4 * PAGE, PAGES - 4), 0);
    SetLastError(0);
    CHECK_EQ("VirtualLock(48 pages) over the minimum fails", VirtualLock(buffer, 48 * PAGE), FALSE);
    CHECK_EQ("  ERROR_WORKING_SET_QUOTA", GetLastError(), ERROR_WORKING_SET_QUOTA);
    CHECK_EQ("VirtualUnlock(4 pages) succeeds", VirtualUnlock(buffer, 4 * PAGE), TRUE);
    CHECK_EQ("  no longer Locked", LOCKED(Attributes(buffer)), 0);
    SetLastError(0);
    CHECK_EQ("VirtualUnlock of them again fails", VirtualUnlock(buffer, 4 * PAGE), FALSE);
    CHECK_EQ("  ERROR_NOT_LOCKED", GetLastError(), ERROR_NOT_LOCKED);
    CHECK_EQ("a larger minimum (1 MiB)", SetProcessWorkingSetSize(self, 1 << 20, 2 << 20), TRUE);
    GetProcessWorkingSetSize(self, &minimum, &maximum);
    CHECK_EQ("  reads back", minimum, 1 << 20);
    CHECK_EQ("  with its maximum", maximum, 2 << 20);
    CHECK_EQ("  then VirtualLock(48 pages) succeeds", VirtualLock(buffer, 48 * PAGE), TRUE);
    VirtualUnlock(buffer, 48 * PAGE);

    /* A lower maximum: the working set shrinks to it. The maximum is soft
     * (SetProcessWorkingSetSize sets no flag): with memory plentiful (64M
     * of RAM) the process grows past it again. */
    CHECK_EQ("SetProcessWorkingSetSize(256 KiB, 512 KiB)",
             SetProcessWorkingSetSize(self, 256 << 10, 512 << 10), TRUE);
    CHECK_EQ("  the working set is within the maximum now",
             Counters().WorkingSetSize <= (512 << 10), 1);
    BYTE *big = VirtualAlloc(NULL, 1024 * PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    for (int i = 0; i < 512; i++) {
        big[i * PAGE] = 3;
    }
    CHECK_EQ("  after touching 512 pages, past the soft maximum",
             Counters().WorkingSetSize > (512 << 10) + PAGE, 1);
    /* QUOTA_LIMITS_HARDWS_MAX_ENABLE makes it hard: trimmed back, and kept
     * within it. */
    CHECK_EQ("SetProcessWorkingSetSizeEx(256 KiB, 512 KiB, HARDWS_MAX_ENABLE)",
             SetProcessWorkingSetSizeEx(self, 256 << 10, 512 << 10,
                                        QUOTA_LIMITS_HARDWS_MAX_ENABLE),
             TRUE);
    GetProcessWorkingSetSizeEx(self, &minimum, &maximum, &flags);
    CHECK_EQ("  reported hard", flags,
             QUOTA_LIMITS_HARDWS_MIN_DISABLE | QUOTA_LIMITS_HARDWS_MAX_ENABLE);
    for (int i = 512; i < 1024; i++) {
        big[i * PAGE] = 3;
    }
    pmc = Counters();
    CHECK_EQ("  after touching 512 more pages, within it (+ the page being faulted)",
             pmc.WorkingSetSize <= (512 << 10) + PAGE, 1);
    CHECK_EQ("  the data survived", big[0] + big[1023 * PAGE], 6);
    CHECK_EQ("SetProcessWorkingSetSize(-1, -1) empties it",
             SetProcessWorkingSetSize(self, (SIZE_T)-1, (SIZE_T)-1), TRUE);
    CHECK_EQ("  none of the 1024 pages is in it", ValidPages(big, 1024), 0);
    Finish();
}
