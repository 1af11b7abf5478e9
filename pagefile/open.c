/*
 * Opening and closing the pagefile: recognizing what is already at the
 * path, refusing what is not ours, the pragmas, the schema.
 *
 * The pragmas, and why (docs/pagefile.md has the measurements):
 *   page_size=4096       a slot's row is then 489 bytes in a table leaf plus
 *                        one overflow page; 8192 would store one row per
 *                        page and write twice the bytes.
 *   locking_mode=EXCLUSIVE  one process owns the file for the whole run: a
 *                        second ntmm on the same pagefile is refused at once,
 *                        and no lock is taken or dropped per transaction.
 *   journal_mode=DELETE, synchronous=OFF
 *                        the contents need not survive a crash, but the file
 *                        must never be left corrupt. With a rollback journal,
 *                        SQLite copies a page's old contents to the journal
 *                        before it overwrites the page in the database; an
 *                        ntmm that dies at any point (crash, kill -9) has
 *                        handed all those writes to the OS, so the next
 *                        opener finds a hot journal and rolls the file back
 *                        to the last commit. With synchronous=OFF the journal
 *                        header says "play back every record whose checksum
 *                        is good", which is what makes skipping the fsyncs
 *                        safe against a process crash. The fsyncs matter only
 *                        if the *machine* goes down during a run (then the
 *                        disk may hold writes out of order); they cost half
 *                        the write throughput here, and the pagefile is
 *                        disposable: the next run recognizes it by its header
 *                        and replaces it. In exclusive mode the journal is
 *                        kept open and its header zeroed at commit instead of
 *                        the file being deleted; it is removed at close.
 *                        Measured against WAL (also safe with synchronous=OFF
 *                        against a process crash): WAL writes every page
 *                        twice (log, then checkpoint), a rollback journal
 *                        only pages that existed before the transaction, so
 *                        fresh slots and fault-log rows go 1.5x faster;
 *                        rewrites and reads are the same within 10%.
 *                        Rejected: journal_mode=OFF and MEMORY (a crash in
 *                        mid-transaction leaves a half-written file with no
 *                        journal on disk: corrupt).
 *   cache_size=-16384    16 MiB: the b-tree interior pages and recent
 *                        slots stay in memory; the OS caches the rest.
 *
 * An ntmm pagefile from an earlier run is deleted and created afresh
 * rather than emptied: its contents mean nothing now, and a new file is
 * compact (a run with a small pagefile does not keep the last run's
 * 4 GiB) and carries no damage from a crash. It is deleted only while
 * this process holds SQLite's EXCLUSIVE lock on it: a file another live
 * run (or a sqlite3 shell in a transaction) holds any lock on is refused,
 * never pulled from under its owner.
 *
 * Paths are file names, never SQLite URIs: SQLite reads a name that
 * begins with "file:" as a URI when URIs are enabled at build time (they
 * are in Debian's library), so "--pagefile file:x.db?mode=memory" would
 * open something else than the file the user named. Such a name is
 * opened as "./file:...", the same file without the URI meaning.
 */
#include <errno.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pagefile/pf.h"

static void Why(char *why, size_t whylen, const char *path, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static void Why(char *why, size_t whylen, const char *path, const char *format, ...)
{
    if (!why || !whylen) {
        return;
    }
    int n = snprintf(why, whylen, "pagefile %s: ", path);
    if (n < 0 || (size_t)n >= whylen) {
        return;
    }
    va_list args;
    va_start(args, format);
    vsnprintf(why + n, whylen - (size_t)n, format, args);
    va_end(args);
}

/*
 * The name to give SQLite for path: "./" before a relative name that
 * SQLite would parse as a URI. Returns path itself or buffer.
 */
static const char *SqliteName(const char *path, char *buffer, size_t size)
{
    if (strncmp(path, "file:", 5) != 0) {
        return path;
    }
    snprintf(buffer, size, "./%s", path);
    return buffer;
}

/* The OS's reason when SQLite has one, else SQLite's. */
static const char *Reason(sqlite3 *db)
{
    int error = db ? sqlite3_system_errno(db) : 0;
    return error ? strerror(error) : db ? sqlite3_errmsg(db) : "out of memory";
}

static int QueryInt(sqlite3 *db, const char *sql, sqlite3_int64 *value)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
    if (rc != SQLITE_OK) {
        return rc;
    }
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *value = sqlite3_column_int64(s, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(s);
    return rc;
}

static bool RemoveFile(const char *path, const char *suffix, char *why, size_t whylen,
                       const char *shown)
{
    char name[4096];
    snprintf(name, sizeof name, "%s%s", path, suffix);
    if (unlink(name) != 0 && errno != ENOENT) {
        Why(why, whylen, shown, "cannot replace the old pagefile (%s%s): %s", shown, suffix,
            strerror(errno));
        return false;
    }
    return true;
}

/*
 * What is at the path already. Returns false (with why) if ntmm must not
 * use it; removes an old ntmm pagefile; leaves an empty file or an empty
 * database for PfOpen to fill.
 */
static bool ExaminePath(const char *path, char *why, size_t whylen)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT) {
            return true;
        }
        Why(why, whylen, path, "%s", strerror(errno));
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        Why(why, whylen, path, "is not a regular file");
        return false;
    }
    if (st.st_size == 0) {
        return true; /* SQLite makes an empty file a new database */
    }
    sqlite3 *db = NULL;
    char name[4200];
    int rc = sqlite3_open_v2(SqliteName(path, name, sizeof name), &db, SQLITE_OPEN_READWRITE,
                             NULL);
    if (rc != SQLITE_OK) {
        Why(why, whylen, path, "cannot open it: %s", Reason(db));
        sqlite3_close(db);
        return false;
    }
    bool ok = false;
    sqlite3_int64 application = 0, version = 0, objects = 0;
    if (sqlite3_db_readonly(db, "main") == 1) {
        /* SQLite quietly opens a file it may not write read-only. */
        Why(why, whylen, path, "is read-only");
        goto done;
    }
    /* The header's fields first: reading sqlite_schema makes SQLite parse
     * the whole schema, which only a database not ntmm's needs. */
    rc = QueryInt(db, "PRAGMA application_id", &application);
    if (rc == SQLITE_OK) {
        rc = QueryInt(db, "PRAGMA user_version", &version);
    }
    if (rc == SQLITE_OK && application != PF_APPLICATION_ID) {
        rc = QueryInt(db, "SELECT count(*) FROM sqlite_schema", &objects);
    }
    if ((rc & 0xFF) == SQLITE_NOTADB) {
        Why(why, whylen, path, "is not a SQLite database (file is not a database); "
            "ntmm will not overwrite it");
        goto done;
    }
    if ((rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED) {
        Why(why, whylen, path, "is in use by another process (another ntmm run?)");
        goto done;
    }
    if (rc != SQLITE_OK) {
        Why(why, whylen, path, "cannot read it: %s", sqlite3_errmsg(db));
        goto done;
    }
    if (application == PF_APPLICATION_ID) {
        if (version != PF_SCHEMA_VERSION) {
            Why(why, whylen, path,
                "is an ntmm pagefile of schema version %lld, this ntmm uses version %d; "
                "delete it or choose another --pagefile", version, PF_SCHEMA_VERSION);
            goto done;
        }
        /* Ours, from an earlier run: deleted under an EXCLUSIVE lock, which
         * SQLite grants only when no other connection holds any lock (a
         * live run holds one from its first write until it ends). */
        rc = sqlite3_exec(db, "BEGIN EXCLUSIVE", NULL, NULL, NULL);
        if ((rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED) {
            Why(why, whylen, path, "is in use by another process (another ntmm run?)");
            goto done;
        }
        if (rc != SQLITE_OK) {
            Why(why, whylen, path, "cannot lock it: %s", sqlite3_errmsg(db));
            goto done;
        }
        ok = RemoveFile(path, "", why, whylen, path) &&
             RemoveFile(path, "-wal", why, whylen, path) &&
             RemoveFile(path, "-shm", why, whylen, path);
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(db); /* the journal, if SQLite made one, goes with the lock */
        return ok && RemoveFile(path, "-journal", why, whylen, path);
    }
    if (application != 0) {
        Why(why, whylen, path,
            "is a SQLite database of another application (application_id 0x%08llX); "
            "ntmm will not overwrite it", (unsigned long long)(uint32_t)application);
        goto done;
    }
    if (objects != 0) {
        sqlite3_stmt *s;
        char names[160] = "";
        if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema ORDER BY name LIMIT 4", -1,
                               &s, NULL) == SQLITE_OK) {
            for (int i = 0; sqlite3_step(s) == SQLITE_ROW; i++) {
                size_t used = strlen(names);
                snprintf(names + used, sizeof names - used, "%s%s", i ? ", " : "",
                         i < 3 ? (const char *)sqlite3_column_text(s, 0) : "...");
            }
            sqlite3_finalize(s);
        }
        Why(why, whylen, path, "is a SQLite database with other tables (%s); "
            "ntmm will not overwrite it", names);
        goto done;
    }
    ok = true; /* an empty database: ours to fill */
done:
    sqlite3_close(db);
    return ok;
}

static int Exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* The pragmas (see the top of this file). Returns false with why. */
static bool Configure(sqlite3 *db, const char *path, bool memory, char *why, size_t whylen)
{
    sqlite3_int64 page_size = 0;
    int rc = Exec(db, "PRAGMA page_size = 4096");
    if (rc == SQLITE_OK) {
        rc = QueryInt(db, "PRAGMA page_size", &page_size);
    }
    if (rc == SQLITE_OK && page_size != PF_PAGE_SIZE) {
        rc = Exec(db, "VACUUM"); /* an existing empty database of another page size */
    }
    if (rc == SQLITE_OK) {
        rc = Exec(db, "PRAGMA locking_mode = EXCLUSIVE");
    }
    if (rc == SQLITE_OK) {
        sqlite3_stmt *s;
        rc = sqlite3_prepare_v2(db, "PRAGMA journal_mode = DELETE", -1, &s, NULL);
        if (rc == SQLITE_OK) {
            rc = sqlite3_step(s);
            if (rc == SQLITE_ROW) {
                const char *mode = (const char *)sqlite3_column_text(s, 0);
                /* An in-memory database always journals in memory. */
                rc = strcmp(mode ? mode : "", memory ? "memory" : "delete") == 0
                         ? SQLITE_OK
                         : SQLITE_CANTOPEN;
            }
            sqlite3_finalize(s);
        }
    }
    if (rc == SQLITE_OK) {
        rc = Exec(db, "PRAGMA synchronous = OFF; PRAGMA cache_size = -16384;"
                      "PRAGMA temp_store = MEMORY");
    }
    if (rc == SQLITE_OK) {
        return true;
    }
    if ((rc & 0xFF) == SQLITE_BUSY) {
        Why(why, whylen, path, "is in use by another process (another ntmm run?)");
    } else if ((rc & 0xFF) == SQLITE_NOTADB) {
        Why(why, whylen, path, "is not a SQLite database (file is not a database)");
    } else {
        Why(why, whylen, path, "cannot write it: %s (is its directory writable?)", Reason(db));
    }
    return false;
}

static bool CreateSchema(PAGEFILE *pf, char *why, size_t whylen)
{
    char *sql = sqlite3_mprintf(
        "BEGIN;\n%s"
        "PRAGMA application_id = %d;\n"
        "PRAGMA user_version = %d;\n"
        "INSERT INTO parameters VALUES ('pagefile-max-pages', '%u'), ('pagefile-path', %Q),"
        " ('pagefile-schema-version', '%d'), ('sqlite-version', %Q);\n"
        "COMMIT;",
        PfSchemaSql, PF_APPLICATION_ID, PF_SCHEMA_VERSION, pf->MaximumPages, pf->Path,
        PF_SCHEMA_VERSION, sqlite3_libversion());
    if (!sql) {
        Why(why, whylen, pf->Path, "out of memory");
        return false;
    }
    int rc = Exec(pf->Db, sql);
    sqlite3_free(sql);
    if ((rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED) {
        /* Another run created the file at the same moment and won it. */
        Why(why, whylen, pf->Path, "is in use by another process (another ntmm run?)");
        return false;
    }
    if (rc != SQLITE_OK) {
        Why(why, whylen, pf->Path, "cannot write it: %s (is its directory writable?)",
            Reason(pf->Db));
        Exec(pf->Db, "ROLLBACK");
        return false;
    }
    return true;
}

static bool Prepare(PAGEFILE *pf, sqlite3_stmt **statement, const char *sql, char *why,
                    size_t whylen)
{
    int rc = sqlite3_prepare_v3(pf->Db, sql, -1, SQLITE_PREPARE_PERSISTENT, statement, NULL);
    if (rc != SQLITE_OK) {
        Why(why, whylen, pf->Path, "preparing \"%s\": %s", sql, sqlite3_errmsg(pf->Db));
        return false;
    }
    return true;
}

/* INSERT INTO faults ... VALUES (?1, ..., ?10), (?11, ...), ... */
static bool PrepareFaultsInsert(PAGEFILE *pf, char *why, size_t whylen)
{
    sqlite3_str *sql = sqlite3_str_new(pf->Db);
    sqlite3_str_appendall(sql, "INSERT INTO faults (seq, process, va, eip, access, kind, status, "
                               "status_name, frame, slot, time, thread, section, offset) VALUES ");
    for (int r = 0; r < PF_LOG_ROWS_PER_INSERT; r++) {
        sqlite3_str_appendall(sql, r ? ", (" : "(");
        for (int c = 1; c <= PF_FAULT_COLUMNS; c++) {
            sqlite3_str_appendf(sql, "?%d%s", r * PF_FAULT_COLUMNS + c,
                                c < PF_FAULT_COLUMNS ? ", " : ")");
        }
    }
    char *text = sqlite3_str_finish(sql);
    if (!text) {
        Why(why, whylen, pf->Path, "out of memory");
        return false;
    }
    bool ok = Prepare(pf, &pf->InsertFaults, text, why, whylen);
    sqlite3_free(text);
    return ok;
}

static bool PrepareStatements(PAGEFILE *pf, char *why, size_t whylen)
{
    return Prepare(pf, &pf->Begin, "BEGIN", why, whylen) &&
           Prepare(pf, &pf->Commit, "COMMIT", why, whylen) &&
           Prepare(pf, &pf->Rollback, "ROLLBACK", why, whylen) &&
           Prepare(pf, &pf->UpsertSlot,
                   "INSERT INTO slots (slot, process, va, writes, last_write, cluster, section) "
                   "VALUES (?1, ?2, ?3, 1, ?4, ?5, ?7) ON CONFLICT (slot) DO UPDATE SET "
                   "process = excluded.process, va = excluded.va, section = excluded.section, "
                   "writes = CASE WHEN ?6 THEN 1 ELSE writes + 1 END, "
                   "last_write = excluded.last_write, cluster = excluded.cluster",
                   why, whylen) &&
           Prepare(pf, &pf->InsertData, "INSERT INTO slot_data (slot, data) VALUES (?1, ?2)",
                   why, whylen) &&
           Prepare(pf, &pf->DeleteSlot, "DELETE FROM slots WHERE slot = ?1", why, whylen) &&
           Prepare(pf, &pf->SetParameter,
                   "INSERT OR REPLACE INTO parameters (name, value) VALUES (?1, ?2)", why,
                   whylen) &&
           Prepare(pf, &pf->InsertFault,
                   "INSERT INTO faults (seq, process, va, eip, access, kind, status, "
                   "status_name, frame, slot, time, thread, section, offset) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                   why, whylen) &&
           PrepareFaultsInsert(pf, why, whylen) &&
           Prepare(pf, &pf->InsertSnapshot,
                   "INSERT INTO snapshots (snapshot, label, after_fault) VALUES (?1, ?2, ?3)",
                   why, whylen) &&
           Prepare(pf, &pf->InsertLocation,
                   "INSERT INTO page_locations (snapshot, process, va, location, frame, slot, "
                   "section, offset) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                   why, whylen) &&
           (PfSamplesPrepare(pf) ||
            (Why(why, whylen, pf->Path, "preparing: %s", sqlite3_errmsg(pf->Db)), false));
}

static void Release(PAGEFILE *pf)
{
    PfCloseBlobs(pf);
    PfSamplesFree(pf); /* its statements, before the connection closes */
    sqlite3_stmt *statements[] = {pf->Begin, pf->Commit, pf->Rollback, pf->UpsertSlot,
                                  pf->InsertData, pf->DeleteSlot, pf->SetParameter,
                                  pf->InsertFault, pf->InsertFaults, pf->InsertSnapshot,
                                  pf->InsertLocation};
    for (size_t i = 0; i < sizeof statements / sizeof *statements; i++) {
        sqlite3_finalize(statements[i]);
    }
    sqlite3_close(pf->Db);
    PfSlotsFree(pf);
    PfLogFree(pf);
    free(pf->TxSlots);
    free(pf->Injections);
    free(pf->Path);
    free(pf);
}

PAGEFILE *PfOpen(const PF_OPTIONS *options, char *why, size_t whylen)
{
    double start = PfNow();
    const char *path = options->Path ? options->Path : PF_DEFAULT_PATH;
    if (why && whylen) {
        why[0] = 0;
    }
    if (!*path) {
        Why(why, whylen, "\"\"", "an empty path");
        return NULL;
    }
    if (options->MaximumPages > PF_MAXIMUM_PAGES_LIMIT) {
        Why(why, whylen, path, "a maximum of %u pages is more than the %u a pagefile can have",
            options->MaximumPages, PF_MAXIMUM_PAGES_LIMIT);
        return NULL;
    }
    bool memory = strcmp(path, PF_MEMORY_PATH) == 0;
    if (!memory && !ExaminePath(path, why, whylen)) {
        return NULL;
    }

    PAGEFILE *pf = calloc(1, sizeof *pf);
    if (!pf || !(pf->Path = strdup(path))) {
        free(pf);
        Why(why, whylen, path, "out of memory");
        return NULL;
    }
    pf->MaximumPages = options->MaximumPages;
    pf->FaultLog = options->FaultLog;
    if (!PfSlotsInit(pf) ||
        (pf->FaultLog && !(pf->Log = malloc(PF_LOG_BATCH * sizeof *pf->Log)))) {
        Why(why, whylen, path, "out of memory for %u slots", pf->MaximumPages);
        Release(pf);
        return NULL;
    }

    /* NOMUTEX: a PAGEFILE is used by one thread at a time, so SQLite's
     * per-connection mutex, taken on every bind and step, is pure cost
     * (a few percent of a fault-log insert). */
    char name[4200];
    int rc = sqlite3_open_v2(memory ? path : SqliteName(path, name, sizeof name), &pf->Db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        /* SQLite's errno is that of its last attempt, a read-only open
         * after the read-write one failed: ENOENT for a directory that is
         * merely read-only. The directory itself says which it is. */
        char directory[4096];
        snprintf(directory, sizeof directory, "%s", path);
        const char *dir = dirname(directory);
        struct stat st;
        if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            Why(why, whylen, path, "cannot create it: directory %s does not exist", dir);
        } else if (access(dir, W_OK) != 0) {
            Why(why, whylen, path, "cannot create it: directory %s is not writable (%s)", dir,
                strerror(errno));
        } else {
            Why(why, whylen, path, "cannot create it: %s", Reason(pf->Db));
        }
        Release(pf);
        return NULL;
    }
    sqlite3_extended_result_codes(pf->Db, 1);
    if (!memory && sqlite3_db_readonly(pf->Db, "main") == 1) {
        Why(why, whylen, path, "is read-only");
        Release(pf);
        return NULL;
    }
    if (!Configure(pf->Db, path, memory, why, whylen) || !CreateSchema(pf, why, whylen) ||
        !PrepareStatements(pf, why, whylen)) {
        Release(pf);
        return NULL;
    }
    pf->Stats.Seconds += PfNow() - start;
    return pf;
}

NTSTATUS PfClose(PAGEFILE *pf)
{
    if (!pf) {
        return STATUS_SUCCESS;
    }
    double start = PfNow();
    NTSTATUS status = STATUS_SUCCESS;
    /* A cluster or snapshot left open is committed. */
    pf->InCluster = pf->InLocations = false;
    while (pf->TxDepth > 0) {
        NTSTATUS end = PfTxEnd(pf, true);
        if (NT_SUCCESS(status)) {
            status = end;
        }
    }
    NTSTATUS flushed = PfFlushLog(pf);
    if (NT_SUCCESS(status)) {
        status = flushed;
    }
    pf->Stats.Seconds += PfNow() - start;
    Release(pf);
    return status;
}

NTSTATUS PfSetParameter(PAGEFILE *pf, const char *name, const char *value)
{
    double start = PfNow();
    if (pf->TxDepth == 0) {
        /* Else the open read blob would keep this autocommit write
         * uncommitted until it closed. */
        PfCloseBlobs(pf);
    }
    sqlite3_bind_text(pf->SetParameter, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(pf->SetParameter, 2, value, -1, SQLITE_STATIC);
    int rc = PfStep(pf->SetParameter);
    pf->Stats.Seconds += PfNow() - start;
    return rc == SQLITE_DONE ? STATUS_SUCCESS : PfSqliteFail(pf, rc, "setting a parameter");
}

const PF_STATS *PfGetStats(const PAGEFILE *pf)
{
    return &pf->Stats;
}

const char *PfLastError(const PAGEFILE *pf)
{
    return pf->Error;
}

struct sqlite3 *PfDatabase(PAGEFILE *pf)
{
    return pf->Db;
}
