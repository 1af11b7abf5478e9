/*
 * A process's priority class: ProcessPriorityClass (class 18 of
 * NtQueryInformationProcess and NtSetInformationProcess), which kernel32's
 * GetPriorityClass and SetPriorityClass use. PROCESS_PRIORITY_CLASS is a
 * BOOLEAN Foreground then the class (1 idle, 2 normal, 3 high, 4
 * realtime, 5 below normal, 6 above normal); every process starts normal.
 * The class sets the process's base priority (4, 8, 13, 24, 6, 10) that
 * ProcessBasicInformation and the threads' priorities report. ntmm's
 * scheduler runs ready threads in turn whatever their priority, so the
 * class changes what is reported, not who runs first.
 */
#include "ke/ki.h"

#define PROCESS_PRIORITY_CLASS_NORMAL 2u
#define PROCESS_PRIORITY_CLASS_LAST 6u

uint32_t KiProcessPriorityClass(const KPROCESS *process)
{
    return process->PriorityClass ? process->PriorityClass : PROCESS_PRIORITY_CLASS_NORMAL;
}

int32_t KiProcessBasePriority(const KPROCESS *process)
{
    static const int32_t base[] = {8, 4, 8, 13, 24, 6, 10};
    return base[KiProcessPriorityClass(process)];
}

/* NtQueryInformationProcess(Process, ProcessPriorityClass, ...) */
NTSTATUS KiQueryPriorityClass(KPROCESS *process, KPROCESS *target, const uint32_t *a)
{
    uint8_t info[2] = {0, (uint8_t)KiProcessPriorityClass(target)};
    if (a[3] != sizeof info) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    NTSTATUS status = MmCopyToUser(process->Mm, a[2], info, sizeof info);
    if (status == STATUS_SUCCESS && a[4]) {
        uint32_t length = sizeof info;
        status = MmCopyToUser(process->Mm, a[4], &length, sizeof length);
    }
    return status;
}

/* NtSetInformationProcess(Process, ProcessPriorityClass, ...) */
NTSTATUS KiSetPriorityClass(KPROCESS *process, const uint32_t *a)
{
    uint8_t info[2];
    if (a[3] != sizeof info) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    NTSTATUS status = MmCopyFromUser(process->Mm, info, a[2], sizeof info);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (info[1] == 0 || info[1] > PROCESS_PRIORITY_CLASS_LAST) {
        return STATUS_INVALID_PARAMETER;
    }
    KPROCESS *target;
    status = KiReferenceProcessObjectWithAccess(process, a[0], PROCESS_SET_INFORMATION, &target);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    target->PriorityClass = info[1];
    ExDereferenceObject(&target->Header);
    return STATUS_SUCCESS;
}
