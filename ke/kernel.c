/*
 * KeRunProgram: bring up the pagefile, the machine and memory, create the
 * program's process, and run it — and every process it starts — until all
 * have ended.
 */
#include "ke/ki.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

KE_FAILURE KeRunProgram(const KE_OPTIONS *options, const char *path, KE_RESULT *result,
                        char *why, size_t whylen)
{
    memset(result, 0, sizeof *result);
    memset(&KiSystem, 0, sizeof KiSystem);
    KiSystem.Options = options;
    KiSystem.NextProcessId = 0x100;

    PAGEFILE *pf = OpenPageFile(options, why, whylen);
    if (!pf) {
        return KeInternalError;
    }
    KiSystem.Emu = EmuCreate(options->RamBytes, KiTrapDispatch, &KiSystem, why, whylen);
    if (!KiSystem.Emu) {
        PfClose(pf);
        return KeInternalError;
    }
    MM_CONFIG config = {
        .PageFile = pf,
        .WsMinimum = options->WsMinimum,
        .WsMaximum = options->WsMaximum,
        .InjectReadErrorVa = options->InjectReadErrorVa,
    };
    KE_FAILURE failure = KeRan;
    if (MmInitializeSystem(KiSystem.Emu, &config, why, whylen) != 0) {
        failure = KeInternalError;
    } else if (!KiMountVolume(options, why, whylen)) {
        failure = KeInternalError;
    }
    KPROCESS *first = NULL;
    if (failure == KeRan) {
        failure = KiCreateProcess(options, path, &first, why, whylen);
    }
    if (failure == KeRan) {
        failure = KiRunProcesses(why, whylen);
    }

    result->ExitStatus = first ? first->ExitStatus : 0;
    result->Instructions = EmuInstructionCount(KiSystem.Emu);
    result->ContextSwitches = KiSystem.ContextSwitches;
    if (first) {
        result->PeakCommitPages = first->Mm ? MmGetPeakCommit(first->Mm) : first->PeakCommit;
        result->PeakResidentPages = first->Mm ? MmGetPeakResident(first->Mm) : first->PeakResident;
    }
    /* Processes still alive here (after a failure) end now. */
    MmShutdownPaging();
    while (KiSystem.Processes) {
        KPROCESS *p = KiSystem.Processes;
        KiSystem.Processes = p->Next;
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
    KiDismountVolume();
    KiForgetImageSections();
    result->Mm = *MmGetStats();
    MmShutdownSystem();
    EmuDestroy(KiSystem.Emu);
    PfFlushLog(pf);
    result->HavePageFile = true;
    result->PageFile = *PfGetStats(pf);
    char last[256];
    snprintf(last, sizeof last, "%s", PfLastError(pf));
    if (PfClose(pf) != STATUS_SUCCESS && failure == KeRan) {
        /* The run happened, but its record is incomplete: say so. */
        fprintf(stderr, "ntmm: warning: closing the pagefile: %s\n", last);
    }
    memset(&KiSystem, 0, sizeof KiSystem);
    return failure;
}
