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

void MiLogEvent(MMSYSTEM *system, const char *kind, uint32_t process, uint32_t pages,
                uint32_t slot, const char *reason, bool coalesce)
{
    if (!system->FaultLog || pages == 0) {
        return;
    }
    PF_EVENT event = {
        .Time = EmuInstructionCount(system->Emu),
        .Kind = kind,
        .Process = process,
        .Pages = pages,
        .Slot = slot,
        .Reason = reason,
        .Coalesce = coalesce,
    };
    PfLogEvent(system->PageFile, &event);
}

static void RecordSample(MMSYSTEM *system, uint64_t now)
{
    if (system->SampledOnce && system->LastSampleFault == system->FaultSequence &&
        system->LastSampleTime == now) {
        return; /* a snapshot right after a sample: the same moment, one row */
    }
    system->SampledOnce = true;
    system->LastSampleFault = system->FaultSequence;
    system->LastSampleTime = now;
    PF_SAMPLE_PROCESS processes[64];
    PF_SAMPLE sample = {
        .Time = now,
        .CommitCharge = (uint32_t)system->CommittedPages,
        .CommitLimit = (uint32_t)system->CommitLimit,
        .Processes = processes,
    };
    uint32_t listed = 0;
    for (int l = ZeroedPageList; l <= ModifiedNoWritePageList; l++) {
        sample.Lists[l] = system->Lists[l].Total;
        listed += system->Lists[l].Total;
    }
    /* Every other frame is in use: working sets, page tables, the
     * system's own, and the writer's cluster in flight. */
    listed += system->Lists[BadPageList].Total;
    sample.Lists[PfListActive] = system->Frames - listed;
    for (MMPROCESS *p = system->Processes; p && sample.ProcessCount < 64; p = p->Next) {
        processes[sample.ProcessCount++] = (PF_SAMPLE_PROCESS){
            .Process = p->ProcessId, .WorkingSet = p->Ws.Count, .Commit = p->CommitCharge};
    }
    PfRecordSample(system->PageFile, &sample);
}

void MmRecordSample(MMSYSTEM *system)
{
    if (system->FaultLog) {
        RecordSample(system, EmuInstructionCount(system->Emu));
    }
}

/* A sample when one is due: by instructions, checked here (at every
 * fault and by the scheduler between time slices); by faults, at the
 * fault whose number is due. */
void MmSampleIfDue(MMSYSTEM *system)
{
    if (!system->FaultLog || !system->SampleEvery) {
        return;
    }
    uint64_t now = EmuInstructionCount(system->Emu);
    uint64_t counter = system->SampleInstructions ? now : system->FaultSequence;
    if (counter >= system->NextSample) {
        RecordSample(system, now);
        /* The next multiple of N after this one (a long time slice may
         * have passed several). */
        system->NextSample = (counter / system->SampleEvery + 1) * system->SampleEvery;
    }
}

void MiAfterFaultLogged(MMSYSTEM *system, uint64_t sequence)
{
    MmSampleIfDue(system);
    while (system->SnapshotNext < system->SnapshotCount &&
           system->SnapshotAt[system->SnapshotNext] <= sequence) {
        if (system->SnapshotAt[system->SnapshotNext++] == sequence) {
            char label[40];
            snprintf(label, sizeof label, "fault %llu", (unsigned long long)sequence);
            MmRecordPageLocations(system, label);
        }
    }
}

void MiRecordSection(MMSECTION *section, const char *name)
{
    MMSYSTEM *system = section->System;
    if (!system->FaultLog) {
        return;
    }
    const char *kind = section->Image ? "image" : section->Fork ? "fork"
                     : section->File ? "file" : "pagefile";
    PfRecordSection(system->PageFile, section->Id, kind, name, section->Pages);
}

void MmSetSectionName(MMSECTION *section, const char *name)
{
    if (section->Segment) {
        return; /* over a file: its segment is recorded with the file's name */
    }
    MiRecordSection(section, name);
}

void MmGetCommit(MMSYSTEM *system, uint64_t *charge, uint64_t *limit)
{
    *charge = system->CommittedPages;
    *limit = system->CommitLimit;
}

uint64_t MmLastFaultSequence(MMSYSTEM *system)
{
    return system->FaultSequence;
}

void MmSetThreadId(MMPROCESS *process, uint32_t id)
{
    process->ThreadId = id;
}
