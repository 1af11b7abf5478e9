/*
 * I/O completion ports in Win32's words: CreateIoCompletionPort,
 * PostQueuedCompletionStatus, GetQueuedCompletionStatus(Ex), over ntdll's
 * NtCreateIoCompletion, NtSetIoCompletion and NtRemoveIoCompletion
 * (ke/iocomp.c); and GetOverlappedResult(Ex), CancelIo and CancelIoEx for the
 * requests that pend (ke/irp.c: a pipe's, on a handle opened with
 * FILE_FLAG_OVERLAPPED).
 *
 * CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, ...) makes a port;
 * with a file handle it associates the file with a port (a new one, or
 * ExistingCompletionPort) and a key (NtSetInformationFile's
 * FileCompletionInformation; only a handle opened with
 * FILE_FLAG_OVERLAPPED, once: ERROR_INVALID_PARAMETER otherwise): each
 * request on that file given an OVERLAPPED then queues a packet when it
 * completes — the key, the OVERLAPPED, the status and the bytes moved —
 * as Windows does, even when it completes at once; one that fails at
 * once queues none.
 *
 * GetQueuedCompletionStatus returns TRUE for a packet of a successful
 * operation; FALSE with the operation's error and *lpOverlapped set for a
 * failed one; FALSE, *lpOverlapped NULL and WAIT_TIMEOUT as the last
 * error when the time runs out (Microsoft's GetQueuedCompletionStatus).
 */
#include "kernel32/fileapi.h"

#define IO_COMPLETION_ALL_ACCESS 0x1F0003u
#define WAIT_TIMEOUT 258u
#define STATUS_TIMEOUT_CODE ((NTSTATUS)0x00000102L)
#define STATUS_USER_APC_CODE ((NTSTATUS)0x000000C0L)
#define WAIT_IO_COMPLETION 192u
#define INFINITE 0xFFFFFFFFu

typedef struct OVERLAPPED_ENTRY {
    ULONG_PTR lpCompletionKey;
    OVERLAPPED *lpOverlapped;
    ULONG_PTR Internal;
    DWORD dwNumberOfBytesTransferred;
} OVERLAPPED_ENTRY;

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
    /* FILE_COMPLETION_INFORMATION: the kernel keeps the association. */
    struct {
        HANDLE Port;
        ULONG_PTR Key;
    } info = {port, key};
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtSetInformationFile(file, &iosb, &info, sizeof info,
                                           30 /* FileCompletionInformation */);
    if (!NT_SUCCESS(status)) {
        if (!existing) {
            NtClose(port);
        }
        BaseSetLastNtError(status);
        return NULL;
    }
    return port;
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

/* A request that pended is done when its OVERLAPPED's Internal is no
 * longer STATUS_PENDING: a wait for that is on hEvent, or on the file
 * itself when there is none (its event is signaled as each request on it
 * completes). Not done and no time to wait: ERROR_IO_INCOMPLETE; the time
 * up: WAIT_TIMEOUT; an alertable wait that ran an APC: WAIT_IO_COMPLETION. */
BOOL WINAPI GetOverlappedResultEx(HANDLE file, OVERLAPPED *overlapped, DWORD *bytes,
                                  DWORD milliseconds, BOOL alertable)
{
    if ((NTSTATUS)overlapped->Internal == STATUS_PENDING) {
        if (!milliseconds) {
            SetLastError(ERROR_IO_INCOMPLETE);
            return FALSE;
        }
        HANDLE object = overlapped->hEvent ? (HANDLE)((ULONG_PTR)overlapped->hEvent & ~(ULONG_PTR)1)
                                           : file;
        LARGE_INTEGER timeout;
        NTSTATUS status = NtWaitForSingleObject(object, alertable != FALSE,
                                                BaseFormatTimeOut(&timeout, milliseconds));
        if (status == STATUS_TIMEOUT_CODE || status == STATUS_USER_APC_CODE) {
            SetLastError(status == STATUS_TIMEOUT_CODE ? WAIT_TIMEOUT : WAIT_IO_COMPLETION);
            return FALSE;
        }
        if (!NT_SUCCESS(status)) {
            BaseSetLastNtError(status);
            return FALSE;
        }
    }
    /* Once the object is signaled the request is taken as done: an
     * OVERLAPPED still marked STATUS_PENDING (its event set by someone
     * else) gives TRUE and InternalHigh, as Windows answers (Wine's
     * kernel32 file.c:3689-3692), instead of waiting on. */
    *bytes = overlapped->InternalHigh;
    NTSTATUS status = (NTSTATUS)overlapped->Internal;
    if (status == STATUS_PENDING) {
        return TRUE;
    }
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status); /* STATUS_BUFFER_OVERFLOW: ERROR_MORE_DATA */
        return FALSE;
    }
    return TRUE;
}

/* bWait: as long as it takes. */
BOOL WINAPI GetOverlappedResult(HANDLE file, OVERLAPPED *overlapped, DWORD *bytes, BOOL wait)
{
    return GetOverlappedResultEx(file, overlapped, bytes, wait ? INFINITE : 0, FALSE);
}

/* The calling thread's requests on the file that wait end: each
 * completes with ERROR_OPERATION_ABORTED. */
BOOL WINAPI CancelIo(HANDLE file)
{
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtCancelIoFile(file, &iosb);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

/* Any thread's: the one of that OVERLAPPED, or all (NULL); ERROR_NOT_FOUND
 * when none waited. */
BOOL WINAPI CancelIoEx(HANDLE file, OVERLAPPED *overlapped)
{
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtCancelIoFileEx(file, (IO_STATUS_BLOCK *)overlapped, &iosb);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}
