/*
 * Ten thousand faults in a row, alternating: a demand-zero fault on a fresh
 * page of a 20 MiB committed region, then a handled access violation. None
 * may turn into a double fault or stop the machine.
 */
#include "pe.h"

void __cdecl start(void)
{
    enum { Pages = 5000 };
    BYTE *region = VirtualAlloc(NULL, Pages * 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    CHECK_EQ("commit 20 MiB", region != NULL, 1);
    SEH_FRAME frame;
    SehPush(&frame, SkipHandler);
    DWORD sum = 0;
    for (int i = 0; i < Pages; i++) {
        region[i * 4096] = (BYTE)(i + 1);     /* demand-zero */
        sum += ReadAt(0) == 0xDEADBEEF;       /* access violation, handled */
    }
    SehPop(&frame);
    CHECK_EQ("access violations handled", HandlerCalls, Pages);
    CHECK_EQ("each returned the handler's EAX", sum, Pages);
    DWORD check = 0;
    for (int i = 0; i < Pages; i++) {
        check += region[i * 4096] == (BYTE)(i + 1);
    }
    CHECK_EQ("every page kept its byte", check, Pages);
    Finish();
}
