/*
 * advapi32's registry, which ntmm keeps empty (no hive), and GetUserName.
 * Windows' answers for keys and values that are not there, from
 * Microsoft's pages for each function and Wine's advapi32 registry tests:
 *   - RegOpenKeyEx of a missing subkey: ERROR_FILE_NOT_FOUND, and the
 *     result handle set to NULL; of an empty or NULL subkey name: the
 *     predefined key's own handle back;
 *   - RegQueryValueEx of a missing value: ERROR_FILE_NOT_FOUND; with
 *     lpReserved not NULL, or data without its size: ERROR_INVALID_PARAMETER;
 *   - enumerating an empty key: ERROR_NO_MORE_ITEMS at index 0;
 *   - a handle that is no key: ERROR_INVALID_HANDLE;
 *   - RegQueryInfoKey of an empty key: no subkeys, no values;
 *   - writing where no hive is: ERROR_ACCESS_DENIED (what ntmm answers:
 *     its registry cannot be written);
 *   - GetUserName: *size counts the NUL; a short buffer gives
 *     ERROR_INSUFFICIENT_BUFFER and the size needed.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static int Failures;

static void Check(int ok, const char *what)
{
    printf("%s: %s\n", ok ? "ok" : "FAIL", what);
    Failures += !ok;
}

int main(void)
{
    HKEY key = (HKEY)1;
    Check(RegOpenKeyExA(HKEY_LOCAL_MACHINE, "SOFTWARE\\ntmm\\nothing", 0, KEY_READ, &key) ==
              ERROR_FILE_NOT_FOUND && key == NULL,
          "RegOpenKeyExA of a missing key: ERROR_FILE_NOT_FOUND, the handle NULL");
    Check(RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\Nothing", 0, KEY_READ, &key) ==
              ERROR_FILE_NOT_FOUND,
          "RegOpenKeyExW: the same");
    Check(RegOpenKeyExA(HKEY_LOCAL_MACHINE, "", 0, KEY_READ, &key) == ERROR_SUCCESS &&
              key == HKEY_LOCAL_MACHINE,
          "RegOpenKeyExA with an empty name: the predefined key back");
    Check(RegOpenKeyA(HKEY_CLASSES_ROOT, NULL, &key) == ERROR_SUCCESS && key == HKEY_CLASSES_ROOT,
          "RegOpenKeyA with NULL: the same");
    DWORD type, size = 16;
    BYTE data[16];
    Check(RegQueryValueExA(HKEY_LOCAL_MACHINE, "Missing", NULL, &type, data, &size) ==
              ERROR_FILE_NOT_FOUND,
          "RegQueryValueExA of a missing value: ERROR_FILE_NOT_FOUND");
    DWORD reserved = 0;
    Check(RegQueryValueExA(HKEY_LOCAL_MACHINE, "Missing", &reserved, &type, data, &size) ==
              ERROR_INVALID_PARAMETER,
          "...with lpReserved: ERROR_INVALID_PARAMETER");
    Check(RegQueryValueExW(HKEY_LOCAL_MACHINE, L"Missing", NULL, &type, data, NULL) ==
              ERROR_INVALID_PARAMETER,
          "...data without its size: ERROR_INVALID_PARAMETER");
    Check(RegGetValueA(HKEY_LOCAL_MACHINE, "SOFTWARE\\x", "y", RRF_RT_ANY, NULL, NULL, NULL) ==
              ERROR_FILE_NOT_FOUND,
          "RegGetValueA: ERROR_FILE_NOT_FOUND");
    char name[64];
    DWORD name_size = sizeof name;
    Check(RegEnumKeyExA(HKEY_LOCAL_MACHINE, 0, name, &name_size, NULL, NULL, NULL, NULL) ==
              ERROR_NO_MORE_ITEMS,
          "RegEnumKeyExA at 0: ERROR_NO_MORE_ITEMS");
    name_size = sizeof name;
    Check(RegEnumValueW(HKEY_USERS, 0, (WCHAR *)name, &name_size, NULL, NULL, NULL, NULL) ==
              ERROR_NO_MORE_ITEMS,
          "RegEnumValueW at 0: ERROR_NO_MORE_ITEMS");
    DWORD subkeys = 9, values = 9;
    Check(RegQueryInfoKeyA(HKEY_LOCAL_MACHINE, NULL, NULL, NULL, &subkeys, NULL, NULL, &values,
                           NULL, NULL, NULL, NULL) == ERROR_SUCCESS &&
              subkeys == 0 && values == 0,
          "RegQueryInfoKeyA: no subkeys, no values");
    Check(RegQueryValueExA((HKEY)0x1234, "x", NULL, NULL, NULL, NULL) == ERROR_INVALID_HANDLE &&
              RegCloseKey((HKEY)0x1234) == ERROR_INVALID_HANDLE,
          "a handle that is no key: ERROR_INVALID_HANDLE");
    Check(RegCreateKeyExA(HKEY_CURRENT_USER, "Software\\ntmm", 0, NULL, 0, KEY_WRITE, NULL, &key,
                          NULL) == ERROR_ACCESS_DENIED && key == NULL,
          "RegCreateKeyExA: ERROR_ACCESS_DENIED, no hive to write");
    Check(RegSetValueExA(HKEY_CURRENT_USER, "x", 0, REG_DWORD, data, 4) == ERROR_ACCESS_DENIED,
          "RegSetValueExA: ERROR_ACCESS_DENIED");
    Check(RegCloseKey(HKEY_LOCAL_MACHINE) == ERROR_SUCCESS, "RegCloseKey of a predefined key");
    HKEY user_key = NULL;
    Check(RegOpenCurrentUser(KEY_READ, &user_key) == ERROR_SUCCESS && user_key == HKEY_CURRENT_USER &&
              RegCloseKey(user_key) == ERROR_SUCCESS,
          "RegOpenCurrentUser: ERROR_SUCCESS, HKEY_CURRENT_USER's key (msvcrt file.c:1837)");

    char user[64];
    DWORD user_size = sizeof user;
    Check(GetUserNameA(user, &user_size) && user_size == strlen(user) + 1 && strcmp(user, "ntmm") == 0,
          "GetUserNameA: ntmm, *size with the NUL");
    DWORD short_size = 2;
    SetLastError(0);
    Check(!GetUserNameA(user, &short_size) && GetLastError() == ERROR_INSUFFICIENT_BUFFER &&
              short_size == 5,
          "...a short buffer: ERROR_INSUFFICIENT_BUFFER, 5 needed");
    WCHAR wuser[64];
    DWORD wsize = 64;
    Check(GetUserNameW(wuser, &wsize) && wsize == 5 && wcscmp(wuser, L"ntmm") == 0,
          "GetUserNameW: the same");
    return Failures;
}
