/*
 * Trap entry: every trap the CPU takes in user mode arrives here from emu,
 * as NT's KiTrapXX handlers receive them from the IDT. Page faults go to
 * the memory manager; int 2Eh is a system call; everything else becomes
 * the exception NT raises for it.
 */
#include "ke/ki.h"

#include <stdio.h>

/* KiTrap0E: the page fault handler. */
static void KiTrap0E(KPROCESS *process, const EMU_TRAP *trap, EMU_REGISTERS *regs)
{
    uint32_t access = MM_ACCESS_READ;
    if (trap->ErrorCode & EMU_PF_FETCH) {
        access = MM_ACCESS_EXECUTE;
    } else if (trap->ErrorCode & EMU_PF_WRITE) {
        access = MM_ACCESS_WRITE;
    }
    MM_FAULT_INFO info = {.Eip = regs->Eip};
    NTSTATUS status = MmAccessFault(process->Mm, trap->FaultAddress, access, true, &info);
    process->PageFaults++;
    if (process->TraceFaults) {
        static const char *const kinds[] = {"read", "write", "", "", "", "", "", "", "execute"};
        char name[EX_NTSTATUS_FORMAT_SIZE];
        fprintf(stderr, "ntmm: fault %llu: thread %u: %s of 0x%08x at eip 0x%08x: %s",
                (unsigned long long)process->PageFaults, KiCurrentThread(process)->UniqueThreadId,
                kinds[access], trap->FaultAddress, regs->Eip, MmFaultKindName(info.Kind));
        if (info.Pfn != 0xFFFFFFFFu) {
            fprintf(stderr, ", frame 0x%x", info.Pfn);
        }
        if (info.Slot) {
            fprintf(stderr, ", slot %u", info.Slot);
        }
        fprintf(stderr, ", %s\n", ExNtStatusFormat(status, name));
    }
    if (status == STATUS_SUCCESS) {
        return; /* the instruction is retried */
    }
    if (status == STATUS_ACCESS_VIOLATION || status == STATUS_GUARD_PAGE_VIOLATION ||
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
    uint8_t op[2] = {0, 0};
    if (MmCopyFromUser(process->Mm, op, eip, 2) != STATUS_SUCCESS) {
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

void KiTrapDispatch(void *context, const EMU_TRAP *trap)
{
    KSYSTEM *system = context;
    KPROCESS *process = system->Current;
    EMU_REGISTERS regs;
    EmuGetRegisters(process->Emu, &regs);

    switch (trap->Vector) {
    case EMU_TRAP_PAGE_FAULT:
        KiTrap0E(process, trap, &regs);
        break;
    case EMU_TRAP_SYSTEM_CALL:
        KiSystemService(process, &regs);
        break;
    case EMU_TRAP_DIVIDE:
        KiRaiseStatus(process, (uint32_t)STATUS_INTEGER_DIVIDE_BY_ZERO, regs.Eip, 0, NULL, &regs);
        break;
    case EMU_TRAP_BREAKPOINT: {
        /* KiTrap03 backs EIP up to the int3 itself; one parameter,
         * BREAKPOINT_BREAK (0). */
        uint32_t param = 0;
        regs.Eip -= 1;
        KiRaiseStatus(process, (uint32_t)STATUS_BREAKPOINT, regs.Eip, 1, &param, &regs);
        break;
    }
    case EMU_TRAP_DEBUG:
        KiRaiseStatus(process, (uint32_t)STATUS_SINGLE_STEP, regs.Eip, 0, NULL, &regs);
        break;
    case EMU_TRAP_OVERFLOW:
        KiRaiseStatus(process, (uint32_t)STATUS_INTEGER_OVERFLOW, regs.Eip - 1, 0, NULL, &regs);
        break;
    case EMU_TRAP_BOUND:
        KiRaiseStatus(process, (uint32_t)STATUS_ARRAY_BOUNDS_EXCEEDED, regs.Eip, 0, NULL, &regs);
        break;
    case EMU_TRAP_INVALID_OP:
        KiRaiseStatus(process, (uint32_t)STATUS_ILLEGAL_INSTRUCTION, regs.Eip, 0, NULL, &regs);
        break;
    case EMU_TRAP_ALIGNMENT:
        KiRaiseStatus(process, (uint32_t)STATUS_DATATYPE_MISALIGNMENT, regs.Eip, 0, NULL, &regs);
        break;
    case EMU_TRAP_FPU:
    case EMU_TRAP_SIMD:
        KiRaiseStatus(process, (uint32_t)STATUS_FLOAT_INVALID_OPERATION, regs.Eip, 0, NULL, &regs);
        break;
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
    if (!process->Terminated) {
        MmFlushTlbIfNeeded(system->Mm);
    }
}
