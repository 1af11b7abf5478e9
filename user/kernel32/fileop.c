/*
 * The calls that act on a file by its name: attributes, delete, rename
 * (BaseNameFile; copyfile.c's moves and hardlink.c's links use it),
 * directories. Each is the native sequence kernel32 uses: open with
 * the access the change needs, set the information, close.
 */
#include "kernel32/fileapi.h"

/* Calls f(wide name...) for an ANSI name. */
#define ANSI_NAME(name, wide, failure)  \
    WCHAR *wide = BaseNameFromAnsi(name); \
    if (!wide) {                          \
        return failure;                   \
    }

static BOOL SetInformation(HANDLE file, void *info, ULONG length, ULONG class)
{
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtSetInformationFile(file, &iosb, info, length, class);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

static BOOL QueryAttributes(const WCHAR *name, FILE_NETWORK_OPEN_INFORMATION *info)
{
    UNICODE_STRING nt;
    if (!BaseNtPathFromDosPath(name, &nt, NULL)) {
        return FALSE;
    }
    OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL};
    NTSTATUS status = NtQueryFullAttributesFile(&oa, info);
    RtlFreeUnicodeString(&nt);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

DWORD WINAPI GetFileAttributesW(const WCHAR *name)
{
    FILE_NETWORK_OPEN_INFORMATION info;
    return QueryAttributes(name, &info) ? info.FileAttributes : INVALID_FILE_ATTRIBUTES;
}

DWORD WINAPI GetFileAttributesA(const char *name)
{
    ANSI_NAME(name, wide, INVALID_FILE_ATTRIBUTES);
    DWORD attributes = GetFileAttributesW(wide);
    BaseFreeName(wide);
    return attributes;
}

#define GetFileExInfoStandard 0

BOOL WINAPI GetFileAttributesExW(const WCHAR *name, int level, WIN32_FILE_ATTRIBUTE_DATA *data)
{
    FILE_NETWORK_OPEN_INFORMATION info;
    if (level != GetFileExInfoStandard) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!QueryAttributes(name, &info)) {
        return FALSE;
    }
    data->dwFileAttributes = info.FileAttributes;
    data->ftCreationTime.dwLowDateTime = info.CreationTime.u.LowPart;
    data->ftCreationTime.dwHighDateTime = (DWORD)info.CreationTime.u.HighPart;
    data->ftLastAccessTime.dwLowDateTime = info.LastAccessTime.u.LowPart;
    data->ftLastAccessTime.dwHighDateTime = (DWORD)info.LastAccessTime.u.HighPart;
    data->ftLastWriteTime.dwLowDateTime = info.LastWriteTime.u.LowPart;
    data->ftLastWriteTime.dwHighDateTime = (DWORD)info.LastWriteTime.u.HighPart;
    data->nFileSizeHigh = (DWORD)info.EndOfFile.u.HighPart;
    data->nFileSizeLow = info.EndOfFile.u.LowPart;
    return TRUE;
}

BOOL WINAPI GetFileAttributesExA(const char *name, int level, WIN32_FILE_ATTRIBUTE_DATA *data)
{
    ANSI_NAME(name, wide, FALSE);
    BOOL ok = GetFileAttributesExW(wide, level, data);
    BaseFreeName(wide);
    return ok;
}

BOOL WINAPI SetFileAttributesW(const WCHAR *name, DWORD attributes)
{
    NTSTATUS status;
    HANDLE file = BaseOpenFile(name, FILE_WRITE_ATTRIBUTES,
                               FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                               FILE_OPEN_FOR_BACKUP_INTENT, &status);
    if (!file) {
        return FALSE;
    }
    FILE_BASIC_INFORMATION basic;
    memset(&basic, 0, sizeof basic);
    /* 0 would mean "no change" to NT: kernel32 asks for NORMAL instead. */
    basic.FileAttributes = attributes ? attributes : FILE_ATTRIBUTE_NORMAL;
    BOOL ok = SetInformation(file, &basic, sizeof basic, FileBasicInformation);
    NtClose(file);
    return ok;
}

BOOL WINAPI SetFileAttributesA(const char *name, DWORD attributes)
{
    ANSI_NAME(name, wide, FALSE);
    BOOL ok = SetFileAttributesW(wide, attributes);
    BaseFreeName(wide);
    return ok;
}

/* Opens for DELETE and sets the disposition: the name goes at the close. */
static BOOL DeleteByName(const WCHAR *name, ULONG options)
{
    NTSTATUS status;
    HANDLE file = BaseOpenFile(name, DELETE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                               options, &status);
    if (!file) {
        return FALSE;
    }
    BOOLEAN yes = TRUE;
    BOOL ok = SetInformation(file, &yes, sizeof yes, FileDispositionInformation);
    NtClose(file);
    return ok;
}

BOOL WINAPI DeleteFileW(const WCHAR *name)
{
    return DeleteByName(name, FILE_NON_DIRECTORY_FILE);
}

BOOL WINAPI DeleteFileA(const char *name)
{
    ANSI_NAME(name, wide, FALSE);
    BOOL ok = DeleteFileW(wide);
    BaseFreeName(wide);
    return ok;
}

BOOL WINAPI RemoveDirectoryW(const WCHAR *name)
{
    return DeleteByName(name, FILE_DIRECTORY_FILE | FILE_OPEN_FOR_BACKUP_INTENT);
}

BOOL WINAPI RemoveDirectoryA(const char *name)
{
    ANSI_NAME(name, wide, FALSE);
    BOOL ok = RemoveDirectoryW(wide);
    BaseFreeName(wide);
    return ok;
}

BOOL WINAPI CreateDirectoryW(const WCHAR *name, PVOID security)
{
    (void)security;
    UNICODE_STRING nt;
    if (!BaseNtPathFromDosPath(name, &nt, NULL)) {
        return FALSE;
    }
    OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL};
    IO_STATUS_BLOCK iosb;
    HANDLE handle;
    NTSTATUS status = NtCreateFile(&handle, FILE_LIST_DIRECTORY | SYNCHRONIZE, &oa, &iosb, NULL,
                                   FILE_ATTRIBUTE_NORMAL, FILE_SHARE_READ | FILE_SHARE_WRITE,
                                   FILE_CREATE,
                                   FILE_DIRECTORY_FILE | FILE_SYNCHRONOUS_IO_NONALERT |
                                       FILE_OPEN_FOR_BACKUP_INTENT,
                                   NULL, 0);
    RtlFreeUnicodeString(&nt);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    NtClose(handle);
    return TRUE;
}

BOOL WINAPI CreateDirectoryA(const char *name, PVOID security)
{
    ANSI_NAME(name, wide, FALSE);
    BOOL ok = CreateDirectoryW(wide, security);
    BaseFreeName(wide);
    return ok;
}

/* Gives the file at `source` the name `target`: a rename (FileRenameInformation,
 * the old name goes) or a hard link (FileLinkInformation, both names stay),
 * the new name laid out as FILE_RENAME_INFORMATION for either. */
BOOL BaseNameFile(const WCHAR *source, ULONG access, const WCHAR *target, BOOLEAN replace,
                  ULONG class)
{
    UNICODE_STRING nt;
    if (!BaseNtPathFromDosPath(target, &nt, NULL)) {
        return FALSE;
    }
    NTSTATUS status;
    HANDLE file = BaseOpenFile(source, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                               FILE_OPEN_FOR_BACKUP_INTENT, &status);
    if (!file) {
        RtlFreeUnicodeString(&nt);
        return FALSE;
    }
    ULONG size = 12 + nt.Length;
    FILE_RENAME_INFORMATION *info = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, size);
    BOOL ok = FALSE;
    if (!info) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    } else {
        info->ReplaceIfExists = replace;
        info->RootDirectory = NULL;
        info->FileNameLength = nt.Length;
        memcpy(info->FileName, nt.Buffer, nt.Length);
        ok = SetInformation(file, info, size, class);
        RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, info);
    }
    NtClose(file);
    RtlFreeUnicodeString(&nt);
    return ok;
}
