/*
 * What the memory manager tells the pagefile for people to read: a row of
 * the fault log per page fault, and snapshots of where every page is.
 */
#include "mm/mi.h"

void MiLogFault(MMPROCESS *process, uint32_t va, uint32_t access, NTSTATUS status,
                const MM_FAULT_INFO *info)
{
    MMSYSTEM *system = process->System;
    if (!system->FaultLog) {
        return;
    }
    PF_FAULT row = {
        .Sequence = ++system->FaultSequence,
        .Process = process->ProcessId,
        .Va = va,
        .Eip = info->Eip,
        .Access = (uint8_t)access,
        .Kind = MmFaultKindName(info->Kind),
        .Status = status,
        .StatusName = ExNtStatusName(status),
        .Frame = info->Pfn == MI_PFN_NONE ? PF_NO_FRAME : info->Pfn,
        .Slot = info->Slot,
    };
    PfLogFault(system->PageFile, &row);
}

/* Where the page behind one PTE is, in the words of the page_locations table. */
static const char *Locate(MMSYSTEM *system, MMPTE value, uint32_t *frame, uint32_t *slot)
{
    *frame = PF_NO_FRAME;
    *slot = 0;
    if (MiPteIsValid(value)) {
        *frame = MiPteFrame(value);
        *slot = MiPtePageFileHigh(MiGetPfn(system, *frame)->OriginalPte);
        return "resident";
    }
    if (MiPteIsTransition(value)) {
        *frame = MiPteFrame(value);
        MMPFN *p = MiGetPfn(system, *frame);
        *slot = MiPtePageFileHigh(p->OriginalPte);
        if (p->WriteInProgress) {
            return "being-written";
        }
        return p->Location == StandbyPageList ? "standby" : "modified";
    }
    *slot = MiPtePageFileHigh(value);
    return *slot ? "pagefile" : "demand-zero";
}

NTSTATUS MmRecordPageLocations(MMSYSTEM *system, const char *label)
{
    PAGEFILE *pf = system->PageFile;
    if (!pf) {
        return STATUS_SUCCESS;
    }
    NTSTATUS status = PfBeginLocations(pf, label);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    for (MMPROCESS *process = system->Processes; process && status == STATUS_SUCCESS;
         process = process->Next) {
        for (MMVAD *vad = MiGetFirstVad(&process->VadRoot); vad; vad = MiGetNextVad(vad)) {
            for (uint32_t vpn = vad->StartingVpn; vpn <= vad->EndingVpn; vpn++) {
                uint32_t va = vpn << PAGE_SHIFT;
                bool committed;
                MiQueryPageProtection(process, vad, va, &committed);
                if (!committed) {
                    continue;
                }
                MMPTE *pte = MiGetPteAddress(process, va, false);
                uint32_t frame, slot;
                const char *where = Locate(system, pte ? *pte : 0, &frame, &slot);
                status = PfRecordLocation(pf, process->ProcessId, va, where, frame, slot);
                if (status != STATUS_SUCCESS) {
                    break;
                }
            }
        }
    }
    NTSTATUS end = PfEndLocations(pf);
    return status != STATUS_SUCCESS ? status : end;
}
