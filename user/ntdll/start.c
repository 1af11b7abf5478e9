/*
 * RtlUserThreadStart(entry, argument): where every thread begins. The
 * first thread's argument is the PEB: the kernel has mapped every module;
 * here each DLL's entry point is called (dependencies first, as the loader
 * ordered InInitializationOrderModuleList), then the program's entry; its
 * return ends the thread (RtlExitUserThread), and the process with it when
 * no other thread is left (thread.c, ldrshut.c). A later thread
 * (NtCreateThreadEx) tells the DLLs DLL_THREAD_ATTACH, runs entry(argument), and its return
 * value ends the thread (RtlExitUserThread, thread.c).
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

/* RtlpCallInFrame(fn, a1, a2, a3, handler): fn(a1, a2, a3) inside an
 * exception registration of its own on fs:[0] — Next, Handler = handler,
 * then the EBP to resume with; RtlpResumeAfterCall(frame), called by the
 * handler once it has unwound the frames above, abandons the call there and
 * makes RtlpCallInFrame return 0 with its callee-saved registers restored. */
__asm__(
    ".globl _RtlpCallInFrame\n"
    "_RtlpCallInFrame:\n"
    "    pushl %ebp\n"
    "    movl %esp, %ebp\n"
    "    pushl %ebx\n"
    "    pushl %esi\n"
    "    pushl %edi\n"
    "    pushl %ebp\n"                  /* CALL_FRAME.Ebp */
    "    pushl 24(%ebp)\n"              /* .Registration.Handler */
    "    pushl %fs:0\n"                 /* .Registration.Next */
    "    movl %esp, %fs:0\n"
    "    pushl 20(%ebp)\n"
    "    pushl 16(%ebp)\n"
    "    pushl 12(%ebp)\n"
    "    call *8(%ebp)\n"
    "1:  leal -24(%ebp), %esp\n"        /* the CALL_FRAME */
    "    popl %fs:0\n"
    "    addl $8, %esp\n"
    "    popl %edi\n"
    "    popl %esi\n"
    "    popl %ebx\n"
    "    popl %ebp\n"
    "    ret\n"
    ".globl _RtlpResumeAfterCall\n"
    "_RtlpResumeAfterCall:\n"          /* (frame) */
    "    movl 4(%esp), %eax\n"
    "    movl 8(%eax), %ebp\n"
    "    movl %eax, %esp\n"
    "    xorl %eax, %eax\n"
    "    jmp 1b\n");

typedef LONG (NTAPI *TOP_LEVEL_FILTER)(EXCEPTION_POINTERS *info);
static TOP_LEVEL_FILTER UnhandledFilter;

/* kernel32 registers its UnhandledExceptionFilter here (as Vista's does). */
void NTAPI RtlSetUnhandledExceptionFilter(PVOID filter)
{
    UnhandledFilter = (TOP_LEVEL_FILTER)filter;
}

#define EXCEPTION_EXECUTE_HANDLER 1

/*
 * The last frame of every thread: nothing above it handled the exception.
 * The top-level filter decides: continue, or end the process with the
 * exception's code (as BaseProcessStart's __except does on Windows).
 */
static EXCEPTION_DISPOSITION ThreadFrameHandler(EXCEPTION_RECORD *record,
                                                EXCEPTION_REGISTRATION_RECORD *frame,
                                                CONTEXT *context, PVOID dispatcher_context)
{
    (void)frame;
    (void)dispatcher_context;
    if (!UnhandledFilter || (record->ExceptionFlags & (EXCEPTION_UNWINDING | EXCEPTION_EXIT_UNWIND))) {
        return ExceptionContinueSearch;
    }
    EXCEPTION_POINTERS pointers = {record, context};
    LONG verdict = UnhandledFilter(&pointers);
    if (verdict == EXCEPTION_CONTINUE_EXECUTION) {
        return ExceptionContinueExecution;
    }
    if (verdict == EXCEPTION_EXECUTE_HANDLER) {
        NtTerminateProcess(NtCurrentProcess(), record->ExceptionCode);
    }
    return ExceptionContinueSearch;
}

/* An image's TLS callbacks, from its own TLS directory (lpReserved NULL,
 * as NT's LdrpCallTlsInitializers passes); shielded: each inside an
 * exception frame (RtlpCallShielded). */
static void CallTlsCallbacks(PVOID base, ULONG reason, BOOLEAN shielded)
{
    const BYTE *image = base;
    ULONG nt;
    memcpy(&nt, image + 0x3C, 4);
    ULONG directories, tls_rva;
    memcpy(&directories, image + nt + 0x74, 4);   /* NumberOfRvaAndSizes */
    if (directories <= 9) {
        return;
    }
    memcpy(&tls_rva, image + nt + 0xC0, 4);       /* DataDirectory[TLS] */
    if (!tls_rva) {
        return;
    }
    PVOID *callback = *(PVOID **)(image + tls_rva + 12);  /* AddressOfCallBacks */
    for (; callback && *callback; callback++) {
        if (shielded) {
            RtlpCallShielded(*callback, (ULONG)base, reason, 0);
        } else {
            RtlpCallEntry(*callback, 3, (ULONG)base, reason, 0);
        }
    }
}

void RtlpCallTlsCallbacks(PVOID base, ULONG reason)
{
    CallTlsCallbacks(base, reason, FALSE);
}

void RtlpShieldTlsCallbacks(PVOID base, ULONG reason)
{
    CallTlsCallbacks(base, reason, TRUE);
}

static BOOLEAN ProcessInitialized;

void NTAPI RtlUserThreadStart(PVOID entry, PVOID argument)
{
    EXCEPTION_REGISTRATION_RECORD frame;
    frame.Next = (EXCEPTION_REGISTRATION_RECORD *)TebRead(TEB_EXCEPTION_LIST);
    frame.Handler = ThreadFrameHandler;
    TebWrite(TEB_EXCEPTION_LIST, (ULONG)&frame);

    if (ProcessInitialized) {
        LdrpInitializeThread();
        RtlExitUserThread((NTSTATUS)RtlpCallEntry(entry, 1, (ULONG)argument, 0, 0));
    }
    ProcessInitialized = TRUE;
    PEB *peb = argument;
    RtlpInitializeProcessHeap(peb);
    RtlpInitializeNlsTables(peb);
    LdrpInitializeLoaderLock();

    /* DLLs, dependencies first: TLS callbacks, then DllMain. */
    LIST_ENTRY *head = &peb->Ldr->InInitializationOrderModuleList;
    for (LIST_ENTRY *link = head->Flink; link != head; link = link->Flink) {
        LDR_DATA_TABLE_ENTRY *module = LdrpModuleOfInitLink(link);
        CallTlsCallbacks(module->DllBase, DLL_PROCESS_ATTACH, FALSE);
        if (!module->EntryPoint) {
            continue;
        }
        if (!RtlpCallEntry(module->EntryPoint, 3, (ULONG)module->DllBase, DLL_PROCESS_ATTACH, 1)) {
            NtTerminateProcess(NtCurrentProcess(), STATUS_DLL_INIT_FAILED);
        }
        module->Flags |= LDRP_PROCESS_ATTACH_CALLED;   /* it hears DLL_PROCESS_DETACH */
    }
    /* Then the program's own TLS callbacks, and its entry point. Its
     * return is the thread's end, as for any thread (BaseThreadInitThunk
     * calls RtlExitUserThread since Vista; XP's BaseProcessStart called
     * ExitThread): the process ends with it only if it is the last. */
    CallTlsCallbacks(peb->ImageBaseAddress, DLL_PROCESS_ATTACH, FALSE);
    RtlExitUserThread((NTSTATUS)RtlpCallEntry(entry, 1, (ULONG)peb, 0, 0));
}
