/*
 * The "secure" string and conversion functions msvcrt.dll exports since
 * Windows Vista (strcpy_s, _itoa_s, getenv_s, mbstowcs_s, qsort_s...), as
 * Microsoft's pages for each describe them. Each takes the size of its
 * output buffer and checks it: a NULL pointer or a zero size is EINVAL,
 * output that does not fit is ERANGE, and in both cases, when there is a
 * buffer, its first character is set to the terminator, so a caller that
 * ignores the result still holds a valid empty string. The result is also
 * stored in errno. _TRUNCATE, as the count of strncpy_s and friends, asks
 * for as much as fits instead, reported as STRUNCATE.
 *
 * msvcrt.dll's invalid-parameter handler, when no program has set one,
 * reports nothing and returns (Wine's msvcrt tests run against it), so an
 * invalid parameter here is only its status and errno.
 */
#include "msvcrt/crtfill.h"

#define STRUNCATE 80
#define TRUNCATE  ((size_t)-1)

/* The status, in errno too. */
static int Fail(int status)
{
    CrtSetErrno(status, 0);
    return status;
}

/* ------------------------------------------------- copying and appending */
/*
 * strncpy_s and strncat_s, narrow and wide, are one body (T the character
 * type, as path.c does): at most count characters of src (all that fit,
 * with _TRUNCATE) after the `used` characters dest already holds. Like
 * msvcrt.dll's, it copies as it goes: when src does not fit, dest holds
 * what fitted, with its first character then set to the terminator
 * (Wine's msvcrt tests, test_strcpy_s and test_strcat_s, show those
 * bytes). strcpy_s and strcat_s are the same with no count.
 */
#define NCOPY_S(T, APPEND)                                                                         \
    if (!dest || !size) {                                                                          \
        return count == 0 && !dest && !size && !(APPEND) ? 0 : Fail(EINVAL);                      \
    }                                                                                              \
    size_t used = 0;                                                                               \
    if (APPEND) {                                                                                  \
        while (used < size && dest[used]) {                                                        \
            used++;                                                                                \
        }                                                                                          \
        if (used == size) {                                                                        \
            dest[0] = 0;                                                                           \
            return Fail(EINVAL);                                                                   \
        }                                                                                          \
    }                                                                                              \
    if (count == 0) {                                                                              \
        dest[used] = 0;                                                                            \
        return 0;                                                                                  \
    }                                                                                              \
    if (!src) {                                                                                    \
        dest[0] = 0;                                                                               \
        return Fail(EINVAL);                                                                       \
    }                                                                                              \
    size_t n = 0;                                                                                  \
    for (; n < count && src[n]; n++) {                                                             \
        if (count == TRUNCATE && used + n == size - 1) {                                           \
            dest[size - 1] = 0;                                                                    \
            return STRUNCATE;                                                                      \
        }                                                                                          \
        if (used + n == size) {                                                                    \
            break;                                                                                 \
        }                                                                                          \
        dest[used + n] = src[n];                                                                   \
    }                                                                                              \
    if (used + n == size) { /* no room left for the terminator */                                  \
        dest[0] = 0;                                                                               \
        return Fail(ERANGE);                                                                       \
    }                                                                                              \
    dest[used + n] = 0;                                                                            \
    return 0;

int CDECL strncpy_s(char *dest, size_t size, const char *src, size_t count) { NCOPY_S(char, 0) }
int CDECL wcsncpy_s(WCHAR *dest, size_t size, const WCHAR *src, size_t count) { NCOPY_S(WCHAR, 0) }
int CDECL strncat_s(char *dest, size_t size, const char *src, size_t count) { NCOPY_S(char, 1) }
int CDECL wcsncat_s(WCHAR *dest, size_t size, const WCHAR *src, size_t count) { NCOPY_S(WCHAR, 1) }

/* No count: all of src, which must fit (TRUNCATE - 1 is no limit, and
 * not _TRUNCATE's cut). */
int CDECL strcpy_s(char *dest, size_t size, const char *src) { return strncpy_s(dest, size, src, TRUNCATE - 1); }
int CDECL wcscpy_s(WCHAR *dest, size_t size, const WCHAR *src) { return wcsncpy_s(dest, size, src, TRUNCATE - 1); }
int CDECL strcat_s(char *dest, size_t size, const char *src) { return strncat_s(dest, size, src, TRUNCATE - 1); }
int CDECL wcscat_s(WCHAR *dest, size_t size, const WCHAR *src) { return wcsncat_s(dest, size, src, TRUNCATE - 1); }

int CDECL memcpy_s(void *dest, size_t size, const void *src, size_t count)
{
    if (!count) {
        return 0;
    }
    if (!dest) {
        return Fail(EINVAL);
    }
    if (!src || size < count) {
        memset(dest, 0, size); /* memcpy_s clears what it could not fill */
        return Fail(src ? ERANGE : EINVAL);
    }
    memcpy(dest, src, count);
    return 0;
}

int CDECL memmove_s(void *dest, size_t size, const void *src, size_t count)
{
    if (!count) {
        return 0;
    }
    if (!dest || !src) {
        return Fail(EINVAL);
    }
    if (size < count) {
        return Fail(ERANGE);
    }
    memmove(dest, src, count);
    return 0;
}

/* ------------------------------------------------------- tokens, case */
char *CDECL strtok_s(char *text, const char *delimiters, char **context)
{
    if (!delimiters || !context || (!text && !*context)) {
        CrtSetErrno(EINVAL, 0);
        return NULL;
    }
    char *p = text ? text : *context;
    p += strspn(p, delimiters);
    if (!*p) {
        *context = p;
        return NULL;
    }
    char *end = p + strcspn(p, delimiters);
    *context = *end ? end + 1 : end;
    *end = 0;
    return p;
}

WCHAR *CDECL wcstok_s(WCHAR *text, const WCHAR *delimiters, WCHAR **context)
{
    if (!delimiters || !context || (!text && !*context)) {
        CrtSetErrno(EINVAL, 0);
        return NULL;
    }
    WCHAR *p = text ? text : *context;
    p += wcsspn(p, delimiters);
    if (!*p) {
        *context = p;
        return NULL;
    }
    WCHAR *end = p + wcscspn(p, delimiters);
    *context = *end ? end + 1 : end;
    *end = 0;
    return p;
}

/* The string's length if it ends within size; else EINVAL, emptied. */
#define TERMINATED_OR_FAIL(T)                                                                      \
    if (!s || !size) {                                                                             \
        return Fail(EINVAL);                                                                       \
    }                                                                                              \
    size_t length = 0;                                                                             \
    while (length < size && s[length]) {                                                           \
        length++;                                                                                  \
    }                                                                                              \
    if (length == size) {                                                                          \
        s[0] = 0;                                                                                  \
        return Fail(EINVAL);                                                                       \
    }

int CDECL _strlwr_s(char *s, size_t size) { TERMINATED_OR_FAIL(char) _strlwr(s); return 0; }
int CDECL _strupr_s(char *s, size_t size) { TERMINATED_OR_FAIL(char) _strupr(s); return 0; }
int CDECL _wcslwr_s(WCHAR *s, size_t size) { TERMINATED_OR_FAIL(WCHAR) _wcslwr(s); return 0; }
int CDECL _wcsupr_s(WCHAR *s, size_t size) { TERMINATED_OR_FAIL(WCHAR) _wcsupr(s); return 0; }

#define SET_S(T)                                                                                   \
    TERMINATED_OR_FAIL(T)                                                                          \
    for (size_t i = 0; i < length && i < count; i++) {                                             \
        s[i] = (T)c;                                                                               \
    }                                                                                              \
    return 0;

int CDECL _strnset_s(char *s, size_t size, int c, size_t count) { SET_S(char) }
int CDECL _wcsnset_s(WCHAR *s, size_t size, WCHAR c, size_t count) { SET_S(WCHAR) }
int CDECL _strset_s(char *s, size_t size, int c) { return _strnset_s(s, size, c, TRUNCATE); }
int CDECL _wcsset_s(WCHAR *s, size_t size, WCHAR c) { return _wcsnset_s(s, size, c, TRUNCATE); }

/* ------------------------------------------------------------ numbers */
/* A finished conversion (text, narrow) into the caller's buffer of either
 * width: ERANGE, emptied, when it and its terminator do not fit. */
static int Deliver(const char *text, void *buffer, size_t size, int wide)
{
    if (!buffer || !size) {
        return Fail(EINVAL);
    }
    size_t n = strlen(text);
    if (n >= size) {
        wide ? (void)(((WCHAR *)buffer)[0] = 0) : (void)(((char *)buffer)[0] = 0);
        return Fail(ERANGE);
    }
    for (size_t i = 0; i <= n; i++) {
        if (wide) {
            ((WCHAR *)buffer)[i] = (unsigned char)text[i];
        } else {
            ((char *)buffer)[i] = text[i];
        }
    }
    return 0;
}

/* value in radix (2-36): signed only in radix 10, as _itoa's is; in
 * another radix the bits of a `bits`-wide integer, unsigned. */
static int IntegerToText(long long value, int is_signed, int bits, void *buffer, size_t size, int radix,
                         int wide)
{
    if (buffer && size && (radix < 2 || radix > 36)) {
        wide ? (void)(((WCHAR *)buffer)[0] = 0) : (void)(((char *)buffer)[0] = 0);
        return Fail(EINVAL);
    }
    char text[72];
    if (is_signed && radix == 10) {
        _i64toa(value, text, radix);
    } else {
        unsigned long long u = (unsigned long long)value;
        _ui64toa(bits == 32 ? (unsigned long)u : u, text, radix);
    }
    return Deliver(text, buffer, size, wide);
}

int CDECL _itoa_s(int v, char *b, size_t n, int r) { return IntegerToText(v, 1, 32, b, n, r, 0); }
int CDECL _ltoa_s(long v, char *b, size_t n, int r) { return IntegerToText(v, 1, 32, b, n, r, 0); }
int CDECL _ultoa_s(unsigned long v, char *b, size_t n, int r) { return IntegerToText((long long)v, 0, 32, b, n, r, 0); }
int CDECL _i64toa_s(long long v, char *b, size_t n, int r) { return IntegerToText(v, 1, 64, b, n, r, 0); }
int CDECL _ui64toa_s(unsigned long long v, char *b, size_t n, int r) { return IntegerToText((long long)v, 0, 64, b, n, r, 0); }
int CDECL _itow_s(int v, WCHAR *b, size_t n, int r) { return IntegerToText(v, 1, 32, b, n, r, 1); }
int CDECL _ltow_s(long v, WCHAR *b, size_t n, int r) { return IntegerToText(v, 1, 32, b, n, r, 1); }
int CDECL _ultow_s(unsigned long v, WCHAR *b, size_t n, int r) { return IntegerToText((long long)v, 0, 32, b, n, r, 1); }
int CDECL _i64tow_s(long long v, WCHAR *b, size_t n, int r) { return IntegerToText(v, 1, 64, b, n, r, 1); }
int CDECL _ui64tow_s(unsigned long long v, WCHAR *b, size_t n, int r) { return IntegerToText((long long)v, 0, 64, b, n, r, 1); }

int CDECL _ecvt_s(char *buffer, size_t size, double value, int count, int *point, int *sign)
{
    if (!point || !sign) {
        return buffer && size ? (buffer[0] = 0, Fail(EINVAL)) : Fail(EINVAL);
    }
    return Deliver(_ecvt(value, count, point, sign), buffer, size, 0);
}

int CDECL _fcvt_s(char *buffer, size_t size, double value, int count, int *point, int *sign)
{
    if (!point || !sign) {
        return buffer && size ? (buffer[0] = 0, Fail(EINVAL)) : Fail(EINVAL);
    }
    return Deliver(_fcvt(value, count, point, sign), buffer, size, 0);
}

int CDECL _gcvt_s(char *buffer, size_t size, double value, int digits)
{
    char text[CRT_CVT_BUFFER + 16];
    if (digits < 0 || digits > CRT_CVT_BUFFER - 1) {
        return buffer && size ? (buffer[0] = 0, Fail(EINVAL)) : Fail(EINVAL);
    }
    return Deliver(_gcvt(value, digits, text), buffer, size, 0);
}

int CDECL strerror_s(char *buffer, size_t size, int number)
{
    if (!buffer || !size) {
        return Fail(EINVAL);
    }
    /* Too long a message is cut, not refused. */
    strncpy_s(buffer, size, strerror(number), TRUNCATE);
    return 0;
}

int CDECL _wcserror_s(WCHAR *buffer, size_t size, int number)
{
    if (!buffer || !size) {
        return Fail(EINVAL);
    }
    const char *text = strerror(number);
    size_t i = 0;
    for (; text[i] && i + 1 < size; i++) {
        buffer[i] = (unsigned char)text[i];
    }
    buffer[i] = 0;
    return 0;
}

/* _strerror_s: "prefix: message of errno\n", as _strerror builds it. */
int CDECL _strerror_s(char *buffer, size_t size, const char *prefix)
{
    if (!buffer || !size) {
        return Fail(EINVAL);
    }
    strncpy_s(buffer, size, _strerror(prefix), TRUNCATE);
    return 0;
}

/* ------------------------------------------------------- conversions */
/* mbstowcs_s/wcstombs_s, one body (CONVERT the unchecked conversion):
 * `converted` counts what was written, the terminator included (or what
 * would be, with no buffer). */
#define CONVERT_S(CONVERT)                                                                         \
    if ((!dest && size) || (dest && !size) || !src) {                                              \
        if (dest && size) {                                                                        \
            dest[0] = 0;                                                                           \
        }                                                                                          \
        return Fail(EINVAL);                                                                       \
    }                                                                                              \
    size_t need = CONVERT(NULL, src, 0);                                                           \
    if (need == (size_t)-1) {                                                                      \
        if (dest) {                                                                                \
            dest[0] = 0;                                                                           \
        }                                                                                          \
        return Fail(EILSEQ);                                                                       \
    }                                                                                              \
    int status = 0;                                                                                \
    size_t n = count == TRUNCATE || count > need ? need : count;                                   \
    if (dest && n >= size) {                                                                       \
        if (count != TRUNCATE) {                                                                   \
            dest[0] = 0;                                                                           \
            return Fail(ERANGE);                                                                   \
        }                                                                                          \
        n = size - 1;                                                                              \
        status = STRUNCATE;                                                                        \
    }                                                                                              \
    if (dest) {                                                                                    \
        CONVERT(dest, src, n);                                                                     \
        dest[n] = 0;                                                                               \
    }                                                                                              \
    if (converted) {                                                                               \
        *converted = n + 1;                                                                        \
    }                                                                                              \
    return status;

int CDECL mbstowcs_s(size_t *converted, WCHAR *dest, size_t size, const char *src, size_t count)
{
    CONVERT_S(mbstowcs)
}

int CDECL wcstombs_s(size_t *converted, char *dest, size_t size, const WCHAR *src, size_t count)
{
    CONVERT_S(wcstombs)
}

int CDECL wctomb_s(int *length, char *dest, size_t size, WCHAR c)
{
    if (!dest && size) {
        return Fail(EINVAL);
    }
    char byte[8];
    int n = wctomb(byte, c);
    if (n < 0) {
        if (length) {
            *length = -1;
        }
        return Fail(EILSEQ);
    }
    if (dest && (size_t)n > size) {
        return Fail(ERANGE);
    }
    if (dest) {
        memcpy(dest, byte, (size_t)n);
    }
    if (length) {
        *length = n;
    }
    return 0;
}

/* ------------------------------------------------------- environment */
int CDECL getenv_s(size_t *required, char *buffer, size_t size, const char *name)
{
    if (!required || !name || (!buffer && size)) {
        return Fail(EINVAL);
    }
    const char *value = getenv(name);
    *required = value ? strlen(value) + 1 : 0;
    if (!value || !buffer) {
        if (buffer) {
            buffer[0] = 0;
        }
        return 0;
    }
    return strcpy_s(buffer, size, value);
}

int CDECL _wgetenv_s(size_t *required, WCHAR *buffer, size_t size, const WCHAR *name)
{
    if (!required || !name || (!buffer && size)) {
        return Fail(EINVAL);
    }
    const WCHAR *value = _wgetenv(name);
    *required = value ? wcslen(value) + 1 : 0;
    if (!value || !buffer) {
        if (buffer) {
            buffer[0] = 0;
        }
        return 0;
    }
    return wcscpy_s(buffer, size, value);
}

int CDECL _dupenv_s(char **buffer, size_t *count, const char *name)
{
    if (!buffer || !name) {
        return Fail(EINVAL);
    }
    const char *value = getenv(name);
    *buffer = value ? _strdup(value) : NULL;
    if (count) {
        *count = value ? strlen(value) + 1 : 0;
    }
    return value && !*buffer ? Fail(ENOMEM) : 0;
}

int CDECL _wdupenv_s(WCHAR **buffer, size_t *count, const WCHAR *name)
{
    if (!buffer || !name) {
        return Fail(EINVAL);
    }
    const WCHAR *value = _wgetenv(name);
    *buffer = value ? _wcsdup(value) : NULL;
    if (count) {
        *count = value ? wcslen(value) + 1 : 0;
    }
    return value && !*buffer ? Fail(ENOMEM) : 0;
}

int CDECL _putenv_s(const char *name, const char *value)
{
    if (!name || !value) {
        return Fail(EINVAL);
    }
    size_t n = strlen(name), v = strlen(value);
    char *entry = malloc(n + v + 2);
    if (!entry) {
        return Fail(ENOMEM);
    }
    memcpy(entry, name, n);
    entry[n] = '=';
    memcpy(entry + n + 1, value, v + 1);
    int result = _putenv(entry);
    free(entry);
    return result ? errno : 0;
}

int CDECL _wputenv_s(const WCHAR *name, const WCHAR *value)
{
    if (!name || !value) {
        return Fail(EINVAL);
    }
    size_t n = wcslen(name), v = wcslen(value);
    WCHAR *entry = malloc((n + v + 2) * sizeof(WCHAR));
    if (!entry) {
        return Fail(ENOMEM);
    }
    memcpy(entry, name, n * sizeof(WCHAR));
    entry[n] = '=';
    memcpy(entry + n + 1, value, (v + 1) * sizeof(WCHAR));
    int result = _wputenv(entry);
    free(entry);
    return result ? errno : 0;
}

int CDECL _searchenv_s(const char *file, const char *variable, char *buffer, size_t size)
{
    if (!file || !variable || !buffer || !size) {
        if (buffer && size) {
            buffer[0] = 0;
        }
        return Fail(EINVAL);
    }
    char found[260];
    _searchenv(file, variable, found);
    if (!found[0]) {
        buffer[0] = 0;
        return Fail(ENOENT);
    }
    return strcpy_s(buffer, size, found);
}

int CDECL _wsearchenv_s(const WCHAR *file, const WCHAR *variable, WCHAR *buffer, size_t size)
{
    if (!file || !variable || !buffer || !size) {
        if (buffer && size) {
            buffer[0] = 0;
        }
        return Fail(EINVAL);
    }
    WCHAR found[260];
    _wsearchenv(file, variable, found);
    if (!found[0]) {
        buffer[0] = 0;
        return Fail(ENOENT);
    }
    return wcscpy_s(buffer, size, found);
}

/* ------------------------------------------------------------- paths */
/* _splitpath_s: each part into its buffer; a buffer and its size go
 * together (both or neither), and a part that does not fit empties them
 * all (ERANGE). */
#define SPLITPATH_S(T, SPLIT)                                                                      \
    T *out[4] = {drive, dir, fname, ext};                                                          \
    size_t room[4] = {drive_size, dir_size, fname_size, ext_size};                                 \
    int bad = !path;                                                                               \
    for (int i = 0; i < 4; i++) {                                                                  \
        bad |= !out[i] != !room[i];                                                                \
    }                                                                                              \
    if (bad) {                                                                                     \
        for (int i = 0; i < 4; i++) {                                                              \
            if (out[i] && room[i]) {                                                               \
                out[i][0] = 0;                                                                     \
            }                                                                                      \
        }                                                                                          \
        return Fail(EINVAL);                                                                       \
    }                                                                                              \
    size_t length = 0;                                                                             \
    while (path[length]) {                                                                         \
        length++;                                                                                  \
    }                                                                                              \
    T *part = malloc(4 * (length + 3) * sizeof(T));                                                \
    if (!part) {                                                                                   \
        return Fail(ENOMEM);                                                                       \
    }                                                                                              \
    T *parts[4] = {part, part + length + 3, part + 2 * (length + 3), part + 3 * (length + 3)};     \
    SPLIT(path, parts[0], parts[1], parts[2], parts[3]);                                           \
    int status = 0;                                                                                \
    size_t n[4];                                                                                   \
    for (int i = 0; i < 4; i++) {                                                                  \
        for (n[i] = 0; parts[i][n[i]]; n[i]++) {                                                   \
        }                                                                                          \
        status = status ? status : out[i] && n[i] >= room[i] ? ERANGE : 0;                         \
    }                                                                                              \
    for (int i = 0; i < 4; i++) {                                                                  \
        if (out[i] && status) {                                                                    \
            out[i][0] = 0;                                                                         \
        } else if (out[i]) {                                                                       \
            memcpy(out[i], parts[i], (n[i] + 1) * sizeof(T));                                      \
        }                                                                                          \
    }                                                                                              \
    free(part);                                                                                    \
    return status ? Fail(status) : 0;

int CDECL _splitpath_s(const char *path, char *drive, size_t drive_size, char *dir, size_t dir_size,
                       char *fname, size_t fname_size, char *ext, size_t ext_size)
{
    SPLITPATH_S(char, _splitpath)
}

int CDECL _wsplitpath_s(const WCHAR *path, WCHAR *drive, size_t drive_size, WCHAR *dir,
                        size_t dir_size, WCHAR *fname, size_t fname_size, WCHAR *ext, size_t ext_size)
{
    SPLITPATH_S(WCHAR, _wsplitpath)
}

/*
 * _makepath_s writes straight into the buffer, a character at a time, as
 * msvcrt's does: the drive's letter and ':', the directory and a '\\' if it
 * ends without one, the name, then '.' and the extension. A character that
 * would leave no room for the terminator stops it: the buffer's first
 * character becomes 0, what was written after it stays, and the answer is
 * ERANGE (Wine's msvcrt tests dir.c, test_makepath_s: size 5 for c:, d\\,
 * file, ext leaves "\\0:d\\" then the old bytes). A part may be the buffer
 * itself: each is read as the writing reaches it.
 */
#define MAKEPATH_S()                                                                                                  \
    if (!path || !size) {                                                                                              \
        return Fail(EINVAL);                                                                                           \
    }                                                                                                                  \
    size_t at = 0;                                                                                                     \
    int full = 0;                                                                                                      \
    if (drive && *drive) {                                                                                             \
        full = !PUT(drive[0]) || !PUT(':');                                                                            \
    }                                                                                                                  \
    if (!full && dir && *dir) {                                                                                        \
        size_t i = 0;                                                                                                  \
        for (; !full && dir[i]; i++) {                                                                                 \
            full = !PUT(dir[i]);                                                                                       \
        }                                                                                                              \
        if (!full && dir[i - 1] != '/' && dir[i - 1] != '\\') {                                                       \
            full = !PUT('\\');                                                                                        \
        }                                                                                                              \
    }                                                                                                                  \
    for (size_t i = 0; !full && fname && fname[i]; i++) {                                                              \
        full = !PUT(fname[i]);                                                                                         \
    }                                                                                                                  \
    if (!full && ext && *ext) {                                                                                        \
        if (*ext != '.') {                                                                                             \
            full = !PUT('.');                                                                                          \
        }                                                                                                              \
        for (size_t i = 0; !full && ext[i]; i++) {                                                                     \
            full = !PUT(ext[i]);                                                                                       \
        }                                                                                                              \
    }                                                                                                                  \
    if (full) {                                                                                                        \
        path[0] = 0;                                                                                                   \
        return Fail(ERANGE);                                                                                           \
    }                                                                                                                  \
    path[at] = 0;                                                                                                      \
    return 0

/* Writes c unless only the terminator's room is left. */
#define PUT(c) (at + 1 < size ? (path[at++] = (c), 1) : 0)

int CDECL _makepath_s(char *path, size_t size, const char *drive, const char *dir, const char *fname,
                      const char *ext)
{
    MAKEPATH_S();
}

int CDECL _wmakepath_s(WCHAR *path, size_t size, const WCHAR *drive, const WCHAR *dir,
                       const WCHAR *fname, const WCHAR *ext)
{
    MAKEPATH_S();
}
#undef PUT

/* ------------------------------------------- searching (qsort_s: qsort.c) */

void *CDECL bsearch_s(const void *key, const void *base, size_t count, size_t width,
                      CRT_CONTEXT_COMPARE compare, void *context)
{
    if (!key || (!base && count) || !width || !compare) {
        CrtSetErrno(EINVAL, 0);
        return NULL;
    }
    size_t low = 0, high = count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        const BYTE *element = (const BYTE *)base + middle * width;
        int order = compare(context, key, element);
        if (order == 0) {
            return (void *)element;
        }
        if (order < 0) {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    return NULL;
}

/* ---------------------------------------------------------- the time */
int CDECL _ftime32_s(struct TIMEB32 *tb)
{
    if (!tb) {
        return Fail(EINVAL);
    }
    _ftime(tb);
    return 0;
}

int CDECL _ftime_s(struct TIMEB32 *tb) { return _ftime32_s(tb); }

int CDECL _ftime64_s(struct TIMEB64 *tb)
{
    if (!tb) {
        return Fail(EINVAL);
    }
    _ftime64(tb);
    return 0;
}
