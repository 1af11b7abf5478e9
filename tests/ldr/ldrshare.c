/*
 * Two processes load the same DLLs at run time: ldrdll.dll at its base,
 * and ldrreloc.dll relocated (both reserve its preferred base first), so
 * both processes map the same image sections. ldrshare.sh reads the fault
 * log: each DLL's code pages are one frame in both processes.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

typedef int (*ADD)(int, int);
typedef int (*INT_FN)(void);

int main(int argc, char **argv)
{
    VirtualAlloc((void *)0x12340000, 0x10000, MEM_RESERVE, PAGE_NOACCESS);
    HMODULE dll = LoadLibraryA("ldrdll.dll");
    HMODULE reloc = LoadLibraryA("ldrreloc.dll");
    if (!dll || !reloc) {
        printf("FAIL: LoadLibrary (error %lu)\n", GetLastError());
        return 1;
    }
    ADD add = (ADD)(void *)GetProcAddress(dll, "LdrAdd");
    INT_FN check = (INT_FN)(void *)GetProcAddress(reloc, "LdrRelocCheck");
    if (add(1, 2) != 3 || check() != 1) {
        printf("FAIL: the DLLs' code\n");
        return 1;
    }
    if (argc < 2) {
        printf("ldrdll base 0x%08lx\nldrreloc base 0x%08lx\n", (unsigned long)dll,
               (unsigned long)reloc);
        fflush(stdout);
        STARTUPINFOA si;
        PROCESS_INFORMATION pi;
        memset(&si, 0, sizeof si);
        si.cb = sizeof si;
        char line[] = "ldrshare.exe child";
        if (!CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
            printf("FAIL: CreateProcess (error %lu)\n", GetLastError());
            return 1;
        }
        WaitForSingleObject(pi.hProcess, INFINITE);
        DWORD code = 1;
        GetExitCodeProcess(pi.hProcess, &code);
        if (code != 0) {
            printf("FAIL: the child exited with %lu\n", code);
            return 1;
        }
    } else if (GetModuleHandleA(NULL) && (argv[1][0] != 'c')) {
        return 1;
    }
    FreeLibrary(reloc);
    FreeLibrary(dll);
    return 0;
}
