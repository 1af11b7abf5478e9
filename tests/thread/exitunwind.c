/*
 * RtlUnwind over the whole exception chain. Windows' answers (NT's x86
 * RtlUnwind, as ReactOS has it):
 *  - TargetFrame EXCEPTION_CHAIN_END (-1): every frame's handler is called
 *    with EXCEPTION_UNWINDING, the chain is left empty, RtlUnwind returns;
 *  - TargetFrame NULL, an exit unwind: every handler is called with
 *    EXCEPTION_UNWINDING | EXCEPTION_EXIT_UNWIND and, the record being
 *    NULL, the code STATUS_UNWIND; then RtlUnwind raises that record as a
 *    second-chance exception and, nobody being left to handle it, the
 *    process ends with STATUS_UNWIND (0xC0000027): RtlUnwind never
 *    returns.
 * Run with "chain-end" or "exit".
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

typedef struct FRAME {
    struct FRAME *Next;
    PVOID Handler;
    int Number;
} FRAME;

static EXCEPTION_DISPOSITION __cdecl Handler(EXCEPTION_RECORD *record, void *frame, CONTEXT *context,
                                             void *dispatcher)
{
    (void)context;
    (void)dispatcher;
    printf("handler %d: flags 0x%lx, code 0x%08lX\n", ((FRAME *)frame)->Number,
           record->ExceptionFlags, record->ExceptionCode);
    fflush(stdout);
    return ExceptionContinueSearch;
}

static FRAME *Chain(void)
{
    FRAME *head;
    __asm__ volatile("movl %%fs:0, %0" : "=r"(head));
    return head;
}

static void SetChain(FRAME *head)
{
    __asm__ volatile("movl %0, %%fs:0" : : "r"(head) : "memory");
}

int main(int argc, char **argv)
{
    int exit_unwind = argc > 1 && strcmp(argv[1], "exit") == 0;
    FRAME outer = {Chain(), (PVOID)Handler, 1};
    SetChain(&outer);
    FRAME inner = {&outer, (PVOID)Handler, 2};
    SetChain(&inner);
    RtlUnwind(exit_unwind ? NULL : (PVOID)-1, NULL, NULL, 0);
    printf("RtlUnwind returned, the chain %s\n",
           Chain() == (FRAME *)-1 ? "empty (EXCEPTION_CHAIN_END)" : "not empty");
    return exit_unwind ? 1 : 0;
}
