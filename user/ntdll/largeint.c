/*
 * 64-bit arithmetic as ntdll exports it: NT's LARGE_INTEGER helpers
 * (kernel-mode drivers' heritage, still in user mode's ntdll), and the
 * helpers Microsoft's compiler calls for 64-bit division, remainder,
 * multiplication and shifts on x86. The division and multiplication
 * helpers are stdcall: the callee pops both operands. The shifts take
 * their operand in EDX:EAX and the count in CL alone (so 0x108 shifts by
 * 8), and a count of 64 or more leaves nothing, or the sign, behind.
 */
#include "inc/ntguest.h"

/* The high 64 bits of the unsigned 128-bit product a * b. */
static ULONGLONG MultiplyHigh(ULONGLONG a, ULONGLONG b)
{
    ULONGLONG a_lo = (ULONG)a, a_hi = a >> 32, b_lo = (ULONG)b, b_hi = b >> 32;
    ULONGLONG low = a_lo * b_lo, middle1 = a_hi * b_lo, middle2 = a_lo * b_hi;
    ULONGLONG carry = ((low >> 32) + (ULONG)middle1 + (ULONG)middle2) >> 32;
    return a_hi * b_hi + (middle1 >> 32) + (middle2 >> 32) + carry;
}

/* Division by a constant, as a multiplication by its reciprocal: the
 * high half of |dividend| * magic, shifted right, with the dividend's
 * sign. */
LONGLONG NTAPI RtlExtendedMagicDivide(LONGLONG dividend, LONGLONG magic, CHAR shift)
{
    BOOLEAN negative = dividend < 0;
    ULONGLONG magnitude = negative ? 0 - (ULONGLONG)dividend : (ULONGLONG)dividend;
    ULONGLONG quotient = MultiplyHigh(magnitude, (ULONGLONG)magic) >> (shift & 63);
    return negative ? -(LONGLONG)quotient : (LONGLONG)quotient;
}

LONGLONG NTAPI RtlLargeIntegerAdd(LONGLONG a, LONGLONG b)
{
    return (LONGLONG)((ULONGLONG)a + (ULONGLONG)b);
}

LONGLONG NTAPI RtlLargeIntegerSubtract(LONGLONG a, LONGLONG b)
{
    return (LONGLONG)((ULONGLONG)a - (ULONGLONG)b);
}

LONGLONG NTAPI RtlLargeIntegerNegate(LONGLONG a)
{
    return (LONGLONG)(0 - (ULONGLONG)a);
}

LONGLONG NTAPI RtlLargeIntegerShiftLeft(LONGLONG a, CHAR count)
{
    return (LONGLONG)((ULONGLONG)a << (count & 63));
}

LONGLONG NTAPI RtlLargeIntegerShiftRight(LONGLONG a, CHAR count)
{
    return (LONGLONG)((ULONGLONG)a >> (count & 63));
}

LONGLONG NTAPI RtlLargeIntegerArithmeticShift(LONGLONG a, CHAR count)
{
    return a >> (count & 63);
}

/* Unsigned, as NT's: both operands are taken as ULARGE_INTEGERs. */
LONGLONG NTAPI RtlLargeIntegerDivide(LONGLONG dividend, LONGLONG divisor, LONGLONG *remainder)
{
    ULONGLONG quotient = (ULONGLONG)dividend / (ULONGLONG)divisor;
    if (remainder) {
        *remainder = (LONGLONG)((ULONGLONG)dividend - quotient * (ULONGLONG)divisor);
    }
    return (LONGLONG)quotient;
}

LONGLONG NTAPI RtlExtendedIntegerMultiply(LONGLONG a, LONG b)
{
    return (LONGLONG)((ULONGLONG)a * (ULONGLONG)(LONGLONG)b);
}

LONGLONG NTAPI RtlExtendedLargeIntegerDivide(LONGLONG dividend, ULONG divisor, ULONG *remainder)
{
    LONGLONG quotient = dividend / (LONGLONG)divisor;
    if (remainder) {
        *remainder = (ULONG)(dividend - quotient * (LONGLONG)divisor);
    }
    return quotient;
}

LONGLONG NTAPI RtlEnlargedIntegerMultiply(LONG a, LONG b)
{
    return (LONGLONG)a * b;
}

ULONGLONG NTAPI RtlEnlargedUnsignedMultiply(ULONG a, ULONG b)
{
    return (ULONGLONG)a * b;
}

ULONG NTAPI RtlEnlargedUnsignedDivide(ULONGLONG dividend, ULONG divisor, ULONG *remainder)
{
    ULONG quotient = (ULONG)(dividend / divisor);
    if (remainder) {
        *remainder = (ULONG)(dividend % divisor);
    }
    return quotient;
}

LONGLONG NTAPI RtlConvertLongToLargeInteger(LONG a)
{
    return a;
}

ULONGLONG NTAPI RtlConvertUlongToLargeInteger(ULONG a)
{
    return a;
}

LONGLONG NTAPI _alldiv(LONGLONG a, LONGLONG b)
{
    return a / b;
}

LONGLONG NTAPI _allrem(LONGLONG a, LONGLONG b)
{
    return a % b;
}

LONGLONG NTAPI _allmul(LONGLONG a, LONGLONG b)
{
    return (LONGLONG)((ULONGLONG)a * (ULONGLONG)b);
}

ULONGLONG NTAPI _aulldiv(ULONGLONG a, ULONGLONG b)
{
    return a / b;
}

ULONGLONG NTAPI _aullrem(ULONGLONG a, ULONGLONG b)
{
    return a % b;
}

/* The shifts: EDX:EAX by CL, result in EDX:EAX, nothing on the stack. */
__asm__(".text\n"
        ".globl __allshl\n"
        "__allshl:\n"
        "    cmpb $64, %cl\n"
        "    jae 2f\n"
        "    cmpb $32, %cl\n"
        "    jae 1f\n"
        "    shldl %cl, %eax, %edx\n"
        "    shll %cl, %eax\n"
        "    ret\n"
        "1:  movl %eax, %edx\n"
        "    xorl %eax, %eax\n"
        "    shll %cl, %edx\n" /* the CPU counts CL modulo 32 */
        "    ret\n"
        "2:  xorl %eax, %eax\n"
        "    xorl %edx, %edx\n"
        "    ret\n"
        ".globl __allshr\n"
        "__allshr:\n"
        "    cmpb $64, %cl\n"
        "    jae 2f\n"
        "    cmpb $32, %cl\n"
        "    jae 1f\n"
        "    shrdl %cl, %edx, %eax\n"
        "    sarl %cl, %edx\n"
        "    ret\n"
        "1:  movl %edx, %eax\n"
        "    sarl $31, %edx\n"
        "    sarl %cl, %eax\n"
        "    ret\n"
        "2:  sarl $31, %edx\n"
        "    movl %edx, %eax\n"
        "    ret\n"
        ".globl __aullshr\n"
        "__aullshr:\n"
        "    cmpb $64, %cl\n"
        "    jae 2f\n"
        "    cmpb $32, %cl\n"
        "    jae 1f\n"
        "    shrdl %cl, %edx, %eax\n"
        "    shrl %cl, %edx\n"
        "    ret\n"
        "1:  movl %edx, %eax\n"
        "    xorl %edx, %edx\n"
        "    shrl %cl, %eax\n"
        "    ret\n"
        "2:  xorl %eax, %eax\n"
        "    xorl %edx, %edx\n"
        "    ret\n");
