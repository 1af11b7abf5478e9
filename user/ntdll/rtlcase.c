/*
 * Case: RtlUpcaseUnicodeChar and RtlDowncaseUnicodeChar map the letters of
 * ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic and the full-width
 * Latin block one to one, as NT's upcase table (l_intl.nls) does for them
 * (ÿ goes up to Ÿ; ß has no single capital and stays). RtlUpperChar is
 * ASCII's alone: Windows' answer for every byte above 0x7F is the byte
 * itself (Wine's ntdll test rtlstr.c, test_RtlUpperChar).
 */
#include "inc/ntguest.h"

/* The lowercase partner of an uppercase letter, or 0. */
static WCHAR LowerOf(WCHAR c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) {
        return (WCHAR)(c + 0x20);
    }
    if (c < 0x100) {
        return 0;
    }
    /* Latin Extended-A: pairs at even code points, but 0x139-0x148 and
     * 0x179-0x17E at odd ones; 0x178 (Ÿ) pairs with 0xFF (ÿ). */
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) {
        return (c & 1) ? 0 : (WCHAR)(c + 1);
    }
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) {
        return (c & 1) ? (WCHAR)(c + 1) : 0;
    }
    if (c == 0x178) {
        return 0xFF;
    }
    /* Greek: the accented capitals, then Α-Ω (no capital final sigma). */
    if (c == 0x386) {
        return 0x3AC;
    }
    if (c >= 0x388 && c <= 0x38A) {
        return (WCHAR)(c + 0x25);
    }
    if (c == 0x38C) {
        return 0x3CC;
    }
    if (c == 0x38E || c == 0x38F) {
        return (WCHAR)(c + 0x3F);
    }
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) {
        return (WCHAR)(c + 0x20);
    }
    /* Cyrillic: Ѐ-Џ, А-Я, then the pairs of 0x460-0x481 and 0x48A-0x4BF. */
    if (c >= 0x400 && c <= 0x40F) {
        return (WCHAR)(c + 0x50);
    }
    if (c >= 0x410 && c <= 0x42F) {
        return (WCHAR)(c + 0x20);
    }
    if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF)) {
        return (c & 1) ? 0 : (WCHAR)(c + 1);
    }
    if (c >= 0xFF21 && c <= 0xFF3A) {
        return (WCHAR)(c + 0x20);
    }
    return 0;
}

WCHAR NTAPI RtlDowncaseUnicodeChar(WCHAR c)
{
    WCHAR lower = LowerOf(c);
    return lower ? lower : c;
}

WCHAR NTAPI RtlUpcaseUnicodeChar(WCHAR c)
{
    if (c < 0x80) {
        return (c >= 'a' && c <= 'z') ? (WCHAR)(c - 0x20) : c;
    }
    if (c == 0xFF) {
        return 0x178;
    }
    if (c == 0x3C2) {
        return 0x3A3; /* final sigma */
    }
    if (c >= 0x3AD && c <= 0x3AF) {
        return (WCHAR)(c - 0x25);
    }
    /* Every other lowercase letter is its capital's partner: guess the
     * capital from the block's layout and keep it if it pairs back. */
    WCHAR candidate;
    if ((c >= 0xE0 && c <= 0xFE && c != 0xF7) || (c >= 0x3B1 && c <= 0x3CB) ||
        (c >= 0x430 && c <= 0x44F) || (c >= 0xFF41 && c <= 0xFF5A)) {
        candidate = (WCHAR)(c - 0x20);
    } else if (c >= 0x450 && c <= 0x45F) {
        candidate = (WCHAR)(c - 0x50);
    } else if (c == 0x3AC) {
        candidate = 0x386;
    } else if (c == 0x3CC) {
        candidate = 0x38C;
    } else if (c == 0x3CD || c == 0x3CE) {
        candidate = (WCHAR)(c - 0x3F);
    } else if (c >= 0x100 && c < 0x500) {
        candidate = (WCHAR)(c - 1);
    } else {
        return c;
    }
    return LowerOf(candidate) == c ? candidate : c;
}

CHAR NTAPI RtlUpperChar(CHAR c)
{
    return (c >= 'a' && c <= 'z') ? (CHAR)(c - 0x20) : c;
}

/* dst gets src's length; Windows copies no more than dst can hold. */
void NTAPI RtlUpperString(STRING *dst, const STRING *src)
{
    USHORT n = src->Length < dst->MaximumLength ? src->Length : dst->MaximumLength;
    for (USHORT i = 0; i < n; i++) {
        dst->Buffer[i] = RtlUpperChar(src->Buffer[i]);
    }
    dst->Length = n;
}

/* Upcase or downcase src into dst: a new heap buffer of src's length when
 * `allocate`, else dst's own, which must hold it. */
static NTSTATUS MapCase(UNICODE_STRING *dst, const UNICODE_STRING *src, BOOLEAN allocate,
                        WCHAR(NTAPI *map)(WCHAR))
{
    USHORT bytes = src->Length;
    if (allocate) {
        dst->Buffer = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, bytes ? bytes : 1);
        if (!dst->Buffer) {
            return STATUS_NO_MEMORY;
        }
        dst->MaximumLength = bytes;
    } else if (bytes > dst->MaximumLength) {
        return STATUS_BUFFER_OVERFLOW;
    }
    for (USHORT i = 0; i < bytes / 2; i++) {
        dst->Buffer[i] = map(src->Buffer[i]);
    }
    dst->Length = bytes;
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlUpcaseUnicodeString(UNICODE_STRING *dst, const UNICODE_STRING *src, BOOLEAN allocate)
{
    return MapCase(dst, src, allocate, RtlUpcaseUnicodeChar);
}

NTSTATUS NTAPI RtlDowncaseUnicodeString(UNICODE_STRING *dst, const UNICODE_STRING *src, BOOLEAN allocate)
{
    return MapCase(dst, src, allocate, RtlDowncaseUnicodeChar);
}
