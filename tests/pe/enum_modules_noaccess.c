/*
 * K32EnumProcessModules with buffers it cannot write, as Windows' psapi
 * answers: a NULL lpcbNeeded fails with ERROR_NOACCESS after the modules
 * array has been filled (the EXE first); a NULL array with room claimed
 * for one module fails with ERROR_NOACCESS; a NULL array of 0 bytes is
 * fine and reports the bytes needed. Never a crash.
 *
 * Windows' answer: Wine's psapi_main.c test_EnumProcessModules (lines
 * 99-120).
 */
#include "pe.h"

typedef BOOL(WINAPI *ENUM_MODULES)(HANDLE, HMODULE *, DWORD, DWORD *);

void __cdecl start(void)
{
    ENUM_MODULES enum_modules = (ENUM_MODULES)(void *)GetProcAddress(
        GetModuleHandleA("kernel32.dll"), "K32EnumProcessModules");
    HMODULE module = (HMODULE)0xDEADBEEF;
    DWORD needed = 0;
    SetLastError(0);
    CHECK_EQ("lpcbNeeded NULL: fails", enum_modules(GetCurrentProcess(), &module, sizeof module,
                                                    NULL), 0);
    CHECK_EQ("  ERROR_NOACCESS", GetLastError(), ERROR_NOACCESS);
    CHECK_EQ("  the array was filled: the EXE", module == GetModuleHandleA(NULL), 1);
    SetLastError(0);
    CHECK_EQ("a NULL array claiming room for one: fails",
             enum_modules(GetCurrentProcess(), NULL, sizeof module, &needed), 0);
    CHECK_EQ("  ERROR_NOACCESS", GetLastError(), ERROR_NOACCESS);
    CHECK_EQ("a NULL array of 0 bytes", enum_modules(GetCurrentProcess(), NULL, 0, &needed), 1);
    CHECK_EQ("  needs room for several modules", needed >= 2 * sizeof module, 1);
    Finish();
}
