/*
 * What the guest test programs share. Check: the one-line report of a
 * check, "ok" or "FAIL" with the thread's last error, counting the
 * failures (the program exits with their count); RunChild, a child process
 * run to its end; ReadAt and WriteAt, file I/O at an offset; Crowd, memory
 * pressure. Included as "../guesttest.h".
 */
#ifndef NTMM_TESTS_GUESTTEST_H
#define NTMM_TESTS_GUESTTEST_H

#include <stdio.h>
#include <string.h>
#include <windows.h>

static int Failures;

static void Check(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    if (!ok) {
        printf("     (last error %lu)\n", GetLastError());
        Failures++;
    }
}

/* Starts a process with this command line (a failure is a check that
 * fails) and waits for it: its exit code, or 1 if it did not start. */
static inline DWORD RunChild(const char *command_line)
{
    char line[MAX_PATH];
    char what[MAX_PATH + 32];
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    DWORD code = 1;
    size_t n = strlen(command_line);
    n = n < sizeof line ? n : sizeof line - 1;
    memcpy(line, command_line, n);
    line[n] = 0;
    snprintf(what, sizeof what, "CreateProcess(%s)", line);
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    int started = CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);
    Check(started, what);
    if (started) {
        WaitForSingleObject(pi.hProcess, INFINITE);
        GetExitCodeProcess(pi.hProcess, &code);
        CloseHandle(pi.hThread);
        CloseHandle(pi.hProcess);
    }
    return code;
}

/* Reading and writing length bytes at offset (an OVERLAPPED's position):
 * true if all of them were. */
static inline BOOL ReadAt(HANDLE f, DWORD offset, char *buffer, DWORD length)
{
    OVERLAPPED at;
    memset(&at, 0, sizeof at);
    at.Offset = offset;
    DWORD n = 0;
    return ReadFile(f, buffer, length, &n, &at) && n == length;
}

static inline BOOL WriteAt(HANDLE f, DWORD offset, const char *buffer, DWORD length)
{
    OVERLAPPED at;
    memset(&at, 0, sizeof at);
    at.Offset = offset;
    DWORD n = 0;
    return WriteFile(f, buffer, length, &n, &at) && n == length;
}

/* 12 MiB of private memory, each page touched, then freed: more than the
 * tests' RAM, so every Standby frame is reused (a file's pages among them). */
static inline void Crowd(void)
{
    SIZE_T size = 12 << 20;
    char *crowd = VirtualAlloc(NULL, size, MEM_COMMIT, PAGE_READWRITE);
    for (SIZE_T i = 0; crowd && i < size; i += 4096) {
        crowd[i] = 1;
    }
    VirtualFree(crowd, 0, MEM_RELEASE);
}

#endif
