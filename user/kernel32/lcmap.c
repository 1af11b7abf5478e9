/*
 * LCMapString and CompareString: case mapping and Windows' linguistic
 * order. Every locale here sorts as en-US does: symbols before digits
 * before letters; letters by their base letter first (à with a, ß as
 * "ss", æ as "ae", œ as "oe"), then by diacritic, then by case (a before
 * A); a word sort (the default) ignores the hyphen and the apostrophe
 * unless everything else is equal, SORT_STRINGSORT counts them as
 * symbols. NUL characters weigh nothing. LCMAP_SORTKEY makes a key whose
 * byte order (memcmp) is CompareString's order; its bytes are not
 * Windows' own weights. Also the lstr* string calls.
 */
#include "kernel32/kernel32.h"
#include "kernel32/nlsapi.h"

#define COMPARE_FLAGS (NORM_IGNORECASE | NORM_IGNORENONSPACE | NORM_IGNORESYMBOLS | LINGUISTIC_IGNORECASE | \
                       LINGUISTIC_IGNOREDIACRITIC | SORT_STRINGSORT | NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH | \
                       NORM_LINGUISTIC_CASING)

/* One collation element. */
typedef struct WEIGHT {
    ULONG Primary;   /* 0: none at the first level (word-sort punctuation) */
    BYTE Diacritic;  /* 0: none */
    BYTE Case;       /* 0 lower or caseless, 1 upper */
    WCHAR Special;   /* the ignored punctuation, for the last level */
} WEIGHT;

/* Latin-1's letters 0xC0-0xFF: the base letter and a diacritic number;
 * '2' marks the two-letter ones (Æ, ß, æ), '*' the non-letters. */
static const char Latin1Base[] = "AAAAAA2CEEEEIIIIDNOOOOO*OUUUUYT2aaaaaa2ceeeeiiiidnooooo*ouuuuyty";
static const BYTE Latin1Diacritic[64] = {
    2, 3, 4, 5, 6, 7, 0, 8, 2, 3, 4, 6, 2, 3, 4, 6, 9, 5, 2, 3, 4, 5, 6, 0, 10, 2, 3, 4, 6, 3, 0, 0,
    2, 3, 4, 5, 6, 7, 0, 8, 2, 3, 4, 6, 2, 3, 4, 6, 9, 5, 2, 3, 4, 5, 6, 0, 10, 2, 3, 4, 6, 3, 0, 6,
};

#define GROUP_SYMBOL 0x010000u
#define GROUP_DIGIT  0x020000u
#define GROUP_LETTER 0x030000u

/* The weights of one character into out (up to two); the count. */
static int Weigh(WCHAR c, DWORD flags, WEIGHT *out)
{
    if (c == 0) {
        return 0;
    }
    WORD type = BaseCharType1(c);
    WCHAR upper = RtlUpcaseUnicodeChar(c);
    BYTE is_upper = (type & C1_UPPER) ? 1 : 0;
    BYTE ignore_case = (flags & (NORM_IGNORECASE | LINGUISTIC_IGNORECASE)) ? 1 : 0;
    BYTE ignore_diacritic = (flags & (NORM_IGNORENONSPACE | LINGUISTIC_IGNOREDIACRITIC)) ? 1 : 0;
    memset(out, 0, 2 * sizeof *out);
    if ((type & C1_ALPHA) && !(type & C1_DIGIT)) {
        WCHAR base = upper;
        BYTE diacritic = 0;
        int n = 1;
        if (c >= 0xC0 && c <= 0xFF) {
            char b = Latin1Base[c - 0xC0];
            diacritic = Latin1Diacritic[c - 0xC0];
            if (b == '2') {
                /* Æ æ → AE, ß → SS */
                base = (c == 0xDF) ? 'S' : 'A';
                out[1].Primary = GROUP_LETTER + ((c == 0xDF) ? 'S' : 'E');
                n = 2;
            } else {
                base = (WCHAR)(BYTE)b;
                base = RtlUpcaseUnicodeChar(base);
            }
        } else if (c == 0x152 || c == 0x153) {
            base = 'O'; /* Œ œ → OE */
            out[1].Primary = GROUP_LETTER + 'E';
            n = 2;
        } else if (c == 0x160 || c == 0x161 || c == 0x17D || c == 0x17E || c == 0x178) {
            base = c == 0x178 ? 'Y' : (c <= 0x161 ? 'S' : 'Z'); /* Š Ž Ÿ: the letter with a caron or dieresis */
            diacritic = c == 0x178 ? 6 : 11;
        } else if (c >= 0xFF21 && c <= 0xFF5A) {
            base = (WCHAR)(upper - 0xFF21 + 'A');
        }
        for (int i = 0; i < n; i++) {
            if (i == 0) {
                out[0].Primary = GROUP_LETTER + base;
            }
            out[i].Diacritic = ignore_diacritic ? 0 : (i == 0 ? diacritic : 0);
            out[i].Case = ignore_case ? 0 : is_upper;
        }
        return n;
    }
    if ((type & C1_DIGIT) && c >= '0' && c <= '9') {
        out[0].Primary = GROUP_DIGIT + (c - '0');
        return 1;
    }
    if (type & C1_DIGIT) {
        /* ² ³ ¹ and the other scripts' digits: their value, a diacritic
         * apart from the ASCII one. */
        ULONG value = c == 0xB9 ? 1 : c == 0xB2 ? 2 : c == 0xB3 ? 3 : (ULONG)(c & 0xF);
        out[0].Primary = GROUP_DIGIT + value;
        out[0].Diacritic = ignore_diacritic ? 0 : 12;
        return 1;
    }
    if (!(flags & SORT_STRINGSORT) && (c == '-' || c == '\'' || c == 0xAD)) {
        out[0].Special = c; /* word sort: weighed only at the end */
        return 1;
    }
    if ((flags & NORM_IGNORESYMBOLS) && (type & (C1_PUNCT | C1_SPACE | C1_CNTRL | C1_BLANK))) {
        return 0;
    }
    out[0].Primary = GROUP_SYMBOL + c;
    return 1;
}

/* The weights of a whole string, into a heap array; the count, or -1 when
 * there was no memory. */
static int WeighString(const WCHAR *s, int length, DWORD flags, WEIGHT **weights)
{
    *weights = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, (SIZE_T)(2 * length + 1) * sizeof(WEIGHT));
    if (!*weights) {
        return -1;
    }
    int n = 0;
    for (int i = 0; i < length; i++) {
        n += Weigh(s[i], flags, *weights + n);
    }
    return n;
}

/* One level compared: -1, 0, 1. */
static int CompareLevel(const WEIGHT *a, int na, const WEIGHT *b, int nb, int level)
{
    int i = 0, j = 0;
    for (;;) {
        ULONG wa = 0, wb = 0;
        while (i < na) {
            wa = level == 0 ? a[i].Primary : level == 1 ? a[i].Diacritic : level == 2 ? a[i].Case : a[i].Special;
            /* Diacritic and case count for the elements that have a
             * primary weight; the special level for those that do not. */
            if ((level == 3) == (a[i].Primary == 0)) {
                break;
            }
            i++;
        }
        while (j < nb) {
            wb = level == 0 ? b[j].Primary : level == 1 ? b[j].Diacritic : level == 2 ? b[j].Case : b[j].Special;
            if ((level == 3) == (b[j].Primary == 0)) {
                break;
            }
            j++;
        }
        if (i >= na || j >= nb) {
            return (i < na) - (j < nb);
        }
        if (wa != wb) {
            return wa < wb ? -1 : 1;
        }
        i++, j++;
    }
}

static int CheckStrings(DWORD flags, const void *s1, int n1, const void *s2, int n2)
{
    if (!s1 || !s2 || n1 < -1 || n2 < -1) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (flags & ~(DWORD)COMPARE_FLAGS) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    return 1;
}

int WINAPI CompareStringW(LCID lcid, DWORD flags, const WCHAR *s1, int n1, const WCHAR *s2, int n2)
{
    (void)lcid;
    if (!CheckStrings(flags, s1, n1, s2, n2)) {
        return 0;
    }
    n1 = n1 < 0 ? (int)wcslen(s1) : n1;
    n2 = n2 < 0 ? (int)wcslen(s2) : n2;
    WEIGHT *a, *b;
    int na = WeighString(s1, n1, flags, &a);
    int nb = WeighString(s2, n2, flags, &b);
    int result = 0;
    if (na < 0 || nb < 0) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    } else {
        int order = 0;
        for (int level = 0; level < 4 && !order; level++) {
            order = CompareLevel(a, na, b, nb, level);
        }
        result = order < 0 ? CSTR_LESS_THAN : order > 0 ? CSTR_GREATER_THAN : CSTR_EQUAL;
    }
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, a);
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, b);
    return result;
}

/* The bytes of an ANSI string (length -1: to its NUL, which is left out)
 * as UTF-16 on the heap; *wide_length its length. */
static WCHAR *Widen(const char *s, int length, int *wide_length)
{
    if (length < 0) {
        length = (int)strlen(s);
    }
    int n = length ? MultiByteToWideChar(CP_ACP, 0, s, length, NULL, 0) : 0;
    WCHAR *wide = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, (SIZE_T)(n + 1) * sizeof(WCHAR));
    if (wide) {
        if (n) {
            MultiByteToWideChar(CP_ACP, 0, s, length, wide, n);
        }
        wide[n] = 0;
    }
    *wide_length = n;
    return wide;
}

int WINAPI CompareStringA(LCID lcid, DWORD flags, const char *s1, int n1, const char *s2, int n2)
{
    if (!CheckStrings(flags, s1, n1, s2, n2)) {
        return 0;
    }
    int w1, w2;
    WCHAR *a = Widen(s1, n1, &w1);
    WCHAR *b = Widen(s2, n2, &w2);
    int result = 0;
    if (!a || !b) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    } else {
        result = CompareStringW(lcid, flags, a, w1, b, w2);
    }
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, a);
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, b);
    return result;
}

/* A weight as bytes 2-129 (never 0, the key's end, nor 1, a level's end). */
static int PutWeight(BYTE *key, int at, int capacity, ULONG weight, int bytes)
{
    for (int k = bytes - 1; k >= 0; k--) {
        if (at < capacity) {
            key[at] = (BYTE)(((weight >> (7 * k)) & 0x7F) + 2);
        }
        at++;
    }
    return at;
}

/* The sort key: the four levels, each ended by 1, the key by 0. */
static int SortKey(const WCHAR *src, int length, DWORD flags, BYTE *key, int capacity)
{
    WEIGHT *w;
    int n = WeighString(src, length, flags, &w);
    if (n < 0) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    int at = 0;
    for (int level = 0; level < 4; level++) {
        for (int i = 0; i < n; i++) {
            if (level < 3 && w[i].Primary) {
                ULONG value = level == 0 ? w[i].Primary : level == 1 ? w[i].Diacritic : w[i].Case;
                at = PutWeight(key, at, capacity, value, level == 0 ? 3 : 1);
            } else if (level == 3 && !w[i].Primary) {
                at = PutWeight(key, at, capacity, w[i].Special, 3);
            }
        }
        if (at < capacity) {
            key[at] = 1;
        }
        at++;
    }
    if (at < capacity) {
        key[at] = 0;
    }
    at++;
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, w);
    if (capacity && at > capacity) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    return at;
}

/* The flags LCMapString accepts, and their combinations. */
static BOOL CheckMapFlags(DWORD flags)
{
    DWORD map = flags & (LCMAP_LOWERCASE | LCMAP_UPPERCASE | LCMAP_SORTKEY | LCMAP_BYTEREV);
    if (!map || (flags & ~(DWORD)(COMPARE_FLAGS | LCMAP_LOWERCASE | LCMAP_UPPERCASE | LCMAP_SORTKEY |
                                   LCMAP_BYTEREV)) ||
        (map & (LCMAP_LOWERCASE | LCMAP_UPPERCASE)) == (LCMAP_LOWERCASE | LCMAP_UPPERCASE) ||
        ((map & LCMAP_SORTKEY) && (map & ~(DWORD)LCMAP_SORTKEY)) ||
        (!(map & LCMAP_SORTKEY) && (flags & COMPARE_FLAGS & ~(DWORD)NORM_IGNORESYMBOLS))) {
        SetLastError(ERROR_INVALID_FLAGS);
        return FALSE;
    }
    return TRUE;
}

/* dstlen counts WCHARs, or bytes for a sort key; 0 asks for the size. */
int WINAPI LCMapStringW(LCID lcid, DWORD flags, const WCHAR *src, int srclen, WCHAR *dst, int dstlen)
{
    (void)lcid;
    if (!src || !srclen || srclen < -1 || dstlen < 0 || (dstlen && !dst)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!CheckMapFlags(flags)) {
        return 0;
    }
    if (flags & LCMAP_SORTKEY) {
        return SortKey(src, srclen < 0 ? (int)wcslen(src) : srclen, flags, (BYTE *)dst, dstlen);
    }
    if (srclen < 0) {
        srclen = (int)wcslen(src) + 1;
    }
    int out = 0;
    for (int i = 0; i < srclen; i++) {
        WCHAR c = src[i];
        if ((flags & NORM_IGNORESYMBOLS) && (BaseCharType1(c) & (C1_PUNCT | C1_SPACE))) {
            continue;
        }
        if (flags & LCMAP_UPPERCASE) {
            c = RtlUpcaseUnicodeChar(c);
        } else if (flags & LCMAP_LOWERCASE) {
            c = RtlDowncaseUnicodeChar(c);
        }
        if (flags & LCMAP_BYTEREV) {
            c = (WCHAR)((c >> 8) | (c << 8));
        }
        if (dstlen) {
            if (out >= dstlen) {
                SetLastError(ERROR_INSUFFICIENT_BUFFER);
                return 0;
            }
            dst[out] = c;
        }
        out++;
    }
    return out;
}

int WINAPI LCMapStringA(LCID lcid, DWORD flags, const char *src, int srclen, char *dst, int dstlen)
{
    if (!src || !srclen || srclen < -1 || dstlen < 0 || (dstlen && !dst)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!CheckMapFlags(flags)) {
        return 0;
    }
    if (flags & LCMAP_BYTEREV) {
        SetLastError(ERROR_INVALID_FLAGS); /* bytes have no byte order */
        return 0;
    }
    BOOL with_nul = srclen < 0;
    int wide_length;
    WCHAR *wide = Widen(src, srclen, &wide_length);
    if (!wide) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    int result = 0;
    if (flags & LCMAP_SORTKEY) {
        result = SortKey(wide, wide_length, flags, (BYTE *)dst, dstlen);
    } else {
        int n = wide_length + (with_nul ? 1 : 0);
        int mapped = LCMapStringW(lcid, flags, wide, n, wide, n);
        if (mapped) {
            result = WideCharToMultiByte(CP_ACP, 0, wide, mapped, NULL, 0, NULL, NULL);
            if (dstlen) {
                if (result > dstlen) {
                    SetLastError(ERROR_INSUFFICIENT_BUFFER);
                    result = 0;
                } else {
                    WideCharToMultiByte(CP_ACP, 0, wide, mapped, dst, dstlen, NULL, NULL);
                }
            }
        }
    }
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, wide);
    return result;
}

/* ------------------------------------------------------------ lstr* */

/* NULL, or a string that cannot be read, is 0: Windows catches the fault
 * (Wine's kernel32 thread.c:433 reads 0xdeadbeef so). */
int WINAPI lstrlenA(const char *s)
{
    return s && !IsBadStringPtrA(s, ~(ULONG_PTR)0) ? (int)strlen(s) : 0;
}

int WINAPI lstrlenW(const WCHAR *s)
{
    return s && !IsBadStringPtrW(s, ~(ULONG_PTR)0) ? (int)wcslen(s) : 0;
}

/* lstrcpy: the destination, or NULL when either string cannot be reached
 * (Windows catches the fault). */
WCHAR *WINAPI lstrcpyW(WCHAR *dst, const WCHAR *src)
{
    if (!dst || !src || IsBadStringPtrW(src, ~(ULONG_PTR)0) ||
        IsBadWritePtr(dst, (wcslen(src) + 1) * sizeof *src)) {
        return NULL;
    }
    memcpy(dst, src, (wcslen(src) + 1) * sizeof *src);
    return dst;
}

char *WINAPI lstrcpyA(char *dst, const char *src)
{
    if (!dst || !src || IsBadStringPtrA(src, ~(ULONG_PTR)0) || IsBadWritePtr(dst, strlen(src) + 1)) {
        return NULL;
    }
    memcpy(dst, src, strlen(src) + 1);
    return dst;
}

/* lstrcmp is CompareString with the user's locale, as a C comparison
 * (-1, 0, 1); lstrcmpi ignores case. */
int WINAPI lstrcmpA(const char *a, const char *b)
{
    if (!a || !b) {
        return a ? 1 : b ? -1 : 0;
    }
    return CompareStringA(LOCALE_USER_DEFAULT, 0, a, -1, b, -1) - 2;
}

int WINAPI lstrcmpiA(const char *a, const char *b)
{
    if (!a || !b) {
        return a ? 1 : b ? -1 : 0;
    }
    return CompareStringA(LOCALE_USER_DEFAULT, NORM_IGNORECASE, a, -1, b, -1) - 2;
}

int WINAPI lstrcmpW(const WCHAR *a, const WCHAR *b)
{
    if (!a || !b) {
        return a ? 1 : b ? -1 : 0;
    }
    return CompareStringW(LOCALE_USER_DEFAULT, 0, a, -1, b, -1) - 2;
}

int WINAPI lstrcmpiW(const WCHAR *a, const WCHAR *b)
{
    if (!a || !b) {
        return a ? 1 : b ? -1 : 0;
    }
    return CompareStringW(LOCALE_USER_DEFAULT, NORM_IGNORECASE, a, -1, b, -1) - 2;
}
