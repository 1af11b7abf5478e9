/*
 * The working-set maximum, soft and hard, as Windows has it
 * (SetProcessWorkingSetSizeEx; WRK wslist.c MiDoReplacement and wsmanage.c):
 * without QUOTA_LIMITS_HARDWS_MAX_ENABLE a process at its maximum keeps
 * taking new pages while memory is plentiful; with it, it replaces its own
 * pages; and once available memory falls below plenty the working-set
 * manager trims every process over its maximum back to it.
 *
 * One machine with 8 MiB of RAM and no pagefile: trimmed dirty pages stay
 * on the Modified list, so trimming does not make memory available again
 * and the pressure stays where the test put it.
 */
#include <check.h>
#include <stdlib.h>

#include "tests/unit/checkmain.h"
#include "tests/unit/mmfixture.h"
#include "mm/mi.h"

static void Setup(void)
{
    /* No WsMaximum: NT's default, 345 pages and soft. */
    MM_CONFIG config = {.WsMinimum = 16};
    MmFixtureCreate(8u << 20, &config);
    MmSetProcessId(Process, 0x100);
}


/* Commits and writes `pages` new pages of process. */
static void Touch(MMPROCESS *process, uint32_t pages)
{
    uint32_t base = 0, size = pages * PAGE_SIZE;
    ck_assert_int_eq(MmAllocateVirtual(process, &base, 0, &size, MEM_COMMIT | MEM_RESERVE,
                                       PAGE_READWRITE),
                     STATUS_SUCCESS);
    for (uint32_t i = 0; i < pages; i++) {
        ck_assert_int_eq(MmCopyToUser(process, base + i * PAGE_SIZE, &i, 4), STATUS_SUCCESS);
    }
}

START_TEST(default_maximum_is_soft)
{
    uint32_t minimum, maximum;
    MmGetWorkingSetLimits(Process, &minimum, &maximum);
    ck_assert_uint_eq(maximum, MM_DEFAULT_WS_MAXIMUM);
    /* GetProcessWorkingSetSizeEx of a new process: both limits soft. */
    ck_assert_uint_eq(MmGetWorkingSetFlags(Process),
                      QUOTA_LIMITS_HARDWS_MIN_DISABLE | QUOTA_LIMITS_HARDWS_MAX_DISABLE);
    ck_assert_int_eq(MmAdjustWorkingSetSize(Process, 16 * PAGE_SIZE, 48 * PAGE_SIZE, 0),
                     STATUS_SUCCESS);
    /* Memory is plentiful: the process grows past its maximum. */
    Touch(Process, 200);
    ck_assert_uint_ge(MmGetWorkingSetSize(Process), 200);
    ck_assert_uint_eq(Process->Ws.TrimmedPages, 0);
    ck_assert_uint_ge(MiAvailablePages(System), System->PlentyAvailable);
}
END_TEST

START_TEST(hard_maximum_replaces)
{
    ck_assert_int_eq(MmAdjustWorkingSetSize(Process, 16 * PAGE_SIZE, 48 * PAGE_SIZE,
                                            QUOTA_LIMITS_HARDWS_MAX_ENABLE),
                     STATUS_SUCCESS);
    ck_assert_uint_eq(MmGetWorkingSetFlags(Process),
                      QUOTA_LIMITS_HARDWS_MIN_DISABLE | QUOTA_LIMITS_HARDWS_MAX_ENABLE);
    Touch(Process, 200);
    ck_assert_uint_le(MmGetWorkingSetSize(Process), 48);
    ck_assert_uint_gt(Process->Ws.TrimmedPages, 0);
    /* MAX_DISABLE makes it soft again: the process grows. */
    ck_assert_int_eq(MmAdjustWorkingSetSize(Process, 0, 0, QUOTA_LIMITS_HARDWS_MAX_DISABLE),
                     STATUS_SUCCESS);
    ck_assert_uint_eq(MmGetWorkingSetFlags(Process),
                      QUOTA_LIMITS_HARDWS_MIN_DISABLE | QUOTA_LIMITS_HARDWS_MAX_DISABLE);
    uint32_t before = MmGetWorkingSetSize(Process);
    Touch(Process, 100);
    ck_assert_uint_ge(MmGetWorkingSetSize(Process), before + 100);
}
END_TEST

START_TEST(pressure_trims_soft_maximum)
{
    ck_assert_int_eq(MmAdjustWorkingSetSize(Process, 16 * PAGE_SIZE, 48 * PAGE_SIZE, 0),
                     STATUS_SUCCESS);
    Touch(Process, 200);
    ck_assert_uint_ge(MmGetWorkingSetSize(Process), 200);

    /* A second process, well under its own (soft) maximum, takes memory
     * until it is no longer plentiful. */
    MMPROCESS *other;
    ck_assert_int_eq(MmCreateProcessAddressSpace(System, &other), STATUS_SUCCESS);
    MmSetProcessId(other, 0x104);
    ck_assert_int_eq(MmAdjustWorkingSetSize(other, 16 * PAGE_SIZE, 1800 * PAGE_SIZE, 0),
                     STATUS_SUCCESS);
    uint32_t base = 0, size = 1500 * PAGE_SIZE, touched = 0;
    ck_assert_int_eq(MmAllocateVirtual(other, &base, 0, &size, MEM_COMMIT | MEM_RESERVE,
                                       PAGE_READWRITE),
                     STATUS_SUCCESS);
    while (MiAvailablePages(System) >= System->PlentyAvailable) {
        ck_assert_uint_lt(touched, 1500);
        ck_assert_int_eq(MmCopyToUser(other, base + touched * PAGE_SIZE, &touched, 4),
                         STATUS_SUCCESS);
        touched++;
    }
    /* The working-set manager took the first process back under its
     * maximum, and left the one under its maximum alone. */
    ck_assert_uint_le(MmGetWorkingSetSize(Process), 48);
    ck_assert_uint_gt(Process->Ws.TrimmedPages, 0);
    ck_assert_uint_eq(other->Ws.TrimmedPages, 0);
    ck_assert_uint_ge(MiAvailablePages(System), System->MinimumAvailable);
    /* While memory stays short, the first process replaces instead of
     * growing. */
    Touch(Process, 20);
    ck_assert_uint_le(MmGetWorkingSetSize(Process), 48);
    MmDeleteProcessAddressSpace(other);
}
END_TEST

static Suite *WsMaxSuite(void)
{
    Suite *s = suite_create("wsmax");
    TCase *tc = tcase_create("limits");
    tcase_add_checked_fixture(tc, Setup, MmFixtureTeardown);
    tcase_add_test(tc, default_maximum_is_soft);
    tcase_add_test(tc, hard_maximum_replaces);
    tcase_add_test(tc, pressure_trims_soft_maximum);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return RunSuite(WsMaxSuite());
}
