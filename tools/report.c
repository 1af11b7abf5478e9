#include "tools/tools.h"
#include <stdio.h>
int NtmmReport(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "ntmm report: not yet\n");
    return 125;
}
