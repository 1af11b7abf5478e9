/* argv as the Microsoft runtime splits the command line, and getenv: the
 * variables every Windows session sets (SystemRoot, windir, OS, Path as
 * Windows sets them on an installation in C:\Windows), the one --env
 * replaced (TEMP, named in another case) and the ones it added. */
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
    printf("SystemRoot=%s windir=%s OS=%s\n", getenv("SystemRoot"), getenv("WINDIR"), getenv("OS"));
    printf("PATH=%s\n", getenv("PATH"));
    printf("TEMP=%s\n", getenv("TEMP"));
    return argc;
}
