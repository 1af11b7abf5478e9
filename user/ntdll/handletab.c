/*
 * RTL handle tables: a caller-owned header describing an array of
 * fixed-size entries (the first field of each an RTL_HANDLE), reserved in
 * one piece of address space for MaxHandleCount entries and committed a
 * page-worth at a time as the free list runs dry. A free entry's Next
 * links the free list; the caller marks an entry in use by setting bit 0
 * of its Next (Wine's rtl.c test_HandleTables does exactly that), and
 * RtlIsValidHandle believes only entries so marked.
 */
#include "inc/ntguest.h"

#define HANDLE_PAGE 0x1000u

/* Commit the next stretch of the reservation and thread its entries onto
 * the free list; FALSE when the table is full or memory is short. */
static BOOLEAN Grow(RTL_HANDLE_TABLE *table)
{
    ULONG size = table->MaxHandleCount * table->SizeOfHandleTableEntry;
    if (!table->CommittedHandles) {
        PVOID base = NULL;
        SIZE_T reserve = size;
        if (!size || !NT_SUCCESS(NtAllocateVirtualMemory(NtCurrentProcess(), &base, 0, &reserve,
                                                         MEM_RESERVE, 0x04))) {
            return FALSE;
        }
        table->CommittedHandles = base;
        table->UnCommittedHandles = base;
        table->MaxReservedHandles = (BYTE *)base + size;
    }
    BYTE *start = table->UnCommittedHandles, *limit = table->MaxReservedHandles;
    ULONG entry = table->SizeOfHandleTableEntry;
    if (start + entry > limit) {
        return FALSE;
    }
    PVOID commit = start;
    SIZE_T length = HANDLE_PAGE;
    if (!NT_SUCCESS(NtAllocateVirtualMemory(NtCurrentProcess(), &commit, 0, &length, MEM_COMMIT,
                                            0x04))) {
        return FALSE;
    }
    /* Whole entries that end within the committed pages join the list. */
    BYTE *end = (BYTE *)commit + length;
    RTL_HANDLE *first = NULL, **tail = &first;
    BYTE *p = start;
    for (; p + entry <= end && p + entry <= limit; p += entry) {
        RTL_HANDLE *handle = (RTL_HANDLE *)p;
        handle->Next = NULL;
        *tail = handle;
        tail = &handle->Next;
    }
    if (!first) {
        /* An entry larger than a page: commit through its end. */
        commit = start;
        length = entry;
        if (!NT_SUCCESS(NtAllocateVirtualMemory(NtCurrentProcess(), &commit, 0, &length,
                                                MEM_COMMIT, 0x04))) {
            return FALSE;
        }
        first = (RTL_HANDLE *)start;
        first->Next = NULL;
        p = start + entry;
    }
    table->UnCommittedHandles = p;
    table->FreeHandles = first;
    return TRUE;
}

void NTAPI RtlInitializeHandleTable(ULONG max_handles, ULONG handle_size, RTL_HANDLE_TABLE *table)
{
    memset(table, 0, sizeof(*table));
    table->MaxHandleCount = max_handles;
    table->SizeOfHandleTableEntry = handle_size;
}

/* The next free entry, zeroed, and its index; NULL when the table is full.
 * The entry is not yet "valid": the caller marks it. */
RTL_HANDLE *NTAPI RtlAllocateHandle(RTL_HANDLE_TABLE *table, ULONG *index)
{
    if (!table->FreeHandles && !Grow(table)) {
        return NULL;
    }
    RTL_HANDLE *handle = table->FreeHandles;
    table->FreeHandles = handle->Next;
    memset(handle, 0, table->SizeOfHandleTableEntry);
    if (index) {
        *index = (ULONG)((BYTE *)handle - (BYTE *)table->CommittedHandles) /
                 table->SizeOfHandleTableEntry;
    }
    return handle;
}

BOOLEAN NTAPI RtlIsValidHandle(RTL_HANDLE_TABLE *table, RTL_HANDLE *handle)
{
    BYTE *p = (BYTE *)handle, *base = table->CommittedHandles;
    return p >= base && p < (BYTE *)table->UnCommittedHandles &&
           (ULONG)(p - base) % table->SizeOfHandleTableEntry == 0 &&
           ((ULONG_PTR)handle->Next & 1);
}

BOOLEAN NTAPI RtlIsValidIndexHandle(RTL_HANDLE_TABLE *table, ULONG index, RTL_HANDLE **handle)
{
    if (!table->CommittedHandles || index >= table->MaxHandleCount) {
        return FALSE;
    }
    RTL_HANDLE *entry =
        (RTL_HANDLE *)((BYTE *)table->CommittedHandles + index * table->SizeOfHandleTableEntry);
    if (!RtlIsValidHandle(table, entry)) {
        return FALSE;
    }
    *handle = entry;
    return TRUE;
}

/* FALSE, and nothing freed, for an entry that is not valid. */
BOOLEAN NTAPI RtlFreeHandle(RTL_HANDLE_TABLE *table, RTL_HANDLE *handle)
{
    if (!RtlIsValidHandle(table, handle)) {
        return FALSE;
    }
    memset(handle, 0, table->SizeOfHandleTableEntry);
    handle->Next = table->FreeHandles;
    table->FreeHandles = handle;
    return TRUE;
}

NTSTATUS NTAPI RtlDestroyHandleTable(RTL_HANDLE_TABLE *table)
{
    NTSTATUS status = STATUS_SUCCESS;
    if (table->CommittedHandles) {
        PVOID base = table->CommittedHandles;
        SIZE_T size = 0;
        status = NtFreeVirtualMemory(NtCurrentProcess(), &base, &size, MEM_RELEASE);
    }
    memset(table, 0, sizeof(*table));
    return status;
}
