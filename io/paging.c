/*
 * Paging I/O on mapped files, and the cache hooks that keep ReadFile and
 * WriteFile coherent with the file's views (io.h).
 */
#include "io/iop.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A file of the volume: paging I/O has nothing to do with devices or
 * directories. */
static IO_FILE_OBJECT *DiskFile(EX_FILE *base)
{
    if (!IoIsDiskFile(base)) {
        return NULL;
    }
    IO_FILE_OBJECT *file = IopFileObject(base);
    return file->Device == IopDisk && !file->Fcb->Directory ? file : NULL;
}

NTSTATUS IoQueryFileIdentity(EX_FILE *base, IO_FILE_IDENTITY *identity)
{
    IO_FILE_OBJECT *file = DiskFile(base);
    if (!file) {
        return STATUS_INVALID_FILE_FOR_SECTION;
    }
    struct stat st;
    if (fstat(base->Fd, &st) != 0) {
        return IopErrnoToStatus(errno);
    }
    identity->Device = file->Fcb->Device;
    identity->Inode = file->Fcb->Inode;
    identity->Size = (uint64_t)st.st_size;
    identity->Path = file->Fcb->Path;
    return STATUS_SUCCESS;
}

NTSTATUS IoPageRead(EX_FILE *base, uint64_t offset, void *buffer, uint32_t length)
{
    uint32_t done = 0;
    while (done < length) {
        ssize_t r = pread(base->Fd, (uint8_t *)buffer + done, length - done,
                          (off_t)(offset + done));
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r < 0) {
            return IopErrnoToStatus(errno);
        }
        if (r == 0) {
            break; /* the end of the file: the rest of the page is zeros */
        }
        done += (uint32_t)r;
    }
    memset((uint8_t *)buffer + done, 0, length - done);
    return STATUS_SUCCESS;
}

NTSTATUS IoPageWrite(EX_FILE *base, uint64_t offset, const void *buffer, uint32_t length)
{
    IO_FILE_OBJECT *file = DiskFile(base);
    if (!file) {
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    if (file->Volume->ReadOnly) {
        return STATUS_MEDIA_WRITE_PROTECTED;
    }
    struct stat st;
    if (fstat(base->Fd, &st) != 0) {
        return IopErrnoToStatus(errno);
    }
    uint64_t end = (uint64_t)st.st_size;
    if (offset >= end) {
        return STATUS_SUCCESS; /* past the end of file: nothing of the file to write */
    }
    if (length > end - offset) {
        length = (uint32_t)(end - offset);
    }
    uint32_t done = 0;
    while (done < length) {
        ssize_t w = pwrite(base->Fd, (const uint8_t *)buffer + done, length - done,
                           (off_t)(offset + done));
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return IopErrnoToStatus(w < 0 ? errno : ENOSPC);
        }
        done += (uint32_t)w;
    }
    return STATUS_SUCCESS;
}

NTSTATUS IoExtendFileForSection(EX_FILE *base, uint64_t size)
{
    IO_FILE_OBJECT *file = DiskFile(base);
    if (!file) {
        return STATUS_INVALID_FILE_FOR_SECTION;
    }
    if (file->Volume->ReadOnly) {
        return STATUS_MEDIA_WRITE_PROTECTED;
    }
    struct stat st;
    if (fstat(base->Fd, &st) != 0) {
        return IopErrnoToStatus(errno);
    }
    if ((uint64_t)st.st_size >= size) {
        return STATUS_SUCCESS;
    }
    return ftruncate(base->Fd, (off_t)size) == 0 ? STATUS_SUCCESS : IopErrnoToStatus(errno);
}

void IoSetCacheCallbacks(IO_VOLUME *volume, const IO_CACHE_CALLBACKS *callbacks, void *context)
{
    volume->Cache = callbacks;
    volume->CacheContext = context;
}

void IopCacheRead(IO_FILE_OBJECT *file, uint64_t offset, void *buffer, uint32_t length)
{
    IO_VOLUME *volume = file->Volume;
    if (volume->Cache && file->Device == IopDisk && length) {
        volume->Cache->Read(volume->CacheContext, file->Fcb->Device, file->Fcb->Inode, offset,
                            buffer, length);
    }
}

void IopCacheWrite(IO_FILE_OBJECT *file, uint64_t offset, const void *buffer, uint32_t length)
{
    IO_VOLUME *volume = file->Volume;
    if (volume->Cache && file->Device == IopDisk && length) {
        volume->Cache->Write(volume->CacheContext, file->Fcb->Device, file->Fcb->Inode, offset,
                             buffer, length);
    }
}

bool IopCacheCanWriteImage(IO_FILE_OBJECT *file)
{
    IO_VOLUME *volume = file->Volume;
    return !volume->Cache || !volume->Cache->CanWriteImage || file->Device != IopDisk ||
           volume->Cache->CanWriteImage(volume->CacheContext, file->Fcb->Device,
                                        file->Fcb->Inode);
}

bool IopCacheCanDelete(IO_FILE_OBJECT *file)
{
    IO_VOLUME *volume = file->Volume;
    return !volume->Cache || !volume->Cache->CanDelete || file->Device != IopDisk ||
           file->Fcb->Directory ||
           volume->Cache->CanDelete(volume->CacheContext, file->Fcb->Device, file->Fcb->Inode);
}

bool IopCacheHasWritableReferences(IO_FILE_OBJECT *file)
{
    IO_VOLUME *volume = file->Volume;
    return volume->Cache && volume->Cache->HasWritableReferences && file->Device == IopDisk &&
           volume->Cache->HasWritableReferences(volume->CacheContext, file->Fcb->Device,
                                                file->Fcb->Inode);
}

void IopCacheTimesSet(IO_FILE_OBJECT *file)
{
    IO_VOLUME *volume = file->Volume;
    if (volume->Cache && volume->Cache->TimesSet && file->Device == IopDisk) {
        volume->Cache->TimesSet(volume->CacheContext, file->Fcb->Device, file->Fcb->Inode);
    }
}

bool IopCacheCanTruncate(IO_FILE_OBJECT *file, uint64_t size)
{
    IO_VOLUME *volume = file->Volume;
    return !volume->Cache || file->Device != IopDisk ||
           volume->Cache->CanTruncate(volume->CacheContext, file->Fcb->Device, file->Fcb->Inode,
                                      size);
}
