/*
 * The kernel's side of in-page I/O (mm/inpage.c has the memory manager's):
 * a thread whose page fault issued a read, or collided with one in
 * flight, waits for it off the CPU (NT's MiWaitForInPageComplete: a
 * non-alertable wait on the in-page block's event) while the other
 * threads of every process run. The scheduler completes the I/O when its
 * guest time has come (--io-latency after it was issued: guest time is
 * instructions, so every run waits alike) and wakes each waiter; the
 * waiter resumes at the faulting instruction and executes it again, or,
 * if the read failed, receives STATUS_IN_PAGE_ERROR with [0] the access,
 * [1] the address and [2] the read's status, as NT raises it.
 *
 * When no other thread could use the CPU before the read completes, the
 * faulting thread does not leave it: the read is done at once and guest
 * time moves on by the latency (the CPU would only idle), which is the
 * same to the program and keeps single-threaded runs fast.
 */
#include "ke/ki.h"

#include <stdio.h>
#include <string.h>

uint64_t KiIoLatency100ns(KSYSTEM *system)
{
    return system->Options->IoLatencyNs / 100;
}

/* Could a thread other than `self` run before `until` (guest time)? */
static bool OtherThreadCouldRun(KSYSTEM *system, KTHREAD *self, uint64_t until)
{
    uint64_t io;
    if (MmNextIoCompletion(system->Mm, &io) && io <= until) {
        return true; /* a thread waiting for another read wakes first */
    }
    for (KTHREAD *t = system->Threads; t; t = t->NextInSystem) {
        if (t == self || t->State == KiDead || t->SuspendCount || t->Terminated) {
            continue;
        }
        if (t->State == KiReady ||
            (t->WaitDeadline100ns && t->WaitDeadline100ns <= until)) {
            return true;
        }
    }
    return false;
}

void KiPrepareFault(KPROCESS *process, MM_FAULT_INFO *info)
{
    KSYSTEM *system = process->System;
    uint64_t latency = KiIoLatency100ns(system);
    if (!latency) {
        return;
    }
    uint64_t done = KiGuestTime100ns(process) + latency;
    info->IoCompletionTime = done;
    info->CanWait = OtherThreadCouldRun(system, KiCurrentThread(process), done);
}

void KiAfterFault(KPROCESS *process, const MM_FAULT_INFO *info, NTSTATUS status)
{
    if (status == STATUS_PENDING || !info->IoCompletionTime) {
        return;
    }
    if (info->Kind == MmFaultHard || info->Kind == MmFaultInPageError) {
        /* Read at once, alone on the CPU: it idled while the read took place. */
        KiAdvanceClock(process, KiIoLatency100ns(process->System));
        KiResetQuantum(process->System, KiCurrentThread(process));
    }
}

void KiWaitForInPage(KPROCESS *process, MMINPAGE_SUPPORT *block, uint32_t va, uint32_t access)
{
    KTHREAD *thread = KiCurrentThread(process);
    thread->InPage = block; /* the fault's reference */
    thread->InPageVa = va;
    thread->InPageAccess = access;
    thread->WaitCount = 0;
    thread->WaitAll = false;
    thread->Alertable = false;
    thread->WaitIsDelay = false;
    thread->WaitDeadline100ns = 0;
    thread->WaitSequence = ++process->System->WaitSequence;
    thread->State = KiWaiting;
    EmuStop(process->Emu); /* saved at the faulting instruction: it runs again */
}

/* The read failed: the waiter gets STATUS_IN_PAGE_ERROR, raised at its
 * faulting instruction as KiTrap0E would have raised it. */
static void RaiseInPageError(KTHREAD *thread, NTSTATUS io)
{
    KPROCESS *process = thread->Process;
    if (process->TraceFaults) {
        char name[EX_NTSTATUS_FORMAT_SIZE];
        fprintf(stderr, "ntmm: process %u thread %u: the read of 0x%08x failed (%s): "
                "STATUS_IN_PAGE_ERROR raised\n", process->UniqueProcessId,
                thread->UniqueThreadId, thread->InPageVa, ExNtStatusFormat(io, name));
    }
    EMU_REGISTERS regs;
    EmuGetThreadStateRegisters(thread->Context, &regs);
    EXCEPTION_RECORD32 record;
    memset(&record, 0, sizeof record);
    record.ExceptionCode = (uint32_t)STATUS_IN_PAGE_ERROR;
    record.ExceptionAddress = regs.Eip;
    record.NumberParameters = 3;
    record.ExceptionInformation[0] = thread->InPageAccess;
    record.ExceptionInformation[1] = thread->InPageVa;
    record.ExceptionInformation[2] = (uint32_t)io;
    KiDispatchExceptionToThread(thread, &record);
}

void KiCompletePagingIo(KSYSTEM *system)
{
    MmCompleteIo(system->Mm, KiSystemTime100ns(system));
    for (KTHREAD *t = system->Threads; t; t = t->NextInSystem) {
        NTSTATUS io;
        if (t->State != KiWaiting || !t->InPage || !MmInPageComplete(t->InPage, &io)) {
            continue;
        }
        MMINPAGE_SUPPORT *block = t->InPage;
        t->InPage = NULL;
        MmDereferenceInPage(block);
        t->State = KiReady;
        t->WaitSequence = 0;
        if (io != STATUS_SUCCESS && !t->Terminated && !t->Process->Terminated) {
            RaiseInPageError(t, io);
        }
    }
}

void KiCancelInPageWait(KTHREAD *thread)
{
    if (thread->InPage) {
        MmDereferenceInPage(thread->InPage);
        thread->InPage = NULL;
    }
}
