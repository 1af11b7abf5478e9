/*
 * msvcrt's math functions given a NaN: the result is that NaN made quiet,
 * its payload kept (cosh, sinh and tanh of 0xFFF0000123456780 are
 * 0xFFF8000123456780), and atan, tanh and exp also set errno to EDOM,
 * while atan(+-inf), tanh(inf) and exp(inf) leave errno alone (Wine's
 * msvcrt tests misc.c, test_math_functions, lines 555-597).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

static double FromBits(unsigned long long u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static unsigned long long Bits(double d)
{
    unsigned long long u;
    memcpy(&u, &d, sizeof u);
    return u;
}

typedef double (*FUNCTION)(double);

static void Try(const char *name, FUNCTION f, double x)
{
    errno = 12345;
    double r = f(x);
    printf("%-5s(%016llx) = %016llx errno %s\n", name, Bits(x), Bits(r),
           errno == 12345 ? "unchanged" : errno == EDOM ? "EDOM" : "other");
}

/* msvcrt's exp by name: mingw links its own exp otherwise. */
static double MsvcrtExp(double x)
{
    FUNCTION f = (FUNCTION)GetProcAddress(GetModuleHandleA("msvcrt.dll"), "exp");
    return f(x);
}

int main(void)
{
    static const struct { const char *name; FUNCTION f; } functions[] = {
        {"cosh", cosh}, {"sinh", sinh}, {"tanh", tanh}, {"atan", atan}, {"exp", MsvcrtExp},
    };
    double signaling = FromBits(0xFFF0000123456780ull);
    double quiet = FromBits(0x7FF8000000000000ull);
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
        Try(functions[i].name, functions[i].f, signaling);
        Try(functions[i].name, functions[i].f, quiet);
    }
    Try("atan", atan, INFINITY);
    Try("atan", atan, -INFINITY);
    Try("tanh", tanh, INFINITY);
    Try("exp", MsvcrtExp, INFINITY);
    return 0;
}
