/*
 * IoCreateFile: the create dispositions and options, the access granted,
 * the share access checked between the file objects of one file
 * (IoCheckShareAccess), and the file object's end in NT's two steps:
 * cleanup when its last handle is closed (IopCloseFile: locks released,
 * share access removed, the delete disposition carried out when no file
 * object of the file is left uncleaned) and close when its last reference
 * goes (IopDeleteFile: the descriptor closed, the object freed). A section
 * keeps its file object between the two.
 */
#include "io/iop.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void IopDeleteFile(EX_OBJECT *object);

bool IoIsDiskFile(const EX_FILE *file)
{
    return file->Header.Close == IopDeleteFile;
}

IOP_FCB *IopFindFcb(IO_VOLUME *volume, dev_t device, ino_t inode)
{
    for (IOP_FCB *fcb = volume->Fcbs; fcb; fcb = fcb->Next) {
        if (fcb->Device == device && fcb->Inode == inode) {
            return fcb;
        }
    }
    return NULL;
}

/* The object manager's generic mapping for files. */
static uint32_t MapGenericAccess(uint32_t access)
{
    if (access & IO_GENERIC_READ) {
        access |= FILE_GENERIC_READ;
    }
    if (access & IO_GENERIC_WRITE) {
        access |= FILE_GENERIC_WRITE;
    }
    if (access & IO_GENERIC_EXECUTE) {
        access |= FILE_GENERIC_EXECUTE;
    }
    if (access & (IO_GENERIC_ALL | IO_MAXIMUM_ALLOWED)) {
        access |= FILE_ALL_ACCESS;
    }
    return access & ~(IO_GENERIC_READ | IO_GENERIC_WRITE | IO_GENERIC_EXECUTE | IO_GENERIC_ALL |
                      IO_MAXIMUM_ALLOWED);
}

/* IoCheckShareAccess, then IoSetShareAccess. */
static NTSTATUS CheckShareAccess(IOP_FCB *fcb, IO_FILE_OBJECT *file, uint32_t share)
{
    uint32_t access = file->Base.Access;
    file->ReadAccess = (access & (FILE_READ_DATA | FILE_EXECUTE)) != 0;
    file->WriteAccess = (access & (FILE_WRITE_DATA | FILE_APPEND_DATA)) != 0;
    file->DeleteAccess = (access & IO_DELETE) != 0;
    if (!file->ReadAccess && !file->WriteAccess && !file->DeleteAccess) {
        return STATUS_SUCCESS; /* attributes only: never a sharing conflict */
    }
    file->SharedRead = share & FILE_SHARE_READ;
    file->SharedWrite = share & FILE_SHARE_WRITE;
    file->SharedDelete = share & FILE_SHARE_DELETE;
    if ((file->ReadAccess && fcb->SharedRead < fcb->OpenCount) ||
        (file->WriteAccess && fcb->SharedWrite < fcb->OpenCount) ||
        (file->DeleteAccess && fcb->SharedDelete < fcb->OpenCount) ||
        (fcb->Readers && !file->SharedRead) || (fcb->Writers && !file->SharedWrite) ||
        (fcb->Deleters && !file->SharedDelete)) {
        return STATUS_SHARING_VIOLATION;
    }
    fcb->OpenCount++;
    fcb->Readers += file->ReadAccess;
    fcb->Writers += file->WriteAccess;
    fcb->Deleters += file->DeleteAccess;
    fcb->SharedRead += file->SharedRead;
    fcb->SharedWrite += file->SharedWrite;
    fcb->SharedDelete += file->SharedDelete;
    file->ShareCounted = true;
    return STATUS_SUCCESS;
}

static void RemoveShareAccess(IOP_FCB *fcb, IO_FILE_OBJECT *file)
{
    if (!file->ShareCounted) {
        return;
    }
    fcb->OpenCount--;
    fcb->Readers -= file->ReadAccess;
    fcb->Writers -= file->WriteAccess;
    fcb->Deleters -= file->DeleteAccess;
    fcb->SharedRead -= file->SharedRead;
    fcb->SharedWrite -= file->SharedWrite;
    fcb->SharedDelete -= file->SharedDelete;
    file->ShareCounted = false;
}

/* The parent's descriptor and the last component of a host path. */
static int OpenParent(IO_VOLUME *volume, const char *path, const char **leaf)
{
    const char *slash = strrchr(path, '/');
    char parent[4096];
    if (slash) {
        snprintf(parent, sizeof parent, "%.*s", (int)(slash - path), path);
        *leaf = slash + 1;
    } else {
        parent[0] = 0;
        *leaf = path;
    }
    return IopOpenBeneath(volume, parent, O_PATH | O_DIRECTORY, 0);
}

/* The file's name goes (the delete disposition): its data lives on while
 * a descriptor holds it, as a deleted file's stream does while mapped. */
static void DeleteFileName(IOP_FCB *fcb)
{
    const char *leaf;
    int parent = OpenParent(fcb->Volume, fcb->Path, &leaf);
    if (parent >= 0) {
        /* A directory that is not empty stays (NT refused to set it). */
        unlinkat(parent, leaf, fcb->Directory ? AT_REMOVEDIR : 0);
        close(parent);
    }
    fcb->DeletePending = false; /* done: a new file of that name is another */
}

static void DeleteFcb(IOP_FCB *fcb)
{
    IO_VOLUME *volume = fcb->Volume;
    for (IOP_FCB **p = &volume->Fcbs; *p; p = &(*p)->Next) {
        if (*p == fcb) {
            *p = fcb->Next;
            break;
        }
    }
    free(fcb->Locks);
    free(fcb->Path);
    free(fcb);
}

/*
 * IRP_MJ_CLEANUP, which NT's IopCloseFile sends when the file object's
 * last handle is closed: the file system forgets the object's share access
 * and byte-range locks then, and deletes the file once no file object of
 * it is left uncleaned. A section (mm) references the file object, not a
 * handle, so a mapped file is open to others once its handles are closed.
 */
static void IopCloseFile(EX_OBJECT *object)
{
    IO_FILE_OBJECT *file = (IO_FILE_OBJECT *)object;
    IOP_FCB *fcb = file->Fcb;
    if (!fcb || file->CleanupComplete) {
        return;
    }
    file->CleanupComplete = true;
    IopReleaseLocks(file);
    RemoveShareAccess(fcb, file);
    if (file->DeleteOnClose) {
        fcb->DeletePending = true;
    }
    if (--fcb->UncleanCount == 0 && fcb->DeletePending) {
        /* NT's cleanup asks MmFlushImageSection(MmFlushForDelete) again:
         * a file that a section or a view still maps is not deleted, and
         * the delete is dropped (FILE_FLAG_DELETE_ON_CLOSE over a mapping). */
        if (IopCacheCanDelete(file)) {
            DeleteFileName(fcb);
        } else {
            fcb->DeletePending = false;
        }
    }
}

/* The last reference (NT's IopDeleteFile, IRP_MJ_CLOSE): a file object
 * that never had a handle (one ntmm opened for itself) is cleaned up
 * first, as NT does. */
static void IopDeleteFile(EX_OBJECT *object)
{
    IO_FILE_OBJECT *file = (IO_FILE_OBJECT *)object;
    IOP_FCB *fcb = file->Fcb;
    IopCloseFile(object);
    if (fcb) {
        if (file->Base.Fd >= 0) {
            close(file->Base.Fd);
            file->Volume->OpenFiles--;
        }
        if (--fcb->Opens == 0) {
            DeleteFcb(fcb);
        }
    }
    for (uint32_t i = 0; i < file->EntryCount; i++) {
        free(file->Entries[i].Name);
    }
    free(file->Entries);
    free(file->Pattern);
    free(file);
}

static IO_FILE_OBJECT *NewFileObject(IO_VOLUME *volume, IOP_DEVICE device, uint32_t access,
                                     uint32_t options)
{
    IO_FILE_OBJECT *file = calloc(1, sizeof *file);
    if (file) {
        file->Base.Header.Type = ExObjectFile;
        file->Base.Header.Close = IopDeleteFile;
        file->Base.Header.Cleanup = IopCloseFile;
        file->Base.Fd = -1;
        file->Base.Access = access;
        file->Volume = volume;
        file->Device = device;
        file->Options = options;
        file->Synchronous = (options & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT)) != 0;
    }
    return file;
}

/* The arguments NT refuses before looking at any name. */
static NTSTATUS CheckParameters(const IO_CREATE_PARAMETERS *c, uint32_t access)
{
    uint32_t options = c->Options;
    if (c->Disposition > FILE_OVERWRITE_IF || (options & ~FILE_VALID_OPTION_FLAGS) ||
        (c->ShareAccess & ~7u)) {
        return STATUS_INVALID_PARAMETER;
    }
    if ((options & FILE_DIRECTORY_FILE) && (options & FILE_NON_DIRECTORY_FILE)) {
        return STATUS_INVALID_PARAMETER;
    }
    if ((options & FILE_DIRECTORY_FILE) && c->Disposition != FILE_CREATE &&
        c->Disposition != FILE_OPEN && c->Disposition != FILE_OPEN_IF) {
        return STATUS_INVALID_PARAMETER;
    }
    if ((options & FILE_SYNCHRONOUS_IO_ALERT) && (options & FILE_SYNCHRONOUS_IO_NONALERT)) {
        return STATUS_INVALID_PARAMETER;
    }
    if ((options & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT)) &&
        !(access & IO_SYNCHRONIZE)) {
        return STATUS_INVALID_PARAMETER;
    }
    if ((options & FILE_DELETE_ON_CLOSE) && !(access & IO_DELETE)) {
        return STATUS_INVALID_PARAMETER;
    }
    return STATUS_SUCCESS;
}

static NTSTATUS OpenDevice(IO_VOLUME *volume, IOP_DEVICE device, const char *relative,
                           uint32_t access, uint32_t options, EX_FILE **out, uint32_t *info)
{
    if (device == IopVolumeDevice) {
        return STATUS_ACCESS_DENIED; /* opening the volume itself needs an administrator */
    }
    if (device == IopConsole) {
        /* CONIN$ is the input, CONOUT$ the output; CON by the access asked,
         * which cannot be both (Windows: ERROR_INVALID_PARAMETER). */
        if (IopNamesEqual(relative, "CON") && (access & FILE_READ_DATA) &&
            (access & (FILE_WRITE_DATA | FILE_APPEND_DATA))) {
            return STATUS_INVALID_PARAMETER;
        }
        bool output = IopNamesEqual(relative, "CONOUT$") ||
                      (IopNamesEqual(relative, "CON") && (access & (FILE_WRITE_DATA | FILE_APPEND_DATA)));
        EX_FILE *file = ExCreateHostFile(output ? 1 : 0, access);
        if (!file) {
            return STATUS_NO_MEMORY;
        }
        *out = file;
        *info = FILE_OPENED;
        return STATUS_SUCCESS;
    }
    IO_FILE_OBJECT *file = NewFileObject(volume, IopNull, access, options);
    if (!file) {
        return STATUS_NO_MEMORY;
    }
    *out = &file->Base;
    *info = FILE_OPENED;
    return STATUS_SUCCESS;
}

/* Carries out the disposition on the host; *fd is open, *info says what happened. */
static NTSTATUS CreateOrOpen(IO_VOLUME *volume, const IO_CREATE_PARAMETERS *c, uint32_t access,
                             const char *host, bool exists, bool trailing, int *fd,
                             uint32_t *info, bool *truncate)
{
    bool wants_write = (access & (FILE_WRITE_DATA | FILE_APPEND_DATA)) != 0;
    bool wants_read = (access & (FILE_READ_DATA | FILE_EXECUTE)) != 0;
    int data_flags = wants_write ? (wants_read ? O_RDWR : O_WRONLY) : O_RDONLY;
    *truncate = false;
    if (!exists) {
        if (c->Disposition == FILE_OPEN || c->Disposition == FILE_OVERWRITE) {
            return STATUS_OBJECT_NAME_NOT_FOUND;
        }
        if (trailing && !(c->Options & FILE_DIRECTORY_FILE)) {
            return STATUS_OBJECT_NAME_INVALID;
        }
        if (volume->ReadOnly) {
            return STATUS_MEDIA_WRITE_PROTECTED;
        }
        if (c->Options & FILE_DIRECTORY_FILE) {
            const char *leaf;
            int parent = OpenParent(volume, host, &leaf);
            if (parent < 0 || mkdirat(parent, leaf, 0777) != 0) {
                int error = errno;
                if (parent >= 0) {
                    close(parent);
                }
                return IopErrnoToStatus(error);
            }
            close(parent);
            *fd = IopOpenBeneath(volume, host, O_RDONLY | O_DIRECTORY, 0);
        } else {
            int mode = (c->FileAttributes & FILE_ATTRIBUTE_READONLY) ? 0444 : 0666;
            *fd = IopOpenBeneath(volume, host, data_flags | O_CREAT | O_EXCL, mode);
        }
        *info = FILE_CREATED;
        return *fd < 0 ? IopErrnoToStatus(errno) : STATUS_SUCCESS;
    }

    struct stat st;
    int probe = IopOpenBeneath(volume, host, O_PATH, 0);
    if (probe < 0) {
        return IopErrnoToStatus(errno);
    }
    fstat(probe, &st);
    close(probe);
    bool directory = S_ISDIR(st.st_mode);
    if (!directory && !S_ISREG(st.st_mode)) {
        /* A FIFO, socket or device node someone put in the root: Windows
         * has no such file, and opening one could block the machine. */
        return STATUS_ACCESS_DENIED;
    }
    if (c->Disposition == FILE_CREATE) {
        return STATUS_OBJECT_NAME_COLLISION;
    }
    if (directory && (c->Options & FILE_NON_DIRECTORY_FILE)) {
        return STATUS_FILE_IS_A_DIRECTORY;
    }
    if (!directory && (c->Options & FILE_DIRECTORY_FILE)) {
        return STATUS_NOT_A_DIRECTORY;
    }
    if (!directory && trailing) {
        return STATUS_OBJECT_NAME_INVALID;
    }
    bool overwrite = c->Disposition == FILE_SUPERSEDE || c->Disposition == FILE_OVERWRITE ||
                     c->Disposition == FILE_OVERWRITE_IF;
    if (directory && overwrite) {
        return STATUS_ACCESS_DENIED;
    }
    bool changes = wants_write || overwrite || (access & (IO_DELETE | FILE_WRITE_ATTRIBUTES)) ||
                   (c->Options & FILE_DELETE_ON_CLOSE);
    if (volume->ReadOnly && changes) {
        return STATUS_MEDIA_WRITE_PROTECTED;
    }
    bool read_only_file = !directory && !(st.st_mode & S_IWUSR);
    if (read_only_file && (wants_write || overwrite)) {
        return STATUS_ACCESS_DENIED;
    }
    if (read_only_file && (c->Options & FILE_DELETE_ON_CLOSE)) {
        return STATUS_CANNOT_DELETE;
    }
    if (directory) {
        if (wants_write) {
            data_flags = O_RDONLY; /* FILE_ADD_FILE and friends: changes through names */
        }
        *fd = IopOpenBeneath(volume, host, O_RDONLY | O_DIRECTORY, 0);
    } else {
        *fd = IopOpenBeneath(volume, host, data_flags | O_NONBLOCK, 0);
        if (*fd < 0 && errno == EACCES && !wants_read && !wants_write) {
            *fd = IopOpenBeneath(volume, host, O_PATH, 0); /* attributes only */
        }
    }
    if (*fd < 0) {
        return IopErrnoToStatus(errno);
    }
    *truncate = overwrite;
    *info = c->Disposition == FILE_SUPERSEDE ? FILE_SUPERSEDED
            : overwrite                    ? FILE_OVERWRITTEN
                                           : FILE_OPENED;
    return STATUS_SUCCESS;
}

NTSTATUS IoCreateFile(IO_VOLUME *volume, const IO_CREATE_PARAMETERS *c, EX_FILE **out,
                      uint32_t *information)
{
    uint32_t access = MapGenericAccess(c->DesiredAccess);
    NTSTATUS status = CheckParameters(c, access);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    char *relative;
    IOP_DEVICE device;
    bool trailing;
    status = IopParseName(c->Name, c->RootDirectory, &relative, &device, &trailing);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (device != IopDisk) {
        status = OpenDevice(volume, device, relative, access, c->Options, out, information);
        free(relative);
        return status;
    }
    if (volume->OpenFiles >= volume->MaxOpenFiles) {
        free(relative);
        return STATUS_TOO_MANY_OPENED_FILES;
    }
    /* C:\Windows and its system32: the overlay's, or the root's but read-only. */
    IOP_SYSTEM_NAME system;
    status = IopLookupSystemName(volume, relative, &system);
    NTSTATUS denied = STATUS_SUCCESS;
    if (status == STATUS_SUCCESS && system.Protected) {
        denied = IopSystemAccess(c->DesiredAccess, &access); /* if the name is there */
    }
    char *host = NULL;
    bool exists = false;
    if (status == STATUS_SUCCESS && !system.Overlay) {
        status = IopLookupPath(volume, relative, &host, &exists);
    }
    free(relative);
    if (status != STATUS_SUCCESS) {
        free(system.Path);
        return status;
    }
    if (c->Disposition == FILE_CREATE) {
        denied = STATUS_SUCCESS; /* an existing name is a collision first */
    }
    if (system.Overlay && system.Exists && denied != STATUS_SUCCESS) {
        free(system.Path);
        return denied;
    } else if (system.Overlay) {
        host = system.Path;
    } else if (system.Protected && exists && denied != STATUS_SUCCESS) {
        free(host);
        return denied;
    } else if (!*host && c->Disposition != FILE_OPEN && c->Disposition != FILE_OPEN_IF) {
        free(host);
        return STATUS_ACCESS_DENIED; /* the root directory itself */
    } else if (system.Protected && !exists && c->Disposition != FILE_OPEN &&
               c->Disposition != FILE_OVERWRITE) {
        free(host);
        return STATUS_ACCESS_DENIED; /* no new name in a system directory */
    } else if (system.Protected && exists && c->Disposition != FILE_OPEN &&
               c->Disposition != FILE_OPEN_IF && c->Disposition != FILE_CREATE) {
        free(host);
        return STATUS_ACCESS_DENIED; /* nor a file overwritten there */
    }
    int fd = -1;
    bool truncate = false;
    struct stat st;
    if (system.Overlay) {
        status = IopOpenSystemName(volume, &system, c, trailing, &fd, &st, information);
    } else {
        status = CreateOrOpen(volume, c, access, host, exists, trailing, &fd, information,
                              &truncate);
        if (status == STATUS_SUCCESS) {
            fstat(fd, &st);
        }
    }
    if (status != STATUS_SUCCESS) {
        free(host);
        return status;
    }
    IOP_FCB *fcb = IopFindFcb(volume, st.st_dev, st.st_ino);
    if (fcb && fcb->DeletePending) {
        if (fd >= 0) {
            close(fd);
        }
        free(host);
        return STATUS_DELETE_PENDING;
    }
    IO_FILE_OBJECT *file = NewFileObject(volume, IopDisk, access, c->Options);
    if (!file) {
        if (fd >= 0) {
            close(fd);
        }
        free(host);
        return STATUS_NO_MEMORY;
    }
    if (!fcb) {
        fcb = calloc(1, sizeof *fcb);
        if (!fcb) {
            if (fd >= 0) {
                close(fd);
            }
            free(host);
            free(file);
            return STATUS_NO_MEMORY;
        }
        fcb->Volume = volume;
        fcb->Device = st.st_dev;
        fcb->Inode = st.st_ino;
        fcb->Path = host;
        fcb->Directory = S_ISDIR(st.st_mode);
        fcb->System = (uint8_t)system.Node;
        fcb->Virtual = system.Overlay && fcb->Directory;
        fcb->Next = volume->Fcbs;
        volume->Fcbs = fcb;
        host = NULL;
    }
    free(host);
    file->Fcb = fcb;
    file->Base.Fd = fd;
    volume->OpenFiles += fd >= 0;
    fcb->Opens++;
    fcb->UncleanCount++;
    status = CheckShareAccess(fcb, file, c->ShareAccess);
    if (status == STATUS_SUCCESS && !(c->ShareAccess & FILE_SHARE_WRITE) &&
        IopCacheHasWritableReferences(file)) {
        status = STATUS_SHARING_VIOLATION; /* a writable section writes it (whatever the access) */
    } else if (status == STATUS_SUCCESS && (file->WriteAccess || truncate) &&
        !IopCacheCanWriteImage(file)) {
        status = STATUS_SHARING_VIOLATION; /* a mapped image is not written (NT: MmFlushImageSection) */
    } else if (status == STATUS_SUCCESS && (c->Options & FILE_DELETE_ON_CLOSE) &&
               !IopCacheCanWriteImage(file)) {
        /* A mapped image is not deleted. A data file's mapping does not
         * refuse the open (Wine's test_file_sharing, run on Windows): the
         * delete is decided at the last handle's close (IopCloseFile). */
        status = STATUS_CANNOT_DELETE;
    } else if (status == STATUS_SUCCESS && truncate && !IopCacheCanTruncate(file, 0)) {
        status = STATUS_USER_MAPPED_FILE; /* a mapped file is not emptied either */
    } else if (status == STATUS_SUCCESS && truncate) {
        /* After the share check, as NT: a file in use is not emptied. */
        int w = IopOpenBeneath(volume, fcb->Path, O_WRONLY | O_TRUNC, 0);
        if (w < 0) {
            status = IopErrnoToStatus(errno);
        } else {
            close(w);
        }
    }
    if (status != STATUS_SUCCESS) {
        if (*information == FILE_CREATED) {
            fcb->DeletePending = true; /* undo the create */
        }
        IopDeleteFile(&file->Base.Header);
        return status;
    }
    file->DeleteOnClose = (c->Options & FILE_DELETE_ON_CLOSE) != 0;
    file->Base.Header.References = 0;
    *out = &file->Base;
    return STATUS_SUCCESS;
}
