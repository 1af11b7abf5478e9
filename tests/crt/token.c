/*
 * Access tokens, privileges and SIDs, as a standard (non-administrator)
 * user's console program on Windows sees them. Windows' answers, from
 * Microsoft's pages for each function and Wine's advapi32 security tests:
 *   - OpenProcessToken succeeds; OpenThreadToken of a thread that does not
 *     impersonate fails with ERROR_NO_TOKEN;
 *   - GetTokenInformation with no buffer: ERROR_INSUFFICIENT_BUFFER and the
 *     length needed; TokenElevation 0, TokenElevationType Default (1),
 *     TokenType Primary (1), the integrity level Medium (S-1-16-8192);
 *   - a standard user holds SeChangeNotifyPrivilege (enabled) but not
 *     SeLockMemoryPrivilege or SeDebugPrivilege: AdjustTokenPrivileges
 *     returns TRUE with ERROR_NOT_ALL_ASSIGNED for those, TRUE with
 *     ERROR_SUCCESS for one it holds; VirtualAlloc(MEM_LARGE_PAGES) then
 *     fails with ERROR_PRIVILEGE_NOT_HELD (mimalloc's sequence);
 *   - LookupPrivilegeValue/Name: SeLockMemoryPrivilege is LUID 4; an
 *     unknown name ERROR_NO_SUCH_PRIVILEGE; a short buffer the size with
 *     the NUL;
 *   - CheckTokenMembership(NULL, ...): a member of Users, not of
 *     Administrators; with a primary token handle ERROR_NO_IMPERSONATION_TOKEN;
 *   - the SID string forms, and LookupAccountSid's names;
 *   - security descriptors as LMDB builds one (a NULL DACL: open to all)
 *     for a named mutex; revision 2 is ERROR_UNKNOWN_REVISION; an ACE that
 *     does not fit its ACL is ERROR_ALLOTTED_SPACE_EXCEEDED.
 */
#include <windows.h>
#include <sddl.h>
#include <stdio.h>
#include <string.h>

static int Failures;

static void Check(int ok, const char *what)
{
    printf("%s: %s\n", ok ? "ok" : "FAIL", what);
    Failures += !ok;
}

static int Privilege(HANDLE token, const char *name, DWORD enable, DWORD *error)
{
    TOKEN_PRIVILEGES tp = {1, {{{0, 0}, enable}}};
    if (!LookupPrivilegeValueA(NULL, name, &tp.Privileges[0].Luid)) {
        return 0;
    }
    SetLastError(0xDEAD);
    BOOL ok = AdjustTokenPrivileges(token, FALSE, &tp, 0, NULL, NULL);
    *error = GetLastError();
    return ok;
}

int main(void)
{
    HANDLE token = NULL, thread_token = (HANDLE)1;
    Check(OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY | TOKEN_ADJUST_PRIVILEGES, &token) &&
              token != NULL,
          "OpenProcessToken");
    Check(!OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &thread_token) &&
              GetLastError() == ERROR_NO_TOKEN,
          "OpenThreadToken of a thread that does not impersonate: ERROR_NO_TOKEN");

    DWORD length = 0;
    Check(!GetTokenInformation(token, TokenUser, NULL, 0, &length) &&
              GetLastError() == ERROR_INSUFFICIENT_BUFFER && length > sizeof(TOKEN_USER),
          "TokenUser with no buffer: ERROR_INSUFFICIENT_BUFFER and the length");
    BYTE buffer[1024];
    TOKEN_USER *user = (TOKEN_USER *)buffer;
    Check(GetTokenInformation(token, TokenUser, buffer, sizeof buffer, &length) &&
              IsValidSid(user->User.Sid) && (BYTE *)user->User.Sid > buffer &&
              (BYTE *)user->User.Sid < buffer + length,
          "TokenUser: a valid SID inside the buffer");
    char *text = NULL;
    Check(ConvertSidToStringSidA(user->User.Sid, &text) && strncmp(text, "S-1-5-21-", 9) == 0,
          "the user's SID is S-1-5-21-...");
    LocalFree(text);
    char name[64], domain[64], user_name[64];
    DWORD name_size = sizeof name, domain_size = sizeof domain, user_size = sizeof user_name;
    SID_NAME_USE use;
    Check(LookupAccountSidA(NULL, user->User.Sid, name, &name_size, domain, &domain_size, &use) &&
              use == SidTypeUser && GetUserNameA(user_name, &user_size) &&
              strcmp(name, user_name) == 0 && name_size == strlen(name),
          "LookupAccountSid of the user: GetUserName's name, SidTypeUser");

    TOKEN_ELEVATION elevation = {1};
    Check(GetTokenInformation(token, TokenElevation, &elevation, sizeof elevation, &length) &&
              elevation.TokenIsElevated == 0 && length == sizeof elevation,
          "TokenElevation: not elevated");
    TOKEN_ELEVATION_TYPE type = 0;
    Check(GetTokenInformation(token, TokenElevationType, &type, sizeof type, &length) &&
              type == TokenElevationTypeDefault,
          "TokenElevationType: Default");
    TOKEN_TYPE token_type = 0;
    Check(GetTokenInformation(token, TokenType, &token_type, sizeof token_type, &length) &&
              token_type == TokenPrimary,
          "TokenType: Primary");
    TOKEN_MANDATORY_LABEL *label = (TOKEN_MANDATORY_LABEL *)buffer;
    Check(GetTokenInformation(token, TokenIntegrityLevel, buffer, sizeof buffer, &length) &&
              *GetSidSubAuthority(label->Label.Sid, 0) == SECURITY_MANDATORY_MEDIUM_RID,
          "TokenIntegrityLevel: Medium");
    DWORD session = 99;
    Check(GetTokenInformation(token, TokenSessionId, &session, sizeof session, &length) &&
              session == 1,
          "TokenSessionId: 1");

    LUID luid = {0, 0};
    Check(LookupPrivilegeValueA(NULL, "SeLockMemoryPrivilege", &luid) && luid.LowPart == 4,
          "LookupPrivilegeValue: SeLockMemoryPrivilege is 4");
    Check(LookupPrivilegeValueW(NULL, L"sedebugprivilege", &luid) && luid.LowPart == 20,
          "LookupPrivilegeValue ignores case: SeDebugPrivilege is 20");
    Check(!LookupPrivilegeValueA(NULL, "SeNoSuchPrivilege", &luid) &&
              GetLastError() == ERROR_NO_SUCH_PRIVILEGE,
          "an unknown privilege: ERROR_NO_SUCH_PRIVILEGE");
    luid.LowPart = 23;
    DWORD size = 0;
    Check(!LookupPrivilegeNameA(NULL, &luid, NULL, &size) &&
              GetLastError() == ERROR_INSUFFICIENT_BUFFER && size == strlen("SeChangeNotifyPrivilege") + 1,
          "LookupPrivilegeName with no buffer: the size with the NUL");
    size = sizeof name;
    Check(LookupPrivilegeNameA(NULL, &luid, name, &size) &&
              strcmp(name, "SeChangeNotifyPrivilege") == 0 && size == strlen(name),
          "LookupPrivilegeName: SeChangeNotifyPrivilege, its length");

    TOKEN_PRIVILEGES *held = (TOKEN_PRIVILEGES *)buffer;
    int change_notify_enabled = 0, lock_memory_held = 0;
    if (GetTokenInformation(token, TokenPrivileges, buffer, sizeof buffer, &length)) {
        for (DWORD i = 0; i < held->PrivilegeCount; i++) {
            if (held->Privileges[i].Luid.LowPart == 23) {
                change_notify_enabled = (held->Privileges[i].Attributes & SE_PRIVILEGE_ENABLED) != 0;
            }
            lock_memory_held |= held->Privileges[i].Luid.LowPart == 4;
        }
    }
    Check(change_notify_enabled && !lock_memory_held,
          "TokenPrivileges: SeChangeNotifyPrivilege enabled, SeLockMemoryPrivilege not held");

    DWORD error = 0;
    Check(Privilege(token, "SeLockMemoryPrivilege", SE_PRIVILEGE_ENABLED, &error) &&
              error == ERROR_NOT_ALL_ASSIGNED,
          "enabling SeLockMemoryPrivilege: TRUE, ERROR_NOT_ALL_ASSIGNED");
    Check(Privilege(token, "SeDebugPrivilege", SE_PRIVILEGE_ENABLED, &error) &&
              error == ERROR_NOT_ALL_ASSIGNED,
          "enabling SeDebugPrivilege: TRUE, ERROR_NOT_ALL_ASSIGNED");
    Check(Privilege(token, "SeShutdownPrivilege", SE_PRIVILEGE_ENABLED, &error) &&
              error == ERROR_SUCCESS,
          "enabling SeShutdownPrivilege (held): TRUE, ERROR_SUCCESS");
    TOKEN_PRIVILEGES tp = {1, {{{19, 0}, 0}}}, previous;
    DWORD previous_length = 0;
    Check(AdjustTokenPrivileges(token, FALSE, &tp, sizeof previous, &previous, &previous_length) &&
              previous.PrivilegeCount == 1 && previous.Privileges[0].Luid.LowPart == 19 &&
              (previous.Privileges[0].Attributes & SE_PRIVILEGE_ENABLED),
          "disabling it again: the previous state says it was enabled");
    SIZE_T large = GetLargePageMinimum();
    Check(large == 0x200000, "GetLargePageMinimum: 2 MiB (PAE)");
    SetLastError(0);
    Check(VirtualAlloc(NULL, large, MEM_RESERVE | MEM_COMMIT | MEM_LARGE_PAGES, PAGE_READWRITE) == NULL &&
              GetLastError() == ERROR_PRIVILEGE_NOT_HELD,
          "VirtualAlloc(MEM_LARGE_PAGES): ERROR_PRIVILEGE_NOT_HELD");

    SID_IDENTIFIER_AUTHORITY nt = SECURITY_NT_AUTHORITY;
    PSID admins = NULL, users = NULL;
    BOOL member = TRUE;
    Check(AllocateAndInitializeSid(&nt, 2, SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_ADMINS,
                                   0, 0, 0, 0, 0, 0, &admins) &&
              CheckTokenMembership(NULL, admins, &member) && !member,
          "CheckTokenMembership: not an Administrator");
    Check(AllocateAndInitializeSid(&nt, 2, SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_USERS,
                                   0, 0, 0, 0, 0, 0, &users) &&
              CheckTokenMembership(NULL, users, &member) && member,
          "CheckTokenMembership: a member of Users");
    Check(!CheckTokenMembership(token, users, &member) &&
              GetLastError() == ERROR_NO_IMPERSONATION_TOKEN,
          "CheckTokenMembership with a primary token: ERROR_NO_IMPERSONATION_TOKEN");
    Check(ConvertSidToStringSidA(admins, &text) && strcmp(text, "S-1-5-32-544") == 0,
          "ConvertSidToStringSid: S-1-5-32-544");
    LocalFree(text);
    PSID parsed = NULL;
    Check(ConvertStringSidToSidA("BA", &parsed) && EqualSid(parsed, admins),
          "ConvertStringSidToSid(\"BA\") is Administrators");
    LocalFree(parsed);
    Check(ConvertStringSidToSidA("S-1-5-32-545", &parsed) && EqualSid(parsed, users) &&
              GetLengthSid(parsed) == 16,
          "ConvertStringSidToSid(\"S-1-5-32-545\") is Users, 16 bytes");
    LocalFree(parsed);
    Check(!ConvertStringSidToSidA("S-1-x", &parsed) && GetLastError() == ERROR_INVALID_SID,
          "a malformed string SID: ERROR_INVALID_SID");
    name_size = sizeof name, domain_size = sizeof domain;
    Check(LookupAccountSidA(NULL, admins, name, &name_size, domain, &domain_size, &use) &&
              strcmp(name, "Administrators") == 0 && strcmp(domain, "BUILTIN") == 0 &&
              use == SidTypeAlias,
          "LookupAccountSid: BUILTIN\\Administrators, SidTypeAlias");
    name_size = 2, domain_size = sizeof domain;
    Check(!LookupAccountSidA(NULL, users, name, &name_size, domain, &domain_size, &use) &&
              GetLastError() == ERROR_INSUFFICIENT_BUFFER && name_size == 6 && domain_size == 8,
          "LookupAccountSid with a short buffer: both sizes with the NUL");
    SECURITY_DESCRIPTOR sd;
    Check(!InitializeSecurityDescriptor(&sd, 2) && GetLastError() == ERROR_UNKNOWN_REVISION,
          "InitializeSecurityDescriptor, revision 2: ERROR_UNKNOWN_REVISION");
    BOOL present = FALSE, defaulted = TRUE;
    PACL got = (PACL)1;
    Check(InitializeSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION) &&
              SetSecurityDescriptorDacl(&sd, TRUE, NULL, FALSE) && IsValidSecurityDescriptor(&sd) &&
              GetSecurityDescriptorDacl(&sd, &present, &got, &defaulted) && present && !got &&
              !defaulted,
          "a security descriptor with a NULL DACL");
    SECURITY_ATTRIBUTES sa = {sizeof sa, &sd, FALSE};
    HANDLE mutex = CreateMutexA(&sa, FALSE, "ntmm-token-test");
    Check(mutex != NULL, "CreateMutex with it");
    CloseHandle(mutex);
    DWORD acl_buffer[16];
    PACL acl = (PACL)acl_buffer;
    Check(InitializeAcl(acl, 40, ACL_REVISION) && IsValidAcl(acl) &&
              AddAccessAllowedAce(acl, ACL_REVISION, GENERIC_ALL, users) && acl->AceCount == 1,
          "InitializeAcl and AddAccessAllowedAce (Users, 24 bytes)");
    Check(!AddAccessAllowedAce(acl, ACL_REVISION, GENERIC_ALL, admins) &&
              GetLastError() == ERROR_ALLOTTED_SPACE_EXCEEDED && acl->AceCount == 1,
          "a second ACE past the ACL's 40 bytes: ERROR_ALLOTTED_SPACE_EXCEEDED");
    FreeSid(admins);
    FreeSid(users);
    CloseHandle(token);
    printf("%d failures\n", Failures);
    return Failures;
}
