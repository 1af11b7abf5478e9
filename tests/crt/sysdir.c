/*
 * Where Windows lives and what the machine is called: GetWindowsDirectory,
 * GetSystemWindowsDirectory and GetSystemDirectory (the system root is
 * KUSER_SHARED_DATA's NtSystemRoot, C:\Windows; the system DLLs are named
 * from its system32, so GetModuleFileName of kernel32 lies under it),
 * GetComputerName, GetNativeSystemInfo, and GetLongPathName /
 * GetShortPathName on a volume without 8.3 names. The size rules are
 * Microsoft's documentation for each function: the length without the NUL
 * when the buffer holds it, else the size needed with the NUL (and, for
 * GetComputerName, ERROR_BUFFER_OVERFLOW with that size in *size). The
 * missing-path errors are those of Wine's kernel32 tests (path.c,
 * test_GetLongPathNameA: ERROR_FILE_NOT_FOUND for a missing file,
 * ERROR_PATH_NOT_FOUND for an empty path).
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static int Failures;

static void Check(int ok, const char *what)
{
    printf("%s: %s\n", ok ? "ok" : "FAIL", what);
    Failures += !ok;
}

int main(void)
{
    char buffer[MAX_PATH], module[MAX_PATH];
    WCHAR wide[MAX_PATH];
    UINT n = GetWindowsDirectoryA(buffer, sizeof buffer);
    Check(n == 10 && strcmp(buffer, "C:\\Windows") == 0, "GetWindowsDirectoryA: C:\\Windows, 10");
    Check(GetWindowsDirectoryA(buffer, 10) == 11, "...a buffer one short: 11, the size needed");
    Check(GetWindowsDirectoryA(NULL, 0) == 11, "...no buffer: 11");
    n = GetWindowsDirectoryW(wide, MAX_PATH);
    Check(n == 10 && wcscmp(wide, L"C:\\Windows") == 0, "GetWindowsDirectoryW: the same");
    n = GetSystemWindowsDirectoryA(buffer, sizeof buffer);
    Check(n == 10 && strcmp(buffer, "C:\\Windows") == 0, "GetSystemWindowsDirectoryA: the same");
    n = GetSystemDirectoryA(buffer, sizeof buffer);
    Check(n == 19 && strcmp(buffer, "C:\\Windows\\system32") == 0,
          "GetSystemDirectoryA: C:\\Windows\\system32, 19");
    Check(GetSystemDirectoryW(wide, 19) == 20, "GetSystemDirectoryW, a buffer one short: 20");
    n = GetSystemDirectoryW(wide, MAX_PATH);
    Check(n == 19 && wcscmp(wide, L"C:\\Windows\\system32") == 0, "GetSystemDirectoryW: the same");
    GetModuleFileNameA(GetModuleHandleA("kernel32.dll"), module, sizeof module);
    Check(_strnicmp(module, buffer, strlen(buffer)) == 0 && module[strlen(buffer)] == '\\',
          "kernel32.dll's file name is in the system directory");

    char name[MAX_COMPUTERNAME_LENGTH + 1];
    DWORD size = sizeof name;
    Check(GetComputerNameA(name, &size) && size == strlen(name) && size > 0,
          "GetComputerNameA: the name, *size its length");
    DWORD need = 1;
    SetLastError(0);
    Check(!GetComputerNameA(name, &need) && GetLastError() == ERROR_BUFFER_OVERFLOW &&
              need == size + 1,
          "...a buffer of 1: ERROR_BUFFER_OVERFLOW, *size the size needed");
    WCHAR wname[MAX_COMPUTERNAME_LENGTH + 1];
    DWORD wsize = MAX_COMPUTERNAME_LENGTH + 1;
    Check(GetComputerNameW(wname, &wsize) && wsize == size, "GetComputerNameW: the same length");

    SYSTEM_INFO native, info;
    GetNativeSystemInfo(&native);
    GetSystemInfo(&info);
    Check(native.wProcessorArchitecture == PROCESSOR_ARCHITECTURE_INTEL &&
              native.dwPageSize == 4096 && native.dwPageSize == info.dwPageSize &&
              native.dwAllocationGranularity == 65536,
          "GetNativeSystemInfo: x86, 4 KiB pages, 64 KiB granularity, as GetSystemInfo");

    HANDLE f = CreateFileA("Long File Name.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    CloseHandle(f);
    n = GetLongPathNameA("Long File Name.txt", buffer, sizeof buffer);
    Check(n == 18 && strcmp(buffer, "Long File Name.txt") == 0,
          "GetLongPathNameA of a relative name: itself, 18");
    Check(GetLongPathNameA("Long File Name.txt", NULL, 0) == 19, "...no buffer: 19");
    n = GetShortPathNameA("Long File Name.txt", buffer, sizeof buffer);
    Check(n == 18 && strcmp(buffer, "Long File Name.txt") == 0,
          "GetShortPathNameA: no 8.3 names on this volume, the name itself");
    n = GetLongPathNameW(L"C:\\Long File Name.txt", wide, MAX_PATH);
    Check(n == 21 && wcscmp(wide, L"C:\\Long File Name.txt") == 0, "GetLongPathNameW: a full path");
    SetLastError(0);
    Check(GetLongPathNameA("missing.txt", buffer, sizeof buffer) == 0 &&
              GetLastError() == ERROR_FILE_NOT_FOUND,
          "a missing file: 0, ERROR_FILE_NOT_FOUND");
    SetLastError(0);
    Check(GetLongPathNameA("", buffer, sizeof buffer) == 0 && GetLastError() == ERROR_PATH_NOT_FOUND,
          "an empty path: 0, ERROR_PATH_NOT_FOUND");
    DeleteFileA("Long File Name.txt");
    return Failures;
}
