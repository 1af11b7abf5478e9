/* The smallest program: output, and the entry point's return value. */
#define START_TYPE int
#include "pe.h"

int __cdecl start(void)
{
    Print("hello from the guest\n");
    return 0;
}
