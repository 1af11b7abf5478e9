/*
 * The `ntmm run` options of the run over time (--sample-every,
 * --snapshot-at), the command line recorded in the pagefile, and the
 * words for a bad command line.
 */
#include "tools/tools.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* N, Nfaults or Ninstructions (also Nf, Ninstr, Ni). */
int NtmmParseSampleEvery(const char *text, KE_OPTIONS *options)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(text, &end, 10);
    if (errno || end == text || text[0] == '-') {
        return -1;
    }
    if (*end == 0 || strcmp(end, "faults") == 0 || strcmp(end, "f") == 0) {
        options->SampleInstructions = false;
    } else if (strcmp(end, "instructions") == 0 || strcmp(end, "instr") == 0 ||
               strcmp(end, "i") == 0) {
        options->SampleInstructions = true;
    } else {
        return -1;
    }
    options->SampleEvery = n;
    return 0;
}

static int CompareU64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* A fault number (1 or more) into snapshots[], kept ascending (mm takes
 * them in order); at most NTMM_MAX_SNAPSHOTS. */
int NtmmAddSnapshot(const char *text, KE_OPTIONS *options, uint64_t *snapshots)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(text, &end, 10);
    if (errno || end == text || *end || n == 0 || text[0] == '-' ||
        options->SnapshotCount == NTMM_MAX_SNAPSHOTS) {
        return -1;
    }
    snapshots[options->SnapshotCount++] = n;
    qsort(snapshots, options->SnapshotCount, sizeof *snapshots, CompareU64);
    options->SnapshotAt = snapshots;
    return 0;
}

char *NtmmJoinCommandLine(int argc, char **argv)
{
    size_t size = 1;
    for (int i = 0; i < argc; i++) {
        size += strlen(argv[i]) + 1;
    }
    char *line = malloc(size), *at = line;
    for (int i = 0; line && i < argc; i++) {
        at += sprintf(at, "%s%s", i ? " " : "", argv[i]);
    }
    return line;
}

void NtmmBadOption(const char *option, bool last)
{
    static const char valued[] = " --ram --pagefile --pagefile-max --inject-read-error --ws-min "
                                 "--ws-max --env --sysdir --sample-every --snapshot-at "
                                 "--stats-json --io-latency ";
    char word[64];
    snprintf(word, sizeof word, " %s ", option);
    fprintf(stderr, last && strstr(valued, word) ? "ntmm: %s needs a value (see ntmm --help)\n"
                                                 : "ntmm: unknown option %s (see ntmm --help)\n",
            option);
}

/* --io-latency: N with ns, us or ms (no unit: microseconds), at most one
 * second of guest time. */
int NtmmParseIoLatency(const char *text, uint64_t *ns)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(text, &end, 10);
    if (end == text || errno || text[0] == '-') {
        return -1;
    }
    uint64_t unit = 1000;
    if (strcmp(end, "ns") == 0) {
        unit = 1;
    } else if (strcmp(end, "us") == 0 || *end == 0) {
        unit = 1000;
    } else if (strcmp(end, "ms") == 0) {
        unit = 1000000;
    } else {
        return -1;
    }
    if (n > 1000000000ull / unit) {
        return -1;
    }
    *ns = n * unit;
    return 0;
}
