/*
 * The pagefile's record of the run (pagefile/faultlog.c and friends): the
 * fault log and the views people query, sections, samples and events, and
 * a pagefile opened with the log off.
 */
#define _GNU_SOURCE /* nftw */
#include <check.h>

#include "tests/unit/checkmain.h"
#include "tests/unit/pftest.h"

START_TEST(fault_log_and_views)
{
    PAGEFILE *pf = OpenAt(PF_MEMORY_PATH, 64, true);
    sqlite3 *db = PfDatabase(pf);
    ck_assert_int_eq(PfSetParameter(pf, "ram", "4M"), STATUS_SUCCESS);
    ck_assert_int_eq(PfSetParameter(pf, "ram", "8M"), STATUS_SUCCESS);
    ck_assert_int_eq(PfSetParameter(pf, "program", "demo.exe"), STATUS_SUCCESS);

    const NTSTATUS ok = STATUS_SUCCESS;
    Fault(pf, 1, 4, 0x00410000, EXCEPTION_WRITE_FAULT, PF_KIND_DEMAND_ZERO, ok, NULL, 20, 0);
    Fault(pf, 2, 4, 0x00411004, EXCEPTION_WRITE_FAULT, PF_KIND_DEMAND_ZERO, ok, NULL, 21, 0);
    Fault(pf, 3, 4, 0x00410010, EXCEPTION_READ_FAULT, PF_KIND_HARD, ok, NULL, 22, 5);
    Fault(pf, 4, 4, 0x00411ff8, EXCEPTION_READ_FAULT, PF_KIND_TRANSITION, ok, NULL, 21, 0);
    Fault(pf, 5, 4, 0x00410abc, EXCEPTION_WRITE_FAULT, PF_KIND_HARD, ok, NULL, 23, 5);
    Fault(pf, 0, 4, 0x00000000, EXCEPTION_READ_FAULT, PF_KIND_ACCESS_VIOLATION, STATUS_ACCESS_VIOLATION,
          "STATUS_ACCESS_VIOLATION", PF_NO_FRAME, 0); /* seq 0: the next, 6 */
    Fault(pf, 7, 8, 0x00500000, EXCEPTION_EXECUTE_FAULT, PF_KIND_HARD, ok, NULL, 30, 9);
    /* The kind from a reused buffer is read each time, not remembered by
     * address. */
    char kind[16];
    strcpy(kind, "guard");
    Fault(pf, 8, 8, 0x0012e000, EXCEPTION_WRITE_FAULT, kind, STATUS_GUARD_PAGE_VIOLATION,
          "STATUS_GUARD_PAGE_VIOLATION", 31, 0);
    strcpy(kind, "stack-growth");
    Fault(pf, 9, 8, 0x0012d000, EXCEPTION_WRITE_FAULT, kind, ok, NULL, 32, 0);
    Fault(pf, 10, 4, 0x00410000, EXCEPTION_READ_FAULT, PF_KIND_HARD, STATUS_DEVICE_DATA_ERROR, NULL,
          PF_NO_FRAME, 5);
    ck_assert_query(db, "SELECT count(*) FROM faults", "0\n"); /* still buffered */
    ck_assert_int_eq(PfFlushLog(pf), STATUS_SUCCESS);
    ck_assert_uint_eq(PfGetStats(pf)->FaultsLogged, 10);

    /* The raw rows: every column. */
    ck_assert_query(db, "SELECT * FROM faults WHERE seq IN (3, 6, 7) ORDER BY seq",
                    "3|4|4259856|4198403|read|hard|0|NULL|22|5|3000|8|NULL|NULL\n"
                    "6|4|0|4198400|read|access-violation|3221225477|STATUS_ACCESS_VIOLATION|NULL|NULL"
                    "|0|8|NULL|NULL\n"
                    "7|8|5242880|4198407|execute|hard|0|NULL|30|9|7000|12|NULL|NULL\n");
    ck_assert_query(db, "SELECT seq, kind FROM faults WHERE process = 8 ORDER BY seq",
                    "7|hard\n8|guard\n9|stack-growth\n");
    ck_assert_query(db, "SELECT count(*) FROM faults WHERE status = 0xC0000005", "1\n");
    /* The views. */
    ck_assert_query(db, "SELECT * FROM fault_log WHERE seq = 6",
                    "6|4|0x00000000|0x00401000|read|access-violation|0xC0000005|"
                    "STATUS_ACCESS_VIOLATION|NULL|NULL|0|0|8\n");
    ck_assert_query(db, "SELECT seq, va_hex FROM fault_log WHERE page = 0x00410000",
                    "1|0x00410000\n3|0x00410010\n5|0x00410ABC\n10|0x00410000\n");
    ck_assert_query(db, "SELECT * FROM fault_counts_by_kind",
                    "hard|4|40.0\n"
                    "demand-zero|2|20.0\n"
                    "access-violation|1|10.0\n"
                    "guard|1|10.0\n"
                    "stack-growth|1|10.0\n"
                    "transition|1|10.0\n");
    ck_assert_query(db, "SELECT * FROM faults_by_process",
                    "4|7|3|1|2|1|3|1|10\n"
                    "8|3|1|0|0|2|3|7|9\n");
    ck_assert_query(db, "SELECT * FROM hard_faults_per_page",
                    "4|4259840|0x00410000|3\n"
                    "8|5242880|0x00500000|1\n");
    ck_assert_query(db, "SELECT va_hex, hard_faults FROM hard_faults_per_page WHERE va = 0x00410000",
                    "0x00410000|3\n");
    ck_assert_query(db, "SELECT process, va_hex, faults, hard, transition, kinds FROM faults_per_page"
                        " LIMIT 2",
                    "4|0x00410000|4|3|0|demand-zero,hard\n"
                    "4|0x00411000|2|0|1|demand-zero,transition\n");

    /* Two snapshots of where pages are; where_is answers from the latest. */
    ck_assert_int_eq(PfBeginLocations(pf, "after trim"), STATUS_SUCCESS);
    ck_assert_int_eq(PfRecordLocation(pf, 4, 0x00410000, "standby", 20, 0), STATUS_SUCCESS);
    ck_assert_int_eq(PfRecordLocation(pf, 4, 0x00411000, "modified", 21, 0), STATUS_SUCCESS);
    ck_assert_int_eq(PfEndLocations(pf), STATUS_SUCCESS);
    Fault(pf, 11, 4, 0x00411000, EXCEPTION_READ_FAULT, PF_KIND_TRANSITION, ok, NULL, 21, 0);
    ck_assert_int_eq(PfBeginLocations(pf, "exit"), STATUS_SUCCESS);
    ck_assert_int_eq(PfRecordLocation(pf, 4, 0x00410000, "pagefile", PF_NO_FRAME, 5),
                     STATUS_SUCCESS);
    ck_assert_int_eq(PfRecordLocation(pf, 4, 0x00411234, "resident", 21, 0), STATUS_SUCCESS);
    ck_assert_int_eq(PfRecordLocation(pf, 8, 0x00500000, "resident", 30, 0), STATUS_SUCCESS);
    ck_assert_int_eq(PfRecordLocation(pf, 8, 0x0012d000, "demand-zero", PF_NO_FRAME, 0),
                     STATUS_SUCCESS);
    ck_assert_int_eq(PfEndLocations(pf), STATUS_SUCCESS);
    ck_assert_uint_eq(PfGetStats(pf)->LocationsRecorded, 6);
    ck_assert_query(db, "SELECT * FROM where_is WHERE va = 0x00410000",
                    "4|4259840|0x00410000|pagefile|NULL|5|2|exit|NULL|NULL|NULL|NULL\n");
    ck_assert_query(db, "SELECT va_hex, location, frame FROM where_is WHERE va = 0x00411234 & ~0xFFF",
                    "0x00411000|resident|21\n");
    ck_assert_query(db, "SELECT process, va_hex, location FROM where_is"
                        " WHERE va BETWEEN 0x00400000 AND 0x00500000",
                    "4|0x00410000|pagefile\n4|0x00411000|resident\n8|0x00500000|resident\n");
    ck_assert_query(db, "SELECT * FROM page_history WHERE va = 0x00411000",
                    "4|4263936|0x00411000|1|after trim|10|modified|21|NULL|NULL|NULL\n"
                    "4|4263936|0x00411000|2|exit|11|resident|21|NULL|NULL|NULL\n");
    ck_assert_query(db, "SELECT * FROM location_counts",
                    "resident|2\ndemand-zero|1\npagefile|1\n");
    /* A duplicate page in one snapshot is refused, not silently merged. */
    ck_assert_int_eq(PfBeginLocations(pf, NULL), STATUS_SUCCESS);
    ck_assert_int_eq(PfRecordLocation(pf, 4, 0x1000, "resident", 1, 0), STATUS_SUCCESS);
    ck_assert_int_eq(PfRecordLocation(pf, 4, 0x1000, "standby", 1, 0), STATUS_INVALID_PARAMETER);
    ck_assert_int_eq(PfEndLocations(pf), STATUS_SUCCESS);
    ck_assert_query(db, "SELECT va, location, snapshot_label FROM where_is", "4096|resident|NULL\n");

    /* Slots and parameters. */
    uint8_t page[PF_PAGE_SIZE] = {0};
    for (uint32_t i = 0; i < 5; i++) {
        uint32_t slot = PfAllocateSlot(pf);
        ck_assert_int_eq(PfWritePage(pf, slot, page, i < 3 ? 4 : 8, slot << 12), STATUS_SUCCESS);
    }
    ck_assert_int_eq(PfWritePage(pf, 1, page, 4, 1 << 12), STATUS_SUCCESS);
    ck_assert_query(db, "SELECT * FROM slot_usage", "5|64|7.81|20480|5|6|2\n");
    ck_assert_query(db, "SELECT * FROM pages_in_pagefile WHERE process = 8",
                    "8|16384|0x00004000|4|1|4|4|NULL|NULL|NULL|NULL\n"
                    "8|20480|0x00005000|5|1|5|5|NULL|NULL|NULL|NULL\n");
    ck_assert_query(db, "SELECT * FROM slots_by_process", "4|NULL|3|12288|4\n8|NULL|2|8192|2\n");
    ck_assert_query(db, "SELECT name, value FROM parameters ORDER BY name",
                    "pagefile-max-pages|64\n"
                    "pagefile-path|:memory:\n"
                    "pagefile-schema-version|3\n"
                    "program|demo.exe\n"
                    "ram|8M\n"
                    "sqlite-version|" SQLITE_VERSION "\n");

    /* Misuse of the bracketing calls. */
    ck_assert_int_eq(PfRecordLocation(pf, 4, 0, "resident", 1, 0), STATUS_INVALID_PARAMETER);
    ck_assert_int_eq(PfEndLocations(pf), STATUS_INVALID_PARAMETER);
    ck_assert_int_eq(PfEndCluster(pf), STATUS_INVALID_PARAMETER);
    ck_assert_int_eq(PfBeginCluster(pf), STATUS_SUCCESS);
    ck_assert_int_eq(PfBeginCluster(pf), STATUS_INVALID_PARAMETER);
    /* A snapshot inside a cluster shares its transaction. */
    ck_assert_int_eq(PfBeginLocations(pf, "mid-write"), STATUS_SUCCESS);
    ck_assert_int_eq(PfWritePage(pf, 2, page, 4, 2 << 12), STATUS_SUCCESS);
    ck_assert_int_eq(PfEndLocations(pf), STATUS_SUCCESS);
    ck_assert_int_eq(PfEndCluster(pf), STATUS_SUCCESS);
    ck_assert_int_eq(PfReadPage(pf, 2, page), STATUS_SUCCESS);
    ck_assert_int_eq(PfClose(pf), STATUS_SUCCESS);
}
END_TEST

/* Sections own their pages: slots and page locations name them; samples
 * and events are buffered and land with the fault log; repurposes of one
 * fault coalesce into one row; nothing is kept with the log off. */
START_TEST(sections_samples_events)
{
    PAGEFILE *pf = OpenAt(PF_MEMORY_PATH, 64, true);
    sqlite3 *db = PfDatabase(pf);
    ck_assert_int_eq(PfRecordSection(pf, 3, "image", "kernel32.dll", 9), STATUS_SUCCESS);
    ck_assert_int_eq(PfRecordSection(pf, 5, "pagefile", NULL, 16), STATUS_SUCCESS);
    ck_assert_int_eq(PfRecordSection(pf, 5, "pagefile", "shared", 16), STATUS_SUCCESS);
    ck_assert_query(db, "SELECT * FROM sections", "3|image|kernel32.dll|9\n5|pagefile|shared|16\n");

    uint8_t page[PF_PAGE_SIZE] = {0};
    uint32_t slot = PfAllocateSlot(pf);
    ck_assert_int_eq(PfWriteSectionPage(pf, slot, page, 3, 0x2000), STATUS_SUCCESS);
    uint32_t own = PfAllocateSlot(pf);
    ck_assert_int_eq(PfWritePage(pf, own, page, 4, 0x00410000), STATUS_SUCCESS);
    ck_assert_query(db, "SELECT * FROM pages_in_pagefile",
                    "4|4259840|0x00410000|2|1|2|2|NULL|NULL|NULL|NULL\n"
                    "NULL|NULL|NULL|1|1|1|1|3|0x2000|image|kernel32.dll\n");
    ck_assert_query(db, "SELECT * FROM slots_by_process", "NULL|3|1|4096|1\n4|NULL|1|4096|1\n");

    ck_assert_int_eq(PfBeginLocations(pf, "exit"), STATUS_SUCCESS);
    ck_assert_int_eq(PfRecordSectionLocation(pf, 4, 0x7C802000, "pagefile", PF_NO_FRAME, slot,
                                             3, 0x2000), STATUS_SUCCESS);
    ck_assert_int_eq(PfRecordLocation(pf, 4, 0x00410000, "pagefile", PF_NO_FRAME, own),
                     STATUS_SUCCESS);
    ck_assert_int_eq(PfEndLocations(pf), STATUS_SUCCESS);
    ck_assert_query(db, "SELECT va_hex, location, slot, section, offset, section_kind, section_name"
                        " FROM where_is",
                    "0x00410000|pagefile|2|NULL|NULL|NULL|NULL\n"
                    "0x7C802000|pagefile|1|3|0x2000|image|kernel32.dll\n");

    Fault(pf, 1, 4, 0x00410000, EXCEPTION_READ_FAULT, PF_KIND_HARD, 0, NULL, 7, own);
    PF_EVENT repurpose = {.Time = 1500, .Kind = PF_EVENT_REPURPOSE, .Process = 4, .Pages = 1,
                          .Coalesce = true};
    for (int i = 0; i < 40; i++) {
        PfLogEvent(pf, &repurpose);
    }
    PF_EVENT trim = {.Time = 1600, .Kind = PF_EVENT_TRIM, .Process = 4, .Pages = 43,
                     .Reason = "over-maximum"};
    PfLogEvent(pf, &trim);
    PF_EVENT cluster = {.Time = 1700, .Kind = PF_EVENT_WRITE_CLUSTER, .Pages = 16, .Slot = 9};
    PfLogEvent(pf, &cluster);
    Fault(pf, 2, 4, 0x00411000, EXCEPTION_READ_FAULT, PF_KIND_DEMAND_ZERO, 0, NULL, 8, 0);
    PfLogEvent(pf, &repurpose); /* another fault: another row */
    PF_SAMPLE_PROCESS procs[2] = {{4, 300, 500}, {8, 20, 40}};
    PF_SAMPLE sample = {.Time = 2500, .Lists = {10, 20, 30, 40, 0, 900}, .CommitCharge = 540,
                        .CommitLimit = 2048, .ProcessCount = 2, .Processes = procs};
    PfRecordSample(pf, &sample);
    ck_assert_query(db, "SELECT count(*) FROM events", "0\n"); /* still buffered */
    ck_assert_int_eq(PfFlushLog(pf), STATUS_SUCCESS);
    ck_assert_query(db, "SELECT * FROM events",
                    "1|1500|1|repurpose|4|40|NULL|NULL\n"
                    "2|1600|1|trim|4|43|NULL|over-maximum\n"
                    "3|1700|1|write-cluster|NULL|16|9|NULL\n"
                    "4|1500|2|repurpose|4|1|NULL|NULL\n");
    ck_assert_query(db, "SELECT * FROM event_counts",
                    "trim|over-maximum|1|43\nrepurpose|NULL|2|41\nwrite-cluster|NULL|1|16\n");
    ck_assert_query(db, "SELECT * FROM samples", "1|2500|2|10|20|30|40|0|900|540|2048|2\n");
    ck_assert_query(db, "SELECT * FROM sample_processes", "1|4|300|500\n1|8|20|40\n");
    ck_assert_query(db, "SELECT commit_percent, working_sets FROM sample_log", "26.4|4:300 8:20\n");
    ck_assert_int_eq(PfClose(pf), STATUS_SUCCESS);

    pf = OpenAt(PF_MEMORY_PATH, 8, false);
    PfLogEvent(pf, &trim);
    PfRecordSample(pf, &sample);
    ck_assert_int_eq(PfRecordSection(pf, 1, "image", "a.exe", 1), STATUS_SUCCESS);
    ck_assert_int_eq(PfFlushLog(pf), STATUS_SUCCESS);
    ck_assert_query(PfDatabase(pf), "SELECT (SELECT count(*) FROM events) + "
                    "(SELECT count(*) FROM samples) + (SELECT count(*) FROM sections)", "0\n");
    PfClose(pf);
}
END_TEST

START_TEST(fault_log_off)
{
    char why[256];
    PF_OPTIONS options = {.Path = PF_MEMORY_PATH, .MaximumPages = 8, .FaultLog = false};
    PAGEFILE *pf = PfOpen(&options, why, sizeof why);
    ck_assert_ptr_nonnull(pf);
    for (uint32_t i = 0; i < 10000; i++) {
        Fault(pf, i + 1, 4, i << 12, EXCEPTION_READ_FAULT, PF_KIND_DEMAND_ZERO, 0, NULL, i, 0);
    }
    ck_assert_int_eq(PfFlushLog(pf), STATUS_SUCCESS);
    ck_assert_query(PfDatabase(pf), "SELECT count(*) FROM faults", "0\n");
    ck_assert_uint_eq(PfGetStats(pf)->FaultsLogged, 0);
    PfClose(pf);
}
END_TEST

int main(void)
{
    if (!PfTestBegin("faultlog")) {
        return EXIT_FAILURE;
    }
    Suite *s = suite_create("faultlog");
    TCase *tc = tcase_create("faultlog");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, fault_log_and_views);
    tcase_add_test(tc, fault_log_off);
    tcase_add_test(tc, sections_samples_events);
    suite_add_tcase(s, tc);
    int result = RunSuite(s);
    PfTestEnd();
    return result;
}
