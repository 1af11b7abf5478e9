/*
 * DeviceIoControl on a disk file, against Windows' answers (Microsoft's
 * FSCTL_SET_SPARSE page: a handle with write access; an I/O control code
 * the file system does not know: ERROR_INVALID_FUNCTION). lz4 marks its
 * output sparse this way before writing it.
 */
#include <stdio.h>
#include <windows.h>
#include <winioctl.h>

static int Failures;

static void Expect(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
    Failures += !ok;
}

int main(void)
{
    DWORD n = 99;
    HANDLE f = CreateFileA("devctl.tmp", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    Expect(f != INVALID_HANDLE_VALUE, "CreateFile");
    Expect(DeviceIoControl(f, FSCTL_SET_SPARSE, NULL, 0, NULL, 0, &n, NULL) && n == 0,
           "FSCTL_SET_SPARSE on a file opened to write: TRUE, 0 bytes returned");
    SetLastError(0);
    Expect(!DeviceIoControl(f, IOCTL_DISK_GET_DRIVE_GEOMETRY, NULL, 0, NULL, 0, &n, NULL) &&
               GetLastError() == ERROR_INVALID_FUNCTION,
           "IOCTL_DISK_GET_DRIVE_GEOMETRY on a file: ERROR_INVALID_FUNCTION");
    SetLastError(0);
    Expect(!DeviceIoControl(f, FSCTL_LOCK_VOLUME, NULL, 0, NULL, 0, &n, NULL) && GetLastError() == ERROR_INVALID_FUNCTION,
           "an FSCTL the file system does not answer: ERROR_INVALID_FUNCTION");
    CloseHandle(f);
    HANDLE r = CreateFileA("devctl.tmp", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    SetLastError(0);
    Expect(!DeviceIoControl(r, FSCTL_SET_SPARSE, NULL, 0, NULL, 0, &n, NULL) && GetLastError() == ERROR_ACCESS_DENIED,
           "FSCTL_SET_SPARSE through a read-only handle: ERROR_ACCESS_DENIED");
    CloseHandle(r);
    SetLastError(0);
    Expect(!DeviceIoControl((HANDLE)0x1234, FSCTL_SET_SPARSE, NULL, 0, NULL, 0, &n, NULL) &&
               GetLastError() == ERROR_INVALID_HANDLE,
           "a handle that is none: ERROR_INVALID_HANDLE");
    DeleteFileA("devctl.tmp");
    printf("%d failures\n", Failures);
    return Failures != 0;
}
