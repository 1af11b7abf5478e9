/*
 * Views and their protections, for sections backed by the paging file:
 *
 * - CreateFileMapping refuses PAGE_NOACCESS, PAGE_EXECUTE, no protection,
 *   two protections at once and the PAGE_GUARD/NOCACHE/WRITECOMBINE
 *   modifiers (ERROR_INVALID_PARAMETER).
 * - MapViewOfFile turns FILE_MAP_* into a page protection exactly as
 *   kernel32 does: FILE_MAP_EXECUTE adds execute; FILE_MAP_COPY means
 *   copy-on-write only on its own (with WRITE it is READWRITE, with READ
 *   READONLY); SECTION_MAP_EXECUTE alone maps nothing (NOACCESS). The view
 *   is the one NtMapViewOfSection gives for that protection, and a view
 *   the section does not allow fails with ERROR_ACCESS_DENIED.
 * - VirtualProtect on a view may ask for the view's own protection, or for
 *   one whose rights (read, write, execute; WRITECOPY counts as read,
 *   EXECUTE_WRITECOPY as execute-read) are among both the view's and the
 *   section's; anything else is ERROR_INVALID_PARAMETER.
 * - VirtualAlloc(MEM_COMMIT) on the view follows the same rule and, when
 *   allowed, gives the pages that protection.
 *
 * Windows' answers: Wine's kernel32 conformance test (test_mapping and
 * test_CreateFileMapping_protection), whose tables were taken on Windows.
 */
#include "pe.h"

typedef LONG(NTAPI *NT_MAP)(HANDLE, HANDLE, PVOID *, ULONG_PTR, SIZE_T, LARGE_INTEGER *,
                            SIZE_T *, DWORD, ULONG, ULONG);
typedef LONG(NTAPI *NT_UNMAP)(HANDLE, PVOID);

static const DWORD SectionProt[] = {
    PAGE_READONLY, PAGE_READWRITE, PAGE_WRITECOPY,
    PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE, PAGE_EXECUTE_WRITECOPY,
};

static const DWORD PageProt[] = {
    PAGE_NOACCESS, PAGE_READONLY, PAGE_READWRITE, PAGE_WRITECOPY,
    PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE, PAGE_EXECUTE_WRITECOPY,
};

/* FILE_MAP_* (and SECTION_MAP_EXECUTE) → the view's protection on Windows. */
static const struct {
    DWORD Access, Protect;
} View[] = {
    {0, PAGE_NOACCESS},
    {FILE_MAP_COPY, PAGE_WRITECOPY},
    {FILE_MAP_WRITE, PAGE_READWRITE},
    {FILE_MAP_WRITE | FILE_MAP_COPY, PAGE_READWRITE},
    {FILE_MAP_READ, PAGE_READONLY},
    {FILE_MAP_READ | FILE_MAP_COPY, PAGE_READONLY},
    {FILE_MAP_READ | FILE_MAP_WRITE, PAGE_READWRITE},
    {FILE_MAP_READ | FILE_MAP_WRITE | FILE_MAP_COPY, PAGE_READWRITE},
    {SECTION_MAP_EXECUTE, PAGE_NOACCESS},
    {SECTION_MAP_EXECUTE | FILE_MAP_COPY, PAGE_NOACCESS},
    {SECTION_MAP_EXECUTE | FILE_MAP_WRITE, PAGE_READWRITE},
    {SECTION_MAP_EXECUTE | FILE_MAP_READ, PAGE_READONLY},
    {SECTION_MAP_EXECUTE | FILE_MAP_READ | FILE_MAP_WRITE, PAGE_READWRITE},
    {FILE_MAP_EXECUTE, PAGE_NOACCESS},
    {FILE_MAP_EXECUTE | FILE_MAP_COPY, PAGE_EXECUTE_WRITECOPY},
    {FILE_MAP_EXECUTE | FILE_MAP_WRITE, PAGE_EXECUTE_READWRITE},
    {FILE_MAP_EXECUTE | FILE_MAP_WRITE | FILE_MAP_COPY, PAGE_EXECUTE_READWRITE},
    {FILE_MAP_EXECUTE | FILE_MAP_READ, PAGE_EXECUTE_READ},
    {FILE_MAP_EXECUTE | FILE_MAP_READ | FILE_MAP_COPY, PAGE_EXECUTE_READ},
    {FILE_MAP_EXECUTE | FILE_MAP_READ | FILE_MAP_WRITE, PAGE_EXECUTE_READWRITE},
    {FILE_MAP_ALL_ACCESS, PAGE_READWRITE},
    {FILE_MAP_ALL_ACCESS | FILE_MAP_EXECUTE, PAGE_EXECUTE_READWRITE},
};

/* What a section of this protection lets a view ask for (SECTION_MAP_*). */
static DWORD SectionAllows(DWORD prot)
{
    DWORD read = SECTION_QUERY | SECTION_MAP_READ | SECTION_MAP_EXECUTE | FILE_MAP_EXECUTE |
                 SECTION_EXTEND_SIZE;
    return prot == PAGE_READWRITE || prot == PAGE_EXECUTE_READWRITE ? read | SECTION_MAP_WRITE
                                                                     : read;
}

static BOOL AccessAllowed(DWORD section, DWORD access)
{
    DWORD wanted = access & ~(DWORD)(STANDARD_RIGHTS_REQUIRED);
    if (!wanted) {
        wanted = SECTION_MAP_READ;
    }
    return (SectionAllows(section) & wanted) == wanted;
}

/* The rights of a protection: read 1, write 2, execute 8 (a copy-on-write
 * page's write makes a private copy: it needs no right of its own). */
static DWORD Rights(DWORD prot)
{
    switch (prot) {
    case PAGE_READONLY:
    case PAGE_WRITECOPY:
        return 1;
    case PAGE_READWRITE:
        return 1 | 2;
    case PAGE_EXECUTE:
    case PAGE_EXECUTE_READ:
    case PAGE_EXECUTE_WRITECOPY:
        return 1 | 8;
    case PAGE_EXECUTE_READWRITE:
        return 1 | 2 | 8;
    default:
        return 0;
    }
}

static BOOL ProtectAllowed(DWORD section, DWORD view, DWORD prot)
{
    DWORD v = Rights(view), p = Rights(prot);
    if (v == p) {
        return TRUE;
    }
    if (!v || (v & p) != p) {
        return FALSE;
    }
    return (Rights(section) & p) == p;
}

static BOOL IsExecutable(DWORD prot)
{
    return (prot & (PAGE_EXECUTE_READ | PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY)) != 0;
}

static int Mismatches;
static void Expect(BOOL good, const char *what, DWORD section, DWORD view, DWORD extra, DWORD got)
{
    if (good) {
        return;
    }
    Mismatches++;
    if (Mismatches > 20) {
        return;
    }
    Print("FAIL ");
    Print(what);
    Print(": section ");
    PrintHex(section);
    Print(" view ");
    PrintHex(view);
    Print(" ");
    PrintHex(extra);
    Print(" got ");
    PrintHex(got);
    Print("\n");
}

static void CreateRules(void)
{
    static const DWORD refused[] = {
        0, PAGE_NOACCESS, PAGE_EXECUTE, PAGE_READONLY | PAGE_READWRITE,
        PAGE_READWRITE | PAGE_GUARD, PAGE_READWRITE | PAGE_NOCACHE,
        PAGE_READWRITE | PAGE_WRITECOMBINE,
    };
    for (DWORD i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        SetLastError(0xDEADBEEF);
        HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, refused[i] | SEC_COMMIT, 0, 4096, NULL);
        Expect(h == NULL, "CreateFileMapping should fail", refused[i], 0, 0, (DWORD)h);
        Expect(GetLastError() == ERROR_INVALID_PARAMETER, "CreateFileMapping: ERROR_INVALID_PARAMETER",
               refused[i], 0, 0, GetLastError());
        if (h) {
            CloseHandle(h);
        }
    }
    for (DWORD i = 0; i < sizeof SectionProt / sizeof SectionProt[0]; i++) {
        HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, SectionProt[i] | SEC_COMMIT, 0, 4096, NULL);
        Expect(h != NULL, "CreateFileMapping", SectionProt[i], 0, 0, GetLastError());
        CloseHandle(h);
    }
    CHECK_EQ("CreateFileMapping: the refused protections", Mismatches, 0);
}

static void ViewRules(void)
{
    NT_MAP nt_map = (NT_MAP)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtMapViewOfSection");
    NT_UNMAP nt_unmap = (NT_UNMAP)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtUnmapViewOfSection");
    int mapped = 0, protects = 0, commits = 0;
    int before = Mismatches;
    for (DWORD i = 0; i < sizeof SectionProt / sizeof SectionProt[0]; i++) {
        DWORD section = SectionProt[i];
        HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, section | SEC_COMMIT, 0, 4096, NULL);
        for (DWORD j = 0; j < sizeof View / sizeof View[0]; j++) {
            DWORD access = View[j].Access, view = View[j].Protect;
            if ((access & FILE_MAP_EXECUTE) && !IsExecutable(section)) {
                continue; /* Windows decides those by the file's rights */
            }
            /* The same view through the native service. */
            PVOID nt_base = NULL;
            SIZE_T nt_size = 0;
            LONG status = nt_map(h, GetCurrentProcess(), &nt_base, 0, 0, NULL, &nt_size, 1, 0, view);
            MEMORY_BASIC_INFORMATION nt_info = {0};
            if (status == 0) {
                VirtualQuery(nt_base, &nt_info, sizeof nt_info);
                nt_unmap(GetCurrentProcess(), nt_base);
            }
            SetLastError(0xDEADBEEF);
            BYTE *base = MapViewOfFile(h, access, 0, 0, 0);
            Expect((status == 0) == (base != NULL), "NtMapViewOfSection agrees with MapViewOfFile",
                   section, access, (DWORD)status, (DWORD)base);
            if (!AccessAllowed(section, access)) {
                Expect(base == NULL, "MapViewOfFile should fail", section, access, 0, (DWORD)base);
                Expect(GetLastError() == ERROR_ACCESS_DENIED, "MapViewOfFile: ERROR_ACCESS_DENIED",
                       section, access, 0, GetLastError());
                if (base) {
                    UnmapViewOfFile(base);
                }
                continue;
            }
            Expect(base != NULL, "MapViewOfFile", section, access, 0, GetLastError());
            if (!base) {
                continue;
            }
            mapped++;
            MEMORY_BASIC_INFORMATION info;
            VirtualQuery(base, &info, sizeof info);
            Expect(info.Protect == view, "the view's protection", section, access, view, info.Protect);
            Expect(info.AllocationProtect == view, "the view's AllocationProtect", section, access, view,
                   info.AllocationProtect);
            Expect(info.Type == MEM_MAPPED && info.State == MEM_COMMIT, "a committed mapped view",
                   section, access, 0, info.Type);
            Expect(nt_info.Protect == info.Protect, "the native view's protection", section, access,
                   info.Protect, nt_info.Protect);

            DWORD previous = view;
            for (DWORD k = 0; k < sizeof PageProt / sizeof PageProt[0]; k++) {
                DWORD prot = PageProt[k], old = 0xDEADBEEF;
                SetLastError(0xDEADBEEF);
                BOOL ok = VirtualProtect(base, 4096, prot, &old);
                if (ProtectAllowed(section, view, prot)) {
                    Expect(ok, "VirtualProtect", section, view, prot, GetLastError());
                    Expect(old == previous, "VirtualProtect's old protection", section, view, prot, old);
                    if (ok) {
                        previous = prot;
                    }
                    protects++;
                } else {
                    Expect(!ok, "VirtualProtect should fail", section, view, prot, ok);
                    Expect(GetLastError() == ERROR_INVALID_PARAMETER, "VirtualProtect: ERROR_INVALID_PARAMETER",
                           section, view, prot, GetLastError());
                }
            }
            for (DWORD k = 0; k < sizeof PageProt / sizeof PageProt[0]; k++) {
                DWORD prot = PageProt[k];
                SetLastError(0xDEADBEEF);
                void *p = VirtualAlloc(base, 4096, MEM_COMMIT, prot);
                if (ProtectAllowed(section, view, prot)) {
                    Expect(p == base, "VirtualAlloc(MEM_COMMIT) on the view", section, view, prot,
                           GetLastError());
                    VirtualQuery(base, &info, sizeof info);
                    Expect(info.Protect == prot, "...and the page takes the protection", section, view,
                           prot, info.Protect);
                    commits++;
                } else {
                    Expect(p == NULL, "VirtualAlloc(MEM_COMMIT) should fail", section, view, prot,
                           (DWORD)p);
                    Expect(GetLastError() == ERROR_INVALID_PARAMETER,
                           "VirtualAlloc(MEM_COMMIT): ERROR_INVALID_PARAMETER", section, view, prot,
                           GetLastError());
                }
            }
            UnmapViewOfFile(base);
        }
        CloseHandle(h);
    }
    CHECK_EQ("views, protections and commits as Windows gives them (mismatches)", Mismatches - before, 0);
    Print("checked ");
    PrintDec((DWORD)mapped);
    Print(" views, ");
    PrintDec((DWORD)protects);
    Print(" allowed protections, ");
    PrintDec((DWORD)commits);
    Print(" allowed commits\n");
}

/* A write through a view made read-only by VirtualAlloc(MEM_COMMIT)
 * faults; a write after committing it read/write again lands. */
static void CommitChangesProtection(void)
{
    HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 8192, NULL);
    BYTE *v = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
    v[0] = 1;
    CHECK_EQ("commit READONLY on a READWRITE view", VirtualAlloc(v, 4096, MEM_COMMIT, PAGE_READONLY) == v, 1);
    SEH_FRAME frame;
    SehPush(&frame, SkipHandler);
    HandlerCalls = 0;
    WriteAt((DWORD)v, 2);
    SehPop(&frame);
    CHECK_EQ("a write to it: STATUS_ACCESS_VIOLATION", HandlerCalls == 1 ? Seen.ExceptionCode : 0,
             STATUS_ACCESS_VIOLATION);
    CHECK_EQ("...and the page kept its value", v[0], 1);
    CHECK_EQ("commit READWRITE again", VirtualAlloc(v, 4096, MEM_COMMIT, PAGE_READWRITE) == v, 1);
    v[0] = 3;
    CHECK_EQ("a write lands", v[0], 3);
    CHECK_EQ("commit EXECUTE_READ on a READWRITE section's view",
             VirtualAlloc(v, 4096, MEM_COMMIT, PAGE_EXECUTE_READ) == NULL, 1);
    CHECK_EQ("  ERROR_INVALID_PARAMETER", GetLastError(), ERROR_INVALID_PARAMETER);
    CHECK_EQ("commit with PAGE_NOCACHE on a view", VirtualAlloc(v, 4096, MEM_COMMIT, PAGE_READWRITE | PAGE_NOCACHE) == NULL, 1);
    UnmapViewOfFile(v);
    CloseHandle(h);
}

void __cdecl start(void)
{
    CreateRules();
    ViewRules();
    CommitChangesProtection();
    Finish();
}
