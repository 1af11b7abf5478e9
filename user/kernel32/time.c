/*
 * Time, as ntmm keeps it: derived from instructions executed, so the same
 * program sees the same times on every run. Sleep is a scheduling point
 * that moves the clock forward.
 */
#include "kernel32/kernel32.h"

typedef struct FILETIME {
    DWORD dwLowDateTime, dwHighDateTime;
} FILETIME;

void WINAPI Sleep(DWORD milliseconds)
{
    LARGE_INTEGER interval;
    interval.QuadPart = -(LONGLONG)milliseconds * 10000;
    NtDelayExecution(FALSE, &interval);
}

DWORD WINAPI SleepEx(DWORD milliseconds, BOOL alertable)
{
    (void)alertable;
    Sleep(milliseconds);
    return 0;
}

BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER *counter)
{
    return NT_SUCCESS(NtQueryPerformanceCounter(counter, NULL));
}

BOOL WINAPI QueryPerformanceFrequency(LARGE_INTEGER *frequency)
{
    LARGE_INTEGER counter;
    return NT_SUCCESS(NtQueryPerformanceCounter(&counter, frequency));
}

/* KUSER_SHARED_DATA.SystemTime (+0x14): read until the two high parts agree. */
void WINAPI GetSystemTimeAsFileTime(FILETIME *time)
{
    const volatile ULONG *system_time = (const volatile ULONG *)(0x7FFE0000 + 0x14);
    ULONG low, high;
    do {
        high = system_time[1];
        low = system_time[0];
    } while (high != system_time[2]);
    time->dwLowDateTime = low;
    time->dwHighDateTime = high;
}
