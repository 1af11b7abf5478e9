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

    /* Kernel space, the system page, free and reserved memory: the same. */
    const DWORD addresses[] = {0x80000000, 0xFFC00000, 0x7FFF0000, 0x60000000, 0x0000FFFF};
    BYTE *reserved = VirtualAlloc(NULL, 0x1000, MEM_RESERVE, PAGE_READWRITE);
    SehPush(&frame, SkipHandler);
    for (unsigned i = 0; i < sizeof addresses / sizeof addresses[0]; i++) {
        ReadAt(addresses[i]);
        CHECK_EQ("access violation at", Seen.ExceptionInformation[1], addresses[i]);
    }
    ReadAt((DWORD)reserved);
    CHECK_EQ("reserved but not committed: access violation", Seen.ExceptionCode, EXCEPTION_ACCESS_VIOLATION);
    SehPop(&frame);
    CHECK_EQ("handler calls", HandlerCalls, 7);
    Finish();
}
