/*
 * The machine is a value (ke/ke.h KSYSTEM): two of them live in one test
 * process, each with its own CPU, memory, pagefile, namespace, image cache
 * and process ids, and each runs its programs to the right results. Nothing
 * here resets global state between runs: there is none (tests/layers/
 * no-globals.sh checks that), so a shared field would show up as a wrong
 * process id, a wrong exit status or a failed run.
 */
#include <check.h>
#include <string.h>

#include "tests/unit/checkmain.h"
#include "ke/ke.h"
#include "mm/mm.h"

#define PE_DIR NTMM_TEST_DATA
#define PROCESS_DIR NTMM_TEST_DATA "/../process"

static KE_OPTIONS Options(char **argv, int argc, uint64_t ram)
{
    KE_OPTIONS options = {
        .RamBytes = ram,
        .SystemDirectory = NTMM_SYSDIR,
        .Argc = argc,
        .Argv = argv,
        .PageFilePath = ":memory:",
    };
    return options;
}

static KSYSTEM *Create(const KE_OPTIONS *options)
{
    char why[512];
    KSYSTEM *system = NULL;
    ck_assert_msg(KeCreateSystem(options, &system, why, sizeof why) == KeRan, "%s", why);
    return system;
}

static void Run(KSYSTEM *system, const char *path)
{
    char why[512];
    ck_assert_msg(KeRunSystem(system, path, why, sizeof why) == KeRan, "%s: %s", path, why);
}

static void Destroy(KSYSTEM *system, KE_RESULT *result)
{
    char why[256];
    ck_assert_msg(KeDestroySystem(system, result, why, sizeof why), "%s", why);
}

/* fork.exe: the parent (the machine's first process id, 0x100) clones
 * itself; the child (the next id, 0x108) exits with 3, the parent with 0. */
static void CheckFork(const KE_RESULT *r)
{
    ck_assert_int_eq(r->ExitStatus, 0);
    ck_assert_uint_eq(r->ProcessCount, 2);
    ck_assert_uint_eq(r->Process[0].Id, 0x100);
    ck_assert_uint_eq(r->Process[1].Id, 0x108);
    ck_assert_int_eq(r->Process[1].ExitStatus, 3);
    ck_assert_uint_gt(r->Mm.Faults[MmFaultCopyOnWrite], 0);
}

START_TEST(two_machines_alive_at_once_each_run_their_program)
{
    char *fork_argv[] = {PROCESS_DIR "/fork.exe", NULL};
    char *exit_argv[] = {PE_DIR "/exitcode.exe", NULL};
    KE_OPTIONS a_options = Options(fork_argv, 1, 32u << 20);
    KE_OPTIONS b_options = Options(exit_argv, 1, 16u << 20);
    KSYSTEM *a = Create(&a_options);
    KSYSTEM *b = Create(&b_options);
    Run(b, exit_argv[0]);
    Run(a, fork_argv[0]);
    KE_RESULT ra, rb;
    Destroy(b, &rb);
    ck_assert_int_eq(rb.ExitStatus, 42);
    ck_assert_uint_eq(rb.ProcessCount, 1);
    ck_assert_uint_eq(rb.Process[0].Id, 0x100);
    Destroy(a, &ra);
    CheckFork(&ra);
}
END_TEST

/* The same program in two machines gives the same run: same ids, same
 * statuses, same faults, whichever machine was made first. */
START_TEST(the_same_program_in_two_machines_runs_alike)
{
    char *argv[] = {PROCESS_DIR "/fork.exe", NULL};
    KE_OPTIONS options = Options(argv, 1, 32u << 20);
    KSYSTEM *first = Create(&options);
    KSYSTEM *second = Create(&options);
    Run(second, argv[0]);
    Run(first, argv[0]);
    KE_RESULT r1, r2;
    Destroy(first, &r1);
    Destroy(second, &r2);
    CheckFork(&r1);
    CheckFork(&r2);
    ck_assert_uint_eq(r1.Instructions, r2.Instructions);
    ck_assert_mem_eq(r1.Mm.Faults, r2.Mm.Faults, sizeof r1.Mm.Faults);
}
END_TEST

/* A machine runs its program once; the second request is refused. */
START_TEST(a_machine_runs_one_program)
{
    char *argv[] = {PE_DIR "/exitcode.exe", NULL};
    KE_OPTIONS options = Options(argv, 1, 16u << 20);
    KSYSTEM *system = Create(&options);
    Run(system, argv[0]);
    char why[256];
    ck_assert_int_eq(KeRunSystem(system, argv[0], why, sizeof why), KeInternalError);
    KE_RESULT r;
    Destroy(system, &r);
    ck_assert_int_eq(r.ExitStatus, 42);
}
END_TEST

static void NoTrap(void *context, const EMU_TRAP *trap)
{
    (void)context;
    (void)trap;
}

/* Below ke, interleaved: two memory managers, each with its own RAM, take
 * turns faulting in the same addresses; each sees only its own bytes and
 * counts only its own faults, and both PFN databases stay consistent. */
START_TEST(two_memory_managers_interleaved)
{
    enum { Pages = 64 };
    char why[256];
    EMU *emu[2];
    MMSYSTEM *mm[2];
    MMPROCESS *process[2];
    for (int m = 0; m < 2; m++) {
        emu[m] = EmuCreate(2u << 20, NoTrap, NULL, why, sizeof why);
        ck_assert_msg(emu[m] != NULL, "%s", why);
        ck_assert_int_eq(MmInitializeSystem(emu[m], NULL, &mm[m], why, sizeof why), 0);
        ck_assert_int_eq(MmCreateProcessAddressSpace(mm[m], &process[m]), STATUS_SUCCESS);
        uint32_t base = 0x10000000u, size = Pages * 4096u;
        ck_assert_int_eq(MmAllocateVirtual(process[m], &base, 0, &size, MEM_RESERVE | MEM_COMMIT,
                                           PAGE_READWRITE),
                         STATUS_SUCCESS);
    }
    for (uint32_t i = 0; i < Pages; i++) {
        for (int m = 0; m < 2; m++) {
            uint32_t value = (uint32_t)m << 16 | i;
            ck_assert_int_eq(MmCopyToUser(process[m], 0x10000000u + i * 4096u, &value,
                                          sizeof value),
                             STATUS_SUCCESS);
        }
    }
    for (int m = 0; m < 2; m++) {
        for (uint32_t i = 0; i < Pages; i++) {
            uint32_t value;
            ck_assert_int_eq(MmCopyFromUser(process[m], &value, 0x10000000u + i * 4096u,
                                            sizeof value),
                             STATUS_SUCCESS);
            ck_assert_uint_eq(value, (uint32_t)m << 16 | i);
        }
        ck_assert_uint_eq(MmGetStats(mm[m])->Faults[MmFaultDemandZero], Pages);
        ck_assert_msg(MmVerifyMemory(mm[m], why, sizeof why), "%s", why);
    }
    for (int m = 0; m < 2; m++) {
        MmDeleteProcessAddressSpace(process[m]);
        MmShutdownSystem(mm[m]);
        EmuDestroy(emu[m]);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("machine");
    TCase *tc = tcase_create("machine");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, two_machines_alive_at_once_each_run_their_program);
    tcase_add_test(tc, the_same_program_in_two_machines_runs_alike);
    tcase_add_test(tc, a_machine_runs_one_program);
    tcase_add_test(tc, two_memory_managers_interleaved);
    suite_add_tcase(s, tc);
    return RunSuite(s);
}
