/*
 * SearchPath: where a file is. A name with a directory in it ("sub\x",
 * "C:\x", ".\x") is looked at where it says; a bare name is looked for in
 * each directory of the path argument (';'-separated), or, without one, in
 * Windows' order with SafeProcessSearchMode (the default): the program's
 * directory, the system directory (C:\Windows\system32), the Windows
 * directory, the current directory, then each directory of PATH. The
 * extension is added only to a name that has none. The answer is the full
 * path (GetFullPathName's), its length without the NUL, or the size needed
 * with it when the buffer is short; 0 with ERROR_FILE_NOT_FOUND if it is
 * nowhere. Directories count as found, as Windows' RtlDoesFileExists_U.
 */
#include "kernel32/fileapi.h"

#define SEARCH_MAX 1024

static BOOL HasDirectory(const WCHAR *name)
{
    for (const WCHAR *p = name; *p; p++) {
        if (*p == '\\' || *p == '/' || *p == ':') {
            return TRUE;
        }
    }
    return FALSE;
}

static BOOL HasExtension(const WCHAR *name)
{
    const WCHAR *dot = NULL;
    for (const WCHAR *p = name; *p; p++) {
        if (*p == '.') {
            dot = p;
        } else if (*p == '\\' || *p == '/') {
            dot = NULL;
        }
    }
    return dot != NULL;
}

/* directory (length n, may be 0) + '\' + file + extension into out;
 * FALSE if it does not fit. */
static BOOL Join(WCHAR *out, const WCHAR *directory, size_t n, const WCHAR *file, const WCHAR *extension)
{
    size_t f = wcslen(file), e = extension ? wcslen(extension) : 0;
    if (n + 1 + f + e + 1 > SEARCH_MAX) {
        return FALSE;
    }
    size_t at = 0;
    if (n) {
        memcpy(out, directory, n * sizeof(WCHAR));
        at = n;
        if (out[at - 1] != '\\' && out[at - 1] != '/') {
            out[at++] = '\\';
        }
    }
    memcpy(out + at, file, f * sizeof(WCHAR));
    memcpy(out + at + f, extension, e * sizeof(WCHAR));
    out[at + f + e] = 0;
    return TRUE;
}

/* Tries each directory of a ';'-separated list. */
static BOOL TryList(WCHAR *out, const WCHAR *list, const WCHAR *file, const WCHAR *extension)
{
    while (list && *list) {
        const WCHAR *end = list;
        while (*end && *end != ';') {
            end++;
        }
        if (end > list && Join(out, list, (size_t)(end - list), file, extension) &&
            GetFileAttributesW(out) != INVALID_FILE_ATTRIBUTES) {
            return TRUE;
        }
        list = *end ? end + 1 : end;
    }
    return FALSE;
}

DWORD WINAPI SearchPathW(const WCHAR *path, const WCHAR *file, const WCHAR *extension, DWORD size, WCHAR *buffer,
                         WCHAR **file_part)
{
    if (!file || !*file) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (extension && HasExtension(file)) {
        extension = NULL;
    }
    WCHAR *found = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, 2 * SEARCH_MAX * sizeof(WCHAR));
    if (!found) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    WCHAR *scratch = found + SEARCH_MAX;
    BOOL hit = FALSE;
    if (HasDirectory(file)) {
        hit = Join(found, NULL, 0, file, extension) && GetFileAttributesW(found) != INVALID_FILE_ATTRIBUTES;
    } else if (path) {
        hit = TryList(found, path, file, extension);
    } else {
        static const WCHAR system[] = L"C:\\Windows\\system32;C:\\Windows";
        DWORD n = GetModuleFileNameW(NULL, scratch, SEARCH_MAX);
        while (n && scratch[n - 1] != '\\') {
            n--;
        }
        if (n) {
            scratch[n - 1] = 0;
            hit = TryList(found, scratch, file, extension);
        }
        hit = hit || TryList(found, system, file, extension);
        if (!hit && GetCurrentDirectoryW(SEARCH_MAX, scratch) < SEARCH_MAX) {
            hit = TryList(found, scratch, file, extension);
        }
        if (!hit && GetEnvironmentVariableW(L"PATH", scratch, SEARCH_MAX) < SEARCH_MAX) {
            hit = TryList(found, scratch, file, extension);
        }
    }
    DWORD result = 0;
    if (!hit) {
        SetLastError(ERROR_FILE_NOT_FOUND);
    } else {
        result = GetFullPathNameW(found, size, buffer, file_part);
    }
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, found);
    return result;
}

DWORD WINAPI SearchPathA(const char *path, const char *file, const char *extension, DWORD size, char *buffer,
                         char **file_part)
{
    WCHAR *wide_path = path ? BaseAnsiToHeap(path) : NULL;
    WCHAR *wide_file = file ? BaseAnsiToHeap(file) : NULL;
    WCHAR *wide_extension = extension ? BaseAnsiToHeap(extension) : NULL;
    WCHAR full[SEARCH_MAX];
    DWORD result = 0;
    if (!file) {
        SetLastError(ERROR_INVALID_PARAMETER);
    } else if (!wide_file || (path && !wide_path) || (extension && !wide_extension)) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    } else {
        WCHAR *wide_part;
        DWORD n = SearchPathW(wide_path, wide_file, wide_extension, SEARCH_MAX, full, &wide_part);
        if (n && n < SEARCH_MAX) {
            result = BaseNameToAnsi(full, n, buffer, size);
            if (result < size && file_part) {
                *file_part = buffer + BaseNameToAnsi(full, (DWORD)(wide_part - full), NULL, 0) - 1;
            }
        }
    }
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, wide_path);
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, wide_file);
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, wide_extension);
    return result;
}
