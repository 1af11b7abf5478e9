/*
 * Mapping what the loader built: image sections (EXE and DLLs, laid out
 * in host memory and shared by every process that maps them at the same
 * base), and KUSER_SHARED_DATA.
 */
#include "mm/mi.h"

#include <stdlib.h>
#include <string.h>

static NTSTATUS InsertNewVad(MMPROCESS *process, uint32_t base, uint32_t pages,
                             MI_VAD_TYPE type, uint32_t protection, MMVAD **out)
{
    uint32_t start = base >> PAGE_SHIFT;
    if (MiCheckForConflictingVad(&process->VadRoot, start, start + pages - 1)) {
        return STATUS_CONFLICTING_ADDRESSES;
    }
    MMVAD *vad;
    NTSTATUS status =
        MiAllocateChargedVad(process, start, start + pages - 1, type, protection, pages, &vad);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    vad->MemCommit = 1;
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

/*
 * An image section: the image as the loader laid it out (headers and
 * sections at their RVAs, relocated, imports bound), one prototype PTE per
 * page and each page's protection. There is no image file to page from,
 * so the pages start in memory on the Modified list, and the modified page
 * writer gives them a home in the pagefile. Every process that maps the
 * image at this base shares its frames: code and read-only data stay
 * shared; writable data is copy-on-write, each process's first write
 * making it a private copy (PAGE_READWRITE from then on).
 */
NTSTATUS MmCreateImageSection(MMSYSTEM *system, const uint8_t *image, uint32_t size,
                              const uint32_t *protections, MMSECTION **out)
{
    uint32_t pages = (size + PAGE_MASK) >> PAGE_SHIFT;
    if (size == 0) {
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    for (uint32_t i = 0; i < pages; i++) {
        if (MiMakeProtectionMask(protections[i]) == MM_INVALID_PROTECTION) {
            return STATUS_INVALID_PAGE_PROTECTION;
        }
    }
    if (system->CommittedPages + pages > system->CommitLimit) {
        system->Stats.CommitFailures++;
        return STATUS_COMMITMENT_LIMIT;
    }
    MMSECTION *section = MiCreateCloneSection(system, pages);
    uint8_t *protection = calloc(pages, 1);
    if (!section || !protection) {
        free(protection);
        if (section) {
            ExReferenceObject(&section->Header);
            ExDereferenceObject(&section->Header);
        }
        return STATUS_NO_MEMORY;
    }
    section->Fork = 0;
    section->Image = 1;
    section->ImageProtection = protection;
    section->AllocationAttributes = SEC_IMAGE;
    section->Header.References = 1;
    section->CommittedPages = pages;
    system->CommittedPages += pages;
    for (uint32_t i = 0; i < pages; i++) {
        protection[i] = (uint8_t)MiMakeProtectionMask(protections[i]);
        uint32_t pfn = MiRemoveAnyPage(system);
        if (pfn == MI_PFN_NONE) {
            ExDereferenceObject(&section->Header);
            return STATUS_NO_MEMORY;
        }
        MiPrepareFrameContents(system, pfn);
        uint32_t n = size - i * PAGE_SIZE < PAGE_SIZE ? size - i * PAGE_SIZE : PAGE_SIZE;
        memcpy(MiFrameAddress(system, pfn), image + (size_t)i * PAGE_SIZE, n);
        memset(MiFrameAddress(system, pfn) + n, 0, PAGE_SIZE - n);
        MMPFN *p = MiGetPfn(system, pfn);
        p->Use = MiPfnSection;
        p->Section = section;
        p->PteVa = i << PAGE_SHIFT;
        p->OriginalPte = MiMakeDemandZeroPte(protection[i]);
        p->Modified = 1; /* its only copy */
        p->ShareCount = 0;
        section->PrototypePte[i] = MiMakeTransitionPte(pfn, protection[i]);
        MiInsertPageInList(system, ModifiedPageList, pfn);
    }
    *out = section;
    return STATUS_SUCCESS;
}

NTSTATUS MmMapImageSection(MMPROCESS *process, MMSECTION *section, uint32_t base)
{
    uint32_t pages = section->Pages;
    if (base & (ALLOCATION_GRANULARITY - 1) || base < MI_LOWEST_USER_ADDRESS ||
        (uint64_t)base + ((uint64_t)pages << PAGE_SHIFT) > MI_HIGHEST_USER_ADDRESS + 1ull) {
        return STATUS_CONFLICTING_ADDRESSES;
    }
    if (!MiMakePageTablesExist(process, base, base + (pages << PAGE_SHIFT) - 1)) {
        return STATUS_NO_MEMORY;
    }
    /* Each writable page may become a private copy: NT charges the image's
     * size to the process when it is mapped. */
    MMVAD *vad;
    NTSTATUS status = InsertNewVad(process, base, pages, VadImageMap, MM_EXECUTE_WRITECOPY, &vad);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    vad->Section = section;
    vad->FirstPrototype = 0;
    ExReferenceObject(&section->Header);
    section->MappedViews++;
    for (uint32_t i = 0; i < pages; i++) {
        MMPTE *pte = MiGetPteAddress(process, base + i * PAGE_SIZE, false);
        MiWritePte(process, pte, MiMakePrototypePointerPte(section->ImageProtection[i]));
    }
    return STATUS_SUCCESS;
}

NTSTATUS MmMapImage(MMPROCESS *process, uint32_t base, const uint8_t *image, uint32_t size,
                    const uint32_t *protections)
{
    MMSYSTEM *system = process->System;
    MMSECTION *section;
    NTSTATUS status = MmCreateImageSection(system, image, size, protections, &section);
    if (status == STATUS_SUCCESS) {
        status = MmMapImageSection(process, section, base);
        ExDereferenceObject(&section->Header); /* the view holds it */
    }
    return status;
}

void MiUnmapImage(MMPROCESS *process, MMVAD *vad)
{
    MMSYSTEM *system = process->System;
    if (vad->Section) {
        vad->Section->MappedViews--;
    }
    for (uint32_t vpn = vad->StartingVpn; vpn <= vad->EndingVpn; vpn++) {
        MMPTE *pte = MiGetPteAddress(process, vpn << PAGE_SHIFT, false);
        if (pte && *pte) {
            MiDeletePte(process, pte, vpn << PAGE_SHIFT, 0);
        }
    }
    RemoveVad(process, vad);
    MiFlushTlbIfNeeded(system);
}

NTSTATUS MmMapSharedUserData(MMPROCESS *process)
{
    MMSYSTEM *system = process->System;
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
    MiGetPfn(system, system->SharedUserDataPfn)->ShareCount++;
    MiWritePte(process, pte, MiMakeValidPte(system->SharedUserDataPfn, MM_READONLY));
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
