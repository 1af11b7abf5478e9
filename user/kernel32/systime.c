/*
 * The clock's other faces: GetTickCount64 (KUSER_SHARED_DATA's 64-bit
 * TickCount, read as Windows reads it, without a system call),
 * GetSystemTimeAdjustment, and SetSystemTime/SetLocalTime, which a
 * program without SeSystemtimePrivilege is refused (ERROR_PRIVILEGE_NOT_HELD).
 */
#include "kernel32/kernel32.h"

#define SystemTimeAdjustmentInformation 28

/* A KSYSTEM_TIME of KUSER_SHARED_DATA (InterruptTime 0x008, SystemTime
 * 0x014, TickCount 0x320), read as Windows reads it, without a system call. */
ULONGLONG BaseReadSharedTime(ULONG offset)
{
    const volatile ULONG *time = (const volatile ULONG *)(0x7FFE0000 + offset);
    ULONG low, high;
    do {   /* High1Time, LowPart, then High2Time: equal highs mean a consistent read */
        high = time[1];
        low = time[0];
    } while (high != time[2]);
    return (ULONGLONG)high << 32 | low;
}

ULONGLONG WINAPI GetTickCount64(void)
{
    ULONG multiplier = *(const volatile ULONG *)0x7FFE0004; /* TickCountMultiplier, 8.24 */
    return (BaseReadSharedTime(0x320) * multiplier) >> 24;
}

BOOL WINAPI GetSystemTimeAdjustment(DWORD *adjustment, DWORD *increment, BOOL *disabled)
{
    ULONG info[3]; /* TimeAdjustment, TimeIncrement, Enable (a BOOLEAN: TRUE when none) */
    NTSTATUS status = NtQuerySystemInformation(SystemTimeAdjustmentInformation, info, sizeof info, NULL);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    *adjustment = info[0];
    *increment = info[1];
    *disabled = (BOOLEAN)info[2];
    return TRUE;
}

static BOOL SetTime(const FILETIME *utc)
{
    LARGE_INTEGER time;
    time.QuadPart = (LONGLONG)((ULONGLONG)utc->dwHighDateTime << 32 | utc->dwLowDateTime);
    NTSTATUS status = NtSetSystemTime(&time, NULL);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI SetSystemTime(const SYSTEMTIME *st)
{
    FILETIME ft;
    return SystemTimeToFileTime(st, &ft) && SetTime(&ft);   /* a bad date: ERROR_INVALID_PARAMETER */
}

BOOL WINAPI SetLocalTime(const SYSTEMTIME *st)
{
    FILETIME local, utc;
    return SystemTimeToFileTime(st, &local) && LocalFileTimeToFileTime(&local, &utc) && SetTime(&utc);
}
