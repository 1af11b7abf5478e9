/*
 * System-service dispatch (KiSystemService): EAX is the service number,
 * EDX points at the arguments on the user stack. The arguments are
 * captured through mm's probe routines, so a bad EDX is a status, not a
 * host crash. The table comes from ke/systable.h, as ntdll's stubs do.
 */
#include "ke/ki.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>


typedef NTSTATUS (*KI_SERVICE)(KPROCESS *process, const uint32_t *args);


static const struct {
    KI_SERVICE Routine;
    uint32_t ArgumentCount;
} KiServiceTable[] = {
#define SYSCALL(name, argc) {Ki##name, argc},
#include "ke/systable.h"
#undef SYSCALL
};
#define KI_SERVICE_LIMIT (sizeof KiServiceTable / sizeof KiServiceTable[0])

void KiSystemService(KPROCESS *process, EMU_REGISTERS *regs)
{
    uint32_t number = regs->Eax;
    uint32_t args[16] = {0};
    NTSTATUS status;

    process->SystemCalls++;
    /* Faults taken while the service touches user memory are logged at
     * the instruction after the program's int 2Eh. */
    MmSetServiceEip(process->Mm, regs->Eip);
    KiUpdateSharedUserData(process);
    process->RegistersReplaced = false;
    if (number >= KI_SERVICE_LIMIT) {
        status = STATUS_INVALID_SYSTEM_SERVICE;
    } else {
        status = MmCopyFromUser(process->Mm, args, regs->Edx,
                                KiServiceTable[number].ArgumentCount * sizeof(uint32_t));
        if (status == STATUS_SUCCESS) {
            status = KiServiceTable[number].Routine(process, args);
        }
    }
    if (!process->RegistersReplaced && !process->Terminated &&
        !KiCurrentThread(process)->Terminated) {
        EmuSetEax(process->Emu, (uint32_t)status);
    }
}

/* ProcessHandle arguments: NtCurrentProcess() (-1) is the caller; anything
 * else must be a handle to a process in the caller's table (access.c has
 * the forms that check the handle's rights). */
NTSTATUS KiReferenceProcessObject(KPROCESS *process, uint32_t handle, KPROCESS **out)
{
    return KiReferenceProcessObjectWithAccess(process, handle, 0, out);
}

NTSTATUS KiReferenceProcess(KPROCESS *process, uint32_t handle, MMPROCESS **out)
{
    return KiReferenceProcessWithAccess(process, handle, 0, out);
}

NTSTATUS KiNtAllocateVirtualMemory(KPROCESS *process, const uint32_t *a)
{
    MMPROCESS *target;
    NTSTATUS status = KiReferenceProcessWithAccess(process, a[0], PROCESS_VM_OPERATION, &target);
    return status ? status : NtAllocateVirtualMemory(process->Mm, target, a[1], a[2], a[3], a[4], a[5]);
}

NTSTATUS KiNtFreeVirtualMemory(KPROCESS *process, const uint32_t *a)
{
    MMPROCESS *target;
    NTSTATUS status = KiReferenceProcessWithAccess(process, a[0], PROCESS_VM_OPERATION, &target);
    return status ? status : NtFreeVirtualMemory(process->Mm, target, a[1], a[2], a[3]);
}

NTSTATUS KiNtProtectVirtualMemory(KPROCESS *process, const uint32_t *a)
{
    MMPROCESS *target;
    NTSTATUS status = KiReferenceProcessWithAccess(process, a[0], PROCESS_VM_OPERATION, &target);
    return status ? status : NtProtectVirtualMemory(process->Mm, target, a[1], a[2], a[3], a[4]);
}

NTSTATUS KiNtQueryVirtualMemory(KPROCESS *process, const uint32_t *a)
{
    MMPROCESS *target;
    NTSTATUS status = KiReferenceProcessWithAccess(process, a[0], PROCESS_QUERY_INFORMATION, &target);
    return status ? status : NtQueryVirtualMemory(process->Mm, target, a[1], a[2], a[3], a[4], a[5]);
}

NTSTATUS KiNtClose(KPROCESS *process, const uint32_t *a)
{
    return ExCloseHandle(&process->Handles, a[0]);
}

/* NtContinue(Context, TestAlert): resume at a CONTEXT (after a handler);
 * TestAlert runs the next user APC first (ntdll's KiUserApcDispatcher). */
NTSTATUS KiNtContinue(KPROCESS *process, const uint32_t *a)
{
    CONTEXT32 context;
    NTSTATUS status = MmCopyFromUser(process->Mm, &context, a[0], sizeof context);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    EMU_REGISTERS regs;
    EmuGetRegisters(process->Emu, &regs);
    KiContextToRegisters(&context, &regs);
    EmuSetRegisters(process->Emu, &regs);
    KiContextToSegments(process, &context);
    KiContextToDebugRegisters(KiCurrentThread(process), &context);
    process->RegistersReplaced = true;
    if (a[1]) {
        KiDeliverUserApc(KiCurrentThread(process), false, STATUS_SUCCESS);
    }
    return STATUS_SUCCESS;
}

/* NtRaiseException(Record, Context, FirstChance) */
NTSTATUS KiNtRaiseException(KPROCESS *process, const uint32_t *a)
{
    EXCEPTION_RECORD32 record;
    CONTEXT32 context;
    memset(&record, 0, sizeof record);
    /* The fixed part first, to learn how many parameters follow. */
    NTSTATUS status = MmCopyFromUser(process->Mm, &record, a[0], 20);
    if (status == STATUS_SUCCESS) {
        if (record.NumberParameters > EXCEPTION_MAXIMUM_PARAMETERS) {
            return STATUS_INVALID_PARAMETER;
        }
        status = MmCopyFromUser(process->Mm, &record, a[0], 20 + 4 * record.NumberParameters);
    }
    if (status == STATUS_SUCCESS) {
        status = MmCopyFromUser(process->Mm, &context, a[1], sizeof context);
    }
    if (status != STATUS_SUCCESS) {
        return status;
    }
    EMU_REGISTERS regs;
    EmuGetRegisters(process->Emu, &regs);
    KiContextToRegisters(&context, &regs);
    KiContextToSegments(process, &context);
    KiDispatchException(process, &record, &regs, a[2] != 0);
    process->RegistersReplaced = true;
    return STATUS_SUCCESS;
}

NTSTATUS KiNtTerminateProcess(KPROCESS *process, const uint32_t *a)
{
    if (a[0] == 0) {
        /* Every other thread of the caller's process (ExitProcess's first
         * step); from now on no thread can be created in it. */
        process->Exiting = true;
        KiTerminateOtherThreads(process, KiCurrentThread(process), (int32_t)a[1]);
        return STATUS_SUCCESS;
    }
    KPROCESS *target;
    NTSTATUS status = KiReferenceProcessObjectWithAccess(process, a[0], PROCESS_TERMINATE, &target);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (target->State == KiDead) {
        status = STATUS_PROCESS_IS_TERMINATING;
    } else if (target == process) {
        KiTerminateProcess(process, (int32_t)a[1]);
    } else {
        /* Another process, off the CPU: it ends at once. */
        target->Terminated = true;
        target->ExitStatus = (int32_t)a[1];
        KiEndProcess(target, false);
    }
    ExDereferenceObject(&target->Header);
    return status;
}

/* A query service's fixed-size answer: STATUS_INFO_LENGTH_MISMATCH unless
 * the caller's buffer (buffer_va, length) is exactly its size, then the
 * data, then the size at return_length_va if the caller gave one. */
NTSTATUS KiReturnInformation(KPROCESS *process, uint32_t buffer_va, uint32_t length,
                             const void *data, uint32_t size, uint32_t return_length_va)
{
    if (length != size) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    NTSTATUS status = MmCopyToUser(process->Mm, buffer_va, data, size);
    if (status == STATUS_SUCCESS && return_length_va) {
        status = MmCopyToUser(process->Mm, return_length_va, &size, sizeof size);
    }
    return status;
}

/* NtQuerySystemInformation(Class, Buffer, Length, ReturnLength) */
NTSTATUS KiNtQuerySystemInformation(KPROCESS *process, const uint32_t *a)
{
    if (KiIsTimeAdjustmentClass(a[0])) {
        return KiQueryTimeAdjustment(process, a);
    }
    if (KiIsSystemPerformanceClass(a[0])) {
        return KiQuerySystemPerformance(process, a);
    }
    if (KiIsProcessorPerformanceClass(a[0])) {
        return KiQueryProcessorPerformance(process, a);
    }
    if (KiIsProcessListClass(a[0])) {
        return KiQueryProcessList(process, a);
    }
    if (a[0] != 0) {
        return STATUS_INVALID_INFO_CLASS;
    }
    uint32_t info[11] = {
        0,                       /* Reserved */
        KI_CLOCK_TICK_100NS,     /* TimerResolution (100 ns units) */
        EMU_PAGE_SIZE,           /* PageSize */
        EmuPhysicalFrames(process->Emu), /* NumberOfPhysicalPages */
        1,                       /* LowestPhysicalPageNumber */
        EmuPhysicalFrames(process->Emu) - 1,
        0x10000,                 /* AllocationGranularity */
        0x10000,                 /* MinimumUserModeAddress */
        0x7FFEFFFF,              /* MaximumUserModeAddress */
        1,                       /* ActiveProcessorsAffinityMask */
        1,                       /* NumberOfProcessors (a CCHAR) */
    };
    return KiReturnInformation(process, a[1], a[2], info, sizeof info, a[3]);
}

/* How many free frames one idle moment zeroes. */
#define KI_IDLE_ZERO_PAGES 256

/* NtDelayExecution(Alertable, Interval): the thread waits for nothing
 * until the interval has passed in guest time (other threads run
 * meanwhile; when none can, the clock jumps). An alertable delay ends
 * early with STATUS_USER_APC when a user APC comes. Interval 0 gives the
 * CPU to the next ready thread. */
NTSTATUS KiNtDelayExecution(KPROCESS *process, const uint32_t *a)
{
    int64_t interval;
    NTSTATUS status = MmCopyFromUser(process->Mm, &interval, a[1], sizeof interval);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    /* The caller sleeps: idle time, in which NT's zero page thread runs. */
    MmZeroPageWork(process->System->Mm, KI_IDLE_ZERO_PAGES);
    KTHREAD *thread = KiCurrentThread(process);
    if (interval == 0) {
        KiExpireTimers(process->System, KiGuestTime100ns(process)); /* their APCs too */
        if (a[0] && thread->ApcHead && KiDeliverUserApc(thread, true, STATUS_USER_APC)) {
            return STATUS_USER_APC;
        }
        EmuStop(process->Emu); /* NtYieldExecution */
        return STATUS_SUCCESS;
    }
    status = KiWaitForObjects(thread, NULL, 0, false, a[0] != 0, &interval);
    return status == STATUS_PENDING ? STATUS_SUCCESS : status;
}

/* NtQueryPerformanceCounter(Counter, Frequency): nanoseconds of guest time. */
NTSTATUS KiNtQueryPerformanceCounter(KPROCESS *process, const uint32_t *a)
{
    uint64_t counter = KiGuestTime100ns(process) * 100;
    uint64_t frequency = 1000000000ull;
    NTSTATUS status = MmCopyToUser(process->Mm, a[0], &counter, sizeof counter);
    if (status == STATUS_SUCCESS && a[1]) {
        status = MmCopyToUser(process->Mm, a[1], &frequency, sizeof frequency);
    }
    return status;
}

#define DUPLICATE_CLOSE_SOURCE 1u
#define DUPLICATE_SAME_ACCESS 2u
#define DUPLICATE_SAME_ATTRIBUTES 4u
#define OBJ_INHERIT 2u

/* NtDuplicateObject(SourceProcess, SourceHandle, TargetProcess, TargetHandle,
 * DesiredAccess, HandleAttributes, Options): from the caller's table into
 * its own or another process's (TargetHandle is written in the caller's
 * memory either way, as NT does). The pseudo-handle -1 duplicates into a
 * real handle to the caller's process, -2 to the calling thread. */
NTSTATUS KiNtDuplicateObject(KPROCESS *process, const uint32_t *a)
{
    if (a[0] != NT_CURRENT_PROCESS) {
        return STATUS_INVALID_HANDLE; /* only from the caller's own table */
    }
    NTSTATUS status;
    EX_OBJECT *object;
    uint32_t source_access = EX_ALL_ACCESS; /* the pseudo-handles have every right */
    if (a[1] == NT_CURRENT_PROCESS) {
        object = &process->Header;
        ExReferenceObject(object);
    } else if (a[1] == NT_CURRENT_THREAD) {
        object = &KiCurrentThread(process)->Header;
        ExReferenceObject(object);
    } else if (!(object = ExReferenceObjectByHandle(&process->Handles, a[1], ExObjectAny,
                                                    &status))) {
        return status;
    } else {
        source_access = ExGetHandleAccess(&process->Handles, a[1]);
    }
    /* DUPLICATE_SAME_ACCESS keeps the source's rights; otherwise the new
     * handle has the rights asked for, no more (narrower, or wider: there
     * is no security descriptor here to refuse them). */
    uint32_t access = (a[6] & DUPLICATE_SAME_ACCESS) ? source_access
                                                    : KiGrantedAccess(object->Type, a[4]);
    KPROCESS *target = NULL;
    status = a[2] ? KiReferenceProcessObjectWithAccess(process, a[2], PROCESS_DUP_HANDLE, &target)
                  : STATUS_SUCCESS;
    if (status == STATUS_SUCCESS && target && target->State == KiDead) {
        status = STATUS_PROCESS_IS_TERMINATING;
    }
    uint32_t handle = 0;
    if (status == STATUS_SUCCESS && target) {
        status = ExCreateHandleWithAccess(&target->Handles, object, access, &handle);
        /* The new handle: the source's attributes (DUPLICATE_SAME_ATTRIBUTES)
         * or OBJ_INHERIT as HandleAttributes says. */
        uint32_t attributes = (a[6] & DUPLICATE_SAME_ATTRIBUTES)
                                  ? ExGetHandleAttributes(&process->Handles, a[1])
                                  : ((a[5] & OBJ_INHERIT) ? EX_HANDLE_INHERIT : 0);
        if (status == STATUS_SUCCESS) {
            ExSetHandleAttributes(&target->Handles, handle, attributes);
        }
    }
    if (status == STATUS_SUCCESS && a[3]) {
        status = MmCopyToUser(process->Mm, a[3], &handle, sizeof handle);
        if (status != STATUS_SUCCESS && handle) {
            ExSetHandleAttributes(&target->Handles, handle, 0); /* a copied protection too */
            ExCloseHandle(&target->Handles, handle);
        }
    }
    if (status == STATUS_SUCCESS && (a[6] & DUPLICATE_CLOSE_SOURCE) && a[1] != NT_CURRENT_PROCESS &&
        a[1] != NT_CURRENT_THREAD) {
        ExCloseHandle(&process->Handles, a[1]);
    }
    if (target) {
        ExDereferenceObject(&target->Header);
    }
    ExDereferenceObject(object);
    return status;
}

#define ProcessIoCounters 2u
#define ProcessTimes 4u

/* NtQueryInformationProcess(Process, Class, Buffer, Length, ReturnLength):
 * ProcessBasicInformation. */
NTSTATUS KiNtQueryInformationProcess(KPROCESS *process, const uint32_t *a)
{
    if (a[1] == ProcessExecuteFlags) {
        return KiQueryExecuteOptions(process, a);
    }
    KPROCESS *target;
    NTSTATUS status = KiReferenceProcessObjectWithAccess(process, a[0],
                                                         PROCESS_QUERY_LIMITED_INFORMATION, &target);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (KiIsProcessMemoryClass(a[1])) {
        status = KiQueryProcessMemoryInformation(process, target, a);
        ExDereferenceObject(&target->Header);
        return status;
    }
    if (a[1] == ProcessIoCounters) {
        status = KiQueryIoCounters(process, target, a);
        ExDereferenceObject(&target->Header);
        return status;
    }
    if (a[1] == ProcessTimes) {
        status = KiQueryProcessTimes(process, target, a);
        ExDereferenceObject(&target->Header);
        return status;
    }
    if (a[1] == ProcessPriorityClass) {
        status = KiQueryPriorityClass(process, target, a);
        ExDereferenceObject(&target->Header);
        return status;
    }
    /* ProcessBasicInformation: ExitStatus (STATUS_PENDING while it runs:
     * GetExitCodeProcess's STILL_ACTIVE), PebBaseAddress, AffinityMask,
     * BasePriority, UniqueProcessId, InheritedFromUniqueProcessId. */
    uint32_t info[6] = {
        target->State == KiDead ? (uint32_t)target->ExitStatus : (uint32_t)STATUS_PENDING,
        target->PebVa, 1, (uint32_t)KiProcessBasePriority(target), target->UniqueProcessId,
        target->ParentProcessId,
    };
    ExDereferenceObject(&target->Header);
    if (a[1] != 0) {
        return STATUS_INVALID_INFO_CLASS;
    }
    if (a[3] != sizeof info) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    status = MmCopyToUser(process->Mm, a[2], info, sizeof info);
    if (status == STATUS_SUCCESS && a[4]) {
        uint32_t length = sizeof info;
        status = MmCopyToUser(process->Mm, a[4], &length, sizeof length);
    }
    return status;
}
