/*
 * The fault log: PfLogFault copies a row into a buffer; a full buffer
 * (PF_LOG_BATCH rows), PfFlushLog and PfClose insert the rows with one
 * prepared statement inside one transaction. Buffering rather than
 * holding a transaction open keeps the log out of the way of cluster
 * writes, and makes each fault cost a copy here; the SQLite work is the
 * same either way.
 *
 * Kinds and status names are interned: the first time a string is seen
 * it is copied, afterwards a row holds its 16-bit index. The caller's
 * strings need not outlive the call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pagefile/pf.h"

/* Index 1.. of text in pf->Strings, adding a copy if new; 0 if text is
 * NULL or there is no room. The caller's pointer is remembered to skip
 * the search next time, but the text is compared all the same: a caller
 * may format different kinds into the same buffer. */
uint16_t PfIntern(PAGEFILE *pf, const char *text, const char **last_pointer,
                       uint16_t *last_index)
{
    if (!text) {
        return 0;
    }
    if (text == *last_pointer && *last_index &&
        strcmp(pf->Strings[*last_index - 1], text) == 0) {
        return *last_index;
    }
    uint16_t index = 0;
    for (uint32_t i = 0; i < pf->StringCount; i++) {
        if (strcmp(pf->Strings[i], text) == 0) {
            index = (uint16_t)(i + 1);
            break;
        }
    }
    if (!index) {
        if (pf->StringCount >= UINT16_MAX) {
            return 0;
        }
        if (pf->StringCount == pf->StringCapacity) {
            uint32_t capacity = pf->StringCapacity ? pf->StringCapacity * 2 : 32;
            char **strings = realloc(pf->Strings, capacity * sizeof *strings);
            if (!strings) {
                return 0;
            }
            pf->Strings = strings;
            pf->StringCapacity = capacity;
        }
        char *copy = strdup(text);
        if (!copy) {
            return 0;
        }
        pf->Strings[pf->StringCount++] = copy;
        index = (uint16_t)pf->StringCount;
    }
    *last_pointer = text;
    *last_index = index;
    return index;
}

void PfLogFree(PAGEFILE *pf)
{
    for (uint32_t i = 0; i < pf->StringCount; i++) {
        free(pf->Strings[i]);
    }
    free(pf->Strings);
    free(pf->Log);
}

void PfLogFault(PAGEFILE *pf, const PF_FAULT *fault)
{
    if (!pf->FaultLog) {
        return;
    }
    if (pf->LogCount == PF_LOG_BATCH) {
        PfFlushLog(pf); /* failures are counted in FaultsDropped */
    }
    uint64_t sequence = fault->Sequence ? fault->Sequence : pf->LastSequence + 1;
    pf->LastSequence = sequence;
    pf->Log[pf->LogCount++] = (PF_LOG_ROW){
        .Sequence = sequence,
        .Process = fault->Process,
        .Va = fault->Va,
        .Eip = fault->Eip,
        .Status = (uint32_t)fault->Status,
        .Frame = fault->Frame,
        .Slot = fault->Slot,
        .Kind = PfIntern(pf, fault->Kind, &pf->LastKindPointer, &pf->LastKind),
        .StatusName = PfIntern(pf, fault->StatusName, &pf->LastNamePointer, &pf->LastName),
        .Access = fault->Access,
        .Time = fault->Time,
        .Thread = fault->Thread,
        .Section = fault->Section,
        .Offset = fault->Offset,
    };
}

static const char *AccessName(uint8_t access)
{
    switch (access) {
    case EXCEPTION_READ_FAULT:
        return "read";
    case EXCEPTION_WRITE_FAULT:
        return "write";
    case EXCEPTION_EXECUTE_FAULT:
        return "execute";
    default:
        return "unknown";
    }
}

/* Binds row as parameters base+1..base+PF_FAULT_COLUMNS of an insert into faults. */
static void BindRow(PAGEFILE *pf, sqlite3_stmt *s, int base, const PF_LOG_ROW *row)
{
    sqlite3_bind_int64(s, base + 1, (sqlite3_int64)row->Sequence);
    sqlite3_bind_int64(s, base + 2, row->Process);
    sqlite3_bind_int64(s, base + 3, row->Va);
    sqlite3_bind_int64(s, base + 4, row->Eip);
    sqlite3_bind_text(s, base + 5, AccessName(row->Access), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, base + 6, row->Kind ? pf->Strings[row->Kind - 1] : "unknown", -1,
                      SQLITE_STATIC);
    sqlite3_bind_int64(s, base + 7, row->Status);
    if (row->StatusName) {
        sqlite3_bind_text(s, base + 8, pf->Strings[row->StatusName - 1], -1, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(s, base + 8);
    }
    if (row->Frame != PF_NO_FRAME) {
        sqlite3_bind_int64(s, base + 9, row->Frame);
    } else {
        sqlite3_bind_null(s, base + 9);
    }
    if (row->Slot) {
        sqlite3_bind_int64(s, base + 10, row->Slot);
    } else {
        sqlite3_bind_null(s, base + 10);
    }
    sqlite3_bind_int64(s, base + 11, (sqlite3_int64)row->Time);
    sqlite3_bind_int64(s, base + 12, row->Thread);
    if (row->Section) {
        sqlite3_bind_int64(s, base + 13, row->Section);
        sqlite3_bind_int64(s, base + 14, (sqlite3_int64)row->Offset);
    } else {
        sqlite3_bind_null(s, base + 13);
        sqlite3_bind_null(s, base + 14);
    }
}

static int Run(sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc;
}

/* One row on its own (after a batch insert failed, or for the tail);
 * the first failure is kept in *status. Returns 1 if it went in. */
static int InsertOneRow(PAGEFILE *pf, const PF_LOG_ROW *row, NTSTATUS *status)
{
    BindRow(pf, pf->InsertFault, 0, row);
    int rc = Run(pf->InsertFault);
    if (rc == SQLITE_DONE) {
        return 1;
    }
    if (NT_SUCCESS(*status)) {
        char what[64];
        snprintf(what, sizeof what, "logging fault %llu", (unsigned long long)row->Sequence);
        *status = PfSqliteFail(pf, rc, what);
    }
    return 0;
}

/* Inserts count rows; returns how many went in. PF_LOG_ROWS_PER_INSERT
 * rows at a time through one multi-row INSERT (a third cheaper per row
 * than one statement per row); the rest, and the rows of a multi-row
 * insert that failed, one by one so that one bad row costs only
 * itself. */
static uint32_t InsertRows(PAGEFILE *pf, const PF_LOG_ROW *rows, uint32_t count,
                           NTSTATUS *status)
{
    uint32_t inserted = 0, i = 0;
    for (; i + PF_LOG_ROWS_PER_INSERT <= count && !pf->TxAborted; i += PF_LOG_ROWS_PER_INSERT) {
        for (int r = 0; r < PF_LOG_ROWS_PER_INSERT; r++) {
            BindRow(pf, pf->InsertFaults, r * PF_FAULT_COLUMNS, &rows[i + r]);
        }
        if (Run(pf->InsertFaults) == SQLITE_DONE) {
            inserted += PF_LOG_ROWS_PER_INSERT;
            continue;
        }
        if (pf->TxAborted) {
            break;
        }
        for (int r = 0; r < PF_LOG_ROWS_PER_INSERT; r++) {
            inserted += InsertOneRow(pf, &rows[i + r], status);
        }
    }
    for (; i < count && !pf->TxAborted; i++) {
        inserted += InsertOneRow(pf, &rows[i], status);
    }
    return inserted;
}

NTSTATUS PfFlushLog(PAGEFILE *pf)
{
    if (pf->LogCount == 0 && pf->PendingCount == 0 && !PfSamplesPending(pf)) {
        return STATUS_SUCCESS;
    }
    double start = PfNow();
    uint32_t count = pf->LogCount, inserted = 0;
    pf->LogCount = 0;
    NTSTATUS status = PfTxBegin(pf);
    if (NT_SUCCESS(status)) {
        inserted = InsertRows(pf, pf->Log, count, &status);
        PfInsertSamplesAndEvents(pf, &status);
        NTSTATUS end = PfTxEnd(pf, true);
        if (!NT_SUCCESS(end)) {
            inserted = 0; /* rolled back */
            status = end;
        }
    }
    pf->Stats.FaultsLogged += inserted;
    pf->Stats.FaultsDropped += count - inserted;
    double spent = PfNow() - start;
    pf->Stats.LogSeconds += spent;
    pf->Stats.Seconds += spent;
    return status;
}

bool PfFaultLogEnabled(const PAGEFILE *pf)
{
    return pf->FaultLog;
}
