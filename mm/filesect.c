/*
 * Sections over files (NT's creasect.c for data files, and the file half
 * of MiResolveProtoPteFault).
 *
 * NT gives every file that is mapped one control area and segment: the
 * prototype PTEs of all its pages, shared by every section object created
 * on the file and every view of them, in every process. Here the segment
 * is an MMSECTION with File set, kept on MMSYSTEM.Segments and found by the
 * file's identity (device, inode); the guest's section objects are small
 * MMSECTIONs that point to it (Segment) and hold their own size and
 * protection, which views are checked against. Views and PFNs point to the
 * segment itself, so the fault, trim and write paths of section.c serve
 * file pages unchanged.
 *
 * A segment's prototype PTE for a page not in memory is a file PTE (the
 * prototype bit, as NT's subsection PTEs): the page is in the file at
 * index * PAGE_SIZE. A fault reads it (a hard-file fault, never the
 * pagefile); the frame's OriginalPte is the file PTE, so a clean frame
 * repurposed from Standby simply becomes a file PTE again, and a dirty one
 * is written back to the file by the mapped page writer (mapwrite.c).
 *
 * When its last section object and view go, the segment is not deleted
 * but kept with its pages on Standby (segcache.c), as NT keeps a data
 * file's control area: the next section on the unchanged file finds it.
 */
#include "mm/mi.h"

#include <stdlib.h>
#include <string.h>

/* The protection in a file segment's prototype PTEs: what views may have
 * is decided by the section objects and the views themselves. */
#define MI_FILE_PROTECTION MM_EXECUTE_READWRITE

void MmSetFileIo(MMSYSTEM *system, const MM_FILE_IO *io)
{
    system->FileIo = io;
}

static MMSECTION *FindSegment(MMSYSTEM *system, uint64_t device, uint64_t inode)
{
    for (MMSECTION *s = system->Segments; s; s = s->NextSegment) {
        if (s->Device == device && s->Inode == inode) {
            return s;
        }
    }
    return NULL;
}

/*
 * NT's MiSegmentDelete: dirty pages go to the file, every frame is freed,
 * and the file object is let go. A cached segment's pages are clean; a
 * segment that could not be cached may still have dirty ones.
 */
void MiDeleteSegment(MMSECTION *segment)
{
    MMSYSTEM *system = segment->System;
    for (uint32_t i = 0; i < segment->Pages; i++) {
        MMPTE proto = segment->PrototypePte[i];
        ASSERT(!MiPteIsValid(proto)); /* no view maps it any more */
        if (!MiPteIsTransition(proto)) {
            continue;
        }
        uint32_t pfn = MiPteFrame(proto);
        MMPFN *p = MiGetPfn(system, pfn);
        if (p->ReadInProgress) {
            p->Section = NULL; /* the read's completion frees it */
            p->DeletePending = 1;
            continue;
        }
        if (p->Modified) {
            MiUnlinkPageFromList(system, pfn);
            MiWriteFilePage(system, pfn); /* a failed write loses the page, as NT's would */
        } else {
            MiUnlinkPageFromList(system, pfn);
        }
        p->Section = NULL;
        MiReleaseFrame(system, pfn);
    }
    for (MMSECTION **link = &system->Segments; *link; link = &(*link)->NextSegment) {
        if (*link == segment) {
            *link = segment->NextSegment;
            break;
        }
    }
    ExDereferenceObject(&segment->File->Header);
    free(segment->FileName);
    free(segment->PrototypePte);
    free(segment);
}

/* The last reference is gone (no section object, no view): NT's
 * MiCheckControlArea. The segment stays cached while its pages are on
 * Standby (segcache.c), or goes now. */
static void SegmentUnused(EX_OBJECT *object)
{
    MMSECTION *segment = (MMSECTION *)object;
    if (!MiCacheSegment(segment)) {
        MiDeleteSegment(segment);
    }
}

/* The segment covers at least `pages` pages of its file. */
static NTSTATUS GrowSegment(MMSECTION *segment, uint32_t pages)
{
    if (pages <= segment->Pages) {
        return STATUS_SUCCESS;
    }
    MMPTE *protos = realloc(segment->PrototypePte, (size_t)pages * sizeof *protos);
    if (!protos) {
        return STATUS_NO_MEMORY;
    }
    for (uint32_t i = segment->Pages; i < pages; i++) {
        protos[i] = MiMakeFilePte(MI_FILE_PROTECTION);
    }
    segment->PrototypePte = protos;
    segment->Pages = pages;
    return STATUS_SUCCESS;
}

static NTSTATUS CreateSegment(MMSYSTEM *system, EX_FILE *file, const MM_FILE_IDENTITY *id,
                              MMSECTION **out)
{
    MMSECTION *segment = calloc(1, sizeof *segment);
    char *name = strdup(id->Name ? id->Name : "");
    if (!segment || !name) {
        free(segment);
        free(name);
        return STATUS_NO_MEMORY;
    }
    /* each section object and view holds one reference */
    MiInitializeSectionObject(segment, system, 0, SegmentUnused, system->NextSectionId++);
    segment->Protection = MI_FILE_PROTECTION;
    segment->AllocationAttributes = SEC_COMMIT;
    segment->File = file;
    ExReferenceObject(&file->Header);
    segment->Device = id->Device;
    segment->Inode = id->Inode;
    segment->FileName = name;
    segment->NextSegment = system->Segments;
    system->Segments = segment;
    *out = segment;
    return STATUS_SUCCESS;
}

/* A section object goes: its segment loses a user. */
static void DeleteFileSection(EX_OBJECT *object)
{
    MMSECTION *section = (MMSECTION *)object;
    MMSECTION *segment = section->Segment;
    if (MiWritesFile(section->Protection)) {
        segment->WritableUserReferences--;
    }
    free(section);
    ExDereferenceObject(&segment->Header);
}

NTSTATUS MmCreateFileSection(MMSYSTEM *system, EX_FILE *file, const MM_FILE_IDENTITY *id,
                             uint64_t size, uint32_t protect, uint32_t attributes,
                             MMSECTION **out)
{
    if (!MmIsSectionProtectionValid(protect)) {
        return STATUS_INVALID_PAGE_PROTECTION;
    }
    uint32_t protection = MiMakeProtectionMask(protect);
    if (attributes != SEC_COMMIT && attributes != SEC_RESERVE) {
        return STATUS_INVALID_PARAMETER_6;
    }
    if (!system->FileIo) {
        return STATUS_INVALID_FILE_FOR_SECTION;
    }
    if (size == 0) {
        if (id->Size == 0) {
            return STATUS_MAPPED_FILE_SIZE_ZERO; /* nothing to map */
        }
        size = id->Size;
    }
    if (size > MI_SYSTEM_RANGE_START) {
        return STATUS_SECTION_TOO_BIG;
    }
    if (size > id->Size) {
        /* A section longer than its file makes the file that long, if the
         * section may write it; a read-only one cannot. */
        if (!MiIsPteProtectionWritable(protection) ||
            (protection & MM_PROTECT_ACCESS) == MM_WRITECOPY ||
            (protection & MM_PROTECT_ACCESS) == MM_EXECUTE_WRITECOPY) {
            return STATUS_SECTION_TOO_BIG;
        }
        NTSTATUS status = system->FileIo->SetSize(file, size);
        if (status != STATUS_SUCCESS) {
            return status;
        }
    }
    uint32_t pages = (uint32_t)((size + PAGE_MASK) >> PAGE_SHIFT);
    MMSECTION *segment = FindSegment(system, id->Device, id->Inode);
    if (segment && segment->Cached && !MiReviveSegment(segment, file)) {
        /* the file changed since: a new segment reads it */
        MiPurgeCachedSegment(system, id->Device, id->Inode);
        segment = NULL;
    }
    bool fresh = segment == NULL;
    bool unused = fresh || segment->Header.References == 0; /* new, or revived */
    if (fresh) {
        NTSTATUS status = CreateSegment(system, file, id, &segment);
        if (status != STATUS_SUCCESS) {
            return status;
        }
    }
    MMSECTION *section = calloc(1, sizeof *section);
    NTSTATUS status = section ? GrowSegment(segment, pages) : STATUS_NO_MEMORY;
    if (status != STATUS_SUCCESS) {
        free(section);
        if (unused) {
            ExReferenceObject(&segment->Header);
            ExDereferenceObject(&segment->Header); /* deletes it, or caches it again */
        }
        return status;
    }
    ExReferenceObject(&segment->Header);
    if (size > segment->Size) {
        segment->Size = size; /* the file may not be truncated below it */
    }
    if (fresh) {
        MiRecordSection(segment, segment->FileName);
    }
    MiInitializeSectionObject(section, system, 1, DeleteFileSection, segment->Id);
    section->Pages = pages;
    section->Size = size;
    section->Protection = protection;
    section->AllocationAttributes = SEC_COMMIT; /* a file's pages are always committed */
    section->Segment = segment;
    if (MiWritesFile(protection)) {
        segment->WritableUserReferences++;
    }
    *out = section;
    return STATUS_SUCCESS;
}

/* ------------------------------------------------------ reading pages */

/* MI_PAGE_SOURCE.Read for a data file's page: Context is the segment,
 * Offset the page's index. */
static NTSTATUS ReadFileSource(MMSYSTEM *system, const MI_PAGE_SOURCE *source, uint32_t va,
                               uint8_t *frame)
{
    (void)va;
    const MMSECTION *segment = source->Context;
    return system->FileIo->Read(segment->File, source->Offset << PAGE_SHIFT, frame, PAGE_SIZE);
}

/* Where a section's page comes from: its file as it is, or (an image)
 * built from its file. */
static MI_PAGE_SOURCE SectionPageSource(MMSECTION *section, uint32_t index)
{
    if (section->Image) {
        return MiImagePageSource(section, index);
    }
    return (MI_PAGE_SOURCE){.Read = ReadFileSource, .Context = section, .Offset = index};
}

static void CountFilePageRead(MMSECTION *section)
{
    section->System->Stats.FilePagesRead++;
    section->System->Stats.ImagePagesRead += section->Image;
}

NTSTATUS MiReadSectionPage(MMSECTION *section, uint32_t index, uint32_t va, uint32_t *out,
                           MM_FAULT_INFO *info)
{
    MMSYSTEM *system = section->System;
    uint32_t pfn = MiRemoveAnyPage(system);
    if (pfn == MI_PFN_NONE) {
        return STATUS_NO_MEMORY;
    }
    MI_PAGE_SOURCE source = SectionPageSource(section, index);
    NTSTATUS io = MiReadPageInto(system, &source, va, pfn);
    if (io != STATUS_SUCCESS) {
        MiReleaseFrame(system, pfn);
        info->Kind = MmFaultInPageError;
        info->IoStatus = io;
        return STATUS_IN_PAGE_ERROR;
    }
    CountFilePageRead(section);
    MMPFN *p = MiGetPfn(system, pfn);
    MiSetPfnSectionOwner(p, section, index);
    /* Repurposed from Standby, the frame leaves the file PTE behind. */
    p->OriginalPte = section->PrototypePte[index];
    p->Modified = 0; /* the file has it */
    p->ShareCount = 0;
    *out = pfn;
    return STATUS_SUCCESS;
}

NTSTATUS MiIssueSectionPageRead(MMPROCESS *process, MMSECTION *section, uint32_t index,
                                uint32_t va, MM_FAULT_INFO *info)
{
    MI_PAGE_SOURCE source = SectionPageSource(section, index);
    NTSTATUS status = MiIssueSectionRead(process, section, index, va, &source, info);
    if (status == STATUS_PENDING && info->Kind != MmFaultInPageError) {
        CountFilePageRead(section);
    }
    return status;
}

/* Pages read with a faulting one when the faults are sequential. */
#define MI_FILE_CLUSTER_PAGES 8

void MiFileReadAhead(MMSECTION *segment, uint32_t index)
{
    MMSYSTEM *system = segment->System;
    uint32_t previous = segment->LastFileFault;
    segment->LastFileFault = index + 1;
    if (previous == 0 || previous - 1 >= index || index - (previous - 1) > MI_FILE_CLUSTER_PAGES) {
        return; /* the first fault, or not sequential */
    }
    for (uint32_t k = 1; k < MI_FILE_CLUSTER_PAGES && index + k < segment->Pages; k++) {
        MMPTE *proto = &segment->PrototypePte[index + k];
        if (!MiIsFilePte(*proto) || MiAvailablePages(system) < system->MinimumAvailable + 2 * k) {
            return;
        }
        uint32_t pfn;
        MM_FAULT_INFO ignored;
        if (MiReadSectionPage(segment, index + k, 0, &pfn, &ignored) != STATUS_SUCCESS) {
            return; /* its own fault will try again */
        }
        MiInsertPageInList(system, StandbyPageList, pfn);
        *proto = MiMakeTransitionPte(pfn, MI_FILE_PROTECTION);
        system->Stats.FilePagesReadAhead++;
    }
}

/* ------------------------------------------------------ NtAreMappedFilesTheSame */

/*
 * Windows' answers (Wine's conformance tests): an address in no allocation
 * is STATUS_INVALID_ADDRESS; one in private memory (heap, VirtualAlloc)
 * STATUS_CONFLICTING_ADDRESSES; two addresses in one view of a data file
 * are the same file, but two views of it are not (STATUS_NOT_SAME_DEVICE:
 * only image views compare their files); two views of one image are.
 */
NTSTATUS MmAreMappedFilesTheSame(MMPROCESS *process, uint32_t first, uint32_t second)
{
    MMVAD *a = MiLocateAddress(&process->VadRoot, first >> PAGE_SHIFT);
    MMVAD *b = MiLocateAddress(&process->VadRoot, second >> PAGE_SHIFT);
    if (!a || !b) {
        return STATUS_INVALID_ADDRESS;
    }
    bool a_view = a->VadType == VadMapped || a->VadType == VadImageMap;
    bool b_view = b->VadType == VadMapped || b->VadType == VadImageMap;
    if (!a_view || !b_view) {
        return STATUS_CONFLICTING_ADDRESSES;
    }
    if (a == b) {
        return STATUS_SUCCESS;
    }
    if (a->VadType == VadImageMap && b->VadType == VadImageMap && a->Section &&
        a->Section == b->Section) {
        return STATUS_SUCCESS;
    }
    return STATUS_NOT_SAME_DEVICE;
}

/* ------------------------------------------------------ coherence */

/* The frame holding a segment's page, valid or in transition, or none. */
static uint32_t ResidentFrame(MMSECTION *segment, uint32_t index)
{
    MMPTE proto = segment->PrototypePte[index];
    if (MiPteIsValid(proto) || MiPteIsTransition(proto)) {
        return MiPteFrame(proto);
    }
    return MI_PFN_NONE;
}

/* The resident pages of a file's segment over [offset, offset + length):
 * copied into `into`, or (into NULL) updated from `from`. */
static void CopyResidentPages(MMSYSTEM *system, uint64_t device, uint64_t inode, uint64_t offset,
                              uint32_t length, uint8_t *into, const uint8_t *from)
{
    MMSECTION *segment = FindSegment(system, device, inode);
    if (segment && segment->Cached) {
        /* Unused, its pages are the file's bytes: a read needs nothing of
         * them, and a write (the file's new bytes) purges them, so that the
         * next mapping reads what the file now holds. */
        if (from) {
            MiPurgeCachedSegment(system, device, inode);
        }
        return;
    }
    for (uint64_t at = offset; segment && at < offset + length;) {
        uint64_t index = at >> PAGE_SHIFT;
        uint32_t within = (uint32_t)(at & PAGE_MASK);
        uint32_t n = PAGE_SIZE - within;
        if (n > offset + length - at) {
            n = (uint32_t)(offset + length - at);
        }
        if (index >= segment->Pages) {
            break;
        }
        uint32_t pfn = ResidentFrame(segment, (uint32_t)index);
        if (pfn != MI_PFN_NONE && into) {
            memcpy(into + (at - offset), MiFrameAddress(system, pfn) + within, n);
        } else if (pfn != MI_PFN_NONE) {
            /* The file has the bytes already: a clean frame stays clean,
             * a dirty one will write them again with its own. */
            MiPrepareFrameContents(system, pfn);
            memcpy(MiFrameAddress(system, pfn) + within, from + (at - offset), n);
        }
        at += n;
    }
}

void MmReadMappedFile(MMSYSTEM *system, uint64_t device, uint64_t inode, uint64_t offset,
                      void *buffer, uint32_t length)
{
    CopyResidentPages(system, device, inode, offset, length, buffer, NULL);
}

void MmWriteMappedFile(MMSYSTEM *system, uint64_t device, uint64_t inode, uint64_t offset,
                       const void *buffer, uint32_t length)
{
    CopyResidentPages(system, device, inode, offset, length, NULL, buffer);
}

bool MiIsFileMapped(MMSYSTEM *system, uint64_t device, uint64_t inode)
{
    MMSECTION *segment = FindSegment(system, device, inode);
    return segment && !segment->Cached;
}

bool MmDoesFileHaveUserWritableReferences(MMSYSTEM *system, uint64_t device, uint64_t inode)
{
    MMSECTION *segment = FindSegment(system, device, inode);
    return segment && segment->WritableUserReferences;
}

/* NT's MmCanFileBeTruncated: a section or view reaching past the new end
 * refuses it; a cached segment with no users is purged instead (as
 * CcPurgeCacheSection does), and the truncation goes through. */
bool MmCanFileBeTruncated(MMSYSTEM *system, uint64_t device, uint64_t inode, uint64_t size)
{
    MMSECTION *segment = FindSegment(system, device, inode);
    if (segment && segment->Cached) {
        MiPurgeCachedSegment(system, device, inode);
        return true;
    }
    return !segment || size >= segment->Size;
}
