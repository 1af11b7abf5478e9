/*
 * NtFreeVirtualMemory: decommitting pages (their frames go back to the PFN
 * lists, their commit charge back to the system) and releasing address
 * space (the VAD shrinks, splits in two, or goes).
 */
#include "mm/mi.h"

/* Decommits [start, end] inside vad; returns the pages that were committed. */
static uint32_t DecommitRange(MMPROCESS *process, MMVAD *vad, uint32_t start, uint32_t end)
{
    uint32_t released = 0;
    /* In a VAD committed at birth a zero PTE means committed, so a
     * decommitted page needs an explicit marker. */
    MMPTE replacement = vad->MemCommit ? MiMakeDemandZeroPte(MM_DECOMMIT) : 0;
    for (uint32_t va = start; va <= end && va >= start; va += PAGE_SIZE) {
        bool committed;
        MiQueryPageProtection(process, vad, va, &committed);
        MMPTE *pte = MiGetPteAddress(process, va, committed && vad->MemCommit);
        if (committed) {
            released++;
        }
        if (pte && (*pte != replacement)) {
            MiDeletePte(process, pte, va, replacement);
        }
    }
    return released;
}

/* Releases [start, end] of vad: the range's pages go, then the VAD is
 * trimmed, split or removed. */
static NTSTATUS ReleaseRange(MMPROCESS *process, MMVAD *vad, uint32_t start, uint32_t end)
{
    uint32_t first = start >> PAGE_SHIFT, last = end >> PAGE_SHIFT;
    MMVAD *tail = NULL;
    if (first > vad->StartingVpn && last < vad->EndingVpn) {
        tail = MiAllocateVad(last + 1, vad->EndingVpn, (MI_VAD_TYPE)vad->VadType, vad->Protection);
        if (!tail) {
            return STATUS_NO_MEMORY;
        }
    }
    uint32_t released = DecommitRange(process, vad, start, end);
    /* Whatever PTEs remain (decommit markers) go too: the range is free. */
    for (uint32_t va = start; va <= end && va >= start; va += PAGE_SIZE) {
        MMPTE *pte = MiGetPteAddress(process, va, false);
        if (pte && *pte) {
            MiWritePte(process, pte, 0);
        }
    }
    MiReturnCommitment(process, released);
    vad->CommitCharge -= released;

    if (first == vad->StartingVpn && last == vad->EndingVpn) {
        MiRemoveVad(&process->VadRoot, vad);
        MiFreeVad(vad);
    } else if (first == vad->StartingVpn) {
        vad->StartingVpn = last + 1;   /* the tree order is unchanged */
        vad->ImageBase = vad->StartingVpn << PAGE_SHIFT;
    } else if (last == vad->EndingVpn) {
        vad->EndingVpn = first - 1;
    } else {
        /* A hole in the middle: the part above becomes a region of its own. */
        tail->MemCommit = vad->MemCommit;
        tail->PrivateMemory = vad->PrivateMemory;
        uint32_t tail_commit = 0;
        for (uint32_t vpn = tail->StartingVpn; vpn <= tail->EndingVpn; vpn++) {
            bool committed;
            MiQueryPageProtection(process, vad, vpn << PAGE_SHIFT, &committed);
            tail_commit += committed;
        }
        vad->EndingVpn = first - 1;
        vad->CommitCharge -= tail_commit;
        tail->CommitCharge = tail_commit;
        MiInsertVad(&process->VadRoot, tail);
    }
    return STATUS_SUCCESS;
}

NTSTATUS MmFreeVirtual(MMPROCESS *process, uint32_t *base, uint32_t *size, uint32_t type)
{
    if (type != MEM_DECOMMIT && type != MEM_RELEASE) {
        return STATUS_INVALID_PARAMETER_4;
    }
    if (*base > MI_HIGHEST_USER_ADDRESS) {
        return STATUS_INVALID_PARAMETER_2;
    }
    if (MI_HIGHEST_USER_ADDRESS - *base + 1 < *size) {
        return STATUS_INVALID_PARAMETER_3;
    }
    uint32_t start = *base & ~PAGE_MASK;
    MMVAD *vad = MiLocateAddress(&process->VadRoot, start >> PAGE_SHIFT);
    if (!vad) {
        return STATUS_MEMORY_NOT_ALLOCATED;
    }
    if (vad->VadType == VadImageMap) {
        return STATUS_UNABLE_TO_DELETE_SECTION;
    }
    uint32_t end;
    if (*size == 0) {
        if (type == MEM_RELEASE && start != (vad->StartingVpn << PAGE_SHIFT)) {
            return STATUS_FREE_VM_NOT_AT_BASE;
        }
        end = (vad->EndingVpn << PAGE_SHIFT) | PAGE_MASK;
    } else {
        uint64_t last = (((uint64_t)*base + *size + PAGE_MASK) & ~(uint64_t)PAGE_MASK) - 1;
        if ((last >> PAGE_SHIFT) > vad->EndingVpn) {
            return STATUS_UNABLE_TO_FREE_VM;
        }
        end = (uint32_t)last;
    }
    if (vad->NoChange) {
        return STATUS_UNABLE_TO_FREE_VM; /* KUSER_SHARED_DATA */
    }
    NTSTATUS status = STATUS_SUCCESS;
    if (type == MEM_RELEASE) {
        status = ReleaseRange(process, vad, start, end);
    } else {
        uint32_t released = DecommitRange(process, vad, start, end);
        MiReturnCommitment(process, released);
        vad->CommitCharge -= released;
    }
    MiFlushTlbIfNeeded();
    if (status == STATUS_SUCCESS) {
        *base = start;
        *size = end - start + 1;
    }
    return status;
}

NTSTATUS NtFreeVirtualMemory(MMPROCESS *caller, MMPROCESS *target, uint32_t BaseAddress,
                             uint32_t RegionSize, uint32_t FreeType)
{
    if (FreeType != MEM_DECOMMIT && FreeType != MEM_RELEASE) {
        return STATUS_INVALID_PARAMETER_4;
    }
    uint32_t base, size;
    if (MmCopyFromUser(caller, &base, BaseAddress, sizeof base) != STATUS_SUCCESS ||
        MmCopyFromUser(caller, &size, RegionSize, sizeof size) != STATUS_SUCCESS) {
        return STATUS_ACCESS_VIOLATION;
    }
    NTSTATUS status = MmFreeVirtual(target, &base, &size, FreeType);
    if (status == STATUS_SUCCESS) {
        MmCopyToUser(caller, BaseAddress, &base, sizeof base);
        MmCopyToUser(caller, RegionSize, &size, sizeof size);
    }
    return status;
}
