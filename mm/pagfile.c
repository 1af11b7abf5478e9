/*
 * The paging file (NT's NtCreatePagingFile, in its memory manager): mm
 * opens it, records the run's parameters in it for people reading it
 * afterwards, and raises the commit limit by its maximum size, as creating
 * a paging file raises NT's. The machine closes it at the very end, after
 * MmShutdownPaging let it go, so that what it holds stays as the record of
 * where each page was when the run ended.
 */
#include "mm/mi.h"

#include <stdio.h>

NTSTATUS MmCreatePagingFile(MMSYSTEM *system, const MM_PAGING_FILE *file, char *why,
                            size_t whylen)
{
    if (system->PagingFile) {
        snprintf(why, whylen, "a paging file exists already (one per machine)");
        return STATUS_UNSUCCESSFUL;
    }
    PF_OPTIONS options = {
        .Path = file->Path,
        .MaximumPages = file->MaximumPages,
        .FaultLog = file->FaultLog,
    };
    PAGEFILE *pf = PfOpen(&options, why, whylen);
    if (!pf) {
        return STATUS_UNSUCCESSFUL;
    }
    for (const char *const *p = file->Parameters; p && p[0] && p[1]; p += 2) {
        PfSetParameter(pf, p[0], p[1]);
    }
    system->PagingFile = pf;
    system->PageFile = pf;
    system->FaultLog = PfFaultLogEnabled(pf);
    system->CommitLimit += PfGetStats(pf)->MaximumSlots;
    return STATUS_SUCCESS;
}

bool MmDeletePagingFile(MMSYSTEM *system, PF_STATS *stats, char *why, size_t whylen)
{
    PAGEFILE *pf = system->PagingFile;
    if (!pf) {
        return true;
    }
    MmShutdownPaging(system);
    PfFlushLog(pf);
    *stats = *PfGetStats(pf);
    snprintf(why, whylen, "%s", PfLastError(pf));
    system->PagingFile = NULL;
    return PfClose(pf) == STATUS_SUCCESS;
}
