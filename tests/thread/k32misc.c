/*
 * Small kernel32 calls programs make about their threads and process,
 * with Windows' answers (Microsoft's documentation of each):
 *  - SetThreadAffinityMask returns the thread's previous mask, a subset of
 *    the process's (here the one processor: 1); a mask naming no processor
 *    the process has fails with ERROR_INVALID_PARAMETER, as does 0;
 *  - GetProcessHeaps returns how many heaps the process has and, when the
 *    array is big enough, their handles, the process heap among them; a
 *    heap HeapCreate makes is counted until HeapDestroy;
 *  - SetConsoleTitle sets and GetConsoleTitle returns the console's title
 *    and its length, A and W alike.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#include "../guesttest.h"

int main(void)
{
    DWORD_PTR process_mask = 0, system_mask = 0;
    GetProcessAffinityMask(GetCurrentProcess(), &process_mask, &system_mask);
    printf("process affinity 0x%lx, system 0x%lx\n", (unsigned long)process_mask,
           (unsigned long)system_mask);
    Check(SetThreadAffinityMask(GetCurrentThread(), 1) == process_mask,
          "SetThreadAffinityMask(1): the previous mask");
    Check(SetThreadAffinityMask(GetCurrentThread(), process_mask) == 1,
          "again: the mask set before");
    SetLastError(0xDEADBEEF);
    Check(SetThreadAffinityMask(GetCurrentThread(), 2) == 0 &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "a processor the machine lacks: 0, ERROR_INVALID_PARAMETER");
    SetLastError(0xDEADBEEF);
    Check(SetThreadAffinityMask(GetCurrentThread(), 0) == 0 &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "mask 0: 0, ERROR_INVALID_PARAMETER");
    SetLastError(0xDEADBEEF);
    Check(SetThreadAffinityMask(NULL, 1) == 0 && GetLastError() == ERROR_INVALID_HANDLE,
          "a NULL thread handle: 0, ERROR_INVALID_HANDLE");

    HANDLE heaps[64];
    DWORD count = GetProcessHeaps(64, heaps);
    BOOL found = FALSE;
    for (DWORD i = 0; i < count && i < 64; i++) {
        found |= heaps[i] == GetProcessHeap();
    }
    Check(count >= 1 && count <= 64 && found, "GetProcessHeaps: the process heap among them");
    HANDLE mine = HeapCreate(0, 0, 0);
    DWORD more = GetProcessHeaps(64, heaps);
    found = FALSE;
    for (DWORD i = 0; i < more && i < 64; i++) {
        found |= heaps[i] == mine;
    }
    Check(more == count + 1 && found, "HeapCreate: one more, the new heap listed");
    heaps[0] = (HANDLE)0x1234;
    Check(GetProcessHeaps(count, heaps) == count + 1 && heaps[0] == (HANDLE)0x1234,
          "an array too small: the count, nothing stored");
    HeapDestroy(mine);
    Check(GetProcessHeaps(64, heaps) == count, "HeapDestroy: one fewer");

    char title[64];
    Check(GetConsoleTitleA(title, sizeof title) > 0 && strstr(title, "k32misc.exe") != NULL,
          "the first title: the program's path");
    Check(SetConsoleTitleA("ntmm at work"), "SetConsoleTitleA");
    Check(GetConsoleTitleA(title, sizeof title) == 12 && strcmp(title, "ntmm at work") == 0,
          "GetConsoleTitleA: it, 12 characters");
    WCHAR wide[64];
    Check(GetConsoleTitleW(wide, 64) == 12 && wcscmp(wide, L"ntmm at work") == 0,
          "GetConsoleTitleW: the same");
    Check(SetConsoleTitleW(L"caf\x00e9") && GetConsoleTitleW(wide, 64) == 4 &&
              wcscmp(wide, L"caf\x00e9") == 0,
          "SetConsoleTitleW and back");
    printf("%d failures\n", Failures);
    return Failures;
}
