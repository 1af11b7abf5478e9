/*
 * The kernel debugger's side in ke (NT's Kd): where the machine stops for
 * a debugger and how it goes on. Breakpoints, single steps and watchpoints
 * are emu's debug hooks (emu/debug.c), installed only while a debugger
 * wants them; a hook that decides to stop calls EmuStop, the scheduler
 * sees the stop pending when the CPU returns (sched.c) and calls
 * KdStopped with the thread still on the CPU; afterwards the same thread
 * resumes with what is left of its quantum. A first-chance exception
 * stops before KiDispatchException builds the handlers' frame: the
 * dispatch happens when the debugger resumes, if it passes the exception
 * on. A break-in (gdb's Ctrl-C) arrives as SIGIO on the debugger's socket,
 * which stops the CPU through the caller's stop flag; it is taken between
 * quanta, with every thread's state saved.
 */
#include "ke/kd.h"
#include "ke/kdp.h"
#include "ke/ki.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KD_MAX_BREAKPOINTS (EMU_DEBUG_MAX_RANGES - 2) /* and the two data hooks */

typedef struct KD_BREAKPOINT {
    uint32_t Type, Address, Length;
} KD_BREAKPOINT;

struct KD_STATE {
    const KD_DEBUGGER *Debugger;
    KD_BREAKPOINT Points[KD_MAX_BREAKPOINTS];
    uint32_t PointCount;
    bool HooksChanged;          /* the table changed since the hooks were set */
    bool EveryInstruction;      /* the hooks as set: an all-instruction hook */
    bool Stepping;
    KTHREAD *StepThread;
    bool StopPending;
    KD_STOP Stop;
    /* The instruction a resumed thread stopped before runs once unreported. */
    KTHREAD *SkipThread;
    uint32_t SkipEip;
    /* A watched access happened: stop before the thread's next instruction. */
    KTHREAD *WatchThread;
    uint32_t WatchAddress, WatchType;
    /* A first-chance exception held for the debugger. */
    bool HaveException;
    bool Delivering;
    EXCEPTION_RECORD32 Record;
    EMU_REGISTERS Registers;
    KTHREAD *Live;              /* the thread whose registers are the CPU's */
    bool Started, Detached;
};

bool KdInitialize(KSYSTEM *system)
{
    if (!system->Options->Debugger) {
        return true;
    }
    system->Kd = calloc(1, sizeof *system->Kd);
    if (!system->Kd) {
        return false;
    }
    system->Kd->Debugger = system->Options->Debugger;
    return true;
}

void KdShutdown(KSYSTEM *system)
{
    free(system->Kd);
    system->Kd = NULL;
}

static bool IsWatch(uint32_t type)
{
    return type >= 2 && type <= 4;
}

/* emu's debug hook: the CPU is about to run an instruction, or the guest
 * touched a watched range. */
static void OnDebugEvent(void *context, uint32_t kind, uint32_t address, uint32_t size)
{
    KSYSTEM *system = context;
    KD_STATE *kd = system->Kd;
    KTHREAD *thread = system->CurrentThread;
    if (!thread || kd->StopPending || kd->Detached) {
        return;
    }
    if (kind != EMU_DEBUG_EXECUTE) {
        /* address is physical: each watched range's pages are found
         * through the page tables on the CPU now (their frames change as
         * they are paged), and the access named by its virtual address. */
        MMPROCESS *mm = thread->Process->Mm;
        for (uint32_t i = 0; i < kd->PointCount && mm; i++) {
            const KD_BREAKPOINT *p = &kd->Points[i];
            bool type_matches = p->Type == 4 || (p->Type == 2 && kind == EMU_DEBUG_WRITE) ||
                                (p->Type == 3 && kind == EMU_DEBUG_READ);
            if (!type_matches) {
                continue;
            }
            uint32_t first = p->Address & ~0xFFFu, last = (p->Address + p->Length - 1) & ~0xFFFu;
            for (uint32_t page = first;; page += 0x1000) {
                uint32_t pa;
                if (MmDebugTranslate(mm, page, &pa) && (address & ~0xFFFu) == pa) {
                    uint32_t va = page | (address & 0xFFFu);
                    if (va < p->Address + p->Length && p->Address < va + size) {
                        kd->WatchThread = thread;
                        kd->WatchAddress = p->Address;
                        kd->WatchType = p->Type;
                        return;
                    }
                }
                if (page == last) {
                    break;
                }
            }
        }
        return;
    }
    if (kd->SkipThread == thread) {
        kd->SkipThread = NULL;
        if (address == kd->SkipEip) {
            return;
        }
    }
    KD_STOP stop = {.ProcessId = thread->Process->UniqueProcessId,
                    .ThreadId = thread->UniqueThreadId, .Address = address};
    if (kd->WatchThread == thread) {
        stop.Reason = KdStopWatch;
        stop.Address = kd->WatchAddress;
        stop.WatchType = kd->WatchType;
        kd->WatchThread = NULL;
    } else if (kd->Stepping && kd->StepThread == thread) {
        stop.Reason = KdStopStep;
    } else {
        bool hit = false;
        for (uint32_t i = 0; i < kd->PointCount && !hit; i++) {
            hit = !IsWatch(kd->Points[i].Type) && kd->Points[i].Address == address;
        }
        if (!hit) {
            return;
        }
        stop.Reason = KdStopBreakpoint;
    }
    kd->Stop = stop;
    kd->StopPending = true;
    EmuStop(system->Emu); /* before this instruction runs */
}

/* The hooks the table and the step need, set if they changed. */
static void SetHooks(KSYSTEM *system)
{
    KD_STATE *kd = system->Kd;
    bool every = false, reads = false, writes = false;
    EMU_DEBUG_RANGE ranges[KD_MAX_BREAKPOINTS + 2];
    uint32_t count = 0;
    for (uint32_t i = 0; i < kd->PointCount && !kd->Detached; i++) {
        const KD_BREAKPOINT *p = &kd->Points[i];
        if (IsWatch(p->Type)) {
            every = true; /* the stop is before the next instruction */
            reads |= p->Type != 2;
            writes |= p->Type != 3;
            continue;
        }
        ranges[count++] = (EMU_DEBUG_RANGE){EMU_DEBUG_EXECUTE, p->Address, 1};
    }
    /* Data hooks see physical addresses, and frames move: one hook over
     * every access of a kind, and OnDebugEvent picks the watched ones. */
    if (reads) {
        ranges[count++] = (EMU_DEBUG_RANGE){EMU_DEBUG_READ, 0, 0};
    }
    if (writes) {
        ranges[count++] = (EMU_DEBUG_RANGE){EMU_DEBUG_WRITE, 0, 0};
    }
    every |= kd->Stepping && !kd->Detached;
    if (!kd->HooksChanged && every == kd->EveryInstruction) {
        return;
    }
    kd->HooksChanged = false;
    kd->EveryInstruction = every;
    bool any = count || every;
    EmuSetDebugHooks(system->Emu, ranges, count, every, any ? OnDebugEvent : NULL, system);
}

bool KdStopPending(KSYSTEM *system)
{
    return system->Kd && system->Kd->StopPending;
}

void KdCancelStop(KSYSTEM *system)
{
    if (system->Kd) {
        system->Kd->StopPending = false;
        system->Kd->HaveException = false;
    }
}

bool KdException(KPROCESS *process, const EXCEPTION_RECORD32 *record, const EMU_REGISTERS *regs)
{
    KSYSTEM *system = process->System;
    KD_STATE *kd = system->Kd;
    KTHREAD *thread = system->CurrentThread;
    if (!kd || kd->Delivering || kd->Detached || !thread) {
        return false;
    }
    kd->Record = *record;
    kd->Registers = *regs;
    kd->HaveException = true;
    kd->Stop = (KD_STOP){.Reason = KdStopException, .ProcessId = process->UniqueProcessId,
                         .ThreadId = thread->UniqueThreadId, .Address = record->ExceptionAddress,
                         .ExceptionCode = record->ExceptionCode};
    kd->StopPending = true;
    kd->WatchThread = NULL;
    EmuStop(system->Emu);
    return true;
}

void KdNoteTrap(KSYSTEM *system, uint32_t vector)
{
    /* A watched access that faulted runs again once the fault is resolved
     * (and reports then); one that raises an exception stops for that. */
    if (system->Kd && vector == EMU_TRAP_PAGE_FAULT) {
        system->Kd->WatchThread = NULL;
    }
}

static void Resume(KSYSTEM *system, KTHREAD *thread, const KD_RESUME *resume)
{
    KD_STATE *kd = system->Kd;
    if (resume->Kill && system->Options->StopSignal) {
        *system->Options->StopSignal = SIGTERM;
    }
    if (resume->Detach) {
        kd->Detached = true;
        kd->PointCount = 0;
        kd->HooksChanged = true;
    }
    kd->Stepping = resume->Step && !resume->Detach;
    kd->StepThread = NULL;
    for (KTHREAD *t = system->Threads; kd->Stepping && t; t = t->NextInSystem) {
        if (t->UniqueThreadId == resume->StepThread && t->State != KiDead) {
            kd->StepThread = t;
        }
    }
    if (kd->Stepping && !kd->StepThread) {
        kd->StepThread = thread;
    }
    SetHooks(system);
}

/* The registers of a thread as it will resume. */
static uint32_t ThreadEip(KSYSTEM *system, KTHREAD *t)
{
    EMU_DEBUG_REGISTERS regs;
    KdGetRegisters(system, t->UniqueThreadId, &regs);
    return regs.R[8];
}

/* True if the thread goes on at the instruction it stopped before. */
static bool Serve(KSYSTEM *system, KTHREAD *thread, KD_STOP *stop)
{
    KD_STATE *kd = system->Kd;
    KD_RESUME resume = {0};
    uint32_t eip = thread ? ThreadEip(system, thread) : 0;
    kd->Debugger->Stopped(kd->Debugger->Context, system, stop, &resume);
    if (thread) {
        /* The instruction it stopped before is not reported again. */
        kd->SkipThread = thread;
        kd->SkipEip = eip;
    }
    Resume(system, thread, &resume);
    if (kd->HaveException && thread) {
        kd->HaveException = false;
        uint32_t code = kd->Record.ExceptionCode;
        bool trap = code == (uint32_t)STATUS_BREAKPOINT || code == (uint32_t)STATUS_SINGLE_STEP;
        if ((resume.PassException || trap) && ThreadEip(system, thread) == eip) {
            /* The program's handlers get it now: the frame on its stack,
             * EIP at KiUserExceptionDispatcher (where a step stops). */
            kd->Delivering = true;
            KiDispatchException(thread->Process, &kd->Record, &kd->Registers, true);
            kd->Delivering = false;
            MmFlushTlbIfNeeded(system->Mm);
            kd->SkipThread = NULL;
        }
    }
    return thread && ThreadEip(system, thread) == eip;
}

bool KdStopped(KSYSTEM *system, KTHREAD *thread)
{
    KD_STATE *kd = system->Kd;
    kd->StopPending = false;
    kd->Live = thread;
    KD_STOP stop = kd->Stop;
    bool same = Serve(system, thread, &stop);
    kd->Live = NULL;
    /* A hook's stop is before an instruction of a block already counted;
     * an exception's is not. */
    return same && stop.Reason != KdStopException;
}

void KdPoll(KSYSTEM *system, KTHREAD *last)
{
    KD_STATE *kd = system->Kd;
    volatile sig_atomic_t *flag = system->Options->StopSignal;
    if (!kd || kd->Detached) {
        if (kd && flag && *flag == SIGIO) {
            *flag = 0;
        }
        return;
    }
    KD_STOP stop = {.Reason = KdStopBreakIn};
    if (!kd->Started) {
        kd->Started = true;
        if (!kd->Debugger->StopAtStart) {
            return;
        }
        stop.Reason = KdStopStart;
    } else if (!flag || *flag != SIGIO) {
        return;
    } else {
        *flag = 0;
        if (!kd->Debugger->BreakIn(kd->Debugger->Context)) {
            return;
        }
    }
    KTHREAD *thread = last && last->State != KiDead ? last : NULL;
    for (KTHREAD *t = system->Threads; !thread && t; t = t->NextInSystem) {
        thread = t->State != KiDead ? t : NULL;
    }
    if (!thread) {
        return;
    }
    stop.ProcessId = thread->Process->UniqueProcessId;
    stop.ThreadId = thread->UniqueThreadId;
    Serve(system, thread, &stop);
}

void KdRunEnded(KSYSTEM *system)
{
    KD_STATE *kd = system->Kd;
    if (!kd || kd->Detached) {
        return;
    }
    KD_STOP stop = {.Reason = KdStopExit,
                    .ProcessId = system->First ? system->First->UniqueProcessId : 0,
                    .ExitStatus = system->First ? system->First->ExitStatus : 0};
    KD_RESUME resume = {0};
    kd->Debugger->Stopped(kd->Debugger->Context, system, &stop, &resume);
}

/* ------------------------------------------------------------ queries */

static KTHREAD *FindThread(KSYSTEM *system, uint32_t thread_id)
{
    for (KTHREAD *t = system->Threads; t; t = t->NextInSystem) {
        if (t->UniqueThreadId == thread_id && t->State != KiDead && !t->Terminated) {
            return t;
        }
    }
    return NULL;
}

static const char *ImageName(KPROCESS *process)
{
    const char *name = process->Options.Argc ? process->Options.Argv[0] : "?";
    const char *slash = strrchr(name, '/');
    return slash ? slash + 1 : name;
}

static const char *ThreadState(KSYSTEM *system, KTHREAD *t)
{
    if (!t->Started) {
        return "not started";
    }
    if (t == system->Kd->Live) {
        return "running";
    }
    if (t->SuspendCount) {
        return "suspended";
    }
    return t->State == KiWaiting ? "waiting" : "ready";
}

uint32_t KdListThreads(KSYSTEM *system, KD_THREAD_INFO *threads, uint32_t max)
{
    uint32_t n = 0;
    for (KTHREAD *t = system->Threads; t && n < max; t = t->NextInSystem) {
        if (t->State == KiDead || t->Terminated) {
            continue;
        }
        threads[n].ThreadId = t->UniqueThreadId;
        threads[n].ProcessId = t->Process->UniqueProcessId;
        threads[n].State = ThreadState(system, t);
        snprintf(threads[n].Image, sizeof threads[n].Image, "%s", ImageName(t->Process));
        n++;
    }
    return n;
}

bool KdThreadExists(KSYSTEM *system, uint32_t thread_id)
{
    return FindThread(system, thread_id) != NULL;
}

uint32_t KdThreadProcessId(KSYSTEM *system, uint32_t thread_id)
{
    KTHREAD *t = FindThread(system, thread_id);
    return t ? t->Process->UniqueProcessId : 0;
}

bool KdGetRegisters(KSYSTEM *system, uint32_t thread_id, EMU_DEBUG_REGISTERS *regs)
{
    KTHREAD *t = FindThread(system, thread_id);
    if (!t) {
        return false;
    }
    if (t == system->Kd->Live) {
        EmuGetDebugRegisters(system->Emu, NULL, regs);
    } else if (t->Started) {
        EmuGetDebugRegisters(system->Emu, t->Context, regs);
    } else {
        /* Not yet on the CPU: where it will start, with user mode's selectors. */
        memset(regs, 0, sizeof *regs);
        const EMU_REGISTERS *r = &t->Initial;
        uint32_t values[16] = {r->Eax, r->Ecx, r->Edx, r->Ebx, r->Esp, r->Ebp, r->Esi, r->Edi,
                               r->Eip, (r->EFlags & 0x00210DD5u) | 0x202u, EMU_SEL_USER_CODE,
                               EMU_SEL_USER_DATA, EMU_SEL_USER_DATA, EMU_SEL_USER_DATA,
                               EMU_SEL_TEB, 0};
        memcpy(regs->R, values, sizeof values);
        regs->Fctrl = 0x27F; /* as NT starts a thread's x87 unit */
        regs->Ftag = 0xFFFF;
    }
    return true;
}

bool KdSetRegisters(KSYSTEM *system, uint32_t thread_id, const EMU_DEBUG_REGISTERS *regs)
{
    KTHREAD *t = FindThread(system, thread_id);
    if (!t) {
        return false;
    }
    if (t == system->Kd->Live) {
        EmuSetDebugRegisters(system->Emu, NULL, regs);
    } else if (t->Started) {
        EmuSetDebugRegisters(system->Emu, t->Context, regs);
    } else {
        EMU_REGISTERS *r = &t->Initial;
        r->Eax = regs->R[0];
        r->Ecx = regs->R[1];
        r->Edx = regs->R[2];
        r->Ebx = regs->R[3];
        r->Esp = regs->R[4];
        r->Ebp = regs->R[5];
        r->Esi = regs->R[6];
        r->Edi = regs->R[7];
        r->Eip = regs->R[8];
        r->EFlags = regs->R[9];
    }
    return true;
}

MMPROCESS *KdProcessMm(KSYSTEM *system, uint32_t process_id)
{
    for (KPROCESS *p = system->Processes; p; p = p->Next) {
        if (p->UniqueProcessId == process_id && p->State != KiDead && p->Mm) {
            return p->Mm;
        }
    }
    return NULL;
}

MMSYSTEM *KdSystemMm(KSYSTEM *system)
{
    return system->Mm;
}

bool KdInsertBreakpoint(KSYSTEM *system, uint32_t type, uint32_t address, uint32_t length)
{
    KD_STATE *kd = system->Kd;
    if (type > 4 || (IsWatch(type) && (length == 0 || length > 4096)) ||
        (uint64_t)address + (IsWatch(type) ? length : 1) > 0x100000000ull) {
        return false;
    }
    for (uint32_t i = 0; i < kd->PointCount; i++) {
        const KD_BREAKPOINT *p = &kd->Points[i];
        if (p->Type == type && p->Address == address && p->Length == length) {
            return true; /* gdb inserts again what is there */
        }
    }
    if (kd->PointCount == KD_MAX_BREAKPOINTS) {
        return false;
    }
    kd->Points[kd->PointCount++] = (KD_BREAKPOINT){type, address, length};
    kd->HooksChanged = true;
    return true;
}

bool KdRemoveBreakpoint(KSYSTEM *system, uint32_t type, uint32_t address, uint32_t length)
{
    KD_STATE *kd = system->Kd;
    for (uint32_t i = 0; i < kd->PointCount; i++) {
        const KD_BREAKPOINT *p = &kd->Points[i];
        if (p->Type == type && p->Address == address && (p->Length == length || !IsWatch(type))) {
            kd->Points[i] = kd->Points[--kd->PointCount];
            kd->HooksChanged = true;
            return true;
        }
    }
    return false;
}

void KdDescribeProcesses(KSYSTEM *system, uint32_t process_id, MM_DEBUG_PRINT print,
                         void *context)
{
    char line[512];
    for (KPROCESS *p = system->Processes; p; p = p->Next) {
        if (process_id && p->UniqueProcessId != process_id) {
            continue;
        }
        bool alive = p->State != KiDead && p->Mm;
        snprintf(line, sizeof line,
                 "PROCESS %u  parent %u  image %s  %s  PEB %08x  image base %08x", p->UniqueProcessId,
                 p->ParentProcessId, ImageName(p), alive ? "alive" : "ended", p->PebVa,
                 p->ImageBase);
        print(context, line);
        if (alive) {
            MM_VM_COUNTERS c;
            MmQueryVmCounters(p->Mm, &c);
            snprintf(line, sizeof line,
                     "    commit %u KiB (peak %u KiB), working set %u KiB (peak %u KiB), "
                     "virtual %u KiB, page faults %llu, CR3 %08x",
                     c.PagefileUsage / 1024, c.PeakPagefileUsage / 1024, c.WorkingSetSize / 1024,
                     c.PeakWorkingSetSize / 1024, c.VirtualSize / 1024,
                     (unsigned long long)p->PageFaults, MmGetPageTableRoot(p->Mm));
        } else {
            snprintf(line, sizeof line, "    exit status 0x%08x", (uint32_t)p->ExitStatus);
        }
        print(context, line);
        for (KTHREAD *t = p->Threads; t; t = t->NextInProcess) {
            if (t->State == KiDead) {
                continue;
            }
            snprintf(line, sizeof line, "    THREAD %u  %s  TEB %08x  stack %08x-%08x  %llu instructions",
                     t->UniqueThreadId, ThreadState(system, t), t->TebVa, t->DeallocationStack,
                     t->StackBase, (unsigned long long)t->Instructions);
            print(context, line);
        }
    }
}
