/*
 * In-page I/O, driven directly (mm/inpage.c): a hard fault whose thread can
 * wait issues the read and returns STATUS_PENDING with the in-page block;
 * the PFN is read-in-progress and the PTE in transition; a second fault on
 * the page collides with the same block; completion makes the page valid,
 * or, when the read failed, puts the pagefile PTE back. MmVerifyMemory
 * holds in every state.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/checkmain.h"
#include "tests/unit/pagingfixture.h"

/* A page written with `value` and pushed out to the pagefile: its slot. */
static uint32_t PagedOut(uint32_t *page, uint32_t value)
{
    *page = Commit(0, PAGE_SIZE, PAGE_READWRITE);
    ck_assert_int_eq(MmCopyToUser(Process, *page, &value, 4), STATUS_SUCCESS);
    Crowd(600);
    uint32_t slot = MiPtePageFileHigh(PteOf(*page));
    ck_assert_uint_ne(slot, 0);
    ck_assert(!MiPteIsTransition(PteOf(*page)));
    return slot;
}

static NTSTATUS FaultWaiting(uint32_t va, uint32_t access, MM_FAULT_INFO *info)
{
    memset(info, 0, sizeof *info);
    info->CanWait = true;
    info->IoCompletionTime = 1000;
    return MmAccessFault(Process, va, access, true, info);
}

START_TEST(hard_fault_waits_and_a_second_fault_collides)
{
    uint32_t page;
    uint32_t slot = PagedOut(&page, 0xA5A5A5A5);
    MM_FAULT_INFO first, second;
    ck_assert_int_eq(FaultWaiting(page, EXCEPTION_READ_FAULT, &first), STATUS_PENDING);
    ck_assert_int_eq(first.Kind, MmFaultHard);
    ck_assert_uint_eq(first.Slot, slot);
    ck_assert_ptr_nonnull(first.InPage);
    MMPTE pte = PteOf(page);
    ck_assert(MiPteIsTransition(pte));
    ck_assert_uint_eq(MiPteFrame(pte), first.Pfn);
    ck_assert(MiGetPfn(System, first.Pfn)->ReadInProgress);
    Verify();

    ck_assert_int_eq(FaultWaiting(page + 8, EXCEPTION_WRITE_FAULT, &second), STATUS_PENDING);
    ck_assert_int_eq(second.Kind, MmFaultCollided);
    ck_assert_ptr_eq(second.InPage, first.InPage); /* the same read: no second one */
    ck_assert_uint_eq(second.Pfn, first.Pfn);
    ck_assert_uint_eq(MmGetStats(System)->CollidedFaults, 1);

    uint64_t when = 0;
    ck_assert(MmNextIoCompletion(System, &when));
    ck_assert_uint_eq(when, 1000);
    NTSTATUS io;
    MmCompleteIo(System, 999);
    ck_assert(!MmInPageComplete(first.InPage, &io));
    MmCompleteIo(System, 1000);
    ck_assert(MmInPageComplete(first.InPage, &io));
    ck_assert_int_eq(io, STATUS_SUCCESS);
    ck_assert(MiPteIsValid(PteOf(page)));
    ck_assert(!MiGetPfn(System, first.Pfn)->ReadInProgress);
    Verify();
    MmDereferenceInPage(first.InPage);
    MmDereferenceInPage(second.InPage);
    uint32_t back = 0;
    ck_assert_int_eq(MmCopyFromUser(Process, &back, page, 4), STATUS_SUCCESS);
    ck_assert_uint_eq(back, 0xA5A5A5A5);
    ck_assert(!MmNextIoCompletion(System, &when));
}
END_TEST

START_TEST(failed_read_reaches_every_waiter_and_the_page_survives)
{
    uint32_t page;
    uint32_t slot = PagedOut(&page, 0x5EC0D);
    PfInjectReadError(PageFile, slot);
    MM_FAULT_INFO first, second;
    ck_assert_int_eq(FaultWaiting(page, EXCEPTION_READ_FAULT, &first), STATUS_PENDING);
    ck_assert_int_eq(first.Kind, MmFaultInPageError);
    ck_assert_int_eq(first.IoStatus, STATUS_DEVICE_DATA_ERROR);
    ck_assert_int_eq(FaultWaiting(page, EXCEPTION_READ_FAULT, &second), STATUS_PENDING);
    ck_assert_int_eq(second.Kind, MmFaultCollided);
    ck_assert_int_eq(second.IoStatus, STATUS_DEVICE_DATA_ERROR);
    Verify();
    MmCompleteIo(System, 1000);
    NTSTATUS io;
    ck_assert(MmInPageComplete(first.InPage, &io));
    ck_assert_int_eq(io, STATUS_DEVICE_DATA_ERROR);
    ck_assert(MmInPageComplete(second.InPage, &io));
    ck_assert_int_eq(io, STATUS_DEVICE_DATA_ERROR);
    ck_assert_uint_eq(MiPtePageFileHigh(PteOf(page)), slot); /* back in the pagefile */
    Verify();
    MmDereferenceInPage(first.InPage);
    MmDereferenceInPage(second.InPage);
    uint32_t back = 0;
    ck_assert_int_eq(MmCopyFromUser(Process, &back, page, 4), STATUS_SUCCESS);
    ck_assert_uint_eq(back, 0x5EC0D);
}
END_TEST

START_TEST(kernel_access_completes_a_read_in_flight)
{
    uint32_t page;
    PagedOut(&page, 77);
    MM_FAULT_INFO first;
    ck_assert_int_eq(FaultWaiting(page, EXCEPTION_READ_FAULT, &first), STATUS_PENDING);
    /* A system service touches the page: it cannot wait, the read completes. */
    uint32_t back = 0;
    ck_assert_int_eq(MmCopyFromUser(Process, &back, page, 4), STATUS_SUCCESS);
    ck_assert_uint_eq(back, 77);
    NTSTATUS io;
    ck_assert(MmInPageComplete(first.InPage, &io));
    Verify();
    MmDereferenceInPage(first.InPage);
}
END_TEST

START_TEST(page_freed_while_its_read_is_in_flight)
{
    uint32_t page;
    PagedOut(&page, 9);
    MM_FAULT_INFO first;
    ck_assert_int_eq(FaultWaiting(page, EXCEPTION_READ_FAULT, &first), STATUS_PENDING);
    uint32_t frame = first.Pfn;
    uint32_t size = PAGE_SIZE, at = page;
    ck_assert_int_eq(MmFreeVirtual(Process, &at, &size, MEM_DECOMMIT), STATUS_SUCCESS);
    ck_assert(MiGetPfn(System, frame)->DeletePending);
    Verify();
    MmCompleteIo(System, 1000);
    ck_assert_int_eq(MiGetPfn(System, frame)->Location, FreePageList);
    Verify();
    MmDereferenceInPage(first.InPage);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("inpage");
    TCase *tc = tcase_create("inpage");
    tcase_add_checked_fixture(tc, Setup, Teardown);
    tcase_set_timeout(tc, 300); /* the sanitizer suite checks memory after every fault */
    tcase_add_test(tc, hard_fault_waits_and_a_second_fault_collides);
    tcase_add_test(tc, failed_read_reaches_every_waiter_and_the_page_survives);
    tcase_add_test(tc, kernel_access_completes_a_read_in_flight);
    tcase_add_test(tc, page_freed_while_its_read_is_in_flight);
    suite_add_tcase(s, tc);
    return RunSuite(s);
}
