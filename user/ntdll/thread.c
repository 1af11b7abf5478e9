/*
 * A thread's life in ntdll: DLL_THREAD_ATTACH when it starts, user APCs
 * while it waits alertably, DLL_THREAD_DETACH and NtTerminateThread when
 * it exits.
 */
#include "ntdll/ntdll.h"

#define DLL_THREAD_ATTACH 2
#define DLL_THREAD_DETACH 3

/* Whether a module hears of threads: its DllMain returned TRUE for
 * DLL_PROCESS_ATTACH (a DLL another thread is still loading does not, as
 * NT's LdrpInitializeThread and LdrShutdownThread test
 * LDRP_PROCESS_ATTACH_CALLED), and it did not ask not to (neither its
 * DllMain nor its TLS callbacks then, as ReactOS's LdrpInitializeThread). */
static BOOLEAN HearsThreads(const LDR_DATA_TABLE_ENTRY *module)
{
    return module->EntryPoint && (module->Flags & LDRP_PROCESS_ATTACH_CALLED) &&
           !(module->Flags & LDRP_DONT_CALL_FOR_THREADS);
}

/* Whether an image has a TLS directory (static TLS: the loader gives each
 * thread its block, which its thread notifications then need). */
static BOOLEAN HasStaticTls(const BYTE *image)
{
    ULONG nt, directories, tls_rva = 0;
    memcpy(&nt, image + 0x3C, 4);
    memcpy(&directories, image + nt + 0x74, 4);   /* NumberOfRvaAndSizes */
    if (directories > 9) {
        memcpy(&tls_rva, image + nt + 0xC0, 4);   /* DataDirectory[TLS] */
    }
    return tls_rva != 0;
}

/* DisableThreadLibraryCalls: the module hears of no more threads. Refused,
 * with STATUS_DLL_NOT_FOUND, for a handle that is no loaded module and for
 * a module with static TLS (Microsoft's DisableThreadLibraryCalls: "fails
 * if the DLL ... has active static thread local storage"; Wine's ntdll
 * gives that status for both) — which every mingw-w64 DLL has, its CRT's
 * TLS directory included. */
NTSTATUS NTAPI LdrDisableThreadCalloutsForDll(PVOID base)
{
    NTSTATUS status = STATUS_DLL_NOT_FOUND;
    LdrpLockLoader();
    LIST_ENTRY *head = &NtCurrentPeb()->Ldr->InLoadOrderModuleList;
    for (LIST_ENTRY *link = head->Flink; link != head; link = link->Flink) {
        LDR_DATA_TABLE_ENTRY *module = (LDR_DATA_TABLE_ENTRY *)link; /* InLoadOrderLinks is first */
        if (module->DllBase == base) {
            if (!HasStaticTls(base)) {
                module->Flags |= LDRP_DONT_CALL_FOR_THREADS;
                status = STATUS_SUCCESS;
            }
            break;
        }
    }
    LdrpUnlockLoader();
    return status;
}

/* LdrpInitializeThread: each DLL, dependencies first, then the program,
 * hears of the new thread (TLS callbacks, then DllMain) — unless the
 * process is already shutting down. */
void LdrpInitializeThread(void)
{
    if (LdrpShutdownInProgress()) {
        return;
    }
    PEB *peb = NtCurrentPeb();
    LdrpLockLoader();
    LIST_ENTRY *head = &peb->Ldr->InInitializationOrderModuleList;
    for (LIST_ENTRY *link = head->Flink; link != head; link = link->Flink) {
        LDR_DATA_TABLE_ENTRY *module = LdrpModuleOfInitLink(link);
        if (HearsThreads(module)) {
            RtlpCallTlsCallbacks(module->DllBase, DLL_THREAD_ATTACH);
            RtlpCallEntry(module->EntryPoint, 3, (ULONG)module->DllBase, DLL_THREAD_ATTACH, 0);
        }
    }
    RtlpCallTlsCallbacks(peb->ImageBaseAddress, DLL_THREAD_ATTACH);
    LdrpUnlockLoader();
}

#define ThreadAmILastThread 12

/* RtlExitUserThread: the last thread's exit is the process's
 * (RtlExitUserProcess: DLL_PROCESS_DETACH, no DLL_THREAD_DETACH), as on
 * Windows, where ExitThread of the last thread ends the process. Any other
 * runs LdrShutdownThread — its fiber-local storage callbacks (fls.c), then
 * the DLLs in the reverse order, each its TLS callbacks then its DllMain,
 * the program's TLS callbacks last, as NT's does — frees its FLS block and
 * TLS expansion slots (kernel32's tls.c) and ends. */
void NTAPI RtlExitUserThread(NTSTATUS status)
{
    ULONG last = 0;
    if (NT_SUCCESS(NtQueryInformationThread(NtCurrentThread(), ThreadAmILastThread, &last,
                                            sizeof last, NULL)) && last) {
        RtlExitUserProcess(status);
    }
    PEB *peb = NtCurrentPeb();
    if (!LdrpShutdownInProgress()) {
        RtlProcessFlsData(RtlpCurrentFlsData(), 1);   /* FLS callbacks first, as Wine's */
        LdrpLockLoader();
        LIST_ENTRY *head = &peb->Ldr->InInitializationOrderModuleList;
        for (LIST_ENTRY *link = head->Blink; link != head; link = link->Blink) {
            LDR_DATA_TABLE_ENTRY *module = LdrpModuleOfInitLink(link);
            if (HearsThreads(module)) {
                RtlpCallTlsCallbacks(module->DllBase, DLL_THREAD_DETACH);
                RtlpCallEntry(module->EntryPoint, 3, (ULONG)module->DllBase, DLL_THREAD_DETACH, 0);
            }
        }
        RtlpCallTlsCallbacks(peb->ImageBaseAddress, DLL_THREAD_DETACH);
        LdrpUnlockLoader();
    }
    RtlProcessFlsData(RtlpCurrentFlsData(), 2);
    PVOID expansion = (PVOID)TebRead(TEB_TLS_EXPANSION_SLOTS);
    if (expansion) {
        TebWrite(TEB_TLS_EXPANSION_SLOTS, 0);
        RtlFreeHeap(peb->ProcessHeap, 0, expansion);
    }
    HANDLE event = (HANDLE)TebRead(TEB_WAIT_EVENT);
    if (event) {
        TebWrite(TEB_WAIT_EVENT, 0);
        NtClose(event);
    }
    NtTerminateThread(NtCurrentThread(), status);
    for (;;) {
    }
}

HANDLE RtlpThreadWaitEvent(void)
{
    HANDLE event = (HANDLE)TebRead(TEB_WAIT_EVENT);
    if (!event) {
        /* A synchronization (auto-reset) event, not signaled. */
        if (!NT_SUCCESS(NtCreateEvent(&event, 0x1F0003, NULL, 1, FALSE))) {
            RtlRaiseStatus(STATUS_NO_MEMORY);
        }
        TebWrite(TEB_WAIT_EVENT, (ULONG)event);
    }
    return event;
}

/*
 * KiUserApcDispatcher: where the kernel resumes a thread to run a user
 * APC. The stack holds the routine, its three arguments and the thread's
 * CONTEXT; the routine is called (stdcall, so it pops what it takes: EDI,
 * which it preserves, keeps the CONTEXT's address), then NtContinue
 * resumes the context — TRUE: with the next queued APC first, if any.
 */
__asm__(
    ".globl _KiUserApcDispatcher@16\n"
    "_KiUserApcDispatcher@16:\n"
    "    leal 16(%esp), %edi\n"
    "    popl %eax\n"
    "    call *%eax\n"
    "    pushl $1\n"
    "    pushl %edi\n"
    "    call _NtContinue@8\n"
    "    pushl %eax\n"
    "    call _RtlRaiseStatus@4\n");
