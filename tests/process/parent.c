/*
 * Several processes: CreateProcess, WaitForSingleObject on a process,
 * GetExitCodeProcess, TerminateProcess; each process its own address space
 * (the same address holds different pages), a named section shared by two
 * processes, a section handle duplicated into another process.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

static int Failures;
static void Check(int ok, const char *what)
{
    if (!ok) {
        printf("FAIL: %s (error %lu)\n", what, GetLastError());
        Failures++;
    }
}

static PROCESS_INFORMATION Start(const char *command_line)
{
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    memset(&si, 0, sizeof si);
    memset(&pi, 0, sizeof pi);
    si.cb = sizeof si;
    char line[256];
    strcpy(line, command_line);
    if (!CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
        printf("FAIL: CreateProcess(%s) (error %lu)\n", command_line, GetLastError());
        Failures++;
    }
    return pi;
}

int main(void)
{
    /* A named section both processes map; a private page at the same
     * address in each. */
    HANDLE section = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x10000,
                                        "Local\\ntmm-process-test");
    char *view = MapViewOfFile(section, FILE_MAP_WRITE, 0, 0, 0);
    Check(view != NULL, "a view of the named section");
    strcpy(view, "hello from the parent");
    unsigned *mine = VirtualAlloc((void *)0x30000000, 4096, MEM_RESERVE | MEM_COMMIT,
                                  PAGE_READWRITE);
    Check(mine == (unsigned *)0x30000000, "a private page at 0x30000000");
    *mine = 0xFACE;

    PROCESS_INFORMATION pi = Start("child.exe shared 7");
    Check(pi.dwProcessId != 0 && pi.dwProcessId != GetCurrentProcessId(), "a new process id");
    Check(GetProcessId(pi.hProcess) == pi.dwProcessId, "GetProcessId");
    Check(WaitForSingleObject(pi.hProcess, INFINITE) == WAIT_OBJECT_0, "wait for it to end");
    DWORD code = 0;
    Check(GetExitCodeProcess(pi.hProcess, &code) && code == 7, "its exit code, 7");
    Check(strcmp(view + 100, "hello from the child") == 0, "the child's write, in our view");
    Check(*mine == 0xFACE, "our page at 0x30000000 is still ours");
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);

    /* A handle duplicated into another process. */
    strcpy(view + 200, "duplicated");
    HANDLE self = NULL;
    Check(DuplicateHandle(GetCurrentProcess(), GetCurrentProcess(), GetCurrentProcess(), &self, 0,
                          FALSE, DUPLICATE_SAME_ACCESS), "a real handle to ourselves");
    PROCESS_INFORMATION spin = Start("child.exe spin");
    HANDLE theirs = NULL;
    Check(DuplicateHandle(GetCurrentProcess(), section, spin.hProcess, &theirs, 0, FALSE,
                          DUPLICATE_SAME_ACCESS), "DuplicateHandle into another process");
    char line[64];
    sprintf(line, "child.exe dup 0x%lx", (unsigned long)(ULONG_PTR)theirs);
    (void)line;

    /* A process that never ends: still active, waits time out, and
     * TerminateProcess ends it with our code. */
    Check(GetExitCodeProcess(spin.hProcess, &code) && code == STILL_ACTIVE, "STILL_ACTIVE");
    Check(WaitForSingleObject(spin.hProcess, 0) == WAIT_TIMEOUT, "a zero wait times out");
    Check(WaitForSingleObject(spin.hProcess, 5) == WAIT_TIMEOUT, "a 5 ms wait times out");
    Check(TerminateProcess(spin.hProcess, 0xDEAD), "TerminateProcess");
    Check(WaitForSingleObject(spin.hProcess, INFINITE) == WAIT_OBJECT_0, "it has ended");
    Check(GetExitCodeProcess(spin.hProcess, &code) && code == 0xDEAD, "with our exit code");
    Check(!TerminateProcess(spin.hProcess, 1), "terminating it again fails");
    CloseHandle(spin.hProcess);
    CloseHandle(spin.hThread);

    /* Two processes computing at once: the scheduler switches between them. */
    PROCESS_INFORMATION counter = Start("child.exe count");
    volatile unsigned n = 0;
    unsigned polls = 0;
    while (GetExitCodeProcess(counter.hProcess, &code) && code == STILL_ACTIVE) {
        for (unsigned i = 0; i < 100000; i++) {
            n += i;
        }
        polls++;
    }
    Check(code == 33 && polls > 1, "we ran while the other counted, and it finished");
    CloseHandle(counter.hProcess);
    CloseHandle(counter.hThread);

    PROCESS_INFORMATION none;
    char missing[] = "no-such-program.exe";
    STARTUPINFOA si;
    memset(&si, 0, sizeof si);
    SetLastError(0);
    Check(!CreateProcessA(NULL, missing, NULL, NULL, FALSE, 0, NULL, NULL, &si, &none) &&
          GetLastError() == ERROR_FILE_NOT_FOUND, "a missing program: ERROR_FILE_NOT_FOUND");
    CloseHandle(self);
    UnmapViewOfFile(view);
    CloseHandle(section);
    printf("parent: %d failures\n", Failures);
    return Failures ? 1 : 0;
}
