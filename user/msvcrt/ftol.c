/*
 * _ftol: what code built by Visual C++ calls to turn a floating-point
 * value into an integer ((long)x, (__int64)x): the value on the x87
 * stack is popped and returned in EDX:EAX, truncated toward zero as C
 * converts (the rounding mode is set to chop for the one store and put
 * back). A value out of range gives the x87's integer indefinite,
 * 0x8000000000000000, as msvcrt's does.
 */
#include "msvcrt/crt.h"

__asm__(
    ".globl __ftol\n"
    "__ftol:\n"
    "    pushl %ebp\n"
    "    movl %esp, %ebp\n"
    "    subl $12, %esp\n"
    "    fnstcw -2(%ebp)\n"             /* the caller's control word */
    "    movzwl -2(%ebp), %eax\n"
    "    orb $0x0C, %ah\n"              /* rounding: toward zero */
    "    movw %ax, -4(%ebp)\n"
    "    fldcw -4(%ebp)\n"
    "    fistpll -12(%ebp)\n"
    "    fldcw -2(%ebp)\n"
    "    movl -12(%ebp), %eax\n"
    "    movl -8(%ebp), %edx\n"
    "    leave\n"
    "    ret\n");
