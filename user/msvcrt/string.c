/* The string and memory functions. mem*, strlen, strcmp, strchr and
 * wcslen are ntdll's, re-exported by name (msvcrt.def). */
#include "msvcrt/crt.h"

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
        dst[i] = 0;
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

/* msvcrt's strcmp answers -1, 0 or 1 (its strncmp the difference of the
 * bytes: Wine's msvcrt tests string.c, test_strcmp). */
int CDECL strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++, b++;
    }
    int d = (unsigned char)*a - (unsigned char)*b;
    return (d > 0) - (d < 0);
}

int CDECL strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b || !*a) {
            return (unsigned char)*a - (unsigned char)*b;
        }
    }
    return 0;
}

static int Lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

int CDECL _strnicmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        int x = Lower((unsigned char)*a), y = Lower((unsigned char)*b);
        if (x != y || !x) {
            return x - y;
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

/* _strdup(NULL) is NULL (Wine's msvcrt tests string.c, test_strdup). */
char *CDECL _strdup(const char *s)
{
    if (!s) {
        return NULL;
    }
    size_t n = strlen(s) + 1;
    char *copy = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, n);
    if (copy) {
        memcpy(copy, s, n);
    }
    return copy;
}

