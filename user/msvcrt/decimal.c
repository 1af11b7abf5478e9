/*
 * Decimal text to binary floating point, correctly rounded (to nearest,
 * ties to even), for strtod/atof, _atodbl/_atoflt/_atoldbl and
 * __STRINGTOLD. msvcrt's syntax: spaces, a sign, digits with at most one
 * '.', then an exponent after 'e', 'E', 'd' or 'D'; no "inf" or "nan".
 *
 * The digits make an integer D and the exponent a power of ten: the value
 * is D * 10^e exactly. For e >= 0 that is one big integer; for e < 0 it is
 * the quotient of D * 2^k by 10^-e, k chosen so that the quotient has more
 * bits than the format keeps, with "something remained" as a sticky bit.
 * The bits are then rounded once to the format: 24, 53 or 64 significant
 * bits, subnormals included (Wine's msvcrt tests string.c, test__strtod,
 * test__atodbl and test___STRINGTOLD, give Windows' answers at the edges).
 */
#include "msvcrt/crt.h"

#define MAX_DIGITS 800      /* more significant digits only set the sticky bit */
#define LIMBS 700           /* 22,400 bits: 10^5000 and an 800-digit D */
#define DECIMAL_RANGE 5000  /* 10^5000 is beyond every format's range */

typedef struct BIGNUM {
    ULONG Limb[LIMBS];   /* little-endian base 2^32 */
    int Used;
} BIGNUM;

static void MultiplySmall(BIGNUM *b, ULONG factor, ULONG add)
{
    ULONGLONG carry = add;
    for (int i = 0; i < b->Used; i++) {
        ULONGLONG v = (ULONGLONG)b->Limb[i] * factor + carry;
        b->Limb[i] = (ULONG)v;
        carry = v >> 32;
    }
    if (carry && b->Used < LIMBS) {
        b->Limb[b->Used++] = (ULONG)carry;
    }
}

static void MultiplyPowerOfTen(BIGNUM *b, int n)
{
    for (; n >= 9; n -= 9) {
        MultiplySmall(b, 1000000000u, 0);
    }
    ULONG rest = 1;
    while (n-- > 0) {
        rest *= 10;
    }
    MultiplySmall(b, rest, 0);
}

static int BitLength(const BIGNUM *b)
{
    if (!b->Used) {
        return 0;
    }
    ULONG top = b->Limb[b->Used - 1];
    int bits = 0;
    while (top) {
        bits++;
        top >>= 1;
    }
    return (b->Used - 1) * 32 + bits;
}

static int Bit(const BIGNUM *b, int i)
{
    if (i < 0 || i / 32 >= b->Used) {
        return 0;
    }
    return (int)(b->Limb[i / 32] >> (i % 32)) & 1;
}

/* Is any bit below bit i set? */
static int AnyBelow(const BIGNUM *b, int i)
{
    if (i <= 0) {
        return 0;
    }
    int whole = i / 32 < b->Used ? i / 32 : b->Used;
    for (int k = 0; k < whole; k++) {
        if (b->Limb[k]) {
            return 1;
        }
    }
    return whole < b->Used && (i % 32) && (b->Limb[whole] & ((1u << (i % 32)) - 1));
}

static void ShiftLeft(BIGNUM *b, int bits)
{
    int limbs = bits / 32, rest = bits % 32;
    int used = b->Used + limbs + 1 > LIMBS ? LIMBS : b->Used + limbs + 1;
    for (int i = used - 1; i >= 0; i--) {
        int from = i - limbs;
        ULONG high = from >= 0 && from < b->Used ? b->Limb[from] : 0;
        ULONG low = from - 1 >= 0 && from - 1 < b->Used ? b->Limb[from - 1] : 0;
        b->Limb[i] = rest ? (high << rest) | (low >> (32 - rest)) : high;
    }
    b->Used = used;
    while (b->Used && !b->Limb[b->Used - 1]) {
        b->Used--;
    }
}

static void ShiftRightOne(BIGNUM *b)
{
    for (int i = 0; i < b->Used; i++) {
        b->Limb[i] = (b->Limb[i] >> 1) | (i + 1 < b->Used ? b->Limb[i + 1] << 31 : 0);
    }
    while (b->Used && !b->Limb[b->Used - 1]) {
        b->Used--;
    }
}

static int Compare(const BIGNUM *a, const BIGNUM *b)
{
    if (a->Used != b->Used) {
        return a->Used < b->Used ? -1 : 1;
    }
    for (int i = a->Used - 1; i >= 0; i--) {
        if (a->Limb[i] != b->Limb[i]) {
            return a->Limb[i] < b->Limb[i] ? -1 : 1;
        }
    }
    return 0;
}

static void Subtract(BIGNUM *a, const BIGNUM *b)   /* a >= b */
{
    LONGLONG borrow = 0;
    for (int i = 0; i < a->Used; i++) {
        LONGLONG v = (LONGLONG)a->Limb[i] - (i < b->Used ? b->Limb[i] : 0) - borrow;
        borrow = v < 0;
        a->Limb[i] = (ULONG)v;
    }
    while (a->Used && !a->Limb[a->Used - 1]) {
        a->Used--;
    }
}

/* Parses msvcrt's decimal syntax; fills `digits` (significant, no leading
 * zeros), their count, the power of ten and whether digits were dropped.
 * Returns where the number ends, or NULL when there is none. */
static const char *Scan(const char *s, int *negative, char *digits, int *count, int *power, int *dropped)
{
    const char *p = s;
    while (*p == ' ' || (*p >= 9 && *p <= 13)) {
        p++;
    }
    *negative = 0;
    if (*p == '+' || *p == '-') {
        *negative = *p++ == '-';
    }
    int any = 0, n = 0, scale = 0, lost = 0;
    for (; *p >= '0' && *p <= '9'; p++, any = 1) {
        if (n || *p != '0') {
            if (n < MAX_DIGITS) {
                digits[n++] = *p;
            } else {
                scale++;
                lost |= *p != '0';
            }
        }
    }
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, any = 1) {
            if (n || *p != '0') {
                if (n < MAX_DIGITS) {
                    digits[n++] = *p;
                    scale--;
                } else {
                    lost |= *p != '0';
                }
            } else {
                scale--;
            }
        }
    }
    if (!any) {
        return NULL;
    }
    if (*p == 'e' || *p == 'E' || *p == 'd' || *p == 'D') {
        const char *e = p + 1;
        int exp_negative = 0, exponent = 0;
        if (*e == '+' || *e == '-') {
            exp_negative = *e++ == '-';
        }
        if (*e >= '0' && *e <= '9') {
            for (; *e >= '0' && *e <= '9'; e++) {
                if (exponent < 100000) {
                    exponent = exponent * 10 + (*e - '0');
                }
            }
            scale += exp_negative ? -exponent : exponent;
            p = e;
        }
    }
    *count = n;
    *power = scale;
    *dropped = lost;
    return p;
}

/* The three numbers a parse works on, 8 KB: from the heap, per call. */
typedef struct SCRATCH {
    BIGNUM M, Divisor, Quotient;
    char Digits[MAX_DIGITS];
} SCRATCH;

/* M * 2^x (+ sticky below M's last bit) = D * 10^power, M with more than
 * `bits` bits when power < 0. */
static void Exact(SCRATCH *w, int count, int power, int bits, int *x, int *sticky)
{
    BIGNUM *m = &w->M;
    m->Used = 0;
    for (int i = 0; i < count; i++) {
        MultiplySmall(m, 10, (ULONG)(w->Digits[i] - '0'));
    }
    *x = 0;
    if (power >= 0) {
        MultiplyPowerOfTen(m, power);
        return;
    }
    BIGNUM *d = &w->Divisor, *q = &w->Quotient;
    d->Used = 1;
    d->Limb[0] = 1;
    MultiplyPowerOfTen(d, -power);
    int k = BitLength(d) - BitLength(m) + bits + 3;
    if (k > 0) {
        ShiftLeft(m, k);
        *x = -k;
    }
    /* long division, a quotient bit at a time from the top */
    int shift = BitLength(m) - BitLength(d);
    q->Used = shift >= 0 ? shift / 32 + 1 : 0;
    memset(q->Limb, 0, sizeof(ULONG) * (size_t)q->Used);
    if (shift >= 0) {
        ShiftLeft(d, shift);
        for (int i = shift; i >= 0; i--) {
            if (Compare(m, d) >= 0) {
                Subtract(m, d);
                q->Limb[i / 32] |= 1u << (i % 32);
            }
            ShiftRightOne(d);
        }
    }
    *sticky |= m->Used != 0;
    while (q->Used && !q->Limb[q->Used - 1]) {
        q->Used--;
    }
    *m = *q;
}

int CrtParseFloat(const char *s, const char **end, const CRT_FLOAT_FORMAT *format, CRT_FLOAT *out)
{
    memset(out, 0, sizeof *out);
    SCRATCH *w = malloc(sizeof *w);
    if (!w) {
        *end = s;
        return CRT_FLOAT_NONE;
    }
    int count, power, sticky;
    const char *stop = Scan(s, &out->Negative, w->Digits, &count, &power, &sticky);
    *end = stop ? stop : s;
    int leading = count + power;   /* the value is below 10^leading, at least 10^(leading - 1) */
    if (!stop || !count || leading > DECIMAL_RANGE || leading < -DECIMAL_RANGE) {
        free(w);
        if (!stop) {
            return CRT_FLOAT_NONE;
        }
        if (count && leading > 0) {
            out->Exponent = format->MaxBiased;
            return CRT_FLOAT_OVERFLOW;
        }
        out->DecimalUnderflow = count != 0;
        return count ? CRT_FLOAT_UNDERFLOW : CRT_FLOAT_OK;
    }
    int x;
    Exact(w, count, power, format->Bits, &x, &sticky);
    const BIGNUM *m = &w->M;

    /* Round M * 2^x to format->Bits bits, or fewer below the normal range. */
    int length = BitLength(m);
    int top = length - 1 + x;                   /* the leading bit's power of two */
    int min_exponent = 1 - format->Bias;
    int lsb = (top >= min_exponent ? top : min_exponent) - (format->Bits - 1);   /* the last kept bit's */
    int drop = lsb - x;                          /* bits of M below it */
    ULONGLONG mantissa = 0;
    for (int i = length - 1; i >= drop && i >= 0; i--) {
        mantissa = (mantissa << 1) | (ULONGLONG)Bit(m, i);
    }
    if (drop < 0) {
        mantissa <<= -drop;
    }
    int half = Bit(m, drop - 1);
    int rest = sticky || AnyBelow(m, drop - 1);
    free(w);
    ULONGLONG before = mantissa;
    if (half && (rest || (mantissa & 1))) {
        mantissa++;
    }
    int carried = format->Bits == 64 ? mantissa < before : (mantissa >> format->Bits) != 0;
    if (carried) {
        mantissa = 1ull << (format->Bits - 1);   /* 1.000... at the next power */
        lsb++;
    }
    int biased = (mantissa >> (format->Bits - 1)) ? lsb + (format->Bits - 1) + format->Bias : 0;
    if (biased >= format->MaxBiased) {
        out->Exponent = format->MaxBiased;
        return CRT_FLOAT_OVERFLOW;
    }
    out->Mantissa = mantissa;
    out->Exponent = biased;
    if (!biased) {
        out->DecimalUnderflow = leading - 1 < format->DecimalMin;
        return mantissa ? CRT_FLOAT_SUBNORMAL : CRT_FLOAT_UNDERFLOW;
    }
    return CRT_FLOAT_OK;
}

/* DecimalMin: the leading digit's power of ten under which a zero or
 * subnormal result is reported as an underflow by __STRINGTOLD (3.65e-4951,
 * the smallest 80-bit subnormal, and 1.82e-4951, which rounds to zero, are
 * not; 1e-99999 is). */
const CRT_FLOAT_FORMAT CrtFloatSingle = {24, 127, 255, -45};
const CRT_FLOAT_FORMAT CrtFloatDouble = {53, 1023, 2047, -324};
const CRT_FLOAT_FORMAT CrtFloatExtended = {64, 16383, 32767, -4951};

double CrtFloatToDouble(const CRT_FLOAT *f)
{
    union {
        ULONGLONG u;
        double d;
    } v;
    v.u = ((ULONGLONG)(f->Negative != 0) << 63) | ((ULONGLONG)f->Exponent << 52) | (f->Mantissa & ((1ull << 52) - 1));
    return v.d;
}

/* ------------------------------------------------------------- the entries */
#define CRT_OVERFLOW 3    /* math.h's _OVERFLOW and _UNDERFLOW */
#define CRT_UNDERFLOW 4

static int Outcome(int status)
{
    return status == CRT_FLOAT_OVERFLOW                                        ? CRT_OVERFLOW
           : status == CRT_FLOAT_UNDERFLOW || status == CRT_FLOAT_SUBNORMAL ? CRT_UNDERFLOW
                                                                            : 0;
}

/* strtod: ERANGE with +-HUGE_VAL for what is too large, with 0 for what
 * rounds to nothing; "inf" and "nan" are no numbers to msvcrt (Wine's
 * msvcrt tests string.c, test__strtod). */
double CDECL strtod(const char *s, char **end)
{
    if (!s) {
        CrtSetErrno(EINVAL, 0);
        if (end) {
            *end = NULL;
        }
        return 0;
    }
    CRT_FLOAT f;
    const char *stop;
    int status = CrtParseFloat(s, &stop, &CrtFloatDouble, &f);
    if (end) {
        *end = (char *)stop;
    }
    if (status == CRT_FLOAT_OVERFLOW || status == CRT_FLOAT_UNDERFLOW) {
        CrtSetErrno(ERANGE, 0);
    }
    return CrtFloatToDouble(&f);
}

double CDECL atof(const char *s) { return strtod(s, NULL); }

/* _atodbl, _atoflt, _atoldbl: the value, and 0, _OVERFLOW (the value
 * infinite) or _UNDERFLOW (subnormal or zero); errno is left alone
 * (Wine's msvcrt tests string.c, test__atodbl: "1e-309" is _UNDERFLOW
 * with the subnormal, "1e309" _OVERFLOW). */
int CDECL _atodbl(CRT_DOUBLE_VALUE *value, char *text)
{
    CRT_FLOAT f;
    const char *stop;
    int status = CrtParseFloat(text, &stop, &CrtFloatDouble, &f);
    value->x = CrtFloatToDouble(&f);
    return Outcome(status);
}

int CDECL _atoflt(CRT_FLOAT_VALUE *value, char *text)
{
    CRT_FLOAT f;
    const char *stop;
    int status = CrtParseFloat(text, &stop, &CrtFloatSingle, &f);
    union {
        ULONG u;
        float f;
    } v = {((ULONG)(f.Negative != 0) << 31) | ((ULONG)f.Exponent << 23) | ((ULONG)f.Mantissa & 0x7FFFFF)};
    value->f = v.f;
    return Outcome(status);
}

/* The 80-bit format: the 64-bit significand (its leading one explicit),
 * then the sign and the 15-bit exponent, little-endian. */
static void StoreExtended(CRT_LDOUBLE_VALUE *value, const CRT_FLOAT *f)
{
    ULONGLONG mantissa = f->Exponent == CrtFloatExtended.MaxBiased ? 1ull << 63 : f->Mantissa;
    USHORT top = (USHORT)((f->Negative ? 0x8000 : 0) | f->Exponent);
    memcpy(value->ld, &mantissa, 8);
    memcpy(value->ld + 8, &top, 2);
}

int CDECL _atoldbl(CRT_LDOUBLE_VALUE *value, char *text)
{
    CRT_FLOAT f;
    const char *stop;
    int status = CrtParseFloat(text, &stop, &CrtFloatExtended, &f);
    StoreExtended(value, &f);
    return Outcome(status);
}

/* __STRINGTOLD: 0, 1 for an exponent below the format's reach, 2 for an
 * overflow (infinity), 4 when there is no number (value 0, *end the text);
 * errno is left alone (Wine's msvcrt tests string.c, test___STRINGTOLD). */
int CDECL __STRINGTOLD(CRT_LDOUBLE_VALUE *value, char **end, const char *text, int flags)
{
    (void)flags;
    CRT_FLOAT f;
    const char *stop;
    int status = CrtParseFloat(text, &stop, &CrtFloatExtended, &f);
    if (end) {
        *end = (char *)stop;
    }
    if (status == CRT_FLOAT_NONE) {
        memset(value->ld, 0, sizeof value->ld);
        return 4;
    }
    StoreExtended(value, &f);
    return status == CRT_FLOAT_OVERFLOW ? 2 : f.DecimalUnderflow ? 1 : 0;
}
