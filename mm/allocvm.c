/*
 * NtAllocateVirtualMemory: reserving address space (a VAD) and committing
 * pages inside it (charging commit, writing demand-zero PTEs). Nothing is
 * made resident here: committed memory is zero-filled by the first touch.
 *
 * Also what the other virtual-memory services share: VAD allocation, the
 * commit charge, page-table creation ahead of a change, per-page protection
 * changes and the probing of service arguments.
 *
 * The checks come in NT's order, each with NT's status, so a program sees
 * the same answer as on Windows; nothing is changed until every check that
 * can fail has passed.
 */
#include "mm/mi.h"

#include <stdlib.h>

/* MM_HIGHEST_VAD_ADDRESS: nothing is allocated in the last 64 KiB below
 * MM_HIGHEST_USER_ADDRESS (KUSER_SHARED_DATA's). */

#define MI_VALID_ALLOCATION_TYPES (MEM_COMMIT | MEM_RESERVE | MEM_RESET | MEM_TOP_DOWN | \
                                   MEM_WRITE_WATCH | MEM_PHYSICAL | MEM_LARGE_PAGES | \
                                   MEM_RESET_UNDO)

/* ------------------------------------------------------ VADs and commit */

MMVAD *MiAllocateVad(uint32_t start_vpn, uint32_t end_vpn, MI_VAD_TYPE type, uint32_t protection)
{
    MMVAD *vad = calloc(1, sizeof *vad);
    if (vad) {
        vad->StartingVpn = start_vpn;
        vad->EndingVpn = end_vpn;
        vad->VadType = (uint8_t)type;
        vad->Protection = protection;
        vad->PrivateMemory = type != VadImageMap;
        vad->ImageBase = start_vpn << PAGE_SHIFT;
    }
    return vad;
}

/* A new VAD and the commit charge for its pages (charge: 0 for reserved
 * memory), recorded in its CommitCharge. Nothing is charged on failure. */
NTSTATUS MiAllocateChargedVad(MMPROCESS *process, uint32_t start_vpn, uint32_t end_vpn,
                              MI_VAD_TYPE type, uint32_t protection, uint32_t charge,
                              MMVAD **out)
{
    if (charge && !MiChargeCommitment(process, charge)) {
        return STATUS_COMMITMENT_LIMIT;
    }
    MMVAD *vad = MiAllocateVad(start_vpn, end_vpn, type, protection);
    if (!vad) {
        MiReturnCommitment(process, charge);
        return STATUS_NO_MEMORY;
    }
    vad->CommitCharge = charge;
    *out = vad;
    return STATUS_SUCCESS;
}

void MiFreeVad(MMVAD *vad)
{
    /* A view, or memory shared with a clone, holds its section. */
    if (vad->Section) {
        ExDereferenceObject(&vad->Section->Header);
    }
    free(vad->WriteWatchBits);
    free(vad);
}

/*
 * Commit is a promise that the pages can be backed. Without a pagefile the
 * only backing is RAM, so the limit (system->CommitLimit, set when mm
 * starts) is the RAM frames left after the system's own, less a reserve for
 * page tables. When paging arrives the limit grows by the pagefile's size;
 * this check stays where it is, before anything is changed.
 */
bool MiChargeSystemCommitment(MMSYSTEM *system, uint32_t pages)
{
    if (system->CommittedPages + pages > system->CommitLimit) {
        system->Stats.CommitFailures++;
        return false;
    }
    system->CommittedPages += pages;
    if (system->CommittedPages > system->Stats.PeakCommitPages) {
        system->Stats.PeakCommitPages = (uint32_t)system->CommittedPages;
    }
    return true;
}

bool MiChargeCommitment(MMPROCESS *process, uint32_t pages)
{
    MMSYSTEM *system = process->System;
    if (!MiChargeSystemCommitment(system, pages)) {
        return false;
    }
    process->CommitCharge += pages;
    if (process->CommitCharge > process->CommitPeak) {
        process->CommitPeak = process->CommitCharge;
    }
    return true;
}

void MiReturnCommitment(MMPROCESS *process, uint32_t pages)
{
    MMSYSTEM *system = process->System;
    system->CommittedPages -= pages;
    process->CommitCharge -= pages;
}

/* Creates the page tables for [start, end] so that writing PTEs there
 * cannot fail half-way. */
bool MiMakePageTablesExist(MMPROCESS *process, uint32_t start, uint32_t end)
{
    for (uint64_t va = start; va <= end; va = (va | 0x1FFFFF) + 1) {
        if (!MiGetPteAddress(process, (uint32_t)va, true)) {
            return false;
        }
    }
    return true;
}

/*
 * Gives one page this protection, committing it if it was not: a resident
 * page gets new hardware bits and its PFN's OriginalPte the protection; a
 * software PTE keeps everything but its protection; a zero or decommitted
 * PTE becomes demand-zero. The page tables must exist.
 */
void MiSetPageProtection(MMPROCESS *process, MMVAD *vad, uint32_t va, uint32_t protection)
{
    MMSYSTEM *system = process->System;
    MMPTE *pte = MiGetPteAddress(process, va, false);
    if (!pte) {
        return;
    }
    MMPTE value = *pte;
    MMPTE field = (MMPTE)protection << MM_PTE_PROTECTION_SHIFT;
    if (MiPteIsValid(value)) {
        uint32_t pfn = MiPteFrame(value);
        MMPFN *p = MiGetPfn(system, pfn);
        if (p->Use != MiPfnProcessPrivate && p->Use != MiPfnSection) {
            return; /* KUSER_SHARED_DATA's frame is not this process's to change */
        }
        MiSetValidPageProtection(process, pfn, va, protection);
        MiWritePte(process, pte, MiMakeMappedPte(system, pfn, protection) |
                   (value & (MM_PTE_ACCESSED | MM_PTE_DIRTY)));
    } else if (vad && ((vad->VadType == VadMapped && value == 0) || (value & MM_PTE_PROTOTYPE))) {
        MiWritePte(process, pte, MiMakePrototypePointerPte(protection));
    } else if (MiPteIsTransition(value)) {
        MMPFN *p = MiGetPfn(system, MiPteFrame(value));
        p->OriginalPte = (p->OriginalPte & ~MM_PTE_PROTECTION_MASK) | field;
        MiWritePte(process, pte, (value & ~MM_PTE_PROTECTION_MASK) | field);
    } else if (value == 0 || MiPteProtection(value) == MM_DECOMMIT) {
        MiWritePte(process, pte, MiMakeDemandZeroPte(protection));
    } else {
        MiWritePte(process, pte, (value & ~MM_PTE_PROTECTION_MASK) | field);
    }
}

/* ------------------------------------------------ service arguments */

/* ProbeForWriteUlong and capture: the argument must be readable and
 * writable, as NT probes it. Returns the exception's status. */
NTSTATUS MiCaptureUlong(MMPROCESS *caller, uint32_t va, uint32_t *value)
{
    NTSTATUS status = MmCopyFromUser(caller, value, va, sizeof *value);
    if (status == STATUS_SUCCESS) {
        status = MmCopyToUser(caller, va, value, sizeof *value);
    }
    return status;
}

/* ProbeForWrite: aligned, inside user space, and every page writable
 * (each is read and written back, as NT does). */
NTSTATUS MiProbeForWrite(MMPROCESS *caller, uint32_t va, uint32_t length, uint32_t alignment)
{
    if (length == 0) {
        return STATUS_SUCCESS;
    }
    if (va & (alignment - 1)) {
        return STATUS_DATATYPE_MISALIGNMENT;
    }
    uint64_t end = (uint64_t)va + length;
    if (end > MI_USER_PROBE_ADDRESS) {
        return STATUS_ACCESS_VIOLATION;
    }
    for (uint64_t at = va; at < end; at = (at | PAGE_MASK) + 1) {
        uint8_t byte;
        NTSTATUS status = MmCopyFromUser(caller, &byte, (uint32_t)at, 1);
        if (status == STATUS_SUCCESS) {
            status = MmCopyToUser(caller, (uint32_t)at, &byte, 1);
        }
        if (status != STATUS_SUCCESS) {
            return status;
        }
    }
    return STATUS_SUCCESS;
}

/* ------------------------------------------------------------ allocate */

/* The checks NT makes before it touches the caller's pointers. */
static NTSTATUS CheckAllocationType(uint32_t zero_bits, uint32_t type, uint32_t protect,
                                    uint32_t *protection)
{
    if (zero_bits > MM_MAXIMUM_ZERO_BITS) {
        return STATUS_INVALID_PARAMETER_3;
    }
    if ((type & ~MI_VALID_ALLOCATION_TYPES) ||
        !(type & (MEM_COMMIT | MEM_RESERVE | MEM_RESET | MEM_RESET_UNDO))) {
        return STATUS_INVALID_PARAMETER_5;
    }
    /* MEM_RESET and MEM_RESET_UNDO stand alone. */
    if ((type & (MEM_RESET | MEM_RESET_UNDO)) && type != MEM_RESET && type != MEM_RESET_UNDO) {
        return STATUS_INVALID_PARAMETER_5;
    }
    if ((type & MEM_LARGE_PAGES) &&
        (!(type & MEM_COMMIT) || (type & (MEM_PHYSICAL | MEM_WRITE_WATCH)))) {
        return STATUS_INVALID_PARAMETER_5;
    }
    if ((type & MEM_WRITE_WATCH) && !(type & MEM_RESERVE)) {
        return STATUS_INVALID_PARAMETER_5;
    }
    if (type & MEM_PHYSICAL) {
        if ((type & ~(MEM_RESERVE | MEM_TOP_DOWN | MEM_PHYSICAL)) || !(type & MEM_RESERVE)) {
            return STATUS_INVALID_PARAMETER_5;
        }
        if (protect != PAGE_READWRITE) {
            return STATUS_INVALID_PARAMETER_6;
        }
    }
    *protection = MiMakeProtectionMask(protect);
    return *protection == MM_INVALID_PROTECTION ? STATUS_INVALID_PAGE_PROTECTION
                                                : STATUS_SUCCESS;
}

static bool IsCopyOnWrite(uint32_t protection)
{
    uint32_t access = protection & MM_PROTECT_ACCESS;
    return access == MM_WRITECOPY || access == MM_EXECUTE_WRITECOPY;
}

uint32_t MmZeroBitsLimit(uint32_t zero_bits)
{
    /* 1 leaves all of user space, as on Windows since Vista (XP refused it). */
    uint32_t top = zero_bits ? 0xFFFFFFFFu >> zero_bits : MI_HIGHEST_VAD_ADDRESS;
    return top < MI_HIGHEST_VAD_ADDRESS ? top : MI_HIGHEST_VAD_ADDRESS;
}

/* A new VAD: at the base given (64 KiB-aligned), or in the first free
 * range that fits (bottom-up, or top-down) below ZeroBits' limit. */
static NTSTATUS Reserve(MMPROCESS *process, uint32_t *base, uint32_t zero_bits, uint32_t *size,
                        uint32_t type, uint32_t protection)
{
    uint32_t start, end;
    if (IsCopyOnWrite(protection)) {
        return STATUS_INVALID_PAGE_PROTECTION; /* images and views only */
    }
    if (*base == 0) {
        uint32_t top = MmZeroBitsLimit(zero_bits);   /* the whole allocation below it */
        uint32_t pages = (uint32_t)(((uint64_t)*size + PAGE_MASK) >> PAGE_SHIFT);
        uint32_t vpn = MiFindEmptyAddressRange(&process->VadRoot, pages,
                                               ALLOCATION_GRANULARITY >> PAGE_SHIFT,
                                               MI_LOWEST_USER_ADDRESS >> PAGE_SHIFT,
                                               top >> PAGE_SHIFT, (type & MEM_TOP_DOWN) != 0);
        if (vpn == 0) {
            return STATUS_NO_MEMORY;
        }
        start = vpn << PAGE_SHIFT;
        end = start + (pages << PAGE_SHIFT) - 1;
    } else {
        /* ZeroBits only guide where mm chooses; a given base ignores them. */
        start = *base & ~(ALLOCATION_GRANULARITY - 1);
        end = (*base + *size - 1) | PAGE_MASK;
        if (start < MI_LOWEST_USER_ADDRESS) {
            return STATUS_INVALID_PARAMETER_2;
        }
        if (MiCheckForConflictingVad(&process->VadRoot, start >> PAGE_SHIFT, end >> PAGE_SHIFT)) {
            return STATUS_CONFLICTING_ADDRESSES;
        }
    }
    bool commit = (type & MEM_COMMIT) != 0;
    uint32_t pages = ((end - start) >> PAGE_SHIFT) + 1;
    MMVAD *vad;
    NTSTATUS status = MiAllocateChargedVad(process, start >> PAGE_SHIFT, end >> PAGE_SHIFT,
                                           VadNone, protection, commit ? pages : 0, &vad);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if ((type & MEM_WRITE_WATCH) && MiCreateWriteWatch(vad) != STATUS_SUCCESS) {
        MiReturnCommitment(process, vad->CommitCharge);
        MiFreeVad(vad);
        return STATUS_NO_MEMORY;
    }
    /* Committed at birth: no PTEs needed, a zero PTE in this VAD means
     * "demand-zero with the VAD's protection". */
    vad->MemCommit = commit;
    MiInsertVad(&process->VadRoot, vad);
    *base = start;
    *size = end - start + 1;
    return STATUS_SUCCESS;
}

/* MEM_COMMIT inside a reservation; re-committing a committed page only
 * sets its protection (and is not charged again). */
static NTSTATUS Commit(MMPROCESS *process, MMVAD *vad, uint32_t start, uint32_t end,
                       uint32_t protection)
{
    MMSYSTEM *system = process->System;
    uint32_t fresh = 0;
    for (uint64_t va = start; va <= end; va += PAGE_SIZE) {
        bool committed;
        MiQueryPageProtection(process, vad, (uint32_t)va, &committed);
        fresh += !committed;
    }
    if (!MiChargeCommitment(process, fresh)) {
        return STATUS_COMMITMENT_LIMIT;
    }
    if (!MiMakePageTablesExist(process, start, end)) {
        MiReturnCommitment(process, fresh);
        return STATUS_NO_MEMORY;
    }
    vad->CommitCharge += fresh;
    for (uint64_t va = start; va <= end; va += PAGE_SIZE) {
        bool committed;
        uint32_t now = MiQueryPageProtection(process, vad, (uint32_t)va, &committed);
        if (!committed || now != protection) {
            MiSetPageProtection(process, vad, (uint32_t)va, protection);
        }
    }
    MiFlushTlbIfNeeded(system);
    return STATUS_SUCCESS;
}

/*
 * MEM_RESET: the contents are of no further interest. NT marks the pages
 * clean so they are never written to the pagefile; here their frames and
 * slots are given back at once, which is the same to the program — the
 * pages stay committed with their protection (a guard stays armed) and
 * read as zero next time. Pages that are not committed are left alone.
 */
static void Reset(MMPROCESS *process, uint32_t start, uint32_t end)
{
    MMSYSTEM *system = process->System;
    for (uint64_t va = start; va <= end; va += PAGE_SIZE) {
        MMPTE *pte = MiGetPteAddress(process, (uint32_t)va, false);
        if (!pte || *pte == 0 || (*pte & MM_PTE_PROTOTYPE)) {
            continue;
        }
        MMPTE value = *pte;
        uint32_t protection;
        if (MiPteIsValid(value)) {
            MMPFN *p = MiGetPfn(system, MiPteFrame(value));
            if (p->Use != MiPfnProcessPrivate) {
                continue;
            }
            protection = MiPteProtection(p->OriginalPte);
        } else {
            protection = MiPteProtection(value);
            if (protection == MM_DECOMMIT || (!MiPteIsTransition(value) &&
                                              MiPtePageFileHigh(value) == 0)) {
                continue; /* decommitted, or demand-zero already */
            }
        }
        MiDeletePte(process, pte, (uint32_t)va, MiMakeDemandZeroPte(protection));
    }
    MiFlushTlbIfNeeded(system);
}

/* MEM_COMMIT with a base, or MEM_RESET: inside one existing VAD. */
static NTSTATUS CommitOrReset(MMPROCESS *process, uint32_t *base, uint32_t *size, uint32_t type,
                              uint32_t protect, uint32_t protection)
{
    uint32_t start, end;
    if (type == MEM_RESET) {
        /* Inward to whole pages, so no byte outside the range is lost. */
        start = (uint32_t)(((uint64_t)*base + PAGE_MASK) & ~(uint64_t)PAGE_MASK);
        uint32_t stop = (*base + *size) & ~PAGE_MASK;
        if (start >= stop) {
            return STATUS_CONFLICTING_ADDRESSES;
        }
        end = stop - 1;
    } else {
        start = *base & ~PAGE_MASK;
        end = (*base + *size - 1) | PAGE_MASK;
    }
    MMVAD *vad = MiCheckForConflictingVad(&process->VadRoot, start >> PAGE_SHIFT,
                                          end >> PAGE_SHIFT);
    if (!vad || (start >> PAGE_SHIFT) < vad->StartingVpn || (end >> PAGE_SHIFT) > vad->EndingVpn) {
        return STATUS_CONFLICTING_ADDRESSES; /* not reserved, or across two reservations */
    }
    if (vad->VadType == VadMapped && type == MEM_COMMIT && vad->Section) {
        /* A view: the pages (of a SEC_RESERVE section, committed in the
         * section for every view) take the protection asked for, if the
         * view and its section allow it (protview.c). */
        NTSTATUS status = MiCommitViewPages(process, vad, start, end, protection);
        if (status == STATUS_SUCCESS) {
            *base = start;
            *size = end - start + 1;
        }
        return status;
    }
    if (vad->VadType == VadMapped && type == MEM_RESET && vad->Section &&
        !vad->Section->File && !vad->Section->Segment) {
        /* A view of a paging-file section: NT marks its pages clean, which
         * only spares the pagefile a write; the pages are the section's,
         * seen by every view, so here they are left as they are (a view of
         * a file still refuses: STATUS_USER_MAPPED_FILE). */
        *base = start;
        *size = end - start + 1;
        return STATUS_SUCCESS;
    }
    if (!vad->PrivateMemory) {
        /* An image: its pages are committed by the section behind it. */
        if (type == MEM_RESET) {
            return STATUS_USER_MAPPED_FILE;
        }
        return (protect & PAGE_NOCACHE) ? STATUS_INVALID_PAGE_PROTECTION
                                        : STATUS_ALREADY_COMMITTED;
    }
    if (type == MEM_RESET) {
        Reset(process, start, end);
    } else {
        if (IsCopyOnWrite(protection)) {
            return STATUS_INVALID_PAGE_PROTECTION;
        }
        /* The reservation's NOCACHE/WRITECOMBINE, not the commit's. */
        protection = MiWithAllocationCache(vad, protection);
        if (protection == MM_INVALID_PROTECTION) {
            return STATUS_INVALID_PAGE_PROTECTION;
        }
        NTSTATUS status = Commit(process, vad, start, end, protection);
        if (status != STATUS_SUCCESS) {
            return status;
        }
    }
    *base = start;
    *size = end - start + 1;
    return STATUS_SUCCESS;
}

/* Everything after the arguments are captured. */
static NTSTATUS AllocateCaptured(MMPROCESS *process, uint32_t *base, uint32_t zero_bits,
                                 uint32_t *size, uint32_t type, uint32_t protect,
                                 uint32_t protection)
{
    if (*base > MI_HIGHEST_VAD_ADDRESS) {
        return STATUS_INVALID_PARAMETER_2;
    }
    if (MI_HIGHEST_VAD_ADDRESS + 1 - *base < *size || *size == 0) {
        return STATUS_INVALID_PARAMETER_4;
    }
    if (type & MEM_LARGE_PAGES) {
        return STATUS_PRIVILEGE_NOT_HELD; /* no process holds SeLockMemoryPrivilege */
    }
    if (type & (MEM_PHYSICAL | MEM_RESET_UNDO)) {
        return STATUS_NOT_SUPPORTED; /* AWE and reset-undo are not implemented */
    }
    /* MEM_COMMIT without a base reserves as well (VirtualAlloc relies on it). */
    if (*base == 0 || (type & MEM_RESERVE)) {
        return Reserve(process, base, zero_bits, size, type, protection);
    }
    return CommitOrReset(process, base, size, type, protect, protection);
}

NTSTATUS MmAllocateVirtual(MMPROCESS *process, uint32_t *base, uint32_t zero_bits,
                           uint32_t *size, uint32_t type, uint32_t protect)
{
    uint32_t protection;
    NTSTATUS status = CheckAllocationType(zero_bits, type, protect, &protection);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    return AllocateCaptured(process, base, zero_bits, size, type, protect, protection);
}

NTSTATUS NtAllocateVirtualMemory(MMPROCESS *caller, MMPROCESS *target, uint32_t BaseAddress,
                                 uint32_t ZeroBits, uint32_t RegionSize,
                                 uint32_t AllocationType, uint32_t Protect)
{
    uint32_t protection, base, size;
    NTSTATUS status = CheckAllocationType(ZeroBits, AllocationType, Protect, &protection);
    if (status == STATUS_SUCCESS) {
        status = MiCaptureUlong(caller, BaseAddress, &base);
    }
    if (status == STATUS_SUCCESS) {
        status = MiCaptureUlong(caller, RegionSize, &size);
    }
    if (status != STATUS_SUCCESS) {
        return status;
    }
    bool reserving = base == 0 || (AllocationType & MEM_RESERVE);
    status = AllocateCaptured(target, &base, ZeroBits, &size, AllocationType, Protect, protection);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    /* As NT: a reservation reports success even if the results cannot be
     * written back (the memory exists); a commit reports the fault. */
    NTSTATUS written = MmCopyToUser(caller, RegionSize, &size, sizeof size);
    if (written == STATUS_SUCCESS) {
        written = MmCopyToUser(caller, BaseAddress, &base, sizeof base);
    }
    return reserving ? STATUS_SUCCESS : written;
}
