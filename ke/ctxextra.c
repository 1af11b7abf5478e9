/*
 * The parts of a thread's CONTEXT beyond its integer, control and segment
 * registers (except.c has those).
 *
 * Debug registers: NT keeps Dr0-Dr3, Dr6 and Dr7 per thread and moves them
 * with CONTEXT_DEBUG_REGISTERS: NtSetContextThread and NtContinue set them,
 * NtGetContextThread and an exception's CONTEXT give them back, and a new
 * thread starts with all six zero (Wine's ntdll/tests/exception.c,
 * test_exceptions and test_debug_registers). They are kept, not armed:
 * the emulated CPU raises no debug exception for them.
 *
 * The x87 unit: CONTEXT_FLOATING_POINT's FLOATING_SAVE_AREA, as FNSAVE
 * lays it out, read from the thread's CPU state.
 */
#include "ke/ki.h"

#include <string.h>

void KiDebugRegistersToContext(const KTHREAD *thread, CONTEXT32 *context)
{
    const uint32_t *dr = thread->DebugRegisters;
    context->Dr0 = dr[0], context->Dr1 = dr[1], context->Dr2 = dr[2], context->Dr3 = dr[3];
    context->Dr6 = dr[4], context->Dr7 = dr[5];
}

void KiContextToDebugRegisters(KTHREAD *thread, const CONTEXT32 *context)
{
    if ((context->ContextFlags & CONTEXT_DEBUG_REGISTERS) == CONTEXT_DEBUG_REGISTERS) {
        uint32_t *dr = thread->DebugRegisters;
        dr[0] = context->Dr0, dr[1] = context->Dr1, dr[2] = context->Dr2, dr[3] = context->Dr3;
        dr[4] = context->Dr6, dr[5] = context->Dr7;
    }
}

/* A thread that has not run yet has the x87 state NT gives a new one:
 * FNINIT's, with the control word 0x27F (53-bit precision). */
void KiFloatingToContext(KTHREAD *thread, CONTEXT32 *context)
{
    memset(&context->FloatSave, 0, sizeof context->FloatSave);
    if (!thread->Started) {
        context->FloatSave.ControlWord = 0xFFFF027Fu;
        context->FloatSave.StatusWord = 0xFFFF0000u;
        context->FloatSave.TagWord = 0xFFFFFFFFu;
        return;
    }
    KPROCESS *process = thread->Process;
    bool current = thread == process->System->CurrentThread;
    EMU_DEBUG_REGISTERS fpu;
    EmuGetDebugRegisters(process->Emu, current ? NULL : thread->Context, &fpu);
    /* FNSAVE stores each 16-bit word in a 32-bit slot, the high half set. */
    context->FloatSave.ControlWord = 0xFFFF0000u | (fpu.Fctrl & 0xFFFFu);
    context->FloatSave.StatusWord = 0xFFFF0000u | (fpu.Fstat & 0xFFFFu);
    context->FloatSave.TagWord = 0xFFFF0000u | (fpu.Ftag & 0xFFFFu);
    for (int i = 0; i < 8; i++) {
        memcpy(context->FloatSave.RegisterArea + 10 * i, fpu.St[i], 10);
    }
}
