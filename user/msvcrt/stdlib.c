/* Numbers from strings, rand, _abs64 and div (atoi, atol, abs, labs and
 * bsearch are ntdll's, re-exported by name: msvcrt.def). */
#include "msvcrt/crtfill.h"

#define ERANGE 34
#define LONG_MAX_ 0x7FFFFFFFL
#define LONG_MIN_ (-LONG_MAX_ - 1)

static int Space(int c) { return c == ' ' || (c >= 9 && c <= 13); }

static int DigitValue(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

/* The shared parser: sign, base prefix, digits; saturates at `limit`. */
static ULONGLONG ParseUnsigned(const char *s, char **end, int base, ULONGLONG limit, int *negative,
                               int *overflow)
{
    const char *p = s;
    while (Space((unsigned char)*p)) {
        p++;
    }
    *negative = 0;
    if (*p == '+' || *p == '-') {
        *negative = *p++ == '-';
    }
    /* A 0x prefix is taken whatever follows: "-0x" reads no digits, so
     * *end is the start (Wine's msvcrt tests string.c:1821-1824). */
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 32) == 'x') {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = *p == '0' ? 8 : 10;
    }
    ULONGLONG value = 0;
    const char *digits = p;
    *overflow = 0;
    for (; DigitValue((unsigned char)*p) < base; p++) {
        ULONGLONG next = value * (ULONGLONG)base + (ULONGLONG)DigitValue((unsigned char)*p);
        if (next / (ULONGLONG)base != value || next > limit) {
            *overflow = 1;
            next = limit;
        }
        value = next;
    }
    if (end) {
        *end = (char *)(p == digits ? s : p);
    }
    return value;
}

long CDECL strtol(const char *s, char **end, int base)
{
    int negative, overflow;
    ULONGLONG v = ParseUnsigned(s, end, base, 0x80000000ull, &negative, &overflow);
    if (!negative && v > (ULONGLONG)LONG_MAX_) {
        *_errno() = ERANGE;
        return LONG_MAX_;
    }
    if (overflow) {
        *_errno() = ERANGE;
        return negative ? LONG_MIN_ : LONG_MAX_;
    }
    return negative ? (long)(0 - v) : (long)v;
}

unsigned long CDECL strtoul(const char *s, char **end, int base)
{
    int negative, overflow;
    ULONGLONG v = ParseUnsigned(s, end, base, 0xFFFFFFFFull, &negative, &overflow);
    if (overflow) {   /* saturated, then negated: "-4294967296" is 1 (string.c:1814-1817) */
        *_errno() = ERANGE;
        v = 0xFFFFFFFFull;
    }
    return negative ? (unsigned long)(0 - v) : (unsigned long)v;
}

LONGLONG CDECL _strtoi64(const char *s, char **end, int base)
{
    int negative, overflow;
    ULONGLONG v = ParseUnsigned(s, end, base, 0x8000000000000000ull, &negative, &overflow);
    if (!negative && v > 0x7FFFFFFFFFFFFFFFull) {
        *_errno() = ERANGE;
        return 0x7FFFFFFFFFFFFFFFll;
    }
    if (overflow) {   /* _I64_MIN, with ERANGE (string.c:1895-1899) */
        *_errno() = ERANGE;
    }
    return negative ? (LONGLONG)(0 - v) : (LONGLONG)v;
}

ULONGLONG CDECL _strtoui64(const char *s, char **end, int base)
{
    int negative, overflow;
    ULONGLONG v = ParseUnsigned(s, end, base, ~0ull, &negative, &overflow);
    if (overflow) {
        *_errno() = ERANGE;
    }
    return negative ? 0 - v : v;
}

LONGLONG CDECL _atoi64(const char *s) { return _strtoi64(s, NULL, 10); }

/* strtod and atof: decimal.c */

LONGLONG CDECL _abs64(LONGLONG v) { return v < 0 ? -v : v; }

typedef struct DIV_T {
    int quot, rem;
} DIV_T;

/* div returns its struct in EDX:EAX (an 8-byte struct, as msvcrt does). */
ULONGLONG CDECL div(int numerator, int denominator)
{
    DIV_T r = {numerator / denominator, numerator % denominator};
    ULONGLONG packed;
    memcpy(&packed, &r, sizeof packed);
    return packed;
}

ULONGLONG CDECL ldiv(long numerator, long denominator)
{
    return div((int)numerator, (int)denominator);
}

/* msvcrt's linear congruential generator, its seed each thread's own
 * (msvcrt's _holdrand): a new thread starts at 1 whatever another seeded. */
void CDECL srand(unsigned int seed) { CrtThreadData()->HoldRand = seed - 1u; }

int CDECL rand(void)
{
    CRT_THREAD_DATA *data = CrtThreadData();
    unsigned long seed = (data->HoldRand + 1u) * 214013u + 2531011u;
    data->HoldRand = seed - 1u;
    return (int)((seed >> 16) & 0x7FFF);
}

/* rand_s: a number from the system's generator (RtlGenRandom; here the
 * machine's random stream, ke/random.c), not from rand's seed. NULL is
 * EINVAL. */
int CDECL rand_s(unsigned int *value)
{
    if (!value) {
        return CrtSetErrno(EINVAL, 0), EINVAL;
    }
    if (!NT_SUCCESS(NtmmGenerateRandom(value, sizeof *value))) {
        *value = 0;
        return CrtSetErrno(EINVAL, 0), EINVAL;
    }
    return 0;
}
