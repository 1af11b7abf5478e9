/*
 * I/O completion ports (NT's IoCompletion object, a KQUEUE): a queue of
 * completion packets — key, APC context, status, information — that
 * NtSetIoCompletion appends and NtRemoveIoCompletion takes, first in,
 * first out, waiting for one if the queue is empty.
 *
 * The waiting: a port holds a notification event of its own, signaled
 * while the queue is not empty, and a thread that finds it empty waits on
 * that event (wait.c), with the timeout made absolute. When the wait ends
 * the thread has no packet yet: ntdll's NtRemoveIoCompletion
 * (user/ntdll/iocomp.c) calls this service, NtmmRemoveIoCompletion, again
 * until it reports a packet taken (*Removed) or a status other than
 * success; a thread that finds another took the packet first waits again
 * until the same deadline. NT wakes one waiter per packet and prefers the
 * thread that ran last (LIFO); here every waiter wakes and the first to
 * run takes it, which on one CPU is the one waiting longest.
 *
 * A file opened for overlapped I/O is associated with a port through
 * NtSetInformationFile(FileCompletionInformation): each of its requests
 * that completes then queues a packet here (irp.c), the file's key with
 * the request's ApcContext.
 *
 * NumberOfConcurrentThreads (the number of threads a port lets run at
 * once) has nothing to limit on one CPU and is kept only as given.
 */
#include "ke/ki.h"

#include <stdlib.h>

#define IO_COMPLETION_QUERY_STATE 0x0001u
#define IO_COMPLETION_MODIFY_STATE 0x0002u

typedef struct KI_COMPLETION_PACKET {
    struct KI_COMPLETION_PACKET *Next;
    uint32_t Key, ApcContext, Information;
    int32_t Status;
} KI_COMPLETION_PACKET;

typedef struct KI_IO_COMPLETION {
    EX_OBJECT Header;               /* ExObjectIoCompletion */
    KI_COMPLETION_PACKET *Head, *Tail;
    uint32_t Count;
    uint32_t Concurrency;
    KEVENT *NotEmpty;               /* notification: signaled while Count > 0 */
} KI_IO_COMPLETION;

static void CloseEvent(EX_OBJECT *object)
{
    free(object);
}

static void DeleteIoCompletion(EX_OBJECT *object)
{
    KI_IO_COMPLETION *port = (KI_IO_COMPLETION *)object;
    while (port->Head) {
        KI_COMPLETION_PACKET *packet = port->Head;
        port->Head = packet->Next;
        free(packet);
    }
    ExDereferenceObject(&port->NotEmpty->Header);
    free(port);
}

/* NtCreateIoCompletion(IoCompletionHandle, DesiredAccess, ObjectAttributes,
 * NumberOfConcurrentThreads) */
NTSTATUS KiNtCreateIoCompletion(KPROCESS *process, const uint32_t *a)
{
    KI_IO_COMPLETION *port = calloc(1, sizeof *port);
    KEVENT *event = calloc(1, sizeof *event);
    if (!port || !event) {
        free(port);
        free(event);
        return STATUS_NO_MEMORY;
    }
    event->Header.Type = ExObjectEvent;
    event->Header.References = 1;
    event->Header.Close = CloseEvent;
    port->Header.Type = ExObjectIoCompletion;
    port->Header.References = 1;
    port->Header.Close = DeleteIoCompletion;
    port->NotEmpty = event;
    port->Concurrency = a[3];
    return KiCreateNamedObject(process, a[0], a[2], &port->Header);
}

static NTSTATUS ReferencePort(KPROCESS *process, uint32_t handle, KI_IO_COMPLETION **port)
{
    NTSTATUS status;
    *port = (KI_IO_COMPLETION *)ExReferenceObjectByHandleWithAccess(
        &process->Handles, handle, ExObjectIoCompletion, IO_COMPLETION_MODIFY_STATE, &status);
    return *port ? STATUS_SUCCESS : status;
}

NTSTATUS KiQueueIoCompletion(EX_OBJECT *object, uint32_t key, uint32_t apc_context,
                             NTSTATUS status, uint32_t information)
{
    KI_IO_COMPLETION *port = (KI_IO_COMPLETION *)object;
    KI_COMPLETION_PACKET *packet = calloc(1, sizeof *packet);
    if (!packet) {
        return STATUS_NO_MEMORY;
    }
    packet->Key = key;
    packet->ApcContext = apc_context;
    packet->Status = (int32_t)status;
    packet->Information = information;
    if (port->Tail) {
        port->Tail->Next = packet;
    } else {
        port->Head = packet;
    }
    port->Tail = packet;
    port->Count++;
    port->NotEmpty->Signaled = true;
    return STATUS_SUCCESS;
}

/* NtSetIoCompletion(IoCompletionHandle, KeyContext, ApcContext, IoStatus,
 * IoStatusInformation): a packet at the tail; a waiter wakes. */
NTSTATUS KiNtSetIoCompletion(KPROCESS *process, const uint32_t *a)
{
    KI_IO_COMPLETION *port;
    NTSTATUS status = ReferencePort(process, a[0], &port);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    status = KiQueueIoCompletion(&port->Header, a[1], a[2], (NTSTATUS)a[3], a[4]);
    KiUnwaitThreads(process->System);
    ExDereferenceObject(&port->Header);
    return status;
}

/* NtOpenIoCompletion(IoCompletionHandle, DesiredAccess, ObjectAttributes):
 * a named port. */
NTSTATUS KiNtOpenIoCompletion(KPROCESS *process, const uint32_t *a)
{
    return KiOpenNamedObject(process, a, ExObjectIoCompletion);
}

/* NtQueryIoCompletion(IoCompletionHandle, InformationClass, Information,
 * Length, ResultLength): IoCompletionBasicInformation (0), {LONG Depth},
 * the packets queued (Wine's ntdll file.c:120 counts them so). */
NTSTATUS KiNtQueryIoCompletion(KPROCESS *process, const uint32_t *a)
{
    NTSTATUS status;
    KI_IO_COMPLETION *port = (KI_IO_COMPLETION *)ExReferenceObjectByHandleWithAccess(
        &process->Handles, a[0], ExObjectIoCompletion, IO_COMPLETION_QUERY_STATE, &status);
    if (!port) {
        return status;
    }
    uint32_t depth = port->Count, size = 4;
    status = a[1] != 0 ? STATUS_INVALID_INFO_CLASS
             : a[3] < 4 ? STATUS_INFO_LENGTH_MISMATCH
                        : MmCopyToUser(process->Mm, a[2], &depth, sizeof depth);
    if (status == STATUS_SUCCESS && a[4]) {
        status = MmCopyToUser(process->Mm, a[4], &size, sizeof size);
    }
    ExDereferenceObject(&port->Header);
    return status;
}

/* FILE_COMPLETION_INFORMATION {Port, Key}, NtSetInformationFile's: from
 * now on the file's I/O is reported to the port. Only a file opened for
 * overlapped I/O can be, and only once (STATUS_INVALID_PARAMETER). */
NTSTATUS KiSetFileCompletion(KPROCESS *process, EX_FILE *file, const uint8_t *info,
                             uint32_t length)
{
    if (length < 8) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    uint32_t handle = (uint32_t)info[0] | (uint32_t)info[1] << 8 | (uint32_t)info[2] << 16 |
                      (uint32_t)info[3] << 24;
    uint32_t key = (uint32_t)info[4] | (uint32_t)info[5] << 8 | (uint32_t)info[6] << 16 |
                   (uint32_t)info[7] << 24;
    if (!file->Overlapped || file->CompletionPort) {
        return STATUS_INVALID_PARAMETER;
    }
    KI_IO_COMPLETION *port;
    NTSTATUS status = ReferencePort(process, handle, &port);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    file->CompletionPort = &port->Header; /* the reference goes with the file */
    file->CompletionKey = key;
    return STATUS_SUCCESS;
}

/* The head packet written to the caller's KeyContext, ApcContext and
 * IO_STATUS_BLOCK and taken off the queue (left there if they cannot be
 * written). */
static NTSTATUS TakePacket(KPROCESS *process, KI_IO_COMPLETION *port, const uint32_t *a)
{
    KI_COMPLETION_PACKET *packet = port->Head;
    uint32_t iosb[2] = {(uint32_t)packet->Status, packet->Information};
    uint32_t removed = 1;
    NTSTATUS status = MmCopyToUser(process->Mm, a[1], &packet->Key, 4);
    if (status == STATUS_SUCCESS) {
        status = MmCopyToUser(process->Mm, a[2], &packet->ApcContext, 4);
    }
    if (status == STATUS_SUCCESS) {
        status = MmCopyToUser(process->Mm, a[3], iosb, sizeof iosb);
    }
    if (status == STATUS_SUCCESS) {
        status = MmCopyToUser(process->Mm, a[5], &removed, 4);
    }
    if (status != STATUS_SUCCESS) {
        return status;
    }
    port->Head = packet->Next;
    if (!port->Head) {
        port->Tail = NULL;
        port->NotEmpty->Signaled = false;
    }
    port->Count--;
    free(packet);
    return STATUS_SUCCESS;
}

/* NtmmRemoveIoCompletion(IoCompletionHandle, *KeyContext, *ApcContext,
 * *IoStatusBlock, *Timeout, *Removed): a packet if there is one (*Removed
 * 1); else a wait for one (*Removed 0; a relative *Timeout is rewritten
 * as the absolute time it ends, for the next call), which ends in
 * STATUS_SUCCESS when the port may have one, or STATUS_TIMEOUT. */
NTSTATUS KiNtmmRemoveIoCompletion(KPROCESS *process, const uint32_t *a)
{
    KI_IO_COMPLETION *port;
    NTSTATUS status = ReferencePort(process, a[0], &port);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (port->Head) {
        status = TakePacket(process, port, a);
        ExDereferenceObject(&port->Header);
        return status;
    }
    uint32_t removed = 0;
    status = MmCopyToUser(process->Mm, a[5], &removed, 4);
    int64_t timeout = 0;
    if (status == STATUS_SUCCESS && a[4]) {
        status = MmCopyFromUser(process->Mm, &timeout, a[4], sizeof timeout);
        if (status == STATUS_SUCCESS && timeout < 0) {
            /* Absolute from now on, so that waiting again ends when the first wait would. */
            timeout = (int64_t)(KI_BOOT_SYSTEM_TIME + KiGuestTime100ns(process) +
                                (0 - (uint64_t)timeout));
            status = MmCopyToUser(process->Mm, a[4], &timeout, sizeof timeout);
        }
    }
    if (status == STATUS_SUCCESS) {
        EX_OBJECT *event = &port->NotEmpty->Header;
        status = KiWaitForObjects(KiCurrentThread(process), &event, 1, false, false,
                                  a[4] ? &timeout : NULL);
    }
    ExDereferenceObject(&port->Header);
    return status;
}
