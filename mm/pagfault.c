/*
 * Page faults: MmAccessFault decides what a fault means from the PTE (and,
 * where the PTE says nothing, the VAD), resolves it, or names the exception
 * to raise. The order of the checks is NT's: the access is checked against
 * the page's protection first (a write to a read-only guard page is an
 * access violation, and the guard stays), then the guard, then the page is
 * made resident.
 */
#include "mm/mi.h"

/* The fault log's names (PF_KIND_* for those its views count). */
static const char *const FaultKindNames[MmFaultKindCount] = {
    [MmFaultDemandZero] = PF_KIND_DEMAND_ZERO,
    [MmFaultTransition] = PF_KIND_TRANSITION,
    [MmFaultHard] = PF_KIND_HARD,
    [MmFaultGuardPage] = PF_KIND_GUARD,
    [MmFaultStackGrowth] = PF_KIND_STACK_GROWTH,
    [MmFaultCopyOnWrite] = PF_KIND_COPY_ON_WRITE,
    [MmFaultWriteCopyPrivate] = "write-copy",
    [MmFaultSpurious] = "spurious",
    [MmFaultAccessViolation] = PF_KIND_ACCESS_VIOLATION,
    [MmFaultStackOverflow] = "stack-overflow",
    [MmFaultInPageError] = PF_KIND_IN_PAGE_ERROR,
    [MmFaultSharedPage] = "shared",
    [MmFaultHardFile] = PF_KIND_HARD_FILE,
    [MmFaultCollided] = PF_KIND_COLLIDED,
    [MmFaultRedirtied] = PF_KIND_REDIRTIED,
};

const char *MmFaultKindName(MM_FAULT_KIND kind)
{
    return kind < MmFaultKindCount ? FaultKindNames[kind] : "unknown";
}

static bool IsGuard(uint32_t protection)
{
    return (protection & MM_PROTECT_SPECIAL) == MM_GUARD_PAGE &&
           (protection & MM_PROTECT_ACCESS) != 0;
}

/* The access check of MiAccessCheck: may this access touch a page with
 * this protection at all (guard aside)? */
static bool AccessAllowed(const MMPROCESS *process, uint32_t protection, uint32_t access)
{
    /* MM_NOACCESS is the special bits 0x18 with no base access; the same
     * bits on a base access are WRITECOMBINE, which allows it. */
    uint32_t base = protection & MM_PROTECT_ACCESS;
    if (base == MM_ZERO_ACCESS) {
        return false;
    }
    if (access == EXCEPTION_WRITE_FAULT) {
        return MiIsPteProtectionWritable(protection);
    }
    if (access == EXCEPTION_EXECUTE_FAULT) {
        /* DEP off for this process: whatever can be read can be run. */
        return process->ExecuteEnable || MiIsPteProtectionExecutable(protection);
    }
    return true;
}

/*
 * A frame becomes a valid page of the process at va: the PTE, the PFN's
 * back-pointers and the working-set entry. OriginalPte is what the PTE
 * goes back to when the frame is taken away again (the pagefile slot, if
 * the page has one, and the protection).
 */
NTSTATUS MiAddValidPage(MMPROCESS *process, MMPTE *pte, uint32_t va, uint32_t pfn,
                        MMPTE original)
{
    MMSYSTEM *system = process->System;
    MMPFN *p = MiGetPfn(system, pfn);
    if (!MiInsertWsle(process, pfn, va)) {
        return STATUS_NO_MEMORY;
    }
    MiSetPfnProcessOwner(p, process, va, original);
    p->ShareCount = 1;
    p->Location = ActiveAndValid;
    MiWritePte(process, pte, MiMakeValidPte(pfn, MiPteProtection(original)));
    return STATUS_SUCCESS;
}

NTSTATUS MiMakePrivatePageValid(MMPROCESS *process, MMPTE *pte, uint32_t va,
                                uint32_t protection)
{
    MMSYSTEM *system = process->System;
    uint32_t pfn = MiRemoveZeroPage(system);
    if (pfn == MI_PFN_NONE) {
        return STATUS_NO_MEMORY;
    }
    NTSTATUS status = MiAddValidPage(process, pte, va, pfn, MiMakeDemandZeroPte(protection));
    if (status != STATUS_SUCCESS) {
        MiReleaseFrame(system, pfn);
    }
    return status;
}

/*
 * MiResolveTransitionFault: the page is still in memory, on the Standby or
 * Modified list (or in the modified page writer's cluster): take it back.
 * No I/O. A page that was modified stays so (its Modified flag sends it
 * back to the Modified list when it is trimmed again).
 */
static NTSTATUS ResolveTransitionFault(MMPROCESS *process, MMPTE *pte, uint32_t va,
                                       uint32_t protection, MM_FAULT_INFO *info)
{
    MMSYSTEM *system = process->System;
    uint32_t pfn = MiPteFrame(*pte);
    MMPFN *p = MiGetPfn(system, pfn);
    bool listed = !p->WriteInProgress;
    if (listed) {
        MiUnlinkPageFromList(system, pfn);
    }
    MMPTE original = MiSetPteProtection(p->OriginalPte, protection);
    NTSTATUS status = MiAddValidPage(process, pte, va, pfn, original);
    if (status != STATUS_SUCCESS) {
        /* Host memory for the working set ran out: the page stays where it was. */
        if (listed) {
            MiInsertPageInList(system, p->Modified ? ModifiedPageList : StandbyPageList, pfn);
        }
        return status;
    }
    info->Kind = MmFaultTransition;
    info->Pfn = pfn;
    info->Slot = MiPtePageFileHigh(original); /* where its pagefile copy is, if any */
    return STATUS_SUCCESS;
}

/*
 * In-page clustering, as NT's MiResolvePageFileFault does it: the pages
 * after the faulting one whose PTEs (in the same page table) say they are
 * in the next slots of the pagefile are read too, while memory is not
 * short, and put on the Standby list in transition. If the program goes on
 * to touch them, as sequential access does, each costs a soft fault
 * instead of a hard one. Random access would only waste the reads (and
 * push out Standby pages it may want), so the cluster is read when this
 * hard fault follows the process's previous one within a cluster's
 * distance. A read that fails here is forgotten: the page stays in the
 * pagefile, and its own fault will try again. (MI_READ_CLUSTER_PAGES,
 * the faulting page and seven after it, is in mi.h.)
 */

/* A hard fault's cluster: its own page first (when the fault reads it
 * with the others), then the pages after it, each with its PTE, the PTE's
 * value, its slot and the frame taken for it. */
typedef struct MI_READ_CLUSTER {
    MMPTE *Ptes[MI_READ_CLUSTER_PAGES];
    MMPTE Values[MI_READ_CLUSTER_PAGES];
    uint32_t Slots[MI_READ_CLUSTER_PAGES];
    uint32_t Pfns[MI_READ_CLUSTER_PAGES];
    uint32_t Count, First; /* First: the first page read ahead (0 or 1) */
} MI_READ_CLUSTER;

/* Whether this hard fault follows the process's previous one within a
 * cluster's distance; it becomes the previous one. */
static bool Sequential(MMPROCESS *process, uint32_t va)
{
    uint32_t page = va & ~PAGE_MASK;
    uint32_t previous = process->LastHardFault;
    process->LastHardFault = page;
    return page > previous && page - previous <= MI_READ_CLUSTER_PAGES * PAGE_SIZE;
}

/* Appends the pages after va's whose PTEs name the slots after its slot,
 * each given a frame, while memory is not short. */
static void CollectReadAhead(MMPROCESS *process, uint32_t va, uint32_t slot, MI_READ_CLUSTER *c)
{
    MMSYSTEM *system = process->System;
    uint32_t page = va & ~PAGE_MASK;
    c->First = c->Count;
    for (uint32_t k = 1; c->Count < MI_READ_CLUSTER_PAGES; k++) {
        uint32_t next = page + k * PAGE_SIZE;
        /* The frames taken so far count as available: they will be
         * Standby pages again. */
        uint32_t taken = c->Count - c->First;
        if ((next & 0x1FFFFF) == 0 ||
            MiAvailablePages(system) + taken < system->MinimumAvailable + 2 * k) {
            break; /* another page table, or memory is short */
        }
        MMPTE *pte = MiGetPteAddress(process, next, false);
        MMPTE value = *pte;
        if (MiPteIsValid(value) || (value & (MM_PTE_TRANSITION | MM_PTE_PROTOTYPE)) ||
            MiPtePageFileHigh(value) != slot + k) {
            break;
        }
        uint32_t pfn = MiRemoveAnyPage(system);
        if (pfn == MI_PFN_NONE) {
            break;
        }
        c->Ptes[c->Count] = pte, c->Values[c->Count] = value;
        c->Slots[c->Count] = slot + k, c->Pfns[c->Count] = pfn;
        c->Count++;
    }
}

/* The pages read ahead go to Standby behind transition PTEs; those the
 * read did not reach (it failed there) give their frames back. */
static void FinishReadAhead(MMPROCESS *process, uint32_t va, const MI_READ_CLUSTER *c,
                            uint32_t done)
{
    MMSYSTEM *system = process->System;
    uint32_t page = va & ~PAGE_MASK;
    for (uint32_t i = c->First; i < c->Count; i++) {
        if (i >= done) {
            MiReleaseFrame(system, c->Pfns[i]);
            continue;
        }
        MMPFN *p = MiGetPfn(system, c->Pfns[i]);
        MiSetPfnProcessOwner(p, process, page + (i - c->First + 1) * PAGE_SIZE, c->Values[i]);
        p->ShareCount = 0;
        MiInsertPageInList(system, StandbyPageList, c->Pfns[i]);
        MiWritePte(process, c->Ptes[i],
                   MiMakeTransitionPte(c->Pfns[i], MiPteProtection(c->Values[i])));
        system->Stats.PagesReadAhead++;
    }
}

/* Read-ahead alone, after the faulting page's own read (a fault that
 * waits for its read: inpage.c reads that page). */
static void ReadAhead(MMPROCESS *process, uint32_t va, uint32_t slot)
{
    if (!Sequential(process, va)) {
        return;
    }
    MI_READ_CLUSTER c = {.Count = 0};
    CollectReadAhead(process, va, slot, &c);
    NTSTATUS io;
    FinishReadAhead(process, va, &c, MiReadPageFileCluster(process->System, c.Count, c.Slots,
                                                           c.Pfns, &io));
}

NTSTATUS MiReadPageFromPageFile(MMSYSTEM *system, uint32_t slot, uint32_t va, uint32_t *out,
                                MM_FAULT_INFO *info)
{
    uint32_t pfn = MiRemoveAnyPage(system);
    if (pfn == MI_PFN_NONE) {
        return STATUS_NO_MEMORY;
    }
    NTSTATUS io = MiReadPageInto(system, &(MI_PAGE_SOURCE){.Slot = slot}, va, pfn);
    if (io != STATUS_SUCCESS) {
        MiReleaseFrame(system, pfn);
        info->Kind = MmFaultInPageError;
        info->IoStatus = io;
        return STATUS_IN_PAGE_ERROR;
    }
    *out = pfn;
    return STATUS_SUCCESS;
}

/*
 * MiResolvePageFileFault: the page is in the pagefile. A frame is taken
 * (repurposing a Standby page if need be), the slot read into it, and the
 * page made valid; the slot stays allocated, so the page is clean and can
 * be trimmed to Standby without being written again. A read that fails
 * leaves the PTE as it was and the frame free: STATUS_IN_PAGE_ERROR, with
 * the pagefile's status for the exception's third parameter.
 */
static NTSTATUS ResolvePageFileFault(MMPROCESS *process, MMPTE *pte, uint32_t va,
                                     uint32_t protection, MM_FAULT_INFO *info)
{
    MMSYSTEM *system = process->System;
    uint32_t slot = MiPtePageFileHigh(*pte);
    info->Slot = slot;
    info->Kind = MmFaultHard;
    if (info->CanWait && info->IoCompletionTime) {
        /* The thread waits for the read while others run (inpage.c). */
        NTSTATUS pending = MiIssuePageRead(process, pte, va, MiMakePageFilePte(slot, protection),
                                           &(MI_PAGE_SOURCE){.Slot = slot}, info);
        if (pending == STATUS_PENDING && info->Kind == MmFaultHard) {
            ReadAhead(process, va, slot);
        }
        return pending;
    }
    /* The faulting page and its read-ahead cluster: one read for them all
     * (NT's cluster is one I/O). */
    uint32_t pfn = MiRemoveAnyPage(system);
    if (pfn == MI_PFN_NONE) {
        return STATUS_NO_MEMORY;
    }
    MI_READ_CLUSTER c = {.Slots = {slot}, .Pfns = {pfn}, .Count = 1, .First = 1};
    uint32_t last_hard_fault = process->LastHardFault;
    if (Sequential(process, va)) {
        CollectReadAhead(process, va, slot, &c);
    }
    MiArmInjectedReadError(system, va, slot);
    NTSTATUS io;
    uint32_t done = MiReadPageFileCluster(system, c.Count, c.Slots, c.Pfns, &io);
    NTSTATUS status = done ? MiAddValidPage(process, pte, va, pfn, MiMakePageFilePte(slot, protection))
                           : STATUS_IN_PAGE_ERROR;
    if (status != STATUS_SUCCESS) {
        /* The page stays in the pagefile; nothing was read ahead. */
        process->LastHardFault = last_hard_fault;
        for (uint32_t i = 0; i < c.Count; i++) {
            MiReleaseFrame(system, c.Pfns[i]);
        }
        if (!done) {
            info->Kind = MmFaultInPageError;
            info->IoStatus = io;
        }
        return status;
    }
    info->Pfn = pfn;
    FinishReadAhead(process, va, &c, done);
    return STATUS_SUCCESS;
}

/* The protection of a valid page: a private page's PFN holds it, a shared
 * page's working-set entry (each view has its own), KUSER_SHARED_DATA is
 * read-only. */
uint32_t MiValidPageProtection(MMPROCESS *process, uint32_t pfn, uint32_t va)
{
    MMSYSTEM *system = process->System;
    MMPFN *p = MiGetPfn(system, pfn);
    if (p->Use == MiPfnSystem) {
        return MM_READONLY;
    }
    if (p->Use == MiPfnSection) {
        MMWSLE *entry = MiFindWsle(process, pfn, va);
        return entry ? entry->Protection : MM_READONLY;
    }
    return MiPteProtection(p->OriginalPte);
}

void MiSetValidPageProtection(MMPROCESS *process, uint32_t pfn, uint32_t va,
                              uint32_t protection)
{
    MMSYSTEM *system = process->System;
    MMPFN *p = MiGetPfn(system, pfn);
    if (p->Use == MiPfnSection) {
        MMWSLE *entry = MiFindWsle(process, pfn, va);
        if (entry) {
            entry->Protection = (uint8_t)protection;
        }
    } else if (p->Use == MiPfnProcessPrivate) {
        p->OriginalPte = MiSetPteProtection(p->OriginalPte, protection);
    }
}

/* The same, from the PTE's value (0: no page table): a fault has read it already. */
static uint32_t QueryProtection(MMPROCESS *process, MMVAD *vad, uint32_t va, MMPTE value,
                                bool *committed)
{
    if (MiPteIsValid(value)) {
        *committed = true;
        return MiValidPageProtection(process, MiPteFrame(value), va);
    }
    if (vad && ((vad->VadType == VadMapped && value == 0) || (value & MM_PTE_PROTOTYPE))) {
        /* A view page the process does not have: the section says whether
         * it is committed, the PTE (or the view) what protection it has. */
        *committed = *MiViewPrototype(vad, va) != 0;
        uint32_t protection = value ? MiPteProtection(value) : vad->Protection;
        return *committed ? protection : 0;
    }
    if (value == 0) {
        *committed = vad && vad->MemCommit && vad->VadType != VadImageMap;
        return *committed ? vad->Protection : 0;
    }
    uint32_t protection = MiPteProtection(value);
    *committed = protection != MM_ZERO_ACCESS && protection != MM_DECOMMIT;
    return *committed ? protection : 0;
}

uint32_t MiQueryPageProtection(MMPROCESS *process, MMVAD *vad, uint32_t va, bool *committed)
{
    MMPTE *pte = MiGetPteAddress(process, va, false);
    return QueryProtection(process, vad, va, pte ? *pte : 0, committed);
}

/*
 * MiCheckForUserStackOverflow: a guard page inside the thread's stack
 * reservation moves down one page (the stack grows), unless it would leave
 * no page below it — then the program is told STATUS_STACK_OVERFLOW and
 * may use the last page to handle it. The stack is the one the thread's
 * TEB names (NtTib.StackBase and DeallocationStack), read at the fault as
 * NT reads it: a program, fiber or runtime that switches to a stack of its
 * own and says so in its TEB gets growth on that stack.
 */
static NTSTATUS CheckForUserStackOverflow(MMPROCESS *process, uint32_t va)
{
    uint32_t stack_base, reserve_low;
    if (process->FaultDepth > 1 || !process->TebVa ||
        MmCopyFromUser(process, &stack_base, process->TebVa + MM_TEB_STACK_BASE, 4) != STATUS_SUCCESS ||
        MmCopyFromUser(process, &reserve_low, process->TebVa + MM_TEB_DEALLOCATION_STACK, 4) != STATUS_SUCCESS ||
        va < reserve_low || va >= stack_base) {
        return STATUS_GUARD_PAGE_VIOLATION;
    }
    uint32_t page = va & ~PAGE_MASK;
    uint32_t guard = page - PAGE_SIZE;
    uint32_t limit = page;
    if (guard < reserve_low + PAGE_SIZE) {
        /* No room for another guard page: the stack is full. The faulting
         * page is usable (as on NT) so the handler can run, and StackLimit
         * says so. */
        MmWriteProcessMemoryForce(process, process->TebVa + MM_TEB_STACK_LIMIT, &limit, sizeof limit);
        return STATUS_STACK_OVERFLOW;
    }
    MMPTE *pte = MiGetPteAddress(process, guard, true);
    if (!pte) {
        return STATUS_NO_MEMORY;
    }
    /* Commit the page below as the new guard (NT does it with
     * MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD: no second charge if it was
     * committed already). */
    MMVAD *vad = MiLocateAddress(&process->VadRoot, guard >> PAGE_SHIFT);
    bool committed = false;
    if (vad) {
        MiQueryPageProtection(process, vad, guard, &committed);
    }
    if (!committed) {
        if (!MiChargeCommitment(process, 1)) {
            return STATUS_COMMITMENT_LIMIT;
        }
        if (vad) {
            vad->CommitCharge++;
        }
        MiWritePte(process, pte, MiMakeDemandZeroPte(MM_READWRITE | MM_GUARD_PAGE));
    } else {
        /* Committed already (a program that committed its own stack, or
         * one an overflow left committed to its end): only the protection
         * changes, whether the page is resident, in transition or in the
         * pagefile, as MEM_COMMIT on a committed page changes it. */
        MiSetPageProtection(process, vad, guard, MM_READWRITE | MM_GUARD_PAGE);
    }
    /* TEB->NtTib.StackLimit follows the committed part of the stack. */
    MmWriteProcessMemoryForce(process, process->TebVa + MM_TEB_STACK_LIMIT, &limit, sizeof limit);
    return STATUS_SUCCESS;
}

/* A valid PTE: only a protection can have stopped the access. */
static NTSTATUS ResolveValidFault(MMPROCESS *process, MMPTE *pte, uint32_t va,
                                  uint32_t access, MM_FAULT_INFO *info)
{
    MMSYSTEM *system = process->System;
    MMPTE value = *pte;
    uint32_t pfn = MiPteFrame(value);
    MMPFN *p = MiGetPfn(system, pfn);
    uint32_t protection = MiValidPageProtection(process, pfn, va);

    info->Pfn = pfn;
    if (!AccessAllowed(process, protection, access)) {
        info->Kind = MmFaultAccessViolation;
        return STATUS_ACCESS_VIOLATION;
    }
    if (!(value & MM_PTE_OWNER)) {
        /* A guard page on a resident frame (set by NtProtectVirtualMemory):
         * the first touch removes the guard and raises the exception. */
        uint32_t cleared = protection & ~MM_GUARD_PAGE;
        MiSetValidPageProtection(process, pfn, va, cleared);
        MiWritePte(process, pte, MiMakeMappedPte(system, pfn, cleared) |
                   (value & (MM_PTE_ACCESSED | MM_PTE_DIRTY)));
        NTSTATUS status = CheckForUserStackOverflow(process, va);
        info->Kind = status == STATUS_SUCCESS ? MmFaultStackGrowth
                   : status == STATUS_STACK_OVERFLOW ? MmFaultStackOverflow : MmFaultGuardPage;
        return status;
    }
    if (access == EXCEPTION_WRITE_FAULT && !(value & MM_PTE_WRITE)) {
        if ((value & MM_PTE_COPY_ON_WRITE) && p->Use == MiPfnSection) {
            /* A shared page of a copy-on-write view: this process gets its
             * own copy, the other views keep the original. */
            return MiCopyOnWrite(process, pte, va, protection, info);
        }
        if (value & MM_PTE_COPY_ON_WRITE) {
            /* Private pages are already this process's own copy: the first
             * write only turns WRITECOPY into READWRITE, as Windows shows. */
            uint32_t now = MiWithCopyOnWrite(protection, false);
            p->OriginalPte = MiSetPteProtection(p->OriginalPte, now);
            MiWritePte(process, pte, MiMakeValidPte(pfn, now) |
                       (value & (MM_PTE_ACCESSED | MM_PTE_DIRTY)));
            info->Kind = MmFaultWriteCopyPrivate;
            return STATUS_SUCCESS;
        }
        info->Kind = MmFaultAccessViolation;
        return STATUS_ACCESS_VIOLATION;
    }
    if (access == EXCEPTION_EXECUTE_FAULT && (value & MM_PTE_NO_EXECUTE)) {
        if (process->ExecuteEnable) {
            /* DEP is off: the page's NX bit goes on its first execution
             * (as NT makes a readable page executable for a process that
             * allows it). */
            MiWritePte(process, pte, value & ~MM_PTE_NO_EXECUTE);
            info->Kind = MmFaultSpurious;
            return STATUS_SUCCESS;
        }
        info->Kind = MmFaultAccessViolation;
        return STATUS_ACCESS_VIOLATION;
    }
    /* The PTE already allows it: the CPU had a stale translation. */
    info->Kind = MmFaultSpurious;
    return STATUS_SUCCESS;
}

NTSTATUS MiResolveFault(MMPROCESS *process, uint32_t va, uint32_t access, bool user_mode,
                        MM_FAULT_INFO *info)
{
    (void)user_mode;
    info->Kind = MmFaultAccessViolation;
    info->Pfn = MI_PFN_NONE;
    info->Slot = 0;
    info->IoStatus = STATUS_SUCCESS;
    if (va < MI_LOWEST_USER_ADDRESS || va > MI_HIGHEST_USER_ADDRESS) {
        /* Kernel space, the never-mapped 64 KiB at either end — except
         * KUSER_SHARED_DATA, which lives above the highest user address. */
        if ((va & ~PAGE_MASK) != MM_SHARED_USER_DATA_VA) {
            return STATUS_ACCESS_VIOLATION;
        }
    }

    MMPTE *pte = MiGetPteAddress(process, va, false);
    MMPTE value = pte ? *pte : 0;
    if (MiPteIsValid(value)) {
        return ResolveValidFault(process, pte, va, access, info);
    }

    MMVAD *vad = MiLocateAddress(&process->VadRoot, va >> PAGE_SHIFT);
    if (!vad) {
        return STATUS_ACCESS_VIOLATION;
    }
    bool committed;
    uint32_t protection = QueryProtection(process, vad, va, value, &committed);
    if (!committed) {
        return STATUS_ACCESS_VIOLATION; /* reserved or decommitted */
    }
    /* Through a prototype PTE: a view's page, or memory shared with a clone. */
    bool view = (vad->VadType == VadMapped && value == 0) || (value & MM_PTE_PROTOTYPE);
    /* Prototype PTEs exist only in sections (views and clone blocks). */
    ASSERT(!view || vad->Section);
    if (view && !vad->Section) {
        return STATUS_ACCESS_VIOLATION;
    }
    if (!AccessAllowed(process, protection, access)) {
        return STATUS_ACCESS_VIOLATION;
    }
    if (!pte) {
        pte = MiGetPteAddress(process, va, true);
        if (!pte) {
            return STATUS_NO_MEMORY;
        }
    }
    bool grew = false;
    if (IsGuard(protection)) {
        /* The guard goes whatever the page's state (zero, transition or
         * in the pagefile), and the exception is raised. */
        uint32_t cleared = protection & ~MM_GUARD_PAGE;
        MiSetPageProtection(process, vad, va, cleared);
        NTSTATUS status = CheckForUserStackOverflow(process, va);
        if (status != STATUS_SUCCESS) {
            info->Kind = status == STATUS_STACK_OVERFLOW ? MmFaultStackOverflow : MmFaultGuardPage;
            return status;
        }
        /* The stack grew: resolve this page now, no exception. */
        grew = true;
        protection = cleared;
        value = *pte;
    }
    /* A private page written first becomes READWRITE at once (WRITECOPY
     * on private memory is an image's writable data). */
    uint32_t own = access == EXCEPTION_WRITE_FAULT ? MiWithCopyOnWrite(protection, false) : protection;
    NTSTATUS status;
    if (view) {
        /* A write to a copy-on-write view copies the page (section.c). */
        status = MiResolveProtoPteFault(process, vad, pte, va, protection, access, info);
    } else if (MiPteIsTransition(value) && MiGetPfn(process->System, MiPteFrame(value))->ReadInProgress) {
        status = MiResolveCollidedFault(process, pte, va, info);
    } else if (MiPteIsTransition(value)) {
        status = ResolveTransitionFault(process, pte, va, own, info);
        if (status == STATUS_SUCCESS && access == EXCEPTION_WRITE_FAULT &&
            MiGetPfn(process->System, info->Pfn)->WriteInProgress) {
            info->Kind = MmFaultRedirtied; /* its pagefile copy is stale already */
        }
    } else if (MiPtePageFileHigh(value) != 0) {
        status = ResolvePageFileFault(process, pte, va, own, info);
    } else {
        info->Kind = MmFaultDemandZero;
        status = MiMakePrivatePageValid(process, pte, va, own);
        if (status == STATUS_SUCCESS) {
            info->Pfn = MiPteFrame(*pte);
        }
    }
    if (grew && status == STATUS_SUCCESS) {
        info->Kind = MmFaultStackGrowth;
    }
    return status;
}

NTSTATUS MmAccessFault(MMPROCESS *process, uint32_t va, uint32_t access, bool user_mode,
                       MM_FAULT_INFO *info)
{
    MMSYSTEM *system = process->System;
    MM_FAULT_INFO local = {.Eip = process->ServiceEip};
    if (!info) {
        info = &local; /* a fault the kernel takes for a system service */
    }
    ASSERT(process->FaultDepth < 2);
    process->FaultDepth++;
    system->IoCompletionTime = info->IoCompletionTime;
    NTSTATUS status = MiResolveFault(process, va, access, user_mode, info);
    process->FaultDepth--;
    system->Stats.Faults[info->Kind]++;
    if (process->ResidentPages > system->Stats.PeakResidentPages) {
        system->Stats.PeakResidentPages = process->ResidentPages;
    }
    /* A fault that waits for a read is logged now with what the read will give. */
    MiLogFault(process, va, access, status == STATUS_PENDING ? MiInPageOutcome(info->InPage) : status,
               info);
    if (process->FaultDepth > 0) {
        return status; /* nested: the outer fault is not finished */
    }
    /* The policies run here, at a point fixed by the program's own
     * behaviour, so that every run of it pages the same way. */
    MiWorkingSetManager(process);
    MiFlushTlbIfNeeded(system);
    if (system->VerifyEvery && --system->VerifyCountdown == 0) {
        MiVerifyAfterFault(system);
    }
    return status;
}
