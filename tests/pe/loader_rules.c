/*
 * Loader answers of Windows, from Wine's dlls/kernel32/tests/module.c and
 * loader.c:
 *  - LoadLibraryA("kernel32   "): trailing spaces are no part of the
 *    name; the loaded kernel32, last error untouched (testLoadLibraryA);
 *  - GetProcAddress of an address that is no image: NULL with
 *    ERROR_MOD_NOT_FOUND, not a crash (testGetProcAddress_Wrong);
 *  - LdrFindEntryForAddress: the entry of the module holding an address
 *    (its DllBase), STATUS_NO_MORE_ENTRIES outside every module; the entry's
 *    DdagNode (+0x50) is NULL here, no load graph (test_ddag_node's
 *    fallback);
 *  - RtlCreateUnicodeStringFromAsciiz: a counted copy on the process heap;
 *  - DebugActiveProcess of the caller's own process: ERROR_ACCESS_DENIED;
 *    the thread keeps its debug object, so WaitForDebugEvent(0) then times
 *    out, ERROR_SEM_TIMEOUT (loader.c, the DLL_PROCESS_DETACH checks);
 *  - RtlGetUnloadEventTrace: a DLL that FreeLibrary unloaded is in the
 *    trace, with its base and name; RtlGetUnloadEventTraceEx gives the
 *    element count, 64 (exception.c, test_unload_trace).
 */
#include "pe.h"

typedef struct COUNTED_STRING {   /* COUNTED_STRING */
    USHORT Length, MaximumLength;
    WCHAR *Buffer;
} COUNTED_STRING;

typedef struct LDR_ENTRY_HEAD {
    LIST_ENTRY InLoadOrderLinks, InMemoryOrderLinks, InInitializationOrderLinks;
    PVOID DllBase;
} LDR_ENTRY_HEAD;

NTSTATUS NTAPI LdrFindEntryForAddress(const void *address, LDR_ENTRY_HEAD **entry);
BOOLEAN NTAPI RtlCreateUnicodeStringFromAsciiz(COUNTED_STRING *target, const char *source);
void NTAPI RtlFreeUnicodeString(COUNTED_STRING *string);
typedef struct UNLOAD_EVENT {   /* RTL_UNLOAD_EVENT_TRACE */
    PVOID BaseAddress;
    SIZE_T SizeOfImage;
    ULONG Sequence, TimeDateStamp, CheckSum;
    WCHAR ImageName[32];
    ULONG Version[2];
} UNLOAD_EVENT;
UNLOAD_EVENT *NTAPI RtlGetUnloadEventTrace(void);
void NTAPI RtlGetUnloadEventTraceEx(ULONG **element_size, ULONG **element_count, void **event_trace);

static BOOL SameName(const WCHAR *a, const char *b)
{
    while (*a && *a == (WCHAR)(BYTE)*b) {
        a++, b++;
    }
    return *a == 0 && *b == 0;
}

void __cdecl start(void)
{
    HMODULE k32 = GetModuleHandleA("kernel32.dll");
    SetLastError(0xDEADBEEF);
    CHECK_EQ("LoadLibraryA(\"kernel32   \") is kernel32", (DWORD)LoadLibraryA("kernel32   "), (DWORD)k32);
    CHECK_EQ("  last error untouched", GetLastError(), 0xDEADBEEF);
    FreeLibrary(k32);

    SetLastError(0);
    CHECK_EQ("GetProcAddress(0xDEADBEEF, name): NULL",
             (DWORD)GetProcAddress((HMODULE)0xDEADBEEF, "non_ex_call"), 0);
    CHECK_EQ("  ERROR_MOD_NOT_FOUND", GetLastError(), ERROR_MOD_NOT_FOUND);
    static BYTE not_an_image[0x200];
    SetLastError(0);
    CHECK_EQ("GetProcAddress(no MZ): NULL", (DWORD)GetProcAddress((HMODULE)not_an_image, "x"), 0);
    CHECK_EQ("  ERROR_MOD_NOT_FOUND", GetLastError(), ERROR_MOD_NOT_FOUND);

    LDR_ENTRY_HEAD *entry = NULL;
    CHECK_EQ("LdrFindEntryForAddress(GetProcAddress's code)",
             LdrFindEntryForAddress((void *)GetProcAddress(k32, "GetProcAddress"), &entry), 0);
    CHECK_EQ("  kernel32's entry", entry ? (DWORD)entry->DllBase : 0, (DWORD)k32);
    CHECK_EQ("  DdagNode NULL", entry ? *(DWORD *)((BYTE *)entry + 0x50) : 1, 0);
    CHECK_EQ("LdrFindEntryForAddress(the EXE's base)",
             LdrFindEntryForAddress(GetModuleHandleA(NULL), &entry), 0);
    CHECK_EQ("  the EXE's entry", (DWORD)entry->DllBase, (DWORD)GetModuleHandleA(NULL));
    CHECK_EQ("  DdagNode NULL", *(DWORD *)((BYTE *)entry + 0x50), 0);
    CHECK_EQ("LdrFindEntryForAddress(0x10000): STATUS_NO_MORE_ENTRIES",
             LdrFindEntryForAddress((void *)0x10000, &entry), 0x8000001A);

    COUNTED_STRING string;
    CHECK_EQ("RtlCreateUnicodeStringFromAsciiz", RtlCreateUnicodeStringFromAsciiz(&string, "ab c"), TRUE);
    CHECK_EQ("  Length (bytes)", string.Length, 8);
    CHECK_EQ("  MaximumLength (with the NUL)", string.MaximumLength, 10);
    CHECK_EQ("  the characters", string.Buffer[0] == L'a' && string.Buffer[2] == L' ' &&
             string.Buffer[3] == L'c' && string.Buffer[4] == 0, TRUE);
    RtlFreeUnicodeString(&string);

    HMODULE bcrypt = LoadLibraryA("bcrypt.dll");
    CHECK_EQ("LoadLibraryA(bcrypt.dll)", bcrypt != NULL, TRUE);
    FreeLibrary(bcrypt);
    int found = 0;
    for (UNLOAD_EVENT *e = RtlGetUnloadEventTrace(); e->BaseAddress; e++) {
        found += e->BaseAddress == bcrypt && SameName(e->ImageName, "bcrypt.dll");
    }
    CHECK_EQ("the unload trace has bcrypt.dll at its base", found, 1);
    ULONG *size, *count;
    void *trace;
    RtlGetUnloadEventTraceEx(&size, &count, &trace);
    CHECK_EQ("  RtlGetUnloadEventTraceEx: 64 elements", *count, 64);
    CHECK_EQ("  of the element's size", *size, sizeof(UNLOAD_EVENT));
    CHECK_EQ("  the same array", (DWORD)*(void **)trace, (DWORD)RtlGetUnloadEventTrace());

    SetLastError(0);
    CHECK_EQ("DebugActiveProcess(self): FALSE", DebugActiveProcess(GetCurrentProcessId()), FALSE);
    CHECK_EQ("  ERROR_ACCESS_DENIED", GetLastError(), ERROR_ACCESS_DENIED);
    DEBUG_EVENT event;
    SetLastError(0);
    CHECK_EQ("WaitForDebugEvent(0) after it: FALSE", WaitForDebugEvent(&event, 0), FALSE);
    CHECK_EQ("  ERROR_SEM_TIMEOUT", GetLastError(), ERROR_SEM_TIMEOUT);
    Finish();
}
