/* Heaps are ntdll's: HeapAlloc, HeapFree, HeapReAlloc and HeapSize are
 * forwarders (kernel32.def), as in Windows' own kernel32; HeapSetInformation
 * and HeapQueryInformation call ntdll's Rtl forms. */
#include "kernel32/kernel32.h"

HANDLE WINAPI GetProcessHeap(void)
{
    return NtCurrentPeb()->ProcessHeap;
}

HANDLE WINAPI HeapCreate(DWORD options, SIZE_T initial, SIZE_T maximum)
{
    HANDLE heap = RtlCreateHeap(options, NULL, maximum, initial, NULL, NULL);
    if (!heap) {
        SetLastError(8); /* ERROR_NOT_ENOUGH_MEMORY */
    }
    return heap;
}

/* GetProcessHeaps: the number of heaps; their handles if that many fit. */
DWORD WINAPI GetProcessHeaps(DWORD count, HANDLE *heaps)
{
    return RtlGetProcessHeaps(count, heaps);
}

BOOL WINAPI HeapDestroy(HANDLE heap)
{
    if (heap == GetProcessHeap() || RtlDestroyHeap(heap) != NULL) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
}

/* The heap's information classes are ntdll's (RtlSetHeapInformation). */
BOOL WINAPI HeapSetInformation(HANDLE heap, DWORD information_class, PVOID information, SIZE_T length)
{
    NTSTATUS status = RtlSetHeapInformation(heap, information_class, information, length);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI HeapQueryInformation(HANDLE heap, DWORD information_class, PVOID information,
                                 SIZE_T length, SIZE_T *returned)
{
    NTSTATUS status = RtlQueryHeapInformation(heap, information_class, information, length, returned);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI HeapLock(HANDLE heap)
{
    if (!RtlLockHeap(heap)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI HeapUnlock(HANDLE heap)
{
    if (!RtlUnlockHeap(heap)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
}

/*
 * HeapWalk is RtlWalkHeap with Win32's names for the entry's flags:
 * PROCESS_HEAP_ENTRY has RTL_HEAP_WALK_ENTRY's layout, but a busy block
 * is PROCESS_HEAP_ENTRY_BUSY (4) where ntdll says RTL_HEAP_ENTRY_BUSY (1).
 * The end of the walk is ERROR_NO_MORE_ITEMS (STATUS_NO_MORE_ENTRIES).
 */
#define PROCESS_HEAP_REGION            0x0001
#define PROCESS_HEAP_UNCOMMITTED_RANGE 0x0002
#define PROCESS_HEAP_ENTRY_BUSY        0x0004
#define RTL_HEAP_ENTRY_BUSY        0x0001
#define RTL_HEAP_ENTRY_REGION      0x0002
#define RTL_HEAP_ENTRY_UNCOMMITTED 0x1000

BOOL WINAPI HeapWalk(HANDLE heap, PROCESS_HEAP_ENTRY *entry)
{
    if (!entry) {
        BaseSetLastNtError(STATUS_INVALID_PARAMETER);
        return FALSE;
    }
    RTL_HEAP_WALK_ENTRY rtl;
    memcpy(&rtl, entry, sizeof rtl);
    USHORT flags = entry->wFlags;
    rtl.Flags = (USHORT)((flags & PROCESS_HEAP_ENTRY_BUSY ? RTL_HEAP_ENTRY_BUSY : 0) |
                         (flags & PROCESS_HEAP_REGION ? RTL_HEAP_ENTRY_REGION : 0) |
                         (flags & PROCESS_HEAP_UNCOMMITTED_RANGE ? RTL_HEAP_ENTRY_UNCOMMITTED : 0));
    NTSTATUS status = RtlWalkHeap(heap, &rtl);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    flags = rtl.Flags;
    memcpy(entry, &rtl, sizeof rtl);
    entry->wFlags = flags & RTL_HEAP_ENTRY_BUSY          ? PROCESS_HEAP_ENTRY_BUSY
                    : flags & RTL_HEAP_ENTRY_REGION      ? PROCESS_HEAP_REGION
                    : flags & RTL_HEAP_ENTRY_UNCOMMITTED ? PROCESS_HEAP_UNCOMMITTED_RANGE
                                                         : 0;
    return TRUE;
}
