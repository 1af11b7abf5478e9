/*
 * I/O completion ports in Win32's words: CreateIoCompletionPort,
 * PostQueuedCompletionStatus, GetQueuedCompletionStatus(Ex), over ntdll's
 * NtCreateIoCompletion, NtSetIoCompletion and NtRemoveIoCompletion
 * (ke/iocomp.c); and GetOverlappedResult and CancelIo for the I/O ntmm
 * does, which is always complete when ReadFile or WriteFile returns.
 *
 * CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, ...) makes a port;
 * with a file handle it associates the file with a port (a new one, or
 * ExistingCompletionPort) and a key: each ReadFile or WriteFile on that
 * handle given an OVERLAPPED that succeeds then queues a packet — the key,
 * the OVERLAPPED, the bytes moved — as Windows does for an associated
 * handle's I/O, even when it completes at once. The associations are
 * kept here, by handle, and forgotten when the handle is closed.
 *
 * GetQueuedCompletionStatus returns TRUE for a packet of a successful
 * operation; FALSE with the operation's error and *lpOverlapped set for a
 * failed one; FALSE, *lpOverlapped NULL and WAIT_TIMEOUT as the last
 * error when the time runs out (Microsoft's GetQueuedCompletionStatus).
 */
#include "kernel32/kernel32.h"

#define IO_COMPLETION_ALL_ACCESS 0x1F0003u
#define WAIT_TIMEOUT 258u
#define STATUS_TIMEOUT_CODE ((NTSTATUS)0x00000102L)
#define MAX_ASSOCIATIONS 256

typedef struct OVERLAPPED_ENTRY {
    ULONG_PTR lpCompletionKey;
    OVERLAPPED *lpOverlapped;
    ULONG_PTR Internal;
    DWORD dwNumberOfBytesTransferred;
} OVERLAPPED_ENTRY;

static RTL_CRITICAL_SECTION AssociationLock = {NULL, -1, 0, NULL, NULL, 0};
static struct {
    HANDLE File, Port;
    ULONG_PTR Key;
} Associations[MAX_ASSOCIATIONS];

static HANDLE NewPort(DWORD threads)
{
    HANDLE port = NULL;
    NTSTATUS status = NtCreateIoCompletion(&port, IO_COMPLETION_ALL_ACCESS, NULL, threads);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return NULL;
    }
    return port;
}

HANDLE WINAPI CreateIoCompletionPort(HANDLE file, HANDLE existing, ULONG_PTR key, DWORD threads)
{
    if (file == INVALID_HANDLE_VALUE) {
        if (existing) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return NULL;
        }
        return NewPort(threads);
    }
    if (!file) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    HANDLE port = existing ? existing : NewPort(threads);
    if (!port) {
        return NULL;
    }
    RtlEnterCriticalSection(&AssociationLock);
    int slot = -1;
    for (int i = 0; i < MAX_ASSOCIATIONS; i++) {
        if (Associations[i].File == file) {
            slot = -2;   /* a handle is associated once (NT: STATUS_INVALID_PARAMETER) */
            break;
        }
        if (!Associations[i].File && slot == -1) {
            slot = i;
        }
    }
    if (slot >= 0) {
        Associations[slot].File = file;
        Associations[slot].Port = port;
        Associations[slot].Key = key;
    }
    RtlLeaveCriticalSection(&AssociationLock);
    if (slot < 0) {
        if (!existing) {
            NtClose(port);
        }
        SetLastError(slot == -2 ? ERROR_INVALID_PARAMETER : ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    return port;
}

void BasepCompleteToPort(HANDLE file, OVERLAPPED *overlapped, ULONG bytes)
{
    HANDLE port = NULL;
    ULONG_PTR key = 0;
    RtlEnterCriticalSection(&AssociationLock);
    for (int i = 0; i < MAX_ASSOCIATIONS; i++) {
        if (Associations[i].File == file) {
            port = Associations[i].Port;
            key = Associations[i].Key;
            break;
        }
    }
    RtlLeaveCriticalSection(&AssociationLock);
    if (port) {
        NtSetIoCompletion(port, key, (ULONG_PTR)overlapped, STATUS_SUCCESS, bytes);
    }
}

void BasepForgetCompletion(HANDLE handle)
{
    RtlEnterCriticalSection(&AssociationLock);
    for (int i = 0; i < MAX_ASSOCIATIONS; i++) {
        if (Associations[i].File == handle) {
            Associations[i].File = NULL;
        }
    }
    RtlLeaveCriticalSection(&AssociationLock);
}

BOOL WINAPI PostQueuedCompletionStatus(HANDLE port, DWORD bytes, ULONG_PTR key,
                                       OVERLAPPED *overlapped)
{
    NTSTATUS status = NtSetIoCompletion(port, key, (ULONG_PTR)overlapped, STATUS_SUCCESS, bytes);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI GetQueuedCompletionStatus(HANDLE port, DWORD *bytes, ULONG_PTR *key,
                                      OVERLAPPED **overlapped, DWORD milliseconds)
{
    IO_STATUS_BLOCK iosb = {0, 0};
    LARGE_INTEGER timeout;
    ULONG_PTR got_key = 0, got_context = 0;
    NTSTATUS status = NtRemoveIoCompletion(port, &got_key, &got_context, &iosb,
                                           BaseFormatTimeOut(&timeout, milliseconds));
    if (status == STATUS_TIMEOUT_CODE) {
        *overlapped = NULL;
        SetLastError(WAIT_TIMEOUT);
        return FALSE;
    }
    if (!NT_SUCCESS(status)) {
        *overlapped = NULL;
        BaseSetLastNtError(status);
        return FALSE;
    }
    *bytes = iosb.Information;
    *key = got_key;
    *overlapped = (OVERLAPPED *)got_context;
    if (!NT_SUCCESS(iosb.Status)) {
        BaseSetLastNtError(iosb.Status);
        return FALSE;
    }
    return TRUE;
}

/* Up to count packets: the first waited for as GetQueuedCompletionStatus
 * waits, the rest only if already queued. Alertable waits are not
 * offered: an APC does not end this wait. */
BOOL WINAPI GetQueuedCompletionStatusEx(HANDLE port, OVERLAPPED_ENTRY *entries, ULONG count,
                                        ULONG *removed, DWORD milliseconds, BOOL alertable)
{
    (void)alertable;
    if (!entries || !count || !removed) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *removed = 0;
    for (ULONG i = 0; i < count; i++) {
        IO_STATUS_BLOCK iosb = {0, 0};
        LARGE_INTEGER timeout;
        ULONG_PTR got_key = 0, got_context = 0;
        NTSTATUS status = NtRemoveIoCompletion(port, &got_key, &got_context, &iosb,
                                               BaseFormatTimeOut(&timeout, i ? 0 : milliseconds));
        if (status == STATUS_TIMEOUT_CODE) {
            if (i == 0) {
                SetLastError(WAIT_TIMEOUT);
                return FALSE;
            }
            break;
        }
        if (!NT_SUCCESS(status)) {
            if (i == 0) {
                BaseSetLastNtError(status);
                return FALSE;
            }
            break;
        }
        entries[i].lpCompletionKey = got_key;
        entries[i].lpOverlapped = (OVERLAPPED *)got_context;
        entries[i].Internal = (ULONG_PTR)iosb.Status;
        entries[i].dwNumberOfBytesTransferred = iosb.Information;
        *removed = i + 1;
    }
    return TRUE;
}

/* The I/O is complete when ReadFile or WriteFile returns here, so there
 * is never anything to wait for: the status and count it left. */
BOOL WINAPI GetOverlappedResult(HANDLE file, OVERLAPPED *overlapped, DWORD *bytes, BOOL wait)
{
    (void)file;
    (void)wait;
    *bytes = overlapped->InternalHigh;
    NTSTATUS status = (NTSTATUS)overlapped->Internal;
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

/* Nothing is ever in flight to cancel; a handle that is not one fails. */
BOOL WINAPI CancelIo(HANDLE file)
{
    ULONG flags[2];
    NTSTATUS status = NtQueryObject(file, 4 /* ObjectHandleFlagInformation */, flags,
                                    sizeof flags, NULL);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}
