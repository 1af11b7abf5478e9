/*
 * Mailslots (the kernel's are ke/msfs.c): CreateMailslot makes the server
 * with NtCreateMailslotFile, its timeout in milliseconds becoming a
 * relative NT time (MAILSLOT_WAIT_FOREVER: -1, which the kernel takes as
 * forever); GetMailslotInfo and SetMailslotInfo are the server's
 * FileMailslotQueryInformation and FileMailslotSetInformation. Clients open
 * "\\.\mailslot\name" with CreateFile.
 */
#include "kernel32/fileapi.h"

#define MAILSLOT_WAIT_FOREVER ((DWORD)-1)
#define FileMailslotQueryInformation 26
#define FileMailslotSetInformation 27
#define WRITE_DAC 0x00040000u

typedef struct FILE_MAILSLOT_QUERY_INFORMATION {
    ULONG MaximumMessageSize;
    ULONG MailslotQuota;
    ULONG NextMessageSize;
    ULONG MessagesAvailable;
    LARGE_INTEGER ReadTimeout;
} FILE_MAILSLOT_QUERY_INFORMATION;

static LARGE_INTEGER NtTimeout(DWORD timeout)
{
    LARGE_INTEGER nt;
    nt.QuadPart = timeout == MAILSLOT_WAIT_FOREVER ? -1 : (LONGLONG)timeout * -10000;
    return nt;
}

HANDLE WINAPI CreateMailslotW(const WCHAR *name, DWORD max_message, DWORD timeout,
                              PVOID security)
{
    UNICODE_STRING nt;
    if (!BaseNtPathFromDosPath(name, &nt, NULL)) {
        return INVALID_HANDLE_VALUE;
    }
    OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &nt, OBJ_CASE_INSENSITIVE | BaseInheritAttribute(security),
                            NULL, NULL};
    IO_STATUS_BLOCK iosb;
    LARGE_INTEGER read_timeout = NtTimeout(timeout);
    HANDLE handle = NULL;
    NTSTATUS status = NtCreateMailslotFile(&handle, GENERIC_READ | SYNCHRONIZE | WRITE_DAC, &oa,
                                           &iosb, 0, 0, max_message, &read_timeout);
    RtlFreeUnicodeString(&nt);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return INVALID_HANDLE_VALUE;
    }
    return handle;
}

HANDLE WINAPI CreateMailslotA(const char *name, DWORD max_message, DWORD timeout,
                              PVOID security)
{
    if (!name) {
        return CreateMailslotW(NULL, max_message, timeout, security);
    }
    WCHAR *wide = BaseNameFromAnsi(name);
    if (!wide) {
        return INVALID_HANDLE_VALUE;
    }
    HANDLE handle = CreateMailslotW(wide, max_message, timeout, security);
    BaseFreeName(wide);
    return handle;
}

BOOL WINAPI GetMailslotInfo(HANDLE slot, DWORD *max_message, DWORD *next, DWORD *count,
                            DWORD *timeout)
{
    FILE_MAILSLOT_QUERY_INFORMATION info;
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtQueryInformationFile(slot, &iosb, &info, sizeof info,
                                             FileMailslotQueryInformation);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    if (max_message) {
        *max_message = info.MaximumMessageSize;
    }
    if (next) {
        *next = info.NextMessageSize;
    }
    if (count) {
        *count = info.MessagesAvailable;
    }
    if (timeout) {
        /* The kernel's forever is the largest time there is. */
        *timeout = info.ReadTimeout.QuadPart == 0x7FFFFFFFFFFFFFFFll
                       ? MAILSLOT_WAIT_FOREVER
                       : (DWORD)(info.ReadTimeout.QuadPart / -10000);
    }
    return TRUE;
}

BOOL WINAPI SetMailslotInfo(HANDLE slot, DWORD timeout)
{
    LARGE_INTEGER read_timeout = NtTimeout(timeout);
    LARGE_INTEGER *info = &read_timeout; /* FILE_MAILSLOT_SET_INFORMATION: a pointer to it */
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtSetInformationFile(slot, &iosb, &info, sizeof info,
                                           FileMailslotSetInformation);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}
