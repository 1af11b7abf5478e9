/*
 * msvcrt's _mbs* string functions, on the multibyte code page _setmbcp
 * chose (mbctype.c). On a single-byte page each is its str* twin (case
 * by the C locale, as msvcrt's are); on a double-byte page a lead byte
 * and the byte after it are one character: counts are in characters
 * (the _mbsn* functions) or bytes (_mbsnb*), a lead byte with a
 * terminator after it is no character, and a character is never split.
 * Case changes a single-byte letter only (mbctype.c: a double-byte
 * character has no case here).
 */
#include "msvcrt/crtfill.h"

#define DBCS() CrtMbcsIsDbcs()
#define LEAD(c) _ismbblead(c)

/* The character at s and its length (0 at the terminator). */
static unsigned Next(const unsigned char *s, size_t *length)
{
    if (LEAD(*s) && s[1]) {
        *length = 2;
        return (unsigned)(s[0] << 8 | s[1]);
    }
    *length = *s ? 1 : 0;
    return *s;
}

/* ------------------------------------------------------------ lengths and steps */
/* Characters before the terminator, at most `limit` bytes read; a lead
 * byte followed by the terminator is not counted. */
size_t CDECL _mbsnlen(const unsigned char *s, size_t limit)
{
    if (!DBCS()) {
        return _mbstrnlen((const char *)s, limit);
    }
    size_t i = 0, n = 0;
    while (i < limit && s[i]) {
        if (LEAD(s[i]) && !s[++i]) {
            break;
        }
        i++;
        n++;
    }
    return i < limit ? n : limit;
}

size_t CDECL _mbslen(const unsigned char *s) { return _mbsnlen(s, (size_t)-1); }
/* In the C locale every byte is a character (setlocale's code page, not
 * _setmbcp's, governs these two). */
size_t CDECL _mbstrlen(const char *s) { return strlen(s); }
size_t CDECL _mbstrnlen(const char *s, size_t limit)
{
    size_t n = 0;
    while (n < limit && s[n]) {
        n++;
    }
    return n;
}

unsigned char *CDECL _mbsinc(const unsigned char *s) { return (unsigned char *)s + _mbclen(s); }

unsigned char *CDECL _mbsninc(const unsigned char *s, size_t count)
{
    if (!s) {
        return NULL;
    }
    for (; count && *s; count--) {
        if (LEAD(*s)) {
            if (!s[1]) {
                break;
            }
            s++;
        }
        s++;
    }
    return (unsigned char *)s;
}

/* The character before cur (NULL at start): a trail byte belongs to the
 * lead byte before it. */
unsigned char *CDECL _mbsdec(const unsigned char *start, const unsigned char *cur)
{
    if (start >= cur) {
        return NULL;
    }
    return (unsigned char *)cur - (DBCS() && _ismbstrail(start, cur - 1) ? 2 : 1);
}

/* Bytes in the first `count` characters; characters in the first `count` bytes. */
size_t CDECL _mbsnbcnt(const unsigned char *s, size_t count)
{
    if (!DBCS()) {
        size_t n = strlen((const char *)s);
        return n < count ? n : count;
    }
    const unsigned char *p = s;
    for (; count && *p; count--) {
        if (LEAD(*p++) && *p) {
            p++;
        }
    }
    return (size_t)(p - s);
}

size_t CDECL _mbsnccnt(const unsigned char *s, size_t count)
{
    if (!DBCS()) {
        size_t n = strlen((const char *)s);
        return n < count ? n : count;
    }
    size_t n = 0;
    while (count && *s) {
        count--;
        if (LEAD(*s)) {
            if (!count) {
                break;
            }
            count--;
            s++;
        }
        s++;
        n++;
    }
    return n;
}

/* ------------------------------------------------------------ copies */
unsigned char *CDECL _mbscpy(unsigned char *dst, const unsigned char *src) { return (unsigned char *)strcpy((char *)dst, (const char *)src); }
unsigned char *CDECL _mbscat(unsigned char *dst, const unsigned char *src) { return (unsigned char *)strcat((char *)dst, (const char *)src); }
unsigned char *CDECL _mbsdup(const unsigned char *s) { return (unsigned char *)_strdup((const char *)s); }

/* At most `count` characters, the rest of `count` filled with
 * terminators (as strncpy; a lead byte before the terminator ends the
 * copy with two). */
unsigned char *CDECL _mbsncpy(unsigned char *dst, const unsigned char *src, size_t count)
{
    unsigned char *out = dst;
    if (!DBCS()) {
        return (unsigned char *)strncpy((char *)dst, (const char *)src, count);
    }
    for (; count && *src; count--) {
        if (LEAD(*src)) {
            if (!src[1]) {
                *out++ = 0;
                *out++ = 0;
                count--;
                break;
            }
            *out++ = *src++;
        }
        *out++ = *src++;
    }
    while (count--) {
        *out++ = 0;
    }
    return dst;
}

/* At most `count` bytes, padded as strncpy; a lead byte that would be
 * cut from its trail byte becomes a terminator. */
unsigned char *CDECL _mbsnbcpy(unsigned char *dst, const unsigned char *src, size_t count)
{
    if (!DBCS()) {
        return (unsigned char *)strncpy((char *)dst, (const char *)src, count);
    }
    unsigned char *out = dst;
    int lead = 0;
    for (; count && *src; count--) {
        lead = !lead && LEAD(*src);
        *out++ = *src++;
    }
    if (lead) {
        out[-1] = 0;
    }
    while (count--) {
        *out++ = 0;
    }
    return dst;
}

/* The end of dst for appending: a lead byte with nothing after it is
 * overwritten. */
static unsigned char *AppendPoint(unsigned char *dst)
{
    while (*dst) {
        if (LEAD(*dst++)) {
            if (!*dst) {
                return dst - 1;
            }
            dst++;
        }
    }
    return dst;
}

unsigned char *CDECL _mbsncat(unsigned char *dst, const unsigned char *src, size_t count)
{
    if (!DBCS()) {
        return (unsigned char *)strncat((char *)dst, (const char *)src, count);
    }
    unsigned char *out = AppendPoint(dst);
    for (; count && *src; count--) {
        if (LEAD(*src)) {
            if (!src[1]) {
                break;
            }
            *out++ = *src++;
        }
        *out++ = *src++;
    }
    *out = 0;
    return dst;
}

unsigned char *CDECL _mbsnbcat(unsigned char *dst, const unsigned char *src, size_t count)
{
    if (!DBCS()) {
        return (unsigned char *)strncat((char *)dst, (const char *)src, count);
    }
    unsigned char *out = AppendPoint(dst);
    int lead = 0;
    for (; count && *src; count--) {
        lead = !lead && LEAD(*src);
        *out++ = *src++;
    }
    if (lead) {
        out--;
    }
    *out = 0;
    return dst;
}

/* ------------------------------------------------------------ comparisons */
/* Character by character, double-byte values compared whole; `count`
 * characters at most (by_bytes: `count` bytes, a double-byte character
 * cut by the count compared as 0). */
static int Compare(const unsigned char *a, const unsigned char *b, size_t count, int by_bytes, int fold)
{
    while (count) {
        if (!*a || !*b) {
            return *a ? 1 : *b ? -1 : 0;
        }
        size_t la, lb;
        unsigned ca = Next(a, &la), cb = Next(b, &lb);
        if (by_bytes && count < 2) {
            ca = la == 2 ? 0 : ca;
            cb = lb == 2 ? 0 : cb;
        }
        if (fold) {
            ca = _mbctolower(ca);
            cb = _mbctolower(cb);
        }
        if (ca != cb) {
            return ca < cb ? -1 : 1;
        }
        a += la;
        b += la;
        count = by_bytes ? (count > la ? count - la : 0) : count - 1;
    }
    return 0;
}

int CDECL _mbscmp(const unsigned char *a, const unsigned char *b)
{
    if (!a || !b) {
        return 0x7FFFFFFF;   /* INT_MAX: msvcrt's answer to a NULL string */
    }
    return DBCS() ? Compare(a, b, (size_t)-1, 0, 0) : strcmp((const char *)a, (const char *)b);
}

int CDECL _mbsicmp(const unsigned char *a, const unsigned char *b)
{
    return DBCS() ? Compare(a, b, (size_t)-1, 0, 1) : _stricmp((const char *)a, (const char *)b);
}

int CDECL _mbsncmp(const unsigned char *a, const unsigned char *b, size_t n)
{
    return DBCS() ? Compare(a, b, n, 0, 0) : strncmp((const char *)a, (const char *)b, n);
}

int CDECL _mbsnicmp(const unsigned char *a, const unsigned char *b, size_t n)
{
    return DBCS() ? Compare(a, b, n, 0, 1) : _strnicmp((const char *)a, (const char *)b, n);
}

int CDECL _mbsnbcmp(const unsigned char *a, const unsigned char *b, size_t n)
{
    return DBCS() ? Compare(a, b, n, 1, 0) : strncmp((const char *)a, (const char *)b, n);
}

int CDECL _mbsnbicmp(const unsigned char *a, const unsigned char *b, size_t n)
{
    return DBCS() ? Compare(a, b, n, 1, 1) : _strnicmp((const char *)a, (const char *)b, n);
}

/* Collation in the C locale is comparison. */
int CDECL _mbscoll(const unsigned char *a, const unsigned char *b) { return _mbscmp(a, b); }
int CDECL _mbsicoll(const unsigned char *a, const unsigned char *b) { return _mbsicmp(a, b); }
int CDECL _mbsncoll(const unsigned char *a, const unsigned char *b, size_t n) { return _mbsncmp(a, b, n); }
int CDECL _mbsnicoll(const unsigned char *a, const unsigned char *b, size_t n) { return _mbsnicmp(a, b, n); }
int CDECL _mbsnbcoll(const unsigned char *a, const unsigned char *b, size_t n) { return _mbsnbcmp(a, b, n); }
int CDECL _mbsnbicoll(const unsigned char *a, const unsigned char *b, size_t n) { return _mbsnbicmp(a, b, n); }

/* ------------------------------------------------------------ searches */
unsigned char *CDECL _mbschr(const unsigned char *s, unsigned int c)
{
    if (!DBCS()) {
        return (unsigned char *)strchr((const char *)s, (int)c);
    }
    for (;;) {
        size_t length;
        unsigned here = Next(s, &length);
        if (here == c) {
            return (unsigned char *)s;
        }
        if (!here) {
            return NULL;
        }
        s += length;
    }
}

unsigned char *CDECL _mbsrchr(const unsigned char *s, unsigned int c)
{
    if (!DBCS()) {
        return (unsigned char *)strrchr((const char *)s, (int)c);
    }
    const unsigned char *found = NULL;
    for (;;) {
        size_t length;
        unsigned here = Next(s, &length);
        if (here == c) {
            found = s;
        }
        if (!here) {
            return (unsigned char *)found;
        }
        s += length;
    }
}

/* A byte match that starts on a character boundary of the haystack. */
unsigned char *CDECL _mbsstr(const unsigned char *haystack, const unsigned char *needle)
{
    if (!DBCS()) {
        return (unsigned char *)strstr((const char *)haystack, (const char *)needle);
    }
    size_t n = strlen((const char *)needle);
    for (const unsigned char *p = haystack; *p; p += _mbclen(p)) {
        if (!strncmp((const char *)p, (const char *)needle, n)) {
            return (unsigned char *)p;
        }
        if (LEAD(*p) && !p[1]) {
            break;
        }
    }
    return n ? NULL : (unsigned char *)haystack;
}

/* Whether the character at p (length bytes) is one of set's. */
static int InSet(const unsigned char *p, size_t length, const unsigned char *set)
{
    while (*set) {
        if (LEAD(*set)) {
            if (!set[1]) {
                return 0;
            }
            if (length == 2 && p[0] == set[0] && p[1] == set[1]) {
                return 1;
            }
            set += 2;
        } else {
            if (length == 1 && *p == *set) {
                return 1;
            }
            set++;
        }
    }
    return 0;
}

size_t CDECL _mbsspn(const unsigned char *s, const unsigned char *set)
{
    const unsigned char *p = s;
    size_t length;
    while (Next(p, &length) && InSet(p, length, set)) {
        p += length;
    }
    return (size_t)(p - s);
}

size_t CDECL _mbscspn(const unsigned char *s, const unsigned char *set)
{
    const unsigned char *p = s;
    size_t length;
    while (Next(p, &length) && !InSet(p, length, set)) {
        p += length;
    }
    return (size_t)(p - s);
}

unsigned char *CDECL _mbspbrk(const unsigned char *s, const unsigned char *set)
{
    s += _mbscspn(s, set);
    return *s ? (unsigned char *)s : NULL;
}

unsigned char *CDECL _mbsspnp(const unsigned char *s, const unsigned char *set)
{
    s += _mbsspn(s, set);
    return *s ? (unsigned char *)s : NULL;
}

/* strtok by characters from s (or from *next when s is NULL; NULL if
 * there is no place to go on from); *next is where the next call goes on. */
static unsigned char *Token(unsigned char *s, const unsigned char *delimiters, unsigned char **next)
{
    if (!s) {
        s = *next;
        if (!s) {
            return NULL;
        }
    }
    size_t length;
    while (Next(s, &length) && InSet(s, length, delimiters)) {
        s += length;
    }
    if (!*s) {
        *next = s;
        return NULL;
    }
    unsigned char *token = s;
    while (Next(s, &length) && !InSet(s, length, delimiters)) {
        s += length;
    }
    if (*s) {
        for (size_t i = 0; i < length; i++) {
            *s++ = 0;
        }
    }
    *next = s;
    return token;
}

/* Its place kept per thread, as strtok's. */
unsigned char *CDECL _mbstok(unsigned char *s, const unsigned char *delimiters)
{
    return Token(s, delimiters, &CrtThreadData()->MbstokNext);
}

/* The caller keeps the place; a NULL delimiter set or context, or no
 * string and no place, is EINVAL. */
unsigned char *CDECL _mbstok_s(unsigned char *s, const unsigned char *delimiters, unsigned char **context)
{
    if (!delimiters || !context || (!s && !*context)) {
        errno = EINVAL;
        return NULL;
    }
    return Token(s, delimiters, context);
}

/* ------------------------------------------------------------ in place */
/* Each character through `map`; a double-byte character is kept whole. */
static unsigned char *MapCase(unsigned char *s, unsigned (*map)(unsigned))
{
    if (!s) {
        return NULL;
    }
    for (unsigned char *p = s; *p;) {
        size_t length;
        unsigned c = Next(p, &length);
        if (length == 1) {
            *p = (unsigned char)map(c);
        }
        p += length;
    }
    return s;
}

static unsigned CLower(unsigned c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static unsigned CUpper(unsigned c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
unsigned char *CDECL _mbslwr(unsigned char *s) { return MapCase(s, CLower); }
unsigned char *CDECL _mbsupr(unsigned char *s) { return MapCase(s, CUpper); }

/* Characters in reverse order, each kept whole. */
unsigned char *CDECL _mbsrev(unsigned char *s)
{
    if (!DBCS()) {
        return (unsigned char *)_strrev((char *)s);
    }
    /* Reverse the bytes, then put each reversed pair back in order. */
    unsigned char *end = s;
    while (*end) {
        if (LEAD(*end) && end[1]) {
            unsigned char t = end[0];
            end[0] = end[1];
            end[1] = t;
            end += 2;
        } else {
            end++;
        }
    }
    _strrev((char *)s);
    return s;
}

/* Every character of s set to c (a double-byte c fills pairs; an odd
 * byte left over becomes a terminator). */
static unsigned char *Fill(unsigned char *s, unsigned c, size_t count, int by_bytes)
{
    if (!DBCS() || c < 256) {
        unsigned char *p = s;
        for (; count && *p; count--) {
            *p++ = (unsigned char)c;
        }
        return s;
    }
    unsigned char *p = s;
    while (count && p[0] && p[1] && (!by_bytes || count > 1)) {
        *p++ = (unsigned char)(c >> 8);
        *p++ = (unsigned char)c;
        count -= by_bytes ? 2 : 1;
    }
    if (count && *p) {
        *p = by_bytes ? ' ' : 0;   /* _mbsnbset pads a half character with a blank */
    }
    return s;
}

unsigned char *CDECL _mbsset(unsigned char *s, unsigned int c) { return Fill(s, c, (size_t)-1, 0); }
unsigned char *CDECL _mbsnset(unsigned char *s, unsigned int c, size_t n) { return Fill(s, c, n, 0); }
unsigned char *CDECL _mbsnbset(unsigned char *s, unsigned int c, size_t n) { return Fill(s, c, n, 1); }
