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
    KiReady = 0,          /* runnable (or running: System->Current) */
    KiWaiting,            /* in NtWaitForSingleObject */
    KiDead,               /* terminated; the object lives while handles do */
} KI_PROCESS_STATE;

typedef struct KPROCESS KPROCESS;

struct KI_LOADED_MODULES;

typedef struct KPROCESS {
    EX_OBJECT Header;     /* a process object: handles name it */
    KSYSTEM *System;                       /* the machine it runs on */
    struct KPROCESS *Next;                 /* System->Processes */
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
    EXCEPTION_RECORD32 LastException;      /* the last one dispatched (diagnose.c) */
    bool HaveLastException;
    char InternalError[256];
} KPROCESS;

/*
 * Image sections are shared between processes, as NT shares an image's
 * section: a module loaded again at the same base with the same bytes
 * (the same file, relocated and bound alike) maps the section that is
 * already there, so its code frames are in memory once (loader.c).
 */
typedef struct KI_IMAGE {
    char Path[1024];
    uint32_t Base, Size;
    uint8_t *Bytes;            /* the laid-out image, to compare with */
    MMSECTION *Section;        /* the cache's reference */
} KI_IMAGE;

#define KI_MAX_IMAGES 64

/*
 * The machine: one CPU, its memory, its processes and everything they
 * share. NT has no one object for this (its state is the kernel's globals:
 * the processor block, PsActiveProcessHead, the object root directory, the
 * PFN database); KSYSTEM gathers them so that a machine is a value that
 * can be created twice in one host process. The name follows KPROCESS and
 * KTHREAD: the kernel's object for the system as a whole. KeCreateSystem
 * makes one; it owns what it points to and KeDestroySystem frees it all.
 * Services reach it as process->System; mm's part is System->Mm.
 */
struct KSYSTEM {
    const KE_OPTIONS *Options;    /* the caller's, for as long as the machine lives */
    EMU *Emu;                     /* the CPU and guest-physical memory */
    MMSYSTEM *Mm;                 /* mm's state: PFN database, commit, the paging file */
    KPROCESS *Processes;          /* every process, in creation order (one reference) */
    KPROCESS *Current;            /* the one on the CPU */
    uint32_t NextProcessId;
    uint64_t ClockSkew100ns;      /* guest time skipped by waits and sleeps */
    uint64_t ContextSwitches;
    EX_OBJECT_DIRECTORY Namespace; /* \BaseNamedObjects */
    KI_IMAGE Images[KI_MAX_IMAGES]; /* the image-section cache */
    uint32_t ImageCount;
    KPROCESS *First;              /* the program's process (KeRunSystem) */
    bool CommitLimitReported;     /* said once on stderr (diagnose.c) */
    struct IO_VOLUME *Volume;     /* C:, the --root directory (iosvc.c) */
    const char *StopReason;       /* limits.c: why the run was stopped (KE_RESULT.Reason) */
    int StopSignal;               /* and the signal, if one did */
};

/* process.c */
/* Loads the program into a new process, ready to run. */
KE_FAILURE KiCreateProcess(KSYSTEM *system, const KE_OPTIONS *options, const char *path,
                           KPROCESS **out, char *why, size_t whylen);
/* RtlCloneUserProcess: a copy of the running process (fork). */
NTSTATUS KiCloneProcess(KPROCESS *parent, KPROCESS **out);
/* A terminated process's memory, handles and thread go; waiters wake. */
void KiDeleteProcessResources(KPROCESS *process);

/* sched.c: runs every process until all have ended. */
KE_FAILURE KiRunProcesses(KSYSTEM *system, char *why, size_t whylen);

/* limits.c: --timeout, --max-instructions, SIGINT and SIGTERM. */
uint64_t KiLimitQuantum(KSYSTEM *system, uint64_t quantum); /* clipped to the limit */
KE_FAILURE KiCheckLimits(KSYSTEM *system, char *why, size_t whylen); /* KeStopped, once */
/* The current thread waits for the process (deadline 0: forever). */
void KiWaitForProcess(KPROCESS *process, KPROCESS *target, uint64_t deadline100ns);

/* trap.c: every trap from emu; context is the KSYSTEM whose CPU trapped. */
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

/* diagnose.c: what stderr says about a process. */
const char *KiDescribeAddress(KPROCESS *process, uint32_t va, char *buffer, size_t size);
const char *KiRegionKind(KPROCESS *process, uint32_t va); /* image, mapped, private, free */
void KiNoteException(KPROCESS *process, const EXCEPTION_RECORD32 *record);
void KiReportUnhandledException(KPROCESS *process);
void KiCheckCommitLimit(KPROCESS *process);
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
/* wssvc.c: NtQueryInformationProcess's memory classes. */
bool KiIsProcessMemoryClass(uint32_t class);
NTSTATUS KiQueryProcessMemoryInformation(KPROCESS *process, KPROCESS *target, const uint32_t *a);
NTSTATUS KiReferenceProcessObject(KPROCESS *process, uint32_t handle, KPROCESS **out);

/* loader.c and procinit.c */
KE_FAILURE KiLoadProgram(KPROCESS *process, const KE_OPTIONS *options, const char *path,
                         uint32_t *entry, char *why, size_t whylen);
void KiUnloadModules(KPROCESS *process);
/* The image sections every process shares (loader.c). */
MMSECTION *KiFindImageSection(KSYSTEM *system, const char *path, uint32_t base,
                              const uint8_t *bytes, uint32_t size);
void KiRememberImageSection(KSYSTEM *system, const char *path, uint32_t base,
                            const uint8_t *bytes, uint32_t size, MMSECTION *section);
void KiForgetImageSections(KSYSTEM *system);
NTSTATUS KiCreateProcessEnvironment(KPROCESS *process, const KE_OPTIONS *options,
                                    const char *path, EMU_REGISTERS *initial, uint32_t entry,
                                    char *why, size_t whylen);
void KiUpdateSharedUserData(KPROCESS *process);

/* iosvc.c: the volume the run's processes see as C: (KE_OPTIONS.RootDirectory). */
bool KiMountVolume(KSYSTEM *system, const KE_OPTIONS *options, char *why, size_t whylen);
void KiDismountVolume(KSYSTEM *system);

/* clock.c: guest time is derived from instructions executed (1 ns each)
 * plus whatever NtDelayExecution skipped, so runs are deterministic. */
uint64_t KiGuestTime100ns(KPROCESS *process);
void KiAdvanceClock(KPROCESS *process, uint64_t interval_100ns);

#endif
