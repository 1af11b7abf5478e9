/*
 * ntmm report PAGEFILE.db [-o REPORT.html]: one self-contained HTML file
 * (inline SVG and CSS, no script, nothing fetched) picturing the run a
 * pagefile recorded — the key numbers, faults by kind over guest time,
 * working sets, page lists, commit against its limit, each process's
 * address space from its latest snapshot (VMMap's view: regions by type,
 * pages by state) and the hottest pages. Every number a test may check
 * carries an id or data-* attribute (docs/pagefile.md).
 */
#include "tools/report.h"
#include "tools/tools.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#define RP_APPLICATION_ID 0x4E545046 /* 'NTPF', pagefile/pf.h */
#define RP_SCHEMA_VERSION 3
#define RP_BUCKETS 120      /* fault-kind histogram over guest time */
#define RP_MAX_POINTS 600   /* samples drawn at most */

double RpScalar(RP_REPORT *r, const char *sql)
{
    sqlite3_stmt *s;
    double value = 0;
    if (sqlite3_prepare_v2(r->Db, sql, -1, &s, NULL) == SQLITE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW) {
            value = sqlite3_column_double(s, 0);
        }
        sqlite3_finalize(s);
    }
    return value;
}

sqlite3_stmt *RpQuery(RP_REPORT *r, const char *sql)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(r->Db, sql, -1, &s, NULL) != SQLITE_OK) {
        fprintf(stderr, "ntmm report: %s\n", sqlite3_errmsg(r->Db));
        return NULL;
    }
    return s;
}

static const char *KindColor(const char *kind)
{
    static const struct { const char *Kind, *Color; } colors[] = {
        {"demand-zero", "#93c47d"}, {"transition", "#6fa8dc"}, {"hard", "#cc0000"},
        {"copy-on-write", "#e69138"}, {"shared", "#8e7cc3"}, {"guard", "#f1c232"},
        {"stack-growth", "#76a5af"}, {"access-violation", "#222222"},
        {"in-page-error", "#a61c00"}, {"write-copy-private", "#c27ba0"},
    };
    for (size_t i = 0; i < sizeof colors / sizeof *colors; i++) {
        if (strcmp(colors[i].Kind, kind) == 0) {
            return colors[i].Color;
        }
    }
    return "#999999";
}

/* ------------------------------------------------------------ the header */

static void Parameter(RP_REPORT *r, const char *label, const char *name)
{
    sqlite3_stmt *s = RpQuery(r, "SELECT value FROM parameters WHERE name = ?1");
    if (!s) {
        return;
    }
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)) {
        fprintf(r->Out, "<tr><th>%s</th><td data-parameter=\"%s\">", label, name);
        RpEscape(r->Out, (const char *)sqlite3_column_text(s, 0));
        fprintf(r->Out, "</td></tr>\n");
    }
    sqlite3_finalize(s);
}

static void Key(RP_REPORT *r, const char *id, const char *label, const char *sql)
{
    char a[32];
    double value = RpScalar(r, sql);
    fprintf(r->Out, "<div class=\"card\"><span class=\"v\" id=\"k-%s\" data-value=\"%.0f\">%s"
            "</span><span class=\"l\">%s</span></div>\n", id, value, RpNumber(value, a), label);
}

/* The run's parameters the header shows: label, name in `parameters`. */
static const struct {
    const char *Label, *Name;
} Parameters[] = {
    {"command line", "command-line"},
    {"ntmm", "ntmm-version"},
    {"Unicorn", "unicorn-version"},
    {"RAM (bytes)", "ram-bytes"},
    {"working-set minimum (pages)", "ws-min-pages"},
    {"working-set maximum (pages)", "ws-max-pages"},
    {"pagefile maximum (pages)", "pagefile-max-pages"},
    {"samples", "sample-every"},
};

/* The cards: id (k-ID in the page, for tests), label, the query. */
static const struct {
    const char *Id, *Label, *Sql;
} Keys[] = {
    {"instructions", "guest instructions",
     "SELECT max(coalesce((SELECT max(time) FROM faults), 0),"
     " coalesce((SELECT max(time) FROM samples), 0))"},
    {"faults", "page faults", "SELECT count(*) FROM faults"},
    {"hard", "hard faults (read from the pagefile)",
     "SELECT count(*) FROM faults WHERE kind = 'hard'"},
    {"hard-file", "hard faults (read from a mapped file)",
     "SELECT count(*) FROM faults WHERE kind = 'hard-file'"},
    {"collided", "collided faults (waited for another's read)",
     "SELECT count(*) FROM faults WHERE kind = 'collided'"},
    {"transition", "soft (transition) faults",
     "SELECT count(*) FROM faults WHERE kind = 'transition'"},
    {"demand-zero", "demand-zero faults",
     "SELECT count(*) FROM faults WHERE kind = 'demand-zero'"},
    {"copy-on-write", "copy-on-write faults",
     "SELECT count(*) FROM faults WHERE kind = 'copy-on-write'"},
    {"access-violations", "access violations",
     "SELECT count(*) FROM faults WHERE kind = 'access-violation'"},
    {"pages-written", "pages written to the pagefile",
     "SELECT coalesce(sum(pages), 0) FROM events WHERE kind = 'write-cluster'"},
    {"clusters", "write clusters", "SELECT count(*) FROM events WHERE kind = 'write-cluster'"},
    {"file-pages-written", "pages written to mapped files (writer, flushes)",
     "SELECT coalesce(sum(pages), 0) FROM events WHERE kind IN ('write-file', 'flush')"},
    {"trimmed", "pages trimmed from working sets",
     "SELECT coalesce(sum(pages), 0) FROM events WHERE kind = 'trim'"},
    {"repurposed", "standby pages repurposed",
     "SELECT coalesce(sum(pages), 0) FROM events WHERE kind = 'repurpose'"},
    {"peak-working-set", "peak working set (pages, sampled)",
     "SELECT coalesce(max(working_set), 0) FROM sample_processes"},
    {"peak-commit", "peak commit charge (pages, sampled)",
     "SELECT coalesce(max(commit_charge), 0) FROM samples"},
    {"commit-limit", "commit limit (pages)", "SELECT coalesce(max(commit_limit), 0) FROM samples"},
    {"peak-slots", "pagefile slots in use at most (sampled)",
     "SELECT coalesce(max(slots_in_use), 0) FROM samples"},
    {"processes", "processes", "SELECT count(DISTINCT process) FROM faults"},
};

static void Header(RP_REPORT *r)
{
    FILE *out = r->Out;
    fprintf(out, "<h1>ntmm: ");
    sqlite3_stmt *s = RpQuery(r, "SELECT value FROM parameters WHERE name = 'program'");
    if (s && sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)) {
        const char *program = (const char *)sqlite3_column_text(s, 0);
        const char *slash = strrchr(program, '/');
        RpEscape(out, slash ? slash + 1 : program);
    } else {
        fprintf(out, "a run");
    }
    sqlite3_finalize(s);
    fprintf(out, "</h1>\n<table class=\"params\">\n");
    for (size_t i = 0; i < sizeof Parameters / sizeof Parameters[0]; i++) {
        Parameter(r, Parameters[i].Label, Parameters[i].Name);
    }
    fprintf(out, "</table>\n<h2>The run in numbers</h2>\n<div class=\"cards\">\n");
    for (size_t i = 0; i < sizeof Keys / sizeof Keys[0]; i++) {
        Key(r, Keys[i].Id, Keys[i].Label, Keys[i].Sql);
    }
    fprintf(out, "</div>\n");
}

/* ------------------------------------------------------------- the charts */

static void FaultsOverTime(RP_REPORT *r)
{
    double x[RP_BUCKETS];
    for (int b = 0; b < RP_BUCKETS; b++) {
        x[b] = (b + 0.5) * r->TimeMax / RP_BUCKETS;
    }
    RP_SERIES series[16];
    static double y[16][RP_BUCKETS];
    char *names[16];
    int count = 0;
    sqlite3_stmt *kinds = RpQuery(r, "SELECT kind, count(*) FROM faults GROUP BY kind "
                                   "ORDER BY count(*) DESC, kind LIMIT 16");
    while (kinds && sqlite3_step(kinds) == SQLITE_ROW) {
        names[count] = strdup((const char *)sqlite3_column_text(kinds, 0));
        memset(y[count], 0, sizeof y[count]);
        series[count] = (RP_SERIES){.Name = names[count], .Color = KindColor(names[count]),
                                    .Y = y[count], .HasTotal = true,
                                    .Total = sqlite3_column_double(kinds, 1)};
        count++;
    }
    sqlite3_finalize(kinds);
    sqlite3_stmt *s = RpQuery(r, "SELECT kind, min(?2 - 1, CAST(time * ?2 / (?1 + 1) AS INTEGER)),"
                               " count(*) FROM faults GROUP BY 1, 2");
    if (s) {
        sqlite3_bind_double(s, 1, r->TimeMax);
        sqlite3_bind_int(s, 2, RP_BUCKETS);
    }
    while (s && sqlite3_step(s) == SQLITE_ROW) {
        const char *kind = (const char *)sqlite3_column_text(s, 0);
        int bucket = sqlite3_column_int(s, 1);
        for (int k = 0; k < count; k++) {
            if (strcmp(names[k], kind) == 0 && bucket >= 0 && bucket < RP_BUCKETS) {
                y[k][bucket] = sqlite3_column_double(s, 2);
            }
        }
    }
    sqlite3_finalize(s);
    char title[160], a[32];
    snprintf(title, sizeof title, "Page faults by kind over guest time (each column: %s "
             "instructions)", RpNumber(r->TimeMax > RP_BUCKETS ? (double)(uint64_t)(r->TimeMax /
             RP_BUCKETS) : 1, a));
    RP_CHART chart = {.Id = "faults-over-time", .Title = title, .XLabel = "instructions",
                      .YLabel = "faults", .X = x, .Points = count ? RP_BUCKETS : 0,
                      .XMax = r->TimeMax, .Series = series, .SeriesCount = count,
                      .Stacked = true};
    RpChart(r->Out, &chart);
    for (int k = 0; k < count; k++) {
        free(names[k]);
    }
}

/* The samples to draw: all, or every k-th (and the last) past RP_MAX_POINTS. */
typedef struct SAMPLES {
    uint32_t Count;
    double X[RP_MAX_POINTS + 1];
    int64_t Id[RP_MAX_POINTS + 1];
    double Lists[6][RP_MAX_POINTS + 1];
    double Commit[RP_MAX_POINTS + 1], Limit[RP_MAX_POINTS + 1], Slots[RP_MAX_POINTS + 1];
} SAMPLES;

static void LoadSamples(RP_REPORT *r, SAMPLES *p)
{
    double total = RpScalar(r, "SELECT count(*) FROM samples");
    int64_t every = total > RP_MAX_POINTS ? (int64_t)(total / RP_MAX_POINTS) + 1 : 1;
    sqlite3_stmt *s = RpQuery(r, "SELECT sample, time, zeroed, free, standby, modified, "
                               "modified_no_write, active, commit_charge, commit_limit, "
                               "slots_in_use FROM samples WHERE sample % ?1 = 0 "
                               "OR sample = (SELECT max(sample) FROM samples) ORDER BY sample");
    if (s) {
        sqlite3_bind_int64(s, 1, every);
    }
    p->Count = 0;
    while (s && sqlite3_step(s) == SQLITE_ROW && p->Count <= RP_MAX_POINTS) {
        uint32_t i = p->Count++;
        p->Id[i] = sqlite3_column_int64(s, 0);
        p->X[i] = sqlite3_column_double(s, 1);
        for (int l = 0; l < 6; l++) {
            p->Lists[l][i] = sqlite3_column_double(s, 2 + l);
        }
        p->Commit[i] = sqlite3_column_double(s, 8);
        p->Limit[i] = sqlite3_column_double(s, 9);
        p->Slots[i] = sqlite3_column_double(s, 10);
    }
    sqlite3_finalize(s);
}

static void WorkingSets(RP_REPORT *r, const SAMPLES *p)
{
    static const char *colors[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b",
                                   "#e377c2", "#7f7f7f", "#bcbd22"};
    static double y[RP_MAX_PROCESSES][RP_MAX_POINTS + 1];
    RP_SERIES series[RP_MAX_PROCESSES];
    char names[RP_MAX_PROCESSES][32];
    int64_t ids[RP_MAX_PROCESSES];
    int count = 0;
    sqlite3_stmt *s = RpQuery(r, "SELECT process, max(working_set) FROM sample_processes "
                               "GROUP BY process ORDER BY process");
    while (s && sqlite3_step(s) == SQLITE_ROW && count < RP_MAX_PROCESSES) {
        ids[count] = sqlite3_column_int64(s, 0);
        snprintf(names[count], sizeof names[count], "process %lld", (long long)ids[count]);
        memset(y[count], 0, sizeof y[count]);
        series[count] = (RP_SERIES){.Name = names[count], .Color = colors[count % 8],
                                    .Y = y[count], .HasTotal = true,
                                    .Total = sqlite3_column_double(s, 1)};
        count++;
    }
    sqlite3_finalize(s);
    s = RpQuery(r, "SELECT process, working_set FROM sample_processes WHERE sample = ?1");
    for (uint32_t i = 0; s && i < p->Count; i++) {
        sqlite3_bind_int64(s, 1, p->Id[i]);
        while (sqlite3_step(s) == SQLITE_ROW) {
            for (int k = 0; k < count; k++) {
                if (ids[k] == sqlite3_column_int64(s, 0)) {
                    y[k][i] = sqlite3_column_double(s, 1);
                }
            }
        }
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    RP_CHART chart = {.Id = "working-sets", .Title = "Working-set size of each process "
                      "(pages; the legend gives each one's peak)", .XLabel = "instructions",
                      .YLabel = "pages", .X = p->X, .Points = p->Count, .XMax = r->TimeMax,
                      .Series = series, .SeriesCount = count};
    RpChart(r->Out, &chart);
}

static void PageLists(RP_REPORT *r, const SAMPLES *p)
{
    static const char *names[] = {"active", "modified-no-write", "modified", "standby", "free",
                                  "zeroed"};
    static const int order[] = {5, 4, 3, 2, 1, 0}; /* active at the bottom */
    static const char *colors[] = {"#2e8b57", "#cc4125", "#e69138", "#6fa8dc", "#b6d7a8",
                                   "#d9ead3"};
    RP_SERIES series[6];
    for (int i = 0; i < 6; i++) {
        series[i] = (RP_SERIES){.Name = names[i], .Color = colors[i],
                                .Y = (double *)p->Lists[order[i]]};
    }
    RP_CHART chart = {.Id = "page-lists", .Title = "Physical memory: the page lists over time "
                      "(pages; active = in working sets, page tables, the system's)",
                      .XLabel = "instructions", .YLabel = "frames", .X = p->X,
                      .Points = p->Count, .XMax = r->TimeMax, .Series = series,
                      .SeriesCount = 6, .Stacked = true};
    RpChart(r->Out, &chart);
}

static void Commit(RP_REPORT *r, const SAMPLES *p)
{
    RP_SERIES series[3] = {
        {.Name = "commit charge", .Color = "#1f77b4", .Y = (double *)p->Commit},
        {.Name = "commit limit", .Color = "#cc0000", .Y = (double *)p->Limit, .Dashed = true},
        {.Name = "pagefile slots in use", .Color = "#8c8c8c", .Y = (double *)p->Slots},
    };
    RP_CHART chart = {.Id = "commit", .Title = "Commit charge against the commit limit, and "
                      "the pagefile (pages)", .XLabel = "instructions", .YLabel = "pages",
                      .X = p->X, .Points = p->Count, .XMax = r->TimeMax, .Series = series,
                      .SeriesCount = 3};
    RpChart(r->Out, &chart);
}

/* ------------------------------------------------------------ the tables */

static void HottestPages(RP_REPORT *r)
{
    FILE *out = r->Out;
    double top = RpScalar(r, "SELECT max(faults) FROM faults_per_page");
    fprintf(out, "<h2>The hottest pages</h2>\n<table class=\"hot\" id=\"hottest-pages\"><tr>"
            "<th>process</th><th>page</th><th>faults</th><th>hard</th><th>transition</th>"
            "<th>kinds</th><th></th></tr>\n");
    sqlite3_stmt *s = RpQuery(r, "SELECT process, va, va_hex, faults, hard, transition, kinds "
                               "FROM faults_per_page LIMIT 20");
    while (s && sqlite3_step(s) == SQLITE_ROW) {
        double faults = sqlite3_column_double(s, 3);
        fprintf(out, "<tr data-process=\"%lld\" data-va=\"%lld\" data-faults=\"%.0f\"><td>%lld"
                "</td><td class=\"mono\">%s</td><td>%.0f</td><td>%lld</td><td>%lld</td><td>",
                sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1), faults,
                sqlite3_column_int64(s, 0), sqlite3_column_text(s, 2), faults,
                sqlite3_column_int64(s, 4), sqlite3_column_int64(s, 5));
        RpEscape(out, (const char *)sqlite3_column_text(s, 6));
        fprintf(out, "</td><td><svg width=\"200\" height=\"10\"><rect width=\"%.1f\" "
                "height=\"10\" fill=\"#cc0000\"/></svg></td></tr>\n",
                top > 0 ? 200 * faults / top : 0);
    }
    sqlite3_finalize(s);
    fprintf(out, "</table>\n");
}

static void Events(RP_REPORT *r)
{
    FILE *out = r->Out;
    fprintf(out, "<h2>What faults do not show</h2>\n<table class=\"events\" id=\"events\"><tr>"
            "<th>event</th><th>reason</th><th>times</th><th>pages</th></tr>\n");
    sqlite3_stmt *s = RpQuery(r, "SELECT kind, coalesce(reason, ''), events, pages "
                               "FROM event_counts");
    while (s && sqlite3_step(s) == SQLITE_ROW) {
        char a[32], b[32];
        fprintf(out, "<tr data-event=\"%s\" data-reason=\"%s\" data-pages=\"%lld\"><td>%s</td>"
                "<td>%s</td><td>%s</td><td>%s</td></tr>\n", sqlite3_column_text(s, 0),
                sqlite3_column_text(s, 1), sqlite3_column_int64(s, 3),
                sqlite3_column_text(s, 0), sqlite3_column_text(s, 1),
                RpNumber(sqlite3_column_double(s, 2), a), RpNumber(sqlite3_column_double(s, 3), b));
    }
    sqlite3_finalize(s);
    fprintf(out, "</table>\n");
}

static const char STYLE[] =
    "body{font:14px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;"
    "max-width:960px;color:#222;background:#fff}\n"
    "h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px "
    "solid #ddd}h3{font-size:15px;margin:18px 0 6px}small{color:#666;font-weight:normal}\n"
    "table{border-collapse:collapse;margin:6px 0}th,td{padding:2px 8px;text-align:left;"
    "vertical-align:middle}th{font-weight:600;color:#444}tr:nth-child(even) td{background:"
    "#f7f7f7}\n.params td{font-family:ui-monospace,monospace;font-size:12px;word-break:"
    "break-all}.mono{font-family:ui-monospace,monospace;font-size:12px}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:8px}.card{border:1px solid #ddd;border-radius:6px;"
    "padding:6px 10px;min-width:150px}.card .v{display:block;font-size:20px;font-weight:600}"
    ".card .l{color:#555;font-size:12px}\n"
    "figure{margin:16px 0}figcaption{font-weight:600;margin-bottom:4px}svg text{font-size:11px;"
    "fill:#444}.ytick{text-anchor:end}.xtick{text-anchor:middle}.xlabel,.ylabel{text-anchor:"
    "middle;fill:#666}\n.grid{stroke:#eee}.axis{stroke:#999}.hover{fill:transparent}"
    ".hover:hover{fill:rgba(0,0,0,.08)}\n"
    ".legend .key{margin-right:12px;white-space:nowrap}i{display:inline-block;width:10px;"
    "height:10px;margin-right:4px;border:1px solid rgba(0,0,0,.2)}\n"
    ".strip rect:hover{stroke:#000;stroke-width:1}.summary td,.summary th{text-align:right}"
    ".regions td{white-space:nowrap}.summary td:first-child,.summary th:first-child{text-align:left}footer{margin-top:32px;"
    "color:#777;font-size:12px}\n";

static int Write(RP_REPORT *r)
{
    FILE *out = r->Out;
    r->TimeMax = RpScalar(r, "SELECT max(coalesce((SELECT max(time) FROM faults), 0),"
                           " coalesce((SELECT max(time) FROM samples), 0))");
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<title>ntmm report</title>\n<style>\n%s</style>\n</head>\n<body>\n", STYLE);
    Header(r);
    fprintf(out, "<h2>Over time</h2>\n");
    FaultsOverTime(r);
    SAMPLES *samples = calloc(1, sizeof *samples);
    if (!samples) {
        return -1;
    }
    LoadSamples(r, samples);
    fprintf(out, "<p id=\"sample-count\" data-value=\"%.0f\">%u samples drawn of %.0f taken.</p>"
            "\n", RpScalar(r, "SELECT count(*) FROM samples"), samples->Count,
            RpScalar(r, "SELECT count(*) FROM samples"));
    WorkingSets(r, samples);
    PageLists(r, samples);
    Commit(r, samples);
    free(samples);
    RpAddressSpaces(r);
    HottestPages(r);
    Events(r);
    fprintf(out, "<footer>Made by <code>ntmm report</code> from the pagefile's tables "
            "(docs/pagefile.md); hover over a chart or a page strip for its numbers.</footer>\n"
            "</body>\n</html>\n");
    return ferror(out) ? -1 : 0;
}

/* The pagefile must be ntmm's, of the schema this report reads. */
static int Check(sqlite3 *db, const char *path)
{
    sqlite3_stmt *s;
    int64_t id = 0, version = 0;
    if (sqlite3_prepare_v2(db, "PRAGMA application_id", -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW) {
        id = sqlite3_column_int64(s, 0);
    } else {
        fprintf(stderr, "ntmm report: %s: not a SQLite database (%s)\n", path,
                sqlite3_errmsg(db));
        sqlite3_finalize(s);
        return -1;
    }
    sqlite3_finalize(s);
    if (id != RP_APPLICATION_ID) {
        fprintf(stderr, "ntmm report: %s: not an ntmm pagefile\n", path);
        return -1;
    }
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW) {
        version = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    if (version != RP_SCHEMA_VERSION) {
        fprintf(stderr, "ntmm report: %s: an ntmm pagefile of schema version %lld; this ntmm "
                "reads version %d\n", path, (long long)version, RP_SCHEMA_VERSION);
        return -1;
    }
    return 0;
}

int NtmmReport(int argc, char **argv)
{
    const char *input = NULL, *output = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
            output = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "ntmm report: unknown option %s (usage: ntmm report PAGEFILE.db "
                    "[-o REPORT.html])\n", argv[i]);
            return 125;
        } else if (!input) {
            input = argv[i];
        } else {
            fprintf(stderr, "ntmm report: one pagefile at a time (\"%s\" is a second)\n",
                    argv[i]);
            return 125;
        }
    }
    if (!input) {
        fprintf(stderr, "ntmm report: no pagefile given (usage: ntmm report PAGEFILE.db "
                "[-o REPORT.html])\n");
        return 125;
    }
    char fallback[4096];
    if (!output) {
        size_t n = strlen(input);
        const char *dot = n > 3 && strcmp(input + n - 3, ".db") == 0 ? input + n - 3 : input + n;
        snprintf(fallback, sizeof fallback, "%.*s.html", (int)(dot - input), input);
        output = fallback;
    }
    RP_REPORT r = {0};
    if (sqlite3_open_v2(input, &r.Db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fprintf(stderr, "ntmm report: %s: %s\n", input,
                r.Db ? sqlite3_errmsg(r.Db) : "cannot open it");
        sqlite3_close(r.Db);
        return 125;
    }
    if (Check(r.Db, input) != 0) {
        sqlite3_close(r.Db);
        return 125;
    }
    r.Out = fopen(output, "w");
    if (!r.Out) {
        fprintf(stderr, "ntmm report: %s: %s\n", output, strerror(errno));
        sqlite3_close(r.Db);
        return 125;
    }
    int rc = Write(&r);
    if (fclose(r.Out) != 0) {
        rc = -1;
    }
    sqlite3_close(r.Db);
    if (rc != 0) {
        fprintf(stderr, "ntmm report: %s: could not write it all\n", output);
        return 125;
    }
    return 0;
}
