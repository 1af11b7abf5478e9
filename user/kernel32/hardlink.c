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
    UNICODE_STRING nt;
    if (!BaseNtPathFromDosPath(link, &nt, NULL)) {
        return FALSE;
    }
    NTSTATUS status;
    HANDLE file = BaseOpenFile(existing, SYNCHRONIZE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                               FILE_OPEN_FOR_BACKUP_INTENT, &status);
    if (!file) {
        RtlFreeUnicodeString(&nt);
        return FALSE;
    }
    ULONG size = 12 + nt.Length;
    FILE_RENAME_INFORMATION *info = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, size);
    BOOL ok = FALSE;
    if (!info) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    } else {
        info->ReplaceIfExists = FALSE;
        info->RootDirectory = NULL;
        info->FileNameLength = nt.Length;
        memcpy(info->FileName, nt.Buffer, nt.Length);
        IO_STATUS_BLOCK iosb;
        status = NtSetInformationFile(file, &iosb, info, size, FileLinkInformation);
        ok = NT_SUCCESS(status);
        if (!ok) {
            BaseSetLastNtError(status);
        }
        RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, info);
    }
    NtClose(file);
    RtlFreeUnicodeString(&nt);
    return ok;
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
