/*
 * A process's I/O counts, as NT keeps them in its EPROCESS and
 * GetProcessIoCounters reads them (NtQueryInformationProcess,
 * ProcessIoCounters): read and write operations (NtReadFile, NtWriteFile)
 * with the bytes they moved, and the other operations (device and file
 * system controls, counted as they are asked). A read or write counts
 * once, when it completes: a pipe read that waits and is run again is one
 * read.
 */
#include "ke/ki.h"

void KiCountIo(KPROCESS *process, KI_IO_KIND kind, uint64_t bytes)
{
    process->IoCounters[kind]++;
    process->IoCounters[3 + kind] += bytes;
}

/* IO_COUNTERS: Read, Write, Other operation counts, then their transfer
 * counts, each a ULONGLONG. */
NTSTATUS KiQueryIoCounters(KPROCESS *process, KPROCESS *target, const uint32_t *a)
{
    return KiReturnInformation(process, a[2], a[3], target->IoCounters, sizeof target->IoCounters,
                               a[4]);
}
