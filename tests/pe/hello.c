/* The smallest program: output, and the entry point's return value. */
#include "pe.h"

int __cdecl start(void)
{
    Print("hello from the guest\n");
    return 0;
}
