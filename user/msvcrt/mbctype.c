/*
 * The multibyte code page of msvcrt's _mbs* functions (_setmbcp,
 * _getmbcp) and what it says about each byte: the exported _mbctype table
 * (lead byte _M1, trail byte _M2, 932's kana _MS and punctuation _MP,
 * single-byte upper _SBUP and lower _SBLOW) and _mbcasemap (each such
 * letter's other case). It is separate from the C locale: setlocale
 * governs __mb_cur_max and mblen, this page governs the _mbs family, and
 * it starts as the system's ANSI code page (1252 here), as msvcrt.dll
 * sets it when it loads.
 *
 * A single-byte code page is described by kernel32 (GetCPInfo, then the
 * classes and case of its 256 characters through UTF-16); one kernel32
 * does not have fails with EINVAL, the setting unchanged. The double-byte
 * code pages 932, 936, 949, 950 and 1361 come from msvcrt's own table of
 * their lead and trail byte ranges (kernel32 does not give trail bytes,
 * so msvcrt.dll keeps them itself; ntmm's kernel32 has no double-byte
 * code page at all): the byte-level functions are exact for them, but a
 * double-byte character has no UTF-16 value here, so the _ismbc* classes
 * answer 0 for one and _mbctoupper/_mbctolower leave it as it is.
 */
#include "msvcrt/crt.h"

#define CP_UTF8 65001
#define CT_CTYPE1 1
#define C1_UPPER 0x0001
#define C1_LOWER 0x0002
#define CT_CTYPE3 4
#define C3_SYMBOL 0x0008
#define LCMAP_LOWERCASE 0x0100
#define LCMAP_UPPERCASE 0x0200
#define LOCALE_USER_DEFAULT 0x0400
#define LATIN1_CP 28591
#define _MS 0x01
#define _MP 0x02
#define _M1 0x04
#define _M2 0x08
#define _SBUP 0x10
#define _SBLOW 0x20

unsigned char _mbctype[257];   /* [0] is EOF's, as _ctype's */
unsigned char _mbcasemap[256];

static int MbCodePage;         /* _getmbcp's answer; 0 for _MB_CP_SBCS */
static int MbIsDbcs;           /* the page has lead bytes */

/* Lead and trail byte ranges, pairs ending with 0, 0. */
typedef struct DBCS_PAGE {
    int CodePage;
    unsigned char Lead[8];
    unsigned char Trail[6];
} DBCS_PAGE;

static const DBCS_PAGE DbcsPages[] = {
    {932, {0x81, 0x9F, 0xE0, 0xFC}, {0x40, 0x7E, 0x80, 0xFC}},
    {936, {0x81, 0xFE}, {0x40, 0xFE}},
    {949, {0x81, 0xFE}, {0x41, 0xFE}},
    {950, {0x81, 0xFE}, {0x40, 0x7E, 0xA1, 0xFE}},
    {1361, {0x81, 0xD3, 0xD8, 0xDE, 0xE0, 0xF9}, {0x31, 0x7E, 0x81, 0xFE}},
};

static void MarkRanges(unsigned char *table, const unsigned char *ranges, size_t count, unsigned char bit)
{
    for (size_t i = 0; i + 1 < count && ranges[i]; i += 2) {
        for (unsigned c = ranges[i]; c <= ranges[i + 1]; c++) {
            table[c + 1] |= bit;
        }
    }
}

/* The single bytes' case, from kernel32's view of the code page (through
 * Latin-1's identity for the ASCII half of _MB_CP_SBCS and UTF-8): the
 * bytes go to UTF-16, are classed and mapped to the other case, and come
 * back, each step one call for all of them. A letter whose other case the
 * code page lacks (ß; ÿ's Ÿ in 28591) maps to itself. */
static void MarkCase(unsigned char *table, unsigned char *casemap, unsigned convert_cp, unsigned limit)
{
    char bytes[256], back[256];
    unsigned char which[256];
    WCHAR wide[256], upper[256], lower[256], other[256], again[256];
    WORD types[256];
    int n = 0;
    for (unsigned c = 1; c < limit; c++) {
        if (!(table[c + 1] & _M1)) {
            which[n] = (unsigned char)c;
            bytes[n++] = (char)c;
        }
    }
    if (MultiByteToWideChar(convert_cp, 0, bytes, n, wide, n) != n || !GetStringTypeW(CT_CTYPE1, wide, n, types) ||
        LCMapStringW(LOCALE_USER_DEFAULT, LCMAP_UPPERCASE, wide, n, upper, n) != n ||
        LCMapStringW(LOCALE_USER_DEFAULT, LCMAP_LOWERCASE, wide, n, lower, n) != n) {
        return;
    }
    for (int i = 0; i < n; i++) {
        other[i] = types[i] & C1_UPPER ? lower[i] : types[i] & C1_LOWER ? upper[i] : wide[i];
    }
    /* Back to bytes, and once more to UTF-16: a byte that does not come
     * back as the same character was the default character. */
    if (WideCharToMultiByte(convert_cp, 0, other, n, back, n, NULL, NULL) != n ||
        MultiByteToWideChar(convert_cp, 0, back, n, again, n) != n) {
        return;
    }
    for (int i = 0; i < n; i++) {
        unsigned c = which[i];
        if (types[i] & (C1_UPPER | C1_LOWER)) {
            table[c + 1] |= types[i] & C1_UPPER ? _SBUP : _SBLOW;
            casemap[c] = again[i] == other[i] ? (unsigned char)back[i] : (unsigned char)c;
        }
    }
}

static int SetPage(int codepage)
{
    unsigned char table[257] = {0};
    unsigned char casemap[256] = {0};
    int dbcs = 0;
    if (codepage == -3) {          /* _MB_CP_ANSI */
        codepage = (int)GetACP();
    } else if (codepage == -2) {   /* _MB_CP_OEM */
        codepage = (int)GetOEMCP();
    } else if (codepage == -4) {   /* _MB_CP_LOCALE: the C locale has none */
        codepage = ___lc_codepage_func();
    }
    const DBCS_PAGE *page = NULL;
    for (size_t i = 0; i < sizeof DbcsPages / sizeof DbcsPages[0]; i++) {
        if (DbcsPages[i].CodePage == codepage) {
            page = &DbcsPages[i];
        }
    }
    if (page) {
        MarkRanges(table, page->Lead, sizeof page->Lead, _M1);
        MarkRanges(table, page->Trail, sizeof page->Trail, _M2);
        if (codepage == 932) {     /* half-width katakana: 0xA1-0xA5 punctuation, the rest letters */
            for (unsigned c = 0xA1; c <= 0xDF; c++) {
                table[c + 1] |= c <= 0xA5 ? _MP : _MS;
            }
        }
        dbcs = 1;
        MarkCase(table, casemap, LATIN1_CP, 0x80);
    } else if (codepage == 0) {    /* _MB_CP_SBCS: ASCII */
        MarkCase(table, casemap, LATIN1_CP, 0x80);
    } else {
        CPINFO info;
        if (codepage < 0 || !GetCPInfo((UINT)codepage, &info)) {
            errno = EINVAL;
            return -1;
        }
        if (info.MaxCharSize == 2) {   /* a double-byte page kernel32 knows and msvcrt does not */
            MarkRanges(table, info.LeadByte, sizeof info.LeadByte, _M1);
            for (unsigned c = 1; c < 256; c++) {
                table[c + 1] |= _M2;
            }
            dbcs = 1;
        }
        MarkCase(table, casemap, (unsigned)codepage, codepage == CP_UTF8 ? 0x80 : 0x100);
    }
    memcpy(_mbctype, table, sizeof table);
    memcpy(_mbcasemap, casemap, sizeof casemap);
    MbCodePage = codepage;
    MbIsDbcs = dbcs;
    return 0;
}

/* At DLL_PROCESS_ATTACH: the ANSI code page, as msvcrt.dll starts. Its
 * ASCII letters are known without asking; the rest of its table is asked
 * of kernel32 the first time the table is used (Pending), which spares
 * every program's start-up the work. A program that reads the _mbctype
 * export before calling any _mbs function sees only the ASCII half. */
static volatile LONG Pending;

void CrtInitMbcs(void)
{
    int ansi = (int)GetACP();
    for (size_t i = 0; i < sizeof DbcsPages / sizeof DbcsPages[0]; i++) {
        if (DbcsPages[i].CodePage == ansi) {
            SetPage(ansi);   /* no kernel32 calls for these */
            return;
        }
    }
    for (unsigned c = 'A'; c <= 'Z'; c++) {
        _mbctype[c + 1] = _SBUP;
        _mbctype[c + 32 + 1] = _SBLOW;
        _mbcasemap[c] = (unsigned char)(c + 32);
        _mbcasemap[c + 32] = (unsigned char)c;
    }
    MbCodePage = ansi;
    Pending = 1;
}

static void Ensure(void)
{
    if (Pending && InterlockedExchange(&Pending, 0)) {
        SetPage(MbCodePage);
    }
}
int CrtMbcsIsDbcs(void) { return MbIsDbcs; }

int CDECL _setmbcp(int codepage)
{
    Ensure();   /* a refused page leaves the current one whole */
    return SetPage(codepage);
}
int CDECL _getmbcp(void) { return MbCodePage; }
unsigned char *CDECL __p__mbctype(void)
{
    Ensure();
    return _mbctype;
}

unsigned char *CDECL __p__mbcasemap(void)
{
    Ensure();
    return _mbcasemap;
}

/* ------------------------------------------------------------ single bytes */
static int Bits(unsigned c)
{
    Ensure();
    return _mbctype[(c & 0xFF) + 1];
}

int CDECL _ismbblead(unsigned int c) { return Bits(c) & _M1; }
int CDECL _ismbbtrail(unsigned int c) { return Bits(c) & _M2; }
int CDECL _ismbbkalnum(unsigned int c) { return Bits(c) & _MS; }
int CDECL _ismbbkpunct(unsigned int c) { return Bits(c) & _MP; }
int CDECL _ismbbkana(unsigned int c) { return Bits(c) & (_MS | _MP); }
int CDECL _ismbbkprint(unsigned int c) { return Bits(c) & (_MS | _MP); }
/* The C locale's class, or 932's half-width katakana (Microsoft's
 * definitions: _ismbbalpha is isalpha || _ismbbkalnum, and so on). */
int CDECL _ismbbalpha(unsigned int c) { return isalpha((int)(c & 0xFF)) || _ismbbkalnum(c); }
int CDECL _ismbbalnum(unsigned int c) { return isalnum((int)(c & 0xFF)) || _ismbbkalnum(c); }
int CDECL _ismbbgraph(unsigned int c) { return isgraph((int)(c & 0xFF)) || _ismbbkana(c); }
int CDECL _ismbbprint(unsigned int c) { return isprint((int)(c & 0xFF)) || _ismbbkana(c); }
int CDECL _ismbbpunct(unsigned int c) { return ispunct((int)(c & 0xFF)) || _ismbbkpunct(c); }
int CDECL _ismbclegal(unsigned int c) { return _ismbblead(c >> 8) && _ismbbtrail(c); }

/* _MBC_SINGLE 0, _MBC_LEAD 1, _MBC_TRAIL 2, _MBC_ILLEGAL -1. type 1
 * (the previous byte was a lead byte): is c a trail byte; otherwise a
 * lead byte, or a single character (printable). */
int CDECL _mbbtype(unsigned char c, int type)
{
    if (type == 1) {
        return _ismbbtrail(c) ? 2 : -1;
    }
    return _ismbblead(c) ? 1 : _ismbbprint(c) ? 0 : -1;
}

/* The type of the byte at str + count, found by walking from str; a
 * terminator before it (or at it) is illegal. */
int CDECL _mbsbtype(const unsigned char *str, size_t count)
{
    int type = 0;
    for (size_t i = 0; i < count; i++) {
        if (!str[i]) {
            return -1;
        }
        type = _mbbtype(str[i], type);
    }
    return _mbbtype(str[count], type);
}

/* Whether str (within the string at start) is a lead byte, or a trail
 * byte: -1 for yes. A byte can be both kinds, so the string is walked
 * from its start. */
int CDECL _ismbslead(const unsigned char *start, const unsigned char *str)
{
    if (!MbIsDbcs) {
        return 0;
    }
    int lead = 0;
    for (; start <= str; start++) {
        if (!*start) {
            return 0;
        }
        lead = !lead && _ismbblead(*start);
    }
    return lead ? -1 : 0;
}

int CDECL _ismbstrail(const unsigned char *start, const unsigned char *str)
{
    return str > start && _ismbslead(start, str - 1) ? -1 : 0;
}

/* ------------------------------------------------------------ characters */
/* A character's UTF-16 value in the code page (0: none here). */
static WCHAR ToWide(unsigned c)
{
    if (c < 0x80) {
        return (WCHAR)c;
    }
    if (MbIsDbcs || c > 0xFF) {
        return 0;    /* no double-byte code page in kernel32 */
    }
    char byte = (char)c;
    WCHAR w;
    unsigned cp = MbCodePage ? (unsigned)MbCodePage : LATIN1_CP;
    if (MbCodePage == 0 || MbCodePage == CP_UTF8 ||
        MultiByteToWideChar(cp, 0, &byte, 1, &w, 1) != 1) {
        return 0;
    }
    return w;
}

int CDECL _ismbcalpha(unsigned int c) { return iswalpha(ToWide(c)); }
int CDECL _ismbcalnum(unsigned int c) { return iswalnum(ToWide(c)); }
int CDECL _ismbcdigit(unsigned int c) { return iswdigit(ToWide(c)); }
int CDECL _ismbcgraph(unsigned int c) { return iswgraph(ToWide(c)); }
int CDECL _ismbcprint(unsigned int c) { return iswprint(ToWide(c)); }
int CDECL _ismbcpunct(unsigned int c) { return iswpunct(ToWide(c)); }
int CDECL _ismbcspace(unsigned int c) { return iswspace(ToWide(c)); }
int CDECL _ismbcupper(unsigned int c) { return iswupper(ToWide(c)); }
int CDECL _ismbclower(unsigned int c) { return iswlower(ToWide(c)); }

/* A symbol: CT_CTYPE3's C3_SYMBOL for its UTF-16 value. */
int CDECL _ismbcsymbol(unsigned int c)
{
    WCHAR w = ToWide(c);
    WORD type = 0;
    return w && GetStringTypeW(CT_CTYPE3, &w, 1, &type) && (type & C3_SYMBOL);
}

/* A single byte by _mbcasemap; a double-byte character is left as it is. */
unsigned int CDECL _mbctoupper(unsigned int c) { return c <= 0xFF && (Bits(c) & _SBLOW) ? _mbcasemap[c] : c; }
unsigned int CDECL _mbctolower(unsigned int c) { return c <= 0xFF && (Bits(c) & _SBUP) ? _mbcasemap[c] : c; }

size_t CDECL _mbclen(const unsigned char *s) { return _ismbblead(*s) ? 2 : 1; }

/* The character at s: a lead byte and the byte after it, or one byte. */
unsigned int CDECL _mbsnextc(const unsigned char *s)
{
    return _ismbblead(*s) ? (unsigned)(s[0] << 8 | s[1]) : s[0];
}

void CDECL _mbccpy(unsigned char *dst, const unsigned char *src)
{
    dst[0] = src[0];
    if (_ismbblead(src[0])) {
        dst[1] = src[1];
    }
}

/* ------------------------------------------------------------ code page 932 */
int CDECL _ismbchira(unsigned int c) { return MbCodePage == 932 && c >= 0x829F && c <= 0x82F1; }
int CDECL _ismbckata(unsigned int c) { return MbCodePage == 932 && c >= 0x8340 && c <= 0x8396 && c != 0x837F; }
/* JIS X 0208's non-kanji rows, level-1 kanji, level-2 kanji. */
int CDECL _ismbcl0(unsigned int c) { return MbCodePage == 932 && _ismbclegal(c) && c >= 0x8140 && c <= 0x889E; }
int CDECL _ismbcl1(unsigned int c) { return MbCodePage == 932 && _ismbclegal(c) && c >= 0x889F && c <= 0x9872; }
int CDECL _ismbcl2(unsigned int c) { return MbCodePage == 932 && _ismbclegal(c) && c >= 0x989F && c <= 0xEAA4; }

/* Katakana and hiragana share their order; katakana skips 0x837F. */
unsigned int CDECL _mbctohira(unsigned int c)
{
    if (_ismbckata(c) && c <= 0x8393) {
        return c - 0x8340 - (c > 0x837F) + 0x829F;
    }
    return c;
}

unsigned int CDECL _mbctokata(unsigned int c)
{
    if (_ismbchira(c)) {
        unsigned k = c - 0x829F + 0x8340;
        return k + (k >= 0x837F);
    }
    return c;
}

/* JIS X 0208 (row and cell 0x21-0x7E each) to Shift JIS and back: two
 * rows share a lead byte, the odd row's cells below the even row's. */
unsigned int CDECL _mbcjistojms(unsigned int c)
{
    if (MbCodePage != 932) {
        return c;
    }
    unsigned row = c >> 8 & 0xFF, cell = c & 0xFF;
    if (c > 0xFFFF || row < 0x21 || row > 0x7E || cell < 0x21 || cell > 0x7E) {
        return 0;
    }
    unsigned lead = (row - 0x21) / 2 + 0x81;
    if (lead > 0x9F) {
        lead += 0x40;
    }
    unsigned trail = row & 1 ? cell + 0x1F + (cell >= 0x60) : cell + 0x7E;
    return lead << 8 | trail;
}

unsigned int CDECL _mbcjmstojis(unsigned int c)
{
    if (MbCodePage != 932) {
        return c;
    }
    unsigned lead = c >> 8 & 0xFF, trail = c & 0xFF;
    if (c > 0xFFFF || !_ismbclegal(c) || lead >= 0xF0) {
        return 0;
    }
    unsigned row = ((lead >= 0xE0 ? lead - 0x40 : lead) - 0x81) * 2 + 0x21;
    unsigned cell;
    if (trail >= 0x9F) {
        row++;
        cell = trail - 0x7E;
    } else {
        cell = trail - 0x1F - (trail >= 0x80);
    }
    return row << 8 | cell;
}

/* Full-width forms in 932: the space, digits and Latin letters (the
 * full-width punctuation and katakana are not converted here). */
unsigned int CDECL _mbbtombc(unsigned int c)
{
    if (MbCodePage != 932) {
        return c;
    }
    if (c == ' ') return 0x8140;
    if (c >= '0' && c <= '9') return c - '0' + 0x824F;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 0x8260;
    if (c >= 'a' && c <= 'z') return c - 'a' + 0x8281;
    return c;
}

unsigned int CDECL _mbctombb(unsigned int c)
{
    if (MbCodePage != 932) {
        return c;
    }
    if (c == 0x8140) return ' ';
    if (c >= 0x824F && c <= 0x8258) return c - 0x824F + '0';
    if (c >= 0x8260 && c <= 0x8279) return c - 0x8260 + 'A';
    if (c >= 0x8281 && c <= 0x829A) return c - 0x8281 + 'a';
    return c;
}

/* The C locale's lead bytes (setlocale's code page, not _setmbcp's): none. */
int CDECL isleadbyte(int c) { return _isctype(c, 0x8000); }
