/*
 * Page protections: Win32 PAGE_* values to NT's 5-bit protection field
 * (MiMakeProtectionMask, built on NT's MmUserProtectionToMask tables) and
 * back (MmProtectToValue), and the hardware PTE bits for each (what
 * MmProtectToPteMask gives NT). One table each way.
 *
 * The 5-bit value is a base access (bits 0-2) plus NOCACHE (0x08) and GUARD
 * (0x10); both together mean WRITECOMBINE. With no base access the special
 * bits name NT's own states: 0x10 is a decommitted page, 0x18 NOACCESS.
 */
#include "mm/mi.h"

/* Base protection -> MM value; index = log2(PAGE_x), PAGE_NOACCESS..EXECUTE_WRITECOPY. */
static const uint32_t ProtectToValue[8] = {
    MM_NOACCESS,          /* PAGE_NOACCESS          0x01 */
    MM_READONLY,          /* PAGE_READONLY          0x02 */
    MM_READWRITE,         /* PAGE_READWRITE         0x04 */
    MM_WRITECOPY,         /* PAGE_WRITECOPY         0x08 */
    MM_EXECUTE,           /* PAGE_EXECUTE           0x10 */
    MM_EXECUTE_READ,      /* PAGE_EXECUTE_READ      0x20 */
    MM_EXECUTE_READWRITE, /* PAGE_EXECUTE_READWRITE 0x40 */
    MM_EXECUTE_WRITECOPY, /* PAGE_EXECUTE_WRITECOPY 0x80 */
};

/* MM base access -> Win32 base protection. */
static const uint32_t ValueToProtect[8] = {
    0,                      /* MM_ZERO_ACCESS */
    PAGE_READONLY,          /* MM_READONLY */
    PAGE_EXECUTE,           /* MM_EXECUTE */
    PAGE_EXECUTE_READ,      /* MM_EXECUTE_READ */
    PAGE_READWRITE,         /* MM_READWRITE */
    PAGE_WRITECOPY,         /* MM_WRITECOPY */
    PAGE_EXECUTE_READWRITE, /* MM_EXECUTE_READWRITE */
    PAGE_EXECUTE_WRITECOPY, /* MM_EXECUTE_WRITECOPY */
};

/*
 * Windows' rules: exactly one base protection and no bit above
 * PAGE_WRITECOMBINE; at most one of GUARD, NOCACHE, WRITECOMBINE (they
 * share the two special bits); none of them on PAGE_NOACCESS; and
 * WRITECOMBINE never on an executable protection.
 */
uint32_t MiMakeProtectionMask(uint32_t protect)
{
    uint32_t base = protect & 0xFF;
    uint32_t modifiers = protect & ~0xFFu;

    if (base == 0 || (base & (base - 1)) != 0 ||
        (modifiers & ~(PAGE_GUARD | PAGE_NOCACHE | PAGE_WRITECOMBINE)) != 0) {
        return MM_INVALID_PROTECTION;
    }
    uint32_t value = ProtectToValue[__builtin_ctz(base)];
    if (modifiers == 0) {
        return value;
    }
    if (value == MM_NOACCESS) {
        return MM_INVALID_PROTECTION;
    }
    switch (modifiers) {
    case PAGE_GUARD:
        return value | MM_GUARD_PAGE;
    case PAGE_NOCACHE:
        return value | MM_NOCACHE;
    case PAGE_WRITECOMBINE:
        return MiIsPteProtectionExecutable(value) ? MM_INVALID_PROTECTION
                                                  : value | MM_WRITECOMBINE;
    default:
        return MM_INVALID_PROTECTION;
    }
}

/* What NtQueryVirtualMemory and OldProtect report. A decommitted page
 * (and the unused value 0) has no Win32 protection. */
uint32_t MiProtectionToWin32(uint32_t protection)
{
    uint32_t base = protection & MM_PROTECT_ACCESS;
    uint32_t special = protection & MM_PROTECT_SPECIAL;

    if (base == MM_ZERO_ACCESS) {
        return special == MM_NOACCESS ? PAGE_NOACCESS : 0;
    }
    uint32_t win32 = ValueToProtect[base];
    switch (special) {
    case MM_NOCACHE:
        return win32 | PAGE_NOCACHE;
    case MM_GUARD_PAGE:
        return win32 | PAGE_GUARD;
    case MM_WRITECOMBINE:
        return win32 | PAGE_WRITECOMBINE;
    default:
        return win32;
    }
}

/* Write access allowed at all (copy-on-write counts: the write succeeds). */
bool MiIsPteProtectionWritable(uint32_t protection)
{
    switch (protection & MM_PROTECT_ACCESS) {
    case MM_READWRITE:
    case MM_WRITECOPY:
    case MM_EXECUTE_READWRITE:
    case MM_EXECUTE_WRITECOPY:
        return true;
    default:
        return false;
    }
}

bool MiIsPteProtectionExecutable(uint32_t protection)
{
    switch (protection & MM_PROTECT_ACCESS) {
    case MM_EXECUTE:
    case MM_EXECUTE_READ:
    case MM_EXECUTE_READWRITE:
    case MM_EXECUTE_WRITECOPY:
        return true;
    default:
        return false;
    }
}

/*
 * The hardware PTE for a resident page. x86 cannot express execute-only, so
 * EXECUTE reads too. WRITECOPY pages are read-only in hardware and marked
 * copy-on-write: the first write faults and pagfault.c decides. NOCACHE sets
 * PCD; WRITECOMBINE sets PWT alone, which NT's PAT setup makes write-combined
 * (the emulated CPU has no caches, so both are only recorded).
 *
 * NT never leaves a guard or no-access page valid: it takes the page out of
 * the working set (a transition PTE). Here such a page stays valid *without*
 * the user bit instead (a protection change need not trim it), so every
 * user access faults and pagfault.c finds the real protection in the PFN's
 * OriginalPte.
 */
MMPTE MiMakeValidPte(uint32_t pfn, uint32_t protection)
{
    MMPTE pte = ((MMPTE)pfn << PAGE_SHIFT) | MM_PTE_VALID | MM_PTE_OWNER | MM_PTE_ACCESSED;
    uint32_t base = protection & MM_PROTECT_ACCESS;
    uint32_t special = protection & MM_PROTECT_SPECIAL;

    if (base == MM_READWRITE || base == MM_EXECUTE_READWRITE) {
        pte |= MM_PTE_WRITE | MM_PTE_SW_WRITE;
    } else if (base == MM_WRITECOPY || base == MM_EXECUTE_WRITECOPY) {
        pte |= MM_PTE_COPY_ON_WRITE;
    }
    if (!MiIsPteProtectionExecutable(protection)) {
        pte |= MM_PTE_NO_EXECUTE;
    }
    if (base == MM_ZERO_ACCESS || special == MM_GUARD_PAGE) {
        pte &= ~MM_PTE_OWNER; /* NOACCESS, or a guard on a resident page */
    } else if (special == MM_NOCACHE) {
        pte |= MM_PTE_CACHE_DISABLE;
    } else if (special == MM_WRITECOMBINE) {
        pte |= MM_PTE_WRITETHROUGH;
    }
    return pte;
}

uint32_t MiWithCopyOnWrite(uint32_t protection, bool copy)
{
    uint32_t access = protection & MM_PROTECT_ACCESS;
    uint32_t special = protection & MM_PROTECT_SPECIAL;
    if (access == MM_READWRITE || access == MM_WRITECOPY) {
        return (copy ? MM_WRITECOPY : MM_READWRITE) | special;
    }
    if (access == MM_EXECUTE_READWRITE || access == MM_EXECUTE_WRITECOPY) {
        return (copy ? MM_EXECUTE_WRITECOPY : MM_EXECUTE_READWRITE) | special;
    }
    return protection;
}

/*
 * PAGE_NOCACHE and PAGE_WRITECOMBINE belong to a private allocation as a
 * whole: given when it is reserved, they are every page's, whatever
 * protection a later commit or NtProtectVirtualMemory asks for (the cache
 * bits of the request are neither added nor removed). A guard page cannot
 * carry one (NOCACHE|GUARD is the WRITECOMBINE encoding, as in NT), so
 * PAGE_GUARD on such an allocation gives MM_INVALID_PROTECTION.
 */
uint32_t MiWithAllocationCache(const MMVAD *vad, uint32_t protection)
{
    if (!vad->PrivateMemory || protection == MM_INVALID_PROTECTION) {
        return protection;
    }
    uint32_t access = protection & MM_PROTECT_ACCESS;
    uint32_t special = protection & MM_PROTECT_SPECIAL;
    uint32_t cache = vad->Protection & MM_PROTECT_SPECIAL;
    if (!(vad->Protection & MM_PROTECT_ACCESS) || cache == MM_GUARD_PAGE) {
        cache = 0; /* a NOACCESS reservation, or a guard: no cache attribute */
    }
    if (access == MM_ZERO_ACCESS) {
        return protection; /* PAGE_NOACCESS: no attribute to carry */
    }
    if (special == MM_GUARD_PAGE) {
        return cache ? MM_INVALID_PROTECTION : protection;
    }
    return access | cache;
}
