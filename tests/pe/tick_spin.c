/*
 * The clock moves while a program spins: GetTickCount reads the shared
 * time page, which Windows' clock interrupt updates every tick (15.6 ms),
 * so a loop that makes no system call and waits for the count to change
 * ends, as benchmarks and timeouts written that way expect. Here the loop
 * gives up after 2^28 iterations (a quarter of a second of guest time and
 * far more than a tick), which would be the failure.
 */
#include "pe.h"

NTSYSAPI DWORD WINAPI GetTickCount(void);

void __cdecl start(void)
{
    DWORD first = GetTickCount();
    DWORD spins = 0;
    while (GetTickCount() == first && spins < (1u << 28)) {
        spins++;
    }
    CHECK_EQ("GetTickCount moved while the program spun", GetTickCount() != first, 1);
    /* Waiting for 50 ms of ticks by reading the clock alone. */
    DWORD start = GetTickCount();
    spins = 0;
    while (GetTickCount() - start < 50 && spins < (1u << 28)) {
        spins++;
    }
    CHECK_EQ("50 ms passed by the spinning program's own clock", GetTickCount() - start >= 50, 1);
    Finish();
}
