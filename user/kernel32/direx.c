/*
 * CreateDirectoryEx: a new directory with the attributes of a template
 * directory (read-only, hidden, system...). The template must be there;
 * it is read, never changed.
 */
#include "kernel32/fileapi.h"

/* The attributes a new directory takes from its template. */
#define TEMPLATE_ATTRIBUTES \
    (FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM | FILE_ATTRIBUTE_ARCHIVE)

BOOL WINAPI CreateDirectoryExW(const WCHAR *template_directory, const WCHAR *name, PVOID security)
{
    DWORD attributes = GetFileAttributesW(template_directory);
    if (attributes == INVALID_FILE_ATTRIBUTES) {
        return FALSE;
    }
    if (!(attributes & FILE_ATTRIBUTE_DIRECTORY)) {
        SetLastError(ERROR_DIRECTORY);
        return FALSE;
    }
    if (!CreateDirectoryW(name, security)) {
        return FALSE;
    }
    if (attributes & TEMPLATE_ATTRIBUTES) {
        SetFileAttributesW(name, attributes & TEMPLATE_ATTRIBUTES);
    }
    return TRUE;
}

BOOL WINAPI CreateDirectoryExA(const char *template_directory, const char *name, PVOID security)
{
    WCHAR *wide_template = BaseNameFromAnsi(template_directory);
    WCHAR *wide_name = wide_template ? BaseNameFromAnsi(name) : NULL;
    BOOL ok = wide_name && CreateDirectoryExW(wide_template, wide_name, security);
    BaseFreeName(wide_template);
    BaseFreeName(wide_name);
    return ok;
}
