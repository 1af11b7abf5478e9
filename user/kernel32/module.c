/*
 * GetModuleHandleA and GetProcAddress, from what the loader left in the
 * PEB (the module list) and in each image (its export directory).
 */
#include "kernel32/kernel32.h"

static int LowerA(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Compares a UTF-16 module name with an ANSI one, ignoring case. */
static BOOL NameMatches(const UNICODE_STRING *name, const char *wanted, size_t wanted_length)
{
    size_t n = name->Length / 2;
    if (n != wanted_length) {
        return FALSE;
    }
    for (size_t i = 0; i < n; i++) {
        if (name->Buffer[i] > 0x7F || LowerA(name->Buffer[i]) != LowerA((BYTE)wanted[i])) {
            return FALSE;
        }
    }
    return TRUE;
}

HMODULE WINAPI GetModuleHandleA(const char *name)
{
    PEB *peb = NtCurrentPeb();
    if (!name) {
        return peb->ImageBaseAddress;
    }
    /* A name without an extension means NAME.dll. */
    char wanted[260];
    size_t n = strlen(name);
    if (n + 5 > sizeof wanted) {
        SetLastError(ERROR_MOD_NOT_FOUND);
        return NULL;
    }
    memcpy(wanted, name, n + 1);
    if (!strchr(wanted, '.')) {
        memcpy(wanted + n, ".dll", 5);
        n += 4;
    }
    LIST_ENTRY *head = &peb->Ldr->InLoadOrderModuleList;
    for (LIST_ENTRY *link = head->Flink; link != head; link = link->Flink) {
        LDR_DATA_TABLE_ENTRY *module = (LDR_DATA_TABLE_ENTRY *)link;
        if (NameMatches(&module->BaseDllName, wanted, n)) {
            return module->DllBase;
        }
    }
    SetLastError(ERROR_MOD_NOT_FOUND);
    return NULL;
}

typedef struct EXPORT_DIRECTORY {
    ULONG Characteristics, TimeDateStamp;
    USHORT MajorVersion, MinorVersion;
    ULONG Name, Base, NumberOfFunctions, NumberOfNames;
    ULONG AddressOfFunctions, AddressOfNames, AddressOfNameOrdinals;
} EXPORT_DIRECTORY;

static ULONG Read32(const BYTE *p)
{
    ULONG v;
    memcpy(&v, p, 4);
    return v;
}

/* GetProcAddress of something that is no image — an address whose headers
 * cannot be read, or do not say "MZ" and "PE" — fails with
 * ERROR_MOD_NOT_FOUND, as Windows' loader reads them under an exception
 * handler (Wine's kernel32/tests/module.c, testGetProcAddress_Wrong). */
PVOID WINAPI GetProcAddress(HMODULE module, const char *name)
{
    const BYTE *base = module;
    if (!base) {
        base = NtCurrentPeb()->ImageBaseAddress;
    }
    if (IsBadReadPtr(base, 0x40) || IsBadReadPtr(base + Read32(base + 0x3C), 0xF8) ||
        !RtlImageNtHeader((PVOID)base)) {
        SetLastError(ERROR_MOD_NOT_FOUND);
        return NULL;
    }
    const BYTE *nt = base + Read32(base + 0x3C);
    ULONG export_rva = Read32(nt + 0x78), export_size = Read32(nt + 0x7C);
    if (!export_rva) {
        SetLastError(ERROR_PROC_NOT_FOUND);
        return NULL;
    }
    const EXPORT_DIRECTORY *dir = (const EXPORT_DIRECTORY *)(base + export_rva);
    const ULONG *functions = (const ULONG *)(base + dir->AddressOfFunctions);
    ULONG index = 0xFFFFFFFFu;

    if ((ULONG_PTR)name <= 0xFFFF) {
        ULONG ordinal = (ULONG_PTR)name;
        if (ordinal >= dir->Base) {
            index = ordinal - dir->Base;
        }
    } else {
        const ULONG *names = (const ULONG *)(base + dir->AddressOfNames);
        const USHORT *ordinals = (const USHORT *)(base + dir->AddressOfNameOrdinals);
        /* The name table is sorted: binary search, as the loader does. */
        ULONG lo = 0, hi = dir->NumberOfNames;
        while (lo < hi) {
            ULONG mid = (lo + hi) / 2;
            int c = strcmp(name, (const char *)(base + names[mid]));
            if (c == 0) {
                index = ordinals[mid];
                break;
            }
            if (c < 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
    }
    if (index >= dir->NumberOfFunctions || functions[index] == 0) {
        SetLastError(ERROR_PROC_NOT_FOUND);
        return NULL;
    }
    ULONG rva = functions[index];
    if (rva >= export_rva && rva < export_rva + export_size) {
        /* A forwarder, "DLL.Name" or "DLL.#7": follow it. */
        const char *forward = (const char *)(base + rva);
        const char *dot = strchr(forward, '.');
        char dll[64];
        size_t n = dot ? (size_t)(dot - forward) : 0;
        if (!dot || n >= sizeof dll) {
            SetLastError(ERROR_PROC_NOT_FOUND);
            return NULL;
        }
        memcpy(dll, forward, n);
        dll[n] = 0;
        HMODULE target = GetModuleHandleA(dll);
        if (!target) {
            SetLastError(ERROR_PROC_NOT_FOUND);
            return NULL;
        }
        if (dot[1] == '#') {
            ULONG ordinal = 0;
            for (const char *p = dot + 2; *p >= '0' && *p <= '9'; p++) {
                ordinal = ordinal * 10 + (ULONG)(*p - '0');
            }
            return GetProcAddress(target, (const char *)(ULONG_PTR)ordinal);
        }
        return GetProcAddress(target, dot + 1);
    }
    return (PVOID)(base + rva);
}
