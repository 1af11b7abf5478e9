/*
 * GlobalMemoryStatusEx and GlobalMemoryStatus against what the memory
 * manager says (run with --ram 16M: 4,096 frames), the error modes, IsWow64Process, and the
 * processor and NUMA node. Windows' answers:
 *   - GlobalMemoryStatusEx wants dwLength set to sizeof(MEMORYSTATUSEX)
 *     (Microsoft's page); another length fails with
 *     ERROR_INVALID_PARAMETER (Wine's and ReactOS's kernel32 answer so);
 *   - the available commit ("page file") falls by what a MEM_COMMIT of
 *     256 pages charges, and the process's available address space by what
 *     a MEM_RESERVE of 1 MiB takes; touching committed pages takes RAM;
 *   - SetErrorMode returns the previous mode, and SEM_NOALIGNMENTFAULTEXCEPT
 *     cannot be cleared once set (Microsoft's SetErrorMode page);
 *   - SetThreadErrorMode refuses SEM_NOALIGNMENTFAULTEXCEPT with
 *     ERROR_INVALID_PARAMETER (Microsoft's page: only the other three);
 *   - IsWow64Process on a 32-bit Windows: TRUE, *Wow64Process FALSE; an
 *     invalid handle: FALSE, ERROR_INVALID_HANDLE.
 */
#include <stdio.h>
#include <windows.h>

static int Failures;

static void Check(int ok, const char *what)
{
    printf("%s: %s\n", ok ? "ok" : "FAIL", what);
    Failures += !ok;
}

int main(void)
{
    MEMORYSTATUSEX before = {.dwLength = sizeof before}, after = {.dwLength = sizeof after};
    MEMORYSTATUSEX wrong = {.dwLength = sizeof wrong - 4};
    SetLastError(0);
    Check(!GlobalMemoryStatusEx(&wrong) && GetLastError() == ERROR_INVALID_PARAMETER,
          "GlobalMemoryStatusEx with a wrong dwLength: FALSE, ERROR_INVALID_PARAMETER");
    Check(GlobalMemoryStatusEx(&before), "GlobalMemoryStatusEx");
    Check(before.ullTotalPhys == 16u << 20, "ullTotalPhys: the 16 MiB of RAM");
    Check(before.ullAvailPhys > 0 && before.ullAvailPhys < before.ullTotalPhys,
          "ullAvailPhys: some, not all");
    Check(before.dwMemoryLoad > 0 && before.dwMemoryLoad < 100, "dwMemoryLoad: a percentage");
    Check(before.ullTotalPageFile >= before.ullTotalPhys,
          "ullTotalPageFile: the commit limit, RAM included");
    Check(before.ullTotalVirtual == 0x7FFE0000ull, "ullTotalVirtual: 2 GiB less 128 KiB");
    Check(before.ullAvailVirtual < before.ullTotalVirtual, "ullAvailVirtual: less");

    BYTE *reserved = VirtualAlloc(NULL, 1 << 20, MEM_RESERVE, PAGE_NOACCESS);
    BYTE *committed = VirtualAlloc(NULL, 256 * 4096, MEM_COMMIT, PAGE_READWRITE);
    GlobalMemoryStatusEx(&after);
    Check(before.ullAvailPageFile - after.ullAvailPageFile == 256 * 4096,
          "committing 256 pages: ullAvailPageFile 1 MiB less");
    Check(before.ullAvailVirtual - after.ullAvailVirtual == (1 << 20) + 256 * 4096,
          "reserving 1 MiB and committing 1 MiB: ullAvailVirtual 2 MiB less");
    for (int i = 0; i < 256; i++) {
        committed[i * 4096] = 1;
    }
    MEMORYSTATUSEX touched = {.dwLength = sizeof touched};
    GlobalMemoryStatusEx(&touched);
    Check(after.ullAvailPhys - touched.ullAvailPhys >= 256 * 4096,
          "touching them: ullAvailPhys at least 1 MiB less");
    VirtualFree(committed, 0, MEM_RELEASE);
    VirtualFree(reserved, 0, MEM_RELEASE);
    MEMORYSTATUS old;
    GlobalMemoryStatus(&old);
    Check(old.dwLength == sizeof old && old.dwTotalPhys == 16u << 20 &&
              old.dwTotalVirtual == 0x7FFE0000u,
          "GlobalMemoryStatus: the same in 32 bits");

    Check(SetErrorMode(SEM_FAILCRITICALERRORS) == 0, "SetErrorMode: the mode was 0");
    Check(GetErrorMode() == SEM_FAILCRITICALERRORS, "GetErrorMode: the new mode");
    Check(SetErrorMode(SEM_NOALIGNMENTFAULTEXCEPT) == SEM_FAILCRITICALERRORS,
          "SetErrorMode returns the previous mode");
    Check(SetErrorMode(0) == SEM_NOALIGNMENTFAULTEXCEPT && GetErrorMode() == SEM_NOALIGNMENTFAULTEXCEPT,
          "SEM_NOALIGNMENTFAULTEXCEPT stays once set");
    DWORD previous = 7;
    Check(SetThreadErrorMode(SEM_NOGPFAULTERRORBOX, &previous) && previous == 0 &&
              GetThreadErrorMode() == SEM_NOGPFAULTERRORBOX,
          "SetThreadErrorMode: the thread's mode, previously 0");
    SetLastError(0);
    Check(!SetThreadErrorMode(SEM_NOALIGNMENTFAULTEXCEPT, NULL) &&
              GetLastError() == ERROR_INVALID_PARAMETER &&
              GetThreadErrorMode() == SEM_NOGPFAULTERRORBOX,
          "SetThreadErrorMode(SEM_NOALIGNMENTFAULTEXCEPT): ERROR_INVALID_PARAMETER, unchanged");

    BOOL wow64 = TRUE;
    Check(IsWow64Process(GetCurrentProcess(), &wow64) && !wow64,
          "IsWow64Process: TRUE, and not under WOW64");
    SetLastError(0);
    Check(!IsWow64Process((HANDLE)0x1234, &wow64) && GetLastError() == ERROR_INVALID_HANDLE,
          "IsWow64Process of a bad handle: FALSE, ERROR_INVALID_HANDLE");
    ULONG node = 9;
    Check(GetCurrentProcessorNumber() == 0 && GetNumaHighestNodeNumber(&node) && node == 0,
          "processor 0, NUMA node 0");
    return Failures;
}
