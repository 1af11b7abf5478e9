/*
 * msvcrt's _snprintf/_vsnprintf (and the wide _snwprintf) asked to size
 * their output: a NULL buffer of size 0 returns the length the output
 * would have, which programs use to allocate the buffer (tcc's
 * cstr_printf calls _vsnprintf(NULL, 0, ...) first, then again into a
 * buffer of that size). Windows' answers are those of ReactOS's apitest
 * crt/_sntprintf.h run on Windows (msvcrt, Vista and later): NULL with 0
 * is 5 for "Hello"; NULL with room is -1 (EINVAL), no crash; a buffer too
 * small is -1 with as many characters as fit; an exact fit has no
 * terminator. _scprintf/_vscprintf count as the NULL form does.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* tcc's pattern: measure, allocate, format. */
static char *Format(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int length = _vsnprintf(NULL, 0, format, args);
    va_end(args);
    if (length < 0) {
        return NULL;
    }
    char *text = malloc(length + 1);
    va_start(args, format);
    _vsnprintf(text, length + 1, format, args);
    va_end(args);
    return text;
}

static int Count(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = _vscprintf(format, args);
    va_end(args);
    return n;
}

int main(void)
{
    char buffer[16];
    wchar_t wide[16];

    printf("_snprintf(NULL, 0): %d\n", _snprintf(NULL, 0, "Hello"));
    errno = 0;
    int r = _snprintf(NULL, 1, "Hello");
    printf("_snprintf(NULL, 1): %d errno %s\n", r, errno == EINVAL ? "EINVAL" : "other");

    memset(buffer, 'x', sizeof buffer);
    r = _snprintf(buffer, sizeof buffer, "Hello");
    printf("room: %d '%s' then '%c'\n", r, buffer, buffer[6]);
    memset(buffer, 'x', sizeof buffer);
    r = _snprintf(buffer, 5, "Hello");
    printf("exact: %d, byte 5 '%c'\n", r, buffer[5]);
    memset(buffer, 'x', sizeof buffer);
    r = _snprintf(buffer, 1, "Hello");
    printf("one: %d '%c%c'\n", r, buffer[0], buffer[1]);
    memset(buffer, 'x', sizeof buffer);
    r = _snprintf(buffer, 0, "Hello");
    printf("none: %d '%c'\n", r, buffer[0]);

    printf("_snwprintf(NULL, 0): %d\n", _snwprintf(NULL, 0, L"Hello"));
    errno = 0;
    r = _snwprintf(NULL, 1, L"Hello");
    printf("_snwprintf(NULL, 1): %d errno %s\n", r, errno == EINVAL ? "EINVAL" : "other");
    r = _snwprintf(wide, 16, L"%d%ls", 12, L"ab");
    printf("wide room: %d %s\n", r, wcscmp(wide, L"12ab") == 0 ? "12ab" : "wrong");

    printf("_scprintf: %d\n", _scprintf("%d-%s", 42, "abc"));
    printf("_vscprintf: %d\n", Count("%05d|%-4s|", 7, "x"));

    char *text = Format("%s has %d pages", "C:\\pagefile.sys", 4096);
    printf("sized: '%s'\n", text ? text : "(null)");
    free(text);
    return 0;
}
