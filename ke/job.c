/*
 * Job objects: a set of processes managed as one (NT's EJOB, Windows XP's
 * rules). A process joins a job by NtAssignProcessToJobObject, or by being
 * created by a process in one (unless the job's limits say
 * JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK); it stays in it until it ends, and
 * is in one job at most (a second assignment: STATUS_ACCESS_DENIED, as
 * before Windows 8's nested jobs). A member holds a reference to its job,
 * so a job lives while its processes do; the job keeps its members in a
 * list that a process leaves when its object goes.
 *
 * Limits: JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE ends every member when the
 * job's last handle closes; SILENT_BREAKAWAY_OK and BREAKAWAY_OK are kept
 * (ntmm's CreateProcess has no CREATE_BREAKAWAY_FROM_JOB, so only the
 * silent one changes anything); DIE_ON_UNHANDLED_EXCEPTION is accepted (an
 * unhandled exception ends a process here anyway, with no dialog). The
 * other limits — working set, process and job time, active processes,
 * affinity, priority and scheduling class, memory — are not supported:
 * setting one is STATUS_NOT_SUPPORTED. A job is not waitable and sends no
 * completion-port messages. Information classes: BasicAccountingInformation
 * (process counts; times 0), BasicLimitInformation, BasicProcessIdList,
 * ExtendedLimitInformation (I/O counters and peaks 0).
 */
#include "ke/ki.h"

#include <stdlib.h>
#include <string.h>

#define JOB_OBJECT_ASSIGN_PROCESS 0x0001u
#define JOB_OBJECT_SET_ATTRIBUTES 0x0002u
#define JOB_OBJECT_QUERY          0x0004u
#define JOB_OBJECT_TERMINATE      0x0008u

#define JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION 0x0400u
#define JOB_OBJECT_LIMIT_BREAKAWAY_OK               0x0800u
#define JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK        0x1000u
#define JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE          0x2000u
#define JOB_OBJECT_LIMIT_VALID                      0x7FFFu
#define JOB_LIMITS_SUPPORTED (JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION | JOB_OBJECT_LIMIT_BREAKAWAY_OK | \
                              JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK | JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE)

#define JobObjectBasicAccountingInformation 1u
#define JobObjectBasicLimitInformation      2u
#define JobObjectBasicProcessIdList         3u
#define JobObjectExtendedLimitInformation   9u
#define BASIC_LIMIT_SIZE    48u  /* JOBOBJECT_BASIC_LIMIT_INFORMATION, x86 */
#define EXTENDED_LIMIT_SIZE 112u /* ...EXTENDED_LIMIT_INFORMATION: + IO_COUNTERS, four SIZE_Ts */
#define ACCOUNTING_SIZE     48u  /* JOBOBJECT_BASIC_ACCOUNTING_INFORMATION */
#define LIMIT_FLAGS_OFFSET  16u  /* after the two LARGE_INTEGER time limits */

typedef struct KJOB {
    EX_OBJECT Header;
    uint8_t Limits[BASIC_LIMIT_SIZE];  /* as last set: LimitFlags at 16 */
    KPROCESS **Members;                /* weak: a member leaves as its object goes */
    uint32_t MemberCount, MemberCapacity;
    uint32_t TotalProcesses;           /* ever assigned */
    uint32_t TerminatedProcesses;      /* ended by a limit: none is enforced here, so 0 */
} KJOB;

static uint32_t LimitFlags(const KJOB *job)
{
    uint32_t flags;
    memcpy(&flags, job->Limits + LIMIT_FLAGS_OFFSET, sizeof flags);
    return flags;
}

static void DeleteJob(EX_OBJECT *object)
{
    KJOB *job = (KJOB *)object;
    for (uint32_t i = 0; i < job->MemberCount; i++) {
        job->Members[i]->Job = NULL; /* cannot happen: members hold the job */
    }
    free(job->Members);
    free(job);
}

/* Ends every live member with status (the job's TerminateJobObject and
 * KILL_ON_JOB_CLOSE). The process on the CPU stops at once; the others,
 * off it, end now. */
static void TerminateMembers(KJOB *job, int32_t status)
{
    /* A member may go (and leave the list) as it ends: a snapshot, each
     * referenced. */
    uint32_t count = job->MemberCount;
    KPROCESS **members = count ? malloc(count * sizeof *members) : NULL;
    if (count && !members) {
        return;
    }
    for (uint32_t i = 0; i < count; i++) {
        members[i] = job->Members[i];
        ExReferenceObject(&members[i]->Header);
    }
    for (uint32_t i = 0; i < count; i++) {
        KPROCESS *member = members[i];
        if (member->State == KiDead || member->Terminated) {
            continue;
        }
        if (member == member->System->Current) {
            KiTerminateProcess(member, status);
        } else {
            member->Terminated = true;
            member->ExitStatus = status;
            KiEndProcess(member, false);
        }
    }
    ExReferenceObject(&job->Header); /* the members' references may be the last */
    for (uint32_t i = 0; i < count; i++) {
        ExDereferenceObject(&members[i]->Header);
    }
    free(members);
    ExDereferenceObject(&job->Header);
}

/* The last handle went: KILL_ON_JOB_CLOSE ends the members. */
static void CleanupJob(EX_OBJECT *object)
{
    KJOB *job = (KJOB *)object;
    if (LimitFlags(job) & JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE) {
        TerminateMembers(job, 0);
    }
}

static NTSTATUS AddMember(KJOB *job, KPROCESS *process)
{
    if (job->MemberCount == job->MemberCapacity) {
        uint32_t capacity = job->MemberCapacity ? job->MemberCapacity * 2 : 8;
        KPROCESS **members = realloc(job->Members, capacity * sizeof *members);
        if (!members) {
            return STATUS_NO_MEMORY;
        }
        job->Members = members;
        job->MemberCapacity = capacity;
    }
    job->Members[job->MemberCount++] = process;
    job->TotalProcesses++;
    process->Job = job;
    ExReferenceObject(&job->Header);
    return STATUS_SUCCESS;
}

void KiJobProcessCreated(KPROCESS *parent, KPROCESS *child)
{
    KJOB *job = parent->Job;
    if (job && !(LimitFlags(job) & JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK)) {
        AddMember(job, child); /* no memory: the child is outside, as if it broke away */
    }
}

void KiJobProcessDeleted(KPROCESS *process)
{
    KJOB *job = process->Job;
    if (!job) {
        return;
    }
    for (uint32_t i = 0; i < job->MemberCount; i++) {
        if (job->Members[i] == process) {
            job->Members[i] = job->Members[--job->MemberCount];
            break;
        }
    }
    process->Job = NULL;
    ExDereferenceObject(&job->Header);
}

static NTSTATUS ReferenceJob(KPROCESS *process, uint32_t handle, uint32_t access, KJOB **job)
{
    NTSTATUS status;
    *job = (KJOB *)ExReferenceObjectByHandleWithAccess(&process->Handles, handle, ExObjectJob, access, &status);
    return *job ? STATUS_SUCCESS : status;
}

/* NtCreateJobObject(JobHandle, DesiredAccess, ObjectAttributes) */
NTSTATUS KiNtCreateJobObject(KPROCESS *process, const uint32_t *a)
{
    KJOB *job = calloc(1, sizeof *job);
    if (!job) {
        return STATUS_NO_MEMORY;
    }
    job->Header.Type = ExObjectJob;
    job->Header.References = 1;
    job->Header.Close = DeleteJob;
    job->Header.Cleanup = CleanupJob;
    return KiCreateNamedObject(process, a[0], a[2], &job->Header);
}

/* NtOpenJobObject(JobHandle, DesiredAccess, ObjectAttributes) */
NTSTATUS KiNtOpenJobObject(KPROCESS *process, const uint32_t *a)
{
    return KiOpenNamedObject(process, a, ExObjectJob);
}

/* NtAssignProcessToJobObject(Job, Process) */
NTSTATUS KiNtAssignProcessToJobObject(KPROCESS *process, const uint32_t *a)
{
    KJOB *job;
    NTSTATUS status = ReferenceJob(process, a[0], JOB_OBJECT_ASSIGN_PROCESS, &job);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    KPROCESS *target;
    status = KiReferenceProcessObjectWithAccess(process, a[1], PROCESS_SET_QUOTA | PROCESS_TERMINATE, &target);
    if (status == STATUS_SUCCESS) {
        if (target->State == KiDead || target->Terminated) {
            status = STATUS_PROCESS_IS_TERMINATING;
        } else if (target->Job) {
            status = STATUS_ACCESS_DENIED;
        } else {
            status = AddMember(job, target);
        }
        ExDereferenceObject(&target->Header);
    }
    ExDereferenceObject(&job->Header);
    return status;
}

/* NtTerminateJobObject(Job, ExitStatus) */
NTSTATUS KiNtTerminateJobObject(KPROCESS *process, const uint32_t *a)
{
    KJOB *job;
    NTSTATUS status = ReferenceJob(process, a[0], JOB_OBJECT_TERMINATE, &job);
    if (status == STATUS_SUCCESS) {
        TerminateMembers(job, (int32_t)a[1]);
        ExDereferenceObject(&job->Header);
    }
    return status;
}

/* NtIsProcessInJob(Process, Job): STATUS_PROCESS_IN_JOB or
 * STATUS_PROCESS_NOT_IN_JOB; Job NULL asks about any job. */
NTSTATUS KiNtIsProcessInJob(KPROCESS *process, const uint32_t *a)
{
    KPROCESS *target;
    NTSTATUS status = KiReferenceProcessObjectWithAccess(process, a[0], PROCESS_QUERY_LIMITED_INFORMATION, &target);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    KJOB *job = NULL;
    if (a[1]) {
        status = ReferenceJob(process, a[1], JOB_OBJECT_QUERY, &job);
    }
    if (status == STATUS_SUCCESS) {
        bool in = job ? target->Job == job : target->Job != NULL;
        status = in ? STATUS_PROCESS_IN_JOB : STATUS_PROCESS_NOT_IN_JOB;
    }
    if (job) {
        ExDereferenceObject(&job->Header);
    }
    ExDereferenceObject(&target->Header);
    return status;
}

/* NtQueryInformationJobObject(Job, Class, Buffer, Length, ReturnLength) */
NTSTATUS KiNtQueryInformationJobObject(KPROCESS *process, const uint32_t *a)
{
    KJOB *job;
    NTSTATUS status = ReferenceJob(process, a[0], JOB_OBJECT_QUERY, &job);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint32_t live = 0;
    for (uint32_t i = 0; i < job->MemberCount; i++) {
        live += job->Members[i]->State != KiDead;
    }
    uint8_t info[EXTENDED_LIMIT_SIZE];
    memset(info, 0, sizeof info);
    uint32_t size = 0;
    switch (a[1]) {
    case JobObjectBasicAccountingInformation: {
        uint32_t counts[3] = {job->TotalProcesses, live, job->TerminatedProcesses};
        memcpy(info + 36, counts, sizeof counts); /* after four times and the page faults */
        size = ACCOUNTING_SIZE;
        break;
    }
    case JobObjectBasicLimitInformation:
        memcpy(info, job->Limits, BASIC_LIMIT_SIZE);
        size = BASIC_LIMIT_SIZE;
        break;
    case JobObjectExtendedLimitInformation:
        memcpy(info, job->Limits, BASIC_LIMIT_SIZE);
        size = EXTENDED_LIMIT_SIZE;
        break;
    case JobObjectBasicProcessIdList: {
        /* NumberOfAssignedProcesses, NumberOfProcessIdsInList, then the ids. */
        uint32_t room = a[3] < 8 ? 0 : (a[3] - 8) / 4;
        uint32_t header[2] = {live, 0};
        status = a[3] < 8 ? STATUS_INFO_LENGTH_MISMATCH : STATUS_SUCCESS;
        for (uint32_t i = 0; i < job->MemberCount && status == STATUS_SUCCESS; i++) {
            if (job->Members[i]->State == KiDead) {
                continue;
            }
            if (header[1] == room) {
                status = STATUS_BUFFER_OVERFLOW;
                break;
            }
            status = MmCopyToUser(process->Mm, a[2] + 8 + 4 * header[1], &job->Members[i]->UniqueProcessId, 4);
            header[1]++;
        }
        if (status == STATUS_SUCCESS || status == STATUS_BUFFER_OVERFLOW) {
            NTSTATUS copied = MmCopyToUser(process->Mm, a[2], header, sizeof header);
            status = copied != STATUS_SUCCESS ? copied : status;
        }
        if ((status == STATUS_SUCCESS || status == STATUS_BUFFER_OVERFLOW) && a[4]) {
            uint32_t length = 8 + 4 * header[1];
            NTSTATUS copied = MmCopyToUser(process->Mm, a[4], &length, sizeof length);
            status = copied != STATUS_SUCCESS ? copied : status;
        }
        ExDereferenceObject(&job->Header);
        return status;
    }
    default:
        ExDereferenceObject(&job->Header);
        return STATUS_INVALID_INFO_CLASS;
    }
    ExDereferenceObject(&job->Header);
    return KiReturnInformation(process, a[2], a[3], info, size, a[4]);
}

/* NtSetInformationJobObject(Job, Class, Buffer, Length) */
NTSTATUS KiNtSetInformationJobObject(KPROCESS *process, const uint32_t *a)
{
    uint32_t size = a[1] == JobObjectBasicLimitInformation      ? BASIC_LIMIT_SIZE
                    : a[1] == JobObjectExtendedLimitInformation ? EXTENDED_LIMIT_SIZE
                                                                : 0;
    if (!size) {
        return STATUS_INVALID_INFO_CLASS;
    }
    if (a[3] != size) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    uint8_t info[EXTENDED_LIMIT_SIZE];
    NTSTATUS status = MmCopyFromUser(process->Mm, info, a[2], size);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint32_t flags;
    memcpy(&flags, info + LIMIT_FLAGS_OFFSET, sizeof flags);
    if (flags & ~JOB_OBJECT_LIMIT_VALID) {
        return STATUS_INVALID_PARAMETER;
    }
    if (flags & ~JOB_LIMITS_SUPPORTED) {
        return STATUS_NOT_SUPPORTED;
    }
    KJOB *job;
    status = ReferenceJob(process, a[0], JOB_OBJECT_SET_ATTRIBUTES, &job);
    if (status == STATUS_SUCCESS) {
        memcpy(job->Limits, info, BASIC_LIMIT_SIZE);
        ExDereferenceObject(&job->Header);
    }
    return status;
}
