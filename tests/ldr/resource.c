/*
 * PE resources: FindResource(Ex), LoadResource, LockResource,
 * SizeofResource, FreeResource, EnumResource* and ntdll's
 * LdrFindResource_U/LdrFindResourceDirectory_U/LdrAccessResource, on this
 * program's own .rsrc (resource.rc, compiled by windres) and on images
 * built by hand in memory with a malformed resource tree.
 *
 * Windows' answers (Microsoft's FindResourceEx and EnumResource* pages;
 * Wine's kernel32 resource and ntdll loader tests, run on Windows):
 * FindResource asks for LANG_NEUTRAL, which tries the neutral language,
 * then the user's (here en-US), then English, then the first language
 * there is; an explicit language tries itself, its primary language with
 * SUBLANG_NEUTRAL, then LANG_NEUTRAL and nothing else (1815); a missing
 * type is 1813, a missing name 1814, a module with no resources 1812.
 * Names are found whatever their case; "#123" is the ID 123. An HRSRC's
 * data is the image's own bytes; FreeResource answers FALSE.
 *
 * The malformed trees are ntmm's own check: Windows reads such a tree
 * without checking it (and faults); ntmm's loader answers
 * ERROR_RESOURCE_DATA_NOT_FOUND, or the level's "not found", instead.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

typedef struct {
    ULONG_PTR Type, Name;
    ULONG Language;
} RESINFO;
typedef LONG(WINAPI *FIND_U)(HMODULE, const RESINFO *, ULONG, IMAGE_RESOURCE_DATA_ENTRY **);
typedef LONG(WINAPI *FIND_DIR_U)(HMODULE, const RESINFO *, ULONG, IMAGE_RESOURCE_DIRECTORY **);
typedef LONG(WINAPI *ACCESS)(HMODULE, const IMAGE_RESOURCE_DATA_ENTRY *, void **, ULONG *);

/* What FindResourceEx(NULL, type, name, lang) finds, as the data's text. */
static void Find(const char *label, LPCSTR type, LPCSTR name, WORD lang)
{
    SetLastError(0);
    HRSRC found = FindResourceExA(NULL, type, name, lang);
    if (!found) {
        printf("%-34s not found, error %lu\n", label, GetLastError());
        return;
    }
    HGLOBAL data = LoadResource(NULL, found);
    printf("%-34s \"%s\" (%lu bytes)\n", label, (const char *)LockResource(data),
           SizeofResource(NULL, found));
}

/* String id of the string table, read as LoadString does: block id/16+1
 * holds sixteen counted UTF-16 strings. */
static void TableString(UINT id)
{
    HRSRC block = FindResourceA(NULL, MAKEINTRESOURCE(id / 16 + 1), RT_STRING);
    const WCHAR *p = LockResource(LoadResource(NULL, block));
    if (!p) {
        printf("string %u: block not found, error %lu\n", id, GetLastError());
        return;
    }
    for (UINT i = 0; i < id % 16; i++) {
        p += 1 + *p;
    }
    printf("string %u: %u characters, \"", id, *p);
    for (UINT i = 1; i <= *p; i++) {
        putchar((char)p[i]);
    }
    printf("\"\n");
}

static BOOL CALLBACK PrintType(HMODULE module, LPSTR type, LONG_PTR stop_after)
{
    (void)module;
    if (IS_INTRESOURCE(type)) {
        printf(" %u", (unsigned)(ULONG_PTR)type);
    } else {
        printf(" \"%s\"", type);
    }
    return stop_after == 0 || (ULONG_PTR)type != (ULONG_PTR)stop_after;
}

static BOOL CALLBACK PrintName(HMODULE module, LPCSTR type, LPSTR name, LONG_PTR param)
{
    (void)module, (void)type, (void)param;
    if (IS_INTRESOURCE(name)) {
        printf(" %u", (unsigned)(ULONG_PTR)name);
    } else {
        printf(" \"%s\"", name);
    }
    return TRUE;
}

static BOOL CALLBACK PrintNameW(HMODULE module, LPCWSTR type, LPWSTR name, LONG_PTR param)
{
    (void)module, (void)type, (void)param;
    if (IS_INTRESOURCE(name)) {
        printf(" %u", (unsigned)(ULONG_PTR)name);
    } else {
        printf(" L\"%ls\"", name);
    }
    return TRUE;
}

static BOOL CALLBACK PrintLanguage(HMODULE module, LPCSTR type, LPCSTR name, WORD lang,
                                   LONG_PTR param)
{
    (void)module, (void)type, (void)name, (void)param;
    printf(" 0x%04x", lang);
    return TRUE;
}

/* A hand-built image: headers at 0 (SizeOfImage 0x2000), the resource
 * directory at 0x1000, rsrc_size bytes long. */
static BYTE *image;

static void BuildImage(DWORD rsrc_size)
{
    memset(image, 0, 0x2000);
    image[0] = 'M', image[1] = 'Z';
    *(DWORD *)(image + 0x3C) = 0x40;
    BYTE *nt = image + 0x40;
    memcpy(nt, "PE\0\0", 4);
    *(WORD *)(nt + 4) = 0x14C;
    *(WORD *)(nt + 0x14) = 0xE0;
    *(WORD *)(nt + 0x18) = 0x10B;
    *(DWORD *)(nt + 0x50) = 0x2000;
    *(DWORD *)(nt + 0x74) = 16;
    *(DWORD *)(nt + 0x88) = 0x1000;
    *(DWORD *)(nt + 0x8C) = rsrc_size;
}

/* A directory at offset off in .rsrc with named and ID entries. */
static IMAGE_RESOURCE_DIRECTORY_ENTRY *Directory(DWORD off, WORD named, WORD ids)
{
    IMAGE_RESOURCE_DIRECTORY *dir = (IMAGE_RESOURCE_DIRECTORY *)(image + 0x1000 + off);
    dir->NumberOfNamedEntries = named;
    dir->NumberOfIdEntries = ids;
    return (IMAGE_RESOURCE_DIRECTORY_ENTRY *)(dir + 1);
}

/* RCDATA 1 en-US, the data entry at 0x48 naming data_rva, size bytes. */
static void ValidTree(DWORD data_rva, DWORD size)
{
    IMAGE_RESOURCE_DIRECTORY_ENTRY *e = Directory(0, 0, 1);
    e->Name = 10, e->OffsetToData = 0x80000000 | 0x18;
    e = Directory(0x18, 0, 1);
    e->Name = 1, e->OffsetToData = 0x80000000 | 0x30;
    e = Directory(0x30, 0, 1);
    e->Name = 0x409, e->OffsetToData = 0x48;
    IMAGE_RESOURCE_DATA_ENTRY *data = (IMAGE_RESOURCE_DATA_ENTRY *)(image + 0x1000 + 0x48);
    data->OffsetToData = data_rva, data->Size = size;
}

static void FindIn(const char *label, LPCSTR type)
{
    SetLastError(0);
    HRSRC found = FindResourceA((HMODULE)image, MAKEINTRESOURCE(1), type);
    if (!found) {
        printf("%-34s FindResource NULL, error %lu\n", label, GetLastError());
        return;
    }
    SetLastError(0);
    void *data = LoadResource((HMODULE)image, found);
    if (!data) {
        printf("%-34s LoadResource NULL, error %lu\n", label, GetLastError());
    } else {
        printf("%-34s \"%s\"\n", label, (const char *)data);
    }
}

static void Malformed(void)
{
    image = VirtualAlloc(NULL, 0x2000, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    BuildImage(0x200);
    ValidTree(0x1100, 4);
    memcpy(image + 0x1100, "ok!", 4);
    FindIn("hand-built image:", RT_RCDATA);

    BuildImage(0);
    FindIn("no resource directory:", RT_RCDATA);
    BuildImage(0x1001);
    FindIn("directory past SizeOfImage:", RT_RCDATA);
    BuildImage(0x200);
    Directory(0, 0, 0x7FFF);
    FindIn("entries past the directory:", RT_RCDATA);
    BuildImage(0x200);
    IMAGE_RESOURCE_DIRECTORY_ENTRY *e = Directory(0, 0, 1);
    e->Name = 10, e->OffsetToData = 0x80000000 | 0x7FFFFF00;
    FindIn("subdirectory offset outside:", RT_RCDATA);
    BuildImage(0x200);
    e = Directory(0, 1, 0);
    e->Name = 0x80000000 | 0x7FFFFFF0, e->OffsetToData = 0x80000000 | 0x18;
    FindIn("name string outside:", "FOO");
    SetLastError(0);
    BOOL ok = EnumResourceTypesA((HMODULE)image, PrintType, 0);
    printf("%-34s %d, error %lu\n", "  EnumResourceTypes:", ok, GetLastError());
    BuildImage(0x200);
    ValidTree(0x1FFF0, 0x100);
    FindIn("data past SizeOfImage:", RT_RCDATA);
    BuildImage(0x200);
    ValidTree(0x1100, 4);
    Directory(0x30, 0, 1)->OffsetToData = 0x1FC;
    FindIn("data entry outside:", RT_RCDATA);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    Find("RCDATA 1 (FindResource):", RT_RCDATA, MAKEINTRESOURCE(1), 0);
    Find("RCDATA 1 de-DE:", RT_RCDATA, MAKEINTRESOURCE(1), MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN));
    Find("RCDATA 1 en-US:", RT_RCDATA, MAKEINTRESOURCE(1), MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US));
    Find("RCDATA 1 de-CH:", RT_RCDATA, MAKEINTRESOURCE(1),
         MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN_SWISS));
    Find("RCDATA 2 (FindResource):", RT_RCDATA, MAKEINTRESOURCE(2), 0);
    Find("RCDATA 2 de-DE:", RT_RCDATA, MAKEINTRESOURCE(2), MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN));
    Find("RCDATA 3 fr-CA:", RT_RCDATA, MAKEINTRESOURCE(3),
         MAKELANGID(LANG_FRENCH, SUBLANG_FRENCH_CANADIAN));
    Find("RCDATA 3 de-DE:", RT_RCDATA, MAKEINTRESOURCE(3), MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN));
    Find("RCDATA 3 (FindResource):", RT_RCDATA, MAKEINTRESOURCE(3), 0);
    Find("RCDATA \"greeting\":", RT_RCDATA, "greeting", 0);
    Find("RCDATA \"GrEeTiNg\":", RT_RCDATA, "GrEeTiNg", 0);
    Find("RCDATA \"#1\":", RT_RCDATA, "#1", 0);
    Find("\"#10\" \"#1\":", "#10", "#1", 0);
    Find("\"mytype\" 123:", "mytype", MAKEINTRESOURCE(123), 0);
    Find("\"MYTYPE\" \"#123\":", "MYTYPE", "#123", 0);
    Find("RCDATA 4:", RT_RCDATA, MAKEINTRESOURCE(4), 0);
    Find("RCDATA \"nothing\":", RT_RCDATA, "nothing", 0);
    Find("type 99:", MAKEINTRESOURCE(99), MAKEINTRESOURCE(1), 0);
    Find("type \"nothing\":", "nothing", MAKEINTRESOURCE(1), 0);

    HRSRC found = FindResourceW(NULL, L"Greeting", MAKEINTRESOURCEW(10));
    printf("FindResourceW L\"Greeting\": %s\n", found ? (char *)LoadResource(NULL, found) : "NULL");
    printf("FreeResource: %d\n", FreeResource(LoadResource(NULL, found)));
    printf("LoadResource(NULL hrsrc): %p\n", LoadResource(NULL, NULL));
    printf("SizeofResource(NULL hrsrc): %lu\n", SizeofResource(NULL, NULL));
    HMODULE exe = GetModuleHandleA(NULL);
    HRSRC mine = FindResourceA(exe, MAKEINTRESOURCE(1), RT_RCDATA);
    printf("data inside the image: %s\n",
           (BYTE *)LoadResource(exe, mine) > (BYTE *)exe &&
                   (BYTE *)LoadResource(exe, mine) < (BYTE *)exe + 0x100000 ? "yes" : "no");

    TableString(1);
    TableString(2);
    TableString(3);
    TableString(17);

    HRSRC version = FindResourceA(NULL, MAKEINTRESOURCE(VS_VERSION_INFO), RT_VERSION);
    const BYTE *v = LockResource(LoadResource(NULL, version));
    const VS_FIXEDFILEINFO *fixed = (const VS_FIXEDFILEINFO *)(v + 40);
    printf("VERSIONINFO: %ls, length %u, signature 0x%08lx, file version %lu.%lu.%lu.%lu\n",
           (const WCHAR *)(v + 6), *(const WORD *)v, fixed->dwSignature,
           fixed->dwFileVersionMS >> 16, fixed->dwFileVersionMS & 0xFFFF,
           fixed->dwFileVersionLS >> 16, fixed->dwFileVersionLS & 0xFFFF);

    printf("types:");
    BOOL ok = EnumResourceTypesA(NULL, PrintType, 0);
    printf(" -> %d\n", ok);
    printf("types, stopping at 10:");
    ok = EnumResourceTypesA(NULL, PrintType, 10);
    printf(" -> %d\n", ok);
    printf("RCDATA names:");
    ok = EnumResourceNamesA(NULL, RT_RCDATA, PrintName, 0);
    printf(" -> %d\n", ok);
    printf("RCDATA names (W):");
    ok = EnumResourceNamesW(NULL, MAKEINTRESOURCEW(10), PrintNameW, 0);
    printf(" -> %d\n", ok);
    printf("\"MyType\" names:");
    ok = EnumResourceNamesA(NULL, "MyType", PrintName, 0);
    printf(" -> %d\n", ok);
    printf("RCDATA 1 languages:");
    ok = EnumResourceLanguagesA(NULL, RT_RCDATA, MAKEINTRESOURCE(1), PrintLanguage, 0);
    printf(" -> %d\n", ok);
    SetLastError(0);
    ok = EnumResourceNamesA(NULL, MAKEINTRESOURCE(99), PrintName, 0);
    printf("type 99 names: %d, error %lu\n", ok, GetLastError());
    SetLastError(0);
    ok = EnumResourceLanguagesA(NULL, RT_RCDATA, MAKEINTRESOURCE(9), PrintLanguage, 0);
    printf("RCDATA 9 languages: %d, error %lu\n", ok, GetLastError());

    /* ntdll's own calls. */
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    FIND_U find_u = (FIND_U)(void *)GetProcAddress(ntdll, "LdrFindResource_U");
    FIND_DIR_U find_dir_u = (FIND_DIR_U)(void *)GetProcAddress(ntdll, "LdrFindResourceDirectory_U");
    ACCESS access = (ACCESS)(void *)GetProcAddress(ntdll, "LdrAccessResource");
    RESINFO info = {10, 1, MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN)};
    IMAGE_RESOURCE_DATA_ENTRY *entry = NULL;
    LONG status = find_u(exe, &info, 3, &entry);
    void *data = NULL;
    ULONG size = 0;
    LONG access_status = entry ? access(exe, entry, &data, &size) : -1;
    printf("LdrFindResource_U(RCDATA, 1, de-DE): 0x%08lx, LdrAccessResource 0x%08lx \"%s\" %lu\n",
           status, access_status, data ? (char *)data : "", size);
    IMAGE_RESOURCE_DIRECTORY *dir = NULL;
    status = find_dir_u(exe, &info, 0, &dir);
    printf("LdrFindResourceDirectory_U level 0: 0x%08lx, %u named, %u IDs\n", status,
           dir ? dir->NumberOfNamedEntries : 0, dir ? dir->NumberOfIdEntries : 0);
    status = find_dir_u(exe, &info, 2, &dir);
    printf("LdrFindResourceDirectory_U level 2: 0x%08lx, %u languages\n", status,
           dir ? dir->NumberOfNamedEntries + dir->NumberOfIdEntries : 0);
    status = find_u(exe, &info, 4, &entry);
    printf("LdrFindResource_U level 4: 0x%08lx\n", status);
    info.Language = MAKELANGID(LANG_JAPANESE, SUBLANG_DEFAULT);
    printf("LdrFindResource_U ja-JP: 0x%08lx\n", find_u(exe, &info, 3, &entry));
    info.Name = 77;
    printf("LdrFindResource_U name 77: 0x%08lx\n", find_u(exe, &info, 3, &entry));
    info.Type = 77;
    printf("LdrFindResource_U type 77: 0x%08lx\n", find_u(exe, &info, 3, &entry));
    printf("LdrFindResource_U ntdll (no .rsrc): 0x%08lx\n", find_u(ntdll, &info, 3, &entry));

    Malformed();
    return 0;
}
