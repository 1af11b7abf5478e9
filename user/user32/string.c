/*
 * LoadStringA/W: a string of the module's STRINGTABLE (NULL: the
 * program's), found through kernel32's FindResource. String id lives in
 * RT_STRING block id/16 + 1, the (id % 16)th of its sixteen counted UTF-16
 * strings. The answer is the characters copied without the NUL (0 for a
 * missing or empty string, the buffer then holding ""). LoadStringW with
 * max 0 copies nothing: it stores a read-only pointer to the string in
 * the resource (not NUL-terminated) where buffer points and answers its
 * length; LoadStringA with max 0 answers -1 (Wine's user32 resource tests
 * state both, as Windows answers).
 */
#include "user32/user32.h"

#define RT_STRING ((const WCHAR *)6)

/* The counted string for id (its length first), or NULL. */
static const WCHAR *FindString(HMODULE module, UINT id)
{
    HRSRC block = FindResourceW(module, (const WCHAR *)(ULONG_PTR)((id & 0xFFFF) / 16 + 1),
                                RT_STRING);
    const WCHAR *p = block ? LockResource(LoadResource(module, block)) : NULL;
    if (!p) {
        return NULL;
    }
    DWORD size = SizeofResource(module, block) / sizeof(WCHAR), at = 0;
    for (UINT i = 0; i < id % 16; i++) {
        if (at >= size) {
            return NULL;
        }
        at += 1u + p[at];
    }
    if (at >= size || p[at] > size - at - 1) {
        return NULL;   /* the block ends before the string does */
    }
    return p + at;
}

int WINAPI LoadStringW(HMODULE module, UINT id, WCHAR *buffer, int max)
{
    if (!buffer) {
        return 0;
    }
    const WCHAR *s = FindString(module, id);
    if (max == 0) {
        if (!s) {
            return 0;
        }
        *(const WCHAR **)buffer = s + 1;
        return s[0];
    }
    if (max < 0) {
        return 0;
    }
    int n = s ? (s[0] < max - 1 ? s[0] : max - 1) : 0;
    if (n) {
        memcpy(buffer, s + 1, (size_t)n * sizeof(WCHAR));
    }
    buffer[n] = 0;
    return n;
}

int WINAPI LoadStringA(HMODULE module, UINT id, char *buffer, int max)
{
    if (max == 0) {
        return -1;
    }
    if (!buffer || max < 0) {
        return 0;
    }
    const WCHAR *s = FindString(module, id);
    int n = 0;
    if (s && s[0]) {
        /* The ANSI code page is single-byte: a character per byte. */
        int length = s[0] < max - 1 ? s[0] : max - 1;
        n = WideCharToMultiByte(CP_ACP, 0, s + 1, length, buffer, max - 1, NULL, NULL);
    }
    buffer[n] = 0;
    return n;
}
