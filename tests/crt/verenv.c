/*
 * VerifyVersionInfo and VerSetConditionMask, as versionhelpers.h's
 * IsWindows*OrGreater use them, on a Windows that says it is XP (5.1.2600,
 * no service pack): XP or greater, not Vista or greater. RtlVerifyVersionInfo's
 * rules (Wine's ntdll and kernel32 version tests): a zero type or condition
 * mask is ERROR_BAD_ARGUMENTS; a comparison that fails is
 * ERROR_OLD_WIN_VERSION; each part of the version is compared under its
 * own condition, the next part only while the earlier ones are equal.
 * ExpandEnvironmentStrings (Microsoft's page, Wine's environ tests): %NAME%
 * replaced, an unknown name and a lone % kept, the size with the NUL, a
 * short buffer given the size needed.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <versionhelpers.h>

static int Failures;

static void Check(int ok, const char *what)
{
    printf("%s: %s\n", ok ? "ok" : "FAIL", what);
    Failures += !ok;
}

static BOOL AtLeast(DWORD major, DWORD minor, WORD sp)
{
    OSVERSIONINFOEXW v = {sizeof v, major, minor, 0, 0, {0}, sp, 0, 0, 0, 0};
    ULONGLONG mask = VerSetConditionMask(
        VerSetConditionMask(VerSetConditionMask(0, VER_MAJORVERSION, VER_GREATER_EQUAL),
                            VER_MINORVERSION, VER_GREATER_EQUAL),
        VER_SERVICEPACKMAJOR, VER_GREATER_EQUAL);
    return VerifyVersionInfoW(&v, VER_MAJORVERSION | VER_MINORVERSION | VER_SERVICEPACKMAJOR, mask);
}

int main(void)
{
    Check(VerSetConditionMask(0, VER_MAJORVERSION, VER_GREATER_EQUAL) == (3ull << 3),
          "VerSetConditionMask: the condition at 3 * the bit's index");
    Check(VerSetConditionMask(0, VER_MINORVERSION, VER_EQUAL) == 1 &&
              VerSetConditionMask(5, 0, VER_EQUAL) == 5 && VerSetConditionMask(5, VER_BUILDNUMBER, 0) == 5,
          "...a zero type or condition changes nothing");
    Check(IsWindowsXPOrGreater(), "IsWindowsXPOrGreater");
    Check(!IsWindowsXPSP1OrGreater(), "not IsWindowsXPSP1OrGreater (no service pack)");
    Check(!IsWindowsVistaOrGreater(), "not IsWindowsVistaOrGreater");
    Check(AtLeast(5, 0, 4), "5.1 SP0 is at least 5.0 SP4 (the minor decides)");
    SetLastError(0);
    Check(!AtLeast(6, 0, 0) && GetLastError() == ERROR_OLD_WIN_VERSION,
          "...not 6.0: ERROR_OLD_WIN_VERSION");
    OSVERSIONINFOEXA a = {sizeof a, 5, 1, 2600, VER_PLATFORM_WIN32_NT, {0}, 0, 0, 0, 0, 0};
    ULONGLONG equal = VerSetConditionMask(VerSetConditionMask(0, VER_BUILDNUMBER, VER_EQUAL),
                                          VER_PLATFORMID, VER_EQUAL);
    Check(VerifyVersionInfoA(&a, VER_BUILDNUMBER | VER_PLATFORMID, equal),
          "VerifyVersionInfoA: build 2600, an NT platform");
    SetLastError(0);
    Check(!VerifyVersionInfoA(&a, 0, equal) && GetLastError() == ERROR_BAD_ARGUMENTS,
          "a zero type mask: ERROR_BAD_ARGUMENTS");
    SetLastError(0);
    Check(!VerifyVersionInfoA(&a, VER_BUILDNUMBER, 0) && GetLastError() == ERROR_BAD_ARGUMENTS,
          "a zero condition mask: ERROR_BAD_ARGUMENTS");

    SetEnvironmentVariableA("NTMM_ANIMAL", "cat");
    char out[64];
    DWORD n = ExpandEnvironmentStringsA("a %NTMM_ANIMAL% and %NTMM_NONE% 50% %%", out, sizeof out);
    Check(n == strlen("a cat and %NTMM_NONE% 50% %%") + 1 &&
              strcmp(out, "a cat and %NTMM_NONE% 50% %%") == 0,
          "ExpandEnvironmentStringsA: the variable replaced, the rest kept, the size with the NUL");
    Check(ExpandEnvironmentStringsA("%NTMM_ANIMAL%s", out, 2) == 5,
          "...a short buffer: the size needed, 5");
    WCHAR wide[64];
    n = ExpandEnvironmentStringsW(L"[%NTMM_ANIMAL%]", wide, 64);
    Check(n == 6 && wcscmp(wide, L"[cat]") == 0, "ExpandEnvironmentStringsW: [cat], 6");
    return Failures;
}
