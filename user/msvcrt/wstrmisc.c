/*
 * msvcrt's own wide string functions: wcstok (its place per thread, as
 * strtok's), _wcsdup, fill and reversal in place, and the C locale's
 * collation (the code-point order). The copies, searches, spans,
 * _wcsicmp/_wcsnicmp (only A-Z fold, so '_' sorts before letters, as the
 * docs of _wcsicmp explain) and _wcslwr/_wcsupr are ntdll's, re-exported
 * by name (msvcrt.def).
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

int CDECL _wcsicoll(const WCHAR *a, const WCHAR *b) { return _wcsicmp(a, b); }
int CDECL _wcsncoll(const WCHAR *a, const WCHAR *b, size_t n) { return wcsncmp(a, b, n); }
int CDECL _wcsnicoll(const WCHAR *a, const WCHAR *b, size_t n) { return _wcsnicmp(a, b, n); }

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
