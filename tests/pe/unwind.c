/*
 * RtlUnwind through two frames: each frame above the target has its
 * handler called once with EXCEPTION_UNWINDING, innermost first, and then
 * fs:[0] is the target frame. The return value comes back in EAX.
 */
#include "pe.h"

static char Calls[4];
static int CallCount;
static DWORD UnwindFlags;

static EXCEPTION_DISPOSITION __cdecl InnerHandler(EXCEPTION_RECORD *record, void *frame,
                                                  CONTEXT *context, void *dispatcher)
{
    (void)frame;
    (void)context;
    (void)dispatcher;
    Calls[CallCount++] = 'I';
    UnwindFlags = record->ExceptionFlags;
    return ExceptionContinueSearch;
}

static EXCEPTION_DISPOSITION __cdecl MiddleHandler(EXCEPTION_RECORD *record, void *frame,
                                                   CONTEXT *context, void *dispatcher)
{
    (void)record;
    (void)frame;
    (void)context;
    (void)dispatcher;
    Calls[CallCount++] = 'M';
    return ExceptionContinueSearch;
}

static EXCEPTION_DISPOSITION __cdecl TargetHandler(EXCEPTION_RECORD *record, void *frame,
                                                   CONTEXT *context, void *dispatcher)
{
    (void)record;
    (void)frame;
    (void)context;
    (void)dispatcher;
    Calls[CallCount++] = 'T';
    return ExceptionContinueSearch;
}

void __cdecl start(void)
{
    /* Frames of nested calls sit at falling addresses: the target (the
     * outermost) highest, as RtlUnwind's check for a bad target expects. */
    SEH_FRAME frames[3];
    SEH_FRAME *inner = &frames[0], *middle = &frames[1], *target_frame = &frames[2];
    SehPush(target_frame, TargetHandler);
    SehPush(middle, MiddleHandler);
    SehPush(inner, InnerHandler);
    DWORD result;
    __asm__ volatile("pushl $0x1234\n\t"
                     "pushl $0\n\t"
                     "pushl $0\n\t"
                     "pushl %1\n\t"
                     "call *%2"
                     : "=a"(result)
                     : "r"(target_frame), "r"(RtlUnwind)
                     : "ecx", "edx", "memory");
    DWORD list;
    __asm__ volatile("movl %%fs:0, %0" : "=r"(list));
    CHECK_EQ("handlers called", CallCount, 2);
    CHECK_EQ("innermost first", Calls[0] == 'I' && Calls[1] == 'M', 1);
    CHECK_EQ("the target's handler is not called", Calls[2], 0);
    CHECK_EQ("EXCEPTION_UNWINDING set", UnwindFlags & EXCEPTION_UNWINDING, EXCEPTION_UNWINDING);
    CHECK_EQ("not an exit unwind", UnwindFlags & EXCEPTION_EXIT_UNWIND, 0);
    CHECK_EQ("fs:[0] is the target frame", list, (DWORD)target_frame);
    CHECK_EQ("EAX is the return value", result, 0x1234);
    SehPop(target_frame);
    Finish();
}
