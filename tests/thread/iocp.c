/*
 * I/O completion ports, with Windows' answers (Microsoft's
 * CreateIoCompletionPort, GetQueuedCompletionStatus(Ex),
 * PostQueuedCompletionStatus and "I/O Completion Ports" pages; Wine's
 * kernel32 sync.c test_iocp_callback and file.c test_overlapped):
 *  - CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, ...) makes a port;
 *    INVALID_HANDLE_VALUE with an existing port is ERROR_INVALID_PARAMETER;
 *  - an empty port: GetQueuedCompletionStatus returns FALSE, sets
 *    *lpOverlapped to NULL and the last error to WAIT_TIMEOUT when its
 *    time runs out (0 or more milliseconds);
 *  - packets come out first in, first out, each with its byte count, key
 *    and OVERLAPPED pointer, and TRUE;
 *  - a thread waiting forever on the port wakes for a packet another
 *    thread posts;
 *  - a file handle associated with a port (its key) queues a packet for
 *    each overlapped WriteFile and ReadFile, with the OVERLAPPED and the
 *    bytes moved; GetOverlappedResult gives the same count;
 *  - GetQueuedCompletionStatusEx takes up to its count of packets at once;
 *  - a handle that is not a port: ERROR_INVALID_HANDLE.
 * Every wait either has a packet to take or times out on the guest's
 * clock at once: nothing depends on the host's time.
 */
#include <stdio.h>
#include <windows.h>

#include "../guesttest.h"

static HANDLE Port;
static DWORD WaiterBytes;
static ULONG_PTR WaiterKey;
static OVERLAPPED *WaiterOverlapped;
static BOOL WaiterResult;

static DWORD WINAPI Waiter(void *parameter)
{
    (void)parameter;
    WaiterResult = GetQueuedCompletionStatus(Port, &WaiterBytes, &WaiterKey, &WaiterOverlapped,
                                             INFINITE);
    return 0;
}

int main(void)
{
    Port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    Check(Port != NULL, "CreateIoCompletionPort(INVALID_HANDLE_VALUE): a new port");
    SetLastError(0xDEADBEEF);
    Check(CreateIoCompletionPort(INVALID_HANDLE_VALUE, Port, 0, 0) == NULL &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "INVALID_HANDLE_VALUE with an existing port: ERROR_INVALID_PARAMETER");

    DWORD bytes = 99;
    ULONG_PTR key = 99;
    OVERLAPPED *overlapped = (OVERLAPPED *)1;
    SetLastError(0xDEADBEEF);
    Check(!GetQueuedCompletionStatus(Port, &bytes, &key, &overlapped, 0) &&
              overlapped == NULL && GetLastError() == WAIT_TIMEOUT,
          "empty, 0 ms: FALSE, lpOverlapped NULL, WAIT_TIMEOUT");
    overlapped = (OVERLAPPED *)1;
    SetLastError(0xDEADBEEF);
    Check(!GetQueuedCompletionStatus(Port, &bytes, &key, &overlapped, 50) &&
              overlapped == NULL && GetLastError() == WAIT_TIMEOUT,
          "empty, 50 ms: the same when the time runs out");

    OVERLAPPED a, b, c;
    Check(PostQueuedCompletionStatus(Port, 1, 10, &a) && PostQueuedCompletionStatus(Port, 2, 20, &b) &&
              PostQueuedCompletionStatus(Port, 3, 30, &c),
          "PostQueuedCompletionStatus, three packets");
    BOOL in_order = TRUE;
    OVERLAPPED *expected[3] = {&a, &b, &c};
    for (DWORD i = 0; i < 3; i++) {
        BOOL got = GetQueuedCompletionStatus(Port, &bytes, &key, &overlapped, INFINITE);
        in_order &= got && bytes == i + 1 && key == (i + 1) * 10 && overlapped == expected[i];
    }
    Check(in_order, "taken first in, first out: bytes, key and OVERLAPPED as posted");

    HANDLE waiter = CreateThread(NULL, 0, Waiter, NULL, 0, NULL);
    Sleep(0);
    PostQueuedCompletionStatus(Port, 7, 70, &a);
    WaitForSingleObject(waiter, INFINITE);
    CloseHandle(waiter);
    Check(WaiterResult && WaiterBytes == 7 && WaiterKey == 70 && WaiterOverlapped == &a,
          "a thread waiting forever wakes for a packet posted by another");

    HANDLE file = CreateFileA("C:\\iocp.tmp", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                              FILE_FLAG_OVERLAPPED | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    Check(file != INVALID_HANDLE_VALUE, "CreateFile with FILE_FLAG_OVERLAPPED");
    Check(CreateIoCompletionPort(file, Port, 77, 0) == Port, "associated with the port: the port returned");
    memset(&a, 0, sizeof a);
    BOOL wrote = WriteFile(file, "hello, port", 11, NULL, &a) || GetLastError() == ERROR_IO_PENDING;
    Check(wrote, "an overlapped WriteFile");
    BOOL got = GetQueuedCompletionStatus(Port, &bytes, &key, &overlapped, INFINITE);
    Check(got && bytes == 11 && key == 77 && overlapped == &a,
          "its packet: 11 bytes, the file's key, its OVERLAPPED");
    DWORD moved = 0;
    Check(GetOverlappedResult(file, &a, &moved, TRUE) && moved == 11, "GetOverlappedResult: 11 bytes");
    char buffer[16] = {0};
    memset(&b, 0, sizeof b);
    b.Offset = 7;
    BOOL read = ReadFile(file, buffer, sizeof buffer, NULL, &b) || GetLastError() == ERROR_IO_PENDING;
    got = GetQueuedCompletionStatus(Port, &bytes, &key, &overlapped, INFINITE);
    Check(read && got && bytes == 4 && key == 77 && overlapped == &b && memcmp(buffer, "port", 4) == 0,
          "an overlapped ReadFile at offset 7: its packet, 4 bytes");
    Check(CancelIo(file), "CancelIo: nothing in flight, TRUE");
    CloseHandle(file);

    PostQueuedCompletionStatus(Port, 1, 1, NULL);
    PostQueuedCompletionStatus(Port, 2, 2, NULL);
    OVERLAPPED_ENTRY entries[4];
    ULONG removed = 0;
    Check(GetQueuedCompletionStatusEx(Port, entries, 4, &removed, INFINITE, FALSE) && removed == 2 &&
              entries[0].lpCompletionKey == 1 && entries[1].dwNumberOfBytesTransferred == 2,
          "GetQueuedCompletionStatusEx: both packets at once");
    SetLastError(0xDEADBEEF);
    Check(!GetQueuedCompletionStatusEx(Port, entries, 4, &removed, 0, FALSE) &&
              GetLastError() == WAIT_TIMEOUT && removed == 0,
          "and then WAIT_TIMEOUT, none removed");

    HANDLE event = CreateEventA(NULL, FALSE, FALSE, NULL);
    SetLastError(0xDEADBEEF);
    Check(!PostQueuedCompletionStatus(event, 0, 0, NULL) && GetLastError() == ERROR_INVALID_HANDLE,
          "PostQueuedCompletionStatus to an event: ERROR_INVALID_HANDLE");
    CloseHandle(event);
    Check(CloseHandle(Port), "CloseHandle of the port");
    printf("%d failures\n", Failures);
    return Failures;
}
