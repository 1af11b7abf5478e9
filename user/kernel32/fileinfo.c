/*
 * GetFileInformationByHandleEx and SetFileInformationByHandle: Vista's
 * FILE_INFO_BY_HANDLE_CLASS mapped onto the native information classes.
 * Most FILE_*_INFO structures are the native ones under another name, so
 * the caller's buffer goes to NtQueryInformationFile / NtSetInformationFile
 * as it is; a class has its own code only where Windows' kernel32 does
 * more than that (a directory listing, a rename by Win32 name, the 128-bit
 * file id, a file's one data stream).
 */
#include "kernel32/fileapi.h"

/* The native class of each by-handle class that is a plain query or set
 * of the same layout; 0 where there is none. */
typedef struct INFO_CLASS {
    BYTE Query, Set;
} INFO_CLASS;

static const INFO_CLASS Classes[] = {
    [FileBasicInfo] = {FileBasicInformation, FileBasicInformation},
    [FileStandardInfo] = {FileStandardInformation, 0},
    [FileNameInfo] = {FileNameInformation, 0},
    [FileRenameInfo] = {0, FileRenameInformation},
    [FileDispositionInfo] = {0, FileDispositionInformation},
    [FileAllocationInfo] = {0, FileAllocationInformation},
    [FileEndOfFileInfo] = {0, FileEndOfFileInformation},
    [FileAttributeTagInfo] = {FileAttributeTagInformation, 0},
    [FileAlignmentInfo] = {FileAlignmentInformation, 0},
};

static BOOL Failed(NTSTATUS status)
{
    BaseSetLastNtError(status);
    return FALSE;
}

/* FileIdBothDirectoryInfo and FileFullDirectoryInfo: as many entries as
 * fit, continuing the handle's listing (or restarting it);
 * ERROR_NO_MORE_FILES at its end. */
static BOOL ListDirectory(HANDLE handle, ULONG class, void *info, DWORD size, BOOLEAN restart)
{
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtQueryDirectoryFile(handle, NULL, NULL, NULL, &iosb, info, size, class,
                                           FALSE, NULL, restart);
    return NT_SUCCESS(status) ? TRUE : Failed(status);
}

/* FILE_ID_INFO: the volume's serial number and the file's 64-bit index,
 * widened to the 128-bit FILE_ID_128 (ReFS needs all of it; NTFS, as here,
 * fills the low half). */
static BOOL QueryId(HANDLE handle, FILE_ID_INFO *info, DWORD size)
{
    if (size < sizeof *info) {
        return Failed(STATUS_INFO_LENGTH_MISMATCH);
    }
    struct {
        FILE_FS_VOLUME_INFORMATION volume;
        WCHAR label[32];
    } volume;
    LARGE_INTEGER index;
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtQueryInformationFile(handle, &iosb, &index, sizeof index,
                                             FileInternalInformation);
    if (NT_SUCCESS(status)) {
        status = NtQueryVolumeInformationFile(handle, &iosb, &volume, sizeof volume,
                                              FileFsVolumeInformation);
    }
    if (!NT_SUCCESS(status)) {
        return Failed(status);
    }
    memset(info, 0, sizeof *info);
    info->VolumeSerialNumber = volume.volume.VolumeSerialNumber;
    memcpy(info->FileId.Identifier, &index, sizeof index);
    return TRUE;
}

/* FILE_STREAM_INFO: a file has one stream, its unnamed data stream
 * "::$DATA", as NTFS lists it; a directory has none (an empty answer). */
static BOOL QueryStreams(HANDLE handle, FILE_STREAM_INFO *info, DWORD size)
{
    static const WCHAR data[] = L"::$DATA";
    FILE_STANDARD_INFORMATION standard;
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtQueryInformationFile(handle, &iosb, &standard, sizeof standard,
                                             FileStandardInformation);
    if (!NT_SUCCESS(status)) {
        return Failed(status);
    }
    if (standard.Directory) {
        SetLastError(ERROR_HANDLE_EOF); /* nothing to list: what Windows answers */
        return FALSE;
    }
    DWORD need = FIELD_OFFSET(FILE_STREAM_INFO, StreamName) + sizeof data - sizeof(WCHAR);
    if (size < need) {
        return Failed(size < sizeof *info ? STATUS_INFO_LENGTH_MISMATCH : STATUS_BUFFER_OVERFLOW);
    }
    info->NextEntryOffset = 0;
    info->StreamNameLength = sizeof data - sizeof(WCHAR);
    info->StreamSize = standard.EndOfFile;
    info->StreamAllocationSize = standard.AllocationSize;
    memcpy(info->StreamName, data, sizeof data - sizeof(WCHAR));
    return TRUE;
}

BOOL WINAPI GetFileInformationByHandleEx(HANDLE handle, FILE_INFO_BY_HANDLE_CLASS class,
                                         void *info, DWORD size)
{
    switch (class) {
    case FileIdBothDirectoryInfo:
    case FileIdBothDirectoryRestartInfo:
        return ListDirectory(handle, FileIdBothDirectoryInformation, info, size,
                             class == FileIdBothDirectoryRestartInfo);
    case FileFullDirectoryInfo:
    case FileFullDirectoryRestartInfo:
        return ListDirectory(handle, FileFullDirectoryInformation, info, size,
                             class == FileFullDirectoryRestartInfo);
    case FileIdInfo:
        return QueryId(handle, info, size);
    case FileStreamInfo:
        return QueryStreams(handle, info, size);
    default:
        break;
    }
    if ((unsigned)class >= sizeof Classes / sizeof Classes[0] || !Classes[class].Query) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtQueryInformationFile(handle, &iosb, info, size, Classes[class].Query);
    /* A name cut short is a failure to the Win32 caller (ERROR_MORE_DATA):
     * FileNameLength says how long the whole name is. */
    return status == STATUS_SUCCESS ? TRUE : Failed(status);
}

/* FILE_RENAME_INFO's name may be a Win32 path ("C:\dir\new"), which
 * kernel32 turns into the NT name the file system wants; a bare name, or
 * one relative to RootDirectory, goes down as it is. */
static BOOL Rename(HANDLE handle, const FILE_RENAME_INFO *info, DWORD size)
{
    DWORD fixed = FIELD_OFFSET(FILE_RENAME_INFO, FileName);
    if (size < fixed || info->FileNameLength > size - fixed || info->FileNameLength % 2) {
        return Failed(size < fixed ? STATUS_INFO_LENGTH_MISMATCH : STATUS_INVALID_PARAMETER);
    }
    HANDLE heap = NtCurrentPeb()->ProcessHeap;
    ULONG chars = info->FileNameLength / 2;
    WCHAR *name = RtlAllocateHeap(heap, 0, (chars + 1) * sizeof(WCHAR));
    if (!name) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    memcpy(name, info->FileName, chars * sizeof(WCHAR));
    name[chars] = 0;
    UNICODE_STRING nt = {0, 0, NULL};
    RTL_PATH_TYPE type = RtlDetermineDosPathNameType_U(name);
    BOOL converted = !info->RootDirectory && chars && type != RtlPathTypeRelative;
    if (converted && !BaseNtPathFromDosPath(name, &nt, NULL)) {
        RtlFreeHeap(heap, 0, name);
        return FALSE;
    }
    const WCHAR *target = converted ? nt.Buffer : name;
    ULONG bytes = converted ? nt.Length : chars * sizeof(WCHAR);
    ULONG length = fixed + bytes;
    FILE_RENAME_INFORMATION *native = RtlAllocateHeap(heap, 0, length + sizeof(WCHAR));
    BOOL ok = FALSE;
    if (!native) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    } else {
        native->ReplaceIfExists = info->ReplaceIfExists;
        native->RootDirectory = info->RootDirectory;
        native->FileNameLength = bytes;
        memcpy(native->FileName, target, bytes);
        IO_STATUS_BLOCK iosb;
        NTSTATUS status = NtSetInformationFile(handle, &iosb, native, length, FileRenameInformation);
        ok = NT_SUCCESS(status) ? TRUE : Failed(status);
        RtlFreeHeap(heap, 0, native);
    }
    if (converted) {
        RtlFreeUnicodeString(&nt);
    }
    RtlFreeHeap(heap, 0, name);
    return ok;
}

/* FileIoPriorityHintInfo: a hint, taken and checked. Every I/O here is
 * done at once, so a priority changes nothing. */
#define MaximumIoPriorityHintType 3

static BOOL PriorityHint(HANDLE handle, const FILE_IO_PRIORITY_HINT_INFO *info, DWORD size)
{
    FILE_STANDARD_INFORMATION standard;
    IO_STATUS_BLOCK iosb;
    if (size < sizeof *info) {
        return Failed(STATUS_INFO_LENGTH_MISMATCH);
    }
    NTSTATUS status = NtQueryInformationFile(handle, &iosb, &standard, sizeof standard,
                                             FileStandardInformation);
    if (!NT_SUCCESS(status)) {
        return Failed(status);
    }
    if ((DWORD)info->PriorityHint >= MaximumIoPriorityHintType) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI SetFileInformationByHandle(HANDLE handle, FILE_INFO_BY_HANDLE_CLASS class, void *info,
                                       DWORD size)
{
    if (class == FileRenameInfo) {
        return info ? Rename(handle, info, size) : Failed(STATUS_ACCESS_VIOLATION);
    }
    if (class == FileIoPriorityHintInfo) {
        return info ? PriorityHint(handle, info, size) : Failed(STATUS_ACCESS_VIOLATION);
    }
    if ((unsigned)class >= sizeof Classes / sizeof Classes[0] || !Classes[class].Set) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtSetInformationFile(handle, &iosb, info, size, Classes[class].Set);
    return NT_SUCCESS(status) ? TRUE : Failed(status);
}

/* SetFileValidData: moving a file's valid data length without writing the
 * bytes between needs SE_MANAGE_VOLUME_NAME, a privilege no program here
 * holds; the handle and its access are checked first. */
#define ERROR_PRIVILEGE_NOT_HELD 1314

BOOL WINAPI SetFileValidData(HANDLE file, LONGLONG length)
{
    FILE_STANDARD_INFORMATION standard;
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtQueryInformationFile(file, &iosb, &standard, sizeof standard,
                                             FileStandardInformation);
    if (!NT_SUCCESS(status)) {
        return Failed(status);
    }
    if (length < 0 || standard.Directory) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    SetLastError(ERROR_PRIVILEGE_NOT_HELD);
    return FALSE;
}
