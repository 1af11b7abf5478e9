/* The kernel's private state: the process, its thread, its handles. */
#ifndef NTMM_KI_H
#define NTMM_KI_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/emu.h"
#include "ex/handle.h"
#include "ex/ntstatus.h"
#include "ke/ke.h"
#include "ke/ntx86.h"
#include "mm/mm.h"

typedef struct KPROCESS {
    EMU *Emu;
    MMPROCESS *Mm;
    EX_HANDLE_TABLE Handles;
    uint32_t UniqueProcessId;
    uint32_t UniqueThreadId;
    uint32_t PebVa;
    uint32_t TebVa;
    uint32_t ImageBase;
    uint32_t KiUserExceptionDispatcher;  /* in ntdll */
    uint32_t RtlUserThreadStart;
    bool Terminated;
    int32_t ExitStatus;
    bool TraceExceptions;
    bool TraceFaults;
    uint64_t PageFaults;
    bool RegistersReplaced;  /* a service set the whole context (NtContinue…) */
    uint64_t SystemCalls;
    uint64_t ExceptionsDispatched;
    uint64_t ClockSkew100ns;     /* time skipped by NtDelayExecution */
    char InternalError[256];
} KPROCESS;

/* trap.c: every trap from emu. */
void KiTrapDispatch(void *context, const EMU_TRAP *trap);

/* except.c */
void KiDispatchException(KPROCESS *process, EXCEPTION_RECORD32 *record,
                         const EMU_REGISTERS *regs, bool first_chance);
void KiRaiseStatus(KPROCESS *process, uint32_t code, uint32_t address, uint32_t nparams,
                   const uint32_t *params, const EMU_REGISTERS *regs);
void KiTerminateProcess(KPROCESS *process, int32_t status);
void KiContextToRegisters(const CONTEXT32 *context, EMU_REGISTERS *regs);
void KiRegistersToContext(const EMU_REGISTERS *regs, CONTEXT32 *context);

/* syscall.c */
void KiSystemService(KPROCESS *process, EMU_REGISTERS *regs);
/* The services, one per line of systable.h (syscall.c, section.c). */
#define SYSCALL(name, argc) NTSTATUS Ki##name(KPROCESS *process, const uint32_t *args);
#include "ke/systable.h"
#undef SYSCALL
/* A ProcessHandle argument: the current process (-1) for now. */
NTSTATUS KiReferenceProcess(KPROCESS *process, uint32_t handle, MMPROCESS **out);

/* loader.c and procinit.c */
KE_FAILURE KiLoadProgram(KPROCESS *process, const KE_OPTIONS *options, const char *path,
                         uint32_t *entry, char *why, size_t whylen);
NTSTATUS KiCreateProcessEnvironment(KPROCESS *process, const KE_OPTIONS *options,
                                    const char *path, EMU_REGISTERS *initial, uint32_t entry,
                                    char *why, size_t whylen);
void KiUpdateSharedUserData(KPROCESS *process);

/* clock.c: guest time is derived from instructions executed (1 ns each)
 * plus whatever NtDelayExecution skipped, so runs are deterministic. */
uint64_t KiGuestTime100ns(KPROCESS *process);
void KiAdvanceClock(KPROCESS *process, uint64_t interval_100ns);

#endif
