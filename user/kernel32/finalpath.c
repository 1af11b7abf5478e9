/*
 * GetFinalPathNameByHandle: the name a handle's file has now, from the
 * file system (FileNameInformation: "\dir\file" from the volume's root)
 * with the volume named one of four ways:
 *   VOLUME_NAME_DOS   \\?\C:\dir\file
 *   VOLUME_NAME_GUID  \\?\Volume{GUID}\dir\file (volenum.c's GUID)
 *   VOLUME_NAME_NT    \Device\HarddiskVolume1\dir\file
 *   VOLUME_NAME_NONE  \dir\file
 * ntmm's one file system has no short names and no links to follow, so
 * FILE_NAME_NORMALIZED and FILE_NAME_OPENED give the same name: the one
 * the file has on the disk, in the case it has there.
 *
 * The count is Microsoft's: on success the characters copied without the
 * null; when the buffer is too small, the size needed with it.
 */
#include "kernel32/fileapi.h"

#define FILE_NAME_NORMALIZED 0x0
#define FILE_NAME_OPENED     0x8
#define VOLUME_NAME_DOS      0x0
#define VOLUME_NAME_GUID     0x1
#define VOLUME_NAME_NT       0x2
#define VOLUME_NAME_NONE     0x4

/* The file's name from the volume's root, on the process heap (its length
 * in characters in *chars), or NULL with the last error set. */
static WCHAR *QueryName(HANDLE file, ULONG *chars)
{
    HANDLE heap = NtCurrentPeb()->ProcessHeap;
    ULONG size = 4 + MAX_PATH * sizeof(WCHAR);
    for (;;) {
        FILE_NAME_INFORMATION *info = RtlAllocateHeap(heap, 0, size);
        if (!info) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
        IO_STATUS_BLOCK iosb;
        NTSTATUS status = NtQueryInformationFile(file, &iosb, info, size, FileNameInformation);
        if (status == STATUS_BUFFER_OVERFLOW && info->FileNameLength + 4 > size) {
            size = info->FileNameLength + 4; /* the whole name's length, now known */
            RtlFreeHeap(heap, 0, info);
            continue;
        }
        if (!NT_SUCCESS(status)) {
            RtlFreeHeap(heap, 0, info);
            BaseSetLastNtError(status);
            return NULL;
        }
        /* The name moves to the start of the block, null-terminated. */
        *chars = info->FileNameLength / sizeof(WCHAR);
        WCHAR *name = (WCHAR *)info;
        memmove(name, info->FileName, *chars * sizeof(WCHAR));
        name[*chars] = 0;
        return name;
    }
}

/* The volume's part of the answer, for the flags' VOLUME_NAME_*. */
static BOOL VolumePrefix(DWORD flags, WCHAR *prefix, DWORD size)
{
    static const WCHAR dos[] = L"\\\\?\\C:", nt[] = L"\\Device\\HarddiskVolume1";
    switch (flags & (VOLUME_NAME_GUID | VOLUME_NAME_NT | VOLUME_NAME_NONE)) {
    case VOLUME_NAME_DOS:
        memcpy(prefix, dos, sizeof dos);
        return TRUE;
    case VOLUME_NAME_NT:
        memcpy(prefix, nt, sizeof nt);
        return TRUE;
    case VOLUME_NAME_NONE:
        prefix[0] = 0;
        return TRUE;
    case VOLUME_NAME_GUID: {
        HANDLE find = FindFirstVolumeW(prefix, size);
        if (find == INVALID_HANDLE_VALUE) {
            return FALSE;
        }
        FindVolumeClose(find);
        prefix[lstrlenW(prefix) - 1] = 0; /* its "\" is the path's first */
        return TRUE;
    }
    default:
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
}

/* The whole answer on the process heap, its length in *chars. */
static WCHAR *FinalPath(HANDLE file, DWORD flags, ULONG *chars)
{
    WCHAR prefix[64];
    if (flags & ~(FILE_NAME_OPENED | VOLUME_NAME_GUID | VOLUME_NAME_NT | VOLUME_NAME_NONE)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (!VolumePrefix(flags, prefix, sizeof prefix / sizeof prefix[0])) {
        return NULL;
    }
    ULONG name_chars;
    WCHAR *name = QueryName(file, &name_chars);
    if (!name) {
        return NULL;
    }
    HANDLE heap = NtCurrentPeb()->ProcessHeap;
    ULONG prefix_chars = lstrlenW(prefix);
    WCHAR *path = RtlAllocateHeap(heap, 0, (prefix_chars + name_chars + 1) * sizeof(WCHAR));
    if (path) {
        memcpy(path, prefix, prefix_chars * sizeof(WCHAR));
        memcpy(path + prefix_chars, name, (name_chars + 1) * sizeof(WCHAR));
        *chars = prefix_chars + name_chars;
    } else {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    }
    RtlFreeHeap(heap, 0, name);
    return path;
}

DWORD WINAPI GetFinalPathNameByHandleW(HANDLE file, WCHAR *buffer, DWORD size, DWORD flags)
{
    ULONG chars;
    WCHAR *path = FinalPath(file, flags, &chars);
    if (!path) {
        return 0;
    }
    DWORD result = chars + 1; /* too small: the size needed, the null counted */
    if (size > chars) {
        memcpy(buffer, path, (chars + 1) * sizeof(WCHAR));
        result = chars;
    }
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, path);
    return result;
}

DWORD WINAPI GetFinalPathNameByHandleA(HANDLE file, char *buffer, DWORD size, DWORD flags)
{
    ULONG chars;
    WCHAR *path = FinalPath(file, flags, &chars);
    if (!path) {
        return 0;
    }
    DWORD result = BaseNameToAnsi(path, chars, buffer, size);
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, path);
    return result;
}
