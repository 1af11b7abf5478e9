/*
 * KiDispatchException for user mode, as NT x86 does it: the CONTEXT and
 * then the EXCEPTION_RECORD are copied onto the user stack below the
 * interrupted ESP, two pointers are pushed ([esp] = &record,
 * [esp+4] = &context), and the thread resumes at
 * ntdll!KiUserExceptionDispatcher, which runs the handlers. The second
 * chance (nobody handled it) ends the process with the exception code.
 */
#include "ke/ki.h"

#include <stdio.h>
#include <string.h>

void KiRegistersToContext(const EMU_REGISTERS *regs, const EMU_SEGMENTS *segments,
                          CONTEXT32 *context)
{
    memset(context, 0, sizeof *context);
    context->ContextFlags = CONTEXT_FULL;
    context->Eax = regs->Eax;
    context->Ebx = regs->Ebx;
    context->Ecx = regs->Ecx;
    context->Edx = regs->Edx;
    context->Esi = regs->Esi;
    context->Edi = regs->Edi;
    context->Ebp = regs->Ebp;
    context->Esp = regs->Esp;
    context->Eip = regs->Eip;
    context->EFlags = regs->EFlags;
    context->SegCs = EMU_SEL_USER_CODE;
    context->SegSs = EMU_SEL_USER_DATA;
    context->SegDs = segments->Ds;
    context->SegEs = segments->Es;
    context->SegFs = segments->Fs;
    context->SegGs = segments->Gs;
}

/* NtContinue's rule: only the parts ContextFlags names are restored (CS
 * and SS stay what user mode must have; the data segments are
 * KiContextToSegments'). */
void KiContextToRegisters(const CONTEXT32 *context, EMU_REGISTERS *regs)
{
    uint32_t flags = context->ContextFlags;
    if ((flags & CONTEXT_INTEGER) == CONTEXT_INTEGER) {
        regs->Eax = context->Eax;
        regs->Ebx = context->Ebx;
        regs->Ecx = context->Ecx;
        regs->Edx = context->Edx;
        regs->Esi = context->Esi;
        regs->Edi = context->Edi;
    }
    if ((flags & CONTEXT_CONTROL) == CONTEXT_CONTROL) {
        regs->Ebp = context->Ebp;
        regs->Eip = context->Eip;
        regs->Esp = context->Esp;
        regs->EFlags = context->EFlags;
    }
}

/* CONTEXT_SEGMENTS: DS, ES, FS and GS as the context says, with RPL 3; a
 * selector ring 3 cannot load becomes null (NT sanitizes them the same
 * way, Ke386SanitizeSeg, before returning to user mode). */
void KiContextToSegments(KPROCESS *process, const CONTEXT32 *context)
{
    if ((context->ContextFlags & CONTEXT_SEGMENTS) == CONTEXT_SEGMENTS) {
        EMU_SEGMENTS segments = {(uint16_t)context->SegDs, (uint16_t)context->SegEs,
                                 (uint16_t)context->SegFs, (uint16_t)context->SegGs};
        EmuSetUserSegments(process->Emu, &segments);
    }
}

void KiTerminateProcess(KPROCESS *process, int32_t status)
{
    if (!process->Terminated) {
        process->Terminated = true;
        process->ExitStatus = status;
    }
    EmuStop(process->Emu);
}

/*
 * The dispatcher's frame on the thread's stack: below its ESP the CONTEXT
 * (these registers and segments), the record, and the two pointers; *next
 * is where the thread resumes. False if the stack cannot take it.
 */
static bool PushExceptionFrame(KTHREAD *thread, EXCEPTION_RECORD32 *record,
                               const EMU_REGISTERS *regs, const EMU_SEGMENTS *segments,
                               EMU_REGISTERS *next)
{
    KPROCESS *process = thread->Process;
    if (record->NumberParameters > EXCEPTION_MAXIMUM_PARAMETERS) {
        record->NumberParameters = EXCEPTION_MAXIMUM_PARAMETERS;
    }
    /* CONTEXT_FULL and the debug registers, which a handler may change
     * for NtContinue to set (ctxextra.c). */
    CONTEXT32 context;
    KiRegistersToContext(regs, segments, &context);
    context.ContextFlags |= CONTEXT_DEBUG_REGISTERS;
    KiDebugRegistersToContext(thread, &context);

    /* Only the used part of the record is copied, rounded to 4 bytes. */
    uint32_t record_length = (uint32_t)(sizeof *record -
        (EXCEPTION_MAXIMUM_PARAMETERS - record->NumberParameters) * sizeof(uint32_t));
    uint32_t context_va = (regs->Esp & ~3u) - (uint32_t)sizeof context;
    uint32_t record_va = context_va - ((record_length + 3) & ~3u);
    uint32_t frame_va = record_va - 8;
    uint32_t frame[2] = {record_va, context_va};

    NTSTATUS status = STATUS_ACCESS_VIOLATION;
    if (regs->Esp > sizeof context + 0x100) {
        status = MmCopyToUser(process->Mm, context_va, &context, sizeof context);
        if (status == STATUS_SUCCESS) {
            status = MmCopyToUser(process->Mm, record_va, record, record_length);
        }
        if (status == STATUS_SUCCESS) {
            status = MmCopyToUser(process->Mm, frame_va, frame, sizeof frame);
        }
    }
    *next = *regs;
    next->Esp = frame_va;
    next->Eip = process->KiUserExceptionDispatcher;
    next->EFlags &= ~0x100u; /* no trap flag inside the dispatcher */
    return status == STATUS_SUCCESS;
}

/* A thread off the CPU (woken from a wait, as an in-page error's waiter):
 * its saved registers get the frame; its segments are user mode's. */
void KiDispatchExceptionToThread(KTHREAD *thread, EXCEPTION_RECORD32 *record)
{
    KPROCESS *process = thread->Process;
    process->ExceptionsDispatched++;
    KiNoteException(process, record);
    EMU_REGISTERS regs, next;
    EmuGetThreadStateRegisters(thread->Context, &regs);
    if (process->TraceExceptions) {
        char name[EX_NTSTATUS_FORMAT_SIZE];
        fprintf(stderr, "ntmm: first chance exception %s at 0x%08x in thread %u",
                ExNtStatusFormat((NTSTATUS)record->ExceptionCode, name), record->ExceptionAddress,
                thread->UniqueThreadId);
        for (uint32_t i = 0; i < record->NumberParameters && i < EXCEPTION_MAXIMUM_PARAMETERS; i++) {
            fprintf(stderr, "%s0x%08x", i ? ", " : " [", record->ExceptionInformation[i]);
        }
        fprintf(stderr, "%s (esp 0x%08x)\n", record->NumberParameters ? "]" : "", regs.Esp);
    }
    static const EMU_SEGMENTS user = {EMU_SEL_USER_DATA, EMU_SEL_USER_DATA, EMU_SEL_TEB, 0};
    if (!PushExceptionFrame(thread, record, &regs, &user, &next)) {
        process->Terminated = true;
        process->ExitStatus = (int32_t)record->ExceptionCode;
        KiEndProcess(process, true);
        return;
    }
    EmuSetThreadStateRegisters(thread->Context, &next);
}

void KiDispatchException(KPROCESS *process, EXCEPTION_RECORD32 *record,
                         const EMU_REGISTERS *regs, bool first_chance)
{
    if (first_chance && KdException(process, record, regs)) {
        return; /* a debugger sees it first; the dispatch waits for it (kd.c) */
    }
    process->ExceptionsDispatched++;
    KiNoteException(process, record);
    if (process->TraceExceptions) {
        char name[EX_NTSTATUS_FORMAT_SIZE];
        fprintf(stderr, "ntmm: %s chance exception %s at 0x%08x", first_chance ? "first" : "second",
                ExNtStatusFormat((NTSTATUS)record->ExceptionCode, name), record->ExceptionAddress);
        for (uint32_t i = 0; i < record->NumberParameters && i < EXCEPTION_MAXIMUM_PARAMETERS; i++) {
            fprintf(stderr, "%s0x%08x", i ? ", " : " [", record->ExceptionInformation[i]);
        }
        fprintf(stderr, "%s (esp 0x%08x)\n", record->NumberParameters ? "]" : "", regs->Esp);
    }
    if (!first_chance) {
        KiTerminateProcess(process, (int32_t)record->ExceptionCode);
        return;
    }
    EMU_SEGMENTS segments;
    EmuGetSegments(process->Emu, &segments);
    EMU_REGISTERS next;
    if (!PushExceptionFrame(KiCurrentThread(process), record, regs, &segments, &next)) {
        /* The exception cannot be delivered (the stack is gone): as NT,
         * the process ends with the exception's code. */
        KiTerminateProcess(process, (int32_t)record->ExceptionCode);
        return;
    }
    EmuSetRegisters(process->Emu, &next);
    /* The dispatcher runs on the segments NT gives user mode, whatever
     * the program had loaded (its own are in the CONTEXT). */
    static const EMU_SEGMENTS user = {EMU_SEL_USER_DATA, EMU_SEL_USER_DATA, EMU_SEL_TEB, 0};
    EmuSetUserSegments(process->Emu, &user);
    process->RegistersReplaced = true;
}

void KiRaiseStatus(KPROCESS *process, uint32_t code, uint32_t address, uint32_t nparams,
                   const uint32_t *params, const EMU_REGISTERS *regs)
{
    EXCEPTION_RECORD32 record;
    memset(&record, 0, sizeof record);
    record.ExceptionCode = code;
    record.ExceptionAddress = address;
    record.NumberParameters = nparams;
    for (uint32_t i = 0; i < nparams && i < EXCEPTION_MAXIMUM_PARAMETERS; i++) {
        record.ExceptionInformation[i] = params[i];
    }
    KiDispatchException(process, &record, regs, true);
}
