/*
 * What a debugger needs from the CPU: hooks before chosen instructions
 * (breakpoints), before every instruction (single step) and on data
 * accesses to chosen ranges (watchpoints), and every register gdb knows.
 * Unicorn puts a code hook's call only into blocks translated while the
 * hook exists and only for the addresses in its range, so a breakpoint
 * costs its own instruction and nothing else; with no debugger attached
 * there is no hook at all. Data hooks are called with the guest-physical
 * address (Unicorn's softmmu has translated it by then, through the
 * guest's page tables): the debugger maps its watched virtual ranges to
 * frames itself.
 */
#include "emu/emu_private.h"

#include <string.h>

static void OnDebugCode(uc_engine *uc, uint64_t address, uint32_t size, void *user)
{
    (void)uc;
    EMU *emu = user;
    emu->DebugRoutine(emu->DebugContext, EMU_DEBUG_EXECUTE, (uint32_t)address, size);
}

static void OnDebugMemory(uc_engine *uc, uc_mem_type type, uint64_t address, int size,
                          int64_t value, void *user)
{
    (void)uc;
    (void)value;
    EMU *emu = user;
    uint32_t kind = type == UC_MEM_WRITE ? EMU_DEBUG_WRITE : EMU_DEBUG_READ;
    emu->DebugRoutine(emu->DebugContext, kind, (uint32_t)address, (uint32_t)size);
}

int EmuSetDebugHooks(EMU *emu, const EMU_DEBUG_RANGE *ranges, uint32_t count,
                     bool every_instruction, EMU_DEBUG_ROUTINE routine, void *context)
{
    for (uint32_t i = 0; i < emu->DebugHookCount; i++) {
        uc_hook_del(emu->Uc, emu->DebugHooks[i]);
    }
    emu->DebugHookCount = 0;
    emu->DebugRoutine = routine;
    emu->DebugContext = context;
    int rc = 0;
    if (count > EMU_DEBUG_MAX_RANGES) {
        count = EMU_DEBUG_MAX_RANGES;
        rc = -1;
    }
    for (uint32_t i = 0; routine && i < count; i++) {
        const EMU_DEBUG_RANGE *r = &ranges[i];
        uint64_t begin = r->Address;
        uint64_t end = begin + (r->Size ? r->Size : 1) - 1;
        if (r->Kind != EMU_DEBUG_EXECUTE && r->Size == 0) {
            begin = 1; /* begin > end: every address */
            end = 0;
        }
        uc_err err;
        if (r->Kind == EMU_DEBUG_EXECUTE) {
            if (every_instruction) {
                continue; /* the hook over everything below calls for it too */
            }
            err = uc_hook_add(emu->Uc, &emu->DebugHooks[emu->DebugHookCount], UC_HOOK_CODE,
                              (void *)OnDebugCode, emu, begin, end);
        } else {
            int type = r->Kind == EMU_DEBUG_WRITE ? UC_HOOK_MEM_WRITE : UC_HOOK_MEM_READ;
            err = uc_hook_add(emu->Uc, &emu->DebugHooks[emu->DebugHookCount], type,
                              (void *)OnDebugMemory, emu, begin, end);
        }
        if (err == UC_ERR_OK) {
            emu->DebugHookCount++;
        } else {
            rc = -1;
        }
    }
    if (routine && every_instruction) {
        /* begin > end: every address. */
        if (uc_hook_add(emu->Uc, &emu->DebugHooks[emu->DebugHookCount], UC_HOOK_CODE,
                        (void *)OnDebugCode, emu, 1, 0) == UC_ERR_OK) {
            emu->DebugHookCount++;
        } else {
            rc = -1;
        }
    }
    /* Blocks translated before carry the old hooks' calls (or none). */
    EmuFlushTranslations(emu);
    return rc;
}

static const int GeneralIds[16] = {
    UC_X86_REG_EAX, UC_X86_REG_ECX, UC_X86_REG_EDX, UC_X86_REG_EBX,
    UC_X86_REG_ESP, UC_X86_REG_EBP, UC_X86_REG_ESI, UC_X86_REG_EDI,
    UC_X86_REG_EIP, UC_X86_REG_EFLAGS, UC_X86_REG_CS, UC_X86_REG_SS,
    UC_X86_REG_DS, UC_X86_REG_ES, UC_X86_REG_FS, UC_X86_REG_GS,
};

/* One register of the CPU or of a saved context. */
static void Read(EMU *emu, EMU_THREAD_STATE *state, int id, void *value)
{
    if (state) {
        uc_context_reg_read(EmuThreadStateContext(state), id, value);
    } else {
        uc_reg_read(emu->Uc, id, value);
    }
}

static void Write(EMU *emu, EMU_THREAD_STATE *state, int id, const void *value)
{
    if (state) {
        uc_context_reg_write(EmuThreadStateContext(state), id, value);
    } else {
        uc_reg_write(emu->Uc, id, value);
    }
}

void EmuGetDebugRegisters(EMU *emu, EMU_THREAD_STATE *state, EMU_DEBUG_REGISTERS *regs)
{
    memset(regs, 0, sizeof *regs);
    for (int i = 0; i < 16; i++) {
        Read(emu, state, GeneralIds[i], &regs->R[i]);
    }
    regs->R[10] &= 0xFFFF; /* the selectors: 16 bits */
    for (int i = 11; i < 16; i++) {
        regs->R[i] &= 0xFFFF;
    }
    for (int i = 0; i < 8; i++) {
        uint8_t value[16] = {0};
        Read(emu, state, UC_X86_REG_ST0 + i, value);
        memcpy(regs->St[i], value, 10);
    }
    uint16_t word = 0;
    Read(emu, state, UC_X86_REG_FPCW, &word);
    regs->Fctrl = word;
    word = 0;
    Read(emu, state, UC_X86_REG_FPSW, &word);
    regs->Fstat = word;
    word = 0;
    Read(emu, state, UC_X86_REG_FPTAG, &word);
    regs->Ftag = word;
}

void EmuSetDebugRegisters(EMU *emu, EMU_THREAD_STATE *state, const EMU_DEBUG_REGISTERS *regs)
{
    for (int i = 0; i < 10; i++) {
        uint32_t value = regs->R[i];
        if (i == 9) {
            /* User mode may not set IOPL or VM, nor clear IF (EmuSetRegisters). */
            value = (value & 0x00210DD5u) | 0x202u;
        }
        Write(emu, state, GeneralIds[i], &value);
    }
    for (int i = 0; i < 8; i++) {
        uint8_t value[16] = {0};
        memcpy(value, regs->St[i], 10);
        Write(emu, state, UC_X86_REG_ST0 + i, value);
    }
    uint16_t word = (uint16_t)regs->Fctrl;
    Write(emu, state, UC_X86_REG_FPCW, &word);
    word = (uint16_t)regs->Fstat;
    Write(emu, state, UC_X86_REG_FPSW, &word);
}
