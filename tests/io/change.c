/*
 * Directory change notification, with Windows' answers (Wine's kernel32
 * change.c):
 *  - FindFirstChangeNotification on a name that is not there:
 *    ERROR_FILE_NOT_FOUND; NULL: ERROR_PATH_NOT_FOUND; a file:
 *    ERROR_DIRECTORY; FindNext/FindCloseChangeNotification(NULL):
 *    ERROR_INVALID_HANDLE (change.c:98-130);
 *  - the handle is signaled by a change its filter takes (a file made,
 *    renamed, deleted; a directory made; attributes set; a write), not by
 *    one it does not, nor by a change below it without bWatchSubtree;
 *    FindNextChangeNotification asks again (change.c:158-235);
 *  - ReadDirectoryChangesW: a filter of 0 is ERROR_INVALID_PARAMETER; an
 *    OVERLAPPED request pends (Internal STATUS_PENDING) and completes with
 *    FILE_NOTIFY_INFORMATION records, the names relative to the
 *    directory, the count to the end of the last name (0x12 for "hoo");
 *    a buffer too small: STATUS_NOTIFY_ENUM_DIR and a count of 0; the
 *    first request's filter and subtree flag stay the watch's
 *    (change.c:424-530);
 *  - a rename in the directory is RENAMED_OLD_NAME then RENAMED_NEW_NAME;
 *  - changes made between two requests are kept for the next, which
 *    completes at once;
 *  - a synchronous ReadDirectoryChangesW waits for another thread's change;
 *  - with a completion routine, it runs at the next alertable wait;
 *  - NtDeleteFile of a directory that is not empty succeeds and leaves it
 *    (Wine's ntdll file.c:609-615).
 */
#include <stdio.h>
#include <windows.h>
#include <winternl.h>

#include "../guesttest.h"

static void Touch(const char *name)
{
    HANDLE file = CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    CloseHandle(file);
}

static DWORD WINAPI MakeLater(void *parameter)
{
    Sleep(50);
    Touch((const char *)parameter);
    return 0;
}

static int Routines;
static DWORD RoutineBytes;
static void WINAPI Routine(DWORD error, DWORD bytes, OVERLAPPED *overlapped)
{
    (void)error;
    (void)overlapped;
    Routines++;
    RoutineBytes = bytes;
}

static int NameIs(const FILE_NOTIFY_INFORMATION *info, const WCHAR *name)
{
    return info->FileNameLength == wcslen(name) * 2 &&
           memcmp(info->FileName, name, info->FileNameLength) == 0;
}

static void FindChange(void)
{
    SetLastError(0xDEADBEEF);
    Check(FindFirstChangeNotificationA("C:\\not-there", FALSE, FILE_NOTIFY_CHANGE_FILE_NAME) ==
                  INVALID_HANDLE_VALUE &&
              GetLastError() == ERROR_FILE_NOT_FOUND,
          "FindFirstChangeNotification of nothing: ERROR_FILE_NOT_FOUND");
    SetLastError(0xDEADBEEF);
    Check(FindFirstChangeNotificationA(NULL, FALSE, FILE_NOTIFY_CHANGE_FILE_NAME) ==
                  INVALID_HANDLE_VALUE &&
              GetLastError() == ERROR_PATH_NOT_FOUND,
          "FindFirstChangeNotification(NULL): ERROR_PATH_NOT_FOUND");
    Touch("C:\\plain.txt");
    SetLastError(0xDEADBEEF);
    Check(FindFirstChangeNotificationA("C:\\plain.txt", FALSE, FILE_NOTIFY_CHANGE_FILE_NAME) ==
                  INVALID_HANDLE_VALUE &&
              GetLastError() == ERROR_DIRECTORY,
          "FindFirstChangeNotification of a file: ERROR_DIRECTORY");
    SetLastError(0xDEADBEEF);
    Check(!FindNextChangeNotification(NULL) && GetLastError() == ERROR_INVALID_HANDLE,
          "FindNextChangeNotification(NULL): ERROR_INVALID_HANDLE");
    SetLastError(0xDEADBEEF);
    Check(!FindCloseChangeNotification(NULL) && GetLastError() == ERROR_INVALID_HANDLE,
          "FindCloseChangeNotification(NULL): ERROR_INVALID_HANDLE");

    CreateDirectoryA("C:\\watched", NULL);
    CreateDirectoryA("C:\\watched\\sub", NULL);
    HANDLE change = FindFirstChangeNotificationA("C:\\watched", FALSE, FILE_NOTIFY_CHANGE_FILE_NAME);
    Check(change != INVALID_HANDLE_VALUE, "FindFirstChangeNotification(FILE_NAME)");
    Check(WaitForSingleObject(change, 0) == WAIT_TIMEOUT, "not signaled before a change");
    CreateDirectoryA("C:\\watched\\dir", NULL);
    Check(WaitForSingleObject(change, 0) == WAIT_TIMEOUT, "a directory made: not a FILE_NAME change");
    Touch("C:\\watched\\sub\\deep.txt");
    Check(WaitForSingleObject(change, 0) == WAIT_TIMEOUT, "a file made below it: not seen");
    Touch("C:\\watched\\a.txt");
    Check(WaitForSingleObject(change, 0) == WAIT_OBJECT_0, "a file made in it: signaled");
    Check(WaitForSingleObject(change, 0) == WAIT_OBJECT_0, "and it stays signaled");
    Check(FindNextChangeNotification(change), "FindNextChangeNotification");
    Check(WaitForSingleObject(change, 0) == WAIT_TIMEOUT, "not signaled until the next change");
    Check(MoveFileA("C:\\watched\\a.txt", "C:\\watched\\b.txt") &&
              WaitForSingleObject(change, 0) == WAIT_OBJECT_0,
          "a rename: signaled");
    FindNextChangeNotification(change);
    Check(DeleteFileA("C:\\watched\\b.txt") && WaitForSingleObject(change, 0) == WAIT_OBJECT_0,
          "a delete: signaled");
    Check(FindCloseChangeNotification(change), "FindCloseChangeNotification");

    change = FindFirstChangeNotificationA("C:\\watched", TRUE, FILE_NOTIFY_CHANGE_DIR_NAME);
    Touch("C:\\watched\\c.txt");
    Check(WaitForSingleObject(change, 0) == WAIT_TIMEOUT, "DIR_NAME: a file made is not seen");
    CreateDirectoryA("C:\\watched\\sub\\deeper", NULL);
    Check(WaitForSingleObject(change, 0) == WAIT_OBJECT_0,
          "DIR_NAME with the subtree: a directory made below it is seen");
    FindCloseChangeNotification(change);

    change = FindFirstChangeNotificationA("C:\\watched", FALSE, FILE_NOTIFY_CHANGE_ATTRIBUTES);
    SetFileAttributesA("C:\\watched\\c.txt", FILE_ATTRIBUTE_HIDDEN);
    Check(WaitForSingleObject(change, 0) == WAIT_OBJECT_0, "ATTRIBUTES: SetFileAttributes is seen");
    FindCloseChangeNotification(change);

    change = FindFirstChangeNotificationA("C:\\watched", FALSE, FILE_NOTIFY_CHANGE_LAST_WRITE);
    HANDLE file = CreateFileA("C:\\watched\\c.txt", GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    DWORD written;
    WriteFile(file, "x", 1, &written, NULL);
    CloseHandle(file);
    Check(WaitForSingleObject(change, 0) == WAIT_OBJECT_0, "LAST_WRITE: a write is seen");
    FindCloseChangeNotification(change);
}

static void ReadChanges(void)
{
    CreateDirectoryA("C:\\boo", NULL);
    SetLastError(0xDEADBEEF);
    Check(!ReadDirectoryChangesW(NULL, NULL, 0, FALSE, 0, NULL, NULL, NULL) &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "ReadDirectoryChangesW(NULL, filter 0): ERROR_INVALID_PARAMETER");
    HANDLE dir = CreateFileA("C:\\boo", GENERIC_READ | FILE_LIST_DIRECTORY,
                             FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                             OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OVERLAPPED, NULL);
    Check(dir != INVALID_HANDLE_VALUE, "the directory, opened for overlapped I/O");
    char buffer[4096];
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    SetLastError(0xDEADBEEF);
    Check(!ReadDirectoryChangesW(dir, buffer, sizeof buffer, FALSE, 0, NULL, &ov, NULL) &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "filter 0: ERROR_INVALID_PARAMETER");
    DWORD filter = FILE_NOTIFY_CHANGE_FILE_NAME | FILE_NOTIFY_CHANGE_DIR_NAME;
    Check(ReadDirectoryChangesW(dir, buffer, sizeof buffer, TRUE, filter, NULL, &ov, NULL) &&
              ov.Internal == STATUS_PENDING,
          "a request: TRUE, Internal STATUS_PENDING");
    Check(WaitForSingleObject(ov.hEvent, 0) == WAIT_TIMEOUT, "it waits");
    CreateDirectoryA("C:\\boo\\hoo", NULL);
    FILE_NOTIFY_INFORMATION *info = (FILE_NOTIFY_INFORMATION *)buffer;
    Check(WaitForSingleObject(ov.hEvent, 0) == WAIT_OBJECT_0 && ov.Internal == 0 &&
              ov.InternalHigh == 0x12,
          "a directory made: the event, STATUS_SUCCESS, 0x12 bytes");
    Check(info->NextEntryOffset == 0 && info->Action == FILE_ACTION_ADDED && NameIs(info, L"hoo"),
          "one record: FILE_ACTION_ADDED, \"hoo\"");

    /* A later request's own filter is not used: the first one's stays. */
    ResetEvent(ov.hEvent);
    Check(ReadDirectoryChangesW(dir, buffer, sizeof buffer, FALSE, FILE_NOTIFY_CHANGE_SIZE, NULL,
                                &ov, NULL),
          "a request with FILE_NOTIFY_CHANGE_SIZE");
    RemoveDirectoryA("C:\\boo\\hoo");
    DWORD bytes = 0;
    Check(GetOverlappedResult(dir, &ov, &bytes, TRUE) && bytes == 0x12 &&
              info->Action == FILE_ACTION_REMOVED && NameIs(info, L"hoo"),
          "a directory removed is still seen: FILE_ACTION_REMOVED, \"hoo\"");

    ResetEvent(ov.hEvent);
    Check(ReadDirectoryChangesW(dir, buffer, 0x10, FALSE, filter, NULL, &ov, NULL),
          "a request with a 16-byte buffer");
    CreateDirectoryA("C:\\boo\\hoo", NULL);
    Check(WaitForSingleObject(ov.hEvent, 0) == WAIT_OBJECT_0 && ov.Internal == 0x10C &&
              ov.InternalHigh == 0,
          "too small: STATUS_NOTIFY_ENUM_DIR, 0 bytes");

    ResetEvent(ov.hEvent);
    Check(ReadDirectoryChangesW(dir, buffer, sizeof buffer, FALSE, filter, NULL, &ov, NULL),
          "a request (the watch has the subtree)");
    CreateDirectoryA("C:\\boo\\hoo\\ga", NULL);
    Check(GetOverlappedResult(dir, &ov, &bytes, TRUE) && info->Action == FILE_ACTION_ADDED &&
              NameIs(info, L"hoo\\ga"),
          "a directory made below it: \"hoo\\ga\"");

    Touch("C:\\boo\\one.txt");
    Check(MoveFileA("C:\\boo\\one.txt", "C:\\boo\\two.txt"), "changes between two requests");
    ResetEvent(ov.hEvent);
    memset(buffer, 0, sizeof buffer);
    Check(ReadDirectoryChangesW(dir, buffer, sizeof buffer, FALSE, filter, NULL, &ov, NULL) &&
              WaitForSingleObject(ov.hEvent, 0) == WAIT_OBJECT_0,
          "the next request completes at once");
    FILE_NOTIFY_INFORMATION *second = (FILE_NOTIFY_INFORMATION *)(buffer + info->NextEntryOffset);
    FILE_NOTIFY_INFORMATION *third = (FILE_NOTIFY_INFORMATION *)((char *)second + second->NextEntryOffset);
    Check(info->Action == FILE_ACTION_ADDED && NameIs(info, L"one.txt") &&
              info->NextEntryOffset % 4 == 0 && second->Action == FILE_ACTION_RENAMED_OLD_NAME &&
              NameIs(second, L"one.txt") && third->Action == FILE_ACTION_RENAMED_NEW_NAME &&
              NameIs(third, L"two.txt") && third->NextEntryOffset == 0,
          "ADDED one.txt, RENAMED_OLD_NAME one.txt, RENAMED_NEW_NAME two.txt");

    memset(&ov, 0, sizeof ov);
    Routines = 0;
    Check(ReadDirectoryChangesW(dir, buffer, sizeof buffer, FALSE, filter, NULL, &ov, Routine),
          "a request with a completion routine");
    DeleteFileA("C:\\boo\\two.txt");
    Check(Routines == 0 && SleepEx(0, TRUE) == WAIT_IO_COMPLETION && Routines == 1 &&
              RoutineBytes == 12 + 14,
          "its routine runs at the alertable wait, with the record's size");
    CloseHandle(dir);

    dir = CreateFileA("C:\\boo", FILE_LIST_DIRECTORY, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                      NULL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
    HANDLE thread = CreateThread(NULL, 0, MakeLater, (void *)"C:\\boo\\later.txt", 0, NULL);
    DWORD returned = 0;
    Check(ReadDirectoryChangesW(dir, buffer, sizeof buffer, FALSE, FILE_NOTIFY_CHANGE_FILE_NAME,
                                &returned, NULL, NULL) &&
              returned == 12 + 18 && info->Action == FILE_ACTION_ADDED &&
              NameIs(info, L"later.txt"),
          "a synchronous request waits for another thread's change");
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    CloseHandle(dir);
}

typedef NTSTATUS(WINAPI *NT_DELETE)(OBJECT_ATTRIBUTES *);

/* NtDeleteFile is an open for delete-on-close: a directory that is not
 * empty is not deleted, and the call still succeeds. */
static void DeleteFull(void)
{
    CreateDirectoryA("C:\\full", NULL);
    CreateDirectoryA("C:\\full\\in", NULL);
    NT_DELETE nt_delete =
        (NT_DELETE)(void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtDeleteFile");
    static WCHAR path[] = L"\\??\\C:\\full";
    UNICODE_STRING name = {sizeof path - sizeof(WCHAR), sizeof path, path};
    OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &name, OBJ_CASE_INSENSITIVE, NULL, NULL};
    Check(nt_delete(&oa) == 0 && GetFileAttributesA("C:\\full") != INVALID_FILE_ATTRIBUTES,
          "NtDeleteFile of a directory that is not empty: STATUS_SUCCESS, and it stays");
}

int main(void)
{
    FindChange();
    ReadChanges();
    DeleteFull();
    printf("%d failures\n", Failures);
    return Failures;
}
