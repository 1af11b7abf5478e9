/*
 * The file system services: every argument captured from user memory
 * through mm's copy routines, then handed to the I/O manager (io/). A bad
 * pointer is STATUS_ACCESS_VIOLATION returned, never a host fault.
 *
 * File handles are process handles to file objects; the access granted at
 * open is checked by each service. The host's standard streams are file
 * objects too (ExCreateHostFile): NtReadFile and NtWriteFile keep serving
 * them directly, and the volume services refuse them.
 *
 * The I/O is synchronous: Event, ApcRoutine and ApcContext are ignored, and
 * the IO_STATUS_BLOCK is filled before the service returns.
 */
#include "ke/ki.h"
#include "io/io.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The volume the machine's processes see as C: (one per machine). */
bool KiMountVolume(KSYSTEM *system, const KE_OPTIONS *options, char *why, size_t whylen)
{
    system->Volume = IoCreateVolume(options->RootDirectory ? options->RootDirectory : ".",
                                    options->RootReadOnly, why, whylen);
    return system->Volume != NULL;
}

void KiDismountVolume(KSYSTEM *system)
{
    IoDeleteVolume(system->Volume);
    system->Volume = NULL;
}

static IO_VOLUME *Volume(KPROCESS *process)
{
    return process->System->Volume;
}

/* Longest name a UNICODE_STRING holds: 32767 UTF-16 units. */
#define KI_PATH_UNITS 32767

/* A UNICODE_STRING in user memory as a UTF-8 string the caller frees. */
static NTSTATUS CaptureName(KPROCESS *process, uint32_t string_va, char **out)
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
    char *name = malloc(length / 2 * 3 + 1);
    if (!wide || !name) {
        free(wide);
        free(name);
        return STATUS_NO_MEMORY;
    }
    status = MmCopyFromUser(process->Mm, wide, buffer, length);
    char *p = name;
    for (uint32_t i = 0; status == STATUS_SUCCESS && i < length / 2; i++) {
        uint32_t c = wide[i];
        if (c == 0) {
            status = STATUS_OBJECT_NAME_INVALID;
        } else if (c >= 0xD800 && c < 0xDC00 && i + 1 < length / 2 && wide[i + 1] >= 0xDC00 &&
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
    free(wide);
    if (status != STATUS_SUCCESS) {
        free(name);
        return status;
    }
    *out = name;
    return STATUS_SUCCESS;
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
    status = CaptureName(process, oa[2], name);
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
static NTSTATUS ProbeIoStatus(KPROCESS *process, uint32_t iosb)
{
    uint32_t block[2];
    NTSTATUS status = MmCopyFromUser(process->Mm, block, iosb, sizeof block);
    return status == STATUS_SUCCESS ? MmCopyToUser(process->Mm, iosb, block, sizeof block) : status;
}

/* Fills IO_STATUS_BLOCK {Status, Information} for a status that completes
 * the request (success, a warning, or end of file). */
static NTSTATUS CompleteIo(KPROCESS *process, uint32_t iosb, NTSTATUS status, uint32_t information)
{
    uint32_t block[2] = {(uint32_t)status, information};
    NTSTATUS written = MmCopyToUser(process->Mm, iosb, block, sizeof block);
    return written != STATUS_SUCCESS ? written : status;
}

static bool Completes(NTSTATUS status)
{
    return (uint32_t)status < 0xC0000000u || status == STATUS_END_OF_FILE;
}

/* The file object behind a handle, with a reference, once the
 * IO_STATUS_BLOCK is known to be writable. */
static EX_FILE *ReferenceFile(KPROCESS *process, uint32_t handle, uint32_t iosb, NTSTATUS *status)
{
    EX_FILE *file = (EX_FILE *)ExReferenceObjectByHandle(&process->Handles, handle, ExObjectFile,
                                                         status);
    if (file && iosb) {
        *status = ProbeIoStatus(process, iosb);
        if (*status != STATUS_SUCCESS) {
            ExDereferenceObject(&file->Header);
            return NULL;
        }
    }
    return file;
}

static NTSTATUS ReturnHandle(KPROCESS *process, EX_FILE *file, uint32_t handle_va)
{
    uint32_t handle;
    ExReferenceObject(&file->Header);
    NTSTATUS status = ExCreateHandle(&process->Handles, &file->Header, &handle);
    if (status == STATUS_SUCCESS) {
        status = MmCopyToUser(process->Mm, handle_va, &handle, sizeof handle);
        if (status != STATUS_SUCCESS) {
            ExCloseHandle(&process->Handles, handle);
        }
    }
    ExDereferenceObject(&file->Header); /* the handle holds it now, or nothing does */
    return status;
}

static NTSTATUS CreateFile(KPROCESS *process, uint32_t handle_va, uint32_t access, uint32_t oa,
                           uint32_t iosb, uint32_t attributes, uint32_t share,
                           uint32_t disposition, uint32_t options)
{
    uint32_t zero = 0;
    NTSTATUS status = MmCopyToUser(process->Mm, handle_va, &zero, sizeof zero);
    if (status == STATUS_SUCCESS) {
        status = ProbeIoStatus(process, iosb);
    }
    char *name;
    EX_FILE *root;
    if (status == STATUS_SUCCESS) {
        status = CaptureObjectAttributes(process, oa, &name, &root);
    }
    if (status != STATUS_SUCCESS) {
        return status;
    }
    IO_CREATE_PARAMETERS create = {
        .Name = name, .RootDirectory = root, .DesiredAccess = access,
        .FileAttributes = attributes, .ShareAccess = share, .Disposition = disposition,
        .Options = options,
    };
    EX_FILE *file = NULL;
    uint32_t information = 0;
    status = IoCreateFile(Volume(process), &create, &file, &information);
    free(name);
    if (root) {
        ExDereferenceObject(&root->Header);
    }
    if (status == STATUS_SUCCESS) {
        status = ReturnHandle(process, file, handle_va);
    }
    if (status == STATUS_SUCCESS) {
        status = CompleteIo(process, iosb, status, information);
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

/* ProbeForRead / ProbeForWrite: every page of the buffer is reachable (and
 * writable) before any byte moves, so a bad buffer fails the whole call,
 * as NT's I/O manager does, instead of transferring part of it. */
static NTSTATUS ProbeBuffer(KPROCESS *process, uint32_t va, uint32_t length, bool write)
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
 * Length, ByteOffset, Key) */
static NTSTATUS ReadWrite(KPROCESS *process, const uint32_t *a, bool write)
{
    NTSTATUS status;
    EX_FILE *file = ReferenceFile(process, a[0], a[4], &status);
    if (!file) {
        return status;
    }
    uint32_t needed = write ? FILE_WRITE_DATA | FILE_APPEND_DATA : FILE_READ_DATA;
    int64_t offset = 0;
    uint32_t key = 0;
    status = (file->Access & needed) ? STATUS_SUCCESS : STATUS_ACCESS_DENIED;
    if (status == STATUS_SUCCESS && a[7]) {
        status = MmCopyFromUser(process->Mm, &offset, a[7], sizeof offset);
    }
    if (status == STATUS_SUCCESS && a[8]) {
        status = MmCopyFromUser(process->Mm, &key, a[8], sizeof key);
    }
    if (status == STATUS_SUCCESS) {
        status = ProbeBuffer(process, a[5], a[6], !write);
    }
    uint32_t done = 0;
    if (status == STATUS_SUCCESS && !IoIsDiskFile(file)) {
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
    ExDereferenceObject(&file->Header);
    if (Completes(status) || done) {
        return CompleteIo(process, a[4], status, done);
    }
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

/* The standard streams redirected from or to a host file are disk files to
 * the program (FileFsDeviceInformation says so): their size, times and
 * position, from the host descriptor. A terminal or a pipe has none. */
static NTSTATUS HostStreamInformation(EX_FILE *file, uint32_t class, uint8_t *buffer,
                                      uint32_t length, bool set, uint32_t *returned)
{
    struct stat st;
    *returned = 0;
    if (fstat(file->Fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    /* FILETIME: 100 ns since 1601. */
    uint64_t times[4] = {
        116444736000000000ull + (uint64_t)st.st_mtim.tv_sec * 10000000ull + (uint64_t)st.st_mtim.tv_nsec / 100,
        116444736000000000ull + (uint64_t)st.st_atim.tv_sec * 10000000ull + (uint64_t)st.st_atim.tv_nsec / 100,
        116444736000000000ull + (uint64_t)st.st_mtim.tv_sec * 10000000ull + (uint64_t)st.st_mtim.tv_nsec / 100,
        116444736000000000ull + (uint64_t)st.st_ctim.tv_sec * 10000000ull + (uint64_t)st.st_ctim.tv_nsec / 100,
    };
    uint64_t size = (uint64_t)st.st_size, allocation = (size + 4095) & ~4095ull;
    uint32_t attributes = 0x20; /* FILE_ATTRIBUTE_ARCHIVE */
    switch (class) {
    case FilePositionInformation: {
        if (length < 8) {
            return STATUS_INFO_LENGTH_MISMATCH;
        }
        int64_t position;
        if (set) {
            memcpy(&position, buffer, 8);
            return position >= 0 && lseek(file->Fd, position, SEEK_SET) >= 0 ? STATUS_SUCCESS
                                                                              : STATUS_INVALID_PARAMETER;
        }
        position = lseek(file->Fd, 0, SEEK_CUR);
        memcpy(buffer, &position, 8);
        *returned = 8;
        return STATUS_SUCCESS;
    }
    case FileBasicInformation:
        if (set) {
            return STATUS_ACCESS_DENIED; /* ntmm's own stream: not the program's to change */
        }
        if (length < 40) {
            return STATUS_INFO_LENGTH_MISMATCH;
        }
        memset(buffer, 0, 40);
        memcpy(buffer, times, 32);
        memcpy(buffer + 32, &attributes, 4);
        *returned = 40;
        return STATUS_SUCCESS;
    case FileStandardInformation: {
        if (set) {
            return STATUS_INVALID_INFO_CLASS;
        }
        if (length < 24) {
            return STATUS_INFO_LENGTH_MISMATCH;
        }
        uint32_t links = 1;
        memset(buffer, 0, 24);
        memcpy(buffer, &allocation, 8);
        memcpy(buffer + 8, &size, 8);
        memcpy(buffer + 16, &links, 4);
        *returned = 24;
        return STATUS_SUCCESS;
    }
    default:
        return STATUS_INVALID_DEVICE_REQUEST;
    }
}

/* The largest information buffer a query builds on the host. */
#define KI_INFO_MAX (1u << 20)

/* NtQueryInformationFile(File, IoStatus, Buffer, Length, Class) */
NTSTATUS KiNtQueryInformationFile(KPROCESS *process, const uint32_t *a)
{
    NTSTATUS status;
    EX_FILE *file = ReferenceFile(process, a[0], a[1], &status);
    if (!file) {
        return status;
    }
    uint32_t length = a[3] < KI_INFO_MAX ? a[3] : KI_INFO_MAX;
    uint8_t *buffer = calloc(1, length ? length : 1);
    uint32_t returned = 0;
    if (!buffer) {
        status = STATUS_NO_MEMORY;
    } else if (!IoIsDiskFile(file)) {
        status = HostStreamInformation(file, a[4], buffer, length, false, &returned);
    } else {
        status = IoQueryInformationFile(file, a[4], buffer, length, &returned);
    }
    ExDereferenceObject(&file->Header);
    if (Completes(status)) {
        NTSTATUS copied = MmCopyToUser(process->Mm, a[2], buffer, returned);
        status = copied != STATUS_SUCCESS ? copied : CompleteIo(process, a[1], status, returned);
    }
    free(buffer);
    return status;
}

/* FILE_RENAME_INFORMATION {ReplaceIfExists, RootDirectory, FileNameLength,
 * FileName[]}: the name captured, the directory's object referenced. */
static NTSTATUS CaptureRename(KPROCESS *process, const uint8_t *info, uint32_t length,
                              char **name, EX_FILE **root)
{
    uint32_t handle, name_length;
    memcpy(&handle, info + 4, 4);
    memcpy(&name_length, info + 8, 4);
    *name = NULL;
    *root = NULL;
    if (name_length % 2 || name_length > length - 12 || name_length > 2 * KI_PATH_UNITS) {
        return STATUS_INVALID_PARAMETER;
    }
    NTSTATUS status;
    if (handle) {
        *root = (EX_FILE *)ExReferenceObjectByHandle(&process->Handles, handle, ExObjectFile, &status);
        if (!*root) {
            return status;
        }
    }
    /* The name is in the host copy already: make it a UNICODE_STRING's
     * worth of UTF-8 the same way as any other. */
    char *p = malloc(name_length / 2 * 3 + 1);
    if (!p) {
        return STATUS_NO_MEMORY;
    }
    *name = p;
    for (uint32_t i = 0; i < name_length / 2; i++) {
        uint16_t c;
        memcpy(&c, info + 12 + 2 * i, 2);
        if (c == 0) {
            return STATUS_OBJECT_NAME_INVALID;
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
    return **name ? STATUS_SUCCESS : STATUS_OBJECT_NAME_INVALID;
}

/* NtSetInformationFile(File, IoStatus, Buffer, Length, Class) */
NTSTATUS KiNtSetInformationFile(KPROCESS *process, const uint32_t *a)
{
    NTSTATUS status;
    EX_FILE *file = ReferenceFile(process, a[0], a[1], &status);
    if (!file) {
        return status;
    }
    uint32_t length = a[3] < 12 + 2 * KI_PATH_UNITS ? a[3] : 12 + 2 * KI_PATH_UNITS;
    uint8_t *buffer = malloc(length ? length : 1);
    char *target = NULL;
    EX_FILE *target_root = NULL;
    status = buffer ? MmCopyFromUser(process->Mm, buffer, a[2], length) : STATUS_NO_MEMORY;
    uint32_t ignored;
    if (status == STATUS_SUCCESS && !IoIsDiskFile(file)) {
        status = HostStreamInformation(file, a[4], buffer, length, true, &ignored);
        free(buffer);
        ExDereferenceObject(&file->Header);
        return status == STATUS_SUCCESS ? CompleteIo(process, a[1], status, 0) : status;
    }
    if (status == STATUS_SUCCESS && a[4] == FileRenameInformation) {
        status = length < 12 ? STATUS_INFO_LENGTH_MISMATCH
                             : CaptureRename(process, buffer, length, &target, &target_root);
    }
    if (status == STATUS_SUCCESS) {
        status = IoSetInformationFile(file, a[4], buffer, length, target, target_root);
    }
    if (target_root) {
        ExDereferenceObject(&target_root->Header);
    }
    free(target);
    free(buffer);
    ExDereferenceObject(&file->Header);
    return Completes(status) ? CompleteIo(process, a[1], status, 0) : status;
}

#define SL_RESTART_SCAN 1

/* NtQueryDirectoryFile(File, Event, Apc, ApcContext, IoStatus, Buffer,
 * Length, Class, ReturnSingleEntry, FileName, RestartScan) */
NTSTATUS KiNtQueryDirectoryFile(KPROCESS *process, const uint32_t *a)
{
    NTSTATUS status;
    EX_FILE *file = ReferenceFile(process, a[0], a[4], &status);
    if (!file) {
        return status;
    }
    char *pattern = NULL;
    uint32_t length = a[6] < KI_INFO_MAX ? a[6] : KI_INFO_MAX;
    uint8_t *buffer = calloc(1, length ? length : 1);
    uint32_t returned = 0;
    status = buffer ? STATUS_SUCCESS : STATUS_NO_MEMORY;
    if (status == STATUS_SUCCESS && a[9]) {
        status = CaptureName(process, a[9], &pattern);
        if (status == STATUS_SUCCESS && !*pattern) {
            free(pattern);
            pattern = NULL;
        }
    }
    if (status == STATUS_SUCCESS) {
        status = IoIsDiskFile(file)
                     ? IoQueryDirectory(file, a[7], buffer, length, pattern, (a[8] & 0xFF) != 0,
                                        (a[10] & 0xFF) != 0, &returned)
                     : STATUS_INVALID_PARAMETER;
    }
    ExDereferenceObject(&file->Header);
    free(pattern);
    if (Completes(status)) {
        NTSTATUS copied = MmCopyToUser(process->Mm, a[5], buffer, returned);
        status = copied != STATUS_SUCCESS ? copied : CompleteIo(process, a[4], status, returned);
    }
    free(buffer);
    return status;
}

#define FILE_DEVICE_CONSOLE    0x00000050u
#define FILE_DEVICE_DISK       0x00000007u
#define FILE_DEVICE_NAMED_PIPE 0x00000011u

/* NtQueryVolumeInformationFile(File, IoStatus, Buffer, Length, Class) */
NTSTATUS KiNtQueryVolumeInformationFile(KPROCESS *process, const uint32_t *a)
{
    NTSTATUS status;
    EX_FILE *file = ReferenceFile(process, a[0], a[1], &status);
    if (!file) {
        return status;
    }
    uint8_t buffer[256];
    memset(buffer, 0, sizeof buffer);
    uint32_t length = a[3] < sizeof buffer ? a[3] : (uint32_t)sizeof buffer;
    uint32_t returned = 0;
    if (IoIsDiskFile(file)) {
        status = IoQueryVolumeInformation(file, a[4], buffer, length, &returned);
    } else if (a[4] != 4 /* FileFsDeviceInformation */) {
        status = STATUS_INVALID_DEVICE_REQUEST;
    } else if (length < 8) {
        status = STATUS_INFO_LENGTH_MISMATCH;
    } else {
        /* A standard stream is what the host has there: a terminal is the
         * console, a pipe a pipe, a redirected file a disk file. */
        struct stat st;
        uint32_t type = FILE_DEVICE_CONSOLE;
        if (!isatty(file->Fd) && fstat(file->Fd, &st) == 0) {
            type = S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode) ? FILE_DEVICE_NAMED_PIPE
                   : S_ISREG(st.st_mode)                        ? FILE_DEVICE_DISK
                                                                : FILE_DEVICE_CONSOLE;
        }
        memcpy(buffer, &type, 4);
        returned = 8;
    }
    ExDereferenceObject(&file->Header);
    if (Completes(status)) {
        NTSTATUS copied = MmCopyToUser(process->Mm, a[2], buffer, returned);
        status = copied != STATUS_SUCCESS ? copied : CompleteIo(process, a[1], status, returned);
    }
    return status;
}

/* NtFlushBuffersFile(File, IoStatus) */
NTSTATUS KiNtFlushBuffersFile(KPROCESS *process, const uint32_t *a)
{
    NTSTATUS status;
    EX_FILE *file = ReferenceFile(process, a[0], a[1], &status);
    if (!file) {
        return status;
    }
    if (IoIsDiskFile(file)) {
        status = IoFlushFile(file);
    } else {
        status = (file->Access & FILE_WRITE_DATA) ? STATUS_SUCCESS : STATUS_ACCESS_DENIED;
    }
    ExDereferenceObject(&file->Header);
    return status == STATUS_SUCCESS ? CompleteIo(process, a[1], status, 0) : status;
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
    EX_FILE *file = ReferenceFile(process, a[0], a[4], &status);
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
    return status == STATUS_SUCCESS ? CompleteIo(process, a[4], status, 0) : status;
}

/* NtUnlockFile(File, IoStatus, ByteOffset, Length, Key) */
NTSTATUS KiNtUnlockFile(KPROCESS *process, const uint32_t *a)
{
    NTSTATUS status;
    EX_FILE *file = ReferenceFile(process, a[0], a[1], &status);
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
    return status == STATUS_SUCCESS ? CompleteIo(process, a[1], status, 0) : status;
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
    status = IoCreateFile(Volume(process), &create, file, &information);
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
