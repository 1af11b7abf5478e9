/*
 * GetSystemPowerStatus, as a desktop machine answers: on AC power with no
 * battery (ACLineStatus 1, BatteryFlag 128 "no system battery", the
 * battery's percentage and times unknown).
 */
#include "kernel32/kernel32.h"

BOOL WINAPI GetSystemPowerStatus(SYSTEM_POWER_STATUS *status)
{
    if (!status) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    status->ACLineStatus = 1;
    status->BatteryFlag = 128;
    status->BatteryLifePercent = 255;
    status->SystemStatusFlag = 0;
    status->BatteryLifeTime = (DWORD)-1;
    status->BatteryFullLifeTime = (DWORD)-1;
    return TRUE;
}
