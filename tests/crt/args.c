/* argv as the Microsoft runtime splits the command line, and getenv. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    printf("argc %d\n", argc);
    for (int i = 1; i < argc; i++) {
        printf("argv[%d] [%s]\n", i, argv[i]);
    }
    printf("NTMM_COLOR=%s\n", getenv("NTMM_COLOR"));
    printf("EMPTY=[%s]\n", getenv("EMPTY"));
    printf("MISSING is %s\n", getenv("MISSING") ? "set" : "not set");
    return argc;
}
