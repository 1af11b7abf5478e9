/* The current process and thread. */
#include "kernel32/kernel32.h"

#include <stdbool.h>
#include <string.h>

/* ExitProcess is ntdll's RtlExitUserProcess (as since Vista): the other
 * threads end, the DLLs hear DLL_PROCESS_DETACH, then the process ends.
 * TerminateProcess, even of the caller's own process, tells no DLL. */
void WINAPI ExitProcess(unsigned int code)
{
    RtlExitUserProcess((NTSTATUS)code);
}

HANDLE WINAPI GetCurrentProcess(void)
{
    return NtCurrentProcess();
}

HANDLE WINAPI GetCurrentThread(void)
{
    return NtCurrentThread();
}

DWORD WINAPI GetCurrentProcessId(void)
{
    return TebRead(TEB_PROCESS_ID);
}

DWORD WINAPI GetCurrentThreadId(void)
{
    return TebRead(TEB_THREAD_ID);
}

/* ------------------------------------------------ other processes */

#define INFINITE 0xFFFFFFFFu
#define WAIT_FAILED 0xFFFFFFFFu

#define STARTF_USESTDHANDLES 0x100u
#define DEBUG_PROCESS 0x1u
#define DEBUG_ONLY_THIS_PROCESS 0x2u
#define CREATE_SUSPENDED 0x4u
#define ERROR_NOT_SUPPORTED 50
#define CREATE_UNICODE_ENVIRONMENT 0x400u
#define ERROR_DIRECTORY 267
#define INVALID_FILE_ATTRIBUTES 0xFFFFFFFFu
#define FILE_ATTRIBUTE_DIRECTORY 0x10u
#define NTMM_CREATE_INHERIT_HANDLES 0x1u
#define NTMM_CREATE_STANDARD_HANDLES 0x2u
#define NTMM_CREATE_SUSPENDED 0x4u

/* An ANSI environment block ("A=1\0B=2\0\0") in UTF-16, on the heap. */
static WCHAR *WideEnvironment(const char *block)
{
    const char *end = block;
    while (*end) {
        end += strlen(end) + 1;
    }
    int length = (int)(end - block) + 1; /* the final NUL too */
    int units = MultiByteToWideChar(0, 0, block, length, NULL, 0);
    WCHAR *wide = units > 0 ? RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, (SIZE_T)units * 2 + 2)
                            : NULL;
    if (wide) {
        MultiByteToWideChar(0, 0, block, length, wide, units);
        wide[units] = 0; /* an empty block's single NUL needs its second */
    }
    return wide;
}

/*
 * The child gets: the handles made inheritable (bInheritHandles), at the
 * same values; with STARTF_USESTDHANDLES the startup information's three
 * handles as its standard ones, otherwise the host's streams; the
 * environment block given (ANSI, or UTF-16 with CREATE_UNICODE_ENVIRONMENT)
 * or, for NULL, a copy of this process's current one; lpCurrentDirectory
 * or this process's current directory. With CREATE_SUSPENDED its first
 * thread has a suspend count of 1 and runs nothing (not even the loader)
 * until ResumeThread.
 */
BOOL WINAPI CreateProcessW(const WCHAR *application, WCHAR *command_line, void *process_attributes,
                           void *thread_attributes, BOOL inherit_handles, DWORD flags,
                           void *environment, const WCHAR *directory, void *startup_info,
                           PROCESS_INFORMATION *info)
{
    (void)process_attributes, (void)thread_attributes;
    if (flags & (DEBUG_PROCESS | DEBUG_ONLY_THIS_PROCESS)) {
        /* A debugged child needs a debug object, which ntmm does not have
         * (kernel32/debugger.c): refused, rather than started undebugged
         * for a parent that would wait for its debug events forever. */
        SetLastError(ERROR_NOT_SUPPORTED);
        return FALSE;
    }
    /* The image: the application name, or the command line's first token;
     * ".exe" is added to a name without an extension, as Windows does. */
    WCHAR image[300];
    ULONG n = 0;
    if (application) {
        while (application[n] && n < 290) {
            image[n] = application[n];
            n++;
        }
    } else if (command_line) {
        const WCHAR *c = command_line;
        while (*c == ' ' || *c == '\t') {
            c++;
        }
        bool quoted = *c == '"';
        c += quoted;
        while (*c && n < 290 && (quoted ? *c != '"' : (*c != ' ' && *c != '\t'))) {
            image[n++] = *c++;
        }
    }
    if (n == 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    bool extension = false;
    for (ULONG i = 0; i < n; i++) {
        extension = image[i] == '.' ? true : (image[i] == '\\' || image[i] == '/') ? false : extension;
    }
    if (!extension) {
        image[n++] = '.', image[n++] = 'e', image[n++] = 'x', image[n++] = 'e';
    }
    image[n] = 0;
    UNICODE_STRING image_string, line_string, directory_string;
    RtlInitUnicodeString(&image_string, image);
    RtlInitUnicodeString(&line_string, command_line ? command_line : image);

    /* lpCurrentDirectory: a directory that exists, as a full path ending in '\'. */
    WCHAR full[MAX_PATH + 2];
    if (directory) {
        DWORD length = GetFullPathNameW(directory, MAX_PATH, full, NULL);
        DWORD attributes = length && length < MAX_PATH ? GetFileAttributesW(full) : INVALID_FILE_ATTRIBUTES;
        if (attributes == INVALID_FILE_ATTRIBUTES || !(attributes & FILE_ATTRIBUTE_DIRECTORY)) {
            SetLastError(ERROR_DIRECTORY);
            return FALSE;
        }
        if (full[length - 1] != '\\') {
            full[length++] = '\\';
            full[length] = 0;
        }
        RtlInitUnicodeString(&directory_string, full);
    }

    ULONG create = inherit_handles ? NTMM_CREATE_INHERIT_HANDLES : 0;
    if (flags & CREATE_SUSPENDED) {
        create |= NTMM_CREATE_SUSPENDED; /* ResumeThread(info->hThread) starts it */
    }
    HANDLE standard[3] = {NULL, NULL, NULL};
    const STARTUPINFOA *startup = startup_info;
    if (startup && (startup->dwFlags & STARTF_USESTDHANDLES)) {
        create |= NTMM_CREATE_STANDARD_HANDLES;
        standard[0] = startup->hStdInput;
        standard[1] = startup->hStdOutput;
        standard[2] = startup->hStdError;
    }
    WCHAR *block = NULL, *owned = NULL, *copied = NULL;
    if (!environment) {
        block = copied = GetEnvironmentStringsW();
    } else if (flags & CREATE_UNICODE_ENVIRONMENT) {
        block = environment;
    } else {
        block = owned = WideEnvironment(environment);
    }
    if (!block) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    HANDLE process = NULL, thread = NULL;
    ULONG client[2] = {0, 0};
    ULONG runtime[3] = {0, 0, 0};
    if (startup) {
        runtime[0] = startup->dwFlags;
        runtime[1] = startup->lpReserved2 ? startup->cbReserved2 : 0;
        runtime[2] = (ULONG)(ULONG_PTR)startup->lpReserved2;
    }
    NTSTATUS status = NtmmCreateProcessEx(&process, &thread, &image_string, &line_string, client,
                                          create, standard, block,
                                          directory ? &directory_string : NULL, runtime);
    if (owned) {
        RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, owned);
    }
    if (copied) {
        FreeEnvironmentStringsW(copied);
    }
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    info->hProcess = process;
    info->hThread = thread;
    info->dwProcessId = client[0];
    info->dwThreadId = client[1];
    return TRUE;
}

BOOL WINAPI CreateProcessA(const char *application, char *command_line, void *process_attributes,
                           void *thread_attributes, BOOL inherit_handles, DWORD flags,
                           void *environment, const char *directory, void *startup_info,
                           PROCESS_INFORMATION *info)
{
    WCHAR app[300], line[1024], dir[MAX_PATH];
    if (application) {
        MultiByteToWideChar(0, 0, application, -1, app, 300);
        app[299] = 0;
    }
    if (command_line) {
        MultiByteToWideChar(0, 0, command_line, -1, line, 1024);
        line[1023] = 0;
    }
    if (directory) {
        MultiByteToWideChar(0, 0, directory, -1, dir, MAX_PATH);
        dir[MAX_PATH - 1] = 0;
    }
    /* The environment stays ANSI unless the flags say otherwise: W converts it. */
    return CreateProcessW(application ? app : NULL, command_line ? line : NULL, process_attributes,
                          thread_attributes, inherit_handles, flags, environment,
                          directory ? dir : NULL, startup_info, info);
}

DWORD WINAPI WaitForSingleObjectEx(HANDLE handle, DWORD milliseconds, BOOL alertable)
{
    LARGE_INTEGER timeout;
    timeout.QuadPart = -(LONGLONG)milliseconds * 10000;
    NTSTATUS status = NtWaitForSingleObject(handle, (BOOLEAN)alertable,
                                            milliseconds == INFINITE ? NULL : &timeout);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return WAIT_FAILED;
    }
    return (DWORD)status; /* WAIT_OBJECT_0, or WAIT_TIMEOUT (0x102) */
}

DWORD WINAPI WaitForSingleObject(HANDLE handle, DWORD milliseconds)
{
    return WaitForSingleObjectEx(handle, milliseconds, FALSE);
}

/* ProcessBasicInformation: ExitStatus, Peb, Affinity, Priority, Id, ParentId. */
static BOOL BasicInformation(HANDLE process, ULONG info[6])
{
    NTSTATUS status = NtQueryInformationProcess(process, 0, info, 6 * sizeof(ULONG), NULL);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI GetExitCodeProcess(HANDLE process, DWORD *code)
{
    ULONG info[6];
    if (!BasicInformation(process, info)) {
        return FALSE;
    }
    *code = info[0]; /* STATUS_PENDING (259) is STILL_ACTIVE */
    return TRUE;
}

DWORD WINAPI GetProcessId(HANDLE process)
{
    ULONG info[6];
    return BasicInformation(process, info) ? info[4] : 0;
}

BOOL WINAPI TerminateProcess(HANDLE process, unsigned int code)
{
    NTSTATUS status = NtTerminateProcess(process, (NTSTATUS)code);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

/*
 * DEP as kernel32 shows it, over ProcessExecuteFlags: PROCESS_DEP_ENABLE
 * (1) is NT's MEM_EXECUTE_OPTION_DISABLE (execution disabled on data),
 * PROCESS_DEP_DISABLE_ATL_THUNK_EMULATION (2) its DISABLE_THUNK_EMULATION;
 * turning DEP on makes it permanent, and a permanent policy cannot change
 * (ERROR_ACCESS_DENIED).
 */
#define ProcessExecuteFlags 34
#define MEM_EXECUTE_OPTION_DISABLE 0x1u
#define MEM_EXECUTE_OPTION_ENABLE 0x2u
#define MEM_EXECUTE_OPTION_DISABLE_THUNK_EMULATION 0x4u
#define MEM_EXECUTE_OPTION_PERMANENT 0x8u
#define PROCESS_DEP_ENABLE 0x1u
#define PROCESS_DEP_DISABLE_ATL_THUNK_EMULATION 0x2u

BOOL WINAPI SetProcessDEPPolicy(DWORD flags)
{
    if ((flags & ~(PROCESS_DEP_ENABLE | PROCESS_DEP_DISABLE_ATL_THUNK_EMULATION)) ||
        flags == PROCESS_DEP_DISABLE_ATL_THUNK_EMULATION) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    ULONG options = MEM_EXECUTE_OPTION_ENABLE;
    if (flags & PROCESS_DEP_ENABLE) {
        options = MEM_EXECUTE_OPTION_DISABLE | MEM_EXECUTE_OPTION_PERMANENT;
        if (flags & PROCESS_DEP_DISABLE_ATL_THUNK_EMULATION) {
            options |= MEM_EXECUTE_OPTION_DISABLE_THUNK_EMULATION;
        }
    }
    NTSTATUS status = NtSetInformationProcess(NtCurrentProcess(), ProcessExecuteFlags, &options,
                                              sizeof options);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI GetProcessDEPPolicy(HANDLE process, DWORD *flags, BOOL *permanent)
{
    ULONG options = 0;
    NTSTATUS status = NtQueryInformationProcess(process, ProcessExecuteFlags, &options,
                                                sizeof options, NULL);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    if (flags) {
        *flags = 0;
        if (options & MEM_EXECUTE_OPTION_DISABLE) {
            *flags |= PROCESS_DEP_ENABLE;
        }
        if (options & MEM_EXECUTE_OPTION_DISABLE_THUNK_EMULATION) {
            *flags |= PROCESS_DEP_DISABLE_ATL_THUNK_EMULATION;
        }
    }
    if (permanent) {
        *permanent = (options & MEM_EXECUTE_OPTION_PERMANENT) != 0;
    }
    return TRUE;
}
