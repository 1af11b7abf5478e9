/* Process, thread and module enumeration: toolhelp snapshots and psapi's
 * functions (under their kernel32 K32 names), over this process and a
 * child. Each CHECK states Windows' answer (MSDN CreateToolhelp32Snapshot,
 * Process32First, Module32First, EnumProcesses, EnumProcessModules,
 * GetModuleBaseName, GetModuleInformation, QueryFullProcessImageName;
 * Wine's dlls/kernel32/tests/toolhelp.c and dlls/psapi/tests/psapi_main.c). */
#define PSAPI_VERSION 2 /* EnumProcesses is kernel32's K32EnumProcesses */
#include <windows.h>
#include <psapi.h>
#include <tlhelp32.h>
#include <stdio.h>
#include <string.h>

static int failures;
#define CHECK(cond, what)                                                      \
    do {                                                                       \
        if (!(cond)) {                                                         \
            printf("FAIL: %s (line %d, error %lu)\n", what, __LINE__, GetLastError()); \
            failures++;                                                        \
        }                                                                      \
    } while (0)

static BOOL HasModule(DWORD pid, const char *name, HMODULE *base)
{
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPMODULE, pid);
    if (snap == INVALID_HANDLE_VALUE) {
        return FALSE;
    }
    MODULEENTRY32 me;
    me.dwSize = sizeof me;
    BOOL found = FALSE;
    for (BOOL ok = Module32First(snap, &me); ok; ok = Module32Next(snap, &me)) {
        if (_stricmp(me.szModule, name) == 0 &&
            me.th32ProcessID == (pid ? pid : GetCurrentProcessId())) {
            found = TRUE;
            if (base) {
                *base = me.hModule;
            }
        }
    }
    CloseHandle(snap);
    return found;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "child") == 0) {
        Sleep(INFINITE); /* until the parent ends it */
        return 0;
    }
    DWORD me = GetCurrentProcessId();
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    char line[64] = "toolhelp.exe child";
    CHECK(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcess");
    Sleep(10); /* the child reaches its Sleep */

    /* Processes: both, with their names, parents and thread counts. */
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS | TH32CS_SNAPTHREAD, 0);
    CHECK(snap != INVALID_HANDLE_VALUE, "CreateToolhelp32Snapshot");
    PROCESSENTRY32 pe;
    pe.dwSize = sizeof pe - 1;
    SetLastError(0xdeadbeef);
    CHECK(!Process32First(snap, &pe) && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "dwSize too small: ERROR_INSUFFICIENT_BUFFER");
    pe.dwSize = sizeof pe;
    int seen_me = 0, seen_child = 0, total = 0;
    for (BOOL ok = Process32First(snap, &pe); ok; ok = Process32Next(snap, &pe)) {
        total++;
        if (pe.th32ProcessID == me) {
            seen_me = _stricmp(pe.szExeFile, "toolhelp.exe") == 0 && pe.cntThreads == 1;
        }
        if (pe.th32ProcessID == pi.dwProcessId) {
            seen_child = _stricmp(pe.szExeFile, "toolhelp.exe") == 0 && pe.cntThreads == 1 &&
                         pe.th32ParentProcessID == me && pe.pcPriClassBase == 8;
        }
    }
    CHECK(GetLastError() == ERROR_NO_MORE_FILES, "the end: ERROR_NO_MORE_FILES");
    CHECK(seen_me && seen_child && total == 2, "this process and the child, by name");
    PROCESSENTRY32W pw;
    pw.dwSize = sizeof pw;
    CHECK(Process32FirstW(snap, &pw) && pw.th32ProcessID == me && wcscmp(pw.szExeFile, L"toolhelp.exe") == 0,
          "Process32FirstW starts again");
    CHECK(Process32NextW(snap, &pw) && pw.th32ProcessID == pi.dwProcessId, "Process32NextW");

    /* Threads: every thread of the machine, with its owner. */
    THREADENTRY32 te;
    te.dwSize = sizeof te;
    int my_thread = 0, child_thread = 0;
    for (BOOL ok = Thread32First(snap, &te); ok; ok = Thread32Next(snap, &te)) {
        my_thread += te.th32OwnerProcessID == me && te.th32ThreadID == GetCurrentThreadId();
        child_thread += te.th32OwnerProcessID == pi.dwProcessId && te.th32ThreadID == pi.dwThreadId;
    }
    CHECK(my_thread == 1 && child_thread == 1, "Thread32First/Next: both threads");
    MODULEENTRY32 mod;
    mod.dwSize = sizeof mod;
    CHECK(!Module32First(snap, &mod) && GetLastError() == ERROR_NO_MORE_FILES,
          "no modules in a process snapshot");
    CHECK(CloseHandle(snap), "CloseHandle(snapshot)");

    /* Modules: this process's (0: the caller) and the child's. */
    HMODULE k32 = NULL;
    CHECK(HasModule(0, "toolhelp.exe", NULL) && HasModule(me, "ntdll.dll", NULL) &&
              HasModule(me, "kernel32.dll", &k32), "this process's modules");
    CHECK(k32 == GetModuleHandleA("kernel32.dll"), "hModule is the base");
    CHECK(HasModule(pi.dwProcessId, "toolhelp.exe", NULL) && HasModule(pi.dwProcessId, "ntdll.dll", NULL),
          "the child's modules");
    snap = CreateToolhelp32Snapshot(TH32CS_SNAPMODULE, 0);
    MODULEENTRY32W mw;
    mw.dwSize = sizeof mw;
    CHECK(Module32FirstW(snap, &mw) && mw.hModule == GetModuleHandleA(NULL) &&
              wcscmp(mw.szModule, L"toolhelp.exe") == 0 && mw.th32ModuleID == 1,
          "the EXE is first");
    WCHAR path[MAX_PATH];
    GetModuleFileNameW(NULL, path, MAX_PATH);
    CHECK(wcscmp(mw.szExePath, path) == 0, "its path is GetModuleFileName's");
    CloseHandle(snap);

    /* psapi: EnumProcesses, EnumProcessModules and the names. */
    DWORD ids[16], needed = 0;
    CHECK(K32EnumProcesses(ids, sizeof ids, &needed) && needed == 2 * sizeof(DWORD) &&
              ids[0] == me && ids[1] == pi.dwProcessId, "EnumProcesses: both");
    CHECK(K32EnumProcesses(ids, sizeof(DWORD), &needed) && needed == sizeof(DWORD),
          "EnumProcesses: the bytes returned");
    HMODULE mods[64];
    CHECK(K32EnumProcessModules(GetCurrentProcess(), mods, sizeof mods, &needed) &&
              needed >= 3 * sizeof(HMODULE) && mods[0] == GetModuleHandleA(NULL), "EnumProcessModules");
    DWORD all = needed;
    CHECK(K32EnumProcessModules(GetCurrentProcess(), mods, sizeof(HMODULE), &needed) && needed == all,
          "EnumProcessModules: the bytes needed for all");
    char name[MAX_PATH];
    CHECK(K32GetModuleBaseNameA(GetCurrentProcess(), k32, name, sizeof name) == 12 &&
              _stricmp(name, "kernel32.dll") == 0, "GetModuleBaseName");
    CHECK(K32GetModuleBaseNameA(GetCurrentProcess(), k32, name, 5) == 4 && strlen(name) == 4,
          "GetModuleBaseName: cut and terminated");
    CHECK(K32GetModuleBaseNameA(GetCurrentProcess(), (HMODULE)0x12340000, name, sizeof name) == 0,
          "GetModuleBaseName: no such module");
    char full[MAX_PATH], own[MAX_PATH];
    GetModuleFileNameA(NULL, own, MAX_PATH);
    CHECK(K32GetModuleFileNameExA(GetCurrentProcess(), NULL, full, MAX_PATH) == strlen(own) &&
              strcmp(full, own) == 0, "GetModuleFileNameEx(NULL): the EXE");
    HANDLE child = OpenProcess(PROCESS_QUERY_INFORMATION | PROCESS_VM_READ, FALSE, pi.dwProcessId);
    CHECK(child != NULL, "OpenProcess(child)");
    CHECK(K32GetModuleFileNameExA(child, NULL, full, MAX_PATH) && strcmp(full, own) == 0,
          "the child's EXE is the same file");
    MODULEINFO info;
    CHECK(K32GetModuleInformation(GetCurrentProcess(), k32, &info, sizeof info) &&
              info.lpBaseOfDll == k32 && info.SizeOfImage > 0x1000 && info.EntryPoint == NULL,
          "GetModuleInformation: base, size, no entry point for kernel32 here");
    CHECK(!K32GetModuleInformation(GetCurrentProcess(), k32, &info, sizeof info - 1) &&
              GetLastError() == ERROR_INSUFFICIENT_BUFFER, "GetModuleInformation: small");

    /* The image's names: Win32 and native. */
    DWORD size = MAX_PATH;
    CHECK(QueryFullProcessImageNameA(child, 0, full, &size) && size == strlen(own) &&
              strcmp(full, own) == 0, "QueryFullProcessImageName");
    size = 3;
    CHECK(!QueryFullProcessImageNameA(child, 0, full, &size) &&
              GetLastError() == ERROR_INSUFFICIENT_BUFFER, "QueryFullProcessImageName: small");
    size = MAX_PATH;
    CHECK(QueryFullProcessImageNameA(GetCurrentProcess(), PROCESS_NAME_NATIVE, full, &size) &&
              strncmp(full, "\\Device\\HarddiskVolume1\\", 24) == 0 && strcmp(full + 23, own + 2) == 0,
          "PROCESS_NAME_NATIVE: the volume's device");
    WCHAR wide[MAX_PATH];
    CHECK(K32GetProcessImageFileNameW(child, wide, MAX_PATH) == size &&
              wcsncmp(wide, L"\\Device\\HarddiskVolume1\\", 24) == 0, "GetProcessImageFileName");
    CHECK(K32GetProcessImageFileNameA(child, full, 4) == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "GetProcessImageFileName: small");

    /* Without PROCESS_VM_READ the modules cannot be read (a handle with
     * fewer rights: DuplicateHandle's; ntmm's NtOpenProcess grants all). */
    HANDLE limited = NULL;
    DuplicateHandle(GetCurrentProcess(), child, GetCurrentProcess(), &limited,
                    PROCESS_QUERY_LIMITED_INFORMATION, FALSE, 0);
    SetLastError(0xdeadbeef);
    CHECK(!K32EnumProcessModules(limited, mods, sizeof mods, &needed) &&
              GetLastError() == ERROR_ACCESS_DENIED, "EnumProcessModules without VM_READ");
    CloseHandle(limited);

    /* The native class under them: NT's length rule, a bad buffer's status. */
    typedef LONG(NTAPI * QUERY)(ULONG, void *, ULONG, ULONG *);
    QUERY query = (QUERY)(void (*)(void))GetProcAddress(GetModuleHandleA("ntdll.dll"),
                                                         "NtQuerySystemInformation");
    ULONG length = 0;
    BYTE small[64];
    CHECK(query(5, small, sizeof small, &length) == (LONG)0xC0000004 && length > 2 * 184,
          "SystemProcessInformation: STATUS_INFO_LENGTH_MISMATCH and the size needed");
    CHECK(query(5, (void *)16, 0x10000, NULL) == (LONG)0xC0000005, "a bad buffer: STATUS_ACCESS_VIOLATION");

    /* psapi.dll: the same functions, forwarded to kernel32's. */
    HMODULE psapi = LoadLibraryA("psapi.dll");
    CHECK(psapi != NULL, "LoadLibrary(psapi.dll)");
    typedef BOOL(WINAPI * ENUM)(DWORD *, DWORD, DWORD *);
    ENUM enum_processes = (ENUM)(void (*)(void))GetProcAddress(psapi, "EnumProcesses");
    CHECK(enum_processes && (FARPROC)(void (*)(void))enum_processes ==
                                GetProcAddress(GetModuleHandleA("kernel32.dll"), "K32EnumProcesses"),
          "EnumProcesses is K32EnumProcesses");
    CHECK(enum_processes && enum_processes(ids, sizeof ids, &needed) && needed == 2 * sizeof(DWORD),
          "psapi!EnumProcesses");
    FreeLibrary(psapi);

    /* A snapshot of a process that has ended lists it no more. */
    TerminateProcess(pi.hProcess, 3);
    WaitForSingleObject(pi.hProcess, INFINITE);
    CHECK(K32EnumProcesses(ids, sizeof ids, &needed) && needed == sizeof(DWORD) && ids[0] == me,
          "an ended process is not listed");
    CloseHandle(child);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    if (failures == 0) {
        printf("toolhelp: ok\n");
    }
    return failures;
}
