/*
 * GetDateFormat and GetTimeFormat: a SYSTEMTIME through a format picture,
 * or the locale's own (en-US: "M/d/yyyy", "dddd, MMMM d, yyyy",
 * "MMMM yyyy", "h:mm:ss tt"; locale.c).
 *
 * Date pictures: d dd (day, with a leading zero), ddd dddd (the day's
 * abbreviated and full name), M MM MMM MMMM (month), y (the year's last
 * two digits without a leading zero) yy (two digits) yyyy and longer (four
 * digits), g gg (the era, "A.D."). Time pictures: h hh (12-hour clock), H
 * HH (24-hour), m mm, s ss, t (the marker's first letter) tt; more than two
 * letters count as two. Text between single quotes is copied, '' is a
 * quote; other characters are copied as they are. A picture left out by a
 * flag (TIME_NOSECONDS, TIME_NOMINUTESORSECONDS, TIME_NOTIMEMARKER) takes
 * with it the text written since the previous picture and the separators
 * after it up to a space, as Windows drops them ("h:mm:ss tt" without
 * seconds is "h:mm tt").
 */
#include "kernel32/kernel32.h"
#include "kernel32/nlsapi.h"

#define DATE_SHORTDATE         0x00000001
#define DATE_LONGDATE          0x00000002
#define DATE_USE_ALT_CALENDAR  0x00000004
#define DATE_YEARMONTH         0x00000008
#define TIME_NOMINUTESORSECONDS 0x00000001
#define TIME_NOSECONDS          0x00000002
#define TIME_NOTIMEMARKER       0x00000004
#define TIME_FORCE24HOURFORMAT  0x00000008

#define LOCALE_SSHORTDATE   0x001F
#define LOCALE_SLONGDATE    0x0020
#define LOCALE_SYEARMONTH   0x1006
#define LOCALE_STIMEFORMAT  0x1003
#define LOCALE_SDAYNAME1    0x002A
#define LOCALE_SABBREVDAYNAME1 0x0031
#define LOCALE_SMONTHNAME1  0x0038
#define LOCALE_SABBREVMONTHNAME1 0x0044
#define LOCALE_S1159        0x0028
#define LOCALE_S2359        0x0029

typedef struct OUT {
    WCHAR *Buffer;
    int Size;      /* 0: only count */
    int Length;
    BOOL Overflow;
} OUT;

static void Put(OUT *out, WCHAR c)
{
    if (out->Size) {
        if (out->Length >= out->Size) {
            out->Overflow = TRUE;
            return;
        }
        out->Buffer[out->Length] = c;
    }
    out->Length++;
}

static void PutString(OUT *out, const WCHAR *s)
{
    for (; *s; s++) {
        Put(out, *s);
    }
}

static void PutNumber(OUT *out, unsigned value, int digits)
{
    WCHAR text[12];
    int n = 0;
    do {
        text[n++] = (WCHAR)('0' + value % 10);
        value /= 10;
    } while (value);
    while (n < digits) {
        text[n++] = '0';
    }
    while (n) {
        Put(out, text[--n]);
    }
}

static void PutLocale(OUT *out, LCID lcid, LCTYPE type)
{
    WCHAR text[80];
    if (GetLocaleInfoW(lcid, type, text, 80)) {
        PutString(out, text);
    }
}

/* The day of the week (0 Sunday) of a valid date. */
static int Weekday(const SYSTEMTIME *st)
{
    static const int offsets[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int y = st->wYear - (st->wMonth < 3);
    return (y + y / 4 - y / 100 + y / 400 + offsets[st->wMonth - 1] + st->wDay) % 7;
}

/* The picture engine for both: date pictures when date, time ones when not. */
static void Format(OUT *out, LCID lcid, DWORD flags, const SYSTEMTIME *st, const WCHAR *format, BOOL date)
{
    int kept = 0; /* the output's length at the end of the last picture written */
    BOOL skipping = FALSE; /* after a dropped picture: separators go too */
    while (*format) {
        WCHAR c = *format;
        if (c == '\'') {
            format++;
            while (*format) {
                if (*format == '\'') {
                    if (format[1] != '\'') {
                        format++;
                        break;
                    }
                    format++;
                }
                if (!skipping) {
                    Put(out, *format);
                }
                format++;
            }
            continue;
        }
        BOOL picture = date ? (c == 'd' || c == 'M' || c == 'y' || c == 'g')
                            : (c == 'h' || c == 'H' || c == 'm' || c == 's' || c == 't');
        if (!picture) {
            if (skipping && c != ' ') {
                format++;
                continue;
            }
            skipping = FALSE;
            Put(out, c);
            format++;
            continue;
        }
        int count = 0;
        while (format[count] == c) {
            count++;
        }
        format += count;
        BOOL dropped = !date && (((c == 'm' || c == 's') && (flags & TIME_NOMINUTESORSECONDS)) ||
                                 (c == 's' && (flags & TIME_NOSECONDS)) ||
                                 (c == 't' && (flags & TIME_NOTIMEMARKER)));
        if (dropped) {
            out->Length = kept; /* the separator before it goes */
            skipping = TRUE;
            continue;
        }
        skipping = FALSE;
        int hour12 = st->wHour % 12 ? st->wHour % 12 : 12;
        switch (c) {
        case 'd':
            if (count <= 2) {
                PutNumber(out, st->wDay, count);
            } else {
                int day = (Weekday(st) + 6) % 7; /* LOCALE_SDAYNAME1 is Monday */
                PutLocale(out, lcid, (LCTYPE)((count == 3 ? LOCALE_SABBREVDAYNAME1 : LOCALE_SDAYNAME1) + day));
            }
            break;
        case 'M':
            if (count <= 2) {
                PutNumber(out, st->wMonth, count);
            } else {
                PutLocale(out, lcid,
                          (LCTYPE)((count == 3 ? LOCALE_SABBREVMONTHNAME1 : LOCALE_SMONTHNAME1) + st->wMonth - 1));
            }
            break;
        case 'y':
            if (count <= 2) {
                PutNumber(out, st->wYear % 100, count);
            } else {
                PutNumber(out, st->wYear, 4);
            }
            break;
        case 'g':
            PutString(out, L"A.D.");
            break;
        case 'h':
            PutNumber(out, (flags & TIME_FORCE24HOURFORMAT) ? st->wHour : (unsigned)hour12, count > 2 ? 2 : count);
            break;
        case 'H':
            PutNumber(out, st->wHour, count > 2 ? 2 : count);
            break;
        case 'm':
            PutNumber(out, st->wMinute, count > 2 ? 2 : count);
            break;
        case 's':
            PutNumber(out, st->wSecond, count > 2 ? 2 : count);
            break;
        case 't': {
            WCHAR marker[16];
            if (GetLocaleInfoW(lcid, st->wHour < 12 ? LOCALE_S1159 : LOCALE_S2359, marker, 16)) {
                if (count == 1) {
                    marker[1] = 0;
                }
                PutString(out, marker);
            }
            break;
        }
        default:
            break;
        }
        kept = out->Length;
    }
}

/* The output's end: the NUL, the length with it, or the error. */
static int Finish(OUT *out)
{
    Put(out, 0);
    if (out->Overflow) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    return out->Length;
}

static BOOL KnownLcid(LCID lcid)
{
    WCHAR probe[2];
    return GetLocaleInfoW(lcid, 0x0001 /* LOCALE_ILANGUAGE */, probe, 0) != 0;
}

int WINAPI GetDateFormatW(LCID lcid, DWORD flags, const SYSTEMTIME *date, const WCHAR *format, WCHAR *buffer,
                          int size)
{
    SYSTEMTIME st;
    FILETIME ft;
    if (size < 0 || (size && !buffer)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!KnownLcid(lcid)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    DWORD kinds = flags & (DATE_SHORTDATE | DATE_LONGDATE | DATE_YEARMONTH);
    if ((flags & ~(DWORD)(DATE_SHORTDATE | DATE_LONGDATE | DATE_YEARMONTH | DATE_USE_ALT_CALENDAR |
                          LOCALE_NOUSEROVERRIDE | LOCALE_USE_CP_ACP)) ||
        (kinds & (kinds - 1)) || (format && (kinds || (flags & LOCALE_NOUSEROVERRIDE)))) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    if (date) {
        /* Only the date is checked, and the day of the week is the date's. */
        SYSTEMTIME check = *date;
        check.wHour = check.wMinute = check.wSecond = check.wMilliseconds = 0;
        if (!SystemTimeToFileTime(&check, &ft)) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return 0;
        }
        st = *date;
    } else {
        GetLocalTime(&st);
    }
    WCHAR picture[80];
    if (!format) {
        LCTYPE type = kinds == DATE_LONGDATE ? LOCALE_SLONGDATE : kinds == DATE_YEARMONTH ? LOCALE_SYEARMONTH
                                                                                          : LOCALE_SSHORTDATE;
        GetLocaleInfoW(lcid, type, picture, 80);
        format = picture;
    }
    OUT out = {buffer, size, 0, FALSE};
    Format(&out, lcid, flags, &st, format, TRUE);
    return Finish(&out);
}

int WINAPI GetTimeFormatW(LCID lcid, DWORD flags, const SYSTEMTIME *time, const WCHAR *format, WCHAR *buffer,
                          int size)
{
    SYSTEMTIME st;
    if (size < 0 || (size && !buffer) || !KnownLcid(lcid)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if ((flags & ~(DWORD)(TIME_NOMINUTESORSECONDS | TIME_NOSECONDS | TIME_NOTIMEMARKER |
                          TIME_FORCE24HOURFORMAT | LOCALE_NOUSEROVERRIDE | LOCALE_USE_CP_ACP)) ||
        (format && (flags & LOCALE_NOUSEROVERRIDE))) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    if (time) {
        /* Only the time is checked; the date may be anything. */
        if (time->wHour > 23 || time->wMinute > 59 || time->wSecond > 59 || time->wMilliseconds > 999) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return 0;
        }
        st = *time;
    } else {
        GetLocalTime(&st);
    }
    WCHAR picture[80];
    if (!format) {
        GetLocaleInfoW(lcid, LOCALE_STIMEFORMAT, picture, 80);
        format = picture;
    }
    OUT out = {buffer, size, 0, FALSE};
    Format(&out, lcid, flags, &st, format, FALSE);
    return Finish(&out);
}

/* The A forms: the picture from the ANSI code page, the result back to
 * it; size counts bytes. */
typedef int (WINAPI *FORMAT_W)(LCID, DWORD, const SYSTEMTIME *, const WCHAR *, WCHAR *, int);

static int FormatA(FORMAT_W call, LCID lcid, DWORD flags, const SYSTEMTIME *st, const char *format, char *buffer,
                   int size)
{
    WCHAR wide_format[256], wide[256];
    if (size < 0 || (size && !buffer)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (format && !MultiByteToWideChar(CP_ACP, 0, format, -1, wide_format, 256)) {
        return 0;
    }
    int n = call(lcid, flags, st, format ? wide_format : NULL, wide, 256);
    if (!n) {
        return 0;
    }
    int bytes = WideCharToMultiByte(CP_ACP, 0, wide, n, NULL, 0, NULL, NULL);
    if (!size) {
        return bytes;
    }
    if (bytes > size) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    return WideCharToMultiByte(CP_ACP, 0, wide, n, buffer, size, NULL, NULL);
}

int WINAPI GetDateFormatA(LCID lcid, DWORD flags, const SYSTEMTIME *date, const char *format, char *buffer, int size)
{
    return FormatA(GetDateFormatW, lcid, flags, date, format, buffer, size);
}

int WINAPI GetTimeFormatA(LCID lcid, DWORD flags, const SYSTEMTIME *time, const char *format, char *buffer, int size)
{
    return FormatA(GetTimeFormatW, lcid, flags, time, format, buffer, size);
}
