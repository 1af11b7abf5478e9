/*
 * The machine's life: KeCreateSystem brings up the pagefile, the CPU and
 * memory; KeRunSystem creates the program's process and runs it — and
 * every process it starts — until all have ended; KeDestroySystem tears it
 * all down and reports. KeRunProgram is the three in a row.
 */
#include "ke/ki.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The paging file is mm's (NtCreatePagingFile); ke says where, how big,
 * and what the run's parameters were, for people reading it afterwards.
 */
static KE_FAILURE CreatePagingFile(KSYSTEM *system, char *why, size_t whylen)
{
    const KE_OPTIONS *options = system->Options;
    uint64_t max = options->PageFileMaxBytes ? options->PageFileMaxBytes : 4 * options->RamBytes;
    uint64_t pages = max / PF_PAGE_SIZE;
    char ram[32], ws_min[16], ws_max[16];
    snprintf(ram, sizeof ram, "%llu", (unsigned long long)options->RamBytes);
    snprintf(ws_min, sizeof ws_min, "%u",
             options->WsMinimum ? options->WsMinimum : MM_DEFAULT_WS_MINIMUM);
    snprintf(ws_max, sizeof ws_max, "%u",
             options->WsMaximum ? options->WsMaximum : MM_DEFAULT_WS_MAXIMUM);
    char max_bytes[32], sample[48], latency[32];
    snprintf(latency, sizeof latency, "%llu", (unsigned long long)options->IoLatencyNs);
    snprintf(max_bytes, sizeof max_bytes, "%llu",
             (unsigned long long)(pages > PF_MAXIMUM_PAGES_LIMIT ? PF_MAXIMUM_PAGES_LIMIT : pages) *
                 PF_PAGE_SIZE);
    snprintf(sample, sizeof sample, "%llu %s", (unsigned long long)options->SampleEvery,
             options->SampleInstructions ? "instructions" : "faults");
    EMU_VERSION unicorn = EmuVersion();
    const char *parameters[24] = {
        "ram-bytes", ram, "ws-min-pages", ws_min, "ws-max-pages", ws_max,
        "fault-log", options->NoFaultLog ? "off" : "on",
    };
    size_t n = 8;
    parameters[n++] = "pagefile-max-bytes";
    parameters[n++] = max_bytes;
    parameters[n++] = "sample-every";
    parameters[n++] = options->SampleEvery ? sample : "off";
    parameters[n++] = "io-latency-ns";
    parameters[n++] = latency;
    parameters[n++] = "unicorn-version";
    parameters[n++] = unicorn.Text;
    if (options->Version) {
        parameters[n++] = "ntmm-version";
        parameters[n++] = options->Version;
    }
    if (options->Argc > 0) {
        parameters[n++] = "program";
        parameters[n++] = options->Argv[0];
    }
    if (options->CommandLine) {
        parameters[n++] = "command-line";
        parameters[n++] = options->CommandLine;
    }
    MM_PAGING_FILE file = {
        .Path = options->PageFilePath,
        .MaximumPages = pages > PF_MAXIMUM_PAGES_LIMIT ? PF_MAXIMUM_PAGES_LIMIT : (uint32_t)pages,
        .FaultLog = !options->NoFaultLog,
        .Parameters = parameters,
    };
    NTSTATUS status = MmCreatePagingFile(system->Mm, &file, why, whylen);
    return status == STATUS_SUCCESS ? KeRan : KeInternalError;
}

KE_FAILURE KeCreateSystem(const KE_OPTIONS *options, KSYSTEM **out, char *why, size_t whylen)
{
    *out = NULL;
    KSYSTEM *system = calloc(1, sizeof *system);
    if (!system) {
        snprintf(why, whylen, "out of host memory");
        return KeInternalError;
    }
    system->Options = options;
    system->NextProcessId = 0x100;
    /* Every trap of this CPU comes back with this machine. */
    system->Emu = EmuCreate(options->RamBytes, KiTrapDispatch, system, why, whylen);
    MM_CONFIG config = {
        .WsMinimum = options->WsMinimum,
        .WsMaximum = options->WsMaximum,
        .InjectReadErrorVa = options->InjectReadErrorVa,
        .SampleEvery = options->SampleEvery,
        .SampleInstructions = options->SampleInstructions,
        .SnapshotAt = options->SnapshotAt,
        .SnapshotCount = options->SnapshotCount,
        .VerifyEvery = options->VerifyMemoryEvery,
    };
    /* A paging file that cannot be used, or a root that is not there,
     * stops the run before the program starts. */
    if (!system->Emu || !KdInitialize(system) || MmInitializeSystem(system->Emu, &config, &system->Mm, why, whylen) != 0 ||
        CreatePagingFile(system, why, whylen) != KeRan ||
        !KiMountVolume(system, options, why, whylen)) {
        char ignored[8];
        KeDestroySystem(system, NULL, ignored, sizeof ignored);
        return KeInternalError;
    }
    EmuSetInterruptFlag(system->Emu, options->StopSignal);
    EmuSetTickRoutine(system->Emu, KiClockTick, system);
    *out = system;
    return KeRan;
}

KE_FAILURE KeRunSystem(KSYSTEM *system, const char *path, char *why, size_t whylen)
{
    if (system->First) {
        snprintf(why, whylen, "this machine has run its program already");
        return KeInternalError;
    }
    KE_FAILURE failure = KiCreateProcess(system, system->Options, path, NULL, &system->First, why,
                                         whylen);
    if (failure == KeRan) {
        failure = KiRunProcesses(system, why, whylen);
    }
    if (failure == KeRan) {
        KdRunEnded(system);
    }
    return failure;
}

bool KeDestroySystem(KSYSTEM *system, KE_RESULT *result, char *why, size_t whylen)
{
    KE_RESULT ignored;
    if (!result) {
        result = &ignored;
    }
    memset(result, 0, sizeof *result);
    KPROCESS *first = system->First;
    result->ExitStatus = first ? first->ExitStatus : 0;
    result->Instructions = system->Emu ? EmuInstructionCount(system->Emu) : 0;
    result->ContextSwitches = system->ContextSwitches;
    if (first) {
        result->PeakCommitPages = first->Mm ? MmGetPeakCommit(first->Mm) : first->PeakCommit;
        result->PeakResidentPages = first->Mm ? MmGetPeakResident(first->Mm) : first->PeakResident;
    }
    /* Processes still alive here (after a failure) end now. */
    if (system->Mm) {
        MmShutdownPaging(system->Mm);
    }
    while (system->Processes) {
        KPROCESS *p = system->Processes;
        system->Processes = p->Next;
        result->SystemCalls += p->SystemCalls;
        result->ExceptionsDispatched += p->ExceptionsDispatched;
        KiDeleteProcessResources(p);
        if (result->ProcessCount < sizeof result->Process / sizeof result->Process[0]) {
            uint32_t i = result->ProcessCount++;
            result->Process[i].Id = p->UniqueProcessId;
            result->Process[i].ExitStatus = p->ExitStatus;
            result->Process[i].Instructions = p->Instructions;
            result->Process[i].PeakCommitPages = p->PeakCommit;
            result->Process[i].PeakResidentPages = p->PeakResident;
            const char *name = p->Options.Argc ? p->Options.Argv[0] : "?";
            const char *slash = strrchr(name, '/');
            snprintf(result->Process[i].Name, sizeof result->Process[i].Name, "%s",
                     slash ? slash + 1 : name);
        }
        p->Next = NULL;
        ExDereferenceObject(&p->Header); /* the scheduler's reference */
    }
    /* Then the threads (each holds its process: the last one frees it). */
    while (system->Threads) {
        KTHREAD *t = system->Threads;
        system->Threads = t->NextInSystem;
        t->NextInSystem = NULL;
        ExDereferenceObject(&t->Header);
    }
    KiDismountVolume(system); /* every file object went with its process */
    if (system->Mm) {
        MmPurgeImageSections(system->Mm); /* the image sections kept for reuse */
        MmPurgeCachedSegments(system->Mm); /* and the data files' */
    }
    bool clean = true;
    if (system->Mm) {
        clean = MmDeletePagingFile(system->Mm, &result->PageFile, why, whylen);
        result->HavePageFile = true;
        result->Mm = *MmGetStats(system->Mm);
        MmShutdownSystem(system->Mm);
    }
    if (system->Emu) {
        EmuDestroy(system->Emu);
    }
    KdShutdown(system);
    free(system);
    return clean;
}

KE_FAILURE KeRunProgram(const KE_OPTIONS *options, const char *path, KE_RESULT *result,
                        char *why, size_t whylen)
{
    memset(result, 0, sizeof *result);
    KSYSTEM *system;
    KE_FAILURE failure = KeCreateSystem(options, &system, why, whylen);
    if (failure != KeRan) {
        /* PfOpen's reasons name the pagefile first. */
        result->Reason = strncmp(why, "pagefile ", 9) == 0 ? "pagefile" : "internal";
        return failure;
    }
    failure = KeRunSystem(system, path, why, whylen);
    const char *stopped = system->StopReason;
    int signal = system->StopSignal;
    char last[256] = "";
    bool clean = KeDestroySystem(system, result, last, sizeof last);
    if (result->PageFile.DiskFullErrors) {
        /* The guest saw in-page errors or failed commits; the host's side
         * of the story is one line. */
        fprintf(stderr, "ntmm: the disk is full: the pagefile %s could not grow%s%s%s\n",
                options->PageFilePath ? options->PageFilePath : PF_DEFAULT_PATH,
                last[0] ? " (" : "", last, last[0] ? ")" : "");
    } else if (!clean && failure == KeRan) {
        /* The run happened, but its record is incomplete: say so. */
        fprintf(stderr, "ntmm: warning: closing the pagefile: %s\n", last);
    }
    switch (failure) {
    case KeRan: break;
    case KeDeadlock: result->Reason = "deadlock"; break;
    case KeStopped: result->Reason = stopped; result->Signal = signal; break;
    case KeCannotLoad: result->Reason = "cannot-load"; break;
    case KeNotFound: result->Reason = "not-found"; break;
    default: result->Reason = "internal"; break;
    }
    return failure;
}
