/*
 * msvcrt's time functions at their edges (Wine's msvcrt tests time.c
 * record Windows' answers): _gmtime32(NULL) is NULL (test_gmtime, line
 * 126); TZ "xxx+1yyy" makes _daylight the daylight name's first character,
 * 121, and leaves _dstbias alone (test__tzset, lines 933-950); mktime and
 * localtime read TZ again when it has changed, with no _tzset
 * (test_mktime, line 316); strftime's %#c and %#x keep the day's two digits
 * and need no tm when no conversion asks for one (test_strftime, lines
 * 761-794); asctime refuses a 30th of February and a year before 1900, and
 * prints years past 9999 with their thousands as one wrapped character
 * (test_asctime, lines 880-900).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(void)
{
    printf("_gmtime32(NULL): %s\n", _gmtime32(NULL) ? "a tm" : "NULL");
    __time32_t minus_one = -1;
    printf("_ctime32(-1): %s\n", _ctime32(&minus_one) ? "text" : "NULL");

    long saved_bias = _dstbias;
    _putenv("TZ=xxx+1yyy");
    _tzset();
    printf("TZ=xxx+1yyy: _daylight %d _timezone %ld _dstbias %ld\n", _daylight, _timezone, _dstbias);
    _dstbias = 0;
    _putenv("TZ=xxx+1:3:5zzz");
    _tzset();
    printf("TZ=xxx+1:3:5zzz: _daylight %d _timezone %ld _dstbias %ld\n", _daylight, _timezone, _dstbias);
    _dstbias = saved_bias;

    _putenv("TZ=GMT");   /* no _tzset: mktime notices */
    struct tm epoch_day = {0, 0, 0, 2, 0, 70, 0, 0, 0};
    printf("TZ=GMT, mktime(1970-01-02 00:00) = %ld\n", (long)_mktime32(&epoch_day));
    _putenv("TZ=EST5");
    epoch_day = (struct tm){0, 0, 0, 2, 0, 70, 0, 0, 0};
    printf("TZ=EST5, mktime(1970-01-02 00:00) = %ld\n", (long)_mktime32(&epoch_day));

    struct tm t = {0, 0, 0, 1, 0, 70, 4, 0, 0};
    char buffer[128];
    size_t n = strftime(buffer, sizeof buffer, "%#c", &t);
    printf("%%#c: %u [%s]\n", (unsigned)n, buffer);
    n = strftime(buffer, sizeof buffer, "%#x", &t);
    printf("%%#x: %u [%s]\n", (unsigned)n, buffer);
    n = strftime(buffer, sizeof buffer, "copy", NULL);
    printf("\"copy\" with no tm: %u [%s]\n", (unsigned)n, buffer);
    errno = 0;
    n = strftime(buffer, sizeof buffer, "day %d", NULL);
    printf("\"day %%d\" with no tm: %u [%s] errno %s\n", (unsigned)n, buffer, errno == EINVAL ? "EINVAL" : "other");

    struct tm a = {41, 58, 2, 28, 10, 8100, 3, 0, 0};
    printf("asctime year 10000: %s", asctime(&a));
    a.tm_year = 264100;
    printf("asctime year 266000: %s", asctime(&a));
    a.tm_year = -1;
    errno = 0;
    const char *text = asctime(&a);
    printf("asctime year 1899: %s, errno %s\n", text ? "text" : "NULL", errno == EINVAL ? "EINVAL" : "other");
    a.tm_year = 79;
    a.tm_mon = 1;
    a.tm_mday = 30;
    errno = 0;
    text = asctime(&a);
    printf("asctime Feb 30: %s, errno %s\n", text ? "text" : "NULL", errno == EINVAL ? "EINVAL" : "other");
    return 0;
}
