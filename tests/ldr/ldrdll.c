/* ldrdll.dll: loaded at run time by ldrtest.exe. Imports ldrdep.dll;
 * exports by name (LdrAdd, LdrCounter) and by ordinal only (LdrSecret, @7). */
#include <windows.h>

__declspec(dllimport) int LdrDepValue(void);

static void Say(const char *text)
{
    DWORD written, n = 0;
    while (text[n]) {
        n++;
    }
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, n, &written, NULL);
}

int LdrCounter = 100;

int LdrAdd(int a, int b)
{
    return a + b + LdrDepValue() - 7;
}

int LdrSecret(void)
{
    return 0x5EC;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    static const char *names[] = {"DLL_PROCESS_DETACH", "DLL_PROCESS_ATTACH", "DLL_THREAD_ATTACH",
                                  "DLL_THREAD_DETACH"};
    if (reason <= 3) {
        Say("ldrdll: ");
        Say(names[reason]);
        Say(reserved ? " reserved=non-NULL" : " reserved=NULL");
        Say(instance == GetModuleHandleA("ldrdll.dll") ? " instance=module\n" : " instance=WRONG\n");
    }
    return TRUE;
}
