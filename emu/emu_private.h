/* emu/'s own state; nothing outside emu/ includes this. */
#ifndef NTMM_EMU_PRIVATE_H
#define NTMM_EMU_PRIVATE_H

#include <signal.h>
#include <stdbool.h>
#include <unicorn/unicorn.h>

#include "emu/emu.h"

/* Entries in each of the two block tables, Blocks and Victims (a power of
 * two, at least 2^14; 8 bytes each and a 4-byte hash beside; host memory
 * only where used until the epochs wrap, every 127 address-space switches,
 * and the tables are cleared). Big programs run tens of thousands of
 * blocks: with 4096 the SQLite shell's blocks kept taking each other's
 * slots, and each loss costs the slow path. */
#define EMU_BLOCK_CACHE 65536u
#define EMU_SELFTEST_FRAMES 8u  /* frames 1-8 */

/* A translated block, by address, in one 64-bit word so that the hot path
 * makes one load (codecache.c): bits 0-9 its instruction count (a TB holds
 * at most 512), 10-41 its address XOR its byte size (a TB ends before it
 * would reach into a third page: < 2^13), 56-62 the table's epoch
 * (EmuForgetBlocks starts a new one rather than clearing the table), 63 set
 * if watched (so the hot path's compare never matches). The hash of its
 * bytes when translated is kept beside it, in BlockHashes. */
typedef uint64_t EMU_BLOCK_INFO;

/* The quantum's deadline is looked at every this many instructions at least:
 * the interrupt flag (EmuSetInterruptFlag) is read then, not per block. */
#define EMU_POLL_INSTRUCTIONS (1u << 22)

/* uc_ctl_request_cache's macro shifts 3 into the sign bit of an int
 * (undefined behaviour in C): the same control word, built unsigned. */
#define EMU_CTL_REQUEST_CACHE \
    ((uc_control_type)(UC_CTL_TB_REQUEST_CACHE | (2u << 26) | (3u << 30)))

struct EMU {
    uc_engine *Uc;
    uint8_t *Ram;
    uint64_t RamBytes;
    uint32_t Frames;
    uint32_t BackedFrom, BackedTo;   /* frames backed by the last batch */
    EMU_TRAP_ROUTINE Routine;
    void *Context;
    uint32_t TebBase;
    volatile int StopRequested;
    int Running;
    int StubFailed;
    EMU_TRAP StubTrap;
    /* Counting (codecache.c): the block hook subtracts each block's count
     * from Left; when Left reaches 0, the instructions counted since it was
     * Armed are added to Instructions and the deadline is looked at. */
    int64_t Left;
    int64_t Armed;             /* what Left was set to */
    uint64_t Instructions;     /* counted up to the time Left was Armed */
    uint64_t Deadline;         /* stop when the count reaches it (UINT64_MAX: never) */
    int QuantumExpired;
    volatile sig_atomic_t *Interrupt; /* EmuSetInterruptFlag: stop while it is set */
    volatile sig_atomic_t NoInterrupt; /* what Interrupt points to without a flag: 0 */
    EMU_TICK_ROUTINE TickRoutine;      /* EmuSetTickRoutine's: at each look */
    void *TickContext;

    /* cpustate.c: the CPU's exception state, through a saved uc_context. */
    uc_context *Saved;
    uc_context *PowerOn;       /* the CPU as created: CPL 0, flat segments */
    uint32_t Cr3;
    size_t ErrorCodeOffset;
    size_t OldExceptionOffset;
    size_t ExceptionIsIntOffset;
    size_t DataOffset;
    size_t DataSize;
    uint8_t *LiveState;        /* the CPU's own state, if found (cpustate.c) */
    bool LiveRegisters;        /* its general registers read where expected */

    /* codecache.c: which frames translated code came from, which frames
     * some PTE maps writable (one bit each), the identity map's root. */
    uint8_t *CodeFrames;
    uint8_t *WritableFrames;
    uint32_t IdentityRoot;
    uint64_t CodeInvalidations;
    uint64_t StaleBlocks;
    /* iocheck.c: I/O instructions found in user code, each hooked. */
    uint32_t *IoSites;
    uint32_t IoSiteCount;
    uint32_t IoSiteCapacity;
    uint64_t BlockEpoch;       /* the current epoch, in an entry's bits 56-62 */
    EMU_BLOCK_INFO Blocks[EMU_BLOCK_CACHE];       /* by address: the hot path's */
    uint32_t BlockHashes[EMU_BLOCK_CACHE];
    EMU_BLOCK_INFO Victims[EMU_BLOCK_CACHE];      /* by a hash: what Blocks lost */
    uint32_t VictimHashes[EMU_BLOCK_CACHE];
    /* tcgbuffer.c: flushing once before Unicorn's code buffer first fills. */
    uint8_t *CodeBufferProbe;  /* the page in its middle (NULL: not watched,
                                  or flushed once: Unicorn handles later fills) */
    uint32_t BlocksSinceProbe;
    int FlushWanted;           /* the next block stops for the flush */
    int FlushStop;             /* the CPU stopped for it */
    uint32_t StoppedBlockCount; /* the count of the block it stopped at */
    uint64_t VictimHits;       /* blocks found in Victims (EmuCodeStatistics) */
    uint64_t BlockMisses;      /* blocks found in neither table */
    /* debug.c: the debugger's hooks (EmuSetDebugHooks). */
    EMU_DEBUG_ROUTINE DebugRoutine;
    void *DebugContext;
    uc_hook DebugHooks[EMU_DEBUG_MAX_RANGES + 1];
    uint32_t DebugHookCount;
};

/* The size to give Unicorn's translated-code buffer: 32 MiB (1 GiB is its
 * default, far more than a program needs — the corpus's use 4-8 MiB — and
 * costly to set up), or what NTMM_CODE_BUFFER_MIB says (tests use a small
 * one to fill it quickly). */
size_t EmuCodeBufferBytes(void);
int EmuCodeCacheInit(EMU *emu);
/* tcgbuffer.c: find Unicorn's code buffer of `size` bytes and watch it
 * (or, not found, flush at once); note each new block; flush at the stop. */
void EmuCodeBufferInit(EMU *emu, size_t size);
void EmuCodeBufferNoteBlock(EMU *emu);
void EmuCodeBufferFlush(EMU *emu);
/* Instructions counted so far, exactly (the blocks started); EmuArmCount
 * after changing Instructions or Deadline, and as a run starts. */
uint64_t EmuCountNow(EMU *emu);
void EmuArmCount(EMU *emu);
void EmuCodeCacheFree(EMU *emu);
void EmuBuildIdentityMap(EMU *emu);
void EmuForgetBlocks(EMU *emu);
/* Drops every translation made from frames [pfn, pfn + count). */
void EmuRemoveCodeInFrames(EMU *emu, uint32_t pfn, uint32_t count);
void EmuOnBlock(uc_engine *uc, uint64_t address, uint32_t size, void *user);
void EmuOnTranslation(uc_engine *uc, uc_tb *cur, uc_tb *prev, void *user);
/* Copies len bytes of user code at va through the current page tables. */
bool EmuReadCode(EMU *emu, uint32_t va, uint8_t *out, uint32_t len);
/* A new block's bytes: hooks each I/O instruction in it not hooked yet;
 * true if it did (the block must be translated again). */
bool EmuFindIoInstructions(EMU *emu, const uint8_t *bytes, uint32_t address, uint32_t size,
                           uint32_t icount);

int EmuCpuStateInit(EMU *emu, char *why, size_t whylen);
void EmuCpuStateFree(EMU *emu);
/* Reads the error code of the exception being delivered and clears the
 * CPU's "exception in flight" so the next fault is not taken as a #DF. */
void EmuCpuTakeException(EMU *emu, uint32_t *error_code, int *software_interrupt);
/* Drops the bits a stale cmpxchg8b left in the lazy flags (cpustate.c);
 * EmuCpuTakeException does it too. */
void EmuCpuScrubFlags(EMU *emu);

int EmuCpuOldException(EMU *emu);
/* The interrupted context's registers from the CPU's live state, if it was
 * found and checked; false: read them through the API. */
bool EmuCpuReadRegisters(EMU *emu, EMU_REGISTERS *regs);

/* A saved thread's Unicorn context (debug.c reads its registers). */
uc_context *EmuThreadStateContext(EMU_THREAD_STATE *state);

int EmuSelfTest(EMU *emu, char *why, size_t whylen);
/* Grows Unicorn's ring-3 TLB to 2,048 entries (tlbsize.c); after the self-test. */
void EmuSizeTlb(EMU *emu);

#endif
