/*
 * Translated code: counting the instructions it runs, and never running it
 * after the bytes it came from have changed.
 *
 * How Unicorn 2.1.1 (QEMU 5 softmmu) notices writes to code, read from its
 * source: QEMU keeps a per-page "dirty for code" bitmap, and a TLB entry for
 * a page that holds translated blocks (TBs) is filled with TLB_NOTDIRTY, so
 * every store to it takes the slow path, which invalidates the TBs the
 * store overlaps (tb_invalidate_phys_page_fast). Unicorn removed the
 * bitmap: cpu_physical_memory_is_clean() is always true and
 * tlb_protect_code() does nothing. Instead every writable TLB entry starts
 * NOTDIRTY, and the FIRST store through it invalidates the TBs it overlaps
 * and then clears NOTDIRTY for good (tlb_set_dirty); only a new TB at the
 * same virtual page sets it again (tlb_reset_dirty_by_vaddr in
 * tb_gen_code). So, after one store to a code page:
 *
 *   - a second store, to another translated block of the same page, is not
 *     seen: a JIT that writes small buffers one after another runs an
 *     earlier buffer's leftover instructions;
 *   - a store through a second mapping of the frame (an alias view) is not
 *     seen once that mapping's entry has been used;
 *   - host writes into guest RAM (mm zeroing or filling a frame, system
 *     services writing user memory) are never seen: nothing in Unicorn
 *     watches them, not even uc_mem_write.
 *
 * Making every store slow again is possible (any UC_HOOK_MEM_WRITE keeps
 * every entry NOTDIRTY) but costs far too much. What emu does instead:
 *
 *   - Every new TB is reported by UC_HOOK_EDGE_GENERATED, before it runs,
 *     with its address, byte size and instruction count. emu walks the page
 *     tables to the frame(s) it came from and marks them as holding code.
 *   - A frame that some PTE maps writable (mm says so: EmuNoteWritableFrame,
 *     and the executing PTE itself may be writable) may change under its
 *     TBs without Unicorn noticing. Its blocks are "watched": each time one
 *     starts, the block hook hashes its bytes and compares them with the
 *     hash taken when it was translated. A changed block is dropped with
 *     every other TB of its frames and the CPU restarts at the same address
 *     (writing EIP in a block hook ends the TB before its first
 *     instruction), so the new bytes are translated and run.
 *   - The host invalidates a frame before writing it (EmuHostWriteFrame,
 *     EmuReuseFrame): by guest-physical address, through an identity map of
 *     RAM that emu keeps in its reserved frames and switches to for the
 *     call (uc_ctl_remove_cache takes a virtual address and translates it
 *     with the current page tables).
 *
 * Counting: the block table (Blocks, by address), filled when each block
 * is translated, gives its instruction count; a block whose slot another
 * takes moves to a second table (Victims, by a hash), where the slow path
 * finds it. An unwatched block's hook is one load of its Blocks entry (key
 * and count in one word), one compare of the key, and one subtract from the
 * instructions left before the next look at the deadline whose sign is the
 * only other branch. The quantum's deadline and the
 * interrupt flag are folded into that one count: Left reaches zero at the
 * deadline, or after EMU_POLL_INSTRUCTIONS when the deadline is further (or
 * off), and only then is the interrupt flag read (EmuSetInterruptFlag's
 * flag is set by signal handlers; reading it there, in the CPU's own
 * thread, needs no other synchronisation). The count stays exact per block
 * and deterministic: a look at the deadline that finds it still ahead
 * changes nothing.
 * selftest.c proves each Unicorn behaviour used here at every start.
 */
#include "emu/emu_private.h"

#include <stdlib.h>
#include <string.h>

#define KEY_SIZE_LIMIT (1u << 14)
#define KEY_EPOCH_ONE (1ull << 56)
#define KEY_EPOCH_MASK (0x7Full << 56)
#define KEY_WATCHED (1ull << 63)
#define COUNT_LIMIT (1u << 10)
_Static_assert(KEY_SIZE_LIMIT <= EMU_BLOCK_CACHE, "Key and Install: a size within the slot's bits");

/*
 * Where a block sits: in Blocks, at its address's low bits; in Victims, at
 * a hash of its address. Blocks' slot is the address itself, not a hash of
 * it, because the hot path pays for every instruction: three more (a shift
 * and an XOR to hash) took the register loop from 0.67 to 0.58 of raw
 * Unicorn (bench/README.md). Neighbouring blocks never collide there; blocks
 * a multiple of 64 KiB apart do, and the one that loses its slot is found
 * again in Victims by the slow path (at most a few hundred thousand times
 * in a run of the bench's real programs, of billions of blocks).
 */
static inline uint32_t Slot(uint64_t address)
{
    return (uint32_t)address & (EMU_BLOCK_CACHE - 1);
}

static inline uint32_t VictimSlot(uint64_t address)
{
    return (uint32_t)(address ^ (address >> 12) ^ (address >> 23)) & (EMU_BLOCK_CACHE - 1);
}

/*
 * A block's key in the current epoch, in an entry's bits 10-63: its address
 * XOR its byte size, so that two TBs at one address (a single-stepped one
 * beside the whole block) never share a count. Two blocks in one slot have
 * the same low address bits (the slot's, at least 14 of them) and sizes
 * below 2^14, so their keys are equal only if both address and size are. The address is a 32-bit CPU's:
 * no masking, as the hot path computes this for every block.
 */
static inline uint64_t Key(const EMU *emu, uint64_t address, uint32_t size)
{
    return ((address ^ size) << 10) | emu->BlockEpoch;
}

/* The count in an entry that matches key, watched or not; COUNT_LIMIT or
 * more if it does not match. */
static inline uint64_t Match(EMU_BLOCK_INFO entry, uint64_t key)
{
    return (entry ^ key) & ~KEY_WATCHED;
}

/* A table entry: the key and the count in one word; 0 (matching no key)
 * for a block that does not fit one. An entry XOR the key looked up is
 * below COUNT_LIMIT exactly when the key matches, and is then the count. */
static inline EMU_BLOCK_INFO Entry(uint64_t key, uint32_t count, uint32_t size)
{
    if (size >= KEY_SIZE_LIMIT || count >= COUNT_LIMIT) {
        return 0;
    }
    return key | count;
}

static inline bool TestBit(const uint8_t *map, uint32_t n)
{
    return (map[n >> 3] >> (n & 7)) & 1;
}

static inline void SetBit(uint8_t *map, uint32_t n) { map[n >> 3] |= (uint8_t)(1u << (n & 7)); }
static inline void ClearBit(uint8_t *map, uint32_t n) { map[n >> 3] &= (uint8_t)~(1u << (n & 7)); }

/*
 * The frame behind a user virtual address in the current page tables (PAE,
 * as the CPU walks them); false if it is not mapped. writable: the walk
 * allows writes.
 */
static bool WalkPage(EMU *emu, uint32_t va, uint32_t *pfn, bool *writable)
{
    const uint64_t frame_mask = EMU_PTE_FRAME;
    uint64_t e;
    uint64_t pa = (uint64_t)emu->Cr3 + ((va >> 30) & 3) * 8;
    if (pa + 8 > emu->RamBytes) {
        return false;
    }
    memcpy(&e, emu->Ram + pa, 8);
    if (!(e & EMU_PTE_PRESENT)) {
        return false;
    }
    pa = (e & frame_mask) + ((va >> 21) & 511) * 8;
    if (pa + 8 > emu->RamBytes) {
        return false;
    }
    memcpy(&e, emu->Ram + pa, 8);
    if (!(e & EMU_PTE_PRESENT)) {
        return false;
    }
    bool w = (e & EMU_PTE_WRITE) != 0;
    if (e & (1ull << 7)) { /* a 2 MiB page */
        uint64_t frame = ((e & frame_mask & ~0x1FFFFFull) + (va & 0x1FF000u)) >> EMU_PAGE_SHIFT;
        *pfn = (uint32_t)frame;
        *writable = w;
        return frame < emu->Frames;
    }
    pa = (e & frame_mask) + ((va >> 12) & 511) * 8;
    if (pa + 8 > emu->RamBytes) {
        return false;
    }
    memcpy(&e, emu->Ram + pa, 8);
    if (!(e & EMU_PTE_PRESENT)) {
        return false;
    }
    uint64_t frame = (e & frame_mask) >> EMU_PAGE_SHIFT;
    *pfn = (uint32_t)frame;
    *writable = w && (e & EMU_PTE_WRITE);
    return frame < emu->Frames;
}

/*
 * The frames a block's bytes sit in (one, or two when it crosses a page)
 * and an FNV-1a hash of those bytes as they are now. false: a page of it is
 * not mapped any more.
 */
typedef struct BLOCK_PLACE {
    uint32_t Pfn[2];
    unsigned Pages;
    bool Writable;
    uint32_t Hash;
} BLOCK_PLACE;

static bool PlaceBlock(EMU *emu, uint32_t address, uint32_t size, BLOCK_PLACE *place)
{
    uint32_t hash = 2166136261u;
    uint32_t va = address;
    uint32_t left = size ? size : 1;
    place->Pages = 0;
    place->Writable = false;
    while (left) {
        uint32_t pfn;
        bool writable;
        if (place->Pages == 2 || !WalkPage(emu, va, &pfn, &writable)) {
            return false;
        }
        place->Pfn[place->Pages++] = pfn;
        place->Writable |= writable;
        uint32_t chunk = EMU_PAGE_SIZE - (va & (EMU_PAGE_SIZE - 1));
        if (chunk > left) {
            chunk = left;
        }
        const uint8_t *bytes = emu->Ram + (size_t)pfn * EMU_PAGE_SIZE + (va & (EMU_PAGE_SIZE - 1));
        for (uint32_t i = 0; i < chunk; i++) {
            hash = (hash ^ bytes[i]) * 16777619u;
        }
        va += chunk;
        left -= chunk;
    }
    place->Hash = hash;
    return true;
}

bool EmuReadCode(EMU *emu, uint32_t va, uint8_t *out, uint32_t len)
{
    uint32_t done = 0;
    while (done < len) {
        uint32_t pfn;
        bool writable;
        if (!WalkPage(emu, va, &pfn, &writable)) {
            return false;
        }
        uint32_t chunk = EMU_PAGE_SIZE - (va & (EMU_PAGE_SIZE - 1));
        if (chunk > len - done) {
            chunk = len - done;
        }
        memcpy(out + done, emu->Ram + (size_t)pfn * EMU_PAGE_SIZE + (va & (EMU_PAGE_SIZE - 1)),
               chunk);
        va += chunk;
        done += chunk;
    }
    return true;
}

/* Whether a new block has I/O instructions that were not hooked yet (and
 * are now): see iocheck.c. Most blocks have none of the opcode bytes. */
static bool HasIoInstructions(EMU *emu, uint32_t address, uint32_t size, uint32_t icount)
{
    uint8_t bytes[2 * EMU_PAGE_SIZE];
    if (size == 0 || size > sizeof bytes) {
        return false;
    }
    if (!EmuReadCode(emu, address, bytes, size)) {
        return false;
    }
    bool candidate = false;
    for (uint32_t i = 0; i < size; i++) {
        uint8_t op = bytes[i];
        candidate |= (op >= 0xE4 && op <= 0xE7) || (op >= 0xEC && op <= 0xEF) ||
                     (op >= 0x6C && op <= 0x6F);
    }
    return candidate && EmuFindIoInstructions(emu, bytes, address, size, icount);
}

/* Puts entry (with the hash of its bytes) in Blocks[slot]; the block there
 * before moves to Victims, where it is found again if it runs. */
static void Install(EMU *emu, uint32_t slot, EMU_BLOCK_INFO entry, uint32_t hash)
{
    EMU_BLOCK_INFO old = emu->Blocks[slot];
    if ((old & KEY_EPOCH_MASK) == emu->BlockEpoch) { /* 0 is in no epoch */
        uint32_t mixed = (uint32_t)(old >> 10); /* its address ^ its size */
        uint32_t size = (mixed ^ slot) & (EMU_BLOCK_CACHE - 1);
        uint32_t v = VictimSlot(mixed ^ size);
        emu->Victims[v] = old;
        emu->VictimHashes[v] = emu->BlockHashes[slot];
    }
    emu->Blocks[slot] = entry;
    emu->BlockHashes[slot] = hash;
}

/* A new translation of a block replaces what Victims held for it. */
static void ForgetVictim(EMU *emu, uint64_t address, uint32_t size)
{
    uint32_t v = VictimSlot(address);
    if (Match(emu->Victims[v], Key(emu, address, size)) < COUNT_LIMIT) {
        emu->Victims[v] = 0;
    }
}

/* A new TB is about to run for the first time: remember its count, where
 * its bytes came from, and whether they can change under it. */
static void NoteTranslation(EMU *emu, uint64_t address, uint32_t size, uint32_t icount)
{
    EmuCodeBufferNoteBlock(emu);
    if (address >= 0x80000000u) {
        return; /* the ring-0 entry stub: not the program's, never rewritten */
    }
    uint32_t slot = Slot(address);
    EMU_BLOCK_INFO *b = &emu->Blocks[slot];
    BLOCK_PLACE place;
    Install(emu, slot, Entry(Key(emu, address, size), icount, size), 0);
    ForgetVictim(emu, address, size); /* a retranslation's old entry too */
    if (!PlaceBlock(emu, (uint32_t)address, size, &place)) {
        return; /* not reachable through these page tables: nothing to watch */
    }
    bool watched = place.Writable;
    for (unsigned i = 0; i < place.Pages; i++) {
        SetBit(emu->CodeFrames, place.Pfn[i]);
        watched |= TestBit(emu->WritableFrames, place.Pfn[i]);
    }
    emu->BlockHashes[slot] = place.Hash;
    if (watched && *b) {
        *b |= KEY_WATCHED;
    }
    if (HasIoInstructions(emu, (uint32_t)address, size, icount) && *b) {
        /* Start it again once it is translated with its hooks: a watched
         * entry whose hash cannot match does that (OnBlockSlow). */
        *b |= KEY_WATCHED;
        emu->BlockHashes[slot] = ~place.Hash;
    }
}

void EmuOnTranslation(uc_engine *uc, uc_tb *cur, uc_tb *prev, void *user)
{
    (void)uc;
    (void)prev;
    NoteTranslation(user, cur->pc, cur->size, cur->icount);
}

uint64_t EmuCountNow(EMU *emu)
{
    return emu->Instructions + (uint64_t)(emu->Armed - emu->Left);
}

/* Left: the instructions to the deadline, or EMU_POLL_INSTRUCTIONS if it is
 * further; none if the interrupt flag is up (the next block stops). */
void EmuArmCount(EMU *emu)
{
    emu->Instructions = EmuCountNow(emu);
    uint64_t left = emu->Deadline > emu->Instructions ? emu->Deadline - emu->Instructions : 0;
    if (left > EMU_POLL_INSTRUCTIONS) {
        left = EMU_POLL_INSTRUCTIONS;
    }
    if (*emu->Interrupt || emu->FlushWanted) {
        left = 0;
    }
    emu->Left = emu->Armed = (int64_t)left;
}

/* Left reached zero as this block started (it is counted): the quantum is
 * over, or the interrupt flag is up, and the CPU stops before the block
 * runs, its start becoming EIP explicitly (Unicorn restores it by itself
 * only while no code hook exists, and iocheck.c adds some); or it is only
 * time to look again. */
__attribute__((noinline, cold)) static void Expired(EMU *emu, uint64_t address, uint32_t count)
{
    EmuArmCount(emu);
    if (emu->TickRoutine) {
        emu->TickRoutine(emu->TickContext); /* the clock interrupt (emu.h) */
    }
    if (emu->Left > 0) {
        return;
    }
    uint32_t eip = (uint32_t)address;
    if (emu->FlushWanted && !*emu->Interrupt && emu->Deadline > emu->Instructions) {
        /* Only the code buffer's flush (tcgbuffer.c): Start does it and
         * goes on here, this block's count taken back. */
        emu->FlushStop = 1;
        emu->StoppedBlockCount = count;
        uc_reg_write(emu->Uc, UC_X86_REG_EIP, &eip);
        EmuStop(emu);
        return;
    }
    emu->Deadline = UINT64_MAX;
    emu->QuantumExpired = 1;
    EmuArmCount(emu);
    uc_reg_write(emu->Uc, UC_X86_REG_EIP, &eip);
    EmuStop(emu);
}

static void Count(EMU *emu, uint64_t address, uint32_t count)
{
    if ((emu->Left -= count) <= 0) {
        Expired(emu, address, count);
    }
}

/* Drops every TB whose bytes lie in the virtual page of va (mapped now). */
static void RemoveCodeAt(EMU *emu, uint32_t va)
{
    uint64_t page = va & ~(uint64_t)(EMU_PAGE_SIZE - 1);
    uc_ctl_remove_cache(emu->Uc, page, page + EMU_PAGE_SIZE);
}

/*
 * Finds a block's entry where the hot path did not: watched in Blocks, or
 * in Victims (and then moves it back to Blocks); 0 if in neither.
 */
static EMU_BLOCK_INFO FindEntry(EMU *emu, uint64_t address, uint32_t size, uint32_t slot)
{
    uint64_t key = Key(emu, address, size);
    if (Match(emu->Blocks[slot], key) < COUNT_LIMIT) {
        return emu->Blocks[slot];
    }
    uint32_t v = VictimSlot(address);
    EMU_BLOCK_INFO entry = emu->Victims[v];
    if (Match(entry, key) >= COUNT_LIMIT) {
        return 0;
    }
    uint32_t hash = emu->VictimHashes[v];
    emu->Victims[v] = 0;
    Install(emu, slot, entry, hash);
    emu->VictimHits++;
    return entry;
}

/*
 * The slow path: a block not in Blocks (another took its slot since it was
 * translated, or it is the entry stub), or a watched one.
 */
__attribute__((noinline, cold)) static void OnBlockSlow(EMU *emu, uint64_t address, uint32_t size)
{
    if (address >= 0x80000000u) {
        return; /* the ring-0 entry stub is not the program's work */
    }
    uint32_t slot = Slot(address);
    BLOCK_PLACE place;
    EMU_BLOCK_INFO entry = FindEntry(emu, address, size, slot);
    if (entry) {
        uint64_t count = Match(entry, Key(emu, address, size));
        if (!(entry & KEY_WATCHED) || !PlaceBlock(emu, (uint32_t)address, size, &place) ||
            place.Hash == emu->BlockHashes[slot]) {
            Count(emu, address, (uint32_t)count);
            return;
        }
        /* Its bytes changed since it was translated: drop every TB of its
         * pages and start over at the same address, before any of the
         * stale instructions runs. */
        emu->StaleBlocks++;
        emu->Blocks[slot] = 0;
        RemoveCodeAt(emu, (uint32_t)address);
        if (((address + size - 1) ^ address) & ~(uint64_t)(EMU_PAGE_SIZE - 1)) {
            RemoveCodeAt(emu, (uint32_t)(address + size - 1));
        }
        uint32_t eip = (uint32_t)address;
        uc_reg_write(emu->Uc, UC_X86_REG_EIP, &eip);
        return;
    }
    /* In neither table: translated before both lost it. If it can have
     * been rewritten since, its hash at translation is gone with it:
     * translate it again to be sure (the new TB reports itself). */
    emu->BlockMisses++;
    if (!PlaceBlock(emu, (uint32_t)address, size, &place)) {
        return;
    }
    bool watched = place.Writable;
    for (unsigned i = 0; i < place.Pages; i++) {
        watched |= TestBit(emu->WritableFrames, place.Pfn[i]);
    }
    if (watched) {
        RemoveCodeAt(emu, (uint32_t)address);
        uint32_t eip = (uint32_t)address;
        uc_reg_write(emu->Uc, UC_X86_REG_EIP, &eip);
        return;
    }
    uc_tb tb;
    uint32_t count = 1;
    if (uc_ctl(emu->Uc, EMU_CTL_REQUEST_CACHE, address, &tb) == UC_ERR_OK && tb.icount) {
        count = tb.icount;
    }
    Install(emu, slot, Entry(Key(emu, address, size), count, size), place.Hash);
    Count(emu, address, count);
}

/*
 * Every translated block starts here. A block is counted whole even if it
 * faults part-way: deterministic, and exact for code that does not fault.
 * Eleven instructions on x86-64. The subtract is one, on Left in memory,
 * whose flags the branch tests: GCC would load, subtract, store and test
 * again, and with the three more instructions the register loop ran at 0.58
 * of raw Unicorn instead of 0.67.
 */
void EmuOnBlock(uc_engine *uc, uint64_t address, uint32_t size, void *user)
{
    (void)uc;
    EMU *emu = user;
    uint64_t count = emu->Blocks[Slot(address)] ^ Key(emu, address, size);
    if (__builtin_expect(count < COUNT_LIMIT, 1)) {
#if defined(__x86_64__) && defined(__GNUC__)
        asm goto("subq %1, %0\n\tjle %l[expired]"
                 : /* Left is an input in memory, written as the "memory" clobber says */
                 : "m"(emu->Left), "r"(count)
                 : "memory", "cc"
                 : expired);
        return;
    expired:
        Expired(emu, address, (uint32_t)count);
#else
        if ((emu->Left -= (int64_t)count) <= 0) {
            Expired(emu, address, (uint32_t)count);
        }
#endif
        return;
    }
    OnBlockSlow(emu, address, size);
}

int EmuCodeCacheInit(EMU *emu)
{
    size_t bytes = (emu->Frames + 7) / 8;
    emu->CodeFrames = calloc(1, bytes);
    emu->WritableFrames = calloc(1, bytes);
    emu->Deadline = UINT64_MAX;
    emu->Interrupt = &emu->NoInterrupt;
    EmuArmCount(emu);
    emu->BlockEpoch = KEY_EPOCH_ONE; /* an all-zero entry matches no key */
    return emu->CodeFrames && emu->WritableFrames ? 0 : -1;
}

void EmuCodeCacheFree(EMU *emu)
{
    free(emu->CodeFrames);
    free(emu->WritableFrames);
    free(emu->IoSites);
}

/*
 * The identity map: RAM at virtual address = physical address, in 2 MiB
 * user pages, in emu's reserved frames (12: the PDPT, 13-15: one page
 * directory per GiB of RAM).
 */
enum { F_IDENTITY_PDPT = 12, F_IDENTITY_PD = 13 };

void EmuBuildIdentityMap(EMU *emu)
{
    uint8_t *base = emu->Ram;
    memset(base + F_IDENTITY_PDPT * EMU_PAGE_SIZE, 0, 4 * EMU_PAGE_SIZE);
    uint64_t *pdpt = (uint64_t *)(base + F_IDENTITY_PDPT * EMU_PAGE_SIZE);
    for (uint64_t gb = 0; gb * (1ull << 30) < emu->RamBytes; gb++) {
        uint32_t pd_frame = F_IDENTITY_PD + (uint32_t)gb;
        pdpt[gb] = ((uint64_t)pd_frame << EMU_PAGE_SHIFT) | EMU_PTE_PRESENT;
        uint64_t *pd = (uint64_t *)(base + (size_t)pd_frame * EMU_PAGE_SIZE);
        for (uint64_t i = 0; i < 512; i++) {
            uint64_t pa = (gb << 30) + (i << 21);
            if (pa >= emu->RamBytes) {
                break;
            }
            pd[i] = pa | EMU_PTE_PRESENT | EMU_PTE_WRITE | EMU_PTE_USER | (1ull << 7);
        }
    }
    emu->IdentityRoot = F_IDENTITY_PDPT * EMU_PAGE_SIZE;
}

/* Drops every TB made from frames [pfn, pfn + count), by physical address. */
void EmuRemoveCodeInFrames(EMU *emu, uint32_t pfn, uint32_t count)
{
    uint32_t cr3 = emu->Cr3;
    uint32_t identity = emu->IdentityRoot;
    uint64_t pa = (uint64_t)pfn << EMU_PAGE_SHIFT;
    uc_reg_write(emu->Uc, UC_X86_REG_CR3, &identity);
    uc_ctl_remove_cache(emu->Uc, pa, pa + (uint64_t)count * EMU_PAGE_SIZE);
    uc_reg_write(emu->Uc, UC_X86_REG_CR3, &cr3);
    emu->CodeInvalidations++;
}

void EmuHostWriteFrame(EMU *emu, uint32_t pfn)
{
    if (pfn < emu->Frames && TestBit(emu->CodeFrames, pfn)) {
        ClearBit(emu->CodeFrames, pfn);
        EmuRemoveCodeInFrames(emu, pfn, 1);
    }
}

void EmuReuseFrame(EMU *emu, uint32_t pfn)
{
    if (pfn < emu->Frames) {
        ClearBit(emu->WritableFrames, pfn);
        EmuHostWriteFrame(emu, pfn);
    }
}

void EmuNoteWritableFrame(EMU *emu, uint32_t pfn)
{
    if (pfn < emu->Frames) {
        SetBit(emu->WritableFrames, pfn);
    }
}

/* Every entry made before is forgotten: a new epoch makes their keys
 * differ from every key looked up from now on. The table is cleared only
 * when the epochs wrap (a process switch forgets the blocks; clearing 512 KiB
 * each time would cost more than the switch). */
void EmuForgetBlocks(EMU *emu)
{
    emu->BlockEpoch = (emu->BlockEpoch + KEY_EPOCH_ONE) & KEY_EPOCH_MASK;
    if (emu->BlockEpoch == 0) {
        memset(emu->Blocks, 0, sizeof emu->Blocks);
        memset(emu->Victims, 0, sizeof emu->Victims);
        emu->BlockEpoch = KEY_EPOCH_ONE;
    }
}

void EmuCodeStatistics(EMU *emu, EMU_CODE_STATISTICS *stats)
{
    stats->FrameInvalidations = emu->CodeInvalidations;
    stats->StaleBlocks = emu->StaleBlocks;
    stats->VictimHits = emu->VictimHits;
    stats->BlockMisses = emu->BlockMisses;
}
