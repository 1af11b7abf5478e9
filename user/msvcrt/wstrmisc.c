/*
 * msvcrt's wide string functions beyond wstring.c's: wcstok (its place
 * per thread, as strtok's), the span functions, _wcsdup, the
 * case-insensitive compares (both sides lowered by towlower, so in the C
 * locale only A-Z fold, and '_' sorts before letters, as the docs of
 * _wcsicmp explain), case and fill in place, and the C locale's collation
 * (the code-point order).
 */
#include "msvcrt/crtfill.h"

WCHAR *CDECL wcstok(WCHAR *s, const WCHAR *delimiters)
{
    CRT_THREAD_DATA *data = CrtThreadData();
    if (!s) {
        s = data->WcstokNext;
        if (!s) {
            return NULL;
        }
    }
    while (*s && wcschr(delimiters, *s)) {
        s++;
    }
    if (!*s) {
        data->WcstokNext = s;
        return NULL;
    }
    WCHAR *token = s;
    while (*s && !wcschr(delimiters, *s)) {
        s++;
    }
    if (*s) {
        *s++ = 0;
    }
    data->WcstokNext = s;
    return token;
}

size_t CDECL wcsspn(const WCHAR *s, const WCHAR *accept)
{
    size_t n = 0;
    while (s[n] && wcschr(accept, s[n])) {
        n++;
    }
    return n;
}

size_t CDECL wcscspn(const WCHAR *s, const WCHAR *reject)
{
    size_t n = 0;
    while (s[n] && !wcschr(reject, s[n])) {
        n++;
    }
    return n;
}

WCHAR *CDECL wcspbrk(const WCHAR *s, const WCHAR *accept)
{
    for (; *s; s++) {
        if (wcschr(accept, *s)) {
            return (WCHAR *)s;
        }
    }
    return NULL;
}

WCHAR *CDECL _wcsdup(const WCHAR *s)
{
    if (!s) {
        return NULL;
    }
    size_t bytes = (wcslen(s) + 1) * sizeof(WCHAR);
    WCHAR *copy = malloc(bytes);
    if (copy) {
        memcpy(copy, s, bytes);
    }
    return copy;
}

int CDECL _wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n)
{
    for (; n; n--, a++, b++) {
        int d = towlower(*a) - towlower(*b);
        if (d || !*a) {
            return d;
        }
    }
    return 0;
}

int CDECL _wcsicmp(const WCHAR *a, const WCHAR *b) { return _wcsnicmp(a, b, (size_t)-1); }
int CDECL _wcsicoll(const WCHAR *a, const WCHAR *b) { return _wcsicmp(a, b); }
int CDECL _wcsncoll(const WCHAR *a, const WCHAR *b, size_t n) { return wcsncmp(a, b, n); }
int CDECL _wcsnicoll(const WCHAR *a, const WCHAR *b, size_t n) { return _wcsnicmp(a, b, n); }

WCHAR *CDECL _wcslwr(WCHAR *s)
{
    for (WCHAR *p = s; *p; p++) {   /* written only where it changes, as _strlwr */
        WCHAR c = towlower(*p);
        if (c != *p) {
            *p = c;
        }
    }
    return s;
}

WCHAR *CDECL _wcsupr(WCHAR *s)
{
    for (WCHAR *p = s; *p; p++) {
        WCHAR c = towupper(*p);
        if (c != *p) {
            *p = c;
        }
    }
    return s;
}

WCHAR *CDECL _wcsrev(WCHAR *s)
{
    size_t n = wcslen(s);
    for (size_t i = 0; i < n / 2; i++) {
        WCHAR c = s[i];
        s[i] = s[n - 1 - i];
        s[n - 1 - i] = c;
    }
    return s;
}

WCHAR *CDECL _wcsset(WCHAR *s, WCHAR c)
{
    for (WCHAR *p = s; *p; p++) {
        *p = c;
    }
    return s;
}

WCHAR *CDECL _wcsnset(WCHAR *s, WCHAR c, size_t n)
{
    for (WCHAR *p = s; n && *p; p++, n--) {
        *p = c;
    }
    return s;
}
