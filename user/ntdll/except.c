/*
 * User-mode exception dispatch, as NT x86 does it.
 *
 * The kernel leaves the EXCEPTION_RECORD and CONTEXT on the stack and
 * resumes at KiUserExceptionDispatcher, which asks RtlDispatchException to
 * find a handler: first the vectored handlers, then each frame of the fs:[0]
 * chain (each frame checked to lie in the thread's stack). A handler runs
 * inside a frame of our own, so an exception raised by the handler itself
 * is recognised as nested. Then NtContinue resumes the (possibly changed)
 * context, or NtRaiseException(FirstChance = FALSE) ends the process.
 */
#include "ntdll/ntdll.h"

/*
 * KiUserExceptionDispatcher is entered with [esp] = &record and
 * [esp+4] = &context: no return address, it is not a call.
 */
__asm__(
    ".globl _KiUserExceptionDispatcher@8\n"
    "_KiUserExceptionDispatcher@8:\n"
    "    movl 4(%esp), %ecx\n"          /* context */
    "    movl (%esp), %ebx\n"           /* record */
    "    pushl %ecx\n"
    "    pushl %ebx\n"
    "    call _RtlDispatchException@8\n"
    "    orb %al, %al\n"
    "    je 1f\n"
    "    popl %ebx\n"
    "    popl %ecx\n"
    "    pushl $0\n"
    "    pushl %ecx\n"
    "    call _NtContinue@8\n"          /* returns only on failure */
    "    jmp 2f\n"
    "1:  popl %ebx\n"
    "    popl %ecx\n"
    "    pushl $0\n"
    "    pushl %ecx\n"
    "    pushl %ebx\n"
    "    call _NtRaiseException@12\n"   /* second chance: the process ends */
    "2:  pushl %eax\n"
    "    call _RtlRaiseStatus@4\n");

/*
 * RtlpExecuteHandler(record, frame, context, dispatcher_context, handler,
 * nested_handler): calls handler(record, frame, context, dispatcher_context)
 * with a registration of our own on fs:[0] whose handler is nested_handler
 * and which remembers `frame`. Callee-saved registers are saved, and ESP is
 * restored from EBP, so a handler of any calling convention is safe.
 */
__asm__(
    ".globl _RtlpExecuteHandler\n"
    "_RtlpExecuteHandler:\n"
    "    pushl %ebp\n"
    "    movl %esp, %ebp\n"
    "    pushl %ebx\n"
    "    pushl %esi\n"
    "    pushl %edi\n"
    "    pushl 12(%ebp)\n"              /* NESTED_FRAME.EstablisherFrame */
    "    pushl 28(%ebp)\n"              /* .Handler = nested_handler */
    "    pushl %fs:0\n"                 /* .Next */
    "    movl %esp, %fs:0\n"
    "    pushl 20(%ebp)\n"
    "    pushl 16(%ebp)\n"
    "    pushl 12(%ebp)\n"
    "    pushl 8(%ebp)\n"
    "    movl 24(%ebp), %ecx\n"
    "    call *%ecx\n"
    "    leal -24(%ebp), %esp\n"        /* our registration */
    "    popl %fs:0\n"
    "    leal -12(%ebp), %esp\n"
    "    popl %edi\n"
    "    popl %esi\n"
    "    popl %ebx\n"
    "    popl %ebp\n"
    "    ret\n");

EXCEPTION_DISPOSITION RtlpExecuteHandler(EXCEPTION_RECORD *record,
                                         EXCEPTION_REGISTRATION_RECORD *frame, CONTEXT *context,
                                         PVOID *dispatcher_context, PEXCEPTION_ROUTINE handler,
                                         PEXCEPTION_ROUTINE nested_handler);

typedef struct NESTED_FRAME {
    EXCEPTION_REGISTRATION_RECORD Registration;
    EXCEPTION_REGISTRATION_RECORD *EstablisherFrame;
} NESTED_FRAME;

/* An exception raised while a handler runs: tell the dispatcher which
 * frame was being handled, so it can skip to beyond it. */
static EXCEPTION_DISPOSITION NestedDispatchHandler(EXCEPTION_RECORD *record,
                                                   EXCEPTION_REGISTRATION_RECORD *frame,
                                                   CONTEXT *context, PVOID dispatcher_context)
{
    (void)context;
    if (record->ExceptionFlags & (EXCEPTION_UNWINDING | EXCEPTION_EXIT_UNWIND)) {
        return ExceptionContinueSearch;
    }
    *(PVOID *)dispatcher_context = ((NESTED_FRAME *)frame)->EstablisherFrame;
    return ExceptionNestedException;
}

/* An unwind that runs into a frame being unwound by another unwind. */
static EXCEPTION_DISPOSITION NestedUnwindHandler(EXCEPTION_RECORD *record,
                                                 EXCEPTION_REGISTRATION_RECORD *frame,
                                                 CONTEXT *context, PVOID dispatcher_context)
{
    (void)context;
    if (!(record->ExceptionFlags & (EXCEPTION_UNWINDING | EXCEPTION_EXIT_UNWIND))) {
        return ExceptionContinueSearch;
    }
    *(PVOID *)dispatcher_context = ((NESTED_FRAME *)frame)->EstablisherFrame;
    return ExceptionCollidedUnwind;
}

static EXCEPTION_DISPOSITION RtlpExecuteHandlerForException(EXCEPTION_RECORD *record,
                                                            EXCEPTION_REGISTRATION_RECORD *frame,
                                                            CONTEXT *context,
                                                            PVOID *dispatcher_context)
{
    return RtlpExecuteHandler(record, frame, context, dispatcher_context, frame->Handler,
                              NestedDispatchHandler);
}

EXCEPTION_DISPOSITION RtlpExecuteHandlerForUnwind(EXCEPTION_RECORD *record,
                                                  EXCEPTION_REGISTRATION_RECORD *frame,
                                                  CONTEXT *context, PVOID *dispatcher_context)
{
    return RtlpExecuteHandler(record, frame, context, dispatcher_context, frame->Handler,
                              NestedUnwindHandler);
}

void RtlpGetStackLimits(ULONG *low, ULONG *high)
{
    *low = TebRead(TEB_STACK_LIMIT);
    *high = TebRead(TEB_STACK_BASE);
}

/* A registration record must lie inside the stack, aligned, whole. */
BOOLEAN RtlpIsValidFrame(EXCEPTION_REGISTRATION_RECORD *frame, ULONG low, ULONG high)
{
    ULONG address = (ULONG)frame;
    return address >= low && address + sizeof *frame <= high && (address & 3) == 0;
}

/* Raises `code` as a non-continuable exception about `original` (an
 * invalid disposition, a bad unwind target…), as NT's dispatcher does. */
void RtlpRaiseNoncontinuable(NTSTATUS code, EXCEPTION_RECORD *original)
{
    EXCEPTION_RECORD record;
    memset(&record, 0, sizeof record);
    record.ExceptionCode = code;
    record.ExceptionFlags = EXCEPTION_NONCONTINUABLE;
    record.ExceptionRecord = original;
    RtlRaiseException(&record);
}

BOOLEAN NTAPI RtlDispatchException(EXCEPTION_RECORD *record, CONTEXT *context)
{
    if (RtlpCallVectoredHandlers(record, context)) {
        RtlpCallVectoredContinueHandlers(record, context);
        return TRUE;
    }
    ULONG low, high;
    RtlpGetStackLimits(&low, &high);
    EXCEPTION_REGISTRATION_RECORD *frame = (EXCEPTION_REGISTRATION_RECORD *)TebRead(TEB_EXCEPTION_LIST);
    EXCEPTION_REGISTRATION_RECORD *nested = NULL;

    while (frame != EXCEPTION_CHAIN_END) {
        /* The stack limit may lag behind a stack that grew: a frame between
         * the committed bottom and the old limit is still the stack's. */
        if (!RtlpIsValidFrame(frame, low, high) &&
            !RtlpIsValidFrame(frame, (ULONG)context->Esp & ~0xFFFu, high)) {
            record->ExceptionFlags |= EXCEPTION_STACK_INVALID;
            return FALSE;
        }
        PVOID dispatcher_context = NULL;
        EXCEPTION_DISPOSITION disposition =
            RtlpExecuteHandlerForException(record, frame, context, &dispatcher_context);
        if (frame == nested) {
            /* Past the frame whose handler raised the nested exception. */
            record->ExceptionFlags &= ~EXCEPTION_NESTED_CALL;
            nested = NULL;
        }
        switch (disposition) {
        case ExceptionContinueExecution:
            if (record->ExceptionFlags & EXCEPTION_NONCONTINUABLE) {
                RtlpRaiseNoncontinuable(STATUS_NONCONTINUABLE_EXCEPTION, record);
                break;
            }
            RtlpCallVectoredContinueHandlers(record, context);
            return TRUE;
        case ExceptionContinueSearch:
            break;
        case ExceptionNestedException:
            record->ExceptionFlags |= EXCEPTION_NESTED_CALL;
            if ((ULONG)dispatcher_context > (ULONG)nested) {
                nested = dispatcher_context;
            }
            break;
        default:
            RtlpRaiseNoncontinuable(STATUS_INVALID_DISPOSITION, record);
            break;
        }
        frame = frame->Next;
    }
    return FALSE;
}

/*
 * RtlRaiseException: capture the caller's context (EIP = the return
 * address, ESP = the caller's after the stdcall return) with CONTEXT_ALL —
 * the integer, control and segment registers, the x87 state (FNSAVE, then
 * FRSTOR to leave it as it was), the FXSAVE area, the debug registers as
 * zero — set ExceptionAddress to that EIP, and dispatch here in user mode.
 * An EXCEPTION_BREAKPOINT's context says EIP - 1, as NT's dispatcher
 * leaves it for every breakpoint (raised by int 3 or by software).
 * Handled: NtContinue; not handled: the second chance ends the process.
 * The CONTEXT is placed so that ExtendedRegisters (+0xCC) is 16-byte
 * aligned, as FXSAVE needs.
 */
__asm__(
    ".globl _RtlRaiseException@4\n"
    "_RtlRaiseException@4:\n"
    "    pushl %ebp\n"
    "    movl %esp, %ebp\n"
    "    subl $0x2CC, %esp\n"
    "    andl $-16, %esp\n"
    "    subl $12, %esp\n"             /* esp + 0xCC is 16-byte aligned */
    "    movl %eax, 0xB0(%esp)\n"
    "    movl %ecx, 0xAC(%esp)\n"
    "    movl %edx, 0xA8(%esp)\n"
    "    movl %ebx, 0xA4(%esp)\n"
    "    movl %esi, 0xA0(%esp)\n"
    "    movl %edi, 0x9C(%esp)\n"
    "    movl (%ebp), %eax\n"
    "    movl %eax, 0xB4(%esp)\n"       /* Ebp */
    "    movl 4(%ebp), %eax\n"
    "    movl %eax, 0xB8(%esp)\n"       /* Eip */
    "    leal 12(%ebp), %eax\n"
    "    movl %eax, 0xC4(%esp)\n"       /* Esp */
    "    pushfl\n"
    "    popl 0xC0(%esp)\n"             /* EFlags */
    "    xorl %eax, %eax\n"
    "    movw %cs, %ax\n"
    "    movl %eax, 0xBC(%esp)\n"
    "    movw %ss, %ax\n"
    "    movl %eax, 0xC8(%esp)\n"
    "    movw %ds, %ax\n"
    "    movl %eax, 0x98(%esp)\n"
    "    movw %es, %ax\n"
    "    movl %eax, 0x94(%esp)\n"
    "    movw %fs, %ax\n"
    "    movl %eax, 0x90(%esp)\n"
    "    movw %gs, %ax\n"
    "    movl %eax, 0x8C(%esp)\n"
    "    movl $0x1003F, (%esp)\n"       /* CONTEXT_ALL */
    "    xorl %eax, %eax\n"
    "    movl %eax, 0x04(%esp)\n"       /* Dr0-Dr3, Dr6, Dr7 */
    "    movl %eax, 0x08(%esp)\n"
    "    movl %eax, 0x0C(%esp)\n"
    "    movl %eax, 0x10(%esp)\n"
    "    movl %eax, 0x14(%esp)\n"
    "    movl %eax, 0x18(%esp)\n"
    "    fnsave 0x1C(%esp)\n"           /* FloatSave; FNSAVE resets the FPU... */
    "    frstor 0x1C(%esp)\n"           /* ...so put it back */
    "    movl %eax, 0x88(%esp)\n"       /* FloatSave.Cr0NpxState */
    "    fxsave 0xCC(%esp)\n"           /* ExtendedRegisters */
    "    movl 8(%ebp), %edx\n"
    "    movl 4(%ebp), %eax\n"
    "    movl %eax, 12(%edx)\n"         /* ExceptionAddress */
    "    cmpl $0x80000003, (%edx)\n"    /* EXCEPTION_BREAKPOINT: EIP - 1 */
    "    jne 3f\n"
    "    decl 0xB8(%esp)\n"
    "3:\n"
    "    movl %esp, %eax\n"
    "    pushl %eax\n"
    "    pushl %edx\n"
    "    call _RtlDispatchException@8\n"
    "    orb %al, %al\n"
    "    je 1f\n"
    "    movl %esp, %eax\n"
    "    pushl $0\n"
    "    pushl %eax\n"
    "    call _NtContinue@8\n"
    "    jmp 2f\n"
    "1:  movl %esp, %eax\n"
    "    movl 8(%ebp), %edx\n"
    "    pushl $0\n"
    "    pushl %eax\n"
    "    pushl %edx\n"
    "    call _NtRaiseException@12\n"
    "2:  pushl %eax\n"
    "    call _RtlRaiseStatus@4\n");

void NTAPI RtlRaiseStatus(NTSTATUS status)
{
    EXCEPTION_RECORD record;
    memset(&record, 0, sizeof record);
    record.ExceptionCode = status;
    record.ExceptionFlags = EXCEPTION_NONCONTINUABLE;
    RtlRaiseException(&record);
}

/*
 * RtlCaptureContext, as NT x86's: the integer registers and EFLAGS as the
 * caller has them, but the control registers of the caller's own frame,
 * found through EBP: Eip is the caller's return address ([ebp+4]), Ebp its
 * caller's frame ([ebp]), Esp the stack as it was before the caller was
 * called (ebp + 8). Resuming that context returns from the caller. The
 * selectors are stored as 16-bit moves, leaving the high halves of the
 * fields as they were. ContextFlags is CONTEXT_FULL. (Wine's
 * ntdll/tests/exception.c, test_thread_context, states all of it.)
 */
__asm__(
    ".globl _RtlCaptureContext@4\n"
    "_RtlCaptureContext@4:\n"
    "    pushl %ebx\n"
    "    movl 8(%esp), %ebx\n"          /* context */
    "    movl %eax, 0xB0(%ebx)\n"
    "    movl %ecx, 0xAC(%ebx)\n"
    "    movl %edx, 0xA8(%ebx)\n"
    "    popl %eax\n"
    "    movl %eax, 0xA4(%ebx)\n"       /* the caller's EBX */
    "    movl %esi, 0xA0(%ebx)\n"
    "    movl %edi, 0x9C(%ebx)\n"
    "    pushfl\n"
    "    popl 0xC0(%ebx)\n"
    "    movw %cs, 0xBC(%ebx)\n"
    "    movw %ss, 0xC8(%ebx)\n"
    "    movw %ds, 0x98(%ebx)\n"
    "    movw %es, 0x94(%ebx)\n"
    "    movw %fs, 0x90(%ebx)\n"
    "    movw %gs, 0x8C(%ebx)\n"
    "    movl (%ebp), %eax\n"
    "    movl %eax, 0xB4(%ebx)\n"       /* Ebp: the caller's caller's frame */
    "    movl 4(%ebp), %eax\n"
    "    movl %eax, 0xB8(%ebx)\n"       /* Eip: the caller's return address */
    "    leal 8(%ebp), %eax\n"
    "    movl %eax, 0xC4(%ebx)\n"       /* Esp: before the caller was called */
    "    movl $0x10007, (%ebx)\n"
    "    movl 0xA4(%ebx), %ebx\n"       /* restore EBX */
    "    ret $4\n");
