/*
 * The byte-order swaps ntdll exports on x86, fastcall (Wine's rtl.c
 * test_RtlByteSwap calls them so, lines 355-378): RtlUshortByteSwap and
 * RtlUlongByteSwap take their value in ecx; RtlUlonglongByteSwap takes its
 * 64-bit value on the stack, pops it, and answers in edx:eax. Written in
 * assembly because the export names carry no fastcall decoration.
 */
__asm__(".globl _RtlUshortByteSwap@4\n"
        "_RtlUshortByteSwap@4:\n\t"
        "movl %ecx, %eax\n\t"
        "xchgb %al, %ah\n\t"
        "ret\n"
        ".globl _RtlUlongByteSwap@4\n"
        "_RtlUlongByteSwap@4:\n\t"
        "movl %ecx, %eax\n\t"
        "bswap %eax\n\t"
        "ret\n"
        ".globl _RtlUlonglongByteSwap@8\n"
        "_RtlUlonglongByteSwap@8:\n\t"
        "movl 4(%esp), %edx\n\t"
        "movl 8(%esp), %eax\n\t"
        "bswap %edx\n\t"
        "bswap %eax\n\t"
        "ret $8\n");
