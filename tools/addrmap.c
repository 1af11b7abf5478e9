/*
 * The address-space map of `ntmm report`: each process's committed pages
 * at its latest snapshot, as VMMap shows them — regions by type (an image,
 * a mapped section, memory a fork shares, private memory; from the
 * section that holds the page) with a summary of their pages by state,
 * and a strip per region whose cells are colored by where the pages were.
 */
#include "tools/report.h"

#include <stdlib.h>
#include <string.h>

#define RP_STRIP_BINS 300   /* cells of a region's page strip */
#define RP_MAX_REGIONS 150  /* listed per process */

static const char *StateColor(const char *location)
{
    static const struct { const char *State, *Color; } colors[] = {
        {"resident", "#2e8b57"}, {"standby", "#6fa8dc"}, {"modified", "#e69138"},
        {"being-written", "#cc4125"}, {"pagefile", "#8c8c8c"}, {"file", "#b4a7d6"},
        {"demand-zero", "#e4e4e4"},
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

typedef struct REGION {
    uint32_t Start, Pages;
    int64_t Section;
    char Type[16], Name[128];
    uint32_t *States; /* per page: index into STATES */
} REGION;

/* "file": a mapped file's or image's page in its file only. */
static const char *const STATES[] = {"resident", "standby", "modified", "being-written",
                                     "pagefile", "file", "demand-zero", "other"};
#define STATE_COUNT 8

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

static void ProcessMap(RP_REPORT *r, int64_t process, int64_t snapshot, const char *label)
{
    FILE *out = r->Out;
    sqlite3_stmt *s = RpQuery(r, "SELECT l.va, l.location, l.section, c.kind, c.name "
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

void RpAddressSpaces(RP_REPORT *r)
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
    sqlite3_stmt *s = RpQuery(r, "SELECT p.process, p.latest, (SELECT label FROM snapshots s "
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

