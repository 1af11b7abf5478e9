/*
 * A parent and its child talking through pipes, as Windows console
 * programs do (Microsoft's "Creating a Child Process with Redirected Input
 * and Output"): the child's standard handles are pipe ends it inherited
 * (STARTF_USESTDHANDLES), it reads its stdin to the end (the parent closed
 * the write end: end of file) and answers on its stdout. Handle inheritance
 * (Windows' answers): with bInheritHandles TRUE the handles created
 * inheritable (SECURITY_ATTRIBUTES.bInheritHandle, or HANDLE_FLAG_INHERIT
 * set later) are valid in the child at the same values, and the others
 * are not; with FALSE none is. The environment: NULL gives the child the
 * parent's current environment (SetEnvironmentVariable's changes too); an
 * ANSI block, or a UTF-16 one with CREATE_UNICODE_ENVIRONMENT, is the
 * child's whole environment.
 */
#include <ctype.h>
#include <stdlib.h>

#include "../guesttest.h"

static char Self[MAX_PATH];

/* Runs "Self arguments" with stdin from `input` (NULL: nothing) and stdout
 * and stderr into `output`; returns the exit code (or 999). */
static DWORD RunWithPipes(const char *arguments, BOOL inherit, DWORD flags, void *environment,
                          const char *input, char *output, size_t size)
{
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    HANDLE in_r, in_w, out_r, out_w;
    if (!CreatePipe(&in_r, &in_w, &sa, 0) || !CreatePipe(&out_r, &out_w, &sa, 0)) {
        return 999;
    }
    /* The parent's ends stay here. */
    SetHandleInformation(in_w, HANDLE_FLAG_INHERIT, 0);
    SetHandleInformation(out_r, HANDLE_FLAG_INHERIT, 0);
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = in_r;
    si.hStdOutput = out_w;
    si.hStdError = out_w;
    char line[512];
    snprintf(line, sizeof line, "%s %s", Self, arguments);
    BOOL started = CreateProcessA(NULL, line, NULL, NULL, inherit, flags, environment, NULL, &si, &pi);
    CloseHandle(in_r);
    CloseHandle(out_w);
    DWORD n, code = 999;
    if (started) {
        if (input) {
            WriteFile(in_w, input, (DWORD)strlen(input), &n, NULL);
        }
        CloseHandle(in_w);
        size_t total = 0;
        while (total + 1 < size && ReadFile(out_r, output + total, (DWORD)(size - 1 - total), &n, NULL)) {
            total += n;
        }
        output[total] = 0;
        WaitForSingleObject(pi.hProcess, INFINITE);
        GetExitCodeProcess(pi.hProcess, &code);
        CloseHandle(pi.hProcess);
        CloseHandle(pi.hThread);
    } else {
        CloseHandle(in_w);
        output[0] = 0;
    }
    CloseHandle(out_r);
    return code;
}

static int Valid(const char *text)
{
    DWORD flags;
    return GetHandleInformation((HANDLE)(ULONG_PTR)strtoul(text, NULL, 0), &flags);
}

static int Child(int argc, char **argv)
{
    if (!strcmp(argv[1], "upper")) {
        /* msvcrt's stdin and stdout are the inherited pipe ends. */
        char line[128];
        int lines = 0;
        while (fgets(line, sizeof line, stdin)) {
            for (char *c = line; *c; c++) {
                *c = (char)toupper((unsigned char)*c);
            }
            fputs(line, stdout);
            lines++;
        }
        fflush(stdout); /* stdout to a pipe is buffered; stderr is not */
        fprintf(stderr, "child: %d lines, stdin is a %s\n", lines,
                GetFileType(GetStdHandle(STD_INPUT_HANDLE)) == FILE_TYPE_PIPE ? "pipe" : "what?");
        return 0;
    }
    if (!strcmp(argv[1], "probe") && argc == 4) {
        return Valid(argv[2]) | Valid(argv[3]) << 1;
    }
    if (!strcmp(argv[1], "env")) {
        for (int i = 2; i < argc; i++) {
            const char *value = getenv(argv[i]);
            printf("%s=%s\n", argv[i], value ? value : "(none)");
        }
        return 0;
    }
    return 100;
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        return Child(argc, argv);
    }
    snprintf(Self, sizeof Self, "%s", argv[0]); /* a name ntmm's CreateProcess finds */
    char output[1024];

    DWORD code = RunWithPipes("upper", TRUE, 0, NULL, "hello pipes\r\nsecond line\r\n", output,
                              sizeof output);
    Check(code == 0, "the child ran and exited 0");
    Check(!strcmp(output, "HELLO PIPES\r\nSECOND LINE\r\nchild: 2 lines, stdin is a pipe\r\n"),
          "its answer came back through the other pipe (stdout and stderr)");

    /* Inheritance: one inheritable event, one not; then the flag set later. */
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    HANDLE yes = CreateEventA(&sa, TRUE, FALSE, NULL);
    HANDLE no = CreateEventA(NULL, TRUE, FALSE, NULL);
    DWORD flags = 0;
    Check(GetHandleInformation(yes, &flags) && flags == HANDLE_FLAG_INHERIT,
          "bInheritHandle TRUE: HANDLE_FLAG_INHERIT");
    char arguments[64];
    snprintf(arguments, sizeof arguments, "probe %lu %lu", (unsigned long)(ULONG_PTR)yes,
             (unsigned long)(ULONG_PTR)no);
    Check(RunWithPipes(arguments, TRUE, 0, NULL, NULL, output, sizeof output) == 1,
          "bInheritHandles TRUE: the inheritable handle is valid in the child, the other not");
    Check(RunWithPipes(arguments, FALSE, 0, NULL, NULL, output, sizeof output) == 0,
          "bInheritHandles FALSE: neither is");
    Check(SetHandleInformation(no, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT), "SetHandleInformation(HANDLE_FLAG_INHERIT)");
    Check(RunWithPipes(arguments, TRUE, 0, NULL, NULL, output, sizeof output) == 3,
          "then both are inherited");
    CloseHandle(yes);
    CloseHandle(no);

    /* No STARTF_USESTDHANDLES: the child gets the parent's standard
     * handles, here an inherited pipe set with SetStdHandle. */
    HANDLE r, w, saved = GetStdHandle(STD_OUTPUT_HANDLE);
    Check(CreatePipe(&r, &w, &sa, 0) && SetStdHandle(STD_OUTPUT_HANDLE, w), "SetStdHandle(STD_OUTPUT_HANDLE, an inheritable pipe)");
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    char line[300];
    snprintf(line, sizeof line, "%s env PIPES_NONE", Self);
    BOOL started = CreateProcessA(NULL, line, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
    SetStdHandle(STD_OUTPUT_HANDLE, saved);
    CloseHandle(w);
    DWORD n = 0;
    memset(output, 0, sizeof output);
    Check(started && ReadFile(r, output, sizeof output - 1, &n, NULL) &&
              !strcmp(output, "PIPES_NONE=(none)\r\n"),
          "without STARTF_USESTDHANDLES the child writes to the parent's standard output, the pipe");
    if (started) {
        WaitForSingleObject(pi.hProcess, INFINITE);
        CloseHandle(pi.hProcess);
        CloseHandle(pi.hThread);
    }
    CloseHandle(r);

    /* The environment. */
    SetEnvironmentVariableA("PIPES_COLOR", "green");
    RunWithPipes("env PIPES_COLOR ONLY", TRUE, 0, NULL, NULL, output, sizeof output);
    Check(!strcmp(output, "PIPES_COLOR=green\r\nONLY=(none)\r\n"),
          "lpEnvironment NULL: the parent's current environment, SetEnvironmentVariable's change too");
    static const char ansi[] = "ONLY=ansi block\0Z=1\0";
    RunWithPipes("env PIPES_COLOR ONLY Z", TRUE, 0, (void *)ansi, NULL, output, sizeof output);
    Check(!strcmp(output, "PIPES_COLOR=(none)\r\nONLY=ansi block\r\nZ=1\r\n"),
          "an ANSI block is the child's whole environment");
    static const WCHAR wide[] = L"ONLY=w\x00e9\0";
    RunWithPipes("env ONLY", TRUE, CREATE_UNICODE_ENVIRONMENT, (void *)wide, NULL, output,
                 sizeof output);
    Check(!strcmp(output, "ONLY=w\xe9\r\n"), "CREATE_UNICODE_ENVIRONMENT: a UTF-16 block");

    printf("%d failures\n", Failures);
    return Failures;
}
