/*
 * Toolhelp snapshots: CreateToolhelp32Snapshot takes the machine's
 * processes and threads (SystemProcessInformation) and one process's
 * modules (its loader list, psapi.c) at one moment, and keeps them, as
 * Windows does, in a pagefile-backed section: the snapshot's handle is
 * that section's, so CloseHandle frees it and the First/Next position is
 * in the section too. Heap lists (TH32CS_SNAPHEAPLIST) are not kept: a
 * snapshot asked for them has none (Heap32ListFirst: ERROR_NO_MORE_FILES).
 */
#include "kernel32/kernel32.h"

#define TH32CS_SNAPHEAPLIST 0x1u
#define TH32CS_SNAPPROCESS  0x2u
#define TH32CS_SNAPTHREAD   0x4u
#define TH32CS_SNAPMODULE   0x8u
#define TH32CS_SNAPMODULE32 0x10u
#define TH32CS_INHERIT      0x80000000u
#define ERROR_NO_MORE_FILES 18
#define PAGE_READWRITE 0x04u
#define FILE_MAP_WRITE 0x2u
#define PROCESS_QUERY_INFORMATION 0x0400u
#define PROCESS_VM_READ 0x0010u
#define MAX_MODULE_NAME32 255

/* The snapshot's section: this header, then the three arrays. */
typedef struct SNAPSHOT {
    ULONG ProcessCount, ProcessPosition, ProcessOffset;
    ULONG ThreadCount, ThreadPosition, ThreadOffset;
    ULONG ModuleCount, ModulePosition, ModuleOffset;
} SNAPSHOT;

typedef struct SNAP_MODULES {
    MODULEENTRY32W *Entries; /* NULL: count only */
    ULONG Count;
    DWORD ProcessId;
} SNAP_MODULES;

static void CopyName(WCHAR *to, const WCHAR *from, ULONG chars)
{
    ULONG n = 0;
    for (; from[n] && n < chars - 1; n++) {
        to[n] = from[n];
    }
    to[n] = 0;
}

static BOOL AddModule(const BASE_MODULE *module, void *context)
{
    SNAP_MODULES *list = context;
    if (list->Entries) {
        MODULEENTRY32W *e = &list->Entries[list->Count];
        e->dwSize = sizeof *e;
        e->th32ModuleID = 1; /* Windows' answer for every module */
        e->th32ProcessID = list->ProcessId;
        e->GlblcntUsage = 0xFFFF;
        e->ProccntUsage = 0xFFFF;
        e->modBaseAddr = module->Base;
        e->modBaseSize = module->Size;
        e->hModule = module->Base;
        CopyName(e->szModule, module->BaseName, MAX_MODULE_NAME32 + 1);
        CopyName(e->szExePath, module->FullName, MAX_PATH);
    }
    list->Count++;
    return TRUE;
}

/* PROCESSENTRY32W.szExeFile's source: the UNICODE_STRING at +56. */
static void ImageName(const BYTE *p, WCHAR *out)
{
    USHORT length = *(const USHORT *)(p + 56);
    const WCHAR *buffer = *(WCHAR *const *)(p + 60);
    ULONG n = length / 2 < MAX_PATH - 1 ? length / 2 : MAX_PATH - 1;
    for (ULONG i = 0; i < n; i++) {
        out[i] = buffer[i];
    }
    out[n] = 0;
}

HANDLE WINAPI CreateToolhelp32Snapshot(DWORD flags, DWORD process_id)
{
    BYTE *list = NULL;
    ULONG processes = 0, threads = 0;
    if (flags & (TH32CS_SNAPPROCESS | TH32CS_SNAPTHREAD)) {
        list = BaseQueryProcessList();
        if (!list) {
            return INVALID_HANDLE_VALUE;
        }
        for (BYTE *p = list;; p += *(ULONG *)p) {
            processes++;
            threads += *(ULONG *)(p + 4);
            if (!*(ULONG *)p) {
                break;
            }
        }
        if (!(flags & TH32CS_SNAPPROCESS)) {
            processes = 0;
        }
        if (!(flags & TH32CS_SNAPTHREAD)) {
            threads = 0;
        }
    }
    HANDLE target = NULL;
    SNAP_MODULES modules = {NULL, 0, process_id ? process_id : GetCurrentProcessId()};
    if (flags & (TH32CS_SNAPMODULE | TH32CS_SNAPMODULE32)) {
        target = process_id && process_id != GetCurrentProcessId()
                     ? OpenProcess(PROCESS_QUERY_INFORMATION | PROCESS_VM_READ, FALSE, process_id)
                     : NtCurrentProcess();
        NTSTATUS status = target ? BaseEnumProcessModules(target, AddModule, &modules) : STATUS_SUCCESS;
        if (!target || !NT_SUCCESS(status)) {
            if (target && !NT_SUCCESS(status)) {
                BaseSetLastNtError(status);
            }
            if (target && target != NtCurrentProcess()) {
                NtClose(target);
            }
            if (list) {
                RtlFreeHeap(GetProcessHeap(), 0, list);
            }
            return INVALID_HANDLE_VALUE;
        }
    }
    SNAPSHOT header = {0};
    header.ProcessCount = processes;
    header.ProcessOffset = sizeof header;
    header.ThreadCount = threads;
    header.ThreadOffset = header.ProcessOffset + processes * sizeof(PROCESSENTRY32W);
    header.ModuleOffset = header.ThreadOffset + threads * sizeof(THREADENTRY32);
    ULONG size = header.ModuleOffset + (modules.Count + 8) * sizeof(MODULEENTRY32W); /* room for a late load */
    HANDLE section = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, size, NULL);
    BYTE *view = section ? MapViewOfFile(section, FILE_MAP_WRITE, 0, 0, 0) : NULL;
    if (view) {
        PROCESSENTRY32W *pe = (PROCESSENTRY32W *)(view + header.ProcessOffset);
        THREADENTRY32 *te = (THREADENTRY32 *)(view + header.ThreadOffset);
        for (BYTE *p = list; p && (processes || threads); p += *(ULONG *)p) {
            ULONG pid = *(ULONG *)(p + 68);
            if (processes) {
                pe->dwSize = sizeof *pe;
                pe->th32ProcessID = pid;
                pe->cntThreads = *(ULONG *)(p + 4);
                pe->th32ParentProcessID = *(ULONG *)(p + 72);
                pe->pcPriClassBase = *(LONG *)(p + 64);
                ImageName(p, pe->szExeFile);
                pe++;
            }
            for (ULONG i = 0; threads && i < *(ULONG *)(p + 4); i++) {
                const BYTE *t = p + 184 + 64 * i; /* SYSTEM_THREAD_INFORMATION */
                te->dwSize = sizeof *te;
                te->th32ThreadID = *(ULONG *)(t + 36);
                te->th32OwnerProcessID = pid;
                te->tpBasePri = *(LONG *)(t + 44);
                te++;
            }
            if (!*(ULONG *)p) {
                break;
            }
        }
        if (target) {
            /* Again, now into the section: what loaded meanwhile is not in. */
            ULONG counted = modules.Count;
            modules.Entries = (MODULEENTRY32W *)(view + header.ModuleOffset);
            modules.Count = 0;
            BaseEnumProcessModules(target, AddModule, &modules);
            if (modules.Count > counted + 8) {
                modules.Count = counted + 8;
            }
            header.ModuleCount = modules.Count;
        }
        *(SNAPSHOT *)view = header;
        UnmapViewOfFile(view);
    } else if (section) {
        CloseHandle(section);
        section = NULL;
    }
    if (target && target != NtCurrentProcess()) {
        NtClose(target);
    }
    if (list) {
        RtlFreeHeap(GetProcessHeap(), 0, list);
    }
    return section ? section : INVALID_HANDLE_VALUE;
}

typedef enum { SnapProcess, SnapThread, SnapModule } SNAP_KIND;

/* The first or next entry of a kind, copied out (size bytes of it, the
 * caller's dwSize having been checked), or FALSE with ERROR_NO_MORE_FILES. */
static BOOL Walk(HANDLE snapshot, SNAP_KIND kind, BOOL first, void *out, ULONG size)
{
    BYTE *view = MapViewOfFile(snapshot, FILE_MAP_WRITE, 0, 0, 0);
    if (!view) {
        return FALSE;
    }
    SNAPSHOT *header = (SNAPSHOT *)view;
    ULONG *count, *position, offset, entry;
    switch (kind) {
    case SnapProcess:
        count = &header->ProcessCount, position = &header->ProcessPosition;
        offset = header->ProcessOffset, entry = sizeof(PROCESSENTRY32W);
        break;
    case SnapThread:
        count = &header->ThreadCount, position = &header->ThreadPosition;
        offset = header->ThreadOffset, entry = sizeof(THREADENTRY32);
        break;
    default:
        count = &header->ModuleCount, position = &header->ModulePosition;
        offset = header->ModuleOffset, entry = sizeof(MODULEENTRY32W);
        break;
    }
    if (first) {
        *position = 0;
    }
    BOOL found = *position < *count;
    if (found) {
        const BYTE *from = view + offset + *position * entry;
        BYTE *to = out;
        for (ULONG i = sizeof(DWORD); i < size; i++) { /* the caller's dwSize stays */
            to[i] = from[i];
        }
        ++*position;
    } else {
        SetLastError(ERROR_NO_MORE_FILES);
    }
    UnmapViewOfFile(view);
    return found;
}

static BOOL SizeOk(DWORD size, DWORD needed)
{
    if (size < needed) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    return TRUE;
}

static BOOL ProcessW(HANDLE snapshot, PROCESSENTRY32W *entry, BOOL first)
{
    return SizeOk(entry->dwSize, sizeof *entry) &&
           Walk(snapshot, SnapProcess, first, entry, sizeof *entry);
}

static BOOL ProcessA(HANDLE snapshot, PROCESSENTRY32 *entry, BOOL first)
{
    PROCESSENTRY32W wide;
    wide.dwSize = sizeof wide;
    if (!SizeOk(entry->dwSize, sizeof *entry) || !Walk(snapshot, SnapProcess, first, &wide, sizeof wide)) {
        return FALSE;
    }
    /* Everything before the name is the same. */
    for (ULONG i = sizeof(DWORD); i < (ULONG)(ULONG_PTR)&((PROCESSENTRY32 *)0)->szExeFile; i++) {
        ((BYTE *)entry)[i] = ((BYTE *)&wide)[i];
    }
    WideCharToMultiByte(CP_ACP, 0, wide.szExeFile, -1, entry->szExeFile, MAX_PATH, NULL, NULL);
    return TRUE;
}

BOOL WINAPI Process32FirstW(HANDLE snapshot, PROCESSENTRY32W *entry)
{
    return ProcessW(snapshot, entry, TRUE);
}

BOOL WINAPI Process32NextW(HANDLE snapshot, PROCESSENTRY32W *entry)
{
    return ProcessW(snapshot, entry, FALSE);
}

BOOL WINAPI Process32First(HANDLE snapshot, PROCESSENTRY32 *entry)
{
    return ProcessA(snapshot, entry, TRUE);
}

BOOL WINAPI Process32Next(HANDLE snapshot, PROCESSENTRY32 *entry)
{
    return ProcessA(snapshot, entry, FALSE);
}

BOOL WINAPI Thread32First(HANDLE snapshot, THREADENTRY32 *entry)
{
    return SizeOk(entry->dwSize, sizeof *entry) && Walk(snapshot, SnapThread, TRUE, entry, sizeof *entry);
}

BOOL WINAPI Thread32Next(HANDLE snapshot, THREADENTRY32 *entry)
{
    return SizeOk(entry->dwSize, sizeof *entry) && Walk(snapshot, SnapThread, FALSE, entry, sizeof *entry);
}

static BOOL ModuleW(HANDLE snapshot, MODULEENTRY32W *entry, BOOL first)
{
    return SizeOk(entry->dwSize, sizeof *entry) && Walk(snapshot, SnapModule, first, entry, sizeof *entry);
}

static BOOL ModuleA(HANDLE snapshot, MODULEENTRY32 *entry, BOOL first)
{
    MODULEENTRY32W wide;
    wide.dwSize = sizeof wide;
    if (!SizeOk(entry->dwSize, sizeof *entry) || !Walk(snapshot, SnapModule, first, &wide, sizeof wide)) {
        return FALSE;
    }
    for (ULONG i = sizeof(DWORD); i < (ULONG)(ULONG_PTR)&((MODULEENTRY32 *)0)->szModule; i++) {
        ((BYTE *)entry)[i] = ((BYTE *)&wide)[i];
    }
    WideCharToMultiByte(CP_ACP, 0, wide.szModule, -1, entry->szModule, MAX_MODULE_NAME32 + 1, NULL, NULL);
    WideCharToMultiByte(CP_ACP, 0, wide.szExePath, -1, entry->szExePath, MAX_PATH, NULL, NULL);
    return TRUE;
}

BOOL WINAPI Module32FirstW(HANDLE snapshot, MODULEENTRY32W *entry)
{
    return ModuleW(snapshot, entry, TRUE);
}

BOOL WINAPI Module32NextW(HANDLE snapshot, MODULEENTRY32W *entry)
{
    return ModuleW(snapshot, entry, FALSE);
}

BOOL WINAPI Module32First(HANDLE snapshot, MODULEENTRY32 *entry)
{
    return ModuleA(snapshot, entry, TRUE);
}

BOOL WINAPI Module32Next(HANDLE snapshot, MODULEENTRY32 *entry)
{
    return ModuleA(snapshot, entry, FALSE);
}
