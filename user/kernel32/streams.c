/*
 * A file's data streams by name: FindFirstStreamW / FindNextStreamW and
 * GetCompressedFileSize. ntmm's file system keeps one stream per file, the
 * unnamed data stream NTFS lists as "::$DATA"; a directory has none
 * (ERROR_HANDLE_EOF, Microsoft's "no streams can be found"). Nothing is
 * compressed or sparse on the disk, so a file's compressed size is its
 * size, as documented for such a file. A stream find handle is kernel32's
 * own heap block, closed by FindClose (findfile.c asks BaseCloseStreamFind).
 */
#include "kernel32/fileapi.h"

#define STREAM_FIND_MAGIC 0x4D525453 /* 'STRM' */

typedef struct STREAM_FIND {
    ULONG Magic;
} STREAM_FIND;

static HANDLE Heap(void)
{
    return NtCurrentPeb()->ProcessHeap;
}

HANDLE WINAPI FindFirstStreamW(const WCHAR *name, STREAM_INFO_LEVELS level, void *data, DWORD flags)
{
    static const WCHAR stream[] = L"::$DATA";
    if (level != FindStreamInfoStandard || flags) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    WIN32_FILE_ATTRIBUTE_DATA attributes;
    if (!GetFileAttributesExW(name, 0, &attributes)) {
        return INVALID_HANDLE_VALUE;
    }
    if (attributes.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
        SetLastError(ERROR_HANDLE_EOF);
        return INVALID_HANDLE_VALUE;
    }
    STREAM_FIND *find = RtlAllocateHeap(Heap(), 0, sizeof *find);
    if (!find) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return INVALID_HANDLE_VALUE;
    }
    find->Magic = STREAM_FIND_MAGIC;
    WIN32_FIND_STREAM_DATA *out = data;
    memset(out, 0, sizeof *out);
    out->StreamSize.u.LowPart = attributes.nFileSizeLow;
    out->StreamSize.u.HighPart = (LONG)attributes.nFileSizeHigh;
    memcpy(out->cStreamName, stream, sizeof stream);
    return find;
}

static STREAM_FIND *Find(HANDLE handle)
{
    STREAM_FIND *find = handle;
    return find && handle != INVALID_HANDLE_VALUE && find->Magic == STREAM_FIND_MAGIC ? find : NULL;
}

BOOL WINAPI FindNextStreamW(HANDLE handle, void *data)
{
    (void)data;
    SetLastError(Find(handle) ? ERROR_HANDLE_EOF : ERROR_INVALID_HANDLE); /* the one stream was the first */
    return FALSE;
}

BOOL BaseCloseStreamFind(HANDLE handle)
{
    STREAM_FIND *find = Find(handle);
    if (!find) {
        return FALSE;
    }
    find->Magic = 0;
    RtlFreeHeap(Heap(), 0, find);
    return TRUE;
}

DWORD WINAPI GetCompressedFileSizeW(const WCHAR *name, DWORD *high)
{
    WIN32_FILE_ATTRIBUTE_DATA attributes;
    if (!GetFileAttributesExW(name, 0, &attributes)) {
        return INVALID_FILE_SIZE;
    }
    if (high) {
        *high = attributes.nFileSizeHigh;
    }
    SetLastError(ERROR_SUCCESS); /* INVALID_FILE_SIZE may be a size: the error says it is */
    return attributes.nFileSizeLow;
}

DWORD WINAPI GetCompressedFileSizeA(const char *name, DWORD *high)
{
    WCHAR *wide = BaseNameFromAnsi(name);
    if (!wide) {
        return INVALID_FILE_SIZE;
    }
    DWORD size = GetCompressedFileSizeW(wide, high);
    BaseFreeName(wide);
    return size;
}
