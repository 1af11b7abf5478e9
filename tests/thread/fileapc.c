/*
 * I/O completion routines and scatter/gather, with Windows' answers:
 *  - ReadFileEx / WriteFileEx return TRUE and run their completion routine
 *    only in an alertable wait of the issuing thread, never before: with
 *    error 0, the bytes moved and the caller's OVERLAPPED (Wine's kernel32
 *    pipe.c:2626-2643); SleepEx(.., TRUE) then returns WAIT_IO_COMPLETION,
 *    and a wait that is not alertable runs none;
 *  - without an OVERLAPPED: FALSE, ERROR_INVALID_PARAMETER;
 *  - a pipe read that waits for data (ReadFileEx on an overlapped server)
 *    completes when the client writes, and its routine runs at the next
 *    alertable wait: WaitForSingleObjectEx(.., TRUE) returns
 *    WAIT_IO_COMPLETION (pipe.c:2626-2643);
 *  - NtWriteFile with an ApcRoutine on a synchronous file queues the APC;
 *    NtReadFile's synchronous read of a disk file does not (the cache's
 *    fast path), nor does a read at the end of the file, which fails at
 *    once (Wine's ntdll file.c:694-738);
 *  - a disk file's WriteFile from a bad buffer is ERROR_INVALID_USER_BUFFER,
 *    a ReadFile into one ERROR_NOACCESS (kernel32 file.c:3324, 3393);
 *  - an ApcRoutine on a file associated with a completion port:
 *    STATUS_INVALID_PARAMETER (ntdll file.c:1225);
 *  - WriteFileGather / ReadFileScatter on a file opened with
 *    FILE_FLAG_OVERLAPPED | FILE_FLAG_NO_BUFFERING pend (FALSE,
 *    ERROR_IO_PENDING), each with a port packet for its OVERLAPPED and the
 *    bytes moved; a read past the end fills only the pages before it; a
 *    handle without FILE_FLAG_OVERLAPPED is ERROR_INVALID_PARAMETER
 *    (kernel32 file.c:4744-4958).
 */
#include <stdio.h>
#include <windows.h>
#include <winternl.h>

#include "../guesttest.h"

static int Calls;
static DWORD LastError, LastBytes;
static OVERLAPPED *LastOverlapped;

static void WINAPI Completion(DWORD error, DWORD bytes, OVERLAPPED *overlapped)
{
    Calls++;
    LastError = error;
    LastBytes = bytes;
    LastOverlapped = overlapped;
}

static int ApcCount;
static void WINAPI CountApc(void *context, IO_STATUS_BLOCK *iosb, ULONG reserved)
{
    (void)iosb;
    (void)reserved;
    ++*(int *)context;
}

typedef NTSTATUS(WINAPI *NT_RW)(HANDLE, HANDLE, void *, void *, IO_STATUS_BLOCK *, void *, ULONG,
                                LARGE_INTEGER *, ULONG *);

static void FileEx(void)
{
    HANDLE file = CreateFileA("C:\\apc.tmp", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                              FILE_FLAG_OVERLAPPED, NULL);
    Check(file != INVALID_HANDLE_VALUE, "CreateFile(FILE_FLAG_OVERLAPPED)");
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    Calls = 0;
    Check(WriteFileEx(file, "completion", 10, &ov, Completion), "WriteFileEx: TRUE");
    Check(Calls == 0, "its routine has not run: no alertable wait yet");
    Check(WaitForSingleObject(file, 0) == WAIT_OBJECT_0 && Calls == 0,
          "a wait that is not alertable runs none");
    Check(SleepEx(0, TRUE) == WAIT_IO_COMPLETION, "SleepEx(0, TRUE): WAIT_IO_COMPLETION");
    Check(Calls == 1 && LastError == 0 && LastBytes == 10 && LastOverlapped == &ov,
          "the routine ran once: error 0, 10 bytes, the caller's OVERLAPPED");
    Check(SleepEx(0, TRUE) == 0 && Calls == 1, "and only once");

    char buffer[32] = {0};
    memset(&ov, 0, sizeof ov);
    ov.Offset = 4;
    Check(ReadFileEx(file, buffer, sizeof buffer, &ov, Completion), "ReadFileEx at offset 4: TRUE");
    Check(Calls == 1, "its routine waits for an alertable wait");
    Check(SleepEx(0, TRUE) == WAIT_IO_COMPLETION && Calls == 2 && LastBytes == 6 &&
              memcmp(buffer, "letion", 6) == 0,
          "SleepEx runs it: the 6 bytes after offset 4");
    SetLastError(0xDEADBEEF);
    Check(!ReadFileEx(file, buffer, 1, NULL, Completion) && GetLastError() == ERROR_INVALID_PARAMETER,
          "ReadFileEx without an OVERLAPPED: ERROR_INVALID_PARAMETER");
    SetLastError(0xDEADBEEF);
    Check(!WriteFileEx(file, buffer, 1, NULL, Completion) && GetLastError() == ERROR_INVALID_PARAMETER,
          "WriteFileEx without an OVERLAPPED: ERROR_INVALID_PARAMETER");

    /* Associated with a port, a file takes no APC routine. */
    HANDLE port = CreateIoCompletionPort(file, NULL, 7, 0);
    NT_RW read = (NT_RW)(void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtReadFile");
    IO_STATUS_BLOCK iosb;
    LARGE_INTEGER offset = {.QuadPart = 0};
    Check(read(file, NULL, (void *)CountApc, &ApcCount, &iosb, buffer, 4, &offset, NULL) ==
              (NTSTATUS)0xC000000D,
          "NtReadFile with an ApcRoutine on a file with a port: STATUS_INVALID_PARAMETER");
    CloseHandle(port);
    CloseHandle(file);
    DeleteFileA("C:\\apc.tmp");
}

static void SyncNt(void)
{
    NT_RW write = (NT_RW)(void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtWriteFile");
    NT_RW read = (NT_RW)(void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtReadFile");
    HANDLE file = CreateFileA("C:\\sync.tmp", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                              0, NULL);
    IO_STATUS_BLOCK iosb;
    LARGE_INTEGER offset = {.QuadPart = 0};
    char buffer[16];
    ApcCount = 0;
    Check(write(file, NULL, (void *)CountApc, &ApcCount, &iosb, "foobar", 6, &offset, NULL) == 0 &&
              iosb.Information == 6,
          "NtWriteFile with an ApcRoutine on a synchronous file: done");
    Check(ApcCount == 0 && SleepEx(0, TRUE) == WAIT_IO_COMPLETION && ApcCount == 1,
          "its APC runs at the alertable wait");
    Check(read(file, NULL, (void *)CountApc, &ApcCount, &iosb, buffer, 16, &offset, NULL) == 0 &&
              iosb.Information == 6,
          "NtReadFile with an ApcRoutine on a synchronous file: done");
    Check(SleepEx(0, TRUE) == 0 && ApcCount == 1, "no APC for it (a cached read)");
    offset.QuadPart = 8;
    Check(read(file, NULL, (void *)CountApc, &ApcCount, &iosb, buffer, 2, &offset, NULL) ==
              (NTSTATUS)0xC0000011,
          "a read past the end: STATUS_END_OF_FILE");
    Check(SleepEx(0, TRUE) == 0 && ApcCount == 1, "no APC for it");
    DWORD moved = 99;
    SetLastError(0xDEADBEEF);
    Check(!WriteFile(file, NULL, 10, &moved, NULL) && GetLastError() == ERROR_INVALID_USER_BUFFER &&
              moved == 0,
          "WriteFile from a bad buffer: ERROR_INVALID_USER_BUFFER");
    SetFilePointer(file, 0, NULL, FILE_BEGIN);
    SetLastError(0xDEADBEEF);
    Check(!ReadFile(file, NULL, 10, &moved, NULL) && GetLastError() == ERROR_NOACCESS && moved == 0,
          "ReadFile into a bad buffer: ERROR_NOACCESS");
    CloseHandle(file);
    DeleteFileA("C:\\sync.tmp");
}

static void PipeEx(void)
{
    const char *name = "\\\\.\\pipe\\fileapc";
    HANDLE server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED,
                                     PIPE_TYPE_BYTE | PIPE_WAIT, 1, 1024, 1024, 0, NULL);
    HANDLE client = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    Check(server != INVALID_HANDLE_VALUE && client != INVALID_HANDLE_VALUE, "a pipe and its client");
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    char buffer[32] = {0};
    Calls = 0;
    Check(ReadFileEx(server, buffer, sizeof buffer, &ov, Completion),
          "ReadFileEx on an empty pipe: TRUE (it waits)");
    Check(WaitForSingleObjectEx(event, 0, TRUE) == WAIT_TIMEOUT && Calls == 0,
          "nothing to run before the client writes");
    DWORD written;
    Check(WriteFile(client, "hello", 5, &written, NULL) && written == 5, "the client writes 5 bytes");
    Check(Calls == 0, "the routine waits for an alertable wait");
    Check(WaitForSingleObjectEx(event, 0, TRUE) == WAIT_IO_COMPLETION,
          "WaitForSingleObjectEx(.., TRUE): WAIT_IO_COMPLETION");
    Check(Calls == 1 && LastError == 0 && LastBytes == 5 && LastOverlapped == &ov &&
              memcmp(buffer, "hello", 5) == 0,
          "the routine ran: 5 bytes, the OVERLAPPED, the data");

    memset(&ov, 0, sizeof ov);
    Check(WriteFileEx(server, "back", 4, &ov, Completion), "WriteFileEx on the pipe: TRUE");
    Check(SleepEx(0, TRUE) == WAIT_IO_COMPLETION && Calls == 2 && LastBytes == 4,
          "its routine runs at SleepEx: 4 bytes");
    DWORD got = 0;
    Check(ReadFile(client, buffer, sizeof buffer, &got, NULL) && got == 4, "the client reads them");

    memset(&ov, 0, sizeof ov);
    Check(ReadFileEx(server, buffer, sizeof buffer, &ov, Completion), "another ReadFileEx waits");
    CloseHandle(client);
    Check(SleepEx(0, TRUE) == WAIT_IO_COMPLETION && Calls == 3 && LastError == ERROR_BROKEN_PIPE,
          "the client goes: the routine runs with ERROR_BROKEN_PIPE");
    CloseHandle(event);
    CloseHandle(server);
}

static void ScatterGather(void)
{
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    DWORD page = si.dwPageSize;
    HANDLE file = CreateFileA("C:\\gather.tmp", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                              FILE_FLAG_NO_BUFFERING | FILE_FLAG_OVERLAPPED, NULL);
    HANDLE port = CreateIoCompletionPort(file, NULL, 9, 0);
    char *w = VirtualAlloc(NULL, page, MEM_COMMIT, PAGE_READWRITE);
    char *r1 = VirtualAlloc(NULL, page, MEM_COMMIT, PAGE_READWRITE);
    char *r2 = VirtualAlloc(NULL, page, MEM_COMMIT, PAGE_READWRITE);
    memset(w, 0x42, page);
    FILE_SEGMENT_ELEMENT fse[3];
    memset(fse, 0, sizeof fse);
    fse[0].Buffer = w;
    OVERLAPPED ov, *got;
    memset(&ov, 0, sizeof ov);
    SetLastError(0xDEADBEEF);
    Check(!WriteFileGather(file, fse, page, NULL, &ov) && GetLastError() == ERROR_IO_PENDING,
          "WriteFileGather of a page: FALSE, ERROR_IO_PENDING");
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    Check(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0) && got == &ov && key == 9 &&
              bytes == page,
          "its packet: the OVERLAPPED, the key, a page");

    memset(r1, 0, page);
    memset(r2, 0x17, page);
    memset(fse, 0, sizeof fse);
    fse[0].Buffer = r1;
    fse[1].Buffer = r2;
    memset(&ov, 0, sizeof ov);
    SetLastError(0xDEADBEEF);
    Check(!ReadFileScatter(file, fse, 2 * page, NULL, &ov) && GetLastError() == ERROR_IO_PENDING,
          "ReadFileScatter of two pages from a one-page file: ERROR_IO_PENDING");
    Check(GetOverlappedResult(file, &ov, &bytes, TRUE) && bytes == page,
          "GetOverlappedResult: one page moved");
    Check(memcmp(r1, w, page) == 0 && (unsigned char)r2[0] == 0x17 &&
              (unsigned char)r2[page - 1] == 0x17,
          "the first page read, the second untouched");
    GetQueuedCompletionStatus(port, &bytes, &key, &got, 0);

    memset(&ov, 0, sizeof ov);
    memset(fse, 0, sizeof fse);
    fse[0].Buffer = r1;
    memset(r1, 0, page);
    Check(!ReadFileScatter(file, fse, page / 2, NULL, &ov) && GetLastError() == ERROR_IO_PENDING &&
              GetOverlappedResult(file, &ov, &bytes, TRUE) && bytes == page / 2 && r1[0] == 0x42 &&
              r1[page / 2] == 0,
          "half a page: half a page read");
    CloseHandle(port);
    CloseHandle(file);

    file = CreateFileA("C:\\gather.tmp", GENERIC_READ, 0, NULL, OPEN_EXISTING,
                       FILE_FLAG_NO_BUFFERING, NULL);
    memset(&ov, 0, sizeof ov);
    SetLastError(0xDEADBEEF);
    Check(!ReadFileScatter(file, fse, page, NULL, &ov) && GetLastError() == ERROR_INVALID_PARAMETER,
          "ReadFileScatter on a handle without FILE_FLAG_OVERLAPPED: ERROR_INVALID_PARAMETER");
    CloseHandle(file);
    DeleteFileA("C:\\gather.tmp");
}

int main(void)
{
    FileEx();
    SyncNt();
    PipeEx();
    ScatterGather();
    printf("%d failures\n", Failures);
    return Failures;
}
