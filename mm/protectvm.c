/*
 * NtProtectVirtualMemory: a new protection for committed pages, effective
 * at once — resident pages get new hardware bits (one TLB flush for the
 * whole range), the others a new software PTE.
 */
#include "mm/mi.h"

NTSTATUS MmProtectVirtual(MMPROCESS *process, uint32_t *base, uint32_t *size, uint32_t protect,
                          uint32_t *old_protect)
{
    uint32_t protection = MiMakeProtectionMask(protect);
    if (protection == MM_INVALID_PROTECTION) {
        return STATUS_INVALID_PAGE_PROTECTION;
    }
    if (*base > MI_HIGHEST_USER_ADDRESS) {
        return STATUS_INVALID_PARAMETER_2;
    }
    if (*size == 0 || MI_HIGHEST_USER_ADDRESS - *base + 1 < *size) {
        return STATUS_INVALID_PARAMETER_3;
    }
    uint32_t start = *base & ~PAGE_MASK;
    uint32_t end = (uint32_t)((((uint64_t)*base + *size + PAGE_MASK) & ~(uint64_t)PAGE_MASK) - 1);
    MMVAD *vad = MiLocateAddress(&process->VadRoot, start >> PAGE_SHIFT);
    if (!vad || (end >> PAGE_SHIFT) > vad->EndingVpn) {
        return STATUS_CONFLICTING_ADDRESSES;
    }
    if (vad->NoChange) {
        return STATUS_INVALID_PAGE_PROTECTION;
    }
    uint32_t access = protection & MM_PROTECT_ACCESS;
    if (vad->VadType != VadImageMap && (access == MM_WRITECOPY || access == MM_EXECUTE_WRITECOPY)) {
        return STATUS_INVALID_PAGE_PROTECTION; /* copy-on-write: images and views only */
    }
    uint32_t first = 0;
    for (uint32_t va = start; va <= end && va >= start; va += PAGE_SIZE) {
        bool committed;
        uint32_t current = MiQueryPageProtection(process, vad, va, &committed);
        if (!committed) {
            return STATUS_NOT_COMMITTED;
        }
        if (va == start) {
            first = current;
        }
        if (!MiGetPteAddress(process, va, true)) {
            return STATUS_NO_MEMORY;
        }
    }
    for (uint32_t va = start; va <= end && va >= start; va += PAGE_SIZE) {
        MiSetPageProtection(process, vad, va, protection);
    }
    MiFlushTlbIfNeeded();
    *old_protect = MiProtectionToWin32(first);
    *base = start;
    *size = end - start + 1;
    return STATUS_SUCCESS;
}

NTSTATUS NtProtectVirtualMemory(MMPROCESS *caller, MMPROCESS *target, uint32_t BaseAddress,
                                uint32_t RegionSize, uint32_t NewProtect, uint32_t OldProtect)
{
    uint32_t base, size, old = 0;
    /* All three pointers are probed before anything changes: a NULL
     * OldProtect is an access violation with the memory untouched. */
    if (MmCopyFromUser(caller, &base, BaseAddress, sizeof base) != STATUS_SUCCESS ||
        MmCopyFromUser(caller, &size, RegionSize, sizeof size) != STATUS_SUCCESS ||
        MmCopyToUser(caller, OldProtect, &old, sizeof old) != STATUS_SUCCESS) {
        return STATUS_ACCESS_VIOLATION;
    }
    NTSTATUS status = MmProtectVirtual(target, &base, &size, NewProtect, &old);
    if (status == STATUS_SUCCESS) {
        MmCopyToUser(caller, BaseAddress, &base, sizeof base);
        MmCopyToUser(caller, RegionSize, &size, sizeof size);
        MmCopyToUser(caller, OldProtect, &old, sizeof old);
    }
    return status;
}
