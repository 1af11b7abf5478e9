/*
 * NtQueryVirtualMemory (MemoryBasicInformation): what a page range is,
 * read from the VAD and the PTEs without touching the pages — a guard page
 * stays armed, a demand-zero page stays unallocated.
 */
#include "mm/mi.h"

#define MemoryBasicInformation 0

NTSTATUS MmQueryVirtual(MMPROCESS *process, uint32_t address, MEMORY_BASIC_INFORMATION32 *info)
{
    if (address > MI_HIGHEST_USER_ADDRESS) {
        return STATUS_INVALID_PARAMETER_2;
    }
    uint32_t va = address & ~PAGE_MASK;
    uint32_t vpn = va >> PAGE_SHIFT;
    MMVAD *vad = MiLocateAddress(&process->VadRoot, vpn);
    info->BaseAddress = va;

    if (!vad && va > MI_HIGHEST_VAD_ADDRESS) {
        /* The 64 KiB of KUSER_SHARED_DATA beyond its page: NT reports it
         * reserved, part of the shared page's allocation. */
        info->AllocationBase = MI_HIGHEST_VAD_ADDRESS + 1;
        info->AllocationProtect = PAGE_READONLY;
        info->RegionSize = MI_USER_PROBE_ADDRESS - va;
        info->State = MEM_RESERVE;
        info->Protect = PAGE_NOACCESS;
        info->Type = MEM_PRIVATE;
        return STATUS_SUCCESS;
    }
    if (!vad) {
        /* Free: up to the next VAD, or to the end of the VAD area. */
        MMVAD *next = MiLocateVadAtOrAfter(&process->VadRoot, vpn);
        uint32_t end = next ? next->StartingVpn << PAGE_SHIFT : MI_HIGHEST_VAD_ADDRESS + 1;
        info->AllocationBase = 0;
        info->AllocationProtect = 0;
        info->RegionSize = end - va;
        info->State = MEM_FREE;
        info->Protect = PAGE_NOACCESS;
        info->Type = 0;
        return STATUS_SUCCESS;
    }

    bool image = vad->VadType == VadImageMap;
    info->AllocationBase = image ? vad->ImageBase : vad->StartingVpn << PAGE_SHIFT;
    info->AllocationProtect = MiProtectionToWin32(vad->Protection);
    info->Type = image ? MEM_IMAGE : vad->VadType == VadMapped ? MEM_MAPPED : MEM_PRIVATE;

    /* The run of pages with the same state and protection, within the VAD. */
    bool committed;
    uint32_t protection = MiQueryPageProtection(process, vad, va, &committed);
    uint32_t n = vpn + 1;
    for (; n <= vad->EndingVpn; n++) {
        bool c;
        uint32_t p = MiQueryPageProtection(process, vad, n << PAGE_SHIFT, &c);
        if (c != committed || (committed && p != protection)) {
            break;
        }
    }
    info->RegionSize = (n - vpn) << PAGE_SHIFT;
    info->State = committed ? MEM_COMMIT : MEM_RESERVE;
    info->Protect = committed ? MiProtectionToWin32(protection) : 0;
    return STATUS_SUCCESS;
}

NTSTATUS NtQueryVirtualMemory(MMPROCESS *caller, MMPROCESS *target, uint32_t BaseAddress,
                              uint32_t MemoryInformationClass, uint32_t MemoryInformation,
                              uint32_t MemoryInformationLength, uint32_t ReturnLength)
{
    if (MemoryInformationClass == MemoryWorkingSetInformation ||
        MemoryInformationClass == MemoryWorkingSetExInformation) {
        return MiQueryWorkingSetInformation(caller, target, MemoryInformationClass,
                                            MemoryInformation, MemoryInformationLength,
                                            ReturnLength);
    }
    if (MemoryInformationClass == MemoryRegionInformation) {
        return MiQueryRegionInformation(caller, target, BaseAddress, MemoryInformation,
                                        MemoryInformationLength, ReturnLength);
    }
    if (MemoryInformationClass != MemoryBasicInformation) {
        return STATUS_INVALID_INFO_CLASS;
    }
    if (MemoryInformationLength < sizeof(MEMORY_BASIC_INFORMATION32)) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    /* NT probes the buffers before it looks at the address. */
    NTSTATUS status = MiProbeForWrite(caller, MemoryInformation, MemoryInformationLength,
                                      sizeof(uint32_t));
    if (status == STATUS_SUCCESS && ReturnLength) {
        status = MiProbeForWrite(caller, ReturnLength, sizeof(uint32_t), 1);
    }
    if (status != STATUS_SUCCESS) {
        return status;
    }
    MEMORY_BASIC_INFORMATION32 info;
    status = MmQueryVirtual(target, BaseAddress, &info);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    status = MmCopyToUser(caller, MemoryInformation, &info, sizeof info);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (ReturnLength) {
        /* As NT: once the information is written, the call succeeded. */
        uint32_t length = sizeof info;
        MmCopyToUser(caller, ReturnLength, &length, sizeof length);
    }
    return STATUS_SUCCESS;
}
