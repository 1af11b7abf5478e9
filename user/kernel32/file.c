/* The standard handles, and reading and writing them. */
#include "kernel32/kernel32.h"

#define STD_INPUT_HANDLE  ((DWORD)-10)
#define STD_OUTPUT_HANDLE ((DWORD)-11)
#define STD_ERROR_HANDLE  ((DWORD)-12)

HANDLE WINAPI GetStdHandle(DWORD which)
{
    RTL_USER_PROCESS_PARAMETERS *params = NtCurrentPeb()->ProcessParameters;
    switch (which) {
    case STD_INPUT_HANDLE:
        return params->StandardInput;
    case STD_OUTPUT_HANDLE:
        return params->StandardOutput;
    case STD_ERROR_HANDLE:
        return params->StandardError;
    default:
        SetLastError(ERROR_INVALID_HANDLE);
        return INVALID_HANDLE_VALUE;
    }
}

/* An OVERLAPPED names the offset; the I/O is always complete on return
 * here, so it also gets the status and the byte count at once. */
static LARGE_INTEGER *OverlappedOffset(const OVERLAPPED *overlapped, LARGE_INTEGER *offset)
{
    if (!overlapped) {
        return NULL;
    }
    offset->u.LowPart = overlapped->Offset;
    offset->u.HighPart = (LONG)overlapped->OffsetHigh;
    return offset;
}

/* A handle associated with a completion port gets a packet for each
 * overlapped operation that succeeds (iocomp.c). */
static void CompleteOverlapped(HANDLE file, OVERLAPPED *overlapped, NTSTATUS status, ULONG bytes)
{
    if (overlapped) {
        overlapped->Internal = (ULONG)status;
        overlapped->InternalHigh = bytes;
        if (NT_SUCCESS(status)) {
            BasepCompleteToPort(file, overlapped, bytes);
        }
    }
}

BOOL WINAPI WriteFile(HANDLE file, const void *buffer, DWORD length, DWORD *written,
                      OVERLAPPED *overlapped)
{
    IO_STATUS_BLOCK iosb = {0, 0};
    LARGE_INTEGER offset;
    if (written) {
        *written = 0;
    }
    NTSTATUS status = NtWriteFile(file, NULL, NULL, NULL, &iosb, buffer, length,
                                  OverlappedOffset(overlapped, &offset), NULL);
    CompleteOverlapped(file, overlapped, status, iosb.Information);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    if (written) {
        *written = iosb.Information;
    }
    return TRUE;
}

BOOL WINAPI ReadFile(HANDLE file, void *buffer, DWORD length, DWORD *read,
                     OVERLAPPED *overlapped)
{
    IO_STATUS_BLOCK iosb = {0, 0};
    LARGE_INTEGER offset;
    if (read) {
        *read = 0;
    }
    NTSTATUS status = NtReadFile(file, NULL, NULL, NULL, &iosb, buffer, length,
                                 OverlappedOffset(overlapped, &offset), NULL);
    CompleteOverlapped(file, overlapped, status, iosb.Information);
    if (status == STATUS_END_OF_FILE && !overlapped) {
        return TRUE; /* end of file: success with zero bytes, as Win32 reports it */
    }
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status); /* with an OVERLAPPED: ERROR_HANDLE_EOF */
        return FALSE;
    }
    if (read) {
        *read = iosb.Information;
    }
    return TRUE;
}

BOOL WINAPI CloseHandle(HANDLE handle)
{
    NTSTATUS status = NtClose(handle);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    BasepForgetCompletion(handle);
    return TRUE;
}
