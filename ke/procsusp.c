/*
 * NtSuspendProcess and NtResumeProcess: every thread of the process gets
 * one more, or one less, suspension, as NtSuspendThread and NtResumeThread
 * would give it (NT's PsSuspendProcess and PsResumeProcess). A thread
 * already at the limit, or ending, is passed over; the calling thread,
 * when it is one of them, stops at the end of the call. The handle needs
 * PROCESS_SUSPEND_RESUME. (Wine's ntdll/tests/exception.c,
 * test_suspend_process: a thread suspended by NtSuspendThread and by
 * NtSuspendProcess counts both; a process resumed more often than it was
 * suspended is no error.)
 */
#include "ke/ki.h"

#define PROCESS_SUSPEND_RESUME 0x0800u
#define KI_MAXIMUM_SUSPEND_COUNT 127u

static NTSTATUS ReferenceTarget(KPROCESS *process, uint32_t handle, KPROCESS **target)
{
    NTSTATUS status = KiReferenceProcessObjectWithAccess(process, handle, PROCESS_SUSPEND_RESUME, target);
    if (status == STATUS_SUCCESS && ((*target)->Terminated || (*target)->State == KiDead)) {
        ExDereferenceObject(&(*target)->Header);
        status = STATUS_PROCESS_IS_TERMINATING;
    }
    return status;
}

NTSTATUS KiNtSuspendProcess(KPROCESS *process, const uint32_t *a)
{
    KPROCESS *target;
    NTSTATUS status = ReferenceTarget(process, a[0], &target);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    KTHREAD *current = KiCurrentThread(process);
    for (KTHREAD *thread = target->Threads; thread; thread = thread->NextInProcess) {
        if (thread->State == KiDead || thread->Terminated ||
            thread->SuspendCount >= KI_MAXIMUM_SUSPEND_COUNT) {
            continue;
        }
        thread->SuspendCount++;
        if (thread == current) {
            EmuStop(process->Emu); /* it stops here, returning when resumed */
        }
    }
    ExDereferenceObject(&target->Header);
    return STATUS_SUCCESS;
}

NTSTATUS KiNtResumeProcess(KPROCESS *process, const uint32_t *a)
{
    KPROCESS *target;
    NTSTATUS status = ReferenceTarget(process, a[0], &target);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    for (KTHREAD *thread = target->Threads; thread; thread = thread->NextInProcess) {
        if (thread->SuspendCount) {
            thread->SuspendCount--;
        }
    }
    ExDereferenceObject(&target->Header);
    return STATUS_SUCCESS;
}
