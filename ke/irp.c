/*
 * Overlapped I/O: what happens around a request on a file, whatever the
 * file. NT's I/O manager, at the start of NtReadFile, NtWriteFile or
 * NtFsControlFile, resets the caller's event and the file object's own;
 * at the end (IopCompleteRequest) it writes the IO_STATUS_BLOCK, signals
 * both, and queues a packet to the completion port the file is associated
 * with (FileCompletionInformation), carrying the request's ApcContext —
 * kernel32 passes the OVERLAPPED there, or nothing when the event handle's
 * low bit asks for no packet. A request that names an ApcRoutine (kernel32's
 * ReadFileEx and WriteFileEx) instead queues a user APC to the thread that
 * issued it, ApcRoutine(ApcContext, IoStatusBlock, 0), which runs at that
 * thread's next alertable wait; such a request gets no port packet, and a
 * file associated with a port refuses one (STATUS_INVALID_PARAMETER; Wine's
 * ntdll file.c:1225).
 *
 * Most of ntmm's requests complete inside the service (KiFinishIo). The
 * ones that cannot — a pipe read with nothing to read, a write with no
 * room, a listen with no client, on a file opened for overlapped I/O —
 * become an IRP that waits in the pipe (npfs.c) while the caller's thread
 * goes on; the service returns STATUS_PENDING (kernel32: FALSE with
 * ERROR_IO_PENDING). When the pipe can serve it, KiCompleteIrp writes the
 * status and count into the caller's OVERLAPPED (its IO_STATUS_BLOCK, in
 * the caller's process, which need not be the one running) and signals as
 * above. A request that fails at once (an error returned by the service)
 * signals nothing and queues no packet, as on Windows; one that fails
 * after it pended (a broken pipe) does both.
 */
#include "ke/iosvc.h"

#include <stdlib.h>

#define EVENT_MODIFY_STATE 0x0002u

NTSTATUS KiStartIo(KPROCESS *process, EX_FILE *file, uint32_t event_handle, uint32_t apc_routine,
                   KEVENT **event)
{
    *event = NULL;
    if (apc_routine && file->CompletionPort) {
        return STATUS_INVALID_PARAMETER;
    }
    if (event_handle) {
        NTSTATUS status;
        *event = (KEVENT *)ExReferenceObjectByHandleWithAccess(
            &process->Handles, event_handle, ExObjectEvent, EVENT_MODIFY_STATE, &status);
        if (!*event) {
            return status;
        }
        (*event)->Signaled = false;
    }
    file->Signaled = false;
    return STATUS_SUCCESS;
}

/* The I/O APC for the issuing thread (IopCompleteRequest's KeInsertQueueApc);
 * a thread that has ended takes none. */
static void QueueIoApc(KTHREAD *thread, uint32_t apc_routine, uint32_t apc_context, uint32_t iosb)
{
    if (thread->State == KiDead || thread->Terminated) {
        return;
    }
    KI_USER_APC *apc = calloc(1, sizeof *apc);
    if (!apc) {
        return; /* as KeInsertQueueApc failing: the APC is lost, the I/O is done */
    }
    apc->Routine = apc_routine;
    apc->Argument[0] = apc_context;
    apc->Argument[1] = iosb;
    KiQueueUserApc(thread, apc);
}

/* The part of completion every request has, at once or later. */
static void Signal(KSYSTEM *system, EX_FILE *file, KEVENT *event, KTHREAD *thread,
                   uint32_t apc_routine, uint32_t apc_context, uint32_t iosb, NTSTATUS status,
                   uint32_t information)
{
    if (event) {
        event->Signaled = true;
    }
    file->Signaled = true;
    if (apc_routine) {
        QueueIoApc(thread, apc_routine, apc_context, iosb);
    } else if (file->CompletionPort && apc_context) {
        KiQueueIoCompletion(file->CompletionPort, file->CompletionKey, apc_context, status,
                            information);
    }
    KiUnwaitThreads(system);
}

void KiFinishIo(KPROCESS *process, EX_FILE *file, KEVENT *event, uint32_t apc_routine,
                uint32_t apc_context, uint32_t iosb, NTSTATUS status, uint32_t information)
{
    if ((uint32_t)status < 0xC0000000u) { /* an error returned at once signals nothing */
        Signal(process->System, file, event, KiCurrentThread(process), apc_routine, apc_context,
               iosb, status, information);
    } else if (!file->Overlapped) {
        /* ...except on a synchronous file, whose event and file object are
         * set for it too (no APC, no packet): a read at the end of the file
         * (Wine's ntdll file.c:730-736). */
        if (event) {
            event->Signaled = true;
        }
        file->Signaled = true;
        KiUnwaitThreads(process->System);
    }
}

NTSTATUS KiUnbufferedIoPends(const EX_FILE *file, NTSTATUS status)
{
    bool pends = file->Overlapped && file->NoBuffering && IoIsDiskFile(file);
    return pends && (uint32_t)status < 0x80000000u ? STATUS_PENDING : status;
}

KI_IRP *KiAllocateIrp(KPROCESS *process, EX_FILE *file, KEVENT *event, uint32_t apc_routine,
                      uint32_t apc_context, uint32_t iosb, uint8_t major, uint32_t buffer,
                      uint32_t length)
{
    KI_IRP *irp = calloc(1, sizeof *irp);
    if (!irp) {
        return NULL;
    }
    irp->Process = process;
    irp->Thread = KiCurrentThread(process);
    irp->File = file;
    ExReferenceObject(&process->Header);
    ExReferenceObject(&irp->Thread->Header);
    ExReferenceObject(&file->Header);
    irp->Event = event;
    irp->ApcRoutine = apc_routine;
    irp->ApcContext = apc_context;
    irp->IoStatusBlock = iosb;
    irp->Major = major;
    irp->Buffer = buffer;
    irp->Length = length;
    return irp;
}

void KiCompleteIrp(KI_IRP *irp, NTSTATUS status, uint32_t information)
{
    KPROCESS *process = irp->Process;
    KSYSTEM *system = process->System;
    /* A process that has ended has no memory to write the status into. */
    if (process->State != KiDead && process->Mm) {
        uint32_t block[2] = {(uint32_t)status, information};
        MmCopyToUser(process->Mm, irp->IoStatusBlock, block, sizeof block);
    }
    Signal(system, irp->File, irp->Event, irp->Thread, irp->ApcRoutine, irp->ApcContext,
           irp->IoStatusBlock, status, information);
    if (irp->Event) {
        ExDereferenceObject(&irp->Event->Header);
    }
    ExDereferenceObject(&irp->File->Header);
    ExDereferenceObject(&irp->Thread->Header);
    ExDereferenceObject(&process->Header);
    free(irp);
}

/* NtCancelIoFile(File, IoStatusBlock): the calling thread's requests on
 * the file that wait complete with STATUS_CANCELLED; success either way. */
NTSTATUS KiNtCancelIoFile(KPROCESS *process, const uint32_t *a)
{
    NTSTATUS status;
    EX_FILE *file = (EX_FILE *)ExReferenceObjectByHandle(&process->Handles, a[0], ExObjectFile,
                                                         &status);
    if (!file) {
        return status;
    }
    status = KiProbeIoStatus(process, a[1]);
    if (status == STATUS_SUCCESS) {
        KiCancelPipeIo(file, KiCurrentThread(process), 0);
        KiCancelNotifyIo(file, KiCurrentThread(process), 0);
        uint32_t block[2] = {STATUS_SUCCESS, 0};
        status = MmCopyToUser(process->Mm, a[1], block, sizeof block);
    }
    ExDereferenceObject(&file->Header);
    return status;
}

/* NtCancelIoFileEx(File, IoRequestToCancel, IoStatusBlock): every thread's
 * requests on the file (only the one whose IO_STATUS_BLOCK is
 * IoRequestToCancel, when given); STATUS_NOT_FOUND if none waited. */
NTSTATUS KiNtCancelIoFileEx(KPROCESS *process, const uint32_t *a)
{
    NTSTATUS status;
    EX_FILE *file = (EX_FILE *)ExReferenceObjectByHandle(&process->Handles, a[0], ExObjectFile,
                                                         &status);
    if (!file) {
        return status;
    }
    status = KiProbeIoStatus(process, a[2]);
    if (status == STATUS_SUCCESS) {
        uint32_t cancelled = KiCancelPipeIo(file, NULL, a[1]) + KiCancelNotifyIo(file, NULL, a[1]);
        status = cancelled ? STATUS_SUCCESS : STATUS_NOT_FOUND;
        if (status == STATUS_SUCCESS) {
            uint32_t block[2] = {STATUS_SUCCESS, 0};
            status = MmCopyToUser(process->Mm, a[2], block, sizeof block);
        }
    }
    ExDereferenceObject(&file->Header);
    return status;
}
