/*
 * A JIT that translates far more code than the emulator's code buffer
 * holds: 64 rounds, each 2,048 new functions (mov eax, imm32; add eax,
 * ecx; ret) in fresh PAGE_EXECUTE_READWRITE memory, each called once and
 * checked, then freed. Run with a 2 MiB buffer (CMakeLists.txt), it fills
 * the buffer many times: the first fill used to crash the host process
 * (Unicorn 2.1.1 reused the buffer without flushing: emu/tcgbuffer.c).
 * On Windows every call simply returns its value.
 */
#include "pe.h"

typedef DWORD(__fastcall *FUNCTION)(DWORD ecx);

#define ROUNDS 64
#define PER_ROUND 2048
#define STRIDE 16

void __cdecl start(void)
{
    DWORD wrong = 0, calls = 0;
    for (DWORD round = 0; round < ROUNDS; round++) {
        BYTE *code = VirtualAlloc(NULL, PER_ROUND * STRIDE, MEM_COMMIT | MEM_RESERVE, PAGE_EXECUTE_READWRITE);
        if (!code) {
            CHECK_EQ("VirtualAlloc(PAGE_EXECUTE_READWRITE) succeeds", 0, 1);
            break;
        }
        for (DWORD i = 0; i < PER_ROUND; i++) {
            BYTE *f = code + i * STRIDE;
            DWORD value = round * 100000 + i;
            f[0] = 0xB8; /* mov eax, value */
            f[1] = (BYTE)value;
            f[2] = (BYTE)(value >> 8);
            f[3] = (BYTE)(value >> 16);
            f[4] = (BYTE)(value >> 24);
            f[5] = 0x01; /* add eax, ecx */
            f[6] = 0xC8;
            f[7] = 0xC3; /* ret */
        }
        for (DWORD i = 0; i < PER_ROUND; i++) {
            wrong += ((FUNCTION)(code + i * STRIDE))(i) != round * 100000 + 2 * i;
            calls++;
        }
        VirtualFree(code, 0, MEM_RELEASE);
    }
    CHECK_EQ("generated functions called", calls, ROUNDS * PER_ROUND);
    CHECK_EQ("calls that returned another function's value", wrong, 0);
    Finish();
}
