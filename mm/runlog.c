/*
 * The run over time, for the pagefile's record (docs/pagefile.md):
 * samples of the whole system every --sample-every faults or
 * instructions, snapshots of page locations after chosen faults, the
 * events faults do not show (trims, writer clusters, repurposed standby
 * pages, zeroed frames) and the sections pages belong to. Nothing is
 * built when the fault log is off: every entry point returns at once.
 */
#include "mm/mi.h"

#include <stdio.h>

void MiLogEvent(const char *kind, uint32_t process, uint32_t pages, uint32_t slot,
                const char *reason, bool coalesce)
{
    if (!MiSystem.FaultLog || pages == 0) {
        return;
    }
    PF_EVENT event = {
        .Time = EmuInstructionCount(MiSystem.Emu),
        .Kind = kind,
        .Process = process,
        .Pages = pages,
        .Slot = slot,
        .Reason = reason,
        .Coalesce = coalesce,
    };
    PfLogEvent(MiSystem.PageFile, &event);
}

static void RecordSample(uint64_t now)
{
    if (MiSystem.SampledOnce && MiSystem.LastSampleFault == MiSystem.FaultSequence &&
        MiSystem.LastSampleTime == now) {
        return; /* a snapshot right after a sample: the same moment, one row */
    }
    MiSystem.SampledOnce = true;
    MiSystem.LastSampleFault = MiSystem.FaultSequence;
    MiSystem.LastSampleTime = now;
    PF_SAMPLE_PROCESS processes[64];
    PF_SAMPLE sample = {
        .Time = now,
        .CommitCharge = (uint32_t)MiSystem.CommittedPages,
        .CommitLimit = (uint32_t)MiSystem.CommitLimit,
        .Processes = processes,
    };
    uint32_t listed = 0;
    for (int l = ZeroedPageList; l <= ModifiedNoWritePageList; l++) {
        sample.Lists[l] = MiSystem.Lists[l].Total;
        listed += MiSystem.Lists[l].Total;
    }
    /* Every other frame is in use: working sets, page tables, the
     * system's own, and the writer's cluster in flight. */
    listed += MiSystem.Lists[BadPageList].Total;
    sample.Lists[PfListActive] = MiSystem.Frames - listed;
    for (MMPROCESS *p = MiSystem.Processes; p && sample.ProcessCount < 64; p = p->Next) {
        processes[sample.ProcessCount++] = (PF_SAMPLE_PROCESS){
            .Process = p->ProcessId, .WorkingSet = p->Ws.Count, .Commit = p->CommitCharge};
    }
    PfRecordSample(MiSystem.PageFile, &sample);
}

void MmRecordSample(void)
{
    if (MiSystem.FaultLog) {
        RecordSample(EmuInstructionCount(MiSystem.Emu));
    }
}

/* A sample when one is due: by instructions, checked here (at every
 * fault and by the scheduler between time slices); by faults, at the
 * fault whose number is due. */
void MmSampleIfDue(void)
{
    if (!MiSystem.FaultLog || !MiSystem.SampleEvery) {
        return;
    }
    uint64_t now = EmuInstructionCount(MiSystem.Emu);
    uint64_t counter = MiSystem.SampleInstructions ? now : MiSystem.FaultSequence;
    if (counter >= MiSystem.NextSample) {
        RecordSample(now);
        /* The next multiple of N after this one (a long time slice may
         * have passed several). */
        MiSystem.NextSample = (counter / MiSystem.SampleEvery + 1) * MiSystem.SampleEvery;
    }
}

void MiAfterFaultLogged(uint64_t sequence)
{
    MmSampleIfDue();
    while (MiSystem.SnapshotNext < MiSystem.SnapshotCount &&
           MiSystem.SnapshotAt[MiSystem.SnapshotNext] <= sequence) {
        if (MiSystem.SnapshotAt[MiSystem.SnapshotNext++] == sequence) {
            char label[40];
            snprintf(label, sizeof label, "fault %llu", (unsigned long long)sequence);
            MmRecordPageLocations(label);
        }
    }
}

void MiRecordSection(MMSECTION *section, const char *name)
{
    if (!MiSystem.FaultLog) {
        return;
    }
    const char *kind = section->Image ? "image" : section->Fork ? "fork" : "pagefile";
    PfRecordSection(MiSystem.PageFile, section->Id, kind, name, section->Pages);
}

void MmSetSectionName(MMSECTION *section, const char *name)
{
    MiRecordSection(section, name);
}

void MmGetCommit(uint64_t *charge, uint64_t *limit)
{
    *charge = MiSystem.CommittedPages;
    *limit = MiSystem.CommitLimit;
}

uint64_t MmLastFaultSequence(void)
{
    return MiSystem.FaultSequence;
}

void MmSetThreadId(MMPROCESS *process, uint32_t id)
{
    process->ThreadId = id;
}
