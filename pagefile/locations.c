/*
 * Snapshots of where pages are, recorded by the memory manager at moments
 * of its choosing (one transaction each), so that people can ask "where
 * is VA x now" (the where_is view: the latest snapshot) or watch a page
 * move over the run (page_history).
 */
#include <stdio.h>

#include "pagefile/pf.h"

NTSTATUS PfBeginLocations(PAGEFILE *pf, const char *label)
{
    if (pf->InLocations) {
        return PfFail(pf, STATUS_INVALID_PARAMETER, "a snapshot is already open");
    }
    double start = PfNow();
    NTSTATUS status = PfTxBegin(pf);
    if (NT_SUCCESS(status)) {
        pf->InLocations = true;
        sqlite3_stmt *s = pf->InsertSnapshot;
        sqlite3_bind_int64(s, 1, (sqlite3_int64)++pf->Snapshot);
        if (label) {
            sqlite3_bind_text(s, 2, label, -1, SQLITE_TRANSIENT);
        }
        if (pf->LastSequence) {
            sqlite3_bind_int64(s, 3, (sqlite3_int64)pf->LastSequence);
        }
        int rc = PfStep(s);
        if (rc != SQLITE_DONE) {
            status = PfSqliteFail(pf, rc, "recording a snapshot");
        }
    }
    pf->Stats.Seconds += PfNow() - start;
    return status;
}

NTSTATUS PfRecordLocation(PAGEFILE *pf, uint32_t process, uint32_t va, const char *where,
                          uint32_t frame, uint32_t slot)
{
    return PfRecordSectionLocation(pf, process, va, where, frame, slot, 0, 0);
}

/* section 0: a private page (no section, no offset). */
NTSTATUS PfRecordSectionLocation(PAGEFILE *pf, uint32_t process, uint32_t va, const char *where,
                                 uint32_t frame, uint32_t slot, uint32_t section,
                                 uint32_t offset)
{
    if (!pf->InLocations) {
        return PfFail(pf, STATUS_INVALID_PARAMETER, "no snapshot is open");
    }
    if (pf->TxAborted) {
        return pf->TxAbortStatus;
    }
    double start = PfNow();
    sqlite3_stmt *s = pf->InsertLocation;
    sqlite3_bind_int64(s, 1, (sqlite3_int64)pf->Snapshot);
    sqlite3_bind_int64(s, 2, process);
    sqlite3_bind_int64(s, 3, va & ~(PF_PAGE_SIZE - 1)); /* the page */
    sqlite3_bind_text(s, 4, where ? where : "unknown", -1, SQLITE_STATIC);
    if (frame != PF_NO_FRAME) {
        sqlite3_bind_int64(s, 5, frame);
    }
    if (slot) {
        sqlite3_bind_int64(s, 6, slot);
    }
    if (section) {
        sqlite3_bind_int64(s, 7, section);
        sqlite3_bind_int64(s, 8, offset);
    }
    int rc = PfStep(s);
    NTSTATUS status = STATUS_SUCCESS;
    if (rc == SQLITE_DONE) {
        pf->Stats.LocationsRecorded++;
    } else {
        char what[64];
        snprintf(what, sizeof what, "recording where 0x%08X is", va);
        status = PfSqliteFail(pf, rc, what);
    }
    pf->Stats.Seconds += PfNow() - start;
    return status;
}

NTSTATUS PfEndLocations(PAGEFILE *pf)
{
    if (!pf->InLocations) {
        return PfFail(pf, STATUS_INVALID_PARAMETER, "no snapshot is open");
    }
    double start = PfNow();
    pf->InLocations = false;
    NTSTATUS status = PfTxEnd(pf, true);
    pf->Stats.Seconds += PfNow() - start;
    return status;
}
