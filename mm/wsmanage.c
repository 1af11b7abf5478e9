/*
 * The working-set manager (NT's MmWorkingSetManager and MiTrimWorkingSet).
 *
 * Aging: one pass over a working set looks at each page's Accessed bit. A
 * page the CPU touched since the last pass has the bit set: it is cleared
 * (and the TLB flushed, so that the next touch sets it again) and the
 * page's age goes back to 0; an untouched page ages by one. Trimming takes
 * the oldest pages out: each valid PTE becomes a transition PTE and the
 * frame goes to the Standby list if it is clean, the Modified list if the
 * Dirty bit (or the PFN's Modified flag) says the pagefile copy is stale.
 *
 * When: after every page fault (MmAccessFault), a deterministic point
 * where NT's fault path decides to add or replace (MiDoReplacement) and
 * where NT's balance set manager, which wakes once a second, is run here.
 *
 * NT's rule (WRK wslist.c MiDoReplacement, wsmanage.c
 * MiComputeSystemTrimCriteria): a working set at a hard maximum
 * (QUOTA_LIMITS_HARDWS_MAX_ENABLE) replaces one of its pages for each new
 * one. A soft maximum, the default, does not stop growth while available
 * memory (Zeroed + Free + Standby) is plentiful; once it is at or below
 * MmPlentyFreePages the working-set manager trims, working sets over their
 * maximum first. Here: a process over a hard maximum, or over a soft one
 * while available memory is below PlentyAvailable, is trimmed back below
 * it by a batch (one pass pays for many faults); when memory is low every
 * process above its minimum is trimmed too, and the modified page writer
 * runs when the Modified list is long.
 */
#include "mm/mi.h"

#define MI_MAXIMUM_AGE 7

/* The page leaves the working set (the caller fixes the list). */
static void TrimFrame(MMPROCESS *process, MMPTE *pte, const MMWSLE *entry)
{
    MMSYSTEM *system = process->System;
    uint32_t pfn = entry->Pfn;
    MMPFN *p = MiGetPfn(system, pfn);
    if (p->Use == MiPfnSection) {
        /* This view lets go of the shared frame; the frame itself leaves
         * memory's active set only when no view maps it. */
        system->Stats.PagesTrimmed++;
        process->Ws.TrimmedPages++;
        MiReleaseSharedPage(process, pte, entry->Protection);
        return;
    }
    if (*pte & MM_PTE_DIRTY) {
        p->Modified = 1;
        MiCaptureWriteWatch(process, entry->Va, *pte);
    }
    MiWritePte(process, pte, MiMakeTransitionPte(pfn, MiPteProtection(p->OriginalPte)));
    p->ShareCount = 0;
    system->Stats.PagesTrimmed++;
    process->Ws.TrimmedPages++;
    if (p->Modified) {
        system->Stats.TrimmedToModified++;
    }
    if (p->WriteInProgress) {
        return; /* the write's completion puts it on a list */
    }
    MiInsertPageInList(system, p->Modified ? ModifiedPageList : StandbyPageList, pfn);
}

void MiTrimPage(MMPROCESS *process, MMPTE *pte, uint32_t pfn, uint32_t va)
{
    MMWSLE *found = MiFindWsle(process, pfn, va);
    /* Every valid page of a process has a working-set entry. */
    ASSERT(found);
    if (!found) {
        return;
    }
    MMWSLE entry = *found;
    MiRemoveWsleAt(process, (uint32_t)(found - process->Ws.Wsle));
    TrimFrame(process, pte, &entry);
}

/*
 * Ages every entry, then trims `pages` of them, oldest first; among pages
 * of the same age, in list order. The last entry (the page just faulted
 * in, which the faulting instruction is about to touch) is kept.
 */
uint32_t MiTrimWorkingSet(MMPROCESS *process, uint32_t pages, const char *reason)
{
    MMSYSTEM *system = process->System;
    MMWSL *ws = &process->Ws;
    uint32_t count_by_age[MI_MAXIMUM_AGE + 1] = {0};
    uint32_t unlocked = 0;
    system->Stats.WsManagerPasses++;
    for (uint32_t i = 0; i < ws->Count; i++) {
        MMWSLE *e = &ws->Wsle[i];
        MMPTE *pte = MiGetPteAddress(process, e->Va, false);
        if (*pte & MM_PTE_ACCESSED) {
            MiWritePte(process, pte, *pte & ~MM_PTE_ACCESSED);
            e->Age = 0;
        } else if (e->Age < MI_MAXIMUM_AGE) {
            e->Age++;
        }
        /* Locked pages (VirtualLock) are never trimmed, nor counted. */
        if (!e->Locked) {
            count_by_age[e->Age]++;
            unlocked++;
        }
    }
    if (ws->Count <= 1 || pages == 0) {
        return 0;
    }
    if (pages > ws->Count - 1) {
        pages = ws->Count - 1;
    }
    if (pages > unlocked) {
        pages = unlocked;
    }
    /* The youngest age that must be trimmed, and how many of that age. */
    int threshold = MI_MAXIMUM_AGE;
    uint32_t older = 0;
    while (older + count_by_age[threshold] < pages) {
        older += count_by_age[threshold--];
    }
    uint32_t at_threshold = pages - older;

    uint32_t kept = 0, trimmed = 0, shared = 0, last = ws->Count - 1;
    for (uint32_t i = 0; i < ws->Count; i++) {
        MMWSLE e = ws->Wsle[i];
        bool trim = !e.Locked && i != last && trimmed < pages &&
                    (e.Age > threshold || (e.Age == threshold && at_threshold > 0));
        if (trim) {
            if (e.Age == threshold) {
                at_threshold--;
            }
            shared += MiGetPfn(system, e.Pfn)->Use != MiPfnProcessPrivate;
            TrimFrame(process, MiGetPteAddress(process, e.Va, false), &e);
            trimmed++;
        } else {
            ws->Wsle[kept] = e;
            if (MiGetPfn(system, e.Pfn)->Use == MiPfnProcessPrivate) {
                MiGetPfn(system, e.Pfn)->WsIndex = kept;
            }
            kept++;
        }
    }
    ws->Count = kept;
    process->ResidentPages = kept;
    if (ws->SharedCount) {
        ws->SharedCount -= shared;
        MiRehashWsl(process); /* the shared entries moved */
    }
    MiLogEvent(process->System, PF_EVENT_TRIM, process->ProcessId, trimmed, 0, reason, false);
    return trimmed;
}

/* Back below the maximum by a batch: one pass pays for many faults. */
static void TrimToMaximum(MMPROCESS *process)
{
    MMWSL *ws = &process->Ws;
    uint32_t batch = ws->Maximum / 8 > 8 ? ws->Maximum / 8 : 8;
    uint32_t goal = ws->Maximum > batch ? ws->Maximum - batch : 1;
    MiTrimWorkingSet(process, ws->Count - goal, "over-maximum");
}

void MiWorkingSetManager(MMPROCESS *faulting)
{
    MMSYSTEM *system = faulting->System;
    MMWSL *ws = &faulting->Ws;
    bool plenty = MiAvailablePages(system) >= system->PlentyAvailable;
    if (ws->Count > ws->Maximum && (ws->Flags & QUOTA_LIMITS_HARDWS_MAX_ENABLE || !plenty)) {
        TrimToMaximum(faulting);
    }
    if (!plenty) {
        /* Memory is no longer plentiful: every process past a soft
         * maximum gives back what it has above it, before any process is
         * asked for pages it holds under its maximum. */
        for (MMPROCESS *p = system->Processes; p; p = p->Next) {
            if (p != faulting && p->Ws.Count > p->Ws.Maximum) {
                TrimToMaximum(p);
            }
        }
    }
    if (MiAvailablePages(system) < system->MinimumAvailable) {
        /* Memory is low: every process gives back what it has above its
         * minimum, in turn, until enough is available. */
        for (MMPROCESS *p = system->Processes; p; p = p->Next) {
            uint32_t available = MiAvailablePages(system) + system->Lists[ModifiedPageList].Total;
            if (available >= system->TrimTarget) {
                break;
            }
            if (p->Ws.Count > p->Ws.Minimum) {
                uint32_t want = system->TrimTarget - available;
                uint32_t above = p->Ws.Count - p->Ws.Minimum;
                MiTrimWorkingSet(p, want < above ? want : above, "low-memory");
            }
        }
    }
    uint32_t modified = system->Lists[ModifiedPageList].Total;
    bool low = MiAvailablePages(system) < system->MinimumAvailable;
    if (modified >= system->ModifiedMaximum || (low && modified > 0)) {
        MiModifiedPageWriter(system, low ? 0 : system->ModifiedTarget);
    }
}
