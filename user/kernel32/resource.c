/*
 * Resources: FindResource(Ex), LoadResource, LockResource, SizeofResource,
 * FreeResource and the EnumResource* calls, on ntdll's LdrFindResource_U,
 * LdrFindResourceDirectory_U and LdrAccessResource (which check the tree
 * they walk). A module handle of NULL is the program's own image. An HRSRC
 * is the resource's data entry in the image, and the "loaded" resource is
 * the data itself, mapped with the image: LockResource hands it back and
 * FreeResource has nothing to free (FALSE, as Windows answers).
 *
 * A type or name is an integer ID (MAKEINTRESOURCE), "#123" (the ID 123,
 * in decimal), or a string, looked for in capitals as Windows does. A
 * failure's last error is Windows' ERROR_RESOURCE_DATA_NOT_FOUND (1812:
 * no resources), ERROR_RESOURCE_TYPE_NOT_FOUND (1813),
 * ERROR_RESOURCE_NAME_NOT_FOUND (1814) or ERROR_RESOURCE_LANG_NOT_FOUND
 * (1815); "#" without a decimal ID that fits 16 bits is
 * ERROR_INVALID_PARAMETER.
 */
#include "kernel32/kernel32.h"

#define IS_INTRESOURCE(p) ((ULONG_PTR)(p) <= 0xFFFF)

static HMODULE ModuleOrExe(HMODULE module)
{
    return module ? module : NtCurrentPeb()->ImageBaseAddress;
}

static void *HeapGet(SIZE_T bytes)
{
    return RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, bytes);
}

static void HeapPut(const void *p)
{
    if (p) {
        RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, (PVOID)p);
    }
}

/* What LDR_RESOURCE_INFO holds for a type or name: the ID, or the name in
 * capitals on the heap (the caller frees it with ReleaseKey). */
static NTSTATUS KeyOf(const WCHAR *name, ULONG_PTR *key)
{
    if (IS_INTRESOURCE(name)) {
        *key = (ULONG_PTR)name;
        return STATUS_SUCCESS;
    }
    if (name[0] == '#') {
        ULONG id = 0;
        const WCHAR *p = name + 1;
        for (; *p >= '0' && *p <= '9' && id <= 0xFFFF; p++) {
            id = id * 10 + (ULONG)(*p - '0');
        }
        if (p == name + 1 || *p || id > 0xFFFF) {
            return STATUS_INVALID_PARAMETER;
        }
        *key = id;
        return STATUS_SUCCESS;
    }
    size_t n = wcslen(name);
    WCHAR *upper = HeapGet((n + 1) * sizeof(WCHAR));
    if (!upper) {
        return STATUS_NO_MEMORY;
    }
    for (size_t i = 0; i <= n; i++) {
        upper[i] = RtlUpcaseUnicodeChar(name[i]);
    }
    *key = (ULONG_PTR)upper;
    return STATUS_SUCCESS;
}

static void ReleaseKey(ULONG_PTR key)
{
    if (!IS_INTRESOURCE(key)) {
        HeapPut((const void *)key);
    }
}

/* A type or name given in ANSI as UTF-16 on the heap (IDs pass through). */
static const WCHAR *WidenName(const char *name)
{
    return IS_INTRESOURCE(name) ? (const WCHAR *)name : BaseAnsiToHeap(name);
}

static void ReleaseWide(const WCHAR *name)
{
    if (!IS_INTRESOURCE(name)) {
        HeapPut(name);
    }
}

HRSRC WINAPI FindResourceExW(HMODULE module, const WCHAR *type, const WCHAR *name, WORD language)
{
    LDR_RESOURCE_INFO info = {0, 0, language};
    const IMAGE_RESOURCE_DATA_ENTRY *entry = NULL;
    NTSTATUS status = KeyOf(type, &info.Type);
    if (status == STATUS_SUCCESS) {
        status = KeyOf(name, &info.Name);
        if (status == STATUS_SUCCESS) {
            status = LdrFindResource_U(ModuleOrExe(module), &info, 3, &entry);
            ReleaseKey(info.Name);
        }
        ReleaseKey(info.Type);
    }
    if (status != STATUS_SUCCESS) {
        BaseSetLastNtError(status);
        return NULL;
    }
    return (HRSRC)entry;
}

HRSRC WINAPI FindResourceExA(HMODULE module, const char *type, const char *name, WORD language)
{
    const WCHAR *wide_type = WidenName(type), *wide_name = WidenName(name);
    HRSRC found = NULL;
    if ((!wide_type && type) || (!wide_name && name)) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    } else {
        found = FindResourceExW(module, wide_type, wide_name, language);
    }
    ReleaseWide(wide_type);
    ReleaseWide(wide_name);
    return found;
}

/* FindResource asks for LANG_NEUTRAL: the language order's defaults. */
HRSRC WINAPI FindResourceW(HMODULE module, const WCHAR *name, const WCHAR *type)
{
    return FindResourceExW(module, type, name, 0);
}

HRSRC WINAPI FindResourceA(HMODULE module, const char *name, const char *type)
{
    return FindResourceExA(module, type, name, 0);
}

HGLOBAL WINAPI LoadResource(HMODULE module, HRSRC resource)
{
    if (!resource) {
        return NULL;
    }
    PVOID data = NULL;
    NTSTATUS status = LdrAccessResource(ModuleOrExe(module), resource, &data, NULL);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNtError(status);
        return NULL;
    }
    return data;
}

PVOID WINAPI LockResource(HGLOBAL data)
{
    return data;
}

DWORD WINAPI SizeofResource(HMODULE module, HRSRC resource)
{
    (void)module;
    if (!resource) {
        return 0;
    }
    return ((const IMAGE_RESOURCE_DATA_ENTRY *)resource)->Size;
}

BOOL WINAPI FreeResource(HGLOBAL data)
{
    (void)data;
    return FALSE;
}

/* The enumerations: one walk over a directory (level 0: the types; 1: a
 * type's names; 2: a name's languages), calling the program's procedure
 * with each entry's ID or name (in ANSI for the A forms) until it returns
 * FALSE. The answer is the last procedure's (FALSE when there was none). */
typedef struct ENUM_WALK {
    ULONG Level;
    BOOL Ansi;
    const void *Type, *Name;   /* as the caller gave them, for its procedure */
    union {
        ENUMRESTYPEPROCA TypeA;
        ENUMRESTYPEPROCW TypeW;
        ENUMRESNAMEPROCA NameA;
        ENUMRESNAMEPROCW NameW;
        ENUMRESLANGPROCA LangA;
        ENUMRESLANGPROCW LangW;
    } Proc;
    LONG_PTR Param;
} ENUM_WALK;

static BOOL Visit(const ENUM_WALK *walk, HMODULE module, WCHAR *item)
{
    char *narrow = NULL;
    if (walk->Ansi && !IS_INTRESOURCE(item)) {
        int n = WideCharToMultiByte(CP_ACP, 0, item, -1, NULL, 0, NULL, NULL);
        narrow = HeapGet((SIZE_T)n);
        if (!narrow) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return FALSE;
        }
        WideCharToMultiByte(CP_ACP, 0, item, -1, narrow, n, NULL, NULL);
    }
    char *item_a = narrow ? narrow : (char *)item;
    BOOL more;
    switch (walk->Level) {
    case 0:
        more = walk->Ansi ? walk->Proc.TypeA(module, item_a, walk->Param)
                          : walk->Proc.TypeW(module, item, walk->Param);
        break;
    case 1:
        more = walk->Ansi ? walk->Proc.NameA(module, walk->Type, item_a, walk->Param)
                          : walk->Proc.NameW(module, walk->Type, item, walk->Param);
        break;
    default:
        more = walk->Ansi ? walk->Proc.LangA(module, walk->Type, walk->Name,
                                             (WORD)(ULONG_PTR)item, walk->Param)
                          : walk->Proc.LangW(module, walk->Type, walk->Name,
                                             (WORD)(ULONG_PTR)item, walk->Param);
        break;
    }
    HeapPut(narrow);
    return more;
}

/* An entry's name, a counted string at offset in the resource section,
 * NUL-terminated on the heap; NULL if it does not lie in the section. */
static WCHAR *EntryName(const BYTE *root, ULONG size, ULONG offset)
{
    USHORT length;
    if (offset > size || size - offset < 2) {
        return NULL;
    }
    memcpy(&length, root + offset, 2);
    if ((size - offset - 2) / 2 < length) {
        return NULL;
    }
    WCHAR *name = HeapGet(((SIZE_T)length + 1) * sizeof(WCHAR));
    if (name) {
        memcpy(name, root + offset + 2, (SIZE_T)length * sizeof(WCHAR));
        name[length] = 0;
    }
    return name;
}

static BOOL EnumWalk(HMODULE module, const WCHAR *type, const WCHAR *name, const ENUM_WALK *walk)
{
    module = ModuleOrExe(module);
    ULONG size;
    const BYTE *root = RtlImageDirectoryEntryToData(module, TRUE, IMAGE_DIRECTORY_ENTRY_RESOURCE,
                                                    &size);
    if (!root) {
        BaseSetLastNtError(STATUS_RESOURCE_DATA_NOT_FOUND);
        return FALSE;
    }
    LDR_RESOURCE_INFO info = {0, 0, 0};
    const IMAGE_RESOURCE_DIRECTORY *dir = NULL;
    NTSTATUS status = walk->Level >= 1 ? KeyOf(type, &info.Type) : STATUS_SUCCESS;
    if (status == STATUS_SUCCESS && walk->Level >= 2) {
        status = KeyOf(name, &info.Name);
    }
    if (status == STATUS_SUCCESS) {
        status = LdrFindResourceDirectory_U(module, &info, walk->Level, &dir);
    }
    ReleaseKey(info.Type);
    ReleaseKey(info.Name);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    /* ntdll checked that the directory's entries lie in the section. */
    const IMAGE_RESOURCE_DIRECTORY_ENTRY *entries = (const void *)(dir + 1);
    ULONG count = (ULONG)dir->NumberOfNamedEntries + dir->NumberOfIdEntries;
    BOOL more = FALSE;
    for (ULONG i = 0; i < count; i++) {
        ULONG key = entries[i].Name;
        if (key & 0x80000000u) {
            WCHAR *string = EntryName(root, size, key & 0x7FFFFFFFu);
            if (!string) {
                BaseSetLastNtError(STATUS_RESOURCE_DATA_NOT_FOUND);
                return FALSE;
            }
            more = Visit(walk, module, string);
            HeapPut(string);
        } else {
            more = Visit(walk, module, (WCHAR *)(ULONG_PTR)(key & 0xFFFF));
        }
        if (!more) {
            break;
        }
    }
    return more;
}

BOOL WINAPI EnumResourceTypesW(HMODULE module, ENUMRESTYPEPROCW proc, LONG_PTR param)
{
    ENUM_WALK walk = {.Level = 0, .Ansi = FALSE, .Param = param};
    walk.Proc.TypeW = proc;
    return EnumWalk(module, NULL, NULL, &walk);
}

BOOL WINAPI EnumResourceTypesA(HMODULE module, ENUMRESTYPEPROCA proc, LONG_PTR param)
{
    ENUM_WALK walk = {.Level = 0, .Ansi = TRUE, .Param = param};
    walk.Proc.TypeA = proc;
    return EnumWalk(module, NULL, NULL, &walk);
}

BOOL WINAPI EnumResourceNamesW(HMODULE module, const WCHAR *type, ENUMRESNAMEPROCW proc,
                               LONG_PTR param)
{
    ENUM_WALK walk = {.Level = 1, .Ansi = FALSE, .Type = type, .Param = param};
    walk.Proc.NameW = proc;
    return EnumWalk(module, type, NULL, &walk);
}

BOOL WINAPI EnumResourceNamesA(HMODULE module, const char *type, ENUMRESNAMEPROCA proc,
                               LONG_PTR param)
{
    const WCHAR *wide_type = WidenName(type);
    if (!wide_type && type) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    ENUM_WALK walk = {.Level = 1, .Ansi = TRUE, .Type = type, .Param = param};
    walk.Proc.NameA = proc;
    BOOL result = EnumWalk(module, wide_type, NULL, &walk);
    ReleaseWide(wide_type);
    return result;
}

BOOL WINAPI EnumResourceLanguagesW(HMODULE module, const WCHAR *type, const WCHAR *name,
                                   ENUMRESLANGPROCW proc, LONG_PTR param)
{
    ENUM_WALK walk = {.Level = 2, .Ansi = FALSE, .Type = type, .Name = name, .Param = param};
    walk.Proc.LangW = proc;
    return EnumWalk(module, type, name, &walk);
}

BOOL WINAPI EnumResourceLanguagesA(HMODULE module, const char *type, const char *name,
                                   ENUMRESLANGPROCA proc, LONG_PTR param)
{
    const WCHAR *wide_type = WidenName(type), *wide_name = WidenName(name);
    BOOL result = FALSE;
    if ((!wide_type && type) || (!wide_name && name)) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    } else {
        ENUM_WALK walk = {.Level = 2, .Ansi = TRUE, .Type = type, .Name = name, .Param = param};
        walk.Proc.LangA = proc;
        result = EnumWalk(module, wide_type, wide_name, &walk);
    }
    ReleaseWide(wide_type);
    ReleaseWide(wide_name);
    return result;
}
