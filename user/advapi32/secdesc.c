/*
 * Security descriptors and ACLs as programs build them to create objects
 * (a named mutex or file mapping "open to everyone": a NULL DACL). The
 * structures are Windows' absolute forms (winnt.h's SECURITY_DESCRIPTOR,
 * ACL, ACCESS_ALLOWED_ACE); ntmm's objects do not check them (one user,
 * ke/token.c), so what matters is that they are built and read back as on
 * Windows: a revision other than 1 (SECURITY_DESCRIPTOR_REVISION) or 2
 * (ACL_REVISION) is ERROR_UNKNOWN_REVISION, an ACE that does not fit is
 * ERROR_ALLOTTED_SPACE_EXCEEDED.
 */
#include "advapi32/advapi32.h"

#define ERROR_INVALID_ACL 1336
#define ERROR_UNKNOWN_REVISION 1305
#define ERROR_ALLOTTED_SPACE_EXCEEDED 1344
#define SE_OWNER_DEFAULTED 0x0001u
#define SE_GROUP_DEFAULTED 0x0002u
#define SE_DACL_PRESENT 0x0004u
#define SE_DACL_DEFAULTED 0x0008u
#define SE_SELF_RELATIVE 0x8000u
#define ACCESS_ALLOWED_ACE_TYPE 0

static BOOL Fail(DWORD error)
{
    SetLastError(error);
    return FALSE;
}

BOOL WINAPI InitializeSecurityDescriptor(SECURITY_DESCRIPTOR *sd, DWORD revision)
{
    if (revision != 1) {
        return Fail(ERROR_UNKNOWN_REVISION);
    }
    memset(sd, 0, sizeof *sd);
    sd->Revision = 1;
    return TRUE;
}

BOOL WINAPI IsValidSecurityDescriptor(SECURITY_DESCRIPTOR *sd)
{
    if (!sd || sd->Revision != 1) {
        return Fail(ERROR_INVALID_SECURITY_DESCR);
    }
    return TRUE;
}

/* An absolute descriptor's length is the structure's; its parts live apart. */
DWORD WINAPI GetSecurityDescriptorLength(SECURITY_DESCRIPTOR *sd)
{
    (void)sd;
    return sizeof(SECURITY_DESCRIPTOR);
}

static BOOL Absolute(SECURITY_DESCRIPTOR *sd)
{
    if (!sd || sd->Revision != 1) {
        return Fail(ERROR_UNKNOWN_REVISION);
    }
    if (sd->Control & SE_SELF_RELATIVE) {
        return Fail(ERROR_INVALID_SECURITY_DESCR);
    }
    return TRUE;
}

BOOL WINAPI SetSecurityDescriptorDacl(SECURITY_DESCRIPTOR *sd, BOOL present, ACL *dacl, BOOL defaulted)
{
    if (!Absolute(sd)) {
        return FALSE;
    }
    sd->Control &= (WORD)~(SE_DACL_PRESENT | SE_DACL_DEFAULTED);
    if (present) {
        sd->Control |= SE_DACL_PRESENT | (defaulted ? SE_DACL_DEFAULTED : 0);
        sd->Dacl = dacl;
    } else {
        sd->Dacl = NULL;
    }
    return TRUE;
}

BOOL WINAPI GetSecurityDescriptorDacl(SECURITY_DESCRIPTOR *sd, BOOL *present, ACL **dacl, BOOL *defaulted)
{
    if (!Absolute(sd)) {
        return FALSE;
    }
    *present = (sd->Control & SE_DACL_PRESENT) != 0;
    if (*present) {
        *dacl = sd->Dacl;
        *defaulted = (sd->Control & SE_DACL_DEFAULTED) != 0;
    }
    return TRUE;
}

BOOL WINAPI SetSecurityDescriptorOwner(SECURITY_DESCRIPTOR *sd, PSID owner, BOOL defaulted)
{
    if (!Absolute(sd)) {
        return FALSE;
    }
    sd->Owner = owner;
    sd->Control = (WORD)((sd->Control & ~SE_OWNER_DEFAULTED) | (defaulted ? SE_OWNER_DEFAULTED : 0));
    return TRUE;
}

BOOL WINAPI SetSecurityDescriptorGroup(SECURITY_DESCRIPTOR *sd, PSID group, BOOL defaulted)
{
    if (!Absolute(sd)) {
        return FALSE;
    }
    sd->Group = group;
    sd->Control = (WORD)((sd->Control & ~SE_GROUP_DEFAULTED) | (defaulted ? SE_GROUP_DEFAULTED : 0));
    return TRUE;
}

/* ---------------------------------------------------------------- ACLs */

BOOL WINAPI InitializeAcl(ACL *acl, DWORD length, DWORD revision)
{
    if (revision < 2 || revision > 4) {
        return Fail(ERROR_UNKNOWN_REVISION);
    }
    if (length < sizeof(ACL) || length > 0xFFFF) {
        return Fail(ERROR_INSUFFICIENT_BUFFER);
    }
    memset(acl, 0, sizeof *acl);
    acl->AclRevision = (BYTE)revision;
    acl->AclSize = (WORD)(length & ~3u);
    return TRUE;
}

/* The bytes the ACEs use, or -1 if they overrun the ACL. */
static long UsedBytes(const ACL *acl)
{
    long used = sizeof(ACL);
    const BYTE *p = (const BYTE *)acl + sizeof(ACL);
    for (WORD i = 0; i < acl->AceCount; i++) {
        WORD size;
        memcpy(&size, p + 2, 2);
        if (size < 8 || used + size > acl->AclSize) {
            return -1;
        }
        used += size;
        p += size;
    }
    return used;
}

BOOL WINAPI IsValidAcl(ACL *acl)
{
    return acl && acl->AclRevision >= 2 && acl->AclRevision <= 4 && UsedBytes(acl) >= 0;
}

BOOL WINAPI AddAccessAllowedAce(ACL *acl, DWORD revision, DWORD mask, PSID sid)
{
    if (!IsValidAcl(acl) || !RtlValidSid(sid)) {
        return Fail(ERROR_INVALID_PARAMETER);
    }
    if (revision < 2 || revision > 4) {
        return Fail(ERROR_UNKNOWN_REVISION);
    }
    long used = UsedBytes(acl);
    DWORD size = 8 + RtlLengthSid(sid);
    if (used + (long)size > acl->AclSize) {
        return Fail(ERROR_ALLOTTED_SPACE_EXCEEDED);
    }
    BYTE *ace = (BYTE *)acl + used;
    ace[0] = ACCESS_ALLOWED_ACE_TYPE;
    ace[1] = 0;
    WORD ace_size = (WORD)size;
    memcpy(ace + 2, &ace_size, 2);
    memcpy(ace + 4, &mask, 4);
    memcpy(ace + 8, sid, RtlLengthSid(sid));
    acl->AceCount++;
    if (revision > acl->AclRevision) {
        acl->AclRevision = (BYTE)revision;
    }
    return TRUE;
}
