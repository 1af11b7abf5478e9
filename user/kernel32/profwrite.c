/*
 * Writing initialization files: WritePrivateProfileStringA, over the file
 * profile.c reads (a name without a path is in C:\Windows). The file is
 * read whole, changed and written back whole (no cache to flush: the next
 * read sees it):
 *   key and value    the key's line in the section becomes "key=value" (the
 *                    key spelt as the file has it);
 *                    a new key goes after the section's last line, a new
 *                    section at the end of the file;
 *   no value         the key's line goes;
 *   no key           the whole section goes (its header and lines);
 *   nothing at all   Windows' "flush the cache" call: FALSE, nothing done.
 * Lines end CR LF, as Windows writes them; other lines are kept as they are.
 */
#include "kernel32/kernel32.h"

#define GENERIC_WRITE 0x40000000u
#define CREATE_ALWAYS 2
#define ERROR_FILE_NOT_FOUND 2

typedef struct TEXT_OUT {
    char *Buffer;
    size_t Length, Capacity;
    BOOL Failed;
} TEXT_OUT;

static void Put(TEXT_OUT *out, const char *text, size_t n)
{
    if (out->Failed || !n) {
        return;
    }
    if (out->Length + n > out->Capacity) {
        size_t capacity = (out->Length + n) * 2 + 64;
        HANDLE heap = NtCurrentPeb()->ProcessHeap;
        char *grown = out->Buffer ? RtlReAllocateHeap(heap, 0, out->Buffer, capacity)
                                  : RtlAllocateHeap(heap, 0, capacity);
        if (!grown) {
            out->Failed = TRUE;
            return;
        }
        out->Buffer = grown;
        out->Capacity = capacity;
    }
    memcpy(out->Buffer + out->Length, text, n);
    out->Length += n;
}

static void PutString(TEXT_OUT *out, const char *text)
{
    Put(out, text, strlen(text));
}

static BOOL IsBlank(char c)
{
    return c == ' ' || c == '\t';
}

/* [*start, *end) is the line at p trimmed of blanks; returns where the next
 * line starts (past its CR/LF), or NULL at the end of the text. */
static const char *Line(const char *p, const char **start, const char **end)
{
    if (!*p) {
        return NULL;
    }
    const char *e = p;
    while (*e && *e != '\n' && *e != '\r') {
        e++;
    }
    const char *next = e;
    if (*next == '\r') {
        next++;
    }
    if (*next == '\n') {
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

/* Whether [start, end) is name, compared without case and outer blanks. */
static BOOL Same(const char *start, const char *end, const char *name)
{
    while (IsBlank(*name)) {
        name++;
    }
    size_t n = strlen(name);
    while (n && IsBlank(name[n - 1])) {
        n--;
    }
    if ((size_t)(end - start) != n) {
        return FALSE;
    }
    for (size_t i = 0; i < n; i++) {
        char a = start[i], b = name[i];
        a = a >= 'A' && a <= 'Z' ? (char)(a + 32) : a;
        b = b >= 'A' && b <= 'Z' ? (char)(b + 32) : b;
        if (a != b) {
            return FALSE;
        }
    }
    return TRUE;
}

/* The section named by the header line [start, end), or NULL if it is none. */
static BOOL HeaderIs(const char *start, const char *end, const char *section)
{
    if (start == end || *start != '[') {
        return FALSE;
    }
    const char *name = start + 1, *close = name;
    while (close < end && *close != ']') {
        close++;
    }
    const char *name_end = close;
    while (name < name_end && IsBlank(*name)) {
        name++;
    }
    while (name_end > name && IsBlank(name_end[-1])) {
        name_end--;
    }
    return Same(name, name_end, section);
}

/* The key of a "key=value" line [start, end) is key. */
static BOOL KeyIs(const char *start, const char *end, const char *key)
{
    const char *equals = start;
    while (equals < end && *equals != '=') {
        equals++;
    }
    if (equals == end) {
        return FALSE;
    }
    while (equals > start && IsBlank(equals[-1])) {
        equals--;
    }
    return Same(start, equals, key);
}

static void PutEntry(TEXT_OUT *out, const char *key, const char *value)
{
    PutString(out, key);
    PutString(out, "=");
    PutString(out, value);
    PutString(out, "\r\n");
}

/* The text with the change made. */
static void Change(TEXT_OUT *out, const char *text, const char *section, const char *key,
                   const char *value)
{
    BOOL in_section = FALSE, found_section = FALSE, done = FALSE;
    const char *start, *end, *next;
    const char *last = ""; /* the end of the last line kept, for its line end */
    for (const char *p = text; (next = Line(p, &start, &end)); p = next) {
        BOOL header = start < end && *start == '[';
        if (header && in_section && !done && key && value) {
            /* A new key goes at the end of its section. */
            PutEntry(out, key, value);
            done = TRUE;
        }
        if (header) {
            in_section = HeaderIs(start, end, section);
            found_section |= in_section;
        }
        if (in_section && !key) {
            continue; /* the whole section goes */
        }
        if (in_section && !header && !done && KeyIs(start, end, key)) {
            if (value) {
                /* The key keeps its name as the file spells it. */
                const char *key_end = start;
                while (*key_end != '=') {
                    key_end++;
                }
                while (key_end > start && IsBlank(key_end[-1])) {
                    key_end--;
                }
                Put(out, start, (size_t)(key_end - start));
                PutString(out, "=");
                PutString(out, value);
                PutString(out, "\r\n");
            }
            done = TRUE;
            continue;
        }
        if (in_section && !header && start == end && !done && value) {
            /* A blank line before the next section: the new key goes above it. */
            const char *q = next, *s2 = NULL, *e2 = NULL;
            while (q && Line(q, &s2, &e2) && s2 == e2) {
                q = Line(q, &s2, &e2);
            }
            if (!q || !*q || (s2 < e2 && *s2 == '[')) {
                PutEntry(out, key, value);
                done = TRUE;
            }
        }
        Put(out, p, (size_t)(next - p));
        last = next;
    }
    if (done || !key || !value) {
        return;
    }
    if (out->Length && last[-1] != '\n' && last[-1] != '\r') {
        PutString(out, "\r\n");
    }
    if (!found_section) {
        PutString(out, "[");
        PutString(out, section);
        PutString(out, "]\r\n");
    }
    PutEntry(out, key, value);
}

BOOL WINAPI WritePrivateProfileStringA(const char *section, const char *key, const char *value,
                                       const char *file)
{
    if (!section && !key && !value) {
        return FALSE; /* the cache flush: there is no cache */
    }
    char path[MAX_PATH + 16];
    if (!section || !BaseProfilePath(file ? file : "win.ini", path, sizeof path)) {
        SetLastError(ERROR_FILE_NOT_FOUND);
        return FALSE;
    }
    HANDLE heap = NtCurrentPeb()->ProcessHeap;
    char *text = BaseReadProfile(file ? file : "win.ini");
    TEXT_OUT out = {NULL, 0, 0, FALSE};
    Change(&out, text ? text : "", section, key, value);
    RtlFreeHeap(heap, 0, text);
    if (out.Failed) {
        RtlFreeHeap(heap, 0, out.Buffer);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    HANDLE h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD written = 0;
    BOOL ok = h != INVALID_HANDLE_VALUE &&
              (!out.Length || WriteFile(h, out.Buffer, (DWORD)out.Length, &written, NULL)) &&
              written == out.Length;
    if (h != INVALID_HANDLE_VALUE) {
        CloseHandle(h);
    }
    RtlFreeHeap(heap, 0, out.Buffer);
    return ok;
}
