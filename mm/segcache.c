/*
 * The cache of data file segments (NT's cached control areas).
 *
 * When the last section object and the last view of a data file go, NT
 * does not delete its control area (MiCheckControlArea): the file's
 * SECTION_OBJECT_POINTERS still point to it, its pages sit on Standby, and
 * the next CreateFileMapping/MapViewOfFile of the file finds the same
 * segment — its pages come back as transition (soft) faults, with no read.
 * It goes (MiSegmentDelete) when the last of its pages is repurposed from
 * Standby, or when it is purged: the file is truncated or deleted
 * (MmCanFileBeTruncated, MmFlushImageSection(MmFlushForDelete)), written
 * through WriteFile (Cc would write through the cached section; here its
 * pages are dropped, so that the next view reads the new bytes), or changed
 * from outside the guest (its size or write time differ from when it was
 * cached: the next section makes a new segment rather than mix versions).
 *
 * A cached segment must be invisible to the guest: it keeps a file object
 * of its own (MM_FILE_IO.Reopen: no handle, no share access, no
 * delete-on-close) instead of the guest's, which goes when the guest's
 * handles and views go, as it did before segments were cached. It only
 * reads through it; every dirty page is written before it is cached.
 */
#include "mm/mi.h"

/* Nothing of the segment may be in flight (a read completing onto
 * Standby; file writes are synchronous, but a write would be too):
 * caching waits for no one, and such a segment is deleted as before (a
 * frame being read is freed when its read ends). */
static bool IoInFlight(MMSECTION *segment)
{
    MMSYSTEM *system = segment->System;
    for (uint32_t i = 0; i < segment->Pages; i++) {
        MMPTE proto = segment->PrototypePte[i];
        if (!MiPteIsTransition(proto)) {
            continue;
        }
        MMPFN *p = MiGetPfn(system, MiPteFrame(proto));
        if (p->ReadInProgress || p->WriteInProgress) {
            return true;
        }
    }
    return false;
}

/* Every dirty page to the file, as FlushViewOfFile would (NT's modified
 * page writer would get to them; the file must have them before the
 * segment can ever go): true if all were written. Counts what stays. */
static bool WriteDirtyPages(MMSECTION *segment, uint32_t *resident)
{
    MMSYSTEM *system = segment->System;
    bool ok = true;
    *resident = 0;
    for (uint32_t i = 0; i < segment->Pages; i++) {
        MMPTE proto = segment->PrototypePte[i];
        if (!MiPteIsTransition(proto)) {
            continue;
        }
        uint32_t pfn = MiPteFrame(proto);
        MMPFN *p = MiGetPfn(system, pfn);
        (*resident)++;
        if (!p->Modified) {
            continue;
        }
        ok &= MiWriteModifiedFilePage(system, pfn);
    }
    return ok;
}

bool MiCacheSegment(MMSECTION *segment)
{
    MMSYSTEM *system = segment->System;
    const MM_FILE_IO *io = system->FileIo;
    uint32_t resident;
    if (!io || !io->Reopen || IoInFlight(segment) || !WriteDirtyPages(segment, &resident) ||
        resident == 0) {
        return false; /* deleted now (a page that failed to write is lost, as before) */
    }
    EX_FILE *own;
    if (io->Reopen(segment->File, &own) != STATUS_SUCCESS) {
        return false;
    }
    if (io->Stamp(own, &segment->StampSize, &segment->StampTime) != STATUS_SUCCESS) {
        ExDereferenceObject(&own->Header);
        return false;
    }
    EX_FILE *guest = segment->File;
    segment->File = own;
    segment->Cached = 1;
    segment->CachedPages = resident;
    MiLogEvent(system, PF_EVENT_SEGMENT_CACHED, 0, resident, 0, segment->FileName, false);
    /* Last: the guest's file object may go now, and its close may ask mm
     * about the file (a delete-on-close purges this very segment). */
    ExDereferenceObject(&guest->Header);
    return true;
}

bool MiReviveSegment(MMSECTION *segment, EX_FILE *file)
{
    const MM_FILE_IO *io = segment->System->FileIo;
    uint64_t size, time;
    if (io->Stamp(file, &size, &time) != STATUS_SUCCESS || size != segment->StampSize ||
        time != segment->StampTime) {
        return false; /* changed since it was cached: its pages are the old file's */
    }
    MiLogEvent(segment->System, PF_EVENT_SEGMENT_REUSED, 0, segment->CachedPages, 0,
               segment->FileName, false);
    EX_FILE *own = segment->File;
    ExReferenceObject(&file->Header);
    segment->File = file; /* the mapped page writer writes through the guest's again */
    segment->Cached = 0;
    segment->CachedPages = 0;
    segment->LastFileFault = 0;
    ExDereferenceObject(&own->Header);
    return true;
}

void MiCachedSegmentPageGone(MMSECTION *segment)
{
    ASSERT(segment->Cached && segment->CachedPages > 0);
    if (--segment->CachedPages == 0) {
        MiLogEvent(segment->System, PF_EVENT_SEGMENT_EMPTIED, 0, 1, 0, segment->FileName, false);
        MiDeleteSegment(segment); /* every prototype PTE is a file PTE again */
    }
}

void MiPurgeCachedSegment(MMSYSTEM *system, uint64_t device, uint64_t inode)
{
    for (MMSECTION *s = system->Segments; s; s = s->NextSegment) {
        if (s->Device == device && s->Inode == inode && s->Cached) {
            MiLogEvent(system, PF_EVENT_SEGMENT_PURGED, 0, s->CachedPages, 0, s->FileName, false);
            MiDeleteSegment(s);
            return;
        }
    }
}

void MmPurgeCachedSegments(MMSYSTEM *system)
{
    for (MMSECTION **link = &system->Segments; *link;) {
        MMSECTION *segment = *link;
        if (segment->Cached) {
            MiDeleteSegment(segment); /* unlinks it */
        } else {
            link = &segment->NextSegment;
        }
    }
}
