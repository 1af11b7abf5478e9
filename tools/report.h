/* `ntmm report`'s pieces: the charts (svgchart.c) and the report (report.c). */
#ifndef NTMM_TOOLS_REPORT_H
#define NTMM_TOOLS_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <sqlite3.h>

typedef struct RP_SERIES {
    const char *Name;
    const char *Color;
    double *Y;          /* one value per point */
    bool Dashed;
    bool HasTotal;      /* the legend shows Total, and data-total carries it */
    double Total;
} RP_SERIES;

typedef struct RP_CHART {
    const char *Id, *Title, *XLabel, *YLabel;
    const double *X;    /* guest time of each point, ascending */
    uint32_t Points;
    double XMax;
    const RP_SERIES *Series;
    int SeriesCount;
    bool Stacked;       /* areas summed bottom-up; else lines */
} RP_CHART;

void RpChart(FILE *out, const RP_CHART *chart);

/* The report being written (report.c): its database, its file. */
typedef struct RP_REPORT {
    struct sqlite3 *Db;
    FILE *Out;
    double TimeMax;             /* the run's last guest time */
} RP_REPORT;
#define RP_MAX_PROCESSES 16
struct sqlite3_stmt *RpQuery(RP_REPORT *r, const char *sql); /* NULL: said on stderr */
double RpScalar(RP_REPORT *r, const char *sql);              /* 0 if none */
void RpAddressSpaces(RP_REPORT *r);                          /* addrmap.c */
void RpEscape(FILE *out, const char *text);            /* HTML-escaped text */
const char *RpNumber(double value, char buffer[32]);   /* 1,234,567 */

#endif
