/* What the ntmm command's files share. */
#ifndef NTMM_TOOLS_H
#define NTMM_TOOLS_H

/* ntmm report PAGEFILE.db [-o REPORT.html] (report.c): exit status 0, or
 * 125 with one line on stderr. */
int NtmmReport(int argc, char **argv);

#endif
