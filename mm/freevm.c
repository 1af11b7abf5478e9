/*
 * NtFreeVirtualMemory: decommitting pages (their frames go back to the PFN
 * lists, their commit charge back to the system) and releasing address
 * space (the VAD shrinks, splits in two, or goes). The checks are NT's, in
 * NT's order.
 */
#include "mm/mi.h"

/* The committed pages of vad in [start, end]. */
static uint32_t CountCommitted(MMPROCESS *process, MMVAD *vad, uint32_t start, uint32_t end)
{
    uint32_t pages = 0;
    for (uint64_t va = start; va <= end; va += PAGE_SIZE) {
        bool committed;
        MiQueryPageProtection(process, vad, (uint32_t)va, &committed);
        pages += committed;
    }
    return pages;
}

/* Every page of [start, end] gets `replacement` as its PTE (its frame, if
 * any, is freed); PTEs already equal to it are left alone. */
static void DeleteRange(MMPROCESS *process, uint32_t start, uint32_t end, MMPTE replacement)
{
    for (uint64_t va = start; va <= end; va += PAGE_SIZE) {
        MMPTE *pte = MiGetPteAddress(process, (uint32_t)va, replacement != 0);
        if (pte && *pte != replacement) {
            MiDeletePte(process, pte, (uint32_t)va, replacement);
        }
    }
}

/*
 * In a VAD committed at birth a zero PTE means committed, so a decommitted
 * page needs NT's explicit marker, and the page tables to hold it (made
 * first, so that nothing fails half-way); elsewhere decommitted is zero.
 */
static NTSTATUS Decommit(MMPROCESS *process, MMVAD *vad, uint32_t start, uint32_t end)
{
    MMPTE replacement = vad->MemCommit ? MiMakeDemandZeroPte(MM_DECOMMIT) : 0;
    if (vad->MemCommit && !MiMakePageTablesExist(process, start, end)) {
        return STATUS_NO_MEMORY;
    }
    uint32_t released = CountCommitted(process, vad, start, end);
    DeleteRange(process, start, end, replacement);
    MiReturnCommitment(process, released);
    vad->CommitCharge -= released;
    return STATUS_SUCCESS;
}

/*
 * The range goes from the address space: its pages are deleted, then the
 * VAD is trimmed at one end, split in two (the part above becomes a region
 * of its own, with its own AllocationBase, as on Windows) or removed.
 */
static NTSTATUS Release(MMPROCESS *process, MMVAD *vad, uint32_t start, uint32_t end)
{
    uint32_t first = start >> PAGE_SHIFT, last = end >> PAGE_SHIFT;
    MMVAD *tail = NULL;
    if (first > vad->StartingVpn && last < vad->EndingVpn) {
        tail = MiAllocateVad(last + 1, vad->EndingVpn, (MI_VAD_TYPE)vad->VadType, vad->Protection);
        if (!tail || MiSplitWriteWatch(vad, tail) != STATUS_SUCCESS) {
            if (tail) {
                MiFreeVad(tail);
            }
            return STATUS_NO_MEMORY;
        }
        if (vad->Section) {
            /* Memory shared with a clone: the tail keeps its part of the
             * prototype PTEs. */
            tail->Section = vad->Section;
            ExReferenceObject(&vad->Section->Header);
            tail->FirstPrototype = vad->FirstPrototype + (last + 1 - vad->StartingVpn);
        }
    }
    uint32_t released = CountCommitted(process, vad, start, end);
    if (tail) {
        /* Before any PTE changes: which pages above the hole are committed. */
        uint32_t tail_start = (last + 1) << PAGE_SHIFT;
        tail->CommitCharge = CountCommitted(process, vad, tail_start,
                                            (vad->EndingVpn << PAGE_SHIFT) | PAGE_MASK);
        tail->MemCommit = vad->MemCommit;
    }
    DeleteRange(process, start, end, 0);
    MiReturnCommitment(process, released);
    vad->CommitCharge -= released;

    if (first == vad->StartingVpn && last == vad->EndingVpn) {
        MiRemoveVad(&process->VadRoot, vad);
        MiFreeVad(vad);
    } else if (first == vad->StartingVpn) {
        vad->FirstPrototype += last + 1 - vad->StartingVpn;
        vad->StartingVpn = last + 1; /* the tree's order is unchanged */
        vad->ImageBase = vad->StartingVpn << PAGE_SHIFT;
    } else if (last == vad->EndingVpn) {
        vad->EndingVpn = first - 1;
    } else {
        vad->EndingVpn = first - 1;
        vad->CommitCharge -= tail->CommitCharge;
        MiInsertVad(&process->VadRoot, tail);
    }
    return STATUS_SUCCESS;
}

/* Everything after the arguments are captured. */
static NTSTATUS FreeCaptured(MMPROCESS *process, uint32_t *base, uint32_t *size, uint32_t type)
{
    MMSYSTEM *system = process->System;
    if (*base > MI_HIGHEST_USER_ADDRESS) {
        return STATUS_INVALID_PARAMETER_2;
    }
    if (MI_HIGHEST_USER_ADDRESS - *base < *size) {
        return STATUS_INVALID_PARAMETER_3;
    }
    uint32_t start = *base & ~PAGE_MASK;
    /* With a size of 0 this ends below start and passes the VAD check. */
    uint32_t end = (*base + *size - 1) | PAGE_MASK;
    MMVAD *vad = MiLocateAddress(&process->VadRoot, start >> PAGE_SHIFT);
    if (!vad) {
        return STATUS_MEMORY_NOT_ALLOCATED;
    }
    if (*size && (end >> PAGE_SHIFT) > vad->EndingVpn) {
        return STATUS_UNABLE_TO_FREE_VM; /* the range runs past this allocation */
    }
    if (!vad->PrivateMemory) {
        return STATUS_UNABLE_TO_DELETE_SECTION; /* images go with NtUnmapViewOfSection */
    }
    if (vad->NoChange) {
        return STATUS_INVALID_PAGE_PROTECTION; /* a secured VAD: KUSER_SHARED_DATA */
    }
    if (*size == 0) {
        /* The whole allocation, which must be named by its base. */
        if (start != vad->StartingVpn << PAGE_SHIFT) {
            return STATUS_FREE_VM_NOT_AT_BASE;
        }
        end = (vad->EndingVpn << PAGE_SHIFT) | PAGE_MASK;
    }
    bool whole = *size == 0;
    NTSTATUS status = type == MEM_RELEASE ? Release(process, vad, start, end)
                                          : Decommit(process, vad, start, end);
    MiFlushTlbIfNeeded(system);
    if (status == STATUS_SUCCESS) {
        *base = start;
        /* A release reports what it freed; a decommit of the whole
         * allocation (size 0) reports the size it was given, 0, as
         * Windows does. */
        *size = type == MEM_DECOMMIT && whole ? 0 : end - start + 1;
    }
    return status;
}

NTSTATUS MmFreeVirtual(MMPROCESS *process, uint32_t *base, uint32_t *size, uint32_t type)
{
    if (type != MEM_DECOMMIT && type != MEM_RELEASE) {
        return STATUS_INVALID_PARAMETER_4;
    }
    return FreeCaptured(process, base, size, type);
}

NTSTATUS NtFreeVirtualMemory(MMPROCESS *caller, MMPROCESS *target, uint32_t BaseAddress,
                             uint32_t RegionSize, uint32_t FreeType)
{
    if (FreeType != MEM_DECOMMIT && FreeType != MEM_RELEASE) {
        return STATUS_INVALID_PARAMETER_4; /* exactly one of the two */
    }
    uint32_t base, size;
    NTSTATUS status = MiCaptureUlong(caller, BaseAddress, &base);
    if (status == STATUS_SUCCESS) {
        status = MiCaptureUlong(caller, RegionSize, &size);
    }
    if (status == STATUS_SUCCESS) {
        status = FreeCaptured(target, &base, &size, FreeType);
    }
    if (status == STATUS_SUCCESS) {
        /* As NT: the pages are gone whether or not the results can be written. */
        MmCopyToUser(caller, RegionSize, &size, sizeof size);
        MmCopyToUser(caller, BaseAddress, &base, sizeof base);
    }
    return status;
}
