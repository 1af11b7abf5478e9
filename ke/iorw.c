/*
 * Moving bytes: NtReadFile and NtWriteFile (the volume's files through io/,
 * pipes through npfs.c, mailslots through msfs.c, the console through consvc.c, the host's standard streams directly), NtFlushBuffersFile, and the
 * byte-range locks of NtLockFile / NtUnlockFile. Buffers are probed whole
 * before a byte moves, then copied through the host in pieces.
 */
#include "ke/console.h"
#include "ke/iosvc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ProbeForRead / ProbeForWrite: every page of the buffer is reachable (and
 * writable) before any byte moves, so a bad buffer fails the whole call,
 * as NT's I/O manager does, instead of transferring part of it. */
NTSTATUS KiProbeIoBuffer(KPROCESS *process, uint32_t va, uint32_t length, bool write)
{
    if (!length) {
        return STATUS_SUCCESS;
    }
    if ((uint64_t)va + length > 0x7FFF0000u) {
        return STATUS_ACCESS_VIOLATION;
    }
    for (uint64_t page = va & ~0xFFFull; page < (uint64_t)va + length; page += 0x1000) {
        uint32_t at = page < va ? va : (uint32_t)page;
        uint8_t byte;
        NTSTATUS status = MmCopyFromUser(process->Mm, &byte, at, 1);
        if (status == STATUS_SUCCESS && write) {
            status = MmCopyToUser(process->Mm, at, &byte, 1);
        }
        if (status != STATUS_SUCCESS) {
            return status;
        }
    }
    return STATUS_SUCCESS;
}

/* A transfer moves through the host in pieces of at most this much. */
#define KI_IO_CHUNK (1u << 20)

/* The host's standard streams: read what is there (up to the length, in
 * one host read), write all of it. */
static NTSTATUS HostStreamIo(KPROCESS *process, EX_FILE *file, bool writing, uint32_t buffer,
                             uint32_t length, uint32_t *done)
{
    uint8_t chunk[65536];
    NTSTATUS status = STATUS_SUCCESS;
    *done = 0;
    if (!writing) {
        if (!length) {
            return STATUS_SUCCESS;
        }
        uint32_t n = length < sizeof chunk ? length : (uint32_t)sizeof chunk;
        ssize_t r;
        do {
            r = read(file->Fd, chunk, n);
        } while (r < 0 && errno == EINTR);
        if (r < 0) {
            return STATUS_UNEXPECTED_IO_ERROR;
        }
        if (r == 0) {
            return STATUS_END_OF_FILE;
        }
        status = MmCopyToUser(process->Mm, buffer, chunk, (size_t)r);
        *done = status == STATUS_SUCCESS ? (uint32_t)r : 0;
        return status;
    }
    while (status == STATUS_SUCCESS && *done < length) {
        uint32_t n = length - *done < sizeof chunk ? length - *done : (uint32_t)sizeof chunk;
        status = MmCopyFromUser(process->Mm, chunk, buffer + *done, n);
        for (uint32_t off = 0; status == STATUS_SUCCESS && off < n;) {
            ssize_t w = write(file->Fd, chunk + off, n - off);
            if (w < 0 && errno == EINTR) {
                continue;
            }
            if (w <= 0) {
                status = STATUS_UNEXPECTED_IO_ERROR;
                break;
            }
            off += (uint32_t)w;
        }
        if (status == STATUS_SUCCESS) {
            *done += n;
        }
    }
    return status;
}

/* NtReadFile / NtWriteFile(File, Event, Apc, ApcContext, IoStatus, Buffer,
 * Length, ByteOffset, Key). The Event and the file's port learn of the
 * completion (irp.c); only a pipe's request can pend (npfs.c). */
static NTSTATUS ReadWrite(KPROCESS *process, const uint32_t *a, bool write)
{
    NTSTATUS status;
    EX_FILE *file = KiReferenceFile(process, a[0], a[4], &status);
    if (!file) {
        return status;
    }
    uint32_t needed = write ? FILE_WRITE_DATA | FILE_APPEND_DATA : FILE_READ_DATA;
    int64_t offset = 0;
    uint32_t key = 0;
    /* The file was opened for it, and this handle grants it (a duplicate
     * may have fewer rights than the file object). */
    uint32_t granted = file->Access & ExGetHandleAccess(&process->Handles, a[0]);
    status = (granted & needed) ? STATUS_SUCCESS : STATUS_ACCESS_DENIED;
    if (status == STATUS_SUCCESS && a[7]) {
        status = MmCopyFromUser(process->Mm, &offset, a[7], sizeof offset);
    }
    if (status == STATUS_SUCCESS && a[8]) {
        status = MmCopyFromUser(process->Mm, &key, a[8], sizeof key);
    }
    /* A read's buffer is probed before the request begins: a bad one is
     * STATUS_ACCESS_VIOLATION with the caller's event untouched. A write's
     * is the file system's to fault on, after the events were reset: a
     * disk file's is then STATUS_INVALID_USER_BUFFER, NTFS's answer when
     * the cache's copy faults (Wine's ntdll file.c:4389-4428, kernel32
     * file.c:3324, 3367 and 3393). */
    KEVENT *event = NULL;
    if (status == STATUS_SUCCESS && !write) {
        status = KiProbeIoBuffer(process, a[5], a[6], true);
    }
    if (status == STATUS_SUCCESS) {
        status = KiStartIo(process, file, a[1], a[2], &event);
    }
    if (status == STATUS_SUCCESS && write) {
        status = KiProbeIoBuffer(process, a[5], a[6], false);
        if (status == STATUS_ACCESS_VIOLATION && IoIsDiskFile(file)) {
            status = STATUS_INVALID_USER_BUFFER;
        }
    }
    uint32_t done = 0;
    if (status == STATUS_SUCCESS && KiIsPipeEnd(file)) {
        status = KiPipeReadWrite(process, file, write, a[5], a[6], a[4], &event, a[2], a[3],
                                 &done);
        if (status == STATUS_PENDING) {
            /* An IRP waits in the pipe (it has the event), or the thread
             * waits to run the service again. */
            if (event) {
                ExDereferenceObject(&event->Header);
            }
            ExDereferenceObject(&file->Header);
            return status;
        }
    } else if (status == STATUS_SUCCESS && KiIsMailslotFile(file)) {
        status = KiMailslotReadWrite(process, file, write, a[5], a[6], &done);
        if (status == STATUS_PENDING) {
            if (event) {
                ExDereferenceObject(&event->Header);
            }
            ExDereferenceObject(&file->Header);
            return status; /* the thread waits to run the service again */
        }
    } else if (status == STATUS_SUCCESS && KiIsConsoleFile(file)) {
        status = KiConsoleReadWrite(process, file, write, a[5], a[6], &done);
    } else if (status == STATUS_SUCCESS && !IoIsDiskFile(file)) {
        status = HostStreamIo(process, file, write, a[5], a[6], &done);
    } else if (status == STATUS_SUCCESS) {
        uint32_t length = a[6];
        uint8_t *chunk = malloc(length < KI_IO_CHUNK ? (length ? length : 1) : KI_IO_CHUNK);
        status = chunk ? STATUS_SUCCESS : STATUS_NO_MEMORY;
        /* After the first piece, the rest follows it: at the explicit
         * offset plus what is done, else where the file object now is. */
        bool explicit = a[7] && offset >= 0;
        const int64_t *where = a[7] ? &offset : NULL;
        do {
            uint32_t n = length - done < KI_IO_CHUNK ? length - done : KI_IO_CHUNK;
            int64_t next = offset + done;
            uint32_t moved = 0;
            if (explicit) {
                where = &next;
            }
            if (write) {
                status = MmCopyFromUser(process->Mm, chunk, a[5] + done, n);
                if (status == STATUS_SUCCESS) {
                    status = IoWriteFile(file, chunk, n, where, key, &moved);
                }
            } else {
                status = IoReadFile(file, chunk, n, where, key, &moved);
                if (status == STATUS_SUCCESS && moved) {
                    status = MmCopyToUser(process->Mm, a[5] + done, chunk, moved);
                }
            }
            done += moved;
            if (status != STATUS_SUCCESS || moved < n) {
                break;
            }
        } while (done < length);
        if (status == STATUS_END_OF_FILE && done) {
            status = STATUS_SUCCESS; /* a short read, not the end */
        }
        free(chunk);
    }
    if (write && done && IoIsDiskFile(file)) {
        KiReportFileChange(process->System, file, FILE_ACTION_MODIFIED,
                           FILE_NOTIFY_CHANGE_LAST_WRITE | FILE_NOTIFY_CHANGE_SIZE);
    }
    /* The end of the file, met at once on an overlapped file, is an error
     * returned at once: the IO_STATUS_BLOCK stays as it was (Wine's ntdll
     * file.c:4920-4924); a synchronous file's gets it. */
    bool eof_at_once = status == STATUS_END_OF_FILE && !done && file->Overlapped;
    if ((KiIoCompletes(status) || done) && !eof_at_once) {
        KiCountIo(process, write ? KiIoWrite : KiIoRead, done);
        status = KiCompleteIo(process, a[4], status, done);
        NTSTATUS returned = KiUnbufferedIoPends(file, status);
        /* A synchronous read of a disk file is NT's fast I/O path, a copy
         * from the cache with no IRP, so no APC comes of it (Wine's ntdll
         * file.c:723 states it; a write, or an overlapped read, has one). */
        bool fast = !write && !file->Overlapped && IoIsDiskFile(file);
        KiFinishIo(process, file, event, fast ? 0 : a[2], a[3], a[4], status, done);
        status = returned;
    }
    if (event) {
        ExDereferenceObject(&event->Header);
    }
    ExDereferenceObject(&file->Header);
    return status;
}

NTSTATUS KiNtWriteFile(KPROCESS *process, const uint32_t *a)
{
    return ReadWrite(process, a, true);
}

NTSTATUS KiNtReadFile(KPROCESS *process, const uint32_t *a)
{
    return ReadWrite(process, a, false);
}

/* NtFlushBuffersFile(File, IoStatus) */
NTSTATUS KiNtFlushBuffersFile(KPROCESS *process, const uint32_t *a)
{
    NTSTATUS status;
    EX_FILE *file = KiReferenceFile(process, a[0], a[1], &status);
    if (!file) {
        return status;
    }
    if (IoIsDiskFile(file)) {
        status = IoFlushFile(file);
    } else if (KiIsConsoleFile(file)) {
        status = KiConsoleFlush(file);
    } else {
        status = (file->Access & FILE_WRITE_DATA) ? STATUS_SUCCESS : STATUS_ACCESS_DENIED;
    }
    ExDereferenceObject(&file->Header);
    return status == STATUS_SUCCESS ? KiCompleteIo(process, a[1], status, 0) : status;
}

/* The ByteOffset and Length of NtLockFile / NtUnlockFile. */
static NTSTATUS CaptureRange(KPROCESS *process, uint32_t offset_va, uint32_t length_va,
                             uint64_t *offset, uint64_t *length)
{
    NTSTATUS status = MmCopyFromUser(process->Mm, offset, offset_va, sizeof *offset);
    if (status == STATUS_SUCCESS) {
        status = MmCopyFromUser(process->Mm, length, length_va, sizeof *length);
    }
    return status;
}

/* NtLockFile(File, Event, Apc, ApcContext, IoStatus, ByteOffset, Length,
 * Key, FailImmediately, ExclusiveLock) */
NTSTATUS KiNtLockFile(KPROCESS *process, const uint32_t *a)
{
    NTSTATUS status;
    EX_FILE *file = KiReferenceFile(process, a[0], a[4], &status);
    if (!file) {
        return status;
    }
    uint64_t offset, length;
    status = CaptureRange(process, a[5], a[6], &offset, &length);
    if (status == STATUS_SUCCESS) {
        status = IoIsDiskFile(file) ? IoLockFile(file, offset, length, a[7], (a[8] & 0xFF) != 0,
                                                 (a[9] & 0xFF) != 0)
                                    : STATUS_INVALID_DEVICE_REQUEST;
    }
    ExDereferenceObject(&file->Header);
    return status == STATUS_SUCCESS ? KiCompleteIo(process, a[4], status, 0) : status;
}

/* NtUnlockFile(File, IoStatus, ByteOffset, Length, Key) */
NTSTATUS KiNtUnlockFile(KPROCESS *process, const uint32_t *a)
{
    NTSTATUS status;
    EX_FILE *file = KiReferenceFile(process, a[0], a[1], &status);
    if (!file) {
        return status;
    }
    uint64_t offset, length;
    status = CaptureRange(process, a[2], a[3], &offset, &length);
    if (status == STATUS_SUCCESS) {
        status = IoIsDiskFile(file) ? IoUnlockFile(file, offset, length, a[4])
                                    : STATUS_INVALID_DEVICE_REQUEST;
    }
    ExDereferenceObject(&file->Header);
    return status == STATUS_SUCCESS ? KiCompleteIo(process, a[1], status, 0) : status;
}
