/*
 * RtlGenRandom, which advapi32 exports as SystemFunction036: bytes of the
 * machine's random stream (ke/random.c: deterministic, the same on every
 * run). TRUE when the buffer was filled.
 */
#include "advapi32/advapi32.h"

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length)
{
    return NT_SUCCESS(NtmmGenerateRandom(buffer, length));
}
