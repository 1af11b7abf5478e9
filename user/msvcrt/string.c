/* msvcrt's own string functions: strcmp (-1, 0 or 1), _strnicmp (the
 * difference) and _strdup. The memory functions, strlen, strchr and the
 * other copies and searches are ntdll's, re-exported by name
 * (msvcrt.def). */
#include "msvcrt/crt.h"

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

