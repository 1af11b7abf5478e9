/*
 * Reading and writing a file object: where (the ByteOffset or the current
 * position of a synchronous file object), how much, and whether a
 * byte-range lock of another owner is in the way.
 */
#include "io/iop.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

/* The offset a transfer starts at, or a status. */
static NTSTATUS TransferOffset(IO_FILE_OBJECT *file, const int64_t *offset, bool write,
                               int64_t *start)
{
    bool append_only = write && (file->Base.Access & FILE_APPEND_DATA) &&
                       !(file->Base.Access & FILE_WRITE_DATA);
    if (append_only || (write && offset && *offset == IO_WRITE_TO_END_OF_FILE)) {
        struct stat st;
        if (fstat(file->Base.Fd, &st) != 0) {
            return IopErrnoToStatus(errno);
        }
        *start = st.st_size;
        return STATUS_SUCCESS;
    }
    if (!offset || *offset == IO_USE_FILE_POINTER_POSITION) {
        if (!file->Synchronous) {
            return STATUS_INVALID_PARAMETER; /* asynchronous I/O names its offset */
        }
        *start = file->CurrentByteOffset;
        return STATUS_SUCCESS;
    }
    if (*offset < 0) {
        return STATUS_INVALID_PARAMETER;
    }
    *start = *offset;
    return STATUS_SUCCESS;
}

static NTSTATUS CheckForIo(EX_FILE *base, uint32_t needed)
{
    IO_FILE_OBJECT *file = IopFileObject(base);
    if (!(base->Access & needed)) {
        return STATUS_ACCESS_DENIED;
    }
    if (file->Device == IopDisk && file->Fcb->Directory) {
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    return STATUS_SUCCESS;
}

NTSTATUS IoReadFile(EX_FILE *base, void *buffer, uint32_t length, const int64_t *offset,
                    uint32_t key, uint32_t *done)
{
    IO_FILE_OBJECT *file = IopFileObject(base);
    *done = 0;
    NTSTATUS status = CheckForIo(base, FILE_READ_DATA);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (file->Device == IopNull) {
        return STATUS_END_OF_FILE;
    }
    int64_t start;
    status = TransferOffset(file, offset, false, &start);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (length == 0) {
        return STATUS_SUCCESS;
    }
    status = IopCheckLockForIo(file, (uint64_t)start, length, key, false);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    ssize_t r;
    do {
        r = pread(base->Fd, buffer, length, start);
    } while (r < 0 && errno == EINTR);
    if (r < 0) {
        return IopErrnoToStatus(errno);
    }
    if (r == 0) {
        return STATUS_END_OF_FILE;
    }
    *done = (uint32_t)r;
    IopCacheRead(file, (uint64_t)start, buffer, (uint32_t)r); /* a view's pages are newer */
    if (file->Synchronous) {
        file->CurrentByteOffset = start + r;
    }
    return STATUS_SUCCESS;
}

NTSTATUS IoWriteFile(EX_FILE *base, const void *buffer, uint32_t length, const int64_t *offset,
                     uint32_t key, uint32_t *done)
{
    IO_FILE_OBJECT *file = IopFileObject(base);
    *done = 0;
    NTSTATUS status = CheckForIo(base, FILE_WRITE_DATA | FILE_APPEND_DATA);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (file->Device == IopNull) {
        *done = length;
        return STATUS_SUCCESS;
    }
    if (file->Volume->ReadOnly) {
        return STATUS_MEDIA_WRITE_PROTECTED;
    }
    int64_t start;
    status = TransferOffset(file, offset, true, &start);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (length == 0) {
        return STATUS_SUCCESS;
    }
    if ((uint64_t)start + length > 0x7FFFFFFFFFFFFFFFull) {
        return STATUS_INVALID_PARAMETER;
    }
    status = IopCheckLockForIo(file, (uint64_t)start, length, key, true);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint32_t written = 0;
    while (written < length) {
        ssize_t w = pwrite(base->Fd, (const uint8_t *)buffer + written, length - written,
                           start + written);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            status = IopErrnoToStatus(w < 0 ? errno : ENOSPC);
            break;
        }
        written += (uint32_t)w;
    }
    *done = written;
    IopCacheWrite(file, (uint64_t)start, buffer, written); /* and the views see it */
    if (file->Synchronous) {
        file->CurrentByteOffset = start + written;
    }
    return status;
}

NTSTATUS IoFlushFile(EX_FILE *base)
{
    IO_FILE_OBJECT *file = IopFileObject(base);
    if (!(base->Access & (FILE_WRITE_DATA | FILE_APPEND_DATA))) {
        return STATUS_ACCESS_DENIED;
    }
    if (file->Device != IopDisk) {
        return STATUS_SUCCESS;
    }
    return fsync(base->Fd) == 0 || errno == EINVAL ? STATUS_SUCCESS : IopErrnoToStatus(errno);
}
