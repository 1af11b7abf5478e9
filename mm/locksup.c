/*
 * Locking pages in the working set (NT's NtLockVirtualMemory with
 * MAP_PROCESS, VirtualLock): a locked page's working-set entry is marked
 * and the trimmer passes it by, so the page stays resident. The locked
 * pages count against the working-set minimum, as on NT.
 */
#include "mm/mi.h"

uint32_t MiLockedPages(MMPROCESS *process)
{
    uint32_t locked = 0;
    for (uint32_t i = 0; i < process->Ws.Count; i++) {
        locked += process->Ws.Wsle[i].Locked;
    }
    return locked;
}

#define MAP_PROCESS 1u
#define MAP_SYSTEM 2u
/* NT keeps this many working-set entries free of locks above the locked
 * ones (MM_FLUID_WORKING_SET): the locked pages must stay that far below
 * the working-set minimum. */
#define MI_FLUID_WORKING_SET 8u

/* The working-set entry of a resident page at va, or NULL. */
static MMWSLE *ResidentEntry(MMPROCESS *process, uint32_t va)
{
    MMPTE *pte = MiGetPteAddress(process, va, false);
    if (!pte || !MiPteIsValid(*pte)) {
        return NULL;
    }
    return MiFindWsle(process, MiPteFrame(*pte), va);
}

static NTSTATUS CaptureRange(MMPROCESS *caller, uint32_t base_va, uint32_t size_va,
                             uint32_t map_type, uint32_t *start, uint32_t *end)
{
    if (map_type == 0 || (map_type & ~(MAP_PROCESS | MAP_SYSTEM))) {
        return STATUS_INVALID_PARAMETER;
    }
    uint32_t base, size;
    NTSTATUS status = MiCaptureUlong(caller, base_va, &base);
    if (status == STATUS_SUCCESS) {
        status = MiCaptureUlong(caller, size_va, &size);
    }
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (map_type & MAP_SYSTEM) {
        return STATUS_PRIVILEGE_NOT_HELD; /* no process holds SeLockMemoryPrivilege */
    }
    if (size == 0 || base > MI_HIGHEST_USER_ADDRESS || MI_HIGHEST_USER_ADDRESS - base < size - 1) {
        return STATUS_INVALID_PARAMETER;
    }
    *start = base & ~PAGE_MASK;
    *end = (base + size - 1) & ~PAGE_MASK;
    return STATUS_SUCCESS;
}

static NTSTATUS ReturnRange(MMPROCESS *caller, uint32_t base_va, uint32_t size_va, uint32_t start,
                            uint32_t end)
{
    uint32_t size = end - start + PAGE_SIZE;
    NTSTATUS status = MmCopyToUser(caller, base_va, &start, sizeof start);
    if (status == STATUS_SUCCESS) {
        status = MmCopyToUser(caller, size_va, &size, sizeof size);
    }
    return status;
}

NTSTATUS NtLockVirtualMemory(MMPROCESS *caller, MMPROCESS *target, uint32_t BaseAddress,
                             uint32_t RegionSize, uint32_t MapType)
{
    uint32_t start, end;
    NTSTATUS status = CaptureRange(caller, BaseAddress, RegionSize, MapType, &start, &end);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint32_t fresh = 0;
    bool was_locked = false;
    for (uint64_t va = start; va <= end; va += PAGE_SIZE) {
        MMWSLE *entry = ResidentEntry(target, (uint32_t)va);
        if (entry && entry->Locked) {
            was_locked = true;
        } else {
            fresh++;
        }
    }
    uint32_t minimum = target->Ws.Minimum;
    if (MiLockedPages(target) + fresh + MI_FLUID_WORKING_SET > minimum) {
        return STATUS_WORKING_SET_QUOTA;
    }
    /* Each page is touched as the program would read it (a NOACCESS,
     * guard or uncommitted page fails as that read would), then locked
     * before the next fault can trim it. */
    for (uint64_t va = start; va <= end; va += PAGE_SIZE) {
        uint8_t byte;
        status = MmCopyFromUser(target, &byte, (uint32_t)va, 1);
        if (status != STATUS_SUCCESS) {
            return status;
        }
        MMWSLE *entry = ResidentEntry(target, (uint32_t)va);
        ASSERT(entry);
        if (entry) {
            entry->Locked = 1;
        }
    }
    status = ReturnRange(caller, BaseAddress, RegionSize, start, end);
    return status == STATUS_SUCCESS && was_locked ? STATUS_WAS_LOCKED : status;
}

NTSTATUS NtUnlockVirtualMemory(MMPROCESS *caller, MMPROCESS *target, uint32_t BaseAddress,
                               uint32_t RegionSize, uint32_t MapType)
{
    uint32_t start, end;
    NTSTATUS status = CaptureRange(caller, BaseAddress, RegionSize, MapType, &start, &end);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    /* Every page must be locked, or nothing is unlocked. */
    for (uint64_t va = start; va <= end; va += PAGE_SIZE) {
        MMWSLE *entry = ResidentEntry(target, (uint32_t)va);
        if (!entry || !entry->Locked) {
            return STATUS_NOT_LOCKED;
        }
    }
    for (uint64_t va = start; va <= end; va += PAGE_SIZE) {
        ResidentEntry(target, (uint32_t)va)->Locked = 0;
    }
    return ReturnRange(caller, BaseAddress, RegionSize, start, end);
}
