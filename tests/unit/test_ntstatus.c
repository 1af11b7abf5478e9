/* ex/ntstatus: the name table is sorted and unique, and names format. */
#include <check.h>

#include "tests/unit/checkmain.h"
#include <stdlib.h>
#include <string.h>

#include "ex/ntstatus.h"

START_TEST(table_is_sorted_and_unique)
{
    ck_assert_uint_gt(ExNtStatusNameCount, 100);
    for (unsigned i = 1; i < ExNtStatusNameCount; i++) {
        ck_assert_msg((uint32_t)ExNtStatusNames[i - 1].Status < (uint32_t)ExNtStatusNames[i].Status,
                      "%s is out of order", ExNtStatusNames[i].Name);
    }
}
END_TEST

START_TEST(every_entry_is_found_and_fits)
{
    char buf[EX_NTSTATUS_FORMAT_SIZE];
    for (unsigned i = 0; i < ExNtStatusNameCount; i++) {
        const EX_NTSTATUS_NAME *e = &ExNtStatusNames[i];
        ck_assert_str_eq(ExNtStatusName(e->Status), e->Name);
        ck_assert_msg(strncmp(e->Name, "STATUS_", 7) == 0 || strncmp(e->Name, "DBG_", 4) == 0,
                      "%s", e->Name);
        /* "0x" + 8 digits + space + name + NUL must fit the buffer. */
        ck_assert_uint_lt(11 + strlen(e->Name), sizeof buf);
    }
}
END_TEST

START_TEST(names_and_values)
{
    ck_assert_str_eq(ExNtStatusName(STATUS_ACCESS_VIOLATION), "STATUS_ACCESS_VIOLATION");
    ck_assert_str_eq(ExNtStatusName(STATUS_SUCCESS), "STATUS_SUCCESS");
    ck_assert_str_eq(ExNtStatusName(STATUS_GUARD_PAGE_VIOLATION), "STATUS_GUARD_PAGE_VIOLATION");
    ck_assert_str_eq(ExNtStatusName(STATUS_INVALID_PARAMETER_12), "STATUS_INVALID_PARAMETER_12");
    ck_assert_str_eq(ExNtStatusName((NTSTATUS)0xC0000096), "STATUS_PRIVILEGED_INSTRUCTION");
    ck_assert_ptr_null(ExNtStatusName(1));
    ck_assert_ptr_null(ExNtStatusName((NTSTATUS)0xFFFFFFFF));
    ck_assert_int_eq((uint32_t)STATUS_ACCESS_VIOLATION, 0xC0000005u);
    ck_assert_int_eq((uint32_t)STATUS_INVALID_PARAMETER_1, 0xC00000EFu);
    ck_assert_int_eq((uint32_t)STATUS_FLOAT_UNDERFLOW, 0xC0000093u);
}
END_TEST

START_TEST(formats)
{
    char buf[EX_NTSTATUS_FORMAT_SIZE];
    ck_assert_str_eq(ExNtStatusFormat(STATUS_ACCESS_VIOLATION, buf),
                     "0xC0000005 STATUS_ACCESS_VIOLATION");
    ck_assert_str_eq(ExNtStatusFormat(STATUS_PENDING, buf), "0x00000103 STATUS_PENDING");
    ck_assert_str_eq(ExNtStatusFormat(1, buf), "0x00000001");
}
END_TEST

START_TEST(severity_macros)
{
    ck_assert(NT_SUCCESS(STATUS_SUCCESS));
    ck_assert(NT_SUCCESS(STATUS_PENDING));
    ck_assert(NT_SUCCESS(STATUS_IMAGE_NOT_AT_BASE));
    ck_assert(NT_INFORMATION(STATUS_IMAGE_NOT_AT_BASE));
    ck_assert(!NT_SUCCESS(STATUS_GUARD_PAGE_VIOLATION));
    ck_assert(NT_WARNING(STATUS_GUARD_PAGE_VIOLATION));
    ck_assert(NT_ERROR(STATUS_ACCESS_VIOLATION));
    ck_assert(!NT_ERROR(STATUS_BREAKPOINT));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ntstatus");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, table_is_sorted_and_unique);
    tcase_add_test(tc, every_entry_is_found_and_fits);
    tcase_add_test(tc, names_and_values);
    tcase_add_test(tc, formats);
    tcase_add_test(tc, severity_macros);
    suite_add_tcase(s, tc);
    return RunSuite(s);
}
