/*
 * C:\Windows\system32: the guest DLLs as the volume's read-only files.
 *
 * The loader names every DLL of the system directory (--sysdir)
 * C:\Windows\system32\NAME.dll, so programs open, list, query and map them
 * by that name, as they do on Windows. The volume shows them there as an
 * overlay, as a file system filter would: C:\Windows and its system32 exist
 * whether the root has them or not (the root's own, if it has them, with
 * their files listed too), and in system32 the DLLs are the system
 * directory's files, which win over a root's file of the same name.
 *
 * What a standard user may do there, Windows' answers: read, execute,
 * list, query, map (the same image section the loader mapped: mm finds it
 * by the file's identity); open the two directories or anything directly
 * in them for more than that, create or rename a name into them, and it is
 * STATUS_ACCESS_DENIED (their ACLs give Users read and execute only).
 *
 * The sandbox: the DLLs are opened once, when the volume is mounted, each a
 * regular file that is a PE DLL; the guest's names are only ever compared
 * with that table, never joined to the system directory's path, so no name
 * reaches any other host file through the overlay.
 */
#include "io/iop.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define IOP_MAX_SYSTEM_FILES 256

typedef struct IOP_SYSTEM_FILE {
    char *Name;                 /* the system directory's spelling: "ntdll.dll" */
    int Fd;                     /* O_RDONLY, for the volume's life */
} IOP_SYSTEM_FILE;

/* The virtual directories' identities: no host file has device 0. */
#define IOP_WINDOWS_INODE  1
#define IOP_SYSTEM32_INODE 2

/* Directory entries of the overlay (IOP_DIRECTORY_ENTRY.Overlay). */
#define IOP_ENTRY_WINDOWS  1    /* a virtual C:\Windows */
#define IOP_ENTRY_SYSTEM32 2    /* a virtual system32 */
#define IOP_ENTRY_DOTS     3    /* . and .. of a virtual directory */
#define IOP_ENTRY_DLL      16   /* + the DLL's index */

/* ------------------------------------------------ mounting */

static bool EndsWithDll(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && IopNamesEqual(name + n - 4, ".dll");
}

/* A PE image with IMAGE_FILE_DLL: what the loader would map from here. */
static bool IsPeDll(int fd)
{
    uint8_t dos[64], nt[24];
    if (pread(fd, dos, sizeof dos, 0) != (ssize_t)sizeof dos || dos[0] != 'M' || dos[1] != 'Z') {
        return false;
    }
    uint32_t lfanew = IopGet32(dos + 0x3C);
    if (lfanew > (1u << 20) || pread(fd, nt, sizeof nt, lfanew) != (ssize_t)sizeof nt) {
        return false;
    }
    uint16_t characteristics = (uint16_t)(nt[22] | nt[23] << 8);
    return !memcmp(nt, "PE\0\0", 4) && (characteristics & 0x2000); /* IMAGE_FILE_DLL */
}

static int FindDll(const IO_VOLUME *volume, const char *name, size_t length)
{
    for (uint32_t i = 0; i < volume->SystemFileCount; i++) {
        const char *dll = volume->SystemFiles[i].Name;
        if (strlen(dll) == length) {
            char component[256];
            memcpy(component, name, length);
            component[length] = 0;
            if (IopNamesEqual(dll, component)) {
                return (int)i;
            }
        }
    }
    return -1;
}

bool IoMountSystemFiles(IO_VOLUME *volume, const char *system_directory, char *why,
                        size_t whylen)
{
    /* The virtual directories' times are the system directory's (the
     * root's if it has none), as an installation's directories have. */
    fstat(volume->RootFd, &volume->SystemStat);
    int dirfd = system_directory ? open(system_directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    DIR *d = dirfd >= 0 ? fdopendir(dirfd) : NULL;
    if (!d) {
        snprintf(why, whylen, "system directory %s: %s", system_directory ? system_directory : "(none)",
                 strerror(errno));
        if (dirfd >= 0) {
            close(dirfd);
        }
        return false;
    }
    fstat(dirfd, &volume->SystemStat);
    volume->SystemFiles = calloc(IOP_MAX_SYSTEM_FILES, sizeof *volume->SystemFiles);
    if (!volume->SystemFiles) {
        closedir(d);
        snprintf(why, whylen, "out of memory");
        return false;
    }
    struct dirent *e;
    while ((e = readdir(d)) && volume->SystemFileCount < IOP_MAX_SYSTEM_FILES) {
        size_t n = strlen(e->d_name);
        if (!EndsWithDll(e->d_name) || n > 255 || !IopValidComponent(e->d_name, n) ||
            FindDll(volume, e->d_name, n) >= 0) {
            continue; /* not a DLL's name, or one Windows would call the same */
        }
        /* O_NONBLOCK: a FIFO by a DLL's name must not stop the machine. */
        int fd = openat(dirfd, e->d_name, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        struct stat st;
        if (fd < 0) {
            continue;
        }
        if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !IsPeDll(fd)) {
            close(fd);
            continue;
        }
        char *name = strdup(e->d_name);
        if (!name) {
            close(fd);
            break;
        }
        volume->SystemFiles[volume->SystemFileCount++] = (IOP_SYSTEM_FILE){name, fd};
    }
    closedir(d);
    return true;
}

void IopFreeSystemFiles(IO_VOLUME *volume)
{
    for (uint32_t i = 0; i < volume->SystemFileCount; i++) {
        free(volume->SystemFiles[i].Name);
        close(volume->SystemFiles[i].Fd);
    }
    free(volume->SystemFiles);
    volume->SystemFiles = NULL;
    volume->SystemFileCount = 0;
}

/* ------------------------------------------------ names */

typedef struct COMPONENTS {
    const char *At[4];
    size_t Length[4];
    size_t Count;               /* all of them, though only four are kept */
} COMPONENTS;

static void Split(const char *relative, COMPONENTS *c)
{
    c->Count = 0;
    for (const char *p = relative; *p;) {
        const char *end = strchr(p, '\\');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (c->Count < 4) {
            c->At[c->Count] = p;
            c->Length[c->Count] = n;
        }
        c->Count++;
        p += n + (end ? 1 : 0);
    }
}

static bool Is(const COMPONENTS *c, size_t i, const char *name)
{
    return c->Length[i] == strlen(name) && strncasecmp(c->At[i], name, c->Length[i]) == 0;
}

/* The host's directory `name` in `dir` (any case), as "dir/Name", or NULL. */
static char *HostDirectory(IO_VOLUME *volume, const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *relative = malloc(n);
    if (!relative) {
        return NULL;
    }
    snprintf(relative, n, "%s%s%s", dir, *dir ? "\\" : "", name);
    for (char *p = relative; *p; p++) {
        if (*p == '/') {
            *p = '\\';
        }
    }
    char *host = NULL;
    bool exists = false;
    if (IopLookupPath(volume, relative, &host, &exists) == STATUS_SUCCESS && exists) {
        int fd = IopOpenBeneath(volume, host, O_PATH | O_DIRECTORY, 0);
        if (fd >= 0) {
            close(fd);
            free(relative);
            return host;
        }
    }
    free(host);
    free(relative);
    return NULL;
}

static char *Join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n);
    if (path) {
        snprintf(path, n, "%s/%s", dir, name);
    }
    return path;
}

NTSTATUS IopLookupSystemName(IO_VOLUME *volume, const char *relative, IOP_SYSTEM_NAME *name)
{
    memset(name, 0, sizeof *name);
    name->Dll = -1;
    COMPONENTS c;
    Split(relative, &c);
    if (c.Count == 0 || !Is(&c, 0, "Windows")) {
        return STATUS_SUCCESS;
    }
    for (const char *p = relative; *p;) {
        const char *end = strchr(p, '\\');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (!IopValidComponent(p, n) || (end && !end[1])) {
            return STATUS_OBJECT_NAME_INVALID; /* NTFS checks every name first; none is empty */
        }
        p += n + (end ? 1 : 0);
    }
    bool system32 = c.Count >= 2 && Is(&c, 1, "system32");
    name->Protected = c.Count <= 2 || (c.Count == 3 && system32);
    name->Node = c.Count == 1 ? IopWindowsDirectory
               : c.Count == 2 && system32 ? IopSystem32Directory
               : IopSystemChild;
    char *windows = HostDirectory(volume, "", "Windows");
    if (c.Count == 1) {
        name->Overlay = !windows;
        name->Exists = true;
        name->Path = windows ? NULL : strdup("Windows");
        free(windows);
        return windows || name->Path ? STATUS_SUCCESS : STATUS_NO_MEMORY;
    }
    if (!system32) {
        /* Another name in C:\Windows: the root's, if it has the folder. */
        free(windows);
        if (windows) {
            return STATUS_SUCCESS;
        }
        name->Overlay = true;
        return c.Count == 2 ? STATUS_SUCCESS : STATUS_OBJECT_PATH_NOT_FOUND;
    }
    char *sys = windows ? HostDirectory(volume, windows, "system32") : NULL;
    const char *base = windows ? windows : "Windows";
    NTSTATUS status = STATUS_SUCCESS;
    if (c.Count == 2) {
        name->Overlay = !sys;
        name->Exists = true;
        if (!sys && !(name->Path = Join(base, "system32"))) {
            status = STATUS_NO_MEMORY;
        }
    } else if ((name->Dll = FindDll(volume, c.At[2], c.Length[2])) >= 0) {
        /* One of the DLLs: the overlay's, whatever the root has by its name. */
        name->Node = IopSystemDll;
        name->Overlay = true;
        name->Exists = true;
        if (c.Count > 3) {
            status = STATUS_OBJECT_PATH_NOT_FOUND; /* a file is no directory */
        } else {
            char *dir = sys ? sys : Join(base, "system32");
            name->Path = dir ? Join(dir, volume->SystemFiles[name->Dll].Name) : NULL;
            if (dir != sys) {
                free(dir);
            }
            status = name->Path ? STATUS_SUCCESS : STATUS_NO_MEMORY;
        }
    } else if (!sys) {
        name->Overlay = true;
        status = c.Count == 3 ? STATUS_SUCCESS : STATUS_OBJECT_PATH_NOT_FOUND;
    }
    free(windows);
    free(sys);
    return status;
}

bool IopIsSystemName(const char *relative)
{
    COMPONENTS c;
    Split(relative, &c);
    return c.Count >= 1 && Is(&c, 0, "Windows") &&
           (c.Count <= 2 || (c.Count == 3 && Is(&c, 1, "system32")));
}

/* Users' rights on C:\Windows, system32 and the DLLs: FILE_GENERIC_READ | FILE_GENERIC_EXECUTE. */
#define IOP_SYSTEM_ACCESS 0x001200A9u

NTSTATUS IopSystemAccess(uint32_t desired, uint32_t *access)
{
    if (*access & ~IOP_SYSTEM_ACCESS) {
        if (!(desired & IO_MAXIMUM_ALLOWED)) {
            return STATUS_ACCESS_DENIED;
        }
        /* MAXIMUM_ALLOWED: what the ACL gives, unless more was asked by name. */
        uint32_t named = desired & ~IO_MAXIMUM_ALLOWED;
        if (named & (IO_GENERIC_WRITE | IO_GENERIC_ALL)) {
            return STATUS_ACCESS_DENIED;
        }
        if (named & ~(IO_GENERIC_READ | IO_GENERIC_EXECUTE) & ~IOP_SYSTEM_ACCESS) {
            return STATUS_ACCESS_DENIED;
        }
        *access = IOP_SYSTEM_ACCESS;
    }
    return STATUS_SUCCESS;
}

/* The virtual directories' metadata. */
static void VirtualStat(const IO_VOLUME *volume, ino_t inode, struct stat *st)
{
    *st = volume->SystemStat;
    st->st_dev = 0;
    st->st_ino = inode;
    st->st_mode = S_IFDIR | 0555;
    st->st_nlink = 1;
    st->st_size = 0;
    st->st_blocks = 0;
}

NTSTATUS IopOpenSystemName(IO_VOLUME *volume, const IOP_SYSTEM_NAME *name,
                           const IO_CREATE_PARAMETERS *c, bool trailing, int *fd,
                           struct stat *st, uint32_t *information)
{
    *fd = -1;
    if (!name->Exists) {
        if (c->Disposition == FILE_OPEN || c->Disposition == FILE_OVERWRITE) {
            return STATUS_OBJECT_NAME_NOT_FOUND;
        }
        return STATUS_ACCESS_DENIED; /* no new name in a system directory */
    }
    if (c->Disposition == FILE_CREATE) {
        return STATUS_OBJECT_NAME_COLLISION;
    }
    bool directory = name->Node != IopSystemDll;
    if (directory && (c->Options & FILE_NON_DIRECTORY_FILE)) {
        return STATUS_FILE_IS_A_DIRECTORY;
    }
    if (!directory && (c->Options & FILE_DIRECTORY_FILE)) {
        return STATUS_NOT_A_DIRECTORY;
    }
    if (!directory && trailing) {
        return STATUS_OBJECT_NAME_INVALID;
    }
    if (c->Disposition != FILE_OPEN && c->Disposition != FILE_OPEN_IF) {
        return STATUS_ACCESS_DENIED; /* superseding or overwriting writes */
    }
    if (directory) {
        VirtualStat(volume, name->Node == IopWindowsDirectory ? IOP_WINDOWS_INODE
                                                               : IOP_SYSTEM32_INODE, st);
    } else {
        *fd = fcntl(volume->SystemFiles[name->Dll].Fd, F_DUPFD_CLOEXEC, 0);
        if (*fd < 0 || fstat(*fd, st) != 0) {
            int error = errno;
            if (*fd >= 0) {
                close(*fd);
                *fd = -1;
            }
            return IopErrnoToStatus(error);
        }
    }
    *information = FILE_OPENED;
    return STATUS_SUCCESS;
}

int IopStatFile(IO_FILE_OBJECT *file, struct stat *st)
{
    if (file->Fcb && file->Fcb->Virtual) {
        VirtualStat(file->Volume, file->Fcb->Inode, st);
        return 0;
    }
    return fstat(file->Base.Fd, st);
}

/* ------------------------------------------------ listings */

static NTSTATUS AddEntry(IO_FILE_OBJECT *file, const char *name, int32_t overlay)
{
    /* A name of the root's that the overlay shows instead goes. */
    for (uint32_t i = 0; i < file->EntryCount; i++) {
        if (IopNamesEqual(file->Entries[i].Name, name)) {
            free(file->Entries[i].Name);
            file->Entries[i] = file->Entries[--file->EntryCount];
            i--;
        }
    }
    IOP_DIRECTORY_ENTRY *entries = realloc(file->Entries, (file->EntryCount + 1) * sizeof *entries);
    if (!entries) {
        return STATUS_NO_MEMORY;
    }
    file->Entries = entries;
    char *copy = strdup(name);
    if (!copy) {
        return STATUS_NO_MEMORY;
    }
    file->Entries[file->EntryCount++] = (IOP_DIRECTORY_ENTRY){copy, 0, overlay};
    return STATUS_SUCCESS;
}

NTSTATUS IopAddSystemEntries(IO_FILE_OBJECT *file)
{
    IOP_FCB *fcb = file->Fcb;
    IO_VOLUME *volume = file->Volume;
    NTSTATUS status = STATUS_SUCCESS;
    if (fcb->Virtual) {
        status = AddEntry(file, ".", IOP_ENTRY_DOTS);
        if (status == STATUS_SUCCESS) {
            status = AddEntry(file, "..", IOP_ENTRY_DOTS);
        }
    }
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (!*fcb->Path || fcb->System == IopWindowsDirectory) {
        /* The root shows C:\Windows, C:\Windows its system32, if the host's are not there. */
        const char *child = *fcb->Path ? "system32" : "Windows";
        char *host = fcb->Virtual ? NULL : HostDirectory(volume, fcb->Path, child);
        if (!host) {
            status = AddEntry(file, child, *fcb->Path ? IOP_ENTRY_SYSTEM32 : IOP_ENTRY_WINDOWS);
        }
        free(host);
    } else if (fcb->System == IopSystem32Directory) {
        for (uint32_t i = 0; i < volume->SystemFileCount && status == STATUS_SUCCESS; i++) {
            status = AddEntry(file, volume->SystemFiles[i].Name, IOP_ENTRY_DLL + (int32_t)i);
        }
    }
    return status;
}

bool IopStatSystemEntry(IO_FILE_OBJECT *file, const IOP_DIRECTORY_ENTRY *entry, struct stat *st)
{
    IO_VOLUME *volume = file->Volume;
    switch (entry->Overlay) {
    case IOP_ENTRY_WINDOWS:
        VirtualStat(volume, IOP_WINDOWS_INODE, st);
        return true;
    case IOP_ENTRY_SYSTEM32:
        VirtualStat(volume, IOP_SYSTEM32_INODE, st);
        return true;
    case IOP_ENTRY_DOTS:
        VirtualStat(volume, file->Fcb->Inode, st);
        return true;
    default: {
        uint32_t i = (uint32_t)(entry->Overlay - IOP_ENTRY_DLL);
        return i < volume->SystemFileCount && fstat(volume->SystemFiles[i].Fd, st) == 0;
    }
    }
}
