/*
 * NtFsControlFile: file-system control requests. On ntmm's own pipes,
 * the named pipe file system's (npfsctl.c: listen, disconnect, peek,
 * wait). FSCTL_PIPE_PEEK, kernel32's PeekNamedPipe, also on a standard stream
 * the host has as a pipe or a socket: FILE_PIPE_PEEK_BUFFER (NamedPipeState,
 * ReadDataAvailable, NumberOfMessages, MessageLength, then the data) says
 * how many bytes wait to be read (the host's FIONREAD), and copies them
 * when the stream is a socket (a peek that leaves them); a FIFO cannot be
 * read without taking the bytes, so from one no data is copied, only the
 * count. A pipe whose writer has gone, emptied, is STATUS_PIPE_BROKEN.
 * FSCTL_SET_SPARSE on a disk file, through a handle that may write it or
 * its attributes, succeeds: ntmm's files are the host's,
 * where a range never written takes no space already (the request asks
 * only that). Any other request, or one on a file it does not fit, is
 * STATUS_INVALID_DEVICE_REQUEST, as a disk file system answers one it
 * does not know.
 *
 * NtDeviceIoControlFile: device control requests (IOCTL_DISK_*,
 * IOCTL_STORAGE_*...). ntmm's files have no device below them to ask: on
 * a valid handle every request is STATUS_INVALID_DEVICE_REQUEST, but on a
 * console handle, where they are the console's requests (consvc.c).
 */
#include "ke/console.h"
#include "ke/iosvc.h"

#include <poll.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>

#define FSCTL_PIPE_PEEK 0x0011400Cu
#define FSCTL_SET_SPARSE 0x000900C4u
#define FILE_PIPE_CONNECTED_STATE 3u
#define PEEK_HEADER 16u
#define PEEK_MAX 65536u

/* NtFsControlFile(File, Event, ApcRoutine, ApcContext, IoStatusBlock,
 * FsControlCode, InputBuffer, InputBufferLength, OutputBuffer,
 * OutputBufferLength) */
NTSTATUS KiNtFsControlFile(KPROCESS *process, const uint32_t *a)
{
    NTSTATUS status;
    EX_FILE *file = KiReferenceFile(process, a[0], a[4], &status);
    if (!file) {
        return status;
    }
    KiCountIo(process, KiIoOther, 0);
    if (KiIsPipeEnd(file)) {
        status = KiPipeFsControl(process, file, a); /* npfsctl.c */
        ExDereferenceObject(&file->Header);
        return status;
    }
    if (a[5] == FSCTL_SET_SPARSE && IoIsDiskFile(file)) {
        /* It changes the file: a handle that may write it, or its attributes. */
        uint32_t granted = file->Access & ExGetHandleAccess(&process->Handles, a[0]);
        ExDereferenceObject(&file->Header);
        if (!(granted & (FILE_WRITE_DATA | FILE_WRITE_ATTRIBUTES))) {
            return STATUS_ACCESS_DENIED;
        }
        return KiCompleteIo(process, a[4], STATUS_SUCCESS, 0);
    }
    struct stat st;
    bool pipe = !IoIsDiskFile(file) && fstat(file->Fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
    if (a[5] != FSCTL_PIPE_PEEK || !pipe) {
        ExDereferenceObject(&file->Header);
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    if (a[9] < PEEK_HEADER) {
        ExDereferenceObject(&file->Header);
        return STATUS_BUFFER_TOO_SMALL;
    }
    int available = 0;
    if (ioctl(file->Fd, FIONREAD, &available) != 0 || available < 0) {
        available = 0;
    }
    if (available == 0) {
        struct pollfd p = {.fd = file->Fd, .events = POLLIN};
        if (poll(&p, 1, 0) == 1 && (p.revents & POLLHUP) && !(p.revents & POLLIN)) {
            ExDereferenceObject(&file->Header);
            return STATUS_PIPE_BROKEN;
        }
    }
    uint32_t room = a[9] - PEEK_HEADER;
    room = room < PEEK_MAX ? room : PEEK_MAX;
    uint32_t copied = 0;
    uint8_t *data = NULL;
    if (S_ISSOCK(st.st_mode) && room && available) {
        data = malloc(room);
        ssize_t n = data ? recv(file->Fd, data, room, MSG_PEEK | MSG_DONTWAIT) : -1;
        copied = n > 0 ? (uint32_t)n : 0;
    }
    ExDereferenceObject(&file->Header);
    uint32_t header[4] = {FILE_PIPE_CONNECTED_STATE, (uint32_t)available, 0, 0};
    status = MmCopyToUser(process->Mm, a[8], header, sizeof header);
    if (status == STATUS_SUCCESS && copied) {
        status = MmCopyToUser(process->Mm, a[8] + PEEK_HEADER, data, copied);
    }
    free(data);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    /* The data did not all fit: what a byte-mode pipe's peek says then. */
    NTSTATUS result = S_ISSOCK(st.st_mode) && copied < (uint32_t)available ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
    return KiCompleteIo(process, a[4], result, PEEK_HEADER + copied);
}

/* NtDeviceIoControlFile(File, Event, ApcRoutine, ApcContext,
 * IoStatusBlock, IoControlCode, InputBuffer, InputBufferLength,
 * OutputBuffer, OutputBufferLength) */
NTSTATUS KiNtDeviceIoControlFile(KPROCESS *process, const uint32_t *a)
{
    NTSTATUS status;
    EX_FILE *file = KiReferenceFile(process, a[0], a[4], &status);
    if (!file) {
        return status;
    }
    KiCountIo(process, KiIoOther, 0);
    status = KiIsConsoleFile(file) ? KiConsoleControl(process, file, a) : STATUS_INVALID_DEVICE_REQUEST;
    ExDereferenceObject(&file->Header);
    return status;
}
