/*
 * The protections a page of a mapped view may take. A view is mapped with
 * an allocation protection, itself no more than its section allows; after
 * that NtProtectVirtualMemory, and NtAllocateVirtualMemory(MEM_COMMIT) on
 * the view's pages, may ask for any protection whose rights are among the
 * view's, and among the section's — or for exactly the view's own.
 *
 * The rights are read, write and execute. A WRITECOPY or EXECUTE_WRITECOPY
 * page counts as READONLY or EXECUTE_READ (its write makes a private copy,
 * which needs no right of the section), and an execute-only page can be
 * read. So a view of a READWRITE section mapped PAGE_READWRITE may become
 * READONLY, WRITECOPY or NOACCESS but never EXECUTE_READ; a PAGE_WRITECOPY
 * view may never become READWRITE; an EXECUTE_READ view may become
 * EXECUTE_WRITECOPY (Wine's kernel32 virtual.c test_mapping: Windows
 * commits such pages on an EXECUTE_READ view of an EXECUTE_READ section).
 */
#include "mm/mi.h"

enum {
    RIGHT_READ = 1,
    RIGHT_WRITE = 2,
    RIGHT_EXECUTE = 4,
};

static uint32_t Rights(uint32_t protection)
{
    switch (protection & MM_PROTECT_ACCESS) {
    case MM_READONLY:
    case MM_WRITECOPY:
        return RIGHT_READ;
    case MM_READWRITE:
        return RIGHT_READ | RIGHT_WRITE;
    case MM_EXECUTE:
    case MM_EXECUTE_READ:
    case MM_EXECUTE_WRITECOPY:
        return RIGHT_READ | RIGHT_EXECUTE;
    case MM_EXECUTE_READWRITE:
        return RIGHT_READ | RIGHT_WRITE | RIGHT_EXECUTE;
    default:
        return 0;
    }
}

bool MiIsViewProtectionCompatible(const MMVAD *vad, uint32_t protection)
{
    uint32_t view = Rights(vad->Protection);
    uint32_t wanted = Rights(protection);
    if (wanted == view) {
        return true;
    }
    if (view == 0 || (view & wanted) != wanted) {
        return false; /* a NOACCESS view stays so; nothing beyond the view */
    }
    return (Rights(vad->Section->Protection) & wanted) == wanted;
}

/*
 * MEM_COMMIT on a view of a pagefile-backed section (a file's view is
 * committed already): the pages of a SEC_RESERVE section are committed
 * in the section (for every view), then every page in the range takes the
 * protection asked for, as NtProtectVirtualMemory would give it.
 */
NTSTATUS MiCommitViewPages(MMPROCESS *process, MMVAD *vad, uint32_t start, uint32_t end,
                           uint32_t protection)
{
    if (vad->Section->File || vad->Section->Segment) {
        /* A view of a file: its pages are the file's, committed by it
         * (Windows: ERROR_ACCESS_DENIED). */
        return STATUS_ALREADY_COMMITTED;
    }
    uint32_t special = protection & MM_PROTECT_SPECIAL;
    if ((protection & MM_PROTECT_ACCESS) && (special == MM_NOCACHE || special == MM_WRITECOMBINE)) {
        return STATUS_INVALID_PAGE_PROTECTION; /* cache attributes: private memory only */
    }
    if (!MiIsViewProtectionCompatible(vad, protection & ~MM_GUARD_PAGE)) {
        return STATUS_INVALID_PAGE_PROTECTION;
    }
    if (vad->Section->AllocationAttributes == SEC_RESERVE) {
        NTSTATUS status = MiCommitSectionPages(vad, start, end);
        if (status != STATUS_SUCCESS) {
            return status;
        }
    }
    if (!MiMakePageTablesExist(process, start, end)) {
        return STATUS_NO_MEMORY;
    }
    for (uint64_t va = start; va <= end; va += PAGE_SIZE) {
        MiSetPageProtection(process, vad, (uint32_t)va, protection);
    }
    MiFlushTlbIfNeeded(process->System);
    return STATUS_SUCCESS;
}
