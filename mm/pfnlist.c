/*
 * The PFN database: one MMPFN per guest-physical frame, each on exactly one
 * list (Zeroed, Free, Standby, Modified, ModifiedNoWrite, Bad) or in use
 * (ActiveAndValid). Lists are doubly linked through frame numbers, as NT's
 * are, so a frame can be unlinked from the middle of any list in O(1).
 */
#include "mm/mi.h"

#include <string.h>


void MiInsertPageInList(MMSYSTEM *system, MMLISTS list, uint32_t pfn)
{
    MMPFNLIST *l = &system->Lists[list];
    MMPFN *p = MiGetPfn(system, pfn);

    /* A frame is on one list at a time: it leaves one before joining another. */
    ASSERT(pfn < system->Frames && list < ActiveAndValid);
    ASSERT(p->Location == ActiveAndValid && p->Flink == MI_PFN_NONE && p->Blink == MI_PFN_NONE);
    p->Location = (uint8_t)list;
    p->Flink = MI_PFN_NONE;
    p->Blink = l->Blink;
    if (l->Blink != MI_PFN_NONE) {
        MiGetPfn(system, l->Blink)->Flink = pfn;
    } else {
        l->Flink = pfn;
    }
    l->Blink = pfn;
    l->Total++;
}

void MiUnlinkPageFromList(MMSYSTEM *system, uint32_t pfn)
{
    MMPFN *p = MiGetPfn(system, pfn);
    ASSERT(pfn < system->Frames && p->Location < ActiveAndValid);
    MMPFNLIST *l = &system->Lists[p->Location];
    ASSERT(l->Total > 0);

    if (p->Flink != MI_PFN_NONE) {
        MiGetPfn(system, p->Flink)->Blink = p->Blink;
    } else {
        l->Blink = p->Blink;
    }
    if (p->Blink != MI_PFN_NONE) {
        MiGetPfn(system, p->Blink)->Flink = p->Flink;
    } else {
        l->Flink = p->Flink;
    }
    l->Total--;
    p->Flink = p->Blink = MI_PFN_NONE;
    p->Location = ActiveAndValid;
}

static uint32_t RemoveHead(MMSYSTEM *system, MMLISTS list)
{
    uint32_t pfn = system->Lists[list].Flink;
    if (pfn != MI_PFN_NONE) {
        MiUnlinkPageFromList(system, pfn);
    } else if (list == ZeroedPageList && system->FreshFrame < system->Frames) {
        /* A frame never used since start: zero, and its MMPFN is too. */
        pfn = system->FreshFrame++;
        EmuBackFrame(system->Emu, pfn);
        MMPFN *p = MiGetPfn(system, pfn);
        p->Flink = p->Blink = MI_PFN_NONE;
        p->Location = ActiveAndValid;
        system->Lists[ZeroedPageList].Total--;
    }
    return pfn;
}

/*
 * The CPU keeps code it translated from a frame and does not notice the
 * host writing the frame: before the host writes into a frame the guest
 * may have run code from, that code must go (a bit test when it holds
 * none). Frames leaving the lists for a new use are handled in RemovePage.
 */
void MiPrepareFrameContents(MMSYSTEM *system, uint32_t pfn)
{
    EmuHostWriteFrame(system->Emu, pfn);
}

/*
 * A Standby page is reused (NT's MiRestoreTransitionPte): its PTE, which
 * points at the frame in transition, goes back to what the page was before
 * it was last made valid — its pagefile slot, or demand-zero if it never
 * had one (a page that was never written is zero). The page's data is
 * safe: Standby pages are clean.
 */
static uint32_t RepurposeStandbyPage(MMSYSTEM *system)
{
    uint32_t pfn = RemoveHead(system, StandbyPageList);
    if (pfn == MI_PFN_NONE) {
        return pfn;
    }
    MMPFN *p = MiGetPfn(system, pfn);
    MiWritePteAnywhere(p, MiPfnPteAddress(p), p->OriginalPte);
    MMSECTION *cached = p->Use == MiPfnSection && p->Section->Cached ? p->Section : NULL;
    system->Stats.PagesRepurposed++;
    MiLogEvent(system, PF_EVENT_REPURPOSE, p->Owner ? p->Owner->ProcessId : 0, 1, 0,
               p->Use == MiPfnSection ? "section-page" : NULL, true);
    p->Owner = NULL;
    p->Section = NULL;
    p->PteVa = 0;
    p->OriginalPte = 0;
    p->Modified = 0;
    p->Use = MiPfnUnused;
    if (cached) {
        MiCachedSegmentPageGone(cached); /* its last page takes the segment with it */
    }
    return pfn;
}

/*
 * Nothing is available: make some. First the writer's cluster in flight
 * completes (its pages go to Standby); then modified pages are written;
 * then every working set is trimmed, to its minimum and then to nothing
 * (the pages it gives up are written in turn). NT's threads do this in the
 * background and the faulting thread waits; here it happens in line.
 */
static bool MakePagesAvailable(MMSYSTEM *system, int attempt)
{
    switch (attempt) {
    case 0:
        MiCompleteModifiedWrite(system);
        return true;
    case 1:
        MiModifiedPageWriter(system, 0);
        MiCompleteModifiedWrite(system);
        return true;
    case 2:
    case 3:
        for (MMPROCESS *process = system->Processes; process; process = process->Next) {
            uint32_t keep = attempt == 2 ? process->Ws.Minimum : 0;
            if (process->Ws.Count > keep) {
                MiTrimWorkingSet(process, process->Ws.Count - keep,
                                 attempt == 2 ? "no-frames" : "no-frames-at-minimum");
            }
        }
        MiModifiedPageWriter(system, 0);
        MiCompleteModifiedWrite(system);
        return true;
    default:
        return false;
    }
}

/* A frame from Free, Zeroed or (repurposed) Standby, in the given order
 * of the first two; MI_PFN_NONE when memory is truly exhausted. */
static uint32_t RemovePage(MMSYSTEM *system, MMLISTS first, MMLISTS second, bool *zeroed)
{
    for (int attempt = 0;; attempt++) {
        uint32_t pfn = RemoveHead(system, first);
        *zeroed = first == ZeroedPageList;
        if (pfn == MI_PFN_NONE) {
            pfn = RemoveHead(system, second);
            *zeroed = second == ZeroedPageList;
        }
        if (pfn == MI_PFN_NONE) {
            *zeroed = false;
            pfn = RepurposeStandbyPage(system);
        }
        if (pfn != MI_PFN_NONE) {
            /* No PTE maps it now; whatever it held, code included, is
             * about to be replaced. */
            EmuReuseFrame(system->Emu, pfn);
            return pfn;
        }
        if (!MakePagesAvailable(system, attempt)) {
            return MI_PFN_NONE;
        }
    }
}

uint32_t MiRemoveAnyPage(MMSYSTEM *system)
{
    bool zeroed;
    return RemovePage(system, FreePageList, ZeroedPageList, &zeroed);
}

uint32_t MiRemoveZeroPage(MMSYSTEM *system)
{
    bool zeroed;
    uint32_t pfn = RemovePage(system, ZeroedPageList, FreePageList, &zeroed);
    if (pfn != MI_PFN_NONE && !zeroed) {
        MiPrepareFrameContents(system, pfn);
        memset(MiFrameAddress(system, pfn), 0, PAGE_SIZE);
        system->Stats.PagesZeroed++;
        MiLogEvent(system, PF_EVENT_ZERO, 0, 1, 0, "on-demand", true);
    }
    return pfn;
}

/* NT's zero page thread: free frames are zeroed ahead of need when the
 * system has nothing else to do. */
uint32_t MmZeroPageWork(MMSYSTEM *system, uint32_t pages)
{
    uint32_t done = 0;
    while (done < pages && system->Lists[FreePageList].Total > 0) {
        uint32_t pfn = RemoveHead(system, FreePageList);
        EmuReuseFrame(system->Emu, pfn);
        memset(MiFrameAddress(system, pfn), 0, PAGE_SIZE);
        MiInsertPageInList(system, ZeroedPageList, pfn);
        done++;
    }
    system->Stats.PagesZeroedIdle += done;
    MiLogEvent(system, PF_EVENT_ZERO, 0, done, 0, "idle", false);
    return done;
}

void MiReleaseFrame(MMSYSTEM *system, uint32_t pfn)
{
    MMPFN *p = MiGetPfn(system, pfn);
    p->Owner = NULL;
    p->Section = NULL;
    p->PteVa = 0;
    p->OriginalPte = 0;
    p->ShareCount = 0;
    p->ReferenceCount = 0;
    p->UsedEntries = 0;
    p->Modified = 0;
    p->WriteInProgress = 0;
    p->ReadInProgress = 0;
    p->DeletePending = 0;
    p->Use = MiPfnUnused;
    MiInsertPageInList(system, FreePageList, pfn);
}

uint32_t MiAvailablePages(MMSYSTEM *system)
{
    return system->Lists[ZeroedPageList].Total + system->Lists[FreePageList].Total +
           system->Lists[StandbyPageList].Total;
}

uint32_t MmAvailablePages(MMSYSTEM *system)
{
    return MiAvailablePages(system);
}

const MM_STATS *MmGetStats(MMSYSTEM *system)
{
    return &system->Stats;
}
