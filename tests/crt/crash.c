/* A C program that reads through a null pointer and has no handler: the
 * C runtime's top-level filter lets it through, the process ends with
 * 0xC0000005 (host exit status 5) and ntmm says where, on one line. */
#include <stdio.h>

struct node {
    int a, b, c, d;
    int value; /* at offset 0x10 */
};

int main(void)
{
    volatile struct node *node = NULL;
    printf("reading node->value through a null pointer\n");
    fflush(stdout);
    return node->value;
}
