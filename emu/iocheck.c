/*
 * I/O instructions in ring 3. NT runs user code with IOPL 0 and no I/O
 * permission bitmap, so in, out, ins and outs fault with #GP there. Unicorn
 * 2.1.1 leaves that check out of its translator ("allow all I/O
 * instructions": gen_check_io returns at once), so they would simply run.
 *
 * emu finds them when their block is translated (codecache.c reports every
 * new block before it runs): the block is decoded instruction by
 * instruction, and the decoding is trusted only if it ends exactly where
 * Unicorn's block ends, after exactly as many instructions. Each I/O
 * instruction found gets a UC_HOOK_CODE hook bounded to its one address,
 * and the block is translated again; the hook runs before the instruction
 * (Unicorn syncs EIP for it) and delivers #GP there, and writing EIP in it
 * ends the block before the instruction runs (Unicorn checks for an exit
 * right after a code hook). Code that does no I/O pays nothing.
 */
#include "emu/emu_private.h"

#include <stdlib.h>
#include <string.h>

/* Whether a one-byte opcode takes a ModRM byte. */
static bool HasModRm(uint8_t op)
{
    if (op < 0x40) {
        return (op & 7) < 4;
    }
    switch (op) {
    case 0x62: case 0x63: case 0x69: case 0x6B:
    case 0xC0: case 0xC1: case 0xC4: case 0xC5: case 0xC6: case 0xC7:
    case 0xD0: case 0xD1: case 0xD2: case 0xD3:
    case 0xF6: case 0xF7: case 0xFE: case 0xFF:
        return true;
    default:
        return (op >= 0x80 && op <= 0x8F) || (op >= 0xD8 && op <= 0xDF);
    }
}

/* The immediate bytes of a one-byte opcode (operand size os: 2 or 4). */
static unsigned Immediate1(uint8_t op, uint8_t modrm, unsigned os, unsigned as)
{
    if (op < 0x40) {
        return (op & 7) == 4 ? 1 : (op & 7) == 5 ? os : 0;
    }
    if ((op >= 0x70 && op <= 0x7F) || (op >= 0xB0 && op <= 0xB7) || (op >= 0xE0 && op <= 0xE7)) {
        return 1;
    }
    if (op >= 0xB8 && op <= 0xBF) {
        return os;
    }
    if (op >= 0xA0 && op <= 0xA3) {
        return as; /* moffs */
    }
    switch (op) {
    case 0x6A: case 0x6B: case 0x80: case 0x82: case 0x83: case 0xA8: case 0xC0: case 0xC1:
    case 0xC6: case 0xCD: case 0xD4: case 0xD5: case 0xEB:
        return 1;
    case 0x68: case 0x69: case 0x81: case 0xA9: case 0xC7: case 0xE8: case 0xE9:
        return os;
    case 0xC2: case 0xCA:
        return 2;
    case 0xC8:
        return 3;
    case 0x9A: case 0xEA:
        return os + 2;
    case 0xF6:
        return ((modrm >> 3) & 7) < 2 ? 1 : 0;
    case 0xF7:
        return ((modrm >> 3) & 7) < 2 ? os : 0;
    default:
        return 0;
    }
}

/* Two-byte (0F xx) opcodes without a ModRM byte. */
static bool NoModRm2(uint8_t op)
{
    return (op >= 0x05 && op <= 0x0B) || op == 0x0E || (op >= 0x30 && op <= 0x37) ||
           op == 0x77 || (op >= 0x80 && op <= 0x8F) || op == 0xA0 || op == 0xA1 ||
           op == 0xA2 || op == 0xA8 || op == 0xA9 || op == 0xAA || (op >= 0xC8 && op <= 0xCF);
}

static unsigned Immediate2(uint8_t op, unsigned os)
{
    if (op >= 0x80 && op <= 0x8F) {
        return os; /* jcc rel */
    }
    switch (op) {
    case 0x70: case 0x71: case 0x72: case 0x73: case 0xA4: case 0xAC: case 0xBA:
    case 0xC2: case 0xC4: case 0xC5: case 0xC6: case 0x0F:
        return 1;
    default:
        return 0;
    }
}

/* Bytes of a ModRM operand after the ModRM byte (SIB and displacement). */
static unsigned ModRmTail(const uint8_t *p, unsigned as)
{
    uint8_t modrm = p[0];
    unsigned mod = modrm >> 6, rm = modrm & 7;
    if (mod == 3) {
        return 0;
    }
    if (as == 2) {
        return mod == 1 ? 1 : mod == 2 ? 2 : rm == 6 ? 2 : 0;
    }
    unsigned n = 0;
    if (rm == 4) {
        n = 1;
        if (mod == 0 && (p[1] & 7) == 5) {
            return 1 + 4;
        }
    }
    return n + (mod == 1 ? 1 : mod == 2 ? 4 : rm == 5 ? 4 : 0);
}

/*
 * The length of the instruction at p (at most 15 bytes available), and
 * whether it is an I/O instruction. 0 if it cannot be decoded.
 */
static unsigned Decode(const uint8_t *p, bool *io)
{
    unsigned i = 0, os = 4, as = 4;
    for (; i < 14; i++) {
        uint8_t b = p[i];
        if (b == 0x66) {
            os = 2;
        } else if (b == 0x67) {
            as = 2;
        } else if (!(b == 0x26 || b == 0x2E || b == 0x36 || b == 0x3E || b == 0x64 ||
                     b == 0x65 || b == 0xF0 || b == 0xF2 || b == 0xF3)) {
            break;
        }
    }
    uint8_t op = p[i++];
    *io = (op >= 0xE4 && op <= 0xE7) || (op >= 0xEC && op <= 0xEF) || (op >= 0x6C && op <= 0x6F);
    if (op != 0x0F) {
        if (!HasModRm(op)) {
            return i + Immediate1(op, 0, os, as);
        }
        uint8_t modrm = p[i];
        return i + 1 + ModRmTail(&p[i], as) + Immediate1(op, modrm, os, as);
    }
    uint8_t op2 = p[i++];
    if (op2 == 0x38 || op2 == 0x3A) {
        i++; /* the third opcode byte */
        return i + 1 + ModRmTail(&p[i], as) + (op2 == 0x3A ? 1 : 0);
    }
    if (NoModRm2(op2)) {
        return i + Immediate2(op2, os);
    }
    if (op2 >= 0x20 && op2 <= 0x23) {
        return i + 1; /* mov to/from CRn/DRn: the ModRM names registers only */
    }
    return i + 1 + ModRmTail(&p[i], as) + Immediate2(op2, os);
}

static bool Hooked(EMU *emu, uint32_t address)
{
    for (uint32_t i = 0; i < emu->IoSiteCount; i++) {
        if (emu->IoSites[i] == address) {
            return true;
        }
    }
    return false;
}

/* The code hook at an I/O instruction: #GP before it runs. The hook stays
 * with the address; other code may sit there later, so look again. */
static void OnIoInstruction(uc_engine *uc, uint64_t address, uint32_t size, void *user)
{
    (void)uc;
    EMU *emu = user;
    uint8_t window[32] = {0};
    bool io = false;
    if (size == 0 || size > 15 || !EmuReadCode(emu, (uint32_t)address, window, size) ||
        Decode(window, &io) != size || !io) {
        return;
    }
    EMU_TRAP trap = {.Vector = EMU_TRAP_GP, .Eip = (uint32_t)address};
    emu->Routine(emu->Context, &trap);
}

bool EmuFindIoInstructions(EMU *emu, const uint8_t *bytes, uint32_t address, uint32_t size,
                           uint32_t icount)
{
    uint32_t found[16];
    unsigned nfound = 0;
    uint32_t offset = 0;
    for (uint32_t n = 0; n < icount; n++) {
        uint8_t window[32] = {0};
        uint32_t left = size - offset;
        memcpy(window, bytes + offset, left < 15 ? left : 15);
        bool io = false;
        unsigned len = Decode(window, &io);
        if (len == 0 || len > 15 || offset + len > size) {
            return false;
        }
        if (io && nfound < 16) {
            found[nfound++] = address + offset;
        }
        offset += len;
    }
    if (offset != size) {
        return false; /* the decoding disagrees with Unicorn's: trust nothing */
    }
    bool added = false;
    for (unsigned i = 0; i < nfound; i++) {
        if (Hooked(emu, found[i])) {
            continue;
        }
        uc_hook h;
        if (uc_hook_add(emu->Uc, &h, UC_HOOK_CODE, (void *)OnIoInstruction, emu, found[i],
                        found[i]) != UC_ERR_OK) {
            continue;
        }
        if (emu->IoSiteCount == emu->IoSiteCapacity) {
            uint32_t capacity = emu->IoSiteCapacity ? emu->IoSiteCapacity * 2 : 16;
            uint32_t *sites = realloc(emu->IoSites, capacity * sizeof *sites);
            if (!sites) {
                continue;
            }
            emu->IoSites = sites;
            emu->IoSiteCapacity = capacity;
        }
        emu->IoSites[emu->IoSiteCount++] = found[i];
        added = true;
    }
    return added;
}
