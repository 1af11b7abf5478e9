/*
 * Security identifiers, as ntdll's Rtl*Sid functions handle them: a SID
 * is a revision (1), a count of subauthorities (at most 15), a six-byte
 * identifier authority (big-endian) and the subauthorities, so its length
 * is 8 + 4 * count. Validity is the revision and the count; RtlEqualSid
 * compares the whole SID. And RtlAdjustPrivilege, which turns one
 * privilege of the process's token (or the thread's: ntmm's threads
 * impersonate nobody) on or off.
 */
#include "inc/ntguest.h"

#define SID_REVISION 1
#define SID_MAX_SUB_AUTHORITIES 15

ULONG NTAPI RtlLengthRequiredSid(ULONG count)
{
    return 8 + 4 * count;
}

BOOLEAN NTAPI RtlValidSid(PSID sid)
{
    const UCHAR *p = sid;
    return p && p[0] == SID_REVISION && p[1] <= SID_MAX_SUB_AUTHORITIES;
}

ULONG NTAPI RtlLengthSid(PSID sid)
{
    return RtlLengthRequiredSid(((const UCHAR *)sid)[1]);
}

BOOLEAN NTAPI RtlEqualSid(PSID a, PSID b)
{
    if (!RtlValidSid(a) || !RtlValidSid(b)) {
        return FALSE;
    }
    ULONG length = RtlLengthSid(a);
    return length == RtlLengthSid(b) && memcmp(a, b, length) == 0;
}

/* The identifier authority and the subauthorities but the last (the
 * domain a relative id belongs to) are the same. */
BOOLEAN NTAPI RtlEqualPrefixSid(PSID a, PSID b)
{
    const UCHAR *p = a, *q = b;
    if (!RtlValidSid(a) || !RtlValidSid(b) || p[1] != q[1]) {
        return FALSE;
    }
    return p[1] == 0 || memcmp(a, b, RtlLengthRequiredSid(p[1] - 1u)) == 0;
}

NTSTATUS NTAPI RtlCopySid(ULONG length, PSID destination, PSID source)
{
    ULONG needed = RtlLengthSid(source);
    if (length < needed) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    memmove(destination, source, needed);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlInitializeSid(PSID sid, const SID_IDENTIFIER_AUTHORITY *authority, UCHAR count)
{
    UCHAR *p = sid;
    if (count > SID_MAX_SUB_AUTHORITIES) {
        return STATUS_INVALID_PARAMETER;
    }
    p[0] = SID_REVISION;
    p[1] = count;
    memcpy(p + 2, authority->Value, 6);
    return STATUS_SUCCESS;
}

ULONG *NTAPI RtlSubAuthoritySid(PSID sid, ULONG index)
{
    return (ULONG *)((UCHAR *)sid + 8) + index;
}

UCHAR *NTAPI RtlSubAuthorityCountSid(PSID sid)
{
    return (UCHAR *)sid + 1;
}

SID_IDENTIFIER_AUTHORITY *NTAPI RtlIdentifierAuthoritySid(PSID sid)
{
    return (SID_IDENTIFIER_AUTHORITY *)((UCHAR *)sid + 2);
}

/* A SID on the process heap with `count` of the eight subauthorities
 * given; RtlFreeSid frees it. */
NTSTATUS NTAPI RtlAllocateAndInitializeSid(const SID_IDENTIFIER_AUTHORITY *authority, UCHAR count,
                                           ULONG s0, ULONG s1, ULONG s2, ULONG s3, ULONG s4,
                                           ULONG s5, ULONG s6, ULONG s7, PSID *sid)
{
    if (!authority || !sid) {
        return STATUS_ACCESS_VIOLATION;
    }
    if (count > 8) {
        return STATUS_INVALID_SID;
    }
    PSID p = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, RtlLengthRequiredSid(count));
    if (!p) {
        return STATUS_NO_MEMORY;
    }
    const ULONG sub[8] = {s0, s1, s2, s3, s4, s5, s6, s7};
    RtlInitializeSid(p, authority, count);
    memcpy(RtlSubAuthoritySid(p, 0), sub, 4u * count);
    *sid = p;
    return STATUS_SUCCESS;
}

PVOID NTAPI RtlFreeSid(PSID sid)
{
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, sid);
    return NULL;
}

/* value in decimal (or, for an authority of 2^32 or more, 0x and twelve
 * hex digits, as Windows writes one) at out; the characters written. */
static ULONG PutNumber(WCHAR *out, ULONGLONG value, int hex)
{
    WCHAR digits[20];
    ULONG n = 0;
    do {
        ULONG d = (ULONG)(value % (hex ? 16 : 10));
        digits[n++] = (WCHAR)(d < 10 ? '0' + d : 'A' + d - 10);
        value /= hex ? 16 : 10;
    } while (value || (hex && n < 12));
    ULONG written = 0;
    if (hex) {
        out[written++] = '0';
        out[written++] = 'x';
    }
    while (n) {
        out[written++] = digits[--n];
    }
    return written;
}

/* "S-1-5-21-...": the SID as its string form, in a new string
 * (allocate) or the caller's buffer. */
NTSTATUS NTAPI RtlConvertSidToUnicodeString(UNICODE_STRING *string, PSID sid, BOOLEAN allocate)
{
    if (!RtlValidSid(sid)) {
        return STATUS_INVALID_SID;
    }
    const UCHAR *p = sid;
    WCHAR text[4 + 14 + 11 * SID_MAX_SUB_AUTHORITIES];
    ULONGLONG authority = 0;
    for (int i = 2; i < 8; i++) {
        authority = authority << 8 | p[i];
    }
    ULONG n = 0;
    text[n++] = 'S';
    text[n++] = '-';
    text[n++] = '1';
    text[n++] = '-';
    n += PutNumber(text + n, authority, authority >> 32 != 0);
    for (ULONG i = 0; i < p[1]; i++) {
        text[n++] = '-';
        n += PutNumber(text + n, *RtlSubAuthoritySid(sid, i), 0);
    }
    USHORT bytes = (USHORT)(n * sizeof(WCHAR));
    if (allocate) {
        string->Buffer = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, bytes + sizeof(WCHAR));
        if (!string->Buffer) {
            return STATUS_NO_MEMORY;
        }
        string->MaximumLength = (USHORT)(bytes + sizeof(WCHAR));
    } else if (string->MaximumLength < bytes) {
        return STATUS_BUFFER_OVERFLOW;
    }
    memcpy(string->Buffer, text, bytes);
    if (string->MaximumLength > bytes) {
        string->Buffer[n] = 0;
    }
    string->Length = bytes;
    return STATUS_SUCCESS;
}

/* RtlAdjustPrivilege(Privilege, Enable, CurrentThread, WasEnabled): one
 * privilege on or off; STATUS_PRIVILEGE_NOT_HELD when the token has not
 * got it (NtAdjustPrivilegesToken's STATUS_NOT_ALL_ASSIGNED). */
NTSTATUS NTAPI RtlAdjustPrivilege(ULONG privilege, BOOLEAN enable, BOOLEAN current_thread,
                                  BOOLEAN *was_enabled)
{
    HANDLE token;
    NTSTATUS status = current_thread ? NtOpenThreadToken(NtCurrentThread(), 0x28, FALSE, &token)
                                     : NtOpenProcessToken(NtCurrentProcess(), 0x28, &token);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    TOKEN_PRIVILEGES state = {1, {{{privilege, 0}, enable ? 2u : 0u}}};
    TOKEN_PRIVILEGES previous;
    ULONG length;
    status = NtAdjustPrivilegesToken(token, FALSE, &state, sizeof previous, &previous, &length);
    NtClose(token);
    if (status == STATUS_NOT_ALL_ASSIGNED) {
        return STATUS_PRIVILEGE_NOT_HELD;
    }
    if (NT_SUCCESS(status) && was_enabled) {
        /* Nothing changed: it already was as asked. */
        *was_enabled = previous.PrivilegeCount ? (previous.Privileges[0].Attributes & 2) != 0 : enable;
    }
    return status;
}
