/*
 * _getdiskfree(drive, info): a drive's clusters (1 is A:, 3 is C:, 0 the
 * current drive), from GetDiskFreeSpace. It answers 0, or the Win32
 * error (errno set from it); a drive number past Z: is
 * ERROR_INVALID_PARAMETER with errno untouched, as msvcrt answers.
 */
#include "msvcrt/crtfill.h"

#define ERROR_INVALID_PARAMETER 87

unsigned CDECL _getdiskfree(unsigned drive, DISKFREE *info)
{
    if (drive > 26) {
        return ERROR_INVALID_PARAMETER;
    }
    char root[4] = {(char)('@' + drive), ':', '\\', 0};
    DWORD sectors, bytes, available, total;
    if (!GetDiskFreeSpaceA(drive ? root : NULL, &sectors, &bytes, &available, &total)) {
        DWORD error = GetLastError();
        _dosmaperr(error);
        return error;
    }
    info->total_clusters = total;
    info->avail_clusters = available;
    info->sectors_per_cluster = sectors;
    info->bytes_per_sector = bytes;
    return 0;
}
