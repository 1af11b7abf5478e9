/*
 * Pipes: NT's named pipe file system (npfs) in miniature. A pipe has two
 * ends, each a file object: the server end NtCreateNamedPipeFile makes,
 * and the client end NtCreateFile/NtOpenFile opens by the pipe's name
 * (\Device\NamedPipe\<name>, which \??\pipe\<name> reaches too). Each
 * direction has its own queue, as large as the quota the server gave it:
 * the inbound queue carries the client's writes to the server, the
 * outbound one the server's to the client. kernel32's CreatePipe is one
 * of these whose server end reads and client end writes.
 *
 * Reads and writes are synchronous, as on a handle opened for synchronous
 * I/O: a read with nothing queued, or a write that finds the queue full,
 * takes the thread off the CPU (KiRestartServiceAfterWait) until the other
 * end moves bytes or goes; then the service runs again from the start and
 * carries on. A read takes what is queued, up to its length. A write
 * returns when all its bytes are queued. When the other end's last handle
 * has gone: a read finds the bytes still queued, then STATUS_PIPE_BROKEN;
 * a write fails with STATUS_PIPE_CLOSING (kernel32: ERROR_NO_DATA). Every
 * pipe is a byte stream (FILE_PIPE_BYTE_STREAM_TYPE); one instance each.
 */
#include "ke/iosvc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define KI_PIPE_DEFAULT_QUOTA 4096u      /* a quota of 0 */
#define KI_PIPE_MAXIMUM_QUOTA (1u << 20) /* what one queue may hold of the host's memory */
#define KI_PIPE_SERVER 0
#define KI_PIPE_CLIENT 1
#define FILE_PIPE_CONNECTED_STATE 3u
#define FILE_PIPE_CLOSING_STATE 4u

/* One direction's bytes: a ring of Quota bytes, Used of them queued from Head. */
typedef struct KI_PIPE_QUEUE {
    uint8_t *Data;
    uint32_t Quota, Used, Head;
} KI_PIPE_QUEUE;

struct KI_PIPE {
    KSYSTEM *System;
    struct KI_PIPE *Next;          /* System->Pipes, while the name can be opened */
    char *Name;                    /* under \Device\NamedPipe\, as created */
    KI_PIPE_QUEUE Queue[2];        /* [0] inbound (client → server), [1] outbound */
    KI_PIPE_END *End[2];           /* the end objects (server, client), NULL when gone */
    bool Closed[2];                /* that end's last handle has gone */
    bool Named;                    /* in System->Pipes */
};

struct KI_PIPE_END {
    EX_FILE File;                  /* Header (ExObjectFile), Fd -1, Access */
    KI_PIPE *Pipe;
    int Side;                      /* KI_PIPE_SERVER or KI_PIPE_CLIENT */
};

static void DeletePipeEnd(EX_OBJECT *object);

bool KiIsPipeEnd(const EX_FILE *file)
{
    return file->Header.Close == DeletePipeEnd;
}

/* The queue an end reads from, and the one it writes to. */
static KI_PIPE_QUEUE *ReadQueue(KI_PIPE_END *end)
{
    return &end->Pipe->Queue[end->Side == KI_PIPE_SERVER ? 0 : 1];
}

static KI_PIPE_QUEUE *WriteQueue(KI_PIPE_END *end)
{
    return &end->Pipe->Queue[end->Side == KI_PIPE_SERVER ? 1 : 0];
}

/* The other end has gone (closed), or never came (a server nobody opened). */
static bool PeerGone(KI_PIPE_END *end)
{
    int peer = 1 - end->Side;
    return end->Pipe->Closed[peer] || !end->Pipe->End[peer];
}

static void Unname(KI_PIPE *pipe)
{
    if (!pipe->Named) {
        return;
    }
    for (KI_PIPE **p = &pipe->System->Pipes; *p; p = &(*p)->Next) {
        if (*p == pipe) {
            *p = pipe->Next;
            break;
        }
    }
    pipe->Named = false;
}

/* The last handle to an end went (IRP_MJ_CLEANUP): the other end's waiters
 * learn it; a server's name can no longer be opened. */
static void CleanupPipeEnd(EX_OBJECT *object)
{
    KI_PIPE_END *end = (KI_PIPE_END *)object;
    KI_PIPE *pipe = end->Pipe;
    pipe->Closed[end->Side] = true;
    if (end->Side == KI_PIPE_SERVER) {
        Unname(pipe);
    }
    KiUnwaitThreads(pipe->System);
}

static void DeletePipeEnd(EX_OBJECT *object)
{
    KI_PIPE_END *end = (KI_PIPE_END *)object;
    KI_PIPE *pipe = end->Pipe;
    pipe->End[end->Side] = NULL;
    pipe->Closed[end->Side] = true;
    free(end);
    if (!pipe->End[0] && !pipe->End[1]) {
        Unname(pipe);
        free(pipe->Queue[0].Data);
        free(pipe->Queue[1].Data);
        free(pipe->Name);
        free(pipe);
    }
}

static KI_PIPE_END *NewEnd(KI_PIPE *pipe, int side, uint32_t access)
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
    end->Pipe = pipe;
    end->Side = side;
    pipe->End[side] = end;
    return end;
}

/* Whether the I/O a thread waits to do on this end can go on. */
bool KiIsPipeEndReady(EX_FILE *file, KTHREAD *thread)
{
    KI_PIPE_END *end = (KI_PIPE_END *)file;
    if (thread->PipeWait == KI_PIPE_WAIT_WRITE) {
        KI_PIPE_QUEUE *queue = WriteQueue(end);
        return PeerGone(end) || queue->Used < queue->Quota;
    }
    return PeerGone(end) || ReadQueue(end)->Used > 0;
}

/* The pipe a client may open by this name (after \Device\NamedPipe\), or NULL. */
static KI_PIPE *FindPipe(KSYSTEM *system, const char *name)
{
    for (KI_PIPE *pipe = system->Pipes; pipe; pipe = pipe->Next) {
        if (strcasecmp(pipe->Name, name) == 0) {
            return pipe;
        }
    }
    return NULL;
}

/* The pipe name in an NT path, or NULL when the path names no pipe. */
const char *KiPipeName(const char *path)
{
    static const char *const prefixes[] = {"\\Device\\NamedPipe\\", "\\??\\pipe\\",
                                           "\\DosDevices\\pipe\\", "\\GLOBAL??\\pipe\\"};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t n = strlen(prefixes[i]);
        if (strncasecmp(path, prefixes[i], n) == 0) {
            return path + n;
        }
    }
    return NULL;
}

/* The server end's handle attributes: OBJ_INHERIT in OBJECT_ATTRIBUTES. */
#define OBJ_INHERIT 0x2u

static NTSTATUS ReturnEnd(KPROCESS *process, KI_PIPE_END *end, uint32_t attributes,
                          uint32_t handle_va)
{
    uint32_t handle;
    NTSTATUS status = ExCreateHandleWithAccess(&process->Handles, &end->File.Header,
                                               end->File.Access, &handle);
    ExDereferenceObject(&end->File.Header); /* the handle holds it now, or nothing does */
    if (status != STATUS_SUCCESS) {
        return status;
    }
    ExSetHandleAttributes(&process->Handles, handle, (attributes & OBJ_INHERIT) ? EX_HANDLE_INHERIT : 0);
    status = MmCopyToUser(process->Mm, handle_va, &handle, sizeof handle);
    if (status != STATUS_SUCCESS) {
        ExCloseHandle(&process->Handles, handle);
    }
    return status;
}

/* The file rights an end is opened with (generic ones mapped, as a file's). */
static uint32_t EndAccess(uint32_t desired)
{
    uint32_t access = ExMapGenericAccess(ExObjectFile, desired);
    return access & IO_MAXIMUM_ALLOWED ? FILE_ALL_ACCESS : access;
}

/* NtCreateFile / NtOpenFile on a pipe's name: the client end. */
NTSTATUS KiOpenPipeClient(KPROCESS *process, const char *name, uint32_t access,
                          uint32_t attributes, uint32_t handle_va, uint32_t iosb)
{
    KI_PIPE *pipe = FindPipe(process->System, name);
    if (!pipe) {
        return STATUS_OBJECT_NAME_NOT_FOUND;
    }
    if (pipe->End[KI_PIPE_CLIENT] || pipe->Closed[KI_PIPE_CLIENT]) {
        return STATUS_PIPE_NOT_AVAILABLE; /* its one instance is taken */
    }
    KI_PIPE_END *end = NewEnd(pipe, KI_PIPE_CLIENT, EndAccess(access));
    if (!end) {
        return STATUS_NO_MEMORY;
    }
    NTSTATUS status = ReturnEnd(process, end, attributes, handle_va);
    if (status == STATUS_SUCCESS) {
        KiUnwaitThreads(process->System); /* a server waiting to write is connected now */
        status = KiCompleteIo(process, iosb, STATUS_SUCCESS, 1 /* FILE_OPENED */);
    }
    return status;
}

/* NtCreateNamedPipeFile(FileHandle, DesiredAccess, ObjectAttributes,
 * IoStatusBlock, ShareAccess, CreateDisposition, CreateOptions,
 * NamedPipeType, ReadMode, CompletionMode, MaximumInstances, InboundQuota,
 * OutboundQuota, DefaultTimeout) */
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
    /* Byte streams only; one instance; FILE_CREATE or FILE_OPEN_IF. */
    if (a[7] != 0 || a[8] != 0 || a[10] == 0) {
        return STATUS_INVALID_PARAMETER;
    }
    if (a[5] != 2 /* FILE_CREATE */ && a[5] != 3 /* FILE_OPEN_IF */) {
        return STATUS_INVALID_PARAMETER;
    }
    if (FindPipe(process->System, name)) {
        return STATUS_ACCESS_DENIED; /* all instances (one) are busy */
    }
    KI_PIPE *pipe = calloc(1, sizeof *pipe);
    if (!pipe || !(pipe->Name = strdup(name))) {
        free(pipe);
        return STATUS_NO_MEMORY;
    }
    pipe->System = process->System;
    for (int i = 0; i < 2; i++) {
        uint32_t quota = a[11 + i] ? a[11 + i] : KI_PIPE_DEFAULT_QUOTA;
        pipe->Queue[i].Quota = quota < KI_PIPE_MAXIMUM_QUOTA ? quota : KI_PIPE_MAXIMUM_QUOTA;
        pipe->Queue[i].Data = malloc(pipe->Queue[i].Quota);
    }
    KI_PIPE_END *end = NewEnd(pipe, KI_PIPE_SERVER, EndAccess(a[1]));
    if (!end || !pipe->Queue[0].Data || !pipe->Queue[1].Data) {
        if (end) {
            ExDereferenceObject(&end->File.Header); /* frees the pipe */
        } else {
            free(pipe->Queue[0].Data);
            free(pipe->Queue[1].Data);
            free(pipe->Name);
            free(pipe);
        }
        return STATUS_NO_MEMORY;
    }
    pipe->Next = process->System->Pipes;
    process->System->Pipes = pipe;
    pipe->Named = true;
    status = ReturnEnd(process, end, attributes, a[0]);
    if (status == STATUS_SUCCESS) {
        status = KiCompleteIo(process, a[3], STATUS_SUCCESS, FILE_CREATED);
    }
    return status;
}

/* Copies up to length queued bytes into out, without taking them. */
static uint32_t PeekQueue(const KI_PIPE_QUEUE *queue, uint8_t *out, uint32_t length)
{
    uint32_t n = length < queue->Used ? length : queue->Used;
    for (uint32_t i = 0; i < n; i++) {
        out[i] = queue->Data[(queue->Head + i) % queue->Quota];
    }
    return n;
}

/* Reading (buffer in the caller's memory, probed): what is queued, or a wait. */
NTSTATUS KiPipeRead(KPROCESS *process, EX_FILE *file, uint32_t buffer, uint32_t length,
                    uint32_t *done)
{
    KI_PIPE_END *end = (KI_PIPE_END *)file;
    KI_PIPE_QUEUE *queue = ReadQueue(end);
    *done = 0;
    if (queue->Used == 0) {
        if (PeerGone(end)) {
            return end->Side == KI_PIPE_SERVER && !end->Pipe->End[KI_PIPE_CLIENT] &&
                           !end->Pipe->Closed[KI_PIPE_CLIENT]
                       ? STATUS_PIPE_LISTENING
                       : STATUS_PIPE_BROKEN;
        }
        return KiRestartServiceAfterWait(process, file, KI_PIPE_WAIT_READ);
    }
    uint32_t n = length < queue->Used ? length : queue->Used;
    uint8_t *bytes = malloc(n ? n : 1);
    if (!bytes) {
        return STATUS_NO_MEMORY;
    }
    PeekQueue(queue, bytes, n);
    NTSTATUS status = MmCopyToUser(process->Mm, buffer, bytes, n);
    free(bytes);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    queue->Head = (queue->Head + n) % queue->Quota;
    queue->Used -= n;
    *done = n;
    if (n) {
        KiUnwaitThreads(process->System); /* room for a waiting writer */
    }
    return STATUS_SUCCESS;
}

/* Writing: as much as fits, then a wait for room until all of it is
 * queued. The bytes queued before a wait count in thread->PipeWritten, so
 * that the service, run again, goes on after them. */
NTSTATUS KiPipeWrite(KPROCESS *process, EX_FILE *file, uint32_t buffer, uint32_t length,
                     uint32_t *done)
{
    KI_PIPE_END *end = (KI_PIPE_END *)file;
    KI_PIPE_QUEUE *queue = WriteQueue(end);
    KTHREAD *thread = KiCurrentThread(process);
    uint32_t before = thread->PipeWritten, written = before;
    thread->PipeWritten = 0;
    *done = written;
    if (PeerGone(end)) {
        bool listening = end->Side == KI_PIPE_SERVER && !end->Pipe->End[KI_PIPE_CLIENT] &&
                         !end->Pipe->Closed[KI_PIPE_CLIENT];
        return listening ? STATUS_PIPE_LISTENING : STATUS_PIPE_CLOSING;
    }
    uint8_t chunk[4096];
    while (written < length && queue->Used < queue->Quota) {
        uint32_t room = queue->Quota - queue->Used;
        uint32_t n = length - written;
        n = n < room ? n : room;
        n = n < sizeof chunk ? n : (uint32_t)sizeof chunk;
        NTSTATUS status = MmCopyFromUser(process->Mm, chunk, buffer + written, n);
        if (status != STATUS_SUCCESS) {
            return status;
        }
        for (uint32_t i = 0; i < n; i++) {
            queue->Data[(queue->Head + queue->Used + i) % queue->Quota] = chunk[i];
        }
        queue->Used += n;
        written += n;
    }
    *done = written;
    if (written > before) {
        KiUnwaitThreads(process->System); /* bytes for a waiting reader */
    }
    if (written < length) {
        thread->PipeWritten = written;
        return KiRestartServiceAfterWait(process, file, KI_PIPE_WAIT_WRITE);
    }
    return STATUS_SUCCESS;
}

/* FSCTL_PIPE_PEEK: FILE_PIPE_PEEK_BUFFER {NamedPipeState, ReadDataAvailable,
 * NumberOfMessages, MessageLength}, then as much of the data as fits. */
NTSTATUS KiPipePeek(EX_FILE *file, uint8_t *out, uint32_t room, uint32_t *header,
                    uint32_t *copied)
{
    KI_PIPE_END *end = (KI_PIPE_END *)file;
    KI_PIPE_QUEUE *queue = ReadQueue(end);
    *copied = 0;
    if (queue->Used == 0 && PeerGone(end)) {
        return end->Pipe->End[1 - end->Side] || end->Pipe->Closed[1 - end->Side]
                   ? STATUS_PIPE_BROKEN
                   : STATUS_INVALID_PIPE_STATE;
    }
    header[0] = FILE_PIPE_CONNECTED_STATE;
    header[1] = queue->Used;
    header[2] = 0;
    header[3] = 0;
    *copied = PeekQueue(queue, out, room);
    return *copied < queue->Used ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

const char *KiDescribePipeWait(const KTHREAD *thread)
{
    return thread->PipeWait == KI_PIPE_WAIT_WRITE ? "room in a pipe" : "data from a pipe";
}

/*
 * The service cannot finish yet: the thread waits for the object, and when
 * the wait ends it runs the same service again (its int 2Eh, with EAX the
 * service number), instead of returning the wait's status. NT's pipe reads
 * wait inside the service; re-running it from the start gives the same
 * answers here, where a service cannot keep a kernel stack across a wait.
 */
NTSTATUS KiRestartServiceAfterWait(KPROCESS *process, EX_FILE *file, uint8_t why)
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
    EX_OBJECT *object = &file->Header;
    if (KiWaitForObjects(thread, &object, 1, false, false, NULL) != STATUS_PENDING) {
        /* Ready after all: the service simply runs again. */
        thread->RestartService = false;
        thread->PipeWait = 0;
    }
    return STATUS_PENDING;
}
