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

BOOL WINAPI WriteFile(HANDLE file, const void *buffer, DWORD length, DWORD *written,
                      PVOID overlapped)
{
    IO_STATUS_BLOCK iosb = {0, 0};
    if (overlapped) {
        SetLastError(ERROR_INVALID_PARAMETER); /* no asynchronous I/O here */
        return FALSE;
    }
    if (written) {
        *written = 0;
    }
    NTSTATUS status = NtWriteFile(file, NULL, NULL, NULL, &iosb, buffer, length, NULL, NULL);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    if (written) {
        *written = iosb.Information;
    }
    return TRUE;
}

BOOL WINAPI ReadFile(HANDLE file, void *buffer, DWORD length, DWORD *read, PVOID overlapped)
{
    IO_STATUS_BLOCK iosb = {0, 0};
    if (overlapped) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (read) {
        *read = 0;
    }
    NTSTATUS status = NtReadFile(file, NULL, NULL, NULL, &iosb, buffer, length, NULL, NULL);
    if (status == STATUS_END_OF_FILE) {
        return TRUE; /* end of file: success with zero bytes, as Win32 reports it */
    }
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
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
    return TRUE;
}
