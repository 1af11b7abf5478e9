/* More kernel32 calls programs built with Visual C++ import, as Windows
 * answers them (Microsoft's documentation; Wine's conformance tests
 * dlls/kernel32/tests/locale.c, time.c, profile.c, path.c, sync.c). */
#include "../guesttest.h"

#define LCID_EN MAKELCID(MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), SORT_DEFAULT)

static void TimeIs(DWORD flags, const SYSTEMTIME *st, const char *format, const char *expected)
{
    char buffer[128], what[200];
    strcpy(buffer, "pristine");
    int n = GetTimeFormatA(LCID_EN, flags, st, format, buffer, sizeof buffer);
    snprintf(what, sizeof what, "GetTimeFormatA(0x%lx, \"%s\"): \"%s\"", flags, format ? format : "(locale's)", expected);
    Check(n == (int)strlen(expected) + 1 && !strcmp(buffer, expected), what);
    if (n != (int)strlen(expected) + 1 || strcmp(buffer, expected)) {
        printf("     got %d \"%s\"\n", n, buffer);
    }
}

static void DateIs(DWORD flags, const SYSTEMTIME *st, const char *format, const char *expected)
{
    char buffer[128], what[200];
    strcpy(buffer, "pristine");
    int n = GetDateFormatA(LCID_EN, flags, st, format, buffer, sizeof buffer);
    snprintf(what, sizeof what, "GetDateFormatA(0x%lx, \"%s\"): \"%s\"", flags, format ? format : "(locale's)", expected);
    Check(n == (int)strlen(expected) + 1 && !strcmp(buffer, expected), what);
    if (n != (int)strlen(expected) + 1 || strcmp(buffer, expected)) {
        printf("     got %d \"%s\"\n", n, buffer);
    }
}

static void TimeFormats(void)
{
    SYSTEMTIME t;
    char buffer[64];
    memset(&t, 2, sizeof t);
    SetLastError(0xdeadbeef);
    Check(!GetTimeFormatA(LCID_EN, TIME_FORCE24HOURFORMAT, &t, "tt HH':'mm'@'ss", buffer, sizeof buffer) &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "GetTimeFormatA, an invalid time: ERROR_INVALID_PARAMETER");
    t.wHour = 8, t.wMinute = 56, t.wSecond = 13, t.wMilliseconds = 22;
    TimeIs(TIME_FORCE24HOURFORMAT, &t, "tt HH':'mm'@'ss", "AM 08:56@13");
    SetLastError(0xdeadbeef);
    Check(!GetTimeFormatA(LCID_EN, LOCALE_NOUSEROVERRIDE | TIME_FORCE24HOURFORMAT, &t, "HH", buffer, sizeof buffer) &&
              GetLastError() == ERROR_INVALID_FLAGS,
          "LOCALE_NOUSEROVERRIDE with a format: ERROR_INVALID_FLAGS");
    SetLastError(0xdeadbeef);
    Check(!GetTimeFormatA(LCID_EN, TIME_FORCE24HOURFORMAT, &t, " HH", buffer, 2) &&
              GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "a short buffer: ERROR_INSUFFICIENT_BUFFER");
    Check(GetTimeFormatA(LCID_EN, TIME_FORCE24HOURFORMAT, &t, "tt HH':'mm'@'ss", NULL, 0) == 12,
          "the length alone (NULL, 0)");
    TimeIs(LOCALE_NOUSEROVERRIDE | TIME_NOMINUTESORSECONDS, &t, NULL, "8 AM");
    TimeIs(TIME_NOMINUTESORSECONDS, &t, "m1s2m3s4", "");
    TimeIs(LOCALE_NOUSEROVERRIDE | TIME_NOSECONDS, &t, NULL, "8:56 AM");
    TimeIs(TIME_NOSECONDS, &t, "h:m:s tt", "8:56 AM");
    TimeIs(TIME_NOSECONDS, &t, "h.@:m.@:s.@:tt", "8.@:56AM");
    TimeIs(TIME_NOSECONDS, &t, "s1s2s3", "");
    TimeIs(0, &t, "t/tt", "A/AM");
    t.wHour = 13;
    TimeIs(0, &t, "t/tt", "P/PM");
    TimeIs(TIME_NOTIMEMARKER, &t, "h1t2tt3m", "156");
    TimeIs(TIME_FORCE24HOURFORMAT, &t, "h:m:s tt", "13:56:13 PM");
    TimeIs(TIME_FORCE24HOURFORMAT, &t, "h:m:s", "13:56:13");
    t.wHour = 14, t.wMinute = 5, t.wSecond = 3;
    TimeIs(0, &t, "h hh H HH m mm s ss t tt", "2 02 14 14 5 05 3 03 P PM");
    t.wHour = 0;
    TimeIs(0, &t, "h/H/hh/HH", "12/0/12/00");
    t.wHour = 8, t.wMinute = 56, t.wSecond = 13;
    TimeIs(0, &t, "h:hh:hhh H:HH:HHH m:mm:mmm M:MM:MMM s:ss:sss S:SS:SSS",
           "8:08:08 8:08:08 56:56:56 M:MM:MMM 13:13:13 S:SS:SSS");
    strcpy(buffer, "pristine");
    Check(GetTimeFormatA(LCID_EN, 0, &t, "h:mm", buffer, 0) == 5 && !strcmp(buffer, "pristine"),
          "size 0: the length, the buffer untouched");
    TimeIs(0, &t, "h 'h' H 'H' HH 'HH' m 'm' s 's' t 't' tt 'tt'", "8 h 8 H 08 HH 56 m 13 s A t AM tt");
    TimeIs(0, &t, "'''", "'");
    TimeIs(0, &t, "''''", "'");
    TimeIs(0, &t, "''HHHHHH", "08");
    TimeIs(0, &t, "'''HHHHHH'", "'HHHHHH");
    TimeIs(0, &t, "'''HHHHHH", "'HHHHHH");
    TimeIs(TIME_NOTIMEMARKER, &t, "'123'tt", "");
    t.wHour = 25;
    SetLastError(0xdeadbeef);
    Check(!GetTimeFormatA(LCID_EN, 0, &t, "'123'tt", buffer, sizeof buffer) && GetLastError() == ERROR_INVALID_PARAMETER,
          "hour 25: ERROR_INVALID_PARAMETER");
    t.wHour = 12, t.wMonth = 60;
    TimeIs(0, &t, "h:m:s", "12:56:13");
}

static void DateFormats(void)
{
    SYSTEMTIME d;
    char buffer[64];
    memset(&d, 0, sizeof d);
    d.wYear = 2002, d.wMonth = 5, d.wDay = 4;
    DateIs(0, &d, "ddd',' MMM dd yy", "Sat, May 04 02");
    DateIs(0, &d, "ddd',' MMM dd ''''yy", "Sat, May 04 '02");
    DateIs(0, &d, "dddd d MMMM yyyy gg", "Saturday 4 May 2002 A.D.");
    DateIs(0, &d, "d/M/y dd.MM.yyyyy", "4/5/2 04.05.2002");
    DateIs(LOCALE_NOUSEROVERRIDE | DATE_SHORTDATE, &d, NULL, "5/4/2002");
    DateIs(LOCALE_NOUSEROVERRIDE | DATE_LONGDATE, &d, NULL, "Saturday, May 4, 2002");
    DateIs(DATE_YEARMONTH, &d, NULL, "May 2002");
    d.wDayOfWeek = 3;
    DateIs(0, &d, "dddd", "Saturday");
    d.wHour = 99;
    DateIs(0, &d, "yyyy", "2002");
    d.wMonth = 13;
    SetLastError(0xdeadbeef);
    Check(!GetDateFormatA(LCID_EN, 0, &d, "yyyy", buffer, sizeof buffer) && GetLastError() == ERROR_INVALID_PARAMETER,
          "month 13: ERROR_INVALID_PARAMETER");
    d.wMonth = 5;
    SetLastError(0xdeadbeef);
    Check(!GetDateFormatA(LCID_EN, DATE_SHORTDATE, &d, "yyyy", buffer, sizeof buffer) &&
              GetLastError() == ERROR_INVALID_FLAGS,
          "DATE_SHORTDATE with a format: ERROR_INVALID_FLAGS");
    SetLastError(0xdeadbeef);
    Check(!GetDateFormatA(LCID_EN, DATE_SHORTDATE | DATE_LONGDATE, &d, NULL, buffer, sizeof buffer) &&
              GetLastError() == ERROR_INVALID_FLAGS,
          "DATE_SHORTDATE | DATE_LONGDATE: ERROR_INVALID_FLAGS");
    WCHAR wide[64];
    Check(GetDateFormatW(LCID_EN, 0, &d, L"MMMM", wide, 64) == 4 && !wcscmp(wide, L"May"), "GetDateFormatW");

    FILETIME ft;
    SYSTEMTIME st;
    WORD dos_date = (WORD)(((2002 - 1980) << 9) | (5 << 5) | 4), dos_time = (WORD)((12 << 11) | (34 << 5) | 28);
    Check(DosDateTimeToFileTime(dos_date, dos_time, &ft) && FileTimeToSystemTime(&ft, &st) && st.wYear == 2002 &&
              st.wMonth == 5 && st.wDay == 4 && st.wHour == 12 && st.wMinute == 34 && st.wSecond == 56,
          "DosDateTimeToFileTime: 2002-05-04 12:34:56, no zone conversion");
    WORD back_date = 0, back_time = 0;
    Check(FileTimeToDosDateTime(&ft, &back_date, &back_time) && back_date == dos_date && back_time == dos_time,
          "FileTimeToDosDateTime: back");
}

static void SLists(void)
{
    SLIST_HEADER head;
    SLIST_ENTRY entries[3];
    InitializeSListHead(&head);
    Check(QueryDepthSList(&head) == 0 && InterlockedPopEntrySList(&head) == NULL, "an empty SList: depth 0, pop NULL");
    Check(InterlockedPushEntrySList(&head, &entries[0]) == NULL &&
              InterlockedPushEntrySList(&head, &entries[1]) == &entries[0] &&
              InterlockedPushEntrySList(&head, &entries[2]) == &entries[1] && QueryDepthSList(&head) == 3,
          "push returns the previous first entry; depth 3");
    Check(InterlockedPopEntrySList(&head) == &entries[2] && QueryDepthSList(&head) == 2, "pop: last in, first out");
    SLIST_ENTRY *all = InterlockedFlushSList(&head);
    Check(all == &entries[1] && all->Next == &entries[0] && QueryDepthSList(&head) == 0 &&
              InterlockedPopEntrySList(&head) == NULL && InterlockedFlushSList(&head) == NULL,
          "flush: the entries still linked, the list empty");
}

static void WriteText(const char *name, const char *text)
{
    HANDLE h = CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    DWORD n;
    WriteFile(h, text, (DWORD)strlen(text), &n, NULL);
    CloseHandle(h);
}

static void Profiles(void)
{
    static const char *file = ".\\testwine.ini";
    static const struct {
        const char *value;
        int default_value;
        UINT result;
    } ints[] = {
        {"-1", 1, 4294967295U}, {"1", -1, 1}, {"+1", -1, 1}, {"4294967296", 1, 0}, {"4294967297", -1, 1},
        {"-4294967297", 1, 4294967295U}, {"42A94967297", -1, 42}, {"B4294967297", 1, 0},
    };
    char text[100], what[100];
    for (unsigned i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        snprintf(text, sizeof text, "[Test]\r\nProfileInt=%s\r\n", ints[i].value);
        WriteText(file, text);
        snprintf(what, sizeof what, "GetPrivateProfileIntA(\"%s\"): %u", ints[i].value, ints[i].result);
        Check(GetPrivateProfileIntA("Test", "ProfileInt", ints[i].default_value, file) == ints[i].result, what);
    }
    Check(GetPrivateProfileIntA("Test", "Missing", 70, file) == 70 &&
              GetPrivateProfileIntA("Other", "ProfileInt", -1, file) == 4294967295U,
          "GetPrivateProfileIntA: a missing key or section gives the default");

    WriteText(file, "[s]\r\nname1=val1\r\nname2=\r\nname3\r\nname4=val4\r\n");
    int ret = GetPrivateProfileStringA("s", NULL, "", text, sizeof text, file);
    for (char *p = text + strlen(text) + 1; *p; p += strlen(p) + 1) p[-1] = ',';
    Check(ret == 18 && !strcmp(text, "name1,name2,name4"), "the keys of a section: lines without '=' are not keys");
    ret = GetPrivateProfileStringA("S", "NAME4", "default", text, sizeof text, file);
    Check(ret == 4 && !strcmp(text, "val4"), "a value; section and key compare case-insensitively");
    ret = GetPrivateProfileStringA("s", "name2", "default", text, sizeof text, file);
    Check(ret == 0 && !text[0], "an empty value is empty, not the default");
    ret = GetPrivateProfileStringA("s", "name3", "default  ", text, sizeof text, file);
    Check(ret == 7 && !strcmp(text, "default"), "a missing key: the default, its trailing blanks dropped");
    ret = GetPrivateProfileStringA("s", "name1", "", text, 3, file);
    Check(ret == 2 && !strcmp(text, "va"), "a short buffer: the value cut, size - 1");

    WriteText(file, "[ section1 ]\r\n[section2]\r\n[section3]\r\n");
    memset(text, 0xc, sizeof text);
    ret = GetPrivateProfileStringA(NULL, NULL, "", text, 29, file);
    Check(ret == 27 && !strcmp(text, "section1") && !text[ret - 1] && !text[ret], "the sections, trimmed, double-NUL");
    memset(text, 0xc, sizeof text);
    ret = GetPrivateProfileStringA(NULL, NULL, "", text, 27, file);
    Check(ret == 25 && !text[ret] && !text[ret + 1], "a short buffer for the list: size - 2, double-NUL");
    DeleteFileA(file);
    ret = GetPrivateProfileStringA("s", "k", "gone", text, sizeof text, ".\\not_here.ini");
    Check(ret == 4 && !strcmp(text, "gone"), "a missing file: the default");
}

static void SearchPaths(void)
{
    char buffer[MAX_PATH], full[MAX_PATH], *part = NULL;
    CreateDirectoryA("sp_dir", NULL);
    WriteText("sp_dir\\found.dat", "x");
    GetFullPathNameA("sp_dir\\found.dat", MAX_PATH, full, NULL);
    DWORD n = SearchPathA("nowhere;sp_dir", "found.dat", NULL, MAX_PATH, buffer, &part);
    Check(n == strlen(full) && !strcmp(buffer, full) && part && !strcmp(part, "found.dat"),
          "SearchPathA in a ';' list: the full path, the file part");
    n = SearchPathA("sp_dir", "found", ".dat", MAX_PATH, buffer, NULL);
    Check(n == strlen(full) && !strcmp(buffer, full), "the extension is added to a name without one");
    SetLastError(0xdeadbeef);
    n = SearchPathA("sp_dir", "found.dat", ".txt", MAX_PATH, buffer, NULL);
    Check(n == strlen(full), "...and not to a name with one");
    n = SearchPathA(NULL, "sp_dir\\found.dat", NULL, MAX_PATH, buffer, NULL);
    Check(n == strlen(full) && !strcmp(buffer, full), "a name with a directory is looked at where it says");
    n = SearchPathA("sp_dir", "found.dat", NULL, 4, buffer, NULL);
    Check(n == strlen(full) + 1, "a short buffer: the size needed, with the NUL");
    SetLastError(0xdeadbeef);
    n = SearchPathA("sp_dir", "missing.dat", NULL, MAX_PATH, buffer, NULL);
    Check(n == 0 && GetLastError() == ERROR_FILE_NOT_FOUND, "nowhere: 0, ERROR_FILE_NOT_FOUND");
    WCHAR wide[MAX_PATH];
    n = SearchPathW(L"sp_dir", L"found.dat", NULL, MAX_PATH, wide, NULL);
    Check(n == strlen(full), "SearchPathW");
    DeleteFileA("sp_dir\\found.dat");
    RemoveDirectoryA("sp_dir");
}

static void HandleFlags(void)
{
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    DWORD flags = 7;
    Check(GetHandleInformation(event, &flags) && flags == 0, "a new handle: no flags");
    Check(SetHandleInformation(event, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE) &&
              GetHandleInformation(event, &flags) && flags == HANDLE_FLAG_PROTECT_FROM_CLOSE,
          "SetHandleInformation(HANDLE_FLAG_PROTECT_FROM_CLOSE)");
    SetLastError(0xdeadbeef);
    Check(!CloseHandle(event) && GetLastError() == ERROR_INVALID_HANDLE && SetEvent(event),
          "CloseHandle of a protected handle: FALSE, ERROR_INVALID_HANDLE, the handle still works");
    Check(SetHandleInformation(event, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT | 0x100) &&
              GetHandleInformation(event, &flags) && flags == (HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE),
          "only the bits of the mask change");
    Check(SetHandleInformation(event, HANDLE_FLAG_PROTECT_FROM_CLOSE, 0) && GetHandleInformation(event, &flags) &&
              flags == HANDLE_FLAG_INHERIT,
          "protection cleared");
    HANDLE copy = NULL;
    Check(DuplicateHandle(GetCurrentProcess(), event, GetCurrentProcess(), &copy, 0, FALSE, DUPLICATE_SAME_ACCESS) &&
              GetHandleInformation(copy, &flags) && flags == 0 && CloseHandle(copy),
          "DuplicateHandle(bInheritHandle FALSE): a handle without flags");
    Check(DuplicateHandle(GetCurrentProcess(), event, GetCurrentProcess(), &copy, 0, TRUE, DUPLICATE_SAME_ACCESS) &&
              GetHandleInformation(copy, &flags) && flags == HANDLE_FLAG_INHERIT && CloseHandle(copy),
          "DuplicateHandle(bInheritHandle TRUE): an inheritable handle");
    Check(CloseHandle(event), "then CloseHandle closes it");
    SetLastError(0xdeadbeef);
    Check(!SetHandleInformation(event, HANDLE_FLAG_INHERIT, 0) && GetLastError() == ERROR_INVALID_HANDLE,
          "a closed handle: ERROR_INVALID_HANDLE");
}

#ifndef ERROR_PROCESS_MODE_ALREADY_BACKGROUND
#define ERROR_PROCESS_MODE_ALREADY_BACKGROUND 402
#define ERROR_PROCESS_MODE_NOT_BACKGROUND 403
#endif

static void PriorityClasses(void)
{
    HANDLE self = GetCurrentProcess();
    Check(GetPriorityClass(self) == NORMAL_PRIORITY_CLASS, "a process starts NORMAL_PRIORITY_CLASS");
    static const DWORD classes[] = {IDLE_PRIORITY_CLASS, BELOW_NORMAL_PRIORITY_CLASS, ABOVE_NORMAL_PRIORITY_CLASS,
                                    HIGH_PRIORITY_CLASS, NORMAL_PRIORITY_CLASS};
    int all = 1;
    for (unsigned i = 0; i < sizeof classes / sizeof classes[0]; i++) {
        all &= SetPriorityClass(self, classes[i]) && GetPriorityClass(self) == classes[i];
    }
    Check(all, "SetPriorityClass, GetPriorityClass: each class");
    SetLastError(0xdeadbeef);
    Check(!SetPriorityClass(self, 0x12345) && GetLastError() == ERROR_INVALID_PARAMETER && GetPriorityClass(self) == NORMAL_PRIORITY_CLASS,
          "an unknown class: ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    Check(!SetPriorityClass(self, PROCESS_MODE_BACKGROUND_END) && GetLastError() == ERROR_PROCESS_MODE_NOT_BACKGROUND,
          "PROCESS_MODE_BACKGROUND_END outside the mode: ERROR_PROCESS_MODE_NOT_BACKGROUND");
    Check(SetPriorityClass(self, PROCESS_MODE_BACKGROUND_BEGIN), "PROCESS_MODE_BACKGROUND_BEGIN");
    SetLastError(0xdeadbeef);
    Check(!SetPriorityClass(self, PROCESS_MODE_BACKGROUND_BEGIN) && GetLastError() == ERROR_PROCESS_MODE_ALREADY_BACKGROUND,
          "...twice: ERROR_PROCESS_MODE_ALREADY_BACKGROUND");
    Check(SetPriorityClass(self, PROCESS_MODE_BACKGROUND_END) && GetPriorityClass(self) == NORMAL_PRIORITY_CLASS,
          "PROCESS_MODE_BACKGROUND_END; the class unchanged");
    SetLastError(0xdeadbeef);
    Check(GetPriorityClass((HANDLE)0x1234) == 0 && GetLastError() == ERROR_INVALID_HANDLE, "GetPriorityClass of a bad handle: 0");
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "fatal")) {
        FatalAppExitA(0, "the fatal message");
        return 99;
    }
    char line[MAX_PATH + 16];
    snprintf(line, sizeof line, "\"%s\" fatal", argv[0]);
    STARTUPINFOA si = {sizeof si};
    PROCESS_INFORMATION pi;
    DWORD code = 1;
    if (CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
        WaitForSingleObject(pi.hProcess, INFINITE);
        GetExitCodeProcess(pi.hProcess, &code);
        CloseHandle(pi.hThread);
        CloseHandle(pi.hProcess);
    }
    Check(code == 0, "FatalAppExitA ends the process with exit code 0 (after the message)");
    TimeFormats();
    DateFormats();
    SLists();
    Profiles();
    SearchPaths();
    HandleFlags();
    PriorityClasses();
    printf("%d failures\n", Failures);
    return Failures;
}
