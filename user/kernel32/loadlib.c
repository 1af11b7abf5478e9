/*
 * LoadLibrary(Ex)A/W and FreeLibrary over ntdll's LdrLoadDll and
 * LdrUnloadDll. A name without a path is searched for as Windows' standard
 * search order (SafeDllSearchMode) has it: the program's directory, the
 * system directory, then the current directory and the PATH directories —
 * the first two the loader knows itself, the rest this file passes as the
 * search path. A name with a path is opened there, through the sandbox
 * (C:\ is the --root directory). LOAD_WITH_ALTERED_SEARCH_PATH makes such
 * a DLL's own directory the first place its imports are looked for;
 * DONT_RESOLVE_DLL_REFERENCES maps it without its imports or DllMain;
 * LOAD_LIBRARY_AS_DATAFILE maps it as an image that never runs and that
 * GetModuleHandle does not see, its handle marked by the low bit as on
 * Windows. The loader's status becomes the Win32 error: a missing DLL
 * ERROR_MOD_NOT_FOUND (126), a missing import ERROR_PROC_NOT_FOUND (127),
 * not a PE image ERROR_BAD_EXE_FORMAT (193), a DllMain returning FALSE
 * ERROR_DLL_INIT_FAILED (1114).
 */
#include "kernel32/kernel32.h"
#include "kernel32/fileapi.h"

#define LDRP_SEARCH_PATH_CHARS 4096

DWORD WINAPI GetCurrentDirectoryW(DWORD length, WCHAR *buffer);
DWORD WINAPI GetFullPathNameW(const WCHAR *name, DWORD length, WCHAR *buffer, WCHAR **file_part);

static BOOL HasPath(const WCHAR *name)
{
    for (; *name; name++) {
        if (*name == '\\' || *name == '/' || *name == ':') {
            return TRUE;
        }
    }
    return FALSE;
}

/* "CURRENT;PATH": the directories searched after the loader's own two. */
static void BuildSearchPath(WCHAR *out, ULONG size)
{
    ULONG n = GetCurrentDirectoryW(size - 1, out);
    if (n >= size - 1) {
        n = 0;
    }
    const WCHAR *e = NtCurrentPeb()->ProcessParameters->Environment;
    while (e && *e) {
        const WCHAR *next = e + wcslen(e) + 1;
        if ((e[0] | 0x20) == 'p' && (e[1] | 0x20) == 'a' && (e[2] | 0x20) == 't' &&
            (e[3] | 0x20) == 'h' && e[4] == '=') {
            for (const WCHAR *v = e + 5; *v && n + 2 < size; v++) {
                if (v == e + 5) {
                    out[n++] = ';';
                }
                out[n++] = *v;
            }
            break;
        }
        e = next;
    }
    out[n] = 0;
}

HMODULE WINAPI LoadLibraryExW(const WCHAR *name, HANDLE file, DWORD flags)
{
    if (file || !name) {
        SetLastError(ERROR_INVALID_PARAMETER);   /* file must be NULL, as Windows requires */
        return NULL;
    }
    WCHAR *search = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0,
                                    LDRP_SEARCH_PATH_CHARS * sizeof(WCHAR));
    if (!search) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    BuildSearchPath(search, LDRP_SEARCH_PATH_CHARS);
    /* A relative path is the current directory's; the loader takes it full. */
    WCHAR *full = NULL;
    if (HasPath(name)) {
        full = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, 1024 * sizeof(WCHAR));
        DWORD n = full ? GetFullPathNameW(name, 1024, full, NULL) : 0;
        if (n && n < 1024) {
            name = full;
        }
    }
    UNICODE_STRING string;
    RtlInitUnicodeString(&string, name);
    /* Trailing spaces are not part of the name: "kernel32   " is kernel32
     * (Wine's kernel32/tests/module.c, testLoadLibraryA). */
    while (string.Length && string.Buffer[string.Length / sizeof(WCHAR) - 1] == L' ') {
        string.Length -= sizeof(WCHAR);
    }
    PVOID base = NULL;
    ULONG ldr_flags = flags;
    NTSTATUS status = LdrLoadDll(search, &ldr_flags, &string, &base);
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, search);
    if (full) {
        RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, full);
    }
    if (status != STATUS_SUCCESS) {
        BaseSetLastNtError(status);
        return NULL;
    }
    return base;
}

HMODULE WINAPI LoadLibraryExA(const char *name, HANDLE file, DWORD flags)
{
    if (!name) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    WCHAR *wide = BaseNameFromAnsi(name);
    if (!wide) {
        return NULL;
    }
    HMODULE module = LoadLibraryExW(wide, file, flags);
    BaseFreeName(wide);
    return module;
}

HMODULE WINAPI LoadLibraryW(const WCHAR *name)
{
    return LoadLibraryExW(name, NULL, 0);
}

HMODULE WINAPI LoadLibraryA(const char *name)
{
    return LoadLibraryExA(name, NULL, 0);
}

BOOL WINAPI FreeLibrary(HMODULE module)
{
    if (!module) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    NTSTATUS status = LdrUnloadDll(module);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

/* The DLL hears of no more threads (ntdll's LdrDisableThreadCalloutsForDll
 * says when it cannot). */
BOOL WINAPI DisableThreadLibraryCalls(HMODULE module)
{
    NTSTATUS status = LdrDisableThreadCalloutsForDll(module);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}
