/*
 * msvcrt's wide printf and scanf families, each against the answer
 * msvcrt.dll gives: in a wide format %s and %c are wide, %S and %C and h
 * narrow (Microsoft's format specification docs); _snwprintf's four cases
 * as Wine's msvcrt tests (printf.c, test_snwprintf: 5, 7, 8 with no
 * terminator, -1 with the buffer filled); msvcrt.dll's own swprintf
 * takes no count; a text-mode stream gets bytes, CR LF for '\n', a binary
 * one each character's two bytes (Wine's file.c test_fputwc); swscanf
 * and _snwscanf; _mktemp's letter and process-id digits (Wine's
 * file.c/test_mktemp, Microsoft's _mktemp docs).
 */
#include <errno.h>
#include <io.h>
#include <share.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

static int Failures;

static void Expect(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
    Failures += !ok;
}

static int Count(const wchar_t *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = _vscwprintf(format, args);
    va_end(args);
    return n;
}

static int Bounded(wchar_t *buffer, size_t size, const wchar_t *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = _vsnwprintf(buffer, size, format, args);
    va_end(args);
    return n;
}

static int Unbounded(wchar_t *buffer, const wchar_t *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = _vswprintf(buffer, format, args);
    va_end(args);
    return n;
}

static int ToFile(FILE *f, const wchar_t *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = vfwprintf(f, format, args);
    va_end(args);
    return n;
}

static size_t ReadBack(const char *name, char *out, size_t size)
{
    FILE *f = fopen(name, "rb");
    size_t n = f ? fread(out, 1, size, f) : 0;
    if (f) {
        fclose(f);
    }
    return n;
}

int main(void)
{
    wchar_t buffer[64];
    wchar_t small[9];

    /* _snwprintf into 8 characters (Wine's test_snwprintf). */
    static const struct {
        const wchar_t *Text;
        int Result;
    } cases[] = {{L"short", 5}, {L"justfit", 7}, {L"justfits", 8}, {L"muchlonger", -1}};
    for (int i = 0; i < 4; i++) {
        wmemset(small, L'#', 9);
        int n = _snwprintf(small, 8, L"%s", cases[i].Text);
        int ok = n == cases[i].Result;
        if (n == 5 || n == 7) {
            ok = ok && wcscmp(small, cases[i].Text) == 0;
        } else {
            ok = ok && wcsncmp(small, cases[i].Text, 8) == 0 && small[8] == L'#';
        }
        char what[64];
        sprintf(what, "_snwprintf(8, \"%ls\") = %d", cases[i].Text, cases[i].Result);
        Expect(ok, what);
    }
    wmemset(small, L'#', 9);
    Expect(Bounded(small, 3, L"%d", 12345) == -1 && wcsncmp(small, L"123#", 4) == 0, "_vsnwprintf too long: -1, 3 written");

    /* msvcrt.dll's swprintf: buffer, format, arguments, no count. */
    int (__cdecl *dll_swprintf)(wchar_t *, const wchar_t *, ...) =
        (void *)GetProcAddress(GetModuleHandleA("msvcrt.dll"), "swprintf");
    Expect(dll_swprintf && dll_swprintf(buffer, L"%d-%d", 12, 34) == 5 && wcscmp(buffer, L"12-34") == 0,
           "msvcrt.dll's swprintf takes no count");
    Expect(_swprintf(buffer, L"[%5d|%-4x|%05.1f]", 42, 255, 2.25) == 18 && wcscmp(buffer, L"[   42|ff  |002.3]") == 0,
           "_swprintf numbers, widths, flags");
    Expect(Unbounded(buffer, L"%e", 1.5) == 13 && wcscmp(buffer, L"1.500000e+000") == 0, "_vswprintf %e: three exponent digits");
    Expect(_swprintf(buffer, L"%s|%S|%hs|%ls|%c|%C|%hc", L"wide", "narrow", "nar", L"wid", L'w', 'n', 'h') == 25 &&
               wcscmp(buffer, L"wide|narrow|nar|wid|w|n|h") == 0,
           "wide format: %s %c wide, %S %C %hs %hc narrow");
    Expect(_swprintf(buffer, L"\x263A=%d \x4E2D%s", 5, L"\x6587") == 6 && wcscmp(buffer, L"\x263A=5 \x4E2D\x6587") == 0,
           "characters outside ASCII pass through");
    Expect(_swprintf(buffer, L"%5.2s|%-3c|", L"abc", L'x') == 10 && wcscmp(buffer, L"   ab|x  |") == 0, "precision and width on %s, %c");
    Expect(_scwprintf(L"%d-%s", 123, L"abc") == 7 && Count(L"%10s", L"x") == 10, "_scwprintf, _vscwprintf count");
    char narrow[32];
    Expect(sprintf(narrow, "%S|%ls|%C", L"wide", L"w2", L'c') == 9 && strcmp(narrow, "wide|w2|c") == 0,
           "narrow format: %S, %ls, %C wide");

    /* Streams: text mode bytes with CR LF; binary mode two bytes each. */
    const char *name = "wstdio.tmp";
    FILE *f = _wfsopen(L"wstdio.tmp", L"w", _SH_DENYWR);
    Expect(f != NULL, "_wfsopen for writing");
    int n = fwprintf(f, L"x=%d\n", 5);
    n += ToFile(f, L"%s\n", L"end");
    fclose(f);
    char bytes[64];
    size_t got = ReadBack(name, bytes, sizeof bytes);
    Expect(n == 8 && got == 10 && memcmp(bytes, "x=5\r\nend\r\n", 10) == 0, "fwprintf to a text stream: bytes, CR LF");
    f = _wfopen(L"wstdio.tmp", L"wb");
    n = fwprintf(f, L"A\n");
    fclose(f);
    got = ReadBack(name, bytes, sizeof bytes);
    Expect(n == 2 && got == 4 && memcmp(bytes, "A\0\n\0", 4) == 0, "fwprintf to a binary stream: two bytes each");

    f = fopen(name, "w");
    fputs("7 eight 9.5\n", f);
    fclose(f);
    f = _wfsopen(L"wstdio.tmp", L"r", _SH_DENYNO);
    int i = 0;
    wchar_t word[16] = L"";
    double d = 0;
    Expect(fwscanf(f, L"%d %s %lf", &i, word, &d) == 3 && i == 7 && wcscmp(word, L"eight") == 0 && d == 9.5,
           "fwscanf: %d %s %lf");
    Expect(fwscanf(f, L"%d", &i) == EOF, "fwscanf at the end: EOF");
    fclose(f);
    remove(name);

    char nword[16] = "";
    Expect(swscanf(L" 12 abc xyz", L"%d %s %S", &i, word, nword) == 3 && i == 12 && wcscmp(word, L"abc") == 0 &&
               strcmp(nword, "xyz") == 0,
           "swscanf: %s wide, %S narrow");
    Expect(swscanf(L"0x1f,\x263Ax", L"%x,%2c", &i, word) == 2 && i == 31 && word[0] == 0x263A && word[1] == L'x',
           "swscanf %x and %2c, a character outside ASCII");
    Expect(swscanf(L"ab12", L"%[a-z]%d", word, &i) == 2 && wcscmp(word, L"ab") == 0 && i == 12, "swscanf %[a-z]");
    Expect(swscanf(L"", L"%d", &i) == EOF && swscanf(L"x", L"%d", &i) == 0, "swscanf: EOF when empty, 0 on a mismatch");
    Expect(_snwscanf(L"12345", 3, L"%d", &i) == 1 && i == 123, "_snwscanf reads 3 characters");

    /* _mktemp: the first X a letter from 'a', the rest the process id. */
    char template[] = "mkXXXXXX";
    char want[16];
    sprintf(want, "mka%05lu", GetCurrentProcessId() % 100000);
    Expect(_mktemp(template) == template && strcmp(template, want) == 0, "_mktemp: letter a and the process id");
    f = fopen(want, "w");
    fclose(f);
    char again[] = "mkXXXXXX";
    want[2] = 'b';
    Expect(_mktemp(again) && strcmp(again, want) == 0, "_mktemp: the next letter while the name exists");
    want[2] = 'a';
    remove(want);
    char bad[] = "mkXXXXX";
    errno = 0;
    Expect(_mktemp(bad) == NULL && errno == EINVAL, "_mktemp of a bad template: NULL, EINVAL");
    wchar_t wtemplate[] = L"wXXXXXX";
    Expect(_wmktemp(wtemplate) == wtemplate && wtemplate[1] == L'a', "_wmktemp");

    wchar_t *temp = _wtmpnam(NULL);
    Expect(temp && temp[0] == L'\\' && temp[1] == L's', "_wtmpnam: \\s...");
    wchar_t *tempname = _wtempnam(L"C:\\dir", L"pre");
    Expect(tempname && wcsncmp(tempname, L"C:\\dir\\pre", 10) == 0, "_wtempnam: dir, prefix");
    free(tempname);

    n = wprintf(L"wprintf: %d %s\n", 42, L"wide");
    Expect(n == 17, "wprintf's count");
    fflush(stdout);
    errno = ENOENT;
    _wperror(L"wperror");

    printf("%d failures\n", Failures);
    return Failures;
}
