/* ldrdep.dll: imported by ldrdll.dll, so initialized before it and
 * detached after it. Says each DllMain call on stdout. */
#include <windows.h>

static void Say(const char *text)
{
    DWORD written, n = 0;
    while (text[n]) {
        n++;
    }
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, n, &written, NULL);
}

__declspec(dllexport) int LdrDepValue(void)
{
    return 7;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    static const char *names[] = {"DLL_PROCESS_DETACH", "DLL_PROCESS_ATTACH", "DLL_THREAD_ATTACH",
                                  "DLL_THREAD_DETACH"};
    if (reason <= 3) {
        Say("ldrdep: ");
        Say(names[reason]);
        Say(reserved ? " reserved=non-NULL" : " reserved=NULL");
        Say(instance == GetModuleHandleA("ldrdep.dll") ? " instance=module\n" : " instance=WRONG\n");
    }
    return TRUE;
}
