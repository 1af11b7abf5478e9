/*
 * The process environment: the block of UTF-16 "NAME=value" strings, each
 * NUL-terminated, an empty string ending it, that ProcessParameters->
 * Environment points to (the kernel builds it from `ntmm run --env`).
 * ntdll owns it, as Windows' does: the W functions here are ntdll's
 * RtlQueryEnvironmentVariable, RtlSetEnvironmentVariable and
 * RtlCreateEnvironment on the process's block (NULL), under ntdll's lock;
 * the A ones convert through the ANSI code page. A string handed out by
 * GetEnvironmentStrings is a copy, so it outlives later changes.
 * CreateProcess hands a copy of the block to a child that is given no
 * environment of its own (process.c).
 */
#include "kernel32/kernel32.h"

#define ERROR_ENVVAR_NOT_FOUND 203
#define ERROR_FILENAME_EXCED_RANGE 206
#define UNICODE_STRING_MAX_CHARS 32767

static PVOID Heap(void)
{
    return NtCurrentPeb()->ProcessHeap;
}

/* The block's length in WCHARs, the final empty string included. */
static SIZE_T BlockLength(const WCHAR *block)
{
    const WCHAR *e = block;
    while (*e) {
        e += wcslen(e) + 1;
    }
    return (SIZE_T)(e - block) + 1;
}

/* The value's length when it fits with its NUL, else the size it needs
 * (NUL included); 0 and ERROR_ENVVAR_NOT_FOUND when there is none. */
DWORD WINAPI GetEnvironmentVariableW(const WCHAR *name, WCHAR *buffer, DWORD size)
{
    if (!name) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!buffer) {
        size = 0;
    }
    SIZE_T length = 0;
    NTSTATUS status = RtlQueryEnvironmentVariable(NULL, name, wcslen(name), buffer, size ? size - 1 : 0, &length);
    if (status == STATUS_BUFFER_TOO_SMALL) {
        return (DWORD)length;
    }
    if (status != STATUS_SUCCESS) {
        SetLastError(RtlNtStatusToDosError(status));
        return 0;
    }
    if (!size) {
        return (DWORD)length + 1; /* an empty value, and no room for its NUL */
    }
    buffer[length] = 0;
    return (DWORD)length;
}

/* The A forms convert through the ANSI code page; the lengths they return
 * count bytes of the converted value. */
DWORD WINAPI GetEnvironmentVariableA(const char *name, char *buffer, DWORD size)
{
    WCHAR wide_name[512];
    if (!name || !MultiByteToWideChar(CP_ACP, 0, name, -1, wide_name, 512)) {
        SetLastError(name ? ERROR_ENVVAR_NOT_FOUND : ERROR_INVALID_PARAMETER);
        return 0;
    }
    DWORD needed = GetEnvironmentVariableW(wide_name, NULL, 0);
    if (!needed) {
        return 0;
    }
    WCHAR *value = RtlAllocateHeap(Heap(), 0, needed * sizeof(WCHAR));
    if (!value) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    DWORD result = 0;
    DWORD got = GetEnvironmentVariableW(wide_name, value, needed);
    if (got < needed) {
        int bytes = WideCharToMultiByte(CP_ACP, 0, value, -1, NULL, 0, NULL, NULL);
        if (!buffer || size < (DWORD)bytes) {
            result = (DWORD)bytes;
        } else {
            WideCharToMultiByte(CP_ACP, 0, value, -1, buffer, (int)size, NULL, NULL);
            result = (DWORD)bytes - 1;
        }
    }
    RtlFreeHeap(Heap(), 0, value);
    return result;
}

/* name=value into the process's block (value NULL: name removed). */
BOOL WINAPI SetEnvironmentVariableW(const WCHAR *name, const WCHAR *value)
{
    if (!name) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (wcslen(name) > UNICODE_STRING_MAX_CHARS || (value && wcslen(value) > UNICODE_STRING_MAX_CHARS)) {
        SetLastError(ERROR_FILENAME_EXCED_RANGE);
        return FALSE;
    }
    UNICODE_STRING us_name, us_value;
    RtlInitUnicodeString(&us_name, name);
    if (value) {
        RtlInitUnicodeString(&us_value, value);
    }
    NTSTATUS status = RtlSetEnvironmentVariable(NULL, &us_name, value ? &us_value : NULL);
    if (status != STATUS_SUCCESS) {
        SetLastError(RtlNtStatusToDosError(status));
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI SetEnvironmentVariableA(const char *name, const char *value)
{
    WCHAR *wide_name = BaseAnsiToHeap(name);
    WCHAR *wide_value = value ? BaseAnsiToHeap(value) : NULL;
    BOOL ok = FALSE;
    if (!name) {
        SetLastError(ERROR_INVALID_PARAMETER);
    } else if (!wide_name || (value && !wide_value)) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    } else {
        ok = SetEnvironmentVariableW(wide_name, wide_value);
    }
    RtlFreeHeap(Heap(), 0, wide_name);
    RtlFreeHeap(Heap(), 0, wide_value);
    return ok;
}

/* A copy of the whole block: the strings, then an empty one. */
WCHAR *WINAPI GetEnvironmentStringsW(void)
{
    WCHAR *copy;
    NTSTATUS status = RtlCreateEnvironment(TRUE, &copy);
    if (status != STATUS_SUCCESS) {
        SetLastError(RtlNtStatusToDosError(status));
        return NULL;
    }
    return copy;
}

/* The same, each string converted to the ANSI code page. */
char *WINAPI GetEnvironmentStringsA(void)
{
    WCHAR *wide = GetEnvironmentStringsW();
    if (!wide) {
        return NULL;
    }
    SIZE_T length = BlockLength(wide);
    int bytes = WideCharToMultiByte(CP_ACP, 0, wide, (int)length, NULL, 0, NULL, NULL);
    char *block = RtlAllocateHeap(Heap(), HEAP_ZERO_MEMORY, (SIZE_T)bytes + 1);
    if (block) {
        WideCharToMultiByte(CP_ACP, 0, wide, (int)length, block, bytes, NULL, NULL);
    } else {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    }
    RtlFreeHeap(Heap(), 0, wide);
    return block;
}

BOOL WINAPI FreeEnvironmentStringsW(WCHAR *block)
{
    return RtlDestroyEnvironment(block) == STATUS_SUCCESS;
}

BOOL WINAPI FreeEnvironmentStringsA(char *block)
{
    return RtlFreeHeap(Heap(), 0, block) ? TRUE : FALSE;
}

/* The handle table grows by itself: the count asked for is what the
 * program gets (Windows 95's limit is gone; the call only returns it). */
UINT WINAPI SetHandleCount(UINT count)
{
    return count;
}
