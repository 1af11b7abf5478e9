/*
 * Run under --ws-max N: the program reads its working-set maximum back
 * (GetProcessWorkingSetSize, in bytes; --ws-max makes it hard), touches twice that many pages and
 * watches its working set (GetProcessMemoryInfo) stay within it: the
 * working-set manager trims it back after each fault, and the counters
 * say so in Windows' units. Then EmptyWorkingSet shrinks it further.
 */
#include "pe.h"

#include <psapi.h>

#define PAGE 0x1000

static SIZE_T WorkingSet(void)
{
    PROCESS_MEMORY_COUNTERS pmc;
    GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof pmc);
    return pmc.WorkingSetSize;
}

void __cdecl start(void)
{
    SIZE_T minimum, maximum;
    GetProcessWorkingSetSize(GetCurrentProcess(), &minimum, &maximum);
    CHECK_EQ("the maximum --ws-max 96 set, in bytes", maximum, 96 * PAGE);
    /* --ws-max sets a hard maximum, as SetProcessWorkingSetSizeEx's
     * QUOTA_LIMITS_HARDWS_MAX_ENABLE does; the minimum stays soft. */
    DWORD flags = 0;
    GetProcessWorkingSetSizeEx(GetCurrentProcess(), &minimum, &maximum, &flags);
    CHECK_EQ("GetProcessWorkingSetSizeEx: a hard maximum, a soft minimum", flags,
             QUOTA_LIMITS_HARDWS_MAX_ENABLE | QUOTA_LIMITS_HARDWS_MIN_DISABLE);
    DWORD pages = 2 * (DWORD)(maximum / PAGE);
    BYTE *buffer = VirtualAlloc(NULL, pages * PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    SIZE_T largest = 0;
    for (DWORD i = 0; i < pages; i++) {
        buffer[i * PAGE] = (BYTE)i;
        SIZE_T now = WorkingSet();
        largest = now > largest ? now : largest;
    }
    CHECK_EQ("touching twice the maximum: the working set never exceeded it",
             largest <= maximum + PAGE, 1);
    PROCESS_MEMORY_COUNTERS pmc;
    GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof pmc);
    CHECK_EQ("  nor did its peak", pmc.PeakWorkingSetSize <= maximum + PAGE, 1);
    CHECK_EQ("  every page faulted in at least once", pmc.PageFaultCount >= pages, 1);
    CHECK_EQ("  the data is all there", buffer[7 * PAGE] + buffer[(pages - 1) * PAGE],
             7 + (BYTE)(pages - 1));
    SIZE_T before = WorkingSet();
    EmptyWorkingSet(GetCurrentProcess());
    CHECK_EQ("EmptyWorkingSet shrinks it further", WorkingSet() < before, 1);
    Finish();
}
