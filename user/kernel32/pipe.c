/*
 * Pipes in Win32's words, over the named pipe file system (ke/npfs.c,
 * ke/npfsctl.c):
 *
 * CreateNamedPipe makes an instance of \\.\pipe\NAME (NtCreateNamedPipeFile
 * on \??\pipe\NAME): PIPE_ACCESS_INBOUND / _OUTBOUND / _DUPLEX say which
 * way the data flows (the server's rights and share access), PIPE_TYPE_*
 * and PIPE_READMODE_* the pipe's type and the server's read mode,
 * PIPE_NOWAIT that its requests never wait, nMaxInstances how many
 * instances the name may have (PIPE_UNLIMITED_INSTANCES: any number),
 * FILE_FLAG_OVERLAPPED that its requests may pend, and
 * FILE_FLAG_FIRST_PIPE_INSTANCE that the name must be new. A client opens
 * the name with CreateFile (ERROR_FILE_NOT_FOUND: no such pipe;
 * ERROR_PIPE_BUSY: no instance listening; WaitNamedPipe waits for one).
 * ConnectNamedPipe and DisconnectNamedPipe are the server's
 * FSCTL_PIPE_LISTEN and FSCTL_PIPE_DISCONNECT; PeekNamedPipe is
 * FSCTL_PIPE_PEEK; GetNamedPipeInfo, GetNamedPipeHandleState and
 * SetNamedPipeHandleState read and set FilePipeLocalInformation and
 * FilePipeInformation. TransactNamedPipe writes a message and reads the
 * answer; CallNamedPipe opens, transacts and closes.
 *
 * Anonymous pipes are made as Windows makes them: a named pipe with a
 * name nobody will guess (\Device\NamedPipe\Win32Pipes.<pid>.<count>),
 * whose server end is the read handle and whose client end, opened by
 * that name, is the write handle. Both are synchronous byte streams with
 * nSize bytes of room (0: 4096, what Windows gives).
 * SECURITY_ATTRIBUTES.bInheritHandle makes both inheritable.
 */
#include "kernel32/fileapi.h"

#define PIPE_ACCESS_INBOUND 0x00000001u
#define PIPE_ACCESS_OUTBOUND 0x00000002u
#define FILE_FLAG_FIRST_PIPE_INSTANCE 0x00080000u
#define FILE_FLAG_WRITE_THROUGH 0x80000000u
#define FILE_FLAG_OVERLAPPED 0x40000000u
#define PIPE_NOWAIT 0x00000001u
#define PIPE_READMODE_MESSAGE 0x00000002u
#define PIPE_TYPE_MESSAGE 0x00000004u
#define PIPE_SERVER_END 0x00000001u
#define PIPE_UNLIMITED_INSTANCES 255u
#define NMPWAIT_WAIT_FOREVER 0xFFFFFFFFu
#define NMPWAIT_USE_DEFAULT_WAIT 0u
#define OPEN_EXISTING 3u

#define FSCTL_PIPE_DISCONNECT 0x00110004u
#define FSCTL_PIPE_LISTEN 0x00110008u
#define FSCTL_PIPE_PEEK 0x0011400Cu
#define FSCTL_PIPE_WAIT 0x00110018u
#define FilePipeInformation 23u
#define FilePipeLocalInformation 24u

#define ERROR_BAD_PIPE 230
#define ERROR_PIPE_BUSY 231
#define ERROR_CANNOT_IMPERSONATE 1368

typedef struct FILE_PIPE_INFORMATION {
    ULONG ReadMode, CompletionMode;
} FILE_PIPE_INFORMATION;

typedef struct FILE_PIPE_LOCAL_INFORMATION {
    ULONG NamedPipeType, NamedPipeConfiguration, MaximumInstances, CurrentInstances;
    ULONG InboundQuota, ReadDataAvailable, OutboundQuota, WriteQuotaAvailable;
    ULONG NamedPipeState, NamedPipeEnd;
} FILE_PIPE_LOCAL_INFORMATION;

static LONG PipeCount;

ULONG BaseInheritAttribute(const void *security)
{
    const SECURITY_ATTRIBUTES *sa = security;
    return sa && sa->bInheritHandle ? OBJ_INHERIT : 0;
}

static BOOL Failed(NTSTATUS status)
{
    BaseSetLastNtError(status);
    return FALSE;
}

/* "Win32Pipes.%08x.%08x" after the device's name, without a printf. */
static void PipeName(WCHAR *out, ULONG pid, ULONG count)
{
    static const char prefix[] = "\\Device\\NamedPipe\\Win32Pipes.";
    static const char hex[] = "0123456789abcdef";
    ULONG n = 0;
    for (const char *c = prefix; *c; c++) {
        out[n++] = (WCHAR)*c;
    }
    for (int i = 28; i >= 0; i -= 4) {
        out[n++] = (WCHAR)hex[(pid >> i) & 0xF];
    }
    out[n++] = '.';
    for (int i = 28; i >= 0; i -= 4) {
        out[n++] = (WCHAR)hex[(count >> i) & 0xF];
    }
    out[n] = 0;
}

BOOL WINAPI CreatePipe(HANDLE *read, HANDLE *write, SECURITY_ATTRIBUTES *attributes, DWORD size)
{
    WCHAR name[64];
    PipeName(name, GetCurrentProcessId(), (ULONG)InterlockedIncrement(&PipeCount));
    UNICODE_STRING string;
    RtlInitUnicodeString(&string, name);
    ULONG inherit = BaseInheritAttribute(attributes);
    OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &string, OBJ_CASE_INSENSITIVE | inherit, NULL, NULL};
    LARGE_INTEGER timeout;
    timeout.QuadPart = -1200000000LL; /* 120 s, the default wait Windows gives */
    IO_STATUS_BLOCK iosb;
    HANDLE server = NULL, client = NULL;
    NTSTATUS status = NtCreateNamedPipeFile(&server, GENERIC_READ | FILE_WRITE_ATTRIBUTES | SYNCHRONIZE,
                                            &oa, &iosb, FILE_SHARE_READ | FILE_SHARE_WRITE,
                                            FILE_CREATE, FILE_SYNCHRONOUS_IO_NONALERT,
                                            0 /* byte stream */, 0 /* byte mode */,
                                            0 /* queue operations */, 1, size, size, &timeout);
    if (NT_SUCCESS(status)) {
        status = NtOpenFile(&client, GENERIC_WRITE | FILE_READ_ATTRIBUTES | SYNCHRONIZE, &oa, &iosb,
                            FILE_SHARE_READ, FILE_SYNCHRONOUS_IO_NONALERT | FILE_NON_DIRECTORY_FILE);
        if (!NT_SUCCESS(status)) {
            NtClose(server);
        }
    }
    if (!NT_SUCCESS(status)) {
        return Failed(status);
    }
    *read = server;
    *write = client;
    return TRUE;
}

/* Whether a Win32 name is a local pipe's: \\.\pipe\ and something after. */
static BOOL IsPipeName(const WCHAR *name)
{
    static const char prefix[] = "\\\\.\\pipe\\";
    for (int i = 0; prefix[i]; i++) {
        WCHAR c = name[i];
        if (c >= 'A' && c <= 'Z') {
            c = (WCHAR)(c + 32);
        }
        if (c != (WCHAR)prefix[i]) {
            return FALSE;
        }
    }
    return name[sizeof prefix - 1] != 0;
}

HANDLE WINAPI CreateNamedPipeW(const WCHAR *name, DWORD open_mode, DWORD pipe_mode,
                               DWORD instances, DWORD out_size, DWORD in_size, DWORD timeout_ms,
                               SECURITY_ATTRIBUTES *security)
{
    if (!name) {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return INVALID_HANDLE_VALUE;
    }
    if (!IsPipeName(name)) {
        SetLastError(ERROR_INVALID_NAME);
        return INVALID_HANDLE_VALUE;
    }
    ULONG flow = open_mode & (PIPE_ACCESS_INBOUND | PIPE_ACCESS_OUTBOUND);
    if (!flow || instances == 0 || instances > PIPE_UNLIMITED_INSTANCES) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    ULONG access = SYNCHRONIZE, share = 0;
    if (flow & PIPE_ACCESS_INBOUND) {
        access |= GENERIC_READ;
        share |= FILE_SHARE_WRITE;
    }
    if (flow & PIPE_ACCESS_OUTBOUND) {
        access |= GENERIC_WRITE;
        share |= FILE_SHARE_READ;
    }
    ULONG options = 0;
    if (!(open_mode & FILE_FLAG_OVERLAPPED)) {
        options |= FILE_SYNCHRONOUS_IO_NONALERT;
    }
    if (open_mode & FILE_FLAG_WRITE_THROUGH) {
        options |= FILE_WRITE_THROUGH;
    }
    LARGE_INTEGER timeout;
    timeout.QuadPart = (timeout_ms ? (LONGLONG)timeout_ms : 50) * -10000LL;
    UNICODE_STRING nt;
    if (!BaseNtPathFromDosPath(name, &nt, NULL)) {
        return INVALID_HANDLE_VALUE;
    }
    OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &nt, OBJ_CASE_INSENSITIVE | BaseInheritAttribute(security),
                            NULL, NULL};
    IO_STATUS_BLOCK iosb;
    HANDLE handle = NULL;
    NTSTATUS status = NtCreateNamedPipeFile(
        &handle, access, &oa, &iosb, share,
        (open_mode & FILE_FLAG_FIRST_PIPE_INSTANCE) ? FILE_CREATE : FILE_OPEN_IF, options,
        (pipe_mode & PIPE_TYPE_MESSAGE) ? 1 : 0, (pipe_mode & PIPE_READMODE_MESSAGE) ? 1 : 0,
        (pipe_mode & PIPE_NOWAIT) ? 1 : 0,
        instances == PIPE_UNLIMITED_INSTANCES ? 0xFFFFFFFFu : instances, in_size, out_size,
        &timeout);
    RtlFreeUnicodeString(&nt);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return INVALID_HANDLE_VALUE;
    }
    SetLastError(ERROR_SUCCESS);
    return handle;
}

HANDLE WINAPI CreateNamedPipeA(const char *name, DWORD open_mode, DWORD pipe_mode, DWORD instances,
                               DWORD out_size, DWORD in_size, DWORD timeout_ms,
                               SECURITY_ATTRIBUTES *security)
{
    WCHAR *wide = BaseNameFromAnsi(name);
    if (!wide) {
        return INVALID_HANDLE_VALUE;
    }
    HANDLE handle = CreateNamedPipeW(wide, open_mode, pipe_mode, instances, out_size, in_size,
                                     timeout_ms, security);
    BaseFreeName(wide);
    return handle;
}

BOOL WINAPI ConnectNamedPipe(HANDLE pipe, OVERLAPPED *overlapped)
{
    BASE_IO io;
    BaseStartIo(&io, overlapped);
    NTSTATUS status = NtFsControlFile(pipe, io.Event, NULL, io.ApcContext, io.Iosb,
                                      FSCTL_PIPE_LISTEN, NULL, 0, NULL, 0);
    if (status == STATUS_PENDING) {
        SetLastError(ERROR_IO_PENDING);
        return FALSE;
    }
    return NT_SUCCESS(status) ? TRUE : Failed(status);
}

BOOL WINAPI DisconnectNamedPipe(HANDLE pipe)
{
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtFsControlFile(pipe, NULL, NULL, NULL, &iosb, FSCTL_PIPE_DISCONNECT, NULL, 0,
                                      NULL, 0);
    return NT_SUCCESS(status) ? TRUE : Failed(status);
}

/* FILE_PIPE_WAIT_FOR_BUFFER, sent to \Device\NamedPipe\ itself. */
BOOL WINAPI WaitNamedPipeW(const WCHAR *name, DWORD timeout_ms)
{
    if (!name || !IsPipeName(name)) {
        SetLastError(ERROR_FILE_NOT_FOUND);
        return FALSE;
    }
    const WCHAR *pipe = name + 9; /* after \\.\pipe\ */
    ULONG length = 0;
    while (pipe[length]) {
        length++;
    }
    ULONG size = 14 + length * 2;
    BYTE *wait = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, size);
    if (!wait) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    /* No timeout: the pipe's default; forever: INT64_MIN. */
    LONGLONG timeout = timeout_ms == NMPWAIT_WAIT_FOREVER ? (LONGLONG)(-0x7FFFFFFFFFFFFFFFLL - 1)
                                                          : (LONGLONG)timeout_ms * -10000LL;
    ULONG bytes = length * 2;
    memcpy(wait, &timeout, 8);
    memcpy(wait + 8, &bytes, 4);
    wait[12] = timeout_ms != NMPWAIT_USE_DEFAULT_WAIT;
    wait[13] = 0;
    memcpy(wait + 14, pipe, bytes);
    static const WCHAR device[] = {'\\', 'D', 'e', 'v', 'i', 'c', 'e', '\\', 'N', 'a', 'm', 'e',
                                   'd', 'P', 'i', 'p', 'e', '\\', 0};
    UNICODE_STRING string;
    RtlInitUnicodeString(&string, device);
    OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &string, OBJ_CASE_INSENSITIVE, NULL, NULL};
    IO_STATUS_BLOCK iosb;
    HANDLE root = NULL;
    NTSTATUS status = NtOpenFile(&root, FILE_READ_ATTRIBUTES | SYNCHRONIZE, &oa, &iosb,
                                 FILE_SHARE_READ | FILE_SHARE_WRITE, FILE_SYNCHRONOUS_IO_NONALERT);
    if (NT_SUCCESS(status)) {
        status = NtFsControlFile(root, NULL, NULL, NULL, &iosb, FSCTL_PIPE_WAIT, wait, size, NULL, 0);
        NtClose(root);
    }
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, wait);
    return NT_SUCCESS(status) ? TRUE : Failed(status);
}

BOOL WINAPI WaitNamedPipeA(const char *name, DWORD timeout_ms)
{
    WCHAR *wide = BaseNameFromAnsi(name);
    if (!wide) {
        return FALSE;
    }
    BOOL ok = WaitNamedPipeW(wide, timeout_ms);
    BaseFreeName(wide);
    return ok;
}

static BOOL QueryPipe(HANDLE pipe, void *info, ULONG size, ULONG class)
{
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtQueryInformationFile(pipe, &iosb, info, size, class);
    return NT_SUCCESS(status) ? TRUE : Failed(status);
}

BOOL WINAPI GetNamedPipeInfo(HANDLE pipe, DWORD *flags, DWORD *out_size, DWORD *in_size,
                             DWORD *instances)
{
    FILE_PIPE_LOCAL_INFORMATION info;
    if (!QueryPipe(pipe, &info, sizeof info, FilePipeLocalInformation)) {
        return FALSE;
    }
    if (flags) {
        *flags = (info.NamedPipeEnd ? PIPE_SERVER_END : 0) |
                 (info.NamedPipeType ? PIPE_TYPE_MESSAGE : 0);
    }
    if (out_size) {
        *out_size = info.OutboundQuota;
    }
    if (in_size) {
        *in_size = info.InboundQuota;
    }
    if (instances) {
        *instances = info.MaximumInstances == 0xFFFFFFFFu ? PIPE_UNLIMITED_INSTANCES
                                                          : info.MaximumInstances;
    }
    return TRUE;
}

/* The state and the instances. Every pipe here is local: a collection
 * count or timeout is a remote client's, so asking for one is
 * ERROR_INVALID_PARAMETER (Microsoft: they must be NULL when client and
 * server are on one computer), and a user name is the impersonated
 * client's, which a server here never has (ERROR_CANNOT_IMPERSONATE; on
 * a client's end ERROR_INVALID_PARAMETER). */
static BOOL HandleState(HANDLE pipe, DWORD *state, DWORD *instances, DWORD *max_collection,
                        DWORD *collect_timeout, BOOL user)
{
    FILE_PIPE_INFORMATION info;
    FILE_PIPE_LOCAL_INFORMATION local;
    if (!QueryPipe(pipe, &info, sizeof info, FilePipeInformation) ||
        !QueryPipe(pipe, &local, sizeof local, FilePipeLocalInformation)) {
        return FALSE;
    }
    if (max_collection || collect_timeout || (user && !local.NamedPipeEnd)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (user) {
        SetLastError(ERROR_CANNOT_IMPERSONATE);
        return FALSE;
    }
    if (state) {
        *state = (info.CompletionMode ? PIPE_NOWAIT : 0) |
                 (info.ReadMode ? PIPE_READMODE_MESSAGE : 0);
    }
    if (instances) {
        *instances = local.CurrentInstances;
    }
    return TRUE;
}

BOOL WINAPI GetNamedPipeHandleStateW(HANDLE pipe, DWORD *state, DWORD *instances,
                                     DWORD *max_collection, DWORD *collect_timeout, WCHAR *user,
                                     DWORD user_size)
{
    (void)user_size;
    return HandleState(pipe, state, instances, max_collection, collect_timeout, user != NULL);
}

BOOL WINAPI GetNamedPipeHandleStateA(HANDLE pipe, DWORD *state, DWORD *instances,
                                     DWORD *max_collection, DWORD *collect_timeout, char *user,
                                     DWORD user_size)
{
    (void)user_size;
    return HandleState(pipe, state, instances, max_collection, collect_timeout, user != NULL);
}

/* The read and completion modes; a collection count or timeout is a
 * remote client's (ERROR_INVALID_PARAMETER here, as in HandleState). */
BOOL WINAPI SetNamedPipeHandleState(HANDLE pipe, DWORD *mode, DWORD *max_collection,
                                    DWORD *collect_timeout)
{
    if (max_collection || collect_timeout) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!mode) {
        return TRUE;
    }
    if (*mode & ~(PIPE_NOWAIT | PIPE_READMODE_MESSAGE)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    FILE_PIPE_INFORMATION info = {(*mode & PIPE_READMODE_MESSAGE) ? 1 : 0,
                                  (*mode & PIPE_NOWAIT) ? 1 : 0};
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtSetInformationFile(pipe, &iosb, &info, sizeof info, FilePipeInformation);
    return NT_SUCCESS(status) ? TRUE : Failed(status);
}

/*
 * PeekNamedPipe: FSCTL_PIPE_PEEK (ke/npfsctl.c, and ke/fsctl.c for a
 * standard stream the host has as a pipe or socket: the bytes waiting
 * and, from a socket, the bytes themselves; a FIFO gives the count alone).
 * *left is what the first message has beyond what was copied (for a byte
 * stream, whose MessageLength is 0, minus the bytes copied, as Windows
 * reports it). A handle that is no pipe: ERROR_INVALID_FUNCTION; a pipe
 * whose writer has gone, emptied: ERROR_BROKEN_PIPE; a listening server:
 * ERROR_BAD_PIPE.
 */
BOOL WINAPI PeekNamedPipe(HANDLE pipe, void *buffer, DWORD size, DWORD *read, DWORD *available,
                          DWORD *left)
{
    ULONG room = buffer ? size : 0;
    ULONG *peek = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, 16 + room);
    if (!peek) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    IO_STATUS_BLOCK io;
    NTSTATUS status = NtFsControlFile(pipe, NULL, NULL, NULL, &io, FSCTL_PIPE_PEEK, NULL, 0, peek,
                                      16 + room);
    if (!NT_SUCCESS(status) && status != STATUS_BUFFER_OVERFLOW) {
        RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, peek);
        return Failed(status);
    }
    DWORD copied = io.Information > 16 ? (DWORD)io.Information - 16 : 0;
    if (copied) {
        memcpy(buffer, peek + 4, copied);
    }
    if (read) {
        *read = copied;
    }
    if (available) {
        *available = peek[1];
    }
    if (left) {
        *left = peek[3] - copied;
    }
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, peek);
    return TRUE;
}

/* A message out, the answer in: on an end in message read mode only
 * (ERROR_BAD_PIPE); ERROR_MORE_DATA when the answer is longer. With an
 * OVERLAPPED, the read may pend. */
BOOL WINAPI TransactNamedPipe(HANDLE pipe, void *in, DWORD in_size, void *out, DWORD out_size,
                              DWORD *read, OVERLAPPED *overlapped)
{
    FILE_PIPE_INFORMATION info;
    if (!QueryPipe(pipe, &info, sizeof info, FilePipeInformation)) {
        return FALSE;
    }
    if (!info.ReadMode) {
        SetLastError(ERROR_BAD_PIPE);
        return FALSE;
    }
    DWORD written;
    OVERLAPPED write = {0, 0, 0, 0, NULL};
    if (overlapped) {
        write.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
        if (!write.hEvent) {
            return FALSE;
        }
        write.hEvent = (HANDLE)((ULONG_PTR)write.hEvent | 1); /* no packet for this part */
    }
    BOOL ok = WriteFile(pipe, in, in_size, &written, overlapped ? &write : NULL);
    if (!ok && overlapped && GetLastError() == ERROR_IO_PENDING) {
        ok = GetOverlappedResult(pipe, &write, &written, TRUE);
    }
    if (overlapped) {
        CloseHandle((HANDLE)((ULONG_PTR)write.hEvent & ~(ULONG_PTR)1));
    }
    return ok && ReadFile(pipe, out, out_size, read, overlapped);
}

BOOL WINAPI CallNamedPipeW(const WCHAR *name, void *in, DWORD in_size, void *out, DWORD out_size,
                           DWORD *read, DWORD timeout_ms)
{
    HANDLE pipe;
    for (;;) {
        pipe = CreateFileW(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
        if (pipe != INVALID_HANDLE_VALUE) {
            break;
        }
        if (GetLastError() != ERROR_PIPE_BUSY || !WaitNamedPipeW(name, timeout_ms)) {
            return FALSE;
        }
    }
    DWORD mode = PIPE_READMODE_MESSAGE;
    BOOL ok = SetNamedPipeHandleState(pipe, &mode, NULL, NULL) &&
              TransactNamedPipe(pipe, in, in_size, out, out_size, read, NULL);
    DWORD error = GetLastError();
    CloseHandle(pipe);
    SetLastError(error);
    return ok;
}

BOOL WINAPI CallNamedPipeA(const char *name, void *in, DWORD in_size, void *out, DWORD out_size,
                           DWORD *read, DWORD timeout_ms)
{
    WCHAR *wide = BaseNameFromAnsi(name);
    if (!wide) {
        return FALSE;
    }
    BOOL ok = CallNamedPipeW(wide, in, in_size, out, out_size, read, timeout_ms);
    BaseFreeName(wide);
    return ok;
}
