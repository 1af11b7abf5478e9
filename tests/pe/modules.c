/* GetModuleHandleA, GetProcAddress and GetSystemInfo, as Windows answers. */
#include "pe.h"

void __cdecl start(void)
{
    HMODULE self = GetModuleHandleA(NULL);
    CHECK_EQ("GetModuleHandleA(NULL) is the EXE's base", (DWORD)self, 0x00400000);
    HMODULE k32 = GetModuleHandleA("kernel32.dll");
    CHECK_EQ("GetModuleHandleA(kernel32.dll)", k32 != NULL, 1);
    CHECK_EQ("GetModuleHandleA(KERNEL32) (no extension, any case)", (DWORD)GetModuleHandleA("KERNEL32"),
             (DWORD)k32);
    HMODULE nt = GetModuleHandleA("ntdll.dll");
    CHECK_EQ("GetModuleHandleA(ntdll.dll)", nt != NULL, 1);
    CHECK_EQ("GetProcAddress(kernel32, VirtualAlloc) is the imported one",
             (DWORD)GetProcAddress(k32, "VirtualAlloc"), (DWORD)VirtualAlloc);
    CHECK_EQ("GetProcAddress(ntdll, NtClose)", GetProcAddress(nt, "NtClose") != NULL, 1);
    CHECK_EQ("a forwarder (AddVectoredExceptionHandler) lands in ntdll",
             (DWORD)GetProcAddress(k32, "AddVectoredExceptionHandler"),
             (DWORD)GetProcAddress(nt, "RtlAddVectoredExceptionHandler"));
    SetLastError(0);
    CHECK_EQ("GetProcAddress of a missing name", (DWORD)GetProcAddress(k32, "NoSuchFunction"), 0);
    CHECK_EQ("GetLastError ERROR_PROC_NOT_FOUND", GetLastError(), 127);
    CHECK_EQ("GetModuleHandleA of a missing module", (DWORD)GetModuleHandleA("nosuch.dll"), 0);
    CHECK_EQ("GetLastError ERROR_MOD_NOT_FOUND", GetLastError(), 126);

    SYSTEM_INFO si;
    GetSystemInfo(&si);
    CHECK_EQ("dwPageSize", si.dwPageSize, 4096);
    CHECK_EQ("dwAllocationGranularity", si.dwAllocationGranularity, 65536);
    CHECK_EQ("lpMinimumApplicationAddress", (DWORD)si.lpMinimumApplicationAddress, 0x10000);
    CHECK_EQ("lpMaximumApplicationAddress", (DWORD)si.lpMaximumApplicationAddress, 0x7FFEFFFF);
    CHECK_EQ("dwNumberOfProcessors", si.dwNumberOfProcessors, 1);
    CHECK_EQ("wProcessorArchitecture INTEL", si.wProcessorArchitecture, 0);
    Finish();
}
