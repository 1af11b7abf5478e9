/*
 * The dispatcher: waits on objects, and the user APCs an alertable wait
 * runs. A waiting thread is off the CPU with its wait block (the objects,
 * wait-any or wait-all, a deadline in guest time). Whenever something is
 * signaled, KiUnwaitThreads serves the waiters first come, first served
 * (NT keeps a FIFO wait list per object; one pass in the order the waits
 * began gives the same answers on one CPU): a wait that can be satisfied
 * takes what it needs (an auto-reset event resets, a semaphore's count
 * drops, a mutant gets its owner) and the thread is ready again, with the
 * service's status in EAX. Nothing depends on the host: the same program
 * gives the same order of wake-ups on every run.
 */
#include "ke/console.h"
#include "ke/ki.h"

#include <stdlib.h>
#include <string.h>

bool KiIsObjectSignaled(EX_OBJECT *object, KTHREAD *thread)
{
    switch (object->Type) {
    case ExObjectProcess:
        return ((KPROCESS *)object)->State == KiDead;
    case ExObjectThread:
        return ((KTHREAD *)object)->State == KiDead;
    case ExObjectEvent:
        return ((KEVENT *)object)->Signaled;
    case ExObjectSemaphore:
        return ((KSEMAPHORE *)object)->Count > 0;
    case ExObjectMutant: {
        KMUTANT *mutant = (KMUTANT *)object;
        return mutant->SignalState > 0 || mutant->Owner == thread;
    }
    case ExObjectFile:
        /* Its event (irp.c); a pipe's end also answers a thread that waits
         * to run its read or write again (npfs.c). */
        return KiIsPipeEnd((EX_FILE *)object)      ? KiIsPipeEndReady((EX_FILE *)object, thread)
               : KiIsConsoleFile((EX_FILE *)object) ? KiConsoleInputReady((EX_FILE *)object)
                                                    : ((EX_FILE *)object)->Signaled;
    case ExObjectTimer:
        return KiIsTimerSignaled(object);
    default:
        return false;
    }
}

/* The wait takes what it waited for. True if a mutant was abandoned. */
static bool Satisfy(EX_OBJECT *object, KTHREAD *thread)
{
    switch (object->Type) {
    case ExObjectEvent: {
        KEVENT *event = (KEVENT *)object;
        if (event->Synchronization) {
            event->Signaled = false;
        }
        return false;
    }
    case ExObjectSemaphore:
        ((KSEMAPHORE *)object)->Count--;
        return false;
    case ExObjectMutant: {
        KMUTANT *mutant = (KMUTANT *)object;
        bool abandoned = mutant->Abandoned;
        mutant->Abandoned = false;
        if (mutant->Owner != thread) {
            mutant->Owner = thread;
            mutant->NextOwned = thread->OwnedMutants;
            thread->OwnedMutants = mutant;
        }
        mutant->SignalState--;
        return abandoned;
    }
    case ExObjectTimer:
        KiSatisfyTimer(object);
        return false;
    default:
        return false; /* processes and threads stay signaled */
    }
}

/* KiWaitSatisfyAny / KiWaitSatisfyAll: true with the wait's status. */
static bool TrySatisfy(KTHREAD *thread, EX_OBJECT **objects, uint32_t count, bool wait_all,
                       NTSTATUS *status)
{
    if (count == 0) {
        return false; /* a delay: only its deadline ends it */
    }
    if (!wait_all) {
        for (uint32_t i = 0; i < count; i++) {
            if (KiIsObjectSignaled(objects[i], thread)) {
                bool abandoned = Satisfy(objects[i], thread);
                *status = (abandoned ? STATUS_ABANDONED_WAIT_0 : STATUS_WAIT_0) + (NTSTATUS)i;
                return true;
            }
        }
        return false;
    }
    for (uint32_t i = 0; i < count; i++) {
        if (!KiIsObjectSignaled(objects[i], thread)) {
            return false;
        }
    }
    bool abandoned = false;
    for (uint32_t i = 0; i < count; i++) {
        abandoned |= Satisfy(objects[i], thread);
    }
    *status = abandoned ? STATUS_ABANDONED_WAIT_0 : STATUS_WAIT_0;
    return true;
}

/* The wait is over: the thread is ready, and will see status. */
static void Wake(KTHREAD *thread, NTSTATUS status)
{
    if (thread->InPage) {
        /* A page fault's wait (inpage.c): no service's status to return. */
        KiCancelInPageWait(thread);
        thread->State = KiReady;
        return;
    }
    for (uint32_t i = 0; i < thread->WaitCount; i++) {
        ExDereferenceObject(thread->WaitObjects[i]);
        thread->WaitObjects[i] = NULL;
    }
    thread->WaitCount = 0;
    thread->State = KiReady;
    thread->WaitDeadline100ns = 0;
    if (thread->RestartService) {
        /* It runs its service again (npfs.c): EAX is the service number. */
        thread->RestartService = false;
        thread->PipeWait = 0;
        if (thread->Context) {
            EmuSetThreadStateEax(thread->Context, thread->RestartEax);
        }
    } else if (thread->Context) {
        EmuSetThreadStateEax(thread->Context, (uint32_t)status);
    }
}

void KiAbortWait(KTHREAD *thread, NTSTATUS status)
{
    if (thread->State == KiWaiting) {
        Wake(thread, status);
    }
}

NTSTATUS KiWaitForObjects(KTHREAD *thread, EX_OBJECT **objects, uint32_t count, bool wait_all,
                          bool alertable, const int64_t *timeout)
{
    KPROCESS *process = thread->Process;
    KiExpireTimers(process->System, KiGuestTime100ns(process)); /* their APCs, first */
    if (alertable && thread->ApcHead && KiDeliverUserApc(thread, true, STATUS_USER_APC)) {
        return STATUS_USER_APC;
    }
    NTSTATUS status;
    if (TrySatisfy(thread, objects, count, wait_all, &status)) {
        return status;
    }
    uint64_t now = KiGuestTime100ns(process);
    uint64_t deadline = 0;
    if (timeout) {
        /* Negative: relative, in 100 ns; positive: an absolute system time. */
        if (*timeout < 0) {
            deadline = now + (0 - (uint64_t)*timeout); /* -INT64_MIN is no int64_t */
        } else {
            uint64_t t = (uint64_t)*timeout;
            deadline = t > KI_BOOT_SYSTEM_TIME ? t - KI_BOOT_SYSTEM_TIME : 1;
        }
        if (deadline <= now) {
            return count ? STATUS_TIMEOUT : STATUS_SUCCESS;
        }
    }
    for (uint32_t i = 0; i < count; i++) {
        ExReferenceObject(objects[i]);
        thread->WaitObjects[i] = objects[i];
    }
    thread->WaitCount = count;
    thread->WaitAll = wait_all;
    thread->Alertable = alertable;
    thread->WaitIsDelay = count == 0;
    thread->WaitDeadline100ns = deadline;
    thread->WaitSequence = ++process->System->WaitSequence;
    thread->State = KiWaiting;
    EmuStop(process->Emu); /* the scheduler takes it off the CPU */
    return STATUS_PENDING;
}

void KiUnwaitThreads(KSYSTEM *system)
{
    /* One pass, in the order the waits began. */
    uint64_t after = 0;
    for (;;) {
        KTHREAD *next = NULL;
        for (KTHREAD *t = system->Threads; t; t = t->NextInSystem) {
            if (t->State == KiWaiting && t->WaitSequence > after &&
                (!next || t->WaitSequence < next->WaitSequence)) {
                next = t;
            }
        }
        if (!next) {
            return;
        }
        after = next->WaitSequence;
        NTSTATUS status;
        if (TrySatisfy(next, next->WaitObjects, next->WaitCount, next->WaitAll, &status)) {
            Wake(next, status);
        }
    }
}

void KiExpireWaits(KSYSTEM *system, uint64_t now)
{
    KiExpireTimers(system, now); /* a timer's waiters wake with it, not timed out */
    for (KTHREAD *t = system->Threads; t; t = t->NextInSystem) {
        if (t->State == KiWaiting && t->WaitDeadline100ns && t->WaitDeadline100ns <= now) {
            Wake(t, t->WaitIsDelay ? STATUS_SUCCESS : STATUS_TIMEOUT);
        }
    }
}

void KiAbandonMutants(KTHREAD *thread)
{
    while (thread->OwnedMutants) {
        KMUTANT *mutant = thread->OwnedMutants;
        thread->OwnedMutants = mutant->NextOwned;
        mutant->NextOwned = NULL;
        mutant->Owner = NULL;
        mutant->SignalState = 1;
        mutant->Abandoned = true;
    }
}

/*
 * KiDeliverUser APC on x86: the thread's context goes on its stack, below
 * it the APC's routine and three arguments, and the thread resumes at
 * ntdll!KiUserApcDispatcher, which calls Routine(Argument[0..2]) and
 * NtContinue(context, TRUE) — TRUE runs the next APC, if any.
 */
bool KiDeliverUserApc(KTHREAD *thread, bool set_eax, NTSTATUS status)
{
    KPROCESS *process = thread->Process;
    KI_USER_APC *apc = thread->ApcHead;
    if (!apc || !process->KiUserApcDispatcher || !process->Mm || !thread->Started) {
        return false;
    }
    thread->ApcHead = apc->Next;
    if (!thread->ApcHead) {
        thread->ApcTail = NULL;
    }
    bool current = thread == process->System->CurrentThread;
    EMU_REGISTERS regs;
    EMU_SEGMENTS segments = {EMU_SEL_USER_DATA, EMU_SEL_USER_DATA, EMU_SEL_TEB, 0};
    if (current) {
        EmuGetRegisters(process->Emu, &regs);
        EmuGetSegments(process->Emu, &segments);
    } else {
        EmuGetThreadStateRegisters(thread->Context, &regs);
    }
    if (set_eax) {
        regs.Eax = (uint32_t)status;
    }
    CONTEXT32 context;
    KiRegistersToContext(&regs, &segments, &context);
    uint32_t context_va = (regs.Esp & ~3u) - (uint32_t)sizeof context;
    uint32_t frame_va = context_va - 16;
    uint32_t frame[4] = {apc->Routine, apc->Argument[0], apc->Argument[1], apc->Argument[2]};
    free(apc);
    NTSTATUS written = STATUS_ACCESS_VIOLATION;
    if (regs.Esp > sizeof context + 0x100) {
        written = MmCopyToUser(process->Mm, context_va, &context, sizeof context);
        if (written == STATUS_SUCCESS) {
            written = MmCopyToUser(process->Mm, frame_va, frame, sizeof frame);
        }
    }
    if (written != STATUS_SUCCESS) {
        return false; /* its stack is gone: the APC is lost, as it would be */
    }
    regs.Esp = frame_va;
    regs.Eip = process->KiUserApcDispatcher;
    if (current) {
        EmuSetRegisters(process->Emu, &regs);
        static const EMU_SEGMENTS user = {EMU_SEL_USER_DATA, EMU_SEL_USER_DATA, EMU_SEL_TEB, 0};
        EmuSetUserSegments(process->Emu, &user);
        process->RegistersReplaced = true;
    } else {
        EmuSetThreadStateRegisters(thread->Context, &regs);
    }
    return true;
}
