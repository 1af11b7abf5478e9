/*
 * The file system services themselves, each answer NT's: NtCreateFile's
 * Information, NtWriteFile's special offsets, synchronous and asynchronous
 * file objects, the information classes of NtQueryInformationFile,
 * NtQueryDirectoryFile and NtQueryVolumeInformationFile, renames and
 * delete dispositions, names relative to a directory handle, and the
 * statuses SQLite's Windows layer looks for.
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
typedef struct {
    LONG Status;
    ULONG Information;
} IOSB;

NTIMPORT NtCreateFile(HANDLE *, ULONG, NT_OBJECT_ATTRIBUTES *, IOSB *, PVOID, ULONG, ULONG, ULONG, ULONG,
                      PVOID, ULONG);
NTIMPORT NtOpenFile(HANDLE *, ULONG, NT_OBJECT_ATTRIBUTES *, IOSB *, ULONG, ULONG);
NTIMPORT NtReadFile(HANDLE, HANDLE, PVOID, PVOID, IOSB *, PVOID, ULONG, LARGE_INTEGER *, ULONG *);
NTIMPORT NtWriteFile(HANDLE, HANDLE, PVOID, PVOID, IOSB *, const void *, ULONG, LARGE_INTEGER *, ULONG *);
NTIMPORT NtQueryInformationFile(HANDLE, IOSB *, PVOID, ULONG, ULONG);
NTIMPORT NtSetInformationFile(HANDLE, IOSB *, PVOID, ULONG, ULONG);
NTIMPORT NtQueryDirectoryFile(HANDLE, HANDLE, PVOID, PVOID, IOSB *, PVOID, ULONG, ULONG, BOOLEAN,
                              NT_STRING *, BOOLEAN);
NTIMPORT NtQueryVolumeInformationFile(HANDLE, IOSB *, PVOID, ULONG, ULONG);
NTIMPORT NtLockFile(HANDLE, HANDLE, PVOID, PVOID, IOSB *, LARGE_INTEGER *, LARGE_INTEGER *, ULONG, BOOLEAN,
                    BOOLEAN);
NTIMPORT NtUnlockFile(HANDLE, IOSB *, LARGE_INTEGER *, LARGE_INTEGER *, ULONG);
NTIMPORT NtDeleteFile(NT_OBJECT_ATTRIBUTES *);
NTIMPORT NtQueryAttributesFile(NT_OBJECT_ATTRIBUTES *, PVOID);
NTIMPORT NtQueryFullAttributesFile(NT_OBJECT_ATTRIBUTES *, PVOID);
NTIMPORT NtFlushBuffersFile(HANDLE, IOSB *);
NTIMPORT NtClose(HANDLE);
NTIMPORT NtQueryObject(HANDLE, ULONG, PVOID, ULONG, ULONG *);

#define SYNC 0x20          /* FILE_SYNCHRONOUS_IO_NONALERT */
#define DIR_FILE 0x01      /* FILE_DIRECTORY_FILE */
#define NONDIR 0x40        /* FILE_NON_DIRECTORY_FILE */
#define DELETE_ON_CLOSE 0x1000
#define ALL_SHARE 7

static NT_STRING NameString;
static NT_OBJECT_ATTRIBUTES Attributes;

static NT_OBJECT_ATTRIBUTES *Name(HANDLE root, const WCHAR *name)
{
    NameString.Buffer = (WCHAR *)name;
    NameString.Length = 0;
    while (name[NameString.Length / 2]) {
        NameString.Length += 2;
    }
    NameString.MaximumLength = NameString.Length;
    Attributes = (NT_OBJECT_ATTRIBUTES){sizeof Attributes, root, &NameString, 0x40, NULL, NULL};
    return &Attributes;
}

static LONG Create(HANDLE *h, const WCHAR *name, ULONG access, ULONG share, ULONG disposition,
                   ULONG options, IOSB *iosb)
{
    return NtCreateFile(h, access | SYNCHRONIZE, Name(NULL, name), iosb, NULL, 0, share, disposition,
                        options, NULL, 0);
}

static void Dispositions(void)
{
    Print("-- NtCreateFile\n");
    HANDLE h;
    IOSB iosb = {-1, 99};
    CHECK_EQ("FILE_CREATE", Create(&h, L"\\??\\C:\\n.txt", GENERIC_WRITE, 0, 2, SYNC, &iosb), 0);
    CHECK_EQ("  Information FILE_CREATED", iosb.Information, 2);
    CHECK_EQ("  Status", iosb.Status, 0);
    NtWriteFile(h, NULL, NULL, NULL, &iosb, "abcdef", 6, NULL, NULL);
    CHECK_EQ("  NtWriteFile Information", iosb.Information, 6);
    NtClose(h);
    CHECK_EQ("FILE_CREATE again", Create(&h, L"\\??\\C:\\n.txt", GENERIC_READ, 7, 2, SYNC, &iosb),
             0xC0000035);
    CHECK_EQ("FILE_OPEN", Create(&h, L"\\??\\C:\\N.TXT", GENERIC_READ, 7, 1, SYNC, &iosb), 0);
    CHECK_EQ("  FILE_OPENED", iosb.Information, 1);
    NtClose(h);
    CHECK_EQ("FILE_OPEN_IF", Create(&h, L"\\??\\C:\\n.txt", GENERIC_READ, 7, 3, SYNC, &iosb), 0);
    CHECK_EQ("  FILE_OPENED", iosb.Information, 1);
    NtClose(h);
    CHECK_EQ("FILE_OVERWRITE", Create(&h, L"\\??\\C:\\n.txt", GENERIC_WRITE, 7, 4, SYNC, &iosb), 0);
    CHECK_EQ("  FILE_OVERWRITTEN", iosb.Information, 3);
    NtClose(h);
    CHECK_EQ("FILE_SUPERSEDE", Create(&h, L"\\??\\C:\\n.txt", GENERIC_WRITE, 7, 0, SYNC, &iosb), 0);
    CHECK_EQ("  FILE_SUPERSEDED", iosb.Information, 0);
    NtClose(h);
    CHECK_EQ("FILE_OVERWRITE missing", Create(&h, L"\\??\\C:\\m.txt", GENERIC_WRITE, 7, 4, SYNC, &iosb),
             0xC0000034);
    CHECK_EQ("FILE_OVERWRITE_IF missing", Create(&h, L"\\??\\C:\\m.txt", GENERIC_WRITE, 7, 5, SYNC, &iosb), 0);
    CHECK_EQ("  FILE_CREATED", iosb.Information, 2);
    NtClose(h);
    CHECK_EQ("a bad disposition", Create(&h, L"\\??\\C:\\m.txt", GENERIC_READ, 7, 6, SYNC, &iosb),
             0xC000000D);
    CHECK_EQ("directory and non-directory", Create(&h, L"\\??\\C:\\m.txt", GENERIC_READ, 7, 1,
                                                   SYNC | DIR_FILE | NONDIR, &iosb), 0xC000000D);
    CHECK_EQ("FILE_DIRECTORY_FILE on a file", Create(&h, L"\\??\\C:\\m.txt", GENERIC_READ, 7, 1,
                                                     SYNC | DIR_FILE, &iosb), 0xC0000103);
    CHECK_EQ("delete-on-close without DELETE", Create(&h, L"\\??\\C:\\m.txt", GENERIC_READ, 7, 1,
                                                      SYNC | DELETE_ON_CLOSE, &iosb), 0xC000000D);
    CHECK_EQ("a directory", Create(&h, L"\\??\\C:\\d", GENERIC_READ, 7, 2, SYNC | DIR_FILE, &iosb), 0);
    CHECK_EQ("  FILE_CREATED", iosb.Information, 2);
    NtClose(h);
    CHECK_EQ("FILE_NON_DIRECTORY_FILE on a directory",
             Create(&h, L"\\??\\C:\\d", GENERIC_READ, 7, 1, SYNC | NONDIR, &iosb), 0xC00000BA);
    CHECK_EQ("FILE_OVERWRITE_IF on a directory",
             Create(&h, L"\\??\\C:\\d", GENERIC_WRITE, 7, 5, SYNC, &iosb), 0xC0000022);
    CHECK_EQ("SYNC without SYNCHRONIZE",
             NtCreateFile(&h, 1 /* FILE_READ_DATA */, Name(NULL, L"\\??\\C:\\m.txt"), &iosb, NULL, 0, 7, 1, SYNC,
                          NULL, 0), 0xC000000D);
}

static void Offsets(void)
{
    Print("-- offsets\n");
    HANDLE h, async;
    IOSB iosb;
    Create(&h, L"\\??\\C:\\o.txt", GENERIC_READ | GENERIC_WRITE, 7, 5, SYNC, &iosb);
    NtWriteFile(h, NULL, NULL, NULL, &iosb, "0123456789", 10, NULL, NULL);
    LARGE_INTEGER end = {.QuadPart = -1}, current = {.HighPart = -1, .LowPart = 0xFFFFFFFE};
    LARGE_INTEGER at2 = {.QuadPart = 2};
    NtWriteFile(h, NULL, NULL, NULL, &iosb, "E", 1, &end, NULL);
    NtWriteFile(h, NULL, NULL, NULL, &iosb, "x", 1, &at2, NULL);
    CHECK_EQ("an explicit offset moves a synchronous file's position",
             NtWriteFile(h, NULL, NULL, NULL, &iosb, "P", 1, &current, NULL), 0);
    char buffer[32] = {0};
    LARGE_INTEGER zero = {.QuadPart = 0};
    NtReadFile(h, NULL, NULL, NULL, &iosb, buffer, sizeof buffer, &zero, NULL);
    CHECK_EQ("read it all", iosb.Information, 11);
    Print(buffer);
    Print("\n");
    CHECK_EQ("FILE_WRITE_TO_END_OF_FILE and FILE_USE_FILE_POINTER_POSITION",
             buffer[10] == 'E' && buffer[2] == 'x' && buffer[3] == 'P', TRUE);
    LARGE_INTEGER past = {.QuadPart = 100};
    CHECK_EQ("a read past the end", NtReadFile(h, NULL, NULL, NULL, &iosb, buffer, 4, &past, NULL),
             0xC0000011);
    CHECK_EQ("  Information", iosb.Information, 0);
    LARGE_INTEGER position;
    NtQueryInformationFile(h, &iosb, &position, sizeof position, 14);
    CHECK_EQ("FilePositionInformation after reading all", position.QuadPart, 11);
    CHECK_EQ("FileStandardInformation too short", NtQueryInformationFile(h, &iosb, buffer, 8, 5),
             0xC0000004);
    NtClose(h);
    CHECK_EQ("an asynchronous handle",
             Create(&async, L"\\??\\C:\\o.txt", GENERIC_READ, 7, 1, 0, &iosb), 0);
    CHECK_EQ("  needs a ByteOffset",
             NtReadFile(async, NULL, NULL, NULL, &iosb, buffer, 4, NULL, NULL), 0xC000000D);
    CHECK_EQ("  and reads with one", NtReadFile(async, NULL, NULL, NULL, &iosb, buffer, 4, &zero, NULL), 0);
    CHECK_EQ("  a read-only handle cannot write",
             NtWriteFile(async, NULL, NULL, NULL, &iosb, "q", 1, &zero, NULL), 0xC0000022);
    NtClose(async);
    Create(&h, L"\\??\\C:\\o.txt", 0x0080 /* FILE_READ_ATTRIBUTES */, 7, 1, SYNC, &iosb);
    CHECK_EQ("a handle for attributes cannot read",
             NtReadFile(h, NULL, NULL, NULL, &iosb, buffer, 4, &zero, NULL), 0xC0000022);
    CHECK_EQ("  nor lock", NtLockFile(h, NULL, NULL, NULL, &iosb, &zero, &past, 0, TRUE, TRUE), 0xC0000022);
    NtClose(h);
}

static void Information(void)
{
    Print("-- information classes\n");
    HANDLE h, dir;
    IOSB iosb;
    BYTE buffer[1024];
    Create(&h, L"\\??\\C:\\d\\info.txt", GENERIC_READ | GENERIC_WRITE | DELETE, 7, 5, SYNC, &iosb);
    NtWriteFile(h, NULL, NULL, NULL, &iosb, "12345", 5, NULL, NULL);
    CHECK_EQ("FileNameInformation", NtQueryInformationFile(h, &iosb, buffer, sizeof buffer, 9), 0);
    CHECK_EQ("  the name is from the root", *(ULONG *)buffer, 22);
    CHECK_EQ("  \\d\\info.txt", ((WCHAR *)(buffer + 4))[2] == '\\' && ((WCHAR *)(buffer + 4))[3] == 'i', TRUE);
    CHECK_EQ("FileNameInformation cut short", NtQueryInformationFile(h, &iosb, buffer, 8, 9), 0x80000005);
    CHECK_EQ("FileAllInformation", NtQueryInformationFile(h, &iosb, buffer, sizeof buffer, 18), 0);
    CHECK_EQ("  EndOfFile", *(ULONG *)(buffer + 48), 5);
    CHECK_EQ("  Directory", buffer[61], 0);
    CHECK_EQ("FileAttributeTagInformation", NtQueryInformationFile(h, &iosb, buffer, 8, 35), 0);
    CHECK_EQ("  ARCHIVE", *(ULONG *)buffer, FILE_ATTRIBUTE_ARCHIVE);
    LARGE_INTEGER eof = {.QuadPart = 3};
    CHECK_EQ("FileEndOfFileInformation", NtSetInformationFile(h, &iosb, &eof, 8, 20), 0);
    NtQueryInformationFile(h, &iosb, buffer, 24, 5);
    CHECK_EQ("  the new size", *(ULONG *)(buffer + 8), 3);
    CHECK_EQ("NtFlushBuffersFile", NtFlushBuffersFile(h, &iosb), 0);
    /* A rename relative to a directory handle, then a full name. */
    Create(&dir, L"\\??\\C:\\d", GENERIC_READ | DELETE, 7, 1, SYNC | DIR_FILE, &iosb);
    struct {
        BOOLEAN Replace;
        HANDLE Root;
        ULONG Length;
        WCHAR Name[32];
    } rename = {FALSE, dir, 12, L"r2.txt"};
    CHECK_EQ("FileRenameInformation relative to a directory",
             NtSetInformationFile(h, &iosb, &rename, sizeof rename, 10), 0);
    NtQueryInformationFile(h, &iosb, buffer, sizeof buffer, 9);
    CHECK_EQ("  the file object follows its name", *(ULONG *)buffer, 18);
    HANDLE other;
    CHECK_EQ("a name relative to a directory handle",
             NtCreateFile(&other, GENERIC_READ | SYNCHRONIZE, Name(dir, L"r2.txt"), &iosb, NULL, 0, 7, 1,
                          SYNC, NULL, 0), 0);
    NtClose(other);
    CHECK_EQ("a relative name with /",
             NtCreateFile(&other, GENERIC_READ | SYNCHRONIZE, Name(dir, L"x/r2.txt"), &iosb, NULL, 0, 7, 1,
                          SYNC, NULL, 0), 0xC0000033);
    CHECK_EQ("a relative name starting with \\",
             NtCreateFile(&other, GENERIC_READ | SYNCHRONIZE, Name(dir, L"\\r2.txt"), &iosb, NULL, 0, 7,
                          1, SYNC, NULL, 0), 0xC000000D);
    Create(&other, L"\\??\\C:\\d\\taken.txt", GENERIC_WRITE, 7, 5, SYNC, &iosb);
    NtClose(other);
    rename.Root = NULL;
    rename.Length = 36;
    memcpy(rename.Name, L"\\??\\C:\\d\\taken.txt", 38);
    CHECK_EQ("rename onto a file without ReplaceIfExists",
             NtSetInformationFile(h, &iosb, &rename, sizeof rename, 10), 0xC0000035);
    rename.Replace = TRUE;
    CHECK_EQ("with ReplaceIfExists", NtSetInformationFile(h, &iosb, &rename, sizeof rename, 10), 0);
    CHECK_EQ("rename a directory with an open file in it",
             NtSetInformationFile(dir, &iosb, &rename, sizeof rename, 10), 0xC0000022);
    BOOLEAN yes = TRUE;
    CHECK_EQ("FileDispositionInformation on a non-empty directory",
             NtSetInformationFile(dir, &iosb, &yes, 1, 13), 0xC0000101);
    CHECK_EQ("FileDispositionInformation", NtSetInformationFile(h, &iosb, &yes, 1, 13), 0);
    NtQueryInformationFile(h, &iosb, buffer, 24, 5);
    CHECK_EQ("  DeletePending", buffer[20], 1);
    NtClose(h);
    BYTE basic[40];
    CHECK_EQ("NtQueryAttributesFile of a deleted file",
             NtQueryAttributesFile(Name(NULL, L"\\??\\C:\\d\\taken.txt"), basic), 0xC0000034);
    CHECK_EQ("NtQueryAttributesFile of the directory", NtQueryAttributesFile(Name(NULL, L"\\??\\C:\\d"), basic),
             0);
    CHECK_EQ("  DIRECTORY", *(ULONG *)(basic + 32), FILE_ATTRIBUTE_DIRECTORY);
    BYTE full[56];
    CHECK_EQ("NtQueryFullAttributesFile", NtQueryFullAttributesFile(Name(NULL, L"\\??\\C:\\o.txt"), full), 0);
    CHECK_EQ("  EndOfFile", *(ULONG *)(full + 40), 11);
    CHECK_EQ("NtQueryFullAttributesFile into kernel space",
             NtQueryFullAttributesFile(Name(NULL, L"\\??\\C:\\o.txt"), (PVOID)0x80000000), 0xC0000005);
    NtClose(dir);
    CHECK_EQ("NtDeleteFile", NtDeleteFile(Name(NULL, L"\\??\\C:\\m.txt")), 0);
    CHECK_EQ("NtDeleteFile again", NtDeleteFile(Name(NULL, L"\\??\\C:\\m.txt")), 0xC0000034);
    CHECK_EQ("NtDeleteFile of the empty directory", NtDeleteFile(Name(NULL, L"\\??\\C:\\d")), 0);
    CHECK_EQ("  gone", NtQueryAttributesFile(Name(NULL, L"\\??\\C:\\d"), basic), 0xC0000034);
}

/* The entries of one NtQueryDirectoryFile call: name offsets per class. */
static void Directory(void)
{
    Print("-- NtQueryDirectoryFile\n");
    HANDLE dir, h;
    IOSB iosb;
    __attribute__((aligned(8))) BYTE buffer[4096];
    Create(&dir, L"\\??\\C:\\e", GENERIC_READ, 7, 2, SYNC | DIR_FILE, &iosb);
    NtClose(dir);
    Create(&h, L"\\??\\C:\\e\\alpha.txt", GENERIC_WRITE, 7, 2, SYNC, &iosb);
    NtWriteFile(h, NULL, NULL, NULL, &iosb, "1234", 4, NULL, NULL);
    NtClose(h);
    Create(&h, L"\\??\\C:\\e\\beta.dat", GENERIC_WRITE, 7, 2, SYNC, &iosb);
    NtClose(h);
    Create(&dir, L"\\??\\C:\\e", FILE_LIST_DIRECTORY, 7, 1, SYNC | DIR_FILE, &iosb);
    static const struct {
        ULONG Class, NameAt, LengthAt;
        const char *What;
    } classes[] = {
        {1, 64, 60, "FileDirectoryInformation"},   {2, 68, 60, "FileFullDirectoryInformation"},
        {3, 94, 60, "FileBothDirectoryInformation"}, {37, 104, 60, "FileIdBothDirectoryInformation"},
        {12, 12, 8, "FileNamesInformation"},       {38, 80, 60, "FileIdFullDirectoryInformation"},
    };
    NT_STRING pattern = {10, 10, L"*.txt"};
    for (unsigned c = 0; c < 6; c++) {
        LONG status = NtQueryDirectoryFile(dir, NULL, NULL, NULL, &iosb, buffer, sizeof buffer,
                                           classes[c].Class, FALSE, &pattern, TRUE);
        Print(classes[c].What);
        Print(": ");
        CHECK_EQ("status", status, 0);
        CHECK_EQ("  one entry", *(ULONG *)buffer, 0);
        CHECK_EQ("  its name's length", *(ULONG *)(buffer + classes[c].LengthAt), 18);
        CHECK_EQ("  its name", *(WCHAR *)(buffer + classes[c].NameAt), 'a');
        CHECK_EQ("  Information", iosb.Information, classes[c].NameAt + 18);
        if (classes[c].Class != 12) {
            CHECK_EQ("  EndOfFile", *(ULONG *)(buffer + 40), 4);
        }
    }
    CHECK_EQ("the next query", NtQueryDirectoryFile(dir, NULL, NULL, NULL, &iosb, buffer, sizeof buffer,
                                                    12, FALSE, NULL, FALSE), 0x80000006);
    CHECK_EQ("a restart without a pattern keeps *.txt",
             NtQueryDirectoryFile(dir, NULL, NULL, NULL, &iosb, buffer, sizeof buffer, 12, FALSE, NULL, TRUE),
             0);
    CHECK_EQ("  one entry", *(ULONG *)buffer, 0);
    NT_STRING every = {2, 2, L"*"};
    CHECK_EQ("ReturnSingleEntry",
             NtQueryDirectoryFile(dir, NULL, NULL, NULL, &iosb, buffer, sizeof buffer, 12, TRUE, &every, TRUE),
             0);
    CHECK_EQ("  .", *(WCHAR *)(buffer + 12) == '.' && *(ULONG *)(buffer + 8) == 2, TRUE);
    NtQueryDirectoryFile(dir, NULL, NULL, NULL, &iosb, buffer, sizeof buffer, 12, FALSE, NULL, FALSE);
    ULONG next = *(ULONG *)buffer;
    CHECK_EQ("  then .. and the rest, 8-aligned", next, 16);
    CHECK_EQ("  alpha.txt", *(WCHAR *)(buffer + next + 12), 'a');
    CHECK_EQ("no entry fits", NtQueryDirectoryFile(dir, NULL, NULL, NULL, &iosb, buffer, 70, 3, FALSE, &every,
                                                   TRUE), 0xC0000004);
    /* The least buffer holds one character of a name, in 8-byte units
     * (Wine's ntdll directory.c:396-420): 72 for FileDirectoryInformation. */
    CHECK_EQ("71 bytes are too few",
             NtQueryDirectoryFile(dir, NULL, NULL, NULL, &iosb, buffer, 71, 1, TRUE, &every, TRUE), 0xC0000004);
    NT_STRING alpha = {18, 18, L"alpha.txt"};
    CHECK_EQ("the first name does not fit",
             NtQueryDirectoryFile(dir, NULL, NULL, NULL, &iosb, buffer, 72, 1, TRUE, &alpha, TRUE), 0x80000005);
    CHECK_EQ("  FileNameLength is the whole name's (directory.c:570)", *(ULONG *)(buffer + 60), 18);
    CHECK_EQ("FileNamesInformation needs 16", NtQueryDirectoryFile(dir, NULL, NULL, NULL, &iosb, buffer, 15, 12,
                                                                   TRUE, &every, TRUE), 0xC0000004);
    /* NTFS's index-only classes (directory.c:425-443). */
    static const struct {
        ULONG Class, Size;
    } index_only[] = {{29, 72}, {32, 56}, {33, 16}};
    for (unsigned c = 0; c < 3; c++) {
        CHECK_EQ("an index class, short: STATUS_INFO_LENGTH_MISMATCH",
                 NtQueryDirectoryFile(dir, NULL, NULL, NULL, &iosb, buffer, index_only[c].Size - 1,
                                      index_only[c].Class, FALSE, &every, TRUE), 0xC0000004);
        CHECK_EQ("  its size: STATUS_INVALID_INFO_CLASS",
                 NtQueryDirectoryFile(dir, NULL, NULL, NULL, &iosb, buffer, index_only[c].Size,
                                      index_only[c].Class, FALSE, &every, TRUE), 0xC0000003);
    }
    NT_STRING none = {8, 8, L"zz*q"};
    CHECK_EQ("a restart that matches nothing: STATUS_NO_MORE_FILES (directory.c:586)",
             NtQueryDirectoryFile(dir, NULL, NULL, NULL, &iosb, buffer, sizeof buffer, 1, FALSE, &none, TRUE),
             0x80000006);
    NtClose(dir);
    Create(&dir, L"\\??\\C:\\e", FILE_LIST_DIRECTORY, 7, 1, SYNC | DIR_FILE, &iosb);
    CHECK_EQ("a handle's first query that matches nothing: STATUS_NO_SUCH_FILE",
             NtQueryDirectoryFile(dir, NULL, NULL, NULL, &iosb, buffer, sizeof buffer, 1, FALSE, &none, TRUE),
             0xC000000F);
    CHECK_EQ("  then STATUS_NO_MORE_FILES, restarted too (directory.c:721)",
             NtQueryDirectoryFile(dir, NULL, NULL, NULL, &iosb, buffer, sizeof buffer, 1, FALSE, NULL, TRUE),
             0x80000006);
    /* What the handle was granted (kernel32 directory.c:466's check). */
    ULONG basic[14], got = 0;
    CHECK_EQ("NtQueryObject(ObjectBasicInformation)", NtQueryObject(dir, 0, basic, sizeof basic, &got), 0);
    CHECK_EQ("  56 bytes", got, 56);
    CHECK_EQ("  GrantedAccess FILE_LIST_DIRECTORY | SYNCHRONIZE", basic[1], FILE_LIST_DIRECTORY | SYNCHRONIZE);
    CHECK_EQ("  HandleCount", basic[2], 1);
    CHECK_EQ("  a buffer too short", NtQueryObject(dir, 0, basic, 55, &got), 0xC0000004);
    NtClose(dir);

    Print("-- volume\n");
    Create(&h, L"\\??\\C:\\o.txt", GENERIC_READ, 7, 1, SYNC, &iosb);
    CHECK_EQ("FileFsDeviceInformation", NtQueryVolumeInformationFile(h, &iosb, buffer, 8, 4), 0);
    CHECK_EQ("  FILE_DEVICE_DISK", *(ULONG *)buffer, 7);
    CHECK_EQ("FileFsAttributeInformation", NtQueryVolumeInformationFile(h, &iosb, buffer, 64, 5), 0);
    CHECK_EQ("  NTFS", *(ULONG *)(buffer + 8) == 8 && *(WCHAR *)(buffer + 12) == 'N', TRUE);
    CHECK_EQ("FileFsAttributeInformation cut short", NtQueryVolumeInformationFile(h, &iosb, buffer, 16, 5),
             0x80000005);
    CHECK_EQ("FileFsVolumeInformation", NtQueryVolumeInformationFile(h, &iosb, buffer, 64, 1), 0);
    CHECK_EQ("FileFsVolumeInformation too short", NtQueryVolumeInformationFile(h, &iosb, buffer, 16, 1),
             0xC0000004);
    CHECK_EQ("FileFsSizeInformation", NtQueryVolumeInformationFile(h, &iosb, buffer, 24, 3), 0);
    CHECK_EQ("  512-byte sectors", *(ULONG *)(buffer + 20), 512);
    CHECK_EQ("FileFsFullSizeInformation", NtQueryVolumeInformationFile(h, &iosb, buffer, 32, 7), 0);
    CHECK_EQ("an unknown class", NtQueryVolumeInformationFile(h, &iosb, buffer, 32, 99), 0xC0000003);
    NtClose(h);
}

static void Locks(void)
{
    Print("-- locks\n");
    HANDLE a, b;
    IOSB iosb;
    Create(&a, L"\\??\\C:\\l.db", GENERIC_READ | GENERIC_WRITE, 3, 5, SYNC, &iosb);
    Create(&b, L"\\??\\C:\\l.db", GENERIC_READ | GENERIC_WRITE, 3, 1, SYNC, &iosb);
    NtWriteFile(a, NULL, NULL, NULL, &iosb, "0123456789", 10, NULL, NULL);
    LARGE_INTEGER zero = {.QuadPart = 0}, four = {.QuadPart = 4}, huge = {.QuadPart = -1};
    CHECK_EQ("exclusive 0..3", NtLockFile(a, NULL, NULL, NULL, &iosb, &zero, &four, 0, TRUE, TRUE), 0);
    CHECK_EQ("the other's exclusive", NtLockFile(b, NULL, NULL, NULL, &iosb, &zero, &four, 0, TRUE, TRUE),
             0xC0000055);
    char buffer[4];
    CHECK_EQ("the other's read: STATUS_FILE_LOCK_CONFLICT",
             NtReadFile(b, NULL, NULL, NULL, &iosb, buffer, 4, &zero, NULL), 0xC0000054);
    ULONG key = 7;
    CHECK_EQ("the owner's read with another key",
             NtReadFile(a, NULL, NULL, NULL, &iosb, buffer, 4, &zero, &key), 0xC0000054);
    CHECK_EQ("the owner's read", NtReadFile(a, NULL, NULL, NULL, &iosb, buffer, 4, &zero, NULL), 0);
    CHECK_EQ("unlock with another key", NtUnlockFile(a, &iosb, &zero, &four, 7), 0xC000007E);
    CHECK_EQ("unlock", NtUnlockFile(a, &iosb, &zero, &four, 0), 0);
    LARGE_INTEGER last = {.QuadPart = 0x7FFFFFFFFFFFFFFFll};
    CHECK_EQ("a range past 2^64", NtLockFile(a, NULL, NULL, NULL, &iosb, &huge, &last, 0, TRUE, TRUE),
             0xC00001A1);
    NtClose(a);
    NtClose(b);
}

/* A child that opens a file for itself alone and ends without closing it:
 * its handles close with it, and the file is free again. */
static void Processes(void)
{
    Print("-- processes\n");
    char line[] = "native.exe child";
    CreateDirectoryA("C:\\kid", NULL);
    SetCurrentDirectoryA("C:\\kid");
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    CHECK_EQ("CreateProcess", CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), TRUE);
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 0;
    GetExitCodeProcess(pi.hProcess, &code);
    CHECK_EQ("the child held the file", code & 0xF0, 0x20);
    CHECK_EQ("and started in its parent's current directory", code & 0x0F, 1);
    SetCurrentDirectoryA("C:\\");
    HANDLE h;
    IOSB iosb;
    CHECK_EQ("its open went with it",
             Create(&h, L"\\??\\C:\\child.txt", GENERIC_READ | GENERIC_WRITE, 0, 1, SYNC, &iosb), 0);
    NtClose(h);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

/* The child: child.txt for itself, then a second open (which must fail)
 * says so in the exit code; the handle is left open. */
static void Child(void)
{
    HANDLE h, again;
    IOSB iosb;
    Create(&h, L"\\??\\C:\\child.txt", GENERIC_READ | GENERIC_WRITE, 0, 5, SYNC, &iosb);
    LONG status = Create(&again, L"\\??\\C:\\child.txt", GENERIC_READ, 7, 1, SYNC, &iosb);
    char directory[MAX_PATH];
    GetCurrentDirectoryA(MAX_PATH, directory);
    BOOL inherited = directory[0] == 'C' && directory[3] == 'k' && directory[4] == 'i' &&
                     directory[5] == 'd' && !directory[6];
    ExitProcess((status == (LONG)0xC0000043 ? 0x20 : 0x10) | (inherited ? 1 : 0));
}

void __cdecl start(void)
{
    const char *line = GetCommandLineA();
    while (*line && *line != ' ') {
        line++;
    }
    if (line[0] == ' ' && line[1] == 'c') {
        Child();
    }
    Processes();
    Dispositions();
    Offsets();
    Information();
    Directory();
    Locks();
    Finish();
}
