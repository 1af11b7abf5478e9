/*
 * msvcrt's pipes and children, with msvcrt.dll's answers (Microsoft's _pipe
 * and _popen documentation and their examples; Wine's msvcrt tests):
 * _pipe's two descriptors carry bytes; a spawned child inherits an
 * inheritable pipe descriptor under the same number (the _pipe example
 * passes the number as an argument) and _read sees 0 (end of file) once
 * every write end has closed; _O_NOINHERIT keeps a descriptor from the
 * child; _popen reads a child's output and writes its input, _pclose
 * returns its exit code (the command's program runs directly: ntmm has no
 * cmd.exe, docs/crt.md); the 'e' spawns, narrow and wide, give the child
 * exactly their environment; the wide spawns run programs as the narrow.
 * The same program is the child ("child-..." arguments).
 */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <process.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static int Failures;

static void Expect(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
    Failures += !ok;
}

static int Child(int argc, char **argv)
{
    if (!strcmp(argv[1], "child-write") && argc == 3) {
        /* The _pipe example's child: writes to the descriptor it was given. */
        int fd = atoi(argv[2]);
        static const char text[] = "squares: 1 4 9 16";
        return _write(fd, text, sizeof text - 1) == (int)sizeof text - 1 ? 0 : 1;
    }
    if (!strcmp(argv[1], "child-probe") && argc == 3) {
        return _get_osfhandle(atoi(argv[2])) == -1 ? 20 : 21;
    }
    if (!strcmp(argv[1], "child-print")) {
        printf("first line\nsecond line\n");
        return 5;
    }
    if (!strcmp(argv[1], "child-count")) {
        char line[80];
        int lines = 0;
        while (fgets(line, sizeof line, stdin)) {
            lines++;
        }
        return 30 + lines;
    }
    if (!strcmp(argv[1], "child-env") && argc == 3) {
        const char *value = getenv(argv[2]);
        return value ? atoi(value) + (getenv("PATH") ? 100 : 0) : 99;
    }
    if (!strcmp(argv[1], "child-exit") && argc == 3) {
        return atoi(argv[2]);
    }
    return 100;
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        return Child(argc, argv);
    }
    const char *self = argv[0];
    wchar_t wself[260];
    mbstowcs(wself, self, 260);
    char buffer[128];
    int fds[2];

    Expect(_pipe(fds, 256, _O_BINARY) == 0 && fds[0] >= 3 && fds[1] >= 3, "_pipe: two new descriptors");
    Expect(_write(fds[1], "a\nb", 3) == 3 && _read(fds[0], buffer, sizeof buffer) == 3 &&
               !memcmp(buffer, "a\nb", 3),
           "_O_BINARY: the bytes as written");
    _close(fds[0]);
    _close(fds[1]);
    Expect(_pipe(fds, 256, _O_TEXT) == 0 && _write(fds[1], "a\nb", 3) == 3 &&
               _read(fds[0], buffer, sizeof buffer) == 3 && !memcmp(buffer, "a\nb", 3),
           "_O_TEXT: LF written as CR LF, read back as LF");
    _close(fds[0]);
    _close(fds[1]);
    errno = 0;
    Expect(_pipe(fds, 256, _O_TEXT | _O_BINARY) == -1 && errno == EINVAL, "_O_TEXT|_O_BINARY: EINVAL");

    /* The _pipe example: the child writes to the inherited descriptor. */
    Expect(_pipe(fds, 256, _O_BINARY) == 0, "_pipe for a child");
    char number[16];
    sprintf(number, "%d", fds[1]);
    fflush(stdout);
    Expect(_spawnl(_P_WAIT, self, self, "child-write", number, NULL) == 0,
           "the child wrote to the descriptor it inherited");
    _close(fds[1]);
    int got = _read(fds[0], buffer, sizeof buffer - 1);
    buffer[got > 0 ? got : 0] = 0;
    Expect(got == 17 && !strcmp(buffer, "squares: 1 4 9 16"), "the parent read what it wrote");
    Expect(_read(fds[0], buffer, sizeof buffer) == 0, "then _read: 0, every write end closed");
    _close(fds[0]);

    Expect(_pipe(fds, 256, _O_BINARY | _O_NOINHERIT) == 0, "_pipe(_O_NOINHERIT)");
    sprintf(number, "%d", fds[1]);
    Expect(_spawnl(_P_WAIT, self, self, "child-probe", number, NULL) == 20,
           "_O_NOINHERIT: not the child's descriptor");
    _close(fds[0]);
    _close(fds[1]);

    /* _popen: the command's program runs directly (no cmd.exe here). */
    char command[300];
    snprintf(command, sizeof command, "%s child-print", self);
    fflush(stdout);
    FILE *p = _popen(command, "r");
    Expect(p != NULL, "_popen(\"r\")");
    char line1[64] = "", line2[64] = "";
    Expect(p && fgets(line1, sizeof line1, p) && fgets(line2, sizeof line2, p) &&
               !strcmp(line1, "first line\n") && !strcmp(line2, "second line\n") &&
               !fgets(buffer, sizeof buffer, p),
           "its output, in text mode, then end of file");
    Expect(p && _pclose(p) == 5, "_pclose: the child's exit code");
    snprintf(command, sizeof command, "%s child-count", self);
    p = _popen(command, "w");
    Expect(p && fputs("one\ntwo\nthree\n", p) >= 0 && _pclose(p) == 33,
           "_popen(\"w\"): the child read 3 lines, then end of file");
    errno = 0;
    /* ntmm's answer, not Windows': without cmd.exe the program itself
     * must start (on Windows cmd.exe would, then exit 1: _pclose's 1). */
    Expect(_popen("no-such-program", "r") == NULL && errno == ENOENT,
           "_popen of a missing program: NULL, ENOENT (no cmd.exe here)");
    errno = 0;
    Expect(_pclose(stdout) == -1 && errno == EINVAL, "_pclose of another stream: -1, EINVAL");

    /* The environment of the 'e' forms: the child's whole environment. */
    const char *envp[] = {"NUM=9", NULL};
    Expect(_spawnle(_P_WAIT, self, self, "child-env", "NUM", NULL, envp) == 9,
           "_spawnle: NUM=9 and nothing else (no PATH)");
    const wchar_t *wenvp[] = {L"NUM=11", NULL};
    Expect(_wspawnle(_P_WAIT, wself, wself, L"child-env", L"NUM", NULL, wenvp) == 11,
           "_wspawnle: NUM=11 and nothing else");
    Expect(_wspawnl(_P_WAIT, wself, wself, L"child-exit", L"7", NULL) == 7, "_wspawnl _P_WAIT: the exit code");
    const wchar_t *wargs[] = {wself, L"child-exit", L"8", NULL};
    Expect(_wspawnv(_P_WAIT, wself, wargs) == 8, "_wspawnv _P_WAIT: the exit code");
    errno = 0;
    Expect(_wspawnl(_P_WAIT, L"no-such-program", L"x", NULL) == -1 && errno == ENOENT,
           "_wspawnl of a missing program: -1, ENOENT");

    printf("%d failures\n", Failures);
    return Failures;
}
