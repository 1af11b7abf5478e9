/*
 * The positional printf family (_printf_p and kin) with the answers of
 * Microsoft's "printf_p positional parameters" page: numbered arguments
 * in any order and more than once, numbered widths and precisions, a
 * format without numbers as the ordinary function's, and EINVAL (-1) for
 * a format that mixes numbered and plain conversions, skips an argument
 * or gives one two types. _sprintf_p is sprintf_s with positions.
 */
#include <conio.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

/* msvcrt.dll exports these; mingw's import library does not list them. */
static int(__cdecl *p_sprintf_p)(char *, size_t, const char *, ...);
static int(__cdecl *p_scprintf_p)(const char *, ...);
static int(__cdecl *p_swprintf_p)(wchar_t *, size_t, const wchar_t *, ...);
static int(__cdecl *p_scwprintf_p)(const wchar_t *, ...);

static int Wrapped(char *buffer, size_t size, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = _vsprintf_p(buffer, size, format, args);
    va_end(args);
    return n;
}

static void Refused(const char *what, int n)
{
    printf("%s: %d errno %s\n", what, n, errno == EINVAL ? "EINVAL" : errno == ERANGE ? "ERANGE" : "other");
    errno = 0;
}

int main(void)
{
    char buf[64];
    HMODULE crt = GetModuleHandleA("msvcrt.dll");
    p_sprintf_p = (void *)GetProcAddress(crt, "_sprintf_p");
    p_scprintf_p = (void *)GetProcAddress(crt, "_scprintf_p");
    p_swprintf_p = (void *)GetProcAddress(crt, "_swprintf_p");
    p_scwprintf_p = (void *)GetProcAddress(crt, "_scwprintf_p");
    int n = _printf_p("%1$s %2$s\n", "November", "10");
    printf("returned %d\n", n);
    _printf_p("%2$s %1$s\n", "November", "10");
    _printf_p("%1$d times %1$d is %2$d\n", 10, 100);
    _printf_p("[%1$*2$s] [%1$-*2$s]\n", "Hello", 10);
    _printf_p("[%2$*1$s]\n", 10, "Hello");
    _printf_p("%1$.*2$f %3$I64d %4$lld %5$c %6$x %%\n", 3.14159, 2, -1234567890123LL, 42LL, 'Z', 255);
    _printf_p("%d %d %d (no numbers: printf)\n", 1, 2, 3);
    _printf_p("%3$s-%1$05.1f-%2$-4d|\n", 2.25, 7, "mixed types");

    errno = 0;
    Refused("mixed", Wrapped(buf, sizeof buf, "%1$d %d", 1, 2));
    Refused("gap", Wrapped(buf, sizeof buf, "%1$d %3$d", 1, 2, 3));
    Refused("two types", Wrapped(buf, sizeof buf, "%1$d %1$s", 1));
    Refused("number 0", Wrapped(buf, sizeof buf, "%0$d", 1));
    Refused("number 101", Wrapped(buf, sizeof buf, "%101$d", 1));

    n = Wrapped(buf, sizeof buf, "%2$s=%1$d", 5, "five");
    printf("_vsprintf_p: %d [%s]\n", n, buf);
    n = p_sprintf_p(buf, sizeof buf, "%2$s%1$s", "world", "hello ");
    printf("_sprintf_p: %d [%s]\n", n, buf);
    memset(buf, 'x', sizeof buf);
    errno = 0;
    n = p_sprintf_p(buf, 5, "%1$s", "too long");
    printf("_sprintf_p too small: %d first byte %d errno %s\n", n, buf[0], errno == ERANGE ? "ERANGE" : "other");
    printf("_scprintf_p: %d\n", p_scprintf_p("%2$s %1$s", "ab", "cde"));
    _fprintf_p(stdout, "_fprintf_p: %2$d %1$d\n", 1, 2);

    wchar_t wbuf[32];
    n = p_swprintf_p(wbuf, 32, L"%2$s:%1$d", 9, L"nine");
    printf("_swprintf_p: %d [%ls]\n", n, wbuf);
    printf("_scwprintf_p: %d\n", p_scwprintf_p(L"%1$s%1$s", L"abc"));
    _wprintf_p(L"_wprintf_p: %2$s %1$s\n", L"B", L"A");
    _fwprintf_p(stdout, L"_fwprintf_p: %1$d%%\n", 50);
    fflush(stdout);
    n = _cprintf_p("_cprintf_p: %2$s %1$s\r\n", "console", "to the");
    fflush(stdout);
    printf("_cprintf_p returned %d\n", n);
    return 0;
}
