/* CreateRemoteThread: a thread started in another process (this program
 * run again as "child"), at a routine of the child's own image, whose
 * return value is its exit code; the child's main thread waits for what
 * the remote thread signals. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

static int failures;
#define CHECK(cond, what)                                                      \
    do {                                                                       \
        if (!(cond)) {                                                         \
            printf("FAIL: %s (line %d)\n", what, __LINE__);                    \
            failures++;                                                        \
        }                                                                      \
    } while (0)

/* Runs in the child. */
static DWORD WINAPI RemoteMain(void *parameter)
{
    HANDLE go = OpenEventA(EVENT_ALL_ACCESS, FALSE, "ntmm-remote-go");
    SetEvent(go);
    CloseHandle(go);
    return (DWORD)(ULONG_PTR)parameter + 1;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "child") == 0) {
        HANDLE go = OpenEventA(EVENT_ALL_ACCESS, FALSE, "ntmm-remote-go");
        return go && WaitForSingleObject(go, INFINITE) == WAIT_OBJECT_0 ? 7 : 100;
    }
    HANDLE go = CreateEventA(NULL, TRUE, FALSE, "ntmm-remote-go");
    STARTUPINFOA si = {.cb = sizeof si};
    PROCESS_INFORMATION pi;
    char line[] = "remote.exe child";
    CHECK(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcess");
    DWORD id = 0;
    HANDLE remote = CreateRemoteThread(pi.hProcess, NULL, 0, RemoteMain, (void *)41, 0, &id);
    CHECK(remote != NULL && id != 0, "CreateRemoteThread");
    CHECK(GetProcessIdOfThread(remote) == pi.dwProcessId, "the thread is the child's");
    CHECK(WaitForSingleObject(remote, INFINITE) == WAIT_OBJECT_0, "it ended");
    DWORD code = 0;
    CHECK(GetExitCodeThread(remote, &code) && code == 42, "its exit code");
    CHECK(WaitForSingleObject(pi.hProcess, INFINITE) == WAIT_OBJECT_0, "the child ended");
    CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == 7, "after the remote thread signaled");
    CHECK(WaitForSingleObject(pi.hThread, 0) == WAIT_OBJECT_0 &&
              GetExitCodeThread(pi.hThread, &code) && code == 7,
          "its first thread's handle: ended with the process's code");
    CloseHandle(go);
    printf("%s\n", failures ? "remote: FAILED" : "remote: ok");
    return failures;
}
