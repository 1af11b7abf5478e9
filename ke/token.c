/*
 * Access tokens (NT's TOKEN object under NtOpenProcessToken,
 * NtQueryInformationToken and NtAdjustPrivilegesToken; advapi32's
 * OpenProcessToken, GetTokenInformation, AdjustTokenPrivileges).
 *
 * ntmm has one user, so every process has the token a standard
 * (non-administrator) Windows user's console program has: the user
 * "ntmm" of the machine NTMM, its groups (Everyone, Users, Interactive,
 * Authenticated Users, the logon session's SID...), Medium integrity, not
 * elevated, in session 1, and a standard user's five privileges with only
 * SeChangeNotifyPrivilege enabled. So a program that asks for
 * SeLockMemoryPrivilege (large pages), SeDebugPrivilege or the like learns
 * what it would learn on Windows: AdjustTokenPrivileges succeeds with
 * ERROR_NOT_ALL_ASSIGNED (STATUS_NOT_ALL_ASSIGNED, a success code), and
 * VirtualAlloc(MEM_LARGE_PAGES) fails with ERROR_PRIVILEGE_NOT_HELD.
 *
 * A process's token is made at its first NtOpenProcessToken; a child
 * starts with a copy of its creator's (privileges as the creator left
 * them), as CreateProcess gives a child a duplicate of the parent's
 * primary token. No thread impersonates: NtOpenThreadToken answers
 * STATUS_NO_TOKEN, which tells a program to use the process's token.
 */
#include "ke/ki.h"

#include <stdlib.h>
#include <string.h>

#define TOKEN_QUERY 0x0008u
#define TOKEN_QUERY_SOURCE 0x0010u
#define TOKEN_ADJUST_PRIVILEGES 0x0020u
#define SE_PRIVILEGE_ENABLED_BY_DEFAULT 0x1u
#define SE_PRIVILEGE_ENABLED 0x2u
#define SE_PRIVILEGE_REMOVED 0x4u
#define SE_GROUP_DEFAULT 0x7u        /* MANDATORY | ENABLED_BY_DEFAULT | ENABLED */
#define SE_GROUP_INTEGRITY_LABEL 0x60u /* INTEGRITY | INTEGRITY_ENABLED */
#define SE_GROUP_LOGON_ID 0xC0000000u
#define KI_PRIVILEGES 5
#define KI_GROUPS 10
#define KI_LOGON_SESSION 0x0002A8E1u /* the one logon session's LUID (AuthenticationId) */

typedef struct KTOKEN {
    EX_OBJECT Header;            /* ExObjectToken */
    uint32_t TokenId, ModifiedId; /* LUIDs (low parts; the high parts are 0) */
    uint32_t PrivilegeCount;
    struct {
        uint32_t Luid, Attributes;
    } Privileges[KI_PRIVILEGES];
} KTOKEN;

/* A standard user's privileges, by LUID (winnt.h's SE_*_PRIVILEGE values). */
static const uint32_t StandardPrivileges[KI_PRIVILEGES][2] = {
    {19, 0},                                                     /* SeShutdownPrivilege */
    {23, SE_PRIVILEGE_ENABLED_BY_DEFAULT | SE_PRIVILEGE_ENABLED}, /* SeChangeNotifyPrivilege */
    {25, 0},                                                     /* SeUndockPrivilege */
    {33, 0},                                                     /* SeIncreaseWorkingSetPrivilege */
    {34, 0},                                                     /* SeTimeZonePrivilege */
};

/* A SID as its authority and subauthorities (S-1-authority-sub-sub...). */
typedef struct KI_SID {
    uint8_t Authority;
    uint8_t Count;
    uint32_t Sub[8];
} KI_SID;

#define KI_USER_SID {5, 5, {21, 1000000001u, 1000000002u, 1000000003u, 1000}}
#define KI_NONE_SID {5, 5, {21, 1000000001u, 1000000002u, 1000000003u, 513}} /* NTMM\None */
#define KI_LOGON_SID {5, 3, {5, 0, KI_LOGON_SESSION}}
#define KI_MEDIUM_SID {16, 1, {8192}}

static const KI_SID UserSid = KI_USER_SID;
static const KI_SID NoneSid = KI_NONE_SID;
static const KI_SID LogonSid = KI_LOGON_SID;
static const KI_SID MediumSid = KI_MEDIUM_SID;
static const KI_SID SystemSid = {5, 1, {18}};

static const struct {
    KI_SID Sid;
    uint32_t Attributes;
} Groups[KI_GROUPS] = {
    {KI_NONE_SID, SE_GROUP_DEFAULT},
    {{1, 1, {0}}, SE_GROUP_DEFAULT},            /* Everyone */
    {{5, 2, {32, 545}}, SE_GROUP_DEFAULT},      /* BUILTIN\Users */
    {{5, 1, {4}}, SE_GROUP_DEFAULT},            /* INTERACTIVE */
    {{2, 1, {1}}, SE_GROUP_DEFAULT},            /* CONSOLE LOGON */
    {{5, 1, {11}}, SE_GROUP_DEFAULT},           /* Authenticated Users */
    {{5, 1, {15}}, SE_GROUP_DEFAULT},           /* This Organization */
    {KI_LOGON_SID, SE_GROUP_DEFAULT | SE_GROUP_LOGON_ID},
    {{2, 1, {0}}, SE_GROUP_DEFAULT},            /* LOCAL */
    {KI_MEDIUM_SID, SE_GROUP_INTEGRITY_LABEL},  /* Mandatory Label\Medium Mandatory Level */
};

/* ------------------------------------------------------ the object */

static uint32_t NewLuid(KSYSTEM *system)
{
    return 0x10000u + system->NextLuid++;
}

static void DeleteToken(EX_OBJECT *object)
{
    free(object);
}

static KTOKEN *NewToken(KSYSTEM *system, const KTOKEN *from)
{
    KTOKEN *token = calloc(1, sizeof *token);
    if (!token) {
        return NULL;
    }
    token->Header.Type = ExObjectToken;
    token->Header.References = 1;
    token->Header.Close = DeleteToken;
    if (from) {
        token->PrivilegeCount = from->PrivilegeCount;
        memcpy(token->Privileges, from->Privileges, sizeof token->Privileges);
    } else {
        token->PrivilegeCount = KI_PRIVILEGES;
        for (int i = 0; i < KI_PRIVILEGES; i++) {
            token->Privileges[i].Luid = StandardPrivileges[i][0];
            token->Privileges[i].Attributes = StandardPrivileges[i][1];
        }
    }
    token->TokenId = NewLuid(system);
    token->ModifiedId = NewLuid(system);
    return token;
}

void KiInheritToken(KPROCESS *parent, KPROCESS *child)
{
    if (parent && parent->Token && !child->Token) {
        child->Token = NewToken(child->System, parent->Token);
    }
}

void KiDeleteProcessToken(KPROCESS *process)
{
    if (process->Token) {
        ExDereferenceObject(&process->Token->Header);
        process->Token = NULL;
    }
}

/* NtOpenProcessToken(ProcessHandle, DesiredAccess, TokenHandle) and the
 * Ex form (..., HandleAttributes, TokenHandle): the process handle must
 * grant PROCESS_QUERY_LIMITED_INFORMATION. */
static NTSTATUS OpenProcessToken(KPROCESS *process, uint32_t handle, uint32_t desired,
                                 uint32_t attributes, uint32_t token_va)
{
    KPROCESS *target;
    NTSTATUS status = KiReferenceProcessObjectWithAccess(process, handle,
                                                         PROCESS_QUERY_LIMITED_INFORMATION, &target);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (!target->Token) {
        target->Token = NewToken(process->System, NULL);
    }
    status = target->Token
                 ? KiReturnHandleWithAttributes(process, &target->Token->Header,
                                                KiGrantedAccess(ExObjectToken, desired), attributes,
                                                token_va)
                 : STATUS_NO_MEMORY;
    ExDereferenceObject(&target->Header);
    return status;
}

NTSTATUS KiNtOpenProcessToken(KPROCESS *process, const uint32_t *a)
{
    return OpenProcessToken(process, a[0], a[1], 0, a[2]);
}

NTSTATUS KiNtOpenProcessTokenEx(KPROCESS *process, const uint32_t *a)
{
    return OpenProcessToken(process, a[0], a[1], a[2], a[3]);
}

/* NtOpenThreadToken(ThreadHandle, DesiredAccess, OpenAsSelf, TokenHandle)
 * and the Ex form: no thread impersonates, so a valid thread handle gets
 * STATUS_NO_TOKEN. */
static NTSTATUS OpenThreadToken(KPROCESS *process, uint32_t handle)
{
    KTHREAD *thread;
    NTSTATUS status = KiReferenceThreadWithAccess(process, handle, THREAD_QUERY_LIMITED_INFORMATION,
                                                  &thread);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    ExDereferenceObject(&thread->Header);
    return STATUS_NO_TOKEN;
}

NTSTATUS KiNtOpenThreadToken(KPROCESS *process, const uint32_t *a)
{
    return OpenThreadToken(process, a[0]);
}

NTSTATUS KiNtOpenThreadTokenEx(KPROCESS *process, const uint32_t *a)
{
    return OpenThreadToken(process, a[0]);
}

static NTSTATUS ReferenceToken(KPROCESS *process, uint32_t handle, uint32_t access, KTOKEN **out)
{
    NTSTATUS status;
    *out = (KTOKEN *)ExReferenceObjectByHandleWithAccess(&process->Handles, handle, ExObjectToken,
                                                          access, &status);
    return *out ? STATUS_SUCCESS : status;
}

/* ------------------------------------------- NtQueryInformationToken */

/* An answer built in host memory at the guest address it will have
 * (Base), so that the pointers inside it are the guest's. */
typedef struct KI_ANSWER {
    uint8_t Bytes[1024];
    uint32_t Length;
    uint32_t Base;
} KI_ANSWER;

static uint32_t Put32(KI_ANSWER *answer, uint32_t value)
{
    uint32_t offset = answer->Length;
    memcpy(answer->Bytes + offset, &value, 4);
    answer->Length += 4;
    return offset;
}

static void Set32(KI_ANSWER *answer, uint32_t offset, uint32_t value)
{
    memcpy(answer->Bytes + offset, &value, 4);
}

static uint32_t SidLength(const KI_SID *sid)
{
    return 8u + 4u * sid->Count;
}

/* The SID at the end of the answer; its guest address. */
static uint32_t PutSid(KI_ANSWER *answer, const KI_SID *sid)
{
    uint8_t *p = answer->Bytes + answer->Length;
    uint32_t va = answer->Base + answer->Length;
    memset(p, 0, 8);
    p[0] = 1;            /* SID_REVISION */
    p[1] = sid->Count;
    p[7] = sid->Authority;
    answer->Length += 8;
    for (int i = 0; i < sid->Count; i++) {
        Put32(answer, sid->Sub[i]);
    }
    return va;
}

/* SID_AND_ATTRIBUTES entries come first, their SIDs after all of them. */
static void PutSidAndAttributes(KI_ANSWER *answer, uint32_t at, const KI_SID *sid, uint32_t attributes)
{
    Set32(answer, at, PutSid(answer, sid));
    Set32(answer, at + 4, attributes);
}

/* The default DACL: the user and SYSTEM GENERIC_ALL, the logon session
 * GENERIC_READ | GENERIC_EXECUTE (an ACL of ACCESS_ALLOWED_ACEs). */
static void PutDefaultDacl(KI_ANSWER *answer)
{
    static const struct {
        const KI_SID *Sid;
        uint32_t Mask;
    } Aces[] = {{&UserSid, 0x10000000u}, {&SystemSid, 0x10000000u}, {&LogonSid, 0xA0000000u}};
    uint32_t pointer = Put32(answer, 0);
    uint32_t acl = answer->Length;
    Set32(answer, pointer, answer->Base + acl);
    answer->Length += 8;
    for (size_t i = 0; i < sizeof Aces / sizeof *Aces; i++) {
        uint32_t ace_size = 8 + SidLength(Aces[i].Sid);
        Put32(answer, ace_size << 16); /* AceType ACCESS_ALLOWED, AceFlags 0, AceSize */
        Put32(answer, Aces[i].Mask);
        PutSid(answer, Aces[i].Sid);
    }
    uint32_t acl_size = answer->Length - acl;
    Set32(answer, acl, 2u | (acl_size << 16));                      /* ACL_REVISION, size */
    Set32(answer, acl + 4, (uint32_t)(sizeof Aces / sizeof *Aces)); /* AceCount */
}

static void PutLuid(KI_ANSWER *answer, uint32_t low)
{
    Put32(answer, low);
    Put32(answer, 0);
}

/* The information class's answer; STATUS_INVALID_INFO_CLASS for one not kept. */
static NTSTATUS BuildAnswer(const KTOKEN *token, uint32_t class, KI_ANSWER *answer)
{
    switch (class) {
    case 1: /* TokenUser: SID_AND_ATTRIBUTES (attributes 0) */
        answer->Length = 8;
        PutSidAndAttributes(answer, 0, &UserSid, 0);
        return STATUS_SUCCESS;
    case 2: /* TokenGroups */
        Put32(answer, KI_GROUPS);
        answer->Length += 8 * KI_GROUPS;
        for (int i = 0; i < KI_GROUPS; i++) {
            PutSidAndAttributes(answer, 4 + 8 * i, &Groups[i].Sid, Groups[i].Attributes);
        }
        return STATUS_SUCCESS;
    case 3: /* TokenPrivileges */
        Put32(answer, token->PrivilegeCount);
        for (uint32_t i = 0; i < token->PrivilegeCount; i++) {
            PutLuid(answer, token->Privileges[i].Luid);
            Put32(answer, token->Privileges[i].Attributes);
        }
        return STATUS_SUCCESS;
    case 4: /* TokenOwner: the user */
    case 5: /* TokenPrimaryGroup: NTMM\None */
        answer->Length = 4;
        Set32(answer, 0, PutSid(answer, class == 4 ? &UserSid : &NoneSid));
        return STATUS_SUCCESS;
    case 6: /* TokenDefaultDacl */
        PutDefaultDacl(answer);
        return STATUS_SUCCESS;
    case 7: /* TokenSource: "User32  " and a LUID */
        memcpy(answer->Bytes, "User32  ", 8);
        answer->Length = 8;
        PutLuid(answer, KI_LOGON_SESSION + 1);
        return STATUS_SUCCESS;
    case 8:  /* TokenType: TokenPrimary */
        Put32(answer, 1);
        return STATUS_SUCCESS;
    case 10: /* TokenStatistics */
        PutLuid(answer, token->TokenId);
        PutLuid(answer, KI_LOGON_SESSION);
        Put32(answer, 0xFFFFFFFFu);      /* ExpirationTime: never */
        Put32(answer, 0x7FFFFFFFu);
        Put32(answer, 1);                /* TokenPrimary */
        Put32(answer, 0);                /* ImpersonationLevel: none for a primary token */
        Put32(answer, 4096);             /* DynamicCharged */
        Put32(answer, 4096 - 92);        /* DynamicAvailable: less the default DACL's 92 bytes */
        Put32(answer, KI_GROUPS);
        Put32(answer, token->PrivilegeCount);
        PutLuid(answer, token->ModifiedId);
        return STATUS_SUCCESS;
    case 12: /* TokenSessionId */
        Put32(answer, 1);
        return STATUS_SUCCESS;
    case 18: /* TokenElevationType: TokenElevationTypeDefault (no linked token) */
        Put32(answer, 1);
        return STATUS_SUCCESS;
    case 20: /* TokenElevation: not elevated */
    case 29: /* TokenIsAppContainer: no */
        Put32(answer, 0);
        return STATUS_SUCCESS;
    case 25: /* TokenIntegrityLevel: TOKEN_MANDATORY_LABEL */
        answer->Length = 8;
        PutSidAndAttributes(answer, 0, &MediumSid, SE_GROUP_INTEGRITY_LABEL);
        return STATUS_SUCCESS;
    case 19: /* TokenLinkedToken: a default-type token has none */
        return STATUS_NO_SUCH_LOGON_SESSION;
    default:
        return STATUS_INVALID_INFO_CLASS;
    }
}

/* NtQueryInformationToken(TokenHandle, TokenInformationClass,
 * TokenInformation, TokenInformationLength, ReturnLength): the length
 * needed in *ReturnLength always, STATUS_BUFFER_TOO_SMALL when the buffer
 * is shorter (nothing written to it). */
NTSTATUS KiNtQueryInformationToken(KPROCESS *process, const uint32_t *a)
{
    KTOKEN *token;
    NTSTATUS status = ReferenceToken(process, a[0], a[1] == 7 ? TOKEN_QUERY_SOURCE : TOKEN_QUERY, &token);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    KI_ANSWER *answer = calloc(1, sizeof *answer);
    if (!answer) {
        ExDereferenceObject(&token->Header);
        return STATUS_NO_MEMORY;
    }
    answer->Base = a[2];
    status = BuildAnswer(token, a[1], answer);
    ExDereferenceObject(&token->Header);
    if (status == STATUS_SUCCESS && a[4]) {
        status = MmCopyToUser(process->Mm, a[4], &answer->Length, 4);
    }
    if (status == STATUS_SUCCESS) {
        status = a[3] < answer->Length ? STATUS_BUFFER_TOO_SMALL
                                       : MmCopyToUser(process->Mm, a[2], answer->Bytes, answer->Length);
    }
    free(answer);
    return status;
}

/* ------------------------------------------- NtAdjustPrivilegesToken */

static int FindPrivilege(const KTOKEN *token, uint32_t luid_low, uint32_t luid_high)
{
    for (uint32_t i = 0; luid_high == 0 && i < token->PrivilegeCount; i++) {
        if (token->Privileges[i].Luid == luid_low) {
            return (int)i;
        }
    }
    return -1;
}

/* NtAdjustPrivilegesToken(TokenHandle, DisableAllPrivileges, NewState,
 * BufferLength, PreviousState, ReturnLength). Each privilege of NewState
 * the token holds is enabled, disabled or removed as its attributes say;
 * one it does not hold makes the answer STATUS_NOT_ALL_ASSIGNED (a
 * success: the others are still changed). PreviousState, when given,
 * receives the earlier state of those whose state changed; when it is too
 * short nothing changes (STATUS_BUFFER_TOO_SMALL, the length needed in
 * *ReturnLength). */
NTSTATUS KiNtAdjustPrivilegesToken(KPROCESS *process, const uint32_t *a)
{
    bool disable_all = a[1] & 0xFF;
    if (!disable_all && !a[2]) {
        return STATUS_INVALID_PARAMETER;
    }
    uint32_t count = 0;
    NTSTATUS status = disable_all ? STATUS_SUCCESS : MmCopyFromUser(process->Mm, &count, a[2], 4);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint32_t (*wanted)[3] = NULL;
    if (!disable_all && count) {
        if (count > 4096) {
            return STATUS_INVALID_PARAMETER;
        }
        wanted = calloc(count, sizeof *wanted);
        if (!wanted) {
            return STATUS_NO_MEMORY;
        }
        status = MmCopyFromUser(process->Mm, wanted, a[2] + 4, count * sizeof *wanted);
    }
    KTOKEN *token = NULL;
    if (status == STATUS_SUCCESS) {
        status = ReferenceToken(process, a[0],
                                TOKEN_ADJUST_PRIVILEGES | (a[4] ? TOKEN_QUERY : 0), &token);
    }
    if (status != STATUS_SUCCESS) {
        free(wanted);
        return status;
    }
    /* What each privilege becomes (its attributes; ~0: removed). */
    uint32_t next[KI_PRIVILEGES];
    bool all_assigned = true;
    for (uint32_t i = 0; i < token->PrivilegeCount; i++) {
        next[i] = disable_all ? token->Privileges[i].Attributes & ~SE_PRIVILEGE_ENABLED
                              : token->Privileges[i].Attributes;
    }
    for (uint32_t w = 0; w < count && !disable_all; w++) {
        int i = FindPrivilege(token, wanted[w][0], wanted[w][1]);
        if (i < 0) {
            all_assigned = false;
        } else if (wanted[w][2] & SE_PRIVILEGE_REMOVED) {
            next[i] = ~0u;
        } else {
            next[i] = (token->Privileges[i].Attributes & ~SE_PRIVILEGE_ENABLED) |
                      (wanted[w][2] & SE_PRIVILEGE_ENABLED);
        }
    }
    free(wanted);
    /* PreviousState: TOKEN_PRIVILEGES of those that change. */
    uint32_t changed = 0;
    uint32_t previous[1 + 3 * KI_PRIVILEGES];
    for (uint32_t i = 0; i < token->PrivilegeCount; i++) {
        if (next[i] != token->Privileges[i].Attributes) {
            previous[1 + 3 * changed] = token->Privileges[i].Luid;
            previous[2 + 3 * changed] = 0;
            previous[3 + 3 * changed] = token->Privileges[i].Attributes;
            changed++;
        }
    }
    previous[0] = changed;
    uint32_t needed = 4 + 12 * changed;
    if (a[4]) {
        status = a[5] ? MmCopyToUser(process->Mm, a[5], &needed, 4) : STATUS_SUCCESS;
        if (status == STATUS_SUCCESS) {
            status = a[3] < needed ? STATUS_BUFFER_TOO_SMALL
                                   : MmCopyToUser(process->Mm, a[4], previous, needed);
        }
    }
    if (status == STATUS_SUCCESS) {
        uint32_t kept = 0;
        for (uint32_t i = 0; i < token->PrivilegeCount; i++) {
            if (next[i] != ~0u) {
                token->Privileges[kept].Luid = token->Privileges[i].Luid;
                token->Privileges[kept++].Attributes = next[i];
            }
        }
        token->PrivilegeCount = kept;
        if (changed) {
            token->ModifiedId = NewLuid(process->System);
        }
        status = all_assigned ? STATUS_SUCCESS : STATUS_NOT_ALL_ASSIGNED;
    }
    ExDereferenceObject(&token->Header);
    return status;
}
