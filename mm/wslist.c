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

bool MiInsertWsle(MMPROCESS *process, uint32_t pfn, uint32_t va)
{
    if (!Append(process, pfn, va, 0)) {
        return false;
    }
    MiGetPfn(pfn)->WsIndex = process->Ws.Count - 1;
    return true;
}

/* A section page may be in many working sets: its PFN cannot hold the
 * index, so its entry is found by search (NT hashes them; a working set is
 * a few hundred entries here). */
bool MiInsertSharedWsle(MMPROCESS *process, uint32_t pfn, uint32_t va, uint32_t protection)
{
    return Append(process, pfn, va, protection);
}

MMWSLE *MiFindWsle(MMPROCESS *process, uint32_t pfn, uint32_t va)
{
    MMWSL *ws = &process->Ws;
    MMPFN *p = MiGetPfn(pfn);
    if (p->Use == MiPfnProcessPrivate) {
        uint32_t i = p->WsIndex;
        return i < ws->Count && ws->Wsle[i].Pfn == pfn ? &ws->Wsle[i] : NULL;
    }
    va &= ~PAGE_MASK;
    for (uint32_t i = 0; i < ws->Count; i++) {
        if (ws->Wsle[i].Va == va && ws->Wsle[i].Pfn == pfn) {
            return &ws->Wsle[i];
        }
    }
    return NULL;
}

void MiRemoveWsleAt(MMPROCESS *process, uint32_t index)
{
    MMWSL *ws = &process->Ws;
    MMWSLE last = ws->Wsle[--ws->Count];
    if (index != ws->Count) {
        ws->Wsle[index] = last;
        if (MiGetPfn(last.Pfn)->Use == MiPfnProcessPrivate) {
            MiGetPfn(last.Pfn)->WsIndex = index;
        }
    }
    process->ResidentPages = ws->Count;
}

void MiRemoveWsle(MMPROCESS *process, uint32_t pfn)
{
    MMWSL *ws = &process->Ws;
    uint32_t index = MiGetPfn(pfn)->WsIndex;
    if (index >= ws->Count || ws->Wsle[index].Pfn != pfn) {
        return; /* not in this working set (a bug elsewhere, but harmless here) */
    }
    MiRemoveWsleAt(process, index);
}

void MiFreeWsl(MMPROCESS *process)
{
    free(process->Ws.Wsle);
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
