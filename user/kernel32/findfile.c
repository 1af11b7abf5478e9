/*
 * FindFirstFile / FindNextFile / FindClose: a directory handle and
 * NtQueryDirectoryFile with the mask made NT's (kernel32 turns `?`, `*.`
 * and `.*` into the DOS wildcards < > " the file system knows, and `*.*`
 * into `*`). A find handle is kernel32's own heap block, not a kernel
 * handle, as on Windows.
 */
#include "kernel32/fileapi.h"

#define FIND_MAGIC 0x444E4946 /* 'FIND' */
#define FIND_BUFFER 8192

typedef struct FIND_HANDLE {
    ULONG Magic;
    HANDLE Directory;
    ULONG Offset;          /* of the next entry in Buffer */
    ULONG Used;            /* bytes the last query returned */
    __attribute__((aligned(8))) BYTE Buffer[FIND_BUFFER];
} FIND_HANDLE;

#define DOS_STAR '<'
#define DOS_QM   '>'
#define DOS_DOT  '"'

/* The mask as the file system wants it, in place. */
static void ConvertMask(WCHAR *mask)
{
    if (mask[0] == '*' && mask[1] == '.' && mask[2] == '*' && !mask[3]) {
        mask[1] = 0;
        return;
    }
    for (WCHAR *p = mask; *p; p++) {
        if (*p == '?') {
            *p = DOS_QM;
        } else if (*p == '*' && p[1] == '.') {
            *p = DOS_STAR;
        } else if (*p == '.' && (p[1] == '?' || p[1] == '*' || !p[1])) {
            *p = DOS_DOT;
        }
    }
}

static void Fill(WIN32_FIND_DATAW *data, const FILE_BOTH_DIR_INFORMATION *info)
{
    memset(data, 0, sizeof *data);
    data->dwFileAttributes = info->FileAttributes;
    data->ftCreationTime.dwLowDateTime = info->CreationTime.u.LowPart;
    data->ftCreationTime.dwHighDateTime = (DWORD)info->CreationTime.u.HighPart;
    data->ftLastAccessTime.dwLowDateTime = info->LastAccessTime.u.LowPart;
    data->ftLastAccessTime.dwHighDateTime = (DWORD)info->LastAccessTime.u.HighPart;
    data->ftLastWriteTime.dwLowDateTime = info->LastWriteTime.u.LowPart;
    data->ftLastWriteTime.dwHighDateTime = (DWORD)info->LastWriteTime.u.HighPart;
    data->nFileSizeHigh = (DWORD)info->EndOfFile.u.HighPart;
    data->nFileSizeLow = info->EndOfFile.u.LowPart;
    ULONG n = info->FileNameLength / 2;
    if (n > 259) {
        n = 259;
    }
    memcpy(data->cFileName, info->FileName, n * 2);
}

/* The next entry, querying for more when the buffer is used up. */
static BOOL Next(FIND_HANDLE *find, WIN32_FIND_DATAW *data, UNICODE_STRING *mask)
{
    if (find->Offset >= find->Used) {
        IO_STATUS_BLOCK iosb;
        NTSTATUS status = NtQueryDirectoryFile(find->Directory, NULL, NULL, NULL, &iosb,
                                               find->Buffer, FIND_BUFFER,
                                               FileBothDirectoryInformation, FALSE, mask,
                                               mask != NULL);
        if (!NT_SUCCESS(status)) {
            if (status == STATUS_NO_SUCH_FILE) {
                SetLastError(ERROR_FILE_NOT_FOUND);
            } else {
                BaseSetLastNtError(status);
            }
            return FALSE;
        }
        find->Offset = 0;
        find->Used = iosb.Information;
    }
    const FILE_BOTH_DIR_INFORMATION *info = (const void *)(find->Buffer + find->Offset);
    Fill(data, info);
    find->Offset = info->NextEntryOffset ? find->Offset + info->NextEntryOffset : find->Used;
    return TRUE;
}

HANDLE WINAPI FindFirstFileExW(const WCHAR *name, int level, void *data, int search, void *filter,
                               DWORD flags)
{
    (void)search;
    (void)filter;
    (void)flags;
    if (level != 0 && level != 1) { /* FindExInfoStandard, FindExInfoBasic */
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    UNICODE_STRING nt;
    WCHAR *file_part;
    if (!BaseNtPathFromDosPath(name, &nt, &file_part)) {
        return INVALID_HANDLE_VALUE;
    }
    if (!file_part || !*file_part) {
        /* "dir\": no name to look for */
        RtlFreeUnicodeString(&nt);
        SetLastError(ERROR_FILE_NOT_FOUND);
        return INVALID_HANDLE_VALUE;
    }
    /* The mask is the last part as given: the path rules dropped its
     * trailing dots, which mean something in a mask ("*." has no extension). */
    const WCHAR *given = name + wcslen(name);
    while (given > name && given[-1] != '\\' && given[-1] != '/' &&
           !(given - name == 2 && name[1] == ':')) {
        given--;
    }
    ULONG part = wcslen(file_part);
    BOOL same = TRUE;
    for (ULONG i = 0; i < part && same; i++) {
        same = given[i] == file_part[i];
    }
    const WCHAR *mask_text = same ? given : file_part;
    ULONG mask_length = wcslen(mask_text);
    WCHAR mask_buffer[MAX_PATH];
    if (mask_length >= MAX_PATH) {
        RtlFreeUnicodeString(&nt);
        SetLastError(ERROR_FILENAME_EXCED_RANGE);
        return INVALID_HANDLE_VALUE;
    }
    memcpy(mask_buffer, mask_text, (mask_length + 1) * 2);
    ConvertMask(mask_buffer);
    ULONG dir_length = (ULONG)(file_part - nt.Buffer);
    if (dir_length > 7 && nt.Buffer[dir_length - 1] == '\\') {
        dir_length--; /* "\??\C:\dir\" → "\??\C:\dir"; "\??\C:\" stays */
    }
    nt.Length = (USHORT)(dir_length * 2);
    OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL};
    IO_STATUS_BLOCK iosb;
    HANDLE directory;
    NTSTATUS status = NtOpenFile(&directory, FILE_LIST_DIRECTORY | SYNCHRONIZE, &oa, &iosb,
                                 FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                                 FILE_DIRECTORY_FILE | FILE_SYNCHRONOUS_IO_NONALERT |
                                     FILE_OPEN_FOR_BACKUP_INTENT);
    RtlFreeUnicodeString(&nt);
    if (!NT_SUCCESS(status)) {
        /* The directory is missing: a path not found, whatever the part. */
        SetLastError(status == STATUS_OBJECT_NAME_NOT_FOUND ? ERROR_PATH_NOT_FOUND
                                                            : RtlNtStatusToDosError(status));
        return INVALID_HANDLE_VALUE;
    }
    FIND_HANDLE *find = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, sizeof *find);
    if (!find) {
        NtClose(directory);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return INVALID_HANDLE_VALUE;
    }
    find->Magic = FIND_MAGIC;
    find->Directory = directory;
    find->Offset = find->Used = 0;
    UNICODE_STRING mask = {(USHORT)(wcslen(mask_buffer) * 2), (USHORT)(MAX_PATH * 2), mask_buffer};
    if (!Next(find, data, &mask)) {
        DWORD error = GetLastError();
        NtClose(directory);
        find->Magic = 0;
        RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, find);
        SetLastError(error);
        return INVALID_HANDLE_VALUE;
    }
    return find;
}

HANDLE WINAPI FindFirstFileW(const WCHAR *name, WIN32_FIND_DATAW *data)
{
    return FindFirstFileExW(name, 0, data, 0, NULL, 0);
}

static FIND_HANDLE *Find(HANDLE handle)
{
    FIND_HANDLE *find = handle;
    if (!find || handle == INVALID_HANDLE_VALUE || find->Magic != FIND_MAGIC) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    return find;
}

BOOL WINAPI FindNextFileW(HANDLE handle, WIN32_FIND_DATAW *data)
{
    FIND_HANDLE *find = Find(handle);
    if (!find) {
        return FALSE;
    }
    if (!Next(find, data, NULL)) {
        if (GetLastError() == ERROR_FILE_NOT_FOUND) {
            SetLastError(ERROR_NO_MORE_FILES);
        }
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI FindClose(HANDLE handle)
{
    if (BaseCloseStreamFind(handle)) {
        return TRUE; /* FindFirstStreamW's (streams.c) */
    }
    FIND_HANDLE *find = Find(handle);
    if (!find) {
        return FALSE;
    }
    NtClose(find->Directory);
    find->Magic = 0;
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, find);
    return TRUE;
}

static void ToAnsi(WIN32_FIND_DATAA *out, const WIN32_FIND_DATAW *in)
{
    memcpy(out, in, 44); /* everything before the names */
    BaseNameToAnsi(in->cFileName, wcslen(in->cFileName), out->cFileName, sizeof out->cFileName);
    BaseNameToAnsi(in->cAlternateFileName, wcslen(in->cAlternateFileName), out->cAlternateFileName,
                   sizeof out->cAlternateFileName);
}

HANDLE WINAPI FindFirstFileExA(const char *name, int level, void *data, int search, void *filter,
                               DWORD flags)
{
    WCHAR *wide = BaseNameFromAnsi(name);
    if (!wide) {
        return INVALID_HANDLE_VALUE;
    }
    WIN32_FIND_DATAW found;
    HANDLE handle = FindFirstFileExW(wide, level, &found, search, filter, flags);
    BaseFreeName(wide);
    if (handle != INVALID_HANDLE_VALUE) {
        ToAnsi(data, &found);
    }
    return handle;
}

HANDLE WINAPI FindFirstFileA(const char *name, WIN32_FIND_DATAA *data)
{
    return FindFirstFileExA(name, 0, data, 0, NULL, 0);
}

BOOL WINAPI FindNextFileA(HANDLE handle, WIN32_FIND_DATAA *data)
{
    WIN32_FIND_DATAW found;
    if (!FindNextFileW(handle, &found)) {
        return FALSE;
    }
    ToAnsi(data, &found);
    return TRUE;
}
