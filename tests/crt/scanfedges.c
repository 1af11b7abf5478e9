/*
 * msvcrt's scanf at its edges, as Windows answers (Wine's msvcrt tests
 * scanf.c): %p and %P read hex digits but no 0x ("0x46F173" gives 0,
 * lines 95-121); after '%' a character that is no conversion is matched
 * itself ("%\"" matches '"', lines 139-143; L"%\x1234" in swscanf, line
 * 425); the width's digits and the size letters mix in any order, the
 * digits adding up ("%h02d" reads 2, "%2h0d" 20) and "hh" storing an int
 * (lines 230-257); swscanf of blanks only answers 0 where sscanf gives EOF
 * (line 417).
 */
#include <stdio.h>
#include <wchar.h>

int main(void)
{
    void *p = (void *)1;
    int r = sscanf("0x46F173", "%p", &p);
    printf("%%p of 0x46F173: %d %p\n", r, p);
    r = sscanf("1234", "%P", &p);
    printf("%%P of 1234: %d %p\n", r, p);
    r = sscanf("-46F174", "%p", &p);
    printf("%%p of -46F174: %d %p\n", r, p);

    int value = 0;
    r = sscanf("\"%12@", "%\"%%%d%@", &value);
    printf("%%\\\"%%%%%%d%%@ of \\\"%%12@: %d %d\n", r, value);

    const char *formats[] = {"%02hd", "%h02d", "%000h02d", "%2h0d", "%hhd"};
    for (int i = 0; i < 5; i++) {
        value = (int)0xdeadbeef;
        r = sscanf("12345678", formats[i], &value);
        printf("%-9s of 12345678: %d %08x\n", formats[i], r, (unsigned)value);
    }

    wchar_t text[8];
    r = swscanf(L" \t\n\n", L"%s", text);
    printf("swscanf of blanks: %d; sscanf of blanks: %d\n", r, sscanf(" \t\n\n", "%s", (char *)text));
    wchar_t input[] = {'a', 0x1234, 0x1234, 'b', 0};
    wchar_t c = 0;
    r = swscanf(input, L"a\x1234%\x1234%c", &c);
    printf("swscanf literal U+1234 after %%: %d %c\n", r, (char)c);
    return 0;
}
