/*
 * The C string and memory routines ntdll exports, as NT's does.
 *
 * The memory routines move four bytes at a time, eight a loop: under the
 * emulator every loop iteration is a translated block, and each block
 * costs a call to the instruction count (emu/codecache.c) besides its own
 * instructions, so a byte loop spent most of its time there (memcpy and
 * memmove were 3-5% of the instructions of the SQLite shell and Duktape).
 * A `rep movsd` would be no better: Unicorn runs each repetition as a block
 * of its own. x86 loads and stores need no alignment; strlen reads aligned
 * words only, which never cross into the next page.
 */
#include "inc/ntguest.h"

typedef DWORD __attribute__((may_alias, aligned(1))) UNALIGNED_DWORD;

static inline DWORD Load(const BYTE *p) { return *(const UNALIGNED_DWORD *)p; }
static inline void Store(BYTE *p, DWORD v) { *(UNALIGNED_DWORD *)p = v; }

/* Up: from the first byte on (dst below src, or apart). Eight bytes an
 * iteration: two words keep everything in the i386's few registers. */
static inline __attribute__((always_inline)) void CopyUp(BYTE *d, const BYTE *s, size_t n)
{
    for (; n >= 8; n -= 8, d += 8, s += 8) {
        DWORD a = Load(s), b = Load(s + 4);
        Store(d, a), Store(d + 4, b);
    }
    if (n >= 4) {
        Store(d, Load(s));
        d += 4, s += 4, n -= 4;
    }
    while (n--) {
        *d++ = *s++;
    }
}

/* Down: from the last byte back (dst above an overlapping src); each
 * group is loaded whole before any of it is stored. */
static inline __attribute__((always_inline)) void CopyDown(BYTE *d, const BYTE *s, size_t n)
{
    d += n, s += n;
    for (; n >= 8; n -= 8) {
        d -= 8, s -= 8;
        DWORD a = Load(s), b = Load(s + 4);
        Store(d + 4, b), Store(d, a);
    }
    if (n >= 4) {
        d -= 4, s -= 4, n -= 4;
        Store(d, Load(s));
    }
    while (n--) {
        *--d = *--s;
    }
}

void *memcpy(void *dst, const void *src, size_t n)
{
    CopyUp(dst, src, n);
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    BYTE *d = dst;
    const BYTE *s = src;
    if ((size_t)(d - s) >= n) { /* d below s (the difference wraps), or past its end */
        CopyUp(d, s, n);
    } else {
        CopyDown(d, s, n);
    }
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    BYTE *d = dst;
    DWORD v = (BYTE)c * 0x01010101u;
    for (; n >= 8; n -= 8, d += 8) {
        Store(d, v), Store(d + 4, v);
    }
    if (n >= 4) {
        Store(d, v);
        d += 4, n -= 4;
    }
    while (n--) {
        *d++ = (BYTE)c;
    }
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const BYTE *x = a, *y = b;
    for (; n >= 4 && Load(x) == Load(y); n -= 4, x += 4, y += 4) {
    }
    for (; n; n--, x++, y++) {
        if (*x != *y) {
            return *x < *y ? -1 : 1;
        }
    }
    return 0;
}

/* A word has a zero byte exactly when this is nonzero. */
static inline DWORD HasZeroByte(DWORD v)
{
    return (v - 0x01010101u) & ~v & 0x80808080u;
}

size_t strlen(const char *s)
{
    const char *p = s;
    for (; (ULONG_PTR)p & 3; p++) {
        if (!*p) {
            return (size_t)(p - s);
        }
    }
    while (!HasZeroByte(Load((const BYTE *)p))) {
        p += 4;
    }
    while (*p) {
        p++;
    }
    return (size_t)(p - s);
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++, b++;
    }
    return (BYTE)*a - (BYTE)*b;
}

static int Lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int _stricmp(const char *a, const char *b)
{
    while (*a && Lower((BYTE)*a) == Lower((BYTE)*b)) {
        a++, b++;
    }
    return Lower((BYTE)*a) - Lower((BYTE)*b);
}

char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c) {
            return (char *)s;
        }
        if (!*s) {
            return NULL;
        }
    }
}

size_t wcslen(const WCHAR *s)
{
    const WCHAR *p = s;
    while (*p) {
        p++;
    }
    return (size_t)(p - s);
}

void NTAPI RtlInitUnicodeString(UNICODE_STRING *string, const WCHAR *source)
{
    size_t n = source ? wcslen(source) * 2 : 0;
    if (n > 0xFFFC) {
        n = 0xFFFC;
    }
    string->Length = (USHORT)n;
    string->MaximumLength = source ? (USHORT)(n + 2) : 0;
    string->Buffer = (WCHAR *)source;
}

SIZE_T NTAPI RtlCompareMemory(const void *a, const void *b, SIZE_T length)
{
    const BYTE *x = a, *y = b;
    SIZE_T i = 0;
    while (i < length && x[i] == y[i]) {
        i++;
    }
    return i;
}

/* The length, in bytes, of the run of whole ULONGs equal to value at the
 * start of source: a trailing partial ULONG never counts (Wine's rtl.c
 * test_RtlCompareMemoryUlong: 7 matching bytes answer 4, 9 answer 8). */
SIZE_T NTAPI RtlCompareMemoryUlong(const void *source, SIZE_T length, ULONG value)
{
    const ULONG *p = source;
    SIZE_T i = 0;
    while (i < length / sizeof(ULONG) && p[i] == value) {
        i++;
    }
    return i * sizeof(ULONG);
}
