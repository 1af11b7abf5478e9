/*
 * Every way out of the root, refused with Windows' answer: `..` past the
 * root (which stays the root, as on Windows), absolute host paths, other
 * drives, \\?\ and \\.\ names, UNC paths, device names, and the symbolic
 * links run-io-test.sh planted in the root (one to a file outside, one to a
 * directory outside, one absolute). Bad pointers to the native services
 * give STATUS_ACCESS_VIOLATION. With the argument "readonly" (run under
 * --root-readonly) every change is refused with ERROR_WRITE_PROTECT and
 * reading still works.
 *
 * The script checks afterwards that nothing outside the root changed.
 */
#include "pe.h"
#include "native.h"

typedef struct {
    USHORT Length, MaximumLength;
    WCHAR *Buffer;
} NT_STRING;
typedef struct {
    ULONG Length;
    HANDLE RootDirectory;
    NT_STRING *ObjectName;
    ULONG Attributes;
    PVOID SecurityDescriptor, SecurityQualityOfService;
} NT_OBJECT_ATTRIBUTES;

NTIMPORT NtCreateFile(HANDLE *, ULONG, NT_OBJECT_ATTRIBUTES *, PVOID, PVOID, ULONG, ULONG, ULONG, ULONG,
                      PVOID, ULONG);
NTIMPORT NtReadFile(HANDLE, HANDLE, PVOID, PVOID, PVOID, PVOID, ULONG, PVOID, PVOID);
NTIMPORT NtQueryDirectoryFile(HANDLE, HANDLE, PVOID, PVOID, PVOID, PVOID, ULONG, ULONG, BOOLEAN, PVOID,
                              BOOLEAN);
NTIMPORT NtQueryInformationFile(HANDLE, PVOID, PVOID, ULONG, ULONG);
NTIMPORT NtClose(HANDLE);

#define RW (GENERIC_READ | GENERIC_WRITE)
#define SHARE_ALL (FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)

static HANDLE Open(const char *name, DWORD access, DWORD disposition)
{
    return CreateFileA(name, access, SHARE_ALL, NULL, disposition, FILE_FLAG_BACKUP_SEMANTICS, NULL);
}

/* An open that must fail with `error`. */
static void Refused(const char *name, DWORD access, DWORD disposition, DWORD error)
{
    HANDLE f = Open(name, access, disposition);
    DWORD got = GetLastError();
    if (f != INVALID_HANDLE_VALUE) {
        CloseHandle(f);
        got = 0;
    }
    Print(name);
    Print(": ");
    CHECK_EQ("refused", got, error);
}

/* NtCreateFile on an NT name, for the status itself. */
static LONG NtOpen(const WCHAR *name, ULONG access, ULONG disposition, HANDLE *out)
{
    NT_STRING string = {0, 0, (WCHAR *)name};
    while (name[string.Length / 2]) {
        string.Length += 2;
    }
    string.MaximumLength = string.Length;
    NT_OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &string, 0x40, NULL, NULL};
    ULONG iosb[2];
    HANDLE h = NULL;
    LONG status = NtCreateFile(&h, access | SYNCHRONIZE, &oa, iosb, NULL, 0, 7, disposition, 0x20, NULL, 0);
    if (out) {
        *out = h;
    } else if (status >= 0) {
        NtClose(h);
    }
    return status;
}

static void Escapes(const char *outside)
{
    Print("-- escapes\n");
    /* .. at the root is the root: these are names under C:\, not found. */
    Refused("..\\outside\\secret.txt", GENERIC_READ, OPEN_EXISTING, ERROR_PATH_NOT_FOUND);
    Refused("C:\\..\\..\\..\\..\\etc\\passwd", GENERIC_READ, OPEN_EXISTING, ERROR_PATH_NOT_FOUND);
    Refused("/etc/passwd", GENERIC_READ, OPEN_EXISTING, ERROR_PATH_NOT_FOUND);
    Refused("..\\..\\..\\..\\..\\..\\..\\tmp\\ntmm-escape.txt", GENERIC_WRITE, CREATE_ALWAYS,
            ERROR_PATH_NOT_FOUND);
    Refused(outside, GENERIC_READ, OPEN_EXISTING, ERROR_PATH_NOT_FOUND);
    Refused(outside, GENERIC_WRITE, CREATE_ALWAYS, ERROR_PATH_NOT_FOUND);
    /* Symbolic links inside the root that lead out of it. */
    Refused("link-file", GENERIC_READ, OPEN_EXISTING, ERROR_ACCESS_DENIED);
    Refused("link-file", GENERIC_WRITE, CREATE_ALWAYS, ERROR_ACCESS_DENIED);
    Refused("link-dir\\secret.txt", GENERIC_READ, OPEN_EXISTING, ERROR_ACCESS_DENIED);
    Refused("link-dir\\new.txt", GENERIC_WRITE, CREATE_NEW, ERROR_ACCESS_DENIED);
    Refused("link-abs", GENERIC_READ, OPEN_EXISTING, ERROR_ACCESS_DENIED);
    CHECK_EQ("GetFileAttributes through a link out",
             GetFileAttributesA("link-dir\\secret.txt") == INVALID_FILE_ATTRIBUTES, TRUE);
    CHECK_EQ("CreateDirectory through a link out", CreateDirectoryA("link-dir\\made", NULL), FALSE);
    CHECK_EQ("DeleteFile through a link out", DeleteFileA("link-dir\\secret.txt"), FALSE);
    CHECK_EQ("MoveFile through a link out", MoveFileA("inside.txt", "link-dir\\stolen.txt"), FALSE);
    CHECK_EQ("SetCurrentDirectory through a link out", SetCurrentDirectoryA("link-dir"), FALSE);
    WIN32_FIND_DATAA data;
    CHECK_EQ("FindFirstFile through a link out",
             FindFirstFileA("link-dir\\*", &data) == INVALID_HANDLE_VALUE, TRUE);
    /* A link inside the root that stays inside works. */
    HANDLE f = Open("link-inside", GENERIC_READ, OPEN_EXISTING);
    CHECK_EQ("a link that stays inside opens", f != INVALID_HANDLE_VALUE, TRUE);
    CloseHandle(f);
    /* Twin and twin are two host files: a rename of one onto the other's
     * name is onto an existing file, never a change of case. */
    CHECK_EQ("MoveFile Twin twin", MoveFileA("Twin", "twin"), FALSE);
    CHECK_EQ("  ERROR_ALREADY_EXISTS", GetLastError(), ERROR_ALREADY_EXISTS);
    /* A FIFO in the root is no file Windows could have: refused, not waited on. */
    Refused("fifo", GENERIC_READ, OPEN_EXISTING, ERROR_ACCESS_DENIED);
    Refused("fifo", GENERIC_WRITE, OPEN_ALWAYS, ERROR_ACCESS_DENIED);
    /* \\?\ names are not normalized: NT refuses `..` in them. */
    Refused("\\\\?\\C:\\..\\outside\\secret.txt", GENERIC_READ, OPEN_EXISTING, ERROR_INVALID_NAME);
    Refused("\\\\?\\C:\\inside.txt\\..\\..\\x", GENERIC_READ, OPEN_EXISTING, ERROR_INVALID_NAME);
    Refused("\\\\?\\D:\\x", GENERIC_READ, OPEN_EXISTING, ERROR_PATH_NOT_FOUND);
    Refused("D:\\x", GENERIC_READ, OPEN_EXISTING, ERROR_PATH_NOT_FOUND);
    Refused("Z:x", GENERIC_READ, OPEN_EXISTING, ERROR_PATH_NOT_FOUND);
    Refused("\\\\.\\C:", GENERIC_READ, OPEN_EXISTING, ERROR_ACCESS_DENIED);
    Refused("\\\\.\\PhysicalDrive0", GENERIC_READ, OPEN_EXISTING, ERROR_ACCESS_DENIED);
    Refused("\\\\.\\HarddiskVolume1", GENERIC_READ, OPEN_EXISTING, ERROR_ACCESS_DENIED);
    Refused("\\\\.\\pipe\\x", GENERIC_READ, OPEN_EXISTING, ERROR_FILE_NOT_FOUND);
    Refused("\\\\server\\share\\x.txt", GENERIC_READ, OPEN_EXISTING, ERROR_BAD_NETPATH);
    Refused("//server/share/x.txt", GENERIC_WRITE, CREATE_ALWAYS, ERROR_BAD_NETPATH);
    Refused("\\\\?\\UNC\\server\\share\\x", GENERIC_READ, OPEN_EXISTING, ERROR_BAD_NETPATH);
    Refused("\\\\localhost\\C$\\etc\\passwd", GENERIC_READ, OPEN_EXISTING, ERROR_BAD_NETPATH);
    /* Device names: NUL and CON are devices, the others absent here. */
    Refused("COM1", GENERIC_READ, OPEN_EXISTING, ERROR_FILE_NOT_FOUND);
    Refused("C:\\Windows\\lpt1.txt", GENERIC_WRITE, CREATE_ALWAYS, ERROR_FILE_NOT_FOUND);
    Refused("aux", GENERIC_READ, OPEN_EXISTING, ERROR_FILE_NOT_FOUND);
    Refused("PRN.log", GENERIC_WRITE, CREATE_ALWAYS, ERROR_FILE_NOT_FOUND);
    f = Open("nul", RW, OPEN_EXISTING);
    CHECK_EQ("NUL opens", f != INVALID_HANDLE_VALUE, TRUE);
    DWORD n = 0;
    char buffer[128];
    CHECK_EQ("NUL takes a write", WriteFile(f, "gone", 4, &n, NULL), TRUE);
    CHECK_EQ("all of it", n, 4);
    CHECK_EQ("NUL reads", ReadFile(f, buffer, sizeof buffer, &n, NULL), TRUE);
    CHECK_EQ("nothing", n, 0);
    CHECK_EQ("NUL is a character device", GetFileType(f), FILE_TYPE_CHAR);
    CloseHandle(f);
    f = Open("C:\\Windows\\NUL.txt", GENERIC_WRITE, CREATE_ALWAYS);
    CHECK_EQ("NUL.txt in any directory is NUL", f != INVALID_HANDLE_VALUE, TRUE);
    CloseHandle(f);
    /* ...that exists (Wine's ntdll path.c:578, C:\nonexistent\nul). */
    Refused("C:\\some\\dir\\NUL.txt", GENERIC_WRITE, CREATE_ALWAYS, ERROR_PATH_NOT_FOUND);
    CHECK_EQ("and made no file", GetFileAttributesA("C:\\some") == INVALID_FILE_ATTRIBUTES, TRUE);
    f = Open("CONOUT$", GENERIC_WRITE, OPEN_EXISTING);
    CHECK_EQ("CONOUT$ opens", f != INVALID_HANDLE_VALUE, TRUE);
    WriteFile(f, "ok   CONOUT$ writes to the console\n", 35, &n, NULL);
    CloseHandle(f);
    /* Names NTFS refuses. */
    Refused("bad\x01name", GENERIC_WRITE, CREATE_ALWAYS, ERROR_INVALID_NAME);
    Refused("what?.txt", GENERIC_WRITE, CREATE_ALWAYS, ERROR_INVALID_NAME);
    Refused("quote\".txt", GENERIC_WRITE, CREATE_ALWAYS, ERROR_INVALID_NAME);

    /* The NT names themselves. */
    Print("-- NT names\n");
    CHECK_EQ("\\??\\C:\\x\\..\\y", NtOpen(L"\\??\\C:\\inside.txt\\..\\y", GENERIC_READ, 1, NULL),
             0xC0000033);
    CHECK_EQ("\\??\\C:\\.", NtOpen(L"\\??\\C:\\.", GENERIC_READ, 1, NULL), 0xC0000033);
    CHECK_EQ("\\??\\C:/", NtOpen(L"\\??\\C:/", GENERIC_READ, 1, NULL), 0xC0000034);
    CHECK_EQ("\\??\\C:\\a/b", NtOpen(L"\\??\\C:\\a/b", GENERIC_READ, 1, NULL), 0xC0000033);
    CHECK_EQ("\\??\\E:\\", NtOpen(L"\\??\\E:\\", GENERIC_READ, 1, NULL), 0xC000003A);
    CHECK_EQ("\\??\\UNC\\h\\s", NtOpen(L"\\??\\UNC\\h\\s", GENERIC_READ, 1, NULL), 0xC00000BE);
    CHECK_EQ("relative", NtOpen(L"C:\\inside.txt", GENERIC_READ, 1, NULL), 0xC000003B);
    CHECK_EQ("\\Device\\HarddiskVolume1\\x", NtOpen(L"\\Device\\HarddiskVolume1\\x", GENERIC_READ, 1, NULL),
             0xC000003A);
    CHECK_EQ("\\??\\C:\\inside.txt\\", NtOpen(L"\\??\\C:\\inside.txt\\", GENERIC_READ, 1, NULL), 0xC0000033);
    CHECK_EQ("\\??\\C:\\inside.txt\\x", NtOpen(L"\\??\\C:\\inside.txt\\x", GENERIC_READ, 1, NULL), 0xC000003A);
    CHECK_EQ("\\??\\c:\\INSIDE.TXT", NtOpen(L"\\??\\c:\\INSIDE.TXT", GENERIC_READ, 1, NULL), 0);

    /* Bad pointers: a status, never a crash. */
    Print("-- bad pointers\n");
    NT_STRING name = {22, 22, L"\\??\\C:\\x.txt"};
    NT_OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &name, 0x40, NULL, NULL};
    ULONG iosb[2];
    HANDLE h;
    CHECK_EQ("NtCreateFile: handle in kernel space",
             NtCreateFile((HANDLE *)0x80000000, GENERIC_READ, &oa, iosb, NULL, 0, 7, 3, 0, NULL, 0),
             0xC0000005);
    CHECK_EQ("NtCreateFile: IO_STATUS_BLOCK unmapped",
             NtCreateFile(&h, GENERIC_READ, &oa, (PVOID)0x1000, NULL, 0, 7, 3, 0, NULL, 0), 0xC0000005);
    CHECK_EQ("NtCreateFile: attributes unmapped",
             NtCreateFile(&h, GENERIC_READ, (PVOID)0x1000, iosb, NULL, 0, 7, 3, 0, NULL, 0), 0xC0000005);
    NT_STRING bad = {22, 22, (WCHAR *)0x7FFF0000};
    NT_OBJECT_ATTRIBUTES bad_oa = {sizeof bad_oa, NULL, &bad, 0x40, NULL, NULL};
    CHECK_EQ("NtCreateFile: name buffer unmapped",
             NtCreateFile(&h, GENERIC_READ, &bad_oa, iosb, NULL, 0, 7, 3, 0, NULL, 0), 0xC0000005);
    CHECK_EQ("no file was made by those", GetFileAttributesA("x.txt"), INVALID_FILE_ATTRIBUTES);
    NtOpen(L"\\??\\C:\\inside.txt", GENERIC_READ, 1, &h);
    CHECK_EQ("NtReadFile into kernel space",
             NtReadFile(h, NULL, NULL, NULL, iosb, (PVOID)0x80001000, 4, NULL, NULL), 0xC0000005);
    CHECK_EQ("NtReadFile: offset unmapped",
             NtReadFile(h, NULL, NULL, NULL, iosb, iosb, 4, (PVOID)0x1000, NULL), 0xC0000005);
    CHECK_EQ("NtQueryInformationFile into kernel space",
             NtQueryInformationFile(h, iosb, (PVOID)0xFFFF0000, 24, 5), 0xC0000005);
    CHECK_EQ("NtQueryInformationFile: unknown class", NtQueryInformationFile(h, iosb, iosb, 8, 200),
             0xC0000003);
    CHECK_EQ("NtQueryDirectoryFile on a file",
             NtQueryDirectoryFile(h, NULL, NULL, NULL, iosb, buffer, 128, 1, FALSE, NULL, FALSE), 0xC000000D);
    CHECK_EQ("NtQueryDirectoryFile with no room for one entry",
             NtQueryDirectoryFile(h, NULL, NULL, NULL, iosb, buffer, 16, 1, FALSE, NULL, FALSE), 0xC0000004);
    NtClose(h);
    CHECK_EQ("NtReadFile on a closed handle",
             NtReadFile(h, NULL, NULL, NULL, iosb, buffer, 4, NULL, NULL), 0xC0000008);
}

static void ReadOnly(void)
{
    Print("-- --root-readonly\n");
    Refused("new.txt", GENERIC_WRITE, CREATE_NEW, ERROR_WRITE_PROTECT);
    Refused("inside.txt", GENERIC_WRITE, OPEN_EXISTING, ERROR_WRITE_PROTECT);
    Refused("inside.txt", GENERIC_READ, CREATE_ALWAYS, ERROR_WRITE_PROTECT);
    Refused("inside.txt", GENERIC_READ, TRUNCATE_EXISTING, ERROR_INVALID_PARAMETER);
    CHECK_EQ("DeleteFile", DeleteFileA("inside.txt"), FALSE);
    CHECK_EQ("DeleteFile's error", GetLastError(), ERROR_WRITE_PROTECT);
    CHECK_EQ("CreateDirectory", CreateDirectoryA("made", NULL), FALSE);
    CHECK_EQ("CreateDirectory's error", GetLastError(), ERROR_WRITE_PROTECT);
    CHECK_EQ("MoveFile", MoveFileA("inside.txt", "moved.txt"), FALSE);
    CHECK_EQ("MoveFile's error", GetLastError(), ERROR_WRITE_PROTECT);
    CHECK_EQ("SetFileAttributes", SetFileAttributesA("inside.txt", FILE_ATTRIBUTE_READONLY), FALSE);
    CHECK_EQ("SetFileAttributes's error", GetLastError(), ERROR_WRITE_PROTECT);
    CHECK_EQ("GetTempFileName", GetTempFileNameA("C:\\", "t", 0, (char[MAX_PATH]){0}), 0);
    HANDLE f = Open("inside.txt", GENERIC_READ, OPEN_EXISTING);
    char buffer[16];
    DWORD n = 0;
    CHECK_EQ("reading still works", ReadFile(f, buffer, sizeof buffer, &n, NULL), TRUE);
    CHECK_EQ("the whole file", n, 6);
    CloseHandle(f);
    DWORD flags = 0;
    GetVolumeInformationA("C:\\", NULL, 0, NULL, NULL, &flags, NULL, 0);
    CHECK_EQ("FILE_READ_ONLY_VOLUME", flags & 0x80000, 0x80000);
}

/* Run under `ulimit -n 256`: files open until the volume says no, with
 * ERROR_TOO_MANY_OPEN_FILES, and ntmm (its pagefile, its own descriptors)
 * keeps working; closing them gives the room back. */
static void TooMany(void)
{
    Print("-- too many open files\n");
    static HANDLE handles[1024];
    DWORD n = 0, error = 0;
    while (n < 1024) {
        handles[n] = Open("inside.txt", GENERIC_READ, OPEN_EXISTING);
        if (handles[n] == INVALID_HANDLE_VALUE) {
            error = GetLastError();
            break;
        }
        n++;
    }
    CHECK_EQ("some opened", n > 100, TRUE);
    CHECK_EQ("then ERROR_TOO_MANY_OPEN_FILES", error, ERROR_TOO_MANY_OPEN_FILES);
    /* Memory still pages (4 MiB of RAM): the pagefile is ntmm's, untouched by the limit. */
    static char big[8 << 20];
    for (DWORD i = 0; i < sizeof big; i += 4096) {
        big[i] = (char)(i >> 12);
    }
    CHECK_EQ("memory still works", big[4096 * 7], 7);
    while (n) {
        CloseHandle(handles[--n]);
    }
    HANDLE f = Open("inside.txt", GENERIC_READ, OPEN_EXISTING);
    CHECK_EQ("after closing them, files open again", f != INVALID_HANDLE_VALUE, TRUE);
    CloseHandle(f);
}

/* Standard input redirected from a host file ("0123456789"): a disk file
 * with a size and a position; standard output is one too. */
static void RedirectedInput(void)
{
    Print("-- standard input from a file\n");
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    CHECK_EQ("GetFileType", GetFileType(in), FILE_TYPE_DISK);
    CHECK_EQ("GetFileSize", GetFileSize(in, NULL), 10);
    CHECK_EQ("SetFilePointer", SetFilePointer(in, 4, NULL, FILE_BEGIN), 4);
    char buffer[16] = {0};
    DWORD n = 0;
    ReadFile(in, buffer, sizeof buffer - 1, &n, NULL);
    CHECK_EQ("ReadFile from there", n == 6 && buffer[0] == '4', TRUE);
    CHECK_EQ("the position after", SetFilePointer(in, 0, NULL, FILE_CURRENT), 10);
    /* Opened for FILE_GENERIC_READ: no FILE_WRITE_ATTRIBUTES. */
    CHECK_EQ("SetFileTime on standard input", SetFileTime(in, NULL, NULL, NULL), FALSE);
    CHECK_EQ("  ERROR_ACCESS_DENIED", GetLastError(), ERROR_ACCESS_DENIED);
}

/* A raw system call: any number, any EDX. */
static LONG RawSyscall(DWORD number, DWORD edx)
{
    LONG status;
    __asm__ volatile("int $0x2E" : "=a"(status) : "a"(number), "d"(edx) : "ecx", "memory");
    return status;
}

static unsigned Seed = 7;
static DWORD Random(void)
{
    Seed = Seed * 1103515245u + 12345u;
    return Seed >> 1;
}

/* The file services (22 to 33 in ke/systable.h) with random arguments:
 * often pointers somewhere interesting, often small handles, sometimes a
 * real name. Every call returns a status; the script checks that nothing
 * outside the root changed. */
static void Fuzz(void)
{
    Print("-- the file services with random arguments\n");
    static const DWORD nasty[] = {0, 1, 4, 8, 12, 16, 20, 0xFFFFFFFF, 0x80000000, 0x7FFEFFFF,
                                  0x7FFF0000, 0x7FFE0000, 0x10000, 0xFFFFFFFC, 0x7FFDE000};
    static WCHAR names[][24] = {L"\\??\\C:\\fz.txt", L"\\??\\C:\\link-dir\\x", L"\\??\\C:\\..",
                                L"\\??\\C:\\", L"\\??\\UNC\\h\\s", L"\\??\\NUL"};
    static struct {
        USHORT Length, MaximumLength;
        WCHAR *Buffer;
    } strings[6];
    static NT_OBJECT_ATTRIBUTES attributes[6];
    for (int i = 0; i < 6; i++) {
        USHORT n = 0;
        while (names[i][n]) {
            n++;
        }
        strings[i].Length = strings[i].MaximumLength = (USHORT)(2 * n);
        strings[i].Buffer = names[i];
        attributes[i] = (NT_OBJECT_ATTRIBUTES){sizeof attributes[i], NULL, (NT_STRING *)&strings[i], 0x40,
                                               NULL, NULL};
    }
    static DWORD scratch[4096];
    DWORD calls = 0;
    for (int i = 0; i < 20000; i++) {
        DWORD service = 22 + Random() % 12;
        DWORD args[12];
        for (int k = 0; k < 12; k++) {
            DWORD r = Random();
            switch (r % 6) {
            case 0: args[k] = nasty[(r >> 4) % (sizeof nasty / sizeof nasty[0])]; break;
            case 1: args[k] = (DWORD)&attributes[(r >> 4) % 6]; break;
            case 2: args[k] = (DWORD)&scratch[(r >> 4) % 4000]; break;
            case 3: args[k] = (r >> 4) % 64; break;
            default: args[k] = Random(); break;
            }
        }
        RawSyscall(service, (DWORD)args);
        calls++;
    }
    CHECK_EQ("20000 calls, every one answered", calls, 20000);
    HANDLE f = Open("inside.txt", GENERIC_READ, OPEN_EXISTING);
    CHECK_EQ("the file system still works", f != INVALID_HANDLE_VALUE, TRUE);
    CloseHandle(f);
}

/* The last word of the command line: the host path the script gives. */
static const char *LastArgument(void)
{
    const char *line = GetCommandLineA(), *last = line;
    for (const char *p = line; *p; p++) {
        if (*p == ' ' && p[1] && p[1] != ' ') {
            last = p + 1;
        }
    }
    return last;
}

void __cdecl start(void)
{
    const char *argument = LastArgument();
    if (argument[0] == 'r') {
        ReadOnly();
    } else if (argument[0] == 'm') {
        TooMany();
    } else if (argument[0] == 's') {
        RedirectedInput();
    } else if (argument[0] == 'f') {
        Fuzz();
    } else {
        Escapes(argument);
    }
    Finish();
}
