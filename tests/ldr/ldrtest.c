/*
 * LoadLibrary and FreeLibrary at run time, each answer Windows' own
 * (Microsoft's LoadLibraryEx, FreeLibrary, GetProcAddress and DllMain
 * documentation; Wine's dlls/kernel32/tests/loader.c and module.c). The
 * DLLs say each DllMain call on stdout, so the expected output states the
 * order and the arguments too.
 */
#include "pe.h"

typedef int (*ADD)(int, int);
typedef int (*INT_FN)(void);
typedef int *(*POINTER_FN)(void);
typedef void (*SET_FN)(int);
typedef LONG (*COUNT_FN)(DWORD);

/* The PEB's loader lists, by their offsets (PEB+0x0C: PEB_LDR_DATA). */
static LIST_ENTRY *ListHead(int which)
{
    BYTE *peb;
    __asm__("movl %%fs:0x30, %0" : "=r"(peb));
    BYTE *ldr = *(BYTE **)(peb + 0x0C);
    return (LIST_ENTRY *)(ldr + 0x0C + 8 * which);
}

/* Whether the module at base is on list `which` (0 load, 1 memory, 2 init
 * order), and its position from the end (1: last). */
static int ListPosition(int which, HMODULE base)
{
    LIST_ENTRY *head = ListHead(which);
    int from_end = 1;
    for (LIST_ENTRY *link = head->Blink; link != head; link = link->Blink, from_end++) {
        BYTE *entry = (BYTE *)link - 8 * which;
        if (*(HMODULE *)(entry + 0x18) == base) {
            return from_end;
        }
    }
    return 0;
}

static DWORD FreeState(const void *address)
{
    MEMORY_BASIC_INFORMATION info;
    if (!VirtualQuery(address, &info, sizeof info)) {
        return 0;
    }
    return info.State;
}

static HMODULE tls_dll;

/* GetProcAddress as a data pointer, to cast to the function's own type. */
static void *Proc(HMODULE module, const char *name)
{
    return (void *)GetProcAddress(module, name);
}

static DWORD WINAPI TlsThread(LPVOID parameter)
{
    (void)parameter;
    INT_FN get = (INT_FN)Proc(tls_dll, "LdrTlsGet");
    SET_FN set = (SET_FN)Proc(tls_dll, "LdrTlsSet");
    int first = get();
    set(9);
    return (DWORD)(first * 100 + get());
}

static void ByName(void)
{
    Print("-- beside the program, by name\n");
    CHECK_EQ("GetModuleHandle before LoadLibrary", GetModuleHandleA("ldrdll.dll"), 0);
    HMODULE dll = LoadLibraryA("ldrdll.dll");
    CHECK_EQ("LoadLibrary succeeded", dll != NULL, 1);
    HMODULE dep = GetModuleHandleA("ldrdep.dll");
    CHECK_EQ("its import ldrdep.dll is loaded", dep != NULL, 1);
    CHECK_EQ("GetModuleHandle(\"LDRDLL\") (no extension, any case)", GetModuleHandleA("LDRDLL") == dll, 1);
    ADD add = (ADD)Proc(dll, "LdrAdd");
    CHECK_EQ("GetProcAddress by name, called", add ? add(2, 3) : -1, 5);
    CHECK_EQ("GetProcAddress by ordinal 1 is LdrAdd", Proc(dll, (LPCSTR)1) == (void *)add, 1);
    INT_FN secret = (INT_FN)Proc(dll, (LPCSTR)7);
    CHECK_EQ("ordinal-only export 7, called", secret ? secret() : -1, 0x5EC);
    int *counter = (int *)GetProcAddress(dll, "LdrCounter");
    CHECK_EQ("data export", counter ? *counter : -1, 100);
    SetLastError(0);
    CHECK_EQ("GetProcAddress of a missing name", GetProcAddress(dll, "NoSuchExport"), 0);
    CHECK_EQ("  GetLastError", GetLastError(), ERROR_PROC_NOT_FOUND);
    SetLastError(0);
    CHECK_EQ("GetProcAddress of a missing ordinal", GetProcAddress(dll, (LPCSTR)99), 0);
    CHECK_EQ("  GetLastError", GetLastError(), ERROR_PROC_NOT_FOUND);
    CHECK_EQ("in InLoadOrderModuleList", ListPosition(0, dll) != 0, 1);
    CHECK_EQ("in InMemoryOrderModuleList", ListPosition(1, dll) != 0, 1);
    CHECK_EQ("last in InInitializationOrderModuleList", ListPosition(2, dll), 1);
    CHECK_EQ("its import just before it", ListPosition(2, dep), 2);

    Print("-- reference counts\n");
    CHECK_EQ("LoadLibrary again: the same module", LoadLibraryA("LDRDLL.DLL") == dll, 1);
    CHECK_EQ("FreeLibrary (count 2 -> 1)", FreeLibrary(dll), TRUE);
    CHECK_EQ("  still loaded", GetModuleHandleA("ldrdll.dll") == dll, 1);
    CHECK_EQ("  still callable", add(40, 2), 42);
    CHECK_EQ("FreeLibrary (count 1 -> 0)", FreeLibrary(dll), TRUE);
    SetLastError(0);
    CHECK_EQ("  GetModuleHandle after", GetModuleHandleA("ldrdll.dll"), 0);
    CHECK_EQ("  GetLastError", GetLastError(), ERROR_MOD_NOT_FOUND);
    CHECK_EQ("  its memory is gone: VirtualQuery State", FreeState(dll), MEM_FREE);
    CHECK_EQ("  its unused import went too", GetModuleHandleA("ldrdep.dll"), 0);
    CHECK_EQ("  and its memory", FreeState(dep), MEM_FREE);
    CHECK_EQ("  off InLoadOrderModuleList", ListPosition(0, dll), 0);
    CHECK_EQ("  off InInitializationOrderModuleList", ListPosition(2, dll), 0);
}

static void HandleEx(void)
{
    Print("-- GetModuleHandleEx takes a reference\n");
    HMODULE dll = LoadLibraryA("ldrdll.dll");
    HMODULE got = NULL;
    CHECK_EQ("GetModuleHandleEx(0)", GetModuleHandleExA(0, "ldrdll.dll", &got), TRUE);
    CHECK_EQ("  the module", got == dll, 1);
    CHECK_EQ("GetModuleHandleEx(UNCHANGED_REFCOUNT)",
             GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT, "ldrdll.dll", &got), TRUE);
    CHECK_EQ("FreeLibrary: still loaded (the handle's reference)", FreeLibrary(dll) &&
             GetModuleHandleA("ldrdll.dll") == dll, TRUE);
    CHECK_EQ("FreeLibrary again: unloaded", FreeLibrary(dll) && !GetModuleHandleA("ldrdll.dll"), TRUE);
}

static void Failures_(void)
{
    Print("-- failures\n");
    SetLastError(0);
    CHECK_EQ("LoadLibrary of a missing DLL", LoadLibraryA("nosuch.dll"), 0);
    CHECK_EQ("  GetLastError", GetLastError(), ERROR_MOD_NOT_FOUND);
    SetLastError(0);
    CHECK_EQ("LoadLibrary of a DLL with a missing import", LoadLibraryA("ldrnoexp.dll"), 0);
    CHECK_EQ("  GetLastError", GetLastError(), ERROR_PROC_NOT_FOUND);
    CHECK_EQ("  nothing of it stays loaded", GetModuleHandleA("ldrdep.dll"), 0);
    SetLastError(0);
    CHECK_EQ("LoadLibrary of a file that is not a PE image", LoadLibraryA("notpe.dll"), 0);
    CHECK_EQ("  GetLastError", GetLastError(), ERROR_BAD_EXE_FORMAT);
    SetLastError(0);
    CHECK_EQ("LoadLibrary of a DLL whose DllMain fails", LoadLibraryA("ldrfail.dll"), 0);
    CHECK_EQ("  GetLastError", GetLastError(), ERROR_DLL_INIT_FAILED);
    CHECK_EQ("  unloaded", GetModuleHandleA("ldrfail.dll"), 0);
    SetLastError(0);
    CHECK_EQ("LoadLibraryEx with a file handle", LoadLibraryExA("ldrdll.dll", (HANDLE)4, 0), 0);
    CHECK_EQ("  GetLastError", GetLastError(), ERROR_INVALID_PARAMETER);
}

static void Tls(void)
{
    Print("-- static TLS of a DLL loaded at run time\n");
    tls_dll = LoadLibraryA("ldrtls.dll");
    CHECK_EQ("LoadLibrary(ldrtls.dll)", tls_dll != NULL, 1);
    if (!tls_dll) {
        return;
    }
    INT_FN get = (INT_FN)Proc(tls_dll, "LdrTlsGet");
    SET_FN set = (SET_FN)Proc(tls_dll, "LdrTlsSet");
    COUNT_FN count = (COUNT_FN)Proc(tls_dll, "LdrTlsCallbacks");
    CHECK_EQ("the TLS callback heard DLL_PROCESS_ATTACH", count(DLL_PROCESS_ATTACH), 1);
    CHECK_EQ("this thread's variable starts as the template", get(), 42);
    set(5);
    HANDLE thread = CreateThread(NULL, 0, TlsThread, NULL, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    DWORD code = 0;
    GetExitCodeThread(thread, &code);
    CloseHandle(thread);
    CHECK_EQ("a new thread's copy: 42, then its own 9", code, 42 * 100 + 9);
    CHECK_EQ("this thread's copy unchanged", get(), 5);
    CHECK_EQ("the TLS callback heard DLL_THREAD_ATTACH", count(DLL_THREAD_ATTACH), 1);
    CHECK_EQ("the TLS callback heard DLL_THREAD_DETACH", count(DLL_THREAD_DETACH), 1);
    CHECK_EQ("FreeLibrary(ldrtls.dll)", FreeLibrary(tls_dll), TRUE);
}

static void Relocated(void)
{
    Print("-- a DLL whose base is taken\n");
    void *taken = VirtualAlloc((void *)0x12340000, 0x10000, MEM_RESERVE, PAGE_NOACCESS);
    CHECK_EQ("reserved its preferred base first", (DWORD)taken, 0x12340000);
    HMODULE dll = LoadLibraryA("ldrreloc.dll");
    CHECK_EQ("LoadLibrary succeeded", dll != NULL, 1);
    if (!dll) {
        return;
    }
    CHECK_EQ("  somewhere else", dll != (HMODULE)0x12340000, 1);
    INT_FN check = (INT_FN)Proc(dll, "LdrRelocCheck");
    POINTER_FN target = (POINTER_FN)Proc(dll, "LdrRelocTarget");
    CHECK_EQ("  its relocated data pointer is right", check(), 1);
    CHECK_EQ("  its data is inside the new image", (BYTE *)target() > (BYTE *)dll &&
             (BYTE *)target() < (BYTE *)dll + 0x100000, 1);
    CHECK_EQ("FreeLibrary", FreeLibrary(dll), TRUE);
    VirtualFree(taken, 0, MEM_RELEASE);
}

static void Paths(void)
{
    Print("-- full paths, the search order and the flags\n");
    SetLastError(0);
    CHECK_EQ("C:\\sub\\ldrsub.dll, its import not on the search path", LoadLibraryA("C:\\sub\\ldrsub.dll"), 0);
    CHECK_EQ("  GetLastError", GetLastError(), ERROR_MOD_NOT_FOUND);
    HMODULE sub = LoadLibraryExA("C:\\sub\\ldrsub.dll", NULL, LOAD_WITH_ALTERED_SEARCH_PATH);
    CHECK_EQ("with LOAD_WITH_ALTERED_SEARCH_PATH", sub != NULL, 1);
    INT_FN value = sub ? (INT_FN)Proc(sub, "LdrSubValue") : NULL;
    CHECK_EQ("  called", value ? value() : -1, 42);
    CHECK_EQ("  by its full path again: the same module", LoadLibraryA("c:/SUB/ldrsub.dll") == sub, 1);
    FreeLibrary(sub);
    CHECK_EQ("FreeLibrary twice: gone, and its import", FreeLibrary(sub) &&
             !GetModuleHandleA("ldrsub.dll") && !GetModuleHandleA("ldrsubdep.dll"), TRUE);
    SetLastError(0);
    CHECK_EQ("a DLL only in another directory", LoadLibraryA("ldrsubdep.dll"), 0);
    CHECK_EQ("  GetLastError", GetLastError(), ERROR_MOD_NOT_FOUND);
    SetCurrentDirectoryA("C:\\sub");
    HMODULE dep = LoadLibraryA("ldrsubdep.dll");
    CHECK_EQ("  found once it is the current directory", dep != NULL, 1);
    FreeLibrary(dep);
    SetCurrentDirectoryA("C:\\");
    SetLastError(0);
    CHECK_EQ("a path outside the root", LoadLibraryA("C:\\..\\..\\ldrdll.dll"), 0);

    HMODULE data = LoadLibraryExA("ldrdll.dll", NULL, LOAD_LIBRARY_AS_DATAFILE);
    CHECK_EQ("LOAD_LIBRARY_AS_DATAFILE: a handle with the low bit set", (DWORD)data & 3, 1);
    CHECK_EQ("  the image is there: MZ", *(WORD *)((DWORD)data & ~3u), 0x5A4D);
    CHECK_EQ("  GetModuleHandle does not see it", GetModuleHandleA("ldrdll.dll"), 0);
    CHECK_EQ("  its imports are not loaded", GetModuleHandleA("ldrdep.dll"), 0);
    CHECK_EQ("  FreeLibrary", FreeLibrary(data), TRUE);
    CHECK_EQ("  unmapped", FreeState((void *)((DWORD)data & ~3u)), MEM_FREE);

    HMODULE loaded = LoadLibraryA("ldrdep.dll");
    CHECK_EQ("LOAD_LIBRARY_AS_DATAFILE of a loaded module: that module",
             LoadLibraryExA("ldrdep.dll", NULL, LOAD_LIBRARY_AS_DATAFILE) == loaded, 1);
    CHECK_EQ("  a reference: loaded after one FreeLibrary", FreeLibrary(loaded) &&
             GetModuleHandleA("ldrdep.dll") == loaded, TRUE);
    CHECK_EQ("  unloaded after the second", FreeLibrary(loaded) && !GetModuleHandleA("ldrdep.dll"), TRUE);

    HMODULE raw = LoadLibraryExA("ldrdll.dll", NULL, DONT_RESOLVE_DLL_REFERENCES);
    CHECK_EQ("DONT_RESOLVE_DLL_REFERENCES: loaded", raw != NULL, 1);
    CHECK_EQ("  its imports are not", GetModuleHandleA("ldrdep.dll"), 0);
    CHECK_EQ("  GetModuleHandle sees it", GetModuleHandleA("ldrdll.dll") == raw, 1);
    CHECK_EQ("  FreeLibrary", FreeLibrary(raw), TRUE);
}

int main(void)
{
    ByName();
    HandleEx();
    Failures_();
    Tls();
    Relocated();
    Paths();
    Print(Failures ? "FAILED\n" : "all passed\n");
    return Failures ? 1 : 0;
}
