/* A write to a PAGE_READONLY page: Information[0] = 1, [1] = the address. */
#include "pe.h"

void __cdecl start(void)
{
    BYTE *page = VirtualAlloc(NULL, 4096, MEM_COMMIT, PAGE_READONLY);
    SEH_FRAME frame;
    SehPush(&frame, SkipHandler);
    WriteAt((DWORD)page + 0x10, 7);
    SehPop(&frame);
    CHECK_EQ("handler calls", HandlerCalls, 1);
    CHECK_EQ("ExceptionCode", Seen.ExceptionCode, EXCEPTION_ACCESS_VIOLATION);
    CHECK_EQ("NumberParameters", Seen.NumberParameters, 2);
    CHECK_EQ("Information[0] (write)", Seen.ExceptionInformation[0], 1);
    CHECK_EQ("Information[1] (address)", Seen.ExceptionInformation[1], (DWORD)page + 0x10);
    CHECK_EQ("the page is unchanged", page[0x10], 0);
    /* Reading it is fine. */
    CHECK_EQ("read of the page", ReadAt((DWORD)page + 0x10), 0);
    CHECK_EQ("no further exception", HandlerCalls, 1);
    Finish();
}
