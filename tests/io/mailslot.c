/*
 * Mailslots, with Windows' answers (Wine's kernel32 mailslot.c; ntdll
 * file.c:875-935 and 5344-5400):
 *  - a name outside \\.\mailslot\ is ERROR_INVALID_NAME; a NULL one
 *    ERROR_PATH_NOT_FOUND; a second server for a name is refused;
 *  - GetMailslotInfo gives the maximum message size, the size of the next
 *    message (MAILSLOT_NO_MESSAGE when there is none), the count, and the
 *    timeout (MAILSLOT_WAIT_FOREVER as given); on a handle that is not a
 *    mailslot it fails;
 *  - opening a name no server has: ERROR_FILE_NOT_FOUND;
 *  - the server cannot write (ERROR_ACCESS_DENIED); a client cannot read;
 *  - each write is one message, read whole and in order, a zero-length one
 *    too; a buffer too small for the next message is
 *    ERROR_INSUFFICIENT_BUFFER and the message stays;
 *  - a read with no message fails with ERROR_SEM_TIMEOUT once the read
 *    timeout has passed: at once for 0, after 1000 ms of the guest's clock
 *    for 1000 (mailslot.c:324-331); SetMailslotInfo changes the timeout;
 *  - a server waiting forever gets the message another thread writes;
 *  - NtCreateMailslotFile takes a NULL ReadTimeout (file.c:909-918);
 *  - once the server's handle is closed, the name is free again.
 */
#include <stdio.h>
#include <windows.h>
#include <winternl.h>

#include "../guesttest.h"

#define NAME "\\\\.\\mailslot\\ntmm\\test"

static DWORD WINAPI Writer(void *parameter)
{
    (void)parameter;
    Sleep(100);
    HANDLE client = CreateFileA(NAME, GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    DWORD written;
    WriteFile(client, "late", 4, &written, NULL);
    CloseHandle(client);
    return 0;
}

typedef NTSTATUS(WINAPI *CREATE_MAILSLOT)(HANDLE *, ULONG, OBJECT_ATTRIBUTES *, IO_STATUS_BLOCK *,
                                          ULONG, ULONG, ULONG, LARGE_INTEGER *);

int main(void)
{
    SetLastError(0xDEADBEEF);
    Check(CreateMailslotA("blah", 0, 0, NULL) == INVALID_HANDLE_VALUE &&
              GetLastError() == ERROR_INVALID_NAME,
          "CreateMailslot(\"blah\"): ERROR_INVALID_NAME");
    SetLastError(0xDEADBEEF);
    Check(CreateMailslotA(NULL, 0, 0, NULL) == INVALID_HANDLE_VALUE &&
              GetLastError() == ERROR_PATH_NOT_FOUND,
          "CreateMailslot(NULL): ERROR_PATH_NOT_FOUND");
    SetLastError(0xDEADBEEF);
    Check(CreateFileA(NAME, GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL) ==
                  INVALID_HANDLE_VALUE &&
              GetLastError() == ERROR_FILE_NOT_FOUND,
          "opening a mailslot nobody made: ERROR_FILE_NOT_FOUND");
    DWORD max, next, count, timeout;
    Check(!GetMailslotInfo(INVALID_HANDLE_VALUE, &max, &next, &count, &timeout),
          "GetMailslotInfo(INVALID_HANDLE_VALUE) fails");

    HANDLE slot = CreateMailslotA(NAME, (DWORD)-1, MAILSLOT_WAIT_FOREVER, NULL);
    Check(slot != INVALID_HANDLE_VALUE, "CreateMailslot(max -1, MAILSLOT_WAIT_FOREVER)");
    Check(GetMailslotInfo(slot, &max, &next, &count, &timeout) && max == (DWORD)-1 &&
              next == MAILSLOT_NO_MESSAGE && count == 0 && timeout == MAILSLOT_WAIT_FOREVER,
          "GetMailslotInfo: max -1, MAILSLOT_NO_MESSAGE, 0, MAILSLOT_WAIT_FOREVER");
    Check(GetMailslotInfo(slot, NULL, NULL, NULL, NULL), "GetMailslotInfo with NULLs");
    CloseHandle(slot);

    slot = CreateMailslotA(NAME, 0, 0, NULL);
    Check(slot != INVALID_HANDLE_VALUE, "CreateMailslot(max 0, timeout 0)");
    Check(CreateMailslotA(NAME, 0, 0, NULL) == INVALID_HANDLE_VALUE,
          "a second server for the name is refused");
    char buffer[16];
    DWORD got = 99;
    SetLastError(0xDEADBEEF);
    Check(!ReadFile(slot, buffer, sizeof buffer, &got, NULL) && GetLastError() == ERROR_SEM_TIMEOUT &&
              got == 0,
          "a read with no message, timeout 0: ERROR_SEM_TIMEOUT at once");
    SetLastError(0xDEADBEEF);
    Check(!WriteFile(slot, buffer, 1, &got, NULL) && GetLastError() == ERROR_ACCESS_DENIED,
          "the server writes: ERROR_ACCESS_DENIED");

    HANDLE client = CreateFileA(NAME, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL,
                                OPEN_EXISTING, 0, NULL);
    HANDLE client2 = CreateFileA(NAME, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                                 OPEN_EXISTING, 0, NULL);
    Check(client != INVALID_HANDLE_VALUE && client2 != INVALID_HANDLE_VALUE, "two clients open it");
    SetLastError(0xDEADBEEF);
    Check(!ReadFile(client, buffer, sizeof buffer, &got, NULL) &&
              (GetLastError() == ERROR_ACCESS_DENIED || GetLastError() == ERROR_INVALID_PARAMETER),
          "a client reads: refused");
    DWORD written;
    Check(WriteFile(client, "a", 1, &written, NULL) && written == 1, "1st message: 1 byte");
    Check(GetMailslotInfo(slot, NULL, &next, &count, NULL) && next == 1 && count == 1,
          "GetMailslotInfo: next 1, count 1");
    Check(WriteFile(client2, "bc", 2, &written, NULL) && written == 2, "2nd message: 2 bytes");
    Check(WriteFile(client2, "", 0, &written, NULL) && written == 0, "3rd message: empty");
    Check(GetMailslotInfo(slot, NULL, &next, &count, NULL) && next == 1 && count == 3,
          "GetMailslotInfo: next 1, count 3");
    Check(ReadFile(slot, buffer, sizeof buffer, &got, NULL) && got == 1 && buffer[0] == 'a',
          "read: the 1st message, whole");
    SetLastError(0xDEADBEEF);
    Check(!ReadFile(slot, buffer, 1, &got, NULL) && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "a 1-byte buffer for the 2-byte message: ERROR_INSUFFICIENT_BUFFER");
    Check(GetMailslotInfo(slot, NULL, &next, &count, NULL) && next == 2 && count == 2,
          "and it stays: next 2, count 2");
    Check(ReadFile(slot, buffer, sizeof buffer, &got, NULL) && got == 2 &&
              memcmp(buffer, "bc", 2) == 0,
          "read: the 2nd message");
    Check(GetMailslotInfo(slot, NULL, &next, &count, NULL) && next == 0 && count == 1,
          "GetMailslotInfo: next 0 (an empty message), count 1");
    got = 99;
    Check(ReadFile(slot, buffer, sizeof buffer, &got, NULL) && got == 0, "read: the empty message");
    Check(GetMailslotInfo(slot, NULL, &next, &count, NULL) && next == MAILSLOT_NO_MESSAGE &&
              count == 0,
          "none left: MAILSLOT_NO_MESSAGE");

    Check(SetMailslotInfo(slot, 1000), "SetMailslotInfo(1000)");
    Check(GetMailslotInfo(slot, NULL, NULL, NULL, &timeout) && timeout == 1000,
          "GetMailslotInfo: timeout 1000");
    DWORD start = GetTickCount();
    SetLastError(0xDEADBEEF);
    Check(!ReadFile(slot, buffer, sizeof buffer, &got, NULL) && GetLastError() == ERROR_SEM_TIMEOUT,
          "a read with no message: ERROR_SEM_TIMEOUT");
    Check(GetTickCount() - start >= 1000, "after the timeout, 1000 ms");

    Check(SetMailslotInfo(slot, MAILSLOT_WAIT_FOREVER), "SetMailslotInfo(MAILSLOT_WAIT_FOREVER)");
    HANDLE thread = CreateThread(NULL, 0, Writer, NULL, 0, NULL);
    Check(ReadFile(slot, buffer, sizeof buffer, &got, NULL) && got == 4 &&
              memcmp(buffer, "late", 4) == 0,
          "a read waiting forever gets another thread's message");
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    SetLastError(0xDEADBEEF);
    Check(!SetMailslotInfo(client, 0), "SetMailslotInfo on a client fails");
    CloseHandle(client);
    CloseHandle(client2);
    CloseHandle(slot);
    slot = CreateMailslotA(NAME, 0, 0, NULL);
    Check(slot != INVALID_HANDLE_VALUE, "the server closed: the name can be made again");
    CloseHandle(slot);

    CREATE_MAILSLOT create = (CREATE_MAILSLOT)(void *)GetProcAddress(GetModuleHandleA("ntdll.dll"),
                                                                     "NtCreateMailslotFile");
    static WCHAR path[] = L"\\??\\MAILSLOT\\R:\\FRED";
    UNICODE_STRING name = {sizeof path - sizeof(WCHAR), sizeof path, path};
    OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &name, OBJ_CASE_INSENSITIVE, NULL, NULL};
    IO_STATUS_BLOCK iosb;
    HANDLE nt = NULL;
    Check(create(&nt, GENERIC_READ, &oa, &iosb, 0, 0, 0, NULL) == 0 && nt != NULL,
          "NtCreateMailslotFile(\\??\\MAILSLOT\\R:\\FRED, ReadTimeout NULL): success");
    CloseHandle(nt);
    printf("%d failures\n", Failures);
    return Failures;
}
