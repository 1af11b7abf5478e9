/*
 * time.h as msvcrt.dll has it: time_t 32-bit under the plain names (what
 * mingw-w64 links for i686) and 64-bit under the _*64 names; the time zone
 * from TZ ("PST8PDT", msvcrt's _tzset syntax) or, without it, from
 * GetTimeZoneInformation (UTC unless ntmm's --env TZ=... says otherwise);
 * daylight time by the US rules msvcrt applies to a TZ zone that names one.
 * Time itself is ntmm's guest clock, which counts instructions, so every
 * run of a program sees the same times.
 */
#include "msvcrt/crt.h"

#define EPOCH_DIFFERENCE 116444736000000000ll /* 1601-01-01 to 1970-01-01, in 100 ns */
#define MAX_TIME32 0x7FFFFFFFll
#define MAX_TIME64 32535215999ll              /* 3000-12-31 23:59:59, msvcrt's limit */

struct tm {
    int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
};

long _timezone;
int _daylight;
long _dstbias = -3600;
static char StdName[64] = "UTC", DstName[64] = "";
char *_tzname[2] = {StdName, DstName};
static int TzSet;
static char TzSeen[64];   /* TZ as _tzset last read it ("" for none) */

long *CDECL __p__timezone(void) { return &_timezone; }
int *CDECL __p__daylight(void) { return &_daylight; }
long *CDECL __p__dstbias(void) { return &_dstbias; }
char **CDECL __p__tzname(void) { return _tzname; }

const char *const CrtDayNames[7] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
const char *const CrtMonthNames[12] = {"January", "February", "March", "April", "May", "June", "July",
                                              "August", "September", "October", "November", "December"};

/* ------------------------------------------------------------ the zone */
static int ParseOffset(const char **p, long *seconds)
{
    const char *s = *p;
    int negative = 0;
    if (*s == '+' || *s == '-') {
        negative = *s++ == '-';
    }
    if (!isdigit((unsigned char)*s)) {
        return 0;
    }
    long h = 0, m = 0, sec = 0;
    while (isdigit((unsigned char)*s)) {
        h = h * 10 + (*s++ - '0');
    }
    if (*s == ':') {
        s++;
        while (isdigit((unsigned char)*s)) {
            m = m * 10 + (*s++ - '0');
        }
        if (*s == ':') {
            s++;
            while (isdigit((unsigned char)*s)) {
                sec = sec * 10 + (*s++ - '0');
            }
        }
    }
    *seconds = (h * 3600 + m * 60 + sec) * (negative ? -1 : 1);
    *p = s;
    return 1;
}

void CDECL _tzset(void)
{
    TzSet = 1;
    const char *tz = getenv("TZ");
    TzSeen[0] = 0;
    strncat(TzSeen, tz ? tz : "", sizeof TzSeen - 1);
    if (tz && tz[0]) {
        /* "NAME[+|-]hh[:mm[:ss]][DSTNAME]" */
        const char *p = tz;
        int i = 0;
        while (*p && !isdigit((unsigned char)*p) && *p != '+' && *p != '-' && i < 63) {
            StdName[i++] = *p++;
        }
        StdName[i] = 0;
        long offset = 0;
        ParseOffset(&p, &offset);
        _timezone = offset;
        i = 0;
        while (*p && i < 63) {
            DstName[i++] = *p++;
        }
        DstName[i] = 0;
        /* msvcrt stores the daylight name's first character as the flag
         * and leaves _dstbias as it was (Wine's msvcrt tests time.c,
         * test__tzset: "xxx+1yyy" makes _daylight 121, 'y'). */
        _daylight = (unsigned char)DstName[0];
        return;
    }
    TIME_ZONE_INFORMATION tzi;
    memset(&tzi, 0, sizeof tzi);
    DWORD kind = GetTimeZoneInformation(&tzi);
    _timezone = tzi.Bias * 60;
    if (tzi.StandardDate.wMonth) {
        _timezone += tzi.StandardBias * 60;
    }
    _daylight = kind != (DWORD)-1 && tzi.DaylightDate.wMonth != 0 && tzi.DaylightBias != 0;
    _dstbias = (tzi.DaylightBias - tzi.StandardBias) * 60;
    if (WideCharToMultiByte(CP_ACP, 0, tzi.StandardName, -1, StdName, sizeof StdName, NULL, NULL) <= 0) {
        StdName[0] = 0;
    }
    if (WideCharToMultiByte(CP_ACP, 0, tzi.DaylightName, -1, DstName, sizeof DstName, NULL, NULL) <= 0) {
        DstName[0] = 0;
    }
}

/* The time functions read the zone again when TZ has changed since, as
 * msvcrt's do: putenv("TZ=GMT") then mktime takes GMT without a _tzset
 * (Wine's msvcrt tests time.c, test_mktime and test_localtime). */
static void EnsureZone(void)
{
    const char *tz = getenv("TZ");
    if (!TzSet || strncmp(TzSeen, tz ? tz : "", sizeof TzSeen - 1)) {
        _tzset();
    }
}

/* ------------------------------------------------------------ calendar */
static int IsLeap(LONGLONG year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

static const int DaysBefore[2][13] = {
    {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365},
    {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366},
};

/* Days from 1970-01-01 to year-01-01. */
static LONGLONG DaysToYear(LONGLONG year)
{
    LONGLONG y = year - 1;
    return 365 * (year - 1970) + (y / 4 - 1969 / 4) - (y / 100 - 1969 / 100) + (y / 400 - 1969 / 400);
}

static void Breakdown(LONGLONG t, struct tm *tm)
{
    LONGLONG days = t / 86400, rest = t % 86400;
    if (rest < 0) {
        rest += 86400;
        days--;
    }
    tm->tm_hour = (int)(rest / 3600);
    tm->tm_min = (int)(rest % 3600 / 60);
    tm->tm_sec = (int)(rest % 60);
    tm->tm_wday = (int)(((days + 4) % 7 + 7) % 7);
    LONGLONG year = 1970 + days / 366;
    while (DaysToYear(year + 1) <= days) {
        year++;
    }
    while (DaysToYear(year) > days) {
        year--;
    }
    int yday = (int)(days - DaysToYear(year));
    int leap = IsLeap(year);
    int month = 0;
    while (yday >= DaysBefore[leap][month + 1]) {
        month++;
    }
    tm->tm_year = (int)(year - 1900);
    tm->tm_yday = yday;
    tm->tm_mon = month;
    tm->tm_mday = yday - DaysBefore[leap][month] + 1;
    tm->tm_isdst = 0;
}

/* The day of the month of the nth (5: last) given weekday of a month. */
static int NthWeekday(int year, int month, int weekday, int nth)
{
    LONGLONG first = DaysToYear(year) + DaysBefore[IsLeap(year)][month];
    int wday_first = (int)(((first + 4) % 7 + 7) % 7);
    int day = 1 + (weekday - wday_first + 7) % 7 + (nth - 1) * 7;
    int length = DaysBefore[IsLeap(year)][month + 1] - DaysBefore[IsLeap(year)][month];
    while (day > length) {
        day -= 7;
    }
    return day;
}

/* Is local standard time `tm` in daylight time? US rules: from 2007 the
 * second Sunday of March to the first Sunday of November, before that the
 * first Sunday of April to the last Sunday of October, 2:00 to 1:00 standard. */
static int IsDaylight(const struct tm *tm)
{
    if (!_daylight) {
        return 0;
    }
    int year = tm->tm_year + 1900;
    int start_month, start_day, end_month, end_day;
    if (year >= 2007) {
        start_month = 2, start_day = NthWeekday(year, 2, 0, 2);
        end_month = 10, end_day = NthWeekday(year, 10, 0, 1);
    } else {
        start_month = 3, start_day = NthWeekday(year, 3, 0, 1);
        end_month = 9, end_day = NthWeekday(year, 9, 0, 5);
    }
    LONGLONG here = ((LONGLONG)(DaysBefore[IsLeap(year)][tm->tm_mon] + tm->tm_mday) * 24 + tm->tm_hour) * 3600 +
                    tm->tm_min * 60 + tm->tm_sec;
    LONGLONG start = ((LONGLONG)(DaysBefore[IsLeap(year)][start_month] + start_day) * 24 + 2) * 3600;
    LONGLONG end = ((LONGLONG)(DaysBefore[IsLeap(year)][end_month] + end_day) * 24 + 1) * 3600;
    return here >= start && here < end;
}

static struct tm TmBuffer;

static struct tm *GmTime(LONGLONG t, LONGLONG max)
{
    if (t < 0 || t > max) {
        CrtSetErrno(EINVAL, 0);
        return NULL;
    }
    Breakdown(t, &TmBuffer);
    return &TmBuffer;
}

static struct tm *LocalTime(LONGLONG t, LONGLONG max)
{
    if (t < 0 || t > max) {
        CrtSetErrno(EINVAL, 0);
        return NULL;
    }
    EnsureZone();
    Breakdown(t - _timezone, &TmBuffer);
    if (IsDaylight(&TmBuffer)) {
        Breakdown(t - _timezone - _dstbias, &TmBuffer);
        TmBuffer.tm_isdst = 1;
    }
    return &TmBuffer;
}

/* No time at all (NULL) is EINVAL and NULL, as a time out of range is
 * (Wine's msvcrt tests time.c, test_gmtime: _gmtime32(NULL) is NULL). */
#define TIME_OF(t) ((t) ? (LONGLONG)*(t) : -1)

struct tm *CDECL gmtime(const long *t) { return GmTime(TIME_OF(t), MAX_TIME32); }
struct tm *CDECL _gmtime32(const long *t) { return GmTime(TIME_OF(t), MAX_TIME32); }
struct tm *CDECL _gmtime64(const LONGLONG *t) { return GmTime(TIME_OF(t), MAX_TIME64); }
struct tm *CDECL localtime(const long *t) { return LocalTime(TIME_OF(t), MAX_TIME32); }
struct tm *CDECL _localtime32(const long *t) { return LocalTime(TIME_OF(t), MAX_TIME32); }
struct tm *CDECL _localtime64(const LONGLONG *t) { return LocalTime(TIME_OF(t), MAX_TIME64); }

/* mktime: normalizes the fields, then local time → time_t. tm_isdst > 0
 * says the time given is daylight time; < 0 asks mktime to decide. */
static LONGLONG MakeTime(struct tm *tm, int local, LONGLONG max)
{
    LONGLONG year = tm->tm_year + 1900LL, month = tm->tm_mon;
    year += month / 12;
    month %= 12;
    if (month < 0) {
        month += 12;
        year--;
    }
    LONGLONG days = DaysToYear(year) + DaysBefore[IsLeap(year)][month] + tm->tm_mday - 1;
    LONGLONG t = days * 86400 + tm->tm_hour * 3600LL + tm->tm_min * 60LL + tm->tm_sec;
    int isdst = tm->tm_isdst;
    if (local) {
        EnsureZone();
        t += _timezone;
        struct tm check;
        Breakdown(t - _timezone, &check);
        int dst = isdst > 0 ? _daylight : isdst < 0 ? IsDaylight(&check) : 0;
        if (dst) {
            t += _dstbias;
        }
    }
    if (t < 0 || t > max) {
        return -1;
    }
    struct tm *out = local ? LocalTime(t, max) : GmTime(t, max);
    *tm = *out;
    return t;
}

long CDECL mktime(struct tm *tm) { return (long)MakeTime(tm, 1, MAX_TIME32); }
long CDECL _mktime32(struct tm *tm) { return (long)MakeTime(tm, 1, MAX_TIME32); }
LONGLONG CDECL _mktime64(struct tm *tm) { return MakeTime(tm, 1, MAX_TIME64); }
long CDECL _mkgmtime(struct tm *tm) { return (long)MakeTime(tm, 0, MAX_TIME32); }
long CDECL _mkgmtime32(struct tm *tm) { return (long)MakeTime(tm, 0, MAX_TIME32); }
LONGLONG CDECL _mkgmtime64(struct tm *tm) { return MakeTime(tm, 0, MAX_TIME64); }

/* ------------------------------------------------------------ now */
static LONGLONG Now100ns(void)
{
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    return (LONGLONG)(((ULONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime) - EPOCH_DIFFERENCE;
}

long CDECL time(long *out)
{
    long seconds = (long)(Now100ns() / 10000000);
    if (out) {
        *out = seconds;
    }
    return seconds;
}

long CDECL _time32(long *out) { return time(out); }

LONGLONG CDECL _time64(LONGLONG *out)
{
    LONGLONG seconds = Now100ns() / 10000000;
    if (out) {
        *out = seconds;
    }
    return seconds;
}

double CDECL difftime(long a, long b) { return (double)a - (double)b; }
double CDECL _difftime32(long a, long b) { return (double)a - (double)b; }
double CDECL _difftime64(LONGLONG a, LONGLONG b) { return (double)(a - b); }

/* clock(): milliseconds (CLOCKS_PER_SEC is 1000) since the process began. */
long CDECL clock(void)
{
    return (long)GetTickCount();
}

static void FillTimeb(LONGLONG *seconds, unsigned short *milli, short *zone, short *dst)
{
    LONGLONG now = Now100ns();
    EnsureZone();
    *seconds = now / 10000000;
    *milli = (unsigned short)(now / 10000 % 1000);
    *zone = (short)(_timezone / 60);
    struct tm *tm = LocalTime(*seconds, MAX_TIME64);
    *dst = (short)(tm ? tm->tm_isdst : 0);
}

void CDECL _ftime(struct TIMEB32 *tb)
{
    LONGLONG s;
    FillTimeb(&s, &tb->millitm, &tb->timezone, &tb->dstflag);
    tb->time = (long)s;
}

void CDECL _ftime32(struct TIMEB32 *tb) { _ftime(tb); }
void CDECL _ftime64(struct TIMEB64 *tb) { FillTimeb(&tb->time, &tb->millitm, &tb->timezone, &tb->dstflag); }

/* ------------------------------------------------------------ text */
static char AscBuffer[32];

/*
 * asctime checks every field (a 30th of February, a year before 1900:
 * EINVAL and NULL) and prints the year as msvcrt does, its thousands as
 * one character: year 10000 prints ":000" ('0' + 10), and so does 266000,
 * the character wrapping around (Wine's msvcrt tests time.c, test_asctime).
 */
char *CDECL asctime(const struct tm *tm)
{
    if (!tm || tm->tm_sec < 0 || tm->tm_sec > 59 || tm->tm_min < 0 || tm->tm_min > 59 || tm->tm_hour < 0 ||
        tm->tm_hour > 23 || tm->tm_mon < 0 || tm->tm_mon > 11 || tm->tm_wday < 0 || tm->tm_wday > 6 ||
        tm->tm_year < 0 || tm->tm_mday < 0 ||
        tm->tm_mday > DaysBefore[IsLeap(tm->tm_year + 1900LL)][tm->tm_mon + 1] -
                          DaysBefore[IsLeap(tm->tm_year + 1900LL)][tm->tm_mon]) {
        CrtSetErrno(EINVAL, 0);
        return NULL;
    }
    int since_1000 = tm->tm_year + 900;   /* the year - 1000 */
    _snprintf(AscBuffer, sizeof AscBuffer, "%.3s %.3s %02d %02d:%02d:%02d %c%03d\n", CrtDayNames[tm->tm_wday],
              CrtMonthNames[tm->tm_mon], tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec,
              (char)('1' + since_1000 / 1000), since_1000 % 1000);
    return AscBuffer;
}

char *CDECL ctime(const long *t)
{
    struct tm *tm = localtime(t);
    return tm ? asctime(tm) : NULL;
}

char *CDECL _ctime32(const long *t) { return ctime(t); }

char *CDECL _ctime64(const LONGLONG *t)
{
    struct tm *tm = _localtime64(t);
    return tm ? asctime(tm) : NULL;
}

char *CDECL _strdate(char *out)
{
    long now = time(NULL);
    struct tm *tm = localtime(&now);
    _snprintf(out, 9, "%02d/%02d/%02d", tm->tm_mon + 1, tm->tm_mday, tm->tm_year % 100);
    return out;
}

char *CDECL _strtime(char *out)
{
    long now = time(NULL);
    struct tm *tm = localtime(&now);
    _snprintf(out, 9, "%02d:%02d:%02d", tm->tm_hour, tm->tm_min, tm->tm_sec);
    return out;
}

typedef struct OUT {
    char *Buffer;
    size_t Size, Used;
    int Overflow;
    int NoTime;    /* a conversion asked for the time, and there was none */
} OUT;

static void Put(OUT *o, const char *s)
{
    for (; *s; s++) {
        if (o->Used + 1 >= o->Size) {
            o->Overflow = 1;
            return;
        }
        o->Buffer[o->Used++] = *s;
    }
}

static void PutNumber(OUT *o, int value, int width, int alternate)
{
    char text[16];
    if (alternate) {
        _snprintf(text, sizeof text, "%d", value);    /* '#': no leading zeros */
    } else {
        _snprintf(text, sizeof text, "%0*d", width, value);
    }
    Put(o, text);
}

/* Week of the year, weeks starting on `first` (0 Sunday, 1 Monday). */
static int WeekNumber(const struct tm *tm, int first)
{
    int wday = (tm->tm_wday - first + 7) % 7;
    return (tm->tm_yday - wday + 7) / 7;
}

static void Format(OUT *o, const char *format, const struct tm *tm);

static void Conversion(OUT *o, char c, int alternate, const struct tm *tm)
{
    if (c == '%') {
        Put(o, "%");
        return;
    }
    if (!tm) {
        o->NoTime = 1;
        return;
    }
    int hour12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
    switch (c) {
    case 'a': Put(o, tm->tm_wday >= 0 && tm->tm_wday < 7 ? (char[4]){CrtDayNames[tm->tm_wday][0], CrtDayNames[tm->tm_wday][1], CrtDayNames[tm->tm_wday][2], 0} : ""); break;
    case 'A': Put(o, tm->tm_wday >= 0 && tm->tm_wday < 7 ? CrtDayNames[tm->tm_wday] : ""); break;
    case 'b': Put(o, tm->tm_mon >= 0 && tm->tm_mon < 12 ? (char[4]){CrtMonthNames[tm->tm_mon][0], CrtMonthNames[tm->tm_mon][1], CrtMonthNames[tm->tm_mon][2], 0} : ""); break;
    case 'B': Put(o, tm->tm_mon >= 0 && tm->tm_mon < 12 ? CrtMonthNames[tm->tm_mon] : ""); break;
    case 'c':
        Format(o, alternate ? "%A, %B %d, %Y %H:%M:%S" : "%m/%d/%y %H:%M:%S", tm);
        break;
    case 'd': PutNumber(o, tm->tm_mday, 2, alternate); break;
    case 'H': PutNumber(o, tm->tm_hour, 2, alternate); break;
    case 'I': PutNumber(o, hour12, 2, alternate); break;
    case 'j': PutNumber(o, tm->tm_yday + 1, 3, alternate); break;
    case 'm': PutNumber(o, tm->tm_mon + 1, 2, alternate); break;
    case 'M': PutNumber(o, tm->tm_min, 2, alternate); break;
    case 'p': Put(o, tm->tm_hour < 12 ? "AM" : "PM"); break;
    case 'S': PutNumber(o, tm->tm_sec, 2, alternate); break;
    case 'U': PutNumber(o, WeekNumber(tm, 0), 2, alternate); break;
    case 'w': PutNumber(o, tm->tm_wday, 1, alternate); break;
    case 'W': PutNumber(o, WeekNumber(tm, 1), 2, alternate); break;
    case 'x': Format(o, alternate ? "%A, %B %d, %Y" : "%m/%d/%y", tm); break;
    case 'X': Format(o, "%H:%M:%S", tm); break;
    case 'y': PutNumber(o, (tm->tm_year + 1900) % 100, 2, alternate); break;
    case 'Y': PutNumber(o, tm->tm_year + 1900, 1, alternate); break;
    case 'z':
    case 'Z': EnsureZone(); Put(o, _tzname[tm->tm_isdst > 0 ? 1 : 0]); break;
    default: break;   /* msvcrt.dll passes over a conversion it does not know */
    }
}

static void Format(OUT *o, const char *format, const struct tm *tm)
{
    for (const char *p = format; *p && !o->Overflow; p++) {
        if (*p != '%') {
            char c[2] = {*p, 0};
            Put(o, c);
            continue;
        }
        int alternate = 0;
        if (p[1] == '#') {
            alternate = 1;
            p++;
        }
        if (!p[1]) {
            break;
        }
        Conversion(o, *++p, alternate, tm);
    }
}

/* strftime: the length written, or 0 (and the buffer's first byte 0) when
 * it does not fit. */
size_t CDECL strftime(char *buffer, size_t size, const char *format, const struct tm *tm)
{
    if (!buffer || !format || size == 0) {
        CrtSetErrno(EINVAL, 0);
        return 0;
    }
    /* tm may be NULL when no conversion needs it (Wine's msvcrt tests
     * time.c, test_strftime: "copy" with no tm is 4). */
    OUT o = {buffer, size, 0, 0, 0};
    Format(&o, format, tm);
    if (o.NoTime) {
        buffer[0] = 0;
        CrtSetErrno(EINVAL, 0);
        return 0;
    }
    if (o.Overflow) {
        buffer[0] = 0;
        CrtSetErrno(ERANGE, 0);
        return 0;
    }
    buffer[o.Used] = 0;
    return o.Used;
}

size_t CDECL wcsftime(WCHAR *buffer, size_t size, const WCHAR *format, const struct tm *tm)
{
    char narrow_format[512], narrow[1024];
    int n = WideCharToMultiByte(CP_ACP, 0, format, -1, narrow_format, sizeof narrow_format, NULL, NULL);
    if (n <= 0 || !buffer || size == 0) {
        CrtSetErrno(EINVAL, 0);
        return 0;
    }
    size_t len = strftime(narrow, sizeof narrow, narrow_format, tm);
    if (!len && narrow_format[0]) {
        buffer[0] = 0;
        return 0;
    }
    int w = MultiByteToWideChar(CP_ACP, 0, narrow, (int)len + 1, buffer, (int)size);
    if (w <= 0) {
        buffer[0] = 0;
        CrtSetErrno(ERANGE, 0);
        return 0;
    }
    return (size_t)w - 1;
}
