/*
 * Making sections and what a view allows, as Windows answers:
 *
 * - CreateFileMapping of a file with PAGE_EXECUTE fails with
 *   ERROR_INVALID_PARAMETER, even when the file is open for reading only
 *   (the protection is checked before the file's access).
 * - SEC_IMAGE with any attribute but SEC_NOCACHE (SEC_COMMIT, SEC_RESERVE,
 *   SEC_FILE...) is STATUS_INVALID_PARAMETER_6; SEC_IMAGE without a file,
 *   or over an empty one, is STATUS_INVALID_FILE_FOR_SECTION
 *   (ERROR_BAD_EXE_FORMAT).
 * - MEM_RESET on a view of a paging-file section succeeds and leaves the
 *   view as it was.
 * - A named section's name goes with its last handle, though a view keeps
 *   the section: OpenFileMapping then fails with ERROR_FILE_NOT_FOUND and
 *   CreateFileMapping of the name makes a new one (no ERROR_ALREADY_EXISTS).
 *
 * Windows' answers: Wine's kernel32 virtual.c test (test_mapping, line
 * 3828; test_CreateFileMapping's SEC_* table, lines 1380-1430;
 * test_MapViewOfFile, lines 820, 871, 975-990, 1216-1221).
 */
#include "pe.h"

#define STATUS_INVALID_PARAMETER_6 0xC00000F4
#define STATUS_INVALID_FILE_FOR_SECTION 0xC0000020

typedef LONG(NTAPI *CREATE_SECTION)(HANDLE *, ACCESS_MASK, PVOID, LARGE_INTEGER *, ULONG, ULONG,
                                    HANDLE);

static void ExecuteOnly(void)
{
    HANDLE file = CreateFileA("section_rules.tmp", GENERIC_READ | GENERIC_WRITE, 0, NULL,
                              CREATE_ALWAYS, 0, NULL);
    DWORD written;
    WriteFile(file, "data", 4, &written, NULL);
    SetLastError(0);
    HANDLE h = CreateFileMappingA(file, NULL, PAGE_EXECUTE, 0, 0, NULL);
    CHECK_EQ("a file's section, PAGE_EXECUTE: refused", h == NULL, 1);
    CHECK_EQ("  ERROR_INVALID_PARAMETER", GetLastError(), ERROR_INVALID_PARAMETER);
    CloseHandle(file);
    file = CreateFileA("section_rules.tmp", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    SetLastError(0);
    h = CreateFileMappingA(file, NULL, PAGE_EXECUTE, 0, 0, NULL);
    CHECK_EQ("  and on a read-only handle: ERROR_INVALID_PARAMETER, not ACCESS_DENIED",
             h == NULL && GetLastError() == ERROR_INVALID_PARAMETER, 1);
    CloseHandle(file);
    DeleteFileA("section_rules.tmp");
}

static void ImageAttributes(CREATE_SECTION create)
{
    HANDLE h = NULL;
    LARGE_INTEGER size;
    size.QuadPart = 0x1000;
    CHECK_EQ("SEC_IMAGE | SEC_COMMIT: STATUS_INVALID_PARAMETER_6",
             create(&h, SECTION_ALL_ACCESS, NULL, &size, PAGE_READONLY, SEC_IMAGE | SEC_COMMIT,
                    NULL), STATUS_INVALID_PARAMETER_6);
    CHECK_EQ("SEC_IMAGE | SEC_FILE: STATUS_INVALID_PARAMETER_6",
             create(&h, SECTION_ALL_ACCESS, NULL, &size, PAGE_READONLY, SEC_IMAGE | 0x800000,
                    NULL), STATUS_INVALID_PARAMETER_6);
    CHECK_EQ("SEC_IMAGE without a file: STATUS_INVALID_FILE_FOR_SECTION",
             create(&h, SECTION_ALL_ACCESS, NULL, &size, PAGE_READONLY, SEC_IMAGE, NULL),
             STATUS_INVALID_FILE_FOR_SECTION);
    HANDLE file = CreateFileA("section_empty.tmp", GENERIC_READ | GENERIC_WRITE, 0, NULL,
                              CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, NULL);
    CHECK_EQ("SEC_IMAGE over an empty file: STATUS_INVALID_FILE_FOR_SECTION",
             create(&h, SECTION_ALL_ACCESS, NULL, NULL, PAGE_READONLY, SEC_IMAGE, file),
             STATUS_INVALID_FILE_FOR_SECTION);
    CloseHandle(file);
}

static void ResetView(void)
{
    HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x2000, NULL);
    BYTE *v = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
    v[0] = 7;
    CHECK_EQ("MEM_RESET on a view of a paging-file section",
             VirtualAlloc(v, 0x2000, MEM_RESET, PAGE_READONLY) == v, 1);
    MEMORY_BASIC_INFORMATION mbi;
    VirtualQuery(v, &mbi, sizeof mbi);
    CHECK_EQ("  the view is still committed read-write",
             mbi.State == MEM_COMMIT && mbi.Protect == PAGE_READWRITE, 1);
    UnmapViewOfFile(v);
    CloseHandle(h);
}

static void NameGoesWithLastHandle(void)
{
    HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x1000,
                                  "section_rules_name");
    BYTE *v = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
    v[0] = 9;
    CloseHandle(h);
    SetLastError(0);
    HANDLE again = OpenFileMappingA(FILE_MAP_READ, FALSE, "section_rules_name");
    CHECK_EQ("the last handle closed, a view left: OpenFileMapping fails", again == NULL, 1);
    CHECK_EQ("  ERROR_FILE_NOT_FOUND", GetLastError(), ERROR_FILE_NOT_FOUND);
    SetLastError(0xDEADBEEF);
    HANDLE fresh = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x1000,
                                      "section_rules_name");
    CHECK_EQ("  CreateFileMapping of the name makes a new section", fresh != NULL &&
             GetLastError() == ERROR_SUCCESS, 1);
    BYTE *w = MapViewOfFile(fresh, FILE_MAP_READ, 0, 0, 0);
    CHECK_EQ("  which is not the old one", w[0], 0);
    CHECK_EQ("  the old view still reads its own section", v[0], 9);
    UnmapViewOfFile(w);
    UnmapViewOfFile(v);
    CloseHandle(fresh);
}

void __cdecl start(void)
{
    ExecuteOnly();
    ImageAttributes((CREATE_SECTION)(void *)GetProcAddress(GetModuleHandleA("ntdll.dll"),
                                                           "NtCreateSection"));
    ResetView();
    NameGoesWithLastHandle();
    Finish();
}
