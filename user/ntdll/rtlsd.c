/*
 * Security descriptors made self-relative (one block, pointers turned into
 * offsets from its start, so it can be copied and stored), and the free
 * space at the end of an ACL. ntmm's objects do not check descriptors (one
 * user, ke/token.c); these convert and measure them as Windows does.
 * Evidence: Wine's rtl.c test_RtlMakeSelfRelativeSD (lines 3271-3310): a
 * bare descriptor needs 20 bytes, too small a buffer is
 * STATUS_BUFFER_TOO_SMALL with the size needed, a big enough one leaves
 * the length as it was; RtlAbsoluteToSelfRelativeSD refuses a descriptor
 * already self-relative (STATUS_BAD_DESCRIPTOR_FORMAT), while
 * RtlMakeSelfRelativeSD copies it. test_RtlFirstFreeAce (lines 3743-3790).
 */
#include "ntdll.h"

#define SE_SACL_PRESENT 0x0010u
#define SE_DACL_PRESENT 0x0004u
#define SE_SELF_RELATIVE 0x8000u

static ULONG Align4(ULONG n)
{
    return (n + 3) & ~3u;
}

static ULONG AclLength(const ACL *acl)
{
    return acl ? Align4(acl->AclSize) : 0;
}

static ULONG SidLength(PSID sid)
{
    return sid ? Align4(RtlLengthSid(sid)) : 0;
}

/* The parts an absolute descriptor carries: an ACL only when its
 * "present" bit is set. */
static void AbsoluteParts(const SECURITY_DESCRIPTOR *sd, ACL **sacl, ACL **dacl)
{
    *sacl = (sd->Control & SE_SACL_PRESENT) ? sd->Sacl : NULL;
    *dacl = (sd->Control & SE_DACL_PRESENT) ? sd->Dacl : NULL;
}

/* Header, then SACL, DACL, owner and group, each 4-byte aligned. */
static void Place(SECURITY_DESCRIPTOR_RELATIVE *out, ULONG *offset, ULONG *field, const void *part,
                  ULONG length)
{
    *field = 0;
    if (part) {
        memcpy((BYTE *)out + *offset, part, length);
        *field = *offset;
        *offset += Align4(length);
    }
}

NTSTATUS NTAPI RtlAbsoluteToSelfRelativeSD(SECURITY_DESCRIPTOR *absolute,
                                           SECURITY_DESCRIPTOR_RELATIVE *relative, ULONG *length)
{
    if (!absolute || !length) {
        return STATUS_INVALID_PARAMETER;
    }
    if (absolute->Control & SE_SELF_RELATIVE) {
        return STATUS_BAD_DESCRIPTOR_FORMAT;
    }
    ACL *sacl, *dacl;
    AbsoluteParts(absolute, &sacl, &dacl);
    ULONG needed = sizeof(SECURITY_DESCRIPTOR_RELATIVE) + AclLength(sacl) + AclLength(dacl) +
                   SidLength(absolute->Owner) + SidLength(absolute->Group);
    if (*length < needed || !relative) {
        *length = needed;
        return STATUS_BUFFER_TOO_SMALL;
    }
    memset(relative, 0, sizeof(*relative));
    relative->Revision = absolute->Revision;
    relative->Sbz1 = absolute->Sbz1;
    relative->Control = absolute->Control | SE_SELF_RELATIVE;
    ULONG offset = sizeof(SECURITY_DESCRIPTOR_RELATIVE);
    Place(relative, &offset, &relative->Sacl, sacl, sacl ? sacl->AclSize : 0);
    Place(relative, &offset, &relative->Dacl, dacl, dacl ? dacl->AclSize : 0);
    Place(relative, &offset, &relative->Owner, absolute->Owner,
          absolute->Owner ? RtlLengthSid(absolute->Owner) : 0);
    Place(relative, &offset, &relative->Group, absolute->Group,
          absolute->Group ? RtlLengthSid(absolute->Group) : 0);
    return STATUS_SUCCESS;
}

/* The bytes a self-relative descriptor occupies: its header and the parts
 * its offsets name. */
static ULONG RelativeLength(const SECURITY_DESCRIPTOR_RELATIVE *sd)
{
    const BYTE *base = (const BYTE *)sd;
    ULONG length = sizeof(*sd);
    if (sd->Owner) {
        length += SidLength((PSID)(base + sd->Owner));
    }
    if (sd->Group) {
        length += SidLength((PSID)(base + sd->Group));
    }
    if ((sd->Control & SE_SACL_PRESENT) && sd->Sacl) {
        length += AclLength((const ACL *)(base + sd->Sacl));
    }
    if ((sd->Control & SE_DACL_PRESENT) && sd->Dacl) {
        length += AclLength((const ACL *)(base + sd->Dacl));
    }
    return length;
}

NTSTATUS NTAPI RtlMakeSelfRelativeSD(SECURITY_DESCRIPTOR *descriptor,
                                     SECURITY_DESCRIPTOR_RELATIVE *relative, ULONG *length)
{
    if (!descriptor || !length) {
        return STATUS_INVALID_PARAMETER;
    }
    if (!(descriptor->Control & SE_SELF_RELATIVE)) {
        return RtlAbsoluteToSelfRelativeSD(descriptor, relative, length);
    }
    ULONG needed = RelativeLength((const SECURITY_DESCRIPTOR_RELATIVE *)descriptor);
    if (*length < needed || !relative) {
        *length = needed;
        return STATUS_BUFFER_TOO_SMALL;
    }
    memmove(relative, descriptor, needed);
    return STATUS_SUCCESS;
}

/* Where the next ACE would go: FALSE (and NULL) when an ACE already in the
 * list starts at or past the ACL's end; TRUE and NULL when the list runs
 * past the end; an ACL with no room left answers its end (a header-only
 * ACL answers the byte after its header). */
BOOLEAN NTAPI RtlFirstFreeAce(ACL *acl, ACE_HEADER **first_free)
{
    BYTE *end = (BYTE *)acl + acl->AclSize;
    BYTE *ace = (BYTE *)(acl + 1);
    *first_free = NULL;
    for (ULONG i = 0; i < acl->AceCount; i++) {
        if (ace >= end) {
            return FALSE;
        }
        ace += ((ACE_HEADER *)ace)->AceSize;
    }
    if (ace <= end) {
        *first_free = (ACE_HEADER *)ace;
    }
    return TRUE;
}
