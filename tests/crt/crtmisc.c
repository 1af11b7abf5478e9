/*
 * msvcrt's path, number-text, console and small services, each against
 * the answer msvcrt.dll gives: _splitpath/_makepath as Microsoft's docs
 * show ("c:\sample\crt\makepath.c"), _ecvt/_fcvt on Wine's msvcrt test
 * table (printf.c, test_cvt_testcases), _gcvt as Wine's test_gcvt, the
 * drives (_getdcwd on a drive that does not exist: EACCES), _searchenv,
 * _umask making a new file read-only, _setmaxstdio's range (20..),
 * _set_error_mode, the heap checks, console I/O on ntmm's console (the
 * host's standard input and output), and the data exports.
 */
#include <conio.h>
#include <direct.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <wchar.h>
#include <windows.h>

/* Declared by mingw's internal headers only (its start-up code's). */
typedef struct {
    int newmode;
} STARTUPINFO_CRT;
__declspec(dllimport) int __cdecl __wgetmainargs(int *, wchar_t ***, wchar_t ***, int, STARTUPINFO_CRT *);
__declspec(dllimport) unsigned int *__cdecl __p__winver(void);
__declspec(dllimport) unsigned int *__cdecl __p__osver(void);

static int Failures;

static void Expect(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
    Failures += !ok;
}

static const struct {
    double Value;
    int Digits;
    const char *E, *F;
    int PointE, PointF, Sign;
} Cvt[] = {
    {45.0, 2, "45", "4500", 2, 2, 0},
    {0.0001, 1, "1", "", -3, -3, 0},
    {0.0001, 10, "1000000000", "1000000", -3, -3, 0},
    {-111.0001, 5, "11100", "11100010", 3, 3, 1},
    {111.0001, 5, "11100", "11100010", 3, 3, 0},
    {3333.3, 2, "33", "333330", 4, 4, 0},
    {999999999999.9, 3, "100", "999999999999900", 13, 12, 0},
    {0.0, 5, "00000", "00000", 0, 0, 0},
    {0.0, 0, "", "", 0, 0, 0},
    {0.0, -1, "", "", 0, 0, 0},
    {-123.0001, 0, "", "123", 3, 3, 1},
    {-123.0001, -1, "", "12", 3, 3, 1},
    {-123.0001, -2, "", "1", 3, 3, 1},
    {-123.0001, -3, "", "", 3, 3, 1},
    {99.99, 1, "1", "1000", 3, 3, 0},
    {0.0063, 2, "63", "1", -2, -1, 0},
    {0.0063, 3, "630", "6", -2, -2, 0},
    {0.09999999996, 2, "10", "10", 0, 0, 0},
    {0.6, 1, "6", "6", 0, 0, 0},
    {0.6, 0, "", "1", 1, 1, 0},
    {0.4, 0, "", "", 0, 0, 0},
    {0.49, 0, "", "", 0, 0, 0},
    {0.51, 0, "", "1", 1, 1, 0},
    {1.0, 30, "100000000000000000000000000000", "1000000000000000000000000000000", 1, 1, 0},
    {123456789012345678901.0, 30, "123456789012345680000000000000",
     "123456789012345680000000000000000000000000000000000", 21, 21, 0},
};

static void ConsoleOut(void)
{
    fflush(stdout);
    _putch('[');
    _cputs("cputs");
    _cprintf("|%d|%s", 42, "cprintf");
    _cwprintf(L"|%s", L"cwprintf");
    _cputws(L"|cputws");
    _putwch(L']');
    _putch('\n');
}

int main(int argc, char **argv)
{
    (void)argc;
    char drive[8], dir[64], fname[64], ext[16], path[128];
    _splitpath("c:\\sample\\crt\\makepath.c", drive, dir, fname, ext);
    Expect(!strcmp(drive, "c:") && !strcmp(dir, "\\sample\\crt\\") && !strcmp(fname, "makepath") && !strcmp(ext, ".c"),
           "_splitpath c:\\sample\\crt\\makepath.c");
    _splitpath("dir/file.tar.gz", drive, dir, fname, ext);
    Expect(!drive[0] && !strcmp(dir, "dir/") && !strcmp(fname, "file.tar") && !strcmp(ext, ".gz"),
           "_splitpath: no drive, '/' ends the directory, the last '.' the name");
    _splitpath("noext", NULL, dir, fname, ext);
    Expect(!dir[0] && !strcmp(fname, "noext") && !ext[0], "_splitpath: a bare name");
    _makepath(path, "c", "\\sample\\crt\\", "makepath", "c");
    Expect(!strcmp(path, "c:\\sample\\crt\\makepath.c"), "_makepath(c, \\sample\\crt\\, makepath, c)");
    _makepath(path, NULL, "dir", "name", ".txt");
    Expect(!strcmp(path, "dir\\name.txt"), "_makepath adds '\\' after the directory, keeps one '.'");
    wchar_t wdrive[8], wdir[64], wname[64], wext[16], wpath[128];
    _wsplitpath(L"d:/x/y.z", wdrive, wdir, wname, wext);
    _wmakepath(wpath, wdrive, wdir, wname, wext);
    Expect(!wcscmp(wdrive, L"d:") && !wcscmp(wdir, L"/x/") && !wcscmp(wname, L"y") && !wcscmp(wext, L".z") &&
               !wcscmp(wpath, L"d:/x/y.z"),
           "_wsplitpath and _wmakepath");

    for (size_t i = 0; i < sizeof Cvt / sizeof Cvt[0]; i++) {
        int point = 100, sign = 100;
        char *e = _ecvt(Cvt[i].Value, Cvt[i].Digits, &point, &sign);
        int ok = !strcmp(e, Cvt[i].E) && point == Cvt[i].PointE && sign == Cvt[i].Sign;
        point = sign = 100;
        char *f = _fcvt(Cvt[i].Value, Cvt[i].Digits, &point, &sign);
        ok = ok && !strcmp(f, Cvt[i].F) && point == Cvt[i].PointF && sign == Cvt[i].Sign;
        if (!ok) {
            printf("FAIL _ecvt/_fcvt(%.17g, %d): \"%s\" \"%s\"\n", Cvt[i].Value, Cvt[i].Digits, e, f);
            Failures++;
        }
    }
    printf("ok _ecvt and _fcvt on Wine's %u cases\n", (unsigned)(sizeof Cvt / sizeof Cvt[0]));
    char gbuf[64];
    errno = 0;
    Expect(_gcvt(1.2, -1, gbuf) == NULL && errno == ERANGE, "_gcvt negative digits: NULL, ERANGE");
    errno = 0;
    Expect(_gcvt(1.2, 5, NULL) == NULL && errno == EINVAL, "_gcvt without a buffer: NULL, EINVAL");
    Expect(_gcvt(1.2, 5, gbuf) == gbuf && !strcmp(gbuf, "1.2"), "_gcvt(1.2, 5): 1.2");

    /* Drives: ntmm's current directory is on C:. */
    int current = _getdrive();
    Expect(current == 3 && (_getdrives() & 4), "_getdrive: C: (3); _getdrives has C:");
    char *cwd = _getcwd(NULL, 0), *dcwd = _getdcwd(0, NULL, 0), *dcwd3 = _getdcwd(3, NULL, 0);
    Expect(cwd && dcwd && dcwd3 && !strcmp(cwd, dcwd) && !strcmp(cwd, dcwd3), "_getdcwd(0) and (3): _getcwd's");
    wchar_t *wdcwd = _wgetdcwd(0, NULL, 0);
    Expect(wdcwd && wdcwd[1] == L':', "_wgetdcwd(0)");
    free(cwd);
    free(dcwd);
    free(dcwd3);
    free(wdcwd);
    errno = 0;
    Expect(_getdcwd(17, NULL, 0) == NULL && errno == EACCES, "_getdcwd of a drive that does not exist: EACCES");
    errno = 0;
    Expect(_chdrive(17) == -1 && errno == EACCES && _chdrive(3) == 0, "_chdrive: Q: fails with EACCES, C: works");

    /* _searchenv: the current directory, then each listed directory. */
    _mkdir("senv1");
    _mkdir("senv2");
    FILE *f = fopen("senv2\\found.txt", "w");
    fclose(f);
    _putenv("NTMM_SEARCH=senv1;senv2");
    char found[260];
    _searchenv("found.txt", "NTMM_SEARCH", found);
    /* joined as the variable has it, not made full (Wine's dir.c keeps a doubled '\\') */
    Expect(!strcmp(found, "senv2\\found.txt"), "_searchenv finds senv2\\found.txt, as the variable names it");
    errno = 0;
    _searchenv("absent.txt", "NTMM_SEARCH", found);
    Expect(!found[0] && errno == ENOENT, "_searchenv of no such file: \"\", ENOENT");
    wchar_t wfound[260];
    _wsearchenv(L"found.txt", L"NTMM_SEARCH", wfound);
    Expect(!wcscmp(wfound, L"senv2\\found.txt"), "_wsearchenv");
    remove("senv2\\found.txt");
    _rmdir("senv1");
    _rmdir("senv2");

    /* _environ is the runtime's own environment, which _putenv replaces. */
    int seen = 0;
    for (char **e = _environ; *e; e++) {
        seen |= !strcmp(*e, "NTMM_SEARCH=senv1;senv2");
    }
    Expect(seen, "_environ has what _putenv set");
    seen = 0;
    for (wchar_t **e = _wenviron ? _wenviron : *__p__wenviron(); *e; e++) {
        seen |= !wcscmp(*e, L"NTMM_SEARCH=senv1;senv2");
    }
    Expect(seen, "_wenviron too");

    /* _umask: _S_IWRITE masked, a new file is read-only. */
    Expect(_umask(_S_IWRITE) == 0, "_umask's first mask: 0");
    int fd = _open("umask.tmp", _O_CREAT | _O_WRONLY, _S_IREAD | _S_IWRITE);
    _close(fd);
    Expect(_access("umask.tmp", 2) == -1 && _access("umask.tmp", 4) == 0, "_umask(_S_IWRITE): the new file is read-only");
    Expect(_umask(0) == _S_IWRITE, "_umask returns the previous mask");
    _chmod("umask.tmp", _S_IREAD | _S_IWRITE);
    remove("umask.tmp");

    Expect(_getmaxstdio() == 512, "_getmaxstdio: 512");
    Expect(_setmaxstdio(19) == -1 && _setmaxstdio(100) == 100 && _getmaxstdio() == 100 && _setmaxstdio(512) == 512,
           "_setmaxstdio: below 20 refused, 100 taken");
    Expect(_set_error_mode(_REPORT_ERRMODE) == 0 && _set_error_mode(_OUT_TO_STDERR) == 0 &&
               _set_error_mode(_REPORT_ERRMODE) == _OUT_TO_STDERR && _set_error_mode(7) == -1,
           "_set_error_mode: the previous mode, -1 for an unknown one");
    _set_error_mode(_OUT_TO_DEFAULT);

    Expect(_heapchk() == _HEAPOK && _heapmin() == 0, "_heapchk: _HEAPOK; _heapmin: 0");
    char *block = malloc(100);
    Expect(_expand(block, 50) == block && _msize(block) >= 50, "_expand shrinks in place");
    free(block);

    struct tm tm;
    unsigned ms = _getsystime(&tm);
    Expect(ms < 1000 && tm.tm_mon >= 0 && tm.tm_mon < 12 && tm.tm_isdst == -1 && tm.tm_year > 100,
           "_getsystime: milliseconds, the local time, tm_isdst -1");
    wchar_t wdate[9], wtime[9];
    Expect(_wstrdate(wdate) == wdate && wcslen(wdate) == 8 && wdate[2] == L'/' && wdate[5] == L'/', "_wstrdate: mm/dd/yy");
    Expect(_wstrtime(wtime) == wtime && wcslen(wtime) == 8 && wtime[2] == L':' && wtime[5] == L':', "_wstrtime: hh:mm:ss");
    time_t zero = 0;
    struct tm *utc = gmtime(&zero);
    Expect(!wcscmp(_wasctime(utc), L"Thu Jan 01 00:00:00 1970\n"), "_wasctime of the epoch");
    Expect(_wctime(&zero) && wcslen(_wctime(&zero)) == 25, "_wctime");

    /* The Windows version ntmm reports (XP, 5.1.2600) and the program. */
    Expect(_winmajor == 5 && _winminor == 1 && _winver == 0x501 && _osver == 2600, "_winmajor 5, _winminor 1, _winver 0x501, _osver 2600");
    Expect(*__p__winver() == 0x501 && *__p__osver() == 2600, "__p__winver, __p__osver");
    const char *name = strrchr(argv[0], '\\') ? strrchr(argv[0], '\\') + 1 : argv[0];
    Expect(_pgmptr && strstr(_pgmptr, name) && _pgmptr[1] == ':', "_pgmptr: the program's full path");
    Expect(_wpgmptr && _wpgmptr[1] == L':' && wcslen(_wpgmptr) == strlen(_pgmptr), "_wpgmptr");
    Expect(__wargv == NULL, "__wargv: NULL in a narrow program");
    int wargc = 0;
    wchar_t **wargv = NULL, **wenv = NULL;
    STARTUPINFO_CRT info = {0};
    Expect(__wgetmainargs(&wargc, &wargv, &wenv, 0, &info) == 0 && wargc == 3 && !wcscmp(wargv[1], L"two words") &&
               !wcscmp(wargv[2], L"quote\"inside") && wenv && __wargv == wargv,
           "__wgetmainargs splits as __getmainargs");

    /* Console I/O: _ungetch's one character, then standard input. */
    Expect(_kbhit() == 0, "_kbhit: nothing pushed back, it does not wait");
    Expect(_ungetch('x') == 'x' && _ungetch('y') == EOF && _kbhit() && _getch() == 'x' && !_kbhit(),
           "_ungetch: one character, a second refused");
    char line[8] = {5};
    char *text = _cgets(line);
    Expect(text == line + 2 && line[1] == 5 && !strcmp(text, "hello"), "_cgets stops at buffer[0] characters");
    fflush(stdout);   /* _getche's echo goes to the console, past stdout's buffer */
    Expect(_getch() == ' ' && _getche() == 'w', "_getch, _getche");
    line[0] = 7;
    text = _cgets(line);
    Expect(line[1] == 4 && !strcmp(text, "orld"), "_cgets stops at the line end");
    Expect(_getch() == 'z' && _getch() == '\r', "_getch gives the line end as '\\r'");
    fflush(stdout);
    ConsoleOut();

    printf("%d failures\n", Failures);
    return Failures;
}
