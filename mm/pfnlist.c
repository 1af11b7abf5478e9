/*
 * The PFN database: one MMPFN per guest-physical frame, each on exactly one
 * list (Zeroed, Free, Standby, Modified, ModifiedNoWrite, Bad) or in use
 * (ActiveAndValid). Lists are doubly linked through frame numbers, as NT's
 * are, so a frame can be unlinked from the middle of any list in O(1).
 */
#include "mm/mi.h"

#include <string.h>

MI_SYSTEM MiSystem;

void MiInsertPageInList(MMLISTS list, uint32_t pfn)
{
    MMPFNLIST *l = &MiSystem.Lists[list];
    MMPFN *p = MiGetPfn(pfn);

    p->Location = (uint8_t)list;
    p->Flink = MI_PFN_NONE;
    p->Blink = l->Blink;
    if (l->Blink != MI_PFN_NONE) {
        MiGetPfn(l->Blink)->Flink = pfn;
    } else {
        l->Flink = pfn;
    }
    l->Blink = pfn;
    l->Total++;
}

void MiUnlinkPageFromList(uint32_t pfn)
{
    MMPFN *p = MiGetPfn(pfn);
    MMPFNLIST *l = &MiSystem.Lists[p->Location];

    if (p->Flink != MI_PFN_NONE) {
        MiGetPfn(p->Flink)->Blink = p->Blink;
    } else {
        l->Blink = p->Blink;
    }
    if (p->Blink != MI_PFN_NONE) {
        MiGetPfn(p->Blink)->Flink = p->Flink;
    } else {
        l->Flink = p->Flink;
    }
    l->Total--;
    p->Flink = p->Blink = MI_PFN_NONE;
    p->Location = ActiveAndValid;
}

static uint32_t RemoveHead(MMLISTS list)
{
    uint32_t pfn = MiSystem.Lists[list].Flink;
    if (pfn != MI_PFN_NONE) {
        MiUnlinkPageFromList(pfn);
    }
    return pfn;
}

/*
 * Unicorn caches translated code per physical frame and does not notice
 * host writes. A frame that was ever mapped executable may still have
 * translations; before the host gives it new contents they must go.
 */
void MiPrepareFrameContents(uint32_t pfn)
{
    MMPFN *p = MiGetPfn(pfn);
    if (p->MaybeCode) {
        EmuFlushTranslations(MiSystem.Emu);
        /* Every translation is gone, not just this frame's. */
        for (uint32_t i = 0; i < MiSystem.Frames; i++) {
            MiSystem.Pfn[i].MaybeCode = 0;
        }
        MiSystem.Stats.CodeFlushes++;
    }
}

uint32_t MiRemoveAnyPage(void)
{
    uint32_t pfn = RemoveHead(FreePageList);
    if (pfn == MI_PFN_NONE) {
        pfn = RemoveHead(ZeroedPageList);
    }
    return pfn;
}

uint32_t MiRemoveZeroPage(void)
{
    uint32_t pfn = RemoveHead(ZeroedPageList);
    if (pfn != MI_PFN_NONE) {
        return pfn;
    }
    pfn = RemoveHead(FreePageList);
    if (pfn != MI_PFN_NONE) {
        MiPrepareFrameContents(pfn);
        memset(MiFrameAddress(pfn), 0, PAGE_SIZE);
        MiSystem.Stats.PagesZeroed++;
    }
    return pfn;
}

void MiReleaseFrame(uint32_t pfn)
{
    MMPFN *p = MiGetPfn(pfn);
    p->Owner = NULL;
    p->PteVa = 0;
    p->OriginalPte = 0;
    p->ShareCount = 0;
    p->ReferenceCount = 0;
    p->UsedEntries = 0;
    p->Modified = 0;
    p->Use = MiPfnUnused;
    MiInsertPageInList(FreePageList, pfn);
}

uint32_t MiAvailablePages(void)
{
    return MiSystem.Lists[ZeroedPageList].Total + MiSystem.Lists[FreePageList].Total +
           MiSystem.Lists[StandbyPageList].Total;
}

uint32_t MmAvailablePages(void)
{
    return MiAvailablePages();
}

const MM_STATS *MmGetStats(void)
{
    return &MiSystem.Stats;
}
