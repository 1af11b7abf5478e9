/*
 * Smaller rules of exception dispatch, as Windows has them:
 *
 * - Vectored continue handlers (RtlAddVectoredContinueHandler, kernel32's
 *   AddVectoredContinueHandler) are called, in their list's order, when the
 *   dispatch is about to resume the program — after a vectored handler or
 *   a frame handler returned EXCEPTION_CONTINUE_EXECUTION — with the
 *   context that will be resumed (their changes to it take effect); one
 *   returning EXCEPTION_CONTINUE_EXECUTION ends the walk. Each list's
 *   remove routine knows only its own handlers. (Wine's ntdll exception
 *   tests, test_vectored_continue_handler.)
 * - RtlUnwind returns the Eax of the context its unwind handlers saw:
 *   ReturnValue, unless a handler changed it (Wine's test_rtlunwind).
 * - RtlRaiseException (RaiseException) gives the handlers a CONTEXT_ALL
 *   context whose Eip is ExceptionAddress — less one for
 *   EXCEPTION_BREAKPOINT, as for every breakpoint (Wine's
 *   test_rtlraiseexception).
 */
#include "pe.h"

typedef PVOID(NTAPI *ADD_HANDLER)(ULONG, PVECTORED_EXCEPTION_HANDLER);
typedef ULONG(NTAPI *REMOVE_HANDLER)(PVOID);
typedef ULONG_PTR(NTAPI *RTL_UNWIND)(PVOID, PVOID, EXCEPTION_RECORD *, ULONG_PTR);

static volatile char Order[16];
static volatile int Calls;
static volatile DWORD SeenEipByContinue;
static LONG StopAt = -1; /* which continue handler returns CONTINUE_EXECUTION */

static void Note(char c)
{
    if (Calls < 15) {
        Order[Calls++] = c;
        Order[Calls] = 0;
    }
}

static LONG CALLBACK SkipVectored(EXCEPTION_POINTERS *info)
{
    Note('V');
    info->ContextRecord->Eip += 2; /* ReadAt's instruction */
    return EXCEPTION_CONTINUE_EXECUTION;
}

static LONG CALLBACK Continue1(EXCEPTION_POINTERS *info)
{
    Note('1');
    SeenEipByContinue = info->ContextRecord->Eip;
    return StopAt == 1 ? EXCEPTION_CONTINUE_EXECUTION : EXCEPTION_CONTINUE_SEARCH;
}

static LONG CALLBACK Continue2(EXCEPTION_POINTERS *info)
{
    Note('2');
    info->ContextRecord->Eax = 0x600D; /* resumed with this */
    return StopAt == 2 ? EXCEPTION_CONTINUE_EXECUTION : EXCEPTION_CONTINUE_SEARCH;
}

static EXCEPTION_DISPOSITION __cdecl FrameHandler(EXCEPTION_RECORD *record, void *frame,
                                                  CONTEXT *context, void *dispatcher)
{
    (void)frame;
    (void)dispatcher;
    if (record->ExceptionFlags & (EXCEPTION_UNWINDING | EXCEPTION_EXIT_UNWIND)) {
        return ExceptionContinueSearch;
    }
    Note('S');
    context->Eip += 2;
    return ExceptionContinueExecution;
}

/* mov eax, [ecx] with EAX returned: what the resumed context said. */
static __attribute__((noinline)) DWORD FaultAndReturnEax(void)
{
    DWORD value;
    __asm__ volatile("xorl %%eax, %%eax\n\tmovl (%%ecx), %%eax" : "=a"(value) : "c"(0) : "memory");
    return value;
}

static void ContinueHandlers(void)
{
    HMODULE k32 = GetModuleHandleA("kernel32.dll");
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    ADD_HANDLER add = (ADD_HANDLER)(void *)GetProcAddress(k32, "AddVectoredContinueHandler");
    REMOVE_HANDLER remove = (REMOVE_HANDLER)(void *)GetProcAddress(k32, "RemoveVectoredContinueHandler");
    ADD_HANDLER rtl_add = (ADD_HANDLER)(void *)GetProcAddress(ntdll, "RtlAddVectoredContinueHandler");
    REMOVE_HANDLER rtl_remove = (REMOVE_HANDLER)(void *)GetProcAddress(ntdll, "RtlRemoveVectoredContinueHandler");
    CHECK_EQ("AddVectoredContinueHandler exported", add != NULL && remove != NULL, 1);
    CHECK_EQ("RtlAddVectoredContinueHandler exported", rtl_add != NULL && rtl_remove != NULL, 1);
    if (!add || !remove || !rtl_add || !rtl_remove) {
        return;
    }

    /* The lists are separate. */
    PVOID a = rtl_add(TRUE, Continue1), b = rtl_add(TRUE, Continue1);
    CHECK_EQ("two handles, different", a != NULL && b != NULL && a != b, 1);
    CHECK_EQ("RemoveVectoredExceptionHandler does not know a continue handler",
             RemoveVectoredExceptionHandler(a), 0);
    CHECK_EQ("RtlRemoveVectoredContinueHandler", rtl_remove(a), 1);
    CHECK_EQ("  again: 0", rtl_remove(a), 0);
    CHECK_EQ("RemoveVectoredContinueHandler", remove(b), 1);
    CHECK_EQ("  a bogus handle: 0", remove((PVOID)0x11223344), 0);
    PVOID veh = AddVectoredExceptionHandler(TRUE, SkipVectored);
    CHECK_EQ("RemoveVectoredContinueHandler does not know a vectored handler",
             remove(veh), 0);
    RemoveVectoredExceptionHandler(veh);

    /* Called after a vectored handler continues, in list order (2 was
     * added first = TRUE, 1 last), with the context to be resumed. */
    PVOID c1 = add(FALSE, Continue1);
    PVOID c2 = add(TRUE, Continue2);
    veh = AddVectoredExceptionHandler(TRUE, SkipVectored);
    Calls = 0;
    DWORD eax = FaultAndReturnEax();
    Print("  order: ");
    Print((const char *)Order);
    Print("\n");
    CHECK_EQ("after a vectored handler: V, then 2, then 1", Order[0] == 'V' && Order[1] == '2' && Order[2] == '1' && Calls == 3, 1);
    CHECK_EQ("  the continue handler saw the Eip to be resumed",
             SeenEipByContinue > (DWORD)FaultAndReturnEax && SeenEipByContinue < (DWORD)FaultAndReturnEax + 32, 1);
    CHECK_EQ("  its change to the context took effect", eax, 0x600D);

    StopAt = 2;
    Calls = 0;
    FaultAndReturnEax();
    CHECK_EQ("one returning EXCEPTION_CONTINUE_EXECUTION ends the walk", Order[0] == 'V' && Order[1] == '2' && Calls == 2, 1);
    StopAt = -1;
    RemoveVectoredExceptionHandler(veh);

    /* After a frame handler continues. */
    SEH_FRAME frame;
    SehPush(&frame, FrameHandler);
    Calls = 0;
    eax = FaultAndReturnEax();
    SehPop(&frame);
    CHECK_EQ("after a frame handler: S, then 2, then 1", Order[0] == 'S' && Order[1] == '2' && Order[2] == '1' && Calls == 3, 1);
    CHECK_EQ("  resumed with the continue handler's Eax", eax, 0x600D);
    remove(c1);
    remove(c2);
    Calls = 0;
    SehPush(&frame, FrameHandler);
    FaultAndReturnEax();
    SehPop(&frame);
    CHECK_EQ("removed: only the frame handler runs", Calls == 1 && Order[0] == 'S', 1);
}

static volatile int UnwindCalls;
static DWORD NewEax;
static EXCEPTION_DISPOSITION __cdecl UnwindHandler(EXCEPTION_RECORD *record, void *frame,
                                                   CONTEXT *context, void *dispatcher)
{
    (void)frame;
    (void)dispatcher;
    if (record->ExceptionFlags & EXCEPTION_UNWINDING) {
        UnwindCalls++;
        if (NewEax) {
            context->Eax = NewEax;
        }
    }
    return ExceptionContinueSearch;
}

static void UnwindReturnValue(void)
{
    RTL_UNWIND unwind = (RTL_UNWIND)(void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "RtlUnwind");
    struct {
        SEH_FRAME Inner; /* lower address: the newer frame */
        SEH_FRAME Target;
    } frames;
    for (int changed = 0; changed < 2; changed++) {
        NewEax = changed ? 0x1234 : 0;
        UnwindCalls = 0;
        SehPush(&frames.Target, UnwindHandler);
        SehPush(&frames.Inner, UnwindHandler);
        ULONG_PTR result = unwind(&frames.Target, NULL, NULL, 0x55);
        SehPop(&frames.Target);
        CHECK_EQ(changed ? "RtlUnwind returns the Eax an unwind handler set"
                         : "RtlUnwind returns ReturnValue when no handler changes Eax",
                 result, changed ? 0x1234 : 0x55);
        CHECK_EQ("  one frame unwound", UnwindCalls, 1);
    }
}

static volatile DWORD RaisedFlags, RaisedEip, RaisedAddress;
static LONG CALLBACK RaiseHandler(EXCEPTION_POINTERS *info)
{
    DWORD code = info->ExceptionRecord->ExceptionCode;
    if (code != EXCEPTION_BREAKPOINT && code != 0xE0000001u) {
        return EXCEPTION_CONTINUE_SEARCH;
    }
    RaisedFlags = info->ContextRecord->ContextFlags;
    RaisedEip = info->ContextRecord->Eip;
    RaisedAddress = (DWORD)info->ExceptionRecord->ExceptionAddress;
    info->ContextRecord->Eip = RaisedAddress; /* resume after the call */
    return EXCEPTION_CONTINUE_EXECUTION;
}

static void RaisedContext(void)
{
    PVOID handler = AddVectoredExceptionHandler(TRUE, RaiseHandler);
    /* x87 state survives the capture (FNSAVE resets it; it is put back). */
    volatile double x = 1.5;
    RaiseException(0xE0000001u, 0, 0, NULL);
    CHECK_EQ("RaiseException: ContextFlags CONTEXT_ALL", RaisedFlags, 0x1003F);
    CHECK_EQ("  Eip is ExceptionAddress", RaisedEip == RaisedAddress && RaisedAddress != 0, 1);
    RaiseException(EXCEPTION_BREAKPOINT, 0, 0, NULL);
    CHECK_EQ("RaiseException(EXCEPTION_BREAKPOINT): CONTEXT_ALL", RaisedFlags, 0x1003F);
    CHECK_EQ("  Eip is ExceptionAddress - 1", RaisedEip, RaisedAddress - 1);
    CHECK_EQ("the x87 registers are intact", (DWORD)(x * 4.0), 6);
    RemoveVectoredExceptionHandler(handler);
}

void __cdecl start(void)
{
    RaisedContext();
    ContinueHandlers();
    UnwindReturnValue();
    Finish();
}
