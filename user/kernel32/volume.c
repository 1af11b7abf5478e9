/*
 * Drives and volumes: there is one, C:, the directory `ntmm run --root`
 * names. Its sizes are the host file system's, its description NTFS's.
 */
#include "kernel32/fileapi.h"

#define DRIVE_NO_ROOT_DIR 1
#define DRIVE_FIXED       3

DWORD WINAPI GetLogicalDrives(void)
{
    return 1u << 2; /* C: */
}

/* A handle to the root of the volume `root` names (NULL: the current one). */
static HANDLE OpenRoot(const WCHAR *root)
{
    WCHAR path[MAX_PATH];
    if (!root) {
        GetCurrentDirectoryW(MAX_PATH, path);
        path[3] = 0;
        if (path[1] != ':') {
            SetLastError(ERROR_PATH_NOT_FOUND);
            return NULL;
        }
        root = path;
    }
    NTSTATUS status;
    HANDLE handle = BaseOpenFile(root, FILE_READ_ATTRIBUTES,
                                 FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                                 FILE_DIRECTORY_FILE | FILE_OPEN_FOR_BACKUP_INTENT, &status);
    return handle;
}

static BOOL QueryVolume(const WCHAR *root, void *info, ULONG length, ULONG class)
{
    HANDLE handle = OpenRoot(root);
    if (!handle) {
        return FALSE;
    }
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtQueryVolumeInformationFile(handle, &iosb, info, length, class);
    NtClose(handle);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

static DWORD Clamp(LONGLONG value)
{
    return value > 0xFFFFFFFFll ? 0xFFFFFFFFu : (DWORD)value;
}

BOOL WINAPI GetDiskFreeSpaceW(const WCHAR *root, DWORD *sectors_per_cluster, DWORD *bytes_per_sector,
                              DWORD *free_clusters, DWORD *total_clusters)
{
    FILE_FS_SIZE_INFORMATION size;
    if (!QueryVolume(root, &size, sizeof size, FileFsSizeInformation)) {
        return FALSE;
    }
    if (sectors_per_cluster) {
        *sectors_per_cluster = size.SectorsPerAllocationUnit;
    }
    if (bytes_per_sector) {
        *bytes_per_sector = size.BytesPerSector;
    }
    if (free_clusters) {
        *free_clusters = Clamp(size.AvailableAllocationUnits.QuadPart);
    }
    if (total_clusters) {
        *total_clusters = Clamp(size.TotalAllocationUnits.QuadPart);
    }
    return TRUE;
}

BOOL WINAPI GetDiskFreeSpaceExW(const WCHAR *directory, LARGE_INTEGER *caller_free,
                                LARGE_INTEGER *total, LARGE_INTEGER *total_free)
{
    FILE_FS_FULL_SIZE_INFORMATION size;
    if (!QueryVolume(directory, &size, sizeof size, FileFsFullSizeInformation)) {
        return FALSE;
    }
    LONGLONG unit = (LONGLONG)size.SectorsPerAllocationUnit * size.BytesPerSector;
    if (caller_free) {
        caller_free->QuadPart = size.CallerAvailableAllocationUnits.QuadPart * unit;
    }
    if (total) {
        total->QuadPart = size.TotalAllocationUnits.QuadPart * unit;
    }
    if (total_free) {
        total_free->QuadPart = size.ActualAvailableAllocationUnits.QuadPart * unit;
    }
    return TRUE;
}

/* What GetVolumeInformation(ByHandle) say about the volume a handle is on. */
static BOOL Describe(HANDLE handle, WCHAR *label, DWORD label_size, DWORD *serial,
                     DWORD *max_component, DWORD *flags, WCHAR *fs_name, DWORD fs_name_size)
{
    struct {
        FILE_FS_VOLUME_INFORMATION info;
        WCHAR more[64];
    } volume;
    struct {
        FILE_FS_ATTRIBUTE_INFORMATION info;
        WCHAR more[64];
    } attributes;
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtQueryVolumeInformationFile(handle, &iosb, &volume, sizeof volume,
                                                   FileFsVolumeInformation);
    if (NT_SUCCESS(status)) {
        status = NtQueryVolumeInformationFile(handle, &iosb, &attributes, sizeof attributes,
                                              FileFsAttributeInformation);
    }
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    if (label) {
        DWORD n = volume.info.VolumeLabelLength / 2;
        if (n + 1 > label_size) {
            SetLastError(ERROR_BAD_LENGTH);
            return FALSE;
        }
        memcpy(label, volume.info.VolumeLabel, n * 2);
        label[n] = 0;
    }
    if (fs_name) {
        DWORD n = attributes.info.FileSystemNameLength / 2;
        if (n + 1 > fs_name_size) {
            SetLastError(ERROR_BAD_LENGTH);
            return FALSE;
        }
        memcpy(fs_name, attributes.info.FileSystemName, n * 2);
        fs_name[n] = 0;
    }
    if (serial) {
        *serial = volume.info.VolumeSerialNumber;
    }
    if (max_component) {
        *max_component = (DWORD)attributes.info.MaximumComponentNameLength;
    }
    if (flags) {
        *flags = attributes.info.FileSystemAttributes;
    }
    return TRUE;
}

BOOL WINAPI GetVolumeInformationW(const WCHAR *root, WCHAR *label, DWORD label_size, DWORD *serial,
                                  DWORD *max_component, DWORD *flags, WCHAR *fs_name,
                                  DWORD fs_name_size)
{
    HANDLE handle = OpenRoot(root);
    if (!handle) {
        return FALSE;
    }
    BOOL ok = Describe(handle, label, label_size, serial, max_component, flags, fs_name, fs_name_size);
    NtClose(handle);
    return ok;
}

/* The volume of any open file or directory (Vista). */
BOOL WINAPI GetVolumeInformationByHandleW(HANDLE file, WCHAR *label, DWORD label_size, DWORD *serial,
                                          DWORD *max_component, DWORD *flags, WCHAR *fs_name,
                                          DWORD fs_name_size)
{
    return Describe(file, label, label_size, serial, max_component, flags, fs_name, fs_name_size);
}

/* A drive's root ("C:\", "C:" or "C:/..."): whether it is C:. */
static BOOL IsDriveC(const WCHAR *root)
{
    return !root || ((root[0] == 'C' || root[0] == 'c') && root[1] == ':' &&
                     (!root[2] || ((root[2] == '\\' || root[2] == '/') && !root[3])));
}

UINT WINAPI GetDriveTypeW(const WCHAR *root)
{
    return IsDriveC(root) ? DRIVE_FIXED : DRIVE_NO_ROOT_DIR;
}

UINT WINAPI GetDriveTypeA(const char *root)
{
    WCHAR wide[4] = {0, 0, 0, 0};
    for (int i = 0; root && i < 3 && root[i]; i++) {
        wide[i] = (BYTE)root[i];
    }
    if (root && root[0] && root[1] && root[2] && root[3]) {
        return DRIVE_NO_ROOT_DIR;
    }
    return GetDriveTypeW(root ? wide : NULL);
}

/* The A forms: the root name widened, strings narrowed back. */
BOOL WINAPI GetDiskFreeSpaceA(const char *root, DWORD *sectors_per_cluster, DWORD *bytes_per_sector,
                              DWORD *free_clusters, DWORD *total_clusters)
{
    WCHAR *wide = root ? BaseNameFromAnsi(root) : NULL;
    if (root && !wide) {
        return FALSE;
    }
    BOOL ok = GetDiskFreeSpaceW(wide, sectors_per_cluster, bytes_per_sector, free_clusters,
                                total_clusters);
    BaseFreeName(wide);
    return ok;
}

BOOL WINAPI GetDiskFreeSpaceExA(const char *directory, LARGE_INTEGER *caller_free,
                                LARGE_INTEGER *total, LARGE_INTEGER *total_free)
{
    WCHAR *wide = directory ? BaseNameFromAnsi(directory) : NULL;
    if (directory && !wide) {
        return FALSE;
    }
    BOOL ok = GetDiskFreeSpaceExW(wide, caller_free, total, total_free);
    BaseFreeName(wide);
    return ok;
}

BOOL WINAPI GetVolumeInformationA(const char *root, char *label, DWORD label_size, DWORD *serial,
                                  DWORD *max_component, DWORD *flags, char *fs_name,
                                  DWORD fs_name_size)
{
    WCHAR *wide = root ? BaseNameFromAnsi(root) : NULL;
    if (root && !wide) {
        return FALSE;
    }
    WCHAR wide_label[64], wide_fs[64];
    BOOL ok = GetVolumeInformationW(wide, wide_label, 64, serial, max_component, flags, wide_fs, 64);
    BaseFreeName(wide);
    if (ok && label && BaseNameToAnsi(wide_label, wcslen(wide_label), label, label_size) >= label_size) {
        SetLastError(ERROR_BAD_LENGTH);
        return FALSE;
    }
    if (ok && fs_name && BaseNameToAnsi(wide_fs, wcslen(wide_fs), fs_name, fs_name_size) >= fs_name_size) {
        SetLastError(ERROR_BAD_LENGTH);
        return FALSE;
    }
    return ok;
}
