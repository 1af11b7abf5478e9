/*
 * Structured exception handling as Visual C++ compiles __try/__except and
 * __try/__finally for x86: each function with a __try registers one frame
 * on the fs:[0] chain, laid out below its saved EBP as
 *
 *     ebp-0x18  the ESP to restore in an __except block
 *     ebp-0x14  the EXCEPTION_POINTERS of the exception being filtered
 *     ebp-0x10  Next        } the EXCEPTION_REGISTRATION_RECORD that
 *     ebp-0x0C  Handler     } fs:[0] points to, Handler being
 *     ebp-0x08  ScopeTable  } _except_handler3
 *     ebp-0x04  TryLevel    the index of the innermost __try in force, -1 none
 *     ebp       the caller's EBP
 *
 * The scope table has one entry per __try: the enclosing one's index, the
 * filter (NULL for a __finally) and the __except block or __finally body.
 * Filters and __finally bodies are code of the function: they run with
 * EBP set to the frame's and return in EAX. An __except block is jumped
 * to, never returns, and restores ESP itself from ebp-0x18.
 *
 * _except_handler3 filters from the innermost level out. A filter's
 * EXCEPTION_CONTINUE_EXECUTION (-1) resumes the faulting code, its
 * EXCEPTION_CONTINUE_SEARCH (0) tries the enclosing level, its
 * EXCEPTION_EXECUTE_HANDLER (1) unwinds every frame above this one
 * (_global_unwind2, through RtlUnwind), runs this function's __finally
 * bodies inside the level (_local_unwind2), sets the level to the
 * enclosing one and jumps to the __except block. Called while unwinding,
 * it runs all the function's __finally bodies. _local_unwind2 puts a frame
 * of its own on the chain while a __finally runs, so that an unwind that
 * meets it resumes with the rest of the levels (a collided unwind) and so
 * that _abnormal_termination can tell a __finally run by an unwind.
 */
#include "msvcrt/crt.h"
#include "msvcrt/crtapi.h"

#define TRYLEVEL_NONE (-1)

/* _local_unwind2's own registration while it runs a __finally. */
typedef struct LOCAL_UNWIND_FRAME {
    EXCEPTION_REGISTRATION_RECORD Record;
    EH3_FRAME *Frame;
    LONG Level; /* the level the frame is left at once this __finally ran */
} LOCAL_UNWIND_FRAME;

/* CrtCallWithEbp(code, ebp) and CrtJumpWithEbp(code, ebp) (crt.h). */
__asm__(".text\n"
        ".globl _CrtCallWithEbp\n"
        "_CrtCallWithEbp:\n"
        "    pushl %ebp\n"
        "    pushl %ebx\n"
        "    pushl %esi\n"
        "    pushl %edi\n"
        "    movl 20(%esp), %eax\n"
        "    movl 24(%esp), %ebp\n"
        "    call *%eax\n"
        "    popl %edi\n"
        "    popl %esi\n"
        "    popl %ebx\n"
        "    popl %ebp\n"
        "    ret\n");

__asm__(".text\n"
        ".globl _CrtJumpWithEbp\n"
        "_CrtJumpWithEbp:\n"
        "    movl 4(%esp), %eax\n"
        "    movl 8(%esp), %ebp\n"
        "    cld\n"
        "    jmp *%eax\n");

/* An unwind that reaches _local_unwind2's frame collided with it: the
 * unwind goes on from here (RtlUnwind resumes at this registration and
 * unlinks it, then asks the function's own frame again, whose TryLevel
 * already names the levels still to run). */
static EXCEPTION_DISPOSITION LocalUnwindHandler(EXCEPTION_RECORD *record, EXCEPTION_REGISTRATION_RECORD *frame,
                                                CONTEXT *context, PVOID dispatcher_context)
{
    (void)context;
    if (!(record->ExceptionFlags & (EXCEPTION_UNWINDING | EXCEPTION_EXIT_UNWIND))) {
        return ExceptionContinueSearch;
    }
    *(EXCEPTION_REGISTRATION_RECORD **)dispatcher_context = frame;
    return ExceptionCollidedUnwind;
}

/* Runs the __finally bodies from the frame's level out to stop (exclusive). */
void CDECL _local_unwind2(EH3_FRAME *frame, LONG stop)
{
    LOCAL_UNWIND_FRAME own;
    own.Record.Handler = LocalUnwindHandler;
    own.Record.Next = (EXCEPTION_REGISTRATION_RECORD *)TebRead(TEB_EXCEPTION_LIST);
    own.Frame = frame;
    TebWrite(TEB_EXCEPTION_LIST, (ULONG)&own.Record);
    while (frame->TryLevel != TRYLEVEL_NONE && frame->TryLevel != stop) {
        SCOPETABLE_ENTRY *entry = &frame->ScopeTable[frame->TryLevel];
        /* The level changes first: a __finally that raises is not run again. */
        frame->TryLevel = entry->EnclosingLevel;
        own.Level = entry->EnclosingLevel;
        if (!entry->Filter) {
            CrtCallWithEbp(entry->Handler, (ULONG)&frame->Ebp);
        }
    }
    TebWrite(TEB_EXCEPTION_LIST, (ULONG)own.Record.Next);
}

/* Unwinds every frame above this one: their handlers run with
 * EXCEPTION_UNWINDING and fs:[0] ends at frame. */
void CDECL _global_unwind2(EH3_FRAME *frame)
{
    RtlUnwind(&frame->Record, __builtin_return_address(0), NULL, 0);
}

/* Nonzero inside a __finally run by an unwind (an exception, a return
 * out of the __try): the top of the chain is _local_unwind2's frame and
 * the function's level is the one it is running. */
int CDECL _abnormal_termination(void)
{
    LOCAL_UNWIND_FRAME *top = (LOCAL_UNWIND_FRAME *)TebRead(TEB_EXCEPTION_LIST);
    if (top == (LOCAL_UNWIND_FRAME *)EXCEPTION_CHAIN_END || top->Record.Handler != LocalUnwindHandler) {
        return 0;
    }
    return top->Frame->TryLevel == top->Level;
}

EXCEPTION_DISPOSITION CDECL _except_handler3(EXCEPTION_RECORD *record, EH3_FRAME *frame, CONTEXT *context,
                                             PVOID dispatcher_context)
{
    (void)dispatcher_context;
    __asm__ volatile("cld");
    if (record->ExceptionFlags & (EXCEPTION_UNWINDING | EXCEPTION_EXIT_UNWIND)) {
        _local_unwind2(frame, TRYLEVEL_NONE);
        return ExceptionContinueSearch;
    }
    EXCEPTION_POINTERS pointers = {record, context};
    /* ebp-0x14, GetExceptionInformation(): valid while the filters run. */
    ((ULONG *)frame)[-1] = (ULONG)&pointers;
    for (LONG level = frame->TryLevel; level != TRYLEVEL_NONE;) {
        SCOPETABLE_ENTRY *entry = &frame->ScopeTable[level];
        if (entry->Filter) {
            LONG verdict = CrtCallWithEbp(entry->Filter, (ULONG)&frame->Ebp);
            if (verdict < 0) {
                return ExceptionContinueExecution;
            }
            if (verdict > 0) {
                _global_unwind2(frame);
                _local_unwind2(frame, level);
                frame->TryLevel = entry->EnclosingLevel;
                CrtJumpWithEbp(entry->Handler, (ULONG)&frame->Ebp);
            }
        }
        level = entry->EnclosingLevel;
    }
    return ExceptionContinueSearch;
}
