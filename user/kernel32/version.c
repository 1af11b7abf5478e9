/*
 * The Windows version a program is told: what the kernel wrote into the
 * PEB (OSMajorVersion, OSMinorVersion, OSBuildNumber, OSPlatformId:
 * Windows XP, 5.1.2600, an NT platform), with no service pack.
 */
#include "kernel32/kernel32.h"

#define VER_NT_WORKSTATION 1

static ULONG PebValue(ULONG offset)
{
    return *(const ULONG *)((const BYTE *)NtCurrentPeb() + offset);
}

/* Build number in the high word (its top bit clear on NT), minor version
 * in the high byte of the low word, major in the low byte. */
DWORD WINAPI GetVersion(void)
{
    DWORD build = PebValue(PEB_OS_BUILD) & 0xFFFF;
    return (build << 16) | ((PebValue(PEB_OS_MINOR) & 0xFF) << 8) | (PebValue(PEB_OS_MAJOR) & 0xFF);
}

/* The size field says which structure the caller passed: the plain one or
 * the EX one; any other size is refused. */
BOOL WINAPI GetVersionExW(OSVERSIONINFOEXW *info)
{
    if (info->dwOSVersionInfoSize != OSVERSIONINFOW_SIZE &&
        info->dwOSVersionInfoSize != sizeof(OSVERSIONINFOEXW)) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    info->dwMajorVersion = PebValue(PEB_OS_MAJOR);
    info->dwMinorVersion = PebValue(PEB_OS_MINOR);
    info->dwBuildNumber = PebValue(PEB_OS_BUILD) & 0xFFFF;
    info->dwPlatformId = PebValue(PEB_OS_PLATFORM);
    memset(info->szCSDVersion, 0, sizeof info->szCSDVersion);
    if (info->dwOSVersionInfoSize == sizeof(OSVERSIONINFOEXW)) {
        info->wServicePackMajor = 0;
        info->wServicePackMinor = 0;
        info->wSuiteMask = 0;
        info->wProductType = VER_NT_WORKSTATION;
        info->wReserved = 0;
    }
    return TRUE;
}

BOOL WINAPI GetVersionExA(OSVERSIONINFOEXA *info)
{
    if (info->dwOSVersionInfoSize != OSVERSIONINFOA_SIZE &&
        info->dwOSVersionInfoSize != sizeof(OSVERSIONINFOEXA)) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    info->dwMajorVersion = PebValue(PEB_OS_MAJOR);
    info->dwMinorVersion = PebValue(PEB_OS_MINOR);
    info->dwBuildNumber = PebValue(PEB_OS_BUILD) & 0xFFFF;
    info->dwPlatformId = PebValue(PEB_OS_PLATFORM);
    memset(info->szCSDVersion, 0, sizeof info->szCSDVersion);
    if (info->dwOSVersionInfoSize == sizeof(OSVERSIONINFOEXA)) {
        info->wServicePackMajor = 0;
        info->wServicePackMinor = 0;
        info->wSuiteMask = 0;
        info->wProductType = VER_NT_WORKSTATION;
        info->wReserved = 0;
    }
    return TRUE;
}
