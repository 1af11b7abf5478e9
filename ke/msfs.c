/*
 * Mailslots: NT's mailslot file system (msfs) in miniature. A server
 * creates a mailslot by name (NtCreateMailslotFile, kernel32's
 * CreateMailslot, "\\.\mailslot\name" → \??\mailslot\name →
 * \Device\Mailslot\name); clients open the same name with NtCreateFile and
 * write to it; only the server reads. Each write is one message, kept
 * whole, read whole and in order. A read finds the oldest message — a
 * buffer too small for it is STATUS_BUFFER_TOO_SMALL and the message stays
 * — or waits up to the mailslot's ReadTimeout for one and then fails with
 * STATUS_IO_TIMEOUT (ERROR_SEM_TIMEOUT); a timeout of 0 does not wait.
 * Wine's kernel32 mailslot.c states these answers.
 *
 * The mailslot (NT's FCB) lives while a file object refers to it; its name
 * goes with its server's last handle, after which clients' writes fail.
 *
 * A read that waits is synchronous here, even on a handle without
 * FILE_SYNCHRONOUS_IO_* (CreateMailslot opens its server that way): the
 * thread waits in the service (npfs.c's restart) until a message comes or
 * the timeout ends, and an OVERLAPPED read is complete when ReadFile
 * returns.
 */
#include "ke/iosvc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FileMailslotQueryInformation 26u
#define FileMailslotSetInformation 27u
#define KI_MAILSLOT_NO_MESSAGE 0xFFFFFFFFu           /* MAILSLOT_NO_MESSAGE */
#define KI_MAILSLOT_FOREVER 0x7FFFFFFFFFFFFFFFll     /* a ReadTimeout that never ends */
#define KI_MAILSLOT_MAXIMUM_BYTES (1u << 20)          /* one mailslot's share of the host */

typedef struct KI_MAILSLOT_MESSAGE {
    struct KI_MAILSLOT_MESSAGE *Next;
    uint32_t Length;
    uint8_t Bytes[];
} KI_MAILSLOT_MESSAGE;

typedef struct KI_MAILSLOT {
    KSYSTEM *System;
    struct KI_MAILSLOT *Next;        /* System->Mailslots, while it has a name */
    char *Name;                      /* after \Device\Mailslot\ */
    uint32_t References;             /* file objects referring to it */
    bool Named;                      /* its server has a handle: clients can find it */
    uint32_t MaximumMessageSize;     /* 0: any size */
    uint32_t Quota;
    int64_t ReadTimeout;             /* 100 ns, negative (relative), or KI_MAILSLOT_FOREVER */
    KI_MAILSLOT_MESSAGE *Head, *Tail;
    uint32_t Count, Bytes;
    KEVENT *NotEmpty;                /* notification: signaled while Count > 0 */
} KI_MAILSLOT;

typedef struct KI_MAILSLOT_FILE {
    EX_FILE File;                    /* Header (ExObjectFile), Fd -1, Access */
    KI_MAILSLOT *Slot;               /* NULL: the file system's root */
    bool Server;
} KI_MAILSLOT_FILE;

static void DeleteMailslotFile(EX_OBJECT *object);

bool KiIsMailslotFile(const EX_FILE *file)
{
    return file->Header.Close == DeleteMailslotFile;
}

static void Unlink(KI_MAILSLOT *slot)
{
    for (KI_MAILSLOT **link = &slot->System->Mailslots; *link; link = &(*link)->Next) {
        if (*link == slot) {
            *link = slot->Next;
            break;
        }
    }
    slot->Named = false;
}

static void Release(KI_MAILSLOT *slot)
{
    if (--slot->References) {
        return;
    }
    if (slot->Named) {
        Unlink(slot);
    }
    while (slot->Head) {
        KI_MAILSLOT_MESSAGE *message = slot->Head;
        slot->Head = message->Next;
        free(message);
    }
    ExDereferenceObject(&slot->NotEmpty->Header);
    free(slot->Name);
    free(slot);
}

/* The server's last handle went (IRP_MJ_CLEANUP): the name is free again. */
static void CleanupMailslotFile(EX_OBJECT *object)
{
    KI_MAILSLOT_FILE *file = (KI_MAILSLOT_FILE *)object;
    if (file->Server && file->Slot && file->Slot->Named) {
        Unlink(file->Slot);
    }
}

static void DeleteMailslotFile(EX_OBJECT *object)
{
    KI_MAILSLOT_FILE *file = (KI_MAILSLOT_FILE *)object;
    if (file->Slot) {
        Release(file->Slot);
    }
    free(file);
}

static void FreeEvent(EX_OBJECT *object)
{
    free(object);
}

static KI_MAILSLOT_FILE *NewFile(KI_MAILSLOT *slot, bool server, uint32_t access)
{
    KI_MAILSLOT_FILE *file = calloc(1, sizeof *file);
    if (!file) {
        return NULL;
    }
    file->File.Header.Type = ExObjectFile;
    file->File.Header.References = 1;
    file->File.Header.Close = DeleteMailslotFile;
    file->File.Header.Cleanup = CleanupMailslotFile;
    file->File.Fd = -1;
    file->File.Access = access;
    file->File.Signaled = true;
    file->Slot = slot;
    file->Server = server;
    if (slot) {
        slot->References++;
    }
    return file;
}

static KI_MAILSLOT *FindMailslot(KSYSTEM *system, const char *name)
{
    for (KI_MAILSLOT *slot = system->Mailslots; slot; slot = slot->Next) {
        if (strcasecmp(slot->Name, name) == 0) {
            return slot;
        }
    }
    return NULL;
}

const char *KiMailslotName(const char *path)
{
    return KiDeviceFileName(path, "Mailslot", "mailslot");
}

/* NtCreateFile / NtOpenFile on a mailslot's name: a client, which writes;
 * on "" the file system's root. Since Vista a client's share access is not
 * checked against other clients' (Wine's kernel32 mailslot.c:109). */
NTSTATUS KiOpenMailslotClient(KPROCESS *process, const char *name, uint32_t access,
                              uint32_t attributes, uint32_t handle_va, uint32_t iosb)
{
    KI_MAILSLOT *slot = NULL;
    if (*name && !(slot = FindMailslot(process->System, name))) {
        return STATUS_OBJECT_NAME_NOT_FOUND;
    }
    KI_MAILSLOT_FILE *file = NewFile(slot, false, KiDeviceFileAccess(access));
    if (!file) {
        return STATUS_NO_MEMORY;
    }
    NTSTATUS status = KiReturnFileHandle(process, &file->File, attributes, handle_va);
    return status == STATUS_SUCCESS ? KiCompleteIo(process, iosb, status, 1 /* FILE_OPENED */)
                                    : status;
}

/* NtCreateMailslotFile(FileHandle, DesiredAccess, ObjectAttributes,
 * IoStatusBlock, CreateOptions, MailslotQuota, MaximumMessageSize,
 * ReadTimeout): the server of a new mailslot. A name in use is
 * STATUS_OBJECT_NAME_COLLISION; a path outside the mailslot file system
 * STATUS_OBJECT_NAME_INVALID. A NULL ReadTimeout waits forever. */
NTSTATUS KiNtCreateMailslotFile(KPROCESS *process, const uint32_t *a)
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
    int64_t timeout = KI_MAILSLOT_FOREVER;
    if (status == STATUS_SUCCESS && a[7]) {
        status = MmCopyFromUser(process->Mm, &timeout, a[7], sizeof timeout);
        /* -1 (kernel32's MAILSLOT_WAIT_FOREVER) and any absolute time: forever. */
        if (timeout == -1 || timeout > 0) {
            timeout = KI_MAILSLOT_FOREVER;
        }
    }
    if (status != STATUS_SUCCESS) {
        return status;
    }
    const char *name = KiMailslotName(path);
    if (!name || !*name) {
        return STATUS_OBJECT_NAME_INVALID;
    }
    KSYSTEM *system = process->System;
    if (FindMailslot(system, name)) {
        return STATUS_OBJECT_NAME_COLLISION;
    }
    KI_MAILSLOT *slot = calloc(1, sizeof *slot);
    KEVENT *event = calloc(1, sizeof *event);
    char *copy = strdup(name);
    uint32_t rights = KiDeviceFileAccess(a[1]);
    KI_MAILSLOT_FILE *file = slot && event && copy ? NewFile(slot, true, rights) : NULL;
    if (!file) {
        free(slot);
        free(event);
        free(copy);
        return STATUS_NO_MEMORY;
    }
    event->Header.Type = ExObjectEvent;
    event->Header.References = 1;
    event->Header.Close = FreeEvent;
    slot->System = system;
    slot->Name = copy;
    slot->NotEmpty = event;
    slot->Quota = a[5];
    slot->MaximumMessageSize = a[6];
    slot->ReadTimeout = timeout;
    slot->Named = true;
    slot->Next = system->Mailslots;
    system->Mailslots = slot;
    status = KiReturnFileHandle(process, &file->File, attributes, a[0]);
    return status == STATUS_SUCCESS ? KiCompleteIo(process, a[3], status, 2 /* FILE_CREATED */)
                                    : status;
}

/* A client's write: one message at the tail. */
static NTSTATUS Write(KPROCESS *process, KI_MAILSLOT *slot, uint32_t buffer, uint32_t length,
                     uint32_t *done)
{
    if (!slot->Named) {
        return STATUS_OBJECT_NAME_NOT_FOUND; /* the server has gone */
    }
    if (slot->MaximumMessageSize && length > slot->MaximumMessageSize) {
        return STATUS_INVALID_PARAMETER;
    }
    if (length > KI_MAILSLOT_MAXIMUM_BYTES - slot->Bytes) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    KI_MAILSLOT_MESSAGE *message = malloc(sizeof *message + length);
    if (!message) {
        return STATUS_NO_MEMORY;
    }
    NTSTATUS status = MmCopyFromUser(process->Mm, message->Bytes, buffer, length);
    if (status != STATUS_SUCCESS) {
        free(message);
        return status;
    }
    message->Next = NULL;
    message->Length = length;
    if (slot->Tail) {
        slot->Tail->Next = message;
    } else {
        slot->Head = message;
    }
    slot->Tail = message;
    slot->Count++;
    slot->Bytes += length;
    slot->NotEmpty->Signaled = true;
    KiUnwaitThreads(slot->System);
    *done = length;
    return STATUS_SUCCESS;
}

/* The server's read: the oldest message, whole, or a wait for one. */
static NTSTATUS Read(KPROCESS *process, KI_MAILSLOT *slot, uint32_t buffer, uint32_t length,
                     uint32_t *done)
{
    KTHREAD *thread = KiCurrentThread(process);
    KI_MAILSLOT_MESSAGE *message = slot->Head;
    uint64_t deadline = thread->MailslotDeadline100ns;
    thread->MailslotDeadline100ns = 0;
    if (!message) {
        uint64_t now = KiGuestTime100ns(process);
        if (!deadline) { /* the first time: the wait begins */
            if (slot->ReadTimeout == 0) {
                return STATUS_IO_TIMEOUT;
            }
            deadline = slot->ReadTimeout == KI_MAILSLOT_FOREVER
                           ? UINT64_MAX
                           : now + (0 - (uint64_t)slot->ReadTimeout);
        } else if (deadline <= now) {
            return STATUS_IO_TIMEOUT;
        }
        thread->MailslotDeadline100ns = deadline;
        return KiRestartServiceAfterWait(process, &slot->NotEmpty->Header, KI_PIPE_WAIT_MAILSLOT,
                                         deadline == UINT64_MAX ? 0 : deadline);
    }
    if (length < message->Length) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    NTSTATUS status = MmCopyToUser(process->Mm, buffer, message->Bytes, message->Length);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    *done = message->Length;
    slot->Head = message->Next;
    if (!slot->Head) {
        slot->Tail = NULL;
        slot->NotEmpty->Signaled = false;
    }
    slot->Count--;
    slot->Bytes -= message->Length;
    free(message);
    return STATUS_SUCCESS;
}

NTSTATUS KiMailslotReadWrite(KPROCESS *process, EX_FILE *file, bool write, uint32_t buffer,
                             uint32_t length, uint32_t *done)
{
    KI_MAILSLOT_FILE *slot_file = (KI_MAILSLOT_FILE *)file;
    *done = 0;
    if (!slot_file->Slot) {
        return STATUS_INVALID_PARAMETER; /* the root */
    }
    /* Only the server reads, only a client writes. */
    if (write == slot_file->Server) {
        return STATUS_ACCESS_DENIED;
    }
    return write ? Write(process, slot_file->Slot, buffer, length, done)
                 : Read(process, slot_file->Slot, buffer, length, done);
}

/* FileMailslotQueryInformation (the server's): FILE_MAILSLOT_QUERY_INFORMATION
 * {MaximumMessageSize, MailslotQuota, NextMessageSize, MessagesAvailable,
 * ReadTimeout}. */
NTSTATUS KiQueryMailslotInformation(EX_FILE *file, uint32_t class, uint8_t *buffer,
                                    uint32_t length, uint32_t *returned)
{
    KI_MAILSLOT_FILE *slot_file = (KI_MAILSLOT_FILE *)file;
    KI_MAILSLOT *slot = slot_file->Slot;
    if (class != FileMailslotQueryInformation) {
        return STATUS_INVALID_PARAMETER;
    }
    if (length < 24) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    if (!slot || !slot_file->Server) {
        return STATUS_INVALID_PARAMETER;
    }
    uint32_t words[4] = {slot->MaximumMessageSize, slot->Quota,
                         slot->Head ? slot->Head->Length : KI_MAILSLOT_NO_MESSAGE, slot->Count};
    memcpy(buffer, words, sizeof words);
    memcpy(buffer + 16, &slot->ReadTimeout, 8);
    *returned = 24;
    return STATUS_SUCCESS;
}

/* FileMailslotSetInformation (the server's): FILE_MAILSLOT_SET_INFORMATION
 * {PLARGE_INTEGER ReadTimeout} — a pointer, as NT's ntifs.h has it; NULL
 * or -1 waits forever. */
NTSTATUS KiSetMailslotInformation(KPROCESS *process, EX_FILE *file, uint32_t class,
                                  const uint8_t *buffer, uint32_t length)
{
    KI_MAILSLOT_FILE *slot_file = (KI_MAILSLOT_FILE *)file;
    if (class != FileMailslotSetInformation) {
        return STATUS_INVALID_PARAMETER;
    }
    if (length < 4) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    if (!slot_file->Slot || !slot_file->Server) {
        return STATUS_INVALID_PARAMETER;
    }
    uint32_t pointer;
    memcpy(&pointer, buffer, 4);
    int64_t timeout = KI_MAILSLOT_FOREVER;
    if (pointer) {
        NTSTATUS status = MmCopyFromUser(process->Mm, &timeout, pointer, sizeof timeout);
        if (status != STATUS_SUCCESS) {
            return status;
        }
        if (timeout == -1 || timeout > 0) {
            timeout = KI_MAILSLOT_FOREVER;
        }
    }
    slot_file->Slot->ReadTimeout = timeout;
    return STATUS_SUCCESS;
}
