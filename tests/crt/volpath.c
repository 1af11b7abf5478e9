/* The volume and the DOS devices by name: GetVolumePathName (the mount
 * point of a path, and its odd answer for a buffer one short),
 * GetVolumeNameForVolumeMountPoint, GetVolumePathNamesForVolumeName,
 * QueryDosDevice (one device, and the list), GetDiskFreeSpaceEx,
 * GetLogicalDriveStrings. Each check states Windows' answer (Microsoft's
 * documentation; Wine's dlls/kernel32/tests/volume.c and drive.c, whose
 * tables record what Windows gives). */
#define _WIN32_WINNT 0x0602
#include "../guesttest.h"
#include <wchar.h>

static void VolumePath(const char *name, DWORD size, BOOL ok, const char *want, DWORD error)
{
    char out[MAX_PATH];
    char what[160];
    memset(out, 0x11, sizeof out);
    SetLastError(0xdeadbeef);
    BOOL got = GetVolumePathNameA(name, out, size);
    if (ok) {
        snprintf(what, sizeof what, "GetVolumePathName(\"%s\", %lu): \"%s\"", name, size, want);
        Check(got && strcmp(out, want) == 0 && (size >= sizeof out || out[size] == 0x11), what);
    } else {
        snprintf(what, sizeof what, "GetVolumePathName(\"%s\", %lu): error %lu", name, size, error);
        Check(!got && GetLastError() == error, what);
    }
}

static void VolumePaths(void)
{
    VolumePath("", MAX_PATH, FALSE, NULL, ERROR_INVALID_PARAMETER);
    VolumePath("C:\\", 0, FALSE, NULL, ERROR_INVALID_PARAMETER);
    VolumePath("C:\\", 1, FALSE, NULL, ERROR_FILENAME_EXCED_RANGE);
    VolumePath("C:\\", MAX_PATH, TRUE, "C:\\", 0);
    VolumePath("c:\\", MAX_PATH, TRUE, "C:\\", 0);
    VolumePath("C:\\windows\\system32", MAX_PATH, TRUE, "C:\\", 0);
    VolumePath("C:\\no\\such\\directory", MAX_PATH, TRUE, "C:\\", 0);
    VolumePath("C:/windows/system32", MAX_PATH, TRUE, "C:\\", 0);
    VolumePath("\\\\?\\C:\\AnInvalidFolder", MAX_PATH, TRUE, "\\\\?\\C:\\", 0);
    VolumePath("\\\\?\\c:\\AnInvalidFolder", 7, TRUE, "\\\\?\\c:", 0);
    VolumePath("\\\\?\\C:\\AnInvalidFolder", 6, FALSE, NULL, ERROR_FILENAME_EXCED_RANGE);
    VolumePath("\\\\$$$", 1, FALSE, NULL, ERROR_INVALID_NAME);
    VolumePath("\\\\ReallyBogus\\InvalidDrive:\\AnInvalidFolder", MAX_PATH, FALSE, NULL, ERROR_INVALID_NAME);
    VolumePath("M::", 4, FALSE, NULL, ERROR_FILE_NOT_FOUND);
    VolumePath("M:/", 4, FALSE, NULL, ERROR_FILE_NOT_FOUND);
    VolumePath("C:", 2, FALSE, NULL, ERROR_FILENAME_EXCED_RANGE);
    VolumePath("C:", 3, TRUE, "C:", 0);
    VolumePath("C:\\", 3, TRUE, "C:", 0);
    VolumePath("C::", 3, TRUE, "C:", 0);
    VolumePath("C:/", 4, TRUE, "C:\\", 0);
    VolumePath("relative/path", MAX_PATH, TRUE, "C:\\", 0);
    VolumePath("\\??\\C:\\NonExistent", MAX_PATH, TRUE, "C:\\", 0);
    WCHAR wide[8];
    wide[1] = 0x11;
    SetLastError(0xdeadbeef);
    Check(!GetVolumePathNameW(L"C:\\", wide, 1) && GetLastError() == ERROR_FILENAME_EXCED_RANGE &&
              wide[1] == 0x11,
          "GetVolumePathNameW(1): ERROR_FILENAME_EXCED_RANGE, nothing written past it");
    Check(GetVolumePathNameW(L"C:\\", wide, 4) && wcscmp(wide, L"C:\\") == 0, "GetVolumePathNameW(4)");
}

static void VolumeNames(void)
{
    char volume[MAX_PATH];
    Check(GetVolumeNameForVolumeMountPointA("c:\\", volume, sizeof volume) &&
              strncmp(volume, "\\\\?\\Volume{", 11) == 0 && strlen(volume) == 49 &&
              strcmp(volume + 47, "}\\") == 0,
          "GetVolumeNameForVolumeMountPointA(c:\\): \\\\?\\Volume{GUID}\\");
    char first[MAX_PATH];
    HANDLE find = FindFirstVolumeA(first, sizeof first);
    Check(find != INVALID_HANDLE_VALUE && strcmp(first, volume) == 0, "the name FindFirstVolume gives");
    FindVolumeClose(find);
    WCHAR wide[MAX_PATH];
    Check(GetVolumeNameForVolumeMountPointW(L"\\\\?\\C:\\", wide, MAX_PATH) && wcslen(wide) == 49,
          "GetVolumeNameForVolumeMountPointW(\\\\?\\C:\\)");
    SetLastError(0xdeadbeef);
    Check(!GetVolumeNameForVolumeMountPointA("c:\\", volume, 0) && GetLastError() == ERROR_INVALID_PARAMETER,
          "no buffer: ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    Check(!GetVolumeNameForVolumeMountPointA("c:\\", volume, 10) &&
              GetLastError() == ERROR_FILENAME_EXCED_RANGE,
          "10 characters: ERROR_FILENAME_EXCED_RANGE");
    CreateDirectoryA("C:\\dir", NULL);
    SetLastError(0xdeadbeef);
    Check(!GetVolumeNameForVolumeMountPointA("C:\\dir\\", volume, sizeof volume) &&
              GetLastError() == ERROR_NOT_A_REPARSE_POINT,
          "a directory: ERROR_NOT_A_REPARSE_POINT");
    SetLastError(0xdeadbeef);
    Check(!GetVolumeNameForVolumeMountPointA("M:\\", volume, sizeof volume) &&
              GetLastError() == ERROR_FILE_NOT_FOUND,
          "a drive there is not: ERROR_FILE_NOT_FOUND");
    SetLastError(0xdeadbeef);
    Check(!GetVolumeNameForVolumeMountPointA("M:", volume, sizeof volume) &&
              GetLastError() == ERROR_INVALID_NAME,
          "no trailing backslash: ERROR_INVALID_NAME");

    GetVolumeNameForVolumeMountPointA("c:\\", volume, sizeof volume);
    char path[MAX_PATH], out[MAX_PATH];
    snprintf(path, sizeof path, "%sAnInvalidFolder", volume);
    Check(GetVolumePathNameA(path, out, sizeof out) && strcmp(out, volume) == 0,
          "GetVolumePathName(\\\\?\\Volume{GUID}\\...): the volume's GUID name");
    SetLastError(0xdeadbeef);
    Check(!GetVolumePathNameA("\\\\?\\Volume{00000000-00-0000-0000-000000000000}\\AnInvalidFolder", out,
                              sizeof out) &&
              GetLastError() == ERROR_INVALID_NAME,
          "another volume's GUID name: ERROR_INVALID_NAME");
    char names[MAX_PATH];
    DWORD length = 0;
    SetLastError(0xdeadbeef);
    Check(!GetVolumePathNamesForVolumeNameA(volume, NULL, 0, NULL) && GetLastError() == ERROR_MORE_DATA,
          "GetVolumePathNamesForVolumeNameA with no buffer: ERROR_MORE_DATA");
    memset(names, 0xff, sizeof names);
    Check(GetVolumePathNamesForVolumeNameA(volume, names, sizeof names, &length) && length == 5 &&
              strcmp(names, "C:\\") == 0 && names[4] == 0,
          "GetVolumePathNamesForVolumeNameA: C:\\ and a second null, 5");
    SetLastError(0xdeadbeef);
    Check(!GetVolumePathNamesForVolumeNameA("", names, sizeof names, NULL) &&
              GetLastError() == ERROR_INVALID_NAME,
          "an empty volume name: ERROR_INVALID_NAME");
}

static void DosDevices(void)
{
    char target[MAX_PATH];
    SetLastError(0xdeadbeef);
    Check(QueryDosDeviceA(NULL, NULL, 0) == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "QueryDosDevice(NULL, NULL, 0): ERROR_INSUFFICIENT_BUFFER");
    DWORD n = QueryDosDeviceA("C:", target, sizeof target);
    Check(n == strlen("\\Device\\HarddiskVolume1") + 2 && strcmp(target, "\\Device\\HarddiskVolume1") == 0 &&
              target[n - 1] == 0,
          "QueryDosDevice(C:): \\Device\\HarddiskVolume1, two nulls counted");
    Check(QueryDosDeviceA("c:", target, sizeof target) && strcmp(target, "\\Device\\HarddiskVolume1") == 0,
          "a name in another case");
    Check(QueryDosDeviceA("NUL", target, sizeof target) && strcmp(target, "\\Device\\Null") == 0,
          "QueryDosDevice(NUL): \\Device\\Null");
    WCHAR wide[MAX_PATH];
    Check(QueryDosDeviceW(L"PIPE", wide, MAX_PATH) && wcscmp(wide, L"\\Device\\NamedPipe") == 0,
          "QueryDosDeviceW(PIPE): \\Device\\NamedPipe");
    SetLastError(0xdeadbeef);
    Check(QueryDosDeviceA("M:", target, sizeof target) == 0 && GetLastError() == ERROR_FILE_NOT_FOUND,
          "a drive there is not: ERROR_FILE_NOT_FOUND");
    SetLastError(0xdeadbeef);
    Check(QueryDosDeviceA("C:", target, 10) == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "a buffer too small: ERROR_INSUFFICIENT_BUFFER");

    static char list[4096];
    n = QueryDosDeviceA(NULL, list, sizeof list);
    Check(n > 2 && list[n - 1] == 0 && list[n - 2] == 0, "the list: names, each with its null, and one more");
    int found_c = 0, all_resolve = 1, count = 0;
    for (char *p = list; *p; p += strlen(p) + 1) {
        count++;
        found_c |= strcmp(p, "C:") == 0;
        all_resolve &= QueryDosDeviceA(p, target, sizeof target) != 0;
    }
    Check(found_c && count > 1, "C: is in the list");
    Check(all_resolve, "every name listed can be queried");
    char volume[MAX_PATH];
    GetVolumeNameForVolumeMountPointA("C:\\", volume, sizeof volume);
    volume[48] = 0;
    Check(QueryDosDeviceA(volume + 4, target, sizeof target) &&
              strcmp(target, "\\Device\\HarddiskVolume1") == 0,
          "Volume{GUID}: the same volume device");
}

static void Space(void)
{
    ULARGE_INTEGER caller, total, free;
    Check(GetDiskFreeSpaceExA("C:\\", &caller, &total, &free) && total.QuadPart >= free.QuadPart &&
              free.QuadPart >= caller.QuadPart && total.QuadPart > 0,
          "GetDiskFreeSpaceExA(C:\\): total >= free >= the caller's");
    Check(GetDiskFreeSpaceExA(NULL, &caller, NULL, NULL), "NULL: the current directory's disk");
    Check(GetDiskFreeSpaceExA("C:\\dir\\", &caller, &total, NULL), "any directory of the disk");
    Check(GetDiskFreeSpaceExW(L"C:\\dir", NULL, &total, NULL) && total.QuadPart > 0,
          "a directory without its backslash");
    SetLastError(0xdeadbeef);
    Check(!GetDiskFreeSpaceExA("C:\\no\\such\\", &caller, &total, &free) &&
              GetLastError() == ERROR_PATH_NOT_FOUND,
          "a directory not there: ERROR_PATH_NOT_FOUND");
    char drives[16];
    memset(drives, 0x11, sizeof drives);
    DWORD n = GetLogicalDriveStringsA(0, NULL);
    Check(n == 5, "GetLogicalDriveStringsA(0, NULL): 5, the size needed");
    Check(GetLogicalDriveStringsA(2, drives) == 5 && drives[0] == 0x11, "too small: 5, nothing written");
    Check(GetLogicalDriveStringsA(sizeof drives, drives) == 4 && strcmp(drives, "C:\\") == 0 && drives[4] == 0,
          "C:\\ and a second null, 4");
}

int main(void)
{
    VolumePaths();
    VolumeNames();
    DosDevices();
    Space();
    printf("%d failures\n", Failures);
    return Failures;
}
