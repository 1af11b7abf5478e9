/*
 * Who runs the program. ntmm has one user, named by the USERNAME
 * environment variable when the run sets one (--env USERNAME=...), else
 * "ntmm". *size counts characters with the NUL: on success what was
 * written, when the buffer is short the size needed, with
 * ERROR_INSUFFICIENT_BUFFER (Microsoft's GetUserName page).
 */
#include "advapi32/advapi32.h"

#define DEFAULT_USER L"ntmm"

BOOL WINAPI GetUserNameW(WCHAR *buffer, DWORD *size)
{
    if (!size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    char ansi[257];
    WCHAR name[257];
    DWORD n = GetEnvironmentVariableA("USERNAME", ansi, sizeof ansi);
    if (n == 0 || n >= sizeof ansi ||
        (n = (DWORD)MultiByteToWideChar(CP_ACP, 0, ansi, -1, name, 257)) < 2) {
        n = wcslen(DEFAULT_USER);
        memcpy(name, DEFAULT_USER, (n + 1) * sizeof(WCHAR));
    } else {
        n--; /* the NUL MultiByteToWideChar counted */
    }
    if (!buffer || *size < n + 1) {
        *size = n + 1;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    memcpy(buffer, name, (n + 1) * sizeof(WCHAR));
    *size = n + 1;
    return TRUE;
}

BOOL WINAPI GetUserNameA(char *buffer, DWORD *size)
{
    if (!size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WCHAR wide[257];
    DWORD wsize = 257;
    if (!GetUserNameW(wide, &wsize)) {
        return FALSE;
    }
    int n = WideCharToMultiByte(CP_ACP, 0, wide, -1, NULL, 0, NULL, NULL);
    if (!buffer || *size < (DWORD)n) {
        *size = (DWORD)n;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    WideCharToMultiByte(CP_ACP, 0, wide, -1, buffer, n, NULL, NULL);
    *size = (DWORD)n;
    return TRUE;
}
