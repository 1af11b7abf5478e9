/*
 * ExpandEnvironmentStrings: each %NAME% replaced by the variable's value;
 * a name with no variable, a % with no closing %, and %% stay as written
 * (Microsoft's page; Wine's kernel32 environ tests). The size, in
 * characters, counts the NUL: what was written when it fits in the buffer,
 * else what is needed (the buffer then holding as much as fitted).
 */
#include "kernel32/fileapi.h"
#include "kernel32/kernel32.h"


/* Appends n characters at *out while there is room; counts them all. */
static void Put(const WCHAR *s, SIZE_T n, WCHAR *buffer, DWORD size, DWORD *length)
{
    for (SIZE_T i = 0; i < n; i++, (*length)++) {
        if (buffer && *length < size) {
            buffer[*length] = s[i];
        }
    }
}

DWORD WINAPI ExpandEnvironmentStringsW(const WCHAR *source, WCHAR *buffer, DWORD size)
{
    if (!source) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    DWORD length = 0;
    const WCHAR *p = source;
    while (*p) {
        const WCHAR *close = NULL;
        if (*p == '%') {
            for (close = p + 1; *close && *close != '%'; close++) {
            }
            close = *close ? close : NULL;
        }
        if (!close) {
            Put(p, 1, buffer, size, &length);
            p++;
            continue;
        }
        SIZE_T n = (SIZE_T)(close - p - 1);
        WCHAR name[256];
        WCHAR *value = NULL;
        DWORD needed = 0;
        if (n > 0 && n < 256) {
            memcpy(name, p + 1, n * sizeof(WCHAR));
            name[n] = 0;
            needed = GetEnvironmentVariableW(name, NULL, 0);
            value = needed ? RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, needed * sizeof(WCHAR))
                           : NULL;
        }
        if (value && GetEnvironmentVariableW(name, value, needed) == needed - 1) {
            Put(value, needed - 1, buffer, size, &length);
            p = close + 1;
        } else {
            Put(p, 1, buffer, size, &length); /* the %, then on from its name */
            p++;
        }
        if (value) {
            RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, value);
        }
    }
    Put(L"", 1, buffer, size, &length);
    if (buffer && size && length > size) {
        buffer[size - 1] = 0;
    }
    return length;
}

DWORD WINAPI ExpandEnvironmentStringsA(const char *source, char *buffer, DWORD size)
{
    if (!source) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    WCHAR *wide = BaseNameFromAnsi(source);
    if (!wide) {
        return 0;
    }
    DWORD result = 0;
    DWORD chars = ExpandEnvironmentStringsW(wide, NULL, 0);
    WCHAR *expanded = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, chars * sizeof(WCHAR));
    if (expanded) {
        ExpandEnvironmentStringsW(wide, expanded, chars);
        /* The size in bytes of the ANSI form, NUL included. */
        result = (DWORD)WideCharToMultiByte(CP_ACP, 0, expanded, -1, NULL, 0, NULL, NULL);
        if (buffer && size >= result) {
            WideCharToMultiByte(CP_ACP, 0, expanded, -1, buffer, (int)size, NULL, NULL);
        }
        RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, expanded);
    }
    BaseFreeName(wide);
    return result;
}
