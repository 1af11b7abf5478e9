/* The start-up benchmark's program: a stock C hello, for mingw-w64 (run
 * under ntmm) and for the host (the native baseline). */
#include <stdio.h>

int main(void)
{
    printf("hello, world\n");
    return 0;
}
