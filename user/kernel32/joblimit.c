/*
 * Job objects (ke/job.c): CreateJobObject, OpenJobObject,
 * AssignProcessToJobObject, TerminateJobObject, IsProcessInJob and the
 * information calls, as thin as Windows' own over the Nt services.
 * Supported limits: JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE, _SILENT_BREAKAWAY_OK,
 * _BREAKAWAY_OK, _DIE_ON_UNHANDLED_EXCEPTION; any other is refused with
 * ERROR_NOT_SUPPORTED.
 */
#include "kernel32/kernel32.h"

#define JOB_OBJECT_ALL_ACCESS 0x001F001Fu
#define STATUS_OBJECT_NAME_EXISTS_ ((NTSTATUS)0x40000000L)
#define STATUS_PROCESS_IN_JOB ((NTSTATUS)0x00000124L)
#define ERROR_ALREADY_EXISTS 183

HANDLE WINAPI CreateJobObjectW(void *security, const WCHAR *name)
{
    (void)security;
    WCHAR path[300];
    UNICODE_STRING string;
    OBJECT_ATTRIBUTES oa;
    BaseFormatObjectAttributes(name, path, 300, &string, &oa, OBJ_OPENIF);
    HANDLE job = NULL;
    NTSTATUS status = NtCreateJobObject(&job, JOB_OBJECT_ALL_ACCESS, &oa);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return NULL;
    }
    SetLastError(status == STATUS_OBJECT_NAME_EXISTS_ ? ERROR_ALREADY_EXISTS : 0);
    return job;
}

HANDLE WINAPI CreateJobObjectA(void *security, const char *name)
{
    WCHAR wide[260];
    return CreateJobObjectW(security, BaseWidenName(name, wide, 260));
}

HANDLE WINAPI OpenJobObjectW(DWORD access, BOOL inherit, const WCHAR *name)
{
    WCHAR path[300];
    UNICODE_STRING string;
    OBJECT_ATTRIBUTES oa;
    BaseFormatObjectAttributes(name, path, 300, &string, &oa, inherit ? OBJ_INHERIT : 0);
    HANDLE job = NULL;
    NTSTATUS status = NtOpenJobObject(&job, access, &oa);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return NULL;
    }
    return job;
}

HANDLE WINAPI OpenJobObjectA(DWORD access, BOOL inherit, const char *name)
{
    WCHAR wide[260];
    return OpenJobObjectW(access, inherit, BaseWidenName(name, wide, 260));
}

static BOOL Succeeded(NTSTATUS status)
{
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI AssignProcessToJobObject(HANDLE job, HANDLE process)
{
    return Succeeded(NtAssignProcessToJobObject(job, process));
}

BOOL WINAPI TerminateJobObject(HANDLE job, UINT exit_code)
{
    return Succeeded(NtTerminateJobObject(job, (NTSTATUS)exit_code));
}

BOOL WINAPI IsProcessInJob(HANDLE process, HANDLE job, BOOL *result)
{
    NTSTATUS status = NtIsProcessInJob(process, job);
    if (!Succeeded(status)) {
        return FALSE;
    }
    *result = status == STATUS_PROCESS_IN_JOB;
    return TRUE;
}

BOOL WINAPI QueryInformationJobObject(HANDLE job, int information_class, PVOID information, DWORD length,
                                      DWORD *returned)
{
    ULONG n = 0;
    NTSTATUS status = NtQueryInformationJobObject(job, (ULONG)information_class, information, length, &n);
    if (returned) {
        *returned = n;
    }
    return Succeeded(status);
}

BOOL WINAPI SetInformationJobObject(HANDLE job, int information_class, PVOID information, DWORD length)
{
    return Succeeded(NtSetInformationJobObject(job, (ULONG)information_class, information, length));
}
