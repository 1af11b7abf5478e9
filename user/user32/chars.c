/*
 * Characters: CharUpper/Lower(Buff), CharNext/Prev, IsCharAlpha and its
 * kin, A and W, on kernel32's case mapping (LCMapString) and character
 * types (GetStringType); the A forms go through the ANSI code page (1252,
 * single-byte, so CharNextA and CharPrevA step a byte). CharUpperA and
 * CharUpperW given a value below 0x10000 instead of a pointer map that one
 * character and answer it. OemToChar and CharToOem (and their Buff forms)
 * convert between the OEM code page (437) and the ANSI one (or UTF-16 for
 * the W forms); a character the other page lacks becomes '?'.
 */
#include "user32/user32.h"

#define LOCALE_USER_DEFAULT 0x0400
#define LCMAP_LOWERCASE     0x00000100
#define LCMAP_UPPERCASE     0x00000200
#define CT_CTYPE1           1
#define C1_UPPER            0x0001
#define C1_LOWER            0x0002
#define C1_DIGIT            0x0004
#define C1_ALPHA            0x0100

static DWORD MapW(WCHAR *s, DWORD length, DWORD how)
{
    WCHAR mapped[128];
    for (DWORD done = 0; done < length;) {
        int n = length - done > 128 ? 128 : (int)(length - done);
        LCMapStringW(LOCALE_USER_DEFAULT, how, s + done, n, mapped, n);
        memcpy(s + done, mapped, (size_t)n * sizeof(WCHAR));
        done += (DWORD)n;
    }
    return length;
}

static DWORD MapA(char *s, DWORD length, DWORD how)
{
    for (DWORD i = 0; i < length; i++) {
        WCHAR w;
        char back;
        BOOL lost = FALSE;
        if (MultiByteToWideChar(CP_ACP, 0, s + i, 1, &w, 1) != 1) {
            continue;
        }
        MapW(&w, 1, how);
        if (WideCharToMultiByte(CP_ACP, 0, &w, 1, &back, 1, NULL, &lost) == 1 && !lost) {
            s[i] = back;
        }
    }
    return length;
}

DWORD WINAPI CharUpperBuffW(WCHAR *s, DWORD length) { return s ? MapW(s, length, LCMAP_UPPERCASE) : 0; }
DWORD WINAPI CharLowerBuffW(WCHAR *s, DWORD length) { return s ? MapW(s, length, LCMAP_LOWERCASE) : 0; }
DWORD WINAPI CharUpperBuffA(char *s, DWORD length) { return s ? MapA(s, length, LCMAP_UPPERCASE) : 0; }
DWORD WINAPI CharLowerBuffA(char *s, DWORD length) { return s ? MapA(s, length, LCMAP_LOWERCASE) : 0; }

static WCHAR *CaseW(WCHAR *s, DWORD how)
{
    if ((ULONG_PTR)s <= 0xFFFF) {
        WCHAR c = (WCHAR)(ULONG_PTR)s;
        MapW(&c, 1, how);
        return (WCHAR *)(ULONG_PTR)c;
    }
    MapW(s, wcslen(s), how);
    return s;
}

static char *CaseA(char *s, DWORD how)
{
    if ((ULONG_PTR)s <= 0xFFFF) {
        char c = (char)(ULONG_PTR)s;
        MapA(&c, 1, how);
        return (char *)(ULONG_PTR)(BYTE)c;
    }
    MapA(s, strlen(s), how);
    return s;
}

WCHAR *WINAPI CharUpperW(WCHAR *s) { return CaseW(s, LCMAP_UPPERCASE); }
WCHAR *WINAPI CharLowerW(WCHAR *s) { return CaseW(s, LCMAP_LOWERCASE); }
char *WINAPI CharUpperA(char *s) { return CaseA(s, LCMAP_UPPERCASE); }
char *WINAPI CharLowerA(char *s) { return CaseA(s, LCMAP_LOWERCASE); }

char *WINAPI CharNextA(const char *s)
{
    return (char *)(*s ? s + 1 : s);
}

WCHAR *WINAPI CharNextW(const WCHAR *s)
{
    return (WCHAR *)(*s ? s + 1 : s);
}

char *WINAPI CharPrevA(const char *start, const char *s)
{
    return (char *)(s > start ? s - 1 : start);
}

WCHAR *WINAPI CharPrevW(const WCHAR *start, const WCHAR *s)
{
    return (WCHAR *)(s > start ? s - 1 : start);
}

static WORD TypeW(WCHAR c)
{
    WORD type = 0;
    GetStringTypeW(CT_CTYPE1, &c, 1, &type);
    return type;
}

static WORD TypeA(char c)
{
    WCHAR w;
    return MultiByteToWideChar(CP_ACP, 0, &c, 1, &w, 1) == 1 ? TypeW(w) : 0;
}

BOOL WINAPI IsCharAlphaW(WCHAR c) { return (TypeW(c) & C1_ALPHA) != 0; }
BOOL WINAPI IsCharAlphaA(char c) { return (TypeA(c) & C1_ALPHA) != 0; }
BOOL WINAPI IsCharAlphaNumericW(WCHAR c) { return (TypeW(c) & (C1_ALPHA | C1_DIGIT)) != 0; }
BOOL WINAPI IsCharAlphaNumericA(char c) { return (TypeA(c) & (C1_ALPHA | C1_DIGIT)) != 0; }
BOOL WINAPI IsCharUpperW(WCHAR c) { return (TypeW(c) & C1_UPPER) != 0; }
BOOL WINAPI IsCharUpperA(char c) { return (TypeA(c) & C1_UPPER) != 0; }
BOOL WINAPI IsCharLowerW(WCHAR c) { return (TypeW(c) & C1_LOWER) != 0; }
BOOL WINAPI IsCharLowerA(char c) { return (TypeA(c) & C1_LOWER) != 0; }

/* length bytes from one single-byte code page to the other (src and dst
 * may be the same buffer). */
static void Recode(const char *src, char *dst, DWORD length, unsigned from, unsigned to)
{
    for (DWORD i = 0; i < length; i++) {
        WCHAR w = '?';
        char c = '?';
        MultiByteToWideChar(from, 0, src + i, 1, &w, 1);
        if (WideCharToMultiByte(to, 0, &w, 1, &c, 1, NULL, NULL) != 1) {
            c = '?';
        }
        dst[i] = c;
    }
}

BOOL WINAPI OemToCharBuffA(const char *src, char *dst, DWORD length)
{
    if (!src || !dst) {
        return FALSE;
    }
    Recode(src, dst, length, CP_OEMCP, CP_ACP);
    return TRUE;
}

BOOL WINAPI CharToOemBuffA(const char *src, char *dst, DWORD length)
{
    if (!src || !dst) {
        return FALSE;
    }
    Recode(src, dst, length, CP_ACP, CP_OEMCP);
    return TRUE;
}

BOOL WINAPI OemToCharA(const char *src, char *dst)
{
    return src && dst ? OemToCharBuffA(src, dst, strlen(src) + 1) : FALSE;
}

BOOL WINAPI CharToOemA(const char *src, char *dst)
{
    return src && dst ? CharToOemBuffA(src, dst, strlen(src) + 1) : FALSE;
}

BOOL WINAPI OemToCharBuffW(const char *src, WCHAR *dst, DWORD length)
{
    if (!src || !dst) {
        return FALSE;
    }
    for (DWORD i = 0; i < length; i++) {
        if (MultiByteToWideChar(CP_OEMCP, 0, src + i, 1, dst + i, 1) != 1) {
            dst[i] = '?';
        }
    }
    return TRUE;
}

BOOL WINAPI CharToOemBuffW(const WCHAR *src, char *dst, DWORD length)
{
    if (!src || !dst) {
        return FALSE;
    }
    for (DWORD i = 0; i < length; i++) {
        if (WideCharToMultiByte(CP_OEMCP, 0, src + i, 1, dst + i, 1, NULL, NULL) != 1) {
            dst[i] = '?';
        }
    }
    return TRUE;
}

BOOL WINAPI OemToCharW(const char *src, WCHAR *dst)
{
    return src && dst ? OemToCharBuffW(src, dst, strlen(src) + 1) : FALSE;
}

BOOL WINAPI CharToOemW(const WCHAR *src, char *dst)
{
    return src && dst ? CharToOemBuffW(src, dst, wcslen(src) + 1) : FALSE;
}
