/*
 * A program looking at and steering its own working set: psapi's
 * functions as kernel32 exports them (K32*), and the working-set size
 * limits. Sizes are in bytes, PageFaultCount in faults.
 */
#include "kernel32/kernel32.h"

#define ProcessQuotaLimits 1
#define ProcessVmCounters 3
#define MemoryWorkingSetInformation 1
#define MemoryWorkingSetExInformation 4

/* QUOTA_LIMITS_EX, x86 layout (56 bytes). */
typedef struct {
    SIZE_T PagedPoolLimit, NonPagedPoolLimit, MinimumWorkingSetSize, MaximumWorkingSetSize;
    SIZE_T PagefileLimit;
    ULONG Pad;
    ULONG TimeLimit[2];
    SIZE_T WorkingSetLimit;
    SIZE_T Reserved2, Reserved3, Reserved4;
    ULONG Flags;
    ULONG CpuRateLimit;
} QUOTA_LIMITS_EX;

static BOOL Succeeded(NTSTATUS status)
{
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI K32GetProcessMemoryInfo(HANDLE process, PROCESS_MEMORY_COUNTERS_EX *counters,
                                    DWORD size)
{
    VM_COUNTERS_EX vm;
    if (size < sizeof(PROCESS_MEMORY_COUNTERS_EX) - sizeof(SIZE_T)) {
        SetLastError(122); /* ERROR_INSUFFICIENT_BUFFER */
        return FALSE;
    }
    if (!Succeeded(NtQueryInformationProcess(process, ProcessVmCounters, &vm, sizeof vm, NULL))) {
        return FALSE;
    }
    counters->cb = size;
    counters->PageFaultCount = vm.PageFaultCount;
    counters->PeakWorkingSetSize = vm.PeakWorkingSetSize;
    counters->WorkingSetSize = vm.WorkingSetSize;
    counters->QuotaPeakPagedPoolUsage = vm.QuotaPeakPagedPoolUsage;
    counters->QuotaPagedPoolUsage = vm.QuotaPagedPoolUsage;
    counters->QuotaPeakNonPagedPoolUsage = vm.QuotaPeakNonPagedPoolUsage;
    counters->QuotaNonPagedPoolUsage = vm.QuotaNonPagedPoolUsage;
    counters->PagefileUsage = vm.PagefileUsage;
    counters->PeakPagefileUsage = vm.PeakPagefileUsage;
    if (size >= sizeof(PROCESS_MEMORY_COUNTERS_EX)) {
        counters->PrivateUsage = vm.PrivateUsage;
    }
    return TRUE;
}

BOOL WINAPI K32QueryWorkingSet(HANDLE process, PVOID buffer, DWORD size)
{
    return Succeeded(NtQueryVirtualMemory(process, NULL, MemoryWorkingSetInformation, buffer, size,
                                          NULL));
}

BOOL WINAPI K32QueryWorkingSetEx(HANDLE process, PVOID buffer, DWORD size)
{
    return Succeeded(NtQueryVirtualMemory(process, NULL, MemoryWorkingSetExInformation, buffer,
                                          size, NULL));
}

BOOL WINAPI SetProcessWorkingSetSizeEx(HANDLE process, SIZE_T minimum, SIZE_T maximum, DWORD flags)
{
    QUOTA_LIMITS_EX limits = {0};
    limits.MinimumWorkingSetSize = minimum;
    limits.MaximumWorkingSetSize = maximum;
    limits.Flags = flags;
    return Succeeded(NtSetInformationProcess(process, ProcessQuotaLimits, &limits, sizeof limits));
}

BOOL WINAPI SetProcessWorkingSetSize(HANDLE process, SIZE_T minimum, SIZE_T maximum)
{
    return SetProcessWorkingSetSizeEx(process, minimum, maximum, 0);
}

/* (SIZE_T)-1 for both: as many pages out of the working set as can go. */
BOOL WINAPI K32EmptyWorkingSet(HANDLE process)
{
    return SetProcessWorkingSetSizeEx(process, (SIZE_T)-1, (SIZE_T)-1, 0);
}

BOOL WINAPI GetProcessWorkingSetSizeEx(HANDLE process, SIZE_T *minimum, SIZE_T *maximum,
                                       DWORD *flags)
{
    QUOTA_LIMITS_EX limits;
    if (!Succeeded(NtQueryInformationProcess(process, ProcessQuotaLimits, &limits, sizeof limits,
                                             NULL))) {
        return FALSE;
    }
    *minimum = limits.MinimumWorkingSetSize;
    *maximum = limits.MaximumWorkingSetSize;
    *flags = limits.Flags;
    return TRUE;
}

BOOL WINAPI GetProcessWorkingSetSize(HANDLE process, SIZE_T *minimum, SIZE_T *maximum)
{
    DWORD flags;
    return GetProcessWorkingSetSizeEx(process, minimum, maximum, &flags);
}
