/*
 * msvcrt.dll's printf parses and formats as Windows' does, quirks included
 * (Wine's msvcrt tests printf.c, test_sprintf, lines 93-247 and 330-378,
 * and test_xcvt's table, lines 674-681, record Windows' answers):
 *   - a precision has no limit for integers: "%.80d" gives 80 digits;
 *   - what is neither a size nor a conversion is printed as text from
 *     there on: "%Iq" is "Iq", "%w-s" is "-s", "%b" is "b"; F and N (the
 *     old far and near) are sizes, so "%F" prints nothing; q is no size;
 *     I, z and t are sizes only before d, i, o, u, x or X; hh is h;
 *   - the '0' flag pads strings and characters with zeros: "%04s";
 *   - %p: '#' adds 0X, '0' is ignored;
 *   - infinities and NaNs are the "digits" 1#INF, 1#IND, 1#QNAN, rounded
 *     and trimmed as digits are: "%.2f" of an infinity is 1.#J, "%g" of
 *     a NaN is 1.#QNAN; _ecvt and _fcvt round them the same way;
 *   - a wide %S the C locale cannot hold fails the call (-1); a %C of it
 *     prints nothing.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The text is undefined when the call fails. */
static void Show(const char *label, int r, const char *buffer) { printf("%-14s %3d [%s]\n", label, r, r < 0 ? "" : buffer); }

#define INT_CASE(format, value)                                                                                        \
    do {                                                                                                               \
        char b[200];                                                                                                   \
        int r = sprintf(b, format, value);                                                                             \
        Show(format, r, b);                                                                                            \
    } while (0)

static double Indefinite(void)
{
    union { unsigned long long u; double d; } v = {0xFFF8000000000000ull};
    return v.d;
}

int main(void)
{
    INT_CASE("%.80I64d", 1ll);
    INT_CASE("% .80d", 1);
    INT_CASE("%I", 1);
    INT_CASE("%Iq", 1);
    INT_CASE("%Ihd", 1);
    INT_CASE("%I0d", 1);
    INT_CASE("%Ix", 0x123456);
    INT_CASE("%zx", 1);
    INT_CASE("%z", 1);
    INT_CASE("%t", 1);
    INT_CASE("%jd", -1ll);
    INT_CASE("%04c", '1');
    INT_CASE("%-04c", '1');
    INT_CASE("%04s", "foo");
    INT_CASE("%w-s", L"wide");
    INT_CASE("%#+ -03whlls", L"wide");
    INT_CASE("%Ls", "not wide");
    INT_CASE("%k%m%q%r%t%v%y%z", 0);
    INT_CASE("%F", 1);
    INT_CASE("%N", 1);
    INT_CASE("%H", 1);
    INT_CASE("%hhx", 0x12345);
    INT_CASE("%#012p", (void *)57);
    INT_CASE("%#-012p", (void *)57);
    INT_CASE("%Fp", (void *)57);
    INT_CASE("a%Cb", 0x3042);
    INT_CASE("%S", L"\x3042");

    double specials[] = {Indefinite(), NAN, INFINITY, -INFINITY};
    const char *formats[] = {"%f", "%e", "%g", "%010.2f", "%.1f", "%.0f"};
    for (int i = 0; i < 4; i++) {
        for (int f = 0; f < 6; f++) {
            char b[64];
            int r = sprintf(b, formats[f], specials[i]);
            Show(formats[f], r, b);
        }
    }
    double cvt[] = {NAN, -NAN, INFINITY};
    for (int i = 0; i < 3; i++) {
        for (int digits = 2; digits <= 5; digits += 3) {
            int point, sign;
            char e[32];
            strcpy(e, _ecvt(cvt[i], digits, &point, &sign));
            char *f = _fcvt(cvt[i], digits, &point, &sign);
            printf("cvt %d digits: _ecvt [%s] _fcvt [%s] point %d sign %d\n", digits, e, f, point, sign);
        }
    }
    return 0;
}
