/* VirtualAlloc and friends: the native services, with Win32 errors. */
#include "kernel32/kernel32.h"

/* The Ex forms take a process handle, which must grant PROCESS_VM_OPERATION
 * (PROCESS_QUERY_INFORMATION for VirtualQueryEx); the plain ones are the
 * same on the current process. */
PVOID WINAPI VirtualAllocEx(HANDLE process, PVOID address, SIZE_T size, DWORD type, DWORD protect)
{
    NTSTATUS status = NtAllocateVirtualMemory(process, &address, 0, &size, type, protect);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return NULL;
    }
    return address;
}

PVOID WINAPI VirtualAlloc(PVOID address, SIZE_T size, DWORD type, DWORD protect)
{
    return VirtualAllocEx(NtCurrentProcess(), address, size, type, protect);
}

BOOL WINAPI VirtualFreeEx(HANDLE process, PVOID address, SIZE_T size, DWORD type)
{
    /* Win32's own rule: releasing takes the whole allocation, size 0. */
    if ((type & MEM_RELEASE) && size != 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    NTSTATUS status = NtFreeVirtualMemory(process, &address, &size, type);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI VirtualFree(PVOID address, SIZE_T size, DWORD type)
{
    return VirtualFreeEx(NtCurrentProcess(), address, size, type);
}

BOOL WINAPI VirtualProtectEx(HANDLE process, PVOID address, SIZE_T size, DWORD protect, DWORD *old)
{
    NTSTATUS status = NtProtectVirtualMemory(process, &address, &size, protect, old);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI VirtualProtect(PVOID address, SIZE_T size, DWORD protect, DWORD *old)
{
    return VirtualProtectEx(NtCurrentProcess(), address, size, protect, old);
}

SIZE_T WINAPI VirtualQueryEx(HANDLE process, const void *address, MEMORY_BASIC_INFORMATION *info,
                             SIZE_T length)
{
    SIZE_T returned = 0;
    NTSTATUS status = NtQueryVirtualMemory(process, (PVOID)address, 0, info, length, &returned);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return 0;
    }
    return returned;
}

SIZE_T WINAPI VirtualQuery(const void *address, MEMORY_BASIC_INFORMATION *info, SIZE_T length)
{
    return VirtualQueryEx(NtCurrentProcess(), address, info, length);
}

ULONG WINAPI GetWriteWatch(DWORD flags, PVOID base, SIZE_T size, PVOID *addresses,
                          ULONG_PTR *count, ULONG *granularity)
{
    NTSTATUS status = NtGetWriteWatch(NtCurrentProcess(), flags, base, size, addresses, count,
                                      granularity);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return ~0u;
    }
    return 0;
}

ULONG WINAPI ResetWriteWatch(PVOID base, SIZE_T size)
{
    NTSTATUS status = NtResetWriteWatch(NtCurrentProcess(), base, size);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return ~0u;
    }
    return 0;
}

/* VirtualLock: the pages stay in the working set (MAP_PROCESS). */
BOOL WINAPI VirtualLock(PVOID address, SIZE_T size)
{
    NTSTATUS status = NtLockVirtualMemory(NtCurrentProcess(), &address, &size, 1);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI VirtualUnlock(PVOID address, SIZE_T size)
{
    NTSTATUS status = NtUnlockVirtualMemory(NtCurrentProcess(), &address, &size, 1);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

/* Another process's memory (PROCESS_VM_READ / PROCESS_VM_WRITE): FALSE and
 * ERROR_PARTIAL_COPY when only part of it could be copied; *done counts
 * what was. */
BOOL WINAPI ReadProcessMemory(HANDLE process, const void *address, PVOID buffer, SIZE_T size,
                              SIZE_T *done)
{
    SIZE_T copied = 0;
    NTSTATUS status = NtReadVirtualMemory(process, address, buffer, size, &copied);
    if (done) {
        *done = copied;
    }
    if (status != STATUS_SUCCESS) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI WriteProcessMemory(HANDLE process, PVOID address, const void *buffer, SIZE_T size,
                               SIZE_T *done)
{
    SIZE_T copied = 0;
    NTSTATUS status = NtWriteVirtualMemory(process, address, buffer, size, &copied);
    if (done) {
        *done = copied;
    }
    if (status != STATUS_SUCCESS) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

/* The size of a large page: 2 MiB, a PAE page directory entry's reach
 * (x86 without PAE would say 4 MiB). Allocating one needs
 * SeLockMemoryPrivilege, which no token here holds (ke/token.c), so
 * VirtualAlloc(MEM_LARGE_PAGES) fails with ERROR_PRIVILEGE_NOT_HELD. */
SIZE_T WINAPI GetLargePageMinimum(void)
{
    return 0x200000;
}
