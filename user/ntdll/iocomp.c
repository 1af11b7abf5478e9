/*
 * NtRemoveIoCompletion: the next completion packet of a port, waiting for
 * one up to Timeout (NULL: forever; STATUS_TIMEOUT when it runs out). The
 * kernel's half, NtmmRemoveIoCompletion (ke/iocomp.c), either takes a
 * packet or waits until the port may have one; it is called again after
 * such a wait, on a copy of the timeout the kernel has made absolute, so
 * that a thread another took the packet from waits only until the
 * original deadline.
 */
#include "ntdll/ntdll.h"

NTSTATUS NTAPI NtRemoveIoCompletion(HANDLE port, ULONG_PTR *key, ULONG_PTR *apc_context,
                                    IO_STATUS_BLOCK *iosb, LARGE_INTEGER *timeout)
{
    LARGE_INTEGER deadline;
    LARGE_INTEGER *until = NULL;
    if (timeout) {
        deadline = *timeout;
        until = &deadline;
    }
    for (;;) {
        ULONG removed = 0;
        NTSTATUS status = NtmmRemoveIoCompletion(port, key, apc_context, iosb, until, &removed);
        if (status != STATUS_SUCCESS || removed) {
            return status;
        }
    }
}
