/*
 * The "C" locale, the only one: setlocale accepts "C" and "" (which is "C"
 * here, as on a system whose user locale is C), the character classes of
 * msvcrt's _ctype table (the is* functions and mingw's macros read the same
 * table through _pctype; Wine's copy of msvcrt.dll's tables, checked by its
 * conformance tests, gives the classes), collation as plain comparison, and the wide and
 * multibyte conversions of a single-byte locale: a byte is the code point
 * of the same value, a wide character above 255 has no byte (EILSEQ).
 */
#include "msvcrt/crt.h"

#define _UPPER   0x01
#define _LOWER   0x02
#define _DIGIT   0x04
#define _SPACE   0x08
#define _PUNCT   0x10
#define _CONTROL 0x20
#define _BLANK   0x40
#define _HEX     0x80
#define _LEADBYTE 0x8000
#define _ALPHA   (0x0100 | _UPPER | _LOWER)

/* _ctype[0] is for EOF; _pctype points at _ctype + 1. Characters 128-255
 * have no class in the C locale. */
unsigned short _ctype[257];
unsigned short *_pctype = _ctype + 1;
/* The wide table (0-255): Latin-1 classes, as msvcrt's _pwctype. */
static unsigned short WideTable[256];
unsigned short *_pwctype = WideTable;
extern int __mb_cur_max;

static void BuildTables(void)
{
    static int built;
    if (built) {
        return;
    }
    built = 1;
    for (int c = 0; c < 256; c++) {
        unsigned short t = 0;
        if (c < 0x20 || c == 0x7F) t |= _CONTROL;
        if ((c >= 9 && c <= 13) || c == ' ') t |= _SPACE;
        if (c == ' ') t |= _BLANK;
        if (c >= '0' && c <= '9') t |= _DIGIT | _HEX;
        if (c >= 'A' && c <= 'Z') t |= 0x0100 | _UPPER;
        if (c >= 'a' && c <= 'z') t |= 0x0100 | _LOWER;
        if ((c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f')) t |= _HEX;
        if (c > 0x20 && c < 0x7F && !(t & (_DIGIT | _UPPER | _LOWER))) t |= _PUNCT;
        /* The wide table gives tab _BLANK (iswprint(L'\t') is true in
         * msvcrt.dll); the narrow one does not (isprint('\t') is 0). */
        unsigned short w = c < 128 ? t : 0;
        if (c == '\t') w |= _BLANK;
        if (c >= 0x80 && c < 0xA0) w |= _CONTROL;
        if (c == 0xA0) w |= _SPACE | _BLANK;
        /* All of 0xA1-0xBF is punctuation, ª µ º included (msvcrt's table
         * predates their being letters); ² ³ ¹ are digits as well. */
        if (c > 0xA0 && c < 0xC0) w |= _PUNCT;
        if (c == 0xB2 || c == 0xB3 || c == 0xB9) w |= _DIGIT;
        if (c == 0xD7 || c == 0xF7) w |= _PUNCT;
        if (c >= 0xC0 && c <= 0xDE && c != 0xD7) w |= 0x0100 | _UPPER;
        if (c >= 0xDF && c <= 0xFF && c != 0xF7) w |= 0x0100 | _LOWER;
        _ctype[c + 1] = c < 128 ? t : 0;
        WideTable[c] = w;
    }
}

unsigned short *CDECL __pctype_func(void) { BuildTables(); return _pctype; }
unsigned short *CDECL __pwctype_func(void) { BuildTables(); return _pwctype; }
int CDECL ___mb_cur_max_func(void) { return __mb_cur_max; }

int CDECL _isctype(int c, int mask)
{
    BuildTables();
    if (c < -1 || c > 255) {
        return 0;
    }
    return _pctype[c] & mask;
}

int CDECL isalpha(int c) { return _isctype(c, _ALPHA); }
int CDECL isupper(int c) { return _isctype(c, _UPPER); }
int CDECL islower(int c) { return _isctype(c, _LOWER); }
int CDECL isdigit(int c) { return _isctype(c, _DIGIT); }
int CDECL isxdigit(int c) { return _isctype(c, _HEX); }
int CDECL isspace(int c) { return _isctype(c, _SPACE); }
int CDECL ispunct(int c) { return _isctype(c, _PUNCT); }
int CDECL isalnum(int c) { return _isctype(c, _ALPHA | _DIGIT); }
int CDECL isprint(int c) { return _isctype(c, _BLANK | _PUNCT | _ALPHA | _DIGIT); }
int CDECL isgraph(int c) { return _isctype(c, _PUNCT | _ALPHA | _DIGIT); }
int CDECL iscntrl(int c) { return _isctype(c, _CONTROL); }
int CDECL __isascii(int c) { return (unsigned)c < 0x80; }
int CDECL __toascii(int c) { return c & 0x7F; }
int CDECL __iscsym(int c) { return isalnum(c) || c == '_'; }
int CDECL __iscsymf(int c) { return isalpha(c) || c == '_'; }
int CDECL tolower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
int CDECL toupper(int c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
int CDECL _tolower(int c) { return c + 32; }
int CDECL _toupper(int c) { return c - 32; }

/* Wide classes: Latin-1 by msvcrt's wide table; above 255, the Latin,
 * Greek and Cyrillic letter blocks count as letters, nothing else is
 * classified (msvcrt asks the system's Unicode tables there). */
int CDECL iswctype(WCHAR c, unsigned short mask)
{
    BuildTables();
    if (c < 256) {
        return WideTable[c] & mask;
    }
    /* Beyond Latin-1, the system's character classes (CT_CTYPE1's bits are
     * msvcrt's): U+3000 and U+2002 are spaces, U+FF19 a digit (Wine's
     * msvcrt tests string.c, test__wcstoi64, reads them so). */
    WORD type;
    return GetStringTypeW(1 /* CT_CTYPE1 */, &c, 1, &type) ? type & mask : 0;
}

int CDECL is_wctype(WCHAR c, unsigned short mask) { return iswctype(c, mask); }
int CDECL iswalpha(WCHAR c) { return iswctype(c, _ALPHA); }
int CDECL iswupper(WCHAR c) { return iswctype(c, _UPPER); }
int CDECL iswlower(WCHAR c) { return iswctype(c, _LOWER); }
int CDECL iswdigit(WCHAR c) { return iswctype(c, _DIGIT); }
int CDECL iswxdigit(WCHAR c) { return iswctype(c, _HEX); }
int CDECL iswspace(WCHAR c) { return iswctype(c, _SPACE); }
int CDECL iswpunct(WCHAR c) { return iswctype(c, _PUNCT); }
int CDECL iswalnum(WCHAR c) { return iswctype(c, _ALPHA | _DIGIT); }
int CDECL iswprint(WCHAR c) { return iswctype(c, _BLANK | _PUNCT | _ALPHA | _DIGIT); }
int CDECL iswgraph(WCHAR c) { return iswctype(c, _PUNCT | _ALPHA | _DIGIT); }
int CDECL iswcntrl(WCHAR c) { return iswctype(c, _CONTROL); }
int CDECL iswascii(WCHAR c) { return c < 0x80; }
/* In the C locale msvcrt's towlower/towupper change A-Z and a-z only. */
WCHAR CDECL towlower(WCHAR c) { return c >= 'A' && c <= 'Z' ? (WCHAR)(c + 32) : c; }
WCHAR CDECL towupper(WCHAR c) { return c >= 'a' && c <= 'z' ? (WCHAR)(c - 32) : c; }

/* ------------------------------------------------------------ setlocale */
static LCONV CLocale = {".", "", "", "", "", "", "", "", "", "", 127, 127, 127, 127, 127, 127, 127, 127};

char *CDECL setlocale(int category, const char *locale)
{
    if (category < 0 || category > 5) {    /* LC_ALL .. LC_TIME */
        return NULL;
    }
    if (!locale || !*locale || strcmp(locale, "C") == 0) {
        return (char *)"C";
    }
    return NULL;
}

LCONV *CDECL localeconv(void) { return &CLocale; }

int CDECL ___lc_codepage_func(void) { return 0; }   /* the C locale has no code page */
unsigned int CDECL ___lc_collate_cp_func(void) { return 0; }

/* ------------------------------------------------------------ collation */
int CDECL strcoll(const char *a, const char *b) { return strcmp(a, b); }
int CDECL _stricoll(const char *a, const char *b) { return _stricmp(a, b); }
int CDECL _strncoll(const char *a, const char *b, size_t n) { return strncmp(a, b, n); }
int CDECL _strnicoll(const char *a, const char *b, size_t n) { return _strnicmp(a, b, n); }

int CDECL wcscmp(const WCHAR *a, const WCHAR *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a < *b ? -1 : *a > *b;
}

int CDECL wcscoll(const WCHAR *a, const WCHAR *b) { return wcscmp(a, b); }

size_t CDECL strxfrm(char *out, const char *in, size_t size)
{
    size_t n = strlen(in);
    if (n < size) {
        memcpy(out, in, n + 1);
    }
    return n;
}

size_t CDECL wcsxfrm(WCHAR *out, const WCHAR *in, size_t size)
{
    size_t n = wcslen(in);
    if (n < size) {
        memcpy(out, in, (n + 1) * sizeof(WCHAR));
    }
    return n;
}

/* ------------------------------------------------------------ multibyte */
int CDECL mblen(const char *s, size_t n)
{
    if (!s || !*s || !n) {
        return 0;
    }
    return 1;
}

int CDECL mbtowc(WCHAR *out, const char *s, size_t n)
{
    if (!s) {
        return 0;
    }
    if (!n) {
        return -1;
    }
    if (out) {
        *out = (unsigned char)*s;
    }
    return *s ? 1 : 0;
}

int CDECL wctomb(char *out, WCHAR c)
{
    if (!out) {
        return 0;
    }
    if (c > 0xFF) {
        errno = EILSEQ;
        return -1;
    }
    *out = (char)c;
    return 1;
}

/* A NULL source is EINVAL and -1 (Wine's msvcrt tests string.c,
 * test_mbstowcs), for wcstombs too. */
size_t CDECL mbstowcs(WCHAR *out, const char *in, size_t n)
{
    if (!in) {
        CrtSetErrno(EINVAL, 0);
        return (size_t)-1;
    }
    size_t len = strlen(in);
    if (!out) {
        return len;
    }
    size_t i = 0;
    for (; i < n && in[i]; i++) {
        out[i] = (unsigned char)in[i];
    }
    if (i < n) {
        out[i] = 0;
    }
    return i;
}

size_t CDECL wcstombs(char *out, const WCHAR *in, size_t n)
{
    if (!in) {
        CrtSetErrno(EINVAL, 0);
        return (size_t)-1;
    }
    size_t i = 0;
    if (!out) {
        for (; in[i]; i++) {
            if (in[i] > 0xFF) {
                errno = EILSEQ;
                return (size_t)-1;
            }
        }
        return i;
    }
    for (; i < n && in[i]; i++) {
        if (in[i] > 0xFF) {
            errno = EILSEQ;
            return (size_t)-1;
        }
        out[i] = (char)in[i];
    }
    if (i < n) {
        out[i] = 0;
    }
    return i;
}

WCHAR CDECL btowc(int c)
{
    return c == EOF ? 0xFFFF : (WCHAR)(unsigned char)c;   /* WEOF */
}

int CDECL wctob(WCHAR c)
{
    return c > 0xFF ? EOF : (int)c;
}

size_t CDECL mbrtowc(WCHAR *out, const char *s, size_t n, void *state)
{
    (void)state;
    if (!s) {
        return 0;
    }
    if (!n) {
        return (size_t)-2;
    }
    if (out) {
        *out = (unsigned char)*s;
    }
    return *s ? 1 : 0;
}

size_t CDECL mbrlen(const char *s, size_t n, void *state)
{
    return mbrtowc(NULL, s, n, state);
}

size_t CDECL wcrtomb(char *out, WCHAR c, void *state)
{
    (void)state;
    if (!out) {
        return 1;
    }
    if (c > 0xFF) {
        errno = EILSEQ;
        return (size_t)-1;
    }
    *out = (char)c;
    return 1;
}

size_t CDECL mbsrtowcs(WCHAR *out, const char **in, size_t n, void *state)
{
    (void)state;
    size_t r = mbstowcs(out, *in, n);
    if (out && r < n) {
        *in = NULL;
    } else if (out) {
        *in += r;
    }
    return r;
}

size_t CDECL wcsrtombs(char *out, const WCHAR **in, size_t n, void *state)
{
    (void)state;
    size_t r = wcstombs(out, *in, n);
    if (out && r != (size_t)-1) {
        if (r < n) {
            *in = NULL;
        } else {
            *in += r;
        }
    }
    return r;
}
