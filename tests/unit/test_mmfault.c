/* MmAccessFault and probe/capture, driven directly (no guest code). */
#include <check.h>

#include "tests/unit/checkmain.h"
#include <stdlib.h>
#include <string.h>

#include "mm/mm.h"
#include "tests/unit/mmfixture.h"

START_TEST(demand_zero_then_resident)
{
    ck_assert_int_eq(MmCreatePrivateRegion(Process, 0x00400000, 0x3000, PAGE_READWRITE),
                     STATUS_SUCCESS);
    uint32_t before = MmAvailablePages(System);
    MM_FAULT_INFO info;
    ck_assert_int_eq(MmAccessFault(Process, 0x00401234, EXCEPTION_WRITE_FAULT, true, &info),
                     STATUS_SUCCESS);
    ck_assert_int_eq(info.Kind, MmFaultDemandZero);
    /* One frame for the page, one for the page table its 2 MiB needed. */
    ck_assert_uint_eq(MmAvailablePages(System), before - 2);
    /* Committed memory reads as zero; a write lands and reads back. */
    uint32_t value = 0xFFFFFFFF;
    ck_assert_int_eq(MmCopyFromUser(Process, &value, 0x00401234, 4), STATUS_SUCCESS);
    ck_assert_uint_eq(value, 0);
    value = 0xC0FFEE;
    ck_assert_int_eq(MmCopyToUser(Process, 0x00401234, &value, 4), STATUS_SUCCESS);
    value = 0;
    ck_assert_int_eq(MmCopyFromUser(Process, &value, 0x00401234, 4), STATUS_SUCCESS);
    ck_assert_uint_eq(value, 0xC0FFEE);
    /* Touching it again is not a demand-zero fault: it is resident. */
    ck_assert_int_eq(MmAccessFault(Process, 0x00401000, EXCEPTION_READ_FAULT, true, &info),
                     STATUS_SUCCESS);
    ck_assert_int_eq(info.Kind, MmFaultSpurious);
}
END_TEST

START_TEST(unmapped_and_kernel_addresses_are_violations)
{
    MM_FAULT_INFO info;
    ck_assert_int_eq(MmAccessFault(Process, 0, EXCEPTION_READ_FAULT, true, &info),
                     STATUS_ACCESS_VIOLATION);
    ck_assert_int_eq(MmAccessFault(Process, 0x00500000, EXCEPTION_READ_FAULT, true, &info),
                     STATUS_ACCESS_VIOLATION);
    ck_assert_int_eq(MmAccessFault(Process, 0x80000000, EXCEPTION_READ_FAULT, true, &info),
                     STATUS_ACCESS_VIOLATION);
    ck_assert_int_eq(MmAccessFault(Process, 0xFFC00000, EXCEPTION_READ_FAULT, true, &info),
                     STATUS_ACCESS_VIOLATION);
    uint8_t byte;
    ck_assert_int_eq(MmCopyFromUser(Process, &byte, 0x7FFF0000, 1), STATUS_ACCESS_VIOLATION);
    ck_assert_int_eq(MmCopyFromUser(Process, &byte, 0xFFFFFFFF, 2), STATUS_ACCESS_VIOLATION);
}
END_TEST

START_TEST(read_only_and_no_execute)
{
    ck_assert_int_eq(MmCreatePrivateRegion(Process, 0x00600000, 0x1000, PAGE_READONLY),
                     STATUS_SUCCESS);
    MM_FAULT_INFO info;
    ck_assert_int_eq(MmAccessFault(Process, 0x00600000, EXCEPTION_WRITE_FAULT, true, &info),
                     STATUS_ACCESS_VIOLATION);
    ck_assert_int_eq(MmAccessFault(Process, 0x00600000, EXCEPTION_READ_FAULT, true, &info),
                     STATUS_SUCCESS);
    ck_assert_int_eq(MmAccessFault(Process, 0x00600000, EXCEPTION_WRITE_FAULT, true, &info),
                     STATUS_ACCESS_VIOLATION);
    ck_assert_int_eq(MmAccessFault(Process, 0x00600000, EXCEPTION_EXECUTE_FAULT, true, &info),
                     STATUS_ACCESS_VIOLATION);
    uint32_t value = 1;
    ck_assert_int_eq(MmCopyToUser(Process, 0x00600000, &value, 4), STATUS_ACCESS_VIOLATION);
}
END_TEST

START_TEST(guard_page_fires_once)
{
    ck_assert_int_eq(MmCreatePrivateRegion(Process, 0x00700000, 0x1000,
                                           PAGE_READWRITE | PAGE_GUARD), STATUS_SUCCESS);
    MM_FAULT_INFO info;
    ck_assert_int_eq(MmAccessFault(Process, 0x00700010, EXCEPTION_READ_FAULT, true, &info),
                     STATUS_GUARD_PAGE_VIOLATION);
    ck_assert_int_eq(info.Kind, MmFaultGuardPage);
    ck_assert_int_eq(MmAccessFault(Process, 0x00700010, EXCEPTION_READ_FAULT, true, &info),
                     STATUS_SUCCESS);
    ck_assert_int_eq(info.Kind, MmFaultDemandZero);
}
END_TEST

START_TEST(write_copy_becomes_read_write)
{
    /* An image's writable data: the first write copies the shared page
     * for this process, which then sees PAGE_READWRITE there. */
    uint8_t page[4096] = {1, 2, 3};
    uint32_t protection = PAGE_WRITECOPY;
    ck_assert_int_eq(MmMapImage(Process, 0x00800000, page, sizeof page, &protection),
                     STATUS_SUCCESS);
    MEMORY_BASIC_INFORMATION32 mbi;
    ck_assert_int_eq(MmQueryVirtual(Process, 0x00800000, &mbi), STATUS_SUCCESS);
    ck_assert_uint_eq(mbi.Protect, PAGE_WRITECOPY);
    ck_assert_uint_eq(mbi.Type, MEM_IMAGE);
    MM_FAULT_INFO info;
    ck_assert_int_eq(MmAccessFault(Process, 0x00800001, EXCEPTION_WRITE_FAULT, true, &info),
                     STATUS_SUCCESS);
    ck_assert_int_eq(info.Kind, MmFaultCopyOnWrite);
    ck_assert_int_eq(MmQueryVirtual(Process, 0x00800000, &mbi), STATUS_SUCCESS);
    ck_assert_uint_eq(mbi.Protect, PAGE_READWRITE);
    uint8_t b = 0;
    ck_assert_int_eq(MmCopyFromUser(Process, &b, 0x00800002, 1), STATUS_SUCCESS);
    ck_assert_uint_eq(b, 3);
}
END_TEST

START_TEST(stack_grows_then_overflows)
{
    /* A 64 KiB stack: top page committed, a guard page below it. */
    const uint32_t low = 0x00900000, top = 0x00910000;
    ck_assert_int_eq(MmCreatePrivateRegion(Process, top - 0x1000, 0x1000, PAGE_READWRITE),
                     STATUS_SUCCESS);
    ck_assert_int_eq(MmCreatePrivateRegion(Process, low, 0xF000, PAGE_READWRITE | PAGE_GUARD),
                     STATUS_SUCCESS);
    /* The TEB names the stack, as MiCheckForUserStackOverflow reads it. */
    const uint32_t teb = 0x00A00000;
    ck_assert_int_eq(MmCreatePrivateRegion(Process, teb, 0x1000, PAGE_READWRITE), STATUS_SUCCESS);
    ck_assert_int_eq(MmWriteProcessMemoryForce(Process, teb + MM_TEB_STACK_BASE, &top, 4),
                     STATUS_SUCCESS);
    ck_assert_int_eq(MmWriteProcessMemoryForce(Process, teb + MM_TEB_DEALLOCATION_STACK, &low, 4),
                     STATUS_SUCCESS);
    MmSetCurrentThread(Process, 1, teb);
    MM_FAULT_INFO info;
    /* Each page below the top grows the stack with no exception. */
    uint32_t va;
    for (va = top - 0x2000; va >= low + 0x2000; va -= 0x1000) {
        ck_assert_int_eq(MmAccessFault(Process, va, EXCEPTION_WRITE_FAULT, true, &info), STATUS_SUCCESS);
        ck_assert_int_eq(info.Kind, MmFaultStackGrowth);
    }
    /* The last page with room for no guard below: STATUS_STACK_OVERFLOW. */
    ck_assert_int_eq(MmAccessFault(Process, va, EXCEPTION_WRITE_FAULT, true, &info),
                     STATUS_STACK_OVERFLOW);
    ck_assert_int_eq(info.Kind, MmFaultStackOverflow);
    /* NtTib.StackLimit followed the growth down to the last usable page. */
    uint32_t limit = 0;
    ck_assert_int_eq(MmCopyFromUser(Process, &limit, teb + MM_TEB_STACK_LIMIT, 4), STATUS_SUCCESS);
    ck_assert_uint_eq(limit, low + 0x1000);
}
END_TEST

START_TEST(guard_outside_the_teb_stack_is_plain)
{
    /* A guard page outside the stack the TEB names is an ordinary guard
     * page: STATUS_GUARD_PAGE_VIOLATION once, nothing grows. */
    const uint32_t teb = 0x00A00000, low = 0x00900000, top = 0x00910000;
    ck_assert_int_eq(MmCreatePrivateRegion(Process, teb, 0x1000, PAGE_READWRITE), STATUS_SUCCESS);
    ck_assert_int_eq(MmWriteProcessMemoryForce(Process, teb + MM_TEB_STACK_BASE, &top, 4),
                     STATUS_SUCCESS);
    ck_assert_int_eq(MmWriteProcessMemoryForce(Process, teb + MM_TEB_DEALLOCATION_STACK, &low, 4),
                     STATUS_SUCCESS);
    MmSetCurrentThread(Process, 1, teb);
    ck_assert_int_eq(MmCreatePrivateRegion(Process, 0x00B00000, 0x4000, PAGE_READWRITE | PAGE_GUARD),
                     STATUS_SUCCESS);
    MM_FAULT_INFO info;
    ck_assert_int_eq(MmAccessFault(Process, 0x00B02000, EXCEPTION_WRITE_FAULT, true, &info),
                     STATUS_GUARD_PAGE_VIOLATION);
    ck_assert_int_eq(info.Kind, MmFaultGuardPage);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("mmfault");
    TCase *tc = tcase_create("faults");
    tcase_add_checked_fixture(tc, MmFixtureSetup, MmFixtureTeardown);
    tcase_add_test(tc, demand_zero_then_resident);
    tcase_add_test(tc, unmapped_and_kernel_addresses_are_violations);
    tcase_add_test(tc, read_only_and_no_execute);
    tcase_add_test(tc, guard_page_fires_once);
    tcase_add_test(tc, write_copy_becomes_read_write);
    tcase_add_test(tc, stack_grows_then_overflows);
    tcase_add_test(tc, guard_outside_the_teb_stack_is_plain);
    suite_add_tcase(s, tc);
    return RunSuite(s);
}
