/*
 * user32.dll's console part. Windows' answers: Wine's user32 tests
 * (wsprintf.c, resource.c, text conversion) and Microsoft's pages:
 * wsprintf's flags, sizes and types, "(null)" for a NULL string, an
 * unknown type printed as text; CharUpper/Lower on the ANSI code page
 * (1252) and a single character given as the pointer; LoadString's copy
 * (cut to the buffer, NUL-terminated), LoadStringW's read-only pointer
 * for a buffer size of 0, LoadStringA's -1 for it; OEM (437) <-> ANSI
 * conversion. ntmm's own answers, documented in docs/crt.md: MessageBox
 * writes to stderr and answers the default button; the metrics of one
 * 1024x768 monitor; no desktop window; no key down.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void ShowA(const char *label, int n, const char *s)
{
    printf("%-28s %2d [%s]\n", label, n, s);
}

static void ShowW(const char *label, int n, const WCHAR *s)
{
    char narrow[256];
    WideCharToMultiByte(CP_ACP, 0, s, -1, narrow, sizeof narrow, NULL, NULL);
    printf("%-28s %2d [%s]\n", label, n, narrow);
}

static void Wsprintf(void)
{
    char b[1100];
    WCHAR w[1100];
    ShowA("%010ld -1", wsprintfA(b, "%010ld", -1L), b);
    ShowA("%5.2s abc", wsprintfA(b, "%5.2s", "abc"), b);
    ShowA("%-5d| 42", wsprintfA(b, "%-5d|", 42), b);
    ShowA("%#x %#X 255", wsprintfA(b, "%#x %#X", 255, 255), b);
    ShowA("%p 0x1234", wsprintfA(b, "%p", (void *)0x1234), b);
    ShowA("%c%C%hc%lc", wsprintfA(b, "%c%C%hc%lc", 'a', L'b', 'c', L'd'), b);
    ShowA("%s NULL", wsprintfA(b, "%s", (char *)NULL), b);
    ShowA("%S %ls %hs", wsprintfA(b, "%S %ls %hs", L"wide", L"long", "short"), b);
    ShowA("%I64d %I64x", wsprintfA(b, "%I64d %I64x", 1234567890123LL, 0x123456789ALL), b);
    ShowA("%u %d -1", wsprintfA(b, "%u %d", -1, -1), b);
    ShowA("%.3d 7, %05d -42", wsprintfA(b, "%.3d, %05d", 7, -42), b);
    ShowA("%y %% %5z", wsprintfA(b, "%y %% %5z"), b);
    ShowA("%3c x", wsprintfA(b, "%3c", 'x'), b);
    ShowW("W: %s %S %d", wsprintfW(w, L"%s %S %d", L"wide", "narrow", 5), w);
    ShowW("W: %hs %ls %c %C", wsprintfW(w, L"%hs %ls %c %C", "h", L"l", L'c', 'C'), w);
    ShowW("W: %s NULL", wsprintfW(w, L"%s", (WCHAR *)NULL), w);
}

static void Chars(void)
{
    char s[] = "hello \xE9t\xE9";
    CharUpperA(s);
    printf("CharUpperA: %.6s %02x\n", s, (BYTE)s[6]);
    CharLowerA(s);
    printf("CharLowerA: %.6s %02x\n", s, (BYTE)s[6]);
    char part[] = "abcdef";
    printf("CharUpperBuffA 3: %lu %s\n", CharUpperBuffA(part, 3), part);
    printf("CharUpperA('q'): %c, CharLowerA('Q'): %c\n", (char)(ULONG_PTR)CharUpperA((LPSTR)'q'),
           (char)(ULONG_PTR)CharLowerA((LPSTR)'Q'));
    WCHAR ws[] = {0xC0, 'B', 'c', 0x451, 0};
    CharLowerW(ws);
    printf("CharLowerW: %04x %04x %04x %04x\n", ws[0], ws[1], ws[2], ws[3]);
    CharUpperW(ws);
    printf("CharUpperW: %04x %04x %04x %04x\n", ws[0], ws[1], ws[2], ws[3]);
    printf("CharUpperW(0xe9): %04x\n", (unsigned)(ULONG_PTR)CharUpperW((LPWSTR)0xE9));
    printf("IsCharAlphaA a 1 \\xE9: %d %d %d\n", IsCharAlphaA('a'), IsCharAlphaA('1'),
           IsCharAlphaA('\xE9'));
    printf("IsCharAlphaNumericA 1 !: %d %d\n", IsCharAlphaNumericA('1'), IsCharAlphaNumericA('!'));
    printf("IsCharUpperA A a: %d %d, IsCharLowerA A a: %d %d\n", IsCharUpperA('A'),
           IsCharUpperA('a'), IsCharLowerA('A'), IsCharLowerA('a'));
    printf("IsCharUpperW U+00C4 U+0451: %d %d, IsCharAlphaW U+0416: %d\n", IsCharUpperW(0xC4),
           IsCharUpperW(0x451), IsCharAlphaW(0x416));
    const char *text = "ab";
    printf("CharNextA: +%d, at the end +%d, CharPrevA: -%d, at the start -%d\n",
           (int)(CharNextA(text) - text), (int)(CharNextA(text + 2) - (text + 2)),
           (int)((text + 2) - CharPrevA(text, text + 2)), (int)(text - CharPrevA(text, text)));
    const WCHAR *wt = L"ab";
    printf("CharNextW: +%d, at the end +%d, CharPrevW at the start -%d\n",
           (int)(CharNextW(wt) - wt), (int)(CharNextW(wt + 2) - (wt + 2)),
           (int)(wt - CharPrevW(wt, wt)));
    char oem[8];
    OemToCharA("\x82\x8E", oem);
    printf("OemToCharA 82 8E: %02x %02x\n", (BYTE)oem[0], (BYTE)oem[1]);
    CharToOemA("\xE9\xC4", oem);
    printf("CharToOemA E9 C4: %02x %02x\n", (BYTE)oem[0], (BYTE)oem[1]);
    WCHAR woem[4];
    OemToCharBuffW("\x82\xB3", woem, 2);
    printf("OemToCharBuffW 82 B3: %04x %04x\n", woem[0], woem[1]);
    CharToOemW(L"\x00FC", oem);
    printf("CharToOemW U+00FC: %02x\n", (BYTE)oem[0]);
    printf("OemToCharA(NULL): %d\n", OemToCharA(NULL, oem));
}

static void Strings(void)
{
    int n;
    char b[64];
    WCHAR w[64];
    ShowA("LoadStringA 1", LoadStringA(NULL, 1, b, sizeof b), b);
    ShowA("LoadStringA 17, 5", LoadStringA(NULL, 17, b, 5), b);
    n = LoadStringA(NULL, 18, b, sizeof b);
    printf("LoadStringA 18: %d, last byte %02x\n", n, (BYTE)b[3]);
    strcpy(b, "junk");
    ShowA("LoadStringA 3 (none)", LoadStringA(NULL, 3, b, sizeof b), b);
    strcpy(b, "junk");
    ShowA("LoadStringA 999 (none)", LoadStringA(NULL, 999, b, sizeof b), b);
    printf("LoadStringA max 0: %d\n", LoadStringA(NULL, 1, b, 0));
    ShowW("LoadStringW 2", LoadStringW(GetModuleHandleA(NULL), 2, w, 64), w);
    ShowW("LoadStringW 17, 4", LoadStringW(NULL, 17, w, 4), w);
    const WCHAR *p = NULL;
    n = LoadStringW(NULL, 17, (LPWSTR)&p, 0);
    printf("LoadStringW max 0: %d, pointer into the image: %s, text %.*ls\n", n,
           (BYTE *)p > (BYTE *)GetModuleHandleA(NULL) ? "yes" : "no", n, p);
}

static void Console(void)
{
    printf("MessageBoxA MB_OK: %d\n", MessageBoxA(NULL, "text", "caption", MB_OK));
    printf("MB_YESNO|MB_DEFBUTTON2: %d\n",
           MessageBoxA(NULL, "Sure?", "question", MB_YESNO | MB_DEFBUTTON2));
    printf("MB_ABORTRETRYIGNORE|MB_DEFBUTTON3: %d\n",
           MessageBoxA(NULL, "Disk", "x", MB_ABORTRETRYIGNORE | MB_DEFBUTTON3));
    printf("MB_OKCANCEL|MB_DEFBUTTON3: %d\n",
           MessageBoxA(NULL, "three", "x", MB_OKCANCEL | MB_DEFBUTTON3));
    printf("MB_OK|MB_HELP|MB_DEFBUTTON2: %d\n",
           MessageBoxA(NULL, "help", "x", MB_OK | MB_HELP | MB_DEFBUTTON2));
    printf("MB_CANCELTRYCONTINUE: %d\n", MessageBoxW(NULL, L"w\x00FC", NULL, MB_CANCELTRYCONTINUE));
    SetLastError(0);
    int r = MessageBoxA(NULL, "bad", "x", 7);
    printf("button set 7: %d, error %lu\n", r, GetLastError());
    printf("MessageBeep: %d\n", MessageBeep(MB_ICONASTERISK));
    printf("SM_CXSCREEN %d SM_CYSCREEN %d SM_CMONITORS %d SM_CLEANBOOT %d SM_REMOTESESSION %d "
           "index 9999 %d\n",
           GetSystemMetrics(SM_CXSCREEN), GetSystemMetrics(SM_CYSCREEN),
           GetSystemMetrics(SM_CMONITORS), GetSystemMetrics(SM_CLEANBOOT),
           GetSystemMetrics(SM_REMOTESESSION), GetSystemMetrics(9999));
    printf("GetDesktopWindow %p GetForegroundWindow %p\n", (void *)GetDesktopWindow(),
           (void *)GetForegroundWindow());
    printf("GetKeyState(VK_SHIFT) %d GetAsyncKeyState(VK_ESCAPE) %d\n", GetKeyState(VK_SHIFT),
           GetAsyncKeyState(VK_ESCAPE));
}

/* Windows' answers: a posted message to no window goes on the thread's
 * queue; PeekMessage without PM_REMOVE leaves it there; GetMessage answers
 * FALSE for WM_QUIT; a handle that names no window is
 * ERROR_INVALID_WINDOW_HANDLE. ntmm's own (docs/crt.md): no window can be
 * made; WaitForInputIdle answers WAIT_FAILED. */
static void Messages(void)
{
    MSG msg;
    printf("PeekMessage empty: %d\n", PeekMessageW(&msg, NULL, 0, 0, PM_REMOVE));
    printf("PostMessage: %d", PostMessageW(NULL, WM_USER + 1, 7, 8));
    printf(", PostThreadMessage: %d", PostThreadMessageW(GetCurrentThreadId(), WM_USER + 2, 9, 0));
    PostQuitMessage(3);
    BOOL r = PeekMessageW(&msg, NULL, 0, 0, PM_NOREMOVE);
    printf(", Peek (kept): %d WM_USER+%x", r, msg.message - WM_USER);
    r = PeekMessageW(&msg, NULL, WM_USER + 2, WM_USER + 2, PM_REMOVE);
    printf(", Peek WM_USER+2 only: %d WM_USER+%x\n", r, msg.message - WM_USER);
    r = GetMessageW(&msg, NULL, 0, 0);
    printf("GetMessage: %d message WM_USER+%x wParam %u lParam %ld\n", r, msg.message - WM_USER,
           (unsigned)msg.wParam, (long)msg.lParam);
    r = GetMessageW(&msg, NULL, 0, 0);
    printf("GetMessage WM_QUIT: %d wParam %u\n", r, (unsigned)msg.wParam);
    SetLastError(0);
    r = PostMessageW((HWND)0x1234, WM_USER, 0, 0);
    printf("PostMessage to a window: %d error %lu\n", r, GetLastError());
    SetLastError(0);
    HWND w = CreateWindowExW(0, L"STATIC", L"x", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    printf("CreateWindowEx: %p error %lu", (void *)w, GetLastError());
    SetLastError(0);
    r = DestroyWindow(w);
    printf(", DestroyWindow: %d error %lu", r, GetLastError());
    printf(", WaitForInputIdle: %lx\n", WaitForInputIdle(GetCurrentProcess(), 0));
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    Wsprintf();
    Chars();
    Strings();
    Console();
    Messages();
    return 0;
}
