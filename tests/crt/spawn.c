/*
 * The spawn and exec families on ntmm's processes, against msvcrt.dll's
 * answers: _P_WAIT returns the child's exit code, _P_NOWAIT its process
 * handle, which _cwait waits on (exit code into *status, the handle
 * returned); the arguments are joined by spaces without quoting, so one
 * with a blank arrives as two (msvcrt's _cenvarg; Wine's msvcrt_argvtos);
 * a missing program is -1 with ENOENT; _cwait on a handle that is no
 * process is -1 with ECHILD (Wine's _cwait); an exec starts the child and
 * ends the caller with exit code 0 (msvcrt's dospawn: _exit(0)).
 * The same program is the child: "child N" prints its arguments, exits N.
 */
#include <errno.h>
#include <process.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int Failures;

static void Expect(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
    Failures += !ok;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "child")) {
        printf("child:");
        for (int i = 2; i < argc; i++) {
            printf(" [%s]", argv[i]);
        }
        printf("\n");
        return atoi(argv[2]) + argc;
    }
    const char *self = argv[0];   /* a name ntmm's CreateProcess finds */
    fflush(stdout);
    intptr_t code = _spawnl(_P_WAIT, self, self, "child", "7", NULL);
    Expect(code == 7 + 3, "_spawnl _P_WAIT: the child's exit code");
    fflush(stdout);
    const char *args[] = {self, "child", "1", "two words", NULL};
    code = _spawnv(_P_WAIT, self, args);
    Expect(code == 1 + 5, "_spawnv: \"two words\" arrives as two arguments");
    fflush(stdout);
    intptr_t handle = _spawnl(_P_NOWAIT, self, self, "child", "20", NULL);
    int status = -5;
    Expect(handle > 0 && _cwait(&status, handle, _WAIT_CHILD) == handle && status == 23,
           "_P_NOWAIT's handle; _cwait gives the exit code");
    errno = 0;
    Expect(_cwait(&status, (intptr_t)0x1234, _WAIT_CHILD) == -1 && errno == ECHILD && status == -1,
           "_cwait on no process: -1, ECHILD");
    errno = 0;
    Expect(_spawnl(_P_WAIT, "C:\\no\\such.exe", "such", NULL) == -1 && errno == ENOENT, "a missing program: -1, ENOENT");
    errno = 0;
    Expect(_spawnl(9, self, self, NULL) == -1 && errno == EINVAL, "an unknown mode: -1, EINVAL");
    fflush(stdout);
    code = _spawnlp(_P_WAIT, self, self, "child", "3", NULL);
    Expect(code == 3 + 3, "_spawnlp");
    printf("%d failures; exec\n", Failures);
    fflush(stdout);
    _execl(self, self, "child", "9", NULL);
    printf("FAIL _execl returned\n");
    return 1;
}
