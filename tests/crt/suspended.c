/* CreateProcess with CREATE_SUSPENDED: the child's first thread has a
 * suspend count of 1 and runs nothing until ResumeThread; SuspendThread
 * and ResumeThread return the count before their change; a suspended
 * child can be terminated without ever running. Windows' answers:
 * Microsoft's documentation of CreateProcess, SuspendThread and
 * ResumeThread; Wine's dlls/kernel32/tests/process.c (test_SuspendFlag)
 * and thread.c (test_SuspendThread). */
#include "../guesttest.h"

static BOOL Exists(const char *name)
{
    return GetFileAttributesA(name) != INVALID_FILE_ATTRIBUTES;
}

static BOOL Start(const char *self, const char *role, PROCESS_INFORMATION *pi)
{
    char line[MAX_PATH + 32];
    STARTUPINFOA si;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    snprintf(line, sizeof line, "suspended %s", role);
    return CreateProcessA(self, line, NULL, NULL, FALSE, CREATE_SUSPENDED, NULL, NULL, &si, pi);
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        /* The child: it leaves a mark, so the parent knows it ran. */
        char name[64];
        snprintf(name, sizeof name, "C:\\ran-%s", argv[1]);
        CloseHandle(CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL));
        return 7;
    }
    const char *self = argv[0]; /* a name ntmm's CreateProcess finds */
    PROCESS_INFORMATION pi;
    Check(Start(self, "one", &pi), "CreateProcess(CREATE_SUSPENDED)");
    DWORD code = 0;
    Check(WaitForSingleObject(pi.hProcess, 0) == WAIT_TIMEOUT && GetExitCodeProcess(pi.hProcess, &code) &&
              code == STILL_ACTIVE,
          "the child is alive: STILL_ACTIVE");
    Sleep(100);
    Check(!Exists("C:\\ran-one"), "100 ms later it still has not run");
    Check(SuspendThread(pi.hThread) == 1, "SuspendThread: the count was 1");
    Check(ResumeThread(pi.hThread) == 2, "ResumeThread: the count was 2");
    Sleep(100);
    Check(!Exists("C:\\ran-one"), "at count 1 it still waits");
    Check(ResumeThread(pi.hThread) == 1, "ResumeThread: the count was 1; it runs");
    Check(WaitForSingleObject(pi.hProcess, INFINITE) == WAIT_OBJECT_0 && GetExitCodeProcess(pi.hProcess, &code) &&
              code == 7,
          "it runs to its end: exit code 7");
    Check(Exists("C:\\ran-one"), "and left its mark");
    Check(ResumeThread(pi.hThread) == 0, "ResumeThread of a thread not suspended: 0");
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);

    Check(Start(self, "two", &pi), "another, suspended");
    Check(TerminateProcess(pi.hProcess, 42) && WaitForSingleObject(pi.hProcess, INFINITE) == WAIT_OBJECT_0 &&
              GetExitCodeProcess(pi.hProcess, &code) && code == 42,
          "terminated while suspended: exit code 42");
    Check(!Exists("C:\\ran-two"), "it never ran");
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);

    SetLastError(0xdeadbeef);
    Check(ResumeThread((HANDLE)0xdeadbee0) == (DWORD)-1 && GetLastError() == ERROR_INVALID_HANDLE,
          "ResumeThread of no handle: (DWORD)-1, ERROR_INVALID_HANDLE");
    SetLastError(0xdeadbeef);
    Check(SuspendThread((HANDLE)0xdeadbee0) == (DWORD)-1 && GetLastError() == ERROR_INVALID_HANDLE,
          "SuspendThread of no handle: (DWORD)-1, ERROR_INVALID_HANDLE");
    printf("%d failures\n", Failures);
    return Failures;
}
