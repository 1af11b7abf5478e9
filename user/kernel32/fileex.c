/*
 * ReadFileEx / WriteFileEx: overlapped I/O whose completion is a call, not
 * an event. NtReadFile / NtWriteFile are given an ApcRoutine
 * (BaseIoCompletionApc)
 * and the caller's completion routine as its ApcContext; the kernel queues
 * the APC to this thread when the request completes, and it runs at the
 * thread's next alertable wait (SleepEx, WaitFor*ObjectEx with TRUE) as
 * completion(Win32 error, bytes moved, OVERLAPPED). The OVERLAPPED's
 * Internal and InternalHigh are the IO_STATUS_BLOCK; its hEvent is the
 * caller's own. A request refused at once queues nothing (FALSE and the
 * error); one that completes at once still runs its routine only in an
 * alertable wait.
 *
 * ReadFileScatter / WriteFileGather: one overlapped, unbuffered transfer
 * between the file and whole pages (ke/scatter.c), reported like ReadFile's
 * with an OVERLAPPED (event, port packet, GetOverlappedResult).
 */
#include "kernel32/fileapi.h"


void NTAPI BaseIoCompletionApc(PVOID context, IO_STATUS_BLOCK *iosb, ULONG reserved)
{
    (void)reserved;
    LPOVERLAPPED_COMPLETION_ROUTINE completion = (LPOVERLAPPED_COMPLETION_ROUTINE)context;
    completion(RtlNtStatusToDosError(iosb->Status), (DWORD)iosb->Information, (OVERLAPPED *)iosb);
}

/* The OVERLAPPED as the request's IO_STATUS_BLOCK, pending, and its offset. */
static IO_STATUS_BLOCK *StartRequest(OVERLAPPED *overlapped, LARGE_INTEGER *offset)
{
    offset->u.LowPart = overlapped->Offset;
    offset->u.HighPart = (LONG)overlapped->OffsetHigh;
    overlapped->Internal = (ULONG_PTR)STATUS_PENDING;
    overlapped->InternalHigh = 0;
    return (IO_STATUS_BLOCK *)overlapped;
}

static BOOL EndRequest(NTSTATUS status)
{
    if (NT_SUCCESS(status)) { /* STATUS_PENDING too: the routine will run */
        return TRUE;
    }
    BaseSetLastNtError(status);
    return FALSE;
}

BOOL WINAPI ReadFileEx(HANDLE file, void *buffer, DWORD length, OVERLAPPED *overlapped,
                       LPOVERLAPPED_COMPLETION_ROUTINE completion)
{
    if (!overlapped) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    LARGE_INTEGER offset;
    IO_STATUS_BLOCK *iosb = StartRequest(overlapped, &offset);
    return EndRequest(NtReadFile(file, NULL, (PVOID)BaseIoCompletionApc, (PVOID)completion, iosb,
                                 buffer, length, &offset, NULL));
}

BOOL WINAPI WriteFileEx(HANDLE file, const void *buffer, DWORD length, OVERLAPPED *overlapped,
                        LPOVERLAPPED_COMPLETION_ROUTINE completion)
{
    if (!overlapped) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    LARGE_INTEGER offset;
    IO_STATUS_BLOCK *iosb = StartRequest(overlapped, &offset);
    return EndRequest(NtWriteFile(file, NULL, (PVOID)BaseIoCompletionApc, (PVOID)completion, iosb,
                                  buffer, length, &offset, NULL));
}

/* The event is the OVERLAPPED's, and so is the port packet unless the
 * event handle's low bit asks for none; STATUS_PENDING is FALSE with
 * ERROR_IO_PENDING, as ReadFile's. */
static BOOL SegmentIo(HANDLE file, FILE_SEGMENT_ELEMENT *segments, DWORD length,
                      OVERLAPPED *overlapped, BOOL write)
{
    if (!overlapped) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    LARGE_INTEGER offset;
    IO_STATUS_BLOCK *iosb = StartRequest(overlapped, &offset);
    HANDLE event = (HANDLE)((ULONG_PTR)overlapped->hEvent & ~(ULONG_PTR)1);
    PVOID context = ((ULONG_PTR)overlapped->hEvent & 1) ? NULL : overlapped;
    NTSTATUS status = write ? NtWriteFileGather(file, event, NULL, context, iosb, segments, length,
                                                &offset, NULL)
                            : NtReadFileScatter(file, event, NULL, context, iosb, segments, length,
                                                &offset, NULL);
    if (status == STATUS_SUCCESS) {
        return TRUE;
    }
    BaseSetLastNtError(status); /* STATUS_PENDING: ERROR_IO_PENDING */
    return FALSE;
}

BOOL WINAPI ReadFileScatter(HANDLE file, FILE_SEGMENT_ELEMENT *segments, DWORD length,
                            DWORD *reserved, OVERLAPPED *overlapped)
{
    (void)reserved;
    return SegmentIo(file, segments, length, overlapped, FALSE);
}

BOOL WINAPI WriteFileGather(HANDLE file, FILE_SEGMENT_ELEMENT *segments, DWORD length,
                            DWORD *reserved, OVERLAPPED *overlapped)
{
    (void)reserved;
    return SegmentIo(file, segments, length, overlapped, TRUE);
}
