/*
 * _popen and _pclose. msvcrt runs the command through the command
 * interpreter (%COMSPEC% /c command); ntmm has no cmd.exe, so the command
 * line is run directly: its first word is the program (found as
 * CreateProcess finds it: beside the caller first), the rest its
 * arguments. What only a shell gives (redirections, pipelines, built-in
 * commands like "dir" or "echo") is not there; a program that cannot be
 * started makes _popen return NULL with errno set (ENOENT), where cmd.exe
 * would start, complain and exit 1.
 *
 * The child's stdout ("r") or stdin ("w") is one end of an anonymous pipe,
 * the caller's stream the other; its other standard handles are the
 * caller's (duplicated inheritable for the call, as msvcrt does). The
 * caller's end is not inherited, so the child sees end of file once the
 * caller closes it. _pclose closes the stream, waits for the child and
 * returns its exit code.
 */
#include "msvcrt/crtfill.h"

#define INFINITE_WAIT 0xFFFFFFFFu

typedef struct POPEN_ENTRY {
    FILE *Stream;
    HANDLE Process;
} POPEN_ENTRY;

static POPEN_ENTRY Children[32];

/* The caller's standard handle `which` as an inheritable duplicate (NULL
 * if it has none). */
static HANDLE InheritableCopy(DWORD which)
{
    HANDLE h = GetStdHandle(which), copy = NULL;
    if (h && h != INVALID_HANDLE_VALUE &&
        !DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &copy, 0, TRUE,
                         DUPLICATE_SAME_ACCESS)) {
        copy = NULL;
    }
    return copy;
}

FILE *CDECL _popen(const char *command, const char *mode)
{
    if (!command || !mode || (mode[0] != 'r' && mode[0] != 'w')) {
        CrtSetErrno(EINVAL, 0);
        return NULL;
    }
    int reading = mode[0] == 'r';
    int textmode = _O_NOINHERIT;
    for (const char *m = mode + 1; *m; m++) {
        if (*m == 'b') {
            textmode |= _O_BINARY;
        } else if (*m == 't') {
            textmode |= _O_TEXT;
        } else {
            CrtSetErrno(EINVAL, 0);
            return NULL;
        }
    }
    int slot = 0;
    while (slot < (int)(sizeof Children / sizeof Children[0]) && Children[slot].Stream) {
        slot++;
    }
    if (slot == (int)(sizeof Children / sizeof Children[0])) {
        CrtSetErrno(EMFILE, 0);
        return NULL;
    }
    /* Both ends uninheritable; the child's is duplicated inheritable. */
    int fds[2];
    if (_pipe(fds, 4096, textmode) != 0) {
        return NULL;
    }
    int mine = reading ? fds[0] : fds[1], theirs = reading ? fds[1] : fds[0];
    HANDLE child_end = NULL;
    DuplicateHandle(GetCurrentProcess(), (HANDLE)_get_osfhandle(theirs), GetCurrentProcess(),
                    &child_end, 0, TRUE, DUPLICATE_SAME_ACCESS);
    _close(theirs);
    STARTUPINFOA si;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = reading ? InheritableCopy(STD_INPUT_HANDLE) : child_end;
    si.hStdOutput = reading ? child_end : InheritableCopy(STD_OUTPUT_HANDLE);
    si.hStdError = InheritableCopy(STD_ERROR_HANDLE);
    size_t length = strlen(command);
    char *line = malloc(length + 1);
    PROCESS_INFORMATION pi;
    BOOL started = FALSE;
    DWORD error = ERROR_NOT_ENOUGH_MEMORY;
    if (line && child_end) {
        memcpy(line, command, length + 1);
        started = CreateProcessA(NULL, line, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
        error = GetLastError();
    }
    free(line);
    if (si.hStdInput) {
        CloseHandle(si.hStdInput);
    }
    if (si.hStdOutput && si.hStdOutput != si.hStdInput) {
        CloseHandle(si.hStdOutput);
    }
    if (si.hStdError) {
        CloseHandle(si.hStdError);
    }
    if (!started) {
        _close(mine);
        _dosmaperr(error);
        return NULL;
    }
    CloseHandle(pi.hThread);
    FILE *stream = _fdopen(mine, reading ? (textmode & _O_BINARY ? "rb" : "r")
                                         : (textmode & _O_BINARY ? "wb" : "w"));
    if (!stream) {
        _close(mine);
        CloseHandle(pi.hProcess);
        return NULL;
    }
    Children[slot].Stream = stream;
    Children[slot].Process = pi.hProcess;
    return stream;
}

FILE *CDECL _wpopen(const WCHAR *command, const WCHAR *mode)
{
    char narrow[1024], narrow_mode[8];
    if (!command || !mode ||
        !WideCharToMultiByte(0, 0, command, -1, narrow, sizeof narrow, NULL, NULL) ||
        !WideCharToMultiByte(0, 0, mode, -1, narrow_mode, sizeof narrow_mode, NULL, NULL)) {
        CrtSetErrno(EINVAL, 0);
        return NULL;
    }
    return _popen(narrow, narrow_mode);
}

/* The child's exit code, once it has ended; -1 (EINVAL) for a stream
 * _popen did not return. */
int CDECL _pclose(FILE *stream)
{
    for (size_t i = 0; stream && i < sizeof Children / sizeof Children[0]; i++) {
        if (Children[i].Stream == stream) {
            HANDLE process = Children[i].Process;
            Children[i].Stream = NULL;
            Children[i].Process = NULL;
            fclose(stream);
            DWORD code = (DWORD)-1;
            WaitForSingleObject(process, INFINITE_WAIT);
            GetExitCodeProcess(process, &code);
            CloseHandle(process);
            return (int)code;
        }
    }
    return CrtSetErrno(EINVAL, 0);
}
