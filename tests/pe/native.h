/* The native services the tests call directly, from ntdll. */
#ifndef NTMM_PE_NATIVE_H
#define NTMM_PE_NATIVE_H

#include <windows.h>

#define NTIMPORT __declspec(dllimport) LONG __stdcall
NTIMPORT NtAllocateVirtualMemory(HANDLE, PVOID *, ULONG_PTR, SIZE_T *, ULONG, ULONG);
NTIMPORT NtFreeVirtualMemory(HANDLE, PVOID *, SIZE_T *, ULONG);
NTIMPORT NtProtectVirtualMemory(HANDLE, PVOID *, SIZE_T *, ULONG, ULONG *);
NTIMPORT NtQueryVirtualMemory(HANDLE, PVOID, ULONG, PVOID, SIZE_T, SIZE_T *);
NTIMPORT NtMapViewOfSection(HANDLE, HANDLE, PVOID *, ULONG_PTR, SIZE_T, LARGE_INTEGER *, SIZE_T *,
                            ULONG, ULONG, ULONG);
NTIMPORT NtGetWriteWatch(HANDLE, ULONG, PVOID, SIZE_T, PVOID *, ULONG_PTR *, ULONG *);

#define CURRENT ((HANDLE)-1)

static inline LONG Alloc(PVOID base, SIZE_T size, ULONG type, ULONG protect, PVOID *out)
{
    LONG status = NtAllocateVirtualMemory(CURRENT, &base, 0, &size, type, protect);
    if (out) {
        *out = base;
    }
    return status;
}

static inline LONG Free(PVOID base, SIZE_T size, ULONG type)
{
    return NtFreeVirtualMemory(CURRENT, &base, &size, type);
}

#endif
