/*
 * KeRunProgram: bring up the machine and memory, create the process, load
 * the program, and run it until it ends.
 */
#include "ke/ki.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void KiUnloadModules(void);

/*
 * The pagefile is opened before anything else, so that a pagefile that
 * cannot be used stops the run before the program starts. The run's
 * parameters go in it for people reading it afterwards.
 */
static PAGEFILE *OpenPageFile(const KE_OPTIONS *options, char *why, size_t whylen)
{
    uint64_t max = options->PageFileMaxBytes ? options->PageFileMaxBytes : 4 * options->RamBytes;
    uint64_t pages = max / PF_PAGE_SIZE;
    PF_OPTIONS pf_options = {
        .Path = options->PageFilePath,
        .MaximumPages = pages > PF_MAXIMUM_PAGES_LIMIT ? PF_MAXIMUM_PAGES_LIMIT : (uint32_t)pages,
        .FaultLog = !options->NoFaultLog,
    };
    PAGEFILE *pf = PfOpen(&pf_options, why, whylen);
    if (!pf) {
        return NULL;
    }
    char value[64];
    snprintf(value, sizeof value, "%llu", (unsigned long long)options->RamBytes);
    PfSetParameter(pf, "ram-bytes", value);
    snprintf(value, sizeof value, "%u",
             options->WsMinimum ? options->WsMinimum : MM_DEFAULT_WS_MINIMUM);
    PfSetParameter(pf, "ws-min-pages", value);
    snprintf(value, sizeof value, "%u",
             options->WsMaximum ? options->WsMaximum : MM_DEFAULT_WS_MAXIMUM);
    PfSetParameter(pf, "ws-max-pages", value);
    PfSetParameter(pf, "fault-log", options->NoFaultLog ? "off" : "on");
    if (options->Argc > 0) {
        PfSetParameter(pf, "program", options->Argv[0]);
    }
    if (options->CommandLine) {
        PfSetParameter(pf, "command-line", options->CommandLine);
    }
    return pf;
}

static KE_FAILURE Fail(KE_FAILURE failure, char *why, size_t whylen, const char *what)
{
    if (what) {
        snprintf(why, whylen, "%s", what);
    }
    return failure;
}

KE_FAILURE KeRunProgram(const KE_OPTIONS *options, const char *path, KE_RESULT *result,
                        char *why, size_t whylen)
{
    KPROCESS *process = calloc(1, sizeof *process);
    memset(result, 0, sizeof *result);
    if (!process) {
        return Fail(KeInternalError, why, whylen, "out of host memory");
    }
    process->UniqueProcessId = 0x100;
    process->UniqueThreadId = 0x104;
    process->TraceExceptions = options->TraceExceptions;
    process->TraceFaults = options->TraceFaults;

    KE_FAILURE failure = KeRan;
    PAGEFILE *pf = OpenPageFile(options, why, whylen);
    if (!pf) {
        free(process);
        return KeInternalError;
    }
    process->Emu = EmuCreate(options->RamBytes, KiTrapDispatch, process, why, whylen);
    if (!process->Emu) {
        PfClose(pf);
        free(process);
        return KeInternalError;
    }
    MM_CONFIG config = {
        .PageFile = pf,
        .WsMinimum = options->WsMinimum,
        .WsMaximum = options->WsMaximum,
        .InjectReadErrorVa = options->InjectReadErrorVa,
    };
    if (MmInitializeSystem(process->Emu, &config, why, whylen) != 0 ||
        MmCreateProcessAddressSpace(&process->Mm) != STATUS_SUCCESS) {
        failure = KeInternalError;
    } else {
        MmSetProcessId(process->Mm, process->UniqueProcessId);
    }
    uint32_t entry = 0;
    if (failure == KeRan) {
        failure = KiLoadProgram(process, options, path, &entry, why, whylen);
    }
    EMU_REGISTERS initial;
    if (failure == KeRan &&
        KiCreateProcessEnvironment(process, options, path, &initial, entry, why, whylen) !=
            STATUS_SUCCESS) {
        failure = KeInternalError;
    }
    if (failure == KeRan) {
        EmuSetPageTableRoot(process->Emu, MmGetPageTableRoot(process->Mm));
        EmuSetTebBase(process->Emu, process->TebVa);
        if (EmuRun(process->Emu, &initial, why, whylen) != 0) {
            failure = KeInternalError;
        } else if (process->InternalError[0]) {
            snprintf(why, whylen, "%s", process->InternalError);
            failure = KeInternalError;
        }
    }
    result->ExitStatus = process->ExitStatus;
    result->Instructions = EmuInstructionCount(process->Emu);
    result->SystemCalls = process->SystemCalls;
    result->ExceptionsDispatched = process->ExceptionsDispatched;
    if (process->Mm && !options->NoFaultLog) {
        MmRecordPageLocations("exit"); /* where_is answers from this */
    }
    MmShutdownPaging();
    result->Mm = *MmGetStats();
    if (process->Mm) {
        result->PeakCommitPages = MmGetPeakCommit(process->Mm);
        result->PeakResidentPages = MmGetPeakResident(process->Mm);
        MmDeleteProcessAddressSpace(process->Mm);
    }
    ExDestroyHandleTable(&process->Handles);
    KiUnloadModules();
    MmShutdownSystem();
    EmuDestroy(process->Emu);
    PfFlushLog(pf);
    result->HavePageFile = true;
    result->PageFile = *PfGetStats(pf);
    char last[256];
    snprintf(last, sizeof last, "%s", PfLastError(pf));
    if (PfClose(pf) != STATUS_SUCCESS && failure == KeRan) {
        /* The run happened, but its record is incomplete: say so. */
        fprintf(stderr, "ntmm: warning: closing the pagefile: %s\n", last);
    }
    free(process);
    return failure;
}
