/*
 * KeRunProgram: bring up the machine and memory, create the process, load
 * the program, and run it until it ends.
 */
#include "ke/ki.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void KiUnloadModules(void);

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
    process->Emu = EmuCreate(options->RamBytes, KiTrapDispatch, process, why, whylen);
    if (!process->Emu) {
        free(process);
        return KeInternalError;
    }
    if (MmInitializeSystem(process->Emu, why, whylen) != 0 ||
        MmCreateProcessAddressSpace(&process->Mm) != STATUS_SUCCESS) {
        failure = KeInternalError;
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
    free(process);
    return failure;
}
