/*
 * Writing initialization files and a process's version, as Windows answers
 * (Wine's dlls/kernel32/tests/profile.c, test_WritePrivateProfileString,
 * lines 937-1100, and process.c, test_GetProcessVersion, lines 1823-1840,
 * test_session_info):
 *  - WritePrivateProfileStringA without a section: FALSE,
 *    ERROR_FILE_NOT_FOUND, no file made; all three NULL (the cache flush):
 *    FALSE;
 *  - a new key goes at the end of its section, a new section at the end of
 *    the file, lines ending CR LF; a NULL value deletes the key (deleting
 *    it again is TRUE too), a NULL key the whole section; a key and a
 *    value never written leave the file empty; "" is an empty value;
 *  - a name without a path is in the Windows directory, where a standard
 *    user may not create a file: FALSE, ERROR_ACCESS_DENIED;
 *  - GetProcessVersion: the subsystem version of the program's image,
 *    MAKELONG(minor, major), for id 0, the caller's own id and a child;
 *    an id no process has: 0;
 *  - WTSGetActiveConsoleSessionId: the console's session, the caller's.
 * A key written again keeps its name as the file has it (Wine's
 * PROFILE_SetString changes the value of the key it finds).
 */
#include "../guesttest.h"

static char Path[] = "C:\\profile-test.ini";

static int FileIs(const char *path, const char *expected)
{
    char text[512];
    DWORD got = 0;
    HANDLE h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        return 0;
    }
    BOOL ok = ReadFile(h, text, sizeof text - 1, &got, NULL);
    CloseHandle(h);
    text[got] = 0;
    if (!ok || strcmp(text, expected)) {
        printf("     the file holds \"%s\"\n", text);
        return 0;
    }
    return 1;
}

static void Write(const char *section, const char *key, const char *value, const char *expected,
                  const char *what)
{
    BOOL ok = WritePrivateProfileStringA(section, key, value, Path);
    Check(ok && FileIs(Path, expected), what);
}

static void Profiles(void)
{
    DeleteFileA(Path);
    SetLastError(0xdeadbeef);
    Check(!WritePrivateProfileStringA(NULL, "key", "string", Path) &&
              GetLastError() == ERROR_FILE_NOT_FOUND &&
              GetFileAttributesA(Path) == INVALID_FILE_ATTRIBUTES,
          "no section: FALSE, ERROR_FILE_NOT_FOUND, no file");
    Check(!WritePrivateProfileStringA(NULL, NULL, NULL, Path), "the cache flush: FALSE");
    Write("App", NULL, "string", "", "no key, no such section: TRUE, nothing written");
    Write("App", "key", NULL, "", "no value, no such key: TRUE, nothing written");
    Write("App", "key", "", "[App]\r\nkey=\r\n", "an empty value");
    DeleteFileA(Path);
    WritePrivateProfileStringA("App1", "key1", "string1", Path);
    WritePrivateProfileStringA("App1", "key2", "string2", Path);
    WritePrivateProfileStringA("App2", "key4", "string4", Path);
    Write("App1", "key3", "string3",
          "[App1]\r\nkey1=string1\r\nkey2=string2\r\nkey3=string3\r\n[App2]\r\nkey4=string4\r\n",
          "a new key goes at the end of its section");
    Write("App3", "key5", "string5",
          "[App1]\r\nkey1=string1\r\nkey2=string2\r\nkey3=string3\r\n[App2]\r\nkey4=string4\r\n"
          "[App3]\r\nkey5=string5\r\n",
          "a new section goes at the end of the file");
    Write("app1", "KEY2", "changed",
          "[App1]\r\nkey1=string1\r\nkey2=changed\r\nkey3=string3\r\n[App2]\r\nkey4=string4\r\n"
          "[App3]\r\nkey5=string5\r\n",
          "a key written again: its value changes in place (names without case)");
    char value[32];
    Check(GetPrivateProfileStringA("App1", "key2", "-", value, sizeof value, Path) == 7 &&
              !strcmp(value, "changed"),
          "GetPrivateProfileStringA reads what was written");
    const char *deleted = "[App1]\r\nkey1=string1\r\nkey3=string3\r\n[App2]\r\nkey4=string4\r\n"
                          "[App3]\r\nkey5=string5\r\n";
    Write("App1", "key2", NULL, deleted, "no value: the key is deleted");
    Write("App1", "key2", NULL, deleted, "deleting it again: TRUE, nothing changes");
    Write("App1", NULL, "string1", "[App2]\r\nkey4=string4\r\n[App3]\r\nkey5=string5\r\n",
          "no key: the section is deleted");
    Write("App2", NULL, NULL, "[App3]\r\nkey5=string5\r\n", "no value is needed to delete one");
    Write("App3", "key5", NULL, "[App3]\r\n", "the last key goes, the section stays");
    Check(DeleteFileA(Path), "the file is deleted");
    /* The Windows directory is the system's (io/sysfiles.c): a standard
     * user, which a program under ntmm is, may not create files in it, and
     * the test skips there on Windows too (profile.c:1020). */
    SetLastError(0);
    Check(!WritePrivateProfileStringA("App", "key", "string", "profile-test.ini") &&
              GetLastError() == ERROR_ACCESS_DENIED &&
              GetFileAttributesA("profile-test.ini") == INVALID_FILE_ATTRIBUTES,
          "a name without a path is in the Windows directory, closed to the user");
}

static void Versions(void)
{
    IMAGE_DOS_HEADER *dos = (IMAGE_DOS_HEADER *)GetModuleHandleA(NULL);
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)((BYTE *)dos + dos->e_lfanew);
    DWORD expected = MAKELONG(nt->OptionalHeader.MinorSubsystemVersion,
                              nt->OptionalHeader.MajorSubsystemVersion);
    Check(expected != 0 && GetProcessVersion(0) == expected,
          "GetProcessVersion(0): the program's subsystem version");
    Check(GetProcessVersion(GetCurrentProcessId()) == expected,
          "GetProcessVersion of the caller's own id: the same");
    char self[] = "profile.exe child";
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    if (CreateProcessA(NULL, self, NULL, NULL, FALSE, CREATE_SUSPENDED, NULL, NULL, &si, &pi)) {
        Check(GetProcessVersion(pi.dwProcessId) == expected,
              "GetProcessVersion of a child: its program's version");
        TerminateProcess(pi.hProcess, 0);
        WaitForSingleObject(pi.hProcess, INFINITE);
        CloseHandle(pi.hThread);
        CloseHandle(pi.hProcess);
    } else {
        Check(0, "CreateProcess of this program");
    }
    Check(GetProcessVersion(0xFFFFFFF0u) == 0, "GetProcessVersion of an id no process has: 0");
    DWORD session = 0xdeadbeef;
    Check(ProcessIdToSessionId(GetCurrentProcessId(), &session) &&
              WTSGetActiveConsoleSessionId() == session,
          "WTSGetActiveConsoleSessionId: the caller's session");
}

int main(int argc, char **argv)
{
    if (argc > 1 && argv[1][0]) {
        return 0; /* the child GetProcessVersion looks at */
    }
    Profiles();
    Versions();
    printf("%d failures\n", Failures);
    return Failures;
}
