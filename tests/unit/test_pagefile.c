/*
 * The paging file (pagefile/): page round trips in clusters and singly,
 * slot allocation, reuse of an old pagefile, every refusal at open, the
 * injected and real I/O failures, and a throughput measurement printed for
 * the record (the fault log and the run record: test_faultlog.c).
 *
 * Files go in a mkdtemp directory made before the tests fork and removed
 * at the end.
 */
#define _GNU_SOURCE /* nftw, setgroups */
#include <check.h>

#include "tests/unit/checkmain.h"
#include "tests/unit/pftest.h"

START_TEST(round_trip_in_clusters_and_singly)
{
    PAGEFILE *pf = OpenAt(TempPath("roundtrip.db"), 256, true);
    uint8_t page[PF_PAGE_SIZE], back[PF_PAGE_SIZE];
    uint32_t slots[72];
    for (uint32_t i = 0; i < 72; i++) {
        slots[i] = PfAllocateSlot(pf);
        ck_assert_uint_eq(slots[i], i + 1); /* lowest first, never 0 */
    }
    /* Four clusters of 16, like NT's 64 KiB writes. */
    for (uint32_t c = 0; c < 4; c++) {
        ck_assert_int_eq(PfBeginCluster(pf), STATUS_SUCCESS);
        for (uint32_t i = 0; i < 16; i++) {
            uint32_t slot = slots[c * 16 + i];
            Pattern(page, slot, 0);
            ck_assert_int_eq(PfWritePage(pf, slot, page, 4, 0x10000000u + slot * 4096),
                             STATUS_SUCCESS);
        }
        ck_assert_int_eq(PfEndCluster(pf), STATUS_SUCCESS);
    }
    /* Eight more one at a time. */
    for (uint32_t i = 64; i < 72; i++) {
        Pattern(page, slots[i], 0);
        ck_assert_int_eq(PfWritePage(pf, slots[i], page, 8, 0x20000000u + i * 4096),
                         STATUS_SUCCESS);
    }
    for (uint32_t i = 0; i < 72; i++) {
        Pattern(page, slots[i], 0);
        memset(back, 0xCC, sizeof back);
        ck_assert_int_eq(PfReadPage(pf, slots[i], back), STATUS_SUCCESS);
        ck_assert_msg(memcmp(page, back, PF_PAGE_SIZE) == 0, "slot %u differs", slots[i]);
    }
    /* Rewrites (in place, through the blob handle), reads interleaved with
     * writes inside a cluster, and a page read back before its cluster
     * commits. */
    ck_assert_int_eq(PfBeginCluster(pf), STATUS_SUCCESS);
    for (uint32_t i = 0; i < 72; i += 3) {
        Pattern(page, slots[i], 1);
        ck_assert_int_eq(PfWritePage(pf, slots[i], page, 4, 0x10000000u + slots[i] * 4096),
                         STATUS_SUCCESS);
        ck_assert_int_eq(PfReadPage(pf, slots[i], back), STATUS_SUCCESS);
        ck_assert(memcmp(page, back, PF_PAGE_SIZE) == 0);
        ck_assert_int_eq(PfReadPage(pf, slots[(i + 1) % 72], back), STATUS_SUCCESS);
        Pattern(page, slots[(i + 1) % 72], 0);
        ck_assert(memcmp(page, back, PF_PAGE_SIZE) == 0);
    }
    ck_assert_int_eq(PfEndCluster(pf), STATUS_SUCCESS);
    for (uint32_t i = 0; i < 72; i++) {
        Pattern(page, slots[i], i % 3 == 0 ? 1 : 0);
        ck_assert_int_eq(PfReadPage(pf, slots[i], back), STATUS_SUCCESS);
        ck_assert_msg(memcmp(page, back, PF_PAGE_SIZE) == 0, "slot %u differs", slots[i]);
    }
    const PF_STATS *stats = PfGetStats(pf);
    ck_assert_uint_eq(stats->PagesWritten, 64 + 8 + 24);
    ck_assert_uint_eq(stats->Clusters, 4 + 8 + 1);
    ck_assert_uint_eq(stats->BytesWritten, (64 + 8 + 24) * 4096ull);
    ck_assert_uint_eq(stats->PagesRead, 72 + 48 + 72);
    ck_assert_uint_eq(stats->SlotsInUse, 72);
    ck_assert_uint_eq(stats->WriteErrors + stats->ReadErrors, 0);
    ck_assert(stats->Seconds > 0 && stats->Seconds >= stats->WriteSeconds);

    /* The slots table says whose each page is and how often it was
     * written. */
    sqlite3 *db = PfDatabase(pf);
    ck_assert_query(db, "SELECT process, va, writes, cluster FROM slots WHERE slot IN (1, 2, 65)",
                    "4|268439552|2|13\n4|268443648|1|1\n8|537133056|1|5\n");
    ck_assert_query(db, "SELECT count(*), min(length(data)), max(length(data)) FROM slot_data",
                    "72|4096|4096\n");
    ck_assert_int_eq(PfClose(pf), STATUS_SUCCESS);
}
END_TEST

START_TEST(slots_lowest_first_and_maximum)
{
    PAGEFILE *pf = OpenAt(PF_MEMORY_PATH, 10, false);
    for (uint32_t i = 1; i <= 10; i++) {
        ck_assert_uint_eq(PfAllocateSlot(pf), i);
    }
    ck_assert_uint_eq(PfFreeSlots(pf), 0);
    ck_assert_uint_eq(PfAllocateSlot(pf), 0); /* full: 0, and nothing else happens */
    ck_assert_uint_eq(PfAllocateSlot(pf), 0);
    ck_assert_int_eq(PfFreeSlot(pf, 7), STATUS_SUCCESS);
    ck_assert_int_eq(PfFreeSlot(pf, 3), STATUS_SUCCESS);
    ck_assert_uint_eq(PfFreeSlots(pf), 2);
    ck_assert_uint_eq(PfAllocateSlot(pf), 3);
    ck_assert_uint_eq(PfAllocateSlot(pf), 7);
    ck_assert_uint_eq(PfAllocateSlot(pf), 0);
    /* Misuse is refused with a reason, not absorbed. */
    ck_assert_int_eq(PfFreeSlot(pf, 0), STATUS_INVALID_PARAMETER);
    ck_assert_int_eq(PfFreeSlot(pf, 11), STATUS_INVALID_PARAMETER);
    ck_assert_int_eq(PfFreeSlot(pf, 5), STATUS_SUCCESS);
    ck_assert_int_eq(PfFreeSlot(pf, 5), STATUS_INVALID_PARAMETER);
    ck_assert_str_eq(PfLastError(pf), "freeing slot 5, which is not allocated");
    uint8_t page[PF_PAGE_SIZE] = {0};
    ck_assert_int_eq(PfWritePage(pf, 5, page, 1, 0), STATUS_INVALID_PARAMETER);
    ck_assert_int_eq(PfWritePage(pf, 0, page, 1, 0), STATUS_INVALID_PARAMETER);
    ck_assert_int_eq(PfReadPage(pf, 6, page), STATUS_INVALID_PARAMETER); /* never written */
    ck_assert_int_eq(PfClose(pf), STATUS_SUCCESS);

    /* A pagefile of no pages is always full. */
    pf = OpenAt(PF_MEMORY_PATH, 0, false);
    ck_assert_uint_eq(PfAllocateSlot(pf), 0);
    ck_assert_uint_eq(PfFreeSlots(pf), 0);
    PfClose(pf);

    /* Sizes around the bitmap's word and level boundaries hand out
     * exactly 1..maximum. */
    const uint32_t sizes[] = {1, 63, 64, 65, 4095, 4096, 4097, 262143, 262145};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        pf = OpenAt(PF_MEMORY_PATH, sizes[k], false);
        for (uint32_t i = 1; i <= sizes[k]; i++) {
            uint32_t slot = PfAllocateSlot(pf);
            if (slot != i) {
                ck_abort_msg("maximum %u: got slot %u, wanted %u", sizes[k], slot, i);
            }
        }
        ck_assert_uint_eq(PfAllocateSlot(pf), 0);
        PfClose(pf);
    }

    /* Random frees and allocations against a plain array: always the
     * lowest free slot. */
    enum { N = 20000 };
    static bool used[N + 1];
    memset(used, 0, sizeof used);
    pf = OpenAt(PF_MEMORY_PATH, N, false);
    uint32_t x = 12345, in_use = 0, low = 1; /* every slot below low is in use */
    for (uint32_t op = 0; op < 200000; op++) {
        x = x * 1103515245 + 12345;
        if ((x >> 16) % 3 != 0 || in_use == 0) {
            while (low <= N && used[low]) {
                low++;
            }
            uint32_t want = low <= N ? low : 0;
            uint32_t got = PfAllocateSlot(pf);
            if (got != want) {
                ck_abort_msg("op %u: allocated %u, lowest free is %u", op, got, want);
            }
            if (got) {
                used[got] = true;
                in_use++;
            }
        } else {
            uint32_t s = 1 + (x >> 4) % N;
            while (!used[s]) {
                s = s % N + 1;
            }
            REQUIRE(PfFreeSlot(pf, s) == STATUS_SUCCESS);
            used[s] = false;
            low = s < low ? s : low;
            in_use--;
        }
        if (PfFreeSlots(pf) != N - in_use) {
            ck_abort_msg("op %u: %u free, expected %u", op, PfFreeSlots(pf), N - in_use);
        }
    }
    ck_assert_uint_eq(PfGetStats(pf)->SlotsInUse, in_use);
    ck_assert_uint_ge(PfGetStats(pf)->PeakSlotsInUse, in_use);
    PfClose(pf);
}
END_TEST

START_TEST(free_and_reuse)
{
    PAGEFILE *pf = OpenAt(PF_MEMORY_PATH, 8, true);
    sqlite3 *db = PfDatabase(pf);
    uint8_t page[PF_PAGE_SIZE], back[PF_PAGE_SIZE];
    uint32_t a = PfAllocateSlot(pf), b = PfAllocateSlot(pf);
    Pattern(page, a, 0);
    ck_assert_int_eq(PfWritePage(pf, a, page, 4, 0x1000), STATUS_SUCCESS);
    ck_assert_int_eq(PfWritePage(pf, a, page, 4, 0x1000), STATUS_SUCCESS);
    Pattern(page, b, 0);
    ck_assert_int_eq(PfWritePage(pf, b, page, 4, 0x2000), STATUS_SUCCESS);
    ck_assert_query(db, "SELECT slot, va, writes, last_write FROM slots ORDER BY slot",
                    "1|4096|2|2\n2|8192|1|3\n");
    /* Freed: the slot holds no page; its row leaves at the next flush. */
    ck_assert_int_eq(PfFreeSlot(pf, a), STATUS_SUCCESS);
    ck_assert_int_eq(PfReadPage(pf, a, back), STATUS_INVALID_PARAMETER);
    ck_assert_int_eq(PfFlushLog(pf), STATUS_SUCCESS);
    ck_assert_query(db, "SELECT slot FROM slots", "2\n");
    ck_assert_query(db, "SELECT slots_in_use, maximum_slots, slots_ever_written FROM slot_usage",
                    "1|8|2\n");
    /* Reused: the same slot again, unreadable until written, then a
     * fresh write count. */
    ck_assert_uint_eq(PfAllocateSlot(pf), a);
    ck_assert_int_eq(PfReadPage(pf, a, back), STATUS_INVALID_PARAMETER);
    Pattern(page, a, 9);
    ck_assert_int_eq(PfWritePage(pf, a, page, 12, 0x7000), STATUS_SUCCESS);
    ck_assert_int_eq(PfReadPage(pf, a, back), STATUS_SUCCESS);
    ck_assert(memcmp(page, back, PF_PAGE_SIZE) == 0);
    ck_assert_query(db, "SELECT slot, process, va, writes FROM slots ORDER BY slot",
                    "1|12|28672|1\n2|4|8192|1\n");
    /* Freed and written again before any flush: the write wins. */
    ck_assert_int_eq(PfFreeSlot(pf, b), STATUS_SUCCESS);
    ck_assert_uint_eq(PfAllocateSlot(pf), b);
    ck_assert_int_eq(PfWritePage(pf, b, page, 12, 0x8000), STATUS_SUCCESS);
    ck_assert_int_eq(PfFlushLog(pf), STATUS_SUCCESS);
    ck_assert_query(db, "SELECT slot, va, writes FROM slots ORDER BY slot",
                    "1|28672|1\n2|32768|1\n");
    /* Freed while a cluster is open: the row goes in the next one. */
    ck_assert_int_eq(PfBeginCluster(pf), STATUS_SUCCESS);
    ck_assert_int_eq(PfFreeSlot(pf, b), STATUS_SUCCESS);
    ck_assert_int_eq(PfEndCluster(pf), STATUS_SUCCESS);
    ck_assert_int_eq(PfFlushLog(pf), STATUS_SUCCESS);
    ck_assert_query(db, "SELECT slot FROM slots", "1\n");
    ck_assert_int_eq(PfClose(pf), STATUS_SUCCESS);
}
END_TEST

START_TEST(old_pagefile_is_recognized_and_replaced)
{
    const char *path = TempPath("reuse.db");
    char saved[512];
    snprintf(saved, sizeof saved, "%s", path);
    PAGEFILE *pf = OpenAt(saved, 64, true);
    uint8_t page[PF_PAGE_SIZE];
    for (uint32_t i = 0; i < 20; i++) {
        uint32_t slot = PfAllocateSlot(pf);
        Pattern(page, slot, 0);
        ck_assert_int_eq(PfWritePage(pf, slot, page, 4, slot * 4096), STATUS_SUCCESS);
    }
    PF_FAULT fault = {.Process = 4, .Va = 0x1000, .Kind = PF_KIND_HARD, .Slot = 1};
    PfLogFault(pf, &fault);
    ck_assert_int_eq(PfSetParameter(pf, "ram", "8M"), STATUS_SUCCESS);
    ck_assert_int_eq(PfClose(pf), STATUS_SUCCESS);

    /* What people find after the run: one ordinary database (no journal
     * beside it), ours by its header, the run's rows in it. */
    char journal[600];
    snprintf(journal, sizeof journal, "%s-journal", saved);
    ck_assert_int_ne(access(journal, F_OK), 0);
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open_v2(saved, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    ck_assert_query(db, "PRAGMA journal_mode", "delete\n");
    ck_assert_query(db, "PRAGMA application_id", "1314148422\n"); /* 'NTPF' */
    ck_assert_query(db, "PRAGMA user_version", "3\n");
    ck_assert_query(db, "PRAGMA page_size", "4096\n");
    ck_assert_query(db, "SELECT (SELECT count(*) FROM slots), (SELECT count(*) FROM faults)",
                    "20|1\n");
    ck_assert_query(db, "SELECT value FROM parameters WHERE name = 'ram'", "8M\n");
    sqlite3_close(db);

    /* The next run recognizes it and starts from an empty pagefile. */
    pf = OpenAt(saved, 64, true);
    db = PfDatabase(pf);
    ck_assert_query(db,
                    "SELECT (SELECT count(*) FROM slots), (SELECT count(*) FROM slot_data),"
                    " (SELECT count(*) FROM faults), (SELECT count(*) FROM parameters"
                    "  WHERE name = 'ram')",
                    "0|0|0|0\n");
    ck_assert_uint_eq(PfAllocateSlot(pf), 1);
    ck_assert_int_eq(PfReadPage(pf, 1, page), STATUS_INVALID_PARAMETER);
    ck_assert_int_eq(PfClose(pf), STATUS_SUCCESS);

    /* An empty file, or an empty database, is taken and filled. */
    const char *empty = TempPath("empty.db");
    WriteFile(empty, "");
    PfClose(OpenAt(empty, 4, true));
    const char *blank = TempPath("blank.db");
    db = OpenPlain(blank);
    Exec(db, "PRAGMA page_size = 1024; PRAGMA user_version = 0; VACUUM");
    sqlite3_close(db);
    pf = OpenAt(blank, 4, true);
    ck_assert_query(PfDatabase(pf), "PRAGMA page_size", "4096\n");
    PfClose(pf);
}
END_TEST

/* No path: pagefile.sys.db in the working directory (the test runs in a
 * forked child, so changing directory here changes nothing else). */
START_TEST(default_path_is_in_working_directory)
{
    char sub[400];
    snprintf(sub, sizeof sub, "%s/cwd", TempDir);
    ck_assert_int_eq(mkdir(sub, 0700), 0);
    ck_assert_int_eq(chdir(sub), 0);
    PAGEFILE *pf = OpenAt(NULL, 4, true);
    ck_assert_int_eq(access("pagefile.sys.db", F_OK), 0);
    ck_assert_query(PfDatabase(pf), "SELECT value FROM parameters WHERE name = 'pagefile-path'",
                    "pagefile.sys.db\n");
    PfClose(pf);
}
END_TEST

START_TEST(refusals_at_open)
{
    ck_assert_ptr_nonnull(strstr(OpenFails(TempPath("no/such/dir/pagefile.sys.db"), 16),
                                 "does not exist"));
    ck_assert_ptr_nonnull(strstr(OpenFails(TempDir, 16), "not a regular file"));
    ck_assert_ptr_nonnull(strstr(OpenFails("", 16), "empty path"));
    ck_assert_ptr_nonnull(strstr(OpenFails(PF_MEMORY_PATH, 0x80000000u), "more than"));

    /* Text: not a database, and left alone. */
    const char *text = TempPath("notes.txt");
    WriteFile(text, "These are my notes, not a pagefile. They go on for a while so that "
                    "SQLite reads a whole header's worth of them: 0123456789abcdef.\n");
    ck_assert_ptr_nonnull(strstr(OpenFails(text, 16), "not a SQLite database"));
    FILE *f = fopen(text, "r");
    char line[16] = "";
    ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
    fclose(f);
    ck_assert_str_eq(line, "These are my no");

    /* Somebody's database: other tables, or another application_id. */
    const char *foreign = TempPath("customers.db");
    sqlite3 *db = OpenPlain(foreign);
    Exec(db, "CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('Ada')");
    sqlite3_close(db);
    ck_assert_ptr_nonnull(strstr(OpenFails(foreign, 16), "other tables (customers)"));
    db = OpenPlain(foreign);
    ck_assert_query(db, "SELECT name FROM customers", "Ada\n");
    sqlite3_close(db);
    const char *other = TempPath("other-app.db");
    db = OpenPlain(other);
    Exec(db, "PRAGMA application_id = 1234; CREATE TABLE t (x)");
    sqlite3_close(db);
    ck_assert_ptr_nonnull(strstr(OpenFails(other, 16), "another application (application_id 0x000004D2)"));

    /* Our own schema, another version. */
    const char *old = TempPath("old-version.db");
    PfClose(OpenAt(old, 16, true));
    db = OpenPlain(old);
    Exec(db, "PRAGMA user_version = 99");
    sqlite3_close(db);
    ck_assert_ptr_nonnull(strstr(OpenFails(old, 16), "schema version 99"));

    /* In use by another run: another PAGEFILE in this process... */
    const char *busy = TempPath("busy.db");
    PAGEFILE *pf = OpenAt(busy, 16, true);
    uint8_t page[PF_PAGE_SIZE] = {1};
    ck_assert_int_eq(PfWritePage(pf, PfAllocateSlot(pf), page, 1, 0), STATUS_SUCCESS);
    ck_assert_ptr_nonnull(strstr(OpenFails(busy, 16), "in use by another process"));
    PfClose(pf);

    /* And by another process, which holds it until told to stop. */
    int ready[2], stop[2];
    ck_assert_int_eq(pipe(ready), 0);
    ck_assert_int_eq(pipe(stop), 0);
    fflush(stdout);
    pid_t child = fork();
    ck_assert_int_ge(child, 0);
    if (child == 0) {
        char why[512], byte = 1;
        PF_OPTIONS options = {.Path = busy, .MaximumPages = 16, .FaultLog = true};
        PAGEFILE *holder = PfOpen(&options, why, sizeof why);
        if (!holder || PfWritePage(holder, PfAllocateSlot(holder), page, 1, 0) != 0) {
            byte = 0;
        }
        if (write(ready[1], &byte, 1) != 1 || read(stop[0], &byte, 1) != 1) {
            _exit(2);
        }
        PfClose(holder);
        _exit(0);
    }
    char byte = 0;
    ck_assert_int_eq(read(ready[0], &byte, 1), 1);
    ck_assert_int_eq(byte, 1);
    ck_assert_ptr_nonnull(strstr(OpenFails(busy, 16), "in use by another process"));
    ck_assert_int_eq(write(stop[1], &byte, 1), 1);
    int status;
    ck_assert_int_eq(waitpid(child, &status, 0), child);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    close(ready[0]), close(ready[1]), close(stop[0]), close(stop[1]);
    PfClose(OpenAt(busy, 16, true)); /* free again: taken over */
}
END_TEST

/*
 * A read-only pagefile, and a writable one in a directory we may not
 * write. As root neither stops anything: root opens a 0444 file for
 * writing. So the opening happens in a child that first drops to
 * nobody (uid/gid 65534); if even that is impossible (no CAP_SETUID),
 * the case is skipped with a message. Not covered at all: a read-only
 * mount, which needs privileges a test does not have.
 */
static int OpenAsNobody(const char *path, const char *expect)
{
    fflush(stdout);
    pid_t child = fork();
    ck_assert_int_ge(child, 0);
    if (child == 0) {
        if (geteuid() == 0 &&
            (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0)) {
            _exit(77);
        }
        char why[512];
        PF_OPTIONS options = {.Path = path, .MaximumPages = 16, .FaultLog = true};
        PAGEFILE *pf = PfOpen(&options, why, sizeof why);
        if (pf) {
            _exit(1);
        }
        printf("  refused as it should be: %s\n", why);
        fflush(stdout);
        _exit(strstr(why, expect) ? 0 : 2);
    }
    int status;
    ck_assert_int_eq(waitpid(child, &status, 0), child);
    ck_assert(WIFEXITED(status));
    return WEXITSTATUS(status);
}

START_TEST(read_only_pagefile)
{
    char dir[400], file[500];
    snprintf(dir, sizeof dir, "%s/ro", TempDir);
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    ck_assert_int_eq(chmod(TempDir, 0755), 0); /* let nobody reach it */
    snprintf(file, sizeof file, "%s/pagefile.sys.db", dir);
    PfClose(OpenAt(file, 16, true)); /* an ntmm pagefile nobody may write */
    ck_assert_int_eq(chmod(file, 0444), 0);
    int rc = OpenAsNobody(file, "is read-only");
    if (rc == 77) {
        printf("  SKIPPED: running as root and cannot drop to nobody; "
               "a 0444 pagefile cannot be tested\n");
    } else {
        ck_assert_msg(rc == 0, "read-only pagefile: child exit %d", rc);
        /* And an empty 0444 file, refused the same way. */
        snprintf(file, sizeof file, "%s/empty.db", dir);
        WriteFile(file, "");
        ck_assert_int_eq(chmod(file, 0444), 0);
        ck_assert_int_eq(OpenAsNobody(file, "is read-only"), 0);
        /* A writable empty file in a directory that is not: SQLite
         * cannot create its write-ahead log beside it. */
        snprintf(file, sizeof file, "%s/writable.db", dir);
        WriteFile(file, "");
        ck_assert_int_eq(chmod(file, 0666), 0);
        ck_assert_int_eq(chmod(dir, 0555), 0);
        ck_assert_int_eq(OpenAsNobody(file, "cannot write it"), 0);
        ck_assert_int_eq(chmod(dir, 0755), 0);
    }
    ck_assert_int_eq(chmod(TempDir, 0700), 0);
}
END_TEST

START_TEST(injected_errors)
{
    PAGEFILE *pf = OpenAt(PF_MEMORY_PATH, 16, true);
    uint8_t page[PF_PAGE_SIZE], back[PF_PAGE_SIZE];
    uint32_t slots[4];
    ck_assert_int_eq(PfBeginCluster(pf), STATUS_SUCCESS);
    for (int i = 0; i < 4; i++) {
        slots[i] = PfAllocateSlot(pf);
        Pattern(page, slots[i], 0);
        ck_assert_int_eq(PfWritePage(pf, slots[i], page, 4, 0x1000 * (i + 1)), STATUS_SUCCESS);
    }
    ck_assert_int_eq(PfEndCluster(pf), STATUS_SUCCESS);

    /* The next read of slot 2 fails (and only that one); the caller's
     * buffer is untouched: no garbage presented as data. */
    PfInjectReadError(pf, slots[1]);
    ck_assert_int_eq(PfReadPage(pf, slots[0], back), STATUS_SUCCESS);
    memset(back, 0xCC, sizeof back);
    ck_assert_int_eq(PfReadPage(pf, slots[1], back), STATUS_DEVICE_DATA_ERROR);
    ck_assert_str_eq(PfLastError(pf), "reading slot 2: injected error");
    for (size_t i = 0; i < sizeof back; i++) {
        ck_assert_uint_eq(back[i], 0xCC);
    }
    ck_assert_int_eq(PfReadPage(pf, slots[1], back), STATUS_SUCCESS);
    Pattern(page, slots[1], 0);
    ck_assert(memcmp(page, back, PF_PAGE_SIZE) == 0);
    ck_assert_uint_eq(PfGetStats(pf)->ReadErrors, 1);

    /* A failed write in a cluster: that page is not written (its slot
     * holds no page), the others are. */
    PfInjectWriteError(pf, slots[2]);
    ck_assert_int_eq(PfBeginCluster(pf), STATUS_SUCCESS);
    for (int i = 0; i < 4; i++) {
        Pattern(page, slots[i], 1);
        ck_assert_int_eq(PfWritePage(pf, slots[i], page, 4, 0x1000 * (i + 1)),
                         i == 2 ? STATUS_DEVICE_DATA_ERROR : STATUS_SUCCESS);
    }
    ck_assert_int_eq(PfEndCluster(pf), STATUS_SUCCESS);
    ck_assert_int_eq(PfReadPage(pf, slots[2], back), STATUS_INVALID_PARAMETER);
    for (int i = 0; i < 4; i += 3) {
        Pattern(page, slots[i], 1);
        ck_assert_int_eq(PfReadPage(pf, slots[i], back), STATUS_SUCCESS);
        ck_assert(memcmp(page, back, PF_PAGE_SIZE) == 0);
    }
    ck_assert_uint_eq(PfGetStats(pf)->WriteErrors, 1);
    ck_assert_int_eq(PfFlushLog(pf), STATUS_SUCCESS);
    ck_assert_query(PfDatabase(pf), "SELECT slot FROM slots ORDER BY slot", "1\n2\n4\n");
    ck_assert_int_eq(PfClose(pf), STATUS_SUCCESS);
}
END_TEST

/* The host disk filling up, provoked with max_page_count: the write or
 * the commit fails with STATUS_DISK_FULL, the cluster's pages are not
 * written, everything committed before is intact, and once there is
 * room again writing works. */
START_TEST(disk_full)
{
    PAGEFILE *pf = OpenAt(TempPath("full.db"), 4096, true);
    sqlite3 *db = PfDatabase(pf);
    uint8_t page[PF_PAGE_SIZE], back[PF_PAGE_SIZE];
    for (uint32_t i = 0; i < 32; i++) {
        uint32_t slot = PfAllocateSlot(pf);
        Pattern(page, slot, 0);
        ck_assert_int_eq(PfWritePage(pf, slot, page, 4, slot << 12), STATUS_SUCCESS);
    }
    char *count = Query(db, "PRAGMA page_count");
    char *sql = sqlite3_mprintf("PRAGMA max_page_count = %d", atoi(count) + 3);
    sqlite3_free(Query(db, sql));
    sqlite3_free(sql);
    sqlite3_free(count);

    NTSTATUS failed = STATUS_SUCCESS;
    uint32_t first = 0, last = 0;
    ck_assert_int_eq(PfBeginCluster(pf), STATUS_SUCCESS);
    for (uint32_t i = 0; i < 16; i++) {
        uint32_t slot = PfAllocateSlot(pf);
        first = first ? first : slot;
        last = slot;
        Pattern(page, slot, 0);
        NTSTATUS status = PfWritePage(pf, slot, page, 4, slot << 12);
        if (!NT_SUCCESS(status)) {
            failed = status;
        }
    }
    NTSTATUS end = PfEndCluster(pf);
    ck_assert_msg(failed == STATUS_DISK_FULL || end == STATUS_DISK_FULL,
                  "write 0x%08X, commit 0x%08X", (uint32_t)failed, (uint32_t)end);
    printf("  disk full: %s\n", PfLastError(pf));
    if (end == STATUS_DISK_FULL) {
        for (uint32_t slot = first; slot <= last; slot++) {
            ck_assert_int_eq(PfReadPage(pf, slot, back), STATUS_INVALID_PARAMETER);
        }
    }
    for (uint32_t slot = 1; slot <= 32; slot++) {
        Pattern(page, slot, 0);
        ck_assert_int_eq(PfReadPage(pf, slot, back), STATUS_SUCCESS);
        ck_assert(memcmp(page, back, PF_PAGE_SIZE) == 0);
    }
    ck_assert_uint_gt(PfGetStats(pf)->WriteErrors, 0);

    sqlite3_free(Query(db, "PRAGMA max_page_count = 1000000"));
    for (uint32_t slot = first; slot <= last; slot++) {
        Pattern(page, slot, 5);
        ck_assert_int_eq(PfWritePage(pf, slot, page, 4, slot << 12), STATUS_SUCCESS);
        ck_assert_int_eq(PfReadPage(pf, slot, back), STATUS_SUCCESS);
        ck_assert(memcmp(page, back, PF_PAGE_SIZE) == 0);
    }
    ck_assert_int_eq(PfFlushLog(pf), STATUS_SUCCESS);
    ck_assert_query(db, "SELECT count(*), sum(writes) FROM slots", "48|48\n");
    ck_assert_int_eq(PfClose(pf), STATUS_SUCCESS);
}
END_TEST

/*
 * ntmm killed in the middle of a cluster big enough to spill pages into
 * the database file before its commit: whoever opens the file next (the
 * sqlite3 shell here) finds the hot journal, rolls back, and sees the
 * file exactly as of the last commit, intact. What cannot be tested: the
 * machine losing power (synchronous=OFF makes no promise then; see
 * open.c).
 */
START_TEST(killed_mid_cluster_leaves_consistent_file)
{
    const char *path = TempPath("killed.db");
    char saved[512];
    snprintf(saved, sizeof saved, "%s", path);
    fflush(stdout);
    pid_t child = fork();
    ck_assert_int_ge(child, 0);
    if (child == 0) {
        char why[512];
        PF_OPTIONS options = {.Path = saved, .MaximumPages = 1024, .FaultLog = true};
        PAGEFILE *pf = PfOpen(&options, why, sizeof why);
        if (!pf) {
            _exit(1);
        }
        uint8_t page[PF_PAGE_SIZE];
        for (uint32_t slot = 1; slot <= 32; slot++) {
            PfAllocateSlot(pf);
            Pattern(page, slot, 0);
            if (PfWritePage(pf, slot, page, 4, slot << 12) != STATUS_SUCCESS) {
                _exit(2);
            }
        }
        for (uint32_t i = 1; i <= 100; i++) {
            PF_FAULT fault = {.Sequence = i, .Kind = PF_KIND_DEMAND_ZERO, .Va = i << 12};
            PfLogFault(pf, &fault);
        }
        PfFlushLog(pf);
        /* A tiny cache: the open cluster's pages go to the file early. */
        sqlite3_exec(PfDatabase(pf), "PRAGMA cache_size = 8", NULL, NULL, NULL);
        PfBeginCluster(pf);
        for (uint32_t slot = 1; slot <= 200; slot++) {
            if (slot > 32) {
                PfAllocateSlot(pf);
            }
            Pattern(page, slot, 1);
            if (PfWritePage(pf, slot, page, 4, slot << 12) != STATUS_SUCCESS) {
                _exit(3);
            }
        }
        kill(getpid(), SIGKILL);
        _exit(4);
    }
    int status;
    ck_assert_int_eq(waitpid(child, &status, 0), child);
    ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "child status 0x%x",
                  status);
    char journal[600];
    snprintf(journal, sizeof journal, "%s-journal", saved);
    struct stat st;
    ck_assert_msg(stat(journal, &st) == 0 && st.st_size > 0, "no hot journal left behind");

    sqlite3 *db = OpenPlain(saved);
    ck_assert_query(db, "PRAGMA integrity_check", "ok\n");
    ck_assert_query(db, "SELECT count(*), max(slot), sum(writes) FROM slots", "32|32|32\n");
    ck_assert_query(db, "SELECT count(*) FROM slot_data", "32\n");
    ck_assert_query(db, "SELECT count(*) FROM faults", "100\n");
    sqlite3_stmt *s;
    ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT slot, data FROM slot_data", -1, &s, NULL),
                     SQLITE_OK);
    uint8_t page[PF_PAGE_SIZE];
    while (sqlite3_step(s) == SQLITE_ROW) {
        uint32_t slot = (uint32_t)sqlite3_column_int(s, 0);
        Pattern(page, slot, 0);
        ck_assert_int_eq(sqlite3_column_bytes(s, 1), PF_PAGE_SIZE);
        ck_assert_msg(memcmp(sqlite3_column_blob(s, 1), page, PF_PAGE_SIZE) == 0,
                      "slot %u is not as last committed", slot);
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    /* And the next run takes it over. */
    ck_assert_int_eq(PfClose(OpenAt(saved, 16, true)), STATUS_SUCCESS);
}
END_TEST


/* For the record, not asserted: a small on-disk pagefile written in
 * clusters, rewritten, read at random next to a bare blob-read loop on
 * the same file, and a fault log filled in batches. */
static double Now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

START_TEST(throughput)
{
    enum { PAGES = 4096, FAULTS = 200000 };
    PAGEFILE *pf = OpenAt(TempPath("throughput.db"), PAGES, true);
    static uint8_t page[PF_PAGE_SIZE], back[PF_PAGE_SIZE];
    for (uint32_t i = 0; i < PAGES; i++) {
        REQUIRE(PfAllocateSlot(pf) == i + 1);
    }
    double t0 = Now();
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            t0 = Now();
        }
        for (uint32_t slot = 1; slot <= PAGES; slot += 16) {
            REQUIRE(PfBeginCluster(pf) == STATUS_SUCCESS);
            for (uint32_t i = 0; i < 16; i++) {
                memset(page, (int)(slot + i + pass), sizeof page);
                REQUIRE(PfWritePage(pf, slot + i, page, 4, (slot + i) << 12) == STATUS_SUCCESS);
            }
            REQUIRE(PfEndCluster(pf) == STATUS_SUCCESS);
        }
        if (pass == 0) {
            printf("  pagefile: %.0f pages/s written to fresh slots in clusters of 16\n",
                   PAGES / (Now() - t0));
        }
    }
    double rewrite = Now() - t0;
    /* Random reads through the pagefile, then the same reads with nothing
     * but sqlite3_blob_reopen/read; twice, and the second round counts
     * (the first warms SQLite's cache for both). */
    double read = 0, bare = 0;
    for (int round = 0; round < 2; round++) {
        uint32_t x = 1;
        t0 = Now();
        for (uint32_t i = 0; i < PAGES; i++) {
            x = x * 1103515245 + 12345;
            uint32_t slot = 1 + (x >> 8) % PAGES;
            REQUIRE(PfReadPage(pf, slot, back) == STATUS_SUCCESS);
            REQUIRE(back[100] == (uint8_t)(slot + 1));
        }
        read = Now() - t0;
        sqlite3_blob *blob = NULL;
        x = 1;
        t0 = Now();
        for (uint32_t i = 0; i < PAGES; i++) {
            x = x * 1103515245 + 12345;
            uint32_t slot = 1 + (x >> 8) % PAGES;
            int rc = blob ? sqlite3_blob_reopen(blob, slot)
                          : sqlite3_blob_open(PfDatabase(pf), "main", "slot_data", "data", slot,
                                              0, &blob);
            REQUIRE(rc == SQLITE_OK);
            REQUIRE(sqlite3_blob_read(blob, back, PF_PAGE_SIZE, 0) == SQLITE_OK);
        }
        bare = Now() - t0;
        sqlite3_blob_close(blob);
    }
    printf("  pagefile: %.0f pages/s rewritten in clusters of 16 (%.0f MB/s)\n",
           PAGES / rewrite, PAGES * 4096.0 / rewrite / 1e6);
    printf("  pagefile: %.0f pages/s read at random; a bare sqlite3_blob_read loop on the same "
           "file: %.0f pages/s (%.2fx)\n",
           PAGES / read, PAGES / bare, bare / read);

    t0 = Now();
    for (uint32_t i = 0; i < FAULTS; i++) {
        Fault(pf, i + 1, 4, 0x00400000 + (i % 5000) * 4096, i % 3 == 0 ? EXCEPTION_WRITE_FAULT : EXCEPTION_READ_FAULT,
              i % 7 == 0 ? PF_KIND_HARD : PF_KIND_DEMAND_ZERO, 0, "STATUS_SUCCESS", i, i % 11);
    }
    ck_assert_int_eq(PfFlushLog(pf), STATUS_SUCCESS);
    double logged = Now() - t0;
    ck_assert_uint_eq(PfGetStats(pf)->FaultsLogged, FAULTS);
    printf("  fault log: %.0f faults/s, %.0f ns per fault amortized (batches of 4096)\n",
           FAULTS / logged, logged / FAULTS * 1e9);
    const PF_STATS *s = PfGetStats(pf);
    printf("  stats: %llu pages written in %llu clusters, %llu read, %.3f s inside the pagefile "
           "(write %.3f, read %.3f, log %.3f)\n",
           (unsigned long long)s->PagesWritten, (unsigned long long)s->Clusters,
           (unsigned long long)s->PagesRead, s->Seconds, s->WriteSeconds, s->ReadSeconds,
           s->LogSeconds);
    ck_assert_int_eq(PfClose(pf), STATUS_SUCCESS);
}
END_TEST

int main(void)
{
    if (!PfTestBegin("pagefile")) {
        return EXIT_FAILURE;
    }
    Suite *s = suite_create("pagefile");
    TCase *tc = tcase_create("pagefile");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, round_trip_in_clusters_and_singly);
    tcase_add_test(tc, slots_lowest_first_and_maximum);
    tcase_add_test(tc, free_and_reuse);
    tcase_add_test(tc, old_pagefile_is_recognized_and_replaced);
    tcase_add_test(tc, default_path_is_in_working_directory);
    tcase_add_test(tc, refusals_at_open);
    tcase_add_test(tc, read_only_pagefile);
    tcase_add_test(tc, injected_errors);
    tcase_add_test(tc, disk_full);
    tcase_add_test(tc, killed_mid_cluster_leaves_consistent_file);
    tcase_add_test(tc, throughput);
    suite_add_tcase(s, tc);
    int result = RunSuite(s);
    PfTestEnd();
    return result;
}
