/*
 * Vectored handlers run before any fs:[0] frame handler. One that returns
 * EXCEPTION_CONTINUE_SEARCH lets the frame handler run next; one that
 * returns EXCEPTION_CONTINUE_EXECUTION ends the dispatch, and the frame
 * handler is never called. RemoveVectoredExceptionHandler takes it out.
 */
#include "pe.h"

static char Order[8];
static int OrderLength;

static LONG WINAPI SearchingVeh(EXCEPTION_POINTERS *info)
{
    (void)info;
    Order[OrderLength++] = 'V';
    return EXCEPTION_CONTINUE_SEARCH;
}

static LONG WINAPI FixingVeh(EXCEPTION_POINTERS *info)
{
    Order[OrderLength++] = 'F';
    info->ContextRecord->Eip += 2;
    return EXCEPTION_CONTINUE_EXECUTION;
}

static EXCEPTION_DISPOSITION __cdecl FrameHandler(EXCEPTION_RECORD *record, void *frame,
                                                  CONTEXT *context, void *dispatcher)
{
    Order[OrderLength++] = 'S';
    return SkipHandler(record, frame, context, dispatcher);
}

void __cdecl start(void)
{
    SEH_FRAME frame;
    PVOID veh = AddVectoredExceptionHandler(1, SearchingVeh);
    CHECK_EQ("AddVectoredExceptionHandler", veh != NULL, 1);
    SehPush(&frame, FrameHandler);
    ReadAt(0);
    SehPop(&frame);
    CHECK_EQ("vectored handler first, then the frame", OrderLength == 2 && Order[0] == 'V' && Order[1] == 'S', 1);

    OrderLength = 0;
    PVOID fixer = AddVectoredExceptionHandler(1, FixingVeh);
    SehPush(&frame, FrameHandler);
    ReadAt(0);
    SehPop(&frame);
    CHECK_EQ("first-added-at-head runs first and ends dispatch", OrderLength == 1 && Order[0] == 'F', 1);

    CHECK_EQ("RemoveVectoredExceptionHandler", RemoveVectoredExceptionHandler(fixer), 1);
    CHECK_EQ("RemoveVectoredExceptionHandler again fails", RemoveVectoredExceptionHandler(fixer), 0);
    RemoveVectoredExceptionHandler(veh);
    OrderLength = 0;
    SehPush(&frame, FrameHandler);
    ReadAt(0);
    SehPop(&frame);
    CHECK_EQ("with both removed only the frame runs", OrderLength == 1 && Order[0] == 'S', 1);
    Finish();
}
