/*
 * DisableThreadLibraryCalls (ntdll's LdrDisableThreadCalloutsForDll):
 * a DLL without static TLS hears DLL_THREAD_ATTACH until it is called,
 * and none after. It fails — FALSE, ERROR_MOD_NOT_FOUND — for a handle
 * that is no loaded module, and for a module with static TLS, which every
 * mingw-w64 image has (its CRT's TLS directory): Microsoft's
 * DisableThreadLibraryCalls page ("fails if the DLL ... has active static
 * thread local storage, or if hModule is an invalid module handle"), and
 * Wine's ntdll, whose status for both is STATUS_DLL_NOT_FOUND.
 */
#include <stdio.h>
#include <windows.h>

static int Failures;

static void Check(int ok, const char *what)
{
    printf("%s: %s\n", ok ? "ok" : "FAIL", what);
    Failures += !ok;
}

static DWORD WINAPI Nothing(void *argument)
{
    (void)argument;
    return 0;
}

static void RunThread(void)
{
    HANDLE thread = CreateThread(NULL, 0, Nothing, NULL, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
}

int main(void)
{
    HMODULE dll = LoadLibraryA("notls.dll");
    volatile LONG *attaches = dll ? (volatile LONG *)GetProcAddress(dll, "ThreadAttaches") : NULL;
    Check(attaches != NULL, "notls.dll loaded");
    if (!attaches) {
        return 1;
    }
    RunThread();
    Check(*attaches == 1, "a new thread: notls.dll hears DLL_THREAD_ATTACH");
    Check(DisableThreadLibraryCalls(dll), "DisableThreadLibraryCalls(notls.dll): TRUE");
    RunThread();
    Check(*attaches == 1, "another thread: notls.dll hears nothing");
    SetLastError(0);
    Check(!DisableThreadLibraryCalls(GetModuleHandleA(NULL)) && GetLastError() == ERROR_MOD_NOT_FOUND,
          "the program (static TLS, mingw-w64's CRT): FALSE, ERROR_MOD_NOT_FOUND");
    SetLastError(0);
    Check(!DisableThreadLibraryCalls((HMODULE)0x12340000) && GetLastError() == ERROR_MOD_NOT_FOUND,
          "an address that is no module: FALSE, ERROR_MOD_NOT_FOUND");
    Check(FreeLibrary(dll), "FreeLibrary(notls.dll)");
    return Failures;
}
