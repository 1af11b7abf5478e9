/*
 * Processes and their modules, as psapi and toolhelp see them: the
 * machine's process list comes from NtQuerySystemInformation
 * (SystemProcessInformation); a process's modules are read out of its
 * address space — its PEB's loader list, InLoadOrderModuleList — with
 * NtReadVirtualMemory, as Windows' psapi does, so another process's
 * modules need a handle with PROCESS_VM_READ. The EXE's full name is the
 * process parameters' ImagePathName (GetModuleFileName's answer).
 * psapi's functions are exported under their kernel32 names (K32*), and
 * QueryFullProcessImageName with them.
 */
#include "kernel32/kernel32.h"

#define SystemProcessInformation 5u
#define ProcessBasicInformation 0u
#define PROCESS_NAME_NATIVE 0x1u
#define LIST_MODULES_ALL 0x3u
#define BASE_MAX_MODULES 1024u /* a broken loader list ends here */
#define STATUS_PARTIAL_COPY ((NTSTATUS)0x8000000DL)
#define STATUS_INFO_LENGTH_MISMATCH ((NTSTATUS)0xC0000004L)

static const WCHAR volume_device[] = L"\\Device\\HarddiskVolume1"; /* C: */

static NTSTATUS Read(HANDLE process, ULONG va, void *buffer, ULONG size)
{
    SIZE_T done = 0;
    NTSTATUS status = NtReadVirtualMemory(process, (const void *)va, buffer, size, &done);
    return NT_SUCCESS(status) && done != size ? STATUS_PARTIAL_COPY : status;
}

/* A UNICODE_STRING of the process's, as characters (at most chars - 1). */
static ULONG ReadName(HANDLE process, const UNICODE_STRING *name, WCHAR *out, ULONG chars)
{
    ULONG n = name->Length / 2;
    if (n >= chars) {
        n = chars - 1;
    }
    if (n && !NT_SUCCESS(Read(process, (ULONG)name->Buffer, out, n * 2))) {
        n = 0;
    }
    out[n] = 0;
    return n;
}

NTSTATUS BaseEnumProcessModules(HANDLE process, BASE_MODULE_CALLBACK each, void *context)
{
    ULONG basic[6];
    NTSTATUS status = NtQueryInformationProcess(process, ProcessBasicInformation, basic,
                                                sizeof basic, NULL);
    ULONG peb[5]; /* Reserved, Mutant, ImageBaseAddress, Ldr, ProcessParameters */
    if (NT_SUCCESS(status)) {
        status = Read(process, basic[1], peb, sizeof peb);
    }
    if (NT_SUCCESS(status) && !peb[3]) {
        status = STATUS_PARTIAL_COPY; /* no loader data yet: a process just created */
    }
    if (!NT_SUCCESS(status)) {
        return status;
    }
    ULONG head = peb[3] + 0x0C; /* PEB_LDR_DATA.InLoadOrderModuleList */
    ULONG link;
    status = Read(process, head, &link, sizeof link);
    for (ULONG n = 0; NT_SUCCESS(status) && link != head && n < BASE_MAX_MODULES; n++) {
        LDR_DATA_TABLE_ENTRY entry;
        status = Read(process, link, &entry, sizeof entry);
        if (!NT_SUCCESS(status)) {
            break;
        }
        BASE_MODULE module;
        module.Base = entry.DllBase;
        module.EntryPoint = entry.EntryPoint;
        module.Size = entry.SizeOfImage;
        ReadName(process, &entry.BaseDllName, module.BaseName, MAX_PATH);
        UNICODE_STRING image;
        if ((ULONG)entry.DllBase == peb[2] &&
            NT_SUCCESS(Read(process, peb[4] + 0x38, &image, sizeof image))) {
            ReadName(process, &image, module.FullName, MAX_PATH); /* ImagePathName */
        } else {
            ReadName(process, &entry.FullDllName, module.FullName, MAX_PATH);
        }
        if (!each(&module, context)) {
            break;
        }
        link = (ULONG)entry.InLoadOrderLinks.Flink;
    }
    return status;
}

void *BaseQueryProcessList(void)
{
    ULONG size = 0x4000;
    for (;;) {
        void *buffer = RtlAllocateHeap(GetProcessHeap(), 0, size);
        if (!buffer) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
        ULONG needed = 0;
        NTSTATUS status = NtQuerySystemInformation(SystemProcessInformation, buffer, size, &needed);
        if (NT_SUCCESS(status)) {
            return buffer;
        }
        RtlFreeHeap(GetProcessHeap(), 0, buffer);
        if (status != STATUS_INFO_LENGTH_MISMATCH) {
            BaseSetLastNtError(status);
            return NULL;
        }
        size = needed > size ? needed : 2 * size;
    }
}

BOOL WINAPI K32EnumProcesses(DWORD *ids, DWORD bytes, DWORD *needed)
{
    BYTE *list = BaseQueryProcessList();
    if (!list) {
        return FALSE;
    }
    DWORD n = 0;
    for (BYTE *p = list;; p += *(ULONG *)p) {
        if ((n + 1) * sizeof(DWORD) <= bytes) {
            ids[n] = *(ULONG *)(p + 68); /* UniqueProcessId */
        }
        n++;
        if (!*(ULONG *)p) {
            break;
        }
    }
    RtlFreeHeap(GetProcessHeap(), 0, list);
    DWORD written = n * sizeof(DWORD) <= bytes ? n * sizeof(DWORD) : bytes / sizeof(DWORD) * sizeof(DWORD);
    *needed = written; /* psapi: the bytes returned in ids */
    return TRUE;
}

typedef struct MODULE_LIST {
    HMODULE *Modules;
    DWORD Capacity, Count;
    BOOL Fault;          /* the caller's array could not be written */
} MODULE_LIST;

/* The caller's buffers are the caller's: one that cannot be written is
 * ERROR_NOACCESS, as Windows' psapi answers (the entries before it, and
 * the modules before a bad needed, are written). */
static BOOL AddModule(const BASE_MODULE *module, void *context)
{
    MODULE_LIST *list = context;
    if (list->Count < list->Capacity && !list->Fault) {
        HMODULE *slot = &list->Modules[list->Count];
        if (IsBadWritePtr(slot, sizeof *slot)) {
            list->Fault = TRUE;
        } else {
            *slot = module->Base;
        }
    }
    list->Count++;
    return TRUE;
}

BOOL WINAPI K32EnumProcessModulesEx(HANDLE process, HMODULE *modules, DWORD bytes, DWORD *needed,
                                    DWORD filter)
{
    if (filter > LIST_MODULES_ALL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    MODULE_LIST list = {modules, bytes / sizeof(HMODULE), 0, FALSE};
    NTSTATUS status = BaseEnumProcessModules(process, AddModule, &list);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    if (list.Fault || IsBadWritePtr(needed, sizeof *needed)) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    *needed = list.Count * sizeof(HMODULE); /* all of them, for the caller's next try */
    return TRUE;
}

BOOL WINAPI K32EnumProcessModules(HANDLE process, HMODULE *modules, DWORD bytes, DWORD *needed)
{
    return K32EnumProcessModulesEx(process, modules, bytes, needed, LIST_MODULES_ALL);
}

typedef struct MODULE_SEARCH {
    HMODULE Module;      /* NULL: the EXE, the first in load order */
    BASE_MODULE Found;
    BOOL Done;
} MODULE_SEARCH;

static BOOL MatchModule(const BASE_MODULE *module, void *context)
{
    MODULE_SEARCH *search = context;
    if (!search->Module || search->Module == module->Base) {
        search->Found = *module;
        search->Done = TRUE;
        return FALSE;
    }
    return TRUE;
}

/* The module (NULL: the EXE) of a process; ERROR_INVALID_HANDLE for one
 * not loaded there, as Windows' psapi says. */
static BOOL FindModule(HANDLE process, HMODULE module, BASE_MODULE *out)
{
    MODULE_SEARCH search = {module, {0}, FALSE};
    NTSTATUS status = BaseEnumProcessModules(process, MatchModule, &search);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    if (!search.Done) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    *out = search.Found;
    return TRUE;
}

/* psapi's copy: the name cut to size - 1 characters and terminated; the
 * characters copied. */
static DWORD CopyW(const WCHAR *name, WCHAR *buffer, DWORD size)
{
    if (!size) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    DWORD n = 0;
    while (name[n] && n < size - 1) {
        buffer[n] = name[n];
        n++;
    }
    buffer[n] = 0;
    return n;
}

static DWORD CopyA(const WCHAR *name, char *buffer, DWORD size)
{
    if (!size) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    char narrow[4 * MAX_PATH];
    int n = WideCharToMultiByte(CP_ACP, 0, name, -1, narrow, sizeof narrow, NULL, NULL);
    DWORD len = n > 0 ? (DWORD)n - 1 : 0;
    if (len > size - 1) {
        len = size - 1;
    }
    for (DWORD i = 0; i < len; i++) {
        buffer[i] = narrow[i];
    }
    buffer[len] = 0;
    return len;
}

DWORD WINAPI K32GetModuleBaseNameW(HANDLE process, HMODULE module, WCHAR *name, DWORD size)
{
    BASE_MODULE found;
    return FindModule(process, module, &found) ? CopyW(found.BaseName, name, size) : 0;
}

DWORD WINAPI K32GetModuleBaseNameA(HANDLE process, HMODULE module, char *name, DWORD size)
{
    BASE_MODULE found;
    return FindModule(process, module, &found) ? CopyA(found.BaseName, name, size) : 0;
}

DWORD WINAPI K32GetModuleFileNameExW(HANDLE process, HMODULE module, WCHAR *name, DWORD size)
{
    BASE_MODULE found;
    return FindModule(process, module, &found) ? CopyW(found.FullName, name, size) : 0;
}

DWORD WINAPI K32GetModuleFileNameExA(HANDLE process, HMODULE module, char *name, DWORD size)
{
    BASE_MODULE found;
    return FindModule(process, module, &found) ? CopyA(found.FullName, name, size) : 0;
}

BOOL WINAPI K32GetModuleInformation(HANDLE process, HMODULE module, MODULEINFO *info, DWORD size)
{
    if (size < sizeof *info) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    BASE_MODULE found;
    if (!FindModule(process, module, &found)) {
        return FALSE;
    }
    info->lpBaseOfDll = found.Base;
    info->SizeOfImage = found.Size;
    info->EntryPoint = found.EntryPoint;
    return TRUE;
}

/* The process's image path: C:\... (Win32) or \Device\HarddiskVolume1\...
 * (native), or FALSE. */
static BOOL ImagePath(HANDLE process, BOOL native, WCHAR *path, DWORD chars)
{
    BASE_MODULE exe;
    if (!FindModule(process, NULL, &exe)) {
        return FALSE;
    }
    const WCHAR *rest = exe.FullName;
    DWORD n = 0;
    if (native && (rest[0] == L'C' || rest[0] == L'c') && rest[1] == L':') {
        for (; volume_device[n] && n < chars - 1; n++) {
            path[n] = volume_device[n];
        }
        rest += 2;
    }
    for (; *rest && n < chars - 1; rest++) {
        path[n++] = *rest;
    }
    path[n] = 0;
    return TRUE;
}

BOOL WINAPI QueryFullProcessImageNameW(HANDLE process, DWORD flags, WCHAR *name, DWORD *size)
{
    if (flags & ~PROCESS_NAME_NATIVE) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WCHAR path[MAX_PATH + 32];
    if (!ImagePath(process, flags & PROCESS_NAME_NATIVE, path, MAX_PATH + 32)) {
        return FALSE;
    }
    DWORD n = lstrlenW(path);
    if (n >= *size) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    for (DWORD i = 0; i <= n; i++) {
        name[i] = path[i];
    }
    *size = n;
    return TRUE;
}

BOOL WINAPI QueryFullProcessImageNameA(HANDLE process, DWORD flags, char *name, DWORD *size)
{
    WCHAR wide[MAX_PATH + 32];
    DWORD chars = MAX_PATH + 32;
    if (!QueryFullProcessImageNameW(process, flags, wide, &chars)) {
        return FALSE;
    }
    int n = WideCharToMultiByte(CP_ACP, 0, wide, -1, NULL, 0, NULL, NULL);
    if (n <= 0 || (DWORD)n > *size) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    WideCharToMultiByte(CP_ACP, 0, wide, -1, name, n, NULL, NULL);
    *size = (DWORD)n - 1;
    return TRUE;
}

/* The native path; a buffer too small is 0 with ERROR_INSUFFICIENT_BUFFER. */
DWORD WINAPI K32GetProcessImageFileNameW(HANDLE process, WCHAR *name, DWORD size)
{
    WCHAR path[MAX_PATH + 32];
    if (!ImagePath(process, TRUE, path, MAX_PATH + 32)) {
        return 0;
    }
    DWORD n = lstrlenW(path);
    if (n >= size) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    for (DWORD i = 0; i <= n; i++) {
        name[i] = path[i];
    }
    return n;
}

DWORD WINAPI K32GetProcessImageFileNameA(HANDLE process, char *name, DWORD size)
{
    WCHAR path[MAX_PATH + 32];
    if (!ImagePath(process, TRUE, path, MAX_PATH + 32)) {
        return 0;
    }
    int n = WideCharToMultiByte(CP_ACP, 0, path, -1, NULL, 0, NULL, NULL);
    if (n <= 0 || (DWORD)n > size) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    WideCharToMultiByte(CP_ACP, 0, path, -1, name, n, NULL, NULL);
    return (DWORD)n - 1;
}
