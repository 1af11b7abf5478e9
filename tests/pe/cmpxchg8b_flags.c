/*
 * The flags after `lock cmpxchg8b`, as an exception handler and the
 * program see them. On Windows (any x86) cmpxchg8b sets ZF and leaves the
 * other flags alone; EFLAGS never shows TF, DF, AC, NT or IOPL that the
 * program did not set. Unicorn 2.1.1 computes cmpxchg8b's flags from a
 * stale record (emu/cpustate.c), which left EBX's bits in the lazy flags:
 * here EBX is 0xFFFFFF00, so a handler's CONTEXT.EFlags showed TF, DF and
 * IOPL 3, and resuming single-stepped (STATUS_SINGLE_STEP at the next
 * instruction) with string instructions running backwards.
 */
#include "pe.h"

static DWORD ContextEFlags;
static int Calls;

/* Records the handler's view and steps over the 2-byte faulting read. */
static EXCEPTION_DISPOSITION __cdecl FlagsHandler(EXCEPTION_RECORD *record, void *frame,
                                                  CONTEXT *context, void *dispatcher)
{
    (void)record;
    (void)frame;
    (void)dispatcher;
    ContextEFlags = context->EFlags;
    Calls++;
    context->Eip += 2;
    return ExceptionContinueExecution;
}

static __attribute__((aligned(8))) volatile DWORD Target[2];

void __cdecl start(void)
{
    SEH_FRAME frame;
    SehPush(&frame, FlagsHandler);
    DWORD after;
    /* A first cmpxchg8b ends its block with the flags recorded as its
     * own (the jmp ends the block). Then, in the next block: add sets CF
     * PF SF (cc_src = EBX); cmpxchg8b finds EDX:EAX = 0:0 equal (ZF); the
     * read of address 0 faults right after, in the same block. */
    __asm__ volatile("xorl %%eax, %%eax\n\t"
                     "xorl %%edx, %%edx\n\t"
                     "xorl %%ebx, %%ebx\n\t"
                     "xorl %%ecx, %%ecx\n\t"
                     "lock cmpxchg8b (%1)\n\t"
                     "jmp 1f\n"
                     "1:\n\t"
                     "xorl %%eax, %%eax\n\t"
                     "xorl %%edx, %%edx\n\t"
                     "movl $0xFFFFFF00, %%ebx\n\t"
                     "movl %%ebx, %%ecx\n\t"
                     "addl %%ebx, %%ecx\n\t"
                     "lock cmpxchg8b (%1)\n\t"
                     "movl (%%edx), %%eax\n\t" /* EDX is 0: an access violation, 2 bytes */
                     "pushfl\n\t"
                     "popl %0\n\t"
                     : "=r"(after)
                     : "S"(Target)
                     : "eax", "ebx", "ecx", "edx", "cc", "memory");
    SehPop(&frame);

    CHECK_EQ("handler calls", Calls, 1);
    CHECK_EQ("the handler's EFlags: ZF set", ContextEFlags & 0x40, 0x40);
    CHECK_EQ("the handler's EFlags: no TF, DF, IOPL, NT, AC or reserved bit",
             ContextEFlags & ~0x8D5u & ~0x202u, 0);
    CHECK_EQ("EFlags after resuming: no TF, DF, IOPL, NT, AC or reserved bit",
             after & ~0x8D5u & ~0x202u, 0);
    CHECK_EQ("cmpxchg8b stored ECX:EBX", Target[0], 0xFFFFFF00u);
    CHECK_EQ("cmpxchg8b stored ECX:EBX (high)", Target[1], 0xFFFFFE00u);
    Finish();
}
