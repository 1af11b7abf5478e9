/*
 * The rest of shlwapi's strings: the W-only StrCpyW, StrCpyNW, StrCatW and
 * StrCmpW, ChrCmpI, wnsprintf's variadic forms, StrFormatByteSize, and the
 * case-blind character comparison the Str*I searches share.
 */
#include "shlwapi/shlwapi.h"

static WCHAR Upper(WCHAR c)
{
    WCHAR u = c;
    LCMapStringW(LOCALE_USER_DEFAULT, LCMAP_UPPERCASE, &c, 1, &u, 1);
    return u;
}

int ShlwapiCompareCharsI(WCHAR a, WCHAR b)
{
    return a == b ? 0 : (int)Upper(a) - (int)Upper(b);
}

WCHAR ShlwapiCharOfA(const char *p)
{
    WCHAR w = (BYTE)*p;
    MultiByteToWideChar(CP_ACP, 0, p, 1, &w, 1);
    return w;
}

/* FALSE when the two are the same letter whatever their case. */
BOOL WINAPI ChrCmpIW(WCHAR a, WCHAR b)
{
    return ShlwapiCompareCharsI(a, b) != 0;
}

BOOL WINAPI ChrCmpIA(WORD a, WORD b)
{
    char ca = (char)a, cb = (char)b;
    return ShlwapiCompareCharsI(ShlwapiCharOfA(&ca), ShlwapiCharOfA(&cb)) != 0;
}

WCHAR *WINAPI StrCpyW(WCHAR *dest, const WCHAR *src)
{
    if (dest && src) {
        memcpy(dest, src, (wcslen(src) + 1) * sizeof(WCHAR));
    }
    return dest;
}

/* At most max - 1 characters and a NUL (nothing when max is 0). */
WCHAR *WINAPI StrCpyNW(WCHAR *dest, const WCHAR *src, int max)
{
    if (!dest || max <= 0) {
        return dest;
    }
    int i = 0;
    for (; src && i < max - 1 && src[i]; i++) {
        dest[i] = src[i];
    }
    dest[i] = 0;
    return dest;
}

WCHAR *WINAPI StrCatW(WCHAR *dest, const WCHAR *src)
{
    if (dest && src) {
        StrCpyW(dest + wcslen(dest), src);
    }
    return dest;
}

int WINAPI StrCmpW(const WCHAR *a, const WCHAR *b)
{
    return CompareStringW(LOCALE_USER_DEFAULT, 0, a, -1, b, -1) - 2;
}

int __cdecl wnsprintfA(char *buffer, int max, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = wvnsprintfA(buffer, max, format, args);
    va_end(args);
    return n;
}

int __cdecl wnsprintfW(WCHAR *buffer, int max, const WCHAR *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = wvnsprintfW(buffer, max, format, args);
    va_end(args);
    return n;
}

/*
 * StrFormatByteSize: under 1024, "N bytes"; else the size in the first of
 * KB, MB, GB, TB, PB, EB (powers of 1024) where it is under 1000, to three
 * significant figures, cut rather than rounded ("0.99 MB" for 1022.3 KB,
 * "9.95 KB" for 10191 bytes: Wine's shlwapi string tests, as Windows
 * answers). The text is cut to max characters with the NUL.
 */
static void FormatByteSize(LONGLONG size, WCHAR *out, size_t room)
{
    static const char units[6][3] = {"KB", "MB", "GB", "TB", "PB", "EB"};
    char text[40];
    int n = 0;
    if (size < 1024) {
        /* Also a negative size: Windows prints it in bytes. */
        ULONGLONG magnitude = size < 0 ? (ULONGLONG)-size : (ULONGLONG)size;
        char digits[24];
        int k = 0;
        do {
            digits[k++] = (char)('0' + magnitude % 10);
            magnitude /= 10;
        } while (magnitude);
        if (size < 0) {
            text[n++] = '-';
        }
        while (k) {
            text[n++] = digits[--k];
        }
        memcpy(text + n, " bytes", 7);
        n += 6;
    } else {
        ULONGLONG bytes = (ULONGLONG)size;
        int unit = 0;
        while (unit < 5 && (bytes >> (10 * (unit + 1))) >= 1000) {
            unit++;
        }
        int shift = 10 * (unit + 1);
        /* The size in hundredths of the unit, cut: the fraction's top 20
         * bits are enough for two decimals. */
        ULONGLONG whole = bytes >> shift, fraction = bytes & ((1ull << shift) - 1);
        ULONGLONG part = shift <= 20 ? (fraction * 100) >> shift
                                     : ((fraction >> (shift - 20)) * 100) >> 20;
        ULONGLONG hundredths = whole * 100 + part;
        int decimals = whole < 10 ? 2 : whole < 100 ? 1 : 0;
        ULONGLONG shown = hundredths / (decimals == 2 ? 1 : decimals == 1 ? 10 : 100);
        char digits[24];
        int k = 0;
        do {
            digits[k++] = (char)('0' + shown % 10);
            shown /= 10;
        } while (shown || k <= decimals);
        while (k) {
            if (k == decimals) {
                text[n++] = '.';
            }
            text[n++] = digits[--k];
        }
        text[n++] = ' ';
        text[n++] = units[unit][0];
        text[n++] = units[unit][1];
        text[n] = 0;
    }
    size_t i = 0;
    for (; room && i < room - 1 && text[i]; i++) {
        out[i] = (BYTE)text[i];
    }
    if (room) {
        out[i] = 0;
    }
}

WCHAR *WINAPI StrFormatByteSizeW(LONGLONG size, WCHAR *buffer, UINT max)
{
    if (buffer) {
        FormatByteSize(size, buffer, max);
    }
    return buffer;
}

char *WINAPI StrFormatByteSize64A(LONGLONG size, char *buffer, UINT max)
{
    WCHAR wide[40];
    if (!buffer) {
        return NULL;
    }
    FormatByteSize(size, wide, max < 40 ? max : 40);
    size_t i = 0;
    for (; max && wide[i]; i++) {
        buffer[i] = (char)wide[i];
    }
    if (max) {
        buffer[i] = 0;
    }
    return buffer;
}

char *WINAPI StrFormatByteSizeA(DWORD size, char *buffer, UINT max)
{
    return StrFormatByteSize64A(size, buffer, max);
}
