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
#include <sys/mman.h>

static int InitializeSystem(MMSYSTEM *system, EMU *emu, const MM_CONFIG *config, char *why,
                            size_t whylen);

static MMPTE *Entry(MMSYSTEM *system, uint32_t table_pfn, uint32_t index)
{
    return (MMPTE *)MiFrameAddress(system, table_pfn) + index;
}

int MmInitializeSystem(EMU *emu, const MM_CONFIG *config, MMSYSTEM **out, char *why,
                       size_t whylen)
{
    *out = NULL;
    MMSYSTEM *system = calloc(1, sizeof *system);
    if (!system) {
        snprintf(why, whylen, "out of host memory");
        return -1;
    }
    int result = InitializeSystem(system, emu, config, why, whylen);
    if (result != 0) {
        MmShutdownSystem(system);
        return result;
    }
    *out = system;
    return 0;
}

static int InitializeSystem(MMSYSTEM *system, EMU *emu, const MM_CONFIG *config, char *why,
                            size_t whylen)
{
    MM_CONFIG defaults = {0};
    if (!config) {
        config = &defaults;
    }
    system->PageFile = config->PageFile;
    system->FaultLog = system->PageFile && PfFaultLogEnabled(system->PageFile);
    system->InjectReadErrorVa = config->InjectReadErrorVa & ~PAGE_MASK;
    /* The first sample at the first fault (or instruction count): the
     * run's picture starts where the run does. */
    system->SampleEvery = config->SampleEvery;
    system->SampleInstructions = config->SampleInstructions;
    system->SnapshotAt = config->SnapshotAt;
    system->SnapshotCount = config->SnapshotCount;
    system->NextSectionId = 1;
    system->VerifyEvery = system->VerifyCountdown = config->VerifyEvery;
    system->WsMinimum = config->WsMinimum ? config->WsMinimum : MM_DEFAULT_WS_MINIMUM;
    system->WsMaximum = config->WsMaximum ? config->WsMaximum : MM_DEFAULT_WS_MAXIMUM;
    /* A maximum asked for (--ws-max) is hard, as SetProcessWorkingSetSizeEx
     * with QUOTA_LIMITS_HARDWS_MAX_ENABLE makes it; NT's default is soft. */
    system->WsMaximumHard = config->WsMaximum != 0;
    if (system->WsMaximum < system->WsMinimum) {
        snprintf(why, whylen, "the working-set maximum (%u pages) is below the minimum (%u)",
                 system->WsMaximum, system->WsMinimum);
        return -1;
    }
    system->Emu = emu;
    system->Ram = EmuPhysicalBase(emu);
    system->Frames = EmuPhysicalFrames(emu);
    /* Mapped, not allocated: an entry costs host memory only once its
     * frame is used, whatever --ram is and however malloc's heap is set
     * up (tools/hostheap.c). */
    void *pfn_map = mmap(NULL, (size_t)system->Frames * sizeof(MMPFN), PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    system->Pfn = pfn_map == MAP_FAILED ? NULL : pfn_map;
    if (!system->Pfn) {
        snprintf(why, whylen, "out of host memory for the PFN database");
        return -1;
    }
    for (uint32_t i = 0; i < MiListCount; i++) {
        system->Lists[i].Flink = system->Lists[i].Blink = MI_PFN_NONE;
    }
    for (uint32_t pfn = 0; pfn < EMU_RESERVED_FRAMES && pfn < system->Frames; pfn++) {
        MMPFN *p = MiGetPfn(system, pfn);
        p->Flink = p->Blink = MI_PFN_NONE;
        p->Use = MiPfnSystem;
        p->Location = ActiveAndValid;
        p->ShareCount = 1;
    }
    /* Fresh RAM is zero-filled: every other frame starts on the Zeroed
     * list, as a fresh frame (pfnlist.c) that is linked when first used. */
    system->FreshFrame = EMU_RESERVED_FRAMES;
    system->Lists[ZeroedPageList].Total = system->Frames - EMU_RESERVED_FRAMES;

    for (int i = 0; i < 2; i++) {
        system->KernelPd[i] = MiAllocatePageTablePage(system, MiPfnSystem);
    }
    uint32_t pt = MiAllocatePageTablePage(system, MiPfnSystem);
    /* Commit is bounded by RAM, less what page tables may need (one frame
     * per 2 MiB of a full user space, plus slack), plus the pagefile's
     * maximum: every committed page has a frame or a slot to live in. */
    uint32_t available = MiAvailablePages(system);
    uint32_t tables = available / 512 + 64;
    system->CommitLimit = available > tables ? available - tables : 0;
    if (system->PageFile) {
        system->CommitLimit += PfGetStats(system->PageFile)->MaximumSlots;
    }
    /* The policies' thresholds scale with RAM (NT's scale with it too). */
    system->MinimumAvailable = available / 64 > 16 ? available / 64 : 16;
    system->TrimTarget = system->MinimumAvailable * 2;
    /* NT's MmPlentyFreePages: 400 pages, twice that with 63 MB of RAM or
     * more. Below it the working-set manager trims, and a process past a
     * soft maximum stops growing. NT's figure is absolute; here it is at
     * most a quarter of RAM (a 4M machine would otherwise be short of
     * memory from its first half) and at least the low-memory trim's
     * target, so that pressure is felt at soft maximums first. */
    uint32_t plenty = system->Frames >= (63u << 20) / PAGE_SIZE ? 800 : 400;
    if (plenty > available / 4) {
        plenty = available / 4;
    }
    system->PlentyAvailable = plenty > system->TrimTarget ? plenty : system->TrimTarget;
    system->ModifiedMaximum = available / 16 > 64 ? available / 16 : 64;
    system->ModifiedTarget = system->ModifiedMaximum / 2;
    system->SharedUserDataPfn = MiRemoveZeroPage(system);
    if (system->KernelPd[1] == MI_PFN_NONE || pt == MI_PFN_NONE ||
        system->SharedUserDataPfn == MI_PFN_NONE) {
        snprintf(why, whylen, "not enough guest RAM for the kernel's page tables");
        return -1;
    }
    MiGetPfn(system, system->SharedUserDataPfn)->Use = MiPfnSystem;
    MiGetPfn(system, system->SharedUserDataPfn)->ShareCount = 1;

    /* emu's system page (GDT, ring-0 entry stub): supervisor-only. */
    uint32_t va = EMU_SYSTEM_VA;
    *Entry(system, system->KernelPd[(va >> 30) - 2], (va >> 21) & 511) =
        ((MMPTE)pt << PAGE_SHIFT) | MM_PTE_VALID | MM_PTE_WRITE;
    *Entry(system, pt, (va >> 12) & 511) =
        ((MMPTE)EMU_SYSTEM_FRAME << PAGE_SHIFT) | MM_PTE_VALID | MM_PTE_WRITE;
    return 0;
}

void MmShutdownSystem(MMSYSTEM *system)
{
    if (system) {
        if (system->PagingFile) {
            PfClose(system->PagingFile); /* a machine that never ran */
        }
        MiFreeInPageBlocks(system);
        if (system->Pfn) {
            munmap(system->Pfn, (size_t)system->Frames * sizeof(MMPFN));
        }
        free(system);
    }
}

uint8_t *MmSharedUserData(MMSYSTEM *system)
{
    return MiFrameAddress(system, system->SharedUserDataPfn);
}

NTSTATUS MmCreateProcessAddressSpace(MMSYSTEM *system, MMPROCESS **out)
{
    MMPROCESS *process = calloc(1, sizeof *process);
    if (!process) {
        return STATUS_NO_MEMORY;
    }
    process->System = system;
    process->PdptPfn = MiAllocatePageTablePage(system, MiPfnPageDirectory);
    process->UserPd[0] = MiAllocatePageTablePage(system, MiPfnPageDirectory);
    process->UserPd[1] = MiAllocatePageTablePage(system, MiPfnPageDirectory);
    if (process->PdptPfn == MI_PFN_NONE || process->UserPd[0] == MI_PFN_NONE ||
        process->UserPd[1] == MI_PFN_NONE) {
        MmDeleteProcessAddressSpace(process);
        return STATUS_NO_MEMORY;
    }
    /* PAE PDPT entries carry only the present bit and the address. */
    MMPTE *pdpt = Entry(system, process->PdptPfn, 0);
    pdpt[0] = ((MMPTE)process->UserPd[0] << PAGE_SHIFT) | MM_PTE_VALID;
    pdpt[1] = ((MMPTE)process->UserPd[1] << PAGE_SHIFT) | MM_PTE_VALID;
    pdpt[2] = ((MMPTE)system->KernelPd[0] << PAGE_SHIFT) | MM_PTE_VALID;
    pdpt[3] = ((MMPTE)system->KernelPd[1] << PAGE_SHIFT) | MM_PTE_VALID;
    process->Ws.Minimum = system->WsMinimum;
    process->Ws.Maximum = system->WsMaximum;
    process->Ws.Flags = system->WsMaximumHard ? QUOTA_LIMITS_HARDWS_MAX_ENABLE : 0;
    process->Next = system->Processes;
    system->Processes = process;
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
    uint64_t limit = process->System->CommitLimit;
    return limit > UINT32_MAX ? UINT32_MAX : (uint32_t)limit;
}

void MmSetCurrentThread(MMPROCESS *process, uint32_t thread_id, uint32_t teb_va)
{
    process->ThreadId = thread_id;
    process->TebVa = teb_va;
}

void MmSetExecuteEnable(MMPROCESS *process, bool enable)
{
    process->ExecuteEnable = enable;
}

static void FreePageDirectory(MMPROCESS *process, uint32_t pd, uint32_t first_va)
{
    MMSYSTEM *system = process->System;
    for (uint32_t i = 0; i < 512; i++) {
        MMPTE pde = *Entry(system, pd, i);
        if (!(pde & MM_PTE_VALID)) {
            continue;
        }
        uint32_t pt = MiPteFrame(pde);
        for (uint32_t j = 0; j < 512; j++) {
            MMPTE *pte = Entry(system, pt, j);
            if (*pte) {
                MiDeletePte(process, pte, first_va + (i << 21) + (j << 12), 0);
            }
        }
        MiReleaseFrame(system, pt);
    }
    MiReleaseFrame(system, pd);
}

void MmDeleteProcessAddressSpace(MMPROCESS *process)
{
    if (!process) {
        return;
    }
    MMSYSTEM *system = process->System;
    for (MMPROCESS **link = &system->Processes; *link; link = &(*link)->Next) {
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
        MiReleaseFrame(system, process->PdptPfn);
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
