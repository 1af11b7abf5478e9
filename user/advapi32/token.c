/*
 * Access tokens and privileges, advapi32's half: the token calls over
 * ntdll's Nt*Token services (ke/token.c says what a token holds: a
 * standard user's), privilege names and LUIDs, and CheckTokenMembership.
 * Each call's last error is what Windows sets: AdjustTokenPrivileges
 * succeeds with ERROR_NOT_ALL_ASSIGNED when a privilege is not held, and
 * with ERROR_SUCCESS otherwise.
 */
#include "advapi32/advapi32.h"

#define TOKEN_QUERY 0x0008u
#define SE_GROUP_ENABLED 0x4u
#define SE_GROUP_USE_FOR_DENY_ONLY 0x10u
#define TokenUser 1
#define TokenGroups 2
#define TokenType 8
#define TokenPrimary 1

/* A Win32 answer from a native status: TRUE for any success code, with
 * its error (ERROR_SUCCESS for STATUS_SUCCESS) as the last error. */
static BOOL Answer(NTSTATUS status)
{
    SetLastError(RtlNtStatusToDosError(status));
    return NT_SUCCESS(status);
}

/* OpenProcessToken and OpenThreadToken are kernel32's (advapi32.def
 * forwards them there, as Windows' advapi32 forwards them on). */

BOOL WINAPI GetTokenInformation(HANDLE token, DWORD information_class, void *information,
                                DWORD length, DWORD *return_length)
{
    NTSTATUS status = NtQueryInformationToken(token, information_class, information, length,
                                              return_length);
    return NT_SUCCESS(status) || Answer(status);
}

BOOL WINAPI AdjustTokenPrivileges(HANDLE token, BOOL disable_all, TOKEN_PRIVILEGES *new_state,
                                  DWORD length, TOKEN_PRIVILEGES *previous_state,
                                  DWORD *return_length)
{
    return Answer(NtAdjustPrivilegesToken(token, (BOOLEAN)(disable_all != 0), new_state, length,
                                          previous_state, return_length));
}

/* Nothing impersonates, so there is nothing to revert. */
BOOL WINAPI RevertToSelf(void)
{
    return TRUE;
}

/* ---------------------------------------------- privilege names */

/* winnt.h's SE_*_NAME for each LUID from 2 (SE_MIN_WELL_KNOWN_PRIVILEGE). */
static const char *const PrivilegeNames[] = {
    "SeCreateTokenPrivilege", "SeAssignPrimaryTokenPrivilege", "SeLockMemoryPrivilege",
    "SeIncreaseQuotaPrivilege", "SeMachineAccountPrivilege", "SeTcbPrivilege",
    "SeSecurityPrivilege", "SeTakeOwnershipPrivilege", "SeLoadDriverPrivilege",
    "SeSystemProfilePrivilege", "SeSystemtimePrivilege", "SeProfileSingleProcessPrivilege",
    "SeIncreaseBasePriorityPrivilege", "SeCreatePagefilePrivilege", "SeCreatePermanentPrivilege",
    "SeBackupPrivilege", "SeRestorePrivilege", "SeShutdownPrivilege", "SeDebugPrivilege",
    "SeAuditPrivilege", "SeSystemEnvironmentPrivilege", "SeChangeNotifyPrivilege",
    "SeRemoteShutdownPrivilege", "SeUndockPrivilege", "SeSyncAgentPrivilege",
    "SeEnableDelegationPrivilege", "SeManageVolumePrivilege", "SeImpersonatePrivilege",
    "SeCreateGlobalPrivilege", "SeTrustedCredManAccessPrivilege", "SeRelabelPrivilege",
    "SeIncreaseWorkingSetPrivilege", "SeTimeZonePrivilege", "SeCreateSymbolicLinkPrivilege",
    "SeDelegateSessionUserImpersonatePrivilege",
};
#define FIRST_PRIVILEGE 2u
#define PRIVILEGE_COUNT (sizeof PrivilegeNames / sizeof *PrivilegeNames)

/* Only this machine's privileges: a system name must be NULL or empty. */
static BOOL Remote(BOOL named)
{
    if (named) {
        SetLastError(ERROR_INVALID_COMPUTERNAME);
    }
    return named;
}

static BOOL SameName(const WCHAR *wide, const char *ascii)
{
    for (; *wide && *ascii; wide++, ascii++) {
        WCHAR a = *wide >= 'A' && *wide <= 'Z' ? *wide + 32 : *wide;
        char b = *ascii >= 'A' && *ascii <= 'Z' ? *ascii + 32 : *ascii;
        if (a != (WCHAR)b) {
            return FALSE;
        }
    }
    return *wide == 0 && *ascii == 0;
}

BOOL WINAPI LookupPrivilegeValueW(const WCHAR *system, const WCHAR *name, LUID *luid)
{
    if (Remote(system && *system)) {
        return FALSE;
    }
    for (DWORD i = 0; name && i < PRIVILEGE_COUNT; i++) {
        if (SameName(name, PrivilegeNames[i])) {
            luid->LowPart = FIRST_PRIVILEGE + i;
            luid->HighPart = 0;
            return TRUE;
        }
    }
    SetLastError(ERROR_NO_SUCH_PRIVILEGE);
    return FALSE;
}

BOOL WINAPI LookupPrivilegeValueA(const char *system, const char *name, LUID *luid)
{
    WCHAR wide[64];
    if (Remote(system && *system)) {
        return FALSE;
    }
    if (!name || !MultiByteToWideChar(CP_ACP, 0, name, -1, wide, 64)) {
        SetLastError(ERROR_NO_SUCH_PRIVILEGE);
        return FALSE;
    }
    return LookupPrivilegeValueW(NULL, wide, luid);
}

/* The LUID's name into name: *size counts characters, the name's length
 * (without the NUL) on success; when the buffer is short, the size
 * needed with the NUL and ERROR_INSUFFICIENT_BUFFER. */
static BOOL ReturnPrivilegeName(BOOL named, const LUID *luid, void *name, DWORD *size, BOOL wide)
{
    DWORD index = luid->LowPart - FIRST_PRIVILEGE;
    if (Remote(named)) {
        return FALSE;
    }
    if (luid->HighPart || luid->LowPart < FIRST_PRIVILEGE || index >= PRIVILEGE_COUNT) {
        SetLastError(ERROR_NO_SUCH_PRIVILEGE);
        return FALSE;
    }
    const char *found = PrivilegeNames[index];
    DWORD length = (DWORD)strlen(found);
    if (!name || *size <= length) {
        *size = length + 1;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    for (DWORD i = 0; i <= length; i++) {
        if (wide) {
            ((WCHAR *)name)[i] = (WCHAR)found[i];
        } else {
            ((char *)name)[i] = found[i];
        }
    }
    *size = length;
    return TRUE;
}

BOOL WINAPI LookupPrivilegeNameW(const WCHAR *system, LUID *luid, WCHAR *name, DWORD *size)
{
    return ReturnPrivilegeName(system && *system, luid, name, size, TRUE);
}

BOOL WINAPI LookupPrivilegeNameA(const char *system, LUID *luid, char *name, DWORD *size)
{
    return ReturnPrivilegeName(system && *system, luid, name, size, FALSE);
}

/* ------------------------------------------------ membership */

/* Whether the token's user or one of its enabled groups (not deny-only)
 * is sid. NULL: the calling thread's token, which is the process's (no
 * thread impersonates); a primary token handle is refused with
 * ERROR_NO_IMPERSONATION_TOKEN, as Windows refuses it. */
BOOL WINAPI CheckTokenMembership(HANDLE token, PSID sid, BOOL *is_member)
{
    if (!sid || !is_member) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    HANDLE own = NULL;
    DWORD type = 0, length;
    if (token) {
        if (!GetTokenInformation(token, TokenType, &type, sizeof type, &length)) {
            return FALSE;
        }
        if (type == TokenPrimary) {
            SetLastError(ERROR_NO_IMPERSONATION_TOKEN);
            return FALSE;
        }
    } else if (!OpenProcessToken(NtCurrentProcess(), TOKEN_QUERY, &own)) {
        return FALSE;
    }
    ULONG buffer[256];
    BOOL ok = GetTokenInformation(token ? token : own, TokenUser, buffer, sizeof buffer, &length);
    BOOL member = ok && RtlEqualSid((PSID)buffer[0], sid);
    if (ok && !member) {
        ok = GetTokenInformation(token ? token : own, TokenGroups, buffer, sizeof buffer, &length);
        for (ULONG i = 0; ok && i < buffer[0] && !member; i++) {
            ULONG attributes = buffer[2 + 2 * i];
            member = (attributes & SE_GROUP_ENABLED) && !(attributes & SE_GROUP_USE_FOR_DENY_ONLY) &&
                     RtlEqualSid((PSID)buffer[1 + 2 * i], sid);
        }
    }
    if (own) {
        NtClose(own);
    }
    if (ok) {
        *is_member = member;
    }
    return ok;
}
