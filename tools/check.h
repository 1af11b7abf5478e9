/* ntmm check: the imports a program needs that no DLL provides. */
#ifndef NTMM_TOOLS_CHECK_H
#define NTMM_TOOLS_CHECK_H

int NtmmCheck(const char *system_directory, int argc, char **argv);

#endif
