/*
 * Limits on a run, for guests that would never end: --timeout (host
 * seconds, through SIGALRM), --max-instructions (guest time: the
 * scheduler's quantum is clipped so the CPU stops exactly at the limit,
 * the same point on every run), and SIGINT/SIGTERM from the user. A
 * signal only sets a flag and asks emu to stop at its next block; the
 * scheduler sees the flag between quanta and ends the run the way a
 * finished program ends it, so the pagefile and fault log hold
 * everything up to that moment. A second SIGINT/SIGTERM, for a host
 * stuck outside guest code, kills at once.
 */
#include "ke/ki.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

static volatile sig_atomic_t StopSignal;
static EMU *volatile StopEmu;
static const KE_OPTIONS *Limits;
static const char *StopReason;
static int StopSignalNumber;
static struct sigaction OldInt, OldTerm, OldAlarm;

static void OnSignal(int signal)
{
    if (StopSignal && signal != SIGALRM) {
        /* Asked twice: whatever the host is doing, it ends now. */
        struct sigaction dfl = {.sa_handler = SIG_DFL};
        sigaction(signal, &dfl, NULL);
        raise(signal);
        return;
    }
    if (!StopSignal) {
        StopSignal = signal;
    }
    EMU *emu = StopEmu;
    if (emu) {
        EmuInterrupt(emu);
    }
}

void KiArmLimits(EMU *emu, const KE_OPTIONS *options)
{
    StopSignal = 0;
    StopReason = NULL;
    StopSignalNumber = 0;
    Limits = options;
    StopEmu = emu;
    struct sigaction action = {.sa_handler = OnSignal, .sa_flags = SA_RESTART};
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &OldInt);
    sigaction(SIGTERM, &action, &OldTerm);
    sigaction(SIGALRM, &action, &OldAlarm);
    if (options->TimeoutSeconds > 0) {
        struct itimerval timer = {0};
        timer.it_value.tv_sec = (time_t)options->TimeoutSeconds;
        timer.it_value.tv_usec =
            (suseconds_t)((options->TimeoutSeconds - (double)timer.it_value.tv_sec) * 1e6);
        if (!timer.it_value.tv_sec && !timer.it_value.tv_usec) {
            timer.it_value.tv_usec = 1;
        }
        setitimer(ITIMER_REAL, &timer, NULL);
    }
}

void KiDisarmLimits(void)
{
    struct itimerval off = {0};
    setitimer(ITIMER_REAL, &off, NULL);
    StopEmu = NULL;
    sigaction(SIGINT, &OldInt, NULL);
    sigaction(SIGTERM, &OldTerm, NULL);
    sigaction(SIGALRM, &OldAlarm, NULL);
}

uint64_t KiLimitQuantum(uint64_t quantum)
{
    uint64_t max = Limits ? Limits->MaxInstructions : 0;
    if (!max) {
        return quantum;
    }
    uint64_t done = EmuInstructionCount(KiSystem.Emu);
    uint64_t left = max > done ? max - done : 1;
    return quantum == 0 || left < quantum ? left : quantum;
}

KE_FAILURE KiCheckLimits(char *why, size_t whylen)
{
    int signal = StopSignal;
    uint64_t done = EmuInstructionCount(KiSystem.Emu);
    if (signal == SIGALRM) {
        StopReason = "timeout";
        snprintf(why, whylen, "stopped: the run reached its --timeout of %g seconds (host time) "
                 "after %llu instructions", Limits->TimeoutSeconds, (unsigned long long)done);
    } else if (signal) {
        StopReason = "signal";
        StopSignalNumber = signal;
        snprintf(why, whylen, "stopped: interrupted by %s after %llu instructions",
                 signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "a signal",
                 (unsigned long long)done);
    } else if (Limits && Limits->MaxInstructions && done >= Limits->MaxInstructions) {
        StopReason = "instruction-limit";
        snprintf(why, whylen, "stopped: the run reached its --max-instructions of %llu",
                 (unsigned long long)Limits->MaxInstructions);
    } else {
        return KeRan;
    }
    if (!Limits->NoFaultLog) {
        MmRecordPageLocations("stopped");
    }
    return KeStopped;
}

const char *KiStopReason(int *signal)
{
    *signal = StopSignalNumber;
    return StopReason;
}
