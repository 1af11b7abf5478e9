/*
 * The clock's own services: NtQuerySystemTime (UTC in 100 ns units since
 * 1601, the guest's clock of clock.c), and the timer resolution a program
 * may ask for (timeBeginPeriod's service). Windows' clock ticks every
 * 15.625 ms (156250 units, the coarsest, "minimum" resolution) unless a
 * process asks for a finer one, down to 0.5 ms ("maximum"); a request is
 * clamped into that range and holds until the process rescinds it.
 * Guest time advances by instructions, not ticks, so the resolution
 * changes no timing here; it is kept and reported as Windows reports it
 * (Wine's ntdll test time.c, test_TimerResolution, states the answers).
 */
#include "ke/ki.h"

#define KI_MINIMUM_RESOLUTION 156250u /* 1/64 s */
#define KI_MAXIMUM_RESOLUTION 5000u   /* 0.5 ms */

/* NtQuerySystemTime(SystemTime). */
NTSTATUS KiNtQuerySystemTime(KPROCESS *process, const uint32_t *a)
{
    uint64_t now = KI_BOOT_SYSTEM_TIME + KiGuestTime100ns(process);
    return MmCopyToUser(process->Mm, a[0], &now, sizeof now);
}

static uint32_t CurrentResolution(const KPROCESS *process)
{
    return process->TimerResolution ? process->TimerResolution : KI_MINIMUM_RESOLUTION;
}

/* NtQueryTimerResolution(MinimumResolution, MaximumResolution,
 * CurrentResolution): all three must be writable. */
NTSTATUS KiNtQueryTimerResolution(KPROCESS *process, const uint32_t *a)
{
    const uint32_t values[3] = {KI_MINIMUM_RESOLUTION, KI_MAXIMUM_RESOLUTION, CurrentResolution(process)};
    for (int i = 0; i < 3; i++) {
        if (!a[i]) {
            return STATUS_ACCESS_VIOLATION;
        }
    }
    for (int i = 0; i < 3; i++) {
        NTSTATUS status = MmCopyToUser(process->Mm, a[i], &values[i], sizeof values[i]);
        if (status != STATUS_SUCCESS) {
            return status;
        }
    }
    return STATUS_SUCCESS;
}

/* NtSetTimerResolution(DesiredResolution, SetResolution, CurrentResolution):
 * nothing changes unless CurrentResolution can take the answer.
 * Rescinding (SetResolution FALSE) with no request outstanding is
 * STATUS_TIMER_RESOLUTION_NOT_SET, the current resolution reported. */
NTSTATUS KiNtSetTimerResolution(KPROCESS *process, const uint32_t *a)
{
    uint32_t probe;
    if (!a[2] || MmCopyFromUser(process->Mm, &probe, a[2], sizeof probe) != STATUS_SUCCESS) {
        return STATUS_ACCESS_VIOLATION;
    }
    NTSTATUS status = STATUS_SUCCESS;
    if (a[1]) {
        uint32_t desired = a[0];
        desired = desired < KI_MAXIMUM_RESOLUTION ? KI_MAXIMUM_RESOLUTION : desired;
        desired = desired > KI_MINIMUM_RESOLUTION ? KI_MINIMUM_RESOLUTION : desired;
        process->TimerResolution = desired;
    } else if (process->TimerResolution) {
        process->TimerResolution = 0;
    } else {
        status = STATUS_TIMER_RESOLUTION_NOT_SET;
    }
    uint32_t current = CurrentResolution(process);
    NTSTATUS copied = MmCopyToUser(process->Mm, a[2], &current, sizeof current);
    return copied != STATUS_SUCCESS ? copied : status;
}
