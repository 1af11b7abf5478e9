/* What kernel32's file calls share: names, handles, Win32 structures. */
#ifndef NTMM_KERNEL32_FILEAPI_H
#define NTMM_KERNEL32_FILEAPI_H

#include "inc/ntfile.h"
#include "kernel32/kernel32.h"

#define CP_ACP 0
#define INVALID_FILE_ATTRIBUTES ((DWORD)-1)
#define INVALID_FILE_SIZE ((DWORD)-1)
#define INVALID_SET_FILE_POINTER ((DWORD)-1)

#define ERROR_SUCCESS           0
#define ERROR_FILE_NOT_FOUND    2
#define ERROR_PATH_NOT_FOUND    3
#define ERROR_ACCESS_DENIED     5
#define ERROR_NOT_ENOUGH_MEMORY 8
#define ERROR_INVALID_DRIVE     15
#define ERROR_NO_MORE_FILES     18
#define ERROR_HANDLE_EOF        38
#define ERROR_NOT_SUPPORTED     50
#define ERROR_FILE_EXISTS       80
#define ERROR_BUFFER_OVERFLOW   111
#define ERROR_INSUFFICIENT_BUFFER 122
#define ERROR_INVALID_NAME      123
#define ERROR_INVALID_LEVEL     124
#define ERROR_NEGATIVE_SEEK     131
#define ERROR_ALREADY_EXISTS    183
#define ERROR_FILENAME_EXCED_RANGE 206
#define ERROR_MORE_DATA         234
#define ERROR_BAD_LENGTH        24
#define ERROR_DIRECTORY         267

/* A Win32 name's NT name (heap; RtlFreeUnicodeString). FALSE with the
 * last error set if the name is not one. */
BOOL BaseNtPathFromDosPath(const WCHAR *name, UNICODE_STRING *nt, WCHAR **file_part);
/* An ANSI file name as UTF-16, on the process heap (BaseFreeName). NULL
 * with the last error set if it cannot be. */
WCHAR *BaseNameFromAnsi(const char *name);
void BaseFreeName(WCHAR *name);
/* UTF-16 to the ANSI code page into `out` (size bytes): the chars written
 * without the terminator, or the size needed with it if it does not fit. */
DWORD BaseNameToAnsi(const WCHAR *name, DWORD length, char *out, DWORD size);
/* Opens a file by its Win32 name (NtOpenFile); the last error set on failure. */
/* fileop.c: a new name for the file at source, by rename or hard link
 * (class FileRenameInformation or FileLinkInformation). */
BOOL BaseNameFile(const WCHAR *source, ULONG access, const WCHAR *target, BOOLEAN replace,
                  ULONG class);
HANDLE BaseOpenFile(const WCHAR *name, ULONG access, ULONG share, ULONG options,
                    NTSTATUS *status);
/* fileex.c: the ApcRoutine of ReadFileEx, WriteFileEx and
 * ReadDirectoryChangesW, its ApcContext the caller's completion routine. */
void NTAPI BaseIoCompletionApc(PVOID context, IO_STATUS_BLOCK *iosb, ULONG reserved);
/* streams.c: closes a FindFirstStreamW handle; FALSE if it is none. */
BOOL BaseCloseStreamFind(HANDLE handle);
/* lfile.c: a file opened with a 16-bit OF_* mode's rights and sharing
 * (_lopen, OpenFile), with CreateFile's disposition. */
HANDLE BaseOpenWithOfMode(const char *path, UINT mode, DWORD disposition);


#endif
