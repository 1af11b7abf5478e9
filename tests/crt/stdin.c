/* stdin, stdout and the low-level descriptors as msvcrt.dll gives them
 * (stdin.input is the standard input: CR LF lines, a Ctrl-Z, more after it).
 * Every answer is Windows' (msvcrt's text mode, ungetc, scanf and errno). */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <windows.h>

static void show(const char *what, const char *s)
{
    printf("%s: [", what);
    for (; *s; s++) {
        if (*s == '\n') {
            printf("\\n");
        } else if (*s == '\r') {
            printf("\\r");
        } else {
            putchar(*s);
        }
    }
    printf("]\n");
}

int main(void)
{
    char line[64];
    /* Text mode: CR LF becomes LF; a lone CR stays. */
    fgets(line, sizeof line, stdin);
    show("line 1", line);
    fgets(line, sizeof line, stdin);
    show("line 2 (a lone CR)", line);
    /* ungetc: pushed back characters come out first, last pushed first. */
    int c = getc(stdin);
    int u1 = ungetc('y', stdin);
    int u2 = ungetc('x', stdin);
    int g1 = getc(stdin);
    int g2 = getc(stdin);
    int g3 = getc(stdin);
    printf("getc %c, ungetc %c %c -> %c%c%c\n", c, u1, u2, g1, g2, g3);
    fgets(line, sizeof line, stdin);
    show("rest of line 3", line);
    /* scanf from the stream. */
    int a = 0, b = 0;
    double d = 0;
    char word[16] = "";
    int n = scanf("%d %d %lf %15s", &a, &b, &d, word);
    printf("scanf %d: %d %d %g %s\n", n, a, b, d, word);
    /* fread in text mode, to the Ctrl-Z which ends the file. */
    char buffer[64];
    size_t got = fread(buffer, 1, sizeof buffer - 1, stdin);
    buffer[got] = 0;
    printf("fread %u bytes, feof %d\n", (unsigned)got, feof(stdin) != 0);
    show("before the Ctrl-Z", buffer);
    printf("getc after end: %d, feof %d\n", getc(stdin), feof(stdin) != 0);
    clearerr(stdin);
    printf("after clearerr: getc %d (the Ctrl-Z still ends it)\n", getc(stdin));

    /* sscanf: msvcrt's conversions. */
    int i1 = 0, i2 = 0, i3 = 0, count = 0;
    printf("sscanf empty: %d\n", sscanf("", "%d", &i1));
    printf("sscanf blanks: %d\n", sscanf("   ", "%d", &i1));
    printf("sscanf letters: %d\n", sscanf("abc", "%d", &i1));
    n = sscanf("0x1F 010 -0", "%x %i %i", &i1, &i2, &i3);
    printf("sscanf %%x %%i %%i: %d -> %d %d %d\n", n, i1, i2, i3);
    n = sscanf("12345", "%3d%d", &i1, &i2);
    printf("sscanf widths: %d -> %d %d\n", n, i1, i2);
    n = sscanf("4294967297", "%d", &i1);
    printf("sscanf wraps: %d -> %d\n", n, i1);
    char s1[16] = "", s2[16] = "";
    n = sscanf("hello-world:42", "%[a-z]-%[^:]:%n%d", s1, s2, &count, &i1);
    printf("sscanf sets: %d -> %s %s n=%d %d\n", n, s1, s2, count, i1);
    n = sscanf("7 8", "%*d %d", &i1);
    printf("sscanf suppressed: %d -> %d\n", n, i1);
    float f = 0;
    n = sscanf("-.5e1x", "%f%s", &f, s1);
    printf("sscanf float: %d -> %g %s\n", n, f, s1);
    char chars[4] = "***";
    n = sscanf(" ab", "%2c", chars);
    printf("sscanf %%2c: %d -> [%s]\n", n, chars);
    long long big = 0;
    n = sscanf("-9000000000", "%I64d", &big);
    printf("sscanf %%I64d: %d -> %I64d\n", n, big);
    n = sscanf("5 apples", "%d apples%n", &i1, &count);
    printf("sscanf literal: %d -> %d n=%d\n", n, i1, count);
    n = sscanf("5 pears", "%d apples %d", &i1, &i2);
    printf("sscanf mismatch: %d\n", n);

    /* errno as msvcrt sets it. */
    long r;
    errno = 0;
    r = _read(99, buffer, 1);
    printf("_read(99): %ld errno %d\n", (long)r, errno);
    errno = 0;
    r = _close(-1);
    printf("_close(-1): %ld errno %d\n", (long)r, errno);
    errno = 0;
    r = _lseek(0, 0, 7);
    printf("_lseek(0, 0, 7): %ld errno %d\n", (long)r, errno);
    errno = 0;
    r = _setmode(1, 0x1234);
    printf("_setmode(1, 0x1234): %ld errno %d\n", (long)r, errno);
    errno = 0;
    r = (long)fopen("x", "q");
    printf("fopen(mode \"q\"): %ld errno %d\n", (long)r, errno);
    /* msvcrt's _dosmaperr table: Win32 error -> errno, _doserrno keeps the error. */
    static const unsigned long errors[] = {2, 3, 5, 6, 8, 17, 19, 32, 33, 80, 87, 109, 112, 131, 145, 183, 193, 999};
    /* (msvcrt exports it; mingw's import library does not list it.) */
    void (__cdecl *_dosmaperr)(unsigned long) =
        (void (__cdecl *)(unsigned long))GetProcAddress(GetModuleHandleA("msvcrt.dll"), "_dosmaperr");
    for (unsigned i = 0; i < sizeof errors / sizeof errors[0]; i++) {
        _dosmaperr(errors[i]);
        printf("%lu->%d(%lu) ", errors[i], errno, _doserrno);
    }
    printf("\n");
    printf("strerror(ENOENT) %s, (EACCES) %s, (999) %s\n", strerror(ENOENT), strerror(EACCES),
           strerror(999));
    errno = EBADF;
    show("_strerror(\"prefix\")", _strerror("prefix"));

    /* _setmode: binary stdout writes LF alone. */
    fflush(stdout);
    printf("_setmode(1, _O_BINARY) was 0x%x\n", _setmode(1, _O_BINARY));
    printf("binary line\n");
    fflush(stdout);
    printf("_setmode(1, _O_TEXT) was 0x%x\n", _setmode(1, _O_TEXT));
    _write(1, "_write in text mode\n", 20);
    printf("_write returned the caller's count: %d\n", _write(1, "a\nb\n", 4));
    return 0;
}
