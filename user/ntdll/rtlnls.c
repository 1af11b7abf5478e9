/*
 * Code pages: ntdll owns them, as NT's does. Each is kept in the shape of
 * its c_NNNN.nls file (a header, then the byte-to-character table), the
 * data the PEB's AnsiCodePageData and OemCodePageData point at;
 * RtlInitCodePageTable reads one into a CPTABLEINFO and kernel32's
 * MultiByteToWideChar and WideCharToMultiByte convert through it with
 * RtlCustomCPToUnicodeN and RtlUnicodeToCustomCPN. The ANSI code page is
 * 1252 and the OEM one 437, single-byte both, so a string's converted size
 * is its length times two or halved. A character a code page lacks becomes
 * its default character '?' (Windows first tries a "best fit", which is
 * not done here). The files' 64 KB character-to-byte table is left out:
 * the way back searches the 128 upper bytes, and CPTABLEINFO's
 * WideCharTable is NULL. UTF-8 is converted properly: an ill-formed
 * sequence becomes U+FFFD, an unpaired surrogate is encoded as U+FFFD,
 * and either answers STATUS_SOME_NOT_MAPPED.
 */
#include "inc/ntguest.h"
#include "ntdll/ntdll.h"

/* Bytes 0x00-0x7F are ASCII in both code pages. */
#define ROW(n) n, n + 1, n + 2, n + 3, n + 4, n + 5, n + 6, n + 7
#define ASCII ROW(0x00), ROW(0x08), ROW(0x10), ROW(0x18), ROW(0x20), ROW(0x28), ROW(0x30), ROW(0x38), \
              ROW(0x40), ROW(0x48), ROW(0x50), ROW(0x58), ROW(0x60), ROW(0x68), ROW(0x70), ROW(0x78)

/* A .nls file's start: the header's size in words, the code page, its
 * longest character in bytes, the default characters (byte, Unicode, and
 * the same again for translations), twelve bytes of DBCS lead-byte
 * ranges; then the multibyte section's size in words, its 256 entries, no
 * glyph table, no DBCS ranges. */
#define NLS_HEADER(cp) 13, cp, 1, '?', '?', '?', '?', 0, 0, 0, 0, 0, 0, 258
#define NLS_TRAILER 0, 0
#define NLS_WORDS (14 + 256 + 2)
#define NLS_TABLE 14   /* where the 256 entries start */

static const USHORT Cp1252[NLS_WORDS] = {
    NLS_HEADER(1252),
    ASCII,
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
    0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
    0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
    0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
    0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF,
    0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7,
    0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF,
    0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,
    0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7,
    0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF,
    NLS_TRAILER,
};

static const USHORT Cp437[NLS_WORDS] = {
    NLS_HEADER(437),
    ASCII,
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,
    0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,
    0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
    0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192,
    0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,
    0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,
    0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510,
    0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567,
    0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B,
    0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
    0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,
    0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229,
    0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,
    0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
    NLS_TRAILER,
};

static const USHORT *const AnsiTable = Cp1252 + NLS_TABLE;
static const USHORT *const OemTable = Cp437 + NLS_TABLE;

/* At process start, before any DLL runs: where NT's kernel maps the NLS
 * sections, ntdll points at its own. */
void RtlpInitializeNlsTables(PEB *peb)
{
    peb->AnsiCodePageData = (PVOID)Cp1252;
    peb->OemCodePageData = (PVOID)Cp437;
}

void NTAPI RtlInitCodePageTable(USHORT *base, CPTABLEINFO *info)
{
    memset(info, 0, sizeof *info);
    info->CodePage = base[1];
    info->MaximumCharacterSize = base[2];
    info->DefaultChar = base[3];
    info->UniDefaultChar = base[4];
    info->TransDefaultChar = base[5];
    info->TransUniDefaultChar = base[6];
    memcpy(info->LeadByte, base + 7, sizeof info->LeadByte);
    USHORT *multibyte = base + base[0];
    info->MultiByteTable = multibyte + 1;
    info->DBCSRanges = multibyte + 1 + 256 + 1;   /* past the (absent) glyphs */
    info->DBCSCodePage = *info->DBCSRanges != 0;
}

static WCHAR ByteToChar(const USHORT *table, UCHAR b)
{
    return table[b];
}

/* The byte for c, or '?' (ASCII maps to itself in every table here). */
static CHAR CharToByte(const USHORT *table, WCHAR c)
{
    if (c < 0x80) {
        return (CHAR)c;
    }
    for (int i = 0x80; i < 0x100; i++) {
        if (table[i] == c) {
            return (CHAR)i;
        }
    }
    return '?';
}

/* A single-byte code page both ways: as many characters as both sides
 * hold; the count written is in bytes, as NT's. */
static void BytesToChars(const USHORT *table, WCHAR *dst, ULONG dst_bytes, ULONG *written, const CHAR *src,
                         ULONG src_bytes)
{
    ULONG n = dst_bytes / 2 < src_bytes ? dst_bytes / 2 : src_bytes;
    for (ULONG i = 0; i < n; i++) {
        dst[i] = ByteToChar(table, (UCHAR)src[i]);
    }
    if (written) {
        *written = n * 2;
    }
}

static void CharsToBytes(const USHORT *table, CHAR *dst, ULONG dst_bytes, ULONG *written, const WCHAR *src,
                         ULONG src_bytes, WCHAR(NTAPI *map)(WCHAR))
{
    ULONG n = dst_bytes < src_bytes / 2 ? dst_bytes : src_bytes / 2;
    for (ULONG i = 0; i < n; i++) {
        dst[i] = CharToByte(table, map ? map(src[i]) : src[i]);
    }
    if (written) {
        *written = n;
    }
}

NTSTATUS NTAPI RtlMultiByteToUnicodeN(WCHAR *dst, ULONG dst_bytes, ULONG *written, const CHAR *src, ULONG src_bytes)
{
    BytesToChars(AnsiTable, dst, dst_bytes, written, src, src_bytes);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlOemToUnicodeN(WCHAR *dst, ULONG dst_bytes, ULONG *written, const CHAR *src, ULONG src_bytes)
{
    BytesToChars(OemTable, dst, dst_bytes, written, src, src_bytes);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlUnicodeToMultiByteN(CHAR *dst, ULONG dst_bytes, ULONG *written, const WCHAR *src, ULONG src_bytes)
{
    CharsToBytes(AnsiTable, dst, dst_bytes, written, src, src_bytes, NULL);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlUpcaseUnicodeToMultiByteN(CHAR *dst, ULONG dst_bytes, ULONG *written, const WCHAR *src,
                                            ULONG src_bytes)
{
    CharsToBytes(AnsiTable, dst, dst_bytes, written, src, src_bytes, RtlUpcaseUnicodeChar);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlUnicodeToOemN(CHAR *dst, ULONG dst_bytes, ULONG *written, const WCHAR *src, ULONG src_bytes)
{
    CharsToBytes(OemTable, dst, dst_bytes, written, src, src_bytes, NULL);
    return STATUS_SUCCESS;
}

/* Through a table RtlInitCodePageTable read (kernel32's code pages). */
NTSTATUS NTAPI RtlCustomCPToUnicodeN(CPTABLEINFO *info, WCHAR *dst, ULONG dst_bytes, ULONG *written,
                                     const CHAR *src, ULONG src_bytes)
{
    BytesToChars(info->MultiByteTable, dst, dst_bytes, written, src, src_bytes);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlUnicodeToCustomCPN(CPTABLEINFO *info, CHAR *dst, ULONG dst_bytes, ULONG *written,
                                     const WCHAR *src, ULONG src_bytes)
{
    CharsToBytes(info->MultiByteTable, dst, dst_bytes, written, src, src_bytes, NULL);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlMultiByteToUnicodeSize(ULONG *size, const CHAR *src, ULONG src_bytes)
{
    (void)src;
    *size = src_bytes * 2;
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlUnicodeToMultiByteSize(ULONG *size, const WCHAR *src, ULONG src_bytes)
{
    (void)src;
    *size = src_bytes / 2;
    return STATUS_SUCCESS;
}

/* The character at *source, which moves past it. */
WCHAR NTAPI RtlAnsiCharToUnicodeChar(UCHAR **source)
{
    return ByteToChar(AnsiTable, *(*source)++);
}

/* The sizes include the terminator. */
ULONG NTAPI RtlAnsiStringToUnicodeSize(const ANSI_STRING *string)
{
    return (string->Length + 1) * 2;
}

ULONG NTAPI RtlUnicodeStringToAnsiSize(const UNICODE_STRING *string)
{
    return string->Length / 2 + 1;
}

static PVOID Allocate(ULONG bytes)
{
    return RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, bytes);
}

/* An 8-bit string to UTF-16, terminated: its own buffer's room must
 * hold the terminator too; more than 64 KB is STATUS_INVALID_PARAMETER_2. */
static NTSTATUS WidenString(const USHORT *table, UNICODE_STRING *dst, const STRING *src, BOOLEAN allocate)
{
    ULONG total = (src->Length + 1) * 2;
    if (total > 0xFFFF) {
        return STATUS_INVALID_PARAMETER_2;
    }
    if (allocate) {
        dst->Buffer = Allocate(total);
        if (!dst->Buffer) {
            return STATUS_NO_MEMORY;
        }
        dst->MaximumLength = (USHORT)total;
    } else if (total > dst->MaximumLength) {
        return STATUS_BUFFER_OVERFLOW;
    }
    dst->Length = (USHORT)(total - 2);
    BytesToChars(table, dst->Buffer, dst->Length, NULL, src->Buffer, src->Length);
    dst->Buffer[src->Length] = 0;
    return STATUS_SUCCESS;
}

/* UTF-16 to an 8-bit string, terminated. A buffer too small for all of
 * it takes what fits (and the terminator) and answers
 * STATUS_BUFFER_OVERFLOW; one of no room at all takes nothing and is
 * told the length it would take. */
static NTSTATUS NarrowString(const USHORT *table, STRING *dst, const UNICODE_STRING *src, BOOLEAN allocate)
{
    ULONG total = src->Length / 2 + 1;
    NTSTATUS status = STATUS_SUCCESS;
    if (total > 0xFFFF) {
        return STATUS_INVALID_PARAMETER_2;
    }
    if (allocate) {
        dst->Buffer = Allocate(total);
        if (!dst->Buffer) {
            return STATUS_NO_MEMORY;
        }
        dst->MaximumLength = (USHORT)total;
    } else if (total > dst->MaximumLength) {
        if (!dst->MaximumLength) {
            dst->Length = (USHORT)(total - 1); /* the length it would take */
            return STATUS_BUFFER_OVERFLOW;
        }
        total = dst->MaximumLength;
        status = STATUS_BUFFER_OVERFLOW;
    }
    dst->Length = (USHORT)(total - 1);
    CharsToBytes(table, dst->Buffer, dst->Length, NULL, src->Buffer, src->Length, NULL);
    dst->Buffer[dst->Length] = 0;
    return status;
}

NTSTATUS NTAPI RtlAnsiStringToUnicodeString(UNICODE_STRING *dst, const ANSI_STRING *src, BOOLEAN allocate)
{
    return WidenString(AnsiTable, dst, src, allocate);
}

NTSTATUS NTAPI RtlOemStringToUnicodeString(UNICODE_STRING *dst, const OEM_STRING *src, BOOLEAN allocate)
{
    return WidenString(OemTable, dst, src, allocate);
}

NTSTATUS NTAPI RtlUnicodeStringToAnsiString(ANSI_STRING *dst, const UNICODE_STRING *src, BOOLEAN allocate)
{
    return NarrowString(AnsiTable, dst, src, allocate);
}

NTSTATUS NTAPI RtlUnicodeStringToOemString(OEM_STRING *dst, const UNICODE_STRING *src, BOOLEAN allocate)
{
    return NarrowString(OemTable, dst, src, allocate);
}

BOOLEAN NTAPI RtlCreateUnicodeStringFromAsciiz(UNICODE_STRING *string, const CHAR *source)
{
    STRING ansi;
    RtlInitAnsiString(&ansi, source);
    return RtlAnsiStringToUnicodeString(string, &ansi, TRUE) == STATUS_SUCCESS;
}

void NTAPI RtlFreeAnsiString(ANSI_STRING *string)
{
    if (string->Buffer) {
        RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, string->Buffer);
    }
    string->Buffer = NULL;
    string->Length = string->MaximumLength = 0;
}

void NTAPI RtlFreeOemString(OEM_STRING *string)
{
    RtlFreeAnsiString(string);
}

/* One code point from UTF-8 at src[*i] (which moves past it), or -1 for
 * an ill-formed sequence: a stray continuation byte, a lead byte without
 * its continuations, an overlong form, a surrogate or anything past
 * U+10FFFF. As Windows reads it, a bad sequence ends at the byte that
 * breaks it, except that a second byte which is a continuation byte but
 * out of its lead's range (E0 80, ED A0, F0 80, F4 90) is taken with the
 * lead: "\xED\xA0\x80" is two U+FFFDs, not three (Wine's rtlstr.c:2347). */
static LONG DecodeUtf8(const UCHAR *src, ULONG length, ULONG *i)
{
    UCHAR lead = src[(*i)++];
    if (lead < 0x80) {
        return lead;
    }
    ULONG need;
    LONG code;
    UCHAR low = 0x80, high = 0xBF; /* the second byte's range */
    if (lead >= 0xC2 && lead <= 0xDF) {
        need = 1, code = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        need = 2, code = lead & 0x0F;
        low = lead == 0xE0 ? 0xA0 : 0x80, high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        need = 3, code = lead & 0x07;
        low = lead == 0xF0 ? 0x90 : 0x80, high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return -1;
    }
    for (ULONG k = 0; k < need; k++) {
        if (*i >= length || (src[*i] & 0xC0) != 0x80) {
            return -1;
        }
        UCHAR c = src[(*i)++];
        if (k == 0 && (c < low || c > high)) {
            return -1;
        }
        code = (code << 6) | (c & 0x3F);
    }
    return code;
}

NTSTATUS NTAPI RtlUTF8ToUnicodeN(WCHAR *dst, ULONG dst_bytes, ULONG *written, const CHAR *src, ULONG src_bytes)
{
    if (!src) {
        return STATUS_INVALID_PARAMETER_4;
    }
    if (!written) {
        return STATUS_INVALID_PARAMETER;
    }
    const UCHAR *in = (const UCHAR *)src;
    NTSTATUS status = STATUS_SUCCESS;
    ULONG out = 0, room = dst ? dst_bytes / 2 : 0xFFFFFFFFu;
    for (ULONG i = 0; i < src_bytes;) {
        LONG decoded = DecodeUtf8(in, src_bytes, &i);
        ULONG code = decoded < 0 ? 0xFFFD : (ULONG)decoded;
        if (decoded < 0) {
            status = STATUS_SOME_NOT_MAPPED;
        }
        WCHAR units[2] = {(WCHAR)code};
        ULONG count = 1;
        if (code >= 0x10000) {
            units[0] = (WCHAR)(0xD800 + ((code - 0x10000) >> 10));
            units[1] = (WCHAR)(0xDC00 + (code & 0x3FF));
            count = 2;
        }
        /* A pair that does not fit leaves its high half behind, as
         * Windows' does. */
        for (ULONG k = 0; k < count; k++, out++) {
            if (out >= room) {
                *written = out * 2;
                return STATUS_BUFFER_TOO_SMALL;
            }
            if (dst) {
                dst[out] = units[k];
            }
        }
    }
    *written = out * 2;
    return status;
}

NTSTATUS NTAPI RtlUnicodeToUTF8N(CHAR *dst, ULONG dst_bytes, ULONG *written, const WCHAR *src, ULONG src_bytes)
{
    if (!src) {
        return STATUS_INVALID_PARAMETER_4;
    }
    if (!written) {
        return STATUS_INVALID_PARAMETER;
    }
    if (dst && (src_bytes & 1)) {
        return STATUS_INVALID_PARAMETER_5;
    }
    NTSTATUS status = STATUS_SUCCESS;
    ULONG chars = src_bytes / 2, out = 0, room = dst ? dst_bytes : 0xFFFFFFFFu;
    for (ULONG i = 0; i < chars; i++) {
        ULONG code = src[i];
        if (code >= 0xD800 && code <= 0xDBFF && i + 1 < chars && src[i + 1] >= 0xDC00 && src[i + 1] <= 0xDFFF) {
            code = 0x10000 + ((code - 0xD800) << 10) + (src[++i] - 0xDC00);
        } else if (code >= 0xD800 && code <= 0xDFFF) {
            code = 0xFFFD; /* an unpaired surrogate */
            status = STATUS_SOME_NOT_MAPPED;
        }
        UCHAR bytes[4];
        ULONG n;
        if (code < 0x80) {
            bytes[0] = (UCHAR)code, n = 1;
        } else if (code < 0x800) {
            bytes[0] = (UCHAR)(0xC0 | code >> 6), bytes[1] = (UCHAR)(0x80 | (code & 0x3F)), n = 2;
        } else if (code < 0x10000) {
            bytes[0] = (UCHAR)(0xE0 | code >> 12), bytes[1] = (UCHAR)(0x80 | ((code >> 6) & 0x3F));
            bytes[2] = (UCHAR)(0x80 | (code & 0x3F)), n = 3;
        } else {
            bytes[0] = (UCHAR)(0xF0 | code >> 18), bytes[1] = (UCHAR)(0x80 | ((code >> 12) & 0x3F));
            bytes[2] = (UCHAR)(0x80 | ((code >> 6) & 0x3F)), bytes[3] = (UCHAR)(0x80 | (code & 0x3F)), n = 4;
        }
        if (out + n > room) {
            *written = out;
            return STATUS_BUFFER_TOO_SMALL;
        }
        if (dst) {
            memcpy(dst + out, bytes, n);
        }
        out += n;
    }
    *written = out;
    return status;
}
