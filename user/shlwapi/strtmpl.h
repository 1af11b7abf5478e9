/*
 * The Str* functions, one body for the A and the W form (string.c
 * includes this file twice, as path.c does pathtmpl.h). Comparisons are
 * the locale's (kernel32's CompareString, en-US, as Windows' shlwapi
 * compares); the case-blind searches compare characters through kernel32's
 * upper-case mapping.
 */

static size_t NAME(StrLen)(const TCH *s)
{
    size_t n = 0;
    while (s[n]) {
        n++;
    }
    return n;
}

static WCHAR NAME(At)(const TCH *p)
{
#if TCH_IS_WIDE
    return *p;
#else
    return ShlwapiCharOfA(p);
#endif
}

static BOOL NAME(InSet)(TCH c, const TCH *set)
{
    for (; *set; set++) {
        if (*set == c) {
            return TRUE;
        }
    }
    return FALSE;
}

TCH *WINAPI NAME(StrChr)(const TCH *s, TCHW c)
{
    if (!s) {
        return NULL;
    }
    for (; *s; s++) {
        if (*s == (TCH)c) {
            return (TCH *)s;
        }
    }
    return NULL;
}

TCH *WINAPI NAME(StrChrI)(const TCH *s, TCHW c)
{
    if (!s) {
        return NULL;
    }
    TCH wanted = (TCH)c;
    for (; *s; s++) {
        if (!ShlwapiCompareCharsI(NAME(At)(s), NAME(At)(&wanted))) {
            return (TCH *)s;
        }
    }
    return NULL;
}

/* The last c before end (NULL: the string's end). */
TCH *WINAPI NAME(StrRChr)(const TCH *s, const TCH *end, TCHW c)
{
    const TCH *found = NULL;
    if (!s) {
        return NULL;
    }
    for (; *s && (!end || s < end); s++) {
        if (*s == (TCH)c) {
            found = s;
        }
    }
    return (TCH *)found;
}

TCH *WINAPI NAME(StrRChrI)(const TCH *s, const TCH *end, TCHW c)
{
    const TCH *found = NULL;
    if (!s) {
        return NULL;
    }
    TCH wanted = (TCH)c;
    for (; *s && (!end || s < end); s++) {
        if (!ShlwapiCompareCharsI(NAME(At)(s), NAME(At)(&wanted))) {
            found = s;
        }
    }
    return (TCH *)found;
}

static BOOL NAME(StartsWith)(const TCH *s, const TCH *prefix, BOOL ignore_case)
{
    for (; *prefix; s++, prefix++) {
        if (!*s) {
            return FALSE;
        }
        if (ignore_case ? ShlwapiCompareCharsI(NAME(At)(s), NAME(At)(prefix)) != 0
                        : *s != *prefix) {
            return FALSE;
        }
    }
    return TRUE;
}

TCH *WINAPI NAME(StrStr)(const TCH *s, const TCH *search)
{
    if (!s || !search || !*search) {
        return NULL;
    }
    for (; *s; s++) {
        if (NAME(StartsWith)(s, search, FALSE)) {
            return (TCH *)s;
        }
    }
    return NULL;
}

TCH *WINAPI NAME(StrStrI)(const TCH *s, const TCH *search)
{
    if (!s || !search || !*search) {
        return NULL;
    }
    for (; *s; s++) {
        if (NAME(StartsWith)(s, search, TRUE)) {
            return (TCH *)s;
        }
    }
    return NULL;
}

/* The last case-blind match that starts before end (NULL: the end). */
TCH *WINAPI NAME(StrRStrI)(const TCH *s, const TCH *end, const TCH *search)
{
    const TCH *found = NULL;
    if (!s || !search || !*search) {
        return NULL;
    }
    if (!end) {
        end = s + NAME(StrLen)(s);
    }
    for (; *s && s < end; s++) {
        if (NAME(StartsWith)(s, search, TRUE)) {
            found = s;
        }
    }
    return (TCH *)found;
}

TCH *WINAPI NAME(StrPBrk)(const TCH *s, const TCH *set)
{
    if (!s || !set) {
        return NULL;
    }
    for (; *s; s++) {
        if (NAME(InSet)(*s, set)) {
            return (TCH *)s;
        }
    }
    return NULL;
}

int WINAPI NAME(StrSpn)(const TCH *s, const TCH *set)
{
    int n = 0;
    if (!s || !set) {
        return 0;
    }
    while (s[n] && NAME(InSet)(s[n], set)) {
        n++;
    }
    return n;
}

int WINAPI NAME(StrCSpn)(const TCH *s, const TCH *set)
{
    int n = 0;
    if (!s || !set) {
        return 0;
    }
    while (s[n] && !NAME(InSet)(s[n], set)) {
        n++;
    }
    return n;
}

/* At most n characters of s (fewer at its NUL). */
static int NAME(Bounded)(const TCH *s, int n)
{
    int k = 0;
    while (k < n && s[k]) {
        k++;
    }
    return k;
}

/* CompareString's answer less CSTR_EQUAL: <0, 0, >0. */
int WINAPI NAME(StrCmpI)(const TCH *a, const TCH *b)
{
    return NAME(CompareString)(LOCALE_USER_DEFAULT, NORM_IGNORECASE, a, -1, b, -1) - 2;
}

int WINAPI NAME(StrCmpN)(const TCH *a, const TCH *b, int n)
{
    return NAME(CompareString)(LOCALE_USER_DEFAULT, 0, a, NAME(Bounded)(a, n), b,
                               NAME(Bounded)(b, n)) - 2;
}

int WINAPI NAME(StrCmpNI)(const TCH *a, const TCH *b, int n)
{
    return NAME(CompareString)(LOCALE_USER_DEFAULT, NORM_IGNORECASE, a, NAME(Bounded)(a, n), b,
                               NAME(Bounded)(b, n)) - 2;
}

/* A copy in LocalAlloc's memory (LocalFree frees it); NULL copies "". */
TCH *WINAPI NAME(StrDup)(const TCH *s)
{
    size_t n = s ? NAME(StrLen)(s) : 0;
    TCH *copy = LocalAlloc(0 /* LMEM_FIXED */, (n + 1) * sizeof(TCH));
    if (copy) {
        if (s) {
            memcpy(copy, s, n * sizeof(TCH));
        }
        copy[n] = 0;
    }
    return copy;
}

/* Leading white space, a sign, then decimal digits, or "0x" and hex
 * digits with STIF_SUPPORT_HEX (unsigned: the sign does not apply); FALSE
 * (and 0) without a digit. */
BOOL WINAPI NAME(StrToIntEx)(const TCH *s, DWORD flags, int *value)
{
    if (!s || !value) {
        return FALSE;
    }
    *value = 0;
    while (*s == ' ' || (*s >= '\t' && *s <= '\r')) {
        s++;
    }
    BOOL negative = FALSE;
    if (*s == '-' || *s == '+') {
        negative = *s++ == '-';
    }
    unsigned result = 0;
    if ((flags & STIF_SUPPORT_HEX) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s += 2;
        int digits = 0;
        for (;; s++, digits++) {
            unsigned d;
            if (*s >= '0' && *s <= '9') {
                d = (unsigned)(*s - '0');
            } else if (*s >= 'a' && *s <= 'f') {
                d = (unsigned)(*s - 'a' + 10);
            } else if (*s >= 'A' && *s <= 'F') {
                d = (unsigned)(*s - 'A' + 10);
            } else {
                break;
            }
            result = result * 16 + d;
        }
        if (!digits) {
            return FALSE;
        }
        *value = (int)result;
        return TRUE;
    }
    if (*s < '0' || *s > '9') {
        return FALSE;
    }
    for (; *s >= '0' && *s <= '9'; s++) {
        result = result * 10 + (unsigned)(*s - '0');
    }
    *value = negative ? -(int)result : (int)result;
    return TRUE;
}

/* Decimal only, and only from a '-' or a digit at once (no white space). */
int WINAPI NAME(StrToInt)(const TCH *s)
{
    int value = 0;
    if (s && (*s == '-' || (*s >= '0' && *s <= '9'))) {
        NAME(StrToIntEx)(s, 0, &value);
    }
    return value;
}

/* Removes the characters of trim from both ends; TRUE if any went. */
BOOL WINAPI NAME(StrTrim)(TCH *s, const TCH *trim)
{
    if (!s || !trim || !*s) {
        return FALSE;
    }
    TCH *start = s;
    while (*start && NAME(InSet)(*start, trim)) {
        start++;
    }
    size_t n = NAME(StrLen)(start);
    size_t kept = n;
    while (kept && NAME(InSet)(start[kept - 1], trim)) {
        kept--;
    }
    if (start == s && kept == n) {
        return FALSE;
    }
    memmove(s, start, kept * sizeof(TCH));
    s[kept] = 0;
    return TRUE;
}

/* src after dest, all of it in max characters with the NUL. */
TCH *WINAPI NAME(StrCatBuff)(TCH *dest, const TCH *src, int max)
{
    if (!dest || !src) {
        return dest;
    }
    int n = (int)NAME(StrLen)(dest);
    TCH *end = dest + n;
    int room = max - n - 1;
    for (; room > 0 && *src; room--) {
        *end++ = *src++;
    }
    if (max - n > 0) {
        *end = 0;
    }
    return dest;
}

/* wsprintf's engine into max characters with the NUL: the characters
 * written, or -1 when the output was cut to fit. */
int WINAPI NAME(wvnsprintf)(TCH *buffer, int max, const TCH *format, va_list args)
{
    if (!buffer || max <= 0) {
        return -1;
    }
    return WformatV(TCH_IS_WIDE, buffer, (unsigned)max, format, args);
}
