/*
 * Pipes: NT's named pipe file system (npfs) in miniature. A name
 * (\Device\NamedPipe\<name>, which \??\pipe\<name> reaches too, as
 * kernel32's \\.\pipe\<name> does) has up to MaximumInstances instances,
 * each made by one NtCreateNamedPipeFile: its server end. A client's
 * NtCreateFile on the name connects to an instance that is listening (a
 * new one listens until a client comes; a disconnected one listens again
 * after FSCTL_PIPE_LISTEN, kernel32's ConnectNamedPipe): its client end.
 * No such name is STATUS_OBJECT_NAME_NOT_FOUND; no listening instance
 * STATUS_PIPE_NOT_AVAILABLE (ERROR_PIPE_BUSY). kernel32's CreatePipe is a
 * named pipe whose server end reads and client end writes.
 *
 * Each direction of an instance queues writes up to the quota the server
 * gave it: the inbound queue carries the client's writes to the server,
 * the outbound one the server's to the client. A byte-stream pipe
 * (FILE_PIPE_BYTE_STREAM_TYPE) queues bytes; a message pipe keeps each
 * write as a message, which an end in message read mode reads one at a
 * time (the rest of a message too long for the buffer stays for the next
 * read: STATUS_BUFFER_OVERFLOW, kernel32's ERROR_MORE_DATA) and an end in
 * byte read mode reads across.
 *
 * A read with nothing queued, a write with no room, a listen with no
 * client: on an end opened for overlapped I/O the request becomes an IRP
 * (irp.c) that waits in the end, served (KiServicePipe) when the other
 * end moves bytes, connects or goes; the service returns STATUS_PENDING.
 * On a synchronous end the thread leaves the CPU instead
 * (KiRestartServiceAfterWait) until the request can go on, and the
 * service runs again from the start. A write returns when all its bytes
 * are queued. An end in FILE_PIPE_COMPLETE_OPERATION mode (PIPE_NOWAIT)
 * never waits: an empty read is STATUS_PIPE_EMPTY, a write queues what
 * fits.
 *
 * The states are NT's: listening (reads and writes: STATUS_PIPE_LISTENING),
 * connected, closing (the other end's last handle went: a read finds the
 * bytes still queued, then STATUS_PIPE_BROKEN; a write fails with
 * STATUS_PIPE_CLOSING, kernel32's ERROR_NO_DATA), disconnected (the
 * server's FSCTL_PIPE_DISCONNECT: queues emptied, the client's end cut
 * off, STATUS_PIPE_DISCONNECTED for both). npfsctl.c has the FSCTLs and
 * the information classes.
 */
#include "ke/npfs.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define KI_PIPE_DEFAULT_QUOTA 4096u      /* a quota of 0 */
#define KI_PIPE_MAXIMUM_QUOTA (1u << 20) /* what one queue may hold of the host's memory */
#define KI_PIPE_CHUNK 65536u             /* a byte-stream write is queued in pieces of this */
#define KI_PIPE_DEFAULT_TIMEOUT (-500000LL) /* 50 ms, a NULL DefaultTimeout */
#define OBJ_INHERIT 0x2u

static void DeletePipeEnd(EX_OBJECT *object);

bool KiIsPipeEnd(const EX_FILE *file)
{
    return file->Header.Close == DeletePipeEnd;
}

/* The queue an end reads from, and the one it writes to. */
KI_PIPE_QUEUE *KiPipeReadQueue(KI_PIPE_END *end)
{
    return &end->Pipe->Queue[end->Side == KI_PIPE_SERVER ? 0 : 1];
}

KI_PIPE_QUEUE *KiPipeWriteQueue(KI_PIPE_END *end)
{
    return &end->Pipe->Queue[end->Side == KI_PIPE_SERVER ? 1 : 0];
}

static void DiscardQueue(KI_PIPE_QUEUE *queue)
{
    while (queue->Head) {
        KI_PIPE_DATA *data = queue->Head;
        queue->Head = data->Next;
        free(data);
    }
    queue->Tail = NULL;
    queue->Used = 0;
}

static void FreePipe(KI_PIPE *pipe)
{
    DiscardQueue(&pipe->Queue[0]);
    DiscardQueue(&pipe->Queue[1]);
    free(pipe);
}

/* The server's last handle went: the instance leaves its name, and the
 * name goes with its last instance. */
static void Unlink(KI_PIPE *pipe)
{
    KI_NAMED_PIPE *named = pipe->Named;
    if (!named) {
        return;
    }
    for (KI_PIPE **p = &named->Pipes; *p; p = &(*p)->Next) {
        if (*p == pipe) {
            *p = pipe->Next;
            break;
        }
    }
    pipe->Named = NULL;
    if (--named->Instances == 0) {
        for (KI_NAMED_PIPE **p = &named->System->Pipes; *p; p = &(*p)->Next) {
            if (*p == named) {
                *p = named->Next;
                break;
            }
        }
        free(named->Name);
        free(named);
    }
}

/* The end leaves its instance; the instance goes when nothing holds it. */
static void Detach(KI_PIPE_END *end)
{
    KI_PIPE *pipe = end->Pipe;
    if (!pipe) {
        return;
    }
    pipe->End[end->Side] = NULL;
    end->Pipe = NULL;
    if (!pipe->End[KI_PIPE_SERVER] && !pipe->End[KI_PIPE_CLIENT] && !pipe->Named) {
        FreePipe(pipe);
    }
}

/* The last handle to an end went (IRP_MJ_CLEANUP): its waiting requests
 * fail, the other end sees the pipe closing, and a server's instance
 * leaves its name. */
static void CleanupPipeEnd(EX_OBJECT *object)
{
    KI_PIPE_END *end = (KI_PIPE_END *)object;
    KI_PIPE *pipe = end->Pipe;
    KiCompletePipeIrps(end, NULL, 0, STATUS_PIPE_BROKEN);
    if (pipe) {
        if (pipe->State == FILE_PIPE_CONNECTED_STATE) {
            pipe->State = FILE_PIPE_CLOSING_STATE;
        }
        if (end->Side == KI_PIPE_CLIENT) {
            DiscardQueue(KiPipeReadQueue(end)); /* what was on its way to it */
        } else {
            Unlink(pipe);
        }
        KI_PIPE_END *other = pipe->End[1 - end->Side];
        Detach(end);
        /* The other end's requests learn it (pipe is alive: other holds it). */
        KiServicePipe(end->System, other ? other->Pipe : NULL);
    } else {
        KiUnwaitThreads(end->System);
    }
}

static void DeletePipeEnd(EX_OBJECT *object)
{
    KI_PIPE_END *end = (KI_PIPE_END *)object;
    if (end->Pipe) {
        CleanupPipeEnd(object); /* an end that never had a handle */
    }
    free(end);
}

static KI_PIPE_END *NewEnd(KSYSTEM *system, KI_PIPE *pipe, int side, uint32_t access,
                           uint32_t options)
{
    KI_PIPE_END *end = calloc(1, sizeof *end);
    if (!end) {
        return NULL;
    }
    end->File.Header.Type = ExObjectFile;
    end->File.Header.References = 1;
    end->File.Header.Close = DeletePipeEnd;
    end->File.Header.Cleanup = CleanupPipeEnd;
    end->File.Fd = -1;
    end->File.Access = access;
    end->File.Overlapped = !(options & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT));
    end->File.Signaled = true; /* no I/O begun: its event is set, as Windows shows */
    end->System = system;
    end->Pipe = pipe;
    end->Side = side;
    if (pipe) {
        pipe->End[side] = end;
    }
    return end;
}

/* Whether a read would find something to end it: bytes (a message, in
 * message read mode), or a state that fails it. */
static bool ReadCanEnd(KI_PIPE_END *end)
{
    if (!end->Pipe || end->Pipe->State != FILE_PIPE_CONNECTED_STATE ||
        end->CompletionMode == FILE_PIPE_COMPLETE_OPERATION) {
        return true;
    }
    KI_PIPE_QUEUE *queue = KiPipeReadQueue(end);
    return end->ReadMode == FILE_PIPE_MESSAGE_MODE ? queue->Head != NULL : queue->Used > 0;
}

/* Whether a write would move on: room (a message pipe's waiting writer
 * waits for an empty queue), or a state that fails it. */
static bool WriteCanGoOn(KI_PIPE_END *end)
{
    if (!end->Pipe || end->Pipe->State != FILE_PIPE_CONNECTED_STATE ||
        end->CompletionMode == FILE_PIPE_COMPLETE_OPERATION) {
        return true;
    }
    KI_PIPE_QUEUE *queue = KiPipeWriteQueue(end);
    return end->Pipe->Type == FILE_PIPE_MESSAGE_TYPE ? queue->Head == NULL
                                                     : queue->Used < queue->Quota;
}

bool KiIsPipeNameListening(KSYSTEM *system, const char *name)
{
    KI_NAMED_PIPE *named = KiFindNamedPipe(system, name);
    if (!named) {
        return true; /* gone: the wait ends (STATUS_OBJECT_NAME_NOT_FOUND) */
    }
    for (KI_PIPE *pipe = named->Pipes; pipe; pipe = pipe->Next) {
        if (pipe->State == FILE_PIPE_LISTENING_STATE) {
            return true;
        }
    }
    return false;
}

/* Whether the request a synchronous thread waits to make again can go on. */
bool KiIsPipeEndReady(EX_FILE *file, KTHREAD *thread)
{
    KI_PIPE_END *end = (KI_PIPE_END *)file;
    switch (thread->PipeWait) {
    case KI_PIPE_WAIT_WRITE:
        return WriteCanGoOn(end);
    case KI_PIPE_WAIT_READ:
        return ReadCanEnd(end);
    case KI_PIPE_WAIT_LISTEN:
        return !end->Pipe || end->Pipe->State != FILE_PIPE_LISTENING_STATE;
    case KI_PIPE_WAIT_INSTANCE:
        return !thread->PipeWaitName || KiIsPipeNameListening(end->System, thread->PipeWaitName);
    default:
        return file->Signaled; /* a wait on the file: its event */
    }
}

KI_NAMED_PIPE *KiFindNamedPipe(KSYSTEM *system, const char *name)
{
    for (KI_NAMED_PIPE *named = system->Pipes; named; named = named->Next) {
        if (strcasecmp(named->Name, name) == 0) {
            return named;
        }
    }
    return NULL;
}

/* The pipe name in an NT path ("" for the file system itself), or NULL
 * when the path names no pipe. */
const char *KiPipeName(const char *path)
{
    return KiDeviceFileName(path, "NamedPipe", "pipe");
}

/* NtCreateFile / NtOpenFile on a pipe's name: the client end, connected
 * to the first listening instance (or the file system's root, "", for
 * FSCTL_PIPE_WAIT). */
NTSTATUS KiOpenPipeClient(KPROCESS *process, const char *name, uint32_t access,
                          uint32_t attributes, uint32_t options, uint32_t handle_va,
                          uint32_t iosb)
{
    KSYSTEM *system = process->System;
    KI_PIPE *pipe = NULL;
    if (*name) {
        KI_NAMED_PIPE *named = KiFindNamedPipe(system, name);
        if (!named) {
            return STATUS_OBJECT_NAME_NOT_FOUND;
        }
        uint32_t rights = KiDeviceFileAccess(access);
        /* A client may not read an inbound pipe, nor write an outbound one. */
        if (((rights & FILE_READ_DATA) && named->Configuration == FILE_PIPE_INBOUND) ||
            ((rights & FILE_WRITE_DATA) && named->Configuration == FILE_PIPE_OUTBOUND)) {
            return STATUS_ACCESS_DENIED;
        }
        for (pipe = named->Pipes; pipe && pipe->State != FILE_PIPE_LISTENING_STATE;) {
            pipe = pipe->Next;
        }
        if (!pipe) {
            return STATUS_PIPE_NOT_AVAILABLE; /* every instance is taken */
        }
    }
    KI_PIPE_END *end = NewEnd(system, pipe, pipe ? KI_PIPE_CLIENT : KI_PIPE_ROOT,
                              KiDeviceFileAccess(access), options);
    if (!end) {
        return STATUS_NO_MEMORY;
    }
    if (pipe) {
        pipe->State = FILE_PIPE_CONNECTED_STATE;
    }
    NTSTATUS status = KiReturnFileHandle(process, &end->File, attributes, handle_va);
    if (pipe) {
        KiServicePipe(system, pipe); /* a listen completes, or the handle went: closing */
    }
    if (status == STATUS_SUCCESS) {
        status = KiCompleteIo(process, iosb, STATUS_SUCCESS, 1 /* FILE_OPENED */);
    }
    return status;
}

/* The name's parameters are its first instance's; a further instance
 * must find room under its MaximumInstances. */
static NTSTATUS FindOrCreateName(KPROCESS *process, const char *name, const uint32_t *a,
                                 KI_NAMED_PIPE **out)
{
    KI_NAMED_PIPE *named = KiFindNamedPipe(process->System, name);
    if (named) {
        if (a[5] == FILE_CREATE) {
            return STATUS_ACCESS_DENIED; /* FILE_FLAG_FIRST_PIPE_INSTANCE */
        }
        if (named->MaximumInstances != KI_PIPE_UNLIMITED &&
            named->Instances >= named->MaximumInstances) {
            return STATUS_INSTANCE_NOT_AVAILABLE;
        }
        *out = named;
        return STATUS_SUCCESS;
    }
    if (a[5] == FILE_OPEN) {
        return STATUS_OBJECT_NAME_NOT_FOUND;
    }
    named = calloc(1, sizeof *named);
    if (!named || !(named->Name = strdup(name))) {
        free(named);
        return STATUS_NO_MEMORY;
    }
    /* The server's share access says which way the data flows. */
    uint32_t share = a[4] & (FILE_SHARE_READ | FILE_SHARE_WRITE);
    named->Configuration = share == (FILE_SHARE_READ | FILE_SHARE_WRITE) ? FILE_PIPE_FULL_DUPLEX
                           : share == FILE_SHARE_WRITE                   ? FILE_PIPE_INBOUND
                                                                         : FILE_PIPE_OUTBOUND;
    named->System = process->System;
    named->Type = a[7];
    named->MaximumInstances = a[10];
    for (int i = 0; i < 2; i++) {
        uint32_t quota = a[11 + i] ? a[11 + i] : KI_PIPE_DEFAULT_QUOTA;
        named->Quota[i] = quota < KI_PIPE_MAXIMUM_QUOTA ? quota : KI_PIPE_MAXIMUM_QUOTA;
    }
    named->DefaultTimeout = KI_PIPE_DEFAULT_TIMEOUT;
    if (a[13]) {
        NTSTATUS status = MmCopyFromUser(process->Mm, &named->DefaultTimeout, a[13],
                                         sizeof named->DefaultTimeout);
        if (status != STATUS_SUCCESS) {
            free(named->Name);
            free(named);
            return status;
        }
    }
    named->Next = process->System->Pipes;
    process->System->Pipes = named;
    *out = named;
    return STATUS_SUCCESS;
}

/* NtCreateNamedPipeFile(FileHandle, DesiredAccess, ObjectAttributes,
 * IoStatusBlock, ShareAccess, CreateDisposition, CreateOptions,
 * NamedPipeType, ReadMode, CompletionMode, MaximumInstances, InboundQuota,
 * OutboundQuota, DefaultTimeout): a new instance, listening. */
NTSTATUS KiNtCreateNamedPipeFile(KPROCESS *process, const uint32_t *a)
{
    uint32_t zero = 0;
    NTSTATUS status = MmCopyToUser(process->Mm, a[0], &zero, sizeof zero);
    if (status == STATUS_SUCCESS) {
        status = KiProbeIoStatus(process, a[3]);
    }
    char path[KI_NAME_MAX];
    uint32_t attributes = 0;
    if (status == STATUS_SUCCESS) {
        status = KiCaptureObjectName(process, a[2], path, &attributes);
    }
    if (status != STATUS_SUCCESS) {
        return status;
    }
    const char *name = KiPipeName(path);
    if (!name || !*name) {
        return STATUS_OBJECT_NAME_INVALID;
    }
    /* A byte stream cannot be read as messages. */
    if (a[7] > FILE_PIPE_MESSAGE_TYPE || a[8] > FILE_PIPE_MESSAGE_MODE ||
        a[9] > FILE_PIPE_COMPLETE_OPERATION || a[10] == 0 ||
        (a[7] == FILE_PIPE_BYTE_STREAM_TYPE && a[8] == FILE_PIPE_MESSAGE_MODE)) {
        return STATUS_INVALID_PARAMETER;
    }
    if (a[5] != FILE_CREATE && a[5] != FILE_OPEN && a[5] != FILE_OPEN_IF) {
        return STATUS_INVALID_PARAMETER;
    }
    KI_NAMED_PIPE *named;
    status = FindOrCreateName(process, name, a, &named);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    KI_PIPE *pipe = calloc(1, sizeof *pipe);
    uint32_t rights = KiDeviceFileAccess(a[1]);
    KI_PIPE_END *end = pipe ? NewEnd(process->System, pipe, KI_PIPE_SERVER, rights, a[6]) : NULL;
    if (!end) {
        free(pipe);
        if (named->Instances == 0) {
            named->Instances = 1;
            KI_PIPE none = {.Named = named};
            Unlink(&none); /* the name made for it goes */
        }
        return STATUS_NO_MEMORY;
    }
    end->ReadMode = a[8];
    end->CompletionMode = a[9];
    pipe->Named = named;
    pipe->State = FILE_PIPE_LISTENING_STATE;
    pipe->Type = named->Type;
    pipe->Configuration = named->Configuration;
    pipe->MaximumInstances = named->MaximumInstances;
    pipe->Queue[0].Quota = named->Quota[0];
    pipe->Queue[1].Quota = named->Quota[1];
    pipe->Next = named->Pipes;
    named->Pipes = pipe;
    named->Instances++;
    status = KiReturnFileHandle(process, &end->File, attributes, a[0]);
    KiUnwaitThreads(process->System); /* a WaitNamedPipe for the name is over */
    if (status == STATUS_SUCCESS) {
        status = KiCompleteIo(process, a[3], STATUS_SUCCESS, FILE_CREATED);
    }
    return status;
}

uint32_t KiPeekPipeQueue(const KI_PIPE_QUEUE *queue, uint8_t *out, uint32_t length, bool message)
{
    uint32_t n = 0;
    for (const KI_PIPE_DATA *data = queue->Head; data && n < length; data = data->Next) {
        uint32_t take = data->Length - data->Offset;
        take = take < length - n ? take : length - n;
        memcpy(out + n, data->Bytes + data->Offset, take);
        n += take;
        if (message) {
            break;
        }
    }
    return n;
}

/* n bytes read: whole writes leave the queue (in message mode, the one
 * message, even an empty one). */
static void Consume(KI_PIPE_QUEUE *queue, uint32_t n, bool message)
{
    while (queue->Head) {
        KI_PIPE_DATA *data = queue->Head;
        uint32_t take = data->Length - data->Offset;
        take = n < take ? n : take;
        data->Offset += take;
        queue->Used -= take;
        n -= take;
        if (data->Offset < data->Length) {
            break;
        }
        queue->Head = data->Next;
        if (!queue->Head) {
            queue->Tail = NULL;
        }
        free(data);
        if (message || !n) {
            break;
        }
    }
}

/* One write's bytes, from the caller's buffer, at the queue's tail. */
static NTSTATUS Append(KPROCESS *process, KI_PIPE_QUEUE *queue, uint32_t buffer, uint32_t length)
{
    KI_PIPE_DATA *data = malloc(sizeof *data + (length ? length : 1));
    if (!data) {
        return STATUS_NO_MEMORY;
    }
    NTSTATUS status = MmCopyFromUser(process->Mm, data->Bytes, buffer, length);
    if (status != STATUS_SUCCESS) {
        free(data);
        return status;
    }
    data->Next = NULL;
    data->Length = length;
    data->Offset = 0;
    if (queue->Tail) {
        queue->Tail->Next = data;
    } else {
        queue->Head = data;
    }
    queue->Tail = data;
    queue->Used += length;
    return STATUS_SUCCESS;
}

/* What the instance's state makes of a read or a write before any byte. */
static NTSTATUS StateStatus(KI_PIPE_END *end, bool write)
{
    if (end->Side == KI_PIPE_ROOT) {
        return STATUS_INVALID_PARAMETER;
    }
    if (!end->Pipe) {
        return STATUS_PIPE_DISCONNECTED;
    }
    switch (end->Pipe->State) {
    case FILE_PIPE_LISTENING_STATE:
        return STATUS_PIPE_LISTENING;
    case FILE_PIPE_DISCONNECTED_STATE:
        return STATUS_PIPE_DISCONNECTED;
    case FILE_PIPE_CLOSING_STATE:
        return write ? STATUS_PIPE_CLOSING : STATUS_SUCCESS; /* a read drains first */
    default:
        return STATUS_SUCCESS;
    }
}

/* A read's turn: what is queued, or STATUS_PENDING when it must wait. */
static NTSTATUS ReadStep(KPROCESS *process, KI_PIPE_END *end, uint32_t buffer, uint32_t length,
                         uint32_t *done)
{
    *done = 0;
    NTSTATUS status = StateStatus(end, false);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    KI_PIPE_QUEUE *queue = KiPipeReadQueue(end);
    bool message = end->ReadMode == FILE_PIPE_MESSAGE_MODE;
    if (message ? !queue->Head : queue->Used == 0) {
        if (end->Pipe->State == FILE_PIPE_CLOSING_STATE) {
            return STATUS_PIPE_BROKEN;
        }
        return end->CompletionMode == FILE_PIPE_COMPLETE_OPERATION ? STATUS_PIPE_EMPTY
                                                                   : STATUS_PENDING;
    }
    uint32_t available = message ? queue->Head->Length - queue->Head->Offset : queue->Used;
    uint32_t n = length < available ? length : available;
    uint8_t *bytes = malloc(n ? n : 1);
    if (!bytes) {
        return STATUS_NO_MEMORY;
    }
    KiPeekPipeQueue(queue, bytes, n, message);
    status = MmCopyToUser(process->Mm, buffer, bytes, n);
    free(bytes);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    Consume(queue, n, message);
    *done = n;
    return n < available && message ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

/* A write's turn: on from *done, what fits; STATUS_PENDING while some
 * is left. A message goes whole, when it fits or the queue is empty. */
static NTSTATUS WriteStep(KPROCESS *process, KI_PIPE_END *end, uint32_t buffer, uint32_t length,
                          uint32_t *done)
{
    NTSTATUS status = StateStatus(end, true);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    KI_PIPE_QUEUE *queue = KiPipeWriteQueue(end);
    bool nowait = end->CompletionMode == FILE_PIPE_COMPLETE_OPERATION;
    if (end->Pipe->Type == FILE_PIPE_MESSAGE_TYPE) {
        if (queue->Head && queue->Used + (uint64_t)length > queue->Quota) {
            return nowait ? STATUS_SUCCESS : STATUS_PENDING;
        }
        status = Append(process, queue, buffer, length);
        *done = status == STATUS_SUCCESS ? length : 0;
        return status;
    }
    while (*done < length && queue->Used < queue->Quota) {
        uint32_t n = length - *done, room = queue->Quota - queue->Used;
        n = n < room ? n : room;
        n = n < KI_PIPE_CHUNK ? n : KI_PIPE_CHUNK;
        status = Append(process, queue, buffer + *done, n);
        if (status != STATUS_SUCCESS) {
            return status;
        }
        *done += n;
    }
    return *done < length && !nowait ? STATUS_PENDING : STATUS_SUCCESS;
}

static bool HasIrp(const KI_PIPE_END *end, uint8_t major)
{
    for (const KI_IRP *irp = end->Irps; irp; irp = irp->Next) {
        if (irp->Major == major) {
            return true;
        }
    }
    return false;
}

void KiQueuePipeIrp(KI_PIPE_END *end, KI_IRP *irp)
{
    KI_IRP **link = &end->Irps;
    while (*link) {
        link = &(*link)->Next;
    }
    irp->Next = NULL;
    *link = irp;
}

NTSTATUS KiPipeReadWrite(KPROCESS *process, EX_FILE *file, bool write, uint32_t buffer,
                         uint32_t length, uint32_t iosb, KEVENT **event, uint32_t apc_routine,
                         uint32_t apc_context, uint32_t *done)
{
    KI_PIPE_END *end = (KI_PIPE_END *)file;
    KTHREAD *thread = KiCurrentThread(process);
    /* A write run again goes on after the bytes it queued before it waited. */
    *done = write ? thread->PipeWritten : 0;
    thread->PipeWritten = 0;
    uint8_t major = write ? KI_IRP_WRITE : KI_IRP_READ;
    NTSTATUS status;
    if (HasIrp(end, major)) {
        status = STATUS_PENDING; /* after the requests before it */
    } else {
        status = write ? WriteStep(process, end, buffer, length, done)
                       : ReadStep(process, end, buffer, length, done);
    }
    if (*done || (write && status == STATUS_SUCCESS)) {
        KiServicePipe(process->System, end->Pipe); /* the other end's readers or writers */
    }
    if (status != STATUS_PENDING) {
        return status;
    }
    if (file->Overlapped) {
        KI_IRP *irp = KiAllocateIrp(process, file, *event, apc_routine, apc_context, iosb, major,
                                    buffer, length);
        if (!irp) {
            return STATUS_NO_MEMORY;
        }
        irp->Done = *done;
        *event = NULL;
        KiQueuePipeIrp(end, irp);
        return STATUS_PENDING;
    }
    if (write) {
        thread->PipeWritten = *done;
    }
    return KiRestartServiceAfterWait(process, &file->Header, write ? KI_PIPE_WAIT_WRITE : KI_PIPE_WAIT_READ, 0);
}

/* An IRP's turn: STATUS_PENDING to wait on. */
static NTSTATUS ServeIrp(KI_PIPE_END *end, KI_IRP *irp, uint32_t *done)
{
    *done = irp->Done;
    if (irp->Major == KI_IRP_LISTEN) {
        switch (end->Pipe->State) {
        case FILE_PIPE_LISTENING_STATE:
            return STATUS_PENDING;
        case FILE_PIPE_DISCONNECTED_STATE:
            return STATUS_PIPE_DISCONNECTED;
        default:
            return STATUS_SUCCESS; /* a client came (and may have gone again) */
        }
    }
    if (irp->Process->State == KiDead || !irp->Process->Mm) {
        return STATUS_CANCELLED; /* its process has gone, and its buffer */
    }
    return irp->Major == KI_IRP_READ
               ? ReadStep(irp->Process, end, irp->Buffer, irp->Length, done)
               : WriteStep(irp->Process, end, irp->Buffer, irp->Length, done);
}

void KiServicePipe(KSYSTEM *system, KI_PIPE *pipe)
{
    /* Until nothing moves: a read served makes room for a write, and so on.
     * Within an end, requests of one kind are served in order. */
    for (bool progress = pipe != NULL; progress;) {
        progress = false;
        for (int side = KI_PIPE_SERVER; side <= KI_PIPE_CLIENT; side++) {
            KI_PIPE_END *end = pipe->End[side];
            bool blocked[4] = {false, false, false, false};
            for (KI_IRP **link = end ? &end->Irps : NULL; link && *link;) {
                KI_IRP *irp = *link;
                uint32_t done = irp->Done;
                NTSTATUS status = blocked[irp->Major] ? STATUS_PENDING : ServeIrp(end, irp, &done);
                progress |= done != irp->Done;
                irp->Done = done;
                if (status == STATUS_PENDING) {
                    blocked[irp->Major] = true;
                    link = &irp->Next;
                    continue;
                }
                *link = irp->Next;
                KiCompleteIrp(irp, status, done);
                progress = true;
            }
        }
    }
    KiUnwaitThreads(system);
}

uint32_t KiCompletePipeIrps(KI_PIPE_END *end, KTHREAD *thread, uint32_t iosb, NTSTATUS status)
{
    uint32_t count = 0;
    for (KI_IRP **link = &end->Irps; *link;) {
        KI_IRP *irp = *link;
        if ((thread && irp->Thread != thread) || (iosb && irp->IoStatusBlock != iosb)) {
            link = &irp->Next;
            continue;
        }
        *link = irp->Next;
        KiCompleteIrp(irp, status, irp->Major == KI_IRP_LISTEN ? 0 : irp->Done);
        count++;
    }
    return count;
}

uint32_t KiCancelPipeIo(EX_FILE *file, KTHREAD *thread, uint32_t iosb)
{
    if (!KiIsPipeEnd(file)) {
        return 0; /* nothing else ever waits */
    }
    KI_PIPE_END *end = (KI_PIPE_END *)file;
    uint32_t count = KiCompletePipeIrps(end, thread, iosb, STATUS_CANCELLED);
    KiServicePipe(end->System, end->Pipe); /* a cancelled write no longer holds back the next */
    return count;
}

void KiDisconnectPipe(KSYSTEM *system, KI_PIPE *pipe)
{
    DiscardQueue(&pipe->Queue[0]);
    DiscardQueue(&pipe->Queue[1]);
    pipe->State = FILE_PIPE_DISCONNECTED_STATE;
    KI_PIPE_END *client = pipe->End[KI_PIPE_CLIENT];
    if (client) {
        KiCompletePipeIrps(client, NULL, 0, STATUS_PIPE_DISCONNECTED);
        Detach(client);
    }
    KiCompletePipeIrps(pipe->End[KI_PIPE_SERVER], NULL, 0, STATUS_PIPE_DISCONNECTED);
    KiUnwaitThreads(system);
}

const char *KiDescribePipeWait(const KTHREAD *thread)
{
    switch (thread->PipeWait) {
    case KI_PIPE_WAIT_WRITE:
        return "room in a pipe";
    case KI_PIPE_WAIT_LISTEN:
        return "a pipe's client";
    case KI_PIPE_WAIT_INSTANCE:
        return "a pipe instance";
    case KI_PIPE_WAIT_MAILSLOT:
        return "a mailslot message";
    case KI_PIPE_WAIT_NOTIFY:
        return "a directory change";
    default:
        return "data from a pipe";
    }
}

/*
 * The service cannot finish yet: the thread waits for the object, and when
 * the wait ends it runs the same service again (its int 2Eh, with EAX the
 * service number), instead of returning the wait's status. NT's pipe reads
 * wait inside the service; re-running it from the start gives the same
 * answers here, where a service cannot keep a kernel stack across a wait.
 */
NTSTATUS KiRestartServiceAfterWait(KPROCESS *process, EX_OBJECT *object, uint8_t why,
                                   uint64_t deadline100ns)
{
    KTHREAD *thread = KiCurrentThread(process);
    EMU_REGISTERS regs;
    EmuGetRegisters(process->Emu, &regs);
    thread->RestartEax = regs.Eax;
    thread->RestartService = true;
    thread->PipeWait = why;
    regs.Eip -= 2; /* back to the int 2Eh */
    EmuSetRegisters(process->Emu, &regs);
    process->RegistersReplaced = true;
    int64_t timeout = (int64_t)(KI_BOOT_SYSTEM_TIME + deadline100ns);
    if (KiWaitForObjects(thread, &object, 1, false, false, deadline100ns ? &timeout : NULL) !=
        STATUS_PENDING) {
        /* Ready after all (or the time is up): the service simply runs again. */
        thread->RestartService = false;
        thread->PipeWait = 0;
    }
    return STATUS_PENDING;
}
