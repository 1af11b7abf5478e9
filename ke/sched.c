/*
 * The scheduler: one CPU, one thread per process. A thread runs until it
 * waits, ends, or uses up its quantum — a number of instructions, so that
 * every run of the same programs switches at the same points. Switching
 * saves the whole CPU state and loads the next thread's, with its
 * address space (a CR3 write, which flushes the TLB). Between quanta the
 * zero page thread gets its turn. When every thread waits, guest time
 * jumps to the earliest timeout.
 */
#include "ke/ki.h"

#include <stdio.h>

#define KI_QUANTUM 2000000u           /* instructions */
#define KI_MINIMUM_QUANTUM 10000u
#define KI_ZERO_PAGES_PER_QUANTUM 64

void KiWaitForProcess(KPROCESS *process, KPROCESS *target, uint64_t deadline100ns)
{
    process->State = KiWaiting;
    process->WaitingFor = target;
    process->WaitDeadline100ns = deadline100ns;
    EmuStop(process->Emu); /* the scheduler takes it off the CPU */
}

/* The next ready process after `after`, round robin. */
static KPROCESS *NextReady(KSYSTEM *system, KPROCESS *after)
{
    KPROCESS *start = after && after->Next ? after->Next : system->Processes;
    KPROCESS *p = start;
    do {
        if (p->State == KiReady) {
            return p;
        }
        p = p->Next ? p->Next : system->Processes;
    } while (p != start);
    return NULL;
}

/*
 * How long the next thread may run: a quantum when another thread could
 * use the CPU (or will, when its wait times out — guest time is
 * instructions, so a deadline is an instruction count), forever when it
 * is alone.
 */
static uint64_t Quantum(KPROCESS *running)
{
    uint64_t quantum = 0;
    uint64_t now = KiGuestTime100ns(running);
    for (KPROCESS *p = running->System->Processes; p; p = p->Next) {
        if (p == running || p->State == KiDead) {
            continue;
        }
        uint64_t q = KI_QUANTUM;
        if (p->State == KiWaiting) {
            if (!p->WaitDeadline100ns) {
                continue; /* waits for an event only another thread causes */
            }
            uint64_t left = p->WaitDeadline100ns > now ? (p->WaitDeadline100ns - now) * 100 : 0;
            q = left < KI_MINIMUM_QUANTUM ? KI_MINIMUM_QUANTUM : left < q ? left : q;
        }
        quantum = quantum == 0 || q < quantum ? q : quantum;
    }
    return quantum;
}

/* Waits whose time has come end with STATUS_TIMEOUT. */
static void ExpireWaits(KSYSTEM *system, uint64_t now)
{
    for (KPROCESS *p = system->Processes; p; p = p->Next) {
        if (p->State == KiWaiting && p->WaitDeadline100ns && p->WaitDeadline100ns <= now) {
            p->State = KiReady;
            p->WaitingFor = NULL;
            EmuSetThreadStateEax(p->Thread, (uint32_t)STATUS_TIMEOUT);
        }
    }
}

/* Everyone waits: time moves to the earliest deadline. False if none. */
static bool SkipToNextTimeout(KSYSTEM *system)
{
    KPROCESS *first = NULL;
    for (KPROCESS *p = system->Processes; p; p = p->Next) {
        if (p->State == KiWaiting && p->WaitDeadline100ns &&
            (!first || p->WaitDeadline100ns < first->WaitDeadline100ns)) {
            first = p;
        }
    }
    if (!first) {
        return false;
    }
    uint64_t now = KiGuestTime100ns(first);
    if (first->WaitDeadline100ns > now) {
        KiAdvanceClock(first, first->WaitDeadline100ns - now);
    }
    ExpireWaits(system, first->WaitDeadline100ns);
    return true;
}

/*
 * A process ended: where its pages were goes in the pagefile's record, and
 * when it is the last one, the pagefile is let go first, so that what it
 * holds stays as the record of the run.
 */
static void EndProcess(KPROCESS *process)
{
    KSYSTEM *system = process->System;
    KiReportUnhandledException(process);
    bool last = true;
    for (KPROCESS *p = system->Processes; p; p = p->Next) {
        last &= p == process || p->State == KiDead;
    }
    if (!system->Options->NoFaultLog) {
        char label[48];
        snprintf(label, sizeof label, "exit of process %u", process->UniqueProcessId);
        MmRecordPageLocations(system->Mm, last ? "exit" : label);
    }
    if (last) {
        MmShutdownPaging(system->Mm);
    }
    KiDeleteProcessResources(process);
}

KE_FAILURE KiRunProcesses(KSYSTEM *system, char *why, size_t whylen)
{
    EMU *emu = system->Emu;
    KPROCESS *last = NULL;
    for (;;) {
        KE_FAILURE stopped = KiCheckLimits(system, why, whylen);
        if (stopped != KeRan) {
            return stopped;
        }
        KPROCESS *p = NextReady(system, last);
        if (!p) {
            bool alive = false;
            for (KPROCESS *q = system->Processes; q; q = q->Next) {
                alive |= q->State != KiDead;
            }
            if (!alive) {
                return KeRan;
            }
            if (!SkipToNextTimeout(system)) {
                snprintf(why, whylen, "deadlock: every process waits forever, for an object "
                         "no running process can signal");
                return KeDeadlock;
            }
            continue;
        }
        if (last && p != last) {
            system->ContextSwitches++;
        }
        system->Current = p;
        EmuSetQuantum(emu, KiLimitQuantum(system, Quantum(p)));
        EmuSetTebBase(emu, p->TebVa);
        uint64_t before = EmuInstructionCount(emu);
        int rc;
        if (p->Started) {
            rc = EmuResume(emu, p->Thread, why, whylen);
        } else {
            p->Started = true;
            EmuSetPageTableRoot(emu, MmGetPageTableRoot(p->Mm));
            rc = EmuRun(emu, &p->Initial, why, whylen);
        }
        p->Instructions += EmuInstructionCount(emu) - before;
        if (rc != 0) {
            return KeInternalError;
        }
        if (p->InternalError[0]) {
            snprintf(why, whylen, "%s", p->InternalError);
            return KeInternalError;
        }
        if (p->Terminated) {
            EndProcess(p);
        } else {
            EmuSaveThreadState(emu, p->Thread);
        }
        if (EmuQuantumExpired(emu)) {
            MmZeroPageWork(system->Mm, KI_ZERO_PAGES_PER_QUANTUM);
        }
        MmSampleIfDue(system->Mm);
        ExpireWaits(system, KiGuestTime100ns(p));
        last = p;
    }
}
