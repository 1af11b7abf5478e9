/*
 * Anonymous pipes, made as Windows makes them: a named pipe with a name
 * nobody will guess (\Device\NamedPipe\Win32Pipes.<pid>.<count>), whose
 * server end is the read handle and whose client end, opened by that
 * name, is the write handle. Both are synchronous byte streams with
 * nSize bytes of room (0: 4096, what Windows gives); the kernel side is
 * ke/npfs.c. SECURITY_ATTRIBUTES.bInheritHandle makes both inheritable.
 */
#include "kernel32/fileapi.h"

static LONG PipeCount;

ULONG BaseInheritAttribute(const void *security)
{
    const SECURITY_ATTRIBUTES *sa = security;
    return sa && sa->bInheritHandle ? OBJ_INHERIT : 0;
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
                                            2 /* FILE_CREATE */, FILE_SYNCHRONOUS_IO_NONALERT,
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
        BaseSetLastNtError(status);
        return FALSE;
    }
    *read = server;
    *write = client;
    return TRUE;
}
