/*
 * Paging, driven directly: a machine with 1 MiB of RAM, a small working
 * set and an in-memory pagefile. The stress test runs random commit,
 * decommit, protect, touch, write and read operations over many more pages
 * than RAM holds and compares every read with a shadow copy kept on the
 * host; the others follow single pages through their life.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/checkmain.h"
#include "tests/unit/pagingfixture.h"

START_TEST(clean_page_is_trimmed_to_standby_and_soft_faults_back)
{
    uint32_t page = Commit(0, PAGE_SIZE, PAGE_READWRITE);
    uint32_t word;
    ck_assert_int_eq(MmCopyFromUser(Process, &word, page, 4), STATUS_SUCCESS);
    uint32_t frame = MiPteFrame(PteOf(page));
    Crowd(60);
    MMPTE pte = PteOf(page);
    ck_assert(MiPteIsTransition(pte));
    ck_assert_uint_eq(MiPteFrame(pte), frame);
    ck_assert_int_eq(MiGetPfn(System, frame)->Location, StandbyPageList);
    ck_assert_uint_eq(MiPteProtection(pte), MM_READWRITE);
    MM_FAULT_INFO info = {0};
    ck_assert_int_eq(MmAccessFault(Process, page, EXCEPTION_READ_FAULT, true, &info), STATUS_SUCCESS);
    ck_assert_int_eq(info.Kind, MmFaultTransition);
    ck_assert_uint_eq(info.Pfn, frame);
    Verify();
}
END_TEST

START_TEST(dirty_page_is_written_repurposed_and_read_back)
{
    uint32_t page = Commit(0, PAGE_SIZE, PAGE_READWRITE);
    uint8_t bytes[PAGE_SIZE];
    for (uint32_t i = 0; i < PAGE_SIZE; i++) {
        bytes[i] = (uint8_t)(i * 7 + 3);
    }
    ck_assert_int_eq(MmCopyToUser(Process, page, bytes, PAGE_SIZE), STATUS_SUCCESS);
    Crowd(600); /* 2.4 MiB through 1 MiB */
    MMPTE pte = PteOf(page);
    ck_assert(!MiPteIsValid(pte) && !MiPteIsTransition(pte));
    uint32_t slot = MiPtePageFileHigh(pte);
    ck_assert_uint_ne(slot, 0);
    MM_FAULT_INFO info = {0};
    ck_assert_int_eq(MmAccessFault(Process, page, EXCEPTION_READ_FAULT, true, &info), STATUS_SUCCESS);
    ck_assert_int_eq(info.Kind, MmFaultHard);
    ck_assert_uint_eq(info.Slot, slot);
    uint8_t back[PAGE_SIZE];
    ck_assert_int_eq(MmCopyFromUser(Process, back, page, PAGE_SIZE), STATUS_SUCCESS);
    ck_assert_mem_eq(back, bytes, PAGE_SIZE);
    /* Read back, the page is clean and keeps its slot. */
    MMPFN *pfn = MiGetPfn(System, MiPteFrame(PteOf(page)));
    ck_assert_uint_eq(MiPtePageFileHigh(pfn->OriginalPte), slot);
    Verify();
}
END_TEST

START_TEST(read_error_is_an_in_page_error_and_the_page_survives)
{
    uint32_t page = Commit(0, PAGE_SIZE, PAGE_READWRITE);
    uint32_t value = 0x12345678;
    ck_assert_int_eq(MmCopyToUser(Process, page, &value, 4), STATUS_SUCCESS);
    Crowd(600);
    uint32_t slot = MiPtePageFileHigh(PteOf(page));
    ck_assert_uint_ne(slot, 0);
    PfInjectReadError(PageFile, slot);
    MM_FAULT_INFO info = {0};
    ck_assert_int_eq(MmAccessFault(Process, page, EXCEPTION_READ_FAULT, true, &info),
                     STATUS_IN_PAGE_ERROR);
    ck_assert_int_eq(info.IoStatus, STATUS_DEVICE_DATA_ERROR);
    ck_assert_int_eq(info.Kind, MmFaultInPageError);
    ck_assert_uint_eq(MiPtePageFileHigh(PteOf(page)), slot); /* unchanged */
    uint32_t back = 0;
    ck_assert_int_eq(MmCopyFromUser(Process, &back, page, 4), STATUS_SUCCESS);
    ck_assert_uint_eq(back, value);
    Verify();
}
END_TEST

START_TEST(page_dirtied_while_its_write_is_in_flight_stays_modified)
{
    uint32_t page = Commit(0, PAGE_SIZE, PAGE_READWRITE);
    uint32_t value = 1;
    ck_assert_int_eq(MmCopyToUser(Process, page, &value, 4), STATUS_SUCCESS);
    MMPTE *pte = MiGetPteAddress(Process, page, false);
    uint32_t frame = MiPteFrame(*pte);
    MiTrimPage(Process, pte, frame, page);
    ck_assert_int_eq(MiGetPfn(System, frame)->Location, ModifiedPageList);
    /* The writer takes it (and leaves the write in flight). */
    MiModifiedPageWriter(System, 0);
    ck_assert(MiGetPfn(System, frame)->WriteInProgress);
    /* The program touches and dirties it meanwhile; it is trimmed again. */
    MM_FAULT_INFO info = {0};
    ck_assert_int_eq(MmAccessFault(Process, page, EXCEPTION_WRITE_FAULT, true, &info), STATUS_SUCCESS);
    ck_assert_int_eq(info.Kind, MmFaultRedirtied); /* a transition fault that re-dirties it */
    value = 2;
    ck_assert_int_eq(MmCopyToUser(Process, page, &value, 4), STATUS_SUCCESS);
    MiTrimPage(Process, pte, frame, page);
    MiCompleteModifiedWrite(System);
    /* The copy written holds 1: the page must stay modified. */
    ck_assert_int_eq(MiGetPfn(System, frame)->Location, ModifiedPageList);
    ck_assert_uint_eq(MmGetStats(System)->RedirtiedInFlight, 1);
    Crowd(600);
    uint32_t back = 0;
    ck_assert_int_eq(MmCopyFromUser(Process, &back, page, 4), STATUS_SUCCESS);
    ck_assert_uint_eq(back, 2);
    Verify();
}
END_TEST

START_TEST(decommit_frees_frames_and_slots_in_every_state)
{
    uint32_t base = Commit(0, 64 * PAGE_SIZE, PAGE_READWRITE);
    for (uint32_t i = 0; i < 64; i++) {
        ck_assert_int_eq(MmCopyToUser(Process, base + i * PAGE_SIZE, &i, 4), STATUS_SUCCESS);
    }
    Crowd(300); /* some of the 64 are now in the pagefile, some in transition */
    uint32_t size = 64 * PAGE_SIZE, at = base;
    ck_assert_int_eq(MmFreeVirtual(Process, &at, &size, MEM_DECOMMIT), STATUS_SUCCESS);
    for (uint32_t i = 0; i < 64; i++) {
        MMPTE pte = PteOf(base + i * PAGE_SIZE);
        ck_assert(!MiPteIsValid(pte) && !MiPteIsTransition(pte));
        ck_assert_uint_eq(MiPtePageFileHigh(pte), 0);
    }
    Verify();
}
END_TEST

START_TEST(guard_page_in_the_pagefile_fires_once)
{
    uint32_t page = Commit(0, PAGE_SIZE, PAGE_READWRITE);
    uint32_t value = 77, old;
    ck_assert_int_eq(MmCopyToUser(Process, page, &value, 4), STATUS_SUCCESS);
    uint32_t base = page, size = PAGE_SIZE;
    ck_assert_int_eq(MmProtectVirtual(Process, &base, &size, PAGE_READWRITE | PAGE_GUARD, &old),
                     STATUS_SUCCESS);
    Crowd(600);
    ck_assert_uint_ne(MiPtePageFileHigh(PteOf(page)), 0);
    uint32_t back = 0;
    ck_assert_int_eq(MmCopyFromUser(Process, &back, page, 4), STATUS_GUARD_PAGE_VIOLATION);
    ck_assert_uint_ne(MiPtePageFileHigh(PteOf(page)), 0); /* still in the pagefile */
    ck_assert_int_eq(MmCopyFromUser(Process, &back, page, 4), STATUS_SUCCESS);
    ck_assert_uint_eq(back, 77);
    Verify();
}
END_TEST

/* ------------------------------------------------------------ stress */

#define STRESS_PAGES 1024u          /* 4 MiB of address space, 1 MiB of RAM */
#define STRESS_BASE 0x10000000u

enum { ShadowFree, ShadowRW, ShadowRO, ShadowNoAccess, ShadowGuardRW };

/* Two processes' shadows: the stress process and, after a fork, its clone.
 * The operations act on the current one. */
static uint8_t Shadows[2][STRESS_PAGES][PAGE_SIZE];
static uint8_t States[2][STRESS_PAGES];
static MMPROCESS *Processes[2];
static uint8_t (*Shadow)[PAGE_SIZE] = Shadows[0];
static uint8_t *State = States[0];
static MMPROCESS *Current;

static void Switch(int which)
{
    Shadow = Shadows[which];
    State = States[which];
    Current = Processes[which];
}

static uint64_t Seed = 0x243F6A8885A308D3ull;
static uint32_t Random(uint32_t n)
{
    Seed ^= Seed << 13;
    Seed ^= Seed >> 7;
    Seed ^= Seed << 17;
    return (uint32_t)(Seed % n);
}

static const uint32_t Win32Of[] = {0, PAGE_READWRITE, PAGE_READONLY, PAGE_NOACCESS,
                                   PAGE_READWRITE | PAGE_GUARD};

/* What a copy of one page's part should give, and its effect on the shadow. */
static NTSTATUS ExpectAccess(uint32_t page, bool write)
{
    switch (State[page]) {
    case ShadowRW:
        return STATUS_SUCCESS;
    case ShadowRO:
        return write ? STATUS_ACCESS_VIOLATION : STATUS_SUCCESS;
    case ShadowGuardRW:
        State[page] = ShadowRW; /* the guard goes with the exception */
        return STATUS_GUARD_PAGE_VIOLATION;
    default:
        return STATUS_ACCESS_VIOLATION;
    }
}

static uint64_t Mismatches, Operations;

static void StressCopy(bool write)
{
    uint32_t offset = Random(STRESS_PAGES * PAGE_SIZE - 8192);
    uint32_t length = 1 + Random(6000);
    static uint8_t buffer[8192];
    if (write) {
        for (uint32_t i = 0; i < length; i++) {
            buffer[i] = (uint8_t)Random(256);
        }
    }
    NTSTATUS status = write ? MmCopyToUser(Current, STRESS_BASE + offset, buffer, length)
                            : MmCopyFromUser(Current, buffer, STRESS_BASE + offset, length);
    /* The copy goes page by page and stops at the first page it cannot use. */
    NTSTATUS expected = STATUS_SUCCESS;
    uint32_t done = 0;
    while (done < length) {
        uint32_t at = offset + done;
        uint32_t page = at / PAGE_SIZE, in_page = at % PAGE_SIZE;
        uint32_t chunk = PAGE_SIZE - in_page < length - done ? PAGE_SIZE - in_page : length - done;
        expected = ExpectAccess(page, write);
        if (expected != STATUS_SUCCESS) {
            break;
        }
        if (write) {
            memcpy(&Shadow[page][in_page], buffer + done, chunk);
        } else if (memcmp(&Shadow[page][in_page], buffer + done, chunk) != 0) {
            Mismatches++;
        }
        done += chunk;
    }
    ck_assert_msg(status == expected, "op %llu: %s of %u bytes at +0x%x: status 0x%08x, expected "
                  "0x%08x", (unsigned long long)Operations, write ? "write" : "read", length,
                  offset, (unsigned)status, (unsigned)expected);
}

static void StressCommit(void)
{
    uint32_t first = Random(STRESS_PAGES), count = 1 + Random(32);
    if (first + count > STRESS_PAGES) {
        count = STRESS_PAGES - first;
    }
    uint32_t kind = 1 + Random(4);
    uint32_t base = STRESS_BASE + first * PAGE_SIZE, size = count * PAGE_SIZE;
    NTSTATUS status = MmAllocateVirtual(Current, &base, 0, &size, MEM_COMMIT, Win32Of[kind]);
    ck_assert_int_eq(status, STATUS_SUCCESS);
    for (uint32_t p = first; p < first + count; p++) {
        if (State[p] == ShadowFree) {
            memset(Shadow[p], 0, PAGE_SIZE); /* newly committed: zero */
        }
        State[p] = (uint8_t)kind;
    }
}

static void StressDecommit(void)
{
    uint32_t first = Random(STRESS_PAGES), count = 1 + Random(48);
    if (first + count > STRESS_PAGES) {
        count = STRESS_PAGES - first;
    }
    uint32_t base = STRESS_BASE + first * PAGE_SIZE, size = count * PAGE_SIZE;
    ck_assert_int_eq(MmFreeVirtual(Current, &base, &size, MEM_DECOMMIT), STATUS_SUCCESS);
    memset(&State[first], ShadowFree, count);
}

static void StressProtect(void)
{
    uint32_t first = Random(STRESS_PAGES), count = 1 + Random(16);
    if (first + count > STRESS_PAGES) {
        count = STRESS_PAGES - first;
    }
    bool all = true;
    for (uint32_t p = first; p < first + count; p++) {
        all &= State[p] != ShadowFree;
    }
    uint32_t kind = 1 + Random(4), old;
    uint32_t base = STRESS_BASE + first * PAGE_SIZE, size = count * PAGE_SIZE;
    NTSTATUS status = MmProtectVirtual(Current, &base, &size, Win32Of[kind], &old);
    ck_assert_int_eq(status, all ? STATUS_SUCCESS : STATUS_NOT_COMMITTED);
    if (all) {
        ck_assert_uint_eq(old, Win32Of[State[first]]);
        memset(&State[first], (int)kind, count);
    }
}

static void StressTouch(void)
{
    uint32_t page = Random(STRESS_PAGES);
    bool write = Random(2);
    NTSTATUS expected = ExpectAccess(page, write);
    NTSTATUS status = MmAccessFault(Current, STRESS_BASE + page * PAGE_SIZE,
                                    write ? EXCEPTION_WRITE_FAULT : EXCEPTION_READ_FAULT, true, NULL);
    ck_assert_int_eq(status, expected);
}

static void RunOperations(uint64_t operations)
{
    for (uint64_t n = 0; n < operations; n++, Operations++) {
        uint32_t op = Random(100);
        if (op < 8) {
            StressCommit();
        } else if (op < 11) {
            StressDecommit();
        } else if (op < 15) {
            StressProtect();
        } else if (op < 25) {
            StressTouch();
        } else if (op < 60) {
            StressCopy(true);
        } else {
            StressCopy(false);
        }
        if (Operations % 100000 == 0) {
            Verify();
        }
    }
}

static void CheckEveryPage(void)
{
    for (uint32_t p = 0; p < STRESS_PAGES; p++) {
        static uint8_t page[PAGE_SIZE];
        if (State[p] == ShadowRW || State[p] == ShadowRO) {
            ck_assert_int_eq(MmCopyFromUser(Current, page, STRESS_BASE + p * PAGE_SIZE,
                                            PAGE_SIZE), STATUS_SUCCESS);
            Mismatches += memcmp(page, Shadow[p], PAGE_SIZE) != 0;
        }
    }
    Verify();
}

static void RunStress(uint64_t operations)
{
    Processes[0] = Process;
    Switch(0);
    Operations = 0;
    uint32_t base = STRESS_BASE, size = STRESS_PAGES * PAGE_SIZE;
    ck_assert_int_eq(MmAllocateVirtual(Current, &base, 0, &size, MEM_RESERVE, PAGE_NOACCESS),
                     STATUS_SUCCESS);
    RunOperations(operations);
    CheckEveryPage();
}

START_TEST(stress_a_million_operations_match_the_shadow_copy)
{
    uint64_t operations = 1000000;
    const char *env = getenv("NTMM_STRESS_OPERATIONS");
    if (env) {
        operations = strtoull(env, NULL, 10);
    }
    RunStress(operations);
    const MM_STATS *stats = MmGetStats(System);
    printf("stress: %llu operations, %llu mismatches; faults: %llu demand-zero, %llu transition,"
           " %llu hard; %llu pages written, %llu repurposed\n",
           (unsigned long long)operations, (unsigned long long)Mismatches,
           (unsigned long long)stats->Faults[MmFaultDemandZero],
           (unsigned long long)stats->Faults[MmFaultTransition],
           (unsigned long long)stats->Faults[MmFaultHard],
           (unsigned long long)stats->PagesWritten, (unsigned long long)stats->PagesRepurposed);
    ck_assert_uint_eq(Mismatches, 0);
    /* The run paged: every path was taken many times. */
    ck_assert_uint_gt(stats->Faults[MmFaultTransition], 1000);
    ck_assert_uint_gt(stats->Faults[MmFaultHard], 1000);
    ck_assert_uint_gt(stats->PagesRepurposed, 1000);
}
END_TEST

/* Then a fork: the clone and the parent go on in turns, each against its
 * own shadow (equal at the fork), through the same tiny RAM. Every page
 * of both is checked at the end; both address spaces are checked against
 * the PFN database as they go. */
START_TEST(stress_after_a_fork_each_process_sees_its_own_pages)
{
    RunStress(200000);
    ck_assert_int_eq(MmCloneProcessAddressSpace(Process, &Processes[1]), STATUS_SUCCESS);
    memcpy(Shadows[1], Shadows[0], sizeof Shadows[0]);
    memcpy(States[1], States[0], sizeof States[0]);
    Verify();
    uint64_t cow = MmGetStats(System)->Faults[MmFaultCopyOnWrite];
    for (int round = 0; round < 40; round++) {
        Switch(round & 1);
        RunOperations(10000);
    }
    for (int which = 0; which < 2; which++) {
        Switch(which);
        CheckEveryPage();
    }
    printf("fork stress: %llu mismatches, %llu copy-on-write faults\n",
           (unsigned long long)Mismatches,
           (unsigned long long)(MmGetStats(System)->Faults[MmFaultCopyOnWrite] - cow));
    ck_assert_uint_eq(Mismatches, 0);
    ck_assert_uint_gt(MmGetStats(System)->Faults[MmFaultCopyOnWrite] - cow, 50);
    Switch(0);
    MmDeleteProcessAddressSpace(Processes[1]);
    Processes[1] = NULL;
    Verify();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("paging");
    TCase *tc = tcase_create("paging");
    tcase_add_checked_fixture(tc, Setup, Teardown);
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, clean_page_is_trimmed_to_standby_and_soft_faults_back);
    tcase_add_test(tc, dirty_page_is_written_repurposed_and_read_back);
    tcase_add_test(tc, read_error_is_an_in_page_error_and_the_page_survives);
    tcase_add_test(tc, page_dirtied_while_its_write_is_in_flight_stays_modified);
    tcase_add_test(tc, decommit_frees_frames_and_slots_in_every_state);
    tcase_add_test(tc, guard_page_in_the_pagefile_fires_once);
    tcase_add_test(tc, stress_a_million_operations_match_the_shadow_copy);
    tcase_add_test(tc, stress_after_a_fork_each_process_sees_its_own_pages);
    suite_add_tcase(s, tc);
    return RunSuite(s);
}
