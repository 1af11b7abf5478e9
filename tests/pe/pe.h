/*
 * What the PE test programs share: printing through WriteFile, checks that
 * count failures, and fs:[0] exception frames.
 *
 * Faults are provoked by ReadAt/WriteAt, each one 2-byte instruction
 * (mov eax, [ecx] / mov [ecx], eax), so a handler resumes with Eip += 2.
 */
#ifndef NTMM_PE_TEST_H
#define NTMM_PE_TEST_H

#include <windows.h>

/* Every test program's entry point (-Wl,-e,_start): no C runtime. It
 * returns nothing, but in hello.c, which defines START_TYPE int to show
 * that what the entry point returns is the exit status. */
#ifndef START_TYPE
#define START_TYPE void
#endif
START_TYPE __cdecl start(void);

static int Failures;

static __attribute__((unused)) void Print(const char *text)
{
    DWORD written, n = 0;
    while (text[n]) {
        n++;
    }
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, n, &written, NULL);
}

static __attribute__((unused)) void PrintHex(DWORD value)
{
    char buffer[11] = "0x";
    for (int i = 0; i < 8; i++) {
        buffer[2 + i] = "0123456789ABCDEF"[(value >> (28 - 4 * i)) & 0xF];
    }
    buffer[10] = 0;
    Print(buffer);
}

static __attribute__((unused)) void PrintDec(DWORD value)
{
    char buffer[12];
    int i = 11;
    buffer[i] = 0;
    do {
        buffer[--i] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    Print(buffer + i);
}

/* CHECK_EQ(what, got, want): one line per check; a mismatch is a failure. */
#define CHECK_EQ(what, got, want) CheckEqual(what, (DWORD)(got), (DWORD)(want))
static __attribute__((unused)) void CheckEqual(const char *what, DWORD got, DWORD want)
{
    Print(got == want ? "ok   " : "FAIL ");
    Print(what);
    Print(" = ");
    PrintHex(got);
    if (got != want) {
        Print(", Windows gives ");
        PrintHex(want);
        Failures++;
    }
    Print("\n");
}

static __attribute__((unused)) void Finish(void)
{
    ExitProcess(Failures ? 1 : 0);
}

/* One 2-byte instruction each, so handlers can step over them. */
static __attribute__((noinline, unused)) DWORD ReadAt(DWORD address)
{
    DWORD value;
    __asm__ volatile("movl (%%ecx), %%eax" : "=a"(value) : "c"(address) : "memory");
    return value;
}

static __attribute__((noinline, unused)) void WriteAt(DWORD address, DWORD value)
{
    __asm__ volatile("movl %%eax, (%%ecx)" : : "a"(value), "c"(address) : "memory");
}

/* An fs:[0] registration on the caller's stack. */
typedef struct SEH_FRAME {
    struct SEH_FRAME *Next;
    void *Handler;
} SEH_FRAME;

static inline void SehPush(SEH_FRAME *frame, void *handler)
{
    __asm__ volatile("movl %%fs:0, %0" : "=r"(frame->Next));
    frame->Handler = handler;
    __asm__ volatile("movl %0, %%fs:0" : : "r"(frame) : "memory");
}

static inline void SehPop(SEH_FRAME *frame)
{
    __asm__ volatile("movl %0, %%fs:0" : : "r"(frame->Next) : "memory");
}

/* What the last handler saw. */
static EXCEPTION_RECORD Seen;
static DWORD SeenEip;
static int HandlerCalls;

/* Records the exception and steps over the 2-byte faulting instruction. */
static __attribute__((unused)) EXCEPTION_DISPOSITION __cdecl SkipHandler(EXCEPTION_RECORD *record, void *frame,
                                                 CONTEXT *context, void *dispatcher)
{
    (void)frame;
    (void)dispatcher;
    Seen = *record;
    SeenEip = context->Eip;
    HandlerCalls++;
    context->Eip += 2;
    context->Eax = 0xDEADBEEF;
    return ExceptionContinueExecution;
}

#endif
