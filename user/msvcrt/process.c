/*
 * What msvcrt does about other programs and threads, here: there is no
 * command interpreter (no cmd.exe), so system(NULL) says so with 0 and
 * system fails with ENOENT, as msvcrt.dll does when it cannot find
 * COMSPEC's program (_popen runs its command's program directly: popen.c;
 * threads are thread.c's). _assert prints msvcrt's console message and aborts (exit 3).
 */
#include "msvcrt/crt.h"

int CDECL system(const char *command)
{
    if (!command) {
        return 0;            /* no command interpreter */
    }
    return CrtSetErrno(ENOENT, ERROR_FILE_NOT_FOUND);
}

int CDECL _wsystem(const WCHAR *command)
{
    if (!command) {
        return 0;
    }
    return CrtSetErrno(ENOENT, ERROR_FILE_NOT_FOUND);
}

int CDECL _getpid(void) { return (int)GetCurrentProcessId(); }

void CDECL abort(void);

void CDECL _assert(const char *expression, const char *file, unsigned line)
{
    char text[1024];
    _snprintf(text, sizeof text, "Assertion failed: %s, file %s, line %u\n", expression, file, line);
    text[sizeof text - 1] = 0;
    fflush(crt_stderr);
    _write(2, text, (unsigned int)strlen(text));
    abort();
}

void CDECL _wassert(const WCHAR *expression, const WCHAR *file, unsigned line)
{
    char e[512], f[260];
    if (WideCharToMultiByte(CP_ACP, 0, expression, -1, e, sizeof e, NULL, NULL) <= 0) {
        e[0] = 0;
    }
    if (WideCharToMultiByte(CP_ACP, 0, file, -1, f, sizeof f, NULL, NULL) <= 0) {
        f[0] = 0;
    }
    _assert(e, f, line);
}
