/*
 * Mapped files, ke's part: NtCreateSection with a file handle, the file
 * system's paging I/O handed to mm (MM_FILE_IO), the volume's cache hooks
 * that keep NtReadFile/NtWriteFile coherent with views (IO_CACHE_CALLBACKS,
 * answered by mm), NtFlushVirtualMemory and NtAreMappedFilesTheSame.
 */
#include "ke/iosvc.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* ------------------------------------------------ mm's paging I/O on files */

static NTSTATUS PageRead(EX_FILE *file, uint64_t offset, void *buffer, uint32_t length)
{
    return IoPageRead(file, offset, buffer, length);
}

static NTSTATUS PageWrite(EX_FILE *file, uint64_t offset, const void *buffer, uint32_t length)
{
    return IoPageWrite(file, offset, buffer, length);
}

static NTSTATUS ExtendFile(EX_FILE *file, uint64_t size)
{
    return IoExtendFileForSection(file, size);
}

static NTSTATUS Stamp(EX_FILE *file, uint64_t *size, uint64_t *time)
{
    struct stat st;
    if (fstat(file->Fd, &st) != 0) {
        return STATUS_FILE_INVALID;
    }
    *size = (uint64_t)st.st_size;
    *time = (uint64_t)st.st_mtim.tv_sec * 1000000000u + (uint64_t)st.st_mtim.tv_nsec;
    return STATUS_SUCCESS;
}

/*
 * The file object an image section or a cached data segment reads its
 * pages from: a descriptor of its own (fd, which it now owns), apart from
 * the guest's handles and the volume's share counts. What keeps an image's
 * file from being written while it is mapped is MmCanWriteImageFile, asked
 * by the file system, as NT's MmFlushImageSection. NULL (fd closed) if
 * there is no memory for it.
 */
static void ClosePagingFile(EX_OBJECT *object)
{
    close(((EX_FILE *)object)->Fd);
    free(object);
}

static EX_FILE *CreatePagingFile(int fd, uint32_t access)
{
    EX_FILE *file = calloc(1, sizeof *file);
    if (!file) {
        close(fd);
        return NULL;
    }
    file->Header.Type = ExObjectFile;
    file->Header.Close = ClosePagingFile;
    file->Header.References = 1; /* the caller's, until mm takes its own */
    file->Fd = fd;
    file->Access = access;
    return file;
}

/* A cached segment's file object, for paging reads only. */
static NTSTATUS Reopen(EX_FILE *file, EX_FILE **out)
{
    int fd = fcntl(file->Fd, F_DUPFD_CLOEXEC, 0);
    *out = fd < 0 ? NULL : CreatePagingFile(fd, FILE_READ_DATA);
    return *out ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
}

static const MM_FILE_IO FileIo = {
    .Read = PageRead,
    .Stamp = Stamp,
    .Write = PageWrite,
    .SetSize = ExtendFile,
    .Reopen = Reopen,
};

/* ------------------------------------------------ the volume's cache hooks */

static void CacheRead(void *context, uint64_t device, uint64_t inode, uint64_t offset,
                      void *buffer, uint32_t length)
{
    MmReadMappedFile(context, device, inode, offset, buffer, length);
}

static void CacheWrite(void *context, uint64_t device, uint64_t inode, uint64_t offset,
                       const void *buffer, uint32_t length)
{
    MmWriteMappedFile(context, device, inode, offset, buffer, length);
}

static bool CacheCanTruncate(void *context, uint64_t device, uint64_t inode, uint64_t size)
{
    return MmCanFileBeTruncated(context, device, inode, size);
}

static bool CacheCanWriteImage(void *context, uint64_t device, uint64_t inode)
{
    return MmCanWriteImageFile(context, device, inode);
}

static bool CacheCanDelete(void *context, uint64_t device, uint64_t inode)
{
    return MmCanDeleteFile(context, device, inode);
}

static bool CacheHasWritableReferences(void *context, uint64_t device, uint64_t inode)
{
    return MmDoesFileHaveUserWritableReferences(context, device, inode);
}

static void CacheTimesSet(void *context, uint64_t device, uint64_t inode)
{
    MmImageFileTimesSet(context, device, inode);
}

static const IO_CACHE_CALLBACKS Cache = {
    .Read = CacheRead,
    .Write = CacheWrite,
    .CanTruncate = CacheCanTruncate,
    .CanWriteImage = CacheCanWriteImage,
    .CanDelete = CacheCanDelete,
    .HasWritableReferences = CacheHasWritableReferences,
    .TimesSet = CacheTimesSet,
};

void KiInitializeMappedFiles(KSYSTEM *system)
{
    MmSetFileIo(system->Mm, &FileIo);
    IoSetCacheCallbacks(system->Volume, &Cache, system->Mm);
}

/* ------------------------------------------------ image sections */

NTSTATUS KiCreateImageSection(KSYSTEM *system, int fd, const char *name, MMSECTION **out,
                              char *why, size_t whylen)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        snprintf(why, whylen, "not a regular file");
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    EX_FILE *file = CreatePagingFile(fd, FILE_READ_DATA | FILE_EXECUTE);
    if (!file) {
        snprintf(why, whylen, "out of host memory");
        return STATUS_NO_MEMORY;
    }
    MM_FILE_IDENTITY id = {
        .Device = (uint64_t)st.st_dev,
        .Inode = (uint64_t)st.st_ino,
        .Size = (uint64_t)st.st_size,
        .Time = (uint64_t)st.st_mtim.tv_sec * 1000000000u + (uint64_t)st.st_mtim.tv_nsec,
        .Name = name,
    };
    NTSTATUS status = MmCreateImageSection(system->Mm, file, &id, out, why, whylen);
    ExDereferenceObject(&file->Header);
    return status;
}

/* ------------------------------------------------ NtCreateSection(file) */

/* What the file handle must allow for a section of this protection
 * (NT's MmCreateSection: reading for any view, writing for a writable
 * one, execute for an executable one; copy-on-write only reads). */
static uint32_t AccessForProtection(uint32_t protect)
{
    switch (protect & 0xFF) {
    case PAGE_READWRITE:
        return FILE_READ_DATA | FILE_WRITE_DATA;
    case PAGE_EXECUTE:
        return FILE_EXECUTE;
    case PAGE_EXECUTE_READ:
    case PAGE_EXECUTE_WRITECOPY:
        return FILE_READ_DATA | FILE_EXECUTE;
    case PAGE_EXECUTE_READWRITE:
        return FILE_READ_DATA | FILE_WRITE_DATA | FILE_EXECUTE;
    default:
        return FILE_READ_DATA; /* PAGE_READONLY, PAGE_WRITECOPY; MmCreateFileSection
                                  refuses the invalid ones */
    }
}

NTSTATUS KiCreateFileSection(KPROCESS *process, uint32_t handle, uint64_t size, uint32_t protect,
                             uint32_t attributes, MMSECTION **out)
{
    NTSTATUS status;
    EX_OBJECT *object = ExReferenceObjectByHandle(&process->Handles, handle, ExObjectAny, &status);
    if (!object) {
        return status;
    }
    EX_FILE *file = object->Type == ExObjectFile ? (EX_FILE *)object : NULL;
    IO_FILE_IDENTITY identity;
    if (!file) {
        status = STATUS_OBJECT_TYPE_MISMATCH;
    } else {
        status = IoQueryFileIdentity(file, &identity);
    }
    if (status == STATUS_SUCCESS && (attributes & SEC_IMAGE)) {
        /* An image of the file: reading it is all the handle must allow
         * (CreateFileMapping(GENERIC_READ file, PAGE_READONLY | SEC_IMAGE)
         * is the usual call); the pages get the sections' protections. */
        int fd = -1;
        if (!MmIsSectionProtectionValid(protect)) {
            status = STATUS_INVALID_PAGE_PROTECTION; /* PAGE_NOACCESS, PAGE_EXECUTE too */
        } else if (!(file->Access & FILE_READ_DATA)) {
            status = STATUS_ACCESS_DENIED;
        } else if (identity.Size == 0) {
            status = STATUS_INVALID_FILE_FOR_SECTION; /* an empty file is no image */
        } else if ((fd = fcntl(file->Fd, F_DUPFD_CLOEXEC, 0)) < 0) {
            status = STATUS_INSUFFICIENT_RESOURCES;
        } else {
            char why[300];
            status = KiCreateImageSection(process->System, fd, identity.Path, out, why,
                                          sizeof why);
            /* What Windows answers: no MZ is STATUS_INVALID_IMAGE_NOT_MZ
             * (ERROR_BAD_EXE_FORMAT), anything else malformed
             * STATUS_INVALID_IMAGE_FORMAT. */
            if (status != STATUS_SUCCESS && status != STATUS_INVALID_IMAGE_NOT_MZ &&
                status != STATUS_NO_MEMORY && status != STATUS_COMMITMENT_LIMIT) {
                status = STATUS_INVALID_IMAGE_FORMAT;
            }
        }
        ExDereferenceObject(object);
        return status;
    }
    if (status == STATUS_SUCCESS && !MmIsSectionProtectionValid(protect)) {
        status = STATUS_INVALID_PAGE_PROTECTION; /* before the handle's access */
    }
    if (status == STATUS_SUCCESS) {
        uint32_t needed = AccessForProtection(protect);
        if ((file->Access & needed) != needed) {
            status = STATUS_ACCESS_DENIED;
        }
    }
    if (status == STATUS_SUCCESS) {
        MM_FILE_IDENTITY id = {
            .Device = identity.Device,
            .Inode = identity.Inode,
            .Size = identity.Size,
            .Name = identity.Path,
        };
        status = MmCreateFileSection(process->System->Mm, file, &id, size, protect,
                                     attributes ? attributes : SEC_COMMIT, out);
    }
    ExDereferenceObject(object);
    return status;
}

/* ------------------------------------------------ the other services */

/* NtFlushVirtualMemory(ProcessHandle, BaseAddress*, RegionSize*, IoStatus) */
NTSTATUS KiNtFlushVirtualMemory(KPROCESS *process, const uint32_t *a)
{
    MMPROCESS *target;
    NTSTATUS status = KiReferenceProcess(process, a[0], &target);
    uint32_t base = 0, size = 0, flushed = 0;
    if (status == STATUS_SUCCESS) {
        status = MmCopyFromUser(process->Mm, &base, a[1], sizeof base);
    }
    if (status == STATUS_SUCCESS) {
        status = MmCopyFromUser(process->Mm, &size, a[2], sizeof size);
    }
    if (status == STATUS_SUCCESS) {
        status = KiProbeIoStatus(process, a[3]);
    }
    if (status != STATUS_SUCCESS) {
        return status;
    }
    status = MmFlushVirtualMemory(target, &base, &size, &flushed);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    MmCopyToUser(process->Mm, a[1], &base, sizeof base);
    MmCopyToUser(process->Mm, a[2], &size, sizeof size);
    return KiCompleteIo(process, a[3], status, 0);
}

/* NtAreMappedFilesTheSame(File1MappedAsAnImage, File2MappedAsFile) */
NTSTATUS KiNtAreMappedFilesTheSame(KPROCESS *process, const uint32_t *a)
{
    return MmAreMappedFilesTheSame(process->Mm, a[0], a[1]);
}
