/*
 * NtQuerySystemInformation(SystemPerformanceInformation): the memory
 * manager's counters as NT's SYSTEM_PERFORMANCE_INFORMATION carries them —
 * available pages, the commit charge, its limit and peak, and the page
 * faults by kind. kernel32's GlobalMemoryStatusEx reads its pagefile and
 * physical-memory figures here, as Windows' does.
 */
#include "ke/ki.h"

#include <string.h>

#define SystemPerformanceInformation 2
/* XP's size; later Windows append fields, so a larger buffer is accepted
 * and this much of it written. */
#define SYSTEM_PERFORMANCE_INFORMATION_SIZE 0x138

bool KiIsSystemPerformanceClass(uint32_t class)
{
    return class == SystemPerformanceInformation;
}

static uint32_t Clamp(uint64_t value)
{
    return value > UINT32_MAX ? UINT32_MAX : (uint32_t)value;
}

NTSTATUS KiQuerySystemPerformance(KPROCESS *process, const uint32_t *a)
{
    uint32_t length = a[2];
    if (length < SYSTEM_PERFORMANCE_INFORMATION_SIZE) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    MMSYSTEM *mm = process->System->Mm;
    const MM_STATS *stats = MmGetStats(mm);
    uint64_t charge, limit, faults = 0;
    MmGetCommit(mm, &charge, &limit);
    for (int kind = 0; kind < MmFaultKindCount; kind++) {
        faults += stats->Faults[kind];
    }
    uint32_t info[SYSTEM_PERFORMANCE_INFORMATION_SIZE / 4] = {0};
    /* Offsets in ULONGs: IdleProcessTime and the three I/O transfer counts
     * (LARGE_INTEGERs) and the three operation counts come first. */
    info[11] = MmAvailablePages(mm);                                /* AvailablePages */
    info[12] = Clamp(charge);                                       /* CommittedPages */
    info[13] = Clamp(limit);                                        /* CommitLimit */
    info[14] = stats->PeakCommitPages;                              /* PeakCommitment */
    info[15] = Clamp(faults);                                       /* PageFaultCount */
    info[16] = Clamp(stats->Faults[MmFaultCopyOnWrite]);            /* CopyOnWriteCount */
    info[17] = Clamp(stats->Faults[MmFaultTransition]);             /* TransitionCount */
    info[19] = Clamp(stats->Faults[MmFaultDemandZero]);             /* DemandZeroCount */
    info[20] = Clamp(stats->PagesRead + stats->FilePagesRead);      /* PageReadCount */
    /* PageReadIoCount: a hard fault's cluster is one read. */
    info[21] = Clamp(stats->Faults[MmFaultHard] + stats->Faults[MmFaultHardFile]);
    info[24] = Clamp(stats->PagesWritten);                          /* DirtyPagesWriteCount */
    info[25] = Clamp(stats->ClustersWritten);                       /* DirtyWriteIoCount */
    info[26] = Clamp(stats->FilePagesWritten);                      /* MappedPagesWriteCount */
    NTSTATUS status = MmCopyToUser(process->Mm, a[1], info, sizeof info);
    if (status == STATUS_SUCCESS && a[3]) {
        uint32_t size = sizeof info;
        status = MmCopyToUser(process->Mm, a[3], &size, sizeof size);
    }
    return status;
}
