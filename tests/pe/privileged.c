/*
 * Privileged and debug instructions in ring 3, each run from a code buffer
 * with an fs:[0] handler, checked against what Windows reports (the table
 * of Wine's dlls/ntdll/tests/exception.c, and ReactOS's trap handlers for
 * int 2Dh): ExceptionCode, ExceptionAddress (as an offset in the buffer),
 * NumberParameters, ExceptionInformation and the CONTEXT's Eip.
 *
 * NT runs user code with IOPL 0 and no I/O permission bitmap, so in, out,
 * ins and outs in every form are STATUS_PRIVILEGED_INSTRUCTION, as are
 * cli, sti and hlt with or without prefixes; icebp (F1) is
 * STATUS_SINGLE_STEP after the instruction; int 2Dh is STATUS_BREAKPOINT
 * with EAX, ECX, EDX as parameters, except for the kernel debugger's own
 * services (EAX 1, 3, 4, 5: print, load and unload symbols, command
 * string), which raise nothing when no debugger is attached: the thread
 * goes on past the byte after int 2Dh (Wine's exception.c,
 * test_debug_service, 32-bit Windows' answers); an access through a null
 * selector is an access violation at 0xFFFFFFFF.
 */
#include "pe.h"

typedef struct CASE {
    const char *Name;
    BYTE Code[24];
    BYTE Offset;      /* ExceptionAddress - buffer */
    BYTE EipOffset;   /* the CONTEXT's Eip - buffer */
    BYTE Resume;      /* where the handler resumes (offset) */
    DWORD Status;
    DWORD Params;
    DWORD Param[3];
} CASE;

#define PRIV(name, resume, ...) \
    {name, {__VA_ARGS__}, 0, 0, resume, (DWORD)STATUS_PRIVILEGED_INSTRUCTION, 0, {0}}

static const CASE Cases[] = {
    PRIV("sti", 1, 0xFB, 0xC3),
    PRIV("cli", 1, 0xFA, 0xC3),
    PRIV("hlt", 1, 0xF4, 0xC3),
    PRIV("fs fs fs fs cli", 5, 0x64, 0x64, 0x64, 0x64, 0xFA, 0xC3),
    PRIV("rep sti", 2, 0xF3, 0xFB, 0xC3),
    PRIV("lock-free hlt with a size prefix", 2, 0x66, 0xF4, 0xC3),
    PRIV("in al, 11h", 2, 0xE4, 0x11, 0xC3),
    PRIV("in eax, 11h", 2, 0xE5, 0x11, 0xC3),
    PRIV("out 11h, al", 2, 0xE6, 0x11, 0xC3),
    PRIV("out 11h, eax", 2, 0xE7, 0x11, 0xC3),
    PRIV("in al, dx", 1, 0xEC, 0xC3),
    PRIV("in eax, dx", 1, 0xED, 0xC3),
    PRIV("in ax, dx", 2, 0x66, 0xED, 0xC3),
    PRIV("out dx, al", 1, 0xEE, 0xC3),
    PRIV("out dx, eax", 1, 0xEF, 0xC3),
    PRIV("insb", 1, 0x6C, 0xC3),
    PRIV("insd", 1, 0x6D, 0xC3),
    PRIV("outsb", 1, 0x6E, 0xC3),
    PRIV("outsd", 1, 0x6F, 0xC3),
    PRIV("rep insb", 2, 0xF3, 0x6C, 0xC3),
    PRIV("rep outsd", 2, 0xF3, 0x6F, 0xC3),
    PRIV("mov eax, cr0", 3, 0x0F, 0x20, 0xC0, 0xC3),
    PRIV("mov dr7, eax", 3, 0x0F, 0x23, 0xF8, 0xC3),
    /* push ds; push es; xor eax, eax; mov ds, ax; mov es, ax; cli; pop es;
     * pop ds; ret: the exception arrives with null DS and ES */
    {"cli with null ds and es", {0x1E, 0x06, 0x31, 0xC0, 0x8E, 0xD8, 0x8E, 0xC0, 0xFA, 0x07, 0x1F, 0xC3},
     8, 8, 9, (DWORD)STATUS_PRIVILEGED_INSTRUCTION, 0, {0}},
    /* icebp; nop; ret: reported after the icebp */
    {"icebp", {0xF1, 0x90, 0xC3}, 1, 1, 2, (DWORD)STATUS_SINGLE_STEP, 0, {0}},
    /* push es; xor eax, eax; mov es, ax; mov eax, es:[0]; pop es; ret */
    {"read through a null es", {0x06, 0x31, 0xC0, 0x8E, 0xC0, 0x26, 0xA1, 0, 0, 0, 0, 0x07, 0xC3},
     5, 5, 11, (DWORD)STATUS_ACCESS_VIOLATION, 2, {0, 0xFFFFFFFF}},
    /* mov eax, gs:[0] (NT x86 leaves gs null in user mode); ret */
    {"read through the null gs", {0x65, 0xA1, 0, 0, 0, 0, 0xC3},
     0, 0, 6, (DWORD)STATUS_ACCESS_VIOLATION, 2, {0, 0xFFFFFFFF}},
    /* int 0FFh; ret */
    {"int 0FFh", {0xCD, 0xFF, 0xC3}, 0, 0, 2, (DWORD)STATUS_ACCESS_VIOLATION, 2, {0, 0xFFFFFFFF}},
    /* mov eax, 0; mov ecx, 11h; mov edx, 22h; int 2Dh; nop; ret:
     * BREAKPOINT_BREAK, reported at the byte after int 2Dh */
    {"int 2Dh, eax 0", {0xB8, 0, 0, 0, 0, 0xB9, 0x11, 0, 0, 0, 0xBA, 0x22, 0, 0, 0, 0xCD, 0x2D, 0x90, 0xC3},
     17, 17, 17, (DWORD)STATUS_BREAKPOINT, 3, {0, 0x11, 0x22}},
    /* the same with eax 2 (BREAKPOINT_PROMPT): the address is one further,
     * the context's Eip not */
    {"int 2Dh, eax 2", {0xB8, 2, 0, 0, 0, 0xB9, 0x11, 0, 0, 0, 0xBA, 0x22, 0, 0, 0, 0xCD, 0x2D, 0x90, 0xC3},
     18, 17, 17, (DWORD)STATUS_BREAKPOINT, 3, {2, 0x11, 0x22}},
    /* mov eax, N; int 2Dh; inc eax; ret: no exception (Status 0), and the
     * inc is the byte skipped, so the code returns N itself (Param[0]) */
    {"int 2Dh, eax 1 (BREAKPOINT_PRINT)", {0xB8, 1, 0, 0, 0, 0xCD, 0x2D, 0x40, 0xC3}, 0, 0, 0, 0, 0, {1}},
    {"int 2Dh, eax 3 (BREAKPOINT_LOAD_SYMBOLS)", {0xB8, 3, 0, 0, 0, 0xCD, 0x2D, 0x40, 0xC3}, 0, 0, 0, 0, 0, {3}},
    {"int 2Dh, eax 4 (BREAKPOINT_UNLOAD_SYMBOLS)", {0xB8, 4, 0, 0, 0, 0xCD, 0x2D, 0x40, 0xC3}, 0, 0, 0, 0, 0, {4}},
    {"int 2Dh, eax 5 (BREAKPOINT_COMMAND_STRING)", {0xB8, 5, 0, 0, 0, 0xCD, 0x2D, 0x40, 0xC3}, 0, 0, 0, 0, 0, {5}},
};

static const CASE *Current;
static BYTE *Buffer;
static EXCEPTION_RECORD Record;
static DWORD ContextEip;
static int Calls;

static EXCEPTION_DISPOSITION __cdecl Handler(EXCEPTION_RECORD *record, void *frame,
                                             CONTEXT *context, void *dispatcher)
{
    (void)frame;
    (void)dispatcher;
    if (Calls++ == 0) {
        Record = *record;
        ContextEip = context->Eip;
    }
    context->Eip = (DWORD)Buffer + Current->Resume;
    return ExceptionContinueExecution;
}

static void Run(const CASE *c)
{
    Current = c;
    Calls = 0;
    for (unsigned i = 0; i < sizeof c->Code; i++) {
        Buffer[i] = c->Code[i];
    }
    SEH_FRAME frame;
    SehPush(&frame, Handler);
    DWORD result = ((DWORD(__cdecl *)(void))Buffer)();
    SehPop(&frame);

    Print(c->Name);
    Print(":\n  ");
    if (!c->Status) {
        CHECK_EQ("exceptions", Calls, 0);
        Print("  ");
        CHECK_EQ("resumed past the skipped byte (EAX)", result, c->Param[0]);
        return;
    }
    CHECK_EQ("exceptions", Calls, 1);
    Print("  ");
    CHECK_EQ("ExceptionCode", Record.ExceptionCode, c->Status);
    Print("  ");
    CHECK_EQ("ExceptionAddress - buffer", (DWORD)Record.ExceptionAddress - (DWORD)Buffer, c->Offset);
    Print("  ");
    CHECK_EQ("CONTEXT.Eip - buffer", ContextEip - (DWORD)Buffer, c->EipOffset);
    Print("  ");
    CHECK_EQ("NumberParameters", Record.NumberParameters, c->Params);
    for (DWORD i = 0; i < c->Params && i < 3; i++) {
        Print("  ");
        CHECK_EQ("ExceptionInformation[i]", Record.ExceptionInformation[i], c->Param[i]);
    }
}

void __cdecl start(void)
{
    Buffer = VirtualAlloc(NULL, 4096, MEM_COMMIT, PAGE_EXECUTE_READWRITE);
    if (!Buffer) {
        ExitProcess(2);
    }
    for (unsigned i = 0; i < sizeof Cases / sizeof Cases[0]; i++) {
        Run(&Cases[i]);
    }
    Finish();
}
