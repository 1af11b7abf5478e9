/*
 * math.h as msvcrt.dll exports it, computed the way msvcrt computes: on the
 * x87, in extended precision, with its transcendental instructions (fsin,
 * fcos, fptan, fpatan, fyl2x, f2xm1, fscale, fsqrt, fprem), rounded to double
 * once at the end. Domain errors give the x87's "indefinite" NaN and EDOM;
 * results too large give ±HUGE_VAL and ERANGE, as msvcrt's _matherr path.
 * The control-word calls (_controlfp, _control87, _clearfp, _statusfp,
 * _fpreset) translate msvcrt's abstract bits to the x87's.
 */
#include "msvcrt/crt.h"

typedef long double XFLOAT;   /* the x87's 80-bit format */

static double Indefinite(void)
{
    union { ULONGLONG u; double d; } v = {0xFFF8000000000000ull};
    return v.d;
}

static double Infinity(void)
{
    union { ULONGLONG u; double d; } v = {0x7FF0000000000000ull};
    return v.d;
}

static ULONGLONG Bits(double x)
{
    union { double d; ULONGLONG u; } v = {x};
    return v.u;
}

static int IsNan(double x) { return (Bits(x) & 0x7FFFFFFFFFFFFFFFull) > 0x7FF0000000000000ull; }
static int IsInf(double x) { return (Bits(x) & 0x7FFFFFFFFFFFFFFFull) == 0x7FF0000000000000ull; }

/* A NaN argument comes back quiet, its payload kept, as the x87 returns
 * it from any operation (Wine's msvcrt tests misc.c, test_math_functions:
 * cosh, sinh and tanh of 0xFFF0000123456780 give 0xFFF8000123456780). */
static double Quiet(double x)
{
    union { ULONGLONG u; double d; } v = {Bits(x) | 0x8000000000000ull};
    return v.d;
}

/* msvcrt's atan, exp and tanh also call a NaN argument a domain error. */
static double NanDomainError(double x)
{
    errno = EDOM;
    return Quiet(x);
}

static double DomainError(void)
{
    errno = EDOM;
    return Indefinite();
}

/* A finite argument whose result overflowed: ERANGE. */
static double RangeCheck(XFLOAT r)
{
    double d = (double)r;
    if (IsInf(d)) {
        errno = ERANGE;
    }
    return d;
}

/* ------------------------------------------------------------ x87 primitives */
static XFLOAT Fsqrt(XFLOAT x) { XFLOAT r; __asm__("fsqrt" : "=t"(r) : "0"(x)); return r; }
static XFLOAT Frndint(XFLOAT x) { XFLOAT r; __asm__("frndint" : "=t"(r) : "0"(x)); return r; }
static XFLOAT Fabs(XFLOAT x) { XFLOAT r; __asm__("fabs" : "=t"(r) : "0"(x)); return r; }


/* atan(y / x) with the quadrant of (x, y) */
static XFLOAT Fpatan(XFLOAT y, XFLOAT x)
{
    XFLOAT r;
    __asm__("fpatan" : "=t"(r) : "0"(x), "u"(y) : "st(1)");
    return r;
}

/* x * 2^trunc(e) */
static XFLOAT Fscale(XFLOAT x, XFLOAT e)
{
    XFLOAT r;
    __asm__("fscale" : "=t"(r) : "0"(x), "u"(e));
    return r;
}

/* The partial remainder of x by y until complete (fprem: truncating, as fmod). */
static XFLOAT Fprem1(XFLOAT x, XFLOAT y)
{
    XFLOAT r;
    __asm__("1: fprem1\n\t"
            "fnstsw %%ax\n\t"
            "testb $4, %%ah\n\t"
            "jnz 1b"
            : "=t"(r) : "0"(x), "u"(y) : "eax", "cc");
    return r;
}


/*
 * The transcendental functions are evaluated in extended precision with
 * the x87's exactly rounded operations (add, multiply, divide, fsqrt,
 * fscale, frndint) and series on reduced arguments, good to a few units in
 * the 64th bit: rounded once to double, that is the correctly rounded
 * result nearly always, which is what msvcrt's fsin/fpatan/fyl2x/f2xm1 give
 * on a real x87. The emulated CPU's own transcendental instructions are not
 * used: Unicorn computes them through the host's double precision, which
 * loses the extended bits (acos(0.5) came out one unit low that way).
 */
#define PIO2_1 1.57079632673412561417L           /* pi/2 in three pieces of 33 bits */
#define PIO2_2 6.07710050630396597660e-11L
#define PIO2_3 2.02226624879595063154e-21L
#define PI_L 3.14159265358979323846264338327950288L
#define PIO2_L 1.57079632679489661923132169163975144L
#define LN2_HI 0.693147180369123816490L          /* ln 2 in two pieces */
#define LN2_LO 1.90821492927058770002e-10L
#define LN2_L 0.693147180559945309417232121458176568L
#define INV_LN10_L 0.434294481903251827651128918916605082L

/* x as m * 2^e with m in [1, 2) (fxtract, exact). */
static XFLOAT Extract(XFLOAT x, XFLOAT *exponent)
{
    XFLOAT m, e;
    __asm__("fxtract" : "=t"(m), "=u"(e) : "0"(x));
    *exponent = e;
    return m;
}

/* Pieces of pi/2 taken from x: x = k * pi/2 + r, |r| <= pi/4. */
static XFLOAT ReduceHalfPi(XFLOAT x, int *quadrant)
{
    if (Fabs(x) <= PI_L / 4) {
        *quadrant = 0;
        return x;
    }
    if (Fabs(x) < 1e9L) {
        XFLOAT k = Frndint(x / PIO2_L);
        *quadrant = (int)((long long)k & 3);
        return ((x - k * PIO2_1) - k * PIO2_2) - k * PIO2_3;
    }
    /* Huge arguments: the x87's own remainder. */
    XFLOAT r = Fprem1(x, PIO2_L), q;
    unsigned short sw;
    __asm__("fnstsw %0" : "=m"(sw));
    q = (XFLOAT)(((sw >> 14) & 1) | (((sw >> 8) & 1) << 1) | (((sw >> 9) & 1) << 2));
    *quadrant = (int)q & 3;
    return r;
}

static XFLOAT SinSeries(XFLOAT r)
{
    XFLOAT r2 = r * r, term = r, sum = r;
    for (int n = 2; n < 30; n += 2) {
        term *= -r2 / (XFLOAT)(n * (n + 1));
        sum += term;
    }
    return sum;
}

static XFLOAT CosSeries(XFLOAT r)
{
    XFLOAT r2 = r * r, term = 1, sum = 1;
    for (int n = 1; n < 30; n += 2) {
        term *= -r2 / (XFLOAT)(n * (n + 1));
        sum += term;
    }
    return sum;
}

static XFLOAT SinX(XFLOAT x)
{
    int q;
    XFLOAT r = ReduceHalfPi(x, &q);
    switch (q) {
    case 0: return SinSeries(r);
    case 1: return CosSeries(r);
    case 2: return -SinSeries(r);
    default: return -CosSeries(r);
    }
}

static XFLOAT CosX(XFLOAT x)
{
    int q;
    XFLOAT r = ReduceHalfPi(x, &q);
    switch (q) {
    case 0: return CosSeries(r);
    case 1: return -SinSeries(r);
    case 2: return -CosSeries(r);
    default: return SinSeries(r);
    }
}

/* atan on [0, inf): to [0, 1] by 1/x, then two halvings
 * (atan x = 2 atan(x / (1 + sqrt(1 + x^2)))), then the series. */
static XFLOAT AtanX(XFLOAT x)
{
    int negative = x < 0, inverted = 0;
    if (negative) {
        x = -x;
    }
    if (x > 1) {
        x = 1 / x;
        inverted = 1;
    }
    for (int i = 0; i < 2; i++) {
        x = x / (1 + Fsqrt(1 + x * x));
    }
    XFLOAT x2 = x * x, term = x, sum = x;
    for (int n = 3; n < 60; n += 2) {
        term *= -x2;
        sum += term / n;
    }
    sum *= 4;
    if (inverted) {
        sum = PIO2_L - sum;
    }
    return negative ? -sum : sum;
}

static XFLOAT Atan2X(XFLOAT y, XFLOAT x)
{
    if (x == 0) {
        if (y == 0) {
            return Fpatan(y, x);      /* signed zeros and pi: the x87's table */
        }
        return y > 0 ? PIO2_L : -PIO2_L;
    }
    XFLOAT a = AtanX(Fabs(y / x));
    if (x < 0) {
        a = PI_L - a;
    }
    return (y < 0 || (y == 0 && (Bits((double)y) >> 63))) ? -a : a;
}

/* e^x: x = k ln2 + r, |r| <= ln2/2, e^r by its series, scaled by 2^k. */
static XFLOAT ExpX(XFLOAT x)
{
    if (x > 12000) {
        return Fscale(1, 20000);
    }
    if (x < -12000) {
        return 0;
    }
    XFLOAT k = Frndint(x / LN2_L);
    XFLOAT r = (x - k * LN2_HI) - k * LN2_LO;
    XFLOAT term = 1, sum = 1;
    for (int n = 1; n < 24; n++) {
        term *= r / n;
        sum += term;
    }
    return Fscale(sum, k);
}

/* ln x for x > 0: x = m 2^e with m in [sqrt(1/2), sqrt(2)), then
 * ln m = 2 atanh((m - 1) / (m + 1)) by its series. */
static XFLOAT LogX(XFLOAT x)
{
    XFLOAT e;
    XFLOAT m = Extract(x, &e);
    if (m > 1.41421356237309504880L) {
        m /= 2;
        e += 1;
    }
    XFLOAT s = (m - 1) / (m + 1), s2 = s * s, term = s, sum = s;
    for (int n = 3; n < 40; n += 2) {
        term *= s2;
        sum += term / n;
    }
    return (e * LN2_HI + 2 * sum) + e * LN2_LO;
}

/* ------------------------------------------------------------ trigonometry */
double CDECL sin(double x)
{
    if (IsInf(x)) {
        return DomainError();
    }
    return IsNan(x) ? Quiet(x) : (double)SinX(x);
}

double CDECL cos(double x)
{
    if (IsInf(x)) {
        return DomainError();
    }
    return IsNan(x) ? Quiet(x) : (double)CosX(x);
}

double CDECL tan(double x)
{
    if (IsInf(x)) {
        return DomainError();
    }
    if (IsNan(x)) {
        return Quiet(x);
    }
    int q;
    XFLOAT r = ReduceHalfPi(x, &q);
    XFLOAT s = SinSeries(r), c = CosSeries(r);
    return (double)((q & 1) ? -c / s : s / c);
}

double CDECL atan(double x) { return IsNan(x) ? NanDomainError(x) : (double)AtanX(x); }

double CDECL atan2(double y, double x)
{
    if (IsNan(x) || IsNan(y)) {
        return IsNan(y) ? y : x;
    }
    if (IsInf(x) || IsInf(y)) {
        return (double)Fpatan(y, x);
    }
    return (double)Atan2X(y, x);
}

double CDECL asin(double x)
{
    if (IsNan(x)) {
        return Quiet(x);
    }
    if (x > 1 || x < -1) {
        return DomainError();
    }
    XFLOAT v = x;
    return (double)Atan2X(v, Fsqrt((1 - v) * (1 + v)));
}

double CDECL acos(double x)
{
    if (IsNan(x)) {
        return Quiet(x);
    }
    if (x > 1 || x < -1) {
        return DomainError();
    }
    XFLOAT v = x;
    return (double)Atan2X(Fsqrt((1 - v) * (1 + v)), v);
}

/* ------------------------------------------------------------ exponentials */
double CDECL exp(double x)
{
    if (IsNan(x)) {
        return NanDomainError(x);
    }
    if (IsInf(x)) {
        return x > 0 ? x : 0.0;
    }
    XFLOAT r = ExpX(x);
    double d = (double)r;
    if (IsInf(d) || d == 0) {
        errno = ERANGE;
    }
    return d;
}

double CDECL log(double x)
{
    if (IsNan(x)) {
        return x;
    }
    if (x < 0) {
        return DomainError();
    }
    if (x == 0) {
        errno = ERANGE;
        return -Infinity();
    }
    if (IsInf(x)) {
        return x;
    }
    return (double)LogX(x);
}

double CDECL log10(double x)
{
    if (IsNan(x)) {
        return x;
    }
    if (x < 0) {
        return DomainError();
    }
    if (x == 0) {
        errno = ERANGE;
        return -Infinity();
    }
    if (IsInf(x)) {
        return x;
    }
    return (double)(LogX(x) * INV_LN10_L);
}

double CDECL sqrt(double x)
{
    if (x < 0) {
        return DomainError();
    }
    return (double)Fsqrt(x);
}

static int IsInteger(double y)
{
    return !IsInf(y) && !IsNan(y) && (double)Frndint(y) == y;
}

static int IsOdd(double y)
{
    XFLOAT half = (XFLOAT)y / 2;
    return IsInteger(y) && Frndint(half) != half;
}

double CDECL pow(double x, double y)
{
    if (y == 0) {
        return 1.0;
    }
    if (IsNan(x) || IsNan(y)) {
        return x == 1 ? 1.0 : IsNan(x) ? x : y;
    }
    if (x == 0) {
        if (y < 0) {
            errno = ERANGE;
            return IsOdd(y) ? (Bits(x) >> 63 ? -Infinity() : Infinity()) : Infinity();
        }
        return IsOdd(y) ? x : 0.0;
    }
    if (IsInf(y)) {
        XFLOAT ax = Fabs(x);
        if (ax == 1) {
            return 1.0;
        }
        return (ax > 1) == (y > 0) ? Infinity() : 0.0;
    }
    if (IsInf(x)) {
        if (x > 0) {
            return y > 0 ? x : 0.0;
        }
        return y > 0 ? (IsOdd(y) ? x : -x) : (IsOdd(y) ? -0.0 : 0.0);
    }
    int negative = 0;
    XFLOAT base = x;
    if (x < 0) {
        if (!IsInteger(y)) {
            return DomainError();
        }
        negative = IsOdd(y);
        base = -base;
    }
    XFLOAT r;
    if (IsInteger(y) && Fabs(y) <= 64) {
        /* Small whole powers by squaring, in extended precision. */
        unsigned int n = (unsigned int)(Fabs(y));
        XFLOAT acc = 1, sq = base;
        while (n) {
            if (n & 1) {
                acc *= sq;
            }
            sq *= sq;
            n >>= 1;
        }
        r = y < 0 ? 1 / acc : acc;
    } else {
        r = ExpX(y * LogX(base));
    }
    if (negative) {
        r = -r;
    }
    double d = (double)r;
    if (IsInf(d) || d == 0) {
        errno = ERANGE;
    }
    return d;
}

/* sinh and tanh near zero by their series (e^x - e^-x cancels there). */
static XFLOAT SinhSmall(XFLOAT x)
{
    XFLOAT x2 = x * x, term = x, sum = x;
    for (int n = 2; n < 40; n += 2) {
        term *= x2 / (XFLOAT)(n * (n + 1));
        sum += term;
    }
    return sum;
}

double CDECL sinh(double x)
{
    if (IsNan(x) || IsInf(x)) {
        return IsNan(x) ? Quiet(x) : x;
    }
    if (Fabs(x) < 0.5L) {
        return (double)SinhSmall(x);
    }
    XFLOAT e = ExpX(x);
    return RangeCheck((e - 1 / e) / 2);
}

double CDECL cosh(double x)
{
    if (IsNan(x)) {
        return Quiet(x);
    }
    if (IsInf(x)) {
        return Infinity();
    }
    XFLOAT e = ExpX(x);
    return RangeCheck((e + 1 / e) / 2);
}

double CDECL tanh(double x)
{
    if (IsNan(x)) {
        return NanDomainError(x);
    }
    if (Fabs(x) > 23) {
        return x > 0 ? 1.0 : -1.0;
    }
    if (Fabs(x) < 0.5L) {
        XFLOAT s = SinhSmall(x);
        return (double)(s / Fsqrt(1 + s * s));
    }
    XFLOAT e2 = ExpX(2 * (XFLOAT)x);
    return (double)((e2 - 1) / (e2 + 1));
}

/* ------------------------------------------------------------ exact ones */
double CDECL fabs(double x) { return (double)Fabs(x); }

/* The integer significand and the exponent of its last bit. */
static ULONGLONG Significand(double x, int *exponent)
{
    ULONGLONG b = Bits(x) & 0x7FFFFFFFFFFFFFFFull;
    int biased = (int)(b >> 52);
    ULONGLONG m = b & 0xFFFFFFFFFFFFFull;
    if (biased) {
        m |= 1ull << 52;
    } else {
        biased = 1;
    }
    *exponent = biased - 1075;
    return m;
}

/* fmod is exact: the remainder by long division, a bit at a time (the
 * x87's fprem would do, but the emulated one loses bits when the quotient
 * is huge). */
double CDECL fmod(double x, double y)
{
    if (IsNan(x) || IsNan(y)) {
        return IsNan(x) ? x : y;
    }
    if (y == 0 || IsInf(x)) {
        return DomainError();
    }
    if (IsInf(y) || x == 0) {
        return x;
    }
    int ex, ey;
    ULONGLONG mx = Significand(x, &ex), my = Significand(y, &ey);
    if (ex < ey || (ex == ey && mx < my)) {
        if (Fabs(x) < Fabs(y)) {
            return x;
        }
    }
    ULONGLONG r = mx;
    for (; ex > ey; ex--) {
        r %= my;
        r <<= 1;
    }
    r %= my;
    double result = (double)Fscale((XFLOAT)r, (XFLOAT)ex);
    return Bits(x) >> 63 ? -result : result;
}

static double RoundWith(double x, unsigned short mode)
{
    if (IsNan(x) || IsInf(x)) {
        return x;
    }
    unsigned short cw, rounding;
    __asm__ volatile("fnstcw %0" : "=m"(cw));
    rounding = (unsigned short)((cw & ~0x0C00) | mode);
    __asm__ volatile("fldcw %0" : : "m"(rounding));
    double r = (double)Frndint(x);
    __asm__ volatile("fldcw %0" : : "m"(cw));
    return r;
}

double CDECL floor(double x) { return RoundWith(x, 0x0400); }
double CDECL ceil(double x) { return RoundWith(x, 0x0800); }

double CDECL ldexp(double x, int e)
{
    if (IsNan(x) || IsInf(x) || x == 0) {
        return x;
    }
    XFLOAT r = Fscale(x, (XFLOAT)e);
    double d = (double)r;
    if (IsInf(d) || (d == 0 && r != 0)) {
        errno = ERANGE;
    }
    return d;
}

double CDECL frexp(double x, int *e)
{
    ULONGLONG b = Bits(x);
    int biased = (int)((b >> 52) & 0x7FF);
    *e = 0;
    if (x == 0 || IsNan(x) || IsInf(x)) {
        return x;
    }
    if (biased == 0) {            /* subnormal: scale up first */
        x *= 18014398509481984.0; /* 2^54 */
        b = Bits(x);
        biased = (int)((b >> 52) & 0x7FF) - 54;
        *e = biased - 1022;
        b = (b & 0x800FFFFFFFFFFFFFull) | (1022ull << 52);
    } else {
        *e = biased - 1022;
        b = (b & 0x800FFFFFFFFFFFFFull) | (1022ull << 52);
    }
    union { ULONGLONG u; double d; } v = {b};
    return v.d;
}

double CDECL modf(double x, double *whole)
{
    if (IsNan(x)) {
        *whole = x;
        return x;
    }
    if (IsInf(x)) {
        *whole = x;
        return x > 0 ? 0.0 : -0.0;
    }
    double w = RoundWith(x, 0x0C00);   /* toward zero */
    *whole = w;
    double f = x - w;
    return f == 0 ? (Bits(x) >> 63 ? -0.0 : 0.0) : f;
}

double CDECL _hypot(double x, double y)
{
    if (IsInf(x) || IsInf(y)) {
        return Infinity();
    }
    if (IsNan(x) || IsNan(y)) {
        return IsNan(x) ? x : y;
    }
    XFLOAT a = x, b = y;
    return RangeCheck(Fsqrt(a * a + b * b));
}

double CDECL _copysign(double x, double y)
{
    union { ULONGLONG u; double d; } v = {(Bits(x) & ~(1ull << 63)) | (Bits(y) & (1ull << 63))};
    return v.d;
}

double CDECL _chgsign(double x)
{
    union { ULONGLONG u; double d; } v = {Bits(x) ^ (1ull << 63)};
    return v.d;
}

int CDECL _finite(double x) { return !IsNan(x) && !IsInf(x); }
int CDECL _isnan(double x) { return IsNan(x); }

/* _fpclass: msvcrt's classes. */
int CDECL _fpclass(double x)
{
    ULONGLONG b = Bits(x);
    int negative = (int)(b >> 63);
    ULONGLONG exponent = (b >> 52) & 0x7FF, fraction = b & 0xFFFFFFFFFFFFFull;
    if (exponent == 0x7FF) {
        if (fraction == 0) {
            return negative ? 0x0004 : 0x0200;   /* _FPCLASS_NINF, _FPCLASS_PINF */
        }
        return (fraction >> 51) ? 0x0002 : 0x0001; /* _FPCLASS_QNAN, _FPCLASS_SNAN */
    }
    if (exponent == 0) {
        if (fraction == 0) {
            return negative ? 0x0020 : 0x0040;   /* _FPCLASS_NZ, _FPCLASS_PZ */
        }
        return negative ? 0x0010 : 0x0080;       /* _FPCLASS_ND, _FPCLASS_PD */
    }
    return negative ? 0x0008 : 0x0100;           /* _FPCLASS_NN, _FPCLASS_PN */
}

double CDECL _logb(double x)
{
    if (IsNan(x)) {
        return x;
    }
    if (IsInf(x)) {
        return Infinity();
    }
    if (x == 0) {
        errno = ERANGE;
        return -Infinity();
    }
    XFLOAT r, m;
    __asm__("fxtract" : "=t"(m), "=u"(r) : "0"((XFLOAT)x));
    (void)m;
    return (double)r;
}

double CDECL _scalb(double x, long e) { return ldexp(x, e > 0x7FFFFFF ? 0x7FFFFFF : e < -0x7FFFFFF ? -0x7FFFFFF : (int)e); }

double CDECL _nextafter(double x, double y)
{
    if (IsNan(x) || IsNan(y)) {
        return IsNan(x) ? x : y;
    }
    if (x == y) {
        return y;
    }
    ULONGLONG b = Bits(x);
    if (x == 0) {
        b = (Bits(y) & (1ull << 63)) | 1;
    } else if ((x < y) == !(b >> 63)) {
        b++;
    } else {
        b--;
    }
    union { ULONGLONG u; double d; } v = {b};
    if (IsInf(v.d) || ((v.u & 0x7FF0000000000000ull) == 0)) {
        errno = ERANGE;
    }
    return v.d;
}

double CDECL _cabs(double re, double im) { return _hypot(re, im); }

/* ------------------------------------------------------------ the control word */
#define _MCW_EM 0x0008001Fu
#define _MCW_IC 0x00040000u
#define _MCW_RC 0x00000300u
#define _MCW_PC 0x00030000u

static unsigned int FromX87(unsigned short cw)
{
    unsigned int r = 0;
    if (cw & 0x01) r |= 0x10;       /* _EM_INVALID */
    if (cw & 0x02) r |= 0x80000;    /* _EM_DENORMAL */
    if (cw & 0x04) r |= 0x08;       /* _EM_ZERODIVIDE */
    if (cw & 0x08) r |= 0x04;       /* _EM_OVERFLOW */
    if (cw & 0x10) r |= 0x02;       /* _EM_UNDERFLOW */
    if (cw & 0x20) r |= 0x01;       /* _EM_INEXACT */
    switch (cw & 0x0C00) {
    case 0x0400: r |= 0x100; break; /* _RC_DOWN */
    case 0x0800: r |= 0x200; break; /* _RC_UP */
    case 0x0C00: r |= 0x300; break; /* _RC_CHOP */
    }
    switch (cw & 0x0300) {
    case 0x0000: r |= 0x20000; break; /* _PC_24 */
    case 0x0200: r |= 0x10000; break; /* _PC_53 */
    }
    if (cw & 0x1000) r |= 0x40000;  /* _IC_AFFINE */
    return r;
}

static unsigned short ToX87(unsigned int v, unsigned short cw)
{
    cw &= 0xE0C0;
    if (v & 0x10) cw |= 0x01;
    if (v & 0x80000) cw |= 0x02;
    if (v & 0x08) cw |= 0x04;
    if (v & 0x04) cw |= 0x08;
    if (v & 0x02) cw |= 0x10;
    if (v & 0x01) cw |= 0x20;
    switch (v & 0x300) {
    case 0x100: cw |= 0x0400; break;
    case 0x200: cw |= 0x0800; break;
    case 0x300: cw |= 0x0C00; break;
    }
    switch (v & 0x30000) {
    case 0x00000: cw |= 0x0300; break;
    case 0x10000: cw |= 0x0200; break;
    }
    if (v & 0x40000) cw |= 0x1000;
    return cw;
}

unsigned int CDECL _control87(unsigned int value, unsigned int mask)
{
    unsigned short cw;
    __asm__ volatile("fnstcw %0" : "=m"(cw));
    unsigned int current = FromX87(cw);
    if (mask) {
        current = (current & ~mask) | (value & mask);
        cw = ToX87(current, cw);
        __asm__ volatile("fldcw %0" : : "m"(cw));
    }
    return current;
}

/* _controlfp: _control87 without the denormal mask. */
unsigned int CDECL _controlfp(unsigned int value, unsigned int mask)
{
    return _control87(value, mask & ~0x80000u);
}

static unsigned int StatusFromX87(unsigned short sw)
{
    unsigned int r = 0;
    if (sw & 0x01) r |= 0x10;      /* _SW_INVALID */
    if (sw & 0x02) r |= 0x80000;   /* _SW_DENORMAL */
    if (sw & 0x04) r |= 0x08;      /* _SW_ZERODIVIDE */
    if (sw & 0x08) r |= 0x04;      /* _SW_OVERFLOW */
    if (sw & 0x10) r |= 0x02;      /* _SW_UNDERFLOW */
    if (sw & 0x20) r |= 0x01;      /* _SW_INEXACT */
    return r;
}

unsigned int CDECL _statusfp(void)
{
    unsigned short sw;
    __asm__ volatile("fnstsw %0" : "=m"(sw));
    return StatusFromX87(sw);
}

unsigned int CDECL _clearfp(void)
{
    unsigned short sw;
    __asm__ volatile("fnstsw %0\n\tfnclex" : "=m"(sw));
    return StatusFromX87(sw);
}

/* _fpreset: msvcrt's default, 53-bit precision, every exception masked (0x27F). */
void CDECL _fpreset(void)
{
    unsigned short cw = 0x027F;
    __asm__ volatile("fninit\n\tfldcw %0" : : "m"(cw));
}

/* ------------------------------------------------------------ _CI helpers
 * msvcrt's register-call forms (what MSVC's intrinsics call): the argument
 * in st(0) (for two, x in st(1) and y in st(0)), the result in st(0). */
#define CI1(name, function)                                                                        \
    __asm__(".globl __CI" #name "\n"                                                               \
            "__CI" #name ":\n\t"                                                                   \
            "subl $8, %esp\n\t"                                                                    \
            "fstpl (%esp)\n\t"                                                                     \
            "call _" #function "\n\t"                                                              \
            "addl $8, %esp\n\t"                                                                    \
            "ret\n");
#define CI2(name, function)                                                                        \
    __asm__(".globl __CI" #name "\n"                                                               \
            "__CI" #name ":\n\t"                                                                   \
            "subl $16, %esp\n\t"                                                                   \
            "fstpl 8(%esp)\n\t"                                                                    \
            "fstpl (%esp)\n\t"                                                                     \
            "call _" #function "\n\t"                                                              \
            "addl $16, %esp\n\t"                                                                   \
            "ret\n");
CI1(sin, sin)
CI1(cos, cos)
CI1(tan, tan)
CI1(asin, asin)
CI1(acos, acos)
CI1(atan, atan)
CI1(sinh, sinh)
CI1(cosh, cosh)
CI1(tanh, tanh)
CI1(exp, exp)
CI1(log, log)
CI1(log10, log10)
CI1(sqrt, sqrt)
CI2(pow, pow)
CI2(atan2, atan2)
CI2(fmod, fmod)
