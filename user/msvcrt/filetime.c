/*
 * A file's length and times by descriptor or name (_filelength, _utime,
 * _futime and their wide and 64-bit forms), the wide _fullpath and the
 * wide _findfirst family: the Win32 calls msvcrt makes, with errno from
 * _dosmaperr. libstdc++'s std::filesystem imports them.
 */
#include "msvcrt/crt.h"

#define EPOCH_DIFFERENCE 116444736000000000ll
#define FILE_WRITE_ATTRIBUTES 0x100u
#define FILE_FLAG_BACKUP_SEMANTICS 0x02000000u
#define FIND_ATTRIBUTES 0x37   /* read-only, hidden, system, directory, archive */
#define ERROR_NO_MORE_FILES 18
#define ERROR_INVALID_NAME 123

/* ------------------------------------------------------------ _filelength */
LONGLONG CDECL _filelengthi64(int fd)
{
    LONGLONG here = _lseeki64(fd, 0, SEEK_CUR);
    if (here == -1) {
        return -1;
    }
    LONGLONG end = _lseeki64(fd, 0, SEEK_END);
    if (end != here) {
        _lseeki64(fd, here, SEEK_SET);
    }
    return end;
}

long CDECL _filelength(int fd)
{
    LONGLONG n = _filelengthi64(fd);
    if (n > 0x7FFFFFFF) {
        return CrtSetErrno(EINVAL, 0);
    }
    return (long)n;
}

/* ------------------------------------------------------------ _utime */
typedef struct { long actime, modtime; } UTIMBUF32;
typedef struct { LONGLONG actime, modtime; } UTIMBUF64;

static FILETIME UnixToFileTime(LONGLONG t)
{
    ULONGLONG v = (ULONGLONG)(t * 10000000 + EPOCH_DIFFERENCE);
    FILETIME ft = {(DWORD)v, (DWORD)(v >> 32)};
    return ft;
}

/* Sets the access and write times (NULL: both now); a time before 1970 is EINVAL. */
static int SetTimes(HANDLE h, LONGLONG access, LONGLONG write, int now)
{
    FILETIME a, w;
    if (now) {
        GetSystemTimeAsFileTime(&a);
        w = a;
    } else {
        if (access < 0 || write < 0) {
            return CrtSetErrno(EINVAL, 0);
        }
        a = UnixToFileTime(access);
        w = UnixToFileTime(write);
    }
    if (!SetFileTime(h, NULL, &a, &w)) {
        _dosmaperr(GetLastError());
        return -1;
    }
    return 0;
}

static int FdTimes(int fd, LONGLONG access, LONGLONG write, int now)
{
    HANDLE h = (HANDLE)_get_osfhandle(fd);
    if (h == INVALID_HANDLE_VALUE) {
        return -1;   /* errno is EBADF */
    }
    return SetTimes(h, access, write, now);
}

static int PathTimes(const char *path, const WCHAR *wpath, LONGLONG access, LONGLONG write, int now)
{
    HANDLE h = wpath ? CreateFileW(wpath, FILE_WRITE_ATTRIBUTES, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                                   OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL)
                     : CreateFileA(path, FILE_WRITE_ATTRIBUTES, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                                   OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        _dosmaperr(GetLastError());
        return -1;
    }
    int result = SetTimes(h, access, write, now);
    CloseHandle(h);
    return result;
}

#define UTIME_FUNCTIONS(utime, wutime, futime, type)                                               \
    int CDECL utime(const char *path, type *t);                                                    \
    int CDECL wutime(const WCHAR *path, type *t);                                                  \
    int CDECL futime(int fd, type *t);                                                             \
    int CDECL utime(const char *path, type *t)                                                     \
    {                                                                                              \
        return PathTimes(path, NULL, t ? t->actime : 0, t ? t->modtime : 0, !t);                   \
    }                                                                                              \
    int CDECL wutime(const WCHAR *path, type *t)                                                   \
    {                                                                                              \
        return PathTimes(NULL, path, t ? t->actime : 0, t ? t->modtime : 0, !t);                   \
    }                                                                                              \
    int CDECL futime(int fd, type *t)                                                              \
    {                                                                                              \
        return FdTimes(fd, t ? t->actime : 0, t ? t->modtime : 0, !t);                             \
    }

UTIME_FUNCTIONS(_utime, _wutime, _futime, UTIMBUF32)
UTIME_FUNCTIONS(_utime32, _wutime32, _futime32, UTIMBUF32)
UTIME_FUNCTIONS(_utime64, _wutime64, _futime64, UTIMBUF64)

/* ------------------------------------------------------------ _wfullpath */
WCHAR *CDECL _wfullpath(WCHAR *out, const WCHAR *path, size_t size)
{
    WCHAR full[1024];
    if (!path || !*path) {
        return _wgetcwd(out, (int)size);
    }
    DWORD n = GetFullPathNameW(path, 1024, full, NULL);
    if (n == 0 || n >= 1024) {
        _dosmaperr(GetLastError());
        return NULL;
    }
    if (!out) {
        out = malloc((n + 1 > size ? n + 1 : size) * sizeof(WCHAR));
        if (!out) {
            CrtSetErrno(ENOMEM, 0);
            return NULL;
        }
    } else if (n + 1 > size) {
        CrtSetErrno(ERANGE, 0);
        return NULL;
    }
    memcpy(out, full, (n + 1) * sizeof(WCHAR));
    return out;
}

/* ------------------------------------------------------------ _wfindfirst */
typedef struct { unsigned attrib; long time_create, time_access, time_write; unsigned long size; WCHAR name[260]; } WFINDDATA32;
typedef struct { unsigned attrib; long time_create, time_access, time_write; LONGLONG size; WCHAR name[260]; } WFINDDATA32I64;
typedef struct { unsigned attrib; LONGLONG time_create, time_access, time_write; LONGLONG size; WCHAR name[260]; } WFINDDATA64;
typedef struct { unsigned attrib; LONGLONG time_create, time_access, time_write; unsigned long size; WCHAR name[260]; } WFINDDATA64I32;

static LONGLONG UnixTime(const FILETIME *ft)
{
    LONGLONG t = ((LONGLONG)ft->dwHighDateTime << 32) | ft->dwLowDateTime;
    return t ? (t - EPOCH_DIFFERENCE) / 10000000 : -1;
}

#define FILL_FIND(out, w)                                                                          \
    do {                                                                                           \
        (out)->attrib = (w)->dwFileAttributes & FIND_ATTRIBUTES;                                   \
        (out)->time_create = UnixTime(&(w)->ftCreationTime);                                       \
        (out)->time_access = UnixTime(&(w)->ftLastAccessTime);                                     \
        (out)->time_write = UnixTime(&(w)->ftLastWriteTime);                                       \
        (out)->size = ((LONGLONG)(w)->nFileSizeHigh << 32) | (w)->nFileSizeLow;                    \
        memcpy((out)->name, (w)->cFileName, sizeof (out)->name);                                   \
    } while (0)

/* The errno msvcrt gives, as the narrow _findfirst (dir.c). */
static intptr_t FindFirst(const WCHAR *pattern, WIN32_FIND_DATAW *w)
{
    HANDLE h = FindFirstFileW(pattern, w);
    if (h == INVALID_HANDLE_VALUE) {
        DWORD error = GetLastError();
        if (error == ERROR_FILE_NOT_FOUND || error == ERROR_PATH_NOT_FOUND || error == ERROR_NO_MORE_FILES) {
            CrtSetErrno(ENOENT, error);
        } else if (error == ERROR_INVALID_NAME) {
            CrtSetErrno(EINVAL, error);
        } else {
            CrtSetErrno(ENOMEM, error);
        }
        return -1;
    }
    return (intptr_t)h;
}

static int FindNext(intptr_t handle, WIN32_FIND_DATAW *w)
{
    if (!FindNextFileW((HANDLE)handle, w)) {
        DWORD error = GetLastError();
        CrtSetErrno(error == ERROR_NO_MORE_FILES ? ENOENT : error == ERROR_INVALID_HANDLE ? EINVAL : ENOMEM, error);
        return -1;
    }
    return 0;
}

#define WFIND_FUNCTIONS(first, next, type)                                                         \
    intptr_t CDECL first(const WCHAR *pattern, type *out);                                         \
    int CDECL next(intptr_t handle, type *out);                                                    \
    intptr_t CDECL first(const WCHAR *pattern, type *out)                                          \
    {                                                                                              \
        WIN32_FIND_DATAW w;                                                                        \
        intptr_t h = FindFirst(pattern, &w);                                                       \
        if (h != -1) {                                                                             \
            FILL_FIND(out, &w);                                                                    \
        }                                                                                          \
        return h;                                                                                  \
    }                                                                                              \
    int CDECL next(intptr_t handle, type *out)                                                     \
    {                                                                                              \
        WIN32_FIND_DATAW w;                                                                        \
        if (FindNext(handle, &w)) {                                                                \
            return -1;                                                                             \
        }                                                                                          \
        FILL_FIND(out, &w);                                                                        \
        return 0;                                                                                  \
    }

WFIND_FUNCTIONS(_wfindfirst, _wfindnext, WFINDDATA32)
WFIND_FUNCTIONS(_wfindfirsti64, _wfindnexti64, WFINDDATA32I64)
WFIND_FUNCTIONS(_wfindfirst64, _wfindnext64, WFINDDATA64)
WFIND_FUNCTIONS(_wfindfirst64i32, _wfindnext64i32, WFINDDATA64I32)
