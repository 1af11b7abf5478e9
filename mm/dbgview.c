/*
 * The kernel debugger's views of memory (WinDbg's !pte, !vad, !pfn, !wsle,
 * !address, !memusage), for `monitor` in gdb (tools/gdbmon.c), and the
 * debugger's own reads and writes of a process's memory. All of it is
 * read-only towards the memory manager: a page that is not resident is
 * never faulted in, a PTE or a list never changes, the Accessed bits the
 * working-set manager ages by are left alone. Each view writes lines of
 * text through the caller's print routine.
 */
#include "mm/mi.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct PRINTER {
    MM_DEBUG_PRINT Print;
    void *Context;
} PRINTER;

__attribute__((format(printf, 2, 3))) static void Say(const PRINTER *out, const char *format, ...)
{
    char line[512];
    va_list args;
    va_start(args, format);
    vsnprintf(line, sizeof line, format, args);
    va_end(args);
    out->Print(out->Context, line);
}

static const char *ProtectionName(uint32_t protection, char *buffer, size_t size)
{
    static const char *const access[] = {"NOACCESS", "READONLY", "EXECUTE", "EXECUTE_READ",
                                         "READWRITE", "WRITECOPY", "EXECUTE_READWRITE",
                                         "EXECUTE_WRITECOPY"};
    if (protection == MM_DECOMMIT) {
        snprintf(buffer, size, "DECOMMITTED");
    } else if (protection == MM_NOACCESS) {
        snprintf(buffer, size, "NOACCESS");
    } else {
        snprintf(buffer, size, "%s%s%s", access[protection & MM_PROTECT_ACCESS],
                 (protection & MM_PROTECT_SPECIAL) == MM_GUARD_PAGE ? "|GUARD" : "",
                 (protection & MM_PROTECT_SPECIAL) == MM_NOCACHE ? "|NOCACHE" : "");
    }
    return buffer;
}

static const char *const ListNames[MiListCount] = {
    "Zeroed", "Free", "Standby", "Modified", "ModifiedNoWrite", "Bad", "Active",
};

/* The physical address of the PTE that maps va, or 0 with no page table. */
static uint64_t PteEntry(MMPROCESS *process, uint32_t va, uint32_t *pa)
{
    MMPTE *pte = MiGetPteAddress(process, va, false);
    if (!pte) {
        *pa = 0;
        return 0;
    }
    *pa = (uint32_t)((uint8_t *)pte - process->System->Ram);
    return *pte;
}

/* The resident frame behind va, as the CPU would reach it (a valid PTE). */
static bool ResidentFrame(MMPROCESS *process, uint32_t va, bool write, uint32_t *pfn)
{
    if (va > MI_HIGHEST_USER_ADDRESS) {
        return false;
    }
    MMPTE *pte = MiGetPteAddress(process, va, false);
    if (!pte || !MiPteIsValid(*pte) || !(*pte & MM_PTE_OWNER)) {
        return false;
    }
    /* A write is the debugger's only where the page is the process's own
     * and writable: a copy-on-write page would need its copy made, and a
     * shared frame would change under every other process. */
    if (write && (!(*pte & MM_PTE_WRITE) || (*pte & MM_PTE_COPY_ON_WRITE))) {
        return false;
    }
    *pfn = MiPteFrame(*pte);
    return true;
}

bool MmDebugTranslate(MMPROCESS *process, uint32_t va, uint32_t *pa)
{
    MMPTE *pte = va <= MI_HIGHEST_USER_ADDRESS ? MiGetPteAddress(process, va, false) : NULL;
    if (!pte || !MiPteIsValid(*pte)) {
        return false;
    }
    *pa = MiPteFrame(*pte) << PAGE_SHIFT | (va & PAGE_MASK);
    return true;
}

uint32_t MmDebugReadVirtual(MMPROCESS *process, uint32_t va, void *dst, uint32_t len)
{
    uint32_t done = 0;
    while (done < len) {
        uint32_t at = va + done;
        uint32_t pfn;
        if (at < va || !ResidentFrame(process, at, false, &pfn)) {
            break;
        }
        uint32_t offset = at & PAGE_MASK;
        uint32_t n = PAGE_SIZE - offset < len - done ? PAGE_SIZE - offset : len - done;
        memcpy((uint8_t *)dst + done, MiFrameAddress(process->System, pfn) + offset, n);
        done += n;
    }
    return done;
}

uint32_t MmDebugWriteVirtual(MMPROCESS *process, uint32_t va, const void *src, uint32_t len)
{
    uint32_t done = 0;
    while (done < len) {
        uint32_t at = va + done;
        uint32_t pfn;
        if (at < va || !ResidentFrame(process, at, true, &pfn)) {
            break;
        }
        uint32_t offset = at & PAGE_MASK;
        uint32_t n = PAGE_SIZE - offset < len - done ? PAGE_SIZE - offset : len - done;
        /* Code translated from this frame must not run stale. */
        EmuHostWriteFrame(process->System->Emu, pfn);
        memcpy(MiFrameAddress(process->System, pfn) + offset, (const uint8_t *)src + done, n);
        done += n;
    }
    return done;
}

/* One software or hardware PTE in words: what the memory manager will do
 * with the next access through it. */
static void DecodePte(const PRINTER *out, MMSYSTEM *system, MMPTE value, const char *indent)
{
    char prot[48];
    if (MiPteIsValid(value)) {
        uint32_t pfn = MiPteFrame(value);
        Say(out, "%svalid: frame 0x%x%s%s%s%s%s%s", indent, pfn,
            value & MM_PTE_WRITE ? ", writable" : ", read-only",
            value & MM_PTE_OWNER ? ", user" : ", kernel", value & MM_PTE_ACCESSED ? ", accessed" : "",
            value & MM_PTE_DIRTY ? ", dirty" : "", value & MM_PTE_NO_EXECUTE ? ", no-execute" : "",
            value & MM_PTE_COPY_ON_WRITE ? ", copy-on-write" : "");
        if (pfn < system->Frames) {
            MMPFN *p = MiGetPfn(system, pfn);
            uint32_t slot = MiPtePageFileHigh(p->OriginalPte);
            if (slot) {
                Say(out, "%s  its pagefile copy: slot %u (the PFN's original PTE)", indent, slot);
            }
        }
        return;
    }
    if (value == 0) {
        Say(out, "%szero: nothing here; the VAD decides", indent);
        return;
    }
    ProtectionName(MiPteProtection(value), prot, sizeof prot);
    if (value & MM_PTE_PROTOTYPE) {
        Say(out, "%sprototype pointer: the section's prototype PTE holds the page, protection %s",
            indent, prot);
    } else if (MiPteIsTransition(value)) {
        uint32_t pfn = MiPteFrame(value);
        const char *list = "?";
        uint32_t slot = 0;
        if (pfn < system->Frames) {
            MMPFN *p = MiGetPfn(system, pfn);
            list = p->WriteInProgress ? "Modified, being written"
                   : p->Location < MiListCount ? ListNames[p->Location] : "?";
            slot = MiPtePageFileHigh(p->OriginalPte);
        }
        Say(out, "%stransition: frame 0x%x on the %s list, protection %s%s", indent, pfn, list,
            prot, slot ? "" : "");
        if (slot) {
            Say(out, "%s  its pagefile copy: slot %u", indent, slot);
        }
    } else if (MiPtePageFileHigh(value)) {
        Say(out, "%spagefile: slot %u, protection %s", indent, MiPtePageFileHigh(value), prot);
    } else if (MiPteProtection(value) == MM_DECOMMIT) {
        Say(out, "%sdecommitted", indent);
    } else {
        Say(out, "%sdemand zero: protection %s", indent, prot);
    }
}

static const char *VadTypeName(const MMVAD *vad)
{
    switch (vad->VadType) {
    case VadImageMap: return "image";
    case VadSharedUserData: return "shared-user-data";
    case VadSystem: return "PEB/TEB";
    case VadMapped:
        return vad->Section && vad->Section->Fork ? "fork-shared" : "mapped";
    default: return "private";
    }
}

void MmDebugPte(MMPROCESS *process, uint32_t va, MM_DEBUG_PRINT print, void *context)
{
    PRINTER out = {print, context};
    MMSYSTEM *system = process->System;
    uint32_t root = MmGetPageTableRoot(process);
    uint32_t index = va >> 30;
    uint64_t pdpte = 0;
    memcpy(&pdpte, system->Ram + root + index * 8, sizeof pdpte);
    Say(&out, "VA %08x", va);
    Say(&out, "PDPTE at %08x (index %u) contains %016llx: page directory frame 0x%x%s",
        root + index * 8, index, (unsigned long long)pdpte, MiPteFrame(pdpte),
        pdpte & MM_PTE_VALID ? "" : " (not present)");
    if (!(pdpte & MM_PTE_VALID) || index >= 2) {
        Say(&out, "%s", index >= 2 ? "kernel space: no per-process PTEs" : "no page directory");
        return;
    }
    uint32_t pde_pa = MiPteFrame(pdpte) * PAGE_SIZE + ((va >> 21) & 511) * 8;
    uint64_t pde = 0;
    memcpy(&pde, system->Ram + pde_pa, sizeof pde);
    Say(&out, "PDE at %08x (index %u) contains %016llx: %s 0x%x", pde_pa, (va >> 21) & 511,
        (unsigned long long)pde, pde & MM_PTE_VALID ? "page table frame" : "not present, frame",
        MiPteFrame(pde));
    uint32_t pte_pa;
    MMPTE pte = PteEntry(process, va, &pte_pa);
    if (!pte_pa) {
        Say(&out, "PTE: no page table for this 2 MiB yet");
    } else {
        Say(&out, "PTE at %08x (index %u) contains %016llx", pte_pa, (va >> 12) & 511,
            (unsigned long long)pte);
        DecodePte(&out, system, pte, "  ");
    }
    MMVAD *vad = MiLocateAddress(&process->VadRoot, va >> PAGE_SHIFT);
    char prot[48];
    if (!vad) {
        Say(&out, "VAD: none (the address is free: an access is an access violation)");
        return;
    }
    Say(&out, "VAD %08x-%08x %s, protection %s%s", vad->StartingVpn << PAGE_SHIFT,
        ((vad->EndingVpn + 1) << PAGE_SHIFT) - 1, VadTypeName(vad),
        ProtectionName(vad->Protection, prot, sizeof prot),
        vad->MemCommit ? ", committed at reservation" : "");
    if (vad->Section && (pte == 0 || (pte & MM_PTE_PROTOTYPE)) &&
        (vad->VadType == VadMapped || vad->VadType == VadImageMap)) {
        MMPTE *proto = MiViewPrototype(vad, va);
        uint32_t page = (uint32_t)(proto - vad->Section->PrototypePte);
        Say(&out, "prototype PTE: section %u (%s), offset 0x%x, contains %016llx", vad->Section->Id,
            vad->Section->Image ? "image" : vad->Section->Fork ? "fork" : "pagefile-backed",
            page << PAGE_SHIFT, (unsigned long long)*proto);
        if (*proto == 0) {
            Say(&out, "  not committed in the section");
        } else {
            DecodePte(&out, system, *proto, "  ");
        }
    } else if (pte == 0) {
        bool committed;
        uint32_t protection = MiQueryPageProtection(process, vad, va, &committed);
        if (committed) {
            Say(&out, "  demand zero (from the VAD): protection %s",
                ProtectionName(protection, prot, sizeof prot));
        } else {
            Say(&out, "  reserved, not committed");
        }
    }
}

static void VadNode(const PRINTER *out, const MMVAD *vad, int depth)
{
    if (!vad) {
        return;
    }
    VadNode(out, vad->Left, depth + 1);
    char prot[48];
    char section[48] = "";
    if (vad->Section) {
        snprintf(section, sizeof section, " section %u", vad->Section->Id);
    }
    Say(out, "%*s%08x-%08x %6u pages %-16s %-18s commit %u%s%s", depth * 2, "",
        vad->StartingVpn << PAGE_SHIFT, ((vad->EndingVpn + 1) << PAGE_SHIFT) - 1,
        vad->EndingVpn - vad->StartingVpn + 1, VadTypeName(vad),
        ProtectionName(vad->Protection, prot, sizeof prot), vad->CommitCharge, section,
        vad->WriteWatch ? " write-watch" : "");
    VadNode(out, vad->Right, depth + 1);
}

void MmDebugVad(MMPROCESS *process, MM_DEBUG_PRINT print, void *context)
{
    PRINTER out = {print, context};
    Say(&out, "VAD tree: %u nodes, root %08x (indented by depth; in address order)",
        process->VadRoot.NumberGenericTableElements,
        process->VadRoot.Root ? process->VadRoot.Root->StartingVpn << PAGE_SHIFT : 0);
    Say(&out, "start    end         size    type             protection         commit");
    VadNode(&out, process->VadRoot.Root, 0);
}

bool MmDebugPfn(MMSYSTEM *system, uint32_t pfn, MM_DEBUG_PRINT print, void *context)
{
    PRINTER out = {print, context};
    if (pfn >= system->Frames) {
        Say(&out, "frame 0x%x: no such frame (RAM has 0x%x)", pfn, system->Frames);
        return false;
    }
    if (pfn >= system->FreshFrame) {
        Say(&out, "frame 0x%x: never used (Zeroed list, not yet linked)", pfn);
        return true;
    }
    static const char *const uses[] = {"unused", "process private", "page table",
                                       "page directory", "system", "section"};
    MMPFN *p = MiGetPfn(system, pfn);
    Say(&out, "PFN 0x%x at physical address %08x", pfn, pfn * PAGE_SIZE);
    Say(&out, "  list        %s%s", p->Location < MiListCount ? ListNames[p->Location] : "?",
        p->WriteInProgress ? " (write in progress)" : "");
    Say(&out, "  use         %s", p->Use < sizeof uses / sizeof uses[0] ? uses[p->Use] : "?");
    Say(&out, "  share count %u, reference count %u, modified %u", p->ShareCount,
        p->ReferenceCount, p->Modified);
    if (p->Use == MiPfnProcessPrivate && p->Owner) {
        Say(&out, "  owner       process %u, va %08x, working-set index %u",
            p->Owner->ProcessId, p->PteVa, p->WsIndex);
    } else if (p->Use == MiPfnSection && p->Section) {
        Say(&out, "  owner       section %u (%s), offset 0x%x", p->Section->Id,
            p->Section->Image ? "image" : p->Section->Fork ? "fork" : "pagefile-backed", p->PteVa);
    }
    if (p->Use == MiPfnPageTable) {
        Say(&out, "  used entries %u", p->UsedEntries);
    }
    Say(&out, "  original PTE %016llx", (unsigned long long)p->OriginalPte);
    if (p->Use == MiPfnProcessPrivate || p->Use == MiPfnSection) {
        DecodePte(&out, system, p->OriginalPte, "    ");
    }
    if (p->Location != ActiveAndValid) {
        Say(&out, "  links       flink 0x%x, blink 0x%x", p->Flink, p->Blink);
    }
    return true;
}

void MmDebugWsle(MMPROCESS *process, MM_DEBUG_PRINT print, void *context)
{
    PRINTER out = {print, context};
    MMWSL *ws = &process->Ws;
    Say(&out, "working set of process %u: %u entries (minimum %u, maximum %u, peak %u), "
        "%llu trimmed so far", process->ProcessId, ws->Count, ws->Minimum, ws->Maximum, ws->Peak,
        (unsigned long long)ws->TrimmedPages);
    Say(&out, "index  va        frame    age  flags");
    for (uint32_t i = 0; i < ws->Count; i++) {
        const MMWSLE *e = &ws->Wsle[i];
        MMPFN *p = MiGetPfn(process->System, e->Pfn);
        uint32_t pa;
        MMPTE pte = PteEntry(process, e->Va, &pa);
        Say(&out, "%5u  %08x  %6x  %3u  %s%s%s%s", i, e->Va, e->Pfn, e->Age,
            p->Use == MiPfnSection ? "shared " : "private ", e->Locked ? "locked " : "",
            pte & MM_PTE_ACCESSED ? "accessed " : "", pte & MM_PTE_DIRTY ? "dirty" : "");
    }
}

void MmDebugAddress(MMPROCESS *process, MM_DEBUG_PRINT print, void *context)
{
    PRINTER out = {print, context};
    enum { TypePrivate, TypeImage, TypeMapped, TypeOther, TypeCount };
    static const char *const names[TypeCount] = {"private", "image", "mapped", "PEB/TEB/shared"};
    uint64_t reserved[TypeCount] = {0}, committed[TypeCount] = {0}, resident[TypeCount] = {0};
    uint32_t regions[TypeCount] = {0};
    Say(&out, "base     end        type             state     protection         resident/pages");
    for (MMVAD *vad = MiGetFirstVad(&process->VadRoot); vad; vad = MiGetNextVad(vad)) {
        int type = vad->VadType == VadImageMap ? TypeImage
                   : vad->VadType == VadMapped ? TypeMapped
                   : vad->VadType == VadNone   ? TypePrivate
                                               : TypeOther;
        uint32_t pages = vad->EndingVpn - vad->StartingVpn + 1, commit = 0, valid = 0;
        for (uint32_t vpn = vad->StartingVpn; vpn <= vad->EndingVpn; vpn++) {
            bool is_committed;
            MiQueryPageProtection(process, vad, vpn << PAGE_SHIFT, &is_committed);
            commit += is_committed;
            uint32_t pa;
            valid += MiPteIsValid(PteEntry(process, vpn << PAGE_SHIFT, &pa)) ? 1 : 0;
        }
        char prot[48];
        Say(&out, "%08x-%08x %-16s %-9s %-18s %u/%u", vad->StartingVpn << PAGE_SHIFT,
            ((vad->EndingVpn + 1) << PAGE_SHIFT) - 1, VadTypeName(vad),
            commit == pages ? "committed" : commit ? "partly" : "reserved",
            ProtectionName(vad->Protection, prot, sizeof prot), valid, pages);
        regions[type]++;
        reserved[type] += pages;
        committed[type] += commit;
        resident[type] += valid;
    }
    Say(&out, "summary (KiB):   regions   reserved  committed   resident");
    for (int t = 0; t < TypeCount; t++) {
        Say(&out, "  %-14s %8u %10llu %10llu %10llu", names[t], regions[t],
            (unsigned long long)reserved[t] * 4, (unsigned long long)committed[t] * 4,
            (unsigned long long)resident[t] * 4);
    }
}

void MmDebugMemUsage(MMSYSTEM *system, MM_DEBUG_PRINT print, void *context)
{
    PRINTER out = {print, context};
    /* By use, as RAMMap's "Use Counts": the lists' totals, and the active
     * frames by what they hold. */
    uint32_t active[6] = {0};
    for (uint32_t pfn = 0; pfn < system->FreshFrame && pfn < system->Frames; pfn++) {
        MMPFN *p = MiGetPfn(system, pfn);
        if (p->Location == ActiveAndValid && p->Use < 6) {
            active[p->Use]++;
        }
    }
    Say(&out, "%u frames (%u KiB) of RAM; %u available", system->Frames, system->Frames * 4,
        MiAvailablePages(system));
    Say(&out, "list               pages        KiB");
    for (int l = 0; l < MiListCount; l++) {
        if (l == ActiveAndValid) {
            continue;
        }
        Say(&out, "%-16s %7u %10u", ListNames[l], system->Lists[l].Total,
            system->Lists[l].Total * 4);
    }
    static const char *const uses[6] = {"Active (unused)", "Active private", "Active page table",
                                        "Active page dir", "Active system", "Active section"};
    for (int u = 1; u < 6; u++) {
        Say(&out, "%-16s %7u %10u", uses[u], active[u], active[u] * 4);
    }
    Say(&out, "commit: %llu of %llu pages", (unsigned long long)system->CommittedPages,
        (unsigned long long)system->CommitLimit);
}

struct sqlite3 *MmDebugFaultLog(MMSYSTEM *system)
{
    if (!system->PageFile || !system->FaultLog) {
        return NULL;
    }
    PfFlushLog(system->PageFile);
    return PfDatabase(system->PageFile);
}
