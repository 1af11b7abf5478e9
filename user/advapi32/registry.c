/*
 * The registry, as ntmm has it: empty. There are the predefined root keys
 * (HKEY_LOCAL_MACHINE and the others) and nothing under them, and no key or
 * value can be created — the sandbox holds no registry hive. So a program
 * that looks for its settings finds none, as on a fresh Windows without
 * them: opening a subkey or reading a value is ERROR_FILE_NOT_FOUND,
 * enumerating gives ERROR_NO_MORE_ITEMS at once, and creating or setting is
 * ERROR_ACCESS_DENIED (what a read-only hive answers). A handle that is no
 * root key is ERROR_INVALID_HANDLE. The answers' forms (the result handle
 * NULL on failure, the predefined handle itself for an empty subkey name,
 * ERROR_INVALID_PARAMETER for a reserved argument or for data without its
 * size) are Microsoft's pages for each function and Wine's advapi32
 * registry tests.
 */
#include "advapi32/advapi32.h"

#define HKEY_FIRST 0x80000000u  /* HKEY_CLASSES_ROOT */
#define HKEY_LAST 0x80000006u   /* HKEY_DYN_DATA */

static BOOL IsRootKey(HKEY key)
{
    return (ULONG)key >= HKEY_FIRST && (ULONG)key <= HKEY_LAST;
}

static BOOL IsEmptyName(const void *name, BOOL wide)
{
    return !name || (wide ? !*(const WCHAR *)name : !*(const char *)name);
}

static LONG Open(HKEY key, const void *name, BOOL wide, HKEY *result)
{
    if (!result) {
        return ERROR_INVALID_PARAMETER;
    }
    *result = NULL;
    if (!IsRootKey(key)) {
        return ERROR_INVALID_HANDLE;
    }
    if (IsEmptyName(name, wide)) {
        *result = key; /* the root key's own handle, as Windows gives it back */
        return ERROR_SUCCESS;
    }
    return ERROR_FILE_NOT_FOUND;
}

LONG WINAPI RegOpenKeyExW(HKEY key, const WCHAR *name, DWORD options, DWORD access, HKEY *result)
{
    (void)options, (void)access;
    return Open(key, name, TRUE, result);
}

LONG WINAPI RegOpenKeyExA(HKEY key, const char *name, DWORD options, DWORD access, HKEY *result)
{
    (void)options, (void)access;
    return Open(key, name, FALSE, result);
}

/* The current user's key: with no hive behind it, HKEY_CURRENT_USER's own
 * handle (Microsoft's page: ERROR_SUCCESS and a key to close with
 * RegCloseKey; Wine's msvcrt tests file.c:1837 open it so). */
LONG WINAPI RegOpenCurrentUser(DWORD access, HKEY *result)
{
    (void)access;
    return Open((HKEY)(ULONG_PTR)0x80000001u, NULL, FALSE, result);
}

LONG WINAPI RegOpenKeyW(HKEY key, const WCHAR *name, HKEY *result)
{
    return Open(key, name, TRUE, result);
}

LONG WINAPI RegOpenKeyA(HKEY key, const char *name, HKEY *result)
{
    return Open(key, name, FALSE, result);
}

LONG WINAPI RegCloseKey(HKEY key)
{
    return IsRootKey(key) ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
}

/* Creating: a root key "creates" itself (it exists); anything else cannot
 * be made in a registry with no hive. */
static LONG Create(HKEY key, const void *name, BOOL wide, HKEY *result, DWORD *disposition)
{
    if (!result) {
        return ERROR_INVALID_PARAMETER;
    }
    *result = NULL;
    if (!IsRootKey(key)) {
        return ERROR_INVALID_HANDLE;
    }
    if (IsEmptyName(name, wide)) {
        *result = key;
        if (disposition) {
            *disposition = 2; /* REG_OPENED_EXISTING_KEY */
        }
        return ERROR_SUCCESS;
    }
    return ERROR_ACCESS_DENIED;
}

LONG WINAPI RegCreateKeyExW(HKEY key, const WCHAR *name, DWORD reserved, WCHAR *class_name,
                            DWORD options, DWORD access, void *security, HKEY *result,
                            DWORD *disposition)
{
    (void)reserved, (void)class_name, (void)options, (void)access, (void)security;
    return Create(key, name, TRUE, result, disposition);
}

LONG WINAPI RegCreateKeyExA(HKEY key, const char *name, DWORD reserved, char *class_name,
                            DWORD options, DWORD access, void *security, HKEY *result,
                            DWORD *disposition)
{
    (void)reserved, (void)class_name, (void)options, (void)access, (void)security;
    return Create(key, name, FALSE, result, disposition);
}

LONG WINAPI RegCreateKeyW(HKEY key, const WCHAR *name, HKEY *result)
{
    return Create(key, name, TRUE, result, NULL);
}

LONG WINAPI RegCreateKeyA(HKEY key, const char *name, HKEY *result)
{
    return Create(key, name, FALSE, result, NULL);
}

static LONG QueryValue(HKEY key, const DWORD *reserved, const BYTE *data, const DWORD *size)
{
    if (!IsRootKey(key)) {
        return ERROR_INVALID_HANDLE;
    }
    if (reserved || (data && !size)) {
        return ERROR_INVALID_PARAMETER;
    }
    return ERROR_FILE_NOT_FOUND;
}

LONG WINAPI RegQueryValueExW(HKEY key, const WCHAR *name, DWORD *reserved, DWORD *type,
                             BYTE *data, DWORD *size)
{
    (void)name, (void)type;
    return QueryValue(key, reserved, data, size);
}

LONG WINAPI RegQueryValueExA(HKEY key, const char *name, DWORD *reserved, DWORD *type, BYTE *data,
                             DWORD *size)
{
    (void)name, (void)type;
    return QueryValue(key, reserved, data, size);
}

/* RegGetValue: a subkey's value; neither exists. */
LONG WINAPI RegGetValueW(HKEY key, const WCHAR *subkey, const WCHAR *name, DWORD flags,
                         DWORD *type, void *data, DWORD *size)
{
    (void)subkey, (void)name, (void)flags, (void)type;
    return QueryValue(key, NULL, data, size);
}

LONG WINAPI RegGetValueA(HKEY key, const char *subkey, const char *name, DWORD flags, DWORD *type,
                         void *data, DWORD *size)
{
    (void)subkey, (void)name, (void)flags, (void)type;
    return QueryValue(key, NULL, data, size);
}

static LONG Change(HKEY key)
{
    return IsRootKey(key) ? ERROR_ACCESS_DENIED : ERROR_INVALID_HANDLE;
}

LONG WINAPI RegSetValueExW(HKEY key, const WCHAR *name, DWORD reserved, DWORD type,
                           const BYTE *data, DWORD size)
{
    (void)name, (void)reserved, (void)type, (void)data, (void)size;
    return Change(key);
}

LONG WINAPI RegSetValueExA(HKEY key, const char *name, DWORD reserved, DWORD type,
                           const BYTE *data, DWORD size)
{
    (void)name, (void)reserved, (void)type, (void)data, (void)size;
    return Change(key);
}

/* Deleting what is not there. */
static LONG Delete(HKEY key)
{
    return IsRootKey(key) ? ERROR_FILE_NOT_FOUND : ERROR_INVALID_HANDLE;
}

LONG WINAPI RegDeleteKeyW(HKEY key, const WCHAR *name)
{
    (void)name;
    return Delete(key);
}

LONG WINAPI RegDeleteKeyA(HKEY key, const char *name)
{
    (void)name;
    return Delete(key);
}

LONG WINAPI RegDeleteValueW(HKEY key, const WCHAR *name)
{
    (void)name;
    return Delete(key);
}

LONG WINAPI RegDeleteValueA(HKEY key, const char *name)
{
    (void)name;
    return Delete(key);
}

static LONG Enumerate(HKEY key)
{
    return IsRootKey(key) ? ERROR_NO_MORE_ITEMS : ERROR_INVALID_HANDLE;
}

LONG WINAPI RegEnumKeyExW(HKEY key, DWORD index, WCHAR *name, DWORD *name_size, DWORD *reserved,
                          WCHAR *class_name, DWORD *class_size, void *time)
{
    (void)index, (void)name, (void)name_size, (void)reserved, (void)class_name, (void)class_size;
    (void)time;
    return Enumerate(key);
}

LONG WINAPI RegEnumKeyExA(HKEY key, DWORD index, char *name, DWORD *name_size, DWORD *reserved,
                          char *class_name, DWORD *class_size, void *time)
{
    (void)index, (void)name, (void)name_size, (void)reserved, (void)class_name, (void)class_size;
    (void)time;
    return Enumerate(key);
}

LONG WINAPI RegEnumKeyW(HKEY key, DWORD index, WCHAR *name, DWORD size)
{
    (void)index, (void)name, (void)size;
    return Enumerate(key);
}

LONG WINAPI RegEnumKeyA(HKEY key, DWORD index, char *name, DWORD size)
{
    (void)index, (void)name, (void)size;
    return Enumerate(key);
}

LONG WINAPI RegEnumValueW(HKEY key, DWORD index, WCHAR *name, DWORD *name_size, DWORD *reserved,
                          DWORD *type, BYTE *data, DWORD *data_size)
{
    (void)index, (void)name, (void)name_size, (void)reserved, (void)type, (void)data;
    (void)data_size;
    return Enumerate(key);
}

LONG WINAPI RegEnumValueA(HKEY key, DWORD index, char *name, DWORD *name_size, DWORD *reserved,
                          DWORD *type, BYTE *data, DWORD *data_size)
{
    (void)index, (void)name, (void)name_size, (void)reserved, (void)type, (void)data;
    (void)data_size;
    return Enumerate(key);
}

/* A root key's counts and sizes: all zero; the class name empty; the
 * reserved argument must be NULL. */
static LONG QueryInfo(HKEY key, const DWORD *reserved, DWORD *class_size, DWORD *counts[7],
                      void *time)
{
    if (!IsRootKey(key)) {
        return ERROR_INVALID_HANDLE;
    }
    if (reserved) {
        return ERROR_INVALID_PARAMETER;
    }
    if (class_size) {
        *class_size = 0;
    }
    for (int i = 0; i < 7; i++) {
        if (counts[i]) {
            *counts[i] = 0;
        }
    }
    if (time) {
        memset(time, 0, 8);
    }
    return ERROR_SUCCESS;
}

LONG WINAPI RegQueryInfoKeyW(HKEY key, WCHAR *class_name, DWORD *class_size, DWORD *reserved,
                             DWORD *subkeys, DWORD *max_subkey, DWORD *max_class, DWORD *values,
                             DWORD *max_value_name, DWORD *max_value, DWORD *security, void *time)
{
    if (class_name && class_size && *class_size) {
        class_name[0] = 0;
    }
    DWORD *counts[7] = {subkeys, max_subkey, max_class, values, max_value_name, max_value,
                        security};
    return QueryInfo(key, reserved, class_size, counts, time);
}

/* The A form: the W form's answer, the empty class name as bytes. */
LONG WINAPI RegQueryInfoKeyA(HKEY key, char *class_name, DWORD *class_size, DWORD *reserved,
                             DWORD *subkeys, DWORD *max_subkey, DWORD *max_class, DWORD *values,
                             DWORD *max_value_name, DWORD *max_value, DWORD *security, void *time)
{
    if (class_name && class_size && *class_size) {
        class_name[0] = 0;
    }
    return RegQueryInfoKeyW(key, NULL, class_size, reserved, subkeys, max_subkey, max_class,
                            values, max_value_name, max_value, security, time);
}
