/*
 * NtQuerySection, and what VirtualProtect makes of a view's page that has
 * already been copied, as Windows answers:
 *
 * - SectionBasicInformation (16 bytes): BaseAddress NULL; Attributes
 *   SEC_COMMIT or SEC_RESERVE for a paging-file section (as created), and
 *   its Size rounded up to whole pages; SEC_FILE for a file's, with the
 *   size asked for. A shorter buffer is STATUS_INFO_LENGTH_MISMATCH, a
 *   longer one is fine; ResultLength is 16.
 * - SectionImageInformation (48 bytes) of a data section:
 *   STATUS_SECTION_NOT_IMAGE (after the length check).
 * - A handle without SECTION_QUERY: STATUS_ACCESS_DENIED.
 * - A page of a PAGE_WRITECOPY view, once written, is the process's own:
 *   VirtualProtect(PAGE_WRITECOPY) on it reads back PAGE_READWRITE, while
 *   an unwritten page stays PAGE_WRITECOPY.
 * - An EXECUTE_READ view of an EXECUTE_READ section may commit pages as
 *   PAGE_EXECUTE_WRITECOPY.
 *
 * Windows' answers: Wine's kernel32 virtual.c test (test_MapViewOfFile,
 * lines 684-750 and 1160-1205; test_mapping, lines 3980-3991 and 4015-4072).
 */
#include "pe.h"

#define STATUS_INFO_LENGTH_MISMATCH 0xC0000004
#define STATUS_SECTION_NOT_IMAGE 0xC0000049
#define STATUS_ACCESS_DENIED_ 0xC0000022
#ifndef SEC_FILE
#define SEC_FILE 0x800000
#endif

typedef LONG(NTAPI *QUERY_SECTION)(HANDLE, ULONG, PVOID, SIZE_T, SIZE_T *);

typedef struct {
    PVOID BaseAddress;
    ULONG Attributes;
    LARGE_INTEGER Size;
} BASIC;

static QUERY_SECTION Query;

static void Basic(void)
{
    BASIC info;
    BYTE image[64];
    SIZE_T length = 0;
    HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE | SEC_COMMIT, 0,
                                  0x3452, NULL);
    CHECK_EQ("NtQuerySection(SectionBasicInformation)", Query(h, 0, &info, sizeof info, &length),
             0);
    CHECK_EQ("  ResultLength", length, 16);
    CHECK_EQ("  BaseAddress NULL", info.BaseAddress == NULL, 1);
    CHECK_EQ("  Attributes SEC_COMMIT", info.Attributes, SEC_COMMIT);
    CHECK_EQ("  Size in whole pages", info.Size.LowPart, 0x4000);
    CHECK_EQ("15 bytes: STATUS_INFO_LENGTH_MISMATCH", Query(h, 0, &info, 15, NULL),
             STATUS_INFO_LENGTH_MISMATCH);
    BYTE bigger[17];
    CHECK_EQ("17 bytes: fine", Query(h, 0, bigger, sizeof bigger, NULL), 0);
    CHECK_EQ("SectionImageInformation, 47 bytes: STATUS_INFO_LENGTH_MISMATCH",
             Query(h, 1, image, 47, NULL), STATUS_INFO_LENGTH_MISMATCH);
    CHECK_EQ("SectionImageInformation of a data section: STATUS_SECTION_NOT_IMAGE",
             Query(h, 1, image, 48, NULL), STATUS_SECTION_NOT_IMAGE);
    CHECK_EQ("an unknown class: STATUS_INVALID_INFO_CLASS", Query(h, 99, image, 48, NULL),
             0xC0000003);
    CloseHandle(h);

    h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE | SEC_RESERVE, 0, 0x2000,
                           "section_query");
    CHECK_EQ("SEC_RESERVE: Attributes", Query(h, 0, &info, sizeof info, NULL) == 0 &&
             info.Attributes == SEC_RESERVE, 1);
    HANDLE reader = OpenFileMappingA(FILE_MAP_READ, FALSE, "section_query");
    CHECK_EQ("a handle without SECTION_QUERY: STATUS_ACCESS_DENIED",
             Query(reader, 0, &info, sizeof info, NULL), STATUS_ACCESS_DENIED_);
    CloseHandle(reader);
    CloseHandle(h);

    HANDLE file = CreateFileA("section_query.tmp", GENERIC_READ | GENERIC_WRITE, 0, NULL,
                              CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, NULL);
    h = CreateFileMappingA(file, NULL, PAGE_READWRITE, 0, 0x1234, NULL);
    CHECK_EQ("a file's section", Query(h, 0, &info, sizeof info, NULL), 0);
    CHECK_EQ("  Attributes SEC_FILE", info.Attributes, SEC_FILE);
    CHECK_EQ("  Size as asked for", info.Size.LowPart, 0x1234);
    CloseHandle(h);
    CloseHandle(file);
}

static void WrittenCopy(void)
{
    HANDLE h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x2000, NULL);
    BYTE *v = MapViewOfFile(h, FILE_MAP_COPY, 0, 0, 0);
    MEMORY_BASIC_INFORMATION mbi;
    DWORD old;
    v[0] = 1;   /* page 0 becomes this process's own copy */
    CHECK_EQ("VirtualProtect(PAGE_WRITECOPY) on a written page",
             VirtualProtect(v, 0x1000, PAGE_WRITECOPY, &old), 1);
    VirtualQuery(v, &mbi, sizeof mbi);
    CHECK_EQ("  reads back PAGE_READWRITE", mbi.Protect, PAGE_READWRITE);
    CHECK_EQ("  one page", mbi.RegionSize, 0x1000);
    CHECK_EQ("VirtualProtect(PAGE_WRITECOPY) on an unwritten page",
             VirtualProtect(v + 0x1000, 0x1000, PAGE_WRITECOPY, &old), 1);
    VirtualQuery(v + 0x1000, &mbi, sizeof mbi);
    CHECK_EQ("  stays PAGE_WRITECOPY", mbi.Protect, PAGE_WRITECOPY);
    CHECK_EQ("  the copy kept its data", v[0], 1);
    UnmapViewOfFile(v);
    CloseHandle(h);

    h = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_EXECUTE_READ, 0, 0x1000, NULL);
    v = MapViewOfFile(h, FILE_MAP_READ | FILE_MAP_EXECUTE, 0, 0, 0);
    CHECK_EQ("MEM_COMMIT PAGE_EXECUTE_WRITECOPY on an EXECUTE_READ view",
             VirtualAlloc(v, 0x1000, MEM_COMMIT, PAGE_EXECUTE_WRITECOPY) == v, 1);
    VirtualQuery(v, &mbi, sizeof mbi);
    CHECK_EQ("  the page is PAGE_EXECUTE_WRITECOPY", mbi.Protect, PAGE_EXECUTE_WRITECOPY);
    UnmapViewOfFile(v);
    CloseHandle(h);
}

void __cdecl start(void)
{
    Query = (QUERY_SECTION)(void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtQuerySection");
    Basic();
    WrittenCopy();
    Finish();
}
