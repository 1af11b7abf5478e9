/* kernel32's non-file calls as Windows answers them (Microsoft's
 * documentation; Wine's kernel32 conformance tests for FormatMessage,
 * LocalAlloc/GlobalAlloc and the FILETIME conversions). */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void show(const char *what, const char *s, DWORD n)
{
    printf("%s (%lu): [", what, n);
    for (; *s; s++) {
        if (*s == '\r') printf("\\r");
        else if (*s == '\n') printf("\\n");
        else putchar(*s);
    }
    printf("]\n");
}

int main(void)
{
    BOOL ok;
    char text[256];
    DWORD n;
    /* FormatMessage: system messages end with CR LF. */
    static const DWORD errors[] = {0, 2, 3, 5, 6, 8, 32, 80, 87, 112, 122, 183, 998};
    for (unsigned i = 0; i < sizeof errors / sizeof errors[0]; i++) {
        n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, errors[i], 0,
                           text, sizeof text, NULL);
        char what[32];
        sprintf(what, "error %lu", errors[i]);
        show(what, text, n);
    }
    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, 193, 0, text,
                       sizeof text, NULL);
    show("193, inserts ignored", text, n);
    DWORD_PTR insert[] = {(DWORD_PTR)"prog.exe"};
    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ARGUMENT_ARRAY, NULL, 193, 0, text,
                       sizeof text, (va_list *)insert);
    show("193 with %1", text, n);
    SetLastError(0);
    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, 0x12345, 0, text, sizeof text, NULL);
    printf("unknown id: %lu, GetLastError %lu\n", n, GetLastError());
    DWORD_PTR args[] = {(DWORD_PTR)"two", 42, 255, (DWORD_PTR)L"wide"};
    n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY,
                       "%1 %2!d! %3!04x! %4!S! %%%n%. %1%0 ignored", 0, 0, text, sizeof text, (va_list *)args);
    show("from string", text, n);
    n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_MAX_WIDTH_MASK, "one\r\ntwo%nthree", 0, 0,
                       text, sizeof text, NULL);
    show("MAX_WIDTH_MASK", text, n);
    char *allocated = NULL;
    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_IGNORE_INSERTS,
                       NULL, 2, 0, (char *)&allocated, 0, NULL);
    show("ALLOCATE_BUFFER", allocated, n);
    printf("LocalFree: %p\n", (void *)LocalFree(allocated));
    SetLastError(0);
    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, 2, 0, text, 10, NULL);
    printf("too small: %lu, GetLastError %lu\n", n, GetLastError());
    WCHAR wide[128];
    n = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, 5, 0, wide, 128, NULL);
    printf("FormatMessageW(5): %lu, first %c, last 0x%x\n", n, (char)wide[0], wide[n - 1]);

    /* Local and Global memory. */
    HLOCAL fixed = LocalAlloc(LMEM_FIXED | LMEM_ZEROINIT, 100);
    printf("fixed: handle is the memory %d, zeroed %d, LocalLock same %d, LocalSize %lu\n",
           fixed != NULL, ((char *)fixed)[99] == 0, LocalLock(fixed) == fixed, (unsigned long)LocalSize(fixed));
    SetLastError(0);
    BOOL unlocked = LocalUnlock(fixed);
    printf("LocalUnlock(fixed): %d, GetLastError %lu\n", unlocked, GetLastError());
    HLOCAL movable = LocalAlloc(LMEM_MOVEABLE, 64);
    char *p = LocalLock(movable);
    printf("movable: handle is not the memory %d, LocalFlags %u\n", (void *)movable != p, LocalFlags(movable));
    strcpy(p, "kept across a move");
    LocalLock(movable);
    SetLastError(0xdead);
    printf("LocalUnlock: %d (still locked), ", LocalUnlock(movable));
    SetLastError(0xdead);
    unlocked = LocalUnlock(movable);
    printf("%d, GetLastError %lu\n", unlocked, GetLastError());
    movable = LocalReAlloc(movable, 100000, LMEM_MOVEABLE);
    p = LocalLock(movable);
    printf("after LocalReAlloc: %s, LocalSize %lu\n", p, (unsigned long)LocalSize(movable));
    LocalUnlock(movable);
    printf("LocalFree(movable): %p\n", (void *)LocalFree(movable));
    HLOCAL discarded = LocalAlloc(LMEM_MOVEABLE, 0);
    SetLastError(0);
    p = LocalLock(discarded);
    printf("discarded: LocalLock %p, GetLastError %lu, LocalFlags 0x%x\n", (void *)p, GetLastError(),
           LocalFlags(discarded));
    LocalFree(discarded);
    HGLOBAL g = GlobalAlloc(GMEM_FIXED, 10);
    BOOL still = GlobalUnlock(g);
    SIZE_T gsize = GlobalSize(g);
    printf("GlobalUnlock(fixed): %d, GlobalSize %lu, ", still, (unsigned long)gsize);
    printf("GlobalFree %p\n", (void *)GlobalFree(g));
    g = GlobalAlloc(GHND, 16);
    p = GlobalLock(g);
    printf("GHND: zeroed %d, GlobalFlags %u\n", p[15] == 0, GlobalFlags(g));
    GlobalUnlock(g);
    GlobalFree(g);

    /* Time conversions. */
    SYSTEMTIME st = {2024, 2, 0, 29, 13, 45, 30, 123};
    FILETIME ft;
    SystemTimeToFileTime(&st, &ft);
    printf("SystemTimeToFileTime(2024-02-29 13:45:30.123): %08lx%08lx\n", ft.dwHighDateTime, ft.dwLowDateTime);
    SYSTEMTIME back;
    FileTimeToSystemTime(&ft, &back);
    printf("back: %u-%02u-%02u %02u:%02u:%02u.%03u day of week %u\n", back.wYear, back.wMonth, back.wDay,
           back.wHour, back.wMinute, back.wSecond, back.wMilliseconds, back.wDayOfWeek);
    st.wDay = 30;
    SetLastError(0);
    ok = SystemTimeToFileTime(&st, &ft);
    printf("2024-02-30: %d, GetLastError %lu\n", ok, GetLastError());
    FILETIME zero = {0, 0};
    FileTimeToSystemTime(&zero, &back);
    printf("FILETIME 0: %u-%02u-%02u day of week %u\n", back.wYear, back.wMonth, back.wDay, back.wDayOfWeek);
    printf("CompareFileTime: %ld %ld\n", CompareFileTime(&zero, &ft), CompareFileTime(&ft, &ft));
    TIME_ZONE_INFORMATION tzi;
    DWORD kind = GetTimeZoneInformation(&tzi);
    WideCharToMultiByte(CP_ACP, 0, tzi.StandardName, -1, text, sizeof text, NULL, NULL);
    printf("GetTimeZoneInformation: %lu bias %ld name %s\n", kind, tzi.Bias, text);
    FILETIME local;
    FileTimeToLocalFileTime(&ft, &local);
    printf("local == UTC: %d\n", CompareFileTime(&local, &ft) == 0);

    /* Module names. */
    n = GetModuleFileNameA(NULL, text, sizeof text);
    printf("GetModuleFileNameA(NULL): %.3s... ends in .exe %d, length %d\n", text,
           n > 4 && strcmp(text + n - 4, ".exe") == 0, n == strlen(text));
    n = GetModuleFileNameA(GetModuleHandleA("kernel32.dll"), text, sizeof text);
    printf("kernel32: %s (%lu)\n", text, n);
    SetLastError(0);
    n = GetModuleFileNameA(NULL, text, 4);
    printf("too small: %lu [%s] GetLastError %lu\n", n, text, GetLastError());
    HMODULE m = NULL;
    ok = GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                                 (const char *)&main, &m);
    printf("GetModuleHandleExA(address of main): %d, is the EXE %d\n", ok, m == GetModuleHandleA(NULL));

    /* The console: standard handles here are files or pipes, not consoles. */
    DWORD mode;
    SetLastError(0);
    ok = GetConsoleMode(GetStdHandle(STD_OUTPUT_HANDLE), &mode);
    printf("GetConsoleMode(stdout, a file): %d, GetLastError %lu\n", ok, GetLastError());
    printf("GetConsoleCP %u, ", GetConsoleCP());
    ok = SetConsoleOutputCP(65001);
    printf("SetConsoleOutputCP(65001) %d, now %u, ", ok, GetConsoleOutputCP());
    printf("SetConsoleCP(12345) %d\n", SetConsoleCP(12345));
    printf("AreFileApisANSI %d\n", AreFileApisANSI());
    return 0;
}
