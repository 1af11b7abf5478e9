/*
 * GetProcessVersion: the Windows version a process's program was built for,
 * the subsystem version of its image's optional header, major in the high
 * word and minor in the low (MAKELONG(minor, major)). Id 0 is the caller.
 * Another process's image is read through its PEB's ImageBaseAddress, so
 * opening it needs PROCESS_QUERY_INFORMATION and PROCESS_VM_READ; a process
 * that cannot be opened gives 0 and OpenProcess's error.
 */
#include "kernel32/kernel32.h"

#define STATUS_PARTIAL_COPY ((NTSTATUS)0x8000000D)
#define PROCESS_VM_READ 0x0010
#define PROCESS_QUERY_INFORMATION 0x0400
#define PE_MAJOR_SUBSYSTEM 0x48 /* from the NT headers: signature, file header, +0x30 */

static BOOL ReadAt(HANDLE process, ULONG va, void *buffer, ULONG size)
{
    SIZE_T done = 0;
    NTSTATUS status = NtReadVirtualMemory(process, (const void *)va, buffer, size, &done);
    if (NT_SUCCESS(status) && done != size) {
        status = STATUS_PARTIAL_COPY;
    }
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

DWORD WINAPI GetProcessVersion(DWORD id)
{
    BOOL self = id == 0 || id == GetCurrentProcessId();
    HANDLE process = self ? GetCurrentProcess()
                          : OpenProcess(PROCESS_QUERY_INFORMATION | PROCESS_VM_READ, FALSE, id);
    if (!process) {
        return 0;
    }
    ULONG basic[6]; /* ExitStatus, PebBaseAddress, ... */
    ULONG image = 0, nt = 0;
    WORD version[2] = {0, 0}; /* MajorSubsystemVersion, MinorSubsystemVersion */
    DWORD result = 0;
    NTSTATUS status = NtQueryInformationProcess(process, 0, basic, sizeof basic, NULL);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
    } else if (ReadAt(process, basic[1] + 8, &image, 4) &&
               ReadAt(process, image + 0x3C, &nt, 4) &&
               ReadAt(process, image + nt + PE_MAJOR_SUBSYSTEM, version, sizeof version)) {
        result = ((DWORD)version[0] << 16) | version[1];
    }
    if (!self) {
        CloseHandle(process);
    }
    return result;
}
