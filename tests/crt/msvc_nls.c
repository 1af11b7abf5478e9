/* The kernel32 calls Visual C++'s static C runtime makes at start-up, as
 * Windows answers them: Microsoft's documentation and Wine's conformance
 * tests (dlls/kernel32/tests/environ.c, locale.c, version.c; ReactOS's
 * GetCPInfo test). Run with --env NTMM_COLOR=blue. */
#include "../guesttest.h"

static char Enumerated[64];

static BOOL CALLBACK OneLocale(LPSTR name)
{
    strcat(Enumerated, name);
    strcat(Enumerated, ";");
    return TRUE;
}

static void Cpuid(unsigned leaf, unsigned *edx)
{
    unsigned a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(leaf), "c"(0));
    *edx = d;
}

static void Environment(void)
{
    static const char name[] = "SomeWildName", cased[] = "sOMEwILDnAME", value[] = "SomeWildValue";
    char buf[256];
    Check(SetEnvironmentVariableA(name, value), "SetEnvironmentVariableA sets");
    SetLastError(0xdeadbeef);
    Check(GetEnvironmentVariableA(name, NULL, 0) == strlen(value) + 1 && GetLastError() == 0xdeadbeef,
          "GetEnvironmentVariableA(NULL, 0): the size with the NUL, no error");
    strcpy(buf, "foo");
    Check(GetEnvironmentVariableA(name, buf, strlen(value)) == strlen(value) + 1 && !strcmp(buf, "foo"),
          "a buffer one short: the size, the buffer untouched");
    Check(GetEnvironmentVariableA(cased, buf, strlen(value) + 1) == strlen(value) && !strcmp(buf, value),
          "names compare case-insensitively; the length without the NUL");
    Check(SetEnvironmentVariableA(cased, NULL), "SetEnvironmentVariableA(name, NULL) removes");
    strcpy(buf, "foo");
    SetLastError(0xdeadbeef);
    Check(GetEnvironmentVariableA(name, buf, sizeof buf) == 0 && GetLastError() == ERROR_ENVVAR_NOT_FOUND &&
              !strcmp(buf, "foo"),
          "removed: 0, ERROR_ENVVAR_NOT_FOUND");
    Check(SetEnvironmentVariableA(name, ""), "an empty value is a value");
    strcpy(buf, "foo");
    SetLastError(0xdeadbeef);
    Check(GetEnvironmentVariableA(name, buf, sizeof buf) == 0 && GetLastError() == 0xdeadbeef && !buf[0],
          "empty: 0, an empty string, no error");
    Check(GetEnvironmentVariableA(name, NULL, 0) == 1, "empty: size 1");
    SetLastError(0xdeadbeef);
    Check(GetEnvironmentVariableA("", buf, sizeof buf) == 0 && GetLastError() == ERROR_ENVVAR_NOT_FOUND,
          "an empty name is not found");
    WCHAR wbuf[64];
    Check(SetEnvironmentVariableW(L"WideName", L"wide value") && GetEnvironmentVariableW(L"widename", wbuf, 64) == 10 &&
              !wcscmp(wbuf, L"wide value"),
          "SetEnvironmentVariableW, GetEnvironmentVariableW");
    Check(GetEnvironmentVariableA("WIDENAME", buf, sizeof buf) == 10 && !strcmp(buf, "wide value"),
          "set wide, read ANSI");
    Check(SetEnvironmentVariableA("Removed", NULL), "removing a variable that is not there succeeds");
    SetLastError(0xdeadbeef);
    Check(!SetEnvironmentVariableA("A=B", "c") && GetLastError() == ERROR_INVALID_PARAMETER,
          "a name with '=' is refused: ERROR_INVALID_PARAMETER");

    /* The block: NAME=value strings, each NUL-terminated, an empty one last. */
    char *block = GetEnvironmentStringsA();
    int color = 0, wild = 0, strings = 0;
    char *p = block;
    for (; *p; p += strlen(p) + 1, strings++) {
        color |= !strcmp(p, "NTMM_COLOR=blue");
        wild |= !strcmp(p, "SomeWildName=");
    }
    Check(block && color && wild && strings >= 3 && p[0] == 0, "GetEnvironmentStringsA: the block, double-NUL");
    Check(FreeEnvironmentStringsA(block), "FreeEnvironmentStringsA");
    WCHAR *wide = GetEnvironmentStringsW();
    WCHAR *w = wide;
    int wide_strings = 0, wide_value = 0;
    for (; *w; w += wcslen(w) + 1, wide_strings++) {
        wide_value |= !wcscmp(w, L"WideName=wide value");
    }
    Check(wide && wide_strings == strings && wide_value, "GetEnvironmentStringsW: the same strings");
    Check(FreeEnvironmentStringsW(wide), "FreeEnvironmentStringsW");
    Check(getenv("NTMM_COLOR") && !strcmp(getenv("NTMM_COLOR"), "blue"), "the C runtime's copy is unchanged");
}

static void CodePages(void)
{
    CPINFO info;
    Check(GetCPInfo(CP_ACP, &info) && info.MaxCharSize == 1 && info.DefaultChar[0] == '?' && !info.LeadByte[0],
          "GetCPInfo(CP_ACP): single-byte, '?', no lead bytes");
    Check(GetCPInfo(1252, &info) && info.MaxCharSize == 1, "GetCPInfo(1252)");
    Check(GetCPInfo(437, &info) && info.MaxCharSize == 1, "GetCPInfo(437)");
    Check(GetCPInfo(CP_UTF8, &info) && info.MaxCharSize == 4, "GetCPInfo(CP_UTF8): four bytes");
    memset(&info, 0xAA, sizeof info);
    SetLastError(0xdeadbeef);
    Check(!GetCPInfo((UINT)-1, &info) && GetLastError() == ERROR_INVALID_PARAMETER && info.MaxCharSize == 0xAAAAAAAA,
          "GetCPInfo(-1): ERROR_INVALID_PARAMETER, untouched");
    SetLastError(0xdeadbeef);
    Check(!GetCPInfo(CP_ACP, NULL) && GetLastError() == ERROR_INVALID_PARAMETER, "GetCPInfo(NULL)");
    Check(IsValidCodePage(1252) && IsValidCodePage(437) && IsValidCodePage(CP_UTF8), "IsValidCodePage(1252, 437, 65001)");
    Check(!IsValidCodePage(CP_ACP) && !IsValidCodePage(CP_OEMCP) && !IsValidCodePage(CP_THREAD_ACP) &&
              !IsValidCodePage(12345),
          "IsValidCodePage: the pseudo code pages and an unknown one are not");
}

static void StringTypes(void)
{
    static const WCHAR blanks[] = {0x9, 0x20, 0xa0, 0x3000, 0xfeff};
    static const WORD blanks_types[] = {C1_SPACE | C1_CNTRL | C1_BLANK | C1_DEFINED, C1_SPACE | C1_BLANK | C1_DEFINED,
                                        C1_SPACE | C1_BLANK | C1_DEFINED, C1_SPACE | C1_BLANK | C1_DEFINED,
                                        C1_CNTRL | C1_DEFINED};
    static const WCHAR alpha[] = {0x47, 0x67, 0x1c5};
    static const WORD alpha_types[] = {C1_UPPER | C1_ALPHA | C1_DEFINED, C1_LOWER | C1_ALPHA | C1_DEFINED,
                                       C1_UPPER | C1_LOWER | C1_ALPHA | C1_DEFINED};
    static const WCHAR undefined[] = {0x378, 0x379, 0xfff8, 0xfffe};
    WORD types[8];
    int ok = GetStringTypeW(CT_CTYPE1, blanks, 5, types);
    for (int i = 0; i < 5; i++) ok &= types[i] == blanks_types[i];
    Check(ok, "GetStringTypeW: tab, space, NBSP, ideographic space, BOM");
    ok = GetStringTypeW(CT_CTYPE1, alpha, 3, types);
    for (int i = 0; i < 3; i++) ok &= types[i] == alpha_types[i];
    Check(ok, "GetStringTypeW: G, g, the title-case Dz");
    ok = GetStringTypeW(CT_CTYPE1, undefined, 4, types);
    for (int i = 0; i < 4; i++) ok &= types[i] == 0;
    Check(ok, "GetStringTypeW: unassigned code points are 0");
    ok = GetStringTypeW(CT_CTYPE1, L"A0!", -1, types);
    Check(ok && types[0] == (C1_UPPER | C1_XDIGIT | C1_ALPHA | C1_DEFINED) &&
              types[1] == (C1_DIGIT | C1_XDIGIT | C1_DEFINED) && types[2] == (C1_PUNCT | C1_DEFINED) &&
              types[3] == (C1_CNTRL | C1_DEFINED),
          "GetStringTypeW(-1): A, 0, !, and the NUL");
    ok = GetStringTypeA(LOCALE_USER_DEFAULT, CT_CTYPE1, "\xc9\xe9\xd7", 3, types);
    Check(ok && types[0] == (C1_UPPER | C1_ALPHA | C1_DEFINED) && types[1] == (C1_LOWER | C1_ALPHA | C1_DEFINED) &&
              types[2] == (C1_PUNCT | C1_DEFINED),
          "GetStringTypeA, code page 1252: E acute upper, e acute lower, the multiplication sign punctuation");
}

static void MapAndCompare(void)
{
    static const char upper[] = "\tJUST! A, TEST; STRING 1/*+-.\r\n";
    static const char lower[] = "\tjust! a, test; string 1/*+-.\r\n";
    char buf[256], buf2[256];
    int n = LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_UPPERCASE, lower, -1, buf, sizeof buf);
    Check(n == (int)sizeof upper && !strcmp(buf, upper), "LCMapStringA(LCMAP_UPPERCASE, -1): the length with the NUL");
    n = LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_LOWERCASE, upper, -1, buf, sizeof buf);
    Check(n == (int)sizeof lower && !strcmp(buf, lower), "LCMapStringA(LCMAP_LOWERCASE)");
    Check(LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_UPPERCASE, lower, -1, NULL, 0) == (int)sizeof upper,
          "LCMapStringA(dst NULL, 0): the size needed");
    SetLastError(0xdeadbeef);
    Check(!LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_UPPERCASE, lower, -1, buf, 2) &&
              GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "LCMapStringA into a short buffer: ERROR_INSUFFICIENT_BUFFER");
    SetLastError(0xdeadbeef);
    Check(!LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_LOWERCASE | LCMAP_UPPERCASE, lower, -1, buf, sizeof buf) &&
              GetLastError() == ERROR_INVALID_FLAGS,
          "LCMAP_LOWERCASE | LCMAP_UPPERCASE: ERROR_INVALID_FLAGS");
    SetLastError(0xdeadbeef);
    Check(!LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_UPPERCASE, lower, 0, buf, sizeof buf) &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "srclen 0: ERROR_INVALID_PARAMETER");
    n = LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_UPPERCASE, "\xe9\xff\x9a", 3, buf, sizeof buf);
    Check(n == 3 && !memcmp(buf, "\xc9\x9f\x8a", 3), "LCMapStringA, code page 1252: e acute, y dieresis, s caron");
    WCHAR wbuf[64];
    n = LCMapStringW(LOCALE_USER_DEFAULT, LCMAP_LOWERCASE, L"\x0391\x0411\x0100Z", 4, wbuf, 64);
    Check(n == 4 && wbuf[0] == 0x3B1 && wbuf[1] == 0x431 && wbuf[2] == 0x101 && wbuf[3] == 'z',
          "LCMapStringW(LCMAP_LOWERCASE): Greek, Cyrillic, Latin Extended-A");
    n = LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_SORTKEY, upper, -1, buf, sizeof buf);
    int n2 = LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_SORTKEY, lower, -1, buf2, sizeof buf2);
    Check(n > 0 && n2 == n && strcmp(buf, buf2) != 0 && buf[n - 1] == 0, "LCMAP_SORTKEY: case changes the key");
    n = LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_SORTKEY | NORM_IGNORECASE, upper, -1, buf, sizeof buf);
    n2 = LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_SORTKEY | NORM_IGNORECASE, lower, -1, buf2, sizeof buf2);
    Check(n > 0 && n2 == n && !strcmp(buf, buf2), "LCMAP_SORTKEY | NORM_IGNORECASE: the same key");
    LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_SORTKEY, "a", -1, buf, sizeof buf);
    LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_SORTKEY, "B", -1, buf2, sizeof buf2);
    Check(strcmp(buf, buf2) < 0, "sort keys order as CompareString: a before B");

    LCID lcid = MAKELCID(MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), SORT_DEFAULT);
    Check(CompareStringA(lcid, NORM_IGNORECASE, "Salut", -1, "Salute", -1) == CSTR_LESS_THAN, "Salut < Salute");
    Check(CompareStringA(lcid, NORM_IGNORECASE, "Salut", -1, "SaLuT", -1) == CSTR_EQUAL, "NORM_IGNORECASE: Salut = SaLuT");
    Check(CompareStringA(lcid, 0, "a", 1, "B", 1) == CSTR_LESS_THAN, "a < B: linguistic, not ordinal");
    Check(CompareStringA(lcid, 0, "a", -1, "A", -1) == CSTR_LESS_THAN, "a < A: lower case first");
    Check(CompareStringA(lcid, 0, "-o", -1, "/m", -1) == CSTR_GREATER_THAN, "word sort ignores the hyphen: -o > /m");
    Check(CompareStringA(lcid, SORT_STRINGSORT, "-o", -1, "/m", -1) == CSTR_LESS_THAN, "SORT_STRINGSORT: -o < /m");
    Check(CompareStringA(lcid, 0, "'o", -1, "/m", -1) == CSTR_GREATER_THAN, "word sort ignores the apostrophe");
    Check(CompareStringA(lcid, 0, "aLuZkUtZ", 8, "aLuZkUtZ", 9) == CSTR_EQUAL, "a NUL weighs nothing");
    Check(CompareStringW(lcid, 0, L"\x00e9t\x00e9", -1, L"ete", -1) == CSTR_GREATER_THAN &&
              CompareStringW(lcid, NORM_IGNORENONSPACE, L"\x00e9t\x00e9", -1, L"ete", -1) == CSTR_EQUAL,
          "diacritics count after the letters; NORM_IGNORENONSPACE drops them");
    SetLastError(0xdeadbeef);
    Check(!CompareStringA(lcid, 0, NULL, -1, "b", -1) && GetLastError() == ERROR_INVALID_PARAMETER,
          "CompareStringA(NULL): 0, ERROR_INVALID_PARAMETER");
    Check(lstrlenA("abc") == 3 && lstrlenA(NULL) == 0, "lstrlenA");
}

static void Locale(void)
{
    LCID lcid = MAKELCID(MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), SORT_DEFAULT);
    char buffer[80];
    DWORD val = 0;
    int ret = GetLocaleInfoA(lcid, LOCALE_ILANGUAGE | LOCALE_RETURN_NUMBER, (char *)&val, sizeof val);
    Check(ret && val == lcid, "GetLocaleInfoA(LOCALE_ILANGUAGE | LOCALE_RETURN_NUMBER): 0x409");
    val = 0;
    ret = GetLocaleInfoW(lcid, LOCALE_ILANGUAGE | LOCALE_RETURN_NUMBER, (WCHAR *)&val, sizeof val / sizeof(WCHAR));
    Check(ret && val == lcid, "GetLocaleInfoW(LOCALE_ILANGUAGE | LOCALE_RETURN_NUMBER): 0x409");
    memset(buffer, 0, sizeof buffer);
    ret = GetLocaleInfoA(lcid, LOCALE_NOUSEROVERRIDE | LOCALE_SDAYNAME1, buffer, 0);
    Check(ret == 7 && !buffer[0], "GetLocaleInfoA(SDAYNAME1, size 0): 7, nothing written");
    SetLastError(0xdeadbeef);
    ret = GetLocaleInfoA(lcid, LOCALE_NOUSEROVERRIDE | LOCALE_SDAYNAME1, buffer, 3);
    Check(!ret && GetLastError() == ERROR_INSUFFICIENT_BUFFER && !strcmp(buffer, "Mo"),
          "GetLocaleInfoA into three bytes: ERROR_INSUFFICIENT_BUFFER, \"Mo\" left");
    ret = GetLocaleInfoA(lcid, LOCALE_NOUSEROVERRIDE | LOCALE_SDAYNAME1, buffer, 10);
    Check(ret == 7 && !strcmp(buffer, "Monday"), "GetLocaleInfoA(SDAYNAME1): Monday");
    static const struct {
        LCTYPE type;
        const char *value;
    } values[] = {
        {LOCALE_IDEFAULTANSICODEPAGE, "1252"}, {LOCALE_IDEFAULTCODEPAGE, "437"}, {LOCALE_SDECIMAL, "."},
        {LOCALE_STHOUSAND, ","},               {LOCALE_SENGLANGUAGE, "English"}, {LOCALE_SISO639LANGNAME, "en"},
        {LOCALE_SISO3166CTRYNAME, "US"},       {LOCALE_SABBREVLANGNAME, "ENU"},  {LOCALE_SMONTHNAME1, "January"},
        {LOCALE_SSHORTDATE, "M/d/yyyy"},       {LOCALE_S1159, "AM"},             {LOCALE_SNAME, "en-US"},
    };
    int all = 1;
    for (unsigned i = 0; i < sizeof values / sizeof values[0]; i++) {
        ret = GetLocaleInfoA(LOCALE_USER_DEFAULT, values[i].type, buffer, sizeof buffer);
        if (ret != (int)strlen(values[i].value) + 1 || strcmp(buffer, values[i].value)) {
            printf("     0x%lx: %d [%s]\n", values[i].type, ret, buffer);
            all = 0;
        }
    }
    Check(all, "GetLocaleInfoA: en-US's code pages, separators, names and formats");
    WCHAR wide[16];
    Check(GetLocaleInfoW(lcid, LOCALE_SDECIMAL, wide, 16) == 2 && wide[0] == '.' && !wide[1], "GetLocaleInfoW(LOCALE_SDECIMAL)");
    SetLastError(0xdeadbeef);
    Check(!GetLocaleInfoA(lcid, 0x7777, buffer, sizeof buffer) && GetLastError() == ERROR_INVALID_FLAGS,
          "an unknown LCTYPE: ERROR_INVALID_FLAGS");
    Check(GetUserDefaultLCID() == 0x409 && GetSystemDefaultLCID() == 0x409 && GetUserDefaultLangID() == 0x409,
          "the default locale: en-US");
    Check(IsValidLocale(0x409, LCID_INSTALLED) && IsValidLocale(0x409, LCID_SUPPORTED), "IsValidLocale(0x409)");
    Check(EnumSystemLocalesA(OneLocale, LCID_INSTALLED) && !strcmp(Enumerated, "00000409;"),
          "EnumSystemLocalesA: eight hexadecimal digits");
}

static void System(void)
{
    OSVERSIONINFOA info;
    memset(&info, 0, sizeof info);
    SetLastError(0xdeadbeef);
    Check(!GetVersionExA(&info) && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "GetVersionExA, size 0: ERROR_INSUFFICIENT_BUFFER");
    info.dwOSVersionInfoSize = sizeof info;
    DWORD version = GetVersion();
    Check(GetVersionExA(&info) && info.dwPlatformId == VER_PLATFORM_WIN32_NT &&
              info.dwMajorVersion == (version & 0xFF) && info.dwMinorVersion == ((version >> 8) & 0xFF) &&
              info.dwBuildNumber == (version >> 16) && !(version & 0x80000000),
          "GetVersionExA agrees with GetVersion (an NT platform)");
    printf("     Windows %lu.%lu.%lu\n", info.dwMajorVersion, info.dwMinorVersion, info.dwBuildNumber);
    OSVERSIONINFOEXW ex;
    ex.dwOSVersionInfoSize = sizeof ex;
    Check(GetVersionExW((OSVERSIONINFOW *)&ex) && ex.dwMajorVersion == info.dwMajorVersion &&
              ex.wProductType == VER_NT_WORKSTATION,
          "GetVersionExW(OSVERSIONINFOEXW)");

    unsigned edx;
    Cpuid(1, &edx);
    Check(!IsProcessorFeaturePresent(PF_FLOATING_POINT_PRECISION_ERRATA), "PF_FLOATING_POINT_PRECISION_ERRATA: no");
    Check(IsProcessorFeaturePresent(PF_XMMI_INSTRUCTIONS_AVAILABLE) == !!(edx & (1u << 25)) &&
              IsProcessorFeaturePresent(PF_XMMI64_INSTRUCTIONS_AVAILABLE) == !!(edx & (1u << 26)) &&
              IsProcessorFeaturePresent(PF_MMX_INSTRUCTIONS_AVAILABLE) == !!(edx & (1u << 23)) &&
              IsProcessorFeaturePresent(PF_COMPARE_EXCHANGE_DOUBLE) == !!(edx & (1u << 8)) &&
              IsProcessorFeaturePresent(PF_RDTSC_INSTRUCTION_AVAILABLE) == !!(edx & (1u << 4)),
          "SSE, SSE2, MMX, CMPXCHG8B, RDTSC: as the CPU's CPUID says");
    Check(IsProcessorFeaturePresent(PF_PAE_ENABLED) && IsProcessorFeaturePresent(PF_NX_ENABLED),
          "PAE and NX: on (the memory manager pages with both)");
    Check(!IsProcessorFeaturePresent(23) && !IsProcessorFeaturePresent(64) && !IsProcessorFeaturePresent(1000),
          "PF_FASTFAIL_AVAILABLE and numbers past the table: no");

    void *pointers[] = {NULL, (void *)1, (void *)0x12345678, (void *)0x7FFE0000, (void *)0xFFFFFFFF, &info};
    int round = 1;
    for (unsigned i = 0; i < sizeof pointers / sizeof pointers[0]; i++) {
        round &= DecodePointer(EncodePointer(pointers[i])) == pointers[i];
    }
    Check(round && EncodePointer((void *)0x12345678) != (void *)0x12345678 &&
              EncodePointer(&info) == EncodePointer(&info),
          "EncodePointer/DecodePointer: round trip, encoded differs, the same each time");

    Check(HeapSetInformation(NULL, HeapEnableTerminationOnCorruption, NULL, 0),
          "HeapSetInformation(HeapEnableTerminationOnCorruption)");
    HANDLE heap = HeapCreate(0, 0, 0);
    ULONG lfh = 2, got = 7;
    SIZE_T size = 0;
    Check(HeapSetInformation(heap, HeapCompatibilityInformation, &lfh, sizeof lfh) &&
              HeapQueryInformation(heap, HeapCompatibilityInformation, &got, sizeof got, &size) && got == 2 &&
              size == sizeof got,
          "HeapCompatibilityInformation 2 (LFH) set, and queried back");
    SetLastError(0xdeadbeef);
    Check(!HeapSetInformation(heap, HeapCompatibilityInformation, &lfh, 2) && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "HeapCompatibilityInformation in two bytes: ERROR_INSUFFICIENT_BUFFER");
    void *block = HeapAlloc(heap, 0, 100);
    Check(block && HeapFree(heap, 0, block) && HeapDestroy(heap), "the heap still allocates");
    Check(SetHandleCount(32) == 32 && SetHandleCount(1000) == 1000, "SetHandleCount returns its argument");
}

int main(void)
{
    Environment();
    CodePages();
    StringTypes();
    MapAndCompare();
    Locale();
    System();
    printf("%d failures\n", Failures);
    return Failures;
}
