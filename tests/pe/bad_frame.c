/*
 * An fs:[0] frame outside the thread's stack is not called: the dispatcher
 * stops (EXCEPTION_STACK_INVALID) and, with nothing else to run, the
 * process ends with the exception's code (host status 5).
 */
#include "pe.h"

static EXCEPTION_DISPOSITION __cdecl NeverCalled(EXCEPTION_RECORD *record, void *frame,
                                                 CONTEXT *context, void *dispatcher)
{
    (void)record;
    (void)frame;
    (void)context;
    (void)dispatcher;
    Print("FAIL: a frame outside the stack was called\n");
    ExitProcess(0);
    return ExceptionContinueSearch;
}

void __cdecl start(void)
{
    SEH_FRAME *heap_frame = VirtualAlloc(NULL, 4096, MEM_COMMIT, PAGE_READWRITE);
    SehPush(heap_frame, NeverCalled);
    ReadAt(0);
    Print("FAIL: resumed\n");
    ExitProcess(0);
}
