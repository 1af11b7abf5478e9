/* What the ntmm command's files share. */
#ifndef NTMM_TOOLS_H
#define NTMM_TOOLS_H

#include <stdbool.h>

#include "ke/ke.h"

#define NTMM_VERSION "0.2"
#define NTMM_DEFAULT_SAMPLE_EVERY 100 /* faults */
#define NTMM_MAX_SNAPSHOTS 64

/* ntmm report PAGEFILE.db [-o REPORT.html] (report.c): exit status 0, or
 * 125 with one line on stderr. */
int NtmmReport(int argc, char **argv);

/* --stats-json FILE (statsjson.c): 0, or -1 with errno set. */
int NtmmWriteStatsJson(const char *path, const KE_RESULT *result);

/* runopts.c: --sample-every and --snapshot-at (0, or -1 if the text is
 * not one), the command line as one string (malloc'd), and the one line
 * for an option ntmm does not take (or one missing its value). */
int NtmmParseSampleEvery(const char *text, KE_OPTIONS *options);
/* --io-latency N[ns|us|ms] (no unit: us) into nanoseconds of guest time. */
int NtmmParseIoLatency(const char *text, uint64_t *ns);
int NtmmAddSnapshot(const char *text, KE_OPTIONS *options, uint64_t *snapshots);
char *NtmmJoinCommandLine(int argc, char **argv);
void NtmmBadOption(const char *option, bool last);

/* hostheap.c: the first megabytes of the host heap on transparent huge
 * pages, before the machine is built (a hint; nothing if refused). */
void NtmmUseHugePageHeap(void);

#endif
