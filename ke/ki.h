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

typedef enum KI_PROCESS_STATE {
    KiReady = 0,          /* runnable (or running: KiSystem.Current) */
    KiWaiting,            /* in NtWaitForSingleObject */
    KiDead,               /* terminated; the object lives while handles do */
} KI_PROCESS_STATE;

struct KI_LOADED_MODULES;

typedef struct KPROCESS {
    EX_OBJECT Header;     /* a process object: handles name it */
    struct KPROCESS *Next;                 /* KiSystem.Processes */
    KI_PROCESS_STATE State;
    EMU_THREAD_STATE *Thread;              /* the one thread, when not running */
    bool Started;
    EMU_REGISTERS Initial;                 /* where the thread starts */
    struct KPROCESS *WaitingFor;           /* KiWaiting: the process waited on */
    uint64_t WaitDeadline100ns;            /* guest time; 0: forever */
    struct KI_LOADED_MODULES *Modules;
    KE_OPTIONS Options;                    /* its command line and environment */
    uint64_t Instructions;                 /* executed by this process */
    uint32_t PeakCommit, PeakResident;     /* kept after its address space goes */
    EMU *Emu;
    MMPROCESS *Mm;
    EX_HANDLE_TABLE Handles;
    uint32_t UniqueProcessId;
    uint32_t UniqueThreadId;
    uint32_t ParentProcessId;
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
    char InternalError[256];
} KPROCESS;

/* The machine: one CPU, its processes, the scheduler's state. */
typedef struct KI_SYSTEM {
    EMU *Emu;
    const KE_OPTIONS *Options;
    KPROCESS *Processes;          /* every process, in creation order */
    KPROCESS *Current;            /* the one on the CPU */
    uint32_t NextProcessId;
    uint64_t ClockSkew100ns;      /* guest time skipped by waits and sleeps */
    uint64_t ContextSwitches;
    struct IO_VOLUME *Volume;     /* C:, the --root directory (iosvc.c) */
} KI_SYSTEM;

extern KI_SYSTEM KiSystem;

/* process.c */
/* Loads the program into a new process, ready to run. */
KE_FAILURE KiCreateProcess(const KE_OPTIONS *options, const char *path, KPROCESS **out,
                           char *why, size_t whylen);
/* RtlCloneUserProcess: a copy of the running process (fork). */
NTSTATUS KiCloneProcess(KPROCESS *parent, KPROCESS **out);
/* A terminated process's memory, handles and thread go; waiters wake. */
void KiDeleteProcessResources(KPROCESS *process);

/* sched.c: runs every process until all have ended. */
KE_FAILURE KiRunProcesses(char *why, size_t whylen);
/* The current thread waits for the process (deadline 0: forever). */
void KiWaitForProcess(KPROCESS *process, KPROCESS *target, uint64_t deadline100ns);

/* trap.c: every trap from emu. */
void KiTrapDispatch(void *context, const EMU_TRAP *trap);

/* except.c */
void KiDispatchException(KPROCESS *process, EXCEPTION_RECORD32 *record,
                         const EMU_REGISTERS *regs, bool first_chance);
void KiRaiseStatus(KPROCESS *process, uint32_t code, uint32_t address, uint32_t nparams,
                   const uint32_t *params, const EMU_REGISTERS *regs);
void KiTerminateProcess(KPROCESS *process, int32_t status);
void KiContextToRegisters(const CONTEXT32 *context, EMU_REGISTERS *regs);
void KiRegistersToContext(const EMU_REGISTERS *regs, const EMU_SEGMENTS *segments,
                          CONTEXT32 *context);
void KiContextToSegments(KPROCESS *process, const CONTEXT32 *context);

/* syscall.c */
void KiSystemService(KPROCESS *process, EMU_REGISTERS *regs);
/* The services, one per line of systable.h (syscall.c, section.c). */
#define SYSCALL(name, argc) NTSTATUS Ki##name(KPROCESS *process, const uint32_t *args);
#include "ke/systable.h"
#undef SYSCALL
/* A ProcessHandle argument: -1 (the caller) or a handle to a process. */
NTSTATUS KiReferenceProcess(KPROCESS *process, uint32_t handle, MMPROCESS **out);
/* A UNICODE_STRING in user memory, as UTF-8 in a buffer of max bytes. */
#define KI_NAME_MAX 1024
NTSTATUS KiCaptureUnicodeString(KPROCESS *process, uint32_t string_va, char *name, size_t max);
/* The process object itself, with a reference the caller drops. */
NTSTATUS KiReferenceProcessObject(KPROCESS *process, uint32_t handle, KPROCESS **out);

/* loader.c and procinit.c */
KE_FAILURE KiLoadProgram(KPROCESS *process, const KE_OPTIONS *options, const char *path,
                         uint32_t *entry, char *why, size_t whylen);
void KiUnloadModules(KPROCESS *process);
/* The image sections every process shares (loader.c). */
MMSECTION *KiFindImageSection(const char *path, uint32_t base, const uint8_t *bytes,
                              uint32_t size);
void KiRememberImageSection(const char *path, uint32_t base, const uint8_t *bytes,
                            uint32_t size, MMSECTION *section);
void KiForgetImageSections(void);
NTSTATUS KiCreateProcessEnvironment(KPROCESS *process, const KE_OPTIONS *options,
                                    const char *path, EMU_REGISTERS *initial, uint32_t entry,
                                    char *why, size_t whylen);
void KiUpdateSharedUserData(KPROCESS *process);

/* iosvc.c: the volume the run's processes see as C: (KE_OPTIONS.RootDirectory). */
bool KiMountVolume(const KE_OPTIONS *options, char *why, size_t whylen);
void KiDismountVolume(void);

/* clock.c: guest time is derived from instructions executed (1 ns each)
 * plus whatever NtDelayExecution skipped, so runs are deterministic. */
uint64_t KiGuestTime100ns(KPROCESS *process);
void KiAdvanceClock(KPROCESS *process, uint64_t interval_100ns);

#endif
