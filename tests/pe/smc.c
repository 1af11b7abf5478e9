/*
 * Code that changes: after a program (or the kernel) rewrites code memory,
 * the next call runs the new instructions, as on a real x86 CPU (which
 * snoops stores into code it has prefetched; Windows needs no
 * FlushInstructionCache for that on x86). Each check states that answer.
 *
 *  - self-modifying code: a PAGE_EXECUTE_READWRITE buffer rewritten in
 *    place, a thousand times, and called after each rewrite;
 *  - a JIT writing small code buffers one after another, byte by byte,
 *    each faulting (ud2, skipped by its handler) before it returns a value:
 *    the bytes after the fault must be the new buffer's, never an earlier
 *    one's leftovers;
 *  - code written through one view of a section and run through another
 *    (PAGE_EXECUTE_READWRITE section, a FILE_MAP_WRITE view and a
 *    FILE_MAP_READ | FILE_MAP_EXECUTE view), two functions of one page
 *    rewritten, the second one called first;
 *  - code pages freed and allocated again at the same address, with new
 *    code;
 *  - code the kernel writes: NtAllocateVirtualMemory storing the address it
 *    chose into the immediate operand of a translated `mov eax, imm32`;
 *  - code pages sent to the pagefile and read back into frames that held
 *    other code (run with little RAM: see CMakeLists.txt).
 */
#include "pe.h"

NTSYSAPI LONG NTAPI NtAllocateVirtualMemory(HANDLE, PVOID *, ULONG_PTR, SIZE_T *, ULONG, ULONG);

typedef DWORD(__cdecl *CODE)(void);

/* mov eax, value; ret */
static void EmitReturn(volatile BYTE *at, DWORD value)
{
    at[0] = 0xB8;
    at[1] = (BYTE)value;
    at[2] = (BYTE)(value >> 8);
    at[3] = (BYTE)(value >> 16);
    at[4] = (BYTE)(value >> 24);
    at[5] = 0xC3;
}

static void SelfModifying(void)
{
    BYTE *code = VirtualAlloc(NULL, 4096, MEM_COMMIT, PAGE_EXECUTE_READWRITE);
    CHECK_EQ("VirtualAlloc(PAGE_EXECUTE_READWRITE) succeeds", code != NULL, 1);
    if (!code) {
        return;
    }
    DWORD wrong = 0;
    for (DWORD i = 0; i < 1000; i++) {
        EmitReturn(code, i * 7 + 1);
        if (((CODE)code)() != i * 7 + 1) {
            wrong++;
        }
    }
    CHECK_EQ("self-modifying code: calls that ran an old version (of 1000)", wrong, 0);

    /* Only the immediate changes, one byte at a time, the call between. */
    EmitReturn(code, 0);
    ((CODE)code)();
    wrong = 0;
    for (DWORD i = 1; i < 256; i++) {
        ((volatile BYTE *)code)[1] = (BYTE)i;
        if (((CODE)code)() != i) {
            wrong++;
        }
    }
    CHECK_EQ("one byte of the immediate rewritten: stale calls (of 255)", wrong, 0);
    VirtualFree(code, 0, MEM_RELEASE);
}

/* The JIT's handler: the snippet starts with ud2; step over it. */
static DWORD Faults;
static EXCEPTION_DISPOSITION __cdecl StepOverUd2(EXCEPTION_RECORD *record, void *frame,
                                                 CONTEXT *context, void *dispatcher)
{
    (void)frame;
    (void)dispatcher;
    if (record->ExceptionCode != (DWORD)STATUS_ILLEGAL_INSTRUCTION) {
        return ExceptionContinueSearch;
    }
    Faults++;
    context->Eip += 2;
    return ExceptionContinueExecution;
}

static void JitBuffers(void)
{
    BYTE *code = VirtualAlloc(NULL, 4096, MEM_COMMIT, PAGE_EXECUTE_READWRITE);
    if (!code) {
        Failures++;
        return;
    }
    SEH_FRAME frame;
    SehPush(&frame, StepOverUd2);
    DWORD wrong = 0;
    for (DWORD i = 0; i < 500; i++) {
        /* Written a byte at a time, as a JIT's emitter does: ud2, then
         * mov eax, i; ret — at the start of the page, or 8 bytes on. */
        volatile BYTE *at = code + (i & 1) * 8;
        BYTE snippet[8] = {0x0F, 0x0B, 0xB8, (BYTE)i, (BYTE)(i >> 8), 0, 0, 0xC3};
        for (int b = 0; b < 8; b++) {
            at[b] = snippet[b];
        }
        if (((CODE)at)() != i) {
            wrong++;
        }
    }
    SehPop(&frame);
    CHECK_EQ("JIT buffers: each one's ud2 faulted (of 500)", Faults, 500);
    CHECK_EQ("JIT buffers: returns from an earlier buffer's leftovers (of 500)", wrong, 0);
    VirtualFree(code, 0, MEM_RELEASE);
}

static void AliasViews(void)
{
    HANDLE section = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_EXECUTE_READWRITE, 0,
                                        65536, NULL);
    CHECK_EQ("CreateFileMapping(PAGE_EXECUTE_READWRITE) succeeds", section != NULL, 1);
    if (!section) {
        return;
    }
    volatile BYTE *w = MapViewOfFile(section, FILE_MAP_WRITE, 0, 0, 0);
    BYTE *x = MapViewOfFile(section, FILE_MAP_READ | FILE_MAP_EXECUTE, 0, 0, 0);
    CHECK_EQ("a writable view and an executable view", w && x && (BYTE *)w != x, 1);
    if (!w || !x) {
        return;
    }
    DWORD wrong = 0;
    for (DWORD i = 0; i < 300; i++) {
        /* Two functions in one page, both run, then both rewritten through
         * the other view: first the one at 0, then the one at 64 */
        EmitReturn(w, 1000 + i);
        EmitReturn(w + 64, 2000 + i);
        if (((CODE)x)() != 1000 + i) {
            wrong++;
        }
        if (((CODE)(x + 64))() != 2000 + i) {
            wrong++;
        }
    }
    CHECK_EQ("rewritten through a second view: stale calls (of 600)", wrong, 0);

    /* Only the second function changes, its immediate byte by byte. */
    EmitReturn(w + 128, 5);
    ((CODE)(x + 128))();
    w[0] = w[0]; /* a store to the page's first block first */
    w[129] = 6;
    CHECK_EQ("second store into the page, seen by the view that runs it", ((CODE)(x + 128))(), 6);
    UnmapViewOfFile((void *)w);
    UnmapViewOfFile(x);
    CloseHandle(section);
}

static void FreedAndReused(void)
{
    DWORD wrong = 0;
    BYTE *first = NULL;
    DWORD same_address = 0;
    for (DWORD i = 0; i < 200; i++) {
        BYTE *code = VirtualAlloc(NULL, 4096, MEM_COMMIT, PAGE_EXECUTE_READWRITE);
        if (!code) {
            wrong++;
            continue;
        }
        if (!first) {
            first = code;
        }
        same_address += code == first;
        EmitReturn(code + (i % 3) * 16, 300 + i);
        if (((CODE)(code + (i % 3) * 16))() != 300 + i) {
            wrong++;
        }
        VirtualFree(code, 0, MEM_RELEASE);
    }
    CHECK_EQ("freed and allocated again: same address every time (of 200)", same_address, 200);
    CHECK_EQ("freed and allocated again: calls that ran the old code (of 200)", wrong, 0);
}

static void KernelWritesCode(void)
{
    BYTE *code = VirtualAlloc(NULL, 4096, MEM_COMMIT, PAGE_EXECUTE_READWRITE);
    if (!code) {
        Failures++;
        return;
    }
    /* At 3: mov eax, imm32 (the immediate at 4, aligned); ret. */
    EmitReturn(code + 3, 0);
    CHECK_EQ("before the kernel writes: the call returns 0", ((CODE)(code + 3))(), 0);
    PVOID *base = (PVOID *)(code + 4);
    SIZE_T size = 65536;
    LONG status = NtAllocateVirtualMemory(GetCurrentProcess(), base, 0, &size,
                                          MEM_RESERVE, PAGE_NOACCESS);
    CHECK_EQ("NtAllocateVirtualMemory writes its base into the code", status, 0);
    CHECK_EQ("the call returns what the kernel wrote", ((CODE)(code + 3))(), (DWORD)*base);
    VirtualFree(code, 0, MEM_RELEASE);
}

/* Many code pages, each its own function; enough data touched in between
 * that, with little RAM, the code pages go to the pagefile and come back
 * into frames that held other pages' code. */
static void PagedOut(void)
{
    enum { PAGES = 256, DATA = 4096 };
    BYTE *code = VirtualAlloc(NULL, PAGES * 4096, MEM_COMMIT, PAGE_EXECUTE_READWRITE);
    BYTE *data = VirtualAlloc(NULL, DATA * 4096, MEM_COMMIT, PAGE_READWRITE);
    if (!code || !data) {
        Failures++;
        return;
    }
    DWORD wrong = 0;
    for (int round = 0; round < 3; round++) {
        for (DWORD p = 0; p < PAGES; p++) {
            if (round != 1) {
                EmitReturn(code + p * 4096, p * 3 + (DWORD)round);
            }
            DWORD want = p * 3 + (round == 2 ? 2 : 0);
            if (((CODE)(code + p * 4096))() != want) {
                wrong++;
            }
        }
        for (DWORD d = 0; d < DATA; d++) {
            data[d * 4096] = (BYTE)(d + (DWORD)round);
        }
    }
    CHECK_EQ("code pages through the pagefile: wrong results (of 768)", wrong, 0);
    VirtualFree(code, 0, MEM_RELEASE);
    VirtualFree(data, 0, MEM_RELEASE);
}

void __cdecl start(void)
{
    SelfModifying();
    JitBuffers();
    AliasViews();
    FreedAndReused();
    KernelWritesCode();
    PagedOut();
    Finish();
}
