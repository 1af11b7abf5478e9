/*
 * Characters' class, as the NLS tables of Windows give it for the scripts
 * a console program meets: CT_CTYPE1 classes follow from the case (ntdll's
 * simple one-to-one mapping, rtlcase.c: ASCII, Latin-1, Latin Extended-A,
 * Greek, Cyrillic, full-width Latin) and the block. A letter of another
 * script (Hebrew, Arabic, kana, CJK, Hangul) is C1_ALPHA without case; a
 * code point outside the blocks named here is classed C1_DEFINED alone.
 */
#include "kernel32/kernel32.h"
#include "kernel32/nlsapi.h"

WORD BaseCharType1(WCHAR c)
{
    if (c < 0x80) {
        if (c < 0x20 || c == 0x7F) {
            WORD t = C1_CNTRL | C1_DEFINED;
            if (c >= 0x09 && c <= 0x0D) {
                t |= C1_SPACE;
            }
            if (c == 0x09) {
                t |= C1_BLANK;
            }
            return t;
        }
        if (c == ' ') {
            return C1_SPACE | C1_BLANK | C1_DEFINED;
        }
        if (c >= '0' && c <= '9') {
            return C1_DIGIT | C1_XDIGIT | C1_DEFINED;
        }
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
            WORD t = C1_ALPHA | C1_DEFINED | (c <= 'Z' ? C1_UPPER : C1_LOWER);
            if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
                t |= C1_XDIGIT;
            }
            return t;
        }
        return C1_PUNCT | C1_DEFINED;
    }
    if (c < 0xA0) {
        return C1_CNTRL | C1_DEFINED;
    }
    if (c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F) {
        return C1_SPACE | C1_BLANK | C1_DEFINED;
    }
    if (c == 0x2028 || c == 0x2029) {
        return C1_SPACE | C1_DEFINED;
    }
    if (c == 0xFEFF) {
        return C1_CNTRL | C1_DEFINED; /* the byte-order mark */
    }
    if (c == 0x1C5 || c == 0x1C8 || c == 0x1CB || c == 0x1F2) {
        return C1_UPPER | C1_LOWER | C1_ALPHA | C1_DEFINED; /* the title-case digraphs: Dž Lj Nj Dz */
    }
    if (c == 0x378 || c == 0x379 || (c >= 0x600 && c <= 0x605) || (c >= 0xFFF0 && c <= 0xFFF8) ||
        c >= 0xFFFE) {
        return 0; /* unassigned in Windows' tables */
    }
    if (c == 0xB2 || c == 0xB3 || c == 0xB9) {
        return C1_DIGIT | C1_PUNCT | C1_DEFINED; /* the superscript digits */
    }
    if (c == 0xAA || c == 0xB5 || c == 0xBA || c == 0xDF || c == 0x138 || c == 0x149 || c == 0x17F) {
        return C1_ALPHA | C1_LOWER | C1_DEFINED; /* lowercase letters without a capital */
    }
    if (RtlDowncaseUnicodeChar(c) != c) {
        return C1_ALPHA | C1_UPPER | C1_DEFINED;
    }
    if (RtlUpcaseUnicodeChar(c) != c) {
        return C1_ALPHA | C1_LOWER | C1_DEFINED;
    }
    if (c < 0x100 || (c >= 0x2010 && c <= 0x2BFF) || (c >= 0x3001 && c <= 0x303F) ||
        (c >= 0xFF01 && c <= 0xFF0F)) {
        return C1_PUNCT | C1_DEFINED;
    }
    if ((c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9) || (c >= 0x966 && c <= 0x96F) ||
        (c >= 0xFF10 && c <= 0xFF19)) {
        return C1_DIGIT | C1_DEFINED;
    }
    if ((c >= 0x5D0 && c <= 0x5EA) || (c >= 0x621 && c <= 0x64A) || (c >= 0x3041 && c <= 0x30FF) ||
        (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3) ||
        (c >= 0x100 && c <= 0x24F) || (c >= 0x370 && c <= 0x3FF) || (c >= 0x400 && c <= 0x4FF)) {
        return C1_ALPHA | C1_DEFINED;
    }
    if (c >= 0xD800 && c <= 0xDFFF) {
        return 0; /* a surrogate alone is no character */
    }
    return C1_DEFINED;
}

/* CT_CTYPE2, the bidirectional class, and CT_CTYPE3, the text-processing
 * class, from the CT_CTYPE1 class. */
static WORD CharType2(WCHAR c, WORD t1)
{
    if (t1 & C1_ALPHA) {
        return C2_LEFTTORIGHT;
    }
    if (c >= '0' && c <= '9') {
        return C2_EUROPENUMBER;
    }
    switch (c) {
    case '+': case '-':
        return C2_EUROPESEPARATOR;
    case '#': case '$': case '%': case 0xA2: case 0xA3: case 0xA5: case 0xB0: case 0xB1:
        return C2_EUROPETERMINATOR;
    case ',': case '.': case '/': case ':': case 0xA0:
        return C2_COMMONSEPARATOR;
    case '\t': case 0x0B: case 0x1F:
        return C2_SEGMENTSEPARATOR;
    case '\n': case '\r': case 0x1C: case 0x1D: case 0x1E: case 0x85: case 0x2029:
        return C2_BLOCKSEPARATOR;
    case ' ': case 0x0C: case 0x2028: case 0x3000:
        return C2_WHITESPACE;
    default:
        break;
    }
    if (t1 & C1_CNTRL) {
        return C2_NOTAPPLICABLE;
    }
    return (t1 & (C1_PUNCT | C1_SPACE)) ? C2_OTHERNEUTRAL : C2_NOTAPPLICABLE;
}

static WORD CharType3(WCHAR c, WORD t1)
{
    WORD t = 0;
    if (t1 & C1_ALPHA) {
        t |= C3_ALPHA;
    }
    if ((t1 & C1_PUNCT) && !(t1 & C1_DIGIT) && c != '\'' && c != '-') {
        t |= C3_SYMBOL;
    }
    if (c >= 0x3041 && c <= 0x309F) {
        t |= C3_HIRAGANA;
    }
    if (c >= 0x30A0 && c <= 0x30FF) {
        t |= C3_KATAKANA;
    }
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)) {
        t |= C3_IDEOGRAPH;
    }
    if (c >= 0xFF01 && c <= 0xFF5E) {
        t |= C3_FULLWIDTH;
    }
    return t;
}

BOOL WINAPI GetStringTypeW(DWORD type, const WCHAR *src, int count, WORD *types)
{
    if (!src || !types || (type != CT_CTYPE1 && type != CT_CTYPE2 && type != CT_CTYPE3)) {
        SetLastError(src && types ? ERROR_INVALID_FLAGS : ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (count == -1) {
        count = (int)wcslen(src) + 1;
    }
    for (int i = 0; i < count; i++) {
        WORD t1 = BaseCharType1(src[i]);
        types[i] = type == CT_CTYPE1 ? t1 : type == CT_CTYPE2 ? CharType2(src[i], t1) : CharType3(src[i], t1);
    }
    return TRUE;
}

BOOL WINAPI GetStringTypeExW(LCID lcid, DWORD type, const WCHAR *src, int count, WORD *types)
{
    (void)lcid; /* the classes do not depend on the locale */
    return GetStringTypeW(type, src, count, types);
}

/* The A form takes a locale first, whose ANSI code page converts the
 * bytes; one class per byte (no code page here has double-byte
 * characters). */
BOOL WINAPI GetStringTypeA(LCID lcid, DWORD type, const char *src, int count, WORD *types)
{
    (void)lcid;
    if (!src || !types) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (count == -1) {
        count = (int)strlen(src) + 1;
    }
    for (int i = 0; i < count; i++) {
        WCHAR c;
        if (!MultiByteToWideChar(CP_ACP, 0, src + i, 1, &c, 1)) {
            c = '?';
        }
        if (!GetStringTypeW(type, &c, 1, &types[i])) {
            return FALSE;
        }
    }
    return TRUE;
}

BOOL WINAPI GetStringTypeExA(LCID lcid, DWORD type, const char *src, int count, WORD *types)
{
    return GetStringTypeA(lcid, type, src, count, types);
}
