/*
 * NtQueryVirtualMemory(MemoryRegionInformation): the whole allocation an
 * address is in — its base, allocation protection, size and how much of
 * it is committed. The x86 MEMORY_REGION_INFORMATION is 28 bytes
 * (AllocationBase, AllocationProtect, RegionType flags, RegionSize,
 * CommitSize, PartitionId, NodePreference); a caller may ask for the older
 * 20 or 24. Windows leaves RegionType's flags (Private, MappedDataFile,
 * MappedImage, MappedPageFile...) clear in this class, for private memory
 * and views alike (Wine's ntdll virtual.c test_query_region_information).
 */
#include "mm/mi.h"

#define REGION_INFORMATION_MIN 20u
#define REGION_INFORMATION_SIZE 28u

NTSTATUS MiQueryRegionInformation(MMPROCESS *caller, MMPROCESS *target, uint32_t address,
                                  uint32_t buffer, uint32_t length, uint32_t return_length)
{
    if (length < REGION_INFORMATION_MIN) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    uint32_t size = length >= REGION_INFORMATION_SIZE ? REGION_INFORMATION_SIZE
                  : length >= 24 ? 24 : REGION_INFORMATION_MIN;
    NTSTATUS status = MiProbeForWrite(caller, buffer, size, sizeof(uint32_t));
    if (status == STATUS_SUCCESS && return_length) {
        status = MiProbeForWrite(caller, return_length, sizeof(uint32_t), 1);
    }
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (address > MI_HIGHEST_USER_ADDRESS) {
        return STATUS_INVALID_PARAMETER_2;
    }
    MMVAD *vad = MiLocateAddress(&target->VadRoot, address >> PAGE_SHIFT);
    if (!vad) {
        return STATUS_INVALID_ADDRESS; /* free memory is no region */
    }
    uint32_t committed_pages = 0;
    for (uint32_t vpn = vad->StartingVpn; vpn <= vad->EndingVpn; vpn++) {
        bool committed;
        MiQueryPageProtection(target, vad, vpn << PAGE_SHIFT, &committed);
        committed_pages += committed;
    }
    bool image = vad->VadType == VadImageMap;
    uint32_t start = image ? vad->ImageBase : vad->StartingVpn << PAGE_SHIFT;
    uint32_t info[REGION_INFORMATION_SIZE / 4] = {
        start,
        MiProtectionToWin32(vad->Protection),
        0, /* RegionType: no flags in this class */
        ((vad->EndingVpn + 1) << PAGE_SHIFT) - start,
        committed_pages << PAGE_SHIFT,
        0, /* PartitionId: the system partition */
        0, /* NodePreference */
    };
    status = MmCopyToUser(caller, buffer, info, size);
    if (status == STATUS_SUCCESS && return_length) {
        MmCopyToUser(caller, return_length, &size, sizeof size);
    }
    return status;
}
