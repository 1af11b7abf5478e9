/* The machine: creation runs the self-test; these check what it promises. */
#include <check.h>

#include "tests/unit/checkmain.h"
#include <stdlib.h>

#include "emu/emu.h"

static void NoTrap(void *context, const EMU_TRAP *trap)
{
    (void)context;
    (void)trap;
}

START_TEST(creates_and_passes_self_test)
{
    char why[256] = "";
    EMU *emu = EmuCreate(16u << 20, NoTrap, NULL, why, sizeof why);
    ck_assert_msg(emu != NULL, "EmuCreate: %s", why);
    ck_assert_uint_eq(EmuPhysicalFrames(emu), 4096);
    ck_assert_ptr_nonnull(EmuPhysicalBase(emu));
    ck_assert_uint_eq(EmuInstructionCount(emu), 0);
    EmuDestroy(emu);
}
END_TEST

START_TEST(refuses_bad_ram_sizes)
{
    char why[256] = "";
    ck_assert_ptr_null(EmuCreate(4096, NoTrap, NULL, why, sizeof why));
    ck_assert_str_ne(why, "");
    ck_assert_ptr_null(EmuCreate((16u << 20) + 1, NoTrap, NULL, why, sizeof why));
}
END_TEST

START_TEST(version_is_2_1)
{
    EMU_VERSION version = EmuVersion();
    ck_assert_msg(version.Text[0] == '2' && version.Text[2] >= '1', "version %s", version.Text);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("emu");
    TCase *tc = tcase_create("machine");
    tcase_add_test(tc, creates_and_passes_self_test);
    tcase_add_test(tc, refuses_bad_ram_sizes);
    tcase_add_test(tc, version_is_2_1);
    suite_add_tcase(s, tc);
    return RunSuite(s);
}
