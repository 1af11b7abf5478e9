/* What the files of kernel32 share. */
#ifndef NTMM_KERNEL32_H
#define NTMM_KERNEL32_H

#include "inc/ntguest.h"
#define WINBASEAPI /* kernel32 defines them */
#include "inc/winbase.h"

/* NtQuerySystemInformation's SystemBasicInformation (sysinfo.c, memstat.c). */
typedef struct SYSTEM_BASIC_INFORMATION {
    ULONG Reserved, TimerResolution, PageSize, NumberOfPhysicalPages;
    ULONG LowestPhysicalPageNumber, HighestPhysicalPageNumber, AllocationGranularity;
    ULONG MinimumUserModeAddress, MaximumUserModeAddress, ActiveProcessorsAffinityMask;
    CHAR NumberOfProcessors;
} SYSTEM_BASIC_INFORMATION;

/* NtQueryInformationProcess's ProcessVmCounters, the EX form (wsinfo.c,
 * memstat.c). */
typedef struct VM_COUNTERS_EX {
    SIZE_T PeakVirtualSize, VirtualSize;
    ULONG PageFaultCount;
    SIZE_T PeakWorkingSetSize, WorkingSetSize;
    SIZE_T QuotaPeakPagedPoolUsage, QuotaPagedPoolUsage;
    SIZE_T QuotaPeakNonPagedPoolUsage, QuotaNonPagedPoolUsage;
    SIZE_T PagefileUsage, PeakPagefileUsage, PrivateUsage;
} VM_COUNTERS_EX;

/* Records the Win32 error for a failed native call; returns the error. */
ULONG BaseSetLastNtError(NTSTATUS status);
ULONGLONG BaseReadSharedTime(ULONG offset); /* a KSYSTEM_TIME of KUSER_SHARED_DATA (systime.c) */

/* "\BaseNamedObjects\" + name (NULL: no name), in a caller's buffer
 * (section.c); an ANSI name as UTF-16, for the W functions. */
OBJECT_ATTRIBUTES *BaseFormatObjectAttributes(const WCHAR *name, WCHAR *buffer, ULONG chars,
                                              UNICODE_STRING *string, OBJECT_ATTRIBUTES *oa,
                                              ULONG attributes);
const WCHAR *BaseWidenName(const char *name, WCHAR *buffer, ULONG chars);
/* An initialization file's path: a name without one is in C:\Windows
 * (FALSE, ERROR_FILE_NOT_FOUND: too long); its text, NUL-terminated, on
 * the process heap (NULL: none) (profile.c). */
BOOL BaseProfilePath(const char *file, char *path, size_t size);
char *BaseReadProfile(const char *file);
/* OBJ_INHERIT when a SECURITY_ATTRIBUTES (or NULL) says bInheritHandle (pipe.c). */
ULONG BaseInheritAttribute(const void *security);
/* FILE_MAP_* → the page protection MapViewOfFile asks NtMapViewOfSection
 * for (section.c). */
DWORD BaseFileMapProtection(DWORD access);
/* A Win32 timeout in milliseconds as NT's (NULL for INFINITE). */
LARGE_INTEGER *BaseFormatTimeOut(LARGE_INTEGER *timeout, DWORD milliseconds);

/* An ANSI string as UTF-16 on the process heap (nls.c); NULL for NULL
 * or no memory. */
WCHAR *BaseAnsiToHeap(const char *s);
/* CT_CTYPE1 classes of one UTF-16 unit (casemap.c); its simple case
 * mapping is ntdll's RtlUpcaseUnicodeChar/RtlDowncaseUnicodeChar. */
WORD BaseCharType1(WCHAR c);

/* A request's native arguments from its OVERLAPPED (file.c): the
 * IO_STATUS_BLOCK (the OVERLAPPED's Internal, set STATUS_PENDING, or
 * Local without one), ByteOffset, Event and ApcContext. */
typedef struct BASE_IO {
    IO_STATUS_BLOCK Local, *Iosb;
    LARGE_INTEGER Offset, *ByteOffset;
    HANDLE Event;
    PVOID ApcContext;
} BASE_IO;
void BaseStartIo(BASE_IO *io, OVERLAPPED *overlapped);

#define ERROR_IO_INCOMPLETE     996
#define ERROR_IO_PENDING        997

#define CP_ACP        0
#define CP_OEMCP      1
#define CP_MACCP      2
#define CP_THREAD_ACP 3
#define CP_UTF8       65001

#define ERROR_INVALID_HANDLE    6
#define ERROR_NOT_ENOUGH_MEMORY 8
#define ERROR_INVALID_PARAMETER 87
#define ERROR_INSUFFICIENT_BUFFER 122
#define ERROR_INVALID_FLAGS     1004
#define ERROR_MOD_NOT_FOUND     126
#define ERROR_PROC_NOT_FOUND    127
#define ERROR_NOACCESS          998

/* psapi.c: a process's modules in load order, read from its PEB's loader
 * list (the EXE's full name is its ImagePathName); `each` returns FALSE to
 * stop. And the machine's SYSTEM_PROCESS_INFORMATION list on the process
 * heap (NULL with the last error set). */
typedef struct BASE_MODULE {
    PVOID Base, EntryPoint;
    ULONG Size;
    WCHAR BaseName[MAX_PATH], FullName[MAX_PATH];
} BASE_MODULE;
typedef BOOL (*BASE_MODULE_CALLBACK)(const BASE_MODULE *module, void *context);
NTSTATUS BaseEnumProcessModules(HANDLE process, BASE_MODULE_CALLBACK each, void *context);
void *BaseQueryProcessList(void);

#endif
