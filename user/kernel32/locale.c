/*
 * Locales: one is installed, English (United States), LCID 0x0409, whose
 * ANSI code page is 1252 and OEM code page 437 (nls.c). The default
 * locales (LOCALE_USER_DEFAULT, LOCALE_SYSTEM_DEFAULT, LOCALE_NEUTRAL),
 * English's neutral LCID 0x0009 and the invariant locale resolve to it
 * (the invariant locale's own few differences are not kept). Its values
 * are those Windows 7 and later give for en-US with no user overrides.
 */
#include "kernel32/kernel32.h"
#include "kernel32/nlsapi.h"

typedef struct LOCALE_VALUE {
    LCTYPE Type;
    const char *Value;
} LOCALE_VALUE;

static const LOCALE_VALUE EnglishUs[] = {
    {0x0001, "0409"},                    /* LOCALE_ILANGUAGE */
    {0x0002, "English (United States)"}, /* LOCALE_SLANGUAGE */
    {0x0003, "ENU"},                     /* LOCALE_SABBREVLANGNAME */
    {0x0004, "English"},                 /* LOCALE_SNATIVELANGNAME */
    {0x0005, "1"},                       /* LOCALE_ICOUNTRY */
    {0x0006, "United States"},           /* LOCALE_SCOUNTRY */
    {0x0007, "USA"},                     /* LOCALE_SABBREVCTRYNAME */
    {0x0008, "United States"},           /* LOCALE_SNATIVECTRYNAME */
    {0x0009, "0409"},                    /* LOCALE_IDEFAULTLANGUAGE */
    {0x000A, "1"},                       /* LOCALE_IDEFAULTCOUNTRY */
    {0x000B, "437"},                     /* LOCALE_IDEFAULTCODEPAGE */
    {0x000C, ","},                       /* LOCALE_SLIST */
    {0x000D, "1"},                       /* LOCALE_IMEASURE: U.S. */
    {0x000E, "."},                       /* LOCALE_SDECIMAL */
    {0x000F, ","},                       /* LOCALE_STHOUSAND */
    {0x0010, "3;0"},                     /* LOCALE_SGROUPING */
    {0x0011, "2"},                       /* LOCALE_IDIGITS */
    {0x0012, "1"},                       /* LOCALE_ILZERO */
    {0x0013, "0123456789"},              /* LOCALE_SNATIVEDIGITS */
    {0x0014, "$"},                       /* LOCALE_SCURRENCY */
    {0x0015, "USD"},                     /* LOCALE_SINTLSYMBOL */
    {0x0016, "."},                       /* LOCALE_SMONDECIMALSEP */
    {0x0017, ","},                       /* LOCALE_SMONTHOUSANDSEP */
    {0x0018, "3;0"},                     /* LOCALE_SMONGROUPING */
    {0x0019, "2"},                       /* LOCALE_ICURRDIGITS */
    {0x001A, "2"},                       /* LOCALE_IINTLCURRDIGITS */
    {0x001B, "0"},                       /* LOCALE_ICURRENCY */
    {0x001C, "0"},                       /* LOCALE_INEGCURR */
    {0x001D, "/"},                       /* LOCALE_SDATE */
    {0x001E, ":"},                       /* LOCALE_STIME */
    {0x001F, "M/d/yyyy"},                /* LOCALE_SSHORTDATE */
    {0x0020, "dddd, MMMM d, yyyy"},      /* LOCALE_SLONGDATE */
    {0x0021, "0"},                       /* LOCALE_IDATE */
    {0x0022, "0"},                       /* LOCALE_ILDATE */
    {0x0023, "0"},                       /* LOCALE_ITIME */
    {0x0024, "1"},                       /* LOCALE_ICENTURY */
    {0x0025, "0"},                       /* LOCALE_ITLZERO */
    {0x0026, "0"},                       /* LOCALE_IDAYLZERO */
    {0x0027, "0"},                       /* LOCALE_IMONLZERO */
    {0x0028, "AM"},                      /* LOCALE_S1159 */
    {0x0029, "PM"},                      /* LOCALE_S2359 */
    {0x002A, "Monday"},    {0x002B, "Tuesday"}, {0x002C, "Wednesday"}, {0x002D, "Thursday"},
    {0x002E, "Friday"},    {0x002F, "Saturday"}, {0x0030, "Sunday"}, /* LOCALE_SDAYNAME1-7 */
    {0x0031, "Mon"}, {0x0032, "Tue"}, {0x0033, "Wed"}, {0x0034, "Thu"},
    {0x0035, "Fri"}, {0x0036, "Sat"}, {0x0037, "Sun"},                /* LOCALE_SABBREVDAYNAME1-7 */
    {0x0038, "January"}, {0x0039, "February"}, {0x003A, "March"}, {0x003B, "April"},
    {0x003C, "May"}, {0x003D, "June"}, {0x003E, "July"}, {0x003F, "August"},
    {0x0040, "September"}, {0x0041, "October"}, {0x0042, "November"},
    {0x0043, "December"},                                             /* LOCALE_SMONTHNAME1-12 */
    {0x0044, "Jan"}, {0x0045, "Feb"}, {0x0046, "Mar"}, {0x0047, "Apr"}, {0x0048, "May"},
    {0x0049, "Jun"}, {0x004A, "Jul"}, {0x004B, "Aug"}, {0x004C, "Sep"}, {0x004D, "Oct"},
    {0x004E, "Nov"}, {0x004F, "Dec"},                                 /* LOCALE_SABBREVMONTHNAME1-12 */
    {0x0050, ""},                        /* LOCALE_SPOSITIVESIGN */
    {0x0051, "-"},                       /* LOCALE_SNEGATIVESIGN */
    {0x0052, "3"},                       /* LOCALE_IPOSSIGNPOSN */
    {0x0053, "0"},                       /* LOCALE_INEGSIGNPOSN */
    {0x0054, "1"},                       /* LOCALE_IPOSSYMPRECEDES */
    {0x0055, "0"},                       /* LOCALE_IPOSSEPBYSPACE */
    {0x0056, "1"},                       /* LOCALE_INEGSYMPRECEDES */
    {0x0057, "0"},                       /* LOCALE_INEGSEPBYSPACE */
    {0x0059, "en"},                      /* LOCALE_SISO639LANGNAME */
    {0x005A, "US"},                      /* LOCALE_SISO3166CTRYNAME */
    {0x005B, "244"},                     /* LOCALE_IGEOID */
    {0x005C, "en-US"},                   /* LOCALE_SNAME */
    {0x005D, "h:mm:ss"},                 /* LOCALE_SDURATION */
    {0x0060, "Mo"}, {0x0061, "Tu"}, {0x0062, "We"}, {0x0063, "Th"},
    {0x0064, "Fr"}, {0x0065, "Sa"}, {0x0066, "Su"},                   /* LOCALE_SSHORTESTDAYNAME1-7 */
    {0x006D, "en"},                      /* LOCALE_SPARENT */
    {0x0070, "0"},                       /* LOCALE_IREADINGLAYOUT */
    {0x0072, "English (United States)"}, /* LOCALE_SENGLISHDISPLAYNAME */
    {0x0073, "English (United States)"}, /* LOCALE_SNATIVEDISPLAYNAME */
    {0x0079, "h:mm tt"},                 /* LOCALE_SSHORTTIME */
    {0x1001, "English"},                 /* LOCALE_SENGLANGUAGE */
    {0x1002, "United States"},           /* LOCALE_SENGCOUNTRY */
    {0x1003, "h:mm:ss tt"},              /* LOCALE_STIMEFORMAT */
    {0x1004, "1252"},                    /* LOCALE_IDEFAULTANSICODEPAGE */
    {0x1005, "0"},                       /* LOCALE_ITIMEMARKPOSN */
    {0x1006, "MMMM yyyy"},               /* LOCALE_SYEARMONTH */
    {0x1007, "US Dollar"},               /* LOCALE_SENGCURRNAME */
    {0x1008, "US Dollar"},               /* LOCALE_SNATIVECURRNAME */
    {0x1009, "1"},                       /* LOCALE_ICALENDARTYPE: Gregorian */
    {0x100A, "1"},                       /* LOCALE_IPAPERSIZE: letter */
    {0x100B, "0"},                       /* LOCALE_IOPTIONALCALENDAR */
    {0x100C, "6"},                       /* LOCALE_IFIRSTDAYOFWEEK: Sunday */
    {0x100D, "0"},                       /* LOCALE_IFIRSTWEEKOFYEAR */
    {0x100E, ""},                        /* LOCALE_SMONTHNAME13 */
    {0x100F, ""},                        /* LOCALE_SABBREVMONTHNAME13 */
    {0x1010, "1"},                       /* LOCALE_INEGNUMBER */
    {0x1011, "10000"},                   /* LOCALE_IDEFAULTMACCODEPAGE */
    {0x1012, "037"},                     /* LOCALE_IDEFAULTEBCDICCODEPAGE */
    {0x1014, "0"},                       /* LOCALE_IDIGITSUBSTITUTION */
};

/* Whether lcid names the installed locale (or resolves to it). */
static BOOL KnownLocale(LCID lcid)
{
    switch (lcid) {
    case LOCALE_NEUTRAL:
    case LOCALE_INVARIANT:
    case LOCALE_USER_DEFAULT:
    case LOCALE_SYSTEM_DEFAULT:
    case 0x0009:
    case LOCALE_EN_US:
        return TRUE;
    default:
        return FALSE;
    }
}

/* The value of lctype (its flags removed), or NULL. */
static const char *LookUp(LCTYPE lctype)
{
    lctype &= ~(LCTYPE)(LOCALE_NOUSEROVERRIDE | LOCALE_USE_CP_ACP | LOCALE_RETURN_NUMBER);
    if (lctype == 0x0067) {
        return "eng"; /* LOCALE_SISO639LANGNAME2 */
    }
    if (lctype == 0x0068) {
        return "USA"; /* LOCALE_SISO3166CTRYNAME2 */
    }
    for (unsigned i = 0; i < sizeof EnglishUs / sizeof EnglishUs[0]; i++) {
        if (EnglishUs[i].Type == lctype) {
            return EnglishUs[i].Value;
        }
    }
    return NULL;
}

/* The checks and the lookup both forms share: the value, or NULL with the
 * last error set. *number is the value as a number for
 * LOCALE_RETURN_NUMBER (only the numeric LOCALE_I* values have one). */
static const char *LocaleValue(LCID lcid, LCTYPE lctype, DWORD *number)
{
    if (!KnownLocale(lcid)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    const char *value = LookUp(lctype);
    if (!value) {
        SetLastError(ERROR_INVALID_FLAGS);
        return NULL;
    }
    if (lctype & LOCALE_RETURN_NUMBER) {
        if (!*value || value[0] < '0' || value[0] > '9') {
            SetLastError(ERROR_INVALID_FLAGS);
            return NULL;
        }
        /* LOCALE_ILANGUAGE and LOCALE_IDEFAULTLANGUAGE are hexadecimal. */
        DWORD base = ((lctype & 0xFFFF) == 0x0001 || (lctype & 0xFFFF) == 0x0009) ? 16 : 10;
        DWORD n = 0;
        for (const char *p = value; *p >= '0' && *p <= '9'; p++) {
            n = n * base + (DWORD)(*p - '0');
        }
        *number = n;
    }
    return value;
}

/* GetLocaleInfo's answer in units of `unit` bytes (1: ANSI, 2: UTF-16; the
 * values are ASCII, the same in every code page); size counts units, 0
 * asks for the length, NUL included. A value too long for the buffer: the
 * ANSI form leaves what fitted, NUL-terminated ("Mo" of "Monday" in three
 * bytes), as Windows does; the wide form leaves nothing. */
static int LocaleInfo(LCID lcid, LCTYPE lctype, void *buffer, int size, int unit)
{
    DWORD number = 0;
    if (size < 0 || (size && !buffer)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    const char *value = LocaleValue(lcid, lctype, &number);
    if (!value) {
        return 0;
    }
    if (lctype & LOCALE_RETURN_NUMBER) {
        int needed = (int)sizeof(DWORD) / unit;
        if (size && size < needed) {
            SetLastError(ERROR_INSUFFICIENT_BUFFER);
            return 0;
        }
        if (size) {
            memcpy(buffer, &number, sizeof number);
        }
        return needed;
    }
    int length = (int)strlen(value) + 1;
    if (!size) {
        return length;
    }
    int copied = size >= length ? length : unit == 1 ? size - 1 : 0;
    for (int i = 0; i < copied; i++) {
        if (unit == 1) {
            ((char *)buffer)[i] = value[i];
        } else {
            ((WCHAR *)buffer)[i] = (BYTE)value[i];
        }
    }
    if (size < length) {
        if (unit == 1) {
            ((char *)buffer)[size - 1] = 0;
        }
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    return length;
}

int WINAPI GetLocaleInfoW(LCID lcid, LCTYPE lctype, WCHAR *buffer, int size)
{
    return LocaleInfo(lcid, lctype, buffer, size, sizeof(WCHAR));
}

int WINAPI GetLocaleInfoA(LCID lcid, LCTYPE lctype, char *buffer, int size)
{
    return LocaleInfo(lcid, lctype, buffer, size, 1);
}

LCID WINAPI GetUserDefaultLCID(void) { return LOCALE_EN_US; }
LCID WINAPI GetSystemDefaultLCID(void) { return LOCALE_EN_US; }
LCID WINAPI GetThreadLocale(void) { return LOCALE_EN_US; }

/* en-US is the one locale installed, so it stays the thread's: the
 * defaults name it, any other is ERROR_INVALID_PARAMETER. */
BOOL WINAPI SetThreadLocale(LCID lcid)
{
    if (lcid == LOCALE_USER_DEFAULT || lcid == LOCALE_SYSTEM_DEFAULT || IsValidLocale(lcid, LCID_SUPPORTED)) {
        return TRUE;
    }
    SetLastError(ERROR_INVALID_PARAMETER);
    return FALSE;
}
LANGID WINAPI GetUserDefaultLangID(void) { return (LANGID)LOCALE_EN_US; }
LANGID WINAPI GetSystemDefaultLangID(void) { return (LANGID)LOCALE_EN_US; }
LANGID WINAPI GetUserDefaultUILanguage(void) { return (LANGID)LOCALE_EN_US; }
LANGID WINAPI GetSystemDefaultUILanguage(void) { return (LANGID)LOCALE_EN_US; }

/* The only locale is installed and supported; any other is neither. */
BOOL WINAPI IsValidLocale(LCID lcid, DWORD flags)
{
    (void)flags; /* LCID_INSTALLED or LCID_SUPPORTED: the same answer */
    return lcid == LOCALE_EN_US;
}

/* The installed locales as eight hexadecimal digits, to the callback
 * until it returns FALSE. */
BOOL WINAPI EnumSystemLocalesW(LOCALE_ENUMPROCW proc, DWORD flags)
{
    (void)flags;
    static const WCHAR name[] = {'0', '0', '0', '0', '0', '4', '0', '9', 0};
    if (!proc) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WCHAR copy[9];
    memcpy(copy, name, sizeof copy);
    proc(copy);
    return TRUE;
}

BOOL WINAPI EnumSystemLocalesA(LOCALE_ENUMPROCA proc, DWORD flags)
{
    (void)flags;
    if (!proc) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    char copy[] = "00000409";
    proc(copy);
    return TRUE;
}
