/*
 * The thread's last Win32 error, kept in its TEB where kernel32's
 * GetLastError reads it. (RtlNtStatusToDosError and its table are in
 * errortab.c.)
 */
#include "inc/ntguest.h"

ULONG NTAPI RtlGetLastWin32Error(void)
{
    return TebRead(TEB_LAST_ERROR);
}

void NTAPI RtlSetLastWin32Error(ULONG error)
{
    TebWrite(TEB_LAST_ERROR, error);
}
