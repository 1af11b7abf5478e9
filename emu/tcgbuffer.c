/*
 * Unicorn 2.1.1's translated-code buffer, the first time it fills.
 *
 * QEMU 5's code buffer is divided into "regions"; Unicorn 2.1.1 makes one,
 * but does not take it at creation (region.current stays 0). So the first
 * time the buffer fills, tcg_tb_alloc() finds a region "left", takes it
 * again (tcg_region_assign: the whole buffer zeroed, the write pointer back
 * at the start) and goes on translating, without flushing anything: the
 * hash table, the jump cache and the CPU loop's previous block still point
 * at translated blocks that are now zeros or new code. The next chaining
 * of the previous block to a new one writes through a zeroed block's code
 * pointer: the host process crashes (SIGSEGV in tb_set_jmp_target; or
 * SIGBUS). pcre2's JIT test crashed ntmm this way after ~10,000 patterns.
 * Every later fill is handled as QEMU means it: once a tb_flush has reset
 * the regions (region.current 1 of 1), a full buffer makes tb_gen_code
 * flush everything and leave the CPU loop cleanly. Unicorn fixed this after
 * 2.1.1 (tcg_tb_alloc flushes when it changes region); ntmm cannot patch
 * the Unicorn it runs on.
 *
 * So emu flushes once, itself, before the first fill: a flush at creation
 * would zero all 32 MiB (tcg_region_assign's memset) and make every run
 * pay for it in time and resident memory, so instead emu watches the
 * buffer (found in /proc/self/maps: the one anonymous read-write-execute
 * mapping of that size) and, once code has reached its middle (mincore of
 * the page there: code is written from the start on, so the page is
 * resident only once the write pointer has passed it or the huge page
 * holding it was touched), stops the CPU at the next block, flushes every
 * translation (EmuFlushTranslations) and goes on at that block as if
 * nothing happened: the block was counted as it started and did not run,
 * so its count is taken back. After that flush the monitor is off. A
 * program that translates less than 16 MiB of host code (every program of
 * the corpus: 4-8 MiB) never sees it. If the buffer cannot be found, emu
 * flushes at creation instead: slower, never wrong.
 */
#include "emu/emu_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* How many new blocks between two looks at the buffer: a block's host
 * code is at most some tens of KiB, so the half left after the page
 * looked at cannot fill in that many. */
#define PROBE_EVERY 64

/* The anonymous rwx mapping of about `size` bytes (Unicorn's code buffer). */
static uint8_t *FindCodeBuffer(size_t size)
{
    FILE *maps = fopen("/proc/self/maps", "r");
    if (!maps) {
        return NULL;
    }
    char line[512];
    uint8_t *found = NULL;
    unsigned count = 0;
    while (fgets(line, sizeof line, maps)) {
        unsigned long start, end;
        char perms[8];
        unsigned long offset;
        unsigned inode;
        char device[16];
        if (sscanf(line, "%lx-%lx %7s %lx %15s %u", &start, &end, perms, &offset, device, &inode) != 6 ||
            strcmp(perms, "rwxp") != 0 || inode != 0) {
            continue;
        }
        size_t length = end - start;
        if (length <= size && length + (1u << 20) >= size) {
            found = (uint8_t *)start;
            count++;
        }
    }
    fclose(maps);
    return count == 1 ? found : NULL;
}

void EmuCodeBufferInit(EMU *emu, size_t size)
{
    emu->CodeBufferProbe = NULL;
    uint8_t *buffer = FindCodeBuffer(size);
    long page = sysconf(_SC_PAGESIZE);
    if (!buffer || page <= 0) {
        EmuFlushTranslations(emu);
        return;
    }
    emu->CodeBufferProbe = (uint8_t *)((uintptr_t)(buffer + size / 2) & ~((uintptr_t)page - 1));
}

/* A new block was translated: is it time to flush before the buffer fills? */
void EmuCodeBufferNoteBlock(EMU *emu)
{
    if (!emu->CodeBufferProbe || ++emu->BlocksSinceProbe < PROBE_EVERY) {
        return;
    }
    emu->BlocksSinceProbe = 0;
    unsigned char resident = 0;
    if (mincore(emu->CodeBufferProbe, 1, &resident) == 0 && (resident & 1)) {
        emu->FlushWanted = 1;
        EmuArmCount(emu); /* the next block stops (Expired) */
    }
}

/* The CPU stopped for the flush (Expired, at a block that was counted and
 * did not run): flush, take the block's count back, and go on. */
void EmuCodeBufferFlush(EMU *emu)
{
    emu->FlushWanted = 0;
    emu->FlushStop = 0;
    emu->CodeBufferProbe = NULL; /* the watch is over */
    emu->Instructions = EmuCountNow(emu) - emu->StoppedBlockCount;
    emu->Left = emu->Armed;
    EmuFlushTranslations(emu);
}

size_t EmuCodeBufferBytes(void)
{
    const char *mib = getenv("NTMM_CODE_BUFFER_MIB");
    long n = mib ? strtol(mib, NULL, 10) : 0;
    return n >= 2 && n <= 1024 ? (size_t)n << 20 : (size_t)32 << 20;
}
