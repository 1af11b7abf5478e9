/*
 * kernel32's API, as Windows' <winbase.h> and its neighbours declare it:
 * the Win32 structures with their x86 layout, and every function
 * kernel32.dll exports (but the forwarders to ntdll), grouped by the file
 * of user/kernel32 that defines it. kernel32's own files see WINBASEAPI
 * empty (kernel32/kernel32.h); a DLL that calls kernel32 sees dllimport.
 */
#ifndef NTMM_WINBASE_H
#define NTMM_WINBASE_H

#include "inc/ntguest.h"

#ifndef WINBASEAPI
#define WINBASEAPI __declspec(dllimport)
#endif

typedef struct FILETIME {
    DWORD dwLowDateTime, dwHighDateTime;
} FILETIME;

typedef struct BY_HANDLE_FILE_INFORMATION {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
    DWORD dwVolumeSerialNumber, nFileSizeHigh, nFileSizeLow, nNumberOfLinks;
    DWORD nFileIndexHigh, nFileIndexLow;
} BY_HANDLE_FILE_INFORMATION;

typedef struct WIN32_FILE_ATTRIBUTE_DATA {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
    DWORD nFileSizeHigh, nFileSizeLow;
} WIN32_FILE_ATTRIBUTE_DATA;

typedef struct WIN32_FIND_DATAW {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
    DWORD nFileSizeHigh, nFileSizeLow, dwReserved0, dwReserved1;
    WCHAR cFileName[260];
    WCHAR cAlternateFileName[14];
} WIN32_FIND_DATAW;

typedef struct WIN32_FIND_DATAA {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
    DWORD nFileSizeHigh, nFileSizeLow, dwReserved0, dwReserved1;
    CHAR cFileName[260];
    CHAR cAlternateFileName[14];
} WIN32_FIND_DATAA;

typedef struct OVERLAPPED {
    ULONG_PTR Internal, InternalHigh;
    DWORD Offset, OffsetHigh;
    HANDLE hEvent;
} OVERLAPPED;

#define MAX_PATH 260
typedef unsigned int UINT;

typedef struct SECURITY_ATTRIBUTES {
    DWORD nLength;
    PVOID lpSecurityDescriptor;
    BOOL bInheritHandle;
} SECURITY_ATTRIBUTES;

typedef struct SYSTEMTIME {
    WORD wYear, wMonth, wDayOfWeek, wDay, wHour, wMinute, wSecond, wMilliseconds;
} SYSTEMTIME;

typedef struct TIME_ZONE_INFORMATION {
    LONG Bias;
    WCHAR StandardName[32];
    SYSTEMTIME StandardDate;
    LONG StandardBias;
    WCHAR DaylightName[32];
    SYSTEMTIME DaylightDate;
    LONG DaylightBias;
} TIME_ZONE_INFORMATION;

/* GetStartupInfoW fills the same structure: its strings are never set. */
typedef struct STARTUPINFOA {
    DWORD cb;
    char *lpReserved, *lpDesktop, *lpTitle;
    DWORD dwX, dwY, dwXSize, dwYSize, dwXCountChars, dwYCountChars, dwFillAttribute, dwFlags;
    WORD wShowWindow, cbReserved2;
    BYTE *lpReserved2;
    HANDLE hStdInput, hStdOutput, hStdError;
} STARTUPINFOA;

typedef struct PROCESS_INFORMATION {
    HANDLE hProcess, hThread;
    DWORD dwProcessId, dwThreadId;
} PROCESS_INFORMATION;

typedef DWORD (WINAPI *THREAD_START)(PVOID parameter);   /* LPTHREAD_START_ROUTINE */
typedef BOOL (WINAPI *INIT_ONCE_FN)(RTL_RUN_ONCE *once, PVOID parameter, PVOID *context);

typedef struct SYSTEM_INFO {
    USHORT wProcessorArchitecture, wReserved;
    DWORD dwPageSize;
    PVOID lpMinimumApplicationAddress, lpMaximumApplicationAddress;
    ULONG_PTR dwActiveProcessorMask;
    DWORD dwNumberOfProcessors, dwProcessorType, dwAllocationGranularity;
    USHORT wProcessorLevel, wProcessorRevision;
} SYSTEM_INFO;

typedef struct MEMORYSTATUS {
    DWORD dwLength, dwMemoryLoad;
    SIZE_T dwTotalPhys, dwAvailPhys, dwTotalPageFile, dwAvailPageFile;
    SIZE_T dwTotalVirtual, dwAvailVirtual;
} MEMORYSTATUS;

typedef struct MEMORYSTATUSEX {
    DWORD dwLength, dwMemoryLoad;
    ULONGLONG ullTotalPhys, ullAvailPhys, ullTotalPageFile, ullAvailPageFile;
    ULONGLONG ullTotalVirtual, ullAvailVirtual, ullAvailExtendedVirtual;
} MEMORYSTATUSEX;

/* psapi's, exported by kernel32 as K32GetProcessMemoryInfo. */
typedef struct PROCESS_MEMORY_COUNTERS_EX {
    DWORD cb;
    DWORD PageFaultCount;
    SIZE_T PeakWorkingSetSize, WorkingSetSize;
    SIZE_T QuotaPeakPagedPoolUsage, QuotaPagedPoolUsage;
    SIZE_T QuotaPeakNonPagedPoolUsage, QuotaNonPagedPoolUsage;
    SIZE_T PagefileUsage, PeakPagefileUsage;
    SIZE_T PrivateUsage; /* PROCESS_MEMORY_COUNTERS_EX only */
} PROCESS_MEMORY_COUNTERS_EX;

/* The console. */
typedef BOOL (WINAPI *HANDLER_ROUTINE)(DWORD);
typedef struct COORD { short X, Y; } COORD;
typedef struct SMALL_RECT { short Left, Top, Right, Bottom; } SMALL_RECT;
typedef struct CONSOLE_SCREEN_BUFFER_INFO {
    COORD dwSize, dwCursorPosition;
    WORD wAttributes;
    SMALL_RECT srWindow;
    COORD dwMaximumWindowSize;
} CONSOLE_SCREEN_BUFFER_INFO;

/* National language support (<winnls.h>). */
typedef DWORD LCID, LCTYPE;
typedef WORD LANGID;
typedef struct CPINFO {
    UINT MaxCharSize;
    BYTE DefaultChar[2];
    BYTE LeadByte[12];
} CPINFO;
typedef struct CPINFOEXA {
    UINT MaxCharSize;
    BYTE DefaultChar[2];
    BYTE LeadByte[12];
    WCHAR UnicodeDefaultChar;
    UINT CodePage;
    char CodePageName[MAX_PATH];
} CPINFOEXA;
typedef struct CPINFOEXW {
    UINT MaxCharSize;
    BYTE DefaultChar[2];
    BYTE LeadByte[12];
    WCHAR UnicodeDefaultChar;
    UINT CodePage;
    WCHAR CodePageName[MAX_PATH];
} CPINFOEXW;
typedef BOOL (WINAPI *LOCALE_ENUMPROCA)(char *name);
typedef BOOL (WINAPI *LOCALE_ENUMPROCW)(WCHAR *name);

/* GetVersionEx: the plain structures (148 and 276 bytes) are the EX
 * ones' first part. */
typedef struct OSVERSIONINFOEXA {
    DWORD dwOSVersionInfoSize, dwMajorVersion, dwMinorVersion, dwBuildNumber, dwPlatformId;
    CHAR szCSDVersion[128];
    WORD wServicePackMajor, wServicePackMinor, wSuiteMask;
    BYTE wProductType, wReserved;
} OSVERSIONINFOEXA;
typedef struct OSVERSIONINFOEXW {
    DWORD dwOSVersionInfoSize, dwMajorVersion, dwMinorVersion, dwBuildNumber, dwPlatformId;
    WCHAR szCSDVersion[128];
    WORD wServicePackMajor, wServicePackMinor, wSuiteMask;
    BYTE wProductType, wReserved;
} OSVERSIONINFOEXW;
#define OSVERSIONINFOA_SIZE 148
#define OSVERSIONINFOW_SIZE 276
_Static_assert(sizeof(OSVERSIONINFOEXA) == 156, "OSVERSIONINFOEXA layout");
_Static_assert(sizeof(OSVERSIONINFOEXW) == 284, "OSVERSIONINFOEXW layout");

/* console.c */
WINBASEAPI BOOL WINAPI SetStdHandle(DWORD which, HANDLE handle);
WINBASEAPI BOOL WINAPI GetConsoleMode(HANDLE h, DWORD *mode);
WINBASEAPI BOOL WINAPI SetConsoleMode(HANDLE h, DWORD mode);
WINBASEAPI BOOL WINAPI WriteConsoleA(HANDLE h, const void *text, DWORD count, DWORD *written,
                                     PVOID reserved);
WINBASEAPI BOOL WINAPI WriteConsoleW(HANDLE h, const WCHAR *text, DWORD count, DWORD *written,
                                     PVOID reserved);
WINBASEAPI BOOL WINAPI ReadConsoleA(HANDLE h, void *buffer, DWORD count, DWORD *read,
                                    PVOID control);
WINBASEAPI BOOL WINAPI ReadConsoleW(HANDLE h, WCHAR *buffer, DWORD count, DWORD *read,
                                    PVOID control);
WINBASEAPI unsigned int WINAPI GetConsoleCP(void);
WINBASEAPI unsigned int WINAPI GetConsoleOutputCP(void);
WINBASEAPI BOOL WINAPI SetConsoleCP(unsigned int cp);
WINBASEAPI BOOL WINAPI SetConsoleOutputCP(unsigned int cp);
WINBASEAPI BOOL WINAPI SetConsoleCtrlHandler(HANDLER_ROUTINE handler, BOOL add);
WINBASEAPI BOOL WINAPI GenerateConsoleCtrlEvent(DWORD event, DWORD group);
WINBASEAPI BOOL WINAPI AreFileApisANSI(void);
WINBASEAPI void WINAPI SetFileApisToANSI(void);
WINBASEAPI void WINAPI SetFileApisToOEM(void);
WINBASEAPI BOOL WINAPI GetConsoleScreenBufferInfo(HANDLE h, CONSOLE_SCREEN_BUFFER_INFO *info);
WINBASEAPI BOOL WINAPI SetConsoleTextAttribute(HANDLE h, WORD attributes);
/* conoutput.c */
typedef struct CHAR_INFO {
    union {
        WCHAR UnicodeChar;
        CHAR AsciiChar;
    } Char;
    WORD Attributes;
} CHAR_INFO;
WINBASEAPI BOOL WINAPI WriteConsoleOutputA(HANDLE console, const CHAR_INFO *cells, COORD size,
                                           COORD from, SMALL_RECT *region);
WINBASEAPI BOOL WINAPI WriteConsoleOutputW(HANDLE console, const CHAR_INFO *cells, COORD size,
                                           COORD from, SMALL_RECT *region);
WINBASEAPI BOOL WINAPI ReadConsoleOutputA(HANDLE console, CHAR_INFO *cells, COORD size, COORD from,
                                          SMALL_RECT *region);
WINBASEAPI BOOL WINAPI ReadConsoleOutputW(HANDLE console, CHAR_INFO *cells, COORD size, COORD from,
                                          SMALL_RECT *region);
WINBASEAPI BOOL WINAPI WriteConsoleOutputCharacterA(HANDLE console, const char *text, DWORD count,
                                                    COORD at, DWORD *written);
WINBASEAPI BOOL WINAPI WriteConsoleOutputCharacterW(HANDLE console, const WCHAR *text, DWORD count,
                                                    COORD at, DWORD *written);
WINBASEAPI BOOL WINAPI WriteConsoleOutputAttribute(HANDLE console, const WORD *attributes, DWORD count,
                                                   COORD at, DWORD *written);
WINBASEAPI BOOL WINAPI ReadConsoleOutputCharacterA(HANDLE console, char *text, DWORD count, COORD at,
                                                   DWORD *read);
WINBASEAPI BOOL WINAPI ReadConsoleOutputCharacterW(HANDLE console, WCHAR *text, DWORD count, COORD at,
                                                   DWORD *read);
WINBASEAPI BOOL WINAPI ReadConsoleOutputAttribute(HANDLE console, WORD *attributes, DWORD count,
                                                  COORD at, DWORD *read);
WINBASEAPI BOOL WINAPI FillConsoleOutputCharacterA(HANDLE console, char c, DWORD count, COORD at,
                                                   DWORD *written);
WINBASEAPI BOOL WINAPI FillConsoleOutputCharacterW(HANDLE console, WCHAR c, DWORD count, COORD at,
                                                   DWORD *written);
WINBASEAPI BOOL WINAPI FillConsoleOutputAttribute(HANDLE console, WORD attributes, DWORD count,
                                                  COORD at, DWORD *written);
WINBASEAPI BOOL WINAPI ScrollConsoleScreenBufferA(HANDLE console, const SMALL_RECT *scroll,
                                                  const SMALL_RECT *clip, COORD to, const CHAR_INFO *fill);
WINBASEAPI BOOL WINAPI ScrollConsoleScreenBufferW(HANDLE console, const SMALL_RECT *scroll,
                                                  const SMALL_RECT *clip, COORD to, const CHAR_INFO *fill);
/* conbuf.c */
typedef struct CONSOLE_SCREEN_BUFFER_INFOEX {
    ULONG cbSize;
    COORD dwSize, dwCursorPosition;
    WORD wAttributes;
    SMALL_RECT srWindow;
    COORD dwMaximumWindowSize;
    WORD wPopupAttributes;
    BOOL bFullscreenSupported;
    DWORD ColorTable[16];
} CONSOLE_SCREEN_BUFFER_INFOEX;
typedef struct CONSOLE_CURSOR_INFO {
    DWORD dwSize;
    BOOL bVisible;
} CONSOLE_CURSOR_INFO;
typedef struct CONSOLE_FONT_INFO {
    DWORD nFont;
    COORD dwFontSize;
} CONSOLE_FONT_INFO;
typedef struct CONSOLE_FONT_INFOEX {
    ULONG cbSize;
    DWORD nFont;
    COORD dwFontSize;
    UINT FontFamily, FontWeight;
    WCHAR FaceName[32];
} CONSOLE_FONT_INFOEX;
WINBASEAPI BOOL WINAPI GetConsoleScreenBufferInfoEx(HANDLE h, CONSOLE_SCREEN_BUFFER_INFOEX *info);
WINBASEAPI BOOL WINAPI SetConsoleScreenBufferInfoEx(HANDLE h, CONSOLE_SCREEN_BUFFER_INFOEX *info);
WINBASEAPI BOOL WINAPI SetConsoleScreenBufferSize(HANDLE h, COORD size);
WINBASEAPI BOOL WINAPI SetConsoleCursorPosition(HANDLE h, COORD at);
WINBASEAPI BOOL WINAPI GetConsoleCursorInfo(HANDLE h, CONSOLE_CURSOR_INFO *info);
WINBASEAPI BOOL WINAPI SetConsoleCursorInfo(HANDLE h, const CONSOLE_CURSOR_INFO *info);
WINBASEAPI BOOL WINAPI SetConsoleWindowInfo(HANDLE h, BOOL absolute, const SMALL_RECT *window);
WINBASEAPI COORD WINAPI GetLargestConsoleWindowSize(HANDLE h);
WINBASEAPI HANDLE WINAPI CreateConsoleScreenBuffer(DWORD access, DWORD share, const SECURITY_ATTRIBUTES *sa,
                                                   DWORD flags, void *data);
WINBASEAPI BOOL WINAPI SetConsoleActiveScreenBuffer(HANDLE h);
WINBASEAPI BOOL WINAPI GetCurrentConsoleFont(HANDLE h, BOOL maximum, CONSOLE_FONT_INFO *info);
WINBASEAPI BOOL WINAPI GetCurrentConsoleFontEx(HANDLE h, BOOL maximum, CONSOLE_FONT_INFOEX *info);
WINBASEAPI BOOL WINAPI SetCurrentConsoleFontEx(HANDLE h, BOOL maximum, CONSOLE_FONT_INFOEX *info);
WINBASEAPI COORD WINAPI GetConsoleFontSize(HANDLE h, DWORD font);
/* coninput.c */
typedef struct KEY_EVENT_RECORD {
    BOOL bKeyDown;
    WORD wRepeatCount, wVirtualKeyCode, wVirtualScanCode;
    union {
        WCHAR UnicodeChar;
        CHAR AsciiChar;
    } uChar;
    DWORD dwControlKeyState;
} KEY_EVENT_RECORD;
#define KEY_EVENT    0x0001
#define ENHANCED_KEY 0x0100 /* dwControlKeyState */
typedef struct INPUT_RECORD {
    WORD EventType;
    union {
        KEY_EVENT_RECORD KeyEvent;
        BYTE Raw[16];
    } Event;
} INPUT_RECORD;
WINBASEAPI BOOL WINAPI ReadConsoleInputA(HANDLE h, INPUT_RECORD *records, DWORD count, DWORD *read);
WINBASEAPI BOOL WINAPI ReadConsoleInputW(HANDLE h, INPUT_RECORD *records, DWORD count, DWORD *read);
WINBASEAPI BOOL WINAPI PeekConsoleInputA(HANDLE h, INPUT_RECORD *records, DWORD count, DWORD *read);
WINBASEAPI BOOL WINAPI PeekConsoleInputW(HANDLE h, INPUT_RECORD *records, DWORD count, DWORD *read);
WINBASEAPI BOOL WINAPI WriteConsoleInputA(HANDLE h, const INPUT_RECORD *records, DWORD count, DWORD *written);
WINBASEAPI BOOL WINAPI WriteConsoleInputW(HANDLE h, const INPUT_RECORD *records, DWORD count, DWORD *written);
WINBASEAPI BOOL WINAPI GetNumberOfConsoleInputEvents(HANDLE h, DWORD *count);
WINBASEAPI BOOL WINAPI FlushConsoleInputBuffer(HANDLE h);
/* conalloc.c */
WINBASEAPI BOOL WINAPI AllocConsole(void);
WINBASEAPI BOOL WINAPI FreeConsole(void);
WINBASEAPI BOOL WINAPI AttachConsole(DWORD process);
WINBASEAPI void *WINAPI GetConsoleWindow(void); /* an HWND */
WINBASEAPI DWORD WINAPI GetConsoleProcessList(DWORD *list, DWORD count);
WINBASEAPI BOOL WINAPI VerifyConsoleIoHandle(HANDLE h);
WINBASEAPI HANDLE WINAPI DuplicateConsoleHandle(HANDLE h, DWORD access, BOOL inherit, DWORD options);
WINBASEAPI BOOL WINAPI CloseConsoleHandle(HANDLE h);
WINBASEAPI HANDLE WINAPI GetConsoleInputWaitHandle(void);
WINBASEAPI HANDLE WINAPI OpenConsoleW(const WCHAR *name, DWORD access, BOOL inherit, DWORD creation);
WINBASEAPI DWORD WINAPI GetConsoleOriginalTitleA(char *title, DWORD size);
WINBASEAPI DWORD WINAPI GetConsoleOriginalTitleW(WCHAR *title, DWORD size);
/* procattr.c */
typedef struct PROC_THREAD_ATTRIBUTE_LIST PROC_THREAD_ATTRIBUTE_LIST;
WINBASEAPI BOOL WINAPI InitializeProcThreadAttributeList(PROC_THREAD_ATTRIBUTE_LIST *list, DWORD count,
                                                         DWORD flags, SIZE_T *size);
WINBASEAPI BOOL WINAPI UpdateProcThreadAttribute(PROC_THREAD_ATTRIBUTE_LIST *list, DWORD flags,
                                                 ULONG_PTR attribute, void *value, SIZE_T size,
                                                 void *previous, SIZE_T *returned);
WINBASEAPI void WINAPI DeleteProcThreadAttributeList(PROC_THREAD_ATTRIBUTE_LIST *list);

/* error.c */
WINBASEAPI DWORD WINAPI GetLastError(void);
WINBASEAPI void WINAPI SetLastError(DWORD error);

/* except.c */
WINBASEAPI void WINAPI RaiseException(DWORD code, DWORD flags, DWORD count,
                                      const ULONG_PTR *arguments);
WINBASEAPI LONG WINAPI UnhandledExceptionFilter(EXCEPTION_POINTERS *info);
WINBASEAPI void WINAPI FatalAppExitW(UINT action, const WCHAR *message);
WINBASEAPI void WINAPI FatalAppExitA(UINT action, const char *message);
WINBASEAPI PVOID WINAPI SetUnhandledExceptionFilter(PVOID filter);

/* file.c */
WINBASEAPI HANDLE WINAPI GetStdHandle(DWORD which);
WINBASEAPI BOOL WINAPI WriteFile(HANDLE file, const void *buffer, DWORD length, DWORD *written,
                                 OVERLAPPED *overlapped);
WINBASEAPI BOOL WINAPI ReadFile(HANDLE file, void *buffer, DWORD length, DWORD *read,
                                OVERLAPPED *overlapped);
WINBASEAPI BOOL WINAPI CloseHandle(HANDLE handle);

/* fileex.c */
typedef void(WINAPI *LPOVERLAPPED_COMPLETION_ROUTINE)(DWORD error, DWORD transferred,
                                                      OVERLAPPED *overlapped);
typedef union FILE_SEGMENT_ELEMENT {
    PVOID Buffer;
    ULONGLONG Alignment;
} FILE_SEGMENT_ELEMENT;
WINBASEAPI BOOL WINAPI ReadFileEx(HANDLE file, void *buffer, DWORD length, OVERLAPPED *overlapped,
                                  LPOVERLAPPED_COMPLETION_ROUTINE completion);
WINBASEAPI BOOL WINAPI WriteFileEx(HANDLE file, const void *buffer, DWORD length,
                                   OVERLAPPED *overlapped,
                                   LPOVERLAPPED_COMPLETION_ROUTINE completion);
WINBASEAPI BOOL WINAPI ReadFileScatter(HANDLE file, FILE_SEGMENT_ELEMENT *segments, DWORD length,
                                       DWORD *reserved, OVERLAPPED *overlapped);
WINBASEAPI BOOL WINAPI WriteFileGather(HANDLE file, FILE_SEGMENT_ELEMENT *segments, DWORD length,
                                       DWORD *reserved, OVERLAPPED *overlapped);

/* change.c */
WINBASEAPI HANDLE WINAPI FindFirstChangeNotificationW(const WCHAR *path, BOOL subtree, DWORD filter);
WINBASEAPI HANDLE WINAPI FindFirstChangeNotificationA(const char *path, BOOL subtree, DWORD filter);
WINBASEAPI BOOL WINAPI FindNextChangeNotification(HANDLE handle);
WINBASEAPI BOOL WINAPI FindCloseChangeNotification(HANDLE handle);
WINBASEAPI BOOL WINAPI ReadDirectoryChangesW(HANDLE handle, void *buffer, DWORD length,
                                             BOOL subtree, DWORD filter, DWORD *returned,
                                             OVERLAPPED *overlapped,
                                             LPOVERLAPPED_COMPLETION_ROUTINE completion);

/* mailslot.c */
WINBASEAPI HANDLE WINAPI CreateMailslotW(const WCHAR *name, DWORD max_message, DWORD timeout,
                                         PVOID security);
WINBASEAPI HANDLE WINAPI CreateMailslotA(const char *name, DWORD max_message, DWORD timeout,
                                         PVOID security);
WINBASEAPI BOOL WINAPI GetMailslotInfo(HANDLE slot, DWORD *max_message, DWORD *next,
                                       DWORD *count, DWORD *timeout);
WINBASEAPI BOOL WINAPI SetMailslotInfo(HANDLE slot, DWORD timeout);

/* fileio.c */
WINBASEAPI HANDLE WINAPI CreateFileW(const WCHAR *name, DWORD access, DWORD share, PVOID security,
                                     DWORD disposition, DWORD flags, HANDLE template_file);
WINBASEAPI HANDLE WINAPI CreateFileA(const char *name, DWORD access, DWORD share, PVOID security,
                                     DWORD disposition, DWORD flags, HANDLE template_file);
WINBASEAPI BOOL WINAPI SetFilePointerEx(HANDLE file, LARGE_INTEGER distance,
                                        LARGE_INTEGER *new_position, DWORD method);
WINBASEAPI DWORD WINAPI SetFilePointer(HANDLE file, LONG distance, LONG *high, DWORD method);
WINBASEAPI BOOL WINAPI GetFileSizeEx(HANDLE file, LARGE_INTEGER *size);
WINBASEAPI DWORD WINAPI GetFileSize(HANDLE file, DWORD *high);
WINBASEAPI DWORD WINAPI GetFileType(HANDLE file);
WINBASEAPI BOOL WINAPI FlushFileBuffers(HANDLE file);
WINBASEAPI BOOL WINAPI SetEndOfFile(HANDLE file);
WINBASEAPI BOOL WINAPI LockFile(HANDLE file, DWORD offset_low, DWORD offset_high, DWORD length_low,
                                DWORD length_high);
WINBASEAPI BOOL WINAPI LockFileEx(HANDLE file, DWORD flags, DWORD reserved, DWORD length_low,
                                  DWORD length_high, OVERLAPPED *overlapped);
WINBASEAPI BOOL WINAPI UnlockFile(HANDLE file, DWORD offset_low, DWORD offset_high,
                                  DWORD length_low, DWORD length_high);
WINBASEAPI BOOL WINAPI UnlockFileEx(HANDLE file, DWORD reserved, DWORD length_low,
                                    DWORD length_high, OVERLAPPED *overlapped);
WINBASEAPI BOOL WINAPI GetFileTime(HANDLE file, FILETIME *creation, FILETIME *access,
                                   FILETIME *write);
WINBASEAPI BOOL WINAPI SetFileTime(HANDLE file, const FILETIME *creation, const FILETIME *access,
                                   const FILETIME *write);
WINBASEAPI BOOL WINAPI GetFileInformationByHandle(HANDLE file, BY_HANDLE_FILE_INFORMATION *info);
WINBASEAPI BOOL WINAPI PeekNamedPipe(HANDLE pipe, void *buffer, DWORD size, DWORD *read, DWORD *available,
                                     DWORD *left);
/* fileinfo.c: Vista's by-handle classes; most structures are the native
 * FILE_*_INFORMATION under another name. */
#define FIELD_OFFSET(type, field) ((LONG)__builtin_offsetof(type, field))
typedef enum FILE_INFO_BY_HANDLE_CLASS {
    FileBasicInfo, FileStandardInfo, FileNameInfo, FileRenameInfo, FileDispositionInfo,
    FileAllocationInfo, FileEndOfFileInfo, FileStreamInfo, FileCompressionInfo,
    FileAttributeTagInfo, FileIdBothDirectoryInfo, FileIdBothDirectoryRestartInfo,
    FileIoPriorityHintInfo, FileRemoteProtocolInfo, FileFullDirectoryInfo,
    FileFullDirectoryRestartInfo, FileStorageInfo, FileAlignmentInfo, FileIdInfo,
    FileIdExtdDirectoryInfo, FileIdExtdDirectoryRestartInfo, MaximumFileInfoByHandleClass
} FILE_INFO_BY_HANDLE_CLASS;
typedef struct FILE_RENAME_INFO {
    BOOLEAN ReplaceIfExists;
    HANDLE RootDirectory;
    DWORD FileNameLength;
    WCHAR FileName[1];
} FILE_RENAME_INFO;
typedef struct FILE_STREAM_INFO {
    DWORD NextEntryOffset, StreamNameLength;
    LARGE_INTEGER StreamSize, StreamAllocationSize;
    WCHAR StreamName[1];
} FILE_STREAM_INFO;
typedef enum PRIORITY_HINT { IoPriorityHintVeryLow, IoPriorityHintLow, IoPriorityHintNormal } PRIORITY_HINT;
typedef struct FILE_IO_PRIORITY_HINT_INFO {
    PRIORITY_HINT PriorityHint;
} FILE_IO_PRIORITY_HINT_INFO;
typedef struct FILE_ID_128 {
    BYTE Identifier[16];
} FILE_ID_128;
typedef struct FILE_ID_INFO {
    ULONGLONG VolumeSerialNumber;
    FILE_ID_128 FileId;
} FILE_ID_INFO;
WINBASEAPI BOOL WINAPI GetFileInformationByHandleEx(HANDLE handle, FILE_INFO_BY_HANDLE_CLASS class,
                                                    void *info, DWORD size);
WINBASEAPI BOOL WINAPI SetFileInformationByHandle(HANDLE handle, FILE_INFO_BY_HANDLE_CLASS class,
                                                  void *info, DWORD size);
WINBASEAPI BOOL WINAPI SetFileValidData(HANDLE file, LONGLONG length);

/* finalpath.c */
WINBASEAPI DWORD WINAPI GetFinalPathNameByHandleW(HANDLE file, WCHAR *buffer, DWORD size,
                                                  DWORD flags);
WINBASEAPI DWORD WINAPI GetFinalPathNameByHandleA(HANDLE file, char *buffer, DWORD size,
                                                  DWORD flags);

/* devctl.c */
WINBASEAPI BOOL WINAPI DeviceIoControl(HANDLE file, DWORD code, void *in, DWORD in_size, void *out,
                                       DWORD out_size, DWORD *returned, OVERLAPPED *overlapped);

/* pipe.c */
WINBASEAPI BOOL WINAPI CreatePipe(HANDLE *read, HANDLE *write, SECURITY_ATTRIBUTES *attributes,
                                  DWORD size);
WINBASEAPI HANDLE WINAPI CreateNamedPipeA(const char *name, DWORD open_mode, DWORD pipe_mode,
                                          DWORD instances, DWORD out_size, DWORD in_size,
                                          DWORD timeout_ms, SECURITY_ATTRIBUTES *security);
WINBASEAPI HANDLE WINAPI CreateNamedPipeW(const WCHAR *name, DWORD open_mode, DWORD pipe_mode,
                                          DWORD instances, DWORD out_size, DWORD in_size,
                                          DWORD timeout_ms, SECURITY_ATTRIBUTES *security);
WINBASEAPI BOOL WINAPI ConnectNamedPipe(HANDLE pipe, OVERLAPPED *overlapped);
WINBASEAPI BOOL WINAPI DisconnectNamedPipe(HANDLE pipe);
WINBASEAPI BOOL WINAPI WaitNamedPipeA(const char *name, DWORD timeout_ms);
WINBASEAPI BOOL WINAPI WaitNamedPipeW(const WCHAR *name, DWORD timeout_ms);
WINBASEAPI BOOL WINAPI GetNamedPipeInfo(HANDLE pipe, DWORD *flags, DWORD *out_size,
                                        DWORD *in_size, DWORD *instances);
WINBASEAPI BOOL WINAPI GetNamedPipeHandleStateA(HANDLE pipe, DWORD *state, DWORD *instances,
                                                DWORD *max_collection, DWORD *collect_timeout,
                                                char *user, DWORD user_size);
WINBASEAPI BOOL WINAPI GetNamedPipeHandleStateW(HANDLE pipe, DWORD *state, DWORD *instances,
                                                DWORD *max_collection, DWORD *collect_timeout,
                                                WCHAR *user, DWORD user_size);
WINBASEAPI BOOL WINAPI SetNamedPipeHandleState(HANDLE pipe, DWORD *mode, DWORD *max_collection,
                                               DWORD *collect_timeout);
WINBASEAPI BOOL WINAPI TransactNamedPipe(HANDLE pipe, void *in, DWORD in_size, void *out,
                                         DWORD out_size, DWORD *read, OVERLAPPED *overlapped);
WINBASEAPI BOOL WINAPI CallNamedPipeA(const char *name, void *in, DWORD in_size, void *out,
                                      DWORD out_size, DWORD *read, DWORD timeout_ms);
WINBASEAPI BOOL WINAPI CallNamedPipeW(const WCHAR *name, void *in, DWORD in_size, void *out,
                                      DWORD out_size, DWORD *read, DWORD timeout_ms);

/* fileop.c */
WINBASEAPI DWORD WINAPI GetFileAttributesW(const WCHAR *name);
WINBASEAPI DWORD WINAPI GetFileAttributesA(const char *name);
WINBASEAPI BOOL WINAPI GetFileAttributesExW(const WCHAR *name, int level,
                                            WIN32_FILE_ATTRIBUTE_DATA *data);
WINBASEAPI BOOL WINAPI GetFileAttributesExA(const char *name, int level,
                                            WIN32_FILE_ATTRIBUTE_DATA *data);
WINBASEAPI BOOL WINAPI SetFileAttributesW(const WCHAR *name, DWORD attributes);
WINBASEAPI BOOL WINAPI SetFileAttributesA(const char *name, DWORD attributes);
WINBASEAPI BOOL WINAPI DeleteFileW(const WCHAR *name);
WINBASEAPI BOOL WINAPI DeleteFileA(const char *name);
WINBASEAPI BOOL WINAPI RemoveDirectoryW(const WCHAR *name);
WINBASEAPI BOOL WINAPI RemoveDirectoryA(const char *name);
WINBASEAPI BOOL WINAPI CreateDirectoryW(const WCHAR *name, PVOID security);
WINBASEAPI BOOL WINAPI CreateDirectoryA(const char *name, PVOID security);

/* copyfile.c: copies and moves, with progress. */
#define CALLBACK __stdcall
typedef LONG HRESULT;
#define S_OK ((HRESULT)0)
#define HRESULT_FROM_WIN32(e) ((HRESULT)(e) <= 0 ? (HRESULT)(e) : (HRESULT)(((e) & 0xFFFF) | 0x80070000))
typedef union ULARGE_INTEGER {
    struct {
        DWORD LowPart, HighPart;
    } u;
    ULONGLONG QuadPart;
} ULARGE_INTEGER;
#define PROGRESS_CONTINUE 0
#define PROGRESS_CANCEL   1
#define PROGRESS_STOP     2
#define PROGRESS_QUIET    3
#define CALLBACK_CHUNK_FINISHED 0
#define CALLBACK_STREAM_SWITCH  1
#define COPY_FILE_FAIL_IF_EXISTS 0x1
#define MOVEFILE_REPLACE_EXISTING 1
#define MOVEFILE_COPY_ALLOWED 2
#define MOVEFILE_DELAY_UNTIL_REBOOT 0x4
#define MOVEFILE_WRITE_THROUGH      0x8
typedef DWORD(CALLBACK *LPPROGRESS_ROUTINE)(LARGE_INTEGER total, LARGE_INTEGER done,
                                            LARGE_INTEGER stream_total, LARGE_INTEGER stream_done,
                                            DWORD stream, DWORD reason, HANDLE source,
                                            HANDLE target, void *data);
/* COPYFILE2_MESSAGE: the two kinds CopyFile2 sends here (a stream begun,
 * a chunk done) in the union's x86 layout. */
enum { COPYFILE2_CALLBACK_CHUNK_FINISHED = 2, COPYFILE2_CALLBACK_STREAM_STARTED = 3 };
typedef struct COPYFILE2_MESSAGE {
    DWORD Type, dwPadding;
    union {
        struct {
            DWORD dwStreamNumber, dwFlags;
            HANDLE hSourceFile, hDestinationFile;
            ULARGE_INTEGER uliChunkNumber, uliChunkSize, uliStreamSize, uliStreamBytesTransferred;
            ULARGE_INTEGER uliTotalFileSize, uliTotalBytesTransferred;
        } ChunkFinished;
        struct {
            DWORD dwStreamNumber, dwReserved;
            HANDLE hSourceFile, hDestinationFile;
            ULARGE_INTEGER uliStreamSize, uliTotalFileSize;
        } StreamStarted;
    } Info;
} COPYFILE2_MESSAGE;
typedef DWORD(CALLBACK *PCOPYFILE2_PROGRESS_ROUTINE)(const COPYFILE2_MESSAGE *message, void *context);
typedef struct COPYFILE2_EXTENDED_PARAMETERS {
    DWORD dwSize, dwCopyFlags;
    BOOL *pfCancel;
    PCOPYFILE2_PROGRESS_ROUTINE pProgressRoutine;
    void *pvCallbackContext;
} COPYFILE2_EXTENDED_PARAMETERS;
WINBASEAPI BOOL WINAPI CopyFileExW(const WCHAR *source, const WCHAR *target,
                                   LPPROGRESS_ROUTINE progress, void *data, BOOL *cancel,
                                   DWORD flags);
WINBASEAPI BOOL WINAPI CopyFileExA(const char *source, const char *target,
                                   LPPROGRESS_ROUTINE progress, void *data, BOOL *cancel,
                                   DWORD flags);
WINBASEAPI BOOL WINAPI CopyFileW(const WCHAR *source, const WCHAR *target, BOOL fail_if_exists);
WINBASEAPI BOOL WINAPI CopyFileA(const char *source, const char *target, BOOL fail_if_exists);
WINBASEAPI HRESULT WINAPI CopyFile2(const WCHAR *source, const WCHAR *target,
                                    COPYFILE2_EXTENDED_PARAMETERS *parameters);
WINBASEAPI BOOL WINAPI MoveFileWithProgressW(const WCHAR *source, const WCHAR *target,
                                             LPPROGRESS_ROUTINE progress, void *data, DWORD flags);
WINBASEAPI BOOL WINAPI MoveFileWithProgressA(const char *source, const char *target,
                                             LPPROGRESS_ROUTINE progress, void *data, DWORD flags);
WINBASEAPI BOOL WINAPI MoveFileExW(const WCHAR *source, const WCHAR *target, DWORD flags);
WINBASEAPI BOOL WINAPI MoveFileW(const WCHAR *source, const WCHAR *target);
WINBASEAPI BOOL WINAPI MoveFileExA(const char *source, const char *target, DWORD flags);
WINBASEAPI BOOL WINAPI MoveFileA(const char *source, const char *target);

/* volpath.c: the volume's mount point and names, DOS devices. */
WINBASEAPI BOOL WINAPI GetVolumePathNameW(const WCHAR *name, WCHAR *out, DWORD size);
WINBASEAPI BOOL WINAPI GetVolumePathNameA(const char *name, char *out, DWORD size);
WINBASEAPI BOOL WINAPI GetVolumeNameForVolumeMountPointW(const WCHAR *mount_point, WCHAR *name,
                                                         DWORD size);
WINBASEAPI BOOL WINAPI GetVolumeNameForVolumeMountPointA(const char *mount_point, char *name,
                                                         DWORD size);
WINBASEAPI BOOL WINAPI GetVolumePathNamesForVolumeNameW(const WCHAR *volume, WCHAR *names,
                                                        DWORD size, DWORD *returned);
WINBASEAPI BOOL WINAPI GetVolumePathNamesForVolumeNameA(const char *volume, char *names,
                                                        DWORD size, DWORD *returned);
WINBASEAPI DWORD WINAPI QueryDosDeviceW(const WCHAR *device, WCHAR *out, DWORD size);
WINBASEAPI DWORD WINAPI QueryDosDeviceA(const char *device, char *out, DWORD size);

/* replace.c */
WINBASEAPI BOOL WINAPI ReplaceFileW(const WCHAR *replaced, const WCHAR *replacement,
                                    const WCHAR *backup, DWORD flags, void *exclude,
                                    void *reserved);
WINBASEAPI BOOL WINAPI ReplaceFileA(const char *replaced, const char *replacement,
                                    const char *backup, DWORD flags, void *exclude,
                                    void *reserved);

/* direx.c */
WINBASEAPI BOOL WINAPI CreateDirectoryExW(const WCHAR *template_directory, const WCHAR *name,
                                          PVOID security);
WINBASEAPI BOOL WINAPI CreateDirectoryExA(const char *template_directory, const char *name,
                                          PVOID security);

/* findfile.c */
WINBASEAPI HANDLE WINAPI FindFirstFileExW(const WCHAR *name, int level, void *data, int search,
                                          void *filter, DWORD flags);
WINBASEAPI HANDLE WINAPI FindFirstFileW(const WCHAR *name, WIN32_FIND_DATAW *data);
WINBASEAPI BOOL WINAPI FindNextFileW(HANDLE handle, WIN32_FIND_DATAW *data);
WINBASEAPI BOOL WINAPI FindClose(HANDLE handle);
WINBASEAPI HANDLE WINAPI FindFirstFileExA(const char *name, int level, void *data, int search,
                                          void *filter, DWORD flags);
WINBASEAPI HANDLE WINAPI FindFirstFileA(const char *name, WIN32_FIND_DATAA *data);
WINBASEAPI BOOL WINAPI FindNextFileA(HANDLE handle, WIN32_FIND_DATAA *data);

/* heap.c */
WINBASEAPI HANDLE WINAPI GetProcessHeap(void);
WINBASEAPI HANDLE WINAPI HeapCreate(DWORD options, SIZE_T initial, SIZE_T maximum);
WINBASEAPI BOOL WINAPI HeapDestroy(HANDLE heap);
WINBASEAPI DWORD WINAPI GetProcessHeaps(DWORD count, HANDLE *heaps);
WINBASEAPI BOOL WINAPI HeapSetInformation(HANDLE heap, DWORD information_class, PVOID information,
                                          SIZE_T length);
WINBASEAPI BOOL WINAPI HeapQueryInformation(HANDLE heap, DWORD information_class, PVOID information,
                                            SIZE_T length, SIZE_T *returned);
/* PROCESS_HEAP_ENTRY: RTL_HEAP_WALK_ENTRY's layout, Win32's flags. */
typedef struct PROCESS_HEAP_ENTRY {
    PVOID lpData;
    DWORD cbData;
    BYTE cbOverhead, iRegionIndex;
    WORD wFlags;
    union {
        struct { HANDLE hMem; DWORD dwReserved[3]; } Block;
        struct { DWORD dwCommittedSize, dwUnCommittedSize; PVOID lpFirstBlock, lpLastBlock; } Region;
    };
} PROCESS_HEAP_ENTRY;
_Static_assert(sizeof(PROCESS_HEAP_ENTRY) == sizeof(RTL_HEAP_WALK_ENTRY), "PROCESS_HEAP_ENTRY layout");
WINBASEAPI BOOL WINAPI HeapLock(HANDLE heap);
WINBASEAPI BOOL WINAPI HeapUnlock(HANDLE heap);
WINBASEAPI BOOL WINAPI HeapWalk(HANDLE heap, PROCESS_HEAP_ENTRY *entry);

/* debugger.c: a thread is never a debugger here (the event itself is
 * never filled, so its type is left incomplete). */
typedef struct DEBUG_EVENT DEBUG_EVENT;
WINBASEAPI BOOL WINAPI WaitForDebugEvent(DEBUG_EVENT *event, DWORD milliseconds);
WINBASEAPI BOOL WINAPI ContinueDebugEvent(DWORD process_id, DWORD thread_id, DWORD status);
WINBASEAPI BOOL WINAPI DebugActiveProcess(DWORD process_id);

/* isbad.c */
WINBASEAPI BOOL WINAPI IsBadReadPtr(const void *address, ULONG_PTR length);
WINBASEAPI BOOL WINAPI IsBadWritePtr(void *address, ULONG_PTR length);
WINBASEAPI BOOL WINAPI IsBadCodePtr(void *address);

/* local.c */
WINBASEAPI PVOID WINAPI LocalAlloc(unsigned int flags, SIZE_T size);
WINBASEAPI PVOID WINAPI LocalFree(PVOID h);
WINBASEAPI PVOID WINAPI LocalLock(PVOID h);
WINBASEAPI BOOL WINAPI LocalUnlock(PVOID h);
WINBASEAPI SIZE_T WINAPI LocalSize(PVOID h);
WINBASEAPI unsigned int WINAPI LocalFlags(PVOID h);
WINBASEAPI PVOID WINAPI LocalHandle(const void *p);
WINBASEAPI PVOID WINAPI LocalReAlloc(PVOID h, SIZE_T size, unsigned int flags);
WINBASEAPI PVOID WINAPI GlobalAlloc(unsigned int flags, SIZE_T size);
WINBASEAPI PVOID WINAPI GlobalFree(PVOID h);
WINBASEAPI PVOID WINAPI GlobalLock(PVOID h);
WINBASEAPI BOOL WINAPI GlobalUnlock(PVOID h);
WINBASEAPI SIZE_T WINAPI GlobalSize(PVOID h);
WINBASEAPI unsigned int WINAPI GlobalFlags(PVOID h);
WINBASEAPI PVOID WINAPI GlobalHandle(const void *p);
WINBASEAPI PVOID WINAPI GlobalReAlloc(PVOID h, SIZE_T size, unsigned int flags);
WINBASEAPI BOOL WINAPI HeapValidate(HANDLE heap, DWORD flags, const void *block);
WINBASEAPI SIZE_T WINAPI HeapCompact(HANDLE heap, DWORD flags);

/* message.c */
WINBASEAPI DWORD WINAPI FormatMessageW(DWORD flags, const void *source, DWORD id, DWORD language,
                                       WCHAR *buffer, DWORD size, PVOID args);
WINBASEAPI DWORD WINAPI FormatMessageA(DWORD flags, const void *source, DWORD id, DWORD language,
                                       char *buffer, DWORD size, PVOID args);

/* modname.c */
WINBASEAPI DWORD WINAPI GetModuleFileNameW(HMODULE module, WCHAR *buffer, DWORD size);
WINBASEAPI DWORD WINAPI GetModuleFileNameA(HMODULE module, char *buffer, DWORD size);
WINBASEAPI BOOL WINAPI GetModuleHandleExW(DWORD flags, const WCHAR *name, HMODULE *module);
WINBASEAPI BOOL WINAPI GetModuleHandleExA(DWORD flags, const char *name, HMODULE *module);
WINBASEAPI HMODULE WINAPI LoadLibraryExA(const char *name, HANDLE file, DWORD flags);
WINBASEAPI HMODULE WINAPI LoadLibraryExW(const WCHAR *name, HANDLE file, DWORD flags);
WINBASEAPI void WINAPI OutputDebugStringA(const char *text);
WINBASEAPI void WINAPI OutputDebugStringW(const WCHAR *text);
WINBASEAPI BOOL WINAPI IsDebuggerPresent(void);
WINBASEAPI void WINAPI DebugBreak(void);

/* module.c */
WINBASEAPI HMODULE WINAPI GetModuleHandleA(const char *name);
WINBASEAPI PVOID WINAPI GetProcAddress(HMODULE module, const char *name);

/* nls.c */
WINBASEAPI unsigned int WINAPI GetACP(void);
WINBASEAPI unsigned int WINAPI GetOEMCP(void);
WINBASEAPI BOOL WINAPI IsDBCSLeadByteEx(unsigned int codepage, BYTE c);
WINBASEAPI BOOL WINAPI IsDBCSLeadByte(BYTE c);
WINBASEAPI int WINAPI MultiByteToWideChar(unsigned int codepage, DWORD flags, const char *src,
                                          int srclen, WCHAR *dst, int dstlen);
WINBASEAPI int WINAPI WideCharToMultiByte(unsigned int codepage, DWORD flags, const WCHAR *src,
                                          int srclen, char *dst, int dstlen,
                                          const char *default_char, BOOL *used_default);
WINBASEAPI BOOL WINAPI GetCPInfo(UINT codepage, CPINFO *info);
WINBASEAPI BOOL WINAPI GetCPInfoExA(UINT codepage, DWORD flags, CPINFOEXA *info);
WINBASEAPI BOOL WINAPI GetCPInfoExW(UINT codepage, DWORD flags, CPINFOEXW *info);
WINBASEAPI BOOL WINAPI SetThreadLocale(LCID lcid);
WINBASEAPI BOOL WINAPI IsValidCodePage(UINT codepage);

/* path.c */
WINBASEAPI DWORD WINAPI GetCurrentDirectoryW(DWORD length, WCHAR *buffer);
WINBASEAPI DWORD WINAPI GetCurrentDirectoryA(DWORD length, char *buffer);
WINBASEAPI BOOL WINAPI SetCurrentDirectoryW(const WCHAR *name);
WINBASEAPI BOOL WINAPI SetCurrentDirectoryA(const char *name);
WINBASEAPI DWORD WINAPI GetFullPathNameW(const WCHAR *name, DWORD length, WCHAR *buffer,
                                         WCHAR **file_part);
WINBASEAPI DWORD WINAPI GetFullPathNameA(const char *name, DWORD length, char *buffer,
                                         char **file_part);
WINBASEAPI DWORD WINAPI GetTempPathW(DWORD length, WCHAR *buffer);
WINBASEAPI DWORD WINAPI GetTempPathA(DWORD length, char *buffer);
WINBASEAPI UINT WINAPI GetTempFileNameW(const WCHAR *path, const WCHAR *prefix, UINT unique,
                                        WCHAR *buffer);
WINBASEAPI UINT WINAPI GetTempFileNameA(const char *path, const char *prefix, UINT unique,
                                        char *buffer);

/* process.c */
WINBASEAPI void WINAPI ExitProcess(unsigned int code);
WINBASEAPI HANDLE WINAPI GetCurrentProcess(void);
WINBASEAPI HANDLE WINAPI GetCurrentThread(void);
WINBASEAPI DWORD WINAPI GetCurrentProcessId(void);
WINBASEAPI DWORD WINAPI GetCurrentThreadId(void);
WINBASEAPI BOOL WINAPI CreateProcessW(const WCHAR *application, WCHAR *command_line,
                                      void *process_attributes, void *thread_attributes,
                                      BOOL inherit_handles, DWORD flags, void *environment,
                                      const WCHAR *directory, void *startup_info,
                                      PROCESS_INFORMATION *info);
WINBASEAPI BOOL WINAPI CreateProcessA(const char *application, char *command_line,
                                      void *process_attributes, void *thread_attributes,
                                      BOOL inherit_handles, DWORD flags, void *environment,
                                      const char *directory, void *startup_info,
                                      PROCESS_INFORMATION *info);
WINBASEAPI DWORD WINAPI WaitForSingleObjectEx(HANDLE handle, DWORD milliseconds, BOOL alertable);
WINBASEAPI DWORD WINAPI WaitForSingleObject(HANDLE handle, DWORD milliseconds);
WINBASEAPI BOOL WINAPI GetExitCodeProcess(HANDLE process, DWORD *code);
WINBASEAPI DWORD WINAPI GetProcessId(HANDLE process);
WINBASEAPI BOOL WINAPI TerminateProcess(HANDLE process, unsigned int code);
WINBASEAPI BOOL WINAPI SetProcessDEPPolicy(DWORD flags);
WINBASEAPI BOOL WINAPI GetProcessDEPPolicy(HANDLE process, DWORD *flags, BOOL *permanent);

/* section.c */
WINBASEAPI HANDLE WINAPI CreateFileMappingW(HANDLE file, void *security, DWORD protect,
                                            DWORD maximum_high, DWORD maximum_low,
                                            const WCHAR *name);
WINBASEAPI HANDLE WINAPI CreateFileMappingA(HANDLE file, void *security, DWORD protect,
                                            DWORD maximum_high, DWORD maximum_low,
                                            const char *name);
WINBASEAPI HANDLE WINAPI OpenFileMappingW(DWORD access, BOOL inherit, const WCHAR *name);
WINBASEAPI HANDLE WINAPI OpenFileMappingA(DWORD access, BOOL inherit, const char *name);
WINBASEAPI PVOID WINAPI MapViewOfFileEx(HANDLE mapping, DWORD access, DWORD offset_high,
                                        DWORD offset_low, SIZE_T bytes, PVOID base);
WINBASEAPI PVOID WINAPI MapViewOfFile(HANDLE mapping, DWORD access, DWORD offset_high,
                                      DWORD offset_low, SIZE_T bytes);
WINBASEAPI BOOL WINAPI UnmapViewOfFile(const void *base);
WINBASEAPI BOOL WINAPI FlushViewOfFile(const void *base, SIZE_T bytes);
WINBASEAPI BOOL WINAPI DuplicateHandle(HANDLE source_process, HANDLE source, HANDLE target_process,
                                       HANDLE *target, DWORD access, BOOL inherit, DWORD options);

/* startup.c */
WINBASEAPI void WINAPI GetStartupInfoA(STARTUPINFOA *info);
WINBASEAPI void WINAPI GetStartupInfoW(STARTUPINFOA *info);
WINBASEAPI char *WINAPI GetCommandLineA(void);
WINBASEAPI WCHAR *WINAPI GetCommandLineW(void);
WINBASEAPI HMODULE WINAPI GetModuleHandleW(const WCHAR *name);
WINBASEAPI HMODULE WINAPI LoadLibraryA(const char *name);
WINBASEAPI HMODULE WINAPI LoadLibraryW(const WCHAR *name);
WINBASEAPI BOOL WINAPI FreeLibrary(HMODULE module);

/* sync.c */
WINBASEAPI DWORD WINAPI WaitForMultipleObjectsEx(DWORD count, const HANDLE *handles, BOOL wait_all,
                                                 DWORD milliseconds, BOOL alertable);
WINBASEAPI DWORD WINAPI WaitForMultipleObjects(DWORD count, const HANDLE *handles, BOOL wait_all,
                                               DWORD milliseconds);
WINBASEAPI DWORD WINAPI SignalObjectAndWait(HANDLE signal, HANDLE wait, DWORD milliseconds,
                                            BOOL alertable);
WINBASEAPI HANDLE WINAPI CreateEventExW(void *security, const WCHAR *name, DWORD flags,
                                        DWORD access);
WINBASEAPI HANDLE WINAPI CreateEventW(void *security, BOOL manual_reset, BOOL initial,
                                      const WCHAR *name);
WINBASEAPI HANDLE WINAPI CreateEventA(void *security, BOOL manual_reset, BOOL initial,
                                      const char *name);
WINBASEAPI HANDLE WINAPI CreateEventExA(void *security, const char *name, DWORD flags,
                                        DWORD access);
WINBASEAPI HANDLE WINAPI OpenEventW(DWORD access, BOOL inherit, const WCHAR *name);
WINBASEAPI HANDLE WINAPI OpenEventA(DWORD access, BOOL inherit, const char *name);
WINBASEAPI BOOL WINAPI SetEvent(HANDLE event);
WINBASEAPI BOOL WINAPI ResetEvent(HANDLE event);
WINBASEAPI BOOL WINAPI PulseEvent(HANDLE event);
WINBASEAPI HANDLE WINAPI CreateSemaphoreExW(void *security, LONG initial, LONG maximum,
                                            const WCHAR *name, DWORD flags, DWORD access);
WINBASEAPI HANDLE WINAPI CreateSemaphoreW(void *security, LONG initial, LONG maximum,
                                          const WCHAR *name);
WINBASEAPI HANDLE WINAPI CreateSemaphoreA(void *security, LONG initial, LONG maximum,
                                          const char *name);
WINBASEAPI HANDLE WINAPI CreateSemaphoreExA(void *security, LONG initial, LONG maximum,
                                            const char *name, DWORD flags, DWORD access);
WINBASEAPI HANDLE WINAPI OpenSemaphoreW(DWORD access, BOOL inherit, const WCHAR *name);
WINBASEAPI HANDLE WINAPI OpenSemaphoreA(DWORD access, BOOL inherit, const char *name);
WINBASEAPI BOOL WINAPI ReleaseSemaphore(HANDLE semaphore, LONG count, LONG *previous);
WINBASEAPI HANDLE WINAPI CreateMutexExW(void *security, const WCHAR *name, DWORD flags,
                                        DWORD access);
WINBASEAPI HANDLE WINAPI CreateMutexW(void *security, BOOL owned, const WCHAR *name);
WINBASEAPI HANDLE WINAPI CreateMutexA(void *security, BOOL owned, const char *name);
WINBASEAPI HANDLE WINAPI CreateMutexExA(void *security, const char *name, DWORD flags,
                                        DWORD access);
WINBASEAPI HANDLE WINAPI OpenMutexW(DWORD access, BOOL inherit, const WCHAR *name);
WINBASEAPI HANDLE WINAPI OpenMutexA(DWORD access, BOOL inherit, const char *name);
WINBASEAPI BOOL WINAPI ReleaseMutex(HANDLE mutex);
WINBASEAPI void WINAPI InitializeCriticalSection(RTL_CRITICAL_SECTION *cs);
WINBASEAPI BOOL WINAPI InitializeCriticalSectionAndSpinCount(RTL_CRITICAL_SECTION *cs, DWORD spin);
WINBASEAPI BOOL WINAPI InitializeCriticalSectionEx(RTL_CRITICAL_SECTION *cs, DWORD spin,
                                                   DWORD flags);
WINBASEAPI void WINAPI EnterCriticalSection(RTL_CRITICAL_SECTION *cs);
WINBASEAPI BOOL WINAPI TryEnterCriticalSection(RTL_CRITICAL_SECTION *cs);
WINBASEAPI void WINAPI LeaveCriticalSection(RTL_CRITICAL_SECTION *cs);
WINBASEAPI void WINAPI DeleteCriticalSection(RTL_CRITICAL_SECTION *cs);
WINBASEAPI void WINAPI InitializeSRWLock(RTL_SRWLOCK *lock);
WINBASEAPI void WINAPI AcquireSRWLockExclusive(RTL_SRWLOCK *lock);
WINBASEAPI void WINAPI AcquireSRWLockShared(RTL_SRWLOCK *lock);
WINBASEAPI void WINAPI ReleaseSRWLockExclusive(RTL_SRWLOCK *lock);
WINBASEAPI void WINAPI ReleaseSRWLockShared(RTL_SRWLOCK *lock);
WINBASEAPI BOOLEAN WINAPI TryAcquireSRWLockExclusive(RTL_SRWLOCK *lock);
WINBASEAPI BOOLEAN WINAPI TryAcquireSRWLockShared(RTL_SRWLOCK *lock);
WINBASEAPI void WINAPI InitializeConditionVariable(RTL_CONDITION_VARIABLE *cv);
WINBASEAPI BOOL WINAPI SleepConditionVariableCS(RTL_CONDITION_VARIABLE *cv,
                                                RTL_CRITICAL_SECTION *cs, DWORD milliseconds);
WINBASEAPI BOOL WINAPI SleepConditionVariableSRW(RTL_CONDITION_VARIABLE *cv, RTL_SRWLOCK *lock,
                                                 DWORD milliseconds, ULONG flags);
WINBASEAPI void WINAPI WakeConditionVariable(RTL_CONDITION_VARIABLE *cv);
WINBASEAPI void WINAPI WakeAllConditionVariable(RTL_CONDITION_VARIABLE *cv);
WINBASEAPI void WINAPI InitOnceInitialize(RTL_RUN_ONCE *once);
WINBASEAPI BOOL WINAPI InitOnceBeginInitialize(RTL_RUN_ONCE *once, DWORD flags, BOOL *pending,
                                               PVOID *context);
WINBASEAPI BOOL WINAPI InitOnceComplete(RTL_RUN_ONCE *once, DWORD flags, PVOID context);
WINBASEAPI BOOL WINAPI InitOnceExecuteOnce(RTL_RUN_ONCE *once, INIT_ONCE_FN fn, PVOID parameter,
                                           PVOID *context);
WINBASEAPI LONG WINAPI InterlockedIncrement(LONG volatile *value);
WINBASEAPI LONG WINAPI InterlockedDecrement(LONG volatile *value);
WINBASEAPI LONG WINAPI InterlockedExchange(LONG volatile *target, LONG value);
WINBASEAPI LONG WINAPI InterlockedExchangeAdd(LONG volatile *target, LONG value);
WINBASEAPI LONG WINAPI InterlockedCompareExchange(LONG volatile *target, LONG exchange,
                                                  LONG comparand);
WINBASEAPI LONGLONG WINAPI InterlockedCompareExchange64(LONGLONG volatile *target,
                                                        LONGLONG exchange, LONGLONG comparand);

/* sysinfo.c */
WINBASEAPI void WINAPI GetSystemInfo(SYSTEM_INFO *info);
WINBASEAPI BOOL WINAPI GlobalMemoryStatusEx(MEMORYSTATUSEX *status);
WINBASEAPI void WINAPI GlobalMemoryStatus(MEMORYSTATUS *status);
WINBASEAPI UINT WINAPI SetErrorMode(UINT mode);
WINBASEAPI UINT WINAPI GetErrorMode(void);
WINBASEAPI BOOL WINAPI SetThreadErrorMode(DWORD mode, DWORD *previous);
WINBASEAPI DWORD WINAPI GetThreadErrorMode(void);
WINBASEAPI BOOL WINAPI IsWow64Process(HANDLE process, BOOL *wow64);
WINBASEAPI DWORD WINAPI GetCurrentProcessorNumber(void);
WINBASEAPI BOOL WINAPI GetNumaHighestNodeNumber(ULONG *highest);
WINBASEAPI BOOL WINAPI GetNumaNodeProcessorMask(UCHAR node, ULONGLONG *mask);
WINBASEAPI BOOL WINAPI GetNumaProcessorNode(UCHAR processor, UCHAR *node);
WINBASEAPI BOOL WINAPI GetNumaAvailableMemoryNode(UCHAR node, ULONGLONG *available);
WINBASEAPI SIZE_T WINAPI GetLargePageMinimum(void);
WINBASEAPI BOOL WINAPI OpenProcessToken(HANDLE process, DWORD access, HANDLE *token);
WINBASEAPI BOOL WINAPI OpenThreadToken(HANDLE thread, DWORD access, BOOL open_as_self, HANDLE *token);
WINBASEAPI void WINAPI GetNativeSystemInfo(SYSTEM_INFO *info);
WINBASEAPI UINT WINAPI GetSystemWow64DirectoryW(WCHAR *buffer, UINT size);
WINBASEAPI UINT WINAPI GetSystemWow64DirectoryA(char *buffer, UINT size);
WINBASEAPI BOOL WINAPI GetComputerNameExW(int type, WCHAR *buffer, DWORD *size);
WINBASEAPI BOOL WINAPI GetComputerNameExA(int type, char *buffer, DWORD *size);
WINBASEAPI BOOL WINAPI DisableThreadLibraryCalls(HMODULE module);
WINBASEAPI UINT WINAPI GetWindowsDirectoryW(WCHAR *buffer, UINT length);
WINBASEAPI UINT WINAPI GetWindowsDirectoryA(char *buffer, UINT length);
WINBASEAPI UINT WINAPI GetSystemWindowsDirectoryW(WCHAR *buffer, UINT length);
WINBASEAPI UINT WINAPI GetSystemWindowsDirectoryA(char *buffer, UINT length);
WINBASEAPI UINT WINAPI GetSystemDirectoryW(WCHAR *buffer, UINT length);
WINBASEAPI UINT WINAPI GetSystemDirectoryA(char *buffer, UINT length);
WINBASEAPI BOOL WINAPI GetComputerNameW(WCHAR *buffer, DWORD *size);
WINBASEAPI BOOL WINAPI GetComputerNameA(char *buffer, DWORD *size);
WINBASEAPI DWORD WINAPI GetLongPathNameW(const WCHAR *path, WCHAR *buffer, DWORD length);
WINBASEAPI DWORD WINAPI GetLongPathNameA(const char *path, char *buffer, DWORD length);
WINBASEAPI DWORD WINAPI GetShortPathNameW(const WCHAR *path, WCHAR *buffer, DWORD length);
WINBASEAPI DWORD WINAPI GetShortPathNameA(const char *path, char *buffer, DWORD length);
WINBASEAPI DWORD WINAPI GetTickCount(void);
WINBASEAPI BOOL WINAPI IsProcessorFeaturePresent(DWORD feature);

/* thread.c */
WINBASEAPI HANDLE WINAPI CreateRemoteThread(HANDLE process, void *security, SIZE_T stack,
                                            THREAD_START start, PVOID parameter, DWORD flags,
                                            DWORD *id);
WINBASEAPI HANDLE WINAPI CreateThread(void *security, SIZE_T stack, THREAD_START start,
                                      PVOID parameter, DWORD flags, DWORD *id);
WINBASEAPI void WINAPI ExitThread(DWORD code);
WINBASEAPI BOOL WINAPI TerminateThread(HANDLE thread, DWORD code);
WINBASEAPI BOOL WINAPI GetExitCodeThread(HANDLE thread, DWORD *code);
WINBASEAPI DWORD WINAPI GetThreadId(HANDLE thread);
WINBASEAPI DWORD WINAPI GetProcessIdOfThread(HANDLE thread);
WINBASEAPI HANDLE WINAPI OpenThread(DWORD access, BOOL inherit, DWORD id);
WINBASEAPI DWORD WINAPI SuspendThread(HANDLE thread);
WINBASEAPI DWORD WINAPI ResumeThread(HANDLE thread);
WINBASEAPI BOOL WINAPI GetThreadContext(HANDLE thread, CONTEXT *context);
WINBASEAPI BOOL WINAPI SetThreadContext(HANDLE thread, const CONTEXT *context);
WINBASEAPI BOOL WINAPI SwitchToThread(void);
WINBASEAPI DWORD WINAPI SleepEx(DWORD milliseconds, BOOL alertable);
WINBASEAPI void WINAPI Sleep(DWORD milliseconds);
WINBASEAPI DWORD WINAPI QueueUserAPC(PVOID routine, HANDLE thread, ULONG_PTR data);

/* time.c */
WINBASEAPI BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER *counter);
WINBASEAPI BOOL WINAPI QueryPerformanceFrequency(LARGE_INTEGER *frequency);
WINBASEAPI void WINAPI GetSystemTimeAsFileTime(FILETIME *time);
WINBASEAPI BOOL WINAPI FileTimeToSystemTime(const FILETIME *ft, SYSTEMTIME *st);
WINBASEAPI BOOL WINAPI SystemTimeToFileTime(const SYSTEMTIME *st, FILETIME *ft);
WINBASEAPI LONG WINAPI CompareFileTime(const FILETIME *a, const FILETIME *b);
WINBASEAPI void WINAPI GetSystemTimePreciseAsFileTime(FILETIME *time);
WINBASEAPI void WINAPI GetSystemTime(SYSTEMTIME *st);
WINBASEAPI DWORD WINAPI GetTimeZoneInformation(TIME_ZONE_INFORMATION *tzi);
WINBASEAPI BOOL WINAPI FileTimeToLocalFileTime(const FILETIME *utc, FILETIME *local);
WINBASEAPI BOOL WINAPI LocalFileTimeToFileTime(const FILETIME *local, FILETIME *utc);
WINBASEAPI void WINAPI GetLocalTime(SYSTEMTIME *st);
WINBASEAPI BOOL WINAPI SystemTimeToTzSpecificLocalTime(const TIME_ZONE_INFORMATION *zone,
                                                       const SYSTEMTIME *utc, SYSTEMTIME *local);
WINBASEAPI BOOL WINAPI DosDateTimeToFileTime(WORD date, WORD time, FILETIME *ft);
WINBASEAPI BOOL WINAPI FileTimeToDosDateTime(const FILETIME *ft, WORD *date, WORD *time);

/* environ.c */
WINBASEAPI DWORD WINAPI GetEnvironmentVariableW(const WCHAR *name, WCHAR *buffer, DWORD size);
WINBASEAPI DWORD WINAPI GetEnvironmentVariableA(const char *name, char *buffer, DWORD size);
WINBASEAPI BOOL WINAPI SetEnvironmentVariableW(const WCHAR *name, const WCHAR *value);
WINBASEAPI BOOL WINAPI SetEnvironmentVariableA(const char *name, const char *value);
WINBASEAPI WCHAR *WINAPI GetEnvironmentStringsW(void);
WINBASEAPI char *WINAPI GetEnvironmentStringsA(void);
WINBASEAPI BOOL WINAPI FreeEnvironmentStringsW(WCHAR *block);
WINBASEAPI BOOL WINAPI FreeEnvironmentStringsA(char *block);
WINBASEAPI UINT WINAPI SetHandleCount(UINT count);

/* casemap.c */
WINBASEAPI BOOL WINAPI GetStringTypeW(DWORD type, const WCHAR *src, int count, WORD *types);
WINBASEAPI BOOL WINAPI GetStringTypeExW(LCID lcid, DWORD type, const WCHAR *src, int count, WORD *types);
WINBASEAPI BOOL WINAPI GetStringTypeA(LCID lcid, DWORD type, const char *src, int count, WORD *types);
WINBASEAPI BOOL WINAPI GetStringTypeExA(LCID lcid, DWORD type, const char *src, int count, WORD *types);

/* lcmap.c */
WINBASEAPI int WINAPI CompareStringW(LCID lcid, DWORD flags, const WCHAR *s1, int n1, const WCHAR *s2,
                                     int n2);
WINBASEAPI int WINAPI CompareStringA(LCID lcid, DWORD flags, const char *s1, int n1, const char *s2,
                                     int n2);
WINBASEAPI int WINAPI LCMapStringW(LCID lcid, DWORD flags, const WCHAR *src, int srclen, WCHAR *dst,
                                   int dstlen);
WINBASEAPI int WINAPI LCMapStringA(LCID lcid, DWORD flags, const char *src, int srclen, char *dst,
                                   int dstlen);
WINBASEAPI int WINAPI lstrlenA(const char *s);
WINBASEAPI int WINAPI lstrlenW(const WCHAR *s);
WINBASEAPI WCHAR *WINAPI lstrcpyW(WCHAR *dst, const WCHAR *src);
WINBASEAPI char *WINAPI lstrcpyA(char *dst, const char *src);
WINBASEAPI int WINAPI lstrcmpA(const char *a, const char *b);
WINBASEAPI int WINAPI lstrcmpiA(const char *a, const char *b);
WINBASEAPI int WINAPI lstrcmpW(const WCHAR *a, const WCHAR *b);
WINBASEAPI int WINAPI lstrcmpiW(const WCHAR *a, const WCHAR *b);

/* locale.c */
WINBASEAPI int WINAPI GetLocaleInfoW(LCID lcid, LCTYPE lctype, WCHAR *buffer, int size);
WINBASEAPI int WINAPI GetLocaleInfoA(LCID lcid, LCTYPE lctype, char *buffer, int size);
WINBASEAPI LCID WINAPI GetUserDefaultLCID(void);
WINBASEAPI LCID WINAPI GetSystemDefaultLCID(void);
WINBASEAPI LCID WINAPI GetThreadLocale(void);
WINBASEAPI LANGID WINAPI GetUserDefaultLangID(void);
WINBASEAPI LANGID WINAPI GetSystemDefaultLangID(void);
WINBASEAPI LANGID WINAPI GetUserDefaultUILanguage(void);
WINBASEAPI LANGID WINAPI GetSystemDefaultUILanguage(void);
WINBASEAPI BOOL WINAPI IsValidLocale(LCID lcid, DWORD flags);
WINBASEAPI BOOL WINAPI EnumSystemLocalesW(LOCALE_ENUMPROCW proc, DWORD flags);
WINBASEAPI BOOL WINAPI EnumSystemLocalesA(LOCALE_ENUMPROCA proc, DWORD flags);

/* numfmt.c: numbers and money, the locale's way or a format's. */
typedef struct NUMBERFMTW {
    UINT NumDigits, LeadingZero, Grouping;
    WCHAR *lpDecimalSep, *lpThousandSep;
    UINT NegativeOrder;
} NUMBERFMTW;
typedef struct NUMBERFMTA {
    UINT NumDigits, LeadingZero, Grouping;
    char *lpDecimalSep, *lpThousandSep;
    UINT NegativeOrder;
} NUMBERFMTA;
typedef struct CURRENCYFMTW {
    UINT NumDigits, LeadingZero, Grouping;
    WCHAR *lpDecimalSep, *lpThousandSep;
    UINT NegativeOrder, PositiveOrder;
    WCHAR *lpCurrencySymbol;
} CURRENCYFMTW;
typedef struct CURRENCYFMTA {
    UINT NumDigits, LeadingZero, Grouping;
    char *lpDecimalSep, *lpThousandSep;
    UINT NegativeOrder, PositiveOrder;
    char *lpCurrencySymbol;
} CURRENCYFMTA;
WINBASEAPI int WINAPI GetNumberFormatW(LCID lcid, DWORD flags, const WCHAR *value,
                                       const NUMBERFMTW *format, WCHAR *buffer, int size);
WINBASEAPI int WINAPI GetNumberFormatA(LCID lcid, DWORD flags, const char *value,
                                       const NUMBERFMTA *format, char *buffer, int size);
WINBASEAPI int WINAPI GetCurrencyFormatW(LCID lcid, DWORD flags, const WCHAR *value,
                                         const CURRENCYFMTW *format, WCHAR *buffer, int size);
WINBASEAPI int WINAPI GetCurrencyFormatA(LCID lcid, DWORD flags, const char *value,
                                         const CURRENCYFMTA *format, char *buffer, int size);

/* localename.c: locales by name (the *Ex forms of the LCID calls). */
typedef LONG LPARAM; /* as user32.h has it (C11 allows the repetition) */
WINBASEAPI LCID WINAPI LocaleNameToLCID(const WCHAR *name, DWORD flags);
WINBASEAPI int WINAPI LCIDToLocaleName(LCID lcid, WCHAR *name, int size, DWORD flags);
WINBASEAPI int WINAPI GetUserDefaultLocaleName(WCHAR *name, int size);
WINBASEAPI int WINAPI GetSystemDefaultLocaleName(WCHAR *name, int size);
WINBASEAPI BOOL WINAPI IsValidLocaleName(const WCHAR *name);
WINBASEAPI int WINAPI GetLocaleInfoEx(const WCHAR *name, LCTYPE type, WCHAR *buffer, int size);
WINBASEAPI int WINAPI GetNumberFormatEx(const WCHAR *name, DWORD flags, const WCHAR *value,
                                        const NUMBERFMTW *format, WCHAR *buffer, int size);
WINBASEAPI int WINAPI GetCurrencyFormatEx(const WCHAR *name, DWORD flags, const WCHAR *value,
                                          const CURRENCYFMTW *format, WCHAR *buffer, int size);
WINBASEAPI int WINAPI GetDateFormatEx(const WCHAR *name, DWORD flags, const SYSTEMTIME *date,
                                      const WCHAR *format, WCHAR *buffer, int size,
                                      const WCHAR *calendar);
WINBASEAPI int WINAPI GetTimeFormatEx(const WCHAR *name, DWORD flags, const SYSTEMTIME *time,
                                      const WCHAR *format, WCHAR *buffer, int size);
WINBASEAPI int WINAPI CompareStringEx(const WCHAR *name, DWORD flags, const WCHAR *s1, int n1,
                                      const WCHAR *s2, int n2, void *version, void *reserved,
                                      LPARAM param);
WINBASEAPI int WINAPI LCMapStringEx(const WCHAR *name, DWORD flags, const WCHAR *src, int srclen,
                                    WCHAR *dst, int dstlen, void *version, void *reserved,
                                    LPARAM handle);

/* joblimit.c */
WINBASEAPI HANDLE WINAPI CreateJobObjectW(void *security, const WCHAR *name);
WINBASEAPI HANDLE WINAPI CreateJobObjectA(void *security, const char *name);
WINBASEAPI HANDLE WINAPI OpenJobObjectW(DWORD access, BOOL inherit, const WCHAR *name);
WINBASEAPI HANDLE WINAPI OpenJobObjectA(DWORD access, BOOL inherit, const char *name);
WINBASEAPI BOOL WINAPI AssignProcessToJobObject(HANDLE job, HANDLE process);
WINBASEAPI BOOL WINAPI TerminateJobObject(HANDLE job, UINT exit_code);
WINBASEAPI BOOL WINAPI IsProcessInJob(HANDLE process, HANDLE job, BOOL *result);
WINBASEAPI BOOL WINAPI QueryInformationJobObject(HANDLE job, int information_class, PVOID information,
                                                 DWORD length, DWORD *returned);
WINBASEAPI BOOL WINAPI SetInformationJobObject(HANDLE job, int information_class, PVOID information,
                                               DWORD length);

/* searchpath.c */
WINBASEAPI DWORD WINAPI SearchPathW(const WCHAR *path, const WCHAR *file, const WCHAR *extension, DWORD size,
                                    WCHAR *buffer, WCHAR **file_part);
WINBASEAPI DWORD WINAPI SearchPathA(const char *path, const char *file, const char *extension, DWORD size,
                                    char *buffer, char **file_part);

/* profile.c */
WINBASEAPI DWORD WINAPI GetPrivateProfileStringA(const char *section, const char *key, const char *default_value,
                                                 char *buffer, DWORD size, const char *file);
WINBASEAPI UINT WINAPI GetPrivateProfileIntA(const char *section, const char *key, int default_value,
                                             const char *file);
/* profwrite.c */
WINBASEAPI BOOL WINAPI WritePrivateProfileStringA(const char *section, const char *key,
                                                  const char *value, const char *file);
/* procver.c */
WINBASEAPI DWORD WINAPI GetProcessVersion(DWORD id);

/* datefmt.c */
WINBASEAPI int WINAPI GetDateFormatW(LCID lcid, DWORD flags, const SYSTEMTIME *date, const WCHAR *format,
                                     WCHAR *buffer, int size);
WINBASEAPI int WINAPI GetDateFormatA(LCID lcid, DWORD flags, const SYSTEMTIME *date, const char *format,
                                     char *buffer, int size);
WINBASEAPI int WINAPI GetTimeFormatW(LCID lcid, DWORD flags, const SYSTEMTIME *time, const WCHAR *format,
                                     WCHAR *buffer, int size);
WINBASEAPI int WINAPI GetTimeFormatA(LCID lcid, DWORD flags, const SYSTEMTIME *time, const char *format,
                                     char *buffer, int size);

/* version.c */
WINBASEAPI DWORD WINAPI GetVersion(void);
WINBASEAPI BOOL WINAPI GetVersionExW(OSVERSIONINFOEXW *info);
WINBASEAPI BOOL WINAPI GetVersionExA(OSVERSIONINFOEXA *info);
WINBASEAPI ULONGLONG WINAPI VerSetConditionMask(ULONGLONG mask, DWORD type, BYTE condition);
WINBASEAPI BOOL WINAPI VerifyVersionInfoW(OSVERSIONINFOEXW *wanted, DWORD type, ULONGLONG mask);
WINBASEAPI BOOL WINAPI VerifyVersionInfoA(OSVERSIONINFOEXA *wanted, DWORD type, ULONGLONG mask);
WINBASEAPI DWORD WINAPI ExpandEnvironmentStringsW(const WCHAR *source, WCHAR *buffer, DWORD size);
WINBASEAPI DWORD WINAPI ExpandEnvironmentStringsA(const char *source, char *buffer, DWORD size);

/* tls.c */
WINBASEAPI DWORD WINAPI TlsAlloc(void);
WINBASEAPI BOOL WINAPI TlsFree(DWORD index);
WINBASEAPI PVOID WINAPI TlsGetValue(DWORD index);
WINBASEAPI BOOL WINAPI TlsSetValue(DWORD index, PVOID value);

/* fls.c */
WINBASEAPI DWORD WINAPI FlsAlloc(PVOID callback);
WINBASEAPI BOOL WINAPI FlsFree(DWORD index);
WINBASEAPI PVOID WINAPI FlsGetValue(DWORD index);
WINBASEAPI BOOL WINAPI FlsSetValue(DWORD index, PVOID value);

/* threadpool.c, timerq.c, regwait.c: the thread pool, timer queues and
 * registered waits; callbacks as PVOID (their types are winnt.h's). */
typedef struct TP_WORK TP_WORK;
typedef struct TP_CALLBACK_INSTANCE TP_CALLBACK_INSTANCE;
WINBASEAPI BOOL WINAPI QueueUserWorkItem(PVOID function, PVOID context, ULONG flags);
WINBASEAPI BOOL WINAPI TrySubmitThreadpoolCallback(PVOID callback, PVOID context,
                                                   PVOID environment);
WINBASEAPI TP_WORK *WINAPI CreateThreadpoolWork(PVOID callback, PVOID context, PVOID environment);
WINBASEAPI void WINAPI SubmitThreadpoolWork(TP_WORK *work);
WINBASEAPI void WINAPI WaitForThreadpoolWorkCallbacks(TP_WORK *work, BOOL cancel_pending);
WINBASEAPI void WINAPI CloseThreadpoolWork(TP_WORK *work);
WINBASEAPI HANDLE WINAPI CreateTimerQueue(void);
WINBASEAPI BOOL WINAPI CreateTimerQueueTimer(HANDLE *new_timer, HANDLE queue, PVOID callback,
                                             PVOID parameter, DWORD due, DWORD period,
                                             ULONG flags);
WINBASEAPI BOOL WINAPI ChangeTimerQueueTimer(HANDLE queue, HANDLE timer, ULONG due, ULONG period);
WINBASEAPI BOOL WINAPI DeleteTimerQueueTimer(HANDLE queue, HANDLE timer, HANDLE completion);
WINBASEAPI BOOL WINAPI DeleteTimerQueueEx(HANDLE queue, HANDLE completion);
WINBASEAPI BOOL WINAPI DeleteTimerQueue(HANDLE queue);
WINBASEAPI BOOL WINAPI RegisterWaitForSingleObject(HANDLE *new_wait, HANDLE object,
                                                   PVOID callback, PVOID context,
                                                   ULONG milliseconds, ULONG flags);
WINBASEAPI BOOL WINAPI UnregisterWaitEx(HANDLE wait, HANDLE completion);
WINBASEAPI BOOL WINAPI UnregisterWait(HANDLE wait);

/* iocomp.c: I/O completion ports, and the results of overlapped I/O. */
typedef struct OVERLAPPED_ENTRY OVERLAPPED_ENTRY;
WINBASEAPI HANDLE WINAPI CreateIoCompletionPort(HANDLE file, HANDLE existing, ULONG_PTR key,
                                                DWORD threads);
WINBASEAPI BOOL WINAPI PostQueuedCompletionStatus(HANDLE port, DWORD bytes, ULONG_PTR key,
                                                  OVERLAPPED *overlapped);
WINBASEAPI BOOL WINAPI GetQueuedCompletionStatus(HANDLE port, DWORD *bytes, ULONG_PTR *key,
                                                 OVERLAPPED **overlapped, DWORD milliseconds);
WINBASEAPI BOOL WINAPI GetQueuedCompletionStatusEx(HANDLE port, OVERLAPPED_ENTRY *entries,
                                                   ULONG count, ULONG *removed,
                                                   DWORD milliseconds, BOOL alertable);
WINBASEAPI BOOL WINAPI GetOverlappedResult(HANDLE file, OVERLAPPED *overlapped, DWORD *bytes,
                                           BOOL wait);
WINBASEAPI BOOL WINAPI CancelIo(HANDLE file);
WINBASEAPI BOOL WINAPI CancelIoEx(HANDLE file, OVERLAPPED *overlapped);
WINBASEAPI BOOL WINAPI GetOverlappedResultEx(HANDLE file, OVERLAPPED *overlapped, DWORD *bytes,
                                             DWORD milliseconds, BOOL alertable);

/* fiber.c: fibers. */
WINBASEAPI PVOID WINAPI ConvertThreadToFiber(PVOID parameter);
WINBASEAPI PVOID WINAPI ConvertThreadToFiberEx(PVOID parameter, DWORD flags);
WINBASEAPI BOOL WINAPI ConvertFiberToThread(void);
WINBASEAPI PVOID WINAPI CreateFiber(SIZE_T stack, PVOID start, PVOID parameter);
WINBASEAPI PVOID WINAPI CreateFiberEx(SIZE_T commit, SIZE_T reserve, DWORD flags, PVOID start,
                                      PVOID parameter);
WINBASEAPI void WINAPI SwitchToFiber(PVOID fiber);
WINBASEAPI void WINAPI DeleteFiber(PVOID fiber);
WINBASEAPI BOOL WINAPI IsThreadAFiber(void);

/* contitle.c: the console's title, kept in the process. */
WINBASEAPI BOOL WINAPI SetConsoleTitleW(const WCHAR *title);
WINBASEAPI BOOL WINAPI SetConsoleTitleA(const char *title);
WINBASEAPI DWORD WINAPI GetConsoleTitleW(WCHAR *title, DWORD size);
WINBASEAPI DWORD WINAPI GetConsoleTitleA(char *title, DWORD size);

/* virtual.c */
WINBASEAPI PVOID WINAPI VirtualAlloc(PVOID address, SIZE_T size, DWORD type, DWORD protect);
WINBASEAPI BOOL WINAPI VirtualFree(PVOID address, SIZE_T size, DWORD type);
WINBASEAPI BOOL WINAPI VirtualProtect(PVOID address, SIZE_T size, DWORD protect, DWORD *old);
WINBASEAPI SIZE_T WINAPI VirtualQuery(const void *address, MEMORY_BASIC_INFORMATION *info,
                                      SIZE_T length);
WINBASEAPI ULONG WINAPI GetWriteWatch(DWORD flags, PVOID base, SIZE_T size, PVOID *addresses,
                                      ULONG_PTR *count, ULONG *granularity);
WINBASEAPI ULONG WINAPI ResetWriteWatch(PVOID base, SIZE_T size);
WINBASEAPI BOOL WINAPI VirtualLock(PVOID address, SIZE_T size);
WINBASEAPI BOOL WINAPI VirtualUnlock(PVOID address, SIZE_T size);
WINBASEAPI PVOID WINAPI VirtualAllocEx(HANDLE process, PVOID address, SIZE_T size, DWORD type, DWORD protect);
WINBASEAPI BOOL WINAPI VirtualFreeEx(HANDLE process, PVOID address, SIZE_T size, DWORD type);
WINBASEAPI BOOL WINAPI VirtualProtectEx(HANDLE process, PVOID address, SIZE_T size, DWORD protect, DWORD *old);
WINBASEAPI SIZE_T WINAPI VirtualQueryEx(HANDLE process, const void *address, MEMORY_BASIC_INFORMATION *info, SIZE_T length);
WINBASEAPI BOOL WINAPI ReadProcessMemory(HANDLE process, const void *address, PVOID buffer, SIZE_T size, SIZE_T *done);
WINBASEAPI BOOL WINAPI WriteProcessMemory(HANDLE process, PVOID address, const void *buffer, SIZE_T size, SIZE_T *done);

/* volume.c */
WINBASEAPI DWORD WINAPI GetLogicalDrives(void);
WINBASEAPI BOOL WINAPI GetDiskFreeSpaceW(const WCHAR *root, DWORD *sectors_per_cluster,
                                         DWORD *bytes_per_sector, DWORD *free_clusters,
                                         DWORD *total_clusters);
WINBASEAPI BOOL WINAPI GetDiskFreeSpaceExW(const WCHAR *directory, LARGE_INTEGER *caller_free,
                                           LARGE_INTEGER *total, LARGE_INTEGER *total_free);
WINBASEAPI BOOL WINAPI GetVolumeInformationW(const WCHAR *root, WCHAR *label, DWORD label_size,
                                             DWORD *serial, DWORD *max_component, DWORD *flags,
                                             WCHAR *fs_name, DWORD fs_name_size);
WINBASEAPI BOOL WINAPI GetVolumeInformationByHandleW(HANDLE file, WCHAR *label, DWORD label_size,
                                                     DWORD *serial, DWORD *max_component,
                                                     DWORD *flags, WCHAR *fs_name,
                                                     DWORD fs_name_size);
WINBASEAPI UINT WINAPI GetDriveTypeW(const WCHAR *root);
WINBASEAPI UINT WINAPI GetDriveTypeA(const char *root);
WINBASEAPI BOOL WINAPI GetDiskFreeSpaceA(const char *root, DWORD *sectors_per_cluster,
                                         DWORD *bytes_per_sector, DWORD *free_clusters,
                                         DWORD *total_clusters);
WINBASEAPI BOOL WINAPI GetDiskFreeSpaceExA(const char *directory, LARGE_INTEGER *caller_free,
                                           LARGE_INTEGER *total, LARGE_INTEGER *total_free);
WINBASEAPI BOOL WINAPI GetVolumeInformationA(const char *root, char *label, DWORD label_size,
                                             DWORD *serial, DWORD *max_component, DWORD *flags,
                                             char *fs_name, DWORD fs_name_size);

/* wsinfo.c */
WINBASEAPI BOOL WINAPI K32GetProcessMemoryInfo(HANDLE process, PROCESS_MEMORY_COUNTERS_EX *counters,
                                               DWORD size);
WINBASEAPI BOOL WINAPI K32QueryWorkingSet(HANDLE process, PVOID buffer, DWORD size);
WINBASEAPI BOOL WINAPI K32QueryWorkingSetEx(HANDLE process, PVOID buffer, DWORD size);
WINBASEAPI BOOL WINAPI SetProcessWorkingSetSizeEx(HANDLE process, SIZE_T minimum, SIZE_T maximum,
                                                  DWORD flags);
WINBASEAPI BOOL WINAPI SetProcessWorkingSetSize(HANDLE process, SIZE_T minimum, SIZE_T maximum);
WINBASEAPI BOOL WINAPI K32EmptyWorkingSet(HANDLE process);
WINBASEAPI BOOL WINAPI GetProcessWorkingSetSizeEx(HANDLE process, SIZE_T *minimum, SIZE_T *maximum,
                                                  DWORD *flags);
WINBASEAPI BOOL WINAPI GetProcessWorkingSetSize(HANDLE process, SIZE_T *minimum, SIZE_T *maximum);

/* hardlink.c */
WINBASEAPI BOOL WINAPI CreateHardLinkW(const WCHAR *link, const WCHAR *existing, PVOID security);
WINBASEAPI BOOL WINAPI CreateHardLinkA(const char *link, const char *existing, PVOID security);

/* psinfo.c */
WINBASEAPI int WINAPI GetThreadPriority(HANDLE thread);
WINBASEAPI BOOL WINAPI SetThreadPriority(HANDLE thread, int priority);
WINBASEAPI BOOL WINAPI SetPriorityClass(HANDLE process, DWORD priority_class);
WINBASEAPI DWORD WINAPI GetPriorityClass(HANDLE process);
WINBASEAPI BOOL WINAPI GetThreadTimes(HANDLE thread, FILETIME *creation, FILETIME *exit, FILETIME *kernel, FILETIME *user);
WINBASEAPI BOOL WINAPI GetProcessTimes(HANDLE process, FILETIME *creation, FILETIME *exit, FILETIME *kernel, FILETIME *user);
WINBASEAPI ULONG_PTR WINAPI SetThreadAffinityMask(HANDLE thread, ULONG_PTR mask);
/* A segment descriptor, as the GDT holds it (GetThreadSelectorEntry). */
typedef struct LDT_ENTRY {
    WORD LimitLow, BaseLow;
    struct {
        BYTE BaseMid, Flags1, Flags2, BaseHi;
    } HighWord;
} LDT_ENTRY;
WINBASEAPI DWORD WINAPI SetThreadIdealProcessor(HANDLE thread, DWORD processor);
WINBASEAPI BOOL WINAPI GetThreadSelectorEntry(HANDLE thread, DWORD selector, LDT_ENTRY *entry);
WINBASEAPI BOOL WINAPI GetProcessAffinityMask(HANDLE process, ULONG_PTR *process_mask, ULONG_PTR *system_mask);
WINBASEAPI BOOL WINAPI SetProcessAffinityMask(HANDLE process, ULONG_PTR mask);
WINBASEAPI HANDLE WINAPI OpenProcess(DWORD access, BOOL inherit, DWORD id);
WINBASEAPI BOOL WINAPI GetHandleInformation(HANDLE handle, DWORD *flags);
WINBASEAPI BOOL WINAPI SetHandleInformation(HANDLE handle, DWORD mask, DWORD flags);

/* systime.c */
WINBASEAPI ULONGLONG WINAPI GetTickCount64(void);
WINBASEAPI BOOL WINAPI GetSystemTimeAdjustment(DWORD *adjustment, DWORD *increment, BOOL *disabled);
WINBASEAPI BOOL WINAPI SetSystemTime(const SYSTEMTIME *st);
WINBASEAPI BOOL WINAPI SetLocalTime(const SYSTEMTIME *st);

/* volenum.c */
WINBASEAPI HANDLE WINAPI FindFirstVolumeW(WCHAR *name, DWORD length);
WINBASEAPI BOOL WINAPI FindNextVolumeW(HANDLE handle, WCHAR *name, DWORD length);
WINBASEAPI BOOL WINAPI FindVolumeClose(HANDLE handle);
WINBASEAPI HANDLE WINAPI FindFirstVolumeA(char *name, DWORD length);
WINBASEAPI BOOL WINAPI FindNextVolumeA(HANDLE handle, char *name, DWORD length);

/* resource.c: the image's .rsrc through ntdll's Ldr*Resource*. An HRSRC
 * is the resource's data entry, an HGLOBAL its data. */
typedef long LONG_PTR;
typedef PVOID HRSRC, HGLOBAL;
typedef BOOL (WINAPI *ENUMRESTYPEPROCA)(HMODULE module, char *type, LONG_PTR param);
typedef BOOL (WINAPI *ENUMRESTYPEPROCW)(HMODULE module, WCHAR *type, LONG_PTR param);
typedef BOOL (WINAPI *ENUMRESNAMEPROCA)(HMODULE module, const char *type, char *name,
                                        LONG_PTR param);
typedef BOOL (WINAPI *ENUMRESNAMEPROCW)(HMODULE module, const WCHAR *type, WCHAR *name,
                                        LONG_PTR param);
typedef BOOL (WINAPI *ENUMRESLANGPROCA)(HMODULE module, const char *type, const char *name,
                                        WORD language, LONG_PTR param);
typedef BOOL (WINAPI *ENUMRESLANGPROCW)(HMODULE module, const WCHAR *type, const WCHAR *name,
                                        WORD language, LONG_PTR param);
WINBASEAPI HRSRC WINAPI FindResourceA(HMODULE module, const char *name, const char *type);
WINBASEAPI HRSRC WINAPI FindResourceW(HMODULE module, const WCHAR *name, const WCHAR *type);
WINBASEAPI HRSRC WINAPI FindResourceExA(HMODULE module, const char *type, const char *name,
                                        WORD language);
WINBASEAPI HRSRC WINAPI FindResourceExW(HMODULE module, const WCHAR *type, const WCHAR *name,
                                        WORD language);
WINBASEAPI HGLOBAL WINAPI LoadResource(HMODULE module, HRSRC resource);
WINBASEAPI PVOID WINAPI LockResource(HGLOBAL data);
WINBASEAPI DWORD WINAPI SizeofResource(HMODULE module, HRSRC resource);
WINBASEAPI BOOL WINAPI FreeResource(HGLOBAL data);
WINBASEAPI BOOL WINAPI EnumResourceTypesA(HMODULE module, ENUMRESTYPEPROCA proc, LONG_PTR param);
WINBASEAPI BOOL WINAPI EnumResourceTypesW(HMODULE module, ENUMRESTYPEPROCW proc, LONG_PTR param);
WINBASEAPI BOOL WINAPI EnumResourceNamesA(HMODULE module, const char *type, ENUMRESNAMEPROCA proc,
                                          LONG_PTR param);
WINBASEAPI BOOL WINAPI EnumResourceNamesW(HMODULE module, const WCHAR *type,
                                          ENUMRESNAMEPROCW proc, LONG_PTR param);
WINBASEAPI BOOL WINAPI EnumResourceLanguagesA(HMODULE module, const char *type, const char *name,
                                              ENUMRESLANGPROCA proc, LONG_PTR param);
WINBASEAPI BOOL WINAPI EnumResourceLanguagesW(HMODULE module, const WCHAR *type,
                                              const WCHAR *name, ENUMRESLANGPROCW proc,
                                              LONG_PTR param);
/* timer.c */
typedef void(WINAPI *PTIMERAPCROUTINE)(PVOID context, DWORD low, DWORD high);
WINBASEAPI HANDLE WINAPI CreateWaitableTimerExW(void *security, const WCHAR *name, DWORD flags,
                                                DWORD access);
WINBASEAPI HANDLE WINAPI CreateWaitableTimerExA(void *security, const char *name, DWORD flags,
                                                DWORD access);
WINBASEAPI HANDLE WINAPI CreateWaitableTimerW(void *security, BOOL manual_reset, const WCHAR *name);
WINBASEAPI HANDLE WINAPI CreateWaitableTimerA(void *security, BOOL manual_reset, const char *name);
WINBASEAPI HANDLE WINAPI OpenWaitableTimerW(DWORD access, BOOL inherit, const WCHAR *name);
WINBASEAPI HANDLE WINAPI OpenWaitableTimerA(DWORD access, BOOL inherit, const char *name);
WINBASEAPI BOOL WINAPI SetWaitableTimer(HANDLE timer, const LARGE_INTEGER *due, LONG period,
                                        PTIMERAPCROUTINE routine, PVOID context, BOOL resume);
WINBASEAPI BOOL WINAPI SetWaitableTimerEx(HANDLE timer, const LARGE_INTEGER *due, LONG period,
                                          PTIMERAPCROUTINE routine, PVOID context, void *reason,
                                          ULONG tolerable_delay);
WINBASEAPI BOOL WINAPI CancelWaitableTimer(HANDLE timer);

/* psapi.c */
typedef struct MODULEINFO {
    PVOID lpBaseOfDll;
    DWORD SizeOfImage;
    PVOID EntryPoint;
} MODULEINFO;
WINBASEAPI BOOL WINAPI K32EnumProcesses(DWORD *ids, DWORD bytes, DWORD *needed);
WINBASEAPI BOOL WINAPI K32EnumProcessModules(HANDLE process, HMODULE *modules, DWORD bytes,
                                             DWORD *needed);
WINBASEAPI BOOL WINAPI K32EnumProcessModulesEx(HANDLE process, HMODULE *modules, DWORD bytes,
                                               DWORD *needed, DWORD filter);
WINBASEAPI DWORD WINAPI K32GetModuleBaseNameW(HANDLE process, HMODULE module, WCHAR *name, DWORD size);
WINBASEAPI DWORD WINAPI K32GetModuleBaseNameA(HANDLE process, HMODULE module, char *name, DWORD size);
WINBASEAPI DWORD WINAPI K32GetModuleFileNameExW(HANDLE process, HMODULE module, WCHAR *name,
                                                DWORD size);
WINBASEAPI DWORD WINAPI K32GetModuleFileNameExA(HANDLE process, HMODULE module, char *name,
                                                DWORD size);
WINBASEAPI BOOL WINAPI K32GetModuleInformation(HANDLE process, HMODULE module, MODULEINFO *info,
                                               DWORD size);
WINBASEAPI BOOL WINAPI QueryFullProcessImageNameW(HANDLE process, DWORD flags, WCHAR *name,
                                                  DWORD *size);
WINBASEAPI BOOL WINAPI QueryFullProcessImageNameA(HANDLE process, DWORD flags, char *name,
                                                  DWORD *size);
WINBASEAPI DWORD WINAPI K32GetProcessImageFileNameW(HANDLE process, WCHAR *name, DWORD size);
WINBASEAPI DWORD WINAPI K32GetProcessImageFileNameA(HANDLE process, char *name, DWORD size);

/* toolhelp.c */
typedef struct PROCESSENTRY32W {
    DWORD dwSize, cntUsage, th32ProcessID;
    ULONG_PTR th32DefaultHeapID;
    DWORD th32ModuleID, cntThreads, th32ParentProcessID;
    LONG pcPriClassBase;
    DWORD dwFlags;
    WCHAR szExeFile[MAX_PATH];
} PROCESSENTRY32W;
typedef struct PROCESSENTRY32 {
    DWORD dwSize, cntUsage, th32ProcessID;
    ULONG_PTR th32DefaultHeapID;
    DWORD th32ModuleID, cntThreads, th32ParentProcessID;
    LONG pcPriClassBase;
    DWORD dwFlags;
    char szExeFile[MAX_PATH];
} PROCESSENTRY32;
typedef struct THREADENTRY32 {
    DWORD dwSize, cntUsage, th32ThreadID, th32OwnerProcessID;
    LONG tpBasePri, tpDeltaPri;
    DWORD dwFlags;
} THREADENTRY32;
typedef struct MODULEENTRY32W {
    DWORD dwSize, th32ModuleID, th32ProcessID, GlblcntUsage, ProccntUsage;
    BYTE *modBaseAddr;
    DWORD modBaseSize;
    HMODULE hModule;
    WCHAR szModule[256];
    WCHAR szExePath[MAX_PATH];
} MODULEENTRY32W;
typedef struct MODULEENTRY32 {
    DWORD dwSize, th32ModuleID, th32ProcessID, GlblcntUsage, ProccntUsage;
    BYTE *modBaseAddr;
    DWORD modBaseSize;
    HMODULE hModule;
    char szModule[256];
    char szExePath[MAX_PATH];
} MODULEENTRY32;
WINBASEAPI HANDLE WINAPI CreateToolhelp32Snapshot(DWORD flags, DWORD process_id);
WINBASEAPI BOOL WINAPI Process32FirstW(HANDLE snapshot, PROCESSENTRY32W *entry);
WINBASEAPI BOOL WINAPI Process32NextW(HANDLE snapshot, PROCESSENTRY32W *entry);
WINBASEAPI BOOL WINAPI Process32First(HANDLE snapshot, PROCESSENTRY32 *entry);
WINBASEAPI BOOL WINAPI Process32Next(HANDLE snapshot, PROCESSENTRY32 *entry);
WINBASEAPI BOOL WINAPI Thread32First(HANDLE snapshot, THREADENTRY32 *entry);
WINBASEAPI BOOL WINAPI Thread32Next(HANDLE snapshot, THREADENTRY32 *entry);
WINBASEAPI BOOL WINAPI Module32FirstW(HANDLE snapshot, MODULEENTRY32W *entry);
WINBASEAPI BOOL WINAPI Module32NextW(HANDLE snapshot, MODULEENTRY32W *entry);
WINBASEAPI BOOL WINAPI Module32First(HANDLE snapshot, MODULEENTRY32 *entry);
WINBASEAPI BOOL WINAPI Module32Next(HANDLE snapshot, MODULEENTRY32 *entry);

/* atom.c */
typedef WORD ATOM;
WINBASEAPI ATOM WINAPI AddAtomA(const char *name);
WINBASEAPI ATOM WINAPI AddAtomW(const WCHAR *name);
WINBASEAPI ATOM WINAPI FindAtomA(const char *name);
WINBASEAPI ATOM WINAPI FindAtomW(const WCHAR *name);
WINBASEAPI ATOM WINAPI DeleteAtom(ATOM atom);
WINBASEAPI UINT WINAPI GetAtomNameA(ATOM atom, char *buffer, int size);
WINBASEAPI UINT WINAPI GetAtomNameW(ATOM atom, WCHAR *buffer, int size);
WINBASEAPI ATOM WINAPI GlobalAddAtomA(const char *name);
WINBASEAPI ATOM WINAPI GlobalAddAtomW(const WCHAR *name);
WINBASEAPI ATOM WINAPI GlobalFindAtomA(const char *name);
WINBASEAPI ATOM WINAPI GlobalFindAtomW(const WCHAR *name);
WINBASEAPI ATOM WINAPI GlobalDeleteAtom(ATOM atom);
WINBASEAPI UINT WINAPI GlobalGetAtomNameA(ATOM atom, char *buffer, int size);
WINBASEAPI UINT WINAPI GlobalGetAtomNameW(ATOM atom, WCHAR *buffer, int size);

/* cpuinfo.c: the processor, its caches, its time. */
WINBASEAPI BOOL WINAPI GetLogicalProcessorInformation(void *buffer, DWORD *length);
WINBASEAPI BOOL WINAPI GetLogicalProcessorInformationEx(DWORD relationship, void *buffer,
                                                        DWORD *length);
WINBASEAPI BOOL WINAPI GetSystemTimes(FILETIME *idle, FILETIME *kernel, FILETIME *user);

/* procio.c */
typedef struct IO_COUNTERS {
    ULONGLONG ReadOperationCount, WriteOperationCount, OtherOperationCount;
    ULONGLONG ReadTransferCount, WriteTransferCount, OtherTransferCount;
} IO_COUNTERS;
WINBASEAPI BOOL WINAPI GetProcessIoCounters(HANDLE process, IO_COUNTERS *counters);

/* cpunuma.c: processor groups and NUMA nodes. */
typedef struct PROCESSOR_NUMBER {
    WORD Group;
    BYTE Number, Reserved;
} PROCESSOR_NUMBER;
typedef struct GROUP_AFFINITY {
    ULONG_PTR Mask;
    WORD Group, Reserved[3];
} GROUP_AFFINITY;
WINBASEAPI DWORD WINAPI GetActiveProcessorCount(WORD group);
WINBASEAPI DWORD WINAPI GetMaximumProcessorCount(WORD group);
WINBASEAPI WORD WINAPI GetActiveProcessorGroupCount(void);
WINBASEAPI WORD WINAPI GetMaximumProcessorGroupCount(void);
WINBASEAPI void WINAPI GetCurrentProcessorNumberEx(PROCESSOR_NUMBER *number);
WINBASEAPI BOOL WINAPI GetNumaProcessorNodeEx(PROCESSOR_NUMBER *processor, USHORT *node);
WINBASEAPI BOOL WINAPI GetNumaNodeProcessorMaskEx(USHORT node, GROUP_AFFINITY *affinity);
WINBASEAPI BOOL WINAPI GetNumaAvailableMemoryNodeEx(USHORT node, ULONGLONG *bytes);
WINBASEAPI BOOL WINAPI GetPhysicallyInstalledSystemMemory(ULONGLONG *kilobytes);

/* streams.c */
typedef enum STREAM_INFO_LEVELS { FindStreamInfoStandard, FindStreamInfoMaxInfoLevel } STREAM_INFO_LEVELS;
typedef struct WIN32_FIND_STREAM_DATA {
    LARGE_INTEGER StreamSize;
    WCHAR cStreamName[MAX_PATH + 36];
} WIN32_FIND_STREAM_DATA;
WINBASEAPI HANDLE WINAPI FindFirstStreamW(const WCHAR *name, STREAM_INFO_LEVELS level, void *data,
                                          DWORD flags);
WINBASEAPI BOOL WINAPI FindNextStreamW(HANDLE handle, void *data);
WINBASEAPI DWORD WINAPI GetCompressedFileSizeW(const WCHAR *name, DWORD *high);
WINBASEAPI DWORD WINAPI GetCompressedFileSizeA(const char *name, DWORD *high);

/* createfile2.c */
typedef struct CREATEFILE2_EXTENDED_PARAMETERS {
    DWORD dwSize, dwFileAttributes, dwFileFlags, dwSecurityQosFlags;
    SECURITY_ATTRIBUTES *lpSecurityAttributes;
    HANDLE hTemplateFile;
} CREATEFILE2_EXTENDED_PARAMETERS;
WINBASEAPI HANDLE WINAPI CreateFile2(const WCHAR *name, DWORD access, DWORD share, DWORD disposition,
                                     CREATEFILE2_EXTENDED_PARAMETERS *parameters);
WINBASEAPI HANDLE WINAPI ReOpenFile(HANDLE original, DWORD access, DWORD share, DWORD flags);

/* symlink.c */
WINBASEAPI BOOLEAN WINAPI CreateSymbolicLinkW(const WCHAR *link, const WCHAR *target, DWORD flags);
WINBASEAPI BOOLEAN WINAPI CreateSymbolicLinkA(const char *link, const char *target, DWORD flags);

/* power.c */
typedef struct SYSTEM_POWER_STATUS {
    BYTE ACLineStatus, BatteryFlag, BatteryLifePercent, SystemStatusFlag;
    DWORD BatteryLifeTime, BatteryFullLifeTime;
} SYSTEM_POWER_STATUS;
WINBASEAPI BOOL WINAPI GetSystemPowerStatus(SYSTEM_POWER_STATUS *status);

/* cycles.c */
typedef unsigned long long ULONG64;
WINBASEAPI BOOL WINAPI QueryThreadCycleTime(HANDLE thread, ULONG64 *cycles);
WINBASEAPI BOOL WINAPI QueryProcessCycleTime(HANDLE process, ULONG64 *cycles);

/* sysmisc.c */
WINBASEAPI int WINAPI MulDiv(int a, int b, int c);
WINBASEAPI void WINAPI GetCurrentThreadStackLimits(ULONG_PTR *low, ULONG_PTR *high);
WINBASEAPI BOOL WINAPI QueryUnbiasedInterruptTime(ULONGLONG *time);
WINBASEAPI DWORD WINAPI GetLogicalDriveStringsW(DWORD length, WCHAR *buffer);
WINBASEAPI DWORD WINAPI GetLogicalDriveStringsA(DWORD length, char *buffer);
WINBASEAPI BOOL WINAPI IsBadStringPtrA(const char *s, ULONG_PTR max);
WINBASEAPI BOOL WINAPI IsBadStringPtrW(const WCHAR *s, ULONG_PTR max);
WINBASEAPI BOOL WINAPI ProcessIdToSessionId(DWORD id, DWORD *session);
WINBASEAPI DWORD WINAPI WTSGetActiveConsoleSessionId(void);
WINBASEAPI BOOL WINAPI GetProcessHandleCount(HANDLE process, DWORD *count);
WINBASEAPI BOOL WINAPI FlushInstructionCache(HANDLE process, const void *base, SIZE_T size);

/* lfile.c: the 16-bit Windows file calls; an HFILE is the file handle. */
typedef int HFILE;
WINBASEAPI HFILE WINAPI _lopen(const char *path, int mode);
WINBASEAPI HFILE WINAPI _lcreat(const char *path, int attributes);
WINBASEAPI HFILE WINAPI _lclose(HFILE file);
WINBASEAPI LONG WINAPI _llseek(HFILE file, LONG offset, int origin);
WINBASEAPI UINT WINAPI _lread(HFILE file, void *buffer, UINT count);
WINBASEAPI LONG WINAPI _hread(HFILE file, void *buffer, LONG count);
WINBASEAPI UINT WINAPI _lwrite(HFILE file, const char *buffer, UINT count);
WINBASEAPI LONG WINAPI _hwrite(HFILE file, const char *buffer, LONG count);
/* openfile.c: OpenFile and its OFSTRUCT. */
typedef struct OFSTRUCT {
    BYTE cBytes;
    BYTE fFixedDisk;
    WORD nErrCode;
    WORD Reserved1;
    WORD Reserved2;
    char szPathName[128];
} OFSTRUCT;
WINBASEAPI HFILE WINAPI OpenFile(const char *name, OFSTRUCT *ofs, UINT mode);

#endif
