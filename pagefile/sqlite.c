/*
 * What every pagefile operation shares: failures as NTSTATUS plus a line
 * of text, nested transactions over SQLite's single one, and the clock
 * behind the statistics.
 */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "pagefile/pf.h"

NTSTATUS PfFail(PAGEFILE *pf, NTSTATUS status, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(pf->Error, sizeof pf->Error, format, args);
    va_end(args);
    return status;
}

/* What an in-page error reports for a SQLite failure: a full host disk
 * is STATUS_DISK_FULL, anything else the device failing. */
NTSTATUS PfStatusOf(int rc)
{
    switch (rc & 0xFF) {
    case SQLITE_OK:
    case SQLITE_DONE:
    case SQLITE_ROW:
        return STATUS_SUCCESS;
    case SQLITE_FULL:
        return STATUS_DISK_FULL;
    case SQLITE_NOMEM:
        return STATUS_NO_MEMORY;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISUSE:
    case SQLITE_RANGE:
        return STATUS_INVALID_PARAMETER;
    default:
        return STATUS_DEVICE_DATA_ERROR;
    }
}

NTSTATUS PfSqliteFail(PAGEFILE *pf, int rc, const char *what)
{
    /* sqlite3_errmsg describes the connection's latest failure, which is
     * this one unless rc came from somewhere that does not set it. */
    const char *message = sqlite3_extended_errcode(pf->Db) == rc ? sqlite3_errmsg(pf->Db)
                                                        : sqlite3_errstr(rc);
    NTSTATUS status = PfFail(pf, PfStatusOf(rc), "%s: %s", what, message);
    if (status == STATUS_DISK_FULL) {
        pf->Stats.DiskFullErrors++;
    }
    /* For some failures (SQLITE_FULL, I/O errors, out of memory) SQLite
     * rolls the whole transaction back by itself. Our transaction is then
     * dead: what it wrote is forgotten now, and everything up to its end
     * fails with this status rather than run outside any transaction. */
    if (pf->TxDepth > 0 && !pf->TxAborted && sqlite3_get_autocommit(pf->Db)) {
        pf->TxAborted = true;
        pf->TxAbortStatus = status;
        PfTxRolledBack(pf);
        PfPendingFreesRolledBack(pf);
    }
    return status;
}

int PfStep(sqlite3_stmt *statement)
{
    int rc = sqlite3_step(statement);
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    return rc;
}

double PfNow(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
}

NTSTATUS PfTxBegin(PAGEFILE *pf)
{
    if (pf->TxAborted) {
        return pf->TxAbortStatus;
    }
    if (pf->TxDepth++ > 0) {
        return STATUS_SUCCESS;
    }
    /* An open blob handle is a statement in progress: a transaction
     * starts with none (a write to its row would expire it anyway). */
    PfCloseBlobs(pf);
    int rc = PfStep(pf->Begin);
    if (rc != SQLITE_DONE) {
        pf->TxDepth = 0;
        return PfSqliteFail(pf, rc, "beginning a transaction");
    }
    /* Freed slots leave the slots table in the first transaction after
     * they were freed, before anything written in it. A failure here
     * only leaves a stale row for people to read; it is not fatal. */
    int drain = PfDrainPendingFrees(pf);
    if (drain != SQLITE_OK) {
        PfSqliteFail(pf, drain, "deleting freed slots");
    }
    return STATUS_SUCCESS;
}

NTSTATUS PfTxEnd(PAGEFILE *pf, bool commit)
{
    if (pf->TxDepth == 0) {
        return PfFail(pf, STATUS_INVALID_PARAMETER, "no transaction is open");
    }
    if (--pf->TxDepth > 0) {
        return pf->TxAborted ? pf->TxAbortStatus : STATUS_SUCCESS;
    }
    /* COMMIT refuses while a blob handle that wrote is open. */
    PfCloseBlobs(pf);
    if (pf->TxAborted) {
        pf->TxAborted = false; /* rolled back and accounted for already */
        return pf->TxAbortStatus;
    }
    NTSTATUS status = STATUS_SUCCESS;
    if (commit) {
        int rc = PfStep(pf->Commit);
        if (rc == SQLITE_DONE) {
            PfTxCommitted(pf);
            PfPendingFreesCommitted(pf);
            return STATUS_SUCCESS;
        }
        status = PfSqliteFail(pf, rc, "committing");
    }
    /* SQLite rolls some failures back by itself (SQLITE_FULL, I/O
     * errors); roll back whatever it left open. */
    if (!sqlite3_get_autocommit(pf->Db)) {
        PfStep(pf->Rollback);
    }
    PfTxRolledBack(pf);
    PfPendingFreesRolledBack(pf);
    return status;
}
