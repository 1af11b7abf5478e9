/*
 * Processor groups and NUMA nodes, as programs that place threads and
 * memory ask about them: one group (0) of one processor (0), one node (0)
 * holding it and all the memory. A group, processor or node past these is
 * ERROR_INVALID_PARAMETER, as on a machine that lacks it. The first NUMA
 * calls (GetNumaProcessorNode, GetNumaNodeProcessorMask,
 * GetNumaAvailableMemoryNode) are errmode.c's; these are Windows 7's
 * group-aware forms and the counts.
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

BOOL WINAPI GetNumaProcessorNodeEx(PROCESSOR_NUMBER *processor, USHORT *node)
{
    if (processor->Group != 0 || processor->Number != 0) {
        *node = 0xFFFF;
        return Invalid();
    }
    *node = 0;
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

BOOL WINAPI GetNumaAvailableMemoryNodeEx(USHORT node, ULONGLONG *bytes)
{
    return node <= 0xFF ? GetNumaAvailableMemoryNode((UCHAR)node, bytes) : Invalid();
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
