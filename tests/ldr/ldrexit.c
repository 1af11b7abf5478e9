/*
 * ldrexit.exe SCENARIO: how a process ends, and what its DLLs hear. It
 * loads exitdll.dll (exitdll.c) and with it exitdep.dll, which it
 * imports; their TLS callback, DllMains, atexit handler and printf each
 * write a line. It ends as SCENARIO says; the tests compare the lines, in
 * order, and the exit status with Windows'.
 *
 * What Windows does, and where it is written:
 *  - ExitProcess is RtlExitUserProcess: the other threads are ended first
 *    (NtTerminateProcess(NULL)), then LdrShutdownProcess tells each DLL
 *    whose DllMain succeeded DLL_PROCESS_DETACH, in the reverse order of
 *    initialization, its TLS callbacks before its entry point, then the
 *    program's own TLS callbacks (ReactOS's and Wine's LdrShutdownProcess;
 *    Wine's kernel32 test_ExitProcess): here exitdll.dll, then exitdep.dll,
 *    which it imports, then msvcrt.dll, then ldrexit.exe's callback.
 *  - lpReserved is non-NULL when the process is terminating and NULL after
 *    FreeLibrary (Microsoft's DllMain documentation).
 *  - A thread ended by ExitProcess runs no more code: no DLL_THREAD_DETACH
 *    for it (Microsoft's ExitProcess documentation, steps 1 to 3); by DLL_PROCESS_DETACH it has ended with ExitProcess's code
 *    (test_ExitProcess phase 1 expects the threads' exit code 195 there).
 *  - mingw's DLL runtime runs the DLL's atexit handlers after its DllMain
 *    at DLL_PROCESS_DETACH; msvcrt.dll, initialized before the DLLs that
 *    import it, hears after them and flushes its streams (Wine's msvcrt
 *    DllMain: _flushall at DLL_PROCESS_DETACH) — so a DLL's printf there
 *    still comes out, after the DLL's own direct writes.
 *  - exit() runs the program's atexit handlers before ExitProcess.
 *  - Once NtTerminateProcess(NULL) has run, CreateThread fails with
 *    ERROR_ACCESS_DENIED (test_ExitProcess, Windows 7 and later).
 *  - TerminateProcess, even of the calling process, tells no DLL ("DLLs
 *    attached to the process are not notified", the remarks of Microsoft's
 *    older TerminateProcess page).
 *  - A DllMain that calls ExitProcess in DLL_PROCESS_DETACH: shutdown runs
 *    once (NT's LdrShutdownProcess: "only unload once! DllTerm routines
 *    might call exit process"), so the process ends at once with the inner
 *    code and the DLLs not yet told are not; called from FreeLibrary's
 *    detach, the DLL is not told twice and the exit code is the inner one
 *    (test_ExitProcess phase 2: FreeLibrary, then ExitProcess(197) in
 *    DLL_PROCESS_DETACH, exit code 197).
 *  - An exception a DLL_PROCESS_DETACH handler does not catch ends that
 *    call only; the next module is told (ReactOS's LdrShutdownProcess wraps
 *    each call in an __except(EXCEPTION_EXECUTE_HANDLER)).
 *  - ExitThread of the last thread ends the process as ExitProcess does,
 *    DLL_PROCESS_DETACH included (RtlExitUserThread: ThreadAmILastThread).
 *  - A C++ DLL's static objects are destroyed at its DLL_PROCESS_DETACH,
 *    process exit included (exitcxx.cpp): scenario cxx runs a child that
 *    loads exitcxx.dll and calls ExitProcess, then prints what the
 *    object's constructor and destructor wrote to exitcxx.txt.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

enum { PLAIN, EXIT_IN_DETACH, FAULT_IN_DETACH };
typedef void (*EXIT_DLL_MODE)(int mode, HANDLE watched);
static EXIT_DLL_MODE SetMode;

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
        Say("ldrexit TLS callback: DLL_PROCESS_DETACH\r\n");
    }
}
PIMAGE_TLS_CALLBACK ldrexit_callback __attribute__((section(".CRT$XLB"), used)) = TlsCallback;

static void AtExit(void)
{
    Say("ldrexit atexit handler\r\n");
}

static HANDLE Started;

static DWORD WINAPI Spinner(void *parameter)
{
    (void)parameter;
    SetEvent(Started);
    for (;;) {
        Sleep(10);
    }
    return 0;
}

static DWORD WINAPI Survivor(void *parameter)
{
    (void)parameter;
    WaitForSingleObject(Started, INFINITE);
    Sleep(50);
    Say("ldrexit: the last thread returns 9\r\n");
    return 9;
}

/* The child loads exitcxx.dll and ends; the parent shows what its static
 * object wrote. */
static int CxxScenario(BOOL child)
{
    if (child) {
        HMODULE cxx = LoadLibraryA("exitcxx.dll");
        ExitProcess(cxx && GetProcAddress(cxx, "ExitCxxAnswer") ? 0 : 100);
    }
    DeleteFileA("exitcxx.txt");
    Say("ldrexit: a child loads exitcxx.dll and calls ExitProcess(0)\r\n");
    char line[64];
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    strcpy(line, "ldrexit.exe cxx-child");
    DWORD code = 100;
    if (CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
        WaitForSingleObject(pi.hProcess, INFINITE);
        GetExitCodeProcess(pi.hProcess, &code);
        CloseHandle(pi.hThread);
        CloseHandle(pi.hProcess);
    }
    snprintf(line, sizeof line, "ldrexit: the child's exit code %lu; exitcxx.txt:\r\n", code);
    Say(line);
    HANDLE file = CreateFileA("exitcxx.txt", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    char text[256];
    DWORD n = 0;
    if (file == INVALID_HANDLE_VALUE || !ReadFile(file, text, sizeof text - 1, &n, NULL)) {
        Say("FAIL: no exitcxx.txt\r\n");
        return 100;
    }
    CloseHandle(file);
    text[n] = 0;
    for (char *at = text, *end; *at; at = end + 1) {   /* its lines, as CR LF lines */
        end = strchr(at, '\n');
        if (!end) {
            break;
        }
        *end = 0;
        Say(at);
        Say("\r\n");
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *scenario = argc > 1 ? argv[1] : "";
    if (!strncmp(scenario, "cxx", 3)) {
        return CxxScenario(!strcmp(scenario, "cxx-child"));
    }
    HMODULE dll = LoadLibraryA("exitdll.dll");
    SetMode = dll ? (EXIT_DLL_MODE)(void (*)(void))GetProcAddress(dll, "ExitDllMode") : NULL;
    if (!SetMode) {
        Say("FAIL: exitdll.dll\r\n");
        return 100;
    }
    if (!strcmp(scenario, "return")) {
        /* main returns: exit(3) — atexit, then ExitProcess. (Only exit
         * runs the program's atexit handlers; whether msvcrt.dll's own
         * DLL_PROCESS_DETACH would is not asked of it elsewhere.) */
        atexit(AtExit);
        Say("ldrexit: main returns 3\r\n");
        return 3;
    }
    if (!strcmp(scenario, "thread")) {
        /* A thread still running when ExitProcess is called. */
        Started = CreateEventA(NULL, TRUE, FALSE, NULL);
        HANDLE thread = CreateThread(NULL, 0, Spinner, NULL, 0, NULL);
        WaitForSingleObject(Started, INFINITE);
        SetMode(PLAIN, thread);
        Say("ldrexit: ExitProcess(4) with a second thread running\r\n");
        ExitProcess(4);
    }
    if (!strcmp(scenario, "terminate")) {
        Say("ldrexit: TerminateProcess(GetCurrentProcess(), 5)\r\n");
        TerminateProcess(GetCurrentProcess(), 5);
        Say("FAIL: TerminateProcess returned\r\n");
        return 100;
    }
    if (!strcmp(scenario, "freelibrary")) {
        Say("ldrexit: FreeLibrary\r\n");
        FreeLibrary(dll);
        Say("ldrexit: ExitProcess(6)\r\n");
        ExitProcess(6);
    }
    if (!strcmp(scenario, "exit-in-detach")) {
        SetMode(EXIT_IN_DETACH, NULL);
        Say("ldrexit: ExitProcess(6)\r\n");
        ExitProcess(6);
    }
    if (!strcmp(scenario, "freelibrary-exit")) {
        SetMode(EXIT_IN_DETACH, NULL);
        Say("ldrexit: FreeLibrary\r\n");
        FreeLibrary(dll);
        Say("FAIL: FreeLibrary returned\r\n");
        return 100;
    }
    if (!strcmp(scenario, "fault-in-detach")) {
        SetMode(FAULT_IN_DETACH, NULL);
        Say("ldrexit: ExitProcess(6)\r\n");
        ExitProcess(6);
    }
    if (!strcmp(scenario, "exitthread")) {
        /* The main thread leaves first; the other one is the last. */
        Started = CreateEventA(NULL, TRUE, FALSE, NULL);
        CloseHandle(CreateThread(NULL, 0, Survivor, NULL, 0, NULL));
        Say("ldrexit: ExitThread(0) in the main thread\r\n");
        SetEvent(Started);
        ExitThread(0);
    }
    Say("FAIL: no such scenario\r\n");
    return 100;
}
