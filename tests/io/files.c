/*
 * The file system through kernel32, each answer Windows' own (Microsoft's
 * documentation, Wine's kernel32 file.c/path.c and ntdll tests): CreateFile's
 * dispositions and last errors, reading and writing, the file pointer,
 * append, share modes, byte-range locks as SQLite takes them, delete,
 * rename, copy, directories and their listing, attributes and times, the
 * current directory and full paths, temporary files, the volume.
 *
 * Run by run-io-test.sh in a fresh root (the guest's C:), which checks
 * afterwards what the program left there.
 */
#include "pe.h"

static HANDLE Open(const char *name, DWORD access, DWORD share, DWORD disposition)
{
    return CreateFileA(name, access, share, NULL, disposition, FILE_ATTRIBUTE_NORMAL, NULL);
}

#define RW (GENERIC_READ | GENERIC_WRITE)
#define SHARE_ALL (FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)

/* What a failing call left in the last error (and that it failed). */
#define CHECK_ERROR(what, failed, error)                     \
    do {                                                     \
        BOOL failed_ = (failed);                             \
        DWORD error_ = GetLastError();                       \
        CHECK_EQ(what " fails", failed_, TRUE);              \
        CHECK_EQ(what " last error", error_, error);         \
    } while (0)

static BOOL Same(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++, b++;
    }
    return *a == *b;
}

#define CHECK_STR(what, got, want)                                   \
    do {                                                             \
        BOOL same_ = Same(got, want);                                \
        Print(same_ ? "ok   " : "FAIL ");                            \
        Print(what);                                                 \
        Print(" = \"");                                              \
        Print(got);                                                  \
        Print("\"");                                                 \
        if (!same_) {                                                \
            Print(", Windows gives \"");                             \
            Print(want);                                             \
            Print("\"");                                             \
            Failures++;                                              \
        }                                                            \
        Print("\n");                                                 \
    } while (0)

static void WriteText(HANDLE file, const char *text)
{
    DWORD n = 0, written;
    while (text[n]) {
        n++;
    }
    WriteFile(file, text, n, &written, NULL);
}

static void Dispositions(void)
{
    Print("-- dispositions\n");
    SetLastError(0xDEAD);
    HANDLE f = Open("new.txt", RW, 0, CREATE_NEW);
    CHECK_EQ("CREATE_NEW on a new name succeeds", f != INVALID_HANDLE_VALUE, TRUE);
    CHECK_EQ("CREATE_NEW last error", GetLastError(), ERROR_SUCCESS);
    WriteText(f, "0123456789");
    CloseHandle(f);
    CHECK_ERROR("CREATE_NEW on an existing file",
                Open("new.txt", RW, 0, CREATE_NEW) == INVALID_HANDLE_VALUE, ERROR_FILE_EXISTS);
    f = Open("new.txt", RW, 0, OPEN_ALWAYS);
    CHECK_EQ("OPEN_ALWAYS existing: ERROR_ALREADY_EXISTS", GetLastError(), ERROR_ALREADY_EXISTS);
    CHECK_EQ("OPEN_ALWAYS keeps the data", GetFileSize(f, NULL), 10);
    CloseHandle(f);
    f = Open("new.txt", RW, 0, CREATE_ALWAYS);
    CHECK_EQ("CREATE_ALWAYS existing: ERROR_ALREADY_EXISTS", GetLastError(), ERROR_ALREADY_EXISTS);
    CHECK_EQ("CREATE_ALWAYS truncates", GetFileSize(f, NULL), 0);
    WriteText(f, "abc");
    CloseHandle(f);
    f = Open("fresh.txt", RW, 0, CREATE_ALWAYS);
    CHECK_EQ("CREATE_ALWAYS new: last error 0", GetLastError(), ERROR_SUCCESS);
    CloseHandle(f);
    f = Open("fresh2.txt", RW, 0, OPEN_ALWAYS);
    CHECK_EQ("OPEN_ALWAYS new: last error 0", GetLastError(), ERROR_SUCCESS);
    CloseHandle(f);
    CHECK_ERROR("OPEN_EXISTING on a missing file",
                Open("missing.txt", GENERIC_READ, 0, OPEN_EXISTING) == INVALID_HANDLE_VALUE,
                ERROR_FILE_NOT_FOUND);
    CHECK_ERROR("OPEN_EXISTING under a missing directory",
                Open("nodir\\missing.txt", GENERIC_READ, 0, OPEN_EXISTING) == INVALID_HANDLE_VALUE,
                ERROR_PATH_NOT_FOUND);
    CHECK_ERROR("TRUNCATE_EXISTING without GENERIC_WRITE",
                Open("new.txt", GENERIC_READ, 0, TRUNCATE_EXISTING) == INVALID_HANDLE_VALUE,
                ERROR_INVALID_PARAMETER);
    f = Open("new.txt", GENERIC_WRITE, 0, TRUNCATE_EXISTING);
    CHECK_EQ("TRUNCATE_EXISTING empties the file", GetFileSize(f, NULL), 0);
    CloseHandle(f);
    CHECK_ERROR("TRUNCATE_EXISTING on a missing file",
                Open("missing.txt", GENERIC_WRITE, 0, TRUNCATE_EXISTING) == INVALID_HANDLE_VALUE,
                ERROR_FILE_NOT_FOUND);
    CHECK_ERROR("an empty name", Open("", GENERIC_READ, 0, OPEN_EXISTING) == INVALID_HANDLE_VALUE,
                ERROR_PATH_NOT_FOUND);
    CreateDirectoryA("adir", NULL);
    CHECK_ERROR("a directory without FILE_FLAG_BACKUP_SEMANTICS",
                Open("adir", GENERIC_READ, SHARE_ALL, OPEN_EXISTING) == INVALID_HANDLE_VALUE,
                ERROR_ACCESS_DENIED);
    f = CreateFileA("adir", GENERIC_READ, SHARE_ALL, NULL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS,
                    NULL);
    CHECK_EQ("a directory with FILE_FLAG_BACKUP_SEMANTICS", f != INVALID_HANDLE_VALUE, TRUE);
    CloseHandle(f);
}

static void ReadWrite(void)
{
    Print("-- read, write, pointer, append\n");
    HANDLE f = Open("rw.txt", RW, 0, CREATE_ALWAYS);
    WriteText(f, "hello world");
    CHECK_EQ("the pointer follows the write", SetFilePointer(f, 0, NULL, FILE_CURRENT), 11);
    CHECK_EQ("SetFilePointer FILE_BEGIN", SetFilePointer(f, 6, NULL, FILE_BEGIN), 6);
    char buffer[32];
    DWORD got = 0;
    CHECK_EQ("ReadFile", ReadFile(f, buffer, sizeof buffer, &got, NULL), TRUE);
    buffer[got] = 0;
    CHECK_STR("read from 6", buffer, "world");
    CHECK_EQ("ReadFile at the end succeeds", ReadFile(f, buffer, sizeof buffer, &got, NULL), TRUE);
    CHECK_EQ("ReadFile at the end reads 0", got, 0);
    CHECK_EQ("SetFilePointer FILE_END -5", SetFilePointer(f, -5, NULL, FILE_END), 6);
    CHECK_ERROR("a negative position",
                SetFilePointer(f, -100, NULL, FILE_CURRENT) == INVALID_SET_FILE_POINTER,
                ERROR_NEGATIVE_SEEK);
    LARGE_INTEGER beyond = {.QuadPart = 0x100000000ll}, now;
    CHECK_EQ("SetFilePointerEx past 4 GiB", SetFilePointerEx(f, beyond, &now, FILE_BEGIN), TRUE);
    CHECK_EQ("high part", now.HighPart, 1);
    SetFilePointer(f, 20, NULL, FILE_BEGIN);
    CHECK_EQ("SetEndOfFile", SetEndOfFile(f), TRUE);
    CHECK_EQ("the size is the pointer", GetFileSize(f, NULL), 20);
    SetFilePointer(f, 5, NULL, FILE_BEGIN);
    SetEndOfFile(f);
    LARGE_INTEGER size;
    GetFileSizeEx(f, &size);
    CHECK_EQ("GetFileSizeEx after a shrink", size.LowPart, 5);
    OVERLAPPED at = {0};
    at.Offset = 1;
    CHECK_EQ("ReadFile at an OVERLAPPED offset", ReadFile(f, buffer, 3, &got, &at), TRUE);
    buffer[got] = 0;
    CHECK_STR("bytes 1..3", buffer, "ell");
    CHECK_EQ("GetFileType of a file", GetFileType(f), FILE_TYPE_DISK);
    CHECK_EQ("FlushFileBuffers", FlushFileBuffers(f), TRUE);
    CloseHandle(f);

    f = Open("rw.txt", GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING);
    DWORD written = 99;
    CHECK_ERROR("WriteFile on a read-only handle", !WriteFile(f, "x", 1, &written, NULL),
                ERROR_ACCESS_DENIED);
    CHECK_EQ("nothing written", written, 0);
    CHECK_ERROR("FlushFileBuffers on a read-only handle", !FlushFileBuffers(f), ERROR_ACCESS_DENIED);
    CloseHandle(f);

    f = Open("rw.txt", FILE_APPEND_DATA | SYNCHRONIZE, SHARE_ALL, OPEN_EXISTING);
    SetFilePointer(f, 0, NULL, FILE_BEGIN);
    WriteText(f, "++");
    CloseHandle(f);
    f = Open("rw.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
    ReadFile(f, buffer, sizeof buffer, &got, NULL);
    buffer[got] = 0;
    CHECK_STR("FILE_APPEND_DATA writes at the end", buffer, "hello++");
    CHECK_ERROR("ReadFile into a bad buffer", !ReadFile(f, (void *)0x80000000, 4, &got, NULL),
                ERROR_NOACCESS);
    CloseHandle(f);
}

static void Sharing(void)
{
    Print("-- share modes\n");
    HANDLE a = Open("share.txt", RW, 0, CREATE_ALWAYS);
    CHECK_ERROR("a second open of an unshared file",
                Open("share.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING) == INVALID_HANDLE_VALUE,
                ERROR_SHARING_VIOLATION);
    HANDLE attr = CreateFileA("share.txt", 0, 0, NULL, OPEN_EXISTING, 0, NULL);
    CHECK_EQ("an open for attributes only never conflicts", attr != INVALID_HANDLE_VALUE, TRUE);
    CloseHandle(attr);
    CloseHandle(a);
    a = Open("share.txt", GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING);
    HANDLE b = Open("share.txt", GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING);
    CHECK_EQ("two readers sharing read", b != INVALID_HANDLE_VALUE, TRUE);
    CHECK_ERROR("a writer where the readers share only read",
                Open("share.txt", GENERIC_WRITE, SHARE_ALL, OPEN_EXISTING) == INVALID_HANDLE_VALUE,
                ERROR_SHARING_VIOLATION);
    CHECK_ERROR("DeleteFile where FILE_SHARE_DELETE is missing", !DeleteFileA("share.txt"),
                ERROR_SHARING_VIOLATION);
    CloseHandle(b);
    CloseHandle(a);
    a = Open("share.txt", GENERIC_WRITE, FILE_SHARE_READ, OPEN_EXISTING);
    CHECK_ERROR("a reader that does not share write with a writer",
                Open("share.txt", GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING) == INVALID_HANDLE_VALUE,
                ERROR_SHARING_VIOLATION);
    b = Open("share.txt", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING);
    CHECK_EQ("a reader sharing write with the writer", b != INVALID_HANDLE_VALUE, TRUE);
    CloseHandle(b);
    CloseHandle(a);
    a = Open("share.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
    CHECK_EQ("DeleteFile while open with FILE_SHARE_DELETE", DeleteFileA("share.txt"), TRUE);
    CHECK_ERROR("an open of a file whose delete is pending",
                Open("share.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING) == INVALID_HANDLE_VALUE,
                ERROR_ACCESS_DENIED);
    CloseHandle(a);
    CHECK_ERROR("gone at the last close", GetFileAttributesA("share.txt") == INVALID_FILE_ATTRIBUTES,
                ERROR_FILE_NOT_FOUND);
    HANDLE dup;
    a = Open("dup.txt", RW, 0, CREATE_ALWAYS);
    CHECK_EQ("DuplicateHandle", DuplicateHandle(GetCurrentProcess(), a, GetCurrentProcess(), &dup, 0,
                                                FALSE, DUPLICATE_SAME_ACCESS), TRUE);
    CloseHandle(a);
    WriteText(dup, "through the duplicate");
    CHECK_EQ("the duplicate writes", GetFileSize(dup, NULL), 21);
    CloseHandle(dup);
}

/* SQLite's Windows locks: PENDING_BYTE 0x40000000, RESERVED_BYTE +1,
 * SHARED_FIRST +2 for 510 bytes, all past the data. */
#define PENDING 0x40000000u

static BOOL LockAt(HANDLE f, DWORD offset, DWORD length, DWORD flags)
{
    OVERLAPPED o = {0};
    o.Offset = offset;
    return LockFileEx(f, flags | LOCKFILE_FAIL_IMMEDIATELY, 0, length, 0, &o);
}

static BOOL UnlockAt(HANDLE f, DWORD offset, DWORD length)
{
    OVERLAPPED o = {0};
    o.Offset = offset;
    return UnlockFileEx(f, 0, length, 0, &o);
}

static void Locks(void)
{
    Print("-- byte-range locks\n");
    HANDLE a = Open("db.sqlite", RW, FILE_SHARE_READ | FILE_SHARE_WRITE, CREATE_ALWAYS);
    HANDLE b = Open("db.sqlite", RW, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING);
    WriteText(a, "0123456789abcdef");
    CHECK_EQ("A: exclusive PENDING byte", LockAt(a, PENDING, 1, LOCKFILE_EXCLUSIVE_LOCK), TRUE);
    CHECK_ERROR("B: the same byte", !LockAt(b, PENDING, 1, LOCKFILE_EXCLUSIVE_LOCK),
                ERROR_LOCK_VIOLATION);
    CHECK_ERROR("B: a shared lock on it", !LockAt(b, PENDING, 1, 0), ERROR_LOCK_VIOLATION);
    CHECK_EQ("A: shared SHARED range", LockAt(a, PENDING + 2, 510, 0), TRUE);
    CHECK_EQ("B: shared SHARED range too", LockAt(b, PENDING + 2, 510, 0), TRUE);
    CHECK_ERROR("A: exclusive over a range B shares", !LockAt(a, PENDING + 2, 510, LOCKFILE_EXCLUSIVE_LOCK),
                ERROR_LOCK_VIOLATION);
    CHECK_EQ("A: unlock PENDING", UnlockAt(a, PENDING, 1), TRUE);
    CHECK_ERROR("A: unlock it again", !UnlockAt(a, PENDING, 1), ERROR_NOT_LOCKED);
    CHECK_ERROR("B: unlock A's range", !UnlockAt(b, PENDING + 2, 100), ERROR_NOT_LOCKED);
    CHECK_EQ("B: PENDING now free", LockAt(b, PENDING, 1, LOCKFILE_EXCLUSIVE_LOCK), TRUE);
    CHECK_EQ("B: unlock", UnlockAt(b, PENDING, 1), TRUE);

    /* Locks on the data: exclusive keeps others from reading and writing,
     * shared keeps everyone (its owner too) from writing. */
    CHECK_EQ("A: LockFile bytes 0..3", LockFile(a, 0, 0, 4, 0), TRUE);
    char buffer[8];
    DWORD got;
    OVERLAPPED zero = {0};
    CHECK_ERROR("B: read inside A's exclusive lock", !ReadFile(b, buffer, 4, &got, &zero),
                ERROR_LOCK_VIOLATION);
    CHECK_ERROR("B: write inside A's exclusive lock", !WriteFile(b, "x", 1, &got, &zero),
                ERROR_LOCK_VIOLATION);
    CHECK_EQ("A: its own read", ReadFile(a, buffer, 4, &got, &zero), TRUE);
    CHECK_EQ("A: its own write", WriteFile(a, "Z", 1, &got, &zero), TRUE);
    OVERLAPPED eight = {0};
    eight.Offset = 8;
    CHECK_EQ("B: outside the lock", ReadFile(b, buffer, 4, &got, &eight), TRUE);
    CHECK_EQ("B: shared lock 8..11", LockAt(b, 8, 4, 0), TRUE);
    CHECK_ERROR("B: write inside its own shared lock", !WriteFile(b, "y", 1, &got, &eight),
                ERROR_LOCK_VIOLATION);
    CHECK_EQ("A: read inside B's shared lock", ReadFile(a, buffer, 4, &got, &eight), TRUE);
    CHECK_EQ("zero-length locks never conflict", LockAt(b, 0, 0, LOCKFILE_EXCLUSIVE_LOCK), TRUE);
    CloseHandle(a);
    CHECK_EQ("A's locks went with its handle", LockAt(b, 0, 4, LOCKFILE_EXCLUSIVE_LOCK), TRUE);
    CloseHandle(b);
}

static void DeleteRename(void)
{
    Print("-- delete, rename, copy, directories\n");
    HANDLE f = Open("old.txt", RW, 0, CREATE_ALWAYS);
    WriteText(f, "moved");
    CloseHandle(f);
    CHECK_EQ("MoveFile", MoveFileA("old.txt", "renamed.txt"), TRUE);
    CHECK_ERROR("the old name is gone", GetFileAttributesA("old.txt") == INVALID_FILE_ATTRIBUTES,
                ERROR_FILE_NOT_FOUND);
    CHECK_EQ("CopyFile", CopyFileA("renamed.txt", "copy.txt", TRUE), TRUE);
    CHECK_ERROR("CopyFile onto an existing file with bFailIfExists",
                !CopyFileA("renamed.txt", "copy.txt", TRUE), ERROR_FILE_EXISTS);
    CHECK_ERROR("MoveFile onto an existing file", !MoveFileA("renamed.txt", "copy.txt"),
                ERROR_ALREADY_EXISTS);
    CHECK_EQ("MoveFileEx MOVEFILE_REPLACE_EXISTING",
             MoveFileExA("renamed.txt", "copy.txt", MOVEFILE_REPLACE_EXISTING), TRUE);
    f = Open("copy.txt", GENERIC_READ, 0, OPEN_EXISTING);
    CHECK_EQ("the replaced file has the moved data", GetFileSize(f, NULL), 5);
    CloseHandle(f);
    CHECK_EQ("MoveFile changes case only", MoveFileA("copy.txt", "COPY.txt"), TRUE);
    CHECK_EQ("CreateDirectory", CreateDirectoryA("tree", NULL), TRUE);
    CHECK_ERROR("CreateDirectory again", !CreateDirectoryA("tree", NULL), ERROR_ALREADY_EXISTS);
    CHECK_ERROR("CreateDirectory under a missing one", !CreateDirectoryA("nodir\\sub", NULL),
                ERROR_PATH_NOT_FOUND);
    CHECK_EQ("MoveFile a file into the directory", MoveFileA("COPY.txt", "tree\\inside.txt"), TRUE);
    CHECK_ERROR("RemoveDirectory of a non-empty directory", !RemoveDirectoryA("tree"),
                ERROR_DIR_NOT_EMPTY);
    CHECK_ERROR("RemoveDirectory of a file", !RemoveDirectoryA("tree\\inside.txt"), ERROR_DIRECTORY);
    CHECK_ERROR("DeleteFile of a directory", !DeleteFileA("tree"), ERROR_ACCESS_DENIED);
    CHECK_EQ("MoveFile a directory", MoveFileA("tree", "tree2"), TRUE);
    CHECK_EQ("its file moved with it", GetFileAttributesA("tree2\\inside.txt") != INVALID_FILE_ATTRIBUTES,
             TRUE);
    CHECK_EQ("DeleteFile", DeleteFileA("tree2\\inside.txt"), TRUE);
    CHECK_ERROR("DeleteFile again", !DeleteFileA("tree2\\inside.txt"), ERROR_FILE_NOT_FOUND);
    CHECK_EQ("RemoveDirectory", RemoveDirectoryA("tree2"), TRUE);

    f = CreateFileA("temp.txt", RW, 0, NULL, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, NULL);
    WriteText(f, "scratch");
    CHECK_EQ("a FILE_FLAG_DELETE_ON_CLOSE file exists while open",
             GetFileAttributesA("temp.txt") != INVALID_FILE_ATTRIBUTES, TRUE);
    CloseHandle(f);
    CHECK_ERROR("and is gone after", GetFileAttributesA("temp.txt") == INVALID_FILE_ATTRIBUTES,
                ERROR_FILE_NOT_FOUND);

    f = Open("ro.txt", RW, 0, CREATE_ALWAYS);
    CloseHandle(f);
    CHECK_EQ("SetFileAttributes READONLY", SetFileAttributesA("ro.txt", FILE_ATTRIBUTE_READONLY), TRUE);
    CHECK_EQ("GetFileAttributes READONLY", GetFileAttributesA("ro.txt") & FILE_ATTRIBUTE_READONLY,
             FILE_ATTRIBUTE_READONLY);
    CHECK_ERROR("open a read-only file for writing",
                Open("ro.txt", GENERIC_WRITE, 0, OPEN_EXISTING) == INVALID_HANDLE_VALUE,
                ERROR_ACCESS_DENIED);
    CHECK_ERROR("DeleteFile of a read-only file", !DeleteFileA("ro.txt"), ERROR_ACCESS_DENIED);
    CHECK_EQ("SetFileAttributes NORMAL", SetFileAttributesA("ro.txt", FILE_ATTRIBUTE_NORMAL), TRUE);
    CHECK_EQ("then it can go", DeleteFileA("ro.txt"), TRUE);
    CHECK_EQ("GetFileAttributes of a directory", GetFileAttributesA("adir"), FILE_ATTRIBUTE_DIRECTORY);
    CHECK_EQ("GetFileAttributes of the root", GetFileAttributesA("C:\\"), FILE_ATTRIBUTE_DIRECTORY);
}

/* Every name FindFirstFile/FindNextFile gives for a pattern, joined by |. */
static DWORD List(const char *pattern, char *out)
{
    WIN32_FIND_DATAA data;
    char *p = out;
    *p = 0;
    HANDLE find = FindFirstFileA(pattern, &data);
    if (find == INVALID_HANDLE_VALUE) {
        return GetLastError();
    }
    do {
        for (const char *n = data.cFileName; *n; n++) {
            *p++ = *n;
        }
        if (data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
            *p++ = '/';
        }
        *p++ = '|';
        *p = 0;
    } while (FindNextFileA(find, &data));
    DWORD error = GetLastError();
    FindClose(find);
    return error;
}

static void Listing(void)
{
    Print("-- directory listing, case\n");
    char names[512];
    CreateDirectoryA("list", NULL);
    CloseHandle(Open("list\\a.txt", RW, 0, CREATE_ALWAYS));
    CloseHandle(Open("list\\b.dat", RW, 0, CREATE_ALWAYS));
    CloseHandle(Open("list\\C.txt", RW, 0, CREATE_ALWAYS));
    CloseHandle(Open("list\\noext", RW, 0, CREATE_ALWAYS));
    CreateDirectoryA("list\\sub", NULL);
    CHECK_EQ("list\\* ends with ERROR_NO_MORE_FILES", List("list\\*", names), ERROR_NO_MORE_FILES);
    CHECK_STR("list\\*", names, "./|../|a.txt|b.dat|C.txt|noext|sub/|");
    List("list\\*.*", names);
    CHECK_STR("list\\*.* (every name)", names, "./|../|a.txt|b.dat|C.txt|noext|sub/|");
    List("LIST\\*.TXT", names);
    CHECK_STR("LIST\\*.TXT", names, "a.txt|C.txt|");
    List("list\\?.dat", names);
    CHECK_STR("list\\?.dat", names, "b.dat|");
    List("list\\*.", names);
    CHECK_STR("list\\*. (names without an extension)", names, "./|../|noext|sub/|");
    List("list\\c.TXT", names);
    CHECK_STR("one name in another case", names, "C.txt|");
    CHECK_EQ("a pattern nothing matches", List("list\\*.zzz", names), ERROR_FILE_NOT_FOUND);
    CHECK_EQ("a missing directory", List("nodir\\*", names), ERROR_PATH_NOT_FOUND);
    CHECK_EQ("a pattern ending in \\", List("list\\", names), ERROR_FILE_NOT_FOUND);
    List("C:\\lis*", names);
    CHECK_STR("the root has no . and ..", names, "list/|");
    CHECK_ERROR("FindClose of a bad handle", !FindClose(INVALID_HANDLE_VALUE), ERROR_INVALID_HANDLE);

    HANDLE f = Open("MixedCase.TXT", RW, 0, CREATE_ALWAYS);
    CloseHandle(f);
    f = Open("mixedcase.txt", GENERIC_READ, 0, OPEN_EXISTING);
    CHECK_EQ("found in any case", f != INVALID_HANDLE_VALUE, TRUE);
    CloseHandle(f);
    f = Open("MIXEDCASE.TXT", RW, 0, CREATE_ALWAYS);
    CHECK_EQ("CREATE_ALWAYS in another case finds it", GetLastError(), ERROR_ALREADY_EXISTS);
    CloseHandle(f);
    List("mixed*", names);
    CHECK_STR("the name keeps the case it was created with", names, "MixedCase.TXT|");
    f = Open("trailing.txt. . ", RW, 0, CREATE_ALWAYS);
    CloseHandle(f);
    CHECK_EQ("trailing dots and spaces are dropped",
             GetFileAttributesA("trailing.txt") != INVALID_FILE_ATTRIBUTES, TRUE);
    CHECK_ERROR("a name with <", Open("a<b", RW, 0, CREATE_ALWAYS) == INVALID_HANDLE_VALUE,
                ERROR_INVALID_NAME);
    CHECK_ERROR("a name with *", Open("a*b", RW, 0, CREATE_ALWAYS) == INVALID_HANDLE_VALUE,
                ERROR_INVALID_NAME);
    CHECK_ERROR("a name with |", Open("a|b", RW, 0, CREATE_ALWAYS) == INVALID_HANDLE_VALUE,
                ERROR_INVALID_NAME);
}

/* Names beyond ASCII are UTF-8 on the host, UTF-16 to the program; a
 * character beyond the BMP is a surrogate pair one side, one character the
 * other. */
static void Unicode(void)
{
    Print("-- names beyond ASCII\n");
    static const WCHAR cafe[] = L"caf\u00e9.txt", clef[] = L"\U0001D11E-\u00e9t\u00e9.txt";
    HANDLE f = CreateFileW(cafe, GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    CHECK_EQ("CreateFileW caf\u00e9.txt", f != INVALID_HANDLE_VALUE, TRUE);
    CloseHandle(f);
    CHECK_EQ("MoveFileW to a name with a surrogate pair", MoveFileW(cafe, clef), TRUE);
    WIN32_FIND_DATAW data;
    HANDLE find = FindFirstFileW(L"*t\u00e9.txt", &data);
    CHECK_EQ("FindFirstFileW finds it", find != INVALID_HANDLE_VALUE, TRUE);
    BOOL same = TRUE;
    for (int i = 0; clef[i] || data.cFileName[i]; i++) {
        same &= clef[i] == data.cFileName[i];
    }
    CHECK_EQ("  by the same UTF-16 name", same, TRUE);
    FindClose(find);
    CHECK_EQ("GetFileAttributesW", GetFileAttributesW(clef) != INVALID_FILE_ATTRIBUTES, TRUE);
}

static void Paths(void)
{
    Print("-- current directory and full paths\n");
    char path[MAX_PATH];
    char *file;
    CHECK_EQ("GetCurrentDirectory length", GetCurrentDirectoryA(MAX_PATH, path), 3);
    CHECK_STR("the current directory starts at the root", path, "C:\\");
    CHECK_EQ("SetCurrentDirectory", SetCurrentDirectoryA("list\\sub"), TRUE);
    GetCurrentDirectoryA(MAX_PATH, path);
    CHECK_STR("GetCurrentDirectory", path, "C:\\list\\sub");
    CHECK_EQ("GetCurrentDirectory with no room: the size needed", GetCurrentDirectoryA(3, path), 12);
    CHECK_EQ("GetFullPathName length", GetFullPathNameA("..\\x.txt", MAX_PATH, path, &file), 13);
    CHECK_STR("GetFullPathName ..\\x.txt", path, "C:\\list\\x.txt");
    CHECK_STR("its file part", file, "x.txt");
    GetFullPathNameA("C:\\..\\..\\a\\.\\b\\..\\c", MAX_PATH, path, NULL);
    CHECK_STR("GetFullPathName .. at the root stays there", path, "C:\\a\\c");
    GetFullPathNameA("/dir//file.", MAX_PATH, path, NULL);
    CHECK_STR("GetFullPathName /dir//file.", path, "C:\\dir\\file");
    GetFullPathNameA("c:foo", MAX_PATH, path, NULL);
    CHECK_STR("GetFullPathName c:foo", path, "C:\\list\\sub\\foo");
    GetFullPathNameA("d:foo", MAX_PATH, path, NULL);
    CHECK_STR("GetFullPathName d:foo", path, "D:\\foo");
    GetFullPathNameA("C:\\dir\\nul.txt", MAX_PATH, path, &file);
    CHECK_STR("GetFullPathName of a device", path, "\\\\.\\nul");
    CHECK_EQ("no file part for a device", file == NULL, TRUE);
    GetFullPathNameA("\\\\server\\share\\a\\..\\..\\b", MAX_PATH, path, NULL);
    CHECK_STR("GetFullPathName UNC", path, "\\\\server\\share\\b");
    HANDLE f = Open("here.txt", RW, 0, CREATE_ALWAYS);
    CloseHandle(f);
    CHECK_EQ("a relative name is in the current directory",
             GetFileAttributesA("C:\\list\\sub\\here.txt") != INVALID_FILE_ATTRIBUTES, TRUE);
    CHECK_ERROR("SetCurrentDirectory to a file", !SetCurrentDirectoryA("here.txt"), ERROR_DIRECTORY);
    CHECK_ERROR("SetCurrentDirectory to a missing directory", !SetCurrentDirectoryA("nodir"),
                ERROR_FILE_NOT_FOUND);
    CHECK_EQ("SetCurrentDirectory ..\\..\\..", SetCurrentDirectoryA("..\\..\\.."), TRUE);
    GetCurrentDirectoryA(MAX_PATH, path);
    CHECK_STR("above the root is the root", path, "C:\\");

    GetTempPathA(MAX_PATH, path);
    CHECK_STR("GetTempPath without TMP or TEMP", path, "C:\\");
    char temp[MAX_PATH];
    UINT unique = GetTempFileNameA("list", "tst", 0, temp);
    CHECK_EQ("GetTempFileName makes a number", unique != 0, TRUE);
    CHECK_EQ("and the file", GetFileAttributesA(temp) != INVALID_FILE_ATTRIBUTES, TRUE);
    DeleteFileA(temp);
    GetTempFileNameA("C:\\x", "abcdef", 0x1234, temp);
    CHECK_STR("GetTempFileName with a number", temp, "C:\\x\\abc1234.TMP");
}

static void Information(void)
{
    Print("-- information, times, volume\n");
    HANDLE f = Open("info.txt", RW, 0, CREATE_ALWAYS);
    WriteText(f, "12345");
    BY_HANDLE_FILE_INFORMATION info;
    CHECK_EQ("GetFileInformationByHandle", GetFileInformationByHandle(f, &info), TRUE);
    CHECK_EQ("its size", info.nFileSizeLow, 5);
    CHECK_EQ("its links", info.nNumberOfLinks, 1);
    CHECK_EQ("its attributes", info.dwFileAttributes, FILE_ATTRIBUTE_ARCHIVE);
    FILETIME t = {0x12345670, 0x01D00000}, got;
    CHECK_EQ("SetFileTime", SetFileTime(f, NULL, NULL, &t), TRUE);
    GetFileTime(f, NULL, NULL, &got);
    CHECK_EQ("GetFileTime low", got.dwLowDateTime, t.dwLowDateTime);
    CHECK_EQ("GetFileTime high", got.dwHighDateTime, t.dwHighDateTime);
    CloseHandle(f);
    WIN32_FILE_ATTRIBUTE_DATA data;
    CHECK_EQ("GetFileAttributesEx", GetFileAttributesExA("info.txt", GetFileExInfoStandard, &data), TRUE);
    CHECK_EQ("its size", data.nFileSizeLow, 5);
    CHECK_EQ("its write time", data.ftLastWriteTime.dwHighDateTime, t.dwHighDateTime);

    DWORD serial, max, flags;
    char label[32], fs[32];
    CHECK_EQ("GetVolumeInformation", GetVolumeInformationA("C:\\", label, 32, &serial, &max, &flags, fs, 32), TRUE);
    CHECK_STR("the file system", fs, "NTFS");
    CHECK_EQ("names of up to 255", max, 255);
    ULARGE_INTEGER free, total, total_free;
    CHECK_EQ("GetDiskFreeSpaceEx", GetDiskFreeSpaceExA("C:\\", &free, &total, &total_free), TRUE);
    CHECK_EQ("a volume with room", total.QuadPart >= free.QuadPart && total.QuadPart > 0, TRUE);
    DWORD spc, bps, nfree, ntotal;
    CHECK_EQ("GetDiskFreeSpace", GetDiskFreeSpaceA(NULL, &spc, &bps, &nfree, &ntotal), TRUE);
    CHECK_EQ("clusters of 4 KiB", spc * bps, 4096);
    CHECK_EQ("GetDriveType C:\\", GetDriveTypeA("C:\\"), DRIVE_FIXED);
    CHECK_EQ("GetDriveType D:\\", GetDriveTypeA("D:\\"), DRIVE_NO_ROOT_DIR);
    CHECK_EQ("GetLogicalDrives", GetLogicalDrives(), 4);
    CHECK_EQ("GetFileType of standard output", GetFileType(GetStdHandle(STD_OUTPUT_HANDLE)) != FILE_TYPE_UNKNOWN,
             TRUE);
}

void __cdecl start(void)
{
    Dispositions();
    ReadWrite();
    Sharing();
    Locks();
    DeleteRename();
    Listing();
    Unicode();
    Paths();
    Information();
    Finish();
}
