/*
 * ntdll's Win32 path rules against Windows' answers, the tables of Wine's
 * conformance tests (dlls/ntdll/tests/path.c), run with the current
 * directory C:\windows\ as they are: RtlDetermineDosPathNameType_U,
 * RtlIsDosDeviceName_U, RtlGetFullPathName_U and
 * RtlDosPathNameToNtPathName_U(_WithStatus). Where Windows versions differ,
 * the answer is the newest one's.
 */
#include "pe.h"
#include "native.h"

typedef struct {
    USHORT Length, MaximumLength;
    WCHAR *Buffer;
} NT_STRING;

__declspec(dllimport) ULONG __stdcall RtlDetermineDosPathNameType_U(const WCHAR *);
__declspec(dllimport) ULONG __stdcall RtlIsDosDeviceName_U(const WCHAR *);
__declspec(dllimport) ULONG __stdcall RtlGetFullPathName_U(const WCHAR *, ULONG, WCHAR *, WCHAR **);
__declspec(dllimport) BOOLEAN __stdcall RtlDosPathNameToNtPathName_U(const WCHAR *, NT_STRING *, WCHAR **,
                                                                     PVOID);
NTIMPORT RtlDosPathNameToNtPathName_U_WithStatus(const WCHAR *, NT_STRING *, WCHAR **, PVOID);
__declspec(dllimport) void __stdcall RtlFreeUnicodeString(NT_STRING *);

static ULONG Length(const char *s)
{
    ULONG n = 0;
    while (s[n]) {
        n++;
    }
    return n;
}

static WCHAR *Wide(const char *s, WCHAR *out)
{
    int i = 0;
    do {
        out[i] = (BYTE)s[i];
    } while (s[i++]);
    return out;
}

static char *Narrow(const WCHAR *s, char *out)
{
    int i = 0;
    do {
        out[i] = (char)s[i];
    } while (s[i++]);
    return out;
}

static BOOL SameW(const WCHAR *a, const char *b)
{
    while (*a && *a == (WCHAR)(BYTE)*b) {
        a++, b++;
    }
    return *a == (WCHAR)(BYTE)*b;
}

static void Report(BOOL ok, const char *what, const char *input, const char *got, const char *want)
{
    if (!ok) {
        Failures++;
    }
    Print(ok ? "ok   " : "FAIL ");
    Print(what);
    Print("(\"");
    Print(input);
    Print("\") = ");
    Print(got);
    if (!ok) {
        Print(", Windows gives ");
        Print(want);
    }
    Print("\n");
}

static void PathTypes(void)
{
    static const struct {
        const char *path;
        ULONG type;
    } tests[] = {
        {"\\\\foo", 1}, {"//foo", 1}, {"\\/foo", 1}, {"/\\foo", 1}, {"\\\\", 1}, {"//", 1},
        {"c:\\foo", 2}, {"c:/foo", 2}, {"c://foo", 2}, {"c:\\", 2}, {"c:/", 2},
        {"c:foo", 3}, {"c:f\\oo", 3}, {"c:foo/bar", 3}, {"\\foo", 4}, {"/foo", 4}, {"\\", 4},
        {"/", 4}, {"foo", 5}, {"", 5}, {"\\\\.\\foo", 6}, {"//./foo", 6}, {"/\\./foo", 6},
        {"\\\\.foo", 1}, {"//.foo", 1}, {"\\\\.", 7}, {"//.", 7}, {"\\\\?\\foo", 6},
        {"//?/foo", 6}, {"/\\?/foo", 6}, {"\\\\?foo", 1}, {"//?foo", 1}, {"\\\\?", 7},
        {"//?", 7}, {"CONIN$", 5}, {"CONOUT$", 5}, {"CONERR$", 5}, {"\\\\.\\CONIN$", 6},
    };
    WCHAR w[64];
    for (unsigned i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        ULONG got = RtlDetermineDosPathNameType_U(Wide(tests[i].path, w));
        char g[2] = {(char)('0' + got), 0}, want[2] = {(char)('0' + tests[i].type), 0};
        Report(got == tests[i].type, "RtlDetermineDosPathNameType_U", tests[i].path, g, want);
    }
}

static void DeviceNames(void)
{
    static const struct {
        const char *path;
        USHORT offset, length;
    } tests[] = {
        {"\\\\.\\CON", 8, 6}, {"\\\\.\\con", 8, 6}, {"\\\\.\\CON2", 0, 0}, {"\\\\.\\CONIN$", 0, 0},
        {"", 0, 0}, {"\\\\foo\\nul", 0, 0}, {"c:\\nul:", 6, 6}, {"c:\\nul\\", 0, 0},
        {"c:\\nul\\foo", 0, 0}, {"c:\\nul::", 6, 6}, {"c:\\nul::::::", 6, 6}, {"c:prn     ", 4, 6},
        {"c:prn.......", 4, 6}, {"c:prn... ...", 4, 6}, {"c:NUL  ....  ", 4, 6}, {"c: . . .", 0, 0},
        {"c:", 0, 0}, {" . . . :", 0, 0}, {":", 0, 0}, {"c:nul. . . :", 4, 6}, {"c:nul . . :", 4, 6},
        {"c:nul0", 0, 0}, {"c:prn:aaa", 4, 6}, {"c:PRN:.txt", 4, 6}, {"c:aux:.txt...", 4, 6},
        {"c:prn:.txt:", 4, 6}, {"c:nul:aaa", 4, 6}, {"con:", 0, 6}, {"lpt1:", 0, 8},
        {"c:com5:", 4, 8}, {"CoM4:", 0, 8}, {"lpt9:", 0, 8}, {"c:\\lpt0.txt", 0, 0},
        {"CONIN$", 0, 12}, {"CONOUT$", 0, 14}, {"CONERR$", 0, 0}, {"CON", 0, 6}, {"PIPE", 0, 0},
        {"\\??\\CONIN$", 8, 12}, {"\\??\\CONOUT$", 8, 14}, {"\\??\\CONERR$", 0, 0}, {"\\??\\CON", 8, 6},
    };
    WCHAR w[64];
    for (unsigned i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        ULONG got = RtlIsDosDeviceName_U(Wide(tests[i].path, w));
        ULONG want = (ULONG)tests[i].offset << 16 | tests[i].length;
        char g[16] = "0x", wt[16] = "0x";
        for (int k = 0; k < 8; k++) {
            g[2 + k] = "0123456789ABCDEF"[(got >> (28 - 4 * k)) & 15];
            wt[2 + k] = "0123456789ABCDEF"[(want >> (28 - 4 * k)) & 15];
        }
        g[10] = wt[10] = 0;
        Report(got == want, "RtlIsDosDeviceName_U", tests[i].path, g, wt);
    }
}

static void FullPaths(void)
{
    static const struct {
        const char *path, *full, *file;
    } tests[] = {
        {"c:/test", "c:\\test", "test"},
        {"c:/test/", "c:\\test\\", NULL},
        {"c:/test     ", "c:\\test", "test"},
        {"c:/test.", "c:\\test", "test"},
        {"c:/test  ....   ..   ", "c:\\test", "test"},
        {"c:/test/  ....   ..   ", "c:\\test\\", NULL},
        {"c:/test/..", "c:\\", NULL},
        {"c:/test/.. ", "c:\\test\\", NULL},
        {"c:/TEST", "c:\\TEST", "TEST"},
        {"c:/test/file", "c:\\test\\file", "file"},
        {"c:/test./file", "c:\\test\\file", "file"},
        {"c:/test.. /file", "c:\\test.. \\file", "file"},
        {"c:/test/././file", "c:\\test\\file", "file"},
        {"c:/test\\.\\.\\file", "c:\\test\\file", "file"},
        {"c:/test/\\.\\.\\file", "c:\\test\\file", "file"},
        {"c:/test\\\\.\\.\\file", "c:\\test\\file", "file"},
        {"c:/test\\test1\\..\\.\\file", "c:\\test\\file", "file"},
        {"c:///test\\.\\.\\file//", "c:\\test\\file\\", NULL},
        {"c:///test\\..\\file\\..\\//", "c:\\", NULL},
        {"c:/test../file", "c:\\test..\\file", "file"},
        {"c:\\test", "c:\\test", "test"},
        {"C:\\test", "C:\\test", "test"},
        {"c:/", "c:\\", NULL},
        {"c:.", "C:\\windows", "windows"},
        {"c:foo", "C:\\windows\\foo", "foo"},
        {"c:foo/bar", "C:\\windows\\foo\\bar", "bar"},
        {"c:./foo", "C:\\windows\\foo", "foo"},
        {"\\foo", "C:\\foo", "foo"},
        {"foo", "C:\\windows\\foo", "foo"},
        {".", "C:\\windows", "windows"},
        {"..", "C:\\", NULL},
        {"...", "C:\\windows\\", NULL},
        {"./foo", "C:\\windows\\foo", "foo"},
        {"foo/..", "C:\\windows", "windows"},
        {"\\windows\\nul", "\\\\.\\nul", NULL},
        {"C:\\nonexistent\\nul", "\\\\.\\nul", NULL},
        {"C:\\con\\con", "\\\\.\\con", NULL},
        {"C:NUL.", "\\\\.\\NUL", NULL},
        {"C:NUL", "\\\\.\\NUL", NULL},
        {"AUX", "\\\\.\\AUX", NULL},
        {"COM1", "\\\\.\\COM1", NULL},
        {"?<>*\"|:", "C:\\windows\\?<>*\"|:", "?<>*\"|:"},
        {"\\\\foo", "\\\\foo", NULL},
        {"//foo", "\\\\foo", NULL},
        {"\\/foo", "\\\\foo", NULL},
        {"//", "\\\\", NULL},
        {"//foo/", "\\\\foo\\", NULL},
        {"//.", "\\\\.\\", NULL},
        {"//./", "\\\\.\\", NULL},
        {"//.//", "\\\\.\\", NULL},
        {"//./foo", "\\\\.\\foo", "foo"},
        {"//./foo/", "\\\\.\\foo\\", NULL},
        {"//./foo/bar", "\\\\.\\foo\\bar", "bar"},
        {"//./foo/.", "\\\\.\\foo", "foo"},
        {"//./foo/..", "\\\\.\\", NULL},
        {"//?/", "\\\\?\\", NULL},
        {"//?//", "\\\\?\\", NULL},
        {"//?/foo", "\\\\?\\foo", "foo"},
        {"//?/foo/", "\\\\?\\foo\\", NULL},
        {"//?/foo/bar", "\\\\?\\foo\\bar", "bar"},
        {"//?/foo/.", "\\\\?\\foo", "foo"},
        {"//?/foo/..", "\\\\?\\", NULL},
        {"CONIN$", "\\\\.\\CONIN$", NULL},
        {"CONOUT$", "\\\\.\\CONOUT$", NULL},
        {"\\??\\foo", "C:\\??\\foo", "foo"},
    };
    WCHAR w[128], full[MAX_PATH], *file;
    char got[MAX_PATH], got_file[MAX_PATH];
    for (unsigned i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        ULONG n = RtlGetFullPathName_U(Wide(tests[i].path, w), sizeof full, full, &file);
        BOOL ok = SameW(full, tests[i].full) && n == 2 * Length(tests[i].full);
        Report(ok, "RtlGetFullPathName_U", tests[i].path, Narrow(full, got), tests[i].full);
        if (tests[i].file) {
            Report(file && SameW(file, tests[i].file), "  its file part", tests[i].path,
                   file ? Narrow(file, got_file) : "NULL", tests[i].file);
        } else {
            Report(!file, "  its file part", tests[i].path, file ? Narrow(file, got_file) : "NULL",
                   "NULL");
        }
    }
    CHECK_EQ("RtlGetFullPathName_U(\"\")", RtlGetFullPathName_U(L"", sizeof full, full, &file), 0);
    CHECK_EQ("RtlGetFullPathName_U with no room: the bytes needed",
             RtlGetFullPathName_U(L"foo", 4, full, &file), 30);
}

static void NtNames(void)
{
    static const struct {
        const char *dos, *nt;
        int file;
    } tests[] = {
        {"c:\\", "\\??\\c:\\", -1}, {"c:/", "\\??\\c:\\", -1}, {"c:/foo", "\\??\\c:\\foo", 7},
        {"c:/foo.", "\\??\\c:\\foo", 7}, {"c:/foo ", "\\??\\c:\\foo", 7},
        {"c:/foo . .", "\\??\\c:\\foo", 7}, {"c:/foo.a", "\\??\\c:\\foo.a", 7},
        {"c:/foo a", "\\??\\c:\\foo a", 7}, {"c:/foo*", "\\??\\c:\\foo*", 7},
        {"c:/foo*a", "\\??\\c:\\foo*a", 7}, {"c:/foo?", "\\??\\c:\\foo?", 7},
        {"c:/foo<", "\\??\\c:\\foo<", 7}, {"c:/foo>a", "\\??\\c:\\foo>a", 7},
        {"c:/foo/", "\\??\\c:\\foo\\", -1}, {"c:/foo//", "\\??\\c:\\foo\\", -1},
        {"C:/foo", "\\??\\C:\\foo", 7}, {"C:/foo/bar", "\\??\\C:\\foo\\bar", 11},
        {"c:.", "\\??\\C:\\windows", 7}, {"c:foo", "\\??\\C:\\windows\\foo", 15},
        {"c:foo/bar", "\\??\\C:\\windows\\foo\\bar", 19}, {"c:./foo", "\\??\\C:\\windows\\foo", 15},
        {"c:/./foo", "\\??\\c:\\foo", 7}, {"c:/..", "\\??\\c:\\", -1}, {"c:/foo/.", "\\??\\c:\\foo", 7},
        {"c:/foo/./bar", "\\??\\c:\\foo\\bar", 11}, {"c:/foo/../bar", "\\??\\c:\\bar", 7},
        {"\\foo", "\\??\\C:\\foo", 7}, {"foo", "\\??\\C:\\windows\\foo", 15},
        {".", "\\??\\C:\\windows", 7}, {"./", "\\??\\C:\\windows\\", -1}, {"..", "\\??\\C:\\", -1},
        {"...", "\\??\\C:\\windows\\", -1}, {"./foo", "\\??\\C:\\windows\\foo", 15},
        {"foo/..", "\\??\\C:\\windows", 7}, {"\\windows\\nul", "\\??\\nul", -1},
        {"C:NUL.", "\\??\\NUL", -1}, {"C:NUL", "\\??\\NUL", -1}, {"AUX", "\\??\\AUX", -1},
        {"COM1", "\\??\\COM1", -1}, {"?<>*\"|:", "\\??\\C:\\windows\\?<>*\"|:", 15},
        {"?:", "\\??\\?:\\", -1}, {"\\\\foo", "\\??\\UNC\\foo", -1}, {"//foo", "\\??\\UNC\\foo", -1},
        {"\\/foo", "\\??\\UNC\\foo", -1}, {"//", "\\??\\UNC\\", -1}, {"//foo/", "\\??\\UNC\\foo\\", -1},
        {"//.", "\\??\\", -1}, {"//./", "\\??\\", -1}, {"//.//", "\\??\\", -1}, {"//./foo", "\\??\\foo", 4},
        {"//./foo/", "\\??\\foo\\", -1}, {"//./foo/bar", "\\??\\foo\\bar", 8}, {"//./foo/.", "\\??\\foo", 4},
        {"//./foo/..", "\\??\\", -1}, {"//./foo. . ", "\\??\\foo", 4}, {"//?", "\\??\\", -1},
        {"//?/", "\\??\\", -1}, {"//?//", "\\??\\", -1}, {"//?/foo", "\\??\\foo", 4},
        {"//?/foo/", "\\??\\foo\\", -1}, {"//?/foo/bar", "\\??\\foo\\bar", 8}, {"//?/foo/.", "\\??\\foo", 4},
        {"//?/foo/..", "\\??\\", -1}, {"//?/foo. . ", "\\??\\foo", 4}, {"\\\\.", "\\??\\", -1},
        {"\\\\.\\", "\\??\\", -1}, {"\\\\.\\/", "\\??\\", -1}, {"\\\\.\\foo", "\\??\\foo", 4},
        {"\\\\.\\foo/", "\\??\\foo\\", -1}, {"\\\\.\\foo/bar", "\\??\\foo\\bar", 8},
        {"\\\\.\\foo/.", "\\??\\foo", 4}, {"\\\\.\\foo/..", "\\??\\", -1}, {"\\\\.\\foo. . ", "\\??\\foo", 4},
        {"\\\\.\\CON", "\\??\\CON", 4}, {"\\\\.\\CONIN$", "\\??\\CONIN$", 4},
        {"\\\\.\\CONOUT$", "\\??\\CONOUT$", 4}, {"\\\\?", "\\??\\", -1}, {"\\\\?\\", "\\??\\", -1},
        {"\\\\?\\/", "\\??\\/", 4}, {"\\\\?\\foo", "\\??\\foo", 4}, {"\\\\?\\foo/", "\\??\\foo/", 4},
        {"\\\\?\\foo/bar", "\\??\\foo/bar", 4}, {"\\\\?\\foo/.", "\\??\\foo/.", 4},
        {"\\\\?\\foo/..", "\\??\\foo/..", 4}, {"\\\\?\\\\", "\\??\\\\", -1}, {"\\\\?\\\\\\", "\\??\\\\\\", -1},
        {"\\\\?\\foo\\", "\\??\\foo\\", -1}, {"\\\\?\\foo\\bar", "\\??\\foo\\bar", 8},
        {"\\\\?\\foo\\.", "\\??\\foo\\.", 8}, {"\\\\?\\foo\\..", "\\??\\foo\\..", 8},
        {"\\\\?\\foo. . ", "\\??\\foo. . ", 4}, {"\\??", "\\??\\C:\\??", 7}, {"\\??\\", "\\??\\C:\\??\\", -1},
        {"\\??\\/", "\\??\\/", 4}, {"\\??\\foo", "\\??\\foo", 4}, {"\\??\\foo/bar", "\\??\\foo/bar", 4},
        {"\\??\\foo\\..", "\\??\\foo\\..", 8}, {"\\??\\foo. . ", "\\??\\foo. . ", 4},
        {"CONIN$", "\\??\\CONIN$", -1}, {"CONOUT$", "\\??\\CONOUT$", -1}, {"cOnOuT$", "\\??\\cOnOuT$", -1},
        {"CONERR$", "\\??\\C:\\windows\\CONERR$", 15},
    };
    WCHAR w[128], *file;
    char got[MAX_PATH];
    NT_STRING nt;
    for (unsigned i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        BOOLEAN ok = RtlDosPathNameToNtPathName_U(Wide(tests[i].dos, w), &nt, &file, NULL);
        if (!ok) {
            Report(FALSE, "RtlDosPathNameToNtPathName_U", tests[i].dos, "FALSE", tests[i].nt);
            continue;
        }
        Report(SameW(nt.Buffer, tests[i].nt) && nt.Length == 2 * Length(tests[i].nt),
               "RtlDosPathNameToNtPathName_U", tests[i].dos, Narrow(nt.Buffer, got), tests[i].nt);
        int offset = file ? (int)(file - nt.Buffer) : -1;
        char g[8], want[8];
        g[0] = offset < 0 ? '-' : (char)('0' + offset / 10);
        g[1] = (char)('0' + (offset < 0 ? 1 : offset % 10));
        g[2] = 0;
        want[0] = tests[i].file < 0 ? '-' : (char)('0' + tests[i].file / 10);
        want[1] = (char)('0' + (tests[i].file < 0 ? 1 : tests[i].file % 10));
        want[2] = 0;
        Report(offset == tests[i].file, "  its file part at", tests[i].dos, g, want);
        RtlFreeUnicodeString(&nt);
    }
    CHECK_EQ("RtlDosPathNameToNtPathName_U_WithStatus(NULL)",
             RtlDosPathNameToNtPathName_U_WithStatus(NULL, &nt, &file, NULL), 0xC0000033);
    CHECK_EQ("RtlDosPathNameToNtPathName_U_WithStatus(\"\")",
             RtlDosPathNameToNtPathName_U_WithStatus(L"", &nt, &file, NULL), 0xC0000033);
    CHECK_EQ("RtlDosPathNameToNtPathName_U_WithStatus(\" \")",
             RtlDosPathNameToNtPathName_U_WithStatus(L" ", &nt, &file, NULL), 0xC0000033);
    CHECK_EQ("RtlDosPathNameToNtPathName_U(\"\")", RtlDosPathNameToNtPathName_U(L"", &nt, &file, NULL),
             FALSE);
    /* A device name after a directory is the device only if the directory
     * exists (Wine's ntdll path.c:578-583, error_paths). */
    CHECK_EQ("RtlDosPathNameToNtPathName_U_WithStatus(C:\\nonexistent\\nul)",
             RtlDosPathNameToNtPathName_U_WithStatus(L"C:\\nonexistent\\nul", &nt, &file, NULL), 0xC0000033);
    CHECK_EQ("RtlDosPathNameToNtPathName_U(C:\\con\\con)",
             RtlDosPathNameToNtPathName_U(L"C:\\con\\con", &nt, &file, NULL), FALSE);
}

void __cdecl start(void)
{
    /* C:\windows is there (ntmm's system directory): it needs no creating. */
    CHECK_EQ("SetCurrentDirectory(C:\\windows\\)", SetCurrentDirectoryA("C:\\windows\\"), TRUE);
    PathTypes();
    DeviceNames();
    FullPaths();
    NtNames();
    Finish();
}
