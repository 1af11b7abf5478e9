/*
 * NtReadVirtualMemory / NtWriteVirtualMemory(Process, BaseAddress, Buffer,
 * Size, NumberOfBytes): copy between another process's memory (or the
 * caller's own) and the caller's buffer, a page at a time through the
 * kernel. The process handle must grant PROCESS_VM_READ, or
 * PROCESS_VM_WRITE, as on NT. A range running past user space is
 * STATUS_ACCESS_VIOLATION before anything moves; a copy stopped by a page
 * that cannot be read or written is STATUS_PARTIAL_COPY, with the bytes
 * that did move counted in *NumberOfBytes (ERROR_PARTIAL_COPY for
 * ReadProcessMemory and WriteProcessMemory).
 */
#include "ke/ki.h"

#define STATUS_PARTIAL_COPY ((NTSTATUS)0x8000000DL)
#define KI_USER_LIMIT 0x7FFF0000u /* MM_USER_PROBE_ADDRESS */

static bool RangeValid(uint32_t va, uint32_t size)
{
    return size == 0 || ((uint64_t)va + size <= KI_USER_LIMIT);
}

static NTSTATUS Copy(KPROCESS *process, const uint32_t *a, bool write)
{
    MMPROCESS *target;
    NTSTATUS status = KiReferenceProcessWithAccess(process, a[0],
                                                   write ? PROCESS_VM_WRITE : PROCESS_VM_READ, &target);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint32_t remote = a[1], local = a[2], size = a[3];
    if (!RangeValid(remote, size) || !RangeValid(local, size)) {
        return STATUS_ACCESS_VIOLATION;
    }
    uint32_t done = 0;
    uint8_t chunk[4096];
    while (done < size) {
        /* Up to the next page boundary of the remote range. */
        uint32_t n = 4096 - ((remote + done) & 4095);
        if (n > size - done) {
            n = size - done;
        }
        NTSTATUS from = write ? MmCopyFromUser(process->Mm, chunk, local + done, n)
                              : MmCopyFromUser(target, chunk, remote + done, n);
        if (from != STATUS_SUCCESS) {
            /* The caller's own buffer failing is its access violation;
             * the other process's memory failing is a partial copy. */
            status = write ? STATUS_ACCESS_VIOLATION : STATUS_PARTIAL_COPY;
            break;
        }
        NTSTATUS to = write ? MmCopyToUser(target, remote + done, chunk, n)
                            : MmCopyToUser(process->Mm, local + done, chunk, n);
        if (to != STATUS_SUCCESS) {
            status = write ? STATUS_PARTIAL_COPY : STATUS_ACCESS_VIOLATION;
            break;
        }
        done += n;
    }
    if (a[4]) {
        MmCopyToUser(process->Mm, a[4], &done, sizeof done);
    }
    return status;
}

NTSTATUS KiNtReadVirtualMemory(KPROCESS *process, const uint32_t *a)
{
    return Copy(process, a, false);
}

NTSTATUS KiNtWriteVirtualMemory(KPROCESS *process, const uint32_t *a)
{
    return Copy(process, a, true);
}
