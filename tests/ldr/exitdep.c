/* exitdep.dll: imported by exitdll.dll, so initialized before it and told
 * DLL_PROCESS_DETACH after it (the reverse order of initialization). */
#include <string.h>
#include <windows.h>

static void Say(const char *text)
{
    DWORD written;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, (DWORD)strlen(text), &written, NULL);
}

__declspec(dllexport) int ExitDepAnswer(void)
{
    return 42;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)instance;
    if (reason == DLL_PROCESS_ATTACH) {
        Say("exitdep DllMain: DLL_PROCESS_ATTACH\r\n");
    } else if (reason == DLL_PROCESS_DETACH) {
        Say(reserved ? "exitdep DllMain: DLL_PROCESS_DETACH, lpReserved non-NULL\r\n"
                     : "exitdep DllMain: DLL_PROCESS_DETACH, lpReserved NULL\r\n");
    }
    return TRUE;
}
