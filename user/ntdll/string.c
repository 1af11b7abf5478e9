/* The C string and memory routines ntdll exports, as NT's does. */
#include "inc/ntguest.h"

void *memcpy(void *dst, const void *src, size_t n)
{
    BYTE *d = dst;
    const BYTE *s = src;
    while (n--) {
        *d++ = *s++;
    }
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    BYTE *d = dst;
    const BYTE *s = src;
    if (d < s) {
        while (n--) {
            *d++ = *s++;
        }
    } else {
        while (n--) {
            d[n] = s[n];
        }
    }
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    BYTE *d = dst;
    while (n--) {
        *d++ = (BYTE)c;
    }
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const BYTE *x = a, *y = b;
    for (; n; n--, x++, y++) {
        if (*x != *y) {
            return *x < *y ? -1 : 1;
        }
    }
    return 0;
}

size_t strlen(const char *s)
{
    const char *p = s;
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
