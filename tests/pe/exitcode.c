/* ExitProcess(42): the host exit status is 42. */
#include "pe.h"

void __cdecl start(void)
{
    ExitProcess(42);
}
