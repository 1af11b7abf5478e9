/*
 * What runtimes ask of processes and threads beyond their basic
 * information: NtOpenProcess by client id, a thread's base priority
 * (NtSetInformationThread, which also zeroes a freed TLS slot in every
 * thread: ThreadZeroTlsCell), the creation, exit, kernel and user times of a
 * thread or process (ThreadTimes, ProcessTimes: KERNEL_USER_TIMES), the
 * clock's adjustment (SystemTimeAdjustmentInformation), and NtSetSystemTime,
 * which a program without SeSystemtimePrivilege may not call. winpthreads
 * (std::thread in mingw's posix thread model) imports the kernel32 calls
 * built on these.
 *
 * Times are guest time: a thread's user time is its instructions (1 ns
 * each); services take no guest time, so kernel time is 0. Priorities are
 * kept and reported as NT keeps them; the scheduler stays round robin
 * (every ready thread gets its quantum in turn), so runs stay deterministic.
 */
#include "ke/ki.h"

#define ThreadBasePriority 3u
#define ThreadZeroTlsCell 10u
#define ThreadIdealProcessor 13u
#define KI_MAXIMUM_PROCESSORS 32u
#define KI_TLS_MINIMUM_AVAILABLE 64u   /* TlsSlots in the TEB */
#define KI_TLS_EXPANSION_SLOTS 1024u   /* TlsExpansionSlots, allocated by kernel32 */
#define SystemTimeAdjustmentInformation 28u
#define KI_BASE_PRIORITY_SATURATION 16 /* (HIGH_PRIORITY + 1) / 2: TIME_CRITICAL, and IDLE as -16 */

/* NtOpenProcess(ProcessHandle, DesiredAccess, ObjectAttributes, ClientId):
 * the live process with ClientId.UniqueProcess (or the one its
 * UniqueThread belongs to, when no process is given). */
NTSTATUS KiNtOpenProcess(KPROCESS *process, const uint32_t *a)
{
    uint32_t client[2];
    NTSTATUS status = a[3] ? MmCopyFromUser(process->Mm, client, a[3], sizeof client)
                           : STATUS_INVALID_PARAMETER_MIX;
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (client[1]) {
        for (KTHREAD *t = process->System->Threads; t; t = t->NextInSystem) {
            if (t->UniqueThreadId == client[1] && t->State != KiDead &&
                (!client[0] || client[0] == t->Process->UniqueProcessId)) {
                return KiReturnHandle(process, &t->Process->Header, a[0]);
            }
        }
        return STATUS_INVALID_CID;
    }
    for (KPROCESS *p = process->System->Processes; p; p = p->Next) {
        if (p->UniqueProcessId == client[0] && p->State != KiDead) {
            return KiReturnHandle(process, &p->Header, a[0]);
        }
    }
    return STATUS_INVALID_CID;
}

/*
 * ThreadZeroTlsCell (kernel32's TlsFree): the dynamic TLS slot Index
 * becomes NULL in every thread of the caller's process — TlsSlots[Index]
 * below 64, else TlsExpansionSlots[Index - 64] in the threads that have
 * that array. Only the thread itself may ask (ReactOS's
 * NtSetInformationThread: STATUS_INVALID_PARAMETER otherwise). A TEB or
 * an expansion array the guest has broken is skipped.
 */
static NTSTATUS ZeroTlsCell(KPROCESS *process, const uint32_t *a)
{
    if (a[3] != sizeof(uint32_t)) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    uint32_t index;
    NTSTATUS status = MmCopyFromUser(process->Mm, &index, a[2], sizeof index);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    KTHREAD *thread;
    status = KiReferenceThreadObject(process, a[0], &thread);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    bool self = thread == KiCurrentThread(process);
    ExDereferenceObject(&thread->Header);
    if (!self) {
        return STATUS_INVALID_PARAMETER;
    }
    const uint32_t zero = 0;
    for (KTHREAD *t = process->Threads; t; t = t->NextInProcess) {
        if (t->State == KiDead || !t->TebVa) {
            continue;
        }
        if (index < KI_TLS_MINIMUM_AVAILABLE) {
            MmCopyToUser(process->Mm, t->TebVa + TEB_TLS_SLOTS + 4 * index, &zero, 4);
        } else if (index < KI_TLS_MINIMUM_AVAILABLE + KI_TLS_EXPANSION_SLOTS) {
            uint32_t slots = 0;
            if (MmCopyFromUser(process->Mm, &slots, t->TebVa + TEB_TLS_EXPANSION_SLOTS, 4) ==
                    STATUS_SUCCESS && slots) {
                MmCopyToUser(process->Mm, slots + 4 * (index - KI_TLS_MINIMUM_AVAILABLE), &zero, 4);
            }
        }
    }
    return STATUS_SUCCESS;
}

/* NtSetInformationThread(ThreadHandle, Class, Buffer, Length):
 * ThreadBasePriority, a LONG from THREAD_BASE_PRIORITY_MIN (-2) to _MAX
 * (2), or ±16 (TIME_CRITICAL and IDLE, which saturate); ThreadZeroTlsCell;
 * ThreadIdealProcessor. */
/* ThreadIdealProcessor: a ULONG up to MAXIMUM_PROCESSORS (which only
 * asks); the answer, as a success status, is the previous ideal processor.
 * The machine has processor 0 alone, so every thread's stays 0 (NT keeps
 * an ideal processor the machine lacks from being set). */
static NTSTATUS SetIdealProcessor(KPROCESS *process, const uint32_t *a)
{
    if (a[3] != sizeof(uint32_t)) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    uint32_t processor;
    NTSTATUS status = MmCopyFromUser(process->Mm, &processor, a[2], sizeof processor);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (processor > KI_MAXIMUM_PROCESSORS) {
        return STATUS_INVALID_PARAMETER;
    }
    KTHREAD *thread;
    status = KiReferenceThreadWithAccess(process, a[0], THREAD_SET_INFORMATION, &thread);
    if (status == STATUS_SUCCESS) {
        ExDereferenceObject(&thread->Header);
    }
    return status; /* STATUS_SUCCESS is processor 0 */
}

NTSTATUS KiNtSetInformationThread(KPROCESS *process, const uint32_t *a)
{
    if (a[1] == ThreadZeroTlsCell) {
        return ZeroTlsCell(process, a);
    }
    if (a[1] == ThreadIdealProcessor) {
        return SetIdealProcessor(process, a);
    }
    if (a[1] != ThreadBasePriority) {
        return STATUS_INVALID_INFO_CLASS;
    }
    if (a[3] != sizeof(int32_t)) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    int32_t priority;
    NTSTATUS status = MmCopyFromUser(process->Mm, &priority, a[2], sizeof priority);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if ((priority < -2 || priority > 2) && priority != KI_BASE_PRIORITY_SATURATION &&
        priority != -KI_BASE_PRIORITY_SATURATION) {
        return STATUS_INVALID_PARAMETER;
    }
    KTHREAD *thread;
    status = KiReferenceThreadWithAccess(process, a[0], THREAD_SET_LIMITED_INFORMATION, &thread);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    thread->BasePriority = priority;
    ExDereferenceObject(&thread->Header);
    return STATUS_SUCCESS;
}

/* KERNEL_USER_TIMES: CreateTime and ExitTime as FILETIMEs (ExitTime 0
 * while it runs), KernelTime, UserTime in 100 ns. */
static NTSTATUS ReturnTimes(KPROCESS *process, const uint32_t *a, uint64_t create, uint64_t exit,
                            bool dead, uint64_t instructions)
{
    uint64_t times[4] = {
        KI_BOOT_SYSTEM_TIME + create,
        dead ? KI_BOOT_SYSTEM_TIME + exit : 0,
        0,
        instructions / 100,
    };
    return KiReturnInformation(process, a[2], a[3], times, sizeof times, a[4]);
}

/* What the thread on the CPU has run in this slice (the scheduler adds it
 * to the thread's and process's counts when the slice ends). */
static uint64_t RunningSlice(KPROCESS *process)
{
    KSYSTEM *system = process->System;
    return EmuInstructionCount(process->Emu) - system->SliceStart;
}

NTSTATUS KiQueryThreadTimes(KPROCESS *process, KTHREAD *thread, const uint32_t *a)
{
    uint64_t running = thread == KiCurrentThread(process) ? RunningSlice(process) : 0;
    return ReturnTimes(process, a, thread->CreateTime100ns, thread->ExitTime100ns,
                       thread->State == KiDead, thread->Instructions + running);
}

NTSTATUS KiQueryProcessTimes(KPROCESS *process, KPROCESS *target, const uint32_t *a)
{
    uint64_t running = target == process ? RunningSlice(process) : 0;
    return ReturnTimes(process, a, target->CreateTime100ns, target->ExitTime100ns,
                       target->State == KiDead, target->Instructions + running);
}

/* SYSTEM_QUERY_TIME_ADJUST_INFORMATION: TimeAdjustment, TimeIncrement and
 * Enable (TRUE: no adjustment, the clock keeps its own time). */
NTSTATUS KiQueryTimeAdjustment(KPROCESS *process, const uint32_t *a)
{
    uint32_t info[3] = {KI_CLOCK_TICK_100NS, KI_CLOCK_TICK_100NS, 1};
    return KiReturnInformation(process, a[1], a[2], info, sizeof info, a[3]);
}

bool KiIsTimeAdjustmentClass(uint32_t class)
{
    return class == SystemTimeAdjustmentInformation;
}

/* NtSetSystemTime(SystemTime, PreviousTime): the guest's clock is the
 * machine's and no program holds SeSystemtimePrivilege, so the answer is
 * STATUS_PRIVILEGE_NOT_HELD (after the arguments are checked, as NT does). */
NTSTATUS KiNtSetSystemTime(KPROCESS *process, const uint32_t *a)
{
    uint64_t requested;
    if (a[0]) {
        NTSTATUS status = MmCopyFromUser(process->Mm, &requested, a[0], sizeof requested);
        if (status != STATUS_SUCCESS) {
            return status;
        }
    }
    if (a[1]) {
        uint64_t previous; /* where the old time would go: probed, not written */
        NTSTATUS status = MmCopyFromUser(process->Mm, &previous, a[1], sizeof previous);
        if (status != STATUS_SUCCESS) {
            return status;
        }
    }
    return STATUS_PRIVILEGE_NOT_HELD;
}
