/*
 * RtlUserThreadStart(entry, peb): where the first thread begins. The
 * kernel has mapped every module; here each DLL's entry point is called
 * (dependencies first, as the loader ordered InInitializationOrderModuleList),
 * then the program's entry, and its return value ends the process.
 */
#include "ntdll/ntdll.h"

#define DLL_PROCESS_ATTACH 1

/* Calls fn with its arguments and restores ESP from EBP afterwards, so an
 * entry point of either calling convention returns safely. */
__asm__(
    ".globl _RtlpCallEntry\n"
    "_RtlpCallEntry:\n"                 /* (fn, arg_count, a1, a2, a3) */
    "    pushl %ebp\n"
    "    movl %esp, %ebp\n"
    "    pushl %ebx\n"
    "    pushl %esi\n"
    "    pushl %edi\n"
    "    movl 12(%ebp), %ecx\n"
    "    cmpl $3, %ecx\n"
    "    jb 1f\n"
    "    pushl 24(%ebp)\n"
    "    pushl 20(%ebp)\n"
    "1:  pushl 16(%ebp)\n"
    "    call *8(%ebp)\n"
    "    leal -12(%ebp), %esp\n"
    "    popl %edi\n"
    "    popl %esi\n"
    "    popl %ebx\n"
    "    popl %ebp\n"
    "    ret\n");
ULONG RtlpCallEntry(PVOID fn, ULONG arg_count, ULONG a1, ULONG a2, ULONG a3);

/* The last frame of every thread: nothing above it handled the exception. */
static EXCEPTION_DISPOSITION ThreadFrameHandler(EXCEPTION_RECORD *record,
                                                EXCEPTION_REGISTRATION_RECORD *frame,
                                                CONTEXT *context, PVOID dispatcher_context)
{
    (void)record;
    (void)frame;
    (void)context;
    (void)dispatcher_context;
    return ExceptionContinueSearch;
}

void NTAPI RtlUserThreadStart(PVOID entry, PEB *peb)
{
    EXCEPTION_REGISTRATION_RECORD frame;
    frame.Next = (EXCEPTION_REGISTRATION_RECORD *)TebRead(TEB_EXCEPTION_LIST);
    frame.Handler = ThreadFrameHandler;
    TebWrite(TEB_EXCEPTION_LIST, (ULONG)&frame);

    LIST_ENTRY *head = &peb->Ldr->InInitializationOrderModuleList;
    for (LIST_ENTRY *link = head->Flink; link != head; link = link->Flink) {
        LDR_DATA_TABLE_ENTRY *module =
            (LDR_DATA_TABLE_ENTRY *)((BYTE *)link - __builtin_offsetof(LDR_DATA_TABLE_ENTRY,
                                                                       InInitializationOrderLinks));
        if (module->EntryPoint &&
            !RtlpCallEntry(module->EntryPoint, 3, (ULONG)module->DllBase, DLL_PROCESS_ATTACH, 1)) {
            NtTerminateProcess(NtCurrentProcess(), STATUS_DLL_INIT_FAILED);
        }
    }
    ULONG status = RtlpCallEntry(entry, 1, (ULONG)peb, 0, 0);
    NtTerminateProcess(NtCurrentProcess(), (NTSTATUS)status);
}
