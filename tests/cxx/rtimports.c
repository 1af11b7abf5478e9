/*
 * The Win32 and C runtime calls libstdc++, libgcc and winpthreads import,
 * each with the answer Windows gives (Microsoft's documentation; Wine's
 * kernel32 and msvcrt conformance tests).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include <malloc.h>

#define SHOW(expr)                                                                                 \
    do {                                                                                           \
        long value_ = (long)(expr);                                                                \
        printf("%-58s %ld (error %lu)\n", #expr, value_, GetLastError());                           \
    } while (0)

int main(void)
{
    HANDLE self = GetCurrentThread();
    SetLastError(0);
    SHOW(SetThreadPriority(self, THREAD_PRIORITY_HIGHEST));
    SHOW(GetThreadPriority(self));
    SHOW(SetThreadPriority(self, THREAD_PRIORITY_TIME_CRITICAL));
    SHOW(GetThreadPriority(self));
    SHOW(SetThreadPriority(self, THREAD_PRIORITY_IDLE));
    SHOW(GetThreadPriority(self));
    SHOW(SetThreadPriority(self, 5));                      /* ERROR_INVALID_PARAMETER */
    SHOW(SetThreadPriority(self, THREAD_PRIORITY_NORMAL));
    SHOW(GetThreadPriority((HANDLE)0x1234));               /* THREAD_PRIORITY_ERROR_RETURN */

    DWORD flags = 99;
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    SHOW(GetHandleInformation(event, &flags));
    SHOW(flags);
    SetLastError(0);
    SHOW(GetHandleInformation((HANDLE)0x1234, &flags));    /* ERROR_INVALID_HANDLE */

    DWORD_PTR mine = 0, system = 0;
    SetLastError(0);
    SHOW(GetProcessAffinityMask(GetCurrentProcess(), &mine, &system));
    SHOW(mine);
    SHOW(system);
    SHOW(SetProcessAffinityMask(GetCurrentProcess(), 2));  /* not a processor of the system */
    SHOW(SetProcessAffinityMask(GetCurrentProcess(), 0));
    SetLastError(0);
    SHOW(SetProcessAffinityMask(GetCurrentProcess(), 1));

    HANDLE process = OpenProcess(PROCESS_QUERY_INFORMATION, FALSE, GetCurrentProcessId());
    SHOW(process != NULL);
    SHOW(GetProcessId(process) == GetCurrentProcessId());
    SHOW(OpenProcess(PROCESS_QUERY_INFORMATION, FALSE, 0x7FFFFFF0) == NULL); /* ERROR_INVALID_PARAMETER */
    CloseHandle(process);

    FILETIME created, exited, kernel, user, now;
    SetLastError(0);
    SHOW(GetThreadTimes(self, &created, &exited, &kernel, &user));
    GetSystemTimeAsFileTime(&now);
    SHOW(CompareFileTime(&created, &now) <= 0);
    SHOW(exited.dwLowDateTime | exited.dwHighDateTime);    /* 0 while it runs */
    SHOW(user.dwLowDateTime > 0);
    SHOW(GetProcessTimes(GetCurrentProcess(), &created, &exited, &kernel, &user));
    SHOW(CompareFileTime(&created, &now) <= 0);

    SYSTEMTIME st;
    GetSystemTime(&st);
    SHOW(SetSystemTime(&st));                              /* ERROR_PRIVILEGE_NOT_HELD */
    st.wMonth = 13;
    SHOW(SetSystemTime(&st));                              /* ERROR_INVALID_PARAMETER */
    DWORD adjustment, increment;
    BOOL disabled;
    SetLastError(0);
    SHOW(GetSystemTimeAdjustment(&adjustment, &increment, &disabled));
    SHOW(increment);
    SHOW(disabled);
    SHOW(GetTickCount64() >= GetTickCount());

    WCHAR volume[64];
    HANDLE find = FindFirstVolumeW(volume, 64);
    SHOW(find != INVALID_HANDLE_VALUE);
    SHOW(wcsncmp(volume, L"\\\\?\\Volume{", 11) == 0 && wcslen(volume) == 49 && volume[48] == L'\\');
    SHOW(FindNextVolumeW(find, volume, 64));               /* ERROR_NO_MORE_FILES */
    SHOW(FindVolumeClose(find));
    SHOW(FindFirstVolumeW(volume, 10) == INVALID_HANDLE_VALUE); /* ERROR_FILENAME_EXCED_RANGE */

    FILE *f = fopen("a.txt", "wb");
    fputs("one name", f);
    fclose(f);
    SetLastError(0);
    SHOW(CreateHardLinkA("b.txt", "a.txt", NULL));
    f = fopen("b.txt", "rb");
    char buffer[32] = {0};
    fread(buffer, 1, sizeof buffer - 1, f);
    fclose(f);
    printf("b.txt holds \"%s\"\n", buffer);
    SHOW(CreateHardLinkA("b.txt", "a.txt", NULL));         /* ERROR_ALREADY_EXISTS */
    SHOW(CreateHardLinkA("c.txt", "missing.txt", NULL));   /* ERROR_FILE_NOT_FOUND */
    SetLastError(0);
    SHOW(DeleteFileA("a.txt"));
    f = fopen("b.txt", "rb");
    SHOW(f != NULL);
    fclose(f);
    DeleteFileA("b.txt");

    void *p = _aligned_malloc(100, 64);
    SHOW(((ULONG_PTR)p & 63) == 0);
    p = _aligned_realloc(p, 5000, 64);
    SHOW(((ULONG_PTR)p & 63) == 0);
    _aligned_free(p);
    errno = 0;
    SHOW(_aligned_malloc(10, 3) == NULL && errno == EINVAL);
    char digits[40];
    printf("_itoa %s %s %s\n", _itoa(-255, digits, 10), _itoa(-255, digits + 10, 16), _ultoa(0xDEADu, digits + 20, 2));
    printf("_i64toa %s\n", _i64toa(-1234567890123LL, digits, 10));
    wchar_t w[32] = L"wide";
    wcscat(w, L" strings");
    printf("%ls %d\n", w, (int)wcslen(w));
    return 0;
}
