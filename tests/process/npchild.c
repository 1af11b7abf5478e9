/*
 * Named pipes between processes.
 *
 * The way ninja runs its commands: for each child, an inbound pipe with
 * FILE_FLAG_OVERLAPPED associated with one completion port (the key says
 * which child), an overlapped ConnectNamedPipe, the client end opened
 * with CreateFile, duplicated inheritable and given to the child as its
 * stdout and stderr; then GetQueuedCompletionStatus until every pipe has
 * reported ERROR_BROKEN_PIPE (its child has exited and closed its end),
 * each packet followed by GetOverlappedResult and a new overlapped
 * ReadFile. Two children run at once; each one's output arrives whole.
 *
 * And a child that opens the pipe by its name (WaitNamedPipe, CreateFile)
 * while the parent's synchronous ConnectNamedPipe waits for it, then
 * writes one message.
 */
#include "../guesttest.h"

#include <stdlib.h>

#define CHILDREN 2

static char Self[MAX_PATH];

typedef struct SUBPROCESS {
    HANDLE Pipe, Process;
    OVERLAPPED Overlapped;
    char Buffer[4096];
    char Output[4096];
    DWORD Length;
    BOOL Reading;
} SUBPROCESS;

static SUBPROCESS Children[CHILDREN];

static HANDLE SetupPipe(HANDLE port, SUBPROCESS *sub, int index)
{
    char name[64];
    snprintf(name, sizeof name, "\\\\.\\pipe\\ntmm_npchild_%lu_%d", GetCurrentProcessId(), index);
    sub->Pipe = CreateNamedPipeA(name, PIPE_ACCESS_INBOUND | FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE,
                                 PIPE_UNLIMITED_INSTANCES, 0, 0, INFINITE, NULL);
    Check(sub->Pipe != INVALID_HANDLE_VALUE, "CreateNamedPipe: inbound, overlapped");
    Check(CreateIoCompletionPort(sub->Pipe, port, (ULONG_PTR)sub, 0) == port,
          "associated with the port, the child's record the key");
    memset(&sub->Overlapped, 0, sizeof sub->Overlapped);
    Check(!ConnectNamedPipe(sub->Pipe, &sub->Overlapped) && GetLastError() == ERROR_IO_PENDING,
          "ConnectNamedPipe: ERROR_IO_PENDING");
    HANDLE write = CreateFileA(name, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    Check(write != INVALID_HANDLE_VALUE, "CreateFile on the pipe's name: the child's end");
    HANDLE inheritable;
    Check(DuplicateHandle(GetCurrentProcess(), write, GetCurrentProcess(), &inheritable, 0, TRUE,
                          DUPLICATE_SAME_ACCESS),
          "DuplicateHandle: inheritable");
    CloseHandle(write);
    return inheritable;
}

static void Start(HANDLE port, int index)
{
    SUBPROCESS *sub = &Children[index];
    HANDLE child_end = SetupPipe(port, sub, index);
    char line[MAX_PATH + 32];
    snprintf(line, sizeof line, "%s child %d", Self, index);
    STARTUPINFOA si;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = NULL;
    si.hStdOutput = child_end;
    si.hStdError = child_end;
    PROCESS_INFORMATION pi;
    Check(CreateProcessA(NULL, line, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi),
          "CreateProcess with the pipe as stdout and stderr");
    CloseHandle(child_end);
    CloseHandle(pi.hThread);
    sub->Process = pi.hProcess;
}

/* ninja's Subprocess::OnPipeReady: FALSE once the pipe has broken. */
static BOOL OnPipeReady(SUBPROCESS *sub)
{
    DWORD bytes;
    if (!GetOverlappedResult(sub->Pipe, &sub->Overlapped, &bytes, TRUE)) {
        if (GetLastError() == ERROR_BROKEN_PIPE) {
            CloseHandle(sub->Pipe);
            sub->Pipe = NULL;
            return FALSE;
        }
        Check(0, "GetOverlappedResult");
        return FALSE;
    }
    if (sub->Reading && bytes && sub->Length + bytes <= sizeof sub->Output) {
        memcpy(sub->Output + sub->Length, sub->Buffer, bytes);
        sub->Length += bytes;
    }
    memset(&sub->Overlapped, 0, sizeof sub->Overlapped);
    sub->Reading = TRUE;
    if (!ReadFile(sub->Pipe, sub->Buffer, sizeof sub->Buffer, &bytes, &sub->Overlapped)) {
        if (GetLastError() == ERROR_BROKEN_PIPE) {
            CloseHandle(sub->Pipe);
            sub->Pipe = NULL;
            return FALSE;
        }
        if (GetLastError() != ERROR_IO_PENDING) {
            Check(0, "ReadFile: ERROR_IO_PENDING");
        }
    }
    return TRUE;
}

static void RunChildren(void)
{
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    for (int i = 0; i < CHILDREN; i++) {
        Start(port, i);
    }
    int running = CHILDREN, packets = 0;
    while (running) {
        DWORD bytes;
        SUBPROCESS *sub;
        OVERLAPPED *overlapped;
        if (!GetQueuedCompletionStatus(port, &bytes, (PULONG_PTR)&sub, &overlapped, INFINITE) &&
            GetLastError() != ERROR_BROKEN_PIPE) {
            Check(0, "GetQueuedCompletionStatus");
            break;
        }
        packets++;
        if (!OnPipeReady(sub)) {
            running--;
        }
    }
    Check(packets > 2 * CHILDREN, "packets: the connects, the reads, the broken pipes");
    for (int i = 0; i < CHILDREN; i++) {
        DWORD code = 0;
        WaitForSingleObject(Children[i].Process, INFINITE);
        GetExitCodeProcess(Children[i].Process, &code);
        CloseHandle(Children[i].Process);
        char what[64];
        snprintf(what, sizeof what, "child %d exits with %d", i, 10 + i);
        Check(code == (DWORD)(10 + i), what);
        printf("child %d said:\n", i);
        for (DWORD k = 0; k < Children[i].Length; k++) {
            if (Children[i].Output[k] != '\r') { /* its text mode's; ours adds them again */
                putchar(Children[i].Output[k]);
            }
        }
    }
    CloseHandle(port);
}

static void ByName(void)
{
    char name[64], line[MAX_PATH + 80], buffer[64];
    DWORD n;
    snprintf(name, sizeof name, "\\\\.\\pipe\\ntmm_npchild_named_%lu", GetCurrentProcessId());
    HANDLE server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE,
                                     1, 0, 0, 0, NULL);
    snprintf(line, sizeof line, "%s opener %s", Self, name);
    STARTUPINFOA si;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    PROCESS_INFORMATION pi;
    Check(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi),
          "a child that opens the pipe by name");
    Check(ConnectNamedPipe(server, NULL) || GetLastError() == ERROR_PIPE_CONNECTED,
          "ConnectNamedPipe waits for it");
    Check(ReadFile(server, buffer, sizeof buffer, &n, NULL) && n == 18 &&
              memcmp(buffer, "hello from a child", 18) == 0,
          "its message: \"hello from a child\"");
    Check(!ReadFile(server, buffer, sizeof buffer, &n, NULL) && GetLastError() == ERROR_BROKEN_PIPE,
          "then it exits: ERROR_BROKEN_PIPE");
    WaitForSingleObject(pi.hProcess, INFINITE);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseHandle(server);
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "child") == 0) {
        int index = atoi(argv[2]);
        for (int k = 1; k <= 3; k++) {
            printf("child %d, line %d\n", index, k);
        }
        fflush(stdout);
        fprintf(stderr, "child %d, on stderr\n", index);
        return 10 + index;
    }
    if (argc >= 3 && strcmp(argv[1], "opener") == 0) {
        if (!WaitNamedPipeA(argv[2], NMPWAIT_WAIT_FOREVER)) {
            return 2;
        }
        HANDLE pipe = CreateFileA(argv[2], GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
        DWORD n;
        if (pipe == INVALID_HANDLE_VALUE || !WriteFile(pipe, "hello from a child", 18, &n, NULL)) {
            return 3;
        }
        CloseHandle(pipe);
        return 0;
    }
    snprintf(Self, sizeof Self, "%s", argv[0]);
    RunChildren();
    ByName();
    return Failures;
}
