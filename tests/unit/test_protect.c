/* Win32 PAGE_* <-> NT's 5-bit protection, both ways, for every value. */
#include <check.h>

#include "tests/unit/checkmain.h"
#include <stdlib.h>

#include "mm/mi.h"

static const uint32_t Bases[] = {
    PAGE_NOACCESS, PAGE_READONLY, PAGE_READWRITE, PAGE_WRITECOPY,
    PAGE_EXECUTE, PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE, PAGE_EXECUTE_WRITECOPY,
};
static const uint32_t Modifiers[] = {0, PAGE_GUARD, PAGE_NOCACHE, PAGE_WRITECOMBINE};

START_TEST(every_valid_protection_round_trips)
{
    for (unsigned b = 0; b < 8; b++) {
        for (unsigned m = 0; m < 4; m++) {
            uint32_t win32 = Bases[b] | Modifiers[m];
            uint32_t value = MiMakeProtectionMask(win32);
            /* Windows refuses any modifier on PAGE_NOACCESS. */
            bool valid = !(Bases[b] == PAGE_NOACCESS && Modifiers[m]);
            if (!valid) {
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
        PAGE_GUARD,                                /* a modifier alone */
        PAGE_NOACCESS | PAGE_GUARD,
        PAGE_READWRITE | PAGE_NOCACHE | PAGE_WRITECOMBINE,
        PAGE_READWRITE | PAGE_GUARD | PAGE_NOCACHE,
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
    ck_assert(!MiIsPteProtectionWritable(MM_READONLY));
    ck_assert(!MiIsPteProtectionWritable(MM_EXECUTE_READ));
    ck_assert(!MiIsPteProtectionWritable(MM_NOACCESS));
    ck_assert(MiIsPteProtectionExecutable(MM_EXECUTE));
    ck_assert(MiIsPteProtectionExecutable(MM_EXECUTE_READ));
    ck_assert(!MiIsPteProtectionExecutable(MM_READWRITE));
    ck_assert(!MiIsPteProtectionExecutable(MM_WRITECOPY));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("protect");
    TCase *tc = tcase_create("conversions");
    tcase_add_test(tc, every_valid_protection_round_trips);
    tcase_add_test(tc, nt_values);
    tcase_add_test(tc, invalid_combinations);
    tcase_add_test(tc, writable_and_executable);
    suite_add_tcase(s, tc);
    return RunSuite(s);
}
