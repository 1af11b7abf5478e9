/*
 * Processes: creating one from a program file (an address space, the
 * images, the PEB/TEB/stack, its first thread ready to start), the process
 * object handles name, and tearing a process down when it ends.
 */
#include "ke/ki.h"
#include "ke/ldr.h"
#include "ke/ldrp.h"

#include "ke/console.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The object goes when the scheduler and every handle have let it go. */
static void DeleteProcessObject(EX_OBJECT *object)
{
    KPROCESS *process = (KPROCESS *)object;
    KiJobProcessDeleted(process);
    KiDeleteProcessToken(process);
    KiDeleteProcessResources(process);
    KiReleaseConsole(process->Console);
    for (int i = 0; i < process->Options.Argc; i++) {
        free(process->Options.Argv[i]);
    }
    free(process->Options.Argv);
    free(process);
}

void KiDeleteProcessResources(KPROCESS *process)
{
    if (process->Mm) {
        process->PeakCommit = MmGetPeakCommit(process->Mm);
        process->PeakResident = MmGetPeakResident(process->Mm);
        MmDeleteProcessAddressSpace(process->Mm);
        process->Mm = NULL;
    }
    if (process->State != KiDead && process->Emu) {
        process->ExitTime100ns = KiGuestTime100ns(process);
    }
    process->State = KiDead;
    for (KTHREAD *t = process->Threads; t; t = t->NextInProcess) {
        KiAbortWait(t, STATUS_THREAD_IS_TERMINATING); /* its wait's references go */
        if (t->State != KiDead) {
            t->State = KiDead;
            t->ExitTime100ns = process->ExitTime100ns;
            t->Terminated = true;
            t->ExitStatus = process->ExitStatus;
            process->ActiveThreads--;
        }
        KiAbandonMutants(t);
    }
    /* Handles may name its own threads: the table goes after them. */
    ExDestroyHandleTable(&process->Handles);
    KiUnloadModules(process);
    /* Whoever waits for it (or its threads) can go on. */
    KiUnwaitThreads(process->System);
}

/* The process's own copy of its command line. */
static bool CopyArguments(KPROCESS *process, const KE_OPTIONS *options)
{
    process->Options = *options;
    process->Options.Argv = calloc((size_t)options->Argc + 1, sizeof(char *));
    if (!process->Options.Argv) {
        return false;
    }
    for (int i = 0; i < options->Argc; i++) {
        process->Options.Argv[i] = strdup(options->Argv[i]);
        if (!process->Options.Argv[i]) {
            return false;
        }
    }
    return true;
}

/* A process object with its ids, referenced once (by the scheduler). */
static KPROCESS *NewProcess(KSYSTEM *system, bool trace_exceptions, bool trace_faults)
{
    KPROCESS *process = calloc(1, sizeof *process);
    if (!process) {
        return NULL;
    }
    process->Header.Type = ExObjectProcess;
    process->Header.References = 1;
    process->Header.Close = DeleteProcessObject;
    process->System = system;
    process->UniqueProcessId = system->NextProcessId;
    process->UniqueThreadId = system->NextProcessId + 4;
    system->NextProcessId += 8;
    process->TraceExceptions = trace_exceptions;
    process->TraceFaults = trace_faults;
    process->Emu = system->Emu;
    process->CreateTime100ns = process->Emu ? KiGuestTime100ns(process) : 0;
    return process;
}

/* The new process is the last in the scheduler's list. */
static void AppendProcess(KPROCESS *process)
{
    KPROCESS **link = &process->System->Processes;
    while (*link) {
        link = &(*link)->Next;
    }
    *link = process;
}

KE_FAILURE KiCreateProcess(KSYSTEM *system, const KE_OPTIONS *options, const char *path,
                           const KI_CREATE_PARAMETERS *create, KPROCESS **out, char *why,
                           size_t whylen)
{
    KPROCESS *process = NewProcess(system, options->TraceExceptions, options->TraceFaults);
    if (!process) {
        snprintf(why, whylen, "out of host memory");
        return KeInternalError;
    }

    KE_FAILURE failure = KeRan;
    if (!CopyArguments(process, options) ||
        MmCreateProcessAddressSpace(system->Mm, &process->Mm) != STATUS_SUCCESS) {
        snprintf(why, whylen, "out of memory for a new process");
        failure = KeInternalError;
    } else {
        MmSetProcessId(process->Mm, process->UniqueProcessId);
        MmSetThreadId(process->Mm, process->UniqueThreadId);
    }
    /* Inherited handles first: they keep their values, the standard
     * streams made for the process take the free ones after them. */
    if (failure == KeRan && create && create->InheritHandles &&
        ExInheritHandleTable(&create->Parent->Handles, &process->Handles) != STATUS_SUCCESS) {
        snprintf(why, whylen, "out of memory for a new process's handles");
        failure = KeInternalError;
    }
    uint32_t entry = 0;
    if (failure == KeRan) {
        failure = KiLoadProgram(process, &process->Options, path, &entry, why, whylen);
    }
    EMU_REGISTERS initial;
    if (failure == KeRan) {
        NTSTATUS status = KiCreateProcessEnvironment(process, &process->Options, path, create,
                                                     &initial, entry, why, whylen);
        /* An image asking for more than the address space or the commit
         * limit holds cannot be loaded; anything else is ntmm's failure. */
        failure = status == STATUS_SUCCESS ? KeRan
                  : status == STATUS_INVALID_IMAGE_FORMAT || status == STATUS_NO_MEMORY ||
                          status == STATUS_COMMITMENT_LIMIT
                      ? KeCannotLoad
                      : KeInternalError;
    }
    if (failure == KeRan && KiCreateInitialThread(process, &initial) != STATUS_SUCCESS) {
        snprintf(why, whylen, "out of memory for a new thread");
        failure = KeInternalError;
    }
    if (failure != KeRan) {
        KiDeleteProcessResources(process); /* its thread, if any, is dead */
        ExDereferenceObject(&process->Header);
        return failure;
    }
    AppendProcess(process);
    *out = process;
    return KeRan;
}

/* The modules' records, for a clone (the images themselves are in memory). */
static bool CopyModules(KPROCESS *child, const KPROCESS *parent)
{
    child->Modules = calloc(1, sizeof *child->Modules);
    if (!child->Modules) {
        return false;
    }
    *child->Modules = *parent->Modules;
    for (uint32_t i = 0; i < KI_MAX_MODULES; i++) {
        KI_MODULE *m = &child->Modules->Module[i];
        m->Image = NULL;
        m->File = NULL;
        m->Info = NULL;
        m->TlsTemplate = NULL;
        m->Section = NULL;
    }
    for (uint32_t i = 0; i < KI_MAX_MODULES; i++) {
        if (!LdrpCopyModule(&child->Modules->Module[i], &parent->Modules->Module[i])) {
            return false;
        }
    }
    return true;
}

NTSTATUS KiCloneProcess(KPROCESS *parent, KPROCESS **out)
{
    KPROCESS *child = NewProcess(parent->System, parent->TraceExceptions, parent->TraceFaults);
    if (!child) {
        return STATUS_NO_MEMORY;
    }
    child->ParentProcessId = parent->UniqueProcessId;
    KiInheritToken(parent, child);
    child->PebVa = parent->PebVa;
    child->ImageBase = parent->ImageBase;
    child->ExecuteOptions = parent->ExecuteOptions;
    child->KiUserExceptionDispatcher = parent->KiUserExceptionDispatcher;
    child->KiUserApcDispatcher = parent->KiUserApcDispatcher;
    child->RtlUserThreadStart = parent->RtlUserThreadStart;
    /* Only the calling thread is cloned, as RtlCloneUserProcess does. */
    KTHREAD *caller = parent->System->CurrentThread;
    child->TebVa = caller->TebVa;
    NTSTATUS status = STATUS_NO_MEMORY;
    KTHREAD *thread = NULL;
    if (CopyArguments(child, &parent->Options) && CopyModules(child, parent) &&
        (thread = KiCloneThread(child, caller)) != NULL) {
        status = ExDuplicateHandleTable(&parent->Handles, &child->Handles);
    }
    if (status == STATUS_SUCCESS) {
        status = MmCloneProcessAddressSpace(parent->Mm, &child->Mm);
    }
    if (status == STATUS_SUCCESS) {
        MmSetProcessId(child->Mm, child->UniqueProcessId);
        MmSetThreadId(child->Mm, child->UniqueThreadId);
        /* Its TEB names it (a write that copies the TEB page for it). */
        uint32_t client[2] = {child->UniqueProcessId, child->UniqueThreadId};
        status = MmWriteProcessMemoryForce(child->Mm, child->TebVa + TEB_CLIENT_ID, client,
                                           sizeof client);
    }
    if (status != STATUS_SUCCESS) {
        KiDeleteProcessResources(child);
        ExDereferenceObject(&child->Header);
        return status;
    }
    /* Its thread is the parent's, at this very system call: it returns
     * STATUS_PROCESS_CLONED in the child, on the child's page tables. */
    EmuSaveThreadState(parent->Emu, thread->Context);
    EmuSetThreadStateEax(thread->Context, (uint32_t)STATUS_PROCESS_CLONED);
    EmuSetThreadStatePageTableRoot(thread->Context, MmGetPageTableRoot(child->Mm));
    AppendProcess(child);
    *out = child;
    return STATUS_SUCCESS;
}
