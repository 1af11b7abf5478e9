/*
 * SIDs, advapi32's names for ntdll's Rtl*Sid functions, their string form
 * ("S-1-5-32-544", and the two-letter aliases SDDL gives the well-known
 * ones), and LookupAccountSid: the names of the SIDs a token here holds
 * (ke/token.c) and of the common well-known ones. The user is the one
 * GetUserName names, of the domain NTMM (the computer's name).
 */
#include "advapi32/advapi32.h"

#define SidTypeUser 1
#define SidTypeGroup 2
#define SidTypeAlias 4
#define SidTypeWellKnownGroup 5
#define SidTypeLabel 10
#define SidTypeLogonSession 11
#define LMEM_FIXED 0

DWORD WINAPI GetSidLengthRequired(UCHAR count) { return RtlLengthRequiredSid(count); }
BOOL WINAPI IsValidSid(PSID sid) { return RtlValidSid(sid); }
DWORD WINAPI GetLengthSid(PSID sid) { return RtlLengthSid(sid); }
BOOL WINAPI EqualSid(PSID a, PSID b) { return RtlEqualSid(a, b); }
BOOL WINAPI EqualPrefixSid(PSID a, PSID b) { return RtlEqualPrefixSid(a, b); }
DWORD *WINAPI GetSidSubAuthority(PSID sid, DWORD index) { return RtlSubAuthoritySid(sid, index); }
UCHAR *WINAPI GetSidSubAuthorityCount(PSID sid) { return RtlSubAuthorityCountSid(sid); }
SID_IDENTIFIER_AUTHORITY *WINAPI GetSidIdentifierAuthority(PSID sid) { return RtlIdentifierAuthoritySid(sid); }
PVOID WINAPI FreeSid(PSID sid) { return RtlFreeSid(sid); }

static BOOL Answer(NTSTATUS status)
{
    if (!NT_SUCCESS(status)) {
        SetLastError(RtlNtStatusToDosError(status));
    }
    return NT_SUCCESS(status);
}

BOOL WINAPI CopySid(DWORD length, PSID destination, PSID source)
{
    return Answer(RtlCopySid(length, destination, source));
}

BOOL WINAPI InitializeSid(PSID sid, SID_IDENTIFIER_AUTHORITY *authority, BYTE count)
{
    return Answer(RtlInitializeSid(sid, authority, count));
}

BOOL WINAPI AllocateAndInitializeSid(SID_IDENTIFIER_AUTHORITY *authority, BYTE count, DWORD s0,
                                     DWORD s1, DWORD s2, DWORD s3, DWORD s4, DWORD s5, DWORD s6,
                                     DWORD s7, PSID *sid)
{
    return Answer(RtlAllocateAndInitializeSid(authority, count, s0, s1, s2, s3, s4, s5, s6, s7, sid));
}

/* ------------------------------------------------- string SIDs */

BOOL WINAPI ConvertSidToStringSidW(PSID sid, WCHAR **string)
{
    if (!sid || !string) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WCHAR text[200];
    UNICODE_STRING u = {0, sizeof text, text};
    if (!Answer(RtlConvertSidToUnicodeString(&u, sid, FALSE))) {
        return FALSE;
    }
    *string = LocalAlloc(LMEM_FIXED, u.Length + sizeof(WCHAR));
    if (!*string) {
        return FALSE;
    }
    memcpy(*string, text, u.Length + sizeof(WCHAR));
    return TRUE;
}

BOOL WINAPI ConvertSidToStringSidA(PSID sid, char **string)
{
    WCHAR *wide;
    if (!string || !ConvertSidToStringSidW(sid, &wide)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    int n = WideCharToMultiByte(CP_ACP, 0, wide, -1, NULL, 0, NULL, NULL);
    *string = LocalAlloc(LMEM_FIXED, (SIZE_T)n);
    if (*string) {
        WideCharToMultiByte(CP_ACP, 0, wide, -1, *string, n, NULL, NULL);
    }
    LocalFree(wide);
    return *string != NULL;
}

/* SDDL's aliases for well-known SIDs (sddl.h's SDDL_*). */
static const struct {
    char Alias[3];
    BYTE Authority, Count;
    DWORD Sub[2];
} Aliases[] = {
    {"WD", 1, 1, {0, 0}},     {"CO", 3, 1, {0, 0}},     {"NU", 5, 1, {2, 0}},
    {"IU", 5, 1, {4, 0}},     {"SU", 5, 1, {6, 0}},     {"AN", 5, 1, {7, 0}},
    {"AU", 5, 1, {11, 0}},    {"SY", 5, 1, {18, 0}},    {"LS", 5, 1, {19, 0}},
    {"NS", 5, 1, {20, 0}},    {"BA", 5, 2, {32, 544}},  {"BU", 5, 2, {32, 545}},
    {"BG", 5, 2, {32, 546}},  {"PU", 5, 2, {32, 547}},  {"BO", 5, 2, {32, 551}},
    {"RD", 5, 2, {32, 555}},  {"LW", 16, 1, {4096, 0}}, {"ME", 16, 1, {8192, 0}},
    {"HI", 16, 1, {12288, 0}}, {"SI", 16, 1, {16384, 0}},
};

/* The decimal number at *p (advanced past it); FALSE if there is none or
 * it does not fit. */
static BOOL ParseNumber(const WCHAR **p, ULONGLONG *value, ULONGLONG limit)
{
    const WCHAR *s = *p;
    ULONGLONG v = 0;
    while (*s >= '0' && *s <= '9') {
        v = v * 10 + (ULONGLONG)(*s - '0');
        if (v > limit) {
            return FALSE;
        }
        s++;
    }
    if (s == *p) {
        return FALSE;
    }
    *p = s;
    *value = v;
    return TRUE;
}

BOOL WINAPI ConvertStringSidToSidW(const WCHAR *string, PSID *sid)
{
    if (!string || !sid) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    BYTE bytes[8 + 4 * 15] = {1};
    for (size_t i = 0; i < sizeof Aliases / sizeof *Aliases; i++) {
        if (string[0] == (WCHAR)Aliases[i].Alias[0] && string[1] == (WCHAR)Aliases[i].Alias[1] &&
            !string[2]) {
            bytes[1] = Aliases[i].Count;
            bytes[7] = Aliases[i].Authority;
            memcpy(bytes + 8, Aliases[i].Sub, 4u * Aliases[i].Count);
            goto done;
        }
    }
    const WCHAR *p = string;
    ULONGLONG value;
    if ((p[0] != 'S' && p[0] != 's') || p[1] != '-' || p[2] != '1' || p[3] != '-') {
        goto invalid;
    }
    p += 4;
    if (!ParseNumber(&p, &value, 0xFFFFFFFFFFFFull)) {
        goto invalid;
    }
    for (int i = 0; i < 6; i++) {
        bytes[7 - i] = (BYTE)(value >> (8 * i));
    }
    while (*p == '-') {
        p++;
        if (bytes[1] == 15 || !ParseNumber(&p, &value, 0xFFFFFFFFull)) {
            goto invalid;
        }
        DWORD sub = (DWORD)value;
        memcpy(bytes + 8 + 4 * bytes[1]++, &sub, 4);
    }
    if (*p) {
        goto invalid;
    }
done:
    *sid = LocalAlloc(LMEM_FIXED, RtlLengthSid(bytes));
    if (!*sid) {
        return FALSE;
    }
    memcpy(*sid, bytes, RtlLengthSid(bytes));
    return TRUE;
invalid:
    SetLastError(ERROR_INVALID_SID);
    return FALSE;
}

BOOL WINAPI ConvertStringSidToSidA(const char *string, PSID *sid)
{
    WCHAR wide[200];
    if (!string || !MultiByteToWideChar(CP_ACP, 0, string, -1, wide, 200)) {
        SetLastError(string ? ERROR_INVALID_SID : ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return ConvertStringSidToSidW(wide, sid);
}

/* ---------------------------------------------- account names */

/* The names of the SIDs ke/token.c's tokens hold, and common ones. */
static const struct {
    BYTE Authority, Count;
    DWORD Sub[2];
    const char *Name, *Domain;
    DWORD Use;
} Accounts[] = {
    {1, 1, {0, 0}, "Everyone", "", SidTypeWellKnownGroup},
    {2, 1, {0, 0}, "LOCAL", "", SidTypeWellKnownGroup},
    {2, 1, {1, 0}, "CONSOLE LOGON", "", SidTypeWellKnownGroup},
    {3, 1, {0, 0}, "CREATOR OWNER", "", SidTypeWellKnownGroup},
    {5, 1, {2, 0}, "NETWORK", "NT AUTHORITY", SidTypeWellKnownGroup},
    {5, 1, {4, 0}, "INTERACTIVE", "NT AUTHORITY", SidTypeWellKnownGroup},
    {5, 1, {6, 0}, "SERVICE", "NT AUTHORITY", SidTypeWellKnownGroup},
    {5, 1, {7, 0}, "ANONYMOUS LOGON", "NT AUTHORITY", SidTypeWellKnownGroup},
    {5, 1, {11, 0}, "Authenticated Users", "NT AUTHORITY", SidTypeWellKnownGroup},
    {5, 1, {15, 0}, "This Organization", "NT AUTHORITY", SidTypeWellKnownGroup},
    {5, 1, {18, 0}, "SYSTEM", "NT AUTHORITY", SidTypeWellKnownGroup},
    {5, 1, {19, 0}, "LOCAL SERVICE", "NT AUTHORITY", SidTypeWellKnownGroup},
    {5, 1, {20, 0}, "NETWORK SERVICE", "NT AUTHORITY", SidTypeWellKnownGroup},
    {5, 2, {32, 544}, "Administrators", "BUILTIN", SidTypeAlias},
    {5, 2, {32, 545}, "Users", "BUILTIN", SidTypeAlias},
    {5, 2, {32, 546}, "Guests", "BUILTIN", SidTypeAlias},
    {16, 1, {4096, 0}, "Low Mandatory Level", "Mandatory Label", SidTypeLabel},
    {16, 1, {8192, 0}, "Medium Mandatory Level", "Mandatory Label", SidTypeLabel},
    {16, 1, {12288, 0}, "High Mandatory Level", "Mandatory Label", SidTypeLabel},
    {16, 1, {16384, 0}, "System Mandatory Level", "Mandatory Label", SidTypeLabel},
};

/* The machine's domain: S-1-5-21-1000000001-1000000002-1000000003. */
static const DWORD MachineDomain[4] = {21, 1000000001u, 1000000002u, 1000000003u};

/* Whether sid's authority is the one given and its subauthorities begin
 * with the count given. */
static BOOL HasPrefix(const BYTE *sid, BYTE authority, BYTE count, const DWORD *sub)
{
    static const BYTE zero[5];
    return sid[1] >= count && sid[7] == authority && memcmp(sid + 2, zero, 5) == 0 &&
           memcmp(sid + 8, sub, 4u * count) == 0;
}

static DWORD Widen(const char *text, WCHAR *out)
{
    DWORD n = 0;
    while ((out[n] = (WCHAR)(BYTE)text[n]) != 0) {
        n++;
    }
    return n;
}

/* The SID's account name, its domain and its use; FALSE with
 * ERROR_NONE_MAPPED for a SID with no name here. */
static BOOL AccountOf(const BYTE *sid, WCHAR *name, DWORD *name_length, WCHAR *domain,
                      DWORD *domain_length, DWORD *use)
{
    for (size_t i = 0; i < sizeof Accounts / sizeof *Accounts; i++) {
        if (sid[1] == Accounts[i].Count &&
            HasPrefix(sid, Accounts[i].Authority, Accounts[i].Count, Accounts[i].Sub)) {
            *name_length = Widen(Accounts[i].Name, name);
            *domain_length = Widen(Accounts[i].Domain, domain);
            *use = Accounts[i].Use;
            return TRUE;
        }
    }
    DWORD computer = MAX_COMPUTERNAME_LENGTH + 1;
    if (sid[1] == 5 && HasPrefix(sid, 5, 4, MachineDomain) && GetComputerNameW(domain, &computer)) {
        DWORD rid = ((const DWORD *)(sid + 8))[4];
        DWORD user = 257;
        if (rid == 1000 && GetUserNameW(name, &user)) {
            *name_length = user - 1;
            *use = SidTypeUser;
        } else if (rid == 513) {
            *name_length = Widen("None", name);
            *use = SidTypeGroup;
        } else {
            SetLastError(ERROR_NONE_MAPPED);
            return FALSE;
        }
        *domain_length = computer;
        return TRUE;
    }
    if (sid[1] == 3 && sid[7] == 5 && ((const DWORD *)(sid + 8))[0] == 5) {
        /* A logon session's SID, S-1-5-5-X-Y: "LogonSessionId_X_Y". */
        char text[48] = "LogonSessionId_";
        char *p = text + 15;
        for (int part = 1; part <= 2; part++) {
            char digits[12];
            int n = 0;
            DWORD v = ((const DWORD *)(sid + 8))[part];
            do {
                digits[n++] = (char)('0' + v % 10);
                v /= 10;
            } while (v);
            while (n) {
                *p++ = digits[--n];
            }
            *p++ = part == 1 ? '_' : 0;
        }
        *name_length = Widen(text, name);
        *domain_length = Widen("NT AUTHORITY", domain);
        *use = SidTypeLogonSession;
        return TRUE;
    }
    SetLastError(ERROR_NONE_MAPPED);
    return FALSE;
}

/* *name_size and *domain_size count characters: on success each name's
 * length (without the NUL); when either buffer is short, both sizes needed
 * (with the NUL) and ERROR_INSUFFICIENT_BUFFER. */
BOOL WINAPI LookupAccountSidW(const WCHAR *system, PSID sid, WCHAR *name, DWORD *name_size,
                              WCHAR *domain, DWORD *domain_size, DWORD *use)
{
    if (system && *system) {
        SetLastError(ERROR_INVALID_COMPUTERNAME);
        return FALSE;
    }
    if (!RtlValidSid(sid) || !name_size || !domain_size || !use) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WCHAR found_name[260], found_domain[260];
    DWORD name_length, domain_length;
    if (!AccountOf(sid, found_name, &name_length, found_domain, &domain_length, use)) {
        return FALSE;
    }
    if (!name || !domain || *name_size <= name_length || *domain_size <= domain_length) {
        *name_size = name_length + 1;
        *domain_size = domain_length + 1;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    memcpy(name, found_name, (name_length + 1) * sizeof(WCHAR));
    memcpy(domain, found_domain, (domain_length + 1) * sizeof(WCHAR));
    *name_size = name_length;
    *domain_size = domain_length;
    return TRUE;
}

BOOL WINAPI LookupAccountSidA(const char *system, PSID sid, char *name, DWORD *name_size,
                              char *domain, DWORD *domain_size, DWORD *use)
{
    WCHAR wide_name[260], wide_domain[260];
    DWORD wide_name_size = 260, wide_domain_size = 260;
    if (system && *system) {
        SetLastError(ERROR_INVALID_COMPUTERNAME);
        return FALSE;
    }
    if (!LookupAccountSidW(NULL, sid, wide_name, &wide_name_size, wide_domain, &wide_domain_size,
                           use)) {
        return FALSE;
    }
    int n = WideCharToMultiByte(CP_ACP, 0, wide_name, -1, NULL, 0, NULL, NULL);
    int d = WideCharToMultiByte(CP_ACP, 0, wide_domain, -1, NULL, 0, NULL, NULL);
    if (!name || !domain || *name_size < (DWORD)n || *domain_size < (DWORD)d) {
        *name_size = (DWORD)n;
        *domain_size = (DWORD)d;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    WideCharToMultiByte(CP_ACP, 0, wide_name, -1, name, n, NULL, NULL);
    WideCharToMultiByte(CP_ACP, 0, wide_domain, -1, domain, d, NULL, NULL);
    *name_size = (DWORD)n - 1;
    *domain_size = (DWORD)d - 1;
    return TRUE;
}
