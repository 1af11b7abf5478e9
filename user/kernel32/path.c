/*
 * The current directory, full paths and temporary files: ntdll's path
 * rules (RtlGetFullPathName_U, RtlGetCurrentDirectory_U...) with Win32's
 * counting in characters.
 */
#include "kernel32/fileapi.h"

DWORD WINAPI GetCurrentDirectoryW(DWORD length, WCHAR *buffer)
{
    return RtlGetCurrentDirectory_U(length * 2, buffer) / 2;
}

DWORD WINAPI GetCurrentDirectoryA(DWORD length, char *buffer)
{
    WCHAR wide[MAX_PATH];
    DWORD n = RtlGetCurrentDirectory_U(sizeof wide, wide) / 2;
    return BaseNameToAnsi(wide, n, buffer, length);
}

BOOL WINAPI SetCurrentDirectoryW(const WCHAR *name)
{
    UNICODE_STRING directory;
    if (!name || !name[0]) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    RtlInitUnicodeString(&directory, name);
    NTSTATUS status = RtlSetCurrentDirectory_U(&directory);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI SetCurrentDirectoryA(const char *name)
{
    WCHAR *wide = BaseNameFromAnsi(name);
    if (!wide) {
        return FALSE;
    }
    BOOL ok = SetCurrentDirectoryW(wide);
    BaseFreeName(wide);
    return ok;
}

DWORD WINAPI GetFullPathNameW(const WCHAR *name, DWORD length, WCHAR *buffer, WCHAR **file_part)
{
    if (!name || !name[0]) {
        SetLastError(ERROR_INVALID_NAME);
        return 0;
    }
    return RtlGetFullPathName_U(name, length * 2, buffer, file_part) / 2;
}

DWORD WINAPI GetFullPathNameA(const char *name, DWORD length, char *buffer, char **file_part)
{
    WCHAR *wide = BaseNameFromAnsi(name);
    if (!wide) {
        return 0;
    }
    static WCHAR full[32768];
    WCHAR *wide_file;
    DWORD n = GetFullPathNameW(wide, 32768, full, &wide_file);
    BaseFreeName(wide);
    if (n == 0 || n >= 32768) {
        return 0;
    }
    DWORD result = BaseNameToAnsi(full, n, buffer, length);
    if (result < length && file_part) {
        /* The file part in ANSI: the bytes the characters before it take. */
        *file_part = wide_file ? buffer + BaseNameToAnsi(full, (DWORD)(wide_file - full), NULL, 0) - 1
                               : NULL;
    }
    return result;
}

/* The environment's value of `name` (ASCII), or NULL. */
static const WCHAR *Environment(const char *name)
{
    const WCHAR *p = NtCurrentPeb()->ProcessParameters->Environment;
    while (p && *p) {
        const WCHAR *entry = p;
        const char *n = name;
        while (*n && (*entry == (WCHAR)*n || *entry == (WCHAR)(*n + 32))) {
            entry++, n++;
        }
        if (!*n && *entry == '=') {
            return entry + 1;
        }
        p += wcslen(p) + 1;
    }
    return NULL;
}

/* TMP, else TEMP, else USERPROFILE, else the root of C: (the volume has no
 * Windows directory to fall back on), always with a trailing backslash. */
DWORD WINAPI GetTempPathW(DWORD length, WCHAR *buffer)
{
    const WCHAR *value = Environment("TMP");
    if (!value || !*value) {
        value = Environment("TEMP");
    }
    if (!value || !*value) {
        value = Environment("USERPROFILE");
    }
    if (!value || !*value) {
        value = L"C:\\";
    }
    WCHAR full[MAX_PATH + 1];
    DWORD n = RtlGetFullPathName_U(value, sizeof full - 2, full, NULL) / 2;
    if (n == 0 || n >= MAX_PATH) {
        SetLastError(ERROR_INVALID_NAME);
        return 0;
    }
    if (full[n - 1] != '\\') {
        full[n++] = '\\';
        full[n] = 0;
    }
    if (n + 1 > length) {
        return n + 1;
    }
    memcpy(buffer, full, (n + 1) * 2);
    return n;
}

DWORD WINAPI GetTempPathA(DWORD length, char *buffer)
{
    WCHAR wide[MAX_PATH + 1];
    DWORD n = GetTempPathW(MAX_PATH + 1, wide);
    return n ? BaseNameToAnsi(wide, n, buffer, length) : 0;
}

#define CREATE_NEW 1

/* path\PRE<hex>.TMP; with unique 0, a new empty file of a free number. */
UINT WINAPI GetTempFileNameW(const WCHAR *path, const WCHAR *prefix, UINT unique, WCHAR *buffer)
{
    if (!path || !buffer) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    DWORD n = wcslen(path);
    if (n > MAX_PATH - 14) {
        SetLastError(ERROR_BUFFER_OVERFLOW);
        return 0;
    }
    memcpy(buffer, path, n * 2);
    if (n && buffer[n - 1] != '\\' && buffer[n - 1] != '/') {
        buffer[n++] = '\\';
    }
    for (int i = 0; prefix && i < 3 && prefix[i]; i++) {
        buffer[n++] = prefix[i];
    }
    UINT number = unique & 0xFFFF;
    BOOL create = number == 0;
    if (create) {
        number = (GetTickCount() & 0xFFFF) ? (GetTickCount() & 0xFFFF) : 1;
    }
    for (UINT tries = 0; tries < 0x10000; tries++) {
        DWORD at = n;
        static const char hex[] = "0123456789ABCDEF";
        for (int shift = 12; shift >= 0; shift -= 4) {
            if ((number >> shift) & 0xF || at > n || shift == 0) {
                buffer[at++] = (WCHAR)hex[(number >> shift) & 0xF];
            }
        }
        buffer[at++] = '.';
        buffer[at++] = 'T';
        buffer[at++] = 'M';
        buffer[at++] = 'P';
        buffer[at] = 0;
        if (!create) {
            return number;
        }
        HANDLE file = CreateFileW(buffer, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL,
                                  NULL);
        if (file != INVALID_HANDLE_VALUE) {
            CloseHandle(file);
            SetLastError(ERROR_SUCCESS);
            return number;
        }
        if (GetLastError() != ERROR_FILE_EXISTS && GetLastError() != ERROR_ACCESS_DENIED) {
            return 0; /* the directory is not there, or not writable */
        }
        number = (number & 0xFFFF) == 0xFFFF ? 1 : number + 1;
    }
    return 0;
}

UINT WINAPI GetTempFileNameA(const char *path, const char *prefix, UINT unique, char *buffer)
{
    WCHAR *wide_path = BaseNameFromAnsi(path);
    WCHAR *wide_prefix = prefix ? BaseNameFromAnsi(prefix) : NULL;
    WCHAR name[MAX_PATH];
    UINT result = 0;
    if (wide_path && (wide_prefix || !prefix)) {
        result = GetTempFileNameW(wide_path, wide_prefix, unique, name);
        if (result) {
            BaseNameToAnsi(name, wcslen(name), buffer, MAX_PATH);
        }
    }
    BaseFreeName(wide_path);
    BaseFreeName(wide_prefix);
    return result;
}
