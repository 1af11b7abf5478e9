/*
 * CreateHardLink: a second name for an existing file (NtSetInformationFile
 * with FileLinkInformation, laid out as a rename's, ReplaceIfExists FALSE:
 * an existing name is ERROR_ALREADY_EXISTS). libstdc++'s
 * std::filesystem::create_hard_link calls it.
 */
#include "kernel32/fileapi.h"

BOOL WINAPI CreateHardLinkW(const WCHAR *link, const WCHAR *existing, PVOID security)
{
    (void)security;
    return BaseNameFile(existing, SYNCHRONIZE, link, FALSE, FileLinkInformation);
}

BOOL WINAPI CreateHardLinkA(const char *link, const char *existing, PVOID security)
{
    WCHAR *wlink = BaseNameFromAnsi(link);
    if (!wlink) {
        return FALSE;
    }
    WCHAR *wexisting = BaseNameFromAnsi(existing);
    BOOL ok = wexisting && CreateHardLinkW(wlink, wexisting, security);
    BaseFreeName(wexisting);
    BaseFreeName(wlink);
    return ok;
}
