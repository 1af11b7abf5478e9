/*
 * FileLinkInformation (FILE_LINK_INFORMATION, laid out as a rename's): a
 * second name for a file, as NTFS gives one (kernel32's CreateHardLink).
 * The new name follows the rename's rules (beside the file, or a full
 * name on the same volume); a directory cannot be linked
 * (STATUS_FILE_IS_A_DIRECTORY); an existing name is
 * STATUS_OBJECT_NAME_COLLISION unless ReplaceIfExists, and even then a
 * directory, an open file or a read-only one is not replaced
 * (STATUS_ACCESS_DENIED). The host's link(2), beneath the root.
 */
#include "io/iop.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* What stands at the target name: nothing, the file itself, or another. */
static NTSTATUS CheckTarget(IO_VOLUME *volume, const IOP_FCB *fcb, const char *host, bool replace,
                            bool *same)
{
    int probe = IopOpenBeneath(volume, host, O_PATH, 0);
    struct stat st;
    if (probe < 0 || fstat(probe, &st) != 0) {
        if (probe >= 0) {
            close(probe);
        }
        return STATUS_ACCESS_DENIED;
    }
    close(probe);
    if (!replace) {
        return STATUS_OBJECT_NAME_COLLISION; /* even a name the file already has */
    }
    *same = st.st_dev == fcb->Device && st.st_ino == fcb->Inode;
    if (*same) {
        return STATUS_SUCCESS;
    }
    if (S_ISDIR(st.st_mode) || IopFindFcb(volume, st.st_dev, st.st_ino) || !(st.st_mode & S_IWUSR)) {
        return STATUS_ACCESS_DENIED;
    }
    return STATUS_SUCCESS;
}

NTSTATUS IopLink(IO_FILE_OBJECT *file, bool replace, const char *target, EX_FILE *target_root)
{
    IO_VOLUME *volume = file->Volume;
    IOP_FCB *fcb = file->Fcb;
    if (fcb->Directory) {
        return STATUS_FILE_IS_A_DIRECTORY;
    }
    if (fcb->System == IopSystemDll) {
        return STATUS_ACCESS_DENIED; /* a system file is linked by no one but its owner */
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
    bool exists, same = false;
    status = IopLookupPath(volume, name, &host, &exists);
    free(name);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (!*host) {
        status = STATUS_ACCESS_DENIED;
    } else if (volume->ReadOnly) {
        status = STATUS_MEDIA_WRITE_PROTECTED;
    } else if (exists) {
        status = CheckTarget(volume, fcb, host, replace, &same);
    }
    if (status != STATUS_SUCCESS || same) {
        free(host);
        return status; /* linking a name of the file to itself changes nothing */
    }
    const char *old_leaf, *new_leaf;
    int old_parent = IopOpenParentOf(volume, fcb->Path, &old_leaf);
    int new_parent = IopOpenParentOf(volume, host, &new_leaf);
    int error = EACCES;
    if (old_parent >= 0 && new_parent >= 0) {
        if (exists && unlinkat(new_parent, new_leaf, 0) != 0) {
            error = errno;
        } else {
            error = linkat(old_parent, old_leaf, new_parent, new_leaf, 0) == 0 ? 0 : errno;
        }
    }
    if (old_parent >= 0) {
        close(old_parent);
    }
    if (new_parent >= 0) {
        close(new_parent);
    }
    free(host);
    return error ? IopErrnoToStatus(error) : STATUS_SUCCESS;
}
