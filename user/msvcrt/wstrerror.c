/*
 * The wide error messages: _wcserror(number) is strerror's text widened,
 * __wcserror(prefix) is _strerror's ("prefix: message\n", or "message\n"
 * for no prefix or an empty one) for errno. Both answer in one buffer of
 * the calling thread's, as msvcrt's share its per-thread wide buffer.
 */
#include "msvcrt/crtfill.h"

static WCHAR *Widen(const char *text)
{
    WCHAR *out = CrtThreadData()->WcserrorText;
    const size_t size = sizeof CrtThreadData()->WcserrorText / sizeof(WCHAR);
    size_t i = 0;
    for (; text[i] && i + 1 < size; i++) {
        out[i] = (unsigned char)text[i];
    }
    out[i] = 0;
    return out;
}

WCHAR *CDECL _wcserror(int number) { return Widen(strerror(number)); }

WCHAR *CDECL __wcserror(const WCHAR *prefix)
{
    char narrow[100];
    size_t n = 0;
    for (; prefix && prefix[n] && n + 1 < sizeof narrow; n++) {
        narrow[n] = prefix[n] < 0x100 ? (char)prefix[n] : '?';
    }
    narrow[n] = 0;
    return Widen(_strerror(narrow));
}
