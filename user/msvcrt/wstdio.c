/*
 * Wide characters on byte streams, as msvcrt.dll does them: on a text-mode
 * stream a wide character is its multibyte form in the current locale (in
 * the C locale one byte, and a character above 0xFF cannot be written:
 * EILSEQ); on a binary stream it is its two bytes, little-endian.
 * libstdc++'s wide standard streams (std::wcout, std::wcin) use these.
 */
#include "msvcrt/crt.h"

#define WEOF ((wint_t)0xFFFF)

static int Text(FILE *f)
{
    return (f->_flag & _IOSTRG) == 0 && (CrtFdFlags(f->_file) & FTEXT);
}

wint_t CDECL fgetwc(FILE *f)
{
    if (!f) {
        CrtSetErrno(EINVAL, 0);
        return WEOF;
    }
    if (Text(f)) {
        int c = fgetc(f);
        if (c == EOF) {
            return WEOF;
        }
        char byte = (char)c;
        WCHAR w;
        if (mbtowc(&w, &byte, 1) < 0) {
            CrtSetErrno(EILSEQ, 0);
            return WEOF;
        }
        return byte ? w : 0;
    }
    int lo = fgetc(f);
    if (lo == EOF) {
        return WEOF;
    }
    int hi = fgetc(f);
    if (hi == EOF) {
        return WEOF;
    }
    return (wint_t)(lo | hi << 8);
}

wint_t CDECL getwc(FILE *f) { return fgetwc(f); }
wint_t CDECL _fgetwchar(void) { return fgetwc(crt_stdin); }
wint_t CDECL getwchar(void) { return fgetwc(crt_stdin); }

wint_t CDECL fputwc(wint_t c, FILE *f)
{
    if (!f) {
        CrtSetErrno(EINVAL, 0);
        return WEOF;
    }
    if (Text(f)) {
        char byte;
        if (wctomb(&byte, c) != 1) {
            return WEOF;   /* errno is EILSEQ */
        }
        return fputc((unsigned char)byte, f) == EOF ? WEOF : c;
    }
    if (fputc(c & 0xFF, f) == EOF || fputc(c >> 8, f) == EOF) {
        return WEOF;
    }
    return c;
}

wint_t CDECL putwc(wint_t c, FILE *f) { return fputwc(c, f); }
wint_t CDECL _fputwchar(wint_t c) { return fputwc(c, crt_stdout); }
wint_t CDECL putwchar(wint_t c) { return fputwc(c, crt_stdout); }

wint_t CDECL ungetwc(wint_t c, FILE *f)
{
    if (c == WEOF || !f) {
        return WEOF;
    }
    if (Text(f)) {
        char byte;
        if (wctomb(&byte, c) != 1 || ungetc((unsigned char)byte, f) == EOF) {
            return WEOF;
        }
        return c;
    }
    /* The two bytes go back last first, so they are read in order again. */
    if (ungetc(c >> 8, f) == EOF || ungetc(c & 0xFF, f) == EOF) {
        return WEOF;
    }
    return c;
}

int CDECL fputws(const WCHAR *s, FILE *f)
{
    for (; *s; s++) {
        if (fputwc(*s, f) == WEOF) {
            return EOF;
        }
    }
    return 0;
}

int CDECL _putws(const WCHAR *s)
{
    return fputws(s, crt_stdout) == EOF || fputwc(L'\n', crt_stdout) == WEOF ? EOF : 0;
}

WCHAR *CDECL fgetws(WCHAR *buffer, int size, FILE *f)
{
    if (size <= 0) {
        return NULL;
    }
    int n = 0;
    while (n < size - 1) {
        wint_t c = fgetwc(f);
        if (c == WEOF) {
            if (n == 0) {
                return NULL;
            }
            break;
        }
        buffer[n++] = c;
        if (c == L'\n') {
            break;
        }
    }
    buffer[n] = 0;
    return buffer;
}
