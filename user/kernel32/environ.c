/*
 * The process environment: the block of UTF-16 "NAME=value" strings, each
 * NUL-terminated, an empty string ending it, that ProcessParameters->
 * Environment points to (the kernel builds it from `ntmm run --env`).
 * Names compare case-insensitively. SetEnvironmentVariable builds a new
 * block on the process heap and swaps the pointer, under one lock; a
 * string handed out by GetEnvironmentStrings is a copy, so it outlives
 * later changes. CreateProcess hands a copy of the block to a child that
 * is given no environment of its own (process.c).
 */
#include "kernel32/kernel32.h"

#define ERROR_ENVVAR_NOT_FOUND 203

static RTL_SRWLOCK EnvironmentLock;
static WCHAR *OwnedBlock; /* the block this file allocated, or NULL */

static PVOID Heap(void)
{
    return NtCurrentPeb()->ProcessHeap;
}

static WCHAR Upcase(WCHAR c)
{
    return RtlUpcaseUnicodeChar(c);
}

static BOOL HasEquals(const WCHAR *s)
{
    for (; *s; s++) {
        if (*s == '=') {
            return TRUE;
        }
    }
    return FALSE;
}

/* The block's length in WCHARs, the final empty string included. */
static SIZE_T BlockLength(const WCHAR *block)
{
    const WCHAR *e = block;
    if (!e) {
        return 1;
    }
    while (*e) {
        e += wcslen(e) + 1;
    }
    return (SIZE_T)(e - block) + 1;
}

/* The string "name=..." in the block, or NULL. */
static const WCHAR *FindVariable(const WCHAR *block, const WCHAR *name, SIZE_T n)
{
    for (const WCHAR *e = block; e && *e; e += wcslen(e) + 1) {
        SIZE_T i = 0;
        while (i < n && e[i] && Upcase(e[i]) == Upcase(name[i])) {
            i++;
        }
        /* "=C:=C:\dir": a name may start with '='; the value starts at
         * the first '=' after the name's first character. */
        if (i == n && e[n] == '=') {
            return e;
        }
    }
    return NULL;
}

DWORD WINAPI GetEnvironmentVariableW(const WCHAR *name, WCHAR *buffer, DWORD size)
{
    if (!name) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    SIZE_T n = wcslen(name);
    RtlAcquireSRWLockShared(&EnvironmentLock);
    const WCHAR *e = n ? FindVariable(NtCurrentPeb()->ProcessParameters->Environment, name, n) : NULL;
    DWORD result = 0;
    if (!e) {
        SetLastError(ERROR_ENVVAR_NOT_FOUND);
    } else {
        const WCHAR *value = e + n + 1;
        DWORD length = (DWORD)wcslen(value);
        if (!buffer || size <= length) {
            result = length + 1; /* the size needed, NUL included */
        } else {
            memcpy(buffer, value, (length + 1) * sizeof(WCHAR));
            result = length;
        }
    }
    RtlReleaseSRWLockShared(&EnvironmentLock);
    return result;
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

/* name=value into a new block (value NULL: name removed). */
BOOL WINAPI SetEnvironmentVariableW(const WCHAR *name, const WCHAR *value)
{
    if (!name || !*name || HasEquals(name + 1)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    SIZE_T n = wcslen(name);
    SIZE_T value_length = value ? wcslen(value) : 0;
    BOOL ok = TRUE;
    RtlAcquireSRWLockExclusive(&EnvironmentLock);
    RTL_USER_PROCESS_PARAMETERS *params = NtCurrentPeb()->ProcessParameters;
    const WCHAR *old = params->Environment;
    const WCHAR *existing = FindVariable(old, name, n);
    if (existing || value) {
        SIZE_T length = BlockLength(old);
        if (existing) {
            length -= wcslen(existing) + 1;
        }
        if (value) {
            length += n + 1 + value_length + 1;
        }
        WCHAR *block = RtlAllocateHeap(Heap(), 0, (length + 1) * sizeof(WCHAR));
        if (!block) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            ok = FALSE;
        } else {
            WCHAR *out = block;
            for (const WCHAR *e = old; e && *e; e += wcslen(e) + 1) {
                if (e != existing) {
                    SIZE_T k = wcslen(e) + 1;
                    memcpy(out, e, k * sizeof(WCHAR));
                    out += k;
                }
            }
            if (value) {
                memcpy(out, name, n * sizeof(WCHAR));
                out += n;
                *out++ = '=';
                memcpy(out, value, (value_length + 1) * sizeof(WCHAR));
                out += value_length + 1;
            }
            *out++ = 0;
            *out = 0; /* an empty environment is still two NULs */
            params->Environment = block;
            if (OwnedBlock) {
                RtlFreeHeap(Heap(), 0, OwnedBlock);
            }
            OwnedBlock = block;
        }
    }
    RtlReleaseSRWLockExclusive(&EnvironmentLock);
    return ok;
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
    RtlAcquireSRWLockShared(&EnvironmentLock);
    const WCHAR *block = NtCurrentPeb()->ProcessParameters->Environment;
    SIZE_T length = BlockLength(block);
    /* At least two NULs, as Windows' block for an empty environment. */
    WCHAR *copy = RtlAllocateHeap(Heap(), HEAP_ZERO_MEMORY, (length + 1) * sizeof(WCHAR));
    if (copy && block) {
        memcpy(copy, block, length * sizeof(WCHAR));
    }
    RtlReleaseSRWLockShared(&EnvironmentLock);
    if (!copy) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
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
    return RtlFreeHeap(Heap(), 0, block) ? TRUE : FALSE;
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
