/*
 * bcryptprimitives.dll's ProcessPrng, which Rust's standard library and
 * others call for random bytes since Windows 10: it never fails (TRUE),
 * and its bytes are the machine's random stream (ke/random.c:
 * deterministic, the same on every run).
 */
#include "inc/ntguest.h"

BOOL WINAPI ProcessPrng(UCHAR *buffer, SIZE_T length);

BOOL WINAPI ProcessPrng(UCHAR *buffer, SIZE_T length)
{
    while (length) {
        ULONG n = length > (1u << 20) ? 1u << 20 : (ULONG)length;
        NtmmGenerateRandom(buffer, n);
        buffer += n;
        length -= n;
    }
    return TRUE;
}
