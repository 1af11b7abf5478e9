/*
 * Write watch (NT's wrtwatch.c): which pages of a MEM_WRITE_WATCH
 * reservation have been written since the watch was last reset.
 *
 * The CPU keeps most of the answer itself: it sets a PTE's Dirty bit on
 * the first store through it. A page is "written" when its valid PTE is
 * dirty, or when the VAD's bitmap says so: the bitmap remembers a write
 * whose Dirty bit was about to be lost (the page trimmed to a transition
 * PTE, or decommitted), as NT's per-VAD bitmap does. Resetting clears
 * both; a Dirty bit cleared here first moves to the PFN's Modified flag,
 * so the page's newer contents still reach the pagefile when it leaves
 * memory, and MiWritePte flushes the TLB so the next store sets Dirty
 * again.
 */
#include "mm/mi.h"

#include <stdlib.h>

#define WRITE_WATCH_FLAG_RESET 1u

NTSTATUS MiCreateWriteWatch(MMVAD *vad)
{
    uint32_t pages = vad->EndingVpn - vad->StartingVpn + 1;
    vad->WriteWatchBits = calloc((pages + 31) / 32, sizeof(uint32_t));
    if (!vad->WriteWatchBits) {
        return STATUS_NO_MEMORY;
    }
    vad->WriteWatch = 1;
    vad->WriteWatchVpn = vad->StartingVpn;
    return STATUS_SUCCESS;
}

static bool TestBit(const MMVAD *vad, uint32_t vpn)
{
    uint32_t bit = vpn - vad->WriteWatchVpn;
    return (vad->WriteWatchBits[bit / 32] >> (bit % 32)) & 1;
}

static void SetBit(MMVAD *vad, uint32_t vpn, bool value)
{
    uint32_t bit = vpn - vad->WriteWatchVpn;
    if (value) {
        vad->WriteWatchBits[bit / 32] |= 1u << (bit % 32);
    } else {
        vad->WriteWatchBits[bit / 32] &= ~(1u << (bit % 32));
    }
}

NTSTATUS MiSplitWriteWatch(const MMVAD *vad, MMVAD *tail)
{
    if (!vad->WriteWatch) {
        return STATUS_SUCCESS;
    }
    NTSTATUS status = MiCreateWriteWatch(tail);
    if (status == STATUS_SUCCESS) {
        for (uint32_t vpn = tail->StartingVpn; vpn <= tail->EndingVpn; vpn++) {
            SetBit(tail, vpn, TestBit(vad, vpn));
        }
    }
    return status;
}

void MiCaptureWriteWatch(MMPROCESS *process, uint32_t va, MMPTE pte)
{
    if (!MiPteIsValid(pte) || !(pte & MM_PTE_DIRTY)) {
        return;
    }
    MMVAD *vad = MiLocateAddress(&process->VadRoot, va >> PAGE_SHIFT);
    if (vad && vad->WriteWatch) {
        SetBit(vad, va >> PAGE_SHIFT, true);
    }
}

static bool PageWritten(MMPROCESS *process, const MMVAD *vad, uint32_t va)
{
    if (TestBit(vad, va >> PAGE_SHIFT)) {
        return true;
    }
    MMPTE *pte = MiGetPteAddress(process, va, false);
    return pte && MiPteIsValid(*pte) && (*pte & MM_PTE_DIRTY);
}

static void ResetPage(MMPROCESS *process, MMVAD *vad, uint32_t va)
{
    SetBit(vad, va >> PAGE_SHIFT, false);
    MMPTE *pte = MiGetPteAddress(process, va, false);
    if (pte && MiPteIsValid(*pte) && (*pte & MM_PTE_DIRTY)) {
        MiGetPfn(process->System, MiPteFrame(*pte))->Modified = 1;
        MiWritePte(process, pte, *pte & ~MM_PTE_DIRTY);
    }
}

/* The write-watch VAD holding [base, base + size), or NULL. */
static MMVAD *LocateWatchedRange(MMPROCESS *process, uint32_t base, uint32_t size)
{
    if (size == 0 || base > MI_HIGHEST_USER_ADDRESS || MI_HIGHEST_USER_ADDRESS - base < size - 1) {
        return NULL;
    }
    uint32_t last = base + size - 1;
    MMVAD *vad = MiLocateAddress(&process->VadRoot, base >> PAGE_SHIFT);
    if (!vad || !vad->WriteWatch || (last >> PAGE_SHIFT) > vad->EndingVpn) {
        return NULL;
    }
    return vad;
}

NTSTATUS NtGetWriteWatch(MMPROCESS *caller, MMPROCESS *target, uint32_t Flags,
                         uint32_t BaseAddress, uint32_t RegionSize, uint32_t UserAddressArray,
                         uint32_t EntriesInUserAddressArray, uint32_t Granularity)
{
    if (Flags & ~WRITE_WATCH_FLAG_RESET) {
        return STATUS_INVALID_PARAMETER_2;
    }
    uint32_t capacity;
    NTSTATUS status = MiCaptureUlong(caller, EntriesInUserAddressArray, &capacity);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (capacity == 0) {
        return STATUS_INVALID_PARAMETER_5;
    }
    if (capacity > 0x3FFFFFFFu) {
        return STATUS_INVALID_PARAMETER_5;
    }
    /* As NT, the whole array and the granularity are probed first. */
    status = MiProbeForWrite(caller, UserAddressArray, capacity * 4, 4);
    if (status == STATUS_SUCCESS) {
        status = MiProbeForWrite(caller, Granularity, 4, 4);
    }
    if (status != STATUS_SUCCESS) {
        return status;
    }
    MMVAD *vad = LocateWatchedRange(target, BaseAddress, RegionSize);
    if (!vad) {
        return STATUS_INVALID_PARAMETER;
    }
    uint32_t start = BaseAddress & ~PAGE_MASK;
    uint32_t end = (BaseAddress + RegionSize - 1) & ~PAGE_MASK;
    uint32_t count = 0;
    /* First the answer, then (if asked) the reset of exactly the pages
     * reported: a page beyond a full array stays written. */
    for (uint64_t va = start; va <= end && count < capacity; va += PAGE_SIZE) {
        if (!PageWritten(target, vad, (uint32_t)va)) {
            continue;
        }
        uint32_t address = (uint32_t)va;
        status = MmCopyToUser(caller, UserAddressArray + count * 4, &address, sizeof address);
        if (status != STATUS_SUCCESS) {
            return status;
        }
        count++;
        if (Flags & WRITE_WATCH_FLAG_RESET) {
            ResetPage(target, vad, address);
        }
    }
    uint32_t granularity = PAGE_SIZE;
    status = MmCopyToUser(caller, EntriesInUserAddressArray, &count, sizeof count);
    if (status == STATUS_SUCCESS) {
        status = MmCopyToUser(caller, Granularity, &granularity, sizeof granularity);
    }
    MiFlushTlbIfNeeded(target->System);
    return status;
}

NTSTATUS NtResetWriteWatch(MMPROCESS *target, uint32_t BaseAddress, uint32_t RegionSize)
{
    MMVAD *vad = LocateWatchedRange(target, BaseAddress, RegionSize);
    if (!vad) {
        return STATUS_INVALID_PARAMETER;
    }
    uint32_t end = (BaseAddress + RegionSize - 1) & ~PAGE_MASK;
    for (uint64_t va = BaseAddress & ~PAGE_MASK; va <= end; va += PAGE_SIZE) {
        ResetPage(target, vad, (uint32_t)va);
    }
    MiFlushTlbIfNeeded(target->System);
    return STATUS_SUCCESS;
}
