/*
 * _stat, _fstat and their 32/64-bit variants, _access, and the directory
 * calls, as msvcrt computes them: st_mode from the attributes (read-only
 * drops the write bits, directories and .exe/.com/.bat/.cmd get the execute
 * bits, user bits copied to group and other), st_dev the drive number for a
 * path and the descriptor for _fstat, times as seconds since 1970.
 */
#include "msvcrt/crt.h"

#define EPOCH_DIFFERENCE 116444736000000000ll

typedef struct STAT_INFO {
    unsigned int Dev;
    unsigned short Mode;
    LONGLONG Size;
    LONGLONG Atime, Mtime, Ctime;
} STAT_INFO;

static LONGLONG UnixTime(const FILETIME *ft)
{
    LONGLONG t = ((LONGLONG)ft->dwHighDateTime << 32) | ft->dwLowDateTime;
    if (t == 0) {
        return -1;
    }
    return (t - EPOCH_DIFFERENCE) / 10000000;
}

static unsigned short SpreadMode(unsigned short mode)
{
    return (unsigned short)(mode | ((mode & 0700) >> 3) | ((mode & 0700) >> 6));
}

static int HasSuffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), m = strlen(suffix);
    return n >= m && _stricmp(name + n - m, suffix) == 0;
}

static void FillFromAttributes(STAT_INFO *info, const WIN32_FILE_ATTRIBUTE_DATA *data, const char *name)
{
    unsigned short mode = (data->dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) ? _S_IFDIR | _S_IEXEC : _S_IFREG;
    mode |= (data->dwFileAttributes & FILE_ATTRIBUTE_READONLY) ? _S_IREAD : _S_IREAD | _S_IWRITE;
    if (name && (HasSuffix(name, ".exe") || HasSuffix(name, ".com") || HasSuffix(name, ".bat") ||
                 HasSuffix(name, ".cmd"))) {
        mode |= _S_IEXEC;
    }
    info->Mode = SpreadMode(mode);
    info->Size = ((LONGLONG)data->nFileSizeHigh << 32) | data->nFileSizeLow;
    info->Mtime = UnixTime(&data->ftLastWriteTime);
    info->Atime = UnixTime(&data->ftLastAccessTime);
    info->Ctime = UnixTime(&data->ftCreationTime);
    if (info->Atime == -1) {
        info->Atime = info->Mtime;
    }
    if (info->Ctime == -1) {
        info->Ctime = info->Mtime;
    }
}

/* The drive a path names: 2 for C:, and C: (the only drive) when none. */
static unsigned int DriveOf(const char *path)
{
    if (((path[0] | 32) >= 'a' && (path[0] | 32) <= 'z') && path[1] == ':') {
        return (unsigned int)((path[0] | 32) - 'a');
    }
    return 2;
}

static int StatPath(const char *path, STAT_INFO *info)
{
    if (!path) {
        return CrtSetErrno(EINVAL, 0);
    }
    /* Wildcards name no one file. */
    if (strpbrk(path, "?*")) {
        return CrtSetErrno(ENOENT, ERROR_FILE_NOT_FOUND);
    }
    WIN32_FILE_ATTRIBUTE_DATA data;
    if (!GetFileAttributesExA(path, 0, &data)) {
        _dosmaperr(GetLastError());
        return -1;
    }
    FillFromAttributes(info, &data, path);
    info->Dev = DriveOf(path);
    return 0;
}

static int StatPathW(const WCHAR *path, STAT_INFO *info)
{
    char narrow[520];
    if (!path) {
        return CrtSetErrno(EINVAL, 0);
    }
    for (const WCHAR *p = path; *p; p++) {
        if (*p == '?' || *p == '*') {
            return CrtSetErrno(ENOENT, ERROR_FILE_NOT_FOUND);
        }
    }
    WIN32_FILE_ATTRIBUTE_DATA data;
    if (!GetFileAttributesExW(path, 0, &data)) {
        _dosmaperr(GetLastError());
        return -1;
    }
    int n = WideCharToMultiByte(CP_ACP, 0, path, -1, narrow, sizeof narrow, NULL, NULL);
    FillFromAttributes(info, &data, n > 0 ? narrow : NULL);
    info->Dev = n > 0 ? DriveOf(narrow) : 2;
    return 0;
}

static int StatFd(int fd, STAT_INFO *info)
{
    intptr_t h = _get_osfhandle(fd);
    if (h == -1) {
        return -1;
    }
    memset(info, 0, sizeof *info);
    info->Dev = (unsigned int)fd;
    DWORD type = GetFileType((HANDLE)h);
    if (type == FILE_TYPE_CHAR || type == FILE_TYPE_PIPE) {
        info->Mode = type == FILE_TYPE_CHAR ? _S_IFCHR : _S_IFIFO;
        return 0;
    }
    if (type != FILE_TYPE_DISK) {
        return CrtSetErrno(EBADF, GetLastError());
    }
    BY_HANDLE_FILE_INFORMATION bhfi;
    if (!GetFileInformationByHandle((HANDLE)h, &bhfi)) {
        _dosmaperr(GetLastError());
        return -1;
    }
    WIN32_FILE_ATTRIBUTE_DATA data = {bhfi.dwFileAttributes, bhfi.ftCreationTime, bhfi.ftLastAccessTime,
                                      bhfi.ftLastWriteTime, bhfi.nFileSizeHigh, bhfi.nFileSizeLow};
    data.dwFileAttributes &= ~FILE_ATTRIBUTE_DIRECTORY;
    FillFromAttributes(info, &data, NULL);
    info->Dev = (unsigned int)fd;
    return 0;
}


#define FILL_HEAD(out, info)                                                                       \
    do {                                                                                           \
        memset((out), 0, sizeof *(out));                                                           \
        (out)->st_dev = (out)->st_rdev = (info)->Dev;                                              \
        (out)->st_mode = (info)->Mode;                                                             \
        (out)->st_nlink = 1;                                                                       \
        (out)->st_size = (info)->Size;                                                             \
        (out)->st_atime = (info)->Atime;                                                           \
        (out)->st_mtime = (info)->Mtime;                                                           \
        (out)->st_ctime = (info)->Ctime;                                                           \
    } while (0)

/* The 32-bit size variants refuse a file of 2 GiB or more. */
#define STAT_FUNCTION(name, arg_type, getter, type, narrow)                                        \
    int CDECL name(arg_type arg, type *out)                                                        \
    {                                                                                              \
        STAT_INFO info;                                                                            \
        if (getter(arg, &info) < 0) {                                                              \
            return -1;                                                                             \
        }                                                                                          \
        if ((narrow) && info.Size > 0x7FFFFFFF) {                                                  \
            return CrtSetErrno(EOVERFLOW_MSVCRT, 0);                                               \
        }                                                                                          \
        FILL_HEAD(out, &info);                                                                     \
        return 0;                                                                                  \
    }

#define EOVERFLOW_MSVCRT EFBIG

STAT_FUNCTION(_stat, const char *, StatPath, STAT32, 1)
STAT_FUNCTION(_stat32, const char *, StatPath, STAT32, 1)
STAT_FUNCTION(_stati64, const char *, StatPath, STAT32I64, 0)
STAT_FUNCTION(_stat32i64, const char *, StatPath, STAT32I64, 0)
STAT_FUNCTION(_stat64i32, const char *, StatPath, STAT64I32, 1)
STAT_FUNCTION(_stat64, const char *, StatPath, STAT64, 0)
STAT_FUNCTION(_wstat, const WCHAR *, StatPathW, STAT32, 1)
STAT_FUNCTION(_wstat32, const WCHAR *, StatPathW, STAT32, 1)
STAT_FUNCTION(_wstati64, const WCHAR *, StatPathW, STAT32I64, 0)
STAT_FUNCTION(_wstat32i64, const WCHAR *, StatPathW, STAT32I64, 0)
STAT_FUNCTION(_wstat64i32, const WCHAR *, StatPathW, STAT64I32, 1)
STAT_FUNCTION(_wstat64, const WCHAR *, StatPathW, STAT64, 0)
STAT_FUNCTION(_fstat, int, StatFd, STAT32, 1)
STAT_FUNCTION(_fstat32, int, StatFd, STAT32, 1)
STAT_FUNCTION(_fstati64, int, StatFd, STAT32I64, 0)
STAT_FUNCTION(_fstat32i64, int, StatFd, STAT32I64, 0)
STAT_FUNCTION(_fstat64i32, int, StatFd, STAT64I32, 1)
STAT_FUNCTION(_fstat64, int, StatFd, STAT64, 0)

/* _access: 0 exists, 2 writable, 4 readable, 6 both; read-only files
 * refuse 2 with EACCES. */
static int CheckAccess(DWORD attributes, int mode)
{
    if (attributes == INVALID_FILE_ATTRIBUTES) {
        _dosmaperr(GetLastError());
        return -1;
    }
    if ((mode & 2) && (attributes & FILE_ATTRIBUTE_READONLY) && !(attributes & FILE_ATTRIBUTE_DIRECTORY)) {
        return CrtSetErrno(EACCES, 0);
    }
    return 0;
}

int CDECL _access(const char *path, int mode)
{
    if (!path || (mode & ~6)) {
        return CrtSetErrno(EINVAL, 0);
    }
    return CheckAccess(GetFileAttributesA(path), mode);
}

int CDECL _waccess(const WCHAR *path, int mode)
{
    if (!path || (mode & ~6)) {
        return CrtSetErrno(EINVAL, 0);
    }
    return CheckAccess(GetFileAttributesW(path), mode);
}
