/*
 * The run over time: the sections pages belong to, samples of the whole
 * system every so often, and the events faults do not show (trims,
 * writer clusters, standby pages repurposed, frames zeroed).
 *
 * Samples and events are buffered like the fault log and inserted in the
 * same transaction as its rows (PfFlushLog), so that recording them costs
 * a copy here. Sections are few: each is inserted at once.
 */
#include <stdlib.h>
#include <string.h>

#include "pagefile/pf.h"

bool PfSamplesPrepare(PAGEFILE *pf)
{
    static const struct {
        size_t Offset;
        const char *Sql;
    } statements[] = {
        {offsetof(PAGEFILE, InsertSection),
         "INSERT OR REPLACE INTO sections (section, kind, name, pages) VALUES (?1, ?2, ?3, ?4)"},
        {offsetof(PAGEFILE, InsertEvent),
         "INSERT INTO events (event, time, after_fault, kind, process, pages, slot, reason) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"},
        {offsetof(PAGEFILE, InsertSample),
         "INSERT INTO samples (sample, time, after_fault, zeroed, free, standby, modified, "
         "modified_no_write, active, commit_charge, commit_limit, slots_in_use) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"},
        {offsetof(PAGEFILE, InsertSampleProcess),
         "INSERT INTO sample_processes (sample, process, working_set, commit_charge) "
         "VALUES (?1, ?2, ?3, ?4)"},
    };
    for (size_t i = 0; i < sizeof statements / sizeof *statements; i++) {
        sqlite3_stmt **s = (sqlite3_stmt **)((char *)pf + statements[i].Offset);
        if (sqlite3_prepare_v3(pf->Db, statements[i].Sql, -1, SQLITE_PREPARE_PERSISTENT, s,
                               NULL) != SQLITE_OK) {
            return false;
        }
    }
    return true;
}

void PfSamplesFree(PAGEFILE *pf)
{
    sqlite3_finalize(pf->InsertSection);
    sqlite3_finalize(pf->InsertEvent);
    sqlite3_finalize(pf->InsertSample);
    sqlite3_finalize(pf->InsertSampleProcess);
    pf->InsertSection = pf->InsertEvent = pf->InsertSample = pf->InsertSampleProcess = NULL;
    free(pf->Events);
    free(pf->Samples);
    free(pf->SampleProcs);
    pf->Events = NULL;
    pf->Samples = NULL;
    pf->SampleProcs = NULL;
}

bool PfSamplesPending(const PAGEFILE *pf)
{
    return pf->EventCount || pf->SampleCount;
}

/* Room for one more element in a growing array; false if out of memory. */
static bool Grow(void **array, uint32_t count, uint32_t *capacity, size_t size)
{
    if (count < *capacity) {
        return true;
    }
    uint32_t wanted = *capacity ? *capacity * 2 : 256;
    void *bigger = realloc(*array, wanted * size);
    if (!bigger) {
        return false;
    }
    *array = bigger;
    *capacity = wanted;
    return true;
}

NTSTATUS PfWriteSectionPage(PAGEFILE *pf, uint32_t slot, const uint8_t page[PF_PAGE_SIZE],
                            uint32_t section, uint32_t offset)
{
    pf->WriteSection = section;
    NTSTATUS status = PfWritePage(pf, slot, page, 0, offset);
    pf->WriteSection = 0;
    return status;
}

NTSTATUS PfRecordSection(PAGEFILE *pf, uint32_t section, const char *kind, const char *name,
                         uint32_t pages)
{
    if (!pf->FaultLog) {
        return STATUS_SUCCESS;
    }
    double start = PfNow();
    if (pf->TxDepth == 0) {
        PfCloseBlobs(pf); /* as PfSetParameter: an open blob would hold the write */
    }
    sqlite3_stmt *s = pf->InsertSection;
    sqlite3_bind_int64(s, 1, section);
    sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
    if (name) {
        sqlite3_bind_text(s, 3, name, -1, SQLITE_STATIC);
    }
    sqlite3_bind_int64(s, 4, pages);
    int rc = PfStep(s);
    pf->Stats.Seconds += PfNow() - start;
    return rc == SQLITE_DONE ? STATUS_SUCCESS : PfSqliteFail(pf, rc, "recording a section");
}

void PfRecordSample(PAGEFILE *pf, const PF_SAMPLE *sample)
{
    if (!pf->FaultLog) {
        return;
    }
    if (pf->SampleCount >= PF_LOG_BATCH) {
        PfFlushLog(pf);
    }
    if (!Grow((void **)&pf->Samples, pf->SampleCount, &pf->SampleCapacity,
              sizeof *pf->Samples)) {
        return;
    }
    PF_SAMPLE_ROW *row = &pf->Samples[pf->SampleCount];
    *row = (PF_SAMPLE_ROW){
        .Time = sample->Time,
        .AfterFault = pf->LastSequence,
        .CommitCharge = sample->CommitCharge,
        .CommitLimit = sample->CommitLimit,
        .SlotsInUse = pf->Stats.SlotsInUse,
        .FirstProc = pf->SampleProcCount,
    };
    memcpy(row->Lists, sample->Lists, sizeof row->Lists);
    for (uint32_t i = 0; i < sample->ProcessCount; i++) {
        if (!Grow((void **)&pf->SampleProcs, pf->SampleProcCount, &pf->SampleProcCapacity,
                  sizeof *pf->SampleProcs)) {
            break;
        }
        pf->SampleProcs[pf->SampleProcCount++] = sample->Processes[i];
        row->ProcCount++;
    }
    pf->SampleCount++;
}

void PfLogEvent(PAGEFILE *pf, const PF_EVENT *event)
{
    if (!pf->FaultLog) {
        return;
    }
    uint16_t kind = PfIntern(pf, event->Kind, &pf->LastEventKindPointer, &pf->LastEventKind);
    uint16_t reason = PfIntern(pf, event->Reason, &pf->LastReasonPointer, &pf->LastReason);
    if (event->Coalesce && pf->EventCount) {
        PF_EVENT_ROW *last = &pf->Events[pf->EventCount - 1];
        if (last->Coalesce && last->Kind == kind && last->Reason == reason &&
            last->Process == event->Process && last->AfterFault == pf->LastSequence) {
            last->Pages += event->Pages;
            return;
        }
    }
    if (pf->EventCount >= PF_LOG_BATCH) {
        PfFlushLog(pf);
    }
    if (!Grow((void **)&pf->Events, pf->EventCount, &pf->EventCapacity, sizeof *pf->Events)) {
        return;
    }
    pf->Events[pf->EventCount++] = (PF_EVENT_ROW){
        .Time = event->Time,
        .AfterFault = pf->LastSequence,
        .Process = event->Process,
        .Pages = event->Pages,
        .Slot = event->Slot,
        .Kind = kind,
        .Reason = reason,
        .Coalesce = event->Coalesce,
    };
}

static void Fail(PAGEFILE *pf, int rc, const char *what, NTSTATUS *status)
{
    if (rc != SQLITE_DONE && NT_SUCCESS(*status)) {
        *status = PfSqliteFail(pf, rc, what);
    }
}

/* A nullable integer: 0 is NULL. */
static void BindOptional(sqlite3_stmt *s, int index, uint64_t value)
{
    if (value) {
        sqlite3_bind_int64(s, index, (sqlite3_int64)value);
    }
}

void PfInsertSamplesAndEvents(PAGEFILE *pf, NTSTATUS *status)
{
    for (uint32_t i = 0; i < pf->EventCount && !pf->TxAborted; i++) {
        const PF_EVENT_ROW *e = &pf->Events[i];
        sqlite3_stmt *s = pf->InsertEvent;
        sqlite3_bind_int64(s, 1, (sqlite3_int64)++pf->EventNumber);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)e->Time);
        BindOptional(s, 3, e->AfterFault);
        sqlite3_bind_text(s, 4, e->Kind ? pf->Strings[e->Kind - 1] : "unknown", -1,
                          SQLITE_STATIC);
        BindOptional(s, 5, e->Process);
        sqlite3_bind_int64(s, 6, e->Pages);
        BindOptional(s, 7, e->Slot);
        if (e->Reason) {
            sqlite3_bind_text(s, 8, pf->Strings[e->Reason - 1], -1, SQLITE_STATIC);
        }
        Fail(pf, PfStep(s), "recording an event", status);
    }
    pf->EventCount = 0;
    for (uint32_t i = 0; i < pf->SampleCount && !pf->TxAborted; i++) {
        const PF_SAMPLE_ROW *r = &pf->Samples[i];
        sqlite3_stmt *s = pf->InsertSample;
        uint64_t number = ++pf->SampleNumber;
        sqlite3_bind_int64(s, 1, (sqlite3_int64)number);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)r->Time);
        BindOptional(s, 3, r->AfterFault);
        for (int l = 0; l < PfListCount; l++) {
            sqlite3_bind_int64(s, 4 + l, r->Lists[l]);
        }
        sqlite3_bind_int64(s, 10, r->CommitCharge);
        sqlite3_bind_int64(s, 11, r->CommitLimit);
        sqlite3_bind_int64(s, 12, r->SlotsInUse);
        Fail(pf, PfStep(s), "recording a sample", status);
        for (uint32_t p = 0; p < r->ProcCount; p++) {
            const PF_SAMPLE_PROCESS *proc = &pf->SampleProcs[r->FirstProc + p];
            sqlite3_stmt *q = pf->InsertSampleProcess;
            sqlite3_bind_int64(q, 1, (sqlite3_int64)number);
            sqlite3_bind_int64(q, 2, proc->Process);
            sqlite3_bind_int64(q, 3, proc->WorkingSet);
            sqlite3_bind_int64(q, 4, proc->Commit);
            Fail(pf, PfStep(q), "recording a sample", status);
        }
    }
    pf->SampleCount = 0;
    pf->SampleProcCount = 0;
}
