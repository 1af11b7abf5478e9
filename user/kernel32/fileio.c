/*
 * CreateFile and the calls on an open file: its pointer, size, type, times,
 * locks and end, each one native call or two, with the Win32 mapping
 * kernel32 makes (CreateFile's dispositions, ERROR_ALREADY_EXISTS on
 * success, ERROR_FILE_EXISTS for CREATE_NEW).
 */
#include "kernel32/fileapi.h"

#define CREATE_NEW        1
#define CREATE_ALWAYS     2
#define OPEN_EXISTING     3
#define OPEN_ALWAYS       4
#define TRUNCATE_EXISTING 5

#define FILE_FLAG_WRITE_THROUGH      0x80000000
#define FILE_FLAG_OVERLAPPED         0x40000000
#define FILE_FLAG_NO_BUFFERING       0x20000000
#define FILE_FLAG_RANDOM_ACCESS      0x10000000
#define FILE_FLAG_SEQUENTIAL_SCAN    0x08000000
#define FILE_FLAG_DELETE_ON_CLOSE    0x04000000
#define FILE_FLAG_BACKUP_SEMANTICS   0x02000000
#define FILE_FLAG_OPEN_REPARSE_POINT 0x00200000
#define FILE_ATTRIBUTE_VALID_FLAGS   0x00007FB7

static void *Heap(void)
{
    return NtCurrentPeb()->ProcessHeap;
}

WCHAR *BaseNameFromAnsi(const char *name)
{
    if (!name) {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return NULL;
    }
    int n = MultiByteToWideChar(CP_ACP, 0, name, -1, NULL, 0);
    WCHAR *wide = n > 0 ? RtlAllocateHeap(Heap(), 0, (SIZE_T)n * 2) : NULL;
    if (!wide) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    MultiByteToWideChar(CP_ACP, 0, name, -1, wide, n);
    return wide;
}

void BaseFreeName(WCHAR *name)
{
    if (name) {
        RtlFreeHeap(Heap(), 0, name);
    }
}

DWORD BaseNameToAnsi(const WCHAR *name, DWORD length, char *out, DWORD size)
{
    int n = WideCharToMultiByte(CP_ACP, 0, name, (int)length, NULL, 0, NULL, NULL);
    if ((DWORD)n + 1 > size) {
        return (DWORD)n + 1;
    }
    WideCharToMultiByte(CP_ACP, 0, name, (int)length, out, n, NULL, NULL);
    out[n] = 0;
    return (DWORD)n;
}

BOOL BaseNtPathFromDosPath(const WCHAR *name, UNICODE_STRING *nt, WCHAR **file_part)
{
    if (!name || !name[0]) {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return FALSE;
    }
    NTSTATUS status = RtlDosPathNameToNtPathName_U_WithStatus(name, nt, file_part, NULL);
    if (!NT_SUCCESS(status)) {
        SetLastError(status == STATUS_OBJECT_NAME_INVALID ? ERROR_PATH_NOT_FOUND
                                                          : RtlNtStatusToDosError(status));
        return FALSE;
    }
    return TRUE;
}

HANDLE BaseOpenFile(const WCHAR *name, ULONG access, ULONG share, ULONG options, NTSTATUS *status)
{
    UNICODE_STRING nt;
    *status = STATUS_OBJECT_NAME_INVALID;
    if (!BaseNtPathFromDosPath(name, &nt, NULL)) {
        return NULL;
    }
    OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL};
    IO_STATUS_BLOCK iosb;
    HANDLE handle = NULL;
    *status = NtOpenFile(&handle, access | SYNCHRONIZE, &oa, &iosb, share,
                         options | FILE_SYNCHRONOUS_IO_NONALERT);
    RtlFreeUnicodeString(&nt);
    if (!NT_SUCCESS(*status)) {
        BaseSetLastNtError(*status);
        return NULL;
    }
    return handle;
}

HANDLE WINAPI CreateFileW(const WCHAR *name, DWORD access, DWORD share, PVOID security,
                          DWORD disposition, DWORD flags, HANDLE template_file)
{
    (void)template_file;
    static const ULONG nt_disposition[] = {
        [CREATE_NEW] = FILE_CREATE, [CREATE_ALWAYS] = FILE_OVERWRITE_IF,
        [OPEN_EXISTING] = FILE_OPEN, [OPEN_ALWAYS] = FILE_OPEN_IF,
        [TRUNCATE_EXISTING] = FILE_OVERWRITE,
    };
    if (disposition < CREATE_NEW || disposition > TRUNCATE_EXISTING ||
        (disposition == TRUNCATE_EXISTING && !(access & GENERIC_WRITE))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    ULONG options = 0;
    if (!(flags & FILE_FLAG_OVERLAPPED)) {
        options |= FILE_SYNCHRONOUS_IO_NONALERT;
    }
    if (flags & FILE_FLAG_WRITE_THROUGH) {
        options |= FILE_WRITE_THROUGH;
    }
    if (flags & FILE_FLAG_NO_BUFFERING) {
        options |= FILE_NO_INTERMEDIATE_BUFFERING;
    }
    if (flags & FILE_FLAG_RANDOM_ACCESS) {
        options |= FILE_RANDOM_ACCESS;
    }
    if (flags & FILE_FLAG_SEQUENTIAL_SCAN) {
        options |= FILE_SEQUENTIAL_ONLY;
    }
    if (flags & FILE_FLAG_DELETE_ON_CLOSE) {
        options |= FILE_DELETE_ON_CLOSE;
        access |= DELETE;
    }
    if (flags & FILE_FLAG_OPEN_REPARSE_POINT) {
        options |= FILE_OPEN_REPARSE_POINT;
    }
    /* Only backup semantics opens a directory. */
    options |= (flags & FILE_FLAG_BACKUP_SEMANTICS) ? FILE_OPEN_FOR_BACKUP_INTENT
                                                    : FILE_NON_DIRECTORY_FILE;
    UNICODE_STRING nt;
    if (!BaseNtPathFromDosPath(name, &nt, NULL)) {
        return INVALID_HANDLE_VALUE;
    }
    OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &nt, OBJ_CASE_INSENSITIVE | BaseInheritAttribute(security),
                            NULL, NULL};
    IO_STATUS_BLOCK iosb = {0, 0};
    HANDLE handle = NULL;
    NTSTATUS status = NtCreateFile(&handle, access | SYNCHRONIZE | FILE_READ_ATTRIBUTES, &oa,
                                   &iosb, NULL, flags & FILE_ATTRIBUTE_VALID_FLAGS, share,
                                   nt_disposition[disposition], options, NULL, 0);
    RtlFreeUnicodeString(&nt);
    if (!NT_SUCCESS(status)) {
        if (status == STATUS_OBJECT_NAME_COLLISION && disposition == CREATE_NEW) {
            SetLastError(ERROR_FILE_EXISTS);
        } else {
            BaseSetLastNtError(status);
        }
        return INVALID_HANDLE_VALUE;
    }
    /* Success still says whether the file was there before. */
    if ((disposition == CREATE_ALWAYS && iosb.Information == FILE_OVERWRITTEN) ||
        (disposition == OPEN_ALWAYS && iosb.Information == FILE_OPENED)) {
        SetLastError(ERROR_ALREADY_EXISTS);
    } else {
        SetLastError(ERROR_SUCCESS);
    }
    return handle;
}

HANDLE WINAPI CreateFileA(const char *name, DWORD access, DWORD share, PVOID security,
                          DWORD disposition, DWORD flags, HANDLE template_file)
{
    WCHAR *wide = BaseNameFromAnsi(name);
    if (!wide) {
        return INVALID_HANDLE_VALUE;
    }
    HANDLE handle = CreateFileW(wide, access, share, security, disposition, flags, template_file);
    BaseFreeName(wide);
    return handle;
}

static BOOL QueryFile(HANDLE file, void *info, ULONG length, ULONG class)
{
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtQueryInformationFile(file, &iosb, info, length, class);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

static BOOL SetFile(HANDLE file, void *info, ULONG length, ULONG class)
{
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtSetInformationFile(file, &iosb, info, length, class);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

#define FILE_BEGIN   0
#define FILE_CURRENT 1
#define FILE_END     2

BOOL WINAPI SetFilePointerEx(HANDLE file, LARGE_INTEGER distance, LARGE_INTEGER *new_position,
                             DWORD method)
{
    LONGLONG base;
    if (method == FILE_BEGIN) {
        base = 0;
    } else if (method == FILE_CURRENT) {
        LARGE_INTEGER position;
        if (!QueryFile(file, &position, sizeof position, FilePositionInformation)) {
            return FALSE;
        }
        base = position.QuadPart;
    } else if (method == FILE_END) {
        FILE_STANDARD_INFORMATION standard;
        if (!QueryFile(file, &standard, sizeof standard, FileStandardInformation)) {
            return FALSE;
        }
        base = standard.EndOfFile.QuadPart;
    } else {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    LARGE_INTEGER position;
    position.QuadPart = base + distance.QuadPart;
    if (position.QuadPart < 0) {
        SetLastError(ERROR_NEGATIVE_SEEK);
        return FALSE;
    }
    if (!SetFile(file, &position, sizeof position, FilePositionInformation)) {
        return FALSE;
    }
    if (new_position) {
        *new_position = position;
    }
    return TRUE;
}

DWORD WINAPI SetFilePointer(HANDLE file, LONG distance, LONG *high, DWORD method)
{
    LARGE_INTEGER move, position;
    move.QuadPart = high ? ((LONGLONG)*high << 32) | (ULONG)distance : (LONGLONG)distance;
    if (!SetFilePointerEx(file, move, &position, method)) {
        return INVALID_SET_FILE_POINTER;
    }
    if (high) {
        *high = position.u.HighPart;
    }
    if (position.u.LowPart == INVALID_SET_FILE_POINTER) {
        SetLastError(ERROR_SUCCESS); /* a real position, not the failure value */
    }
    return position.u.LowPart;
}

BOOL WINAPI GetFileSizeEx(HANDLE file, LARGE_INTEGER *size)
{
    FILE_STANDARD_INFORMATION standard;
    if (!QueryFile(file, &standard, sizeof standard, FileStandardInformation)) {
        return FALSE;
    }
    *size = standard.EndOfFile;
    return TRUE;
}

DWORD WINAPI GetFileSize(HANDLE file, DWORD *high)
{
    LARGE_INTEGER size;
    if (!GetFileSizeEx(file, &size)) {
        return INVALID_FILE_SIZE;
    }
    if (high) {
        *high = (DWORD)size.u.HighPart;
    }
    if (size.u.LowPart == INVALID_FILE_SIZE) {
        SetLastError(ERROR_SUCCESS);
    }
    return size.u.LowPart;
}

#define FILE_TYPE_UNKNOWN 0
#define FILE_TYPE_DISK    1
#define FILE_TYPE_CHAR    2
#define FILE_TYPE_PIPE    3

DWORD WINAPI GetFileType(HANDLE file)
{
    FILE_FS_DEVICE_INFORMATION device;
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtQueryVolumeInformationFile(file, &iosb, &device, sizeof device,
                                                   FileFsDeviceInformation);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FILE_TYPE_UNKNOWN;
    }
    SetLastError(ERROR_SUCCESS);
    switch (device.DeviceType) {
    case FILE_DEVICE_DISK:
        return FILE_TYPE_DISK;
    case FILE_DEVICE_NAMED_PIPE:
        return FILE_TYPE_PIPE;
    default:
        return FILE_TYPE_CHAR; /* the console, NUL */
    }
}

BOOL WINAPI FlushFileBuffers(HANDLE file)
{
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtFlushBuffersFile(file, &iosb);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

/* The end of file where the pointer is (and the allocation with it). */
BOOL WINAPI SetEndOfFile(HANDLE file)
{
    LARGE_INTEGER position;
    return QueryFile(file, &position, sizeof position, FilePositionInformation) &&
           SetFile(file, &position, sizeof position, FileEndOfFileInformation) &&
           SetFile(file, &position, sizeof position, FileAllocationInformation);
}

#define LOCKFILE_FAIL_IMMEDIATELY 1
#define LOCKFILE_EXCLUSIVE_LOCK   2

static BOOL Lock(HANDLE file, DWORD offset_low, DWORD offset_high, DWORD length_low,
                 DWORD length_high, BOOLEAN fail_immediately, BOOLEAN exclusive)
{
    LARGE_INTEGER offset, length;
    IO_STATUS_BLOCK iosb;
    offset.u.LowPart = offset_low;
    offset.u.HighPart = (LONG)offset_high;
    length.u.LowPart = length_low;
    length.u.HighPart = (LONG)length_high;
    NTSTATUS status = NtLockFile(file, NULL, NULL, NULL, &iosb, &offset, &length, 0,
                                 fail_immediately, exclusive);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

static BOOL Unlock(HANDLE file, DWORD offset_low, DWORD offset_high, DWORD length_low,
                   DWORD length_high)
{
    LARGE_INTEGER offset, length;
    IO_STATUS_BLOCK iosb;
    offset.u.LowPart = offset_low;
    offset.u.HighPart = (LONG)offset_high;
    length.u.LowPart = length_low;
    length.u.HighPart = (LONG)length_high;
    NTSTATUS status = NtUnlockFile(file, &iosb, &offset, &length, 0);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

/* LockFile: exclusive, and never waits. */
BOOL WINAPI LockFile(HANDLE file, DWORD offset_low, DWORD offset_high, DWORD length_low,
                     DWORD length_high)
{
    return Lock(file, offset_low, offset_high, length_low, length_high, TRUE, TRUE);
}

BOOL WINAPI LockFileEx(HANDLE file, DWORD flags, DWORD reserved, DWORD length_low,
                       DWORD length_high, OVERLAPPED *overlapped)
{
    if (reserved || !overlapped) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return Lock(file, overlapped->Offset, overlapped->OffsetHigh, length_low, length_high,
                (flags & LOCKFILE_FAIL_IMMEDIATELY) != 0, (flags & LOCKFILE_EXCLUSIVE_LOCK) != 0);
}

BOOL WINAPI UnlockFile(HANDLE file, DWORD offset_low, DWORD offset_high, DWORD length_low,
                       DWORD length_high)
{
    return Unlock(file, offset_low, offset_high, length_low, length_high);
}

BOOL WINAPI UnlockFileEx(HANDLE file, DWORD reserved, DWORD length_low, DWORD length_high,
                         OVERLAPPED *overlapped)
{
    if (reserved || !overlapped) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return Unlock(file, overlapped->Offset, overlapped->OffsetHigh, length_low, length_high);
}

static void ToFileTime(FILETIME *out, const LARGE_INTEGER *in)
{
    if (out) {
        out->dwLowDateTime = in->u.LowPart;
        out->dwHighDateTime = (DWORD)in->u.HighPart;
    }
}

BOOL WINAPI GetFileTime(HANDLE file, FILETIME *creation, FILETIME *access, FILETIME *write)
{
    FILE_BASIC_INFORMATION basic;
    if (!QueryFile(file, &basic, sizeof basic, FileBasicInformation)) {
        return FALSE;
    }
    ToFileTime(creation, &basic.CreationTime);
    ToFileTime(access, &basic.LastAccessTime);
    ToFileTime(write, &basic.LastWriteTime);
    return TRUE;
}

static void FromFileTime(LARGE_INTEGER *out, const FILETIME *in)
{
    out->QuadPart = 0; /* 0: leave it as it is */
    if (in) {
        out->u.LowPart = in->dwLowDateTime;
        out->u.HighPart = (LONG)in->dwHighDateTime;
    }
}

BOOL WINAPI SetFileTime(HANDLE file, const FILETIME *creation, const FILETIME *access,
                        const FILETIME *write)
{
    FILE_BASIC_INFORMATION basic;
    memset(&basic, 0, sizeof basic);
    FromFileTime(&basic.CreationTime, creation);
    FromFileTime(&basic.LastAccessTime, access);
    FromFileTime(&basic.LastWriteTime, write);
    return SetFile(file, &basic, sizeof basic, FileBasicInformation);
}

BOOL WINAPI GetFileInformationByHandle(HANDLE file, BY_HANDLE_FILE_INFORMATION *info)
{
    FILE_BASIC_INFORMATION basic;
    FILE_STANDARD_INFORMATION standard;
    LARGE_INTEGER index;
    struct {
        FILE_FS_VOLUME_INFORMATION volume;
        WCHAR label[32];
    } volume;
    IO_STATUS_BLOCK iosb;
    if (!QueryFile(file, &basic, sizeof basic, FileBasicInformation) ||
        !QueryFile(file, &standard, sizeof standard, FileStandardInformation) ||
        !QueryFile(file, &index, sizeof index, FileInternalInformation)) {
        return FALSE;
    }
    NTSTATUS status = NtQueryVolumeInformationFile(file, &iosb, &volume, sizeof volume,
                                                   FileFsVolumeInformation);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    info->dwFileAttributes = basic.FileAttributes;
    ToFileTime(&info->ftCreationTime, &basic.CreationTime);
    ToFileTime(&info->ftLastAccessTime, &basic.LastAccessTime);
    ToFileTime(&info->ftLastWriteTime, &basic.LastWriteTime);
    info->dwVolumeSerialNumber = volume.volume.VolumeSerialNumber;
    info->nFileSizeHigh = (DWORD)standard.EndOfFile.u.HighPart;
    info->nFileSizeLow = standard.EndOfFile.u.LowPart;
    info->nNumberOfLinks = standard.NumberOfLinks;
    info->nFileIndexHigh = (DWORD)index.u.HighPart;
    info->nFileIndexLow = index.u.LowPart;
    return TRUE;
}

/*
 * PeekNamedPipe: FSCTL_PIPE_PEEK (ke/fsctl.c). Answered for ntmm's own
 * pipes (CreatePipe: the bytes queued, as many copied as fit) and for a
 * standard stream the host has as a pipe or socket: the bytes waiting (and, from a
 * socket, the bytes themselves, left to be read); a FIFO gives the count
 * alone (*read 0). A handle that is no pipe: ERROR_INVALID_FUNCTION; a
 * pipe whose writer has gone, emptied: ERROR_BROKEN_PIPE. There are no
 * messages (*left 0): these pipes are byte streams.
 */
#define FSCTL_PIPE_PEEK 0x0011400Cu

BOOL WINAPI PeekNamedPipe(HANDLE pipe, void *buffer, DWORD size, DWORD *read, DWORD *available, DWORD *left)
{
    ULONG room = buffer ? size : 0;
    ULONG *peek = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, 16 + room);
    if (!peek) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    IO_STATUS_BLOCK io;
    NTSTATUS status = NtFsControlFile(pipe, NULL, NULL, NULL, &io, FSCTL_PIPE_PEEK, NULL, 0, peek, 16 + room);
    if (!NT_SUCCESS(status) && status != STATUS_BUFFER_OVERFLOW) {
        RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, peek);
        BaseSetLastNtError(status);
        return FALSE;
    }
    DWORD copied = io.Information > 16 ? (DWORD)io.Information - 16 : 0;
    if (copied) {
        memcpy(buffer, peek + 4, copied);
    }
    if (read) {
        *read = copied;
    }
    if (available) {
        *available = peek[1];
    }
    if (left) {
        *left = 0;
    }
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, peek);
    return TRUE;
}
