/*
 * --stats-json FILE: every number --stats prints, and the rest of the
 * run's statistics, as one JSON object (per process too), for programs
 * that read them. Names are --stats' words in snake_case; page counts
 * are pages, times seconds.
 */
#include "tools/tools.h"

#include <inttypes.h>
#include <stdio.h>

static void Name(FILE *f, const char *text)
{
    fputc('"', f);
    for (; *text; text++) {
        unsigned char c = (unsigned char)*text;
        if (c == '"' || c == '\\') {
            fprintf(f, "\\%c", c);
        } else if (c < 0x20) {
            fprintf(f, "\\u%04x", c);
        } else {
            fputc(c, f);
        }
    }
    fputc('"', f);
}

static void Status(FILE *f, const char *key, int32_t status)
{
    const char *name = ExNtStatusName((NTSTATUS)status);
    fprintf(f, "\"%s\": %" PRIu32 ", \"%s_hex\": \"0x%08" PRIX32 "\", \"%s_name\": ", key,
            (uint32_t)status, key, (uint32_t)status, key);
    if (name) {
        Name(f, name);
    } else {
        fputs("null", f);
    }
}

int NtmmWriteStatsJson(const char *path, const KE_RESULT *r)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        return -1;
    }
    const MM_STATS *m = &r->Mm;
    fputs("{\n  ", f);
    Status(f, "exit_status", r->ExitStatus);
    fprintf(f, ",\n  \"instructions\": %" PRIu64 ", \"system_calls\": %" PRIu64
            ", \"exceptions_dispatched\": %" PRIu64 ",\n", r->Instructions, r->SystemCalls,
            r->ExceptionsDispatched);
    uint64_t total = 0;
    for (int k = 0; k < MmFaultKindCount; k++) {
        total += m->Faults[k];
    }
    fprintf(f, "  \"page_faults\": {\"total\": %" PRIu64, total);
    for (int k = 0; k < MmFaultKindCount; k++) {
        fprintf(f, ", \"%s\": %" PRIu64, MmFaultKindName((MM_FAULT_KIND)k), m->Faults[k]);
    }
    fprintf(f, "},\n  \"peak_working_set\": %u, \"peak_commit\": %u, \"peak_commit_system\": %u,"
            "\n", r->PeakResidentPages, r->PeakCommitPages, m->PeakCommitPages);
    fprintf(f, "  \"paging\": {\"frames_zeroed_on_demand\": %" PRIu64 ", \"frames_zeroed_idle\": "
            "%" PRIu64 ", \"soft_faults\": %" PRIu64
            ", \"hard_faults\": %" PRIu64 ", \"pages_written\": %" PRIu64 ", \"clusters\": %"
            PRIu64 ", \"redirtied_in_flight\": %" PRIu64 ", \"pages_read\": %" PRIu64
            ", \"pages_read_ahead\": %" PRIu64 ", \"pages_trimmed\": %" PRIu64
            ", \"trimmed_dirty\": %" PRIu64 ", \"working_set_manager_passes\": %" PRIu64
            ", \"standby_repurposed\": %" PRIu64 ", \"commit_failures\": %" PRIu64
            ", \"slots_reclaimed\": %" PRIu64 ", \"in_page_reads_waited_for\": %" PRIu64 "},\n",
            m->PagesZeroed, m->PagesZeroedIdle,
            m->Faults[MmFaultTransition], m->Faults[MmFaultHard],
            m->PagesWritten, m->ClustersWritten, m->RedirtiedInFlight, m->PagesRead,
            m->PagesReadAhead, m->PagesTrimmed, m->TrimmedToModified, m->WsManagerPasses,
            m->PagesRepurposed, m->CommitFailures, m->SlotsReclaimed, m->InPageReads);
    fprintf(f, "  \"mapped_files\": {\"hard_file_faults\": %" PRIu64 ", \"pages_read\": %" PRIu64
            ", \"pages_read_ahead\": %" PRIu64 ", \"image_pages_read\": %" PRIu64
            ", \"data_pages_read\": %" PRIu64 ", \"pages_written\": %" PRIu64
            ", \"pages_flushed\": %" PRIu64 "},\n", m->Faults[MmFaultHardFile], m->FilePagesRead,
            m->FilePagesReadAhead, m->ImagePagesRead, m->FilePagesRead - m->ImagePagesRead,
            m->FilePagesWritten, m->FilePagesFlushed);
    if (r->HavePageFile) {
        const PF_STATS *p = &r->PageFile;
        fprintf(f, "  \"pagefile\": {\"slots_in_use\": %u, \"maximum_slots\": %u, "
                "\"peak_slots_in_use\": %u, \"pages_written\": %" PRIu64 ", \"pages_read\": %"
                PRIu64 ", \"clusters\": %" PRIu64 ", \"write_errors\": %" PRIu64
                ", \"read_errors\": %" PRIu64 ", \"faults_logged\": %" PRIu64
                ", \"faults_dropped\": %" PRIu64 ", \"locations_recorded\": %" PRIu64
                ", \"seconds\": %.6f, \"write_seconds\": %.6f, \"read_seconds\": %.6f"
                ", \"log_seconds\": %.6f},\n", p->SlotsInUse, p->MaximumSlots,
                p->PeakSlotsInUse, p->PagesWritten, p->PagesRead, p->Clusters, p->WriteErrors,
                p->ReadErrors, p->FaultsLogged, p->FaultsDropped, p->LocationsRecorded,
                p->Seconds, p->WriteSeconds, p->ReadSeconds, p->LogSeconds);
    }
    fprintf(f, "  \"context_switches\": %" PRIu64 ",\n  \"processes\": [", r->ContextSwitches);
    for (uint32_t i = 0; i < r->ProcessCount; i++) {
        fprintf(f, "%s\n    {\"id\": %u, \"name\": ", i ? "," : "", r->Process[i].Id);
        Name(f, r->Process[i].Name);
        fputs(", ", f);
        Status(f, "exit_status", r->Process[i].ExitStatus);
        fprintf(f, ", \"instructions\": %" PRIu64 ", \"peak_working_set\": %u, "
                "\"peak_commit\": %u}", r->Process[i].Instructions,
                r->Process[i].PeakResidentPages, r->Process[i].PeakCommitPages);
    }
    fputs("\n  ]\n}\n", f);
    bool bad = ferror(f) != 0;
    return fclose(f) != 0 || bad ? -1 : 0;
}
