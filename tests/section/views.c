/*
 * Sections and views, each check stating Windows' answer: two views of one
 * section see each other's writes; a FILE_MAP_COPY view's writes stay its
 * own and turn that page PAGE_READWRITE; an unmapped view is MEM_FREE; a
 * section outlives its views while a handle is open; alignment, size and
 * protection rules; named sections; SEC_RESERVE committed through a view.
 * Run with little RAM, the pages also go through the pagefile and back.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

typedef LONG(NTAPI *NT_MAP)(HANDLE, HANDLE, PVOID *, ULONG_PTR, SIZE_T, LARGE_INTEGER *, SIZE_T *,
                            DWORD, ULONG, ULONG);
typedef LONG(NTAPI *NT_FREE)(HANDLE, PVOID *, SIZE_T *, ULONG);

static int Failures;
static void Check(int ok, const char *what)
{
    if (!ok) {
        printf("FAIL: %s (error %lu)\n", what, GetLastError());
        Failures++;
    }
}

static MEMORY_BASIC_INFORMATION Query(const void *p)
{
    MEMORY_BASIC_INFORMATION mbi;
    memset(&mbi, 0, sizeof mbi);
    VirtualQuery(p, &mbi, sizeof mbi);
    return mbi;
}

static void TwoViews(void)
{
    HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 1 << 20, NULL);
    Check(h != NULL, "CreateFileMapping of 1 MiB");
    char *a = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
    char *b = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
    Check(a && b && a != b, "two views at different addresses");
    strcpy(a + 5000, "written through view a");
    Check(strcmp(b + 5000, "written through view a") == 0, "view b sees view a's write");
    b[1 << 19] = 42;
    Check(a[1 << 19] == 42, "view a sees view b's write");
    MEMORY_BASIC_INFORMATION m = Query(a + 5000);
    Check(m.Type == MEM_MAPPED, "VirtualQuery: Type = MEM_MAPPED");
    Check(m.AllocationBase == a && m.State == MEM_COMMIT && m.Protect == PAGE_READWRITE,
          "VirtualQuery: AllocationBase = the view, MEM_COMMIT, PAGE_READWRITE");
    Check(m.AllocationProtect == PAGE_READWRITE, "AllocationProtect = the view's");

    /* A copy-on-write view: its writes are its own. */
    char *c = MapViewOfFile(h, FILE_MAP_COPY, 0, 0, 0);
    Check(c != NULL, "a FILE_MAP_COPY view");
    Check(strcmp(c + 5000, "written through view a") == 0, "the copy view sees the section");
    Check(Query(c + 5000).Protect == PAGE_WRITECOPY, "before the write: PAGE_WRITECOPY");
    strcpy(c + 5000, "private to view c");
    Check(strcmp(a + 5000, "written through view a") == 0, "view a keeps the original");
    Check(strcmp(c + 5000, "private to view c") == 0, "view c has its copy");
    Check(Query(c + 5000).Protect == PAGE_READWRITE, "after the write: PAGE_READWRITE");
    Check(Query(c + 0x2000).Protect == PAGE_WRITECOPY, "another page: still PAGE_WRITECOPY");
    Check(Query(c).AllocationProtect == PAGE_WRITECOPY, "AllocationProtect = PAGE_WRITECOPY");
    strcpy(a + 5000, "a writes again");
    Check(strcmp(c + 5000, "private to view c") == 0, "the copy does not follow the section");
    Check(c[1 << 19] == 42, "an unwritten page of the copy view still shows the section");

    /* Unmapped: the range is free. A view is not VirtualFree's to free. */
    Check(!VirtualFree(b, 0, MEM_RELEASE), "VirtualFree of a view fails");
    Check(UnmapViewOfFile(b), "UnmapViewOfFile");
    Check(Query(b).State == MEM_FREE, "after unmapping: MEM_FREE");
    Check(!UnmapViewOfFile(b), "unmapping again fails");
    Check(GetLastError() == ERROR_INVALID_ADDRESS, "...with ERROR_INVALID_ADDRESS");

    /* The section outlives its views while the handle is open, and the
     * views outlive the handle. */
    UnmapViewOfFile(a);
    UnmapViewOfFile(c);
    char *d = MapViewOfFile(h, FILE_MAP_READ, 0, 0x10000, 0x10000);
    Check(d != NULL, "a 64 KiB view at offset 64 KiB");
    Check(d && d[5000 - 4096 * 0] == 0, "its first page is the section's page 16");
    CloseHandle(h);
    char *e = d ? d - 0x10000 : NULL;
    (void)e;
    Check(Query(d).Type == MEM_MAPPED, "the view stays after CloseHandle");
    UnmapViewOfFile(d);
}

static void Rules(void)
{
    HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READONLY, 0, 0x30000, NULL);
    Check(h != NULL, "a read-only section");
    SetLastError(0);
    Check(MapViewOfFile(h, FILE_MAP_READ, 0, 0x1000, 0) == NULL, "an offset not 64 KiB aligned");
    Check(GetLastError() == ERROR_MAPPED_ALIGNMENT, "...ERROR_MAPPED_ALIGNMENT");
    Check(MapViewOfFile(h, FILE_MAP_READ, 0, 0, 0x40000) == NULL, "a view past the end");
    Check(GetLastError() == ERROR_ACCESS_DENIED, "...ERROR_ACCESS_DENIED");

    NT_MAP nt = (NT_MAP)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtMapViewOfSection");
    PVOID base = (PVOID)0x30001000;
    SIZE_T size = 0;
    LONG status = nt(h, (HANDLE)-1, &base, 0, 0, NULL, &size, 1, 0, PAGE_READONLY);
    Check((unsigned long)status == 0xC0000220, "a base not 64 KiB aligned: STATUS_MAPPED_ALIGNMENT");
    base = NULL;
    status = nt(h, (HANDLE)-1, &base, 0, 0, NULL, &size, 1, 0, PAGE_READWRITE);
    Check((unsigned long)status == 0xC000004E, "writable view of a read-only section: "
          "STATUS_SECTION_PROTECTION");
    base = NULL;
    status = nt(h, (HANDLE)-1, &base, 0, 0, NULL, &size, 1, 0, PAGE_WRITECOPY);
    Check(status == 0, "a copy-on-write view of a read-only section is allowed");
    char *v = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 0);
    DWORD old;
    Check(v && !VirtualProtect(v, 4096, PAGE_READWRITE, &old),
          "VirtualProtect to PAGE_READWRITE in a read-only section fails");
    Check(v && VirtualProtect(v, 4096, PAGE_NOACCESS, &old) && old == PAGE_READONLY,
          "VirtualProtect to PAGE_NOACCESS works, old = PAGE_READONLY");
    UnmapViewOfFile(v);
    UnmapViewOfFile(base);
    CloseHandle(h);
}

static void Named(void)
{
    HANDLE h1 = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096,
                                   "Local\\ntmm-views");
    Check(h1 != NULL && GetLastError() == 0, "a named section");
    HANDLE h2 = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096,
                                   "ntmm-views");
    Check(h2 != NULL && GetLastError() == ERROR_ALREADY_EXISTS,
          "the same name again: the existing section, ERROR_ALREADY_EXISTS");
    HANDLE h3 = OpenFileMappingA(FILE_MAP_WRITE, FALSE, "ntmm-views");
    Check(h3 != NULL, "OpenFileMapping");
    Check(OpenFileMappingA(FILE_MAP_READ, FALSE, "NTMM-Views") == NULL &&
          GetLastError() == ERROR_FILE_NOT_FOUND, "kernel32's names are case sensitive");
    /* NtOpenSection with OBJ_CASE_INSENSITIVE finds it whatever the case. */
    typedef struct { USHORT Length, MaximumLength; PWSTR Buffer; } USTR;
    typedef struct { ULONG Length; HANDLE Root; USTR *Name; ULONG Attributes;
                     PVOID Sd, Qos; } OA;
    typedef LONG(WINAPI * NT_OPEN)(HANDLE *, ACCESS_MASK, OA *);
    NT_OPEN open = (NT_OPEN)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtOpenSection");
    WCHAR path[] = L"\\BaseNamedObjects\\NTMM-Views";
    USTR name = {sizeof path - 2, sizeof path, path};
    OA oa = {sizeof oa, NULL, &name, 0, NULL, NULL};
    HANDLE h4 = NULL;
    Check((ULONG)open(&h4, FILE_MAP_READ, &oa) == 0xC0000034,
          "NtOpenSection, another case: STATUS_OBJECT_NAME_NOT_FOUND");
    oa.Attributes = 0x40; /* OBJ_CASE_INSENSITIVE */
    Check(open(&h4, FILE_MAP_READ, &oa) == 0 && h4 != NULL,
          "NtOpenSection, another case, OBJ_CASE_INSENSITIVE: found");
    CloseHandle(h4);
    char *a = MapViewOfFile(h1, FILE_MAP_WRITE, 0, 0, 0);
    char *b = MapViewOfFile(h3, FILE_MAP_WRITE, 0, 0, 0);
    a[100] = 'x';
    Check(b[100] == 'x', "views through two handles share pages");
    UnmapViewOfFile(a);
    UnmapViewOfFile(b);
    HANDLE dup = NULL;
    Check(DuplicateHandle(GetCurrentProcess(), h1, GetCurrentProcess(), &dup, 0, FALSE,
                          DUPLICATE_SAME_ACCESS), "DuplicateHandle of a section");
    CloseHandle(h1);
    CloseHandle(h2);
    CloseHandle(h3);
    Check(OpenFileMappingA(FILE_MAP_READ, FALSE, "ntmm-views") != NULL,
          "the duplicate keeps the name alive");
    CloseHandle(dup);
    /* (The handle just opened is still open: close every handle to it.) */
    HANDLE again = OpenFileMappingA(FILE_MAP_READ, FALSE, "ntmm-views");
    Check(again != NULL, "still there while a handle is open");
    CloseHandle(again);
    Check(OpenFileMappingA(FILE_MAP_READ, FALSE, "ntmm-nothing") == NULL &&
          GetLastError() == ERROR_FILE_NOT_FOUND, "an unknown name: ERROR_FILE_NOT_FOUND");
}

static EXCEPTION_RECORD Seen;
static LONG CALLBACK Skip(EXCEPTION_POINTERS *info)
{
    Seen = *info->ExceptionRecord;
    info->ContextRecord->Eip += 2; /* movl %eax, (%ecx) */
    return EXCEPTION_CONTINUE_EXECUTION;
}

static void Reserve(void)
{
    HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE | SEC_RESERVE, 0,
                                  1 << 20, NULL);
    Check(h != NULL, "a SEC_RESERVE section");
    char *a = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
    char *b = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
    Check(Query(a).State == MEM_RESERVE, "its view is MEM_RESERVE");
    PVOID veh = AddVectoredExceptionHandler(1, Skip);
    __asm__ volatile("movl %%eax, (%%ecx)" : : "a"(1), "c"(a) : "memory");
    RemoveVectoredExceptionHandler(veh);
    Check(Seen.ExceptionCode == EXCEPTION_ACCESS_VIOLATION, "touching it: an access violation");
    Check(VirtualAlloc(a, 8192, MEM_COMMIT, PAGE_READWRITE) == a, "MEM_COMMIT through the view");
    Check(Query(b).State == MEM_COMMIT && Query(b).RegionSize == 8192,
          "the other view sees the pages committed");
    a[4097] = 7;
    Check(b[4097] == 7, "and shares them");
    UnmapViewOfFile(a);
    UnmapViewOfFile(b);
    CloseHandle(h);
}

/* More than RAM: a 12 MiB section written through one view and read
 * through another, with --ram 4M. */
static void Paged(void)
{
    const unsigned size = 12u << 20;
    HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, size, NULL);
    unsigned *a = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
    unsigned *b = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 0);
    unsigned *c = MapViewOfFile(h, FILE_MAP_COPY, 0, 0, 0);
    Check(a && b && c, "three views of 12 MiB");
    for (unsigned i = 0; a && i < size / 4; i += 512) {
        a[i] = i * 2654435761u;
    }
    unsigned bad = 0;
    for (unsigned i = 0; b && i < size / 4; i += 512) {
        bad += b[i] != i * 2654435761u;
    }
    Check(bad == 0, "every page read back through another view");
    for (unsigned i = 0; c && i < size / 4; i += 2048) {
        c[i] = 1; /* a private copy of every 4th page */
    }
    bad = 0;
    for (unsigned i = 0; c && i < size / 4; i += 512) {
        unsigned want = i % 2048 == 0 ? 1 : i * 2654435761u;
        bad += c[i] != want || b[i] != i * 2654435761u;
    }
    Check(bad == 0, "copies and originals both survive paging");
    UnmapViewOfFile(a);
    UnmapViewOfFile(b);
    UnmapViewOfFile(c);
    CloseHandle(h);
}

int main(void)
{
    TwoViews();
    Rules();
    Named();
    Reserve();
    Paged();
    printf("views: %d failures\n", Failures);
    return Failures ? 1 : 0;
}
