/* More of Vista's and Windows 8's file calls: CreateFile2, ReOpenFile,
 * GetVolumeInformationByHandleW, FindFirstStreamW/FindNextStreamW,
 * GetCompressedFileSize, CreateSymbolicLink and SetFileValidData (both need
 * a privilege a standard user lacks). Windows' answers: Microsoft's
 * documentation of each call; Wine's dlls/kernel32/tests/file.c
 * (test_CreateFile2, test_ReOpenFile, test_SetFileValidData) and
 * volume.c (test_GetVolumeInformationByHandle). */
#define _WIN32_WINNT 0x0602
#include "../guesttest.h"
#include <wchar.h>

static void Create2(void)
{
    CREATEFILE2_EXTENDED_PARAMETERS parameters;
    memset(&parameters, 0, sizeof parameters);
    parameters.dwSize = sizeof parameters;
    parameters.dwFileAttributes = FILE_ATTRIBUTE_NORMAL;
    HANDLE f = CreateFile2(L"C:\\two.txt", GENERIC_READ | GENERIC_WRITE, 0, CREATE_NEW, &parameters);
    DWORD n;
    Check(f != INVALID_HANDLE_VALUE && WriteFile(f, "hello", 5, &n, NULL), "CreateFile2(CREATE_NEW)");
    CloseHandle(f);
    SetLastError(0xdeadbeef);
    Check(CreateFile2(L"C:\\two.txt", GENERIC_READ, 0, CREATE_NEW, &parameters) == INVALID_HANDLE_VALUE &&
              GetLastError() == ERROR_FILE_EXISTS,
          "CREATE_NEW again: ERROR_FILE_EXISTS");
    SetLastError(0xdeadbeef);
    f = CreateFile2(L"C:\\two.txt", GENERIC_READ, FILE_SHARE_READ, OPEN_ALWAYS, NULL);
    Check(f != INVALID_HANDLE_VALUE && GetLastError() == ERROR_ALREADY_EXISTS,
          "OPEN_ALWAYS without parameters: opened, ERROR_ALREADY_EXISTS");
    CloseHandle(f);
    parameters.dwSize = 4;
    SetLastError(0xdeadbeef);
    Check(CreateFile2(L"C:\\two.txt", GENERIC_READ, 0, OPEN_EXISTING, &parameters) == INVALID_HANDLE_VALUE &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "a wrong dwSize: ERROR_INVALID_PARAMETER");

    HANDLE original = CreateFileA("C:\\two.txt", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                                  OPEN_EXISTING, 0, NULL);
    HANDLE again = ReOpenFile(original, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, 0);
    BY_HANDLE_FILE_INFORMATION a, b;
    Check(again != INVALID_HANDLE_VALUE && GetFileInformationByHandle(original, &a) &&
              GetFileInformationByHandle(again, &b) && a.nFileIndexLow == b.nFileIndexLow &&
              a.nFileIndexHigh == b.nFileIndexHigh,
          "ReOpenFile: the same file, now writable");
    Check(SetFilePointer(again, 0, NULL, FILE_END) == 5 && WriteFile(again, "!", 1, &n, NULL) &&
              GetFileSize(original, NULL) == 6,
          "written through the new handle, seen through the old");
    CloseHandle(again);
    SetLastError(0xdeadbeef);
    Check(ReOpenFile(original, GENERIC_READ, FILE_SHARE_READ, FILE_FLAG_DELETE_ON_CLOSE) == INVALID_HANDLE_VALUE &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "ReOpenFile with FILE_FLAG_DELETE_ON_CLOSE: ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    Check(ReOpenFile(original, GENERIC_READ, 0, 0) == INVALID_HANDLE_VALUE &&
              GetLastError() == ERROR_SHARING_VIOLATION,
          "no sharing while the original reads: ERROR_SHARING_VIOLATION");
    CloseHandle(original);
}

static void Volume(void)
{
    WCHAR label[64], fs[64], label2[64], fs2[64];
    DWORD serial, serial2, component, component2, flags, flags2;
    HANDLE f = CreateFileA("C:\\two.txt", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    Check(GetVolumeInformationByHandleW(f, label, 64, &serial, &component, &flags, fs, 64) &&
              GetVolumeInformationW(L"C:\\", label2, 64, &serial2, &component2, &flags2, fs2, 64) &&
              wcscmp(label, label2) == 0 && serial == serial2 && component == component2 && flags == flags2 &&
              wcscmp(fs, fs2) == 0 && wcscmp(fs, L"NTFS") == 0,
          "GetVolumeInformationByHandleW: GetVolumeInformationW(C:\\)'s answers");
    Check(GetVolumeInformationByHandleW(f, NULL, 0, &serial, NULL, NULL, NULL, 0) && serial == serial2,
          "only the serial number");
    CloseHandle(f);
    SetLastError(0xdeadbeef);
    Check(!GetVolumeInformationByHandleW((HANDLE)0xdeadbee0, NULL, 0, &serial, NULL, NULL, NULL, 0) &&
              GetLastError() == ERROR_INVALID_HANDLE,
          "no handle: ERROR_INVALID_HANDLE");
}

static void Streams(void)
{
    WIN32_FIND_STREAM_DATA data;
    HANDLE find = FindFirstStreamW(L"C:\\two.txt", FindStreamInfoStandard, &data, 0);
    Check(find != INVALID_HANDLE_VALUE && wcscmp(data.cStreamName, L"::$DATA") == 0 &&
              data.StreamSize.QuadPart == 6,
          "FindFirstStreamW: ::$DATA, the file's size");
    SetLastError(0xdeadbeef);
    Check(!FindNextStreamW(find, &data) && GetLastError() == ERROR_HANDLE_EOF, "no more: ERROR_HANDLE_EOF");
    Check(FindClose(find), "FindClose closes it");
    CreateDirectoryA("C:\\sdir", NULL);
    SetLastError(0xdeadbeef);
    Check(FindFirstStreamW(L"C:\\sdir", FindStreamInfoStandard, &data, 0) == INVALID_HANDLE_VALUE &&
              GetLastError() == ERROR_HANDLE_EOF,
          "a directory has no stream: ERROR_HANDLE_EOF");
    SetLastError(0xdeadbeef);
    Check(FindFirstStreamW(L"C:\\none.txt", FindStreamInfoStandard, &data, 0) == INVALID_HANDLE_VALUE &&
              GetLastError() == ERROR_FILE_NOT_FOUND,
          "no such file: ERROR_FILE_NOT_FOUND");
    SetLastError(0xdeadbeef);
    Check(FindFirstStreamW(L"C:\\two.txt", FindStreamInfoMaxInfoLevel, &data, 0) == INVALID_HANDLE_VALUE &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "an unknown level: ERROR_INVALID_PARAMETER");
    DWORD high = 0xdeadbeef;
    Check(GetCompressedFileSizeA("C:\\two.txt", &high) == 6 && high == 0,
          "GetCompressedFileSize of a file neither compressed nor sparse: its size");
    SetLastError(0xdeadbeef);
    Check(GetCompressedFileSizeW(L"C:\\none.txt", NULL) == INVALID_FILE_SIZE && GetLastError() == ERROR_FILE_NOT_FOUND,
          "no such file: INVALID_FILE_SIZE, ERROR_FILE_NOT_FOUND");
}

static void Privileged(void)
{
    SetLastError(0xdeadbeef);
    Check(!CreateSymbolicLinkA("C:\\link", "C:\\two.txt", 0) && GetLastError() == ERROR_PRIVILEGE_NOT_HELD &&
              GetFileAttributesA("C:\\link") == INVALID_FILE_ATTRIBUTES,
          "CreateSymbolicLink as a standard user: ERROR_PRIVILEGE_NOT_HELD, no link");
    SetLastError(0xdeadbeef);
    Check(!CreateSymbolicLinkW(L"C:\\link", L"C:\\sdir", SYMBOLIC_LINK_FLAG_DIRECTORY | 0x2) &&
              GetLastError() == ERROR_PRIVILEGE_NOT_HELD,
          "a directory link, unprivileged create asked: ERROR_PRIVILEGE_NOT_HELD");
    HANDLE f = CreateFileA("C:\\two.txt", GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    SetLastError(0xdeadbeef);
    Check(!SetFileValidData(f, 4096) && GetLastError() == ERROR_PRIVILEGE_NOT_HELD,
          "SetFileValidData without SE_MANAGE_VOLUME_NAME: ERROR_PRIVILEGE_NOT_HELD");
    CloseHandle(f);
    SetLastError(0xdeadbeef);
    Check(!SetFileValidData((HANDLE)0xdeadbee0, 4096) && GetLastError() == ERROR_INVALID_HANDLE,
          "SetFileValidData of no handle: ERROR_INVALID_HANDLE");
}

int main(void)
{
    Create2();
    Volume();
    Streams();
    Privileged();
    printf("%d failures\n", Failures);
    return Failures;
}
