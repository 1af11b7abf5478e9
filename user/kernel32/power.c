/*
 * Power and large pages, as a desktop machine answers: on AC power with no
 * battery (GetSystemPowerStatus: ACLineStatus 1, BatteryFlag 128 "no
 * system battery", the battery's percentage and times unknown), and large
 * pages of 2 MiB, the PAE page tables' large page (GetLargePageMinimum);
 * using them still needs SeLockMemoryPrivilege, which no program here has.
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

SIZE_T WINAPI GetLargePageMinimum(void)
{
    return 2u << 20;
}
