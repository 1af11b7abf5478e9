/* File-handle information: GetFileInformationByHandleEx's classes,
 * SetFileInformationByHandle (times and attributes, end of file and
 * allocation, rename by Win32 or bare name, delete), GetFinalPathNameByHandle
 * in its four volume forms, GetFileType. Each check states Windows'
 * answer (Microsoft's documentation of the calls; Wine's
 * dlls/kernel32/tests/file.c test_GetFileInformationByHandleEx,
 * test_SetFileInformationByHandle, test_GetFinalPathNameByHandle and
 * test_GetFileType). */
#define _WIN32_WINNT 0x0602
#include "../guesttest.h"
#include <wchar.h>

static HANDLE Open(const char *name, DWORD access, DWORD disposition, DWORD flags)
{
    return CreateFileA(name, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                       disposition, flags, NULL);
}

static void Basic(HANDLE f)
{
    FILE_BASIC_INFO basic;
    Check(GetFileInformationByHandleEx(f, FileBasicInfo, &basic, sizeof basic) &&
              basic.FileAttributes == FILE_ATTRIBUTE_ARCHIVE,
          "FileBasicInfo: FILE_ATTRIBUTE_ARCHIVE");
    SetLastError(0xdeadbeef);
    Check(!GetFileInformationByHandleEx(f, FileBasicInfo, &basic, sizeof basic - 1) &&
              GetLastError() == ERROR_BAD_LENGTH,
          "FileBasicInfo one byte short: ERROR_BAD_LENGTH");
    FILE_STANDARD_INFO standard;
    Check(GetFileInformationByHandleEx(f, FileStandardInfo, &standard, sizeof standard) &&
              standard.EndOfFile.QuadPart == 5 && standard.NumberOfLinks == 1 &&
              !standard.DeletePending && !standard.Directory,
          "FileStandardInfo: 5 bytes, one link, not a directory");
    FILE_ATTRIBUTE_TAG_INFO tag;
    Check(GetFileInformationByHandleEx(f, FileAttributeTagInfo, &tag, sizeof tag) &&
              tag.FileAttributes == FILE_ATTRIBUTE_ARCHIVE && tag.ReparseTag == 0,
          "FileAttributeTagInfo: no reparse tag");
    FILE_ALIGNMENT_INFO alignment;
    Check(GetFileInformationByHandleEx(f, FileAlignmentInfo, &alignment, sizeof alignment) &&
              alignment.AlignmentRequirement == 0,
          "FileAlignmentInfo: byte alignment");
}

static void Names(HANDLE f)
{
    struct {
        FILE_NAME_INFO info;
        WCHAR more[MAX_PATH];
    } name;
    memset(&name, 0xcc, sizeof name);
    Check(GetFileInformationByHandleEx(f, FileNameInfo, &name, sizeof name) &&
              name.info.FileNameLength == 18 && memcmp(name.info.FileName, L"\\fi\\a.txt", 18) == 0,
          "FileNameInfo: \\fi\\a.txt from the volume's root, not terminated");
    SetLastError(0xdeadbeef);
    Check(!GetFileInformationByHandleEx(f, FileNameInfo, &name, sizeof(DWORD) + 4) &&
              GetLastError() == ERROR_MORE_DATA && name.info.FileNameLength == 18,
          "FileNameInfo cut short: ERROR_MORE_DATA, the whole length given");
    FILE_STREAM_INFO *stream = (FILE_STREAM_INFO *)&name;
    Check(GetFileInformationByHandleEx(f, FileStreamInfo, stream, sizeof name) &&
              stream->NextEntryOffset == 0 && stream->StreamSize.QuadPart == 5 &&
              stream->StreamNameLength == 14 && memcmp(stream->StreamName, L"::$DATA", 14) == 0,
          "FileStreamInfo: one stream, ::$DATA, 5 bytes");
}

static void Ids(HANDLE f)
{
    BY_HANDLE_FILE_INFORMATION by;
    FILE_ID_INFO id;
    Check(GetFileInformationByHandle(f, &by) &&
              GetFileInformationByHandleEx(f, FileIdInfo, &id, sizeof id) &&
              id.VolumeSerialNumber == by.dwVolumeSerialNumber &&
              memcmp(id.FileId.Identifier, &by.nFileIndexLow, 4) == 0 &&
              memcmp(id.FileId.Identifier + 4, &by.nFileIndexHigh, 4) == 0,
          "FileIdInfo: the volume serial and the file index of GetFileInformationByHandle");
    SetLastError(0xdeadbeef);
    Check(!GetFileInformationByHandleEx(f, FileIdInfo, &id, sizeof id - 1) &&
              GetLastError() == ERROR_BAD_LENGTH,
          "FileIdInfo one byte short: ERROR_BAD_LENGTH");
    static char buffer[4096];
    SetLastError(0xdeadbeef);
    Check(!GetFileInformationByHandleEx(f, FileRenameInfo, buffer, sizeof buffer) &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "FileRenameInfo is set-only: ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    Check(!GetFileInformationByHandleEx(f, (FILE_INFO_BY_HANDLE_CLASS)1000, buffer, sizeof buffer) &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "an unknown class: ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    Check(!GetFileInformationByHandleEx(f, FileIdBothDirectoryInfo, buffer, sizeof buffer) &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "FileIdBothDirectoryInfo of a file: ERROR_INVALID_PARAMETER");
}

/* The entries' names, in order, separated by spaces. */
static int List(HANDLE dir, FILE_INFO_BY_HANDLE_CLASS class, char *names, size_t size)
{
    static char buffer[4096];
    if (!GetFileInformationByHandleEx(dir, class, buffer, sizeof buffer)) {
        return 0;
    }
    FILE_ID_BOTH_DIR_INFO *e = (FILE_ID_BOTH_DIR_INFO *)buffer;
    for (;;) {
        char name[MAX_PATH];
        int n = WideCharToMultiByte(CP_ACP, 0, e->FileName, e->FileNameLength / 2, name,
                                    sizeof name - 1, NULL, NULL);
        name[n] = 0;
        snprintf(names + strlen(names), size - strlen(names), "%s%s%s", *names ? " " : "", name,
                 (e->FileAttributes & FILE_ATTRIBUTE_DIRECTORY) ? "/" : "");
        if (!e->NextEntryOffset) {
            return 1;
        }
        e = (FILE_ID_BOTH_DIR_INFO *)((char *)e + e->NextEntryOffset);
    }
}

static void Directory(void)
{
    HANDLE dir = Open("C:\\fi", GENERIC_READ, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS);
    Check(dir != INVALID_HANDLE_VALUE, "a directory handle");
    char names[512] = "";
    Check(List(dir, FileIdBothDirectoryInfo, names, sizeof names), "FileIdBothDirectoryInfo");
    printf("     %s\n", names);
    char more[512] = "";
    SetLastError(0xdeadbeef);
    Check(!List(dir, FileIdBothDirectoryInfo, more, sizeof more) && GetLastError() == ERROR_NO_MORE_FILES,
          "the listing's end: ERROR_NO_MORE_FILES");
    Check(List(dir, FileIdBothDirectoryRestartInfo, more, sizeof more) && strcmp(more, names) == 0,
          "FileIdBothDirectoryRestartInfo: the same listing again");
    static char full[4096];
    Check(GetFileInformationByHandleEx(dir, FileFullDirectoryRestartInfo, full, sizeof full),
          "FileFullDirectoryRestartInfo");
    char full_names[512] = "";
    for (FILE_FULL_DIR_INFO *e = (FILE_FULL_DIR_INFO *)full;;
         e = (FILE_FULL_DIR_INFO *)((char *)e + e->NextEntryOffset)) {
        char name[MAX_PATH];
        int n = WideCharToMultiByte(CP_ACP, 0, e->FileName, e->FileNameLength / 2, name, sizeof name - 1,
                                    NULL, NULL);
        name[n] = 0;
        snprintf(full_names + strlen(full_names), sizeof full_names - strlen(full_names), "%s%s%s",
                 *full_names ? " " : "", name, (e->FileAttributes & FILE_ATTRIBUTE_DIRECTORY) ? "/" : "");
        if (!e->NextEntryOffset) {
            break;
        }
    }
    Check(strcmp(full_names, names) == 0, "FILE_FULL_DIR_INFO: the same entries");
    FILE_STANDARD_INFO standard;
    Check(GetFileInformationByHandleEx(dir, FileStandardInfo, &standard, sizeof standard) &&
              standard.Directory,
          "FileStandardInfo of a directory: Directory");
    FILE_STREAM_INFO stream;
    SetLastError(0xdeadbeef);
    Check(!GetFileInformationByHandleEx(dir, FileStreamInfo, &stream, sizeof stream) &&
              GetLastError() == ERROR_HANDLE_EOF,
          "FileStreamInfo of a directory: no stream, ERROR_HANDLE_EOF");
    char buffer[8];
    SetLastError(0xdeadbeef);
    Check(!GetFileInformationByHandleEx(dir, FileIdBothDirectoryRestartInfo, buffer, 0) &&
              GetLastError() == ERROR_BAD_LENGTH,
          "a listing into no buffer: ERROR_BAD_LENGTH");
    CloseHandle(dir);
}

static LONGLONG Size(const char *name)
{
    WIN32_FILE_ATTRIBUTE_DATA data;
    if (!GetFileAttributesExA(name, GetFileExInfoStandard, &data)) {
        return -1;
    }
    return ((LONGLONG)data.nFileSizeHigh << 32) | data.nFileSizeLow;
}

static BOOL RenameTo(HANDLE f, const WCHAR *name, BOOL replace)
{
    struct {
        FILE_RENAME_INFO info;
        WCHAR more[MAX_PATH];
    } rename;
    memset(&rename, 0, sizeof rename);
    rename.info.ReplaceIfExists = (BOOLEAN)replace;
    rename.info.FileNameLength = (DWORD)wcslen(name) * 2;
    memcpy(rename.info.FileName, name, rename.info.FileNameLength);
    return SetFileInformationByHandle(f, FileRenameInfo, &rename, sizeof rename);
}

static void FinalPaths(HANDLE f, const WCHAR *want)
{
    WCHAR path[MAX_PATH];
    WCHAR expect[MAX_PATH];
    DWORD n = (DWORD)wcslen(want);
    swprintf(expect, MAX_PATH, L"\\\\?\\C:%ls", want);
    DWORD whole = (DWORD)wcslen(expect);
    Check(GetFinalPathNameByHandleW(f, NULL, 0, FILE_NAME_NORMALIZED) == whole + 1,
          "GetFinalPathNameByHandleW(NULL, 0): the size needed, with the null");
    memset(path, 0xcc, sizeof path);
    Check(GetFinalPathNameByHandleW(f, path, whole, VOLUME_NAME_DOS) == whole + 1,
          "a buffer one short: the size needed, with the null");
    Check(GetFinalPathNameByHandleW(f, path, whole + 1, VOLUME_NAME_DOS) == whole &&
              wcscmp(path, expect) == 0,
          "VOLUME_NAME_DOS: \\\\?\\C:\\..., the length without the null");
    Check(GetFinalPathNameByHandleW(f, path, MAX_PATH, FILE_NAME_OPENED | VOLUME_NAME_DOS) == whole &&
              wcscmp(path, expect) == 0,
          "FILE_NAME_OPENED: the same name");
    swprintf(expect, MAX_PATH, L"\\Device\\HarddiskVolume1%ls", want);
    Check(GetFinalPathNameByHandleW(f, path, MAX_PATH, VOLUME_NAME_NT) == wcslen(expect) &&
              wcscmp(path, expect) == 0,
          "VOLUME_NAME_NT: \\Device\\HarddiskVolume1\\...");
    Check(GetFinalPathNameByHandleW(f, path, MAX_PATH, VOLUME_NAME_NONE) == n && wcscmp(path, want) == 0,
          "VOLUME_NAME_NONE: the path from the root");
    WCHAR volume[64];
    HANDLE find = FindFirstVolumeW(volume, 64);
    FindVolumeClose(find);
    volume[wcslen(volume) - 1] = 0;
    wcscat(volume, want);
    Check(GetFinalPathNameByHandleW(f, path, MAX_PATH, VOLUME_NAME_GUID) == wcslen(volume) &&
              wcscmp(path, volume) == 0 && wcsncmp(path, L"\\\\?\\Volume{", 11) == 0,
          "VOLUME_NAME_GUID: \\\\?\\Volume{GUID}\\...");
    SetLastError(0xdeadbeef);
    Check(GetFinalPathNameByHandleW(f, path, MAX_PATH, 0x10) == 0 &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "unknown flags: ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    Check(GetFinalPathNameByHandleW(f, path, MAX_PATH, VOLUME_NAME_NT | VOLUME_NAME_NONE) == 0 &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "two volume forms at once: ERROR_INVALID_PARAMETER");
    char narrow[MAX_PATH], want_narrow[MAX_PATH];
    snprintf(want_narrow, sizeof want_narrow, "\\\\?\\C:%ls", want);
    DWORD chars = (DWORD)strlen(want_narrow);
    Check(GetFinalPathNameByHandleA(f, narrow, MAX_PATH, 0) == chars &&
              strcmp(narrow, want_narrow) == 0,
          "GetFinalPathNameByHandleA");
    Check(GetFinalPathNameByHandleA(f, narrow, chars, 0) == chars + 1,
          "GetFinalPathNameByHandleA one short: the size needed, with the null");
}

static void Set(void)
{
    HANDLE f = Open("C:\\fi\\a.txt", GENERIC_READ | GENERIC_WRITE | DELETE, OPEN_EXISTING, 0);
    FILE_END_OF_FILE_INFO eof = {{.QuadPart = 100}};
    Check(SetFileInformationByHandle(f, FileEndOfFileInfo, &eof, sizeof eof) &&
              GetFileSize(f, NULL) == 100,
          "FileEndOfFileInfo: 100 bytes");
    FILE_ALLOCATION_INFO allocation = {{.QuadPart = 10}};
    Check(SetFileInformationByHandle(f, FileAllocationInfo, &allocation, sizeof allocation) &&
              GetFileSize(f, NULL) == 10,
          "FileAllocationInfo below the end: the file cut to it");
    FILE_BASIC_INFO basic;
    memset(&basic, 0, sizeof basic);
    basic.LastWriteTime.QuadPart = 130000000000000000LL; /* 2012 */
    basic.FileAttributes = FILE_ATTRIBUTE_READONLY;
    FILETIME written;
    Check(SetFileInformationByHandle(f, FileBasicInfo, &basic, sizeof basic) &&
              GetFileTime(f, NULL, NULL, &written) &&
              ((ULONGLONG)written.dwHighDateTime << 32 | written.dwLowDateTime) == 130000000000000000ULL,
          "FileBasicInfo: the last-write time set");
    Check(GetFileAttributesA("C:\\fi\\a.txt") == (FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_ARCHIVE),
          "FileBasicInfo: FILE_ATTRIBUTE_READONLY set");
    basic.LastWriteTime.QuadPart = 0;
    basic.FileAttributes = FILE_ATTRIBUTE_NORMAL;
    Check(SetFileInformationByHandle(f, FileBasicInfo, &basic, sizeof basic) &&
              GetFileAttributesA("C:\\fi\\a.txt") == FILE_ATTRIBUTE_ARCHIVE,
          "FileBasicInfo: read-only cleared");
    FILE_IO_PRIORITY_HINT_INFO hint = {IoPriorityHintLow};
    Check(SetFileInformationByHandle(f, FileIoPriorityHintInfo, &hint, sizeof hint),
          "FileIoPriorityHintInfo: IoPriorityHintLow taken");
    hint.PriorityHint = (PRIORITY_HINT)7;
    SetLastError(0xdeadbeef);
    Check(!SetFileInformationByHandle(f, FileIoPriorityHintInfo, &hint, sizeof hint) &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "an unknown priority: ERROR_INVALID_PARAMETER");
    FILE_STANDARD_INFO standard;
    SetLastError(0xdeadbeef);
    Check(!SetFileInformationByHandle(f, FileStandardInfo, &standard, sizeof standard) &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "FileStandardInfo is query-only: ERROR_INVALID_PARAMETER");

    /* Renames: a Win32 path, a bare name (beside the file), a collision. */
    Check(RenameTo(f, L"C:\\fi\\b.txt", FALSE) && GetFileAttributesA("C:\\fi\\a.txt") == INVALID_FILE_ATTRIBUTES &&
              Size("C:\\fi\\b.txt") == 10,
          "FileRenameInfo with a Win32 path: a.txt is b.txt");
    FinalPaths(f, L"\\fi\\b.txt");
    Check(RenameTo(f, L"c.txt", FALSE) && Size("C:\\fi\\c.txt") == 10, "FileRenameInfo with a bare name");
    HANDLE other = Open("C:\\fi\\d.txt", GENERIC_WRITE, CREATE_ALWAYS, 0);
    CloseHandle(other);
    SetLastError(0xdeadbeef);
    Check(!RenameTo(f, L"C:\\fi\\d.txt", FALSE) && GetLastError() == ERROR_ALREADY_EXISTS,
          "onto another file: ERROR_ALREADY_EXISTS");
    Check(RenameTo(f, L"C:\\fi\\d.txt", TRUE) && Size("C:\\fi\\d.txt") == 10,
          "ReplaceIfExists: the other file replaced");

    FILE_DISPOSITION_INFO disposition = {TRUE};
    Check(SetFileInformationByHandle(f, FileDispositionInfo, &disposition, sizeof disposition) &&
              GetFileInformationByHandleEx(f, FileStandardInfo, &standard, sizeof standard) &&
              standard.DeletePending,
          "FileDispositionInfo: delete pending");
    CloseHandle(f);
    Check(GetFileAttributesA("C:\\fi\\d.txt") == INVALID_FILE_ATTRIBUTES &&
              GetLastError() == ERROR_FILE_NOT_FOUND,
          "gone at the close");
}

static void FinalCase(void)
{
    HANDLE f = Open("C:\\FI\\NAME.TXT", GENERIC_READ, OPEN_EXISTING, 0);
    WCHAR path[MAX_PATH];
    Check(GetFinalPathNameByHandleW(f, path, MAX_PATH, FILE_NAME_NORMALIZED) == 18 &&
              wcscmp(path, L"\\\\?\\C:\\fi\\Name.txt") == 0,
          "opened as C:\\FI\\NAME.TXT: the name in the case it has on the disk");
    CloseHandle(f);
    HANDLE root = Open("C:\\", GENERIC_READ, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS);
    Check(GetFinalPathNameByHandleW(root, path, MAX_PATH, 0) == 7 && wcscmp(path, L"\\\\?\\C:\\") == 0,
          "the root: \\\\?\\C:\\");
    CloseHandle(root);
}

static void Types(void)
{
    HANDLE f = Open("C:\\fi\\Name.txt", GENERIC_READ, OPEN_EXISTING, 0);
    Check(GetFileType(f) == FILE_TYPE_DISK, "GetFileType of a file: FILE_TYPE_DISK");
    CloseHandle(f);
    HANDLE r, w;
    Check(CreatePipe(&r, &w, NULL, 0) && GetFileType(r) == FILE_TYPE_PIPE && GetFileType(w) == FILE_TYPE_PIPE,
          "GetFileType of a pipe: FILE_TYPE_PIPE");
    CloseHandle(r);
    CloseHandle(w);
    HANDLE nul = Open("NUL", GENERIC_WRITE, OPEN_EXISTING, 0);
    Check(GetFileType(nul) == FILE_TYPE_CHAR, "GetFileType of NUL: FILE_TYPE_CHAR");
    CloseHandle(nul);
    HANDLE event = CreateEventA(NULL, FALSE, FALSE, NULL);
    SetLastError(0xdeadbeef);
    Check(GetFileType(event) == FILE_TYPE_UNKNOWN && GetLastError() == ERROR_INVALID_HANDLE,
          "GetFileType of an event: FILE_TYPE_UNKNOWN, ERROR_INVALID_HANDLE");
    CloseHandle(event);
    SetLastError(0xdeadbeef);
    Check(GetFileType((HANDLE)0xdeadbee0) == FILE_TYPE_UNKNOWN && GetLastError() == ERROR_INVALID_HANDLE,
          "GetFileType of no handle: FILE_TYPE_UNKNOWN, ERROR_INVALID_HANDLE");
}

int main(void)
{
    CreateDirectoryA("C:\\fi", NULL);
    CloseHandle(Open("C:\\fi\\Name.txt", GENERIC_WRITE, CREATE_ALWAYS, 0));
    HANDLE f = Open("C:\\fi\\a.txt", GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS, 0);
    DWORD n;
    WriteFile(f, "hello", 5, &n, NULL);
    Basic(f);
    Names(f);
    Ids(f);
    CloseHandle(f);
    Directory();
    Set();
    FinalCase();
    Types();
    printf("%d failures\n", Failures);
    return Failures;
}
