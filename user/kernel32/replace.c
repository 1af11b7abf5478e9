/*
 * ReplaceFile: one file takes another's place. The replaced file goes to
 * the backup name (if one is given) or away; the replacement takes its
 * name and its attributes. Each step is a rename, so a failure leaves
 * every file under one of its names, and the error says which step
 * failed, as Microsoft documents: ERROR_UNABLE_TO_REMOVE_REPLACED (the
 * replaced file is where it was), ERROR_UNABLE_TO_MOVE_REPLACEMENT (both
 * are where they were), ERROR_UNABLE_TO_MOVE_REPLACEMENT_2 (the replaced
 * file is under the backup name, the replacement under its own).
 */
#include "kernel32/fileapi.h"

#define ERROR_UNABLE_TO_REMOVE_REPLACED    1175
#define ERROR_UNABLE_TO_MOVE_REPLACEMENT   1176
#define ERROR_UNABLE_TO_MOVE_REPLACEMENT_2 1177

BOOL WINAPI ReplaceFileW(const WCHAR *replaced, const WCHAR *replacement, const WCHAR *backup,
                         DWORD flags, void *exclude, void *reserved)
{
    (void)flags; /* REPLACEFILE_WRITE_THROUGH, REPLACEFILE_IGNORE_MERGE_ERRORS: nothing to do */
    if (!replaced || !replacement || exclude || reserved) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    /* Both must be there (their own errors: not found, no path...). */
    DWORD attributes = GetFileAttributesW(replaced);
    if (attributes == INVALID_FILE_ATTRIBUTES || GetFileAttributesW(replacement) == INVALID_FILE_ATTRIBUTES) {
        return FALSE;
    }
    if (backup && !BaseNameFile(replaced, DELETE, backup, TRUE, FileRenameInformation)) {
        SetLastError(ERROR_UNABLE_TO_REMOVE_REPLACED);
        return FALSE;
    }
    if (!BaseNameFile(replacement, DELETE, replaced, TRUE, FileRenameInformation)) {
        SetLastError(backup ? ERROR_UNABLE_TO_MOVE_REPLACEMENT_2 : ERROR_UNABLE_TO_MOVE_REPLACEMENT);
        return FALSE;
    }
    SetFileAttributesW(replaced, attributes); /* the replaced file's, on its successor */
    SetLastError(ERROR_SUCCESS);
    return TRUE;
}

BOOL WINAPI ReplaceFileA(const char *replaced, const char *replacement, const char *backup,
                         DWORD flags, void *exclude, void *reserved)
{
    if (!replaced || !replacement) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WCHAR *wide_replaced = BaseNameFromAnsi(replaced);
    WCHAR *wide_replacement = wide_replaced ? BaseNameFromAnsi(replacement) : NULL;
    WCHAR *wide_backup = NULL;
    BOOL ok = FALSE;
    if (wide_replacement && (!backup || (wide_backup = BaseNameFromAnsi(backup)))) {
        ok = ReplaceFileW(wide_replaced, wide_replacement, wide_backup, flags, exclude, reserved);
    }
    BaseFreeName(wide_replaced);
    BaseFreeName(wide_replacement);
    BaseFreeName(wide_backup);
    return ok;
}
