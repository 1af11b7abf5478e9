/*
 * NtQueryDirectoryFile: a directory's names, filtered by a pattern with
 * FsRtlIsNameInExpression's wildcards, returned in one of the
 * FILE_*_INFORMATION layouts, as many as fit.
 *
 * The names are read once, at the first query (or a restart), and sorted
 * case-insensitively as NTFS's index returns them. A host name Windows
 * cannot have (with \ : * ? " < > | or a control character) is not listed.
 * The root has no `.` and `..`, as a volume's root directory has none.
 */
#include "io/iop.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DOS_STAR '<'
#define DOS_QM   '>'
#define DOS_DOT  '"'

static char Fold(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
}

/* Bytes of the UTF-8 character at s. */
static size_t CharLength(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    for (size_t i = 1; i < n; i++) {
        if (!s[i]) {
            return i;
        }
    }
    return n;
}

static bool Match(const char *pattern, const char *name)
{
    for (;;) {
        char p = *pattern;
        if (!p) {
            return !*name;
        }
        if (p == '*') {
            for (const char *n = name;; n += CharLength(n)) {
                if (Match(pattern + 1, n)) {
                    return true;
                }
                if (!*n) {
                    return false;
                }
            }
        }
        if (p == DOS_STAR) {
            /* Anything up to the last dot of the name (not past it). */
            const char *last_dot = strrchr(name, '.');
            for (const char *n = name;; n += CharLength(n)) {
                if (Match(pattern + 1, n)) {
                    return true;
                }
                if (!*n || (last_dot && n >= last_dot)) {
                    return false;
                }
            }
        }
        if (p == DOS_QM) {
            /* One character, or none at a dot or the end. */
            if (!*name || *name == '.') {
                return Match(pattern + 1, name);
            }
            return Match(pattern + 1, name + CharLength(name));
        }
        if (p == DOS_DOT) {
            if (*name == '.') {
                return Match(pattern + 1, name + 1);
            }
            return !*name && Match(pattern + 1, name);
        }
        if (!*name) {
            return false;
        }
        if (p == '?') {
            pattern++;
            name += CharLength(name);
            continue;
        }
        if (Fold(p) != Fold(*name)) {
            return false;
        }
        pattern++;
        name++;
    }
}

/* A name Windows could have: valid UTF-8 (a name in another encoding could
 * not be opened by the name listed), none of NTFS's forbidden characters,
 * at most 255 UTF-16 units. */
static bool WindowsName(const char *name)
{
    size_t units = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p < 0x20 || strchr("\\:*?\"<>|", *p)) {
            return false;
        }
        if (*p >= 0x80) {
            size_t n = *p >= 0xF0 && *p < 0xF5   ? 4
                       : *p >= 0xE0 && *p < 0xF0 ? 3
                       : *p >= 0xC2 && *p < 0xE0 ? 2
                                                 : 0;
            if (n == 0) {
                return false;
            }
            for (size_t i = 1; i < n; i++) {
                if ((p[i] & 0xC0) != 0x80) {
                    return false;
                }
            }
            units += n == 4 ? 2 : 1;
            p += n - 1;
            continue;
        }
        units++;
    }
    return units <= 255;
}

static int CompareEntries(const void *a, const void *b)
{
    const char *x = ((const IOP_DIRECTORY_ENTRY *)a)->Name;
    const char *y = ((const IOP_DIRECTORY_ENTRY *)b)->Name;
    /* `.` and `..` first, then the upcased order. */
    bool xd = !strcmp(x, ".") || !strcmp(x, ".."), yd = !strcmp(y, ".") || !strcmp(y, "..");
    if (xd != yd) {
        return xd ? -1 : 1;
    }
    for (; *x && Fold(*x) == Fold(*y); x++, y++) {
    }
    return (unsigned char)Fold(*x) - (unsigned char)Fold(*y);
}

static void FreeEntries(IO_FILE_OBJECT *file)
{
    for (uint32_t i = 0; i < file->EntryCount; i++) {
        free(file->Entries[i].Name);
    }
    free(file->Entries);
    file->Entries = NULL;
    file->EntryCount = file->NextEntry = 0;
}

static NTSTATUS ReadNames(IO_FILE_OBJECT *file)
{
    FreeEntries(file);
    if (file->Fcb->Virtual) {
        /* The overlay's own directory. */
        NTSTATUS status = IopAddSystemEntries(file);
        if (file->EntryCount) {
            qsort(file->Entries, file->EntryCount, sizeof *file->Entries, CompareEntries);
        }
        return status;
    }
    int fd = IopOpenBeneath(file->Volume, file->Fcb->Path, O_RDONLY | O_DIRECTORY, 0);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        int error = errno;
        if (fd >= 0) {
            close(fd);
        }
        return IopErrnoToStatus(error);
    }
    uint32_t capacity = 0;
    bool root = !*file->Fcb->Path;
    struct dirent *e;
    NTSTATUS status = STATUS_SUCCESS;
    while ((e = readdir(d))) {
        bool dots = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
        if ((dots && root) || !WindowsName(e->d_name)) {
            continue;
        }
        if (file->EntryCount == capacity) {
            capacity = capacity ? capacity * 2 : 64;
            IOP_DIRECTORY_ENTRY *entries = realloc(file->Entries, capacity * sizeof *entries);
            if (!entries) {
                status = STATUS_NO_MEMORY;
                break;
            }
            file->Entries = entries;
        }
        char *name = strdup(e->d_name);
        if (!name) {
            status = STATUS_NO_MEMORY;
            break;
        }
        file->Entries[file->EntryCount++] = (IOP_DIRECTORY_ENTRY){name, 0, 0};
    }
    closedir(d);
    if (status == STATUS_SUCCESS) {
        status = IopAddSystemEntries(file); /* C:\Windows, system32's DLLs */
    }
    if (file->EntryCount) {
        qsort(file->Entries, file->EntryCount, sizeof *file->Entries, CompareEntries);
    }
    return status;
}

/* The entry's host metadata: through the link if it stays beneath the root,
 * else the link itself (a link that leads out shows nothing of its target). */
static bool StatEntry(IO_FILE_OBJECT *file, const char *name, struct stat *st)
{
    const char *dir = file->Fcb->Path;
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n);
    if (!path) {
        return false;
    }
    if (!strcmp(name, ".") || !strcmp(name, "..")) {
        /* `..` is never followed on the host: its times are the directory's. */
        strcpy(path, dir);
    } else {
        strcpy(path, dir);
        if (*dir) {
            strcat(path, "/");
        }
        strcat(path, name);
    }
    int fd = IopOpenBeneath(file->Volume, path, O_PATH, 0);
    bool ok;
    if (fd >= 0) {
        ok = fstat(fd, st) == 0;
        close(fd);
    } else {
        int parent = IopOpenBeneath(file->Volume, dir, O_PATH | O_DIRECTORY, 0);
        ok = parent >= 0 && fstatat(parent, name, st, AT_SYMLINK_NOFOLLOW) == 0;
        if (parent >= 0) {
            close(parent);
        }
    }
    free(path);
    return ok;
}

/* Bytes before the name, per class, and where the name's length goes. */
static bool ClassLayout(uint32_t class, uint32_t *fixed, uint32_t *length_at)
{
    switch (class) {
    case FileDirectoryInformation: *fixed = 64; *length_at = 60; return true;
    case FileFullDirectoryInformation: *fixed = 68; *length_at = 60; return true;
    case FileBothDirectoryInformation: *fixed = 94; *length_at = 60; return true;
    case FileIdBothDirectoryInformation: *fixed = 104; *length_at = 60; return true;
    case FileIdFullDirectoryInformation: *fixed = 80; *length_at = 60; return true;
    case FileNamesInformation: *fixed = 12; *length_at = 8; return true;
    default: return false;
    }
}

NTSTATUS IoQueryDirectory(EX_FILE *base, uint32_t class, void *buffer, uint32_t length,
                          const char *pattern, bool single, bool restart, uint32_t *returned)
{
    IO_FILE_OBJECT *file = IopFileObject(base);
    uint32_t fixed, length_at;
    *returned = 0;
    /* Classes NTFS answers only for its $ObjId, $Quota and $Reparse
     * indexes: a buffer their structure fits is STATUS_INVALID_INFO_CLASS
     * on a directory (Wine's ntdll directory.c:415-443, run on Windows). */
    uint32_t index_size = class == FileObjectIdInformation       ? 72
                        : class == FileQuotaInformation          ? 56
                        : class == FileReparsePointInformation   ? 16
                                                                 : 0;
    if (index_size) {
        return length < index_size ? STATUS_INFO_LENGTH_MISMATCH : STATUS_INVALID_INFO_CLASS;
    }
    if (!ClassLayout(class, &fixed, &length_at)) {
        return STATUS_INVALID_INFO_CLASS;
    }
    /* Room for one character of a name at least, in whole 8-byte units
     * (Wine's ntdll directory.c:396-420). */
    if (length < ((fixed + 2 + 7) & ~7u)) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    if (file->Device != IopDisk || !file->Fcb->Directory) {
        return STATUS_INVALID_PARAMETER;
    }
    if (!(base->Access & FILE_LIST_DIRECTORY)) {
        return STATUS_ACCESS_DENIED;
    }
    bool never = !file->Enumerated; /* the handle's first query: nothing is STATUS_NO_SUCH_FILE */
    bool first = never || restart;
    if (first) {
        /* The pattern is the first query's (or a restart's), kept after. */
        if (!file->Enumerated || pattern) {
            free(file->Pattern);
            file->Pattern = pattern ? strdup(pattern) : NULL;
        }
        NTSTATUS status = ReadNames(file);
        if (status != STATUS_SUCCESS) {
            return status;
        }
        file->Enumerated = true;
    }
    uint8_t *out = buffer;
    uint32_t used = 0, previous = 0;
    bool any = false;
    NTSTATUS status = STATUS_SUCCESS;
    while (file->NextEntry < file->EntryCount) {
        IOP_DIRECTORY_ENTRY *entry = &file->Entries[file->NextEntry];
        if (file->Pattern && !Match(file->Pattern, entry->Name)) {
            file->NextEntry++;
            continue;
        }
        struct stat st;
        if (entry->Overlay ? !IopStatSystemEntry(file, entry, &st)
                           : !StatEntry(file, entry->Name, &st)) {
            file->NextEntry++; /* gone since the snapshot */
            continue;
        }
        uint16_t wide[512];
        uint32_t units = IoUtf8ToUtf16(entry->Name, wide, 512);
        uint32_t name_units = units; /* FileNameLength: the whole name's, even cut short */
        uint32_t at = (used + 7) & ~7u;
        uint32_t need = fixed + 2 * units;
        if (any && at + need > length) {
            break; /* the rest next time */
        }
        if (!any && need > length) {
            /* Not even the first name fits: what does, and the caller asks again. */
            status = STATUS_BUFFER_OVERFLOW;
            units = (length - fixed) / 2;
            need = fixed + 2 * units;
            at = 0;
        }
        uint8_t *p = out + at;
        memset(p, 0, fixed);
        if (class != FileNamesInformation) {
            uint64_t times[4];
            IopTimes(&st, times);
            for (int i = 0; i < 4; i++) {
                IopPut64(p + 8 + 8 * i, times[i]);
            }
            IopPut64(p + 40, S_ISDIR(st.st_mode) ? 0 : (uint64_t)st.st_size);
            IopPut64(p + 48, IopAllocationSize(&st));
            IopPut32(p + 56, IopAttributes(&st, entry->Name));
        }
        if (class == FileIdBothDirectoryInformation) {
            IopPut64(p + 96, (uint64_t)st.st_ino);
        } else if (class == FileIdFullDirectoryInformation) {
            IopPut64(p + 72, (uint64_t)st.st_ino); /* after EaSize (64) and its padding */
        }
        IopPut32(p + length_at, 2 * name_units);
        for (uint32_t i = 0; i < units; i++) {
            IopPut16(p + fixed + 2 * i, wide[i]);
        }
        if (any) {
            IopPut32(out + previous, at - previous);
        }
        previous = at;
        used = at + need;
        any = true;
        if (status == STATUS_BUFFER_OVERFLOW) {
            break;
        }
        file->NextEntry++;
        if (single) {
            break;
        }
    }
    *returned = used;
    if (!any) {
        /* A restart that finds nothing is the end of the listing again
         * (Wine's ntdll directory.c:586, 721). */
        return never ? STATUS_NO_SUCH_FILE : STATUS_NO_MORE_FILES;
    }
    return status;
}
