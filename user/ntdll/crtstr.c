/*
 * The rest of ntdll's C string library (string.c has mem*, strlen, strcmp,
 * _stricmp, strchr, wcslen): copies, searches, spans, and the
 * case-insensitive and case-changing functions. None of them knows a
 * locale: case is A-Z against a-z only (Wine's ntdll tests string.c,
 * test_wcslwrupr and test_wcsicmp), so these are also msvcrt's answers in
 * its C locale, and msvcrt.dll re-exports them by name (msvcrt.def).
 */
#include "ntdll/ntdll.h"

static int Lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int Upper(int c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }

char *CDECL strcpy(char *dst, const char *src)
{
    char *d = dst;
    while ((*d++ = *src++)) {
    }
    return dst;
}

char *CDECL strncpy(char *dst, const char *src, size_t n)
{
    size_t i = 0;
    for (; i < n && src[i]; i++) {
        dst[i] = src[i];
    }
    for (; i < n; i++) {
        dst[i] = 0;   /* padded with nulls */
    }
    return dst;
}

char *CDECL strcat(char *dst, const char *src)
{
    strcpy(dst + strlen(dst), src);
    return dst;
}

char *CDECL strncat(char *dst, const char *src, size_t n)
{
    char *d = dst + strlen(dst);
    while (n-- && *src) {
        *d++ = *src++;
    }
    *d = 0;
    return dst;
}

/* The difference of the first bytes that differ (msvcrt's too: Wine's
 * msvcrt tests string.c, test_strcmp). */
int CDECL strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b || !*a) {
            return (unsigned char)*a - (unsigned char)*b;
        }
    }
    return 0;
}

/* ntdll's answers only the sign, -1 or 1 ("a" against "C" is -1: Wine's
 * ntdll tests string.c:1871); msvcrt's own (string.c there) the
 * difference. */
int CDECL _strnicmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        int x = Lower((unsigned char)*a), y = Lower((unsigned char)*b);
        if (x != y) {
            return x < y ? -1 : 1;
        }
        if (!x) {
            break;
        }
    }
    return 0;
}

char *CDECL strrchr(const char *s, int c)
{
    const char *last = NULL;
    for (;; s++) {
        if (*s == (char)c) {
            last = s;
        }
        if (!*s) {
            return (char *)last;
        }
    }
}

char *CDECL strstr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);
    for (; *haystack; haystack++) {
        if (strncmp(haystack, needle, n) == 0) {
            return (char *)haystack;
        }
    }
    return n ? NULL : (char *)haystack;
}

size_t CDECL strspn(const char *s, const char *accept)
{
    size_t n = 0;
    while (s[n] && strchr(accept, s[n])) {
        n++;
    }
    return n;
}

size_t CDECL strcspn(const char *s, const char *reject)
{
    size_t n = 0;
    while (s[n] && !strchr(reject, s[n])) {
        n++;
    }
    return n;
}

char *CDECL strpbrk(const char *s, const char *accept)
{
    s += strcspn(s, accept);
    return *s ? (char *)s : NULL;
}

/* Only the low byte of c counts: 0x100 + 'a' finds 'a' (string.c:2052). */
void *CDECL memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;
    for (; n; n--, p++) {
        if (*p == (unsigned char)c) {
            return (void *)p;
        }
    }
    return NULL;
}

/* Copies up to and including the first byte c; the byte after it in dst,
 * or NULL when n bytes held none. */
void *CDECL _memccpy(void *dst, const void *src, int c, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--) {
        if ((*d++ = *s++) == (unsigned char)c) {
            return d;
        }
    }
    return NULL;
}

int CDECL _memicmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++) {
        int d = Lower(*x) - Lower(*y);
        if (d) {
            return d;
        }
    }
    return 0;
}

/* Only a letter that changes is written: a string already in the case
 * asked for may be read-only (Wine's msvcrt tests string.c, test__strlwr_s
 * passes a literal). */
char *CDECL _strlwr(char *s)
{
    for (char *p = s; *p; p++) {
        char c = (char)Lower((unsigned char)*p);
        if (c != *p) {
            *p = c;
        }
    }
    return s;
}

char *CDECL _strupr(char *s)
{
    for (char *p = s; *p; p++) {
        char c = (char)Upper((unsigned char)*p);
        if (c != *p) {
            *p = c;
        }
    }
    return s;
}

/* ---------------------------------------------------------------- wide */
WCHAR *CDECL wcscpy(WCHAR *dst, const WCHAR *src)
{
    WCHAR *d = dst;
    while ((*d++ = *src++)) {
    }
    return dst;
}

WCHAR *CDECL wcsncpy(WCHAR *dst, const WCHAR *src, size_t n)
{
    size_t i = 0;
    for (; i < n && src[i]; i++) {
        dst[i] = src[i];
    }
    for (; i < n; i++) {
        dst[i] = 0;
    }
    return dst;
}

WCHAR *CDECL wcscat(WCHAR *dst, const WCHAR *src)
{
    wcscpy(dst + wcslen(dst), src);
    return dst;
}

WCHAR *CDECL wcsncat(WCHAR *dst, const WCHAR *src, size_t n)
{
    WCHAR *d = dst + wcslen(dst);
    while (n-- && *src) {
        *d++ = *src++;
    }
    *d = 0;
    return dst;
}

int CDECL wcsncmp(const WCHAR *a, const WCHAR *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b || !*a) {
            return *a < *b ? -1 : *a > *b;
        }
    }
    return 0;
}

WCHAR *CDECL wcschr(const WCHAR *s, WCHAR c)
{
    for (;; s++) {
        if (*s == c) {
            return (WCHAR *)s;
        }
        if (!*s) {
            return NULL;
        }
    }
}

WCHAR *CDECL wcsrchr(const WCHAR *s, WCHAR c)
{
    const WCHAR *last = NULL;
    for (;; s++) {
        if (*s == c) {
            last = s;
        }
        if (!*s) {
            return (WCHAR *)last;
        }
    }
}

WCHAR *CDECL wcsstr(const WCHAR *haystack, const WCHAR *needle)
{
    size_t n = wcslen(needle);
    for (; *haystack; haystack++) {
        if (wcsncmp(haystack, needle, n) == 0) {
            return (WCHAR *)haystack;
        }
    }
    return n ? NULL : (WCHAR *)haystack;
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

/* The difference of the first characters that differ once A-Z are
 * lowered: '_' (0x5F) sorts before letters, and no other letter folds
 * (string.c:1324-1343 try every pair below U+0300). */
int CDECL _wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n)
{
    for (; n; n--, a++, b++) {
        int d = Lower(*a) - Lower(*b);
        if (d || !*a) {
            return d;
        }
    }
    return 0;
}

int CDECL _wcsicmp(const WCHAR *a, const WCHAR *b) { return _wcsnicmp(a, b, (size_t)-1); }

/* A-Z and a-z only, written only where a character changes (a constant
 * empty string is returned untouched: string.c:1296-1321). */
WCHAR *CDECL _wcslwr(WCHAR *s)
{
    for (WCHAR *p = s; *p; p++) {
        if (*p >= 'A' && *p <= 'Z') {
            *p = (WCHAR)(*p + 32);
        }
    }
    return s;
}

WCHAR *CDECL _wcsupr(WCHAR *s)
{
    for (WCHAR *p = s; *p; p++) {
        if (*p >= 'a' && *p <= 'z') {
            *p = (WCHAR)(*p - 32);
        }
    }
    return s;
}
