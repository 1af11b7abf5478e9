/*
 * CreateFile2 (Windows 8's form of CreateFileW, its attributes, flags and
 * security in a CREATEFILE2_EXTENDED_PARAMETERS) and ReOpenFile (the file
 * a handle is open on, opened again with other access, sharing or flags:
 * by the name GetFinalPathNameByHandle gives it now, so a file renamed
 * since it was opened is still the one reopened).
 */
#include "kernel32/fileapi.h"

#define OPEN_EXISTING 3
#define FILE_FLAG_DELETE_ON_CLOSE 0x04000000u

HANDLE WINAPI CreateFile2(const WCHAR *name, DWORD access, DWORD share, DWORD disposition,
                          CREATEFILE2_EXTENDED_PARAMETERS *parameters)
{
    DWORD flags = 0;
    SECURITY_ATTRIBUTES *security = NULL;
    HANDLE template_file = NULL;
    if (parameters) {
        if (parameters->dwSize != sizeof *parameters) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return INVALID_HANDLE_VALUE;
        }
        flags = parameters->dwFileAttributes | parameters->dwFileFlags | parameters->dwSecurityQosFlags;
        security = parameters->lpSecurityAttributes;
        template_file = parameters->hTemplateFile;
    }
    return CreateFileW(name, access, share, security, disposition, flags, template_file);
}

HANDLE WINAPI ReOpenFile(HANDLE original, DWORD access, DWORD share, DWORD flags)
{
    if (flags & FILE_FLAG_DELETE_ON_CLOSE) {
        SetLastError(ERROR_INVALID_PARAMETER); /* not for a file someone else opened */
        return INVALID_HANDLE_VALUE;
    }
    WCHAR small[MAX_PATH];
    WCHAR *path = small;
    DWORD n = GetFinalPathNameByHandleW(original, path, MAX_PATH, 0);
    if (n >= MAX_PATH) {
        path = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, n * sizeof(WCHAR));
        n = path ? GetFinalPathNameByHandleW(original, path, n, 0) : 0;
        if (!path) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        }
    }
    HANDLE file = n ? CreateFileW(path, access, share, NULL, OPEN_EXISTING, flags, NULL)
                    : INVALID_HANDLE_VALUE;
    if (path && path != small) {
        RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, path);
    }
    return file;
}
