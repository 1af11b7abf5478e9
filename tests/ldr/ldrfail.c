/* ldrfail.dll: its DllMain refuses DLL_PROCESS_ATTACH. */
#include <windows.h>

static void Say(const char *text)
{
    DWORD written, n = 0;
    while (text[n]) {
        n++;
    }
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, n, &written, NULL);
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)instance;
    (void)reserved;
    if (reason == DLL_PROCESS_ATTACH) {
        Say("ldrfail: DLL_PROCESS_ATTACH, returning FALSE\n");
        return FALSE;
    }
    if (reason == DLL_PROCESS_DETACH) {
        Say("ldrfail: DLL_PROCESS_DETACH\n");
    }
    return TRUE;
}
