/*
 * The volume: a host directory that is the guest's C:, and the way from an
 * NT name to a host file beneath it.
 *
 * Nothing outside the root can be reached: every host path is opened with
 * openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS) from the root's
 * descriptor, so `..` (which NT names never carry anyway: the file system
 * refuses them), an absolute symbolic link, a relative one climbing out or a
 * /proc magic link all fail in the host kernel, whatever the guest asked.
 */
#include "io/iop.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

IO_VOLUME *IoCreateVolume(const char *root, bool read_only, char *why, size_t whylen)
{
    int fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(why, whylen, "root directory %s: %s", root, strerror(errno));
        return NULL;
    }
    IO_VOLUME *volume = calloc(1, sizeof *volume);
    if (!volume) {
        close(fd);
        snprintf(why, whylen, "out of memory");
        return NULL;
    }
    struct stat st;
    fstat(fd, &st);
    volume->RootFd = fd;
    volume->ReadOnly = read_only;
    /* Programs that keep many files open get the host's hard limit, less
     * what ntmm needs itself: the guest can run out of handles to files,
     * never ntmm out of descriptors. */
    struct rlimit limit;
    uint64_t descriptors = 1024;
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        if (limit.rlim_cur < limit.rlim_max && limit.rlim_cur < 65536) {
            limit.rlim_cur = limit.rlim_max < 65536 ? limit.rlim_max : 65536;
            setrlimit(RLIMIT_NOFILE, &limit);
            getrlimit(RLIMIT_NOFILE, &limit);
        }
        descriptors = limit.rlim_cur;
    }
    volume->MaxOpenFiles = descriptors > 128 ? (uint32_t)(descriptors - 64) : 64;
    /* A stable serial number for the same directory, as a volume keeps its own. */
    volume->SerialNumber = (uint32_t)(st.st_ino * 2654435761u) ^ (uint32_t)st.st_dev;
    return volume;
}

void IoDeleteVolume(IO_VOLUME *volume)
{
    if (volume) {
        /* Every file object is gone with the processes' handle tables. */
        IopFreeSystemFiles(volume);
        close(volume->RootFd);
        free(volume);
    }
}

int IopOpenBeneath(IO_VOLUME *volume, const char *path, int flags, int mode)
{
    struct open_how how = {
        .flags = (uint64_t)(flags | O_CLOEXEC),
        .mode = (flags & O_CREAT) ? (uint64_t)mode : 0,
        .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
    };
    long fd;
    do {
        fd = syscall(SYS_openat2, volume->RootFd, *path ? path : ".", &how, sizeof how);
    } while (fd < 0 && errno == EINTR);
    return (int)fd;
}

NTSTATUS IopErrnoToStatus(int error)
{
    switch (error) {
    case ENOENT: return STATUS_OBJECT_NAME_NOT_FOUND;
    case ENOTDIR: return STATUS_OBJECT_PATH_NOT_FOUND;
    case EEXIST: return STATUS_OBJECT_NAME_COLLISION;
    case EACCES: case EPERM: return STATUS_ACCESS_DENIED;
    case EXDEV: case ELOOP: return STATUS_ACCESS_DENIED; /* a link that leads out */
    case EROFS: return STATUS_MEDIA_WRITE_PROTECTED;
    case ENOSPC: case EDQUOT: return STATUS_DISK_FULL;
    case ENOTEMPTY: return STATUS_DIRECTORY_NOT_EMPTY;
    case EISDIR: return STATUS_FILE_IS_A_DIRECTORY;
    case ENAMETOOLONG: return STATUS_NAME_TOO_LONG;
    case EMFILE: case ENFILE: return STATUS_TOO_MANY_OPENED_FILES;
    case ENOMEM: return STATUS_NO_MEMORY;
    case EINVAL: return STATUS_INVALID_PARAMETER;
    case EFBIG: return STATUS_DISK_FULL;
    default: return STATUS_UNEXPECTED_IO_ERROR;
    }
}

static char FoldAscii(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
}

bool IopNamesEqual(const char *a, const char *b)
{
    while (*a && FoldAscii(*a) == FoldAscii(*b)) {
        a++, b++;
    }
    return FoldAscii(*a) == FoldAscii(*b);
}

static bool PrefixEqual(const char *text, const char *prefix)
{
    size_t n = strlen(prefix);
    for (size_t i = 0; i < n; i++) {
        if (!text[i] || FoldAscii(text[i]) != FoldAscii(prefix[i])) {
            return false;
        }
    }
    return true;
}

uint32_t IoUtf8ToUtf16(const char *text, uint16_t *out, uint32_t max_units)
{
    const uint8_t *s = (const uint8_t *)text;
    uint32_t n = 0;
    while (*s && n < max_units) {
        uint32_t c;
        if (*s < 0x80) {
            c = *s++;
        } else if ((*s & 0xE0) == 0xC0 && s[1]) {
            c = (uint32_t)(*s & 0x1F) << 6 | (s[1] & 0x3F);
            s += 2;
        } else if ((*s & 0xF0) == 0xE0 && s[1] && s[2]) {
            c = (uint32_t)(*s & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
            s += 3;
        } else if ((*s & 0xF8) == 0xF0 && s[1] && s[2] && s[3]) {
            c = (uint32_t)(*s & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
                (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
            s += 4;
        } else {
            c = 0xFFFD;
            s++;
        }
        if (c >= 0x10000) {
            if (n + 2 > max_units) {
                break;
            }
            c -= 0x10000;
            out[n++] = (uint16_t)(0xD800 | c >> 10);
            out[n++] = (uint16_t)(0xDC00 | (c & 0x3FF));
        } else {
            out[n++] = (uint16_t)c;
        }
    }
    return n;
}

static bool IsDosDevice(const char *rest, const char *device)
{
    return IopNamesEqual(rest, device);
}

NTSTATUS IopParseName(const char *name, EX_FILE *root, char **relative, IOP_DEVICE *device,
                      bool *trailing_backslash)
{
    *device = IopDisk;
    *relative = NULL;
    *trailing_backslash = false;
    const char *rest;
    char *joined = NULL;
    if (root) {
        /* Relative to a directory of the volume: "name" or "dir\name". */
        if (!IoIsDiskFile(root) || IopFileObject(root)->Device != IopDisk ||
            !IopFileObject(root)->Fcb->Directory) {
            return STATUS_INVALID_PARAMETER;
        }
        if (name[0] == '\\') {
            return STATUS_INVALID_PARAMETER;
        }
        const char *base = IopFileObject(root)->Fcb->Path;
        size_t n = strlen(base) + strlen(name) + 2;
        joined = malloc(n);
        if (!joined) {
            return STATUS_NO_MEMORY;
        }
        snprintf(joined, n, "%s%s%s", base, *base && *name ? "\\" : "", name);
        /* The directory's host path in NT's separators; the name as given
         * (a `/` in it is an invalid character, as NTFS has it). */
        for (char *p = joined; p < joined + strlen(base); p++) {
            if (*p == '/') {
                *p = '\\';
            }
        }
        rest = joined;
    } else {
        if (name[0] != '\\') {
            return name[0] ? STATUS_OBJECT_PATH_SYNTAX_BAD : STATUS_OBJECT_NAME_INVALID;
        }
        if (IopNamesEqual(name, "\\Device\\Null")) {
            *device = IopNull;
            return STATUS_SUCCESS;
        }
        if (PrefixEqual(name, "\\??\\")) {
            rest = name + 4;
        } else if (PrefixEqual(name, "\\DosDevices\\")) {
            rest = name + 12;
        } else if (PrefixEqual(name, "\\GLOBAL??\\")) {
            rest = name + 10;
        } else {
            /* Not a directory of the object namespace ntmm has. */
            return strchr(name + 1, '\\') ? STATUS_OBJECT_PATH_NOT_FOUND : STATUS_OBJECT_NAME_NOT_FOUND;
        }
        bool drive = ((rest[0] | 0x20) >= 'a' && (rest[0] | 0x20) <= 'z') && rest[1] == ':' &&
                     (rest[2] == 0 || rest[2] == '\\');
        if (drive) {
            if ((rest[0] | 0x20) != 'c') {
                return STATUS_OBJECT_PATH_NOT_FOUND; /* no such drive */
            }
            if (rest[2] == 0) {
                *device = IopVolumeDevice;
                return STATUS_SUCCESS;
            }
            rest += 3;
        } else if (PrefixEqual(rest, "UNC\\") || IopNamesEqual(rest, "UNC")) {
            return STATUS_BAD_NETWORK_PATH; /* no network here */
        } else if (IsDosDevice(rest, "NUL")) {
            *device = IopNull;
            return STATUS_SUCCESS;
        } else if (IsDosDevice(rest, "CON") || IsDosDevice(rest, "CONIN$") ||
                   IsDosDevice(rest, "CONOUT$")) {
            *device = IopConsole;
            *relative = strdup(rest);
            return *relative ? STATUS_SUCCESS : STATUS_NO_MEMORY;
        } else if (!*rest) {
            return STATUS_OBJECT_NAME_INVALID; /* \?? itself is no file */
        } else if (PrefixEqual(rest, "PhysicalDrive") || PrefixEqual(rest, "HarddiskVolume")) {
            return STATUS_ACCESS_DENIED; /* raw disks need an administrator */
        } else {
            /* No such device (and no named pipe by that name). */
            return strchr(rest, '\\') && !PrefixEqual(rest, "pipe\\") ? STATUS_OBJECT_PATH_NOT_FOUND
                                                                   : STATUS_OBJECT_NAME_NOT_FOUND;
        }
    }
    size_t n = strlen(rest);
    if (n && rest[n - 1] == '\\') {
        *trailing_backslash = true;
        n--;
    }
    *relative = strndup(rest, n);
    free(joined);
    return *relative ? STATUS_SUCCESS : STATUS_NO_MEMORY;
}

/* A component NTFS accepts: not . or .., no wildcards, no control
 * characters, no separators or stream colons, at most 255 UTF-16 units. */
bool IopValidComponent(const char *c, size_t n)
{
    if (n == 0 || (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.')) {
        return false;
    }
    size_t units = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)c[i];
        if (ch < 0x20 || strchr("\"*/:<>?|", ch)) {
            return false;
        }
        if ((ch & 0xC0) != 0x80) {
            units += (ch >= 0xF0) ? 2 : 1;
        }
    }
    return units <= 255;
}

/* The entry of the directory whose name is `name` in any case, or NULL. */
static char *FindCaseInsensitive(IO_VOLUME *volume, const char *dir, const char *name)
{
    int fd = IopOpenBeneath(volume, dir, O_RDONLY | O_DIRECTORY, 0);
    if (fd < 0) {
        return NULL;
    }
    DIR *d = fdopendir(fd);
    if (!d) {
        close(fd);
        return NULL;
    }
    char *found = NULL;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (IopNamesEqual(e->d_name, name) && strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            found = strdup(e->d_name);
            break;
        }
    }
    closedir(d);
    return found;
}

NTSTATUS IopLookupPath(IO_VOLUME *volume, const char *relative, char **host_path,
                       bool *last_exists)
{
    size_t max = strlen(relative) * 2 + 2;
    char *host = calloc(1, max + 256);
    if (!host) {
        return STATUS_NO_MEMORY;
    }
    *last_exists = true;
    /* Every name is checked before any is looked up, as NTFS parses. */
    for (const char *c = relative; *c;) {
        const char *end = strchr(c, '\\');
        size_t n = end ? (size_t)(end - c) : strlen(c);
        if (!IopValidComponent(c, n)) {
            free(host);
            return STATUS_OBJECT_NAME_INVALID;
        }
        c += n + (end ? 1 : 0);
    }
    const char *p = relative;
    while (*p) {
        const char *end = strchr(p, '\\');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        bool last = !end;
        if (!IopValidComponent(p, n)) {
            free(host);
            return STATUS_OBJECT_NAME_INVALID;
        }
        size_t at = strlen(host);
        if (at) {
            host[at++] = '/';
        }
        memcpy(host + at, p, n);
        host[at + n] = 0;
        int fd = IopOpenBeneath(volume, host, O_PATH | (last ? 0 : O_DIRECTORY), 0);
        int error = fd < 0 ? errno : 0;
        if (fd >= 0) {
            close(fd);
        } else if (error == ENOENT) {
            /* Not in this case: the same name in another case, as NTFS finds it. */
            char component[1024];
            snprintf(component, sizeof component, "%s", host + at);
            host[at ? at - 1 : 0] = 0;
            char *found = FindCaseInsensitive(volume, host, component);
            if (at) {
                host[at - 1] = '/';
            }
            strcpy(host + at, found ? found : component); /* ASCII folding: the same length */
            if (found) {
                free(found);
                fd = IopOpenBeneath(volume, host, O_PATH | (last ? 0 : O_DIRECTORY), 0);
                error = fd < 0 ? errno : 0;
                if (fd >= 0) {
                    close(fd);
                }
            }
        }
        if (error == ENOENT && last) {
            *last_exists = false;
        } else if (error == ENOENT || error == ENOTDIR) {
            free(host);
            return STATUS_OBJECT_PATH_NOT_FOUND;
        } else if (error) {
            free(host);
            return IopErrnoToStatus(error);
        }
        p += n + (end ? 1 : 0);
        if (end && !*p) {
            free(host);
            return STATUS_OBJECT_NAME_INVALID; /* an empty last component */
        }
    }
    *host_path = host;
    return STATUS_SUCCESS;
}
