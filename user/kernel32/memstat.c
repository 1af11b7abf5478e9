/*
 * How much memory there is: GlobalMemoryStatusEx and GlobalMemoryStatus,
 * read as Windows' kernel32 reads them — physical memory and the commit
 * charge and limit ("page file": commit, RAM included) from
 * NtQuerySystemInformation (SystemBasicInformation and
 * SystemPerformanceInformation), the process's own address space from
 * ProcessVmCounters.
 */
#include "kernel32/kernel32.h"

#define SystemBasicInformation 0
#define SystemPerformanceInformation 2
#define ProcessVmCounters 3
#define SYSTEM_PERFORMANCE_INFORMATION_SIZE 0x138

BOOL WINAPI GlobalMemoryStatusEx(MEMORYSTATUSEX *status)
{
    if (status->dwLength != sizeof *status) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    SYSTEM_BASIC_INFORMATION basic;
    ULONG performance[SYSTEM_PERFORMANCE_INFORMATION_SIZE / 4];
    VM_COUNTERS_EX vm;
    NTSTATUS result = NtQuerySystemInformation(SystemBasicInformation, &basic, sizeof basic, NULL);
    if (NT_SUCCESS(result)) {
        result = NtQuerySystemInformation(SystemPerformanceInformation, performance,
                                          sizeof performance, NULL);
    }
    if (NT_SUCCESS(result)) {
        result = NtQueryInformationProcess(NtCurrentProcess(), ProcessVmCounters, &vm, sizeof vm,
                                           NULL);
    }
    if (!NT_SUCCESS(result)) {
        BaseSetLastNtError(result);
        return FALSE;
    }
    ULONGLONG page = basic.PageSize;
    ULONG available = performance[11], committed = performance[12], limit = performance[13];
    status->ullTotalPhys = basic.NumberOfPhysicalPages * page;
    status->ullAvailPhys = available * page;
    /* The share of RAM in use, as a percentage (rounded as Windows does: down). */
    status->dwMemoryLoad = basic.NumberOfPhysicalPages
                               ? (DWORD)((basic.NumberOfPhysicalPages - available) * 100ull /
                                         basic.NumberOfPhysicalPages)
                               : 0;
    status->ullTotalPageFile = limit * page;
    status->ullAvailPageFile = limit > committed ? (limit - committed) * page : 0;
    status->ullTotalVirtual =
        (ULONGLONG)basic.MaximumUserModeAddress - basic.MinimumUserModeAddress + 1;
    status->ullAvailVirtual = status->ullTotalVirtual - vm.VirtualSize;
    status->ullAvailExtendedVirtual = 0;
    return TRUE;
}

/* The same in SIZE_Ts: a figure past what 32 bits hold reads as the most
 * they hold (Windows caps them the same way). */
static SIZE_T Capped(ULONGLONG value)
{
    return value > 0xFFFFFFFFull ? (SIZE_T)0xFFFFFFFF : (SIZE_T)value;
}

void WINAPI GlobalMemoryStatus(MEMORYSTATUS *status)
{
    MEMORYSTATUSEX ex = {.dwLength = sizeof ex};
    if (!GlobalMemoryStatusEx(&ex)) {
        return;
    }
    status->dwLength = sizeof *status;
    status->dwMemoryLoad = ex.dwMemoryLoad;
    status->dwTotalPhys = Capped(ex.ullTotalPhys);
    status->dwAvailPhys = Capped(ex.ullAvailPhys);
    status->dwTotalPageFile = Capped(ex.ullTotalPageFile);
    status->dwAvailPageFile = Capped(ex.ullAvailPageFile);
    status->dwTotalVirtual = Capped(ex.ullTotalVirtual);
    status->dwAvailVirtual = Capped(ex.ullAvailVirtual);
}
