/*
 * Inline SVG charts for `ntmm report`: lines or stacked areas over guest
 * time, with axes, round tick values and a legend. Every mark carries a
 * <title>, which browsers show on hover without any script.
 */
#include "tools/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHART_WIDTH 900
#define CHART_HEIGHT 250
#define MARGIN_LEFT 70
#define MARGIN_RIGHT 20
#define MARGIN_TOP 12
#define MARGIN_BOTTOM 36

void RpEscape(FILE *out, const char *text)
{
    for (; text && *text; text++) {
        switch (*text) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*text, out); break;
        }
    }
}

const char *RpNumber(double value, char buffer[32])
{
    /* 1234567 -> 1,234,567 (integers); others with one decimal. */
    char digits[32];
    if (value != floor(value) || fabs(value) >= 1e18) {
        snprintf(buffer, 32, "%.1f", value);
        return buffer;
    }
    snprintf(digits, sizeof digits, "%lld", (long long)fabs(value));
    size_t n = strlen(digits), at = 0;
    if (value < 0) {
        buffer[at++] = '-';
    }
    for (size_t i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0) {
            buffer[at++] = ',';
        }
        buffer[at++] = digits[i];
    }
    buffer[at] = 0;
    return buffer;
}

/* 1500000 -> "1.5M": axis labels. */
static const char *Short(double value, char buffer[32])
{
    const char *suffix[] = {"", "k", "M", "G", "T"};
    int s = 0;
    while (fabs(value) >= 1000 && s < 4) {
        value /= 1000;
        s++;
    }
    snprintf(buffer, 32, value == floor(value) ? "%.0f%s" : "%.1f%s", value, suffix[s]);
    return buffer;
}

/* A round step giving about `ticks` intervals up to max. */
static double Step(double max, int ticks)
{
    if (max <= 0) {
        return 1;
    }
    double raw = max / ticks;
    double power = pow(10, floor(log10(raw)));
    double unit = raw / power;
    double nice = unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10;
    double step = nice * power;
    return step < 1 ? 1 : step;
}

static double X(const RP_CHART *c, double x)
{
    double span = c->XMax > 0 ? c->XMax : 1;
    return MARGIN_LEFT + (CHART_WIDTH - MARGIN_LEFT - MARGIN_RIGHT) * x / span;
}

static double Y(double y, double ymax)
{
    return MARGIN_TOP + (CHART_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM) * (1 - y / ymax);
}

static void Axes(FILE *out, const RP_CHART *c, double ymax, double ystep)
{
    char a[32];
    int bottom = CHART_HEIGHT - MARGIN_BOTTOM;
    for (double y = 0; y <= ymax + ystep / 2; y += ystep) {
        fprintf(out, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>"
                "<text x=\"%d\" y=\"%.1f\" class=\"ytick\">%s</text>\n", MARGIN_LEFT,
                CHART_WIDTH - MARGIN_RIGHT, Y(y, ymax), Y(y, ymax), MARGIN_LEFT - 6,
                Y(y, ymax) + 4, Short(y, a));
    }
    double xstep = Step(c->XMax, 8);
    for (double x = 0; x <= c->XMax; x += xstep) {
        fprintf(out, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" class=\"axis\"/>"
                "<text x=\"%.1f\" y=\"%d\" class=\"xtick\">%s</text>\n", X(c, x), X(c, x),
                bottom, bottom + 4, X(c, x), bottom + 16, Short(x, a));
    }
    fprintf(out, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" class=\"axis\"/>\n", MARGIN_LEFT,
            CHART_WIDTH - MARGIN_RIGHT, bottom, bottom);
    fprintf(out, "<text x=\"%d\" y=\"%d\" class=\"xlabel\">%s</text>\n",
            (CHART_WIDTH + MARGIN_LEFT) / 2, CHART_HEIGHT - 4, c->XLabel);
    fprintf(out, "<text x=\"14\" y=\"%d\" class=\"ylabel\" transform=\"rotate(-90 14 %d)\">%s"
            "</text>\n", (CHART_HEIGHT - MARGIN_BOTTOM) / 2, (CHART_HEIGHT - MARGIN_BOTTOM) / 2,
            c->YLabel);
}

void RpChart(FILE *out, const RP_CHART *c)
{
    double ymax = 0;
    for (uint32_t i = 0; i < c->Points; i++) {
        double total = 0;
        for (int s = 0; s < c->SeriesCount; s++) {
            double y = c->Series[s].Y[i];
            total = c->Stacked ? total + y : (y > total ? y : total);
        }
        ymax = total > ymax ? total : ymax;
    }
    double ystep = Step(ymax, 5);
    ymax = ceil((ymax > 0 ? ymax : 1) / ystep) * ystep;

    fprintf(out, "<figure class=\"chart\" id=\"%s\">\n<figcaption>%s</figcaption>\n", c->Id,
            c->Title);
    fprintf(out, "<svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">\n",
            CHART_WIDTH, CHART_HEIGHT, CHART_WIDTH, CHART_HEIGHT);
    Axes(out, c, ymax, ystep);
    if (c->Points == 0) {
        fprintf(out, "<text x=\"%d\" y=\"%d\" class=\"empty\">no data</text>\n",
                CHART_WIDTH / 2, CHART_HEIGHT / 2);
    }
    /* Stacked: each series is the band between the sum below it and the
     * sum including it, drawn as one polygon (no memory: no bands). */
    double *base = calloc(c->Points ? c->Points : 1, sizeof *base);
    for (int s = 0; s < c->SeriesCount && c->Points && base; s++) {
        const RP_SERIES *series = &c->Series[s];
        if (c->Stacked) {
            fprintf(out, "<polygon fill=\"%s\" fill-opacity=\"0.85\" stroke=\"none\" points=\"",
                    series->Color);
            for (uint32_t i = 0; i < c->Points; i++) {
                fprintf(out, "%.1f,%.1f ", X(c, c->X[i]), Y(base[i] + series->Y[i], ymax));
            }
            for (uint32_t i = c->Points; i-- > 0;) {
                fprintf(out, "%.1f,%.1f ", X(c, c->X[i]), Y(base[i], ymax));
                base[i] += series->Y[i];
            }
            fprintf(out, "\"><title>%s</title></polygon>\n", series->Name);
        } else {
            fprintf(out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\"%s points=\"",
                    series->Color, series->Dashed ? " stroke-dasharray=\"6 4\"" : "");
            for (uint32_t i = 0; i < c->Points; i++) {
                fprintf(out, "%.1f,%.1f ", X(c, c->X[i]), Y(series->Y[i], ymax));
            }
            fprintf(out, "\"><title>%s</title></polyline>\n", series->Name);
        }
    }
    free(base);
    /* Hover targets: one invisible column per point, titled with every
     * series' value there. */
    double width = c->Points > 1 ? X(c, c->X[1]) - X(c, c->X[0]) : 8;
    width = width < 2 ? 2 : width;
    for (uint32_t i = 0; i < c->Points; i++) {
        char a[32];
        fprintf(out, "<rect class=\"hover\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\">"
                "<title>%s %s", X(c, c->X[i]) - width / 2, MARGIN_TOP, width,
                CHART_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, c->XLabel, RpNumber(c->X[i], a));
        for (int s = 0; s < c->SeriesCount; s++) {
            fprintf(out, "\n%s: %s", c->Series[s].Name, RpNumber(c->Series[s].Y[i], a));
        }
        fprintf(out, "</title></rect>\n");
    }
    fprintf(out, "</svg>\n<div class=\"legend\">");
    for (int s = 0; s < c->SeriesCount; s++) {
        char a[32];
        const RP_SERIES *series = &c->Series[s];
        fprintf(out, "<span class=\"key\" data-series=\"%s\"", series->Name);
        if (series->HasTotal) {
            fprintf(out, " data-total=\"%.0f\"", series->Total);
        }
        fprintf(out, "><i style=\"background:%s\"></i>%s", series->Color, series->Name);
        if (series->HasTotal) {
            fprintf(out, " <b>%s</b>", RpNumber(series->Total, a));
        }
        fprintf(out, "</span> ");
    }
    fprintf(out, "</div>\n</figure>\n");
}
