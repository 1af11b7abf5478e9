/* The kernel's private state: the process, its thread, its handles. */
#ifndef NTMM_KI_H
#define NTMM_KI_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/emu.h"
#include "ex/handle.h"
#include "ex/ntstatus.h"
#include "ke/kdp.h"
#include "ke/ke.h"
#include "ke/ntx86.h"
#include "mm/mm.h"

typedef enum KI_PROCESS_STATE {
    KiReady = 0,          /* runnable (a thread: or running, System->CurrentThread) */
    KiWaiting,            /* a thread in a wait (NtWaitFor*, NtDelayExecution) */
    KiDead,               /* terminated; the object lives while handles do */
} KI_PROCESS_STATE;

typedef struct KPROCESS KPROCESS;
typedef struct KTHREAD KTHREAD;

struct KI_LOADED_MODULES;

typedef struct KPROCESS {
    EX_OBJECT Header;     /* a process object: handles name it; signaled when dead */
    KSYSTEM *System;                       /* the machine it runs on */
    struct KPROCESS *Next;                 /* System->Processes */
    KI_PROCESS_STATE State;                /* KiReady (alive) or KiDead */
    KTHREAD *Threads;                      /* its threads, in creation order */
    uint32_t ActiveThreads;                /* not yet ended */
    struct KI_LOADED_MODULES *Modules;
    KE_OPTIONS Options;                    /* its command line and environment */
    uint64_t Instructions;                 /* executed by this process */
    uint64_t IoCounters[6];                /* IO_COUNTERS (iocount.c) */
    uint32_t PeakCommit, PeakResident;     /* kept after its address space goes */
    EMU *Emu;
    MMPROCESS *Mm;
    EX_HANDLE_TABLE Handles;
    uint32_t UniqueProcessId;
    uint32_t UniqueThreadId;               /* its first thread's */
    uint32_t ParentProcessId;
    uint32_t PebVa;
    uint32_t TebVa;                        /* its first thread's TEB */
    uint32_t ImageBase;
    uint32_t ExecuteOptions;               /* MEM_EXECUTE_OPTION_* (execopt.c) */
    uint8_t PriorityClass;                 /* PROCESS_PRIORITY_CLASS_*, 0: normal (prioclass.c) */
    struct KJOB *Job;                      /* the job it is in, referenced, or NULL (job.c) */
    struct KI_CONSOLE *Console;            /* the console it is attached to, referenced, or NULL (console.c) */
    struct KTOKEN *Token;                  /* its primary token, referenced, or NULL until asked for (token.c) */
    uint32_t KiUserExceptionDispatcher;  /* in ntdll */
    uint32_t KiUserApcDispatcher;        /* in ntdll (0: user APCs cannot run) */
    uint32_t RtlUserThreadStart;
    bool Terminated;                       /* ending: every thread goes */
    bool Exiting;                          /* NtTerminateProcess(NULL) ran: no new threads */
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
    uint64_t CreateTime100ns, ExitTime100ns; /* guest time (psinfo.c: GetProcessTimes) */
    uint32_t TimerResolution;              /* its NtSetTimerResolution request, 0: none (timeres.c) */
} KPROCESS;

/*
 * A thread (NT's KTHREAD and ETHREAD in one). Its user-mode state is the
 * saved CPU context while it is off the CPU; its TEB and stack live in its
 * process's address space. The object is signaled when the thread has
 * ended; it lives while the machine does (System->Threads holds a
 * reference), so its exit status can be asked for after it ended.
 */
#define KI_MAXIMUM_WAIT_OBJECTS 64

typedef struct KI_USER_APC {
    struct KI_USER_APC *Next;
    uint32_t Routine;                      /* NormalRoutine(Context, Arg1, Arg2) */
    uint32_t Argument[3];
} KI_USER_APC;

struct KMUTANT;

struct KTHREAD {
    EX_OBJECT Header;                      /* ExObjectThread */
    KPROCESS *Process;                     /* a reference */
    KTHREAD *NextInProcess;                /* Process->Threads */
    KTHREAD *NextInSystem;                 /* System->Threads, creation order */
    KI_PROCESS_STATE State;
    EMU_THREAD_STATE *Context;             /* its CPU state, when not running */
    bool Started;
    EMU_REGISTERS Initial;                 /* where it starts */
    uint32_t UniqueThreadId;
    uint32_t TebVa;
    uint32_t StackBase, DeallocationStack; /* its stack reservation (TEB's NtTib) */
    uint32_t StaticTlsVa;                  /* its static-TLS blocks, if the kernel made them */
    bool FreeStackOnTermination;           /* the kernel made its stack */
    bool Terminated;                       /* ended, or ending while on the CPU */
    int32_t ExitStatus;
    uint32_t SuspendCount;
    /* The wait it is in (State == KiWaiting): objects referenced. */
    EX_OBJECT *WaitObjects[KI_MAXIMUM_WAIT_OBJECTS];
    uint32_t WaitCount;
    bool WaitAll, Alertable, WaitIsDelay;
    uint64_t WaitDeadline100ns;            /* guest time; 0: forever */
    uint64_t WaitSequence;                 /* waiters are served first come, first served */
    KI_USER_APC *ApcHead, *ApcTail;        /* user APCs queued to it */
    struct KMUTANT *OwnedMutants;          /* abandoned if it ends holding them */
    uint64_t Instructions;
    /* The in-page read it waits for (a page fault's; inpage.c), referenced,
     * and the fault's address and access for STATUS_IN_PAGE_ERROR. */
    MMINPAGE_SUPPORT *InPage;
    uint32_t InPageVa, InPageAccess;
    uint64_t CreateTime100ns, ExitTime100ns; /* guest time (psinfo.c: GetThreadTimes) */
    int32_t BasePriority;                  /* relative to the process's: -2..2, or ±16 (saturated) */
    /* A service that waits to run again (npfs.c): EAX to restore when the
     * wait ends, what it waits for (KI_PIPE_WAIT_*), and what the first
     * run did: the bytes a pipe write had queued before it waited, that a
     * listen began, the name and deadline (guest time, 0: none) of a wait
     * for a pipe instance (FSCTL_PIPE_WAIT; the name freed when it ends). */
    bool RestartService;
    uint32_t RestartEax;
    uint8_t PipeWait;
    uint32_t PipeWritten;
    bool PipeListening;
    char *PipeWaitName;
    uint64_t PipeDeadline100ns;
    /* A mailslot read that waits (msfs.c): when it times out (guest time;
     * UINT64_MAX: never; 0: no read waits). */
    uint64_t MailslotDeadline100ns;
    uint32_t DebugRegisters[6];            /* Dr0-Dr3, Dr6, Dr7: kept, not armed (ctxextra.c) */
};

/* The dispatcher objects (NT's KEVENT, KSEMAPHORE, KMUTANT). */
typedef struct KEVENT {
    EX_OBJECT Header;                      /* ExObjectEvent */
    bool Synchronization;                  /* auto-reset: a wait resets it */
    bool Signaled;
} KEVENT;

typedef struct KSEMAPHORE {
    EX_OBJECT Header;                      /* ExObjectSemaphore */
    int32_t Count, Limit;
} KSEMAPHORE;

typedef struct KMUTANT {
    EX_OBJECT Header;                      /* ExObjectMutant */
    int32_t SignalState;                   /* 1 free; 0, -1, ... owned (recursion) */
    KTHREAD *Owner;
    bool Abandoned;                        /* its owner ended holding it */
    struct KMUTANT *NextOwned;             /* Owner->OwnedMutants */
} KMUTANT;


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
    KTHREAD *Threads;             /* every thread, in creation order (one reference) */
    KTHREAD *CurrentThread;       /* the one on the CPU */
    uint64_t SliceStart;          /* the instruction count when it got the CPU */
    uint64_t WaitSequence;        /* numbers waits as they begin */
    uint32_t NextProcessId;       /* client ids, process and thread alike (multiples of 4) */
    uint64_t ClockSkew100ns;      /* guest time skipped by waits and sleeps */
    uint64_t ContextSwitches;
    EX_OBJECT_DIRECTORY Namespace; /* \BaseNamedObjects */
    KPROCESS *First;              /* the program's process (KeRunSystem) */
    bool CommitLimitReported;     /* said once on stderr (diagnose.c) */
    struct IO_VOLUME *Volume;     /* C:, the --root directory (iosvc.c) */
    const char *StopReason;       /* limits.c: why the run was stopped (KE_RESULT.Reason) */
    int StopSignal;               /* and the signal, if one did */
    struct KD_STATE *Kd;          /* the debugger's state (kd.c); NULL: none attached */
    struct KI_NAMED_PIPE *Pipes;  /* pipe names with a server instance (npfs.c) */
    struct KI_MAILSLOT *Mailslots; /* mailslot names with a server (msfs.c) */
    struct KI_NOTIFY *Watches;    /* directories watched for changes (notify.c) */
    struct KTIMER *Timers;        /* every timer object (timer.c) */
    uint32_t NextLuid;            /* locally unique ids handed out (token.c) */
    uint64_t Random[4];           /* the random stream's state (random.c) */
    bool RandomSeeded;
};

/* process.c */
/* What a creator gives a new process beyond its options (procsvc.c):
 * its inheritable handles, and the standard handles for its parameters
 * (STARTF_USESTDHANDLES; otherwise the host's streams are made). */
typedef struct KI_CREATE_PARAMETERS {
    KPROCESS *Parent;
    bool InheritHandles;
    bool StandardHandlesGiven;     /* STARTF_USESTDHANDLES */
    uint32_t StandardHandles[3];   /* those, or the parent's own (its parameters') */
    const uint8_t *RuntimeData;    /* STARTUPINFO.lpReserved2 (the C runtime's descriptors) */
    uint32_t RuntimeDataLength;
    uint32_t WindowFlags;          /* STARTUPINFO.dwFlags, for GetStartupInfo */
} KI_CREATE_PARAMETERS;
/* Loads the program into a new process, ready to run (create: NULL for
 * the first process). */
KE_FAILURE KiCreateProcess(KSYSTEM *system, const KE_OPTIONS *options, const char *path,
                           const KI_CREATE_PARAMETERS *create, KPROCESS **out, char *why,
                           size_t whylen);
/* RtlCloneUserProcess: a copy of the running process (fork). */
NTSTATUS KiCloneProcess(KPROCESS *parent, KPROCESS **out);
/* A terminated process's memory, handles and thread go; waiters wake. */
void KiDeleteProcessResources(KPROCESS *process);

/* sched.c: runs every thread of every process until all have ended. */
KE_FAILURE KiRunProcesses(KSYSTEM *system, char *why, size_t whylen);
/* The process (Terminated, with its ExitStatus) ends: its threads end, and
 * where its pages were goes in the pagefile's record if `record`. */
void KiEndProcess(KPROCESS *process, bool record);

/* thread.c */
/* A new thread in process, starting at start(argument) through ntdll's
 * RtlUserThreadStart: its TEB below the PEB, its stack (reserve bytes,
 * 0: the image's), its static TLS. Not yet runnable if suspended. */
NTSTATUS KiCreateThread(KPROCESS *process, uint32_t start, uint32_t argument, bool suspended,
                        uint32_t reserve, KTHREAD **out);
/* The first thread of a new process, whose TEB and stack procinit.c made. */
NTSTATUS KiCreateInitialThread(KPROCESS *process, const EMU_REGISTERS *initial);
/* A cloned process's thread: the caller's, at the same TEB and stack. */
KTHREAD *KiCloneThread(KPROCESS *child, const KTHREAD *parent_thread);
/* A thread's stack: reserve bytes (0: the image's SizeOfStackReserve), the
 * top page committed and a guard page below it. */
NTSTATUS KiCreateUserStack(KPROCESS *process, uint32_t reserve, uint32_t *low, uint32_t *top);
/* The thread ends (at once if off the CPU; the scheduler ends the running
 * one when it stops). The last thread's end ends its process. */
void KiTerminateThread(KTHREAD *thread, int32_t status);
/* The scheduler's part: the thread's TEB, stack and mutants go, waiters wake. */
void KiEndThread(KTHREAD *thread);
/* A thread handle (-2: the caller) to its object, referenced. */
NTSTATUS KiReferenceThreadObject(KPROCESS *process, uint32_t handle, KTHREAD **out);
/* Every thread of the process but `except` ends (NtTerminateProcess). */
void KiTerminateOtherThreads(KPROCESS *process, KTHREAD *except, int32_t status);

/* wait.c: the dispatcher. */
/* Waits for the objects (referenced by the caller; the wait takes its
 * own references). Returns the status at once when the wait is satisfied
 * (or times out, or a user APC runs); otherwise takes the thread off the
 * CPU and returns STATUS_PENDING: the status the thread sees is set when
 * it wakes. */
NTSTATUS KiWaitForObjects(KTHREAD *thread, EX_OBJECT **objects, uint32_t count, bool wait_all,
                          bool alertable, const int64_t *timeout);
/* Something was signaled: the waiters it satisfies become ready. */
void KiUnwaitThreads(KSYSTEM *system);
/* Waits whose time has come end (STATUS_TIMEOUT; a delay STATUS_SUCCESS). */
void KiExpireWaits(KSYSTEM *system, uint64_t now);
/* The thread's wait ends with this status (an APC, its termination). */
void KiAbortWait(KTHREAD *thread, NTSTATUS status);
/* Runs the first queued user APC on the thread (current or off the CPU):
 * its context (with EAX = status if set_eax) goes on its stack for
 * ntdll!KiUserApcDispatcher. False if there is none or it cannot run. */
bool KiDeliverUserApc(KTHREAD *thread, bool set_eax, NTSTATUS status);
/* thrdsvc.c: queues a user APC to a thread, waking it from an alertable wait. */
void KiQueueUserApc(KTHREAD *thread, KI_USER_APC *apc);
/* A mutant's owner ended: abandoned, and free. */
void KiAbandonMutants(KTHREAD *thread);
/* Whether a waitable object is signaled for this thread. */
bool KiIsObjectSignaled(EX_OBJECT *object, KTHREAD *thread);

/* inpage.c: page faults that wait for in-page I/O (--io-latency). */
uint64_t KiIoLatency100ns(KSYSTEM *system);
/* Before MmAccessFault: when a read would complete, and whether the
 * thread should wait for it (another thread could run meanwhile). */
void KiPrepareFault(KPROCESS *process, MM_FAULT_INFO *info);
/* After it: a read done at once still took its time (the CPU idled). */
void KiAfterFault(KPROCESS *process, const MM_FAULT_INFO *info, NTSTATUS status);
/* The running thread waits for the read (STATUS_PENDING from mm). */
void KiWaitForInPage(KPROCESS *process, MMINPAGE_SUPPORT *block, uint32_t va, uint32_t access);
/* The I/O due now completes; its waiters are ready (or get STATUS_IN_PAGE_ERROR). */
void KiCompletePagingIo(KSYSTEM *system);
/* A waiting thread ends: its reference to the read goes. */
void KiCancelInPageWait(KTHREAD *thread);
/* except.c: dispatches an exception to a thread that is off the CPU. */
void KiDispatchExceptionToThread(KTHREAD *thread, EXCEPTION_RECORD32 *record);
/* sched.c: the running thread's quantum again (the clock jumped). */
void KiResetQuantum(KSYSTEM *system, KTHREAD *running);

/* limits.c: --timeout, --max-instructions, SIGINT and SIGTERM. */
uint64_t KiLimitQuantum(KSYSTEM *system, uint64_t quantum); /* clipped to the limit */
KE_FAILURE KiCheckLimits(KSYSTEM *system, char *why, size_t whylen); /* KeStopped, once */

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

/* ctxextra.c: a CONTEXT's debug registers and x87 state */
void KiDebugRegistersToContext(const KTHREAD *thread, CONTEXT32 *context);
void KiContextToDebugRegisters(KTHREAD *thread, const CONTEXT32 *context);
void KiFloatingToContext(KTHREAD *thread, CONTEXT32 *context);

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
/* execopt.c: DEP (ProcessExecuteFlags), from the EXE's NX_COMPAT bit. */
#define ProcessExecuteFlags 34
void KiInitializeExecuteOptions(KPROCESS *process);
NTSTATUS KiQueryExecuteOptions(KPROCESS *process, const uint32_t *args);
NTSTATUS KiSetExecuteOptions(KPROCESS *process, const uint32_t *args);
/* access.c: handle access rights (winnt.h's values). A handle grants
 * what was asked for when it was made; each service asks its handle for
 * the rights it needs, else STATUS_ACCESS_DENIED. */
#define PROCESS_TERMINATE 0x0001u
#define PROCESS_CREATE_THREAD 0x0002u
#define PROCESS_VM_OPERATION 0x0008u
#define PROCESS_VM_READ 0x0010u
#define PROCESS_VM_WRITE 0x0020u
#define PROCESS_DUP_HANDLE 0x0040u
#define PROCESS_SET_QUOTA 0x0100u
#define PROCESS_SET_INFORMATION 0x0200u
#define PROCESS_QUERY_INFORMATION 0x0400u
#define PROCESS_QUERY_LIMITED_INFORMATION 0x1000u
#define PROCESS_SET_LIMITED_INFORMATION 0x2000u
#define THREAD_TERMINATE 0x0001u
#define THREAD_SUSPEND_RESUME 0x0002u
#define THREAD_GET_CONTEXT 0x0008u
#define THREAD_SET_CONTEXT 0x0010u
#define THREAD_SET_INFORMATION 0x0020u
#define THREAD_QUERY_INFORMATION 0x0040u
#define THREAD_SET_LIMITED_INFORMATION 0x0400u
#define THREAD_QUERY_LIMITED_INFORMATION 0x0800u
#define SECTION_QUERY 0x0001u
#define SECTION_MAP_WRITE 0x0002u
#define SECTION_MAP_READ 0x0004u
#define SECTION_MAP_EXECUTE 0x0008u
/* The rights a handle made with `desired` gets (generic rights mapped;
 * the full query and set rights include their limited forms). */
uint32_t KiGrantedAccess(EX_OBJECT_TYPE type, uint32_t desired);
NTSTATUS KiReferenceProcessObjectWithAccess(KPROCESS *process, uint32_t handle, uint32_t access,
                                            KPROCESS **out);
NTSTATUS KiReferenceProcessWithAccess(KPROCESS *process, uint32_t handle, uint32_t access,
                                      MMPROCESS **out);
NTSTATUS KiReferenceThreadWithAccess(KPROCESS *process, uint32_t handle, uint32_t access,
                                     KTHREAD **out);
/* A new handle to the object (all rights), written to the caller's *Handle. */
NTSTATUS KiReturnHandle(KPROCESS *process, EX_OBJECT *object, uint32_t handle_va);
/* KiReturnHandle with the rights asked for. */
NTSTATUS KiReturnHandleWithAccess(KPROCESS *process, EX_OBJECT *object, uint32_t desired,
                                  uint32_t handle_va);
/* The same (desired EX_ALL_ACCESS: every right), the handle inheritable
 * when OBJECT_ATTRIBUTES.Attributes has OBJ_INHERIT. */
NTSTATUS KiReturnHandleWithAttributes(KPROCESS *process, EX_OBJECT *object, uint32_t desired,
                                      uint32_t object_attributes, uint32_t handle_va);
/* KiReturnHandleWithAttributes for an image section: the map rights are
 * those its NtCreateSection protection allows (access.c says why). */
NTSTATUS KiReturnImageSectionHandle(KPROCESS *process, EX_OBJECT *object, uint32_t desired,
                                    uint32_t protect, uint32_t object_attributes,
                                    uint32_t handle_va);
/* The section right NtMapViewOfSection needs for a view's protection. */
uint32_t KiSectionAccessForProtection(uint32_t protect);
/* A ProcessHandle argument: -1 (the caller) or a handle to a process
 * (whatever rights it grants: the ...WithAccess forms check them). */
NTSTATUS KiReferenceProcess(KPROCESS *process, uint32_t handle, MMPROCESS **out);
/* A UNICODE_STRING in user memory, as UTF-8 in a buffer of max bytes. */
#define KI_NAME_MAX 1024
NTSTATUS KiCaptureUnicodeString(KPROCESS *process, uint32_t string_va, char *name, size_t max);
/* The process object itself, with a reference the caller drops. */
/* wssvc.c: NtQueryInformationProcess's memory classes. */
bool KiIsProcessMemoryClass(uint32_t class);
NTSTATUS KiQueryProcessMemoryInformation(KPROCESS *process, KPROCESS *target, const uint32_t *a);
NTSTATUS KiReferenceProcessObject(KPROCESS *process, uint32_t handle, KPROCESS **out);
/* OBJECT_ATTRIBUTES (x86) → the object's name as UTF-8 ("" if none) and
 * its attributes (section.c). */
NTSTATUS KiCaptureObjectName(KPROCESS *process, uint32_t attributes_va, char *name,
                             uint32_t *attributes);
/* Nt*Open*(Handle, DesiredAccess, ObjectAttributes) for a named object of a type (sync.c). */
NTSTATUS KiOpenNamedObject(KPROCESS *process, const uint32_t *args, EX_OBJECT_TYPE type);
/* The thread running the service (the CPU's). */
#define KiCurrentThread(process) ((process)->System->CurrentThread)

/* loader.c and procinit.c */
KE_FAILURE KiLoadProgram(KPROCESS *process, const KE_OPTIONS *options, const char *path,
                         uint32_t *entry, char *why, size_t whylen);
void KiUnloadModules(KPROCESS *process);
/* The image sections every process shares (loader.c). */
NTSTATUS KiCreateProcessEnvironment(KPROCESS *process, const KE_OPTIONS *options,
                                    const char *path, const KI_CREATE_PARAMETERS *create,
                                    EMU_REGISTERS *initial, uint32_t entry, char *why,
                                    size_t whylen);
void KiUpdateSharedUserData(KPROCESS *process);
/* EmuSetTickRoutine's routine (clock.c): context is the KSYSTEM. */
void KiClockTick(void *context);

/* iosvc.c: the volume the run's processes see as C: (KE_OPTIONS.RootDirectory). */
bool KiMountVolume(KSYSTEM *system, const KE_OPTIONS *options, char *why, size_t whylen);
void KiDismountVolume(KSYSTEM *system);
/* filemap.c: mm reads and writes mapped files through the volume, and the
 * volume's reads and writes see the views (after KiMountVolume); a section
 * over the file a handle names. */
void KiInitializeMappedFiles(KSYSTEM *system);
/* An image section over the host file open on fd (taken over), name its
 * path for messages and the run record (filemap.c). */
NTSTATUS KiCreateImageSection(KSYSTEM *system, int fd, const char *name, MMSECTION **out,
                              char *why, size_t whylen);
NTSTATUS KiCreateFileSection(KPROCESS *process, uint32_t handle, uint64_t size, uint32_t protect,
                             uint32_t attributes, MMSECTION **out);

/* syscall.c: a query's fixed-size answer, with NT's length rule. */
NTSTATUS KiReturnInformation(KPROCESS *process, uint32_t buffer_va, uint32_t length,
                             const void *data, uint32_t size, uint32_t return_length_va);
/* psinfo.c: the times and priority NtQueryInformationThread/Process report. */
NTSTATUS KiQueryThreadTimes(KPROCESS *process, KTHREAD *thread, const uint32_t *a);
NTSTATUS KiQueryProcessTimes(KPROCESS *process, KPROCESS *target, const uint32_t *a);
/* iocount.c: GetProcessIoCounters' counts, by the kind of operation. */
typedef enum KI_IO_KIND { KiIoRead, KiIoWrite, KiIoOther } KI_IO_KIND;
void KiCountIo(KPROCESS *process, KI_IO_KIND kind, uint64_t bytes);
NTSTATUS KiQueryIoCounters(KPROCESS *process, KPROCESS *target, const uint32_t *a);
/* job.c: a created process joins its creator's job (unless the job lets
 * children break away); a process object that goes leaves its job. */
void KiJobProcessCreated(KPROCESS *parent, KPROCESS *child);
void KiJobProcessDeleted(KPROCESS *process);
/* token.c: a created or cloned process starts with a copy of its
 * creator's token (if the creator has made one); a process object that
 * goes drops its token. */
void KiInheritToken(KPROCESS *parent, KPROCESS *child);
void KiDeleteProcessToken(KPROCESS *process);
/* sync.c: a new object's handle, its name (OBJECT_ATTRIBUTES) inserted in
 * the namespace, or the existing object's (OBJ_OPENIF); the caller's
 * reference to object goes. */
NTSTATUS KiCreateNamedObject(KPROCESS *process, uint32_t handle_va, uint32_t attributes_va, EX_OBJECT *object);
/* prioclass.c: ProcessPriorityClass, and the base priority it gives. */
#define ProcessPriorityClass 18u
uint32_t KiProcessPriorityClass(const KPROCESS *process);
int32_t KiProcessBasePriority(const KPROCESS *process);
NTSTATUS KiQueryPriorityClass(KPROCESS *process, KPROCESS *target, const uint32_t *a);
NTSTATUS KiSetPriorityClass(KPROCESS *process, const uint32_t *a);
bool KiIsTimeAdjustmentClass(uint32_t class);   /* NtQuerySystemInformation's */
NTSTATUS KiQueryTimeAdjustment(KPROCESS *process, const uint32_t *a);
bool KiIsSystemPerformanceClass(uint32_t class);   /* NtQuerySystemInformation's (sysperf.c) */
NTSTATUS KiQuerySystemPerformance(KPROCESS *process, const uint32_t *a);
bool KiIsProcessorPerformanceClass(uint32_t class); /* NtQuerySystemInformation's (procperf.c) */
NTSTATUS KiQueryProcessorPerformance(KPROCESS *process, const uint32_t *a);

/* clock.c: guest time is derived from instructions executed (1 ns each)
 * plus whatever NtDelayExecution skipped, so runs are deterministic. */
uint64_t KiGuestTime100ns(KPROCESS *process);
uint64_t KiSystemTime100ns(KSYSTEM *system); /* the same, for the machine */
/* 2026-01-01 00:00:00 UTC as a Windows FILETIME: the guest's epoch. */
#define KI_BOOT_SYSTEM_TIME 0x01DC7A9D2D0B8000ull
/* Windows' clock interrupt period, 15.625 ms (1/64 s) in 100 ns units: the
 * TickCount step, the time increment and the coarsest timer resolution. */
#define KI_CLOCK_TICK_100NS 156250u
void KiAdvanceClock(KPROCESS *process, uint64_t interval_100ns);

/* irp.c: I/O that waits (NT's IRP) — the requests on an overlapped file
 * that cannot complete at once (a pipe's reads, writes and listens): who
 * asked, where its buffer and IO_STATUS_BLOCK are, what to signal. */
typedef struct KI_IRP {
    struct KI_IRP *Next;           /* the queue it waits in (npfs.c) */
    KPROCESS *Process;             /* the issuer, referenced: the memory below is its */
    KTHREAD *Thread;               /* referenced: NtCancelIoFile cancels the caller's own */
    EX_FILE *File;                 /* referenced */
    uint8_t Major;                 /* KI_IRP_READ, KI_IRP_WRITE, KI_IRP_LISTEN */
    uint32_t Buffer, Length, Done; /* the caller's buffer; bytes moved so far */
    uint32_t IoStatusBlock;
    KEVENT *Event;                 /* referenced, or NULL */
    uint32_t ApcRoutine;           /* a user APC for Thread at completion; 0: none */
    uint32_t ApcContext;           /* the APC's or the port packet's (kernel32: the OVERLAPPED); 0: no packet */
} KI_IRP;
#define KI_IRP_READ 1
#define KI_IRP_WRITE 2
#define KI_IRP_LISTEN 3
#define KI_IRP_NOTIFY 4                /* notify.c: a directory's changes */
/* A request begins on file: its Event (a handle; 0: none) referenced and
 * reset, and the file's own event reset, as NtReadFile and its kin do. An
 * ApcRoutine on a file associated with a port: STATUS_INVALID_PARAMETER. */
NTSTATUS KiStartIo(KPROCESS *process, EX_FILE *file, uint32_t event_handle, uint32_t apc_routine,
                   KEVENT **event);
/* It completed at once with this status: unless it failed, the event and
 * the file are signaled, and the running thread gets the APC (ApcRoutine
 * given) or an associated port a packet (ApcContext given). */
void KiFinishIo(KPROCESS *process, EX_FILE *file, KEVENT *event, uint32_t apc_routine,
                uint32_t apc_context, uint32_t iosb, NTSTATUS status, uint32_t information);
/* It must wait: an IRP for the running thread (it takes the event's reference). */
KI_IRP *KiAllocateIrp(KPROCESS *process, EX_FILE *file, KEVENT *event, uint32_t apc_routine,
                      uint32_t apc_context, uint32_t iosb, uint8_t major, uint32_t buffer,
                      uint32_t length);
/* It completes later: the IO_STATUS_BLOCK written in its process, the
 * event and the file signaled, a packet for the port, waiters woken; freed. */
void KiCompleteIrp(KI_IRP *irp, NTSTATUS status, uint32_t information);
/* iocomp.c: a packet at the tail of a port (from the I/O of a file associated with it). */
NTSTATUS KiQueueIoCompletion(EX_OBJECT *port, uint32_t key, uint32_t apc_context,
                             NTSTATUS status, uint32_t information);
/* FileCompletionInformation {Port, Key}: the file's I/O is reported to the port. */
NTSTATUS KiSetFileCompletion(KPROCESS *process, EX_FILE *file, const uint8_t *info,
                             uint32_t length);

/* npfs.c, npfsctl.c: named pipes. Their ends are file objects (KiIsPipeEnd)
 * served there for iorw.c, fsctl.c, ioinfo.c and iosvc.c (a client's open
 * by name). */
typedef struct KI_PIPE KI_PIPE;
typedef struct KI_PIPE_END KI_PIPE_END;
#define KI_PIPE_WAIT_READ 1
#define KI_PIPE_WAIT_WRITE 2
#define KI_PIPE_WAIT_LISTEN 3
#define KI_PIPE_WAIT_INSTANCE 4
#define KI_PIPE_WAIT_MAILSLOT 5         /* msfs.c: a message in a mailslot */
#define KI_PIPE_WAIT_NOTIFY 6           /* notify.c: a change in a directory */
bool KiIsPipeEnd(const EX_FILE *file);
bool KiIsPipeEndReady(EX_FILE *file, KTHREAD *thread);
/* fsobject.c: for npfs.c and msfs.c. The name after \Device\DEVICE or
 * \??\DOS (and \DosDevices, \GLOBAL??) in path ("" for the file system
 * itself), or NULL; a file object's rights from the desired access; a new
 * file object (its reference taken over) made a handle at handle_va. */
const char *KiDeviceFileName(const char *path, const char *device, const char *dos);
uint32_t KiDeviceFileAccess(uint32_t desired);
NTSTATUS KiReturnFileHandle(KPROCESS *process, EX_FILE *file, uint32_t attributes,
                            uint32_t handle_va);
const char *KiPipeName(const char *path);
NTSTATUS KiOpenPipeClient(KPROCESS *process, const char *name, uint32_t access,
                          uint32_t attributes, uint32_t options, uint32_t handle_va,
                          uint32_t iosb);
/* NtReadFile / NtWriteFile on a pipe end: done at once, an IRP on an
 * overlapped end (STATUS_PENDING; the event reference is the IRP's then,
 * *event NULL), or the thread waits to run the service again. */
NTSTATUS KiPipeReadWrite(KPROCESS *process, EX_FILE *file, bool write, uint32_t buffer,
                         uint32_t length, uint32_t iosb, KEVENT **event, uint32_t apc_routine,
                         uint32_t apc_context, uint32_t *done);
/* NtFsControlFile on a pipe end (the FSCTL_PIPE_* requests). */
NTSTATUS KiPipeFsControl(KPROCESS *process, EX_FILE *file, const uint32_t *a);
/* FilePipeInformation, FilePipeLocalInformation (and FileStandardInformation). */
NTSTATUS KiQueryPipeInformation(EX_FILE *file, uint32_t class, uint8_t *buffer, uint32_t length,
                                uint32_t *returned);
NTSTATUS KiSetPipeInformation(EX_FILE *file, uint32_t class, const uint8_t *buffer,
                              uint32_t length);
/* NtCancelIoFile(Ex): the pipe end's waiting requests of that thread
 * (NULL: any) for that IO_STATUS_BLOCK (0: any) complete STATUS_CANCELLED;
 * how many did. */
uint32_t KiCancelPipeIo(EX_FILE *file, KTHREAD *thread, uint32_t iosb);
const char *KiDescribePipeWait(const KTHREAD *thread);
/* The running thread waits for file (until the absolute guest time
 * deadline, 0: none), then runs its service again (returns STATUS_PENDING,
 * which the thread never sees). */
NTSTATUS KiRestartServiceAfterWait(KPROCESS *process, EX_OBJECT *object, uint8_t why,
                                   uint64_t deadline100ns);
/* msfs.c: mailslots. The server's and clients' file objects (KiIsMailslotFile)
 * are served there for iorw.c, ioinfo.c and iosvc.c (a client's open). */
bool KiIsMailslotFile(const EX_FILE *file);
/* The mailslot name in an NT path ("" for the file system itself), or NULL. */
const char *KiMailslotName(const char *path);
NTSTATUS KiOpenMailslotClient(KPROCESS *process, const char *name, uint32_t access,
                              uint32_t attributes, uint32_t handle_va, uint32_t iosb);
/* NtReadFile (the server) / NtWriteFile (a client): one message; a read
 * with none waits (the service runs again) until the mailslot's timeout. */
NTSTATUS KiMailslotReadWrite(KPROCESS *process, EX_FILE *file, bool write, uint32_t buffer,
                             uint32_t length, uint32_t *done);
NTSTATUS KiQueryMailslotInformation(EX_FILE *file, uint32_t class, uint8_t *buffer,
                                    uint32_t length, uint32_t *returned);
NTSTATUS KiSetMailslotInformation(KPROCESS *process, EX_FILE *file, uint32_t class,
                                  const uint8_t *buffer, uint32_t length);
/* notify.c: directory change notification. The file services report what
 * the guest changes (FILE_ACTION_*, for the FILE_NOTIFY_CHANGE_* filters
 * it concerns): a file by its object, or a volume-relative path ("dir/name"). */
#define FILE_ACTION_ADDED 1u
#define FILE_ACTION_REMOVED 2u
#define FILE_ACTION_MODIFIED 3u
#define FILE_ACTION_RENAMED_OLD_NAME 4u
#define FILE_ACTION_RENAMED_NEW_NAME 5u
#define FILE_NOTIFY_CHANGE_FILE_NAME 0x001u
#define FILE_NOTIFY_CHANGE_DIR_NAME 0x002u
#define FILE_NOTIFY_CHANGE_ATTRIBUTES 0x004u
#define FILE_NOTIFY_CHANGE_SIZE 0x008u
#define FILE_NOTIFY_CHANGE_LAST_WRITE 0x010u
#define FILE_NOTIFY_CHANGE_LAST_ACCESS 0x020u
#define FILE_NOTIFY_CHANGE_CREATION 0x040u
void KiReportFileChange(KSYSTEM *system, EX_FILE *file, uint32_t action, uint32_t filter);
void KiReportPathChange(KSYSTEM *system, const char *path, uint32_t action, uint32_t filter);
/* A rename's two changes, which one request gets together. */
void KiReportRename(KSYSTEM *system, const char *old_path, uint32_t old_action,
                    const char *new_path, uint32_t new_action, uint32_t filter);
/* Whether any directory is watched (else there is nothing to report). */
bool KiAnyDirectoryWatch(KSYSTEM *system);
/* A file of the volume's path from its root ("" the root, "dir/name"), in
 * a string the caller frees; NULL if it has none. */
char *KiFilePath(EX_FILE *file);
/* Whether a file of the volume is a directory. */
bool KiIsDirectoryFile(EX_FILE *file);
/* NtCancelIoFile(Ex) on a watched directory (as KiCancelPipeIo). */
uint32_t KiCancelNotifyIo(EX_FILE *file, KTHREAD *thread, uint32_t iosb);
/* timer.c: timer objects on the guest clock. */
typedef struct KTIMER KTIMER;
/* Every timer whose due time is at or before now is signaled (its APC
 * queued); waiters it satisfies wake. */
void KiExpireTimers(KSYSTEM *system, uint64_t now);
/* A wait's view of a timer (brought up to date first), and what a
 * satisfied wait does to it (a synchronization timer resets). */
bool KiIsTimerSignaled(EX_OBJECT *object);
void KiSatisfyTimer(EX_OBJECT *object);
/* The earliest due time a waiting thread waits for (in a wait for the
 * timer, or alertable for its APC). False if none. */
bool KiNextTimerDue(KSYSTEM *system, uint64_t *due);

/* sysproc.c: NtQuerySystemInformation(SystemProcessInformation). */
bool KiIsProcessListClass(uint32_t class);
NTSTATUS KiQueryProcessList(KPROCESS *process, const uint32_t *a);

#endif
