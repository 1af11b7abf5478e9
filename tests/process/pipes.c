/*
 * Anonymous pipes (CreatePipe), each check with Windows' answer (Wine's
 * kernel32 pipe tests, Microsoft's ReadFile/WriteFile documentation):
 * both ends are FILE_TYPE_PIPE; bytes written are read back, peeked
 * first; the bytes still queued are read after the write end closed, then
 * ReadFile fails with ERROR_BROKEN_PIPE; a write once the read end closed
 * fails with ERROR_NO_DATA; a write larger than the pipe's buffer waits for
 * a reader (another thread) and completes whole; a read waits for a writer.
 * "deadlock" reads a pipe nobody will write: ntmm must end the run saying
 * so, not hang.
 */
#include "../guesttest.h"

static HANDLE SlowRead, FastWrite;

/* A reader that takes 10000 bytes in reads of at most 700. */
static DWORD WINAPI Reader(void *unused)
{
    (void)unused;
    static char buffer[700];
    DWORD total = 0, sum = 0, got;
    while (total < 10000 && ReadFile(SlowRead, buffer, sizeof buffer, &got, NULL)) {
        for (DWORD i = 0; i < got; i++) {
            sum += (unsigned char)buffer[i];
        }
        total += got;
    }
    return total == 10000 ? sum : 0;
}

/* A writer that answers after the main thread is already waiting to read. */
static DWORD WINAPI LateWriter(void *unused)
{
    (void)unused;
    Sleep(50);
    DWORD written;
    return WriteFile(FastWrite, "late", 4, &written, NULL) && written == 4;
}

int main(int argc, char **argv)
{
    HANDLE r, w;
    DWORD n, avail;
    char buffer[64];
    if (argc > 1 && !strcmp(argv[1], "deadlock")) {
        CreatePipe(&r, &w, NULL, 0);
        printf("reading a pipe that nobody writes\n");
        fflush(stdout);
        ReadFile(r, buffer, sizeof buffer, &n, NULL);
        printf("never here\n");
        return 1;
    }

    Check(CreatePipe(&r, &w, NULL, 0), "CreatePipe(nSize 0)");
    Check(GetFileType(r) == FILE_TYPE_PIPE && GetFileType(w) == FILE_TYPE_PIPE,
          "GetFileType: FILE_TYPE_PIPE at both ends");
    Check(WriteFile(w, "hello", 5, &n, NULL) && n == 5, "WriteFile: 5 bytes");
    Check(PeekNamedPipe(r, NULL, 0, NULL, &avail, NULL) && avail == 5, "PeekNamedPipe: 5 available");
    memset(buffer, 0, sizeof buffer);
    Check(PeekNamedPipe(r, buffer, 3, &n, &avail, NULL) && n == 3 && avail == 5 &&
              !memcmp(buffer, "hel", 3),
          "PeekNamedPipe: 3 of them copied, still 5 available");
    Check(ReadFile(r, buffer, sizeof buffer, &n, NULL) && n == 5 && !memcmp(buffer, "hello", 5),
          "ReadFile: what is there (5), not the 64 asked for");
    Check(!ReadFile(w, buffer, 1, &n, NULL) && GetLastError() == ERROR_ACCESS_DENIED,
          "ReadFile on the write end: ERROR_ACCESS_DENIED");
    Check(!WriteFile(r, "x", 1, &n, NULL) && GetLastError() == ERROR_ACCESS_DENIED,
          "WriteFile on the read end: ERROR_ACCESS_DENIED");
    Check(WriteFile(w, "abc", 3, &n, NULL) && CloseHandle(w), "write 3, then close the write end");
    Check(ReadFile(r, buffer, sizeof buffer, &n, NULL) && n == 3,
          "ReadFile after the writer closed: the 3 bytes still queued");
    SetLastError(0);
    Check(!ReadFile(r, buffer, sizeof buffer, &n, NULL) && GetLastError() == ERROR_BROKEN_PIPE &&
              n == 0,
          "ReadFile then: FALSE, ERROR_BROKEN_PIPE, 0 bytes");
    Check(!PeekNamedPipe(r, NULL, 0, NULL, &avail, NULL) && GetLastError() == ERROR_BROKEN_PIPE,
          "PeekNamedPipe on the emptied broken pipe: ERROR_BROKEN_PIPE");
    CloseHandle(r);

    Check(CreatePipe(&r, &w, NULL, 0) && CloseHandle(r), "a new pipe, its read end closed");
    SetLastError(0);
    Check(!WriteFile(w, "x", 1, &n, NULL) && GetLastError() == ERROR_NO_DATA,
          "WriteFile with no reader: FALSE, ERROR_NO_DATA");
    CloseHandle(w);

    /* 10000 bytes through a 16-byte pipe: the write waits for the reader. */
    Check(CreatePipe(&SlowRead, &w, NULL, 16), "CreatePipe(nSize 16)");
    static char big[10000];
    DWORD sum = 0;
    for (int i = 0; i < 10000; i++) {
        big[i] = (char)(i * 7);
        sum += (unsigned char)big[i];
    }
    HANDLE thread = CreateThread(NULL, 0, Reader, NULL, 0, NULL);
    Check(WriteFile(w, big, sizeof big, &n, NULL) && n == 10000,
          "WriteFile of 10000 bytes into 16: returns when a reader took them all");
    DWORD code = 0;
    WaitForSingleObject(thread, INFINITE);
    Check(GetExitCodeThread(thread, &code) && code == sum, "the reader saw every byte, in order");
    CloseHandle(thread);
    CloseHandle(w);
    CloseHandle(SlowRead);

    /* A read waits until another thread writes. */
    Check(CreatePipe(&r, &FastWrite, NULL, 0), "CreatePipe for a waiting reader");
    thread = CreateThread(NULL, 0, LateWriter, NULL, 0, NULL);
    memset(buffer, 0, sizeof buffer);
    Check(ReadFile(r, buffer, sizeof buffer, &n, NULL) && n == 4 && !memcmp(buffer, "late", 4),
          "ReadFile on an empty pipe waits for the writer's 4 bytes");
    WaitForSingleObject(thread, INFINITE);
    Check(GetExitCodeThread(thread, &code) && code == 1, "the writer's WriteFile succeeded");
    CloseHandle(thread);
    CloseHandle(FastWrite);
    CloseHandle(r);

    printf("%d failures\n", Failures);
    return Failures;
}
