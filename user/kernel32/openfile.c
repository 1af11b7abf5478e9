/*
 * OpenFile: the 16-bit Windows way to open, create, test for, delete or
 * merely name a file, reporting in an OFSTRUCT. The name is made full
 * (GetFullPathName) and, unless the file is to be created, looked for along
 * the search path (SearchPath); the full name found goes to szPathName.
 * The result is the file handle (an HFILE), TRUE for OF_EXIST (the file is
 * closed again) and OF_DELETE, 0 for OF_PARSE, HFILE_ERROR on failure with
 * nErrCode the last error; success leaves the last error alone. Windows'
 * answers (Wine's kernel32 file.c:3448 onwards): cBytes is written only on
 * success; a name that does not fit
 * szPathName's 128 bytes is ERROR_INVALID_DATA and leaves szPathName as it
 * was; a missing file is ERROR_FILE_NOT_FOUND. Reserved1 and Reserved2
 * keep the file's last-write date and time (DOS form), which OF_VERIFY
 * with OF_REOPEN compares.
 */
#include "kernel32/fileapi.h"

#include <string.h>

#define HFILE_ERROR (-1)
#define OFS_MAXPATHNAME 128
#define ERROR_INVALID_DATA 13
#define CREATE_ALWAYS 2u
#define DRIVE_REMOVABLE 2u

#define OF_PARSE 0x0100u
#define OF_DELETE 0x0200u
#define OF_VERIFY 0x0400u
#define OF_CREATE 0x1000u
#define OF_EXIST 0x4000u
#define OF_REOPEN 0x8000u

static HFILE Fail(OFSTRUCT *ofs)
{
    ofs->nErrCode = (WORD)GetLastError();
    return HFILE_ERROR;
}

/* A full name into szPathName, if it fits (else ERROR_INVALID_DATA). */
static BOOL SetPathName(OFSTRUCT *ofs, const char *name, BOOL search)
{
    char path[MAX_PATH];
    DWORD length = search ? SearchPathA(NULL, name, NULL, sizeof path, path, NULL)
                          : GetFullPathNameA(name, sizeof path, path, NULL);
    if (!length) {
        return FALSE;
    }
    if (length >= OFS_MAXPATHNAME) {
        SetLastError(ERROR_INVALID_DATA);
        return FALSE;
    }
    memcpy(ofs->szPathName, path, length + 1);
    return TRUE;
}

HFILE WINAPI OpenFile(const char *name, OFSTRUCT *ofs, UINT mode)
{
    if (!ofs) {
        return HFILE_ERROR;
    }
    char reopen[OFS_MAXPATHNAME];
    if (mode & OF_REOPEN) {
        memcpy(reopen, ofs->szPathName, sizeof reopen);
        reopen[sizeof reopen - 1] = 0;
        name = reopen;
    }
    if (!name) {
        return HFILE_ERROR;
    }
    /* Success leaves the last error as it was (the search tries names). */
    DWORD error = GetLastError();
    ofs->nErrCode = 0;
    if (!SetPathName(ofs, name, FALSE)) {
        return Fail(ofs);
    }
    if (mode & OF_PARSE) {
        ofs->cBytes = sizeof *ofs;
        ofs->fFixedDisk = GetDriveTypeA(ofs->szPathName) != DRIVE_REMOVABLE;
        SetLastError(error);
        return 0;
    }
    HANDLE handle;
    if (mode & OF_CREATE) {
        handle = BaseOpenWithOfMode(name, mode, CREATE_ALWAYS); /* emptied if it was there */
        if (handle == INVALID_HANDLE_VALUE) {
            return Fail(ofs);
        }
    } else {
        if (!SetPathName(ofs, name, TRUE)) {
            return Fail(ofs);
        }
        if (mode & OF_DELETE) {
            if (!DeleteFileA(ofs->szPathName)) {
                return Fail(ofs);
            }
            ofs->cBytes = sizeof *ofs;
            SetLastError(error);
            return TRUE;
        }
        HFILE file = _lopen(ofs->szPathName, (int)mode);
        if (file == HFILE_ERROR) {
            return Fail(ofs);
        }
        handle = (HANDLE)(ULONG_PTR)(ULONG)file;
        FILETIME written;
        WORD date = 0, time = 0;
        if (GetFileTime(handle, NULL, NULL, &written)) {
            FileTimeToDosDateTime(&written, &date, &time);
        }
        if ((mode & OF_VERIFY) && (mode & OF_REOPEN) &&
            (ofs->Reserved1 != date || ofs->Reserved2 != time)) {
            CloseHandle(handle); /* it changed since it was opened before */
            SetLastError(ERROR_FILE_NOT_FOUND);
            return Fail(ofs);
        }
        ofs->Reserved1 = date;
        ofs->Reserved2 = time;
    }
    ofs->cBytes = sizeof *ofs;
    SetLastError(error);
    if (mode & OF_EXIST) {
        CloseHandle(handle);
        return TRUE;
    }
    return (HFILE)(ULONG_PTR)handle;
}
