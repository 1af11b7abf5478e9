/*
 * The file system services: every argument captured from user memory
 * through mm's copy routines, then handed to the I/O manager (io/). A bad
 * pointer is STATUS_ACCESS_VIOLATION returned, never a host fault. This
 * file mounts the volume, captures names and opens files (NtCreateFile,
 * NtOpenFile, NtDeleteFile, NtQuery(Full)AttributesFile); iorw.c moves
 * bytes, ioinfo.c describes.
 *
 * File handles are process handles to file objects; the access granted at
 * open is checked by each service. The host's standard streams are file
 * objects too (ExCreateHostFile), served by iorw.c and ioinfo.c directly.
 *
 * A file's I/O completes inside the service (only a pipe's can pend:
 * npfs.c), and then signals the Event and the file and queues a packet
 * to the file's completion port (irp.c); ApcRoutine is not called.
 */
#include "ke/console.h"
#include "ke/iosvc.h"

#include <stdlib.h>
#include <string.h>

/* The volume the machine's processes see as C: (one per machine). */
bool KiMountVolume(KSYSTEM *system, const KE_OPTIONS *options, char *why, size_t whylen)
{
    system->Volume = IoCreateVolume(options->RootDirectory ? options->RootDirectory : ".",
                                    options->RootReadOnly, why, whylen);
    if (system->Volume) {
        /* C:\Windows\system32 holds the system directory's DLLs; a directory
         * that cannot be read leaves it empty (the loader says why). */
        char ignored[300];
        IoMountSystemFiles(system->Volume, options->SystemDirectory, ignored, sizeof ignored);
        KiInitializeMappedFiles(system);
    }
    return system->Volume != NULL;
}

void KiDismountVolume(KSYSTEM *system)
{
    IoDeleteVolume(system->Volume);
    system->Volume = NULL;
}

IO_VOLUME *KiIoVolume(KPROCESS *process)
{
    return process->System->Volume;
}

/* UTF-16 to UTF-8 (a surrogate pair is one 4-byte character), in a new
 * string the caller frees. A NUL inside a name is no name. */
NTSTATUS KiUtf16ToUtf8(const uint16_t *wide, uint32_t units, char **out)
{
    char *name = malloc(units * 3 + 1);
    char *p = name;
    *out = NULL;
    if (!name) {
        return STATUS_NO_MEMORY;
    }
    for (uint32_t i = 0; i < units; i++) {
        uint32_t c = wide[i];
        if (c == 0) {
            free(name);
            return STATUS_OBJECT_NAME_INVALID;
        } else if (c >= 0xD800 && c < 0xDC00 && i + 1 < units && wide[i + 1] >= 0xDC00 &&
                   wide[i + 1] < 0xE000) {
            c = 0x10000 + ((c - 0xD800) << 10) + (wide[++i] - 0xDC00u);
            *p++ = (char)(0xF0 | c >> 18);
            *p++ = (char)(0x80 | ((c >> 12) & 0x3F));
            *p++ = (char)(0x80 | ((c >> 6) & 0x3F));
            *p++ = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x80) {
            *p++ = (char)c;
        } else if (c < 0x800) {
            *p++ = (char)(0xC0 | c >> 6);
            *p++ = (char)(0x80 | (c & 0x3F));
        } else {
            *p++ = (char)(0xE0 | c >> 12);
            *p++ = (char)(0x80 | ((c >> 6) & 0x3F));
            *p++ = (char)(0x80 | (c & 0x3F));
        }
    }
    *p = 0;
    *out = name;
    return STATUS_SUCCESS;
}

/* A UNICODE_STRING in user memory as a UTF-8 string the caller frees. */
NTSTATUS KiCaptureFileName(KPROCESS *process, uint32_t string_va, char **out)
{
    uint16_t us[4];
    *out = NULL;
    NTSTATUS status = MmCopyFromUser(process->Mm, us, string_va, 8);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint32_t length = us[0], buffer = us[2] | (uint32_t)us[3] << 16;
    if (length % 2 || length > us[1]) {
        return STATUS_INVALID_PARAMETER;
    }
    uint16_t *wide = malloc(length + 2);
    if (!wide) {
        return STATUS_NO_MEMORY;
    }
    status = MmCopyFromUser(process->Mm, wide, buffer, length);
    if (status == STATUS_SUCCESS) {
        status = KiUtf16ToUtf8(wide, length / 2, out);
    }
    free(wide);
    return status;
}

/* OBJECT_ATTRIBUTES: the name and the RootDirectory's file object (a
 * reference the caller drops), or a status. */
static NTSTATUS CaptureObjectAttributes(KPROCESS *process, uint32_t va, char **name, EX_FILE **root)
{
    uint32_t oa[6];
    *name = NULL;
    *root = NULL;
    NTSTATUS status = MmCopyFromUser(process->Mm, oa, va, sizeof oa);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (oa[0] != sizeof oa) {
        return STATUS_INVALID_PARAMETER;
    }
    if (!oa[2]) {
        return STATUS_OBJECT_NAME_INVALID;
    }
    if (oa[1]) {
        *root = (EX_FILE *)ExReferenceObjectByHandle(&process->Handles, oa[1], ExObjectFile, &status);
        if (!*root) {
            return status;
        }
    }
    status = KiCaptureFileName(process, oa[2], name);
    if (status == STATUS_SUCCESS && !**name && !*root) {
        status = STATUS_OBJECT_NAME_INVALID;
    }
    if (status != STATUS_SUCCESS) {
        free(*name);
        *name = NULL;
        if (*root) {
            ExDereferenceObject(&(*root)->Header);
            *root = NULL;
        }
    }
    return status;
}

/* An IO_STATUS_BLOCK the service will be able to fill: probed first. */
NTSTATUS KiProbeIoStatus(KPROCESS *process, uint32_t iosb)
{
    uint32_t block[2];
    NTSTATUS status = MmCopyFromUser(process->Mm, block, iosb, sizeof block);
    return status == STATUS_SUCCESS ? MmCopyToUser(process->Mm, iosb, block, sizeof block) : status;
}

/* Fills IO_STATUS_BLOCK {Status, Information} for a status that completes
 * the request (success, a warning, or end of file). */
NTSTATUS KiCompleteIo(KPROCESS *process, uint32_t iosb, NTSTATUS status, uint32_t information)
{
    uint32_t block[2] = {(uint32_t)status, information};
    NTSTATUS written = MmCopyToUser(process->Mm, iosb, block, sizeof block);
    return written != STATUS_SUCCESS ? written : status;
}

bool KiIoCompletes(NTSTATUS status)
{
    return (uint32_t)status < 0xC0000000u || status == STATUS_END_OF_FILE;
}

/* The file object behind a handle, with a reference, once the
 * IO_STATUS_BLOCK is known to be writable. */
EX_FILE *KiReferenceFile(KPROCESS *process, uint32_t handle, uint32_t iosb, NTSTATUS *status)
{
    EX_FILE *file = (EX_FILE *)ExReferenceObjectByHandle(&process->Handles, handle, ExObjectFile,
                                                         status);
    if (file && iosb) {
        *status = KiProbeIoStatus(process, iosb);
        if (*status != STATUS_SUCCESS) {
            ExDereferenceObject(&file->Header);
            return NULL;
        }
    }
    return file;
}

#define OBJ_INHERIT 0x2u

static NTSTATUS ReturnHandle(KPROCESS *process, EX_FILE *file, uint32_t attributes,
                             uint32_t handle_va)
{
    uint32_t handle;
    ExReferenceObject(&file->Header);
    NTSTATUS status = ExCreateHandle(&process->Handles, &file->Header, &handle);
    if (status == STATUS_SUCCESS) {
        ExSetHandleAttributes(&process->Handles, handle,
                              (attributes & OBJ_INHERIT) ? EX_HANDLE_INHERIT : 0);
        status = MmCopyToUser(process->Mm, handle_va, &handle, sizeof handle);
        if (status != STATUS_SUCCESS) {
            ExCloseHandle(&process->Handles, handle);
        }
    }
    ExDereferenceObject(&file->Header); /* the handle holds it now, or nothing does */
    return status;
}

/* A file made (FILE_CREATED) or emptied anew (FILE_OVERWRITTEN,
 * FILE_SUPERSEDED), for the directory watches (notify.c). */
static void ReportCreate(KPROCESS *process, EX_FILE *file, uint32_t information)
{
    if (!KiAnyDirectoryWatch(process->System) || !IoIsDiskFile(file) || information == 1 /* FILE_OPENED */ ||
        information > 3) {
        return;
    }
    if (information == FILE_CREATED) {
        KiReportFileChange(process->System, file, FILE_ACTION_ADDED,
                           KiIsDirectoryFile(file) ? FILE_NOTIFY_CHANGE_DIR_NAME
                                                   : FILE_NOTIFY_CHANGE_FILE_NAME);
    } else {
        KiReportFileChange(process->System, file, FILE_ACTION_MODIFIED,
                           FILE_NOTIFY_CHANGE_SIZE | FILE_NOTIFY_CHANGE_LAST_WRITE |
                               FILE_NOTIFY_CHANGE_ATTRIBUTES);
    }
}

static NTSTATUS CreateFile(KPROCESS *process, uint32_t handle_va, uint32_t access, uint32_t oa,
                           uint32_t iosb, uint32_t attributes, uint32_t share,
                           uint32_t disposition, uint32_t options)
{
    uint32_t zero = 0;
    NTSTATUS status = MmCopyToUser(process->Mm, handle_va, &zero, sizeof zero);
    if (status == STATUS_SUCCESS) {
        status = KiProbeIoStatus(process, iosb);
    }
    char *name;
    EX_FILE *root;
    if (status == STATUS_SUCCESS) {
        status = CaptureObjectAttributes(process, oa, &name, &root);
    }
    if (status != STATUS_SUCCESS) {
        return status;
    }
    /* OBJECT_ATTRIBUTES.Attributes: OBJ_INHERIT makes the handle inheritable. */
    uint32_t object_attributes = 0;
    MmCopyFromUser(process->Mm, &object_attributes, oa + 12, sizeof object_attributes);
    const char *mailslot = root ? NULL : KiMailslotName(name);
    if (mailslot) {
        status = KiOpenMailslotClient(process, mailslot, access, object_attributes, handle_va,
                                      iosb);
        free(name);
        return status;
    }
    const char *pipe = root ? NULL : KiPipeName(name);
    if (pipe) {
        status = KiOpenPipeClient(process, pipe, access, object_attributes, options, handle_va,
                                  iosb);
        free(name);
        return status;
    }
    IO_CREATE_PARAMETERS create = {
        .Name = name, .RootDirectory = root, .DesiredAccess = access,
        .FileAttributes = attributes, .ShareAccess = share, .Disposition = disposition,
        .Options = options,
    };
    EX_FILE *file = NULL;
    uint32_t information = 0;
    status = IoCreateFile(KiIoVolume(process), &create, &file, &information);
    free(name);
    if (root) {
        ExDereferenceObject(&root->Header);
    }
    if (status == STATUS_SUCCESS && !IoIsDiskFile(file)) {
        /* CON, CONIN$, CONOUT$: the process's console (consvc.c). */
        file = KiConsoleFromHostStream(process, file, &status);
    }
    if (status == STATUS_SUCCESS) {
        /* Without FILE_SYNCHRONOUS_IO_*, opened for overlapped I/O (irp.c). */
        file->Overlapped = !(options & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT));
        file->NoBuffering = (options & FILE_NO_INTERMEDIATE_BUFFERING) != 0;
        file->Signaled = true; /* the open is a request that has completed */
        ReportCreate(process, file, information);
        status = ReturnHandle(process, file, object_attributes, handle_va);
    }
    if (status == STATUS_SUCCESS) {
        status = KiCompleteIo(process, iosb, status, information);
    }
    return status;
}

/* NtCreateFile(FileHandle, DesiredAccess, ObjectAttributes, IoStatusBlock,
 * AllocationSize, FileAttributes, ShareAccess, CreateDisposition,
 * CreateOptions, EaBuffer, EaLength) */
NTSTATUS KiNtCreateFile(KPROCESS *process, const uint32_t *a)
{
    if (a[9] || a[10]) {
        return STATUS_INVALID_PARAMETER; /* no extended attributes here */
    }
    return CreateFile(process, a[0], a[1], a[2], a[3], a[5], a[6], a[7], a[8]);
}

/* NtOpenFile(FileHandle, DesiredAccess, ObjectAttributes, IoStatusBlock,
 * ShareAccess, OpenOptions) */
NTSTATUS KiNtOpenFile(KPROCESS *process, const uint32_t *a)
{
    return CreateFile(process, a[0], a[1], a[2], a[3], 0, a[4], 1 /* FILE_OPEN */, a[5]);
}

/* Opens the name for a look or a delete, without a handle. */
static NTSTATUS OpenByAttributes(KPROCESS *process, uint32_t oa, uint32_t access, uint32_t options,
                                 EX_FILE **file)
{
    char *name;
    EX_FILE *root;
    NTSTATUS status = CaptureObjectAttributes(process, oa, &name, &root);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    IO_CREATE_PARAMETERS create = {
        .Name = name, .RootDirectory = root, .DesiredAccess = access,
        .ShareAccess = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
        .Disposition = FILE_OPEN, .Options = options,
    };
    uint32_t information;
    status = IoCreateFile(KiIoVolume(process), &create, file, &information);
    free(name);
    if (root) {
        ExDereferenceObject(&root->Header);
    }
    if (status == STATUS_SUCCESS) {
        ExReferenceObject(&(*file)->Header);
    }
    return status;
}

/* NtDeleteFile(ObjectAttributes) */
NTSTATUS KiNtDeleteFile(KPROCESS *process, const uint32_t *a)
{
    EX_FILE *file;
    NTSTATUS status = OpenByAttributes(process, a[0], IO_DELETE, FILE_OPEN_REPARSE_POINT, &file);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint8_t yes = 1;
    status = IoIsDiskFile(file) ? IoSetInformationFile(file, FileDispositionInformation, &yes, 1,
                                                       NULL, NULL)
                                : STATUS_ACCESS_DENIED;
    if (status == STATUS_DIRECTORY_NOT_EMPTY) {
        /* NT's NtDeleteFile is an open for delete-on-close: a directory
         * that is not empty stays, silently (Wine's ntdll file.c:609-615). */
        ExDereferenceObject(&file->Header);
        return STATUS_SUCCESS;
    }
    if (status == STATUS_SUCCESS && KiAnyDirectoryWatch(process->System)) {
        KiReportFileChange(process->System, file, FILE_ACTION_REMOVED,
                           KiIsDirectoryFile(file) ? FILE_NOTIFY_CHANGE_DIR_NAME
                                                   : FILE_NOTIFY_CHANGE_FILE_NAME);
    }
    ExDereferenceObject(&file->Header);
    return status;
}

static NTSTATUS QueryAttributes(KPROCESS *process, const uint32_t *a, uint32_t class, uint32_t size)
{
    EX_FILE *file;
    uint8_t probe[56];
    NTSTATUS status = MmCopyFromUser(process->Mm, probe, a[1], size);
    if (status == STATUS_SUCCESS) {
        status = OpenByAttributes(process, a[0], FILE_READ_ATTRIBUTES, 0, &file);
    }
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint8_t info[56];
    uint32_t returned;
    status = IoIsDiskFile(file) ? IoQueryInformationFile(file, class, info, size, &returned)
                                : STATUS_INVALID_DEVICE_REQUEST;
    ExDereferenceObject(&file->Header);
    return status == STATUS_SUCCESS ? MmCopyToUser(process->Mm, a[1], info, size) : status;
}

/* NtQueryAttributesFile(ObjectAttributes, FILE_BASIC_INFORMATION *) */
NTSTATUS KiNtQueryAttributesFile(KPROCESS *process, const uint32_t *a)
{
    return QueryAttributes(process, a, FileBasicInformation, 40);
}

/* NtQueryFullAttributesFile(ObjectAttributes, FILE_NETWORK_OPEN_INFORMATION *) */
NTSTATUS KiNtQueryFullAttributesFile(KPROCESS *process, const uint32_t *a)
{
    return QueryAttributes(process, a, FileNetworkOpenInformation, 56);
}
