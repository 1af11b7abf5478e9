/*
 * Executing from a page without execute access (NX, as Windows with DEP):
 * Information[0] = 8, [1] = the target address, and ExceptionAddress is the
 * target itself (the fetch faulted there).
 */
#include "pe.h"

static EXCEPTION_DISPOSITION __cdecl ReturnHandler(EXCEPTION_RECORD *record, void *frame,
                                                   CONTEXT *context, void *dispatcher)
{
    (void)frame;
    (void)dispatcher;
    Seen = *record;
    HandlerCalls++;
    /* Return to the caller of the bad call: pop the return address. */
    context->Eip = *(DWORD *)context->Esp;
    context->Esp += 4;
    return ExceptionContinueExecution;
}

void __cdecl start(void)
{
    BYTE *data = VirtualAlloc(NULL, 4096, MEM_COMMIT, PAGE_READWRITE);
    data[0] = 0xC3; /* ret */
    SEH_FRAME frame;
    SehPush(&frame, ReturnHandler);
    ((void (*)(void))data)();
    SehPop(&frame);
    CHECK_EQ("handler calls", HandlerCalls, 1);
    CHECK_EQ("ExceptionCode", Seen.ExceptionCode, EXCEPTION_ACCESS_VIOLATION);
    CHECK_EQ("Information[0] (execute)", Seen.ExceptionInformation[0], 8);
    CHECK_EQ("Information[1] (target)", Seen.ExceptionInformation[1], (DWORD)data);
    CHECK_EQ("ExceptionAddress (target)", (DWORD)Seen.ExceptionAddress, (DWORD)data);

    /* After PAGE_EXECUTE_READ the same code runs. */
    DWORD old;
    VirtualProtect(data, 4096, PAGE_EXECUTE_READ, &old);
    SehPush(&frame, ReturnHandler);
    ((void (*)(void))data)();
    SehPop(&frame);
    CHECK_EQ("no exception once executable", HandlerCalls, 1);
    Finish();
}
