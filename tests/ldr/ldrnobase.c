/*
 * Images that cannot be relocated, whose base is taken, as Windows answers
 * for them (Wine's dlls/kernel32/tests/loader.c, test_image_mapping and
 * test_import_resolution):
 *  - a second NtMapViewOfSection of a SEC_IMAGE section whose image has
 *    IMAGE_FILE_RELOCS_STRIPPED maps it elsewhere, not relocated, with
 *    STATUS_IMAGE_NOT_AT_BASE; the view is MEM_IMAGE, AllocationProtect
 *    PAGE_EXECUTE_WRITECOPY, its section page with the section's
 *    protection (loader.c:1689-1702);
 *  - LoadLibrary of that DLL then fails with ERROR_INVALID_ADDRESS
 *    (loader.c:1729);
 *  - the same image as a program (no IMAGE_FILE_DLL): LoadLibrary loads it
 *    elsewhere, not run, and FreeLibrary frees it (loader.c:1734-1739);
 *    its imports are left as the file has them (loader.c:2238-2245);
 *  - an empty file loaded as a data file: ERROR_FILE_INVALID; a file open
 *    without sharing: ERROR_SHARING_VIOLATION (module.c:373, :393).
 * The images are written here, byte by byte, into C:\.
 */
#include "../guesttest.h"

#include <winternl.h>

#define BASE 0x10000000u
#define PAGE 4096u
#ifndef STATUS_IMAGE_NOT_AT_BASE
#define STATUS_IMAGE_NOT_AT_BASE ((NTSTATUS)0x40000003)
#endif

NTSTATUS NTAPI NtMapViewOfSection(HANDLE, HANDLE, PVOID *, ULONG_PTR, SIZE_T, PLARGE_INTEGER,
                                  PSIZE_T, DWORD, ULONG, ULONG);
NTSTATUS NTAPI NtUnmapViewOfSection(HANDLE, PVOID);

/* The import table's one thunk, at this RVA in the data section, names
 * kernel32's GetTickCount; the file's value of the thunk is THUNK. */
#define DATA_RVA 0x1000u
#define THUNK 0xdeadbeefu

static void Put16(BYTE *p, WORD v) { memcpy(p, &v, 2); }
static void Put32(BYTE *p, DWORD v) { memcpy(p, &v, 4); }

/* A one-section image: headers in the first 0x200 bytes, then the section
 * (read-write data holding an import descriptor for kernel32.dll). */
static int WriteImage(const char *path, WORD characteristics)
{
    static BYTE file[0x400];
    memset(file, 0, sizeof file);
    Put16(file, 0x5A4D);                   /* MZ */
    Put32(file + 0x3C, 0x40);              /* e_lfanew */
    BYTE *nt = file + 0x40;
    Put32(nt, 0x00004550);                 /* PE */
    Put16(nt + 4, 0x14C);                  /* i386 */
    Put16(nt + 6, 1);                      /* one section */
    Put16(nt + 20, 0xE0);                  /* SizeOfOptionalHeader */
    Put16(nt + 22, characteristics);
    BYTE *opt = nt + 24;
    Put16(opt, 0x10B);                     /* PE32 */
    Put32(opt + 28, BASE);                 /* ImageBase */
    Put32(opt + 32, PAGE);                 /* SectionAlignment */
    Put32(opt + 36, 0x200);                /* FileAlignment */
    Put16(opt + 40, 4);                    /* MajorOperatingSystemVersion */
    Put16(opt + 48, 4);                    /* MajorSubsystemVersion */
    Put32(opt + 56, 2 * PAGE);             /* SizeOfImage */
    Put32(opt + 60, 0x200);                /* SizeOfHeaders */
    Put16(opt + 68, 3);                    /* console */
    Put32(opt + 72, 0x100000);             /* stack reserve, commit */
    Put32(opt + 76, 0x1000);
    Put32(opt + 80, 0x100000);             /* heap reserve, commit */
    Put32(opt + 84, 0x1000);
    Put32(opt + 92, 16);                   /* NumberOfRvaAndSizes */
    Put32(opt + 96 + 8, DATA_RVA);         /* the import directory */
    Put32(opt + 96 + 12, 40);
    BYTE *sec = opt + 0xE0;
    memcpy(sec, ".data", 5);
    Put32(sec + 8, 0x200);                 /* VirtualSize */
    Put32(sec + 12, DATA_RVA);
    Put32(sec + 16, 0x200);                /* SizeOfRawData */
    Put32(sec + 20, 0x200);                /* PointerToRawData */
    Put32(sec + 36, 0xC0000040);           /* initialized data, read, write */
    /* The data: a descriptor (and a zero one), the name table and the IAT
     * (one entry each), the hint/name and the DLL's name. */
    BYTE *data = file + 0x200;
    Put32(data + 0, DATA_RVA + 0x40);      /* OriginalFirstThunk */
    Put32(data + 12, DATA_RVA + 0x60);     /* Name */
    Put32(data + 16, DATA_RVA + 0x50);     /* FirstThunk */
    Put32(data + 0x40, DATA_RVA + 0x70);
    Put32(data + 0x50, THUNK);
    memcpy(data + 0x60, "kernel32.dll", 12);
    memcpy(data + 0x72, "GetTickCount", 12);
    HANDLE h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD done = 0;
    BOOL ok = h != INVALID_HANDLE_VALUE && WriteFile(h, file, sizeof file, &done, NULL) &&
              done == sizeof file;
    CloseHandle(h);
    return ok;
}

static void CheckView(const char *what, const BYTE *view)
{
    char line[160];
    MEMORY_BASIC_INFORMATION info;
    SIZE_T n = VirtualQuery(view + DATA_RVA, &info, sizeof info);
    snprintf(line, sizeof line, "%s: the section's page is MEM_IMAGE, PAGE_WRITECOPY, one page, "
             "in a PAGE_EXECUTE_WRITECOPY allocation", what);
    Check(n == sizeof info && info.BaseAddress == view + DATA_RVA && info.RegionSize == PAGE &&
          info.Protect == PAGE_WRITECOPY && info.AllocationBase == view &&
          info.AllocationProtect == PAGE_EXECUTE_WRITECOPY && info.State == MEM_COMMIT &&
          info.Type == MEM_IMAGE, line);
    DWORD thunk = 0;
    memcpy(&thunk, view + DATA_RVA + 0x50, 4);
    snprintf(line, sizeof line, "%s: the view is the file, not relocated or bound", what);
    Check(thunk == THUNK, line);
}

static void Scenario(const char *path, BOOL is_dll)
{
    WORD flags = IMAGE_FILE_EXECUTABLE_IMAGE | IMAGE_FILE_RELOCS_STRIPPED |
                 IMAGE_FILE_32BIT_MACHINE | (is_dll ? IMAGE_FILE_DLL : 0);
    printf("-- %s\n", is_dll ? "a DLL" : "a program");
    Check(WriteImage(path, flags), "the image is written");
    HANDLE file = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    HANDLE map = CreateFileMappingA(file, NULL, PAGE_READONLY | SEC_IMAGE, 0, 0, NULL);
    Check(map != NULL, "CreateFileMapping(SEC_IMAGE)");
    PVOID first = NULL, second = NULL;
    SIZE_T size = 0;
    LARGE_INTEGER offset = {{0, 0}};
    NTSTATUS status = NtMapViewOfSection(map, GetCurrentProcess(), &first, 0, 0, &offset, &size,
                                         1, 0, PAGE_READONLY);
    Check(status == 0 && first == (PVOID)BASE, "the first view: STATUS_SUCCESS at the base");
    size = 0;
    status = NtMapViewOfSection(map, GetCurrentProcess(), &second, 0, 0, &offset, &size, 1, 0,
                                PAGE_READONLY);
    Check(status == STATUS_IMAGE_NOT_AT_BASE && second && second != first,
          "the second view: STATUS_IMAGE_NOT_AT_BASE, elsewhere");
    if (second) {
        CheckView("the second view", second);
        Check(NtUnmapViewOfSection(GetCurrentProcess(), second) == 0, "it unmaps");
    }
    SetLastError(0xdeadbeef);
    HMODULE module = LoadLibraryA(path);
    if (is_dll) {
        Check(module == NULL && GetLastError() == ERROR_INVALID_ADDRESS,
              "LoadLibrary of the DLL: NULL, ERROR_INVALID_ADDRESS");
    } else {
        Check(module != NULL && module != (HMODULE)first,
              "LoadLibrary of the program: loaded elsewhere");
        if (module) {
            CheckView("the program LoadLibrary loaded", (const BYTE *)module);
            Check(FreeLibrary(module), "FreeLibrary");
        }
    }
    Check(NtUnmapViewOfSection(GetCurrentProcess(), first) == 0, "the first view unmaps");
    CloseHandle(map);
    CloseHandle(file);
    Check(DeleteFileA(path), "the file is deleted");
}

/* Files LoadLibrary cannot use (Wine's kernel32 module.c:373 and :393). */
static void Unusable(void)
{
    printf("-- files that are no image\n");
    HANDLE h = CreateFileA("C:\\empty.dll", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    CloseHandle(h);
    SetLastError(0xdeadbeef);
    Check(!LoadLibraryExA("C:\\empty.dll", NULL, LOAD_LIBRARY_AS_DATAFILE) &&
              GetLastError() == ERROR_FILE_INVALID,
          "an empty file as a data file: NULL, ERROR_FILE_INVALID");
    h = CreateFileA("C:\\empty.dll", GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    SetLastError(0xdeadbeef);
    Check(!LoadLibraryA("C:\\empty.dll") && GetLastError() == ERROR_SHARING_VIOLATION,
          "a file open without sharing: NULL, ERROR_SHARING_VIOLATION");
    CloseHandle(h);
    Check(DeleteFileA("C:\\empty.dll"), "the file is deleted");
}

int main(void)
{
    Scenario("C:\\nobase.dll", TRUE);
    Scenario("C:\\nobase.exe", FALSE);
    Unusable();
    printf("%d failures\n", Failures);
    return Failures;
}
