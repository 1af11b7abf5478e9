/*
 * Guest time. Nothing the guest sees depends on the host's clock: time is
 * the number of instructions executed (one nanosecond each) plus the time
 * NtDelayExecution skipped, so the same program always sees the same times.
 */
#include "ke/ki.h"

#include <string.h>

uint64_t KiSystemTime100ns(KSYSTEM *system)
{
    return EmuInstructionCount(system->Emu) / 100 + system->ClockSkew100ns;
}

uint64_t KiGuestTime100ns(KPROCESS *process)
{
    return KiSystemTime100ns(process->System);
}

void KiAdvanceClock(KPROCESS *process, uint64_t interval_100ns)
{
    process->System->ClockSkew100ns += interval_100ns; /* one clock for the machine */
}

static void Put32(uint8_t *base, uint32_t offset, uint32_t value)
{
    memcpy(base + offset, &value, 4);
}

/* KSYSTEM_TIME: LowPart, High1Time, High2Time (readers compare the highs). */
static void PutSystemTime(uint8_t *base, uint32_t offset, uint64_t value)
{
    Put32(base, offset, (uint32_t)value);
    Put32(base, offset + 4, (uint32_t)(value >> 32));
    Put32(base, offset + 8, (uint32_t)(value >> 32));
}

void KiUpdateSharedUserData(KPROCESS *process)
{
    uint8_t *shared = MmSharedUserData(process->System->Mm);
    uint64_t now = KiGuestTime100ns(process);
    /* Windows' clock interrupt comes every 15.625 ms and TickCount counts
     * them; GetTickCount multiplies by TickCountMultiplier (15.625 in 8.24
     * fixed point, procinit.c), so the milliseconds move in 15-16 ms steps. */
    uint64_t ticks = now / KI_CLOCK_TICK_100NS;
    PutSystemTime(shared, 0x008, now);                        /* InterruptTime */
    PutSystemTime(shared, 0x014, KI_BOOT_SYSTEM_TIME + now);  /* SystemTime */
    Put32(shared, 0x000, (uint32_t)ticks);                    /* TickCountLowDeprecated */
    PutSystemTime(shared, 0x320, ticks);                      /* TickCount */
}

/* The clock interrupt (EmuSetTickRoutine): the running process's shared
 * time page follows the instruction count while it runs, as Windows' does
 * at each tick, so a program that reads GetTickCount or clock() in a loop,
 * making no system call, sees time pass. */
void KiClockTick(void *context)
{
    KSYSTEM *system = context;
    if (system->Current) {
        KiUpdateSharedUserData(system->Current);
    }
}
