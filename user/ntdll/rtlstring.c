/*
 * Counted strings: STRING (ANSI or OEM bytes) and UNICODE_STRING, whose
 * Length and MaximumLength count bytes and whose Buffer need not be
 * terminated. Nothing here reads past Length; a terminator is written
 * only where NT writes one (after a copy or an append to a Unicode
 * string, when the buffer has room for it). Strings made here (RtlCreateUnicodeString,
 * RtlDuplicateUnicodeString) come from the process heap, freed with
 * RtlFreeUnicodeString.
 */
#include "inc/ntguest.h"
#include "inc/ntfile.h"

#define RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE        1
#define RTL_DUPLICATE_UNICODE_STRING_ALLOCATE_NULL_STRING  2
#define HASH_STRING_ALGORITHM_DEFAULT 0
#define HASH_STRING_ALGORITHM_X65599  1

/* A byte count that fits a USHORT: NT caps the Init functions there. */
static USHORT CapLength(size_t bytes, size_t cap)
{
    return (USHORT)(bytes > cap ? cap : bytes);
}

void NTAPI RtlInitString(STRING *string, const CHAR *source)
{
    string->Buffer = (CHAR *)source;
    if (source) {
        string->Length = CapLength(strlen(source), 0xFFFE);
        string->MaximumLength = (USHORT)(string->Length + 1);
    } else {
        string->Length = string->MaximumLength = 0;
    }
}

void NTAPI RtlInitAnsiString(ANSI_STRING *string, const CHAR *source)
{
    RtlInitString(string, source);
}

/* As RtlInitUnicodeString, but a string too long for a UNICODE_STRING
 * is STATUS_NAME_TOO_LONG with *string untouched, not cut short. */
NTSTATUS NTAPI RtlInitUnicodeStringEx(UNICODE_STRING *string, const WCHAR *source)
{
    size_t bytes = source ? wcslen(source) * 2 : 0;
    if (bytes > 0xFFFC) {
        return STATUS_NAME_TOO_LONG;
    }
    RtlInitUnicodeString(string, source);
    return STATUS_SUCCESS;
}

/* As much of src as dst's buffer holds; a NULL src empties dst. */
void NTAPI RtlCopyString(STRING *dst, const STRING *src)
{
    if (!src) {
        dst->Length = 0;
        return;
    }
    USHORT n = src->Length < dst->MaximumLength ? src->Length : dst->MaximumLength;
    memmove(dst->Buffer, src->Buffer, n);
    dst->Length = n;
}

void NTAPI RtlCopyUnicodeString(UNICODE_STRING *dst, const UNICODE_STRING *src)
{
    if (!src) {
        dst->Length = 0;
        return;
    }
    USHORT n = src->Length < dst->MaximumLength ? src->Length : dst->MaximumLength;
    memmove(dst->Buffer, src->Buffer, n & ~1u);
    dst->Length = (USHORT)(n & ~1u);
    if (dst->Length + 2 <= dst->MaximumLength) {
        dst->Buffer[dst->Length / 2] = 0;
    }
}

/* Append `bytes` at dst's end: STATUS_BUFFER_TOO_SMALL, dst untouched,
 * if they do not all fit. */
static NTSTATUS AppendBytes(USHORT *length, USHORT maximum, void *buffer, const void *src, size_t bytes)
{
    if (*length + bytes > maximum) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    memmove((BYTE *)buffer + *length, src, bytes);
    *length = (USHORT)(*length + bytes);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlAppendAsciizToString(STRING *dst, const CHAR *src)
{
    return src ? AppendBytes(&dst->Length, dst->MaximumLength, dst->Buffer, src, strlen(src)) : STATUS_SUCCESS;
}

/* An empty src is no append at all, whatever dst holds. */
NTSTATUS NTAPI RtlAppendStringToString(STRING *dst, const STRING *src)
{
    return !src->Length ? STATUS_SUCCESS : AppendBytes(&dst->Length, dst->MaximumLength, dst->Buffer, src->Buffer, src->Length);
}

/* A Unicode append is terminated when the buffer has room left. */
static NTSTATUS AppendChars(UNICODE_STRING *dst, const WCHAR *src, size_t bytes)
{
    NTSTATUS status = AppendBytes(&dst->Length, dst->MaximumLength, dst->Buffer, src, bytes);
    if (status == STATUS_SUCCESS && dst->Length + 2 <= dst->MaximumLength) {
        dst->Buffer[dst->Length / 2] = 0;
    }
    return status;
}

NTSTATUS NTAPI RtlAppendUnicodeToString(UNICODE_STRING *dst, const WCHAR *src)
{
    return src ? AppendChars(dst, src, wcslen(src) * 2) : STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlAppendUnicodeStringToString(UNICODE_STRING *dst, const UNICODE_STRING *src)
{
    return src->Length ? AppendChars(dst, src->Buffer, src->Length) : STATUS_SUCCESS;
}

LONG NTAPI RtlCompareString(const STRING *a, const STRING *b, BOOLEAN ignore_case)
{
    USHORT n = a->Length < b->Length ? a->Length : b->Length;
    for (USHORT i = 0; i < n; i++) {
        UCHAR x = (UCHAR)a->Buffer[i], y = (UCHAR)b->Buffer[i];
        if (ignore_case) {
            x = (UCHAR)RtlUpperChar((CHAR)x), y = (UCHAR)RtlUpperChar((CHAR)y);
        }
        if (x != y) {
            return (LONG)x - (LONG)y;
        }
    }
    return (LONG)a->Length - (LONG)b->Length;
}

BOOLEAN NTAPI RtlEqualString(const STRING *a, const STRING *b, BOOLEAN ignore_case)
{
    return a->Length == b->Length && RtlCompareString(a, b, ignore_case) == 0;
}

BOOLEAN NTAPI RtlPrefixString(const STRING *prefix, const STRING *string, BOOLEAN ignore_case)
{
    if (prefix->Length > string->Length) {
        return FALSE;
    }
    STRING head = {prefix->Length, prefix->Length, string->Buffer};
    return RtlCompareString(prefix, &head, ignore_case) == 0;
}

/* The first difference (case folded up when asked), else the longer
 * string is the greater. */
LONG NTAPI RtlCompareUnicodeStrings(const WCHAR *a, SIZE_T a_chars, const WCHAR *b, SIZE_T b_chars,
                                    BOOLEAN ignore_case)
{
    SIZE_T n = a_chars < b_chars ? a_chars : b_chars;
    for (SIZE_T i = 0; i < n; i++) {
        WCHAR x = a[i], y = b[i];
        if (ignore_case) {
            x = RtlUpcaseUnicodeChar(x), y = RtlUpcaseUnicodeChar(y);
        }
        if (x != y) {
            return (LONG)x - (LONG)y;
        }
    }
    return (LONG)a_chars - (LONG)b_chars;
}

LONG NTAPI RtlCompareUnicodeString(const UNICODE_STRING *a, const UNICODE_STRING *b, BOOLEAN ignore_case)
{
    return RtlCompareUnicodeStrings(a->Buffer, a->Length / 2, b->Buffer, b->Length / 2, ignore_case);
}

BOOLEAN NTAPI RtlEqualUnicodeString(const UNICODE_STRING *a, const UNICODE_STRING *b, BOOLEAN ignore_case)
{
    return a->Length == b->Length && RtlCompareUnicodeString(a, b, ignore_case) == 0;
}

BOOLEAN NTAPI RtlPrefixUnicodeString(const UNICODE_STRING *prefix, const UNICODE_STRING *string,
                                     BOOLEAN ignore_case)
{
    return prefix->Length <= string->Length &&
           RtlCompareUnicodeStrings(prefix->Buffer, prefix->Length / 2, string->Buffer, prefix->Length / 2,
                                    ignore_case) == 0;
}

/* A heap copy of a terminated string, terminator included in
 * MaximumLength; FALSE if it is longer than a UNICODE_STRING holds. */
BOOLEAN NTAPI RtlCreateUnicodeString(UNICODE_STRING *string, const WCHAR *source)
{
    size_t bytes = (wcslen(source) + 1) * 2;
    if (bytes > 0xFFFE) {
        return FALSE;
    }
    string->Buffer = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, bytes);
    if (!string->Buffer) {
        return FALSE;
    }
    memcpy(string->Buffer, source, bytes);
    string->Length = (USHORT)(bytes - 2);
    string->MaximumLength = (USHORT)bytes;
    return TRUE;
}

/* A heap copy of source. Flags: 1 terminates the copy; 2 alone is not
 * allowed; 3 also makes an empty source a terminated empty string rather
 * than a NULL buffer. A source whose Length passes its MaximumLength, or
 * an empty one with room but no buffer, is STATUS_INVALID_PARAMETER. */
NTSTATUS NTAPI RtlDuplicateUnicodeString(ULONG flags, const UNICODE_STRING *source, UNICODE_STRING *destination)
{
    const ULONG both = RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE | RTL_DUPLICATE_UNICODE_STRING_ALLOCATE_NULL_STRING;
    if (!source || !destination || source->Length > source->MaximumLength ||
        (!source->Length && source->MaximumLength && !source->Buffer) || flags > both ||
        flags == RTL_DUPLICATE_UNICODE_STRING_ALLOCATE_NULL_STRING) {
        return STATUS_INVALID_PARAMETER;
    }
    if (!source->Length && flags != both) {
        destination->Length = destination->MaximumLength = 0;
        destination->Buffer = NULL;
        return STATUS_SUCCESS;
    }
    BOOLEAN terminate = (flags & RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE) != 0;
    ULONG bytes = source->Length + (terminate ? 2u : 0u);
    if (bytes > 0xFFFF) {
        return STATUS_INVALID_PARAMETER;
    }
    WCHAR *buffer = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, bytes ? bytes : 1);
    if (!buffer) {
        return STATUS_NO_MEMORY;
    }
    memcpy(buffer, source->Buffer, source->Length);
    if (terminate) {
        buffer[source->Length / 2] = 0;
    }
    destination->Buffer = buffer;
    destination->Length = source->Length;
    destination->MaximumLength = (USHORT)bytes;
    return STATUS_SUCCESS;
}

static BOOLEAN InSet(const UNICODE_STRING *set, WCHAR c)
{
    for (USHORT i = 0; i < set->Length / 2; i++) {
        if (set->Buffer[i] == c) {
            return TRUE;
        }
    }
    return FALSE;
}

/* Flags: bit 0 searches from the end, bit 1 looks for a character NOT
 * in the set. *position is the byte offset just past the match going
 * forward, of the match itself going back; 0 and STATUS_NOT_FOUND if
 * there is none. */
NTSTATUS NTAPI RtlFindCharInUnicodeString(ULONG flags, const UNICODE_STRING *string, const UNICODE_STRING *set,
                                          USHORT *position)
{
    if (flags > 3) {
        return STATUS_INVALID_PARAMETER;
    }
    BOOLEAN backward = flags & 1, want = !(flags & 2);
    USHORT chars = string->Length / 2;
    *position = 0;
    for (USHORT k = 0; k < chars; k++) {
        USHORT i = backward ? (USHORT)(chars - 1 - k) : k;
        if (InSet(set, string->Buffer[i]) == want) {
            *position = (USHORT)((backward ? i : i + 1) * 2);
            return STATUS_SUCCESS;
        }
    }
    return STATUS_NOT_FOUND;
}

/* X65599, the only algorithm NT has (the default is it too): each
 * character, upcased if asked, added to 65599 times the hash so far. */
NTSTATUS NTAPI RtlHashUnicodeString(const UNICODE_STRING *string, BOOLEAN ignore_case, ULONG algorithm,
                                    ULONG *hash)
{
    if (!string || !hash ||
        (algorithm != HASH_STRING_ALGORITHM_DEFAULT && algorithm != HASH_STRING_ALGORITHM_X65599)) {
        return STATUS_INVALID_PARAMETER;
    }
    ULONG h = 0;
    for (USHORT i = 0; i < string->Length / 2; i++) {
        h = h * 65599 + (ignore_case ? RtlUpcaseUnicodeChar(string->Buffer[i]) : string->Buffer[i]);
    }
    *hash = h;
    return STATUS_SUCCESS;
}

/* A well-formed UNICODE_STRING: even lengths, Length within
 * MaximumLength, and a buffer if it has any room. No flags exist. */
NTSTATUS NTAPI RtlValidateUnicodeString(ULONG flags, const UNICODE_STRING *string)
{
    if (flags) {
        return STATUS_INVALID_PARAMETER;
    }
    if (string && ((string->Length & 1) || (string->MaximumLength & 1) || string->Length > string->MaximumLength ||
                   (string->MaximumLength && !string->Buffer))) {
        return STATUS_INVALID_PARAMETER;
    }
    return STATUS_SUCCESS;
}
