/*
 * What runtimes ask about threads and processes beyond their ids and exit
 * codes: thread priorities, thread and process times, processor affinity,
 * OpenProcess, GetHandleInformation and SetHandleInformation. winpthreads
 * (std::thread in mingw's posix thread model) imports all but the last.
 */
#include "kernel32/kernel32.h"

#define THREAD_PRIORITY_ERROR_RETURN 0x7FFFFFFF
#define THREAD_PRIORITY_TIME_CRITICAL 15
#define THREAD_PRIORITY_IDLE (-15)
#define BASE_PRIORITY_SATURATION 16   /* what NT keeps for TIME_CRITICAL; -16 for IDLE */
#define ThreadBasePriority 3
#define ThreadTimes 1
#define ProcessTimes 4
#define ObjectHandleFlagInformation 4
#define HANDLE_FLAG_INHERIT 1
#define HANDLE_FLAG_PROTECT_FROM_CLOSE 2

static BOOL Succeeded(NTSTATUS status)
{
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

/* ------------------------------------------------------------ priorities */
int WINAPI GetThreadPriority(HANDLE thread)
{
    ULONG info[7]; /* THREAD_BASIC_INFORMATION; [6] is BasePriority, relative */
    if (!Succeeded(NtQueryInformationThread(thread, 0, info, sizeof info, NULL))) {
        return THREAD_PRIORITY_ERROR_RETURN;
    }
    LONG base = (LONG)info[6];
    return base == BASE_PRIORITY_SATURATION    ? THREAD_PRIORITY_TIME_CRITICAL
           : base == -BASE_PRIORITY_SATURATION ? THREAD_PRIORITY_IDLE
                                               : base;
}

BOOL WINAPI SetThreadPriority(HANDLE thread, int priority)
{
    LONG base = priority == THREAD_PRIORITY_TIME_CRITICAL ? BASE_PRIORITY_SATURATION
                : priority == THREAD_PRIORITY_IDLE        ? -BASE_PRIORITY_SATURATION
                                                          : priority;
    return Succeeded(NtSetInformationThread(thread, ThreadBasePriority, &base, sizeof base));
}

/*
 * Priority classes: Win32's flags as NT's PROCESS_PRIORITY_CLASS numbers
 * (ProcessPriorityClass). The kernel records the class and reports the
 * base priority it gives; its scheduler does not favour one over another.
 * PROCESS_MODE_BACKGROUND_BEGIN/END, for the calling process only, keep
 * the mode and refuse a second BEGIN or an END outside it, as Windows.
 */
#define ProcessPriorityClass 18
#define PROCESS_MODE_BACKGROUND_BEGIN 0x00100000
#define PROCESS_MODE_BACKGROUND_END   0x00200000
#define ERROR_PROCESS_MODE_ALREADY_BACKGROUND 402
#define ERROR_PROCESS_MODE_NOT_BACKGROUND 403

static const DWORD Win32Classes[] = {0, 0x40, 0x20, 0x80, 0x100, 0x4000, 0x8000};
static BOOL Background;

BOOL WINAPI SetPriorityClass(HANDLE process, DWORD priority_class)
{
    if (priority_class == PROCESS_MODE_BACKGROUND_BEGIN || priority_class == PROCESS_MODE_BACKGROUND_END) {
        if (process != GetCurrentProcess()) {
            SetLastError(ERROR_INVALID_HANDLE);
            return FALSE;
        }
        BOOL begin = priority_class == PROCESS_MODE_BACKGROUND_BEGIN;
        if (begin == Background) {
            SetLastError(begin ? ERROR_PROCESS_MODE_ALREADY_BACKGROUND : ERROR_PROCESS_MODE_NOT_BACKGROUND);
            return FALSE;
        }
        Background = begin;
        return TRUE;
    }
    BYTE info[2] = {0, 0}; /* PROCESS_PRIORITY_CLASS: Foreground, PriorityClass */
    for (BYTE i = 1; i < sizeof Win32Classes / sizeof Win32Classes[0]; i++) {
        if (Win32Classes[i] == priority_class) {
            info[1] = i;
        }
    }
    if (!info[1]) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return Succeeded(NtSetInformationProcess(process, ProcessPriorityClass, info, sizeof info));
}

DWORD WINAPI GetPriorityClass(HANDLE process)
{
    BYTE info[2];
    if (!Succeeded(NtQueryInformationProcess(process, ProcessPriorityClass, info, sizeof info, NULL))) {
        return 0;
    }
    return info[1] < sizeof Win32Classes / sizeof Win32Classes[0] ? Win32Classes[info[1]] : 0;
}

/* ------------------------------------------------------------ times */
static void Split(const LARGE_INTEGER *t, FILETIME *out)
{
    out->dwLowDateTime = (DWORD)t->QuadPart;
    out->dwHighDateTime = (DWORD)(t->QuadPart >> 32);
}

/* KERNEL_USER_TIMES → the four FILETIMEs (exit is 0 while it runs). */
static BOOL Times(const LARGE_INTEGER times[4], FILETIME *creation, FILETIME *exit,
                  FILETIME *kernel, FILETIME *user)
{
    Split(&times[0], creation);
    Split(&times[1], exit);
    Split(&times[2], kernel);
    Split(&times[3], user);
    return TRUE;
}

BOOL WINAPI GetThreadTimes(HANDLE thread, FILETIME *creation, FILETIME *exit, FILETIME *kernel,
                           FILETIME *user)
{
    LARGE_INTEGER times[4];
    return Succeeded(NtQueryInformationThread(thread, ThreadTimes, times, sizeof times, NULL)) &&
           Times(times, creation, exit, kernel, user);
}

BOOL WINAPI GetProcessTimes(HANDLE process, FILETIME *creation, FILETIME *exit, FILETIME *kernel,
                            FILETIME *user)
{
    LARGE_INTEGER times[4];
    return Succeeded(NtQueryInformationProcess(process, ProcessTimes, times, sizeof times, NULL)) &&
           Times(times, creation, exit, kernel, user);
}

/* ------------------------------------------------------------ affinity */
static ULONG_PTR SystemAffinity(void)
{
    ULONG basic[11]; /* SYSTEM_BASIC_INFORMATION; [9] is ActiveProcessorsAffinityMask */
    return NT_SUCCESS(NtQuerySystemInformation(0, basic, sizeof basic, NULL)) ? basic[9] : 1;
}

BOOL WINAPI GetProcessAffinityMask(HANDLE process, ULONG_PTR *process_mask, ULONG_PTR *system_mask)
{
    ULONG info[6]; /* PROCESS_BASIC_INFORMATION; [2] is AffinityMask */
    if (!Succeeded(NtQueryInformationProcess(process, 0, info, sizeof info, NULL))) {
        return FALSE;
    }
    *process_mask = info[2];
    *system_mask = SystemAffinity();
    return TRUE;
}

/* SetThreadAffinityMask: the thread's previous mask, or 0 and
 * ERROR_INVALID_PARAMETER for a mask naming no processor the machine has
 * (Microsoft's SetThreadAffinityMask: it must be a subset of the
 * process's mask). One processor, on which every thread already runs: a
 * valid mask changes nothing. */
ULONG_PTR WINAPI SetThreadAffinityMask(HANDLE thread, ULONG_PTR mask)
{
    ULONG info[7]; /* THREAD_BASIC_INFORMATION; [4] is AffinityMask */
    if (!Succeeded(NtQueryInformationThread(thread, 0, info, sizeof info, NULL))) {
        return 0;
    }
    if (!mask || (mask & ~SystemAffinity())) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return info[4] ? info[4] : SystemAffinity();
}

/* SetThreadIdealProcessor: the previous ideal processor (NtSetInformation-
 * Thread's ThreadIdealProcessor answers it as its status), or -1 and
 * ERROR_INVALID_PARAMETER past MAXIMUM_PROCESSORS (32), which only asks. */
DWORD WINAPI SetThreadIdealProcessor(HANDLE thread, DWORD processor)
{
    NTSTATUS status = NtSetInformationThread(thread, 13 /* ThreadIdealProcessor */, &processor,
                                             sizeof processor);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return ~0u;
    }
    return (DWORD)status;
}

/* GetThreadSelectorEntry: the descriptor the thread's selector loads
 * (ThreadDescriptorTableEntry). */
BOOL WINAPI GetThreadSelectorEntry(HANDLE thread, DWORD selector, LDT_ENTRY *entry)
{
    struct {
        DWORD Selector;
        LDT_ENTRY Descriptor;
    } query = {selector, {0, 0, {0, 0, 0, 0}}};
    if (!Succeeded(NtQueryInformationThread(thread, 6 /* ThreadDescriptorTableEntry */, &query,
                                            sizeof query, NULL))) {
        return FALSE;
    }
    *entry = query.Descriptor;
    return TRUE;
}

/* The mask must be a non-empty subset of the system's processors. The
 * machine has one, which every process already runs on: a valid mask
 * changes nothing. */
BOOL WINAPI SetProcessAffinityMask(HANDLE process, ULONG_PTR mask)
{
    ULONG info[6];
    if (!Succeeded(NtQueryInformationProcess(process, 0, info, sizeof info, NULL))) {
        return FALSE;
    }
    if (!mask || (mask & ~SystemAffinity())) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return TRUE;
}

/* ------------------------------------------------------------ OpenProcess */
HANDLE WINAPI OpenProcess(DWORD access, BOOL inherit, DWORD id)
{
    OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, NULL, inherit ? OBJ_INHERIT : 0, NULL, NULL};
    ULONG client[2] = {id, 0};
    HANDLE process = NULL;
    return Succeeded(NtOpenProcess(&process, access, &oa, client)) ? process : NULL;
}

/* ------------------------------------------------------------ handles */
BOOL WINAPI GetHandleInformation(HANDLE handle, DWORD *flags)
{
    BOOLEAN info[2]; /* OBJECT_HANDLE_FLAG_INFORMATION: Inherit, ProtectFromClose */
    if (!Succeeded(NtQueryObject(handle, ObjectHandleFlagInformation, info, sizeof info, NULL))) {
        return FALSE;
    }
    if (flags) {
        *flags = (info[0] ? HANDLE_FLAG_INHERIT : 0) | (info[1] ? HANDLE_FLAG_PROTECT_FROM_CLOSE : 0);
    }
    return TRUE;
}

/* Changes the bits of mask to those of flags (HANDLE_FLAG_INHERIT,
 * HANDLE_FLAG_PROTECT_FROM_CLOSE); a protected handle refuses CloseHandle
 * (ERROR_INVALID_HANDLE). */
BOOL WINAPI SetHandleInformation(HANDLE handle, DWORD mask, DWORD flags)
{
    BOOLEAN info[2];
    if (!Succeeded(NtQueryObject(handle, ObjectHandleFlagInformation, info, sizeof info, NULL))) {
        return FALSE;
    }
    if (mask & HANDLE_FLAG_INHERIT) {
        info[0] = (flags & HANDLE_FLAG_INHERIT) ? TRUE : FALSE;
    }
    if (mask & HANDLE_FLAG_PROTECT_FROM_CLOSE) {
        info[1] = (flags & HANDLE_FLAG_PROTECT_FROM_CLOSE) ? TRUE : FALSE;
    }
    return Succeeded(NtSetInformationObject(handle, ObjectHandleFlagInformation, info, sizeof info));
}
