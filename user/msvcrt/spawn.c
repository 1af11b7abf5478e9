/*
 * The spawn and exec families over CreateProcess, as msvcrt.dll runs
 * them: the command line is the arguments joined by single spaces, not
 * quoted (msvcrt's _cenvarg; an argument with a blank arrives split), the
 * program is the name given (CreateProcess adds ".exe" when it has no
 * extension); the 'p' forms, when that fails with ENOENT and the name has
 * no directory, try each directory of PATH. The mode says what follows:
 * _P_WAIT waits and returns the exit code, _P_NOWAIT and _P_NOWAITO return
 * the process handle (for _cwait), _P_DETACH returns 0, and _P_OVERLAY,
 * the exec family, ends the caller with exit code 0 once the child is
 * started (msvcrt's dospawn: "_exit(0)"; Wine's msvcrt_spawn too).
 * The 'e' forms pass their environment as CreateProcess's block, a UTF-16
 * one (the narrow forms widen everything first, as msvcrt.dll's do). The
 * child inherits every inheritable handle and the descriptors from 3 on
 * that are not _O_NOINHERIT (lpReserved2).
 */
#include "msvcrt/crtfill.h"

#define P_WAIT 0
#define P_NOWAIT 1
#define P_OVERLAY 2
#define P_NOWAITO 3
#define P_DETACH 4
#define INFINITE_WAIT 0xFFFFFFFFu
#define WAIT_OBJECT_0 0

static intptr_t Finish(int mode, PROCESS_INFORMATION *pi);

static intptr_t SpawnW(int mode, const WCHAR *name, const WCHAR *const *argv, const WCHAR *const *envp,
                       int search);

/* The narrow forms widen their strings in the ANSI code page and start
 * the child through the wide ones, as msvcrt.dll does. */
static intptr_t Spawn(int mode, const char *name, const char *const *argv, const char *const *envp, int search)
{
    if (!name || !argv || mode < P_WAIT || mode > P_DETACH) {
        return CrtSetErrno(EINVAL, 0);
    }
    const char *names[2] = {name, NULL};
    WCHAR **wide_name = CrtWidenStrings(names);
    WCHAR **wide_argv = CrtWidenStrings(argv);
    WCHAR **wide_envp = envp ? CrtWidenStrings(envp) : NULL;
    intptr_t result = !wide_name || !wide_argv || (envp && !wide_envp)
                          ? CrtSetErrno(ENOMEM, ERROR_NOT_ENOUGH_MEMORY)
                          : SpawnW(mode, wide_name[0], (const WCHAR *const *)wide_argv,
                                   (const WCHAR *const *)wide_envp, search);
    CrtFreeStrings(wide_name);
    CrtFreeStrings(wide_argv);
    CrtFreeStrings(wide_envp);
    return result;
}

/* What the mode says to do with the started child. */
static intptr_t Finish(int mode, PROCESS_INFORMATION *pi)
{
    PROCESS_INFORMATION p = *pi;
    CloseHandle(p.hThread);
    switch (mode) {
    case P_WAIT: {
        DWORD code = 0;
        WaitForSingleObject(p.hProcess, INFINITE_WAIT);
        GetExitCodeProcess(p.hProcess, &code);
        CloseHandle(p.hProcess);
        return (intptr_t)code;
    }
    case P_OVERLAY:
        _exit(0);
        return 0;   /* not reached */
    case P_DETACH:
        CloseHandle(p.hProcess);
        return 0;
    default:
        return (intptr_t)p.hProcess;
    }
}

/* The list forms: the arguments after the name, up to a NULL (then, for
 * the 'e' forms, the environment). */
static const char *const *ListEnvironment(const char *const *list)
{
    while (*list) {
        list++;
    }
    return (const char *const *)list[1];
}

intptr_t CDECL _spawnv(int mode, const char *name, const char *const *argv) { return Spawn(mode, name, argv, NULL, 0); }
intptr_t CDECL _spawnve(int mode, const char *name, const char *const *argv, const char *const *envp) { return Spawn(mode, name, argv, envp, 0); }
intptr_t CDECL _spawnvp(int mode, const char *name, const char *const *argv) { return Spawn(mode, name, argv, NULL, 1); }
intptr_t CDECL _spawnvpe(int mode, const char *name, const char *const *argv, const char *const *envp) { return Spawn(mode, name, argv, envp, 1); }
intptr_t CDECL _spawnl(int mode, const char *name, const char *arg0, ...) { return Spawn(mode, name, &arg0, NULL, 0); }
intptr_t CDECL _spawnle(int mode, const char *name, const char *arg0, ...) { return Spawn(mode, name, &arg0, ListEnvironment(&arg0), 0); }
intptr_t CDECL _spawnlp(int mode, const char *name, const char *arg0, ...) { return Spawn(mode, name, &arg0, NULL, 1); }
intptr_t CDECL _spawnlpe(int mode, const char *name, const char *arg0, ...) { return Spawn(mode, name, &arg0, ListEnvironment(&arg0), 1); }

intptr_t CDECL _execv(const char *name, const char *const *argv) { return Spawn(P_OVERLAY, name, argv, NULL, 0); }
intptr_t CDECL _execve(const char *name, const char *const *argv, const char *const *envp) { return Spawn(P_OVERLAY, name, argv, envp, 0); }
intptr_t CDECL _execvp(const char *name, const char *const *argv) { return Spawn(P_OVERLAY, name, argv, NULL, 1); }
intptr_t CDECL _execvpe(const char *name, const char *const *argv, const char *const *envp) { return Spawn(P_OVERLAY, name, argv, envp, 1); }
intptr_t CDECL _execl(const char *name, const char *arg0, ...) { return Spawn(P_OVERLAY, name, &arg0, NULL, 0); }
intptr_t CDECL _execle(const char *name, const char *arg0, ...) { return Spawn(P_OVERLAY, name, &arg0, ListEnvironment(&arg0), 0); }
intptr_t CDECL _execlp(const char *name, const char *arg0, ...) { return Spawn(P_OVERLAY, name, &arg0, NULL, 1); }
intptr_t CDECL _execlpe(const char *name, const char *arg0, ...) { return Spawn(P_OVERLAY, name, &arg0, ListEnvironment(&arg0), 1); }

#define CREATE_UNICODE_ENVIRONMENT 0x400u

static WCHAR *JoinArgumentsW(const WCHAR *const *argv)
{
    size_t length = 1;
    for (const WCHAR *const *a = argv; a && *a; a++) {
        length += wcslen(*a) + 1;
    }
    WCHAR *line = malloc(length * sizeof *line);
    if (!line) {
        return NULL;
    }
    WCHAR *p = line;
    for (const WCHAR *const *a = argv; a && *a; a++) {
        if (p != line) {
            *p++ = ' ';
        }
        size_t n = wcslen(*a);
        memcpy(p, *a, n * sizeof *p);
        p += n;
    }
    *p = 0;
    return line;
}

static WCHAR *JoinEnvironmentW(const WCHAR *const *envp)
{
    if (!envp) {
        return NULL;
    }
    size_t length = 2;
    for (const WCHAR *const *e = envp; *e; e++) {
        length += wcslen(*e) + 1;
    }
    WCHAR *block = calloc(length, sizeof *block); /* ends with two NULs, even when empty */
    if (!block) {
        return NULL;
    }
    WCHAR *p = block;
    for (const WCHAR *const *e = envp; *e; e++) {
        size_t n = wcslen(*e) + 1;
        memcpy(p, *e, n * sizeof *p);
        p += n;
    }
    return block;
}

/* The child inherits the descriptors (3 on) that are not _O_NOINHERIT:
 * their handles by bInheritHandles, their numbers and flags in
 * lpReserved2, which its msvcrt reads at start (lowio.c). */
static int StartW(const WCHAR *program, WCHAR *line, WCHAR *environment, PROCESS_INFORMATION *pi)
{
    STARTUPINFOA si;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    si.lpReserved2 = CrtBuildInheritBlock(&si.cbReserved2);
    BOOL started = CreateProcessW(program, line, NULL, NULL, TRUE,
                                  environment ? CREATE_UNICODE_ENVIRONMENT : 0, environment, NULL,
                                  &si, pi);
    DWORD error = GetLastError();
    free(si.lpReserved2);
    if (!started) {
        _dosmaperr(error);
        return 0;
    }
    return 1;
}

static int StartOnPathW(const WCHAR *name, WCHAR *line, WCHAR *environment, PROCESS_INFORMATION *pi)
{
    if (wcspbrk(name, L"\\/:")) {
        return 0;
    }
    const WCHAR *path = _wgetenv(L"PATH");
    size_t name_length = wcslen(name);
    while (path && *path) {
        const WCHAR *end = wcschr(path, ';');
        size_t n = end ? (size_t)(end - path) : wcslen(path);
        WCHAR candidate[520];
        if (n && n + name_length + 2 < sizeof candidate / sizeof *candidate) {
            memcpy(candidate, path, n * sizeof *candidate);
            if (candidate[n - 1] != '\\' && candidate[n - 1] != '/') {
                candidate[n++] = '\\';
            }
            memcpy(candidate + n, name, (name_length + 1) * sizeof *candidate);
            if (StartW(candidate, line, environment, pi)) {
                return 1;
            }
        }
        path = end ? end + 1 : NULL;
    }
    CrtSetErrno(ENOENT, ERROR_FILE_NOT_FOUND);
    return 0;
}

static intptr_t SpawnW(int mode, const WCHAR *name, const WCHAR *const *argv, const WCHAR *const *envp,
                       int search)
{
    if (!name || !argv || mode < P_WAIT || mode > P_DETACH) {
        return CrtSetErrno(EINVAL, 0);
    }
    WCHAR *line = JoinArgumentsW(argv);
    WCHAR *environment = JoinEnvironmentW(envp);
    if (!line || (envp && !environment)) {
        free(line);
        free(environment);
        return CrtSetErrno(ENOMEM, ERROR_NOT_ENOUGH_MEMORY);
    }
    PROCESS_INFORMATION pi;
    int started = StartW(name, line, environment, &pi) ||
                  (search && errno == ENOENT && StartOnPathW(name, line, environment, &pi));
    free(line);
    free(environment);
    return started ? Finish(mode, &pi) : -1;
}

static const WCHAR *const *ListEnvironmentW(const WCHAR *const *list)
{
    while (*list) {
        list++;
    }
    return (const WCHAR *const *)list[1];
}

intptr_t CDECL _wspawnv(int mode, const WCHAR *name, const WCHAR *const *argv) { return SpawnW(mode, name, argv, NULL, 0); }
intptr_t CDECL _wspawnve(int mode, const WCHAR *name, const WCHAR *const *argv, const WCHAR *const *envp) { return SpawnW(mode, name, argv, envp, 0); }
intptr_t CDECL _wspawnvp(int mode, const WCHAR *name, const WCHAR *const *argv) { return SpawnW(mode, name, argv, NULL, 1); }
intptr_t CDECL _wspawnvpe(int mode, const WCHAR *name, const WCHAR *const *argv, const WCHAR *const *envp) { return SpawnW(mode, name, argv, envp, 1); }
intptr_t CDECL _wspawnl(int mode, const WCHAR *name, const WCHAR *arg0, ...) { return SpawnW(mode, name, &arg0, NULL, 0); }
intptr_t CDECL _wspawnle(int mode, const WCHAR *name, const WCHAR *arg0, ...) { return SpawnW(mode, name, &arg0, ListEnvironmentW(&arg0), 0); }
intptr_t CDECL _wspawnlp(int mode, const WCHAR *name, const WCHAR *arg0, ...) { return SpawnW(mode, name, &arg0, NULL, 1); }
intptr_t CDECL _wspawnlpe(int mode, const WCHAR *name, const WCHAR *arg0, ...) { return SpawnW(mode, name, &arg0, ListEnvironmentW(&arg0), 1); }

intptr_t CDECL _wexecv(const WCHAR *name, const WCHAR *const *argv) { return SpawnW(P_OVERLAY, name, argv, NULL, 0); }
intptr_t CDECL _wexecve(const WCHAR *name, const WCHAR *const *argv, const WCHAR *const *envp) { return SpawnW(P_OVERLAY, name, argv, envp, 0); }
intptr_t CDECL _wexecvp(const WCHAR *name, const WCHAR *const *argv) { return SpawnW(P_OVERLAY, name, argv, NULL, 1); }
intptr_t CDECL _wexecvpe(const WCHAR *name, const WCHAR *const *argv, const WCHAR *const *envp) { return SpawnW(P_OVERLAY, name, argv, envp, 1); }
intptr_t CDECL _wexecl(const WCHAR *name, const WCHAR *arg0, ...) { return SpawnW(P_OVERLAY, name, &arg0, NULL, 0); }
intptr_t CDECL _wexecle(const WCHAR *name, const WCHAR *arg0, ...) { return SpawnW(P_OVERLAY, name, &arg0, ListEnvironmentW(&arg0), 0); }
intptr_t CDECL _wexeclp(const WCHAR *name, const WCHAR *arg0, ...) { return SpawnW(P_OVERLAY, name, &arg0, NULL, 1); }
intptr_t CDECL _wexeclpe(const WCHAR *name, const WCHAR *arg0, ...) { return SpawnW(P_OVERLAY, name, &arg0, ListEnvironmentW(&arg0), 1); }

/* _cwait: waits for the process, its exit code into *status; the handle
 * is closed (msvcrt's wait.c). -1 with ECHILD for a handle that is no
 * process. */
intptr_t CDECL _cwait(int *status, intptr_t process, int action)
{
    (void)action;   /* _WAIT_CHILD and _WAIT_GRANDCHILD wait alike on Windows */
    if (WaitForSingleObject((HANDLE)process, INFINITE_WAIT) != WAIT_OBJECT_0) {
        DWORD error = GetLastError();
        if (error == ERROR_INVALID_HANDLE) {
            CrtSetErrno(ECHILD, error);
        } else {
            _dosmaperr(error);
        }
        if (status) {
            *status = -1;
        }
        return -1;
    }
    if (status) {
        DWORD code = 0;
        GetExitCodeProcess((HANDLE)process, &code);
        *status = (int)code;
    }
    CloseHandle((HANDLE)process);
    return process;
}
