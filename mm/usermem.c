/*
 * Probe and capture: how system services touch user memory. Each page is
 * reached the way the guest's own access would reach it — through its PTE,
 * taking the fault (demand-zero, stack growth, a guard page…) when the PTE
 * does not allow the access yet — so a bad pointer becomes a status for
 * the caller, never a host crash, and a good one behaves as on Windows.
 */
#include "mm/mi.h"

#include <string.h>

/* The host address of the byte at va, made accessible for this access. */
static NTSTATUS MapUserByte(MMPROCESS *process, uint32_t va, uint32_t access, bool force,
                            uint8_t **host)
{
    MMSYSTEM *system = process->System;
    for (int attempt = 0; attempt < 3; attempt++) {
        MMPTE *pte = MiGetPteAddress(process, va, false);
        MMPTE value = pte ? *pte : 0;
        bool ok = MiPteIsValid(value) && (value & MM_PTE_OWNER) &&
                  (access != EXCEPTION_WRITE_FAULT || (value & MM_PTE_WRITE) || force);
        if (ok && force && access == EXCEPTION_WRITE_FAULT && !(value & MM_PTE_WRITE) &&
            MiGetPfn(system, MiPteFrame(value))->Use == MiPfnSection) {
            /* A forced write bypasses the protection, never the sharing:
             * a page shared with other views or a clone (the TEB of a
             * process just cloned) becomes this process's own copy first. */
            MM_FAULT_INFO info = {0};
            uint32_t pfn = MiPteFrame(value);
            NTSTATUS status = MiCopyOnWrite(process, pte, va,
                                            MiValidPageProtection(process, pfn, va), &info);
            if (status != STATUS_SUCCESS) {
                return status;
            }
            continue;
        }
        if (ok) {
            uint32_t pfn = MiPteFrame(value);
            if (access == EXCEPTION_WRITE_FAULT) {
                /* An image's shared frame is what its file holds: never written. */
                ASSERT(!MiIsImageFrameCopyOnWrite(system, pfn));
                MiPrepareFrameContents(system, pfn);
                *pte |= MM_PTE_DIRTY | MM_PTE_ACCESSED;
            }
            *host = MiFrameAddress(system, pfn) + (va & PAGE_MASK);
            return STATUS_SUCCESS;
        }
        /* A forced write (the loader filling in the TEB) needs the page
         * resident, not writable. */
        uint32_t want = force ? EXCEPTION_READ_FAULT : access;
        NTSTATUS status = MmAccessFault(process, va, want, false, NULL);
        if (status != STATUS_SUCCESS) {
            return status;
        }
    }
    return STATUS_ACCESS_VIOLATION;
}

static bool RangeIsUser(uint32_t va, size_t len)
{
    return len <= MI_USER_PROBE_ADDRESS && va < MI_USER_PROBE_ADDRESS &&
           (uint64_t)va + len <= MI_USER_PROBE_ADDRESS;
}

static NTSTATUS Copy(MMPROCESS *process, uint32_t va, void *host, size_t len, uint32_t access,
                     bool force)
{
    if (len == 0) {
        return STATUS_SUCCESS;
    }
    if (!RangeIsUser(va, len)) {
        return STATUS_ACCESS_VIOLATION;
    }
    uint8_t *cursor = host;
    while (len) {
        size_t chunk = PAGE_SIZE - (va & PAGE_MASK);
        if (chunk > len) {
            chunk = len;
        }
        uint8_t *guest;
        NTSTATUS status = MapUserByte(process, va, access, force, &guest);
        if (status != STATUS_SUCCESS) {
            return status;
        }
        if (access == EXCEPTION_WRITE_FAULT) {
            memcpy(guest, cursor, chunk);
        } else {
            memcpy(cursor, guest, chunk);
        }
        va += (uint32_t)chunk;
        cursor += chunk;
        len -= chunk;
    }
    return STATUS_SUCCESS;
}

NTSTATUS MmCopyFromUser(MMPROCESS *process, void *dst, uint32_t va, size_t len)
{
    return Copy(process, va, dst, len, EXCEPTION_READ_FAULT, false);
}

NTSTATUS MmCopyToUser(MMPROCESS *process, uint32_t va, const void *src, size_t len)
{
    return Copy(process, va, (void *)src, len, EXCEPTION_WRITE_FAULT, false);
}

NTSTATUS MmWriteProcessMemoryForce(MMPROCESS *process, uint32_t va, const void *src, size_t len)
{
    return Copy(process, va, (void *)src, len, EXCEPTION_WRITE_FAULT, true);
}

NTSTATUS MmCopyStringFromUser(MMPROCESS *process, char *dst, uint32_t va, size_t max)
{
    for (size_t i = 0; i + 1 < max; i++) {
        NTSTATUS status = MmCopyFromUser(process, &dst[i], va + (uint32_t)i, 1);
        if (status != STATUS_SUCCESS) {
            return status;
        }
        if (dst[i] == 0) {
            return STATUS_SUCCESS;
        }
    }
    if (max) {
        dst[max - 1] = 0;
    }
    return STATUS_BUFFER_TOO_SMALL;
}
