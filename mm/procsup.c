/*
 * Bringing memory up, and creating and deleting address spaces: the PFN
 * database over every frame emu does not reserve, the kernel page
 * directories every process shares (with emu's system page in them), and
 * a process's PDPT and user page directories.
 */
#include "mm/mi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static MMPTE *Entry(uint32_t table_pfn, uint32_t index)
{
    return (MMPTE *)MiFrameAddress(table_pfn) + index;
}

int MmInitializeSystem(EMU *emu, const MM_CONFIG *config, char *why, size_t whylen)
{
    memset(&MiSystem, 0, sizeof MiSystem);
    MM_CONFIG defaults = {0};
    if (!config) {
        config = &defaults;
    }
    MiSystem.PageFile = config->PageFile;
    MiSystem.FaultLog = MiSystem.PageFile && PfFaultLogEnabled(MiSystem.PageFile);
    MiSystem.InjectReadErrorVa = config->InjectReadErrorVa & ~PAGE_MASK;
    MiSystem.WsMinimum = config->WsMinimum ? config->WsMinimum : MM_DEFAULT_WS_MINIMUM;
    MiSystem.WsMaximum = config->WsMaximum ? config->WsMaximum : MM_DEFAULT_WS_MAXIMUM;
    if (MiSystem.WsMaximum < MiSystem.WsMinimum) {
        snprintf(why, whylen, "the working-set maximum (%u pages) is below the minimum (%u)",
                 MiSystem.WsMaximum, MiSystem.WsMinimum);
        return -1;
    }
    MiSystem.Emu = emu;
    MiSystem.Ram = EmuPhysicalBase(emu);
    MiSystem.Frames = EmuPhysicalFrames(emu);
    MiSystem.Pfn = calloc(MiSystem.Frames, sizeof(MMPFN));
    if (!MiSystem.Pfn) {
        snprintf(why, whylen, "out of host memory for the PFN database");
        return -1;
    }
    for (uint32_t i = 0; i < MiListCount; i++) {
        MiSystem.Lists[i].Flink = MiSystem.Lists[i].Blink = MI_PFN_NONE;
    }
    for (uint32_t pfn = 0; pfn < MiSystem.Frames; pfn++) {
        MMPFN *p = MiGetPfn(pfn);
        p->Flink = p->Blink = MI_PFN_NONE;
        if (pfn < EMU_RESERVED_FRAMES) {
            p->Use = MiPfnSystem;
            p->Location = ActiveAndValid;
            p->ShareCount = 1;
        } else {
            /* Fresh RAM is zero-filled: every frame starts on the Zeroed list. */
            MiInsertPageInList(ZeroedPageList, pfn);
        }
    }

    for (int i = 0; i < 2; i++) {
        MiSystem.KernelPd[i] = MiAllocatePageTablePage(MiPfnSystem);
    }
    uint32_t pt = MiAllocatePageTablePage(MiPfnSystem);
    /* Commit is bounded by RAM, less what page tables may need (one frame
     * per 2 MiB of a full user space, plus slack), plus the pagefile's
     * maximum: every committed page has a frame or a slot to live in. */
    uint32_t available = MiAvailablePages();
    uint32_t tables = available / 512 + 64;
    MiSystem.CommitLimit = available > tables ? available - tables : 0;
    if (MiSystem.PageFile) {
        MiSystem.CommitLimit += PfGetStats(MiSystem.PageFile)->MaximumSlots;
    }
    /* The policies' thresholds scale with RAM (NT's scale with it too). */
    MiSystem.MinimumAvailable = available / 64 > 16 ? available / 64 : 16;
    MiSystem.TrimTarget = MiSystem.MinimumAvailable * 2;
    MiSystem.ModifiedMaximum = available / 16 > 64 ? available / 16 : 64;
    MiSystem.ModifiedTarget = MiSystem.ModifiedMaximum / 2;
    MiSystem.SharedUserDataPfn = MiRemoveZeroPage();
    if (MiSystem.KernelPd[1] == MI_PFN_NONE || pt == MI_PFN_NONE ||
        MiSystem.SharedUserDataPfn == MI_PFN_NONE) {
        snprintf(why, whylen, "not enough guest RAM for the kernel's page tables");
        return -1;
    }
    MiGetPfn(MiSystem.SharedUserDataPfn)->Use = MiPfnSystem;
    MiGetPfn(MiSystem.SharedUserDataPfn)->ShareCount = 1;

    /* emu's system page (GDT, ring-0 entry stub): supervisor-only. */
    uint32_t va = EMU_SYSTEM_VA;
    *Entry(MiSystem.KernelPd[(va >> 30) - 2], (va >> 21) & 511) =
        ((MMPTE)pt << PAGE_SHIFT) | MM_PTE_VALID | MM_PTE_WRITE;
    *Entry(pt, (va >> 12) & 511) =
        ((MMPTE)EMU_SYSTEM_FRAME << PAGE_SHIFT) | MM_PTE_VALID | MM_PTE_WRITE;
    return 0;
}

void MmShutdownSystem(void)
{
    free(MiSystem.Pfn);
    memset(&MiSystem, 0, sizeof MiSystem);
}

uint8_t *MmSharedUserData(void)
{
    return MiFrameAddress(MiSystem.SharedUserDataPfn);
}

NTSTATUS MmCreateProcessAddressSpace(MMPROCESS **out)
{
    MMPROCESS *process = calloc(1, sizeof *process);
    if (!process) {
        return STATUS_NO_MEMORY;
    }
    process->PdptPfn = MiAllocatePageTablePage(MiPfnPageDirectory);
    process->UserPd[0] = MiAllocatePageTablePage(MiPfnPageDirectory);
    process->UserPd[1] = MiAllocatePageTablePage(MiPfnPageDirectory);
    if (process->PdptPfn == MI_PFN_NONE || process->UserPd[0] == MI_PFN_NONE ||
        process->UserPd[1] == MI_PFN_NONE) {
        MmDeleteProcessAddressSpace(process);
        return STATUS_NO_MEMORY;
    }
    /* PAE PDPT entries carry only the present bit and the address. */
    MMPTE *pdpt = Entry(process->PdptPfn, 0);
    pdpt[0] = ((MMPTE)process->UserPd[0] << PAGE_SHIFT) | MM_PTE_VALID;
    pdpt[1] = ((MMPTE)process->UserPd[1] << PAGE_SHIFT) | MM_PTE_VALID;
    pdpt[2] = ((MMPTE)MiSystem.KernelPd[0] << PAGE_SHIFT) | MM_PTE_VALID;
    pdpt[3] = ((MMPTE)MiSystem.KernelPd[1] << PAGE_SHIFT) | MM_PTE_VALID;
    process->Ws.Minimum = MiSystem.WsMinimum;
    process->Ws.Maximum = MiSystem.WsMaximum;
    process->Next = MiSystem.Processes;
    MiSystem.Processes = process;
    *out = process;
    return STATUS_SUCCESS;
}

void MmSetServiceEip(MMPROCESS *process, uint32_t eip)
{
    process->ServiceEip = eip;
}

void MmSetProcessId(MMPROCESS *process, uint32_t id)
{
    process->ProcessId = id;
}

uint32_t MmGetPageTableRoot(MMPROCESS *process)
{
    return process->PdptPfn << PAGE_SHIFT;
}

uint32_t MmGetCommitCharge(MMPROCESS *process) { return process->CommitCharge; }
uint32_t MmGetPeakCommit(MMPROCESS *process) { return process->CommitPeak; }
uint32_t MmGetPeakResident(MMPROCESS *process) { return process->PeakResident; }

uint32_t MmGetCommitLimit(MMPROCESS *process)
{
    (void)process; /* the system's state, reached through the process */
    return MiSystem.CommitLimit > UINT32_MAX ? UINT32_MAX : (uint32_t)MiSystem.CommitLimit;
}

void MmSetUserStack(MMPROCESS *process, uint32_t reserve_low, uint32_t stack_base,
                    uint32_t teb_va)
{
    process->StackReserveLow = reserve_low;
    process->StackBase = stack_base;
    process->TebVa = teb_va;
}

static void FreePageDirectory(MMPROCESS *process, uint32_t pd, uint32_t first_va)
{
    for (uint32_t i = 0; i < 512; i++) {
        MMPTE pde = *Entry(pd, i);
        if (!(pde & MM_PTE_VALID)) {
            continue;
        }
        uint32_t pt = MiPteFrame(pde);
        for (uint32_t j = 0; j < 512; j++) {
            MMPTE *pte = Entry(pt, j);
            if (*pte) {
                MiDeletePte(process, pte, first_va + (i << 21) + (j << 12), 0);
            }
        }
        MiReleaseFrame(pt);
    }
    MiReleaseFrame(pd);
}

void MmDeleteProcessAddressSpace(MMPROCESS *process)
{
    if (!process) {
        return;
    }
    for (MMPROCESS **link = &MiSystem.Processes; *link; link = &(*link)->Next) {
        if (*link == process) {
            *link = process->Next;
            break;
        }
    }
    for (int i = 0; i < 2; i++) {
        if (process->UserPd[i] && process->UserPd[i] != MI_PFN_NONE) {
            FreePageDirectory(process, process->UserPd[i], (uint32_t)i << 30);
        }
    }
    if (process->PdptPfn && process->PdptPfn != MI_PFN_NONE) {
        MiReleaseFrame(process->PdptPfn);
    }
    MMVAD *vad;
    while ((vad = MiGetFirstVad(&process->VadRoot)) != NULL) {
        if (vad->VadType == VadMapped) {
            MiUnmapView(process, vad); /* its PTEs are gone already */
            continue;
        }
        MiReturnCommitment(process, vad->CommitCharge);
        MiRemoveVad(&process->VadRoot, vad);
        MiFreeVad(vad);
    }
    MiFreeWsl(process);
    free(process);
}
