/*
 * setjmp/longjmp as msvcrt has them for 32-bit code: mingw's <setjmp.h>
 * calls _setjmp3(buf, NULL). The buffer is msvcrt's _JUMP_BUFFER: Ebp,
 * Ebx, Edi, Esi, Esp, Eip, Registration (fs:[0]), TryLevel, Cookie…
 * longjmp first unwinds the exception frames registered since setjmp
 * (their __finally blocks run), then restores the registers.
 */
#include "msvcrt/crt.h"

__asm__(
    ".globl __setjmp3\n"
    "__setjmp3:\n"
    ".globl __setjmp\n"
    "__setjmp:\n"
    "    movl 4(%esp), %edx\n"
    "    movl %ebp, 0(%edx)\n"
    "    movl %ebx, 4(%edx)\n"
    "    movl %edi, 8(%edx)\n"
    "    movl %esi, 12(%edx)\n"
    "    leal 4(%esp), %ecx\n"          /* ESP after our return (cdecl) */
    "    movl %ecx, 16(%edx)\n"
    "    movl (%esp), %ecx\n"
    "    movl %ecx, 20(%edx)\n"         /* EIP: our return address */
    "    movl %fs:0, %ecx\n"
    "    movl %ecx, 24(%edx)\n"         /* Registration */
    "    movl $-1, 28(%edx)\n"          /* TryLevel */
    "    movl $0x56433230, 32(%edx)\n"  /* Cookie "VC20" */
    "    movl $0, 36(%edx)\n"           /* UnwindFunc */
    "    xorl %eax, %eax\n"
    "    ret\n");

/* Restores the registers and jumps; never returns. */
__asm__(
    ".globl _CrtLongJumpRestore\n"
    "_CrtLongJumpRestore:\n"
    "    movl 4(%esp), %edx\n"          /* buffer */
    "    movl 8(%esp), %eax\n"          /* value */
    "    movl 0(%edx), %ebp\n"
    "    movl 4(%edx), %ebx\n"
    "    movl 8(%edx), %edi\n"
    "    movl 12(%edx), %esi\n"
    "    movl 16(%edx), %esp\n"
    "    jmp *20(%edx)\n");
void CrtLongJumpRestore(const ULONG *buffer, int value) __attribute__((noreturn));

void CDECL longjmp(ULONG *buffer, int value)
{
    if (value == 0) {
        value = 1;
    }
    ULONG registration = buffer[6];
    if (TebRead(TEB_EXCEPTION_LIST) != registration) {
        RtlUnwind((PVOID)registration, NULL, NULL, 0);
    }
    CrtLongJumpRestore(buffer, value);
}
