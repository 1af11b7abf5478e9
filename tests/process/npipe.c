/*
 * Named pipes in one process, with Windows' answers (those Wine's
 * conformance tests, dlls/kernel32/tests/pipe.c, check on Windows):
 *  - no such pipe: CreateFile and WaitNamedPipe fail with
 *    ERROR_FILE_NOT_FOUND; a name outside \\.\pipe\ is ERROR_INVALID_NAME,
 *    a byte pipe read as messages ERROR_INVALID_PARAMETER;
 *  - a new instance listens: its handle is signaled, reads and writes
 *    fail with ERROR_PIPE_LISTENING, a peek with ERROR_BAD_PIPE;
 *  - the client connects before ConnectNamedPipe: ERROR_PIPE_CONNECTED
 *    (on the client's end ERROR_INVALID_FUNCTION); every instance taken:
 *    CreateFile and CreateNamedPipe fail with ERROR_PIPE_BUSY,
 *    WaitNamedPipe with ERROR_SEM_TIMEOUT;
 *  - PIPE_UNLIMITED_INSTANCES: a second instance serves a second client;
 *  - message pipes: a read too short for the message fails with
 *    ERROR_MORE_DATA and the rest stays for the next one; a client end
 *    starts in byte read mode and reads across messages; PeekNamedPipe's
 *    left-this-message;
 *  - the client closes: reads give ERROR_BROKEN_PIPE, writes ERROR_NO_DATA,
 *    a new client ERROR_PIPE_BUSY until DisconnectNamedPipe and
 *    ConnectNamedPipe; after DisconnectNamedPipe both ends' reads and
 *    writes fail with ERROR_PIPE_NOT_CONNECTED, and so does a second one;
 *  - GetNamedPipeInfo, GetNamedPipeHandleState, SetNamedPipeHandleState;
 *  - a synchronous ConnectNamedPipe waits for a client (another thread),
 *    TransactNamedPipe and CallNamedPipe talk to a server thread; one no
 *    client will ever reach ends the run ("deadlock").
 */
#include "../guesttest.h"

#define NAME "\\\\.\\pipe\\ntmm_npipe"

static HANDLE Server(DWORD open_mode, DWORD pipe_mode, DWORD instances)
{
    return CreateNamedPipeA(NAME, open_mode, pipe_mode, instances, 1024, 1024,
                            NMPWAIT_USE_DEFAULT_WAIT, NULL);
}

static HANDLE Client(void)
{
    return CreateFileA(NAME, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
}

static int Fails(BOOL ok, DWORD error)
{
    return !ok && GetLastError() == error;
}

static void NoPipe(void)
{
    SetLastError(0);
    Check(Fails(WaitNamedPipeA(NAME, 2000), ERROR_FILE_NOT_FOUND),
          "WaitNamedPipe, no such pipe: ERROR_FILE_NOT_FOUND");
    Check(Client() == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND,
          "CreateFile, no such pipe: ERROR_FILE_NOT_FOUND");
    HANDLE h = CreateNamedPipeA("not a named pipe", PIPE_ACCESS_DUPLEX, 0, 1, 1024, 1024, 0, NULL);
    Check(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_NAME,
          "CreateNamedPipe outside \\\\.\\pipe\\: ERROR_INVALID_NAME");
    h = Server(PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_READMODE_MESSAGE, 1);
    Check(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_PARAMETER,
          "PIPE_TYPE_BYTE | PIPE_READMODE_MESSAGE: ERROR_INVALID_PARAMETER");
    h = CreateNamedPipeA(NULL, PIPE_ACCESS_DUPLEX, 0, 1, 1024, 1024, 0, NULL);
    Check(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PATH_NOT_FOUND,
          "CreateNamedPipe(NULL): ERROR_PATH_NOT_FOUND");
}

static void ByteStream(void)
{
    char buffer[32];
    DWORD n, avail, left, flags, out, in, max, state, instances;
    HANDLE server = Server(PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_WAIT, 1);
    Check(server != INVALID_HANDLE_VALUE, "CreateNamedPipe: one instance, byte stream");
    Check(WaitForSingleObject(server, 0) == WAIT_OBJECT_0, "a new instance's handle is signaled");
    Check(Fails(ReadFile(server, buffer, sizeof buffer, &n, NULL), ERROR_PIPE_LISTENING),
          "ReadFile before a client: ERROR_PIPE_LISTENING");
    Check(Fails(WriteFile(server, "x", 1, &n, NULL), ERROR_PIPE_LISTENING),
          "WriteFile before a client: ERROR_PIPE_LISTENING");
    Check(Fails(PeekNamedPipe(server, NULL, 0, NULL, &avail, NULL), ERROR_BAD_PIPE),
          "PeekNamedPipe before a client: ERROR_BAD_PIPE");
    Check(WaitNamedPipeA(NAME, 2000), "WaitNamedPipe: an instance listens");
    HANDLE client = Client();
    Check(client != INVALID_HANDLE_VALUE, "CreateFile on \\\\.\\pipe\\ntmm_npipe: the client end");
    Check(Fails(WaitNamedPipeA(NAME, 100), ERROR_SEM_TIMEOUT),
          "WaitNamedPipe, every instance taken: ERROR_SEM_TIMEOUT after 100 ms");
    Check(Fails(ConnectNamedPipe(server, NULL), ERROR_PIPE_CONNECTED),
          "ConnectNamedPipe after the client came: ERROR_PIPE_CONNECTED");
    Check(Fails(ConnectNamedPipe(client, NULL), ERROR_INVALID_FUNCTION),
          "ConnectNamedPipe on the client's end: ERROR_INVALID_FUNCTION");
    Check(Client() == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PIPE_BUSY,
          "a second client: ERROR_PIPE_BUSY");
    HANDLE second = Server(PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1);
    Check(second == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PIPE_BUSY,
          "a second instance of a one-instance pipe: ERROR_PIPE_BUSY");

    Check(WriteFile(server, "Bit Bucket", 11, &n, NULL) && n == 11, "server writes 11 bytes");
    Check(WriteFile(server, "More", 5, &n, NULL) && n == 5, "and 5 more");
    Check(PeekNamedPipe(client, buffer, 4, &n, &avail, &left) && n == 4 && avail == 16 &&
              left == (DWORD)-4,
          "PeekNamedPipe, 4 bytes: 4 copied, 16 available, -4 left (a byte stream)");
    Check(ReadFile(client, buffer, sizeof buffer, &n, NULL) && n == 16 &&
              memcmp(buffer, "Bit Bucket\0More", 16) == 0,
          "client reads both writes at once (a byte stream)");
    Check(WriteFile(client, "back", 4, &n, NULL) && ReadFile(server, buffer, 4, &n, NULL) &&
              n == 4 && memcmp(buffer, "back", 4) == 0,
          "client writes, server reads");

    Check(GetNamedPipeInfo(server, &flags, &out, &in, &max) && flags == PIPE_SERVER_END &&
              out == 1024 && in == 1024 && max == 1,
          "GetNamedPipeInfo(server): PIPE_SERVER_END | PIPE_TYPE_BYTE, 1024, 1024, 1");
    Check(GetNamedPipeInfo(client, &flags, NULL, NULL, &max) && flags == PIPE_CLIENT_END &&
              max == 1,
          "GetNamedPipeInfo(client): PIPE_CLIENT_END");
    Check(GetNamedPipeHandleStateA(server, &state, &instances, NULL, NULL, NULL, 0) &&
              state == (PIPE_WAIT | PIPE_READMODE_BYTE) && instances == 1,
          "GetNamedPipeHandleState: PIPE_WAIT | PIPE_READMODE_BYTE, 1 instance");
    DWORD mode = PIPE_READMODE_MESSAGE;
    Check(!SetNamedPipeHandleState(client, &mode, NULL, NULL),
          "SetNamedPipeHandleState: a byte stream cannot be read as messages");
    CHAR_INFO cell = {{'x'}, 7};
    COORD one = {1, 1}, origin = {0, 0};
    SMALL_RECT at = {0, 0, 0, 0};
    Check(!WriteConsoleOutputA(client, &cell, one, origin, &at) &&
              GetLastError() == ERROR_INVALID_HANDLE,
          "WriteConsoleOutputA on a pipe: ERROR_INVALID_HANDLE");

    Check(CloseHandle(client), "the client closes");
    Check(Fails(ReadFile(server, buffer, sizeof buffer, &n, NULL), ERROR_BROKEN_PIPE),
          "server's ReadFile: ERROR_BROKEN_PIPE");
    Check(Fails(WriteFile(server, "x", 1, &n, NULL), ERROR_NO_DATA),
          "server's WriteFile: ERROR_NO_DATA");
    Check(Client() == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PIPE_BUSY,
          "a new client before DisconnectNamedPipe: ERROR_PIPE_BUSY");
    Check(DisconnectNamedPipe(server), "DisconnectNamedPipe");
    Check(Client() == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PIPE_BUSY,
          "a new client before ConnectNamedPipe: ERROR_PIPE_BUSY");
    Check(CloseHandle(server), "the server closes");
    Check(Client() == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND,
          "the last instance gone, so is the name: ERROR_FILE_NOT_FOUND");
}

static void Disconnect(void)
{
    char buffer[32];
    DWORD n;
    HANDLE server = Server(PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1);
    HANDLE client = Client();
    Check(WriteFile(client, "waiting", 7, &n, NULL), "client writes, nobody reads yet");
    Check(DisconnectNamedPipe(server), "DisconnectNamedPipe with bytes waiting");
    Check(Fails(WriteFile(client, "x", 1, &n, NULL), ERROR_PIPE_NOT_CONNECTED),
          "client's WriteFile: ERROR_PIPE_NOT_CONNECTED");
    Check(Fails(WriteFile(server, "x", 1, &n, NULL), ERROR_PIPE_NOT_CONNECTED),
          "server's WriteFile: ERROR_PIPE_NOT_CONNECTED");
    Check(Fails(ReadFile(client, buffer, sizeof buffer, &n, NULL), ERROR_PIPE_NOT_CONNECTED),
          "client's ReadFile: ERROR_PIPE_NOT_CONNECTED");
    Check(Fails(ReadFile(server, buffer, sizeof buffer, &n, NULL), ERROR_PIPE_NOT_CONNECTED),
          "server's ReadFile, the bytes discarded: ERROR_PIPE_NOT_CONNECTED");
    Check(Fails(DisconnectNamedPipe(server), ERROR_PIPE_NOT_CONNECTED),
          "DisconnectNamedPipe twice: ERROR_PIPE_NOT_CONNECTED");
    Check(WaitForSingleObject(client, 0) == WAIT_TIMEOUT,
          "the client's handle is not signaled (its last request failed)");
    Check(Fails(PeekNamedPipe(server, NULL, 0, NULL, &n, NULL), ERROR_BAD_PIPE),
          "PeekNamedPipe on the disconnected server: ERROR_BAD_PIPE");
    CloseHandle(client);
    CloseHandle(server);
}

static void Instances(void)
{
    DWORD n, instances;
    char buffer[8];
    HANDLE a = Server(PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, PIPE_UNLIMITED_INSTANCES);
    HANDLE b = Server(PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, PIPE_UNLIMITED_INSTANCES);
    Check(a != INVALID_HANDLE_VALUE && b != INVALID_HANDLE_VALUE,
          "PIPE_UNLIMITED_INSTANCES: two instances of one name");
    HANDLE c = CreateNamedPipeA(NAME, PIPE_ACCESS_DUPLEX | FILE_FLAG_FIRST_PIPE_INSTANCE, 0,
                         PIPE_UNLIMITED_INSTANCES, 0, 0, 0, NULL);
    Check(c == INVALID_HANDLE_VALUE && GetLastError() == ERROR_ACCESS_DENIED,
          "FILE_FLAG_FIRST_PIPE_INSTANCE when the name exists: ERROR_ACCESS_DENIED");
    Check(GetNamedPipeHandleStateA(a, NULL, &instances, NULL, NULL, NULL, 0) && instances == 2,
          "GetNamedPipeHandleState: 2 instances");
    HANDLE first = Client(), second = Client();
    Check(first != INVALID_HANDLE_VALUE && second != INVALID_HANDLE_VALUE,
          "two clients connect, one to each instance");
    Check(Client() == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PIPE_BUSY,
          "a third client: ERROR_PIPE_BUSY");
    WriteFile(first, "1", 1, &n, NULL);
    WriteFile(second, "2", 1, &n, NULL);
    BOOL one = PeekNamedPipe(a, buffer, 1, &n, NULL, NULL) && n == 1;
    char at_a = buffer[0];
    BOOL two = PeekNamedPipe(b, buffer, 1, &n, NULL, NULL) && n == 1;
    Check(one && two && at_a != buffer[0], "each instance has its own client's bytes");
    CloseHandle(first);
    CloseHandle(second);
    CloseHandle(a);
    CloseHandle(b);
}

static void Messages(void)
{
    char buffer[32];
    DWORD n, avail, left, state;
    HANDLE server = Server(PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE, 1);
    HANDLE client = Client();
    Check(server != INVALID_HANDLE_VALUE && client != INVALID_HANDLE_VALUE,
          "a message pipe, the server in message read mode");
    Check(WriteFile(client, "Bit Bucket", 11, &n, NULL) && WriteFile(client, "More bits", 10, &n, NULL),
          "client writes two messages, 11 and 10 bytes");
    Check(PeekNamedPipe(server, buffer, sizeof buffer, &n, &avail, &left) && n == 11 &&
              avail == 21 && left == 0,
          "PeekNamedPipe: the first message only (11 of 21 bytes), 0 left of it");
    Check(PeekNamedPipe(server, buffer, 4, &n, &avail, &left) && n == 4 && left == 7,
          "PeekNamedPipe, 4 bytes: 7 left of the message");
    SetLastError(0);
    Check(Fails(ReadFile(server, buffer, 4, &n, NULL), ERROR_MORE_DATA) && n == 4,
          "ReadFile, 4 bytes of 11: ERROR_MORE_DATA, 4 read");
    Check(Fails(ReadFile(server, buffer + 4, 4, &n, NULL), ERROR_MORE_DATA) && n == 4,
          "again: ERROR_MORE_DATA, 4 more");
    Check(ReadFile(server, buffer + 8, sizeof buffer - 8, &n, NULL) && n == 3 &&
              memcmp(buffer, "Bit Bucket", 11) == 0,
          "the rest of the message: 3 bytes, and no more");
    Check(ReadFile(server, buffer, sizeof buffer, &n, NULL) && n == 10,
          "the second message, whole");
    Check(GetNamedPipeHandleStateA(client, &state, NULL, NULL, NULL, NULL, 0) &&
              state == PIPE_READMODE_BYTE,
          "a client end starts in byte read mode");
    Check(WriteFile(server, "one", 3, &n, NULL) && WriteFile(server, "two", 3, &n, NULL) &&
              ReadFile(client, buffer, sizeof buffer, &n, NULL) && n == 6,
          "in byte read mode the client reads across messages");
    DWORD mode = PIPE_READMODE_MESSAGE;
    Check(SetNamedPipeHandleState(client, &mode, NULL, NULL), "SetNamedPipeHandleState: message mode");
    Check(WriteFile(server, "three", 5, &n, NULL) && WriteFile(server, "four", 4, &n, NULL) &&
              ReadFile(client, buffer, sizeof buffer, &n, NULL) && n == 5,
          "now it reads one message at a time");
    Check(ReadFile(client, buffer, sizeof buffer, &n, NULL) && n == 4, "and the next");
    CloseHandle(client);
    CloseHandle(server);
}

/* A server thread: answers each message with "re: " and it. */
static DWORD WINAPI Answer(void *arg)
{
    HANDLE server = arg;
    char in[64], out[80];
    DWORD n;
    for (int i = 0; i < 2; i++) {
        if (!ConnectNamedPipe(server, NULL) && GetLastError() != ERROR_PIPE_CONNECTED) {
            return 1;
        }
        if (ReadFile(server, in, sizeof in, &n, NULL)) {
            memcpy(out, "re: ", 4);
            memcpy(out + 4, in, n);
            WriteFile(server, out, n + 4, &n, NULL);
        }
        FlushFileBuffers(server);
        /* Wait for the client to go, then be ready for the next. */
        while (ReadFile(server, in, sizeof in, &n, NULL)) {
        }
        DisconnectNamedPipe(server);
    }
    return 0;
}

static void Transact(void)
{
    char buffer[64];
    DWORD n;
    HANDLE server = Server(PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE, 1);
    HANDLE thread = CreateThread(NULL, 0, Answer, server, 0, NULL);
    Check(WaitNamedPipeA(NAME, NMPWAIT_WAIT_FOREVER), "WaitNamedPipe(NMPWAIT_WAIT_FOREVER)");
    HANDLE client = Client();
    Check(client != INVALID_HANDLE_VALUE, "the client connects; the server's ConnectNamedPipe returns");
    Check(Fails(TransactNamedPipe(client, "hi", 2, buffer, sizeof buffer, &n, NULL), ERROR_BAD_PIPE),
          "TransactNamedPipe in byte read mode: ERROR_BAD_PIPE");
    DWORD mode = PIPE_READMODE_MESSAGE;
    SetNamedPipeHandleState(client, &mode, NULL, NULL);
    Check(TransactNamedPipe(client, "hello", 5, buffer, sizeof buffer, &n, NULL) && n == 9 &&
              memcmp(buffer, "re: hello", 9) == 0,
          "TransactNamedPipe: \"re: hello\"");
    CloseHandle(client);
    Check(CallNamedPipeA(NAME, "again", 5, buffer, 6, &n, NMPWAIT_WAIT_FOREVER) == FALSE &&
              GetLastError() == ERROR_MORE_DATA && n == 6 && memcmp(buffer, "re: ag", 6) == 0,
          "CallNamedPipe, 6 bytes for a 9-byte answer: ERROR_MORE_DATA, 6 read");
    Check(WaitForSingleObject(thread, INFINITE) == WAIT_OBJECT_0, "the server thread ends");
    CloseHandle(thread);
    CloseHandle(server);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "deadlock") == 0) {
        /* Nobody will ever connect: the run ends, saying so. */
        HANDLE server = Server(PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1);
        ConnectNamedPipe(server, NULL);
        return 0;
    }
    NoPipe();
    ByteStream();
    Disconnect();
    Instances();
    Messages();
    Transact();
    return Failures;
}
