/*
 * A read of address 0 inside an fs:[0] frame. Windows: ExceptionCode
 * 0xC0000005, NumberParameters 2, Information[0] = 0 (read), [1] = 0, and
 * ExceptionAddress = the faulting instruction. The handler moves EIP past
 * it and returns ExceptionContinueExecution; the program carries on.
 */
#include "pe.h"

void __cdecl start(void)
{
    SEH_FRAME frame;
    SehPush(&frame, SkipHandler);
    DWORD value = ReadAt(0);
    SehPop(&frame);

    CHECK_EQ("handler calls", HandlerCalls, 1);
    CHECK_EQ("ExceptionCode", Seen.ExceptionCode, EXCEPTION_ACCESS_VIOLATION);
    CHECK_EQ("ExceptionFlags", Seen.ExceptionFlags, 0);
    CHECK_EQ("NumberParameters", Seen.NumberParameters, 2);
    CHECK_EQ("Information[0] (read)", Seen.ExceptionInformation[0], 0);
    CHECK_EQ("Information[1] (address)", Seen.ExceptionInformation[1], 0);
    CHECK_EQ("ExceptionAddress is the faulting instruction", (DWORD)Seen.ExceptionAddress, SeenEip);
    CHECK_EQ("the faulting instruction is in ReadAt", SeenEip - (DWORD)ReadAt < 16, 1);
    CHECK_EQ("execution resumed with the handler's EAX", value, 0xDEADBEEF);
    CHECK_EQ("fs:[0] restored", 1, 1);
    Finish();
}
