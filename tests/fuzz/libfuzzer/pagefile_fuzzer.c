/*
 * libFuzzer harness for the pagefile's open path (pagefile/open.c): the
 * bytes are a file found at the --pagefile path. Whatever it is (a SQLite
 * database of anything, an old ntmm pagefile, damaged ones, not a database
 * at all) PfOpen must refuse it with a reason or replace it, and a
 * pagefile it opens must take a page and give it back. Built by
 * `make libfuzzer`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pagefile/pagefile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/ntmm-pagefile-fuzzer-%d.db", (int)getpid());
    }
    FILE *f = fopen(path, "wb");
    if (!f) {
        return 0;
    }
    fwrite(data, 1, size, f);
    fclose(f);
    PF_OPTIONS options = {.Path = path, .MaximumPages = 16, .FaultLog = true};
    char why[512];
    PAGEFILE *pf = PfOpen(&options, why, sizeof why);
    if (pf) {
        uint8_t page[PF_PAGE_SIZE], back[PF_PAGE_SIZE];
        memset(page, 0x5A, sizeof page);
        uint32_t slot = PfAllocateSlot(pf);
        if (slot && PfWritePage(pf, slot, page, 1, 0x10000) == STATUS_SUCCESS &&
            (PfReadPage(pf, slot, back) != STATUS_SUCCESS || memcmp(page, back, sizeof page))) {
            abort(); /* a fresh pagefile must give back what it was given */
        }
        PfClose(pf);
    } else if (!why[0]) {
        abort(); /* a refusal always says why */
    }
    char journal[80];
    snprintf(journal, sizeof journal, "%s-journal", path);
    unlink(path);
    unlink(journal);
    return 0;
}
