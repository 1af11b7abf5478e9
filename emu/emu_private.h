/* emu/'s own state; nothing outside emu/ includes this. */
#ifndef NTMM_EMU_PRIVATE_H
#define NTMM_EMU_PRIVATE_H

#include <signal.h>
#include <stdbool.h>
#include <unicorn/unicorn.h>

#include "emu/emu.h"

#define EMU_BLOCK_CACHE 4096u   /* power of two */

typedef struct EMU_BLOCK_INFO {
    uint64_t Address;
    uint32_t Size;
    uint16_t Count;
    uint16_t Valid;
} EMU_BLOCK_INFO;

struct EMU {
    uc_engine *Uc;
    uint8_t *Ram;
    uint64_t RamBytes;
    uint32_t Frames;
    EMU_TRAP_ROUTINE Routine;
    void *Context;
    uint32_t TebBase;
    volatile int StopRequested;
    int Running;
    int StubFailed;
    EMU_TRAP StubTrap;
    uint64_t Instructions;
    uint64_t Deadline;         /* stop when Instructions reaches it (0: never) */
    int QuantumExpired;
    volatile sig_atomic_t *Interrupt; /* EmuSetInterruptFlag: stop while it is set */

    /* cpustate.c: the CPU's exception state, through a saved uc_context. */
    uc_context *Saved;
    uc_context *PowerOn;       /* the CPU as created: CPL 0, flat segments */
    uint32_t Cr3;
    size_t ErrorCodeOffset;
    size_t OldExceptionOffset;
    size_t ExceptionIsIntOffset;
    size_t DataOffset;
    size_t DataSize;

    EMU_BLOCK_INFO Blocks[EMU_BLOCK_CACHE];
};

int EmuCpuStateInit(EMU *emu, char *why, size_t whylen);
void EmuCpuStateFree(EMU *emu);
/* Reads the error code of the exception being delivered and clears the
 * CPU's "exception in flight" so the next fault is not taken as a #DF. */
void EmuCpuTakeException(EMU *emu, uint32_t *error_code, int *software_interrupt);

int EmuCpuOldException(EMU *emu);

int EmuSelfTest(EMU *emu, char *why, size_t whylen);

#endif
