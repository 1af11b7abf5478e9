/*
 * ExpandEnvironmentStrings: each %NAME% replaced by the variable's value;
 * a name with no variable, a % with no closing %, and %% stay as written
 * (Microsoft's page; Wine's kernel32 environ tests). The size, in
 * characters, counts the NUL: what was written when it fits in the buffer,
 * else what is needed (the buffer then holding as much as fitted). ntdll's
 * RtlExpandEnvironmentStrings_U does the work, on the process's block.
 */
#include "kernel32/fileapi.h"
#include "kernel32/kernel32.h"


DWORD WINAPI ExpandEnvironmentStringsW(const WCHAR *source, WCHAR *buffer, DWORD size)
{
    if (!source) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!buffer) {
        size = 0;
    }
    /* A counted string holds at most 32767 characters: the source and
     * the buffer are taken up to there. */
    SIZE_T length = wcslen(source);
    UNICODE_STRING from = {(USHORT)((length < 32767 ? length : 32767) * sizeof(WCHAR)), 0, (WCHAR *)source};
    from.MaximumLength = from.Length;
    UNICODE_STRING to = {0, (USHORT)((size < 32767 ? size : 32767) * sizeof(WCHAR)), buffer};
    ULONG needed = 0;
    NTSTATUS status = RtlExpandEnvironmentStrings_U(NULL, &from, &to, &needed);
    if (status == STATUS_BUFFER_TOO_SMALL) {
        if (size) {
            buffer[(size < 32767 ? size : 32767) - 1] = 0; /* as much as fitted */
        }
    } else if (status != STATUS_SUCCESS) {
        SetLastError(RtlNtStatusToDosError(status));
        return 0;
    }
    return needed / sizeof(WCHAR);
}

DWORD WINAPI ExpandEnvironmentStringsA(const char *source, char *buffer, DWORD size)
{
    if (!source) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    WCHAR *wide = BaseNameFromAnsi(source);
    if (!wide) {
        return 0;
    }
    DWORD result = 0;
    DWORD chars = ExpandEnvironmentStringsW(wide, NULL, 0);
    WCHAR *expanded = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, chars * sizeof(WCHAR));
    if (expanded) {
        ExpandEnvironmentStringsW(wide, expanded, chars);
        /* The size in bytes of the ANSI form, NUL included. */
        result = (DWORD)WideCharToMultiByte(CP_ACP, 0, expanded, -1, NULL, 0, NULL, NULL);
        if (buffer && size >= result) {
            WideCharToMultiByte(CP_ACP, 0, expanded, -1, buffer, (int)size, NULL, NULL);
        }
        RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, expanded);
    }
    BaseFreeName(wide);
    return result;
}
