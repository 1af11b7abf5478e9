/*
 * Sections backed by the paging file (NT's creasect.c, and the prototype
 * PTE half of pagfault.c).
 *
 * A section's pages are described by prototype PTEs (mi.h). Every view's
 * fault on a page goes through the prototype: the first makes the page
 * resident and the prototype valid; the others share that frame, counted
 * in the PFN's ShareCount. When no view maps the frame any more (every
 * process trimmed or unmapped it), the prototype PTE becomes a transition
 * PTE and the frame goes to Standby or Modified like any page, is written
 * to the pagefile by the modified page writer — the slot recorded in the
 * prototype — and its frame repurposed: the prototype then holds the slot.
 */
#include "mm/mi.h"

#include <stdlib.h>
#include <string.h>

MMPTE *MiPfnPteAddress(MMPFN *p)
{
    if (p->Use == MiPfnSection) {
        return &p->Section->PrototypePte[p->PteVa >> PAGE_SHIFT];
    }
    return MiGetPteAddress(p->Owner, p->PteVa, false);
}

void MiWritePteAnywhere(MMPFN *p, MMPTE *pte, MMPTE value)
{
    if (p->Use == MiPfnSection) {
        *pte = value; /* a prototype PTE is host memory: the CPU never sees it */
    } else {
        MiWritePte(p->Owner, pte, value);
    }
}

static void DeleteSection(EX_OBJECT *object);

MMPTE MiMakeMappedPte(MMSYSTEM *system, uint32_t pfn, uint32_t protection)
{
    MMPTE pte = MiMakeValidPte(pfn, protection);
    MMPFN *p = MiGetPfn(system, pfn);
    if (p->Use == MiPfnSection && p->Section->Fork && (pte & MM_PTE_WRITE)) {
        pte = (pte & ~(MM_PTE_WRITE | MM_PTE_SW_WRITE)) | MM_PTE_COPY_ON_WRITE;
    }
    return pte;
}

/* The object header every section starts with (the type, its first
 * references, what its last dereference runs), its machine and its id. */
void MiInitializeSectionObject(MMSECTION *section, MMSYSTEM *system, uint32_t references,
                               void (*close)(EX_OBJECT *object), uint32_t id)
{
    section->Header.Type = ExObjectSection;
    section->Header.References = references;
    section->Header.Close = close;
    section->System = system;
    section->Id = id;
}

MMSECTION *MiCreateCloneSection(MMSYSTEM *system, uint32_t pages)
{
    MMSECTION *section = calloc(1, sizeof *section);
    MMPTE *protos = calloc(pages ? pages : 1, sizeof *protos);
    if (!section || !protos) {
        free(section);
        free(protos);
        return NULL;
    }
    /* each VAD that uses it holds one reference */
    MiInitializeSectionObject(section, system, 0, DeleteSection, system->NextSectionId++);
    section->Pages = pages;
    section->Size = (uint64_t)pages << PAGE_SHIFT;
    section->Protection = MM_EXECUTE_READWRITE;
    section->AllocationAttributes = SEC_COMMIT;
    section->Fork = 1;
    section->PrototypePte = protos;
    return section;
}

MMPTE *MiViewPrototype(MMVAD *vad, uint32_t va)
{
    uint32_t index = vad->FirstPrototype + ((va >> PAGE_SHIFT) - vad->StartingVpn);
    return &vad->Section->PrototypePte[index];
}

/* ------------------------------------------------- creation and deletion */

static void DeleteSection(EX_OBJECT *object)
{
    MMSECTION *section = (MMSECTION *)object;
    MMSYSTEM *system = section->System;
    for (uint32_t i = 0; i < section->Pages; i++) {
        MMPTE proto = section->PrototypePte[i];
        if (MiPteIsTransition(proto)) {
            /* No view maps it: the frame is on Standby/Modified or being written. */
            uint32_t pfn = MiPteFrame(proto);
            MMPFN *p = MiGetPfn(system, pfn);
            MiReleasePageFileSlot(system, &p->OriginalPte);
            p->Section = NULL;
            if (p->WriteInProgress || p->ReadInProgress) {
                p->DeletePending = 1;
            } else {
                MiUnlinkPageFromList(system, pfn);
                MiReleaseFrame(system, pfn);
            }
        } else if (!MiPteIsValid(proto)) {
            MiReleasePageFileSlot(system, &proto);
        }
    }
    system->CommittedPages -= section->CommittedPages;
    free(section->ImageProtection);
    free(section->PrototypePte);
    free(section);
}

/* Refused as Windows refuses them, for a file's data section as for the
 * paging file's: NOACCESS, GUARD, NOCACHE and WRITECOMBINE, and
 * PAGE_EXECUTE (Wine's kernel32 virtual.c test_mapping and
 * test_CreateFileMapping_protection). */
bool MmIsSectionProtectionValid(uint32_t protect)
{
    uint32_t protection = MiMakeProtectionMask(protect);
    return protection != MM_INVALID_PROTECTION && !(protection & MM_PROTECT_SPECIAL) &&
           (protection & MM_PROTECT_ACCESS) != MM_ZERO_ACCESS &&
           (protection & MM_PROTECT_ACCESS) != MM_EXECUTE;
}

NTSTATUS MmCreateSection(MMSYSTEM *system, uint64_t size, uint32_t protect,
                         uint32_t attributes, MMSECTION **out)
{
    if (!MmIsSectionProtectionValid(protect)) {
        return STATUS_INVALID_PAGE_PROTECTION;
    }
    uint32_t protection = MiMakeProtectionMask(protect);
    if (attributes != SEC_COMMIT && attributes != SEC_RESERVE) {
        return STATUS_INVALID_PARAMETER_6; /* SEC_IMAGE, SEC_LARGE_PAGES…: not here */
    }
    if (size == 0) {
        return STATUS_INVALID_PARAMETER_4; /* a pagefile-backed section needs a size */
    }
    if (size > MI_SYSTEM_RANGE_START) {
        return STATUS_SECTION_TOO_BIG;
    }
    uint32_t pages = (uint32_t)((size + PAGE_MASK) >> PAGE_SHIFT);
    uint32_t charge = attributes == SEC_COMMIT ? pages : 0;
    if (!MiChargeSystemCommitment(system, charge)) {
        return STATUS_COMMITMENT_LIMIT;
    }
    MMSECTION *section = calloc(1, sizeof *section);
    MMPTE *protos = calloc(pages, sizeof *protos);
    if (!section || !protos) {
        free(section);
        free(protos);
        system->CommittedPages -= charge;
        return STATUS_NO_MEMORY;
    }
    /* SEC_COMMIT: every page demand-zero now; SEC_RESERVE: none until a
     * view commits them with VirtualAlloc. */
    for (uint32_t i = 0; i < pages && charge; i++) {
        protos[i] = MiMakeDemandZeroPte(protection);
    }
    MiInitializeSectionObject(section, system, 1, DeleteSection, system->NextSectionId++);
    section->Pages = pages;
    section->Size = size;
    section->Protection = protection;
    section->AllocationAttributes = attributes;
    section->CommittedPages = charge;
    section->PrototypePte = protos;
    *out = section;
    return STATUS_SUCCESS;
}

void MmQuerySectionBasic(MMSECTION *section, uint32_t *attributes, uint64_t *size)
{
    if (section->Image) {
        *attributes = SEC_FILE | SEC_IMAGE;
        *size = (uint64_t)section->Pages << PAGE_SHIFT;
    } else if (section->Segment) {
        *attributes = SEC_FILE;
        *size = section->Size;
    } else {
        *attributes = section->AllocationAttributes;
        *size = (uint64_t)section->Pages << PAGE_SHIFT;
    }
}

bool MmIsImageSection(MMSECTION *section)
{
    return section->Image != 0;
}

/* SEC_RESERVE: MEM_COMMIT in a view commits the section's pages. */
NTSTATUS MiCommitSectionPages(MMVAD *vad, uint32_t start, uint32_t end)
{
    MMSECTION *section = vad->Section;
    MMSYSTEM *system = section->System;
    uint32_t fresh = 0;
    for (uint64_t va = start; va <= end; va += PAGE_SIZE) {
        fresh += *MiViewPrototype(vad, (uint32_t)va) == 0;
    }
    if (!MiChargeSystemCommitment(system, fresh)) {
        return STATUS_COMMITMENT_LIMIT;
    }
    for (uint64_t va = start; va <= end; va += PAGE_SIZE) {
        MMPTE *proto = MiViewPrototype(vad, (uint32_t)va);
        if (*proto == 0) {
            *proto = MiMakeDemandZeroPte(section->Protection);
        }
    }
    section->CommittedPages += fresh;
    return STATUS_SUCCESS;
}

/* ------------------------------------------------------------ faults */

/* A copy of the shared page for this process, which stops sharing it. */
static NTSTATUS CopyPage(MMPROCESS *process, MMPTE *pte, uint32_t va, uint32_t shared,
                         uint32_t protection, MM_FAULT_INFO *info)
{
    MMSYSTEM *system = process->System;
    uint32_t pfn = MiRemoveAnyPage(system);
    if (pfn == MI_PFN_NONE) {
        return STATUS_NO_MEMORY;
    }
    MiPrepareFrameContents(system, pfn);
    memcpy(MiFrameAddress(system, pfn), MiFrameAddress(system, shared), PAGE_SIZE);
    /* The copy is this process's own read/write page: Windows reports it
     * as PAGE_READWRITE from now on. */
    uint32_t now = MiWithCopyOnWrite(protection, false);
    NTSTATUS status = MiAddValidPage(process, pte, va, pfn, MiMakeDemandZeroPte(now));
    if (status != STATUS_SUCCESS) {
        MiReleaseFrame(system, pfn);
        return status;
    }
    MiGetPfn(system, pfn)->Modified = 1; /* its only copy is this frame */
    info->Kind = MmFaultCopyOnWrite;
    info->Pfn = pfn;
    return STATUS_SUCCESS;
}

/* The frame behind a prototype PTE becomes resident and valid in it. */
static NTSTATUS MakePrototypeValid(MMPROCESS *process, MMSECTION *section, MMPTE *proto,
                                   uint32_t index, uint32_t va, MM_FAULT_INFO *info)
{
    MMSYSTEM *system = section->System;
    MMPTE value = *proto;
    if (MiPteIsValid(value)) {
        return STATUS_SUCCESS;
    }
    if (MiPteIsTransition(value) && MiGetPfn(system, MiPteFrame(value))->ReadInProgress) {
        /* Being read for another fault: wait for that read (a collided
         * fault), or, if this thread cannot wait, it completes now. */
        NTSTATUS status = MiResolveCollidedFault(process, proto, va, info);
        if (status != STATUS_SUCCESS) {
            return status;
        }
        value = *proto; /* read: the page is on Standby */
    }
    uint32_t pfn;
    if (MiPteIsTransition(value)) {
        pfn = MiPteFrame(value);
        MMPFN *p = MiGetPfn(system, pfn);
        if (!p->WriteInProgress) {
            MiUnlinkPageFromList(system, pfn);
        }
        p->Location = ActiveAndValid;
        if (info->Kind != MmFaultCollided) {
            info->Kind = MmFaultTransition;
        }
        info->Slot = MiPtePageFileHigh(p->OriginalPte);
    } else if (MiIsFilePte(value)) {
        /* A mapped file's page: read from its file, never the pagefile —
         * the thread waiting for the read off the CPU when it can. */
        info->Kind = MmFaultHardFile;
        if (info->CanWait && info->IoCompletionTime) {
            return MiIssueSectionPageRead(process, section, index, va, info);
        }
        NTSTATUS status = MiReadSectionPage(section, index, va, &pfn, info);
        if (status != STATUS_SUCCESS) {
            return status;
        }
    } else if (MiPtePageFileHigh(value) != 0) {
        uint32_t slot = MiPtePageFileHigh(value);
        info->Kind = MmFaultHard;
        info->Slot = slot;
        NTSTATUS status = MiReadPageFromPageFile(system, slot, 0, &pfn, info);
        if (status != STATUS_SUCCESS) {
            return status;
        }
        MMPFN *p = MiGetPfn(system, pfn);
        p->OriginalPte = value;
        p->Modified = 0;
    } else {
        info->Kind = MmFaultDemandZero;
        pfn = MiRemoveZeroPage(system);
        if (pfn == MI_PFN_NONE) {
            return STATUS_NO_MEMORY;
        }
        MMPFN *p = MiGetPfn(system, pfn);
        p->OriginalPte = value;
        /* No copy anywhere else: a zero page must be kept — except an
         * image's (.bss past the raw data), which every view writes only
         * through copy-on-write: its frame stays zero, and is made again. */
        p->Modified = !section->Image || MiIsImagePageShared(section, index);
    }
    MMPFN *p = MiGetPfn(system, pfn);
    MiSetPfnSectionOwner(p, section, index);
    p->ShareCount = 0;
    p->Location = ActiveAndValid;
    *proto = ((MMPTE)pfn << PAGE_SHIFT) | MM_PTE_VALID;
    return STATUS_SUCCESS;
}

/* With no view mapping it, a shared frame goes where a trimmed page goes. */
void MiReleaseSharedFrame(MMSYSTEM *system, uint32_t pfn)
{
    MMPFN *p = MiGetPfn(system, pfn);
    if (p->ShareCount > 0) {
        return;
    }
    MMPTE *proto = MiPfnPteAddress(p);
    *proto = MiMakeTransitionPte(pfn, MiPteProtection(p->OriginalPte));
    if (!p->WriteInProgress) {
        MiInsertPageInList(system, p->Modified ? ModifiedPageList : StandbyPageList, pfn);
    }
}

NTSTATUS MiResolveProtoPteFault(MMPROCESS *process, MMVAD *vad, MMPTE *pte, uint32_t va,
                                uint32_t protection, uint32_t access, MM_FAULT_INFO *info)
{
    MMSYSTEM *system = process->System;
    MMSECTION *section = vad->Section;
    MMPTE *proto = MiViewPrototype(vad, va);
    uint32_t index = (uint32_t)(proto - section->PrototypePte);
    NTSTATUS status = MakePrototypeValid(process, section, proto, index, va, info);
    if (status == STATUS_PENDING && info->Kind == MmFaultHardFile && !section->Image) {
        MiFileReadAhead(section, index);
    }
    if (status != STATUS_SUCCESS) {
        return status; /* STATUS_PENDING: the instruction runs again after the read */
    }
    if (info->Kind == MmFaultHardFile && !section->Image) {
        MiFileReadAhead(section, index);
    }
    uint32_t shared = MiPteFrame(*proto);
    if (info->Kind == MmFaultAccessViolation) {
        info->Kind = MmFaultSharedPage; /* already resident for another view */
    }
    uint32_t base = protection & MM_PROTECT_ACCESS;
    bool copy = base == MM_WRITECOPY || base == MM_EXECUTE_WRITECOPY || section->Fork;
    if (copy && access == EXCEPTION_WRITE_FAULT) {
        /* The first touch of a copy-on-write view is a write: the process
         * gets its copy at once, and the shared frame stays as it was. */
        status = CopyPage(process, pte, va, shared, protection, info);
        MiReleaseSharedFrame(system, shared);
        return status;
    }
    if (!MiInsertSharedWsle(process, shared, va, protection)) {
        MiReleaseSharedFrame(system, shared);
        return STATUS_NO_MEMORY;
    }
    MiGetPfn(system, shared)->ShareCount++;
    MiWritePte(process, pte, MiMakeMappedPte(system, shared, protection));
    info->Pfn = shared;
    return STATUS_SUCCESS;
}

NTSTATUS MiCopyOnWrite(MMPROCESS *process, MMPTE *pte, uint32_t va, uint32_t protection,
                       MM_FAULT_INFO *info)
{
    MMSYSTEM *system = process->System;
    uint32_t shared = MiPteFrame(*pte);
    MMWSLE *entry = MiFindWsle(process, shared, va);
    if (entry) {
        MiRemoveWsleAt(process, (uint32_t)(entry - process->Ws.Wsle));
    }
    MMPFN *p = MiGetPfn(system, shared);
    if (*pte & MM_PTE_DIRTY) {
        p->Modified = 1;
    }
    p->ShareCount--;
    MiWritePte(process, pte, MiMakePrototypePointerPte(protection));
    NTSTATUS status = CopyPage(process, pte, va, shared, protection, info);
    MiReleaseSharedFrame(system, shared);
    return status;
}

void MiReleaseSharedPage(MMPROCESS *process, MMPTE *pte, uint32_t protection)
{
    MMSYSTEM *system = process->System;
    uint32_t pfn = MiPteFrame(*pte);
    MMPFN *p = MiGetPfn(system, pfn);
    if (*pte & MM_PTE_DIRTY) {
        p->Modified = 1;
    }
    MiWritePte(process, pte, MiMakePrototypePointerPte(protection));
    p->ShareCount--;
    MiReleaseSharedFrame(system, pfn);
}
