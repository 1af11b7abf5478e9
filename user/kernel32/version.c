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

/* The A form is the W form's answer (no service pack: its name is empty
 * in either). */
BOOL WINAPI GetVersionExA(OSVERSIONINFOEXA *info)
{
    if (info->dwOSVersionInfoSize != OSVERSIONINFOA_SIZE &&
        info->dwOSVersionInfoSize != sizeof(OSVERSIONINFOEXA)) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    OSVERSIONINFOEXW wide = {.dwOSVersionInfoSize = sizeof wide};
    GetVersionExW(&wide);
    info->dwMajorVersion = wide.dwMajorVersion;
    info->dwMinorVersion = wide.dwMinorVersion;
    info->dwBuildNumber = wide.dwBuildNumber;
    info->dwPlatformId = wide.dwPlatformId;
    memset(info->szCSDVersion, 0, sizeof info->szCSDVersion);
    if (info->dwOSVersionInfoSize == sizeof(OSVERSIONINFOEXA)) {
        info->wServicePackMajor = wide.wServicePackMajor;
        info->wServicePackMinor = wide.wServicePackMinor;
        info->wSuiteMask = wide.wSuiteMask;
        info->wProductType = wide.wProductType;
        info->wReserved = 0;
    }
    return TRUE;
}

/* ----------------------------------------------- VerifyVersionInfo */

#define VER_MINORVERSION 0x01u
#define VER_MAJORVERSION 0x02u
#define VER_BUILDNUMBER 0x04u
#define VER_PLATFORMID 0x08u
#define VER_SERVICEPACKMINOR 0x10u
#define VER_SERVICEPACKMAJOR 0x20u
#define VER_SUITENAME 0x40u
#define VER_PRODUCT_TYPE 0x80u
#define VER_EQUAL 1
#define VER_GREATER 2
#define VER_GREATER_EQUAL 3
#define VER_LESS 4
#define VER_LESS_EQUAL 5
#define VER_AND 6
#define VER_OR 7
#define ERROR_BAD_ARGUMENTS 160
#define ERROR_OLD_WIN_VERSION 1150

/* Each VER_ bit's condition is three bits of the mask, at 3 * (the bit's
 * index); a type mask with several bits sets the highest one's only, as
 * Windows' VerSetConditionMask does. */
static int BitIndex(DWORD type)
{
    int i = 7;
    while (i > 0 && !(type & (1u << i))) {
        i--;
    }
    return i;
}

ULONGLONG WINAPI VerSetConditionMask(ULONGLONG mask, DWORD type, BYTE condition)
{
    if (!type || !(condition & 7)) {
        return mask;
    }
    return mask | ((ULONGLONG)(condition & 7) << (3 * BitIndex(type & 0xFF)));
}

static BYTE Condition(ULONGLONG mask, DWORD type)
{
    return (BYTE)((mask >> (3 * BitIndex(type))) & 7);
}

/* -1, 0, 1 for current < = > wanted, then what the condition makes of it. */
static BOOL Holds(BYTE condition, ULONG current, ULONG wanted)
{
    switch (condition) {
    case VER_EQUAL:
        return current == wanted;
    case VER_GREATER:
        return current > wanted;
    case VER_GREATER_EQUAL:
        return current >= wanted;
    case VER_LESS:
        return current < wanted;
    case VER_LESS_EQUAL:
        return current <= wanted;
    default:
        return FALSE;
    }
}

/*
 * RtlVerifyVersionInfo's rules: the version numbers (major, minor, service
 * pack major and minor) are compared from the most significant part the
 * type mask names, each under its own condition, a part deciding unless it
 * is equal; the build number and platform by their own conditions; the suite mask
 * by VER_AND (all of them) or VER_OR (any). A mask or condition mask of 0
 * is ERROR_BAD_ARGUMENTS; a comparison that fails, ERROR_OLD_WIN_VERSION.
 */
BOOL WINAPI VerifyVersionInfoW(OSVERSIONINFOEXW *wanted, DWORD type, ULONGLONG mask)
{
    if (!type || !mask) {
        SetLastError(ERROR_BAD_ARGUMENTS);
        return FALSE;
    }
    OSVERSIONINFOEXW current = {.dwOSVersionInfoSize = sizeof current};
    GetVersionExW(&current);
    BOOL ok = TRUE;
    DWORD version = type & (VER_MAJORVERSION | VER_MINORVERSION | VER_SERVICEPACKMAJOR |
                            VER_SERVICEPACKMINOR);
    if (version) {
        static const DWORD order[4] = {VER_MAJORVERSION, VER_MINORVERSION, VER_SERVICEPACKMAJOR,
                                       VER_SERVICEPACKMINOR};
        ULONG have[4] = {current.dwMajorVersion, current.dwMinorVersion,
                         current.wServicePackMajor, current.wServicePackMinor};
        ULONG want[4] = {wanted->dwMajorVersion, wanted->dwMinorVersion,
                         wanted->wServicePackMajor, wanted->wServicePackMinor};
        /* Each part under its own condition; the next part counts only
         * while the parts so far are equal (Wine's RtlVerifyVersionInfo). */
        BOOL next = TRUE;
        for (int i = 0; i < 4 && next; i++) {
            if (version & order[i]) {
                BYTE condition = Condition(mask, order[i]);
                ok = Holds(condition, have[i], want[i]);
                next = have[i] == want[i] && condition >= VER_EQUAL && condition <= VER_LESS_EQUAL;
            }
        }
    }
    if (ok && (type & VER_BUILDNUMBER)) {
        ok = Holds(Condition(mask, VER_BUILDNUMBER), current.dwBuildNumber, wanted->dwBuildNumber);
    }
    if (ok && (type & VER_PLATFORMID)) {
        ok = Holds(Condition(mask, VER_PLATFORMID), current.dwPlatformId, wanted->dwPlatformId);
    }
    if (ok && (type & VER_PRODUCT_TYPE)) {
        ok = Holds(Condition(mask, VER_PRODUCT_TYPE), current.wProductType, wanted->wProductType);
    }
    if (ok && (type & VER_SUITENAME)) {
        BYTE condition = Condition(mask, VER_SUITENAME);
        WORD common = current.wSuiteMask & wanted->wSuiteMask;
        ok = condition == VER_OR ? common != 0 || !wanted->wSuiteMask
                                 : common == wanted->wSuiteMask;
    }
    if (!ok) {
        SetLastError(ERROR_OLD_WIN_VERSION);
    }
    return ok;
}

BOOL WINAPI VerifyVersionInfoA(OSVERSIONINFOEXA *wanted, DWORD type, ULONGLONG mask)
{
    OSVERSIONINFOEXW wide = {
        .dwOSVersionInfoSize = sizeof wide, .dwMajorVersion = wanted->dwMajorVersion,
        .dwMinorVersion = wanted->dwMinorVersion, .dwBuildNumber = wanted->dwBuildNumber,
        .dwPlatformId = wanted->dwPlatformId, .wServicePackMajor = wanted->wServicePackMajor,
        .wServicePackMinor = wanted->wServicePackMinor, .wSuiteMask = wanted->wSuiteMask,
        .wProductType = wanted->wProductType};
    return VerifyVersionInfoW(&wide, type, mask);
}
