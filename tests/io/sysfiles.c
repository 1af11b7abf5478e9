/*
 * C:\Windows\system32 holds the guest DLLs as read-only files, as a
 * standard user's Windows has them: the name GetModuleFileName gives opens,
 * reads the bytes the loader mapped, is listed, queried and mapped (as data
 * and as an image: the same image section the loader made), and every
 * change there is ERROR_ACCESS_DENIED. Windows' answers, as Wine's
 * conformance tests state them (Wine 8.0): kernel32 module.c, virtual.c
 * (test_mapping, test_NtAreMappedFilesTheSame: SEC_IMAGE of kernel32.dll,
 * the view's MEM_IMAGE), ntdll virtual.c:1596 (ntdll mapped from its file),
 * kernel32 directory.c (CreateDirectory of C:\Windows: ERROR_ALREADY_EXISTS).
 *
 * run-io-test.sh runs it three ways: "plain" (a root with no Windows
 * folder), "real" (the root has Windows\system32 with own.txt and a
 * 4-byte NTDLL.DLL, which the overlay's ntdll.dll hides) and "readonly"
 * (--root-readonly), and checks the system directory did not change.
 */
#include "pe.h"
#include "native.h"

NTIMPORT NtAreMappedFilesTheSame(PVOID, PVOID);

static int Mode; /* 0 plain, 1 real, 2 readonly */

static BOOL Same(const char *a, const char *b)
{
    while (*a && (*a | 0x20) == (*b | 0x20)) {
        a++, b++;
    }
    return *a == *b;
}

static BOOL SameBytes(const void *a, const void *b, DWORD n)
{
    const BYTE *x = a, *y = b;
    for (DWORD i = 0; i < n; i++) {
        if (x[i] != y[i]) {
            return FALSE;
        }
    }
    return TRUE;
}

static HANDLE OpenRead(const char *name)
{
    return CreateFileA(name, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
                       FILE_FLAG_BACKUP_SEMANTICS, NULL);
}

/* A call that must fail with `error`. */
static void Fails(const char *what, BOOL ok, DWORD error)
{
    DWORD got = ok ? 0 : GetLastError();
    CHECK_EQ(what, got, error);
}

static void Refused(const char *what, const char *name, DWORD access, DWORD disposition, DWORD error)
{
    HANDLE f = CreateFileA(name, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                           disposition, 0, NULL);
    BOOL ok = f != INVALID_HANDLE_VALUE;
    Fails(what, ok, error);
    if (ok) {
        CloseHandle(f);
    }
}

static DWORD NtdllSize;

static void ModuleFile(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    char path[MAX_PATH];
    DWORD n = GetModuleFileNameA(ntdll, path, sizeof path);
    CHECK_EQ("GetModuleFileName(ntdll) is C:\\Windows\\system32\\ntdll.dll",
             n == 29 && Same(path, "C:\\Windows\\system32\\ntdll.dll"), 1);
    HANDLE f = OpenRead(path);
    CHECK_EQ("that name opens", f != INVALID_HANDLE_VALUE, 1);
    static BYTE bytes[4096];
    DWORD got = 0;
    CHECK_EQ("ReadFile of its first page", ReadFile(f, bytes, sizeof bytes, &got, NULL) && got == 4096, 1);
    /* The headers are the module's first page, as the loader mapped them. */
    const IMAGE_DOS_HEADER *dos = (const IMAGE_DOS_HEADER *)ntdll;
    const IMAGE_NT_HEADERS32 *nt = (const IMAGE_NT_HEADERS32 *)((const BYTE *)ntdll + dos->e_lfanew);
    DWORD headers = nt->OptionalHeader.SizeOfHeaders;
    CHECK_EQ("its headers are the loaded module's", SameBytes(bytes, ntdll, headers < 4096 ? headers : 4096), 1);
    NtdllSize = GetFileSize(f, NULL);
    CHECK_EQ("GetFileSize is more than a page", NtdllSize > 4096 && NtdllSize != INVALID_FILE_SIZE, 1);
    BY_HANDLE_FILE_INFORMATION info;
    CHECK_EQ("GetFileInformationByHandle", GetFileInformationByHandle(f, &info), 1);
    CHECK_EQ("...not a directory", info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY, 0);
    CHECK_EQ("...its size", info.nFileSizeLow, NtdllSize);
    CHECK_EQ("...a link", info.nNumberOfLinks >= 1, 1);
    CHECK_EQ("...a time", info.ftLastWriteTime.dwHighDateTime != 0, 1);
    Fails("WriteFile on the read handle", WriteFile(f, "x", 1, &got, NULL), ERROR_ACCESS_DENIED);
    CloseHandle(f);

    /* Any case, \\?\, a path through .., and the same file. */
    f = OpenRead("\\\\?\\C:\\WINDOWS\\SYSTEM32\\NTDLL.DLL");
    CHECK_EQ("\\\\?\\C:\\WINDOWS\\SYSTEM32\\NTDLL.DLL opens", f != INVALID_HANDLE_VALUE, 1);
    CHECK_EQ("...the same size", GetFileSize(f, NULL), NtdllSize);
    CloseHandle(f);
    f = OpenRead("C:\\Windows\\system32\\..\\system32\\.\\ntdll.dll");
    CHECK_EQ("C:\\Windows\\system32\\..\\system32\\.\\ntdll.dll opens", f != INVALID_HANDLE_VALUE, 1);
    CloseHandle(f);
}

static void Attributes(void)
{
    CHECK_EQ("GetFileAttributes(C:\\Windows)", GetFileAttributesA("C:\\Windows"), FILE_ATTRIBUTE_DIRECTORY);
    CHECK_EQ("GetFileAttributes(C:\\Windows\\system32)", GetFileAttributesA("C:\\Windows\\system32"),
             FILE_ATTRIBUTE_DIRECTORY);
    DWORD a = GetFileAttributesA("C:\\Windows\\system32\\kernel32.dll");
    CHECK_EQ("GetFileAttributes(kernel32.dll): a file", a != INVALID_FILE_ATTRIBUTES &&
             !(a & FILE_ATTRIBUTE_DIRECTORY), 1);
    /* Only the DLLs: the system directory's other files are not there. */
    SetLastError(0);
    CHECK_EQ("GetFileAttributes(libntdll.a)", GetFileAttributesA("C:\\Windows\\system32\\libntdll.a"),
             INVALID_FILE_ATTRIBUTES);
    CHECK_EQ("...ERROR_FILE_NOT_FOUND", GetLastError(), ERROR_FILE_NOT_FOUND);
    GetFileAttributesA("C:\\Windows\\system32\\ntdll.dll\\x");
    CHECK_EQ("GetFileAttributes(ntdll.dll\\x): ERROR_PATH_NOT_FOUND", GetLastError(), ERROR_PATH_NOT_FOUND);
    GetFileAttributesA("C:\\Windows\\system32\\..\\..\\..\\..\\etc\\passwd");
    CHECK_EQ("GetFileAttributes(system32\\..\\..\\..\\..\\etc\\passwd): ERROR_PATH_NOT_FOUND",
             GetLastError(), ERROR_PATH_NOT_FOUND);
    GetFileAttributesA("C:\\Windows\\nothing\\x");
    CHECK_EQ("GetFileAttributes(C:\\Windows\\nothing\\x): ERROR_PATH_NOT_FOUND", GetLastError(),
             ERROR_PATH_NOT_FOUND);
    if (Mode == 1) {
        CHECK_EQ("the root's own system32 file is there", GetFileAttributesA("C:\\Windows\\system32\\own.txt")
                 != INVALID_FILE_ATTRIBUTES, 1);
    }
}

/* Whether a listing of `pattern` has `name` (and its attributes and size). */
static BOOL Listed(const char *pattern, const char *name, DWORD *attributes, DWORD *size, int *count)
{
    WIN32_FIND_DATAA data;
    HANDLE h = FindFirstFileA(pattern, &data);
    BOOL found = FALSE;
    *count = 0;
    if (h == INVALID_HANDLE_VALUE) {
        return FALSE;
    }
    do {
        if (Same(data.cFileName, name)) {
            found = TRUE;
            ++*count;
            *attributes = data.dwFileAttributes;
            *size = data.nFileSizeLow;
        }
    } while (FindNextFileA(h, &data));
    FindClose(h);
    return found;
}

static void Listings(void)
{
    DWORD attributes = 0, size = 0;
    int count;
    CHECK_EQ("C:\\* lists Windows", Listed("C:\\*", "Windows", &attributes, &size, &count) && count == 1, 1);
    CHECK_EQ("...a directory", attributes, FILE_ATTRIBUTE_DIRECTORY);
    CHECK_EQ("C:\\Windows\\* lists system32", Listed("C:\\Windows\\*", "system32", &attributes, &size, &count),
             1);
    CHECK_EQ("...a directory", attributes, FILE_ATTRIBUTE_DIRECTORY);
    CHECK_EQ("C:\\Windows\\* lists ..", Listed("C:\\Windows\\*", "..", &attributes, &size, &count), 1);
    CHECK_EQ("C:\\Windows\\system32\\*.dll lists ntdll.dll once",
             Listed("C:\\Windows\\system32\\*.dll", "ntdll.dll", &attributes, &size, &count) && count == 1, 1);
    CHECK_EQ("...its size (the system directory's file, not the root's)", size, NtdllSize);
    CHECK_EQ("...a file", attributes & FILE_ATTRIBUTE_DIRECTORY, 0);
    CHECK_EQ("C:\\Windows\\system32\\*.dll lists kernel32.dll",
             Listed("C:\\Windows\\system32\\*.dll", "kernel32.dll", &attributes, &size, &count), 1);
    CHECK_EQ("C:\\Windows\\system32\\* lists no libntdll.a",
             Listed("C:\\Windows\\system32\\*", "libntdll.a", &attributes, &size, &count), 0);
    CHECK_EQ("C:\\Windows\\system32\\* has own.txt only in a root that has it",
             Listed("C:\\Windows\\system32\\*", "own.txt", &attributes, &size, &count), Mode == 1);
}

static void Changes(void)
{
    const char *k32 = "C:\\Windows\\system32\\kernel32.dll";
    Refused("CreateFile(kernel32.dll, GENERIC_WRITE)", k32, GENERIC_WRITE, OPEN_EXISTING, ERROR_ACCESS_DENIED);
    Refused("CreateFile(kernel32.dll, DELETE)", k32, DELETE, OPEN_EXISTING, ERROR_ACCESS_DENIED);
    Refused("CreateFile(kernel32.dll, FILE_WRITE_ATTRIBUTES)", k32, FILE_WRITE_ATTRIBUTES, OPEN_EXISTING,
            ERROR_ACCESS_DENIED);
    Refused("CreateFile(kernel32.dll, CREATE_ALWAYS)", k32, GENERIC_READ, CREATE_ALWAYS, ERROR_ACCESS_DENIED);
    Refused("CreateFile(kernel32.dll, TRUNCATE_EXISTING)", k32, GENERIC_READ | GENERIC_WRITE, TRUNCATE_EXISTING,
            ERROR_ACCESS_DENIED);
    Refused("CreateFile(kernel32.dll, CREATE_NEW)", k32, GENERIC_WRITE, CREATE_NEW, ERROR_FILE_EXISTS);
    Refused("CreateFile(system32\\new.txt, CREATE_NEW)", "C:\\Windows\\system32\\new.txt", GENERIC_WRITE,
            CREATE_NEW, ERROR_ACCESS_DENIED);
    Refused("CreateFile(C:\\Windows\\new.txt, CREATE_ALWAYS)", "C:\\Windows\\new.txt", GENERIC_WRITE,
            CREATE_ALWAYS, ERROR_ACCESS_DENIED);
    Refused("CreateFile(system32\\missing.dll, OPEN_EXISTING)", "C:\\Windows\\system32\\missing.dll",
            GENERIC_READ | GENERIC_WRITE, OPEN_EXISTING, ERROR_FILE_NOT_FOUND);
    /* MAXIMUM_ALLOWED is read and execute. */
    HANDLE f = CreateFileA(k32, MAXIMUM_ALLOWED, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    CHECK_EQ("CreateFile(kernel32.dll, MAXIMUM_ALLOWED) opens", f != INVALID_HANDLE_VALUE, 1);
    DWORD done;
    Fails("...and cannot write", WriteFile(f, "x", 1, &done, NULL), ERROR_ACCESS_DENIED);
    CloseHandle(f);
    Fails("DeleteFile(kernel32.dll)", DeleteFileA(k32), ERROR_ACCESS_DENIED);
    Fails("MoveFile(kernel32.dll, C:\\k.dll)", MoveFileA(k32, "C:\\k.dll"), ERROR_ACCESS_DENIED);
    Fails("SetFileAttributes(kernel32.dll, READONLY)", SetFileAttributesA(k32, FILE_ATTRIBUTE_READONLY),
          ERROR_ACCESS_DENIED);
    Fails("CreateDirectory(C:\\Windows)", CreateDirectoryA("C:\\Windows", NULL), ERROR_ALREADY_EXISTS);
    Fails("CreateDirectory(C:\\Windows\\system32)", CreateDirectoryA("C:\\Windows\\system32", NULL),
          ERROR_ALREADY_EXISTS);
    Fails("CreateDirectory(C:\\Windows\\system32\\sub)", CreateDirectoryA("C:\\Windows\\system32\\sub", NULL),
          ERROR_ACCESS_DENIED);
    Fails("RemoveDirectory(C:\\Windows\\system32)", RemoveDirectoryA("C:\\Windows\\system32"),
          ERROR_ACCESS_DENIED);
    Fails("MoveFile(C:\\Windows, C:\\W2)", MoveFileA("C:\\Windows", "C:\\W2"), ERROR_ACCESS_DENIED);
    if (Mode == 1) {
        Fails("DeleteFile(the root's system32\\own.txt)", DeleteFileA("C:\\Windows\\system32\\own.txt"),
              ERROR_ACCESS_DENIED);
        Refused("CreateFile(the root's own.txt, GENERIC_WRITE)", "C:\\Windows\\system32\\own.txt", GENERIC_WRITE,
                OPEN_EXISTING, ERROR_ACCESS_DENIED);
    }
    if (Mode == 2) {
        return; /* a read-only root takes no file of its own */
    }
    /* Copies out are the user's; names in are refused. */
    CHECK_EQ("CopyFile(kernel32.dll, C:\\copy.dll)", CopyFileA(k32, "C:\\copy.dll", TRUE), 1);
    CHECK_EQ("...the copy is the user's to delete", DeleteFileA("C:\\copy.dll"), 1);
    f = CreateFileA("C:\\mine.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    CHECK_EQ("C:\\mine.txt created", f != INVALID_HANDLE_VALUE, 1);
    CloseHandle(f);
    Fails("MoveFile(C:\\mine.txt, system32\\mine.txt)",
          MoveFileA("C:\\mine.txt", "C:\\Windows\\system32\\mine.txt"), ERROR_ACCESS_DENIED);
    Fails("MoveFileEx(C:\\mine.txt, system32\\ntdll.dll, REPLACE_EXISTING)",
          MoveFileExA("C:\\mine.txt", "C:\\Windows\\system32\\ntdll.dll", MOVEFILE_REPLACE_EXISTING),
          ERROR_ACCESS_DENIED);
    Fails("MoveFile(C:\\mine.txt, C:\\Windows\\mine.txt)", MoveFileA("C:\\mine.txt", "C:\\Windows\\mine.txt"),
          ERROR_ACCESS_DENIED);
    Fails("CopyFile(C:\\mine.txt, system32\\mine.txt)",
          CopyFileA("C:\\mine.txt", "C:\\Windows\\system32\\mine.txt", FALSE), ERROR_ACCESS_DENIED);
    Fails("CreateHardLink(C:\\ntdll-link.dll, ntdll.dll)",
          CreateHardLinkA("C:\\ntdll-link.dll", "C:\\Windows\\system32\\ntdll.dll", NULL), ERROR_ACCESS_DENIED);
    CHECK_EQ("DeleteFile(C:\\mine.txt)", DeleteFileA("C:\\mine.txt"), 1);
}

static void Mappings(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    HANDLE f = OpenRead("C:\\Windows\\system32\\ntdll.dll");
    HANDLE image = CreateFileMappingA(f, NULL, PAGE_READONLY | SEC_IMAGE, 0, 0, NULL);
    CHECK_EQ("CreateFileMapping(ntdll.dll, SEC_IMAGE)", image != NULL, 1);
    BYTE *view = MapViewOfFile(image, FILE_MAP_READ, 0, 0, 0);
    CHECK_EQ("MapViewOfFile: a second view, elsewhere", view != NULL && view != (BYTE *)ntdll, 1);
    MEMORY_BASIC_INFORMATION mbi;
    CHECK_EQ("VirtualQuery(view)", VirtualQuery(view, &mbi, sizeof mbi), sizeof mbi);
    CHECK_EQ("...MEM_IMAGE", mbi.Type, MEM_IMAGE);
    CHECK_EQ("...its allocation base", (DWORD)mbi.AllocationBase, (DWORD)view);
    CHECK_EQ("...PAGE_READONLY headers", mbi.Protect, PAGE_READONLY);
    CHECK_EQ("...the headers the module has", view && SameBytes(view, ntdll, 512), 1);
    CHECK_EQ("NtAreMappedFilesTheSame(view, view + 30)", NtAreMappedFilesTheSame(view, view + 30), 0);
    UnmapViewOfFile(view);
    CloseHandle(image);
    /* An image section's protection bounds its views (kernel32 virtual.c
     * test_mapping: 3804, 3819, 3882-3884, and map_prot_to_access). */
    Fails("CreateFileMapping(ntdll.dll, PAGE_NOACCESS | SEC_IMAGE)",
          CreateFileMappingA(f, NULL, PAGE_NOACCESS | SEC_IMAGE, 0, 0, NULL) != NULL, ERROR_INVALID_PARAMETER);
    Fails("CreateFileMapping(ntdll.dll, PAGE_EXECUTE | SEC_IMAGE)",
          CreateFileMappingA(f, NULL, PAGE_EXECUTE | SEC_IMAGE, 0, 0, NULL) != NULL, ERROR_INVALID_PARAMETER);
    image = CreateFileMappingA(f, NULL, PAGE_READONLY | SEC_IMAGE, 0, 0, NULL);
    Fails("PAGE_READONLY image: MapViewOfFile(FILE_MAP_WRITE)", MapViewOfFile(image, FILE_MAP_WRITE, 0, 0, 0) != NULL,
          ERROR_ACCESS_DENIED);
    Fails("PAGE_READONLY image: MapViewOfFile(FILE_MAP_READ | FILE_MAP_EXECUTE)",
          MapViewOfFile(image, FILE_MAP_READ | FILE_MAP_EXECUTE, 0, 0, 0) != NULL, ERROR_ACCESS_DENIED);
    CloseHandle(image);
    image = CreateFileMappingA(f, NULL, PAGE_EXECUTE_READ | SEC_IMAGE, 0, 0, NULL);
    view = MapViewOfFile(image, FILE_MAP_READ | FILE_MAP_EXECUTE, 0, 0, 0);
    CHECK_EQ("PAGE_EXECUTE_READ image: MapViewOfFile(FILE_MAP_READ | FILE_MAP_EXECUTE)", view != NULL, 1);
    UnmapViewOfFile(view);
    CloseHandle(image);
    /* An image is never written through: the file's read access is enough. */
    image = CreateFileMappingA(f, NULL, PAGE_READWRITE | SEC_IMAGE, 0, 0, NULL);
    CHECK_EQ("CreateFileMapping(PAGE_READWRITE | SEC_IMAGE) on a read handle", image != NULL, 1);
    view = MapViewOfFile(image, FILE_MAP_WRITE, 0, 0, 0);
    CHECK_EQ("...MapViewOfFile(FILE_MAP_WRITE)", view != NULL, 1);
    CHECK_EQ("...its headers PAGE_READONLY", VirtualQuery(view, &mbi, sizeof mbi) && mbi.Protect == PAGE_READONLY, 1);
    UnmapViewOfFile(view);
    CloseHandle(image);
    HANDLE data = CreateFileMappingA(f, NULL, PAGE_READONLY, 0, 0, NULL);
    CHECK_EQ("CreateFileMapping(ntdll.dll, PAGE_READONLY)", data != NULL, 1);
    view = MapViewOfFile(data, FILE_MAP_READ, 0, 0, 0);
    CHECK_EQ("...a view of its bytes: MZ", view && view[0] == 'M' && view[1] == 'Z', 1);
    CHECK_EQ("...MEM_MAPPED", VirtualQuery(view, &mbi, sizeof mbi) && mbi.Type == MEM_MAPPED, 1);
    UnmapViewOfFile(view);
    CloseHandle(data);
    Fails("CreateFileMapping(ntdll.dll, PAGE_READWRITE) on a read handle",
          CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL) != NULL, ERROR_ACCESS_DENIED);
    CloseHandle(f);

    /* A DLL not loaded yet, from its file (a loaded one's handle is the module's). */
    HMODULE data_dll = LoadLibraryExA("C:\\Windows\\system32\\shlwapi.dll", NULL, LOAD_LIBRARY_AS_DATAFILE);
    CHECK_EQ("LoadLibraryEx(shlwapi.dll full path, LOAD_LIBRARY_AS_DATAFILE)", data_dll != NULL, 1);
    CHECK_EQ("...not loaded as a module", GetModuleHandleA("shlwapi.dll") == NULL, 1);
    FreeLibrary(data_dll);
    HMODULE again = LoadLibraryA("C:\\Windows\\system32\\kernel32.dll");
    CHECK_EQ("LoadLibrary(kernel32.dll full path) is the loaded kernel32", again == GetModuleHandleA("kernel32.dll"),
             1);
    /* A full path without an extension gets .dll (kernel32 module.c:458-467). */
    again = LoadLibraryExA("C:\\Windows\\system32\\kernel32", NULL, 0);
    CHECK_EQ("LoadLibraryEx(C:\\Windows\\system32\\kernel32) is the loaded kernel32",
             again == GetModuleHandleA("kernel32.dll"), 1);
    /* A data file that is not there is a file not found (module.c:431-436). */
    SetLastError(0);
    CHECK_EQ("LoadLibraryEx(C:\\Windows\\kernel32.dll, LOAD_LIBRARY_AS_DATAFILE)",
             LoadLibraryExA("C:\\Windows\\kernel32.dll", NULL, LOAD_LIBRARY_AS_DATAFILE) == NULL, 1);
    CHECK_EQ("...ERROR_FILE_NOT_FOUND", GetLastError(), ERROR_FILE_NOT_FOUND);
}

void __cdecl start(void)
{
    const char *line = GetCommandLineA();
    const char *last = line;
    for (const char *p = line; *p; p++) {
        if (*p == ' ') {
            last = p + 1;
        }
    }
    Mode = Same(last, "real") ? 1 : Same(last, "readonly") ? 2 : 0;
    ModuleFile();
    Attributes();
    Listings();
    Changes();
    Mappings();
    Finish();
}
