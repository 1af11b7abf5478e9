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

int main(void)
{
    TimeFormats();
    DateFormats();
    SLists();
    printf("%d failures\n", Failures);
    return Failures;
}
