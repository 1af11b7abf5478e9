/* printf conformance: every line is compared byte for byte with what
 * msvcrt.dll prints (printf.expected). */
#include <stdio.h>

int main(void)
{
    printf("[%d] [%5d] [%-5d] [%05d] [%+d] [% d]\n", 42, 42, 42, 42, 42, 42);
    printf("[%d] [%5d] [%-5d] [%05d] [%+d] [% d]\n", -42, -42, -42, -42, -42, -42);
    printf("[%i] [%.3d] [%8.3d] [%-8.3d|]\n", 7, 7, -7, 7);
    printf("[%u] [%x] [%X] [%o] [%#x] [%#X] [%#o] [%#x]\n", 3000000000u, 255, 255, 8, 255, 255, 8, 0);
    printf("[%ld] [%lu] [%lx]\n", -123456789L, 4000000000UL, 0xdeadbeefUL);
    printf("[%lld] [%llu] [%llx] [%I64d]\n", -9223372036854775807LL - 1, 18446744073709551615ULL,
           0x123456789abcdefULL, 1234567890123LL);
    printf("[%hd] [%hu] [%hhd]\n", (short)-1, (unsigned short)65535, (signed char)-5);
    printf("[%c] [%3c] [%-3c] [%%]\n", 'A', 'B', 'C');
    printf("[%s] [%.3s] [%10s] [%-10s] [%*s] [%-*s]\n", "hello", "hello", "right", "left", 6, "w", 6, "w");
    printf("[%p] [%p]\n", (void *)0x1234, (void *)0);
    printf("[%zu] [%u]\n", sizeof(double), (unsigned)sizeof(long long));
    printf("[%f] [%.2f] [%.0f] [%.0f] [%.0f] [%.1f]\n", 3.14159265, 2.675, 0.5, 1.5, 2.5, 0.05);
    printf("[%.2f] [%.3f] [%10.3f] [%-10.2f] [%+.1f] [%010.2f]\n", 0.125, 1.0005, 3.14159, 2.5, 2.25, -1.5);
    printf("[%f] [%f] [%.10f]\n", 1e10, -0.0, 1.0 / 3.0);
    printf("[%e] [%.2e] [%E] [%.0e] [%e]\n", 12345.678, 0.000123456, 1e-300, 5e10, 0.0);
    printf("[%g] [%g] [%g] [%g] [%g] [%g]\n", 0.0001, 0.00001, 123456789.0, 100000.0, 1e6, 1.5);
    printf("[%.3g] [%.10g] [%#g] [%G] [%g]\n", 3.14159, 2.0 / 3.0, 1.0, 1e-20, 0.0);
    printf("[%5.1f] [%.15g] [%.17g]\n", 9.96, 0.1, 0.1);
    printf("[%f] [%e]\n", 1.7976931348623157e308, 4.9406564584124654e-324);
    printf("[%.20f]\n", 1e-5);
    return 0;
}
