/* The kernel debugger's hooks into ke (kd.c), called where the machine
 * can stop; each does nothing when no debugger is attached. */
#ifndef NTMM_KDP_H
#define NTMM_KDP_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/emu.h"
#include "ke/ntx86.h"

typedef struct KD_STATE KD_STATE;
struct KSYSTEM;
struct KPROCESS;
struct KTHREAD;

/* With the machine (KE_OPTIONS.Debugger); false if out of memory. */
bool KdInitialize(struct KSYSTEM *system);
void KdShutdown(struct KSYSTEM *system);
/* Between quanta: the first stop (--gdb-wait) and break-ins. */
void KdPoll(struct KSYSTEM *system, struct KTHREAD *last);
/* A hook stopped the CPU for the debugger: serve it with thread on the CPU. */
bool KdStopPending(struct KSYSTEM *system);
/* True if the thread goes on at the instruction a hook stopped it before
 * (EmuContinue's counted). */
bool KdStopped(struct KSYSTEM *system, struct KTHREAD *thread);
void KdCancelStop(struct KSYSTEM *system);
/* A first-chance exception: true if it is held for the debugger (the
 * dispatch happens when the debugger resumes). */
bool KdException(struct KPROCESS *process, const EXCEPTION_RECORD32 *record,
                 const EMU_REGISTERS *regs);
void KdNoteTrap(struct KSYSTEM *system, uint32_t vector);
/* Every process ended. */
void KdRunEnded(struct KSYSTEM *system);

#endif
