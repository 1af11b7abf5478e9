/*
 * exitdll.dll: what a DLL hears when its process ends (ldrexit.c drives
 * it). It imports exitdep.dll, which is initialized before it and so hears
 * DLL_PROCESS_DETACH after it. Its TLS callback, its DllMain, an atexit handler of its own (mingw's
 * DLL runtime keeps a DLL's atexit list and runs it at DLL_PROCESS_DETACH,
 * after DllMain) and one printf each write a line; the rest are written
 * straight to the standard output handle, so their order is the order of
 * the calls. What DLL_PROCESS_DETACH does besides is set by ExitDllMode.
 */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

enum { PLAIN, EXIT_IN_DETACH, FAULT_IN_DETACH };
static int Mode;
static HANDLE Watched;      /* a thread whose state DLL_PROCESS_DETACH reports */
static LONG ThreadDetaches;

static void Say(const char *text)
{
    DWORD written;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, (DWORD)strlen(text), &written, NULL);
}

static void NTAPI TlsCallback(PVOID instance, DWORD reason, PVOID reserved)
{
    (void)instance;
    (void)reserved;
    if (reason == DLL_PROCESS_DETACH) {
        Say("exitdll TLS callback: DLL_PROCESS_DETACH\r\n");
    }
}
PIMAGE_TLS_CALLBACK exitdll_callback __attribute__((section(".CRT$XLB"), used)) = TlsCallback;

static DWORD WINAPI NoThread(void *parameter)
{
    (void)parameter;
    Say("FAIL: a thread started during process shutdown\r\n");
    return 0;
}

static void AtExit(void)
{
    Say("exitdll atexit handler\r\n");
}

int ExitDepAnswer(void);   /* exitdep.dll */

__declspec(dllexport) void ExitDllMode(int mode, HANDLE watched)
{
    Mode = mode + ExitDepAnswer() - 42;
    Watched = watched;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)instance;
    char line[160];
    switch (reason) {
    case DLL_PROCESS_ATTACH:
        Say("exitdll DllMain: DLL_PROCESS_ATTACH\r\n");
        atexit(AtExit);
        break;
    case DLL_THREAD_DETACH:
        InterlockedIncrement(&ThreadDetaches);
        break;
    case DLL_PROCESS_DETACH:
        snprintf(line, sizeof line, "exitdll DllMain: DLL_PROCESS_DETACH, lpReserved %s, %ld DLL_THREAD_DETACH\r\n",
                 reserved ? "non-NULL" : "NULL", ThreadDetaches);
        Say(line);
        if (Watched) {
            DWORD code = 0;
            GetExitCodeThread(Watched, &code);
            snprintf(line, sizeof line, "exitdll DllMain: the other thread %s, exit code %lu\r\n",
                     WaitForSingleObject(Watched, 0) == WAIT_OBJECT_0 ? "has ended" : "still runs",
                     code);
            Say(line);
        }
        if (reserved) {
            /* The process is ending: no new thread (Wine's test_ExitProcess,
             * Windows 7 and later: ERROR_ACCESS_DENIED). */
            HANDLE thread = CreateThread(NULL, 0, NoThread, NULL, 0, NULL);
            snprintf(line, sizeof line, "exitdll DllMain: CreateThread %s, error %lu\r\n",
                     thread ? "succeeds" : "fails", thread ? 0 : GetLastError());
            Say(line);
        }
        /* Buffered by msvcrt (stdout is a file): out when msvcrt.dll, which
         * was initialized before this DLL, hears DLL_PROCESS_DETACH. */
        printf("exitdll DllMain: printf in DLL_PROCESS_DETACH\n");
        if (Mode == EXIT_IN_DETACH) {
            Say("exitdll DllMain: ExitProcess(7)\r\n");
            ExitProcess(7);
        }
        if (Mode == FAULT_IN_DETACH) {
            Say("exitdll DllMain: writing to NULL\r\n");
            *(volatile int *)0 = 1;
            Say("FAIL: the write did not fault\r\n");
        }
        break;
    }
    return TRUE;
}
