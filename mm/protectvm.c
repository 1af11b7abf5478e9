/*
 * NtProtectVirtualMemory: a new protection for committed pages, effective
 * at once — resident pages get new hardware bits (one TLB flush for the
 * whole range), the others a new software PTE. The checks are NT's, in
 * NT's order.
 */
#include "mm/mi.h"

/*
 * An image page is shared with the image until this process writes it;
 * a writable protection on it is therefore copy-on-write, as NT's
 * MiSetProtectionOnSection makes it. A page already written (its current
 * protection a plain writable one, or the CPU has marked it dirty) is this
 * process's own copy and takes the protection as it is.
 */
static uint32_t ImagePageProtection(MMPROCESS *process, uint32_t va, uint32_t current,
                                    uint32_t protection)
{
    MMPTE *pte = MiGetPteAddress(process, va, false);
    uint32_t access = current & MM_PROTECT_ACCESS;
    bool own_copy = access == MM_READWRITE || access == MM_EXECUTE_READWRITE ||
                    (pte && MiPteIsValid(*pte) && (*pte & MM_PTE_DIRTY));
    return MiWithCopyOnWrite(protection, !own_copy);
}

/*
 * A page of a view that this process has written through copy-on-write is
 * its own copy, no longer the section's: a copy-on-write protection on it
 * is the plain writable one (PAGE_WRITECOPY reads back as PAGE_READWRITE,
 * as Windows reports it: Wine's kernel32 virtual.c test_mapping).
 */
static uint32_t ViewPageProtection(MMPROCESS *process, uint32_t va, uint32_t protection)
{
    MMPTE *pte = MiGetPteAddress(process, va, false);
    if (!pte || *pte == 0) {
        return protection;
    }
    bool own_copy = MiPteIsValid(*pte)
                        ? MiGetPfn(process->System, MiPteFrame(*pte))->Use == MiPfnProcessPrivate
                        : !(*pte & MM_PTE_PROTOTYPE);
    return own_copy ? MiWithCopyOnWrite(protection, false) : protection;
}

/* Everything after the arguments are captured and the protection checked. */
static NTSTATUS ProtectCaptured(MMPROCESS *process, uint32_t *base, uint32_t *size,
                                uint32_t protect, uint32_t protection, uint32_t *old_protect)
{
    MMSYSTEM *system = process->System;
    if (*base > MI_HIGHEST_USER_ADDRESS) {
        return STATUS_INVALID_PARAMETER_2;
    }
    if (MI_HIGHEST_USER_ADDRESS - *base < *size || *size == 0) {
        return STATUS_INVALID_PARAMETER_3;
    }
    uint32_t start = *base & ~PAGE_MASK;
    uint32_t end = (*base + *size - 1) | PAGE_MASK;
    MMVAD *vad = MiCheckForConflictingVad(&process->VadRoot, start >> PAGE_SHIFT,
                                          end >> PAGE_SHIFT);
    if (!vad || (start >> PAGE_SHIFT) < vad->StartingVpn || (end >> PAGE_SHIFT) > vad->EndingVpn) {
        return STATUS_CONFLICTING_ADDRESSES;
    }
    if (vad->NoChange) {
        return STATUS_INVALID_PAGE_PROTECTION; /* a secured VAD: KUSER_SHARED_DATA */
    }
    if (vad->VadType == VadMapped &&
        (!MiIsProtectionCompatible(vad->Section->Protection, protection & ~MM_GUARD_PAGE) ||
         !MiIsViewProtectionCompatible(vad, protection & ~MM_GUARD_PAGE))) {
        /* e.g. writable pages in a read-only section, or beyond the
         * protection the view was mapped with */
        return STATUS_SECTION_PROTECTION;
    }
    bool image = vad->VadType == VadImageMap;
    if (!vad->PrivateMemory && (protect & PAGE_NOCACHE)) {
        return STATUS_INVALID_PARAMETER_4;
    }
    /* The allocation's cache attribute stays as it was given. */
    protection = MiWithAllocationCache(vad, protection);
    if (protection == MM_INVALID_PROTECTION) {
        return STATUS_INVALID_PAGE_PROTECTION;
    }
    uint32_t access = protection & MM_PROTECT_ACCESS;
    if (vad->PrivateMemory && (access == MM_WRITECOPY || access == MM_EXECUTE_WRITECOPY)) {
        return STATUS_INVALID_PAGE_PROTECTION; /* copy-on-write: images and views only */
    }
    uint32_t first = 0;
    for (uint64_t va = start; va <= end; va += PAGE_SIZE) {
        bool committed;
        uint32_t current = MiQueryPageProtection(process, vad, (uint32_t)va, &committed);
        if (!committed) {
            return STATUS_NOT_COMMITTED;
        }
        if (va == start) {
            first = current;
        }
    }
    if (!MiMakePageTablesExist(process, start, end)) {
        return STATUS_NO_MEMORY;
    }
    for (uint64_t va = start; va <= end; va += PAGE_SIZE) {
        uint32_t page = protection;
        if (image) {
            bool committed;
            uint32_t current = MiQueryPageProtection(process, vad, (uint32_t)va, &committed);
            page = ImagePageProtection(process, (uint32_t)va, current, protection);
        } else if (vad->VadType == VadMapped) {
            page = ViewPageProtection(process, (uint32_t)va, protection);
        }
        MiSetPageProtection(process, vad, (uint32_t)va, page);
    }
    MiFlushTlbIfNeeded(system);
    *old_protect = MiProtectionToWin32(first);
    *base = start;
    *size = end - start + 1;
    return STATUS_SUCCESS;
}

NTSTATUS MmProtectVirtual(MMPROCESS *process, uint32_t *base, uint32_t *size, uint32_t protect,
                          uint32_t *old_protect)
{
    uint32_t protection = MiMakeProtectionMask(protect);
    if (protection == MM_INVALID_PROTECTION) {
        return STATUS_INVALID_PAGE_PROTECTION;
    }
    return ProtectCaptured(process, base, size, protect, protection, old_protect);
}

NTSTATUS NtProtectVirtualMemory(MMPROCESS *caller, MMPROCESS *target, uint32_t BaseAddress,
                                uint32_t RegionSize, uint32_t NewProtect, uint32_t OldProtect)
{
    /* The protection first, then all three pointers are probed for write
     * before anything changes: a NULL OldProtect is an access violation
     * with the memory untouched. */
    uint32_t protection = MiMakeProtectionMask(NewProtect);
    if (protection == MM_INVALID_PROTECTION) {
        return STATUS_INVALID_PAGE_PROTECTION;
    }
    uint32_t base, size, old;
    NTSTATUS status = MiCaptureUlong(caller, BaseAddress, &base);
    if (status == STATUS_SUCCESS) {
        status = MiCaptureUlong(caller, RegionSize, &size);
    }
    if (status == STATUS_SUCCESS) {
        status = MiCaptureUlong(caller, OldProtect, &old);
    }
    if (status == STATUS_SUCCESS) {
        status = ProtectCaptured(target, &base, &size, NewProtect, protection, &old);
    }
    if (status == STATUS_SUCCESS) {
        /* The caller may have protected its own arguments: as NT, a failed
         * write-back does not undo the change or the status. */
        MmCopyToUser(caller, RegionSize, &size, sizeof size);
        MmCopyToUser(caller, BaseAddress, &base, sizeof base);
        MmCopyToUser(caller, OldProtect, &old, sizeof old);
    }
    return status;
}
