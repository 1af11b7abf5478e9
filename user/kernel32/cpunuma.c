/*
 * Processor groups and NUMA nodes, as programs that place threads and
 * memory ask about them: one group (0) of one processor (0), one node (0)
 * holding it and all the memory. A group, processor or node past these is
 * ERROR_INVALID_PARAMETER, as on a machine that lacks it.
 */
#include "kernel32/kernel32.h"

#define ALL_PROCESSOR_GROUPS 0xFFFF

static BOOL Invalid(void)
{
    SetLastError(ERROR_INVALID_PARAMETER);
    return FALSE;
}

DWORD WINAPI GetActiveProcessorCount(WORD group)
{
    if (group != 0 && group != ALL_PROCESSOR_GROUPS) {
        return Invalid();
    }
    return 1;
}

DWORD WINAPI GetMaximumProcessorCount(WORD group)
{
    return GetActiveProcessorCount(group);
}

WORD WINAPI GetActiveProcessorGroupCount(void)
{
    return 1;
}

WORD WINAPI GetMaximumProcessorGroupCount(void)
{
    return 1;
}

void WINAPI GetCurrentProcessorNumberEx(PROCESSOR_NUMBER *number)
{
    number->Group = 0;
    number->Number = 0;
    number->Reserved = 0;
}

BOOL WINAPI GetNumaProcessorNode(UCHAR processor, UCHAR *node)
{
    if (processor != 0) {
        *node = 0xFF; /* "no such processor", as documented */
        return Invalid();
    }
    *node = 0;
    return TRUE;
}

BOOL WINAPI GetNumaProcessorNodeEx(PROCESSOR_NUMBER *processor, USHORT *node)
{
    if (processor->Group != 0 || processor->Number != 0) {
        *node = 0xFFFF;
        return Invalid();
    }
    *node = 0;
    return TRUE;
}

BOOL WINAPI GetNumaNodeProcessorMask(UCHAR node, ULONGLONG *mask)
{
    if (node != 0) {
        return Invalid();
    }
    *mask = 1;
    return TRUE;
}

BOOL WINAPI GetNumaNodeProcessorMaskEx(USHORT node, GROUP_AFFINITY *affinity)
{
    if (node != 0) {
        return Invalid();
    }
    memset(affinity, 0, sizeof *affinity);
    affinity->Mask = 1;
    return TRUE;
}

/* The node's free memory: all the machine's (GlobalMemoryStatusEx's). */
BOOL WINAPI GetNumaAvailableMemoryNodeEx(USHORT node, ULONGLONG *bytes)
{
    MEMORYSTATUSEX status;
    if (node != 0) {
        return Invalid();
    }
    status.dwLength = sizeof status;
    if (!GlobalMemoryStatusEx(&status)) {
        return FALSE;
    }
    *bytes = status.ullAvailPhys;
    return TRUE;
}

BOOL WINAPI GetNumaAvailableMemoryNode(UCHAR node, ULONGLONG *bytes)
{
    return GetNumaAvailableMemoryNodeEx(node, bytes);
}

/* The RAM installed, in KiB: --ram, every frame of it (the firmware keeps
 * none here), so at least what GlobalMemoryStatusEx calls total. */
BOOL WINAPI GetPhysicallyInstalledSystemMemory(ULONGLONG *kilobytes)
{
    SYSTEM_BASIC_INFORMATION basic;
    if (!kilobytes) {
        return Invalid();
    }
    NTSTATUS status = NtQuerySystemInformation(0, &basic, sizeof basic, NULL);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    *kilobytes = ((ULONGLONG)basic.HighestPhysicalPageNumber + 1) * basic.PageSize / 1024;
    return TRUE;
}
