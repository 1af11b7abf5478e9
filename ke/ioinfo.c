/*
 * Describing files: NtQueryInformationFile / NtSetInformationFile (the
 * standard streams too, when the host has a file there),
 * NtQueryDirectoryFile and NtQueryVolumeInformationFile. io/ builds the
 * Windows layouts in a host buffer; these copy them in and out.
 */
#include "ke/iosvc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define FileCompletionInformation 30u

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
    EX_FILE *file = KiReferenceFile(process, a[0], a[1], &status);
    if (!file) {
        return status;
    }
    uint32_t length = a[3] < KI_INFO_MAX ? a[3] : KI_INFO_MAX;
    uint8_t *buffer = calloc(1, length ? length : 1);
    uint32_t returned = 0;
    if (!buffer) {
        status = STATUS_NO_MEMORY;
    } else if (KiIsPipeEnd(file)) {
        status = KiQueryPipeInformation(file, a[4], buffer, length, &returned);
    } else if (KiIsMailslotFile(file)) {
        status = KiQueryMailslotInformation(file, a[4], buffer, length, &returned);
    } else if (!IoIsDiskFile(file)) {
        status = HostStreamInformation(file, a[4], buffer, length, false, &returned);
    } else {
        status = IoQueryInformationFile(file, a[4], buffer, length, &returned);
    }
    ExDereferenceObject(&file->Header);
    if (KiIoCompletes(status)) {
        NTSTATUS copied = MmCopyToUser(process->Mm, a[2], buffer, returned);
        status = copied != STATUS_SUCCESS ? copied : KiCompleteIo(process, a[1], status, returned);
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
    /* The name is in the host copy already. */
    uint16_t *wide = malloc(name_length + 2);
    if (!wide) {
        return STATUS_NO_MEMORY;
    }
    memcpy(wide, info + 12, name_length);
    status = KiUtf16ToUtf8(wide, name_length / 2, name);
    free(wide);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    return **name ? STATUS_SUCCESS : STATUS_OBJECT_NAME_INVALID;
}

/* What NtSetInformationFile changed, for the directory watches (notify.c):
 * a rename in one directory is RENAMED_OLD_NAME then RENAMED_NEW_NAME, a
 * move to another REMOVED there and ADDED here. */
static void ReportSetInformation(KPROCESS *process, EX_FILE *file, uint32_t class,
                                 const uint8_t *buffer, const char *old_path)
{
    if (!KiAnyDirectoryWatch(process->System)) {
        return;
    }
    KSYSTEM *system = process->System;
    uint32_t name_filter =
        KiIsDirectoryFile(file) ? FILE_NOTIFY_CHANGE_DIR_NAME : FILE_NOTIFY_CHANGE_FILE_NAME;
    switch (class) {
    case FileBasicInformation:
        KiReportFileChange(system, file, FILE_ACTION_MODIFIED,
                           FILE_NOTIFY_CHANGE_ATTRIBUTES | FILE_NOTIFY_CHANGE_LAST_WRITE |
                               FILE_NOTIFY_CHANGE_LAST_ACCESS | FILE_NOTIFY_CHANGE_CREATION);
        break;
    case FileEndOfFileInformation:
    case FileAllocationInformation:
        KiReportFileChange(system, file, FILE_ACTION_MODIFIED,
                           FILE_NOTIFY_CHANGE_SIZE | FILE_NOTIFY_CHANGE_LAST_WRITE);
        break;
    case FileDispositionInformation:
        if (buffer[0]) {
            KiReportFileChange(system, file, FILE_ACTION_REMOVED, name_filter);
        }
        break;
    case FileRenameInformation: {
        char *new_path = old_path ? KiFilePath(file) : NULL;
        if (!new_path) {
            break;
        }
        const char *old_slash = strrchr(old_path, '/'), *new_slash = strrchr(new_path, '/');
        size_t old_dir = old_slash ? (size_t)(old_slash - old_path) : 0;
        size_t new_dir = new_slash ? (size_t)(new_slash - new_path) : 0;
        bool same = old_dir == new_dir && strncasecmp(old_path, new_path, old_dir) == 0;
        KiReportRename(system, old_path, same ? FILE_ACTION_RENAMED_OLD_NAME : FILE_ACTION_REMOVED,
                       new_path, same ? FILE_ACTION_RENAMED_NEW_NAME : FILE_ACTION_ADDED,
                       name_filter);
        free(new_path);
        break;
    }
    default:
        break;
    }
}

/* NtSetInformationFile(File, IoStatus, Buffer, Length, Class) */
NTSTATUS KiNtSetInformationFile(KPROCESS *process, const uint32_t *a)
{
    NTSTATUS status;
    EX_FILE *file = KiReferenceFile(process, a[0], a[1], &status);
    if (!file) {
        return status;
    }
    uint32_t length = a[3] < 12 + 2 * KI_PATH_UNITS ? a[3] : 12 + 2 * KI_PATH_UNITS;
    uint8_t *buffer = malloc(length ? length : 1);
    char *target = NULL;
    EX_FILE *target_root = NULL;
    status = buffer ? MmCopyFromUser(process->Mm, buffer, a[2], length) : STATUS_NO_MEMORY;
    uint32_t ignored;
    if (status == STATUS_SUCCESS && (a[4] == FileCompletionInformation || KiIsPipeEnd(file))) {
        status = a[4] == FileCompletionInformation ? KiSetFileCompletion(process, file, buffer, length)
                                                   : KiSetPipeInformation(file, a[4], buffer, length);
        free(buffer);
        ExDereferenceObject(&file->Header);
        return status == STATUS_SUCCESS ? KiCompleteIo(process, a[1], status, 0) : status;
    }
    if (status == STATUS_SUCCESS && KiIsMailslotFile(file)) {
        status = KiSetMailslotInformation(process, file, a[4], buffer, length);
        free(buffer);
        ExDereferenceObject(&file->Header);
        return status == STATUS_SUCCESS ? KiCompleteIo(process, a[1], status, 0) : status;
    }
    if (status == STATUS_SUCCESS && !IoIsDiskFile(file)) {
        status = HostStreamInformation(file, a[4], buffer, length, true, &ignored);
        free(buffer);
        ExDereferenceObject(&file->Header);
        return status == STATUS_SUCCESS ? KiCompleteIo(process, a[1], status, 0) : status;
    }
    if (status == STATUS_SUCCESS && (a[4] == FileRenameInformation || a[4] == FileLinkInformation)) {
        status = length < 12 ? STATUS_INFO_LENGTH_MISMATCH
                             : CaptureRename(process, buffer, length, &target, &target_root);
    }
    char *old_path = NULL; /* a rename's, for the directory watches */
    if (status == STATUS_SUCCESS && a[4] == FileRenameInformation && KiAnyDirectoryWatch(process->System)) {
        old_path = KiFilePath(file);
    }
    if (status == STATUS_SUCCESS) {
        status = IoSetInformationFile(file, a[4], buffer, length, target, target_root);
    }
    if (status == STATUS_SUCCESS) {
        ReportSetInformation(process, file, a[4], buffer, old_path);
    }
    free(old_path);
    if (target_root) {
        ExDereferenceObject(&target_root->Header);
    }
    free(target);
    free(buffer);
    ExDereferenceObject(&file->Header);
    return KiIoCompletes(status) ? KiCompleteIo(process, a[1], status, 0) : status;
}

/* NtQueryDirectoryFile(File, Event, Apc, ApcContext, IoStatus, Buffer,
 * Length, Class, ReturnSingleEntry, FileName, RestartScan) */
NTSTATUS KiNtQueryDirectoryFile(KPROCESS *process, const uint32_t *a)
{
    NTSTATUS status;
    EX_FILE *file = KiReferenceFile(process, a[0], a[4], &status);
    if (!file) {
        return status;
    }
    char *pattern = NULL;
    uint32_t length = a[6] < KI_INFO_MAX ? a[6] : KI_INFO_MAX;
    uint8_t *buffer = calloc(1, length ? length : 1);
    uint32_t returned = 0;
    status = buffer ? STATUS_SUCCESS : STATUS_NO_MEMORY;
    if (status == STATUS_SUCCESS && a[9]) {
        status = KiCaptureFileName(process, a[9], &pattern);
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
    if (KiIoCompletes(status)) {
        NTSTATUS copied = MmCopyToUser(process->Mm, a[5], buffer, returned);
        status = copied != STATUS_SUCCESS ? copied : KiCompleteIo(process, a[4], status, returned);
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
    EX_FILE *file = KiReferenceFile(process, a[0], a[1], &status);
    if (!file) {
        return status;
    }
    uint8_t buffer[256];
    memset(buffer, 0, sizeof buffer);
    uint32_t length = a[3] < sizeof buffer ? a[3] : (uint32_t)sizeof buffer;
    uint32_t returned = 0;
    if (IoIsDiskFile(file)) {
        status = IoQueryVolumeInformation(file, a[4], buffer, length, &returned);
    } else if (a[4] == 4 && KiIsPipeEnd(file) && length >= 8) {
        uint32_t type = FILE_DEVICE_NAMED_PIPE; /* a pipe of npfs.c */
        memcpy(buffer, &type, 4);
        returned = 8;
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
    if (KiIoCompletes(status)) {
        NTSTATUS copied = MmCopyToUser(process->Mm, a[2], buffer, returned);
        status = copied != STATUS_SUCCESS ? copied : KiCompleteIo(process, a[1], status, returned);
    }
    return status;
}
