/*
 * Module names and the small calls around modules and debugging:
 * GetModuleFileNameA/W (the loader's full name of the module: the EXE's
 * path as the process parameters give it, a DLL's under C:\Windows\system32
 * or beside the EXE), GetModuleHandleExA/W, DebugBreak (OutputDebugStringA/W: debugger.c).
 */
#include "kernel32/kernel32.h"

#define ERROR_INSUFFICIENT_BUFFER 122
#define GET_MODULE_HANDLE_EX_FLAG_PIN 0x1
#define GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT 0x2
#define GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS 0x4
#define CP_ACP 0
#define LDRP_PIN_MODULE 0x80000000u /* ntdll LdrLoadDll: pin the module */

static LDR_DATA_TABLE_ENTRY *FindModule(HMODULE module)
{
    PEB *peb = NtCurrentPeb();
    if (!module) {
        module = peb->ImageBaseAddress;
    }
    LIST_ENTRY *head = &peb->Ldr->InLoadOrderModuleList;
    for (LIST_ENTRY *link = head->Flink; link != head; link = link->Flink) {
        LDR_DATA_TABLE_ENTRY *entry = (LDR_DATA_TABLE_ENTRY *)link;
        if (entry->DllBase == module) {
            return entry;
        }
    }
    return NULL;
}

/* The module's full name; for the EXE, the image path of the process. */
static const UNICODE_STRING *FullName(HMODULE module)
{
    PEB *peb = NtCurrentPeb();
    if (!module || module == peb->ImageBaseAddress) {
        return &peb->ProcessParameters->ImagePathName;
    }
    LDR_DATA_TABLE_ENTRY *entry = FindModule(module);
    return entry ? &entry->FullDllName : NULL;
}

/* As Windows: a name cut to fit (size - 1 characters and the terminator)
 * returns size with ERROR_INSUFFICIENT_BUFFER. */
DWORD WINAPI GetModuleFileNameW(HMODULE module, WCHAR *buffer, DWORD size)
{
    const UNICODE_STRING *name = FullName(module);
    if (!name) {
        SetLastError(ERROR_MOD_NOT_FOUND);
        return 0;
    }
    DWORD length = name->Length / 2;
    if (size == 0) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    if (length >= size) {
        memcpy(buffer, name->Buffer, (size - 1) * sizeof(WCHAR));
        buffer[size - 1] = 0;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return size;
    }
    memcpy(buffer, name->Buffer, length * sizeof(WCHAR));
    buffer[length] = 0;
    SetLastError(0);
    return length;
}

DWORD WINAPI GetModuleFileNameA(HMODULE module, char *buffer, DWORD size)
{
    WCHAR wide[1024];
    DWORD n = GetModuleFileNameW(module, wide, 1024);
    if (n == 0) {
        return 0;
    }
    char narrow[2048];
    int bytes = WideCharToMultiByte(CP_ACP, 0, wide, (int)n, narrow, sizeof narrow, NULL, NULL);
    if (bytes < 0) {
        bytes = 0;
    }
    if (size == 0) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    if ((DWORD)bytes >= size) {
        memcpy(buffer, narrow, size - 1);
        buffer[size - 1] = 0;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return size;
    }
    memcpy(buffer, narrow, (size_t)bytes);
    buffer[bytes] = 0;
    SetLastError(0);
    return (DWORD)bytes;
}

static BOOL HandleEx(DWORD flags, HMODULE found, HMODULE *module)
{
    if (!module) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if ((flags & GET_MODULE_HANDLE_EX_FLAG_PIN) && (flags & GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT)) {
        *module = NULL;
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *module = found;
    if (!found) {
        SetLastError(ERROR_MOD_NOT_FOUND);
        return FALSE;
    }
    /* As Windows: one more reference (FreeLibrary gives it back) unless
     * UNCHANGED_REFCOUNT; PIN keeps the module until the process ends.
     * Modules loaded with the process are pinned already. */
    LDR_DATA_TABLE_ENTRY *entry = FindModule(found);
    if (!(flags & GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT) && entry &&
        entry->LoadCount != 0xFFFF) {
        ULONG ldr_flags = (flags & GET_MODULE_HANDLE_EX_FLAG_PIN) ? LDRP_PIN_MODULE : 0;
        PVOID base;
        LdrLoadDll(NULL, &ldr_flags, &entry->FullDllName, &base);
    }
    return TRUE;
}

/* The module whose image holds the address. */
static HMODULE ModuleOfAddress(const void *address)
{
    PEB *peb = NtCurrentPeb();
    LIST_ENTRY *head = &peb->Ldr->InLoadOrderModuleList;
    for (LIST_ENTRY *link = head->Flink; link != head; link = link->Flink) {
        LDR_DATA_TABLE_ENTRY *entry = (LDR_DATA_TABLE_ENTRY *)link;
        ULONG_PTR base = (ULONG_PTR)entry->DllBase;
        if ((ULONG_PTR)address >= base && (ULONG_PTR)address < base + entry->SizeOfImage) {
            return entry->DllBase;
        }
    }
    return NULL;
}

BOOL WINAPI GetModuleHandleExW(DWORD flags, const WCHAR *name, HMODULE *module)
{
    HMODULE found = (flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS) ? ModuleOfAddress(name)
                                                                     : GetModuleHandleW(name);
    return HandleEx(flags, found, module);
}

BOOL WINAPI GetModuleHandleExA(DWORD flags, const char *name, HMODULE *module)
{
    HMODULE found = (flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS) ? ModuleOfAddress(name)
                                                                     : GetModuleHandleA(name);
    return HandleEx(flags, found, module);
}

BOOL WINAPI IsDebuggerPresent(void) { return NtCurrentPeb()->BeingDebugged; }

/* DebugBreak: int 3, a STATUS_BREAKPOINT exception for the program's handlers. */
void WINAPI DebugBreak(void)
{
    __asm__ volatile("int3");
}
