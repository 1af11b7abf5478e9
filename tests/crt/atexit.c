/* atexit and _onexit handlers run last-registered first; buffered output
 * written before exit is flushed. */
#include <stdio.h>
#include <stdlib.h>

static void First(void) { printf("first registered, runs last\n"); }
static void Second(void) { printf("second\n"); }
static int Third(void) { printf("third registered, runs first\n"); return 0; }

int main(void)
{
    atexit(First);
    atexit(Second);
    _onexit(Third);
    printf("main returns 9\n");
    return 9;
}
