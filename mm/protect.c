/*
 * Page protections: Win32 PAGE_* values to NT's 5-bit protection field
 * (MmProtectToValue) and back, and the hardware PTE bits for each (what
 * MmProtectToPteMask gives NT). One table each way.
 *
 * The 5-bit value is a base access (bits 0-2) plus NOCACHE (0x08) and GUARD
 * (0x10); both together mean WRITECOMBINE. With no base access the special
 * bits name NT's own states: 0x10 is a decommitted page, 0x18 NOACCESS.
 */
#include "mm/mi.h"

/* Base protection → MM value; index = log2(PAGE_x) for PAGE_NOACCESS..EXECUTE_WRITECOPY. */
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

/* MM base access → Win32 base protection. */
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

uint32_t MiMakeProtectionMask(uint32_t protect)
{
    uint32_t base = protect & 0xFF;
    uint32_t modifiers = protect & ~0xFFu;

    /* Exactly one base protection, and only the three known modifiers. */
    if (base == 0 || (base & (base - 1)) != 0 ||
        (modifiers & ~(PAGE_GUARD | PAGE_NOCACHE | PAGE_WRITECOMBINE)) != 0) {
        return MM_INVALID_PROTECTION;
    }
    uint32_t index = (uint32_t)__builtin_ctz(base);
    uint32_t value = ProtectToValue[index];

    if (modifiers == 0) {
        return value;
    }
    /* NOACCESS takes no modifier; NOCACHE and WRITECOMBINE exclude each
     * other and GUARD (they share the special bits). */
    if (base == PAGE_NOACCESS) {
        return MM_INVALID_PROTECTION;
    }
    switch (modifiers) {
    case PAGE_GUARD:
        return value | MM_GUARD_PAGE;
    case PAGE_NOCACHE:
        return value | MM_NOCACHE;
    case PAGE_WRITECOMBINE:
        return value | MM_WRITECOMBINE;
    default:
        return MM_INVALID_PROTECTION;
    }
}

uint32_t MiProtectionToWin32(uint32_t protection)
{
    uint32_t base = protection & MM_PROTECT_ACCESS;
    uint32_t special = protection & MM_PROTECT_SPECIAL;

    if (base == MM_ZERO_ACCESS) {
        return special == MM_NOACCESS ? PAGE_NOACCESS : 0; /* 0x10: decommitted */
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

bool MiIsPteProtectionWritable(uint32_t protection)
{
    switch (protection & MM_PROTECT_ACCESS) {
    case MM_READWRITE:
    case MM_WRITECOPY:
    case MM_EXECUTE_READWRITE:
    case MM_EXECUTE_WRITECOPY:
        return (protection & MM_PROTECT_SPECIAL) != MM_NOACCESS;
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
 * copy-on-write: the first write faults and decides. NOCACHE sets PCD;
 * WRITECOMBINE sets PWT (the emulated CPU has no caches, so both are only
 * recorded). Guard and no-access pages are never made valid this way.
 */
MMPTE MiMakeValidPte(uint32_t pfn, uint32_t protection)
{
    MMPTE pte = ((MMPTE)pfn << PAGE_SHIFT) | MM_PTE_VALID | MM_PTE_OWNER | MM_PTE_ACCESSED;
    uint32_t base = protection & MM_PROTECT_ACCESS;

    if (base == MM_READWRITE || base == MM_EXECUTE_READWRITE) {
        pte |= MM_PTE_WRITE | MM_PTE_SW_WRITE;
    } else if (base == MM_WRITECOPY || base == MM_EXECUTE_WRITECOPY) {
        pte |= MM_PTE_COPY_ON_WRITE;
    }
    if (!MiIsPteProtectionExecutable(protection)) {
        pte |= MM_PTE_NO_EXECUTE;
    }
    switch (protection & MM_PROTECT_SPECIAL) {
    case MM_NOCACHE:
        pte |= MM_PTE_CACHE_DISABLE;
        break;
    case MM_WRITECOMBINE:
        pte |= MM_PTE_WRITETHROUGH;
        break;
    case MM_GUARD_PAGE:
        /* Only for a guard set on a resident page: no user access until
         * the first touch (pagfault.c). */
        pte &= ~MM_PTE_OWNER;
        break;
    default:
        break;
    }
    if (base == MM_ZERO_ACCESS) {
        pte &= ~MM_PTE_OWNER; /* NOACCESS set on a resident page */
    }
    return pte;
}
