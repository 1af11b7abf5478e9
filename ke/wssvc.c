/*
 * The services a program uses to look at and steer its own memory's use:
 * write watch (mm/wrtwatch.c does the work), the VM counters and the
 * working-set limits (mm/wsquery.c). Arguments are the NT ones.
 */
#include "ke/ki.h"

#include <string.h>

/* NtGetWriteWatch(Process, Flags, Base, Size, Array, &Count, &Granularity) */
NTSTATUS KiNtGetWriteWatch(KPROCESS *process, const uint32_t *a)
{
    MMPROCESS *target;
    NTSTATUS status = KiReferenceProcessWithAccess(process, a[0], PROCESS_VM_OPERATION, &target);
    return status ? status : NtGetWriteWatch(process->Mm, target, a[1], a[2], a[3], a[4], a[5], a[6]);
}

/* NtResetWriteWatch(Process, Base, Size) */
NTSTATUS KiNtResetWriteWatch(KPROCESS *process, const uint32_t *a)
{
    MMPROCESS *target;
    NTSTATUS status = KiReferenceProcessWithAccess(process, a[0], PROCESS_VM_OPERATION, &target);
    return status ? status : NtResetWriteWatch(target, a[1], a[2]);
}

/* ------------------------------------------------- process information */

#define ProcessQuotaLimits 1
#define ProcessVmCounters 3
#define QUOTA_LIMITS_SIZE 32     /* x86: five SIZE_Ts, then an 8-aligned LARGE_INTEGER */
#define QUOTA_LIMITS_EX_SIZE 56  /* ...then WorkingSetLimit, 3 reserved, Flags, CpuRateLimit */
#define VM_COUNTERS_SIZE 44
#define VM_COUNTERS_EX_SIZE 48   /* ...and PrivateUsage */

bool KiIsProcessMemoryClass(uint32_t class)
{
    return class == ProcessQuotaLimits || class == ProcessVmCounters;
}

/* NtQueryInformationProcess's ProcessVmCounters and ProcessQuotaLimits. */
NTSTATUS KiQueryProcessMemoryInformation(KPROCESS *process, KPROCESS *target, const uint32_t *a)
{
    uint32_t class = a[1], buffer = a[2], length = a[3], return_length = a[4];
    uint32_t data[QUOTA_LIMITS_EX_SIZE / 4] = {0};
    if (class == ProcessVmCounters) {
        if (length != VM_COUNTERS_SIZE && length != VM_COUNTERS_EX_SIZE) {
            return STATUS_INFO_LENGTH_MISMATCH;
        }
        MM_VM_COUNTERS counters = {0};
        if (target->Mm) {
            MmQueryVmCounters(target->Mm, &counters);
        }
        counters.PageFaultCount = (uint32_t)target->PageFaults;
        memcpy(data, &counters, sizeof counters);
    } else {
        if (length != QUOTA_LIMITS_SIZE && length != QUOTA_LIMITS_EX_SIZE) {
            return STATUS_INFO_LENGTH_MISMATCH;
        }
        uint32_t minimum = 0, maximum = 0, flags = 0;
        if (target->Mm) {
            MmGetWorkingSetLimits(target->Mm, &minimum, &maximum);
            flags = MmGetWorkingSetFlags(target->Mm);
        }
        /* No pool or pagefile quota is enforced: the limits are "none". */
        data[0] = data[1] = 0xFFFFFFFFu;
        data[2] = minimum * 4096u;
        data[3] = maximum * 4096u;
        data[4] = 0xFFFFFFFFu;
        data[6] = data[7] = 0xFFFFFFFFu; /* TimeLimit */
        data[12] = flags;
    }
    NTSTATUS status = MmCopyToUser(process->Mm, buffer, data, length);
    if (status == STATUS_SUCCESS && return_length) {
        status = MmCopyToUser(process->Mm, return_length, &length, sizeof length);
    }
    return status;
}

/* NtSetInformationProcess(Process, Class, Buffer, Length): ProcessQuotaLimits
 * sets the working-set limits; (SIZE_T)-1 for both empties the working set.
 * ProcessExecuteFlags is DEP's (execopt.c), ProcessPriorityClass the
 * priority class's (prioclass.c). */
NTSTATUS KiNtSetInformationProcess(KPROCESS *process, const uint32_t *a)
{
    if (a[1] == ProcessExecuteFlags) {
        return KiSetExecuteOptions(process, a);
    }
    if (a[1] == ProcessPriorityClass) {
        return KiSetPriorityClass(process, a);
    }
    if (a[1] != ProcessQuotaLimits) {
        return STATUS_INVALID_INFO_CLASS;
    }
    if (a[3] != QUOTA_LIMITS_SIZE && a[3] != QUOTA_LIMITS_EX_SIZE) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    uint32_t data[QUOTA_LIMITS_EX_SIZE / 4] = {0};
    NTSTATUS status = MmCopyFromUser(process->Mm, data, a[2], a[3]);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    MMPROCESS *target;
    status = KiReferenceProcessWithAccess(process, a[0], PROCESS_SET_QUOTA, &target);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    return MmAdjustWorkingSetSize(target, data[2], data[3], a[3] == QUOTA_LIMITS_EX_SIZE ? data[12] : 0);
}

/* NtLockVirtualMemory / NtUnlockVirtualMemory(Process, &Base, &Size, MapType) */
NTSTATUS KiNtLockVirtualMemory(KPROCESS *process, const uint32_t *a)
{
    MMPROCESS *target;
    NTSTATUS status = KiReferenceProcessWithAccess(process, a[0], PROCESS_VM_OPERATION, &target);
    return status ? status : NtLockVirtualMemory(process->Mm, target, a[1], a[2], a[3]);
}

NTSTATUS KiNtUnlockVirtualMemory(KPROCESS *process, const uint32_t *a)
{
    MMPROCESS *target;
    NTSTATUS status = KiReferenceProcessWithAccess(process, a[0], PROCESS_VM_OPERATION, &target);
    return status ? status : NtUnlockVirtualMemory(process->Mm, target, a[1], a[2], a[3]);
}
