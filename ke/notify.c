/*
 * Directory change notification: NtNotifyChangeDirectoryFile (kernel32's
 * FindFirstChangeNotification, FindNextChangeNotification and
 * ReadDirectoryChangesW), NT's FsRtl notify package in miniature.
 *
 * A directory's first request makes a watch on its file object (NT's
 * NOTIFY_CHANGE), which keeps that request's CompletionFilter and
 * WatchTree for the file object's life: later requests' own are not used
 * (Wine's kernel32 change.c:477-530 shows a later FILE_NOTIFY_CHANGE_SIZE
 * request still seeing a directory removed, and a subtree). From then on
 * the changes the guest makes through ntmm's file services (iosvc.c,
 * iorw.c, ioinfo.c report them here, as NT's file systems call
 * FsRtlNotifyFullReportChange) are recorded on every watch they concern —
 * the watched directory's entries, or with WatchTree every entry below
 * it — and handed to the next request as FILE_NOTIFY_INFORMATION records
 * (names relative to the watched directory), at once if there are any,
 * else when the next change comes. A buffer too small for them completes
 * with STATUS_NOTIFY_ENUM_DIR and nothing in it (change.c:522-528); they
 * are dropped. A watch keeps no more than its first request's buffer
 * holds: after a first request without one (FindFirstChangeNotification's)
 * every completion is STATUS_NOTIFY_ENUM_DIR (change.c:711). Changes made
 * on the host behind the guest's back are not seen.
 *
 * A request on a synchronous handle waits in the service (npfs.c's
 * restart); on an overlapped one it becomes an IRP, completed through the
 * IO_STATUS_BLOCK, the event, the handle, its port or its APC (irp.c).
 * The handle's last close completes what waits with STATUS_NOTIFY_CLEANUP;
 * the watched directory's own deletion, with STATUS_DELETE_PENDING.
 *
 * A delete is reported when the guest asks for it (the disposition set,
 * NtDeleteFile), where NT reports it when the last handle to the file
 * closes; kernel32's DeleteFile and RemoveDirectory do both at once.
 */
#include "ke/iosvc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FILE_NOTIFY_VALID_MASK 0x00000FFFu
#define FILE_LIST_DIRECTORY 0x0001u
#define STATUS_NOTIFY_CLEANUP ((NTSTATUS)0x0000010BL)
#define STATUS_NOTIFY_ENUM_DIR ((NTSTATUS)0x0000010CL)
#define KI_NOTIFY_MAXIMUM_BYTES 65536u /* what a watch keeps before it overflows */

typedef struct KI_NOTIFY_RECORD {
    struct KI_NOTIFY_RECORD *Next;
    uint32_t Action;
    uint32_t Units;                    /* of the name, UTF-16 */
    uint16_t Name[];                   /* relative to the watched directory, '\' between parts */
} KI_NOTIFY_RECORD;

typedef struct KI_NOTIFY {
    struct KI_NOTIFY *Next;
    KSYSTEM *System;
    EX_FILE *Directory;                /* referenced while the watch lives */
    void (*Cleanup)(EX_OBJECT *object); /* the directory's own */
    uint32_t Filter;
    bool WatchTree;
    uint32_t BufferLength;             /* the first request's: what the watch can keep */
    KI_IRP *Irps;                      /* the requests that wait, oldest first */
    KI_NOTIFY_RECORD *Head, *Tail;
    uint32_t Bytes;                    /* the records' FILE_NOTIFY_INFORMATION size */
    bool Overflow;                     /* more came than a watch keeps */
    KEVENT *Changed;                   /* notification: signaled while there are records */
} KI_NOTIFY;

/* The directory's watch: the file object points to it. */
static KI_NOTIFY *FindWatch(const EX_FILE *file)
{
    return file->Watch;
}

static void DropRecords(KI_NOTIFY *watch)
{
    while (watch->Head) {
        KI_NOTIFY_RECORD *record = watch->Head;
        watch->Head = record->Next;
        free(record);
    }
    watch->Tail = NULL;
    watch->Bytes = 0;
    watch->Overflow = false;
    watch->Changed->Signaled = false;
}

/* FILE_NOTIFY_INFORMATION {NextEntryOffset, Action, FileNameLength,
 * FileName[]}, each at a 4-byte boundary; the count is up to the end of
 * the last name. */
static uint32_t RecordSize(const KI_NOTIFY_RECORD *record)
{
    return 12 + record->Units * 2;
}

/* The waiting request gets the records (taken), or STATUS_NOTIFY_ENUM_DIR
 * if they do not fit (dropped). */
static void CompleteWithRecords(KI_NOTIFY *watch, KI_IRP *irp)
{
    NTSTATUS status = STATUS_SUCCESS;
    uint32_t used = 0;
    if (watch->Overflow || watch->Bytes > irp->Length || watch->Bytes > watch->BufferLength) {
        status = STATUS_NOTIFY_ENUM_DIR;
    } else if (irp->Process->State != KiDead && irp->Process->Mm) {
        uint8_t *out = calloc(1, watch->Bytes ? watch->Bytes : 1);
        if (!out) {
            status = STATUS_NOTIFY_ENUM_DIR;
        } else {
            uint32_t at = 0;
            for (KI_NOTIFY_RECORD *record = watch->Head; record; record = record->Next) {
                uint32_t size = RecordSize(record);
                uint32_t next = record->Next ? (size + 3) & ~3u : 0;
                uint32_t length = record->Units * 2;
                memcpy(out + at, &next, 4);
                memcpy(out + at + 4, &record->Action, 4);
                memcpy(out + at + 8, &length, 4);
                memcpy(out + at + 12, record->Name, length);
                used = at + size;
                at += next;
            }
            if (MmCopyToUser(irp->Process->Mm, irp->Buffer, out, used) != STATUS_SUCCESS) {
                status = STATUS_NOTIFY_ENUM_DIR;
                used = 0;
            }
            free(out);
        }
    }
    DropRecords(watch);
    KiCompleteIrp(irp, status, status == STATUS_SUCCESS ? used : 0);
}

static void CompleteAll(KI_NOTIFY *watch, NTSTATUS status)
{
    while (watch->Irps) {
        KI_IRP *irp = watch->Irps;
        watch->Irps = irp->Next;
        KiCompleteIrp(irp, status, 0);
    }
}

/* The directory's last handle went: its requests end, and its watch. */
static void CleanupWatchedDirectory(EX_OBJECT *object)
{
    KI_NOTIFY *watch = FindWatch((EX_FILE *)object);
    if (!watch) {
        return;
    }
    for (KI_NOTIFY **link = &watch->System->Watches; *link; link = &(*link)->Next) {
        if (*link == watch) {
            *link = watch->Next;
            break;
        }
    }
    ((EX_FILE *)object)->Watch = NULL;
    object->Cleanup = watch->Cleanup;
    CompleteAll(watch, STATUS_NOTIFY_CLEANUP);
    DropRecords(watch);
    watch->Changed->Signaled = true; /* a synchronous waiter runs again, and finds no handle */
    KiUnwaitThreads(watch->System);
    ExDereferenceObject(&watch->Changed->Header);
    free(watch);
    if (object->Cleanup) {
        object->Cleanup(object);
    }
    ExDereferenceObject(object);
}

static void FreeEvent(EX_OBJECT *object)
{
    free(object);
}

char *KiFilePath(EX_FILE *file)
{
    uint32_t length = 4 + 2 * KI_PATH_UNITS, returned = 0;
    uint8_t *info = IoIsDiskFile(file) ? malloc(length) : NULL;
    char *path = NULL;
    if (info && IoQueryInformationFile(file, FileNameInformation, info, length, &returned) ==
                    STATUS_SUCCESS) {
        uint32_t bytes;
        memcpy(&bytes, info, 4);
        uint16_t *wide = (uint16_t *)(info + 4); /* FILE_NAME_INFORMATION: "\dir\name" */
        uint32_t units = bytes / 2, skip = units && wide[0] == '\\';
        if (KiUtf16ToUtf8(wide + skip, units - skip, &path) == STATUS_SUCCESS) {
            for (char *c = path; *c; c++) {
                *c = *c == '\\' ? '/' : *c;
            }
        }
    }
    free(info);
    return path;
}

bool KiIsDirectoryFile(EX_FILE *file)
{
    uint8_t info[24];
    uint32_t returned;
    return IoIsDiskFile(file) &&
           IoQueryInformationFile(file, FileStandardInformation, info, sizeof info, &returned) ==
               STATUS_SUCCESS &&
           info[21] != 0;
}

static NTSTATUS NewWatch(KPROCESS *process, EX_FILE *file, uint32_t filter, bool tree,
                         uint32_t length, KI_NOTIFY **out)
{
    KI_NOTIFY *watch = calloc(1, sizeof *watch);
    KEVENT *event = calloc(1, sizeof *event);
    if (!watch || !event) {
        free(watch);
        free(event);
        return STATUS_NO_MEMORY;
    }
    event->Header.Type = ExObjectEvent;
    event->Header.References = 1;
    event->Header.Close = FreeEvent;
    watch->System = process->System;
    watch->Directory = file;
    ExReferenceObject(&file->Header);
    watch->Cleanup = file->Header.Cleanup;
    file->Header.Cleanup = CleanupWatchedDirectory;
    watch->Filter = filter;
    watch->WatchTree = tree;
    watch->BufferLength = length;
    watch->Changed = event;
    watch->Next = process->System->Watches;
    process->System->Watches = watch;
    file->Watch = watch;
    *out = watch;
    return STATUS_SUCCESS;
}

/* NtNotifyChangeDirectoryFile(FileHandle, Event, ApcRoutine, ApcContext,
 * IoStatusBlock, Buffer, Length, CompletionFilter, WatchTree) */
NTSTATUS KiNtNotifyChangeDirectoryFile(KPROCESS *process, const uint32_t *a)
{
    if (!a[7] || (a[7] & ~FILE_NOTIFY_VALID_MASK)) {
        return STATUS_INVALID_PARAMETER; /* before the handle (change.c:424) */
    }
    NTSTATUS status;
    EX_FILE *file = KiReferenceFile(process, a[0], a[4], &status);
    if (!file) {
        return status;
    }
    uint32_t granted = file->Access & ExGetHandleAccess(&process->Handles, a[0]);
    status = !KiIsDirectoryFile(file)           ? STATUS_INVALID_PARAMETER
             : !(granted & FILE_LIST_DIRECTORY) ? STATUS_ACCESS_DENIED
                                                : STATUS_SUCCESS;
    if (status == STATUS_SUCCESS && a[6]) {
        status = KiProbeIoBuffer(process, a[5], a[6], true);
    }
    KI_NOTIFY *watch = FindWatch(file);
    if (status == STATUS_SUCCESS && !watch) {
        status = NewWatch(process, file, a[7], (a[8] & 0xFF) != 0, a[6], &watch);
    }
    KEVENT *event = NULL;
    if (status == STATUS_SUCCESS) {
        status = KiStartIo(process, file, a[1], a[2], &event);
    }
    bool ready = watch && (watch->Head || watch->Overflow);
    if (status == STATUS_SUCCESS && !ready && !file->Overlapped) {
        /* A synchronous handle: the thread waits for a change, then asks again. */
        status = KiRestartServiceAfterWait(process, &watch->Changed->Header, KI_PIPE_WAIT_NOTIFY, 0);
    } else if (status == STATUS_SUCCESS) {
        KI_IRP *irp = KiAllocateIrp(process, file, event, a[2], a[3], a[4], KI_IRP_NOTIFY, a[5],
                                    a[6]);
        if (!irp) {
            status = STATUS_NO_MEMORY;
        } else if (ready) {
            /* What came since the last request: completed now, through the
             * IRP's path (the event, the APC, the port), as NT does. */
            event = NULL;
            CompleteWithRecords(watch, irp);
            uint32_t block[2] = {0, 0};
            status = MmCopyFromUser(process->Mm, block, a[4], sizeof block);
            status = status == STATUS_SUCCESS ? (NTSTATUS)block[0] : status;
        } else {
            event = NULL;
            irp->Next = NULL;
            KI_IRP **link = &watch->Irps;
            while (*link) {
                link = &(*link)->Next;
            }
            *link = irp;
            status = STATUS_PENDING;
        }
    }
    if (event) {
        ExDereferenceObject(&event->Header);
    }
    ExDereferenceObject(&file->Header);
    return status;
}

/* The name of path relative to the watched directory's (dir), if the watch
 * sees it: an entry of dir, or below it with WatchTree. */
static const char *Relative(const KI_NOTIFY *watch, const char *dir, const char *path)
{
    size_t n = strlen(dir);
    if (n && (strncasecmp(path, dir, n) != 0 || path[n] != '/')) {
        return NULL;
    }
    const char *rest = n ? path + n + 1 : path;
    if (!*rest || (!watch->WatchTree && strchr(rest, '/'))) {
        return NULL;
    }
    return rest;
}

static void Record(KI_NOTIFY *watch, const char *name, uint32_t action)
{
    uint32_t units = (uint32_t)strlen(name); /* UTF-16 takes no more units than UTF-8 bytes */
    KI_NOTIFY_RECORD *last = watch->Tail;
    KI_NOTIFY_RECORD *record = calloc(1, sizeof *record + (units + 1) * 2);
    if (!record) {
        watch->Overflow = true;
        return;
    }
    record->Action = action;
    record->Units = IoUtf8ToUtf16(name, record->Name, units);
    for (uint32_t i = 0; i < record->Units; i++) {
        if (record->Name[i] == '/') {
            record->Name[i] = '\\';
        }
    }
    /* The same change again (a run of writes) is one record, as NTFS
     * reports a file's modification once until it is read. */
    if (last && last->Action == action && last->Units == record->Units &&
        memcmp(last->Name, record->Name, record->Units * 2) == 0) {
        free(record);
        return;
    }
    uint32_t added = (watch->Tail ? ((RecordSize(watch->Tail) + 3) & ~3u) - RecordSize(watch->Tail)
                                  : 0) + RecordSize(record);
    uint32_t room = watch->BufferLength < KI_NOTIFY_MAXIMUM_BYTES ? watch->BufferLength
                                                                 : KI_NOTIFY_MAXIMUM_BYTES;
    if (watch->Bytes + added > room) {
        free(record);
        watch->Overflow = true;
    } else {
        if (watch->Tail) {
            watch->Tail->Next = record;
        } else {
            watch->Head = record;
        }
        watch->Tail = record;
        watch->Bytes += added;
    }
    watch->Changed->Signaled = true;
}

/* The change on every watch of the machine that sees it. */
static void RecordChange(KSYSTEM *system, const char *path, uint32_t action, uint32_t filter)
{
    for (KI_NOTIFY *watch = system->Watches, *next; watch; watch = next) {
        next = watch->Next;
        char *dir = KiFilePath(watch->Directory);
        if (!dir) {
            continue;
        }
        if (action == FILE_ACTION_REMOVED && strcasecmp(dir, path) == 0) {
            free(dir);
            CompleteAll(watch, STATUS_DELETE_PENDING); /* the directory itself goes */
            continue;
        }
        const char *name = (watch->Filter & filter) ? Relative(watch, dir, path) : NULL;
        free(dir);
        if (!name) {
            continue;
        }
        Record(watch, name, action);
    }
}

/* A watch with records and a request waiting: the oldest request takes them. */
static void ServiceWatches(KSYSTEM *system)
{
    for (KI_NOTIFY *watch = system->Watches; watch; watch = watch->Next) {
        if (watch->Irps && (watch->Head || watch->Overflow)) {
            KI_IRP *irp = watch->Irps;
            watch->Irps = irp->Next;
            CompleteWithRecords(watch, irp);
        }
    }
    KiUnwaitThreads(system);
}

void KiReportPathChange(KSYSTEM *system, const char *path, uint32_t action, uint32_t filter)
{
    RecordChange(system, path, action, filter);
    ServiceWatches(system);
}

void KiReportRename(KSYSTEM *system, const char *old_path, uint32_t old_action,
                    const char *new_path, uint32_t new_action, uint32_t filter)
{
    RecordChange(system, old_path, old_action, filter);
    RecordChange(system, new_path, new_action, filter); /* one completion has both */
    ServiceWatches(system);
}

void KiReportFileChange(KSYSTEM *system, EX_FILE *file, uint32_t action, uint32_t filter)
{
    char *path = system->Watches ? KiFilePath(file) : NULL;
    if (path && *path) {
        KiReportPathChange(system, path, action, filter);
    }
    free(path);
}

bool KiAnyDirectoryWatch(KSYSTEM *system)
{
    return system->Watches != NULL;
}

uint32_t KiCancelNotifyIo(EX_FILE *file, KTHREAD *thread, uint32_t iosb)
{
    KI_NOTIFY *watch = FindWatch(file);
    uint32_t count = 0;
    for (KI_IRP **link = watch ? &watch->Irps : NULL; link && *link;) {
        KI_IRP *irp = *link;
        if ((thread && irp->Thread != thread) || (iosb && irp->IoStatusBlock != iosb)) {
            link = &irp->Next;
            continue;
        }
        *link = irp->Next;
        KiCompleteIrp(irp, STATUS_CANCELLED, 0);
        count++;
    }
    return count;
}
