/*
 * The 16-bit Windows file calls kept for old programs: _lopen, _lcreat,
 * _lclose, _llseek, _lread, _lwrite, _hread, _hwrite. An HFILE is the
 * Win32 file handle; HFILE_ERROR (-1) is a failure, with the last error
 * of the call beneath. _lopen's mode is OF_READ/OF_WRITE/OF_READWRITE
 * with an OF_SHARE_* sharing mode; _lcreat's attribute keeps only
 * read-only, hidden and system (a file is made, never a volume label);
 * _lwrite of 0 bytes ends the file where its pointer is.
 */
#include "kernel32/fileapi.h"

#define HFILE_ERROR (-1)
#define CREATE_ALWAYS 2u
#define OPEN_EXISTING 3u

#define OF_WRITE 0x0001u
#define OF_READWRITE 0x0002u
#define OF_SHARE_EXCLUSIVE 0x0010u
#define OF_SHARE_DENY_WRITE 0x0020u
#define OF_SHARE_DENY_READ 0x0030u
#define OF_SHARE_MASK 0x0070u

static HFILE AsHfile(HANDLE handle)
{
    return handle == INVALID_HANDLE_VALUE ? HFILE_ERROR : (HFILE)(ULONG_PTR)handle;
}

static HANDLE AsHandle(HFILE file)
{
    return (HANDLE)(ULONG_PTR)(ULONG)file;
}

HANDLE BaseOpenWithOfMode(const char *path, UINT mode, DWORD disposition)
{
    DWORD access = mode & OF_READWRITE ? GENERIC_READ | GENERIC_WRITE
                   : mode & OF_WRITE   ? GENERIC_WRITE
                                       : GENERIC_READ;
    DWORD share;
    switch (mode & OF_SHARE_MASK) {
    case OF_SHARE_EXCLUSIVE:
        share = 0;
        break;
    case OF_SHARE_DENY_WRITE:
        share = FILE_SHARE_READ;
        break;
    case OF_SHARE_DENY_READ:
        share = FILE_SHARE_WRITE;
        break;
    default: /* OF_SHARE_COMPAT, OF_SHARE_DENY_NONE */
        share = FILE_SHARE_READ | FILE_SHARE_WRITE;
        break;
    }
    DWORD attributes = disposition == CREATE_ALWAYS ? FILE_ATTRIBUTE_NORMAL : 0;
    return CreateFileA(path, access, share, NULL, disposition, attributes, NULL);
}

HFILE WINAPI _lopen(const char *path, int mode)
{
    return AsHfile(BaseOpenWithOfMode(path, (UINT)mode, OPEN_EXISTING));
}

HFILE WINAPI _lcreat(const char *path, int attributes)
{
    DWORD kept = (DWORD)attributes & (FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_HIDDEN |
                                      FILE_ATTRIBUTE_SYSTEM);
    return AsHfile(CreateFileA(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
                               NULL, CREATE_ALWAYS, kept ? kept : FILE_ATTRIBUTE_NORMAL, NULL));
}

HFILE WINAPI _lclose(HFILE file)
{
    return CloseHandle(AsHandle(file)) ? 0 : HFILE_ERROR;
}

LONG WINAPI _llseek(HFILE file, LONG offset, int origin)
{
    return (LONG)SetFilePointer(AsHandle(file), offset, NULL, (DWORD)origin);
}

LONG WINAPI _hread(HFILE file, void *buffer, LONG count)
{
    DWORD done;
    return ReadFile(AsHandle(file), buffer, (DWORD)count, &done, NULL) ? (LONG)done : HFILE_ERROR;
}

UINT WINAPI _lread(HFILE file, void *buffer, UINT count)
{
    return (UINT)_hread(file, buffer, (LONG)count);
}

LONG WINAPI _hwrite(HFILE file, const char *buffer, LONG count)
{
    HANDLE handle = AsHandle(file);
    if (!count) {
        return SetEndOfFile(handle) ? 0 : HFILE_ERROR;
    }
    DWORD done;
    return WriteFile(handle, buffer, (DWORD)count, &done, NULL) ? (LONG)done : HFILE_ERROR;
}

UINT WINAPI _lwrite(HFILE file, const char *buffer, UINT count)
{
    return (UINT)_hwrite(file, buffer, (LONG)count);
}
