/*
 * OpenFile and its OFSTRUCT, with Windows' answers (Wine's kernel32
 * file.c:3448-3632):
 *  - OF_EXIST on a file that is not there: HFILE_ERROR, the last error and
 *    nErrCode ERROR_FILE_NOT_FOUND, cBytes left as it was;
 *  - a full name longer than szPathName's 128 bytes: HFILE_ERROR with
 *    ERROR_INVALID_DATA, szPathName left as it was;
 *  - OF_CREATE makes the file; OF_READ, OF_WRITE, OF_READWRITE open it;
 *    each sets cBytes to sizeof(OFSTRUCT), nErrCode 0 and szPathName to the
 *    full name, and leaves the last error alone;
 *  - OF_EXIST on a file that is there: 1 (TRUE), the file closed again;
 *  - OF_DELETE: 1, and the file is gone;
 *  - OF_PARSE: 0, the full name, nothing opened.
 */
#include <stdio.h>
#include <windows.h>

#include "../guesttest.h"

static int Filled(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)p[i] != 0xA5) {
            return 0;
        }
    }
    return 1;
}

int main(void)
{
    OFSTRUCT ofs;
    char full[MAX_PATH];
    GetFullPathNameA("openfile.tmp", sizeof full, full, NULL);

    memset(&ofs, 0xA5, sizeof ofs);
    SetLastError(0xFACEABEE);
    Check(OpenFile(".\\no-such-file.baz", &ofs, OF_EXIST) == HFILE_ERROR &&
              GetLastError() == ERROR_FILE_NOT_FOUND,
          "OF_EXIST, no such file: HFILE_ERROR, ERROR_FILE_NOT_FOUND");
    Check(ofs.nErrCode == ERROR_FILE_NOT_FOUND && ofs.cBytes == 0xA5,
          "nErrCode ERROR_FILE_NOT_FOUND, cBytes untouched");

    char longname[300] = ".\\";
    memset(longname + 2, 'x', 200);
    longname[202] = 0;
    memset(&ofs, 0xA5, sizeof ofs);
    SetLastError(0xFACEABEE);
    Check(OpenFile(longname, &ofs, OF_EXIST) == HFILE_ERROR &&
              (GetLastError() == ERROR_INVALID_DATA || GetLastError() == ERROR_FILENAME_EXCED_RANGE),
          "a name too long for szPathName: ERROR_INVALID_DATA");
    Check(Filled(ofs.szPathName, OFS_MAXPATHNAME) && ofs.cBytes == 0xA5,
          "szPathName and cBytes untouched");

    memset(&ofs, 0xA5, sizeof ofs);
    SetLastError(0xFACEABEE);
    HFILE file = OpenFile("openfile.tmp", &ofs, OF_CREATE);
    Check(file != HFILE_ERROR && (GetLastError() == 0xFACEABEE || GetLastError() == 0),
          "OF_CREATE: a handle, no error set");
    Check(ofs.cBytes == sizeof ofs && ofs.nErrCode == 0 && lstrcmpiA(ofs.szPathName, full) == 0,
          "cBytes sizeof(OFSTRUCT), nErrCode 0, szPathName the full name");
    Check(_lclose(file) == 0, "_lclose");
    Check(GetFileAttributesA(full) != INVALID_FILE_ATTRIBUTES, "the file is there");

    static const UINT modes[] = {OF_READ, OF_WRITE, OF_READWRITE};
    static const char *names[] = {"OF_READ", "OF_WRITE", "OF_READWRITE"};
    for (int i = 0; i < 3; i++) {
        char what[64];
        memset(&ofs, 0xA5, sizeof ofs);
        file = OpenFile("openfile.tmp", &ofs, modes[i]);
        snprintf(what, sizeof what, "%s: a handle, the full name", names[i]);
        Check(file != HFILE_ERROR && ofs.cBytes == sizeof ofs && ofs.nErrCode == 0 &&
                  lstrcmpiA(ofs.szPathName, full) == 0,
              what);
        _lclose(file);
    }
    memset(&ofs, 0xA5, sizeof ofs);
    file = OpenFile("openfile.tmp", &ofs, OF_READ);
    DWORD written = 0;
    SetLastError(0xDEADBEEF);
    Check(!WriteFile((HANDLE)(ULONG_PTR)file, "x", 1, &written, NULL) &&
              GetLastError() == ERROR_ACCESS_DENIED,
          "a file opened OF_READ cannot be written");
    _lclose(file);

    memset(&ofs, 0xA5, sizeof ofs);
    Check(OpenFile("openfile.tmp", &ofs, OF_EXIST) == 1 && ofs.cBytes == sizeof ofs &&
              lstrcmpiA(ofs.szPathName, full) == 0,
          "OF_EXIST: 1, the full name");
    Check(DeleteFileA(full), "and the file was closed again: it can be deleted");

    file = OpenFile("openfile.tmp", &ofs, OF_CREATE);
    _lclose(file);
    memset(&ofs, 0xA5, sizeof ofs);
    Check(OpenFile("openfile.tmp", &ofs, OF_PARSE) == 0 && lstrcmpiA(ofs.szPathName, full) == 0,
          "OF_PARSE: 0, the full name");
    memset(&ofs, 0xA5, sizeof ofs);
    SetLastError(0xFACEABEE);
    Check(OpenFile("openfile.tmp", &ofs, OF_DELETE) == 1 && ofs.cBytes == sizeof ofs &&
              ofs.nErrCode == 0 &&
              (GetLastError() == 0xFACEABEE || GetLastError() == 0),
          "OF_DELETE: 1, no error set");
    Check(GetFileAttributesA(full) == INVALID_FILE_ATTRIBUTES, "the file is gone");
    printf("%d failures\n", Failures);
    return Failures;
}
