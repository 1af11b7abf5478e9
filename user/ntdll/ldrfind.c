/*
 * LdrFindEntryForAddress: the loader's entry of the module whose image
 * holds an address (from its base, inclusive, to base + SizeOfImage), in
 * load order; STATUS_NO_MORE_ENTRIES when no module holds it (ReactOS's
 * LdrFindEntryForAddress answers the same). The list is walked under the
 * loader lock, as a load or unload may change it.
 */
#include "ntdll/ntdll.h"

#define STATUS_NO_MORE_ENTRIES ((NTSTATUS)0x8000001AL)

NTSTATUS NTAPI LdrFindEntryForAddress(const void *address, LDR_DATA_TABLE_ENTRY **result)
{
    NTSTATUS status = STATUS_NO_MORE_ENTRIES;
    LdrpLockLoader();
    LIST_ENTRY *head = &NtCurrentPeb()->Ldr->InLoadOrderModuleList;
    for (LIST_ENTRY *link = head->Flink; link != head; link = link->Flink) {
        LDR_DATA_TABLE_ENTRY *entry = (LDR_DATA_TABLE_ENTRY *)link;
        ULONG offset = (ULONG)address - (ULONG)entry->DllBase;
        if ((ULONG)address >= (ULONG)entry->DllBase && offset < entry->SizeOfImage) {
            *result = entry;
            status = STATUS_SUCCESS;
            break;
        }
    }
    LdrpUnlockLoader();
    return status;
}
