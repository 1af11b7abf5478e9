/*
 * The I/O manager and the one file system under it: file objects over host
 * files below a root directory, which the guest sees as its C: volume.
 *
 * io/ knows nothing of the guest's memory: the system services (ke/iosvc.c)
 * capture names and buffers and hand io/ host copies. Names arrive as NT
 * paths in UTF-8 (\??\C:\dir\file); the Win32 rules (drive-relative paths,
 * `/`, `.` and `..`, device names) are ntdll's business, as on NT.
 *
 * The sandbox: every host file is reached with openat2(RESOLVE_BENEATH) from
 * the root's descriptor, so neither a name nor a symbolic link inside the
 * root can reach anything outside it; a read-only volume refuses every
 * change with STATUS_MEDIA_WRITE_PROTECTED.
 */
#ifndef NTMM_IO_H
#define NTMM_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ex/handle.h"
#include "ex/ntstatus.h"

typedef struct IO_VOLUME IO_VOLUME;
typedef struct IO_FILE_OBJECT IO_FILE_OBJECT;

/* Access rights (winnt.h). */
#define FILE_READ_DATA            0x0001u
#define FILE_LIST_DIRECTORY       0x0001u
#define FILE_WRITE_DATA           0x0002u
#define FILE_ADD_FILE             0x0002u
#define FILE_APPEND_DATA          0x0004u
#define FILE_ADD_SUBDIRECTORY     0x0004u
#define FILE_READ_EA              0x0008u
#define FILE_WRITE_EA             0x0010u
#define FILE_EXECUTE              0x0020u
#define FILE_TRAVERSE             0x0020u
#define FILE_DELETE_CHILD         0x0040u
#define FILE_READ_ATTRIBUTES      0x0080u
#define FILE_WRITE_ATTRIBUTES     0x0100u
#define IO_DELETE                 0x00010000u
#define IO_READ_CONTROL           0x00020000u
#define IO_SYNCHRONIZE            0x00100000u
#define FILE_ALL_ACCESS           0x001F01FFu
#define FILE_GENERIC_READ         0x00120089u
#define FILE_GENERIC_WRITE        0x00120116u
#define FILE_GENERIC_EXECUTE      0x001200A0u
#define IO_MAXIMUM_ALLOWED        0x02000000u
#define IO_GENERIC_READ           0x80000000u
#define IO_GENERIC_WRITE          0x40000000u
#define IO_GENERIC_EXECUTE        0x20000000u
#define IO_GENERIC_ALL            0x10000000u

#define FILE_SHARE_READ           1u
#define FILE_SHARE_WRITE          2u
#define FILE_SHARE_DELETE         4u

/* Create dispositions and what NtCreateFile's IO_STATUS_BLOCK says. */
#define FILE_SUPERSEDE            0u
#define FILE_OPEN                 1u
#define FILE_CREATE               2u
#define FILE_OPEN_IF              3u
#define FILE_OVERWRITE            4u
#define FILE_OVERWRITE_IF         5u
#define FILE_SUPERSEDED           0u
#define FILE_OPENED               1u
#define FILE_CREATED              2u
#define FILE_OVERWRITTEN          3u

/* Create options. */
#define FILE_DIRECTORY_FILE           0x00000001u
#define FILE_WRITE_THROUGH            0x00000002u
#define FILE_SEQUENTIAL_ONLY          0x00000004u
#define FILE_SYNCHRONOUS_IO_ALERT     0x00000010u
#define FILE_SYNCHRONOUS_IO_NONALERT  0x00000020u
#define FILE_NON_DIRECTORY_FILE       0x00000040u
#define FILE_RANDOM_ACCESS            0x00000800u
#define FILE_DELETE_ON_CLOSE          0x00001000u
#define FILE_OPEN_FOR_BACKUP_INTENT   0x00004000u
#define FILE_OPEN_REPARSE_POINT       0x00200000u
#define FILE_VALID_OPTION_FLAGS       0x00FFFFFFu

/* File attributes. */
#define FILE_ATTRIBUTE_READONLY   0x0001u
#define FILE_ATTRIBUTE_HIDDEN     0x0002u
#define FILE_ATTRIBUTE_SYSTEM     0x0004u
#define FILE_ATTRIBUTE_DIRECTORY  0x0010u
#define FILE_ATTRIBUTE_ARCHIVE    0x0020u
#define FILE_ATTRIBUTE_NORMAL     0x0080u

/* Information classes: FILE_INFORMATION_CLASS and FS_INFORMATION_CLASS. */
enum {
    FileDirectoryInformation = 1, FileFullDirectoryInformation = 2,
    FileBothDirectoryInformation = 3, FileBasicInformation = 4, FileStandardInformation = 5,
    FileInternalInformation = 6, FileEaInformation = 7, FileAccessInformation = 8,
    FileNameInformation = 9, FileRenameInformation = 10, FileLinkInformation = 11,
    FileNamesInformation = 12,
    FileDispositionInformation = 13, FilePositionInformation = 14, FileModeInformation = 16,
    FileAlignmentInformation = 17, FileAllInformation = 18, FileAllocationInformation = 19,
    FileEndOfFileInformation = 20, FileNetworkOpenInformation = 34,
    FileAttributeTagInformation = 35, FileIdBothDirectoryInformation = 37,
    FileObjectIdInformation = 29, FileQuotaInformation = 32, FileReparsePointInformation = 33,
    FileIdFullDirectoryInformation = 38,
};
enum {
    FileFsVolumeInformation = 1, FileFsSizeInformation = 3, FileFsDeviceInformation = 4,
    FileFsAttributeInformation = 5, FileFsFullSizeInformation = 7,
};

/* The root directory becomes the volume. NULL (and why) if it cannot be opened. */
IO_VOLUME *IoCreateVolume(const char *root, bool read_only, char *why, size_t whylen);
void IoDeleteVolume(IO_VOLUME *volume);
/* The system directory's DLLs become C:\Windows\system32's read-only
 * files (sysfiles.c): every regular file there that is a PE DLL, opened
 * now, so no later name reaches any other host file through it. A
 * directory that cannot be read leaves system32 empty (false, and why). */
bool IoMountSystemFiles(IO_VOLUME *volume, const char *system_directory, char *why,
                        size_t whylen);

/* NtCreateFile's arguments, captured. */
typedef struct IO_CREATE_PARAMETERS {
    const char *Name;               /* UTF-8; relative to RootDirectory if that is set */
    EX_FILE *RootDirectory;         /* OBJECT_ATTRIBUTES.RootDirectory's object, or NULL */
    uint32_t DesiredAccess;
    uint32_t FileAttributes;
    uint32_t ShareAccess;
    uint32_t Disposition;
    uint32_t Options;
} IO_CREATE_PARAMETERS;

/* Opens or creates; *information is FILE_OPENED, FILE_CREATED... The new
 * object has one reference, for the handle the caller makes. The granted
 * access is in (*file)->Access. */
NTSTATUS IoCreateFile(IO_VOLUME *volume, const IO_CREATE_PARAMETERS *create, EX_FILE **file,
                      uint32_t *information);

/* Whether the object is a file of the volume (the standard streams are not). */
bool IoIsDiskFile(const EX_FILE *file);

/* Byte offsets: NULL for the file object's current position (synchronous
 * files only); -1 with high part -1 means end of file (writes), -2 the
 * current position, as NtWriteFile's ByteOffset. */
#define IO_WRITE_TO_END_OF_FILE       (-1)
#define IO_USE_FILE_POINTER_POSITION  (-2)
NTSTATUS IoReadFile(EX_FILE *file, void *buffer, uint32_t length, const int64_t *offset,
                    uint32_t key, uint32_t *done);
NTSTATUS IoWriteFile(EX_FILE *file, const void *buffer, uint32_t length, const int64_t *offset,
                     uint32_t key, uint32_t *done);
NTSTATUS IoFlushFile(EX_FILE *file);

/* NtLockFile / NtUnlockFile: the owner is the file object and the key. */
NTSTATUS IoLockFile(EX_FILE *file, uint64_t offset, uint64_t length, uint32_t key,
                    bool fail_immediately, bool exclusive);
NTSTATUS IoUnlockFile(EX_FILE *file, uint64_t offset, uint64_t length, uint32_t key);

/* Information classes: the Windows x86 layout is built in (or read from)
 * a host buffer; *returned is the Information of the IO_STATUS_BLOCK. */
NTSTATUS IoQueryInformationFile(EX_FILE *file, uint32_t class, void *buffer, uint32_t length,
                                uint32_t *returned);
/* For FileRenameInformation, `target` is the new name already captured as
 * UTF-8 and `target_root` its RootDirectory's object (or NULL). */
NTSTATUS IoSetInformationFile(EX_FILE *file, uint32_t class, const void *buffer,
                              uint32_t length, const char *target, EX_FILE *target_root);
NTSTATUS IoQueryVolumeInformation(EX_FILE *file, uint32_t class, void *buffer, uint32_t length,
                                  uint32_t *returned);
/* NtQueryDirectoryFile: pattern (UTF-8) or NULL; single entry; restart scan. */
NTSTATUS IoQueryDirectory(EX_FILE *file, uint32_t class, void *buffer, uint32_t length,
                          const char *pattern, bool single, bool restart, uint32_t *returned);

/*
 * Mapped files (paging.c). The memory manager reads and writes a mapped
 * file's pages through the paging I/O routines, which take no byte-range
 * lock and move no file position, as NT's paging I/O bypasses both: a read
 * past the end of the file gives zeros, a write never extends the file.
 * The identity (device, inode) names the file whatever the file object.
 */
typedef struct IO_FILE_IDENTITY {
    uint64_t Device, Inode;
    uint64_t Size;                  /* the end of file now */
    const char *Path;               /* relative to the root, host case; lives with the file */
} IO_FILE_IDENTITY;
/* STATUS_INVALID_FILE_FOR_SECTION for what is not a file of the volume. */
NTSTATUS IoQueryFileIdentity(EX_FILE *file, IO_FILE_IDENTITY *identity);
NTSTATUS IoPageRead(EX_FILE *file, uint64_t offset, void *buffer, uint32_t length);
NTSTATUS IoPageWrite(EX_FILE *file, uint64_t offset, const void *buffer, uint32_t length);
/* A section longer than its file extends it (the caller checked access). */
NTSTATUS IoExtendFileForSection(EX_FILE *file, uint64_t size);

/*
 * The cache: NT's file systems read and write through the cache manager,
 * which maps the same section as the file's views, so ReadFile and a view
 * always agree. Here the volume tells whoever registers (ke, for mm) about
 * every read, write and truncation of a file: a read is shown the resident
 * pages of the file's mapped section over what the file held, a write
 * updates them, a truncation below a mapped section is refused
 * (STATUS_USER_MAPPED_FILE), and so is deleting a mapped file
 * (STATUS_CANNOT_DELETE).
 */
typedef struct IO_CACHE_CALLBACKS {
    void (*Read)(void *context, uint64_t device, uint64_t inode, uint64_t offset, void *buffer,
                 uint32_t length);
    void (*Write)(void *context, uint64_t device, uint64_t inode, uint64_t offset,
                  const void *buffer, uint32_t length);
    bool (*CanTruncate)(void *context, uint64_t device, uint64_t inode, uint64_t size);
    /* NT's MmFlushImageSection(MmFlushForWrite): false while the file is a
     * mapped image; an open for write is then a sharing violation. */
    bool (*CanWriteImage)(void *context, uint64_t device, uint64_t inode);
    /* NT's MmFlushImageSection(MmFlushForDelete): false while a section or
     * view of the file exists (a data section's handle or view, an image
     * that is mapped or held); an image section no one uses is dropped.
     * Deleting the file is then STATUS_CANNOT_DELETE. */
    bool (*CanDelete)(void *context, uint64_t device, uint64_t inode);
    /* NT's MmDoesFileHaveUserWritableReferences: a writable section of the
     * file (PAGE_READWRITE) or a writable view of it exists. An open that
     * does not share writing is then a sharing violation, though no file
     * object's share access says so (the section's file object has had
     * its cleanup). */
    bool (*HasWritableReferences)(void *context, uint64_t device, uint64_t inode);
    /* The guest set the file's times (SetFileTime): its contents did not
     * change, though its last-write time did. */
    void (*TimesSet)(void *context, uint64_t device, uint64_t inode);
} IO_CACHE_CALLBACKS;
void IoSetCacheCallbacks(IO_VOLUME *volume, const IO_CACHE_CALLBACKS *callbacks, void *context);

/* UTF-16 (little-endian, as the guest has it) from UTF-8: the units written. */
uint32_t IoUtf8ToUtf16(const char *text, uint16_t *out, uint32_t max_units);

#endif
