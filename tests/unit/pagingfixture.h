/*
 * The fixture test_paging and test_inpage share: one machine's mm over 1 MiB
 * of RAM and an in-memory pagefile, one process with a 16..48-page working
 * set, and the small steps both tests take (commit, look at a PTE, crowd a
 * page out). Each test program includes it once.
 */
#ifndef NTMM_TESTS_UNIT_PAGINGFIXTURE_H
#define NTMM_TESTS_UNIT_PAGINGFIXTURE_H

#include <check.h>
#include <stdlib.h>

#include "mm/mi.h"

static EMU *Emu;
static MMSYSTEM *System;
static MMPROCESS *Process;
static PAGEFILE *PageFile;

static inline void NoTrap(void *context, const EMU_TRAP *trap)
{
    (void)context;
    (void)trap;
}

static inline void Setup(void)
{
    char why[256];
    Emu = EmuCreate(1u << 20, NoTrap, NULL, why, sizeof why);
    ck_assert_msg(Emu != NULL, "%s", why);
    PF_OPTIONS options = {.Path = PF_MEMORY_PATH, .MaximumPages = 16384, .FaultLog = true};
    PageFile = PfOpen(&options, why, sizeof why);
    ck_assert_msg(PageFile != NULL, "%s", why);
    /* The sanitizer suite checks mm's invariants every Nth fault. */
    const char *verify = getenv("NTMM_VERIFY_MEMORY");
    MM_CONFIG config = {.PageFile = PageFile, .WsMinimum = 16, .WsMaximum = 48,
                        .VerifyEvery = verify ? (uint32_t)strtoul(verify, NULL, 10) : 0};
    ck_assert_int_eq(MmInitializeSystem(Emu, &config, &System, why, sizeof why), 0);
    ck_assert_int_eq(MmCreateProcessAddressSpace(System, &Process), STATUS_SUCCESS);
    MmSetProcessId(Process, 0x100);
}

static inline void Teardown(void)
{
    MmDeleteProcessAddressSpace(Process);
    char why[256];
    ck_assert_msg(MmVerifyMemory(System, why, sizeof why), "%s", why);
    ck_assert_uint_eq(PfGetStats(PageFile)->SlotsInUse, 0); /* every slot came back */
    MmShutdownSystem(System);
    PfClose(PageFile);
    EmuDestroy(Emu);
}

static inline void Verify(void)
{
    char why[256];
    ck_assert_msg(MmVerifyMemory(System, why, sizeof why), "%s", why);
}

static inline uint32_t Commit(uint32_t va, uint32_t size, uint32_t protect)
{
    uint32_t base = va;
    ck_assert_int_eq(MmAllocateVirtual(Process, &base, 0, &size,
                                       MEM_COMMIT | (va ? 0 : MEM_RESERVE), protect),
                     STATUS_SUCCESS);
    return base;
}

static inline MMPTE PteOf(uint32_t va)
{
    MMPTE *pte = MiGetPteAddress(Process, va, false);
    return pte ? *pte : 0;
}

/* Pushes `page` out of the working set (and, with `pages` large, out of
 * memory) by touching that many other pages. */
static inline void Crowd(uint32_t pages)
{
    uint32_t other = Commit(0, pages * PAGE_SIZE, PAGE_READWRITE);
    for (uint32_t i = 0; i < pages; i++) {
        uint32_t value = i;
        ck_assert_int_eq(MmCopyToUser(Process, other + i * PAGE_SIZE, &value, 4), STATUS_SUCCESS);
    }
}

#endif
