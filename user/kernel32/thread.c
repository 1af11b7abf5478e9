/*
 * Threads: CreateThread and CreateRemoteThread (NtCreateThreadEx; the new
 * thread starts in ntdll's RtlUserThreadStart, which tells the DLLs
 * DLL_THREAD_ATTACH), their end and exit codes, suspension, contexts,
 * ids, Sleep and user APCs.
 */
#include "kernel32/kernel32.h"

#define CREATE_SUSPENDED 0x4u
#define STACK_SIZE_PARAM_IS_A_RESERVATION 0x10000u
#define THREAD_ALL_ACCESS 0x1F03FFu
#define PS_ATTRIBUTE_CLIENT_ID 0x10003u
#define STILL_ACTIVE 259u

typedef struct PS_ATTRIBUTE_LIST {
    SIZE_T TotalLength;
    struct {
        ULONG Attribute;
        SIZE_T Size;
        PVOID Value;
        SIZE_T *ReturnLength;
    } Attributes[1];
} PS_ATTRIBUTE_LIST;

HANDLE WINAPI CreateRemoteThread(HANDLE process, void *security, SIZE_T stack,
                                 THREAD_START start, PVOID parameter, DWORD flags, DWORD *id)
{
    (void)security;
    ULONG client[2] = {0, 0};
    PS_ATTRIBUTE_LIST list = {sizeof list, {{PS_ATTRIBUTE_CLIENT_ID, sizeof client, client, NULL}}};
    HANDLE thread = NULL;
    SIZE_T reserve = flags & STACK_SIZE_PARAM_IS_A_RESERVATION ? stack : 0;
    NTSTATUS status = NtCreateThreadEx(&thread, THREAD_ALL_ACCESS, NULL, process, (PVOID)start,
                                       parameter, flags & CREATE_SUSPENDED ? 1 : 0, 0,
                                       reserve ? 0 : stack, reserve, &list);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return NULL;
    }
    if (id) {
        *id = client[1];
    }
    return thread;
}

HANDLE WINAPI CreateThread(void *security, SIZE_T stack, THREAD_START start, PVOID parameter,
                           DWORD flags, DWORD *id)
{
    return CreateRemoteThread(NtCurrentProcess(), security, stack, start, parameter, flags, id);
}

void WINAPI ExitThread(DWORD code)
{
    RtlExitUserThread((NTSTATUS)code);
}

static BOOL Succeeded(NTSTATUS status)
{
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI TerminateThread(HANDLE thread, DWORD code)
{
    if (!thread) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return Succeeded(NtTerminateThread(thread, (NTSTATUS)code));
}

/* ThreadBasicInformation: ExitStatus, Teb, ClientId, Affinity, Priority, BasePriority. */
static BOOL BasicInformation(HANDLE thread, ULONG info[7])
{
    return Succeeded(NtQueryInformationThread(thread, 0, info, 7 * sizeof(ULONG), NULL));
}

BOOL WINAPI GetExitCodeThread(HANDLE thread, DWORD *code)
{
    ULONG info[7];
    if (!BasicInformation(thread, info)) {
        return FALSE;
    }
    *code = info[0]; /* STATUS_PENDING is STILL_ACTIVE (259) */
    return TRUE;
}

DWORD WINAPI GetThreadId(HANDLE thread)
{
    ULONG info[7];
    return BasicInformation(thread, info) ? info[3] : 0;
}

DWORD WINAPI GetProcessIdOfThread(HANDLE thread)
{
    ULONG info[7];
    return BasicInformation(thread, info) ? info[2] : 0;
}

HANDLE WINAPI OpenThread(DWORD access, BOOL inherit, DWORD id)
{
    OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, NULL, inherit ? OBJ_INHERIT : 0, NULL, NULL};
    ULONG client[2] = {0, id};
    HANDLE thread = NULL;
    NTSTATUS status = NtOpenThread(&thread, access, &oa, client);
    return Succeeded(status) ? thread : NULL;
}

DWORD WINAPI SuspendThread(HANDLE thread)
{
    ULONG previous = 0;
    return Succeeded(NtSuspendThread(thread, &previous)) ? previous : 0xFFFFFFFFu;
}

DWORD WINAPI ResumeThread(HANDLE thread)
{
    ULONG previous = 0;
    return Succeeded(NtResumeThread(thread, &previous)) ? previous : 0xFFFFFFFFu;
}

BOOL WINAPI GetThreadContext(HANDLE thread, CONTEXT *context)
{
    return Succeeded(NtGetContextThread(thread, context));
}

BOOL WINAPI SetThreadContext(HANDLE thread, const CONTEXT *context)
{
    return Succeeded(NtSetContextThread(thread, (CONTEXT *)context));
}

BOOL WINAPI SwitchToThread(void)
{
    NtYieldExecution();
    return TRUE;
}

/* Sleep and SleepEx: NtDelayExecution; INFINITE never returns (unless a
 * user APC ends an alertable one: WAIT_IO_COMPLETION). */
DWORD WINAPI SleepEx(DWORD milliseconds, BOOL alertable)
{
    LARGE_INTEGER interval;
    interval.QuadPart = milliseconds == 0xFFFFFFFFu ? (LONGLONG)0x8000000000000000ull
                                                    : -(LONGLONG)milliseconds * 10000;
    return NtDelayExecution((BOOLEAN)alertable, &interval) == STATUS_USER_APC ? 0xC0 : 0;
}

void WINAPI Sleep(DWORD milliseconds)
{
    SleepEx(milliseconds, FALSE);
}

/* QueueUserAPC: the routine takes one argument; ntdll's
 * KiUserApcDispatcher calls it as NT's three-argument APC routine (the
 * stack is restored from the context afterwards). */
DWORD WINAPI QueueUserAPC(PVOID routine, HANDLE thread, ULONG_PTR data)
{
    return Succeeded(NtQueueApcThread(thread, routine, data, 0, 0));
}
