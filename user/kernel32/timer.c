/*
 * Waitable timers: the kernel's timer objects (ke/timer.c) under their
 * kernel32 names, by name in \BaseNamedObjects or unnamed. A manual-reset
 * timer is NT's notification timer, the other kind its synchronization
 * timer; the completion routine is NtSetTimer's APC routine as it is
 * (PTIMERAPCROUTINE has the APC's three arguments).
 */
#include "kernel32/kernel32.h"

#define ERROR_ALREADY_EXISTS 183
#define ERROR_NOT_SUPPORTED 50
#define TIMER_ALL_ACCESS 0x1F0003u
#define CREATE_WAITABLE_TIMER_MANUAL_RESET 0x1u
#define CREATE_WAITABLE_TIMER_HIGH_RESOLUTION 0x2u
#define NotificationTimer 0u
#define SynchronizationTimer 1u
#define STATUS_TIMER_RESUME_IGNORED ((NTSTATUS)0x40000025L)

#define NAMED(name, flags)                                                     \
    WCHAR path_[300];                                                          \
    UNICODE_STRING string_;                                                    \
    OBJECT_ATTRIBUTES oa_;                                                     \
    BaseFormatObjectAttributes(name, path_, 300, &string_, &oa_, flags)

HANDLE WINAPI CreateWaitableTimerExW(void *security, const WCHAR *name, DWORD flags, DWORD access)
{
    (void)security;
    if (flags & ~(CREATE_WAITABLE_TIMER_MANUAL_RESET | CREATE_WAITABLE_TIMER_HIGH_RESOLUTION)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    NAMED(name, OBJ_OPENIF);
    HANDLE timer = NULL;
    NTSTATUS status = NtCreateTimer(&timer, access ? access : TIMER_ALL_ACCESS, &oa_,
                                    flags & CREATE_WAITABLE_TIMER_MANUAL_RESET ? NotificationTimer
                                                                               : SynchronizationTimer);
    if (status == STATUS_OBJECT_NAME_EXISTS) {
        SetLastError(ERROR_ALREADY_EXISTS);
        return timer;
    }
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return NULL;
    }
    SetLastError(0);
    return timer;
}

HANDLE WINAPI CreateWaitableTimerExA(void *security, const char *name, DWORD flags, DWORD access)
{
    WCHAR wide[260];
    return CreateWaitableTimerExW(security, BaseWidenName(name, wide, 260), flags, access);
}

HANDLE WINAPI CreateWaitableTimerW(void *security, BOOL manual_reset, const WCHAR *name)
{
    return CreateWaitableTimerExW(security, name,
                                  manual_reset ? CREATE_WAITABLE_TIMER_MANUAL_RESET : 0,
                                  TIMER_ALL_ACCESS);
}

HANDLE WINAPI CreateWaitableTimerA(void *security, BOOL manual_reset, const char *name)
{
    WCHAR wide[260];
    return CreateWaitableTimerW(security, manual_reset, BaseWidenName(name, wide, 260));
}

HANDLE WINAPI OpenWaitableTimerW(DWORD access, BOOL inherit, const WCHAR *name)
{
    if (!name) { /* as every Open: a name is needed */
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    NAMED(name, inherit ? OBJ_INHERIT : 0);
    HANDLE timer = NULL;
    NTSTATUS status = NtOpenTimer(&timer, access, &oa_);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return NULL;
    }
    return timer;
}

HANDLE WINAPI OpenWaitableTimerA(DWORD access, BOOL inherit, const char *name)
{
    WCHAR wide[260];
    return OpenWaitableTimerW(access, inherit, BaseWidenName(name, wide, 260));
}

/* Resuming a sleeping machine is not supported: the timer is set, and
 * the answer is TRUE with ERROR_NOT_SUPPORTED, as Windows gives it. */
BOOL WINAPI SetWaitableTimer(HANDLE timer, const LARGE_INTEGER *due, LONG period,
                             PTIMERAPCROUTINE routine, PVOID context, BOOL resume)
{
    NTSTATUS status = NtSetTimer(timer, due, (PVOID)routine, context, (BOOLEAN)(resume != 0),
                                 period, NULL);
    if (status == STATUS_TIMER_RESUME_IGNORED) {
        SetLastError(ERROR_NOT_SUPPORTED);
        return TRUE;
    }
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

/* Windows 7's form: the wake context and the coalescing tolerance change
 * nothing on a machine that neither sleeps nor coalesces. */
BOOL WINAPI SetWaitableTimerEx(HANDLE timer, const LARGE_INTEGER *due, LONG period,
                               PTIMERAPCROUTINE routine, PVOID context, void *reason,
                               ULONG tolerable_delay)
{
    (void)reason;
    (void)tolerable_delay;
    return SetWaitableTimer(timer, due, period, routine, context, FALSE);
}

BOOL WINAPI CancelWaitableTimer(HANDLE timer)
{
    NTSTATUS status = NtCancelTimer(timer, NULL);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}
