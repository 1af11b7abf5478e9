/* What the files of user32 share: kernel32's API (imported) and user32's
 * own exports, declared once (user32.def names them). ntmm's user32 is
 * the console program's part of it: no windows, no message queue. */
#ifndef NTMM_USER32_H
#define NTMM_USER32_H

#include <stdarg.h>
#include "inc/ntguest.h"
#include "inc/winbase.h"

typedef void *HWND;
typedef short SHORT;
typedef ULONG_PTR WPARAM;
typedef LONG LPARAM, LRESULT;
typedef struct POINT {
    LONG x, y;
} POINT;
typedef struct MSG {
    HWND hwnd;
    UINT message;
    WPARAM wParam;
    LPARAM lParam;
    DWORD time;
    POINT pt;
} MSG;

#define CP_ACP   0
#define CP_OEMCP 1
#define CP_UTF8  65001

/* wsprintf.c */
int __cdecl wsprintfA(char *buffer, const char *format, ...);
int __cdecl wsprintfW(WCHAR *buffer, const WCHAR *format, ...);
int WINAPI wvsprintfA(char *buffer, const char *format, va_list args);
int WINAPI wvsprintfW(WCHAR *buffer, const WCHAR *format, va_list args);

/* chars.c */
char *WINAPI CharUpperA(char *s);
WCHAR *WINAPI CharUpperW(WCHAR *s);
char *WINAPI CharLowerA(char *s);
WCHAR *WINAPI CharLowerW(WCHAR *s);
DWORD WINAPI CharUpperBuffA(char *s, DWORD length);
DWORD WINAPI CharUpperBuffW(WCHAR *s, DWORD length);
DWORD WINAPI CharLowerBuffA(char *s, DWORD length);
DWORD WINAPI CharLowerBuffW(WCHAR *s, DWORD length);
char *WINAPI CharNextA(const char *s);
WCHAR *WINAPI CharNextW(const WCHAR *s);
char *WINAPI CharPrevA(const char *start, const char *s);
WCHAR *WINAPI CharPrevW(const WCHAR *start, const WCHAR *s);
BOOL WINAPI IsCharAlphaA(char c);
BOOL WINAPI IsCharAlphaW(WCHAR c);
BOOL WINAPI IsCharAlphaNumericA(char c);
BOOL WINAPI IsCharAlphaNumericW(WCHAR c);
BOOL WINAPI IsCharUpperA(char c);
BOOL WINAPI IsCharUpperW(WCHAR c);
BOOL WINAPI IsCharLowerA(char c);
BOOL WINAPI IsCharLowerW(WCHAR c);
BOOL WINAPI OemToCharA(const char *src, char *dst);
BOOL WINAPI OemToCharW(const char *src, WCHAR *dst);
BOOL WINAPI OemToCharBuffA(const char *src, char *dst, DWORD length);
BOOL WINAPI OemToCharBuffW(const char *src, WCHAR *dst, DWORD length);
BOOL WINAPI CharToOemA(const char *src, char *dst);
BOOL WINAPI CharToOemW(const WCHAR *src, char *dst);
BOOL WINAPI CharToOemBuffA(const char *src, char *dst, DWORD length);
BOOL WINAPI CharToOemBuffW(const WCHAR *src, char *dst, DWORD length);

/* string.c */
int WINAPI LoadStringA(HMODULE module, UINT id, char *buffer, int max);
int WINAPI LoadStringW(HMODULE module, UINT id, WCHAR *buffer, int max);

/* console.c: what a console program asks of the window manager. */
int WINAPI MessageBoxA(HWND owner, const char *text, const char *caption, UINT type);
int WINAPI MessageBoxW(HWND owner, const WCHAR *text, const WCHAR *caption, UINT type);
int WINAPI MessageBoxExA(HWND owner, const char *text, const char *caption, UINT type,
                         WORD language);
int WINAPI MessageBoxExW(HWND owner, const WCHAR *text, const WCHAR *caption, UINT type,
                         WORD language);
BOOL WINAPI MessageBeep(UINT type);
int WINAPI GetSystemMetrics(int index);
HWND WINAPI GetDesktopWindow(void);
typedef struct RECT {
    LONG left, top, right, bottom;
} RECT;
BOOL WINAPI IsWindow(HWND window);
BOOL WINAPI GetClientRect(HWND window, RECT *rect);
BOOL WINAPI SystemParametersInfoW(UINT action, UINT param, void *value, UINT winini);
HWND WINAPI GetForegroundWindow(void);
HWND WINAPI GetActiveWindow(void);
SHORT WINAPI GetKeyState(int key);
SHORT WINAPI GetAsyncKeyState(int key);

/* message.c: thread message queues; no windows. */
BOOL WINAPI PostMessageA(HWND window, UINT message, WPARAM wparam, LPARAM lparam);
BOOL WINAPI PostMessageW(HWND window, UINT message, WPARAM wparam, LPARAM lparam);
BOOL WINAPI PostThreadMessageA(DWORD thread, UINT message, WPARAM wparam, LPARAM lparam);
BOOL WINAPI PostThreadMessageW(DWORD thread, UINT message, WPARAM wparam, LPARAM lparam);
void WINAPI PostQuitMessage(int code);
BOOL WINAPI GetMessageA(MSG *message, HWND window, UINT first, UINT last);
BOOL WINAPI GetMessageW(MSG *message, HWND window, UINT first, UINT last);
BOOL WINAPI PeekMessageA(MSG *message, HWND window, UINT first, UINT last, UINT flags);
BOOL WINAPI PeekMessageW(MSG *message, HWND window, UINT first, UINT last, UINT flags);
BOOL WINAPI TranslateMessage(const MSG *message);
LRESULT WINAPI DispatchMessageA(const MSG *message);
LRESULT WINAPI DispatchMessageW(const MSG *message);
HWND WINAPI CreateWindowExA(DWORD ex_style, const char *class_name, const char *name,
                            DWORD style, int x, int y, int width, int height, HWND parent,
                            PVOID menu, HMODULE instance, PVOID param);
HWND WINAPI CreateWindowExW(DWORD ex_style, const WCHAR *class_name, const WCHAR *name,
                            DWORD style, int x, int y, int width, int height, HWND parent,
                            PVOID menu, HMODULE instance, PVOID param);
BOOL WINAPI DestroyWindow(HWND window);
DWORD WINAPI WaitForInputIdle(HANDLE process, DWORD milliseconds);

#endif
