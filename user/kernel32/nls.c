/*
 * Code pages: the ANSI code page is 1252 and the OEM one 437, single-byte
 * both, so no byte is a DBCS lead byte. Bytes 0x80-0xFF go through each
 * code page's table (1252's five unassigned bytes map to the C1 controls
 * of the same value, as Windows maps them); 28591 (ISO 8859-1) maps every
 * byte to the code point of the same value; CP_UTF8 is converted properly.
 * Other code pages (20127 among them) are not installed:
 * ERROR_INVALID_PARAMETER, and IsValidCodePage says FALSE. A character
 * a code page lacks becomes the default character ('?'); Windows first
 * tries a "best fit" (Ā → A), which is not done here.
 */
#include "kernel32/kernel32.h"

#define ERROR_NO_UNICODE_TRANSLATION 1113

unsigned int WINAPI GetACP(void) { return 1252; }
unsigned int WINAPI GetOEMCP(void) { return 437; }
BOOL WINAPI IsDBCSLeadByteEx(unsigned int codepage, BYTE c) { (void)codepage; (void)c; return FALSE; }
BOOL WINAPI IsDBCSLeadByte(BYTE c) { (void)c; return FALSE; }

static const WCHAR Cp1252[128] = {
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
};

static const WCHAR Cp437[128] = {
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
};

/* The table of a single-byte code page: bytes 0x80-0xFF. NULL for
 * ISO 8859-1 (the identity) and for CP_UTF8; *known false if the code
 * page is not installed. */
static const WCHAR *SingleByteTable(unsigned int codepage, BOOL *known)
{
    *known = TRUE;
    switch (codepage) {
    case CP_ACP:
    case CP_THREAD_ACP:
    case 1252:
        return Cp1252;
    case CP_OEMCP:
    case 437:
        return Cp437;
    case 28591:
    case CP_UTF8:
        return NULL;
    default:
        *known = FALSE;
        return NULL;
    }
}

/* UTF-8 goes through ntdll's converters, as Windows' kernel32 does: an
 * ill-formed sequence is U+FFFD (an unpaired surrogate EF BF BD the other
 * way), or ERROR_NO_UNICODE_TRANSLATION when the caller asks for errors. */
#define MB_ERR_INVALID_CHARS 0x08
#define WC_ERR_INVALID_CHARS 0x80

static int ConvertUtf8(BOOL to_wide, DWORD flags, const void *src, int srclen, void *dst, int dstlen)
{
    ULONG bytes = 0;
    NTSTATUS status = to_wide ? RtlUTF8ToUnicodeN(NULL, 0, &bytes, src, (ULONG)srclen)
                              : RtlUnicodeToUTF8N(NULL, 0, &bytes, src, (ULONG)srclen * sizeof(WCHAR));
    int units = (int)(to_wide ? bytes / sizeof(WCHAR) : bytes);
    if (dstlen) {
        if (units > dstlen) {
            SetLastError(ERROR_INSUFFICIENT_BUFFER);
            return 0;
        }
        if (to_wide) {
            RtlUTF8ToUnicodeN(dst, (ULONG)dstlen * sizeof(WCHAR), &bytes, src, (ULONG)srclen);
        } else {
            RtlUnicodeToUTF8N(dst, (ULONG)dstlen, &bytes, src, (ULONG)srclen * sizeof(WCHAR));
        }
    }
    /* Asked for errors, Windows fails the call but has written the text. */
    if (status == STATUS_SOME_NOT_MAPPED && (flags & (to_wide ? MB_ERR_INVALID_CHARS : WC_ERR_INVALID_CHARS))) {
        SetLastError(ERROR_NO_UNICODE_TRANSLATION);
        return 0;
    }
    return units;
}

int WINAPI MultiByteToWideChar(unsigned int codepage, DWORD flags, const char *src, int srclen,
                               WCHAR *dst, int dstlen)
{
    BOOL known;
    const WCHAR *table = SingleByteTable(codepage, &known);
    if (!known || !src || dstlen < 0 || (dstlen && !dst)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (srclen < 0) {
        srclen = (int)strlen(src) + 1;
    }
    if (codepage == CP_UTF8) {
        return ConvertUtf8(TRUE, flags, src, srclen, dst, dstlen);
    }
    int out = 0;
    for (int i = 0; i < srclen;) {
        ULONG cp = (BYTE)src[i];
        int used = 1;
        if (table && cp >= 0x80) {
            cp = table[cp - 0x80];
        }
        int units = cp >= 0x10000 ? 2 : 1;
        if (dstlen) {
            if (out + units > dstlen) {
                SetLastError(ERROR_INSUFFICIENT_BUFFER);
                return 0;
            }
            if (units == 2) {
                cp -= 0x10000;
                dst[out] = (WCHAR)(0xD800 | (cp >> 10));
                dst[out + 1] = (WCHAR)(0xDC00 | (cp & 0x3FF));
            } else {
                dst[out] = (WCHAR)cp;
            }
        }
        out += units;
        i += used;
    }
    return out;
}

/* The byte for code point cp in a table's upper half; FALSE if none. */
static BOOL EncodeSingleByte(const WCHAR *table, ULONG cp, BYTE *byte)
{
    for (int i = 0; i < 128; i++) {
        if (table[i] == cp) {
            *byte = (BYTE)(0x80 + i);
            return TRUE;
        }
    }
    return FALSE;
}

int WINAPI WideCharToMultiByte(unsigned int codepage, DWORD flags, const WCHAR *src, int srclen,
                               char *dst, int dstlen, const char *default_char, BOOL *used_default)
{
    BOOL known;
    const WCHAR *table = SingleByteTable(codepage, &known);
    if (!known || !src || dstlen < 0 || (dstlen && !dst)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (srclen < 0) {
        srclen = (int)wcslen(src) + 1;
    }
    if (used_default) {
        *used_default = FALSE;
    }
    if (codepage == CP_UTF8) {
        return ConvertUtf8(FALSE, flags, src, srclen, dst, dstlen);
    }
    int out = 0;
    for (int i = 0; i < srclen; i++) {
        ULONG cp = src[i];
        BYTE bytes[4];
        int n = 1;
        if (cp < 0x80 || (!table && cp < 0x100)) {
            bytes[0] = (BYTE)cp;
        } else if (!table || !EncodeSingleByte(table, cp, &bytes[0])) {
            bytes[0] = default_char ? (BYTE)*default_char : '?';
            if (used_default) {
                *used_default = TRUE;
            }
        }
        if (dstlen) {
            if (out + n > dstlen) {
                SetLastError(ERROR_INSUFFICIENT_BUFFER);
                return 0;
            }
            memcpy(dst + out, bytes, (size_t)n);
        }
        out += n;
    }
    return out;
}

/* CPINFO: the longest character in bytes, the default character, the
 * DBCS lead-byte ranges (none: no code page here has lead bytes). */
BOOL WINAPI GetCPInfo(UINT codepage, CPINFO *info)
{
    BOOL known;
    SingleByteTable(codepage, &known);
    if (!known || !info) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    memset(info, 0, sizeof *info);
    info->MaxCharSize = codepage == CP_UTF8 ? 4 : 1;
    info->DefaultChar[0] = '?';
    return TRUE;
}

/* The pseudo code pages (CP_ACP, CP_OEMCP, CP_MACCP, CP_THREAD_ACP) name
 * no code page: FALSE, as Windows answers; the rest, whether installed. */
BOOL WINAPI IsValidCodePage(UINT codepage)
{
    BOOL known;
    if (codepage <= CP_THREAD_ACP) {
        return FALSE;
    }
    SingleByteTable(codepage, &known);
    return known;
}

/* An ANSI string as a UTF-16 one on the process heap (NULL: no memory). */
WCHAR *BaseAnsiToHeap(const char *s)
{
    if (!s) {
        return NULL;
    }
    int n = MultiByteToWideChar(CP_ACP, 0, s, -1, NULL, 0);
    WCHAR *wide = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, (SIZE_T)n * sizeof(WCHAR));
    if (wide) {
        MultiByteToWideChar(CP_ACP, 0, s, -1, wide, n);
    }
    return wide;
}
