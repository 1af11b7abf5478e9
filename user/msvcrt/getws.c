/*
 * _getws: gets for wide characters. Characters are read from stdin
 * (fgetwc: in text mode a byte is the character of that value) up to the
 * end of the line, which is not stored; at the end of the input with
 * nothing read, or on an error, the answer is NULL.
 */
#include "msvcrt/crtfill.h"

#define WEOF_ 0xFFFFu

WCHAR *CDECL _getws(WCHAR *buffer)
{
    if (!buffer) {
        errno = EINVAL;
        return NULL;
    }
    _lock_file(crt_stdin);
    WCHAR *out = buffer;
    wint_t c = fgetwc(crt_stdin);
    if (c == WEOF_) {
        _unlock_file(crt_stdin);
        return NULL;
    }
    for (; c != WEOF_ && c != L'\n'; c = fgetwc(crt_stdin)) {
        *out++ = c;
    }
    *out = 0;
    int failed = crt_stdin->_flag & _IOERR;
    _unlock_file(crt_stdin);
    return failed ? NULL : buffer;
}
