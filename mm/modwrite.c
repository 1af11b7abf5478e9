/*
 * The modified page writer (NT's MiModifiedPageWriter and MiWriteComplete).
 *
 * Modified pages hold the only copy of their data, so they cannot be
 * reused until they are written. The writer takes up to MI_CLUSTER_PAGES
 * from the head of the Modified list (the longest-modified first), gives
 * each a pagefile slot (the one it already has, or a new one), records the
 * slot in the PFN's OriginalPte, and writes the cluster as one pagefile
 * transaction. (A mapped file's pages are not its to write: the mapped
 * page writer sends them to their files first, mapwrite.c.)
 *
 * As in NT, the write is in flight until it completes, and the guest may
 * run in between: the pages are on no list, their PTEs are still
 * transition PTEs, and a fault on one takes it back (a transition fault).
 * The PFN's Modified flag is cleared when the write starts; if the page is
 * dirtied and trimmed again before completion the flag is set again, and
 * completion sends the page back to the Modified list instead of Standby:
 * the copy just written is already stale. Here the cluster completes when
 * the writer next runs, when a frame is needed and none is available, or,
 * with --io-latency, when its guest time has come (inpage.c's
 * MmCompleteIo). A page written again meanwhile is logged as an event
 * (redirtied), and the write fault that took it back as a fault of kind
 * redirtied.
 */
#include "mm/mi.h"

#include <stdio.h>

/* The copy just written is stale: the page was written again while its
 * write was in flight (a thread took it back and stored to it). */
static void NoteRedirtied(MMSYSTEM *system, MMPFN *p, const char *how)
{
    system->Stats.RedirtiedInFlight++;
    char reason[48];
    snprintf(reason, sizeof reason, "%s 0x%08x", how, p->PteVa);
    MiLogEvent(system, PF_EVENT_REDIRTIED, p->Owner ? p->Owner->ProcessId : 0, 1,
               MiPtePageFileHigh(p->OriginalPte), reason, false);
}

/* One page of the cluster in flight is done. */
static void CompletePage(MMSYSTEM *system, uint32_t pfn, bool written)
{
    MMPFN *p = MiGetPfn(system, pfn);
    p->WriteInProgress = 0;
    if (p->ReferenceCount) {
        p->ReferenceCount--;
    }
    if (p->DeletePending) {
        MiReleaseFrame(system, pfn); /* its PTE went away during the write */
        return;
    }
    if (!written) {
        p->Modified = 1;     /* still the only copy: it stays modified */
    }
    if (p->ShareCount) {
        /* Faulted back in during the write: still valid. Written to
         * since, its Dirty bit sends it to the Modified list when it is
         * trimmed. */
        MMPTE *pte = p->Use == MiPfnProcessPrivate ? MiGetPteAddress(p->Owner, p->PteVa, false)
                                                   : NULL;
        if (written && pte && MiPteIsValid(*pte) && (*pte & MM_PTE_DIRTY)) {
            NoteRedirtied(system, p, "written-while-valid");
        }
        return;
    }
    if (p->Modified && written) {
        NoteRedirtied(system, p, "trimmed-again");
    }
    MiInsertPageInList(system, p->Modified ? ModifiedPageList : StandbyPageList, pfn);
}

void MiCompleteModifiedWrite(MMSYSTEM *system)
{
    for (uint32_t i = 0; i < system->ClusterCount; i++) {
        CompletePage(system, system->Cluster[i], system->ClusterWritten[i]);
    }
    system->ClusterCount = 0;
}

/*
 * The pagefile is full, but resident pages may hold slots they do not
 * need yet: a page read back from the pagefile keeps its slot so that it
 * can be trimmed clean. Their slots are freed and the pages marked
 * modified (they will be written again when trimmed), as NT releases
 * pagefile space when it runs short. (Standby pages keep theirs: moving
 * them to the Modified list would free a slot only to take one again.)
 */
static uint32_t ReclaimSlots(MMSYSTEM *system, uint32_t wanted)
{
    uint32_t freed = 0;
    for (MMPROCESS *process = system->Processes; process && freed < wanted;
         process = process->Next) {
        for (uint32_t i = 0; i < process->Ws.Count && freed < wanted; i++) {
            MMPFN *p = MiGetPfn(system, process->Ws.Wsle[i].Pfn);
            if (!p->WriteInProgress && MiReleasePageFileSlot(system, &p->OriginalPte)) {
                p->Modified = 1;
                freed++;
            }
        }
    }
    system->Stats.SlotsReclaimed += freed;
    return freed;
}

/* A slot for the page: the one it had (the old copy is stale and is
 * overwritten), or the lowest free one. 0 if the pagefile is full. */
static uint32_t SlotFor(MMSYSTEM *system, MMPFN *p)
{
    uint32_t slot = MiPtePageFileHigh(p->OriginalPte);
    if (slot == 0) {
        slot = PfAllocateSlot(system->PageFile);
        if (slot == 0 && ReclaimSlots(system, MI_CLUSTER_PAGES * 4) > 0) {
            slot = PfAllocateSlot(system->PageFile);
        }
        if (slot != 0) {
            p->OriginalPte = MiMakePageFilePte(slot, MiPteProtection(p->OriginalPte));
        }
    }
    return slot;
}

/* Issues one cluster; false if nothing could be written. */
static bool WriteCluster(MMSYSTEM *system)
{
    PAGEFILE *pf = system->PageFile;
    uint32_t slots[MI_CLUSTER_PAGES];
    uint32_t n = 0;
    uint32_t next = system->Lists[ModifiedPageList].Flink;
    while (n < MI_CLUSTER_PAGES && next != MI_PFN_NONE) {
        uint32_t pfn = next;
        MMPFN *p = MiGetPfn(system, pfn);
        next = p->Flink;
        if (MiIsFilePage(p)) {
            continue; /* its file is its home (mapwrite.c), never the pagefile */
        }
        uint32_t slot = SlotFor(system, p);
        if (slot == 0) {
            break; /* the pagefile is full: the page keeps its data in memory */
        }
        MiUnlinkPageFromList(system, pfn);
        p->WriteInProgress = 1;
        p->ReferenceCount++;
        p->Modified = 0;
        system->Cluster[n] = pfn;
        slots[n++] = slot;
    }
    if (n == 0) {
        return false;
    }
    system->ClusterCount = n;
    /* With I/O that takes guest time, the write completes when the time
     * given by the fault that set the writer going has come (MmCompleteIo),
     * or sooner if the writer or a frame needs it. */
    system->ClusterDueTime = system->IoCompletionTime;
    bool ok = PfBeginCluster(pf) == STATUS_SUCCESS;
    for (uint32_t i = 0; i < n; i++) {
        MMPFN *p = MiGetPfn(system, system->Cluster[i]);
        uint8_t *frame = MiFrameAddress(system, system->Cluster[i]);
        NTSTATUS written =
            !ok ? STATUS_UNSUCCESSFUL
            : p->Use == MiPfnSection && p->Section
                ? PfWriteSectionPage(pf, slots[i], frame, p->Section->Id, p->PteVa)
                : PfWritePage(pf, slots[i], frame, p->Owner ? p->Owner->ProcessId : 0, p->PteVa);
        system->ClusterWritten[i] = written == STATUS_SUCCESS;
    }
    if (!ok || PfEndCluster(pf) != STATUS_SUCCESS) {
        for (uint32_t i = 0; i < n; i++) {
            system->ClusterWritten[i] = false; /* the transaction did not commit */
        }
    }
    bool any = false;
    for (uint32_t i = 0; i < n; i++) {
        any |= system->ClusterWritten[i];
        system->Stats.PagesWritten += system->ClusterWritten[i];
    }
    system->Stats.ClustersWritten += any;
    uint32_t done = 0;
    for (uint32_t i = 0; i < n; i++) {
        done += system->ClusterWritten[i];
    }
    MiLogEvent(system, PF_EVENT_WRITE_CLUSTER, 0, done, slots[0],
               done < n ? "partly-failed" : NULL, false);
    return any;
}

void MmShutdownPaging(MMSYSTEM *system)
{
    MiCompleteAllInPage(system);
    MiCompleteModifiedWrite(system);
    system->PageFile = NULL;
    system->FaultLog = false;
}

uint32_t MmFlushAllPages(MMSYSTEM *system)
{
    uint32_t written = MiModifiedPageWriter(system, 0);
    MiCompleteModifiedWrite(system);
    return written;
}

uint32_t MiModifiedPageWriter(MMSYSTEM *system, uint32_t target)
{
    /* Mapped files' pages first: they go to their files, pagefile or not. */
    uint32_t mapped = system->Segments ? MiMappedPageWriter(system) : 0;
    if (!system->PageFile) {
        return mapped; /* no pagefile: other modified pages stay in memory */
    }
    uint64_t before = system->Stats.PagesWritten;
    MiCompleteModifiedWrite(system);
    /* Pages written go to Standby, but a page that fails to be written
     * goes back on the list: at most one pass over what is there now. */
    uint32_t budget = system->Lists[ModifiedPageList].Total;
    while (system->Lists[ModifiedPageList].Total > target && budget > 0) {
        budget = budget > MI_CLUSTER_PAGES ? budget - MI_CLUSTER_PAGES : 0;
        if (!WriteCluster(system)) {
            MiCompleteModifiedWrite(system); /* the pages go back to the Modified list */
            break;
        }
        if (system->Lists[ModifiedPageList].Total > target) {
            MiCompleteModifiedWrite(system);
        }
    }
    return mapped + (uint32_t)(system->Stats.PagesWritten - before);
}
