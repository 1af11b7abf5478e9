/*
 * A program looking at its own working set: NtQueryVirtualMemory's
 * MemoryWorkingSetInformation (every page in the working set) and
 * MemoryWorkingSetExInformation (the attributes of the pages asked
 * about), the counters behind GetProcessMemoryInfo, and emptying the
 * working set (EmptyWorkingSet, SetProcessWorkingSetSize(-1, -1)).
 *
 * A NOACCESS or guard page that is resident stays valid here without the
 * user bit (protect.c says why); NT has such a page out of the working
 * set, so it is not reported as in it.
 */
#include "mm/mi.h"

/* The working-set entry of va's page as NT would report it, or NULL. */
static MMWSLE *VisibleEntry(MMPROCESS *process, uint32_t va)
{
    MMPTE *pte = MiGetPteAddress(process, va, false);
    if (!pte || !MiPteIsValid(*pte) || !(*pte & MM_PTE_OWNER)) {
        return NULL;
    }
    return MiFindWsle(process, MiPteFrame(*pte), va & ~PAGE_MASK);
}

static bool IsShared(MMPROCESS *process, const MMWSLE *entry)
{
    return MiGetPfn(process->System, entry->Pfn)->Use != MiPfnProcessPrivate;
}

/* ShareCount: how many views map a shared frame (at most 7: 3 bits). */
static uint32_t ShareCount(MMPROCESS *process, const MMWSLE *entry)
{
    uint32_t count = MiGetPfn(process->System, entry->Pfn)->ShareCount;
    return count > 7 ? 7 : count ? count : 1;
}

/* MEMORY_WORKING_SET_EX_BLOCK (x86): Valid:1 ShareCount:3
 * Win32Protection:11 Shared:1 Node:6 Locked:1 LargePage:1. */
uint32_t MiWorkingSetExAttributes(MMPROCESS *process, uint32_t va)
{
    MMWSLE *entry = VisibleEntry(process, va);
    if (!entry) {
        return 0;
    }
    bool shared = IsShared(process, entry);
    uint32_t protection = MiValidPageProtection(process, entry->Pfn, entry->Va);
    uint32_t attributes = 1u | (MiProtectionToWin32(protection) & 0x7FF) << 4;
    if (shared) {
        attributes |= ShareCount(process, entry) << 1 | 1u << 15;
    }
    if (entry->Locked) {
        attributes |= 1u << 22;
    }
    return attributes;
}

static NTSTATUS QueryWorkingSetEx(MMPROCESS *caller, MMPROCESS *target, uint32_t buffer,
                                  uint32_t length, uint32_t *returned)
{
    uint32_t entries = length / 8;
    for (uint32_t i = 0; i < entries; i++) {
        uint32_t va, attributes;
        NTSTATUS status = MmCopyFromUser(caller, &va, buffer + i * 8, sizeof va);
        if (status != STATUS_SUCCESS) {
            return status;
        }
        attributes = va <= MI_HIGHEST_USER_ADDRESS ? MiWorkingSetExAttributes(target, va) : 0;
        status = MmCopyToUser(caller, buffer + i * 8 + 4, &attributes, sizeof attributes);
        if (status != STATUS_SUCCESS) {
            return status;
        }
    }
    *returned = entries * 8;
    return STATUS_SUCCESS;
}

/* MEMORY_WORKING_SET_INFORMATION: NumberOfEntries, then per page
 * Protection:5 (MM_*) ShareCount:3 Shared:1 Node:3 VirtualPage:20. Too
 * small a buffer still gets the count, with STATUS_INFO_LENGTH_MISMATCH. */
static NTSTATUS QueryWorkingSet(MMPROCESS *caller, MMPROCESS *target, uint32_t buffer,
                                uint32_t length, uint32_t *returned)
{
    MMWSL *ws = &target->Ws;
    uint32_t visible = 0;
    for (uint32_t i = 0; i < ws->Count; i++) {
        visible += VisibleEntry(target, ws->Wsle[i].Va) == &ws->Wsle[i];
    }
    NTSTATUS status = MmCopyToUser(caller, buffer, &visible, sizeof visible);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    *returned = 4 + visible * 4;
    if (length < *returned) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    uint32_t at = buffer + 4;
    for (uint32_t i = 0; i < ws->Count; i++) {
        MMWSLE *e = &ws->Wsle[i];
        if (VisibleEntry(target, e->Va) != e) {
            continue;
        }
        uint32_t block = e->Va | (MiValidPageProtection(target, e->Pfn, e->Va) & 0x1F);
        if (IsShared(target, e)) {
            block |= ShareCount(target, e) << 5 | 1u << 8;
        }
        status = MmCopyToUser(caller, at, &block, sizeof block);
        if (status != STATUS_SUCCESS) {
            return status;
        }
        at += 4;
    }
    return STATUS_SUCCESS;
}

NTSTATUS MiQueryWorkingSetInformation(MMPROCESS *caller, MMPROCESS *target, uint32_t class,
                                      uint32_t buffer, uint32_t length, uint32_t return_length)
{
    uint32_t minimum = class == MemoryWorkingSetExInformation ? 8 : 4;
    if (length < minimum) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    NTSTATUS status = MiProbeForWrite(caller, buffer, length, sizeof(uint32_t));
    if (status == STATUS_SUCCESS && return_length) {
        status = MiProbeForWrite(caller, return_length, sizeof(uint32_t), 1);
    }
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint32_t returned = 0;
    status = class == MemoryWorkingSetExInformation
                 ? QueryWorkingSetEx(caller, target, buffer, length, &returned)
                 : QueryWorkingSet(caller, target, buffer, length, &returned);
    if ((status == STATUS_SUCCESS || status == STATUS_INFO_LENGTH_MISMATCH) && return_length) {
        MmCopyToUser(caller, return_length, &returned, sizeof returned);
    }
    return status;
}

/* -------------------------------------------------------- the counters */

void MmQueryVmCounters(MMPROCESS *process, MM_VM_COUNTERS *counters)
{
    uint64_t pages = 0;
    for (MMVAD *vad = MiGetFirstVad(&process->VadRoot); vad; vad = MiGetNextVad(vad)) {
        pages += vad->EndingVpn - vad->StartingVpn + 1;
    }
    if (pages > process->PeakVirtualPages) {
        process->PeakVirtualPages = pages;
    }
    *counters = (MM_VM_COUNTERS){
        .VirtualSize = (uint32_t)(pages << PAGE_SHIFT),
        .PeakVirtualSize = (uint32_t)(process->PeakVirtualPages << PAGE_SHIFT),
        .WorkingSetSize = process->Ws.Count << PAGE_SHIFT,
        .PeakWorkingSetSize = process->Ws.Peak << PAGE_SHIFT,
        .PagefileUsage = process->CommitCharge << PAGE_SHIFT,
        .PeakPagefileUsage = process->CommitPeak << PAGE_SHIFT,
        .PrivateUsage = process->CommitCharge << PAGE_SHIFT,
    };
}

void MmGetWorkingSetLimits(MMPROCESS *process, uint32_t *minimum, uint32_t *maximum)
{
    *minimum = process->Ws.Minimum;
    *maximum = process->Ws.Maximum;
}

/* Every page out, as far as it can go: locked pages stay. */
uint32_t MmEmptyWorkingSet(MMPROCESS *process)
{
    MMWSL *ws = &process->Ws;
    uint32_t trimmed = MiTrimWorkingSet(process, ws->Count, "empty");
    /* MiTrimWorkingSet keeps the newest entry for a faulting instruction;
     * here no instruction is waiting for it. */
    for (uint32_t i = ws->Count; i-- > 0;) {
        MMWSLE e = ws->Wsle[i];
        if (!e.Locked) {
            MiTrimPage(process, MiGetPteAddress(process, e.Va, false), e.Pfn, e.Va);
            trimmed++;
        }
    }
    MiFlushTlbIfNeeded(process->System);
    return trimmed;
}

/* ------------------------------------------------------------- limits */

/* NT's MmMinimumWorkingSetSize: a smaller minimum is raised to it. */
#define MI_MINIMUM_WORKING_SET 20u

/* As NT's query answers: for each limit, ENABLE if it is hard, DISABLE
 * if not (a new process: MIN_DISABLE | MAX_DISABLE). */
uint32_t MmGetWorkingSetFlags(MMPROCESS *process)
{
    uint32_t flags = process->Ws.Flags;
    return (flags & QUOTA_LIMITS_HARDWS_MIN_ENABLE ? QUOTA_LIMITS_HARDWS_MIN_ENABLE
                                                   : QUOTA_LIMITS_HARDWS_MIN_DISABLE) |
           (flags & QUOTA_LIMITS_HARDWS_MAX_ENABLE ? QUOTA_LIMITS_HARDWS_MAX_ENABLE
                                                   : QUOTA_LIMITS_HARDWS_MAX_DISABLE);
}

NTSTATUS MmAdjustWorkingSetSize(MMPROCESS *process, uint32_t minimum, uint32_t maximum,
                                uint32_t flags)
{
    if ((flags & ~0xFu) ||
        (flags & QUOTA_LIMITS_HARDWS_MIN_ENABLE && flags & QUOTA_LIMITS_HARDWS_MIN_DISABLE) ||
        (flags & QUOTA_LIMITS_HARDWS_MAX_ENABLE && flags & QUOTA_LIMITS_HARDWS_MAX_DISABLE)) {
        return STATUS_INVALID_PARAMETER;
    }
    if (minimum == 0xFFFFFFFFu && maximum == 0xFFFFFFFFu) {
        MmEmptyWorkingSet(process);
        return STATUS_SUCCESS;
    }
    MMWSL *ws = &process->Ws;
    uint32_t min_pages = minimum ? minimum / PAGE_SIZE : ws->Minimum;
    uint32_t max_pages = maximum ? maximum / PAGE_SIZE : ws->Maximum;
    if (min_pages < MI_MINIMUM_WORKING_SET) {
        min_pages = MI_MINIMUM_WORKING_SET;
    }
    if (max_pages < min_pages || max_pages > process->System->Frames) {
        return STATUS_BAD_WORKING_SET_LIMIT;
    }
    /* VirtualLock's pages count against the minimum (locksup.c). */
    if (min_pages < MiLockedPages(process)) {
        return STATUS_BAD_WORKING_SET_LIMIT;
    }
    ws->Minimum = min_pages;
    ws->Maximum = max_pages;
    /* An ENABLE bit sets its flag, the DISABLE bit next to it clears it. */
    ws->Flags = (ws->Flags | (flags & 0x5u)) & ~((flags & 0xAu) >> 1);
    if (ws->Count > max_pages) {
        MiTrimWorkingSet(process, ws->Count - max_pages, "working-set-size");
        MiFlushTlbIfNeeded(process->System);
    }
    return STATUS_SUCCESS;
}
