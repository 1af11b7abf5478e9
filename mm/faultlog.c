/*
 * What the memory manager tells the pagefile for people to read: a row of
 * the fault log per page fault, and snapshots of where every page is.
 */
#include "mm/mi.h"

void MiLogFault(MMPROCESS *process, uint32_t va, uint32_t access, NTSTATUS status,
                const MM_FAULT_INFO *info)
{
    MMSYSTEM *system = process->System;
    uint64_t sequence = ++system->FaultSequence; /* --trace-faults numbers by it too */
    if (!system->FaultLog) {
        return;
    }
    PF_FAULT row = {
        .Sequence = sequence,
        .Process = process->ProcessId,
        .Va = va,
        .Eip = info->Eip,
        .Access = (uint8_t)access,
        .Kind = MmFaultKindName(info->Kind),
        .Status = status,
        .StatusName = ExNtStatusName(status),
        .Frame = info->Pfn == MI_PFN_NONE ? PF_NO_FRAME : info->Pfn,
        .Slot = info->Slot,
        .Time = EmuInstructionCount(system->Emu),
        .Thread = process->ThreadId,
    };
    /* A view of a mapped file or an image: which file (section), and where
     * in it (an image's page: its offset in the image, the RVA). */
    MMVAD *vad = MiLocateAddress(&process->VadRoot, va >> PAGE_SHIFT);
    if (vad && vad->Section && ((vad->VadType == VadMapped && vad->Section->File) ||
                                (vad->VadType == VadImageMap && vad->Section->ImageFile))) {
        row.Section = vad->Section->Id;
        row.Offset = (uint64_t)(vad->FirstPrototype + ((va >> PAGE_SHIFT) - vad->StartingVpn))
                     << PAGE_SHIFT;
    }
    PfLogFault(system->PageFile, &row);
    MiAfterFaultLogged(system, row.Sequence);
}

/* Where the page behind one PTE is, in the words of the page_locations
 * table. A prototype PTE has the same formats as a process's. */
static const char *LocatePte(MMSYSTEM *system, MMPTE value, uint32_t *frame, uint32_t *slot)
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
        if (p->ReadInProgress) {
            return "being-read";
        }
        return p->Location == StandbyPageList ? "standby" : "modified";
    }
    if (value & MM_PTE_PROTOTYPE) {
        return "file"; /* a mapped file's page, in its file only (MiIsFilePte) */
    }
    *slot = MiPtePageFileHigh(value);
    return *slot ? "pagefile" : "demand-zero";
}

/*
 * A view's page (or an image's, or memory a fork shares) that the process
 * does not map itself lives where its prototype PTE says: the section
 * holds it. A resident shared frame is the section's page too; a page
 * the process copied on write is its own.
 */
static NTSTATUS RecordPage(PAGEFILE *pf, MMPROCESS *process, MMVAD *vad, uint32_t va)
{
    MMSYSTEM *system = process->System;
    MMPTE *pte = MiGetPteAddress(process, va, false);
    MMPTE value = pte ? *pte : 0;
    uint32_t frame, slot;
    bool view = (vad->VadType == VadMapped && value == 0) || (value & MM_PTE_PROTOTYPE);
    if (view && vad->Section) {
        MMPTE *proto = MiViewPrototype(vad, va);
        const char *where = LocatePte(system, *proto, &frame, &slot);
        uint32_t index = (uint32_t)(proto - vad->Section->PrototypePte);
        return PfRecordSectionLocation(pf, process->ProcessId, va, where, frame, slot,
                                       vad->Section->Id, index << PAGE_SHIFT);
    }
    const char *where = LocatePte(system, value, &frame, &slot);
    if (frame != PF_NO_FRAME && MiGetPfn(system, frame)->Use == MiPfnSection &&
        MiGetPfn(system, frame)->Section) {
        MMPFN *p = MiGetPfn(system, frame);
        return PfRecordSectionLocation(pf, process->ProcessId, va, where, frame, slot,
                                       p->Section->Id, p->PteVa);
    }
    return PfRecordLocation(pf, process->ProcessId, va, where, frame, slot);
}

NTSTATUS MmRecordPageLocations(MMSYSTEM *system, const char *label)
{
    PAGEFILE *pf = system->PageFile;
    if (!pf) {
        return STATUS_SUCCESS;
    }
    MmRecordSample(system); /* every snapshot has its sample */
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
                status = RecordPage(pf, process, vad, va);
                if (status != STATUS_SUCCESS) {
                    break;
                }
            }
        }
    }
    NTSTATUS end = PfEndLocations(pf);
    return status != STATUS_SUCCESS ? status : end;
}
