/* The standard handles, and reading and writing them. */
#include "kernel32/fileapi.h"

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

/*
 * With an OVERLAPPED, the request is NT's asynchronous form: the
 * OVERLAPPED's Internal and InternalHigh are its IO_STATUS_BLOCK (Internal
 * STATUS_PENDING until it completes), its offset the ByteOffset, its
 * hEvent the Event; the OVERLAPPED itself is the ApcContext, which an
 * associated completion port gets in its packet — unless hEvent's low bit
 * is set, which asks for no packet. On a handle opened with
 * FILE_FLAG_OVERLAPPED the request may pend: FALSE with ERROR_IO_PENDING,
 * and GetOverlappedResult, the event or the port tell when it is done.
 */
void BaseStartIo(BASE_IO *io, OVERLAPPED *overlapped)
{
    io->Local.Status = 0;
    io->Local.Information = 0;
    io->Iosb = &io->Local;
    io->ByteOffset = NULL;
    io->Event = NULL;
    io->ApcContext = NULL;
    if (overlapped) {
        overlapped->Internal = (ULONG_PTR)STATUS_PENDING;
        overlapped->InternalHigh = 0;
        io->Iosb = (IO_STATUS_BLOCK *)overlapped;
        io->Offset.u.LowPart = overlapped->Offset;
        io->Offset.u.HighPart = (LONG)overlapped->OffsetHigh;
        io->ByteOffset = &io->Offset;
        io->Event = (HANDLE)((ULONG_PTR)overlapped->hEvent & ~(ULONG_PTR)1);
        io->ApcContext = ((ULONG_PTR)overlapped->hEvent & 1) ? NULL : overlapped;
    }
}

/* The Win32 answer: TRUE, or FALSE with the error (ERROR_IO_PENDING when
 * the request waits; ERROR_MORE_DATA with the bytes of a message read in
 * part). The count is what the request moved. */
static BOOL EndIo(NTSTATUS status, const BASE_IO *io, DWORD *moved)
{
    if (status == STATUS_PENDING) {
        SetLastError(ERROR_IO_PENDING);
        return FALSE;
    }
    if (moved && (NT_SUCCESS(status) || status == STATUS_BUFFER_OVERFLOW)) {
        *moved = io->Iosb->Information;
    }
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI WriteFile(HANDLE file, const void *buffer, DWORD length, DWORD *written,
                      OVERLAPPED *overlapped)
{
    BASE_IO io;
    if (written) {
        *written = 0;
    }
    BaseStartIo(&io, overlapped);
    NTSTATUS status = NtWriteFile(file, io.Event, NULL, io.ApcContext, io.Iosb, buffer, length,
                                  io.ByteOffset, NULL);
    return EndIo(status, &io, written);
}

BOOL WINAPI ReadFile(HANDLE file, void *buffer, DWORD length, DWORD *read,
                     OVERLAPPED *overlapped)
{
    BASE_IO io;
    if (read) {
        *read = 0;
    }
    BaseStartIo(&io, overlapped);
    NTSTATUS status = NtReadFile(file, io.Event, NULL, io.ApcContext, io.Iosb, buffer, length,
                                 io.ByteOffset, NULL);
    if (status == STATUS_END_OF_FILE && !overlapped) {
        return TRUE; /* end of file: success with zero bytes, as Win32 reports it */
    }
    return EndIo(status, &io, read); /* with an OVERLAPPED: ERROR_HANDLE_EOF */
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
