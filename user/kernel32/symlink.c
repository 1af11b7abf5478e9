/*
 * CreateSymbolicLink: NTFS's symbolic links need SeCreateSymbolicLinkPrivilege
 * (or Windows 10's developer mode with
 * SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE), which no program on ntmm
 * holds, so the answer is ERROR_PRIVILEGE_NOT_HELD, as a standard user gets
 * (the arguments checked first). Hard links are hardlink.c's.
 */
#include "kernel32/fileapi.h"

#define SYMBOLIC_LINK_FLAG_DIRECTORY                 0x1
#define SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE 0x2
#define ERROR_PRIVILEGE_NOT_HELD                     1314

BOOLEAN WINAPI CreateSymbolicLinkW(const WCHAR *link, const WCHAR *target, DWORD flags)
{
    if (!link || !target || !*link || !*target ||
        (flags & ~(SYMBOLIC_LINK_FLAG_DIRECTORY | SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    SetLastError(ERROR_PRIVILEGE_NOT_HELD);
    return FALSE;
}

BOOLEAN WINAPI CreateSymbolicLinkA(const char *link, const char *target, DWORD flags)
{
    if (!link || !target) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WCHAR *wide_link = BaseNameFromAnsi(link);
    WCHAR *wide_target = wide_link ? BaseNameFromAnsi(target) : NULL;
    BOOLEAN ok = wide_target ? CreateSymbolicLinkW(wide_link, wide_target, flags) : FALSE;
    BaseFreeName(wide_link);
    BaseFreeName(wide_target);
    return ok;
}
