/*
 * Code pages: the ANSI code page is 1252 and the OEM one 437, single-byte
 * both, so no byte is a DBCS lead byte. Bytes map to the Unicode code
 * points of the same value (exact for ASCII and Latin-1); CP_UTF8 is
 * converted properly.
 */
#include "kernel32/kernel32.h"

#define CP_ACP   0
#define CP_OEMCP 1
#define CP_UTF8  65001
#define ERROR_INSUFFICIENT_BUFFER 122
#define ERROR_NO_UNICODE_TRANSLATION 1113

unsigned int WINAPI GetACP(void) { return 1252; }
unsigned int WINAPI GetOEMCP(void) { return 437; }
BOOL WINAPI IsDBCSLeadByteEx(unsigned int codepage, BYTE c) { (void)codepage; (void)c; return FALSE; }
BOOL WINAPI IsDBCSLeadByte(BYTE c) { (void)c; return FALSE; }

/* Decodes one UTF-8 sequence; returns its length, 0 if malformed. */
static int DecodeUtf8(const BYTE *s, int left, ULONG *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    int n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
    if (!n || n > left) {
        return 0;
    }
    ULONG v = s[0] & (0x7F >> n);
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            return 0;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    *cp = v;
    return n;
}

int WINAPI MultiByteToWideChar(unsigned int codepage, DWORD flags, const char *src, int srclen,
                               WCHAR *dst, int dstlen)
{
    (void)flags;
    if (!src || dstlen < 0 || (dstlen && !dst)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (srclen < 0) {
        srclen = (int)strlen(src) + 1;
    }
    int out = 0;
    for (int i = 0; i < srclen;) {
        ULONG cp = (BYTE)src[i];
        int used = 1;
        if (codepage == CP_UTF8) {
            used = DecodeUtf8((const BYTE *)src + i, srclen - i, &cp);
            if (!used) {
                cp = 0xFFFD;
                used = 1;
            }
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

int WINAPI WideCharToMultiByte(unsigned int codepage, DWORD flags, const WCHAR *src, int srclen,
                               char *dst, int dstlen, const char *default_char, BOOL *used_default)
{
    (void)flags;
    if (!src || dstlen < 0 || (dstlen && !dst)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (srclen < 0) {
        srclen = (int)wcslen(src) + 1;
    }
    if (used_default) {
        *used_default = FALSE;
    }
    int out = 0;
    for (int i = 0; i < srclen; i++) {
        ULONG cp = src[i];
        BYTE bytes[4];
        int n = 1;
        if (codepage == CP_UTF8) {
            if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < srclen && src[i + 1] >= 0xDC00 && src[i + 1] < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (src[++i] - 0xDC00);
            }
            if (cp < 0x80) {
                bytes[0] = (BYTE)cp;
            } else if (cp < 0x800) {
                bytes[0] = (BYTE)(0xC0 | (cp >> 6));
                bytes[1] = (BYTE)(0x80 | (cp & 0x3F));
                n = 2;
            } else if (cp < 0x10000) {
                bytes[0] = (BYTE)(0xE0 | (cp >> 12));
                bytes[1] = (BYTE)(0x80 | ((cp >> 6) & 0x3F));
                bytes[2] = (BYTE)(0x80 | (cp & 0x3F));
                n = 3;
            } else {
                bytes[0] = (BYTE)(0xF0 | (cp >> 18));
                bytes[1] = (BYTE)(0x80 | ((cp >> 12) & 0x3F));
                bytes[2] = (BYTE)(0x80 | ((cp >> 6) & 0x3F));
                bytes[3] = (BYTE)(0x80 | (cp & 0x3F));
                n = 4;
            }
        } else if (cp < 0x100) {
            bytes[0] = (BYTE)cp;
        } else {
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
