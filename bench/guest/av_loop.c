/*
 * Guest side of the handled-access-violation benchmark: N reads of address
 * 0, each caught by an fs:[0] frame whose handler moves EIP past the faulting
 * instruction and returns ExceptionContinueExecution (→ NtContinue).
 * Built twice: with ITERATIONS faults and with none, so the benchmark can
 * subtract the cost of starting a process.
 */
#include <windows.h>

#ifndef ITERATIONS
#define ITERATIONS 100000
#endif

static volatile unsigned Iterations = ITERATIONS;
static volatile unsigned Handled;

static EXCEPTION_DISPOSITION __cdecl Handler(EXCEPTION_RECORD *record, void *frame,
                                             CONTEXT *context, void *dispatcher)
{
    (void)frame;
    (void)dispatcher;
    if (record->ExceptionCode != EXCEPTION_ACCESS_VIOLATION) {
        return ExceptionContinueSearch;
    }
    Handled++;
    context->Eip += 2; /* mov eax, [eax]: 8B 00 */
    return ExceptionContinueExecution;
}

/* The entry point (-Wl,-e,_start): no C runtime. */
void __cdecl start(void);

void __cdecl start(void)
{
    struct { void *next; void *handler; } frame;
    __asm__ volatile("movl %%fs:0, %%eax\n\tmovl %%eax, %0\n\tmovl %%esp, %%eax\n\t" : "=m"(frame.next) : : "eax");
    frame.handler = (void *)Handler;
    __asm__ volatile("leal %0, %%eax\n\tmovl %%eax, %%fs:0" : : "m"(frame) : "eax");
    for (unsigned i = 0; i < Iterations; i++) {
        __asm__ volatile("xorl %%eax, %%eax\n\t.byte 0x8B, 0x00" : : : "eax", "memory");
    }
    __asm__ volatile("movl %0, %%eax\n\tmovl %%eax, %%fs:0" : : "m"(frame.next) : "eax");
    ExitProcess(Handled == Iterations ? 0 : 1);
}
