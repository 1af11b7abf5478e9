/*
 * NtQuerySystemInformation(SystemProcessorPerformanceInformation): where
 * the one processor's time went since boot, as GetSystemTimes and task
 * managers read it. Guest time is instructions (1 ns each) plus what waits
 * skipped (ke/clock.c): every instruction is user-mode work, since the
 * kernel is the host and takes no guest time; every skipped moment is the
 * processor idle. NT counts idle time as kernel time (the idle thread runs
 * in the kernel), so KernelTime includes IdleTime.
 */
#include "ke/ki.h"

#include <string.h>

#define SystemProcessorPerformanceInformation 8
/* IdleTime, KernelTime, UserTime, DpcTime, InterruptTime (LARGE_INTEGERs),
 * InterruptCount, and the padding to 8 bytes. */
#define PROCESSOR_PERFORMANCE_SIZE 48

bool KiIsProcessorPerformanceClass(uint32_t class)
{
    return class == SystemProcessorPerformanceInformation;
}

NTSTATUS KiQueryProcessorPerformance(KPROCESS *process, const uint32_t *a)
{
    if (a[2] < PROCESSOR_PERFORMANCE_SIZE) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    KSYSTEM *system = process->System;
    uint64_t idle = system->ClockSkew100ns;
    uint64_t info[PROCESSOR_PERFORMANCE_SIZE / 8] = {
        idle,                                       /* IdleTime */
        idle,                                       /* KernelTime, idle included */
        EmuInstructionCount(system->Emu) / 100,     /* UserTime */
        0, 0, 0,                                    /* DpcTime, InterruptTime, InterruptCount */
    };
    /* One entry, however many the buffer could hold: one processor. */
    NTSTATUS status = MmCopyToUser(process->Mm, a[1], info, sizeof info);
    if (status == STATUS_SUCCESS && a[3]) {
        uint32_t size = sizeof info;
        status = MmCopyToUser(process->Mm, a[3], &size, sizeof size);
    }
    return status;
}
