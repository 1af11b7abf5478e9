/*
 * A thread's life in ntdll: DLL_THREAD_ATTACH when it starts, user APCs
 * while it waits alertably, DLL_THREAD_DETACH and NtTerminateThread when
 * it exits.
 */
#include "ntdll/ntdll.h"

#define DLL_THREAD_ATTACH 2
#define DLL_THREAD_DETACH 3

static LDR_DATA_TABLE_ENTRY *ModuleOf(LIST_ENTRY *link)
{
    return (LDR_DATA_TABLE_ENTRY *)((BYTE *)link -
                                    __builtin_offsetof(LDR_DATA_TABLE_ENTRY,
                                                       InInitializationOrderLinks));
}

/* LdrpInitializeThread: each DLL, dependencies first, then the program,
 * hears of the new thread (TLS callbacks, then DllMain). */
void LdrpInitializeThread(void)
{
    PEB *peb = NtCurrentPeb();
    LIST_ENTRY *head = &peb->Ldr->InInitializationOrderModuleList;
    for (LIST_ENTRY *link = head->Flink; link != head; link = link->Flink) {
        LDR_DATA_TABLE_ENTRY *module = ModuleOf(link);
        RtlpCallTlsCallbacks(module->DllBase, DLL_THREAD_ATTACH);
        if (module->EntryPoint) {
            RtlpCallEntry(module->EntryPoint, 3, (ULONG)module->DllBase, DLL_THREAD_ATTACH, 0);
        }
    }
    RtlpCallTlsCallbacks(peb->ImageBaseAddress, DLL_THREAD_ATTACH);
}

/* LdrShutdownThread, in the reverse order, then the thread ends. */
void NTAPI RtlExitUserThread(NTSTATUS status)
{
    PEB *peb = NtCurrentPeb();
    RtlpCallTlsCallbacks(peb->ImageBaseAddress, DLL_THREAD_DETACH);
    LIST_ENTRY *head = &peb->Ldr->InInitializationOrderModuleList;
    for (LIST_ENTRY *link = head->Blink; link != head; link = link->Blink) {
        LDR_DATA_TABLE_ENTRY *module = ModuleOf(link);
        if (module->EntryPoint) {
            RtlpCallEntry(module->EntryPoint, 3, (ULONG)module->DllBase, DLL_THREAD_DETACH, 0);
        }
        RtlpCallTlsCallbacks(module->DllBase, DLL_THREAD_DETACH);
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
