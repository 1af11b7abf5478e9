/*
 * Slot allocation: a levelled bitmap of free slots in memory (the
 * database is not consulted), lowest free slot first, so the slots of a
 * cluster tend to be neighbours in the file. The maximum is simply the
 * bitmap's size: when no bit is set the pagefile is full.
 *
 * Freeing a slot is only a bit here; its row in the slots table is
 * deleted in the next transaction (PfDrainPendingFrees) so that a free,
 * which the memory manager does often and outside any cluster, costs no
 * SQLite statement of its own.
 */
#include <stdlib.h>
#include <string.h>

#include "pagefile/pf.h"

static uint64_t WordsFor(uint64_t bits)
{
    return bits ? (bits + 63) / 64 : 1;
}

bool PfBitmapInit(PF_BITMAP *map, uint32_t bits)
{
    memset(map, 0, sizeof *map);
    uint64_t words = WordsFor(bits);
    for (uint32_t level = 0; level < PF_BITMAP_LEVELS; level++) {
        map->Level[level] = calloc(words, sizeof(uint64_t));
        if (!map->Level[level]) {
            PfBitmapFree(map);
            return false;
        }
        map->Levels = level + 1;
        if (words == 1) {
            return true;
        }
        words = WordsFor(words);
    }
    PfBitmapFree(map); /* more than 2^36 bits: not for us */
    return false;
}

void PfBitmapFree(PF_BITMAP *map)
{
    for (uint32_t level = 0; level < map->Levels; level++) {
        free(map->Level[level]);
    }
    memset(map, 0, sizeof *map);
}

void PfBitmapSet(PF_BITMAP *map, uint32_t bit)
{
    for (uint32_t level = 0; level < map->Levels; level++) {
        uint64_t *word = &map->Level[level][bit / 64];
        bool was_empty = *word == 0;
        *word |= 1ull << (bit % 64);
        if (!was_empty) {
            return; /* the levels above already say this word has a bit */
        }
        bit /= 64;
    }
}

void PfBitmapClear(PF_BITMAP *map, uint32_t bit)
{
    for (uint32_t level = 0; level < map->Levels; level++) {
        uint64_t *word = &map->Level[level][bit / 64];
        *word &= ~(1ull << (bit % 64));
        if (*word != 0) {
            return;
        }
        bit /= 64;
    }
}

uint32_t PfBitmapFindFirst(const PF_BITMAP *map)
{
    uint64_t index = 0;
    for (uint32_t level = map->Levels; level-- > 0;) {
        uint64_t word = map->Level[level][index];
        if (word == 0) {
            return UINT32_MAX;
        }
        index = index * 64 + (uint64_t)__builtin_ctzll(word);
    }
    return (uint32_t)index;
}

bool PfSlotsInit(PAGEFILE *pf)
{
    uint32_t bits = pf->MaximumPages + 1; /* slot 0 has a bit, never set */
    uint64_t words = WordsFor(bits);
    if (!PfBitmapInit(&pf->Free, bits)) {
        return false;
    }
    pf->Written = calloc(words, sizeof(uint64_t));
    pf->HasData = calloc(words, sizeof(uint64_t));
    pf->PendingFree = calloc(words, sizeof(uint64_t));
    if (!pf->Written || !pf->HasData || !pf->PendingFree) {
        return false;
    }
    /* Every slot 1..maximum free: fill level 0 a word at a time, then
     * derive each level from the one below. */
    uint64_t *base = pf->Free.Level[0];
    for (uint64_t i = 0; i < words; i++) {
        uint64_t first = i * 64, last = first + 63;
        uint64_t mask = ~0ull;
        if (last >= bits) {
            mask = (bits - first) == 64 ? ~0ull : (1ull << (bits - first)) - 1;
        }
        base[i] = mask;
    }
    base[0] &= ~1ull; /* slot 0 */
    for (uint32_t level = 1; level < pf->Free.Levels; level++) {
        uint64_t below = words;
        words = WordsFor(words);
        for (uint64_t j = 0; j < below; j++) {
            if (pf->Free.Level[level - 1][j]) {
                pf->Free.Level[level][j / 64] |= 1ull << (j % 64);
            }
        }
    }
    pf->Stats.MaximumSlots = pf->MaximumPages;
    return true;
}

void PfSlotsFree(PAGEFILE *pf)
{
    PfBitmapFree(&pf->Free);
    free(pf->Written);
    free(pf->HasData);
    free(pf->PendingFree);
    free(pf->PendingFrees);
}

uint32_t PfAllocateSlot(PAGEFILE *pf)
{
    uint32_t slot = PfBitmapFindFirst(&pf->Free);
    if (slot == UINT32_MAX) {
        return 0;
    }
    PfBitmapClear(&pf->Free, slot);
    if (++pf->Stats.SlotsInUse > pf->Stats.PeakSlotsInUse) {
        pf->Stats.PeakSlotsInUse = pf->Stats.SlotsInUse;
    }
    return slot;
}

static bool IsAllocated(const PAGEFILE *pf, uint32_t slot)
{
    return slot != 0 && slot <= pf->MaximumPages && !PfBitTest(pf->Free.Level[0], slot);
}

NTSTATUS PfFreeSlot(PAGEFILE *pf, uint32_t slot)
{
    if (!IsAllocated(pf, slot)) {
        return PfFail(pf, STATUS_INVALID_PARAMETER, "freeing slot %u, which is not allocated",
                      slot);
    }
    PfBitmapSet(&pf->Free, slot);
    pf->Stats.SlotsInUse--;
    if (!PfBitTest(pf->Written, slot)) {
        return STATUS_SUCCESS; /* no row in slots */
    }
    PfBitPut(pf->Written, slot, false);
    PfQueueRowDelete(pf, slot);
    return STATUS_SUCCESS;
}

void PfQueueRowDelete(PAGEFILE *pf, uint32_t slot)
{
    if (PfBitTest(pf->PendingFree, slot)) {
        return;
    }
    if (pf->PendingCount == pf->PendingCapacity) {
        uint32_t capacity = pf->PendingCapacity ? pf->PendingCapacity * 2 : 1024;
        uint32_t *list = realloc(pf->PendingFrees, capacity * sizeof *list);
        if (!list) {
            /* The slot is free all the same; only its row stays behind. */
            PfFail(pf, STATUS_NO_MEMORY, "no memory to remember freed slot %u", slot);
            return;
        }
        pf->PendingFrees = list;
        pf->PendingCapacity = capacity;
    }
    PfBitPut(pf->PendingFree, slot, true);
    pf->PendingFrees[pf->PendingCount++] = slot;
}

uint32_t PfFreeSlots(const PAGEFILE *pf)
{
    return pf->MaximumPages - pf->Stats.SlotsInUse;
}

int PfDrainPendingFrees(PAGEFILE *pf)
{
    int first_error = SQLITE_OK;
    for (uint32_t i = 0; i < pf->PendingCount; i++) {
        uint32_t slot = pf->PendingFrees[i];
        if (!PfBitTest(pf->PendingFree, slot)) {
            continue; /* written again since: the write replaced the row */
        }
        sqlite3_bind_int64(pf->DeleteSlot, 1, slot);
        int rc = PfStep(pf->DeleteSlot);
        if (rc != SQLITE_DONE && first_error == SQLITE_OK) {
            first_error = rc;
        }
        PfBitPut(pf->PendingFree, slot, false);
    }
    pf->PendingDrained = pf->PendingCount;
    return first_error;
}

void PfPendingFreesCommitted(PAGEFILE *pf)
{
    uint32_t left = pf->PendingCount - pf->PendingDrained;
    if (left && pf->PendingDrained) {
        memmove(pf->PendingFrees, pf->PendingFrees + pf->PendingDrained, left * sizeof(uint32_t));
    }
    pf->PendingCount = left;
    pf->PendingDrained = 0;
}

void PfPendingFreesRolledBack(PAGEFILE *pf)
{
    /* The deletes were undone: the rows of slots still unwritten are due
     * again. */
    for (uint32_t i = 0; i < pf->PendingDrained; i++) {
        uint32_t slot = pf->PendingFrees[i];
        if (!PfBitTest(pf->Written, slot)) {
            PfBitPut(pf->PendingFree, slot, true);
        }
    }
    pf->PendingDrained = 0;
}
