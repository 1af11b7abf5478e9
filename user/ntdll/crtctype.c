/*
 * ntdll's character classes and case: the fixed tables of the C locale,
 * never a code page's (ntdll has no setlocale). The answers are the C1_*
 * bits of the class (C1_UPPER 0x1, C1_LOWER 0x2, C1_DIGIT 0x4, C1_SPACE
 * 0x8, C1_PUNCT 0x10, C1_CNTRL 0x20, C1_BLANK 0x40, C1_XDIGIT 0x80,
 * C1_ALPHA 0x100) the function asks about, as Windows' ntdll returns them
 * (Wine's ntdll tests string.c, test_ctype and test_wctype):
 *
 *   - is*() know ASCII only: 128-255 and EOF are in no class, and tab is
 *     not C1_BLANK;
 *   - isw*() know Latin-1 (U+0000-U+00FF, where tab is blank, U+00A0 a
 *     space and the Latin-1 letters alphabetic); above U+00FF nothing;
 *   - towlower lowers A-Z and U+00C0-U+00DE but U+00D7; towupper is
 *     RtlUpcaseUnicodeChar; tolower lowers A-Z by the low byte of its
 *     argument; toupper goes through the ANSI code page (string.c:1833).
 */
#include "ntdll/ntdll.h"

enum {
    U = 0x1, L = 0x2, D = 0x4, S = 0x8, P = 0x10, C = 0x20, B = 0x40, X = 0x80, A = 0x100,
};

/* U+0000-U+00FF as isw* classify them; the narrow table is its ASCII half
 * without C1_BLANK on tab. */
static USHORT WideClass(unsigned c)
{
    if (c > 0xFF) {
        return 0;
    }
    if (c == '\t') {
        return C | S | B;
    }
    if (c == ' ' || c == 0xA0) {
        return S | B;
    }
    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) {
        return c >= '\n' && c <= '\r' ? C | S : C;
    }
    if (c >= '0' && c <= '9') {
        return D | X;
    }
    if (c == 0xB2 || c == 0xB3 || c == 0xB9) {   /* superscript two, three, one */
        return P | D;
    }
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) {
        return A | U | ((c | 0x20) >= 'a' && (c | 0x20) <= 'f' && c < 0x80 ? X : 0);
    }
    if ((c >= 'a' && c <= 'z') || (c >= 0xDF && c != 0xF7)) {
        return A | L | (c >= 'a' && c <= 'f' ? X : 0);
    }
    return P;
}

static int NarrowClass(int c)
{
    if (c < 0 || c > 0x7F) {
        return 0;
    }
    return c == '\t' ? C | S : WideClass((unsigned)c);
}

int CDECL isalnum(int c) { return NarrowClass(c) & (D | L | U); }
int CDECL isalpha(int c) { return NarrowClass(c) & (L | U); }
int CDECL iscntrl(int c) { return NarrowClass(c) & C; }
int CDECL isdigit(int c) { return NarrowClass(c) & D; }
int CDECL isgraph(int c) { return NarrowClass(c) & (D | P | L | U); }
int CDECL islower(int c) { return NarrowClass(c) & L; }
int CDECL isprint(int c) { return NarrowClass(c) & (D | B | P | L | U); }
int CDECL ispunct(int c) { return NarrowClass(c) & P; }
int CDECL isspace(int c) { return NarrowClass(c) & S; }
int CDECL isupper(int c) { return NarrowClass(c) & U; }
int CDECL isxdigit(int c) { return NarrowClass(c) & X; }
int CDECL __isascii(int c) { return (unsigned)c < 0x80; }
int CDECL __iscsym(int c) { return c == '_' || isalnum(c); }
int CDECL __iscsymf(int c) { return c == '_' || isalpha(c); }
int CDECL __toascii(int c) { return c & 0x7F; }

int CDECL iswctype(WCHAR c, USHORT mask) { return WideClass(c) & mask; }
int CDECL iswalpha(WCHAR c) { return WideClass(c) & (A | L | U); }
int CDECL iswdigit(WCHAR c) { return WideClass(c) & D; }
int CDECL iswlower(WCHAR c) { return WideClass(c) & L; }
int CDECL iswspace(WCHAR c) { return WideClass(c) & S; }
int CDECL iswxdigit(WCHAR c) { return WideClass(c) & X; }

WCHAR CDECL towlower(WCHAR c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) {
        return (WCHAR)(c + 32);
    }
    return c;
}

WCHAR CDECL towupper(WCHAR c) { return RtlUpcaseUnicodeChar(c); }

/* The low byte decides; the rest of the value is kept: tolower(-447) is
 * -415, for -447's low byte is 'A' (string.c:1825-1830). */
int CDECL tolower(int c)
{
    char low = (char)c;
    return low >= 'A' && low <= 'Z' ? c - 'A' + 'a' : c;
}

/* The character (one byte, or a lead byte and the next: c's low two bytes
 * in memory order) read in the ANSI code page, upcased, and written back
 * in it; c itself when the upcased character has no bytes there. */
int CDECL toupper(int c)
{
    UCHAR bytes[3] = {(UCHAR)c, (UCHAR)(c >> 8), 0};
    UCHAR *p = bytes;
    WCHAR wc = RtlUpcaseUnicodeChar(RtlAnsiCharToUnicodeChar(&p));
    CHAR out[2];
    ULONG written = 0;
    RtlUnicodeToMultiByteN(out, sizeof out, &written, &wc, sizeof wc);
    if (written == 2) {
        return ((UCHAR)out[0] << 8) | (UCHAR)out[1];
    }
    if (written == 1) {
        return (UCHAR)out[0];
    }
    return (WCHAR)c;
}
