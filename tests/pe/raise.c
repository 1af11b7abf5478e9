/*
 * RaiseException: the handler sees the code, flags and arguments as passed.
 * Returning ExceptionContinueExecution from a non-continuable exception
 * raises STATUS_NONCONTINUABLE_EXCEPTION (0xC0000025), whose ExceptionRecord
 * points at the original.
 */
#include "pe.h"

static EXCEPTION_RECORD First;
static int Calls;
static DWORD NestedCode, NestedFlags, NestedOriginal;

static EXCEPTION_DISPOSITION __cdecl Continuer(EXCEPTION_RECORD *record, void *frame,
                                               CONTEXT *context, void *dispatcher)
{
    (void)frame;
    (void)context;
    (void)dispatcher;
    if (Calls++ == 0) {
        First = *record;
        return ExceptionContinueExecution;
    }
    return ExceptionContinueSearch;
}

/* An outer frame that remembers where to resume (EIP, ESP, EBP). */
typedef struct RESUME_FRAME {
    SEH_FRAME Seh;
    DWORD Eip, Esp, Ebp;
} RESUME_FRAME;

/* STATUS_NONCONTINUABLE_EXCEPTION is itself non-continuable: the handler
 * leaves the way __except does, unwinding the frames above it and jumping
 * to its resume point. */
static EXCEPTION_DISPOSITION __cdecl Outer(EXCEPTION_RECORD *record, void *frame,
                                           CONTEXT *context, void *dispatcher)
{
    (void)context;
    (void)dispatcher;
    if (record->ExceptionFlags & (EXCEPTION_UNWINDING | EXCEPTION_EXIT_UNWIND)) {
        return ExceptionContinueSearch;
    }
    if (record->ExceptionCode == (DWORD)STATUS_NONCONTINUABLE_EXCEPTION) {
        NestedCode = record->ExceptionCode;
        NestedFlags = record->ExceptionFlags;
        NestedOriginal = record->ExceptionRecord ? record->ExceptionRecord->ExceptionCode : 0;
        RESUME_FRAME *resume = frame;
        RtlUnwind(frame, NULL, record, NULL);
        __asm__ volatile("movl %%ecx, %%esp\n\tmovl %%edx, %%ebp\n\tjmp *%%eax"
                         : : "a"(resume->Eip), "c"(resume->Esp), "d"(resume->Ebp));
    }
    return ExceptionContinueSearch;
}

static __attribute__((noinline, returns_twice)) int RaiseNoncontinuable(RESUME_FRAME *outer)
{
    /* Save a resume point: returns 0 now, 1 when the handler resumes here. */
    int resumed;
    __asm__ volatile("movl $1f, %c[eip](%1)\n\t"
                     "movl %%esp, %c[esp](%1)\n\t"
                     "movl %%ebp, %c[ebp](%1)\n\t"
                     "xorl %0, %0\n\t"
                     "jmp 2f\n"
                     "1:\n\t"
                     "movl $1, %0\n"
                     "2:"
                     : "=a"(resumed)
                     : "c"(outer), [eip] "i"(8), [esp] "i"(12), [ebp] "i"(16)
                     : "memory", "ebx", "esi", "edi", "edx");
    if (!resumed) {
        SEH_FRAME inner;
        SehPush(&inner, Continuer);
        RaiseException(0xE0000002, EXCEPTION_NONCONTINUABLE, 0, NULL);
        /* not reached */
        SehPop(&inner);
    }
    return resumed;
}

void __cdecl start(void)
{
    ULONG_PTR args[3] = {0x11, 0x22, 0x33};
    SEH_FRAME frame;
    SehPush(&frame, Continuer);
    RaiseException(0xE0000001, 0, 2, args);
    SehPop(&frame);
    CHECK_EQ("handler called", Calls, 1);
    CHECK_EQ("ExceptionCode", First.ExceptionCode, 0xE0000001);
    CHECK_EQ("ExceptionFlags", First.ExceptionFlags, 0);
    CHECK_EQ("NumberParameters", First.NumberParameters, 2);
    CHECK_EQ("Information[0]", First.ExceptionInformation[0], 0x11);
    CHECK_EQ("Information[1]", First.ExceptionInformation[1], 0x22);

    Calls = 0;
    RESUME_FRAME outer;
    DWORD saved_list;
    __asm__ volatile("movl %%fs:0, %0" : "=r"(saved_list));
    SehPush(&outer.Seh, Outer);
    int resumed = RaiseNoncontinuable(&outer);
    __asm__ volatile("movl %0, %%fs:0" : : "r"(saved_list) : "memory");
    CHECK_EQ("resumed through the outer handler", resumed, 1);
    CHECK_EQ("first handler saw the non-continuable flag", First.ExceptionFlags, EXCEPTION_NONCONTINUABLE);
    CHECK_EQ("then STATUS_NONCONTINUABLE_EXCEPTION", NestedCode, 0xC0000025);
    CHECK_EQ("which is itself non-continuable", NestedFlags & EXCEPTION_NONCONTINUABLE, EXCEPTION_NONCONTINUABLE);
    CHECK_EQ("whose ExceptionRecord is the original", NestedOriginal, 0xE0000002);
    Finish();
}
