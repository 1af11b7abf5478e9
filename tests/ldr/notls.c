/*
 * A DLL without a C runtime, so without a TLS directory (mingw-w64's CRT
 * gives every DLL one): it counts the DLL_THREAD_ATTACH notifications it
 * hears, for threadcalls.exe.
 */
#include <windows.h>

__declspec(dllexport) volatile LONG ThreadAttaches;

BOOL WINAPI DllMain(HINSTANCE self, DWORD reason, void *reserved)
{
    (void)self, (void)reserved;
    if (reason == DLL_THREAD_ATTACH) {
        InterlockedIncrement(&ThreadAttaches);
    }
    return TRUE;
}
