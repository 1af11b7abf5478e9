/*
 * Overlapped I/O on a named pipe opened with FILE_FLAG_OVERLAPPED, with
 * Windows' answers:
 *  - ConnectNamedPipe with an OVERLAPPED and no client yet: FALSE with
 *    ERROR_IO_PENDING, Internal STATUS_PENDING; the event is signaled when
 *    a client opens the pipe; GetOverlappedResult then gives TRUE;
 *  - a ReadFile with nothing to read pends (ERROR_IO_PENDING);
 *    GetOverlappedResult(bWait FALSE) fails with ERROR_IO_INCOMPLETE (and
 *    GetOverlappedResultEx: with 0 ms so, with 10 ms WAIT_TIMEOUT); a
 *    write by the client completes it: the event is signaled, Internal is
 *    STATUS_SUCCESS and InternalHigh the bytes read;
 *  - with no event, GetOverlappedResult(bWait TRUE) waits on the pipe's
 *    handle, which a thread's write signals;
 *  - with a completion port: a packet for each request that completes,
 *    also one that completed at once, with the key and the OVERLAPPED;
 *    none when hEvent's low bit is set; a read pending when the client
 *    goes completes with ERROR_BROKEN_PIPE (GetQueuedCompletionStatus
 *    FALSE, the OVERLAPPED given); a read that fails at once queues none;
 *  - CancelIo: the pending read completes with ERROR_OPERATION_ABORTED;
 *    CancelIoEx with nothing pending: ERROR_NOT_FOUND; CancelIo cancels
 *    the calling thread's requests only, CancelIoEx the one OVERLAPPED's;
 *  - a message longer than the buffer: the overlapped read completes
 *    with STATUS_BUFFER_OVERFLOW (GetOverlappedResult: ERROR_MORE_DATA).
 */
#include "../guesttest.h"

#define NAME "\\\\.\\pipe\\ntmm_npoverlap"
#define STATUS_PENDING_CODE 0x103u
#define STATUS_BUFFER_OVERFLOW_CODE 0x80000005u
#define STATUS_CANCELLED_CODE 0xC0000120u

static HANDLE Server(DWORD type)
{
    return CreateNamedPipeA(NAME, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, type,
                            PIPE_UNLIMITED_INSTANCES, 4096, 4096, 0, NULL);
}

static HANDLE Client(void)
{
    return CreateFileA(NAME, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
}

static int Pending(BOOL ok)
{
    return !ok && GetLastError() == ERROR_IO_PENDING;
}

static DWORD WINAPI CancelElsewhere(void *pipe)
{
    return CancelIo(pipe) ? 0 : 1;
}

static void WithEvents(void)
{
    char buffer[64];
    DWORD n;
    OVERLAPPED o;
    memset(&o, 0, sizeof o);
    o.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE server = Server(PIPE_TYPE_BYTE);
    Check(Pending(ConnectNamedPipe(server, &o)) && o.Internal == STATUS_PENDING_CODE,
          "ConnectNamedPipe, overlapped, no client: ERROR_IO_PENDING, Internal STATUS_PENDING");
    Check(WaitForSingleObject(o.hEvent, 0) == WAIT_TIMEOUT, "its event is not signaled");
    Check(!GetOverlappedResult(server, &o, &n, FALSE) && GetLastError() == ERROR_IO_INCOMPLETE,
          "GetOverlappedResult(bWait FALSE): ERROR_IO_INCOMPLETE");
    HANDLE client = Client();
    Check(client != INVALID_HANDLE_VALUE, "a client opens the pipe");
    Check(WaitForSingleObject(o.hEvent, 0) == WAIT_OBJECT_0 && o.Internal == 0,
          "the connect completed: event signaled, Internal STATUS_SUCCESS");
    Check(GetOverlappedResult(server, &o, &n, TRUE), "GetOverlappedResult: TRUE");

    Check(Pending(ReadFile(server, buffer, sizeof buffer, NULL, &o)),
          "ReadFile, overlapped, nothing to read: ERROR_IO_PENDING");
    Check(WaitForSingleObject(o.hEvent, 0) == WAIT_TIMEOUT, "the event was reset");
    Check(WriteFile(client, "twelve bytes", 12, &n, NULL) && n == 12, "the client writes 12 bytes");
    Check(WaitForSingleObject(o.hEvent, 0) == WAIT_OBJECT_0 && o.Internal == 0 &&
              o.InternalHigh == 12 && memcmp(buffer, "twelve bytes", 12) == 0,
          "the read completed: event signaled, 12 bytes in the buffer and InternalHigh");
    Check(GetOverlappedResult(server, &o, &n, TRUE) && n == 12, "GetOverlappedResult: 12 bytes");

    Check(WriteFile(client, "ready", 5, &n, NULL), "the client writes 5 more");
    BOOL at_once = ReadFile(server, buffer, sizeof buffer, &n, &o);
    Check(at_once && n == 5 && o.InternalHigh == 5,
          "an overlapped ReadFile with bytes waiting completes at once: TRUE, 5 bytes");

    Check(Pending(ReadFile(server, buffer, sizeof buffer, NULL, &o)), "another read pends");
    Check(!GetOverlappedResultEx(server, &o, &n, 0, FALSE) && GetLastError() == ERROR_IO_INCOMPLETE,
          "GetOverlappedResultEx, 0 ms: ERROR_IO_INCOMPLETE");
    Check(!GetOverlappedResultEx(server, &o, &n, 10, FALSE) && GetLastError() == WAIT_TIMEOUT,
          "GetOverlappedResultEx, 10 ms: WAIT_TIMEOUT");
    Check(CancelIo(server), "CancelIo");
    Check(!GetOverlappedResult(server, &o, &n, TRUE) && GetLastError() == ERROR_OPERATION_ABORTED,
          "the cancelled read: ERROR_OPERATION_ABORTED");
    Check(!CancelIoEx(server, NULL) && GetLastError() == ERROR_NOT_FOUND,
          "CancelIoEx with nothing pending: ERROR_NOT_FOUND");

    OVERLAPPED second;
    memset(&second, 0, sizeof second);
    Check(Pending(ReadFile(server, buffer, 4, NULL, &o)) &&
              Pending(ReadFile(server, buffer + 4, 4, NULL, &second)),
          "two reads pend");
    HANDLE thread = CreateThread(NULL, 0, CancelElsewhere, server, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    Check(o.Internal == STATUS_PENDING_CODE && second.Internal == STATUS_PENDING_CODE,
          "CancelIo in another thread cancels only that thread's: both still pend");
    Check(CancelIoEx(server, &second) && second.Internal == STATUS_CANCELLED_CODE &&
              o.Internal == STATUS_PENDING_CODE,
          "CancelIoEx(the second OVERLAPPED): that one is cancelled, the first still pends");
    Check(WriteFile(client, "abcd", 4, &n, NULL) && o.Internal == 0 && o.InternalHigh == 4,
          "the client writes 4 bytes: the first read has them");

    Check(Pending(ReadFile(server, buffer, sizeof buffer, NULL, &o)), "a read pends again");
    CloseHandle(client);
    Check(!GetOverlappedResult(server, &o, &n, TRUE) && GetLastError() == ERROR_BROKEN_PIPE,
          "the client closes: the pending read fails with ERROR_BROKEN_PIPE");
    CloseHandle(server);
    CloseHandle(o.hEvent);
}

static HANDLE Writer;

static DWORD WINAPI WriteLater(void *arg)
{
    DWORD n;
    Sleep(10);
    WriteFile(arg, "from a thread", 13, &n, NULL);
    return 0;
}

static void WithoutEvent(void)
{
    char buffer[32];
    DWORD n;
    OVERLAPPED o;
    memset(&o, 0, sizeof o);
    HANDLE server = Server(PIPE_TYPE_BYTE);
    Writer = Client();
    Check(Pending(ReadFile(server, buffer, sizeof buffer, NULL, &o)), "no event: a read pends");
    HANDLE thread = CreateThread(NULL, 0, WriteLater, Writer, 0, NULL);
    Check(GetOverlappedResult(server, &o, &n, TRUE) && n == 13,
          "GetOverlappedResult waits on the pipe's handle: 13 bytes from another thread");
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    CloseHandle(Writer);
    CloseHandle(server);
}

static void WithPort(void)
{
    char buffer[8];
    DWORD n;
    ULONG_PTR key;
    OVERLAPPED connect, read, *done;
    memset(&connect, 0, sizeof connect);
    memset(&read, 0, sizeof read);
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    HANDLE server = Server(PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE);
    Check(CreateIoCompletionPort(server, port, 42, 0) == port, "the server end associated, key 42");
    Check(CreateIoCompletionPort(server, port, 43, 0) == NULL &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "a second association: ERROR_INVALID_PARAMETER");
    Check(Pending(ConnectNamedPipe(server, &connect)), "ConnectNamedPipe pends");
    Check(!GetQueuedCompletionStatus(port, &n, &key, &done, 0) && done == NULL &&
              GetLastError() == WAIT_TIMEOUT,
          "no packet yet: WAIT_TIMEOUT");
    HANDLE client = Client();
    Check(GetQueuedCompletionStatus(port, &n, &key, &done, 0) && key == 42 && done == &connect &&
              n == 0,
          "the client connects: a packet, key 42, the connect's OVERLAPPED");

    Check(WriteFile(client, "message", 8, &n, NULL), "the client writes an 8-byte message");
    Check(ReadFile(server, buffer, 8, &n, &read) && n == 8, "an overlapped read completes at once");
    Check(GetQueuedCompletionStatus(port, &n, &key, &done, 0) && done == &read && n == 8,
          "and still queues its packet: 8 bytes");

    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    read.hEvent = (HANDLE)((ULONG_PTR)event | 1);
    WriteFile(client, "quiet", 6, &n, NULL);
    Check(ReadFile(server, buffer, 8, &n, &read) && n == 6, "a read with hEvent's low bit set");
    Check(!GetQueuedCompletionStatus(port, &n, &key, &done, 0) && GetLastError() == WAIT_TIMEOUT,
          "queues no packet");
    read.hEvent = NULL;

    WriteFile(client, "too long a message", 19, &n, NULL);
    SetLastError(0);
    Check(!ReadFile(server, buffer, 8, &n, &read) && GetLastError() == ERROR_MORE_DATA && n == 8,
          "a 19-byte message into 8 bytes: ERROR_MORE_DATA at once");
    Check(read.Internal == STATUS_BUFFER_OVERFLOW_CODE,
          "Internal: STATUS_BUFFER_OVERFLOW");
    Check(!GetQueuedCompletionStatus(port, &n, &key, &done, 0) && done == &read &&
              GetLastError() == ERROR_MORE_DATA && n == 8,
          "its packet: FALSE, ERROR_MORE_DATA, 8 bytes");
    Check(!ReadFile(server, buffer, 8, &n, &read) && GetLastError() == ERROR_MORE_DATA && n == 8 &&
              ReadFile(server, buffer, 8, &n, &read) && n == 3,
          "the rest of the message: 8 bytes (ERROR_MORE_DATA again), then 3");
    for (done = &read; done;) {
        GetQueuedCompletionStatus(port, &n, &key, &done, 0); /* their packets */
    }

    Check(Pending(ReadFile(server, buffer, 8, NULL, &read)), "a read pends");
    CloseHandle(client);
    Check(!GetQueuedCompletionStatus(port, &n, &key, &done, 0) && done == &read &&
              GetLastError() == ERROR_BROKEN_PIPE,
          "the client closes: the packet says ERROR_BROKEN_PIPE");
    Check(!ReadFile(server, buffer, 8, &n, &read) && GetLastError() == ERROR_BROKEN_PIPE,
          "a read now fails at once with ERROR_BROKEN_PIPE");
    Check(!GetQueuedCompletionStatus(port, &n, &key, &done, 0) && done == NULL &&
              GetLastError() == WAIT_TIMEOUT,
          "and queues no packet");
    CloseHandle(event);
    CloseHandle(server);
    CloseHandle(port);
}

int main(void)
{
    WithEvents();
    WithoutEvent();
    WithPort();
    return Failures;
}
