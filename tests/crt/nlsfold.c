/*
 * The answers of the code pages, messages and the environment now that
 * each has one owner in ntdll, kernel32 on top, as Windows has them; the
 * Windows answers are those Wine's conformance tests state (file:line).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define ERROR_NO_WORK_DONE 235

static int Failures;

static void Check(BOOL ok, const char *what)
{
    printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    Failures += !ok;
}

typedef NTSTATUS(WINAPI *FORMAT)(const WCHAR *, ULONG, BOOLEAN, BOOLEAN, BOOLEAN, va_list *, WCHAR *, ULONG,
                                 ULONG *);
static FORMAT RtlFormatMessage_;

static NTSTATUS Format(const WCHAR *message, BOOLEAN ignore, WCHAR *buffer, ULONG size, ...)
{
    ULONG written = 0;
    va_list list;
    va_start(list, size);
    NTSTATUS status = RtlFormatMessage_(message, 0, ignore, FALSE, FALSE, &list, buffer, size, &written);
    va_end(list);
    return status;
}

static DWORD FormatW(const WCHAR *message, WCHAR *buffer, DWORD size, ...)
{
    va_list list;
    va_start(list, size);
    DWORD n = FormatMessageW(FORMAT_MESSAGE_FROM_STRING, message, 0, 0, buffer, size, &list);
    va_end(list);
    return n;
}

/* kernel32 format_msg.c:1008-1024: a buffer too small keeps the insert
 * cut to nothing and terminated; the argument read is gone from the list. */
static void ArgumentEaten(const WCHAR *message, ...)
{
    WCHAR out[1] = {0xCCCC};
    va_list list;
    va_start(list, message);
    SetLastError(0xdeadbeef);
    DWORD n = FormatMessageW(FORMAT_MESSAGE_FROM_STRING, message, 0, 0, out, 1, &list);
    DWORD error = GetLastError();
    const WCHAR *next = va_arg(list, const WCHAR *);
    va_end(list);
    Check(!n && error == ERROR_INSUFFICIENT_BUFFER && out[0] == 0 && !wcscmp(next, L"unused"),
          "FormatMessageW too small: 0, ERROR_INSUFFICIENT_BUFFER, \"\", the first argument used up");
}

static void Messages(void)
{
    RtlFormatMessage_ = (FORMAT)GetProcAddress(GetModuleHandleA("ntdll.dll"), "RtlFormatMessage");
    WCHAR out[64];
    char a[64];

    /* format_msg.c:672-676: ignoring inserts, every escape but %n %r %t
     * stays as written, its '%' too (RtlFormatMessage is the engine). */
    Check(!Format(L"%%% %.%!", TRUE, out, sizeof out) && !wcscmp(out, L"%%% %.%!"),
          "RtlFormatMessage ignoring inserts: %% %space %. %! as written");
    Check(FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_IGNORE_INSERTS, "%%% %.%!", 0, 0, a,
                         sizeof a, NULL) == 8 && !strcmp(a, "%%% %.%!"),
          "FormatMessageA ignoring inserts: the same, 8");

    /* format_msg.c:576-582, 601-611: with a va_list, a second %1!*.*u!
     * takes its width from argument 1 and the rest from where the list is. */
    Check(FormatW(L"%1!*.*u!,%1!*.*u!", out, 64, 5, 3, 1, 4, 2) == 11 && !wcscmp(out, L"  001, 0002"),
          "va_list %1!*.*u! twice: \"  001, 0002\"");
    Check(FormatW(L"%1!*.*u!,%3!*.*u!", out, 64, 5, 3, 1, 6, 4, 2) == 12 && !wcscmp(out, L"  001,  0002"),
          "va_list %1!*.*u!,%3!*.*u!: \"  001,  0002\"");
    {
        ULONG_PTR args[] = {6, 4, 2, 5, 3, 1};
        DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY, "%1!*.*u!,%1!*.*u!", 0,
                                 0, a, sizeof a, (va_list *)args);
        Check(n == 13 && !strcmp(a, "  0002, 00003"), "array %1!*.*u! twice: \"  0002, 00003\"");
    }

    /* format_msg.c:1085-1094, 1162-1166: an insert goes in whole, however long. */
    static char long_a[5001];
    static char got_a[5001];
    memset(long_a, 'x', 5000);
    DWORD_PTR arg = (DWORD_PTR)long_a;
    DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY, "%1", 0, 0, got_a,
                             sizeof got_a, (va_list *)&arg);
    Check(n == 5000 && !strcmp(got_a, long_a), "a 5000-character insert: 5000, whole");

    ArgumentEaten(L"%1!s! %2!s!", L"eaten", L"unused");

    /* format_msg.c:75-78: an empty message leaves "" in a W buffer. */
    wcscpy(out, L"xxxxxx");
    SetLastError(0xdeadbeef);
    n = FormatMessageW(FORMAT_MESSAGE_FROM_STRING, L"", 0, 0, out, 64, NULL);
    Check(!n && GetLastError() == ERROR_NO_WORK_DONE && !out[0], "FormatMessageW(\"\"): 0, ERROR_NO_WORK_DONE, \"\"");
}

typedef struct {
    USHORT CodePage, MaximumCharacterSize, DefaultChar, UniDefaultChar, TransDefaultChar, TransUniDefaultChar;
    USHORT DBCSCodePage;
    UCHAR LeadByte[12];
    USHORT *MultiByteTable;
    void *WideCharTable;
    USHORT *DBCSRanges, *DBCSOffsets;
} CPTABLE;

static void CodePages(void)
{
    /* The PEB's AnsiCodePageData (offset 0x58) is the ANSI code page's
     * table, as RtlInitCodePageTable reads it. */
    void (WINAPI *init)(USHORT *, CPTABLE *) =
        (void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "RtlInitCodePageTable");
    BYTE *peb = (BYTE *)__readfsdword(0x30);
    CPTABLE ansi, oem;
    init(*(USHORT **)(peb + 0x58), &ansi);
    init(*(USHORT **)(peb + 0x5C), &oem);
    Check(ansi.CodePage == GetACP() && ansi.MaximumCharacterSize == 1 && ansi.DefaultChar == '?' &&
              ansi.MultiByteTable[0x80] == 0x20AC && !ansi.DBCSCodePage,
          "the PEB's ANSI table: 1252, single-byte, '?', 0x80 the euro sign");
    Check(oem.CodePage == GetOEMCP() && oem.MultiByteTable[0x80] == 0x00C7, "the PEB's OEM table: 437, 0x80 C cedilla");

    /* codepage.c:1134-1139: GetCPInfoEx answers for the code page a
     * pseudo code page stands for. */
    CPINFOEXA info;
    memset(&info, 0, sizeof info);
    Check(GetCPInfoExA(CP_ACP, 0, &info) && info.CodePage == GetACP() && info.MaxCharSize == 1 &&
              info.DefaultChar[0] == '?' && info.UnicodeDefaultChar == '?' &&
              !strcmp(info.CodePageName, "1252  (ANSI - Latin I)"),
          "GetCPInfoExA(CP_ACP): 1252, its name");
    CPINFOEXW wide;
    Check(GetCPInfoExW(CP_UTF8, 0, &wide) && wide.CodePage == CP_UTF8 && wide.MaxCharSize == 4 &&
              wide.UnicodeDefaultChar == 0xFFFD,
          "GetCPInfoExW(CP_UTF8): 65001, 4 bytes, U+FFFD");
    SetLastError(0xdeadbeef);
    Check(!GetCPInfoExA(20127, 0, &info) && GetLastError() == ERROR_INVALID_PARAMETER,
          "GetCPInfoExA of a code page not installed: ERROR_INVALID_PARAMETER");
    Check(SetThreadLocale(GetThreadLocale()) && GetThreadLocale() == 0x409, "SetThreadLocale(en-US): TRUE");

    /* A character 1252 lacks is the caller's default character. */
    BOOL used = FALSE;
    char b[4] = {0};
    Check(WideCharToMultiByte(CP_ACP, 0, L"\x0100", 1, b, 4, "*", &used) == 1 && b[0] == '*' && used,
          "WideCharToMultiByte U+0100 with default '*': '*', used");

    /* codepage.c:212-223, 240-249, 303-312 and Microsoft's page: what
     * the conversions refuse, and with which error. */
    SetLastError(0xdeadbeef);
    Check(!WideCharToMultiByte(CP_ACP, 0x100, L"a", 1, b, 4, NULL, NULL) && GetLastError() == ERROR_INVALID_FLAGS,
          "WideCharToMultiByte flag 0x100: ERROR_INVALID_FLAGS");
    WCHAR w[4];
    SetLastError(0xdeadbeef);
    Check(!MultiByteToWideChar(CP_ACP, 0x10, "a", 1, w, 4) && GetLastError() == ERROR_INVALID_FLAGS,
          "MultiByteToWideChar flag 0x10: ERROR_INVALID_FLAGS");
    SetLastError(0xdeadbeef);
    Check(!MultiByteToWideChar(CP_ACP, 0x10, NULL, -1, w, 4) && GetLastError() == ERROR_INVALID_PARAMETER,
          "a NULL source before the flags: ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    Check(!WideCharToMultiByte(CP_ACP, 0, L"a", 0, b, 4, NULL, NULL) && GetLastError() == ERROR_INVALID_PARAMETER,
          "a source of 0 characters: ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    Check(!WideCharToMultiByte(CP_UTF8, 0, L"a", 1, b, 4, NULL, &used) && GetLastError() == ERROR_INVALID_PARAMETER,
          "UTF-8 with a used-default flag: ERROR_INVALID_PARAMETER");
    /* codepage.c:316-329: the text may overlap the buffer it goes to. */
    char overlap[32];
    memcpy(overlap + 1, L"just a test", 12 * sizeof(WCHAR));
    SetLastError(0xdeadbeef);
    Check(WideCharToMultiByte(CP_ACP, 0, (WCHAR *)(overlap + 1), -1, overlap, sizeof overlap, NULL, NULL) == 12 &&
              !strcmp(overlap, "just a test") && GetLastError() == 0xdeadbeef,
          "overlapping buffers: \"just a test\", 12");
}

static void Environment(void)
{
    /* kernel32's variables are ntdll's: set through one, seen through the other. */
    NTSTATUS (WINAPI *query)(WCHAR *, const WCHAR *, SIZE_T, WCHAR *, SIZE_T, SIZE_T *) =
        (void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "RtlQueryEnvironmentVariable");
    WCHAR value[16];
    SIZE_T length = 0;
    SetEnvironmentVariableW(L"NlsFold", L"one");
    Check(!query(NULL, L"NLSFOLD", 7, value, 16, &length) && length == 3 && !wcscmp(value, L"one"),
          "SetEnvironmentVariableW, then RtlQueryEnvironmentVariable: \"one\"");
    /* environ.c (kernel32): the size with the NUL when it does not fit, the length when it does. */
    Check(GetEnvironmentVariableW(L"nlsfold", value, 3) == 4 && GetEnvironmentVariableW(L"nlsfold", value, 4) == 3,
          "GetEnvironmentVariableW: 4 when 3 characters are too few, then 3");
    WCHAR expanded[32];
    Check(ExpandEnvironmentStringsW(L"[%NlsFold%%none%]", expanded, 32) == 12 && !wcscmp(expanded, L"[one%none%]"),
          "ExpandEnvironmentStringsW: [one%none%], 12 with the NUL");
    SetEnvironmentVariableW(L"NlsFold", NULL);
    Check(!GetEnvironmentVariableW(L"NlsFold", value, 16) && GetLastError() == ERROR_ENVVAR_NOT_FOUND,
          "removed: ERROR_ENVVAR_NOT_FOUND");
}

int main(void)
{
    Messages();
    CodePages();
    Environment();
    printf("%d failures\n", Failures);
    return Failures != 0;
}
