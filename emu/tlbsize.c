/*
 * Sizing the CPU's TLB for ring 3, once, at start.
 *
 * Unicorn's CPU keeps one software TLB per privilege mode: a direct-mapped
 * table of 256 entries at first, so 1 MiB of address space, where two pages
 * a multiple of 1 MiB apart take the same entry. Unicorn resizes it only
 * when it is flushed: it doubles the table if more than 70% of the entries
 * were filled since the flush before, and shrinks it if under 30% were, once
 * 100 ms have passed since the last resize. ntmm flushes only when a valid
 * PTE changes (mm/pagetab.c), which a program that computes rarely causes
 * after its start-up; so its TLB stayed at 256 entries for the whole run.
 * bzip2's 7 MB of arrays then missed on most accesses, and in the Lua
 * benchmark two pages 2 MiB apart (the heap's first page and the
 * interpreter's dispatch table) evicted each other ten million times
 * (bench/README.md has the counts).
 *
 * So here, right after the self-test and on its frames, a ring-3 loop reads
 * 1,536 pages (three page tables' worth, all mapping one frame) three
 * times, with a flush after each pass: each pass fills every entry, and the
 * table doubles three times, to 2,048 entries (8 MiB). Unicorn may shrink
 * it again later if a flush finds it under-used 100 ms after a resize; that
 * is its choice, made from wall time, and changes only speed: no
 * translation the guest could see depends on the TLB's size, because ntmm
 * flushes whenever a valid PTE changes.
 */
#include "emu/emu_private.h"

#include <string.h>

enum { T_PDPT = 1, T_PD_LOW = 2, T_PT0 = 3, T_PD_HIGH = 4, T_PT_HIGH = 5, T_CODE = 6, T_PT1 = 7,
       T_PT2 = 8 };
#define TOUCH_TABLES 3u
#define TOUCH_PAGES  (TOUCH_TABLES * 512u)
#define TOUCH_PASSES 3 /* 256 → 512 → 1,024 → 2,048 entries */
#define CODE_VA      0x00400000u /* inside the touched range: frame T_CODE */

static const uint8_t TouchLoop[] = {
    0xB9, TOUCH_PAGES & 0xFF, TOUCH_PAGES >> 8, 0x00, 0x00, /* mov ecx, TOUCH_PAGES */
    0x31, 0xF6,                                             /* xor esi, esi         */
    0x8B, 0x06,                                             /* l: mov eax, [esi]    */
    0x81, 0xC6, 0x00, 0x10, 0x00, 0x00,                     /* add esi, 4096        */
    0x49,                                                   /* dec ecx              */
    0x75, 0xF5,                                             /* jnz l                */
    0xCD, 0x2E,                                             /* int 2Eh: done        */
};

static uint64_t *Table(EMU *emu, unsigned frame)
{
    return (uint64_t *)(emu->Ram + (size_t)frame * EMU_PAGE_SIZE);
}

static uint64_t Entry(unsigned frame, uint64_t flags)
{
    return ((uint64_t)frame << EMU_PAGE_SHIFT) | flags;
}

static void OnTouchTrap(void *context, const EMU_TRAP *trap)
{
    (void)trap; /* only the final int 2Eh: every page read is present */
    EmuStop(context);
}

void EmuSizeTlb(EMU *emu)
{
    const uint64_t table = EMU_PTE_PRESENT | EMU_PTE_WRITE | EMU_PTE_USER;
    static const unsigned tables[TOUCH_TABLES] = {T_PT0, T_PT1, T_PT2};

    memset(emu->Ram + EMU_PAGE_SIZE, 0, EMU_SELFTEST_FRAMES * EMU_PAGE_SIZE);
    Table(emu, T_PDPT)[0] = Entry(T_PD_LOW, EMU_PTE_PRESENT);
    Table(emu, T_PDPT)[3] = Entry(T_PD_HIGH, EMU_PTE_PRESENT);
    /* EmuRun needs the system page mapped, as every address space has it. */
    Table(emu, T_PD_HIGH)[(EMU_SYSTEM_VA >> 21) & 511] = Entry(T_PT_HIGH, table);
    Table(emu, T_PT_HIGH)[(EMU_SYSTEM_VA >> 12) & 511] =
        Entry(EMU_SYSTEM_FRAME, EMU_PTE_PRESENT | EMU_PTE_WRITE);
    for (unsigned i = 0; i < TOUCH_TABLES; i++) {
        Table(emu, T_PD_LOW)[i] = Entry(tables[i], table);
        for (unsigned j = 0; j < 512; j++) {
            Table(emu, tables[i])[j] = Entry(T_CODE, EMU_PTE_PRESENT | EMU_PTE_USER);
        }
    }
    memcpy(emu->Ram + T_CODE * EMU_PAGE_SIZE, TouchLoop, sizeof TouchLoop);

    EMU_TRAP_ROUTINE routine = emu->Routine;
    void *context = emu->Context;
    emu->Routine = OnTouchTrap;
    emu->Context = emu;
    EmuSetPageTableRoot(emu, T_PDPT * EMU_PAGE_SIZE);
    char why[160];
    for (int pass = 0; pass < TOUCH_PASSES; pass++) {
        EMU_REGISTERS regs = {.Eip = CODE_VA, .EFlags = 0x202};
        if (EmuRun(emu, &regs, why, sizeof why) != 0) {
            break; /* only speed is lost: the TLB keeps the size it has */
        }
        EmuFlushTlb(emu);
    }
    emu->Routine = routine;
    emu->Context = context;
    EmuRemoveCodeInFrames(emu, 1, EMU_SELFTEST_FRAMES);
}
