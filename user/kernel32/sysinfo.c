/* GetSystemInfo from NtQuerySystemInformation; GetTickCount and
 * IsProcessorFeaturePresent from KUSER_SHARED_DATA (as Windows reads
 * them: no system call). */
#include "kernel32/kernel32.h"

void WINAPI GetSystemInfo(SYSTEM_INFO *info)
{
    SYSTEM_BASIC_INFORMATION basic;
    memset(info, 0, sizeof *info);
    if (!NT_SUCCESS(NtQuerySystemInformation(0, &basic, sizeof basic, NULL))) {
        return;
    }
    info->wProcessorArchitecture = 0;       /* PROCESSOR_ARCHITECTURE_INTEL */
    info->dwPageSize = basic.PageSize;
    info->lpMinimumApplicationAddress = (PVOID)basic.MinimumUserModeAddress;
    info->lpMaximumApplicationAddress = (PVOID)basic.MaximumUserModeAddress;
    info->dwActiveProcessorMask = basic.ActiveProcessorsAffinityMask;
    info->dwNumberOfProcessors = (DWORD)basic.NumberOfProcessors;
    info->dwProcessorType = 586;            /* PROCESSOR_INTEL_PENTIUM */
    info->dwAllocationGranularity = basic.AllocationGranularity;
    info->wProcessorLevel = 6;
    info->wProcessorRevision = 0x0F0B;
}

DWORD WINAPI GetTickCount(void)
{
    const volatile BYTE *shared = (const volatile BYTE *)0x7FFE0000;
    ULONG low = *(const volatile ULONG *)(shared + 0x320);
    ULONG multiplier = *(const volatile ULONG *)(shared + 0x004);
    return (DWORD)(((ULONGLONG)low * multiplier) >> 24);
}

/* KUSER_SHARED_DATA.ProcessorFeatures[64]: the kernel sets the features
 * of the emulated CPU (PAE, NX, MMX, SSE, SSE2, CMPXCHG8B, RDTSC); any
 * other, or a number past the array, is FALSE. PF_FASTFAIL_AVAILABLE (23)
 * is among the others: int 0x29 is not a fast-fail here. */
BOOL WINAPI IsProcessorFeaturePresent(DWORD feature)
{
    const volatile BYTE *features = (const volatile BYTE *)0x7FFE0274;
    return feature < 64 && features[feature] ? TRUE : FALSE;
}
