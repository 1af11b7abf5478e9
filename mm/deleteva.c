/*
 * Deleting what a PTE describes (NT's MiDeletePte / MiDeleteVirtualAddresses):
 * a valid page leaves its working set and its frame is freed; a page in
 * transition is taken off the Standby or Modified list and freed; a
 * pagefile PTE gives its slot back. A frame whose write (or in-page read)
 * is still in flight is freed when the I/O completes (modwrite.c,
 * inpage.c), as NT marks the PFN and lets the completion free it.
 */
#include "mm/mi.h"

bool MiReleasePageFileSlot(MMSYSTEM *system, MMPTE *original)
{
    uint32_t slot = MiPtePageFileHigh(*original);
    if (slot == 0 || (*original & (MM_PTE_TRANSITION | MM_PTE_PROTOTYPE))) {
        return false;
    }
    if (system->PageFile) {
        PfFreeSlot(system->PageFile, slot);
    }
    *original = MiMakeDemandZeroPte(MiPteProtection(*original));
    return true;
}

/* The frame of a page that is going away: free now, or when its write ends. */
static void FreeFrame(MMSYSTEM *system, uint32_t pfn)
{
    MMPFN *p = MiGetPfn(system, pfn);
    MiReleasePageFileSlot(system, &p->OriginalPte);
    p->Owner = NULL;
    p->ShareCount = 0;
    if (p->WriteInProgress || p->ReadInProgress) {
        p->DeletePending = 1;
        return;
    }
    if (p->Location != ActiveAndValid) {
        MiUnlinkPageFromList(system, pfn);
    }
    MiReleaseFrame(system, pfn);
}

bool MiDeletePte(MMPROCESS *process, MMPTE *pte, uint32_t va, MMPTE replacement)
{
    MMSYSTEM *system = process->System;
    MMPTE value = *pte;
    bool resident = false;
    if (MiPteIsValid(value)) {
        uint32_t pfn = MiPteFrame(value);
        MMPFN *p = MiGetPfn(system, pfn);
        /* System frames (KUSER_SHARED_DATA) are shared: never freed here. */
        if (p->Use == MiPfnProcessPrivate) {
            MiCaptureWriteWatch(process, va, value);
            MiRemoveWsle(process, pfn);
            FreeFrame(system, pfn);
            resident = true;
        } else if (p->Use == MiPfnSection) {
            /* A view's page: this process stops sharing the frame. */
            MMWSLE *entry = MiFindWsle(process, pfn, va);
            if (entry) {
                MiRemoveWsleAt(process, (uint32_t)(entry - process->Ws.Wsle));
            }
            if (value & MM_PTE_DIRTY) {
                p->Modified = 1;
            }
            p->ShareCount--;
            MiWritePte(process, pte, replacement);
            MiReleaseSharedFrame(system, pfn);
            return true;
        }
    } else if (MiPteIsTransition(value)) {
        FreeFrame(system, MiPteFrame(value));
    } else if (!(value & MM_PTE_PROTOTYPE)) {
        MiReleasePageFileSlot(system, &value);
    }
    MiWritePte(process, pte, replacement);
    return resident;
}
