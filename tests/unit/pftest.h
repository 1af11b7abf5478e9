/* What the pagefile's unit tests share (test_pagefile.c, test_faultlog.c):
 * a temporary directory, page patterns, opening, and SQL queries. */
#ifndef NTMM_TESTS_PFTEST_H
#define NTMM_TESTS_PFTEST_H

#define _GNU_SOURCE /* nftw, setgroups */
#include <check.h>

#include <errno.h>
#include <signal.h>
#include <ftw.h>
#include <grp.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pagefile/pagefile.h"

static char TempDir[256]; /* made by PfTestBegin */

static inline const char *TempPath(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", TempDir, name);
    return path;
}

/* A page whose every byte depends on (slot, version). */
static inline void Pattern(uint8_t *page, uint32_t slot, uint32_t version)
{
    uint64_t x = 0x9E3779B97F4A7C15ull * (slot + 1) ^ (0xBF58476D1CE4E5B9ull * (version + 1));
    for (uint32_t i = 0; i < PF_PAGE_SIZE; i += 8) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        memcpy(page + i, &x, 8);
    }
}

static inline PAGEFILE *OpenAt(const char *path, uint32_t maximum, bool log)
{
    char why[512];
    PF_OPTIONS options = {.Path = path, .MaximumPages = maximum, .FaultLog = log};
    PAGEFILE *pf = PfOpen(&options, why, sizeof why);
    ck_assert_msg(pf != NULL, "%s", why);
    return pf;
}

/* PfOpen must fail; returns its reason. */
static inline const char *OpenFails(const char *path, uint32_t maximum)
{
    static char why[512];
    PF_OPTIONS options = {.Path = path, .MaximumPages = maximum, .FaultLog = true};
    PAGEFILE *pf = PfOpen(&options, why, sizeof why);
    ck_assert_msg(pf == NULL, "opening %s succeeded", path);
    ck_assert_msg(strchr(why, '\n') == NULL, "a one-line reason: %s", why);
    printf("  refused as it should be: %s\n", why);
    return why;
}

/* Rows of a query as "a|b|c" lines, NULL as "NULL". */
static inline char *Query(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
    ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, sqlite3_errmsg(db));
    sqlite3_str *out = sqlite3_str_new(db);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(s); i++) {
            const char *text = (const char *)sqlite3_column_text(s, i);
            sqlite3_str_appendf(out, "%s%s", i ? "|" : "", text ? text : "NULL");
        }
        sqlite3_str_appendchar(out, 1, '\n');
    }
    ck_assert_msg(rc == SQLITE_DONE, "%s: %s", sql, sqlite3_errmsg(db));
    sqlite3_finalize(s);
    char *text = sqlite3_str_finish(out);
    return text ? text : sqlite3_mprintf("");
}

#define ck_assert_query(db, sql, expected)                                                     \
    do {                                                                                       \
        char *got_ = Query((db), (sql));                                                       \
        ck_assert_msg(strcmp(got_, (expected)) == 0, "%s\n got:\n%s expected:\n%s", (sql),    \
                      got_, (expected));                                                       \
        sqlite3_free(got_);                                                                    \
    } while (0)

/* For loops: Check's ck_assert reports every passing check to the parent
 * process (a write per check), which would dominate what is measured. */
#define REQUIRE(cond)                                                                          \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            ck_abort_msg("%s:%d: %s", __FILE__, __LINE__, #cond);                              \
        }                                                                                      \
    } while (0)

static inline sqlite3 *OpenPlain(const char *path)
{
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    return db;
}

static inline void Exec(sqlite3 *db, const char *sql)
{
    char *error = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &error);
    ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, error ? error : "?");
}

static inline void WriteFile(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static inline int RemoveEntry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

/* One fault-log row; the EIP, time and thread follow from the others. */
static inline void Fault(PAGEFILE *pf, uint64_t seq, uint32_t process, uint32_t va, uint8_t access,
                  const char *kind, NTSTATUS status, const char *name, uint32_t frame,
                  uint32_t slot)
{
    PF_FAULT f = {.Sequence = seq, .Process = process, .Va = va, .Eip = 0x00401000 + (uint32_t)seq,
                  .Access = access, .Kind = kind, .Status = status, .StatusName = name,
                  .Frame = frame, .Slot = slot, .Time = seq * 1000, .Thread = process + 4};
    PfLogFault(pf, &f);
}

/* The test directory: made before the tests fork, removed at the end. */
static inline bool PfTestBegin(const char *name)
{
    snprintf(TempDir, sizeof TempDir, "%s/ntmm-%s-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", name);
    if (!mkdtemp(TempDir)) {
        perror("mkdtemp");
        return false;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    return true;
}

static inline void PfTestEnd(void)
{
    chmod(TempDir, 0700);
    char ro[400];
    snprintf(ro, sizeof ro, "%s/ro", TempDir);
    chmod(ro, 0755);
    nftw(TempDir, RemoveEntry, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
