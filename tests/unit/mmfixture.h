/* A machine with 4 MiB of RAM (or as a test asks), memory management and
 * one empty address space: the fixture of the tests that drive mm directly. */
#ifndef NTMM_MMFIXTURE_H
#define NTMM_MMFIXTURE_H

#include <check.h>

#include "mm/mm.h"

static EMU *Emu;
static MMSYSTEM *System;
static MMPROCESS *Process;

static void NoTrap(void *context, const EMU_TRAP *trap)
{
    (void)context;
    (void)trap;
}

/* The machine with `ram` bytes and config (NULL: the defaults). */
static inline void MmFixtureCreate(uint32_t ram, const MM_CONFIG *config)
{
    char why[256];
    Emu = EmuCreate(ram, NoTrap, NULL, why, sizeof why);
    ck_assert_msg(Emu != NULL, "%s", why);
    ck_assert_int_eq(MmInitializeSystem(Emu, config, &System, why, sizeof why), 0);
    ck_assert_int_eq(MmCreateProcessAddressSpace(System, &Process), STATUS_SUCCESS);
}

static inline void MmFixtureSetup(void)
{
    MmFixtureCreate(4u << 20, NULL);
}

/* The address space goes, and what is left must be consistent. */
static inline void MmFixtureTeardown(void)
{
    MmDeleteProcessAddressSpace(Process);
    char why[256];
    ck_assert_msg(MmVerifyMemory(System, why, sizeof why), "%s", why);
    MmShutdownSystem(System);
    EmuDestroy(Emu);
}

#endif
