/*
 * The working-set list: which private pages of a process are valid. Each
 * valid page has one entry (MMWSLE) and its PFN knows the entry's index, so
 * a page leaves the list in O(1) when it is freed, and the working-set
 * manager can walk the list to age and trim (wsmanage.c).
 *
 * NT keeps the list in the process's hyperspace with a free-entry chain;
 * here it is a host array kept dense by moving the last entry into a hole.
 */
#include "mm/mi.h"

#include <stdlib.h>
#include <string.h>

static bool Append(MMPROCESS *process, uint32_t pfn, uint32_t va, uint32_t protection)
{
    MMWSL *ws = &process->Ws;
    if (ws->Count == ws->Capacity) {
        uint32_t capacity = ws->Capacity ? ws->Capacity * 2 : 256;
        MMWSLE *grown = realloc(ws->Wsle, (size_t)capacity * sizeof *grown);
        if (!grown) {
            return false;
        }
        ws->Wsle = grown;
        ws->Capacity = capacity;
    }
    ws->Wsle[ws->Count++] =
        (MMWSLE){.Va = va & ~PAGE_MASK, .Pfn = pfn, .Age = 0, .Protection = (uint8_t)protection};
    if (ws->Count > ws->Peak) {
        ws->Peak = ws->Count;
    }
    process->ResidentPages = ws->Count;
    if (ws->Count > process->PeakResident) {
        process->PeakResident = ws->Count;
    }
    return true;
}

static uint32_t HashOf(const MMWSL *ws, uint32_t va)
{
    return ((va >> PAGE_SHIFT) * 2654435761u) & (ws->HashSize - 1);
}

static void HashInsert(MMWSL *ws, uint32_t va, uint32_t index)
{
    uint32_t h = HashOf(ws, va);
    while (ws->Hash[h]) {
        h = (h + 1) & (ws->HashSize - 1);
    }
    ws->Hash[h] = index + 1;
}

/* The hash slot holding the entry for va, or HashSize. */
static uint32_t HashFind(const MMWSL *ws, uint32_t va)
{
    if (!ws->HashSize) {
        return 0;
    }
    for (uint32_t h = HashOf(ws, va); ws->Hash[h]; h = (h + 1) & (ws->HashSize - 1)) {
        if (ws->Wsle[ws->Hash[h] - 1].Va == va) {
            return h;
        }
    }
    return ws->HashSize;
}

/* Removes a slot, moving later entries of its run back (no tombstones). */
static void HashDelete(MMWSL *ws, uint32_t h)
{
    uint32_t mask = ws->HashSize - 1;
    ws->Hash[h] = 0;
    for (uint32_t j = (h + 1) & mask; ws->Hash[j]; j = (j + 1) & mask) {
        uint32_t index = ws->Hash[j] - 1;
        uint32_t home = HashOf(ws, ws->Wsle[index].Va);
        /* Move it back if its home is not in (h, j]. */
        if ((j > h && (home <= h || home > j)) || (j < h && home <= h && home > j)) {
            ws->Hash[h] = ws->Hash[j];
            ws->Hash[j] = 0;
            h = j;
        }
    }
}

void MiRehashWsl(MMPROCESS *process)
{
    MMSYSTEM *system = process->System;
    MMWSL *ws = &process->Ws;
    /* Cleared even when no shared entry is left: a trim that took the
     * last of them must not leave their old slots behind. */
    if (ws->HashSize) {
        memset(ws->Hash, 0, ws->HashSize * sizeof *ws->Hash);
    }
    if (!ws->SharedCount) {
        return;
    }
    for (uint32_t i = 0; i < ws->Count; i++) {
        if (MiGetPfn(system, ws->Wsle[i].Pfn)->Use != MiPfnProcessPrivate) {
            HashInsert(ws, ws->Wsle[i].Va, i);
        }
    }
}

/* Room for one more shared entry at under half load. */
static bool HashReserve(MMPROCESS *process)
{
    MMWSL *ws = &process->Ws;
    if ((ws->SharedCount + 1) * 2 <= ws->HashSize) {
        return true;
    }
    uint32_t size = ws->HashSize ? ws->HashSize * 2 : 64;
    uint32_t *hash = calloc(size, sizeof *hash);
    if (!hash) {
        return false;
    }
    free(ws->Hash);
    ws->Hash = hash;
    ws->HashSize = size;
    MiRehashWsl(process);
    return true;
}

bool MiInsertWsle(MMPROCESS *process, uint32_t pfn, uint32_t va)
{
    MMSYSTEM *system = process->System;
    if (!Append(process, pfn, va, 0)) {
        return false;
    }
    MiGetPfn(system, pfn)->WsIndex = process->Ws.Count - 1;
    return true;
}

/* A section page may be in many working sets: its PFN cannot hold the
 * index, so its entry is found by search (NT hashes them; a working set is
 * a few hundred entries here). */
bool MiInsertSharedWsle(MMPROCESS *process, uint32_t pfn, uint32_t va, uint32_t protection)
{
    if (!HashReserve(process) || !Append(process, pfn, va, protection)) {
        return false;
    }
    MMWSL *ws = &process->Ws;
    HashInsert(ws, va & ~PAGE_MASK, ws->Count - 1);
    ws->SharedCount++;
    return true;
}

MMWSLE *MiFindWsle(MMPROCESS *process, uint32_t pfn, uint32_t va)
{
    MMSYSTEM *system = process->System;
    MMWSL *ws = &process->Ws;
    MMPFN *p = MiGetPfn(system, pfn);
    if (p->Use == MiPfnProcessPrivate) {
        uint32_t i = p->WsIndex;
        return i < ws->Count && ws->Wsle[i].Pfn == pfn ? &ws->Wsle[i] : NULL;
    }
    uint32_t h = HashFind(ws, va & ~PAGE_MASK);
    if (h >= ws->HashSize) {
        return NULL;
    }
    MMWSLE *entry = &ws->Wsle[ws->Hash[h] - 1];
    return entry->Pfn == pfn ? entry : NULL;
}

void MiRemoveWsleAt(MMPROCESS *process, uint32_t index)
{
    MMSYSTEM *system = process->System;
    MMWSL *ws = &process->Ws;
    ASSERT(index < ws->Count);
    if (MiGetPfn(system, ws->Wsle[index].Pfn)->Use != MiPfnProcessPrivate) {
        uint32_t h = HashFind(ws, ws->Wsle[index].Va);
        if (h < ws->HashSize) {
            HashDelete(ws, h);
            ws->SharedCount--;
        }
    }
    uint32_t last_index = --ws->Count;
    MMWSLE last = ws->Wsle[last_index];
    if (index != last_index) {
        ws->Wsle[index] = last;
        if (MiGetPfn(system, last.Pfn)->Use == MiPfnProcessPrivate) {
            MiGetPfn(system, last.Pfn)->WsIndex = index;
        } else {
            uint32_t h = HashFind(ws, last.Va);
            if (h < ws->HashSize) {
                ws->Hash[h] = index + 1;
            }
        }
    }
    process->ResidentPages = ws->Count;
}

void MiRemoveWsle(MMPROCESS *process, uint32_t pfn)
{
    MMSYSTEM *system = process->System;
    MMWSL *ws = &process->Ws;
    uint32_t index = MiGetPfn(system, pfn)->WsIndex;
    if (index >= ws->Count || ws->Wsle[index].Pfn != pfn) {
        return; /* not in this working set (a bug elsewhere, but harmless here) */
    }
    MiRemoveWsleAt(process, index);
}

void MiFreeWsl(MMPROCESS *process)
{
    free(process->Ws.Wsle);
    free(process->Ws.Hash);
    process->Ws.Hash = NULL;
    process->Ws.HashSize = process->Ws.SharedCount = 0;
    process->Ws.Wsle = NULL;
    process->Ws.Count = process->Ws.Capacity = 0;
}

uint32_t MmGetWorkingSetSize(MMPROCESS *process)
{
    return process->Ws.Count;
}

NTSTATUS MmSetWorkingSetLimits(MMPROCESS *process, uint32_t minimum, uint32_t maximum)
{
    if (minimum == 0 || maximum < minimum) {
        return STATUS_INVALID_PARAMETER;
    }
    process->Ws.Minimum = minimum;
    process->Ws.Maximum = maximum;
    return STATUS_SUCCESS;
}
