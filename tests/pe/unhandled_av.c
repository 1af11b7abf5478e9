/* A write to address 0 with no handler: the process ends with
 * 0xC0000005, host exit status 5. */
#include "pe.h"

void __cdecl start(void)
{
    Print("writing to address 0 with no handler\n");
    WriteAt(0, 1);
    Print("FAIL: still running\n");
    ExitProcess(0);
}
