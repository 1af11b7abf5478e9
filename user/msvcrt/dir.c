/*
 * Directories and names: _mkdir, _rmdir, _chdir, _getcwd, _chmod,
 * _fullpath and the _findfirst family, each the Win32 call msvcrt makes
 * with its errno from _dosmaperr.
 */
#include "msvcrt/crt.h"

#define EPOCH_DIFFERENCE 116444736000000000ll

static int Check(BOOL ok)
{
    if (!ok) {
        _dosmaperr(GetLastError());
        return -1;
    }
    return 0;
}

int CDECL _mkdir(const char *path) { return Check(CreateDirectoryA(path, NULL)); }
int CDECL _wmkdir(const WCHAR *path) { return Check(CreateDirectoryW(path, NULL)); }
int CDECL _rmdir(const char *path) { return Check(RemoveDirectoryA(path)); }
int CDECL _wrmdir(const WCHAR *path) { return Check(RemoveDirectoryW(path)); }
int CDECL _chdir(const char *path) { return Check(SetCurrentDirectoryA(path)); }
int CDECL _wchdir(const WCHAR *path) { return Check(SetCurrentDirectoryW(path)); }

/* _getcwd: into the caller's buffer, or (NULL) a malloc'd one of at least size. */
char *CDECL _getcwd(char *buffer, int size)
{
    char path[1024];
    DWORD n = GetCurrentDirectoryA(sizeof path, path);
    if (n == 0 || n >= sizeof path) {
        _dosmaperr(GetLastError());
        return NULL;
    }
    if (!buffer) {
        int want = (int)n + 1 > size ? (int)n + 1 : size;
        buffer = malloc((size_t)want);
        if (!buffer) {
            CrtSetErrno(ENOMEM, 0);
            return NULL;
        }
    } else if ((int)n + 1 > size) {
        CrtSetErrno(ERANGE, 0);
        return NULL;
    }
    memcpy(buffer, path, n + 1);
    return buffer;
}

WCHAR *CDECL _wgetcwd(WCHAR *buffer, int size)
{
    WCHAR path[1024];
    DWORD n = GetCurrentDirectoryW(1024, path);
    if (n == 0 || n >= 1024) {
        _dosmaperr(GetLastError());
        return NULL;
    }
    if (!buffer) {
        int want = (int)n + 1 > size ? (int)n + 1 : size;
        buffer = malloc((size_t)want * sizeof(WCHAR));
        if (!buffer) {
            CrtSetErrno(ENOMEM, 0);
            return NULL;
        }
    } else if ((int)n + 1 > size) {
        CrtSetErrno(ERANGE, 0);
        return NULL;
    }
    memcpy(buffer, path, (n + 1) * sizeof(WCHAR));
    return buffer;
}

/* _chmod: only the write permission means anything (read-only or not). */
static DWORD NewAttributes(DWORD attributes, int mode)
{
    return (mode & _S_IWRITE) ? attributes & ~FILE_ATTRIBUTE_READONLY : attributes | FILE_ATTRIBUTE_READONLY;
}

int CDECL _chmod(const char *path, int mode)
{
    DWORD attributes = GetFileAttributesA(path);
    if (attributes == INVALID_FILE_ATTRIBUTES) {
        return Check(FALSE);
    }
    return Check(SetFileAttributesA(path, NewAttributes(attributes, mode)));
}

int CDECL _wchmod(const WCHAR *path, int mode)
{
    DWORD attributes = GetFileAttributesW(path);
    if (attributes == INVALID_FILE_ATTRIBUTES) {
        return Check(FALSE);
    }
    return Check(SetFileAttributesW(path, NewAttributes(attributes, mode)));
}

char *CDECL _fullpath(char *out, const char *path, size_t size)
{
    char full[1024];
    if (!path || !*path) {
        return _getcwd(out, (int)size);
    }
    DWORD n = GetFullPathNameA(path, sizeof full, full, NULL);
    if (n == 0 || n >= sizeof full) {
        _dosmaperr(GetLastError());
        return NULL;
    }
    if (!out) {
        out = malloc(n + 1 > size ? n + 1 : size);
        if (!out) {
            CrtSetErrno(ENOMEM, 0);
            return NULL;
        }
    } else if (n + 1 > size) {
        CrtSetErrno(ERANGE, 0);
        return NULL;
    }
    memcpy(out, full, n + 1);
    return out;
}

/* ------------------------------------------------------------ _findfirst */
#define FIND_ATTRIBUTES 0x37   /* read-only, hidden, system, directory, archive */


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
        memcpy((out)->name, (w)->cFileName, 260);                                                  \
    } while (0)

static intptr_t FindFirst(const char *pattern, WIN32_FIND_DATAA *w)
{
    HANDLE h = FindFirstFileA(pattern, w);
    if (h == INVALID_HANDLE_VALUE) {
        DWORD error = GetLastError();
        /* msvcrt: no match is ENOENT, a bad name EINVAL, anything else ENOMEM. */
        if (error == ERROR_FILE_NOT_FOUND || error == ERROR_PATH_NOT_FOUND || error == 18) {
            CrtSetErrno(ENOENT, error);
        } else if (error == 123 /* ERROR_INVALID_NAME */) {
            CrtSetErrno(EINVAL, error);
        } else {
            CrtSetErrno(ENOMEM, error);
        }
        return -1;
    }
    return (intptr_t)h;
}

static int FindNext(intptr_t handle, WIN32_FIND_DATAA *w)
{
    if (!FindNextFileA((HANDLE)handle, w)) {
        DWORD error = GetLastError();
        CrtSetErrno(error == 18 ? ENOENT : error == ERROR_INVALID_HANDLE ? EINVAL : ENOMEM, error);
        return -1;
    }
    return 0;
}

#define FIND_FUNCTIONS(first, next, type)                                                          \
    intptr_t CDECL first(const char *pattern, type *out)                                           \
    {                                                                                              \
        WIN32_FIND_DATAA w;                                                                        \
        intptr_t h = FindFirst(pattern, &w);                                                       \
        if (h != -1) {                                                                             \
            FILL_FIND(out, &w);                                                                    \
        }                                                                                          \
        return h;                                                                                  \
    }                                                                                              \
    int CDECL next(intptr_t handle, type *out)                                                     \
    {                                                                                              \
        WIN32_FIND_DATAA w;                                                                        \
        if (FindNext(handle, &w)) {                                                                \
            return -1;                                                                             \
        }                                                                                          \
        FILL_FIND(out, &w);                                                                        \
        return 0;                                                                                  \
    }

FIND_FUNCTIONS(_findfirst, _findnext, FINDDATA32)
FIND_FUNCTIONS(_findfirsti64, _findnexti64, FINDDATA32I64)
FIND_FUNCTIONS(_findfirst64, _findnext64, FINDDATA64)
FIND_FUNCTIONS(_findfirst64i32, _findnext64i32, FINDDATA64I32)

int CDECL _findclose(intptr_t handle)
{
    if (!FindClose((HANDLE)handle)) {
        return CrtSetErrno(EINVAL, GetLastError());
    }
    return 0;
}
