/*
 * PLACEHOLDER until the file system (branch io) lands: the Win32 file calls
 * msvcrt imports, failing as a system without files would. Each one is
 * replaced by the io branch's real implementation when it is merged; this
 * file then goes away.
 */
#include "kernel32/kernel32.h"

#define ERROR_FILE_NOT_FOUND 2
#define FILE_TYPE_UNKNOWN 0
#define FILE_TYPE_PIPE 3

static BOOL NoFiles(void)
{
    SetLastError(ERROR_FILE_NOT_FOUND);
    return FALSE;
}

HANDLE WINAPI CreateFileA(const char *a, DWORD b, DWORD c, PVOID d, DWORD e, DWORD f, HANDLE g)
{
    (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; (void)g;
    NoFiles();
    return INVALID_HANDLE_VALUE;
}

HANDLE WINAPI CreateFileW(const WCHAR *a, DWORD b, DWORD c, PVOID d, DWORD e, DWORD f, HANDLE g)
{
    (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; (void)g;
    NoFiles();
    return INVALID_HANDLE_VALUE;
}

BOOL WINAPI SetFilePointerEx(HANDLE h, LARGE_INTEGER d, LARGE_INTEGER *p, DWORD m)
{
    (void)h; (void)d; (void)p; (void)m;
    SetLastError(ERROR_INVALID_HANDLE);
    return FALSE;
}

/* The standard handles are pipes to the host until the io branch asks the kernel. */
DWORD WINAPI GetFileType(HANDLE h)
{
    RTL_USER_PROCESS_PARAMETERS *params = NtCurrentPeb()->ProcessParameters;
    if (h && (h == params->StandardInput || h == params->StandardOutput || h == params->StandardError)) {
        return FILE_TYPE_PIPE;
    }
    SetLastError(ERROR_INVALID_HANDLE);
    return FILE_TYPE_UNKNOWN;
}

BOOL WINAPI FlushFileBuffers(HANDLE h) { (void)h; return TRUE; }
BOOL WINAPI SetEndOfFile(HANDLE h) { (void)h; SetLastError(ERROR_INVALID_HANDLE); return FALSE; }
BOOL WINAPI GetFileInformationByHandle(HANDLE h, PVOID i) { (void)h; (void)i; SetLastError(ERROR_INVALID_HANDLE); return FALSE; }
BOOL WINAPI GetFileAttributesExA(const char *n, int l, PVOID d) { (void)n; (void)l; (void)d; return NoFiles(); }
BOOL WINAPI GetFileAttributesExW(const WCHAR *n, int l, PVOID d) { (void)n; (void)l; (void)d; return NoFiles(); }
DWORD WINAPI GetFileAttributesA(const char *n) { (void)n; NoFiles(); return (DWORD)-1; }
DWORD WINAPI GetFileAttributesW(const WCHAR *n) { (void)n; NoFiles(); return (DWORD)-1; }
BOOL WINAPI DeleteFileA(const char *n) { (void)n; return NoFiles(); }
BOOL WINAPI DeleteFileW(const WCHAR *n) { (void)n; return NoFiles(); }
BOOL WINAPI MoveFileExA(const char *a, const char *b, DWORD f) { (void)a; (void)b; (void)f; return NoFiles(); }
BOOL WINAPI MoveFileExW(const WCHAR *a, const WCHAR *b, DWORD f) { (void)a; (void)b; (void)f; return NoFiles(); }
BOOL WINAPI LockFile(HANDLE h, DWORD a, DWORD b, DWORD c, DWORD d) { (void)h; (void)a; (void)b; (void)c; (void)d; SetLastError(ERROR_INVALID_HANDLE); return FALSE; }
BOOL WINAPI UnlockFile(HANDLE h, DWORD a, DWORD b, DWORD c, DWORD d) { (void)h; (void)a; (void)b; (void)c; (void)d; SetLastError(ERROR_INVALID_HANDLE); return FALSE; }
DWORD WINAPI GetTempPathA(DWORD n, char *b) { if (n >= 4) { memcpy(b, "C:\\", 4); } return 3; }
