/*
 * The mapped page writer and FlushViewOfFile (NT's MiMappedPageWriter and
 * MmFlushVirtualMemory / MiFlushSectionInternal).
 *
 * A mapped file's page has a home already, its file: a dirty one is
 * written there, never to the pagefile, and a clean one is simply let go
 * when its frame is needed (its prototype PTE goes back to a file PTE, and
 * the next touch reads the file again). Dirty file pages reach the
 * Modified list as any page does — trimmed from every working set, or
 * their last view unmapped — and are written when the modified page writer
 * runs (memory pressure, too many modified pages), when their segment goes
 * (the last section and view closed), or at once by FlushViewOfFile.
 * Writes are synchronous: the file system's paging write completes before
 * the page is clean (only the pagefile's clusters are in flight).
 */
#include "mm/mi.h"

bool MiWriteFilePage(MMSYSTEM *system, uint32_t pfn)
{
    MMPFN *p = MiGetPfn(system, pfn);
    MMSECTION *segment = p->Section;
    uint32_t index = p->PteVa >> PAGE_SHIFT;
    ASSERT(MiIsFilePage(p));
    NTSTATUS status = system->FileIo->Write(segment->File, (uint64_t)index << PAGE_SHIFT,
                                            MiFrameAddress(system, pfn), PAGE_SIZE);
    if (status != STATUS_SUCCESS) {
        return false; /* still the only copy: it stays modified */
    }
    p->Modified = 0;
    system->Stats.FilePagesWritten++;
    return true;
}

bool MiWriteModifiedFilePage(MMSYSTEM *system, uint32_t pfn)
{
    MiUnlinkPageFromList(system, pfn);
    bool ok = MiWriteFilePage(system, pfn);
    MiInsertPageInList(system, ok ? StandbyPageList : ModifiedPageList, pfn);
    return ok;
}

uint32_t MiMappedPageWriter(MMSYSTEM *system)
{
    uint32_t written = 0, failed = 0;
    uint32_t budget = system->Lists[ModifiedPageList].Total;
    uint32_t pfn = system->Lists[ModifiedPageList].Flink;
    while (pfn != MI_PFN_NONE && budget-- > 0) {
        MMPFN *p = MiGetPfn(system, pfn);
        uint32_t next = p->Flink;
        if (MiIsFilePage(p)) {
            bool ok = MiWriteModifiedFilePage(system, pfn);
            written += ok;
            failed += !ok;
        }
        pfn = next;
    }
    if (written || failed) {
        MiLogEvent(system, PF_EVENT_WRITE_FILE, 0, written, 0, failed ? "partly-failed" : NULL,
                   false);
    }
    return written;
}

/* The dirty bit of this view's PTE, moved to the frame (NT's
 * MiFlushDirtyBitsToPfn): the page is writable again without a fault, and
 * its next write dirties the PTE again. */
static void CaptureDirtyBit(MMPROCESS *process, uint32_t va)
{
    MMPTE *pte = MiGetPteAddress(process, va, false);
    if (!pte || !MiPteIsValid(*pte) || !(*pte & MM_PTE_DIRTY)) {
        return;
    }
    MMPFN *p = MiGetPfn(process->System, MiPteFrame(*pte));
    if (!MiIsFilePage(p)) {
        return; /* a private copy-on-write copy: nothing of the file */
    }
    p->Modified = 1;
    MiWritePte(process, pte, *pte & ~MM_PTE_DIRTY);
}

NTSTATUS MmFlushVirtualMemory(MMPROCESS *process, uint32_t *base, uint32_t *size,
                              uint32_t *flushed)
{
    MMSYSTEM *system = process->System;
    *flushed = 0;
    MMVAD *vad = MiLocateAddress(&process->VadRoot, *base >> PAGE_SHIFT);
    if (!vad || (vad->VadType != VadMapped && vad->VadType != VadImageMap)) {
        return STATUS_NOT_MAPPED_VIEW;
    }
    uint32_t start = *base & ~PAGE_MASK;
    uint64_t end = *size ? ((uint64_t)*base + *size - 1) | PAGE_MASK
                         : ((uint64_t)vad->EndingVpn << PAGE_SHIFT) | PAGE_MASK;
    if (end > (((uint64_t)vad->EndingVpn << PAGE_SHIFT) | PAGE_MASK)) {
        end = ((uint64_t)vad->EndingVpn << PAGE_SHIFT) | PAGE_MASK;
    }
    *base = start;
    *size = (uint32_t)(end + 1 - start);
    MMSECTION *segment = vad->Section;
    if (vad->VadType != VadMapped || !segment || !segment->File) {
        return STATUS_SUCCESS; /* the pagefile backs it: nothing to write */
    }
    for (uint64_t va = start; va < end; va += PAGE_SIZE) {
        CaptureDirtyBit(process, (uint32_t)va);
    }
    MiFlushTlbIfNeeded(system);
    uint32_t written = 0, failed = 0;
    for (uint64_t va = start; va < end; va += PAGE_SIZE) {
        MMPTE proto = *MiViewPrototype(vad, (uint32_t)va);
        if (!MiPteIsValid(proto) && !MiPteIsTransition(proto)) {
            continue; /* in the file only */
        }
        uint32_t pfn = MiPteFrame(proto);
        MMPFN *p = MiGetPfn(system, pfn);
        if (!p->Modified) {
            continue;
        }
        /* on the Modified list, or valid in some view */
        bool ok = p->Location == ModifiedPageList ? MiWriteModifiedFilePage(system, pfn)
                                                  : MiWriteFilePage(system, pfn);
        written += ok;
        failed += !ok;
    }
    system->Stats.FilePagesFlushed += written;
    MiLogEvent(system, PF_EVENT_FLUSH, process->ProcessId, written, 0, segment->FileName, false);
    *flushed = written;
    return failed ? STATUS_UNEXPECTED_IO_ERROR : STATUS_SUCCESS;
}
