/*
 * A consistency check of the PFN database against the page tables, for
 * tests and for anyone changing mm: every frame is on exactly one list or
 * in use, each list's count is its length, every working-set entry is a
 * valid PTE pointing at its frame, and every transition PTE points at a
 * frame on the Standby or Modified list (or in the writer's cluster, or
 * being read in: on no list, referenced by its in-page I/O) that points
 * back at it.
 */
#include "mm/mi.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static bool Fail(char *why, size_t whylen, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(why, whylen, format, args);
    va_end(args);
    return false;
}

static bool CheckLists(MMSYSTEM *system, char *why, size_t whylen)
{
    for (int list = ZeroedPageList; list < ActiveAndValid; list++) {
        uint32_t n = 0, prev = MI_PFN_NONE;
        for (uint32_t pfn = system->Lists[list].Flink; pfn != MI_PFN_NONE;
             pfn = MiGetPfn(system, pfn)->Flink) {
            MMPFN *p = MiGetPfn(system, pfn);
            if (p->Location != list || p->Blink != prev || ++n > system->Frames) {
                return Fail(why, whylen, "list %d is broken at frame 0x%x", list, pfn);
            }
            if ((list == StandbyPageList || list == ModifiedPageList) &&
                ((!p->Owner && !p->Section) || p->Modified != (list == ModifiedPageList))) {
                return Fail(why, whylen, "frame 0x%x on list %d: owner %p, modified %u", pfn,
                            list, (void *)p->Owner, p->Modified);
            }
            prev = pfn;
        }
        /* The Zeroed list also counts the fresh frames, never linked. */
        uint32_t fresh = list == ZeroedPageList ? system->Frames - system->FreshFrame : 0;
        if (n + fresh != system->Lists[list].Total) {
            return Fail(why, whylen, "list %d holds %u frames but counts %u", list, n,
                        system->Lists[list].Total);
        }
    }
    return true;
}

static bool CheckProcess(MMPROCESS *process, char *why, size_t whylen)
{
    MMSYSTEM *system = process->System;
    MMWSL *ws = &process->Ws;
    for (uint32_t i = 0; i < ws->Count; i++) {
        MMWSLE *e = &ws->Wsle[i];
        MMPTE *pte = MiGetPteAddress(process, e->Va, false);
        MMPFN *p = MiGetPfn(system, e->Pfn);
        bool shared = p->Use == MiPfnSection;
        bool stale = !pte || !MiPteIsValid(*pte) || MiPteFrame(*pte) != e->Pfn ||
                     p->Location != ActiveAndValid;
        if (!shared) {
            stale |= p->WsIndex != i || p->Owner != process || p->PteVa != e->Va;
        } else {
            stale |= p->ShareCount == 0;
        }
        if (stale) {
            return Fail(why, whylen, "working-set entry %u (va 0x%08x, frame 0x%x) is stale", i,
                        e->Va, e->Pfn);
        }
    }
    for (uint32_t va = 0; va < MI_SYSTEM_RANGE_START; va += PAGE_SIZE) {
        MMPTE *pte = MiGetPteAddress(process, va, false);
        if (!pte) {
            va = (va | 0x1FFFFF) - PAGE_MASK; /* no page table: skip its 2 MiB */
            continue;
        }
        if (MiPteIsTransition(*pte)) {
            uint32_t pfn = MiPteFrame(*pte);
            MMPFN *p = MiGetPfn(system, pfn);
            bool listed = p->Location == StandbyPageList || p->Location == ModifiedPageList;
            if (p->Owner != process || p->PteVa != va ||
                (!listed && !p->WriteInProgress && !p->ReadInProgress) ||
                (p->ReadInProgress && (listed || p->Location != ActiveAndValid ||
                                       p->ShareCount != 0 || p->ReferenceCount == 0))) {
                return Fail(why, whylen, "transition PTE at 0x%08x names frame 0x%x, which is "
                            "not its page", va, pfn);
            }
        } else if (MiPteIsValid(*pte)) {
            MMPFN *p = MiGetPfn(system, MiPteFrame(*pte));
            bool missing = p->Use == MiPfnProcessPrivate
                               ? p->WsIndex >= ws->Count || ws->Wsle[p->WsIndex].Va != va
                               : p->Use == MiPfnSection && !MiFindWsle(process, MiPteFrame(*pte), va);
            if (missing) {
                return Fail(why, whylen, "valid page 0x%08x is not in the working set", va);
            }
        }
    }
    return true;
}

/* An image's copy-on-write page is never dirty in its shared frame: what
 * the file holds is all it is (a write makes a private copy), so it is
 * never written to the pagefile. */
static bool CheckImageFrames(MMSYSTEM *system, char *why, size_t whylen)
{
    for (uint32_t pfn = 0; pfn < system->FreshFrame; pfn++) {
        MMPFN *p = MiGetPfn(system, pfn);
        if (p->Location != ZeroedPageList && p->Location != FreePageList &&
            MiIsImageFrameCopyOnWrite(system, pfn) &&
            (p->Modified || p->Location == ModifiedPageList ||
             MiPtePageFileHigh(p->OriginalPte) != 0)) {
            return Fail(why, whylen, "frame 0x%x holds image page 0x%x of section %u dirty or "
                        "pagefile-backed", pfn, p->PteVa, p->Section->Id);
        }
    }
    return true;
}

/* A cached data file segment (segcache.c) has no views: each of its pages
 * is in its file only or on Standby, clean and its own, and it counts the
 * Standby ones exactly (its last one repurposed takes it away). */
static bool CheckCachedSegments(MMSYSTEM *system, char *why, size_t whylen)
{
    for (MMSECTION *segment = system->Segments; segment; segment = segment->NextSegment) {
        uint32_t standby = 0;
        for (uint32_t i = 0; segment->Cached && i < segment->Pages; i++) {
            MMPTE proto = segment->PrototypePte[i];
            if (MiIsFilePte(proto)) {
                continue;
            }
            MMPFN *p = MiPteIsTransition(proto) ? MiGetPfn(system, MiPteFrame(proto)) : NULL;
            if (!p || p->Location != StandbyPageList || p->Section != segment ||
                p->PteVa != i << PAGE_SHIFT) {
                return Fail(why, whylen, "cached segment %u (%s): page %u is not in its file "
                            "or on Standby", segment->Id, segment->FileName, i);
            }
            standby++;
        }
        if (segment->Cached && (standby != segment->CachedPages || standby == 0 ||
                                segment->Header.References != 0)) {
            return Fail(why, whylen, "cached segment %u (%s): %u pages on Standby, counted %u, "
                        "%u references", segment->Id, segment->FileName, standby,
                        segment->CachedPages, segment->Header.References);
        }
    }
    return true;
}

bool MmVerifyMemory(MMSYSTEM *system, char *why, size_t whylen)
{
    if (!CheckLists(system, why, whylen) || !CheckImageFrames(system, why, whylen) ||
        !CheckCachedSegments(system, why, whylen)) {
        return false;
    }
    for (MMPROCESS *process = system->Processes; process; process = process->Next) {
        if (!CheckProcess(process, why, whylen)) {
            return false;
        }
    }
    return true;
}

/*
 * MM_CONFIG.VerifyEvery: the whole check after every Nth fault, for the
 * sanitizer suite and for anyone changing mm. An inconsistency stops the
 * run at the fault that made it, which is where the bug is.
 */
void MiVerifyAfterFault(MMSYSTEM *system)
{
    char why[256];
    system->VerifyCountdown = system->VerifyEvery;
    if (!MmVerifyMemory(system, why, sizeof why)) {
        fprintf(stderr, "ntmm: memory check failed after fault %llu: %s\n",
                (unsigned long long)system->FaultSequence, why);
        fflush(stderr);
        abort();
    }
}
