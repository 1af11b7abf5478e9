/*
 * What a console program asks of the window manager, answered without
 * one. ntmm draws no windows: MessageBox writes "CAPTION: TEXT" and a line
 * end to the standard error (the W forms as UTF-8; a NULL caption is
 * Windows' "Error") and answers at once with the button a user pressing
 * Enter would choose, the default one (MB_DEFBUTTON1..4 of the buttons
 * MB_OK..MB_CANCELTRYCONTINUE give, MB_HELP adding a last one; the first
 * when the default names none); an unknown button set is refused (0,
 * ERROR_INVALID_MSGBOX_STYLE). MessageBeep makes no sound and answers
 * TRUE. There is no desktop, foreground or active window (NULL) and no
 * keyboard: GetKeyState and GetAsyncKeyState answer 0 (up, not toggled).
 * GetSystemMetrics answers for one 1024x768 monitor with a mouse of two
 * buttons, a normal boot and a local session; a metric it does not know
 * is 0, as Windows answers for an invalid index.
 */
#include "user32/user32.h"

#define ERROR_INVALID_MSGBOX_STYLE 1581
#define MB_TYPEMASK    0x0000000Fu
#define MB_DEFMASK     0x00000F00u
#define MB_HELP        0x00004000u
#define IDOK       1
#define IDCANCEL   2
#define IDABORT    3
#define IDRETRY    4
#define IDIGNORE   5
#define IDYES      6
#define IDNO       7
#define IDHELP     9
#define IDTRYAGAIN 10
#define IDCONTINUE 11

static void WriteError(const char *bytes, DWORD length)
{
    DWORD written;
    WriteFile(GetStdHandle((DWORD)-12), bytes, length, &written, NULL);
}

static void WriteErrorW(const WCHAR *text)
{
    int n = WideCharToMultiByte(CP_UTF8, 0, text, -1, NULL, 0, NULL, NULL);
    char *utf8 = n > 0 ? RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, (SIZE_T)n) : NULL;
    if (utf8) {
        WideCharToMultiByte(CP_UTF8, 0, text, -1, utf8, n, NULL, NULL);
        WriteError(utf8, (DWORD)n - 1);
        RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, utf8);
    }
}

/* The default button's ID for a MessageBox type, or 0 if it is invalid. */
static int DefaultButton(UINT type)
{
    static const BYTE buttons[7][4] = {
        {IDOK},                            /* MB_OK */
        {IDOK, IDCANCEL},                  /* MB_OKCANCEL */
        {IDABORT, IDRETRY, IDIGNORE},      /* MB_ABORTRETRYIGNORE */
        {IDYES, IDNO, IDCANCEL},           /* MB_YESNOCANCEL */
        {IDYES, IDNO},                     /* MB_YESNO */
        {IDRETRY, IDCANCEL},               /* MB_RETRYCANCEL */
        {IDCANCEL, IDTRYAGAIN, IDCONTINUE} /* MB_CANCELTRYCONTINUE */
    };
    UINT set = type & MB_TYPEMASK, which = (type & MB_DEFMASK) >> 8;
    if (set >= 7) {
        return 0;
    }
    UINT count = 0;
    while (count < 4 && buttons[set][count]) {
        count++;
    }
    if (which == count && (type & MB_HELP)) {
        return IDHELP;
    }
    return which < count ? buttons[set][which] : buttons[set][0];
}

int WINAPI MessageBoxExA(HWND owner, const char *text, const char *caption, UINT type,
                         WORD language)
{
    (void)owner, (void)language;
    int answer = DefaultButton(type);
    if (!answer) {
        SetLastError(ERROR_INVALID_MSGBOX_STYLE);
        return 0;
    }
    caption = caption ? caption : "Error";
    text = text ? text : "";
    WriteError(caption, strlen(caption));
    WriteError(": ", 2);
    WriteError(text, strlen(text));
    WriteError("\r\n", 2);
    return answer;
}

int WINAPI MessageBoxExW(HWND owner, const WCHAR *text, const WCHAR *caption, UINT type,
                         WORD language)
{
    (void)owner, (void)language;
    int answer = DefaultButton(type);
    if (!answer) {
        SetLastError(ERROR_INVALID_MSGBOX_STYLE);
        return 0;
    }
    WriteErrorW(caption ? caption : L"Error");
    WriteError(": ", 2);
    WriteErrorW(text ? text : L"");
    WriteError("\r\n", 2);
    return answer;
}

int WINAPI MessageBoxA(HWND owner, const char *text, const char *caption, UINT type)
{
    return MessageBoxExA(owner, text, caption, type, 0);
}

int WINAPI MessageBoxW(HWND owner, const WCHAR *text, const WCHAR *caption, UINT type)
{
    return MessageBoxExW(owner, text, caption, type, 0);
}

BOOL WINAPI MessageBeep(UINT type)
{
    (void)type;
    return TRUE;
}

int WINAPI GetSystemMetrics(int index)
{
    switch (index) {
    case 0:    /* SM_CXSCREEN */
    case 16:   /* SM_CXFULLSCREEN */
    case 61:   /* SM_CXMAXIMIZED: the work area */
    case 78:   /* SM_CXVIRTUALSCREEN */
        return 1024;
    case 1:    /* SM_CYSCREEN */
    case 79:   /* SM_CYVIRTUALSCREEN */
        return 768;
    case 17:   /* SM_CYFULLSCREEN: less the caption and task bar */
        return 768 - 30 - 20;
    case 2:    /* SM_CXVSCROLL */
    case 3:    /* SM_CYHSCROLL */
        return 17;
    case 4:    /* SM_CYCAPTION */
        return 20;
    case 5:    /* SM_CXBORDER */
    case 6:    /* SM_CYBORDER */
        return 1;
    case 11:   /* SM_CXICON */
    case 12:   /* SM_CYICON */
    case 13:   /* SM_CXCURSOR */
    case 14:   /* SM_CYCURSOR */
        return 32;
    case 19:   /* SM_MOUSEPRESENT */
        return 1;
    case 43:   /* SM_CMOUSEBUTTONS */
        return 2;
    case 49:   /* SM_CXSMICON */
    case 50:   /* SM_CYSMICON */
        return 16;
    case 80:   /* SM_CMONITORS */
        return 1;
    case 81:   /* SM_SAMEDISPLAYFORMAT */
        return 1;
    default:   /* SM_CLEANBOOT (0: normal), SM_REMOTESESSION, SM_DEBUG... */
        return 0;
    }
}

HWND WINAPI GetDesktopWindow(void)
{
    return NULL;
}

HWND WINAPI GetForegroundWindow(void)
{
    return NULL;
}

HWND WINAPI GetActiveWindow(void)
{
    return NULL;
}

SHORT WINAPI GetKeyState(int key)
{
    (void)key;
    return 0;
}

SHORT WINAPI GetAsyncKeyState(int key)
{
    (void)key;
    return 0;
}

/* No window exists: every HWND is invalid. */
#define ERROR_INVALID_WINDOW_HANDLE 1400
#define ERROR_INVALID_SPI_VALUE 1439

BOOL WINAPI IsWindow(HWND window)
{
    (void)window;
    return FALSE;
}

BOOL WINAPI GetClientRect(HWND window, RECT *rect)
{
    (void)window;
    (void)rect;
    SetLastError(ERROR_INVALID_WINDOW_HANDLE);
    return FALSE;
}

/* SPI_GETWORKAREA: the monitor less the task bar (30 pixels at the
 * bottom, as GetSystemMetrics has it); no other setting is kept. */
BOOL WINAPI SystemParametersInfoW(UINT action, UINT param, void *value, UINT winini)
{
    (void)param;
    (void)winini;
    if (action == 0x30 /* SPI_GETWORKAREA */ && value) {
        RECT area = {0, 0, 1024, 768 - 30};
        memcpy(value, &area, sizeof area);
        return TRUE;
    }
    SetLastError(ERROR_INVALID_SPI_VALUE);
    return FALSE;
}
