/*
 * ntmm-bench: what ntmm costs, as ratios measured in one run.
 *
 *  1. A compute loop on raw Unicorn (flat memory, no paging, no hooks)
 *     against the same loop on ntmm's machine (PAE paging, ring 3, the
 *     instruction-counting block hook): instructions per second and ratio.
 *  2. Demand-zero page faults per second through emu's trap delivery and
 *     MmAccessFault, touching a fresh committed page each time.
 *  3. Handled access violations per second in a real PE program (fault →
 *     KiDispatchException → the guest's fs:[0] handler → NtContinue →
 *     resume), next to native SIGSEGV delivery + siglongjmp on this host.
 */
#include "emu/emu.h"
#include "ke/ke.h"
#include "mm/mm.h"

#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicorn/unicorn.h>

#define LOOP_COUNT 20000000u
#define CODE_VA 0x00400000u

static double Now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* mov ecx, N; L: add eax, ecx; xor ebx, eax; dec ecx; jnz L; int 2Eh */
static void ComputeLoop(uint8_t *code, uint32_t n)
{
    const uint8_t bytes[] = {0xB9, 0, 0, 0, 0, 0x01, 0xC8, 0x31, 0xC3, 0x49, 0x75, 0xF9, 0xCD, 0x2E};
    memcpy(code, bytes, sizeof bytes);
    memcpy(code + 1, &n, 4);
}
#define LOOP_INSTRUCTIONS(n) (1.0 + 4.0 * (n) + 1.0)

static void StopOnInterrupt(uc_engine *uc, uint32_t intno, void *user)
{
    (void)intno;
    (void)user;
    uc_emu_stop(uc);
}

static double RawUnicorn(void)
{
    uc_engine *uc;
    uint8_t code[64];
    uc_hook h;
    uc_open(UC_ARCH_X86, UC_MODE_32, &uc);
    uc_mem_map(uc, CODE_VA, 0x1000, UC_PROT_ALL);
    ComputeLoop(code, LOOP_COUNT);
    uc_mem_write(uc, CODE_VA, code, sizeof code);
    uc_hook_add(uc, &h, UC_HOOK_INTR, (void *)StopOnInterrupt, NULL, 1, 0);
    double t0 = Now();
    uc_emu_start(uc, CODE_VA, 0, 0, 0);
    double t = Now() - t0;
    uc_close(uc);
    return LOOP_INSTRUCTIONS(LOOP_COUNT) / t;
}

typedef struct BENCH {
    EMU *Emu;
    MMPROCESS *Process;
    uint64_t Faults;
} BENCH;

static void OnTrap(void *context, const EMU_TRAP *trap)
{
    BENCH *b = context;
    EMU_REGISTERS regs;
    EmuGetRegisters(b->Emu, &regs); /* as ke's trap entry does */
    if (trap->Vector == EMU_TRAP_PAGE_FAULT) {
        uint32_t access = trap->ErrorCode & EMU_PF_WRITE ? MM_ACCESS_WRITE : MM_ACCESS_READ;
        if (MmAccessFault(b->Process, trap->FaultAddress, access, true, NULL) == STATUS_SUCCESS) {
            b->Faults++;
            MmFlushTlbIfNeeded();
            return;
        }
        fprintf(stderr, "bench: unexpected fault at 0x%08x\n", trap->FaultAddress);
    }
    EmuStop(b->Emu);
}

static int Setup(BENCH *b, uint64_t ram, const uint8_t *code, uint32_t code_size)
{
    char why[256];
    b->Emu = EmuCreate(ram, OnTrap, b, why, sizeof why);
    if (!b->Emu || MmInitializeSystem(b->Emu, NULL, why, sizeof why) != 0 ||
        MmCreateProcessAddressSpace(&b->Process) != STATUS_SUCCESS) {
        fprintf(stderr, "bench: %s\n", why);
        return -1;
    }
    uint8_t page[4096] = {0};
    memcpy(page, code, code_size);
    uint32_t protection = PAGE_EXECUTE_READ;
    if (MmMapImage(b->Process, CODE_VA, page, sizeof page, &protection) != STATUS_SUCCESS) {
        fprintf(stderr, "bench: cannot map the code\n");
        return -1;
    }
    EmuSetPageTableRoot(b->Emu, MmGetPageTableRoot(b->Process));
    return 0;
}

static void Teardown(BENCH *b)
{
    MmDeleteProcessAddressSpace(b->Process);
    MmShutdownSystem();
    EmuDestroy(b->Emu);
}

static double NtmmCompute(uint64_t *instructions)
{
    BENCH b = {0};
    uint8_t code[64];
    ComputeLoop(code, LOOP_COUNT);
    if (Setup(&b, 16u << 20, code, sizeof code) != 0) {
        exit(1);
    }
    EMU_REGISTERS regs = {.Eip = CODE_VA, .Esp = 0x10000, .EFlags = 0x202};
    char why[256];
    double t0 = Now();
    if (EmuRun(b.Emu, &regs, why, sizeof why) != 0) {
        fprintf(stderr, "bench: %s\n", why);
        exit(1);
    }
    double t = Now() - t0;
    *instructions = EmuInstructionCount(b.Emu);
    Teardown(&b);
    return LOOP_INSTRUCTIONS(LOOP_COUNT) / t;
}

static double DemandZero(uint32_t pages)
{
    BENCH b = {0};
    /* mov esi, base; mov ecx, pages; L: mov [esi], eax; add esi, 4096;
     * dec ecx; jnz L; int 2Eh */
    uint8_t code[] = {0xBE, 0, 0, 0, 0, 0xB9, 0, 0, 0, 0, 0x89, 0x06, 0x81, 0xC6, 0x00,
                      0x10, 0x00, 0x00, 0x49, 0x75, 0xF5, 0xCD, 0x2E};
    uint64_t ram = ((uint64_t)pages * 4096 * 5 / 4) + (32u << 20);
    if (Setup(&b, ram, code, sizeof code) != 0) {
        exit(1);
    }
    uint32_t base = 0, size = pages * 4096;
    if (MmAllocateVirtual(b.Process, &base, 0, &size, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE) !=
        STATUS_SUCCESS) {
        fprintf(stderr, "bench: cannot commit %u pages\n", pages);
        exit(1);
    }
    /* Patch the operands into the already mapped code page. */
    memcpy(code + 1, &base, 4);
    memcpy(code + 6, &pages, 4);
    MmWriteProcessMemoryForce(b.Process, CODE_VA, code, sizeof code);
    EMU_REGISTERS regs = {.Eip = CODE_VA, .Esp = 0x10000, .EFlags = 0x202};
    char why[256];
    double t0 = Now();
    if (EmuRun(b.Emu, &regs, why, sizeof why) != 0 || b.Faults != pages) {
        fprintf(stderr, "bench: demand-zero run failed (%s, %llu faults)\n", why,
                (unsigned long long)b.Faults);
        exit(1);
    }
    double t = Now() - t0;
    Teardown(&b);
    return pages / t;
}

static sigjmp_buf NativeJump;

static void OnSegv(int signal)
{
    (void)signal;
    siglongjmp(NativeJump, 1);
}

/* The native baseline: a read of a PROT_NONE page, SIGSEGV, siglongjmp. */
static double NativeSigsegv(unsigned count)
{
    volatile uint8_t *page = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = OnSegv;
    sigaction(SIGSEGV, &sa, &old);
    volatile unsigned handled = 0;
    double t0 = Now();
    for (volatile unsigned i = 0; i < count; i++) {
        if (sigsetjmp(NativeJump, 1) == 0) {
            (void)page[0];
        } else {
            handled++;
        }
    }
    double t = Now() - t0;
    sigaction(SIGSEGV, &old, NULL);
    munmap((void *)page, 4096);
    return handled / t;
}

static double RunGuest(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", NTMM_BENCH_DIR, name);
    char *argv[] = {path, NULL};
    KE_OPTIONS options = {.RamBytes = 64u << 20, .SystemDirectory = NTMM_SYSDIR,
                          .Argc = 1, .Argv = argv};
    KE_RESULT result;
    char why[512];
    double t0 = Now();
    KE_FAILURE failure = KeRunProgram(&options, path, &result, why, sizeof why);
    double t = Now() - t0;
    if (failure != KeRan || result.ExitStatus != 0) {
        fprintf(stderr, "bench: %s failed: %s (exit 0x%08x)\n", name,
                failure != KeRan ? why : "guest", (uint32_t)result.ExitStatus);
        exit(1);
    }
    return t;
}

int main(void)
{
    printf("ntmm-bench (Unicorn %s)\n\n", EmuVersion());
    double raw = RawUnicorn();
    uint64_t counted = 0;
    double ntmm = NtmmCompute(&counted);
    printf("compute loop, %u iterations:\n", LOOP_COUNT);
    printf("  raw Unicorn (flat, no paging, no hooks)  %8.1f M instructions/s\n", raw / 1e6);
    printf("  ntmm (PAE paging, ring 3, counting)      %8.1f M instructions/s\n", ntmm / 1e6);
    printf("  ratio ntmm / raw                         %8.2f\n", ntmm / raw);
    printf("  instructions counted by ntmm             %8.0f (loop has %.0f)\n\n",
           (double)counted, LOOP_INSTRUCTIONS(LOOP_COUNT));
    printf("demand-zero faults through emu + MmAccessFault:\n");
    uint32_t sizes[] = {1000, 10000, 50000};
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        double rate = DemandZero(sizes[i]);
        printf("  %6u pages   %8.0f faults/s   %6.2f us/fault\n", sizes[i], rate, 1e6 / rate);
    }

    double with = RunGuest("av_loop.exe");
    double without = RunGuest("av_loop0.exe");
    double guest_rate = 100000 / (with - without);
    double native_rate = NativeSigsegv(100000);
    printf("\nhandled access violations (fault -> SEH handler -> NtContinue -> resume):\n");
    printf("  ntmm guest, fs:[0] handler                %8.0f /s   %6.2f us each\n", guest_rate,
           1e6 / guest_rate);
    printf("  native SIGSEGV + siglongjmp on this host  %8.0f /s   %6.2f us each\n", native_rate,
           1e6 / native_rate);
    printf("  ratio ntmm / native                       %8.2f\n", guest_rate / native_rate);
    return 0;
}
