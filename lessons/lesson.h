/*
 * lesson.h — the one helper the lesson programs share: touch an address
 * and report what happened, as a Windows program sees it — through its own
 * structured exception handler, an fs:[0] frame (what __try builds in
 * MSVC; mingw's gcc has no __try, so the frame is built by hand).
 *
 *   Touch(p, 'r')  reads a byte      (movb (%ecx), %al: two bytes of code)
 *   Touch(p, 'w')  writes a byte     (movb %al, (%ecx): two bytes of code)
 *   Touch(p, 'x')  calls p           (the page should hold a 'ret', 0xC3)
 *
 * returns 0 if the access worked, else the exception's code; the whole
 * EXCEPTION_RECORD's useful part is in Seen. The handler resumes after the
 * faulting instruction (or, for an execute, at the caller), the way a
 * program that handles an access violation and carries on would.
 */
#ifndef LESSON_H
#define LESSON_H
#include <windows.h>
#include <stdio.h>

#define LESSON_API static __attribute__((unused))

static struct {
    DWORD Code;            /* ExceptionCode: 0xC0000005 STATUS_ACCESS_VIOLATION... */
    DWORD Parameters;      /* NumberParameters */
    DWORD Information[3];  /* ExceptionInformation[0..2] */
    DWORD Address;         /* ExceptionAddress: the instruction */
} Seen;

static char TouchKind;

LESSON_API EXCEPTION_DISPOSITION __cdecl TouchHandler(EXCEPTION_RECORD *record, void *frame,
                                                  CONTEXT *context, void *dispatcher)
{
    (void)frame;
    (void)dispatcher;
    Seen.Code = record->ExceptionCode;
    Seen.Parameters = record->NumberParameters;
    for (int i = 0; i < 3; i++) {
        Seen.Information[i] = i < (int)record->NumberParameters ? record->ExceptionInformation[i] : 0;
    }
    Seen.Address = (DWORD)record->ExceptionAddress;
    if (TouchKind == 'x') {
        /* The fault is on the call's target: return to the caller. */
        context->Eip = *(DWORD *)context->Esp;
        context->Esp += 4;
    } else {
        context->Eip += 2; /* skip the two-byte mov */
    }
    return ExceptionContinueExecution;
}

LESSON_API __attribute__((noinline)) DWORD Touch(volatile void *p, char how)
{
    struct { void *Next; void *Handler; } frame;
    Seen.Code = 0;
    TouchKind = how;
    __asm__ volatile("movl %%fs:0, %0" : "=r"(frame.Next));
    frame.Handler = (void *)TouchHandler;
    __asm__ volatile("movl %0, %%fs:0" : : "r"(&frame) : "memory");
    if (how == 'r') {
        DWORD value;
        __asm__ volatile("movb (%%ecx), %%al" : "=a"(value) : "c"(p), "a"(0) : "memory");
    } else if (how == 'w') {
        __asm__ volatile("movb %%al, (%%ecx)" : : "a"(0x5A), "c"(p) : "memory");
    } else {
        __asm__ volatile("call *%%ecx" : : "c"(p) : "eax", "edx", "memory");
    }
    __asm__ volatile("movl %0, %%fs:0" : : "r"(frame.Next) : "memory");
    return Seen.Code;
}

/* The name of the statuses the lessons meet. */
LESSON_API const char *StatusName(DWORD code)
{
    switch (code) {
    case 0: return "no exception";
    case 0x80000001: return "STATUS_GUARD_PAGE_VIOLATION";
    case 0xC0000005: return "STATUS_ACCESS_VIOLATION";
    case 0xC0000006: return "STATUS_IN_PAGE_ERROR";
    case 0xC00000FD: return "STATUS_STACK_OVERFLOW";
    default: return "another exception";
    }
}

/* A line for what the last Touch saw. */
LESSON_API void PrintSeen(void)
{
    if (Seen.Code == 0) {
        printf("no exception\n");
    } else if (Seen.Parameters >= 2) {
        printf("%s (0x%08lX), Information[0] = %lu, Information[1] = 0x%08lX\n",
               StatusName(Seen.Code), Seen.Code, Seen.Information[0], Seen.Information[1]);
    } else {
        printf("%s (0x%08lX)\n", StatusName(Seen.Code), Seen.Code);
    }
}

/* A marker in the fault log: a read of a page in a reserved range, which
 * the memory manager logs as an access violation at that address (the
 * program handles it and goes on). Marker(n) reads MARKERS + n * 4096, so
 * a query can split the log into the program's phases:
 *   SELECT (va - 0x7F000000) / 4096 FROM faults WHERE kind = 'access-violation' */
#define MARKERS 0x7F000000u
LESSON_API void Marker(unsigned n)
{
    static void *markers;
    if (!markers) {
        markers = VirtualAlloc((void *)MARKERS, 0x100000, MEM_RESERVE, PAGE_NOACCESS);
    }
    Touch((char *)MARKERS + n * 4096, 'r');
}

/* The protection constants, named. */
LESSON_API const char *ProtectName(DWORD p)
{
    static char text[64];
    const char *base;
    switch (p & 0xFF) {
    case 0: base = "0"; break;
    case PAGE_NOACCESS: base = "PAGE_NOACCESS"; break;
    case PAGE_READONLY: base = "PAGE_READONLY"; break;
    case PAGE_READWRITE: base = "PAGE_READWRITE"; break;
    case PAGE_WRITECOPY: base = "PAGE_WRITECOPY"; break;
    case PAGE_EXECUTE: base = "PAGE_EXECUTE"; break;
    case PAGE_EXECUTE_READ: base = "PAGE_EXECUTE_READ"; break;
    case PAGE_EXECUTE_READWRITE: base = "PAGE_EXECUTE_READWRITE"; break;
    case PAGE_EXECUTE_WRITECOPY: base = "PAGE_EXECUTE_WRITECOPY"; break;
    default: base = "?"; break;
    }
    snprintf(text, sizeof text, "%s%s", base, p & PAGE_GUARD ? "|PAGE_GUARD" : "");
    return text;
}

LESSON_API const char *StateName(DWORD s)
{
    return s == MEM_COMMIT ? "MEM_COMMIT" : s == MEM_RESERVE ? "MEM_RESERVE" : "MEM_FREE";
}

/* One line per region of VirtualQuery from base for size bytes. */
LESSON_API void PrintRegions(const void *base, SIZE_T size)
{
    const char *p = base;
    while (p < (const char *)base + size) {
        MEMORY_BASIC_INFORMATION m;
        if (!VirtualQuery(p, &m, sizeof m)) {
            break;
        }
        printf("  0x%08lX-0x%08lX %5lu pages  %-11s %s\n", (DWORD)m.BaseAddress,
               (DWORD)m.BaseAddress + (DWORD)m.RegionSize - 1, (DWORD)m.RegionSize / 4096,
               StateName(m.State), m.State == MEM_COMMIT ? ProtectName(m.Protect) : "");
        p = (const char *)m.BaseAddress + m.RegionSize;
    }
}
#endif
