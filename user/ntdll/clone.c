/*
 * RtlCloneUserProcess: NT's fork. The calling process is cloned — its
 * address space copy-on-write, its handles, its one thread at this call —
 * and the call returns twice: STATUS_SUCCESS in the parent, with handles
 * to the child in ProcessInformation, and STATUS_PROCESS_CLONED (0x129)
 * in the child. ntmm's kernel does the work in one service,
 * NtmmCloneProcess (NT builds it from NtCreateUserProcess).
 */
#include "inc/ntguest.h"

NTSTATUS NTAPI RtlCloneUserProcess(ULONG flags, PVOID process_security, PVOID thread_security,
                                   HANDLE debug_port, RTL_USER_PROCESS_INFORMATION *info)
{
    (void)flags, (void)process_security, (void)thread_security, (void)debug_port;
    HANDLE process = NULL, thread = NULL;
    ULONG client[2] = {0, 0};
    NTSTATUS status = NtmmCloneProcess(&process, &thread, client);
    if (status == STATUS_SUCCESS && info) {
        info->Length = sizeof *info;
        info->ProcessHandle = process;
        info->ThreadHandle = thread;
        info->ClientId[0] = client[0];
        info->ClientId[1] = client[1];
    }
    return status;
}
