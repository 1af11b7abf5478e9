/* GetProcessIoCounters: the process's read, write and other I/O
 * operations and the bytes they moved, as the kernel counts them
 * (ke/iocount.c). */
#include "kernel32/kernel32.h"

#define ProcessIoCounters 2

BOOL WINAPI GetProcessIoCounters(HANDLE process, IO_COUNTERS *counters)
{
    NTSTATUS status = NtQueryInformationProcess(process, ProcessIoCounters, counters,
                                                sizeof *counters, NULL);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}
