/* What the ntmm command's files share. */
#ifndef NTMM_TOOLS_H
#define NTMM_TOOLS_H

#include "ke/ke.h"

/* ntmm report PAGEFILE.db [-o REPORT.html] (report.c): exit status 0, or
 * 125 with one line on stderr. */
int NtmmReport(int argc, char **argv);

/* --stats-json FILE (statsjson.c): 0, or -1 with errno set. */
int NtmmWriteStatsJson(const char *path, const KE_RESULT *result);

#endif
