/*
 * The Win32 calls msvcrt makes, declared with Windows' own signatures (the
 * guest DLLs cannot include mingw's <windows.h>: they define what it
 * declares as imported). kernel32 provides them; the ABI is Windows'.
 */
#ifndef NTMM_MSVCRT_WIN32_H
#define NTMM_MSVCRT_WIN32_H

#include "inc/ntguest.h"

#define IMPORT __declspec(dllimport)

typedef struct FILETIME {
    DWORD dwLowDateTime, dwHighDateTime;
} FILETIME;

typedef struct SYSTEMTIME {
    WORD wYear, wMonth, wDayOfWeek, wDay, wHour, wMinute, wSecond, wMilliseconds;
} SYSTEMTIME;

typedef struct SECURITY_ATTRIBUTES {
    DWORD nLength;
    PVOID lpSecurityDescriptor;
    BOOL bInheritHandle;
} SECURITY_ATTRIBUTES;

typedef struct WIN32_FILE_ATTRIBUTE_DATA {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
    DWORD nFileSizeHigh, nFileSizeLow;
} WIN32_FILE_ATTRIBUTE_DATA;

typedef struct BY_HANDLE_FILE_INFORMATION {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
    DWORD dwVolumeSerialNumber, nFileSizeHigh, nFileSizeLow, nNumberOfLinks;
    DWORD nFileIndexHigh, nFileIndexLow;
} BY_HANDLE_FILE_INFORMATION;

typedef struct TIME_ZONE_INFORMATION {
    LONG Bias;
    WCHAR StandardName[32];
    SYSTEMTIME StandardDate;
    LONG StandardBias;
    WCHAR DaylightName[32];
    SYSTEMTIME DaylightDate;
    LONG DaylightBias;
} TIME_ZONE_INFORMATION;

#define GENERIC_READ  0x80000000u
#define GENERIC_WRITE 0x40000000u
#define DELETE        0x00010000u
#define FILE_SHARE_READ   1
#define FILE_SHARE_WRITE  2
#define FILE_SHARE_DELETE 4
#define CREATE_NEW        1
#define CREATE_ALWAYS     2
#define OPEN_EXISTING     3
#define OPEN_ALWAYS       4
#define TRUNCATE_EXISTING 5
#define FILE_ATTRIBUTE_READONLY  0x01
#define FILE_ATTRIBUTE_DIRECTORY 0x10
#define FILE_ATTRIBUTE_NORMAL    0x80
#define FILE_ATTRIBUTE_TEMPORARY 0x100
#define FILE_FLAG_DELETE_ON_CLOSE 0x04000000u
#define FILE_FLAG_SEQUENTIAL_SCAN 0x08000000u
#define FILE_FLAG_RANDOM_ACCESS   0x10000000u
#define INVALID_FILE_ATTRIBUTES ((DWORD)-1)
#define FILE_BEGIN   0
#define FILE_CURRENT 1
#define FILE_END     2
#define FILE_TYPE_UNKNOWN 0
#define FILE_TYPE_DISK    1
#define FILE_TYPE_CHAR    2
#define FILE_TYPE_PIPE    3
#define DUPLICATE_SAME_ACCESS 2
#define STD_INPUT_HANDLE  ((DWORD)-10)
#define STD_OUTPUT_HANDLE ((DWORD)-11)
#define STD_ERROR_HANDLE  ((DWORD)-12)
#define MOVEFILE_REPLACE_EXISTING 1
#define MOVEFILE_COPY_ALLOWED     2
#define CP_ACP 0

#define ERROR_FILE_NOT_FOUND   2
#define ERROR_PATH_NOT_FOUND   3
#define ERROR_ACCESS_DENIED    5
#define ERROR_INVALID_HANDLE   6
#define ERROR_NOT_ENOUGH_MEMORY 8
#define ERROR_BROKEN_PIPE      109
#define ERROR_NEGATIVE_SEEK    131
#define ERROR_ALREADY_EXISTS   183

typedef struct WIN32_FIND_DATAA {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
    DWORD nFileSizeHigh, nFileSizeLow, dwReserved0, dwReserved1;
    char cFileName[260];
    char cAlternateFileName[14];
} WIN32_FIND_DATAA;

IMPORT HANDLE WINAPI FindFirstFileA(const char *, WIN32_FIND_DATAA *);
IMPORT BOOL WINAPI FindNextFileA(HANDLE, WIN32_FIND_DATAA *);
IMPORT BOOL WINAPI FindClose(HANDLE);
IMPORT BOOL WINAPI CreateDirectoryA(const char *, SECURITY_ATTRIBUTES *);
IMPORT BOOL WINAPI CreateDirectoryW(const WCHAR *, SECURITY_ATTRIBUTES *);
IMPORT BOOL WINAPI RemoveDirectoryA(const char *);
IMPORT BOOL WINAPI RemoveDirectoryW(const WCHAR *);
IMPORT BOOL WINAPI SetCurrentDirectoryA(const char *);
IMPORT BOOL WINAPI SetCurrentDirectoryW(const WCHAR *);
IMPORT DWORD WINAPI GetCurrentDirectoryA(DWORD, char *);
IMPORT DWORD WINAPI GetCurrentDirectoryW(DWORD, WCHAR *);
IMPORT DWORD WINAPI GetFullPathNameA(const char *, DWORD, char *, char **);
IMPORT BOOL WINAPI SetFileAttributesA(const char *, DWORD);
IMPORT BOOL WINAPI SetFileAttributesW(const WCHAR *, DWORD);
IMPORT HANDLE WINAPI GetStdHandle(DWORD which);
IMPORT BOOL WINAPI SetStdHandle(DWORD which, HANDLE handle);
IMPORT BOOL WINAPI WriteFile(HANDLE, const void *, DWORD, DWORD *, PVOID);
IMPORT BOOL WINAPI ReadFile(HANDLE, void *, DWORD, DWORD *, PVOID);
IMPORT BOOL WINAPI CloseHandle(HANDLE);
IMPORT HANDLE WINAPI CreateFileA(const char *, DWORD, DWORD, SECURITY_ATTRIBUTES *, DWORD, DWORD, HANDLE);
IMPORT HANDLE WINAPI CreateFileW(const WCHAR *, DWORD, DWORD, SECURITY_ATTRIBUTES *, DWORD, DWORD, HANDLE);
IMPORT BOOL WINAPI SetFilePointerEx(HANDLE, LARGE_INTEGER, LARGE_INTEGER *, DWORD);
IMPORT DWORD WINAPI GetFileType(HANDLE);
IMPORT BOOL WINAPI FlushFileBuffers(HANDLE);
IMPORT BOOL WINAPI SetEndOfFile(HANDLE);
IMPORT BOOL WINAPI GetFileInformationByHandle(HANDLE, BY_HANDLE_FILE_INFORMATION *);
IMPORT BOOL WINAPI GetFileAttributesExA(const char *, int, WIN32_FILE_ATTRIBUTE_DATA *);
IMPORT BOOL WINAPI GetFileAttributesExW(const WCHAR *, int, WIN32_FILE_ATTRIBUTE_DATA *);
IMPORT DWORD WINAPI GetFileAttributesA(const char *);
IMPORT DWORD WINAPI GetFileAttributesW(const WCHAR *);
IMPORT BOOL WINAPI DeleteFileA(const char *);
IMPORT BOOL WINAPI DeleteFileW(const WCHAR *);
IMPORT BOOL WINAPI MoveFileExA(const char *, const char *, DWORD);
IMPORT BOOL WINAPI MoveFileExW(const WCHAR *, const WCHAR *, DWORD);
IMPORT BOOL WINAPI LockFile(HANDLE, DWORD, DWORD, DWORD, DWORD);
IMPORT BOOL WINAPI UnlockFile(HANDLE, DWORD, DWORD, DWORD, DWORD);
IMPORT DWORD WINAPI GetTempPathA(DWORD, char *);
IMPORT BOOL WINAPI DuplicateHandle(HANDLE, HANDLE, HANDLE, HANDLE *, DWORD, BOOL, DWORD);
IMPORT HANDLE WINAPI GetCurrentProcess(void);
IMPORT DWORD WINAPI GetLastError(void);
IMPORT void WINAPI SetLastError(DWORD);
IMPORT void WINAPI ExitProcess(unsigned int code);
IMPORT HANDLE WINAPI GetProcessHeap(void);
IMPORT char *WINAPI GetCommandLineA(void);
IMPORT DWORD WINAPI GetTickCount(void);
IMPORT void WINAPI Sleep(DWORD);
IMPORT void WINAPI GetSystemTimeAsFileTime(FILETIME *);
IMPORT BOOL WINAPI FileTimeToSystemTime(const FILETIME *, SYSTEMTIME *);
IMPORT DWORD WINAPI GetTimeZoneInformation(TIME_ZONE_INFORMATION *);
IMPORT int WINAPI MultiByteToWideChar(unsigned int, DWORD, const char *, int, WCHAR *, int);
IMPORT int WINAPI WideCharToMultiByte(unsigned int, DWORD, const WCHAR *, int, char *, int,
                                      const char *, BOOL *);
IMPORT DWORD WINAPI GetEnvironmentVariableA(const char *, char *, DWORD);
IMPORT BOOL WINAPI SetEnvironmentVariableA(const char *, const char *);

#endif
