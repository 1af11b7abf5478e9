/*
 * The secure forms of the _mbs* functions, as Microsoft's pages describe
 * them: the copies and appends are strncpy_s's and strncat_s's (secure.c:
 * EINVAL for a missing buffer, ERANGE with the buffer emptied when the
 * text does not fit, _TRUNCATE for as much as fits and STRUNCATE), except
 * that on a double-byte code page a character is never split: a count
 * that would cut one stops before it, and an append overwrites a lone
 * lead byte ending the destination and drops one ending the source
 * (and then answers EILSEQ, as Wine's tests find Windows does). The in-place ones check that the string
 * ends within its buffer (EINVAL, the buffer emptied, if not).
 */
#include "msvcrt/crtfill.h"

#define STRUNCATE 80
#define TRUNCATE  ((size_t)-1)

static int Fail(int status)
{
    CrtSetErrno(status, 0);
    return status;
}

/* How many of the first `count` bytes of s (at most its length) are
 * whole characters. */
static size_t Whole(const unsigned char *s, size_t count)
{
    size_t n = 0;
    while (s[n] && n < count) {
        size_t step = _ismbblead(s[n]) && s[n + 1] ? 2 : 1;
        if (step == 1 && _ismbblead(s[n]) && CrtMbcsIsDbcs()) {
            break;   /* a lead byte before the terminator is no character */
        }
        if (n + step > count) {
            break;
        }
        n += step;
    }
    return n;
}

int CDECL _mbsnbcpy_s(unsigned char *dst, size_t size, const unsigned char *src, size_t count)
{
    if (!CrtMbcsIsDbcs() || !dst || !size || !src) {
        return strncpy_s((char *)dst, size, (const char *)src, count);
    }
    if (count == TRUNCATE && strlen((const char *)src) >= size) {
        int r = strncpy_s((char *)dst, size, (const char *)src, Whole(src, size - 1));
        return r ? r : STRUNCATE;
    }
    return strncpy_s((char *)dst, size, (const char *)src, Whole(src, count));
}

int CDECL _mbscpy_s(unsigned char *dst, size_t size, const unsigned char *src)
{
    return _mbsnbcpy_s(dst, size, src, TRUNCATE - 1);
}

int CDECL _mbsncpy_s(unsigned char *dst, size_t size, const unsigned char *src, size_t count)
{
    return _mbsnbcpy_s(dst, size, src, count == TRUNCATE || !src ? count : _mbsnbcnt(src, count));
}

int CDECL _mbsnbcat_s(unsigned char *dst, size_t size, const unsigned char *src, size_t count)
{
    if (!CrtMbcsIsDbcs() || !dst || !size || !src) {
        return strncat_s((char *)dst, size, (const char *)src, count);
    }
    size_t end = 0;
    while (end < size && dst[end]) {
        end++;
    }
    if (end == size) {
        dst[0] = 0;
        return Fail(EINVAL);
    }
    int lone = 0;   /* a lead byte alone at either end: EILSEQ once done */
    if (end && _ismbslead(dst, dst + end - 1)) {
        dst[--end] = 0;   /* overwritten */
        lone = 1;
    }
    size_t room = size - 1 - end, length = strlen((const char *)src);
    if (count == TRUNCATE && length > room) {
        int r = strncat_s((char *)dst, size, (const char *)src, Whole(src, room));
        return r ? r : STRUNCATE;
    }
    size_t whole = Whole(src, count);
    if (whole < length && whole < count && !src[whole + 1]) {
        lone = 1;         /* dropped */
    }
    int r = strncat_s((char *)dst, size, (const char *)src, whole);
    return r ? r : lone ? EILSEQ : 0;
}

int CDECL _mbscat_s(unsigned char *dst, size_t size, const unsigned char *src)
{
    return _mbsnbcat_s(dst, size, src, TRUNCATE - 1);
}

int CDECL _mbsncat_s(unsigned char *dst, size_t size, const unsigned char *src, size_t count)
{
    return _mbsnbcat_s(dst, size, src, count == TRUNCATE || !src ? count : _mbsnbcnt(src, count));
}

/* The string must end within its buffer. */
static int Bounded(unsigned char *s, size_t size)
{
    if (!s || !size) {
        return Fail(EINVAL);
    }
    for (size_t i = 0; i < size; i++) {
        if (!s[i]) {
            return 0;
        }
    }
    s[0] = 0;
    return Fail(EINVAL);
}

int CDECL _mbsupr_s(unsigned char *s, size_t size)
{
    if (!s && !size) {
        return 0;
    }
    int r = Bounded(s, size);
    if (!r) {
        _mbsupr(s);
    }
    return r;
}

int CDECL _mbslwr_s(unsigned char *s, size_t size)
{
    if (!s && !size) {
        return 0;
    }
    int r = Bounded(s, size);
    if (!r) {
        _mbslwr(s);
    }
    return r;
}

int CDECL _mbsset_s(unsigned char *s, size_t size, unsigned int c)
{
    int r = Bounded(s, size);
    if (!r) {
        _mbsset(s, c);
    }
    return r;
}

int CDECL _mbsnset_s(unsigned char *s, size_t size, unsigned int c, size_t count)
{
    int r = Bounded(s, size);
    if (!r) {
        _mbsnset(s, c, count);
    }
    return r;
}

int CDECL _mbsnbset_s(unsigned char *s, size_t size, unsigned int c, size_t count)
{
    int r = Bounded(s, size);
    if (!r) {
        _mbsnbset(s, c, count);
    }
    return r;
}

/* One character into dst (2 bytes for a double-byte one): *copied says
 * how many; a lead byte before the terminator is EILSEQ. */
int CDECL _mbccpy_s(unsigned char *dst, size_t size, int *copied, const unsigned char *src)
{
    if (copied) {
        *copied = 0;
    }
    if (!dst || !size) {
        return Fail(EINVAL);
    }
    dst[0] = 0;
    if (!src) {
        return Fail(EINVAL);
    }
    if (_ismbblead(*src)) {
        if (!src[1]) {
            if (copied) {
                *copied = 1;
            }
            return Fail(EILSEQ);
        }
        if (size < 2) {
            return Fail(ERANGE);
        }
        dst[0] = src[0];
        dst[1] = src[1];
        if (copied) {
            *copied = 2;
        }
        return 0;
    }
    dst[0] = src[0];
    if (copied) {
        *copied = 1;
    }
    return 0;
}
