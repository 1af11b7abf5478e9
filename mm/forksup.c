/*
 * Cloning an address space (NT's forksup.c, for RtlCloneUserProcess).
 *
 * The child gets the parent's address space copy-on-write. Private pages
 * the parent has (resident, in transition or in the pagefile) move into a
 * clone block — a section of the fork's own, NT's fork prototype PTEs —
 * and both processes' PTEs point at it: a valid, read-only copy-on-write
 * PTE on the shared frame, or a prototype pointer. Whichever process
 * writes first gets a private copy (a copy-on-write fault); the other goes
 * on sharing the original until it writes too. The pages keep their
 * protection (a read/write page still says PAGE_READWRITE: the sharing is
 * invisible). Pages never touched stay demand-zero in both. Views of
 * sections are inherited shared, as NT's ViewShare views are; pages a
 * copy-on-write view had already copied are copied for the child at once.
 */
#include "mm/mi.h"

#include <stdlib.h>
#include <string.h>

/* Resident: the frame moves into the clone block, shared by both. */
static void ShareResidentPage(MMPROCESS *parent, MMPROCESS *child, MMPTE *ppte, MMPTE *cpte,
                              uint32_t va, MMSECTION *clone, uint32_t index)
{
    MMSYSTEM *system = parent->System;
    uint32_t pfn = MiPteFrame(*ppte);
    MMPFN *p = MiGetPfn(system, pfn);
    uint32_t protection = MiPteProtection(p->OriginalPte);
    if (*ppte & MM_PTE_DIRTY) {
        p->Modified = 1;
    }
    MiRemoveWsle(parent, pfn);
    MiSetPfnSectionOwner(p, clone, index);
    p->ShareCount = 0;
    clone->PrototypePte[index] = ((MMPTE)pfn << PAGE_SHIFT) | MM_PTE_VALID;
    MMPTE value = MiMakeMappedPte(system, pfn, protection);
    MMPROCESS *both[2] = {parent, child};
    MMPTE *ptes[2] = {ppte, cpte};
    for (int i = 0; i < 2; i++) {
        MiInsertSharedWsle(both[i], pfn, va, protection);
        p->ShareCount++;
        MiWritePte(both[i], ptes[i], value);
    }
}

/* Not resident (transition or pagefile): the prototype takes the PTE. */
static void ShareAbsentPage(MMPROCESS *parent, MMPROCESS *child, MMPTE *ppte, MMPTE *cpte,
                            MMSECTION *clone, uint32_t index)
{
    MMSYSTEM *system = parent->System;
    MMPTE value = *ppte;
    uint32_t protection = MiPteProtection(value);
    if (MiPteIsTransition(value)) {
        MMPFN *p = MiGetPfn(system, MiPteFrame(value));
        MiSetPfnSectionOwner(p, clone, index);
    }
    clone->PrototypePte[index] = value;
    MiWritePte(parent, ppte, MiMakePrototypePointerPte(protection));
    MiWritePte(child, cpte, MiMakePrototypePointerPte(protection));
}

/* A private page of a copy-on-write view (already copied): the child
 * gets its own copy now. */
static NTSTATUS CopyPrivatePage(MMPROCESS *parent, MMPROCESS *child, uint32_t va, MMPTE *cpte)
{
    MMSYSTEM *system = parent->System;
    uint8_t page[PAGE_SIZE];
    NTSTATUS status = MmCopyFromUser(parent, page, va, PAGE_SIZE);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    MMPTE *ppte = MiGetPteAddress(parent, va, false);
    uint32_t protection = MiValidPageProtection(parent, MiPteFrame(*ppte), va);
    uint32_t pfn = MiRemoveAnyPage(system);
    if (pfn == MI_PFN_NONE) {
        return STATUS_NO_MEMORY;
    }
    MiPrepareFrameContents(system, pfn);
    memcpy(MiFrameAddress(system, pfn), page, PAGE_SIZE);
    status = MiAddValidPage(child, cpte, va, pfn, MiMakeDemandZeroPte(protection));
    if (status != STATUS_SUCCESS) {
        MiReleaseFrame(system, pfn);
        return status;
    }
    MiGetPfn(system, pfn)->Modified = 1;
    return STATUS_SUCCESS;
}

/*
 * A page of a VAD that has a section behind it (a view, an image, memory
 * shared with an earlier clone): what is shared stays shared — the child
 * points at the same prototype — and what the parent has made its own is
 * copied for the child.
 */
static NTSTATUS InheritPage(MMPROCESS *parent, MMPROCESS *child, uint32_t va)
{
    MMSYSTEM *system = parent->System;
    MMPTE *ppte = MiGetPteAddress(parent, va, false);
    MMPTE *cpte = MiGetPteAddress(child, va, false);
    MMPTE value = ppte ? *ppte : 0;
    if (MiPteIsValid(value) && MiGetPfn(system, MiPteFrame(value))->Use == MiPfnSection) {
        uint32_t protection = MiValidPageProtection(parent, MiPteFrame(value), va);
        MiWritePte(child, cpte, MiMakePrototypePointerPte(protection));
    } else if (value & MM_PTE_PROTOTYPE) {
        MiWritePte(child, cpte, value);
    } else if (MiPteIsValid(value) || MiPteIsTransition(value) || MiPtePageFileHigh(value) != 0) {
        return CopyPrivatePage(parent, child, va, cpte);
    } else if (value) {
        MiWritePte(child, cpte, value); /* demand-zero, decommitted, a guard */
    }
    return STATUS_SUCCESS;
}

static NTSTATUS CloneVad(MMPROCESS *parent, MMPROCESS *child, MMVAD *vad)
{
    MMSYSTEM *system = parent->System;
    uint32_t pages = vad->EndingVpn - vad->StartingVpn + 1;
    MMVAD *copy;
    NTSTATUS status =
        MiAllocateChargedVad(child, vad->StartingVpn, vad->EndingVpn, (MI_VAD_TYPE)vad->VadType,
                             vad->Protection, vad->CommitCharge, &copy);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (!MiMakePageTablesExist(child, vad->StartingVpn << PAGE_SHIFT,
                               (vad->EndingVpn << PAGE_SHIFT) | PAGE_MASK)) {
        MiReturnCommitment(child, vad->CommitCharge);
        free(copy);
        return STATUS_NO_MEMORY;
    }
    copy->PrivateMemory = vad->PrivateMemory;
    copy->MemCommit = vad->MemCommit;
    copy->NoChange = vad->NoChange;
    copy->ImageBase = vad->ImageBase;
    MiInsertVad(&child->VadRoot, copy);

    if (vad->Section) {
        /* A view (inherited shared, as NT's ViewShare views are), an image,
         * or memory forked before: the same section, its pages shared. */
        copy->Section = vad->Section;
        copy->FirstPrototype = vad->FirstPrototype;
        ExReferenceObject(&vad->Section->Header);
        if (vad->VadType == VadMapped || vad->VadType == VadImageMap) {
            vad->Section->MappedViews++;
        }
        if (MiViewWritesFile(vad)) {
            vad->Section->WritableUserReferences++;
        }
        for (uint32_t i = 0; i < pages; i++) {
            status = InheritPage(parent, child, (vad->StartingVpn + i) << PAGE_SHIFT);
            if (status != STATUS_SUCCESS) {
                return status;
            }
        }
        return STATUS_SUCCESS;
    }

    /* Private memory: a clone block. */
    MMSECTION *clone = MiCreateCloneSection(system, pages);
    if (!clone) {
        return STATUS_NO_MEMORY;
    }
    MiRecordSection(clone, NULL);
    vad->Section = clone;
    vad->FirstPrototype = 0;
    copy->Section = clone;
    ExReferenceObject(&clone->Header);
    ExReferenceObject(&clone->Header);
    for (uint32_t i = 0; i < pages; i++) {
        uint32_t va = (vad->StartingVpn + i) << PAGE_SHIFT;
        MMPTE *ppte = MiGetPteAddress(parent, va, false);
        MMPTE *cpte = MiGetPteAddress(child, va, false);
        MMPTE value = ppte ? *ppte : 0;
        if (MiPteIsValid(value)) {
            if (MiGetPfn(system, MiPteFrame(value))->Use == MiPfnProcessPrivate) {
                ShareResidentPage(parent, child, ppte, cpte, va, clone, i);
            }
        } else if (MiPteIsTransition(value) || MiPtePageFileHigh(value) != 0) {
            ShareAbsentPage(parent, child, ppte, cpte, clone, i);
        } else if (value) {
            MiWritePte(child, cpte, value); /* demand-zero, decommitted, a guard */
        }
    }
    return STATUS_SUCCESS;
}

NTSTATUS MmCloneProcessAddressSpace(MMPROCESS *parent, MMPROCESS **out)
{
    /* Reads in flight complete first: the clone copies settled PTEs. */
    MiCompleteAllInPage(parent->System);
    MMSYSTEM *system = parent->System;
    MMPROCESS *child;
    NTSTATUS status = MmCreateProcessAddressSpace(system, &child);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    child->Ws.Minimum = parent->Ws.Minimum;
    child->Ws.Maximum = parent->Ws.Maximum;
    child->TebVa = parent->TebVa;
    child->ExecuteEnable = parent->ExecuteEnable;
    for (MMVAD *vad = MiGetFirstVad(&parent->VadRoot); vad && status == STATUS_SUCCESS;
         vad = MiGetNextVad(vad)) {
        if (vad->VadType == VadSharedUserData) {
            status = MmMapSharedUserData(child);
        } else {
            status = CloneVad(parent, child, vad);
        }
    }
    MiFlushTlbIfNeeded(system);
    if (status != STATUS_SUCCESS) {
        MmDeleteProcessAddressSpace(child);
        return status;
    }
    *out = child;
    return STATUS_SUCCESS;
}
