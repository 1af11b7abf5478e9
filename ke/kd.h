/*
 * The kernel debugger (NT's Kd): what a debugger attached to the machine
 * sees and does. ke stops the machine at a breakpoint, a watchpoint, a
 * single step, a first-chance exception (before the program's handlers
 * run), a break-in and the end of the run, and hands it to the debugger's
 * Stopped routine, which may read and change registers and memory, set
 * breakpoints and look at the memory manager's views, then says how to go
 * on. tools/gdbstub.c serves this to gdb.
 */
#ifndef NTMM_KD_H
#define NTMM_KD_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/emu.h"
#include "ke/ke.h"
#include "mm/mm.h"

typedef enum KD_STOP_REASON {
    KdStopStart,        /* before the program's first instruction (KD_DEBUGGER.StopAtStart) */
    KdStopBreakIn,      /* the debugger asked (gdb's Ctrl-C, or it attached) */
    KdStopBreakpoint,
    KdStopStep,
    KdStopWatch,
    KdStopException,    /* first chance: the handlers have not run */
    KdStopExit,         /* every process has ended: nothing more to resume */
} KD_STOP_REASON;

typedef struct KD_STOP {
    KD_STOP_REASON Reason;
    uint32_t ProcessId, ThreadId;
    uint32_t Address;       /* the watched range's start; the exception's address */
    uint32_t WatchType;     /* 2 write, 3 read, 4 access (gdb's Z types) */
    uint32_t ExceptionCode;
    int32_t ExitStatus;     /* KdStopExit: the program's (the first process's) */
} KD_STOP;

typedef struct KD_RESUME {
    bool Step;              /* run one instruction of StepThread, then stop */
    uint32_t StepThread;
    bool PassException;     /* a stop on an exception: the program's handlers get it */
    bool Kill;              /* end the run now (as SIGTERM would) */
    bool Detach;            /* no more stops: the breakpoints go */
} KD_RESUME;

typedef struct KD_DEBUGGER {
    void *Context;
    bool StopAtStart;
    /* The machine is stopped: serve the debugger, fill resume. */
    void (*Stopped)(void *context, KSYSTEM *system, const KD_STOP *stop, KD_RESUME *resume);
    /* The caller's stop flag (KE_OPTIONS.StopSignal) was SIGIO, which ke
     * clears: has the debugger asked to break in (or just attached)? */
    bool (*BreakIn)(void *context);
} KD_DEBUGGER;

/* Inside Stopped. Thread and process ids are the client ids the program sees. */
typedef struct KD_THREAD_INFO {
    uint32_t ThreadId, ProcessId;
    const char *State;      /* "running", "ready", "waiting", "suspended", "not started" */
    char Image[64];         /* the process's program, without its directory */
} KD_THREAD_INFO;
uint32_t KdListThreads(KSYSTEM *system, KD_THREAD_INFO *threads, uint32_t max);
bool KdThreadExists(KSYSTEM *system, uint32_t thread_id);
uint32_t KdThreadProcessId(KSYSTEM *system, uint32_t thread_id);   /* 0: no such thread */
bool KdGetRegisters(KSYSTEM *system, uint32_t thread_id, EMU_DEBUG_REGISTERS *regs);
bool KdSetRegisters(KSYSTEM *system, uint32_t thread_id, const EMU_DEBUG_REGISTERS *regs);
MMPROCESS *KdProcessMm(KSYSTEM *system, uint32_t process_id);       /* NULL: none alive */
MMSYSTEM *KdSystemMm(KSYSTEM *system);
/* gdb's Z types: 0 software, 1 hardware breakpoint, 2 write, 3 read,
 * 4 access watchpoint. False if the table is full or the type unknown. */
bool KdInsertBreakpoint(KSYSTEM *system, uint32_t type, uint32_t address, uint32_t length);
bool KdRemoveBreakpoint(KSYSTEM *system, uint32_t type, uint32_t address, uint32_t length);
/* !process: each process (or the one), its threads, commit and working set. */
void KdDescribeProcesses(KSYSTEM *system, uint32_t process_id, MM_DEBUG_PRINT print,
                         void *context);

#endif
