/*
 * RtlUnwind(TargetFrame, TargetIp, ExceptionRecord, ReturnValue): call
 * the handler of every fs:[0] frame above TargetFrame with
 * EXCEPTION_UNWINDING (their __finally blocks and destructors run), unlink
 * each, and return to the caller with fs:[0] = TargetFrame and EAX =
 * the context's Eax: ReturnValue, unless an unwind handler changed it (as
 * on Windows, where RtlUnwind resumes that context). The caller's
 * registers survive a normal return, so no NtContinue is needed to
 * restore them.
 *
 * The whole chain: TargetFrame EXCEPTION_CHAIN_END (-1) unwinds every
 * frame and returns; a NULL TargetFrame is an exit unwind
 * (EXCEPTION_EXIT_UNWIND in the handlers' record), after which NT's
 * RtlUnwind does not return but raises the record again as a second
 * chance exception, NtRaiseException(record, context, FALSE) — nobody is
 * left to handle it, so the process ends with its code, STATUS_UNWIND
 * when the caller gave no record (ReactOS's x86 RtlUnwind: "this is an
 * exit_unwind or the frame wasn't present in the list").
 */
#include "ntdll/ntdll.h"

ULONG_PTR NTAPI RtlUnwind(EXCEPTION_REGISTRATION_RECORD *target, PVOID target_ip,
                          EXCEPTION_RECORD *record, ULONG_PTR return_value)
{
    (void)target_ip; /* x86: the caller continues by itself */
    EXCEPTION_RECORD local;
    CONTEXT context;
    ULONG low, high;

    RtlpGetStackLimits(&low, &high);
    if (!record) {
        memset(&local, 0, sizeof local);
        local.ExceptionCode = STATUS_UNWIND;
        local.ExceptionAddress = __builtin_return_address(0);
        record = &local;
    }
    record->ExceptionFlags |= EXCEPTION_UNWINDING | (target ? 0 : EXCEPTION_EXIT_UNWIND);
    memset(&context, 0, sizeof context);
    context.ContextFlags = CONTEXT_FULL;
    context.Eax = return_value;
    context.Eip = (ULONG)__builtin_return_address(0);

    EXCEPTION_REGISTRATION_RECORD *frame = (EXCEPTION_REGISTRATION_RECORD *)TebRead(TEB_EXCEPTION_LIST);
    while (frame != EXCEPTION_CHAIN_END && frame != target) {
        if (target && (ULONG)target < (ULONG)frame) {
            RtlpRaiseNoncontinuable(STATUS_INVALID_UNWIND_TARGET, record);
        }
        if (!RtlpIsValidFrame(frame, low, high) &&
            !RtlpIsValidFrame(frame, (ULONG)&context & ~0xFFFu, high)) {
            RtlpRaiseNoncontinuable(STATUS_BAD_STACK, record);
        }
        PVOID dispatcher_context = NULL;
        EXCEPTION_DISPOSITION disposition =
            RtlpExecuteHandlerForUnwind(record, frame, &context, &dispatcher_context);
        switch (disposition) {
        case ExceptionContinueSearch:
            break;
        case ExceptionCollidedUnwind:
            /* Another unwind was running: continue from where it was. */
            frame = dispatcher_context;
            break;
        default:
            RtlpRaiseNoncontinuable(STATUS_INVALID_DISPOSITION, record);
            break;
        }
        EXCEPTION_REGISTRATION_RECORD *next = frame->Next;
        TebWrite(TEB_EXCEPTION_LIST, (ULONG)next);
        frame = next;
    }
    if (!target) {
        context.Esp = (ULONG)__builtin_frame_address(0) + 8;
        context.Ebp = *(ULONG *)__builtin_frame_address(0);
        NtRaiseException(record, &context, FALSE);
    }
    if (frame != target) {
        /* The target was not on the chain. */
        RtlpRaiseNoncontinuable(STATUS_INVALID_UNWIND_TARGET, record);
    }
    return context.Eax;
}
