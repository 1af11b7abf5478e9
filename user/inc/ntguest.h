/*
 * The NT types and constants the guest DLLs use, with Windows' x86 layout.
 * ntdll and kernel32 define functions that mingw's <windows.h> declares as
 * dllimport, so they use this header instead of it.
 */
#ifndef NTMM_NTGUEST_H
#define NTMM_NTGUEST_H

typedef unsigned char BYTE, UCHAR, BOOLEAN;
typedef unsigned short WORD, USHORT, WCHAR;
typedef unsigned long DWORD, ULONG, ULONG_PTR, SIZE_T;
typedef long LONG, NTSTATUS;
typedef int BOOL;
typedef void *PVOID, *HANDLE, *HMODULE;
typedef long long LONGLONG;
typedef unsigned long long ULONGLONG;
typedef char CHAR;

#define NTAPI __stdcall
#define WINAPI __stdcall
#define TRUE 1
#define FALSE 0
#define NULL ((void *)0)
#define EXPORT __declspec(dllexport)

#define NtCurrentProcess() ((HANDLE)(LONG)-1)
#define NtCurrentThread() ((HANDLE)(LONG)-2)
#define INVALID_HANDLE_VALUE ((HANDLE)(LONG)-1)

#define NT_SUCCESS(s) ((NTSTATUS)(s) >= 0)
#define STATUS_SUCCESS                  ((NTSTATUS)0x00000000L)
#define STATUS_GUARD_PAGE_VIOLATION     ((NTSTATUS)0x80000001L)
#define STATUS_ACCESS_VIOLATION         ((NTSTATUS)0xC0000005L)
#define STATUS_INVALID_PARAMETER        ((NTSTATUS)0xC000000DL)
#define STATUS_NONCONTINUABLE_EXCEPTION ((NTSTATUS)0xC0000025L)
#define STATUS_INVALID_DISPOSITION      ((NTSTATUS)0xC0000026L)
#define STATUS_UNWIND                   ((NTSTATUS)0xC0000027L)
#define STATUS_BAD_STACK                ((NTSTATUS)0xC0000028L)
#define STATUS_INVALID_UNWIND_TARGET    ((NTSTATUS)0xC0000029L)
#define STATUS_DLL_INIT_FAILED          ((NTSTATUS)0xC0000142L)
#define STATUS_END_OF_FILE              ((NTSTATUS)0xC0000011L)

typedef struct LIST_ENTRY {
    struct LIST_ENTRY *Flink, *Blink;
} LIST_ENTRY;

typedef struct UNICODE_STRING {
    USHORT Length, MaximumLength;
    WCHAR *Buffer;
} UNICODE_STRING;

/* Security (user/ntdll/sid.c, ke/token.c): SIDs, LUIDs, privileges. */
typedef void *PSID;
typedef struct SID_IDENTIFIER_AUTHORITY {
    BYTE Value[6];
} SID_IDENTIFIER_AUTHORITY;
typedef struct LUID {
    ULONG LowPart;
    LONG HighPart;
} LUID;
typedef struct LUID_AND_ATTRIBUTES {
    LUID Luid;
    ULONG Attributes;
} LUID_AND_ATTRIBUTES;
typedef struct TOKEN_PRIVILEGES {
    ULONG PrivilegeCount;
    LUID_AND_ATTRIBUTES Privileges[1];
} TOKEN_PRIVILEGES;
#define STATUS_NOT_ALL_ASSIGNED         ((NTSTATUS)0x00000106L)
#define STATUS_BUFFER_OVERFLOW          ((NTSTATUS)0x80000005L)
#define STATUS_INVALID_SID              ((NTSTATUS)0xC0000078L)
#define STATUS_NO_TOKEN                 ((NTSTATUS)0xC000007CL)
#define STATUS_PRIVILEGE_NOT_HELD       ((NTSTATUS)0xC0000061L)
#define STATUS_BUFFER_TOO_SMALL         ((NTSTATUS)0xC0000023L)

typedef struct OBJECT_ATTRIBUTES {
    ULONG Length;
    HANDLE RootDirectory;
    UNICODE_STRING *ObjectName;
    ULONG Attributes;
    PVOID SecurityDescriptor;
    PVOID SecurityQualityOfService;
} OBJECT_ATTRIBUTES;

#define OBJ_INHERIT 0x00000002
#define OBJ_OPENIF  0x00000080
#define STATUS_OBJECT_NAME_EXISTS ((NTSTATUS)0x40000000L)

typedef union LARGE_INTEGER {
    struct {
        ULONG LowPart;
        LONG HighPart;
    } u;
    LONGLONG QuadPart;
} LARGE_INTEGER;

typedef struct IO_STATUS_BLOCK {
    NTSTATUS Status;
    ULONG_PTR Information;
} IO_STATUS_BLOCK;

/* Exceptions; EXCEPTION_RECORD, CONTEXT and the TEB/PEB offsets are shared
 * with the kernel (ke/ntx86.h). */
#define EXCEPTION_CONTINUE_EXECUTION (-1)
#define EXCEPTION_CONTINUE_SEARCH    0

#include "ke/ntx86.h"

typedef struct EXCEPTION_POINTERS {
    EXCEPTION_RECORD *ExceptionRecord;
    CONTEXT *ContextRecord;
} EXCEPTION_POINTERS;

typedef enum EXCEPTION_DISPOSITION {
    ExceptionContinueExecution = 0,
    ExceptionContinueSearch = 1,
    ExceptionNestedException = 2,
    ExceptionCollidedUnwind = 3,
} EXCEPTION_DISPOSITION;

struct EXCEPTION_REGISTRATION_RECORD;
typedef EXCEPTION_DISPOSITION (*PEXCEPTION_ROUTINE)(EXCEPTION_RECORD *record,
                                                    struct EXCEPTION_REGISTRATION_RECORD *frame,
                                                    CONTEXT *context, PVOID dispatcher_context);

typedef struct EXCEPTION_REGISTRATION_RECORD {
    struct EXCEPTION_REGISTRATION_RECORD *Next;
    PEXCEPTION_ROUTINE Handler;
} EXCEPTION_REGISTRATION_RECORD;

#define EXCEPTION_CHAIN_END ((EXCEPTION_REGISTRATION_RECORD *)-1)

typedef LONG (NTAPI *PVECTORED_EXCEPTION_HANDLER)(EXCEPTION_POINTERS *info);

/* The TEB, through fs: (docs/guest-abi.md). */
static inline ULONG TebRead(ULONG offset)
{
    ULONG value;
    __asm__ volatile("movl %%fs:(%1), %0" : "=r"(value) : "r"(offset));
    return value;
}
static inline void TebWrite(ULONG offset, ULONG value)
{
    __asm__ volatile("movl %0, %%fs:(%1)" : : "r"(value), "r"(offset) : "memory");
}
typedef struct PEB_LDR_DATA {
    ULONG Length;
    BOOLEAN Initialized;
    PVOID SsHandle;
    LIST_ENTRY InLoadOrderModuleList;
    LIST_ENTRY InMemoryOrderModuleList;
    LIST_ENTRY InInitializationOrderModuleList;
} PEB_LDR_DATA;

typedef struct LDR_DATA_TABLE_ENTRY {
    LIST_ENTRY InLoadOrderLinks;
    LIST_ENTRY InMemoryOrderLinks;
    LIST_ENTRY InInitializationOrderLinks;
    PVOID DllBase;
    PVOID EntryPoint;
    ULONG SizeOfImage;
    UNICODE_STRING FullDllName;
    UNICODE_STRING BaseDllName;
    ULONG Flags;
    USHORT LoadCount;
} LDR_DATA_TABLE_ENTRY;

typedef struct RTL_USER_PROCESS_PARAMETERS {
    ULONG MaximumLength, Length, Flags, DebugFlags;
    HANDLE ConsoleHandle;
    ULONG ConsoleFlags;
    HANDLE StandardInput, StandardOutput, StandardError;
    UNICODE_STRING CurrentDirectoryPath;
    HANDLE CurrentDirectoryHandle;
    UNICODE_STRING DllPath;
    UNICODE_STRING ImagePathName;
    UNICODE_STRING CommandLine;
    PVOID Environment;
    ULONG StartingX, StartingY, CountX, CountY, CountCharsX, CountCharsY, FillAttribute;
    ULONG WindowFlags;           /* the creator's STARTUPINFO.dwFlags */
    ULONG ShowWindowFlags;
    UNICODE_STRING WindowTitle, DesktopInfo, ShellInfo;
    UNICODE_STRING RuntimeData;  /* STARTUPINFO.lpReserved2, cbReserved2 bytes */
} RTL_USER_PROCESS_PARAMETERS;

typedef struct PEB {
    BYTE Reserved[2];
    BYTE BeingDebugged;
    BYTE Spare;
    HANDLE Mutant;
    PVOID ImageBaseAddress;
    PEB_LDR_DATA *Ldr;
    RTL_USER_PROCESS_PARAMETERS *ProcessParameters;
    PVOID SubSystemData;
    HANDLE ProcessHeap;
    BYTE Reserved2[0x58 - 0x1C];
    PVOID AnsiCodePageData;      /* the code pages' .nls data (ntdll/rtlnls.c) */
    PVOID OemCodePageData;
} PEB;

_Static_assert(__builtin_offsetof(PEB, BeingDebugged) == PEB_BEING_DEBUGGED, "PEB layout");
_Static_assert(__builtin_offsetof(PEB, ImageBaseAddress) == PEB_IMAGE_BASE, "PEB layout");
_Static_assert(__builtin_offsetof(PEB, Ldr) == PEB_LDR, "PEB layout");
_Static_assert(__builtin_offsetof(PEB, ProcessParameters) == PEB_PROCESS_PARAMETERS, "PEB layout");
_Static_assert(__builtin_offsetof(PEB, ProcessHeap) == PEB_PROCESS_HEAP, "PEB layout");
_Static_assert(__builtin_offsetof(PEB, AnsiCodePageData) == 0x58, "PEB layout");

/* Heaps (ntdll's RtlAllocateHeap; kernel32's Heap* forward to it). */
#define HEAP_NO_SERIALIZE 0x00000001
#define HEAP_ZERO_MEMORY  0x00000008
#define HEAP_REALLOC_IN_PLACE_ONLY 0x00000010
PVOID NTAPI RtlCreateHeap(ULONG flags, PVOID base, SIZE_T reserve, SIZE_T commit, PVOID lock, PVOID params);
PVOID NTAPI RtlDestroyHeap(PVOID heap);
PVOID NTAPI RtlAllocateHeap(PVOID heap, ULONG flags, SIZE_T size);
ULONG NTAPI RtlGetProcessHeaps(ULONG count, PVOID *heaps);
/* A block's user value and flags (HEAP_ADD_USER_INFO; kernel32 keeps a
 * movable block's handle there). */
BOOLEAN NTAPI RtlGetUserInfoHeap(PVOID heap, ULONG flags, PVOID block, PVOID *user_value,
                                 ULONG *user_flags);
BOOLEAN NTAPI RtlSetUserValueHeap(PVOID heap, ULONG flags, PVOID block, PVOID user_value);
BOOLEAN NTAPI RtlSetUserFlagsHeap(PVOID heap, ULONG flags, PVOID block, ULONG clear, ULONG set);
/* RtlWalkHeap's entry (NT's RTL_HEAP_WALK_ENTRY; ntdll/heapwalk.c). */
typedef struct RTL_HEAP_WALK_ENTRY {
    PVOID DataAddress;
    SIZE_T DataSize;
    UCHAR OverheadBytes;
    UCHAR SegmentIndex;
    USHORT Flags;      /* RTL_HEAP_BUSY 1 */
    union {
        struct {
            SIZE_T Settable;
            USHORT TagIndex, AllocatorBackTraceIndex;
            ULONG Reserved[2];
        } Block;
        struct {
            ULONG CommittedSize, UnCommittedSize;
            PVOID FirstEntry, LastEntry;
        } Segment;
    };
} RTL_HEAP_WALK_ENTRY;
NTSTATUS NTAPI RtlWalkHeap(PVOID heap, RTL_HEAP_WALK_ENTRY *entry);
BOOLEAN NTAPI RtlLockHeap(PVOID heap);
BOOLEAN NTAPI RtlUnlockHeap(PVOID heap);
BOOLEAN NTAPI RtlValidateHeap(PVOID heap, ULONG flags, const void *block);
BOOLEAN NTAPI RtlFreeHeap(PVOID heap, ULONG flags, PVOID block);
PVOID NTAPI RtlReAllocateHeap(PVOID heap, ULONG flags, PVOID block, SIZE_T size);
SIZE_T NTAPI RtlSizeHeap(PVOID heap, ULONG flags, const void *block);
void NTAPI RtlSetUnhandledExceptionFilter(PVOID filter);

static inline PEB *NtCurrentPeb(void)
{
    return (PEB *)TebRead(TEB_PEB);
}

/* Memory */
typedef struct MEMORY_BASIC_INFORMATION {
    PVOID BaseAddress;
    PVOID AllocationBase;
    ULONG AllocationProtect;
    SIZE_T RegionSize;
    ULONG State;
    ULONG Protect;
    ULONG Type;
} MEMORY_BASIC_INFORMATION;

#define MEM_RELEASE 0x8000
#define MEM_COMMIT  0x1000
#define MEM_RESERVE 0x2000

/* The native services (ntdll's stubs). */
#ifndef NTDLL_SYSCALL_STUBS
NTSTATUS NTAPI NtAllocateVirtualMemory(HANDLE, PVOID *, ULONG_PTR, SIZE_T *, ULONG, ULONG);
NTSTATUS NTAPI NtFreeVirtualMemory(HANDLE, PVOID *, SIZE_T *, ULONG);
NTSTATUS NTAPI NtProtectVirtualMemory(HANDLE, PVOID *, SIZE_T *, ULONG, ULONG *);
NTSTATUS NTAPI NtQueryVirtualMemory(HANDLE, PVOID, ULONG, PVOID, SIZE_T, SIZE_T *);
NTSTATUS NTAPI NtClose(HANDLE);
NTSTATUS NTAPI NtContinue(CONTEXT *, BOOLEAN);
NTSTATUS NTAPI NtRaiseException(EXCEPTION_RECORD *, CONTEXT *, BOOLEAN);
NTSTATUS NTAPI NtTerminateProcess(HANDLE, NTSTATUS);
NTSTATUS NTAPI NtWriteFile(HANDLE, HANDLE, PVOID, PVOID, IO_STATUS_BLOCK *, const void *, ULONG,
                           LARGE_INTEGER *, ULONG *);
NTSTATUS NTAPI NtReadFile(HANDLE, HANDLE, PVOID, PVOID, IO_STATUS_BLOCK *, void *, ULONG,
                          LARGE_INTEGER *, ULONG *);
NTSTATUS NTAPI NtReadFileScatter(HANDLE, HANDLE, PVOID, PVOID, IO_STATUS_BLOCK *, void *, ULONG,
                                 LARGE_INTEGER *, ULONG *);
NTSTATUS NTAPI NtWriteFileGather(HANDLE, HANDLE, PVOID, PVOID, IO_STATUS_BLOCK *, void *, ULONG,
                                 LARGE_INTEGER *, ULONG *);
NTSTATUS NTAPI NtNotifyChangeDirectoryFile(HANDLE, HANDLE, PVOID, PVOID, IO_STATUS_BLOCK *, PVOID,
                                           ULONG, ULONG, BOOLEAN);
NTSTATUS NTAPI NtCreateMailslotFile(HANDLE *, ULONG, OBJECT_ATTRIBUTES *, IO_STATUS_BLOCK *, ULONG,
                                    ULONG, ULONG, LARGE_INTEGER *);
NTSTATUS NTAPI NtQuerySystemInformation(ULONG, PVOID, ULONG, ULONG *);
NTSTATUS NTAPI NtDelayExecution(BOOLEAN, LARGE_INTEGER *);
NTSTATUS NTAPI NtQueryPerformanceCounter(LARGE_INTEGER *, LARGE_INTEGER *);
NTSTATUS NTAPI NtQueryEvent(HANDLE, ULONG, PVOID, ULONG, ULONG *);
NTSTATUS NTAPI NtQuerySemaphore(HANDLE, ULONG, PVOID, ULONG, ULONG *);
NTSTATUS NTAPI NtQueryMutant(HANDLE, ULONG, PVOID, ULONG, ULONG *);
NTSTATUS NTAPI NtDuplicateObject(HANDLE, HANDLE, HANDLE, HANDLE *, ULONG, ULONG, ULONG);
NTSTATUS NTAPI NtQueryInformationProcess(HANDLE, ULONG, PVOID, ULONG, ULONG *);
NTSTATUS NTAPI NtCreateSection(HANDLE *, ULONG, OBJECT_ATTRIBUTES *, LARGE_INTEGER *, ULONG, ULONG,
                               HANDLE);
NTSTATUS NTAPI NtOpenSection(HANDLE *, ULONG, OBJECT_ATTRIBUTES *);
NTSTATUS NTAPI NtMapViewOfSection(HANDLE, HANDLE, PVOID *, ULONG_PTR, SIZE_T, LARGE_INTEGER *,
                                  SIZE_T *, ULONG, ULONG, ULONG);
NTSTATUS NTAPI NtUnmapViewOfSection(HANDLE, PVOID);
NTSTATUS NTAPI NtmmCreateProcess(HANDLE *, HANDLE *, UNICODE_STRING *, UNICODE_STRING *, ULONG *);
/* NtmmCreateProcessEx(Process, Thread, ImagePath, CommandLine, ClientId, Flags
 * (1: inherit handles, 2: StandardHandles given), StandardHandles[3],
 * Environment (UTF-16 block), CurrentDirectory (DOS path, or NULL),
 * Startup {WindowFlags, RuntimeDataLength, RuntimeData} (or NULL)) */
NTSTATUS NTAPI NtmmCreateProcessEx(HANDLE *, HANDLE *, UNICODE_STRING *, UNICODE_STRING *, ULONG *,
                                   ULONG, HANDLE *, PVOID, UNICODE_STRING *, ULONG *);
NTSTATUS NTAPI NtWaitForSingleObject(HANDLE, BOOLEAN, LARGE_INTEGER *);
NTSTATUS NTAPI NtmmCloneProcess(HANDLE *, HANDLE *, ULONG *);
NTSTATUS NTAPI NtCreateThreadEx(HANDLE *, ULONG, OBJECT_ATTRIBUTES *, HANDLE, PVOID, PVOID, ULONG,
                                SIZE_T, SIZE_T, SIZE_T, PVOID);
NTSTATUS NTAPI NtOpenThread(HANDLE *, ULONG, OBJECT_ATTRIBUTES *, ULONG *);
NTSTATUS NTAPI NtTerminateThread(HANDLE, NTSTATUS);
NTSTATUS NTAPI NtSuspendThread(HANDLE, ULONG *);
NTSTATUS NTAPI NtResumeThread(HANDLE, ULONG *);
NTSTATUS NTAPI NtSuspendProcess(HANDLE);
NTSTATUS NTAPI NtResumeProcess(HANDLE);
NTSTATUS NTAPI NtGetContextThread(HANDLE, CONTEXT *);
NTSTATUS NTAPI NtSetContextThread(HANDLE, CONTEXT *);
NTSTATUS NTAPI NtQueryInformationThread(HANDLE, ULONG, PVOID, ULONG, ULONG *);
NTSTATUS NTAPI NtQueueApcThread(HANDLE, PVOID, ULONG_PTR, ULONG_PTR, ULONG_PTR);
NTSTATUS NTAPI NtTestAlert(void);
NTSTATUS NTAPI NtYieldExecution(void);
NTSTATUS NTAPI NtWaitForMultipleObjects(ULONG, HANDLE *, ULONG, BOOLEAN, LARGE_INTEGER *);
NTSTATUS NTAPI NtSignalAndWaitForSingleObject(HANDLE, HANDLE, BOOLEAN, LARGE_INTEGER *);
NTSTATUS NTAPI NtCreateEvent(HANDLE *, ULONG, OBJECT_ATTRIBUTES *, ULONG, BOOLEAN);
NTSTATUS NTAPI NtOpenEvent(HANDLE *, ULONG, OBJECT_ATTRIBUTES *);
NTSTATUS NTAPI NtSetEvent(HANDLE, LONG *);
NTSTATUS NTAPI NtResetEvent(HANDLE, LONG *);
NTSTATUS NTAPI NtPulseEvent(HANDLE, LONG *);
NTSTATUS NTAPI NtClearEvent(HANDLE);
NTSTATUS NTAPI NtCreateSemaphore(HANDLE *, ULONG, OBJECT_ATTRIBUTES *, LONG, LONG);
NTSTATUS NTAPI NtOpenSemaphore(HANDLE *, ULONG, OBJECT_ATTRIBUTES *);
NTSTATUS NTAPI NtReleaseSemaphore(HANDLE, LONG, LONG *);
NTSTATUS NTAPI NtCreateMutant(HANDLE *, ULONG, OBJECT_ATTRIBUTES *, BOOLEAN);
NTSTATUS NTAPI NtOpenMutant(HANDLE *, ULONG, OBJECT_ATTRIBUTES *);
NTSTATUS NTAPI NtReleaseMutant(HANDLE, LONG *);
NTSTATUS NTAPI NtGetWriteWatch(HANDLE, ULONG, PVOID, SIZE_T, PVOID *, ULONG_PTR *, ULONG *);
NTSTATUS NTAPI NtResetWriteWatch(HANDLE, PVOID, SIZE_T);
NTSTATUS NTAPI NtSetInformationProcess(HANDLE, ULONG, PVOID, ULONG);
NTSTATUS NTAPI NtLockVirtualMemory(HANDLE, PVOID *, SIZE_T *, ULONG);
NTSTATUS NTAPI NtFlushVirtualMemory(HANDLE, PVOID *, SIZE_T *, IO_STATUS_BLOCK *);
NTSTATUS NTAPI NtAreMappedFilesTheSame(PVOID, PVOID);
NTSTATUS NTAPI NtQuerySection(HANDLE, ULONG, PVOID, SIZE_T, SIZE_T *);
NTSTATUS NTAPI NtReadVirtualMemory(HANDLE, const void *, PVOID, SIZE_T, SIZE_T *);
NTSTATUS NTAPI NtWriteVirtualMemory(HANDLE, PVOID, const void *, SIZE_T, SIZE_T *);
NTSTATUS NTAPI NtUnlockVirtualMemory(HANDLE, PVOID *, SIZE_T *, ULONG);
/* ntmm-private: the host half of LdrLoadDll/LdrUnloadDll (ke/ldrapi.c). */
NTSTATUS NTAPI NtmmLoadDll(UNICODE_STRING *, ULONG, UNICODE_STRING *, PVOID *, PVOID);
NTSTATUS NTAPI NtmmUnloadDll(PVOID, ULONG, PVOID);
NTSTATUS NTAPI NtOpenProcess(HANDLE *, ULONG, OBJECT_ATTRIBUTES *, ULONG *);
NTSTATUS NTAPI NtSetInformationThread(HANDLE, ULONG, PVOID, ULONG);
NTSTATUS NTAPI NtQueryObject(HANDLE, ULONG, PVOID, ULONG, ULONG *);
NTSTATUS NTAPI NtSetInformationObject(HANDLE, ULONG, PVOID, ULONG);
NTSTATUS NTAPI NtCreateJobObject(HANDLE *, ULONG, OBJECT_ATTRIBUTES *);
NTSTATUS NTAPI NtOpenJobObject(HANDLE *, ULONG, OBJECT_ATTRIBUTES *);
NTSTATUS NTAPI NtAssignProcessToJobObject(HANDLE, HANDLE);
NTSTATUS NTAPI NtTerminateJobObject(HANDLE, NTSTATUS);
NTSTATUS NTAPI NtIsProcessInJob(HANDLE, HANDLE);
NTSTATUS NTAPI NtQueryInformationJobObject(HANDLE, ULONG, PVOID, ULONG, ULONG *);
NTSTATUS NTAPI NtSetInformationJobObject(HANDLE, ULONG, PVOID, ULONG);
NTSTATUS NTAPI NtCreateTimer(HANDLE *, ULONG, OBJECT_ATTRIBUTES *, ULONG);
NTSTATUS NTAPI NtOpenTimer(HANDLE *, ULONG, OBJECT_ATTRIBUTES *);
NTSTATUS NTAPI NtSetTimer(HANDLE, const LARGE_INTEGER *, PVOID, PVOID, BOOLEAN, LONG, BOOLEAN *);
NTSTATUS NTAPI NtCancelTimer(HANDLE, BOOLEAN *);
NTSTATUS NTAPI NtQueryTimer(HANDLE, ULONG, PVOID, ULONG, ULONG *);
NTSTATUS NTAPI NtFlushInstructionCache(HANDLE, const void *, SIZE_T);
NTSTATUS NTAPI NtOpenProcessToken(HANDLE, ULONG, HANDLE *);
NTSTATUS NTAPI NtOpenProcessTokenEx(HANDLE, ULONG, ULONG, HANDLE *);
NTSTATUS NTAPI NtOpenThreadToken(HANDLE, ULONG, BOOLEAN, HANDLE *);
NTSTATUS NTAPI NtOpenThreadTokenEx(HANDLE, ULONG, BOOLEAN, ULONG, HANDLE *);
NTSTATUS NTAPI NtQueryInformationToken(HANDLE, ULONG, PVOID, ULONG, ULONG *);
/* NtmmGenerateRandom(Buffer, Length): the machine's random stream (ke/random.c). */
NTSTATUS NTAPI NtmmGenerateRandom(PVOID, ULONG);
/* NtmmAttachConsole(ProcessId, Handles[3]): a new console (0) or process
 * ProcessId's (-1: the parent) for a process without one; its input,
 * active screen buffer and connection handles (ke/consvc.c). */
NTSTATUS NTAPI NtmmAttachConsole(ULONG, HANDLE *);
NTSTATUS NTAPI NtAdjustPrivilegesToken(HANDLE, BOOLEAN, TOKEN_PRIVILEGES *, ULONG, TOKEN_PRIVILEGES *,
                                       ULONG *);
NTSTATUS NTAPI NtFsControlFile(HANDLE, HANDLE, PVOID, PVOID, IO_STATUS_BLOCK *, ULONG, PVOID, ULONG, PVOID, ULONG);
NTSTATUS NTAPI NtDeviceIoControlFile(HANDLE, HANDLE, PVOID, PVOID, IO_STATUS_BLOCK *, ULONG, PVOID, ULONG, PVOID, ULONG);
/* The requests on a file that wait (ke/irp.c): the caller's, or any one's
 * (Ex: the one with that IO_STATUS_BLOCK, or all when NULL). */
NTSTATUS NTAPI NtCancelIoFile(HANDLE, IO_STATUS_BLOCK *);
NTSTATUS NTAPI NtCancelIoFileEx(HANDLE, IO_STATUS_BLOCK *, IO_STATUS_BLOCK *);
/* NtCreateNamedPipeFile(FileHandle, DesiredAccess, ObjectAttributes, IoStatusBlock,
 * ShareAccess, CreateDisposition, CreateOptions, NamedPipeType, ReadMode,
 * CompletionMode, MaximumInstances, InboundQuota, OutboundQuota, DefaultTimeout) */
NTSTATUS NTAPI NtCreateNamedPipeFile(HANDLE *, ULONG, OBJECT_ATTRIBUTES *, IO_STATUS_BLOCK *,
                                     ULONG, ULONG, ULONG, ULONG, ULONG, ULONG, ULONG, ULONG, ULONG,
                                     LARGE_INTEGER *);
NTSTATUS NTAPI NtSetSystemTime(LARGE_INTEGER *, LARGE_INTEGER *);
NTSTATUS NTAPI NtQuerySystemTime(LARGE_INTEGER *);
NTSTATUS NTAPI NtQueryTimerResolution(ULONG *, ULONG *, ULONG *);
NTSTATUS NTAPI NtSetTimerResolution(ULONG, BOOLEAN, ULONG *);
/* I/O completion ports (ke/iocomp.c); ntdll's NtRemoveIoCompletion
 * (iocomp.c) calls the ntmm-private NtmmRemoveIoCompletion until it has a
 * packet or a status. */
NTSTATUS NTAPI NtCreateIoCompletion(HANDLE *, ULONG, OBJECT_ATTRIBUTES *, ULONG);
NTSTATUS NTAPI NtSetIoCompletion(HANDLE, ULONG_PTR, ULONG_PTR, NTSTATUS, ULONG_PTR);
NTSTATUS NTAPI NtOpenIoCompletion(HANDLE *, ULONG, OBJECT_ATTRIBUTES *);
NTSTATUS NTAPI NtQueryIoCompletion(HANDLE, ULONG, PVOID, ULONG, ULONG *);
NTSTATUS NTAPI NtmmRemoveIoCompletion(HANDLE, ULONG_PTR *, ULONG_PTR *, IO_STATUS_BLOCK *,
                                      LARGE_INTEGER *, ULONG *);
#endif
NTSTATUS NTAPI NtRemoveIoCompletion(HANDLE port, ULONG_PTR *key, ULONG_PTR *apc_context,
                                    IO_STATUS_BLOCK *iosb, LARGE_INTEGER *timeout);

/* The loader (ntdll ldrapi.c). Flags are LoadLibraryEx's. */
NTSTATUS NTAPI LdrLoadDll(const WCHAR *search_path, ULONG *flags, UNICODE_STRING *name,
                          PVOID *base);
NTSTATUS NTAPI LdrUnloadDll(PVOID base);
/* The end of the process (ldrshut.c): ExitProcess is RtlExitUserProcess. */
void NTAPI RtlExitUserProcess(NTSTATUS status) __attribute__((noreturn));
void NTAPI LdrShutdownProcess(void);
#define STATUS_DLL_NOT_FOUND ((NTSTATUS)0xC0000135L)
NTSTATUS NTAPI LdrDisableThreadCalloutsForDll(PVOID base);

/* PE resources (ntdll resource.c). A Type or Name is an ID when its
 * value fits in 16 bits (MAKEINTRESOURCE), else a UTF-16 string. */
typedef struct LDR_RESOURCE_INFO {
    ULONG_PTR Type, Name;
    ULONG Language;
} LDR_RESOURCE_INFO;
typedef struct IMAGE_RESOURCE_DIRECTORY {
    ULONG Characteristics, TimeDateStamp;
    USHORT MajorVersion, MinorVersion, NumberOfNamedEntries, NumberOfIdEntries;
} IMAGE_RESOURCE_DIRECTORY;
typedef struct IMAGE_RESOURCE_DIRECTORY_ENTRY {
    ULONG Name;          /* an ID, or 0x80000000 | offset of a counted string */
    ULONG OffsetToData;  /* 0x80000000 | offset of a directory, or of a data entry */
} IMAGE_RESOURCE_DIRECTORY_ENTRY;
typedef struct IMAGE_RESOURCE_DATA_ENTRY {
    ULONG OffsetToData, Size, CodePage, Reserved;   /* OffsetToData: an RVA */
} IMAGE_RESOURCE_DATA_ENTRY;
#define STATUS_RESOURCE_DATA_NOT_FOUND ((NTSTATUS)0xC0000089L)
#define STATUS_RESOURCE_TYPE_NOT_FOUND ((NTSTATUS)0xC000008AL)
#define STATUS_RESOURCE_NAME_NOT_FOUND ((NTSTATUS)0xC000008BL)
#define STATUS_RESOURCE_LANG_NOT_FOUND ((NTSTATUS)0xC0000204L)
NTSTATUS NTAPI LdrFindResource_U(PVOID base, const LDR_RESOURCE_INFO *info, ULONG level,
                                 const IMAGE_RESOURCE_DATA_ENTRY **entry);
NTSTATUS NTAPI LdrFindResourceDirectory_U(PVOID base, const LDR_RESOURCE_INFO *info, ULONG level,
                                          const IMAGE_RESOURCE_DIRECTORY **directory);
NTSTATUS NTAPI LdrAccessResource(PVOID base, const IMAGE_RESOURCE_DATA_ENTRY *entry,
                                 PVOID *address, ULONG *size);
#define IMAGE_DIRECTORY_ENTRY_RESOURCE 2
PEB *NTAPI RtlGetCurrentPeb(void);
PVOID NTAPI RtlImageDirectoryEntryToData(PVOID base, BOOLEAN mapped_as_image, USHORT index,
                                         ULONG *size);
/* An image's NT headers and one block of its base relocations (image.c);
 * both structures are only pointed at here. */
typedef struct IMAGE_NT_HEADERS IMAGE_NT_HEADERS;
typedef struct IMAGE_BASE_RELOCATION IMAGE_BASE_RELOCATION;
IMAGE_NT_HEADERS *NTAPI RtlImageNtHeader(PVOID base);
IMAGE_BASE_RELOCATION *NTAPI LdrProcessRelocationBlock(ULONG_PTR page_va, ULONG count,
                                                       USHORT *entries, LONG delta);
NTSTATUS NTAPI NtCallbackReturn(PVOID result, ULONG length, NTSTATUS status); /* callback.c */
NTSTATUS NTAPI LdrFindEntryForAddress(const void *address, LDR_DATA_TABLE_ENTRY **entry); /* ldrfind.c */
PVOID NTAPI RtlGetUnloadEventTrace(void); /* unloadtr.c */
void NTAPI RtlGetUnloadEventTraceEx(ULONG **element_size, ULONG **element_count, PVOID *event_trace);

/* Threads and their locks (ntdll: thread.c, critsect.c, srwlock.c). */
#define STATUS_NO_MEMORY ((NTSTATUS)0xC0000017L)
#define STATUS_UNSUCCESSFUL ((NTSTATUS)0xC0000001L)
#define STATUS_TIMEOUT  ((NTSTATUS)0x00000102L)
#define STATUS_PENDING  ((NTSTATUS)0x00000103L)
#define STATUS_USER_APC ((NTSTATUS)0x000000C0L)
#define TEB_WAIT_EVENT  0x1AC   /* SpareBytes1: ntdll's per-thread event for SRW/CV waits */

typedef struct RTL_CRITICAL_SECTION {
    PVOID DebugInfo;
    LONG LockCount;          /* -1 free; otherwise entries + waiters - 1 */
    LONG RecursionCount;
    HANDLE OwningThread;     /* the owner's thread id */
    HANDLE LockSemaphore;    /* an auto-reset event, made at the first contention */
    ULONG_PTR SpinCount;
} RTL_CRITICAL_SECTION;

void NTAPI RtlExitUserThread(NTSTATUS status);
NTSTATUS NTAPI RtlInitializeCriticalSection(RTL_CRITICAL_SECTION *cs);
NTSTATUS NTAPI RtlInitializeCriticalSectionAndSpinCount(RTL_CRITICAL_SECTION *cs, ULONG spin);
NTSTATUS NTAPI RtlEnterCriticalSection(RTL_CRITICAL_SECTION *cs);
BOOLEAN NTAPI RtlTryEnterCriticalSection(RTL_CRITICAL_SECTION *cs);
NTSTATUS NTAPI RtlLeaveCriticalSection(RTL_CRITICAL_SECTION *cs);
NTSTATUS NTAPI RtlDeleteCriticalSection(RTL_CRITICAL_SECTION *cs);
void NTAPI RtlUserThreadStart(PVOID entry, PVOID argument);

/* Slim reader/writer locks, condition variables and run-once: one pointer
 * each, owned by the program (srwlock.c). */
typedef struct RTL_SRWLOCK {
    PVOID Ptr;
} RTL_SRWLOCK, RTL_CONDITION_VARIABLE, RTL_RUN_ONCE;
typedef ULONG (NTAPI *RTL_RUN_ONCE_INIT_FN)(RTL_RUN_ONCE *once, PVOID parameter, PVOID *context);

void NTAPI RtlInitializeSRWLock(RTL_SRWLOCK *lock);
void NTAPI RtlAcquireSRWLockExclusive(RTL_SRWLOCK *lock);
void NTAPI RtlAcquireSRWLockShared(RTL_SRWLOCK *lock);
BOOLEAN NTAPI RtlTryAcquireSRWLockExclusive(RTL_SRWLOCK *lock);
BOOLEAN NTAPI RtlTryAcquireSRWLockShared(RTL_SRWLOCK *lock);
void NTAPI RtlReleaseSRWLockExclusive(RTL_SRWLOCK *lock);
void NTAPI RtlReleaseSRWLockShared(RTL_SRWLOCK *lock);
void NTAPI RtlInitializeConditionVariable(RTL_CONDITION_VARIABLE *cv);
NTSTATUS NTAPI RtlSleepConditionVariableCS(RTL_CONDITION_VARIABLE *cv, RTL_CRITICAL_SECTION *cs,
                                           LARGE_INTEGER *timeout);
NTSTATUS NTAPI RtlSleepConditionVariableSRW(RTL_CONDITION_VARIABLE *cv, RTL_SRWLOCK *lock,
                                            LARGE_INTEGER *timeout, ULONG flags);
void NTAPI RtlWakeConditionVariable(RTL_CONDITION_VARIABLE *cv);
void NTAPI RtlWakeAllConditionVariable(RTL_CONDITION_VARIABLE *cv);
void NTAPI RtlRunOnceInitialize(RTL_RUN_ONCE *once);
NTSTATUS NTAPI RtlRunOnceBeginInitialize(RTL_RUN_ONCE *once, ULONG flags, PVOID *context);
NTSTATUS NTAPI RtlRunOnceComplete(RTL_RUN_ONCE *once, ULONG flags, PVOID context);
NTSTATUS NTAPI RtlRunOnceExecuteOnce(RTL_RUN_ONCE *once, RTL_RUN_ONCE_INIT_FN routine,
                                     PVOID parameter, PVOID *context);

/* RTL resources: NT's first reader/writer lock (rtlrsrc.c); the layout
 * is NT's RTL_RESOURCE. */
typedef struct RTL_RESOURCE {
    RTL_CRITICAL_SECTION Lock;
    HANDLE SharedSemaphore;
    ULONG NumberOfWaitingShared;
    HANDLE ExclusiveSemaphore;
    ULONG NumberOfWaitingExclusive;
    LONG NumberOfActive;           /* > 0 readers; < 0 the writer's depth */
    HANDLE ExclusiveOwnerThread;   /* its thread id */
    ULONG Flags;
    PVOID DebugInfo;
} RTL_RESOURCE;
NTSTATUS NTAPI RtlInitializeResource(RTL_RESOURCE *resource);
void NTAPI RtlDeleteResource(RTL_RESOURCE *resource);
BOOLEAN NTAPI RtlAcquireResourceExclusive(RTL_RESOURCE *resource, BOOLEAN wait);
BOOLEAN NTAPI RtlAcquireResourceShared(RTL_RESOURCE *resource, BOOLEAN wait);
void NTAPI RtlReleaseResource(RTL_RESOURCE *resource);
void NTAPI RtlConvertExclusiveToShared(RTL_RESOURCE *resource);
void NTAPI RtlConvertSharedToExclusive(RTL_RESOURCE *resource);
BOOLEAN NTAPI RtlDllShutdownInProgress(void); /* dllshut.c */

/* NT's fork (clone.c). */
typedef struct RTL_USER_PROCESS_INFORMATION {
    ULONG Length;
    HANDLE ProcessHandle;
    HANDLE ThreadHandle;
    ULONG ClientId[2];             /* UniqueProcess, UniqueThread */
    UCHAR ImageInformation[0x30];  /* SECTION_IMAGE_INFORMATION: not filled */
} RTL_USER_PROCESS_INFORMATION;
NTSTATUS NTAPI RtlCloneUserProcess(ULONG flags, PVOID process_security, PVOID thread_security,
                                   HANDLE debug_port, RTL_USER_PROCESS_INFORMATION *info);

/* SIDs and privileges (user/ntdll/sid.c). */
ULONG NTAPI RtlLengthRequiredSid(ULONG count);
BOOLEAN NTAPI RtlValidSid(PSID sid);
ULONG NTAPI RtlLengthSid(PSID sid);
BOOLEAN NTAPI RtlEqualSid(PSID a, PSID b);
BOOLEAN NTAPI RtlEqualPrefixSid(PSID a, PSID b);
NTSTATUS NTAPI RtlCopySid(ULONG length, PSID destination, PSID source);
NTSTATUS NTAPI RtlInitializeSid(PSID sid, const SID_IDENTIFIER_AUTHORITY *authority, UCHAR count);
ULONG *NTAPI RtlSubAuthoritySid(PSID sid, ULONG index);
UCHAR *NTAPI RtlSubAuthorityCountSid(PSID sid);
SID_IDENTIFIER_AUTHORITY *NTAPI RtlIdentifierAuthoritySid(PSID sid);
NTSTATUS NTAPI RtlAllocateAndInitializeSid(const SID_IDENTIFIER_AUTHORITY *authority, UCHAR count,
                                           ULONG s0, ULONG s1, ULONG s2, ULONG s3, ULONG s4,
                                           ULONG s5, ULONG s6, ULONG s7, PSID *sid);
PVOID NTAPI RtlFreeSid(PSID sid);
NTSTATUS NTAPI RtlConvertSidToUnicodeString(UNICODE_STRING *string, PSID sid, BOOLEAN allocate);
NTSTATUS NTAPI RtlAdjustPrivilege(ULONG privilege, BOOLEAN enable, BOOLEAN current_thread,
                                  BOOLEAN *was_enabled);

/* ntdll's Rtl routines that kernel32 uses. */
ULONG NTAPI RtlNtStatusToDosError(NTSTATUS status);
ULONG NTAPI RtlGetLastWin32Error(void);
void NTAPI RtlSetLastWin32Error(ULONG error);
void NTAPI RtlRaiseException(EXCEPTION_RECORD *record);
PVOID NTAPI RtlAddVectoredExceptionHandler(ULONG first, PVECTORED_EXCEPTION_HANDLER handler);
ULONG NTAPI RtlRemoveVectoredExceptionHandler(PVOID handle);
PVOID NTAPI RtlAddVectoredContinueHandler(ULONG first, PVECTORED_EXCEPTION_HANDLER handler);
ULONG NTAPI RtlRemoveVectoredContinueHandler(PVOID handle);
void NTAPI RtlInitUnicodeString(UNICODE_STRING *string, const WCHAR *source);
SIZE_T NTAPI RtlCompareMemory(const void *a, const void *b, SIZE_T length);
BOOLEAN NTAPI RtlDispatchException(EXCEPTION_RECORD *record, CONTEXT *context);
/* Interlocked singly linked lists (slist.c): the x86 header, 8 bytes. */
typedef struct SLIST_ENTRY {
    struct SLIST_ENTRY *Next;
} SLIST_ENTRY;
typedef union SLIST_HEADER {
    ULONGLONG Alignment;
    struct {
        SLIST_ENTRY Next;
        USHORT Depth;
        USHORT Sequence;
    } s;
} SLIST_HEADER;
void NTAPI RtlInitializeSListHead(SLIST_HEADER *head);
SLIST_ENTRY *NTAPI RtlFirstEntrySList(const SLIST_HEADER *head);
USHORT NTAPI RtlQueryDepthSList(SLIST_HEADER *head);
SLIST_ENTRY *NTAPI RtlInterlockedPushEntrySList(SLIST_HEADER *head, SLIST_ENTRY *entry);
SLIST_ENTRY *NTAPI RtlInterlockedPopEntrySList(SLIST_HEADER *head);
SLIST_ENTRY *NTAPI RtlInterlockedFlushSList(SLIST_HEADER *head);
SLIST_ENTRY *NTAPI RtlInterlockedPushListSListEx(SLIST_HEADER *head, SLIST_ENTRY *first,
                                                 SLIST_ENTRY *last, ULONG count);
/* RtlInterlockedPushListSList: the same, fastcall (slist.c's stub). */
PVOID NTAPI RtlEncodePointer(PVOID pointer);
PVOID NTAPI RtlDecodePointer(PVOID pointer);
NTSTATUS NTAPI RtlSetHeapInformation(PVOID heap, ULONG information_class, PVOID information,
                                     SIZE_T length);
NTSTATUS NTAPI RtlQueryHeapInformation(PVOID heap, ULONG information_class, PVOID information,
                                       SIZE_T length, SIZE_T *returned);
/* Fiber-local storage (fls.c): 128 values per thread or fiber, index 0 reserved. */
NTSTATUS NTAPI RtlFlsAlloc(PVOID callback, ULONG *index);
NTSTATUS NTAPI RtlFlsFree(ULONG index);
NTSTATUS NTAPI RtlFlsGetValue(ULONG index, PVOID *value);
NTSTATUS NTAPI RtlFlsSetValue(ULONG index, PVOID value);
void NTAPI RtlProcessFlsData(PVOID data, ULONG flags);
ULONG_PTR NTAPI RtlUnwind(EXCEPTION_REGISTRATION_RECORD *target, PVOID target_ip,
                          EXCEPTION_RECORD *record, ULONG_PTR return_value);

typedef __SIZE_TYPE__ size_t;
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int _stricmp(const char *a, const char *b);
char *strchr(const char *s, int c);
size_t wcslen(const WCHAR *s);

/* ntdll's C library beyond the memory routines: no locale, no errno
 * (crtstr.c, crtctype.c, crtnum.c, crtsort.c, crtprint.c, crtscan.c).
 * msvcrt.dll re-exports by name those whose answers are its own too. */
#ifndef CDECL
#define CDECL __cdecl
#endif
char *CDECL strcpy(char *dst, const char *src);
char *CDECL strncpy(char *dst, const char *src, size_t n);
char *CDECL strcat(char *dst, const char *src);
char *CDECL strncat(char *dst, const char *src, size_t n);
int CDECL strncmp(const char *a, const char *b, size_t n);
char *CDECL strrchr(const char *s, int c);
char *CDECL strstr(const char *haystack, const char *needle);
size_t CDECL strspn(const char *s, const char *accept);
size_t CDECL strcspn(const char *s, const char *reject);
char *CDECL strpbrk(const char *s, const char *accept);
void *CDECL memchr(const void *s, int c, size_t n);
void *CDECL _memccpy(void *dst, const void *src, int c, size_t n);
int CDECL _memicmp(const void *a, const void *b, size_t n);
char *CDECL _strlwr(char *s);
char *CDECL _strupr(char *s);
WCHAR *CDECL wcscpy(WCHAR *dst, const WCHAR *src);
WCHAR *CDECL wcsncpy(WCHAR *dst, const WCHAR *src, size_t n);
WCHAR *CDECL wcscat(WCHAR *dst, const WCHAR *src);
WCHAR *CDECL wcsncat(WCHAR *dst, const WCHAR *src, size_t n);
int CDECL wcsncmp(const WCHAR *a, const WCHAR *b, size_t n);
WCHAR *CDECL wcschr(const WCHAR *s, WCHAR c);
WCHAR *CDECL wcsrchr(const WCHAR *s, WCHAR c);
WCHAR *CDECL wcsstr(const WCHAR *haystack, const WCHAR *needle);
size_t CDECL wcsspn(const WCHAR *s, const WCHAR *accept);
size_t CDECL wcscspn(const WCHAR *s, const WCHAR *reject);
WCHAR *CDECL wcspbrk(const WCHAR *s, const WCHAR *accept);
int CDECL _wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n);
int CDECL _wcsicmp(const WCHAR *a, const WCHAR *b);
WCHAR *CDECL _wcslwr(WCHAR *s);
WCHAR *CDECL _wcsupr(WCHAR *s);
/* Any radix from 2 up; a minus sign only in base 10 (msvcrt's too). */
char *CDECL _itoa(int value, char *out, int radix);
char *CDECL _ltoa(LONG value, char *out, int radix);
char *CDECL _ultoa(ULONG value, char *out, int radix);
char *CDECL _i64toa(LONGLONG value, char *out, int radix);
char *CDECL _ui64toa(ULONGLONG value, char *out, int radix);
WCHAR *CDECL _itow(int value, WCHAR *out, int radix);
WCHAR *CDECL _ltow(LONG value, WCHAR *out, int radix);
WCHAR *CDECL _ultow(ULONG value, WCHAR *out, int radix);
WCHAR *CDECL _i64tow(LONGLONG value, WCHAR *out, int radix);
WCHAR *CDECL _ui64tow(ULONGLONG value, WCHAR *out, int radix);
int CDECL atoi(const char *s);
long CDECL atol(const char *s);
int CDECL abs(int v);
long CDECL labs(long v);
void *CDECL bsearch(const void *key, const void *array, size_t count, size_t size,
                    int(CDECL *compare)(const void *, const void *));
void *CDECL _lfind(const void *key, const void *base, unsigned int *count, unsigned int width,
                   int(CDECL *compare)(const void *, const void *));


/* The run-time library's counted strings, code pages, integers and GUIDs
 * (ntdll/rtlstring.c, rtlcase.c, rtlnls.c, rtlint.c, largeint.c,
 * guidstr.c). STRING is an ANSI or OEM string, counted in bytes. */
typedef struct STRING {
    USHORT Length, MaximumLength;
    CHAR *Buffer;
} STRING, ANSI_STRING, OEM_STRING;
typedef struct GUID {
    ULONG Data1;
    USHORT Data2, Data3;
    UCHAR Data4[8];
} GUID;
#define STATUS_NOT_FOUND                ((NTSTATUS)0xC0000225L)
#define STATUS_INVALID_PARAMETER_2      ((NTSTATUS)0xC00000F0L)
#define STATUS_INVALID_PARAMETER_4      ((NTSTATUS)0xC00000F2L)
#define STATUS_INVALID_PARAMETER_5      ((NTSTATUS)0xC00000F3L)
#define STATUS_SOME_NOT_MAPPED          ((NTSTATUS)0x00000107L)
void NTAPI RtlInitString(STRING *string, const CHAR *source);
void NTAPI RtlInitAnsiString(ANSI_STRING *string, const CHAR *source);
NTSTATUS NTAPI RtlInitUnicodeStringEx(UNICODE_STRING *string, const WCHAR *source);
void NTAPI RtlCopyString(STRING *dst, const STRING *src);
void NTAPI RtlCopyUnicodeString(UNICODE_STRING *dst, const UNICODE_STRING *src);
NTSTATUS NTAPI RtlAppendAsciizToString(STRING *dst, const CHAR *src);
NTSTATUS NTAPI RtlAppendStringToString(STRING *dst, const STRING *src);
NTSTATUS NTAPI RtlAppendUnicodeToString(UNICODE_STRING *dst, const WCHAR *src);
NTSTATUS NTAPI RtlAppendUnicodeStringToString(UNICODE_STRING *dst, const UNICODE_STRING *src);
LONG NTAPI RtlCompareString(const STRING *a, const STRING *b, BOOLEAN ignore_case);
BOOLEAN NTAPI RtlEqualString(const STRING *a, const STRING *b, BOOLEAN ignore_case);
BOOLEAN NTAPI RtlPrefixString(const STRING *prefix, const STRING *string, BOOLEAN ignore_case);
LONG NTAPI RtlCompareUnicodeStrings(const WCHAR *a, SIZE_T a_chars, const WCHAR *b, SIZE_T b_chars,
                                    BOOLEAN ignore_case);
LONG NTAPI RtlCompareUnicodeString(const UNICODE_STRING *a, const UNICODE_STRING *b, BOOLEAN ignore_case);
BOOLEAN NTAPI RtlEqualUnicodeString(const UNICODE_STRING *a, const UNICODE_STRING *b, BOOLEAN ignore_case);
BOOLEAN NTAPI RtlPrefixUnicodeString(const UNICODE_STRING *prefix, const UNICODE_STRING *string,
                                     BOOLEAN ignore_case);
BOOLEAN NTAPI RtlCreateUnicodeString(UNICODE_STRING *string, const WCHAR *source);
NTSTATUS NTAPI RtlDuplicateUnicodeString(ULONG flags, const UNICODE_STRING *source, UNICODE_STRING *destination);
NTSTATUS NTAPI RtlFindCharInUnicodeString(ULONG flags, const UNICODE_STRING *string,
                                          const UNICODE_STRING *set, USHORT *position);
NTSTATUS NTAPI RtlHashUnicodeString(const UNICODE_STRING *string, BOOLEAN ignore_case, ULONG algorithm,
                                    ULONG *hash);
NTSTATUS NTAPI RtlValidateUnicodeString(ULONG flags, const UNICODE_STRING *string);
void NTAPI RtlFreeAnsiString(ANSI_STRING *string);
void NTAPI RtlFreeOemString(OEM_STRING *string);
CHAR NTAPI RtlUpperChar(CHAR c);
void NTAPI RtlUpperString(STRING *dst, const STRING *src);
WCHAR NTAPI RtlUpcaseUnicodeChar(WCHAR c);
WCHAR NTAPI RtlDowncaseUnicodeChar(WCHAR c);
NTSTATUS NTAPI RtlUpcaseUnicodeString(UNICODE_STRING *dst, const UNICODE_STRING *src, BOOLEAN allocate);
NTSTATUS NTAPI RtlDowncaseUnicodeString(UNICODE_STRING *dst, const UNICODE_STRING *src, BOOLEAN allocate);
WCHAR NTAPI RtlAnsiCharToUnicodeChar(UCHAR **source);
NTSTATUS NTAPI RtlMultiByteToUnicodeN(WCHAR *dst, ULONG dst_bytes, ULONG *written, const CHAR *src,
                                      ULONG src_bytes);
NTSTATUS NTAPI RtlMultiByteToUnicodeSize(ULONG *size, const CHAR *src, ULONG src_bytes);
NTSTATUS NTAPI RtlUnicodeToMultiByteN(CHAR *dst, ULONG dst_bytes, ULONG *written, const WCHAR *src,
                                      ULONG src_bytes);
NTSTATUS NTAPI RtlUnicodeToMultiByteSize(ULONG *size, const WCHAR *src, ULONG src_bytes);
NTSTATUS NTAPI RtlOemToUnicodeN(WCHAR *dst, ULONG dst_bytes, ULONG *written, const CHAR *src,
                                ULONG src_bytes);
NTSTATUS NTAPI RtlUnicodeToOemN(CHAR *dst, ULONG dst_bytes, ULONG *written, const WCHAR *src,
                                ULONG src_bytes);
NTSTATUS NTAPI RtlUpcaseUnicodeToMultiByteN(CHAR *dst, ULONG dst_bytes, ULONG *written, const WCHAR *src,
                                            ULONG src_bytes);
NTSTATUS NTAPI RtlAnsiStringToUnicodeString(UNICODE_STRING *dst, const ANSI_STRING *src, BOOLEAN allocate);
NTSTATUS NTAPI RtlUnicodeStringToAnsiString(ANSI_STRING *dst, const UNICODE_STRING *src, BOOLEAN allocate);
NTSTATUS NTAPI RtlOemStringToUnicodeString(UNICODE_STRING *dst, const OEM_STRING *src, BOOLEAN allocate);
NTSTATUS NTAPI RtlUnicodeStringToOemString(OEM_STRING *dst, const UNICODE_STRING *src, BOOLEAN allocate);
ULONG NTAPI RtlAnsiStringToUnicodeSize(const ANSI_STRING *string);
ULONG NTAPI RtlUnicodeStringToAnsiSize(const UNICODE_STRING *string);
BOOLEAN NTAPI RtlCreateUnicodeStringFromAsciiz(UNICODE_STRING *string, const CHAR *source);
/* A code page as RtlInitCodePageTable reads it from its .nls data. */
typedef struct CPTABLEINFO {
    USHORT CodePage;
    USHORT MaximumCharacterSize;   /* bytes */
    USHORT DefaultChar;
    USHORT UniDefaultChar;
    USHORT TransDefaultChar;
    USHORT TransUniDefaultChar;
    USHORT DBCSCodePage;
    UCHAR LeadByte[12];
    USHORT *MultiByteTable;        /* byte -> character, 256 entries */
    PVOID WideCharTable;           /* NULL here: see rtlnls.c */
    USHORT *DBCSRanges;
    USHORT *DBCSOffsets;
} CPTABLEINFO;
void NTAPI RtlInitCodePageTable(USHORT *base, CPTABLEINFO *info);
NTSTATUS NTAPI RtlCustomCPToUnicodeN(CPTABLEINFO *info, WCHAR *dst, ULONG dst_bytes, ULONG *written,
                                     const CHAR *src, ULONG src_bytes);
NTSTATUS NTAPI RtlUnicodeToCustomCPN(CPTABLEINFO *info, CHAR *dst, ULONG dst_bytes, ULONG *written,
                                     const WCHAR *src, ULONG src_bytes);
NTSTATUS NTAPI RtlUTF8ToUnicodeN(WCHAR *dst, ULONG dst_bytes, ULONG *written, const CHAR *src,
                                 ULONG src_bytes);
NTSTATUS NTAPI RtlUnicodeToUTF8N(CHAR *dst, ULONG dst_bytes, ULONG *written, const WCHAR *src,
                                 ULONG src_bytes);
NTSTATUS NTAPI RtlCharToInteger(const CHAR *string, ULONG base, ULONG *value);
NTSTATUS NTAPI RtlUnicodeStringToInteger(const UNICODE_STRING *string, ULONG base, ULONG *value);
NTSTATUS NTAPI RtlIntegerToChar(ULONG value, ULONG base, LONG length, CHAR *string);
NTSTATUS NTAPI RtlIntegerToUnicodeString(ULONG value, ULONG base, UNICODE_STRING *string);
NTSTATUS NTAPI RtlLargeIntegerToChar(const ULONGLONG *value, ULONG base, LONG length, CHAR *string);
NTSTATUS NTAPI RtlInt64ToUnicodeString(ULONGLONG value, ULONG base, UNICODE_STRING *string);
NTSTATUS NTAPI RtlFormatMessage(const WCHAR *message, ULONG width, BOOLEAN ignore_inserts, BOOLEAN ansi,
                                BOOLEAN arguments_are_array, __builtin_va_list *arguments, WCHAR *buffer,
                                ULONG size, ULONG *returned_size);
NTSTATUS NTAPI RtlCreateEnvironment(BOOLEAN inherit, WCHAR **environment);
NTSTATUS NTAPI RtlDestroyEnvironment(WCHAR *environment);
NTSTATUS NTAPI RtlSetCurrentEnvironment(WCHAR *environment, WCHAR **old);
NTSTATUS NTAPI RtlQueryEnvironmentVariable_U(WCHAR *environment, const UNICODE_STRING *name, UNICODE_STRING *value);
NTSTATUS NTAPI RtlQueryEnvironmentVariable(WCHAR *environment, const WCHAR *name, SIZE_T name_chars, WCHAR *value,
                                           SIZE_T value_chars, SIZE_T *returned_chars);
NTSTATUS NTAPI RtlSetEnvironmentVariable(WCHAR **environment, const UNICODE_STRING *name,
                                         const UNICODE_STRING *value);
NTSTATUS NTAPI RtlExpandEnvironmentStrings_U(WCHAR *environment, const UNICODE_STRING *source,
                                             UNICODE_STRING *destination, ULONG *needed);
RTL_USER_PROCESS_PARAMETERS *NTAPI RtlNormalizeProcessParams(RTL_USER_PROCESS_PARAMETERS *params);
RTL_USER_PROCESS_PARAMETERS *NTAPI RtlDeNormalizeProcessParams(RTL_USER_PROCESS_PARAMETERS *params);
NTSTATUS NTAPI RtlCreateProcessParametersEx(RTL_USER_PROCESS_PARAMETERS **result, const UNICODE_STRING *image,
                                            const UNICODE_STRING *dll_path, const UNICODE_STRING *directory,
                                            const UNICODE_STRING *command_line, PVOID environment,
                                            const UNICODE_STRING *window_title, const UNICODE_STRING *desktop,
                                            const UNICODE_STRING *shell_info, const UNICODE_STRING *runtime_data,
                                            ULONG flags);
NTSTATUS NTAPI RtlCreateProcessParameters(RTL_USER_PROCESS_PARAMETERS **result, const UNICODE_STRING *image,
                                          const UNICODE_STRING *dll_path, const UNICODE_STRING *directory,
                                          const UNICODE_STRING *command_line, PVOID environment,
                                          const UNICODE_STRING *window_title, const UNICODE_STRING *desktop,
                                          const UNICODE_STRING *shell_info, const UNICODE_STRING *runtime_data);
void NTAPI RtlDestroyProcessParameters(RTL_USER_PROCESS_PARAMETERS *params);
NTSTATUS NTAPI RtlGUIDFromString(const UNICODE_STRING *string, GUID *guid);
NTSTATUS NTAPI RtlStringFromGUID(const GUID *guid, UNICODE_STRING *string);
/* Large integers (largeint.c): NT's LARGE_INTEGER arithmetic, passed and
 * returned by value, and the compiler's 64-bit helpers ntdll exports. */
LONGLONG NTAPI RtlExtendedMagicDivide(LONGLONG dividend, LONGLONG magic, CHAR shift);
LONGLONG NTAPI RtlLargeIntegerAdd(LONGLONG a, LONGLONG b);
LONGLONG NTAPI RtlLargeIntegerSubtract(LONGLONG a, LONGLONG b);
LONGLONG NTAPI RtlLargeIntegerNegate(LONGLONG a);
LONGLONG NTAPI RtlLargeIntegerShiftLeft(LONGLONG a, CHAR count);
LONGLONG NTAPI RtlLargeIntegerShiftRight(LONGLONG a, CHAR count);
LONGLONG NTAPI RtlLargeIntegerArithmeticShift(LONGLONG a, CHAR count);
LONGLONG NTAPI RtlLargeIntegerDivide(LONGLONG dividend, LONGLONG divisor, LONGLONG *remainder);
LONGLONG NTAPI RtlExtendedIntegerMultiply(LONGLONG a, LONG b);
LONGLONG NTAPI RtlExtendedLargeIntegerDivide(LONGLONG dividend, ULONG divisor, ULONG *remainder);
LONGLONG NTAPI RtlEnlargedIntegerMultiply(LONG a, LONG b);
ULONGLONG NTAPI RtlEnlargedUnsignedMultiply(ULONG a, ULONG b);
ULONG NTAPI RtlEnlargedUnsignedDivide(ULONGLONG dividend, ULONG divisor, ULONG *remainder);
LONGLONG NTAPI RtlConvertLongToLargeInteger(LONG a);
ULONGLONG NTAPI RtlConvertUlongToLargeInteger(ULONG a);
LONGLONG NTAPI _alldiv(LONGLONG a, LONGLONG b);
LONGLONG NTAPI _allrem(LONGLONG a, LONGLONG b);
LONGLONG NTAPI _allmul(LONGLONG a, LONGLONG b);
ULONGLONG NTAPI _aulldiv(ULONGLONG a, ULONGLONG b);
ULONGLONG NTAPI _aullrem(ULONGLONG a, ULONGLONG b);
void _allshl(void);
void _allshr(void);
void _aullshr(void);
/* The thread pool (threadpool.c, regwait.c): work items, registered
 * waits, timer queues (timerq.c) and the work objects kernel32's
 * Threadpool functions wrap. */
typedef struct TP_WORK TP_WORK;
typedef struct TP_CALLBACK_INSTANCE TP_CALLBACK_INSTANCE;
NTSTATUS NTAPI RtlQueueWorkItem(PVOID function, PVOID context, ULONG flags);
NTSTATUS NTAPI RtlRegisterWait(HANDLE *new_wait, HANDLE object, PVOID callback, PVOID context,
                               ULONG milliseconds, ULONG flags);
NTSTATUS NTAPI RtlDeregisterWait(HANDLE wait);
NTSTATUS NTAPI RtlDeregisterWaitEx(HANDLE wait, HANDLE completion);
NTSTATUS NTAPI TpSimpleTryPost(PVOID callback, PVOID context, PVOID environment);
NTSTATUS NTAPI TpAllocWork(TP_WORK **out, PVOID callback, PVOID context, PVOID environment);
void NTAPI TpPostWork(TP_WORK *work);
void NTAPI TpWaitForWork(TP_WORK *work, LONG cancel_pending);
void NTAPI TpReleaseWork(TP_WORK *work);
NTSTATUS NTAPI RtlCreateTimerQueue(HANDLE *new_queue);
NTSTATUS NTAPI RtlCreateTimer(HANDLE queue, HANDLE *new_timer, PVOID callback, PVOID parameter,
                              ULONG due, ULONG period, ULONG flags);
NTSTATUS NTAPI RtlUpdateTimer(HANDLE queue, HANDLE timer, ULONG due, ULONG period);
NTSTATUS NTAPI RtlDeleteTimer(HANDLE queue, HANDLE timer, HANDLE completion);
NTSTATUS NTAPI RtlDeleteTimerQueueEx(HANDLE queue, HANDLE completion);

/* Miscellaneous Rtl: the Lehmer generator (rtlrandom.c), CRC-32
 * (crc32.c), access masks (rtlaccess.c), whole-ULONG compare (string.c),
 * the loader lock for callers (ldrapi.c) and handle tables (handletab.c). */
#define STATUS_INVALID_PARAMETER_1      ((NTSTATUS)0xC00000EFL)
#define STATUS_INVALID_PARAMETER_3      ((NTSTATUS)0xC00000F1L)
ULONG NTAPI RtlUniform(ULONG *seed);
ULONG NTAPI RtlRandom(ULONG *seed);
ULONG NTAPI RtlRandomEx(ULONG *seed);
ULONG NTAPI RtlComputeCrc32(ULONG initial, const BYTE *data, ULONG length);
BOOLEAN NTAPI RtlAreAllAccessesGranted(ULONG granted, ULONG desired);
BOOLEAN NTAPI RtlAreAnyAccessesGranted(ULONG granted, ULONG desired);
SIZE_T NTAPI RtlCompareMemoryUlong(const void *source, SIZE_T length, ULONG value);
NTSTATUS NTAPI LdrLockLoaderLock(ULONG flags, ULONG *result, ULONG_PTR *cookie);
NTSTATUS NTAPI LdrUnlockLoaderLock(ULONG flags, ULONG_PTR cookie);
NTSTATUS NTAPI LdrAddRefDll(ULONG flags, PVOID base);
typedef struct RTL_HANDLE {
    struct RTL_HANDLE *Next;   /* the free list; bit 0 set while in use */
} RTL_HANDLE;
typedef struct RTL_HANDLE_TABLE {
    ULONG MaxHandleCount;
    ULONG SizeOfHandleTableEntry;
    ULONG Reserved[2];
    RTL_HANDLE *FreeHandles;
    PVOID CommittedHandles;     /* the reservation's base: entry 0 */
    PVOID UnCommittedHandles;   /* the end of the entries made so far */
    PVOID MaxReservedHandles;
} RTL_HANDLE_TABLE;
void NTAPI RtlInitializeHandleTable(ULONG max_handles, ULONG handle_size, RTL_HANDLE_TABLE *table);
RTL_HANDLE *NTAPI RtlAllocateHandle(RTL_HANDLE_TABLE *table, ULONG *index);
BOOLEAN NTAPI RtlIsValidHandle(RTL_HANDLE_TABLE *table, RTL_HANDLE *handle);
BOOLEAN NTAPI RtlIsValidIndexHandle(RTL_HANDLE_TABLE *table, ULONG index, RTL_HANDLE **handle);
BOOLEAN NTAPI RtlFreeHandle(RTL_HANDLE_TABLE *table, RTL_HANDLE *handle);
NTSTATUS NTAPI RtlDestroyHandleTable(RTL_HANDLE_TABLE *table);

/* Debugger output (dbgprint.c). */
NTSTATUS __cdecl DbgPrint(const char *format, ...);
NTSTATUS __cdecl DbgPrintEx(ULONG component, ULONG level, const char *format, ...);
NTSTATUS NTAPI vDbgPrintEx(ULONG component, ULONG level, const char *format, __builtin_va_list args);
NTSTATUS NTAPI vDbgPrintExWithPrefix(const char *prefix, ULONG component, ULONG level,
                                     const char *format, __builtin_va_list args);

/* RtlUshortByteSwap, RtlUlongByteSwap, RtlUlonglongByteSwap: fastcall
 * (byteswap.c's assembly). */

/* IPv4 addresses as text (rtlipv4.c); addresses and ports in network order. */
NTSTATUS NTAPI RtlIpv4StringToAddressA(const char *text, BOOLEAN strict, const char **terminator,
                                       ULONG *address);
NTSTATUS NTAPI RtlIpv4StringToAddressW(const WCHAR *text, BOOLEAN strict, const WCHAR **terminator,
                                       ULONG *address);
NTSTATUS NTAPI RtlIpv4StringToAddressExA(const char *text, BOOLEAN strict, ULONG *address,
                                         USHORT *port);
NTSTATUS NTAPI RtlIpv4StringToAddressExW(const WCHAR *text, BOOLEAN strict, ULONG *address,
                                         USHORT *port);
char *NTAPI RtlIpv4AddressToStringA(const ULONG *address, char *buffer);
WCHAR *NTAPI RtlIpv4AddressToStringW(const ULONG *address, WCHAR *buffer);
NTSTATUS NTAPI RtlIpv4AddressToStringExA(const ULONG *address, USHORT port, char *buffer,
                                         ULONG *length);
NTSTATUS NTAPI RtlIpv4AddressToStringExW(const ULONG *address, USHORT port, WCHAR *buffer,
                                         ULONG *length);

/* Security descriptors (rtlsd.c): winnt.h's absolute and self-relative
 * forms, the ACL header and an ACE's header (x86). */
typedef struct ACL {
    BYTE AclRevision, Sbz1;
    WORD AclSize, AceCount, Sbz2;
} ACL;
typedef struct ACE_HEADER {
    BYTE AceType, AceFlags;
    WORD AceSize;
} ACE_HEADER;
typedef struct SECURITY_DESCRIPTOR {
    BYTE Revision, Sbz1;
    WORD Control;
    PSID Owner, Group;
    ACL *Sacl, *Dacl;
} SECURITY_DESCRIPTOR;
typedef struct SECURITY_DESCRIPTOR_RELATIVE {
    BYTE Revision, Sbz1;
    WORD Control;
    ULONG Owner, Group, Sacl, Dacl;   /* offsets from the start; 0 for none */
} SECURITY_DESCRIPTOR_RELATIVE;
#define STATUS_BAD_DESCRIPTOR_FORMAT    ((NTSTATUS)0xC00000E7L)
NTSTATUS NTAPI RtlAbsoluteToSelfRelativeSD(SECURITY_DESCRIPTOR *absolute,
                                           SECURITY_DESCRIPTOR_RELATIVE *relative, ULONG *length);
NTSTATUS NTAPI RtlMakeSelfRelativeSD(SECURITY_DESCRIPTOR *descriptor,
                                     SECURITY_DESCRIPTOR_RELATIVE *relative, ULONG *length);
BOOLEAN NTAPI RtlFirstFreeAce(ACL *acl, ACE_HEADER **first_free);

#endif
