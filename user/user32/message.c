/*
 * Thread message queues without windows: PostMessage to no window (NULL)
 * and PostThreadMessage put a message on a thread's queue, GetMessage and
 * PeekMessage take it off (GetMessage waits for one and answers FALSE for
 * WM_QUIT, which PostQuitMessage posts), as a console program's message
 * loop expects. A message window cannot be made: CreateWindowEx answers
 * NULL with ERROR_CANNOT_FIND_WND_CLASS, and every call given a window
 * handle answers ERROR_INVALID_WINDOW_HANDLE, as Windows does for a handle
 * that names no window. WaitForInputIdle answers WAIT_FAILED at once, as
 * Windows does for a process with no message queue of a GUI thread.
 * The queue is the process's: posted messages carry their thread's ID,
 * kept in a bounded list under an SRW lock (zero is its initial state, so
 * user32 needs no DllMain); a full queue refuses a post with
 * ERROR_NOT_ENOUGH_QUOTA (Windows' limit is 10,000 a thread).
 */
#include "user32/user32.h"

#define WM_QUIT 0x0012
#define PM_REMOVE 0x0001
#define ERROR_NOT_ENOUGH_QUOTA 1816
#define ERROR_INVALID_WINDOW_HANDLE 1400
#define ERROR_CANNOT_FIND_WND_CLASS 1407
#define QUEUE_MAX 1024

typedef struct POSTED {
    DWORD Thread;
    MSG Message;
} POSTED;

static RTL_SRWLOCK QueueLock;
static RTL_CONDITION_VARIABLE QueueChanged;
static POSTED Queue[QUEUE_MAX];
static ULONG QueueCount;

static BOOL Post(DWORD thread, UINT message, WPARAM wparam, LPARAM lparam)
{
    BOOL posted = FALSE;
    RtlAcquireSRWLockExclusive(&QueueLock);
    if (QueueCount < QUEUE_MAX) {
        POSTED *p = &Queue[QueueCount++];
        p->Thread = thread;
        p->Message = (MSG){NULL, message, wparam, lparam, GetTickCount(), {0, 0}};
        posted = TRUE;
        RtlWakeAllConditionVariable(&QueueChanged);
    }
    RtlReleaseSRWLockExclusive(&QueueLock);
    if (!posted) {
        SetLastError(ERROR_NOT_ENOUGH_QUOTA);
    }
    return posted;
}

BOOL WINAPI PostThreadMessageW(DWORD thread, UINT message, WPARAM wparam, LPARAM lparam)
{
    return Post(thread, message, wparam, lparam);
}

BOOL WINAPI PostThreadMessageA(DWORD thread, UINT message, WPARAM wparam, LPARAM lparam)
{
    return Post(thread, message, wparam, lparam);
}

BOOL WINAPI PostMessageW(HWND window, UINT message, WPARAM wparam, LPARAM lparam)
{
    if (window) {
        SetLastError(ERROR_INVALID_WINDOW_HANDLE);
        return FALSE;
    }
    return Post(GetCurrentThreadId(), message, wparam, lparam);
}

BOOL WINAPI PostMessageA(HWND window, UINT message, WPARAM wparam, LPARAM lparam)
{
    return PostMessageW(window, message, wparam, lparam);
}

void WINAPI PostQuitMessage(int code)
{
    Post(GetCurrentThreadId(), WM_QUIT, (WPARAM)code, 0);
}

/* Takes (or with remove FALSE, copies) the calling thread's first message
 * in [first, last] (0, 0: any); FALSE when there is none. Called locked. */
static BOOL Take(MSG *message, UINT first, UINT last, BOOL remove)
{
    DWORD self = GetCurrentThreadId();
    for (ULONG i = 0; i < QueueCount; i++) {
        UINT m = Queue[i].Message.message;
        if (Queue[i].Thread != self || ((first || last) && (m < first || m > last))) {
            continue;
        }
        *message = Queue[i].Message;
        if (remove) {
            memmove(&Queue[i], &Queue[i + 1], (QueueCount - i - 1) * sizeof(POSTED));
            QueueCount--;
        }
        return TRUE;
    }
    return FALSE;
}

/* GetMessage: TRUE, FALSE for WM_QUIT, -1 for a window handle. */
BOOL WINAPI GetMessageW(MSG *message, HWND window, UINT first, UINT last)
{
    if (window && window != (HWND)-1) {
        SetLastError(ERROR_INVALID_WINDOW_HANDLE);
        return -1;
    }
    RtlAcquireSRWLockExclusive(&QueueLock);
    while (!Take(message, first, last, TRUE)) {
        RtlSleepConditionVariableSRW(&QueueChanged, &QueueLock, NULL, 0);
    }
    RtlReleaseSRWLockExclusive(&QueueLock);
    return message->message != WM_QUIT;
}

BOOL WINAPI GetMessageA(MSG *message, HWND window, UINT first, UINT last)
{
    return GetMessageW(message, window, first, last);
}

BOOL WINAPI PeekMessageW(MSG *message, HWND window, UINT first, UINT last, UINT flags)
{
    if (window && window != (HWND)-1) {
        SetLastError(ERROR_INVALID_WINDOW_HANDLE);
        return FALSE;
    }
    RtlAcquireSRWLockExclusive(&QueueLock);
    BOOL found = Take(message, first, last, (flags & PM_REMOVE) != 0);
    RtlReleaseSRWLockExclusive(&QueueLock);
    return found;
}

BOOL WINAPI PeekMessageA(MSG *message, HWND window, UINT first, UINT last, UINT flags)
{
    return PeekMessageW(message, window, first, last, flags);
}

/* Nothing to translate (no keyboard) and no window to dispatch to. */
BOOL WINAPI TranslateMessage(const MSG *message)
{
    (void)message;
    return FALSE;
}

LRESULT WINAPI DispatchMessageW(const MSG *message)
{
    (void)message;
    return 0;
}

LRESULT WINAPI DispatchMessageA(const MSG *message)
{
    (void)message;
    return 0;
}

HWND WINAPI CreateWindowExW(DWORD ex_style, const WCHAR *class_name, const WCHAR *name,
                            DWORD style, int x, int y, int width, int height, HWND parent,
                            PVOID menu, HMODULE instance, PVOID param)
{
    (void)ex_style, (void)class_name, (void)name, (void)style, (void)x, (void)y;
    (void)width, (void)height, (void)parent, (void)menu, (void)instance, (void)param;
    SetLastError(ERROR_CANNOT_FIND_WND_CLASS);
    return NULL;
}

HWND WINAPI CreateWindowExA(DWORD ex_style, const char *class_name, const char *name,
                            DWORD style, int x, int y, int width, int height, HWND parent,
                            PVOID menu, HMODULE instance, PVOID param)
{
    (void)ex_style, (void)class_name, (void)name, (void)style, (void)x, (void)y;
    (void)width, (void)height, (void)parent, (void)menu, (void)instance, (void)param;
    SetLastError(ERROR_CANNOT_FIND_WND_CLASS);
    return NULL;
}

BOOL WINAPI DestroyWindow(HWND window)
{
    (void)window;
    SetLastError(ERROR_INVALID_WINDOW_HANDLE);
    return FALSE;
}

DWORD WINAPI WaitForInputIdle(HANDLE process, DWORD milliseconds)
{
    (void)process, (void)milliseconds;
    return 0xFFFFFFFFu;   /* WAIT_FAILED */
}
