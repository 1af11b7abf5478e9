/*
 * IsBadReadPtr, IsBadWritePtr, IsBadCodePtr: touch the range inside an
 * exception frame of our own; any exception (an access violation, or a
 * guard page — whose guard is then gone, as on Windows) means "bad".
 */
#include "kernel32/kernel32.h"

typedef struct PROBE_FRAME {
    EXCEPTION_REGISTRATION_RECORD Registration;
    ULONG ResumeEip, ResumeEsp, ResumeEbp;
} PROBE_FRAME;

/* Resumes at the recovery point the probing function saved. */
static EXCEPTION_DISPOSITION ProbeHandler(EXCEPTION_RECORD *record,
                                          struct EXCEPTION_REGISTRATION_RECORD *frame,
                                          CONTEXT *context, PVOID dispatcher_context)
{
    (void)dispatcher_context;
    if (record->ExceptionFlags & (EXCEPTION_UNWINDING | EXCEPTION_EXIT_UNWIND)) {
        return ExceptionContinueSearch;
    }
    PROBE_FRAME *probe = (PROBE_FRAME *)frame;
    context->Eip = probe->ResumeEip;
    context->Esp = probe->ResumeEsp;
    context->Ebp = probe->ResumeEbp;
    return ExceptionContinueExecution;
}

static __attribute__((noinline, returns_twice)) BOOL Probe(ULONG start, ULONG length, BOOL write)
{
    PROBE_FRAME frame;
    PROBE_FRAME *f = &frame;
    int failed;
    /* The recovery point: 0 now, 1 when the handler resumes here. */
    __asm__ volatile("movl $1f, 8(%1)\n\t"
                     "movl %%esp, 12(%1)\n\t"
                     "movl %%ebp, 16(%1)\n\t"
                     "xorl %0, %0\n\t"
                     "jmp 2f\n"
                     "1:\n\t"
                     "movl $1, %0\n"
                     "2:"
                     : "=a"(failed), "+c"(f)
                     :
                     : "memory", "ebx", "esi", "edi", "edx");
    if (failed) {
        TebWrite(TEB_EXCEPTION_LIST, (ULONG)frame.Registration.Next);
        return TRUE;
    }
    frame.Registration.Next = (EXCEPTION_REGISTRATION_RECORD *)TebRead(TEB_EXCEPTION_LIST);
    frame.Registration.Handler = ProbeHandler;
    TebWrite(TEB_EXCEPTION_LIST, (ULONG)&frame);

    /* The first byte, every page after it, and the last byte. */
    ULONG last = start + length - 1;
    volatile BYTE *p = (volatile BYTE *)start;
    for (;;) {
        BYTE value = *p;
        if (write) {
            *p = value;
        }
        if ((ULONG)p == last) {
            break;
        }
        ULONG next = ((ULONG)p | 0xFFF) + 1;
        p = (volatile BYTE *)(next > last || next == 0 ? last : next);
    }
    TebWrite(TEB_EXCEPTION_LIST, (ULONG)frame.Registration.Next);
    return FALSE;
}

static BOOL BadRange(const void *address, ULONG length, BOOL write)
{
    if (length == 0) {
        return FALSE;
    }
    ULONG start = (ULONG)address;
    if (start + length - 1 < start) {
        return TRUE; /* wraps around the address space */
    }
    return Probe(start, length, write);
}

BOOL WINAPI IsBadReadPtr(const void *address, ULONG_PTR length)
{
    return BadRange(address, length, FALSE);
}

BOOL WINAPI IsBadWritePtr(void *address, ULONG_PTR length)
{
    return BadRange(address, length, TRUE);
}

BOOL WINAPI IsBadCodePtr(void *address)
{
    return BadRange(address, 1, FALSE);
}
