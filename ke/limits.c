/*
 * Limits on a run, for guests that would never end: --max-instructions
 * (guest time: the scheduler's quantum is clipped so that the CPU stops
 * exactly at the limit, the same point on every run) and whatever the
 * caller's signal handlers ask through KE_OPTIONS.StopSignal (--timeout's
 * SIGALRM, SIGINT, SIGTERM; while the flag is set emu stops at a block
 * start soon after: EmuSetInterruptFlag). The scheduler looks between quanta and ends the run the way a
 * finished program ends it, so the pagefile and fault log hold everything
 * up to that moment, with a "stopped" snapshot of where every page was.
 */
#include "ke/ki.h"

#include <signal.h>
#include <stdio.h>

uint64_t KiLimitQuantum(KSYSTEM *system, uint64_t quantum)
{
    uint64_t max = system->Options->MaxInstructions;
    if (!max) {
        return quantum;
    }
    uint64_t done = EmuInstructionCount(system->Emu);
    uint64_t left = max > done ? max - done : 1;
    return quantum == 0 || left < quantum ? left : quantum;
}

KE_FAILURE KiCheckLimits(KSYSTEM *system, char *why, size_t whylen)
{
    const KE_OPTIONS *options = system->Options;
    int signal = options->StopSignal ? *options->StopSignal : 0;
    if (signal == SIGIO && options->Debugger) {
        signal = 0; /* the debugger's socket: kd.c's, never a stop */
    }
    unsigned long long done = EmuInstructionCount(system->Emu);
    if (signal == SIGALRM) {
        system->StopReason = "timeout";
        snprintf(why, whylen, "stopped: the run reached its --timeout of %g seconds (host time) "
                 "after %llu instructions", options->TimeoutSeconds, done);
    } else if (signal) {
        system->StopReason = "signal";
        system->StopSignal = signal;
        snprintf(why, whylen, "stopped: interrupted by %s after %llu instructions",
                 signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "a signal", done);
    } else if (options->MaxInstructions && done >= options->MaxInstructions) {
        system->StopReason = "instruction-limit";
        snprintf(why, whylen, "stopped: the run reached its --max-instructions of %llu",
                 (unsigned long long)options->MaxInstructions);
    } else {
        return KeRan;
    }
    if (!options->NoFaultLog) {
        MmRecordPageLocations(system->Mm, "stopped");
    }
    return KeStopped;
}
