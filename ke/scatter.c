/*
 * Scatter/gather I/O: NtReadFileScatter and NtWriteFileGather (kernel32's
 * ReadFileScatter and WriteFileGather) move a run of the file to or from
 * pages scattered in memory, one FILE_SEGMENT_ELEMENT (a 64-bit address)
 * per page. NT builds one MDL over the pages and sends a single non-cached
 * request, so the file must be a disk file opened for overlapped,
 * unbuffered I/O (FILE_FLAG_OVERLAPPED | FILE_FLAG_NO_BUFFERING), the
 * offset and length whole sectors and each segment a page: anything else
 * is STATUS_INVALID_PARAMETER (Wine's kernel32 file.c:4956 for a handle
 * that is not overlapped). Like every unbuffered overlapped request, one
 * that succeeds returns STATUS_PENDING with its IO_STATUS_BLOCK final.
 */
#include "ke/iosvc.h"

#include <stdlib.h>

#define KI_PAGE 0x1000u
#define KI_SECTOR 512u /* the volume's BytesPerSector (GetDiskFreeSpace) */

/* NtReadFileScatter / NtWriteFileGather(File, Event, ApcRoutine,
 * ApcContext, IoStatusBlock, SegmentArray, Length, ByteOffset, Key) */
static NTSTATUS ScatterGather(KPROCESS *process, const uint32_t *a, bool write)
{
    NTSTATUS status;
    EX_FILE *file = KiReferenceFile(process, a[0], a[4], &status);
    if (!file) {
        return status;
    }
    uint32_t needed = write ? FILE_WRITE_DATA | FILE_APPEND_DATA : FILE_READ_DATA;
    uint32_t granted = file->Access & ExGetHandleAccess(&process->Handles, a[0]);
    uint32_t length = a[6], pages = (uint32_t)(((uint64_t)length + KI_PAGE - 1) / KI_PAGE);
    int64_t offset = 0;
    uint32_t key = 0;
    uint64_t *segments = NULL;
    status = (granted & needed) ? STATUS_SUCCESS : STATUS_ACCESS_DENIED;
    if (status == STATUS_SUCCESS &&
        (!IoIsDiskFile(file) || !file->Overlapped || !file->NoBuffering || !a[7] ||
         length % KI_SECTOR)) {
        status = STATUS_INVALID_PARAMETER;
    }
    if (status == STATUS_SUCCESS) {
        status = MmCopyFromUser(process->Mm, &offset, a[7], sizeof offset);
    }
    if (status == STATUS_SUCCESS && (offset < 0 || offset % KI_SECTOR)) {
        status = STATUS_INVALID_PARAMETER;
    }
    if (status == STATUS_SUCCESS && a[8]) {
        status = MmCopyFromUser(process->Mm, &key, a[8], sizeof key);
    }
    if (status == STATUS_SUCCESS && pages) {
        segments = calloc(pages, sizeof *segments);
        status = segments ? MmCopyFromUser(process->Mm, segments, a[5], pages * sizeof *segments)
                          : STATUS_NO_MEMORY;
    }
    /* Every page is there, and writable for a read, before a byte moves. */
    for (uint32_t i = 0; status == STATUS_SUCCESS && i < pages; i++) {
        uint32_t n = length - i * KI_PAGE < KI_PAGE ? length - i * KI_PAGE : KI_PAGE;
        if (segments[i] > 0xFFFFFFFFu || segments[i] % KI_PAGE) {
            status = STATUS_INVALID_PARAMETER;
        } else {
            status = KiProbeIoBuffer(process, (uint32_t)segments[i], n, !write);
        }
    }
    KEVENT *event = NULL;
    if (status == STATUS_SUCCESS) {
        status = KiStartIo(process, file, a[1], a[2], &event);
    }
    uint32_t done = 0;
    uint8_t *page = status == STATUS_SUCCESS ? malloc(KI_PAGE) : NULL;
    if (status == STATUS_SUCCESS && !page) {
        status = STATUS_NO_MEMORY;
    }
    for (uint32_t i = 0; status == STATUS_SUCCESS && i < pages; i++) {
        uint32_t n = length - done < KI_PAGE ? length - done : KI_PAGE;
        uint32_t va = (uint32_t)segments[i], moved = 0;
        int64_t at = offset + done;
        if (write) {
            status = MmCopyFromUser(process->Mm, page, va, n);
            if (status == STATUS_SUCCESS) {
                status = IoWriteFile(file, page, n, &at, key, &moved);
            }
        } else {
            status = IoReadFile(file, page, n, &at, key, &moved);
            if (status == STATUS_SUCCESS && moved) {
                status = MmCopyToUser(process->Mm, va, page, moved);
            }
        }
        done += moved;
        if (moved < n) {
            break; /* the end of the file: the pages after it are not touched */
        }
    }
    free(page);
    free(segments);
    if (status == STATUS_END_OF_FILE && done) {
        status = STATUS_SUCCESS; /* a short read, not the end */
    }
    if (write && done) {
        KiReportFileChange(process->System, file, FILE_ACTION_MODIFIED,
                           FILE_NOTIFY_CHANGE_LAST_WRITE | FILE_NOTIFY_CHANGE_SIZE);
    }
    if (KiIoCompletes(status) || done) {
        KiCountIo(process, write ? KiIoWrite : KiIoRead, done);
        status = KiCompleteIo(process, a[4], status, done);
        KiFinishIo(process, file, event, a[2], a[3], a[4], status, done);
        status = KiUnbufferedIoPends(file, status);
    }
    if (event) {
        ExDereferenceObject(&event->Header);
    }
    ExDereferenceObject(&file->Header);
    return status;
}

NTSTATUS KiNtReadFileScatter(KPROCESS *process, const uint32_t *a)
{
    return ScatterGather(process, a, false);
}

NTSTATUS KiNtWriteFileGather(KPROCESS *process, const uint32_t *a)
{
    return ScatterGather(process, a, true);
}
