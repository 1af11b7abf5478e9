/*
 * NtAllocateVirtualMemory: reserving address space (a VAD) and committing
 * pages inside it (charging commit, writing demand-zero PTEs). Nothing is
 * made resident here: committed memory is zero-filled by the first touch.
 *
 * The checks come in NT's order, each with NT's status, so a program sees
 * the same answer as on Windows; nothing is changed until every check has
 * passed.
 */
#include "mm/mi.h"

#include <stdlib.h>

#define MI_MAX_ZERO_BITS 21
#define MI_VALID_ALLOCATION_TYPES (MEM_COMMIT | MEM_RESERVE | MEM_RESET | MEM_TOP_DOWN | \
                                   MEM_WRITE_WATCH | MEM_PHYSICAL | MEM_LARGE_PAGES | \
                                   MEM_RESET_UNDO)

MMVAD *MiAllocateVad(uint32_t start_vpn, uint32_t end_vpn, MI_VAD_TYPE type, uint32_t protection)
{
    MMVAD *vad = calloc(1, sizeof *vad);
    if (vad) {
        vad->StartingVpn = start_vpn;
        vad->EndingVpn = end_vpn;
        vad->VadType = (uint8_t)type;
        vad->Protection = protection;
        vad->PrivateMemory = type != VadImageMap;
        vad->ImageBase = start_vpn << PAGE_SHIFT;
    }
    return vad;
}

void MiFreeVad(MMVAD *vad)
{
    free(vad);
}

/* Without a pagefile, what can be committed is what RAM can hold. */
bool MiChargeCommitment(MMPROCESS *process, uint32_t pages)
{
    if (MiSystem.CommittedPages + pages > MiSystem.CommitLimit) {
        return false;
    }
    MiSystem.CommittedPages += pages;
    process->CommitCharge += pages;
    if (process->CommitCharge > process->CommitPeak) {
        process->CommitPeak = process->CommitCharge;
    }
    if (MiSystem.CommittedPages > MiSystem.Stats.PeakCommitPages) {
        MiSystem.Stats.PeakCommitPages = (uint32_t)MiSystem.CommittedPages;
    }
    return true;
}

void MiReturnCommitment(MMPROCESS *process, uint32_t pages)
{
    MiSystem.CommittedPages -= pages;
    process->CommitCharge -= pages;
}

void MiSetPageProtection(MMPROCESS *process, MMVAD *vad, uint32_t va, uint32_t protection)
{
    (void)vad;
    MMPTE *pte = MiGetPteAddress(process, va, true);
    if (!pte) {
        return; /* only when out of frames for a page table: caller checked */
    }
    if (MiPteIsValid(*pte)) {
        uint32_t pfn = MiPteFrame(*pte);
        MMPFN *p = MiGetPfn(pfn);
        if (p->Use != MiPfnProcessPrivate) {
            return;
        }
        p->OriginalPte = MiMakeDemandZeroPte(protection);
        MiWritePte(process, pte, MiMakeValidPte(pfn, protection) |
                   (*pte & (MM_PTE_ACCESSED | MM_PTE_DIRTY)));
    } else {
        MiWritePte(process, pte, MiMakeDemandZeroPte(protection));
    }
}

/* The highest address an allocation may end at, for this ZeroBits. */
static uint32_t HighestAddress(uint32_t zero_bits)
{
    uint32_t highest = MI_HIGHEST_USER_ADDRESS;
    if (zero_bits) {
        uint32_t limit = 0xFFFFFFFFu >> zero_bits;
        if (limit < highest) {
            highest = limit;
        }
    }
    return highest;
}

static NTSTATUS Reserve(MMPROCESS *process, uint32_t *base, uint32_t zero_bits, uint32_t *size,
                        uint32_t type, uint32_t protection)
{
    uint32_t start, end;
    bool commit = (type & MEM_COMMIT) != 0;

    if (*base) {
        start = *base & ~(ALLOCATION_GRANULARITY - 1);
        uint64_t last = (((uint64_t)*base + *size + PAGE_MASK) & ~(uint64_t)PAGE_MASK) - 1;
        if (last > MI_HIGHEST_USER_ADDRESS || start < MI_LOWEST_USER_ADDRESS) {
            return STATUS_INVALID_PARAMETER_2;
        }
        end = (uint32_t)last;
        if (MiCheckForConflictingVad(&process->VadRoot, start >> PAGE_SHIFT, end >> PAGE_SHIFT)) {
            return STATUS_CONFLICTING_ADDRESSES;
        }
    } else {
        uint64_t bytes = ((uint64_t)*size + PAGE_MASK) & ~(uint64_t)PAGE_MASK;
        uint32_t pages = (uint32_t)(bytes >> PAGE_SHIFT);
        uint32_t vpn = MiFindEmptyAddressRange(&process->VadRoot, pages,
                                               ALLOCATION_GRANULARITY >> PAGE_SHIFT,
                                               MI_LOWEST_USER_ADDRESS >> PAGE_SHIFT,
                                               HighestAddress(zero_bits) >> PAGE_SHIFT,
                                               (type & MEM_TOP_DOWN) != 0);
        if (vpn == 0) {
            return STATUS_NO_MEMORY;
        }
        start = vpn << PAGE_SHIFT;
        end = start + (uint32_t)bytes - 1;
    }
    if (*base && zero_bits && end > HighestAddress(zero_bits)) {
        return STATUS_INVALID_PARAMETER_3;
    }
    uint32_t pages = ((end - start) >> PAGE_SHIFT) + 1;
    if (commit && !MiChargeCommitment(process, pages)) {
        return STATUS_COMMITMENT_LIMIT;
    }
    MMVAD *vad = MiAllocateVad(start >> PAGE_SHIFT, end >> PAGE_SHIFT, VadNone, protection);
    if (!vad) {
        if (commit) {
            MiReturnCommitment(process, pages);
        }
        return STATUS_NO_MEMORY;
    }
    /* A VAD committed at birth needs no PTEs: a zero PTE in it means
     * "demand-zero with the VAD's protection". */
    vad->MemCommit = commit;
    vad->CommitCharge = commit ? pages : 0;
    MiInsertVad(&process->VadRoot, vad);
    *base = start;
    *size = end - start + 1;
    return STATUS_SUCCESS;
}

/* The VAD holding all of [start, end], fit for committing or resetting. */
static NTSTATUS LocateCommittableVad(MMPROCESS *process, uint32_t start, uint32_t end,
                                     MMVAD **out)
{
    MMVAD *vad = MiLocateAddress(&process->VadRoot, start >> PAGE_SHIFT);
    if (!vad || (end >> PAGE_SHIFT) > vad->EndingVpn || vad->VadType == VadImageMap ||
        vad->NoChange) {
        return STATUS_CONFLICTING_ADDRESSES;
    }
    *out = vad;
    return STATUS_SUCCESS;
}

static NTSTATUS Commit(MMPROCESS *process, uint32_t *base, uint32_t *size, uint32_t protection)
{
    uint32_t start = *base & ~PAGE_MASK;
    uint64_t last = (((uint64_t)*base + *size + PAGE_MASK) & ~(uint64_t)PAGE_MASK) - 1;
    if (last > MI_HIGHEST_USER_ADDRESS) {
        return STATUS_INVALID_PARAMETER_2;
    }
    uint32_t end = (uint32_t)last;
    MMVAD *vad;
    NTSTATUS status = LocateCommittableVad(process, start, end, &vad);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    /* Count what is new, and make sure the page tables exist, before
     * changing anything. */
    uint32_t fresh = 0;
    for (uint32_t va = start; va <= end && va >= start; va += PAGE_SIZE) {
        bool committed;
        MiQueryPageProtection(process, vad, va, &committed);
        fresh += !committed;
        if (!MiGetPteAddress(process, va, true)) {
            return STATUS_NO_MEMORY;
        }
    }
    if (!MiChargeCommitment(process, fresh)) {
        return STATUS_COMMITMENT_LIMIT;
    }
    vad->CommitCharge += fresh;
    for (uint32_t va = start; va <= end && va >= start; va += PAGE_SIZE) {
        /* Re-commit of a committed page only updates its protection. */
        MiSetPageProtection(process, vad, va, protection);
    }
    MiFlushTlbIfNeeded();
    *base = start;
    *size = end - start + 1;
    return STATUS_SUCCESS;
}

/* MEM_RESET: the contents of these pages are no longer of interest. */
static NTSTATUS Reset(MMPROCESS *process, uint32_t *base, uint32_t *size)
{
    uint64_t first = ((uint64_t)*base + PAGE_MASK) & ~(uint64_t)PAGE_MASK;
    uint64_t stop = ((uint64_t)*base + *size) & ~(uint64_t)PAGE_MASK;
    if (stop > (uint64_t)MI_HIGHEST_USER_ADDRESS + 1) {
        return STATUS_INVALID_PARAMETER_2;
    }
    if (stop <= first) {
        *base = (uint32_t)first;
        *size = 0;
        return STATUS_SUCCESS;
    }
    MMVAD *vad;
    NTSTATUS status = LocateCommittableVad(process, (uint32_t)first, (uint32_t)stop - 1, &vad);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    for (uint64_t va = first; va < stop; va += PAGE_SIZE) {
        bool committed;
        uint32_t protection = MiQueryPageProtection(process, vad, (uint32_t)va, &committed);
        if (!committed) {
            return STATUS_CONFLICTING_ADDRESSES;
        }
        (void)protection;
    }
    for (uint64_t va = first; va < stop; va += PAGE_SIZE) {
        MMPTE *pte = MiGetPteAddress(process, (uint32_t)va, false);
        if (pte && MiPteIsValid(*pte)) {
            /* Discard the frame; the page reads as zero next time. */
            uint32_t protection = MiPteProtection(MiGetPfn(MiPteFrame(*pte))->OriginalPte);
            MiDeletePte(process, pte, (uint32_t)va, MiMakeDemandZeroPte(protection));
        }
    }
    MiFlushTlbIfNeeded();
    *base = (uint32_t)first;
    *size = (uint32_t)(stop - first);
    return STATUS_SUCCESS;
}

NTSTATUS MmAllocateVirtual(MMPROCESS *process, uint32_t *base, uint32_t zero_bits,
                           uint32_t *size, uint32_t type, uint32_t protect)
{
    if (zero_bits > MI_MAX_ZERO_BITS) {
        return STATUS_INVALID_PARAMETER_3;
    }
    if ((type & ~MI_VALID_ALLOCATION_TYPES) || !(type & (MEM_COMMIT | MEM_RESERVE | MEM_RESET))) {
        return STATUS_INVALID_PARAMETER_5;
    }
    if ((type & MEM_RESET) && (type & ~(MEM_RESET | MEM_RESET_UNDO)) ) {
        return STATUS_INVALID_PARAMETER_5;
    }
    if (type & (MEM_PHYSICAL | MEM_LARGE_PAGES | MEM_WRITE_WATCH | MEM_RESET_UNDO)) {
        /* AWE, large pages, write watch and reset-undo are not implemented. */
        return STATUS_NOT_SUPPORTED;
    }
    uint32_t protection = MiMakeProtectionMask(protect);
    if (protection == MM_INVALID_PROTECTION) {
        return STATUS_INVALID_PAGE_PROTECTION;
    }
    if (*base > MI_HIGHEST_USER_ADDRESS) {
        return STATUS_INVALID_PARAMETER_2;
    }
    if (*size == 0) {
        return STATUS_INVALID_PARAMETER_4;
    }
    if (MI_HIGHEST_USER_ADDRESS - *base + 1 < *size) {
        return STATUS_INVALID_PARAMETER_4;
    }
    if (type & MEM_RESET) {
        return Reset(process, base, size);
    }
    /* Copy-on-write has no meaning for private memory. */
    uint32_t access = protection & MM_PROTECT_ACCESS;
    if (access == MM_WRITECOPY || access == MM_EXECUTE_WRITECOPY) {
        return STATUS_INVALID_PAGE_PROTECTION;
    }
    /* MEM_COMMIT with no base reserves as well (VirtualAlloc relies on it). */
    if ((type & MEM_RESERVE) || *base == 0) {
        return Reserve(process, base, zero_bits, size, type | MEM_RESERVE, protection);
    }
    return Commit(process, base, size, protection);
}

NTSTATUS NtAllocateVirtualMemory(MMPROCESS *caller, MMPROCESS *target, uint32_t BaseAddress,
                                 uint32_t ZeroBits, uint32_t RegionSize,
                                 uint32_t AllocationType, uint32_t Protect)
{
    uint32_t base, size;
    NTSTATUS status = MmCopyFromUser(caller, &base, BaseAddress, sizeof base);
    if (status == STATUS_SUCCESS) {
        status = MmCopyFromUser(caller, &size, RegionSize, sizeof size);
    }
    if (status != STATUS_SUCCESS) {
        return STATUS_ACCESS_VIOLATION;
    }
    status = MmAllocateVirtual(target, &base, ZeroBits, &size, AllocationType, Protect);
    if (status == STATUS_SUCCESS) {
        /* As NT, a failure to write the results back still reports success:
         * the memory is allocated. */
        MmCopyToUser(caller, BaseAddress, &base, sizeof base);
        MmCopyToUser(caller, RegionSize, &size, sizeof size);
    }
    return status;
}
