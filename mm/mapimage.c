/*
 * Mapping what the loader built: an image (EXE or DLL) laid out in host
 * memory, and KUSER_SHARED_DATA. Image pages are made resident at once,
 * each a private page of this process carrying its section's protection
 * (writable data is WRITECOPY until its first write). Sharing image frames
 * between processes comes with section objects.
 */
#include "mm/mi.h"

#include <string.h>

static NTSTATUS InsertNewVad(MMPROCESS *process, uint32_t base, uint32_t pages,
                             MI_VAD_TYPE type, uint32_t protection, MMVAD **out)
{
    uint32_t start = base >> PAGE_SHIFT;
    if (MiCheckForConflictingVad(&process->VadRoot, start, start + pages - 1)) {
        return STATUS_CONFLICTING_ADDRESSES;
    }
    if (!MiChargeCommitment(process, pages)) {
        return STATUS_COMMITMENT_LIMIT;
    }
    MMVAD *vad = MiAllocateVad(start, start + pages - 1, type, protection);
    if (!vad) {
        MiReturnCommitment(process, pages);
        return STATUS_NO_MEMORY;
    }
    vad->MemCommit = 1;
    vad->CommitCharge = pages;
    MiInsertVad(&process->VadRoot, vad);
    *out = vad;
    return STATUS_SUCCESS;
}

static void RemoveVad(MMPROCESS *process, MMVAD *vad)
{
    MiReturnCommitment(process, vad->CommitCharge);
    MiRemoveVad(&process->VadRoot, vad);
    MiFreeVad(vad);
}

NTSTATUS MmMapImage(MMPROCESS *process, uint32_t base, const uint8_t *image, uint32_t size,
                    const uint32_t *protections)
{
    if (base & (ALLOCATION_GRANULARITY - 1) || size == 0 || base < MI_LOWEST_USER_ADDRESS ||
        (uint64_t)base + size > MI_HIGHEST_USER_ADDRESS + 1ull) {
        return STATUS_CONFLICTING_ADDRESSES;
    }
    uint32_t pages = (size + PAGE_MASK) >> PAGE_SHIFT;
    MMVAD *vad;
    NTSTATUS status = InsertNewVad(process, base, pages, VadImageMap, MM_EXECUTE_WRITECOPY, &vad);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    for (uint32_t i = 0; i < pages; i++) {
        uint32_t va = base + i * PAGE_SIZE;
        uint32_t protection = MiMakeProtectionMask(protections[i]);
        MMPTE *pte = MiGetPteAddress(process, va, true);
        if (protection == MM_INVALID_PROTECTION || !pte ||
            MiMakePrivatePageValid(process, pte, va, protection) != STATUS_SUCCESS) {
            MiUnmapImage(process, vad);
            return protection == MM_INVALID_PROTECTION ? STATUS_INVALID_PAGE_PROTECTION
                                                       : STATUS_NO_MEMORY;
        }
        uint32_t pfn = MiPteFrame(*pte);
        uint32_t n = size - i * PAGE_SIZE < PAGE_SIZE ? size - i * PAGE_SIZE : PAGE_SIZE;
        /* A fresh zeroed frame: no translated code can refer to it. There
         * is no image file to read it back from, so the page is modified:
         * if it is trimmed, the pagefile keeps it. */
        memcpy(MiFrameAddress(pfn), image + (size_t)i * PAGE_SIZE, n);
        MiGetPfn(pfn)->Modified = 1;
        /* A large image (a big .bss) would take the working set past its
         * maximum: it is trimmed as it grows, as faults would trim it. */
        if (process->Ws.Count > process->Ws.Maximum) {
            MiWorkingSetManager(process);
        }
    }
    MiFlushTlbIfNeeded();
    return STATUS_SUCCESS;
}

void MiUnmapImage(MMPROCESS *process, MMVAD *vad)
{
    for (uint32_t vpn = vad->StartingVpn; vpn <= vad->EndingVpn; vpn++) {
        MMPTE *pte = MiGetPteAddress(process, vpn << PAGE_SHIFT, false);
        if (pte && *pte) {
            MiDeletePte(process, pte, vpn << PAGE_SHIFT, 0);
        }
    }
    RemoveVad(process, vad);
    MiFlushTlbIfNeeded();
}

NTSTATUS MmMapSharedUserData(MMPROCESS *process)
{
    MMVAD *vad;
    NTSTATUS status = InsertNewVad(process, MM_SHARED_USER_DATA_VA, 1, VadSharedUserData,
                                   MM_READONLY, &vad);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    vad->NoChange = 1;
    MMPTE *pte = MiGetPteAddress(process, MM_SHARED_USER_DATA_VA, true);
    if (!pte) {
        RemoveVad(process, vad);
        return STATUS_NO_MEMORY;
    }
    MiGetPfn(MiSystem.SharedUserDataPfn)->ShareCount++;
    MiWritePte(process, pte, MiMakeValidPte(MiSystem.SharedUserDataPfn, MM_READONLY));
    return STATUS_SUCCESS;
}

NTSTATUS MmCreatePrivateRegion(MMPROCESS *process, uint32_t va, uint32_t size, uint32_t protect)
{
    uint32_t protection = MiMakeProtectionMask(protect);
    uint32_t pages = (size + PAGE_MASK) >> PAGE_SHIFT;
    if (protection == MM_INVALID_PROTECTION || (va & PAGE_MASK) || pages == 0) {
        return STATUS_INVALID_PARAMETER;
    }
    MMVAD *vad;
    return InsertNewVad(process, va, pages, VadSystem, protection, &vad);
}
