/*
 * What ntmm tells the person running a program, on stderr: an exception
 * that ended a process (one line: the code and its name, the access and
 * address of an access violation, where it happened as module+offset),
 * the commit limit being reached (once), and the words --trace-faults
 * uses for an address (module+offset, the kind of region it is in).
 */
#include "ke/ki.h"
#include "ke/ldr.h"

#include <stdio.h>
#include <string.h>

const char *KiDescribeAddress(KPROCESS *process, uint32_t va, char *buffer, size_t size)
{
    const KI_LOADED_MODULES *modules = process->Modules;
    for (uint32_t i = 0; modules && i < modules->Count; i++) {
        const KI_MODULE *m = &modules->Module[i];
        if (va >= m->Base && va - m->Base < m->SizeOfImage) {
            const char *slash = strrchr(m->Name, '/');
            snprintf(buffer, size, "%s+0x%x", slash ? slash + 1 : m->Name, va - m->Base);
            return buffer;
        }
    }
    snprintf(buffer, size, "0x%08x", va);
    return buffer;
}

const char *KiRegionKind(KPROCESS *process, uint32_t va)
{
    MEMORY_BASIC_INFORMATION32 info;
    if (!process->Mm || va >= 0x80000000u || MmQueryVirtual(process->Mm, va, &info) != 0) {
        return "kernel";
    }
    if (info.State == MEM_FREE) {
        return "free";
    }
    if (info.State == MEM_RESERVE) {
        return info.Type == MEM_IMAGE ? "image, reserved"
             : info.Type == MEM_MAPPED ? "mapped, reserved" : "private, reserved";
    }
    return info.Type == MEM_IMAGE ? "image" : info.Type == MEM_MAPPED ? "mapped" : "private";
}

void KiNoteException(KPROCESS *process, const EXCEPTION_RECORD32 *record)
{
    process->LastException = *record;
    process->HaveLastException = true;
}

/*
 * At a process's end: if it ended with the code of the last exception
 * dispatched to it, that exception is what ended it (nobody handled it,
 * its stack was gone, or the top-level filter chose to end the process),
 * as Windows Error Reporting would say.
 */
void KiReportUnhandledException(KPROCESS *process)
{
    const EXCEPTION_RECORD32 *r = &process->LastException;
    if (!process->HaveLastException || (uint32_t)process->ExitStatus != r->ExceptionCode ||
        !((uint32_t)process->ExitStatus & 0x80000000u)) {
        return;
    }
    char name[EX_NTSTATUS_FORMAT_SIZE], where[96], access[64] = "";
    const char *image = process->Options.Argc ? process->Options.Argv[0] : "?";
    const char *slash = strrchr(image, '/');
    bool av = r->ExceptionCode == (uint32_t)STATUS_ACCESS_VIOLATION ||
              r->ExceptionCode == (uint32_t)STATUS_IN_PAGE_ERROR;
    if (av && r->NumberParameters >= 2) {
        const char *what = r->ExceptionInformation[0] == 1   ? "writing"
                           : r->ExceptionInformation[0] == 8 ? "executing" : "reading";
        snprintf(access, sizeof access, " %s 0x%08x", what, r->ExceptionInformation[1]);
    }
    fprintf(stderr, "ntmm: process %u %s: unhandled exception %s%s at eip 0x%08x (%s)\n",
            process->UniqueProcessId, slash ? slash + 1 : image,
            ExNtStatusFormat((NTSTATUS)r->ExceptionCode, name), access, r->ExceptionAddress,
            KiDescribeAddress(process, r->ExceptionAddress, where, sizeof where));
}

void KiCheckCommitLimit(KPROCESS *process)
{
    KSYSTEM *system = process->System;
    if (MmGetStats(system->Mm)->CommitFailures == 0 || system->CommitLimitReported) {
        return;
    }
    system->CommitLimitReported = true;
    uint64_t charge, limit;
    MmGetCommit(system->Mm, &charge, &limit);
    fprintf(stderr, "ntmm: process %u reached the commit limit: %llu of %llu pages committed, "
            "a commit failed with STATUS_COMMITMENT_LIMIT (said once; --pagefile-max raises "
            "the limit)\n", process->UniqueProcessId, (unsigned long long)charge,
            (unsigned long long)limit);
}
