/*
 * Time, as ntmm keeps it: derived from instructions executed, so the same
 * program sees the same times on every run (Sleep, thread.c, waits in
 * guest time too).
 */
#include "kernel32/kernel32.h"

BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER *counter)
{
    return NT_SUCCESS(NtQueryPerformanceCounter(counter, NULL));
}

BOOL WINAPI QueryPerformanceFrequency(LARGE_INTEGER *frequency)
{
    LARGE_INTEGER counter;
    return NT_SUCCESS(NtQueryPerformanceCounter(&counter, frequency));
}

/* KUSER_SHARED_DATA.SystemTime (+0x14): read until the two high parts agree. */
void WINAPI GetSystemTimeAsFileTime(FILETIME *time)
{
    const volatile ULONG *system_time = (const volatile ULONG *)(0x7FFE0000 + 0x14);
    ULONG low, high;
    do {
        high = system_time[1];
        low = system_time[0];
    } while (high != system_time[2]);
    time->dwLowDateTime = low;
    time->dwHighDateTime = high;
}

/* ------------------------------------------------------------ calendar */
#define TICKS_PER_DAY 864000000000ll
#define TIME_ZONE_ID_UNKNOWN  0
#define TIME_ZONE_ID_STANDARD 1
#define TIME_ZONE_ID_DAYLIGHT 2

static ULONGLONG Ticks(const FILETIME *ft)
{
    return ((ULONGLONG)ft->dwHighDateTime << 32) | ft->dwLowDateTime;
}

static void SetTicks(FILETIME *ft, ULONGLONG t)
{
    ft->dwLowDateTime = (DWORD)t;
    ft->dwHighDateTime = (DWORD)(t >> 32);
}

static int IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
static const int MonthDays[2][12] = {
    {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
    {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
};

/* Days from 1601-01-01 to the first of `year`. */
static LONGLONG DaysTo(int year)
{
    LONGLONG y = year - 1601;
    return y * 365 + y / 4 - y / 100 + y / 400;
}

BOOL WINAPI FileTimeToSystemTime(const FILETIME *ft, SYSTEMTIME *st)
{
    ULONGLONG t = Ticks(ft);
    if (t >= 0x8000000000000000ull) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    LONGLONG days = (LONGLONG)(t / TICKS_PER_DAY);
    ULONGLONG rest = t % TICKS_PER_DAY;
    st->wMilliseconds = (WORD)(rest / 10000 % 1000);
    st->wSecond = (WORD)(rest / 10000000 % 60);
    st->wMinute = (WORD)(rest / 600000000 % 60);
    st->wHour = (WORD)(rest / 36000000000ull);
    st->wDayOfWeek = (WORD)((days + 1) % 7);   /* 1601-01-01 was a Monday */
    int year = 1601 + (int)(days / 366);
    while (DaysTo(year + 1) <= days) {
        year++;
    }
    int yday = (int)(days - DaysTo(year)), month = 0;
    while (yday >= MonthDays[IsLeap(year)][month]) {
        yday -= MonthDays[IsLeap(year)][month++];
    }
    st->wYear = (WORD)year;
    st->wMonth = (WORD)(month + 1);
    st->wDay = (WORD)(yday + 1);
    return TRUE;
}

BOOL WINAPI SystemTimeToFileTime(const SYSTEMTIME *st, FILETIME *ft)
{
    if (st->wYear < 1601 || st->wYear > 30827 || st->wMonth < 1 || st->wMonth > 12 || st->wDay < 1 ||
        st->wDay > MonthDays[IsLeap(st->wYear)][st->wMonth - 1] || st->wHour > 23 || st->wMinute > 59 ||
        st->wSecond > 59 || st->wMilliseconds > 999) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    LONGLONG days = DaysTo(st->wYear);
    for (int m = 0; m < st->wMonth - 1; m++) {
        days += MonthDays[IsLeap(st->wYear)][m];
    }
    days += st->wDay - 1;
    ULONGLONG t = (ULONGLONG)days * TICKS_PER_DAY +
                  ((ULONGLONG)st->wHour * 3600 + st->wMinute * 60 + st->wSecond) * 10000000ull +
                  st->wMilliseconds * 10000ull;
    SetTicks(ft, t);
    return TRUE;
}

LONG WINAPI CompareFileTime(const FILETIME *a, const FILETIME *b)
{
    ULONGLONG x = Ticks(a), y = Ticks(b);
    return x < y ? -1 : x > y ? 1 : 0;
}

/* The clock to its 100 ns (NtQuerySystemTime), not the shared page's,
 * which moves at each tick: Wine's kernel32 time.c:820-827 wants steps
 * under 1 ms. */
void WINAPI GetSystemTimePreciseAsFileTime(FILETIME *time)
{
    LARGE_INTEGER now;
    NtQuerySystemTime(&now);
    time->dwLowDateTime = (DWORD)now.QuadPart;
    time->dwHighDateTime = (DWORD)(now.QuadPart >> 32);
}

void WINAPI GetSystemTime(SYSTEMTIME *st)
{
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    FileTimeToSystemTime(&ft, st);
}

/* ------------------------------------------------------------ the time zone
 * UTC, unless the environment's TZ says otherwise in msvcrt's syntax
 * ("EST5EDT", "CET-1CEST", "JST-9"): the bias is the offset west; a zone
 * that names a daylight time follows the US rules (second Sunday of March
 * to the first Sunday of November, at 2:00). */

static void Widen(WCHAR *out, const char *in, int room)
{
    int i = 0;
    for (; in[i] && i < room - 1; i++) {
        out[i] = (BYTE)in[i];
    }
    out[i] = 0;
}

static BOOL ZoneFromTz(TIME_ZONE_INFORMATION *tzi)
{
    char tz[64];
    DWORD n = GetEnvironmentVariableA("TZ", tz, sizeof tz);
    if (n == 0 || n >= sizeof tz) {
        return FALSE;
    }
    const char *p = tz;
    char name[32];
    int i = 0;
    while (*p && !(*p >= '0' && *p <= '9') && *p != '+' && *p != '-' && i < 31) {
        name[i++] = *p++;
    }
    name[i] = 0;
    int negative = 0;
    if (*p == '+' || *p == '-') {
        negative = *p++ == '-';
    }
    LONG hours = 0, minutes = 0;
    while (*p >= '0' && *p <= '9') {
        hours = hours * 10 + (*p++ - '0');
    }
    if (*p == ':') {
        for (p++; *p >= '0' && *p <= '9'; p++) {
            minutes = minutes * 10 + (*p - '0');
        }
        if (*p == ':') {
            for (p++; *p >= '0' && *p <= '9'; p++) {
            }
        }
    }
    tzi->Bias = (hours * 60 + minutes) * (negative ? -1 : 1);
    Widen(tzi->StandardName, name, 32);
    if (*p) {
        Widen(tzi->DaylightName, p, 32);
        tzi->DaylightBias = -60;
        SYSTEMTIME start = {0, 3, 0, 2, 2, 0, 0, 0}, end = {0, 11, 0, 1, 2, 0, 0, 0};
        tzi->DaylightDate = start;   /* month 3, Sunday, second, 2:00 */
        tzi->StandardDate = end;     /* month 11, Sunday, first, 2:00 */
    } else {
        Widen(tzi->DaylightName, name, 32);
    }
    return TRUE;
}

/* The day of the month of the nth (5: last) `weekday` of a month. */
static int NthWeekday(int year, int month, int weekday, int nth)
{
    SYSTEMTIME first = {(WORD)year, (WORD)month, 0, 1, 0, 0, 0, 0};
    FILETIME ft;
    SystemTimeToFileTime(&first, &ft);
    int wday = (int)((Ticks(&ft) / TICKS_PER_DAY + 1) % 7);
    int day = 1 + (weekday - wday + 7) % 7 + (nth - 1) * 7;
    while (day > MonthDays[IsLeap(year)][month - 1]) {
        day -= 7;
    }
    return day;
}

/* Is this local standard time daylight time by the zone's rule? */
static BOOL InDaylight(const TIME_ZONE_INFORMATION *tzi, ULONGLONG local_standard)
{
    if (!tzi->DaylightDate.wMonth) {
        return FALSE;
    }
    FILETIME ft;
    SYSTEMTIME st;
    SetTicks(&ft, local_standard);
    FileTimeToSystemTime(&ft, &st);
    const SYSTEMTIME *d = &tzi->DaylightDate, *s = &tzi->StandardDate;
    SYSTEMTIME start = {st.wYear, d->wMonth, 0, (WORD)NthWeekday(st.wYear, d->wMonth, d->wDayOfWeek, d->wDay),
                        d->wHour, 0, 0, 0};
    SYSTEMTIME end = {st.wYear, s->wMonth, 0, (WORD)NthWeekday(st.wYear, s->wMonth, s->wDayOfWeek, s->wDay),
                      (WORD)(s->wHour - 1), 0, 0, 0};
    FILETIME fs, fe;
    SystemTimeToFileTime(&start, &fs);
    SystemTimeToFileTime(&end, &fe);
    return local_standard >= Ticks(&fs) && local_standard < Ticks(&fe);
}

static const WCHAR UtcName[] = {'C','o','o','r','d','i','n','a','t','e','d',' ','U','n','i','v','e','r','s','a','l',' ','T','i','m','e',0};

DWORD WINAPI GetTimeZoneInformation(TIME_ZONE_INFORMATION *tzi)
{
    memset(tzi, 0, sizeof *tzi);
    if (!ZoneFromTz(tzi)) {
        memcpy(tzi->StandardName, UtcName, sizeof UtcName);
        memcpy(tzi->DaylightName, UtcName, sizeof UtcName);
        return TIME_ZONE_ID_UNKNOWN;
    }
    if (!tzi->DaylightDate.wMonth) {
        return TIME_ZONE_ID_UNKNOWN;
    }
    FILETIME now;
    GetSystemTimeAsFileTime(&now);
    return InDaylight(tzi, Ticks(&now) - (LONGLONG)tzi->Bias * 600000000) ? TIME_ZONE_ID_DAYLIGHT
                                                                            : TIME_ZONE_ID_STANDARD;
}

/* UTC → local by the zone: its bias, and the standard or daylight bias in
 * force; a zone without transition dates has neither, its Bias alone
 * counts (TIME_ZONE_ID_UNKNOWN: Wine's kernel32 time.c:322-343). */
static ULONGLONG ToLocal(const TIME_ZONE_INFORMATION *tzi, ULONGLONG utc)
{
    if (!tzi->DaylightDate.wMonth || !tzi->StandardDate.wMonth) {
        return utc - (LONGLONG)tzi->Bias * 600000000;
    }
    ULONGLONG standard = utc - (LONGLONG)(tzi->Bias + tzi->StandardBias) * 600000000;
    if (InDaylight(tzi, standard)) {
        return utc - (LONGLONG)(tzi->Bias + tzi->DaylightBias) * 600000000;
    }
    return standard;
}

BOOL WINAPI FileTimeToLocalFileTime(const FILETIME *utc, FILETIME *local)
{
    TIME_ZONE_INFORMATION tzi;
    GetTimeZoneInformation(&tzi);
    SetTicks(local, ToLocal(&tzi, Ticks(utc)));
    return TRUE;
}

BOOL WINAPI LocalFileTimeToFileTime(const FILETIME *local, FILETIME *utc)
{
    TIME_ZONE_INFORMATION tzi;
    GetTimeZoneInformation(&tzi);
    BOOL transitions = tzi.DaylightDate.wMonth && tzi.StandardDate.wMonth;
    ULONGLONG t = Ticks(local) + (LONGLONG)(tzi.Bias + (transitions ? tzi.StandardBias : 0)) * 600000000;
    if (transitions && InDaylight(&tzi, Ticks(local))) {
        t = Ticks(local) + (LONGLONG)(tzi.Bias + tzi.DaylightBias) * 600000000;
    }
    SetTicks(utc, t);
    return TRUE;
}

void WINAPI GetLocalTime(SYSTEMTIME *st)
{
    FILETIME utc, local;
    GetSystemTimeAsFileTime(&utc);
    FileTimeToLocalFileTime(&utc, &local);
    FileTimeToSystemTime(&local, st);
}

BOOL WINAPI SystemTimeToTzSpecificLocalTime(const TIME_ZONE_INFORMATION *zone, const SYSTEMTIME *utc,
                                            SYSTEMTIME *local)
{
    TIME_ZONE_INFORMATION tzi;
    if (!zone) {
        GetTimeZoneInformation(&tzi);
        zone = &tzi;
    }
    FILETIME ft;
    if (!SystemTimeToFileTime(utc, &ft)) {
        return FALSE;
    }
    SetTicks(&ft, ToLocal(zone, Ticks(&ft)));
    return FileTimeToSystemTime(&ft, local);
}

/* MS-DOS date and time (FAT's): the date's bits are the day (0-4), the
 * month (5-8) and the year since 1980 (9-15); the time's, the seconds
 * halved (0-4), the minutes (5-10) and the hour (11-15). The FILETIME is
 * the same wall-clock time: no time-zone conversion, as on Windows. */
BOOL WINAPI DosDateTimeToFileTime(WORD date, WORD time, FILETIME *ft)
{
    SYSTEMTIME st;
    st.wYear = (WORD)(1980 + (date >> 9));
    st.wMonth = (WORD)((date >> 5) & 0xF);
    st.wDay = (WORD)(date & 0x1F);
    st.wHour = (WORD)(time >> 11);
    st.wMinute = (WORD)((time >> 5) & 0x3F);
    st.wSecond = (WORD)((time & 0x1F) * 2);
    st.wMilliseconds = 0;
    st.wDayOfWeek = 0;
    return SystemTimeToFileTime(&st, ft);
}

/* The years a DOS date holds: 1980 to 2107; others, ERROR_INVALID_PARAMETER. */
BOOL WINAPI FileTimeToDosDateTime(const FILETIME *ft, WORD *date, WORD *time)
{
    SYSTEMTIME st;
    if (!FileTimeToSystemTime(ft, &st) || st.wYear < 1980 || st.wYear > 2107) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (date) {
        *date = (WORD)(((st.wYear - 1980) << 9) | (st.wMonth << 5) | st.wDay);
    }
    if (time) {
        *time = (WORD)((st.wHour << 11) | (st.wMinute << 5) | (st.wSecond / 2));
    }
    return TRUE;
}
