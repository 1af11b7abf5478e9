/*
 * Thread services: NtCreateThreadEx, NtOpenThread, NtTerminateThread,
 * NtSuspendThread/NtResumeThread, NtGetContextThread/NtSetContextThread,
 * NtQueryInformationThread, and the user APC services NtQueueApcThread and
 * NtTestAlert.
 */
#include "ke/ki.h"

#include <stdlib.h>
#include <string.h>

#define THREAD_CREATE_FLAGS_CREATE_SUSPENDED 0x1u
#define PS_ATTRIBUTE_CLIENT_ID   0x10003u
#define PS_ATTRIBUTE_TEB_ADDRESS 0x10004u
#define KI_MAXIMUM_SUSPEND_COUNT 127u

/* PS_ATTRIBUTE_LIST (x86): TotalLength, then {Attribute, Size, Value,
 * ReturnLength} entries. The outputs ntmm knows are filled in. */
static NTSTATUS FillAttributeList(KPROCESS *process, uint32_t list_va, const KTHREAD *thread)
{
    uint32_t total;
    NTSTATUS status = MmCopyFromUser(process->Mm, &total, list_va, 4);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (total < 4 || total > 4 + 16 * 32) {
        return STATUS_INVALID_PARAMETER;
    }
    for (uint32_t at = 4; at + 16 <= total && status == STATUS_SUCCESS; at += 16) {
        uint32_t entry[4];
        status = MmCopyFromUser(process->Mm, entry, list_va + at, sizeof entry);
        if (status != STATUS_SUCCESS) {
            break;
        }
        if (entry[0] == PS_ATTRIBUTE_CLIENT_ID && entry[1] >= 8) {
            uint32_t client[2] = {thread->Process->UniqueProcessId, thread->UniqueThreadId};
            status = MmCopyToUser(process->Mm, entry[2], client, sizeof client);
        } else if (entry[0] == PS_ATTRIBUTE_TEB_ADDRESS && entry[1] >= 4) {
            status = MmCopyToUser(process->Mm, entry[2], &thread->TebVa, 4);
        }
    }
    return status;
}

/* NtCreateThreadEx(ThreadHandle, DesiredAccess, ObjectAttributes,
 * ProcessHandle, StartRoutine, Argument, CreateFlags, ZeroBits, StackSize,
 * MaximumStackSize, AttributeList) */
NTSTATUS KiNtCreateThreadEx(KPROCESS *process, const uint32_t *a)
{
    uint32_t zero = 0;
    NTSTATUS status = MmCopyToUser(process->Mm, a[0], &zero, 4); /* probe the output */
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (!a[4]) {
        return STATUS_INVALID_PARAMETER_5;
    }
    KPROCESS *target;
    status = KiReferenceProcessObjectWithAccess(process, a[3], PROCESS_CREATE_THREAD, &target);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (target->Exiting || target->Terminated || target->State == KiDead) {
        /* Its threads are being ended: no new one (CreateThread and
         * CreateRemoteThread fail with ERROR_ACCESS_DENIED from
         * NtTerminateProcess(NULL) on, in Wine's test_ExitProcess). */
        ExDereferenceObject(&target->Header);
        return STATUS_PROCESS_IS_TERMINATING;
    }
    KTHREAD *thread;
    status = KiCreateThread(target, a[4], a[5], true, a[9] ? a[9] : a[8], &thread);
    ExDereferenceObject(&target->Header);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint32_t handle = 0;
    status = ExCreateHandle(&process->Handles, &thread->Header, &handle);
    if (status == STATUS_SUCCESS) {
        status = MmCopyToUser(process->Mm, a[0], &handle, 4);
    }
    if (status == STATUS_SUCCESS && a[10]) {
        status = FillAttributeList(process, a[10], thread);
    }
    if (status != STATUS_SUCCESS) {
        /* Nobody can be told of it: it never runs. */
        if (handle) {
            ExCloseHandle(&process->Handles, handle);
        }
        thread->SuspendCount = 0;
        KiTerminateThread(thread, status);
        return status;
    }
    if (!(a[6] & THREAD_CREATE_FLAGS_CREATE_SUSPENDED)) {
        thread->SuspendCount = 0;
    }
    return STATUS_SUCCESS;
}

/* NtOpenThread(ThreadHandle, DesiredAccess, ObjectAttributes, ClientId) */
NTSTATUS KiNtOpenThread(KPROCESS *process, const uint32_t *a)
{
    uint32_t client[2];
    NTSTATUS status = MmCopyFromUser(process->Mm, client, a[3], sizeof client);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    for (KTHREAD *t = process->System->Threads; t; t = t->NextInSystem) {
        if (t->UniqueThreadId == client[1] && t->State != KiDead &&
            (!client[0] || client[0] == t->Process->UniqueProcessId)) {
            return KiReturnHandleWithAccess(process, &t->Header, a[1], a[0]);
        }
    }
    return STATUS_INVALID_CID;
}

/* NtTerminateThread(ThreadHandle, ExitStatus): a null handle is the caller. */
NTSTATUS KiNtTerminateThread(KPROCESS *process, const uint32_t *a)
{
    KTHREAD *thread;
    NTSTATUS status = KiReferenceThreadWithAccess(process, a[0] ? a[0] : NT_CURRENT_THREAD, THREAD_TERMINATE, &thread);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (thread->State == KiDead || thread->Terminated) {
        status = STATUS_THREAD_IS_TERMINATING;
    } else {
        KiTerminateThread(thread, (int32_t)a[1]);
    }
    ExDereferenceObject(&thread->Header);
    return status;
}

static NTSTATUS ReturnCount(KPROCESS *process, uint32_t va, uint32_t count)
{
    return va ? MmCopyToUser(process->Mm, va, &count, 4) : STATUS_SUCCESS;
}

/* NtSuspendThread(ThreadHandle, PreviousSuspendCount) */
NTSTATUS KiNtSuspendThread(KPROCESS *process, const uint32_t *a)
{
    KTHREAD *thread;
    NTSTATUS status = KiReferenceThreadWithAccess(process, a[0], THREAD_SUSPEND_RESUME, &thread);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint32_t previous = thread->SuspendCount;
    if (thread->State == KiDead || thread->Terminated) {
        /* ERROR_ACCESS_DENIED to SuspendThread (Wine's kernel32 thread.c:603) */
        status = STATUS_THREAD_IS_TERMINATING;
    } else if (previous >= KI_MAXIMUM_SUSPEND_COUNT) {
        status = STATUS_SUSPEND_COUNT_EXCEEDED;
    } else {
        thread->SuspendCount++;
        if (thread == KiCurrentThread(process)) {
            EmuStop(process->Emu); /* it stops here, returning when resumed */
        }
        status = ReturnCount(process, a[1], previous);
    }
    ExDereferenceObject(&thread->Header);
    return status;
}

/* NtResumeThread(ThreadHandle, PreviousSuspendCount) */
NTSTATUS KiNtResumeThread(KPROCESS *process, const uint32_t *a)
{
    KTHREAD *thread;
    NTSTATUS status = KiReferenceThreadWithAccess(process, a[0], THREAD_SUSPEND_RESUME, &thread);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint32_t previous = thread->SuspendCount;
    if (previous) {
        thread->SuspendCount--;
    }
    ExDereferenceObject(&thread->Header);
    return ReturnCount(process, a[1], previous);
}

/* A thread's registers wherever they are: on the CPU (the caller's, at its
 * system call), saved, or where it will start. */
static void GetThreadRegisters(KTHREAD *thread, EMU_REGISTERS *regs, EMU_SEGMENTS *segments)
{
    static const EMU_SEGMENTS user = {EMU_SEL_USER_DATA, EMU_SEL_USER_DATA, EMU_SEL_TEB, 0};
    *segments = user;
    if (thread == thread->Process->System->CurrentThread) {
        EmuGetRegisters(thread->Process->Emu, regs);
        EmuGetSegments(thread->Process->Emu, segments);
    } else if (thread->Started) {
        EmuGetThreadStateRegisters(thread->Context, regs);
    } else {
        *regs = thread->Initial;
    }
}

/* What NtGetContextThread and NtSetContextThread begin with: the thread
 * ThreadHandle (a[0]) names, referenced if the handle grants access, and
 * the CONTEXT at a[1], captured.
 * A thread that has ended has no context to give or take. On failure
 * nothing stays referenced. */
static NTSTATUS ReferenceContextThread(KPROCESS *process, const uint32_t *a, uint32_t access,
                                       KTHREAD **thread, CONTEXT32 *context)
{
    NTSTATUS status = KiReferenceThreadWithAccess(process, a[0], access, thread);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    status = MmCopyFromUser(process->Mm, context, a[1], sizeof *context);
    if (status == STATUS_SUCCESS && ((*thread)->State == KiDead || !(*thread)->Context)) {
        status = STATUS_THREAD_IS_TERMINATING;
    }
    if (status != STATUS_SUCCESS) {
        ExDereferenceObject(&(*thread)->Header);
    }
    return status;
}

/* NtGetContextThread(ThreadHandle, Context): the parts ContextFlags asks for. */
NTSTATUS KiNtGetContextThread(KPROCESS *process, const uint32_t *a)
{
    KTHREAD *thread;
    CONTEXT32 user;
    NTSTATUS status = ReferenceContextThread(process, a, THREAD_GET_CONTEXT, &thread, &user);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    EMU_REGISTERS regs;
    EMU_SEGMENTS segments;
    GetThreadRegisters(thread, &regs, &segments);
    CONTEXT32 full;
    KiRegistersToContext(&regs, &segments, &full);
    uint32_t flags = user.ContextFlags;
    if ((flags & CONTEXT_INTEGER) == CONTEXT_INTEGER) {
        user.Eax = full.Eax, user.Ebx = full.Ebx, user.Ecx = full.Ecx;
        user.Edx = full.Edx, user.Esi = full.Esi, user.Edi = full.Edi;
    }
    if ((flags & CONTEXT_CONTROL) == CONTEXT_CONTROL) {
        user.Ebp = full.Ebp, user.Eip = full.Eip, user.SegCs = full.SegCs;
        user.EFlags = full.EFlags, user.Esp = full.Esp, user.SegSs = full.SegSs;
    }
    if ((flags & CONTEXT_SEGMENTS) == CONTEXT_SEGMENTS) {
        user.SegDs = full.SegDs, user.SegEs = full.SegEs;
        user.SegFs = full.SegFs, user.SegGs = full.SegGs;
    }
    if ((flags & CONTEXT_DEBUG_REGISTERS) == CONTEXT_DEBUG_REGISTERS) {
        KiDebugRegistersToContext(thread, &user);
    }
    if ((flags & CONTEXT_FLOATING_POINT) == CONTEXT_FLOATING_POINT) {
        KiFloatingToContext(thread, &user);
    }
    status = MmCopyToUser(process->Mm, a[1], &user, sizeof user);
    ExDereferenceObject(&thread->Header);
    return status;
}

/* NtSetContextThread(ThreadHandle, Context) */
NTSTATUS KiNtSetContextThread(KPROCESS *process, const uint32_t *a)
{
    KTHREAD *thread;
    CONTEXT32 context;
    NTSTATUS status = ReferenceContextThread(process, a, THREAD_SET_CONTEXT, &thread, &context);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    EMU_REGISTERS regs;
    EMU_SEGMENTS segments;
    GetThreadRegisters(thread, &regs, &segments);
    KiContextToRegisters(&context, &regs);
    KiContextToDebugRegisters(thread, &context);
    if (thread == KiCurrentThread(process)) {
        if ((context.ContextFlags & CONTEXT_INTEGER) != CONTEXT_INTEGER) {
            regs.Eax = STATUS_SUCCESS; /* the service's own result, as any call's */
        }
        EmuSetRegisters(process->Emu, &regs);
        KiContextToSegments(process, &context);
        process->RegistersReplaced = true;
    } else if (thread->Started) {
        EmuSetThreadStateRegisters(thread->Context, &regs);
    } else {
        thread->Initial = regs;
    }
    ExDereferenceObject(&thread->Header);
    return status;
}

#define ThreadBasicInformation 0u
#define ThreadTimes 1u
#define ThreadDescriptorTableEntry 6u
#define ThreadAmILastThread 12u

/* ThreadDescriptorTableEntry: DESCRIPTOR_TABLE_ENTRY {Selector, LDT_ENTRY}
 * in and out; the GDT descriptor the thread's selector loads (fs:'s is its
 * own TEB). No process has an LDT (STATUS_NO_LDT, ERROR_INVALID_THREAD_ID)
 * and a selector past the GDT is STATUS_ACCESS_VIOLATION (ERROR_NOACCESS),
 * as 32-bit Windows answers Wine's kernel32 thread.c
 * test_GetThreadSelectorEntry. */
static NTSTATUS QueryDescriptor(KPROCESS *process, KTHREAD *thread, const uint32_t *a)
{
    if (a[3] != 12) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    uint32_t selector;
    NTSTATUS status = MmCopyFromUser(process->Mm, &selector, a[2], sizeof selector);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint64_t descriptor;
    if (selector & 4) {
        return STATUS_NO_LDT;
    }
    if (!EmuGdtDescriptor(process->Emu, selector, thread->TebVa, &descriptor)) {
        return STATUS_ACCESS_VIOLATION;
    }
    status = MmCopyToUser(process->Mm, a[2] + 4, &descriptor, sizeof descriptor);
    if (status == STATUS_SUCCESS && a[4]) {
        uint32_t length = 12;
        status = MmCopyToUser(process->Mm, a[4], &length, sizeof length);
    }
    return status;
}

/* NtQueryInformationThread(ThreadHandle, Class, Buffer, Length, ReturnLength) */
NTSTATUS KiNtQueryInformationThread(KPROCESS *process, const uint32_t *a)
{
    KTHREAD *thread;
    NTSTATUS status = KiReferenceThreadWithAccess(process, a[0], THREAD_QUERY_LIMITED_INFORMATION, &thread);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (a[1] == ThreadTimes || a[1] == ThreadDescriptorTableEntry) {
        status = a[1] == ThreadTimes ? KiQueryThreadTimes(process, thread, a)
                                     : QueryDescriptor(process, thread, a);
        ExDereferenceObject(&thread->Header);
        return status;
    }
    /* THREAD_BASIC_INFORMATION: ExitStatus (STATUS_PENDING while it runs:
     * GetExitCodeThread's STILL_ACTIVE), TebBaseAddress, ClientId,
     * AffinityMask, Priority (the process's base, by its priority class,
     * plus the thread's, within 1..15, or 16..31 for the realtime class),
     * BasePriority (the thread's, relative to the process's). */
    int32_t process_base = KiProcessBasePriority(thread->Process);
    int32_t priority = process_base + thread->BasePriority;
    if (process_base >= 16) {
        priority = priority > 31 ? 31 : priority < 16 ? 16 : priority;
    } else {
        priority = priority > 15 ? 15 : priority < 1 ? 1 : priority;
    }
    uint32_t info[7] = {
        thread->State == KiDead ? (uint32_t)thread->ExitStatus : (uint32_t)STATUS_PENDING,
        thread->TebVa, thread->Process->UniqueProcessId, thread->UniqueThreadId, 1,
        (uint32_t)priority, (uint32_t)thread->BasePriority,
    };
    uint32_t last = thread->Process->ActiveThreads == 1;
    ExDereferenceObject(&thread->Header);
    const void *data;
    uint32_t length;
    if (a[1] == ThreadBasicInformation) {
        data = info, length = sizeof info;
    } else if (a[1] == ThreadAmILastThread) {
        data = &last, length = sizeof last;
    } else {
        return STATUS_INVALID_INFO_CLASS;
    }
    if (a[3] != length) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    status = MmCopyToUser(process->Mm, a[2], data, length);
    if (status == STATUS_SUCCESS && a[4]) {
        status = MmCopyToUser(process->Mm, a[4], &length, sizeof length);
    }
    return status;
}

/* NtQueueApcThread(ThreadHandle, ApcRoutine, Argument1, Argument2,
 * Argument3): runs ApcRoutine(Argument1..3) in the thread at its next
 * alertable wait (at once if it is in one). A thread that has ended takes
 * no APC (STATUS_UNSUCCESSFUL, ERROR_GEN_FAILURE to QueueUserAPC); a NULL
 * routine succeeds and queues nothing, so no wait ends for it (Wine's
 * kernel32 sync.c test_QueueUserAPC states both). */

/* KeInsertQueueApc for a user APC: at the end of the thread's queue; a
 * thread in an alertable wait is woken to run it (STATUS_USER_APC). */
void KiQueueUserApc(KTHREAD *thread, KI_USER_APC *apc)
{
    if (thread->ApcTail) {
        thread->ApcTail->Next = apc;
    } else {
        thread->ApcHead = apc;
    }
    thread->ApcTail = apc;
    if (thread->State == KiWaiting && thread->Alertable) {
        KiAbortWait(thread, STATUS_USER_APC);
        KiDeliverUserApc(thread, true, STATUS_USER_APC);
    }
}

NTSTATUS KiNtQueueApcThread(KPROCESS *process, const uint32_t *a)
{
    KTHREAD *thread;
    NTSTATUS status = KiReferenceThreadWithAccess(process, a[0], THREAD_SET_CONTEXT, &thread);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    KI_USER_APC *apc = NULL;
    if (thread->State == KiDead || thread->Terminated) {
        status = STATUS_UNSUCCESSFUL;
    } else if (!a[1]) {
        status = STATUS_SUCCESS;
    } else if (!(apc = calloc(1, sizeof *apc))) {
        status = STATUS_NO_MEMORY;
    } else {
        apc->Routine = a[1];
        memcpy(apc->Argument, &a[2], sizeof apc->Argument);
        KiQueueUserApc(thread, apc);
    }
    ExDereferenceObject(&thread->Header);
    return status;
}

/* NtTestAlert(): the caller's queued user APCs run now. */
NTSTATUS KiNtTestAlert(KPROCESS *process, const uint32_t *a)
{
    (void)a;
    KiDeliverUserApc(KiCurrentThread(process), true, STATUS_SUCCESS);
    return STATUS_SUCCESS;
}

/* NtYieldExecution(): the next ready thread runs. */
NTSTATUS KiNtYieldExecution(KPROCESS *process, const uint32_t *a)
{
    (void)a;
    EmuStop(process->Emu);
    return STATUS_SUCCESS;
}
