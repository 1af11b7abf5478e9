/*
 * NtQueryVolumeInformationFile: the volume behind a file of C: (the host
 * file system's sizes, an NTFS-like description), and the device type of
 * the null device.
 */
#include "io/iop.h"

#include <errno.h>
#include <string.h>
#include <sys/statvfs.h>

#define FILE_DEVICE_DISK          0x00000007u
#define FILE_DEVICE_NULL          0x00000015u
#define FILE_READ_ONLY_DEVICE     0x00000002u
#define FILE_DEVICE_IS_MOUNTED    0x00000020u

/* FILE_FS_ATTRIBUTE_INFORMATION's flags: what this file system does. */
#define FILE_CASE_PRESERVED_NAMES 0x00000002u
#define FILE_UNICODE_ON_DISK      0x00000004u
#define FILE_READ_ONLY_VOLUME     0x00080000u

static uint32_t PutUnicode(uint8_t *p, const char *text)
{
    uint16_t wide[64];
    uint32_t units = IoUtf8ToUtf16(text, wide, 64);
    for (uint32_t i = 0; i < units; i++) {
        IopPut16(p + 2 * i, wide[i]);
    }
    return units * 2;
}

NTSTATUS IoQueryVolumeInformation(EX_FILE *base, uint32_t class, void *buffer, uint32_t length,
                                  uint32_t *returned)
{
    IO_FILE_OBJECT *file = IopFileObject(base);
    IO_VOLUME *volume = file->Volume;
    uint8_t *p = buffer;
    uint8_t scratch[128];
    memset(scratch, 0, sizeof scratch);
    uint32_t size;
    *returned = 0;
    if (class == FileFsDeviceInformation) {
        if (length < 8) {
            return STATUS_INFO_LENGTH_MISMATCH;
        }
        bool null = file->Device == IopNull;
        IopPut32(p, null ? FILE_DEVICE_NULL : FILE_DEVICE_DISK);
        IopPut32(p + 4, null ? 0 : FILE_DEVICE_IS_MOUNTED | (volume->ReadOnly ? FILE_READ_ONLY_DEVICE : 0));
        *returned = 8;
        return STATUS_SUCCESS;
    }
    if (file->Device != IopDisk) {
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    struct statvfs vfs;
    if (fstatvfs(volume->RootFd, &vfs) != 0) {
        return IopErrnoToStatus(errno);
    }
    /* Sizes in 4 KiB clusters of 8 sectors, as NTFS formats. */
    uint64_t cluster = 4096;
    uint64_t total = (uint64_t)vfs.f_blocks * vfs.f_frsize / cluster;
    uint64_t available = (uint64_t)vfs.f_bavail * vfs.f_frsize / cluster;
    uint64_t free_clusters = (uint64_t)vfs.f_bfree * vfs.f_frsize / cluster;
    if (volume->ReadOnly) {
        available = free_clusters = 0;
    }
    switch (class) {
    case FileFsVolumeInformation:
        /* VolumeCreationTime, VolumeSerialNumber, VolumeLabelLength,
         * SupportsObjects, VolumeLabel. */
        IopPut64(scratch, IopFileTime(0, 0));
        IopPut32(scratch + 8, volume->SerialNumber);
        size = 18 + PutUnicode(scratch + 18, "NTMM");
        IopPut32(scratch + 12, size - 18);
        scratch[16] = 0;
        break;
    case FileFsSizeInformation:
        IopPut64(scratch, total);
        IopPut64(scratch + 8, available);
        IopPut32(scratch + 16, 8);
        IopPut32(scratch + 20, 512);
        size = 24;
        break;
    case FileFsFullSizeInformation:
        IopPut64(scratch, total);
        IopPut64(scratch + 8, available);
        IopPut64(scratch + 16, free_clusters);
        IopPut32(scratch + 24, 8);
        IopPut32(scratch + 28, 512);
        size = 32;
        break;
    case FileFsAttributeInformation:
        IopPut32(scratch, FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK |
                          (volume->ReadOnly ? FILE_READ_ONLY_VOLUME : 0));
        IopPut32(scratch + 4, 255);
        size = 12 + PutUnicode(scratch + 12, "NTFS");
        IopPut32(scratch + 8, size - 12);
        break;
    default:
        return STATUS_INVALID_INFO_CLASS;
    }
    /* The fixed part must fit; a name that does not is cut (BUFFER_OVERFLOW). */
    uint32_t fixed = class == FileFsVolumeInformation ? 24 : class == FileFsAttributeInformation ? 16 : size;
    if (length < fixed) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    uint32_t copied = length < size ? length : size;
    memcpy(p, scratch, copied);
    *returned = copied;
    return copied < size ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}
