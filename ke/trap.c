/*
 * Trap entry: every trap the CPU takes in user mode arrives here from emu,
 * as NT's KiTrapXX handlers receive them from the IDT. Page faults go to
 * the memory manager; int 2Eh is a system call; everything else becomes
 * the exception NT raises for it.
 */
#include "ke/ki.h"

#include <stdio.h>

/* The instruction at eip with its prefixes skipped (an instruction is at
 * most 15 bytes): *op the opcode, op[1] the byte after it. false if the
 * bytes cannot be read. */
static bool ReadOpcode(KPROCESS *process, uint32_t eip, uint8_t op[2])
{
    uint8_t bytes[17] = {0}; /* 15 bytes of instruction, and room past them */
    if (MmCopyFromUser(process->Mm, bytes, eip, 2) != STATUS_SUCCESS) {
        return false;
    }
    /* Read the rest where it is readable: the instruction may end at a
     * page's end. */
    for (unsigned i = 2; i < 15; i++) {
        if (MmCopyFromUser(process->Mm, &bytes[i], eip + i, 1) != STATUS_SUCCESS) {
            break;
        }
    }
    unsigned i = 0;
    while (i < 15) {
        switch (bytes[i]) {
        case 0x26: case 0x2E: case 0x36: case 0x3E: case 0x64: case 0x65: /* segments */
        case 0x66: case 0x67:                                           /* sizes */
        case 0xF0: case 0xF2: case 0xF3:                                /* lock, rep */
            i++;
            continue;
        default:
            break;
        }
        break;
    }
    op[0] = bytes[i];
    op[1] = bytes[i + 1];
    return true;
}

/* Whether the instruction at eip reaches memory through a null data
 * segment register: its segment override, else DS (ES for the string
 * instructions' destination). */
static bool ThroughNullSelector(KPROCESS *process, uint32_t eip)
{
    uint8_t bytes[15] = {0};
    if (MmCopyFromUser(process->Mm, bytes, eip, 1) != STATUS_SUCCESS) {
        return false;
    }
    for (unsigned i = 1; i < sizeof bytes; i++) {
        if (MmCopyFromUser(process->Mm, &bytes[i], eip + i, 1) != STATUS_SUCCESS) {
            break;
        }
    }
    EMU_SEGMENTS seg;
    EmuGetSegments(process->Emu, &seg);
    uint16_t selector = seg.Ds;
    bool override = false;
    for (unsigned i = 0; i < sizeof bytes; i++) {
        uint8_t b = bytes[i];
        if (b == 0x26 || b == 0x3E || b == 0x64 || b == 0x65) {
            selector = b == 0x26 ? seg.Es : b == 0x3E ? seg.Ds : b == 0x64 ? seg.Fs : seg.Gs;
            override = true;
        } else if (b == 0x2E || b == 0x36) {
            return false; /* CS and SS are never null in user mode */
        } else if (b == 0x66 || b == 0x67 || b == 0xF0 || b == 0xF2 || b == 0xF3) {
            continue;
        } else {
            if (!override && (b == 0xAA || b == 0xAB || b == 0xA4 || b == 0xA5 ||
                              b == 0xA6 || b == 0xA7 || b == 0xAE || b == 0xAF)) {
                /* movs/cmps/stos/scas: the ES:EDI side may be the one */
                selector = (seg.Es & 0xFFFC) == 0 ? seg.Es : seg.Ds;
            }
            break;
        }
    }
    return (selector & 0xFFFC) == 0;
}

/* KiTrap0E: the page fault handler. */
static void KiTrap0E(KPROCESS *process, const EMU_TRAP *trap, EMU_REGISTERS *regs)
{
    uint32_t access = EXCEPTION_READ_FAULT;
    if (trap->ErrorCode & EMU_PF_FETCH) {
        access = EXCEPTION_EXECUTE_FAULT;
    } else if (trap->ErrorCode & EMU_PF_WRITE) {
        access = EXCEPTION_WRITE_FAULT;
    }
    MM_FAULT_INFO info = {.Eip = regs->Eip};
    KiPrepareFault(process, &info);
    NTSTATUS status = MmAccessFault(process->Mm, trap->FaultAddress, access, true, &info);
    KiAfterFault(process, &info, status);
    process->PageFaults++;
    if (process->TraceFaults) {
        static const char *const kinds[] = {"read", "write", "", "", "", "", "", "", "execute"};
        char name[EX_NTSTATUS_FORMAT_SIZE], where[96];
        /* Numbered as the fault log numbers it; the thread, the region and
         * the instruction's module+offset say what the program was doing. */
        fprintf(stderr, "ntmm: process %u thread %u fault %llu: %s of 0x%08x (%s) at eip 0x%08x (%s): %s",
                process->UniqueProcessId, KiCurrentThread(process)->UniqueThreadId,
                (unsigned long long)MmLastFaultSequence(process->System->Mm),
                kinds[access], trap->FaultAddress, KiRegionKind(process, trap->FaultAddress),
                regs->Eip, KiDescribeAddress(process, regs->Eip, where, sizeof where),
                MmFaultKindName(info.Kind));
        if (info.Pfn != 0xFFFFFFFFu) {
            fprintf(stderr, ", frame 0x%x", info.Pfn);
        }
        if (info.Slot) {
            fprintf(stderr, ", slot %u", info.Slot);
        }
        if (status == STATUS_PENDING) {
            /* The read is in flight: the thread waits for it (in-page I/O);
             * the outcome is the read's, as the fault log has it. */
            NTSTATUS outcome = info.IoStatus != STATUS_SUCCESS ? STATUS_IN_PAGE_ERROR
                                                               : STATUS_SUCCESS;
            fprintf(stderr, ", waits for %s in-page read %u, %s\n",
                    info.Kind == MmFaultCollided ? "another fault's" : "its",
                    MmInPageId(info.InPage), ExNtStatusFormat(outcome, name));
        } else {
            fprintf(stderr, ", %s\n", ExNtStatusFormat(status, name));
        }
    }
    if (status == STATUS_SUCCESS) {
        return; /* the instruction is retried */
    }
    if (status == STATUS_PENDING) {
        KiWaitForInPage(process, info.InPage, trap->FaultAddress, access);
        return; /* retried when the read is done */
    }
    if (status == STATUS_ACCESS_VIOLATION && access != EXCEPTION_EXECUTE_FAULT &&
        ThroughNullSelector(process, regs->Eip)) {
        /* On x86 an access through a null segment register is a #GP, not
         * a page fault: NT reports it as a read of 0xFFFFFFFF. (The
         * emulated CPU checks no selector on data accesses; the ones that
         * fault are caught here.) */
        uint32_t params[2] = {0, 0xFFFFFFFFu};
        KiRaiseStatus(process, (uint32_t)status, regs->Eip, 2, params, regs);
    } else if (status == STATUS_ACCESS_VIOLATION || status == STATUS_GUARD_PAGE_VIOLATION ||
               status == STATUS_STACK_OVERFLOW) {
        /* [0] = 0 read, 1 write, 8 execute (DEP); [1] = the address (a
         * stack overflow's too, as NT's KiTrap0E raises it). */
        uint32_t params[2] = {access, trap->FaultAddress};
        KiRaiseStatus(process, (uint32_t)status, regs->Eip, 2, params, regs);
    } else if (status == STATUS_IN_PAGE_ERROR || status == STATUS_NO_MEMORY) {
        /* [2] = the I/O status that stopped the page coming in. */
        NTSTATUS io = status == STATUS_NO_MEMORY ? STATUS_NO_MEMORY
                    : info.IoStatus != STATUS_SUCCESS ? info.IoStatus : STATUS_IN_PAGE_ERROR;
        uint32_t params[3] = {access, trap->FaultAddress, (uint32_t)io};
        KiRaiseStatus(process, (uint32_t)STATUS_IN_PAGE_ERROR, regs->Eip, 3, params, regs);
    } else {
        KiRaiseStatus(process, (uint32_t)status, regs->Eip, 0, NULL, regs);
    }
}

/* KiTrap0D: #GP. User code reaches it with privileged instructions, or with
 * int n for a vector whose gate is not open to user mode. */
static uint32_t GeneralProtectionStatus(KPROCESS *process, uint32_t eip)
{
    uint8_t op[2];
    if (!ReadOpcode(process, eip, op)) {
        return (uint32_t)STATUS_ACCESS_VIOLATION;
    }
    switch (op[0]) {
    case 0xF4: /* hlt */
    case 0xFA: /* cli */
    case 0xFB: /* sti */
    case 0xE4: case 0xE5: case 0xEC: case 0xED: /* in */
    case 0xE6: case 0xE7: case 0xEE: case 0xEF: /* out */
    case 0x6C: case 0x6D: case 0x6E: case 0x6F: /* ins/outs */
        return (uint32_t)STATUS_PRIVILEGED_INSTRUCTION;
    case 0x0F:
        /* mov to/from CRn/DRn, lgdt/lidt/lmsw, invd, wbinvd, wrmsr, rdmsr, clts */
        if (op[1] == 0x20 || op[1] == 0x21 || op[1] == 0x22 || op[1] == 0x23 ||
            op[1] == 0x01 || op[1] == 0x06 || op[1] == 0x08 || op[1] == 0x09 ||
            op[1] == 0x30 || op[1] == 0x32) {
            return (uint32_t)STATUS_PRIVILEGED_INSTRUCTION;
        }
        break;
    default:
        break;
    }
    return (uint32_t)STATUS_ACCESS_VIOLATION;
}

/* The traps that raise one status whatever the instruction was. EIP moves
 * the context's EIP (KiTrap03 backs it up to the int3); Address places
 * ExceptionAddress relative to that EIP (into reports the into itself);
 * the parameters, if any, are 0: a breakpoint has three, the first
 * BREAKPOINT_BREAK (Wine's ntdll/tests/exception.c, test_breakpoint:
 * three on 32-bit Windows, one only under WoW64). */
typedef struct KI_TRAP_STATUS {
    uint32_t Vector;
    NTSTATUS Status;
    int32_t Eip, Address;
    uint32_t ParameterCount;
} KI_TRAP_STATUS;

static const KI_TRAP_STATUS KiTrapStatus[] = {
    {EMU_TRAP_DIVIDE, STATUS_INTEGER_DIVIDE_BY_ZERO, 0, 0, 0},
    {EMU_TRAP_DEBUG, STATUS_SINGLE_STEP, 0, 0, 0},
    {EMU_TRAP_BREAKPOINT, STATUS_BREAKPOINT, -1, 0, 3},
    {EMU_TRAP_OVERFLOW, STATUS_INTEGER_OVERFLOW, 0, -1, 0},
    {EMU_TRAP_BOUND, STATUS_ARRAY_BOUNDS_EXCEEDED, 0, 0, 0},
    {EMU_TRAP_ALIGNMENT, STATUS_DATATYPE_MISALIGNMENT, 0, 0, 0},
    {EMU_TRAP_SIMD, STATUS_FLOAT_INVALID_OPERATION, 0, 0, 0},
};

/*
 * KiTrap10: an unmasked x87 error, reported at the next waiting x87
 * instruction (fwait), whose EIP the context has. The status is the first
 * of the errors the status word shows and the control word does not mask,
 * in NT's order: invalid operation (a stack fault when SF is set), divide
 * by zero, denormal, overflow, underflow, precision (Wine's exception.c,
 * test_fpu_exceptions).
 */
static void KiTrap10(KPROCESS *process, EMU_REGISTERS *regs)
{
    EMU_DEBUG_REGISTERS fpu;
    EmuGetDebugRegisters(process->Emu, NULL, &fpu);
    uint32_t errors = fpu.Fstat & ~fpu.Fctrl & 0x3Fu;
    NTSTATUS status = STATUS_FLOAT_INVALID_OPERATION;
    if (errors & 0x01u) {
        status = (fpu.Fstat & 0x40u) ? STATUS_FLOAT_STACK_CHECK : STATUS_FLOAT_INVALID_OPERATION;
    } else if (errors & 0x04u) {
        status = STATUS_FLOAT_DIVIDE_BY_ZERO;
    } else if (errors & 0x02u) {
        status = STATUS_FLOAT_DENORMAL_OPERAND;
    } else if (errors & 0x08u) {
        status = STATUS_FLOAT_OVERFLOW;
    } else if (errors & 0x10u) {
        status = STATUS_FLOAT_UNDERFLOW;
    } else if (errors & 0x20u) {
        status = STATUS_FLOAT_INEXACT_RESULT;
    }
    KiRaiseStatus(process, (uint32_t)status, regs->Eip, 0, NULL, regs);
}

static bool RaiseTrapStatus(KPROCESS *process, uint32_t vector, EMU_REGISTERS *regs)
{
    for (size_t i = 0; i < sizeof KiTrapStatus / sizeof KiTrapStatus[0]; i++) {
        const KI_TRAP_STATUS *t = &KiTrapStatus[i];
        if (t->Vector == vector) {
            uint32_t params[3] = {0, 0, 0};
            regs->Eip += (uint32_t)t->Eip;
            if (vector == EMU_TRAP_DEBUG) {
                /* KiTrap01 clears the trap flag in the frame: a handler
                 * sees a context that single-steps no more unless it sets
                 * TF again (Wine's exception.c, single_step_handler). */
                regs->EFlags &= ~0x100u;
            }
            KiRaiseStatus(process, (uint32_t)t->Status, regs->Eip + (uint32_t)t->Address,
                          t->ParameterCount, t->ParameterCount ? params : NULL, regs);
            return true;
        }
    }
    return false;
}

void KiTrapDispatch(void *context, const EMU_TRAP *trap)
{
    KSYSTEM *system = context;
    KPROCESS *process = system->Current;
    EMU_REGISTERS regs;
    EmuGetRegisters(process->Emu, &regs);
    if (system->Kd) {
        KdNoteTrap(system, trap->Vector); /* a debugger watches: a fault retries the access */
    }

    if (RaiseTrapStatus(process, trap->Vector, &regs)) {
        goto done;
    }
    /* The rest look at the instruction or the fault. */
    switch (trap->Vector) {
    case EMU_TRAP_FPU:
        KiTrap10(process, &regs);
        break;
    case EMU_TRAP_PAGE_FAULT:
        KiTrap0E(process, trap, &regs);
        break;
    case EMU_TRAP_SYSTEM_CALL:
        KiSystemService(process, &regs);
        break;
    case EMU_TRAP_INVALID_OP: {
        /* icebp (F1) is #DB raised after the instruction on a real CPU:
         * STATUS_SINGLE_STEP at the next instruction (Wine's exception
         * tests). The CPU model here reports it as #UD at the F1. */
        uint8_t op[2];
        if (ReadOpcode(process, regs.Eip, op) && op[0] == 0xF1) {
            regs.Eip += 1;
            KiRaiseStatus(process, (uint32_t)STATUS_SINGLE_STEP, regs.Eip, 0, NULL, &regs);
            break;
        }
        KiRaiseStatus(process, (uint32_t)STATUS_ILLEGAL_INSTRUCTION, regs.Eip, 0, NULL, &regs);
        break;
    }
    case EMU_TRAP_DEBUG_SERVICE:
        if (trap->SoftwareInterrupt) {
            /* KiDebugService: int 2Dh is the debug service call. NT steps
             * EIP one byte past the instruction (the byte a debugger's
             * service skips), reports STATUS_BREAKPOINT with EAX, ECX,
             * EDX as its three parameters, at that EIP less one when EAX
             * is BREAKPOINT_BREAK (0); the dispatcher then backs the
             * context's EIP up by one, as for every breakpoint. */
            if (regs.Eax == 1 || (regs.Eax >= 3 && regs.Eax <= 5)) {
                /* BREAKPOINT_PRINT, _LOAD_SYMBOLS, _UNLOAD_SYMBOLS and
                 * _COMMAND_STRING are the kernel debugger's own (NT's
                 * KdIsThisAKdTrap); with none attached its stub takes
                 * them: no exception, the thread goes on past the skipped
                 * byte (Wine's exception.c, test_debug_service: 32-bit
                 * Windows raises nothing for them, WoW64 does). */
                regs.Eip += 1;
                EmuSetRegisters(process->Emu, &regs);
                break;
            }
            uint32_t params[3] = {regs.Eax, regs.Ecx, regs.Edx};
            uint32_t address = regs.Eip + 1 - (regs.Eax == 0 ? 1 : 0);
            KiRaiseStatus(process, (uint32_t)STATUS_BREAKPOINT, address, 3, params, &regs);
            break;
        }
        goto unexpected;
    case EMU_TRAP_GP:
    case EMU_TRAP_STACK: {
        uint32_t eip = regs.Eip;
        uint32_t status;
        if (trap->SoftwareInterrupt) {
            /* int n to a gate user mode may not use: the CPU faults on the
             * int instruction itself (2 bytes), with no advance. */
            eip -= 2;
            regs.Eip = eip;
            status = (uint32_t)STATUS_ACCESS_VIOLATION;
        } else {
            status = GeneralProtectionStatus(process, eip);
        }
        if (status == (uint32_t)STATUS_ACCESS_VIOLATION) {
            uint32_t params[2] = {0, 0xFFFFFFFFu};
            KiRaiseStatus(process, status, eip, 2, params, &regs);
        } else {
            KiRaiseStatus(process, status, eip, 0, NULL, &regs);
        }
        break;
    }
    default:
    unexpected:
        if (trap->SoftwareInterrupt) {
            /* Only int 2Eh (and int3/into) are open to user mode; the others
             * are a #GP on the int instruction, as NT's IDT makes them. */
            regs.Eip -= 2;
            uint32_t params[2] = {0, 0xFFFFFFFFu};
            KiRaiseStatus(process, (uint32_t)STATUS_ACCESS_VIOLATION, regs.Eip, 2, params, &regs);
            break;
        }
        snprintf(process->InternalError, sizeof process->InternalError,
                 "unexpected CPU trap %u at eip 0x%08x", trap->Vector, regs.Eip);
        KiTerminateProcess(process, (int32_t)STATUS_UNHANDLED_EXCEPTION);
        break;
    }
done:
    if (!process->Terminated) {
        MmFlushTlbIfNeeded(system->Mm);
    }
    KiCheckCommitLimit(process);
}
