/*
 * The machine: Unicorn's x86 CPU with paging done by the CPU itself
 * (UC_TLB_CPU). Unicorn's own memory map holds exactly one region, all of
 * guest-physical RAM at physical address 0; every virtual address the guest
 * uses goes through the PAE page tables mm keeps in that RAM.
 *
 * What we rely on that is not public Unicorn API (the #PF error code and
 * the CPU's "exception in flight" state) lives in cpustate.c, and selftest.c
 * proves all of it when the machine is created.
 */
#include "emu/emu_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define CR0_PE (1u << 0)
#define CR0_NE (1u << 5)   /* x87 errors as #MF (vector 16), as NT runs */
#define CR0_WP (1u << 16)
#define CR0_PG (1u << 31)
#define CR4_PAE (1u << 5)
#define CR4_OSFXSR (1u << 9)
#define MSR_EFER 0xC0000080u
#define EFER_NXE (1ull << 11)

/* Layout of the system page (frame 0, mapped at EMU_SYSTEM_VA). */
#define SYS_GDT_OFFSET   0x000
#define SYS_GDT_ENTRIES  8
#define SYS_STUB_OFFSET  0x800
#define SYS_STACK_TOP    0xFF0

EMU_VERSION EmuVersion(void)
{
    EMU_VERSION version;
    unsigned major, minor;
    unsigned v = uc_version(&major, &minor);
    snprintf(version.Text, sizeof version.Text, "%u.%u.%u", major, minor, (v >> 8) & 0xFF);
    return version;
}

/* A flat 4 GiB segment descriptor. */
static uint64_t FlatDescriptor(uint32_t base, unsigned type, unsigned dpl)
{
    uint64_t limit = 0xFFFFF;
    uint64_t d = 0;
    d |= limit & 0xFFFF;
    d |= (uint64_t)(base & 0xFFFFFF) << 16;
    d |= (uint64_t)(type | 0x10 | (dpl << 5) | 0x80) << 40; /* S=1, DPL, P=1 */
    d |= ((limit >> 16) & 0xF) << 48;
    d |= (uint64_t)0xC << 52;                                /* G=1, D/B=1 */
    d |= (uint64_t)(base >> 24) << 56;
    return d;
}

/* fs:'s descriptor: the TEB's page, byte-granular, as NT x86 sets it (limit
 * 0xFFF: GetThreadSelectorEntry reports it so). */
static uint64_t TebDescriptor(uint32_t teb_va)
{
    uint64_t d = FlatDescriptor(teb_va, 0x3, 3);
    d &= ~((uint64_t)0xFFFF | (uint64_t)0xF << 48 | (uint64_t)0x8 << 52); /* limit, G */
    return d | 0xFFF;
}

static void WriteGdtEntry(EMU *emu, unsigned selector, uint64_t descriptor)
{
    memcpy(emu->Ram + SYS_GDT_OFFSET + (selector & ~7u), &descriptor, 8);
}

/*
 * The system page: NT's GDT layout, and a ring-0 stub that loads the user
 * data segments and iretd's into ring 3 (a CPL 0 → 3 transition cannot be
 * made by writing SS/CS from the host: the CPU refuses SS with RPL ≠ CPL).
 */
static void BuildSystemPage(EMU *emu)
{
    memset(emu->Ram, 0, EMU_PAGE_SIZE);
    WriteGdtEntry(emu, EMU_SEL_KERNEL_CODE, FlatDescriptor(0, 0xB, 0));
    WriteGdtEntry(emu, EMU_SEL_KERNEL_DATA, FlatDescriptor(0, 0x3, 0));
    WriteGdtEntry(emu, EMU_SEL_USER_CODE, FlatDescriptor(0, 0xB, 3));
    WriteGdtEntry(emu, EMU_SEL_USER_DATA, FlatDescriptor(0, 0x3, 3));
    WriteGdtEntry(emu, EMU_SEL_TEB, TebDescriptor(0));

    static const uint8_t stub[] = {
        0x66, 0xB8, EMU_SEL_KERNEL_DATA, 0x00, /* mov ax, 0x10 */
        0x8E, 0xD0,                          /* mov ss, ax: a 32-bit stack */
        0x66, 0xB8, EMU_SEL_USER_DATA, 0x00, /* mov ax, 0x23 */
        0x8E, 0xD8,                          /* mov ds, ax   */
        0x8E, 0xC0,                          /* mov es, ax   */
        0x66, 0xB8, EMU_SEL_TEB, 0x00,       /* mov ax, 0x3B */
        0x8E, 0xE0,                          /* mov fs, ax   */
        0x31, 0xC0,                          /* xor eax, eax */
        0x8E, 0xE8,                          /* mov gs, ax: null, as NT x86 */
        0x58,                                /* pop eax      */
        0xCF,                                /* iretd        */
    };
    memcpy(emu->Ram + SYS_STUB_OFFSET, stub, sizeof stub);
}

static void LoadSystemRegisters(EMU *emu)
{
    uc_x86_mmr gdtr = {0};
    gdtr.base = EMU_SYSTEM_VA + SYS_GDT_OFFSET;
    gdtr.limit = SYS_GDT_ENTRIES * 8 - 1;
    uc_reg_write(emu->Uc, UC_X86_REG_GDTR, &gdtr);

    uc_x86_msr efer = {MSR_EFER, EFER_NXE};
    uc_reg_write(emu->Uc, UC_X86_REG_MSR, &efer);
    uint32_t cr4 = CR4_PAE | CR4_OSFXSR;
    uc_reg_write(emu->Uc, UC_X86_REG_CR4, &cr4);
}

uint8_t *EmuPhysicalBase(EMU *emu) { return emu->Ram; }
uint32_t EmuPhysicalFrames(EMU *emu) { return emu->Frames; }

void EmuFlushTranslations(EMU *emu)
{
    uc_ctl_flush_tb(emu->Uc);
    /* The blocks' counts go with them: new code may sit at the same address. */
    EmuForgetBlocks(emu);
    memset(emu->CodeFrames, 0, (emu->Frames + 7) / 8);
}

/*
 * Guest RAM: an anonymous mapping, not touched here. It reads as zeros and
 * the host gives it memory only where the guest uses it (mm knows which
 * frames are still zero, and takes fresh frames from the bottom up).
 *
 * On transparent huge pages where the host allows them (MADV_HUGEPAGE:
 * "madvise" is the common setting): on a virtual machine the first write
 * to each fresh 4 KiB host page costs 10-15 us (a host page fault, then
 * the hypervisor backing the page), where a 2 MiB huge page costs about
 * 0.2 ms in all, 0.3 us per 4 KiB of it. Frames are used from the bottom
 * up, so RAM the guest does not use still costs nothing, with --ram 1G as
 * with 16M; what the guest does use is resident in 2 MiB steps. The
 * mapping is aligned to 2 MiB so that its first frames can be one.
 */
static uint8_t *MapGuestRam(uint64_t ram_bytes)
{
    const size_t huge = 2u << 20;
    size_t size = (size_t)ram_bytes + huge - EMU_PAGE_SIZE;
    uint8_t *map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED) {
        return NULL;
    }
    uint8_t *ram = (uint8_t *)(((uintptr_t)map + huge - 1) & ~(uintptr_t)(huge - 1));
    if (ram > map) {
        munmap(map, (size_t)(ram - map));
    }
    if (ram + ram_bytes < map + size) {
        munmap(ram + ram_bytes, (size_t)(map + size - (ram + ram_bytes)));
    }
    madvise(ram, ram_bytes, MADV_HUGEPAGE); /* a hint: refused, the RAM is the same */
    return ram;
}

void EmuBackFrame(EMU *emu, uint32_t pfn)
{
    if (pfn >= emu->BackedFrom && pfn < emu->BackedTo) {
        return;
    }
    uint32_t count = emu->Frames - pfn < EMU_BACKING_BATCH ? emu->Frames - pfn : EMU_BACKING_BATCH;
    uint8_t *start = emu->Ram + (size_t)pfn * EMU_PAGE_SIZE;
    /* Populate writable: zero pages, mapped, in one call. A kernel without
     * it (before 5.14) takes the faults one by one, as the guest would. */
    if (madvise(start, (size_t)count * EMU_PAGE_SIZE, MADV_POPULATE_WRITE) != 0) {
        count = 1;
    }
    emu->BackedFrom = pfn;
    emu->BackedTo = pfn + count;
}

void EmuSetPageTableRoot(EMU *emu, uint32_t pdpt_pa)
{
    uint32_t cr0;
    if (pdpt_pa != emu->Cr3) {
        /* The block table is by virtual address: another address space
         * may have other code (or other watching) at the same addresses. */
        EmuForgetBlocks(emu);
    }
    emu->Cr3 = pdpt_pa;
    uc_reg_write(emu->Uc, UC_X86_REG_CR3, &pdpt_pa);
    uc_reg_read(emu->Uc, UC_X86_REG_CR0, &cr0);
    if (!(cr0 & CR0_PG)) {
        cr0 |= CR0_PE | CR0_NE | CR0_PG | CR0_WP;
        uc_reg_write(emu->Uc, UC_X86_REG_CR0, &cr0);
    }
    uc_ctl_flush_tlb(emu->Uc);
}

void EmuFlushTlb(EMU *emu)
{
    uc_ctl_flush_tlb(emu->Uc);
}

void EmuSetTebBase(EMU *emu, uint32_t teb_va)
{
    WriteGdtEntry(emu, EMU_SEL_TEB, TebDescriptor(teb_va));
    emu->TebBase = teb_va;
    if (emu->Running) {
        /* Reload fs: so the CPU's hidden descriptor picks up the new base. */
        uint16_t sel = EMU_SEL_TEB;
        uc_reg_write(emu->Uc, UC_X86_REG_FS, &sel);
    }
}

bool EmuGdtDescriptor(EMU *emu, unsigned selector, uint32_t teb_va, uint64_t *descriptor)
{
    unsigned offset = selector & ~7u;
    if (offset >= SYS_GDT_ENTRIES * 8) {
        return false;
    }
    if (offset == (EMU_SEL_TEB & ~7u)) {
        *descriptor = TebDescriptor(teb_va);
    } else {
        memcpy(descriptor, emu->Ram + SYS_GDT_OFFSET + offset, 8);
    }
    return true;
}

static const int RegisterIds[] = {
    UC_X86_REG_EAX, UC_X86_REG_EBX, UC_X86_REG_ECX, UC_X86_REG_EDX,
    UC_X86_REG_ESI, UC_X86_REG_EDI, UC_X86_REG_EBP, UC_X86_REG_ESP,
    UC_X86_REG_EIP, UC_X86_REG_EFLAGS,
};
#define REGISTER_COUNT (sizeof RegisterIds / sizeof RegisterIds[0])

void EmuGetRegisters(EMU *emu, EMU_REGISTERS *regs)
{
    if (EmuCpuReadRegisters(emu, regs)) {
        return; /* every trap asks: nine loads instead of ten API calls */
    }
    uint32_t *fields[REGISTER_COUNT] = {
        &regs->Eax, &regs->Ebx, &regs->Ecx, &regs->Edx, &regs->Esi,
        &regs->Edi, &regs->Ebp, &regs->Esp, &regs->Eip, &regs->EFlags,
    };
    uc_reg_read_batch(emu->Uc, (int *)RegisterIds, (void **)fields, REGISTER_COUNT);
}

void EmuSetRegisters(EMU *emu, const EMU_REGISTERS *regs)
{
    /* User mode may not set IOPL, VM, or clear IF: keep the bits NT keeps. */
    EMU_REGISTERS r = *regs;
    r.EFlags = (r.EFlags & 0x00210DD5u) | 0x202u;
    const uint32_t *fields[REGISTER_COUNT] = {
        &r.Eax, &r.Ebx, &r.Ecx, &r.Edx, &r.Esi,
        &r.Edi, &r.Ebp, &r.Esp, &r.Eip, &r.EFlags,
    };
    uc_reg_write_batch(emu->Uc, (int *)RegisterIds, (void *const *)fields, REGISTER_COUNT);
}

static const int SegmentIds[4] = {UC_X86_REG_DS, UC_X86_REG_ES, UC_X86_REG_FS, UC_X86_REG_GS};

void EmuGetSegments(EMU *emu, EMU_SEGMENTS *segments)
{
    uint32_t values[4] = {0};
    void *fields[4] = {&values[0], &values[1], &values[2], &values[3]};
    uc_reg_read_batch(emu->Uc, (int *)SegmentIds, fields, 4);
    segments->Ds = (uint16_t)values[0];
    segments->Es = (uint16_t)values[1];
    segments->Fs = (uint16_t)values[2];
    segments->Gs = (uint16_t)values[3];
}

void EmuSetUserSegments(EMU *emu, const EMU_SEGMENTS *segments)
{
    const uint16_t values[] = {segments->Ds, segments->Es, segments->Fs, segments->Gs};
    EMU_SEGMENTS now;
    EmuGetSegments(emu, &now);
    const uint16_t current[] = {now.Ds, now.Es, now.Fs, now.Gs};
    for (unsigned i = 0; i < 4; i++) {
        if (values[i] == current[i]) {
            continue; /* nearly always: a load costs a descriptor check */
        }
        /* Unicorn checks the selector as the CPU's mov to a segment
         * register would at CPL 3, and refuses what would #GP. */
        uint16_t selector = (uint16_t)(values[i] | 3);
        if ((values[i] & 0xFFFC) == 0 ||
            uc_reg_write(emu->Uc, SegmentIds[i], &selector) != UC_ERR_OK) {
            selector = 0;
            uc_reg_write(emu->Uc, SegmentIds[i], &selector);
        }
    }
}

void EmuSetEax(EMU *emu, uint32_t eax)
{
    uc_reg_write(emu->Uc, UC_X86_REG_EAX, &eax);
}

void EmuStop(EMU *emu)
{
    EmuCpuScrubFlags(emu); /* before the CPU's exit folds them into EFLAGS */
    emu->StopRequested = 1;
    uc_emu_stop(emu->Uc);
}

/*
 * Every trap lands here. The CPU state is consistent (EIP is the faulting
 * instruction for faults, the next one for int n); the trap routine may
 * change registers or stop the machine, and the CPU carries on from there.
 */
static void OnInterrupt(uc_engine *uc, uint32_t intno, void *user)
{
    EMU *emu = user;
    EMU_TRAP trap = {0};
    uint32_t eip;

    trap.Vector = intno;
    int software = 0;
    EmuCpuTakeException(emu, &trap.ErrorCode, &software);
    trap.SoftwareInterrupt = (uint8_t)software;
    uc_reg_read(uc, UC_X86_REG_EIP, &eip);
    trap.Eip = eip;
    if (intno == EMU_TRAP_PAGE_FAULT) {
        uc_reg_read(uc, UC_X86_REG_CR2, &trap.FaultAddress);
    }
    uint32_t cs = 0;
    uc_reg_read(uc, UC_X86_REG_CS, &cs);
    if ((cs & 3) != 3) {
        /* A trap in the ring-0 entry stub: the system page is not mapped. */
        emu->StubFailed = 1;
        emu->StubTrap = trap;
        uc_emu_stop(uc);
        return;
    }
    emu->Routine(emu->Context, &trap);
    /* The block hook reads the interrupt flag only every so many
     * instructions; a guest that traps often (a fault at every few
     * instructions) runs few of them a second, so a trap looks too, and
     * the next block stops. */
    if (*emu->Interrupt) {
        EmuArmCount(emu);
    }
}

/* Invalid opcodes reach UC_HOOK_INSN_INVALID first; hand them on as #UD. */
static bool OnInvalidInstruction(uc_engine *uc, void *user)
{
    (void)uc;
    (void)user;
    return true; /* handled: Unicorn then calls the interrupt hook with 6 */
}

void EmuSetQuantum(EMU *emu, uint64_t instructions)
{
    emu->Deadline = instructions ? EmuCountNow(emu) + instructions : UINT64_MAX;
    EmuArmCount(emu);
}

void EmuSetInterruptFlag(EMU *emu, volatile sig_atomic_t *flag)
{
    emu->Interrupt = flag ? flag : &emu->NoInterrupt;
    EmuArmCount(emu);
}

void EmuSetTickRoutine(EMU *emu, EMU_TICK_ROUTINE routine, void *context)
{
    emu->TickRoutine = routine;
    emu->TickContext = context;
}

bool EmuQuantumExpired(EMU *emu)
{
    return emu->QuantumExpired != 0;
}

uint64_t EmuInstructionCount(EMU *emu)
{
    return EmuCountNow(emu);
}

static int Start(EMU *emu, uint32_t begin, char *why, size_t whylen);

/* A new thread's x87 and SSE units, as NT starts one: FNINIT's state with
 * the control word 0x27F (every exception masked, 53-bit precision) and
 * MXCSR 0x1F80 (every SSE exception masked). */
static void ResetFloatingPoint(EMU *emu)
{
    uint16_t control = 0x27F, status = 0, tag = 0xFFFF;
    uint32_t mxcsr = 0x1F80;
    uc_reg_write(emu->Uc, UC_X86_REG_FPCW, &control);
    uc_reg_write(emu->Uc, UC_X86_REG_FPSW, &status);
    uc_reg_write(emu->Uc, UC_X86_REG_FPTAG, &tag);
    uc_reg_write(emu->Uc, UC_X86_REG_MXCSR, &mxcsr);
}

int EmuRun(EMU *emu, const EMU_REGISTERS *regs, char *why, size_t whylen)
{
    uint32_t frame[6];
    uint32_t esp0 = EMU_SYSTEM_VA + SYS_STACK_TOP - sizeof frame;
    uint32_t eax = regs->Eax;

    /* pop eax; iretd: EAX, EIP, CS, EFLAGS, ESP, SS */
    frame[0] = eax;
    frame[1] = regs->Eip;
    frame[2] = EMU_SEL_USER_CODE;
    frame[3] = (regs->EFlags & 0x00210DD5u) | 0x202u;
    frame[4] = regs->Esp;
    frame[5] = EMU_SEL_USER_DATA;
    memcpy(emu->Ram + SYS_STACK_TOP - sizeof frame, frame, sizeof frame);

    /* Back to the power-on CPU (CPL 0): a previous run left it in ring 3,
     * and the host cannot lower CPL by writing segment registers. */
    uc_context_restore(emu->Uc, emu->PowerOn);
    ResetFloatingPoint(emu); /* the power-on CPU's control word is 0 */
    LoadSystemRegisters(emu);
    if (emu->Cr3) {
        EmuSetPageTableRoot(emu, emu->Cr3);
    }
    EMU_REGISTERS k = *regs;
    k.Esp = esp0;
    k.Eip = EMU_SYSTEM_VA + SYS_STUB_OFFSET;
    k.EFlags = 0x2;
    EmuSetRegisters(emu, &k);
    /* The stub runs at CPL 0 on the reset-time flat segments: no GDT read
     * happens before the page tables are known to map the system page. */

    return Start(emu, EMU_SYSTEM_VA + SYS_STUB_OFFSET, why, whylen);
}

/* Runs the CPU from `begin` until EmuStop (a trap routine's or the quantum's). */
static int Start(EMU *emu, uint32_t begin, char *why, size_t whylen)
{
    uc_err err;
    for (;;) {
        emu->StopRequested = 0;
        emu->QuantumExpired = 0;
        emu->StubFailed = 0;
        EmuArmCount(emu); /* an interrupt flag already up stops the first block */
        emu->Running = 1;
        err = uc_emu_start(emu->Uc, begin, 0, 0, 0);
        emu->Running = 0;
        if (err != UC_ERR_OK || !emu->FlushStop) {
            break;
        }
        /* Stopped only to flush the code buffer (tcgbuffer.c): on at the
         * block it stopped at, as if nothing happened. */
        EmuCodeBufferFlush(emu);
        uint32_t eip = 0;
        uc_reg_read(emu->Uc, UC_X86_REG_EIP, &eip);
        begin = eip;
    }
    if (emu->StubFailed) {
        snprintf(why, whylen,
                 "entering user mode failed: trap %u (error code 0x%x, cr2 0x%08x) at 0x%08x "
                 "(is the system page mapped at 0x%08x?)",
                 emu->StubTrap.Vector, emu->StubTrap.ErrorCode, emu->StubTrap.FaultAddress,
                 emu->StubTrap.Eip, EMU_SYSTEM_VA);
        return -1;
    }
    if (err != UC_ERR_OK) {
        uint32_t eip = 0;
        uc_reg_read(emu->Uc, UC_X86_REG_EIP, &eip);
        snprintf(why, whylen, "emulator stopped: %s (eip 0x%08x)", uc_strerror(err), eip);
        return -1;
    }
    if (!emu->StopRequested) {
        uint32_t eip = 0;
        uc_reg_read(emu->Uc, UC_X86_REG_EIP, &eip);
        snprintf(why, whylen, "emulator stopped by itself at eip 0x%08x", eip);
        return -1;
    }
    return 0;
}

struct EMU_THREAD_STATE {
    uc_context *Context;
    uint32_t Cr3;      /* kept apart: a context's CR3 cannot be written */
};

uc_context *EmuThreadStateContext(EMU_THREAD_STATE *state)
{
    return state->Context;
}

EMU_THREAD_STATE *EmuAllocateThreadState(EMU *emu)
{
    EMU_THREAD_STATE *state = calloc(1, sizeof *state);
    if (state && uc_context_alloc(emu->Uc, &state->Context) != UC_ERR_OK) {
        free(state);
        return NULL;
    }
    return state;
}

void EmuFreeThreadState(EMU_THREAD_STATE *state)
{
    if (state) {
        uc_context_free(state->Context);
        free(state);
    }
}

void EmuSetThreadStateEax(EMU_THREAD_STATE *state, uint32_t eax)
{
    uc_context_reg_write(state->Context, UC_X86_REG_EAX, &eax);
}

void EmuGetThreadStateRegisters(EMU_THREAD_STATE *state, EMU_REGISTERS *regs)
{
    uint32_t *fields[REGISTER_COUNT] = {
        &regs->Eax, &regs->Ebx, &regs->Ecx, &regs->Edx, &regs->Esi,
        &regs->Edi, &regs->Ebp, &regs->Esp, &regs->Eip, &regs->EFlags,
    };
    for (size_t i = 0; i < REGISTER_COUNT; i++) {
        *fields[i] = 0;
        uc_context_reg_read(state->Context, RegisterIds[i], fields[i]);
    }
}

void EmuSetThreadStateRegisters(EMU_THREAD_STATE *state, const EMU_REGISTERS *regs)
{
    EMU_REGISTERS r = *regs;
    r.EFlags = (r.EFlags & 0x00210DD5u) | 0x202u; /* as EmuSetRegisters */
    const uint32_t *fields[REGISTER_COUNT] = {
        &r.Eax, &r.Ebx, &r.Ecx, &r.Edx, &r.Esi,
        &r.Edi, &r.Ebp, &r.Esp, &r.Eip, &r.EFlags,
    };
    for (size_t i = 0; i < REGISTER_COUNT; i++) {
        uc_context_reg_write(state->Context, RegisterIds[i], fields[i]);
    }
}

void EmuSetThreadStatePageTableRoot(EMU_THREAD_STATE *state, uint32_t pdpt_pa)
{
    /* uc_context_reg_write of CR3 flushes a TLB the context does not have. */
    state->Cr3 = pdpt_pa;
}

void EmuSaveThreadState(EMU *emu, EMU_THREAD_STATE *state)
{
    uc_context_save(emu->Uc, state->Context);
    state->Cr3 = emu->Cr3;
}

int EmuResume(EMU *emu, EMU_THREAD_STATE *state, char *why, size_t whylen)
{
    uc_context_restore(emu->Uc, state->Context);
    uint32_t eip = 0;
    uc_reg_read(emu->Uc, UC_X86_REG_EIP, &eip);
    /* Writing CR3 flushes the TLB, as a context switch on x86 does. */
    EmuSetPageTableRoot(emu, state->Cr3);
    return Start(emu, eip, why, whylen);
}

int EmuContinue(EMU *emu, bool counted, char *why, size_t whylen)
{
    uint32_t eip = 0;
    uc_reg_read(emu->Uc, UC_X86_REG_EIP, &eip);
    uc_tb tb;
    if (counted && uc_ctl(emu->Uc, EMU_CTL_REQUEST_CACHE, (uint64_t)eip, &tb) == UC_ERR_OK &&
        tb.icount && tb.icount <= EmuCountNow(emu)) {
        /* The block that starts here ends where the one the CPU stopped in
         * does: its instructions were counted with that block, and are
         * counted again as it starts. */
        emu->Instructions = EmuCountNow(emu) - tb.icount;
        emu->Left = emu->Armed;
    }
    return Start(emu, eip, why, whylen);
}

EMU *EmuCreate(uint64_t ram_bytes, EMU_TRAP_ROUTINE routine, void *context,
               char *why, size_t whylen)
{
    unsigned major, minor;
    unsigned v = uc_version(&major, &minor);
    unsigned patch = (v >> 8) & 0xFF;
    if (major != 2 || minor < 1 || (minor == 1 && patch < 1)) {
        snprintf(why, whylen,
                 "Unicorn %u.%u.%u is too old: ntmm needs 2.1.1 or newer "
                 "(2.0 ignores PTE frame numbers and cannot flush the TLB or set NXE)",
                 major, minor, patch);
        return NULL;
    }
    if (ram_bytes < (1u << 20) || ram_bytes % EMU_PAGE_SIZE || ram_bytes > (3ull << 30)) {
        snprintf(why, whylen, "RAM size %llu is invalid (1 MiB to 3 GiB, whole pages)",
                 (unsigned long long)ram_bytes);
        return NULL;
    }

    EMU *emu = calloc(1, sizeof *emu);
    if (!emu) {
        snprintf(why, whylen, "out of host memory");
        return NULL;
    }
    emu->Frames = (uint32_t)(ram_bytes >> EMU_PAGE_SHIFT);
    emu->RamBytes = ram_bytes;
    emu->Routine = routine;
    emu->Context = context;
    if (EmuCodeCacheInit(emu) != 0) {
        snprintf(why, whylen, "out of host memory");
        EmuDestroy(emu);
        return NULL;
    }
    emu->Ram = MapGuestRam(ram_bytes);
    if (!emu->Ram) {
        snprintf(why, whylen, "cannot allocate %llu bytes of guest RAM",
                 (unsigned long long)ram_bytes);
        EmuDestroy(emu);
        return NULL;
    }

    size_t code_buffer = EmuCodeBufferBytes(); /* asked once: set, then watched */
    uc_err err = uc_open(UC_ARCH_X86, UC_MODE_32, &emu->Uc);
    if (err == UC_ERR_OK) {
        /* A CPU model with NX: qemu32 has none, and EFER.NXE would not stick. */
        err = uc_ctl_set_cpu_model(emu->Uc, UC_CPU_X86_CORE2DUO);
    }
    if (err == UC_ERR_OK) {
        /* emu_private.h says why this size; tcgbuffer.c how it is watched. */
        err = uc_ctl_set_tcg_buffer_size(emu->Uc, (uint32_t)code_buffer);
    }
    if (err == UC_ERR_OK) {
        err = uc_ctl_tlb_mode(emu->Uc, UC_TLB_CPU);
    }
    if (err == UC_ERR_OK) {
        err = uc_mem_map_ptr(emu->Uc, 0, ram_bytes, UC_PROT_ALL, emu->Ram);
    }
    if (err == UC_ERR_OK) {
        /* Run until EmuStop; no "until" address the guest could jump to. */
        err = uc_ctl_exits_enable(emu->Uc);
    }
    uc_hook h;
    if (err == UC_ERR_OK) {
        err = uc_hook_add(emu->Uc, &h, UC_HOOK_INTR, (void *)OnInterrupt, emu, 1, 0);
    }
    if (err == UC_ERR_OK) {
        err = uc_hook_add(emu->Uc, &h, UC_HOOK_INSN_INVALID, (void *)OnInvalidInstruction,
                          emu, 1, 0);
    }
    if (err == UC_ERR_OK) {
        err = uc_hook_add(emu->Uc, &h, UC_HOOK_BLOCK, (void *)EmuOnBlock, emu, 1, 0);
    }
    if (err == UC_ERR_OK) {
        err = uc_hook_add(emu->Uc, &h, UC_HOOK_EDGE_GENERATED, (void *)EmuOnTranslation, emu, 1, 0);
    }
    if (err != UC_ERR_OK) {
        snprintf(why, whylen, "cannot set up the emulator: %s", uc_strerror(err));
        EmuDestroy(emu);
        return NULL;
    }
    if (err == UC_ERR_OK && (uc_context_alloc(emu->Uc, &emu->PowerOn) != UC_ERR_OK ||
                             uc_context_save(emu->Uc, emu->PowerOn) != UC_ERR_OK)) {
        snprintf(why, whylen, "cannot save the CPU's power-on state");
        EmuDestroy(emu);
        return NULL;
    }
    if (EmuCpuStateInit(emu, why, whylen) != 0) {
        EmuDestroy(emu);
        return NULL;
    }
    BuildSystemPage(emu);
    LoadSystemRegisters(emu);
    EmuBuildIdentityMap(emu);
    if (EmuSelfTest(emu, why, whylen) != 0) {
        EmuDestroy(emu);
        return NULL;
    }
    EmuSizeTlb(emu);
    /* The self-test's frames go back to zero; the system page and the
     * identity map stay. */
    memset(emu->Ram + EMU_PAGE_SIZE, 0, EMU_SELFTEST_FRAMES * EMU_PAGE_SIZE);
    EmuCodeBufferInit(emu, code_buffer);
    EmuForgetBlocks(emu);
    memset(emu->CodeFrames, 0, (emu->Frames + 7) / 8);
    memset(emu->WritableFrames, 0, (emu->Frames + 7) / 8);
    emu->Instructions = 0;
    emu->Left = emu->Armed = 0;
    EmuArmCount(emu);
    emu->CodeInvalidations = 0;
    emu->StaleBlocks = 0;
    emu->Routine = routine;
    emu->Context = context;
    return emu;
}

void EmuDestroy(EMU *emu)
{
    if (!emu) {
        return;
    }
    EmuCpuStateFree(emu);
    if (emu->PowerOn) {
        uc_context_free(emu->PowerOn);
    }
    if (emu->Uc) {
        uc_close(emu->Uc);
    }
    if (emu->Ram) {
        munmap(emu->Ram, emu->RamBytes);
    }
    EmuCodeCacheFree(emu);
    free(emu);
}
