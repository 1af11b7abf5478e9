/*
 * The test hooks PfInjectReadError and PfInjectWriteError: one-shot,
 * deterministic I/O errors on a slot. Kept apart from the page I/O, which
 * asks only PfInjectedError (one comparison while nothing is injected).
 */
#include <stdlib.h>
#include <string.h>

#include "pagefile/pf.h"

bool PfTakeInjectedError(PAGEFILE *pf, uint32_t slot, bool write)
{
    for (uint32_t i = 0; i < pf->InjectionCount; i++) {
        if (pf->Injections[i].Slot == slot && pf->Injections[i].Write == write) {
            memmove(&pf->Injections[i], &pf->Injections[i + 1],
                    (pf->InjectionCount - i - 1) * sizeof *pf->Injections);
            pf->InjectionCount--;
            return true;
        }
    }
    return false;
}

static void Inject(PAGEFILE *pf, uint32_t slot, bool write)
{
    if (pf->InjectionCount == pf->InjectionCapacity) {
        uint32_t capacity = pf->InjectionCapacity ? pf->InjectionCapacity * 2 : 8;
        PF_INJECTION *list = realloc(pf->Injections, capacity * sizeof *list);
        if (!list) {
            PfFail(pf, STATUS_NO_MEMORY, "no memory for an injected error");
            return;
        }
        pf->Injections = list;
        pf->InjectionCapacity = capacity;
    }
    pf->Injections[pf->InjectionCount++] = (PF_INJECTION){.Slot = slot, .Write = write};
}

void PfInjectReadError(PAGEFILE *pf, uint32_t slot)
{
    Inject(pf, slot, false);
}

void PfInjectWriteError(PAGEFILE *pf, uint32_t slot)
{
    Inject(pf, slot, true);
}
