/*
 * QueryThreadCycleTime and QueryProcessCycleTime: the CPU cycles a thread
 * or a process has used. The emulated CPU runs one instruction a cycle at
 * 1 GHz (ke/clock.c: an instruction is 1 ns of guest time), and the kernel
 * counts a thread's time in 100 ns units (GetThreadTimes), so the count is
 * that time times 100: the instructions run, to the hundred.
 */
#include "kernel32/kernel32.h"

#define CYCLES_PER_100NS 100

static BOOL Cycles(BOOL ok, const FILETIME *kernel, const FILETIME *user, ULONG64 *cycles)
{
    if (!ok) {
        return FALSE;
    }
    ULONG64 time = ((ULONG64)kernel->dwHighDateTime << 32 | kernel->dwLowDateTime) +
                   ((ULONG64)user->dwHighDateTime << 32 | user->dwLowDateTime);
    *cycles = time * CYCLES_PER_100NS;
    return TRUE;
}

BOOL WINAPI QueryThreadCycleTime(HANDLE thread, ULONG64 *cycles)
{
    FILETIME creation, exit, kernel, user;
    return Cycles(GetThreadTimes(thread, &creation, &exit, &kernel, &user), &kernel, &user, cycles);
}

BOOL WINAPI QueryProcessCycleTime(HANDLE process, ULONG64 *cycles)
{
    FILETIME creation, exit, kernel, user;
    return Cycles(GetProcessTimes(process, &creation, &exit, &kernel, &user), &kernel, &user, cycles);
}
