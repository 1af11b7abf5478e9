/*
 * Where Windows lives, what the machine is called, and long and short
 * names. The system root is KUSER_SHARED_DATA's NtSystemRoot (C:\Windows),
 * as Windows' kernel32 reads it; the system DLLs are ntmm's own, and the
 * loader names them as if they were in its system32 (GetModuleFileName
 * says C:\Windows\system32\kernel32.dll), so the answers here agree.
 */
#include "kernel32/fileapi.h"

#define SHARED_NT_SYSTEM_ROOT ((const WCHAR *)0x7FFE0030)
#define COMPUTER_NAME L"NTMM"

/* Windows' Get*Directory convention: the length without the NUL when the
 * value and its NUL fit in length characters; else the length it needs,
 * NUL included, and nothing written. */
static UINT CopyOut(const WCHAR *value, UINT n, WCHAR *buffer, UINT length)
{
    if (!buffer || n + 1 > length) {
        return n + 1;
    }
    memcpy(buffer, value, n * sizeof(WCHAR));
    buffer[n] = 0;
    return n;
}

UINT WINAPI GetWindowsDirectoryW(WCHAR *buffer, UINT length)
{
    return CopyOut(SHARED_NT_SYSTEM_ROOT, wcslen(SHARED_NT_SYSTEM_ROOT), buffer, length);
}

UINT WINAPI GetWindowsDirectoryA(char *buffer, UINT length)
{
    return BaseNameToAnsi(SHARED_NT_SYSTEM_ROOT, wcslen(SHARED_NT_SYSTEM_ROOT), buffer, length);
}

/* One machine, one user: the shared Windows directory is the same. */
UINT WINAPI GetSystemWindowsDirectoryW(WCHAR *buffer, UINT length)
{
    return GetWindowsDirectoryW(buffer, length);
}

UINT WINAPI GetSystemWindowsDirectoryA(char *buffer, UINT length)
{
    return GetWindowsDirectoryA(buffer, length);
}

/* The system root and \system32 (MAX_PATH is plenty: the root is
 * KUSER_SHARED_DATA's, at most 260 characters). */
static UINT SystemDirectory(WCHAR path[MAX_PATH + 16])
{
    UINT n = wcslen(SHARED_NT_SYSTEM_ROOT);
    memcpy(path, SHARED_NT_SYSTEM_ROOT, n * sizeof(WCHAR));
    memcpy(path + n, L"\\system32", 10 * sizeof(WCHAR));
    return n + 9;
}

UINT WINAPI GetSystemDirectoryW(WCHAR *buffer, UINT length)
{
    WCHAR path[MAX_PATH + 16];
    return CopyOut(path, SystemDirectory(path), buffer, length);
}

UINT WINAPI GetSystemDirectoryA(char *buffer, UINT length)
{
    WCHAR path[MAX_PATH + 16];
    return BaseNameToAnsi(path, SystemDirectory(path), buffer, length);
}

/* The NetBIOS name. *size is in characters: the length on success, the
 * size needed (with the NUL) and ERROR_BUFFER_OVERFLOW when it is short. */
BOOL WINAPI GetComputerNameW(WCHAR *buffer, DWORD *size)
{
    DWORD n = wcslen(COMPUTER_NAME);
    if (!buffer || *size < n + 1) {
        *size = n + 1;
        SetLastError(ERROR_BUFFER_OVERFLOW);
        return FALSE;
    }
    memcpy(buffer, COMPUTER_NAME, (n + 1) * sizeof(WCHAR));
    *size = n;
    return TRUE;
}

BOOL WINAPI GetComputerNameA(char *buffer, DWORD *size)
{
    DWORD n = wcslen(COMPUTER_NAME);
    DWORD written = BaseNameToAnsi(COMPUTER_NAME, n, buffer ? buffer : (char *)"", buffer ? *size : 0);
    if (written != n) {
        *size = written; /* the size needed, NUL included */
        SetLastError(ERROR_BUFFER_OVERFLOW);
        return FALSE;
    }
    *size = n;
    return TRUE;
}

/* GetComputerNameEx: the machine is in no domain, so its DNS host name and
 * fully qualified name are its name and its DNS domain is empty (TRUE, 0
 * characters), physical or not. On success the characters written without
 * the null; too small, ERROR_MORE_DATA and the size needed with it. */
#define ERROR_MORE_DATA 234
#define ComputerNameDnsDomain 2
#define ComputerNamePhysicalDnsDomain 6
#define ComputerNameMax 8

BOOL WINAPI GetComputerNameExW(int type, WCHAR *buffer, DWORD *size)
{
    if (type < 0 || type >= ComputerNameMax || !size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    const WCHAR *name = type == ComputerNameDnsDomain || type == ComputerNamePhysicalDnsDomain
                            ? L""
                            : COMPUTER_NAME;
    DWORD n = wcslen(name);
    if (!buffer || *size < n + 1) {
        *size = n + 1;
        SetLastError(ERROR_MORE_DATA);
        return FALSE;
    }
    memcpy(buffer, name, (n + 1) * sizeof(WCHAR));
    *size = n;
    return TRUE;
}

BOOL WINAPI GetComputerNameExA(int type, char *buffer, DWORD *size)
{
    WCHAR wide[64];
    DWORD n = 64;
    if (!size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!GetComputerNameExW(type, wide, &n)) {
        return FALSE;
    }
    if (!buffer || *size < n + 1) {
        *size = n + 1;
        SetLastError(ERROR_MORE_DATA);
        return FALSE;
    }
    *size = BaseNameToAnsi(wide, n, buffer, *size);
    return TRUE;
}

/* A 32-bit Windows has no WOW64 directory (SysWOW64 is 64-bit Windows'). */
#define ERROR_CALL_NOT_IMPLEMENTED 120

UINT WINAPI GetSystemWow64DirectoryW(WCHAR *buffer, UINT size)
{
    (void)buffer, (void)size;
    SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
    return 0;
}

UINT WINAPI GetSystemWow64DirectoryA(char *buffer, UINT size)
{
    (void)buffer, (void)size;
    SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
    return 0;
}

/* A 32-bit Windows on a 32-bit machine: the native view is GetSystemInfo's. */
void WINAPI GetNativeSystemInfo(SYSTEM_INFO *info)
{
    GetSystemInfo(info);
}

/*
 * ntmm's volume has no 8.3 names (as NTFS with short-name generation off),
 * so a path's long and short forms are the path itself: as Windows then,
 * the path is given back as it was written (relative stays relative) once
 * it is found to exist; a missing file or directory fails with the error
 * GetFileAttributes gives it. The sizes follow GetLongPathName's rule:
 * characters without the NUL when it fits, else the size needed with it.
 */
static DWORD SamePathW(const WCHAR *path, WCHAR *buffer, DWORD length)
{
    if (!path) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!path[0]) {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return 0;
    }
    if (GetFileAttributesW(path) == INVALID_FILE_ATTRIBUTES) {
        return 0;
    }
    return CopyOut(path, wcslen(path), buffer, length);
}

static DWORD SamePathA(const char *path, char *buffer, DWORD length)
{
    if (!path) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    WCHAR *wide = BaseNameFromAnsi(path);
    if (!wide) {
        return 0;
    }
    DWORD n = SamePathW(wide, NULL, 0) ? BaseNameToAnsi(wide, wcslen(wide), buffer ? buffer : (char *)"",
                                                        buffer ? length : 0)
                                       : 0;
    BaseFreeName(wide);
    return n;
}

DWORD WINAPI GetLongPathNameW(const WCHAR *path, WCHAR *buffer, DWORD length)
{
    return SamePathW(path, buffer, length);
}

DWORD WINAPI GetLongPathNameA(const char *path, char *buffer, DWORD length)
{
    return SamePathA(path, buffer, length);
}

DWORD WINAPI GetShortPathNameW(const WCHAR *path, WCHAR *buffer, DWORD length)
{
    return SamePathW(path, buffer, length);
}

DWORD WINAPI GetShortPathNameA(const char *path, char *buffer, DWORD length)
{
    return SamePathA(path, buffer, length);
}
