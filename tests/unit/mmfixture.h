/* A machine with 4 MiB of RAM, memory management and one empty address
 * space: the fixture of the tests that drive mm directly. */
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

static void MmFixtureSetup(void)
{
    char why[256];
    Emu = EmuCreate(4u << 20, NoTrap, NULL, why, sizeof why);
    ck_assert_msg(Emu != NULL, "%s", why);
    ck_assert_int_eq(MmInitializeSystem(Emu, NULL, &System, why, sizeof why), 0);
    ck_assert_int_eq(MmCreateProcessAddressSpace(System, &Process), STATUS_SUCCESS);
}

static void MmFixtureTeardown(void)
{
    MmDeleteProcessAddressSpace(Process);
    MmShutdownSystem(System);
    EmuDestroy(Emu);
}

#endif
