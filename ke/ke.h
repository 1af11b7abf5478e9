/* The kernel's interface to the ntmm command. */
#ifndef NTMM_KE_H
#define NTMM_KE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mm/mm.h"
#include "pagefile/pagefile.h"

typedef struct KE_OPTIONS {
    uint64_t RamBytes;          /* guest-physical memory */
    const char *SystemDirectory; /* where ntdll.dll and kernel32.dll are */
    int Argc;                   /* the program's command line, argv[0] first */
    char **Argv;
    bool TraceExceptions;       /* print each exception dispatched to stderr */
    bool TraceFaults;           /* print each page fault and what it became */
    int EnvironmentCount;       /* NAME=VALUE strings for the environment block */
    const char *const *Environment;
    /* Paging. */
    const char *PageFilePath;   /* NULL: PF_DEFAULT_PATH; ":memory:" for no file */
    uint64_t PageFileMaxBytes;  /* 0: four times RAM */
    bool NoFaultLog;            /* the faults table stays empty */
    uint32_t WsMinimum, WsMaximum; /* pages; 0: NT's defaults (50, 345) */
    uint32_t InjectReadErrorVa; /* test hook: fail the first pagefile read of this page */
    uint32_t VerifyMemoryEvery; /* check mm's invariants after every Nth fault (0: never) */
    uint64_t IoLatencyNs;       /* guest time a page read or write takes (0: none) */
    const char *CommandLine;    /* recorded in the pagefile's parameters */
    uint64_t SampleEvery;       /* the pagefile's samples: every N faults (0: none)... */
    bool SampleInstructions;    /* ...or every N instructions */
    const uint64_t *SnapshotAt; /* page locations after these faults (ascending) */
    uint32_t SnapshotCount;
    const char *Version;        /* ntmm's, for the pagefile's parameters */
    const char *RootDirectory;  /* the guest's C:\ (NULL: the current directory) */
    bool RootReadOnly;          /* every change to C: refused */
    const char *CurrentDirectory; /* the process's, as a DOS path (NULL: C:\) */
    bool Console;               /* the host's standard streams are the console even when they are no terminal */
    /* Limits for runaway guests (0: none); reaching one ends the run (KeStopped). */
    double TimeoutSeconds;      /* host time: the caller's timer sets *StopSignal to SIGALRM */
    uint64_t MaxInstructions;   /* guest time: deterministic */
    /* The caller's flag, set by its signal handlers (a signal number: SIGALRM
     * for the timeout, SIGINT, SIGTERM); the CPU stops at its next block and
     * the run ends as KeStopped. NULL: no signals are watched. */
    volatile sig_atomic_t *StopSignal;
    /* A debugger to stop for (ke/kd.h; tools/gdbstub.c's for gdb), NULL:
     * none, and no debug hook costs anything. It asks to break in by
     * setting *StopSignal to SIGIO. */
    const struct KD_DEBUGGER *Debugger;
} KE_OPTIONS;

/* --io-latency's default: an SSD's 4 KiB random read, 100 us of guest time. */
#define KE_DEFAULT_IO_LATENCY_NS 100000u

typedef struct KE_RESULT {
    int32_t ExitStatus;         /* the guest's 32-bit exit code */
    uint64_t Instructions;
    uint64_t SystemCalls;
    uint64_t ExceptionsDispatched;
    MM_STATS Mm;
    uint32_t PeakCommitPages;
    uint32_t PeakResidentPages;
    bool HavePageFile;
    PF_STATS PageFile;          /* pages written and read, time spent */
    /* Every process the run created, the program's first. */
    uint32_t ProcessCount;
    struct {
        uint32_t Id;
        int32_t ExitStatus;
        uint64_t Instructions;
        uint32_t PeakCommitPages, PeakResidentPages;
        char Name[64];
    } Process[16];
    uint64_t ContextSwitches;
    /* When KeRunProgram did not return KeRan: a word for machines ("pagefile",
     * "internal", "cannot-load", "not-found", "deadlock", "timeout",
     * "instruction-limit", "signal"), and for "signal" which one. */
    const char *Reason;
    int Signal;
} KE_RESULT;

/* What went wrong when the program could not be run at all. */
typedef enum KE_FAILURE {
    KeRan = 0,
    KeDeadlock = 123,           /* every process waits for something that cannot happen */
    KeStopped = 124,            /* a limit or a signal (SIGINT, SIGTERM) ended the run */
    KeInternalError = 125,      /* ntmm itself failed */
    KeCannotLoad = 126,         /* the program or a DLL is malformed or missing pieces */
    KeNotFound = 127,           /* the program file does not exist */
} KE_FAILURE;

/*
 * A machine (KSYSTEM, ke/ki.h): a CPU with its RAM, memory management, the
 * pagefile, the object namespace, the image cache and the scheduler with
 * its processes. Nothing is shared between machines: several can live in
 * one host process. options must outlive the machine.
 */
typedef struct KSYSTEM KSYSTEM;

KE_FAILURE KeCreateSystem(const KE_OPTIONS *options, KSYSTEM **out, char *why, size_t whylen);
/* Loads the program into a new process and runs it, and every process it
 * starts, until all have ended. Once per machine. */
KE_FAILURE KeRunSystem(KSYSTEM *system, const char *path, char *why, size_t whylen);
/* Ends what still runs, fills result (may be NULL) and frees the machine.
 * False if the pagefile could not be closed cleanly (the reason is in why):
 * the run's record in it is incomplete. */
bool KeDestroySystem(KSYSTEM *system, KE_RESULT *result, char *why, size_t whylen);

/* All three in one: what the ntmm command does. */
KE_FAILURE KeRunProgram(const KE_OPTIONS *options, const char *path, KE_RESULT *result,
                        char *why, size_t whylen);

#endif
