/*
 * ntmm-bench: what ntmm costs, as ratios measured in one run.
 *
 *  1. A compute loop on raw Unicorn (flat memory, no paging, no hooks)
 *     against the same loop on ntmm's machine (PAE paging, ring 3, the
 *     instruction-counting block hook): instructions per second and ratio.
 *  2. Demand-zero page faults per second through emu's trap delivery and
 *     MmAccessFault, touching a fresh committed page each time.
 *  3. Paging through a pagefile in a small RAM: hard faults per second and
 *     pagefile write MB/s, next to bare sqlite3_blob read and write loops
 *     on the same database file in the same run.
 *  4. Demand-zero faults per second with paging on, at 10^4, 10^5 and 10^6
 *     pages touched: the rate should not fall with the size.
 *  5. Copy-on-write faults after an address space is cloned, and process
 *     switches (whole CPU state and CR3), against demand-zero faults; a
 *     switch between two threads of one process against a process switch.
 *  6. Handled access violations per second in a real PE program (fault →
 *     KiDispatchException → the guest's fs:[0] handler → NtContinue →
 *     resume), next to native SIGSEGV delivery + siglongjmp on this host.
 */
#include "bench/bench.h"
#include "emu/emu.h"
#include "ke/ke.h"
#include "mm/mm.h"
#include "pagefile/pagefile.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <signal.h>
#include <sys/mman.h>
#include <stdio.h>
#include <stdlib.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unicorn/unicorn.h>
#include <unistd.h>

#define LOOP_COUNT 20000000u
#define CODE_VA 0x00400000u

/* What the goals at the end are judged on (set as each part runs). */
static double PagefileReadRatio, PagefileWriteRatio;

static double Now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* CPU time of this process: the compute and memory loops are timed by it,
 * so that other work on a shared machine taking the CPU away between two
 * loops does not count against either (best of several runs still). */
static double CpuNow(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

double BenchNow(void)
{
    return Now();
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

static void EmptyBlockHook(uc_engine *uc, uint64_t address, uint32_t size, void *user)
{
    (void)uc;
    (void)address;
    (void)size;
    (void)user;
}

/* The compute loop on raw Unicorn; with_hook: an empty UC_HOOK_BLOCK, the
 * least any exact per-block count can cost. */
static double RawUnicorn(bool with_hook)
{
    uc_engine *uc;
    uint8_t code[64];
    uc_hook h;
    uc_open(UC_ARCH_X86, UC_MODE_32, &uc);
    uc_mem_map(uc, CODE_VA, 0x1000, UC_PROT_ALL);
    ComputeLoop(code, LOOP_COUNT);
    uc_mem_write(uc, CODE_VA, code, sizeof code);
    uc_hook_add(uc, &h, UC_HOOK_INTR, (void *)StopOnInterrupt, NULL, 1, 0);
    if (with_hook) {
        uc_hook_add(uc, &h, UC_HOOK_BLOCK, (void *)EmptyBlockHook, NULL, 1, 0);
    }
    double t0 = CpuNow();
    uc_emu_start(uc, CODE_VA, 0, 0, 0);
    double t = CpuNow() - t0;
    uc_close(uc);
    return LOOP_INSTRUCTIONS(LOOP_COUNT) / t;
}

/*
 * The compute loop on raw Unicorn with what ntmm's machine puts around it
 * but without counting: PAE paging with 4 KiB pages, the loop in ring 3
 * (entered by iretd from a ring-0 stub, as EmuRun does) and an empty block
 * hook. Against RawUnicorn(true) it is the cost of paging and ring 3;
 * against ntmm, the cost of the count itself.
 */
static double RawUnicornPaged(void)
{
    enum { PDPT = 0x1000, PD = 0x2000, PT = 0x3000, GDT = 0x4000, STUB = 0x5000, STACK = 0x6000,
           CODE = 0x7000, RAM = 0x8000 };
    const uint64_t present = 1, write = 2, user = 4;
    uint8_t ram[RAM] = {0};
    uint64_t e = PD | present;
    memcpy(ram + PDPT, &e, 8);
    e = PT | present | write | user;
    memcpy(ram + PD, &e, 8);
    for (uint64_t va = GDT; va < RAM; va += 0x1000) { /* identity; only the code is user's */
        e = va | present | (va == CODE ? user : write);
        memcpy(ram + PT + (va >> 12) * 8, &e, 8);
    }
    /* null, ring-0 code and data, ring-3 code (0x1B) and data (0x23): flat */
    const uint64_t gdt[] = {0, 0x00CF9A000000FFFFull, 0x00CF92000000FFFFull,
                            0x00CFFA000000FFFFull, 0x00CFF2000000FFFFull};
    memcpy(ram + GDT, gdt, sizeof gdt);
    ram[STUB] = 0xCF; /* iretd */
    const uint32_t frame[] = {CODE, 0x1B, 0x202, STACK + 0x800, 0x23};
    memcpy(ram + STACK + 0x400, frame, sizeof frame);
    ComputeLoop(ram + CODE, LOOP_COUNT);

    uc_engine *uc;
    uc_hook h;
    uc_open(UC_ARCH_X86, UC_MODE_32, &uc);
    uc_mem_map(uc, 0, RAM, UC_PROT_ALL);
    uc_mem_write(uc, 0, ram, RAM);
    uc_x86_mmr gdtr = {0, GDT, sizeof gdt - 1, 0};
    uint32_t cr3 = PDPT, cr4 = 0x20, cr0 = 0x80000011u, esp = STACK + 0x400;
    uc_reg_write(uc, UC_X86_REG_GDTR, &gdtr);
    uc_reg_write(uc, UC_X86_REG_CR3, &cr3);
    uc_reg_write(uc, UC_X86_REG_CR4, &cr4);
    uc_reg_write(uc, UC_X86_REG_CR0, &cr0);
    uc_reg_write(uc, UC_X86_REG_ESP, &esp);
    uc_hook_add(uc, &h, UC_HOOK_INTR, (void *)StopOnInterrupt, NULL, 1, 0);
    uc_hook_add(uc, &h, UC_HOOK_BLOCK, (void *)EmptyBlockHook, NULL, 1, 0);
    double t0 = CpuNow();
    uc_err err = uc_emu_start(uc, STUB, 0, 0, 0);
    double t = CpuNow() - t0;
    uint32_t cs = 0, ecx = 1;
    uc_reg_read(uc, UC_X86_REG_CS, &cs);
    uc_reg_read(uc, UC_X86_REG_ECX, &ecx);
    uc_close(uc);
    if (err != UC_ERR_OK || cs != 0x1B || ecx != 0) {
        fprintf(stderr, "bench: the paged ring-3 loop did not run (%s, cs 0x%x, ecx %u)\n",
                uc_strerror(err), cs, ecx);
        exit(1);
    }
    return LOOP_INSTRUCTIONS(LOOP_COUNT) / t;
}

/*
 * A memory-bound loop: EDI = the buffer, EBX = 64-byte lines in it, EDX =
 * passes over it; each iteration reads 16 words and writes one (20
 * instructions, 17 accesses).
 *   P: mov esi, edi; mov ecx, ebx
 *   L: add eax, [esi]; add eax, [esi+4] ... [esi+60]; mov [esi], eax
 *      add esi, 64; dec ecx; jnz L
 *      dec edx; jnz P; int 2Eh
 */
#define MEMORY_INSTRUCTIONS(pages, passes) \
    ((2.0 + (pages) * 64.0 * 20.0 + 2.0) * (passes) + 1.0)
static size_t MemoryLoop(uint8_t *code)
{
    size_t n = 0;
    const uint8_t head[] = {0x89, 0xFE, 0x89, 0xD9, 0x03, 0x06};
    memcpy(code, head, sizeof head);
    n = sizeof head;
    for (uint8_t d = 4; d < 64; d += 4) {
        code[n++] = 0x03, code[n++] = 0x46, code[n++] = d;
    }
    const uint8_t tail[] = {0x89, 0x06, 0x83, 0xC6, 0x40, 0x49, 0x75, 0x00, 0x4A, 0x75, 0x00,
                            0xCD, 0x2E};
    memcpy(code + n, tail, sizeof tail);
    size_t loop = 4, jnz_inner = n + 6, jnz_outer = n + 9;
    code[jnz_inner + 1] = (uint8_t)(loop - (jnz_inner + 2));
    code[jnz_outer + 1] = (uint8_t)(0 - (jnz_outer + 2));
    return n + sizeof tail;
}

#define MEMORY_VA 0x01000000u

static double RawMemory(uint32_t pages, uint32_t passes)
{
    uc_engine *uc;
    uint8_t code[128];
    uc_hook h;
    uc_open(UC_ARCH_X86, UC_MODE_32, &uc);
    uc_mem_map(uc, CODE_VA, 0x1000, UC_PROT_ALL);
    uc_mem_map(uc, MEMORY_VA, pages * 4096, UC_PROT_READ | UC_PROT_WRITE);
    size_t size = MemoryLoop(code);
    uc_mem_write(uc, CODE_VA, code, size);
    uc_hook_add(uc, &h, UC_HOOK_INTR, (void *)StopOnInterrupt, NULL, 1, 0);
    double best = 1e9;
    for (int run = 0; run < 2; run++) { /* the first translates and warms up */
        uint32_t edi = MEMORY_VA, edx = passes, ebx = pages * 64;
        uc_reg_write(uc, UC_X86_REG_EDI, &edi);
        uc_reg_write(uc, UC_X86_REG_EDX, &edx);
        uc_reg_write(uc, UC_X86_REG_EBX, &ebx);
        double t0 = CpuNow();
        uc_emu_start(uc, CODE_VA, 0, 0, 0);
        double t = CpuNow() - t0;
        best = t < best ? t : best;
    }
    uc_close(uc);
    return MEMORY_INSTRUCTIONS(pages, passes) / best;
}

typedef struct BENCH {
    EMU *Emu;
    MMSYSTEM *System;
    MMPROCESS *Process;
    uint64_t Faults;
    bool Failed;        /* a fault mm did not resolve stopped the guest */
    /* If Slots is set: the pagefile slot of each page a fault brought back
     * (a hard fault's, or a soft fault's on a page a hard fault read
     * ahead), in order, for the bare read loop to read the same slots in
     * the same order. */
    uint32_t *Slots;
    uint32_t SlotCount, SlotCapacity;
} BENCH;

static void OnTrap(void *context, const EMU_TRAP *trap)
{
    BENCH *b = context;
    EMU_REGISTERS regs;
    EmuGetRegisters(b->Emu, &regs); /* as ke's trap entry does */
    if (trap->Vector == EMU_TRAP_PAGE_FAULT) {
        uint32_t access = trap->ErrorCode & EMU_PF_WRITE ? EXCEPTION_WRITE_FAULT : EXCEPTION_READ_FAULT;
        MM_FAULT_INFO info = {.Eip = regs.Eip};
        NTSTATUS status = MmAccessFault(b->Process, trap->FaultAddress, access, true, &info);
        if (status == STATUS_SUCCESS) {
            b->Faults++;
            bool read = info.Kind == MmFaultHard ||
                        (info.Kind == MmFaultTransition && info.Slot != 0);
            if (b->Slots && read && b->SlotCount < b->SlotCapacity) {
                b->Slots[b->SlotCount++] = info.Slot;
            }
            MmFlushTlbIfNeeded(b->System);
            return;
        }
        fprintf(stderr, "bench: unexpected fault at 0x%08x (status 0x%08x)\n",
                trap->FaultAddress, (uint32_t)status);
        b->Failed = true;
    }
    EmuStop(b->Emu); /* int 2Eh: the guest loop is done */
}

/* A machine with `ram` bytes, mm configured by config (NULL: no paging),
 * one process and `code` mapped executable at CODE_VA. */
static int Setup(BENCH *b, uint64_t ram, const MM_CONFIG *config, const uint8_t *code,
                 uint32_t code_size)
{
    char why[256];
    b->Emu = EmuCreate(ram, OnTrap, b, why, sizeof why);
    if (!b->Emu || MmInitializeSystem(b->Emu, config, &b->System, why, sizeof why) != 0 ||
        MmCreateProcessAddressSpace(b->System, &b->Process) != STATUS_SUCCESS) {
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
    MmShutdownSystem(b->System);
    EmuDestroy(b->Emu);
}

static double NtmmCompute(uint64_t *instructions)
{
    BENCH b = {0};
    uint8_t code[64];
    ComputeLoop(code, LOOP_COUNT);
    if (Setup(&b, 16u << 20, NULL, code, sizeof code) != 0) {
        exit(1);
    }
    EMU_REGISTERS regs = {.Eip = CODE_VA, .Esp = 0x10000, .EFlags = 0x202};
    char why[256];
    double t0 = CpuNow();
    if (EmuRun(b.Emu, &regs, why, sizeof why) != 0) {
        fprintf(stderr, "bench: %s\n", why);
        exit(1);
    }
    double t = CpuNow() - t0;
    *instructions = EmuInstructionCount(b.Emu);
    Teardown(&b);
    return LOOP_INSTRUCTIONS(LOOP_COUNT) / t;
}

static uint32_t Commit(BENCH *b, uint32_t pages);

/* The memory-bound loop on ntmm's machine (its pages faulted in by a first
 * run, which also translates it). */
static double NtmmMemory(uint32_t pages, uint32_t passes)
{
    BENCH b = {0};
    uint8_t code[128];
    size_t size = MemoryLoop(code);
    if (Setup(&b, 32u << 20, NULL, code, (uint32_t)size) != 0) {
        exit(1);
    }
    uint32_t base = Commit(&b, pages);
    double best = 1e9;
    for (int run = 0; run < 2; run++) {
        EMU_REGISTERS regs = {.Eip = CODE_VA, .Edi = base, .Edx = passes, .Ebx = pages * 64,
                              .Esp = 0x10000, .EFlags = 0x202};
        char why[256];
        double t0 = CpuNow();
        if (EmuRun(b.Emu, &regs, why, sizeof why) != 0 || b.Failed) {
            fprintf(stderr, "bench: memory loop: %s\n", b.Failed ? "unresolved fault" : why);
            exit(1);
        }
        double t = CpuNow() - t0;
        best = run && t < best ? t : best;
    }
    Teardown(&b);
    return MEMORY_INSTRUCTIONS(pages, passes) / best;
}

/*
 * The page-touching guest: ESI = first page, ECX = pages; one access per
 * page, then int 2Eh. Operands are in registers rather than immediates so
 * that one code page serves every run without rewriting translated code.
 *   write (TOUCH_WRITE): L: mov [esi], eax; add esi, 4096; dec ecx; jnz L; int 2Eh
 *   read  (TOUCH_READ):  L: mov eax, [esi]; add esi, 4096; dec ecx; jnz L; int 2Eh
 */
#define TOUCH_WRITE 0u
#define TOUCH_READ 16u
static const uint8_t TouchCode[] = {
    0x89, 0x06, 0x81, 0xC6, 0x00, 0x10, 0x00, 0x00, 0x49, 0x75, 0xF5, 0xCD, 0x2E, 0, 0, 0,
    0x8B, 0x06, 0x81, 0xC6, 0x00, 0x10, 0x00, 0x00, 0x49, 0x75, 0xF5, 0xCD, 0x2E};

/* Runs one touch loop over [base, base + pages * 4096); its host seconds. */
static double Touch(BENCH *b, uint32_t loop, uint32_t base, uint32_t pages)
{
    EMU_REGISTERS regs = {.Eip = CODE_VA + loop, .Esi = base, .Ecx = pages, .Esp = 0x10000,
                          .EFlags = 0x202};
    char why[256] = "";
    double t0 = Now();
    if (EmuRun(b->Emu, &regs, why, sizeof why) != 0 || b->Failed) {
        fprintf(stderr, "bench: touching %u pages at 0x%08x failed: %s\n", pages, base,
                b->Failed ? "an unresolved fault" : why);
        exit(1);
    }
    return Now() - t0;
}

/* A committed read/write region of `pages` pages; its base. */
static uint32_t Commit(BENCH *b, uint32_t pages)
{
    uint32_t base = 0, size = pages * 4096;
    NTSTATUS status = MmAllocateVirtual(b->Process, &base, 0, &size, MEM_RESERVE | MEM_COMMIT,
                                        PAGE_READWRITE);
    if (status != STATUS_SUCCESS) {
        fprintf(stderr, "bench: cannot commit %u pages (status 0x%08x)\n", pages,
                (uint32_t)status);
        exit(1);
    }
    return base;
}

static uint64_t FaultsOf(const BENCH *b, MM_FAULT_KIND kind)
{
    return MmGetStats(b->System)->Faults[kind];
}

/* Checks the faults of one kind only: with working-set trimming the code
 * page itself may be trimmed and faulted back (a transition fault), which
 * is mm's business and not what a loop is timing. */
static void ExpectFaults(const BENCH *b, MM_FAULT_KIND kind, uint64_t before, uint64_t expected)
{
    uint64_t got = FaultsOf(b, kind) - before;
    if (got != expected) {
        fprintf(stderr, "bench: expected %llu %s faults, mm counted %llu\n",
                (unsigned long long)expected, MmFaultKindName(kind), (unsigned long long)got);
        exit(1);
    }
}

static double DemandZero(uint32_t pages)
{
    BENCH b = {0};
    uint64_t ram = ((uint64_t)pages * 4096 * 5 / 4) + (32u << 20);
    if (Setup(&b, ram, NULL, TouchCode, sizeof TouchCode) != 0) {
        exit(1);
    }
    uint32_t base = Commit(&b, pages);
    uint64_t before = FaultsOf(&b, MmFaultDemandZero);
    double t = Touch(&b, TOUCH_WRITE, base, pages);
    ExpectFaults(&b, MmFaultDemandZero, before, pages);
    Teardown(&b);
    return pages / t;
}

/* ------------------------------------------------------------- paging */

#define MB(bytes) ((double)(bytes) / 1e6)

/* A pagefile in a fresh temporary file (PfOpen fills an empty file with
 * its schema); the path is kept to delete it afterwards. */
static PAGEFILE *OpenPagefile(char path[64], uint32_t maximum_pages)
{
    snprintf(path, 64, "/tmp/ntmm-bench-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) {
        perror("bench: mkstemp");
        exit(1);
    }
    close(fd);
    char why[512];
    PAGEFILE *pf = PfOpen(&(PF_OPTIONS){.Path = path, .MaximumPages = maximum_pages,
                                        .FaultLog = false},
                          why, sizeof why);
    if (!pf) {
        fprintf(stderr, "bench: %s\n", why);
        unlink(path);
        exit(1);
    }
    return pf;
}

static void ClosePagefile(PAGEFILE *pf, const char *path)
{
    if (PfClose(pf) != STATUS_SUCCESS) {
        fprintf(stderr, "bench: closing the pagefile failed\n");
    }
    char journal[80];
    snprintf(journal, sizeof journal, "%s-journal", path);
    unlink(journal); /* removed at close already, unless something failed */
    unlink(path);
}

static void SqliteCheck(sqlite3 *db, int rc, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE) {
        fprintf(stderr, "bench: %s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

/* The bare read loop: these n slots of slot_data, in this order, through
 * one blob handle moved with sqlite3_blob_reopen, as PfReadPage reads.
 * Pages/s. */
static double BareReads(sqlite3 *db, const uint32_t *slots, uint32_t n)
{
    static uint8_t page[4096];
    sqlite3_blob *blob = NULL;
    double t0 = Now();
    for (uint32_t i = 0; i < n; i++) {
        uint32_t slot = slots[i];
        int rc = blob ? sqlite3_blob_reopen(blob, slot)
                      : sqlite3_blob_open(db, "main", "slot_data", "data", slot, 0, &blob);
        SqliteCheck(db, rc, "bare read: opening a slot");
        SqliteCheck(db, sqlite3_blob_read(blob, page, sizeof page, 0), "bare read");
    }
    double t = Now() - t0;
    sqlite3_blob_close(blob);
    return n / t;
}

/* The bare write loop: 4096 bytes over slots 1..n (rows that exist), one
 * transaction per 16 pages like the modified page writer's clusters. The
 * blob that wrote must be closed before COMMIT, so each cluster opens its
 * own, as the pagefile does. Pages/s. */
static double BareWrites(sqlite3 *db, uint32_t n)
{
    static uint8_t page[4096];
    memset(page, 0xA5, sizeof page);
    sqlite3_stmt *begin, *commit;
    SqliteCheck(db, sqlite3_prepare_v2(db, "BEGIN", -1, &begin, NULL), "preparing BEGIN");
    SqliteCheck(db, sqlite3_prepare_v2(db, "COMMIT", -1, &commit, NULL), "preparing COMMIT");
    double t0 = Now();
    for (uint32_t first = 1; first <= n; first += 16) {
        SqliteCheck(db, sqlite3_step(begin), "bare write: BEGIN");
        sqlite3_reset(begin);
        sqlite3_blob *blob = NULL;
        for (uint32_t slot = first; slot < first + 16 && slot <= n; slot++) {
            int rc = blob ? sqlite3_blob_reopen(blob, slot)
                          : sqlite3_blob_open(db, "main", "slot_data", "data", slot, 1, &blob);
            SqliteCheck(db, rc, "bare write: opening a slot");
            SqliteCheck(db, sqlite3_blob_write(blob, page, sizeof page, 0), "bare write");
        }
        sqlite3_blob_close(blob);
        SqliteCheck(db, sqlite3_step(commit), "bare write: COMMIT");
        sqlite3_reset(commit);
    }
    double t = Now() - t0;
    sqlite3_finalize(begin);
    sqlite3_finalize(commit);
    return n / t;
}

/* Where the pagefile's write time and bytes stood; differences give one
 * pass's writes. */
typedef struct WRITES {
    uint64_t Bytes, Pages, Clusters;
    double Seconds;
} WRITES;

static WRITES WritesNow(const BENCH *b, PAGEFILE *pf)
{
    const PF_STATS *s = PfGetStats(pf);
    return (WRITES){s->BytesWritten, MmGetStats(b->System)->PagesWritten,
                    MmGetStats(b->System)->ClustersWritten,
                    s->WriteSeconds};
}

static WRITES WritesSince(const BENCH *b, PAGEFILE *pf, WRITES before)
{
    WRITES now = WritesNow(b, pf);
    return (WRITES){now.Bytes - before.Bytes, now.Pages - before.Pages,
                    now.Clusters - before.Clusters, now.Seconds - before.Seconds};
}

/* Profiling pass 2 alone: with NTMM_BENCH_PERF_CTL set to the number of
 * a file descriptor `perf record --control fd:N` reads, perf records only
 * while pages are read back (run perf with --delay=-1 to start disabled). */
static void PerfControl(const char *command)
{
    const char *fd = getenv("NTMM_BENCH_PERF_CTL");
    if (fd && *fd) {
        ssize_t n = write(atoi(fd), command, strlen(command));
        (void)n;
    }
}

#define PAGING_RAM (4u << 20)
#define PAGING_PAGES 16384u /* 64 MiB committed: sixteen times the RAM */
#define WS_MINIMUM 50u
#define WS_MAXIMUM 345u

/*
 * Pass 1 writes each page of a region 16x the RAM (demand-zero faults;
 * the working-set manager trims and the modified page writer writes the
 * pages to fresh slots). Between the passes, untimed, the working set is
 * emptied and the Modified list written out (MmFlushAllPages), so that
 * pass 1's last dirty pages are not written during pass 2: pass 2 is
 * read-back alone, as the bare loop it is compared with. Pass 2 reads each
 * page (hard faults: every page was written out). Pass 3 writes each page again (a hard fault,
 * then the dirty page is rewritten into its own slot). Then, on the same
 * database, the bare loops: the slots pass 2's hard faults read, in the
 * same order, and as many slot rewrites as pass 1 wrote.
 */
static void Paging(void)
{
    char path[64];
    PAGEFILE *pf = OpenPagefile(path, PAGING_PAGES + 1024);
    MM_CONFIG config = {.PageFile = pf, .WsMinimum = WS_MINIMUM, .WsMaximum = WS_MAXIMUM};
    BENCH b = {0};
    if (Setup(&b, PAGING_RAM, &config, TouchCode, sizeof TouchCode) != 0) {
        exit(1);
    }
    uint32_t base = Commit(&b, PAGING_PAGES);

    uint64_t zero0 = FaultsOf(&b, MmFaultDemandZero);
    WRITES w0 = WritesNow(&b, pf);
    double t1 = Touch(&b, TOUCH_WRITE, base, PAGING_PAGES);
    ExpectFaults(&b, MmFaultDemandZero, zero0, PAGING_PAGES);
    WRITES fresh = WritesSince(&b, pf, w0);
    MmEmptyWorkingSet(b.Process);
    uint32_t drained = MmFlushAllPages(b.System);

    static uint32_t slots[PAGING_PAGES];
    b.Slots = slots;
    b.SlotCapacity = PAGING_PAGES;
    uint64_t hard0 = FaultsOf(&b, MmFaultHard), transition0 = FaultsOf(&b, MmFaultTransition);
    WRITES w2 = WritesNow(&b, pf);
    double read0 = PfGetStats(pf)->ReadSeconds;
    PerfControl("enable\n");
    double c2 = CpuNow();
    double t2 = Touch(&b, TOUCH_READ, base, PAGING_PAGES);
    c2 = CpuNow() - c2;
    PerfControl("disable\n");
    uint64_t hard = FaultsOf(&b, MmFaultHard) - hard0;
    uint64_t transition2 = FaultsOf(&b, MmFaultTransition) - transition0;
    double read_seconds = PfGetStats(pf)->ReadSeconds - read0;
    WRITES during_reads = WritesSince(&b, pf, w2);
    b.Slots = NULL;

    uint64_t hard3 = FaultsOf(&b, MmFaultHard);
    WRITES w3 = WritesNow(&b, pf);
    double t3 = Touch(&b, TOUCH_WRITE, base, PAGING_PAGES);
    uint64_t hard_writes = FaultsOf(&b, MmFaultHard) - hard3;
    WRITES rewrites = WritesSince(&b, pf, w3);
    Teardown(&b);

    /* mm is gone; the pagefile is still open, its statements idle. */
    sqlite3 *db = PfDatabase(pf);
    double bare_cpu = CpuNow();
    double bare_reads = BareReads(db, slots, b.SlotCount);
    bare_cpu = CpuNow() - bare_cpu;
    double bare_writes = BareWrites(db, (uint32_t)fresh.Pages);
    ClosePagefile(pf, path);

    double page_rate = b.SlotCount / t2;
    double fresh_mbs = MB(fresh.Bytes) / fresh.Seconds;
    double rewrite_mbs = MB(rewrites.Bytes) / rewrites.Seconds;
    double bare_mbs = MB(bare_writes * 4096);
    printf("\npaging: %u MiB RAM, %u pages (%u MiB) committed, working set %u..%u pages,\n"
           "pagefile in SQLite (%s):\n",
           PAGING_RAM >> 20, PAGING_PAGES, PAGING_PAGES >> 8, WS_MINIMUM, WS_MAXIMUM,
           sqlite3_libversion());
    printf("  pass 1, write each page   %6u demand-zero  %8.0f faults/s   %6.2f us/fault\n",
           PAGING_PAGES, PAGING_PAGES / t1, 1e6 * t1 / PAGING_PAGES);
    printf("          pages written     %6llu in %llu clusters, then %u more (untimed)\n",
           (unsigned long long)fresh.Pages, (unsigned long long)fresh.Clusters, drained);
    printf("  pass 2, read each page    %6u read back    %8.0f pages/s    %6.2f us/page\n",
           b.SlotCount, page_rate, 1e6 / page_rate);
    printf("          by %llu hard faults (reading ahead) and %llu transition faults;\n"
           "          %.2f us/page inside PfReadPage, %llu pages written meanwhile\n",
           (unsigned long long)hard, (unsigned long long)transition2,
           b.SlotCount ? 1e6 * read_seconds / (double)b.SlotCount : 0.0,
           (unsigned long long)during_reads.Pages);
    printf("  pass 3, write each page   %6llu hard         %8.0f faults/s, %llu pages rewritten\n",
           (unsigned long long)hard_writes, hard_writes / t3,
           (unsigned long long)rewrites.Pages);
    printf("  bare sqlite3_blob_read loop, same slots     %8.0f reads/s    %6.2f us/read\n",
           bare_reads, 1e6 / bare_reads);
    printf("  ratio pages read back / bare reads          %8.2f   (goal: >= 0.8x the bare loop)\n",
           page_rate / bare_reads);
    PagefileReadRatio = page_rate / bare_reads;
    /* On a shared machine other work takes the CPU away in either loop;
     * in CPU time (user + system, the reads are from the host's page
     * cache) the two compare as on a quiet one. */
    printf("  the same in CPU time                        %8.2f   (%.2f us/page against %.2f)\n",
           c2 > 0 ? bare_cpu / c2 : 0.0, b.SlotCount ? 1e6 * c2 / b.SlotCount : 0.0,
           b.SlotCount ? 1e6 * bare_cpu / b.SlotCount : 0.0);
    printf("  ratio inside PfReadPage / bare reads        %8.2f   (the read alone, without the\n"
           "                                                         CPU exception each page costs)\n",
           read_seconds > 0 ? (double)b.SlotCount / read_seconds / bare_reads : 0.0);
    printf("  pagefile writes, time inside the pagefile:\n");
    printf("    fresh slots (pass 1)                      %8.1f MB/s  %8.0f pages/s\n", fresh_mbs,
           fresh.Pages / fresh.Seconds);
    printf("    rewrites (pass 3)                         %8.1f MB/s  %8.0f pages/s\n",
           rewrite_mbs, rewrites.Pages / rewrites.Seconds);
    printf("    bare sqlite3_blob_write, 16 per txn       %8.1f MB/s  %8.0f pages/s\n", bare_mbs,
           bare_writes);
    /* The bare loop rewrites rows, as pass 3 does; pass 1 inserts them. */
    printf("  ratio ntmm / bare writes, rewrites          %8.2f   (goal: >= 0.9x the bare loop)\n",
           rewrite_mbs / bare_mbs);
    PagefileWriteRatio = rewrite_mbs / bare_mbs;
    printf("  ratio ntmm / bare writes, fresh slots       %8.2f\n", fresh_mbs / bare_mbs);
}

/*
 * Demand-zero faults with paging on. 10^6 pages is more than a 32-bit
 * address space, so the region (at most DZ_REGION pages, 1.5 GiB) is
 * touched again in further passes, decommitted and recommitted in between
 * (untimed) so that every touch is a demand-zero fault again.
 */
#define DZ_RAM (64u << 20)
#define DZ_REGION 393216u

static double PagedDemandZero(uint32_t pages, WRITES *written)
{
    char path[64];
    uint32_t region = pages < DZ_REGION ? pages : DZ_REGION;
    PAGEFILE *pf = OpenPagefile(path, region + 4096);
    MM_CONFIG config = {.PageFile = pf, .WsMinimum = WS_MINIMUM, .WsMaximum = WS_MAXIMUM};
    BENCH b = {0};
    if (Setup(&b, DZ_RAM, &config, TouchCode, sizeof TouchCode) != 0) {
        exit(1);
    }
    uint32_t base = Commit(&b, region);
    uint64_t before = FaultsOf(&b, MmFaultDemandZero);
    WRITES w0 = WritesNow(&b, pf);
    double t = 0;
    for (uint32_t done = 0; done < pages;) {
        uint32_t n = pages - done < region ? pages - done : region;
        t += Touch(&b, TOUCH_WRITE, base, n);
        done += n;
        if (done < pages) {
            uint32_t at = base, size = region * 4096;
            NTSTATUS status = MmFreeVirtual(b.Process, &at, &size, MEM_DECOMMIT);
            at = base, size = region * 4096;
            if (status == STATUS_SUCCESS) {
                status = MmAllocateVirtual(b.Process, &at, 0, &size, MEM_COMMIT, PAGE_READWRITE);
            }
            if (status != STATUS_SUCCESS) {
                fprintf(stderr, "bench: decommit/recommit failed (status 0x%08x)\n",
                        (uint32_t)status);
                exit(1);
            }
        }
    }
    ExpectFaults(&b, MmFaultDemandZero, before, pages);
    *written = WritesSince(&b, pf, w0);
    Teardown(&b);
    ClosePagefile(pf, path);
    return pages / t;
}

/* The host's own cost of a page's first use: one write to each page of a
 * fresh anonymous mapping. */
static double NativeFirstTouch(uint32_t pages)
{
    volatile uint8_t *p = mmap(NULL, (size_t)pages * 4096, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        return 0;
    }
    double t0 = Now();
    for (uint32_t i = 0; i < pages; i++) {
        p[(size_t)i * 4096] = 1;
    }
    double t = Now() - t0;
    munmap((void *)p, (size_t)pages * 4096);
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

/*
 * Copy-on-write faults and process switches, each against demand-zero
 * faults measured in the same machine. A process writes every page of a
 * region (demand-zero faults), its address space is cloned
 * (RtlCloneUserProcess's MmCloneProcessAddressSpace), and it writes every
 * page again: each write copies the page shared with the clone.
 */
#define COW_PAGES 20000u

static void CopyOnWrite(double *dz_rate, double *cow_rate)
{
    BENCH b = {0};
    MM_CONFIG config = {.WsMinimum = 50, .WsMaximum = 4 * COW_PAGES};
    if (Setup(&b, (uint64_t)COW_PAGES * 4096 * 3 + (32u << 20), &config, TouchCode,
              sizeof TouchCode) != 0) {
        exit(1);
    }
    uint32_t base = Commit(&b, COW_PAGES);
    uint64_t before = FaultsOf(&b, MmFaultDemandZero);
    double t1 = Touch(&b, TOUCH_WRITE, base, COW_PAGES);
    ExpectFaults(&b, MmFaultDemandZero, before, COW_PAGES);
    MMPROCESS *clone;
    if (MmCloneProcessAddressSpace(b.Process, &clone) != STATUS_SUCCESS) {
        fprintf(stderr, "bench: cannot clone the address space\n");
        exit(1);
    }
    before = FaultsOf(&b, MmFaultCopyOnWrite);
    double t2 = Touch(&b, TOUCH_WRITE, base, COW_PAGES);
    ExpectFaults(&b, MmFaultCopyOnWrite, before, COW_PAGES);
    MmDeleteProcessAddressSpace(clone);
    Teardown(&b);
    *dz_rate = COW_PAGES / t1;
    *cow_rate = COW_PAGES / t2;
}

/*
 * Process switches: two processes (the second a clone of the first) run
 * the same compute loop, switched every SWITCH_QUANTUM instructions —
 * saving one thread's whole CPU state, loading the other's and its CR3
 * (a TLB flush) — against the same two loops run one after the other.
 */
#define SWITCH_LOOP 5000000u
#define SWITCH_QUANTUM 2000u

/* The two loops run to the end, switched every `quantum` instructions
 * (0: one after the other); host seconds, and the switches made. */
static double RunPair(BENCH *b, MMPROCESS *process[2], EMU_THREAD_STATE *thread[2],
                      uint64_t quantum, uint64_t *switches)
{
    EMU_REGISTERS regs = {.Eip = CODE_VA, .Esp = 0x10000, .EFlags = 0x202};
    char why[256];
    bool started[2] = {false, false}, done[2] = {false, false};
    *switches = 0;
    double t0 = Now();
    for (int i = 0; !done[0] || !done[1]; i = quantum ? i ^ 1 : (done[0] ? 1 : 0)) {
        if (done[i]) {
            continue;
        }
        EmuSetQuantum(b->Emu, quantum);
        b->Process = process[i]; /* whose faults OnTrap resolves */
        int rc;
        if (started[i]) {
            rc = EmuResume(b->Emu, thread[i], why, sizeof why);
        } else {
            started[i] = true;
            EmuSetPageTableRoot(b->Emu, MmGetPageTableRoot(process[i]));
            rc = EmuRun(b->Emu, &regs, why, sizeof why);
        }
        if (rc != 0) {
            fprintf(stderr, "bench: %s\n", why);
            exit(1);
        }
        done[i] = !EmuQuantumExpired(b->Emu); /* stopped by its int 2Eh */
        EmuSaveThreadState(b->Emu, thread[i]);
        ++*switches;
    }
    EmuSetQuantum(b->Emu, 0);
    b->Process = process[0];
    return Now() - t0;
}

/*
 * The same pair of loops as two threads of one process (one address
 * space: the loop touches no stack, so they can share everything but the
 * CPU state) and as two processes; each switch's cost in seconds, the
 * best of five of each, all alternated in one run against the host's
 * noise. (ntmm's scheduler resumes every thread through EmuResume, which
 * loads CR3 — a TLB flush — even when the address space stays the same.)
 */
static void SwitchCosts(double *thread_switch, double *process_switch, uint64_t *switches)
{
    BENCH b = {0};
    uint8_t code[64];
    ComputeLoop(code, SWITCH_LOOP);
    if (Setup(&b, 16u << 20, NULL, code, sizeof code) != 0) {
        exit(1);
    }
    MMPROCESS *other;
    if (MmCloneProcessAddressSpace(b.Process, &other) != STATUS_SUCCESS) {
        exit(1);
    }
    MMPROCESS *processes[2] = {b.Process, other};
    MMPROCESS *threads[2] = {b.Process, b.Process};
    EMU_THREAD_STATE *thread[2] = {EmuAllocateThreadState(b.Emu), EmuAllocateThreadState(b.Emu)};
    double alone = 1e9, between_threads = 1e9, between_processes = 1e9;
    uint64_t ignored, thread_switches = 0;
    for (int round = 0; round < 5; round++) {
        double t = RunPair(&b, processes, thread, 0, &ignored);
        alone = t < alone ? t : alone;
        t = RunPair(&b, threads, thread, SWITCH_QUANTUM, &thread_switches);
        between_threads = t < between_threads ? t : between_threads;
        t = RunPair(&b, processes, thread, SWITCH_QUANTUM, switches);
        between_processes = t < between_processes ? t : between_processes;
    }
    EmuFreeThreadState(thread[0]);
    EmuFreeThreadState(thread[1]);
    MmDeleteProcessAddressSpace(other);
    Teardown(&b);
    *thread_switch = (between_threads - alone) / (double)thread_switches;
    *process_switch = (between_processes - alone) / (double)*switches;
}

/* Runs a bench guest; the pagefile in memory, with or without the fault
 * log, and with a sample every sample_every faults (0: none). */
static double RunGuestSampled(const char *name, bool fault_log, uint64_t sample_every)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", NTMM_BENCH_DIR, name);
    char *argv[] = {path, NULL};
    KE_OPTIONS options = {.RamBytes = 64u << 20, .SystemDirectory = NTMM_SYSDIR,
                          .Argc = 1, .Argv = argv, .PageFilePath = PF_MEMORY_PATH,
                          .NoFaultLog = !fault_log, .SampleEvery = sample_every};
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

static double RunGuest(const char *name, bool fault_log)
{
    return RunGuestSampled(name, fault_log, 0);
}

/* Host CPU time of one run of a bench guest: steadier than wall time on
 * a machine other work shares. */
static double CpuTime(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* "ntmm-bench faultlog": what the fault log costs a handled access
 * violation (one fault, one log row each): off, on, and on with a sample
 * every 100 faults (ntmm's default), best of seven runs of each, in host CPU time. */
static void FaultLogCost(void)
{
    const char *names[] = {"no fault log", "fault log", "fault log + samples every 100"};
    double best[3] = {1e9, 1e9, 1e9};
    /* The best of each program apart: the difference of two minima is
     * steadier on a shared machine than the minimum of differences. */
    double best0[3] = {1e9, 1e9, 1e9};
    for (int round = 0; round < 7; round++) {
        for (int mode = 0; mode < 3; mode++) {
            double c0 = CpuTime();
            RunGuestSampled("av_loop.exe", mode > 0, mode == 2 ? 100 : 0);
            double with = CpuTime() - c0;
            c0 = CpuTime();
            RunGuestSampled("av_loop0.exe", mode > 0, mode == 2 ? 100 : 0);
            double without = CpuTime() - c0;
            best[mode] = with < best[mode] ? with : best[mode];
            best0[mode] = without < best0[mode] ? without : best0[mode];
        }
    }
    for (int mode = 0; mode < 3; mode++) {
        best[mode] = (best[mode] - best0[mode]) / 100000;
    }
    for (int mode = 0; mode < 3; mode++) {
        printf("  %-30s %6.3f us per handled access violation (%+.3f us for the log)\n",
               names[mode], 1e6 * best[mode], 1e6 * (best[mode] - best[0]));
    }
}

/* Runs argv in directory dir, its output to /dev/null; wall seconds from
 * fork to exit, its peak RSS in KiB and its CPU seconds (user + system). */
static double Spawn(char *const argv[], const char *dir, long *rss_kib, double *cpu)
{
    double t0 = Now();
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(null, 1);
        if (chdir(dir) != 0) {
            _exit(126);
        }
        execv(argv[0], argv);
        _exit(127);
    }
    int status = 0;
    struct rusage usage;
    memset(&usage, 0, sizeof usage);
    if (pid < 0 || wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench: %s did not run cleanly\n", argv[0]);
        exit(1);
    }
    double t = Now() - t0;
    if (rss_kib) {
        *rss_kib = usage.ru_maxrss;
    }
    *cpu = (double)usage.ru_utime.tv_sec + (double)usage.ru_utime.tv_usec * 1e-6 +
           (double)usage.ru_stime.tv_sec + (double)usage.ru_stime.tv_usec * 1e-6;
    return t;
}

/* The best of `runs` spawns (the least disturbed by other load); *cpu:
 * the least CPU time of them, if cpu is not NULL. */
static double BestSpawn(char *const argv[], const char *dir, int runs, long *rss_kib,
                        double *cpu)
{
    double best = 1e9, best_cpu = 1e9;
    for (int i = 0; i < runs; i++) {
        double c;
        double t = Spawn(argv, dir, rss_kib, &c);
        best = t < best ? t : best;
        best_cpu = c < best_cpu ? c : best_cpu;
    }
    if (cpu) {
        *cpu = best_cpu;
    }
    return best;
}

typedef struct GOAL {
    const char *Name;
    double Value;
    double Target;
    bool AtMost;        /* the value must not exceed the target */
    const char *Unit;
} GOAL;

static GOAL Goals[16];
static unsigned GoalCount;

static void Goal(const char *name, double value, double target, bool at_most, const char *unit)
{
    if (GoalCount < sizeof Goals / sizeof Goals[0]) {
        Goals[GoalCount++] = (GOAL){name, value, target, at_most, unit};
    }
}

/* The Measured table's rows, in the order measured. */
typedef struct ROW {
    char What[160];
    char Result[480];
} ROW;
static ROW Rows[32];
static unsigned RowCount;

void BenchRow(const char *what, const char *format, ...)
{
    if (RowCount == sizeof Rows / sizeof Rows[0]) {
        return;
    }
    ROW *r = &Rows[RowCount++];
    snprintf(r->What, sizeof r->What, "%s", what);
    va_list args;
    va_start(args, format);
    vsnprintf(r->Result, sizeof r->Result, format, args);
    va_end(args);
}

void BenchGoal(const char *name, double value, double target, bool at_most, const char *unit)
{
    Goal(name, value, target, at_most, unit);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "faultlog") == 0) {
        FaultLogCost();
        return 0;
    }
    /* "ntmm-bench paging [N]" runs only the paging part (N times), for
     * profiling it and for A/B runs. */
    if (argc > 1 && strcmp(argv[1], "paging") == 0) {
        int times = argc > 2 ? atoi(argv[2]) : 1;
        for (int i = 0; i < (times > 0 ? times : 1); i++) {
            Paging();
        }
        return 0;
    }
    /* "ntmm-bench compute [N]": the register loop four ways (raw, raw with an
     * empty block hook, raw with paging and ring 3 too, ntmm), N times;
     * "ntmm-bench compute ntmm": ntmm's alone, for profiling it. */
    if (argc > 1 && strcmp(argv[1], "compute") == 0) {
        uint64_t counted;
        if (argc > 2 && strcmp(argv[2], "ntmm") == 0) { /* ntmm's loop alone, for perf */
            for (int i = 0; i < 3; i++) {
                double n = NtmmCompute(&counted);
                printf("register loop on ntmm: %7.1f M instructions/s\n", n / 1e6);
            }
            return 0;
        }
        for (int i = 0; i < (argc > 2 ? atoi(argv[2]) : 1); i++) {
            double r = RawUnicorn(false), h = RawUnicorn(true), p = RawUnicornPaged(),
                   n = NtmmCompute(&counted);
            printf("register loop: raw %7.1f, empty hook %7.1f (%.2f), paged ring 3 + empty hook "
                   "%7.1f (%.2f), ntmm %7.1f M instructions/s: %.2f of raw, %.2f of paged "
                   "(%llu counted, %.0f run)\n",
                   r / 1e6, h / 1e6, h / r, p / 1e6, p / r, n / 1e6, n / r, n / p,
                   (unsigned long long)counted, LOOP_INSTRUCTIONS(LOOP_COUNT));
        }
        return 0;
    }
    /* "ntmm-bench switch": thread and process switches, side by side. */
    if (argc > 1 && strcmp(argv[1], "switch") == 0) {
        double thread_switch, process_switch;
        uint64_t switches;
        SwitchCosts(&thread_switch, &process_switch, &switches);
        printf("thread switch %6.2f us, process switch %6.2f us (%llu switches): ratio %.2f\n",
               1e6 * thread_switch, 1e6 * process_switch, (unsigned long long)switches,
               thread_switch > 0 ? process_switch / thread_switch : 0.0);
        return 0;
    }
    /* "ntmm-bench programs": only the real programs (goal 6). */
    if (argc > 1 && strcmp(argv[1], "programs") == 0) {
        BenchRealPrograms();
        return 0;
    }
    /* "ntmm-bench faults" only the demand-zero faults without paging. */
    if (argc > 1 && strcmp(argv[1], "faults") == 0) {
        for (int i = 0; i < 3; i++) {
            double rate = DemandZero(50000);
            printf("demand-zero: %8.0f faults/s   %6.2f us/fault\n", rate, 1e6 / rate);
        }
        return 0;
    }
    /* "ntmm-bench --table FILE": the whole bench, and the Measured table
     * written to FILE (bench/measured.sh). */
    const char *table = argc > 2 && strcmp(argv[1], "--table") == 0 ? argv[2] : NULL;
    printf("ntmm-bench (Unicorn %s)\n\n", EmuVersion().Text);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    double load[3] = {0, 0, 0};
    double load_start = 0;
    if (getloadavg(load, 3) == 3) {
        load_start = load[0];
        printf("machine: %ld CPUs, load average %.2f %.2f %.2f at the start\n\n", cpus, load[0],
               load[1], load[2]);
    }
    double raw = 0, hooked = 0, paged_hooked = 0, ntmm = 0;
    uint64_t counted = 0;
    /* Interleaved, best of five each, in CPU time: other load on the
     * machine hits all four alike. */
    for (int i = 0; i < 5; i++) {
        double r = RawUnicorn(false), h = RawUnicorn(true), p = RawUnicornPaged(),
               n = NtmmCompute(&counted);
        raw = r > raw ? r : raw;
        hooked = h > hooked ? h : hooked;
        paged_hooked = p > paged_hooked ? p : paged_hooked;
        ntmm = n > ntmm ? n : ntmm;
    }
    printf("compute loop (a register loop, 4 instructions a block), %u iterations, CPU time:\n",
           LOOP_COUNT);
    printf("  raw Unicorn (flat, no paging, no hooks)  %8.1f M instructions/s\n", raw / 1e6);
    printf("  raw Unicorn + an empty block hook        %8.1f M instructions/s  (%.2f of raw: "
           "the cost of any block hook)\n", hooked / 1e6, hooked / raw);
    printf("  raw + PAE paging, ring 3, empty hook     %8.1f M instructions/s  (%.2f of raw: "
           "the ceiling for exact counting on ntmm's machine)\n",
           paged_hooked / 1e6, paged_hooked / raw);
    printf("  ntmm (PAE paging, ring 3, counting)      %8.1f M instructions/s\n", ntmm / 1e6);
    printf("  ratio ntmm / raw                         %8.2f\n", ntmm / raw);
    printf("  paging and ring 3 (paged / hooked)       %8.2f\n", paged_hooked / hooked);
    printf("  counting (ntmm / paged)                  %8.2f  (the table probe, the subtract "
           "and the compare)\n", ntmm / paged_hooked);
    printf("  instructions counted by ntmm             %8.0f (loop has %.0f)\n\n",
           (double)counted, LOOP_INSTRUCTIONS(LOOP_COUNT));
    Goal("register-loop", ntmm / raw, 0.6, false, "x raw Unicorn");
    BenchRow("register loop (4 instructions a block): ntmm vs raw Unicorn (flat, no hooks)",
             "%.0f vs %.0f M instructions/s: **%.2f** (goal 0.6). Raw Unicorn with an empty block "
             "hook: %.2f of raw; with PAE paging and ring 3 as well: %.2f of raw (the ceiling for "
             "exact counting on ntmm's machine); ntmm is %.2f of that", ntmm / 1e6, raw / 1e6,
             ntmm / raw, hooked / raw, paged_hooked / raw, ntmm / paged_hooked);
    /* 64 KiB: the pages stay in the TLB, so this is the cost of counting
     * alone; 1 MiB: more pages than Unicorn's TLB holds, so the page
     * walks PAE paging adds on each refill show (raw Unicorn refills
     * without a walk). */
    double raw_mem = 0, ntmm_mem = 0, raw_big = 0, ntmm_big = 0;
    for (int i = 0; i < 3; i++) {
        double r = RawMemory(16, 5000), n = NtmmMemory(16, 5000);
        raw_mem = r > raw_mem ? r : raw_mem;
        ntmm_mem = n > ntmm_mem ? n : ntmm_mem;
        r = RawMemory(256, 300), n = NtmmMemory(256, 300);
        raw_big = r > raw_big ? r : raw_big;
        ntmm_big = n > ntmm_big ? n : ntmm_big;
    }
    printf("memory-bound loop (17 accesses in 20 instructions a block):\n");
    printf("  64 KiB buffer, raw Unicorn / ntmm        %8.1f / %.1f M instructions/s: ratio %.2f\n",
           raw_mem / 1e6, ntmm_mem / 1e6, ntmm_mem / raw_mem);
    printf("  1 MiB buffer (TLB refills: PAE walks)    %8.1f / %.1f M instructions/s: ratio %.2f\n\n",
           raw_big / 1e6, ntmm_big / 1e6, ntmm_big / raw_big);
    Goal("memory-loop", ntmm_mem / raw_mem, 0.9, false, "x raw Unicorn");
    BenchRow("memory-bound loop (17 accesses in 20 instructions a block)",
             "64 KiB buffer: **%.2f** of raw Unicorn (goal 0.9); 1 MiB buffer (TLB refills, PAE "
             "walks): %.2f", ntmm_mem / raw_mem, ntmm_big / raw_big);

    /* Start-up: exec to exit of a stock mingw printf program, next to
     * /bin/true and the same program built for this host. */
    char ntmm_path[] = NTMM_BINARY, hello[1024], native[] = NTMM_NATIVE_HELLO;
    snprintf(hello, sizeof hello, "%s/hello.exe", NTMM_BENCH_DIR);
    char dir[] = "/tmp/ntmm-bench-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("bench: mkdtemp");
        return 1;
    }
    char ram16[] = "16M", ram1g[] = "1G", run[] = "run", ram[] = "--ram", bin_true[] = "/bin/true";
    char *run_hello[] = {ntmm_path, run, hello, NULL};
    char *run_16m[] = {ntmm_path, run, ram, ram16, hello, NULL};
    char *run_1g[] = {ntmm_path, run, ram, ram1g, hello, NULL};
    char *run_true[] = {bin_true, NULL};
    char *run_native[] = {native, NULL};
    long rss_16m = 0, rss_1g = 0, rss_default = 0;
    double c_true, c_native, c_hello;
    double t_true = BestSpawn(run_true, dir, 5, NULL, &c_true);
    double t_native = BestSpawn(run_native, dir, 5, NULL, &c_native);
    double t_hello = BestSpawn(run_hello, dir, 7, &rss_default, &c_hello);
    BestSpawn(run_16m, dir, 3, &rss_16m, NULL);
    BestSpawn(run_1g, dir, 3, &rss_1g, NULL);
    char pagefile[1100];
    snprintf(pagefile, sizeof pagefile, "%s/pagefile.sys.db", dir);
    unlink(pagefile);
    rmdir(dir);
    printf("start-up (exec to exit, best of several; ntmm as a user runs it, pagefile created):\n");
    printf("  /bin/true                                %8.2f ms (CPU time %.1f ms)\n", 1e3 * t_true,
           1e3 * c_true);
    printf("  native hello (this host)                 %8.2f ms (CPU time %.1f ms)\n",
           1e3 * t_native, 1e3 * c_native);
    printf("  ntmm run hello.exe (mingw printf)        %8.2f ms, peak RSS %ld KiB "
           "(%.2f ms beyond /bin/true)\n", 1e3 * t_hello, rss_default, 1e3 * (t_hello - t_true));
    printf("                                           CPU time (user + system) %.1f ms: what it\n"
           "                                           takes on a machine nothing else uses\n",
           1e3 * c_hello);
    printf("  peak RSS with --ram 16M / 1G             %8ld / %ld KiB (%+ld KiB)\n\n", rss_16m,
           rss_1g, rss_1g - rss_16m);
    Goal("startup", 1e3 * t_hello, 30, true, "ms");
    BenchRow("`ntmm run hello.exe` (mingw printf), exec to exit",
             "%.0f ms elapsed against /bin/true %.0f ms and a native hello %.0f ms (goal 30 ms); "
             "CPU time (user + system) %.1f ms against %.1f and %.1f; peak RSS %.1f MiB",
             1e3 * t_hello, 1e3 * t_true, 1e3 * t_native, 1e3 * c_hello, 1e3 * c_true,
             1e3 * c_native, rss_default / 1024.0);
    BenchRow("peak RSS of hello.exe with `--ram 1G` vs `--ram 16M`", "%+ld KiB", rss_1g - rss_16m);
    Goal("rss-1G-vs-16M", (double)(rss_1g - rss_16m) / 1024.0, 4, true, "MiB");
    /* Host memory per guest page that the guest does not use: the RSS
     * difference over the frames 1G has more than 16M. */
    double per_page = (double)(rss_1g - rss_16m) * 1024.0 / ((1u << 18) - (1u << 12));
    Goal("host-bytes-per-unused-guest-page", per_page, 16, true, "bytes");
    printf("demand-zero faults through emu + MmAccessFault (each frame's first use, so the\n"
           "host's first touch of that memory is in it):\n");
    uint32_t sizes[] = {1000, 10000, 50000};
    double dz_last = 0;
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        double rate = DemandZero(sizes[i]);
        dz_last = rate;
        printf("  %6u pages   %8.0f faults/s   %6.2f us/fault\n", sizes[i], rate, 1e6 / rate);
    }
    double touch = NativeFirstTouch(50000);
    BenchRow("demand-zero faults through emu and MmAccessFault, each frame's first use",
             "%.0f faults/s (%.0f µs) at 50,000 pages; the host's own first write of a fresh "
             "page costs %.0f µs here", dz_last, 1e6 / dz_last, 1e6 / touch);
    printf("  native first write of 50000 fresh pages   %8.0f pages/s  %6.2f us/page "
           "(the host's share)\n", touch, 1e6 / touch);

    Paging();

    printf("\ndemand-zero faults with paging on (%u MiB RAM, working set %u..%u pages,\n"
           "the region at most %u pages, decommitted and recommitted between passes;\n"
           "\"writing\": the modified page writer's time inside the pagefile, per fault):\n",
           DZ_RAM >> 20, WS_MINIMUM, WS_MAXIMUM, DZ_REGION);
    uint32_t paged[] = {10000, 100000, 1000000};
    double first = 0, last = 0;
    for (unsigned i = 0; i < sizeof paged / sizeof paged[0]; i++) {
        WRITES written;
        double rate = PagedDemandZero(paged[i], &written);
        printf("  %7u pages   %8.0f faults/s   %6.2f us/fault, %5.2f of it writing   %7llu "
               "pages written\n",
               paged[i], rate, 1e6 / rate, 1e6 * written.Seconds / paged[i],
               (unsigned long long)written.Pages);
        first = i == 0 ? rate : first;
        last = rate;
    }
    printf("  ratio 10^6 / 10^4 pages                %8.2f   (flat is 1.0)\n", last / first);
    double scale = last / first;
    BenchRow("demand-zero faults with paging (64 MiB RAM), 10^4 / 10^6 pages",
             "%.0f / %.0f faults/s: ratio 10^6 : 10^4 = **%.2f** (goal 0.9)", first, last, scale);

    double dz_rate, cow_rate;
    CopyOnWrite(&dz_rate, &cow_rate);
    uint64_t switches;
    double switch_cost, thread_switch_cost;
    SwitchCosts(&thread_switch_cost, &switch_cost, &switches);
    printf("\nsections and processes (%u pages; ratios against demand-zero in the same run):\n",
           COW_PAGES);
    printf("  demand-zero faults                        %8.0f /s   %6.2f us each\n", dz_rate,
           1e6 / dz_rate);
    printf("  copy-on-write faults after a clone        %8.0f /s   %6.2f us each  (%.2fx the "
           "cost of a demand-zero fault)\n", cow_rate, 1e6 / cow_rate, dz_rate / cow_rate);
    printf("  process switch (%llu, every %u instructions) %6.2f us each  (%.2fx the cost of a "
           "demand-zero fault)\n", (unsigned long long)switches, SWITCH_QUANTUM,
           1e6 * switch_cost, switch_cost * dz_rate);
    printf("  thread switch, one process (the same)     %6.2f us each\n", 1e6 * thread_switch_cost);
    printf("  ratio process switch / thread switch      %8.2f   (both load CR3 here; NT keeps the\n"
           "                                                       TLB across a thread switch)\n",
           thread_switch_cost > 0 ? switch_cost / thread_switch_cost : 0.0);

    printf("\nhandled access violations (fault -> SEH handler -> NtContinue -> resume):\n");
    double native_rate = NativeSigsegv(100000);
    double av_ratio = 0;
    for (int log = 0; log < 2; log++) {
        double with = RunGuest("av_loop.exe", log);
        double without = RunGuest("av_loop0.exe", log);
        double guest_rate = 100000 / (with - without);
        if (!log) {
            av_ratio = guest_rate / native_rate;
        }
        printf("  ntmm guest, fs:[0] handler, %-12s  %8.0f /s   %6.2f us each  (%.2fx native)\n",
               log ? "fault log on" : "no fault log", guest_rate, 1e6 / guest_rate,
               guest_rate / native_rate);
    }
    printf("  native SIGSEGV + siglongjmp on this host  %8.0f /s   %6.2f us each\n", native_rate,
           1e6 / native_rate);
    Goal("access-violation", av_ratio, 5, false, "x native");
    BenchRow("copy-on-write faults after a clone; process switch every 2,000 instructions",
             "%.2f× and %.2f× the cost of a demand-zero fault", dz_rate / cow_rate,
             switch_cost * dz_rate);
    BenchRow("handled access violations: fault → KiDispatchException → fs:[0] handler → "
             "NtContinue → resume",
             "**%.1f× faster** than native SIGSEGV + siglongjmp (%.0f µs) in the same run "
             "(goal 5×)", av_ratio, 1e6 / native_rate);
    BenchRow("pages read back from the pagefile vs a bare `sqlite3_blob_read` loop over the "
             "same slots", "**%.2f** (goal 0.8)", PagefileReadRatio);
    BenchRow("pagefile rewrites vs a bare `sqlite3_blob_write` loop, 16 pages a transaction",
             "**%.2f** (goal 0.9)", PagefileWriteRatio);
    Goal("pagefile-read", PagefileReadRatio, 0.8, false, "x bare sqlite3_blob_read");
    Goal("pagefile-write", PagefileWriteRatio, 0.9, false, "x bare sqlite3_blob_write");
    Goal("demand-zero-scale", scale, 0.9, false, "10^6 : 10^4 pages");

    printf("\n");
    BenchRealPrograms();

    printf("\n");
    unsigned met = 0;
    for (unsigned i = 0; i < GoalCount; i++) {
        const GOAL *g = &Goals[i];
        bool ok = g->AtMost ? g->Value <= g->Target : g->Value >= g->Target;
        met += ok;
        printf("goal %s: %.2f %s (target %s %.2f): %s\n", g->Name, g->Value, g->Unit,
               g->AtMost ? "<=" : ">=", g->Target, ok ? "met" : "not met");
    }
    if (table) {
        FILE *f = fopen(table, "w");
        if (!f) {
            perror(table);
            return 1;
        }
        double load_end = 0;
        if (getloadavg(load, 3) == 3) {
            load_end = load[0];
        }
        fprintf(f, "From one run of `make bench-readme` (`bench/measured.sh`) on this build; "
                   "`bench/README.md` says what each part measures and where the time goes. The "
                   "machine: %ld CPUs, load average %.1f at the start and %.1f at the end, so "
                   "absolute times are those of a shared machine and only the ratios within the "
                   "run mean much. %u of %u goals met.\n\n",
                cpus, load_start, load_end, met, GoalCount);
        fprintf(f, "| what | result |\n| --- | --- |\n");
        for (unsigned i = 0; i < RowCount; i++) {
            fprintf(f, "| %s | %s |\n", Rows[i].What, Rows[i].Result);
        }
        fprintf(f, "\nThe goal lines `make bench` ended with:\n\n```\n");
        for (unsigned i = 0; i < GoalCount; i++) {
            const GOAL *g = &Goals[i];
            bool ok = g->AtMost ? g->Value <= g->Target : g->Value >= g->Target;
            fprintf(f, "goal %s: %.2f %s (target %s %.2f): %s\n", g->Name, g->Value, g->Unit,
                    g->AtMost ? "<=" : ">=", g->Target, ok ? "met" : "not met");
        }
        fprintf(f, "```\n");
        fclose(f);
    }
    return 0;
}
