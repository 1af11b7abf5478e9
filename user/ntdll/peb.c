/*
 * RtlGetCurrentPeb: the calling process's PEB, what NtCurrentPeb reads
 * from the TEB, for callers outside ntdll.
 */
#include "ntdll/ntdll.h"

PEB *NTAPI RtlGetCurrentPeb(void)
{
    return NtCurrentPeb();
}
