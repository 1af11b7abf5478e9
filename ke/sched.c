/*
 * The scheduler: one CPU, the threads of every process. A thread runs
 * until it waits, ends, is suspended, or uses up its quantum — a number
 * of instructions, so that every run of the same programs switches at the
 * same points. Switching
 * saves the whole CPU state and loads the next thread's, with its
 * address space (a CR3 write, which flushes the TLB). Between quanta the
 * zero page thread gets its turn. When every thread waits, guest time
 * jumps to the earliest timeout, due time of a timer someone waits for
 * (timer.c) or completion of in-page I/O (inpage.c).
 */
#include "ke/console.h"
#include "ke/ki.h"

#include <stdio.h>

#define KI_QUANTUM 2000000u           /* instructions */
#define KI_MINIMUM_QUANTUM 10000u
#define KI_ZERO_PAGES_PER_QUANTUM 64

/* The next runnable thread after `after`, round robin over every
 * process's threads in creation order. */
static KTHREAD *NextReady(KSYSTEM *system, KTHREAD *after)
{
    KTHREAD *start = after && after->NextInSystem ? after->NextInSystem : system->Threads;
    KTHREAD *t = start;
    do {
        if (t->State == KiReady && !t->SuspendCount && !t->Terminated) {
            return t;
        }
        t = t->NextInSystem ? t->NextInSystem : system->Threads;
    } while (t != start);
    return NULL;
}

/*
 * How long the next thread may run: a quantum when another thread could
 * use the CPU (or will, when its wait times out — guest time is
 * instructions, so a deadline is an instruction count), forever when it
 * is alone.
 */
static uint64_t Quantum(KTHREAD *running)
{
    uint64_t quantum = 0;
    uint64_t now = KiGuestTime100ns(running->Process);
    for (KTHREAD *t = running->Process->System->Threads; t; t = t->NextInSystem) {
        if (t == running || t->State == KiDead || t->SuspendCount) {
            continue;
        }
        uint64_t q = KI_QUANTUM;
        if (t->State == KiWaiting) {
            if (!t->WaitDeadline100ns) {
                continue; /* waits for an event only another thread causes */
            }
            uint64_t left = t->WaitDeadline100ns > now ? (t->WaitDeadline100ns - now) * 100 : 0;
            q = left < KI_MINIMUM_QUANTUM ? KI_MINIMUM_QUANTUM : left < q ? left : q;
        }
        quantum = quantum == 0 || q < quantum ? q : quantum;
    }
    uint64_t io;
    if (MmNextIoCompletion(running->Process->System->Mm, &io)) {
        /* A thread waits for a read: it runs again when the read is done. */
        uint64_t left = io > now ? (io - now) * 100 : 0;
        uint64_t q = left < KI_MINIMUM_QUANTUM ? KI_MINIMUM_QUANTUM : left < KI_QUANTUM ? left : KI_QUANTUM;
        quantum = quantum == 0 || q < quantum ? q : quantum;
    }
    uint64_t due;
    if (KiNextTimerDue(running->Process->System, &due)) {
        /* A thread waits for a timer (timer.c): the quantum ends when it is due. */
        uint64_t left = due > now ? (due - now) * 100 : 0;
        uint64_t q = left < KI_MINIMUM_QUANTUM ? KI_MINIMUM_QUANTUM : left < KI_QUANTUM ? left : KI_QUANTUM;
        quantum = quantum == 0 || q < quantum ? q : quantum;
    }
    return quantum;
}

void KiResetQuantum(KSYSTEM *system, KTHREAD *running)
{
    EmuSetQuantum(system->Emu, KiLimitQuantum(system, Quantum(running)));
}

/* Everyone waits: time moves to the earliest deadline. False if none. */
static bool SkipToNextTimeout(KSYSTEM *system)
{
    KTHREAD *first = NULL;
    for (KTHREAD *t = system->Threads; t; t = t->NextInSystem) {
        if (t->State == KiWaiting && t->WaitDeadline100ns && !t->SuspendCount &&
            (!first || t->WaitDeadline100ns < first->WaitDeadline100ns)) {
            first = t;
        }
    }
    uint64_t now = KiSystemTime100ns(system);
    uint64_t io, due;
    bool timer = KiNextTimerDue(system, &due);
    if (MmNextIoCompletion(system->Mm, &io) &&
        (!first || io < first->WaitDeadline100ns) && (!timer || io < due)) {
        /* The CPU idles until the next read completes. */
        if (io > now) {
            system->ClockSkew100ns += io - now;
        }
        KiCompletePagingIo(system);
        return true;
    }
    if (!first && !timer) {
        return false;
    }
    uint64_t when = first && (!timer || first->WaitDeadline100ns < due) ? first->WaitDeadline100ns : due;
    if (when > now) {
        system->ClockSkew100ns += when - now; /* KiAdvanceClock's, for the machine */
    }
    KiExpireWaits(system, when); /* and the timers due by then (timer.c) */
    return true;
}

/* The line a deadlock ends the run with: who waits for what. */
static void DescribeDeadlock(KSYSTEM *system, char *why, size_t whylen)
{
    static const char *const names[] = {"", "a file", "a section", "a process", "a thread",
                                        "an event", "a semaphore", "a mutant", "a job",
                                        "an I/O completion port", "a timer"};
    int n = snprintf(why, whylen, "deadlock: every thread waits forever");
    const char *sep = " (";
    for (KTHREAD *t = system->Threads; t && n > 0 && (size_t)n < whylen; t = t->NextInSystem) {
        if (t->State == KiDead) {
            continue;
        }
        if (t->State == KiReady) {
            n += snprintf(why + n, whylen - (size_t)n, "%sthread %u of process %u is suspended",
                          sep, t->UniqueThreadId, t->Process->UniqueProcessId);
        } else {
            uint32_t type = t->WaitCount ? (uint32_t)t->WaitObjects[0]->Type : 0;
            n += snprintf(why + n, whylen - (size_t)n, "%sthread %u of process %u waits for %s%s",
                          sep, t->UniqueThreadId, t->Process->UniqueProcessId,
                          t->PipeWait ? KiDescribePipeWait(t)
                          : type < sizeof names / sizeof names[0] ? names[type] : "an object",
                          t->WaitCount > 1 ? (t->WaitAll ? " and more (all)" : " or more") : "");
        }
        sep = "; ";
    }
    if (n > 0 && (size_t)n < whylen) {
        snprintf(why + n, whylen - (size_t)n, ")");
    }
}

/*
 * A process ended: its threads end, where its pages were goes in the
 * pagefile's record, and when it is the last one, the pagefile is let go
 * first, so that what it holds stays as the record of the run.
 */
void KiEndProcess(KPROCESS *process, bool record)
{
    KSYSTEM *system = process->System;
    if (process->State == KiDead) {
        return;
    }
    process->Terminated = true;
    for (KTHREAD *t = process->Threads; t; t = t->NextInProcess) {
        KiEndThread(t);
    }
    if (record) {
        KiReportUnhandledException(process);
    }
    bool last = true;
    for (KPROCESS *p = system->Processes; p; p = p->Next) {
        last &= p == process || p->State == KiDead;
    }
    if (record && !system->Options->NoFaultLog) {
        char label[48];
        snprintf(label, sizeof label, "exit of process %u", process->UniqueProcessId);
        MmRecordPageLocations(system->Mm, last ? "exit" : label);
    }
    if (last && record) {
        MmShutdownPaging(system->Mm);
    }
    KiDeleteProcessResources(process);
}

KE_FAILURE KiRunProcesses(KSYSTEM *system, char *why, size_t whylen)
{
    EMU *emu = system->Emu;
    KTHREAD *last = NULL;
    for (;;) {
        KdPoll(system, last); /* a debugger's first stop, or its break-in */
        KE_FAILURE stopped = KiCheckLimits(system, why, whylen);
        if (stopped != KeRan) {
            return stopped;
        }
        KiCompletePagingIo(system);
        KTHREAD *t = system->Threads ? NextReady(system, last) : NULL;
        if (!t) {
            bool alive = false;
            for (KTHREAD *q = system->Threads; q; q = q->NextInSystem) {
                alive |= q->State != KiDead;
            }
            if (!alive) {
                return KeRan;
            }
            if (!SkipToNextTimeout(system) && !KiWaitForConsoleKeys(system)) {
                DescribeDeadlock(system, why, whylen);
                return KeDeadlock;
            }
            continue;
        }
        if (last && t != last) {
            system->ContextSwitches++;
        }
        KPROCESS *p = t->Process;
        system->Current = p;
        system->CurrentThread = t;
        MmSetCurrentThread(p->Mm, t->UniqueThreadId, t->TebVa);
        KiUpdateSharedUserData(p); /* the clock may have jumped while it waited */
        EmuSetQuantum(emu, KiLimitQuantum(system, Quantum(t)));
        EmuSetTebBase(emu, t->TebVa);
        uint64_t before = EmuInstructionCount(emu);
        system->SliceStart = before;
        int rc;
        if (t->Started) {
            rc = EmuResume(emu, t->Context, why, whylen);
        } else {
            t->Started = true;
            EmuSetPageTableRoot(emu, MmGetPageTableRoot(p->Mm));
            rc = EmuRun(emu, &t->Initial, why, whylen);
        }
        for (;;) {
            uint64_t ran = EmuInstructionCount(emu) - before;
            p->Instructions += ran;
            t->Instructions += ran;
            if (rc != 0 || !KdStopPending(system)) {
                break;
            }
            if (p->Terminated || t->Terminated || p->InternalError[0]) {
                KdCancelStop(system);
                break;
            }
            /* A debugger's stop: it is served with the thread on the CPU,
             * which then goes on with the rest of its quantum. */
            bool counted = KdStopped(system, t);
            if (p->Terminated || t->Terminated) {
                break;
            }
            before = EmuInstructionCount(emu);
            rc = EmuContinue(emu, counted, why, whylen);
        }
        if (rc != 0) {
            return KeInternalError;
        }
        if (p->InternalError[0]) {
            snprintf(why, whylen, "%s", p->InternalError);
            return KeInternalError;
        }
        if (p->Terminated) {
            KiEndProcess(p, true);
        } else if (t->Terminated) {
            KiEndThread(t);
        } else {
            EmuSaveThreadState(emu, t->Context);
        }
        system->CurrentThread = NULL;
        if (EmuQuantumExpired(emu)) {
            MmZeroPageWork(system->Mm, KI_ZERO_PAGES_PER_QUANTUM);
        }
        MmSampleIfDue(system->Mm);
        KiExpireWaits(system, KiGuestTime100ns(p));
        last = t;
    }
}
