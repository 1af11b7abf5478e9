/*
 * The process's and the thread's error modes, whether the process runs
 * under WOW64, and which processor and NUMA node it runs on — one
 * processor, one node, a 32-bit Windows (GetSystemInfo says the same).
 */
#include "kernel32/kernel32.h"

#define SEM_FAILCRITICALERRORS 0x0001u
#define SEM_NOGPFAULTERRORBOX 0x0002u
#define SEM_NOALIGNMENTFAULTEXCEPT 0x0004u
#define SEM_NOOPENFILEERRORBOX 0x8000u
#define TEB_HARD_ERROR_MODE 0xF28   /* TEB.HardErrorMode */
#define ProcessBasicInformation 0

static UINT ErrorMode;

/* The previous mode. SEM_NOALIGNMENTFAULTEXCEPT, once set, stays
 * (Microsoft's SetErrorMode page); bits that are no mode are dropped. */
UINT WINAPI SetErrorMode(UINT mode)
{
    UINT previous = ErrorMode;
    ErrorMode = (mode & (SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX |
                         SEM_NOALIGNMENTFAULTEXCEPT | SEM_NOOPENFILEERRORBOX)) |
                (previous & SEM_NOALIGNMENTFAULTEXCEPT);
    return previous;
}

UINT WINAPI GetErrorMode(void)
{
    return ErrorMode;
}

/* A thread's own mode (TEB.HardErrorMode): only the three modes a thread
 * can have; anything else is ERROR_INVALID_PARAMETER and changes nothing. */
BOOL WINAPI SetThreadErrorMode(DWORD mode, DWORD *previous)
{
    if (mode & ~(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (previous) {
        *previous = TebRead(TEB_HARD_ERROR_MODE);
    }
    TebWrite(TEB_HARD_ERROR_MODE, mode);
    return TRUE;
}

DWORD WINAPI GetThreadErrorMode(void)
{
    return TebRead(TEB_HARD_ERROR_MODE);
}

/* A 32-bit Windows runs no process under WOW64: FALSE in *wow64, once the
 * handle is found to be a process's (else its error). */
BOOL WINAPI IsWow64Process(HANDLE process, BOOL *wow64)
{
    ULONG basic[6];
    NTSTATUS status = NtQueryInformationProcess(process, ProcessBasicInformation, basic,
                                                sizeof basic, NULL);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    *wow64 = FALSE;
    return TRUE;
}

DWORD WINAPI GetCurrentProcessorNumber(void)
{
    return 0;
}

BOOL WINAPI GetNumaHighestNodeNumber(ULONG *highest)
{
    *highest = 0;
    return TRUE;
}

/* Node 0 holds the one processor (mask 1); there is no other node. */
BOOL WINAPI GetNumaNodeProcessorMask(UCHAR node, ULONGLONG *mask)
{
    if (node != 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *mask = 1;
    return TRUE;
}

BOOL WINAPI GetNumaProcessorNode(UCHAR processor, UCHAR *node)
{
    if (processor != 0) {
        *node = 0xFF;
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *node = 0;
    return TRUE;
}

/* All of memory is node 0's. */
BOOL WINAPI GetNumaAvailableMemoryNode(UCHAR node, ULONGLONG *available)
{
    MEMORYSTATUSEX status;
    status.dwLength = sizeof status;
    if (node != 0 || !GlobalMemoryStatusEx(&status)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *available = status.ullAvailPhys;
    return TRUE;
}
