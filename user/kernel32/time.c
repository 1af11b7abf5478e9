/*
 * Time, as ntmm keeps it: derived from instructions executed, so the same
 * program sees the same times on every run (Sleep, thread.c, waits in
 * guest time too).
 */
#include "kernel32/kernel32.h"

typedef struct FILETIME {
    DWORD dwLowDateTime, dwHighDateTime;
} FILETIME;

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
