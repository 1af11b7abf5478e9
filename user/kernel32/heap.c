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
