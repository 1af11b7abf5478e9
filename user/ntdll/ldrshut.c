/*
 * The end of a process, as NT's ntdll runs it. ExitProcess is
 * RtlExitUserProcess: take the loader lock (no other thread is half-way
 * through a load or an unload), NtTerminateProcess(NULL) (every other
 * thread ends where it stands: no DLL_THREAD_DETACH for any of them), then
 * LdrShutdownProcess, then NtTerminateProcess(self).
 *
 * LdrShutdownProcess first runs the exiting thread's fiber-local storage
 * callbacks (fls.c; Wine's LdrShutdownProcess, and its fls_exit_deadlock
 * test, whose callback sees the DLL shutdown under way), then walks
 * InInitializationOrderModuleList backwards, so
 * the DLL initialized last hears first and msvcrt.dll, initialized before
 * the DLLs that import it, hears after them (and flushes its streams then).
 * A module is told only if its DllMain returned TRUE for
 * DLL_PROCESS_ATTACH (LDRP_PROCESS_ATTACH_CALLED; FreeLibrary clears it as
 * it detaches): its TLS callbacks with DLL_PROCESS_DETACH, then its entry
 * point with DLL_PROCESS_DETACH and lpReserved 1 — non-NULL, "the process
 * is terminating" in Microsoft's DllMain documentation. The program's own
 * TLS callbacks hear last. Each call runs inside an exception frame of its
 * own: an exception a handler does not catch ends that module's call and
 * the next module is told (ReactOS's LdrShutdownProcess, each call in an
 * SEH2_TRY/EXCEPT(EXCEPTION_EXECUTE_HANDLER)). Shutdown runs once: a DLL
 * that calls ExitProcess from its DLL_PROCESS_DETACH ends the process at
 * once with that code ("only unload once! DllTerm routines might call exit
 * process", NT's LdrShutdownProcess; Wine's test_ExitProcess phase 2
 * expects the inner call's exit code).
 */
#include "ntdll/ntdll.h"

#define DLL_PROCESS_DETACH 0

static BOOLEAN ShutdownInProgress;

/* TRUE once LdrShutdownProcess has begun. (Not exported as
 * RtlDllShutdownInProgress: Wine's test_ExitProcess shows Windows'
 * answer inside DLL_PROCESS_DETACH depends on how the other threads
 * ended, which this flag does not model.) */
BOOLEAN LdrpShutdownInProgress(void)
{
    return ShutdownInProgress;
}

/*
 * RtlpCallShielded(fn, module, reason, reserved): fn(module, reason,
 * reserved) inside an exception frame of its own (the asm half is
 * RtlpCallInFrame, start.c). An exception nothing inside handled makes
 * ShieldHandler unwind the frames above ours and resume RtlpCallInFrame
 * after the call, returning 0, as an __except(EXCEPTION_EXECUTE_HANDLER)
 * would.
 */
static EXCEPTION_DISPOSITION ShieldHandler(EXCEPTION_RECORD *record,
                                          EXCEPTION_REGISTRATION_RECORD *frame, CONTEXT *context,
                                          PVOID dispatcher_context)
{
    (void)context;
    (void)dispatcher_context;
    if (record->ExceptionFlags & (EXCEPTION_UNWINDING | EXCEPTION_EXIT_UNWIND)) {
        return ExceptionContinueSearch;
    }
    /* The handlers above ours run their __finally blocks and destructors;
     * fs:[0] is our frame again. Then the call is abandoned. */
    RtlUnwind(frame, NULL, record, 0);
    RtlpResumeAfterCall(frame);
}

ULONG RtlpCallShielded(PVOID fn, ULONG a1, ULONG a2, ULONG a3)
{
    return RtlpCallInFrame(fn, a1, a2, a3, ShieldHandler);
}

/* TLS callbacks then the entry point, each shielded. */
static void DetachModule(LDR_DATA_TABLE_ENTRY *module)
{
    RtlpShieldTlsCallbacks(module->DllBase, DLL_PROCESS_DETACH);
    RtlpCallShielded(module->EntryPoint, (ULONG)module->DllBase, DLL_PROCESS_DETACH, 1);
}

/* The module initialized last that has not been told yet. Searched again
 * after each call: a DllMain may load a library (which is then told too, as
 * Wine's process_detach does) — FreeLibrary unloads nothing by now. */
static LDR_DATA_TABLE_ENTRY *LastAttached(PEB *peb)
{
    LIST_ENTRY *head = &peb->Ldr->InInitializationOrderModuleList;
    for (LIST_ENTRY *link = head->Blink; link != head; link = link->Blink) {
        LDR_DATA_TABLE_ENTRY *module = LdrpModuleOfInitLink(link);
        if (module->DllBase != peb->ImageBaseAddress && module->EntryPoint &&
            (module->Flags & LDRP_PROCESS_ATTACH_CALLED)) {
            return module;
        }
    }
    return NULL;
}

void NTAPI LdrShutdownProcess(void)
{
    if (ShutdownInProgress) {
        return;
    }
    ShutdownInProgress = TRUE;
    RtlProcessFlsData(RtlpCurrentFlsData(), 1);
    LdrpLockLoader();
    PEB *peb = NtCurrentPeb();
    LDR_DATA_TABLE_ENTRY *module;
    while ((module = LastAttached(peb))) {
        module->Flags &= ~LDRP_PROCESS_ATTACH_CALLED;
        DetachModule(module);
    }
    RtlpShieldTlsCallbacks(peb->ImageBaseAddress, DLL_PROCESS_DETACH);
    LdrpUnlockLoader();
}

void NTAPI RtlExitUserProcess(NTSTATUS status)
{
    LdrpLockLoader();
    NtTerminateProcess(NULL, status);
    LdrShutdownProcess();
    for (;;) {
        NtTerminateProcess(NtCurrentProcess(), status);
    }
}
