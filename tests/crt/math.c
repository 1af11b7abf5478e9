/* math.h through msvcrt: each result as its 64-bit pattern, and errno.
 * The expected patterns (math.expected) are the correctly rounded values
 * (checked against 200-bit mpmath; glibc agrees on every one of these),
 * which is what msvcrt.dll's x87 code gives for them on a real x87; the
 * exact functions (sqrt, floor, fmod, ldexp, frexp, modf, ...) have one
 * right answer; the domain and range errors are Microsoft's documented
 * ones (EDOM with the x87's indefinite NaN, printed -1.#IND; ERANGE with
 * HUGE_VAL). */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

/* msvcrt's own functions, by name: mingw links some of math.h (sin, exp,
 * log, pow, fmod, floor, ...) from its own library instead. */
typedef double (__cdecl *F1)(double);
typedef double (__cdecl *F2)(double, double);
static FARPROC crt(const char *name)
{
    return GetProcAddress(GetModuleHandleA("msvcrt.dll"), name);
}
#define M1(name) ((F1)crt(#name))
#define M2(name) ((F2)crt(#name))

static unsigned long long bits(double d)
{
    unsigned long long u;
    memcpy(&u, &d, sizeof u);
    return u;
}

#define SHOW1(f, x)                                                                                \
    do {                                                                                           \
        errno = 0;                                                                                 \
        volatile double arg = (x);                                                                 \
        double r = M1(f)(arg);                                                                     \
        printf("%-6s(%-10s) = %016llx %.17g errno %d\n", #f, #x, bits(r), r, errno);               \
    } while (0)
#define SHOW2(f, x, y)                                                                             \
    do {                                                                                           \
        errno = 0;                                                                                 \
        volatile double a1 = (x), a2 = (y);                                                        \
        double r = M2(f)(a1, a2);                                                                  \
        printf("%-6s(%s, %s) = %016llx %.17g errno %d\n", #f, #x, #y, bits(r), r, errno);          \
    } while (0)

int main(void)
{
    SHOW1(sin, 0.5); SHOW1(sin, 1.0); SHOW1(sin, 3.0); SHOW1(sin, -2.5); SHOW1(sin, 100.0);
    SHOW1(cos, 0.5); SHOW1(cos, 1.0); SHOW1(cos, 3.0); SHOW1(cos, 1e-10);
    SHOW1(tan, 0.5); SHOW1(tan, 1.0); SHOW1(tan, -1.2);
    SHOW1(asin, 0.5); SHOW1(asin, 1.0); SHOW1(asin, 2.0);
    SHOW1(acos, 0.5); SHOW1(acos, -1.0); SHOW1(acos, 1.5);
    SHOW1(atan, 1.0); SHOW1(atan, -3.0); SHOW1(atan, 1e300);
    SHOW2(atan2, 1.0, 2.0); SHOW2(atan2, -1.0, -2.0); SHOW2(atan2, 0.0, -1.0);
    SHOW1(exp, 1.0); SHOW1(exp, 0.5); SHOW1(exp, -3.0); SHOW1(exp, 10.0); SHOW1(exp, 1000.0);
    SHOW1(exp, -1000.0);
    SHOW1(log, 2.0); SHOW1(log, 10.0); SHOW1(log, 0.1); SHOW1(log, 0.0); SHOW1(log, -1.0);
    SHOW1(log10, 1000.0); SHOW1(log10, 2.0); SHOW1(log10, 0.0);
    SHOW2(pow, 2.0, 10.0); SHOW2(pow, 10.0, -2.0); SHOW2(pow, 2.0, 0.5); SHOW2(pow, -2.0, 3.0);
    SHOW2(pow, -2.0, 0.5); SHOW2(pow, 0.0, -1.0); SHOW2(pow, 1.5, 2.5); SHOW2(pow, 10.0, 308.0);
    SHOW2(pow, 10.0, 309.0);
    SHOW1(sqrt, 2.0); SHOW1(sqrt, 1e-300); SHOW1(sqrt, -1.0);
    SHOW1(sinh, 1.0); SHOW1(cosh, 1.0); SHOW1(tanh, 0.5); SHOW1(tanh, 30.0);
    SHOW2(fmod, 10.0, 3.0); SHOW2(fmod, -10.0, 3.0); SHOW2(fmod, 5.5, 0.0); SHOW2(fmod, 1e300, 7.0);
    SHOW1(floor, 2.5); SHOW1(floor, -2.5); SHOW1(ceil, 2.5); SHOW1(ceil, -2.5); SHOW1(fabs, -0.0);
    double (__cdecl *msvcrt_ldexp)(double, int) = (double (__cdecl *)(double, int))crt("ldexp");
    errno = 0;
    printf("ldexp(1, 1023) = %016llx, ", bits(msvcrt_ldexp(1.0, 1023)));
    printf("ldexp(1, 1024) = %016llx errno %d, ", bits(msvcrt_ldexp(1.0, 1024)), errno);
    printf("ldexp(3, -1075) = %016llx\n", bits(msvcrt_ldexp(3.0, -1075)));
    SHOW2(_hypot, 3.0, 4.0); SHOW2(_copysign, 2.0, -0.0); SHOW2(_nextafter, 1.0, 2.0);
    SHOW1(_logb, 1024.0); SHOW1(_logb, 0.0);
    int e;
    double (__cdecl *msvcrt_frexp)(double, int *) = (double (__cdecl *)(double, int *))crt("frexp");
    double (__cdecl *msvcrt_modf)(double, double *) = (double (__cdecl *)(double, double *))crt("modf");
    double m = msvcrt_frexp(48.0, &e);
    printf("frexp(48) = %g * 2^%d\n", m, e);
    m = msvcrt_frexp(4.9406564584124654e-324, &e);
    printf("frexp(denormal min) = %g * 2^%d\n", m, e);
    double whole;
    m = msvcrt_modf(-3.75, &whole);
    printf("modf(-3.75) = %g and %g\n", m, whole);
    printf("_finite(1) %d, _isnan(nan) %d, _fpclass(-0.0) 0x%x, _fpclass(1.0) 0x%x, _fpclass(-inf) 0x%x\n",
           _finite(1.0), _isnan(sqrt(-1.0)) != 0, _fpclass(-0.0), _fpclass(1.0), _fpclass(-HUGE_VAL));
    unsigned int cw = _controlfp(0, 0);
    printf("_controlfp: rounding 0x%x, precision 0x%x\n", cw & _MCW_RC, cw & _MCW_PC);
    _controlfp(_RC_DOWN, _MCW_RC);
    volatile double third = 1.0;
    third /= 3.0;
    printf("1/3 rounded down: %016llx; control word now 0x%x\n", bits(third), _controlfp(0, 0) & _MCW_RC);
    _controlfp(_RC_NEAR, _MCW_RC);
    _clearfp();
    volatile double z = 0.0;
    volatile double q = 1.0 / z;
    (void)q;
    unsigned int s1 = _statusfp() & 0x8, c1 = _clearfp() & 0x8, s2 = _statusfp() & 0x8; /* _SW_ZERODIVIDE */
    printf("_statusfp after 1/0: 0x%x; _clearfp 0x%x then 0x%x\n", s1, c1, s2);
    return 0;
}
