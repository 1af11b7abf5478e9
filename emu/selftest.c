/*
 * The start-up self-test. ntmm relies on Unicorn behaving like an x86 CPU in
 * ways its API does not promise; each is proved here, every time a machine
 * is created, with a small ring-3 program on page tables of our own:
 *
 *   - #PF reaches the trap routine with the exact EIP, CR2 and error code
 *     (not present / write / user / instruction fetch under NX);
 *   - after a page fault is resolved by writing a PTE, the instruction is
 *     retried without any TLB flush (not-present entries are not cached);
 *   - twenty page faults in a row stay page faults (no #DF escalation),
 *     as do #DE and #GP back to back;
 *   - the CPU sets Accessed and Dirty bits in the PTEs;
 *   - a TLB flush makes a changed PTE visible;
 *   - a host write into a code frame is NOT seen by already translated code
 *     (measured on 2.1.1); the new translation was reported by
 *     UC_HOOK_EDGE_GENERATED (emu knows the frame holds code), and
 *     EmuHostWriteFrame, through the identity map, makes the write seen;
 *   - Unicorn's gap for guest stores (codecache.c): code run from one
 *     mapping of a frame, two blocks of it rewritten through a second,
 *     writable mapping — the first store drops the block it hits, the
 *     second store is NOT seen by the other block's translation; and once
 *     the frame is known writable (EmuNoteWritableFrame) the rewritten
 *     block is caught as it starts and none of its stale instructions
 *     runs (writing EIP in a block hook ends the block before its first
 *     instruction);
 *   - int 2Eh, ud2 (#UD), div by zero (#DE) and hlt at CPL 3 (#GP) arrive
 *     as the right vectors with the EIP the CPU would push;
 *   - after `add; lock cmpxchg8b` in one block, EFLAGS holds nothing but
 *     arithmetic flags, IF and bit 1 (Unicorn's stale lazy flags would
 *     set TF, DF, IOPL...: cpustate.c scrubs them at every trap);
 *   - a thread saved with EmuSaveThreadState and resumed with EmuResume
 *     gets its SSE registers back (another thread's values were loaded in
 *     between), and resuming loads CR3 so that a translation the TLB held
 *     before the switch is gone.
 *
 * It costs well under a millisecond. Frames 1-8 are its scratch space.
 */
#include "emu/emu_private.h"

#include <stdio.h>
#include <string.h>

#define CODE_VA   0x00400000u
#define DATA_VA   0x00401000u   /* frame 7, read-only, NX */
#define STACK_VA  0x00402000u   /* frame 7 again, read-write, NX */
#define PROBE_VA  0x00500000u   /* not present until the first fault */
#define ABSENT_VA 0x00501000u   /* never present */
#define JIT_X_VA  0x00404000u   /* frame 8, read-only, executable */
#define JIT_W_VA  0x00405000u   /* frame 8 again, read-write, NX */
#define MARKER    0x11223344u

enum { F_PDPT = 1, F_PD_LOW = 2, F_PT_LOW = 3, F_PD_HIGH = 4, F_PT_HIGH = 5, F_CODE = 6, F_DATA = 7,
       F_JIT = 8 };

static const uint8_t Program[] = {
    /* 00 */ 0xA1, 0x00, 0x00, 0x50, 0x00,       /* mov eax, [PROBE_VA]  #PF 04 → map, retry */
    /* 05 */ 0xCD, 0x2E,                         /* int 2Eh              check eax = MARKER  */
    /* 07 */ 0xA3, 0x00, 0x10, 0x50, 0x00,       /* mov [ABSENT_VA], eax #PF 06 → skip       */
    /* 0C */ 0xA3, 0x00, 0x10, 0x40, 0x00,       /* mov [DATA_VA], eax   #PF 07 → skip       */
    /* 11 */ 0xB9, 0x00, 0x10, 0x40, 0x00,       /* mov ecx, DATA_VA                         */
    /* 16 */ 0xFF, 0xD1,                         /* call ecx             #PF 15 → return     */
    /* 18 */ 0xB9, 0x14, 0x00, 0x00, 0x00,       /* mov ecx, 20                              */
    /* 1D */ 0xA1, 0x00, 0x10, 0x50, 0x00,       /* mov eax, [ABSENT_VA] #PF 04 ×20 → skip   */
    /* 22 */ 0x49,                               /* dec ecx                                  */
    /* 23 */ 0x75, 0xF8,                         /* jnz 1D                                   */
    /* 25 */ 0xCD, 0x2E,                         /* int 2Eh              20 seen; remap, flush */
    /* 27 */ 0xA1, 0x00, 0x00, 0x50, 0x00,       /* mov eax, [PROBE_VA]                      */
    /* 2C */ 0xCD, 0x2E,                         /* int 2Eh              check the new frame  */
    /* 2E */ 0xB8, 0x01, 0x00, 0x00, 0x00,       /* mov eax, 1                               */
    /* 33 */ 0xCD, 0x2E,                         /* int 2Eh              patch code, rerun   */
    /* 35 */ 0x0F, 0x0B,                         /* ud2                  #UD → skip          */
    /* 37 */ 0x31, 0xC9,                         /* xor ecx, ecx                             */
    /* 39 */ 0xF7, 0xF1,                         /* div ecx              #DE → skip          */
    /* 3B */ 0xF4,                               /* hlt                  #GP → stop          */
    /* 3C */ 0x90, 0x90, 0x90, 0x90,
    /* Part two, a thread switched out and back in: */
    /* 40 */ 0xB8, 0x00, 0x00, 0x80, 0x3F,       /* mov eax, 3F800000h                       */
    /* 45 */ 0x66, 0x0F, 0x6E, 0xC0,             /* movd xmm0, eax                           */
    /* 49 */ 0xA1, 0x00, 0x00, 0x50, 0x00,       /* mov eax, [PROBE_VA]  (into the TLB)      */
    /* 4E */ 0xCD, 0x2E,                         /* int 2Eh              save, clobber, remap */
    /* 50 */ 0x66, 0x0F, 0x7E, 0xC0,             /* movd eax, xmm0                           */
    /* 54 */ 0x89, 0xC1,                         /* mov ecx, eax                             */
    /* 56 */ 0xA1, 0x00, 0x00, 0x50, 0x00,       /* mov eax, [PROBE_VA]                      */
    /* 5B */ 0xCD, 0x2E,                         /* int 2Eh              check ecx, eax      */
    /* 5D */ 0x90, 0x90, 0x90,
    /* Part three, code rewritten through an alias (run twice): */
    /* 60 */ 0xBE, 0x00, 0x40, 0x40, 0x00,       /* mov esi, JIT_X_VA                        */
    /* 65 */ 0xFF, 0xD6,                         /* call esi             a: mov eax, 1; ret  */
    /* 67 */ 0x8D, 0x7E, 0x10,                   /* lea edi, [esi+16]                        */
    /* 6A */ 0xFF, 0xD7,                         /* call edi             b: inc edx; ret     */
    /* 6C */ 0xC6, 0x05, 0x01, 0x50, 0x40, 0x00, 0x02, /* mov byte [JIT_W_VA+1], 2: a's imm  */
    /* 73 */ 0xC6, 0x05, 0x10, 0x50, 0x40, 0x00, 0x4A, /* mov byte [JIT_W_VA+16], dec edx    */
    /* 7A */ 0xFF, 0xD7,                         /* call edi             b again             */
    /* 7C */ 0xFF, 0xD6,                         /* call esi             a again             */
    /* 7E */ 0xCD, 0x2E,                         /* int 2Eh              check eax, edx      */
    /* Part four, cmpxchg8b's flags (cpustate.c): */
    /* 80 */ 0x31, 0xC0,                         /* xor eax, eax                             */
    /* 82 */ 0x31, 0xD2,                         /* xor edx, edx                             */
    /* 84 */ 0xBB, 0x00, 0xFF, 0xFF, 0xFF,       /* mov ebx, FFFFFF00h                       */
    /* 89 */ 0x89, 0xD9,                         /* mov ecx, ebx                             */
    /* 8B */ 0x01, 0xD9,                         /* add ecx, ebx         CF PF SF            */
    /* 8D */ 0xF0, 0x0F, 0xC7, 0x0D, 0x00, 0x21, 0x40, 0x00, /* lock cmpxchg8b [402100h]: ZF */
    /* 95 */ 0xCD, 0x2E,                         /* int 2Eh              check EFLAGS        */
};

/* The JIT frame's two blocks, as the host writes them before each run. */
static const uint8_t JitCode[32] = {
    0xB8, 0x01, 0x00, 0x00, 0x00, 0xC3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* a: mov eax, 1; ret */
    0x42, 0xC3,                                                     /* b: inc edx; ret    */
};

typedef struct SELFTEST {
    EMU *Emu;
    int Step;
    int Repeats;
    int CodePatched;
    char *Why;
    size_t WhyLen;
    int Failed;
    EMU_THREAD_STATE *State;
} SELFTEST;

static uint64_t *Pte(EMU *emu, unsigned frame, unsigned index)
{
    return (uint64_t *)(emu->Ram + (size_t)frame * EMU_PAGE_SIZE) + index;
}

static uint64_t PteFor(unsigned frame, uint64_t flags)
{
    return ((uint64_t)frame << EMU_PAGE_SHIFT) | flags;
}

static unsigned LowIndex(uint32_t va) { return (va >> 12) & 511; }

static void Fail(SELFTEST *t, const char *what, const EMU_TRAP *trap)
{
    if (!t->Failed) {
        snprintf(t->Why, t->WhyLen,
                 "emulator self-test failed at step %d: %s "
                 "(got vector %u, error code 0x%x, cr2 0x%08x, eip 0x%08x)",
                 t->Step, what, trap->Vector, trap->ErrorCode, trap->FaultAddress, trap->Eip);
    }
    t->Failed = 1;
    EmuStop(t->Emu);
}

static int Expect(SELFTEST *t, const EMU_TRAP *trap, uint32_t vector, uint32_t code,
                  uint32_t cr2, uint32_t eip_offset, const char *what)
{
    if (trap->Vector != vector || (vector == EMU_TRAP_PAGE_FAULT &&
        (trap->ErrorCode != code || trap->FaultAddress != cr2)) ||
        trap->Eip != CODE_VA + eip_offset) {
        Fail(t, what, trap);
        return 0;
    }
    if (vector == EMU_TRAP_PAGE_FAULT && EmuCpuOldException(t->Emu) != -1) {
        Fail(t, "the CPU still has the page fault in flight (a #DF would follow)", trap);
        return 0;
    }
    return 1;
}

static void Resume(EMU *emu, uint32_t eip_offset)
{
    EMU_REGISTERS r;
    EmuGetRegisters(emu, &r);
    r.Eip = CODE_VA + eip_offset;
    EmuSetRegisters(emu, &r);
}

static void OnTrap(void *context, const EMU_TRAP *trap)
{
    SELFTEST *t = context;
    EMU *emu = t->Emu;
    EMU_REGISTERS r;
    EmuGetRegisters(emu, &r);

    switch (t->Step) {
    case 0:
        if (Expect(t, trap, 14, EMU_PF_USER, PROBE_VA, 0x00, "read of a not-present page")) {
            *Pte(emu, F_PT_LOW, LowIndex(PROBE_VA)) =
                PteFor(F_DATA, EMU_PTE_PRESENT | EMU_PTE_WRITE | EMU_PTE_USER | EMU_PTE_NX);
            t->Step++; /* no resume: the CPU retries the read */
        }
        return;
    case 1:
        if (!Expect(t, trap, 0x2E, 0, 0, 0x07, "int 2Eh after a resolved fault")) {
            return;
        }
        if (!trap->SoftwareInterrupt || r.Eax != MARKER) {
            Fail(t, "the retried read did not see the newly mapped frame", trap);
            return;
        }
        if (!(*Pte(emu, F_PT_LOW, LowIndex(PROBE_VA)) & EMU_PTE_ACCESSED)) {
            Fail(t, "the CPU did not set the Accessed bit", trap);
            return;
        }
        t->Step++;
        return;
    case 2:
        if (Expect(t, trap, 14, EMU_PF_USER | EMU_PF_WRITE, ABSENT_VA, 0x07,
                   "write to a not-present page")) {
            Resume(emu, 0x0C), t->Step++;
        }
        return;
    case 3:
        if (Expect(t, trap, 14, EMU_PF_USER | EMU_PF_WRITE | EMU_PF_PRESENT, DATA_VA, 0x0C,
                   "write to a read-only page")) {
            Resume(emu, 0x11), t->Step++;
        }
        return;
    case 4:
        if (trap->Vector != 14 || trap->ErrorCode != (EMU_PF_USER | EMU_PF_PRESENT | EMU_PF_FETCH) ||
            trap->FaultAddress != DATA_VA || trap->Eip != DATA_VA) {
            Fail(t, "execute from an NX page", trap);
            return;
        }
        /* Return from the call by hand: pop the return address. */
        uint32_t ret;
        memcpy(&ret, emu->Ram + F_DATA * EMU_PAGE_SIZE + (r.Esp & 0xFFF), 4);
        r.Eip = ret;
        r.Esp += 4;
        EmuSetRegisters(emu, &r);
        t->Step++;
        return;
    case 5:
        if (Expect(t, trap, 14, EMU_PF_USER, ABSENT_VA, 0x1D, "page faults in a row")) {
            Resume(emu, 0x22);
            if (++t->Repeats == 20) {
                t->Step++;
            }
        }
        return;
    case 6:
        if (!Expect(t, trap, 0x2E, 0, 0, 0x27, "int 2Eh after twenty faults")) {
            return;
        }
        if (!(*Pte(emu, F_PT_LOW, LowIndex(STACK_VA)) & EMU_PTE_DIRTY)) {
            Fail(t, "the CPU did not set the Dirty bit", trap);
            return;
        }
        *Pte(emu, F_PT_LOW, LowIndex(PROBE_VA)) =
            PteFor(F_CODE, EMU_PTE_PRESENT | EMU_PTE_USER | EMU_PTE_NX);
        EmuFlushTlb(emu);
        t->Step++;
        return;
    case 7:
        if (!Expect(t, trap, 0x2E, 0, 0, 0x2E, "int 2Eh after a TLB flush")) {
            return;
        }
        if (r.Eax != 0x500000A1u) {
            Fail(t, "a TLB flush did not make the changed PTE visible", trap);
            return;
        }
        t->Step++;
        return;
    case 8:
        if (!Expect(t, trap, 0x2E, 0, 0, 0x35, "int 2Eh in patched code")) {
            return;
        }
        if (!t->CodePatched) {
            if (r.Eax != 1) {
                Fail(t, "mov eax, 1 did not run", trap);
                return;
            }
            emu->Ram[F_CODE * EMU_PAGE_SIZE + 0x2F] = 2;
            t->CodePatched = 1;
            Resume(emu, 0x2E);
            return;
        }
        if (t->CodePatched == 1) {
            if (r.Eax != 1) {
                /* Not a failure of ours, but a fact changed: say so. */
                Fail(t, "translated code saw a host write without a flush (Unicorn changed?)", trap);
                return;
            }
            EmuHostWriteFrame(emu, F_CODE);
            t->CodePatched = 2;
            Resume(emu, 0x2E);
            return;
        }
        if (r.Eax != 2) {
            Fail(t, "code rewritten by the host still ran the old translation after "
                    "EmuHostWriteFrame (was the translation reported?)", trap);
            return;
        }
        t->Step++;
        return;
    case 9:
        if (Expect(t, trap, EMU_TRAP_INVALID_OP, 0, 0, 0x35, "ud2")) {
            Resume(emu, 0x37), t->Step++;
        }
        return;
    case 10:
        if (Expect(t, trap, EMU_TRAP_DIVIDE, 0, 0, 0x39, "divide by zero")) {
            Resume(emu, 0x3B), t->Step++;
        }
        return;
    case 11:
        if (Expect(t, trap, EMU_TRAP_GP, 0, 0, 0x3B, "hlt at CPL 3 (#GP right after #DE)")) {
            t->Step++;
            EmuStop(emu);
        }
        return;
    case 12:
        if (Expect(t, trap, 0x2E, 0, 0, 0x50, "int 2Eh before the switch")) {
            EmuSaveThreadState(emu, t->State);
            t->Step++;
            EmuStop(emu);
        }
        return;
    case 13:
        if (!Expect(t, trap, 0x2E, 0, 0, 0x5D, "int 2Eh after the switch")) {
            return;
        }
        if (r.Ecx != 0x3F800000u) {
            Fail(t, "a resumed thread did not get its SSE registers back", trap);
        } else if (r.Eax != 0x500000A1u) {
            Fail(t, "resuming a thread left a stale translation in the TLB", trap);
        }
        t->Step++;
        EmuStop(emu);
        return;
    case 14:
    case 15:
        if (!Expect(t, trap, 0x2E, 0, 0, 0x80, "int 2Eh after code rewritten through an alias")) {
            return;
        }
        if (r.Eax != 2) {
            Fail(t, "a store through an alias did not drop the block it hit", trap);
        } else if (t->Step == 14 && r.Edx != 2) {
            /* A fact about Unicorn, not a failure of ours: say it changed. */
            Fail(t, "a second store to a translated frame was seen without emu's checks "
                    "(Unicorn changed? codecache.c says how it tracks code)", trap);
        } else if (t->Step == 15 && r.Edx != 0) {
            Fail(t, r.Edx == 2 ? "a block rewritten through an alias ran stale"
                               : "a stale block ran part-way before it was caught", trap);
        }
        t->Step++;
        EmuStop(emu);
        return;
    case 16:
        if (!Expect(t, trap, 0x2E, 0, 0, 0x97, "int 2Eh after cmpxchg8b")) {
            return;
        }
        /* ZF from the compare (equal); CF PF SF, which cmpxchg8b leaves
         * as the add set them, are right only in a Unicorn without the bug
         * (0x2C7); any other bit is the stale flags getting through. */
        if ((r.EFlags & ~0x8D5u) != 0x202u || !(r.EFlags & 0x40u)) {
            Fail(t, "cmpxchg8b left bits other than arithmetic flags in EFLAGS "
                    "(the lazy-flags scrub in cpustate.c did not work)", trap);
        }
        t->Step++;
        EmuStop(emu);
        return;
    default:
        Fail(t, "an unexpected trap", trap);
    }
}

int EmuSelfTest(EMU *emu, char *why, size_t whylen)
{
    SELFTEST t = {.Emu = emu, .Why = why, .WhyLen = whylen};
    const uint64_t table = EMU_PTE_PRESENT | EMU_PTE_WRITE | EMU_PTE_USER;

    memset(emu->Ram + EMU_PAGE_SIZE, 0, EMU_SELFTEST_FRAMES * EMU_PAGE_SIZE);
    uint64_t *pdpt = Pte(emu, F_PDPT, 0);
    pdpt[0] = PteFor(F_PD_LOW, EMU_PTE_PRESENT);
    pdpt[3] = PteFor(F_PD_HIGH, EMU_PTE_PRESENT);
    *Pte(emu, F_PD_LOW, (CODE_VA >> 21) & 511) = PteFor(F_PT_LOW, table);
    *Pte(emu, F_PD_HIGH, (EMU_SYSTEM_VA >> 21) & 511) = PteFor(F_PT_HIGH, table);
    *Pte(emu, F_PT_HIGH, LowIndex(EMU_SYSTEM_VA)) =
        PteFor(EMU_SYSTEM_FRAME, EMU_PTE_PRESENT | EMU_PTE_WRITE);
    *Pte(emu, F_PT_LOW, LowIndex(CODE_VA)) = PteFor(F_CODE, EMU_PTE_PRESENT | EMU_PTE_USER);
    *Pte(emu, F_PT_LOW, LowIndex(DATA_VA)) =
        PteFor(F_DATA, EMU_PTE_PRESENT | EMU_PTE_USER | EMU_PTE_NX);
    *Pte(emu, F_PT_LOW, LowIndex(STACK_VA)) =
        PteFor(F_DATA, EMU_PTE_PRESENT | EMU_PTE_WRITE | EMU_PTE_USER | EMU_PTE_NX);
    *Pte(emu, F_PT_LOW, LowIndex(JIT_X_VA)) = PteFor(F_JIT, EMU_PTE_PRESENT | EMU_PTE_USER);
    *Pte(emu, F_PT_LOW, LowIndex(JIT_W_VA)) =
        PteFor(F_JIT, EMU_PTE_PRESENT | EMU_PTE_WRITE | EMU_PTE_USER | EMU_PTE_NX);
    memcpy(emu->Ram + F_CODE * EMU_PAGE_SIZE, Program, sizeof Program);
    uint32_t marker = MARKER;
    memcpy(emu->Ram + F_DATA * EMU_PAGE_SIZE, &marker, 4);

    EMU_TRAP_ROUTINE routine = emu->Routine;
    void *context = emu->Context;
    emu->Routine = OnTrap;
    emu->Context = &t;
    EmuSetPageTableRoot(emu, F_PDPT * EMU_PAGE_SIZE);

    EMU_REGISTERS regs = {.Eip = CODE_VA, .Esp = STACK_VA + EMU_PAGE_SIZE, .EFlags = 0x202};
    char run_why[160];
    int rc = EmuRun(emu, &regs, run_why, sizeof run_why);
    if (rc == 0 && !t.Failed && t.Step == 12) {
        /* Part two: a thread is switched out, another thread's state takes
         * the CPU (here: other SSE values, and the page it read remapped),
         * and the first is switched back in. */
        t.State = EmuAllocateThreadState(emu);
        regs.Eip = CODE_VA + 0x40;
        rc = t.State ? EmuRun(emu, &regs, run_why, sizeof run_why) : -1;
        if (rc == 0 && t.Step == 13) {
            uint8_t zero[16] = {0};
            uc_reg_write(emu->Uc, UC_X86_REG_XMM0, zero);
            *Pte(emu, F_PT_LOW, LowIndex(PROBE_VA)) =
                PteFor(F_CODE, EMU_PTE_PRESENT | EMU_PTE_USER | EMU_PTE_NX);
            rc = EmuResume(emu, t.State, run_why, sizeof run_why);
        }
        EmuFreeThreadState(t.State);
    }
    /* Part three: first as Unicorn alone does it (the frame's writable
     * alias unknown to emu), then with the frame known writable. */
    for (int run = 0; run < 2 && rc == 0 && !t.Failed && t.Step == 14 + run; run++) {
        EmuHostWriteFrame(emu, F_JIT);
        memcpy(emu->Ram + F_JIT * EMU_PAGE_SIZE, JitCode, sizeof JitCode);
        if (run == 1) {
            EmuNoteWritableFrame(emu, F_JIT);
        }
        regs.Eip = CODE_VA + 0x60;
        regs.Edx = 0;
        rc = EmuRun(emu, &regs, run_why, sizeof run_why);
    }
    /* Part four: the flags a cmpxchg8b leaves. */
    if (rc == 0 && !t.Failed && t.Step == 16) {
        regs.Eip = CODE_VA + 0x80;
        rc = EmuRun(emu, &regs, run_why, sizeof run_why);
    }
    emu->Routine = routine;
    emu->Context = context;
    /* Drop what was compiled from the self-test's code frames (a whole
     * tb_flush would clear Unicorn's entire code buffer: tens of MiB of
     * host memory touched at every start). */
    EmuRemoveCodeInFrames(emu, 1, EMU_SELFTEST_FRAMES);
    if (rc != 0 && !t.Failed) {
        snprintf(why, whylen, "emulator self-test failed at step %d: %s", t.Step, run_why);
        return -1;
    }
    if (t.Failed) {
        return -1;
    }
    if (t.Step != 17 || EmuCountNow(emu) == 0) {
        snprintf(why, whylen, "emulator self-test stopped early (step %d, %llu instructions)",
                 t.Step, (unsigned long long)EmuCountNow(emu));
        return -1;
    }
    return 0;
}
