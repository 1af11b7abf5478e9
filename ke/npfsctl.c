/*
 * The named pipe file system's control requests (NtFsControlFile on a
 * pipe's end) and its information classes:
 *
 *   FSCTL_PIPE_LISTEN (ConnectNamedPipe), on a server end: a disconnected
 *     instance listens again; it completes when a client connects —
 *     STATUS_PIPE_CONNECTED at once when one already has (kernel32:
 *     ERROR_PIPE_CONNECTED), STATUS_PIPE_CLOSING when it has come and
 *     gone (ERROR_NO_DATA); on a client end STATUS_ILLEGAL_FUNCTION.
 *   FSCTL_PIPE_DISCONNECT (DisconnectNamedPipe): the queues are emptied,
 *     the client's end cut off; STATUS_PIPE_DISCONNECTED when it already is.
 *   FSCTL_PIPE_PEEK (PeekNamedPipe): FILE_PIPE_PEEK_BUFFER {NamedPipeState,
 *     ReadDataAvailable, NumberOfMessages, MessageLength}, then as much of
 *     the data as fits (of a message pipe, the first message only) —
 *     STATUS_BUFFER_OVERFLOW when some did not. A server with no client
 *     has nothing to peek at (STATUS_INVALID_PIPE_STATE, ERROR_BAD_PIPE).
 *   FSCTL_PIPE_WAIT (WaitNamedPipe), on \Device\NamedPipe\ itself:
 *     FILE_PIPE_WAIT_FOR_BUFFER {Timeout, NameLength, TimeoutSpecified,
 *     Name}; done when an instance of the name listens, else waits until
 *     the timeout (the pipe's default one when none is given):
 *     STATUS_IO_TIMEOUT (ERROR_SEM_TIMEOUT); no such name
 *     STATUS_OBJECT_NAME_NOT_FOUND.
 *
 *   FilePipeInformation {ReadMode, CompletionMode}: the end's, queried and
 *     set (message read mode on a byte-stream pipe: STATUS_INVALID_PARAMETER).
 *   FilePipeLocalInformation: the instance's type, configuration, instances,
 *     quotas, bytes to read and room to write, state, and which end this is.
 */
#include "ke/npfs.h"

#include <stdlib.h>
#include <string.h>

#define FSCTL_PIPE_DISCONNECT 0x00110004u
#define FSCTL_PIPE_LISTEN 0x00110008u
#define FSCTL_PIPE_PEEK 0x0011400Cu
#define FSCTL_PIPE_WAIT 0x00110018u
#define PEEK_HEADER 16u
#define PEEK_MAX 65536u
#define WAIT_HEADER 14u                 /* FILE_PIPE_WAIT_FOR_BUFFER before Name */
#define FilePipeInformation 23u
#define FilePipeLocalInformation 24u

static NTSTATUS Listen(KPROCESS *process, KI_PIPE_END *end, const uint32_t *a, KEVENT **event)
{
    KTHREAD *thread = KiCurrentThread(process);
    bool again = thread->PipeListening; /* the run after a synchronous wait */
    thread->PipeListening = false;
    KI_PIPE *pipe = end->Pipe;
    if (end->Side != KI_PIPE_SERVER || !pipe) {
        return STATUS_ILLEGAL_FUNCTION;
    }
    switch (pipe->State) {
    case FILE_PIPE_CONNECTED_STATE:
        return again ? STATUS_SUCCESS : STATUS_PIPE_CONNECTED;
    case FILE_PIPE_CLOSING_STATE:
        return again ? STATUS_SUCCESS : STATUS_PIPE_CLOSING;
    case FILE_PIPE_DISCONNECTED_STATE:
        if (again) {
            return STATUS_PIPE_DISCONNECTED; /* disconnected while it waited */
        }
        pipe->State = FILE_PIPE_LISTENING_STATE;
        KiUnwaitThreads(process->System); /* a WaitNamedPipe for the name is over */
        break;
    default:
        break;
    }
    if (end->CompletionMode == FILE_PIPE_COMPLETE_OPERATION) {
        return STATUS_PIPE_LISTENING; /* PIPE_NOWAIT: ConnectNamedPipe never waits */
    }
    if (end->File.Overlapped) {
        KI_IRP *irp = KiAllocateIrp(process, &end->File, *event, a[2], a[3], a[4], KI_IRP_LISTEN,
                                    0, 0);
        if (!irp) {
            return STATUS_NO_MEMORY;
        }
        *event = NULL;
        KiQueuePipeIrp(end, irp);
        return STATUS_PENDING;
    }
    thread->PipeListening = true;
    return KiRestartServiceAfterWait(process, &end->File.Header, KI_PIPE_WAIT_LISTEN, 0);
}

static NTSTATUS Disconnect(KPROCESS *process, KI_PIPE_END *end)
{
    if (end->Side != KI_PIPE_SERVER || !end->Pipe) {
        return STATUS_ILLEGAL_FUNCTION;
    }
    if (end->Pipe->State == FILE_PIPE_DISCONNECTED_STATE) {
        return STATUS_PIPE_DISCONNECTED;
    }
    KiDisconnectPipe(process->System, end->Pipe);
    return STATUS_SUCCESS;
}

static NTSTATUS Peek(KPROCESS *process, KI_PIPE_END *end, const uint32_t *a, uint32_t *information)
{
    if (end->Side == KI_PIPE_ROOT) {
        return STATUS_INVALID_PARAMETER;
    }
    if (a[9] < PEEK_HEADER) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    KI_PIPE *pipe = end->Pipe;
    if (!pipe) {
        return STATUS_PIPE_DISCONNECTED; /* a client cut off */
    }
    if (pipe->State == FILE_PIPE_LISTENING_STATE || pipe->State == FILE_PIPE_DISCONNECTED_STATE) {
        return STATUS_INVALID_PIPE_STATE; /* a server with no client */
    }
    KI_PIPE_QUEUE *queue = KiPipeReadQueue(end);
    if (!queue->Head && pipe->State == FILE_PIPE_CLOSING_STATE) {
        return STATUS_PIPE_BROKEN;
    }
    bool message = pipe->Type == FILE_PIPE_MESSAGE_TYPE;
    uint32_t header[4] = {pipe->State, queue->Used, 0, 0};
    if (message && queue->Head) {
        for (KI_PIPE_DATA *data = queue->Head; data; data = data->Next) {
            header[2]++;
        }
        header[3] = queue->Head->Length - queue->Head->Offset;
    }
    uint32_t room = a[9] - PEEK_HEADER;
    room = room < PEEK_MAX ? room : PEEK_MAX;
    uint8_t *data = malloc(room ? room : 1);
    if (!data) {
        return STATUS_NO_MEMORY;
    }
    uint32_t copied = KiPeekPipeQueue(queue, data, room, message);
    NTSTATUS status = MmCopyToUser(process->Mm, a[8], header, sizeof header);
    if (status == STATUS_SUCCESS && copied) {
        status = MmCopyToUser(process->Mm, a[8] + PEEK_HEADER, data, copied);
    }
    free(data);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    *information = PEEK_HEADER + copied;
    return copied < (message ? header[3] : queue->Used) ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

/* The wait for an instance is over: the name it kept goes. */
static NTSTATUS EndWait(KTHREAD *thread, NTSTATUS status)
{
    free(thread->PipeWaitName);
    thread->PipeWaitName = NULL;
    thread->PipeDeadline100ns = 0;
    return status;
}

static NTSTATUS WaitForInstance(KPROCESS *process, KI_PIPE_END *root, const uint32_t *a)
{
    KTHREAD *thread = KiCurrentThread(process);
    if (root->Side != KI_PIPE_ROOT) {
        return EndWait(thread, STATUS_ILLEGAL_FUNCTION);
    }
    uint8_t header[WAIT_HEADER];
    if (a[7] < WAIT_HEADER) {
        return EndWait(thread, STATUS_INVALID_PARAMETER);
    }
    NTSTATUS status = MmCopyFromUser(process->Mm, header, a[6], sizeof header);
    int64_t timeout;
    uint32_t length;
    memcpy(&timeout, header, 8);
    memcpy(&length, header + 8, 4);
    if (status == STATUS_SUCCESS && (length % 2 || length > a[7] - WAIT_HEADER || !length)) {
        status = STATUS_INVALID_PARAMETER;
    }
    char *name = NULL;
    if (status == STATUS_SUCCESS) {
        uint16_t *wide = malloc(length);
        status = wide ? MmCopyFromUser(process->Mm, wide, a[6] + WAIT_HEADER, length)
                      : STATUS_NO_MEMORY;
        if (status == STATUS_SUCCESS) {
            status = KiUtf16ToUtf8(wide, length / 2, &name);
        }
        free(wide);
    }
    if (status != STATUS_SUCCESS) {
        return EndWait(thread, status);
    }
    KI_NAMED_PIPE *named = KiFindNamedPipe(process->System, name);
    if (!named || KiIsPipeNameListening(process->System, name)) {
        free(name);
        return EndWait(thread, named ? STATUS_SUCCESS : STATUS_OBJECT_NAME_NOT_FOUND);
    }
    uint64_t now = KiGuestTime100ns(process);
    if (!thread->PipeWaitName) {
        /* The first run: the deadline (a Timeout of INT64_MIN waits forever). */
        if (!header[12]) {
            timeout = named->DefaultTimeout;
        }
        if (timeout == INT64_MIN) {
            thread->PipeDeadline100ns = 0;
        } else if (timeout < 0) {
            thread->PipeDeadline100ns = now + (0 - (uint64_t)timeout);
        } else {
            thread->PipeDeadline100ns = (uint64_t)timeout > KI_BOOT_SYSTEM_TIME
                                            ? (uint64_t)timeout - KI_BOOT_SYSTEM_TIME
                                            : 1;
        }
    } else {
        free(thread->PipeWaitName);
    }
    thread->PipeWaitName = name;
    if (thread->PipeDeadline100ns && now >= thread->PipeDeadline100ns) {
        return EndWait(thread, STATUS_IO_TIMEOUT);
    }
    return KiRestartServiceAfterWait(process, &root->File.Header, KI_PIPE_WAIT_INSTANCE,
                                     thread->PipeDeadline100ns);
}

/* NtFsControlFile on a pipe end (a[] as there): the file stays referenced
 * by the caller. */
NTSTATUS KiPipeFsControl(KPROCESS *process, EX_FILE *file, const uint32_t *a)
{
    KI_PIPE_END *end = (KI_PIPE_END *)file;
    KEVENT *event;
    NTSTATUS status = KiStartIo(process, file, a[1], a[2], &event);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint32_t information = 0;
    switch (a[5]) {
    case FSCTL_PIPE_LISTEN:
        status = Listen(process, end, a, &event);
        break;
    case FSCTL_PIPE_DISCONNECT:
        status = Disconnect(process, end);
        break;
    case FSCTL_PIPE_PEEK:
        status = Peek(process, end, a, &information);
        break;
    case FSCTL_PIPE_WAIT:
        status = WaitForInstance(process, end, a);
        break;
    default:
        status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }
    if (status != STATUS_PENDING && KiIoCompletes(status)) {
        status = KiCompleteIo(process, a[4], status, information);
        KiFinishIo(process, file, event, a[2], a[3], a[4], status, information);
    }
    if (event) {
        ExDereferenceObject(&event->Header);
    }
    return status;
}

NTSTATUS KiQueryPipeInformation(EX_FILE *file, uint32_t class, uint8_t *buffer, uint32_t length,
                                uint32_t *returned)
{
    KI_PIPE_END *end = (KI_PIPE_END *)file;
    KI_PIPE *pipe = end->Pipe;
    *returned = 0;
    if (class == FilePipeInformation) {
        if (length < 8) {
            return STATUS_INFO_LENGTH_MISMATCH;
        }
        uint32_t info[2] = {end->ReadMode, end->CompletionMode};
        memcpy(buffer, info, sizeof info);
        *returned = sizeof info;
        return STATUS_SUCCESS;
    }
    if (class == FileStandardInformation && pipe) {
        /* AllocationSize: the quotas; EndOfFile: the bytes there are to read. */
        if (length < 24) {
            return STATUS_INFO_LENGTH_MISMATCH;
        }
        uint64_t sizes[2] = {(uint64_t)pipe->Queue[0].Quota + pipe->Queue[1].Quota,
                             KiPipeReadQueue(end)->Used};
        uint32_t links = 1;
        memset(buffer, 0, 24);
        memcpy(buffer, sizes, sizeof sizes);
        memcpy(buffer + 16, &links, 4);
        *returned = 24;
        return STATUS_SUCCESS;
    }
    if (class != FilePipeLocalInformation) {
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    if (length < 40) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    if (!pipe) {
        return end->Side == KI_PIPE_ROOT ? STATUS_INVALID_PARAMETER : STATUS_PIPE_DISCONNECTED;
    }
    KI_PIPE_QUEUE *in = KiPipeReadQueue(end), *out = KiPipeWriteQueue(end);
    uint32_t info[10] = {
        pipe->Type,
        pipe->Configuration,
        pipe->MaximumInstances,
        pipe->Named ? pipe->Named->Instances : 1,
        pipe->Queue[0].Quota,
        in->Used,
        pipe->Queue[1].Quota,
        out->Used < out->Quota ? out->Quota - out->Used : 0,
        pipe->State,
        end->Side == KI_PIPE_SERVER ? FILE_PIPE_SERVER_END : FILE_PIPE_CLIENT_END,
    };
    memcpy(buffer, info, sizeof info);
    *returned = sizeof info;
    return STATUS_SUCCESS;
}

NTSTATUS KiSetPipeInformation(EX_FILE *file, uint32_t class, const uint8_t *buffer,
                              uint32_t length)
{
    KI_PIPE_END *end = (KI_PIPE_END *)file;
    if (class != FilePipeInformation) {
        return STATUS_INVALID_PARAMETER;
    }
    if (length < 8) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    uint32_t info[2];
    memcpy(info, buffer, sizeof info);
    if (info[0] > FILE_PIPE_MESSAGE_MODE || info[1] > FILE_PIPE_COMPLETE_OPERATION ||
        !end->Pipe ||
        (info[0] == FILE_PIPE_MESSAGE_MODE && end->Pipe->Type != FILE_PIPE_MESSAGE_TYPE)) {
        return STATUS_INVALID_PARAMETER;
    }
    end->ReadMode = info[0];
    end->CompletionMode = info[1];
    return STATUS_SUCCESS;
}
