/*
 * Locales by name, as Vista named them: "en-US" for LCID 0x0409, ""
 * (LOCALE_NAME_INVARIANT) for 0x007F, NULL (LOCALE_NAME_USER_DEFAULT) and
 * "!x-sys-default-locale" for the defaults, "en" for the neutral 0x0009.
 * Every *Ex call takes a name where its older form took an LCID, turns it
 * into the LCID and makes the older call (locale.c, numfmt.c, datefmt.c,
 * lcmap.c): one installed locale, so one name.
 */
#include "kernel32/kernel32.h"
#include "kernel32/nlsapi.h"

#define LOCALE_ALLOW_NEUTRAL_NAMES 0x08000000
#define LOCALE_NAME_MAX_LENGTH     85

static const WCHAR UserDefault[] = L"en-US";

static BOOL SameName(const WCHAR *a, const WCHAR *b)
{
    return lstrcmpiW(a, b) == 0;
}

/* The LCID of a name, or 0 (no last error set). The default names are
 * the default locale's own LCID (GetUserDefaultLCID's), not 0x0400. */
static LCID NameToLcid(const WCHAR *name, DWORD flags)
{
    if (!name || SameName(name, L"!x-sys-default-locale")) {
        return LOCALE_EN_US;
    }
    if (!name[0]) {
        return LOCALE_INVARIANT;
    }
    if (SameName(name, L"en-US")) {
        return LOCALE_EN_US;
    }
    if (SameName(name, L"en")) {
        /* Since Windows 7 a neutral name gives its specific locale unless
         * the caller allows neutral ones. */
        return (flags & LOCALE_ALLOW_NEUTRAL_NAMES) ? 0x0009 : LOCALE_EN_US;
    }
    return 0;
}

LCID WINAPI LocaleNameToLCID(const WCHAR *name, DWORD flags)
{
    LCID lcid = NameToLcid(name, flags);
    if (!lcid) {
        SetLastError(ERROR_INVALID_PARAMETER);
    }
    return lcid;
}

/* A name copied out: its length with the null, 0 and
 * ERROR_INSUFFICIENT_BUFFER if it does not fit (size 0: only counted). */
static int PutName(const WCHAR *name, WCHAR *buffer, int size)
{
    int n = lstrlenW(name) + 1;
    if (!size) {
        return n;
    }
    if (!buffer || size < n) {
        SetLastError(buffer ? ERROR_INSUFFICIENT_BUFFER : ERROR_INVALID_PARAMETER);
        return 0;
    }
    memcpy(buffer, name, n * sizeof(WCHAR));
    return n;
}

int WINAPI LCIDToLocaleName(LCID lcid, WCHAR *name, int size, DWORD flags)
{
    if (size < 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    switch (lcid) {
    case LOCALE_INVARIANT:
        return PutName(L"", name, size);
    case 0x0009:
        return PutName((flags & LOCALE_ALLOW_NEUTRAL_NAMES) ? L"en" : UserDefault, name, size);
    case LOCALE_USER_DEFAULT:
    case LOCALE_SYSTEM_DEFAULT:
    case LOCALE_NEUTRAL:
    case LOCALE_EN_US:
        return PutName(UserDefault, name, size);
    default:
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
}

int WINAPI GetUserDefaultLocaleName(WCHAR *name, int size)
{
    if (size <= 0) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    return PutName(UserDefault, name, size);
}

int WINAPI GetSystemDefaultLocaleName(WCHAR *name, int size)
{
    return GetUserDefaultLocaleName(name, size);
}

BOOL WINAPI IsValidLocaleName(const WCHAR *name)
{
    return name && NameToLcid(name, LOCALE_ALLOW_NEUTRAL_NAMES) != 0;
}

/* The LCID for an *Ex call: 0 with ERROR_INVALID_PARAMETER for a name
 * that is no locale. */
static LCID ExLcid(const WCHAR *name)
{
    LCID lcid = NameToLcid(name, 0);
    if (!lcid) {
        SetLastError(ERROR_INVALID_PARAMETER);
    }
    return lcid;
}

int WINAPI GetLocaleInfoEx(const WCHAR *name, LCTYPE type, WCHAR *buffer, int size)
{
    LCID lcid = ExLcid(name);
    return lcid ? GetLocaleInfoW(lcid, type, buffer, size) : 0;
}

int WINAPI GetNumberFormatEx(const WCHAR *name, DWORD flags, const WCHAR *value,
                             const NUMBERFMTW *format, WCHAR *buffer, int size)
{
    LCID lcid = ExLcid(name);
    return lcid ? GetNumberFormatW(lcid, flags, value, format, buffer, size) : 0;
}

int WINAPI GetCurrencyFormatEx(const WCHAR *name, DWORD flags, const WCHAR *value,
                               const CURRENCYFMTW *format, WCHAR *buffer, int size)
{
    LCID lcid = ExLcid(name);
    return lcid ? GetCurrencyFormatW(lcid, flags, value, format, buffer, size) : 0;
}

int WINAPI GetDateFormatEx(const WCHAR *name, DWORD flags, const SYSTEMTIME *date,
                           const WCHAR *format, WCHAR *buffer, int size, const WCHAR *calendar)
{
    if (calendar) {
        SetLastError(ERROR_INVALID_PARAMETER); /* reserved: must be NULL */
        return 0;
    }
    LCID lcid = ExLcid(name);
    return lcid ? GetDateFormatW(lcid, flags, date, format, buffer, size) : 0;
}

int WINAPI GetTimeFormatEx(const WCHAR *name, DWORD flags, const SYSTEMTIME *time,
                           const WCHAR *format, WCHAR *buffer, int size)
{
    LCID lcid = ExLcid(name);
    return lcid ? GetTimeFormatW(lcid, flags, time, format, buffer, size) : 0;
}

int WINAPI CompareStringEx(const WCHAR *name, DWORD flags, const WCHAR *s1, int n1, const WCHAR *s2,
                           int n2, void *version, void *reserved, LPARAM param)
{
    if (reserved || param) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    (void)version; /* NLSVERSIONINFO: there is one version of the tables */
    LCID lcid = ExLcid(name);
    return lcid ? CompareStringW(lcid, flags, s1, n1, s2, n2) : 0;
}

int WINAPI LCMapStringEx(const WCHAR *name, DWORD flags, const WCHAR *src, int srclen, WCHAR *dst,
                         int dstlen, void *version, void *reserved, LPARAM handle)
{
    if (reserved || handle) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    (void)version;
    LCID lcid = ExLcid(name);
    return lcid ? LCMapStringW(lcid, flags, src, srclen, dst, dstlen) : 0;
}
