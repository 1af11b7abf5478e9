/*
 * The instruction count (emu/codecache.c): exact per block, the same in
 * every run, the quantum ending at the first block that reaches it, and
 * blocks that share the block table's slot both counted, and
 * the interrupt flag stopping the CPU — at once if it is up as a run starts,
 * at the next block if a trap raised it, at the count's next look at the
 * deadline (every 2^22 instructions) if a signal raised it while the guest
 * spins.
 */
#include <check.h>

#include "tests/unit/checkmain.h"
#include <signal.h>
#include <string.h>
#include <sys/time.h>

#include "mm/mm.h"

#define CODE_VA 0x00400000u
#define STACK_VA 0x00300000u

static EMU *Emu;
static MMSYSTEM *System;
static MMPROCESS *Process;
static volatile sig_atomic_t Flag;
static unsigned Traps;
static bool RaiseOnFirstTrap;

/* A page fault is resolved (the code page comes in on first use); int
 * 2Eh: the first one raises the flag if asked to and goes on, any other
 * ends the run. */
static void OnTrap(void *context, const EMU_TRAP *trap)
{
    (void)context;
    if (trap->Vector == EMU_TRAP_PAGE_FAULT) {
        MM_FAULT_INFO info = {.Eip = trap->Eip};
        uint32_t access = trap->ErrorCode & EMU_PF_WRITE ? EXCEPTION_WRITE_FAULT : EXCEPTION_READ_FAULT;
        if (MmAccessFault(Process, trap->FaultAddress, access, true, &info) == STATUS_SUCCESS) {
            MmFlushTlbIfNeeded(System);
            return;
        }
        EmuStop(Emu);
        return;
    }
    Traps++;
    if (Traps == 1 && RaiseOnFirstTrap) {
        Flag = 1;
        return;
    }
    EmuStop(Emu);
}

/*
 *      int 2Eh                  ; a block of its own (1)
 *      mov ecx, N               ; then: 1 + the loop's first 4 in one block
 *   L: add eax, ecx; xor ebx, eax; dec ecx; jnz L      (4 a block)
 *      int 2Eh
 */
static void LoadCode(const uint8_t *code, uint32_t size)
{
    char why[256];
    Emu = EmuCreate(4u << 20, OnTrap, NULL, why, sizeof why);
    ck_assert_msg(Emu != NULL, "%s", why);
    ck_assert_int_eq(MmInitializeSystem(Emu, NULL, &System, why, sizeof why), 0);
    ck_assert_int_eq(MmCreateProcessAddressSpace(System, &Process), STATUS_SUCCESS);
    uint32_t protections[32];
    ck_assert_uint_le(size / 4096, 32);
    for (unsigned i = 0; i < 32; i++) {
        protections[i] = PAGE_EXECUTE_READ;
    }
    ck_assert_int_eq(MmMapImage(Process, CODE_VA, code, size, protections), STATUS_SUCCESS);
    uint32_t stack = STACK_VA, stack_size = 4096;
    ck_assert_int_eq(MmAllocateVirtual(Process, &stack, 0, &stack_size, MEM_RESERVE | MEM_COMMIT,
                                       PAGE_READWRITE),
                     STATUS_SUCCESS);
    uint32_t zero = 0; /* resident: a fault would count its block's start twice */
    ck_assert_int_eq(MmWriteProcessMemoryForce(Process, STACK_VA + 4096 - 4, &zero, 4),
                     STATUS_SUCCESS);
    EmuSetPageTableRoot(Emu, MmGetPageTableRoot(Process));
    Flag = 0;
    Traps = 0;
    RaiseOnFirstTrap = false;
    EmuSetInterruptFlag(Emu, &Flag);
}

static void Load(uint32_t iterations)
{
    uint8_t page[4096] = {0xCD, 0x2E, 0xB9, 0, 0, 0, 0, 0x01, 0xC8, 0x31, 0xC3, 0x49, 0x75, 0xF9,
                          0xCD, 0x2E};
    memcpy(page + 3, &iterations, 4);
    LoadCode(page, sizeof page);
}

static void Unload(void)
{
    MmDeleteProcessAddressSpace(Process);
    MmShutdownSystem(System);
    EmuDestroy(Emu);
}

/* From the start of the code. */
static void Run(void)
{
    EMU_REGISTERS regs = {.Eip = CODE_VA, .Esp = STACK_VA + 4096, .EFlags = 0x202};
    char why[256] = "";
    ck_assert_msg(EmuRun(Emu, &regs, why, sizeof why) == 0, "%s", why);
}

/* From where the last stop left the CPU (after the first int 2Eh). */
static void Continue(void)
{
    char why[256] = "";
    ck_assert_msg(EmuContinue(Emu, false, why, sizeof why) == 0, "%s", why);
}

START_TEST(counts_every_instruction_exactly)
{
    /* More than the 2^22 instructions between the count's looks at the
     * deadline, so that it crosses a few. */
    uint32_t n = 3u << 20;
    Load(n);
    Run();      /* the first int 2Eh */
    Continue(); /* the loop, to the second */
    ck_assert_uint_eq(Traps, 2);
    ck_assert(!EmuQuantumExpired(Emu));
    ck_assert_uint_eq(EmuInstructionCount(Emu), 1 + 1 + 4ull * n + 1);
    Unload();
}
END_TEST

/*
 * Two blocks 64 KiB apart take the same slot of the block table, the one
 * the hot path looks in; called one after the other, each time the other
 * has taken it, and the count stays exact (the loser is found again in the
 * second table, not looked up anew in Unicorn).
 *      int 2Eh
 *      mov ecx, N
 *   L: call F                   ; at CODE_VA + 7 (1 a block, after the first)
 *      dec ecx; jnz L           ; 2
 *      int 2Eh
 *   F: add eax, 1; ret          ; at CODE_VA + 64 KiB + 7 (2)
 */
START_TEST(blocks_that_share_a_slot_are_both_counted_exactly)
{
    enum { F = 0x10007 };
    static uint8_t code[0x11000];
    const uint8_t head[] = {0xCD, 0x2E, 0xB9, 0, 0, 0, 0, 0xE8, 0, 0, 0, 0,
                            0x49, 0x75, 0xF8, 0xCD, 0x2E};
    const uint8_t f[] = {0x83, 0xC0, 0x01, 0xC3};
    uint32_t n = 100000, call = F - 0xC;
    memcpy(code, head, sizeof head);
    memcpy(code + 3, &n, 4);
    memcpy(code + 8, &call, 4);
    memcpy(code + F, f, sizeof f);
    LoadCode(code, sizeof code);
    Run();
    Continue();
    ck_assert_uint_eq(Traps, 2);
    /* int, mov + call, then F and dec/jnz each time, call alone after the
     * first, the last int */
    ck_assert_uint_eq(EmuInstructionCount(Emu), 1 + 2 + 4ull * n + 1ull * (n - 1) + 1);
    EMU_CODE_STATISTICS stats;
    EmuCodeStatistics(Emu, &stats);
    ck_assert_uint_ge(stats.VictimHits, n);
    ck_assert_uint_eq(stats.BlockMisses, 0);
    Unload();
}
END_TEST

START_TEST(a_quantum_ends_at_the_first_block_that_reaches_it)
{
    uint64_t counts[2];
    for (int run = 0; run < 2; run++) {
        Load(1000000);
        Run();
        uint64_t start = EmuInstructionCount(Emu);
        EmuSetQuantum(Emu, 1001); /* 5 + 4k reaches it at k = 249 */
        Continue();
        ck_assert(EmuQuantumExpired(Emu));
        counts[run] = EmuInstructionCount(Emu) - start;
        Unload();
    }
    /* The block that reached it is counted (the CPU stops before it runs,
     * and resuming counts it again: ke/sched.c takes that into account). */
    ck_assert_uint_eq(counts[0], 5 + 4 * 249);
    ck_assert_uint_eq(counts[1], counts[0]);
}
END_TEST

START_TEST(a_flag_up_as_the_run_starts_stops_its_first_block)
{
    Load(1000000);
    Flag = SIGINT;
    Run();
    ck_assert(EmuQuantumExpired(Emu));
    ck_assert_uint_eq(Traps, 0);
    ck_assert_uint_le(EmuInstructionCount(Emu), 1);
    Unload();
}
END_TEST

START_TEST(a_flag_raised_in_a_trap_stops_the_next_block)
{
    Load(0xFFFFFFFFu); /* 16 G instructions: only the flag ends it */
    RaiseOnFirstTrap = true;
    Run();
    ck_assert(EmuQuantumExpired(Emu));
    ck_assert_uint_eq(Traps, 1);
    /* int 2Eh, then the next block (mov ecx and the loop's first 4),
     * counted as it starts and stopped before it runs. */
    ck_assert_uint_eq(EmuInstructionCount(Emu), 1 + 5);
    Unload();
}
END_TEST

static void OnAlarm(int signal)
{
    Flag = signal;
}

START_TEST(a_flag_raised_by_a_signal_while_the_guest_spins_stops_it)
{
    Load(0xFFFFFFFFu);
    Run();
    struct sigaction action = {.sa_handler = OnAlarm};
    sigemptyset(&action.sa_mask);
    sigaction(SIGVTALRM, &action, NULL); /* 20 ms of CPU time from now */
    struct itimerval timer = {.it_value = {.tv_usec = 20000}};
    setitimer(ITIMER_VIRTUAL, &timer, NULL);
    Continue(); /* no trap before the flag: the count's look at the deadline sees it */
    ck_assert(EmuQuantumExpired(Emu));
    ck_assert_int_eq(Flag, SIGVTALRM);
    ck_assert_uint_eq(Traps, 1);
    ck_assert_uint_lt(EmuInstructionCount(Emu), 1 + 1 + 4ull * 0xFFFFFFFFu);
    Unload();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("count");
    TCase *tc = tcase_create("count");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, counts_every_instruction_exactly);
    tcase_add_test(tc, blocks_that_share_a_slot_are_both_counted_exactly);
    tcase_add_test(tc, a_quantum_ends_at_the_first_block_that_reaches_it);
    tcase_add_test(tc, a_flag_up_as_the_run_starts_stops_its_first_block);
    tcase_add_test(tc, a_flag_raised_in_a_trap_stops_the_next_block);
    tcase_add_test(tc, a_flag_raised_by_a_signal_while_the_guest_spins_stops_it);
    suite_add_tcase(s, tc);
    return RunSuite(s);
}
