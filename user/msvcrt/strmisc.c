/*
 * msvcrt's narrow string extras: strtok (its place kept per thread, as
 * msvcrt keeps it in the thread's data block), case and fill in place
 * (_strlwr, _strupr, _strset, _strnset, _strrev), _memicmp, _memccpy,
 * _swab, and the rotations. Case follows the C locale, ASCII letters
 * only, as msvcrt does until setlocale picks another.
 */
#include "msvcrt/crtfill.h"

static int Lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int Upper(int c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }

/*
 * strtok: with a string, starts there; with NULL, goes on where this
 * thread's last call stopped (NULL if it never started one). Leading
 * delimiters are skipped, the token ends at the next delimiter, which is
 * overwritten by the terminator; at the end the place stays at the end.
 */
char *CDECL strtok(char *s, const char *delimiters)
{
    CRT_THREAD_DATA *data = CrtThreadData();
    if (!s) {
        s = data->StrtokNext;
        if (!s) {
            return NULL;
        }
    }
    while (*s && strchr(delimiters, *s)) {
        s++;
    }
    if (!*s) {
        data->StrtokNext = s;
        return NULL;
    }
    char *token = s;
    while (*s && !strchr(delimiters, *s)) {
        s++;
    }
    if (*s) {
        *s++ = 0;
    }
    data->StrtokNext = s;
    return token;
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

char *CDECL _strrev(char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n / 2; i++) {
        char c = s[i];
        s[i] = s[n - 1 - i];
        s[n - 1 - i] = c;
    }
    return s;
}

char *CDECL _strset(char *s, int c)
{
    for (char *p = s; *p; p++) {
        *p = (char)c;
    }
    return s;
}

/* At most n characters, stopping at the terminator. */
char *CDECL _strnset(char *s, int c, size_t n)
{
    for (char *p = s; n && *p; p++, n--) {
        *p = (char)c;
    }
    return s;
}

/* The difference of the first pair that differs once both are lowered. */
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

/* Copies up to and including the first c: the byte after it in dst, or
 * NULL if c was not among the n bytes (all n copied). */
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

/* Swaps each pair of bytes; an odd last byte is not copied. */
void CDECL _swab(char *src, char *dst, int n)
{
    for (int i = 0; i + 1 < n; i += 2) {
        char a = src[i], b = src[i + 1];
        dst[i] = b;
        dst[i + 1] = a;
    }
}

/* The rotations: the count is taken modulo 32 (long is 32 bits). */
unsigned int CDECL _rotl(unsigned int value, int shift)
{
    shift &= 31;
    return shift ? value << shift | value >> (32 - shift) : value;
}

unsigned int CDECL _rotr(unsigned int value, int shift)
{
    shift &= 31;
    return shift ? value >> shift | value << (32 - shift) : value;
}

unsigned long CDECL _lrotl(unsigned long value, int shift) { return _rotl(value, shift); }
unsigned long CDECL _lrotr(unsigned long value, int shift) { return _rotr(value, shift); }
