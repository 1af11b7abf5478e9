/*
 * Page tables. A process's CR3 points at its PDPT (PAE: four entries, one
 * per GiB). The two user page directories belong to the process; the two
 * kernel ones are shared by every process, so the kernel half of every
 * address space is the same. Page tables are frames from the PFN database,
 * allocated when the first PTE in their 2 MiB is needed.
 *
 * mm reaches PTEs through the host's view of guest-physical RAM (NT uses
 * its self-map at 0xC0000000 instead; the walk below is what the CPU does).
 */
#include "mm/mi.h"

static MMPTE *TableEntry(MMSYSTEM *system, uint32_t table_pfn, uint32_t index)
{
    return (MMPTE *)MiFrameAddress(system, table_pfn) + index;
}

/* A zeroed frame for a page table or directory, charged to nobody. */
uint32_t MiAllocatePageTablePage(MMSYSTEM *system, MI_PFN_USE use)
{
    uint32_t pfn = MiRemoveZeroPage(system);
    if (pfn != MI_PFN_NONE) {
        MMPFN *p = MiGetPfn(system, pfn);
        p->Use = (uint8_t)use;
        p->ShareCount = 1;
        p->UsedEntries = 0;
    }
    return pfn;
}

MMPTE *MiGetPteAddress(MMPROCESS *process, uint32_t va, bool create)
{
    MMSYSTEM *system = process->System;
    uint32_t pdpt_index = va >> 30;
    if (pdpt_index >= 2) {
        return NULL; /* kernel space has no per-process PTEs */
    }
    MMPTE *pde = TableEntry(system, process->UserPd[pdpt_index], (va >> 21) & 511);
    if (!(*pde & MM_PTE_VALID)) {
        if (!create) {
            return NULL;
        }
        uint32_t pt = MiAllocatePageTablePage(system, MiPfnPageTable);
        if (pt == MI_PFN_NONE) {
            return NULL;
        }
        /* Access is decided by the PTE; the PDE allows everything. */
        *pde = ((MMPTE)pt << PAGE_SHIFT) | MM_PTE_VALID | MM_PTE_WRITE | MM_PTE_OWNER;
    }
    return TableEntry(system, MiPteFrame(*pde), (va >> 12) & 511);
}

void MiWritePte(MMPROCESS *process, MMPTE *pte, MMPTE value)
{
    MMSYSTEM *system = process->System;
    MMPTE old = *pte;
    /* The PTE is in a page table in guest RAM, and a valid one names a frame of RAM. */
    ASSERT((uint8_t *)pte >= system->Ram &&
           (uint8_t *)pte < system->Ram + (size_t)system->Frames * PAGE_SIZE);
    ASSERT(!MiPteIsValid(value) || MiPteFrame(value) < system->Frames);
    uint32_t table = (uint32_t)(((uint8_t *)pte - system->Ram) / PAGE_SIZE);
    MMPFN *pt = MiGetPfn(system, table);

    if (old == 0 && value != 0) {
        pt->UsedEntries++;
    } else if (old != 0 && value == 0) {
        pt->UsedEntries--;
    }
    if (MiPteIsValid(value) && (value & MM_PTE_OWNER) && (value & MM_PTE_WRITE)) {
        /* The guest can store into this frame: code translated from it is
         * checked before it runs (emu/codecache.c says why). */
        EmuNoteWritableFrame(system->Emu, MiPteFrame(value));
    }
    /* A translation the CPU may have cached is changing: flush before the
     * guest runs again (batched: one flush per fault or service). */
    if (MiPteIsValid(old) && old != value) {
        system->TlbFlushPending = true;
    }
    *pte = value;
}

void MiFlushTlbIfNeeded(MMSYSTEM *system)
{
    if (system->TlbFlushPending) {
        system->TlbFlushPending = false;
        EmuFlushTlb(system->Emu);
    }
}

void MmFlushTlbIfNeeded(MMSYSTEM *system)
{
    MiFlushTlbIfNeeded(system);
}
