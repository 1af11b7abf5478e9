/*
 * A thread's CONTEXT as 32-bit Windows gives and takes it. Windows'
 * answers are those of Wine's dlls/ntdll/tests/exception.c:
 *  - debug registers (test_exceptions, test_debug_registers): what
 *    NtSetContextThread sets with CONTEXT_DEBUG_REGISTERS,
 *    NtGetContextThread gives back; an exception's CONTEXT carries them,
 *    and what a handler writes there NtContinue sets; a new thread has
 *    all six zero. NtSetContextThread on the caller answers STATUS_SUCCESS.
 *  - single step (single_step_handler): the handler's context has TF
 *    clear; a handler that sets TF again gets the next instruction's.
 *  - RtlCaptureContext (test_thread_context): the caller's frame, through
 *    EBP: Eip its return address, Ebp its caller's frame, Esp before the
 *    call; CONTEXT_FULL; selectors stored as 16-bit moves.
 *  - NtGetContextThread with CONTEXT_FLOATING_POINT: the x87 control word.
 *  - an unmasked x87 error (test_fpu_exceptions): STATUS_FLOAT_DIVIDE_BY_ZERO
 *    at the fwait that finds it pending.
 *  - a thread starts with the x87 control word 0x27F: every exception
 *    masked, 53-bit precision (Microsoft's _controlfp documents that
 *    default; ntmm started threads with 0, every exception unmasked and
 *    24-bit precision).
 */
#include "pe.h"

NTSTATUS NTAPI NtGetContextThread(HANDLE thread, CONTEXT *context);
NTSTATUS NTAPI NtSetContextThread(HANDLE thread, const CONTEXT *context);

static DWORD HandlerDr0, HandlerFlags, SetDr0;

/* A fault's handler: records Dr0, sets it to SetDr0, skips the access. */
static EXCEPTION_DISPOSITION __cdecl DrHandler(EXCEPTION_RECORD *record, void *frame,
                                               CONTEXT *context, void *dispatcher)
{
    (void)record;
    (void)frame;
    (void)dispatcher;
    HandlerDr0 = context->Dr0;
    HandlerFlags = context->ContextFlags;
    context->Dr0 = SetDr0;
    context->Eip += 2;
    return ExceptionContinueExecution;
}

static DWORD GetDr(int which)
{
    CONTEXT context;
    memset(&context, 0, sizeof context);
    context.ContextFlags = CONTEXT_DEBUG_REGISTERS;
    NtGetContextThread(GetCurrentThread(), &context);
    return which == 0 ? context.Dr0 : which == 2 ? context.Dr2 : context.Dr7;
}

static DWORD WINAPI Idle(void *arg)
{
    (void)arg;
    return 0;
}

static void DebugRegisters(void)
{
    CONTEXT context;
    memset(&context, 0, sizeof context);
    context.ContextFlags = CONTEXT_DEBUG_REGISTERS;
    context.Dr0 = 0x42424240;
    context.Dr2 = 0x126BB070;
    context.Dr7 = 0xFFFF0115;
    CHECK_EQ("NtSetContextThread(self, CONTEXT_DEBUG_REGISTERS): STATUS_SUCCESS",
             NtSetContextThread(GetCurrentThread(), &context), 0);
    CHECK_EQ("  Dr0 read back", GetDr(0), 0x42424240);
    CHECK_EQ("  Dr2 read back", GetDr(2), 0x126BB070);
    CHECK_EQ("  Dr7 read back", GetDr(7), 0xFFFF0115);

    SEH_FRAME frame;
    SehPush(&frame, DrHandler);
    SetDr0 = 0x0BADBAD0;
    ReadAt(0);
    SehPop(&frame);
    CHECK_EQ("an exception's CONTEXT has CONTEXT_DEBUG_REGISTERS",
             HandlerFlags & CONTEXT_DEBUG_REGISTERS, CONTEXT_DEBUG_REGISTERS);
    CHECK_EQ("  and the thread's Dr0", HandlerDr0, 0x42424240);
    CHECK_EQ("the handler's Dr0, set by NtContinue", GetDr(0), 0x0BADBAD0);

    HANDLE thread = CreateThread(NULL, 0, Idle, NULL, CREATE_SUSPENDED, NULL);
    memset(&context, 0xCC, sizeof context);
    context.ContextFlags = CONTEXT_DEBUG_REGISTERS;
    CHECK_EQ("NtGetContextThread(new thread)", NtGetContextThread(thread, &context), 0);
    CHECK_EQ("  a new thread's Dr0 is 0", context.Dr0, 0);
    CHECK_EQ("  a new thread's Dr7 is 0", context.Dr7, 0);
    ResumeThread(thread);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);

    memset(&context, 0, sizeof context);
    context.ContextFlags = CONTEXT_DEBUG_REGISTERS;
    NtSetContextThread(GetCurrentThread(), &context);
}

static int Steps, StepsWithTf;
static DWORD StepCode;

static EXCEPTION_DISPOSITION __cdecl StepHandler(EXCEPTION_RECORD *record, void *frame,
                                                 CONTEXT *context, void *dispatcher)
{
    (void)frame;
    (void)dispatcher;
    StepCode = record->ExceptionCode;
    if (context->EFlags & 0x100) {
        StepsWithTf++;
    }
    if (++Steps < 3) {
        context->EFlags |= 0x100;   /* one more instruction */
    }
    return ExceptionContinueExecution;
}

static void SingleStep(void)
{
    SEH_FRAME frame;
    SehPush(&frame, StepHandler);
    __asm__ volatile("pushfl\n\t"
                     "orl $0x100, (%%esp)\n\t"
                     "popfl\n\t"
                     "nop\n\t"
                     "nop\n\t"
                     "nop\n\t"
                     "nop\n\t"
                     "nop" ::: "memory", "cc");
    SehPop(&frame);
    CHECK_EQ("single steps: three (the handler set TF twice)", Steps, 3);
    CHECK_EQ("  each STATUS_SINGLE_STEP", StepCode, 0x80000004);
    CHECK_EQ("  no handler's context had TF set", StepsWithTf, 0);
}

static CONTEXT Captured;

/* With a frame pointer: RtlCaptureContext reads the frame through EBP. */
static __attribute__((noinline, optimize("no-omit-frame-pointer"))) void Capture(DWORD *frame,
                                                                                 DWORD *saved,
                                                                                 DWORD *ret)
{
    *frame = (DWORD)__builtin_frame_address(0);
    *saved = *(DWORD *)__builtin_frame_address(0);
    *ret = (DWORD)__builtin_return_address(0);
    RtlCaptureContext(&Captured);
}

static void CaptureContext(void)
{
    DWORD frame, saved, ret;
    memset(&Captured, 0xCC, sizeof Captured);
    Capture(&frame, &saved, &ret);
    CHECK_EQ("RtlCaptureContext: ContextFlags CONTEXT_FULL", Captured.ContextFlags, 0x10007);
    CHECK_EQ("  Eip: the caller's return address", Captured.Eip, ret);
    CHECK_EQ("  Ebp: the caller's caller's frame", Captured.Ebp, saved);
    CHECK_EQ("  Esp: before the caller was called", Captured.Esp, frame + 8);
    CHECK_EQ("  SegCs: a 16-bit store", Captured.SegCs, 0xCCCC0000u | 0x1B);
    CHECK_EQ("  SegSs: a 16-bit store", Captured.SegSs, 0xCCCC0000u | 0x23);
}

static DWORD FpuCode, FpuEip;
extern char FwaitHere[];

static EXCEPTION_DISPOSITION __cdecl FpuHandler(EXCEPTION_RECORD *record, void *frame,
                                                CONTEXT *context, void *dispatcher)
{
    (void)frame;
    (void)dispatcher;
    FpuCode = record->ExceptionCode;
    FpuEip = context->Eip;
    context->Eip += 1;   /* past the fwait; the code clears the error */
    return ExceptionContinueExecution;
}

static void FloatingPoint(void)
{
    WORD control;
    __asm__ volatile("fnstcw %0" : "=m"(control));
    CONTEXT context;
    memset(&context, 0xCC, sizeof context);
    context.ContextFlags = CONTEXT_FLOATING_POINT;
    CHECK_EQ("NtGetContextThread(CONTEXT_FLOATING_POINT)", NtGetContextThread(GetCurrentThread(), &context), 0);
    CHECK_EQ("  FloatSave.ControlWord: the x87 control word", context.FloatSave.ControlWord & 0xFFFF, control);

    SEH_FRAME frame;
    SehPush(&frame, FpuHandler);
    WORD unmasked = 0x3FB; /* divide by zero unmasked */
    __asm__ volatile("fldcw %0\n\t"
                     "fldz\n\t"
                     "fld1\n\t"
                     "fdivp\n\t"
                     ".globl _FwaitHere\n"
                     "_FwaitHere: fwait\n\t"
                     "fnclex\n\t"
                     "fstp %%st(0)\n\t"
                     "fldcw %1"
                     : : "m"(unmasked), "m"(control) : "memory", "st");
    SehPop(&frame);
    CHECK_EQ("1/0 unmasked: STATUS_FLOAT_DIVIDE_BY_ZERO", FpuCode, 0xC000008E);
    CHECK_EQ("  reported at the fwait", FpuEip, (DWORD)FwaitHere);
}

void __cdecl start(void)
{
    WORD initial;
    __asm__ volatile("fnstcw %0" : "=m"(initial));
    CHECK_EQ("the initial x87 control word", initial, 0x27F);
    DebugRegisters();
    SingleStep();
    CaptureContext();
    FloatingPoint();
    Finish();
}
