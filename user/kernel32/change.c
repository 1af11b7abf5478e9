/*
 * Change notifications (the kernel's side is ke/notify.c). A change
 * notification handle is the directory's own, opened for asynchronous I/O
 * with an NtNotifyChangeDirectoryFile request outstanding: the handle is
 * signaled when a change completes the request, and
 * FindNextChangeNotification asks again (at once signaled if changes came
 * in between). The request needs no buffer — the records are not read —
 * and its IO_STATUS_BLOCK is one for the process, as Windows' kernel32
 * has. ReadDirectoryChangesW returns the records: with an OVERLAPPED it
 * completes as ReadFile's does (its event, the handle's port) or through
 * a completion routine at an alertable wait; without one it waits.
 * Windows' answers: a file, not a directory, is ERROR_DIRECTORY; a name
 * that is not there ERROR_FILE_NOT_FOUND, NULL ERROR_PATH_NOT_FOUND; a
 * filter of 0 ERROR_INVALID_PARAMETER (Wine's kernel32 change.c:98-130,
 * 424-460).
 */
#include "kernel32/fileapi.h"

#define INFINITE 0xFFFFFFFFu

static IO_STATUS_BLOCK NotifyIosb; /* the no-buffer requests' (never read) */

static NTSTATUS Notify(HANDLE handle, BOOLEAN subtree, DWORD filter)
{
    return NtNotifyChangeDirectoryFile(handle, NULL, NULL, NULL, &NotifyIosb, NULL, 0, filter,
                                       subtree);
}

HANDLE WINAPI FindFirstChangeNotificationW(const WCHAR *path, BOOL subtree, DWORD filter)
{
    UNICODE_STRING nt;
    if (!BaseNtPathFromDosPath(path, &nt, NULL)) {
        return INVALID_HANDLE_VALUE;
    }
    OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL};
    IO_STATUS_BLOCK iosb;
    HANDLE handle = NULL;
    NTSTATUS status = NtOpenFile(&handle, FILE_LIST_DIRECTORY | SYNCHRONIZE, &oa, &iosb,
                                 FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                                 FILE_DIRECTORY_FILE | FILE_OPEN_FOR_BACKUP_INTENT);
    RtlFreeUnicodeString(&nt);
    if (NT_SUCCESS(status)) {
        status = Notify(handle, subtree != 0, filter);
        if (!NT_SUCCESS(status)) {
            NtClose(handle);
        }
    }
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return INVALID_HANDLE_VALUE;
    }
    return handle;
}

HANDLE WINAPI FindFirstChangeNotificationA(const char *path, BOOL subtree, DWORD filter)
{
    if (!path) {
        return FindFirstChangeNotificationW(NULL, subtree, filter);
    }
    WCHAR *wide = BaseNameFromAnsi(path);
    if (!wide) {
        return INVALID_HANDLE_VALUE;
    }
    HANDLE handle = FindFirstChangeNotificationW(wide, subtree, filter);
    BaseFreeName(wide);
    return handle;
}

/* The watch keeps its first filter and subtree flag: these are only valid. */
BOOL WINAPI FindNextChangeNotification(HANDLE handle)
{
    NTSTATUS status = Notify(handle, FALSE, 0x001 /* FILE_NOTIFY_CHANGE_FILE_NAME */);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI FindCloseChangeNotification(HANDLE handle)
{
    NTSTATUS status = NtClose(handle);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI ReadDirectoryChangesW(HANDLE handle, void *buffer, DWORD length, BOOL subtree,
                                  DWORD filter, DWORD *returned, OVERLAPPED *overlapped,
                                  LPOVERLAPPED_COMPLETION_ROUTINE completion)
{
    OVERLAPPED local;
    OVERLAPPED *ov = overlapped;
    if (!ov) {
        local.Internal = 0;
        local.InternalHigh = 0;
        local.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
        if (!local.hEvent) {
            return FALSE;
        }
        ov = &local;
    }
    IO_STATUS_BLOCK *iosb = (IO_STATUS_BLOCK *)ov;
    iosb->Status = STATUS_PENDING;
    NTSTATUS status = NtNotifyChangeDirectoryFile(
        handle, completion ? NULL : ov->hEvent, completion ? (PVOID)BaseIoCompletionApc : NULL,
        (PVOID)completion, iosb, buffer, length, filter, subtree != 0);
    if (!overlapped) {
        if (status == STATUS_PENDING) {
            WaitForSingleObject(local.hEvent, INFINITE);
            status = iosb->Status;
        }
        if (returned && NT_SUCCESS(status)) {
            *returned = (DWORD)iosb->Information;
        }
        NtClose(local.hEvent);
    }
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE; /* STATUS_PENDING too: the OVERLAPPED or the routine will tell */
}
