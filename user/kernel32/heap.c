/* Heaps are ntdll's: HeapAlloc, HeapFree, HeapReAlloc and HeapSize are
 * forwarders (kernel32.def), as in Windows' own kernel32. */
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

BOOL WINAPI HeapDestroy(HANDLE heap)
{
    if (heap == GetProcessHeap() || RtlDestroyHeap(heap) != NULL) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
}
