/*
 * Path names and drives: _splitpath/_makepath (narrow and wide) as
 * msvcrt.dll splits and joins (Microsoft's docs: the drive is a letter and
 * colon, the directory runs to the last '/' or '\', the extension from the
 * file name's last '.'; _makepath adds the ':' after a drive letter, a '\'
 * after a directory that lacks one, a '.' before an extension that lacks
 * one), the drives (_getdrive, _chdrive, _getdrives, _getdcwd) and
 * _searchenv, which looks in the current directory and then in each
 * directory an environment variable lists.
 */
#include "msvcrt/crtfill.h"

#define ERROR_INVALID_DRIVE 15

/* One body for both widths: T the character type, N the length. */
#define SPLITPATH(T)                                                                               \
    if (drive) {                                                                                   \
        drive[0] = 0;                                                                              \
    }                                                                                              \
    if (path[0] && path[1] == ':') {                                                               \
        if (drive) {                                                                               \
            drive[0] = path[0];                                                                    \
            drive[1] = ':';                                                                        \
            drive[2] = 0;                                                                          \
        }                                                                                          \
        path += 2;                                                                                 \
    }                                                                                              \
    const T *name = path;                                                                          \
    for (const T *p = path; *p; p++) {                                                             \
        if (*p == '/' || *p == '\\') {                                                             \
            name = p + 1;                                                                          \
        }                                                                                          \
    }                                                                                              \
    if (dir) {                                                                                     \
        memcpy(dir, path, (size_t)(name - path) * sizeof(T));                                      \
        dir[name - path] = 0;                                                                      \
    }                                                                                              \
    const T *dot = NULL, *end = name;                                                              \
    for (; *end; end++) {                                                                          \
        if (*end == '.') {                                                                         \
            dot = end;                                                                             \
        }                                                                                          \
    }                                                                                              \
    if (!dot) {                                                                                    \
        dot = end;                                                                                 \
    }                                                                                              \
    if (fname) {                                                                                   \
        memcpy(fname, name, (size_t)(dot - name) * sizeof(T));                                     \
        fname[dot - name] = 0;                                                                     \
    }                                                                                              \
    if (ext) {                                                                                     \
        memcpy(ext, dot, ((size_t)(end - dot) + 1) * sizeof(T));                                  \
    }

void CDECL _splitpath(const char *path, char *drive, char *dir, char *fname, char *ext) { SPLITPATH(char) }
void CDECL _wsplitpath(const WCHAR *path, WCHAR *drive, WCHAR *dir, WCHAR *fname, WCHAR *ext) { SPLITPATH(WCHAR) }

#define MAKEPATH(T, N)                                                                             \
    T *p = path;                                                                                   \
    if (drive && drive[0]) {                                                                       \
        *p++ = drive[0];                                                                           \
        *p++ = ':';                                                                                \
    }                                                                                              \
    if (dir && dir[0]) {                                                                           \
        size_t n = N(dir);                                                                         \
        memmove(p, dir, n * sizeof(T));                                                            \
        p += n;                                                                                    \
        if (p[-1] != '/' && p[-1] != '\\') {                                                       \
            *p++ = '\\';                                                                           \
        }                                                                                          \
    }                                                                                              \
    if (fname && fname[0]) {                                                                       \
        size_t n = N(fname);                                                                       \
        memmove(p, fname, n * sizeof(T));                                                          \
        p += n;                                                                                    \
    }                                                                                              \
    if (ext && ext[0]) {                                                                           \
        if (ext[0] != '.') {                                                                       \
            *p++ = '.';                                                                            \
        }                                                                                          \
        size_t n = N(ext);                                                                         \
        memmove(p, ext, n * sizeof(T));                                                            \
        p += n;                                                                                    \
    }                                                                                              \
    *p = 0;

void CDECL _makepath(char *path, const char *drive, const char *dir, const char *fname, const char *ext) { MAKEPATH(char, strlen) }
void CDECL _wmakepath(WCHAR *path, const WCHAR *drive, const WCHAR *dir, const WCHAR *fname, const WCHAR *ext) { MAKEPATH(WCHAR, wcslen) }

/* ---------------------------------------------------------- drives */
/* The current drive, 1 for A:, 0 when the directory is not on a drive. */
int CDECL _getdrive(void)
{
    char cwd[260];
    DWORD n = GetCurrentDirectoryA(sizeof cwd, cwd);
    if (n >= 2 && n < sizeof cwd && cwd[1] == ':') {
        int letter = cwd[0] & ~0x20;
        return letter >= 'A' && letter <= 'Z' ? letter - 'A' + 1 : 0;
    }
    return 0;
}

unsigned long CDECL _getdrives(void) { return GetLogicalDrives(); }

/* _chdrive: that drive's current directory becomes the process's; -1
 * with EACCES for a drive that does not exist. */
int CDECL _chdrive(int drive)
{
    char root[3] = {(char)('A' + drive - 1), ':', 0};
    if (drive < 1 || drive > 26 || !SetCurrentDirectoryA(root)) {
        CrtSetErrno(EACCES, ERROR_INVALID_DRIVE);
        return -1;
    }
    return 0;
}

/* _getdcwd: the current directory of a drive (0: the current drive's),
 * into buffer, or a malloc'd one of at least size when buffer is NULL;
 * NULL with EACCES for a drive that does not exist, ERANGE when it does
 * not fit. */
char *CDECL _getdcwd(int drive, char *buffer, int size)
{
    if (drive == 0 || drive == _getdrive()) {
        return _getcwd(buffer, size);
    }
    if (drive < 1 || drive > 26 || !(GetLogicalDrives() & (1u << (drive - 1)))) {
        CrtSetErrno(EACCES, ERROR_INVALID_DRIVE);
        return NULL;
    }
    char relative[4] = {(char)('A' + drive - 1), ':', '.', 0};
    char full[260];
    DWORD n = GetFullPathNameA(relative, sizeof full, full, NULL);
    if (!n || n >= sizeof full) {
        _dosmaperr(GetLastError());
        return NULL;
    }
    if (!buffer) {
        size_t room = (size_t)size > n + 1 ? (size_t)size : n + 1;
        buffer = malloc(room);
        if (!buffer) {
            CrtSetErrno(ENOMEM, ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
    } else if ((int)n + 1 > size) {
        CrtSetErrno(ERANGE, 0);
        return NULL;
    }
    memcpy(buffer, full, n + 1);
    return buffer;
}

/* ---------------------------------------------------------- _searchenv */
/* The file as named if it exists from the current directory (its full
 * path), else the first directory of the variable's ';'-separated list
 * that has it, joined as written: a '\\' added if the entry lacks one, no
 * normalizing (C:\\\\dir stays doubled). Quotes in an entry are dropped,
 * and a ';' between quotes is part of it (Wine's msvcrt tests dir.c,
 * test_search_environment). "" with ENOENT if none has it. */
void CDECL _wsearchenv(const WCHAR *file, const WCHAR *variable, WCHAR *out)
{
    out[0] = 0;
    if (GetFileAttributesW(file) != INVALID_FILE_ATTRIBUTES) {
        if (!_wfullpath(out, file, 260)) {
            out[0] = 0;
        }
        return;
    }
    const WCHAR *list = _wgetenv(variable);
    size_t file_length = wcslen(file);
    while (list && *list) {
        WCHAR candidate[520];
        size_t n = 0;
        int quoted = 0, fits = 1;
        for (; *list && (quoted || *list != ';'); list++) {
            if (*list == '"') {
                quoted = !quoted;
            } else if (n < 259) {
                candidate[n++] = *list;
            } else {
                fits = 0;
            }
        }
        if (*list == ';') {
            list++;
        }
        if (!n || !fits) {
            continue;
        }
        if (candidate[n - 1] != '\\' && candidate[n - 1] != '/') {
            candidate[n++] = '\\';
        }
        if (n + file_length + 1 > 260) {
            continue;
        }
        memcpy(candidate + n, file, (file_length + 1) * sizeof(WCHAR));
        if (GetFileAttributesW(candidate) != INVALID_FILE_ATTRIBUTES) {
            memcpy(out, candidate, (n + file_length + 1) * sizeof(WCHAR));
            return;
        }
    }
    CrtSetErrno(ENOENT, 0);
}

/* The narrow form is the wide one's answer in the ANSI code page (getenv
 * and _wgetenv read one environment, kept in step by _putenv). */
void CDECL _searchenv(const char *file, const char *variable, char *out)
{
    WCHAR wide_file[260], wide_variable[260], found[260];
    out[0] = 0;
    if (!MultiByteToWideChar(CP_ACP, 0, file, -1, wide_file, 260) ||
        !MultiByteToWideChar(CP_ACP, 0, variable, -1, wide_variable, 260)) {
        CrtSetErrno(ENOENT, 0);
        return;
    }
    _wsearchenv(wide_file, wide_variable, found);
    if (found[0] && !WideCharToMultiByte(CP_ACP, 0, found, -1, out, 260, NULL, NULL)) {
        out[0] = 0;
        CrtSetErrno(ENOENT, 0);
    }
}

/* _wgetdcwd: _getdcwd's answer, wide. */
WCHAR *CDECL _wgetdcwd(int drive, WCHAR *buffer, int size)
{
    if (drive == 0 || drive == _getdrive()) {
        return _wgetcwd(buffer, size);
    }
    if (drive < 1 || drive > 26 || !(GetLogicalDrives() & (1u << (drive - 1)))) {
        CrtSetErrno(EACCES, ERROR_INVALID_DRIVE);
        return NULL;
    }
    WCHAR relative[4] = {(WCHAR)('A' + drive - 1), ':', '.', 0};
    WCHAR full[260];
    DWORD n = GetFullPathNameW(relative, 260, full, NULL);
    if (!n || n >= 260) {
        _dosmaperr(GetLastError());
        return NULL;
    }
    if (!buffer) {
        size_t room = (size_t)size > n + 1 ? (size_t)size : n + 1;
        buffer = malloc(room * sizeof(WCHAR));
        if (!buffer) {
            CrtSetErrno(ENOMEM, ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
    } else if ((int)n + 1 > size) {
        CrtSetErrno(ERANGE, 0);
        return NULL;
    }
    memcpy(buffer, full, (n + 1) * sizeof(WCHAR));
    return buffer;
}
