/*
 * emu/ — the hardware: one x86 CPU in 32-bit protected mode with PAE paging
 * and NX, guest-physical RAM, the page-table root, the TLB and the delivery
 * of traps. This header is everything the layers above may know about the
 * machine; only emu/ includes unicorn.h.
 *
 * The CPU walks real PAE page tables that mm writes into guest-physical RAM
 * (Accessed and Dirty bits are set by the CPU, as on hardware). Every trap —
 * page fault, int 2Eh, divide error, invalid opcode, #GP — reaches the one
 * trap routine given to EmuCreate, on the host, without stopping the
 * emulator: the routine resolves the fault (then the instruction is retried)
 * or changes the registers (then execution resumes there).
 */
#ifndef NTMM_EMU_H
#define NTMM_EMU_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EMU_PAGE_SHIFT 12
#define EMU_PAGE_SIZE  4096u

/*
 * Guest-physical frames [0, EMU_RESERVED_FRAMES) belong to emu: frame 0 is
 * the system page (GDT and the ring-0 stub that enters user mode); 1-8 hold
 * the start-up self-test's page tables and code; 12-15 an identity map of
 * RAM (codecache.c). mm manages every other frame.
 */
#define EMU_RESERVED_FRAMES 16u
#define EMU_SYSTEM_FRAME    0u

/*
 * The system page must be mapped at this kernel address, supervisor-only,
 * in every address space: the CPU reads descriptors from the GDT through
 * paging whenever a segment register is loaded.
 */
#define EMU_SYSTEM_VA 0xFFC00000u

/* Selectors, as NT x86 lays out its GDT. */
#define EMU_SEL_KERNEL_CODE 0x08
#define EMU_SEL_KERNEL_DATA 0x10
#define EMU_SEL_USER_CODE   0x1B
#define EMU_SEL_USER_DATA   0x23
#define EMU_SEL_TEB         0x3B   /* fs: in user mode, base = the thread's TEB */

/* Page-table entry bits (PAE: 64-bit entries). */
#define EMU_PTE_PRESENT  (1ull << 0)
#define EMU_PTE_WRITE    (1ull << 1)
#define EMU_PTE_USER     (1ull << 2)
#define EMU_PTE_ACCESSED (1ull << 5)
#define EMU_PTE_DIRTY    (1ull << 6)
#define EMU_PTE_NX       (1ull << 63)
#define EMU_PTE_FRAME    0x000FFFFFFFFFF000ull

/* #PF error code bits, as the CPU pushes them. */
#define EMU_PF_PRESENT 0x01u   /* 0: the page was not present */
#define EMU_PF_WRITE   0x02u
#define EMU_PF_USER    0x04u
#define EMU_PF_RSVD    0x08u
#define EMU_PF_FETCH   0x10u   /* instruction fetch (NX) */

/* Trap vectors that reach the trap routine. */
#define EMU_TRAP_DIVIDE       0x00
#define EMU_TRAP_DEBUG        0x01
#define EMU_TRAP_BREAKPOINT   0x03
#define EMU_TRAP_OVERFLOW     0x04
#define EMU_TRAP_BOUND        0x05
#define EMU_TRAP_INVALID_OP   0x06
#define EMU_TRAP_NO_FPU       0x07
#define EMU_TRAP_DOUBLE_FAULT 0x08
#define EMU_TRAP_STACK        0x0C
#define EMU_TRAP_GP           0x0D
#define EMU_TRAP_PAGE_FAULT   0x0E
#define EMU_TRAP_FPU          0x10
#define EMU_TRAP_ALIGNMENT    0x11
#define EMU_TRAP_SIMD         0x13
#define EMU_TRAP_DEBUG_SERVICE 0x2D  /* int 2Dh */
#define EMU_TRAP_SYSTEM_CALL  0x2E

typedef struct EMU EMU;

typedef struct EMU_TRAP {
    uint32_t Vector;
    uint32_t ErrorCode;     /* #PF and #GP; 0 otherwise */
    uint32_t FaultAddress;  /* CR2, for #PF */
    /*
     * For faults (#PF, #DE, #UD, #GP…) the instruction that faulted; for
     * traps raised by an instruction (int n, int3, into) the one after it,
     * as the CPU would push.
     */
    uint32_t Eip;
    uint8_t SoftwareInterrupt;  /* raised by int n / int3 / into */
} EMU_TRAP;

typedef struct EMU_REGISTERS {
    uint32_t Eax, Ebx, Ecx, Edx, Esi, Edi, Ebp, Esp;
    uint32_t Eip, EFlags;
} EMU_REGISTERS;

typedef void (*EMU_TRAP_ROUTINE)(void *context, const EMU_TRAP *trap);

/*
 * Creates the machine with ram_bytes of guest-physical RAM (a multiple of
 * the page size, at least 1 MiB), checks the Unicorn version and runs the
 * self-test that proves every behaviour emu relies on. NULL on failure,
 * with the reason in why.
 */
EMU *EmuCreate(uint64_t ram_bytes, EMU_TRAP_ROUTINE routine, void *context,
               char *why, size_t whylen);
void EmuDestroy(EMU *emu);

/* Guest-physical RAM, as host memory. Frame n is at base + n * 4096. */
uint8_t *EmuPhysicalBase(EMU *emu);
uint32_t EmuPhysicalFrames(EMU *emu);

/*
 * Translated code. The CPU translates code once per block and keeps the
 * translation; emu makes sure none runs after its bytes changed (see
 * codecache.c for how Unicorn tracks code and where it does not):
 *
 *  - EmuNoteWritableFrame: a PTE maps this frame writable. Blocks
 *    translated from such a frame are checked against their bytes each
 *    time they start (a store through any mapping can change them).
 *  - EmuHostWriteFrame: the host is about to write into this frame (a
 *    system service writing user memory): its translations go.
 *  - EmuReuseFrame: no PTE maps the frame any more and the host will give
 *    it new contents (zeroing, a pagefile read, a copy): its translations
 *    go, and it is no longer writable anywhere.
 * All three cost a bit test when the frame holds no code.
 */
void EmuNoteWritableFrame(EMU *emu, uint32_t pfn);
void EmuHostWriteFrame(EMU *emu, uint32_t pfn);
void EmuReuseFrame(EMU *emu, uint32_t pfn);
/* Drops every translation there is. */
void EmuFlushTranslations(EMU *emu);

typedef struct EMU_CODE_STATISTICS {
    uint64_t FrameInvalidations;   /* frames whose translations were dropped */
    uint64_t StaleBlocks;          /* blocks found changed as they started */
    uint64_t VictimHits;           /* blocks whose slot another had taken, found again */
    uint64_t BlockMisses;          /* blocks found in neither table (looked up in Unicorn) */
} EMU_CODE_STATISTICS;
void EmuCodeStatistics(EMU *emu, EMU_CODE_STATISTICS *stats);

/*
 * Guest RAM is host memory only once used: an anonymous mapping that reads
 * as zero. mm calls this as it first takes a never-used frame; emu backs
 * frames ahead in batches of EMU_BACKING_BATCH (one madvise instead of a
 * host page fault per page, which costs microseconds on a virtual machine).
 */
#define EMU_BACKING_BATCH 256u
void EmuBackFrame(EMU *emu, uint32_t pfn);

/* CR3 (the PDPT's physical address, 32-byte aligned). Flushes the TLB. */
void EmuSetPageTableRoot(EMU *emu, uint32_t pdpt_pa);
/* Drops every cached translation; batch PTE changes, then flush once. */
void EmuFlushTlb(EMU *emu);

/* The user-mode fs: base (the current thread's TEB). */
void EmuSetTebBase(EMU *emu, uint32_t teb_va);
/* The GDT's descriptor for a selector (its RPL and TI bits ignored), as a
 * thread whose TEB is at teb_va sees it (fs:'s entry is per thread);
 * false past the GDT's limit. */
bool EmuGdtDescriptor(EMU *emu, unsigned selector, uint32_t teb_va, uint64_t *descriptor);

/*
 * Enters user mode (CPL 3) with these registers, and the x87 and SSE units
 * as NT starts a thread (control word 0x27F, MXCSR 0x1F80), and runs until EmuStop.
 * The current page tables must map EMU_SYSTEM_VA. Returns 0 when stopped
 * by EmuStop, -1 with a reason if the emulator itself failed.
 */
int EmuRun(EMU *emu, const EMU_REGISTERS *regs, char *why, size_t whylen);
void EmuStop(EMU *emu);
/*
 * A flag a signal handler may set (the host's timer, SIGINT): while it is
 * nonzero the CPU stops at the start of a translated block, as if EmuStop
 * were called there: the first block of a run if it was up as the run
 * started, the block after the next trap (fault, system call), or within 4M
 * instructions of its rising (the block hook reads it only when it looks at
 * the quantum's deadline, so that counting costs one compare a block). For
 * host-side limits that must end a guest spinning in a loop of its own.
 * NULL: none.
 */
void EmuSetInterruptFlag(EMU *emu, volatile sig_atomic_t *flag);

/*
 * The clock interrupt: routine(context) is called in the CPU's own thread
 * each time the block hook looks at the quantum's deadline, at least every
 * 4M instructions while the CPU runs, at the start of a block (no guest
 * instruction half done). It may write guest memory that holds no code
 * (the kernel's shared time page); it must not stop or resume the CPU.
 * A program that spins reading such a clock sees it move, as a Windows
 * program sees the clock interrupt's ticks. NULL: none.
 */
typedef void (*EMU_TICK_ROUTINE)(void *context);
void EmuSetTickRoutine(EMU *emu, EMU_TICK_ROUTINE routine, void *context);

/*
 * Threads on one CPU. A thread stopped in user mode (EmuRun or EmuResume
 * returned 0) is saved whole — general registers, x87/SSE, segments, CR3 —
 * and resumed later, after other threads ran: NT's context switch. Resuming
 * loads the thread's CR3, which flushes the TLB (the translations of the
 * thread that ran before must not survive). The self-test proves the
 * floating-point state and the address space come back.
 */
typedef struct EMU_THREAD_STATE EMU_THREAD_STATE;
EMU_THREAD_STATE *EmuAllocateThreadState(EMU *emu);
void EmuFreeThreadState(EMU_THREAD_STATE *state);
void EmuSaveThreadState(EMU *emu, EMU_THREAD_STATE *state);
int EmuResume(EMU *emu, EMU_THREAD_STATE *state, char *why, size_t whylen);
/* Goes on from where EmuStop left the CPU, with what is in it now (no
 * context restored, CR3 not reloaded: the TLB keeps its entries, so the
 * Accessed bits the working-set manager ages by see what they would have
 * without the stop). For a debugger's stop (ke/kd.c). counted: the CPU
 * stopped before this instruction inside a block it had counted whole,
 * so the rest of that block is not counted twice (the instruction count
 * is the guest's clock: a stop must not move it). */
int EmuContinue(EMU *emu, bool counted, char *why, size_t whylen);
/* The quantum: the CPU stops (as by EmuStop) once this many more
 * instructions have run, counted per translated block; 0 turns it off. */
void EmuSetQuantum(EMU *emu, uint64_t instructions);
/* A waiting thread's system call result, set before it resumes. */
void EmuSetThreadStateEax(EMU_THREAD_STATE *state, uint32_t eax);
/* A saved thread's registers (NtGetContextThread, a user APC's frame). */
void EmuGetThreadStateRegisters(EMU_THREAD_STATE *state, EMU_REGISTERS *regs);
void EmuSetThreadStateRegisters(EMU_THREAD_STATE *state, const EMU_REGISTERS *regs);
/* The page-table root a saved thread resumes with (a cloned thread's). */
void EmuSetThreadStatePageTableRoot(EMU_THREAD_STATE *state, uint32_t pdpt_pa);
/* Whether the last stop was the quantum's. */
bool EmuQuantumExpired(EMU *emu);

/* Registers of the interrupted context, inside the trap routine. */
void EmuGetRegisters(EMU *emu, EMU_REGISTERS *regs);
void EmuSetRegisters(EMU *emu, const EMU_REGISTERS *regs);
/* The data segment registers of the interrupted context. */
typedef struct EMU_SEGMENTS {
    uint16_t Ds, Es, Fs, Gs;
} EMU_SEGMENTS;
void EmuGetSegments(EMU *emu, EMU_SEGMENTS *segments);
/* Loads them as ring-3 code may (RPL forced to 3); a selector the CPU
 * would refuse there (no such descriptor, ring-0 data) loads as null. */
void EmuSetUserSegments(EMU *emu, const EMU_SEGMENTS *segments);
/* Only EAX (a system call's status): leaves EIP alone, which keeps the
 * CPU in its execution loop. */
void EmuSetEax(EMU *emu, uint32_t eax);

/* Instructions executed in user mode so far, counted per translated block
 * (a block cut short by a fault counts whole): deterministic, and exact for
 * code that does not fault. */
uint64_t EmuInstructionCount(EMU *emu);

/* Unicorn's version as text ("2.1.1"): a value, so no buffer is shared. */
typedef struct EMU_VERSION {
    char Text[16];
} EMU_VERSION;
EMU_VERSION EmuVersion(void);

/*
 * The debugger (ke/kd.c, for gdb). Nothing here costs anything until it
 * is used: no hook is in the CPU while no breakpoint, watchpoint or
 * single step asks for one, so the hot path is the same as without.
 *
 * EmuSetDebugHooks replaces the debug hooks: the routine is called before
 * each instruction at an EMU_DEBUG_EXECUTE range's address (before every
 * instruction if every_instruction), and on each data access of the
 * guest's code that overlaps an EMU_DEBUG_READ or EMU_DEBUG_WRITE range
 * of guest-PHYSICAL addresses (Size 0: every access), with the physical
 * address (not the host's own accesses for system services). The routine may call
 * EmuStop: from an execute hook the CPU stops before that instruction
 * runs. Translations are dropped, so the hooks apply to code translated
 * before. Call with the CPU stopped; -1 if Unicorn refused a hook.
 */
#define EMU_DEBUG_EXECUTE 0u
#define EMU_DEBUG_WRITE   1u
#define EMU_DEBUG_READ    2u
#define EMU_DEBUG_MAX_RANGES 64u
typedef struct EMU_DEBUG_RANGE {
    uint32_t Kind;             /* EMU_DEBUG_* */
    uint32_t Address, Size;    /* Size 1 for an execute range */
} EMU_DEBUG_RANGE;
typedef void (*EMU_DEBUG_ROUTINE)(void *context, uint32_t kind, uint32_t address, uint32_t size);
int EmuSetDebugHooks(EMU *emu, const EMU_DEBUG_RANGE *ranges, uint32_t count,
                     bool every_instruction, EMU_DEBUG_ROUTINE routine, void *context);

/* Every register gdb's i386 target has, in its order (eax ecx edx ebx esp
 * ebp esi edi eip eflags cs ss ds es fs gs, then the x87 unit's), of the
 * CPU (state NULL, with the CPU stopped) or of a saved thread. Setting
 * changes the general registers, EFLAGS (as user mode may) and the x87
 * unit; segment registers stay what they are. */
typedef struct EMU_DEBUG_REGISTERS {
    uint32_t R[16];
    uint8_t St[8][10];         /* ST(0)..ST(7), 80-bit */
    uint32_t Fctrl, Fstat, Ftag, Fiseg, Fioff, Foseg, Fooff, Fop;
} EMU_DEBUG_REGISTERS;
void EmuGetDebugRegisters(EMU *emu, EMU_THREAD_STATE *state, EMU_DEBUG_REGISTERS *regs);
void EmuSetDebugRegisters(EMU *emu, EMU_THREAD_STATE *state, const EMU_DEBUG_REGISTERS *regs);

#endif
