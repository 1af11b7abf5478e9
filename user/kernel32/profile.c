/*
 * Reading initialization files: GetPrivateProfileStringA and
 * GetPrivateProfileIntA. A file named without a path ("app.ini") is in
 * the Windows directory (C:\Windows), as Windows looks for it; a name with
 * a path is that file. The file is read whole each call: lines "[section]"
 * open a section, lines "key=value" are its keys (a line without '=' is
 * not one), names compare case-insensitively, and spaces around names and
 * values are dropped, as are quotes around a whole value. Writing is
 * profwrite.c's.
 */
#include "kernel32/kernel32.h"

#define GENERIC_READ 0x80000000u
#define FILE_SHARE_READ  1
#define FILE_SHARE_WRITE 2
#define OPEN_EXISTING 3
#define ERROR_FILE_NOT_FOUND 2
#define PROFILE_MAX (1u << 20) /* the largest file read */

static BOOL IsBlank(char c)
{
    return c == ' ' || c == '\t';
}

BOOL BaseProfilePath(const char *file, char *path, size_t size)
{
    BOOL has_path = FALSE;
    for (const char *p = file; *p; p++) {
        has_path |= *p == '\\' || *p == '/' || *p == ':';
    }
    static const char windows[] = "C:\\Windows\\";
    size_t at = 0;
    if (!has_path) {
        memcpy(path, windows, sizeof windows - 1);
        at = sizeof windows - 1;
    }
    size_t n = strlen(file);
    if (at + n >= size) {
        SetLastError(ERROR_FILE_NOT_FOUND);
        return FALSE;
    }
    memcpy(path + at, file, n + 1);
    return TRUE;
}

char *BaseReadProfile(const char *file)
{
    char path[MAX_PATH + 16];
    if (!BaseProfilePath(file, path, sizeof path)) {
        return NULL;
    }
    HANDLE h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        SetLastError(ERROR_FILE_NOT_FOUND);
        return NULL;
    }
    DWORD size = GetFileSize(h, NULL);
    if (size > PROFILE_MAX) {
        size = PROFILE_MAX;
    }
    char *text = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, size + 1);
    DWORD got = 0;
    if (text && !ReadFile(h, text, size, &got, NULL)) {
        got = 0;
    }
    CloseHandle(h);
    if (text) {
        text[got] = 0;
    }
    return text;
}

/* The next line: [*start, *end) trimmed of blanks; NULL at the end. */
static const char *NextLine(const char *p, const char **start, const char **end)
{
    if (!*p) {
        return NULL;
    }
    const char *e = p;
    while (*e && *e != '\n' && *e != '\r') {
        e++;
    }
    const char *next = e;
    while (*next == '\r' || *next == '\n') {
        next++;
    }
    while (p < e && IsBlank(*p)) {
        p++;
    }
    while (e > p && IsBlank(e[-1])) {
        e--;
    }
    *start = p;
    *end = e;
    return next;
}

static BOOL NameIs(const char *start, const char *end, const char *name)
{
    size_t n = strlen(name);
    while (n && IsBlank(name[n - 1])) {
        n--;
    }
    while (n && IsBlank(*name)) {
        name++, n--;
    }
    if ((size_t)(end - start) != n) {
        return FALSE;
    }
    for (size_t i = 0; i < n; i++) {
        char a = start[i], b = name[i];
        if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
        if (b >= 'A' && b <= 'Z') b = (char)(b + 32);
        if (a != b) {
            return FALSE;
        }
    }
    return TRUE;
}

/* A list of strings, each NUL-terminated, then a NUL: what fits; as
 * Windows, a list cut short ends with two NULs and counts size - 2. */
typedef struct LIST_OUT {
    char *Buffer;
    DWORD Size, Length;
    BOOL Full;
} LIST_OUT;

static void ListAdd(LIST_OUT *out, const char *start, const char *end)
{
    if (out->Full) {
        return;
    }
    for (const char *p = start;; p++) {
        if (out->Length + 2 > out->Size) {
            out->Full = TRUE;
            return;
        }
        out->Buffer[out->Length++] = p < end ? *p : 0;
        if (p >= end) {
            return;
        }
    }
}

static DWORD ListEnd(LIST_OUT *out)
{
    if (out->Size < 2) {
        if (out->Size) {
            out->Buffer[0] = 0;
        }
        return 0;
    }
    if (out->Full) {
        out->Buffer[out->Size - 2] = 0;
        out->Buffer[out->Size - 1] = 0;
        return out->Size - 2;
    }
    out->Buffer[out->Length] = 0;
    return out->Length;
}

/* Copies text (or what fits) with its NUL: the characters copied. */
static DWORD CopyValue(char *buffer, DWORD size, const char *start, const char *end)
{
    if (!size) {
        return 0;
    }
    DWORD n = (DWORD)(end - start);
    if (n > size - 1) {
        n = size - 1;
    }
    memcpy(buffer, start, n);
    buffer[n] = 0;
    return n;
}

DWORD WINAPI GetPrivateProfileStringA(const char *section, const char *key, const char *default_value,
                                      char *buffer, DWORD size, const char *file)
{
    if (!buffer || !size) {
        return 0;
    }
    char *text = BaseReadProfile(file ? file : "win.ini");
    LIST_OUT list = {buffer, size, 0, FALSE};
    const char *start, *end;
    BOOL in_section = FALSE;
    for (const char *p = text; p && (p = NextLine(p, &start, &end));) {
        if (start < end && *start == '[') {
            const char *close = start + 1;
            while (close < end && *close != ']') {
                close++;
            }
            const char *name = start + 1, *name_end = close;
            while (name < name_end && IsBlank(*name)) name++;
            while (name_end > name && IsBlank(name_end[-1])) name_end--;
            if (!section) {
                ListAdd(&list, name, name_end);
            }
            in_section = section && NameIs(name, name_end, section);
            continue;
        }
        if (!section || !in_section) {
            continue;
        }
        const char *equals = start;
        while (equals < end && *equals != '=') {
            equals++;
        }
        if (equals == end) {
            continue; /* not a key */
        }
        const char *key_end = equals;
        while (key_end > start && IsBlank(key_end[-1])) {
            key_end--;
        }
        if (!key) {
            ListAdd(&list, start, key_end);
            continue;
        }
        if (!NameIs(start, key_end, key)) {
            continue;
        }
        const char *value = equals + 1;
        while (value < end && IsBlank(*value)) {
            value++;
        }
        if (end - value >= 2 && (*value == '"' || *value == '\'') && end[-1] == *value) {
            value++;
            end--;
        }
        DWORD n = CopyValue(buffer, size, value, end);
        RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, text);
        return n;
    }
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, text);
    if (!section || !key) {
        return ListEnd(&list);
    }
    /* Not found: the default, its trailing blanks dropped. */
    const char *d = default_value ? default_value : "";
    const char *d_end = d + strlen(d);
    while (d_end > d && IsBlank(d_end[-1])) {
        d_end--;
    }
    return CopyValue(buffer, size, d, d_end);
}

/*
 * The key's value as a number, as RtlCharToInteger reads it: blanks, a
 * sign, a 0x/0o/0b prefix or decimal, digits up to the first that is not
 * one, the value wrapping at 32 bits ("4294967297" is 1, "42A9" is 42).
 * An empty or missing value gives the default.
 */
UINT WINAPI GetPrivateProfileIntA(const char *section, const char *key, int default_value, const char *file)
{
    char text[256];
    if (!GetPrivateProfileStringA(section, key, "", text, sizeof text, file) || !text[0]) {
        return (UINT)default_value;
    }
    const char *p = text;
    while (IsBlank(*p)) {
        p++;
    }
    BOOL negative = FALSE;
    if (*p == '-' || *p == '+') {
        negative = *p++ == '-';
    }
    UINT base = 10;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        base = 16, p += 2;
    } else if (p[0] == '0' && (p[1] == 'o' || p[1] == 'O')) {
        base = 8, p += 2;
    } else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B')) {
        base = 2, p += 2;
    }
    UINT value = 0;
    for (;; p++) {
        UINT digit = *p >= '0' && *p <= '9' ? (UINT)(*p - '0')
                   : (*p | 0x20) >= 'a' && (*p | 0x20) <= 'f' ? (UINT)((*p | 0x20) - 'a' + 10) : 99;
        if (digit >= base) {
            break;
        }
        value = value * base + digit;
    }
    return negative ? 0u - value : value;
}
