/*
 * msvcrt's multibyte code page and its _mbs* family, with the answers
 * msvcrt.dll gives (Wine's conformance tests, dlls/msvcrt/tests/string.c,
 * run on Windows; Microsoft's documentation). The page starts as the
 * ANSI code page (1252 here); the double-byte pages come from msvcrt's
 * own lead/trail table, so their byte-level answers are exact too.
 */
#include <errno.h>
#include <locale.h>
#include <mbctype.h>
#include <mbstring.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* msvcrt.dll exports it; mingw declares it only for Visual C++ 5 programs. */
__declspec(dllimport) unsigned char *__cdecl __p__mbctype(void);

static void Hex(const char *what, const unsigned char *p, size_t n)
{
    printf("%s:", what);
    for (size_t i = 0; i < n; i++) {
        printf(" %02x", p[i]);
    }
    printf("\n");
}

/* The 256 bytes' _mbctype, run-length coded as Wine's test tables are. */
static void Table(void)
{
    unsigned char *t = __p__mbctype();
    printf("  table:");
    int prev = t[0], count = 1;
    for (int i = 1; i < 257; i++) {
        if (t[i] != prev) {
            printf(" %x*%d", prev, count);
            prev = t[i];
            count = 1;
        } else {
            count++;
        }
    }
    printf(" %x*%d\n", prev, count);
}

static void SingleByte(void)
{
    unsigned char *t = __p__mbctype();
    printf("startup: _getmbcp %d, __mb_cur_max %d\n", _getmbcp(), __mb_cur_max);
    printf("1252: [10]=%x [50]=%x ['B']=%x ['d']=%x [0x7f]=%x\n", t[10 + 1], t[50 + 1], t['B' + 1], t['d' + 1],
           t[0x7f + 1]);
    printf("1252: E9 %x C9 %x 8A %x 9A %x DF %x F7 %x, toupper(E9)=%x tolower(C9)=%x toupper(DF)=%x\n",
           t[0xE9 + 1], t[0xC9 + 1], t[0x8A + 1], t[0x9A + 1], t[0xDF + 1], t[0xF7 + 1], _mbctoupper(0xE9),
           _mbctolower(0xC9), _mbctoupper(0xDF));
    printf("1252: lead(0x81)=%d, _ismbcalpha(E9)=%d _ismbclower(E9)=%d _ismbcupper('A')=%d _ismbcdigit('7')=%d "
           "_ismbcspace('\\t')=%d _ismbcprint(' ')=%d _ismbcpunct('!')=%d\n",
           _ismbblead(0x81), !!_ismbcalpha(0xE9), !!_ismbclower(0xE9), !!_ismbcupper('A'), !!_ismbcdigit('7'),
           !!_ismbcspace('\t'), !!_ismbcprint(' '), !!_ismbcpunct('!'));
    printf("1252: _ismbcsymbol '+' %d '$' %d 'a' %d '7' %d\n", !!_ismbcsymbol('+'), !!_ismbcsymbol('$'),
           !!_ismbcsymbol('a'), !!_ismbcsymbol('7'));
    unsigned char s[] = "Hello, World";
    printf("1252: _mbslen %u _mbsnbcnt(5) %u _mbsnccnt(5) %u _mbschr(o)+%d _mbsrchr(o)+%d _mbsstr(Wor)+%d\n",
           (unsigned)_mbslen(s), (unsigned)_mbsnbcnt(s, 5), (unsigned)_mbsnccnt(s, 5),
           (int)(_mbschr(s, 'o') - s), (int)(_mbsrchr(s, 'o') - s),
           (int)(_mbsstr(s, (const unsigned char *)"Wor") - s));
    printf("1252: cmp %d icmp %d ncmp %d nicmp %d nbcmp %d nbicmp %d\n",
           _mbscmp((const unsigned char *)"abc", (const unsigned char *)"abd"),
           _mbsicmp((const unsigned char *)"ABC", (const unsigned char *)"abc"),
           _mbsncmp((const unsigned char *)"abcx", (const unsigned char *)"abcy", 3),
           _mbsnicmp((const unsigned char *)"ABcx", (const unsigned char *)"abCy", 4),
           _mbsnbcmp((const unsigned char *)"b", (const unsigned char *)"a", 1),
           _mbsnbicmp((const unsigned char *)"_", (const unsigned char *)"a", 1));
    unsigned char up[] = "Mixed Case \xe9";
    _mbsupr(up);
    Hex("1252: _mbsupr (the C locale's case)", up, 12);
    _mbslwr(up);
    Hex("1252: _mbslwr", up, 12);
    /* Wine's test_mbsspn and test_mbsspnp */
    unsigned char cab[] = "cabernet", shiraz[] = "shiraz";
    printf("spn: %u %u %u, spnp: %c %c %c %s, cspn %u, pbrk %s\n",
           (unsigned)_mbsspn(cab, (const unsigned char *)"abc"), (unsigned)_mbsspn(shiraz, (const unsigned char *)"abc"),
           (unsigned)_mbsspn(cab, (const unsigned char *)""), *_mbsspnp(cab, (const unsigned char *)"abc"),
           *_mbsspnp(shiraz, (const unsigned char *)"abc"), *_mbsspnp(cab, (const unsigned char *)""),
           _mbsspnp(cab, (const unsigned char *)"abcenrt") ? "found" : "NULL",
           (unsigned)_mbscspn(cab, (const unsigned char *)"xyzn"), (char *)_mbspbrk(cab, (const unsigned char *)"rt"));
    unsigned char tok[] = "  one, two;;three ";
    printf("tok:");
    for (unsigned char *w = _mbstok(tok, (const unsigned char *)" ,;"); w; w = _mbstok(NULL, (const unsigned char *)" ,;")) {
        printf(" [%s]", (char *)w);
    }
    printf("\n");
    unsigned char rev[] = "stressed", set[] = "abcdef";
    printf("rev %s,", (char *)_mbsrev(rev));
    printf(" nset %s,", (char *)_mbsnset(set, 'x', 3));
    printf(" nbset %s,", (char *)_mbsnbset(set, 'z', 2));
    printf(" set %s\n", (char *)_mbsset(set, 'y'));
    unsigned char cat[16] = "ab";
    _mbsncat(cat, (const unsigned char *)"cdef", 2);
    _mbsnbcat(cat, (const unsigned char *)"ghij", 1);
    _mbscat(cat, (const unsigned char *)"!");
    unsigned char *dup = _mbsdup(cat);
    printf("cat %s dup %s inc +%d dec +%d, mbbtype('a',0)=%d ('\\n',0)=%d ('a',1)=%d\n", (char *)cat, (char *)dup,
           (int)(_mbsinc(cat) - cat), (int)(_mbsdec(cat, cat + 3) - cat), _mbbtype('a', 0), _mbbtype('\n', 0),
           _mbbtype('a', 1));
    free(dup);
    printf("_mbbtombc('A')=%x _mbctombb(0x8260)=%x (not 932)\n", _mbbtombc('A'), _mbctombb(0x8260));
}

static void CodePages(void)
{
    errno = 0;
    int r = _setmbcp(12345);   /* not installed: refused, the page kept */
    printf("_setmbcp(12345) %d errno %d, still %d\n", r, errno, _getmbcp());
    r = _setmbcp(_MB_CP_SBCS);
    unsigned char *t = __p__mbctype();
    printf("_setmbcp(_MB_CP_SBCS) %d -> %d, upper 'B' %x, lower 'd' %x, E9 %x\n", r, _getmbcp(), t['B' + 1],
           t['d' + 1], t[0xE9 + 1]);
    r = _setmbcp(_MB_CP_OEM);
    printf("_setmbcp(_MB_CP_OEM) %d -> %d, 82 (e-acute) %x 90 (E-acute) %x\n", r, _getmbcp(), t[0x82 + 1], t[0x90 + 1]);
    r = _setmbcp(_MB_CP_LOCALE);
    printf("_setmbcp(_MB_CP_LOCALE) %d -> %d (the C locale)\n", r, _getmbcp());
    r = _setmbcp(_MB_CP_ANSI);
    printf("_setmbcp(_MB_CP_ANSI) %d -> %d\n", r, _getmbcp());
    static const int pages[] = {932, 936, 949, 950};
    for (int i = 0; i < 4; i++) {
        r = _setmbcp(pages[i]);
        printf("_setmbcp(%d) %d -> %d\n", pages[i], r, _getmbcp());
        Table();
    }
}

/* Wine's test_mbcp, on code page 936. */
static void DoubleByte(void)
{
    const unsigned char *mbstring = (const unsigned char *)"\xb0\xb1\xb2 \xb3\xb4 \xb5";   /* b2 has a bad trail byte */
    const unsigned char *mbstring2 = (const unsigned char *)"\xb0\xb1\xb2\xb3Q\xb4\xb5";
    const unsigned char *onlylead = (const unsigned char *)"\xb0\0\xb1\xb2 \xb3";
    unsigned char buf[16];
    _setmbcp(936);
    printf("936: __mb_cur_max %d, lead(EC)=%d lead(' ')=%d lead(0x1234b0)=%d lead(0x123420)=%d trail(B0)=%d trail(' ')=%d\n",
           __mb_cur_max, !!_ismbblead(0xEC), !!_ismbblead(' '), !!_ismbblead(0x1234b0), !!_ismbblead(0x123420),
           !!_ismbbtrail(0xB0), !!_ismbbtrail(' '));
    printf("ismbslead:");
    for (int i = 0; i <= 8; i++) printf(" %d", _ismbslead(mbstring, mbstring + i));
    for (int i = 0; i <= 5; i++) printf(" %d", _ismbslead(onlylead, onlylead + i));
    printf("\nismbstrail:");
    for (int i = 0; i <= 8; i++) printf(" %d", _ismbstrail(mbstring, mbstring + i));
    for (int i = 0; i <= 5; i++) printf(" %d", _ismbstrail(onlylead, onlylead + i));
    printf("\nmbsbtype:");
    for (int i = 0; i <= 8; i++) printf(" %d", _mbsbtype(mbstring, i));
    for (int i = 0; i <= 5; i++) printf(" %d", _mbsbtype(onlylead, i));
    printf("\nmbsnextc %x %x %x, mbclen %u %u %u, mbslen %u %u %u\n", _mbsnextc(mbstring), _mbsnextc(mbstring + 2),
           _mbsnextc(mbstring + 3), (unsigned)_mbclen(mbstring), (unsigned)_mbclen(mbstring + 2),
           (unsigned)_mbclen(mbstring + 3), (unsigned)_mbslen(mbstring2), (unsigned)_mbslen(onlylead),
           (unsigned)_mbslen(mbstring));
    memset(buf, 0xff, sizeof buf);
    _mbccpy(buf, mbstring);
    Hex("mbccpy", buf, 3);
    for (size_t n = 1; n <= 5; n++) {
        memset(buf, 0xff, sizeof buf);
        _mbsncpy(buf, mbstring, n);
        printf("mbsncpy %u", (unsigned)n);
        Hex("", buf, 10);
    }
    memset(buf, 0xff, sizeof buf);
    _mbsncpy(buf, onlylead, 6);
    Hex("mbsncpy onlylead 6", buf, 8);
    memset(buf, 0xff, sizeof buf);
    _mbsnbcpy(buf, mbstring2, 2);
    Hex("mbsnbcpy 2", buf, 3);
    _mbsnbcpy(buf, mbstring2, 3);
    Hex("mbsnbcpy 3", buf, 4);
    _mbsnbcpy(buf, mbstring2, 4);
    Hex("mbsnbcpy 4", buf, 5);
    memset(buf, 0xff, sizeof buf);
    _mbsnbcpy(buf, onlylead, 5);
    Hex("mbsnbcpy onlylead 5", buf, 6);
    printf("mbsinc +%d +%d, mbsninc onlylead %d %d, mbstring2",
           (int)(_mbsinc(mbstring) - mbstring), (int)(_mbsinc(mbstring + 2) - (mbstring + 2)),
           (int)(_mbsninc(onlylead, 1) - onlylead), (int)(_mbsninc(onlylead, 2) - onlylead));
    static const size_t steps[] = {0, 1, 2, 3, 4, 5, 17};
    for (int i = 0; i < 7; i++) printf(" %d", (int)(_mbsninc(mbstring2, steps[i]) - mbstring2));
    printf("\nmblen %d, _mbstrlen %u (the C locale's code page, not _setmbcp's)\n", mblen((const char *)mbstring, 3),
           (unsigned)_mbstrlen((const char *)mbstring2));
    /* Characters, not bytes: */
    unsigned char two[] = "a\xb0\xb1" "b\xc4\xe3";
    printf("mbsdec %d %d, nbcnt(2) %u nccnt(3) %u, chr(b0b1)+%d chr(b1)=%s rchr('b')+%d\n",
           (int)(_mbsdec(two, two + 3) - two), (int)(_mbsdec(two, two + 1) - two), (unsigned)_mbsnbcnt(two, 2),
           (unsigned)_mbsnccnt(two, 3), (int)(_mbschr(two, 0xb0b1) - two), _mbschr(two, 0xb1) ? "found" : "NULL",
           (int)(_mbsrchr(two, 'b') - two));
    printf("cmp %d %d, nbcmp(2) %d, icmp %d, str(b1b2)=%s\n",
           _mbscmp((const unsigned char *)"\xb0\xb1", (const unsigned char *)"\xb0\xb2"),
           _mbscmp((const unsigned char *)"\xb0\xb1", (const unsigned char *)"z"),
           _mbsnbcmp((const unsigned char *)"a\xb0\xb1", (const unsigned char *)"a\xb0\xb2", 2),
           _mbsicmp((const unsigned char *)"A\xb0\xb1", (const unsigned char *)"a\xb0\xb1"),
           _mbsstr((const unsigned char *)"\xb0\xb1\xb2\xb3", (const unsigned char *)"\xb1\xb2") ? "found" : "NULL");
    unsigned char r[] = "a\xb0\xb1" "bc";
    _mbsrev(r);
    Hex("mbsrev", r, 6);
    unsigned char f[] = "abcde";
    _mbsset(f, 0xb0b1);
    Hex("mbsset", f, 6);
    unsigned char f2[] = "abcde";
    _mbsnbset(f2, 0xb0b1, 3);
    Hex("mbsnbset 3", f2, 6);
    unsigned char c[12] = "x\xb0";
    _mbsnbcat(c, (const unsigned char *)"\xc4\xe3yz", 3);
    Hex("mbsnbcat", c, 6);
    unsigned char tk[] = "\xb0\xa1" "a\xb0\xb1" "b\xb0\xa1";
    unsigned char *first = _mbstok(tk, (const unsigned char *)"\xb0\xa1");
    Hex("mbstok", first, 5);
    _setmbcp(1361);
    printf("1361: lead 80 %d 81 %d 83 %d 84 %d d3 %d d7 %d d8 %d d9 %d, trail 30 %d 31 %d 7e %d 7f %d 80 %d 81 %d fe %d ff %d\n",
           !!_ismbblead(0x80), !!_ismbblead(0x81), !!_ismbblead(0x83), !!_ismbblead(0x84), !!_ismbblead(0xd3),
           !!_ismbblead(0xd7), !!_ismbblead(0xd8), !!_ismbblead(0xd9), !!_ismbbtrail(0x30), !!_ismbbtrail(0x31),
           !!_ismbbtrail(0x7e), !!_ismbbtrail(0x7f), !!_ismbbtrail(0x80), !!_ismbbtrail(0x81), !!_ismbbtrail(0xfe),
           !!_ismbbtrail(0xff));
}

/* Code page 932's Japanese extras. */
static void Japanese(void)
{
    _setmbcp(932);
    printf("932: kana(A1)=%d kana(DF)=%d kana(E0)=%d kalnum(B1)=%d kpunct(A1)=%d, mbbtype(B1,0)=%d (81,0)=%d\n",
           !!_ismbbkana(0xA1), !!_ismbbkana(0xDF), !!_ismbbkana(0xE0), !!_ismbbkalnum(0xB1), !!_ismbbkpunct(0xA1),
           _mbbtype(0xB1, 0), _mbbtype(0x81, 0));
    printf("932: jistojms %x %x %x %x, jmstojis %x %x %x %x\n", _mbcjistojms(0x2121), _mbcjistojms(0x2422),
           _mbcjistojms(0x7E7E), _mbcjistojms(0x2180), _mbcjmstojis(0x8140), _mbcjmstojis(0x82A0),
           _mbcjmstojis(0xEFFC), _mbcjmstojis(0x20));
    printf("932: hira(829f)=%d kata(8340)=%d kata(837f)=%d tohira(8340)=%x tohira(8380)=%x tokata(829f)=%x tokata(82de)=%x\n",
           !!_ismbchira(0x829f), !!_ismbckata(0x8340), !!_ismbckata(0x837f), _mbctohira(0x8340), _mbctohira(0x8380),
           _mbctokata(0x829f), _mbctokata(0x82de));
    printf("932: l0(8140)=%d l1(889f)=%d l2(989f)=%d legal(8140)=%d legal(817f)=%d\n", !!_ismbcl0(0x8140),
           !!_ismbcl1(0x889f), !!_ismbcl2(0x989f), !!_ismbclegal(0x8140), !!_ismbclegal(0x817f));
    printf("932: mbbtombc ' ' %x '5' %x 'A' %x 'z' %x, mbctombb %x %x %x %x\n", _mbbtombc(' '), _mbbtombc('5'),
           _mbbtombc('A'), _mbbtombc('z'), _mbctombb(0x8140), _mbctombb(0x8254), _mbctombb(0x8260), _mbctombb(0x829a));
    _setmbcp(_MB_CP_ANSI);
}

/* The secure forms (Wine's test__mbsnbcpy_s for the single-byte answers). */
static void Secure(void)
{
    unsigned char dest[8];
    memset(dest, 'X', sizeof dest);
    int r = _mbsnbcpy_s(dest, sizeof dest, (const unsigned char *)"small", 6);
    printf("_mbsnbcpy_s fits: %d", r);
    Hex("", dest, 8);
    memset(dest, 'X', sizeof dest);
    r = _mbsnbcpy_s(dest, sizeof dest - 2, (const unsigned char *)"atoolongstring", 6);
    printf("_mbsnbcpy_s too long: %d", r);
    Hex("", dest, 8);
    r = _mbsnbcpy_s(dest, sizeof dest, (const unsigned char *)"atoolongstring", _TRUNCATE);
    printf("_mbsnbcpy_s _TRUNCATE: %d [%s]\n", r, (char *)dest);
    r = _mbscpy_s(dest, sizeof dest, NULL);
    printf("_mbscpy_s from NULL: %d first %d\n", r, dest[0]);
    _mbscpy_s(dest, sizeof dest, (const unsigned char *)"ab");
    r = _mbscat_s(dest, sizeof dest, (const unsigned char *)"cde");
    printf("_mbscat_s: %d [%s]", r, (char *)dest);
    r = _mbsncat_s(dest, sizeof dest, (const unsigned char *)"fghij", 2);
    printf(" _mbsncat_s: %d [%s]", r, (char *)dest);
    r = _mbscat_s(dest, sizeof dest, (const unsigned char *)"xyz");
    printf(" too long: %d first %d\n", r, dest[0]);
    unsigned char up[8] = "abC";
    r = _mbsupr_s(up, sizeof up);
    printf("_mbsupr_s %d [%s]", r, (char *)up);
    r = _mbslwr_s(up, sizeof up);
    printf(" _mbslwr_s %d [%s]", r, (char *)up);
    memset(up, 'A', sizeof up);
    r = _mbslwr_s(up, sizeof up);
    printf(" unterminated %d first %d, (NULL, 0) %d\n", r, up[0], _mbslwr_s(NULL, 0));
    unsigned char tok[] = "a,b", *context = NULL;
    unsigned char *first = _mbstok_s(tok, (const unsigned char *)",", &context);
    unsigned char *second = _mbstok_s(NULL, (const unsigned char *)",", &context);
    unsigned char *third = _mbstok_s(NULL, (const unsigned char *)",", &context);
    printf("_mbstok_s [%s] [%s] %s\n", (char *)first, (char *)second, third ? "more" : "NULL");
    _setmbcp(936);
    memset(dest, 'X', sizeof dest);
    r = _mbsnbcpy_s(dest, sizeof dest, (const unsigned char *)"a\xb0\xb1" "b", 2);
    printf("936 _mbsnbcpy_s(2) of a+double: %d", r);
    Hex("", dest, 4);
    r = _mbsnbcpy_s(dest, 4, (const unsigned char *)"ab\xb0\xb1", _TRUNCATE);
    printf("936 _mbsnbcpy_s _TRUNCATE into 4: %d", r);
    Hex("", dest, 4);
    unsigned char lone[8] = "x\xb0";
    r = _mbscat_s(lone, sizeof lone, (const unsigned char *)"\xb1\xb2y");
    printf("936 _mbscat_s onto a lone lead byte: %d", r);
    Hex("", lone, 5);
    _setmbcp(932);   /* Wine's test__mbscat_s */
    unsigned char cat[8] = "\x81\x81\x52";
    printf("932 _mbscat_s after a whole double-byte character: %d,", _mbscat_s(cat, sizeof cat, (const unsigned char *)"a"));
    cat[0] = 0;
    printf(" a source with a bad trail byte: %d,", _mbscat_s(cat, sizeof cat, (const unsigned char *)"\x81\x81\x52"));
    memcpy(cat, "a\x81", 3);
    r = _mbscat_s(cat, sizeof cat, (const unsigned char *)"R");
    printf(" onto a lone lead: %s [%s],", r == EILSEQ ? "EILSEQ" : "other", (char *)cat);
    memcpy(cat, "a", 2);
    r = _mbscat_s(cat, sizeof cat, (const unsigned char *)"b\x81");
    printf(" ending in a lone lead: %s [%s]\n", r == EILSEQ ? "EILSEQ" : "other", (char *)cat);
    _setmbcp(936);
    int copied = -1;
    r = _mbccpy_s(dest, sizeof dest, &copied, (const unsigned char *)"\xb0\xb1");
    printf("936 _mbccpy_s: %d copied %d,", r, copied);
    r = _mbccpy_s(dest, 1, &copied, (const unsigned char *)"\xb0\xb1");
    printf(" into 1: %d,", r);
    r = _mbccpy_s(dest, sizeof dest, &copied, (const unsigned char *)"\xb0");
    printf(" lone lead: %d copied %d\n", r, copied);
    _setmbcp(_MB_CP_ANSI);
}

int main(void)
{
    SingleByte();
    CodePages();
    DoubleByte();
    Japanese();
    Secure();
    printf("isleadbyte(0xb0) %d in the C locale\n", isleadbyte(0xb0));
    return 0;
}
