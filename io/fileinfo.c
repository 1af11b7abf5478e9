/*
 * NtQueryInformationFile and NtSetInformationFile for files of the volume:
 * the Windows x86 layouts built from (or read into) a host buffer.
 */
#include "io/iop.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* 100 ns intervals since 1601, as FILETIME. */
#define IOP_EPOCH_DIFFERENCE 116444736000000000ull

uint64_t IopFileTime(int64_t seconds, long nanoseconds)
{
    return IOP_EPOCH_DIFFERENCE + (uint64_t)seconds * 10000000ull + (uint64_t)nanoseconds / 100;
}

/* Creation, last access, last write, change. The host keeps no creation
 * time everywhere: the earliest of the others stands in for it. */
void IopTimes(const struct stat *st, uint64_t times[4])
{
    times[1] = IopFileTime(st->st_atim.tv_sec, st->st_atim.tv_nsec);
    times[2] = IopFileTime(st->st_mtim.tv_sec, st->st_mtim.tv_nsec);
    times[3] = IopFileTime(st->st_ctim.tv_sec, st->st_ctim.tv_nsec);
    times[0] = times[2] < times[3] ? times[2] : times[3];
}

uint32_t IopAttributes(const struct stat *st, const char *name)
{
    (void)name;
    uint32_t attributes = S_ISDIR(st->st_mode) ? FILE_ATTRIBUTE_DIRECTORY : FILE_ATTRIBUTE_ARCHIVE;
    if (!S_ISDIR(st->st_mode) && !(st->st_mode & S_IWUSR)) {
        attributes |= FILE_ATTRIBUTE_READONLY;
    }
    return attributes;
}

uint64_t IopAllocationSize(const struct stat *st)
{
    if (S_ISDIR(st->st_mode)) {
        return 0;
    }
    return ((uint64_t)st->st_size + 4095) & ~4095ull; /* whole clusters */
}

static void PutBasic(uint8_t *p, const struct stat *st)
{
    uint64_t times[4];
    IopTimes(st, times);
    for (int i = 0; i < 4; i++) {
        IopPut64(p + 8 * i, times[i]);
    }
    IopPut32(p + 32, IopAttributes(st, NULL));
    IopPut32(p + 36, 0);
}

static void PutStandard(uint8_t *p, const struct stat *st, const IOP_FCB *fcb)
{
    IopPut64(p, IopAllocationSize(st));
    IopPut64(p + 8, S_ISDIR(st->st_mode) ? 0 : (uint64_t)st->st_size);
    IopPut32(p + 16, (uint32_t)st->st_nlink - (fcb->DeletePending ? 1 : 0));
    p[20] = fcb->DeletePending;
    p[21] = S_ISDIR(st->st_mode);
    p[22] = p[23] = 0;
}

/* FILE_NAME_INFORMATION: the path from the volume's root, "\dir\file". */
static NTSTATUS PutName(uint8_t *p, uint32_t length, const IOP_FCB *fcb, uint32_t *returned)
{
    char name[4200];
    snprintf(name, sizeof name, "\\%s", fcb->Path);
    for (char *c = name; *c; c++) {
        if (*c == '/') {
            *c = '\\';
        }
    }
    uint16_t wide[4200];
    uint32_t units = IoUtf8ToUtf16(name, wide, 4200);
    uint32_t room = (length - 4) / 2;
    uint32_t copied = units < room ? units : room;
    IopPut32(p, units * 2);
    for (uint32_t i = 0; i < copied; i++) {
        IopPut16(p + 4 + 2 * i, wide[i]);
    }
    *returned = 4 + copied * 2;
    return copied < units ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

static const uint32_t MinimumLength[] = {
    [FileBasicInformation] = 40, [FileStandardInformation] = 24,
    [FileInternalInformation] = 8, [FileEaInformation] = 4, [FileAccessInformation] = 4,
    [FileNameInformation] = 4, [FilePositionInformation] = 8, [FileModeInformation] = 4,
    [FileAlignmentInformation] = 4, [FileAllInformation] = 104,
    [FileNetworkOpenInformation] = 56, [FileAttributeTagInformation] = 8,
};

NTSTATUS IoQueryInformationFile(EX_FILE *base, uint32_t class, void *buffer, uint32_t length,
                                uint32_t *returned)
{
    IO_FILE_OBJECT *file = IopFileObject(base);
    uint8_t *p = buffer;
    *returned = 0;
    if (class >= sizeof MinimumLength / sizeof MinimumLength[0] || !MinimumLength[class]) {
        return STATUS_INVALID_INFO_CLASS;
    }
    if (length < MinimumLength[class]) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    switch (class) {
    case FileAccessInformation:
        IopPut32(p, base->Access);
        *returned = 4;
        return STATUS_SUCCESS;
    case FilePositionInformation:
        IopPut64(p, (uint64_t)file->CurrentByteOffset);
        *returned = 8;
        return STATUS_SUCCESS;
    case FileModeInformation:
        IopPut32(p, file->Options & (FILE_WRITE_THROUGH | FILE_SEQUENTIAL_ONLY |
                                     FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT |
                                     FILE_DELETE_ON_CLOSE));
        *returned = 4;
        return STATUS_SUCCESS;
    case FileAlignmentInformation:
        IopPut32(p, 0); /* FILE_BYTE_ALIGNMENT */
        *returned = 4;
        return STATUS_SUCCESS;
    case FileEaInformation:
        IopPut32(p, 0);
        *returned = 4;
        return STATUS_SUCCESS;
    default:
        break;
    }
    if (file->Device != IopDisk) {
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    struct stat st;
    if (IopStatFile(file, &st) != 0) {
        return IopErrnoToStatus(errno);
    }
    switch (class) {
    case FileBasicInformation:
        PutBasic(p, &st);
        *returned = 40;
        return STATUS_SUCCESS;
    case FileStandardInformation:
        PutStandard(p, &st, file->Fcb);
        *returned = 24;
        return STATUS_SUCCESS;
    case FileInternalInformation:
        IopPut64(p, (uint64_t)st.st_ino);
        *returned = 8;
        return STATUS_SUCCESS;
    case FileNameInformation:
        return PutName(p, length, file->Fcb, returned);
    case FileNetworkOpenInformation:
        PutBasic(p, &st);
        IopPut64(p + 32, IopAllocationSize(&st));
        IopPut64(p + 40, S_ISDIR(st.st_mode) ? 0 : (uint64_t)st.st_size);
        IopPut32(p + 48, IopAttributes(&st, NULL));
        IopPut32(p + 52, 0);
        *returned = 56;
        return STATUS_SUCCESS;
    case FileAttributeTagInformation:
        IopPut32(p, IopAttributes(&st, NULL));
        IopPut32(p + 4, 0);
        *returned = 8;
        return STATUS_SUCCESS;
    case FileAllInformation: {
        /* Basic, Standard, Internal, Ea, Access, Position, Mode, Alignment, Name. */
        memset(p, 0, 100);
        PutBasic(p, &st);
        PutStandard(p + 40, &st, file->Fcb);
        IopPut64(p + 64, (uint64_t)st.st_ino);
        IopPut32(p + 76, base->Access);
        IopPut64(p + 80, (uint64_t)file->CurrentByteOffset);
        IopPut32(p + 88, file->Options & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT));
        uint32_t name_bytes;
        NTSTATUS status = PutName(p + 96, length - 96, file->Fcb, &name_bytes);
        *returned = 96 + name_bytes;
        return status;
    }
    default:
        return STATUS_INVALID_INFO_CLASS;
    }
}

/* The host path /proc gives a descriptor, for the calls that want a path. */
static void ProcPath(int fd, char *path, size_t size)
{
    snprintf(path, size, "/proc/self/fd/%d", fd);
}

static NTSTATUS SetBasic(IO_FILE_OBJECT *file, const uint8_t *p)
{
    if (!(file->Base.Access & FILE_WRITE_ATTRIBUTES)) {
        return STATUS_ACCESS_DENIED;
    }
    if (file->Volume->ReadOnly) {
        return STATUS_MEDIA_WRITE_PROTECTED;
    }
    char path[64];
    ProcPath(file->Base.Fd, path, sizeof path);
    /* 0 leaves a time as it is; -1 (stop updating it) does too, here. */
    struct timespec times[2] = {{0, UTIME_OMIT}, {0, UTIME_OMIT}};
    for (int i = 0; i < 2; i++) {
        int64_t t = (int64_t)IopGet64(p + 8 + 8 * i); /* LastAccessTime, LastWriteTime */
        if (t > 0) {
            int64_t unix100 = t - (int64_t)IOP_EPOCH_DIFFERENCE;
            times[i].tv_sec = unix100 / 10000000;
            times[i].tv_nsec = (long)(unix100 % 10000000) * 100;
            if (times[i].tv_nsec < 0) {
                times[i].tv_sec--;
                times[i].tv_nsec += 1000000000;
            }
        }
    }
    if ((times[0].tv_nsec != UTIME_OMIT || times[1].tv_nsec != UTIME_OMIT) &&
        utimensat(AT_FDCWD, path, times, 0) != 0) {
        return IopErrnoToStatus(errno);
    }
    if (times[1].tv_nsec != UTIME_OMIT) {
        IopCacheTimesSet(file); /* a mapped image's file is the same file still */
    }
    uint32_t attributes = IopGet32(p + 32);
    if (attributes && !file->Fcb->Directory) {
        struct stat st;
        if (fstat(file->Base.Fd, &st) != 0) {
            return IopErrnoToStatus(errno);
        }
        mode_t mode = st.st_mode & 07777;
        mode = (attributes & FILE_ATTRIBUTE_READONLY) ? (mode & ~0222u) : (mode | S_IWUSR);
        if (mode != (st.st_mode & 07777) && chmod(path, mode) != 0) {
            return IopErrnoToStatus(errno);
        }
    }
    return STATUS_SUCCESS;
}

static bool DirectoryIsEmpty(IO_FILE_OBJECT *file)
{
    int fd = IopOpenBeneath(file->Volume, file->Fcb->Path, O_RDONLY | O_DIRECTORY, 0);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0) {
            close(fd);
        }
        return false;
    }
    bool empty = true;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            empty = false;
            break;
        }
    }
    closedir(d);
    return empty;
}

static NTSTATUS SetDisposition(IO_FILE_OBJECT *file, bool delete)
{
    if (!(file->Base.Access & IO_DELETE)) {
        return STATUS_ACCESS_DENIED;
    }
    if (file->Volume->ReadOnly) {
        return STATUS_MEDIA_WRITE_PROTECTED;
    }
    IOP_FCB *fcb = file->Fcb;
    if (delete) {
        if (!*fcb->Path) {
            return STATUS_CANNOT_DELETE; /* the root */
        }
        struct stat st;
        if (fstat(file->Base.Fd, &st) == 0 && !S_ISDIR(st.st_mode) && !(st.st_mode & S_IWUSR)) {
            return STATUS_CANNOT_DELETE;
        }
        if (fcb->Directory && !DirectoryIsEmpty(file)) {
            return STATUS_DIRECTORY_NOT_EMPTY;
        }
        if (!IopCacheCanDelete(file)) {
            return STATUS_CANNOT_DELETE; /* mapped (NT: MmFlushImageSection(MmFlushForDelete)) */
        }
    }
    fcb->DeletePending = delete;
    if (!delete) {
        file->DeleteOnClose = false;
    }
    return STATUS_SUCCESS;
}

static NTSTATUS SetEndOfFile(IO_FILE_OBJECT *file, uint64_t size, bool allocation)
{
    if (!(file->Base.Access & FILE_WRITE_DATA)) {
        return STATUS_ACCESS_DENIED;
    }
    if (file->Fcb->Directory) {
        return STATUS_INVALID_PARAMETER;
    }
    if (file->Volume->ReadOnly) {
        return STATUS_MEDIA_WRITE_PROTECTED;
    }
    if (size > 0x7FFFFFFFFFFFFFFFull) {
        return STATUS_INVALID_PARAMETER;
    }
    struct stat st;
    if (fstat(file->Base.Fd, &st) != 0) {
        return IopErrnoToStatus(errno);
    }
    if (allocation && size >= (uint64_t)st.st_size) {
        return STATUS_SUCCESS; /* allocation only grows what is reserved */
    }
    if (size < (uint64_t)st.st_size && !IopCacheCanTruncate(file, size)) {
        return STATUS_USER_MAPPED_FILE; /* a section of the file reaches past it */
    }
    return ftruncate(file->Base.Fd, (off_t)size) == 0 ? STATUS_SUCCESS : IopErrnoToStatus(errno);
}

/* Whether a file object is open on the directory or anything beneath it. */
static bool InUseBeneath(IO_VOLUME *volume, const IOP_FCB *dir)
{
    size_t n = strlen(dir->Path);
    for (IOP_FCB *fcb = volume->Fcbs; fcb; fcb = fcb->Next) {
        if (fcb != dir && !strncmp(fcb->Path, dir->Path, n) && (n == 0 || fcb->Path[n] == '/')) {
            return true;
        }
    }
    return false;
}

/* The NT name a rename or link targets: a bare name is beside the file;
 * otherwise a full NT name (or one relative to target_root), on this disk. */
NTSTATUS IopTargetName(IO_FILE_OBJECT *file, const char *target, EX_FILE *target_root, char **out)
{
    IOP_FCB *fcb = file->Fcb;
    char *name;
    if (!target_root && target[0] != '\\') {
        if (strchr(target, '\\')) {
            return STATUS_OBJECT_NAME_INVALID;
        }
        const char *slash = strrchr(fcb->Path, '/');
        size_t n = strlen(fcb->Path) + strlen(target) + 16;
        name = malloc(n);
        if (!name) {
            return STATUS_NO_MEMORY;
        }
        snprintf(name, n, "%.*s%s%s", slash ? (int)(slash - fcb->Path) : 0, fcb->Path,
                 slash ? "\\" : "", target);
        for (char *c = name; *c; c++) {
            if (*c == '/') {
                *c = '\\';
            }
        }
    } else {
        IOP_DEVICE device;
        bool trailing;
        NTSTATUS status = IopParseName(target, target_root, &name, &device, &trailing);
        if (status != STATUS_SUCCESS) {
            return status;
        }
        if (device != IopDisk) {
            free(name);
            return STATUS_NOT_SAME_DEVICE;
        }
    }
    *out = name;
    return STATUS_SUCCESS;
}

int IopOpenParentOf(IO_VOLUME *volume, const char *path, const char **leaf)
{
    const char *slash = strrchr(path, '/');
    char parent[4200];
    snprintf(parent, sizeof parent, "%.*s", slash ? (int)(slash - path) : 0, path);
    *leaf = slash ? slash + 1 : path;
    return IopOpenBeneath(volume, parent, O_PATH | O_DIRECTORY, 0);
}

static NTSTATUS Rename(IO_FILE_OBJECT *file, bool replace, const char *target, EX_FILE *target_root)
{
    if (!(file->Base.Access & IO_DELETE)) {
        return STATUS_ACCESS_DENIED;
    }
    IO_VOLUME *volume = file->Volume;
    IOP_FCB *fcb = file->Fcb;
    if (!*fcb->Path) {
        return STATUS_ACCESS_DENIED;
    }
    char *name;
    NTSTATUS status = IopTargetName(file, target, target_root, &name);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (IopIsSystemName(name)) {
        free(name);
        return STATUS_ACCESS_DENIED; /* no new name in C:\Windows or its system32 */
    }
    char *host;
    bool exists;
    status = IopLookupPath(volume, name, &host, &exists);
    free(name);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (!*host) {
        free(host);
        return STATUS_ACCESS_DENIED;
    }
    if (volume->ReadOnly) {
        free(host);
        return STATUS_MEDIA_WRITE_PROTECTED;
    }
    if (fcb->Directory && InUseBeneath(volume, fcb)) {
        free(host);
        return STATUS_ACCESS_DENIED;
    }
    /* The target is this very file (another case of its name), or another. */
    bool same = false;
    if (exists) {
        int probe = IopOpenBeneath(volume, host, O_PATH, 0);
        struct stat st;
        same = probe >= 0 && fstat(probe, &st) == 0 && st.st_dev == fcb->Device &&
               st.st_ino == fcb->Inode;
        if (probe >= 0) {
            close(probe);
        }
    }
    if (exists && !same) {
        if (!replace) {
            free(host);
            return STATUS_OBJECT_NAME_COLLISION;
        }
        int probe = IopOpenBeneath(volume, host, O_PATH, 0);
        struct stat st;
        bool busy = true;
        if (probe >= 0 && fstat(probe, &st) == 0) {
            /* A directory is never replaced, nor a file someone has open. */
            busy = S_ISDIR(st.st_mode) || IopFindFcb(volume, st.st_dev, st.st_ino) ||
                   !(st.st_mode & S_IWUSR);
        }
        if (probe >= 0) {
            close(probe);
        }
        if (busy) {
            free(host);
            return STATUS_ACCESS_DENIED;
        }
    }
    if (same && exists) {
        /* A change of case only: the new name as given. */
        const char *slash = strrchr(host, '/');
        const char *given = strrchr(target, '\\');
        given = given ? given + 1 : target;
        strcpy(host + (slash ? slash - host + 1 : 0), given);
    }
    const char *old_leaf, *new_leaf;
    int old_parent = IopOpenParentOf(volume, fcb->Path, &old_leaf);
    int new_parent = IopOpenParentOf(volume, host, &new_leaf);
    int result = -1, error = EACCES;
    if (old_parent >= 0 && new_parent >= 0) {
        result = renameat(old_parent, old_leaf, new_parent, new_leaf);
        error = errno;
    }
    if (old_parent >= 0) {
        close(old_parent);
    }
    if (new_parent >= 0) {
        close(new_parent);
    }
    if (result != 0) {
        free(host);
        return IopErrnoToStatus(error);
    }
    free(fcb->Path);
    fcb->Path = host;
    return STATUS_SUCCESS;
}

NTSTATUS IoSetInformationFile(EX_FILE *base, uint32_t class, const void *buffer,
                              uint32_t length, const char *target, EX_FILE *target_root)
{
    IO_FILE_OBJECT *file = IopFileObject(base);
    const uint8_t *p = buffer;
    static const uint32_t minimum[] = {
        [FileBasicInformation] = 40, [FileRenameInformation] = 12, [FileLinkInformation] = 12,
        [FileDispositionInformation] = 1, [FilePositionInformation] = 8,
        [FileModeInformation] = 4, [FileAllocationInformation] = 8,
        [FileEndOfFileInformation] = 8,
    };
    if (class >= sizeof minimum / sizeof minimum[0] || !minimum[class]) {
        return STATUS_INVALID_INFO_CLASS;
    }
    if (length < minimum[class]) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    if (class == FilePositionInformation) {
        int64_t position = (int64_t)IopGet64(p);
        if (position < 0) {
            return STATUS_INVALID_PARAMETER;
        }
        file->CurrentByteOffset = position;
        return STATUS_SUCCESS;
    }
    if (class == FileModeInformation) {
        return STATUS_SUCCESS;
    }
    if (file->Device != IopDisk) {
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    switch (class) {
    case FileBasicInformation:
        return SetBasic(file, p);
    case FileDispositionInformation:
        return SetDisposition(file, p[0] != 0);
    case FileEndOfFileInformation:
        return SetEndOfFile(file, IopGet64(p), false);
    case FileAllocationInformation:
        return SetEndOfFile(file, IopGet64(p), true);
    case FileRenameInformation:
        return Rename(file, p[0] != 0, target, target_root);
    case FileLinkInformation:
        return IopLink(file, p[0] != 0, target, target_root);
    default:
        return STATUS_INVALID_INFO_CLASS;
    }
}
