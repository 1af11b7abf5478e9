/*
 * In-page I/O: a page read from its backing store takes guest time, and
 * the faulting thread waits for it while other threads run (NT's
 * MiIssuePageRead, MiWaitForInPageComplete and the in-page support block).
 *
 * Issuing the read takes a frame, marks its PFN read-in-progress and puts
 * the PTE in transition on it, so that the page is found, as in NT, by
 * anyone who touches it meanwhile: a second fault on the page finds the
 * frame through the transition PTE, sees the read in progress and waits
 * on the same block (a collided fault; no second read). The read itself
 * is done at once into the frame — nothing can see the frame before the
 * read completes, and a pagefile slot cannot change under a page that is
 * not in memory — so its outcome is known from the start and the fault
 * log can say it; what takes time is the wait. ke completes the block at
 * the guest time the I/O ends (MmCompleteIo): the page is made valid in
 * the faulting process's working set (what NT's faulting thread does when
 * it wakes), or, if the read failed, the PTE goes back to the pagefile
 * PTE and the frame is freed; then every waiter wakes. Each re-executes
 * its instruction, or, when the read failed, gets STATUS_IN_PAGE_ERROR
 * with the read's status — the first faulter and the collided ones alike.
 *
 * A thread that cannot wait (a fault the kernel takes inside a system
 * service, or the only thread that could run: then the CPU would only
 * idle) is not sent here for a new read; if it collides with a read in
 * flight, that read completes now.
 */
#include "mm/mi.h"

#include <stdlib.h>

struct MMINPAGE_SUPPORT {
    struct MMINPAGE_SUPPORT *Next;   /* System->InPageList, in issue order */
    MMSYSTEM *System;
    MMPROCESS *Process;              /* whose PTE the page is (the faulting one) */
    MMSECTION *Section;              /* or: whose prototype PTE (MiIssueSectionRead) */
    uint32_t Va;
    uint32_t Pfn;
    uint32_t Slot;
    MMPTE Original;                  /* the PFN's OriginalPte (the pagefile PTE) */
    NTSTATUS IoStatus;               /* the read's, known when it was issued */
    uint64_t CompletionTime;         /* in ke's clock */
    uint32_t Id;
    uint32_t References;             /* the I/O's own, and one per waiting thread */
    bool Completed;                  /* the block's event is signaled */
};

void MiArmInjectedReadError(MMSYSTEM *system, uint32_t va, uint32_t slot)
{
    if (system->InjectReadErrorVa && system->InjectReadErrorVa == (va & ~PAGE_MASK) &&
        system->PageFile) {
        PfInjectReadError(system->PageFile, slot); /* --inject-read-error */
        system->InjectReadErrorVa = 0;
    }
}

NTSTATUS MiReadPageInto(MMSYSTEM *system, const MI_PAGE_SOURCE *source, uint32_t va,
                        uint32_t pfn)
{
    MiPrepareFrameContents(system, pfn);
    uint8_t *frame = MiFrameAddress(system, pfn);
    if (source->Read) {
        if (va && system->InjectReadErrorVa == (va & ~PAGE_MASK)) {
            system->InjectReadErrorVa = 0; /* --inject-read-error: this read fails, once */
            return STATUS_DEVICE_DATA_ERROR;
        }
        return source->Read(system, source, va, frame);
    }
    MiArmInjectedReadError(system, va, source->Slot);
    NTSTATUS io = system->PageFile ? PfReadPage(system->PageFile, source->Slot, frame)
                                   : STATUS_INVALID_PARAMETER;
    if (io == STATUS_SUCCESS) {
        system->Stats.PagesRead++;
    }
    return io;
}

uint32_t MiReadPageFileCluster(MMSYSTEM *system, uint32_t count, const uint32_t *slots,
                               const uint32_t *pfns, NTSTATUS *io)
{
    uint8_t *frames[MI_READ_CLUSTER_PAGES];
    ASSERT(count <= MI_READ_CLUSTER_PAGES);
    for (uint32_t i = 0; i < count; i++) {
        MiPrepareFrameContents(system, pfns[i]);
        frames[i] = MiFrameAddress(system, pfns[i]);
    }
    uint32_t done = 0;
    *io = STATUS_INVALID_PARAMETER; /* no pagefile: no slot to read */
    if (count && system->PageFile) {
        *io = PfReadPages(system->PageFile, count, slots, frames, &done);
    }
    system->Stats.PagesRead += done;
    return done;
}

/* A read starts: its block, a frame, and the read into it (the status
 * it will give, kept for when it completes). NULL if no memory or frame. */
static MMINPAGE_SUPPORT *StartInPage(MMSYSTEM *system, const MI_PAGE_SOURCE *source, uint32_t va,
                                     uint32_t *pfn, NTSTATUS *io)
{
    MMINPAGE_SUPPORT *block = calloc(1, sizeof *block);
    if (!block) {
        return NULL;
    }
    *pfn = MiRemoveAnyPage(system);
    if (*pfn == MI_PFN_NONE) {
        free(block);
        return NULL;
    }
    *io = MiReadPageInto(system, source, va, *pfn);
    return block;
}

/* The read is issued: its block joins the system's reads in flight and
 * the faulting thread waits on it (STATUS_PENDING); a failed read is the
 * fault's in-page error. */
static NTSTATUS QueueInPage(MMSYSTEM *system, MMINPAGE_SUPPORT *block, NTSTATUS io,
                            MM_FAULT_INFO *info)
{
    MMINPAGE_SUPPORT **tail = &system->InPageList;
    while (*tail) {
        tail = &(*tail)->Next;
    }
    *tail = block;
    system->Stats.InPageReads++;
    info->Pfn = block->Pfn;
    info->InPage = block;
    if (io != STATUS_SUCCESS) {
        info->Kind = MmFaultInPageError;
        info->IoStatus = io;
    }
    return STATUS_PENDING;
}

static MMINPAGE_SUPPORT *FindBlock(MMSYSTEM *system, uint32_t pfn)
{
    for (MMINPAGE_SUPPORT *b = system->InPageList; b; b = b->Next) {
        if (!b->Completed && b->Pfn == pfn) {
            return b;
        }
    }
    return NULL;
}

NTSTATUS MiIssuePageRead(MMPROCESS *process, MMPTE *pte, uint32_t va, MMPTE original,
                         const MI_PAGE_SOURCE *source, MM_FAULT_INFO *info)
{
    MMSYSTEM *system = process->System;
    uint32_t pfn;
    NTSTATUS io;
    MMINPAGE_SUPPORT *block = StartInPage(system, source, va, &pfn, &io);
    if (!block) {
        return STATUS_NO_MEMORY;
    }
    MMPFN *p = MiGetPfn(system, pfn);
    MiSetPfnProcessOwner(p, process, va, original);
    p->ShareCount = 0;
    p->ReferenceCount = 1;              /* the I/O's */
    p->ReadInProgress = 1;
    MiWritePte(process, pte, MiMakeTransitionPte(pfn, MiPteProtection(original)));

    *block = (MMINPAGE_SUPPORT){
        .System = system, .Process = process, .Va = va & ~PAGE_MASK, .Pfn = pfn,
        .Slot = source->Slot, .Original = original, .IoStatus = io,
        .CompletionTime = info->IoCompletionTime, .Id = ++system->InPageIssued,
        .References = 2,                /* the I/O's and the faulting thread's */
    };
    return QueueInPage(system, block, io, info);
}

/*
 * The same for a section's page (NT's in-page of a prototype PTE): the
 * frame is the section's, the prototype goes into transition on it, and
 * the faulting process's PTE stays as it was. When the read completes the
 * page is clean on Standby, found by its transition prototype: every
 * waiter re-executes its instruction and makes it valid in its own view
 * (a soft fault). A failed read puts the prototype back.
 */
NTSTATUS MiIssueSectionRead(MMPROCESS *process, MMSECTION *section, uint32_t index, uint32_t va,
                            const MI_PAGE_SOURCE *source, MM_FAULT_INFO *info)
{
    MMSYSTEM *system = process->System;
    MMPTE *proto = &section->PrototypePte[index];
    MMPTE original = *proto;
    uint32_t pfn;
    NTSTATUS io;
    MMINPAGE_SUPPORT *block = StartInPage(system, source, va, &pfn, &io);
    if (!block) {
        return STATUS_NO_MEMORY;
    }
    MMPFN *p = MiGetPfn(system, pfn);
    MiSetPfnSectionOwner(p, section, index);
    p->OriginalPte = original;
    p->Modified = 0;
    p->ShareCount = 0;
    p->ReferenceCount = 1;              /* the I/O's */
    p->ReadInProgress = 1;
    *proto = MiMakeTransitionPte(pfn, MiPteProtection(original));
    *block = (MMINPAGE_SUPPORT){
        .System = system, .Process = process, .Section = section, .Va = va & ~PAGE_MASK,
        .Pfn = pfn, .Original = original, .IoStatus = io,
        .CompletionTime = info->IoCompletionTime, .Id = ++system->InPageIssued,
        .References = 2,
    };
    return QueueInPage(system, block, io, info);
}

static void CompleteSectionRead(MMINPAGE_SUPPORT *block)
{
    MMSYSTEM *system = block->System;
    MMPFN *p = MiGetPfn(system, block->Pfn);
    if (p->DeletePending) {
        MiReleaseFrame(system, block->Pfn); /* the section went meanwhile */
    } else if (block->IoStatus == STATUS_SUCCESS) {
        MiInsertPageInList(system, StandbyPageList, block->Pfn);
    } else {
        *MiPfnPteAddress(p) = block->Original;
        MiReleaseFrame(system, block->Pfn);
    }
}

static void Release(MMINPAGE_SUPPORT *block)
{
    if (--block->References > 0) {
        return;
    }
    MMINPAGE_SUPPORT **link = &block->System->InPageList;
    while (*link != block) {
        link = &(*link)->Next;
    }
    *link = block->Next;
    free(block);
}

/*
 * The read is over (NT: the I/O completion signals the block's event, and
 * the faulting thread finishes the fault). The PTE is the transition PTE
 * MiIssuePageRead wrote, with whatever protection it has been given since;
 * if the page was deleted meanwhile (DeletePending) the frame only goes.
 */
static void Complete(MMINPAGE_SUPPORT *block)
{
    MMSYSTEM *system = block->System;
    MMPFN *p = MiGetPfn(system, block->Pfn);
    block->Completed = true;
    p->ReadInProgress = 0;
    p->ReferenceCount = 0;
    if (block->Section) {
        CompleteSectionRead(block);
    } else if (p->DeletePending) {
        MiReleaseFrame(system, block->Pfn);
    } else {
        MMPROCESS *process = block->Process;
        MMPTE *pte = MiGetPteAddress(process, block->Va, false);
        ASSERT(pte && MiPteIsTransition(*pte) && MiPteFrame(*pte) == block->Pfn);
        uint32_t protection = MiPteProtection(*pte);
        MMPTE original = MiSetPteProtection(block->Original, protection);
        NTSTATUS status = block->IoStatus;
        if (status == STATUS_SUCCESS) {
            status = MiAddValidPage(process, pte, block->Va, block->Pfn, original);
        }
        if (status != STATUS_SUCCESS) {
            /* The page stays where it was: touching it again reads again. */
            block->IoStatus = status;
            MiWritePte(process, pte, original);
            MiReleaseFrame(system, block->Pfn);
        }
    }
    Release(block); /* the I/O's reference */
}

NTSTATUS MiResolveCollidedFault(MMPROCESS *process, MMPTE *pte, uint32_t va,
                                MM_FAULT_INFO *info)
{
    MMSYSTEM *system = process->System;
    MMINPAGE_SUPPORT *block = FindBlock(system, MiPteFrame(*pte));
    ASSERT(block);
    if (!block) {
        return STATUS_IN_PAGE_ERROR;
    }
    info->Kind = MmFaultCollided;
    info->Pfn = block->Pfn;
    info->Slot = block->Slot;
    system->Stats.CollidedFaults++;
    if (!info->CanWait) {
        /* The kernel cannot wait in the middle of a service: the read
         * completes now, and its waiters wake at the next chance. */
        block->References++;
        Complete(block);
        NTSTATUS io = block->IoStatus;
        Release(block);
        (void)va;
        if (io != STATUS_SUCCESS) {
            info->IoStatus = io;
            return STATUS_IN_PAGE_ERROR;
        }
        return STATUS_SUCCESS;
    }
    block->References++;
    info->InPage = block;
    if (block->IoStatus != STATUS_SUCCESS) {
        info->IoStatus = block->IoStatus;
    }
    return STATUS_PENDING;
}

NTSTATUS MiInPageOutcome(const MMINPAGE_SUPPORT *block)
{
    return block->IoStatus == STATUS_SUCCESS ? STATUS_SUCCESS : STATUS_IN_PAGE_ERROR;
}

void MiCompleteAllInPage(MMSYSTEM *system)
{
    for (MMINPAGE_SUPPORT *b = system->InPageList, *next; b; b = next) {
        next = b->Next; /* Complete may free b */
        if (!b->Completed) {
            Complete(b);
        }
    }
}

void MiFreeInPageBlocks(MMSYSTEM *system)
{
    while (system->InPageList) {
        MMINPAGE_SUPPORT *b = system->InPageList;
        system->InPageList = b->Next;
        free(b);
    }
}

bool MmNextIoCompletion(MMSYSTEM *system, uint64_t *time)
{
    bool any = false;
    for (MMINPAGE_SUPPORT *b = system->InPageList; b; b = b->Next) {
        if (!b->Completed && (!any || b->CompletionTime < *time)) {
            *time = b->CompletionTime;
            any = true;
        }
    }
    return any;
}

void MmCompleteIo(MMSYSTEM *system, uint64_t now)
{
    for (MMINPAGE_SUPPORT *b = system->InPageList, *next; b; b = next) {
        next = b->Next;
        if (!b->Completed && b->CompletionTime <= now) {
            Complete(b);
        }
    }
    if (system->ClusterCount && system->ClusterDueTime && system->ClusterDueTime <= now) {
        MiCompleteModifiedWrite(system);
        MiFlushTlbIfNeeded(system);
    }
}

bool MmInPageComplete(const MMINPAGE_SUPPORT *block, NTSTATUS *io_status)
{
    *io_status = block->IoStatus;
    return block->Completed;
}

uint32_t MmInPageId(const MMINPAGE_SUPPORT *block)
{
    return block->Id;
}

void MmReferenceInPage(MMINPAGE_SUPPORT *block)
{
    block->References++;
}

void MmDereferenceInPage(MMINPAGE_SUPPORT *block)
{
    Release(block);
}
