/* kernel32's small calls with Windows' answers: MulDiv's rounding and
 * overflow, atoms (local and global: integer atoms, "#n" names, counted
 * string atoms, case-insensitive lookup), a thread's stack limits, the
 * unbiased interrupt time, logical drive strings, IsBadStringPtr, a
 * process's session and handle count. Each CHECK states Windows' answer
 * (MSDN; Wine's dlls/kernel32/tests/atom.c, process.c, drive.c, virtual.c
 * and its MulDiv tests). */
#define _WIN32_WINNT 0x0602 /* GetCurrentThreadStackLimits */
#include <windows.h>
#include <stdio.h>
#include <string.h>

static int failures;
#define CHECK(cond, what)                                                      \
    do {                                                                       \
        if (!(cond)) {                                                         \
            printf("FAIL: %s (line %d, error %lu)\n", what, __LINE__, GetLastError()); \
            failures++;                                                        \
        }                                                                      \
    } while (0)

int main(void)
{
    /* MulDiv: 64-bit product, rounded half away from zero, -1 when it
     * cannot answer. */
    CHECK(MulDiv(6, 7, 3) == 14, "MulDiv(6, 7, 3)");
    CHECK(MulDiv(1, 1, 2) == 1 && MulDiv(-1, 1, 2) == -1 && MulDiv(1, -1, 2) == -1 &&
              MulDiv(-1, -1, 2) == 1 && MulDiv(1, 1, -2) == -1, "halves round away from zero");
    CHECK(MulDiv(2, 1, 3) == 1 && MulDiv(1, 1, 3) == 0 && MulDiv(-2, 1, 3) == -1, "nearest");
    CHECK(MulDiv(0x10000, 0x10000, 0x20000) == 0x8000, "a product beyond 32 bits");
    CHECK(MulDiv(1, 2, 0) == -1, "a zero divisor: -1");
    CHECK(MulDiv(0x7FFFFFFF, 2, 1) == -1 && MulDiv(0x7FFFFFFF, -2, 1) == -1, "overflow: -1");
    CHECK(MulDiv(0x7FFFFFFF, 1, 1) == 0x7FFFFFFF, "the largest answer");

    /* Integer atoms are their own number; 0 and 0xC000 up are refused. */
    CHECK(AddAtomA(MAKEINTATOM(1234)) == 1234, "MAKEINTATOM(1234)");
    CHECK(AddAtomA("#1234") == 1234 && FindAtomA("#1234") == 1234, "\"#1234\" is atom 1234");
    SetLastError(0xdeadbeef);
    CHECK(AddAtomA(MAKEINTATOM(0)) == 0 && GetLastError() == 0xdeadbeef,
          "atom 0: 0, the last error untouched (Wine's kernel32 atom.c:364)");
    CHECK(AddAtomA(MAKEINTATOM(0xC000)) == 0 && GetLastError() == ERROR_INVALID_PARAMETER,
          "0xC000 is no integer atom");
    char name[64];
    CHECK(GetAtomNameA(1234, name, sizeof name) == 5 && strcmp(name, "#1234") == 0,
          "an integer atom's name: #1234");
    CHECK(DeleteAtom(1234) == 0, "deleting an integer atom: 0");

    /* String atoms: 0xC000 up, case-insensitive, counted. */
    ATOM foo = AddAtomA("ntmm foo");
    CHECK(foo >= 0xC000, "a string atom is 0xC000 or more");
    CHECK(AddAtomW(L"NTMM FOO") == foo, "the same name in another case: the same atom");
    CHECK(FindAtomA("Ntmm Foo") == foo && FindAtomW(L"ntmm foo") == foo, "FindAtom");
    CHECK(GetAtomNameA(foo, name, sizeof name) == 8 && strcmp(name, "ntmm foo") == 0,
          "the name as first added");
    CHECK(GetAtomNameA(foo, name, 5) == 4 && strcmp(name, "ntmm") == 0, "cut to the buffer");
    WCHAR wide[64];
    CHECK(GetAtomNameW(foo, wide, 64) == 8 && wcscmp(wide, L"ntmm foo") == 0, "GetAtomNameW");
    CHECK(DeleteAtom(foo) == 0 && FindAtomA("ntmm foo") == foo, "one reference left");
    CHECK(DeleteAtom(foo) == 0, "the last reference");
    SetLastError(0xdeadbeef);
    CHECK(FindAtomA("ntmm foo") == 0 && GetLastError() == ERROR_FILE_NOT_FOUND,
          "gone: ERROR_FILE_NOT_FOUND");
    CHECK(DeleteAtom(foo) == foo && GetLastError() == ERROR_INVALID_HANDLE,
          "deleting it again: the atom, ERROR_INVALID_HANDLE");
    CHECK(GetAtomNameA(foo, name, sizeof name) == 0 && GetLastError() == ERROR_INVALID_HANDLE,
          "no name for it");
    char longname[300];
    memset(longname, 'a', sizeof longname);
    longname[256] = 0;
    CHECK(AddAtomA(longname) == 0 && GetLastError() == ERROR_INVALID_PARAMETER,
          "256 characters: too long");
    longname[255] = 0;
    ATOM longest = AddAtomA(longname);
    CHECK(longest >= 0xC000, "255 characters: the longest name");
    DeleteAtom(longest);

    /* The global table is another table. */
    ATOM global = GlobalAddAtomA("ntmm global");
    CHECK(global >= 0xC000 && GlobalFindAtomA("NTMM GLOBAL") == global, "GlobalAddAtom");
    CHECK(FindAtomA("ntmm global") == 0, "not in the local table");
    CHECK(GlobalGetAtomNameA(global, name, sizeof name) == 11 && strcmp(name, "ntmm global") == 0,
          "GlobalGetAtomName");
    CHECK(GlobalDeleteAtom(global) == 0 && GlobalFindAtomW(L"ntmm global") == 0, "GlobalDeleteAtom");

    /* The stack's limits hold a local variable. */
    ULONG_PTR low = 0, high = 0;
    GetCurrentThreadStackLimits(&low, &high);
    CHECK(low < (ULONG_PTR)&low && (ULONG_PTR)&low < high && high - low >= 0x100000,
          "GetCurrentThreadStackLimits: the reservation around this frame");

    /* Unbiased interrupt time: it moves with the clock. */
    ULONGLONG t1 = 0, t2 = 0;
    CHECK(QueryUnbiasedInterruptTime(&t1) && t1 > 0, "QueryUnbiasedInterruptTime");
    Sleep(20);
    CHECK(QueryUnbiasedInterruptTime(&t2) && t2 - t1 >= 200000, "20 ms later");
    CHECK(!QueryUnbiasedInterruptTime(NULL) && GetLastError() == ERROR_INVALID_PARAMETER,
          "NULL: ERROR_INVALID_PARAMETER");

    /* Drive strings: "C:\\" and a final terminator. */
    char drives[16];
    memset(drives, 'x', sizeof drives);
    CHECK(GetLogicalDriveStringsA(sizeof drives, drives) == 4 && memcmp(drives, "C:\\\0\0", 5) == 0,
          "GetLogicalDriveStrings: C:\\");
    CHECK(GetLogicalDriveStringsA(3, drives) == 5, "too small: the size needed");
    WCHAR wdrives[8];
    CHECK(GetLogicalDriveStringsW(8, wdrives) == 4 && wcscmp(wdrives, L"C:\\") == 0 && wdrives[4] == 0,
          "GetLogicalDriveStringsW");

    /* IsBadStringPtr: up to the terminator or the limit. */
    CHECK(!IsBadStringPtrA("hello", 100), "a good string");
    CHECK(IsBadStringPtrA((const char *)16, 10), "an unmapped address");
    CHECK(!IsBadStringPtrA(NULL, 0), "nothing to read: good");
    char *page = VirtualAlloc(NULL, 0x2000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    DWORD old;
    VirtualProtect(page + 0x1000, 0x1000, PAGE_NOACCESS, &old);
    memset(page + 0xFF0, 'z', 16);
    CHECK(IsBadStringPtrA(page + 0xFF0, 100), "it runs into a no-access page");
    CHECK(!IsBadStringPtrA(page + 0xFF0, 16), "the limit ends it before");
    page[0xFFF] = 0;
    CHECK(!IsBadStringPtrA(page + 0xFF0, 100), "the terminator ends it before");
    CHECK(!IsBadStringPtrW(L"wide", 10) && IsBadStringPtrW((const WCHAR *)16, 10), "IsBadStringPtrW");
    VirtualFree(page, 0, MEM_RELEASE);

    /* Session and handle count. */
    DWORD session = 7;
    CHECK(ProcessIdToSessionId(GetCurrentProcessId(), &session) && session == 1,
          "ProcessIdToSessionId: the console user's session");
    CHECK(!ProcessIdToSessionId(0xFFFFFFF0, &session) && GetLastError() == ERROR_INVALID_PARAMETER,
          "no such process");
    DWORD before = 0, after = 0;
    CHECK(GetProcessHandleCount(GetCurrentProcess(), &before) && before > 0, "GetProcessHandleCount");
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    CHECK(GetProcessHandleCount(GetCurrentProcess(), &after) && after == before + 1, "one more handle");
    CloseHandle(event);
    CHECK(GetProcessHandleCount(GetCurrentProcess(), &after) && after == before, "and back");

    /* FlushInstructionCache: code written, flushed, run — the new bytes
     * run, also a buffer rewritten after another on its page ran. */
    BYTE *code = VirtualAlloc(NULL, 4096, MEM_RESERVE | MEM_COMMIT, PAGE_EXECUTE_READWRITE);
    static const BYTE template[] = {0xB8, 0, 0, 0, 0, 0xC3}; /* mov eax, imm32; ret */
    memcpy(code, template, sizeof template);
    memcpy(code + 64, template, sizeof template);
    int (*first)(void) = (int (*)(void))(void *)code;
    int (*second)(void) = (int (*)(void))(void *)(code + 64);
    code[1] = 1;
    CHECK(FlushInstructionCache(GetCurrentProcess(), code, sizeof template), "FlushInstructionCache");
    int r1 = first();
    code[65] = 3;
    FlushInstructionCache(GetCurrentProcess(), code + 64, sizeof template);
    int r3 = second();
    code[1] = 2;
    FlushInstructionCache(GetCurrentProcess(), code, sizeof template);
    int r2 = first();
    CHECK(r1 == 1 && r3 == 3 && r2 == 2, "the rewritten code runs");
    CHECK(FlushInstructionCache(GetCurrentProcess(), NULL, 0), "NULL: the whole cache");
    CHECK(FlushInstructionCache(GetCurrentProcess(), (void *)0x80000000, 0), "no length: nothing checked");
    CHECK(!FlushInstructionCache(GetCurrentProcess(), (void *)0x80000000, 16) &&
              GetLastError() == ERROR_NOACCESS, "above user space: ERROR_NOACCESS");
    HANDLE reader = NULL;
    DuplicateHandle(GetCurrentProcess(), GetCurrentProcess(), GetCurrentProcess(), &reader,
                    PROCESS_VM_READ, FALSE, 0);
    CHECK(!FlushInstructionCache(reader, code, 16) && GetLastError() == ERROR_ACCESS_DENIED,
          "without PROCESS_VM_WRITE: ERROR_ACCESS_DENIED");
    CloseHandle(reader);
    VirtualFree(code, 0, MEM_RELEASE);

    if (failures == 0) {
        printf("k32misc: ok\n");
    }
    return failures;
}
