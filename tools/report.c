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
#define RP_SCHEMA_VERSION 2
#define RP_BUCKETS 120      /* fault-kind histogram over guest time */
#define RP_MAX_POINTS 600   /* samples drawn at most */
#define RP_MAX_PROCESSES 16
#define RP_STRIP_BINS 300   /* cells of a region's page strip */
#define RP_MAX_REGIONS 150  /* listed per process */

typedef struct REPORT {
    sqlite3 *Db;
    FILE *Out;
    double TimeMax;
} REPORT;

static double Scalar(REPORT *r, const char *sql)
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

static sqlite3_stmt *Query(REPORT *r, const char *sql)
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

static const char *StateColor(const char *location)
{
    static const struct { const char *State, *Color; } colors[] = {
        {"resident", "#2e8b57"}, {"standby", "#6fa8dc"}, {"modified", "#e69138"},
        {"being-written", "#cc4125"}, {"pagefile", "#8c8c8c"}, {"demand-zero", "#e4e4e4"},
    };
    for (size_t i = 0; i < sizeof colors / sizeof *colors; i++) {
        if (strcmp(colors[i].State, location) == 0) {
            return colors[i].Color;
        }
    }
    return "#c0c0c0";
}

/* VMMap's types, from the section that holds a page. */
static const char *RegionType(const char *section_kind)
{
    if (!section_kind) {
        return "private";
    }
    if (strcmp(section_kind, "image") == 0) {
        return "image";
    }
    return strcmp(section_kind, "fork") == 0 ? "fork-shared" : "mapped";
}

static const char *TypeColor(const char *type)
{
    return strcmp(type, "image") == 0       ? "#8e6cc0"
           : strcmp(type, "mapped") == 0    ? "#3a7bd5"
           : strcmp(type, "fork-shared") == 0 ? "#e08e2b"
                                            : "#d4b21f";
}

/* ------------------------------------------------------------ the header */

static void Parameter(REPORT *r, const char *label, const char *name)
{
    sqlite3_stmt *s = Query(r, "SELECT value FROM parameters WHERE name = ?1");
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

static void Key(REPORT *r, const char *id, const char *label, const char *sql)
{
    char a[32];
    double value = Scalar(r, sql);
    fprintf(r->Out, "<div class=\"card\"><span class=\"v\" id=\"k-%s\" data-value=\"%.0f\">%s"
            "</span><span class=\"l\">%s</span></div>\n", id, value, RpNumber(value, a), label);
}

static void Header(REPORT *r)
{
    FILE *out = r->Out;
    fprintf(out, "<h1>ntmm: ");
    sqlite3_stmt *s = Query(r, "SELECT value FROM parameters WHERE name = 'program'");
    if (s && sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)) {
        const char *program = (const char *)sqlite3_column_text(s, 0);
        const char *slash = strrchr(program, '/');
        RpEscape(out, slash ? slash + 1 : program);
    } else {
        fprintf(out, "a run");
    }
    sqlite3_finalize(s);
    fprintf(out, "</h1>\n<table class=\"params\">\n");
    Parameter(r, "command line", "command-line");
    Parameter(r, "ntmm", "ntmm-version");
    Parameter(r, "Unicorn", "unicorn-version");
    Parameter(r, "RAM (bytes)", "ram-bytes");
    Parameter(r, "working-set minimum (pages)", "ws-min-pages");
    Parameter(r, "working-set maximum (pages)", "ws-max-pages");
    Parameter(r, "pagefile maximum (pages)", "pagefile-max-pages");
    Parameter(r, "samples", "sample-every");
    fprintf(out, "</table>\n<h2>The run in numbers</h2>\n<div class=\"cards\">\n");
    Key(r, "instructions", "guest instructions",
        "SELECT max(coalesce((SELECT max(time) FROM faults), 0),"
        " coalesce((SELECT max(time) FROM samples), 0))");
    Key(r, "faults", "page faults", "SELECT count(*) FROM faults");
    Key(r, "hard", "hard faults (read from the pagefile)",
        "SELECT count(*) FROM faults WHERE kind = 'hard'");
    Key(r, "transition", "soft (transition) faults",
        "SELECT count(*) FROM faults WHERE kind = 'transition'");
    Key(r, "demand-zero", "demand-zero faults",
        "SELECT count(*) FROM faults WHERE kind = 'demand-zero'");
    Key(r, "copy-on-write", "copy-on-write faults",
        "SELECT count(*) FROM faults WHERE kind = 'copy-on-write'");
    Key(r, "access-violations", "access violations",
        "SELECT count(*) FROM faults WHERE kind = 'access-violation'");
    Key(r, "pages-written", "pages written to the pagefile",
        "SELECT coalesce(sum(pages), 0) FROM events WHERE kind = 'write-cluster'");
    Key(r, "clusters", "write clusters", "SELECT count(*) FROM events WHERE kind = 'write-cluster'");
    Key(r, "trimmed", "pages trimmed from working sets",
        "SELECT coalesce(sum(pages), 0) FROM events WHERE kind = 'trim'");
    Key(r, "repurposed", "standby pages repurposed",
        "SELECT coalesce(sum(pages), 0) FROM events WHERE kind = 'repurpose'");
    Key(r, "peak-working-set", "peak working set (pages, sampled)",
        "SELECT coalesce(max(working_set), 0) FROM sample_processes");
    Key(r, "peak-commit", "peak commit charge (pages, sampled)",
        "SELECT coalesce(max(commit_charge), 0) FROM samples");
    Key(r, "commit-limit", "commit limit (pages)",
        "SELECT coalesce(max(commit_limit), 0) FROM samples");
    Key(r, "peak-slots", "pagefile slots in use at most (sampled)",
        "SELECT coalesce(max(slots_in_use), 0) FROM samples");
    Key(r, "processes", "processes", "SELECT count(DISTINCT process) FROM faults");
    fprintf(out, "</div>\n");
}

/* ------------------------------------------------------------- the charts */

static void FaultsOverTime(REPORT *r)
{
    double x[RP_BUCKETS];
    for (int b = 0; b < RP_BUCKETS; b++) {
        x[b] = (b + 0.5) * r->TimeMax / RP_BUCKETS;
    }
    RP_SERIES series[16];
    static double y[16][RP_BUCKETS];
    char *names[16];
    int count = 0;
    sqlite3_stmt *kinds = Query(r, "SELECT kind, count(*) FROM faults GROUP BY kind "
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
    sqlite3_stmt *s = Query(r, "SELECT kind, min(?2 - 1, CAST(time * ?2 / (?1 + 1) AS INTEGER)),"
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

static void LoadSamples(REPORT *r, SAMPLES *p)
{
    double total = Scalar(r, "SELECT count(*) FROM samples");
    int64_t every = total > RP_MAX_POINTS ? (int64_t)(total / RP_MAX_POINTS) + 1 : 1;
    sqlite3_stmt *s = Query(r, "SELECT sample, time, zeroed, free, standby, modified, "
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

static void WorkingSets(REPORT *r, const SAMPLES *p)
{
    static const char *colors[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b",
                                   "#e377c2", "#7f7f7f", "#bcbd22"};
    static double y[RP_MAX_PROCESSES][RP_MAX_POINTS + 1];
    RP_SERIES series[RP_MAX_PROCESSES];
    char names[RP_MAX_PROCESSES][32];
    int64_t ids[RP_MAX_PROCESSES];
    int count = 0;
    sqlite3_stmt *s = Query(r, "SELECT process, max(working_set) FROM sample_processes "
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
    s = Query(r, "SELECT process, working_set FROM sample_processes WHERE sample = ?1");
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

static void PageLists(REPORT *r, const SAMPLES *p)
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

static void Commit(REPORT *r, const SAMPLES *p)
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

/* ------------------------------------------------- the address-space map */

typedef struct REGION {
    uint32_t Start, Pages;
    int64_t Section;
    char Type[16], Name[128];
    uint32_t *States; /* per page: index into STATES */
} REGION;

static const char *const STATES[] = {"resident", "standby", "modified", "being-written",
                                     "pagefile", "demand-zero", "other"};
#define STATE_COUNT 7

static uint32_t StateIndex(const char *location)
{
    for (uint32_t i = 0; i < STATE_COUNT - 1; i++) {
        if (strcmp(STATES[i], location) == 0) {
            return i;
        }
    }
    return STATE_COUNT - 1;
}

static void Strip(FILE *out, const REGION *g)
{
    uint32_t bins = g->Pages < RP_STRIP_BINS ? g->Pages : RP_STRIP_BINS;
    double width = 600.0 / bins;
    fprintf(out, "<svg class=\"strip\" viewBox=\"0 0 600 14\" width=\"600\" height=\"14\">");
    for (uint32_t b = 0; b < bins; b++) {
        uint32_t first = (uint32_t)((uint64_t)b * g->Pages / bins);
        uint32_t end = (uint32_t)((uint64_t)(b + 1) * g->Pages / bins);
        uint32_t counts[STATE_COUNT] = {0}, top = 0;
        for (uint32_t i = first; i < end; i++) {
            counts[g->States[i]]++;
        }
        for (uint32_t s = 1; s < STATE_COUNT; s++) {
            top = counts[s] > counts[top] ? s : top;
        }
        fprintf(out, "<rect x=\"%.2f\" y=\"0\" width=\"%.2f\" height=\"14\" fill=\"%s\">"
                "<title>0x%08X-0x%08X", b * width, width + 0.05, StateColor(STATES[top]),
                g->Start + first * 4096u, g->Start + end * 4096u - 1);
        for (uint32_t s = 0; s < STATE_COUNT; s++) {
            if (counts[s]) {
                fprintf(out, "\n%s: %u", STATES[s], counts[s]);
            }
        }
        fprintf(out, "</title></rect>");
    }
    fprintf(out, "</svg>");
}

static void ProcessMap(REPORT *r, int64_t process, int64_t snapshot, const char *label)
{
    FILE *out = r->Out;
    sqlite3_stmt *s = Query(r, "SELECT l.va, l.location, l.section, c.kind, c.name "
                               "FROM page_locations l LEFT JOIN sections c USING (section) "
                               "WHERE l.snapshot = ?1 AND l.process = ?2 ORDER BY l.va");
    if (!s) {
        return;
    }
    sqlite3_bind_int64(s, 1, snapshot);
    sqlite3_bind_int64(s, 2, process);
    REGION *regions = NULL;
    uint32_t count = 0, capacity = 0, next = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        uint32_t va = (uint32_t)sqlite3_column_int64(s, 0);
        int64_t section = sqlite3_column_type(s, 2) == SQLITE_NULL ? 0
                                                                   : sqlite3_column_int64(s, 2);
        REGION *g = count ? &regions[count - 1] : NULL;
        if (!g || va != next || g->Section != section) {
            if (count == capacity) {
                capacity = capacity ? capacity * 2 : 32;
                REGION *bigger = realloc(regions, capacity * sizeof *regions);
                if (!bigger) {
                    break;
                }
                regions = bigger;
            }
            g = &regions[count++];
            memset(g, 0, sizeof *g);
            g->Start = va;
            g->Section = section;
            snprintf(g->Type, sizeof g->Type, "%s",
                     RegionType((const char *)sqlite3_column_text(s, 3)));
            snprintf(g->Name, sizeof g->Name, "%s",
                     sqlite3_column_text(s, 4) ? (const char *)sqlite3_column_text(s, 4) : "");
        }
        uint32_t *states = realloc(g->States, (g->Pages + 1) * sizeof *states);
        if (!states) {
            break;
        }
        g->States = states;
        g->States[g->Pages++] = StateIndex((const char *)sqlite3_column_text(s, 1));
        next = va + 4096u;
    }
    sqlite3_finalize(s);

    /* VMMap's summary: pages of each type, by state. */
    static const char *const types[] = {"image", "mapped", "fork-shared", "private"};
    fprintf(out, "<section class=\"process\" data-process=\"%lld\">\n<h3>Process %lld "
            "<small>(snapshot %lld, %s)</small></h3>\n<table class=\"summary\"><tr><th>type</th>"
            "<th>regions</th><th>pages</th>", (long long)process, (long long)process,
            (long long)snapshot, label);
    for (uint32_t st = 0; st < STATE_COUNT - 1; st++) {
        fprintf(out, "<th><i style=\"background:%s\"></i>%s</th>", StateColor(STATES[st]),
                STATES[st]);
    }
    fprintf(out, "</tr>\n");
    uint32_t all = 0;
    for (int t = 0; t < 4; t++) {
        uint32_t n = 0, pages = 0, states[STATE_COUNT] = {0};
        for (uint32_t i = 0; i < count; i++) {
            if (strcmp(regions[i].Type, types[t]) == 0) {
                n++;
                pages += regions[i].Pages;
                for (uint32_t p = 0; p < regions[i].Pages; p++) {
                    states[regions[i].States[p]]++;
                }
            }
        }
        all += pages;
        fprintf(out, "<tr data-type=\"%s\" data-pages=\"%u\"><td><i style=\"background:%s\"></i>"
                "%s</td><td>%u</td><td>%u</td>", types[t], pages, TypeColor(types[t]), types[t],
                n, pages);
        for (uint32_t st = 0; st < STATE_COUNT - 1; st++) {
            fprintf(out, "<td data-state=\"%s\">%u</td>", STATES[st], states[st]);
        }
        fprintf(out, "</tr>\n");
    }
    fprintf(out, "<tr class=\"total\" data-type=\"total\" data-pages=\"%u\"><td>total</td>"
            "<td>%u</td><td>%u</td><td colspan=\"%d\"></td></tr>\n</table>\n", all, count, all,
            STATE_COUNT - 1);

    fprintf(out, "<table class=\"regions\"><tr><th>address</th><th>type</th><th>owner</th>"
            "<th>pages</th><th>pages by state (hover for counts)</th></tr>\n");
    for (uint32_t i = 0; i < count && i < RP_MAX_REGIONS; i++) {
        REGION *g = &regions[i];
        fprintf(out, "<tr><td class=\"mono\">0x%08X-0x%08X</td><td><i style=\"background:%s\">"
                "</i>%s</td><td>", g->Start, g->Start + g->Pages * 4096u - 1,
                TypeColor(g->Type), g->Type);
        RpEscape(out, g->Name);
        if (g->Section) {
            fprintf(out, " <small>section %lld</small>", (long long)g->Section);
        }
        fprintf(out, "</td><td>%u</td><td>", g->Pages);
        Strip(out, g);
        fprintf(out, "</td></tr>\n");
    }
    if (count > RP_MAX_REGIONS) {
        fprintf(out, "<tr><td colspan=\"5\">… and %u more regions</td></tr>\n",
                count - RP_MAX_REGIONS);
    }
    fprintf(out, "</table>\n</section>\n");
    for (uint32_t i = 0; i < count; i++) {
        free(regions[i].States);
    }
    free(regions);
}

static void AddressSpaces(REPORT *r)
{
    FILE *out = r->Out;
    fprintf(out, "<h2 id=\"address-spaces\">Address spaces</h2>\n<p>Each process's committed "
            "pages at its latest snapshot, as VMMap shows them: regions by type (an image, a "
            "mapped section, memory a fork shares, private memory) and each page by where it "
            "was.</p>\n<p class=\"legend\">");
    for (uint32_t st = 0; st < STATE_COUNT - 1; st++) {
        fprintf(out, "<span class=\"key\"><i style=\"background:%s\"></i>%s</span> ",
                StateColor(STATES[st]), STATES[st]);
    }
    fprintf(out, "</p>\n");
    sqlite3_stmt *s = Query(r, "SELECT p.process, p.latest, (SELECT label FROM snapshots s "
                               "WHERE s.snapshot = p.latest) FROM (SELECT process, "
                               "max(snapshot) AS latest FROM page_locations GROUP BY process) p "
                               "ORDER BY p.process");
    int shown = 0;
    while (s && sqlite3_step(s) == SQLITE_ROW && shown < RP_MAX_PROCESSES) {
        const char *label = (const char *)sqlite3_column_text(s, 2);
        char copy[64];
        snprintf(copy, sizeof copy, "%s", label ? label : "unlabelled");
        ProcessMap(r, sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1), copy);
        shown++;
    }
    sqlite3_finalize(s);
    if (!shown) {
        fprintf(out, "<p>No snapshot: the run had its fault log off.</p>\n");
    }
}

/* ------------------------------------------------------------ the tables */

static void HottestPages(REPORT *r)
{
    FILE *out = r->Out;
    double top = Scalar(r, "SELECT max(faults) FROM faults_per_page");
    fprintf(out, "<h2>The hottest pages</h2>\n<table class=\"hot\" id=\"hottest-pages\"><tr>"
            "<th>process</th><th>page</th><th>faults</th><th>hard</th><th>transition</th>"
            "<th>kinds</th><th></th></tr>\n");
    sqlite3_stmt *s = Query(r, "SELECT process, va, va_hex, faults, hard, transition, kinds "
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

static void Events(REPORT *r)
{
    FILE *out = r->Out;
    fprintf(out, "<h2>What faults do not show</h2>\n<table class=\"events\" id=\"events\"><tr>"
            "<th>event</th><th>reason</th><th>times</th><th>pages</th></tr>\n");
    sqlite3_stmt *s = Query(r, "SELECT kind, coalesce(reason, ''), events, pages "
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

static int Write(REPORT *r)
{
    FILE *out = r->Out;
    r->TimeMax = Scalar(r, "SELECT max(coalesce((SELECT max(time) FROM faults), 0),"
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
            "\n", Scalar(r, "SELECT count(*) FROM samples"), samples->Count,
            Scalar(r, "SELECT count(*) FROM samples"));
    WorkingSets(r, samples);
    PageLists(r, samples);
    Commit(r, samples);
    free(samples);
    AddressSpaces(r);
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
    REPORT r = {0};
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
