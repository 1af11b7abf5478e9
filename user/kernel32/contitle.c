/*
 * The console's title: SetConsoleTitle and GetConsoleTitle, A and W. ntmm
 * draws no window, so the title is kept here in the process (a console
 * shared by several processes would share it on Windows; here each has
 * its own). It starts as the program's path, the title Windows gives a
 * console it makes for a program started without a STARTUPINFO title.
 * GetConsoleTitle returns the title's length in characters (bytes for A)
 * and copies what fits of it, NUL-terminated.
 */
#include "kernel32/kernel32.h"

static RTL_CRITICAL_SECTION TitleLock = {NULL, -1, 0, NULL, NULL, 0};
static WCHAR *Title;      /* on the process heap; NULL: not set yet */
static ULONG TitleLength; /* in characters */

static PVOID Heap(void)
{
    return NtCurrentPeb()->ProcessHeap;
}

/* With the lock held: the title as a copy of text (length characters). */
static BOOL Keep(const WCHAR *text, ULONG length)
{
    WCHAR *copy = RtlAllocateHeap(Heap(), 0, (length + 1) * sizeof(WCHAR));
    if (!copy) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    memcpy(copy, text, length * sizeof(WCHAR));
    copy[length] = 0;
    if (Title) {
        RtlFreeHeap(Heap(), 0, Title);
    }
    Title = copy;
    TitleLength = length;
    return TRUE;
}

/* With the lock held: the program's path, the first time. */
static void Initial(void)
{
    if (!Title) {
        const UNICODE_STRING *path = &NtCurrentPeb()->ProcessParameters->ImagePathName;
        Keep(path->Buffer ? path->Buffer : L"", path->Length / sizeof(WCHAR));
    }
}

BOOL WINAPI SetConsoleTitleW(const WCHAR *title)
{
    if (!title) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    RtlEnterCriticalSection(&TitleLock);
    BOOL ok = Keep(title, wcslen(title));
    RtlLeaveCriticalSection(&TitleLock);
    return ok;
}

BOOL WINAPI SetConsoleTitleA(const char *title)
{
    if (!title) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WCHAR *wide = BaseAnsiToHeap(title);
    if (!wide) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    BOOL ok = SetConsoleTitleW(wide);
    RtlFreeHeap(Heap(), 0, wide);
    return ok;
}

DWORD WINAPI GetConsoleTitleW(WCHAR *title, DWORD size)
{
    if (!title || !size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    RtlEnterCriticalSection(&TitleLock);
    Initial();
    ULONG length = Title ? TitleLength : 0;
    ULONG copied = length < size ? length : size - 1;
    if (Title) {
        memcpy(title, Title, copied * sizeof(WCHAR));
    }
    title[copied] = 0;
    RtlLeaveCriticalSection(&TitleLock);
    return length;
}

DWORD WINAPI GetConsoleTitleA(char *title, DWORD size)
{
    if (!title || !size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    RtlEnterCriticalSection(&TitleLock);
    Initial();
    int length = Title ? WideCharToMultiByte(CP_ACP, 0, Title, (int)TitleLength, NULL, 0, NULL,
                                             NULL)
                       : 0;
    char *narrow = length > 0 ? RtlAllocateHeap(Heap(), 0, (SIZE_T)length) : NULL;
    if (narrow) {
        WideCharToMultiByte(CP_ACP, 0, Title, (int)TitleLength, narrow, length, NULL, NULL);
    }
    RtlLeaveCriticalSection(&TitleLock);
    DWORD copied = narrow ? ((DWORD)length < size ? (DWORD)length : size - 1) : 0;
    if (narrow) {
        memcpy(title, narrow, copied);
        RtlFreeHeap(Heap(), 0, narrow);
    }
    title[copied] = 0;
    return narrow ? (DWORD)length : 0;
}

/* The title the console had when the process started: its path. */
DWORD WINAPI GetConsoleOriginalTitleW(WCHAR *title, DWORD size)
{
    if (!title || !size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    const UNICODE_STRING *path = &NtCurrentPeb()->ProcessParameters->ImagePathName;
    DWORD length = path->Length / sizeof(WCHAR);
    DWORD copied = length < size ? length : size - 1;
    memcpy(title, path->Buffer, copied * sizeof(WCHAR));
    title[copied] = 0;
    return length;
}

DWORD WINAPI GetConsoleOriginalTitleA(char *title, DWORD size)
{
    if (!title || !size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    const UNICODE_STRING *path = &NtCurrentPeb()->ProcessParameters->ImagePathName;
    int chars = (int)(path->Length / sizeof(WCHAR));
    int length = chars ? WideCharToMultiByte(CP_ACP, 0, path->Buffer, chars, NULL, 0, NULL, NULL) : 0;
    if ((DWORD)length >= size) {
        title[0] = 0;
        return (DWORD)length; /* Windows copies nothing when it does not all fit */
    }
    if (length) {
        WideCharToMultiByte(CP_ACP, 0, path->Buffer, chars, title, length, NULL, NULL);
    }
    title[length] = 0;
    return (DWORD)length;
}
