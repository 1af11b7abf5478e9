/* time.h, the C locale and the process calls as msvcrt.dll answers them
 * (Microsoft's documentation; Wine's msvcrt conformance tests for asctime,
 * gmtime and mktime). Run with --env TZ=EST5EDT: msvcrt reads TZ. */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>
#include <windows.h>

static void show(const char *what, const struct tm *tm)
{
    printf("%s: %04d-%02d-%02d %02d:%02d:%02d wday %d yday %d isdst %d\n", what, tm->tm_year + 1900,
           tm->tm_mon + 1, tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec, tm->tm_wday, tm->tm_yday,
           tm->tm_isdst);
}

int main(void)
{
    time_t t = 0;
    printf("asctime(gmtime(0)): %s", asctime(gmtime(&t)));
    t = 312433121;
    printf("asctime(gmtime(312433121)): %s", asctime(gmtime(&t)));
    _tzset();
    printf("_timezone %ld _daylight %d _tzname %s/%s\n", _timezone, _daylight, _tzname[0], _tzname[1]);
    t = 1183000000;   /* 2007-06-28 03:06:40 UTC: summer */
    show("localtime(summer)", localtime(&t));
    t = 1200000000;   /* 2008-01-10 21:20:00 UTC: winter */
    show("localtime(winter)", localtime(&t));
    struct tm tm = {0};
    tm.tm_year = 126;
    tm.tm_mon = 13;   /* normalized to February 2027 */
    tm.tm_mday = 31;  /* ... and to March 3 */
    tm.tm_hour = 12;
    tm.tm_isdst = -1;
    time_t made = mktime(&tm);
    printf("mktime: %ld\n", (long)made);
    show("normalized", &tm);
    char text[128];
    size_t n = strftime(text, sizeof text, "%a %A %b %B %d %H %I %j %m %M %p %S %U %w %W %y %Y %Z %%", &tm);
    printf("strftime %u: %s\n", (unsigned)n, text);
    strftime(text, sizeof text, "%c | %x | %X | %#c | %#d", &tm);
    printf("strftime: %s\n", text);
    printf("strftime too small: %u\n", (unsigned)strftime(text, 5, "%Y-%m-%d", &tm));
    printf("ctime(0) in EST: %s", ctime(&(time_t){0}));
    t = -1;
    errno = 0;
    struct tm *none = gmtime(&t);
    printf("gmtime(-1): %p errno %d\n", (void *)none, errno);
    printf("difftime: %g\n", difftime(1000, 250));

    /* The C locale. */
    printf("setlocale: %s %s %s\n", setlocale(LC_ALL, NULL), setlocale(LC_ALL, ""),
           setlocale(LC_ALL, "French") ? "French?" : "(null)");
    printf("localeconv: [%s] [%s]\n", localeconv()->decimal_point, localeconv()->thousands_sep);
    printf("strcoll: %d %d\n", strcoll("abc", "abd") < 0, strcoll("B", "a") < 0);
    printf("ctype: alpha %d digit %d space %d punct %d cntrl %d graph %d print(' ') %d upper(0xC9) %d\n",
           isalpha('a') != 0, isdigit('7') != 0, isspace('\t') != 0, ispunct('!') != 0, iscntrl(0x7F) != 0,
           isgraph('~') != 0, isprint(' ') != 0, isupper(0xC9) != 0);
    printf("wide: iswalpha(0xE9) %d iswupper(0xC9) %d towupper(0xE9) 0x%x\n", iswalpha(0xE9) != 0,
           iswupper(0xC9) != 0, towupper(0xE9));
    wchar_t wide[8];
    size_t converted = mbstowcs(wide, "h\xe9", 8);
    printf("mbstowcs: %u 0x%x\n", (unsigned)converted, wide[1]);
    char narrow[8];
    errno = 0;
    size_t r = wcstombs(narrow, L"a\x263a", sizeof narrow);
    printf("wcstombs(U+263A): %d errno %d\n", (int)r, errno);
    printf("MB_CUR_MAX %d, mblen %d, wctomb(0x100) %d\n", MB_CUR_MAX, mblen("x", 1), wctomb(narrow, 0x100));

    /* _putenv changes what getenv, _wgetenv and _tzset see. */
    printf("_putenv: %d ", _putenv("NTMM_X=one"));
    printf("getenv %s _wgetenv %ls ", getenv("ntmm_x"), _wgetenv(L"NTMM_X"));
    int removed = _putenv("NTMM_X=");
    printf("removed %d -> %s; ", removed, getenv("NTMM_X") ? "still set" : "(null)");
    errno = 0;
    int bad = _putenv("no-equals");
    printf("no '=': %d errno %d\n", bad, errno);
    _putenv("TZ=PST8PDT");
    _tzset();
    printf("TZ=PST8PDT: _timezone %ld _tzname %s/%s\n", _timezone, _tzname[0], _tzname[1]);

    /* No command interpreter. */
    printf("system(NULL): %d\n", system(NULL));
    errno = 0;
    int status = system("dir");
    printf("system(\"dir\"): %d errno %d\n", status, errno);
    errno = 0;
    FILE *p = _popen("dir", "r");
    printf("_popen: %p errno %d\n", (void *)p, errno);
    fflush(stdout);
    assert(1 + 1 == 3);
    return 0;
}
