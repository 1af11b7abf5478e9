/* PeekNamedPipe on the standard input the host gives as a pipe (run by
 * run-peek-test.sh, with "piped bytes" written into it): the count of
 * bytes waiting, then the bytes read, then ERROR_BROKEN_PIPE once the
 * writer has gone and the pipe is empty (Microsoft's documentation of
 * PeekNamedPipe and ReadFile on pipes); and a file that is no pipe:
 * ERROR_INVALID_FUNCTION, a handle that is no file: ERROR_INVALID_HANDLE. */
#include "../guesttest.h"

int main(void)
{
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    DWORD available = 0, read = 7, left = 7;
    char buffer[64];
    BOOL ok;
    /* The writer may not have written yet: wait for the bytes or its end. */
    while ((ok = PeekNamedPipe(in, buffer, sizeof buffer, &read, &available, &left)) && available == 0) {
        Sleep(1);
    }
    Check(ok && available == 11 && left == 0, "PeekNamedPipe: 11 bytes waiting, no message left");
    printf("     peeked %lu of them\n", read);
    DWORD n = 0;
    Check(ReadFile(in, buffer, sizeof buffer, &n, NULL) && n == 11 && !memcmp(buffer, "piped bytes", 11),
          "ReadFile still reads them all");
    SetLastError(0xdeadbeef);
    while ((ok = PeekNamedPipe(in, NULL, 0, NULL, &available, NULL)) && available == 0) {
        Sleep(1);
    }
    Check(!ok && GetLastError() == ERROR_BROKEN_PIPE, "the writer gone, the pipe empty: ERROR_BROKEN_PIPE");

    HANDLE file = CreateFileA("peek.txt", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    SetLastError(0xdeadbeef);
    Check(!PeekNamedPipe(file, NULL, 0, NULL, &available, NULL) && GetLastError() == ERROR_INVALID_FUNCTION,
          "a disk file: ERROR_INVALID_FUNCTION");
    CloseHandle(file);
    DeleteFileA("peek.txt");
    HANDLE event = CreateEventA(NULL, FALSE, FALSE, NULL);
    SetLastError(0xdeadbeef);
    Check(!PeekNamedPipe(event, NULL, 0, NULL, &available, NULL) && GetLastError() == ERROR_INVALID_HANDLE,
          "an event: ERROR_INVALID_HANDLE");
    CloseHandle(event);
    printf("%d failures\n", Failures);
    return Failures;
}
