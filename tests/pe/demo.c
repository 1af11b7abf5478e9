/*
 * The demo `make demo` runs: commit memory, touch it (demand-zero faults),
 * make a page read-only, write to it inside an fs:[0] frame, and carry on
 * after the handler. Run with --stats to see what the memory manager did.
 */
#include "pe.h"

void __cdecl start(void)
{
    Print("1. VirtualAlloc reserves and commits 64 KiB; nothing is in memory yet.\n");
    BYTE *block = VirtualAlloc(NULL, 0x10000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    CHECK_EQ("   base is 64 KiB aligned", (DWORD)block & 0xFFFF, 0);

    Print("2. Touching each of the 16 pages: each first touch is a demand-zero fault.\n");
    DWORD sum = 0;
    for (int i = 0; i < 16; i++) {
        sum += block[i * 4096];      /* committed memory reads as zero */
        block[i * 4096 + 1] = (BYTE)i;
    }
    CHECK_EQ("   sum of first bytes (all zero)", sum, 0);

    Print("3. VirtualProtect makes page 3 read-only.\n");
    DWORD old = 0;
    CHECK_EQ("   VirtualProtect", VirtualProtect(block + 3 * 4096, 4096, PAGE_READONLY, &old), TRUE);
    CHECK_EQ("   old protection PAGE_READWRITE", old, PAGE_READWRITE);

    Print("4. Writing to it inside an fs:[0] frame raises an access violation...\n");
    SEH_FRAME frame;
    SehPush(&frame, SkipHandler);
    WriteAt((DWORD)(block + 3 * 4096 + 16), 0x1234);
    SehPop(&frame);
    CHECK_EQ("   ExceptionCode STATUS_ACCESS_VIOLATION", Seen.ExceptionCode, 0xC0000005);
    CHECK_EQ("   Information[0] (1 = write)", Seen.ExceptionInformation[0], 1);
    CHECK_EQ("   Information[1] (the address)", Seen.ExceptionInformation[1], (DWORD)(block + 3 * 4096 + 16));
    Print("5. ...which the program's own handler caught, and execution went on.\n");
    CHECK_EQ("   the page still holds what was there", block[3 * 4096 + 16], 0);
    Finish();
}
