/*
 * msvcrt's narrow string extras: strtok (its place kept per thread, as
 * msvcrt keeps it in the thread's data block), fill in place (_strset,
 * _strnset, _strrev), _swab, and the rotations. _strlwr, _strupr,
 * _memicmp and _memccpy are ntdll's, re-exported by name (msvcrt.def):
 * in the C locale msvcrt's case is ntdll's, ASCII letters only.
 */
#include "msvcrt/crtfill.h"

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
