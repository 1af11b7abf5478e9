/*
 * The two pieces of CPU state Unicorn 2.1 has no API for, reached through
 * a saved uc_context (a byte copy of QEMU's CPUX86State up to `retaddr`):
 *
 *  - the #PF / #GP error code (CPUX86State.error_code), and
 *  - the "exception in flight" (CPUX86State.old_exception). A real CPU clears
 *    it once an exception is delivered through the IDT; Unicorn hands the
 *    exception to our hook instead and never clears it, so without this the
 *    second page fault in a row is escalated to a double fault (#DF), and a
 *    third stops the machine.
 *
 * and a third, the arithmetic flags QEMU keeps lazily (cc_op says how to
 * compute them from cc_src and cc_dst; CC_OP_EFLAGS means cc_src holds
 * them). Unicorn 2.1.1's cmpxchg8b computes the flags it leaves unchanged
 * from cc_op as the CPU state last recorded it, not as the instructions
 * before it in the same block set it (the translator does not write its
 * cc_op back first, as it does before daa; QEMU 5's bug), so after
 * `add ecx, ebx; lock cmpxchg8b [m]` cc_src holds EBX's value under
 * CC_OP_EFLAGS: "flags" with any bit set. Left alone, the next stop of the
 * CPU folds them into EFLAGS (QEMU's cpu_exec exit): TF, DF, AC, IOPL...
 * A thread stopped there resumed single-stepping (STATUS_SINGLE_STEP at an
 * ordinary mov, in mimalloc's statistics loop) or with string
 * instructions running backwards. EmuCpuScrubFlags keeps the arithmetic
 * flags' bits only, at every trap and every stop; the six flags
 * themselves (CF PF AF ZF SF OF; only ZF is cmpxchg8b's) stay as Unicorn
 * computed them, which code does not test after a cmpxchg8b.
 *
 * The fields sit at fixed distances before the end of the saved state in
 * 2.1.x (error_code 176 bytes before `retaddr`, exception_is_int 172,
 * old_exception 64). selftest.c checks them against faults with known error
 * codes at every start, so a Unicorn whose layout differs is refused with a
 * clear message instead of misbehaving.
 *
 * Saving the whole context to read three words, and restoring it to write
 * one, is two copies of the CPU state (about 2.5% of a read-back of the
 * pagefile, one fault a page). So the live state is found once: Unicorn's
 * engine points to its CPU object, which holds the state. FindLiveState
 * looks for it near each pointer in the engine, reading through
 * process_vm_readv (a word that is not a pointer only fails the read), and
 * accepts it only if it is byte for byte what uc_context_save copies and
 * follows a register written through the API. If it is not found, the
 * saved context is used as before: the same answers, more slowly.
 */
#define _GNU_SOURCE /* process_vm_readv */
#include "emu/emu_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

/* struct uc_context in 2.1.x: size_t context_size; uc_mode; uc_arch;
 * int snapshot_level; char data[] — so data starts at byte 20 (LP64). */
#define UC_CONTEXT_DATA_OFFSET 20u
#define FROM_END_ERROR_CODE    176u
#define FROM_END_IS_INT        172u
#define FROM_END_OLD_EXCEPTION 64u
/* CPUX86State begins with regs[16] (64-bit each) then eip. */
#define STATE_EAX_OFFSET 0u
#define STATE_EIP_OFFSET 128u
/* ...then eflags, cc_dst, cc_src, cc_src2 (64-bit each), cc_op, df. */
#define STATE_CC_SRC_OFFSET 152u
#define STATE_CC_OP_OFFSET 168u
#define STATE_DF_OFFSET 172u
#define CC_OP_EFLAGS 1u
#define ARITHMETIC_FLAGS 0x8D5u /* OF SF ZF AF PF CF */

/* Reads len bytes at a host address that may not be mapped; false if not. */
static bool SafeRead(const void *address, void *out, size_t len)
{
    struct iovec local = {out, len}, remote = {(void *)address, len};
    return process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == (ssize_t)len;
}

/* How far past a pointer in the engine the CPU state is looked for: QEMU's
 * CPUState comes first in the CPU object, a few kilobytes. */
#define LIVE_STATE_SEARCH (64u << 10)
#define ENGINE_SEARCH 8192u

static bool LiveStateMatches(EMU *emu, const uint8_t *live)
{
    const uint8_t *data = (const uint8_t *)emu->Saved + emu->DataOffset;
    uint8_t *copy = malloc(emu->DataSize);
    bool same = copy && SafeRead(live, copy, emu->DataSize) &&
                memcmp(copy, data, emu->DataSize) == 0;
    free(copy);
    if (!same) {
        return false;
    }
    /* It follows the CPU: a register written now shows there (a copy of
     * the state, such as a saved context, does not). */
    uint32_t eax = 0xC0DE5EED, seen = 0;
    uc_reg_write(emu->Uc, UC_X86_REG_EAX, &eax);
    same = SafeRead(live + STATE_EAX_OFFSET, &seen, 4) && seen == eax;
    /* Back to the saved state, which the next candidate is compared with. */
    uc_context_restore(emu->Uc, emu->Saved);
    return same && SafeRead(live, &seen, 4) && memcmp(&seen, data, 4) == 0;
}

/* The live CPUX86State, or NULL. Called right after a save of known EAX
 * and EIP into emu->Saved. */
static uint8_t *FindLiveState(EMU *emu)
{
    const uint8_t *data = (const uint8_t *)emu->Saved + emu->DataOffset;
    uint8_t *window = malloc(LIVE_STATE_SEARCH);
    uint8_t *found = NULL;
    for (size_t at = 0; window && !found && at < ENGINE_SEARCH; at += sizeof(void *)) {
        uint8_t *object;
        uint8_t probe[8];
        if (!SafeRead((const uint8_t *)emu->Uc + at, &object, sizeof object) || !object ||
            ((uintptr_t)object & 7) || !SafeRead(object, probe, sizeof probe)) {
            continue; /* not a pointer to an object */
        }
        size_t got = LIVE_STATE_SEARCH;
        while (got >= 4096 && !SafeRead(object, window, got)) {
            got /= 2; /* the object may end near the end of a mapping */
        }
        if (got < 4096) {
            continue;
        }
        /* EAX, then EIP 128 bytes on: the values the save just recorded. */
        for (size_t i = 0; i + STATE_EIP_OFFSET + 4 <= got; i += 8) {
            if (memcmp(window + i, data, 8) == 0 &&
                memcmp(window + i + STATE_EIP_OFFSET, data + STATE_EIP_OFFSET, 4) == 0 &&
                LiveStateMatches(emu, object + i)) {
                found = object + i;
                break;
            }
        }
    }
    free(window);
    return found;
}

static bool LiveRegistersMatch(EMU *emu);

int EmuCpuStateInit(EMU *emu, char *why, size_t whylen)
{
    if (uc_context_alloc(emu->Uc, &emu->Saved) != UC_ERR_OK) {
        snprintf(why, whylen, "cannot allocate a Unicorn context");
        return -1;
    }
    size_t total = uc_context_size(emu->Uc);
    size_t data_size;
    memcpy(&data_size, emu->Saved, sizeof data_size);
    if (data_size < 4096 || data_size + UC_CONTEXT_DATA_OFFSET > total) {
        snprintf(why, whylen,
                 "Unicorn's saved CPU context has an unexpected shape (%zu of %zu bytes)",
                 data_size, total);
        return -1;
    }
    emu->DataOffset = UC_CONTEXT_DATA_OFFSET;
    emu->DataSize = data_size;
    emu->ErrorCodeOffset = data_size - FROM_END_ERROR_CODE;
    emu->ExceptionIsIntOffset = data_size - FROM_END_IS_INT;
    emu->OldExceptionOffset = data_size - FROM_END_OLD_EXCEPTION;

    /* Check the data offset: the saved EAX and EIP must be ours. */
    uint32_t eax = 0x5A17E5A1u, eip = 0x00401234u;
    uc_reg_write(emu->Uc, UC_X86_REG_EAX, &eax);
    uc_reg_write(emu->Uc, UC_X86_REG_EIP, &eip);
    uc_context_save(emu->Uc, emu->Saved);
    uint8_t *data = (uint8_t *)emu->Saved + emu->DataOffset;
    uint32_t seen_eax, seen_eip;
    memcpy(&seen_eax, data + STATE_EAX_OFFSET, 4);
    memcpy(&seen_eip, data + STATE_EIP_OFFSET, 4);
    if (seen_eax != eax || seen_eip != eip) {
        snprintf(why, whylen,
                 "Unicorn's saved CPU context is not laid out as in 2.1.x "
                 "(eax 0x%08x, eip 0x%08x read back as 0x%08x, 0x%08x)",
                 eax, eip, seen_eax, seen_eip);
        return -1;
    }
    /* The lazy flags: EFLAGS written through the API is CC_OP_EFLAGS with
     * the arithmetic flags in cc_src and DF in df (1, or -1 when set). */
    static const uint32_t written[2] = {0xAD7u, 0x202u}; /* OF SF ZF AF PF CF DF IF; IF */
    for (int i = 0; i < 2; i++) {
        uc_reg_write(emu->Uc, UC_X86_REG_EFLAGS, &written[i]);
        uc_context_save(emu->Uc, emu->Saved);
        uint64_t cc_src;
        uint32_t cc_op;
        int32_t df;
        memcpy(&cc_src, data + STATE_CC_SRC_OFFSET, 8);
        memcpy(&cc_op, data + STATE_CC_OP_OFFSET, 4);
        memcpy(&df, data + STATE_DF_OFFSET, 4);
        if (cc_src != (written[i] & ARITHMETIC_FLAGS) || cc_op != CC_OP_EFLAGS ||
            df != ((written[i] & 0x400u) ? -1 : 1)) {
            snprintf(why, whylen,
                     "Unicorn's saved CPU context does not keep the flags as 2.1.x does "
                     "(cc_src 0x%llx, cc_op %u, df %d after EFLAGS 0x%x)",
                     (unsigned long long)cc_src, cc_op, df, written[i]);
            return -1;
        }
    }
    emu->LiveState = FindLiveState(emu);
    if (emu->LiveState) {
        emu->LiveRegisters = LiveRegistersMatch(emu);
        /* The checks moved registers; the save is the state to go on from. */
        uc_context_restore(emu->Uc, emu->Saved);
    }
    return 0;
}

/* QEMU's regs[] order (R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI,
 * R_EDI), 64 bits each, as EMU_REGISTERS names them. */
static const uint8_t LiveIndex[8] = {0, 3, 1, 2, 6, 7, 5, 4};

static void ReadLive(EMU *emu, EMU_REGISTERS *regs)
{
    uint32_t *fields[8] = {&regs->Eax, &regs->Ebx, &regs->Ecx, &regs->Edx,
                           &regs->Esi, &regs->Edi, &regs->Ebp, &regs->Esp};
    for (unsigned i = 0; i < 8; i++) {
        memcpy(fields[i], emu->LiveState + 8u * LiveIndex[i], 4);
    }
    memcpy(&regs->Eip, emu->LiveState + STATE_EIP_OFFSET, 4);
}

/* Whether the live state shows each general register where ReadLive looks:
 * distinct values written through the API must read back the same. */
static bool LiveRegistersMatch(EMU *emu)
{
    static const int ids[9] = {UC_X86_REG_EAX, UC_X86_REG_EBX, UC_X86_REG_ECX,
                               UC_X86_REG_EDX, UC_X86_REG_ESI, UC_X86_REG_EDI,
                               UC_X86_REG_EBP, UC_X86_REG_ESP, UC_X86_REG_EIP};
    EMU_REGISTERS seen = {0};
    uint32_t values[9];
    for (unsigned i = 0; i < 9; i++) {
        values[i] = 0x11111111u * (i + 1) + 0x01020304u;
        uc_reg_write(emu->Uc, ids[i], &values[i]);
    }
    ReadLive(emu, &seen);
    const uint32_t got[9] = {seen.Eax, seen.Ebx, seen.Ecx, seen.Edx, seen.Esi,
                             seen.Edi, seen.Ebp, seen.Esp, seen.Eip};
    return memcmp(got, values, sizeof values) == 0;
}

bool EmuCpuReadRegisters(EMU *emu, EMU_REGISTERS *regs)
{
    if (!emu->LiveRegisters) {
        return false;
    }
    ReadLive(emu, regs);
    uc_reg_read(emu->Uc, UC_X86_REG_EFLAGS, &regs->EFlags); /* computed from the flags' parts */
    return true;
}

void EmuCpuStateFree(EMU *emu)
{
    if (emu->Saved) {
        uc_context_free(emu->Saved);
        emu->Saved = NULL;
    }
}

/* cc_src's bits that are no arithmetic flag, under CC_OP_EFLAGS, dropped
 * (the comment at the top says why); true if there were any. */
static bool ScrubFlags(uint8_t *data)
{
    uint32_t cc_op;
    uint64_t cc_src;
    memcpy(&cc_op, data + STATE_CC_OP_OFFSET, 4);
    memcpy(&cc_src, data + STATE_CC_SRC_OFFSET, 8);
    if (cc_op != CC_OP_EFLAGS || !(cc_src & ~(uint64_t)ARITHMETIC_FLAGS)) {
        return false;
    }
    cc_src &= ARITHMETIC_FLAGS;
    memcpy(data + STATE_CC_SRC_OFFSET, &cc_src, 8);
    return true;
}

void EmuCpuScrubFlags(EMU *emu)
{
    if (emu->LiveState) {
        ScrubFlags(emu->LiveState);
        return;
    }
    uc_context_save(emu->Uc, emu->Saved);
    if (ScrubFlags((uint8_t *)emu->Saved + emu->DataOffset)) {
        uc_context_restore(emu->Uc, emu->Saved);
    }
}

void EmuCpuTakeException(EMU *emu, uint32_t *error_code, int *software_interrupt)
{
    int32_t code, is_int, old;
    uint8_t *data = emu->LiveState;
    if (data) {
        ScrubFlags(data);
        memcpy(&code, data + emu->ErrorCodeOffset, 4);
        memcpy(&is_int, data + emu->ExceptionIsIntOffset, 4);
        *error_code = (uint32_t)code;
        *software_interrupt = is_int != 0;
        old = -1;
        memcpy(data + emu->OldExceptionOffset, &old, 4);
        return;
    }
    uc_context_save(emu->Uc, emu->Saved);
    data = (uint8_t *)emu->Saved + emu->DataOffset;
    memcpy(&code, data + emu->ErrorCodeOffset, 4);
    memcpy(&is_int, data + emu->ExceptionIsIntOffset, 4);
    memcpy(&old, data + emu->OldExceptionOffset, 4);
    *error_code = (uint32_t)code;
    *software_interrupt = is_int != 0;
    bool scrubbed = ScrubFlags(data);
    if (old != -1 || scrubbed) {
        old = -1;
        memcpy(data + emu->OldExceptionOffset, &old, 4);
        uc_context_restore(emu->Uc, emu->Saved);
    }
}

/* For the self-test: what the CPU thinks is in flight right now. */
int EmuCpuOldException(EMU *emu)
{
    int32_t old;
    if (emu->LiveState) {
        memcpy(&old, emu->LiveState + emu->OldExceptionOffset, 4);
        return old;
    }
    uc_context_save(emu->Uc, emu->Saved);
    memcpy(&old, (uint8_t *)emu->Saved + emu->DataOffset + emu->OldExceptionOffset, 4);
    return old;
}
