/* time() and clock(): from ntmm's guest clock, which counts instructions,
 * so every run of a program sees the same times. */
#include "msvcrt/crt.h"


#define EPOCH_DIFFERENCE 116444736000000000ull /* 1601-01-01 to 1970-01-01, in 100 ns */

static DWORD StartTicks;
static int Started;

long CDECL time(long *out)
{
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    ULONGLONG now = ((ULONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
    long seconds = (long)((now - EPOCH_DIFFERENCE) / 10000000u);
    if (out) {
        *out = seconds;
    }
    return seconds;
}

/* clock(): milliseconds (CLOCKS_PER_SEC is 1000) since the process began. */
long CDECL clock(void)
{
    if (!Started) {
        Started = 1;
        StartTicks = 0;
    }
    return (long)(GetTickCount() - StartTicks);
}
