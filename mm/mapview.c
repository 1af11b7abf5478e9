/*
 * Views of sections (NT's mapview.c and umapview.c): MmMapViewOfSection
 * puts a VAD of type VadMapped over a range of the address space; its
 * pages are faulted in through the section's prototype PTEs (section.c).
 * Unmapping deletes every PTE of the view — shared frames lose a sharer,
 * copy-on-write copies are freed — and drops the view's reference on the
 * section, which outlives its views while a handle is open.
 */
#include "mm/mi.h"

/*
 * May a view have this protection, given the section's? Writing needs a
 * writable section; copy-on-write needs only a readable one (the writes go
 * to private copies); execute needs an executable section.
 */
bool MiIsProtectionCompatible(uint32_t section, uint32_t view)
{
    uint32_t s = section & MM_PROTECT_ACCESS, v = view & MM_PROTECT_ACCESS;
    bool s_write = s == MM_READWRITE || s == MM_EXECUTE_READWRITE;
    bool s_exec = MiIsPteProtectionExecutable(s);
    bool v_exec = MiIsPteProtectionExecutable(v);
    bool v_write = v == MM_READWRITE || v == MM_EXECUTE_READWRITE;
    if (v == MM_ZERO_ACCESS || (view & MM_PROTECT_SPECIAL) == MM_NOACCESS) {
        return true; /* PAGE_NOACCESS views are allowed on anything */
    }
    if (v_exec && !s_exec) {
        return false;
    }
    if (v_write && !s_write) {
        return false;
    }
    if (s == MM_EXECUTE && v != MM_EXECUTE) {
        return false; /* an execute-only section cannot be read */
    }
    return true;
}

NTSTATUS MmMapViewOfSection(MMSECTION *section, MMPROCESS *process, uint32_t *base,
                            uint32_t zero_bits, uint32_t commit_size, uint64_t *offset, uint32_t *view_size,
                            uint32_t allocation_type, uint32_t protect)
{
    uint32_t protection = MiMakeProtectionMask(protect);
    if (protection == MM_INVALID_PROTECTION) {
        return STATUS_INVALID_PAGE_PROTECTION;
    }
    if (section->Image) {
        /* SEC_IMAGE: the whole image, each page with its section's
         * protection (the view's own is not used), relocated if it cannot
         * go at its base (STATUS_IMAGE_NOT_AT_BASE, a success). */
        if (*offset) {
            return STATUS_INVALID_PARAMETER_6;
        }
        NTSTATUS status = MmMapImageSection(process, section, base, NULL, 0);
        if (NT_SUCCESS(status)) {
            MMVAD *vad = MiLocateAddress(&process->VadRoot, *base >> PAGE_SHIFT);
            *view_size = vad ? (vad->EndingVpn - vad->StartingVpn + 1) << PAGE_SHIFT : 0;
        }
        (void)commit_size;
        return status;
    }
    if (allocation_type & ~(MEM_TOP_DOWN | MEM_RESERVE | AT_ROUND_TO_PAGE)) {
        return STATUS_INVALID_PARAMETER_9;
    }
    /* 32-bit Windows lets AT_ROUND_TO_PAGE place a view on any page: the
     * base goes down to its page, and base and offset need only page
     * alignment (Wine's ntdll virtual.c test, "only 4kb align is enforced"). */
    uint32_t alignment = ALLOCATION_GRANULARITY;
    if (allocation_type & AT_ROUND_TO_PAGE) {
        *base &= ~PAGE_MASK;
        alignment = PAGE_SIZE;
    }
    if ((*base & (alignment - 1)) || (*offset & (alignment - 1))) {
        return STATUS_MAPPED_ALIGNMENT;
    }
    uint64_t size = section->Size;
    if (*offset >= size) {
        return STATUS_INVALID_VIEW_SIZE;
    }
    uint64_t length = *view_size ? *view_size : size - *offset;
    if (*offset + length > size) {
        return STATUS_INVALID_VIEW_SIZE;
    }
    if (!MiIsProtectionCompatible(section->Protection, protection)) {
        return STATUS_SECTION_PROTECTION;
    }
    uint32_t pages = (uint32_t)((length + PAGE_MASK) >> PAGE_SHIFT);
    uint32_t start_vpn;
    if (*base) {
        if ((uint64_t)*base + ((uint64_t)pages << PAGE_SHIFT) - 1 > MI_HIGHEST_VAD_ADDRESS) {
            return STATUS_INVALID_PARAMETER_3;
        }
        start_vpn = *base >> PAGE_SHIFT;
        if (MiCheckForConflictingVad(&process->VadRoot, start_vpn, start_vpn + pages - 1)) {
            return STATUS_CONFLICTING_ADDRESSES;
        }
    } else {
        start_vpn = MiFindEmptyAddressRange(&process->VadRoot, pages,
                                            ALLOCATION_GRANULARITY >> PAGE_SHIFT,
                                            MI_LOWEST_USER_ADDRESS >> PAGE_SHIFT,
                                            MmZeroBitsLimit(zero_bits) >> PAGE_SHIFT,
                                            (allocation_type & MEM_TOP_DOWN) != 0);
        if (start_vpn == 0) {
            return STATUS_NO_MEMORY;
        }
    }
    /* A copy-on-write view may turn every page into a private one: NT
     * charges the whole view when it is mapped. */
    uint32_t access = protection & MM_PROTECT_ACCESS;
    uint32_t charge = access == MM_WRITECOPY || access == MM_EXECUTE_WRITECOPY ? pages : 0;
    MMVAD *vad;
    NTSTATUS status = MiAllocateChargedVad(process, start_vpn, start_vpn + pages - 1, VadMapped,
                                           protection, charge, &vad);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    vad->PrivateMemory = 0;
    /* A view of a file maps its file's segment, which every section
     * object of the file shares (filesect.c). */
    MMSECTION *backing = section->Segment ? section->Segment : section;
    vad->Section = backing;
    ExReferenceObject(&backing->Header); /* MiFreeVad drops it */
    vad->FirstPrototype = (uint32_t)(*offset >> PAGE_SHIFT);
    vad->ImageBase = start_vpn << PAGE_SHIFT;
    if (commit_size && section->AllocationAttributes == SEC_RESERVE) {
        uint32_t end = (start_vpn << PAGE_SHIFT) +
                       (commit_size > length ? (uint32_t)length : commit_size) - 1;
        status = MiCommitSectionPages(vad, start_vpn << PAGE_SHIFT, end | PAGE_MASK);
        if (status != STATUS_SUCCESS) {
            MiReturnCommitment(process, charge);
            MiFreeVad(vad);
            return status;
        }
    }
    MiInsertVad(&process->VadRoot, vad);
    backing->MappedViews++;
    if (MiViewWritesFile(vad)) {
        backing->WritableUserReferences++;
    }
    *base = start_vpn << PAGE_SHIFT;
    *view_size = pages << PAGE_SHIFT;
    return STATUS_SUCCESS;
}

uint32_t MiUnmapView(MMPROCESS *process, MMVAD *vad)
{
    MMSYSTEM *system = process->System;
    MMSECTION *section = vad->Section;
    uint32_t pages = 0;
    for (uint32_t vpn = vad->StartingVpn; vpn <= vad->EndingVpn; vpn++) {
        MMPTE *pte = MiGetPteAddress(process, vpn << PAGE_SHIFT, false);
        if (pte && *pte) {
            pages += MiDeletePte(process, pte, vpn << PAGE_SHIFT, 0);
        }
    }
    MiReturnCommitment(process, vad->CommitCharge);
    MiRemoveVad(&process->VadRoot, vad);
    section->MappedViews--;
    if (MiViewWritesFile(vad)) {
        section->WritableUserReferences--;
    }
    MiFreeVad(vad); /* drops the view's reference: the section may go now */
    MiFlushTlbIfNeeded(system);
    return pages;
}

NTSTATUS MmUnmapViewOfSection(MMPROCESS *process, uint32_t base)
{
    MMVAD *vad = MiLocateAddress(&process->VadRoot, base >> PAGE_SHIFT);
    if (!vad || (vad->VadType != VadMapped && vad->VadType != VadImageMap)) {
        return STATUS_NOT_MAPPED_VIEW;
    }
    if (vad->VadType == VadImageMap) {
        MiUnmapImage(process, vad);
    } else {
        MiUnmapView(process, vad);
    }
    return STATUS_SUCCESS;
}

EX_OBJECT *MmSectionObject(MMSECTION *section)
{
    return &section->Header;
}

MMSECTION *MmObjectSection(EX_OBJECT *object)
{
    return object && object->Type == ExObjectSection ? (MMSECTION *)object : NULL;
}
