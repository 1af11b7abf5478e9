/*
 * The file system's native interface, as ntdll and kernel32 use it: the
 * services of ke/iosvc.c, their constants and information layouts (Windows
 * x86), and ntdll's Win32 path routines.
 */
#ifndef NTMM_NTFILE_H
#define NTMM_NTFILE_H

#include "inc/ntguest.h"

#define STATUS_NO_MORE_FILES          ((NTSTATUS)0x80000006L)
#define STATUS_BUFFER_OVERFLOW        ((NTSTATUS)0x80000005L)
#define STATUS_NO_SUCH_FILE           ((NTSTATUS)0xC000000FL)
#define STATUS_NO_MEMORY              ((NTSTATUS)0xC0000017L)
#define STATUS_ACCESS_DENIED          ((NTSTATUS)0xC0000022L)
#define STATUS_BUFFER_TOO_SMALL       ((NTSTATUS)0xC0000023L)
#define STATUS_OBJECT_NAME_INVALID    ((NTSTATUS)0xC0000033L)
#define STATUS_OBJECT_NAME_NOT_FOUND  ((NTSTATUS)0xC0000034L)
#define STATUS_OBJECT_NAME_COLLISION  ((NTSTATUS)0xC0000035L)
#define STATUS_OBJECT_PATH_NOT_FOUND  ((NTSTATUS)0xC000003AL)
#define STATUS_SHARING_VIOLATION      ((NTSTATUS)0xC0000043L)
#define STATUS_FILE_LOCK_CONFLICT     ((NTSTATUS)0xC0000054L)
#define STATUS_LOCK_NOT_GRANTED       ((NTSTATUS)0xC0000055L)
#define STATUS_DELETE_PENDING         ((NTSTATUS)0xC0000056L)
#define STATUS_RANGE_NOT_LOCKED       ((NTSTATUS)0xC000007EL)
#define STATUS_MEDIA_WRITE_PROTECTED  ((NTSTATUS)0xC00000A2L)
#define STATUS_FILE_IS_A_DIRECTORY    ((NTSTATUS)0xC00000BAL)
#define STATUS_NOT_SUPPORTED          ((NTSTATUS)0xC00000BBL)
#define STATUS_BAD_NETWORK_PATH       ((NTSTATUS)0xC00000BEL)
#define STATUS_DIRECTORY_NOT_EMPTY    ((NTSTATUS)0xC0000101L)
#define STATUS_NOT_A_DIRECTORY        ((NTSTATUS)0xC0000103L)
#define STATUS_NAME_TOO_LONG          ((NTSTATUS)0xC0000106L)
#define STATUS_CANNOT_DELETE          ((NTSTATUS)0xC0000121L)
#define STATUS_INVALID_DEVICE_REQUEST ((NTSTATUS)0xC0000010L)
#define STATUS_INFO_LENGTH_MISMATCH   ((NTSTATUS)0xC0000004L)

/* Access */
#define DELETE                  0x00010000
#define READ_CONTROL            0x00020000
#define SYNCHRONIZE             0x00100000
#define GENERIC_READ            0x80000000
#define GENERIC_WRITE           0x40000000
#define GENERIC_EXECUTE         0x20000000
#define GENERIC_ALL             0x10000000
#define FILE_READ_DATA          0x0001
#define FILE_LIST_DIRECTORY     0x0001
#define FILE_WRITE_DATA         0x0002
#define FILE_APPEND_DATA        0x0004
#define FILE_TRAVERSE           0x0020
#define FILE_READ_ATTRIBUTES    0x0080
#define FILE_WRITE_ATTRIBUTES   0x0100
#define FILE_SHARE_READ         1
#define FILE_SHARE_WRITE        2
#define FILE_SHARE_DELETE       4

/* NtCreateFile */
#define FILE_SUPERSEDE          0
#define FILE_OPEN               1
#define FILE_CREATE             2
#define FILE_OPEN_IF            3
#define FILE_OVERWRITE          4
#define FILE_OVERWRITE_IF       5
#define FILE_SUPERSEDED         0
#define FILE_OPENED             1
#define FILE_CREATED            2
#define FILE_OVERWRITTEN        3
#define FILE_DIRECTORY_FILE           0x00000001
#define FILE_WRITE_THROUGH            0x00000002
#define FILE_SEQUENTIAL_ONLY          0x00000004
#define FILE_NO_INTERMEDIATE_BUFFERING 0x00000008
#define FILE_SYNCHRONOUS_IO_ALERT     0x00000010
#define FILE_SYNCHRONOUS_IO_NONALERT  0x00000020
#define FILE_NON_DIRECTORY_FILE       0x00000040
#define FILE_RANDOM_ACCESS            0x00000800
#define FILE_DELETE_ON_CLOSE          0x00001000
#define FILE_OPEN_FOR_BACKUP_INTENT   0x00004000
#define FILE_OPEN_REPARSE_POINT       0x00200000
#define OBJ_CASE_INSENSITIVE          0x00000040

#define FILE_ATTRIBUTE_READONLY   0x0001
#define FILE_ATTRIBUTE_HIDDEN     0x0002
#define FILE_ATTRIBUTE_SYSTEM     0x0004
#define FILE_ATTRIBUTE_DIRECTORY  0x0010
#define FILE_ATTRIBUTE_ARCHIVE    0x0020
#define FILE_ATTRIBUTE_NORMAL     0x0080
#define FILE_ATTRIBUTE_TEMPORARY  0x0100

typedef enum FILE_INFORMATION_CLASS {
    FileDirectoryInformation = 1, FileFullDirectoryInformation, FileBothDirectoryInformation,
    FileBasicInformation, FileStandardInformation, FileInternalInformation, FileEaInformation,
    FileAccessInformation, FileNameInformation, FileRenameInformation, FileLinkInformation,
    FileNamesInformation, FileDispositionInformation, FilePositionInformation,
    FileFullEaInformation, FileModeInformation, FileAlignmentInformation, FileAllInformation,
    FileAllocationInformation, FileEndOfFileInformation, FileNetworkOpenInformation = 34,
    FileAttributeTagInformation = 35, FileIdBothDirectoryInformation = 37,
} FILE_INFORMATION_CLASS;

typedef enum FS_INFORMATION_CLASS {
    FileFsVolumeInformation = 1, FileFsSizeInformation = 3, FileFsDeviceInformation = 4,
    FileFsAttributeInformation = 5, FileFsFullSizeInformation = 7,
} FS_INFORMATION_CLASS;

typedef struct FILE_BASIC_INFORMATION {
    LARGE_INTEGER CreationTime, LastAccessTime, LastWriteTime, ChangeTime;
    ULONG FileAttributes;
} FILE_BASIC_INFORMATION;

typedef struct FILE_STANDARD_INFORMATION {
    LARGE_INTEGER AllocationSize, EndOfFile;
    ULONG NumberOfLinks;
    BOOLEAN DeletePending, Directory;
} FILE_STANDARD_INFORMATION;

typedef struct FILE_NAME_INFORMATION {
    ULONG FileNameLength;
    WCHAR FileName[1];
} FILE_NAME_INFORMATION;

typedef struct FILE_NETWORK_OPEN_INFORMATION {
    LARGE_INTEGER CreationTime, LastAccessTime, LastWriteTime, ChangeTime;
    LARGE_INTEGER AllocationSize, EndOfFile;
    ULONG FileAttributes;
} FILE_NETWORK_OPEN_INFORMATION;

typedef struct FILE_RENAME_INFORMATION {
    BOOLEAN ReplaceIfExists;
    HANDLE RootDirectory;
    ULONG FileNameLength;
    WCHAR FileName[1];
} FILE_RENAME_INFORMATION;

typedef struct FILE_BOTH_DIR_INFORMATION {
    ULONG NextEntryOffset, FileIndex;
    LARGE_INTEGER CreationTime, LastAccessTime, LastWriteTime, ChangeTime;
    LARGE_INTEGER EndOfFile, AllocationSize;
    ULONG FileAttributes, FileNameLength, EaSize;
    CHAR ShortNameLength;
    WCHAR ShortName[12];
    WCHAR FileName[1];
} FILE_BOTH_DIR_INFORMATION;

typedef struct FILE_FS_SIZE_INFORMATION {
    LARGE_INTEGER TotalAllocationUnits, AvailableAllocationUnits;
    ULONG SectorsPerAllocationUnit, BytesPerSector;
} FILE_FS_SIZE_INFORMATION;

typedef struct FILE_FS_FULL_SIZE_INFORMATION {
    LARGE_INTEGER TotalAllocationUnits, CallerAvailableAllocationUnits,
        ActualAvailableAllocationUnits;
    ULONG SectorsPerAllocationUnit, BytesPerSector;
} FILE_FS_FULL_SIZE_INFORMATION;

typedef struct FILE_FS_DEVICE_INFORMATION {
    ULONG DeviceType, Characteristics;
} FILE_FS_DEVICE_INFORMATION;

typedef struct FILE_FS_VOLUME_INFORMATION {
    LARGE_INTEGER VolumeCreationTime;
    ULONG VolumeSerialNumber, VolumeLabelLength;
    BOOLEAN SupportsObjects;
    WCHAR VolumeLabel[1];
} FILE_FS_VOLUME_INFORMATION;

typedef struct FILE_FS_ATTRIBUTE_INFORMATION {
    ULONG FileSystemAttributes;
    LONG MaximumComponentNameLength;
    ULONG FileSystemNameLength;
    WCHAR FileSystemName[1];
} FILE_FS_ATTRIBUTE_INFORMATION;

#define FILE_DEVICE_DISK       0x00000007
#define FILE_DEVICE_NAMED_PIPE 0x00000011
#define FILE_DEVICE_NULL       0x00000015
#define FILE_DEVICE_CONSOLE    0x00000050

NTSTATUS NTAPI NtCreateFile(HANDLE *, ULONG, OBJECT_ATTRIBUTES *, IO_STATUS_BLOCK *,
                            LARGE_INTEGER *, ULONG, ULONG, ULONG, ULONG, PVOID, ULONG);
NTSTATUS NTAPI NtOpenFile(HANDLE *, ULONG, OBJECT_ATTRIBUTES *, IO_STATUS_BLOCK *, ULONG, ULONG);
NTSTATUS NTAPI NtQueryInformationFile(HANDLE, IO_STATUS_BLOCK *, PVOID, ULONG, ULONG);
NTSTATUS NTAPI NtSetInformationFile(HANDLE, IO_STATUS_BLOCK *, PVOID, ULONG, ULONG);
NTSTATUS NTAPI NtQueryDirectoryFile(HANDLE, HANDLE, PVOID, PVOID, IO_STATUS_BLOCK *, PVOID, ULONG,
                                    ULONG, BOOLEAN, UNICODE_STRING *, BOOLEAN);
NTSTATUS NTAPI NtQueryVolumeInformationFile(HANDLE, IO_STATUS_BLOCK *, PVOID, ULONG, ULONG);
NTSTATUS NTAPI NtFlushBuffersFile(HANDLE, IO_STATUS_BLOCK *);
NTSTATUS NTAPI NtLockFile(HANDLE, HANDLE, PVOID, PVOID, IO_STATUS_BLOCK *, LARGE_INTEGER *,
                          LARGE_INTEGER *, ULONG, BOOLEAN, BOOLEAN);
NTSTATUS NTAPI NtUnlockFile(HANDLE, IO_STATUS_BLOCK *, LARGE_INTEGER *, LARGE_INTEGER *, ULONG);
NTSTATUS NTAPI NtDeleteFile(OBJECT_ATTRIBUTES *);
NTSTATUS NTAPI NtQueryAttributesFile(OBJECT_ATTRIBUTES *, FILE_BASIC_INFORMATION *);
NTSTATUS NTAPI NtQueryFullAttributesFile(OBJECT_ATTRIBUTES *, FILE_NETWORK_OPEN_INFORMATION *);

/* ntdll's Win32 path rules (rtlpath.c). */
typedef enum RTL_PATH_TYPE {
    RtlPathTypeUnknown, RtlPathTypeUncAbsolute, RtlPathTypeDriveAbsolute,
    RtlPathTypeDriveRelative, RtlPathTypeRooted, RtlPathTypeRelative, RtlPathTypeLocalDevice,
    RtlPathTypeRootLocalDevice,
} RTL_PATH_TYPE;

RTL_PATH_TYPE NTAPI RtlDetermineDosPathNameType_U(const WCHAR *path);
ULONG NTAPI RtlIsDosDeviceName_U(const WCHAR *path);
ULONG NTAPI RtlGetFullPathName_U(const WCHAR *name, ULONG size, WCHAR *buffer, WCHAR **file_part);
BOOLEAN NTAPI RtlDosPathNameToNtPathName_U(const WCHAR *dos, UNICODE_STRING *nt, WCHAR **file_part,
                                           PVOID relative);
NTSTATUS NTAPI RtlDosPathNameToNtPathName_U_WithStatus(const WCHAR *dos, UNICODE_STRING *nt,
                                                       WCHAR **file_part, PVOID relative);
ULONG NTAPI RtlGetCurrentDirectory_U(ULONG size, WCHAR *buffer);
NTSTATUS NTAPI RtlSetCurrentDirectory_U(UNICODE_STRING *directory);
void NTAPI RtlFreeUnicodeString(UNICODE_STRING *string);

#endif
