/*
 * msvcrt.dll's character classes in the C locale, as its tables have them
 * (Wine's copies of msvcrt's _ctype and _wctype tables, dlls/msvcrt/ctype.c):
 * tab is a space and a control character but not a blank in the narrow
 * table, so isprint('\t') is 0, while the wide table marks it blank, so
 * iswprint(L'\t') is not; in the wide table all of 0xA1-0xBF is
 * punctuation (ª, µ and º too) and ², ³ and ¹ are digits as well.
 */
#include <ctype.h>
#include <stdio.h>
#include <wctype.h>

int main(void)
{
    printf("narrow tab: _pctype 0x%04x isprint %d isspace %d iscntrl %d isgraph %d\n", _pctype['\t'],
           isprint('\t'), isspace('\t') != 0, iscntrl('\t') != 0, isgraph('\t'));
    printf("narrow space: _pctype 0x%04x isprint %d\n", _pctype[' '], isprint(' ') != 0);
    printf("wide tab: _pwctype 0x%04x iswprint %d iswspace %d\n", _pwctype['\t'], iswprint(L'\t') != 0,
           iswspace(L'\t') != 0);
    static const unsigned short wide[] = {0x20, 0x7F, 0x85, 0xA0, 0xAA, 0xAD, 0xB2, 0xB3, 0xB5, 0xB9, 0xBA, 0xBF,
                                          0xC0, 0xD7, 0xDF, 0xF7, 0xFF};
    for (unsigned i = 0; i < sizeof wide / sizeof wide[0]; i++) {
        wint_t c = wide[i];
        printf("U+%04X: _pwctype 0x%04x alpha %d digit %d punct %d print %d lower %d\n", c, _pwctype[c],
               iswalpha(c) != 0, iswdigit(c) != 0, iswpunct(c) != 0, iswprint(c) != 0, iswlower(c) != 0);
    }
    return 0;
}
