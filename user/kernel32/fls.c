/*
 * Fiber-local storage: FlsAlloc, FlsFree, FlsGetValue and FlsSetValue are
 * ntdll's RtlFls* (fls.c there), as on Windows 10, with the status made a
 * last error. FlsAlloc returns FLS_OUT_OF_INDEXES when the 127 indexes
 * are taken (ERROR_NOT_ENOUGH_MEMORY: RtlFlsAlloc's STATUS_NO_MEMORY);
 * FlsGetValue sets the last error to 0 when it succeeds, so a NULL value
 * can be told from a failure, and FlsSetValue leaves it alone (Wine's
 * test_FiberLocalStorage, run on Windows). Index 0 and indexes of 128 or
 * more are ERROR_INVALID_PARAMETER for all four; FlsFree of an index not
 * allocated too.
 */
#include "kernel32/kernel32.h"

#define FLS_OUT_OF_INDEXES 0xFFFFFFFFu

DWORD WINAPI FlsAlloc(PVOID callback)
{
    ULONG index = FLS_OUT_OF_INDEXES;
    NTSTATUS status = RtlFlsAlloc(callback, &index);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FLS_OUT_OF_INDEXES;
    }
    return index;
}

BOOL WINAPI FlsFree(DWORD index)
{
    NTSTATUS status = RtlFlsFree(index);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

PVOID WINAPI FlsGetValue(DWORD index)
{
    PVOID value = NULL;
    NTSTATUS status = RtlFlsGetValue(index, &value);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return NULL;
    }
    SetLastError(0);
    return value;
}

BOOL WINAPI FlsSetValue(DWORD index, PVOID value)
{
    NTSTATUS status = RtlFlsSetValue(index, value);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}
