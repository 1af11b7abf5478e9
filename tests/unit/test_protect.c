/*
 * Page protections: Win32 PAGE_* <-> NT's 5-bit value for every value, the
 * hardware PTE for each, and the virtual-memory services driven from the
 * host (statuses, commit charge, PTEs).
 */
#include <check.h>

#include "tests/unit/checkmain.h"
#include <stdlib.h>

#include "mm/mi.h"
#include "tests/unit/mmfixture.h"

static const uint32_t Bases[] = {
    PAGE_NOACCESS, PAGE_READONLY, PAGE_READWRITE, PAGE_WRITECOPY,
    PAGE_EXECUTE, PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE, PAGE_EXECUTE_WRITECOPY,
};
static const uint32_t Modifiers[] = {0, PAGE_GUARD, PAGE_NOCACHE, PAGE_WRITECOMBINE};

/* Windows' MiMakeProtectionMask: no modifier on NOACCESS, and no
 * WRITECOMBINE on an executable protection. */
static bool WindowsAccepts(uint32_t base, uint32_t modifier)
{
    if (base == PAGE_NOACCESS) {
        return modifier == 0;
    }
    if (modifier == PAGE_WRITECOMBINE) {
        return base < PAGE_EXECUTE;
    }
    return true;
}

START_TEST(every_protection_round_trips_or_is_refused)
{
    for (unsigned b = 0; b < 8; b++) {
        for (unsigned m = 0; m < 4; m++) {
            uint32_t win32 = Bases[b] | Modifiers[m];
            uint32_t value = MiMakeProtectionMask(win32);
            if (!WindowsAccepts(Bases[b], Modifiers[m])) {
                ck_assert_msg(value == MM_INVALID_PROTECTION, "0x%x accepted", win32);
                continue;
            }
            ck_assert_msg(value != MM_INVALID_PROTECTION, "0x%x refused", win32);
            ck_assert_uint_lt(value, 32);
            ck_assert_msg(MiProtectionToWin32(value) == win32, "0x%x -> 0x%x -> 0x%x", win32, value,
                          MiProtectionToWin32(value));
        }
    }
}
END_TEST

START_TEST(nt_values)
{
    ck_assert_uint_eq(MiMakeProtectionMask(PAGE_NOACCESS), MM_NOACCESS);
    ck_assert_uint_eq(MiMakeProtectionMask(PAGE_READONLY), MM_READONLY);
    ck_assert_uint_eq(MiMakeProtectionMask(PAGE_EXECUTE), MM_EXECUTE);
    ck_assert_uint_eq(MiMakeProtectionMask(PAGE_EXECUTE_READ), MM_EXECUTE_READ);
    ck_assert_uint_eq(MiMakeProtectionMask(PAGE_READWRITE), MM_READWRITE);
    ck_assert_uint_eq(MiMakeProtectionMask(PAGE_WRITECOPY), MM_WRITECOPY);
    ck_assert_uint_eq(MiMakeProtectionMask(PAGE_EXECUTE_READWRITE), MM_EXECUTE_READWRITE);
    ck_assert_uint_eq(MiMakeProtectionMask(PAGE_EXECUTE_WRITECOPY), MM_EXECUTE_WRITECOPY);
    ck_assert_uint_eq(MiMakeProtectionMask(PAGE_READWRITE | PAGE_GUARD), MM_READWRITE | MM_GUARD_PAGE);
    ck_assert_uint_eq(MiMakeProtectionMask(PAGE_READWRITE | PAGE_NOCACHE), MM_READWRITE | MM_NOCACHE);
    ck_assert_uint_eq(MiMakeProtectionMask(PAGE_READONLY | PAGE_WRITECOMBINE),
                      MM_READONLY | MM_WRITECOMBINE);
    /* NT's own states read back as no Win32 protection / NOACCESS. */
    ck_assert_uint_eq(MiProtectionToWin32(MM_ZERO_ACCESS), 0);
    ck_assert_uint_eq(MiProtectionToWin32(MM_DECOMMIT), 0);
    ck_assert_uint_eq(MiProtectionToWin32(MM_NOACCESS), PAGE_NOACCESS);
}
END_TEST

START_TEST(invalid_combinations)
{
    const uint32_t bad[] = {
        0,                                         /* no base protection */
        PAGE_READONLY | PAGE_READWRITE,            /* two base protections */
        PAGE_EXECUTE | PAGE_EXECUTE_READ,
        PAGE_READWRITE | PAGE_EXECUTE,
        PAGE_GUARD,                                /* a modifier alone */
        PAGE_NOCACHE | PAGE_WRITECOMBINE,
        PAGE_NOACCESS | PAGE_GUARD,
        PAGE_READWRITE | PAGE_NOCACHE | PAGE_WRITECOMBINE,
        PAGE_READWRITE | PAGE_GUARD | PAGE_NOCACHE,
        PAGE_READWRITE | PAGE_GUARD | PAGE_WRITECOMBINE,
        PAGE_EXECUTE_READ | PAGE_WRITECOMBINE,
        PAGE_READWRITE | 0x800,                    /* an unknown bit */
        0x40000000u | PAGE_READWRITE,
    };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(MiMakeProtectionMask(bad[i]) == MM_INVALID_PROTECTION, "0x%x accepted", bad[i]);
    }
}
END_TEST

START_TEST(writable_and_executable)
{
    ck_assert(MiIsPteProtectionWritable(MM_READWRITE));
    ck_assert(MiIsPteProtectionWritable(MM_WRITECOPY));
    ck_assert(MiIsPteProtectionWritable(MM_EXECUTE_READWRITE));
    ck_assert(MiIsPteProtectionWritable(MM_EXECUTE_WRITECOPY));
    ck_assert(MiIsPteProtectionWritable(MM_READWRITE | MM_GUARD_PAGE));
    ck_assert(!MiIsPteProtectionWritable(MM_READONLY));
    ck_assert(!MiIsPteProtectionWritable(MM_EXECUTE_READ));
    ck_assert(!MiIsPteProtectionWritable(MM_NOACCESS));
    ck_assert(!MiIsPteProtectionWritable(MM_DECOMMIT));
    ck_assert(MiIsPteProtectionExecutable(MM_EXECUTE));
    ck_assert(MiIsPteProtectionExecutable(MM_EXECUTE_READ));
    ck_assert(MiIsPteProtectionExecutable(MM_EXECUTE_WRITECOPY));
    ck_assert(!MiIsPteProtectionExecutable(MM_READWRITE));
    ck_assert(!MiIsPteProtectionExecutable(MM_WRITECOPY));
    ck_assert(!MiIsPteProtectionExecutable(MM_NOACCESS));
}
END_TEST

/* MiMakeValidPte: which hardware bits each base protection gets. */
START_TEST(valid_pte_bits)
{
    static const struct {
        uint32_t Protection;
        bool Write, CopyOnWrite, Execute;
    } cases[] = {
        {MM_READONLY, false, false, false},
        {MM_EXECUTE, false, false, true},
        {MM_EXECUTE_READ, false, false, true},
        {MM_READWRITE, true, false, false},
        {MM_WRITECOPY, false, true, false},
        {MM_EXECUTE_READWRITE, true, false, true},
        {MM_EXECUTE_WRITECOPY, false, true, true},
    };
    const uint32_t pfn = 0x1234;
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MMPTE pte = MiMakeValidPte(pfn, cases[i].Protection);
        ck_assert(MiPteIsValid(pte));
        ck_assert_uint_eq(MiPteFrame(pte), pfn);
        ck_assert_msg(pte & MM_PTE_OWNER, "protection %u not user-accessible", cases[i].Protection);
        ck_assert_int_eq((pte & MM_PTE_WRITE) != 0, cases[i].Write);
        ck_assert_int_eq((pte & MM_PTE_SW_WRITE) != 0, cases[i].Write);
        ck_assert_int_eq((pte & MM_PTE_COPY_ON_WRITE) != 0, cases[i].CopyOnWrite);
        ck_assert_int_eq((pte & MM_PTE_NO_EXECUTE) == 0, cases[i].Execute);
        ck_assert(!(pte & (MM_PTE_CACHE_DISABLE | MM_PTE_WRITETHROUGH)));
        /* The caching modifiers keep the access bits and add PCD / PWT. */
        MMPTE nocache = MiMakeValidPte(pfn, cases[i].Protection | MM_NOCACHE);
        ck_assert_uint_eq(nocache, pte | MM_PTE_CACHE_DISABLE);
        MMPTE combined = MiMakeValidPte(pfn, cases[i].Protection | MM_WRITECOMBINE);
        ck_assert_uint_eq(combined, pte | MM_PTE_WRITETHROUGH);
        /* A guard on a resident page: valid, but no user access at all. */
        MMPTE guard = MiMakeValidPte(pfn, cases[i].Protection | MM_GUARD_PAGE);
        ck_assert(MiPteIsValid(guard));
        ck_assert(!(guard & MM_PTE_OWNER));
    }
    MMPTE none = MiMakeValidPte(pfn, MM_NOACCESS);
    ck_assert(MiPteIsValid(none));
    ck_assert(!(none & (MM_PTE_OWNER | MM_PTE_WRITE | MM_PTE_CACHE_DISABLE | MM_PTE_WRITETHROUGH)));
    ck_assert(none & MM_PTE_NO_EXECUTE);
}
END_TEST

/* ------------------------------------------------------------ services */

/* Every page charged by a test is returned when its address space goes. */
static void Teardown(void)
{
    MmDeleteProcessAddressSpace(Process);
    Process = NULL;
    ck_assert_uint_eq(System->CommittedPages, 0);
    MmFixtureTeardown();
}

static NTSTATUS Alloc(uint32_t base, uint32_t size, uint32_t type, uint32_t protect,
                      uint32_t *out_base, uint32_t *out_size)
{
    NTSTATUS status = MmAllocateVirtual(Process, &base, 0, &size, type, protect);
    if (out_base) {
        *out_base = base;
    }
    if (out_size) {
        *out_size = size;
    }
    return status;
}

static NTSTATUS Free(uint32_t base, uint32_t size, uint32_t type)
{
    return MmFreeVirtual(Process, &base, &size, type);
}

static MEMORY_BASIC_INFORMATION32 Query(uint32_t va)
{
    MEMORY_BASIC_INFORMATION32 info;
    ck_assert_int_eq(MmQueryVirtual(Process, va, &info), STATUS_SUCCESS);
    return info;
}

START_TEST(allocation_statuses)
{
    uint32_t base, size;
    /* NT's order: ZeroBits, type, protection, then the range. */
    ck_assert_int_eq(MmAllocateVirtual(Process, &(uint32_t){0}, 22, &(uint32_t){0x1000},
                                       0, 0), STATUS_INVALID_PARAMETER_3);
    ck_assert_int_eq(Alloc(0, 0, 0, 0, NULL, NULL), STATUS_INVALID_PARAMETER_5);
    ck_assert_int_eq(Alloc(0, 0, MEM_RESET | MEM_COMMIT, PAGE_READWRITE, NULL, NULL),
                     STATUS_INVALID_PARAMETER_5);
    ck_assert_int_eq(Alloc(0, 0, MEM_WRITE_WATCH | MEM_COMMIT, PAGE_READWRITE, NULL, NULL),
                     STATUS_INVALID_PARAMETER_5);
    ck_assert_int_eq(Alloc(0, 0x1000, MEM_PHYSICAL | MEM_RESERVE, PAGE_READONLY, NULL, NULL),
                     STATUS_INVALID_PARAMETER_6);
    ck_assert_int_eq(Alloc(0, 0, MEM_COMMIT, 0, NULL, NULL), STATUS_INVALID_PAGE_PROTECTION);
    ck_assert_int_eq(Alloc(0x7FFE0000, 0x1000, MEM_RESERVE, PAGE_READWRITE, NULL, NULL),
                     STATUS_INVALID_PARAMETER_2);
    ck_assert_int_eq(Alloc(0x7FFD0000, 0x20000, MEM_RESERVE, PAGE_READWRITE, NULL, NULL),
                     STATUS_INVALID_PARAMETER_4);
    ck_assert_int_eq(Alloc(0, 0, MEM_COMMIT, PAGE_READWRITE, NULL, NULL),
                     STATUS_INVALID_PARAMETER_4);
    ck_assert_int_eq(Alloc(0xF000, 0x1000, MEM_RESERVE, PAGE_READWRITE, NULL, NULL),
                     STATUS_INVALID_PARAMETER_2);
    ck_assert_int_eq(Alloc(0, 0x1000, MEM_COMMIT, PAGE_WRITECOPY, NULL, NULL),
                     STATUS_INVALID_PAGE_PROTECTION);
    ck_assert_int_eq(Alloc(0, 0x1000, MEM_LARGE_PAGES | MEM_COMMIT, PAGE_READWRITE, NULL, NULL),
                     STATUS_PRIVILEGE_NOT_HELD);
    /* ZeroBits 1 allows all of user space (Windows since Vista). */
    base = 0;
    size = 0x1000;
    ck_assert_int_eq(MmAllocateVirtual(Process, &base, 1, &size, MEM_RESERVE, PAGE_READWRITE),
                     STATUS_SUCCESS);
    ck_assert_uint_le(base + size - 1, 0x7FFFFFFF);
    base = 0;
    ck_assert_int_eq(MmAllocateVirtual(Process, &base, 12, &size, MEM_RESERVE | MEM_TOP_DOWN,
                                       PAGE_READWRITE), STATUS_SUCCESS);
    ck_assert_uint_le(base + size - 1, 0x000FFFFF);

    /* Rounding: base down to 64 KiB, end up to 4 KiB (Windows' own cases). */
    ck_assert_int_eq(Alloc(0x5000FFFF, 0x3000, MEM_RESERVE, PAGE_NOACCESS, &base, &size),
                     STATUS_SUCCESS);
    ck_assert_uint_eq(base, 0x50000000);
    ck_assert_uint_eq(size, 0x13000);
    ck_assert_int_eq(Alloc(0x50008000, 0x1000, MEM_RESERVE, PAGE_NOACCESS, NULL, NULL),
                     STATUS_CONFLICTING_ADDRESSES);
    ck_assert_int_eq(Alloc(0x50013000, 0x1000, MEM_COMMIT, PAGE_READWRITE, NULL, NULL),
                     STATUS_CONFLICTING_ADDRESSES);
    ck_assert_int_eq(Alloc(0x50012800, 0x1000, MEM_COMMIT, PAGE_READWRITE, NULL, NULL),
                     STATUS_CONFLICTING_ADDRESSES);
    ck_assert_int_eq(Alloc(0x50002010, 0x10, MEM_COMMIT, PAGE_READWRITE, &base, &size),
                     STATUS_SUCCESS);
    ck_assert_uint_eq(base, 0x50002000);
    ck_assert_uint_eq(size, 0x1000);
    /* MEM_RESET shrinks inward: less than a whole page is nothing to reset. */
    ck_assert_int_eq(Alloc(0x50002010, 0x1000, MEM_RESET, PAGE_READWRITE, NULL, NULL),
                     STATUS_CONFLICTING_ADDRESSES);
    ck_assert_int_eq(Alloc(0x50001800, 0x2000, MEM_RESET, PAGE_NOACCESS, &base, &size),
                     STATUS_SUCCESS);
    ck_assert_uint_eq(base, 0x50002000);
    ck_assert_uint_eq(size, 0x1000);
    ck_assert_int_eq(Free(0x50000000, 0, MEM_RELEASE), STATUS_SUCCESS);
}
END_TEST

START_TEST(commit_charge)
{
    uint32_t base, size;
    uint32_t charge = MmGetCommitCharge(Process);
    ck_assert_int_eq(Alloc(0, 0x10000, MEM_RESERVE, PAGE_READWRITE, &base, &size), STATUS_SUCCESS);
    ck_assert_uint_eq(MmGetCommitCharge(Process), charge);
    ck_assert_int_eq(Alloc(base + 0x1000, 0x3000, MEM_COMMIT, PAGE_READWRITE, NULL, NULL),
                     STATUS_SUCCESS);
    ck_assert_uint_eq(MmGetCommitCharge(Process), charge + 3);
    /* Re-commit over committed and fresh pages charges only the fresh one. */
    ck_assert_int_eq(Alloc(base, 0x2000, MEM_COMMIT, PAGE_READONLY, NULL, NULL), STATUS_SUCCESS);
    ck_assert_uint_eq(MmGetCommitCharge(Process), charge + 4);
    ck_assert_uint_eq(Query(base).Protect, PAGE_READONLY);
    ck_assert_uint_eq(Query(base).RegionSize, 0x2000);
    /* Decommit of a partly committed range returns what was committed. */
    ck_assert_int_eq(Free(base + 0x3000, 0x2000, MEM_DECOMMIT), STATUS_SUCCESS);
    ck_assert_uint_eq(MmGetCommitCharge(Process), charge + 3);
    ck_assert_uint_eq(MmGetPeakCommit(Process), charge + 4);
    /* More than RAM can back is refused, with nothing changed. */
    uint32_t huge = 0, huge_size = 0x7000000;
    ck_assert_int_eq(MmAllocateVirtual(Process, &huge, 0, &huge_size, MEM_RESERVE | MEM_COMMIT,
                                       PAGE_READWRITE), STATUS_COMMITMENT_LIMIT);
    ck_assert_uint_eq(MmGetCommitCharge(Process), charge + 3);
    ck_assert_int_eq(Free(base, 0, MEM_RELEASE), STATUS_SUCCESS);
    ck_assert_uint_eq(MmGetCommitCharge(Process), charge);
}
END_TEST

START_TEST(free_statuses_and_split)
{
    uint32_t base, size;
    ck_assert_int_eq(Alloc(0x20000000, 0x30000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE,
                           &base, &size), STATUS_SUCCESS);
    ck_assert_int_eq(Free(base, 0, MEM_DECOMMIT | MEM_RELEASE), STATUS_INVALID_PARAMETER_4);
    ck_assert_int_eq(Free(0x21000000, 0, MEM_RELEASE), STATUS_MEMORY_NOT_ALLOCATED);
    ck_assert_int_eq(Free(0x20020000, 0x20000, MEM_DECOMMIT), STATUS_UNABLE_TO_FREE_VM);
    ck_assert_int_eq(Free(0x20010000, 0, MEM_RELEASE), STATUS_FREE_VM_NOT_AT_BASE);
    ck_assert_int_eq(Free(0x20010000, 0, MEM_DECOMMIT), STATUS_FREE_VM_NOT_AT_BASE);
    ck_assert_int_eq(Free(0x7FFE0000, 0x1000, MEM_RELEASE), STATUS_MEMORY_NOT_ALLOCATED);
    ck_assert_int_eq(Free(0x7FFF0000, 0x1000, MEM_RELEASE), STATUS_INVALID_PARAMETER_2);
    ck_assert_int_eq(Free(0x20000000, 0x60000000, MEM_RELEASE), STATUS_INVALID_PARAMETER_3);
    uint32_t charge = MmGetCommitCharge(Process);

    /* A page of a VAD committed at birth: decommitted, it reads reserved. */
    uint32_t one = 0x1000;
    ck_assert_int_eq(MmCopyToUser(Process, 0x20001000, &one, 4), STATUS_SUCCESS);
    ck_assert_int_eq(Free(0x20001000, 0x1000, MEM_DECOMMIT), STATUS_SUCCESS);
    ck_assert_uint_eq(Query(0x20001000).State, MEM_RESERVE);
    ck_assert_uint_eq(MmGetCommitCharge(Process), charge - 1);

    /* The middle 64 KiB released: two allocations remain. */
    ck_assert_int_eq(Free(0x20010000, 0x10000, MEM_RELEASE), STATUS_SUCCESS);
    ck_assert_uint_eq(MmGetCommitCharge(Process), charge - 1 - 16);
    MEMORY_BASIC_INFORMATION32 info = Query(0x20010000);
    ck_assert_uint_eq(info.State, MEM_FREE);
    ck_assert_uint_eq(info.RegionSize, 0x10000);
    info = Query(0x20020000);
    ck_assert_uint_eq(info.State, MEM_COMMIT);
    ck_assert_uint_eq(info.AllocationBase, 0x20020000);
    ck_assert_uint_eq(info.RegionSize, 0x10000);
    info = Query(0x20000000);
    ck_assert_uint_eq(info.AllocationBase, 0x20000000);
    ck_assert_uint_eq(info.RegionSize, 0x1000);
    ck_assert_int_eq(Free(0x20020000, 0, MEM_RELEASE), STATUS_SUCCESS);
    ck_assert_int_eq(Free(0x20000000, 0, MEM_RELEASE), STATUS_SUCCESS);
    ck_assert_uint_eq(MmGetCommitCharge(Process), charge - 48);
    ck_assert_uint_eq(Query(0x20000000).State, MEM_FREE);
}
END_TEST

START_TEST(protect_resident_and_guard)
{
    uint32_t base, size, old;
    ck_assert_int_eq(Alloc(0, 0x3000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE, &base, &size),
                     STATUS_SUCCESS);
    uint32_t value = 7;
    ck_assert_int_eq(MmCopyToUser(Process, base, &value, 4), STATUS_SUCCESS);
    MMPTE *pte = MiGetPteAddress(Process, base, false);
    ck_assert(pte && MiPteIsValid(*pte) && (*pte & MM_PTE_WRITE));

    /* Read-only at once: the hardware PTE loses its write bit. */
    uint32_t b = base + 0x10, s = 0xFF0;
    ck_assert_int_eq(MmProtectVirtual(Process, &b, &s, PAGE_READONLY, &old), STATUS_SUCCESS);
    ck_assert_uint_eq(old, PAGE_READWRITE);
    ck_assert_uint_eq(b, base);
    ck_assert_uint_eq(s, 0x1000);
    ck_assert(MiPteIsValid(*pte) && !(*pte & MM_PTE_WRITE) && (*pte & MM_PTE_OWNER));
    ck_assert_int_eq(MmCopyToUser(Process, base, &value, 4), STATUS_ACCESS_VIOLATION);

    /* A guard on the resident page: still valid, no user access, and the
     * protection is in the PFN. Querying does not disarm it. */
    b = base;
    ck_assert_int_eq(MmProtectVirtual(Process, &b, &s, PAGE_READWRITE | PAGE_GUARD, &old),
                     STATUS_SUCCESS);
    ck_assert_uint_eq(old, PAGE_READONLY);
    ck_assert(MiPteIsValid(*pte) && !(*pte & MM_PTE_OWNER));
    ck_assert_uint_eq(MiPteProtection(MiGetPfn(System, MiPteFrame(*pte))->OriginalPte),
                      MM_READWRITE | MM_GUARD_PAGE);
    ck_assert_uint_eq(Query(base).Protect, PAGE_READWRITE | PAGE_GUARD);
    ck_assert_uint_eq(Query(base).Protect, PAGE_READWRITE | PAGE_GUARD);
    /* The first touch raises the guard exception and clears the guard. */
    MM_FAULT_INFO info;
    ck_assert_int_eq(MmAccessFault(Process, base, EXCEPTION_READ_FAULT, true, &info),
                     STATUS_GUARD_PAGE_VIOLATION);
    ck_assert_uint_eq(Query(base).Protect, PAGE_READWRITE);
    ck_assert_int_eq(MmCopyFromUser(Process, &value, base, 4), STATUS_SUCCESS);
    ck_assert_uint_eq(value, 7);

    /* A page never touched gets an explicit demand-zero PTE. */
    b = base + 0x2000;
    ck_assert_int_eq(MmProtectVirtual(Process, &b, &s, PAGE_EXECUTE_READ, &old), STATUS_SUCCESS);
    pte = MiGetPteAddress(Process, base + 0x2000, false);
    ck_assert(pte && !MiPteIsValid(*pte));
    ck_assert_uint_eq(MiPteProtection(*pte), MM_EXECUTE_READ);

    /* Statuses. */
    b = base;
    s = 0;
    ck_assert_int_eq(MmProtectVirtual(Process, &b, &s, PAGE_READONLY, &old),
                     STATUS_INVALID_PARAMETER_3);
    s = 0x1000;
    ck_assert_int_eq(MmProtectVirtual(Process, &b, &s, PAGE_WRITECOPY, &old),
                     STATUS_INVALID_PAGE_PROTECTION);
    ck_assert_int_eq(MmProtectVirtual(Process, &b, &s, PAGE_NOACCESS | PAGE_GUARD, &old),
                     STATUS_INVALID_PAGE_PROTECTION);
    s = 0x4000;
    ck_assert_int_eq(MmProtectVirtual(Process, &b, &s, PAGE_READONLY, &old),
                     STATUS_CONFLICTING_ADDRESSES);
    ck_assert_int_eq(Free(base + 0x1000, 0x1000, MEM_DECOMMIT), STATUS_SUCCESS);
    s = 0x3000;
    ck_assert_int_eq(MmProtectVirtual(Process, &b, &s, PAGE_READONLY, &old), STATUS_NOT_COMMITTED);
    ck_assert_int_eq(Free(base, 0, MEM_RELEASE), STATUS_SUCCESS);
}
END_TEST

START_TEST(reset_discards_frames)
{
    uint32_t base, size;
    ck_assert_int_eq(Alloc(0, 0x2000, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD, &base, &size),
                     STATUS_SUCCESS);
    ck_assert_int_eq(Alloc(base, 0x1000, MEM_COMMIT, PAGE_READWRITE, NULL, NULL), STATUS_SUCCESS);
    uint32_t value = 9;
    ck_assert_int_eq(MmCopyToUser(Process, base, &value, 4), STATUS_SUCCESS);
    uint32_t available = MmAvailablePages(System);
    ck_assert_int_eq(Alloc(base, 0x2000, MEM_RESET, PAGE_NOACCESS, NULL, NULL), STATUS_SUCCESS);
    ck_assert_uint_eq(MmAvailablePages(System), available + 1);
    MEMORY_BASIC_INFORMATION32 info = Query(base);
    ck_assert_uint_eq(info.State, MEM_COMMIT);
    ck_assert_uint_eq(info.Protect, PAGE_READWRITE);
    ck_assert_uint_eq(Query(base + 0x1000).Protect, PAGE_READWRITE | PAGE_GUARD);
    ck_assert_int_eq(MmCopyFromUser(Process, &value, base, 4), STATUS_SUCCESS);
    ck_assert_uint_eq(value, 0);
    ck_assert_int_eq(Free(base, 0, MEM_RELEASE), STATUS_SUCCESS);
}
END_TEST

START_TEST(query_free_and_top)
{
    MEMORY_BASIC_INFORMATION32 info = Query(0x1234);
    ck_assert_uint_eq(info.BaseAddress, 0x1000);
    ck_assert_uint_eq(info.State, MEM_FREE);
    ck_assert_uint_eq(info.Protect, PAGE_NOACCESS);
    ck_assert_uint_eq(info.RegionSize, 0x7FFE0000 - 0x1000);
    info = Query(0x7FFE5000);
    ck_assert_uint_eq(info.State, MEM_RESERVE);
    ck_assert_uint_eq(info.AllocationBase, 0x7FFE0000);
    ck_assert_uint_eq(info.RegionSize, 0xB000);
    MEMORY_BASIC_INFORMATION32 unused;
    ck_assert_int_eq(MmQueryVirtual(Process, 0x7FFF0000, &unused), STATUS_INVALID_PARAMETER_2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("protect");
    TCase *tc = tcase_create("conversions");
    tcase_add_test(tc, every_protection_round_trips_or_is_refused);
    tcase_add_test(tc, nt_values);
    tcase_add_test(tc, invalid_combinations);
    tcase_add_test(tc, writable_and_executable);
    tcase_add_test(tc, valid_pte_bits);
    suite_add_tcase(s, tc);
    TCase *services = tcase_create("services");
    tcase_add_checked_fixture(services, MmFixtureSetup, Teardown);
    tcase_add_test(services, allocation_statuses);
    tcase_add_test(services, commit_charge);
    tcase_add_test(services, free_statuses_and_split);
    tcase_add_test(services, protect_resident_and_guard);
    tcase_add_test(services, reset_discards_frames);
    tcase_add_test(services, query_free_and_top);
    suite_add_tcase(s, services);
    return RunSuite(s);
}
