/*
 * NtFlushInstructionCache(ProcessHandle, BaseAddress, Length): what a
 * program that writes code (a JIT, a loader, a patcher) calls before it
 * runs the new bytes. On x86 the caches are coherent with stores, and so
 * is ntmm's CPU: emu never runs a translated block whose bytes have
 * changed (emu/codecache.c: a block on a frame that is mapped writable is
 * hashed each time it starts, and the host invalidates a frame before it
 * writes one — NtWriteVirtualMemory's copies included). So there is
 * nothing to sweep here, and the service checks its arguments as NT's
 * does: an address above user space is STATUS_ACCESS_VIOLATION (a length
 * of 0 checks nothing), and another process's handle must grant
 * PROCESS_VM_WRITE.
 */
#include "ke/ki.h"

#define KI_HIGHEST_USER_ADDRESS 0x7FFEFFFFu

NTSTATUS KiNtFlushInstructionCache(KPROCESS *process, const uint32_t *a)
{
    if (a[1] != 0) {
        if (a[2] == 0) {
            return STATUS_SUCCESS;
        }
        if (a[1] > KI_HIGHEST_USER_ADDRESS) {
            return STATUS_ACCESS_VIOLATION;
        }
    }
    KPROCESS *target;
    NTSTATUS status = KiReferenceProcessObjectWithAccess(process, a[0], PROCESS_VM_WRITE, &target);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    ExDereferenceObject(&target->Header);
    return STATUS_SUCCESS;
}
