/*
 * Exceptions the CPU raises for instructions, as NT reports them:
 * int3 → STATUS_BREAKPOINT with EIP and ExceptionAddress at the int3 itself;
 * div by zero → STATUS_INTEGER_DIVIDE_BY_ZERO at the div;
 * ud2 → STATUS_ILLEGAL_INSTRUCTION; hlt and cli at ring 3 →
 * STATUS_PRIVILEGED_INSTRUCTION.
 */
#include "pe.h"

static DWORD Skip;

static EXCEPTION_DISPOSITION __cdecl Handler(EXCEPTION_RECORD *record, void *frame, CONTEXT *context,
                                             void *dispatcher)
{
    (void)frame;
    (void)dispatcher;
    Seen = *record;
    SeenEip = context->Eip;
    HandlerCalls++;
    context->Eip += Skip;
    return ExceptionContinueExecution;
}

extern char Int3Here[], DivHere[], Ud2Here[], HltHere[], CliHere[];

void __cdecl start(void)
{
    SEH_FRAME frame;
    SehPush(&frame, Handler);

    Skip = 1;
    __asm__ volatile(".globl _Int3Here\n_Int3Here: int3" ::: "memory");
    CHECK_EQ("int3: STATUS_BREAKPOINT", Seen.ExceptionCode, 0x80000003);
    CHECK_EQ("  ExceptionAddress = the int3", (DWORD)Seen.ExceptionAddress, (DWORD)Int3Here);
    CHECK_EQ("  CONTEXT.Eip = the int3", SeenEip, (DWORD)Int3Here);
    /* Three parameters on 32-bit Windows, the first BREAKPOINT_BREAK (Wine's
     * ntdll/tests/exception.c, test_breakpoint; WoW64 gives one). */
    CHECK_EQ("  NumberParameters 3", Seen.NumberParameters, 3);
    CHECK_EQ("  ExceptionInformation[0] BREAKPOINT_BREAK", Seen.ExceptionInformation[0], 0);

    Skip = 2;
    __asm__ volatile("xorl %%ecx, %%ecx\n\t"
                     "movl $7, %%eax\n\t"
                     "xorl %%edx, %%edx\n"
                     ".globl _DivHere\n_DivHere: divl %%ecx" ::: "eax", "ecx", "edx", "memory");
    CHECK_EQ("div by zero: STATUS_INTEGER_DIVIDE_BY_ZERO", Seen.ExceptionCode, 0xC0000094);
    CHECK_EQ("  at the div", (DWORD)Seen.ExceptionAddress, (DWORD)DivHere);

    __asm__ volatile(".globl _Ud2Here\n_Ud2Here: ud2" ::: "memory");
    CHECK_EQ("ud2: STATUS_ILLEGAL_INSTRUCTION", Seen.ExceptionCode, 0xC000001D);
    CHECK_EQ("  at the ud2", (DWORD)Seen.ExceptionAddress, (DWORD)Ud2Here);

    Skip = 1;
    __asm__ volatile(".globl _HltHere\n_HltHere: hlt" ::: "memory");
    CHECK_EQ("hlt: STATUS_PRIVILEGED_INSTRUCTION", Seen.ExceptionCode, 0xC0000096);
    CHECK_EQ("  at the hlt", (DWORD)Seen.ExceptionAddress, (DWORD)HltHere);
    __asm__ volatile(".globl _CliHere\n_CliHere: cli" ::: "memory");
    CHECK_EQ("cli: STATUS_PRIVILEGED_INSTRUCTION", Seen.ExceptionCode, 0xC0000096);
    CHECK_EQ("handler calls", HandlerCalls, 5);
    SehPop(&frame);
    Finish();
}
